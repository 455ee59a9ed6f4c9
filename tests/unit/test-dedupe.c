/* test-dedupe.c: extract "dedupe": a fingerprint on every article, a lightly edited copy
 * marked duplicate_of the earlier one (or dropped), unrelated and short texts not. */
#include "config.h"

#include <string.h>

#include "test-util.h"

static const char *original =
  "European Union finance ministers failed on Thursday to narrow their differences over the "
  "bloc's next long-term budget, with a group of net contributors rejecting a Commission plan "
  "to finance a new defence and industry fund through joint borrowing. The Commission has "
  "proposed a budget of about 1.3 percent of gross national income for the 2028-2034 period.";
static const char *edited =
  "European Union finance ministers failed on Friday to narrow their differences over the "
  "bloc's next long-term budget, with a group of net contributors rejecting a Commission plan "
  "to finance a new defence and industry fund through joint borrowing. The Commission has "
  "proposed a budget of about 1.3 percent of gross national income for the 2028-2034 period.";
static const char *other =
  "Kenya's government on Monday appealed for $180 million in emergency aid to feed about 2.1 "
  "million people in its arid north, where a third consecutive failed rainy season has killed "
  "livestock and emptied water points across Wajir and Mandera counties, officials said.";

static NfArticle *
article_with_id (const char *id, const char *body)
{
  NfArticle *article = harness_article ("T", body, NULL, NULL);
  nf_article_set_id (article, id);
  return article;
}

static void
test_marks_copies (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"dedupe\" { }", &error);
  assert_null (error);
  g_autoptr (NfArticle) a = article_with_id ("a", original);
  g_autoptr (NfArticle) b = article_with_id ("b", other);
  g_autoptr (NfArticle) c = article_with_id ("c", edited);
  g_autoptr (NfArticle) d = article_with_id ("d", original);
  for (NfArticle **x = (NfArticle *[]) { a, b, c, d, NULL }; *x; x++)
    assert_true (harness_process (harness, *x, &error));
  assert_int_equal (strlen (nf_article_get_field_string (a, "fingerprint")), 16);
  assert_null (nf_article_get_field (a, "duplicate_of"));
  assert_null (nf_article_get_field (b, "duplicate_of"));
  assert_string_equal (nf_article_get_field_string (c, "duplicate_of"), "a");
  assert_string_equal (nf_article_get_field_string (d, "duplicate_of"), "a");
  assert_string_equal (nf_article_get_field_string (a, "fingerprint"), nf_article_get_field_string (d, "fingerprint"));
  assert_false (nf_article_is_dropped (c));
  harness_free (harness);
}

static void
test_drops_copies (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"dedupe\" { drop = true }", &error);
  assert_null (error);
  g_autoptr (NfArticle) a = article_with_id ("first", original);
  g_autoptr (NfArticle) c = article_with_id ("second", edited);
  assert_true (harness_process (harness, a, &error));
  assert_true (harness_process (harness, c, &error));
  assert_false (nf_article_is_dropped (a));
  assert_true (nf_article_is_dropped (c));
  assert_string_equal (nf_article_get_drop_reason (c), "duplicate: copy of first");
  harness_free (harness);
}

static void
test_threshold_zero_needs_equal_text (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"dedupe\" { threshold = 0 shingle = 1 }", &error);
  assert_null (error);
  g_autoptr (NfArticle) a = article_with_id ("a", original);
  g_autoptr (NfArticle) c = article_with_id ("c", other);
  assert_true (harness_process (harness, a, &error));
  assert_true (harness_process (harness, c, &error));
  assert_null (nf_article_get_field (c, "duplicate_of"));
  harness_free (harness);
}

static void
test_short_texts_are_not_duplicates (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"dedupe\" { }", &error);
  assert_null (error);
  g_autoptr (NfArticle) a = article_with_id ("a", "Photo: Reuters.");
  g_autoptr (NfArticle) b = article_with_id ("b", "Photo: Reuters.");
  assert_true (harness_process (harness, a, &error));
  assert_true (harness_process (harness, b, &error));
  assert_null (nf_article_get_field (b, "duplicate_of"));
  harness_free (harness);
}

static void
test_bad_options (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  assert_null (harness_new ("extract \"dedupe\" { threshold = 12 }", &error));
  assert_contains (error->message, "threshold 0 to 7");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_marks_copies),
    cmocka_unit_test (test_drops_copies),
    cmocka_unit_test (test_threshold_zero_needs_equal_text),
    cmocka_unit_test (test_short_texts_are_not_duplicates),
    cmocka_unit_test (test_bad_options),
  };
  return cmocka_run_group_tests_name ("dedupe", tests, NULL, NULL);
}
