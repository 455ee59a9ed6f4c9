# Tests of the fetchers.

# fetch "http", fetch "feed" and the HTTP client (newsflow/http.h), against a loopback
# server (tests/data/http/server.py) each test starts on a free port.
check_PROGRAMS += tests/unit/test-http
TESTS += tests/unit/test-http
tests_unit_test_http_SOURCES = tests/unit/test-http.c
tests_unit_test_http_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_http_LDADD = $(UNIT_LDADD)

NET_FETCH_TESTS = \
	tests/integration/http-fetch.sh \
	tests/integration/http-urls.sh \
	tests/integration/feed-parse.sh \
	tests/integration/feed-follow.sh \
	tests/integration/http-tls.sh \
	tests/integration/default-collections.sh \
	tests/integration/crawl-drops.sh
TESTS += $(NET_FETCH_TESTS)
EXTRA_DIST += $(NET_FETCH_TESTS) tests/integration/http-server.sh \
	tests/data/http/server.py \
	tests/data/feed/rss2.rss tests/data/feed/rss1.rdf tests/data/feed/atom.atom \
	tests/data/feed/malformed.rss tests/data/feed/xxe.rss tests/data/feed/laughs.rss \
	tests/data/feed/not-a-feed.html tests/data/feed/follow.rss tests/data/feed/secret.txt
