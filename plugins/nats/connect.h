/* plugins/nats/connect.h: what fetch "nats" and format "nats" share: the connection options
 * (servers, credentials, TLS), connecting with endless reconnection, and creating the
 * JetStream stream that holds a subject when it is missing.  Included by both plugins. */
#ifndef NF_NATS_CONNECT_H
#define NF_NATS_CONNECT_H

#include <string.h>

#include <nats/nats.h>
#include <newsflow/newsflow.h>

#define NF_NATS_OPTIONS                                                                         \
  NF_OPTION_STR_LIST ("servers", "{\"nats://127.0.0.1:4222\"}",                                 \
                      "NATS server URLs (several, or several in one string separated by "       \
                      "commas: the members of a cluster; the client reconnects to any of them, " \
                      "without end, when one goes away)."),                                     \
  NF_OPTION_STR ("credentials", NULL, "A NATS credentials file (.creds: user JWT and NKey "     \
                 "seed) to authenticate with."),                                                \
  NF_OPTION_BOOL ("tls", cfg_false, "Require TLS (implied by tls:// URLs or the tls-* files)."), \
  NF_OPTION_STR ("tls-ca", NULL, "CA certificates (PEM) that the server's certificate must "    \
                 "chain to; the system's when not set."),                                       \
  NF_OPTION_STR ("tls-cert", NULL, "Client certificate (PEM), for servers that verify "         \
                 "clients; needs tls-key."),                                                    \
  NF_OPTION_STR ("tls-key", NULL, "The client certificate's private key (PEM)."),               \
  NF_OPTION_STR ("stream", NULL, "The JetStream stream holding the subject; by default the "    \
                 "subject in capitals with '_' for '.' (newsflow.raw: NEWSFLOW_RAW). Created "  \
                 "when missing, with the settings below."),                                     \
  NF_OPTION_INT ("replicas", 1, "Copies of the stream kept by a cluster, when creating it "     \
                 "(3 on a three-node cluster survives one node stopping)."),                    \
  NF_OPTION_CHOICE ("storage", "file", "file|memory", "Where a created stream keeps its "       \
                    "messages."),                                                               \
  NF_OPTION_INT ("max-age", 0, "Seconds a created stream keeps a message at most; 0: until "    \
                 "it is consumed (or forever on the error stream)."),                           \
  NF_OPTION_INT ("duplicate-window", 120, "Seconds over which a created stream drops a "        \
                 "message whose id (the article id) it already holds.")

typedef struct {
  jsStorageType storage;
  int64_t       replicas;
  int64_t       max_age_ns;
  int64_t       duplicates_ns;
  /* Written in the chain (not defaults): these are applied to a stream that exists. */
  gboolean      storage_set, replicas_set, max_age_set, duplicates_set;
} NfNatsStreamSettings;

/* TRUE when the chain sets option @name itself: only such settings are applied to a stream
 * or consumer that exists, so one made by hand (or by the nats tool) keeps what the chain
 * does not mention. */
static inline gboolean
nf_nats_option_is_set (cfg_t *config, const char *name)
{
  cfg_opt_t *option = cfg_getopt (config, name);
  return option && (option->flags & CFGF_MODIFIED);
}

/* Does a stream's subject @pattern ("a.*", "a.>") take @subject? */
static inline gboolean
nf_nats_subject_matches (const char *pattern, const char *subject)
{
  g_auto (GStrv) want = g_strsplit (pattern, ".", -1);
  g_auto (GStrv) have = g_strsplit (subject, ".", -1);
  guint i = 0;
  for (; want[i] && have[i]; i++)
    {
      if (strcmp (want[i], ">") == 0)
        return TRUE;
      if (strcmp (want[i], "*") != 0 && strcmp (want[i], have[i]) != 0)
        return FALSE;
    }
  return want[i] == NULL && have[i] == NULL;
}

/* The message for a failed libnats call: its status text and, when libnats recorded one,
 * the detail (which server, which JetStream error). */
static inline void
nf_nats_set_error (GError **error, natsStatus status, jsErrCode code, const char *what)
{
  natsStatus last = NATS_OK;
  const char *detail = nats_GetLastError (&last);
  if (detail && *detail && last == status)
    g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", what, detail);
  else if (code)
    g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s (JetStream error %d)", what,
                 natsStatus_GetText (status), (int) code);
  else
    g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", what, natsStatus_GetText (status));
}

/* The default stream name for @subject: "newsflow.raw" -> "NEWSFLOW_RAW" (stream names
 * may not hold '.', '*', '>' or spaces). */
