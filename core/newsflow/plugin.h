/* newsflow/plugin.h: what a plugin module exports (NfPluginDescriptor), its option schema
 * (NfOption), and the handles the core passes to its callbacks (NfStage, NfSink). */
#ifndef NEWSFLOW_PLUGIN_H
#define NEWSFLOW_PLUGIN_H

#include <glib.h>
#include <confuse.h>
#include <newsflow/version.h>
#include <newsflow/article.h>

G_BEGIN_DECLS

typedef enum {
  NF_PLUGIN_FETCH,   /* produces raw items (files, URLs, archives) */
  NF_PLUGIN_PARSE,   /* turns raw bytes into title, body and metadata */
  NF_PLUGIN_EXTRACT, /* adds fields and annotations, or drops the article */
  NF_PLUGIN_FORMAT,  /* writes articles somewhere */
} NfPluginKind;

/* The word used for a kind in chain files and messages: "fetch", "parse", ... */
const char *nf_plugin_kind_to_string (NfPluginKind kind);
gboolean    nf_plugin_kind_from_string (const char *word, NfPluginKind *kind);

/* ---- Options ----------------------------------------------------------------------------
 * A plugin's options are a libconfuse cfg_opt_t each, plus what users need to know about it.
 * The core builds the chain file's schema from these, checks every option a user writes
 * against them (type, allowed choices, required) and prints them for --describe, so the
 * documentation is the code.  Terminate the array with NF_OPTION_END. */

typedef enum {
  NF_OPTION_REQUIRED = 1 << 0, /* the chain must set it; it has no default */
} NfOptionFlags;

typedef struct {
  cfg_opt_t    opt;         /* name, type, list-ness and default, as libconfuse knows them */
  const char  *description; /* one or two sentences for --describe and the man page */
  const char  *choices;     /* for string options: the allowed values, "a|b|c"; or NULL */
  NfOptionFlags flags;
} NfOption;

#define NF_OPTION_STR(name, def, desc)        { CFG_STR (name, def, CFGF_NONE), desc, NULL, 0 }
#define NF_OPTION_INT(name, def, desc)        { CFG_INT (name, def, CFGF_NONE), desc, NULL, 0 }
#define NF_OPTION_FLOAT(name, def, desc)      { CFG_FLOAT (name, def, CFGF_NONE), desc, NULL, 0 }
#define NF_OPTION_BOOL(name, def, desc)       { CFG_BOOL (name, def, CFGF_NONE), desc, NULL, 0 }
/* List defaults are written in chain syntax: "{\"*.txt\", \"*.html\"}", or NULL for empty. */
#define NF_OPTION_STR_LIST(name, def, desc)   { CFG_STR_LIST (name, def, CFGF_NONE), desc, NULL, 0 }
#define NF_OPTION_INT_LIST(name, def, desc)   { CFG_INT_LIST (name, def, CFGF_NONE), desc, NULL, 0 }
/* A string that must be one of @choices ("precision|recall|balanced"). */
#define NF_OPTION_CHOICE(name, def, choices, desc) { CFG_STR (name, def, CFGF_NONE), desc, choices, 0 }
/* A string the chain must set. */
#define NF_OPTION_STR_REQUIRED(name, desc)    { CFG_STR (name, NULL, CFGF_NODEFAULT), desc, NULL, NF_OPTION_REQUIRED }
#define NF_OPTION_END                         { CFG_END (), NULL, NULL, 0 }

/* ---- Handles ---------------------------------------------------------------------------- */

/* One use of a plugin in a chain: the plugin, its parsed options and its instance data. */
typedef struct _NfStage NfStage;

/* The plugin's name, or "name:label" when the chain gave the stage a label. */
const char *nf_stage_get_name       (const NfStage *stage);
NfPluginKind nf_stage_get_kind      (const NfStage *stage);
/* The stage's options, validated against the plugin's NfOption table.  Read it in init;
 * it stays valid (read-only) until the stage is freed. */
cfg_t      *nf_stage_get_config     (const NfStage *stage);
/* Where the stage is defined, for messages: "chains/my.chain:12". */
const char *nf_stage_get_location   (const NfStage *stage);
/* Instance data: set by init, freed with the descriptor's free callback. */
void        nf_stage_set_instance   (NfStage *stage, gpointer instance);
gpointer    nf_stage_get_instance   (const NfStage *stage);
/* Sources named on the command line that the core routed to this fetcher (NULL-terminated),
 * or NULL when there are none; they replace what the chain file configured. */
