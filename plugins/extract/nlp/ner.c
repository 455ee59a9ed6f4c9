/* ner.c: features and greedy IOB decoding of the name tagger (see ner.h). */
#include <string.h>

#include "lexicon.h"
#include "ner.h"

static const char *const tag_names[NLP_NER_N_TAGS + 1] = {
  "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", NULL,
};

const char *
nlp_ner_type_name (NlpNerType type)
{
  switch (type)
    {
    case NLP_NER_PER: return "PER";
    case NLP_NER_LOC: return "LOC";
    case NLP_NER_ORG: return "ORG";
    }
  return "O";
}

NlpNerType
nlp_ner_type_parse (const char *name)
{
  static const struct { const char *name; NlpNerType type; } names[] = {
    { "person", NLP_NER_PER }, { "per", NLP_NER_PER }, { "people", NLP_NER_PER },
    { "place", NLP_NER_LOC }, { "location", NLP_NER_LOC }, { "loc", NLP_NER_LOC }, { "gpe", NLP_NER_LOC },
    { "organization", NLP_NER_ORG }, { "organisation", NLP_NER_ORG }, { "org", NLP_NER_ORG },
  };
  if (!name)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      return names[i].type;
  return 0;
}

/* The shipped gazetteers, in priority order (an earlier file wins a name). */
static const char *const shipped_gazetteers[] = {
  "gazetteers/organizations.txt",
  "gazetteers/countries-en.txt",
  "gazetteers/places.txt",
  "gazetteers/regions-en.txt",
  "gazetteers/landmarks.txt",
  "gazetteers/countries.txt",
  "gazetteers/nationalities.txt",
  "gazetteers/cities.txt",
  "gazetteers/regions.txt",
  "gazetteers/world-cities.txt",
  NULL,
};

enum {
  IS_CANDIDATE = 1 << 0,
  IS_TITLE     = 1 << 1,
  IS_ORG_WORD  = 1 << 2,
  IS_LOC_WORD  = 1 << 3,
  IS_NOT_NAME  = 1 << 4,
  IS_SPEECH    = 1 << 5,
  ALSO_LOWER   = 1 << 6, /* a capitalised word the article also writes in lower case */
  HAS_UPPER    = 1 << 7,
};

static void
add_facts (GHashTable *facts, GHashTable *set, guint bit)
{
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_insert (facts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (facts, key)) | bit));
}

/* ---- word classes ------------------------------------------------------------------------ */

#define CLASSES_FILE "models/word-clusters-en.txt"
#define CLASSES_SEED (NLP_HASH_SEED ^ 0x33)

static void
classes_insert (NlpWordClasses *classes, guint32 key, guint32 value)
{
  key |= 1; /* 0 marks an empty slot */
  for (guint32 i = key & classes->mask;; i = (i + 1) & classes->mask)
    if (!classes->keys[i] || classes->keys[i] == key)
      {
        classes->keys[i] = key;
        classes->classes[i] = value;
        return;
      }
}

/* The packed classes of a folded word (each plus one, so 0 means unknown), or 0 for a word
 * the corpus did not have among its most frequent. */
#define CLASS_COARSE(c) ((c) & 0xff)
#define CLASS_MID(c)    (((c) >> 8) & 0x3ff)
#define CLASS_FINE(c)   ((c) >> 18)
static guint32
classes_lookup (const NlpWordClasses *classes, const char *folded, gsize length)
{
  if (!classes->keys)
    return 0;
  guint32 key = nlp_hash_bytes (CLASSES_SEED, folded, length) | 1;
  for (guint32 i = key & classes->mask;; i = (i + 1) & classes->mask)
    {
      if (classes->keys[i] == key)
        return classes->classes[i];
      if (!classes->keys[i])
        return 0;
    }
}

