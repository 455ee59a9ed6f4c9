/* test-ner.c: the averaged perceptron (plugins/extract/nlp/perceptron.c) and the name tagger
 * built on it (nlp/ner.c) on tiny hand-written data: learning, averaging, saving and loading
 * byte for byte, refusing damaged files, decoding IOB tags into spans, reading the rules'
 * decisions as features (stacking). */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "nlp/lexicon.h"
#include "nlp/ner.h"
#include "nlp/perceptron.h"
#include "entities/passes.h"

static const char *const two[] = { "A", "B", NULL };

/* Feature 1 votes A, feature 2 votes B: learnt in a few passes, kept by averaging. */
static NlpPerceptron *
train_two (void)
{
  NlpPerceptron *p = nlp_perceptron_new ("test", two, 12);
  const guint32 a[] = { 1, 3 }, b[] = { 2, 3 };
  for (guint epoch = 0; epoch < 5; epoch++)
    for (guint k = 0; k < 2; k++)
      {
        const guint32 *f = k ? b : a;
        float scores[NLP_PERCEPTRON_MAX_CLASSES] = { 0 };
        nlp_perceptron_score (p, f, 2, scores);
        guint guess = nlp_perceptron_best (p, scores, 0);
        nlp_perceptron_tick (p);
        nlp_perceptron_update (p, f, 2, k, guess);
      }
  nlp_perceptron_average (p);
  return p;
}

static guint
classify (const NlpPerceptron *p, guint32 feature, guint32 allowed)
{
  float scores[NLP_PERCEPTRON_MAX_CLASSES] = { 0 };
  const guint32 f[] = { feature, 3 };
  nlp_perceptron_score (p, f, 2, scores);
  return nlp_perceptron_best (p, scores, allowed);
}

static void
test_learns_and_averages (G_GNUC_UNUSED void **state)
{
  g_autoptr (NlpPerceptron) p = train_two ();
  assert_int_equal (classify (p, 1, 0), 0);
  assert_int_equal (classify (p, 2, 0), 1);
  /* a mask of allowed classes wins over the scores */
  assert_int_equal (classify (p, 1, 1u << 1), 1);
  assert_string_equal (nlp_perceptron_class_name (p, 1), "B");
}

static void
test_save_load_same_bytes (G_GNUC_UNUSED void **state)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *one = g_build_filename (dir, "one.model", NULL);
  g_autofree char *again = g_build_filename (dir, "again.model", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NlpPerceptron) p = train_two ();
  assert_true (nlp_perceptron_save (p, one, &error));
  g_autoptr (NlpPerceptron) loaded = nlp_perceptron_load (one, "test", &error);
  assert_null (error);
  assert_non_null (loaded);
  assert_int_equal (classify (loaded, 1, 0), 0);
  assert_int_equal (classify (loaded, 2, 0), 1);
  /* what is loaded saves to the same bytes; a new training on the same data too */
  assert_true (nlp_perceptron_save (loaded, again, &error));
  g_autofree char *a = NULL, *b = NULL;
  gsize la, lb;
  assert_true (g_file_get_contents (one, &a, &la, NULL));
  assert_true (g_file_get_contents (again, &b, &lb, NULL));
  assert_int_equal (la, lb);
  assert_memory_equal (a, b, la);
  g_autoptr (NlpPerceptron) retrained = train_two ();
  assert_true (nlp_perceptron_save (retrained, again, &error));
  g_free (b);
  assert_true (g_file_get_contents (again, &b, &lb, NULL));
  assert_int_equal (la, lb);
  assert_memory_equal (a, b, la);
  /* another kind of model is refused, by name */
  g_autoptr (NlpPerceptron) other = nlp_perceptron_load (one, NLP_NER_KIND, &error);
  assert_null (other);
  assert_non_null (strstr (error->message, "kind 'test'"));
  test_dir_remove (dir);
}

