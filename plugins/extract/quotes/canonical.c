/* canonical.c: names made canonical (titles and role words off, surnames and misspelt
 * surnames to the full name) and their gender. */
#include <string.h>

#include "quotes.h"

/* The filter bit of a word (the @length bytes of @text), worked out once for the several
 * lists refine_name asks about it. */
typedef struct {
  gboolean ascii; /* FALSE: no filter can tell (a non-ASCII word may fold to a listed one) */
  guint    bit;
} WordBit;

static inline WordBit
word_bit (const char *text, gsize length)
{
  WordBit b = { FALSE, 0 };
  b.ascii = may_be_in_bit (text, length, &b.bit);
  return b;
}

/* FALSE when the filter @bits surely has not the word of @b. */
static inline gboolean
may_have (const guint8 *bits, WordBit b)
{
  return !b.ascii || filter_has (bits, b.bit);
}

/* gender_of_text with the bit of @word without its final period, when @bare_bit is set. */
static int
gender_of_bit (const Context *c, const char *word, gsize length, const WordBit *bare_bit)
{
  static const char *const female[] = { "mrs", "ms", "miss", "lady", "dame", "queen", "princess", "madam", NULL };
  static const char *const male[] = { "mr", "sir", "lord", "king", "prince", NULL };
  /* Asked of every capitalised word, most of them no given name or honorific, which the
   * filters tell without folding (a final period is dropped first, as below); a list whose
   * filter has not the word is not asked either. */
  gsize bare = length && word[length - 1] == '.' ? length - 1 : length;
  WordBit b = bare_bit ? *bare_bit : word_bit (word, bare);
  const Quotes *self = c->self;
  if (self->filters[FILTER_FEMALE].set != self->female || self->filters[FILTER_MALE].set != self->male)
    b.ascii = FALSE; /* (no filters made: every list is asked) */
  gboolean honorific = may_have (self->honorific_bits, b);
  gboolean female_list = may_have (self->filters[FILTER_FEMALE].bits, b);
  gboolean male_list = may_have (self->filters[FILTER_MALE].bits, b);
  if (!honorific && !female_list && !male_list)
    return GENDER_UNKNOWN;
  /* folded, a final period off: an ASCII word (its bare part ASCII, and the period) on the
   * stack, lowered as folding does */
  char stack[64];
  const char *folded = stack;
  if (b.ascii && length < sizeof stack)
    {
      for (gsize k = 0; k < bare; k++)
        stack[k] = word[k] >= 'A' && word[k] <= 'Z' ? (char) (word[k] + ('a' - 'A')) : word[k];
      stack[bare] = '\0';
    }
  else
    {
      g_string_truncate (c->scratch, 0);
      nlp_fold_append (c->scratch, word, length);
      if (c->scratch->len && c->scratch->str[c->scratch->len - 1] == '.')
        g_string_truncate (c->scratch, c->scratch->len - 1);
      folded = c->scratch->str;
    }
  if (honorific && g_strv_contains (female, folded))
    return GENDER_FEMALE;
  if (honorific && g_strv_contains (male, folded))
    return GENDER_MALE;
  gboolean f = female_list && nlp_sorted_words_has (self->female, folded);
  gboolean m = male_list && nlp_sorted_words_has (self->male, folded);
  return f == m ? GENDER_UNKNOWN : f ? GENDER_FEMALE : GENDER_MALE;
}

int
gender_of_text (const Context *c, const char *word, gsize length)
{
  return gender_of_bit (c, word, length, NULL);
}

int
gender_of_word (const Context *c, const char *word)
{
  return gender_of_text (c, word, strlen (word));
}

/* gender_of_word of word token @i, with the token's filter bit (the word's, unless it ends
 * with a period, which gender_of_word drops). */
int
tok_gender (const Context *c, guint i)
{
  const char *text = c->text + c->tokens[i].start;
  gsize length = c->tokens[i].end - c->tokens[i].start;
  if (!c->token_bits || (length && text[length - 1] == '.'))
    return gender_of_bit (c, text, length, NULL);
  WordBit b = { c->token_bits[i] != G_MAXUINT32, c->token_bits[i] };
  return gender_of_bit (c, text, length, &b);
}

