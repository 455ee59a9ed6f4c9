/* plugins/nats/fetch.c, fetch "nats": pulls raw items or articles from a durable work-queue consumer of a NATS
 * JetStream stream, in batches, for many workers on many machines sharing one stream.
 *
 * A message is acknowledged only when its article has ended (the runner's ended
 * notification): written by every formatter and committed, dropped, or failed after its
 * error record was published to the error subject.  A worker killed at any moment has
 * acknowledged nothing it had not finished; the server gives those messages to another
 * worker after ack-wait.  A message delivered max-deliver times without ending (it kills
 * every worker that takes it) is given up with the same error record. */
#include <string.h>

#include "connect.h"

typedef struct {
  natsConnection   *connection;
  jsCtx            *js;
  natsSubscription *subscription;
  char             *subject, *stream, *consumer, *error_subject;
  char             *default_type;
  char             *describe;      /* "fetch nats" or "fetch nats:label", for error records */
  int               batch;
  guint64           max_deliver;
  gint64            idle_exit;     /* microseconds; 0: run until interrupted */
  gint64            stats_every;   /* microseconds; 0: no stats lines */

  /* Changed by the fetcher thread and the runner's in-order thread. */
  gint              in_flight;
  gint              received, acknowledged, failed, given_up, redelivered, retried;
} NatsFetcher;

/* What an article carries back to its message until it ends. */
typedef struct {
  NatsFetcher *fetcher;
  natsMsg     *message;
  gboolean     ended;
} Delivery;

static const NfOption nats_options[] = {
  NF_OPTION_STR ("subject", "newsflow.articles", "The subject to take messages from."),
  NF_OPTION_STR ("consumer", "newsflow", "The durable consumer's name: every process using the "
                 "same name shares its messages (each message goes to one of them). Created "
                 "when missing, with the settings below."),
  NF_OPTION_INT ("batch", 100, "Messages asked for at once."),
  NF_OPTION_INT ("ack-wait", 30, "Seconds a message may stay unacknowledged before the server "
                 "gives it to another process (a worker that died); longer than the time an "
                 "article takes, commit interval included."),
  NF_OPTION_INT ("max-deliver", 5, "Deliveries of a message that never ends (it kills its "
                 "worker) before it is given up: published to error-subject and removed."),
  NF_OPTION_INT ("max-ack-pending", 10000, "Messages the consumer hands out, to all its "
                 "processes together, before waiting for acknowledgements."),
  NF_OPTION_STR ("error-subject", "newsflow.errors", "Where failed and given-up articles are "
                 "recorded, one JSON object each (id, source, stage, message, deliveries), in "
                 "a stream kept for reading (created when missing)."),
  NF_OPTION_STR ("content-type", "application/json", "Content type of a message that names "
                 "none (published by another program)."),
  NF_OPTION_INT ("idle-exit", 0, "Stop after this many seconds with no message and nothing in "
                 "flight (batch jobs, tests); 0 runs until SIGTERM or SIGINT."),
  NF_OPTION_INT ("stats-interval", 30, "Seconds between progress lines on standard error "
                 "(received, acknowledged, failed, in flight, rate); 0: none."),
  NF_NATS_OPTIONS,
  NF_OPTION_END
};

/* ---- ending a message ---------------------------------------------------------------- */

/* Publishes the error record of an article and waits for the server to store it; only then
 * may its message be acknowledged. */