/* Lines "word<TAB>coarse<TAB>mid<TAB>fine" (classes below 255, 1023, 16383). */
static gboolean
classes_load (NlpWordClasses *classes, GError **error)
{
  g_autofree char *path = nf_data_find (CLASSES_FILE, error);
  g_autofree char *contents = NULL;
  gsize length = 0;
  if (!path || !g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  guint lines = 0;
  for (gsize k = 0; k < length; k++)
    lines += contents[k] == '\n';
  guint32 size = 1024;
  while (size < 2 * lines)
    size <<= 1;
  classes->keys = g_new0 (guint32, size);
  classes->classes = g_new (guint32, size);
  classes->mask = size - 1;
  g_autoptr (GString) fold = g_string_sized_new (64);
  guint number = 0;
  for (char *line = contents, *next; line < contents + length; line = next)
    {
      number++;
      next = memchr (line, '\n', contents + length - line);
      next = next ? next + 1 : contents + length;
      if (*line == '#' || *line == '\n')
        continue;
      char *tab = memchr (line, '\t', next - line);
      char *end = NULL;
      guint64 coarse = 0, mid = 0, fine = 0;
      if (tab)
        coarse = g_ascii_strtoull (tab + 1, &end, 10);
      if (end && *end == '\t')
        mid = g_ascii_strtoull (end + 1, &end, 10);
      if (end && *end == '\t')
        fine = g_ascii_strtoull (end + 1, &end, 10);
      if (!tab || !end || (*end != '\n' && end != contents + length) || coarse >= 0xff || mid >= 0x3ff || fine >= 0x3fff)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s:%u: expected a word and three classes", path, number);
          return FALSE;
        }
      g_string_truncate (fold, 0);
      nlp_fold_append (fold, line, tab - line);
      classes_insert (classes, nlp_hash_bytes (CLASSES_SEED, fold->str, fold->len),
                      (guint32) ((coarse + 1) | (mid + 1) << 8 | (fine + 1) << 18));
    }
  return TRUE;
}

void
nlp_ner_lexicon_free (NlpNerLexicon *lexicon)
{
  if (!lexicon)
    return;
  g_free (lexicon->classes.keys);
  g_free (lexicon->classes.classes);
  g_clear_pointer (&lexicon->gazetteer, g_hash_table_unref);
  g_clear_pointer (&lexicon->titles, g_hash_table_unref);
  g_clear_pointer (&lexicon->org_suffixes, g_hash_table_unref);
  g_clear_pointer (&lexicon->loc_suffixes, g_hash_table_unref);
  g_clear_pointer (&lexicon->not_names, g_hash_table_unref);
  g_clear_pointer (&lexicon->speech_verbs, g_hash_table_unref);
  g_clear_pointer (&lexicon->word_facts, g_hash_table_unref);
  g_free (lexicon);
}

NlpNerLexicon *
nlp_ner_lexicon_load (const char *const *extra, gboolean shipped, GError **error)
{
  g_autoptr (NlpNerLexicon) lexicon = g_new0 (NlpNerLexicon, 1);
  lexicon->gazetteer = nlp_gazetteer_new ();
  for (const char *const *name = extra; name && *name; name++)
    if (!nlp_gazetteer_load (lexicon->gazetteer, *name, error))
      return NULL;
  if (shipped)
    for (const char *const *name = shipped_gazetteers; *name; name++)
      if (!nlp_gazetteer_load (lexicon->gazetteer, *name, error))
        return NULL;
  if (!(lexicon->titles = nlp_word_set_load ("gazetteers/titles.txt", error))
      || !(lexicon->org_suffixes = nlp_word_set_load ("gazetteers/org-suffixes.txt", error))
      || !(lexicon->loc_suffixes = nlp_word_set_load ("gazetteers/location-suffixes.txt", error))
      || !(lexicon->not_names = nlp_word_set_load ("gazetteers/not-names.txt", error))
      || !(lexicon->speech_verbs = nlp_word_set_load ("speech-verbs.txt", error)))
    return NULL;
  /* keys are borrowed from the sets, which live as long */
  lexicon->word_facts = g_hash_table_new (g_str_hash, g_str_equal);
  add_facts (lexicon->word_facts, lexicon->titles, IS_TITLE);
  add_facts (lexicon->word_facts, lexicon->org_suffixes, IS_ORG_WORD);
  add_facts (lexicon->word_facts, lexicon->loc_suffixes, IS_LOC_WORD);
  add_facts (lexicon->word_facts, lexicon->not_names, IS_NOT_NAME);
  add_facts (lexicon->word_facts, lexicon->speech_verbs, IS_SPEECH);
  if (!classes_load (&lexicon->classes, error))
    return NULL;
  return g_steal_pointer (&lexicon);
}

