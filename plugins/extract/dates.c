/* extract "dates": dates in the body ("2026-11-27", "November 27, 2026", "27 Nov 2026",
 * "Nov. 27", "on Thursday", "yesterday", "last week", "in 2020") as "date" annotations whose
 * "value" is ISO 8601; relative ones are resolved against the published date, which a
 * dateline ("BRUSSELS, Nov 26") supplies when the metadata has none.
 *
 * English always; German, Spanish and French relative words when the article is in that
 * language (run "language" first).  Month and weekday names come from the core's date reader
 * (newsflow/date.h: CLDR through ICU), so every language it knows is read the same way as in
 * page metadata.  Works on the shared tokens (text.h). */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <newsflow/newsflow.h>

typedef enum { LANG_EN = 1, LANG_DE = 2, LANG_ES = 4, LANG_FR = 8 } Lang;

typedef enum {
  W_MONTH = 1,     /* value 1..12 */
  W_WEEKDAY,       /* value 1 (Monday) .. 7 (Sunday), as GDateWeekday */
  W_DAY_OFFSET,    /* today, yesterday: value days + 8 */
  W_MODIFIER,      /* last (value 0), next (2), this (1) */
  W_UNIT,          /* day 1, week 2, month 3, year 4 */
  W_AGO,
  W_PREPOSITION,   /* before a bare year: "in 2020" */
  W_FUTURE,        /* "will": a weekday in the same sentence lies ahead */
  W_JOINER,        /* Spanish "de" in "14 de julio de 2026" */
} WordKind;

typedef struct {
  const char *word; /* lower case */
  guint8 lang;
  guint8 kind;
  guint8 value;
  guint8 needs_capital; /* English month and weekday names are capitalised; "may" is not May */
} Word;

static const Word words[] = {
  /* Days relative to publication (value - 8 days); "tomorrow" words that also mean
   * "morning" (morgen, mañana) are left out. */
  { "today", LANG_EN, W_DAY_OFFSET, 8, 0 }, { "tonight", LANG_EN, W_DAY_OFFSET, 8, 0 },
  { "yesterday", LANG_EN, W_DAY_OFFSET, 7, 0 }, { "tomorrow", LANG_EN, W_DAY_OFFSET, 9, 0 },
  { "heute", LANG_DE, W_DAY_OFFSET, 8, 0 }, { "gestern", LANG_DE, W_DAY_OFFSET, 7, 0 },
  { "vorgestern", LANG_DE, W_DAY_OFFSET, 6, 0 },
  { "hoy", LANG_ES, W_DAY_OFFSET, 8, 0 }, { "ayer", LANG_ES, W_DAY_OFFSET, 7, 0 },
  { "anteayer", LANG_ES, W_DAY_OFFSET, 6, 0 },
  { "aujourd'hui", LANG_FR, W_DAY_OFFSET, 8, 0 }, { "aujourd’hui", LANG_FR, W_DAY_OFFSET, 8, 0 },
  { "hier", LANG_FR, W_DAY_OFFSET, 7, 0 }, { "demain", LANG_FR, W_DAY_OFFSET, 9, 0 },
  { "last", LANG_EN, W_MODIFIER, 0, 0 }, { "this", LANG_EN, W_MODIFIER, 1, 0 },
  { "next", LANG_EN, W_MODIFIER, 2, 0 }, { "past", LANG_EN, W_MODIFIER, 0, 0 },
  { "day", LANG_EN, W_UNIT, 1, 0 }, { "days", LANG_EN, W_UNIT, 1, 0 },
  { "week", LANG_EN, W_UNIT, 2, 0 }, { "weeks", LANG_EN, W_UNIT, 2, 0 },
  { "month", LANG_EN, W_UNIT, 3, 0 }, { "months", LANG_EN, W_UNIT, 3, 0 },
  { "year", LANG_EN, W_UNIT, 4, 0 }, { "years", LANG_EN, W_UNIT, 4, 0 },
  { "ago", LANG_EN, W_AGO, 0, 0 },
  { "in", LANG_EN, W_PREPOSITION, 0, 0 }, { "since", LANG_EN, W_PREPOSITION, 0, 0 },
  { "by", LANG_EN, W_PREPOSITION, 0, 0 }, { "until", LANG_EN, W_PREPOSITION, 0, 0 },
  { "till", LANG_EN, W_PREPOSITION, 0, 0 }, { "from", LANG_EN, W_PREPOSITION, 0, 0 },
  { "during", LANG_EN, W_PREPOSITION, 0, 0 }, { "before", LANG_EN, W_PREPOSITION, 0, 0 },
  { "after", LANG_EN, W_PREPOSITION, 0, 0 }, { "of", LANG_EN, W_PREPOSITION, 0, 0 },
  { "im", LANG_DE, W_PREPOSITION, 0, 0 }, { "seit", LANG_DE, W_PREPOSITION, 0, 0 },
  { "bis", LANG_DE, W_PREPOSITION, 0, 0 }, { "en", LANG_ES, W_PREPOSITION, 0, 0 },
  { "desde", LANG_ES, W_PREPOSITION, 0, 0 }, { "hasta", LANG_ES, W_PREPOSITION, 0, 0 },
  { "en", LANG_FR, W_PREPOSITION, 0, 0 }, { "depuis", LANG_FR, W_PREPOSITION, 0, 0 },
  { "will", LANG_EN, W_FUTURE, 0, 0 }, { "shall", LANG_EN, W_FUTURE, 0, 0 },
  { "scheduled", LANG_EN, W_FUTURE, 0, 0 }, { "expected", LANG_EN, W_FUTURE, 0, 0 },
  { "due", LANG_EN, W_FUTURE, 0, 0 }, { "wird", LANG_DE, W_FUTURE, 0, 0 },
  { "werden", LANG_DE, W_FUTURE, 0, 0 },
  { "de", LANG_ES, W_JOINER, 0, 0 },
};

