/* report.h: what a run tells the people and programs watching it — the progress line, the
 * per-stage table (--stats), the same as JSON (--stats=json) and a Prometheus metrics file
 * (--metrics).  The runner takes a snapshot of its figures; these functions only format it,
 * so every view says the same thing and each can be tested without running a chain. */
#ifndef NF_REPORT_H
#define NF_REPORT_H

#include <glib.h>

#include "runner.h"

G_BEGIN_DECLS

typedef struct {
  const char *kind;     /* "extract" */
  const char *name;     /* "entities", or "entities:label" */
  guint64 items;
  guint64 failed;
  guint64 dropped;
  gint64  usec;         /* time spent in the stage, summed over threads */
  gint64  cpu_usec;     /* CPU time of those threads while in it (what the stage costs) */
} NfStageFigures;

/* How far the fetcher now running has got, as it told the core (nf_sink_set_total_items,
 * nf_sink_set_input_bytes).  Both totals 0: unknown (standard input, a live stream). */
typedef struct {
  guint64 items_read;   /* items this fetcher delivered */
  guint64 items_done;   /* ...of which the pipeline has finished (the rest are read ahead) */
  guint64 items_total;  /* items it will deliver, when it counted them ahead */
  guint64 bytes_done;   /* bytes of input it has read */
  guint64 bytes_total;  /* bytes of input in all */
  double  seconds;      /* since this fetcher started */
  gboolean finished;    /* every fetcher has returned */
} NfProgress;

typedef struct {
  const NfTally *tally;
  double  seconds;              /* since the run started */
  double  cpu_seconds;          /* CPU time of the process so far (start-up included) */
  gint64  started_unix;         /* wall-clock start, seconds since the epoch */
  NfProgress progress;
  const NfStageFigures *stages;
  guint   n_stages;
} NfRunFigures;

/* The share of the input done, 0..1, or a negative number when it cannot be known. */
double nf_progress_fraction (const NfProgress *progress);

/* "12345 of 50000 articles (24.7%), 4100/s, 0:09 left" — or with the input's bytes, or
 * only the count and rate when no total is known.  No "newsflow: " prefix, no newline. */
char  *nf_report_progress_line (const NfRunFigures *figures);

/* The --stats table, one line a stage, as newsflow has always printed it. */
void   nf_report_stats_table   (GString *out, const NfRunFigures *figures);

/* The same figures and the tally as one line of JSON. */
char  *nf_report_stats_json    (const NfRunFigures *figures);

/* The figures in the Prometheus text exposition format (version 0.0.4). */
char  *nf_report_metrics       (const NfRunFigures *figures);

/* Replaces @path with the metrics atomically (a temporary file renamed over it), so that a
 * scraper such as node_exporter's textfile collector never reads half a file. */
gboolean nf_report_write_metrics (const char *path, const NfRunFigures *figures, GError **error);

G_END_DECLS

#endif /* NF_REPORT_H */
