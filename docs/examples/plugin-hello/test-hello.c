/* test-hello.c: unit tests of extract "hello" with libnewsflow-testing: no chain file, the
 * plugin is compiled into the test and run on articles made from strings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <newsflow/testing.h>

/* The descriptor hello.c defines with NF_PLUGIN_DEFINE. */
extern const NfPluginDescriptor nf_plugin_descriptor;

static void
test_greets_the_first_author (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) hello = nf_test_stage_new (&nf_plugin_descriptor, "greeting = \"Hi\"", &error);
  assert_non_null (hello);
  g_autoptr (NfArticle) article = nf_test_article_new ("Port reopens", "The port reopened. Ships came.");
  nf_article_add_author (article, "Jane Roe");

  assert_true (nf_test_stage_process (hello, article, &error));
  assert_string_equal (nf_article_get_field_string (article, "greeting"), "Hi, Jane Roe!");
  assert_int_equal (nf_test_count_annotations (article, "lede"), 1);
  assert_non_null (nf_test_find_annotation (article, "lede", "The port reopened."));
}

/* After an ordered extractor, process runs on the in-order thread, with that thread's own
 * worker data. */
static void
test_works_on_the_in_order_thread (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) hello = nf_test_stage_new (&nf_plugin_descriptor, NULL, &error);
  g_autoptr (NfArticle) article = nf_test_article_new ("Title", "Text.");
  assert_true (nf_test_stage_process_ordered (hello, article, &error));
  assert_string_equal (nf_article_get_field_string (article, "greeting"), "Hello, reader!");
}

static void
test_without_author_greets_the_reader (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) hello = nf_test_stage_new (&nf_plugin_descriptor, NULL, &error);
  g_autoptr (NfArticle) article = nf_test_article_new ("Title", "\"Go!\" she said. Then quiet.\n\nMore.");
  assert_true (nf_test_stage_process (hello, article, &error));
  assert_string_equal (nf_article_get_field_string (article, "greeting"), "Hello, reader!");
  NfAnnotation *lede = nf_test_find_annotation (article, "lede", "\"Go!\" she said.");
  assert_non_null (lede);
  GVariant *characters = nf_annotation_get_attr (lede, "characters"); /* owned by the article */
  assert_int_equal (g_variant_get_int64 (characters), 15);
}

static void
test_long_lede_is_not_marked (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) hello = nf_test_stage_new (&nf_plugin_descriptor, "max-lede = 10", &error);
  g_autoptr (NfArticle) article = nf_test_article_new ("Title", "A first sentence of some length.");
  assert_true (nf_test_stage_process (hello, article, &error));
  assert_int_equal (nf_test_count_annotations (article, "lede"), 0);
}

static void
test_untitled_articles (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) fail = nf_test_stage_new (&nf_plugin_descriptor, NULL, &error);
  g_autoptr (NfArticle) failed = nf_test_article_new (NULL, "Text.");
  assert_false (nf_test_stage_process (fail, failed, &error));
  assert_string_equal (error->message, "the article has no title (untitled = \"fail\")");
  g_clear_error (&error);

  g_autoptr (NfTestStage) drop = nf_test_stage_new (&nf_plugin_descriptor, "untitled = \"drop\"", &error);
  g_autoptr (NfArticle) dropped = nf_test_article_new (NULL, "Text.");
  assert_true (nf_test_stage_process (drop, dropped, &error));
  assert_string_equal (nf_article_get_drop_reason (dropped), "no title");

  g_autoptr (NfTestStage) keep = nf_test_stage_new (&nf_plugin_descriptor, "untitled = \"keep\"", &error);
  g_autoptr (NfArticle) kept = nf_test_article_new (NULL, "Text.");
  assert_true (nf_test_stage_process (keep, kept, &error));
  assert_null (nf_article_get_field (kept, "greeting"));
  assert_int_equal (nf_test_count_annotations (kept, "lede"), 1);
}

static void
test_bad_options_are_refused (void **state G_GNUC_UNUSED)
{
  const char *bad[] = { "greeting = \"\"", "max-lede = 0", "untitled = \"ignore\"", "greting = \"Hi\"" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NfTestStage) hello = nf_test_stage_new (&nf_plugin_descriptor, bad[i], &error);
      assert_null (hello);
      assert_non_null (error);
    }
}

int
main (void)
{
  /* A GLib critical (a misused API) fails the test instead of scrolling past. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_greets_the_first_author),
    cmocka_unit_test (test_works_on_the_in_order_thread),
    cmocka_unit_test (test_without_author_greets_the_reader),
    cmocka_unit_test (test_long_lede_is_not_marked),
    cmocka_unit_test (test_untitled_articles),
    cmocka_unit_test (test_bad_options_are_refused),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