typedef struct {
  GHashTable *words; /* lower-case word -> its first const Word * in words[] */
  gsize       max_word_bytes;
  /* bit set: some word of the table starts with these two bytes, in any case, or they are
   * not both ASCII (every word has two or more): most tokens are turned away before they are
   * hashed, by their bytes as they are */
  guint8      first_pairs[65536 / 8];
  /* bit set: the hash (word_bit) of some ASCII word of the table; an ASCII token whose bit is
   * not set is none of them, so the common words that pass the pairs ("the", "in", "day"
   * aside) are not looked up either */
  guint8      word_bits[65536 / 8];
  gint64      default_year;
  gboolean    from_dateline;
  /* per token length: what of each of three little-endian words of bytes is the token's */
  guint64     key_masks[24 + 1][3];
} Dates;

static const NfOption dates_options[] = {
  NF_OPTION_BOOL ("dateline", cfg_true,
                  "When the article has no published date, take it from the dateline field "
                  "(\"BRUSSELS, Nov 26\") that parse \"text\" sets."),
  NF_OPTION_INT ("default-year", 0,
                 "Year of a dateline that gives none, when no complete date in the body tells it "
                 "(0: the current year, or the previous one if the date would lie ahead)."),
  NF_OPTION_END
};

/* ---- words ---- */

static inline guchar
ascii_lower (char ch)
{
  return (guchar) (ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
}

/* The filter bit of @length bytes of ASCII in lower case (FNV-1a folded to 16 bits). */
static guint
word_bit (const char *s, gsize length)
{
  guint32 h = 2166136261u;
  for (gsize k = 0; k < length; k++)
    h = (h ^ ascii_lower (s[k])) * 16777619u;
  return (h ^ (h >> 16)) & 0xffff;
}

static gboolean
dates_init (NfStage *stage, G_GNUC_UNUSED GError **error)
{
  Dates *dates = g_new0 (Dates, 1);
  /* Keyed by the word alone (the table's strings are static): one lookup per token finds
   * every language's entry for it, without formatting a "lang:word" key first. */
  dates->words = g_hash_table_new (g_str_hash, g_str_equal);
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (!g_hash_table_contains (dates->words, words[i].word))
        g_hash_table_insert (dates->words, (gpointer) words[i].word, (gpointer) &words[i]);
      dates->max_word_bytes = MAX (dates->max_word_bytes, strlen (words[i].word));
      g_assert (words[i].word[0] && words[i].word[1]);
      /* the pair in every case that lowers to it (the words are in lower case) */
      for (guint upper = 0; upper < 4; upper++)
        {
          guchar a = (guchar) words[i].word[0], b = (guchar) words[i].word[1];
          if (upper & 1)
            a = (guchar) g_ascii_toupper (a);
          if (upper & 2)
            b = (guchar) g_ascii_toupper (b);
          guint pair = (guint) a << 8 | b;
          dates->first_pairs[pair >> 3] |= (guint8) (1u << (pair & 7));
        }
      gsize length = strlen (words[i].word), k = 0;
      while (k < length && !(words[i].word[k] & 0x80))
        k++;
      if (k == length)
        {
          guint bit = word_bit (words[i].word, length);
          dates->word_bits[bit >> 3] |= (guint8) (1u << (bit & 7));
        }
    }
  /* the pairs that are not both ASCII, which lowering may turn into anything: a token's pair
   * is read without lowering (the ASCII pairs that lower to a first pair are set above) */
  for (guint first = 0; first < 256; first++)
    {
      guint8 *row = dates->first_pairs + first * 256 / 8;
      if (first & 0x80)
        memset (row, 0xff, 256 / 8);
      else
        memset (row + 128 / 8, 0xff, 128 / 8);
    }
  for (guint length = 0; length < G_N_ELEMENTS (dates->key_masks); length++)
    for (guint w = 0; w < 3; w++)
      {
        guint n = length > 8 * w ? MIN (length - 8 * w, 8) : 0;
        dates->key_masks[length][w] = n == 8 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (8 * n)) - 1;
      }
  dates->default_year = cfg_getint (nf_stage_get_config (stage), "default-year");
  dates->from_dateline = cfg_getbool (nf_stage_get_config (stage), "dateline");
  nf_stage_set_instance (stage, dates);
  return TRUE;
}

static void
dates_free (gpointer instance)
{
  Dates *dates = instance;
  g_hash_table_unref (dates->words);
  g_free (dates);
}

static Lang
lang_of (const char *code)
{
  if (code == NULL)
    return 0;
  if (strcmp (code, "de") == 0)
    return LANG_DE;
  if (strcmp (code, "es") == 0)
    return LANG_ES;
  if (strcmp (code, "fr") == 0)
    return LANG_FR;
  return 0;
}

/* One scan of a text: its tokens with each word looked up once. */
typedef struct {
  const char    *text;
  const NfToken *tokens;
  guint          n;
  const Word   **word; /* per token: the word entry, &number_word, or NULL (and NULL after the last) */
  /* word for an article of up to 2,047 tokens (16 KB of a worker's stack): an allocation of
   * a few KB per article makes malloc consolidate its free lists, which cost more than the
   * scan itself */
  const Word    *small[2048];
} Scan;

/* A number's entry: of no kind, so that find_matches tells the tokens a shape may start at
 * by their entry alone. */
static const Word number_word = { "", 0, 0, 0, 0 };

/* What the date reader's names stand for here (months 1..12, weekdays 1..7). */
static const Word month_words[13] = {
  [1] = { "", 0, W_MONTH, 1, 1 }, [2] = { "", 0, W_MONTH, 2, 1 }, [3] = { "", 0, W_MONTH, 3, 1 },
  [4] = { "", 0, W_MONTH, 4, 1 }, [5] = { "", 0, W_MONTH, 5, 1 }, [6] = { "", 0, W_MONTH, 6, 1 },
  [7] = { "", 0, W_MONTH, 7, 1 }, [8] = { "", 0, W_MONTH, 8, 1 }, [9] = { "", 0, W_MONTH, 9, 1 },
  [10] = { "", 0, W_MONTH, 10, 1 }, [11] = { "", 0, W_MONTH, 11, 1 }, [12] = { "", 0, W_MONTH, 12, 1 },
};
static const Word weekday_words[8] = {
  [1] = { "", 0, W_WEEKDAY, 1, 1 }, [2] = { "", 0, W_WEEKDAY, 2, 1 }, [3] = { "", 0, W_WEEKDAY, 3, 1 },
  [4] = { "", 0, W_WEEKDAY, 4, 1 }, [5] = { "", 0, W_WEEKDAY, 5, 1 }, [6] = { "", 0, W_WEEKDAY, 6, 1 },
  [7] = { "", 0, W_WEEKDAY, 7, 1 },
};

