/* phrases.c: English key phrases as readers pick them (DUC-2001, 500N-KPCrowd): noun phrases.
 *
 * 1. A lexicon tagger: closed-class words from en-closed.txt; open-class words by how often
 *    WordNet's senses of each part of speech occur in SemCor (en-wordnet.tsv), with
 *    WordNet's irregular inflections and regular suffixes; capitals mid-sentence make proper
 *    nouns; a few context rules (a determiner is followed by a noun, not a verb; a pronoun or
 *    "to" by a verb).  No treebank that allows shipping a trained model is at hand here, so the
 *    tagger is a lexicon, not a learned model (see docs/architecture.md).
 * 2. Candidates: runs of adjectives, nouns and proper nouns inside a sentence that end in a
 *    noun; numbers inside names and before nouns ("Resolution 1973", "1990 census").
 * 3. Ranking: the mean weight of the phrase's words (frequency in the story x rarity in
 *    WordNet's 117,659 glosses, a background document frequency), times log repetition of
 *    the phrase, discounted by the sentence it first appears in (PositionRank's finding that
 *    news puts its subject first); multi-word phrases and phrases of the headline count more.
 *    A name that is part of a longer name counts for the longer one ("Johnson" for "Ben
 *    Johnson"), and variants of one phrase (plurals) are one, printed as the text most often
 *    writes it.  A phrase only the headline has is not taken (title case runs words into
 *    fragments), and a part of a phrase already chosen is no second key phrase.
 * 4. ranker = "model", the default: the noun phrases and the single nouns inside them
 *    (KEA's supervised route) are ranked together by a linear score over features of each
 *    (ranker.h; weights in models/keywords-en.model, a logistic regression refined by
 *    coordinate ascent on F1@10, trained by tests/bench/keyword-train.py on half of DUC-2001
 *    and 500N-KPCrowd together).  ranker = "rules" keeps the hand-made ranking of 3. */
#include <math.h>
#include <string.h>

#include "arena.h"
#include "phrases.h"
#include "ranker.h"
#include "stable-sort.h"

enum { NOUN, VERB, ADJ, ADV };

/* A line of en-wordnet.tsv after its key: the word's count for each part of speech (0 when
 * WordNet does not list the word so, else 1 + its SemCor count), then its gloss frequency. */
enum { FIELD_DF = 4 };

/* An irregular inflection, chained to the next base of the same form in the file's order. */
typedef struct _Inflection Inflection;
struct _Inflection {
  const char *base;
  int         pos;
  Inflection *next;
};

/* What en-closed.txt says of a word: its class (EnTag + 1, 0 for none) and whether it is a
 * day, a month or "year" (TIME). */
enum { CLOSED_TAG = 0xff, CLOSED_TIME = 0x100 };

/* The words of en-wordnet.tsv are a LineIndex (arena.h) of the loaded file, their counts
 * parsed when a word is looked up.  Parsing all 53,000 lines' numbers into entries and a map
 * of 24-byte slots was most of the stage's start-up; a worker looks a word up once (its Lex
 * keeps the answers). */

struct _EnLexicon {
  char       *words_file;   /* the loaded files: keys point into them */
  char       *inflections_file;
  char       *closed_file;
  LineIndex   words;        /* word -> its line (a key cut at its tab, the line at its end) */
  StrMap      inflections;  /* form -> its first Inflection */
  Inflection *inflection_list;
  StrMap      closed;       /* word -> its ClosedWord bits: one look-up a new word, no g_str_hash */
  double      glosses;
};

/* ---- lexicon ------------------------------------------------------------------------------ */

static char *
load_file (const char *name, GError **error)
{
  g_autofree char *path = nf_data_find (name, error);
  char *contents = NULL;
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  return contents;
}

static gboolean
parse_closed_class (const char *word, EnTag *tag)
{
  static const struct { const char *name; EnTag tag; } classes[] = {
    { "DET", EN_TAG_DET }, { "PRON", EN_TAG_PRON }, { "ADP", EN_TAG_ADP }, { "CONJ", EN_TAG_CONJ },
    { "AUX", EN_TAG_AUX }, { "PART", EN_TAG_PART }, { "ADV", EN_TAG_ADV }, { "TITLE", EN_TAG_TITLE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (classes); i++)
    if (strcmp (word, classes[i].name) == 0)
      {
        *tag = classes[i].tag;
        return TRUE;
      }
  return FALSE;
}

void
en_lexicon_free (EnLexicon *lexicon)
{
  if (lexicon == NULL)
    return;
  line_index_clear (&lexicon->words);
  g_clear_pointer (&lexicon->inflections.slots, g_free);
  g_free (lexicon->inflection_list);
  g_clear_pointer (&lexicon->closed.slots, g_free);
  g_free (lexicon->words_file);
  g_free (lexicon->inflections_file);
  g_free (lexicon->closed_file);
  g_free (lexicon);
}

static void tables_init (void);

/* g_ascii_strtoull (@text, @end, 10) without the call for what the lexicon holds: blanks and
 * up to 19 digits; anything else is left to GLib. */
static guint64
parse_count (char *text, char **end)
{
  const char *p = text;
  while (*p == ' ' || *p == '\t')
    p++;
  const char *digits = p;
  guint64 value = 0;
  while (*p >= '0' && *p <= '9' && p - digits < 19)
    value = value * 10 + (guint64) (*p++ - '0');
  if (p == digits || (*p >= '0' && *p <= '9'))
    return g_ascii_strtoull (text, end, 10);
  *end = (char *) p;
  return value;
}

/* Indexes the lines of en-wordnet.tsv (@file, which is cut at each line's end and key's tab);
 * a word listed twice is its last line, as when the counts were parsed at load. */
static void
index_words (EnLexicon *lexicon, char *file)
{
  /* about 20 bytes a line: a table twice as large as the lines, grown if they are shorter */
  gsize size = strlen (file);
  guint capacity = 1024;
  while (capacity < size / 10)
    capacity *= 2;
  line_index_init (&lexicon->words, capacity);
  for (char *line = file, *next; line && *line; line = next)
    {
      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      if (line[0] == '#')
        {
          if (g_str_has_prefix (line, "#glosses\t"))
            lexicon->glosses = g_ascii_strtod (line + 9, NULL);
          continue;
        }
      char *tab = strchr (line, '\t');
      if (tab == NULL || (gsize) (line - file) >= G_MAXUINT32 - 1)
        continue;
      *tab = '\0';
      line_index_put (&lexicon->words, file, line - file, tab - line);
    }
}

/* Indexes en-inflections.tsv (@file; the fields are cut at their tabs): form -> its bases. */
static void
index_inflections (EnLexicon *lexicon, char *file)
{
  guint lines = 1;
  for (const char *c = file; (c = strchr (c, '\n')) != NULL; c++)
    lines++;
  lexicon->inflection_list = g_new (Inflection, lines);
  guint n = 0;
  strmap_init (&lexicon->inflections, 1024);
  for (char *line = file, *next; line && *line; line = next)
    {
      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      /* form, base and part of speech: two tabs at least (no copy of the fields). */
      char *base = line[0] == '#' ? NULL : strchr (line, '\t');
      char *pos = base ? strchr (base + 1, '\t') : NULL;
      if (pos == NULL)
        continue;
      /* Keys and bases point into the file: cut it at the tabs. */
      *base++ = '\0';
      *pos++ = '\0';
      Inflection *inflection = &lexicon->inflection_list[n++];
      *inflection = (Inflection) {
        base, strchr ("nvar", pos[0]) ? (int) (strchr ("nvar", pos[0]) - "nvar") : NOUN, NULL
      };
      gsize length = base - 1 - line;
      guint32 hash = hash_bytes (line, length);
      Inflection *first = strmap_lookup (&lexicon->inflections, line, length, hash);
      if (first == NULL)
        strmap_insert (&lexicon->inflections, line, length, hash, inflection);
      else
        {
          while (first->next)
            first = first->next;
          first->next = inflection;
        }
    }
}

EnLexicon *
en_lexicon_load (GError **error)
{
  tables_init ();
  EnLexicon *lexicon = g_new0 (EnLexicon, 1);
  strmap_init (&lexicon->closed, 256);
  if ((lexicon->words_file = load_file ("lexicon/en-wordnet.tsv", error)) == NULL
      || (lexicon->inflections_file = load_file ("lexicon/en-inflections.tsv", error)) == NULL
      || (lexicon->closed_file = load_file ("lexicon/en-closed.txt", error)) == NULL)
    {
      en_lexicon_free (lexicon);
      return NULL;
    }
  /* Loading is a fixed cost of every run, as large as a few hundred articles: the 53,000
   * words are indexed where the file has them, their numbers read when a word is asked. */
  index_words (lexicon, lexicon->words_file);
  if (lexicon->glosses < 1)
    lexicon->glosses = 1;
  index_inflections (lexicon, lexicon->inflections_file);

  for (char *line = lexicon->closed_file, *next; line && *line; line = next)
    {
      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      if (line[0] == '#' || line[0] == '\0')
        continue;
      char *word = strchr (line, ' ');
      if (word == NULL)
        continue;
      *word++ = '\0';
      EnTag tag = EN_TAG_DET;
      gboolean time = strcmp (line, "TIME") == 0;
      if (!time && !parse_closed_class (line, &tag))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "lexicon/en-closed.txt: unknown class '%s'", line);
          en_lexicon_free (lexicon);
          return NULL;
        }
      for (char *end; *word; word = end)
        {
          end = word + strcspn (word, " ");
          if (*end)
            *end++ = '\0';
          if (*word == '\0')
            continue;
          gsize length = strlen (word);
          guint32 hash = hash_bytes (word, length);
          guint bits = GPOINTER_TO_UINT (strmap_lookup (&lexicon->closed, word, length, hash));
          if (time)
            bits |= CLOSED_TIME;
          else if ((bits & CLOSED_TAG) == 0) /* the first class listed wins */
            bits |= tag + 1;
          strmap_set (&lexicon->closed, word, length, hash, GUINT_TO_POINTER (bits));
        }
    }
  return lexicon;
}

/* ---- tagging ------------------------------------------------------------------------------ */

typedef struct {
  double count[4];
  gboolean found;
  char verb_form; /* 'e' (-ed) or 'i' (-ing) when the verb was found through that suffix */
} Morph;

/* The numbers of @word's line (@length bytes; after the key's tab), NULL when the file has
 * none; line_field reads the one asked for. */
static const char *
lookup_length (const EnLexicon *lexicon, const char *word, gsize length)
{
  const char *key = line_index_find (&lexicon->words, lexicon->words_file, word, length);
  return key ? key + length + 1 : NULL;
}

static const char *
lookup (const EnLexicon *lexicon, const char *word)
{
  return lookup_length (lexicon, word, strlen (word));
}

