/* fuzz-html.c: parse "html" on arbitrary bytes, as a fetcher would hand it a text/html item. */
#include "config.h"

#include "fuzz.h"

static NfTestStage *parser;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  parser = fuzz_stage_load (NF_PLUGIN_PARSE, "html", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (NfArticle) article = fuzz_raw_article (data, size, "text/html");
  g_autoptr (GError) error = NULL;
  (void) nf_test_stage_process (parser, article, &error);
  return 0;
}