/* Per worker thread: the core's answer for each month or weekday name asked about, by the
 * word's bytes and the language.  A capitalised word (most of them names of people and
 * places, asked about in English and the article's language) costs a few hundred
 * instructions in the core's reader and recurs within and across articles; the answer
 * depends on the bytes and the language alone, so a remembered one is the same. */
#define NAME_SLOTS 4096 /* a power of two, per language: the capitalised words of many articles */
#define NAME_BYTES 24   /* the longest token looked up (lookup turns longer ones away) */
G_STATIC_ASSERT (NAME_BYTES == G_N_ELEMENTS (((Dates *) 0)->key_masks) - 1);

typedef struct {
  guint8 length; /* 0: empty */
  guint8 kind;   /* NfDateNameKind */
  guint8 value;
  char   word[NAME_BYTES];
} NameSlot;

/* A token's entry in words[] (or NULL) as lookup_uncached found it, by the token's bytes,
 * whether it is capitalised and the languages asked about: everything that entry depends on.
 * 32 bytes, the entry as 32 bits (word_code), so that the two ways of a set share one cache
 * line: the table is mostly out of the cache by the next article, and a look-up that read
 * two lines missed twice. */
typedef struct {
  guint64 key[NAME_BYTES / 8]; /* the bytes, zero after the last (see token_key) */
  guint32 tag;                 /* token_tag(); 0: empty */
  gint32  word;                /* word_code() of the entry */
} TokenSlot;
G_STATIC_ASSERT (sizeof (TokenSlot) == 32);

/* The tag of a token of @length bytes (1 to NAME_BYTES), @capital or not, asked about in
 * @langs: never 0. */
static inline guint32
token_tag (gsize length, guint capital, guint langs)
{
  return (guint32) length | capital << 8 | langs << 16;
}

/* An entry lookup_uncached returns (in words[], month_words[] or weekday_words[], all static
 * in this module, within 2 GB of each other) as 32 bits, and back: its address's distance
 * from words[], or NO_WORD for NULL; one addition to read back. */
#define NO_WORD G_MININT32

static inline gint32
word_code (const Word *word)
{
  return word ? (gint32) ((intptr_t) word - (intptr_t) words) : NO_WORD;
}

static inline const Word *
word_of_code (gint32 code)
{
  return code == NO_WORD ? NULL : (const Word *) ((intptr_t) words + code);
}

#define TOKEN_SLOTS 8192 /* a power of two: the common words of many articles */

typedef struct _Pending Pending;

typedef struct {
  TokenSlot *tokens; /* made on first use (token_cache_new), 64-byte aligned in tokens_block */
  gpointer   tokens_block;
  Pending   *pending; /* scan_init's, room for pending_size tokens */
  guint      pending_size;
  /* per language (English, German, Spanish, French), allocated on first use: most workers
   * only ever see English and one other */
  NameSlot *names[4];
} DatesWorker;

static gpointer
dates_worker_new (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED GError **error)
{
  return g_new0 (DatesWorker, 1);
}

static void
dates_worker_free (gpointer data)
{
  DatesWorker *worker = data;
  for (guint i = 0; i < G_N_ELEMENTS (worker->names); i++)
    g_free (worker->names[i]);
  g_free (worker->tokens_block);
  g_free (worker->pending);
  g_free (worker);
}

static NfDateNameKind
lookup_name (DatesWorker *worker, guint lang, const char *word, gsize length, int *value)
{
  static const char *const codes[] = { [LANG_EN] = "en", [LANG_DE] = "de", [LANG_ES] = "es", [LANG_FR] = "fr" };
  if (worker == NULL || length == 0 || length > NAME_BYTES)
    return nf_date_lookup_name (word, length, codes[lang], value);
  guint32 h = 2166136261u;
  for (gsize k = 0; k < length; k++)
    h = (h ^ (guchar) word[k]) * 16777619u;
  guint index = lang == LANG_EN ? 0 : lang == LANG_DE ? 1 : lang == LANG_ES ? 2 : 3;
  if (worker->names[index] == NULL)
    worker->names[index] = g_new0 (NameSlot, NAME_SLOTS);
  NameSlot *slot = &worker->names[index][(h ^ (h >> 15)) & (NAME_SLOTS - 1)];
  if (slot->length != length || memcmp (slot->word, word, length) != 0)
    {
      int found = 0;
      slot->kind = (guint8) nf_date_lookup_name (word, length, codes[lang], &found);
      slot->value = (guint8) found;
      slot->length = (guint8) length;
      memcpy (slot->word, word, length);
    }
  *value = slot->value;
  return slot->kind;
}

/* The entry of words[] for @lower (a token in lower case) in one of @langs, or NULL. */
static const Word *
lookup_lower (Dates *dates, const char *lower, const NfToken *token, guint langs)
{
  const Word *first = g_hash_table_lookup (dates->words, lower);
  if (first == NULL)
    return NULL;
  for (guint lang = LANG_EN; lang <= LANG_FR; lang <<= 1)
    if (langs & lang)
      for (const Word *word = first; word < words + G_N_ELEMENTS (words); word++)
        if (word->lang == lang && strcmp (word->word, lower) == 0
            && (!word->needs_capital || (token->flags & NF_TOKEN_CAPITALIZED)))
          return word;
  return NULL;
}

/* Whether the @length bytes at @s are no word of the table by their first two bytes alone:
 * every word has two bytes or more and starts with two ASCII letters, and lowering leaves
 * ASCII bytes as they are (one bit of first_pairs per pair of bytes as written, set for
 * those that are not both ASCII). */
static inline gboolean
starts_no_word (const Dates *dates, const char *s, gsize length)
{
  if (length < 2)
    return TRUE;
  guint pair = (guint) (guchar) s[0] << 8 | (guchar) s[1];
  return !(dates->first_pairs[pair >> 3] & (1u << (pair & 7)));
}

