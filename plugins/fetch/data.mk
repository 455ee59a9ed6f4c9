# fetch "warc" and "jsonl"; parse "json".
plugin_LTLIBRARIES += \
	plugins/fetch/fetch_warc.la \
	plugins/fetch/fetch_jsonl.la \
	plugins/parse/parse_json.la

plugins_fetch_fetch_warc_la_SOURCES = plugins/fetch/warc.c
plugins_fetch_fetch_warc_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_fetch_warc_la_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
plugins_fetch_fetch_warc_la_LIBADD = $(PLUGIN_LIBADD) $(ZLIB_LIBS)

plugins_fetch_fetch_jsonl_la_SOURCES = plugins/fetch/jsonl.c
plugins_fetch_fetch_jsonl_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_fetch_jsonl_la_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
plugins_fetch_fetch_jsonl_la_LIBADD = $(PLUGIN_LIBADD) $(ZLIB_LIBS)

plugins_parse_parse_json_la_SOURCES = plugins/parse/json.c
plugins_parse_parse_json_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_parse_parse_json_la_LIBADD = $(PLUGIN_LIBADD)

# fetch "files" reads .zip and .tar(.gz) collections member by member (libarchive).
plugins_fetch_fetch_files_la_CFLAGS += $(LIBARCHIVE_CFLAGS)
plugins_fetch_fetch_files_la_LIBADD += $(LIBARCHIVE_LIBS)
