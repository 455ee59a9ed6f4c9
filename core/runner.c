/* runner.c: the streaming engine.
 *
 * One fetcher thread pushes items into a ring of `capacity` slots (it blocks when the ring
 * is full: backpressure, so memory stays flat); N worker threads parse and extract; the
 * calling thread takes finished articles out of the ring strictly in input order, runs the
 * ordered extractors and the formatters, and accounts for each article exactly once.
 * Because the ring is indexed by sequence number, output is identical for every -j.
 *
 * Hand-offs go in batches, because a wake-up is a system call (GLib's g_cond_signal is a
 * futex wake even when no thread waits) and costs as much as a small article's work:
 *  - the ring is also the workers' queue: a worker claims up to WORK_BATCH queued articles
 *    at once (fewer when the queue is short, so the workers share it) and marks them done
 *    together under one lock;
 *  - the consumer takes every article ready in order at once, and frees their slots only
 *    after it has written them, so the ring still bounds the articles in memory;
 *  - each thread says when it sleeps, and a condition is signalled only for a sleeper: the
 *    consumer when the next article in order is done, the fetcher when slots were freed,
 *    an idle worker when no worker is awake or another batch is queued (worker_to_wake).
 * Which thread processes which article changes nothing in the output or the accounting.
 *
 * Articles the formatters accepted are pending until the formatters' commit point (every
 * --commit-every articles or --commit-interval ms, at the end, after an interruption):
 * only then are they counted as written and their end notified (nf_article_set_ended_notify). */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"
#include "sink-private.h"
#include "article-private.h"
#include "report.h"
#include <newsflow/error.h>
#include <newsflow/json.h>

/* Each counter has one writer thread (the fetcher, a worker or the consumer); the consumer
 * reads them all while the run goes on for the progress line and the metrics file, so they
 * are read and written with relaxed atomics (plain loads and stores on common machines). */
typedef struct {
  guint64 items;
  guint64 failed;
  guint64 dropped;
  gint64  usec;
  gint64  cpu_usec; /* CPU time of the threads running it, when the run measures it */
} StageStats;

#define COUNTER_GET(field) __atomic_load_n (&(field), __ATOMIC_RELAXED)
#define COUNTER_SET(field, value) __atomic_store_n (&(field), (value), __ATOMIC_RELAXED)
/* Only for a counter this thread alone writes. */
#define COUNTER_ADD(field, n) COUNTER_SET (field, COUNTER_GET (field) + (n))

/* CPU time of the calling thread.  A system call (about a microsecond), so it is read only
 * when someone asked for the figures (--stats, --stats=json, --metrics). */
