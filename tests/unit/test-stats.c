/* test-stats.c: extract "stats": the characters of a body are its UTF-8 characters, as
 * g_utf8_strlen counts them, at every length and alignment (the count goes 16 bytes at a
 * time and sums its lanes every 255 blocks), and the words, sentences and paragraphs are
 * those of the shared segmentation. */
#include "config.h"

#include <string.h>

#include "test-util.h"

static gint64
stat_of (NfArticle *article, const char *key)
{
  GVariant *stats = nf_article_get_field (article, "stats");
  assert_non_null (stats);
  gint64 value = -1;
  assert_true (g_variant_lookup (stats, key, "x", &value));
  return value;
}

/* A body of @length bytes or a little less (whole characters), mixing ASCII with 2-, 3- and
 * 4-byte characters by @seed. */
static char *
mixed_text (gsize length, guint seed)
{
  static const char *const pieces[] = { "a", "Z ", "é", "ß", "€", "中", "😀", "x. ", "Ω", "\n" };
  GString *text = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (seed);
  for (;;)
    {
      const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
      if (text->len + strlen (piece) > length)
        break;
      g_string_append (text, piece);
    }
  g_rand_free (rand);
  return g_string_free (text, FALSE);
}

static void
test_characters (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"stats\" { }", &error);
  assert_null (error);
  /* short bodies, every length about one and two blocks, and long ones past 255 blocks */
  static const gsize lengths[] = { 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 4079, 4080, 4081, 4096,
                                   8161, 8192, 20000 };
  for (gsize i = 0; i < G_N_ELEMENTS (lengths); i++)
    for (guint seed = 1; seed <= 3; seed++)
      {
        g_autofree char *body = mixed_text (lengths[i], seed * 7919 + lengths[i]);
        g_autoptr (NfArticle) article = harness_article ("Title", body, NULL, NULL);
        assert_true (harness_process (harness, article, &error));
        if (nf_article_has_text (article))
          assert_int_equal (stat_of (article, "characters"),
                            g_utf8_strlen (nf_article_get_text (article), nf_article_get_text_length (article)));
      }
  /* a continuation byte in the same lane of every block: a lane counts up to 255 */
  GString *accents = g_string_new (NULL);
  for (guint i = 0; i < 4100; i++)
    g_string_append (accents, "é");
  g_autoptr (NfArticle) article = harness_article ("Title", accents->str, NULL, NULL);
  g_string_free (accents, TRUE);
  assert_true (harness_process (harness, article, &error));
  assert_int_equal (stat_of (article, "characters"), 4100);
  harness_free (harness);
}

/* The other counts: four words in two paragraphs of two sentences. */
static void
test_counts (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"stats\" { words-per-minute = 60 }", &error);
  assert_null (error);
  NfArticle *article = harness_article ("Title", "Un été.\n\nÀ Noël.", NULL, NULL);
  assert_true (harness_process (harness, article, &error));
  assert_int_equal (stat_of (article, "words"), 4);
  assert_int_equal (stat_of (article, "sentences"), 2);
  assert_int_equal (stat_of (article, "paragraphs"), 2);
  assert_int_equal (stat_of (article, "characters"), g_utf8_strlen (nf_article_get_text (article), -1));
  assert_int_equal (stat_of (article, "reading_time_seconds"), 4);
  nf_article_unref (article);
  harness_free (harness);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_characters),
    cmocka_unit_test (test_counts),
  };
  return cmocka_run_group_tests_name ("stats", tests, NULL, NULL);
}
