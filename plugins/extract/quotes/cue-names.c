/* cue-names.c: names the tagger missed where a speech verb shows them ("Quinn said",
 * "said Sofia, 12"). */
#include <string.h>

#include "quotes.h"

/* Capitalised runs of two to four name words, by their folded last word (the first run
 * wins): what a surname alone stands for when the tagger found neither it nor the full name
 * ("Deborah Quinn, who runs a trucking firm" ... "Quinn said").  One pass over the tokens. */
/* The next such run from token *@i on: TRUE with its first token in *@i, its last in *@last
 * and its last word's end (a possessive off) in *@end; *@i is then moved past it by the
 * caller (*@i = *@last). */
static gboolean
next_capital_run (const Context *c, guint *i, guint *last, gsize *end)
{
  for (; *i < c->n; (*i)++)
    {
      if (!is_name_token (c, *i))
        continue;
      *last = *i;
      while (*last + 1 < c->n && c->tokens[*last + 1].sentence == c->tokens[*i].sentence && is_name_token (c, *last + 1))
        (*last)++;
      if (*last > *i && *last - *i <= 3 && !inside_quote (c, c->tokens[*i].start))
        {
          *end = nlp_strip_possessive (c->text, c->tokens[*last].start, c->tokens[*last].end);
          return TRUE;
        }
      *i = *last;
    }
  return FALSE;
}

static GHashTable *
capital_runs (Context *c)
{
  GHashTable *runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint last;
  gsize end;
  for (guint i = 0; next_capital_run (c, &i, &last, &end); i = last + 1)
    {
      g_string_truncate (c->scratch, 0);
      nlp_fold_append (c->scratch, c->text + c->tokens[last].start, end - c->tokens[last].start);
      if (!g_hash_table_contains (runs, c->scratch->str))
        g_hash_table_insert (runs, g_strdup (c->scratch->str),
                             g_strndup (c->text + c->tokens[i].start, end - c->tokens[i].start));
    }
  return runs;
}

/* How many questions add_cue_name answers by a scan of the tokens before it makes the table
 * of capital_runs: an article asks once or twice, when the table (a copy and a fold of every
 * run, a hash table) costs several scans; an article asking more gets the table, so a long
 * one stays linear. */
#define CAPITAL_RUN_SCANS 4

/* Whether the run ending at token @last (its word up to @end, a possessive off) ends in the
 * word folded to @key: the segmentation's fold of the token when nothing is off. */
static gboolean
run_ends_in (const Context *c, guint last, gsize end, const char *key, gsize key_length, GString **fold)
{
  const NfToken *t = &c->tokens[last];
  if (c->fold_ids && end == t->end)
    {
      const NfFold *f = &c->folds[c->fold_ids[last]];
      return f->length == key_length && memcmp (f->text, key, key_length) == 0;
    }
  if (!*fold)
    *fold = g_string_sized_new (32);
  g_string_truncate (*fold, 0);
  nlp_fold_append (*fold, c->text + t->start, end - t->start);
  return (*fold)->len == key_length && memcmp ((*fold)->str, key, key_length) == 0;
}

/* What the table of capital_runs holds for @key (a folded word), found by a scan of the
 * tokens as capital_runs makes it: the words of the first run ending in it, or NULL. */
static char *
capital_run_ending_in (const Context *c, const char *key, gsize key_length)
{
  g_autoptr (GString) fold = NULL;
  guint last;
  gsize end;
  for (guint i = 0; next_capital_run (c, &i, &last, &end); i = last + 1)
    if (run_ends_in (c, last, end, key, key_length, &fold))
      return g_strndup (c->text + c->tokens[i].start, end - c->tokens[i].start);
  return NULL;
}

/* Whether the word at token @i is written capitalised somewhere inside a sentence: a name,
 * not a common noun that opens a sentence ("Officials said"). */
static gboolean
capitalised_inside_sentence (const Context *c, guint i)
{
  /* (token @i opens its sentence, so it is not among those words itself) */
  return capitalised_inside_sentence_text (c, c->text + c->tokens[i].start, c->tokens[i].end - c->tokens[i].start);
}

/* A speaker the tagger missed, at tokens @first..@last next to a speech verb. */
/* "the Spaniard told BBC Sport", "the Swede said", "the 24-year-old Swede": one capitalised
 * word after a lower-case "the" (and an age between) whose
 * first four letters are a nationality's is a description of a person named before (found by
 * the speaker phrase), not a name the tagger missed. */
static gboolean
is_demonym_after_the (Context *c, guint i)
{
  if (i == 0 || (i + 1 < c->n && is_name_token (c, i + 1)))
    return FALSE;
  gsize age_end;
  guint the = i - 1;
  /* "the 24-year-old Swede": the age's first token is the number */
  for (guint k = i - 1; k > 0 && k + 6 > i; k--)
    if (age_at (c, k, &age_end) && age_end == c->tokens[i - 1].end)
      {
        the = k - 1;
        break;
      }
  if (!tok_is (c, the, "the") || (c->tokens[the].flags & NF_TOKEN_CAPITALIZED))
    return FALSE;
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, c->text + c->tokens[i].start, c->tokens[i].end - c->tokens[i].start);
  if (g_utf8_strlen (c->scratch->str, -1) < 4)
    return FALSE;
  g_autofree char *stem = g_utf8_substring (c->scratch->str, 0, 4);
  return g_hash_table_contains (c->self->demonyms, stem);
}

