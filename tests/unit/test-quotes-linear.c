/* test-quotes-linear.c: extract "quotes" costs no more per mention as articles grow (issue
 * 12): the work of resolving names and of looking names up by position is counted (not
 * timed) on generated articles of two sizes, and the position indexes give the answers the
 * plain scans they replace gave.  The plugin's steps are compiled in: they are no API. */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "quotes/quotes.h"

/* A Context with empty word lists and no text: enough for the name steps. */
typedef struct {
  Quotes   self;
  Context  c;
  GString *scratch;
} Fixture;

static GHashTable *
empty_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static Fixture *
fixture_new (const char *text, const NfToken *tokens, guint n)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->self.titles = empty_set ();
  f->self.roles = empty_set ();
  f->self.not_persons = empty_set ();
  f->self.org_suffixes = empty_set ();
  f->self.female = g_new0 (NlpSortedWords, 1);
  f->self.male = g_new0 (NlpSortedWords, 1);
  f->scratch = g_string_new (NULL);
  f->c.self = &f->self;
  f->c.text = text;
  f->c.length = text ? strlen (text) : 0;
  f->c.tokens = tokens;
  f->c.n = n;
  f->c.scratch = f->scratch;
  f->c.names = g_array_new (FALSE, FALSE, sizeof (Name));
  f->c.quotes = g_array_new (FALSE, FALSE, sizeof (Quote));
  f->c.others = g_array_new (FALSE, FALSE, sizeof (gsize));
  f->c.mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  index_quotes (&f->c);
  return f;
}

static void
fixture_free (Fixture *f)
{
  for (guint k = 0; k < f->c.names->len; k++)
    {
      g_free (g_array_index (f->c.names, Name, k).canonical);
      g_free (g_array_index (f->c.names, Name, k).title);
    }
  g_array_unref (f->c.names);
  g_array_unref (f->c.quotes);
  g_array_unref (f->c.others);
  g_array_unref (f->c.mentions);
  g_clear_pointer (&f->c.lower, g_hash_table_unref);
  index_clear (&f->c);
  g_hash_table_unref (f->self.titles);
  g_hash_table_unref (f->self.roles);
  g_hash_table_unref (f->self.not_persons);
  g_hash_table_unref (f->self.org_suffixes);
  nlp_sorted_words_free (f->self.female);
  nlp_sorted_words_free (f->self.male);
  g_string_free (f->scratch, TRUE);
  g_free (f);
}

/* Names no edit away from each other: "Gaabb", "Koaabb" (letters doubled, so that two
 * differ in two letters at least and are never taken for a misspelling). */
static char *
code (const char *prefix, guint i)
{
  return g_strdup_printf ("%s%c%c%c%c", prefix, 'a' + i / 26 % 26, 'a' + i / 26 % 26, 'a' + i % 26, 'a' + i % 26);
}

/* refine_names on @people people mentioned @times times each, by full name then surname;
 * returns the comparisons made.  Every surname alone must take its full name. */
static guint64
refine_cost (guint people, guint times)
{
  Fixture *f = fixture_new (NULL, NULL, 0);
  for (guint t = 0; t < times; t++)
    for (guint i = 0; i < people; i++)
      {
        g_autofree char *given = code ("Gi", i), *surname = code ("Ko", i);
        g_autofree char *full = g_strdup_printf ("%s %s", given, surname);
        add_name (&f->c, 0, 0, full, NULL, TRUE);
        add_name (&f->c, 0, 0, surname, NULL, TRUE);
      }
  refine_names (&f->c);
  for (guint k = 0; k < f->c.names->len; k += 2)
    {
      const char *full = g_array_index (f->c.names, Name, k).canonical;
      assert_string_equal (g_array_index (f->c.names, Name, k + 1).canonical, full);
      assert_non_null (strchr (full, ' '));
    }
  guint64 comparisons = f->c.comparisons;
  fixture_free (f);
  return comparisons;
}

/* Resolving names compares distinct names, not mentions: a hundred times the mentions of
 * the same people cost no comparison more. */
