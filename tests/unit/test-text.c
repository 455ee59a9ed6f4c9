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
  /* a comma after an abbreviation's or an acronym's period opens no sentence */
  assert_sentences ("David Munro of Norwalk, Conn., says so. Talks with the U.S., China and Japan began.",
                    "David Munro of Norwalk, Conn., says so. | Talks with the U.S., China and Japan began.");
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

/* The tokenizer's ASCII fast paths answer as GLib's Unicode classes do: every ASCII
 * character alone, after a letter and after a digit gets the kind, extent and case flags
 * the g_unichar_* definitions give it. */
static NfTokenKind
reference_kind (gunichar c)
{
  if (g_unichar_isalpha (c) || g_unichar_ismark (c))
    return NF_TOKEN_WORD;
  if (g_unichar_isdigit (c))
    return NF_TOKEN_NUMBER;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION: case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION: case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION: case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return NF_TOKEN_PUNCT;
    default:
      return NF_TOKEN_SYMBOL;
    }
}

/* The case of every ASCII word of up to five letters and digits from "aZ7" (after "x" or a
 * single letter and period, as an acronym's test sees it, and before a space, a comma or the
 * end): capitalized when its first letter is upper case, all caps when two or more letters are
 * and every one is, counted as the definition says. */
static void
test_ascii_word_case (G_GNUC_UNUSED void **state)
{
  static const char alphabet[] = "aZ7";
  static const char *const befores[] = { "", "x ", "J. " };
  static const char *const afters[] = { "", " ", ",", "'", ".", ". Z" };
  for (guint length = 1; length <= 5; length++)
    {
      guint combinations = 1;
      for (guint k = 0; k < length; k++)
        combinations *= 3;
      for (guint c = 0; c < combinations; c++)
        {
          char word[8];
          guint letters = 0, upper = 0;
          for (guint k = 0, rest = c; k < length; k++, rest /= 3)
            {
              word[k] = alphabet[rest % 3];
              letters += word[k] != '7';
              upper += word[k] == 'Z';
            }
          word[length] = '\0';
          if (word[0] == '7')
            continue; /* a number */
          NfTokenFlags expected = (word[0] == 'Z' ? NF_TOKEN_CAPITALIZED : 0)
                                  | (letters >= 2 && upper == letters ? NF_TOKEN_ALL_CAPS : 0);
          for (guint b = 0; b < G_N_ELEMENTS (befores); b++)
            for (guint a = 0; a < G_N_ELEMENTS (afters); a++)
              {
                g_autofree char *text = g_strconcat (befores[b], word, afters[a], NULL);
                g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
                guint n;
                const NfToken *tokens = nf_text_get_tokens (segmentation, &n);
                gsize at = strlen (befores[b]);
                guint i = 0;
                while (i < n && tokens[i].start != at)
                  i++;
                assert_true (i < n);
                assert_int_equal (tokens[i].end - tokens[i].start, length);
                assert_int_equal (tokens[i].flags & (NF_TOKEN_CAPITALIZED | NF_TOKEN_ALL_CAPS), expected);
              }
        }
    }
}