static gboolean
publish_error_record (NatsFetcher *fetcher, const char *id, const char *source, const char *stage,
                      const char *message, natsMsg *delivered)
{
  jsMsgMetaData *meta = NULL;
  natsMsg_GetMetaData (&meta, delivered);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, stage);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, natsMsg_GetSubject (delivered));
  json_builder_set_member_name (builder, "stream_sequence");
  json_builder_add_int_value (builder, meta ? (gint64) meta->Sequence.Stream : 0);
  json_builder_set_member_name (builder, "deliveries");
  json_builder_add_int_value (builder, meta ? (gint64) meta->NumDelivered : 0);
  json_builder_end_object (builder);
  jsMsgMetaData_Destroy (meta);
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  natsMsg *record = NULL;
  jsPubAck *ack = NULL;
  natsStatus s = natsMsg_Create (&record, fetcher->error_subject, NULL, text, (int) strlen (text));
  if (s == NATS_OK) s = natsMsgHeader_Set (record, "Nats-Msg-Id", id);
  if (s == NATS_OK) s = natsMsgHeader_Set (record, "Content-Type", "application/json");
  if (s == NATS_OK) s = js_PublishMsg (&ack, fetcher->js, record, NULL, NULL);
  jsPubAck_Destroy (ack);
  natsMsg_Destroy (record);
  return s == NATS_OK;
}

static void
on_ended (NfArticle *article, NfArticleOutcome outcome, gpointer data)
{
  Delivery *delivery = data;
  NatsFetcher *fetcher = delivery->fetcher;
  delivery->ended = TRUE;
  g_atomic_int_dec_and_test (&fetcher->in_flight);
  if (outcome != NF_ARTICLE_FAILED)
    {
      natsMsg_Ack (delivery->message, NULL);
      g_atomic_int_inc (&fetcher->acknowledged);
      return;
    }
  const char *stage = nf_article_get_failed_stage (article);
  /* A formatter that could not make its output durable (a server away, a full disk) is not
   * the article's fault: it is tried again, here or elsewhere, until max-deliver. */
  if (stage && g_str_has_prefix (stage, "format "))
    {
      natsMsg_NakWithDelay (delivery->message, 1000, NULL);
      g_atomic_int_inc (&fetcher->retried);
      return;
    }
  const GError *error = nf_article_get_error (article);
  if (publish_error_record (fetcher, nf_article_get_id (article), nf_article_get_source (article),
                            stage ? stage : "?", error ? error->message : "failed", delivery->message))
    {
      natsMsg_Ack (delivery->message, NULL);
      g_atomic_int_inc (&fetcher->failed);
    }
  else
    natsMsg_Nak (delivery->message, NULL); /* no record: not given up yet */
}

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;
  /* Never ended (the run stopped first): hand it back now rather than after ack-wait. */
  if (!delivery->ended)
    {
      natsMsg_Nak (delivery->message, NULL);
      g_atomic_int_dec_and_test (&delivery->fetcher->in_flight);
    }
  natsMsg_Destroy (delivery->message);
  g_free (delivery);
}

/* ---- a message to an article ----------------------------------------------------------- */

static const char *
header (natsMsg *message, const char *key)
{
  const char *value = NULL;
  return natsMsgHeader_Get (message, key, &value) == NATS_OK ? value : NULL;
}

/* The article a message holds: the exact wire form (payload "article"), a raw item with its
 * metadata in headers (payload "raw"), or a message from another program as a raw item. */
static NfArticle *
message_to_article (NatsFetcher *fetcher, natsMsg *message, const char *fallback_source, GError **error)
{
  const char *form = header (message, "Newsflow-Form");
  g_autoptr (GBytes) payload = g_bytes_new (natsMsg_GetData (message), (gsize) natsMsg_GetDataLength (message));
  if (g_strcmp0 (form, "article") == 0)
    return nf_article_new_from_wire (payload, error);

  g_autoptr (NfArticle) article = NULL;
  const char *meta = header (message, "Newsflow-Meta");
  if (meta)
    {
      article = nf_article_new_from_text (meta, error);
      if (article == NULL)
        {
          g_prefix_error (error, "Newsflow-Meta header: ");
          return NULL;
        }
    }
  else
    {
      article = nf_article_new (fallback_source);
      const char *id = header (message, "Nats-Msg-Id");
      if (id)
        nf_article_set_id (article, id);
    }
  const char *type = header (message, "Content-Type");
  nf_article_set_raw (article, payload, type ? type : fetcher->default_type);
  return g_steal_pointer (&article);
}