static gint64
thread_cpu_usec (void)
{
  struct timespec now;
  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return 0;
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

typedef struct {
  NfArticle *article;
  gboolean   done;
} Slot;

/* An article between its formatters and the commit point: what is needed to account for
 * it then, and the article itself only when someone waits for its end. */
typedef enum { ENDED_PENDING, ENDED_DROPPED, ENDED_FAILED } EndedState;

typedef struct {
  guint64    index;
  char      *source;
  NfArticle *article; /* a reference when it has an ended notification, else NULL */
  EndedState state;
} Ended;

typedef struct _Run Run;

/* Articles a worker claims at once: enough to make the hand-offs rare, few enough that the
 * consumer does not wait long for the first of them. */
#define WORK_BATCH 8

typedef struct {
  Run        *run;
  GThread    *thread;
  gpointer   *data;  /* per stage (flat index): worker_new's result */
  StageStats *stats; /* per stage (flat index) */
} Worker;

struct _Run {
  NfChain            *chain;
  const NfRunOptions *options;
  GPtrArray *stages;    /* every stage, flat, chain order: fetch, parse, extract, format */
  guint      first[4];  /* flat index of the first stage of each kind */
  guint      first_ordered; /* index into the extractors of the first ordered one */

  GMutex   lock;
  GCond    has_space;   /* fetcher waits for it */
  GCond    has_done;    /* consumer waits for it */
  GCond    has_work;    /* idle workers wait for it */
  gboolean fetcher_waiting;  /* ...each set while they wait, so that nobody signals in vain */
  gboolean consumer_waiting;
  guint    workers_idle;
  Slot    *ring;
  guint    capacity;
  guint64  next_seq;    /* fetcher side */
  guint64  next_claim;  /* workers' side: the first article no worker took yet */
  guint64  next_emit;   /* consumer side */
  gboolean fetch_done;
  gboolean fetch_started;
  pthread_t fetcher_self; /* to break a fetcher's blocking read after an interruption */
  gint     cancelled;   /* atomic: stop fetching (fatal error) */
  gboolean measure_cpu; /* read threads' CPU time per stage: someone asked for the figures */

  Worker   *workers;
  StageStats *stats;    /* fetch stages (fetcher thread) and consumer stages */
  GError   *fatal;      /* first run-level error, under lock */
  gboolean  interrupted; /* by the caller's flag (a signal), under lock */

  /* What the fetcher now running said of its progress (nf_sink_set_total_items and
   * nf_sink_set_input_bytes); atomics, written from any thread of that fetcher. */
  guint64   progress_base;        /* articles read before it started */
  guint64   progress_items_total;
  guint64   progress_bytes_done;
  guint64   progress_bytes_total;
  gint64    progress_started;     /* monotonic */
  gint64    started;              /* monotonic start of the run */
  gint64    started_unix;

  /* Consumer side only. */
  GArray   *batch;        /* Ended, since the last commit point */
  gint64    last_commit;  /* monotonic time of the last commit point */
  guint64   stopped;      /* articles failed unprocessed because the run stopped */
  GPtrArray *resuming;    /* formatter stages with skip-existing: NfStage * */
  gboolean  errors_failed; /* the error file could not be written */
  gboolean  metrics_failed; /* the metrics file could not be written (said once) */
  gint64    last_progress;  /* monotonic time of the last progress line */
  gint64    last_metrics;   /* ... and metrics file */
};

/* Waits on @cond for at most a tenth of a second, so that an interruption requested by a
 * signal handler (which cannot signal a GCond) is noticed; called with the lock held. */
static void
wait_briefly (Run *run, GCond *cond)
{
  g_cond_wait_until (cond, &run->lock, g_get_monotonic_time () + G_USEC_PER_SEC / 10);
  if (!run->options->interrupted || !*run->options->interrupted)
    return;
  if (!g_atomic_int_get (&run->cancelled))
    {
      run->interrupted = TRUE;
      g_atomic_int_set (&run->cancelled, 1);
      g_cond_broadcast (&run->has_space);
    }
  /* A fetcher blocked reading (a pipe, a slow disk) only notices when its read fails with
   * EINTR; the caller's handler for the signal only sets its flag again. */
  if (run->fetch_started && !run->fetch_done)
    pthread_kill (run->fetcher_self, SIGINT);
}

static guint
stage_index (Run *run, NfPluginKind kind, guint i)
{
  return run->first[kind] + i;
}

static NfStage *
stage_at (Run *run, NfPluginKind kind, guint i)
{
  return g_ptr_array_index (run->chain->stages[kind], i);
}

static void
set_fatal (Run *run, GError *error)
{
  g_mutex_lock (&run->lock);
  if (run->fatal == NULL)
    run->fatal = error;
  else
    g_error_free (error);
  g_atomic_int_set (&run->cancelled, 1);
  g_cond_broadcast (&run->has_space);
  g_mutex_unlock (&run->lock);
}

/* Articles read that no worker took yet (some may be done already: failed as they were
 * read).  With the lock held. */
static guint64
queued_articles (const Run *run)
{
  return run->next_seq - MAX (run->next_claim, run->next_emit);
}

/* Who to wake is decided with the lock held (the sleepers' flags are under it) and the
 * condition signalled after it is released, so that the thread woken does not at once
 * block again on the lock its waker still holds. */
static void
wake (GCond *cond)
{
  if (cond)
    g_cond_signal (cond);
}

/* An article was queued: an idle worker is woken when no worker is awake to take it, or
 * when another whole batch is queued; a worker awake takes the rest after its batch. */
static GCond *
worker_to_wake (Run *run)
{
  if (run->workers_idle == 0)
    return NULL;
  if (run->workers_idle == run->options->workers || queued_articles (run) % WORK_BATCH == 0)
    return &run->has_work;
  return NULL;
}

/* The consumer, when it sleeps and the article it waits for is done. */
static GCond *
consumer_to_wake (Run *run)
{
  if (run->consumer_waiting && run->next_emit < run->next_seq
      && run->ring[run->next_emit % run->capacity].done)
    return &run->has_done;
  return NULL;
}

/* ---- fetcher side ---------------------------------------------------------------------- */

/* --max-article-bytes: an article larger than the limit fails at @stage before the next
 * stage could build its structures (tokens, trees: tens of times its size) over it. */
static void
check_size (Run *run, NfStage *stage, NfArticle *article, guint64 size, const char *what)
{
  guint64 limit = run->options->max_article_bytes;
  if (limit == 0 || size <= limit || nf_article_is_failed (article))
    return;
  g_autoptr (GError) error = g_error_new (NF_ERROR, NF_ERROR_TOO_LARGE,
                                          "%s of %" G_GUINT64_FORMAT " bytes, larger than --max-article-bytes "
                                          "(%" G_GUINT64_FORMAT "); raise it (or 0: no limit) to read it",
                                          what, size, limit);
  g_autofree char *name = nf_stage_describe (stage);
  nf_article_set_failed (article, name, error);
}

static gboolean
run_sink_push (NfSink *sink, NfArticle *article)
{
  Run *run = sink->owner;
  g_mutex_lock (&run->lock);
  while (run->next_seq - run->next_emit >= run->capacity && !g_atomic_int_get (&run->cancelled))
    {
      run->fetcher_waiting = TRUE;
      wait_briefly (run, &run->has_space);
      run->fetcher_waiting = FALSE;
    }
  if (g_atomic_int_get (&run->cancelled))
    {
      g_mutex_unlock (&run->lock);
      nf_article_unref (article);
      return FALSE;
    }
  guint64 seq = run->next_seq++;
  nf_article_set_index (article, seq);
  check_size (run, sink->stage, article, nf_article_get_raw (article) ? g_bytes_get_size (nf_article_get_raw (article)) : 0, "raw item");
  gboolean failed = nf_article_is_failed (article); /* nothing left to do for it */
  Slot *slot = &run->ring[seq % run->capacity];
  slot->article = article;
  slot->done = failed;
  GCond *sleeper = failed ? consumer_to_wake (run) : worker_to_wake (run);
  g_mutex_unlock (&run->lock);
  wake (sleeper);

  for (guint i = 0; i < run->chain->stages[NF_PLUGIN_FETCH]->len; i++)
    if (stage_at (run, NF_PLUGIN_FETCH, i) == sink->stage)
      {
        StageStats *stats = &run->stats[stage_index (run, NF_PLUGIN_FETCH, i)];
        COUNTER_ADD (stats->items, 1);
        COUNTER_ADD (stats->failed, failed);
      }
  return TRUE;
}

static gboolean
run_sink_push_failed (NfSink *sink, const char *source, const GError *error)
{
  NfArticle *article = nf_article_new (source);
  g_autofree char *stage = nf_stage_describe (sink->stage);
  nf_article_set_failed (article, stage, error);
  return run_sink_push (sink, article);
}

static gboolean
run_sink_wants_progress (NfSink *sink)
{
  const NfRunOptions *options = ((Run *) sink->owner)->options;
  return options->progress || options->metrics_path != NULL;
}

static void
run_sink_set_total_items (NfSink *sink, guint64 total)
{
  Run *run = sink->owner;
  COUNTER_SET (run->progress_items_total, total);
}

static void
run_sink_set_input_bytes (NfSink *sink, guint64 done, guint64 total)
{
  Run *run = sink->owner;
  COUNTER_SET (run->progress_bytes_done, done);
  COUNTER_SET (run->progress_bytes_total, total);
}

/* What a fetcher's calls on its sink do in a run (sink.c forwards them here). */
static const NfSinkFuncs run_sink_funcs = {
  .push = run_sink_push,
  .push_failed = run_sink_push_failed,
  .wants_progress = run_sink_wants_progress,
  .set_total_items = run_sink_set_total_items,
  .set_input_bytes = run_sink_set_input_bytes,
};

/* A new fetcher starts: its progress starts from nothing. */
static void
progress_reset (Run *run)
{
  g_mutex_lock (&run->lock);
  COUNTER_SET (run->progress_base, run->next_seq);
  g_mutex_unlock (&run->lock);
  COUNTER_SET (run->progress_items_total, 0);
  COUNTER_SET (run->progress_bytes_done, 0);
  COUNTER_SET (run->progress_bytes_total, 0);
  COUNTER_SET (run->progress_started, g_get_monotonic_time ());
}

static gpointer
fetcher_main (gpointer data)
{
  Run *run = data;
  g_mutex_lock (&run->lock);
  run->fetcher_self = pthread_self ();
  run->fetch_started = TRUE;
  g_mutex_unlock (&run->lock);
  for (guint i = 0; i < run->chain->stages[NF_PLUGIN_FETCH]->len; i++)
    {
      if (g_atomic_int_get (&run->cancelled))
        break;
      NfStage *stage = stage_at (run, NF_PLUGIN_FETCH, i);
      if (stage->skipped)
        continue;
      NfSink sink = { &run_sink_funcs, stage, run };
      g_autoptr (GError) error = NULL;
      progress_reset (run);
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = run->measure_cpu ? thread_cpu_usec () : 0;
      gboolean ok = stage->plugin->fetch (stage, &sink, &error);
      StageStats *stats = &run->stats[stage_index (run, NF_PLUGIN_FETCH, i)];
      if (run->measure_cpu)
        COUNTER_ADD (stats->cpu_usec, thread_cpu_usec () - cpu_start);
      COUNTER_ADD (stats->usec, g_get_monotonic_time () - start);
      /* Whatever the fetcher could tell, how many items it delivered is known now. */
      g_mutex_lock (&run->lock);
      COUNTER_SET (run->progress_items_total, run->next_seq - COUNTER_GET (run->progress_base));
      g_mutex_unlock (&run->lock);
      /* A read broken off by an interruption is the interruption, not a fetcher's error. */
      gboolean stopped = g_atomic_int_get (&run->cancelled) && run->interrupted;
      if (!ok && !stopped)
        {
          g_autofree char *name = nf_stage_describe (stage);
          set_fatal (run, g_error_new (NF_ERROR, NF_ERROR_FAILED, "%s: %s", name,
                                       error ? error->message : "failed without a message"));
        }
    }
  g_mutex_lock (&run->lock);
  run->fetch_done = TRUE;
  g_cond_signal (&run->has_done);
  g_cond_broadcast (&run->has_work); /* the workers empty the queue and stop */
  g_mutex_unlock (&run->lock);
  return NULL;
}

/* ---- workers ---------------------------------------------------------------------------- */

/* "text/html; charset=utf-8" against "text/html", a family ("text/" and a star) or a
 * star, slash, star for anything. */
static gboolean
content_type_matches (const char *type, const char *pattern)
{
  if (strcmp (pattern, "*/*") == 0)
    return TRUE;
  gsize length = strcspn (type, "; \t");
  gsize pattern_length = strlen (pattern);
  if (pattern_length >= 2 && strcmp (pattern + pattern_length - 2, "/*") == 0)
    return length > pattern_length - 1 && g_ascii_strncasecmp (type, pattern, pattern_length - 1) == 0;
  return length == pattern_length && g_ascii_strncasecmp (type, pattern, length) == 0;
}

static NfStage *
choose_parser (Run *run, const char *type, guint *index)
{
  for (guint i = 0; i < run->chain->stages[NF_PLUGIN_PARSE]->len; i++)
    {
      NfStage *stage = stage_at (run, NF_PLUGIN_PARSE, i);
      for (const char *const *pattern = stage->plugin->content_types; *pattern; pattern++)
        if (content_type_matches (type, *pattern))
          {
            *index = stage_index (run, NF_PLUGIN_PARSE, i);
            return stage;
          }
    }
  return NULL;
}

static void
fail_unparsable (Run *run, NfArticle *article, const char *type)
{
  g_autoptr (GPtrArray) accepted = g_ptr_array_new ();
  for (guint i = 0; i < run->chain->stages[NF_PLUGIN_PARSE]->len; i++)
    for (const char *const *pattern = stage_at (run, NF_PLUGIN_PARSE, i)->plugin->content_types; *pattern; pattern++)
      g_ptr_array_add (accepted, (gpointer) *pattern);
  g_ptr_array_add (accepted, NULL);
  g_autofree char *list = g_strjoinv (", ", (char **) accepted->pdata);
  g_autoptr (GError) error = g_error_new (NF_ERROR, NF_ERROR_UNSUPPORTED,
                                          "no parser in the chain accepts content type '%s' "
                                          "(the chain's parsers accept: %s)",
                                          type, *list ? list : "nothing, it has none");
  nf_article_set_failed (article, "parse", error);
}

/* Runs one stage on one article with timing and accounting; FALSE when the article is done
 * (failed or dropped). */
static gboolean
run_stage (const Run *run, NfStage *stage, gpointer data, NfArticle *article, StageStats *stats)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = run->measure_cpu ? thread_cpu_usec () : 0;
  gboolean ok = nf_stage_process (stage, data, article, NULL);
  if (run->measure_cpu)
    COUNTER_ADD (stats->cpu_usec, thread_cpu_usec () - cpu_start);
  COUNTER_ADD (stats->usec, g_get_monotonic_time () - start);
  COUNTER_ADD (stats->items, 1);
  if (!ok)
    {
      COUNTER_ADD (stats->failed, 1);
      return FALSE;
    }
  if (nf_article_is_dropped (article))
    {
      COUNTER_ADD (stats->dropped, 1);
      return FALSE;
    }
  return TRUE;
}

