/* format "elasticsearch": documents for Elasticsearch (or OpenSearch), posted to its _bulk API
 * in batches by count and bytes through the core's HTTP client (retries with backoff on 429
 * and 5xx, per-document 429s resent, a document the server rejects failing its own article),
 * and/or written as a _bulk NDJSON file for `curl --data-binary @FILE`. */
#include <string.h>

#include <newsflow/newsflow.h>

typedef struct {
  NfOutput         *output;   /* the NDJSON file, or NULL */
  JsonGenerator    *generator;
  char             *index;
  char             *action;
  NfFieldSelection *id;       /* the path of the document id, or NULL: Elasticsearch assigns one */
  gboolean          id_is_article_id; /* the path is "id": no tree needed to find it */
  NfFieldSelection *fields;   /* NULL: the whole article */

  /* Posting (url set). */
  NfHttpClient     *client;
  char             *bulk_url;      /* URL/_bulk */
  char             *authorization; /* the Authorization header value, or NULL */
  guint             batch;         /* documents per request */
  gsize             batch_bytes;   /* bytes per request */
  guint             retries;
  double            retry_delay;
  GPtrArray        *pending;       /* Document *: the batch's */
  gsize             pending_bytes;
  guint64           posted;        /* documents indexed */
  GError           *failure;       /* the first batch that was not (wholly) indexed */
} BulkFormatter;

/* One document of a batch: its "action\ndocument\n" lines and the article they came from. */
typedef struct {
  char   *lines;
  guint64 article; /* nf_article_get_index */
} Document;

static void
document_free (gpointer data)
{
  Document *document = data;
  if (document == NULL) /* moved to the documents to resend */
    return;
  g_free (document->lines);
  g_free (document);
}

static const NfOption bulk_options[] = {
  NF_OPTION_STR ("output", "-", "Where to write the _bulk NDJSON: a file path, or \"-\" for standard "
                 "output; \"\" writes none. With url set, no file unless output is set. A file "
                 "appears when the run ends, holding the articles committed (with newsflow --atomic, "
                 "only when the run completes)."),
  NF_OPTION_STR ("url", "", "The Elasticsearch (or OpenSearch) server, e.g. \"http://localhost:9200\": "
                 "documents are posted to URL/_bulk in batches. Empty: only the file is written."),
  NF_OPTION_STR ("index", "newsflow", "The index every document goes to (the action line's "
                 "\"_index\")."),
  NF_OPTION_STR ("id", "id", "Path of the member whose value is the document's \"_id\" (as in "
                 "fields: \"id\", \"source\"), so re-indexing replaces documents; \"\" lets "
                 "Elasticsearch choose ids."),
  NF_OPTION_CHOICE ("action", "index", "index|create",
                    "index adds or replaces a document; create fails for an id that exists."),
  NF_OPTION_STR_LIST ("fields", NULL, "Members of the document instead of the whole article, as "
                      "the json formatter's fields (\"PATH\" or \"NAME=PATH\")."),
  NF_OPTION_INT ("batch", 500, "Documents per bulk request, at most."),
  NF_OPTION_INT ("batch-bytes", 5 * 1024 * 1024, "Bytes per bulk request, at most (a single larger "
                 "document goes alone); keep it under the server's http.max_content_length."),
  NF_OPTION_STR ("api-key", "", "An API key (the base64 \"encoded\" value Elasticsearch returns), sent "
                 "as \"Authorization: ApiKey KEY\". Use ${ES_API_KEY} to keep it out of the chain."),
  NF_OPTION_STR ("user", "", "User name for basic authentication (with password)."),
  NF_OPTION_STR ("password", "", "Password for basic authentication; ${ES_PASSWORD} keeps it out "
                 "of the chain."),
  NF_OPTION_STR ("ca-file", "", "PEM file of the certificate authority that signed the server's "
                 "certificate (a private CA), instead of the system's."),
  NF_HTTP_OPTION_ENTRIES,
  NF_OPTION_END
};