/* A word of a canonical name, not NUL-terminated. */
typedef struct {
  const char *text;
  gsize       length;
} Word;

/* Levenshtein distance of two short words, at most @max + 1. */
static guint
edit_distance (const char *a, const char *b, guint max)
{
  gsize la = strlen (a), lb = strlen (b);
  if (la > 40 || lb > 40)
    return max + 1;
  if ((la > lb ? la - lb : lb - la) > max)
    return max + 1;
  guint row[41];
  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];
      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint best = diagonal + (g_ascii_tolower (a[i - 1]) != g_ascii_tolower (b[j - 1]));
          best = MIN (best, up + 1);
          best = MIN (best, row[j - 1] + 1);
          row[j] = best;
          diagonal = up;
        }
    }
  return row[lb];
}

/* The same surname, or one letter away from it in a name long enough that a typo is likelier
 * than another person ("Fairwether" for "Fairweather", "Lindquist" for "Lindqvist"). */
static gboolean
same_surname (const char *a, const char *b)
{
  if (g_ascii_strcasecmp (a, b) == 0)
    return TRUE;
  return strlen (a) >= 6 && strlen (b) >= 6 && g_ascii_tolower (a[0]) == g_ascii_tolower (b[0])
         && edit_distance (a, b, 1) <= 1;
}

/* The filter bits of the words refine_name may ask written_in_lower_case about: a short
 * list (a few words an article), or for many words a bitmap of all 65536. */
typedef struct {
  guint16  listed[32];
  guint    n_listed;
  guint8  *bits;
} AskedBits;

static void
asked_bits_add (AskedBits *asked, const char *folded)
{
  guint bit;
  if (!may_be_in_bit (folded, strlen (folded), &bit))
    return; /* (as filter_add: only ASCII tokens are filtered, and they fold to ASCII) */
  if (!asked->bits && asked->n_listed < G_N_ELEMENTS (asked->listed))
    {
      asked->listed[asked->n_listed++] = (guint16) bit;
      return;
    }
  if (!asked->bits)
    {
      asked->bits = g_new0 (guint8, 65536 / 8);
      for (guint k = 0; k < asked->n_listed; k++)
        asked->bits[asked->listed[k] >> 3] |= (guint8) (1u << (asked->listed[k] & 7));
    }
  asked->bits[bit >> 3] |= (guint8) (1u << (bit & 7));
}

/* tok_may_be_in for those words */
static gboolean
tok_may_be_asked (const Context *c, guint i, const AskedBits *asked)
{
  if (asked->bits)
    return tok_may_be_in (c, i, asked->bits);
  guint bit;
  if (c->token_bits ? (bit = c->token_bits[i]) == G_MAXUINT32
                    : !may_be_in_bit (c->text + c->tokens[i].start, c->tokens[i].end - c->tokens[i].start, &bit))
    return TRUE;
  for (guint k = 0; k < asked->n_listed; k++)
    if (asked->listed[k] == bit)
      return TRUE;
  return FALSE;
}

/* Appends the words of the canonical names that refine_name may ask written_in_lower_case
 * about (all but the last two of a name of three words or more, a final period off) to
 * @words as keys (folded) with the answer "no", and their bits to @asked. */
static void
collect_asked_words (const Context *c, GHashTable *words, AskedBits *asked)
{
  for (guint k = 0; k < c->names->len; k++)
    {
      const char *name = g_array_index (c->names, Name, k).canonical;
      guint count = 1;
      for (const char *p = name; *p; p++)
        count += *p == ' ';
      const char *w = name;
      for (guint i = 0; i + 3 <= count; i++)
        {
          const char *space = strchr (w, ' ');
          gsize len = space - w;
          g_string_truncate (c->scratch, 0);
          nlp_fold_append (c->scratch, w, len && w[len - 1] == '.' ? len - 1 : len);
          if (!g_hash_table_contains (words, c->scratch->str))
            {
              g_hash_table_insert (words, g_strdup (c->scratch->str), NULL);
              asked_bits_add (asked, c->scratch->str);
            }
          w = space + 1;
        }
    }
}