static void
test_refine_names_per_distinct_name (void **state)
{
  (void) state;
  guint64 few = refine_cost (40, 3), many = refine_cost (40, 300);
  assert_true (few > 0);
  assert_int_equal (few, many);
  assert_true (many <= 2 * 40 * 40);
}

/* Nor do many distinct people cost each a comparison with every other: with more than a
 * few names, refine_names asks only the names that share a surname, its misspellings,
 * given names or endings (600 people: 360,000 comparisons before). */
static void
test_refine_names_many_people (void **state)
{
  (void) state;
  guint64 few = refine_cost (150, 1), many = refine_cost (600, 1);
  assert_true (many <= 10 * 600);
  assert_true (many <= 5 * few);
}

/* Tokens of a generated article: "Word " repeated, a name every @every tokens. */
typedef struct {
  GString *text;
  GArray  *tokens;
} Article;

static Article
article_new (guint n)
{
  Article a = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (NfToken)) };
  for (guint i = 0; i < n; i++)
    {
      NfToken t = { .start = a.text->len, .kind = NF_TOKEN_WORD, .flags = NF_TOKEN_CAPITALIZED,
                    .sentence = i / 10, .paragraph = i / 50 };
      g_string_append (a.text, "Word");
      t.end = a.text->len;
      g_string_append_c (a.text, ' ');
      g_array_append_val (a.tokens, t);
    }
  return a;
}

/* The first name in the array's order covering token @i's start, the scan stopping at the
 * first name starting after it: name_at as it was before the index. */
static const Name *
name_at_by_scan (const Context *c, guint i)
{
  gsize pos = c->tokens[i].start;
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->start <= pos && pos < n->end)
        return n;
      if (n->start > pos)
        break;
    }
  return NULL;
}

/* Names of one to three tokens over a generated article of @n tokens (some overlapping, as
 * the entities extractor's and the cue names can), looked up at every token: the answers of
 * the scan, and a bounded number of names looked at per lookup. */
static guint64
name_lookups (guint n, gboolean check)
{
  Article a = article_new (n);
  Fixture *f = fixture_new (a.text->str, (const NfToken *) a.tokens->data, n);
  GRand *rand = g_rand_new_with_seed (7);
  for (guint i = 0; i + 3 < n; i += 1 + g_rand_int_range (rand, 0, 6))
    {
      guint last = i + g_rand_int_range (rand, 0, 3);
      const NfToken *first = &g_array_index (a.tokens, NfToken, i), *end = &g_array_index (a.tokens, NfToken, last);
      add_name (&f->c, first->start, end->end, "Word", NULL, TRUE);
    }
  g_array_sort (f->c.names, compare_names);
  index_names_sorted (&f->c);
  /* a few names added after the sort, out of order, as names_from_cues adds them */
  const NfToken *middle = &g_array_index (a.tokens, NfToken, n / 2);
  add_name (&f->c, middle->start, middle->end, "Word", NULL, FALSE);
  for (guint i = 0; i < n; i++)
    {
      const Name *found = name_at (&f->c, i);
      if (!check)
        continue;
      assert_ptr_equal (found, name_at_by_scan (&f->c, i));
      const NfToken *t = &g_array_index (a.tokens, NfToken, i);
      gboolean covered = FALSE;
      for (guint k = 0; k < f->c.names->len; k++)
        {
          const Name *o = &g_array_index (f->c.names, Name, k);
          covered |= o->start < t->end && t->start < o->end;
        }
      assert_int_equal (covered_by_name (&f->c, t->start, t->end), covered);
    }
  guint64 probes = f->c.probes;
  g_rand_free (rand);
  fixture_free (f);
  g_string_free (a.text, TRUE);
  g_array_unref (a.tokens);
  return probes;
}

static void
test_name_at_by_position (void **state)
{
  (void) state;
  guint64 small = name_lookups (2000, TRUE), large = name_lookups (200000, FALSE);
  /* a lookup looks at a handful of names, however many the article has */
  assert_true (small <= 2000 * 8);
  assert_true (large <= 200000 * 8);
}

