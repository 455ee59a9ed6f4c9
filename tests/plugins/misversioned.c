/* extract "misversioned" (test only): claims a plugin ABI this core does not provide, so
 * the loader's refusal can be tested.  Written out by hand because NF_PLUGIN_DEFINE would
 * stamp the right version. */
#include <newsflow/newsflow.h>

static gboolean
misversioned_process (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED gpointer worker,
                      G_GNUC_UNUSED NfArticle *article, G_GNUC_UNUSED GError **error)
{
  return TRUE;
}

NF_PLUGIN_EXPORT extern const NfPluginDescriptor nf_plugin_descriptor;
const NfPluginDescriptor nf_plugin_descriptor = {
  .abi_version = NF_ABI_VERSION + 998,
  .struct_size = sizeof (NfPluginDescriptor),
  .kind = NF_PLUGIN_EXTRACT,
  .name = "misversioned",
  .summary = "Test plugin built for another ABI",
  .process = misversioned_process,
};