NlpPerceptron *
nlp_ner_model_new (guint bits)
{
  return nlp_perceptron_new (NLP_NER_KIND, tag_names, bits);
}

/* ---- per-token facts, computed once an article ------------------------------------------ */

typedef struct {
  guint32 lower;  /* hash of the folded word */
  guint32 word;   /* hash of the word as written */
  guint32 shape;  /* hash of its shape ("Xx", "X.X.", "Xx-Xx", "d") */
  guint32 prefix, suffix3, suffix2;
  guint16 facts;
  guint8  gazetteer; /* label * 4 + position (1 begin, 2 inside, 3 single) of the longest match */
  guint8  alone;     /* the label of the word alone in the gazetteer */
  guint32 classes;   /* its word classes (classes_lookup), 0 when unknown or far from names */
} TokenFacts;

static guint
label_code (const NlpEntry *entry)
{
  if (!entry)
    return 0;
  switch (entry->label[0])
    {
    case 'P': return 1;
    case 'L': return 2;
    case 'O': return 3;
    case 'N': return 4;
    }
  return 0;
}

static const char *const connectors[] = {
  "of", "for", "and", "&", "the", "de", "del", "der", "den", "da", "do", "dos", "das", "du", "van",
  "von", "bin", "ibn", "al", "el", "la", "le", "los", "las", "y", "on", "upon", "di", "des",
  /* the Arabic article assimilated: "Dayr az Zawr", "Ras ash Shamra" */
  "az", "ash", "adh", "ath", "ez", "an", "ar", "as", "at", NULL,
};

static gboolean
is_connector (const char *text, gsize length)
{
  for (const char *const *w = connectors; *w; w++)
    if (strlen (*w) == length && memcmp (text, *w, length) == 0)
      return TRUE;
  return FALSE;
}

static guint32
shape_hash (const char *text, gsize length)
{
  char shape[32];
  gsize n = 0;
  char last = 0;
  for (const char *p = text; p < text + length && n < sizeof shape;)
    {
      if ((guchar) *p < 0x80)
        {
          char a = *p++;
          char k = g_ascii_isupper (a) ? 'X' : g_ascii_islower (a) ? 'x' : g_ascii_isdigit (a) ? 'd' : a;
          if (k != last)
            shape[n++] = k;
          last = k;
          continue;
        }
      gunichar ch = g_utf8_get_char_validated (p, text + length - p);
      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        break;
      char k = g_unichar_isupper (ch) ? 'X' : g_unichar_islower (ch) ? 'x' : g_unichar_isdigit (ch) ? 'd'
               : g_unichar_isalpha (ch) ? 'a' : (ch < 128 ? (char) ch : '*');
      if (k != last)
        shape[n++] = k;
      last = k;
      p = g_utf8_next_char (p);
    }
  return nlp_hash_bytes (NLP_HASH_SEED ^ 0x5a, shape, n);
}

gboolean
nlp_ner_is_title (const NlpNerLexicon *lexicon, GString *scratch, const char *text, const NfToken *t)
{
  if (t->kind != NF_TOKEN_WORD)
    return FALSE;
  gsize end = nlp_strip_possessive (text, t->start, t->end);
  return nlp_word_set_has (lexicon->titles, scratch, text + t->start, end - t->start);
}

/* The folded form of a word into @fold: plain ASCII without a trip through Unicode tables. */
static void
fold_word (GString *fold, const char *w, gsize length)
{
  g_string_truncate (fold, 0);
  for (gsize k = 0; k < length; k++)
    if ((guchar) w[k] >= 0x80)
      {
        nlp_fold_append (fold, w, length);
        return;
      }
  g_string_set_size (fold, length);
  for (gsize k = 0; k < length; k++)
    fold->str[k] = (char) ((w[k] >= 'A' && w[k] <= 'Z') ? w[k] + 32 : w[k]);
}

/* A small open-addressing set of word hashes: the words an article writes in lower case. */
typedef struct {
  guint32 *slots;
  guint32  mask;
} HashSet;