static void
process_article (Worker *worker, NfArticle *article)
{
  Run *run = worker->run;
  if (nf_article_is_dropped (article))
    return; /* by its fetcher (a crawl's 404 with non-2xx = "drop") */
  /* A chain without parsers passes raw items to its formatters as they are: a producer
   * that hands them to workers elsewhere (format "nats" with payload = "raw"). */
  if (!nf_article_has_text (article) && run->chain->stages[NF_PLUGIN_PARSE]->len == 0)
    return;
  if (!nf_article_has_text (article))
    {
      const char *type = nf_article_get_content_type (article);
      if (type == NULL)
        type = "application/octet-stream";
      guint index;
      NfStage *parser = choose_parser (run, type, &index);
      if (parser == NULL)
        {
          fail_unparsable (run, article, type);
          return;
        }
      if (!run_stage (run, parser, worker->data[index], article, &worker->stats[index]))
        return;
      if (!nf_article_has_text (article))
        nf_article_set_paragraphs (article, NULL, 0); /* a parser that found no body */
      check_size (run, parser, article, nf_article_get_text_length (article), "text");
      if (nf_article_is_failed (article))
        {
          COUNTER_ADD (worker->stats[index].failed, 1);
          return;
        }
    }
  for (guint i = 0; i < run->first_ordered; i++)
    {
      guint index = stage_index (run, NF_PLUGIN_EXTRACT, i);
      if (!run_stage (run, stage_at (run, NF_PLUGIN_EXTRACT, i), worker->data[index], article, &worker->stats[index]))
        return;
    }
}

