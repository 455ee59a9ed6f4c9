/* extract "keywords": the article's key phrases.  English text gets noun phrases and the
 * nouns inside them, ranked by a learned model over position, repetition, rarity against a
 * background frequency and form (phrases.c, ranker.c); other languages get YAKE (Campos et al.,
 * "YAKE! Keyword extraction from single documents using multiple local features",
 * Information Sciences 509, 2020), with language-aware stopwords (etc/newsflow/stopwords)
 * and Snowball stemming (libstemmer) so that variants count as one term.
 *
 * YAKE needs no background corpus: each term is weighed by its casing, position, frequency,
 * spread over sentences and how varied its neighbours are; a phrase of 1..max-words terms
 * scores the product of its terms' weights over its frequency (lower is more relevant; the
 * field's score is 1 / (1 + that), so that for both methods a higher score is better). */
#include <math.h>
#include <string.h>
#include <libstemmer.h>

#include <newsflow/newsflow.h>
#include <newsflow/serialised.h>

#include "arena.h"
#include "phrases.h"
#include "ranker.h"
#include "stable-sort.h"

/* A language's phrase shapes (etc/newsflow/keywords/README): which words a key phrase of
 * YAKE cannot hold, or only at some places. */
typedef struct {
  GHashTable *verbs;      /* folded words: never inside a phrase */
  GHashTable *articles;   /* folded words: inside only after another function word */
  GHashTable *connectors; /* folded words: prepositions that join the parts of a name */
  GPtrArray  *endings;    /* finite-verb endings, each after its minimum stem length (a
                           * byte): a lower-case word so ended is in no phrase */
  gboolean    capitalised_nouns; /* German: a phrase is built around capitalised nouns */
} Shapes;

/* The languages whose stopword lists newsflow ships; "nb" reads "no". */
typedef struct {
  GHashTable *stopwords; /* language -> set of case-folded words */
  GHashTable *shapes;    /* language -> Shapes, for the languages that have a file */
  guint       top;
  guint       max_words;
  char       *default_language;
  char       *method;    /* auto, phrases or yake */
  gboolean    words;     /* unit = "words": single key words from the English method */
  EnLexicon  *english;   /* for the noun-phrase method; NULL when method = "yake" */
  EnRanker   *ranker;    /* ranker = "model": the learned ranker; else NULL */
  gboolean    features;  /* list every candidate with its features (training) */
} Keywords;

typedef struct {
  GHashTable *stemmers;  /* language -> struct sb_stemmer *, or a NULL value for none */
  EnWorker   *english;   /* the English method's vocabulary and candidates */
  GHashTable *yake;      /* language -> YakeVocabulary */
  guint64     stamp;     /* YAKE's article */
  Arena       arena;     /* YAKE's candidates of the article */
} KeywordsWorker;

/* YAKE's answers about each word a worker has seen in one language, so that an article
 * case-folds, looks up and stems each distinct word once, not each token: the token's text
 * (without a possessive) -> YakeWord, whose key (the stem, or the folded stopword) carries
 * the article's term id while its stamp is the article's. */
typedef struct {
  guint64 stamp;
  int     id;
} YakeKey;

typedef struct {
  YakeKey *key;
  gboolean stop;
  gboolean verb;    /* Shapes.verbs */
  gboolean article; /* Shapes.articles */
  gboolean connector; /* Shapes.connectors */
  gboolean ending;  /* ends as a finite verb does (Shapes.endings) */
} YakeWord;

typedef struct {
  StrMap words;  /* token text -> YakeWord */
  StrMap keys;   /* key -> YakeKey */
  Arena  memory; /* the entries and their strings */
} YakeVocabulary;

/* All languages' vocabularies are dropped when together they pass this many words (between
 * two articles): about 12 MB a worker at most. */
enum { YAKE_VOCABULARY_MAX = 100000 };

static YakeVocabulary *
yake_vocabulary_new (void)
{
  YakeVocabulary *vocabulary = g_new0 (YakeVocabulary, 1);
  strmap_init (&vocabulary->words, 1024);
  strmap_init (&vocabulary->keys, 1024);
  arena_init (&vocabulary->memory);
  return vocabulary;
}

static void
yake_vocabulary_free (gpointer data)
{
  YakeVocabulary *vocabulary = data;
  g_free (vocabulary->words.slots);
  g_free (vocabulary->keys.slots);
  arena_free (&vocabulary->memory);
  g_free (vocabulary);
}

static const NfOption keywords_options[] = {
  NF_OPTION_INT ("top", 10, "How many key phrases to keep, best first."),
  NF_OPTION_INT ("max-words", 3, "Longest key phrase, in words (names are kept whole)."),
  NF_OPTION_CHOICE ("method", "auto", "auto|phrases|yake",
                    "auto: noun phrases for English (a lexicon part-of-speech tagger and a "
                    "background frequency from WordNet), YAKE for other languages; phrases: "
                    "always noun phrases; yake: always YAKE."),
  NF_OPTION_CHOICE ("unit", "phrases", "phrases|words",
                    "What the English noun-phrase method picks: phrases: key phrases (a reader's "
                    "summary of the story, as in DUC-2001); words: single key words, tag-like, "
                    "as crowd readers tag web news (500N-KPCrowd), ranked by their own model "
                    "(models/keywords-en-words.model) unless ranker = \"rules\"."),
  NF_OPTION_CHOICE ("ranker", "model", "model|rules",
                    "How the English noun-phrase method ranks its candidates: model: a learned "
                    "ranker over position, repetition, rarity, length and names "
                    "(models/keywords-en.model; noun phrases and the single words inside them "
                    "compete); rules: the hand-made weighting of frequency, rarity and first "
                    "position."),
  NF_OPTION_BOOL ("features", FALSE,
                  "For training the ranker (tests/bench/keyword-train.py): list every candidate "
                  "of ranker = \"model\", not only the top ones, with its key and features."),
  NF_OPTION_STR ("default-language", "en",
                 "Language (ISO 639-1) of the stopwords and stemmer used when the article's "
                 "language is undetermined."),
  NF_OPTION_END
};

