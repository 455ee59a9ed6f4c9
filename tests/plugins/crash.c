/* extract "crash" (test only): dies or hangs on chosen articles, for the crash isolation
 * tests (isolate = true).  An article whose source contains `crash-on` gets a write through
 * a null pointer (SIGSEGV; under AddressSanitizer its report, then abort); one whose source
 * contains `hang-on` never returns.  Every other article gets a field, so the tests can see
 * the stage ran. */
#include <signal.h>
#include <string.h>

#include <newsflow/newsflow.h>

static const NfOption crash_options[] = {
  NF_OPTION_STR ("crash-on", NULL, "Crash on articles whose source contains this"),
  NF_OPTION_STR ("hang-on", NULL, "Loop for ever on articles whose source contains this"),
  NF_OPTION_END
};

static gboolean
matches (NfStage *stage, const char *option, NfArticle *article)
{
  const char *needle = cfg_getstr (nf_stage_get_config (stage), option);
  return needle && *needle && strstr (nf_article_get_source (article), needle);
}

static gboolean
crash_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article,
               G_GNUC_UNUSED GError **error)
{
  if (matches (stage, "crash-on", article))
    {
      volatile int *nowhere = NULL;
      *nowhere = 1;
      raise (SIGSEGV); /* in case the compiler found a way around the write */
    }
  if (matches (stage, "hang-on", article))
    for (volatile unsigned long spin = 0;; spin++)
      ;
  nf_article_set_field_int (article, "survived", (gint64) nf_article_get_index (article));
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "crash",
  .summary = "Test plugin: crashes or hangs on chosen articles",
  .options = crash_options,
  .process = crash_process,
);
