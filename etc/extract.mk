# Data of the extractors keywords and summary: stopword lists per language (see
# etc/newsflow/stopwords/README), installed under $(sysconfdir)/newsflow/stopwords.
stopwordsdir = $(chaindir)/stopwords
stopwords_DATA = \
	etc/newsflow/stopwords/da.txt \
	etc/newsflow/stopwords/de.txt \
	etc/newsflow/stopwords/en.txt \
	etc/newsflow/stopwords/es.txt \
	etc/newsflow/stopwords/fi.txt \
	etc/newsflow/stopwords/fr.txt \
	etc/newsflow/stopwords/hu.txt \
	etc/newsflow/stopwords/it.txt \
	etc/newsflow/stopwords/nl.txt \
	etc/newsflow/stopwords/no.txt \
	etc/newsflow/stopwords/pt.txt \
	etc/newsflow/stopwords/ru.txt \
	etc/newsflow/stopwords/sv.txt \
	etc/newsflow/stopwords/tr.txt
EXTRA_DIST += $(stopwords_DATA) etc/newsflow/stopwords/README

# The phrase shapes of extract "keywords"' YAKE method per language (which words a key
# phrase cannot hold; etc/newsflow/keywords/README), installed under $(sysconfdir)/newsflow/keywords.
keywordsdatadir = $(chaindir)/keywords
keywordsdata_DATA = \
	etc/newsflow/keywords/de.txt \
	etc/newsflow/keywords/es.txt \
	etc/newsflow/keywords/fr.txt
EXTRA_DIST += $(keywordsdata_DATA) etc/newsflow/keywords/README

# The English lexicon of extract "keywords" (made from WordNet 3.0 by make-lexicon.py).
lexicondir = $(chaindir)/lexicon
lexicon_DATA = \
	etc/newsflow/lexicon/en-wordnet.tsv \
	etc/newsflow/lexicon/en-inflections.tsv \
	etc/newsflow/lexicon/en-closed.txt \
	etc/newsflow/lexicon/WORDNET-LICENSE
EXTRA_DIST += $(lexicon_DATA) etc/newsflow/lexicon/make-lexicon.py etc/newsflow/lexicon/README