static void
bulk_free (gpointer instance)
{
  BulkFormatter *formatter = instance;
  if (formatter->output)
    nf_output_free (formatter->output);
  g_object_unref (formatter->generator);
  g_free (formatter->index);
  g_free (formatter->action);
  nf_field_selection_free (formatter->id);
  nf_field_selection_free (formatter->fields);
  nf_http_client_free (formatter->client);
  g_free (formatter->bulk_url);
  g_free (formatter->authorization);
  if (formatter->pending)
    g_ptr_array_unref (formatter->pending);
  g_clear_error (&formatter->failure);
  g_free (formatter);
}

/* The posting half of init: client, URL, authentication, batch limits. */
static gboolean
init_posting (BulkFormatter *formatter, cfg_t *config, const char *url, GError **error)
{
  if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "url: '%s' is not an http or https URL", url);
      return FALSE;
    }
  long batch = cfg_getint (config, "batch"), batch_bytes = cfg_getint (config, "batch-bytes");
  if (batch < 1 || batch_bytes < 1)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "batch and batch-bytes must be at least 1");
      return FALSE;
    }
  const char *api_key = cfg_getstr (config, "api-key"), *user = cfg_getstr (config, "user");
  const char *password = cfg_getstr (config, "password"), *ca_file = cfg_getstr (config, "ca-file");
  if (*api_key && *user)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "api-key and user: choose one way to authenticate");
      return FALSE;
    }
  if (*ca_file && !g_file_test (ca_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "ca-file: %s: no such file", ca_file);
      return FALSE;
    }
  NfHttpOptions options;
  if (!nf_http_options_from_config (&options, config, error))
    return FALSE;
  options.ca_file = *ca_file ? ca_file : NULL;
  /* The formatter retries itself, so that a retry resends only what was not indexed. */
  formatter->retries = options.retries;
  formatter->retry_delay = options.retry_delay;
  options.retries = 0;
  formatter->client = nf_http_client_new (&options, error);
  if (formatter->client == NULL)
    return FALSE;
  g_autofree char *base = g_strdup (url);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  formatter->bulk_url = g_strconcat (base, "/_bulk", NULL);
  if (*api_key)
    formatter->authorization = g_strconcat ("ApiKey ", api_key, NULL);
  else if (*user)
    {
      g_autofree char *pair = g_strconcat (user, ":", password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      formatter->authorization = g_strconcat ("Basic ", encoded, NULL);
    }
  formatter->batch = (guint) batch;
  formatter->batch_bytes = (gsize) batch_bytes;
  formatter->pending = g_ptr_array_new_with_free_func (document_free);
  return TRUE;
}

static gboolean
bulk_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  const char *index = cfg_getstr (config, "index");
  if (index == NULL || *index == '\0')
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "index must not be empty");
      return FALSE;
    }
  g_autoptr (NfFieldSelection) id = NULL;
  const char *id_path = cfg_getstr (config, "id");
  if (id_path && *id_path)
    {
      const char *specs[] = { id_path, NULL };
      id = nf_field_selection_new (specs, -1, error);
      if (id == NULL)
        return FALSE;
    }
  g_autoptr (NfFieldSelection) fields = NULL;
  guint n_fields = cfg_size (config, "fields");
  if (n_fields > 0)
    {
      g_autofree const char **specs = g_new0 (const char *, n_fields + 1);
      for (guint i = 0; i < n_fields; i++)
        specs[i] = cfg_getnstr (config, "fields", i);
      fields = nf_field_selection_new (specs, n_fields, error);
      if (fields == NULL)
        return FALSE;
    }
  BulkFormatter *formatter = g_new0 (BulkFormatter, 1);
  formatter->generator = json_generator_new ();
  formatter->index = g_strdup (index);
  formatter->action = g_strdup (cfg_getstr (config, "action"));
  formatter->id = g_steal_pointer (&id);
  formatter->id_is_article_id = g_strcmp0 (id_path, "id") == 0;
  formatter->fields = g_steal_pointer (&fields);
  const char *url = cfg_getstr (config, "url");
  if (*url && !init_posting (formatter, config, url, error))
    {
      bulk_free (formatter);
      return FALSE;
    }
  /* Posting writes no file unless one is asked for; without url the file is the point. */
  const char *output = cfg_getstr (config, "output");
  gboolean output_set = (cfg_getopt (config, "output")->flags & CFGF_MODIFIED) != 0;
  if (*output && (!*url || output_set) && (formatter->output = nf_output_open (output, error)) == NULL)
    {
      bulk_free (formatter);
      return FALSE;
    }
  if (formatter->output == NULL && formatter->client == NULL)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "nothing to do: set output, url or both");
      bulk_free (formatter);
      return FALSE;
    }
  nf_stage_set_instance (stage, formatter);
  return TRUE;
}

