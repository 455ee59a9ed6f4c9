/* fuzz-extract.c: the default chain's extractors, in its order, on arbitrary text.  The bytes
 * go through parse "text" first, as in a run, so the extractors see what a parser can give
 * them (valid UTF-8 paragraphs, any content). */
#include "config.h"

#include "fuzz.h"

static const char *const extractors[] = {
  "stats", "language", "entities", "quotes", "keywords", "summary", "dates",
};

static NfTestStage *parser;
static NfTestStage *stages[G_N_ELEMENTS (extractors)];

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  parser = fuzz_stage_load (NF_PLUGIN_PARSE, "text", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (extractors); i++)
    stages[i] = fuzz_stage_load (NF_PLUGIN_EXTRACT, extractors[i], NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (NfArticle) article = fuzz_raw_article (data, size, "text/plain");
  g_autoptr (GError) error = NULL;
  if (!nf_test_stage_process (parser, article, &error))
    return 0;
  if (!nf_article_has_text (article))
    nf_article_set_paragraphs (article, NULL, 0); /* what the runner does after a parser */
  for (guint i = 0; i < G_N_ELEMENTS (extractors) && !nf_article_is_dropped (article); i++)
    if (!nf_test_stage_process (stages[i], article, &error))
      break;
  return 0;
}