/* A message that is not read (malformed) or never ends (max-deliver): recorded as failed at
 * this stage, on the error subject and in the run's tally, and removed from the stream. */
static gboolean
give_up (NatsFetcher *fetcher, NfSink *sink, natsMsg *message, const char *source, const char *id,
         const GError *error)
{
  if (publish_error_record (fetcher, id ? id : source, source, fetcher->describe, error->message, message))
    {
      natsMsg_Term (message, NULL);
      g_atomic_int_inc (&fetcher->given_up);
    }
  natsMsg_Destroy (message);
  return nf_sink_push_failed (sink, source, error);
}

/* Waits until every article handed to the pipeline has ended (the runner commits an idle
 * pipeline within its commit interval). */
static void
wait_until_idle (NatsFetcher *fetcher, NfStage *stage)
{
  while (g_atomic_int_get (&fetcher->in_flight) > 0 && !nf_stage_is_cancelled (stage))
    g_usleep (G_USEC_PER_SEC / 200);
}

/* Hands one message to the pipeline; FALSE when the run is stopping. */
static gboolean
deliver (NatsFetcher *fetcher, NfStage *stage, NfSink *sink, natsMsg *message)
{
  jsMsgMetaData *meta = NULL;
  natsMsg_GetMetaData (&meta, message);
  guint64 deliveries = meta ? meta->NumDelivered : 1;
  g_autofree char *fallback = g_strdup_printf ("nats:%s:%" G_GUINT64_FORMAT, fetcher->stream,
                                               meta ? (guint64) meta->Sequence.Stream : 0);
  jsMsgMetaData_Destroy (meta);
  g_atomic_int_inc (&fetcher->received);
  if (deliveries > 1)
    g_atomic_int_inc (&fetcher->redelivered);

  g_autoptr (GError) error = NULL;
  NfArticle *article = message_to_article (fetcher, message, fallback, &error);
  if (article == NULL)
    return give_up (fetcher, sink, message, fallback, header (message, "Nats-Msg-Id"), error);
  if (deliveries > fetcher->max_deliver)
    {
      g_autoptr (GError) poison = g_error_new (NF_ERROR, NF_ERROR_FAILED,
                                               "given up after %" G_GUINT64_FORMAT " deliveries: every "
                                               "process that took it stopped before finishing it",
                                               deliveries - 1);
      gboolean going = give_up (fetcher, sink, message, nf_article_get_source (article),
                                nf_article_get_id (article), poison);
      nf_article_unref (article);
      return going;
    }
  /* A crash takes every message in flight down with the one that caused it.  On its last
   * try a message runs alone, so an innocent one is not given up for its neighbour's sake,
   * and a poison message is blamed alone. */
  gboolean alone = deliveries == fetcher->max_deliver && deliveries > 1;
  if (alone)
    wait_until_idle (fetcher, stage);
  Delivery *delivery = g_new0 (Delivery, 1);
  delivery->fetcher = fetcher;
  delivery->message = message;
  g_atomic_int_inc (&fetcher->in_flight);
  nf_article_set_ended_notify (article, on_ended, delivery, delivery_free);
  gboolean going = nf_sink_push (sink, article);
  if (alone && going)
    wait_until_idle (fetcher, stage);
  return going;
}

/* ---- plugin callbacks ------------------------------------------------------------------- */

static void
nats_free (gpointer instance)
{
  NatsFetcher *fetcher = instance;
  if (fetcher->subscription)
    natsSubscription_Destroy (fetcher->subscription); /* the durable consumer stays */
  if (fetcher->js)
    jsCtx_Destroy (fetcher->js);
  if (fetcher->connection)
    {
      natsConnection_FlushTimeout (fetcher->connection, 2000); /* the last acknowledgements */
      natsConnection_Close (fetcher->connection);
      natsConnection_Destroy (fetcher->connection);
    }
  g_free (fetcher->subject);
  g_free (fetcher->stream);
  g_free (fetcher->consumer);
  g_free (fetcher->error_subject);
  g_free (fetcher->default_type);
  g_free (fetcher->describe);
  g_free (fetcher);
}