static const Word *
lookup_uncached (Dates *dates, DatesWorker *worker, const char *text, const NfToken *token, guint langs)
{
  if (token->kind != NF_TOKEN_WORD || token->end - token->start > 24)
    return NULL;
  gsize length = token->end - token->start;
  /* "Thursday's" is Thursday. */
  if (length > 3 && (memcmp (text + token->end - 2, "'s", 2) == 0))
    length -= 2;
  else if (length > 5 && memcmp (text + token->end - 4, "’s", 4) == 0)
    length -= 4;
  /* Month and weekday names: the core's reader, English first, then the article's language. */
  for (guint lang = LANG_EN; lang <= LANG_FR; lang <<= 1)
    if (langs & lang)
      {
        /* English and German write these names with a capital: "may" is not May.  A name
         * these conditions would refuse is not looked up at all (most tokens). */
        gboolean capital = (lang == LANG_EN || lang == LANG_DE);
        if (length < 3 || (capital && !(token->flags & NF_TOKEN_CAPITALIZED)))
          continue;
        int value = 0;
        NfDateNameKind kind = lookup_name (worker, lang, text + token->start, length, &value);
        if (kind != NF_DATE_NAME_NONE)
          return kind == NF_DATE_NAME_MONTH ? &month_words[value] : &weekday_words[value];
      }
  /* Every word of the table has two bytes or more and starts with two ASCII letters; lowering
   * leaves ASCII bytes as they are, so a token starting with two ASCII bytes that start no
   * word of the table is none of them, whatever follows (most tokens: no copy, no hash). */
  const char *s = text + token->start;
  if (starts_no_word (dates, s, length))
    return NULL;
  /* The word in lower case: ASCII in place on the stack (no word of the table is longer
   * than max_word_bytes, so a longer ASCII token is none of them), else GLib's. */
  char buffer[64];
  gsize i = 0;
  while (i < length && !(s[i] & 0x80))
    i++;
  if (i == length)
    {
      if (length > dates->max_word_bytes)
        return NULL;
      guint bit = word_bit (s, length);
      if (!(dates->word_bits[bit >> 3] & (1u << (bit & 7))))
        return NULL;
      for (i = 0; i < length; i++)
        buffer[i] = (char) ascii_lower (s[i]);
      buffer[length] = '\0';
      return lookup_lower (dates, buffer, token, langs);
    }
  /* (freed here rather than by g_autofree: the ASCII tokens above, most of them, then call
   * no g_free at all) */
  char *lower = g_utf8_strdown (s, length);
  const Word *word = lookup_lower (dates, lower, token, langs);
  g_free (lower);
  return word;
}

static inline gboolean
token_slot_holds (const TokenSlot *slot, const guint64 *key, guint32 tag)
{
  return slot->tag == tag && slot->key[0] == key[0] && slot->key[1] == key[1] && slot->key[2] == key[2];
}

/* The bytes of word token @token (NAME_BYTES at most) as three words, zero after the last:
 * hashed and compared a word at a time, not a byte. */
static inline void
token_key (const Dates *dates, const char *text, gsize text_length, const NfToken *token, guint64 key[NAME_BYTES / 8])
{
  gsize length = token->end - token->start;
  const char *s = text + token->start;
  if (token->start + NAME_BYTES <= text_length)
    {
      /* three unaligned loads, the bytes after the token masked away */
      memcpy (key, s, NAME_BYTES);
      for (guint w = 0; w < NAME_BYTES / 8; w++)
        key[w] = GUINT64_FROM_LE (key[w]) & dates->key_masks[length][w];
    }
  else
    {
      memset (key, 0, NAME_BYTES);
      for (gsize k = 0; k < length; k++)
        key[k / 8] |= (guint64) (guchar) s[k] << (8 * (k % 8));
    }
}

/* Room for Pending a worker keeps after an article, in tokens: no more than ordinary
 * articles need. */
#define PENDING_KEEP 16384

/* A token to look up in the token cache: its key, tag and set, from the first pass of
 * scan_init to the second. */
struct _Pending {
  guint64 key[NAME_BYTES / 8];
  guint32 tag, set;
  guint32 token;
};

/* Makes @worker's token cache, cleared and aligned to a cache line: from g_malloc0 (a block
 * this large comes zeroed from the system, its pages touched only as slots are used) rather
 * than g_aligned_alloc0, which clears every page at the first article. */
static void
token_cache_new (DatesWorker *worker)
{
  worker->tokens_block = g_malloc0 (TOKEN_SLOTS * sizeof (TokenSlot) + 63);
  worker->tokens = (TokenSlot *) (((guintptr) worker->tokens_block + 63) & ~(guintptr) 63);
}

/* The first half of a token's look-up: its entry of words[] (or NULL) when it is known
 * without the cache (most lower-case words: turned away by one bit), FALSE; else TRUE, and
 * @pending the key, tag and set of the token cache its answer is in, or goes (the cache made
 * on first use). */
static inline gboolean
lookup_set (Dates *dates, DatesWorker *worker, const char *text, gsize text_length, const NfToken *token,
            guint langs, const Word **word, Pending *pending)
{
  if (token->kind != NF_TOKEN_WORD)
    {
      *word = NULL;
      return FALSE;
    }
  gsize length = token->end - token->start;
  if (worker == NULL || length > NAME_BYTES)
    {
      *word = lookup_uncached (dates, worker, text, token, langs);
      return FALSE;
    }
  guint capital = (token->flags & NF_TOKEN_CAPITALIZED) != 0;
  /* A word the core's reader is not asked about (English and German names need a capital)
   * whose first two bytes start no word of the table is none: most lower-case words, turned
   * away by one bit, cheaper than the cache (as in lookup_uncached). */
  if (!capital && !(langs & (LANG_ES | LANG_FR)) && starts_no_word (dates, text + token->start, length))
    {
      *word = NULL;
      return FALSE;
    }
  guint64 *key = pending->key;
  token_key (dates, text, text_length, token, key);
  guint64 h = (key[0] * 0x9E3779B97F4A7C15u) ^ (key[1] * 0xC2B2AE3D27D4EB4Fu)
              ^ (key[2] * 0x165667B19E3779F9u) ^ (length << 1 | capital);
  h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9u;
  if (worker->tokens == NULL)
    token_cache_new (worker);
  pending->tag = token_tag (length, capital, langs);
  pending->set = (guint32) (h >> 32) & (TOKEN_SLOTS - 2);
  return TRUE;
}