static inline char *
nf_nats_stream_for (const char *subject)
{
  char *name = g_ascii_strup (subject, -1);
  for (char *c = name; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-')
      *c = '_';
  return name;
}

static inline gboolean
nf_nats_read_stream_settings (cfg_t *config, NfNatsStreamSettings *settings, GError **error)
{
  long replicas = cfg_getint (config, "replicas");
  long max_age = cfg_getint (config, "max-age");
  long window = cfg_getint (config, "duplicate-window");
  if (replicas < 1 || replicas > 5 || max_age < 0 || window < 1)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                   "replicas must be 1 to 5 (not %ld), max-age 0 or more (not %ld), "
                   "duplicate-window 1 or more (not %ld)", replicas, max_age, window);
      return FALSE;
    }
  settings->replicas = replicas;
  settings->max_age_ns = (int64_t) max_age * 1000000000;
  settings->duplicates_ns = (int64_t) window * 1000000000;
  settings->storage = strcmp (cfg_getstr (config, "storage"), "memory") == 0 ? js_MemoryStorage : js_FileStorage;
  settings->storage_set = nf_nats_option_is_set (config, "storage");
  settings->replicas_set = nf_nats_option_is_set (config, "replicas");
  settings->max_age_set = nf_nats_option_is_set (config, "max-age");
  settings->duplicates_set = nf_nats_option_is_set (config, "duplicate-window");
  return TRUE;
}

/* Connects to the servers of @config; the connection reconnects without end and buffers
 * what is published meanwhile, so a restarted server or a stopped cluster node only
 * delays the run. */
static inline natsConnection *
nf_nats_connect (cfg_t *config, const char *name, GError **error)
{
  natsOptions *options = NULL;
  natsConnection *connection = NULL;
  /* An entry may list several URLs separated by commas (NATS_URL="nats://a,nats://b"). */
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  gboolean tls = cfg_getbool (config, "tls");
  for (guint i = 0; i < cfg_size (config, "servers"); i++)
    {
      g_auto (GStrv) urls = g_strsplit (cfg_getnstr (config, "servers", i), ",", -1);
      for (char **url = urls; *url; url++)
        if (*g_strstrip (*url))
          {
            tls = tls || g_str_has_prefix (*url, "tls://");
            g_ptr_array_add (list, g_strdup (*url));
          }
    }
  if (list->len == 0)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "servers: name at least one NATS server URL");
      return NULL;
    }
  guint n = list->len;
  g_ptr_array_add (list, NULL);
  const char **servers = (const char **) list->pdata;
  const char *credentials = cfg_getstr (config, "credentials");
  const char *ca = cfg_getstr (config, "tls-ca");
  const char *cert = cfg_getstr (config, "tls-cert");
  const char *key = cfg_getstr (config, "tls-key");
  if ((cert == NULL) != (key == NULL))
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "tls-cert and tls-key go together");
      return NULL;
    }
  tls = tls || ca || cert;
  natsStatus s = natsOptions_Create (&options);
  if (s == NATS_OK) s = natsOptions_SetServers (options, servers, (int) n);
  if (s == NATS_OK) s = natsOptions_SetName (options, name);
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect (options, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait (options, 250);
  if (s == NATS_OK) s = natsOptions_SetReconnectBufSize (options, 64 * 1024 * 1024);
  if (s == NATS_OK && credentials) s = natsOptions_SetUserCredentialsFromFiles (options, credentials, NULL);
  if (s == NATS_OK && tls) s = natsOptions_SetSecure (options, true);
  if (s == NATS_OK && ca) s = natsOptions_LoadCATrustedCertificates (options, ca);
  if (s == NATS_OK && cert) s = natsOptions_LoadCertificatesChain (options, cert, key);
  if (s != NATS_OK)
    {
      nf_nats_set_error (error, s, 0, "NATS connection options");
      natsOptions_Destroy (options);
      return NULL;
    }
  s = natsConnection_Connect (&connection, options);
  natsOptions_Destroy (options);
  if (s != NATS_OK)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) servers);
      g_autofree char *what = g_strdup_printf ("cannot connect to %s", joined);
      nf_nats_set_error (error, s, 0, what);
      return NULL;
    }
  return connection;
}

/* A stream that exists: it must take @subject, and the settings the chain writes are
 * applied to it (said on standard error); storage cannot change. */
