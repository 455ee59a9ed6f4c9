# extract "keywords", "summary", "language", "dates", "dedupe", "filter".
plugin_LTLIBRARIES += \
	plugins/extract/extract_keywords.la \
	plugins/extract/extract_summary.la \
	plugins/extract/extract_language.la \
	plugins/extract/extract_dates.la \
	plugins/extract/extract_dedupe.la \
	plugins/extract/extract_filter.la

plugins_extract_extract_keywords_la_SOURCES = plugins/extract/keywords/keywords.c \
	plugins/extract/keywords/phrases.c plugins/extract/keywords/phrases.h plugins/extract/keywords/arena.h \
	plugins/extract/keywords/stable-sort.h \
	plugins/extract/keywords/ranker.c plugins/extract/keywords/ranker.h
plugins_extract_extract_keywords_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_keywords_la_LIBADD = $(PLUGIN_LIBADD) $(STEMMER_LIBS) -lm

plugins_extract_extract_summary_la_SOURCES = plugins/extract/summary.c
plugins_extract_extract_summary_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_summary_la_LIBADD = $(PLUGIN_LIBADD) -lm

plugins_extract_extract_language_la_SOURCES = plugins/extract/language.c \
	plugins/extract/language/fingerprints.c plugins/extract/language/fingerprints.h
plugins_extract_extract_language_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_language_la_LIBADD = $(PLUGIN_LIBADD)

plugins_extract_extract_dates_la_SOURCES = plugins/extract/dates.c
plugins_extract_extract_dates_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_dates_la_LIBADD = $(PLUGIN_LIBADD)

plugins_extract_extract_dedupe_la_SOURCES = plugins/extract/dedupe.c
plugins_extract_extract_dedupe_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_dedupe_la_LIBADD = $(PLUGIN_LIBADD)

plugins_extract_extract_filter_la_SOURCES = plugins/extract/filter.c
plugins_extract_extract_filter_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_filter_la_LIBADD = $(PLUGIN_LIBADD)

# extract "keywords"' learned ranker (ranker = "model"; tests/bench/keyword-train.py).
keywordsmodeldir = $(chaindir)/models
dist_keywordsmodel_DATA = etc/newsflow/models/keywords-en.model etc/newsflow/models/keywords-en-words.model
