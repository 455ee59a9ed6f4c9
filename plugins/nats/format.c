/* plugins/nats/format.c, format "nats": publishes each article, or each raw item before parsing, to a subject of a
 * NATS JetStream stream, for workers and sinks on other machines (fetch "nats").
 *
 * The message id is the article id, so the stream drops a re-published article (a worker
 * that died after publishing but before acknowledging its input).  Publishing is
 * asynchronous with a bounded window of messages awaiting the server's acknowledgement;
 * commit waits for all of them, so an article counts as written only once the server
 * stored it.
 *
 * Messages are sent in bursts: an article waits up to linger-ms for others (or until a
 * burst is full, or the commit), and a sender thread hands the burst to libnats at once.
 * One by one, each message would reach the server in a TCP segment of its own, and the
 * server's cost per message (a wake-up, a read, an acknowledgement sent back alone) was
 * about twice that of the same messages in bursts (tests/bench/scale-out.sh). */
#include <string.h>

#include "connect.h"

typedef struct {
  natsConnection *connection;
  jsCtx          *js;
  char           *subject;
  gboolean        raw;         /* payload = "raw": the item's bytes, metadata in headers */
  gint64          ack_timeout; /* ms */

  /* Filled by libnats's thread when the server refuses a message (or never answers). */
  GMutex          lock;
  guint64         refused;
  char           *first_refusal;
  GPtrArray      *retry;       /* natsMsg *: refused for now (no stream leader yet) */
  char           *send_error;  /* the first message that could not be sent since the last commit */

  /* The burst being gathered, and the sender thread that sends it. */
  GMutex          queue_lock;
  GCond           queue_cond;
  GPtrArray      *queue;       /* natsMsg * */
  gint64          queue_since; /* monotonic time of the burst's first message */
  gint64          linger;      /* microseconds */
  gboolean        stopping;
  GThread        *sender;
  GMutex          send_lock;   /* held while a burst is handed to libnats, so commit sees it all */
} NatsFormatter;

/* A full burst leaves at once: enough to fill the server's reads, small enough that the
 * window of unacknowledged messages (max-pending) keeps it moving. */
#define BURST 128

static const NfOption nats_options[] = {
  NF_OPTION_STR ("subject", "newsflow.articles", "The subject articles are published to."),
  NF_OPTION_CHOICE ("payload", "article", "article|raw",
                    "article: the parsed article with every field and annotation, exactly, for "
                    "fetch \"nats\" to read back; raw: the item's bytes as fetched (before any "
                    "parser), with content type, source, id and fetch metadata as headers — "
                    "what a producer sends to workers that parse."),
  NF_OPTION_INT ("max-pending", 1000, "Messages sent and not yet acknowledged by the server at "
                 "most; publishing waits when the window is full."),
  NF_OPTION_INT ("linger-ms", 5, "Milliseconds a message may wait to be sent with others "
                 "(a burst costs the server about half as much a message as single messages); "
                 "0 sends each at once. Commit sends what waits."),
  NF_OPTION_INT ("ack-timeout", 30, "Seconds a commit waits for the server's acknowledgements "
                 "(re-sending what is unanswered) before it fails its articles."),
  NF_NATS_OPTIONS,
  NF_OPTION_END
};

static void
on_refused (G_GNUC_UNUSED jsCtx *js, jsPubAckErr *refusal, void *data)
{
  NatsFormatter *formatter = data;
  const char *id = NULL;
  natsMsgHeader_Get (refusal->Msg, "Nats-Msg-Id", &id);
  g_mutex_lock (&formatter->lock);
  /* No responders: the stream has no leader at the moment (a cluster node stopped, a
   * server restarting).  Kept, and sent again by commit. */
  if (refusal->Err == NATS_NO_RESPONDERS || refusal->Err == NATS_TIMEOUT)
    {
      g_ptr_array_add (formatter->retry, refusal->Msg);
      refusal->Msg = NULL; /* ours now: libnats does not destroy it */
      g_mutex_unlock (&formatter->lock);
      return;
    }
  if (formatter->refused++ == 0)
    formatter->first_refusal = g_strdup_printf ("%s: %s", id ? id : "?",
                                                refusal->ErrText ? refusal->ErrText : natsStatus_GetText (refusal->Err));
  g_mutex_unlock (&formatter->lock);
}

