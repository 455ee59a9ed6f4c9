/* test-dates.c: extract "dates": each pattern normalised to ISO 8601, relative dates resolved
 * against the published date or left relative, the dateline dating the article, and words
 * that only look like dates ("may", "March" the verb, numbers, ranges) left alone. */
#include "config.h"

#include <string.h>

#include "test-util.h"

static const char *
value_of (NfArticle *article, const char *text)
{
  NfAnnotation *annotation = harness_find_annotation (article, "date", text);
  if (annotation == NULL)
    fail_msg ("no date annotation over \"%s\"", text);
  return nf_annotation_get_attr_string (annotation, "value");
}

static NfArticle *
run (const char *block, const char *body, const char *published, const char *language)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new (block, &error);
  assert_null (error);
  NfArticle *article = harness_article ("Title", body, published, language);
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  return article;
}

static void
test_absolute_dates (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) article = run ("extract \"dates\" { }",
    "The deal was signed on 2026-11-27 in Brussels. Talks began on November 3, 2026 and "
    "resumed on 27 Nov 2026. The next round opens in January 2027, officials said.", NULL, NULL);
  assert_string_equal (value_of (article, "2026-11-27"), "2026-11-27");
  assert_string_equal (value_of (article, "November 3, 2026"), "2026-11-03");
  assert_string_equal (value_of (article, "27 Nov 2026"), "2026-11-27");
  assert_string_equal (value_of (article, "January 2027"), "2027-01");
}

static void
test_dates_without_year (void **state G_GNUC_UNUSED)
{
  const char *body = "Voting ends on Nov. 27 and results follow on Dec 2.";
  g_autoptr (NfArticle) dated = run ("extract \"dates\" { }", body, "2026-11-20", NULL);
  assert_string_equal (value_of (dated, "Nov. 27"), "2026-11-27");
  assert_string_equal (value_of (dated, "Dec 2"), "2026-12-02");
  g_autoptr (NfArticle) undated = run ("extract \"dates\" { }", body, NULL, NULL);
  assert_string_equal (value_of (undated, "Nov. 27"), "--11-27");
}

static void
test_relative_dates (void **state G_GNUC_UNUSED)
{
  /* 2026-11-27 is a Friday. */
  const char *body = "Ministers met on Thursday and yesterday's vote failed. They will meet again on "
                     "Monday. Prices rose last week, 3 days ago and last year, and fell in 2020.";
  g_autoptr (NfArticle) article = run ("extract \"dates\" { }", body, "2026-11-27", NULL);
  assert_string_equal (value_of (article, "Thursday"), "2026-11-26");
  assert_string_equal (value_of (article, "yesterday's"), "2026-11-26");
  assert_string_equal (value_of (article, "Monday"), "2026-11-30");
  assert_string_equal (value_of (article, "last week"), "2026-W47");
  assert_string_equal (value_of (article, "3 days ago"), "2026-11-24");
  assert_string_equal (value_of (article, "last year"), "2025");
  assert_string_equal (value_of (article, "2020"), "2020");

  g_autoptr (NfArticle) unresolved = run ("extract \"dates\" { }", body, NULL, NULL);
  NfAnnotation *yesterday = harness_find_annotation (unresolved, "date", "yesterday's");
  assert_non_null (yesterday);
  assert_null (nf_annotation_get_attr_string (yesterday, "value"));
  assert_string_equal (nf_annotation_get_attr_string (yesterday, "relative"), "yesterday");
  assert_string_equal (nf_annotation_get_attr_string (harness_find_annotation (unresolved, "date", "Thursday"), "relative"), "thursday");
}

static void
test_not_dates (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) article = run ("extract \"dates\" { }",
    "March organisers said officials may decide later. About 2,000 people, or 1.3 percent, "
    "joined over the 2028-2034 period. Route 66 reopened with 12 lanes and 1945 cars.", "2026-11-27", NULL);
  assert_int_equal (nf_article_get_n_annotations (article), 0);
}

static void
test_other_languages (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) german = run ("extract \"dates\" { }", "Das Gesetz tritt am 11. März 2026 in Kraft, sagte sie am Mittwoch.", "2026-03-12", "de");
  assert_string_equal (value_of (german, "11. März 2026"), "2026-03-11");
  assert_string_equal (value_of (german, "Mittwoch"), "2026-03-11");
  g_autoptr (NfArticle) spanish = run ("extract \"dates\" { }", "La ley entra en vigor el 14 de julio de 2026, dijo ayer.", "2026-07-10", "es");
  assert_string_equal (value_of (spanish, "14 de julio de 2026"), "2026-07-14");
  assert_string_equal (value_of (spanish, "ayer"), "2026-07-09");
  g_autoptr (NfArticle) french = run ("extract \"dates\" { }", "Le procès s'ouvre le 27 novembre 2026 à Lyon.", NULL, "fr");
  assert_string_equal (value_of (french, "27 novembre 2026"), "2026-11-27");
  /* Month words of another language are not looked for in English text. */
  g_autoptr (NfArticle) english = run ("extract \"dates\" { }", "He said 14 mars was the code.", NULL, "en");
  assert_int_equal (nf_article_get_n_annotations (english), 0);
}

