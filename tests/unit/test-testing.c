/* test-testing.c: libnewsflow-testing, the harness plugin authors test with: articles from
 * strings, option blocks checked like chain files, one stage run, results inspected. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <newsflow/testing.h>

#define assert_contains(haystack, needle)                                                  \
  do {                                                                                     \
    const char *h_ = (haystack), *n_ = (needle);                                           \
    if (h_ == NULL || strstr (h_, n_) == NULL)                                             \
      fail_msg ("expected \"%s\" to contain \"%s\"", h_ ? h_ : "(null)", n_);              \
  } while (0)

/* ---- a plugin compiled into this test, as an author's own would be ---------------------- */

static const NfOption marker_options[] = {
  NF_OPTION_STR_REQUIRED ("word", "The word to mark."),
  NF_OPTION_CHOICE ("case", "exact", "exact|ignore", "How letters compare."),
  NF_OPTION_INT ("limit", 10, "Marks at most this many."),
  NF_OPTION_STR_LIST ("also", NULL, "More words."),
  NF_OPTION_END
};

typedef struct {
  guint calls; /* per worker: the harness hands the same worker to every call */
} MarkerWorker;

static gboolean
marker_init (NfStage *stage, GError **error)
{
  if (cfg_getint (nf_stage_get_config (stage), "limit") < 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "limit must not be negative");
      return FALSE;
    }
  nf_stage_set_instance (stage, g_strdup (cfg_getstr (nf_stage_get_config (stage), "word")));
  return TRUE;
}

static gpointer
marker_worker_new (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED GError **error)
{
  return g_new0 (MarkerWorker, 1);
}

static gboolean
marker_process (NfStage *stage, gpointer data, NfArticle *article, GError **error)
{
  MarkerWorker *worker = data;
  if (worker == NULL)
    {
      nf_article_set_field_bool (article, "ordered", TRUE);
      return TRUE;
    }
  const char *word = nf_stage_get_instance (stage);
  cfg_t *config = nf_stage_get_config (stage);
  gboolean ignore = strcmp (cfg_getstr (config, "case"), "ignore") == 0;
  worker->calls++;
  if (strstr (nf_article_get_text (article), "POISON"))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "poisoned article");
      return FALSE;
    }
  g_autofree char *text = ignore ? g_ascii_strdown (nf_article_get_text (article), -1)
                                 : g_strdup (nf_article_get_text (article));
  g_autofree char *needle = ignore ? g_ascii_strdown (word, -1) : g_strdup (word);
  long marks = 0;
  for (const char *p = strstr (text, needle); p && marks < cfg_getint (config, "limit");
       p = strstr (p + 1, needle), marks++)
    {
      NfAnnotation *mark = nf_article_add_annotation (article, "mark", p - text, p - text + strlen (needle));
      nf_annotation_set_attr_string (mark, "word", word);
    }
  nf_article_set_field_int (article, "marks", marks);
  nf_article_set_field_int (article, "calls", worker->calls);
  return TRUE;
}

static const NfPluginDescriptor marker = {
  .abi_version = NF_ABI_VERSION,
  .struct_size = sizeof (NfPluginDescriptor),
  .kind = NF_PLUGIN_EXTRACT,
  .name = "marker",
  .summary = "Marks a word",
  .options = marker_options,
  .init = marker_init,
  .worker_new = marker_worker_new,
  .worker_free = g_free,
  .process = marker_process,
  .free = g_free,
};

/* ---- tests -------------------------------------------------------------------------------- */

static void
test_article_from_strings (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) article = nf_test_article_new ("Title", "First one.\n\nSecond one.\n  \n\nThird.");
  assert_string_equal (nf_article_get_title (article), "Title");
  assert_int_equal (nf_article_get_n_paragraphs (article), 3);
  assert_string_equal (nf_article_get_text (article), "First one.\n\nSecond one.\n\nThird.");
  g_autoptr (NfArticle) empty = nf_test_article_new (NULL, NULL);
  assert_true (nf_article_has_text (empty));
  assert_int_equal (nf_article_get_n_paragraphs (empty), 0);
}

static void
test_run_a_linked_plugin_in_ten_lines (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = nf_test_stage_new (&marker, "word = \"grain\"  case = \"ignore\"", &error);
  assert_null (error);
  g_autoptr (NfArticle) article = nf_test_article_new ("Grain", "Grain prices fell.\n\nThe grain corridor opened.");
  assert_true (nf_test_stage_process (stage, article, &error));
  assert_int_equal (nf_test_count_annotations (article, "mark"), 2);
  assert_int_equal (nf_test_count_annotations (article, NULL), 2);
  assert_int_equal (nf_test_count_annotations (article, "other"), 0);
  NfAnnotation *mark = nf_test_find_annotation (article, "mark", "Grain");
  assert_non_null (mark);
  assert_string_equal (nf_annotation_get_attr_string (mark, "word"), "grain");
  assert_non_null (nf_test_find_annotation (article, "mark", "grain"));
  assert_null (nf_test_find_annotation (article, "mark", "corridor"));
  assert_int_equal (nf_article_get_field_int (article, "marks", -1), 2);
  g_autofree char *json = nf_test_article_to_json (article);
  assert_contains (json, "\"marks\":2");
}