static void
hash_set_add (HashSet *set, guint32 h)
{
  h |= 1; /* 0 marks an empty slot */
  for (guint32 i = h & set->mask;; i = (i + 1) & set->mask)
    {
      if (set->slots[i] == h)
        return;
      if (!set->slots[i])
        {
          set->slots[i] = h;
          return;
        }
    }
}

static gboolean
hash_set_has (const HashSet *set, guint32 h)
{
  h |= 1;
  for (guint32 i = h & set->mask;; i = (i + 1) & set->mask)
    {
      if (set->slots[i] == h)
        return TRUE;
      if (!set->slots[i])
        return FALSE;
    }
}

/* The folded text of tokens [a, b] as the gazetteers spell names, looked up. */
static const NlpEntry *
lookup (const NlpNerLexicon *lexicon, GString *scratch, const char *text, const NfToken *tokens, guint a, guint b)
{
  g_string_truncate (scratch, 0);
  for (guint i = a; i <= b; i++)
    {
      const NfToken *t = &tokens[i];
      if (i > a && t->start > tokens[i - 1].end)
        g_string_append_c (scratch, ' ');
      gsize stop = i == b ? nlp_strip_possessive (text, t->start, t->end) : t->end;
      nlp_fold_append (scratch, text + t->start, stop - t->start);
    }
  return g_hash_table_lookup (lexicon->gazetteer, scratch->str);
}

static void
compute_facts (const NlpNerLexicon *lexicon, const char *text, const NfToken *tokens, guint n, TokenFacts *facts)
{
  g_autoptr (GString) scratch = g_string_sized_new (64);
  g_autoptr (GString) fold = g_string_sized_new (64);
  guint32 size = 64;
  while (size < 2 * n)
    size <<= 1;
  HashSet lower_words = { g_new0 (guint32, size), size - 1 };

  for (guint i = 0; i < n; i++)
    {
      const NfToken *t = &tokens[i];
      TokenFacts *f = &facts[i];
      memset (f, 0, sizeof *f);
      const char *w = text + t->start;
      gsize length = t->end - t->start;
      fold_word (fold, w, length);
      f->lower = nlp_hash_bytes (NLP_HASH_SEED, fold->str, fold->len);
      if (t->kind != NF_TOKEN_WORD)
        {
          f->word = f->shape = f->lower;
          continue;
        }
      gboolean upper = (t->flags & NF_TOKEN_CAPITALIZED) != 0;
      for (gsize k = 0; k < length && !upper; k++)
        upper = g_ascii_isupper (w[k]);
      if (upper)
        f->facts |= HAS_UPPER;
      else
        hash_set_add (&lower_words, f->lower);
    }

  for (guint i = 0; i < n; i++)
    {
      const NfToken *t = &tokens[i];
      TokenFacts *f = &facts[i];
      const char *w = text + t->start;
      gsize length = t->end - t->start;
      if (f->facts & HAS_UPPER)
        f->facts |= IS_CANDIDATE;
      else if (t->kind == NF_TOKEN_WORD && i > 0 && i + 1 < n && (facts[i - 1].facts & (HAS_UPPER | IS_CANDIDATE))
               && is_connector (w, length)
               && ((facts[i + 1].facts & HAS_UPPER)
                   || (i + 2 < n && is_connector (text + tokens[i + 1].start, tokens[i + 1].end - tokens[i + 1].start)
                       && tokens[i + 2].kind == NF_TOKEN_WORD && (tokens[i + 2].flags & NF_TOKEN_CAPITALIZED))))
        f->facts |= IS_CANDIDATE; /* "Bank of England", "Bank of the Philippines" */
      else if (i > 0 && (facts[i - 1].facts & IS_CANDIDATE) && t->kind == NF_TOKEN_PUNCT
               && ((length == 1 && *w == '&') || (length == 1 && *w == '.' && tokens[i - 1].end == t->start
                                                  && tokens[i - 1].end - tokens[i - 1].start <= 3)))
        f->facts |= IS_CANDIDATE; /* "J." of "J. Smith", "Gen." of a title, "&" */
      if (t->kind != NF_TOKEN_WORD)
        continue;
      /* the rest only matters around candidates: skip lower-case words far from them */
      gboolean near = (f->facts & IS_CANDIDATE) || (i > 0 && (facts[i - 1].facts & HAS_UPPER))
                      || (i + 1 < n && (facts[i + 1].facts & HAS_UPPER))
                      || (i > 1 && (facts[i - 2].facts & HAS_UPPER))
                      || (i + 2 < n && (facts[i + 2].facts & HAS_UPPER));
      if (!near)
        continue;
      gsize end = nlp_strip_possessive (text, t->start, t->end) - t->start;
      f->word = nlp_hash_bytes (NLP_HASH_SEED ^ 0x77, w, end);
      f->shape = shape_hash (w, end);
      fold_word (fold, w, end);
      gsize pre = MIN (fold->len, 3), suf3 = MIN (fold->len, 3), suf2 = MIN (fold->len, 2);
      f->prefix = nlp_hash_bytes (NLP_HASH_SEED ^ 0x11, fold->str, pre);
      f->suffix3 = nlp_hash_bytes (NLP_HASH_SEED ^ 0x13, fold->str + fold->len - suf3, suf3);
      f->suffix2 = nlp_hash_bytes (NLP_HASH_SEED ^ 0x17, fold->str + fold->len - suf2, suf2);
      f->facts |= GPOINTER_TO_UINT (g_hash_table_lookup (lexicon->word_facts, fold->str));
      f->classes = classes_lookup (&lexicon->classes, fold->str, fold->len);
      if ((f->facts & HAS_UPPER) && hash_set_has (&lower_words, nlp_hash_bytes (NLP_HASH_SEED, fold->str, fold->len)))
        f->facts |= ALSO_LOWER;
    }
  g_free (lower_words.slots);

  /* gazetteer matches: the longest (up to 6 tokens) starting at each capitalised word */
  for (guint i = 0; i < n; i++)
    {
      if (!(facts[i].facts & HAS_UPPER))
        continue;
      guint longest = 0;
      const NlpEntry *best = NULL;
      for (guint b = i; b < n && b < i + 6; b++)
        {
          if (b > i && !(facts[b].facts & IS_CANDIDATE))
            break;
          if (!(facts[b].facts & HAS_UPPER))
            continue;
          const NlpEntry *e = lookup (lexicon, scratch, text, tokens, i, b);
          if (e)
            {
              best = e;
              longest = b - i + 1;
            }
          if (b == i)
            facts[i].alone = label_code (e);
        }
      if (!best)
        continue;
      guint code = label_code (best) * 4;
      for (guint k = i; k < i + longest; k++)
        if (!facts[k].gazetteer)
          facts[k].gazetteer = code + (longest == 1 ? 3 : k == i ? 1 : 2);
      i += longest - 1;
    }
}

