/* test-text.c: the shared segmentation: tokens with byte offsets, and sentence boundaries
 * that survive abbreviations, initials, acronyms, decimals and quotes. */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include <newsflow/text.h>
#include <newsflow/data.h>
#include <newsflow/charset.h>

/* The sentences of @text joined with " | ". */
static char *
sentences_of (const char *text)
{
  g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
  guint n;
  const NfSentence *sentences = nf_text_get_sentences (segmentation, &n);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append (out, " | ");
      g_string_append_len (out, text + sentences[i].start, sentences[i].end - sentences[i].start);
    }
  return g_string_free (out, FALSE);
}

#define assert_sentences(text, expected)               \
  do {                                                 \
    g_autofree char *got_ = sentences_of (text);       \
    assert_string_equal (got_, expected);              \
  } while (0)

static void
test_plain_sentences (G_GNUC_UNUSED void **state)
{
  assert_sentences ("It rained. The river rose! Did it flood? Nobody knows.",
                    "It rained. | The river rose! | Did it flood? | Nobody knows.");
}

static void
test_titles_and_initials (G_GNUC_UNUSED void **state)
{
  assert_sentences ("Gen. Mark Hale met Dr. Ana Ruiz. They spoke.",
                    "Gen. Mark Hale met Dr. Ana Ruiz. | They spoke.");
  assert_sentences ("\"We trained,\" said Spc. Lorraine Walsh. Staff Sgt. Al Cole agreed.",
                    "\"We trained,\" said Spc. Lorraine Walsh. | Staff Sgt. Al Cole agreed.");
  assert_sentences ("The book by J. R. R. Tolkien sold well. Critics agreed.",
                    "The book by J. R. R. Tolkien sold well. | Critics agreed.");
}

static void
test_acronyms (G_GNUC_UNUSED void **state)
{
  assert_sentences ("The U.S. economy grew. The U.N. Security Council met.",
                    "The U.S. economy grew. | The U.N. Security Council met.");
  assert_sentences ("Exports rose to the U.S. The data came late.",
                    "Exports rose to the U.S. | The data came late.");
}

static void
test_abbreviations_that_may_end (G_GNUC_UNUSED void **state)
{
  assert_sentences ("Shares of Acme Robotics Inc. rose. The company said so.",
                    "Shares of Acme Robotics Inc. rose. | The company said so.");
  assert_sentences ("It was founded by Acme Inc. The rest is history.",
                    "It was founded by Acme Inc. | The rest is history.");
  assert_sentences ("The vote is on Jan. 5 in Springfield, Ill. The council agreed.",
                    "The vote is on Jan. 5 in Springfield, Ill. | The council agreed.");
}

static void
test_decimals_and_numbers (G_GNUC_UNUSED void **state)
{
  assert_sentences ("Growth was 3.5 percent in 2026. It was 1,200 tonnes.",
                    "Growth was 3.5 percent in 2026. | It was 1,200 tonnes.");
}

static void
test_quotes (G_GNUC_UNUSED void **state)
{
  assert_sentences ("\"We will,\" he said. \"And soon.\" She nodded.",
                    "\"We will,\" he said. | \"And soon.\" | She nodded.");
  assert_sentences ("“Is it over?” she asked. It was.", "“Is it over?” she asked. | It was.");
}

static void
test_paragraphs_end_sentences (G_GNUC_UNUSED void **state)
{
  const char *text = "A headline-like line without a period\n\nSecond paragraph here.";
  assert_sentences (text, "A headline-like line without a period | Second paragraph here.");
  g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
  guint n;
  const NfSentence *sentences = nf_text_get_sentences (segmentation, &n);
  assert_int_equal (sentences[1].paragraph, 1);
}

/* A paragraph ending with closing quotation marks ends its sentence there, and every token
 * belongs to a sentence (the last one of the text too). */
static void
test_paragraph_ending_in_quote (G_GNUC_UNUSED void **state)
{
  assert_sentences ("He said, \"We go.\"\n\n\"Then we stay,\" she said. \"Fine.\"",
                    "He said, \"We go.\" | \"Then we stay,\" she said. | \"Fine.\"");
  const char *text = "\"It is over.\"";
  g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
  guint n_sentences, n_tokens;
  nf_text_get_sentences (segmentation, &n_sentences);
  nf_text_get_tokens (segmentation, &n_tokens);
  assert_int_equal (n_sentences, 1);
  assert_int_equal (n_tokens, 6);
}