/* Takes up to WORK_BATCH queued articles into @batch: a fair share of the queue when it is
 * short, so that every worker gets some.  Articles already done (failed as they were read)
 * are passed over.  Returns how many it took, 0 when nothing is queued; with the lock held. */
static guint
claim_work (Run *run, NfArticle **batch)
{
  guint n = 0;
  /* The consumer may have passed articles failed as they were read: their slots are reused. */
  run->next_claim = MAX (run->next_claim, run->next_emit);
  while (n == 0 && run->next_claim < run->next_seq)
    {
      guint64 share = (queued_articles (run) + run->options->workers - 1) / run->options->workers;
      guint64 end = run->next_claim + MIN (share, WORK_BATCH);
      for (; run->next_claim < end; run->next_claim++)
        {
          Slot *slot = &run->ring[run->next_claim % run->capacity];
          if (!slot->done)
            batch[n++] = slot->article;
        }
    }
  return n;
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;
  Run *run = worker->run;
  NfArticle *batch[WORK_BATCH];
  guint n = 0;
  for (;;)
    {
      g_mutex_lock (&run->lock);
      /* The batch just processed is done: the consumer may be waiting for one of them. */
      for (guint i = 0; i < n; i++)
        run->ring[nf_article_get_index (batch[i]) % run->capacity].done = TRUE;
      GCond *sleeper = n > 0 ? consumer_to_wake (run) : NULL;
      n = claim_work (run, batch);
      while (n == 0 && !run->fetch_done)
        {
          wake (g_steal_pointer (&sleeper)); /* before sleeping too */
          run->workers_idle++;
          g_cond_wait (&run->has_work, &run->lock);
          run->workers_idle--;
          n = claim_work (run, batch);
        }
      g_mutex_unlock (&run->lock);
      wake (sleeper);
      if (n == 0)
        break;
      for (guint i = 0; i < n; i++)
        {
          if (!g_atomic_int_get (&run->cancelled))
            process_article (worker, batch[i]);
          else
            {
              g_autoptr (GError) stopped = g_error_new_literal (NF_ERROR, NF_ERROR_FAILED,
                                                                "not processed: the run was stopped");
              nf_article_set_failed (batch[i], "run", stopped);
            }
        }
    }
  return NULL;
}

static gboolean
workers_start (Run *run, GError **error)
{
  guint n_stages = run->stages->len;
  /* One more than the threads: the consumer's, for ordered extractors and formatters. */
  guint n_workers = run->options->workers + 1;
  run->workers = g_new0 (Worker, n_workers);
  for (guint w = 0; w < n_workers; w++)
    {
      run->workers[w].run = run;
      run->workers[w].data = g_new0 (gpointer, n_stages);
      run->workers[w].stats = g_new0 (StageStats, n_stages);
    }
  for (guint w = 0; w < n_workers; w++)
    {
      Worker *worker = &run->workers[w];
      /* Per-worker state is made here, on the main thread, before any worker runs. */
      for (guint s = 0; s < n_stages; s++)
        {
          if (!nf_stage_worker_new (g_ptr_array_index (run->stages, s), &worker->data[s], error))
            return FALSE;
        }
    }
  for (guint w = 0; w < run->options->workers; w++)
    run->workers[w].thread = g_thread_new ("nf-worker", worker_main, &run->workers[w]);
  return TRUE;
}

static void
workers_free (Run *run)
{
  for (guint w = 0; run->workers && w < run->options->workers + 1; w++)
    {
      Worker *worker = &run->workers[w];
      for (guint s = 0; s < run->stages->len; s++)
        {
          NfStage *stage = g_ptr_array_index (run->stages, s);
          nf_stage_worker_free (stage, worker->data[s]);
          COUNTER_ADD (run->stats[s].items, worker->stats[s].items);
          COUNTER_ADD (run->stats[s].failed, worker->stats[s].failed);
          COUNTER_ADD (run->stats[s].dropped, worker->stats[s].dropped);
          COUNTER_ADD (run->stats[s].usec, worker->stats[s].usec);
          COUNTER_ADD (run->stats[s].cpu_usec, worker->stats[s].cpu_usec);
        }
      g_free (worker->data);
      g_free (worker->stats);
    }
  g_clear_pointer (&run->workers, g_free);
}

/* ---- consumer (calling thread): in input order ------------------------------------------ */

static void
errors_file_failed (Run *run, int code)
{
  if (run->errors_failed)
    return;
  run->errors_failed = TRUE;
  set_fatal (run, g_error_new (NF_ERROR, NF_ERROR_IO, "--errors %s: %s: failed articles could not be recorded",
                               run->options->errors_path ? run->options->errors_path : "file",
                               g_strerror (code ? code : EIO)));
}