/* inside_quote and covered_by_other against their scans. */
static void
test_spans (void **state)
{
  (void) state;
  Fixture *f = fixture_new ("0123456789012345678901234567890123456789", NULL, 0);
  gsize quotes[][2] = { { 2, 5 }, { 8, 20 }, { 10, 12 }, { 25, 26 } };
  gsize others[] = { 3, 4, 6, 6, 15, 30 };
  for (guint k = 0; k < G_N_ELEMENTS (quotes); k++)
    {
      Quote q = { .open = quotes[k][0], .close = quotes[k][1] };
      g_array_append_val (f->c.quotes, q);
    }
  g_array_append_vals (f->c.others, others, G_N_ELEMENTS (others));
  index_clear (&f->c);
  index_quotes (&f->c);
  index_others (&f->c);
  for (gsize pos = 0; pos < 40; pos++)
    {
      gboolean inside = FALSE, marks = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (quotes); k++)
        {
          inside |= quotes[k][0] <= pos && pos < quotes[k][1];
          marks |= quotes[k][0] == pos || quotes[k][1] == pos;
        }
      assert_int_equal (inside_quote (&f->c, pos), inside);
      assert_int_equal (marks_quote (&f->c, pos), marks);
      for (gsize end = pos; end < 40; end++)
        {
          gboolean covered = FALSE;
          for (guint k = 0; k + 1 < G_N_ELEMENTS (others); k += 2)
            covered |= others[k] < end && pos < others[k + 1];
          assert_int_equal (covered_by_other (&f->c, pos, end), covered);
        }
    }
  fixture_free (f);
}

/* The item of the "quotes" field written directly (output.c) is byte for byte what GVariant
 * serialises for the same values built as a tree: with and without speaker and cue, and
 * sizes whose framing offsets take one, two and four bytes. */
static void
test_quote_item_serialised (G_GNUC_UNUSED void **state)
{
  static const gsize lengths[] = { 0, 1, 7, 8, 200, 230, 250, 300, 65500, 65600, 70000 };
  static const char *const speakers[] = { NULL, "", "Anna Lindqvist", "Jean-Luc Mélenchon" };
  static const char *const cues[] = { NULL, "", "said", "according to" };
  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (guint s = 0; s < G_N_ELEMENTS (speakers); s++)
      for (guint k = 0; k < G_N_ELEMENTS (cues); k++)
        {
          g_autofree char *text = g_malloc (lengths[l] + 1);
          for (gsize i = 0; i < lengths[l]; i++)
            text[i] = (char) ('a' + i % 26);
          text[lengths[l]] = '\0';
          GVariantBuilder item;
          g_variant_builder_init (&item, G_VARIANT_TYPE_VARDICT);
          g_variant_builder_add (&item, "{sv}", "text", g_variant_new_string (text));
          g_variant_builder_add (&item, "{sv}", "speaker",
                                 g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                                      speakers[s] ? g_variant_new_string (speakers[s]) : NULL));
          g_variant_builder_add (&item, "{sv}", "cue",
                                 g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                                      cues[k] ? g_variant_new_string (cues[k]) : NULL));
          g_autoptr (GVariant) tree = g_variant_ref_sink (g_variant_builder_end (&item));
          g_autoptr (GVariant) direct = g_variant_ref_sink (quote_item_new (text, lengths[l], speakers[s], cues[k]));
          assert_true (g_variant_is_of_type (direct, G_VARIANT_TYPE_VARDICT));
          assert_int_equal (g_variant_get_size (direct), g_variant_get_size (tree));
          assert_memory_equal (g_variant_get_data (direct), g_variant_get_data (tree), g_variant_get_size (tree));
          /* and GVariant reads it back as the same value, in normal form */
          g_autoptr (GVariant) check = g_variant_new_from_data (G_VARIANT_TYPE_VARDICT, g_variant_get_data (direct),
                                                                g_variant_get_size (direct), FALSE, NULL, NULL);
          assert_true (g_variant_is_normal_form (check));
          assert_true (g_variant_equal (check, tree));
        }
}