/* The second half: the token's entry from its set of the cache, looked up and kept there
 * when it is not. */
static inline const Word *
lookup_in_set (Dates *dates, DatesWorker *worker, const char *text, const NfToken *token, guint langs,
               const Pending *pending)
{
  /* two ways, in one cache line: the newer answer first, so that two common words of the
   * same hash do not push each other out */
  TokenSlot *slot = &worker->tokens[pending->set];
  if (!token_slot_holds (slot, pending->key, pending->tag))
    {
      if (token_slot_holds (slot + 1, pending->key, pending->tag))
        return word_of_code (slot[1].word);
      slot[1] = slot[0];
      slot->word = word_code (lookup_uncached (dates, worker, text, token, langs));
      slot->tag = pending->tag;
      memcpy (slot->key, pending->key, sizeof slot->key);
    }
  return word_of_code (slot->word);
}

/* Every token's entry: the sets of the cache to look in are found for all the tokens first,
 * and asked for, then looked in: the cache is mostly out of the processor's caches by the
 * next article, and its misses then overlap instead of stalling the scan one by one. */
static void
scan_init (Scan *scan, Dates *dates, DatesWorker *worker, const NfText *segmentation, const char *text, guint langs)
{
  scan->text = text;
  scan->tokens = nf_text_get_tokens (segmentation, &scan->n);
  scan->word = scan->n < G_N_ELEMENTS (scan->small) ? scan->small : g_new (const Word *, scan->n + 1);
  gsize text_length = strlen (text);
  const NfToken *tokens = scan->tokens;
  const Word **word = scan->word;
  word[scan->n] = NULL;
  if (worker == NULL)
    {
      /* nothing cached: every token asked in full */
      for (guint i = 0; i < scan->n; i++)
        word[i] = tokens[i].kind == NF_TOKEN_NUMBER ? &number_word : lookup_uncached (dates, NULL, text, &tokens[i], langs);
      return;
    }
  /* (the worker's, kept from one article to the next) */
  if (worker->pending_size < scan->n)
    {
      worker->pending_size = MAX (scan->n, 1024);
      g_free (worker->pending);
      worker->pending = g_new (Pending, worker->pending_size);
    }
  Pending *pending = worker->pending;
  guint n_pending = 0;
  for (guint i = 0; i < scan->n; i++)
    {
      if (tokens[i].kind == NF_TOKEN_NUMBER)
        {
          word[i] = &number_word;
          continue;
        }
      if (lookup_set (dates, worker, text, text_length, &tokens[i], langs, &word[i], &pending[n_pending]))
        {
          __builtin_prefetch (&worker->tokens[pending[n_pending].set]);
          pending[n_pending++].token = i;
        }
    }
  for (guint k = 0; k < n_pending; k++)
    word[pending[k].token] = lookup_in_set (dates, worker, text, &tokens[pending[k].token], langs, &pending[k]);
  if (worker->pending_size > PENDING_KEEP)
    {
      /* (a long article's room is not kept for the next) */
      g_clear_pointer (&worker->pending, g_free);
      worker->pending_size = 0;
    }
}

static void
scan_clear (Scan *scan)
{
  if (scan->word != scan->small)
    g_free (scan->word);
}

/* ---- matches ---- */

typedef enum {
  M_DATE,      /* y (or 0: year unknown), m, d (or 0: month precision) */
  M_YEAR,      /* y */
  M_WEEKDAY,   /* weekday, modifier (-1 none, 0 last, 1 this, 2 next), future */
  M_OFFSET,    /* days from publication */
  M_PERIOD,    /* modifier and unit: "last week", "next year" */
  M_AGO,       /* amount and unit: "three days ago" */
} MatchKind;

typedef struct {
  MatchKind kind;
  gsize start, end;
  int y, m, d;
  int weekday, modifier, unit, amount;
  gboolean future;
} Match;

static gboolean
is_digits (const char *s, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return length > 0;
}

static int
parse_int (const char *s, gsize length)
{
  int value = 0;
  for (gsize i = 0; i < length && g_ascii_isdigit (s[i]); i++)
    value = value * 10 + (s[i] - '0');
  return value;
}

/* A day of the month: "27", "27th", "1st", "1er"; 0 if the token is none. */
static int
token_day (const Scan *scan, guint i)
{
  if (i >= scan->n || scan->tokens[i].kind != NF_TOKEN_NUMBER)
    return 0;
  const char *s = scan->text + scan->tokens[i].start;
  gsize length = scan->tokens[i].end - scan->tokens[i].start, digits = 0;
  while (digits < length && g_ascii_isdigit (s[digits]))
    digits++;
  if (digits == 0 || digits > 2)
    return 0;
  const char *suffix = s + digits;
  gsize rest = length - digits;
  if (rest && !((rest == 2 && (g_ascii_strncasecmp (suffix, "st", 2) == 0 || g_ascii_strncasecmp (suffix, "nd", 2) == 0
                               || g_ascii_strncasecmp (suffix, "rd", 2) == 0 || g_ascii_strncasecmp (suffix, "th", 2) == 0
                               || g_ascii_strncasecmp (suffix, "er", 2) == 0))))
    return 0;
  int day = parse_int (s, digits);
  return day >= 1 && day <= 31 ? day : 0;
}

/* A four-digit year 1000..2999 that is not part of a larger number ("2028-2034" is a range,
 * still a year each). */
static int
token_year (const Scan *scan, guint i)
{
  if (i >= scan->n || scan->tokens[i].kind != NF_TOKEN_NUMBER)
    return 0;
  const char *s = scan->text + scan->tokens[i].start;
  gsize length = scan->tokens[i].end - scan->tokens[i].start;
  if (length != 4 || !is_digits (s, 4))
    return 0;
  int year = parse_int (s, 4);
  return year >= 1000 && year <= 2999 ? year : 0;
}

static gboolean
is_punct (const Scan *scan, guint i, const char *punct)
{
  return i < scan->n && scan->tokens[i].kind == NF_TOKEN_PUNCT
         && scan->tokens[i].end - scan->tokens[i].start == strlen (punct)
         && memcmp (scan->text + scan->tokens[i].start, punct, strlen (punct)) == 0;
}

static gboolean
is_kind (const Scan *scan, guint i, WordKind kind)
{
  return i < scan->n && scan->word[i] && scan->word[i]->kind == kind;
}

