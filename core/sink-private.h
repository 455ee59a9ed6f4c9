/* sink-private.h: NfSink, the handle a fetcher pushes articles into.  libnewsflow holds the
 * calls plugins make (sink.c); whoever drives fetchers (the runner) fills in what they do,
 * so the engine itself need not be exported for plugins to reach it. */
#ifndef NF_SINK_PRIVATE_H
#define NF_SINK_PRIVATE_H

#include <newsflow/plugin.h>

G_BEGIN_DECLS

typedef struct {
  gboolean (*push)            (NfSink *sink, NfArticle *article);
  gboolean (*push_failed)     (NfSink *sink, const char *source, const GError *error);
  gboolean (*wants_progress)  (NfSink *sink);
  void     (*set_total_items) (NfSink *sink, guint64 total);
  void     (*set_input_bytes) (NfSink *sink, guint64 done, guint64 total);
} NfSinkFuncs;

struct _NfSink {
  const NfSinkFuncs *funcs;
  NfStage           *stage; /* the fetcher pushing */
  gpointer           owner; /* the driver's own state (the runner's run) */
};

G_END_DECLS

#endif /* NF_SINK_PRIVATE_H */
