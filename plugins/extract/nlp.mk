# extract "entities" and "quotes": rules and gazetteers (etc/newsflow/gazetteers/,
# etc/newsflow/speech-verbs.txt); nlp/lexicon.c loads the word lists for both.
plugin_LTLIBRARIES += \
	plugins/extract/extract_entities.la \
	plugins/extract/extract_quotes.la

NLP_LEXICON = plugins/extract/nlp/lexicon.c plugins/extract/nlp/lexicon.h

plugins_extract_extract_entities_la_SOURCES = plugins/extract/entities.c $(NLP_LEXICON)
plugins_extract_extract_entities_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/plugins/extract
plugins_extract_extract_entities_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_entities_la_LIBADD = $(PLUGIN_LIBADD)

plugins_extract_extract_quotes_la_SOURCES = plugins/extract/quotes.c $(NLP_LEXICON)
plugins_extract_extract_quotes_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/plugins/extract
plugins_extract_extract_quotes_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_quotes_la_LIBADD = $(PLUGIN_LIBADD)
