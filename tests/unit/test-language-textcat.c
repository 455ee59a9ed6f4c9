/* test-language-textcat.c: extract "language"'s classifier (plugins/extract/language/
 * fingerprints.c) answers exactly as libexttextcat's textcat_ClassifyFull on the same
 * fingerprints: the same number of candidates, the same languages in the same order, the same
 * scores.  Texts: windows of every sample article at many offsets and sizes (whole articles,
 * paragraphs, a few words), and random texts mixing ASCII, accented Latin, Greek, Cyrillic,
 * CJK, digits, runs of spaces and malformed UTF-8, and texts of tens of KB (more n-grams than
 * the counting tables start with); with the 18 default languages and with
 * every fingerprint Debian ships (where ties and "too many candidates" are common). */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <textcat.h>

#include "test-util.h"
#include "../../plugins/extract/language/fingerprints.h"

#define FINGERPRINTS "/usr/share/libexttextcat/"

static const char *const default_languages[] = {
  "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ru", "tr", "ro", "hu", "el",
};

typedef struct {
  void             *textcat;
  LangFingerprints *fingerprints;
  LangScratch      *scratch;
  candidate_t      *expected;
  guint             compared;
} Pair;

/* Both classifiers on the fingerprints of fpdb.conf whose code is in @codes (all when NULL),
 * each named as textcat names it, through a restricted copy of fpdb.conf for textcat. */