const char *const *nf_stage_get_sources (const NfStage *stage);
/* TRUE once the run is stopping (a fatal error elsewhere in the chain): fetchers stop
 * producing, long computations may give up early. */
gboolean    nf_stage_is_cancelled   (const NfStage *stage);

/* From a formatter's process or commit: the article with @index (nf_article_get_index), which
 * this formatter accepted since the last commit point, will not be in its output, for a
 * reason of its own (@error's message): at the commit point it is counted as failed at this
 * stage instead of written.  See "The commit point" below. */
void        nf_stage_reject_pending (NfStage *stage, guint64 index, const GError *error);

/* Where a fetcher delivers items.  Pushing blocks while the pipeline is full (backpressure),
 * so a fetcher's memory stays flat however large its input. */
typedef struct _NfSink NfSink;

/* Takes ownership of @article.  Returns FALSE when the run is stopping: return from fetch. */
gboolean    nf_sink_push            (NfSink *sink, NfArticle *article);
/* Records an item that could not be read (unreadable file, corrupt record).  It is counted
 * as read and failed at the fetch stage, with @error's message.  Takes no ownership. */
gboolean    nf_sink_push_failed     (NfSink *sink, const char *source, const GError *error);
/* Progress, for the progress line's share done and time left and the metrics file: a
 * fetcher that can tell how much it will deliver says so, either as a count of items (counted
 * ahead, e.g. the files of a directory tree; the core counts what was pushed) or as bytes of
 * input read so far out of a total (an archive, a WARC or JSON Lines file, whose item count is
 * unknown until the end).  Call again as the figures change; a total of 0 means unknown.
 * Safe from any thread of the fetcher.  Counting ahead costs work: do it only when
 * nf_sink_wants_progress() says someone is watching. */
gboolean    nf_sink_wants_progress  (NfSink *sink);
void        nf_sink_set_total_items (NfSink *sink, guint64 total);
void        nf_sink_set_input_bytes (NfSink *sink, guint64 done, guint64 total);
/* The bytes of the regular files @paths names (NULL-terminated), the total for
 * nf_sink_set_input_bytes(); 0 when one is standard input ("-"), a stream or missing. */
guint64     nf_paths_total_bytes    (const char *const *paths);

/* ---- The descriptor --------------------------------------------------------------------
 * Each module exports exactly one NfPluginDescriptor, through NF_PLUGIN_DEFINE:
 *
 *   NF_PLUGIN_DEFINE (
 *     .kind    = NF_PLUGIN_EXTRACT,
 *     .name    = "wordcount",
 *     .summary = "Counts the words of the body",
 *     .options = wordcount_options,
 *     .process = wordcount_process,
 *   );
 *
 * Which callbacks run where (the threading contract):
 *
 *   init, finish, free      main thread, once per stage, before/after all items.
 *   fetch                   the fetcher thread; fetchers run one after another.
 *   worker_new/worker_free  main thread, once for each worker thread and once for the
 *                           in-order thread, before any of them runs (after, for free):
 *                           per-thread state (a Lua state, a scratch buffer).  Optional;
 *                           process then always receives the calling thread's own state
 *                           as @worker, on the in-order thread too: it is never NULL
 *                           (unless worker_new itself returned NULL without an error).
 *   process (parse/extract) worker threads, CONCURRENTLY on the same stage: treat the
 *                           instance as read-only after init; mutable state goes in the
 *                           per-worker data, or behind your own lock.
 *   process (format, and extractors with NF_PLUGIN_FLAG_ORDERED)
 *                           one thread, one article at a time, in input order: the
 *                           instance may be changed freely.
 *
 *   commit, has_article     formatters: the in-order thread, between process calls.
 *
 * process returns FALSE and sets @error when the article cannot be handled; the article is
 * then counted as failed at this stage and the run goes on.  A callback must never exit,
 * abort or print to stdout.
 *
 * The commit point (formatters).  An article a formatter's process accepted is *pending*:
 * the run counts it as written only when the formatter's commit says it is durable.  The
 * runner calls commit every --commit-every articles or --commit-interval milliseconds
 * (also when the pipeline is idle), at the end of the run before finish, and when a run is
 * interrupted, after the articles in flight were finished or failed.  commit returns TRUE
 * when everything process accepted since the previous commit is durable (appended lines
 * flushed and fsync'ed: nf_output_sync; a transaction committed; a server's acks
 * received).  It returns FALSE with @error when none of it is: the formatter has then
 * rolled back to the previous commit (nf_output_sync truncates; ROLLBACK), and the runner
 * fails those articles with @error; the next batch starts clean.  A formatter without
 * commit is taken to commit each article in process (process returning TRUE is its
 * commit).  finish still runs once at the end of a run (after the last commit, also after
 * an interruption unless --atomic): it closes the output and puts it in place.  A finish
 * that fails means the output is not kept (or not complete): the run fails and its
 * articles are no longer counted as written; so fail finish only for that, not for an
 * optional step (an index merge) after which the committed output is intact.
 * A formatter whose destination refuses one article but keeps the others (a search server
 * rejecting a document for its mapping) calls nf_stage_reject_pending for it, from process
 * or commit, and commits the rest: that article is counted as failed with the reason, the
 * others as written, and the run goes on.
 *
 * Resume (formatters that can tell what their output already holds: a JSON Lines file, a
 * database): with `skip-existing = true` in the stage (set on every such formatter by
 * `newsflow --resume`), the formatter opens its output for appending and has_article
 * answers whether an article with @id is already there.  The runner drops an article that
 * every resuming formatter already holds, with the reason "already in output (resume)". */