/* A word is found in any case, by the ASCII path (lower-cased on the stack) and by the
 * Unicode one ("AUJOURD’HUI"); names that need a capital are refused without one. */
static void
test_word_lookup_paths (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfArticle) english = run ("extract \"dates\" { }", "YESTERDAY the vote failed; Tomorrow it returns.", "2026-11-27", "en");
  assert_string_equal (value_of (english, "YESTERDAY"), "2026-11-26");
  assert_string_equal (value_of (english, "Tomorrow"), "2026-11-28");
  g_autoptr (NfArticle) french = run ("extract \"dates\" { }", "AUJOURD’HUI le juge parle, et Aujourd'hui encore; HIER aussi.", "2026-11-27", "fr");
  assert_string_equal (value_of (french, "AUJOURD’HUI"), "2026-11-27");
  assert_string_equal (value_of (french, "Aujourd'hui"), "2026-11-27");
  assert_string_equal (value_of (french, "HIER"), "2026-11-26");
  g_autoptr (NfArticle) german = run ("extract \"dates\" { }", "Sie sagte am mittwoch und im märz nichts, VORGESTERN schon.", "2026-11-27", "de");
  assert_null (harness_find_annotation (german, "date", "mittwoch"));
  assert_null (harness_find_annotation (german, "date", "märz"));
  assert_string_equal (value_of (german, "VORGESTERN"), "2026-11-25");
}

/* Each worker remembers the answer for the words it has seen: a word asked about again, in
 * another case, another article's language or after many other words, gets the answer it
 * would get the first time. */
static void
test_remembered_words (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"dates\" { }", &error);
  assert_null (error);
  struct {
    const char *body, *language, *text, *value; /* value NULL: no date over text */
  } cases[] = {
    { "Sie kam am Mittwoch, dem 11. März 2026.", "de", "Mittwoch", "2026-11-25" },
    { "He left on Mittwoch in March 2026.", "en", "Mittwoch", NULL },
    { "He left on Mittwoch in March 2026.", "en", "March 2026", "2026-03" },
    { "Er kam am Mittwoch.", "de", "Mittwoch", "2026-11-25" },
    { "She may come in May 2026.", "en", "May 2026", "2026-05" },
    { "She may come; MAY 2026 then.", "en", "MAY 2026", "2026-05" },
    { "Sie kam im mai 2026.", "de", "mai 2026", NULL },
    { "Sie kam im Mai 2026.", "de", "Mai 2026", "2026-05" },
    { "Il est venu en mai 2026.", "fr", "mai 2026", "2026-05" },
    { "Vino hoy, no ayer.", "es", "ayer", "2026-11-26" },
    { "He said hoy and ayer.", "en", "ayer", NULL },
  };
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autoptr (NfArticle) article = harness_article ("Title", cases[i].body, "2026-11-27", cases[i].language);
          assert_true (harness_process (harness, article, &error));
          NfAnnotation *annotation = harness_find_annotation (article, "date", cases[i].text);
          if (cases[i].value == NULL)
            assert_null (annotation);
          else
            assert_string_equal (value_of (article, cases[i].text), cases[i].value);
        }
      /* many other words in between: some take the remembered ones' places */
      GString *many = g_string_new ("");
      for (guint k = 0; k < 20000; k++)
        g_string_append_printf (many, "Word%u w%u. ", k, k);
      g_autoptr (NfArticle) filler = harness_article ("Title", many->str, "2026-11-27", "en");
      g_string_free (many, TRUE);
      assert_true (harness_process (harness, filler, &error));
      assert_int_equal (nf_article_get_n_annotations (filler), 0);
    }
  harness_free (harness);
}

static void
test_dateline_dates_the_article (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"dates\" { default-year = 2026 }", &error);
  assert_null (error);
  g_autoptr (NfArticle) article = harness_article ("Title", "BRUSSELS, Nov 26 (Reuters) - Ministers failed on Thursday to agree.", NULL, NULL);
  nf_article_set_field_string (article, "dateline", "BRUSSELS, Nov 26");
  assert_true (harness_process (harness, article, &error));
  /* A dateline is a day: published_local holds it, no instant is made up. */
  assert_string_equal (nf_article_get_field_string (article, "published_local"), "2026-11-26");
  assert_null (nf_article_get_published (article));
  assert_string_equal (value_of (article, "Thursday"), "2026-11-26");

  /* Metadata wins over the dateline. */
  g_autoptr (NfArticle) dated = harness_article ("Title", "BRUSSELS, Nov 26 (Reuters) - Text here.", "2026-11-28", NULL);
  nf_article_set_field_string (dated, "dateline", "BRUSSELS, Nov 26");
  assert_true (harness_process (harness, dated, &error));
  g_autofree char *kept = g_date_time_format (nf_article_get_published (dated), "%F");
  assert_string_equal (kept, "2026-11-28");
  harness_free (harness);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_absolute_dates),
    cmocka_unit_test (test_dates_without_year),
    cmocka_unit_test (test_relative_dates),
    cmocka_unit_test (test_not_dates),
    cmocka_unit_test (test_other_languages),
    cmocka_unit_test (test_word_lookup_paths),
    cmocka_unit_test (test_remembered_words),
    cmocka_unit_test (test_dateline_dates_the_article),
  };
  return cmocka_run_group_tests_name ("dates", tests, NULL, NULL);
}