/* A consumer that exists: it must take the chain's subject, and the settings the chain
 * writes are applied to it (said on standard error). */
static gboolean
update_consumer (NatsFetcher *fetcher, cfg_t *chain, jsConsumerInfo *info, gint64 ack_wait,
                 gint64 max_ack_pending, GError **error)
{
  jsConsumerConfig *config = info->Config;
  if (config->FilterSubject && *config->FilterSubject
      && !nf_nats_subject_matches (config->FilterSubject, fetcher->subject))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                   "consumer %s of stream %s exists and takes %s, not %s: name another consumer",
                   fetcher->consumer, fetcher->stream, config->FilterSubject, fetcher->subject);
      return FALSE;
    }
  g_autoptr (GString) changes = g_string_new (NULL);
  if (nf_nats_option_is_set (chain, "ack-wait") && config->AckWait != ack_wait * 1000000000)
    {
      g_string_append_printf (changes, ", ack-wait %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " s",
                              (gint64) (config->AckWait / 1000000000), ack_wait);
      config->AckWait = ack_wait * 1000000000;
    }
  if (nf_nats_option_is_set (chain, "max-deliver") && config->MaxDeliver != (int64_t) fetcher->max_deliver + 1)
    {
      g_string_append_printf (changes, ", max-deliver %" G_GINT64_FORMAT " -> %" G_GUINT64_FORMAT,
                              (gint64) config->MaxDeliver - 1, fetcher->max_deliver);
      config->MaxDeliver = (int64_t) fetcher->max_deliver + 1;
    }
  if (nf_nats_option_is_set (chain, "max-ack-pending") && config->MaxAckPending != max_ack_pending)
    {
      g_string_append_printf (changes, ", max-ack-pending %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT,
                              (gint64) config->MaxAckPending, max_ack_pending);
      config->MaxAckPending = max_ack_pending;
    }
  if (changes->len == 0)
    return TRUE;
  jsConsumerInfo *updated = NULL;
  jsErrCode code = 0;
  natsStatus s = js_UpdateConsumer (&updated, fetcher->js, fetcher->stream, config, NULL, &code);
  jsConsumerInfo_Destroy (updated);
  if (s != NATS_OK)
    {
      g_autofree char *what = g_strdup_printf ("cannot update consumer %s of stream %s (%s)",
                                               fetcher->consumer, fetcher->stream, changes->str + 2);
      nf_nats_set_error (error, s, code, what);
      return FALSE;
    }
  g_printerr ("newsflow: consumer %s of stream %s updated from the chain: %s\n", fetcher->consumer,
              fetcher->stream, changes->str + 2);
  return TRUE;
}