static gboolean
valid_date (int y, int m, int d)
{
  return m >= 1 && m <= 12 && d >= 1 && d <= 31
         && (y == 0 ? d <= (m == 2 ? 29 : g_date_get_days_in_month (m, 2001)) : g_date_valid_dmy (d, m, y));
}

/* ISO 8601 written in the text: 2026-11-27 (a time may follow). */
static guint
match_iso (const Scan *scan, guint i, Match *match)
{
  const NfToken *t = &scan->tokens[i];
  const char *s = scan->text + t->start;
  if (t->kind != NF_TOKEN_NUMBER || t->end - t->start != 4 || !is_digits (s, 4))
    return 0;
  if (!(s[4] == '-' && is_digits (s + 5, 2) && s[7] == '-' && is_digits (s + 8, 2) && !g_ascii_isdigit (s[10])))
    return 0;
  int y = parse_int (s, 4), m = parse_int (s + 5, 2), d = parse_int (s + 8, 2);
  if (!valid_date (y, m, d))
    return 0;
  *match = (Match) { .kind = M_DATE, .start = t->start, .end = t->start + 10, .y = y, .m = m, .d = d };
  guint j = i;
  while (j < scan->n && scan->tokens[j].start < match->end)
    j++;
  if (j > 0 && scan->tokens[j - 1].end > match->end)
    match->end = scan->tokens[j - 1].end; /* "27T10:00": keep the token whole */
  return j - i;
}

/* Month first: "November 27, 2026", "Nov. 27", "Nov 27 2026", "July 2026". */
static guint
match_month_first (const Scan *scan, guint i, Match *match)
{
  if (!is_kind (scan, i, W_MONTH))
    return 0;
  int m = scan->word[i]->value;
  guint j = i + 1;
  if (is_punct (scan, j, "."))
    j++;
  int d = token_day (scan, j);
  if (d)
    {
      j++;
      guint after_day = j;
      int y = 0;
      if (is_punct (scan, j, ","))
        j++;
      if ((y = token_year (scan, j)) && !is_punct (scan, j + 1, "-"))
        j++;
      else
        {
          y = 0;
          j = after_day;
        }
      if (!valid_date (y, m, d))
        return 0;
      *match = (Match) { .kind = M_DATE, .start = scan->tokens[i].start, .end = scan->tokens[j - 1].end,
                         .y = y, .m = m, .d = d };
      return j - i;
    }
  int y = token_year (scan, j);
  if (y)
    {
      *match = (Match) { .kind = M_DATE, .start = scan->tokens[i].start, .end = scan->tokens[j].end, .y = y, .m = m };
      return j + 1 - i;
    }
  return 0;
}

/* Day first: "27 Nov 2026", "27 November", "11. März 2026", "14 de julio de 2026",
 * "27 novembre 2026". */
static guint
match_day_first (const Scan *scan, guint i, Match *match)
{
  int d = token_day (scan, i);
  if (!d)
    return 0;
  guint j = i + 1;
  if (is_punct (scan, j, "."))
    j++;
  if (is_kind (scan, j, W_JOINER))
    j++;
  if (!is_kind (scan, j, W_MONTH))
    return 0;
  int m = scan->word[j]->value;
  j++;
  guint after_month = j;
  if (is_punct (scan, j, "."))
    j++;
  if (is_kind (scan, j, W_JOINER))
    j++;
  if (is_punct (scan, j, ","))
    j++;
  int y = token_year (scan, j);
  if (y && !is_punct (scan, j + 1, "-"))
    j++;
  else
    {
      y = 0;
      j = after_month;
    }
  if (!valid_date (y, m, d))
    return 0;
  *match = (Match) { .kind = M_DATE, .start = scan->tokens[i].start, .end = scan->tokens[j - 1].end,
                     .y = y, .m = m, .d = d };
  return j - i;
}

/* Whether the sentence of token @i speaks of the future before it ("will meet on Friday"). */
static gboolean
future_before (const Scan *scan, guint i)
{
  guint sentence = scan->tokens[i].sentence;
  for (guint k = i; k-- > 0 && scan->tokens[k].sentence == sentence;)
    if (is_kind (scan, k, W_FUTURE))
      return TRUE;
  return FALSE;
}

static guint
match_relative (const Scan *scan, guint i, Match *match)
{
  const NfToken *t = &scan->tokens[i];
  if (is_kind (scan, i, W_DAY_OFFSET))
    {
      *match = (Match) { .kind = M_OFFSET, .start = t->start, .end = t->end, .amount = scan->word[i]->value - 8 };
      return 1;
    }
  if (is_kind (scan, i, W_MODIFIER) && is_kind (scan, i + 1, W_WEEKDAY))
    {
      *match = (Match) { .kind = M_WEEKDAY, .start = t->start, .end = scan->tokens[i + 1].end,
                         .weekday = scan->word[i + 1]->value, .modifier = scan->word[i]->value };
      return 2;
    }
  if (is_kind (scan, i, W_MODIFIER) && is_kind (scan, i + 1, W_UNIT) && scan->word[i + 1]->value > 1)
    {
      *match = (Match) { .kind = M_PERIOD, .start = t->start, .end = scan->tokens[i + 1].end,
                         .modifier = scan->word[i]->value, .unit = scan->word[i + 1]->value };
      return 2;
    }
  if (is_kind (scan, i, W_WEEKDAY))
    {
      *match = (Match) { .kind = M_WEEKDAY, .start = t->start, .end = t->end,
                         .weekday = scan->word[i]->value, .modifier = -1, .future = future_before (scan, i) };
      /* "Monday, Nov. 30": the date says which Monday. */
      Match date;
      guint k = is_punct (scan, i + 1, ",") ? i + 2 : i + 1;
      guint taken = match_month_first (scan, k, &date);
      if (!taken)
        taken = match_day_first (scan, k, &date);
      if (taken)
        {
          date.start = t->start;
          *match = date;
          return k - i + taken;
        }
      return 1;
    }
  /* "three days ago" is rare in numbers-as-words; digits only: "3 days ago". */
  if (t->kind == NF_TOKEN_NUMBER && is_kind (scan, i + 1, W_UNIT) && is_kind (scan, i + 2, W_AGO))
    {
      const char *s = scan->text + t->start;
      gsize length = t->end - t->start;
      if (length <= 3 && is_digits (s, length))
        {
          *match = (Match) { .kind = M_AGO, .start = t->start, .end = scan->tokens[i + 2].end,
                             .amount = parse_int (s, length), .unit = scan->word[i + 1]->value };
          return 3;
        }
    }
  /* A bare year after a preposition: "in 2020", "since 2019", "by 2030". */
  if (is_kind (scan, i, W_PREPOSITION))
    {
      int y = token_year (scan, i + 1);
      if (y && !is_punct (scan, i + 2, "-") && !is_punct (scan, i + 2, "–"))
        {
          *match = (Match) { .kind = M_YEAR, .start = scan->tokens[i + 1].start, .end = scan->tokens[i + 1].end, .y = y };
          return 2;
        }
    }
  return 0;
}

