# fetch "http" and "feed" (libcurl, libxml2).
# Both fetch through the core's HTTP client (newsflow/http.h), so neither links libcurl.
plugin_LTLIBRARIES += plugins/fetch/fetch_http.la plugins/fetch/fetch_feed.la

plugins_fetch_fetch_http_la_SOURCES = plugins/fetch/http.c
plugins_fetch_fetch_http_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_fetch_http_la_LIBADD = $(PLUGIN_LIBADD)

plugins_fetch_fetch_feed_la_SOURCES = plugins/fetch/feed.c
plugins_fetch_fetch_feed_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_fetch_feed_la_CFLAGS = $(AM_CFLAGS) $(LIBXML_CFLAGS)
plugins_fetch_fetch_feed_la_LIBADD = $(PLUGIN_LIBADD) $(LIBXML_LIBS)