typedef enum {
  /* Extractors: run on one thread in input order (after all unordered extractors before
   * it), for stages that compare articles with earlier ones (near-duplicate detection). */
  NF_PLUGIN_FLAG_ORDERED = 1 << 0,
} NfPluginFlags;

typedef struct {
  guint32       abi_version;   /* NF_ABI_VERSION when the module was built */
  guint32       struct_size;   /* sizeof (NfPluginDescriptor) when the module was built */
  NfPluginKind  kind;
  const char   *name;          /* lower case, [a-z0-9-]; the module file is KIND_NAME.so */
  const char   *summary;       /* one line, no trailing period */
  const NfOption *options;     /* NF_OPTION_END-terminated, or NULL for none */
  NfPluginFlags flags;

  /* Parsers: the content types accepted, NULL-terminated: exact ("text/plain"), a family
   * ("text/" followed by a star) or anything (a star, slash, star). */
  const char *const *content_types;
  /* Fetchers: whether a command-line source (path, URL, "-") is for this fetcher. */
  gboolean (*accepts_source) (const char *source);

  gboolean (*init)        (NfStage *stage, GError **error);
  gpointer (*worker_new)  (NfStage *stage, GError **error);
  void     (*worker_free) (gpointer worker);
  gboolean (*fetch)       (NfStage *stage, NfSink *sink, GError **error);
  gboolean (*process)     (NfStage *stage, gpointer worker, NfArticle *article, GError **error);
  gboolean (*finish)      (NfStage *stage, GError **error);
  void     (*free)        (gpointer instance);

  /* Formatters, optional (ABI 2): see "The commit point" and "Resume" above. */
  gboolean (*commit)      (NfStage *stage, GError **error);
  gboolean (*has_article) (NfStage *stage, const char *id);

  gpointer      reserved[6];   /* room to grow without breaking the ABI */
} NfPluginDescriptor;

/* The symbol the core looks up in every module. */
#define NF_PLUGIN_SYMBOL "nf_plugin_descriptor"

#if defined(__GNUC__)
#define NF_PLUGIN_EXPORT __attribute__ ((visibility ("default")))
#else
#define NF_PLUGIN_EXPORT
#endif

#define NF_PLUGIN_DEFINE(...)                                                   \
  NF_PLUGIN_EXPORT extern const NfPluginDescriptor nf_plugin_descriptor;        \
  const NfPluginDescriptor nf_plugin_descriptor = {                             \
    .abi_version = NF_ABI_VERSION,                                              \
    .struct_size = sizeof (NfPluginDescriptor),                                 \
    __VA_ARGS__                                                                 \
  }

G_END_DECLS

#endif /* NEWSFLOW_PLUGIN_H */