/* Whether the article writes the @length bytes of @word in lower case somewhere: then,
 * capitalised before a name, it is a title ("Chief Constable Andy Marsh" ... "the chief
 * constable").  The words that can be asked about are known (collect_asked_words): their
 * answers are worked out in one pass over the tokens, where a token is folded and looked
 * up only when the filter of those words lets it through, instead of keeping every
 * lower-case word of the article. */
/* The folds of the word tokens that are not capitalised (marked in fold_lower by
 * token_bits_new's pass over the tokens), as a hash set of fold ids by the segmentation's
 * fold hashes: no word is copied, folded or hashed again, and the set is made on the first
 * question only.  refine_name asks about several words an article, each answered by folding
 * the word and a probe or two.  A set of an ordinary article's size lives in the Context. */
static void
lower_case_folds_index (Context *c)
{
  guint count = 0;
  for (guint id = 0; id < c->n_folds; id++)
    count += c->fold_lower[id];
  /* at most half full */
  guint size = 16;
  while (size < 2 * (gsize) count + 2)
    size *= 2;
  c->lower_mask = size - 1;
  if (size <= G_N_ELEMENTS (c->lower_inline))
    {
      c->lower_slots = c->lower_inline;
      memset (c->lower_slots, 0, size * sizeof *c->lower_slots);
    }
  else
    c->lower_slots = c->lower_heap = g_new0 (guint32, size);
  for (guint id = 0; id < c->n_folds; id++)
    {
      if (!c->fold_lower[id])
        continue;
      guint slot = c->folds[id].hash & c->lower_mask;
      while (c->lower_slots[slot])
        slot = (slot + 1) & c->lower_mask;
      c->lower_slots[slot] = id + 1;
    }
}

