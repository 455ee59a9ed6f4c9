/* test-summary.c: extract "summary": lead takes the first sentences without the dateline,
 * TextRank the central ones, in text order, with one annotation each; short sentences are
 * never chosen. */
#include "config.h"

#include <string.h>

#include "test-util.h"

static const char *body =
  "BRUSSELS (Reuters) - Ministers failed to agree on the budget for the next seven years. "
  "Photo: file.\n\n"
  "The budget talks will resume in December, when leaders meet for the budget summit. "
  "A fishing boat sank near the coast of Ireland on a calm morning. "
  "Leaders said the budget summit in December must agree on the budget.";

static NfArticle *
summarise (const char *block)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new (block, &error);
  assert_null (error);
  NfArticle *article = harness_article ("T", body, NULL, "en");
  nf_article_add_annotation (article, "dateline", 0, strlen ("BRUSSELS (Reuters) - "));
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  return article;
}

static guint
count_type (NfArticle *article, const char *type)
{
  guint n = 0;
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    n += strcmp (nf_annotation_get_type (nf_article_get_annotation (article, i)), type) == 0;
  return n;
}

static void
test_lead (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) article = summarise ("extract \"summary\" { sentences = 2 method = \"lead\" }");
  assert_string_equal (nf_article_get_field_string (article, "summary"),
                       "Ministers failed to agree on the budget for the next seven years. "
                       "The budget talks will resume in December, when leaders meet for the budget summit.");
  assert_int_equal (count_type (article, "summary-sentence"), 2);
  assert_non_null (harness_find_annotation (article, "summary-sentence",
                                            "Ministers failed to agree on the budget for the next seven years."));
}

static void
test_textrank (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) article = summarise ("extract \"summary\" { sentences = 2 method = \"textrank\" }");
  const char *summary = nf_article_get_field_string (article, "summary");
  /* The two sentences about the summit share the most words; the boat shares none. */
  assert_contains (summary, "The budget talks will resume in December");
  assert_contains (summary, "Leaders said the budget summit in December");
  assert_null (strstr (summary, "fishing boat"));
  assert_null (strstr (summary, "Photo"));
  assert_true (strstr (summary, "The budget talks") < strstr (summary, "Leaders said"));
}

static void
test_more_sentences_than_body (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) article = summarise ("extract \"summary\" { sentences = 10 }");
  /* Five sentences, one too short ("Photo: file."). */
  assert_int_equal (count_type (article, "summary-sentence"), 4);
}

static void
test_textrank_on_a_very_long_body (void **state G_GNUC_UNUSED)
{
  /* 1000 sentences: TextRank looks at the first 400 only and still answers. */
  GString *long_body = g_string_new (NULL);
  for (int i = 0; i < 1000; i++)
    g_string_append_printf (long_body, "Sentence number %d talks about the budget and the summit talks. ", i);
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"summary\" { method = \"textrank\" }", &error);
  assert_null (error);
  g_autoptr (NfArticle) article = harness_article ("T", long_body->str, NULL, "en");
  g_string_free (long_body, TRUE);
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  assert_int_equal (count_type (article, "summary-sentence"), 3);
  assert_null (strstr (nf_article_get_field_string (article, "summary"), "number 400 "));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_lead),
    cmocka_unit_test (test_textrank),
    cmocka_unit_test (test_more_sentences_than_body),
    cmocka_unit_test (test_textrank_on_a_very_long_body),
  };
  return cmocka_run_group_tests_name ("summary", tests, NULL, NULL);
}
