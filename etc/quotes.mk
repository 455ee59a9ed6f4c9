# Word lists of extract "quotes" (role words before names, outlet and organisation heads that
# are never a speaking person; the given names for pronoun gender are in gazetteers/, shared
# with extract "entities").
quotesdatadir = $(chaindir)/quotes
dist_quotesdata_DATA = \
	etc/newsflow/quotes/roles.txt \
	etc/newsflow/quotes/not-persons.txt \
	etc/newsflow/quotes/org-nouns.txt \
	etc/newsflow/quotes/person-nouns.txt
EXTRA_DIST += etc/newsflow/quotes/make-person-nouns.py