static void
test_ascii_fast_paths (G_GNUC_UNUSED void **state)
{
  for (gunichar c = 1; c < 0x80; c++)
    {
      if (nf_unichar_is_space (c))
        continue;
      char alone[2] = { (char) c, 0 };
      g_autoptr (NfText) one = nf_text_segment (alone, 1);
      guint n;
      const NfToken *tokens = nf_text_get_tokens (one, &n);
      assert_int_equal (n, 1);
      assert_int_equal (tokens[0].kind, reference_kind (c));
      NfTokenFlags upper = g_unichar_isalpha (c) && (g_unichar_isupper (c) || g_unichar_istitle (c)) ? NF_TOKEN_CAPITALIZED : 0;
      assert_int_equal (tokens[0].flags & ~NF_TOKEN_SENTENCE_START, upper);

      /* After a capital: the word goes on over letters and digits only (a joiner needs a
       * letter after it, here none), and two capitals are all caps. */
      char word[3] = { 'Q', (char) c, 0 };
      g_autoptr (NfText) two = nf_text_segment (word, 2);
      tokens = nf_text_get_tokens (two, &n);
      gboolean joins = g_unichar_isalpha (c) || g_unichar_isdigit (c);
      assert_int_equal (n, joins ? 1 : 2);
      if (joins)
        assert_int_equal (tokens[0].flags & NF_TOKEN_ALL_CAPS, g_unichar_isupper (c) ? NF_TOKEN_ALL_CAPS : 0);

      /* After a digit, before a digit: letters and digits go on, and . , : between digits. */
      char number[4] = { '7', (char) c, '5', 0 };
      g_autoptr (NfText) three = nf_text_segment (number, 3);
      nf_text_get_tokens (three, &n);
      gboolean inner = g_unichar_isalpha (c) || g_unichar_isdigit (c) || c == '.' || c == ',' || c == ':';
      assert_int_equal (n, inner ? 1 : 3);
    }
  /* The same word in ASCII and with a non-ASCII letter has the same tokens and flags. */
  const char *ascii = "Uber's CEO met o'Neill in 2026.", *unicode = "Über's CÉO met ö'Neill in 2026.";
  g_autoptr (NfText) a = nf_text_segment (ascii, strlen (ascii));
  g_autoptr (NfText) u = nf_text_segment (unicode, strlen (unicode));
  guint na, nu;
  const NfToken *ta = nf_text_get_tokens (a, &na), *tu = nf_text_get_tokens (u, &nu);
  assert_int_equal (na, nu);
  for (guint i = 0; i < na; i++)
    {
      assert_int_equal (ta[i].kind, tu[i].kind);
      assert_int_equal (ta[i].flags, tu[i].flags);
    }
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
  /* text.c searches its lists by halves: every entry, first, last and in between, in any
   * case, is found, and words sorting between entries are not */
  static const char *const listed[] = {
    "adm.", "Amb.", "approx.", "E.g.", "i.e.", "Messrs.", "MR.", "Vs.", "tsgt.", "Univ.",
    "a.m.", "Ala.", "Calif.", "Sept.", "Sep.", "p.m.", "Wyo.", "Wis.", "Ltd.", "co.",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (listed); i++)
    assert_true (nf_text_is_abbreviation (listed[i], strlen (listed[i])));
  static const char *const unlisted[] = {
    "aa.", "adma.", "zz.", "wyoming.", "Mrx.", "a.n.", "sepx.", "Ab.", "the.", "approximately.",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (unlisted); i++)
    assert_false (nf_text_is_abbreviation (unlisted[i], strlen (unlisted[i])));
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

static gboolean
collect_named (const char *name, double value, gpointer data)
{
  if (strcmp (name, "refused") == 0)
    return FALSE;
  g_string_append_printf (data, "%s=%g;", name, value);
  return TRUE;
}

/* nf_data_read_named_values: a small model's "name value" lines */
static void
test_named_values (G_GNUC_UNUSED void **state)
{
  g_autoptr (GString) seen = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  assert_true (nf_data_read_named_values ("# weights\nbias -1.5\n\n  words\t2e-1 \n", "m.model", "a weight",
                                          collect_named, seen, &error));
  assert_null (error);
  assert_string_equal (seen->str, "bias=-1.5;words=0.2;");
  const char *bad[] = { "bias\n", "bias x\n", "bias 1.5x\n", "bias inf\n", "bias 1\nrefused 2\n" };
  const char *lines[] = { "1", "1", "1", "1", "2" };
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_clear_error (&error);
      assert_false (nf_data_read_named_values (bad[k], "m.model", "a weight", collect_named, seen, &error));
      assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_INVALID_INPUT));
      g_autofree char *prefix = g_strdup_printf ("m.model:%s: not a weight: '", lines[k]);
      assert_true (g_str_has_prefix (error->message, prefix));
    }
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

/* The one definition of white space (newsflow/text.h): Unicode's White_Space property, with
 * the no-break spaces in it, and zero-width characters out of it. */