static void
test_damaged_files (G_GNUC_UNUSED void **state)
{
  g_autofree char *dir = test_dir_new ();
  static const char *const bad[] = {
    "not a model at all\n",
    "NFPERCEPTRON 1\nkind test\nclasses A B\n",
    "NFPERCEPTRON 1\nkind test\nclasses A B\nbits 12\nscale 0x1p-10\nrows 2\n\1\0\0\0\1\0",
    "NFPERCEPTRON 1\nkind test\nclasses A B\nbits 40\nscale 0x1p-10\nrows 0\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = test_write_file (dir, "bad.model", bad[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (NlpPerceptron) p = nlp_perceptron_load (path, "test", &error);
      assert_null (p);
      assert_non_null (error);
      assert_non_null (strstr (error->message, "bad.model"));
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (NlpPerceptron) missing = nlp_perceptron_load ("/nonexistent/x.model", "test", &error);
  assert_null (missing);
  assert_int_equal (error->code, NF_ERROR_NOT_FOUND);
  test_dir_remove (dir);
}

static void
test_spans (G_GNUC_UNUSED void **state)
{
  /* O B-PER I-PER B-LOC I-ORG O B-ORG I-ORG */
  const guint8 tags[] = { 0, 1, 2, 3, 6, 0, 5, 6 };
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (NlpNerSpan));
  nlp_ner_spans (tags, G_N_ELEMENTS (tags), spans);
  assert_int_equal (spans->len, 4);
  NlpNerSpan *s = (NlpNerSpan *) spans->data;
  assert_int_equal (s[0].first, 1);
  assert_int_equal (s[0].last, 2);
  assert_int_equal (s[0].type, NLP_NER_PER);
  assert_int_equal (s[1].type, NLP_NER_LOC);
  assert_int_equal (s[1].last, 3);
  /* an I- after another type starts a span of its own */
  assert_int_equal (s[2].type, NLP_NER_ORG);
  assert_int_equal (s[2].first, 4);
  assert_int_equal (s[3].first, 6);
  assert_int_equal (s[3].last, 7);
  assert_int_equal (nlp_ner_type_parse ("Organisation"), NLP_NER_ORG);
  assert_int_equal (nlp_ner_type_parse ("GPE"), NLP_NER_LOC);
  assert_int_equal (nlp_ner_type_parse ("MISC"), 0);
}

/* Tags for "<first> <last> visited <place> ." as the tagger's gold wants them. */
static guint8 *
gold_for (const NfToken *tokens, guint n)
{
  guint8 *gold = g_new0 (guint8, n);
  g_assert (n == 5);
  (void) tokens;
  gold[0] = NLP_NER_B_PER;
  gold[1] = NLP_NER_I_PER;
  gold[3] = NLP_NER_B_LOC;
  return gold;
}

static void
test_tagger_learns_a_frame (G_GNUC_UNUSED void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NlpNerLexicon) lexicon = nlp_ner_lexicon_load (NULL, FALSE, &error);
  assert_null (error);
  static const char *const train[] = {
    "Anna Berg visited Lund.", "Tomas Ek visited Visby.", "Maria Lind visited Kiruna.",
    "Karl Holm visited Malmo.", "Eva Strand visited Umea.", "Jonas Falk visited Orebro.",
  };
  g_autoptr (NlpPerceptron) model = nlp_ner_model_new (14);
  guint errors_first = 0, errors_last = 0;
  for (guint epoch = 0; epoch < 6; epoch++)
    {
      guint errors = 0;
      for (guint d = 0; d < G_N_ELEMENTS (train); d++)
        {
          g_autoptr (NfText) seg = nf_text_segment (train[d], strlen (train[d]));
          guint n;
          const NfToken *tokens = nf_text_get_tokens (seg, &n);
          g_autofree guint8 *gold = gold_for (tokens, n);
          g_autofree guint8 *tags = g_new (guint8, n);
          errors += nlp_ner_tag (model, lexicon, train[d], tokens, n, NULL, gold, tags);
        }
      if (epoch == 0)
        errors_first = errors;
      errors_last = errors;
    }
  assert_true (errors_first > 0);
  assert_int_equal (errors_last, 0);
  nlp_perceptron_average (model);

  const char *unseen = "Sara Nyberg visited Gothenburg.";
  g_autoptr (NfText) seg = nf_text_segment (unseen, strlen (unseen));
  guint n;
  const NfToken *tokens = nf_text_get_tokens (seg, &n);
  g_autofree guint8 *tags = g_new (guint8, n);
  assert_int_equal (nlp_ner_tag (model, lexicon, unseen, tokens, n, NULL, NULL, tags), 0);
  assert_int_equal (tags[0], NLP_NER_B_PER);
  assert_int_equal (tags[1], NLP_NER_I_PER);
  assert_int_equal (tags[2], NLP_NER_O);
  assert_int_equal (tags[3], NLP_NER_B_LOC);
  assert_int_equal (tags[4], NLP_NER_O);
}

