# fetch and format "nats": NATS JetStream through the official C client (libnats), built
# when configure finds it.  One folder for the pair, which share connect.h (connection,
# TLS, credentials, stream creation); the modules land with the other fetchers and formatters.
if HAVE_NATS
# libnats keeps threads of its own (timers, the garbage collector) until the process ends:
# the modules, and with them libnats, must stay mapped after the registry closes them.
NATS_PLUGIN_LDFLAGS = $(PLUGIN_LDFLAGS) -Wl,-z,nodelete
plugin_LTLIBRARIES += plugins/fetch/fetch_nats.la plugins/format/format_nats.la

plugins_fetch_fetch_nats_la_SOURCES = plugins/nats/fetch.c plugins/nats/connect.h
plugins_fetch_fetch_nats_la_LDFLAGS = $(NATS_PLUGIN_LDFLAGS)
plugins_fetch_fetch_nats_la_CFLAGS = $(AM_CFLAGS) $(NATS_CFLAGS)
plugins_fetch_fetch_nats_la_LIBADD = $(PLUGIN_LIBADD) $(NATS_LIBS)

plugins_format_format_nats_la_SOURCES = plugins/nats/format.c plugins/nats/connect.h
plugins_format_format_nats_la_LDFLAGS = $(NATS_PLUGIN_LDFLAGS)
plugins_format_format_nats_la_CFLAGS = $(AM_CFLAGS) $(NATS_CFLAGS)
plugins_format_format_nats_la_LIBADD = $(PLUGIN_LIBADD) $(NATS_LIBS)
else
EXTRA_DIST += plugins/nats/fetch.c plugins/nats/format.c plugins/nats/connect.h
endif