/* The "quotes" field written item by item into one buffer (quote_list_*) is byte for byte
 * what a GVariantBuilder of the same items serialises: empty, one item, items of odd sizes
 * (padding to 8 between them), items added as values, and lists whose offsets take one, two
 * and four bytes. */
static void
test_quote_list_serialised (G_GNUC_UNUSED void **state)
{
  static const guint counts[] = { 0, 1, 2, 3, 40, 2000 };
  static const char *const speakers[] = { NULL, "Anna Lindqvist", "", "Jean-Luc Mélenchon" };
  static const char *const cues[] = { "said", NULL, "according to" };
  g_autofree char *text = g_malloc (70001);
  for (gsize i = 0; i < 70000; i++)
    text[i] = (char) ('a' + i % 26);
  text[70000] = '\0';
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    for (guint big = 0; big < 2; big++)
      {
        GVariantBuilder tree;
        g_variant_builder_init (&tree, G_VARIANT_TYPE ("aa{sv}"));
        QuoteList *list = quote_list_new ();
        for (guint k = 0; k < counts[c]; k++)
          {
            gsize length = big && k == 0 ? 66000 : (k * 7) % 23;
            const char *speaker = speakers[k % G_N_ELEMENTS (speakers)], *cue = cues[k % G_N_ELEMENTS (cues)];
            g_autoptr (GVariant) item = g_variant_ref_sink (quote_item_new (text, length, speaker, cue));
            g_variant_builder_add_value (&tree, item);
            if (k % 5 == 4)
              quote_list_add_value (list, item);
            else
              quote_list_add (list, text, length, speaker, cue);
          }
        g_autoptr (GVariant) expected = g_variant_ref_sink (g_variant_builder_end (&tree));
        g_autoptr (GVariant) got = g_variant_ref_sink (quote_list_end (list));
        assert_true (g_variant_is_of_type (got, G_VARIANT_TYPE ("aa{sv}")));
        assert_int_equal (g_variant_get_size (got), g_variant_get_size (expected));
        if (g_variant_get_size (got))
          assert_memory_equal (g_variant_get_data (got), g_variant_get_data (expected), g_variant_get_size (got));
        g_autoptr (GVariant) check = g_variant_new_from_data (G_VARIANT_TYPE ("aa{sv}"), g_variant_get_data (got),
                                                              g_variant_get_size (got), FALSE, NULL, NULL);
        assert_true (g_variant_is_normal_form (check));
        assert_true (g_variant_equal (check, expected));
      }
}

/* The word sets of @self that quotes_listing() fills: its GHashTables of words. */
#define N_SETS 8

static void
quotes_sets (Quotes *self, GHashTable **sets[N_SETS])
{
  GHashTable **all[N_SETS] = { &self->verbs, &self->titles, &self->not_names, &self->roles, &self->not_persons,
                               &self->org_suffixes, &self->org_nouns, &self->demonyms };
  memcpy (sets, all, sizeof all);
}

/* Every word set of @self and both given-name lists (sorted lists loaded from a file, indexed
 * when @indexed) hold the words of @listed; then the filters made from them. */
static void
quotes_listing (Quotes *self, const char *const *listed, gboolean indexed)
{
  GHashTable **sets[N_SETS];
  quotes_sets (self, sets);
  for (guint k = 0; k < N_SETS; k++)
    {
      *sets[k] = empty_set ();
      for (const char *const *w = listed; *w; w++)
        g_hash_table_add (*sets[k], g_strdup (*w));
    }
  g_autofree char *dir = test_dir_new ();
  g_autoptr (GString) lines = g_string_new (NULL);
  for (const char *const *w = listed; *w; w++)
    g_string_append_printf (lines, "%s\n", *w);
  g_autofree char *file = test_write_file (dir, "names.txt", lines->str);
  g_autoptr (GError) error = NULL;
  self->female = nlp_sorted_words_load (file, &error);
  self->male = nlp_sorted_words_load (file, &error);
  test_dir_remove (dir);
  assert_null (error);
  if (indexed)
    {
      nlp_sorted_words_index (self->female);
      nlp_sorted_words_index (self->male);
    }
  filters_init (self);
}