/* Word classes (models/word-clusters-en.txt) carry what was learned to words never seen in
 * training: in one frame, cities are places and magazines organisations, and an unseen
 * magazine and unseen cities are told apart only by the classes the corpus gave them. */
static void
test_word_classes_carry_to_unseen_words (G_GNUC_UNUSED void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NlpNerLexicon) lexicon = nlp_ner_lexicon_load (NULL, FALSE, &error);
  assert_null (error);
  static const struct { const char *text; guint8 tag; } train[] = {
    { "They visited Newsweek.", NLP_NER_B_ORG }, { "They visited Boston.", NLP_NER_B_LOC },
    { "They visited Globe.", NLP_NER_B_ORG }, { "They visited Chicago.", NLP_NER_B_LOC },
    { "They visited Guardian.", NLP_NER_B_ORG }, { "They visited Denver.", NLP_NER_B_LOC },
    { "They visited Chronicle.", NLP_NER_B_ORG }, { "They visited Seattle.", NLP_NER_B_LOC },
    { "They visited Miami.", NLP_NER_B_LOC },
  };
  g_autoptr (NlpPerceptron) model = nlp_ner_model_new (16);
  for (guint epoch = 0; epoch < 8; epoch++)
    for (guint d = 0; d < G_N_ELEMENTS (train); d++)
      {
        g_autoptr (NfText) seg = nf_text_segment (train[d].text, strlen (train[d].text));
        guint n;
        const NfToken *tokens = nf_text_get_tokens (seg, &n);
        guint8 gold[4] = { NLP_NER_O, NLP_NER_O, train[d].tag, NLP_NER_O }, tags[4];
        g_assert (n == 4);
        nlp_ner_tag (model, lexicon, train[d].text, tokens, n, NULL, gold, tags);
      }
  nlp_perceptron_average (model);
  static const struct { const char *text; guint8 tag; } unseen[] = {
    { "They visited Vogue.", NLP_NER_B_ORG }, { "They visited Atlanta.", NLP_NER_B_LOC },
    { "They visited Houston.", NLP_NER_B_LOC },
  };
  for (guint d = 0; d < G_N_ELEMENTS (unseen); d++)
    {
      g_autoptr (NfText) seg = nf_text_segment (unseen[d].text, strlen (unseen[d].text));
      guint n;
      const NfToken *tokens = nf_text_get_tokens (seg, &n);
      guint8 tags[4];
      g_assert (n == 4);
      nlp_ner_tag (model, lexicon, unseen[d].text, tokens, n, NULL, NULL, tags);
      if (tags[2] != unseen[d].tag)
        print_error ("%s: tag %u\n", unseen[d].text, tags[2]);
      assert_int_equal (tags[2], unseen[d].tag);
    }
}