/* ---- features and decoding -------------------------------------------------------------- */

enum {
  F_BIAS = 1, F_LOWER, F_WORD, F_SHAPE, F_PREFIX, F_SUFFIX3, F_SUFFIX2, F_PREV_LOWER, F_NEXT_LOWER,
  F_PREV2_LOWER, F_NEXT2_LOWER, F_PREV_SHAPE, F_NEXT_SHAPE, F_PREV2_SHAPE, F_NEXT2_SHAPE, F_BIGRAM_BEFORE,
  F_BIGRAM_AFTER, F_PREV_TAG, F_PREV_TAGS, F_TAG_LOWER, F_TAG_SHAPE, F_START_SHAPE, F_ALSO_LOWER,
  F_GAZETTEER, F_GAZ_ALONE, F_FACTS, F_PREV_FACTS, F_NEXT_FACTS, F_NEXT2_FACTS, F_PREV2_FACTS,
  F_TAG_FACTS, F_SHAPES, F_RULE, F_RULES_AROUND, F_TAG_RULE, F_RULE_GAZ, F_RULE_SHAPE,
  F_CLASS_FINE, F_CLASS_MID, F_CLASS_COARSE, F_PREV_CLASS, F_NEXT_CLASS, F_TAG_CLASS,
};

static inline guint32
feat (guint template, guint32 value)
{
  return nlp_hash_int (nlp_hash_int (NLP_HASH_SEED, template), value);
}

static inline guint32
feat2 (guint template, guint32 a, guint32 b)
{
  return nlp_hash_int (feat (template, a), b);
}

#define BOUNDARY 0x9e3779b9u
#define MAX_FEATURES 48