static char *
to_line (BulkFormatter *formatter, JsonNode *node)
{
  json_generator_set_root (formatter->generator, node);
  return json_generator_to_data (formatter->generator, NULL);
}

/* ---- posting ---- */

/* Why a document of a bulk response was not indexed, or NULL when it was. */
static char *
item_error (JsonObject *item, guint *status)
{
  GList *members = json_object_get_values (item);
  JsonNode *result = members ? members->data : NULL;
  g_list_free (members);
  if (result == NULL || !JSON_NODE_HOLDS_OBJECT (result))
    {
      *status = 0;
      return g_strdup ("no result for this document in the response");
    }
  JsonObject *object = json_node_get_object (result);
  *status = (guint) json_object_get_int_member_with_default (object, "status", 0);
  if (*status >= 200 && *status <= 299)
    return NULL;
  JsonObject *error = json_object_get_object_member (object, "error");
  const char *type = error ? json_object_get_string_member_with_default (error, "type", "error") : "error";
  const char *reason = error ? json_object_get_string_member_with_default (error, "reason", "") : "";
  const char *id = json_object_get_string_member_with_default (object, "_id", "?");
  return g_strdup_printf ("id %s: %u %s%s%s", id, *status, type, *reason ? ": " : "", reason);
}

/* Posts @pairs (Document *) once.  Returns the indices of documents to resend (per-document
 * 429s) in @again; a document rejected for good fails its article (nf_stage_reject_pending),
 * the rest of the batch is written.  FALSE with @error when the request as a whole failed
 * (after the client's answer: connection, 4xx, 5xx, unreadable reply). */
static gboolean
post_once (BulkFormatter *formatter, NfStage *stage, GPtrArray *pairs, GArray *again, guint *status, GError **error)
{
  GString *body = g_string_new (NULL);
  for (guint i = 0; i < pairs->len; i++)
    g_string_append (body, ((Document *) g_ptr_array_index (pairs, i))->lines);
  NfHttpRequest *request = nf_http_request_new (formatter->bulk_url);
  g_autoptr (GBytes) bytes = g_string_free_to_bytes (body);
  nf_http_request_set_body (request, "POST", "application/x-ndjson", bytes);
  nf_http_request_add_header (request, "Accept", "application/json");
  if (formatter->authorization)
    nf_http_request_add_header (request, "Authorization", formatter->authorization);
  g_autoptr (NfHttpResponse) response = nf_http_client_send (formatter->client, request);
  *status = nf_http_response_get_status (response);
  if (nf_http_response_get_error (response))
    {
      g_propagate_error (error, g_error_copy (nf_http_response_get_error (response)));
      GBytes *reply = nf_http_response_get_body (response);
      gsize length = 0;
      const char *text = reply ? g_bytes_get_data (reply, &length) : NULL;
      if (text && length)
        g_prefix_error (error, "%.*s: ", (int) MIN (length, 300), text);
      return FALSE;
    }
  g_autoptr (JsonParser) parser = json_parser_new ();
  GBytes *reply = nf_http_response_get_body (response);
  gsize length = 0;
  const char *text = reply ? g_bytes_get_data (reply, &length) : NULL;
  if (text == NULL || !nf_json_check_depth (text, length, NULL) || !json_parser_load_from_data (parser, text, length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: the reply is not a _bulk response", formatter->bulk_url);
      return FALSE;
    }
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonArray *items = json_object_get_array_member (root, "items");
  if (items == NULL || json_array_get_length (items) != pairs->len)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: the reply has %u results for %u documents",
                   formatter->bulk_url, items ? json_array_get_length (items) : 0, pairs->len);
      return FALSE;
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      guint item_status;
      char *why = item_error (json_array_get_object_element (items, i), &item_status);
      if (why == NULL)
        formatter->posted++;
      else if (item_status == 429)
        {
          g_array_append_val (again, i);
          g_free (why);
        }
      else
        {
          g_autoptr (GError) rejected = g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT,
                                                     "not indexed by %s: %s", formatter->bulk_url, why);
          nf_stage_reject_pending (stage, ((Document *) g_ptr_array_index (pairs, i))->article, rejected);
          g_free (why);
        }
    }
  return TRUE;
}

