/* tokens.c: small tests on the tokens of the shared segmentation (a word, one of a word
 * list, a punctuation character, a pronoun) used by every step of extract "quotes". */
#include <string.h>

#include "quotes.h"

/* nlp_word_set_has: a short ASCII word, most of those asked, is lowered on the stack (what
 * folding does to ASCII) rather than in the scratch string. */
gboolean
set_has (const Context *c, GHashTable *set, const char *text, gsize length)
{
  char folded[64];
  if (length < sizeof folded)
    {
      gsize k;
      for (k = 0; k < length && (guchar) text[k] < 0x80; k++)
        folded[k] = text[k] >= 'A' && text[k] <= 'Z' ? (char) (text[k] + ('a' - 'A')) : text[k];
      if (k == length)
        {
          folded[length] = '\0';
          return g_hash_table_contains (set, folded);
        }
    }
  return nlp_word_set_has (set, c->scratch, text, length);
}

/* How filter_add sets the bit of @folded (@length bytes): FALSE when it sets none (a word
 * not all ASCII); else in *@hashable whether the bit is its fold hash's top 16 bits, as
 * the word is (ASCII in lower case, as folding leaves it, of FILTER_WORD_MAX bytes at
 * most: may_be_in_bit would hash the same bytes), or must be may_be_in_bit's. */
static gboolean
filter_word (const char *folded, gsize length, gboolean *hashable)
{
  /* eight bytes at a time: a byte with its high bit set (not ASCII), or an ASCII capital,
   * which adding 0x80 - 'A' lifts to the high bit and adding 0x80 - 'Z' - 1 does not */
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101), high = 0x80 * ones;
  guint64 any = 0, upper = 0;
  for (gsize k = 0; k < length; k += 8)
    {
      guint64 piece;
      if (k + 8 <= length)
        memcpy (&piece, folded + k, 8);
      else
        piece = nf_load_bytes (folded + k, length - k, 0);
      any |= piece;
      guint64 low = piece & ~high; /* (a byte of seven bits: the additions carry no further) */
      upper |= (low + (0x80 - 'A') * ones) & ~(low + (0x80 - 'Z' - 1) * ones);
    }
  if (any & high)
    return FALSE; /* only an ASCII token can fold to an ASCII word, and only those are filtered */
  *hashable = !(upper & high) && length <= FILTER_WORD_MAX;
  return TRUE;
}

static inline void
set_bit (guint8 *bits, guint bit)
{
  bits[bit >> 3] |= (guint8) (1u << (bit & 7));
}

/* Adds @folded (@length bytes) to filter @bits, whose fold hash (nf_text_fold_hash) is
 * @hash, or to be worked out when @hash is NULL. */
static void
filter_add_hashed (guint8 *bits, const char *folded, gsize length, const guint32 *hash)
{
  gboolean hashable;
  if (!filter_word (folded, length, &hashable))
    return;
  guint bit = 0;
  if (hashable)
    bit = (hash ? *hash : nf_text_fold_hash (folded, length)) >> 16;
  else
    may_be_in_bit (folded, length, &bit); /* (a word too long leaves bit 0, as ever) */
  set_bit (bits, bit);
}

void
filter_add (guint8 *bits, const char *folded)
{
  filter_add_hashed (bits, folded, strlen (folded), NULL);
}

/* Adds the words of @list to filter @bits: through the hashes of its index when it has one
 * (nlp_sorted_words_index hashed every word as may_be_in_bit would), so that the ten
 * thousand given names of each gender are not hashed again at every start. */
static void
filter_add_list (guint8 *bits, const NlpSortedWords *list)
{
  if (!list->slots)
    {
      for (guint w = 0; w < list->n; w++)
        filter_add (bits, list->words[w]);
      return;
    }
  for (guint at = 0; at < list->n_slots; at++)
    if (list->slots[2 * at + 1])
      {
        const char *word = list->words[list->slots[2 * at + 1] - 1];
        filter_add_hashed (bits, word, strlen (word), &list->slots[2 * at]);
      }
}