static void
test_defaults_apply_and_worker_persists (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = nf_test_stage_new (&marker, "word = \"a\"", &error);
  assert_non_null (stage);
  cfg_t *config = nf_stage_get_config (nf_test_stage_get_stage (stage));
  assert_string_equal (cfg_getstr (config, "case"), "exact");
  assert_int_equal (cfg_getint (config, "limit"), 10);
  for (int i = 1; i <= 3; i++)
    {
      g_autoptr (NfArticle) article = nf_test_article_new (NULL, "a");
      assert_true (nf_test_stage_process (stage, article, &error));
      assert_int_equal (nf_article_get_field_int (article, "calls", -1), i);
    }
}

/* Each mistake is reported the way a chain file's would be. */
static void
test_process_without_worker_data (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = nf_test_stage_new (&marker, "word = \"a\"", &error);
  g_autoptr (NfArticle) article = nf_test_article_new (NULL, "a");
  assert_true (nf_test_stage_process_ordered (stage, article, &error));
  assert_non_null (nf_article_get_field (article, "ordered"));
  assert_null (nf_article_get_field (article, "marks"));
}

static void
test_option_block_is_checked_like_a_chain (void **state G_GNUC_UNUSED)
{
  static const struct {
    const char *options;
    const char *message;
  } cases[] = {
    { NULL, "extract \"marker\" needs option 'word' (The word to mark.)" },
    { "word = \"a\" limt = 3", "no option 'limt' (did you mean 'limit'?); valid here: word, case, limit, also" },
    { "word = \"a\" case = \"loud\"", "'loud' is not a valid value for option 'case'; choose one of: exact, ignore" },
    { "word = \"a\" limit = \"many\"", "limit" },
    { "word = \"a\"\nlimit = -1", "limit must not be negative" },
    { "word = ", "options of extract \"marker\"" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NfTestStage) stage = nf_test_stage_new (&marker, cases[i].options, &error);
      assert_null (stage);
      assert_non_null (error);
      assert_contains (error->message, cases[i].message);
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = nf_test_stage_new (&marker, "word = \"a\"\nalso = {\"b\", \"c\"}", &error);
  assert_non_null (stage);
  assert_int_equal (cfg_size (nf_stage_get_config (nf_test_stage_get_stage (stage)), "also"), 2);
}

static void
test_failure_marks_the_article (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = nf_test_stage_new (&marker, "word = \"x\"", &error);
  g_autoptr (NfArticle) article = nf_test_article_new (NULL, "A POISON pill.");
  assert_false (nf_test_stage_process (stage, article, &error));
  assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_INVALID_INPUT));
  assert_string_equal (error->message, "poisoned article");
  assert_true (nf_article_is_failed (article));
  assert_string_equal (nf_article_get_failed_stage (article), "extract marker");
}

static void
test_wrong_abi_is_refused (void **state G_GNUC_UNUSED)
{
  NfPluginDescriptor old = marker;
  old.abi_version = NF_ABI_VERSION + 1;
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = nf_test_stage_new (&old, "word = \"a\"", &error);
  assert_null (stage);
  assert_contains (error->message, "built for plugin ABI");
}

/* The harness refuses what the loader would refuse in a module. */
static void
test_incomplete_descriptor_is_refused (void **state G_GNUC_UNUSED)
{
  static const NfOption undocumented[] = {
    { CFG_STR ("word", NULL, CFGF_NONE), NULL, NULL, 0 },
    NF_OPTION_END
  };
  NfPluginDescriptor plugin = marker;
  plugin.options = undocumented;
  g_autoptr (GError) error = NULL;
  assert_null (nf_test_stage_new (&plugin, NULL, &error));
  assert_string_equal (error->message, "plugin \"marker\": option 'word' has no description");
  g_clear_error (&error);
  plugin = marker;
  plugin.name = "Marker";
  assert_null (nf_test_stage_new (&plugin, "word = \"a\"", &error));
  assert_string_equal (error->message, "plugin name \"Marker\" must be made of a-z, 0-9 and '-'");
  g_clear_error (&error);
  plugin = marker;
  plugin.kind = NF_PLUGIN_PARSE;
  assert_null (nf_test_stage_new (&plugin, "word = \"a\"", &error));
  assert_contains (error->message, "has no content types");
}

/* Modules are found the way newsflow finds them (the build tree here, since this test runs
 * uninstalled; NEWSFLOW_PLUGIN_PATH first). */