static void
quotes_unlisting (Quotes *self)
{
  GHashTable **sets[N_SETS];
  quotes_sets (self, sets);
  for (guint k = 0; k < N_SETS; k++)
    g_hash_table_unref (*sets[k]);
  nlp_sorted_words_free (self->female);
  nlp_sorted_words_free (self->male);
}

/* The word lists' filters (filters_init, may_be_in) never turn away a word the list holds:
 * whatever its case, with non-ASCII letters or a curly apostrophe (folded to ASCII), as
 * word_in, a token (tok_in, through the article's token bits) and gender_of_word ask. */
static void
test_word_filters (G_GNUC_UNUSED void **state)
{
  static const char *const listed[] = { "said", "müller", "o'brien", "x", "chief constable", NULL };
  static const char *const asked[] = { "said", "SAID", "Said", "says", "MÜLLER", "Müller", "muller", "O’Brien",
                                       "O'BRIEN", "X", "y", "Chief constable", "", NULL };
  Quotes self = { 0 };
  quotes_listing (&self, listed, FALSE);
  GHashTable **sets[N_SETS];
  quotes_sets (&self, sets);
  g_autoptr (GString) scratch = g_string_new (NULL);
  Context c = { .self = &self, .scratch = scratch };
  for (const char *const *w = asked; *w; w++)
    {
      gboolean in = nlp_word_set_has (self.verbs, scratch, *w, strlen (*w));
      for (guint k = 0; k < N_SETS; k++)
        assert_int_equal (word_in (&c, *sets[k], *w), in);
      /* the same word as a token of an article */
      NfToken token = { .start = 0, .end = strlen (*w), .kind = NF_TOKEN_WORD };
      g_autoptr (GString) fold = g_string_new (NULL);
      nf_text_fold_append (fold, *w, strlen (*w));
      NfFold folds[] = { { fold->str, fold->len, nf_text_fold_hash (fold->str, fold->len) } };
      guint32 fold_ids[] = { 0 };
      Context t = { .self = &self, .scratch = scratch, .text = *w, .length = strlen (*w), .tokens = &token, .n = 1,
                    .fold_ids = fold_ids, .folds = folds };
      g_autofree guint32 *bits = t.token_bits = token_bits_new (&t, 1);
      assert_int_equal (tok_in (&t, 0, self.verbs), in);
      assert_int_equal (tok_may_be_in (&t, 0, self.filters[FILTER_MALE].bits)
                        && nlp_sorted_words_has (self.male, fold->str), in);
      /* (a word on both given-name lists has no gender; the honorifics below do) */
      assert_int_equal (gender_of_word (&c, *w), GENDER_UNKNOWN);
    }
  assert_int_equal (gender_of_word (&c, "Mrs."), GENDER_FEMALE);
  assert_int_equal (gender_of_word (&c, "SIR"), GENDER_MALE);
  quotes_unlisting (&self);
}

/* The filters of indexed given-name lists (made from the index's hashes) turn away no word
 * the list holds, and the token pass lists every token tok_in may find a speech verb at
 * (verb_words, which names_from_cues asks instead of every token), in order, and not all
 * of them. */
