/* extract "slow" (test only): takes `ms` milliseconds over each article, so that tests can
 * watch a run while it goes on (progress lines, the metrics file). */
#include <newsflow/newsflow.h>

static const NfOption slow_options[] = {
  NF_OPTION_INT ("ms", 10, "Milliseconds to spend on each article."),
  NF_OPTION_END
};

static gboolean
slow_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, G_GNUC_UNUSED NfArticle *article,
              G_GNUC_UNUSED GError **error)
{
  g_usleep ((gulong) cfg_getint (nf_stage_get_config (stage), "ms") * 1000);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "slow",
  .summary = "Test plugin: spends a set time on each article",
  .options = slow_options,
  .process = slow_process,
);
