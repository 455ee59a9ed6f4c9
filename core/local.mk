# core/: libnewsflow (article model, registry, chain, runner) and the newsflow binary.
lib_LTLIBRARIES += core/libnewsflow.la

nfincludedir = $(includedir)/newsflow
nfinclude_HEADERS = \
	core/newsflow/newsflow.h \
	core/newsflow/article.h \
	core/newsflow/error.h \
	core/newsflow/json.h \
	core/newsflow/output.h \
	core/newsflow/plugin.h \
	core/newsflow/text.h \
	core/newsflow/names.h \
	core/newsflow/data.h \
	core/newsflow/sniff.h \
	core/newsflow/serialised.h
nodist_nfinclude_HEADERS = core/newsflow/version.h

core_libnewsflow_la_SOURCES = \
	core/article.c core/article-private.h \
	core/error.c \
	core/json.c \
	core/output.c \
	core/stage.c core/stage-private.h \
	core/sink.c core/sink-private.h \
	core/text.c \
	core/space.c \
	core/serialised.c core/serialised-private.h \
	core/data.c core/build-tree.h \
	core/sniff.c core/sniff-private.h

# The engine: what runs a chain (loader, runner, reports, isolation, a stage's life cycle).
# The binary and the test harness link it in; libnewsflow does not export it, so plugins
# can only use the public API (tests/integration/exports.sh checks `nm -D`).
noinst_LTLIBRARIES += core/libnewsflow-engine.la
core_libnewsflow_engine_la_SOURCES = \
	core/article-runner.c \
	core/stage-lifecycle.c \
	core/stdin-peek.c \
	core/isolate.c core/isolate.h \
	core/registry.c core/registry.h \
	core/suggest.c core/suggest.h \
	core/chain.c core/chain.h \
	core/runner.c core/runner.h \
	core/report.c core/report.h \
	core/outputs.c core/outputs.h \
	core/describe.c core/describe.h \
	core/tally.c
core_libnewsflow_engine_la_LIBADD = $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(CONFUSE_LIBS) $(LTDL_LIBS)
core_libnewsflow_la_LIBADD = $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(CONFUSE_LIBS) $(LTDL_LIBS) $(ZLIB_LIBS)
core_libnewsflow_la_LDFLAGS = -version-info $(NF_LT_VERSION) -no-undefined -export-symbols-regex '^nf_' $(SANITIZER_FLAGS)

# The binary sits at the top of the build tree (core/newsflow/ holds the headers).
bin_PROGRAMS += newsflow
newsflow_SOURCES = core/main.c
newsflow_LDADD = core/libnewsflow-engine.la core/libnewsflow.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(CONFUSE_LIBS)

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = core/newsflow.pc
EXTRA_DIST += core/newsflow.pc.in core/newsflow/version.h.in

include core/services.mk
