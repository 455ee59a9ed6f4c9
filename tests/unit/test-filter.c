/* test-filter.c: extract "filter": each condition drops with its reason and keeps what
 * passes; a bad regular expression is a chain error. */
#include "config.h"

#include <string.h>

#include "test-util.h"

static const char *
reason (const char *block, NfArticle *article)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new (block, &error);
  assert_null (error);
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  return nf_article_is_dropped (article) ? nf_article_get_drop_reason (article) : NULL;
}

static void
test_min_words (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) short_one = harness_article ("T", "Only five words are here.", NULL, NULL);
  assert_string_equal (reason ("extract \"filter\" { min-words = 100 }", short_one), "filter: fewer than 100 words (5)");
  g_autoptr (NfArticle) long_enough = harness_article ("T", "Only five words are here.", NULL, NULL);
  assert_null (reason ("extract \"filter\" { min-words = 5 }", long_enough));
}

static void
test_languages (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) german = harness_article ("T", "Text.", NULL, "de");
  assert_string_equal (reason ("extract \"filter\" { languages = {\"en\", \"fr\"} }", german), "filter: language de not in {en, fr}");
  g_autoptr (NfArticle) french = harness_article ("T", "Text.", NULL, "fr");
  assert_null (reason ("extract \"filter\" { languages = {\"en\", \"fr\"} }", french));
  g_autoptr (NfArticle) unknown = harness_article ("T", "Text.", NULL, NULL);
  assert_null (reason ("extract \"filter\" { languages = {\"en\"} }", unknown));
  g_autoptr (NfArticle) unknown2 = harness_article ("T", "Text.", NULL, NULL);
  assert_string_equal (reason ("extract \"filter\" { languages = {\"en\"} keep-undetermined = false }", unknown2),
                       "filter: language undetermined");
}

static void
test_regular_expressions (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) a = harness_article ("Football results", "The match ended 2-1.", NULL, NULL);
  assert_string_equal (reason ("extract \"filter\" { exclude = \"football|cricket\" in = \"title\" ignore-case = true }", a),
                       "filter: matches /football|cricket/");
  g_autoptr (NfArticle) b = harness_article ("Football results", "The match ended 2-1.", NULL, NULL);
  assert_null (reason ("extract \"filter\" { exclude = \"football\" in = \"body\" }", b));
  g_autoptr (NfArticle) c = harness_article ("Budget", "Ministers met in BRUSSELS.", NULL, NULL);
  assert_null (reason ("extract \"filter\" { match = \"brussels\" ignore-case = true }", c));
  g_autoptr (NfArticle) d = harness_article ("Budget", "Ministers met in Paris.", NULL, NULL);
  assert_string_equal (reason ("extract \"filter\" { match = \"Brussels\" }", d), "filter: does not match /Brussels/");
}

static void
test_fields (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) a = harness_article ("T", "Text.", NULL, NULL);
  nf_article_set_field_string (a, "duplicate_of", "abc");
  assert_string_equal (reason ("extract \"filter\" { forbid-fields = {\"duplicate_of\"} }", a), "filter: has a duplicate_of field");
  g_autoptr (NfArticle) b = harness_article ("T", "Text.", NULL, NULL);
  assert_string_equal (reason ("extract \"filter\" { require-fields = {\"title\", \"published\"} }", b), "filter: no published field");
  g_autoptr (NfArticle) c = harness_article ("T", "Text.", "2026-11-27", NULL);
  assert_null (reason ("extract \"filter\" { require-fields = {\"title\", \"published\"} }", c));
}

static void
test_bad_regex_is_a_chain_error (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"filter\" { match = \"(unclosed\" }", &error);
  assert_null (harness);
  assert_non_null (error);
  assert_contains (error->message, "filter: match:");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_min_words),
    cmocka_unit_test (test_languages),
    cmocka_unit_test (test_regular_expressions),
    cmocka_unit_test (test_fields),
    cmocka_unit_test (test_bad_regex_is_a_chain_error),
  };
  return cmocka_run_group_tests_name ("filter", tests, NULL, NULL);
}