/* Every date in @scan, in text order. */
static GArray *
find_matches (const Scan *scan)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));
  for (guint i = 0; i < scan->n;)
    {
      /* every shape starts at a number or at a word of the table (month names included) */
      if (!scan->word[i])
        {
          i++;
          continue;
        }
      Match match;
      guint taken = match_iso (scan, i, &match);
      if (!taken)
        taken = match_month_first (scan, i, &match);
      if (!taken)
        taken = match_day_first (scan, i, &match);
      if (!taken)
        taken = match_relative (scan, i, &match);
      if (taken)
        {
          g_array_append_val (matches, match);
          i += taken;
        }
      else
        i++;
    }
  return matches;
}

/* ---- resolution ---- */

/* The year nearest to @reference for a month and day written without one. */
static int
nearest_year (const GDate *reference, int m, int d)
{
  int best = 0;
  gint64 best_distance = G_MAXINT64;
  int y0 = g_date_get_year (reference);
  for (int y = y0 - 1; y <= y0 + 1; y++)
    if (g_date_valid_dmy (d, m, y))
      {
        GDate date;
        g_date_clear (&date, 1);
        g_date_set_dmy (&date, d, m, y);
        gint64 distance = ABS ((gint64) g_date_days_between (reference, &date));
        if (distance < best_distance)
          best_distance = distance, best = y;
      }
  return best;
}

/* "%04d", "%04d-%02d" (@d 0) or "%04d-%02d-%02d" (@m and @d not 0), as g_strdup_printf
 * writes them, without its format parsing (most of a date's cost) for the common values. */
static char *
format_iso (int y, int m, int d)
{
  if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99 || (m == 0 && d != 0))
    return m == 0 ? g_strdup_printf ("%04d", y) : d == 0 ? g_strdup_printf ("%04d-%02d", y, m)
                                                       : g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  char buffer[11] = { '0' + y / 1000, '0' + y / 100 % 10, '0' + y / 10 % 10, '0' + y % 10 };
  gsize n = 4;
  if (m)
    {
      buffer[n++] = '-', buffer[n++] = (char) ('0' + m / 10), buffer[n++] = (char) ('0' + m % 10);
      if (d)
        buffer[n++] = '-', buffer[n++] = (char) ('0' + d / 10), buffer[n++] = (char) ('0' + d % 10);
    }
  return g_strndup (buffer, n);
}

static char *
format_date (const GDate *date)
{
  return format_iso (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* The ISO 8601 value of @match, or NULL when it needs a reference date and has none. */
static char *
resolve (const Match *match, const GDate *reference)
{
  GDate date;
  g_date_clear (&date, 1);
  switch (match->kind)
    {
    case M_DATE:
      {
        int y = match->y;
        if (y == 0 && match->d && reference)
          y = nearest_year (reference, match->m, match->d);
        if (match->d == 0)
          return format_iso (y, match->m, 0);
        if (y == 0)
          return g_strdup_printf ("--%02d-%02d", match->m, match->d); /* ISO 8601 without year */
        return format_iso (y, match->m, match->d);
      }
    case M_YEAR:
      return format_iso (match->y, 0, 0);
    default:
      break;
    }
  if (reference == NULL)
    return NULL;
  date = *reference;
  int today = g_date_get_weekday (reference);
  switch (match->kind)
    {
    case M_OFFSET:
      if (match->amount >= 0)
        g_date_add_days (&date, match->amount);
      else
        g_date_subtract_days (&date, -match->amount);
      return format_date (&date);
    case M_WEEKDAY:
      {
        int back = (today - match->weekday + 7) % 7;    /* 0..6 days back */
        int ahead = (match->weekday - today + 7) % 7;   /* 0..6 days ahead */
        if (match->modifier == 0) /* last Friday: before today */
          g_date_subtract_days (&date, back ? back : 7);
        else if (match->modifier == 2) /* next Friday: after today */
          g_date_add_days (&date, ahead ? ahead : 7);
        else if (match->future || match->modifier == 1)
          g_date_add_days (&date, ahead);
        else /* news reports the past: the latest such day up to publication */
          g_date_subtract_days (&date, back);
        return format_date (&date);
      }
    case M_PERIOD:
      {
        int delta = match->modifier - 1; /* last -1, this 0, next +1 */
        if (match->unit == 2)
          {
            if (delta > 0)
              g_date_add_days (&date, 7);
            else if (delta < 0)
              g_date_subtract_days (&date, 7);
            /* The ISO week's year is the year of its Thursday. */
            GDate thursday = date;
            int weekday = g_date_get_weekday (&date);
            if (weekday < 4)
              g_date_add_days (&thursday, 4 - weekday);
            else if (weekday > 4)
              g_date_subtract_days (&thursday, weekday - 4);
            return g_strdup_printf ("%04d-W%02u", g_date_get_year (&thursday), g_date_get_iso8601_week_of_year (&date));
          }
        if (match->unit == 3)
          {
            g_date_set_day (&date, 1);
            if (delta > 0)
              g_date_add_months (&date, 1);
            else if (delta < 0)
              g_date_subtract_months (&date, 1);
            return format_iso (g_date_get_year (&date), g_date_get_month (&date), 0);
          }
        return format_iso (g_date_get_year (&date) + delta, 0, 0);
      }
    case M_AGO:
      switch (match->unit)
        {
        case 1: g_date_subtract_days (&date, match->amount); return format_date (&date);
        case 2: g_date_subtract_days (&date, 7 * match->amount); return format_date (&date);
        case 3:
          g_date_set_day (&date, 1);
          g_date_subtract_months (&date, match->amount);
          return format_iso (g_date_get_year (&date), g_date_get_month (&date), 0);
        default: return format_iso (g_date_get_year (&date) - match->amount, 0, 0);
        }
    default:
      return NULL;
    }
}

/* ---- the published date from a dateline ---- */

/* The year to give a dateline without one: the most common year of the complete dates in
 * the body, else the configured or current year. */
static int
guess_year (Dates *dates, GArray *body, int m, int d)
{
  GHashTable *counts = g_hash_table_new (NULL, NULL);
  int best = 0;
  guint best_count = 0;
  for (guint i = 0; i < body->len; i++)
    {
      const Match *match = &g_array_index (body, Match, i);
      if (match->kind == M_DATE && match->y && match->d)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (match->y))) + 1;
          g_hash_table_insert (counts, GINT_TO_POINTER (match->y), GUINT_TO_POINTER (count));
          if (count > best_count)
            best_count = count, best = match->y;
        }
    }
  g_hash_table_unref (counts);
  if (best)
    return best;
  if (dates->default_year > 0)
    return dates->default_year;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  int y = g_date_time_get_year (now);
  /* A dateline is not from the future: Dec 30 read on Jan 2 is last year's. */
  if (m > g_date_time_get_month (now) + 1 || (m == g_date_time_get_month (now) + 1 && d > g_date_time_get_day_of_month (now)))
    y--;
  return y;
}