/* Posts the batch; retries the whole request on 429, 5xx and transport failures, and only
 * the documents refused with 429 after a partial success, waiting retry-delay, then twice as
 * long...  FALSE with @error when the server would not take the batch (documents it rejected
 * one by one only fail their articles). */
static gboolean
post_batch (BulkFormatter *formatter, NfStage *stage, GError **error)
{
  if (formatter->pending->len == 0)
    return TRUE;
  g_autoptr (GPtrArray) pairs = g_ptr_array_ref (formatter->pending);
  g_ptr_array_unref (formatter->pending);
  formatter->pending = g_ptr_array_new_with_free_func (document_free);
  formatter->pending_bytes = 0;
  guint total = pairs->len;
  g_autoptr (GError) last = NULL;
  double delay = formatter->retry_delay;
  for (guint attempt = 0; pairs->len > 0; attempt++)
    {
      g_autoptr (GArray) again = g_array_new (FALSE, FALSE, sizeof (guint));
      guint status = 0;
      g_clear_error (&last);
      gboolean whole = post_once (formatter, stage, pairs, again, &status, &last);
      gboolean retryable = whole ? again->len > 0 : (status == 0 || status == 408 || status == 429 || status >= 500);
      if (whole && again->len == 0)
        {
          g_ptr_array_set_size (pairs, 0);
          break;
        }
      if (!retryable || attempt >= formatter->retries)
        break;
      if (whole)
        {
          GPtrArray *left = g_ptr_array_new_with_free_func (document_free);
          for (guint i = 0; i < again->len; i++)
            g_ptr_array_add (left, g_steal_pointer (&g_ptr_array_index (pairs, g_array_index (again, guint, i))));
          g_ptr_array_unref (g_steal_pointer (&pairs));
          pairs = left;
        }
      g_usleep ((gulong) (delay * G_USEC_PER_SEC));
      delay *= 2;
    }
  if (pairs->len == 0)
    return TRUE;
  if (last)
    g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %u of %u documents not indexed (%s)", formatter->bulk_url,
                 pairs->len, total, last->message);
  else
    g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %u of %u documents not indexed (still refused with 429 "
                 "after %u retries)", formatter->bulk_url, pairs->len, total, formatter->retries);
  return FALSE;
}

/* Posts the batch; a failure is kept (the first one) for the commit point. */
static void
flush (BulkFormatter *formatter, NfStage *stage)
{
  g_autoptr (GError) error = NULL;
  if (!post_batch (formatter, stage, &error) && formatter->failure == NULL)
    formatter->failure = g_steal_pointer (&error);
}

/* ---- callbacks ---- */