/* The filters of the word lists, made once in init. */
void
filters_init (Quotes *self)
{
  GHashTable *sets[G_N_ELEMENTS (self->filters)] = {
    [FILTER_VERBS] = self->verbs, [FILTER_TITLES] = self->titles, [FILTER_NOT_NAMES] = self->not_names,
    [FILTER_ROLES] = self->roles, [FILTER_NOT_PERSONS] = self->not_persons,
    [FILTER_ORG_SUFFIXES] = self->org_suffixes, [FILTER_ORG_NOUNS] = self->org_nouns,
    [FILTER_DEMONYMS] = self->demonyms,
  };
  const NlpSortedWords *lists[G_N_ELEMENTS (self->filters)] = {
    [FILTER_FEMALE] = self->female, [FILTER_MALE] = self->male,
  };
  for (guint k = 0; k < G_N_ELEMENTS (self->filters); k++)
    {
      memset (self->filters[k].bits, 0, sizeof self->filters[k].bits);
      if (lists[k])
        {
          self->filters[k].set = lists[k];
          filter_add_list (self->filters[k].bits, lists[k]);
          continue;
        }
      self->filters[k].set = sets[k];
      GHashTableIter iter;
      gpointer key;
      g_hash_table_iter_init (&iter, sets[k]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        filter_add (self->filters[k].bits, key);
    }
  static const char *const honorifics[] = { "mrs", "ms", "miss", "lady", "dame", "queen", "princess", "madam",
                                            "mr", "sir", "lord", "king", "prince", NULL };
  memset (self->honorific_bits, 0, sizeof self->honorific_bits);
  for (const char *const *h = honorifics; *h; h++)
    filter_add (self->honorific_bits, *h);
}

/* Whether token @i is one of @words (lower-case ASCII, as tok_is compares), asked of many
 * tokens: a filter of the list (made once in @bits, 65536 bits, guarded by @ready) turns
 * most of them away before the words are compared one by one. */
gboolean
tok_is_one_of (const Context *c, guint i, const char *const *words, guint8 *bits, gsize *ready)
{
  if (g_once_init_enter (ready))
    {
      for (const char *const *w = words; *w; w++)
        filter_add (bits, *w);
      g_once_init_leave (ready, 1);
    }
  if (c->tokens[i].kind != NF_TOKEN_WORD || !tok_may_be_in (c, i, bits))
    return FALSE;
  for (const char *const *w = words; *w; w++)
    if (tok_is (c, i, *w))
      return TRUE;
  return FALSE;
}

/* Whether the @length bytes of @p are all ASCII, eight at a time. */
static inline gboolean
is_ascii (const char *p, gsize length)
{
  guint64 any = 0;
  gsize k = 0;
  for (; k + 8 <= length; k += 8)
    {
      guint64 piece;
      memcpy (&piece, p + k, 8);
      any |= piece;
    }
  if (k < length)
    any |= nf_load_bytes (p + k, length - k, 0);
  return !(any & G_GUINT64_CONSTANT (0x8080808080808080));
}

/* Whether fold @f is one of the words a mention that is no name starts with: "he", "she"
 * and an unnamed spokesperson (pronoun_gender and spokesperson_for in pronouns.c; both
 * compare an ASCII token's bytes in any case, whose fold is the token lowered). */
static gboolean
is_mention_fold (const NfFold *f)
{
  switch (f->length)
    {
    case 2: return memcmp (f->text, "he", 2) == 0;
    case 3: return memcmp (f->text, "she", 3) == 0;
    case 9: return memcmp (f->text, "spokesman", 9) == 0;
    case 11: return memcmp (f->text, "spokeswoman", 11) == 0;
    case 12: return memcmp (f->text, "spokesperson", 12) == 0;
    default: return FALSE;
    }
}

/* (in token_bits_new's answer for a fold, above its length and bit) */
#define MENTION_FOLD (1u << 30)

/* Every word token's filter bit, read off its fold's hash: the folds are looked at once each
 * (a fold is the token's own bytes lowered when it is ASCII and as long as the token: any
 * other character is two bytes or more and folds to one byte, or to more than ASCII), then
 * each token reads its fold's answer. */
guint32 *
token_bits_new (const Context *c, guint n_folds)
{
  guint32 *bits = g_new (guint32, c->n);
  /* per fold: its length above its bit when it is ASCII and the filters know words as long,
   * else G_MAXUINT32 */
  g_autofree guint32 *fold_bits = g_new (guint32, (gsize) n_folds + 1);
  for (guint id = 0; id < n_folds; id++)
    {
      const NfFold *f = &c->folds[id];
      fold_bits[id] = f->length <= FILTER_WORD_MAX && is_ascii (f->text, f->length)
                        ? (is_mention_fold (f) ? MENTION_FOLD : 0) | f->length << 16 | f->hash >> 16
                        : G_MAXUINT32;
    }
  /* (through locals: a store to fold_lower, bytes, may alias anything the compiler would
   * otherwise load again from @c on every token) */
  const NfToken *tokens = c->tokens;
  const guint32 *fold_ids = c->fold_ids;
  guint8 *fold_lower = c->fold_lower;
  GArray *mention_words = c->mention_words, *verb_words = c->verb_words;
  /* (written in place, room for every token made first: an append a token costs a call) */
  guint *verbs = NULL, n_verbs = 0;
  const guint8 *verb_bits = NULL;
  if (verb_words)
    {
      g_array_set_size (verb_words, c->n);
      verbs = (guint *) (void *) verb_words->data;
      /* (the filter tok_in reads for the speech verbs, when the filters are made) */
      if (c->self->filters[FILTER_VERBS].set == c->self->verbs)
        verb_bits = c->self->filters[FILTER_VERBS].bits;
    }
  const guint n = c->n;
  for (guint i = 0; i < n; i++)
    {
      const NfToken *t = &tokens[i];
      if (t->kind != NF_TOKEN_WORD)
        {
          bits[i] = G_MAXUINT32;
          continue;
        }
      guint32 id = fold_ids[i], v = fold_bits[id];
      guint32 bit = v != G_MAXUINT32 && (v >> 16 & 0xff) == t->end - t->start ? v & 0xffff : G_MAXUINT32;
      bits[i] = bit;
      /* (the word tokens tok_in does not turn away from the speech verbs by this bit) */
      if (verbs && (bit == G_MAXUINT32 || !verb_bits || filter_has (verb_bits, bit)))
        verbs[n_verbs++] = i;
      /* (only a word token can be "he" or "she": the tokens build_mentions looks at, in the
       * same pass) */
      if (G_UNLIKELY (v != G_MAXUINT32 && (v & MENTION_FOLD)) && mention_words)
        {
          /* (a copy: the address of the loop's counter would keep it in memory) */
          guint mention = i;
          g_array_append_val (mention_words, mention);
        }
      /* (the folds written in lower case, for written_in_lower_case, in the same pass) */
      if (fold_lower && !(t->flags & NF_TOKEN_CAPITALIZED))
        fold_lower[id] = 1;
    }
  if (verb_words)
    g_array_set_size (verb_words, n_verbs);
  return bits;
}

/* may_be_in for token @i. */
gboolean
tok_may_be_in (const Context *c, guint i, const guint8 *bits)
{
  if (!c->token_bits)
    return may_be_in (bits, c->text + c->tokens[i].start, c->tokens[i].end - c->tokens[i].start);
  guint32 bit = c->token_bits[i];
  return !bits || bit == G_MAXUINT32 || ((bits[bit >> 3] >> (bit & 7)) & 1);
}

/* The search for a speech verb or a title goes back and forth over the same tokens for
 * every quotation, so each answer of the most asked lists is kept for the article: the
 * token is then case-folded and hashed once per list, not once per question (and not at
 * all when the filter of the list turns it away, in tok_in).  @slot: as tok_in's. */
gboolean
tok_in_lookup (const Context *c, guint i, GHashTable *set, int slot)
{
  if (!c->list_memo)
    slot = -1;
  /* the answer is the fold's: asked once for all the tokens of one */
  guint8 *memo = slot >= 0 ? &c->list_memo[c->fold_ids[i]] : NULL;
  if (memo && (*memo >> (2 * slot)) & 1)
    return (*memo >> (2 * slot + 1)) & 1;
  /* (the filters of the memo's lists sit in the same slots) */
  const guint8 *bits = slot >= 0 && c->self->filters[slot].set == set ? c->self->filters[slot].bits
                                                                       : set_filter (c->self, set);
  gboolean in = tok_may_be_in (c, i, bits) && g_hash_table_contains (set, c->folds[c->fold_ids[i]].text);
  if (memo)
    *memo |= (guint8) ((1u | (guint) in << 1) << (2 * slot));
  return in;
}

gunichar
tok_char (const Context *c, guint i)
{
  return c->tokens[i].kind == NF_TOKEN_WORD ? 0 : g_utf8_get_char (c->text + c->tokens[i].start);
}

gboolean
is_quote_char (gunichar ch)
{
  return ch == '"' || ch == 0x201C || ch == 0x201D || ch == 0x201E || ch == 0xAB || ch == 0xBB
         || ch == 0x2018 || ch == 0x2019 || ch == '\'';
}

static gint
compare_guints (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

void
sort_unique_guints (GArray *array)
{
  g_array_sort (array, compare_guints);
  guint kept = 0;
  for (guint k = 0; k < array->len; k++)
    if (kept == 0 || g_array_index (array, guint, kept - 1) != g_array_index (array, guint, k))
      g_array_index (array, guint, kept++) = g_array_index (array, guint, k);
  g_array_set_size (array, kept);
}

/* The token index at byte offset @pos (the first token starting at or after it). */
guint
token_at (const Context *c, gsize pos)
{
  guint lo = 0, hi = c->n;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (c->tokens[mid].start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
tok_is_word (const Context *c, guint i)
{
  return i < c->n && c->tokens[i].kind == NF_TOKEN_WORD;
}

gboolean
is_pronoun (const Context *c, guint i)
{
  return tok_is (c, i, "he") || tok_is (c, i, "she");
}

gboolean
word_in_text (const Context *c, GHashTable *set, const char *word, gsize length)
{
  return may_be_in (set_filter (c->self, set), word, length)
         && set_has (c, set, word, length);
}

gboolean
word_in (const Context *c, GHashTable *set, const char *word)
{
  return word_in_text (c, set, word, strlen (word));
}

/* Words after which a name is an object, not the one who acts: "told the Keldby Chronicle",
 * "whose son Daniel", "than Garriga". */
gboolean
is_object_marker (const Context *c, guint i)
{
  static const char *const words[] = { "to", "told", "tells", "with", "by", "from", "for", "of", "at", "in",
                                       "on", "about", "against", "than", "whose", "son", "daughter",
                                       "wife", "husband", "mother", "father", "and", "or", "like", NULL };
  static guint8 bits[65536 / 8];
  static gsize ready;
  return tok_is_one_of (c, i, words, bits, &ready);
}

/* "it also said", "they later wrote": an adverb between the speaker and the verb. */
gboolean
is_cue_adverb (const Context *c, guint i)
{
  static const char *const words[] = { "also", "then", "later", "further", "previously", "again", "earlier",
                                       "separately", "subsequently", NULL };
  static guint8 bits[65536 / 8];
  static gsize ready;
  return tok_is_one_of (c, i, words, bits, &ready);
}

/* The first token of the main clause of the sentence opening at @first, before @verb: after
 * the comma closing an opening subordinate clause (`If Trump read it, Schwartz said`), else
 * @first. */
guint
main_clause_first (const Context *c, guint first, guint verb)
{
  /* (asked once a sentence: the filters of the two lists turn most first words away) */
  static const char *const conjunctions[] = { "and", "but", "then", "so", NULL };
  static const char *const subordinators[] = { "if", "when", "although", "though", "because", "while",
                                               "after", "before", "since", "unless", "once", "whereas", NULL };
  static guint8 conjunction_bits[65536 / 8], subordinator_bits[65536 / 8];
  static gsize conjunctions_ready, subordinators_ready;
  if (first + 1 < verb && tok_is_one_of (c, first, conjunctions, conjunction_bits, &conjunctions_ready))
    first++; /* "And when Dion was asked, the star said", "Then when Vogue asked Dion, …" */
  if (!tok_is_one_of (c, first, subordinators, subordinator_bits, &subordinators_ready))
    return first;
  for (guint k = first + 1; k < verb; k++)
    {
      if (is_quote_char (tok_char (c, k)))
        break;
      if (tok_char (c, k) == ',')
        return k + 1;
    }
  return first;
}
