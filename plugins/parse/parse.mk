# parse "html" (libxml2) and content-type dispatch.
plugin_LTLIBRARIES += plugins/parse/parse_html.la
HTML_PARSER_SOURCES = \
	plugins/parse/html/html-private.h \
	plugins/parse/html/charset.c \
	plugins/parse/html/dom.c \
	plugins/parse/html/meta.c \
	plugins/parse/html/meta-date.c \
	plugins/parse/html/meta-byline.c \
	plugins/parse/html/content.c \
	plugins/parse/html/blocks.c
plugins_parse_parse_html_la_SOURCES = plugins/parse/html/html.c $(HTML_PARSER_SOURCES)
plugins_parse_parse_html_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_parse_parse_html_la_CFLAGS = $(AM_CFLAGS) $(LIBXML_CFLAGS) $(JSON_GLIB_CFLAGS) $(ICU_CFLAGS)
plugins_parse_parse_html_la_LIBADD = $(PLUGIN_LIBADD) $(LIBXML_LIBS) $(JSON_GLIB_LIBS) $(ICU_LIBS) -lm

# parse "html"'s block model (block-model; tests/bench/html-train.py).
htmlmodeldir = $(chaindir)/models
dist_htmlmodel_DATA = etc/newsflow/models/html-blocks.model
EXTRA_DIST += tests/bench/html-train.py
