/* format "json": every article as one JSON object per line (JSON Lines), or all of them as
 * one JSON array, with every property, field and annotation (see newsflow/json.h for the
 * shape) or only the fields the chain selects. */
#include <newsflow/newsflow.h>

typedef struct {
  NfOutput         *output;
  JsonGenerator    *generator;
  NfFieldSelection *fields;   /* NULL: the whole article */
  gboolean          lines;
  guint64           written;
  gboolean          write_failed;
} JsonFormatter;

static const NfOption json_options[] = {
  NF_OPTION_STR ("output", "-", "Where to write: a file path, or \"-\" for standard output. A file "
                 "appears only when the run completes."),
  NF_OPTION_BOOL ("pretty", cfg_false, "Indent each object over several lines (no longer JSON Lines)."),
  NF_OPTION_BOOL ("lines", cfg_true, "JSON Lines, one object per article; false writes one JSON "
                  "array of all the articles instead."),
  NF_OPTION_STR_LIST ("fields", NULL, "Members to write instead of the whole article, in this "
                      "order: \"PATH\" or \"NAME=PATH\", where PATH is a member of the article's "
                      "JSON form or a dotted path into it (\"stats.words\", "
                      "\"annotations[entity].text\"). Missing values are null."),
  NF_OPTION_END
};

static void
json_free (gpointer instance)
{
  JsonFormatter *formatter = instance;
  nf_output_free (formatter->output);
  g_object_unref (formatter->generator);
  nf_field_selection_free (formatter->fields);
  g_free (formatter);
}

static gboolean
json_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
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
  JsonFormatter *formatter = g_new0 (JsonFormatter, 1);
  formatter->output = output;
  formatter->fields = g_steal_pointer (&fields);
  formatter->lines = cfg_getbool (config, "lines");
  formatter->generator = json_generator_new ();
  json_generator_set_pretty (formatter->generator, cfg_getbool (config, "pretty"));
  nf_stage_set_instance (stage, formatter);
  return TRUE;
}

static gboolean
json_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  JsonFormatter *formatter = nf_stage_get_instance (stage);
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  if (formatter->fields)
    {
      JsonNode *selected = nf_field_selection_apply (formatter->fields, node);
      json_node_unref (node);
      node = selected;
    }
  json_generator_set_root (formatter->generator, node);
  gsize length;
  g_autofree char *text = json_generator_to_data (formatter->generator, &length);
  /* In array mode the separator goes before every element but the first, so the array
   * can be closed in finish without knowing the count in advance. */
  const char *before = formatter->lines ? "" : formatter->written == 0 ? "[\n" : ",\n";
  const char *after = formatter->lines ? "\n" : "";
  if (!nf_output_printf (formatter->output, error, "%s", before)
      || !nf_output_write (formatter->output, text, length, error)
      || !nf_output_printf (formatter->output, error, "%s", after))
    {
      formatter->write_failed = TRUE;
      return FALSE;
    }
  formatter->written++;
  return TRUE;
}

static gboolean
json_finish (NfStage *stage, GError **error)
{
  JsonFormatter *formatter = nf_stage_get_instance (stage);
  /* A write that failed (a full disk) may have lost earlier articles in the stream's buffer
   * too: the file would look complete and not be, so it is not put in place. */
  if (formatter->write_failed)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: not written, a write failed during the run",
                   nf_output_get_path (formatter->output));
      return FALSE;
    }
  if (!formatter->lines
      && !nf_output_printf (formatter->output, error, "%s", formatter->written == 0 ? "[]\n" : "\n]\n"))
    return FALSE;
  return nf_output_commit (formatter->output, error);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "json",
  .summary = "Writes JSON Lines or one JSON array: every field and annotation, or those selected",
  .options = json_options,
  .init = json_init,
  .process = json_process,
  .finish = json_finish,
  .free = json_free,
);
