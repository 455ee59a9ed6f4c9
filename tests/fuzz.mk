# Fuzz targets (tests/fuzz/): one per reader of untrusted bytes.  make check replays each
# target's corpus (seeds and the reproducers of past findings) through replay-main.c with the
# ordinary compiler; make fuzz (configure --enable-fuzzing CC=clang) runs each under libFuzzer
# for FUZZ_SECONDS.  CONTRIBUTING.md says how to fuzz and what to do with a finding.
FUZZ_TARGETS = chain text html json feed warc jsonl extract
FUZZ_COMMON = tests/fuzz/fuzz-util.c tests/fuzz/fuzz.h
FUZZ_LDADD = core/libnewsflow-testing.la core/libnewsflow-engine.la core/libnewsflow.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(CONFUSE_LIBS)
FUZZ_REPLAY_TESTS =
FUZZ_BINARIES =

FUZZ_REPLAY_TESTS += tests/fuzz/replay-chain
tests_fuzz_replay_chain_SOURCES = tests/fuzz/fuzz-chain.c tests/fuzz/replay-main.c $(FUZZ_COMMON)
tests_fuzz_replay_chain_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET=\"chain\"
tests_fuzz_replay_chain_LDADD = $(FUZZ_LDADD)
FUZZ_BINARIES += tests/fuzz/fuzz-chain
tests_fuzz_fuzz_chain_SOURCES = tests/fuzz/fuzz-chain.c $(FUZZ_COMMON)
tests_fuzz_fuzz_chain_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_chain_LDADD = $(FUZZ_LDADD)

FUZZ_REPLAY_TESTS += tests/fuzz/replay-text
tests_fuzz_replay_text_SOURCES = tests/fuzz/fuzz-text.c tests/fuzz/replay-main.c $(FUZZ_COMMON)
tests_fuzz_replay_text_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET=\"text\"
tests_fuzz_replay_text_LDADD = $(FUZZ_LDADD)
FUZZ_BINARIES += tests/fuzz/fuzz-text
tests_fuzz_fuzz_text_SOURCES = tests/fuzz/fuzz-text.c $(FUZZ_COMMON)
tests_fuzz_fuzz_text_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_text_LDADD = $(FUZZ_LDADD)

FUZZ_REPLAY_TESTS += tests/fuzz/replay-html
tests_fuzz_replay_html_SOURCES = tests/fuzz/fuzz-html.c tests/fuzz/replay-main.c $(FUZZ_COMMON)
tests_fuzz_replay_html_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET=\"html\"
tests_fuzz_replay_html_LDADD = $(FUZZ_LDADD)
FUZZ_BINARIES += tests/fuzz/fuzz-html
tests_fuzz_fuzz_html_SOURCES = tests/fuzz/fuzz-html.c $(FUZZ_COMMON)
tests_fuzz_fuzz_html_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_html_LDADD = $(FUZZ_LDADD)

FUZZ_REPLAY_TESTS += tests/fuzz/replay-json
tests_fuzz_replay_json_SOURCES = tests/fuzz/fuzz-json.c tests/fuzz/replay-main.c $(FUZZ_COMMON)
tests_fuzz_replay_json_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET=\"json\"
tests_fuzz_replay_json_LDADD = $(FUZZ_LDADD)
FUZZ_BINARIES += tests/fuzz/fuzz-json
tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz-json.c $(FUZZ_COMMON)
tests_fuzz_fuzz_json_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_json_LDADD = $(FUZZ_LDADD)

FUZZ_REPLAY_TESTS += tests/fuzz/replay-feed
tests_fuzz_replay_feed_SOURCES = tests/fuzz/fuzz-feed.c tests/fuzz/replay-main.c $(FUZZ_COMMON)
tests_fuzz_replay_feed_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET=\"feed\"
tests_fuzz_replay_feed_LDADD = $(FUZZ_LDADD)
FUZZ_BINARIES += tests/fuzz/fuzz-feed
tests_fuzz_fuzz_feed_SOURCES = tests/fuzz/fuzz-feed.c $(FUZZ_COMMON)
tests_fuzz_fuzz_feed_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_feed_LDADD = $(FUZZ_LDADD)

FUZZ_REPLAY_TESTS += tests/fuzz/replay-warc
tests_fuzz_replay_warc_SOURCES = tests/fuzz/fuzz-warc.c tests/fuzz/replay-main.c $(FUZZ_COMMON)
tests_fuzz_replay_warc_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET=\"warc\"
tests_fuzz_replay_warc_LDADD = $(FUZZ_LDADD)
FUZZ_BINARIES += tests/fuzz/fuzz-warc
tests_fuzz_fuzz_warc_SOURCES = tests/fuzz/fuzz-warc.c $(FUZZ_COMMON)
tests_fuzz_fuzz_warc_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_warc_LDADD = $(FUZZ_LDADD)

FUZZ_REPLAY_TESTS += tests/fuzz/replay-jsonl
tests_fuzz_replay_jsonl_SOURCES = tests/fuzz/fuzz-jsonl.c tests/fuzz/replay-main.c $(FUZZ_COMMON)
tests_fuzz_replay_jsonl_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET=\"jsonl\"
tests_fuzz_replay_jsonl_LDADD = $(FUZZ_LDADD)
FUZZ_BINARIES += tests/fuzz/fuzz-jsonl
tests_fuzz_fuzz_jsonl_SOURCES = tests/fuzz/fuzz-jsonl.c $(FUZZ_COMMON)
tests_fuzz_fuzz_jsonl_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_jsonl_LDADD = $(FUZZ_LDADD)

FUZZ_REPLAY_TESTS += tests/fuzz/replay-extract
tests_fuzz_replay_extract_SOURCES = tests/fuzz/fuzz-extract.c tests/fuzz/replay-main.c $(FUZZ_COMMON)
tests_fuzz_replay_extract_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET=\"extract\"
tests_fuzz_replay_extract_LDADD = $(FUZZ_LDADD)
FUZZ_BINARIES += tests/fuzz/fuzz-extract
tests_fuzz_fuzz_extract_SOURCES = tests/fuzz/fuzz-extract.c $(FUZZ_COMMON)
tests_fuzz_fuzz_extract_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_extract_LDADD = $(FUZZ_LDADD)

check_PROGRAMS += $(FUZZ_REPLAY_TESTS)
TESTS += $(FUZZ_REPLAY_TESTS)
# Built only by make fuzz: they need libFuzzer's main.
EXTRA_PROGRAMS = $(FUZZ_BINARIES)
CLEANFILES += $(FUZZ_BINARIES)
EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/corpus

# make fuzz [FUZZ_SECONDS=600] [FUZZ=warc,feed]: each target in turn over a copy of its
# corpus in the build tree (tests/fuzz/work/), so new inputs stay out of the source tree.
FUZZ_SECONDS = 60
FUZZ = $(FUZZ_TARGETS)
if FUZZING
fuzz: all $(FUZZ_BINARIES)
	$(AM_TESTS_ENVIRONMENT) FUZZ_SECONDS='$(FUZZ_SECONDS)' \
	$(BASH) '$(srcdir)/tests/fuzz/run.sh' '$(abs_top_srcdir)' '$(abs_top_builddir)' $$(echo '$(FUZZ)' | tr , ' ')
else
fuzz:
	@echo "make fuzz needs libFuzzer: configure with CC=clang --enable-fuzzing (Debian package clang)" >&2; exit 1
endif
.PHONY: fuzz

clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/work
.PHONY: clean-fuzz
