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
  gboolean quiet;        /* no per-article failure lines on stderr */
  gboolean progress;     /* count and rate on stderr while running */
  gboolean stats;        /* per-stage counts and times on stderr at the end */
  /* Set (non-zero) by the caller, e.g. from a SIGINT handler, to stop the run: fetching
   * stops, articles in flight are failed as "interrupted", no output is committed. */
  const volatile int *interrupted;
} NfRunOptions;

typedef struct {
  guint64 read;
  guint64 written;
  guint64 dropped;
  guint64 failed;
} NfTally;

/* Runs an initialised chain to the end.  Returns FALSE when the run itself failed (a
 * fetcher or formatter could not go on); articles that failed are only counted. */
gboolean nf_run (NfChain *chain, const NfRunOptions *options, NfTally *tally, GError **error);

G_END_DECLS

#endif /* NF_RUNNER_H */