/* Stacking: the rules' decisions (nlp_ner_hints) are features.  Made-up words in one frame,
 * each type in each place, so that only the hints tell the types apart: the model follows
 * them, on unseen words, whichever way round they come. */
static void
tag_with_hints (NlpPerceptron *model, const NlpNerLexicon *lexicon, const char *text, guint first, guint second,
                const guint8 *gold, guint8 *tags, guint *errors)
{
  g_autoptr (NfText) seg = nf_text_segment (text, strlen (text));
  guint n;
  const NfToken *tokens = nf_text_get_tokens (seg, &n);
  g_assert (n == 4); /* "Word met Word." */
  guint8 hints[4] = { 0 };
  nlp_ner_hints (hints, n, 0, 0, first);
  nlp_ner_hints (hints, n, 2, 2, second);
  guint wrong = nlp_ner_tag (model, lexicon, text, tokens, n, hints, gold, tags);
  if (errors)
    *errors += wrong;
}

/* The word lists are keyed by this folding: ASCII runs (folded in bulk), other letters,
 * curly apostrophes and bytes that are no UTF-8 must all come out as before. */
static void
test_fold_append (G_GNUC_UNUSED void **state)
{
  g_autoptr (GString) out = g_string_new ("keep:");
  const char text[] = "Ann O\u2019NEILL-Smith of \u00c4RZTE Z\u00fcrich, 42 [x]\xff!";
  nlp_fold_append (out, text, strlen (text));
  assert_string_equal (out->str, "keep:ann o'neill-smith of \u00e4rzte z\u00fcrich, 42 [x]\xff!");
  g_string_truncate (out, 0);
  nlp_fold_append (out, "ABC", 2);
  assert_string_equal (out->str, "ab");
}

static void
test_tagger_reads_hints (G_GNUC_UNUSED void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NlpNerLexicon) lexicon = nlp_ner_lexicon_load (NULL, FALSE, &error);
  assert_null (error);
  guint8 hints[4] = { 0 };
  nlp_ner_hints (hints, 4, 1, 3, 2);
  assert_int_equal (hints[0], 0);
  assert_int_equal (hints[1], 3); /* LOCATION, first token */
  assert_int_equal (hints[3], 4); /* LOCATION, inside */

  static const char *const words[] = { "Qorv", "Tasp", "Lemk", "Drun", "Bexo", "Wilk", "Gapt", "Hunz", "Morq",
                                       "Fesk", "Ruvo", "Ylde", "Kobb", "Sarn", "Pilu", "Nost", "Zeba", "Carm" };
  static const guint8 begin[] = { 0, NLP_NER_B_PER, NLP_NER_B_LOC, NLP_NER_B_ORG };
  g_autoptr (NlpPerceptron) model = nlp_ner_model_new (14);
  guint errors = 0;
  for (guint epoch = 0; epoch < 8; epoch++)
    {
      errors = 0;
      for (guint d = 0; d < 9; d++)
        {
          guint a = d / 3 + 1, b = d % 3 + 1;
          g_autofree char *text = g_strdup_printf ("%s met %s.", words[2 * d], words[2 * d + 1]);
          guint8 gold[4] = { begin[a], NLP_NER_O, begin[b], NLP_NER_O }, tags[4];
          tag_with_hints (model, lexicon, text, a, b, gold, tags, &errors);
        }
    }
  assert_int_equal (errors, 0);
  nlp_perceptron_average (model);
  guint8 tags[4];
  tag_with_hints (model, lexicon, "Vobe met Kasr.", 2, 1, NULL, tags, NULL);
  assert_int_equal (tags[0], NLP_NER_B_LOC);
  assert_int_equal (tags[2], NLP_NER_B_PER);
  tag_with_hints (model, lexicon, "Vobe met Kasr.", 3, 2, NULL, tags, NULL);
  assert_int_equal (tags[0], NLP_NER_B_ORG);
  assert_int_equal (tags[2], NLP_NER_B_LOC);
}

