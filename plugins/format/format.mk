# format "csv", "markdown", "html", "sqlite", "elasticsearch".
plugin_LTLIBRARIES += \
	plugins/format/format_csv.la \
	plugins/format/format_elasticsearch.la

plugins_format_format_csv_la_SOURCES = plugins/format/csv.c
plugins_format_format_csv_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_format_format_csv_la_LIBADD = $(PLUGIN_LIBADD)

plugins_format_format_elasticsearch_la_SOURCES = plugins/format/elasticsearch.c
plugins_format_format_elasticsearch_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_format_format_elasticsearch_la_LIBADD = $(PLUGIN_LIBADD)

plugin_LTLIBRARIES += plugins/format/format_sqlite.la
plugins_format_format_sqlite_la_SOURCES = plugins/format/sqlite.c
plugins_format_format_sqlite_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_format_format_sqlite_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
plugins_format_format_sqlite_la_LIBADD = $(PLUGIN_LIBADD) $(SQLITE_LIBS)

plugin_LTLIBRARIES += plugins/format/format_markdown.la
plugins_format_format_markdown_la_SOURCES = plugins/format/markdown.c
plugins_format_format_markdown_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_format_format_markdown_la_LIBADD = $(PLUGIN_LIBADD)

plugin_LTLIBRARIES += plugins/format/format_html.la
plugins_format_format_html_la_SOURCES = plugins/format/html.c
plugins_format_format_html_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_format_format_html_la_LIBADD = $(PLUGIN_LIBADD)

# format "postgresql" (libpq): built when configure finds libpq-dev.
if HAVE_LIBPQ
plugin_LTLIBRARIES += plugins/format/format_postgresql.la
plugins_format_format_postgresql_la_SOURCES = plugins/format/postgresql.c
plugins_format_format_postgresql_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_format_format_postgresql_la_CFLAGS = $(AM_CFLAGS) $(LIBPQ_CFLAGS)
plugins_format_format_postgresql_la_LIBADD = $(PLUGIN_LIBADD) $(LIBPQ_LIBS)
else
EXTRA_DIST += plugins/format/postgresql.c
endif