static gboolean
ensure_consumer (NatsFetcher *fetcher, cfg_t *chain, gint64 ack_wait, gint64 max_ack_pending, GError **error)
{
  jsConsumerInfo *info = NULL;
  jsErrCode code = 0;
  natsStatus s = js_GetConsumerInfo (&info, fetcher->js, fetcher->stream, fetcher->consumer, NULL, &code);
  if (s == NATS_OK && !update_consumer (fetcher, chain, info, ack_wait, max_ack_pending, error))
    {
      jsConsumerInfo_Destroy (info);
      return FALSE;
    }
  if (s == NATS_NOT_FOUND || code == JSConsumerNotFoundErr)
    {
      jsConsumerConfig config;
      jsConsumerConfig_Init (&config);
      config.Durable = fetcher->consumer;
      config.AckPolicy = js_AckExplicit;
      config.AckWait = ack_wait * 1000000000;
      /* One delivery more than max-deliver: the last one is not processed but given up. */
      config.MaxDeliver = (int64_t) fetcher->max_deliver + 1;
      config.MaxAckPending = max_ack_pending;
      config.FilterSubject = fetcher->subject;
      code = 0;
      s = js_AddConsumer (&info, fetcher->js, fetcher->stream, &config, NULL, &code);
    }
  if (s != NATS_OK)
    {
      g_autofree char *what = g_strdup_printf ("consumer %s of stream %s", fetcher->consumer, fetcher->stream);
      nf_nats_set_error (error, s, code, what);
      return FALSE;
    }
  jsConsumerInfo_Destroy (info);
  jsSubOptions options;
  jsSubOptions_Init (&options);
  options.Stream = fetcher->stream;
  options.Consumer = fetcher->consumer;
  options.ManualAck = true;
  code = 0;
  s = js_PullSubscribe (&fetcher->subscription, fetcher->js, fetcher->subject, fetcher->consumer,
                        NULL, &options, &code);
  if (s != NATS_OK)
    {
      g_autofree char *what = g_strdup_printf ("cannot take messages from consumer %s", fetcher->consumer);
      nf_nats_set_error (error, s, code, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
nats_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  long batch = cfg_getint (config, "batch"), ack_wait = cfg_getint (config, "ack-wait");
  long max_deliver = cfg_getint (config, "max-deliver"), max_ack_pending = cfg_getint (config, "max-ack-pending");
  long idle_exit = cfg_getint (config, "idle-exit"), stats = cfg_getint (config, "stats-interval");
  if (batch < 1 || ack_wait < 1 || max_deliver < 1 || max_ack_pending < 1 || idle_exit < 0 || stats < 0)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN,
                           "batch, ack-wait, max-deliver and max-ack-pending must be positive; "
                           "idle-exit and stats-interval 0 or more");
      return FALSE;
    }
  NfNatsStreamSettings settings;
  if (!nf_nats_read_stream_settings (config, &settings, error))
    return FALSE;
  NatsFetcher *fetcher = g_new0 (NatsFetcher, 1);
  fetcher->subject = g_strdup (cfg_getstr (config, "subject"));
  fetcher->stream = cfg_getstr (config, "stream") ? g_strdup (cfg_getstr (config, "stream"))
                                                  : nf_nats_stream_for (fetcher->subject);
  fetcher->consumer = g_strdup (cfg_getstr (config, "consumer"));
  fetcher->error_subject = g_strdup (cfg_getstr (config, "error-subject"));
  fetcher->default_type = g_strdup (cfg_getstr (config, "content-type"));
  fetcher->describe = g_strdup_printf ("fetch %s", nf_stage_get_name (stage));
  fetcher->batch = (int) batch;
  fetcher->max_deliver = (guint64) max_deliver;
  fetcher->idle_exit = (gint64) idle_exit * G_USEC_PER_SEC;
  fetcher->stats_every = (gint64) stats * G_USEC_PER_SEC;
  g_autofree char *name = g_strdup_printf ("newsflow %s", fetcher->describe);
  g_autofree char *error_stream = nf_nats_stream_for (fetcher->error_subject);
  NfNatsStreamSettings kept = settings;
  kept.max_age_ns = 0; /* errors are kept until read, whatever the work stream's max-age */
  kept.max_age_set = FALSE;
  natsStatus s;
  /* Creating a replicated stream waits for its Raft group to elect a leader, which takes
   * longer than libnats's 5 s default on a busy cluster. */
  jsOptions js_options;
  jsOptions_Init (&js_options);
  js_options.Wait = 30000;
  if ((fetcher->connection = nf_nats_connect (config, name, error)) == NULL
      || ((s = natsConnection_JetStream (&fetcher->js, fetcher->connection, &js_options)) != NATS_OK
          && (nf_nats_set_error (error, s, 0, "JetStream"), TRUE))
      || !nf_nats_ensure_stream (fetcher->js, fetcher->stream, fetcher->subject, TRUE, &settings, error)
      || !nf_nats_ensure_stream (fetcher->js, error_stream, fetcher->error_subject, FALSE, &kept, error)
      || !ensure_consumer (fetcher, config, ack_wait, max_ack_pending, error))
    {
      nats_free (fetcher);
      return FALSE;
    }
  nf_stage_set_instance (stage, fetcher);
  return TRUE;
}