static guint
features (const TokenFacts *facts, const NfToken *tokens, const guint8 *hints, guint n, guint i, guint prev, guint prev2,
          guint32 *out)
{
  const TokenFacts *f = &facts[i];
  guint k = 0;
  gboolean start = (tokens[i].flags & NF_TOKEN_SENTENCE_START) != 0;
  /* neighbours within the sentence, else a boundary marker */
  #define SAME(j) ((j) < n && tokens[j].sentence == tokens[i].sentence)
  guint32 pl = i >= 1 && SAME (i - 1) ? facts[i - 1].lower : BOUNDARY;
  guint32 p2l = i >= 2 && SAME (i - 2) ? facts[i - 2].lower : BOUNDARY;
  guint32 nl = SAME (i + 1) ? facts[i + 1].lower : BOUNDARY;
  guint32 n2l = SAME (i + 2) ? facts[i + 2].lower : BOUNDARY;
  guint32 ps = i >= 1 && SAME (i - 1) ? facts[i - 1].shape : BOUNDARY;
  guint32 p2s = i >= 2 && SAME (i - 2) ? facts[i - 2].shape : BOUNDARY;
  guint32 ns = SAME (i + 1) ? facts[i + 1].shape : BOUNDARY;
  guint32 n2s = SAME (i + 2) ? facts[i + 2].shape : BOUNDARY;
  guint pf = i >= 1 && SAME (i - 1) ? facts[i - 1].facts | 0x100 : 0;
  guint p2f = i >= 2 && SAME (i - 2) ? facts[i - 2].facts | 0x100 : 0;
  guint nf = SAME (i + 1) ? facts[i + 1].facts | 0x100 : 0;
  guint n2f = SAME (i + 2) ? facts[i + 2].facts | 0x100 : 0;
  /* word classes: the mid granularity around, all three on the word itself */
  guint32 pc = i >= 1 && SAME (i - 1) ? CLASS_MID (facts[i - 1].classes) : BOUNDARY;
  guint32 nc = SAME (i + 1) ? CLASS_MID (facts[i + 1].classes) : BOUNDARY;
  #undef SAME
  guint own = f->facts & ~(guint) IS_CANDIDATE;

  out[k++] = feat (F_BIAS, 0);
  out[k++] = feat (F_LOWER, f->lower);
  out[k++] = feat (F_WORD, f->word);
  out[k++] = feat2 (F_SHAPE, f->shape, start);
  out[k++] = feat (F_PREFIX, f->prefix);
  out[k++] = feat (F_SUFFIX3, f->suffix3);
  out[k++] = feat (F_SUFFIX2, f->suffix2);
  out[k++] = feat (F_PREV_LOWER, pl);
  out[k++] = feat (F_NEXT_LOWER, nl);
  out[k++] = feat (F_PREV2_LOWER, p2l);
  out[k++] = feat (F_NEXT2_LOWER, n2l);
  out[k++] = feat (F_PREV_SHAPE, ps);
  out[k++] = feat (F_NEXT_SHAPE, ns);
  out[k++] = feat (F_PREV2_SHAPE, p2s);
  out[k++] = feat (F_NEXT2_SHAPE, n2s);
  out[k++] = feat2 (F_SHAPES, ps, feat2 (0, f->shape, ns));
  out[k++] = feat2 (F_BIGRAM_BEFORE, pl, f->lower);
  out[k++] = feat2 (F_BIGRAM_AFTER, f->lower, nl);
  out[k++] = feat (F_PREV_TAG, prev);
  out[k++] = feat2 (F_PREV_TAGS, prev, prev2);
  out[k++] = feat2 (F_TAG_LOWER, prev, f->lower);
  out[k++] = feat2 (F_TAG_SHAPE, prev, f->shape);
  out[k++] = feat2 (F_ALSO_LOWER, (f->facts & ALSO_LOWER) != 0, start);
  out[k++] = feat2 (F_GAZETTEER, f->gazetteer, 0);
  out[k++] = feat2 (F_GAZ_ALONE, f->alone, start);
  out[k++] = feat (F_FACTS, own);
  out[k++] = feat (F_PREV_FACTS, pf);
  out[k++] = feat (F_NEXT_FACTS, nf);
  out[k++] = feat (F_PREV2_FACTS, p2f);
  out[k++] = feat (F_NEXT2_FACTS, n2f);
  out[k++] = feat2 (F_TAG_FACTS, prev, own);
  out[k++] = feat2 (F_GAZETTEER, f->gazetteer, prev);
  out[k++] = feat (F_CLASS_FINE, CLASS_FINE (f->classes));
  out[k++] = feat2 (F_CLASS_MID, CLASS_MID (f->classes), start);
  out[k++] = feat (F_CLASS_COARSE, CLASS_COARSE (f->classes));
  out[k++] = feat (F_PREV_CLASS, pc);
  out[k++] = feat (F_NEXT_CLASS, nc);
  out[k++] = feat2 (F_TAG_CLASS, prev, CLASS_MID (f->classes));
  if (hints)
    {
      /* stacking: what the rules decided here and around */
      guint h = hints[i];
      guint hp = i >= 1 ? hints[i - 1] : 15, hn = i + 1 < n ? hints[i + 1] : 15;
      out[k++] = feat (F_RULE, h);
      out[k++] = feat2 (F_RULES_AROUND, hp, feat2 (0, h, hn));
      out[k++] = feat2 (F_TAG_RULE, prev, h);
      out[k++] = feat2 (F_RULE_GAZ, h, f->gazetteer);
      out[k++] = feat2 (F_RULE_SHAPE, h, f->shape);
    }
  return k;
}