/* One JSON line in the error file; a write that fails stops the run loudly. */
static void
record_failure (Run *run, guint64 index, const char *source, const char *stage, const char *message)
{
  if (run->options->errors == NULL || run->errors_failed)
    return;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, (gint64) index);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, stage);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *line = json_to_string (root, FALSE);
  errno = 0;
  if (fprintf (run->options->errors, "%s\n", line) < 0 || ferror (run->options->errors))
    errors_file_failed (run, errno);
}

/* The error file is flushed (and fsync'ed) at each commit point: a failed article's end is
 * notified only once its record is kept. */
static gboolean
flush_errors (Run *run)
{
  FILE *file = run->options->errors;
  if (file == NULL || run->errors_failed)
    return !run->errors_failed;
  errno = 0;
  if (fflush (file) != 0 || ferror (file))
    {
      errors_file_failed (run, errno);
      return FALSE;
    }
  if (fsync (fileno (file)) != 0 && errno != EINVAL && errno != EROFS && errno != EBADF)
    {
      errors_file_failed (run, errno);
      return FALSE;
    }
  return TRUE;
}

static void
report_failure (Run *run, NfArticle *article)
{
  const GError *error = nf_article_get_error (article);
  /* After an interruption the articles still in flight are counted, not each announced. */
  gboolean stopped = g_atomic_int_get (&run->cancelled) && g_strcmp0 (nf_article_get_failed_stage (article), "run") == 0;
  if (stopped)
    run->stopped++;
  if (!run->options->quiet && !stopped)
    g_printerr ("newsflow: %s: %s: %s\n", nf_article_get_source (article),
                nf_article_get_failed_stage (article), error->message);
  record_failure (run, nf_article_get_index (article), nf_article_get_source (article),
                  nf_article_get_failed_stage (article), error->message);
}

/* ---- the commit point ---------------------------------------------------------------- */

static gboolean
stage_has_option (NfStage *stage, const char *name)
{
  for (const NfOption *option = stage->plugin->options; option && option->opt.name; option++)
    if (strcmp (option->opt.name, name) == 0)
      return TRUE;
  return FALSE;
}

/* Formatters that resume: they hold articles from an earlier run and can tell which. */
static GPtrArray *
resuming_formatters (Run *run)
{
  GPtrArray *resuming = g_ptr_array_new ();
  GPtrArray *formatters = run->chain->stages[NF_PLUGIN_FORMAT];
  for (guint i = 0; i < formatters->len; i++)
    {
      NfStage *stage = g_ptr_array_index (formatters, i);
      if (stage->plugin->has_article && stage_has_option (stage, "skip-existing")
          && cfg_getbool (stage->config, "skip-existing"))
        g_ptr_array_add (resuming, stage);
    }
  return resuming;
}

/* Already written by an earlier run into every output that resumes. */
static gboolean
already_written (Run *run, NfArticle *article)
{
  if (run->resuming->len == 0)
    return FALSE;
  const char *id = nf_article_get_id (article);
  for (guint i = 0; i < run->resuming->len; i++)
    {
      NfStage *stage = g_ptr_array_index (run->resuming, i);
      if (!stage->plugin->has_article (stage, id))
        return FALSE;
    }
  return TRUE;
}

static void
ended_clear (gpointer data)
{
  Ended *ended = data;
  g_free (ended->source);
  g_clear_pointer (&ended->article, nf_article_unref);
}

/* Remembers @article until the next commit point. */
static void
batch_add (Run *run, NfArticle *article, EndedState state)
{
  Ended ended = { nf_article_get_index (article), g_strdup (nf_article_get_source (article)), NULL, state };
  if (nf_article_has_ended_notify (article))
    {
      ended.article = nf_article_ref (article);
      nf_article_clear_raw (ended.article); /* nothing reads it any more */
    }
  g_array_append_val (run->batch, ended);
}

static gboolean
commit_due (Run *run)
{
  if (run->batch->len == 0 || run->options->atomic)
    return FALSE;
  guint every = run->options->commit_every ? run->options->commit_every : 1000;
  if (run->batch->len >= every)
    return TRUE;
  return run->options->commit_interval_ms > 0
         && g_get_monotonic_time () - run->last_commit >= (gint64) run->options->commit_interval_ms * 1000;
}

/* Fails the pending articles of the batch (a failed commit, an --atomic run stopped). */
static void
fail_pending (Run *run, NfTally *tally, const char *stage, const char *message)
{
  for (guint i = 0; i < run->batch->len; i++)
    {
      Ended *ended = &g_array_index (run->batch, Ended, i);
      if (ended->state != ENDED_PENDING)
        continue;
      ended->state = ENDED_FAILED;
      tally->failed++;
      record_failure (run, ended->index, ended->source, stage, message);
      if (ended->article)
        {
          g_autoptr (GError) error = g_error_new_literal (NF_ERROR, NF_ERROR_IO, message);
          nf_article_set_failed (ended->article, stage, error);
        }
    }
}

/* The articles a formatter said it will not have (nf_stage_reject_pending) fail, with its
 * reason; the rest of the batch goes on to be written. */
static void
fail_rejected (Run *run, NfTally *tally)
{
  for (guint f = 0; f < run->chain->stages[NF_PLUGIN_FORMAT]->len; f++)
    {
      NfStage *stage = stage_at (run, NF_PLUGIN_FORMAT, f);
      g_autoptr (GHashTable) rejected = nf_stage_take_rejected (stage);
      if (rejected == NULL)
        continue;
      g_autofree char *name = nf_stage_describe (stage);
      for (guint i = 0; i < run->batch->len; i++)
        {
          Ended *ended = &g_array_index (run->batch, Ended, i);
          const char *message = g_hash_table_lookup (rejected, &ended->index);
          if (message == NULL || ended->state != ENDED_PENDING)
            continue;
          ended->state = ENDED_FAILED;
          tally->failed++;
          COUNTER_ADD (run->stats[stage_index (run, NF_PLUGIN_FORMAT, f)].failed, 1);
          if (!run->options->quiet)
            g_printerr ("newsflow: %s: %s: %s\n", ended->source, name, message);
          record_failure (run, ended->index, ended->source, name, message);
          if (ended->article)
            {
              g_autoptr (GError) error = g_error_new_literal (NF_ERROR, NF_ERROR_INVALID_INPUT, message);
              nf_article_set_failed (ended->article, name, error);
            }
        }
    }
}