/* The number @field (a part of speech, or FIELD_DF) of @numbers (lookup_length's): read as
 * the load read them all, but only as far as the one asked for. */
static guint32
line_field (const char *numbers, int field)
{
  char *end = (char *) numbers;
  guint32 value = 0;
  for (int k = 0; k <= field; k++)
    value = (guint32) parse_count (end, &end);
  return value;
}

/* WordNet's morphy: the word itself, its irregular base forms, then regular suffixes. */
static void
morph (const EnLexicon *lexicon, const char *word, Morph *out)
{
  /* Each new word of a worker asks all 19 rules: their lengths are in the table, not counted
   * by strlen each time; verb_form is what a verb found through the rule says. */
#define RULE(suffix, replace, pos, form) { suffix, replace, sizeof (suffix) - 1, sizeof (replace) - 1, pos, form }
  static const struct { const char *suffix, *replace; gsize suffix_length, replace_length; int pos; char verb_form; } rules[] = {
    RULE ("ies", "y", NOUN, 0), RULE ("es", "", NOUN, 0), RULE ("s", "", NOUN, 0), RULE ("ses", "s", NOUN, 0),
    RULE ("ches", "ch", NOUN, 0), RULE ("shes", "sh", NOUN, 0), RULE ("men", "man", NOUN, 0),
    RULE ("ies", "y", VERB, 0), RULE ("es", "e", VERB, 0), RULE ("es", "", VERB, 0), RULE ("s", "", VERB, 0),
    RULE ("ed", "e", VERB, 'e'), RULE ("ed", "", VERB, 'e'), RULE ("ing", "e", VERB, 'i'), RULE ("ing", "", VERB, 'i'),
    RULE ("er", "", ADJ, 0), RULE ("est", "", ADJ, 0), RULE ("er", "e", ADJ, 0), RULE ("est", "e", ADJ, 0),
  };
#undef RULE
  memset (out, 0, sizeof *out);
  gsize length = strlen (word);
  const char *numbers = lookup_length (lexicon, word, length);
  if (numbers)
    {
      char *end = (char *) numbers;
      for (int p = 0; p < 4; p++)
        out->count[p] = (guint32) parse_count (end, &end);
    }
  for (const Inflection *inflection = strmap_lookup (&lexicon->inflections, word, length, hash_bytes (word, length));
       inflection; inflection = inflection->next)
    {
      const char *base = lookup (lexicon, inflection->base);
      guint32 count = base ? line_field (base, inflection->pos) : 0;
      if (count)
        out->count[inflection->pos] += count;
    }
  /* The rules' stems, each looked up once: a noun's and a verb's rule often make the same
   * ("walks": "walk" twice; "boxes": "box" and "boxe" twice each), and a look-up is a miss in
   * the lexicon's megabyte.  (Words have few: room for every rule's.) */
  enum { STEM_MAX = 128 };
  char stems[G_N_ELEMENTS (rules)][STEM_MAX];
  gsize stem_lengths[G_N_ELEMENTS (rules)];
  const char *stem_numbers[G_N_ELEMENTS (rules)];
  guint n_stems = 0;
  for (gsize r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      gsize suffix = rules[r].suffix_length, stem_length = length - suffix + rules[r].replace_length;
      /* (most rules' suffixes end otherwise than the word: one byte says so, no comparison) */
      if (out->count[rules[r].pos] > 0 || length <= suffix + 1 || word[length - 1] != rules[r].suffix[suffix - 1]
          || stem_length >= STEM_MAX || memcmp (word + length - suffix, rules[r].suffix, suffix) != 0)
        continue;
      char *stem = stems[n_stems];
      memcpy (stem, word, length - suffix);
      memcpy (stem + (length - suffix), rules[r].replace, rules[r].replace_length);
      guint s = 0;
      while (s < n_stems && !(stem_lengths[s] == stem_length && memcmp (stems[s], stem, stem_length) == 0))
        s++;
      if (s == n_stems)
        {
          stem_lengths[s] = stem_length;
          stem_numbers[s] = lookup_length (lexicon, stem, stem_length);
          n_stems++;
        }
      guint32 count = stem_numbers[s] ? line_field (stem_numbers[s], rules[r].pos) : 0;
      if (count)
        {
          out->count[rules[r].pos] = count;
          if (rules[r].verb_form)
            out->verb_form = rules[r].verb_form;
        }
    }
  for (int p = 0; p < 4; p++)
    out->found |= out->count[p] > 0;
}

/* The token's text without a possessive 's, and whether it had one. */
static gsize
word_length (const char *text, const NfToken *token, gboolean *possessive)
{
  gsize length = token->end - token->start;
  *possessive = FALSE;
  if (length > 2 && (text[token->end - 1] == 's' || text[token->end - 1] == 'S'))
    {
      if (text[token->end - 2] == '\'')
        {
          *possessive = TRUE;
          return length - 2;
        }
      if (length > 4 && memcmp (text + token->end - 4, "\xe2\x80\x99", 3) == 0)
        {
          *possessive = TRUE;
          return length - 4;
        }
    }
  return length;
}

/* Lower case, with the typographic apostrophe as ASCII, as the word lists write words. */
static char *
fold (const char *word)
{
  char *lower = g_utf8_strdown (word, -1);
  if (strstr (lower, "\xe2\x80\x99") == NULL)
    return lower;
  g_auto (GStrv) parts = g_strsplit (lower, "\xe2\x80\x99", -1);
  g_free (lower);
  return g_strjoinv ("'", parts);
}

static gboolean
is_upper_initial (const char *text, gsize length)
{
  if (length == 0)
    return FALSE;
  if ((guchar) text[0] < 0x80) /* g_unichar_isupper's answer for ASCII, without the call */
    return text[0] >= 'A' && text[0] <= 'Z';
  return g_unichar_isupper (g_utf8_get_char (text));
}

static gboolean
ends_with (const char *word, const char *suffix)
{
  gsize length = strlen (word), suffix_length = strlen (suffix);
  return length >= suffix_length && strcmp (word + length - suffix_length, suffix) == 0;
}

/* ends_with for a word whose length is known (a Lex's) and a literal suffix: no strlen, no
 * strcmp call, for the tagger's questions of every token. */
#define lex_ends_with(lex, literal)                                              \
  ((lex)->length >= sizeof (literal) - 1                                          \
   && same_bytes ((lex)->lower + (lex)->length - (sizeof (literal) - 1), literal, sizeof (literal) - 1))

/* memcmp (@a, @b, @n) == 0 for a literal's few bytes: unrolled where @n is a constant (GCC
 * called memcmp for 3 bytes, a call for each of the tagger's questions). */
static inline G_ALWAYS_INLINE gboolean
same_bytes (const char *a, const char *b, gsize n)
{
  for (gsize k = 0; k < n; k++)
    if (a[k] != b[k])
      return FALSE;
  return TRUE;
}

/* ---- the worker's vocabulary and memory ----------------------------------------------------
 *
 * Per token the stage used to intern the folded word in a string chunk and then ask hash
 * tables keyed by that string again and again (closed class, morphology memo, body casing,
 * term frequency, time words, rarity, stem): 12% of the stage went to g_str_hash alone.  Now a
 * token's folded word is looked up once, in the worker's vocabulary, and every answer about
 * the word is a field of its entry, computed once per worker; what one article counts of a
 * word is a field too, valid while its stamp is the article's.  Candidates and their strings
 * come from a bump arena that the next article reuses: no malloc and free per candidate. */

/* The key form of a word (stem_of): what phrase keys are made of. */
typedef struct {
  const char *text;
  guint32     length, hash;
  guint       chars;
  guint       stamp;           /* the article heads and modifiers count */
  guint       heads, modifiers; /* count_roles */
  guint       held;            /* merge_names: the stamp of an article with a name holding it */
} Stem;

/* A word, case-folded, with everything the stage asks about it. */
typedef struct {
  const char *lower;        /* NUL-terminated */
  guint32     length;       /* bytes */
  guint       chars;
  int         closed;       /* a closed-class word's EnTag + 1, else 0 */
  gboolean    time;         /* a day, a month, "year" */
  gboolean    particle;     /* is_name_particle (): asked once per word, not per token */
  gboolean    analysed;     /* morph is known */
  gboolean    rarity_known;
  Morph       morph;
  double      rarity;
  Stem       *stem;
  /* the article's, valid while stamp is its stamp (words_of resets them) */
  guint       stamp;
  guint       tf;           /* uses as a noun, name, adjective or number */
  gboolean    body_lower;   /* the body writes it in lower case */
  gboolean    body_upper;   /* the body capitalises it mid-sentence */
  gpointer    by_word;      /* collect_words: its Phrase, or a phrase's | 1 */
} Lex;

struct _EnWorker {
  StrMap        words;   /* lower -> Lex */
  StrMap        stems;   /* stem -> Stem */
  Arena         lasting; /* the vocabulary's entries and strings */
  Arena         arena;   /* one article's candidates */
  guint         stamp;   /* the article's */
  StrMap        phrases[2];
  PtrList       order[2];
  PtrList       ranked;  /* the article's ranked candidates, reused: no allocation an article */
  PtrList       chosen;  /* the key phrases picked from them, as reused */
  GString      *key, *form;
  gpointer      buffers[2];  /* words_of's Word arrays (body, headline), reused */
  gsize         capacity[2]; /* in Words */
  EnTag        *tags[2];     /* the tags of those words, as many */
  Lex         **by_fold;     /* words_of's: per fold id of the segmentation, its entry */
  guint         by_fold_size;
};

/* The vocabulary is dropped when it grows past this many words (between two articles): about
 * 300 bytes a word with its stem and map slots, so 30 MB a worker at most, as the morphology
 * memo it replaces held (200,000 entries of about 130 bytes). */
enum { VOCABULARY_MAX = 100000, PHRASES_KEEP = 4096 };

EnWorker *
en_worker_new (void)
{
  EnWorker *worker = g_new0 (EnWorker, 1);
  strmap_init (&worker->words, 4096);
  strmap_init (&worker->stems, 4096);
  arena_init (&worker->lasting);
  arena_init (&worker->arena);
  for (int c = 0; c < 2; c++)
    {
      strmap_init (&worker->phrases[c], 256);
      ptrlist_init (&worker->order[c]);
    }
  worker->key = g_string_sized_new (64);
  worker->form = g_string_sized_new (64);
  ptrlist_init (&worker->ranked);
  ptrlist_init (&worker->chosen);
  return worker;
}