static void
test_white_space (G_GNUC_UNUSED void **state)
{
  static const gunichar spaces[] = {
    '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2000, 0x2005, 0x2009, 0x200A,
    0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
  };
  for (gsize i = 0; i < G_N_ELEMENTS (spaces); i++)
    {
      assert_true (nf_unichar_is_space (spaces[i]));
      assert_false (nf_unichar_is_invisible (spaces[i]));
    }
  /* Zero-width: invisible ones are removed, the joiners are part of a word's spelling. */
  static const gunichar invisible[] = { 0x200B, 0x2060, 0xFEFF, 0xAD };
  for (gsize i = 0; i < G_N_ELEMENTS (invisible); i++)
    {
      assert_false (nf_unichar_is_space (invisible[i]));
      assert_true (nf_unichar_is_invisible (invisible[i]));
    }
  static const gunichar neither[] = { 'a', 0, 0x01, 0x1F, 0x7F, 0x180E, 0x200C, 0x200D, 0x2010, 0xFFFD };
  for (gsize i = 0; i < G_N_ELEMENTS (neither); i++)
    {
      assert_false (nf_unichar_is_space (neither[i]));
      assert_false (nf_unichar_is_invisible (neither[i]));
    }
  /* Every character GLib calls a space is one here too (the reverse adds VT and NEL). */
  for (gunichar c = 0; c < 0x10000; c++)
    if (g_unichar_isspace (c))
      assert_true (nf_unichar_is_space (c));

#define assert_collapsed(text, expected)                     \
  do {                                                       \
    g_autofree char *got_ = nf_text_collapse_space (text, -1); \
    assert_string_equal (got_, expected);                    \
  } while (0)
  assert_collapsed ("  a \t\n b  ", "a b");
  assert_collapsed ("10\u00a0km, M.\u202fDupont\u2009:\u3000x", "10 km, M. Dupont : x");
  assert_collapsed ("\u00a0\u2003\u205f", "");
  assert_collapsed ("", "");
  /* single spaces inside a run of visible ASCII are copied with it */
  assert_collapsed ("one two  three four ", "one two three four");
  assert_collapsed ("a b\u00a0c d\te", "a b c d e");
  assert_collapsed ("x \xc3\xa9 y", "x \xc3\xa9 y");
  assert_collapsed ("Bundes\u00adregierung\u200b, \ufeffzero\u2060width", "Bundesregierung, zerowidth");
  assert_collapsed ("a \u200b b", "a b"); /* an invisible character between spaces: one run */
  assert_collapsed ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645");
  assert_collapsed ("\U0001F468\u200d\U0001F469", "\U0001F468\u200d\U0001F469");
  /* A joiner that joins nothing goes: a page's "<p>&zwj;</p>", one at a word's edge. */
  assert_collapsed ("\u200d", "");
  assert_collapsed (" \u200d a\u200c \u200db\u200d", "a b");
  assert_collapsed ("ctrl\x01kept\x7f", "ctrl\x01kept\x7f");
  assert_collapsed ("bad \xff\xc2 bytes\xe2\x80", "bad \xff\xc2 bytes\xe2\x80"); /* not UTF-8: copied */
  /* Runs of visible ASCII are taken eight bytes at a time: white space at every place of
   * such a word (its first byte, its last, two in a row across two words) and a space before
   * a no-break space or a joiner after a long run collapse as one byte at a time would. */
  assert_collapsed ("abcdefgh ijklmnop", "abcdefgh ijklmnop");
  assert_collapsed ("abcdefg  hijklmnop", "abcdefg hijklmnop");
  assert_collapsed ("abcdefgh  ijklmnopq", "abcdefgh ijklmnopq");
  assert_collapsed ("abcdefghijklmno\tpqrstuvwxyz", "abcdefghijklmno pqrstuvwxyz");
  assert_collapsed ("abcdefghijklmno \u00a0pqrstuvwxyz ", "abcdefghijklmno pqrstuvwxyz");
  assert_collapsed ("abcdefghijklmnop \u200dqrstuvwx", "abcdefghijklmnop qrstuvwx");
  assert_collapsed ("abcdefghijklmnop\u200dqrstuvwx \u00a9", "abcdefghijklmnop\u200dqrstuvwx \u00a9");
  assert_collapsed ("abcdefghijklmnop\u200b \u2009 qrstuvwx\r", "abcdefghijklmnop qrstuvwx");
  assert_collapsed ("abcdefghijkl\xe2\x80", "abcdefghijkl\xe2\x80"); /* a space cut short: copied */
  g_autofree char *null_text = nf_text_collapse_space (NULL, -1);
  assert_string_equal (null_text, "");
  g_autofree char *prefix = nf_text_collapse_space ("ab  cd", 4);
  assert_string_equal (prefix, "ab");
  g_autofree char *cut = nf_text_collapse_space ("ab cd ef", 5);
  assert_string_equal (cut, "ab cd");
  g_autofree char *cut_space = nf_text_collapse_space ("ab cd ef", 3);
  assert_string_equal (cut_space, "ab");

  /* Streaming: a run spans calls, and is written only between visible text. */
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;
  nf_text_append_collapsed (out, " \u00a0one ", -1, &pending);
  nf_text_append_collapsed (out, "\n", -1, &pending);
  nf_text_append_collapsed (out, "two", -1, &pending);
  nf_text_append_collapsed (out, "three\u2028", -1, &pending);
  assert_string_equal (out->str, "one twothree");
  assert_true (pending);
  g_string_free (out, TRUE);

  /* The tokenizer splits words at the same white space. */
  const char *text = "a\u00a0b\u2009c\u3000d";
  g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
  assert_int_equal (nf_text_count_words (segmentation), 4);
}