/* nlp_word_set_has_text folds short ASCII words on the stack and the rest as
 * nlp_word_set_has does: both answer alike for every shape of word. */
static void
test_word_set_has_text (G_GNUC_UNUSED void **state)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *file = test_write_file (dir, "words.txt",
                                           "# words\nminister\n\u00e4rzte\no'neill\n"
                                           "averyveryveryveryveryveryveryveryveryveryveryveryverylongwordindeed\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) set = nlp_word_set_load (file, &error);
  test_dir_remove (dir);
  assert_null (error);
  static const char *const words[] = {
    "Minister", "MINISTER", "minister", "Ministers", "\u00c4RZTE", "\u00c4rzte", "O\u2019Neill", "O'NEILL",
    "AVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryLongWordIndeed", "", "m", NULL,
  };
  static const gboolean expected[] = { TRUE, TRUE, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, FALSE };
  g_autoptr (GString) scratch = g_string_new (NULL);
  for (guint i = 0; words[i]; i++)
    {
      gsize length = strlen (words[i]);
      assert_int_equal (nlp_word_set_has_text (set, words[i], length), expected[i]);
      assert_int_equal (nlp_word_set_has (set, scratch, words[i], length), expected[i]);
    }
  /* a length shorter than the string: only those bytes */
  assert_true (nlp_word_set_has_text (set, "Ministers", 8));
}

/* nlp_sorted_words_load: one parse gives the whole list, sorted and folded as lookups fold
 * (non-ASCII too, in place or, when the fold is longer, apart), and its hand-written part
 * above the GENERATED marker in the file's order; a list sorted in two parts is merged, any
 * other order sorted. */
