/* format "json": every article as one JSON object per line (JSON Lines), with every
 * property, field and annotation (see newsflow/json.h for the shape). */
#include <newsflow/newsflow.h>

typedef struct {
  NfOutput      *output;
  JsonGenerator *generator;
} JsonFormatter;

static const NfOption json_options[] = {
  NF_OPTION_STR ("output", "-", "Where to write: a file path, or \"-\" for standard output. A file "
                 "appears only when the run completes."),
  NF_OPTION_BOOL ("pretty", cfg_false, "Indent each object over several lines (no longer JSON Lines)."),
  NF_OPTION_END
};

static void
json_free (gpointer instance)
{
  JsonFormatter *formatter = instance;
  nf_output_free (formatter->output);
  g_object_unref (formatter->generator);
  g_free (formatter);
}

static gboolean
json_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  NfOutput *output = nf_output_open (cfg_getstr (config, "output"), error);
  if (output == NULL)
    return FALSE;
  JsonFormatter *formatter = g_new0 (JsonFormatter, 1);
  formatter->output = output;
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
  json_generator_set_root (formatter->generator, node);
  gsize length;
  g_autofree char *text = json_generator_to_data (formatter->generator, &length);
  return nf_output_write (formatter->output, text, length, error)
         && nf_output_write (formatter->output, "\n", 1, error);
}

static gboolean
json_finish (NfStage *stage, GError **error)
{
  JsonFormatter *formatter = nf_stage_get_instance (stage);
  return nf_output_commit (formatter->output, error);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "json",
  .summary = "Writes JSON Lines: one object per article with every field and annotation",
  .options = json_options,
  .init = json_init,
  .process = json_process,
  .finish = json_finish,
  .free = json_free,
);