static void
test_indexed_filters_and_verb_words (G_GNUC_UNUSED void **state)
{
  static const char *const listed[] = { "said", "told", "müller", "o'brien", "x", "anne-marie", "abcdefghijklmnopq",
                                        NULL };
  Quotes self = { 0 };
  quotes_listing (&self, listed, TRUE);
  for (const char *const *w = listed; *w; w++)
    for (guint upper = 0; upper < 2; upper++)
      {
        g_autofree char *asked = upper ? g_utf8_strup (*w, -1) : g_strdup (*w);
        assert_true (may_be_in (self.filters[FILTER_FEMALE].bits, asked, strlen (asked)));
        assert_true (may_be_in (self.filters[FILTER_MALE].bits, asked, strlen (asked)));
      }

  const char *text = "Quinn said it was over, he told reporters. \"No,\" SAID Müller, who TOLD us he was "
                     "saying nothing; Told by the staff, Sofia says the board sold it. Said Anne-Marie: "
                     "x marks the spot, O'Brien told.";
  g_autoptr (GString) scratch = g_string_new (NULL);
  Context c = { .self = &self, .scratch = scratch, .text = text, .length = strlen (text) };
  g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
  c.tokens = nf_text_get_tokens (segmentation, &c.n);
  c.fold_ids = nf_text_get_fold_ids (segmentation, &c.folds, &c.n_folds);
  g_autoptr (GArray) verb_words = c.verb_words = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint32 *bits = c.token_bits = token_bits_new (&c, c.n_folds);
  guint listed_at = 0, verbs = 0, words = 0;
  for (guint i = 0; i < c.n; i++)
    {
      gboolean in_list = listed_at < verb_words->len && g_array_index (verb_words, guint, listed_at) == i;
      listed_at += in_list;
      words += c.tokens[i].kind == NF_TOKEN_WORD;
      assert_true (!in_list || c.tokens[i].kind == NF_TOKEN_WORD);
      if (tok_in (&c, i, self.verbs))
        {
          assert_true (in_list);
          verbs++;
        }
    }
  assert_int_equal (listed_at, verb_words->len); /* in order, without duplicates */
  assert_int_equal (verbs, 11); /* said, told, SAID, Müller, TOLD, Told, Said, Anne-Marie, x, O'Brien, told */
  assert_true (verb_words->len < words / 2);
  quotes_unlisting (&self);
}

/* The filter bit is the top of the fold's hash for every ASCII byte at every place of words
 * of one to three pieces of eight bytes; and token_bits_new, which reads it off the
 * segmentation's folds, gives each ASCII word token that bit and every other token none. */
static guint
reference_bit (const char *text, gsize length)
{
  g_autofree char *lower = g_ascii_strdown (text, length);
  return nf_text_fold_hash (lower, length) >> 16;
}

static void
test_filter_bits (G_GNUC_UNUSED void **state)
{
  char word[24];
  for (guint ch = 1; ch < 0x80; ch++)
    for (gsize length = 1; length <= sizeof word; length++)
      {
        for (gsize k = 0; k < length; k++)
          word[k] = (char) ('a' + k % 26);
        word[(ch * 7) % length] = (char) ch;
        guint bit;
        assert_true (may_be_in_bit (word, length, &bit));
        assert_int_equal (bit, reference_bit (word, length));
      }
  guint bit;
  assert_false (may_be_in_bit ("caf\xc3\xa9", 5, &bit));
  char long_word[FILTER_WORD_MAX + 1];
  memset (long_word, 'a', sizeof long_word);
  assert_false (may_be_in_bit (long_word, sizeof long_word, &bit)); /* always asked of the lists */

  const char *text = "Said SAID said. Xylophone-makers O'Brien O’Brien ABCDEFGH abcdefghi Ab Müller "
                     "Internationalisation ZZZ zz Z a AbCdEfGhIjKlMnOpQrStUvWx Überall end İd id";
  g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
  Context c = { .text = text, .length = strlen (text) };
  c.tokens = nf_text_get_tokens (segmentation, &c.n);
  guint n_folds;
  c.fold_ids = nf_text_get_fold_ids (segmentation, &c.folds, &n_folds);
  g_autofree guint32 *bits = token_bits_new (&c, n_folds);
  guint words = 0;
  for (guint i = 0; i < c.n; i++)
    {
      const NfToken *t = &c.tokens[i];
      guint expected = G_MAXUINT32;
      if (t->kind == NF_TOKEN_WORD && !may_be_in_bit (text + t->start, t->end - t->start, &expected))
        expected = G_MAXUINT32;
      assert_int_equal (bits[i], expected);
      words += t->kind == NF_TOKEN_WORD;
    }
  assert_true (words >= 15);
}