void
en_worker_free (EnWorker *worker)
{
  if (worker == NULL)
    return;
  g_free (worker->words.slots);
  g_free (worker->stems.slots);
  arena_free (&worker->lasting);
  arena_free (&worker->arena);
  for (int c = 0; c < 2; c++)
    {
      g_free (worker->phrases[c].slots);
      g_free (worker->order[c].pdata);
    }
  g_string_free (worker->key, TRUE);
  g_string_free (worker->form, TRUE);
  g_free (worker->ranked.pdata);
  g_free (worker->chosen.pdata);
  for (int slot = 0; slot < 2; slot++)
    {
      g_free (worker->buffers[slot]);
      g_free (worker->tags[slot]);
    }
  g_free (worker->by_fold);
  g_free (worker);
}

/* Words past this many are not kept for the next article (memory flat after a huge one). */
enum { WORDS_KEEP = 1 << 16 };

/* A new article: a new stamp (the vocabulary dropped when it grew too big). */
static void
worker_begin (EnWorker *worker)
{
  if (worker->words.size > VOCABULARY_MAX || ++worker->stamp == 0)
    {
      strmap_clear (&worker->words, 4096);
      strmap_clear (&worker->stems, 4096);
      arena_reset (&worker->lasting);
      g_ptr_array_set_size (worker->lasting.blocks, 0);
      worker->stamp = 1;
    }
}

typedef struct _Phrase Phrase;
static guint32 phrase_hash (gconstpointer phrase);

/* Empties @map, whose phrases are those of @order.  A map the largest article grew is mostly
 * empty for the next ones: then only its phrases' slots are cleared, each found from its hash
 * (past slots already cleared: every phrase is there), not the whole table. */
static void
clear_phrases (StrMap *map, const PtrList *order)
{
  if (map->mask + 1 > PHRASES_KEEP || (gsize) map->size * 8 > map->mask + 1U)
    {
      strmap_clear (map, PHRASES_KEEP);
      return;
    }
  for (guint p = 0; p < order->len; p++)
    {
      gconstpointer phrase = g_ptr_array_index (order, p);
      guint i = phrase_hash (phrase) & map->mask;
      while (map->slots[i].value != phrase)
        i = (i + 1) & map->mask;
      map->slots[i] = (Slot) { NULL, NULL, 0, 0 };
    }
  map->size = 0;
}

/* The article is done: its candidates go, and what a large one grew is given back now, not at
 * the next article, so that the memory the stage holds while later stages run stays flat. */
static void
worker_end (EnWorker *worker)
{
  arena_reset (&worker->arena);
  ptrlist_clear (&worker->ranked, PHRASES_KEEP);
  ptrlist_clear (&worker->chosen, PHRASES_KEEP);
  for (int c = 0; c < 2; c++)
    {
      clear_phrases (&worker->phrases[c], &worker->order[c]);
      ptrlist_clear (&worker->order[c], PHRASES_KEEP);
      if (worker->capacity[c] > WORDS_KEEP)
        {
          g_clear_pointer (&worker->buffers[c], g_free);
          g_clear_pointer (&worker->tags[c], g_free);
          worker->capacity[c] = 0;
        }
    }
  if (worker->by_fold_size > WORDS_KEEP)
    {
      g_clear_pointer (&worker->by_fold, g_free);
      worker->by_fold_size = 0;
    }
}

/* ends_with for a word of @length bytes and a literal suffix. */
#define word_ends_with(word, length, literal)                                   \
  ((length) >= sizeof (literal) - 1                                              \
   && memcmp ((word) + (length) - (sizeof (literal) - 1), literal, sizeof (literal) - 1) == 0)

/* A light plural folding, so that "homes" and "home" are one phrase: the stem of @word
 * (@length bytes) is its first bytes, as many as returned, and a 'y' when @y is set. */
static gsize
stem_of (const char *word, gsize length, gboolean *y)
{
  *y = FALSE;
  if (length > 4 && word_ends_with (word, length, "ies"))
    {
      *y = TRUE;
      return length - 3;
    }
  if (length > 3 && word[length - 1] == 's' && !word_ends_with (word, length, "ss")
      && !word_ends_with (word, length, "us") && !word_ends_with (word, length, "is"))
    return length - 1;
  return length;
}

/* g_utf8_strlen (@text, @length) without the call for ASCII, nearly every word. */
static guint
chars_of (const char *text, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80)
      return g_utf8_strlen (text, length);
  return length;
}

/* The stem of the word @lower (@length bytes), interned: a new word's, asked once. */
static Stem *
intern_stem (EnWorker *worker, const char *lower, gsize length)
{
  gboolean y;
  gsize cut = stem_of (lower, length, &y);
  GString *key = g_string_set_size (worker->key, cut + (y ? 1 : 0));
  memcpy (key->str, lower, cut);
  if (y)
    key->str[cut] = 'y';
  guint32 hash = hash_bytes (key->str, key->len);
  Stem *stem = strmap_lookup (&worker->stems, key->str, key->len, hash);
  if (stem == NULL)
    {
      stem = arena_alloc0 (&worker->lasting, sizeof (Stem));
      stem->text = arena_strndup (&worker->lasting, key->str, key->len);
      stem->length = key->len;
      stem->hash = hash;
      stem->chars = chars_of (stem->text, stem->length);
      strmap_insert (&worker->stems, stem->text, stem->length, hash, stem);
    }
  return stem;
}

#define BYTES_OF(c) (G_GUINT64_CONSTANT (0x0101010101010101) * (c))

/* @word (8 ASCII bytes) with A-Z in lower case: a byte's top bit marks it at or past 'A' after
 * one addition and past 'Z' after another (no carry: every byte is below 0x80). */
static inline guint64
ascii_lower (guint64 word)
{
  guint64 from_a = word + BYTES_OF (0x80 - 'A'), past_z = word + BYTES_OF (0x80 - 'Z' - 1);
  return word | ((from_a & ~past_z & BYTES_OF (0x80)) >> 2);
}

/* The worker's word map's hash is the segmentation's (nf_text_fold_hash), so that a token's
 * fold is looked up with the hash it carries: the same pieces of 8 bytes, built here while
 * folding. */
static inline guint64
word_hash_begin (gsize length)
{
  return (G_GUINT64_CONSTANT (0xcbf29ce484222325) ^ length) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
}

static inline guint64
word_hash_step (guint64 state, guint64 word)
{
  state = (state ^ word) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return state ^ (state >> 29);
}

static inline guint32
word_hash_end (guint64 state)
{
  return (guint32) (state >> 32);
}

/* Whether @lower (@length bytes) is a particle that other languages' names hold in lower case
 * ("Minera Andina del Norte", "Ludwig van Beethoven", "Rio de la Plata"): none is an English
 * word that could stand between two names. */
static gboolean
is_name_particle (const char *lower, gsize length)
{
  static const char *const particles[] = {
    "de", "del", "della", "dei", "degli", "di", "da", "das", "do", "dos", "du", "des",
    "la", "le", "van", "von", "der", "den", "ter", "ten", "bin", "ibn", "al", "el", "y",
  };
  if (length > 5 || strchr ("abdeilty", lower[0]) == NULL)
    return FALSE; /* (the particles' first letters: most words are out after one look) */
  for (guint k = 0; k < G_N_ELEMENTS (particles); k++)
    if (particles[k][0] == lower[0] && strcmp (lower, particles[k]) == 0)
      return TRUE;
  return FALSE;
}

/* The entry of the folded word @lower (@length bytes, @hash its nf_text_fold_hash), added to
 * the vocabulary when new. */
static Lex *
lex_of_folded (EnWorker *worker, const EnLexicon *lexicon, const char *lower, gsize length, guint32 hash)
{
  Lex *lex = strmap_lookup (&worker->words, lower, length, hash);
  if (lex)
    return lex;
  lex = arena_alloc0 (&worker->lasting, sizeof (Lex));
  lex->lower = arena_strndup (&worker->lasting, lower, length);
  lex->length = length;
  lex->chars = chars_of (lex->lower, length);
  guint closed = GPOINTER_TO_UINT (strmap_lookup (&lexicon->closed, lex->lower, length, hash_bytes (lex->lower, length)));
  lex->closed = closed & CLOSED_TAG;
  lex->time = (closed & CLOSED_TIME) != 0;
  lex->particle = is_name_particle (lex->lower, length);
  lex->stem = intern_stem (worker, lex->lower, length);
  strmap_insert (&worker->words, lex->lower, length, hash, lex);
  return lex;
}

/* The entry of the word @text (@length bytes, no possessive): folded as fold () does, ASCII
 * without a copy. */
static Lex *
lex_of (EnWorker *worker, const EnLexicon *lexicon, const char *text, gsize length)
{
  /* Every token comes here: ASCII is folded and hashed 8 bytes at a time (the worker's word
   * map has a hash of its own, word_hash), the rest folded by fold (). */
  char buffer[256 + 8];
  guint64 state = word_hash_begin (length);
  gboolean ascii = length < 256;
  gsize i = 0;
  for (; ascii && i + 8 <= length; i += 8)
    {
      guint64 word;
      memcpy (&word, text + i, 8);
      if (word & BYTES_OF (0x80))
        ascii = FALSE;
      else
        {
          word = ascii_lower (word);
          memcpy (buffer + i, &word, 8);
          state = word_hash_step (state, word);
        }
    }
  if (ascii && i < length)
    {
      guint64 word = nf_load_bytes (text + i, length - i, 0);
      if (word & BYTES_OF (0x80))
        ascii = FALSE;
      else
        {
          word = ascii_lower (word);
          memcpy (buffer + i, &word, 8); /* its zeros end the string */
          state = word_hash_step (state, word);
        }
    }
  char *folded = NULL;
  const char *lower = buffer;
  gsize lower_length = length;
  guint32 hash;
  if (ascii)
    {
      buffer[length] = '\0';
      hash = word_hash_end (state);
    }
  else
    {
      g_autofree char *original = g_strndup (text, length);
      lower = folded = fold (original);
      lower_length = strlen (folded);
      hash = nf_text_fold_hash (lower, lower_length);
    }
  Lex *lex = lex_of_folded (worker, lexicon, lower, lower_length, hash);
  g_free (folded);
  return lex;
}

/* rarity () of a word asked for the first time: its line's gloss frequency. */
static G_GNUC_NO_INLINE double
rarity_of_new (const EnLexicon *lexicon, Lex *lex)
{
  const char *numbers = lookup_length (lexicon, lex->lower, lex->length);
  guint32 df = numbers ? line_field (numbers, FIELD_DF) : 0;
  lex->rarity = log ((lexicon->glosses + 1) / (df + 1.0));
  lex->rarity_known = TRUE;
  return lex->rarity;
}

/* (inline: every word of every candidate asks, nearly always a word known already) */
static inline double
rarity (const EnLexicon *lexicon, Lex *lex)
{
  return G_LIKELY (lex->rarity_known) ? lex->rarity : rarity_of_new (lexicon, lex);
}

/* Each token's word once: its vocabulary entry (equal words are equal pointers), its length
 * without a possessive 's, and its case.  One per token, so 16 bytes, not 24: a 6 MB article
 * has 1.1 million tokens (issue 12). */