static void
test_sorted_words_parts (G_GNUC_UNUSED void **state)
{
  g_autofree char *dir = test_dir_new ();
  /* U+023A folds to U+2C65, a byte longer */
  g_autofree char *parts = test_write_file (dir, "two.txt",
                                          "# names\nAda\n\u00c9lise  \nZoe\r\n\n" NLP_GENERATED_MARKER " below\n"
                                          "# GENERATED again: a comment\naadhya\nBea\n\u023aNNA\nzara\n");
  g_autofree char *loose = test_write_file (dir, "loose.txt", "pear\nApple\nO\u2019Neill\n" NLP_GENERATED_MARKER "\nfig\nbanana");
  g_autofree char *plain = test_write_file (dir, "plain.txt", "a\nb\nc\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (NlpSortedWords) names = nlp_sorted_words_load (parts, &error);
  g_autoptr (NlpSortedWords) fruit = nlp_sorted_words_load (loose, &error);
  g_autoptr (NlpSortedWords) letters = nlp_sorted_words_load (plain, &error);
  test_dir_remove (dir);
  assert_null (error);

  static const char *const all[] = { "aadhya", "ada", "bea", "zara", "zoe", "\u00e9lise", "\u2c65nna" };
  static const char *const written[] = { "ada", "\u00e9lise", "zoe" };
  assert_int_equal (names->n, G_N_ELEMENTS (all));
  for (guint k = 0; k < names->n; k++)
    assert_string_equal (names->words[k], all[k]);
  assert_int_equal (names->n_written, G_N_ELEMENTS (written));
  for (guint k = 0; k < names->n_written; k++)
    assert_string_equal (names->written[k], written[k]);
  for (guint k = 0; k < names->n; k++)
    assert_true (nlp_sorted_words_has (names, all[k]));
  assert_false (nlp_sorted_words_has (names, "Ada"));
  assert_false (nlp_sorted_words_has (names, "# names"));
  assert_true (nlp_sorted_words_has_text (names, "\u00c9LISE", strlen ("\u00c9LISE")));
  assert_true (nlp_sorted_words_has_text (names, "\u023anna", strlen ("\u023anna")));

  static const char *const fruits[] = { "apple", "banana", "fig", "o'neill", "pear" };
  static const char *const fruits_written[] = { "pear", "apple", "o'neill" };
  assert_int_equal (fruit->n, G_N_ELEMENTS (fruits));
  for (guint k = 0; k < fruit->n; k++)
    assert_string_equal (fruit->words[k], fruits[k]);
  assert_int_equal (fruit->n_written, G_N_ELEMENTS (fruits_written));
  for (guint k = 0; k < fruit->n_written; k++)
    assert_string_equal (fruit->written[k], fruits_written[k]);
  assert_true (nlp_sorted_words_has_text (fruit, "O'Neill", 7));

  /* hashed instead of bisected: the same answers */
  nlp_sorted_words_index (names);
  for (guint k = 0; k < names->n; k++)
    assert_true (nlp_sorted_words_has (names, all[k]));
  assert_false (nlp_sorted_words_has (names, "Ada"));
  assert_false (nlp_sorted_words_has (names, "ad"));
  assert_false (nlp_sorted_words_has (names, ""));
  assert_true (nlp_sorted_words_has_text (names, "\u00c9LISE", strlen ("\u00c9LISE")));

  /* no marker: all of it is written */
  assert_int_equal (letters->n, 3);
  assert_int_equal (letters->n_written, 3);
  assert_string_equal (letters->written[2], "c");
  assert_false (nlp_sorted_words_has (letters, "d"));
  /* an empty list, indexed */
  g_autoptr (NlpSortedWords) none = g_new0 (NlpSortedWords, 1);
  nlp_sorted_words_index (none);
  assert_false (nlp_sorted_words_has (none, "a"));
}

static void
collect_entry (const char *key, gsize length, const char *label, const char *canonical, gpointer data)
{
  assert_int_equal (strlen (key), length);
  g_string_append_printf (data, "%s|%s|%s\n", key, label, canonical);
}

/* nlp_gazetteer_read gives each entry as nlp_gazetteer_load reads it (folded name, label,
 * canonical or the name), blank names skipped and duplicates not; a bad label is an error
 * naming the line. */
static void
test_gazetteer_read (G_GNUC_UNUSED void **state)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *good = test_write_file (dir, "good.txt",
                                           "# places\n U.S. \tLOCATION\t United States \nKYIV\tLOCATION\n"
                                           "\tPERSON\n\u00c9lys\u00e9e\tORGANIZATION\t\nkyiv\tPERSON\tKiev\n");
  g_autofree char *bad = test_write_file (dir, "bad.txt", "Kyiv\tLOCATION\nParis\tCITY\n");
  g_autoptr (GString) seen = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  assert_true (nlp_gazetteer_read (good, collect_entry, seen, &error));
  assert_string_equal (seen->str, "u.s.|LOCATION|United States\nkyiv|LOCATION|KYIV\n"
                                  "\u00e9lys\u00e9e|ORGANIZATION|\u00c9lys\u00e9e\nkyiv|PERSON|Kiev\n");
  /* the table keeps the first of a name */
  g_autoptr (GHashTable) table = nlp_gazetteer_new ();
  assert_true (nlp_gazetteer_load (table, good, &error));
  assert_int_equal (g_hash_table_size (table), 3);
  const NlpEntry *kyiv = g_hash_table_lookup (table, "kyiv");
  assert_string_equal (kyiv->label, NF_LABEL_LOCATION);
  assert_string_equal (kyiv->canonical, "KYIV");
  g_string_truncate (seen, 0);
  assert_false (nlp_gazetteer_read (bad, collect_entry, seen, &error));
  test_dir_remove (dir);
  assert_non_null (strstr (error->message, "bad.txt:2:"));
}

/* The "entities" field is written in GVariant's serialised form by hand (passes.c): it must
 * be the bytes GLib itself makes of the same list, for lists of any size (framing offsets of
 * one, two and four bytes), names of any length, repeated names and labels on a tie. */