/* The commit point: every formatter makes durable what it accepted since the last one;
 * then the batch's articles are counted and their ends notified.  A formatter that cannot
 * commit fails the batch's pending articles and stops the run (a full disk does not get
 * better by trying the next batch), keeping what was committed before. */
static void
commit_batch (Run *run, NfTally *tally, gboolean notify)
{
  g_autoptr (GError) failed = NULL;
  g_autofree char *failed_stage = NULL;
  for (guint i = 0; i < run->chain->stages[NF_PLUGIN_FORMAT]->len; i++)
    {
      NfStage *stage = stage_at (run, NF_PLUGIN_FORMAT, i);
      if (stage->plugin->commit == NULL)
        continue;
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = run->measure_cpu ? thread_cpu_usec () : 0;
      gboolean ok = nf_stage_commit (stage, &error);
      StageStats *stats = &run->stats[stage_index (run, NF_PLUGIN_FORMAT, i)];
      if (run->measure_cpu)
        COUNTER_ADD (stats->cpu_usec, thread_cpu_usec () - cpu_start);
      COUNTER_ADD (stats->usec, g_get_monotonic_time () - start);
      if (!ok && failed == NULL)
        {
          failed_stage = nf_stage_describe (stage);
          failed = g_steal_pointer (&error);
        }
    }
  fail_rejected (run, tally);
  guint64 pending = 0;
  for (guint i = 0; i < run->batch->len; i++)
    pending += g_array_index (run->batch, Ended, i).state == ENDED_PENDING;
  if (failed)
    {
      g_autofree char *message = g_strdup_printf ("not written: %s", failed->message);
      fail_pending (run, tally, failed_stage, message);
      if (!run->options->quiet && pending > 0)
        g_printerr ("newsflow: %s: %" G_GUINT64_FORMAT " article%s not written: %s\n", failed_stage,
                    pending, pending == 1 ? "" : "s", failed->message);
      set_fatal (run, g_error_new (NF_ERROR, NF_ERROR_IO, "%s: %s", failed_stage, failed->message));
    }
  else
    tally->written += pending;
  gboolean errors_kept = flush_errors (run);
  for (guint i = 0; i < run->batch->len; i++)
    {
      Ended *ended = &g_array_index (run->batch, Ended, i);
      if (ended->article == NULL || !notify)
        continue;
      if (ended->state == ENDED_PENDING)
        nf_article_notify_ended (ended->article, NF_ARTICLE_WRITTEN);
      else if (ended->state == ENDED_DROPPED)
        nf_article_notify_ended (ended->article, NF_ARTICLE_DROPPED);
      else if (errors_kept)
        nf_article_notify_ended (ended->article, NF_ARTICLE_FAILED);
    }
  g_array_set_size (run->batch, 0);
  run->last_commit = g_get_monotonic_time ();
}

static void
consume (Run *run, NfArticle *article, NfTally *tally)
{
  Worker *consumer = &run->workers[run->options->workers];
  tally->read++;
  gboolean alive = !nf_article_is_failed (article) && !nf_article_is_dropped (article);
  if (alive && already_written (run, article))
    {
      nf_article_drop (article, "already in output (resume)");
      alive = FALSE;
    }
  GPtrArray *extractors = run->chain->stages[NF_PLUGIN_EXTRACT];
  for (guint i = run->first_ordered; alive && i < extractors->len; i++)
    {
      guint index = stage_index (run, NF_PLUGIN_EXTRACT, i);
      alive = run_stage (run, stage_at (run, NF_PLUGIN_EXTRACT, i), consumer->data[index], article, &run->stats[index]);
    }
  for (guint i = 0; alive && i < run->chain->stages[NF_PLUGIN_FORMAT]->len; i++)
    {
      guint index = stage_index (run, NF_PLUGIN_FORMAT, i);
      alive = run_stage (run, stage_at (run, NF_PLUGIN_FORMAT, i), consumer->data[index], article, &run->stats[index]);
    }

  if (nf_article_is_failed (article))
    {
      tally->failed++;
      report_failure (run, article);
      batch_add (run, article, ENDED_FAILED);
    }
  else if (nf_article_is_dropped (article))
    {
      tally->dropped++;
      nf_tally_count_drop (tally, nf_article_get_drop_reason (article));
      batch_add (run, article, ENDED_DROPPED);
    }
  else
    batch_add (run, article, ENDED_PENDING); /* written once committed */
}

/* CPU time of the whole process so far (every thread, user and system), for the total. */
static double
process_cpu_seconds (void)
{
  struct rusage usage;
  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / (double) G_USEC_PER_SEC;
}

/* The run's figures now, for the reports (report.h); @stages has a slot per stage. */
static void
take_figures (Run *run, const NfTally *tally, NfRunFigures *figures, NfStageFigures *stages)
{
  gint64 now = g_get_monotonic_time ();
  for (guint s = 0; s < run->stages->len; s++)
    {
      NfStage *stage = g_ptr_array_index (run->stages, s);
      NfStageFigures *figure = &stages[s];
      figure->kind = nf_plugin_kind_to_string (nf_stage_get_kind (stage));
      figure->name = nf_stage_get_name (stage);
      figure->items = COUNTER_GET (run->stats[s].items);
      figure->failed = COUNTER_GET (run->stats[s].failed);
      figure->dropped = COUNTER_GET (run->stats[s].dropped);
      figure->usec = COUNTER_GET (run->stats[s].usec);
      figure->cpu_usec = COUNTER_GET (run->stats[s].cpu_usec);
      for (guint w = 0; run->workers && w < run->options->workers + 1; w++)
        {
          StageStats *stats = &run->workers[w].stats[s];
          figure->items += COUNTER_GET (stats->items);
          figure->failed += COUNTER_GET (stats->failed);
          figure->dropped += COUNTER_GET (stats->dropped);
          figure->usec += COUNTER_GET (stats->usec);
          figure->cpu_usec += COUNTER_GET (stats->cpu_usec);
        }
    }
  g_mutex_lock (&run->lock);
  gboolean finished = run->fetch_done && run->next_emit == run->next_seq;
  guint64 read = run->next_seq, emitted = run->next_emit;
  g_mutex_unlock (&run->lock);
  guint64 base = COUNTER_GET (run->progress_base);
  *figures = (NfRunFigures) {
    .tally = tally,
    .seconds = (now - run->started) / (double) G_USEC_PER_SEC,
    .cpu_seconds = process_cpu_seconds (),
    .started_unix = run->started_unix,
    .progress = {
      .items_read = read - base,
      .items_done = emitted > base ? emitted - base : 0,
      .items_total = COUNTER_GET (run->progress_items_total),
      .bytes_done = COUNTER_GET (run->progress_bytes_done),
      .bytes_total = COUNTER_GET (run->progress_bytes_total),
      .seconds = (now - COUNTER_GET (run->progress_started)) / (double) G_USEC_PER_SEC,
      .finished = finished,
    },
    .stages = stages,
    .n_stages = run->stages->len,
  };
}