static char *
folded (const char *text, gssize length)
{
  GString *out = g_string_new (NULL);
  nf_text_fold_append (out, text, length < 0 ? strlen (text) : (gsize) length);
  return g_string_free (out, FALSE);
}

/* Folding is per character: lower case, typographic apostrophes ASCII, broken bytes kept. */
static void
test_fold_append (G_GNUC_UNUSED void **state)
{
  g_autofree char *ascii = folded ("U.S. Army", -1);
  assert_string_equal (ascii, "u.s. army");
  g_autofree char *accents = folded ("\u00c9COLE \u00dcBER Stra\u00dfe", -1);
  assert_string_equal (accents, "\u00e9cole \u00fcber stra\u00dfe");
  g_autofree char *apostrophes = folded ("Don\u2019t \u2018Quote", -1);
  assert_string_equal (apostrophes, "don't 'quote");
  /* per character, no special casing: the final sigma stays a sigma */
  g_autofree char *greek = folded ("\u039f\u0394\u039f\u03a3", -1);
  assert_string_equal (greek, "\u03bf\u03b4\u03bf\u03c3");
  g_autofree char *broken = folded ("A\xff\xc3" "B", 4);
  assert_memory_equal (broken, "a\xff\xc3" "b", 4);
  /* the hash reads pieces of 8 bytes: equal up to the length it is told, different past it */
  assert_int_equal (nf_text_fold_hash ("abcdefghij", 9), nf_text_fold_hash ("abcdefghiX", 9));
  assert_int_not_equal (nf_text_fold_hash ("abcdefghij", 10), nf_text_fold_hash ("abcdefghiX", 10));
  assert_int_not_equal (nf_text_fold_hash ("a", 1), nf_text_fold_hash ("a\0", 2));
}