static void
nats_free (gpointer instance)
{
  NatsFormatter *formatter = instance;
  if (formatter->sender)
    {
      g_mutex_lock (&formatter->queue_lock);
      formatter->stopping = TRUE;
      g_cond_signal (&formatter->queue_cond);
      g_mutex_unlock (&formatter->queue_lock);
      g_thread_join (formatter->sender);
    }
  /* Never sent: their articles were not committed, so they are failed already. */
  for (guint i = 0; i < formatter->queue->len; i++)
    natsMsg_Destroy (formatter->queue->pdata[i]);
  g_ptr_array_unref (formatter->queue);
  if (formatter->js)
    {
      /* Whatever was not committed is failed already; do not wait long for it. */
      jsPubOptions options;
      jsPubOptions_Init (&options);
      options.MaxWait = 1000;
      js_PublishAsyncComplete (formatter->js, &options);
      jsCtx_Destroy (formatter->js);
    }
  if (formatter->connection)
    {
      natsConnection_Close (formatter->connection);
      natsConnection_Destroy (formatter->connection);
    }
  g_free (formatter->subject);
  g_free (formatter->first_refusal);
  g_free (formatter->send_error);
  g_ptr_array_unref (formatter->retry);
  g_mutex_clear (&formatter->lock);
  g_mutex_clear (&formatter->queue_lock);
  g_mutex_clear (&formatter->send_lock);
  g_cond_clear (&formatter->queue_cond);
  g_free (formatter);
}

/* ---- sending ------------------------------------------------------------------------ */

/* Hands one message to libnats, waiting while the window of unacknowledged messages is
 * full, up to ack-timeout. */
static natsStatus
send_message (NatsFormatter *formatter, natsMsg *message)
{
  gint64 deadline = g_get_monotonic_time () + formatter->ack_timeout * 1000;
  natsStatus s;
  /* NATS_TIMEOUT: the window stayed full for StallWait. */
  while ((s = js_PublishMsgAsync (formatter->js, &message, NULL)) == NATS_TIMEOUT
         && g_get_monotonic_time () <= deadline)
    ;
  if (s != NATS_OK)
    {
      const char *id = NULL;
      natsMsgHeader_Get (message, "Nats-Msg-Id", &id);
      g_mutex_lock (&formatter->lock);
      if (formatter->send_error == NULL)
        formatter->send_error = g_strdup_printf ("%s: %s", id ? id : "?", natsStatus_GetText (s));
      g_mutex_unlock (&formatter->lock);
    }
  natsMsg_Destroy (message); /* a no-op once libnats took it */
  return s;
}

/* Sends the burst gathered so far.  Holding send_lock while doing so means that once a
 * caller has it, no message taken from the queue is still on its way to libnats. */
static void
send_waiting (NatsFormatter *formatter)
{
  g_mutex_lock (&formatter->send_lock);
  g_mutex_lock (&formatter->queue_lock);
  g_autoptr (GPtrArray) burst = formatter->queue;
  formatter->queue = g_ptr_array_new ();
  g_mutex_unlock (&formatter->queue_lock);
  for (guint i = 0; i < burst->len; i++)
    send_message (formatter, burst->pdata[i]);
  g_mutex_unlock (&formatter->send_lock);
}

static gpointer
sender_main (gpointer data)
{
  NatsFormatter *formatter = data;
  g_mutex_lock (&formatter->queue_lock);
  while (!formatter->stopping)
    {
      if (formatter->queue->len == 0)
        {
          g_cond_wait (&formatter->queue_cond, &formatter->queue_lock);
          continue;
        }
      gint64 due = formatter->queue_since + formatter->linger;
      if (formatter->queue->len < BURST && g_get_monotonic_time () < due)
        {
          g_cond_wait_until (&formatter->queue_cond, &formatter->queue_lock, due);
          continue;
        }
      g_mutex_unlock (&formatter->queue_lock);
      send_waiting (formatter);
      g_mutex_lock (&formatter->queue_lock);
    }
  g_mutex_unlock (&formatter->queue_lock);
  return NULL;
}