/* On a terminal the progress line is redrawn in place and cleared at the end (the tally
 * follows); elsewhere (--progress into a log) it is a plain line every interval. */
static void
show_progress (Run *run, const NfTally *tally, gboolean final)
{
  gboolean redraw = run->options->progress_redraw;
  if (final && redraw)
    {
      g_printerr ("\r\033[K");
      return;
    }
  NfStageFigures stages[run->stages->len];
  NfRunFigures figures;
  take_figures (run, tally, &figures, stages);
  g_autofree char *line = nf_report_progress_line (&figures);
  g_printerr (redraw ? "\r\033[Knewsflow: %s" : "newsflow: %s\n", line);
}

static void
write_metrics (Run *run, const NfTally *tally)
{
  NfStageFigures stages[run->stages->len];
  NfRunFigures figures;
  take_figures (run, tally, &figures, stages);
  g_autoptr (GError) error = NULL;
  /* A metrics file that cannot be written is worth one warning, not the run. */
  if (!nf_report_write_metrics (run->options->metrics_path, &figures, &error) && !run->metrics_failed)
    {
      g_printerr ("newsflow: %s\n", error->message);
      run->metrics_failed = TRUE;
    }
}

static gboolean
progress_due (Run *run, gint64 now)
{
  return run->options->progress && now - run->last_progress >= (gint64) run->options->progress_interval_ms * 1000;
}

static gboolean
metrics_due (Run *run, gint64 now)
{
  return run->options->metrics_path && now - run->last_metrics >= (gint64) run->options->metrics_interval_ms * 1000;
}

/* The progress line and the metrics file, each when its interval has passed (or at the end). */
static void
report (Run *run, const NfTally *tally, gboolean final)
{
  gint64 now = g_get_monotonic_time ();
  if (run->options->progress && (final || progress_due (run, now)))
    {
      run->last_progress = now;
      show_progress (run, tally, final);
    }
  if (run->options->metrics_path && (final || metrics_due (run, now)))
    {
      run->last_metrics = now;
      write_metrics (run, tally);
    }
}

/* Frees the slots of the @n articles just consumed; returns the fetcher's condition when it
 * waits for them.  With the lock held. */
static GCond *
release_slots (Run *run, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      Slot *slot = &run->ring[(run->next_emit + i) % run->capacity];
      slot->article = NULL;
      slot->done = FALSE;
    }
  run->next_emit += n;
  return n > 0 && run->fetcher_waiting ? &run->has_space : NULL;
}

/* Takes every article done in order into @taken (the ring's capacity at most); with the
 * lock held.  Their slots stay taken until release_slots. */
static guint
take_ready (Run *run, NfArticle **taken)
{
  guint n = 0;
  for (Slot *slot; run->next_emit + n < run->next_seq
                   && (slot = &run->ring[(run->next_emit + n) % run->capacity])->done; n++)
    taken[n] = slot->article;
  return n;
}

static void
consumer_loop (Run *run, NfTally *tally)
{
  /* The articles done in order, taken at once; their slots stay taken while they are
   * consumed, so the ring alone bounds the articles in memory. */
  NfArticle **taken = g_new (NfArticle *, run->capacity);
  guint n = 0;
  for (;;)
    {
      g_mutex_lock (&run->lock);
      GCond *sleeper = release_slots (run, n);
      gboolean ready, end;
      for (;;)
        {
          ready = run->next_emit < run->next_seq && run->ring[run->next_emit % run->capacity].done;
          end = run->fetch_done && run->next_emit == run->next_seq;
          /* Idle with articles pending: their commit is not held back by a slow source;
           * idle or not, a long-running chain keeps its progress and metrics current. */
          gint64 now = g_get_monotonic_time ();
          if (ready || end || commit_due (run) || progress_due (run, now) || metrics_due (run, now))
            break;
          wake (g_steal_pointer (&sleeper)); /* before sleeping too */
          run->consumer_waiting = TRUE;
          wait_briefly (run, &run->has_done);
          run->consumer_waiting = FALSE;
        }
      n = ready ? take_ready (run, taken) : 0;
      g_mutex_unlock (&run->lock);
      wake (sleeper);
      if (!ready)
        {
          if (end)
            break;
          commit_batch (run, tally, TRUE);
          report (run, tally, FALSE);
          continue;
        }

      for (guint i = 0; i < n; i++)
        {
          consume (run, taken[i], tally);
          nf_article_unref (taken[i]);
          if (commit_due (run))
            commit_batch (run, tally, TRUE);
          report (run, tally, FALSE);
        }
    }
  g_free (taken);
}

static void
print_stats (Run *run, const NfTally *tally)
{
  NfStageFigures stages[run->stages->len];
  NfRunFigures figures;
  take_figures (run, tally, &figures, stages);
  if (run->options->stats_json)
    {
      g_autofree char *json = nf_report_stats_json (&figures);
      g_printerr ("%s\n", json);
      return;
    }
  g_autoptr (GString) table = g_string_new (NULL);
  nf_report_stats_table (table, &figures);
  g_printerr ("%s", table->str);
}

/* Finishes every stage.  A formatter whose finish fails has no output (or an incomplete
 * one): the articles counted as written are then not in every output, and are counted as
 * failed instead, which the message says. */