static void
shapes_free (gpointer data)
{
  Shapes *shapes = data;
  g_hash_table_unref (shapes->verbs);
  g_hash_table_unref (shapes->articles);
  g_hash_table_unref (shapes->connectors);
  g_ptr_array_unref (shapes->endings);
  g_free (shapes);
}

/* Reads keywords/@language.txt: NULL when there is none (or it cannot be read: YAKE's own
 * rule still holds). */
static Shapes *
shapes_load (const char *language)
{
  g_autofree char *relative = g_strdup_printf ("keywords/%s.txt", language);
  g_autofree char *path = nf_data_find (relative, NULL);
  g_autofree char *contents = NULL;
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  Shapes *shapes = g_new0 (Shapes, 1);
  shapes->verbs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  shapes->articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  shapes->connectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  shapes->endings = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  for (char **line = lines; *line; line++)
    {
      g_strstrip (*line);
      if (**line == '#' || **line == '\0')
        continue;
      char *word = strchr (*line, ' ');
      if (word == NULL)
        continue;
      *word++ = '\0';
      g_strstrip (word);
      char *folded = g_utf8_casefold (word, -1);
      if (strcmp (*line, "verb") == 0)
        g_hash_table_add (shapes->verbs, folded);
      else if (strcmp (*line, "article") == 0)
        g_hash_table_add (shapes->articles, folded);
      else if (strcmp (*line, "connector") == 0)
        g_hash_table_add (shapes->connectors, folded);
      else if (strcmp (*line, "ending") == 0)
        {
          /* "ending ara" or "ending aron 3": the stem before it has 4 letters or that many */
          char *space = strchr (folded, ' ');
          guint stem = space ? CLAMP (g_ascii_strtoull (space + 1, NULL, 10), 1, 9) : 4;
          if (space)
            *space = '\0';
          g_autofree char *entry = folded;
          g_ptr_array_add (shapes->endings, g_strdup_printf ("%c%s", '0' + stem, entry));
        }
      else
        {
          shapes->capitalised_nouns |= strcmp (*line, "nouns") == 0 && strcmp (word, "capitalised") == 0;
          g_free (folded);
        }
    }
  return shapes;
}

/* The shapes of each language that has a stopword list. */
static GHashTable *
shapes_load_all (GHashTable *stopwords)
{
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, shapes_free);
  GHashTableIter iter;
  gpointer language;
  g_hash_table_iter_init (&iter, stopwords);
  while (g_hash_table_iter_next (&iter, &language, NULL))
    {
      Shapes *shapes = shapes_load (language);
      if (shapes)
        g_hash_table_insert (all, g_strdup (language), shapes);
    }
  return all;
}

static void
keywords_free (gpointer instance)
{
  Keywords *keywords = instance;
  g_clear_pointer (&keywords->stopwords, g_hash_table_unref);
  g_clear_pointer (&keywords->shapes, g_hash_table_unref);
  g_clear_pointer (&keywords->english, en_lexicon_free);
  g_clear_pointer (&keywords->ranker, en_ranker_free);
  g_free (keywords->default_language);
  g_free (keywords->method);
  g_free (keywords);
}

static gboolean
keywords_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  if (cfg_getint (config, "top") < 1 || cfg_getint (config, "max-words") < 1 || cfg_getint (config, "max-words") > 8)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "keywords: top must be 1 or more and max-words 1 to 8");
      return FALSE;
    }
  Keywords *keywords = g_new0 (Keywords, 1);
  keywords->top = cfg_getint (config, "top");
  keywords->max_words = cfg_getint (config, "max-words");
  keywords->default_language = g_strdup (cfg_getstr (config, "default-language"));
  keywords->method = g_strdup (cfg_getstr (config, "method"));
  keywords->words = strcmp (cfg_getstr (config, "unit"), "words") == 0;
  if (strcmp (keywords->method, "yake") != 0
      && (keywords->english = en_lexicon_load (error)) == NULL)
    {
      g_prefix_error (error, "keywords: ");
      keywords_free (keywords);
      return FALSE;
    }
  keywords->features = cfg_getbool (config, "features");
  if (keywords->english && strcmp (cfg_getstr (config, "ranker"), "model") == 0
      && (keywords->ranker = en_ranker_load (keywords->words ? "models/keywords-en-words.model"
                                                              : "models/keywords-en.model", error)) == NULL)
    {
      g_prefix_error (error, "keywords: ");
      keywords_free (keywords);
      return FALSE;
    }
  /* Stopword lists are shared by every worker (read-only after init). */
  g_autoptr (GError) missing = NULL;
  keywords->stopwords = nf_stopwords_load_all (&missing);
  if (keywords->stopwords == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_NOT_FOUND, "keywords: no stopword lists: %s", missing->message);
      keywords_free (keywords);
      return FALSE;
    }
  keywords->shapes = shapes_load_all (keywords->stopwords);
  nf_stage_set_instance (stage, keywords);
  return TRUE;
}