static GVariant *
list_by_glib (const char *const *names, const char *const *labels, guint n)
{
  GVariantBuilder builder;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      if (g_hash_table_contains (seen, names[i]))
        continue;
      g_hash_table_add (seen, (gpointer) names[i]);
      /* the label most mentions of the name carry, the first on a tie */
      const char *order[4];
      gint64 counts[4] = { 0 }, total = 0;
      guint n_labels = 0;
      for (guint j = i; j < n; j++)
        {
          if (strcmp (names[j], names[i]) != 0)
            continue;
          guint k;
          for (k = 0; k < n_labels && order[k] != labels[j]; k++)
            ;
          if (k == n_labels)
            order[n_labels++] = labels[j];
          counts[k]++;
          total++;
        }
      guint best = 0;
      for (guint k = 1; k < n_labels; k++)
        if (counts[k] > counts[best])
          best = k;
      GVariantBuilder entry;
      g_variant_builder_init (&entry, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&entry, "{sv}", "name", g_variant_new_string (names[i]));
      g_variant_builder_add (&entry, "{sv}", "label", g_variant_new_string (order[best]));
      g_variant_builder_add (&entry, "{sv}", "mentions", g_variant_new_int64 (total));
      g_variant_builder_add_value (&builder, g_variant_builder_end (&entry));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
test_entities_list_bytes (G_GNUC_UNUSED void **state)
{
  static const char *const label_names[] = { "PERSON", "LOCATION", "ORGANIZATION", "NATIONALITY" };
  static const guint sizes[] = { 0, 1, 2, 3, 7, 40, 300, 5000 };
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint n = sizes[s];
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree const char **labels = g_new (const char *, MAX (n, 1));
      GRand *rand = g_rand_new_with_seed (s + 1);
      for (guint i = 0; i < n; i++)
        {
          /* short names, a few repeated, and now and then one past 255 bytes */
          guint which = g_rand_int_range (rand, 0, MAX (n / 2, 1));
          guint length = g_rand_int_range (rand, 0, 20) == 0 ? 250 + which % 40 : 1 + which % 30;
          GString *name = g_string_new (NULL);
          for (guint k = 0; k < length; k++)
            g_string_append_c (name, (char) ('a' + (which + k) % 26));
          g_ptr_array_add (names, g_string_free (name, FALSE));
          labels[i] = label_names[g_rand_int_range (rand, 0, 4)];
        }
      g_rand_free (rand);
      EntitiesList *list = entities_list_new ();
      for (guint i = 0; i < n; i++)
        entities_list_add (list, g_ptr_array_index (names, i), labels[i]);
      g_autoptr (GVariant) mine = g_variant_ref_sink (entities_list_end (list));
      g_autoptr (GVariant) glib = list_by_glib ((const char *const *) names->pdata, labels, n);
      assert_true (g_variant_is_normal_form (mine));
      assert_true (g_variant_equal (mine, glib));
      assert_int_equal (g_variant_get_size (mine), g_variant_get_size (glib));
      if (g_variant_get_size (glib) > 0)
        assert_memory_equal (g_variant_get_data (mine), g_variant_get_data (glib), g_variant_get_size (glib));
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_learns_and_averages),
    cmocka_unit_test (test_save_load_same_bytes),
    cmocka_unit_test (test_damaged_files),
    cmocka_unit_test (test_spans),
    cmocka_unit_test (test_tagger_learns_a_frame),
    cmocka_unit_test (test_tagger_reads_hints),
    cmocka_unit_test (test_word_classes_carry_to_unseen_words),
    cmocka_unit_test (test_fold_append),
    cmocka_unit_test (test_word_set_has_text),
    cmocka_unit_test (test_sorted_words_parts),
    cmocka_unit_test (test_gazetteer_read),
    cmocka_unit_test (test_entities_list_bytes),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