static gboolean
finish_stages (Run *run, NfTally *tally, GError **error)
{
  gboolean ok = TRUE;
  for (guint s = 0; s < run->stages->len; s++)
    {
      NfStage *stage = g_ptr_array_index (run->stages, s);
      g_autoptr (GError) local = NULL;
      if (nf_stage_finish (stage, &local))
        continue;
      if (ok)
        {
          if (nf_stage_get_kind (stage) == NF_PLUGIN_FORMAT && tally->written > 0)
            g_set_error (error, NF_ERROR, NF_ERROR_FAILED,
                         "%s; its output is not complete, so the %" G_GUINT64_FORMAT
                         " article%s committed are counted as failed", local->message,
                         tally->written, tally->written == 1 ? "" : "s");
          else
            g_propagate_error (error, g_steal_pointer (&local));
          if (nf_stage_get_kind (stage) == NF_PLUGIN_FORMAT)
            {
              tally->failed += tally->written;
              tally->written = 0;
            }
        }
      ok = FALSE;
    }
  return ok;
}

gboolean
nf_run (NfChain *chain, const NfRunOptions *options, NfTally *tally, GError **error)
{
  Run run = { 0 };
  run.chain = chain;
  run.options = options;
  run.measure_cpu = options->stats || options->stats_json || options->metrics_path != NULL;
  run.stages = g_ptr_array_new ();
  for (int kind = 0; kind < 4; kind++)
    {
      run.first[kind] = run.stages->len;
      for (guint i = 0; i < chain->stages[kind]->len; i++)
        {
          NfStage *stage = g_ptr_array_index (chain->stages[kind], i);
          stage->cancelled = &run.cancelled;
          g_ptr_array_add (run.stages, stage);
        }
    }
  /* Extractors from the first ordered one on run in the consumer, in input order. */
  GPtrArray *extractors = chain->stages[NF_PLUGIN_EXTRACT];
  run.first_ordered = extractors->len;
  for (guint i = 0; i < extractors->len; i++)
    if (((NfStage *) g_ptr_array_index (extractors, i))->plugin->flags & NF_PLUGIN_FLAG_ORDERED)
      {
        run.first_ordered = i;
        break;
      }

  /* Enough in flight to keep every worker busy while one article is slow. */
  run.capacity = MAX (64, 32 * options->workers);
  run.ring = g_new0 (Slot, run.capacity);
  run.stats = g_new0 (StageStats, run.stages->len);
  g_mutex_init (&run.lock);
  g_cond_init (&run.has_space);
  g_cond_init (&run.has_done);
  g_cond_init (&run.has_work);
  memset (tally, 0, sizeof *tally);

  run.batch = g_array_new (FALSE, FALSE, sizeof (Ended));
  g_array_set_clear_func (run.batch, ended_clear);
  run.last_commit = g_get_monotonic_time ();
  run.started = run.last_progress = run.last_metrics = run.last_commit;
  run.started_unix = g_get_real_time () / G_USEC_PER_SEC;
  run.resuming = resuming_formatters (&run);

  gboolean ok = workers_start (&run, error);
  if (ok)
    {
      GThread *fetcher = g_thread_new ("nf-fetch", fetcher_main, &run);
      consumer_loop (&run, tally);
      g_thread_join (fetcher);
      for (guint w = 0; w < options->workers; w++)
        g_thread_join (run.workers[w].thread);
    }
  workers_free (&run);

  /* What the outputs keep.  After an interruption or a run error the formatters still
   * commit what they accepted and put their outputs in place, so the work done is kept and
   * the tally says what it is; --atomic keeps nothing from a run that did not complete. */
  guint64 discarded = 0;
  if (ok)
    {
      gboolean complete = !run.interrupted && run.fatal == NULL;
      if (complete || !options->atomic)
        commit_batch (&run, tally, TRUE);
      else
        {
          for (guint i = 0; i < run.batch->len; i++)
            discarded += g_array_index (run.batch, Ended, i).state == ENDED_PENDING;
          fail_pending (&run, tally, "run", run.interrupted ? "not written: the run was interrupted and --atomic keeps no output"
                                                            : "not written: the run failed and --atomic keeps no output");
          flush_errors (&run);
          /* No end is notified: a source waiting for one delivers these items again. */
          g_array_set_size (run.batch, 0);
        }
      gboolean keep = !options->atomic || (!run.interrupted && run.fatal == NULL);
      g_autoptr (GError) finished = NULL;
      gboolean finish_ok = !keep || finish_stages (&run, tally, &finished);
      if (run.fatal)
        {
          g_propagate_error (error, g_steal_pointer (&run.fatal));
          ok = FALSE;
        }
      else if (run.interrupted)
        {
          if (!keep)
            g_set_error (error, NF_ERROR, NF_ERROR_FAILED,
                         "interrupted: no output was kept (--atomic); %" G_GUINT64_FORMAT
                         " article%s processed before the stop counted as failed", discarded,
                         discarded == 1 ? "" : "s");
          else if (!finish_ok)
            g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "interrupted, and %s", finished->message);
          else
            g_set_error (error, NF_ERROR, NF_ERROR_FAILED,
                         "interrupted: the outputs hold the %" G_GUINT64_FORMAT " article%s written "
                         "(committed); %" G_GUINT64_FORMAT " in flight not processed",
                         tally->written, tally->written == 1 ? "" : "s", run.stopped);
          ok = FALSE;
        }
      else if (!finish_ok)
        {
          g_propagate_error (error, g_steal_pointer (&finished));
          ok = FALSE;
        }
    }
  report (&run, tally, TRUE);
  if (options->stats || options->stats_json)
    print_stats (&run, tally);

  for (guint s = 0; s < run.stages->len; s++)
    ((NfStage *) g_ptr_array_index (run.stages, s))->cancelled = NULL;
  g_clear_error (&run.fatal);
  g_array_unref (run.batch);
  g_ptr_array_unref (run.resuming);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.has_space);
  g_cond_clear (&run.has_done);
  g_cond_clear (&run.has_work);
  g_free (run.ring);
  g_free (run.stats);
  g_ptr_array_unref (run.stages);
  return ok;
}