typedef struct {
  Lex  *lex;                  /* NULL for punctuation and symbols */
  guint length : 30;          /* bytes of the surface form, without a possessive */
  guint possessive : 1;
  guint capital : 1;
} Word;

/* Not a vocabulary entry: by_fold's mark of a fold that is not ASCII, whose tokens are folded
 * by lex_of (fold () lowers some characters otherwise than the segmentation's folding). */
static Lex not_ascii;

/* The entry of a token of @length bytes (without possessive) whose fold is @f: the article's
 * tokens of one ASCII fold share it, found in @by_fold after the first (NULL: not yet). */
static Lex *
lex_of_token (EnWorker *worker, const EnLexicon *lexicon, const char *text, gsize length,
              const NfFold *f, Lex **by_fold)
{
  /* an ASCII fold as long as the token is the token's own bytes lowered: every other
   * character is two bytes or more, folded to one byte or to more than ASCII; a token
   * without its possessive is longer than its fold */
  if (f->length == length && *by_fold != &not_ascii)
    {
      if (*by_fold)
        return *by_fold;
      /* ASCII: no top bit set, asked 8 bytes at a time */
      guint64 high = 0;
      gsize k = 0;
      for (; k + 8 <= f->length; k += 8)
        {
          guint64 piece;
          memcpy (&piece, f->text + k, 8);
          high |= piece;
        }
      if (k < f->length)
        high |= nf_load_bytes (f->text + k, f->length - k, 0);
      if ((high & BYTES_OF (0x80)) == 0)
        return *by_fold = lex_of_folded (worker, lexicon, f->text, f->length, f->hash);
      *by_fold = &not_ascii;
    }
  return lex_of (worker, lexicon, text, length);
}

/* The Words of the tokens of @segmentation (NULL: none), in the worker's array @slot (0 body,
 * 1 headline) until the next article; worker->tags[@slot] has room for their tags.  @casing
 * (the body): how the text writes each word is noted in its entry as well, in this pass over
 * the tokens: in lower case somewhere (Lex.body_lower: a capital in the headline or at a
 * sentence's start is typography), or capitalised mid-sentence (Lex.body_upper: a name). */
static Word *
words_of (EnWorker *worker, int slot, const EnLexicon *lexicon, const char *text, const NfText *segmentation,
          gboolean casing)
{
  guint n_tokens = 0, n_folds = 0;
  const NfToken *tokens = segmentation ? nf_text_get_tokens (segmentation, &n_tokens) : NULL;
  const NfFold *folds = NULL;
  /* (not for a headline's few tokens: building its folds costs more than folding them) */
  const guint32 *fold_ids = segmentation && slot == 0 ? nf_text_get_fold_ids (segmentation, &folds, &n_folds) : NULL;
  if (worker->by_fold_size < n_folds)
    {
      g_free (worker->by_fold);
      worker->by_fold_size = MAX (n_folds, 256);
      worker->by_fold = g_new (Lex *, worker->by_fold_size);
    }
  if (n_folds)
    memset (worker->by_fold, 0, n_folds * sizeof (Lex *));
  if (worker->capacity[slot] < (gsize) n_tokens + 1)
    {
      g_free (worker->buffers[slot]);
      g_free (worker->tags[slot]);
      worker->capacity[slot] = MAX ((gsize) n_tokens + 1, 256);
      worker->buffers[slot] = g_new (Word, worker->capacity[slot]);
      worker->tags[slot] = g_new (EnTag, worker->capacity[slot]);
    }
  /* Each distinct word's entry is found through loads that depend on each other (the map's
   * slot, then the key and the entry it points to), and they miss the cache: the vocabulary
   * is large and the other stages ran since the last article.  One after the other they were
   * the stage's largest cost in time (a sampling profile, not the instruction count); asked
   * for ahead, all folds' slots and then their entries, the misses overlap. */
  for (guint f = 0; fold_ids && f < n_folds; f++)
    strmap_prefetch_slot (&worker->words, folds[f].hash);
  for (guint f = 0; fold_ids && f < n_folds; f++)
    strmap_prefetch_entry (&worker->words, folds[f].hash);
  Word *words = worker->buffers[slot];
  for (guint i = 0; i < n_tokens; i++)
    {
      const NfToken *token = &tokens[i];
      if (token->kind != NF_TOKEN_WORD && token->kind != NF_TOKEN_NUMBER)
        {
          words[i] = (Word) { NULL, 0, 0, 0 };
          continue;
        }
      gboolean possessive = FALSE;
      gsize length = token->kind == NF_TOKEN_WORD ? word_length (text, token, &possessive)
                                                  : token->end - token->start;
      Lex *lex = fold_ids ? lex_of_token (worker, lexicon, text + token->start, length,
                                          &folds[fold_ids[i]], &worker->by_fold[fold_ids[i]])
                          : lex_of (worker, lexicon, text + token->start, length);
      /* built whole and stored once: not a read and write of its bit-fields each */
      gboolean capital = token->kind == NF_TOKEN_WORD && is_upper_initial (text + token->start, length);
      words[i] = (Word) {
        .lex = lex,
        .length = MIN (length, (gsize) (1u << 30) - 1), /* a 1 GB "word" is no phrase */
        .possessive = possessive,
        .capital = capital,
      };
      if (lex->stamp != worker->stamp)
        {
          lex->stamp = worker->stamp;
          lex->tf = 0;
          lex->body_lower = lex->body_upper = FALSE;
          lex->by_word = NULL;
          lex->stem->stamp = worker->stamp;
          lex->stem->heads = lex->stem->modifiers = 0;
        }
      if (casing && token->kind == NF_TOKEN_WORD)
        {
          if (!capital)
            lex->body_lower = TRUE;
          else if (!(token->flags & NF_TOKEN_SENTENCE_START))
            lex->body_upper = TRUE;
        }
    }
  words[n_tokens] = (Word) { NULL, 0, 0, 0 };
  return words;
}

static gboolean
possessive_pronoun (const char *lower)
{
  return strcmp (lower, "mine") == 0 || strcmp (lower, "yours") == 0 || strcmp (lower, "hers") == 0
         || strcmp (lower, "ours") == 0 || strcmp (lower, "theirs") == 0;
}

/* Whether the word after @i (in its sentence) is a past form that is only a verb ("called"). */
static gboolean
next_is_past (const EnLexicon *lexicon, const NfToken *tokens, const Word *words, guint n_tokens, guint i)
{
  if (i + 1 >= n_tokens || tokens[i + 1].kind != NF_TOKEN_WORD || tokens[i + 1].sentence != tokens[i].sentence)
    return FALSE;
  Lex *next = words[i + 1].lex;
  if (next == NULL || next->closed || words[i + 1].capital)
    return FALSE;
  if (!next->analysed)
    {
      morph (lexicon, next->lower, &next->morph);
      next->analysed = TRUE;
    }
  const Morph *m = &next->morph;
  return m->verb_form == 'e' && m->count[NOUN] == 0 && m->count[ADJ] == 0;
}

static EnTag
tag_word (const EnLexicon *lexicon, const NfToken *tokens, const Word *words, guint n_tokens, guint i,
          EnTag previous, gboolean after_possessive, gboolean headline, gboolean with_body,
          gboolean after_dateline)
{
  const NfToken *token = &tokens[i];
  Lex *lex = words[i].lex;
  const char *lower = lex->lower;
  gboolean first = (token->flags & NF_TOKEN_SENTENCE_START) || after_dateline;
  gboolean capital = words[i].capital;

  if (lex->closed)
    {
      EnTag tag = lex->closed - 1;
      /* Capitalised mid-sentence, an adverb is part of a name ("Never Say Die"). */
      gboolean function_word = tag == EN_TAG_DET || tag == EN_TAG_ADP || tag == EN_TAG_CONJ
                               || tag == EN_TAG_AUX || tag == EN_TAG_PRON || tag == EN_TAG_PART
                               || tag == EN_TAG_TITLE;
      gboolean pronoun_i = lex->length == 1 && lower[0] == 'i';
      /* A possessive pronoun right after a determiner, adjective or noun is the noun it is
       * spelled as ("the Cerro Alto copper mine"), when the lexicon knows one (an object
       * pronoun may follow a noun: "under the ice it went"). */
      gboolean noun_after = tag == EN_TAG_PRON && !capital
                            && (previous == EN_TAG_DET || previous == EN_TAG_ADJ || previous == EN_TAG_NOUN
                                || previous == EN_TAG_PROPN || previous == EN_TAG_NUM)
                            && possessive_pronoun (lower);
      if (noun_after)
        {
          if (!lex->analysed)
            {
              morph (lexicon, lower, &lex->morph);
              lex->analysed = TRUE;
            }
          if (lex->morph.count[NOUN] > 0)
            return EN_TAG_NOUN;
        }
      if (!(capital && !first && !pronoun_i && !function_word))
        return tag;
    }
  /* Words repeat within an article and across articles: morphology once per word. */
  if (!lex->analysed)
    {
      morph (lexicon, lower, &lex->morph);
      lex->analysed = TRUE;
    }
  const Morph *m = &lex->morph;
  gboolean body_lower = with_body && lex->body_lower, body_upper = with_body && lex->body_upper;
  if (capital && !first && !headline)
    return EN_TAG_PROPN;
  if (capital && headline && !first)
    {
      if (body_lower)
        ; /* the body writes it in lower case: a common word in title case */
      else if (body_upper || !m->found)
        return EN_TAG_PROPN;
    }
  /* A sentence's first word that the text capitalises elsewhere and never writes in lower
   * case is a name ("Cooper said" after "Garth Cooper"). */
  if (capital && first && !headline && body_upper && !body_lower)
    return EN_TAG_PROPN;
  if (capital && (first || headline))
    {
      /* A sentence's first word: a name when the next word is capitalised too. */
      gboolean next_capital = i + 1 < n_tokens && tokens[i + 1].kind == NF_TOKEN_WORD
                              && tokens[i + 1].sentence == token->sentence && words[i + 1].capital
                              && !words[i + 1].lex->closed;
      if (!m->found || (!headline && next_capital))
        return EN_TAG_PROPN;
    }
  if (!m->found)
    {
      if (lex_ends_with (lex, "ly"))
        return EN_TAG_ADV;
      if (lex_ends_with (lex, "ing") || lex_ends_with (lex, "ed"))
        return EN_TAG_VERB;
      return EN_TAG_NOUN;
    }
  double noun = m->count[NOUN], verb = m->count[VERB], adjective = m->count[ADJ], adverb = m->count[ADV];
  if (previous == EN_TAG_DET || previous == EN_TAG_ADJ || previous == EN_TAG_NUM || after_possessive)
    verb *= 0.1;
  else if ((previous == EN_TAG_PRON || previous == EN_TAG_PART || previous == EN_TAG_AUX) && verb > 0)
    {
      verb *= 5;
      noun *= 0.2;
    }
  if (previous == EN_TAG_ADP)
    verb *= 0.2;
  if (m->verb_form == 'i' && (previous == EN_TAG_DET || previous == EN_TAG_ADJ || previous == EN_TAG_ADP))
    verb *= 0.5;
  if (m->verb_form == 'e' && (previous == EN_TAG_NOUN || previous == EN_TAG_PROPN || previous == EN_TAG_PRON))
    verb *= 3;
  /* A verb takes an object or a complement; a noun before "must", "on" or a comma is the
   * head of its phrase ("security guarantees must be binding"). */
  if (verb > 0 && (previous == EN_TAG_NOUN || previous == EN_TAG_PROPN) && i + 1 < n_tokens
      && tokens[i + 1].sentence == token->sentence)
    {
      int next_closed = words[i + 1].lex ? words[i + 1].lex->closed : 0;
      EnTag next = next_closed ? (EnTag) (next_closed - 1) : EN_TAG_NOUN;
      if (tokens[i + 1].kind == NF_TOKEN_PUNCT || next == EN_TAG_AUX || next == EN_TAG_ADP || next == EN_TAG_CONJ)
        verb *= 0.2;
      /* ... but a word between a name and its object is the verb ("Page relishes the
       * role", "Brown denied them"). */
      else if (next_closed && (next == EN_TAG_DET || next == EN_TAG_PRON))
        verb *= 5;
    }
  /* A plural before a past tense is its subject, no verb ("a decision privacy advocates
   * called historic"): two finite verbs do not follow each other. */
  if (verb > 0 && noun > 0 && !headline && lex_ends_with (lex, "s") && next_is_past (lexicon, tokens, words, n_tokens, i))
    verb *= 0.1;
  /* Headlines are in the present tense: "Kenya appeals", "Mumbai speeds". */
  if (headline && verb > 0 && lex_ends_with (lex, "s") && (previous == EN_TAG_NOUN || previous == EN_TAG_PROPN))
    verb *= 10;
  EnTag best = EN_TAG_NOUN;
  double best_score = noun;
  if (verb > best_score)
    best = EN_TAG_VERB, best_score = verb;
  if (adjective * 1.2 > best_score)
    best = EN_TAG_ADJ, best_score = adjective * 1.2;
  if (adverb > best_score)
    best = EN_TAG_ADV, best_score = adverb;
  return best_score > 0 ? best : EN_TAG_NOUN;
}