static void
print_stats (NatsFetcher *fetcher, gint64 now, gint64 *last_time, gint *last_acknowledged)
{
  gint acknowledged = g_atomic_int_get (&fetcher->acknowledged);
  double seconds = (double) (now - *last_time) / G_USEC_PER_SEC;
  g_printerr ("newsflow: %s (%s/%s): %d received, %d acknowledged (%.1f/s), %d failed, %d given up, "
              "%d retried, %d redelivered, %d in flight\n",
              fetcher->describe, fetcher->stream, fetcher->consumer, g_atomic_int_get (&fetcher->received),
              acknowledged, seconds > 0 ? (acknowledged - *last_acknowledged) / seconds : 0.0,
              g_atomic_int_get (&fetcher->failed), g_atomic_int_get (&fetcher->given_up),
              g_atomic_int_get (&fetcher->retried), g_atomic_int_get (&fetcher->redelivered),
              g_atomic_int_get (&fetcher->in_flight));
  *last_time = now;
  *last_acknowledged = acknowledged;
}

static gboolean
nats_fetch (NfStage *stage, NfSink *sink, GError **error)
{
  NatsFetcher *fetcher = nf_stage_get_instance (stage);
  gint64 last_message = g_get_monotonic_time ();
  gint64 last_stats = last_message;
  gint last_acknowledged = 0;
  while (!nf_stage_is_cancelled (stage))
    {
      gint64 now = g_get_monotonic_time ();
      if (fetcher->stats_every && now - last_stats >= fetcher->stats_every)
        print_stats (fetcher, now, &last_stats, &last_acknowledged);
      natsMsgList list = { 0 };
      jsErrCode code = 0;
      /* A short wait, so an interruption or idle-exit is noticed within a second. */
      natsStatus s = natsSubscription_Fetch (&list, fetcher->subscription, fetcher->batch, 500, &code);
      if (s == NATS_TIMEOUT || (s == NATS_OK && list.Count == 0))
        {
          natsMsgList_Destroy (&list);
          if (g_atomic_int_get (&fetcher->in_flight) > 0)
            last_message = g_get_monotonic_time ();
          else if (fetcher->idle_exit && g_get_monotonic_time () - last_message >= fetcher->idle_exit)
            break;
          continue;
        }
      if (s == NATS_CONNECTION_CLOSED || s == NATS_INVALID_SUBSCRIPTION)
        {
          natsMsgList_Destroy (&list);
          nf_nats_set_error (error, s, code, "the connection to the NATS servers is closed");
          return FALSE;
        }
      if (s != NATS_OK)
        {
          /* Disconnected (the client reconnects by itself), a leader election, ...: wait. */
          natsMsgList_Destroy (&list);
          g_usleep (G_USEC_PER_SEC / 4);
          continue;
        }
      last_message = g_get_monotonic_time ();
      gboolean going = TRUE;
      for (int i = 0; i < list.Count; i++)
        {
          natsMsg *message = list.Msgs[i];
          list.Msgs[i] = NULL; /* ours now */
          if (going)
            going = deliver (fetcher, stage, sink, message);
          else
            {
              natsMsg_Nak (message, NULL);
              natsMsg_Destroy (message);
            }
        }
      natsMsgList_Destroy (&list);
      if (!going)
        break;
    }
  if (fetcher->stats_every)
    print_stats (fetcher, g_get_monotonic_time (), &last_stats, &last_acknowledged);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FETCH,
  .name = "nats",
  .summary = "Takes raw items or articles from a NATS JetStream work-queue consumer, acknowledging each when it has ended",
  .options = nats_options,
  .init = nats_init,
  .fetch = nats_fetch,
  .free = nats_free,
);