/* Equal folded forms share an id; each fold is what nf_text_fold_append makes of its tokens. */
static void
test_fold_ids (G_GNUC_UNUSED void **state)
{
  const char *text = "The river rose. THE \u00c9cole said the \u00e9cole, \u00e9cole\u2019s river.";
  g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
  guint n_tokens, n_folds;
  const NfToken *tokens = nf_text_get_tokens (segmentation, &n_tokens);
  const NfFold *folds;
  const guint32 *ids = nf_text_get_fold_ids (segmentation, &folds, &n_folds);
  assert_ptr_equal (nf_text_get_fold_ids (segmentation, NULL, NULL), ids); /* made once */
  assert_true (n_folds < n_tokens);
  for (guint i = 0; i < n_tokens; i++)
    {
      assert_true (ids[i] < n_folds);
      g_autofree char *expected = folded (text + tokens[i].start, tokens[i].end - tokens[i].start);
      assert_string_equal (folds[ids[i]].text, expected);
      assert_int_equal (folds[ids[i]].length, strlen (expected));
      assert_int_equal (folds[ids[i]].hash, nf_text_fold_hash (expected, strlen (expected)));
      for (guint j = 0; j < i; j++)
        assert_int_equal (ids[i] == ids[j], strcmp (folds[ids[i]].text, folds[ids[j]].text) == 0);
    }
  assert_int_equal (ids[0], ids[4]);  /* "The", "THE" */
  assert_int_equal (ids[5], ids[8]);  /* "\u00c9cole", "\u00e9cole" */
  assert_int_not_equal (ids[8], ids[10]); /* "\u00e9cole\u2019s" */
  assert_int_equal (ids[1], ids[11]);
  /* long words (pieces of 8 bytes and a tail), other scripts, broken bytes: each token's
   * fold is nf_text_fold_append's, and equal folds share an id */
  static const char *const others[] = {
    "Internationalisation INTERNATIONALISATION internationalisations Ab AB ab Abcdefgh ABCDEFGH",
    "\u0130stanbul istanbul \u039f\u0394\u039f\u03a3 \u1f08\u03b8\u03ae\u03bd\u03b1 M\u00dcLLER M\u00fcller",
    "Caf\xc3 caf\xc3 \xff\xfe abc ABC \xe2\x80 x",
  };
  for (guint o = 0; o < G_N_ELEMENTS (others); o++)
    {
      g_autoptr (NfText) other = nf_text_segment (others[o], strlen (others[o]));
      guint n_other, n_other_folds;
      const NfToken *other_tokens = nf_text_get_tokens (other, &n_other);
      const NfFold *other_folds;
      const guint32 *other_ids = nf_text_get_fold_ids (other, &other_folds, &n_other_folds);
      for (guint i = 0; i < n_other; i++)
        {
          const NfToken *t = &other_tokens[i];
          g_autofree char *expected = folded (others[o] + t->start, t->end - t->start);
          const NfFold *f = &other_folds[other_ids[i]];
          assert_int_equal (f->length, strlen (expected));
          assert_memory_equal (f->text, expected, f->length);
          assert_int_equal (f->hash, nf_text_fold_hash (expected, strlen (expected)));
          for (guint j = 0; j < i; j++)
            {
              const NfFold *g = &other_folds[other_ids[j]];
              gboolean same = f->length == g->length && memcmp (f->text, g->text, f->length) == 0;
              assert_int_equal (other_ids[i] == other_ids[j], same);
            }
        }
    }
  g_autoptr (NfText) empty = nf_text_segment ("", 0);
  guint n_empty = 1;
  assert_non_null (nf_text_get_fold_ids (empty, NULL, &n_empty));
  assert_int_equal (n_empty, 0);
}

/* One of several threads asking for a shared segmentation's folds at once.  It only records
 * what it got: the main thread asserts (a cmocka failure must not jump in another thread). */
typedef struct {
  NfText        *segmentation;
  gint          *go; /* the askers start together when it turns 1 */
  const guint32 *ids;
  const NfFold  *folds;
  guint          n_folds;
} FoldAsker;

static gpointer
ask_folds (gpointer data)
{
  FoldAsker *asker = data;
  while (!g_atomic_int_get (asker->go))
    g_thread_yield ();
  asker->ids = nf_text_get_fold_ids (asker->segmentation, &asker->folds, &asker->n_folds);
  return NULL;
}

/* Asked by several threads at once, the folds are made once (every thread gets the same
 * arrays) and are what one thread alone makes of the same text. */
