/* format "elasticsearch": the _bulk API's NDJSON (an action line, then the article as the
 * document), ready for `curl -H 'Content-Type: application/x-ndjson' --data-binary @FILE`. */
#include <newsflow/newsflow.h>

typedef struct {
  NfOutput         *output;
  JsonGenerator    *generator;
  char             *index;
  char             *action;
  NfFieldSelection *id;      /* the path of the document id, or NULL: Elasticsearch assigns one */
  NfFieldSelection *fields;  /* NULL: the whole article */
} BulkFormatter;

static const NfOption bulk_options[] = {
  NF_OPTION_STR ("output", "-", "Where to write: a file path, or \"-\" for standard output. A file "
                 "appears when the run ends, holding the articles committed (with newsflow --atomic, only "
                 "when the run completes)."),
  NF_OPTION_STR ("index", "newsflow", "The index every document goes to (the action line's "
                 "\"_index\")."),
  NF_OPTION_STR ("id", "id", "Path of the member whose value is the document's \"_id\" (as in "
                 "fields: \"id\", \"source\"), so re-indexing replaces documents; \"\" lets "
                 "Elasticsearch choose ids."),
  NF_OPTION_CHOICE ("action", "index", "index|create",
                    "index adds or replaces a document; create fails for an id that exists."),
  NF_OPTION_STR_LIST ("fields", NULL, "Members of the document instead of the whole article, as "
                      "the json formatter's fields (\"PATH\" or \"NAME=PATH\")."),
  NF_OPTION_END
};

static void
bulk_free (gpointer instance)
{
  BulkFormatter *formatter = instance;
  nf_output_free (formatter->output);
  g_object_unref (formatter->generator);
  g_free (formatter->index);
  g_free (formatter->action);
  nf_field_selection_free (formatter->id);
  nf_field_selection_free (formatter->fields);
  g_free (formatter);
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
  NfOutput *output = nf_output_open (cfg_getstr (config, "output"), error);
  if (output == NULL)
    return FALSE;
  BulkFormatter *formatter = g_new0 (BulkFormatter, 1);
  formatter->output = output;
  formatter->generator = json_generator_new ();
  formatter->index = g_strdup (index);
  formatter->action = g_strdup (cfg_getstr (config, "action"));
  formatter->id = g_steal_pointer (&id);
  formatter->fields = g_steal_pointer (&fields);
  nf_stage_set_instance (stage, formatter);
  return TRUE;
}

static void
append_line (BulkFormatter *formatter, GString *out, JsonNode *node)
{
  json_generator_set_root (formatter->generator, node);
  gsize length;
  g_autofree char *text = json_generator_to_data (formatter->generator, &length);
  g_string_append_len (out, text, length);
  g_string_append_c (out, '\n');
}

static gboolean
bulk_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  BulkFormatter *formatter = nf_stage_get_instance (stage);
  g_autoptr (JsonNode) document = nf_article_to_json (article);

  JsonObject *target = json_object_new ();
  json_object_set_string_member (target, "_index", formatter->index);
  if (formatter->id)
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

  if (formatter->fields)
    {
      JsonNode *selected = nf_field_selection_apply (formatter->fields, document);
      json_node_unref (document);
      document = selected;
    }
  /* The action and its document in one write: a failed one is taken back whole. */
  g_autoptr (GString) pair = g_string_new (NULL);
  append_line (formatter, pair, action_line);
  append_line (formatter, pair, document);
  return nf_output_write (formatter->output, pair->str, pair->len, error);
}

static gboolean
bulk_commit (NfStage *stage, GError **error)
{
  BulkFormatter *formatter = nf_stage_get_instance (stage);
  return nf_output_sync (formatter->output, error);
}

static gboolean
bulk_finish (NfStage *stage, GError **error)
{
  BulkFormatter *formatter = nf_stage_get_instance (stage);
  return nf_output_commit (formatter->output, error);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "elasticsearch",
  .summary = "Writes Elasticsearch _bulk NDJSON: an index action line, then the article",
  .options = bulk_options,
  .init = bulk_init,
  .process = bulk_process,
  .commit = bulk_commit,
  .finish = bulk_finish,
  .free = bulk_free,
);
