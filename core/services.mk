# Public services of libnewsflow beyond the article model (HTTP client, text segmentation,
# field maps, test helpers): each adds its sources and headers here.

# HTTP client (newsflow/http.h): libcurl's multi interface, shared by the http and feed
# fetchers and by any plugin that talks to a web service.
nfinclude_HEADERS += core/newsflow/http.h
core_libnewsflow_la_SOURCES += core/http.c
core_libnewsflow_la_LIBADD += $(CURL_LIBS)
core_libnewsflow_la_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)

# libnewsflow-testing: the harness plugin authors unit-test their plugins with
# (newsflow/testing.h, pkg-config newsflow-testing).
lib_LTLIBRARIES += core/libnewsflow-testing.la
nfinclude_HEADERS += core/newsflow/testing.h
core_libnewsflow_testing_la_SOURCES = core/testing.c
core_libnewsflow_testing_la_LIBADD = core/libnewsflow-engine.la core/libnewsflow.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(CONFUSE_LIBS)
core_libnewsflow_testing_la_LDFLAGS = -version-info $(NF_LT_VERSION) -no-undefined -export-symbols-regex '^nf_test_' $(SANITIZER_FLAGS)

# Made here rather than by configure so the .pc stays next to the library it describes.
pkgconfig_DATA += core/newsflow-testing.pc
CLEANFILES += core/newsflow-testing.pc
EXTRA_DIST += core/newsflow-testing.pc.in
core/newsflow-testing.pc: core/newsflow-testing.pc.in Makefile
	$(AM_V_GEN)$(MKDIR_P) core && sed \
	  -e 's|@prefix[@]|$(prefix)|g' -e 's|@exec_prefix[@]|$(exec_prefix)|g' \
	  -e 's|@libdir[@]|$(libdir)|g' -e 's|@includedir[@]|$(includedir)|g' \
	  -e 's|@PACKAGE_VERSION[@]|$(PACKAGE_VERSION)|g' $(srcdir)/core/newsflow-testing.pc.in > $@

# Field maps: the JSON keys holding an article's title, text, date... (fetch "jsonl", parse "json").
nfinclude_HEADERS += core/newsflow/fieldmap.h
core_libnewsflow_la_SOURCES += core/fieldmap.c

# Field selection and flattening for formatters (json, csv): newsflow/fields.h.
core_libnewsflow_la_SOURCES += core/fields.c
nfinclude_HEADERS += core/newsflow/fields.h

# Charsets (newsflow/charset.h): the charset a content type declares and lossy conversion to
# UTF-8, shared by the text and html parsers.
nfinclude_HEADERS += core/newsflow/charset.h
core_libnewsflow_la_SOURCES += core/charset.c

# Articles between newsflow processes (newsflow/wire.h): the exact GVariant form fetch and
# format "nats" send over a message broker.
nfinclude_HEADERS += core/newsflow/wire.h
core_libnewsflow_la_SOURCES += core/wire.c

# Hostile-input safety (newsflow/safe.h): file names from article content that stay in their
# directory, and text for terminals and outputs without control characters or bad UTF-8.
nfinclude_HEADERS += core/newsflow/safe.h
core_libnewsflow_la_SOURCES += core/safe.c

# The lenient date reader (newsflow/date.h): ISO 8601, RFC 1123, numeric and named days in
# the detected languages (month and weekday names from CLDR through ICU).
nfinclude_HEADERS += core/newsflow/date.h
core_libnewsflow_la_SOURCES += core/date.c
core_libnewsflow_la_LIBADD += $(ICU_LIBS)
core_libnewsflow_la_CFLAGS += $(ICU_CFLAGS)