static void
test_fold_ids_threads (G_GNUC_UNUSED void **state)
{
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (text, "Word%u said the W\u00d6RD%u river. ", i % 37, i % 53);
  g_autoptr (NfText) alone = nf_text_segment (text->str, text->len);
  guint n_tokens, n_alone;
  nf_text_get_tokens (alone, &n_tokens);
  const NfFold *alone_folds;
  const guint32 *alone_ids = nf_text_get_fold_ids (alone, &alone_folds, &n_alone);
  for (guint round = 0; round < 50; round++)
    {
      g_autoptr (NfText) shared = nf_text_segment (text->str, text->len);
      gint go = 0;
      FoldAsker askers[4];
      GThread *threads[G_N_ELEMENTS (askers)];
      for (guint t = 0; t < G_N_ELEMENTS (askers); t++)
        {
          askers[t] = (FoldAsker) { .segmentation = shared, .go = &go };
          threads[t] = g_thread_new ("fold-asker", ask_folds, &askers[t]);
        }
      g_atomic_int_set (&go, 1);
      for (guint t = 0; t < G_N_ELEMENTS (askers); t++)
        g_thread_join (threads[t]);
      for (guint t = 0; t < G_N_ELEMENTS (askers); t++)
        {
          assert_ptr_equal (askers[t].ids, askers[0].ids);
          assert_ptr_equal (askers[t].folds, askers[0].folds);
          assert_int_equal (askers[t].n_folds, n_alone);
        }
      assert_memory_equal (askers[0].ids, alone_ids, ((gsize) n_tokens + 1) * sizeof *alone_ids);
      for (guint k = 0; k < n_alone; k++)
        {
          assert_int_equal (askers[0].folds[k].length, alone_folds[k].length);
          assert_int_equal (askers[0].folds[k].hash, alone_folds[k].hash);
          assert_memory_equal (askers[0].folds[k].text, alone_folds[k].text, alone_folds[k].length);
        }
    }
}

/* nf_load_bytes reads 1 to 7 bytes as the low bytes of a word, the rest the fill byte. */
static void
test_load_bytes (G_GNUC_UNUSED void **state)
{
  const char bytes[] = "abcdefg";
  for (gsize n = 1; n <= 7; n++)
    {
      /* a copy of exactly n bytes: a read past them shows under valgrind and ASan */
      g_autofree char *exact = g_memdup2 (bytes, n);
      guint64 zeros = 0, fill = 0;
      for (gsize k = 0; k < 8; k++)
        {
          zeros |= (guint64) (k < n ? (guchar) bytes[k] : 0) << (8 * k);
          fill |= (guint64) (k < n ? (guchar) bytes[k] : 'x') << (8 * k);
        }
      if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
        {
          assert_int_equal (nf_load_bytes (exact, n, 0), zeros);
          assert_int_equal (nf_load_bytes (exact, n, 'x'), fill);
        }
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_plain_sentences),
    cmocka_unit_test (test_ascii_word_case),
    cmocka_unit_test (test_titles_and_initials),
    cmocka_unit_test (test_acronyms),
    cmocka_unit_test (test_abbreviations_that_may_end),
    cmocka_unit_test (test_decimals_and_numbers),
    cmocka_unit_test (test_quotes),
    cmocka_unit_test (test_paragraphs_end_sentences),
    cmocka_unit_test (test_paragraph_ending_in_quote),
    cmocka_unit_test (test_tokens),
    cmocka_unit_test (test_ascii_fast_paths),
    cmocka_unit_test (test_article_cache),
    cmocka_unit_test (test_abbreviation_lookup),
    cmocka_unit_test (test_stopword_lists),
    cmocka_unit_test (test_named_values),
    cmocka_unit_test (test_charsets),
    cmocka_unit_test (test_white_space),
    cmocka_unit_test (test_fold_append),
    cmocka_unit_test (test_fold_ids),
    cmocka_unit_test (test_fold_ids_threads),
    cmocka_unit_test (test_load_bytes),
  };
  return cmocka_run_group_tests_name ("text", tests, NULL, NULL);
}