static gboolean
name_particle (const Lex *lex)
{
  return lex != NULL && lex->particle;
}

/* A particle in lower case between two parts of a name is part of it: tagged a proper noun,
 * so that the name stays whole and the particle is never a key word of its own ("del"). */
static void
join_name_particles (const NfToken *tokens, const Word *words, guint n_tokens, EnTag *tags)
{
  for (guint i = 1; i + 1 < n_tokens; i++)
    {
      if (tags[i - 1] != EN_TAG_PROPN || words[i].capital || !name_particle (words[i].lex))
        continue;
      guint next = i + 1;
      if (next + 1 < n_tokens && !words[next].capital && name_particle (words[next].lex))
        next++; /* "de la" */
      if (tokens[next].sentence != tokens[i].sentence || tokens[next].kind != NF_TOKEN_WORD
          || !words[next].capital || tags[next] != EN_TAG_PROPN)
        continue;
      for (guint k = i; k < next; k++)
        tags[k] = EN_TAG_PROPN;
      i = next - 1;
    }
}

/* @with_body: the body's casing (words_of's @casing) informs the tags.  @skip: where the text after
 * the dateline begins (its first word is capitalised as a sentence's first is: "GENEVA
 * (Reuters) - Measles cases rose"). */
static void
tag_words (const EnLexicon *lexicon, const NfToken *tokens, const Word *words, guint n_tokens,
           gboolean headline, gboolean with_body, gsize skip, EnTag *tags)
{
  EnTag previous = EN_TAG_PUNCT;
  gboolean after_possessive = FALSE;
  for (guint i = 0; i < n_tokens; i++)
    {
      gboolean after_dateline = skip > 0 && tokens[i].start >= skip && (i == 0 || tokens[i - 1].start < skip);
      if ((tokens[i].flags & NF_TOKEN_SENTENCE_START) || after_dateline)
        previous = EN_TAG_PUNCT, after_possessive = FALSE;
      if (tokens[i].kind == NF_TOKEN_NUMBER)
        tags[i] = EN_TAG_NUM;
      else if (tokens[i].kind != NF_TOKEN_WORD)
        tags[i] = EN_TAG_PUNCT;
      else
        tags[i] = tag_word (lexicon, tokens, words, n_tokens, i, previous, after_possessive, headline, with_body,
                            after_dateline);
      /* "the company's chief": after a possessive comes a noun phrase, as after "the". */
      previous = tags[i];
      after_possessive = words[i].possessive;
    }
  join_name_particles (tokens, words, n_tokens, tags);
}

void
en_tag (const EnLexicon *lexicon, const char *text, const NfText *segmentation, gboolean headline,
        EnWorker *worker, EnTag *tags)
{
  guint n_tokens;
  const NfToken *tokens = nf_text_get_tokens (segmentation, &n_tokens);
  worker_begin (worker);
  Word *words = words_of (worker, 0, lexicon, text, segmentation, FALSE);
  tag_words (lexicon, tokens, words, n_tokens, headline, FALSE, 0, tags);
  worker_end (worker);
}

/* ---- candidates and ranking --------------------------------------------------------------- */

/* A surface form of a candidate, in its list in order of first use. */
typedef struct _Form Form;
struct _Form {
  const char *text;     /* @length bytes: the article's own (no NUL after), or a copy in the arena */
  gsize       length;
  guint       count;    /* uses outside the headline */
  Form       *next;
};

/* A candidate, in the worker's arena with its strings: an article has hundreds of
 * candidates, and a malloc and free for each (and for its arrays) was a fifth of the stage. */
struct _Phrase {
  char      *key;       /* the stems of its words, lower case, space-separated */
  gsize      key_length;
  guint32    hash;      /* the key's, where the collector's map has it */
  Lex      **words;     /* the words of its first occurrence */
  guint      n_words;
  Form      *forms, *last_form; /* surface forms in order of first use, how often each */
  gboolean   name;      /* every word a proper noun */
  gboolean   adjectives; /* every word an adjective */
  gboolean   some_name; /* a proper noun among its words */
  gboolean   number;    /* a number among its words */
  guint      count, first, last, headline, order;
  guint      alone, within; /* the learned ranker: uses as a phrase of its own, inside longer ones */
  guint      total;     /* the learned ranker: uses as a single word (alone or inside phrases) */
  double    *features;  /* the learned ranker's features, kept when they are to be listed */
  gboolean   merged;
  gboolean   part_of_name; /* merged into a longer name ("Johnson" into "Ben Johnson") */
  double     score;
};

static guint32
phrase_hash (gconstpointer phrase)
{
  return ((const Phrase *) phrase)->hash;
}

typedef struct {
  const char    *text;
  const NfToken *tokens;
  const Word    *words;
  const EnTag   *tags;
  guint          n_tokens;
  guint          sentence_offset; /* body sentences are numbered after the headline's */
  gboolean       headline;
  gsize          skip;            /* tokens before this byte offset (a dateline) are ignored */
} Source;

/* Term frequencies (Lex.tf) and collect_words' phrase of each word (Lex.by_word) are the
 * article's, in the vocabulary: one collector counts them in an article. */
typedef struct {
  StrMap    *phrases;   /* key -> Phrase */
  PtrList   *order;     /* Phrase, in order of first occurrence */
  GString   *key, *form; /* add_candidate's buffers, reused: no allocation per occurrence */
  Arena     *arena;     /* the phrases, their keys and forms */
} Collector;

static gboolean
is_nominal (EnTag tag)
{
  return tag == EN_TAG_ADJ || tag == EN_TAG_NOUN || tag == EN_TAG_PROPN;
}

/* The form @text (@length bytes) of @phrase: a use of it outside the headline counts.
 * @stable: @text is the article's own bytes (not a buffer built for it), which outlive its
 * phrases: a new form points there, no copy. */
static void
count_form (Collector *collector, Phrase *phrase, const char *text, gsize length, gboolean headline,
            gboolean stable)
{
  Form *form = phrase->forms;
  while (form && !(form->length == length && bytes_equal (form->text, text, length)))
    form = form->next;
  if (form == NULL)
    {
      form = arena_alloc0 (collector->arena, sizeof (Form));
      form->text = stable ? text : arena_strndup (collector->arena, text, length);
      form->length = length;
      if (phrase->last_form)
        phrase->last_form->next = form;
      else
        phrase->forms = form;
      phrase->last_form = form;
    }
  /* A headline's title case is typography: the body's forms decide how it is printed. */
  if (!headline)
    form->count++;
}

/* A new phrase of the words [@start, @end) of @source, whose key (@key_length bytes, which
 * outlive the article's phrases) hashes to @hash. */
static Phrase *
new_phrase (Collector *collector, const Source *source, guint start, guint end, const char *key,
            gsize key_length, guint32 hash)
{
  /* The phrase and its words in one allocation, its fields stored once (no memset first). */
  guint n_words = end - start;
  Phrase *phrase = arena_alloc (collector->arena, sizeof (Phrase) + n_words * sizeof (Lex *));
  Lex **words = (Lex **) (phrase + 1);
  gboolean name = TRUE, adjectives = TRUE, some_name = FALSE, number = FALSE;
  for (guint i = start; i < end; i++)
    {
      words[i - start] = source->words[i].lex;
      name &= source->tags[i] == EN_TAG_PROPN;
      adjectives &= source->tags[i] == EN_TAG_ADJ;
      some_name |= source->tags[i] == EN_TAG_PROPN;
      number |= source->tags[i] == EN_TAG_NUM;
    }
  *phrase = (Phrase) {
    .key = (char *) key, .key_length = key_length, .hash = hash, .words = words, .n_words = n_words,
    .name = name, .adjectives = adjectives, .some_name = some_name, .number = number,
    .first = G_MAXUINT, .order = collector->order->len,
  };
  strmap_insert (collector->phrases, phrase->key, phrase->key_length, hash, phrase);
  ptrlist_add (collector->order, phrase);
  return phrase;
}

/* Whether the capital of the word @i is owed to the start of its sentence (or of the text
 * after the dateline) and the word is a common one: "Workers at the mine ..." is printed
 * "workers", as the text writes it elsewhere. */
