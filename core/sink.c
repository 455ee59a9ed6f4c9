/* sink.c: the calls a fetcher makes on its NfSink, forwarded to whoever drives it
 * (sink-private.h), and the input-size helper fetchers report progress with. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "sink-private.h"

gboolean
nf_sink_push (NfSink *sink, NfArticle *article)
{
  g_return_val_if_fail (sink != NULL && article != NULL, FALSE);
  return sink->funcs->push (sink, article);
}

gboolean
nf_sink_push_failed (NfSink *sink, const char *source, const GError *error)
{
  g_return_val_if_fail (sink != NULL && source != NULL, FALSE);
  return sink->funcs->push_failed (sink, source, error);
}

gboolean
nf_sink_wants_progress (NfSink *sink)
{
  g_return_val_if_fail (sink != NULL, FALSE);
  return sink->funcs->wants_progress (sink);
}

void
nf_sink_set_total_items (NfSink *sink, guint64 total)
{
  g_return_if_fail (sink != NULL);
  sink->funcs->set_total_items (sink, total);
}

void
nf_sink_set_input_bytes (NfSink *sink, guint64 done, guint64 total)
{
  g_return_if_fail (sink != NULL);
  sink->funcs->set_input_bytes (sink, done, total);
}

guint64
nf_paths_total_bytes (const char *const *paths)
{
  guint64 total = 0;
  for (; paths && *paths; paths++)
    {
      struct stat info;
      if (strcmp (*paths, "-") == 0 || stat (*paths, &info) != 0 || !S_ISREG (info.st_mode))
        return 0;
      total += info.st_size;
    }
  return total;
}
