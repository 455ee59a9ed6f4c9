/* extract "tagger" (test only): exercises option validation: a required string, a choice,
 * an integer and a list, and records what it was given so tests can read it back. */
#include <newsflow/newsflow.h>

static const NfOption tagger_options[] = {
  NF_OPTION_STR_REQUIRED ("tag", "The tag to add to every article."),
  NF_OPTION_CHOICE ("mode", "append", "append|replace", "How the tag is added."),
  NF_OPTION_INT ("weight", 1, "A number, to test integer checking."),
  NF_OPTION_STR_LIST ("also", NULL, "More tags."),
  NF_OPTION_END
};

static gboolean
tagger_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article,
                G_GNUC_UNUSED GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  nf_article_set_field_string (article, "tag", cfg_getstr (config, "tag"));
  nf_article_set_field_string (article, "mode", cfg_getstr (config, "mode"));
  nf_article_set_field_int (article, "weight", cfg_getint (config, "weight"));
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "tagger",
  .summary = "Test plugin with a required option and a choice",
  .options = tagger_options,
  .process = tagger_process,
);
