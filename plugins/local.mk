# plugins/: one loadable module per plugin, named KIND_NAME so the loader can find it.
plugin_LTLIBRARIES += \
	plugins/fetch/fetch_files.la \
	plugins/parse/parse_text.la \
	plugins/extract/extract_stats.la \
	plugins/format/format_json.la

plugins_fetch_fetch_files_la_SOURCES = plugins/fetch/files.c
plugins_fetch_fetch_files_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_fetch_files_la_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
plugins_fetch_fetch_files_la_LIBADD = $(PLUGIN_LIBADD) $(ZLIB_LIBS)

plugins_parse_parse_text_la_SOURCES = plugins/parse/text.c
plugins_parse_parse_text_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_parse_parse_text_la_CFLAGS = $(AM_CFLAGS) $(UCHARDET_CFLAGS)
plugins_parse_parse_text_la_LIBADD = $(PLUGIN_LIBADD) $(UCHARDET_LIBS)

plugins_extract_extract_stats_la_SOURCES = plugins/extract/stats.c
plugins_extract_extract_stats_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_stats_la_LIBADD = $(PLUGIN_LIBADD)

plugins_format_format_json_la_SOURCES = plugins/format/json.c
plugins_format_format_json_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_format_format_json_la_LIBADD = $(PLUGIN_LIBADD)

# Each further plugin describes its build in its own fragment, next to its source.
include plugins/fetch/net.mk
include plugins/fetch/data.mk
include plugins/parse/parse.mk
include plugins/extract/nlp.mk
include plugins/extract/more.mk
include plugins/extract/lua.mk
include plugins/format/format.mk
include plugins/nats/nats.mk