static gboolean
capital_of_start (const Source *source, guint i)
{
  const NfToken *token = &source->tokens[i];
  if (source->headline || !source->words[i].capital || source->tags[i] == EN_TAG_PROPN
      || (token->flags & NF_TOKEN_ALL_CAPS))
    return FALSE;
  gboolean first = (token->flags & NF_TOKEN_SENTENCE_START) || (i > 0 && source->tokens[i - 1].start < source->skip);
  const char *c = source->text + token->start;
  return first && *c >= 'A' && *c <= 'Z';
}

/* count_form for the single word @i, lower-cased first when @lower_first. */
static void
count_word_form (Collector *collector, Phrase *phrase, const Source *source, guint i, gboolean lower_first)
{
  const char *text = source->text + source->tokens[i].start;
  gsize length = source->words[i].length;
  if (lower_first)
    {
      g_string_truncate (collector->form, 0);
      g_string_append_len (collector->form, text, length);
      collector->form->str[0] = g_ascii_tolower (text[0]);
      text = collector->form->str;
    }
  count_form (collector, phrase, text, length, source->headline, !lower_first);
}

static Phrase *
add_candidate (Collector *collector, const Source *source, guint start, guint end)
{
  gboolean lower_first = capital_of_start (source, start);
  if (end == start + 1)
    {
      /* One word (most candidates): its key is its stem, hashed once for the vocabulary, and
       * its form the token's bytes; nothing to build or copy. */
      const Stem *stem = source->words[start].lex->stem;
      Phrase *phrase = strmap_lookup (collector->phrases, stem->text, stem->length, stem->hash);
      if (phrase == NULL)
        phrase = new_phrase (collector, source, start, end, stem->text, stem->length, stem->hash);
      guint sentence = source->tokens[start].sentence + source->sentence_offset;
      phrase->count++;
      phrase->first = MIN (phrase->first, sentence);
      phrase->last = MAX (phrase->last, sentence);
      phrase->headline += source->headline;
      count_word_form (collector, phrase, source, start, lower_first);
      return phrase;
    }
  /* The key (the words' stems) and the form (as written), space-separated, sized first and
   * copied in: no append call per word. */
  GString *key = collector->key, *form = collector->form;
  gsize key_length = end - start - 1, form_length = end - start - 1;
  for (guint i = start; i < end; i++)
    {
      key_length += source->words[i].lex->stem->length;
      form_length += source->words[i].length;
    }
  g_string_set_size (key, key_length);
  g_string_set_size (form, form_length);
  char *k = key->str, *f = form->str;
  for (guint i = start; i < end; i++)
    {
      if (i > start)
        {
          *k++ = ' ';
          *f++ = ' ';
        }
      const Stem *stem = source->words[i].lex->stem;
      memcpy (k, stem->text, stem->length);
      k += stem->length;
      memcpy (f, source->text + source->tokens[i].start, source->words[i].length);
      f += source->words[i].length;
    }
  if (lower_first)
    form->str[0] = g_ascii_tolower (form->str[0]);
  guint32 hash = hash_bytes (key->str, key->len);
  Phrase *phrase = strmap_lookup (collector->phrases, key->str, key->len, hash);
  if (phrase == NULL)
    phrase = new_phrase (collector, source, start, end, arena_strndup (collector->arena, key->str, key->len),
                         key->len, hash);
  phrase->count++;
  phrase->first = MIN (phrase->first, source->tokens[start].sentence + source->sentence_offset);
  phrase->last = MAX (phrase->last, source->tokens[start].sentence + source->sentence_offset);
  phrase->headline += source->headline;
  count_form (collector, phrase, form->str, form->len, source->headline, FALSE);
  return phrase;
}

/* add_candidate for one word seen before: the same counts without building its key. */
static void
add_word_again (Collector *collector, Phrase *phrase, const Source *source, guint i)
{
  guint sentence = source->tokens[i].sentence + source->sentence_offset;
  phrase->count++;
  phrase->first = MIN (phrase->first, sentence);
  phrase->last = MAX (phrase->last, sentence);
  phrase->headline += source->headline;
  count_word_form (collector, phrase, source, i, capital_of_start (source, i));
}

/* Whether @lex is a plural the light folding takes back to a singular ("advocates"). */
static gboolean
plural (const Lex *lex)
{
  return lex->stem->length < lex->length && lex->lower[lex->length - 1] == 's';
}

/* Where the noun phrase [@start, @end) after "a", "an", "each", "every" or "another" must
 * end: that determiner takes a singular head, so a run of nouns ending in a plural is two
 * phrases, the determiner's ending at its first noun ("a decision | privacy advocates
 * called ...", an object relative clause without "that").  @end when the run is whole. */
static guint
singular_head (const Source *source, guint start, guint end)
{
  if (start == 0 || end < start + 2 || source->tokens[start - 1].sentence != source->tokens[start].sentence
      || source->tags[end - 1] != EN_TAG_NOUN || !plural (source->words[end - 1].lex))
    return end;
  const Lex *before = source->words[start - 1].lex;
  if (before == NULL || source->tags[start - 1] != EN_TAG_DET
      || !(strcmp (before->lower, "a") == 0 || strcmp (before->lower, "an") == 0 || strcmp (before->lower, "each") == 0
           || strcmp (before->lower, "every") == 0 || strcmp (before->lower, "another") == 0))
    return end;
  for (guint k = start; k + 1 < end; k++)
    if (source->tags[k] == EN_TAG_NOUN)
      return plural (source->words[k].lex) ? end : k;
  return end;
}

static void
collect (Collector *collector, const Source *source, const Collector *unused G_GNUC_UNUSED)
{
  const NfToken *tokens = source->tokens;
  const EnTag *tags = source->tags;
  guint n = source->n_tokens;
  for (guint i = 0; i < n; i++)
    if (tokens[i].start >= source->skip && (is_nominal (tags[i]) || tags[i] == EN_TAG_NUM))
      source->words[i].lex->tf++;
  for (guint i = 0; i < n;)
    {
      gboolean starts = tokens[i].start >= source->skip
                        && (is_nominal (tags[i])
                            || (tags[i] == EN_TAG_NUM && i + 1 < n && tokens[i + 1].sentence == tokens[i].sentence
                                && is_nominal (tags[i + 1])));
      if (!starts)
        {
          i++;
          continue;
        }
      guint j = i;
      while (j < n && tokens[j].sentence == tokens[i].sentence)
        {
          gboolean next_nominal = j + 1 < n && tokens[j + 1].sentence == tokens[j].sentence && is_nominal (tags[j + 1]);
          gboolean inside = is_nominal (tags[j])
                            || (tags[j] == EN_TAG_NUM && j > i && tags[j - 1] == EN_TAG_PROPN)
                            || (tags[j] == EN_TAG_NUM && next_nominal);
          if (!inside)
            break;
          /* "filmmaker James Cameron", "local runner Ramírez": a common word before a name
           * describes it and is no part of it. */
          if (j > i && tags[j] == EN_TAG_PROPN && (tags[j - 1] == EN_TAG_NOUN || tags[j - 1] == EN_TAG_ADJ))
            break;
          gboolean possessive = source->words[j].possessive;
          j++;
          if (possessive) /* "Canada's prime minister": the possessor ends its phrase */
            break;
        }
      guint end = j;
      while (end > i && tags[end - 1] != EN_TAG_NOUN && tags[end - 1] != EN_TAG_PROPN && tags[end - 1] != EN_TAG_NUM)
        end--;
      guint head = singular_head (source, i, end);
      if (head < end)
        {
          add_candidate (collector, source, i, head + 1);
          i = head + 1;
          continue;
        }
      if (end > i)
        add_candidate (collector, source, i, end);
      i = j == i ? j + 1 : j;
    }
}

/* unit = "words": every noun, proper noun and adjective of the text (not a number or a
 * word under three letters) is a candidate of its own, including the words inside phrases:
 * tag-like key words, as crowd readers pick them (500N-KPCrowd).  With @phrases (the learned
 * ranker, after the noun phrases were collected), a word that is a phrase of @phrases too
 * only counts its uses there (Phrase.total): allocating it twice cost a third of the time. */
static void
collect_words (Collector *collector, const Source *source, const Collector *phrases)
{
  for (guint i = 0; i < source->n_tokens; i++)
    {
      EnTag tag = source->tags[i];
      Lex *lex = source->words[i].lex;
      if (source->tokens[i].start < source->skip || lex == NULL || !is_nominal (tag) || lex->chars < 3)
        continue;
      /* Equal words are one entry: no key built after the first. */
      gpointer known = lex->by_word;
      if (GPOINTER_TO_SIZE (known) & 1)
        {
          /* A word that is also a noun phrase of its own: counted there, no second Phrase. */
          ((Phrase *) (GPOINTER_TO_SIZE (known) & ~(gsize) 1))->total++;
          continue;
        }
      if (known)
        {
          add_word_again (collector, known, source, i);
          continue;
        }
      const Stem *stem = lex->stem;
      Phrase *twin = phrases ? strmap_lookup (phrases->phrases, stem->text, stem->length, stem->hash) : NULL;
      if (twin)
        {
          twin->total++;
          lex->by_word = GSIZE_TO_POINTER (GPOINTER_TO_SIZE (twin) | 1);
        }
      else
        lex->by_word = add_candidate (collector, source, i, i + 1);
    }
}

/* Whether the words of @inner stand in a row inside @outer: whether @inner's key (its stems,
 * space-separated) is in @outer's between spaces or ends.  Stems are interned, one per text,
 * and have no spaces, so that is whether @inner's stems are a run of @outer's, compared as
 * pointers: merge_names asks it of every pair of names, with no string searched. */
static gboolean
key_contains (const Phrase *outer, const Phrase *inner)
{
  guint n = inner->n_words;
  for (guint at = 0; at + n <= outer->n_words; at++)
    {
      guint w = 0;
      while (w < n && outer->words[at + w]->stem == inner->words[w]->stem)
        w++;
      if (w == n)
        return TRUE;
    }
  return FALSE;
}

/* One phrase per idea: a plural that the light folding of stem_of leaves apart from its
 * singular ("menus", kept apart because "census" and "virus" end so too; "tornadoes") is
 * folded into the singular when the text also writes the singular.  Asking the text rather
 * than a suffix list keeps "census" whole. */
