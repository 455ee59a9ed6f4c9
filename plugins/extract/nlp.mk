# extract "entities" and "quotes": rules and gazetteers (etc/newsflow/gazetteers/,
# etc/newsflow/speech-verbs.txt); nlp/lexicon.c loads the word lists for both.
plugin_LTLIBRARIES += \
	plugins/extract/extract_entities.la \
	plugins/extract/extract_quotes.la

NLP_LEXICON = plugins/extract/nlp/lexicon.c plugins/extract/nlp/lexicon.h
# the learned name tagger: an averaged perceptron (reusable by other taggers) and its features
NLP_TAGGER = \
	plugins/extract/nlp/perceptron.c plugins/extract/nlp/perceptron.h \
	plugins/extract/nlp/ner.c plugins/extract/nlp/ner.h

ENTITIES_RULES = \
	plugins/extract/entities/entities.h plugins/extract/entities/rules.c \
	plugins/extract/entities/passes.c plugins/extract/entities/passes.h \
	plugins/extract/entities/states.c plugins/extract/entities/groups.c \
	plugins/extract/entities/roles.c

plugins_extract_extract_entities_la_SOURCES = \
	plugins/extract/entities/entities.c plugins/extract/entities/tagger.c \
	$(ENTITIES_RULES) $(NLP_LEXICON) $(NLP_TAGGER)
plugins_extract_extract_entities_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/plugins/extract
plugins_extract_extract_entities_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_entities_la_LIBADD = $(PLUGIN_LIBADD) -lm

# the steps of extract "quotes" (plugins/extract/quotes/quotes.h), also compiled into
# tests/unit/test-quotes-linear
QUOTES_STEPS = plugins/extract/quotes/quotes.h \
	plugins/extract/quotes/tokens.c plugins/extract/quotes/index.c plugins/extract/quotes/marks.c \
	plugins/extract/quotes/names.c plugins/extract/quotes/cue-names.c \
	plugins/extract/quotes/canonical.c plugins/extract/quotes/roles.c \
	plugins/extract/quotes/pronouns.c plugins/extract/quotes/speaker.c \
	plugins/extract/quotes/attribution.c plugins/extract/quotes/standalone.c \
	plugins/extract/quotes/output.c plugins/extract/quotes/references.c
plugins_extract_extract_quotes_la_SOURCES = plugins/extract/quotes/quotes.c $(QUOTES_STEPS) $(NLP_LEXICON)
plugins_extract_extract_quotes_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/plugins/extract
plugins_extract_extract_quotes_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_quotes_la_LIBADD = $(PLUGIN_LIBADD)

# newsflow-train entities: writes the model extract "entities" loads (docs/training.md)
bin_PROGRAMS += newsflow-train
# (with the rules: what they find is a feature of the model)
newsflow_train_SOURCES = plugins/extract/nlp/train.c $(NLP_LEXICON) $(NLP_TAGGER) $(ENTITIES_RULES)
newsflow_train_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/plugins/extract/nlp -I$(srcdir)/plugins/extract
newsflow_train_LDADD = $(top_builddir)/core/libnewsflow.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(CONFUSE_LIBS) -lm