/* Which tags may follow @prev: I-X only after B-X or I-X. */
static guint32
allowed_after (guint prev)
{
  guint32 mask = 1u << NLP_NER_O | 1u << NLP_NER_B_PER | 1u << NLP_NER_B_LOC | 1u << NLP_NER_B_ORG;
  if (prev != NLP_NER_O)
    {
      guint type = (prev + 1) / 2; /* 1 PER, 2 LOC, 3 ORG */
      mask |= 1u << (type * 2);
    }
  return mask;
}

guint
nlp_ner_tag (NlpPerceptron *model, const NlpNerLexicon *lexicon, const char *text, const NfToken *tokens,
             guint n, const guint8 *hints, const guint8 *gold, guint8 *tags)
{
  if (n == 0)
    return 0;
  TokenFacts *facts = g_new (TokenFacts, n);
  compute_facts (lexicon, text, tokens, n, facts);
  guint32 feats[MAX_FEATURES];
  guint errors = 0;
  guint prev = NLP_NER_O, prev2 = NLP_NER_O;
  for (guint i = 0; i < n; i++)
    {
      if (tokens[i].flags & NF_TOKEN_SENTENCE_START)
        prev = prev2 = NLP_NER_O;
      guint tag = NLP_NER_O;
      if ((facts[i].facts & IS_CANDIDATE) || (hints && hints[i]))
        {
          guint k = features (facts, tokens, hints, n, i, prev, prev2, feats);
          float scores[NLP_PERCEPTRON_MAX_CLASSES] = { 0 };
          nlp_perceptron_score (model, feats, k, scores);
          tag = nlp_perceptron_best (model, scores, allowed_after (prev));
          if (gold)
            {
              nlp_perceptron_tick (model);
              if (tag != gold[i])
                {
                  errors++;
                  nlp_perceptron_update (model, feats, k, gold[i], tag);
                }
            }
        }
      tags[i] = (guint8) tag;
      prev2 = prev;
      prev = tag;
    }
  g_free (facts);
  return errors;
}

void
nlp_ner_spans (const guint8 *tags, guint n, GArray *spans)
{
  for (guint i = 0; i < n;)
    {
      if (tags[i] == NLP_NER_O)
        {
          i++;
          continue;
        }
      NlpNerSpan span = { .first = i, .type = (tags[i] + 1) / 2 };
      guint inside = span.type * 2;
      i++;
      while (i < n && tags[i] == inside)
        i++;
      span.last = i - 1;
      g_array_append_val (spans, span);
    }
}

void
nlp_ner_hints (guint8 *hints, guint n, guint first, guint last, guint label)
{
  for (guint i = first; i <= last && i < n; i++)
    hints[i] = (guint8) (label * 2 - (i == first));
}