/* libstemmer's stemmers keep a buffer: one set per worker thread. */
static gpointer
keywords_worker_new (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED GError **error)
{
  KeywordsWorker *worker = g_new0 (KeywordsWorker, 1);
  worker->stemmers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sb_stemmer_delete);
  worker->english = en_worker_new ();
  worker->yake = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, yake_vocabulary_free);
  arena_init (&worker->arena);
  return worker;
}

static void
keywords_worker_free (gpointer data)
{
  KeywordsWorker *worker = data;
  g_hash_table_unref (worker->stemmers);
  en_worker_free (worker->english);
  g_hash_table_unref (worker->yake);
  arena_free (&worker->arena);
  g_free (worker);
}

static struct sb_stemmer *
get_stemmer (KeywordsWorker *worker, const char *language)
{
  gpointer stemmer;
  if (g_hash_table_lookup_extended (worker->stemmers, language, NULL, &stemmer))
    return stemmer;
  stemmer = sb_stemmer_new (strcmp (language, "nb") == 0 ? "no" : language, "UTF_8");
  g_hash_table_insert (worker->stemmers, g_strdup (language), stemmer);
  return stemmer;
}

/* ---- the field's value, serialised as it is built ----
 *
 * GVariant's serialised form (the GVariant specification; GLib's gvariant-serialiser.c):
 * a string is its bytes and a NUL; a variant box its value, a NUL and the type string; a dict
 * entry {sv} the key, zeros to an 8-byte boundary, the value, then the key's end as a
 * framing offset; an array of variable-size items the items, each 8-aligned, then each
 * one's end.  Framing offsets are little-endian and as wide as the container's total size
 * needs: 1 byte up to 255, 2 up to 65,535, and so on. */

static gsize
align8 (gsize size)
{
  return (size + 7) & ~(gsize) 7;
}

/* The total size of a container of @body bytes and @n framing offsets. */
static gsize
framed (gsize body, gsize n)
{
  return body + n * nf_serialised_offset_width (body, n);
}

void
keywords_list_init (KeywordsList *list)
{
  list->bytes = g_byte_array_sized_new (1024);
  list->ends = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 16);
}

/* Room for an item of @size bytes at the next 8-byte boundary, zeroed. */
static guint8 *
list_item (KeywordsList *list, gsize size)
{
  gsize old = list->bytes->len, start = align8 (old);
  g_byte_array_set_size (list->bytes, start + size);
  memset (list->bytes->data + old, 0, start + size - old);
  gsize end = start + size;
  g_array_append_val (list->ends, end);
  return list->bytes->data + start;
}

void
keywords_list_add (KeywordsList *list, const char *phrase, double score)
{
  keywords_list_add_len (list, phrase, strlen (phrase), score);
}

void
keywords_list_add_len (KeywordsList *list, const char *phrase, gsize length, double score)
{
  /* {"phrase", <s>}: "phrase\0", a zero to 8, the string and its NUL, a NUL, "s"; the key's end */
  gsize first_body = 8 + length + 3, first = framed (first_body, 1);
  /* {"score", <d>}: "score\0", two zeros, the double, a NUL, "d"; the key's end */
  gsize second_body = 18, second = framed (second_body, 1);
  gsize item_body = align8 (first) + second, item = framed (item_body, 2);
  guint8 *at = list_item (list, item);
  memcpy (at, "phrase", 7);
  memcpy (at + 8, phrase, length);
  at[8 + length + 2] = 's';
  nf_serialised_put_offset (at + first_body, 7, nf_serialised_offset_width_of (first));
  guint8 *next = at + align8 (first);
  memcpy (next, "score", 6);
  memcpy (next + 8, &score, sizeof score); /* serialised data is in the machine's byte order */
  next[17] = 'd';
  nf_serialised_put_offset (next + second_body, 6, nf_serialised_offset_width_of (second));
  guint width = nf_serialised_offset_width_of (item);
  nf_serialised_put_offset (at + item_body, first, width);
  nf_serialised_put_offset (at + item_body + width, item_body, width);
}

void
keywords_list_add_value (KeywordsList *list, GVariant *item)
{
  g_variant_ref_sink (item);
  gsize size = g_variant_get_size (item);
  g_variant_store (item, list_item (list, size));
  g_variant_unref (item);
}

GVariant *
keywords_list_end (KeywordsList *list)
{
  gsize body = list->bytes->len, n = list->ends->len, total = framed (body, n);
  guint width = nf_serialised_offset_width_of (total);
  g_byte_array_set_size (list->bytes, total);
  for (gsize i = 0; i < n; i++)
    nf_serialised_put_offset (list->bytes->data + body + i * width, g_array_index (list->ends, gsize, i), width);
  g_array_unref (list->ends);
  g_autoptr (GBytes) bytes = g_byte_array_free_to_bytes (list->bytes);
  list->bytes = NULL;
  list->ends = NULL;
  return g_variant_new_from_bytes (G_VARIANT_TYPE ("aa{sv}"), bytes, TRUE);
}

/* ---- YAKE ---- */

typedef struct {
  guint  tf, tf_upper, tf_acronym;
  guint  sentences;          /* in how many sentences */
  guint  last_sentence;
  guint  left_total, left_distinct, right_total, right_distinct;
  guint  first;              /* first occurrence (token index) */
  guint  positions;          /* where its sentences start in the article's positions */
  gboolean stop;
  gboolean verb, article, connector, ending; /* its words' YakeWord classes */
  double weight;             /* H: lower is more important */
} Term;

