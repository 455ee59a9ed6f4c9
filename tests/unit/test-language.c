/* test-language.c: extract "language": English, German, French and Spanish bodies told apart,
 * short text left undetermined, metadata checked against the text, only configured languages. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"

static const char *english = "The government said on Monday that it would spend more money on schools and hospitals "
  "next year, after a long debate in parliament about the budget and the rising cost of living for families.";
static const char *german = "Die Bundesregierung will Genehmigungsverfahren für neue Wohnungen drastisch verkürzen und "
  "Kommunen dafür zusätzliche Mittel zur Verfügung stellen, sagte die Ministerin am Mittwoch in Berlin.";
static const char *french = "Le tribunal correctionnel de Lyon a condamné jeudi la société à une amende de douze "
  "millions d'euros pour avoir rejeté pendant plus de dix ans des polluants dans le Rhône, selon les associations.";
static const char *spanish = "La Junta de Andalucía activó el martes el nivel máximo de su plan de emergencia por calor "
  "después de que la Agencia Estatal de Meteorología previera temperaturas de hasta cuarenta y cinco grados.";

static const char *
detect (const char *block, const char *body, const char *metadata)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new (block, &error);
  assert_null (error);
  NfArticle *article = harness_article ("An English headline about the news", body, NULL, metadata);
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  static char code[16];
  g_strlcpy (code, nf_article_get_language (article) ? nf_article_get_language (article) : "(none)", sizeof code);
  nf_article_unref (article);
  return code;
}

static void
test_detects_languages (void **state G_GNUC_UNUSED)
{
  assert_string_equal (detect ("extract \"language\" { }", english, NULL), "en");
  assert_string_equal (detect ("extract \"language\" { }", german, NULL), "de");
  assert_string_equal (detect ("extract \"language\" { }", french, NULL), "fr");
  assert_string_equal (detect ("extract \"language\" { }", spanish, NULL), "es");
}

static void
test_short_text_is_undetermined (void **state G_GNUC_UNUSED)
{
  assert_string_equal (detect ("extract \"language\" { }", "Ja, sicher.", NULL), "(none)");
}

/* the metadata's language stands unless the text clearly says another one (a German page
 * left with lang="en"); check-metadata = false trusts it; override always takes the text's */
static void
test_metadata_checked_against_text (void **state G_GNUC_UNUSED)
{
  assert_string_equal (detect ("extract \"language\" { }", german, "en"), "de");
  assert_string_equal (detect ("extract \"language\" { }", english, "en-US"), "en-US");
  assert_string_equal (detect ("extract \"language\" { }", "Ja, sicher.", "en"), "en");
  assert_string_equal (detect ("extract \"language\" { check-metadata = false }", german, "en"), "en");
  assert_string_equal (detect ("extract \"language\" { override = true }", german, "en"), "de");
  assert_string_equal (detect ("extract \"language\" { override = true }", "Ja, sicher.", "en"), "(none)");
}

static void
test_only_configured_languages (void **state G_GNUC_UNUSED)
{
  assert_string_not_equal (detect ("extract \"language\" { languages = {\"en\", \"de\"} }", french, NULL), "fr");
  g_autoptr (GError) error = NULL;
  assert_null (harness_new ("extract \"language\" { languages = {\"xx\"} }", &error));
  assert_contains (error->message, "no fingerprint for language 'xx'");
}

/* a fingerprint listed in fpdb.conf but missing is a chain error at start, not a crash later */
static void
test_missing_fingerprint_file (void **state G_GNUC_UNUSED)
{
  g_autofree char *dir = g_dir_make_tmp ("test-language-XXXXXX", NULL);
  assert_non_null (dir);
  g_autofree char *conf = g_build_filename (dir, "fpdb.conf", NULL);
  assert_true (g_file_set_contents (conf, "en.lm en--utf8\n", -1, NULL));
  g_autofree char *block = g_strdup_printf ("extract \"language\" { languages = {\"en\"} fingerprints = \"%s\" }", dir);
  g_autoptr (GError) error = NULL;
  assert_null (harness_new (block, &error));
  assert_contains (error->message, "could not load the fingerprints");
  g_unlink (conf);
  g_rmdir (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_detects_languages),
    cmocka_unit_test (test_short_text_is_undetermined),
    cmocka_unit_test (test_metadata_checked_against_text),
    cmocka_unit_test (test_only_configured_languages),
    cmocka_unit_test (test_missing_fingerprint_file),
  };
  return cmocka_run_group_tests_name ("language", tests, NULL, NULL);
}
