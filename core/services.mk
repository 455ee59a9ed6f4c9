# Public services of libnewsflow beyond the article model (HTTP client, text segmentation,
# field maps, test helpers): each adds its sources and headers here.

# HTTP client (newsflow/http.h): libcurl's multi interface, shared by the http and feed
# fetchers and by any plugin that talks to a web service.
nfinclude_HEADERS += core/newsflow/http.h
core_libnewsflow_la_SOURCES += core/http.c
core_libnewsflow_la_LIBADD += $(CURL_LIBS)
core_libnewsflow_la_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