typedef struct {
  const int *terms; /* its term ids: points into the article's term_of array */
  guint  tf;
  guint  first;   /* token index of the first occurrence */
  guint  length;  /* in tokens */
  double score;
} Candidate;

/* Candidates are their own hash keys: equal when their term sequences are. */
static guint
candidate_hash (gconstpointer key)
{
  const Candidate *candidate = key;
  guint h = 2166136261u;
  for (guint k = 0; k < candidate->length; k++)
    h = (h ^ (guint) candidate->terms[k]) * 16777619u;
  return h;
}

static gboolean
candidate_equal (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  return x->length == y->length && memcmp (x->terms, y->terms, x->length * sizeof (int)) == 0;
}

/* The bytes of a word token without a possessive: what YAKE folds and stems. */
static gsize
word_length (const char *text, const NfToken *token)
{
  gsize length = token->end - token->start;
  if (length > 3 && memcmp (text + token->end - 2, "'s", 2) == 0)
    length -= 2;
  else if (length > 5 && memcmp (text + token->end - 4, "’s", 4) == 0)
    length -= 4;
  return length;
}

/* The vocabulary's entry of @word (@length bytes): case-folded, a stopword or stemmed. */
/* Whether the lower-case word @folded ends in one of @shapes' verb endings after a stem as
 * long as the ending asks ("pronosticara", not "cámara"). */
static gboolean
verb_ending (const Shapes *shapes, const char *folded)
{
  glong letters = g_utf8_strlen (folded, -1);
  for (guint e = 0; e < shapes->endings->len; e++)
    {
      const char *entry = g_ptr_array_index (shapes->endings, e), *ending = entry + 1;
      if (g_str_has_suffix (folded, ending) && letters - g_utf8_strlen (ending, -1) >= entry[0] - '0')
        return TRUE;
    }
  return FALSE;
}

static YakeWord *
yake_word (YakeVocabulary *vocabulary, GHashTable *stopwords, const Shapes *shapes,
           struct sb_stemmer *stemmer, const char *word, gsize length)
{
  guint32 hash = hash_bytes (word, length);
  YakeWord *entry = strmap_lookup (&vocabulary->words, word, length, hash);
  if (entry)
    return entry;
  g_autofree char *folded = g_utf8_casefold (word, length);
  gboolean stop = g_utf8_strlen (folded, -1) < 2 || (stopwords && g_hash_table_contains (stopwords, folded));
  const char *key = folded;
  gsize key_length = strlen (folded);
  if (stemmer && !stop)
    {
      const sb_symbol *stem = sb_stemmer_stem (stemmer, (const sb_symbol *) folded, key_length);
      if (stem)
        {
          key = (const char *) stem;
          key_length = sb_stemmer_length (stemmer);
          key_length = strnlen (key, key_length); /* g_strndup stopped at a NUL */
        }
    }
  guint32 key_hash = hash_bytes (key, key_length);
  YakeKey *term = strmap_lookup (&vocabulary->keys, key, key_length, key_hash);
  if (term == NULL)
    {
      term = arena_alloc0 (&vocabulary->memory, sizeof (YakeKey));
      strmap_insert (&vocabulary->keys, arena_strndup (&vocabulary->memory, key, key_length), key_length, key_hash, term);
    }
  entry = arena_alloc (&vocabulary->memory, sizeof (YakeWord));
  entry->key = term;
  entry->stop = stop;
  entry->verb = shapes && g_hash_table_contains (shapes->verbs, folded);
  entry->article = shapes && g_hash_table_contains (shapes->articles, folded);
  entry->connector = shapes && g_hash_table_contains (shapes->connectors, folded);
  entry->ending = shapes && !stop && verb_ending (shapes, folded);
  strmap_insert (&vocabulary->words, arena_strndup (&vocabulary->memory, word, length), length, hash, entry);
  return entry;
}

/* The worker's vocabulary for @language; all of them emptied when they grew too big. */
static YakeVocabulary *
yake_vocabulary (KeywordsWorker *worker, const char *language)
{
  guint total = 0;
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, worker->yake);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += ((YakeVocabulary *) value)->words.size;
  if (total > YAKE_VOCABULARY_MAX)
    g_hash_table_remove_all (worker->yake);
  YakeVocabulary *vocabulary = g_hash_table_lookup (worker->yake, language);
  if (vocabulary == NULL)
    {
      vocabulary = yake_vocabulary_new ();
      g_hash_table_insert (worker->yake, g_strdup (language), vocabulary);
    }
  return vocabulary;
}

static double
median_position (const guint *positions, guint n)
{
  /* ascending: sentences are visited in order */
  if (n % 2)
    return positions[n / 2];
  return (positions[n / 2 - 1] + positions[n / 2]) / 2.0;
}

/* A set of term pairs (a << 32 | b, never negative): open addressing, -1 for a free slot. */
typedef struct {
  gint64 *slots;
  guint   mask;
} PairSet;