/* capitalised_inside_sentence_text answers the first questions of an article by a scan of
 * the tokens and later ones from the sorted words: the same answers. */
static void
test_mid_capitals (G_GNUC_UNUSED void **state)
{
  const char *text = "Officials said it. Then Quinn and the Quintet met Bergstrom. Bergstrom left.\n\n"
                     "Officers said Quinny and OBrien went to Berg.";
  static const char *const asked[] = { "Officials", "Quinn", "Quin", "Bergstrom", "Berg", "Officers", "OBrien",
                                       "Then", "Q", "Zed", "Quintets", NULL };
  g_autoptr (NfText) segmentation = nf_text_segment (text, strlen (text));
  Fixture *scan = fixture_new (text, NULL, 0), *sorted = fixture_new (text, NULL, 0);
  scan->c.tokens = sorted->c.tokens = nf_text_get_tokens (segmentation, &scan->c.n);
  sorted->c.n = scan->c.n;
  sorted->c.mid_capital_asks = G_MAXUINT; /* no scans left: the index from the first question */
  for (const char *const *w = asked; *w; w++)
    {
      scan->c.mid_capital_asks = 0;
      gboolean expected = FALSE;
      for (guint k = 0; k < scan->c.n; k++)
        {
          const NfToken *t = &scan->c.tokens[k];
          expected |= t->kind == NF_TOKEN_WORD && !(t->flags & NF_TOKEN_SENTENCE_START)
                      && (t->flags & NF_TOKEN_CAPITALIZED) && t->end - t->start >= strlen (*w)
                      && strncmp (text + t->start, *w, strlen (*w)) == 0;
        }
      assert_int_equal (capitalised_inside_sentence_text (&scan->c, *w, strlen (*w)), expected);
      assert_int_equal (capitalised_inside_sentence_text (&sorted->c, *w, strlen (*w)), expected);
    }
  assert_null (scan->c.mid_capitals);
  assert_non_null (sorted->c.mid_capitals);
  fixture_free (scan);
  fixture_free (sorted);
}

/* The segmentation of @text in the Context of @f as quotes_process makes it: fold ids, the
 * token pass (token_bits_new) with its lower-case folds and mention words. */
static NfText *
fixture_segment (Fixture *f, const char *text, guint32 **bits)
{
  NfText *segmentation = nf_text_segment (text, strlen (text));
  f->c.text = text;
  f->c.length = strlen (text);
  f->c.tokens = nf_text_get_tokens (segmentation, &f->c.n);
  f->c.fold_ids = nf_text_get_fold_ids (segmentation, &f->c.folds, &f->c.n_folds);
  f->c.fold_lower = g_new0 (guint8, f->c.n_folds + 1);
  f->c.mention_words = g_array_new (FALSE, FALSE, sizeof (guint));
  *bits = f->c.token_bits = token_bits_new (&f->c, f->c.n_folds);
  return segmentation;
}

/* The token pass marks the folds of the words written in lower case and lists the words a
 * pronoun or an unnamed spokesperson mention starts with: what plain scans of the tokens
 * find. */