static gboolean
nats_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  long max_pending = cfg_getint (config, "max-pending");
  long ack_timeout = cfg_getint (config, "ack-timeout");
  long linger = cfg_getint (config, "linger-ms");
  if (max_pending < 1 || ack_timeout < 1)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "max-pending (%ld) and ack-timeout (%ld) must be positive",
                   max_pending, ack_timeout);
      return FALSE;
    }
  if (linger < 0 || linger > 60000)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "linger-ms (%ld) must be between 0 and 60000", linger);
      return FALSE;
    }
  NfNatsStreamSettings settings;
  if (!nf_nats_read_stream_settings (config, &settings, error))
    return FALSE;
  const char *subject = cfg_getstr (config, "subject");
  g_autofree char *stream = cfg_getstr (config, "stream") ? g_strdup (cfg_getstr (config, "stream"))
                                                          : nf_nats_stream_for (subject);
  NatsFormatter *formatter = g_new0 (NatsFormatter, 1);
  g_mutex_init (&formatter->lock);
  g_mutex_init (&formatter->queue_lock);
  g_mutex_init (&formatter->send_lock);
  g_cond_init (&formatter->queue_cond);
  formatter->queue = g_ptr_array_new ();
  formatter->linger = (gint64) linger * 1000;
  formatter->retry = g_ptr_array_new_with_free_func ((GDestroyNotify) natsMsg_Destroy);
  formatter->subject = g_strdup (subject);
  formatter->raw = strcmp (cfg_getstr (config, "payload"), "raw") == 0;
  formatter->ack_timeout = (gint64) ack_timeout * 1000;
  g_autofree char *name = g_strdup_printf ("newsflow format %s", nf_stage_get_name (stage));
  formatter->connection = nf_nats_connect (config, name, error);
  if (formatter->connection == NULL)
    {
      nats_free (formatter);
      return FALSE;
    }
  jsOptions options;
  jsOptions_Init (&options);
  options.PublishAsync.MaxPending = max_pending;
  options.PublishAsync.ErrHandler = on_refused;
  options.PublishAsync.ErrHandlerClosure = formatter;
  options.PublishAsync.StallWait = 1000;
  options.Wait = 30000; /* stream creation on a busy cluster (Raft leader election) */
  natsStatus s = natsConnection_JetStream (&formatter->js, formatter->connection, &options);
  if (s != NATS_OK)
    {
      nf_nats_set_error (error, s, 0, "JetStream");
      nats_free (formatter);
      return FALSE;
    }
  if (!nf_nats_ensure_stream (formatter->js, stream, subject, TRUE, &settings, error))
    {
      nats_free (formatter);
      return FALSE;
    }
  if (formatter->linger > 0)
    formatter->sender = g_thread_new ("nats-sender", sender_main, formatter);
  nf_stage_set_instance (stage, formatter);
  return TRUE;
}

static natsStatus
set_header (natsMsg *message, const char *key, const char *value)
{
  return value ? natsMsgHeader_Set (message, key, value) : NATS_OK;
}

static gboolean
nats_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  NatsFormatter *formatter = nf_stage_get_instance (stage);
  g_autoptr (GBytes) payload = NULL;
  g_autofree char *meta = NULL;
  const char *content_type;
  if (formatter->raw)
    {
      GBytes *raw = nf_article_get_raw (article);
      if (raw == NULL)
        {
          g_set_error_literal (error, NF_ERROR, NF_ERROR_UNSUPPORTED,
                               "no raw bytes to publish (payload = \"raw\" needs the item as fetched)");
          return FALSE;
        }
      payload = g_bytes_ref (raw);
      content_type = nf_article_get_content_type (article);
      /* GVariant's text form keeps every type and escapes line breaks, so it fits a header. */
      g_autoptr (GVariant) variant = nf_article_to_variant (article, FALSE);
      meta = g_variant_print (variant, TRUE);
    }
  else
    {
      payload = nf_article_to_wire (article, TRUE);
      content_type = "application/x-newsflow-article";
    }

  gsize length;
  const void *data = g_bytes_get_data (payload, &length);
  natsMsg *message = NULL;
  natsStatus s = natsMsg_Create (&message, formatter->subject, NULL, data, (int) length);
  if (s == NATS_OK) s = natsMsgHeader_Set (message, "Nats-Msg-Id", nf_article_get_id (article));
  if (s == NATS_OK) s = set_header (message, "Content-Type", content_type);
  if (s == NATS_OK) s = natsMsgHeader_Set (message, "Newsflow-Form", formatter->raw ? "raw" : "article");
  if (s == NATS_OK) s = set_header (message, "Newsflow-Meta", meta);
  if (s != NATS_OK)
    {
      natsMsg_Destroy (message);
      nf_nats_set_error (error, s, 0, "cannot publish");
      return FALSE;
    }
  if (formatter->sender == NULL)
    {
      s = send_message (formatter, message);
      if (s != NATS_OK)
        {
          g_mutex_lock (&formatter->lock);
          g_clear_pointer (&formatter->send_error, g_free); /* this article fails, not the batch */
          g_mutex_unlock (&formatter->lock);
          nf_nats_set_error (error, s, 0, "cannot publish");
          return FALSE;
        }
      return TRUE;
    }
  g_mutex_lock (&formatter->queue_lock);
  if (formatter->queue->len == 0)
    formatter->queue_since = g_get_monotonic_time ();
  g_ptr_array_add (formatter->queue, message);
  guint waiting = formatter->queue->len;
  if (waiting == 1 || waiting >= BURST)
    g_cond_signal (&formatter->queue_cond);
  g_mutex_unlock (&formatter->queue_lock);
  /* The server is slower than the articles come: wait for it here rather than gather
   * messages without bound. */
  if (waiting >= 4 * BURST)
    send_waiting (formatter);
  return TRUE;
}