static void
merge_plurals (Collector *collector)
{
  for (guint i = 0; i < collector->order->len; i++)
    {
      Phrase *plural = g_ptr_array_index (collector->order, i);
      gsize length = plural->key_length;
      const char *last = plural->words[plural->n_words - 1]->lower;
      /* "menus" keeps its s in the key; "tornadoes" lost only the s ("tornadoe"). */
      gboolean s_kept = plural->key[length - 1] == 's';
      gboolean es_left = plural->key[length - 1] == 'e' && ends_with (last, "es");
      if (plural->merged || length < 4 || !(s_kept || es_left))
        continue;
      Phrase *singular = strmap_lookup (collector->phrases, plural->key, length - 1,
                                        hash_bytes (plural->key, length - 1));
      if (singular == NULL || singular == plural || singular->merged || singular->name != plural->name)
        continue;
      singular->count += plural->count;
      singular->total += plural->total;
      singular->first = MIN (singular->first, plural->first);
      singular->last = MAX (singular->last, plural->last);
      singular->headline += plural->headline;
      /* The plural's forms after the singular's (copies: the plural keeps its list). */
      for (const Form *form = plural->forms; form; form = form->next)
        {
          Form *copy = arena_alloc (collector->arena, sizeof (Form));
          *copy = *form;
          copy->next = NULL;
          if (singular->last_form)
            singular->last_form->next = copy;
          else
            singular->forms = copy;
          singular->last_form = copy;
        }
      plural->merged = TRUE;
    }
}
/* Above this many names of two words or more, merge_names indexes them by stem. */
enum { HOLDERS_INDEXED = 32 };

/* Names whole: "Johnson" counts for "Ben Johnson", "Path" for "Shining Path". */
static void
merge_names (Collector *collector, guint stamp)
{
  /* Only a name of two words or more can hold another: those are asked, in their order,
   * not every name (most are one word). */
  const PtrList *order = collector->order;
  guint longest = 0, n_holders = 0;
  GPtrArray *all = g_ptr_array_new ();
  for (guint i = 0; i < order->len; i++)
    {
      Phrase *phrase = g_ptr_array_index (order, i);
      if (phrase->name && phrase->n_words > 1)
        {
          g_ptr_array_add (all, phrase);
          n_holders++;
          longest = MAX (longest, phrase->n_words);
          for (guint w = 0; w < phrase->n_words; w++)
            phrase->words[w]->stem->held = stamp;
        }
    }
  /* With many holders, each stem of a holder -> the holders that have it, in their order: a
   * name is asked only of the holders of its rarest stem, not of every holder (quadratic in
   * an article of thousands of names); with a few, every holder is asked. */
  g_autoptr (GHashTable) holding = NULL;
  if (n_holders > HOLDERS_INDEXED)
    {
      holding = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < all->len; i++)
        {
          Phrase *phrase = g_ptr_array_index (all, i);
          for (guint w = 0; w < phrase->n_words; w++)
            {
              Stem *stem = phrase->words[w]->stem;
              GPtrArray *list = g_hash_table_lookup (holding, stem);
              if (!list)
                g_hash_table_insert (holding, stem, list = g_ptr_array_new ());
              if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != phrase)
                g_ptr_array_add (list, phrase);
            }
        }
    }
  /* The names, shortest first, in their order among equals (a name's count grows with the
   * names merged into it before it is merged itself); one as long as the longest holder
   * has no holder. */
  for (guint words = 1; words < longest; words++)
    for (guint i = 0; i < order->len; i++)
      {
        Phrase *name = g_ptr_array_index (order, i);
        /* (a name whose first word is in no holder is in none) */
        if (!name->name || name->n_words != words || name->words[0]->stem->held != stamp)
          continue;
        /* (every holder of the name has each of its stems: those of the rarest suffice) */
        const GPtrArray *candidates = holding ? NULL : all;
        for (guint w = 0; holding && w < name->n_words; w++)
          {
            Stem *stem = name->words[w]->stem;
            const GPtrArray *list = stem->held == stamp ? g_hash_table_lookup (holding, stem) : NULL;
            if (!list || !candidates || list->len < candidates->len)
              candidates = list;
            if (!list)
              break;
          }
        Phrase *best = NULL;
        for (guint k = 0; candidates && k < candidates->len; k++)
          {
            Phrase *longer = g_ptr_array_index (candidates, k);
            if (longer->n_words > name->n_words && key_contains (longer, name)
                && (best == NULL || longer->count > best->count))
              best = longer;
          }
        if (best == NULL)
          continue;
        best->count += name->count;
        best->first = MIN (best->first, name->first);
        best->last = MAX (best->last, name->last);
        best->headline += name->headline;
        name->merged = TRUE;
        name->part_of_name = TRUE;
      }
  g_ptr_array_unref (all);
}

/* Whether @x ranks before @y: the higher score, then the earlier phrase. */
static inline gboolean
score_before (const Phrase *x, const Phrase *y)
{
  if (x->score != y->score)
    return x->score > y->score;
  return x->order < y->order;
}

/* Sorts @ranked best first, stably: the phrase and the single word that tie (same score, same
 * order in their two collectors) keep the order they were ranked in. */
KEYWORDS_DEFINE_STABLE_SORT (sort_by_score, PtrList, Phrase, score_before)
KEYWORDS_DEFINE_STABLE_TOP (top_by_score, PtrList, Phrase, score_before)

/* How many of the best candidates are picked out before the rest are sorted, if ever: the
 * key phrases asked for and room for the parts of better ones that are skipped. */
enum { TOP_PICKED = 32 };

/* unit = "words": how often the word is used times its rarity, gently discounted by the
 * sentence it first appears in; a headline word counts as any other. */
static void
score_words (const EnLexicon *lexicon, Collector *collector, PtrList *ranked)
{
  for (guint i = 0; i < collector->order->len; i++)
    {
      Phrase *phrase = g_ptr_array_index (collector->order, i);
      Lex *word = phrase->words[0];
      if (phrase->merged || word->time)
        continue;
      phrase->score = phrase->count * rarity (lexicon, word) / pow (1 + phrase->first, 0.3);
      if (phrase->score > 0)
        ptrlist_add (ranked, phrase);
    }
}

/* log1p and log of small counts and the rules' position discount, (1 + sentence)^0.8, computed
 * once: the learned ranker asks for seven logarithms of whole numbers per candidate. */
enum { LOG1P_TABLE = 256, DISCOUNT_TABLE = 1024 };
static double log1p_table[LOG1P_TABLE], log_table[LOG1P_TABLE], discount_table[DISCOUNT_TABLE];

static void
tables_init (void)
{
  static gsize done = 0;
  if (g_once_init_enter (&done))
    {
      for (guint n = 0; n < LOG1P_TABLE; n++)
        {
          log1p_table[n] = log1p (n);
          log_table[n] = log (n);
        }
      for (guint n = 0; n < DISCOUNT_TABLE; n++)
        discount_table[n] = pow (1 + n, 0.8);
      g_once_init_leave (&done, 1);
    }
}

static inline double
log1p_count (guint n)
{
  return n < LOG1P_TABLE ? log1p_table[n] : log1p (n);
}

/* The hand-made ranking: the mean weight of the phrase's words (frequency in the story x
 * rarity), times log repetition, discounted by the sentence of its first use; phrases of
 * several words and of the headline count more. */
static double
rules_formula (double weight, const Phrase *phrase, guint count)
{
  guint n = phrase->n_words;
  double discount = phrase->first < DISCOUNT_TABLE ? discount_table[phrase->first] : pow (1 + phrase->first, 0.8);
  count = MAX (count, 1);
  double score = weight / n * (1 + (count < LOG1P_TABLE ? log_table[count] : log (count))) / discount;
  if (n > 1)
    score *= 1.5;
  if (phrase->headline)
    score *= 1.5;
  return score;
}

static double
rules_score (const EnLexicon *lexicon, const Phrase *phrase, guint count)
{
  double weight = 0;
  for (guint w = 0; w < phrase->n_words; w++)
    weight += phrase->words[w]->tf * rarity (lexicon, phrase->words[w]);
  return rules_formula (weight, phrase, count);
}

/* Whether every word of the phrase is a day, a month or "year" ("Tuesday", "last week"). */
static gboolean
all_time (const Phrase *phrase)
{
  for (guint w = 0; w < phrase->n_words; w++)
    if (!phrase->words[w]->time)
      return FALSE;
  return TRUE;
}

/* The characters of a single word's key. */
static guint
key_chars (const Phrase *phrase)
{
  return phrase->words[0]->stem->chars; /* a single word's key is its stem */
}

static void
score_phrases (const EnLexicon *lexicon, Collector *collector, guint max_words, PtrList *ranked)
{
  for (guint i = 0; i < collector->order->len; i++)
    {
      Phrase *phrase = g_ptr_array_index (collector->order, i);
      guint n = phrase->n_words;
      if (phrase->merged || phrase->adjectives || (n > max_words && !phrase->name)
          || (n == 1 && key_chars (phrase) < 2))
        continue;
      /* A headline's run of title-case words that the body never writes ("North Florida
       * Tornado", "Stable Condition") is typography, not a phrase of the story; its words
       * still count through the term frequencies. */
      if (all_time (phrase) || phrase->headline == phrase->count)
        continue;
      phrase->score = rules_score (lexicon, phrase, phrase->count);
      if (phrase->score > 0)
        ptrlist_add (ranked, phrase);
    }
}

/* The learned ranker's view of one candidate (ranker.h says what each feature is). */
static void
features_of (const EnLexicon *lexicon, const Phrase *phrase, guint n_sentences, double *x)
{
  guint n = phrase->n_words, tf_max = 0;
  double rarity_sum = 0, rarity_min = G_MAXDOUBLE, weight = 0;
  gboolean time = TRUE;
  for (guint w = 0; w < n; w++)
    {
      Lex *word = phrase->words[w];
      double r = rarity (lexicon, word);
      rarity_sum += r;
      rarity_min = MIN (rarity_min, r);
      guint tf = word->tf;
      weight += tf * r;
      tf_max = MAX (tf_max, tf);
      time &= word->time;
    }
  double sentences = MAX (n_sentences, 1);
  guint uses = phrase->alone + phrase->within;
  /* every feature is stored below: no clearing first */
  G_STATIC_ASSERT (EN_N_FEATURES == EN_FEATURE_TF_MAX + 1);
  x[EN_FEATURE_BIAS] = 1;
  x[EN_FEATURE_WORDS_2] = n == 2;
  x[EN_FEATURE_WORDS_3] = n >= 3;
  x[EN_FEATURE_NAME] = phrase->name;
  x[EN_FEATURE_SOME_NAME] = phrase->some_name && !phrase->name;
  x[EN_FEATURE_ADJECTIVE] = phrase->adjectives;
  x[EN_FEATURE_NUMBER] = phrase->number;
  x[EN_FEATURE_ALONE] = log1p_count (phrase->alone);
  x[EN_FEATURE_WITHIN] = log1p_count (phrase->within);
  x[EN_FEATURE_FIRST] = log1p_count (phrase->first);
  x[EN_FEATURE_FIRST_SHARE] = phrase->first / sentences;
  x[EN_FEATURE_SPREAD] = (phrase->last - phrase->first) / sentences;
  x[EN_FEATURE_HEADLINE] = phrase->headline > 0;
  x[EN_FEATURE_HEADLINE_ONLY] = phrase->headline >= uses;
  x[EN_FEATURE_RARITY] = rarity_sum / n;
  x[EN_FEATURE_RARITY_MIN] = rarity_min;
  x[EN_FEATURE_WEIGHT] = log1p (weight / n);
  x[EN_FEATURE_RULES] = log1p (rules_formula (weight, phrase, uses));
  x[EN_FEATURE_TIME] = time;
  x[EN_FEATURE_PART_OF_NAME] = phrase->part_of_name;
  x[EN_FEATURE_SHORT] = n == 1 && key_chars (phrase) <= 3;
  x[EN_FEATURE_HEAD] = n == 1 ? log1p_count (phrase->words[0]->stem->heads) : 0;
  x[EN_FEATURE_MODIFIER] = n == 1 ? log1p_count (phrase->words[0]->stem->modifiers) : 0;
  x[EN_FEATURE_TF_MAX] = log1p_count (tf_max);
}