/* Adds @key; TRUE when it was not there yet. */
static gboolean
pair_set_add (PairSet *set, gint64 key)
{
  guint i = (guint) (((guint64) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & set->mask;
  while (set->slots[i] != -1)
    {
      if (set->slots[i] == key)
        return FALSE;
      i = (i + 1) & set->mask;
    }
  set->slots[i] = key;
  return TRUE;
}

/* Whether @x ranks before @y: the lower score, then the earlier first use. */
static inline gboolean
candidate_before (const Candidate *x, const Candidate *y)
{
  if (x->score != y->score)
    return x->score < y->score;
  return x->first < y->first;
}

/* Sorts @ranked best first, stably: candidates that tie (one first word, equal scores) keep
 * the order they were ranked in. */
KEYWORDS_DEFINE_STABLE_SORT (sort_candidates, GPtrArray, Candidate, candidate_before)
KEYWORDS_DEFINE_STABLE_TOP (top_candidates, GPtrArray, Candidate, candidate_before)

/* How many of the best candidates are picked out before the rest are sorted, if ever: the
 * key phrases asked for and room for the near-repeats of better ones that are skipped.  An
 * article has hundreds of candidates or thousands: sorting them all took a fifth of YAKE's
 * time (a sampling profile; the merge's branches are unpredictable). */
enum { YAKE_PICKED = 32 };

/* Whether @candidate repeats a chosen phrase: at least half of its content terms are in it
 * ("security" after "security guarantees", "Union finance ministers" after "European Union
 * finance").  YAKE drops such near-repeats too (by string similarity). */
static gboolean
repeats (const int *term_of, const Term *terms, const Candidate *candidate, const Candidate *chosen)
{
  guint content = 0, shared = 0;
  for (guint k = 0; k < candidate->length; k++)
    {
      int t = term_of[candidate->first + k];
      if (terms[t].stop)
        continue;
      content++;
      for (guint c = 0; c < chosen->length; c++)
        if (term_of[chosen->first + c] == t)
          {
            shared++;
            break;
          }
    }
  return content > 0 && 2 * shared >= content;
}

/* Whether token @i opens a sentence for casing's sake: the segmenter's sentence start, or the
 * first word after a colon or an opening quote or bracket, where German and the Romance
 * languages capitalise any word ("Genehmigungsfiktion: Entscheidet eine ..."). */
static gboolean
opens (const char *text, const NfToken *tokens, guint i)
{
  if (tokens[i].flags & NF_TOKEN_SENTENCE_START)
    return TRUE;
  if (i == 0 || tokens[i - 1].kind != NF_TOKEN_PUNCT)
    return FALSE;
  const char *p = text + tokens[i - 1].start;
  gsize length = tokens[i - 1].end - tokens[i - 1].start;
  /* Most punctuation is a comma or a full stop: a look at its first byte settles it. */
  if (length == 1 && *p != ':' && *p != '"' && *p != '\'' && *p != '(')
    return FALSE;
  static const char *const openers[] = { ":", "\"", "'", "(", "„", "“", "‚", "«", "‹", "¿", "¡" };
  for (guint k = 0; k < G_N_ELEMENTS (openers); k++)
    if (strlen (openers[k]) == length && memcmp (p, openers[k], length) == 0)
      return TRUE;
  return FALSE;
}

/* What the candidate rules ask of one article's tokens. */
typedef struct {
  const NfToken *tokens;
  const int     *term_of;
  const Term    *terms;
  const gboolean *start;  /* opens () of each token */
  guint          n_tokens;
  const char    *text;
  gboolean       nouns;   /* Shapes.capitalised_nouns */
  guint8        *marks;   /* each word token's answers (Mark), asked once: not per candidate */
} Shape;

typedef enum {
  MARK_NAME = 1 << 0,      /* name_word () */
  MARK_NOUN = 1 << 1,      /* German: noun () */
  MARK_ADJECTIVE = 1 << 2, /* German: adjective () */
  MARK_BREAKS = 1 << 3,    /* a verb: in no phrase */
  MARK_FIRST = 1 << 4,     /* may start a phrase: edges () */
  MARK_LAST = 1 << 5,      /* may end one */
} Mark;

static gboolean
capitalised (const Shape *shape, guint i)
{
  return (shape->tokens[i].flags & (NF_TOKEN_CAPITALIZED | NF_TOKEN_ALL_CAPS)) != 0;
}

/* A word of a name: capitalised where a capital is not owed to the sentence's start, and no
 * function word (the title "Me" of "Me Camille Darrieux" is French "me" too). */
static gboolean
name_word (const Shape *shape, guint i)
{
  if (shape->term_of[i] < 0)
    return FALSE;
  if (shape->tokens[i].flags & NF_TOKEN_ALL_CAPS)
    return TRUE; /* "SA" of "Chimie Rhodanienne SA" is French "sa" too */
  return capitalised (shape, i) && !shape->start[i] && !shape->terms[shape->term_of[i]].stop;
}

/* German: a noun is a capitalised word that the text capitalises where the sentence does not
 * ask for it (here or elsewhere): "Entscheidet" after a colon is not one. */
static gboolean
noun (const Shape *shape, guint i)
{
  const Term *term = &shape->terms[shape->term_of[i]];
  return capitalised (shape, i) && (!shape->start[i] || term->tf_upper > 0 || term->tf_acronym > 0);
}

/* German: an attributive adjective, lower case and inflected (-e, -en, -er, -es, -em): what
 * may stand before a phrase's first noun ("neue Wohnungen"); a verb mostly may not
 * ("verkürzen und Kommunen" is cut by its "und", "sagte" is a listed verb). */
static gboolean
adjective (const Shape *shape, guint i)
{
  const Term *term = &shape->terms[shape->term_of[i]];
  if (capitalised (shape, i) || term->stop || term->verb)
    return FALSE;
  const char *end = shape->text + shape->tokens[i].end;
  gsize length = shape->tokens[i].end - shape->tokens[i].start;
  if (length < 3)
    return FALSE;
  if (end[-1] == 'e')
    return TRUE;
  return end[-2] == 'e' && (end[-1] == 'n' || end[-1] == 'r' || end[-1] == 's' || end[-1] == 'm');
}

static gboolean
marked (const Shape *shape, guint i, Mark mark)
{
  return (shape->marks[i] & mark) != 0;
}

/* Whether a candidate starting at @i cuts a name: the word before is a word of the same name
 * ("Estatal de Meteorología" of "Agencia Estatal de Meteorología"). */
static gboolean
cuts_name_before (const Shape *shape, guint i)
{
  return i > 0 && marked (shape, i, MARK_NAME) && shape->tokens[i - 1].sentence == shape->tokens[i].sentence
         && marked (shape, i - 1, MARK_NAME);
}

/* Whether a candidate ending at @last cuts a name: a word of the same name follows, directly or
 * after a connector ("Agencia Estatal" + "de Meteorología"). */
static gboolean
cuts_name_after (const Shape *shape, guint last)
{
  if (!marked (shape, last, MARK_NAME))
    return FALSE;
  guint next = last + 1;
  if (next < shape->n_tokens && shape->tokens[next].sentence == shape->tokens[last].sentence
      && shape->term_of[next] >= 0 && shape->terms[shape->term_of[next]].connector)
    next++;
  return next < shape->n_tokens && shape->tokens[next].sentence == shape->tokens[last].sentence
         && marked (shape, next, MARK_NAME);
}

/* The edges the word @i may stand at (MARK_FIRST, MARK_LAST): not a function word, no verb
 * form, no cut name, and in German a noun (or, to start a phrase, an adjective). */
static guint8
edges (const Shape *shape, guint i)
{
  guint8 mark = shape->marks[i];
  if ((mark & MARK_BREAKS) || shape->terms[shape->term_of[i]].stop)
    return 0;
  if (shape->nouns && !(mark & MARK_NOUN))
    return (mark & MARK_ADJECTIVE) && !cuts_name_before (shape, i) ? MARK_FIRST : 0;
  return (cuts_name_before (shape, i) ? 0 : MARK_FIRST) | (cuts_name_after (shape, i) ? 0 : MARK_LAST);
}

/* Marks each word token: what it is first, then where it may stand. */
static void
mark_tokens (Shape *shape)
{
  for (guint i = 0; i < shape->n_tokens; i++)
    {
      shape->marks[i] = 0;
      if (shape->term_of[i] < 0)
        continue;
      const Term *term = &shape->terms[shape->term_of[i]];
      guint8 mark = name_word (shape, i) ? MARK_NAME : 0;
      if (term->verb || (term->ending && !capitalised (shape, i)))
        mark |= MARK_BREAKS; /* stopwords too: "will" */
      if (term->stop)
        {
          shape->marks[i] = mark; /* no noun: it only sits inside phrases */
          continue;
        }
      if (shape->nouns && noun (shape, i))
        mark |= MARK_NOUN;
      else if (shape->nouns && adjective (shape, i))
        mark |= MARK_ADJECTIVE;
      shape->marks[i] = mark;
    }
  for (guint i = 0; i < shape->n_tokens; i++)
    if (shape->term_of[i] >= 0 && !shape->terms[shape->term_of[i]].stop)
      shape->marks[i] |= edges (shape, i);
}

/* Whether the candidate [@first, @last) may go on with the word @last: no verb inside (a
 * listed one, or a lower-case word with a finite-verb ending), an article only after another
 * function word ("Agencia de la Energía", not "martes el nivel"), and in German no lower-case
 * content word after the first noun ("Kommunen brauchen Geld") nor a function word before it. */
static gboolean
continues (const Shape *shape, guint first, guint last, gboolean *seen_noun)
{
  if (marked (shape, last, MARK_BREAKS))
    return FALSE;
  const Term *term = &shape->terms[shape->term_of[last]];
  if (last > first && term->article)
    {
      const Term *before = &shape->terms[shape->term_of[last - 1]];
      if (!before->stop || before->article)
        return FALSE;
    }
  if (shape->nouns)
    {
      if (marked (shape, last, MARK_NOUN))
        *seen_noun = TRUE;
      else if (term->stop ? !*seen_noun : (*seen_noun || !marked (shape, last, MARK_ADJECTIVE)))
        return FALSE;
    }
  return TRUE;
}

/* Names are kept whole up to this many words, beyond max-words. */
enum { NAME_MAX_WORDS = 8 };

static gboolean
keywords_process (NfStage *stage, gpointer data, NfArticle *article, G_GNUC_UNUSED GError **error)
{
  Keywords *keywords = nf_stage_get_instance (stage);
  KeywordsWorker *worker = data;
  KeywordsList result;
  keywords_list_init (&result);
  if (!nf_article_has_text (article))
    {
      nf_article_set_field (article, NF_FIELD_KEYWORDS, keywords_list_end (&result));
      return TRUE;
    }

  const char *language = nf_article_get_language (article);
  if (language == NULL)
    language = keywords->default_language;
  if (keywords->english && nf_article_get_text_length (article) > 0
      && (strcmp (keywords->method, "phrases") == 0 || strcmp (language, "en") == 0))
    {
      EnOptions options = { keywords->top, keywords->max_words, keywords->words, keywords->ranker,
                            keywords->features && keywords->ranker };
      en_phrases_extract (keywords->english, worker->english, article, &options, &result);
      nf_article_set_field (article, NF_FIELD_KEYWORDS, keywords_list_end (&result));
      return TRUE;
    }
  const char *list = strcmp (language, "nb") == 0 ? "no" : language;
  GHashTable *stopwords = g_hash_table_lookup (keywords->stopwords, list);
  const Shapes *shapes = g_hash_table_lookup (keywords->shapes, list);
  struct sb_stemmer *stemmer = get_stemmer (worker, language);

  const char *text = nf_article_get_text (article);
  const NfText *segmentation = nf_article_get_segmentation (article);
  guint n_tokens, n_sentences;
  const NfToken *tokens = nf_text_get_tokens (segmentation, &n_tokens);
  nf_text_get_sentences (segmentation, &n_sentences);

  /* Terms: one per stem; -1 for tokens that are not words (they break phrases).  Ids in
   * order of first use: candidate_hash, and so the order of equal scores, depends on them. */
  YakeVocabulary *vocabulary = yake_vocabulary (worker, language);
  guint64 stamp = ++worker->stamp;
  /* At most one term and one visit a token: plain arrays, no append call per token. */
  g_autofree Term *terms = g_new (Term, n_tokens + 1);
  guint n_terms = 0;
  g_autofree int *term_of = g_new (int, n_tokens + 1);
  /* (term, sentence) of each term's first use in a sentence, in text order */
  g_autofree guint *visits = g_new (guint, 2 * (gsize) n_tokens + 2);
  g_autofree gboolean *start = g_new (gboolean, n_tokens + 1);
  guint n_visits = 0;
  gsize skip = keywords_dateline_end (article);
  for (guint i = 0; i < n_tokens; i++)
    {
      const NfToken *token = &tokens[i];
      term_of[i] = -1;
      start[i] = FALSE;
      if (token->kind != NF_TOKEN_WORD || token->start < skip)
        continue;
      start[i] = opens (text, tokens, i);
      YakeWord *word = yake_word (vocabulary, stopwords, shapes, stemmer, text + token->start, word_length (text, token));
      YakeKey *key = word->key;
      if (key->stamp != stamp)
        {
          key->stamp = stamp;
          key->id = n_terms;
          Term fresh = { .stop = word->stop, .first = i, .last_sentence = G_MAXUINT };
          terms[n_terms++] = fresh;
        }
      int t = key->id;
      term_of[i] = t;
      Term *term = &terms[t];
      term->tf++;
      term->verb |= word->verb;
      term->article |= word->article;
      term->connector |= word->connector;
      term->ending |= word->ending;
      if (token->flags & NF_TOKEN_ALL_CAPS)
        term->tf_acronym++;
      else if ((token->flags & NF_TOKEN_CAPITALIZED) && !start[i])
        term->tf_upper++;
      if (term->last_sentence != token->sentence)
        {
          term->last_sentence = token->sentence;
          term->sentences++;
          visits[2 * n_visits] = t;
          visits[2 * n_visits + 1] = token->sentence;
          n_visits++;
        }
    }
  /* Each term's sentences together, ascending. */
  g_autofree guint *positions = g_new (guint, n_visits + 1);
  {
    guint offset = 0;
    for (guint t = 0; t < n_terms; t++)
      {
        Term *term = &terms[t];
        term->positions = offset;
        offset += term->sentences;
        term->sentences = 0; /* counted again as they are placed */
      }
    for (guint v = 0; v < n_visits; v++)
      {
        const guint *visit = &visits[2 * v];
        Term *term = &terms[visit[0]];
        positions[term->positions + term->sentences++] = visit[1];
      }
  }

  /* Neighbours: how many different words stand left and right of each term. */
  guint capacity = 16;
  while (capacity < 2 * n_tokens)
    capacity *= 2;
  PairSet pairs = { g_new (gint64, capacity), capacity - 1 };
  memset (pairs.slots, 0xff, capacity * sizeof (gint64));
  for (guint i = 0; i + 1 < n_tokens; i++)
    {
      int a = term_of[i], b = term_of[i + 1];
      if (a < 0 || b < 0 || tokens[i].sentence != tokens[i + 1].sentence)
        continue;
      Term *left = &terms[a], *right = &terms[b];
      left->right_total++;
      right->left_total++;
      if (pair_set_add (&pairs, ((gint64) a << 32) | (guint32) b))
        {
          left->right_distinct++;
          right->left_distinct++;
        }
    }
  g_free (pairs.slots);

  /* Term weights. */
  double sum = 0, sum_squares = 0, max_tf = 1;
  guint n_valid = 0;
  for (guint t = 0; t < n_terms; t++)
    {
      Term *term = &terms[t];
      if (term->stop)
        continue;
      n_valid++;
      sum += term->tf;
      sum_squares += (double) term->tf * term->tf;
      max_tf = MAX (max_tf, term->tf);
    }
  double mean = n_valid ? sum / n_valid : 0;
  double deviation = n_valid ? sqrt (MAX (0.0, sum_squares / n_valid - mean * mean)) : 0;
  for (guint t = 0; t < n_terms; t++)
    {
      Term *term = &terms[t];
      if (term->stop)
        continue;
      double casing = MAX (term->tf_upper, term->tf_acronym) / (1.0 + log (term->tf));
      double position = log (log (3.0 + median_position (positions + term->positions, term->sentences)));
      double frequency = term->tf / (mean + deviation);
      double left = term->left_total ? (double) term->left_distinct / term->left_total : 0;
      double right = term->right_total ? (double) term->right_distinct / term->right_total : 0;
      double relatedness = 1.0 + (left + right) * term->tf / max_tf;
      double spread = (double) term->sentences / MAX (n_sentences, 1);
      term->weight = relatedness * position / (casing + frequency / relatedness + spread / relatedness);
    }

  /* Candidate phrases: 1..max-words words in a row inside one sentence (a name up to
   * NAME_MAX_WORDS), neither first nor last a stopword ("Bank of England" keeps its "of"),
   * and shaped as the language's noun phrases are (edge, continues). */
  g_autoptr (GHashTable) candidates = g_hash_table_new (candidate_hash, candidate_equal);
  arena_reset (&worker->arena);
  g_autofree guint8 *marks = g_new (guint8, n_tokens + 1);
  Shape shape = { tokens, term_of, terms, start, n_tokens, text, shapes && shapes->capitalised_nouns, marks };
  mark_tokens (&shape);
  for (guint i = 0; i < n_tokens; i++)
    {
      if (!(marks[i] & MARK_FIRST))
        continue;
      gboolean seen_noun = FALSE, name = TRUE;
      for (guint n = 1; n <= NAME_MAX_WORDS && i + n <= n_tokens; n++)
        {
          guint last = i + n - 1;
          if (term_of[last] < 0 || tokens[last].sentence != tokens[i].sentence
              || !continues (&shape, i, last, &seen_noun))
            break;
          /* (in German every noun is capitalised: no name is longer than max-words) */
          name &= !shape.nouns && (terms[term_of[last]].stop || (marks[last] & MARK_NAME));
          if (n > keywords->max_words && !name)
            break;
          if (!(marks[last] & MARK_LAST))
            continue;
          Candidate probe = { .terms = term_of + i, .first = i, .length = n };
          Candidate *candidate = g_hash_table_lookup (candidates, &probe);
          if (candidate == NULL)
            {
              candidate = memcpy (arena_alloc (&worker->arena, sizeof probe), &probe, sizeof probe);
              g_hash_table_add (candidates, candidate);
            }
          candidate->tf++;
        }
    }

  g_autoptr (GPtrArray) ranked = g_ptr_array_sized_new (g_hash_table_size (candidates));
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      Candidate *candidate = value;
      double product = 1, total = 0;
      guint content = 0;
      for (guint k = 0; k < candidate->length; k++)
        {
          const Term *term = &terms[term_of[candidate->first + k]];
          if (term->stop)
            continue;
          product *= term->weight;
          total += term->weight;
          content++;
        }
      /* A name longer than max-words (kept whole) weighs as a phrase of max-words: the product
       * of more small weights would put every long name first. */
      if (content > keywords->max_words)
        {
          product = pow (product, (double) keywords->max_words / content);
          total *= (double) keywords->max_words / content;
        }
      candidate->score = product / (candidate->tf * (1.0 + total));
      g_ptr_array_add (ranked, candidate);
    }
  /* The best few in the order a sort gives them; the rest sorted only if those run out. */
  Candidate *best_few[YAKE_PICKED];
  guint n_best = 0;
  if (ranked->len <= YAKE_PICKED)
    sort_candidates (ranked);
  else
    n_best = top_candidates (ranked, best_few, YAKE_PICKED);

  /* The best, skipping near-repeats of a better one. */
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();
  for (guint r = 0; r < ranked->len && chosen->len < keywords->top; r++)
    {
      if (r == n_best && n_best > 0)
        sort_candidates (ranked); /* the same first n_best, then the rest in order */
      Candidate *candidate = r < n_best ? best_few[r] : g_ptr_array_index (ranked, r);
      gboolean inside = FALSE;
      for (guint c = 0; c < chosen->len && !inside; c++)
        {
          Candidate *other = g_ptr_array_index (chosen, c);
          inside = repeats (term_of, terms, candidate, other);
        }
      if (inside)
        continue;
      g_ptr_array_add (chosen, candidate);

      /* As written at its first occurrence, but lower case for words that are never
       * capitalised except at the start of a sentence. */
      GString *phrase = g_string_new (NULL);
      for (guint k = 0; k < candidate->length; k++)
        {
          const NfToken *token = &tokens[candidate->first + k];
          const Term *term = &terms[term_of[candidate->first + k]];
          if (k)
            g_string_append_c (phrase, ' ');
          if ((token->flags & NF_TOKEN_SENTENCE_START) && term->tf_upper == 0 && term->tf_acronym == 0)
            {
              g_autofree char *lower = g_utf8_strdown (text + token->start, token->end - token->start);
              g_string_append (phrase, lower);
            }
          else
            g_string_append_len (phrase, text + token->start, token->end - token->start);
        }
      keywords_list_add (&result, phrase->str, 1.0 / (1.0 + candidate->score));
      g_string_free (phrase, TRUE);
    }
  arena_reset (&worker->arena); /* the candidates: not kept while later stages run */
  nf_article_set_field (article, NF_FIELD_KEYWORDS, keywords_list_end (&result));

  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "keywords",
  .summary = "Extracts key phrases: noun phrases for English, YAKE with stopwords and stemming for other languages",
  .options = keywords_options,
  .init = keywords_init,
  .worker_new = keywords_worker_new,
  .worker_free = keywords_worker_free,
  .process = keywords_process,
  .free = keywords_free,
);