static Pair *
pair_new (const char *const *codes, gsize n_codes)
{
  g_autofree char *contents = NULL;
  assert_true (g_file_get_contents (FINGERPRINTS "fpdb.conf", &contents, NULL, NULL));
  g_autoptr (GString) conf = g_string_new (NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  for (char **line = lines; *line; line++)
    {
      char *hash = strchr (*line, '#');
      if (hash)
        *hash = '\0';
      g_auto (GStrv) words = g_strsplit_set (g_strstrip (*line), " \t", -1);
      GPtrArray *kept = g_ptr_array_new ();
      for (char **word = words; *word; word++)
        if (**word)
          g_ptr_array_add (kept, *word);
      if (kept->len >= 2)
        {
          const char *file = kept->pdata[0];
          gboolean wanted = codes == NULL;
          for (gsize i = 0; i < n_codes && !wanted; i++)
            wanted = g_str_has_prefix (file, codes[i]) && strchr ("-.", file[strlen (codes[i])]);
          if (wanted)
            {
              g_string_append_printf (conf, "%s %s\n", file, (char *) kept->pdata[1]);
              g_ptr_array_add (names, g_strdup (kept->pdata[1]));
              g_ptr_array_add (paths, g_strconcat (FINGERPRINTS, file, NULL));
            }
        }
      g_ptr_array_unref (kept);
    }
  g_autofree char *conf_path = NULL;
  int fd = g_file_open_tmp ("test-language-textcat-XXXXXX.conf", &conf_path, NULL);
  assert_true (fd >= 0);
  close (fd);
  assert_true (g_file_set_contents (conf_path, conf->str, conf->len, NULL));
  Pair *pair = g_new0 (Pair, 1);
  pair->textcat = special_textcat_Init (conf_path, FINGERPRINTS);
  unlink (conf_path);
  assert_non_null (pair->textcat);
  g_autoptr (GError) error = NULL;
  pair->fingerprints = lang_fingerprints_load ((char **) names->pdata, (char **) paths->pdata, names->len, &error);
  assert_null (error);
  pair->scratch = lang_scratch_new ();
  pair->expected = textcat_GetClassifyFullOutput (pair->textcat);
  return pair;
}

static void
pair_free (Pair *pair)
{
  textcat_ReleaseClassifyFullOutput (pair->textcat, pair->expected);
  textcat_Done (pair->textcat);
  lang_fingerprints_free (pair->fingerprints);
  lang_scratch_free (pair->scratch);
  g_free (pair);
}

static void
compare (Pair *pair, const char *text, gsize size)
{
  int expected = textcat_ClassifyFull (pair->textcat, text, size, pair->expected);
  guint candidates[LANG_MAX_CANDIDATES];
  g_autofree int *scores = g_new (int, lang_fingerprints_size (pair->fingerprints));
  int got = lang_fingerprints_classify (pair->fingerprints, pair->scratch, text, size, candidates, scores);
  if (got != expected)
    fail_msg ("%d candidates, textcat %d, on %zu bytes of \"%.80s\"", got, expected, size, text);
  for (int i = 0; i < got; i++)
    {
      const char *name = lang_fingerprints_name (pair->fingerprints, candidates[i]);
      if (strcmp (name, pair->expected[i].name) != 0 || scores[candidates[i]] != pair->expected[i].score)
        fail_msg ("candidate %d: %s %d, textcat %s %d, on %zu bytes of \"%.80s\"", i, name,
                  scores[candidates[i]], pair->expected[i].name, pair->expected[i].score, size, text);
    }
  pair->compared++;
}

/* windows of the sample articles: sizes from a few bytes to past textcat's 768-byte sample */
static void
compare_articles (Pair *pair, guint step)
{
  g_autofree char *dir = g_build_filename (g_getenv ("NEWSFLOW_SOURCE_DIR") ? g_getenv ("NEWSFLOW_SOURCE_DIR") : ".",
                                           "docs", "examples", "articles", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  assert_non_null (listing);
  static const gsize sizes[] = { 1, 2, 5, 17, 60, 150, 300, 512, 768, 1500, 4000 };
  for (const char *name; (name = g_dir_read_name (listing));)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      gsize length;
      assert_true (g_file_get_contents (path, &text, &length, NULL));
      for (gsize offset = 0; offset < length; offset += step)
        for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
          compare (pair, text + offset, MIN (sizes[s], length - offset));
    }
}

static void
compare_random (Pair *pair, guint count)
{
  static const char *const pieces[] = {
    "a", "e", "the ", "und ", "de ", "la ", "ing", "ä", "é", "ß", "ø", "ł", "ş", "ő", "α", "ή", "в", "ы",
    "中", "😀", " ", "  ", "\t", "\n\n", "1", "2024", ".", ",", "\"", "_", "'", "-",
    "\xc3", "\xe2\x80", "\xff", "\x80", "\xf8\x88\x80\x80\x80",
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (15);
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < count; i++)
    {
      g_string_truncate (text, 0);
      guint n = g_rand_int_range (rand, 1, 400);
      for (guint k = 0; k < n; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      compare (pair, text->str, g_rand_int_range (rand, 1, text->len + 1));
    }
}

/* texts of many KB: more distinct n-grams than the counting tables start with */
static void
compare_long (Pair *pair)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (16);
  g_autoptr (GString) text = g_string_new (NULL);
  static const char *const letters[] = { "a", "e", "i", "o", "u", "t", "n", "s", "r", "ä", "ł", "ы", "α", " " };
  while (text->len < 60000)
    g_string_append (text, letters[g_rand_int_range (rand, 0, G_N_ELEMENTS (letters))]);
  compare (pair, text->str, 30000);
  compare (pair, text->str, text->len);
}

static void
test_default_languages (void **state G_GNUC_UNUSED)
{
  Pair *pair = pair_new (default_languages, G_N_ELEMENTS (default_languages));
  assert_int_equal (lang_fingerprints_size (pair->fingerprints), G_N_ELEMENTS (default_languages));
  compare_articles (pair, 37);
  compare_random (pair, 3000);
  compare_long (pair);
  compare (pair, "", 0);
  compare (pair, "   \n 123 ", 9);
  compare (pair, "x", 1);
  pair_free (pair);
}

static void
test_every_language (void **state G_GNUC_UNUSED)
{
  Pair *pair = pair_new (NULL, 0);
  assert_true (lang_fingerprints_size (pair->fingerprints) > 100);
  compare_articles (pair, 401);
  compare_random (pair, 500);
  pair_free (pair);
}

int
main (void)
{
  if (!g_file_test (FINGERPRINTS "fpdb.conf", G_FILE_TEST_EXISTS))
    return 77;  /* no libexttextcat-data: skip */
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_default_languages),
    cmocka_unit_test (test_every_language),
  };
  return cmocka_run_group_tests_name ("language-textcat", tests, NULL, NULL);
}