/* How often each word (its stem: a key's word) ends a phrase of several words, and stands
 * before the end of one: the head of "welfare reform" is "reform", "welfare" its modifier. */
static void
count_roles (const Collector *phrases)
{
  for (guint i = 0; i < phrases->order->len; i++)
    {
      const Phrase *phrase = g_ptr_array_index (phrases->order, i);
      if (phrase->n_words < 2)
        continue;
      for (guint w = 0; w + 1 < phrase->n_words; w++)
        phrase->words[w]->stem->modifiers += phrase->count;
      phrase->words[phrase->n_words - 1]->stem->heads += phrase->count;
    }
}

/* The learned ranker's candidates are the noun phrases (as the hand-made ranking takes them)
 * and every single noun and name, those inside phrases too: readers of some news
 * pick phrases ("welfare reform"), others tag words ("welfare"), and the model weighs both. */
static void
score_learned (const EnLexicon *lexicon, const EnRanker *ranker, Collector *phrases, Collector *words,
               guint max_words, guint n_sentences, gboolean keep_features, PtrList *ranked)
{
  for (guint i = 0; i < phrases->order->len; i++)
    {
      Phrase *phrase = g_ptr_array_index (phrases->order, i);
      guint n = phrase->n_words;
      if (phrase->merged || phrase->adjectives || (n > max_words && !phrase->name)
          || (n == 1 && key_chars (phrase) < 2))
        continue;
      phrase->alone = phrase->count;
      phrase->within = phrase->total > phrase->count ? phrase->total - phrase->count : 0;
      /* As for the rules: what only the headline writes ("North Florida Tornado") is
       * typography, not a phrase of the story; a date ("Tuesday") is no key phrase. */
      if (phrase->headline >= phrase->alone + phrase->within || all_time (phrase))
        continue;
      ptrlist_add (ranked, phrase);
    }
  for (guint i = 0; i < words->order->len; i++)
    {
      /* A word collect_words found no phrase of its own for: it is only used inside
       * longer phrases.  Readable forms: an adjective alone ("early") is no key phrase, and
       * a name the text only writes inside a longer one ("Resolution" of "Resolution 1973")
       * is a fragment. */
      Phrase *word = g_ptr_array_index (words->order, i);
      if (word->merged || word->adjectives || word->name || word->headline >= word->count
          || all_time (word))
        continue;
      word->alone = 0;
      word->within = word->count;
      ptrlist_add (ranked, word);
    }
  count_roles (phrases);
  double x[EN_N_FEATURES];
  for (guint r = 0; r < ranked->len; r++)
    {
      Phrase *phrase = g_ptr_array_index (ranked, r);
      features_of (lexicon, phrase, n_sentences, x);
      /* The logistic of the linear score: in (0, 1), higher is better, as for YAKE (after
       * keyword-train.py's coordinate ascent it is no calibrated probability). */
      phrase->score = 1 / (1 + exp (-en_ranker_score (ranker, x)));
      if (keep_features)
        phrase->features = memcpy (arena_alloc (phrases->arena, sizeof x), x, sizeof x);
    }
}

/* unit = "words" with ranker = "model" (the default): the single words of collect_words,
 * adjectives and the words of names included, ranked by a model of their own
 * (models/keywords-en-words.model, trained by tests/bench/keyword-train.py --unit words) over the
 * phrases' features: tag-like words as crowd readers pick them.  No phrases are collected in
 * this mode, so a word's frequency is its count here; it is never the part or head of a
 * longer candidate. */
static void
score_learned_words (const EnLexicon *lexicon, const EnRanker *ranker, Collector *words, guint n_sentences,
                     gboolean keep_features, PtrList *ranked)
{
  double x[EN_N_FEATURES];
  for (guint i = 0; i < words->order->len; i++)
    {
      Phrase *word = g_ptr_array_index (words->order, i);
      if (word->merged || word->words[0]->time)
        continue;
      word->alone = word->count;
      word->within = 0;
      word->words[0]->tf = word->count;
      features_of (lexicon, word, n_sentences, x);
      word->score = 1 / (1 + exp (-en_ranker_score (ranker, x)));
      if (keep_features)
        word->features = memcpy (arena_alloc (words->arena, sizeof x), x, sizeof x);
      ptrlist_add (ranked, word);
    }
}

/* Where the text after the dateline ("BRUSSELS, Nov 26 (Reuters) - ") begins, or 0: place
 * and agency are not what the article is about.  Both methods skip it. */
gsize
keywords_dateline_end (NfArticle *article)
{
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *annotation = nf_article_get_annotation (article, i);
      if (strcmp (nf_annotation_get_type (annotation), "dateline") == 0 && nf_annotation_get_start (annotation) == 0)
        return nf_annotation_get_end (annotation);
    }
  return 0;
}

static Collector
collector_of (EnWorker *worker, int c)
{
  return (Collector) { &worker->phrases[c], &worker->order[c], worker->key, worker->form, &worker->arena };
}

void
en_phrases_extract (const EnLexicon *lexicon, EnWorker *worker, NfArticle *article, const EnOptions *options,
                    KeywordsList *result)
{
  const char *body = nf_article_get_text (article);
  const NfText *segmentation = nf_article_get_segmentation (article);
  const char *title = nf_article_get_title (article);
  g_autoptr (NfText) headline = title ? nf_text_segment (title, strlen (title)) : NULL;

  guint n_tokens, n_headline = 0, headline_sentences = 0, body_sentences = 0;
  const NfToken *tokens = nf_text_get_tokens (segmentation, &n_tokens);
  const NfToken *headline_tokens = headline ? nf_text_get_tokens (headline, &n_headline) : NULL;
  if (headline)
    nf_text_get_sentences (headline, &headline_sentences);
  nf_text_get_sentences (segmentation, &body_sentences);
  worker_begin (worker);
  Word *words = words_of (worker, 0, lexicon, body, segmentation, TRUE);
  Word *headline_words = words_of (worker, 1, lexicon, title ? title : "", headline, FALSE);
  EnTag *tags = worker->tags[0], *headline_tags = worker->tags[1]; /* as many as words_of's */

  gboolean learned = options->ranker != NULL && !options->words_only;
  Collector collector = collector_of (worker, 0);
  Collector singles = collector_of (worker, 1); /* the learned ranker's single words */
  Source sources[2] = {
    { title, headline_tokens, headline_words, headline_tags, n_headline, 0, TRUE, 0 },
    { body, tokens, words, tags, n_tokens, headline_sentences, FALSE, keywords_dateline_end (article) },
  };
  if (headline)
    tag_words (lexicon, headline_tokens, headline_words, n_headline, TRUE, TRUE, 0, headline_tags);
  tag_words (lexicon, tokens, words, n_tokens, FALSE, TRUE, sources[1].skip, tags);
  for (guint s = headline ? 0 : 1; s < 2; s++)
    (options->words_only ? collect_words : collect) (&collector, &sources[s], NULL);
  /* The single words after the phrases: a word that is a phrase too is counted there. */
  for (guint s = headline ? 0 : 1; learned && s < 2; s++)
    collect_words (&singles, &sources[s], &collector);

  merge_plurals (&collector);
  PtrList *ranked = &worker->ranked; /* empty: worker_end emptied it */
  if (options->words_only && options->ranker)
    score_learned_words (lexicon, options->ranker, &collector, headline_sentences + body_sentences,
                         options->features, ranked);
  else if (options->words_only)
    score_words (lexicon, &collector, ranked);
  else if (learned)
    {
      merge_plurals (&singles);
      merge_names (&collector, worker->stamp);
      score_learned (lexicon, options->ranker, &collector, &singles, options->max_words,
                     headline_sentences + body_sentences, options->features, ranked);
    }
  else
    {
      merge_names (&collector, worker->stamp);
      score_phrases (lexicon, &collector, options->max_words, ranked);
    }
  /* The scoring functions leave @ranked in their order: listing every candidate sorts them
   * all, the usual ten take the best few out, and the rest are sorted only if those run out. */
  Phrase *best_few[TOP_PICKED];
  guint n_best = 0;
  if (options->features || ranked->len <= TOP_PICKED)
    sort_by_score (ranked);
  else
    n_best = top_by_score (ranked, best_few, TOP_PICKED);
  PtrList *chosen = &worker->chosen; /* empty: worker_end emptied it */
  for (guint r = 0; r < ranked->len && (chosen->len < options->top || options->features); r++)
    {
      if (r == n_best && n_best > 0)
        sort_by_score (ranked); /* the same first n_best, then the rest in order */
      Phrase *phrase = r < n_best ? best_few[r] : g_ptr_array_index (ranked, r);
      /* One phrase per idea: a part of a better phrase already chosen ("census" after "1990
       * census") says nothing new.  The whole is never blocked by its part. */
      gboolean part = FALSE;
      for (guint c = 0; c < chosen->len && !part && !options->features; c++)
        {
          const Phrase *whole = g_ptr_array_index (chosen, c);
          part = phrase->n_words < whole->n_words && key_contains (whole, phrase);
        }
      if (part)
        continue;
      ptrlist_add (chosen, phrase);
      const Form *best = phrase->forms;
      for (const Form *form = best->next; form; form = form->next)
        if (form->count > best->count)
          best = form;
      if (!(options->features && phrase->features))
        {
          keywords_list_add_len (result, best->text, best->length, phrase->score);
          continue;
        }
      GVariantBuilder item;
      g_variant_builder_init (&item, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&item, "{sv}", "phrase", g_variant_new_take_string (g_strndup (best->text, best->length)));
      g_variant_builder_add (&item, "{sv}", "score", g_variant_new_double (phrase->score));
      g_variant_builder_add (&item, "{sv}", "key", g_variant_new_string (phrase->key));
      g_variant_builder_add (&item, "{sv}", "features",
                             g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, phrase->features,
                                                        EN_N_FEATURES, sizeof (double)));
      keywords_list_add_value (result, g_variant_builder_end (&item));
    }
  worker_end (worker);
}
