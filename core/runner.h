/* runner.h: streams a chain's articles from fetchers through parsers and extractors to
 * formatters, in parallel, with output in input order and every article accounted for. */
#ifndef NF_RUNNER_H
#define NF_RUNNER_H

#include <stdio.h>

#include "chain.h"

G_BEGIN_DECLS

typedef struct {
  guint    workers;      /* parse+extract threads (>= 1) */
  FILE    *errors;       /* JSON Lines of failed articles, or NULL */
  const char *errors_path; /* its name, for messages */
  gboolean quiet;        /* no per-article failure lines on stderr */
  gboolean progress;     /* count, rate and (when known) share done and time left on stderr */
  gboolean progress_redraw; /* ...redrawn in place on a terminal; else a line each interval */
  guint    progress_interval_ms;
  gboolean stats;        /* per-stage counts and times on stderr at the end */
  gboolean stats_json;   /* ...as one line of JSON with the tally */
  /* A Prometheus text-format file rewritten every @metrics_interval_ms and at the end. */
  const char *metrics_path;
  guint    metrics_interval_ms;
  /* The formatters' commit points: every @commit_every articles (0: 1000) and every
   * @commit_interval_ms milliseconds while articles are pending (0: by count only). */
  /* Larger articles (raw bytes as read, or text after parsing) fail with NF_ERROR_TOO_LARGE
   * before any extractor sees them: bounds one article's memory.  0: no limit. */
  guint64  max_article_bytes;
  guint    commit_every;
  guint    commit_interval_ms;
  /* All or nothing: one commit at the end of a complete run; after an interruption or a
   * run error no output is kept and the articles processed are counted as failed. */
  gboolean atomic;
  /* Set (non-zero) by the caller, e.g. from a SIGINT handler, to stop the run: fetching
   * stops, articles in flight are finished or failed, the formatters commit what they
   * accepted and their outputs are put in place (unless @atomic). */
  const volatile int *interrupted;
} NfRunOptions;

/* Drop reasons counted by group (the reason up to its first colon: "http 404"), the most
 * frequent first when printed; groups beyond the first NF_TALLY_DROP_GROUPS seen are "other". */
#define NF_TALLY_DROP_GROUPS 16
typedef struct {
  char    reason[48];
  guint64 count;
} NfTallyDrops;

typedef struct {
  guint64 read;
  guint64 written;
  guint64 dropped;
  guint64 failed;
  NfTallyDrops drops[NF_TALLY_DROP_GROUPS + 1]; /* the last one is "other" */
} NfTally;

/* Counts a dropped article under its reason's group (tally.c). */
void  nf_tally_count_drop   (NfTally *tally, const char *reason);
/* " (http 404: 790, http 410: 22)" after "dropped N", or "" when nothing was dropped. */
char *nf_tally_format_drops (const NfTally *tally);

/* Runs an initialised chain to the end.  Returns FALSE when the run itself failed (a
 * fetcher or formatter could not go on, the error file could not be written) or was
 * interrupted, with a message that says what the outputs hold; articles that failed are
 * only counted.  @tally counts an article as written only once every formatter committed it. */
gboolean nf_run (NfChain *chain, const NfRunOptions *options, NfTally *tally, GError **error);

G_END_DECLS

#endif /* NF_RUNNER_H */
