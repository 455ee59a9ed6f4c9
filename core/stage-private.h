/* stage-private.h: the NfStage structure, shared by the chain loader that builds stages
 * and the runner that drives them.  Plugins only see the accessors in newsflow/plugin.h. */
#ifndef NF_STAGE_PRIVATE_H
#define NF_STAGE_PRIVATE_H

#include <newsflow/plugin.h>

G_BEGIN_DECLS

struct _NfStage {
  const NfPluginDescriptor *plugin;
  char     *name;        /* "json" or "json:label" */
  char     *location;    /* "file:line" of its block in the chain */
  cfg_t    *config;      /* validated against plugin->options, owned */
  gpointer  instance;    /* set by plugin->init, freed by plugin->free */
  char    **sources;     /* command-line sources routed to this fetcher, or NULL */
  gboolean  skipped;     /* a fetcher left out because the command line named other sources */
  gint     *cancelled;   /* the run's stop flag (atomic), or NULL outside a run */
  GHashTable *rejected;  /* formatters: article index (guint64 *) -> message, since the
                          * last commit point (nf_stage_reject_pending), or NULL */
  /* Crash isolation (isolate.c): process runs in a worker process per thread.  The worker
   * finds its stage again by reading @chain_path with the plugin @search_path and taking
   * stage @kind_index of its kind. */
  gboolean  isolate;
  guint     isolate_timeout_ms; /* 0: no limit */
  char     *chain_path;
  char     *search_path;        /* G_SEARCHPATH_SEPARATOR-joined */
  guint     kind_index;
};

NfStage *nf_stage_new      (const NfPluginDescriptor *plugin, const char *name,
                            const char *location, cfg_t *config);
/* Calls the plugin's init; errors are prefixed with the stage's location and name. */
gboolean nf_stage_init     (NfStage *stage, GError **error);
/* Calls the plugin's free (if init ran) and releases the configuration.  Must run before
 * the module is closed: the configuration may point into it. */
void     nf_stage_free     (NfStage *stage);
/* The life cycle, one implementation for the runner and the test harness.
 * worker_new for one thread: *worker is the plugin's data (NULL when it has no worker_new);
 * FALSE with the plugin's error prefixed by the stage's name. */
gboolean nf_stage_worker_new  (NfStage *stage, gpointer *worker, GError **error);
void     nf_stage_worker_free (NfStage *stage, gpointer worker);
/* process with this thread's worker data; on failure the article is marked failed at this
 * stage (with "failed without a message" when the plugin gave none) and @error holds the
 * plugin's own message. */
gboolean nf_stage_process     (NfStage *stage, gpointer worker, NfArticle *article, GError **error);
/* A formatter's commit point (TRUE for a plugin without one); @error is the plugin's. */
gboolean nf_stage_commit      (NfStage *stage, GError **error);
/* What nf_stage_reject_pending recorded since the last call (NULL: nothing), handed over. */
GHashTable *nf_stage_take_rejected (NfStage *stage);
/* finish; @error is prefixed with the stage's name. */
gboolean nf_stage_finish      (NfStage *stage, GError **error);
/* "extract keywords" — how messages and the error file name a stage. */
char    *nf_stage_describe (const NfStage *stage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfStage, nf_stage_free)

G_END_DECLS

#endif /* NF_STAGE_PRIVATE_H */