static gboolean
add_cue_name (Context *c, guint first, guint last, GHashTable **runs)
{
  gsize start = c->tokens[first].start;
  gsize end = nlp_strip_possessive (c->text, c->tokens[last].start, c->tokens[last].end);
  /* a place or other entity next to a cue speaks for its institution ("Downing Street said",
   * "Virgin Australia said"): a name, not a person */
  gboolean other = covered_by_other (c, start, end);
  if (covered_by_name (c, start, end) || inside_quote (c, start)
      || (other && first > 0 && tok_is (c, first - 1, "the")))
    return FALSE; /* "the Russian told reporters" describes a person */
  /* (the runs are asked about a single word only: the first questions answered by a scan,
   * then the table, made before the scratch string holds the word) */
  gboolean scan = first == last && !*runs && c->capital_run_asks < CAPITAL_RUN_SCANS;
  if (first == last && !*runs && !scan)
    *runs = capital_runs (c);
  g_autofree char *written = g_strndup (c->text + start, end - start);
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, c->text + c->tokens[last].start, end - c->tokens[last].start);
  g_autofree char *scanned = NULL;
  const char *full = NULL;
  if (scan)
    {
      c->capital_run_asks++;
      full = scanned = capital_run_ending_in (c, c->scratch->str, c->scratch->len);
    }
  else if (first == last)
    full = g_hash_table_lookup (*runs, c->scratch->str);
  gboolean known_given = gender_of_word (c, written) != GENDER_UNKNOWN;
  /* a single word opening its sentence is a name only when it is one elsewhere too, or
   * when it is no plural ("Uber said", not "Officials said") nor a collective noun */
  static const char *const collective[] = { "police", "staff", "management", "everyone", "someone", "nobody",
                                            "somebody", "everybody", "one", "none", "both", "each", NULL };
  if (first == last && !full && !known_given && (c->tokens[first].flags & NF_TOKEN_SENTENCE_START)
      && !capitalised_inside_sentence (c, first)
      && (g_str_has_suffix (c->scratch->str, "s") || g_strv_contains (collective, c->scratch->str)))
    return FALSE;
  gboolean person = !other && (first != last || full || known_given);
  if (word_in (c, c->self->not_persons, last_word (written))
      || word_in (c, c->self->org_suffixes, last_word (written)))
    person = FALSE;
  add_name (c, start, end, full ? full : written, NULL, person);
  return TRUE;
}

/* The capitalised words right before a speech verb ("Quinn said", "Trident said") or right
 * after one that follows a comma or a closing mark (`", said Sofia, 12.`) name a speaker,
 * whatever the tagger made of them: the attribution shows they are someone. */
void
names_from_cues (Context *c)
{
  g_autoptr (GHashTable) runs = NULL;
  gboolean added = FALSE;
  /* the tokens that may be speech verbs, when token_bits_new listed them (a few dozen of an
   * article's hundreds), else every token */
  const GArray *verbs = c->token_bits ? c->verb_words : NULL;
  guint n_asked = verbs ? verbs->len : c->n;
  for (guint k = 0; k < n_asked; k++)
    {
      guint v = verbs ? g_array_index (verbs, guint, k) : k;
      if (v < 1 || v + 1 >= c->n || !tok_in (c, v, c->self->verbs))
        continue;
      guint last = v - 1;
      /* "The Dutch road authority, Rijkswaterstaat, said": a name in apposition */
      gboolean apposition = last > 1 && tok_char (c, last) == ',';
      if (apposition)
        last--;
      if (is_name_token (c, last) && c->tokens[last].sentence == c->tokens[v].sentence
          && !is_demonym_after_the (c, last))
        {
          guint first = last;
          while (first > 0 && first + 3 > last && c->tokens[first - 1].sentence == c->tokens[v].sentence
                 && is_name_token (c, first - 1))
            first--;
          if (!apposition || (first > 0 && tok_char (c, first - 1) == ','))
            added |= add_cue_name (c, first, last, &runs);
        }
      gunichar before = tok_char (c, v - 1);
      if (before != ',' && !is_quote_char (before))
        continue;
      guint first = v + 1;
      while (first < c->n && (tok_in (c, first, c->self->titles) || tok_char (c, first) == '.'))
        first++;
      /* "said Battalion Chief Raymond Ocampo": a name the tagger found further on in the
       * same run of capitalised words and titles is the speaker */
      gboolean found = FALSE;
      for (guint w = first; w < c->n && w < first + 6 && !found; w++)
        {
          if (c->tokens[w].kind == NF_TOKEN_WORD && !(c->tokens[w].flags & NF_TOKEN_CAPITALIZED))
            break;
          found = name_at (c, w) != NULL;
        }
      if (found)
        continue;
      if (first >= c->n || !is_name_token (c, first) || c->tokens[first].sentence != c->tokens[v].sentence)
        continue;
      last = first;
      while (last + 1 < c->n && last < first + 3 && c->tokens[last + 1].sentence == c->tokens[v].sentence
             && is_name_token (c, last + 1))
        last++;
      added |= add_cue_name (c, first, last, &runs);
    }
  if (added)
    {
      g_array_sort (c->names, compare_names);
      index_names_sorted (c);
    }
}
