/* isolate.h: crash isolation.  A stage with `isolate = true` (or every parse and extract
 * stage under --isolate) runs its process callback in a worker process, one per thread of
 * the run, so that a plugin that crashes, aborts or hangs on one article fails that article
 * instead of the run.  stage.c calls these; the runner does not know. */
#ifndef NF_ISOLATE_H
#define NF_ISOLATE_H

#include "stage-private.h"

G_BEGIN_DECLS

/* The hidden first argument that makes newsflow a stage's worker process. */
#define NF_ISOLATE_WORKER_OPTION "--isolated-stage-worker"

typedef struct _NfIsolate NfIsolate;

/* One thread's handle on @stage's worker process; the process starts on first use. */
NfIsolate *nf_isolate_new     (NfStage *stage);
/* Ends the worker process (end of input on its socket, then SIGKILL if it lingers). */
void       nf_isolate_free    (NfIsolate *isolate);
/* Sends @article to the worker process, which runs the stage's process on it, and applies
 * the changed article it sends back.  When the process dies ("plugin crashed (signal N)"),
 * exceeds isolate-timeout-ms or cannot start, FALSE with the reason; the next article gets
 * a new process. */
gboolean   nf_isolate_process (NfIsolate *isolate, NfArticle *article, GError **error);

/* main() of a worker process: @argv[1] is NF_ISOLATE_WORKER_OPTION.  Serves requests on
 * file descriptor 3 until it is closed; returns the exit status. */
int        nf_isolate_worker_main (int argc, char **argv);

G_END_DECLS

#endif /* NF_ISOLATE_H */