/* Re-sends what the server has not acknowledged (it may never have received it: a server
 * restarted, a cluster leader changed); the message id makes a second copy harmless. */
static void
resend_pending (NatsFormatter *formatter)
{
  natsMsgList pending = { 0 };
  if (js_PublishAsyncGetPendingList (&pending, formatter->js) != NATS_OK)
    return;
  for (int i = 0; i < pending.Count; i++)
    js_PublishMsgAsync (formatter->js, &pending.Msgs[i], NULL);
  natsMsgList_Destroy (&pending);
}

static guint
refused_for_now (NatsFormatter *formatter)
{
  g_mutex_lock (&formatter->lock);
  guint n = formatter->retry->len;
  g_mutex_unlock (&formatter->lock);
  return n;
}

/* Sends again what the server refused for now. */
static void
resend_refused (NatsFormatter *formatter)
{
  g_mutex_lock (&formatter->lock);
  GPtrArray *retry = formatter->retry;
  formatter->retry = g_ptr_array_new_with_free_func ((GDestroyNotify) natsMsg_Destroy);
  g_mutex_unlock (&formatter->lock);
  for (guint i = 0; i < retry->len; i++)
    js_PublishMsgAsync (formatter->js, (natsMsg **) &retry->pdata[i], NULL);
  g_ptr_array_unref (retry); /* destroys those libnats did not take */
}

static gboolean
nats_commit (NfStage *stage, GError **error)
{
  NatsFormatter *formatter = nf_stage_get_instance (stage);
  send_waiting (formatter);
  gint64 deadline = g_get_monotonic_time () + formatter->ack_timeout * 1000;
  natsStatus s;
  for (;;)
    {
      jsPubOptions options;
      jsPubOptions_Init (&options);
      options.MaxWait = MIN (5000, formatter->ack_timeout);
      s = js_PublishAsyncComplete (formatter->js, &options);
      gboolean late = g_get_monotonic_time () >= deadline;
      if (s == NATS_TIMEOUT && !late)
        resend_pending (formatter);
      else if (s == NATS_OK && !late && refused_for_now (formatter) > 0)
        {
          g_usleep (G_USEC_PER_SEC / 4); /* give the cluster time to elect a leader */
          resend_refused (formatter);
          continue;
        }
      if (s != NATS_TIMEOUT || late)
        break;
    }
  if (s == NATS_OK && refused_for_now (formatter) > 0)
    {
      s = NATS_TIMEOUT;
      g_mutex_lock (&formatter->lock);
      g_ptr_array_set_size (formatter->retry, 0);
      g_mutex_unlock (&formatter->lock);
    }
  if (s == NATS_TIMEOUT)
    {
      /* Given back and dropped: these articles fail, and their sources send them again. */
      natsMsgList pending = { 0 };
      int count = 0;
      if (js_PublishAsyncGetPendingList (&pending, formatter->js) == NATS_OK)
        {
          count = pending.Count;
          natsMsgList_Destroy (&pending);
        }
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%d messages to %s not acknowledged by the server within %" G_GINT64_FORMAT " s",
                   count, formatter->subject, formatter->ack_timeout / 1000);
    }
  else if (s != NATS_OK)
    nf_nats_set_error (error, s, 0, "waiting for the server's acknowledgements");
  g_mutex_lock (&formatter->lock);
  guint64 refused = formatter->refused;
  g_autofree char *first = g_steal_pointer (&formatter->first_refusal);
  g_autofree char *unsent = g_steal_pointer (&formatter->send_error);
  formatter->refused = 0;
  g_mutex_unlock (&formatter->lock);
  if (s == NATS_OK && refused > 0)
    g_set_error (error, NF_ERROR, NF_ERROR_IO, "the server refused %" G_GUINT64_FORMAT " messages to %s (first: %s)",
                 refused, formatter->subject, first);
  else if (s == NATS_OK && unsent)
    g_set_error (error, NF_ERROR, NF_ERROR_IO, "cannot publish to %s (first: %s)", formatter->subject, unsent);
  return s == NATS_OK && refused == 0 && unsent == NULL;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "nats",
  .summary = "Publishes articles or raw items to a NATS JetStream subject, for workers and sinks elsewhere",
  .options = nats_options,
  .init = nats_init,
  .process = nats_process,
  .commit = nats_commit,
  .free = nats_free,
);