static void
test_token_pass (G_GNUC_UNUSED void **state)
{
  const char *text = "He said she left. SHE and he, the Spokesman and a spokeswoman, met the SPOKESPERSON; "
                     "Hebe, shed, spokesmen, Hé and ﬁne he. Chief chief Überall überall Straße STRASSE";
  Fixture *f = fixture_new (NULL, NULL, 0);
  g_autofree guint32 *bits = NULL;
  g_autoptr (NfText) segmentation = fixture_segment (f, text, &bits);
  static const char *const mention_words[] = { "he", "she", "spokesman", "spokeswoman", "spokesperson", NULL };
  guint listed = 0, lower = 0;
  for (guint i = 0; i < f->c.n; i++)
    {
      const NfToken *t = &f->c.tokens[i];
      gsize length = t->end - t->start;
      gboolean mention = FALSE;
      for (const char *const *w = mention_words; *w; w++)
        mention |= t->kind == NF_TOKEN_WORD && length == strlen (*w) && g_ascii_strncasecmp (text + t->start, *w, length) == 0;
      if (mention)
        {
          assert_true (listed < f->c.mention_words->len);
          assert_int_equal (g_array_index (f->c.mention_words, guint, listed), i);
          listed++;
        }
      /* a fold is marked when some word token not capitalised has it */
      gboolean written_lower = FALSE;
      for (guint j = 0; j < f->c.n; j++)
        written_lower |= f->c.tokens[j].kind == NF_TOKEN_WORD && !(f->c.tokens[j].flags & NF_TOKEN_CAPITALIZED)
                         && f->c.fold_ids[j] == f->c.fold_ids[i];
      assert_int_equal (f->c.fold_lower[f->c.fold_ids[i]], written_lower);
      lower += written_lower;
    }
  assert_int_equal (listed, f->c.mention_words->len);
  assert_int_equal (listed, 8);
  assert_true (lower > 10);
  g_array_unref (f->c.mention_words);
  g_free (f->c.fold_lower);
  fixture_free (f);
}

/* refine_name takes a capitalised word before a name of three words or more for a title when
 * the article writes it in lower case: answered from the lower-case folds of the token pass,
 * the same as from the words collected without them. */
static void
test_written_in_lower_case (G_GNUC_UNUSED void **state)
{
  const char *text = "Chief Constable Andy Marsh spoke. The chief constable said Überall Hans Jürgen Weber left "
                     "überall, and Detective Sergeant Kim Lee stayed: a detective.";
  static const char *const names[][2] = {
    { "Chief Constable Andy Marsh", "Andy Marsh" },
    { "Überall Hans Jürgen Weber", "Hans Jürgen Weber" },
    { "Detective Sergeant Kim Lee", "Sergeant Kim Lee" }, /* "detective" written in lower case, not "sergeant" */
    { "Sergeant Kim Lee", "Sergeant Kim Lee" },                     /* two words left: kept */
  };
  Fixture *folds = fixture_new (NULL, NULL, 0), *collected = fixture_new (NULL, NULL, 0);
  g_autofree guint32 *bits = NULL;
  g_autoptr (NfText) segmentation = fixture_segment (folds, text, &bits);
  collected->c.text = text;
  collected->c.length = strlen (text);
  collected->c.tokens = folds->c.tokens;
  collected->c.n = folds->c.n;
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      add_name (&folds->c, 0, 0, names[k][0], NULL, TRUE);
      add_name (&collected->c, 0, 0, names[k][0], NULL, TRUE);
    }
  refine_names (&folds->c);
  refine_names (&collected->c);
  assert_non_null (folds->c.lower_slots);
  assert_null (folds->c.lower);
  assert_non_null (collected->c.lower);
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      assert_string_equal (g_array_index (folds->c.names, Name, k).canonical, names[k][1]);
      assert_string_equal (g_array_index (collected->c.names, Name, k).canonical, names[k][1]);
    }
  g_free (folds->c.lower_heap);
  g_array_unref (folds->c.mention_words);
  g_free (folds->c.fold_lower);
  fixture_free (folds);
  fixture_free (collected);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_refine_names_per_distinct_name),
    cmocka_unit_test (test_refine_names_many_people),
    cmocka_unit_test (test_name_at_by_position),
    cmocka_unit_test (test_spans),
    cmocka_unit_test (test_quote_item_serialised),
    cmocka_unit_test (test_quote_list_serialised),
    cmocka_unit_test (test_word_filters),
    cmocka_unit_test (test_filter_bits),
    cmocka_unit_test (test_mid_capitals),
    cmocka_unit_test (test_token_pass),
    cmocka_unit_test (test_indexed_filters_and_verb_words),
    cmocka_unit_test (test_written_in_lower_case),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