static void
test_tokens (G_GNUC_UNUSED void **state)
{
  const char *text = "Kyiv’s mayor didn't say $3.5 — U.S. officials did.";
  g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
  guint n;
  const NfToken *tokens = nf_text_get_tokens (segmentation, &n);
  const char *expected[] = { "Kyiv’s", "mayor", "didn't", "say", "$", "3.5", "—", "U.S.", "officials", "did", "." };
  assert_int_equal (n, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *token = g_strndup (text + tokens[i].start, tokens[i].end - tokens[i].start);
      assert_string_equal (token, expected[i]);
    }
  assert_int_equal (tokens[0].kind, NF_TOKEN_WORD);
  assert_true (tokens[0].flags & NF_TOKEN_CAPITALIZED);
  assert_true (tokens[0].flags & NF_TOKEN_SENTENCE_START);
  assert_int_equal (tokens[4].kind, NF_TOKEN_SYMBOL);
  assert_int_equal (tokens[5].kind, NF_TOKEN_NUMBER);
  assert_int_equal (tokens[6].kind, NF_TOKEN_PUNCT);
  assert_true (tokens[7].flags & NF_TOKEN_ALL_CAPS);
  assert_int_equal (nf_text_count_words (segmentation), 8);
}

static void
test_article_cache (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_add_paragraph (article, "One. Two.", -1);
  const NfText *first = nf_article_get_segmentation (article);
  assert_ptr_equal (nf_article_get_segmentation (article), first);
  nf_article_add_paragraph (article, "Three.", -1);
  guint n;
  nf_text_get_sentences (nf_article_get_segmentation (article), &n);
  assert_int_equal (n, 3);
}

static void
test_abbreviation_lookup (G_GNUC_UNUSED void **state)
{
  assert_true (nf_text_is_abbreviation ("Gen.", 4));
  assert_true (nf_text_is_abbreviation ("J.", 2));
  assert_true (nf_text_is_abbreviation ("Inc", 3));
  assert_false (nf_text_is_abbreviation ("Kyiv", 4));
}

static void
test_stopword_lists (G_GNUC_UNUSED void **state)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *lists = g_build_filename (dir, "stopwords", NULL);
  g_mkdir (lists, 0755);
  g_autofree char *en = test_write_file (lists, "en.txt", "# English\nThe\nof\n\n");
  g_autofree char *de = test_write_file (lists, "de.txt", "Und\n");
  g_setenv ("NEWSFLOW_DATA_PATH", dir, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) all = nf_stopwords_load_all (&error);
  g_unsetenv ("NEWSFLOW_DATA_PATH");
  assert_null (error);
  assert_int_equal (g_hash_table_size (all), 2);
  GHashTable *english = g_hash_table_lookup (all, "en");
  assert_int_equal (g_hash_table_size (english), 2); /* comment and blank lines skipped */
  assert_true (g_hash_table_contains (english, "the")); /* casefolded */
  assert_true (g_hash_table_contains (g_hash_table_lookup (all, "de"), "und"));
  test_dir_remove (dir);
}

static void
test_charsets (G_GNUC_UNUSED void **state)
{
  g_autofree char *latin1 = nf_charset_normalize ("latin1", -1);
  assert_string_equal (latin1, "WINDOWS-1252"); /* what browsers decode ISO-8859-1 as */
  g_autofree char *declared = nf_content_type_get_charset ("text/plain; Charset=\"ISO-8859-2\"");
  assert_string_equal (declared, "ISO-8859-2");
  assert_null (nf_content_type_get_charset ("text/plain"));

  gsize length;
  g_autofree char *cafe = nf_charset_to_utf8 ("caf\xe9", 4, "WINDOWS-1252", &length, NULL);
  assert_string_equal (cafe, "café");
  assert_int_equal (length, strlen ("café"));
  /* A byte the charset cannot decode becomes U+FFFD instead of failing. */
  g_autofree char *bad = nf_charset_to_utf8 ("a\x81" "b", 3, "SHIFT_JIS", &length, NULL);
  assert_true (g_utf8_validate (bad, -1, NULL));
  g_autoptr (GError) error = NULL;
  assert_null (nf_charset_to_utf8 ("x", 1, "NO-SUCH-CHARSET", &length, &error));
  assert_contains (error->message, "unknown charset");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_plain_sentences),
    cmocka_unit_test (test_titles_and_initials),
    cmocka_unit_test (test_acronyms),
    cmocka_unit_test (test_abbreviations_that_may_end),
    cmocka_unit_test (test_decimals_and_numbers),
    cmocka_unit_test (test_quotes),
    cmocka_unit_test (test_paragraphs_end_sentences),
    cmocka_unit_test (test_paragraph_ending_in_quote),
    cmocka_unit_test (test_tokens),
    cmocka_unit_test (test_article_cache),
    cmocka_unit_test (test_abbreviation_lookup),
    cmocka_unit_test (test_stopword_lists),
    cmocka_unit_test (test_charsets),
  };
  return cmocka_run_group_tests_name ("text", tests, NULL, NULL);
}
