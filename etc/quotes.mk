# Word lists of extract "quotes" (given names for pronoun gender, role words before names,
# outlet and organisation heads that are never a speaking person).
quotesdatadir = $(chaindir)/quotes
dist_quotesdata_DATA = \
	etc/newsflow/quotes/female-names.txt \
	etc/newsflow/quotes/male-names.txt \
	etc/newsflow/quotes/roles.txt \
	etc/newsflow/quotes/not-persons.txt \
	etc/newsflow/quotes/org-nouns.txt