static gboolean
date_from_dateline (Dates *dates, DatesWorker *worker, NfArticle *article, guint langs, GArray *body, GDate *out)
{
  /* The text parser puts a dateline's date in its own field ("Nov 26"); older input may
   * still carry it inside the dateline ("BRUSSELS, Nov 26"). */
  const char *dateline = nf_article_get_field_string (article, "dateline_date");
  if (dateline == NULL)
    dateline = nf_article_get_field_string (article, "dateline");
  if (dateline == NULL)
    return FALSE;
  g_autoptr (NfText) segmentation = nf_text_segment (dateline, strlen (dateline));
  Scan scan;
  scan_init (&scan, dates, worker, segmentation, dateline, langs);
  g_autoptr (GArray) matches = find_matches (&scan);
  scan_clear (&scan);
  for (guint i = 0; i < matches->len; i++)
    {
      const Match *match = &g_array_index (matches, Match, i);
      if (match->kind != M_DATE || match->d == 0)
        continue;
      int y = match->y ? match->y : guess_year (dates, body, match->m, match->d);
      if (!g_date_valid_dmy (match->d, match->m, y))
        return FALSE;
      g_date_clear (out, 1);
      g_date_set_dmy (out, match->d, match->m, y);
      return TRUE;
    }
  return FALSE;
}

/* ---- the stage ---- */

static const char *const unit_names[] = { "", "day", "week", "month", "year" };
static const char *const modifier_names[] = { "last", "this", "next" };
static const char *const weekday_names[] = { "", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };

/* How a relative date reads when it cannot be resolved: "yesterday", "last week", "-3d". */
static char *
describe_relative (const Match *match)
{
  switch (match->kind)
    {
    case M_OFFSET:
      return g_strdup (match->amount == 0 ? "today" : match->amount == -1 ? "yesterday"
                       : match->amount == 1 ? "tomorrow" : "-2 days");
    /* (concatenated: a format string costs more to parse than these few bytes to copy) */
    case M_WEEKDAY:
      return match->modifier >= 0 ? g_strconcat (modifier_names[match->modifier], " ", weekday_names[match->weekday], NULL)
                                  : g_strconcat (match->future ? "next " : "", weekday_names[match->weekday], NULL);
    case M_PERIOD:
      return g_strconcat (modifier_names[match->modifier], " ", unit_names[match->unit], NULL);
    case M_AGO:
      return g_strdup_printf ("%d %s%s ago", match->amount, unit_names[match->unit], match->amount == 1 ? "" : "s");
    default:
      return NULL;
    }
}

static gboolean
dates_process (NfStage *stage, gpointer worker, NfArticle *article, G_GNUC_UNUSED GError **error)
{
  Dates *dates = nf_stage_get_instance (stage);
  if (!nf_article_has_text (article))
    return TRUE;
  guint langs = LANG_EN | lang_of (nf_article_get_language (article));
  Scan scan;
  scan_init (&scan, dates, worker, nf_article_get_segmentation (article), nf_article_get_text (article), langs);
  g_autoptr (GArray) matches = find_matches (&scan);
  scan_clear (&scan);

  /* The page's own day (published_local) when there is one: 23:30 in Berlin is the next day
   * in UTC, and relative dates count from the day the readers saw. */
  GDate reference;
  gboolean have_reference = nf_date_get_published_day (article, &reference);
  if (!have_reference && dates->from_dateline && date_from_dateline (dates, worker, article, langs, matches, &reference))
    {
      /* A dateline gives a day, never a time: published_local holds it, "published" (an
       * instant) stays unset, as the core's date reader does for every bare day. */
      NfDate day = { .year = g_date_get_year (&reference), .month = g_date_get_month (&reference),
                     .day = g_date_get_day (&reference) };
      nf_date_set_published (article, &day);
      nf_article_set_field_string (article, "published_from", "dateline");
      have_reference = TRUE;
    }

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *match = &g_array_index (matches, Match, i);
      NfAnnotation *annotation = nf_article_add_annotation (article, NF_ANNOTATION_DATE, match->start, match->end);
      g_autofree char *value = resolve (match, have_reference ? &reference : NULL);
      if (value)
        nf_annotation_set_attr_string (annotation, NF_ATTR_VALUE, value);
      g_autofree char *relative = describe_relative (match);
      if (relative)
        nf_annotation_set_attr_string (annotation, "relative", relative);
    }
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "dates",
  .summary = "Finds dates in the body and normalises them to ISO 8601; dates the article from its dateline",
  .options = dates_options,
  .init = dates_init,
  .worker_new = dates_worker_new,
  .worker_free = dates_worker_free,
  .process = dates_process,
  .free = dates_free,
);