static gboolean
bulk_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  BulkFormatter *formatter = nf_stage_get_instance (stage);
  /* The whole article with its own id (the defaults) is printed without the JSON tree, whose
   * size is many times an article with tens of thousands of annotations (issue 12). */
  gboolean streamed = formatter->fields == NULL && (formatter->id == NULL || formatter->id_is_article_id);
  g_autoptr (JsonNode) document = streamed ? NULL : nf_article_to_json (article);

  JsonObject *target = json_object_new ();
  json_object_set_string_member (target, "_index", formatter->index);
  if (formatter->id && streamed)
    json_object_set_string_member (target, "_id", nf_article_get_id (article));
  else if (formatter->id)
    {
      g_autoptr (JsonNode) id = nf_field_selection_get (formatter->id, 0, document);
      if (!JSON_NODE_HOLDS_VALUE (id))
        {
          json_object_unref (target);
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "no document id: \"%s\" is not a string or number in this article",
                       nf_field_selection_get_name (formatter->id, 0));
          return FALSE;
        }
      g_autofree char *text = nf_json_flatten (id, "");
      json_object_set_string_member (target, "_id", text);
    }
  JsonObject *action = json_object_new ();
  json_object_set_object_member (action, formatter->action, target);
  g_autoptr (JsonNode) action_line = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (action_line, action);

  g_autofree char *head = to_line (formatter, action_line);
  GString *lines = g_string_new (head);
  g_string_append_c (lines, '\n');
  if (streamed)
    nf_article_append_json (article, FALSE, lines);
  else
    {
      if (formatter->fields)
        {
          JsonNode *selected = nf_field_selection_apply (formatter->fields, document);
          json_node_unref (document);
          document = selected;
        }
      g_autofree char *body = to_line (formatter, document);
      g_string_append (lines, body);
    }
  g_string_append_c (lines, '\n');
  g_autofree char *pair = g_string_free (lines, FALSE);
  gsize length = strlen (pair);
  if (formatter->output && !nf_output_write (formatter->output, pair, length, error))
    return FALSE;
  if (formatter->client == NULL)
    return TRUE;
  if (formatter->pending->len > 0 && formatter->pending_bytes + length > formatter->batch_bytes)
    flush (formatter, stage);
  Document *queued = g_new (Document, 1);
  queued->lines = g_steal_pointer (&pair);
  queued->article = nf_article_get_index (article);
  g_ptr_array_add (formatter->pending, queued);
  formatter->pending_bytes += length;
  if (formatter->pending->len >= formatter->batch)
    flush (formatter, stage);
  return TRUE;
}

/* The commit point: the batch posted and acknowledged document by document, the file
 * synced.  A document the server rejects (a mapping error, a version conflict) fails its own
 * article, with the server's reason; a batch the server would not take at all (down, or still
 * 429 after the retries) fails the commit: the batch's articles count as failed and the run
 * stops, as any failed commit. */
static gboolean
bulk_commit (NfStage *stage, GError **error)
{
  BulkFormatter *formatter = nf_stage_get_instance (stage);
  if (formatter->client)
    flush (formatter, stage);
  if (formatter->output && !nf_output_sync (formatter->output, error))
    {
      g_clear_error (&formatter->failure);
      return FALSE;
    }
  if (formatter->failure)
    {
      g_propagate_error (error, g_steal_pointer (&formatter->failure));
      return FALSE;
    }
  return TRUE;
}

static gboolean
bulk_finish (NfStage *stage, GError **error)
{
  BulkFormatter *formatter = nf_stage_get_instance (stage);
  return formatter->output == NULL || nf_output_commit (formatter->output, error);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "elasticsearch",
  .summary = "Posts articles to Elasticsearch's _bulk API in batches, and/or writes the _bulk NDJSON",
  .options = bulk_options,
  .init = bulk_init,
  .process = bulk_process,
  .commit = bulk_commit,
  .finish = bulk_finish,
  .free = bulk_free,
);