static inline gboolean
nf_nats_update_stream (jsCtx *js, jsStreamInfo *info, const char *subject,
                       const NfNatsStreamSettings *settings, GError **error)
{
  jsStreamConfig *config = info->Config;
  gboolean takes = FALSE;
  for (int i = 0; i < config->SubjectsLen && !takes; i++)
    takes = nf_nats_subject_matches (config->Subjects[i], subject);
  if (!takes)
    {
      g_autoptr (GString) held = g_string_new (NULL);
      for (int i = 0; i < config->SubjectsLen; i++)
        g_string_append_printf (held, "%s%s", i ? ", " : "", config->Subjects[i]);
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                   "stream %s exists and does not take subject %s (its subjects: %s): name "
                   "another stream, or add the subject to it", config->Name, subject, held->len ? held->str : "none");
      return FALSE;
    }
  if (settings->storage_set && config->Storage != settings->storage)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                   "stream %s keeps its messages in %s; storage cannot change on a stream "
                   "that exists (remove the option, or delete the stream first)",
                   config->Name, config->Storage == js_MemoryStorage ? "memory" : "files");
      return FALSE;
    }
  g_autoptr (GString) changes = g_string_new (NULL);
  if (settings->max_age_set && config->MaxAge != settings->max_age_ns)
    {
      g_string_append_printf (changes, ", max-age %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " s",
                              config->MaxAge / 1000000000, settings->max_age_ns / 1000000000);
      config->MaxAge = settings->max_age_ns;
    }
  if (settings->duplicates_set && config->Duplicates != settings->duplicates_ns)
    {
      g_string_append_printf (changes, ", duplicate-window %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " s",
                              config->Duplicates / 1000000000, settings->duplicates_ns / 1000000000);
      config->Duplicates = settings->duplicates_ns;
    }
  if (settings->replicas_set && config->Replicas != settings->replicas)
    {
      g_string_append_printf (changes, ", replicas %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT,
                              config->Replicas, settings->replicas);
      config->Replicas = settings->replicas;
    }
  if (changes->len == 0)
    return TRUE;
  jsStreamInfo *updated = NULL;
  jsErrCode code = 0;
  natsStatus s = js_UpdateStream (&updated, js, config, NULL, &code);
  jsStreamInfo_Destroy (updated);
  if (s != NATS_OK)
    {
      g_autofree char *what = g_strdup_printf ("cannot update stream %s (%s)", config->Name, changes->str + 2);
      nf_nats_set_error (error, s, code, what);
      return FALSE;
    }
  g_printerr ("newsflow: stream %s updated from the chain: %s\n", config->Name, changes->str + 2);
  return TRUE;
}

/* Makes sure the stream @stream exists and holds @subject; creates it with @settings when
 * missing (work-queue retention for work, limits for records kept such as errors), and
 * applies to it the settings the chain writes when it exists. */
static inline gboolean
nf_nats_ensure_stream (jsCtx *js, const char *stream, const char *subject, gboolean work_queue,
                       const NfNatsStreamSettings *settings, GError **error)
{
  jsStreamInfo *info = NULL;
  jsErrCode code = 0;
  natsStatus s = js_GetStreamInfo (&info, js, stream, NULL, &code);
  if (s == NATS_OK)
    {
      gboolean ok = nf_nats_update_stream (js, info, subject, settings, error);
      jsStreamInfo_Destroy (info);
      return ok;
    }
  if (s != NATS_NOT_FOUND && code != JSStreamNotFoundErr)
    {
      g_autofree char *what = g_strdup_printf ("stream %s", stream);
      nf_nats_set_error (error, s, code, what);
      return FALSE;
    }
  jsStreamConfig config;
  jsStreamConfig_Init (&config);
  const char *subjects[] = { subject };
  config.Name = stream;
  config.Subjects = subjects;
  config.SubjectsLen = 1;
  config.Retention = work_queue ? js_WorkQueuePolicy : js_LimitsPolicy;
  config.Storage = settings->storage;
  config.Replicas = settings->replicas;
  config.MaxAge = settings->max_age_ns;
  config.Duplicates = settings->duplicates_ns;
  code = 0;
  s = js_AddStream (&info, js, &config, NULL, &code);
  if (s != NATS_OK && code != JSStreamNameExistErr) /* another process made it meanwhile */
    {
      g_autofree char *what = g_strdup_printf ("cannot create stream %s for %s", stream, subject);
      nf_nats_set_error (error, s, code, what);
      return FALSE;
    }
  jsStreamInfo_Destroy (info);
  return TRUE;
}

#endif /* NF_NATS_CONNECT_H */
