/* test-keywords.c: extract "keywords": multi-word key phrases, variants merged by stemming,
 * stopwords never at a phrase's edge, `top` respected, German stopwords for German text. */
#include "config.h"

#include <string.h>

#include "test-util.h"

static GPtrArray *
phrases (const char *block, const char *body, const char *language)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new (block, &error);
  assert_null (error);
  g_autoptr (NfArticle) article = harness_article ("T", body, NULL, language);
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  GVariant *keywords = nf_article_get_field (article, "keywords");
  assert_non_null (keywords);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < g_variant_n_children (keywords); i++)
    {
      g_autoptr (GVariant) item = g_variant_get_child_value (keywords, i);
      const char *phrase;
      double score;
      assert_true (g_variant_lookup (item, "phrase", "&s", &phrase));
      assert_true (g_variant_lookup (item, "score", "d", &score));
      assert_true (score > 0);
      g_ptr_array_add (out, g_strdup (phrase));
    }
  return out;
}

static gboolean
has (GPtrArray *list, const char *phrase)
{
  for (guint i = 0; i < list->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (list, i), phrase) == 0)
      return TRUE;
  return FALSE;
}

static const char *text =
  "Ukraine asked its allies for security guarantees on Monday. Officials said security "
  "guarantees must be binding. The security guarantee proposal was discussed in Kyiv.\n\n"
  "Western diplomats said the security guarantees would be debated at a summit in Brussels, "
  "where the grain corridor and energy prices are also on the agenda.";

static void
test_multi_word_phrases (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases ("extract \"keywords\" { top = 5 }", text, "en");
  assert_true (list->len > 0 && list->len <= 5);
  assert_true (has (list, "security guarantees"));
  /* "security guarantee" is the same phrase by its stems: listed once. */
  assert_false (has (list, "security guarantee"));
  for (guint i = 0; i < list->len; i++)
    {
      const char *phrase = g_ptr_array_index (list, i);
      assert_false (g_str_has_prefix (phrase, "the ") || g_str_has_suffix (phrase, " the"));
      assert_false (g_ascii_strcasecmp (phrase, "said") == 0 || g_ascii_strcasecmp (phrase, "Monday") == 0);
    }
}

static void
test_german_stopwords (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases ("extract \"keywords\" { }",
    "Die Bundesregierung will die Genehmigungsverfahren für neue Wohnungen verkürzen. Die "
    "Genehmigungsverfahren dauern zu lange, sagte die Ministerin. Neue Wohnungen sind teuer, und "
    "die Kommunen brauchen mehr Geld für den Wohnungsbau.", "de");
  assert_true (has (list, "Genehmigungsverfahren"));
  assert_false (has (list, "die") || has (list, "und") || has (list, "für"));
}

static void
test_empty_body (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases ("extract \"keywords\" { }", "", NULL);
  assert_int_equal (list->len, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_multi_word_phrases),
    cmocka_unit_test (test_german_stopwords),
    cmocka_unit_test (test_empty_body),
  };
  return cmocka_run_group_tests_name ("keywords", tests, NULL, NULL);
}