/* Whether a word token not capitalised folds to the @length bytes of @folded. */
static gboolean
lower_case_folds_has (const Context *c, const char *folded, gsize length)
{
  guint32 hash = nf_text_fold_hash (folded, length);
  for (guint slot = hash & c->lower_mask; c->lower_slots[slot]; slot = (slot + 1) & c->lower_mask)
    {
      const NfFold *f = &c->folds[c->lower_slots[slot] - 1];
      if (f->hash == hash && f->length == length && memcmp (f->text, folded, length) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
written_in_lower_case (const Context *c, const char *word, gsize length)
{
  Context *mutable = (Context *) c;
  if (c->fold_ids && c->fold_lower)
    {
      if (!c->lower_slots)
        lower_case_folds_index (mutable);
      g_string_truncate (c->scratch, 0);
      nlp_fold_append (c->scratch, word, length);
      return lower_case_folds_has (c, c->scratch->str, c->scratch->len);
    }
  /* (no folds from the segmentation: the words asked are collected and looked for) */
  if (!c->lower)
    {
      mutable->lower = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      AskedBits asked = { .n_listed = 0, .bits = NULL };
      collect_asked_words (c, c->lower, &asked);
      for (guint i = 0; i < c->n; i++)
        {
          const NfToken *t = &c->tokens[i];
          if (t->kind != NF_TOKEN_WORD || (t->flags & NF_TOKEN_CAPITALIZED)
              || !tok_may_be_asked (c, i, &asked))
            continue;
          /* folded: an ASCII word (as its bit says) lowered on the stack */
          char stack[64];
          const char *folded = stack;
          gsize size = t->end - t->start;
          if (c->token_bits && c->token_bits[i] != G_MAXUINT32 && size < sizeof stack)
            {
              for (gsize k = 0; k < size; k++)
                stack[k] = ascii_lower (c->text[t->start + k]);
              stack[size] = '\0';
            }
          else
            {
              g_string_truncate (c->scratch, 0);
              nlp_fold_append (c->scratch, c->text + t->start, size);
              folded = c->scratch->str;
            }
          gpointer key, seen;
          if (g_hash_table_lookup_extended (c->lower, folded, &key, &seen) && !seen)
            g_hash_table_insert (c->lower, g_strdup (key), GINT_TO_POINTER (TRUE)); /* (frees the copy) */
        }
      g_free (asked.bits);
    }
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, word, length);
  gpointer answer;
  if (g_hash_table_lookup_extended (c->lower, c->scratch->str, NULL, &answer))
    return answer != NULL;
  /* a word not collected (none today): the tokens are looked at for it alone */
  g_autofree char *folded = g_strdup (c->scratch->str);
  gboolean found = FALSE;
  for (guint i = 0; i < c->n && !found; i++)
    {
      const NfToken *t = &c->tokens[i];
      if (t->kind != NF_TOKEN_WORD || (t->flags & NF_TOKEN_CAPITALIZED))
        continue;
      g_string_truncate (c->scratch, 0);
      nlp_fold_append (c->scratch, c->text + t->start, t->end - t->start);
      found = strcmp (c->scratch->str, folded) == 0;
    }
  g_hash_table_insert (mutable->lower, g_steal_pointer (&folded), GINT_TO_POINTER (found));
  return found;
}

/* "Cllr Featherstonhaugh", "Sgt Halloran", "Cpl ...": a capitalised word of three or more
 * letters without a vowel is an abbreviated title the title list may not hold, never a given
 * name (two-letter "Ng" is a surname, so shorter words are left to the lists). */
static gboolean
is_vowelless_abbreviation (const char *w, gsize len)
{
  if (len < 3 || len > 5 || !g_ascii_isupper (w[0]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalpha (w[i]) || strchr ("aeiouyAEIOUY", w[i]))
      return FALSE;
  return TRUE;
}

/* word_in for the word of bit @b, in the list @set of filter slot @filter. */
static gboolean
word_in_bit (const Context *c, GHashTable *set, guint filter, const char *word, gsize length, WordBit b)
{
  return (c->self->filters[filter].set != set || may_have (c->self->filters[filter].bits, b))
         && set_has (c, set, word, length);
}

/* A name's canonical form without what only describes the person: titles and role words
 * before it ("Superintendent Howard Lindqvist", "Parent Rachel Okonkwo"), a word before a
 * known given name, a possessive at its end; its gender from a given name or an honorific;
 * outlets and organisations the tagger took for people ("Keldby Chronicle") are not people. */
static void
refine_name (const Context *c, Name *n)
{
  /* the words as g_strsplit (n->canonical, " ", -1) gives them, without copies: none for
   * "", an empty word between two spaces */
  Word stack[16];
  g_autofree Word *heap = NULL;
  guint count = 0;
  if (*n->canonical)
    {
      count = 1;
      for (const char *p = n->canonical; *p; p++)
        count += *p == ' ';
    }
  Word *words = count <= G_N_ELEMENTS (stack) ? stack : (heap = g_new (Word, count));
  for (guint k = 0, from = 0; k < count; k++)
    {
      const char *space = strchr (n->canonical + from, ' ');
      gsize to = space ? (gsize) (space - n->canonical) : strlen (n->canonical);
      words[k] = (Word) { n->canonical + from, to - from };
      from = to + 1;
    }
  guint first = 0;
  int honorific = GENDER_UNKNOWN;
  while (first + 1 < count)
    {
      const char *w = words[first].text;
      gsize len = words[first].length;
      gsize bare = len && w[len - 1] == '.' ? len - 1 : len;
      /* (the bit of the word without its period, for every list below; gender_of_text of
       * @bare drops a second period, with a bit of its own) */
      WordBit b = word_bit (w, bare);
      const WordBit *b_of_bare = bare && w[bare - 1] == '.' ? NULL : &b;
      gboolean title = word_in_bit (c, c->self->titles, FILTER_TITLES, w, bare, b)
                       || word_in_bit (c, c->self->roles, FILTER_ROLES, w, bare, b)
                       || is_vowelless_abbreviation (w, bare)
                       || (count - first >= 3 && gender_of_bit (c, w, bare, b_of_bare) == GENDER_UNKNOWN
                           && written_in_lower_case (c, w, bare));
      /* "Parent Rachel Okonkwo", "Dessen Sprecherin Annette Kühnel": words before a known
       * given name that are not given names themselves, but words of the language ("Iwan
       * Rhys Williams", "Umm Khaled Abu Nasser": a first name the lists lack, before a middle
       * name they have, stays) */
      gboolean before_given = FALSE;
      for (guint k = first + 1; !title && k + 1 < count && !before_given; k++)
        before_given = gender_of_text (c, words[k].text, words[k].length) != GENDER_UNKNOWN;
      before_given = before_given && gender_of_bit (c, w, len, &b) == GENDER_UNKNOWN
                     && nlp_sorted_words_has_text (c->self->common_words, w, bare);
      if (!title && !before_given)
        break;
      if (honorific == GENDER_UNKNOWN)
        honorific = gender_of_bit (c, w, bare, b_of_bare);
      first++;
    }
  if (!n->person)
    first = 0;
  if (count && n->person)
    {
      const Word *last = &words[count - 1];
      if (word_in_text (c, c->self->not_persons, last->text, last->length)
          || word_in_text (c, c->self->org_suffixes, last->text, last->length))
        n->person = FALSE;
    }
  Word given = count ? words[first] : (Word) { NULL, 0 };
  if (first > 0)
    {
      /* (the words from @first joined by spaces again: the rest of the name) */
      char *rest = g_strdup (words[first].text);
      g_free (n->canonical);
      n->canonical = rest;
      given.text = rest;
    }
  if (n->title && honorific == GENDER_UNKNOWN)
    honorific = gender_of_word (c, n->title);
  n->gender = honorific;
  if (n->gender == GENDER_UNKNOWN && count - first >= 2)
    n->gender = gender_of_text (c, given.text, given.length);
}

const char *
last_word (const char *name)
{
  const char *space = strrchr (name, ' ');
  return space ? space + 1 : name;
}


/* "Bruno Le Maire" for "Le Maire", "Edgar van der Grift" for "Van der Grift": a surname of
 * several words is the end of the full name (the particle's case aside). */
static gboolean
ends_with_words (const char *full, const char *surname)
{
  gsize lf = strlen (full), ls = strlen (surname);
  return lf > ls + 1 && full[lf - ls - 1] == ' ' && g_ascii_strcasecmp (full + lf - ls, surname) == 0;
}

/* A canonical name of several words that people bear, in the order of its first mention. */
typedef struct {
  const char *canonical;
  guint       first;       /* index of its first mention among the names */
  GArray     *candidates;  /* for a name of several words: Candidate (NULL for none) */
  gboolean    compared;    /* the candidates were looked for */
  gint        full;        /* for a single word: index into the values, or -1; -2: not known yet */
} Value;

/* A longer name a name of several words may stand for: "Bruno Le Maire" for "Le Maire"
 * (whatever comes first), "Anna Lindqvist" for "Anna Lindquist" (mentioned before it). */
typedef struct {
  guint    value;
  gboolean needs_earlier;
} Candidate;

static void
clear_value (gpointer data)
{
  Value *v = data;
  g_clear_pointer (&v->candidates, g_array_unref);
}

static const char *
first_word_end (const char *name)
{
  const char *space = strchr (name, ' ');
  return space ? space : name + strlen (name);
}

/* "Marta" for Marta Ruiz, "Xi" for Xi Jinping: the first word of exactly one full name of
 * @values, and the last word of none.  *@as_first and *@as_last: how many of them begin and
 * end with @word, counted on the first call for a word (negative before). */
static gboolean
given_name_of (const GArray *values, const char *word, const char *full, gint *as_first, gint *as_last)
{
  gsize length = strlen (word);
  if (strncmp (full, word, length) != 0 || full[length] != ' ')
    return FALSE;
  if (*as_first < 0)
    {
      /* (once a distinct word, as the comparisons with every value are) */
      *as_first = *as_last = 0;
      for (guint j = 0; j < values->len; j++)
        {
          const char *name = g_array_index (values, Value, j).canonical;
          *as_first += (gsize) (first_word_end (name) - name) == length && memcmp (name, word, length) == 0;
          *as_last += strcmp (last_word (name), word) == 0;
        }
    }
  return *as_first == 1 && *as_last == (strcmp (last_word (full), word) == 0);
}

/* Which values a name may match, so that refine_names need not compare each name with every
 * value (quadratic in an article of thousands of people: 10 s for 1.4 MB).  Lists of value
 * indexes, ascending, under a kind's letter and a text:
 *   'E' the surname (last word) folded, and 'D' each of its one-letter deletions when it is
 *       long enough for a misspelling (same_surname: ASCII case, one edit; two words one edit
 *       apart share one of these keys);
 *   'S' each ending after a space, folded ("Le Maire", "Maire" of "Bruno Le Maire": a
 *       name of several words that ends a longer one);
 *   'P' the words before the surname ("Anna " of "Anna Lindqvist": a misspelt surname);
 *   'F' the first word, 'X' the surname as written (given_name_of's counts).
 * Made only for articles with many names: a few are compared with each other directly. */
enum { VALUES_INDEXED = 32, SURNAME_TYPO_MIN = 6, SURNAME_TYPO_MAX = 40 };

typedef struct {
  GHashTable *lists;   /* key -> GArray of guint */
  GString    *key;
  GArray     *found;   /* the candidates of the last question */
} ValueIndex;

static GArray *
index_list (ValueIndex *index, char kind, const char *text, gsize length, gboolean fold, gboolean make)
{
  g_string_truncate (index->key, 0);
  g_string_append_c (index->key, kind);
  for (gsize i = 0; i < length; i++)
    g_string_append_c (index->key, fold ? g_ascii_tolower (text[i]) : text[i]);
  GArray *list = g_hash_table_lookup (index->lists, index->key->str);
  if (!list && make)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (index->lists, g_strdup (index->key->str), list);
    }
  return list;
}

static void
index_add (ValueIndex *index, char kind, const char *text, gsize length, gboolean fold, guint j)
{
  GArray *list = index_list (index, kind, text, length, fold, TRUE);
  if (list->len == 0 || g_array_index (list, guint, list->len - 1) != j)
    g_array_append_val (list, j);
}

/* Calls @each with every one-letter deletion of @word (@length bytes), in a buffer. */
static void
for_each_deletion (const char *word, gsize length, void (*each) (ValueIndex *, const char *, gsize, guint),
                   ValueIndex *index, guint j)
{
  char buffer[SURNAME_TYPO_MAX];
  for (gsize k = 0; k < length; k++)
    {
      memcpy (buffer, word, k);
      memcpy (buffer + k, word + k + 1, length - k - 1);
      each (index, buffer, length - 1, j);
    }
}

static void
add_deletion (ValueIndex *index, const char *text, gsize length, guint j)
{
  index_add (index, 'D', text, length, TRUE, j);
}

static ValueIndex *
value_index_new (const GArray *values)
{
  ValueIndex *index = g_new0 (ValueIndex, 1);
  index->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  index->key = g_string_new (NULL);
  index->found = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint j = 0; j < values->len; j++)
    {
      const char *name = g_array_index (values, Value, j).canonical, *surname = last_word (name);
      gsize length = strlen (surname);
      index_add (index, 'E', surname, length, TRUE, j);
      index_add (index, 'X', surname, length, FALSE, j);
      index_add (index, 'P', name, surname - name, FALSE, j);
      index_add (index, 'F', name, first_word_end (name) - name, FALSE, j);
      for (const char *space = strchr (name, ' '); space; space = strchr (space + 1, ' '))
        index_add (index, 'S', space + 1, strlen (space + 1), TRUE, j);
      if (length >= SURNAME_TYPO_MIN && length <= SURNAME_TYPO_MAX)
        for_each_deletion (surname, length, add_deletion, index, j);
    }
  return index;
}

static void
value_index_free (ValueIndex *index)
{
  if (!index)
    return;
  g_hash_table_unref (index->lists);
  g_string_free (index->key, TRUE);
  g_array_unref (index->found);
  g_free (index);
}

static void
found_add (ValueIndex *index, const GArray *list)
{
  if (list)
    g_array_append_vals (index->found, list->data, list->len);
}

/* index->found sorted, each once */
static const GArray *
found_sorted (ValueIndex *index)
{
  sort_unique_guints (index->found);
  return index->found;
}

static void
find_deletion (ValueIndex *index, const char *text, gsize length, G_GNUC_UNUSED guint j)
{
  found_add (index, index_list (index, 'E', text, length, TRUE, FALSE));
  found_add (index, index_list (index, 'D', text, length, TRUE, FALSE));
}

/* The values a single word may be the surname or the given name of: those whose surname is
 * one edit from it at most, or whose first word it is. */
static const GArray *
single_candidates (ValueIndex *index, const char *word)
{
  gsize length = strlen (word);
  g_array_set_size (index->found, 0);
  found_add (index, index_list (index, 'E', word, length, TRUE, FALSE));
  if (length >= SURNAME_TYPO_MIN && length <= SURNAME_TYPO_MAX)
    {
      found_add (index, index_list (index, 'D', word, length, TRUE, FALSE));
      for_each_deletion (word, length, find_deletion, index, 0);
    }
  found_add (index, index_list (index, 'F', word, length, FALSE, FALSE));
  return found_sorted (index);
}

/* The values a name of several words may stand for: those that end with it, or begin with
 * its words before the surname. */
static const GArray *
several_candidates (ValueIndex *index, const char *name)
{
  const char *surname = last_word (name);
  g_array_set_size (index->found, 0);
  found_add (index, index_list (index, 'S', name, strlen (name), TRUE, FALSE));
  found_add (index, index_list (index, 'P', name, surname - name, FALSE, FALSE));
  return found_sorted (index);
}

/* Every person named by a surname alone, or once misspelled, takes the full name used
 * elsewhere in the article; people with the same canonical name share a known gender.
 * The names are compared as distinct canonical names, each with each at most once, so that
 * an article mentioning the same few people thousands of times costs no more per mention. */
void
refine_names (Context *c)
{
  for (guint k = 0; k < c->names->len; k++)
    refine_name (c, &g_array_index (c->names, Name, k));
  /* the names of several words people bear, in the order of their first mention */
  g_autoptr (GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (Value), MIN (c->names->len, 64));
  g_array_set_clear_func (values, clear_value);
  g_autoptr (GHashTable) value_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) singles = NULL; /* made for the first name of one word */
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (!n->person || !strchr (n->canonical, ' ') || g_hash_table_contains (value_of, n->canonical))
        continue;
      Value v = { .canonical = n->canonical, .first = k, .full = -2 };
      g_hash_table_insert (value_of, (gpointer) n->canonical, GUINT_TO_POINTER (values->len));
      g_array_append_val (values, v);
    }
  /* what each distinct name stands for, worked out at its first mention */
  g_autofree char **resolved = g_new0 (char *, c->names->len);
  ValueIndex *index = values->len > VALUES_INDEXED ? value_index_new (values) : NULL;
  for (guint k = 0; k < c->names->len; k++)
    {
      Name *n = &g_array_index (c->names, Name, k);
      if (!n->person)
        continue;
      const Value *full_value = NULL;
      if (!strchr (n->canonical, ' '))
        {
          /* a single word: the first name of several words ending in it or beginning with it */
          gpointer cached;
          if (!singles)
            singles = g_hash_table_new (g_str_hash, g_str_equal);
          if (!g_hash_table_lookup_extended (singles, n->canonical, NULL, &cached))
            {
              gint found = -1, as_first = -1, as_last = -1;
              const GArray *candidates = NULL;
              if (index)
                {
                  /* given_name_of's counts, from the index */
                  gsize length = strlen (n->canonical);
                  const GArray *first = index_list (index, 'F', n->canonical, length, FALSE, FALSE);
                  const GArray *last = index_list (index, 'X', n->canonical, length, FALSE, FALSE);
                  as_first = first ? (gint) first->len : 0;
                  as_last = last ? (gint) last->len : 0;
                  candidates = single_candidates (index, n->canonical);
                }
              guint n_candidates = candidates ? candidates->len : values->len;
              for (guint i = 0; i < n_candidates && found < 0; i++)
                {
                  guint j = candidates ? g_array_index (candidates, guint, i) : i;
                  const Value *o = &g_array_index (values, Value, j);
                  c->comparisons++;
                  if (same_surname (n->canonical, last_word (o->canonical))
                      || given_name_of (values, n->canonical, o->canonical, &as_first, &as_last))
                    found = (gint) j;
                }
              cached = GINT_TO_POINTER (found + 1);
              g_hash_table_insert (singles, n->canonical, cached);
            }
          gint found = GPOINTER_TO_INT (cached) - 1;
          full_value = found >= 0 ? &g_array_index (values, Value, found) : NULL;
        }
      else
        {
          Value *v = &g_array_index (values, Value, GPOINTER_TO_UINT (g_hash_table_lookup (value_of, n->canonical)));
          if (!v->compared)
            {
              v->compared = TRUE;
              const char *surname = last_word (n->canonical);
              const GArray *candidates = index ? several_candidates (index, n->canonical) : NULL;
              guint n_candidates = candidates ? candidates->len : values->len;
              for (guint i = 0; i < n_candidates; i++)
                {
                  guint j = candidates ? g_array_index (candidates, guint, i) : i;
                  const Value *o = &g_array_index (values, Value, j);
                  if (o == v)
                    continue;
                  c->comparisons++;
                  /* the same given names and the surname misspelt: only after the right one */
                  gboolean typo = surname - n->canonical == last_word (o->canonical) - o->canonical
                                  && strncmp (n->canonical, o->canonical, surname - n->canonical) == 0
                                  && same_surname (surname, last_word (o->canonical));
                  gboolean longer = ends_with_words (o->canonical, n->canonical);
                  if (typo || longer)
                    {
                      Candidate candidate = { j, !longer };
                      if (!v->candidates) /* (most names have none: no array for them) */
                        v->candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
                      g_array_append_val (v->candidates, candidate);
                    }
                }
            }
          for (guint j = 0; v->candidates && j < v->candidates->len && !full_value; j++)
            {
              const Candidate *candidate = &g_array_index (v->candidates, Candidate, j);
              const Value *o = &g_array_index (values, Value, candidate->value);
              if (!candidate->needs_earlier || o->first < k)
                full_value = o;
            }
        }
      if (full_value)
        {
          resolved[k] = g_strdup (full_value->canonical);
          if (n->gender == GENDER_UNKNOWN)
            n->gender = g_array_index (c->names, Name, full_value->first).gender;
        }
    }
  value_index_free (index);
  /* (the values point into the names' canonical strings: replaced only now) */
  g_hash_table_remove_all (value_of);
  if (singles)
    g_hash_table_remove_all (singles);
  g_array_set_size (values, 0);
  for (guint k = 0; k < c->names->len; k++)
    {
      if (!resolved[k])
        continue;
      Name *n = &g_array_index (c->names, Name, k);
      g_free (n->canonical);
      n->canonical = resolved[k];
    }
  /* the gender of the full names, from their mentions in order; then for every mention */
  gboolean known = FALSE, unknown = FALSE;
  for (guint k = 0; k < c->names->len; k++)
    {
      if (g_array_index (c->names, Name, k).gender == GENDER_UNKNOWN)
        unknown = TRUE;
      else
        known = TRUE;
    }
  if (!known || !unknown)
    return; /* (nothing to share, or no one to share it with) */
  g_autoptr (GHashTable) genders = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->gender != GENDER_UNKNOWN && !g_hash_table_contains (genders, n->canonical))
        g_hash_table_insert (genders, n->canonical, GINT_TO_POINTER (n->gender));
    }
  for (guint k = 0; k < c->names->len; k++)
    {
      Name *n = &g_array_index (c->names, Name, k);
      if (n->gender == GENDER_UNKNOWN)
        n->gender = GPOINTER_TO_INT (g_hash_table_lookup (genders, n->canonical));
    }
}