static void
test_load_built_modules (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfArticle) article = nf_test_article_parse ("text", "text/plain",
                                                         "A headline\nBy Jane Roe\n\nOne. Two.\nThree.\n",
                                                         NULL, &error);
  assert_null (error);
  assert_string_equal (nf_article_get_title (article), "A headline");
  assert_string_equal (nf_article_get_authors (article)[0], "Jane Roe");
  assert_int_equal (nf_article_get_n_paragraphs (article), 2);

  g_autoptr (NfTestStage) stats = nf_test_stage_load (NF_PLUGIN_EXTRACT, "stats", "words-per-minute = 60", &error);
  assert_non_null (stats);
  assert_true (nf_test_stage_process (stats, article, &error));
  g_autofree char *json = nf_test_article_to_json (article);
  assert_contains (json, "\"words\":3");
  assert_contains (json, "\"reading_time_seconds\":3");

  g_autoptr (NfTestStage) tagger = nf_test_stage_load (NF_PLUGIN_EXTRACT, "tagger", "tag = \"t\"", &error);
  assert_non_null (tagger); /* from tests/plugins, through NEWSFLOW_PLUGIN_PATH */
  assert_true (nf_test_stage_process (tagger, article, &error));
  assert_string_equal (nf_article_get_field_string (article, "tag"), "t");

  g_autoptr (NfTestStage) missing = nf_test_stage_load (NF_PLUGIN_EXTRACT, "no-such-plugin", NULL, &error);
  assert_null (missing);
  assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_NOT_FOUND));
  g_clear_error (&error);
  g_autoptr (NfArticle) unparsed = nf_test_article_parse ("text", "text/plain", "x", "bylines = 3", &error);
  assert_null (unparsed);
  assert_contains (error->message, "bylines");
}

/* A formatter's commit point through the harness: what process accepted is on disk after
 * commit, and a resuming formatter answers has_article from what its output holds. */
static void
test_formatter_commit_and_resume (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nf-commit-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *options = g_strdup_printf ("output = \"%s\" skip-existing = true", path);
  {
    g_autoptr (NfTestStage) json = nf_test_stage_load (NF_PLUGIN_FORMAT, "json", options, &error);
    assert_non_null (json);
    g_autoptr (NfArticle) first = nf_test_article_new ("One", "First.");
    nf_article_set_id (first, "one");
    assert_true (nf_test_stage_process (json, first, &error));
    g_autofree char *before = NULL;
    g_file_get_contents (path, &before, NULL, NULL);
    assert_true (before == NULL || *before == '\0'); /* pending: not on disk yet */
    assert_true (nf_test_stage_commit (json, &error));
    g_autofree char *after = NULL;
    assert_true (g_file_get_contents (path, &after, NULL, NULL));
    assert_contains (after, "\"id\":\"one\"");
    assert_false (nf_test_stage_has_article (json, "one")); /* the file was empty when it started */
    assert_true (nf_test_stage_finish (json, &error));
  }
  g_autoptr (NfTestStage) resumed = nf_test_stage_load (NF_PLUGIN_FORMAT, "json", options, &error);
  assert_non_null (resumed);
  assert_true (nf_test_stage_has_article (resumed, "one"));
  assert_false (nf_test_stage_has_article (resumed, "two"));
  g_autoptr (NfArticle) second = nf_test_article_new ("Two", "Second.");
  nf_article_set_id (second, "two");
  assert_true (nf_test_stage_process (resumed, second, &error));
  assert_true (nf_test_stage_finish (resumed, &error));
  g_autofree char *both = NULL;
  assert_true (g_file_get_contents (path, &both, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (both, "\n", -1);
  assert_int_equal (g_strv_length (lines), 3); /* two lines and the empty rest */
  assert_contains (lines[0], "\"id\":\"one\"");
  assert_contains (lines[1], "\"id\":\"two\"");
  g_unlink (path);
  g_rmdir (dir);
}

int
main (void)
{
  /* A GLib critical (a misused API) fails the test instead of scrolling past. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* The test-only plugins, as an author would point at their build directory. */
  const char *build = g_getenv ("NEWSFLOW_BUILD_DIR");
  if (build)
    {
      g_autofree char *tests = g_build_filename (build, "tests", "plugins", NULL);
      g_setenv ("NEWSFLOW_PLUGIN_PATH", tests, TRUE);
    }
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_article_from_strings),
    cmocka_unit_test (test_run_a_linked_plugin_in_ten_lines),
    cmocka_unit_test (test_defaults_apply_and_worker_persists),
    cmocka_unit_test (test_process_without_worker_data),
    cmocka_unit_test (test_option_block_is_checked_like_a_chain),
    cmocka_unit_test (test_failure_marks_the_article),
    cmocka_unit_test (test_wrong_abi_is_refused),
    cmocka_unit_test (test_incomplete_descriptor_is_refused),
    cmocka_unit_test (test_load_built_modules),
    cmocka_unit_test (test_formatter_commit_and_resume),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
