/* fingerprints.c: libexttextcat 3.4's classifier, same answers, without its costs.
 *
 * textcat makes a fingerprint of the text (its 400 most frequent n-grams of 1 to 5 UTF-8
 * characters, ranked) and sums, for each language, how far each n-gram's rank is from its rank
 * in the language's fingerprint (400 when absent).  Ties between n-grams of equal count are
 * broken by the order in which textcat's hash table and heap happen to hold them, and on short
 * texts most counts are equal, so to give the same ranks this file keeps textcat's hash
 * function, bucket order and heap operations exactly; what it changes is the cost around
 * them: the counting table lives in reusable scratch memory instead of a memory pool made and
 * freed per call, and the 400 n-grams are scored against every language with one lookup each
 * into a table holding their ranks in all languages, instead of one sorted-list merge (400 +
 * 400 string comparisons) per language.  tests/unit/test-language-textcat.c checks the
 * answers against libexttextcat's on many texts. */
#include "fingerprints.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_NGRAM_CHARS 5
#define MAX_NGRAM_BYTES (MAX_NGRAM_CHARS * 4)
#define MISSING_PENALTY 400            /* MAXOUTOFPLACE */
#define THRESHOLD_VALUE 1.03
#define TABLE_POW 13                   /* textcat's TABLEPOW: its bucket order ranks ties */
#define TABLE_SIZE (1u << TABLE_POW)
/* Not a rank: more than 400 from every rank, in 16 bits with sign (see score()). */
#define NO_RANK 0x4000
#define LANES 8                        /* languages scored at once, in 16-bit lanes */

/* ---- the languages' fingerprints ---- */

/* An n-gram's bytes as three words, zero past its end (no n-gram has a NUL byte), so that it
 * is hashed and compared in a few word operations instead of byte by byte. */
typedef struct {
  guint64 words[3];
} Key;

/* The word of @s's bytes from @start on, of which @length - @start belong to the n-gram; @s
 * must be readable 8 bytes past @start either way. */
static inline guint64
key_word (const char *s, gint start, gint length)
{
  gint remaining = length - start;
  if (remaining <= 0)
    return 0;
  guint64 word;
  memcpy (&word, s + start, sizeof word);
  word = GUINT64_FROM_LE (word);  /* the n-gram's first byte in the low bits */
  return remaining >= 8 ? word : word & ((G_GUINT64_CONSTANT (1) << (8 * remaining)) - 1);
}

/* The key of the @length bytes at @s (at most MAX_NGRAM_BYTES), readable up to s + 24. */
static inline Key
key_of (const char *s, gint length)
{
  return (Key) { { key_word (s, 0, length), key_word (s, 8, length), key_word (s, 16, length) } };
}

static inline guint32
key_hash (const Key *key)
{
  guint64 x = key->words[0] + key->words[1] * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)
    + key->words[2] * G_GUINT64_CONSTANT (0x165667B19E3779F9);
  return (guint32) ((x * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32);
}

/* An n-gram of the fingerprints with its rank in each language, on whole cache lines: a text's
 * n-gram costs one miss in the slot table and, when present, one in its record. */
typedef struct {
  Key     key;
  gint16  ranks[];      /* per language: rank, or NO_RANK */
} Record;

typedef struct {
  guint32 hash;
  guint32 record;       /* index + 1; 0: empty */
} Slot;

struct LangFingerprints {
  guint     n_languages;
  char    **names;
  char     *records;    /* n_keys records of record_size bytes */
  gsize     record_size;
  Slot     *slots;      /* open addressing, at most half full */
  guint32   mask;
};

static inline Record *
record_at (const LangFingerprints *fingerprints, guint32 index)
{
  return (Record *) (fingerprints->records + index * fingerprints->record_size);
}

/* The record of n-gram @key whose key_hash() is @h, or NULL. */
static const Record *
lookup (const LangFingerprints *fingerprints, const Key *key, guint32 h)
{
  for (guint32 slot = h & fingerprints->mask;; slot = (slot + 1) & fingerprints->mask)
    {
      const Slot *entry = &fingerprints->slots[slot];
      if (entry->record == 0)
        return NULL;
      if (entry->hash != h)
        continue;
      const Record *record = record_at (fingerprints, entry->record - 1);
      if (((record->key.words[0] ^ key->words[0]) | (record->key.words[1] ^ key->words[1])
           | (record->key.words[2] ^ key->words[2])) == 0)
        return record;
    }
}

/* An n-gram line of a .lm file: its bytes in the file's contents. */
typedef struct {
  const char *start;
  gsize       length;
} Line;

/* Reads a .lm file as fp_Read does, a line at a time with fgets into 1,024 bytes: up to 400
 * lines, each cut at its first NUL, CR or LF, trimmed and cut at its first space or tab; lines
 * longer than 20 bytes are skipped and take no rank.  The file is read whole and the lines
 * point into @contents: no string is copied and no stream read a line at a time. */
static gboolean
read_fingerprint (const char *path, char **contents, Line *lines, guint *n_lines, GError **error)
{
  gsize size;
  if (!g_file_get_contents (path, contents, &size, NULL))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "cannot open %s", path);
      return FALSE;
    }
  const char *p = *contents, *end = *contents + size;
  guint n = 0;
  while (n < LANG_MAX_NGRAMS && p < end)
    {
      /* what one fgets reads: through the first LF, 1,023 bytes at most */
      const char *line = p, *newline = memchr (p, '\n', MIN ((gsize) (end - p), 1023));
      p = newline ? newline + 1 : p + MIN ((gsize) (end - p), 1023);
      const char *stop = line;
      while (stop < p && *stop && *stop != '\n' && *stop != '\r')
        stop++;
      const char *start = line;
      while (start < stop && g_ascii_isspace (*start))
        start++;
      const char *cut = start;
      while (cut < stop && *cut != ' ' && *cut != '\t')
        cut++;
      while (cut > start && g_ascii_isspace (cut[-1]))
        cut--;
      if (cut - start > MAX_NGRAM_BYTES)
        continue;
      lines[n++] = (Line) { start, cut - start };
    }
  *n_lines = n;
  return TRUE;
}

/* The record of @key (hashed @h) in the open-addressing table @slots of @mask + 1 slots over
 * @records, or the empty slot where it goes. */
static Slot *
find_slot (Slot *slots, guint32 mask, const char *records, gsize record_size, const Key *key, guint32 h)
{
  for (guint32 slot = h & mask;; slot = (slot + 1) & mask)
    {
      if (slots[slot].record == 0)
        return &slots[slot];
      const Record *record = (const Record *) (records + (slots[slot].record - 1) * record_size);
      if (slots[slot].hash == h && memcmp (&record->key, key, sizeof *key) == 0)
        return &slots[slot];
    }
}

LangFingerprints *
lang_fingerprints_load (char **names, char **paths, guint n, GError **error)
{
  gsize record_size = (sizeof (Record) + n * sizeof (gint16) + 63) & ~(gsize) 63;
  /* The distinct n-grams in order of first appearance, with their ranks, made in place in
   * room for every line of every file, one record more (score() reads the ranks of LANES
   * languages at a time, past the last).  The room is not cleared: each record is written
   * whole when made, so the pages past the last record made are never touched and cost no
   * page fault nor memory, where a cleared scratch table copied to one of the exact size
   * cost both twice over at every start. */
  gsize room = (gsize) n * LANG_MAX_NGRAMS + 1;
  char *records = g_aligned_alloc (room, record_size, 64);
  guint32 scratch_mask = 15;
  while (scratch_mask + 1 < 2 * n * LANG_MAX_NGRAMS)
    scratch_mask = scratch_mask * 2 + 1;
  g_autofree Slot *scratch_slots = g_new0 (Slot, scratch_mask + 1);
  guint n_keys = 0;
  g_autofree Line *lines = g_new (Line, LANG_MAX_NGRAMS);
  for (guint l = 0; l < n; l++)
    {
      g_autofree char *contents = NULL;
      guint n_lines;
      if (!read_fingerprint (paths[l], &contents, lines, &n_lines, error))
        {
          g_aligned_free (records);
          return NULL;
        }
      for (guint r = 0; r < n_lines; r++)
        {
          if (lines[r].length == 0)
            continue;  /* takes a rank, matches no n-gram */
          char padded[MAX_NGRAM_BYTES + 8] = { 0 };
          memcpy (padded, lines[r].start, lines[r].length);
          Key key = key_of (padded, lines[r].length);
          guint32 h = key_hash (&key);
          Slot *slot = find_slot (scratch_slots, scratch_mask, records, record_size, &key, h);
          if (slot->record == 0)
            {
              Record *record = (Record *) (records + n_keys * record_size);
              memset (record, 0, record_size);
              record->key = key;
              for (guint k = 0; k < n; k++)
                record->ranks[k] = NO_RANK;
              *slot = (Slot) { h, ++n_keys };
            }
          Record *record = (Record *) (records + (slot->record - 1) * record_size);
          /* textcat merges sorted lists, so a duplicate n-gram would take an arbitrary one of
           * its ranks; the first is as good, and the files shipped have none */
          if (record->ranks[l] == NO_RANK)
            record->ranks[l] = r;
        }
    }
  memset (records + n_keys * record_size, 0, record_size);
  LangFingerprints *fingerprints = g_new0 (LangFingerprints, 1);
  fingerprints->n_languages = n;
  fingerprints->names = g_new0 (char *, n + 1);
  for (guint l = 0; l < n; l++)
    fingerprints->names[l] = g_strdup (names[l]);
  fingerprints->record_size = record_size;
  fingerprints->records = records;
  guint32 capacity = 16;
  while (capacity < 2 * n_keys)
    capacity *= 2;
  fingerprints->mask = capacity - 1;
  fingerprints->slots = g_new0 (Slot, capacity);
  for (guint k = 0; k < n_keys; k++)
    {
      guint32 h = key_hash (&record_at (fingerprints, k)->key);
      guint32 slot = h & fingerprints->mask;
      while (fingerprints->slots[slot].record)
        slot = (slot + 1) & fingerprints->mask;
      fingerprints->slots[slot] = (Slot) { h, k + 1 };
    }
  return fingerprints;
}

void
lang_fingerprints_free (LangFingerprints *fingerprints)
{
  if (fingerprints == NULL)
    return;
  g_strfreev (fingerprints->names);
  g_aligned_free (fingerprints->records);
  g_free (fingerprints->slots);
  g_free (fingerprints);
}

guint
lang_fingerprints_size (const LangFingerprints *fingerprints)
{
  return fingerprints->n_languages;
}

const char *
lang_fingerprints_name (const LangFingerprints *fingerprints, guint index)
{
  return fingerprints->names[index];
}

/* ---- the text's fingerprint, as textcat's fingerprint.c makes it ---- */

/* An n-gram of the text, in textcat's table: TABLE_SIZE buckets by simplehash(), each a chain
 * of its n-grams, newest first.  An n-gram is its first n - 1 characters (an entry) and one
 * more character, so it is told from the others of its bucket by one integer,
 * (entry + 1) << 32 | the character's bytes, with no string compared: the same n-gram from two
 * places is the same chain of characters, since where a character ends depends only on its
 * own bytes.  Like textcat's, the chains grow with the text (a few KB keep them at one or two
 * entries); the caller samples 768 bytes. */
typedef struct {
  guint64 key;
  gint32  next;      /* in the bucket's chain; -1: none */
  guint32 count;
  guint32 offset;    /* of its first occurrence in the buffer */
  guint32 length;
} Entry;

/* An item of the heap: the entry << 32 | its count, built and moved as one integer */
typedef guint64 HeapItem;
#define ITEM_COUNT(item) ((guint32) (item))
#define ITEM_ENTRY(item) ((guint32) ((item) >> 32))
#define ABOVE_ALL G_MAXUINT32   /* an item whose count is above all */

/* Bytes readable past the end of the buffer: key_of() reads an n-gram's 24 bytes at once. */
#define BUFFER_SLACK (3 * 8)

struct LangScratch {
  gint32     heads[TABLE_SIZE];   /* the buckets; -1: empty */
  guint32    ascii[128];          /* entry + 1 of each ASCII unigram counted; 0: none yet */
  guint64    used[TABLE_SIZE / 64]; /* buckets not empty: a short text fills few */
  Entry     *entries;
  guint32    entries_size;
  char      *buffer;              /* the text with runs of spaces and digits as one '_' */
  const char *buffer_end;         /* its NUL */
  gsize      buffer_size;
  HeapItem   heap[LANG_MAX_NGRAMS + 1]; /* one more: ABOVE_ALL past the last */
  guint32    top[LANG_MAX_NGRAMS]; /* entry of each rank */
  Key        keys[LANG_MAX_NGRAMS];
  guint32    hashes[LANG_MAX_NGRAMS];
};

LangScratch *
lang_scratch_new (void)
{
  LangScratch *scratch = g_new0 (LangScratch, 1);
  memset (scratch->heads, 0xff, sizeof scratch->heads);
  scratch->entries_size = 4096;  /* the n-grams of a few KB */
  scratch->entries = g_new (Entry, scratch->entries_size);
  return scratch;
}

void
lang_scratch_free (LangScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_free (scratch->entries);
  g_free (scratch->buffer);
  g_free (scratch);
}

/* isspace or isdigit: in glibc's locales no byte above 127 is either */
static inline gboolean
invalid (char c)
{
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '0' && c <= '9');
}

/* prepbuffer(): runs of invalid characters become one '_', the text is framed by '_'; at most
 * @size + 1 characters are written, counting the underscores but not the runs. */
static const char *
prepare (LangScratch *scratch, const char *p, gsize size)
{
  if (scratch->buffer_size < size + 3 + BUFFER_SLACK)
    {
      scratch->buffer_size = MAX (size + 3 + BUFFER_SLACK, 1024);
      scratch->buffer = g_realloc (scratch->buffer, scratch->buffer_size);
    }
  char *w = scratch->buffer;
  char *limit = scratch->buffer + size + 1;
  gboolean word = FALSE;
  for (;;)
    {
      if (!word)
        {
          while (invalid (*p))
            p++;
          if (*p == '\0')
            {
              *w++ = '_';
              break;
            }
          *w++ = '_';
          if (w == limit)
            break;
          word = TRUE;
        }
      *w++ = *p++;
      if (w == limit)
        {
          *w++ = '_';
          break;
        }
      if (invalid (*p))
        word = FALSE;
      else if (*p == '\0')
        break;
    }
  /* the NUL, and defined bytes for key_of() to read past it */
  memset (w, 0, 1 + BUFFER_SLACK);
  scratch->buffer_end = w;
  return scratch->buffer;
}

/* utf8_charcopy()'s notion of a character: a byte with the high bit set is followed by as many
 * bytes as its high bits (after the first) say, stopping at NUL. */
static inline gsize
char_length (const char *s)
{
  gsize n = 0;
  if ((guchar) s[0] & 0x80)
    for (guchar escape = ((guchar) s[0] & 0xF0) << 1; (escape & 0x80) && s[n]; escape <<= 1)
      n++;
  if (s[n])
    n++;
  return n;
}

/* The character at @q: returns its bytes as an integer (never 0), sets @length to how many
 * there are and adds them to simplehash()'s running @sum; @extra gains a factor 31 for each
 * byte past the first (see count_ngrams()). */
static inline guint32
next_char (const char *q, gsize *length, guint32 *sum, guint32 *extra)
{
  if (G_LIKELY ((guchar) *q < 0x80))
    {
      /* ASCII, most of any text: one byte (never NUL here) */
      *length = 1;
      *sum = *sum * 31 + (guchar) *q;
      return (guchar) *q;
    }
  gsize n = char_length (q);
  guint32 bits = 0;
  for (gsize i = 0; i < n; i++)
    {
      *sum = *sum * 31 + (guint32) (gint32) (signed char) q[i];
      bits |= (guint32) (guchar) q[i] << (8 * i);
    }
  for (gsize i = 1; i < n; i++)
    *extra *= 31;
  *length = n;
  return bits;
}

/* c * 13 * 31^c, the factor of the power in simplehash() of @c characters of one byte each */
static inline guint32
ascii_factor (guint chars)
{
  guint32 factor = chars * 13;
  for (guint i = 0; i < chars; i++)
    factor *= 31;
  return factor;
}

/* ascii_factor() of 0 to 5 characters */
static const guint32 ascii_factors[MAX_NGRAM_CHARS + 1] = {
  0, 1 * 13 * 31, 2 * 13 * 31 * 31, 3 * 13 * 31 * 31 * 31, 4u * 13 * 31 * 31 * 31 * 31,
  5u * 13 * 31 * 31 * 31 * 31 * 31,
};

/* The entries as the counting loop keeps them in registers. */
typedef struct {
  Entry  *entries;
  guint32 n;
} Entries;

/* Makes the entry of a new n-gram from @start to the character at @c (of @length bytes) in
 * @bucket, after the n-gram whose entry + 1 is @parent.  Returns its entry + 1. */
G_ALWAYS_INLINE static inline guint32
add_ngram (LangScratch *scratch, Entries *entries, guint64 key, guint32 bucket, const char *start,
           const char *c, gsize length)
{
  guint32 e = entries->n++;
  scratch->used[bucket / 64] |= G_GUINT64_CONSTANT (1) << (bucket % 64);
  entries->entries[e] = (Entry) {
    .key = key, .next = scratch->heads[bucket], .count = 1,
    .offset = start - scratch->buffer, .length = c + length - start,
  };
  scratch->heads[bucket] = e;
  return e + 1;
}

/* Counts the n-gram from @start to the character at @c, its @chars-th, after the n-gram whose
 * entry + 1 is @parent (0: none), given simplehash()'s running @sum and @extra for the bytes
 * before @c; sets @length to the character's and @made to whether the n-gram is new.  Returns
 * the n-gram's entry + 1. */
G_ALWAYS_INLINE static inline guint32
count_ngram (LangScratch *scratch, Entries *entries, guint32 parent, const char *start,
             const char *c, gsize *length, guint chars, guint32 *sum, guint32 *extra, gboolean *made)
{
  guint64 key = (guint64) parent << 32 | next_char (c, length, sum, extra);
  guint32 bucket = (ascii_factor (chars) * *extra + *sum) & (TABLE_SIZE - 1);
  for (gint32 e = scratch->heads[bucket]; e >= 0; e = entries->entries[e].next)
    if (entries->entries[e].key == key)
      {
        entries->entries[e].count++;
        *made = FALSE;
        return e + 1;
      }
  *made = TRUE;
  return add_ngram (scratch, entries, key, bucket, start, c, *length);
}

/* utfcreatengramtable() at the character at @p: the n-grams of 1 to 5 characters from it that
 * do not go past an underscore (one may start with one).  Returns where the next character
 * starts, or NULL when an n-gram reached the end of the buffer, where textcat stops counting
 * altogether; @near_end: whether it may, else the tests are left out.  simplehash() of n-gram
 * b[0..k) of c characters is c * 13 * 31^k + sum b[i] * 31^(k-1-i): the sum grows byte by
 * byte as the n-gram does, and the power, 31^c when every character is a byte, takes a
 * factor @extra for the others. */
G_ALWAYS_INLINE static inline const char *
count_position (LangScratch *scratch, Entries *entries, const char *p, gboolean near_end)
{
  gsize length;
  guint32 sum = 0, extra = 1;
  guint32 parent;
  gboolean made = FALSE;
  guchar first = (guchar) *p;
  if (first < 0x80 && scratch->ascii[first])
    {
      /* an ASCII character seen before: its entry straight from the byte, no hash */
      parent = scratch->ascii[first];
      entries->entries[parent - 1].count++;
      length = 1;
      sum = first;
    }
  else
    {
      parent = count_ngram (scratch, entries, 0, p, p, &length, 1, &sum, &extra, &made);
      if (first < 0x80)
        scratch->ascii[first] = parent;
    }
  const char *q = p + length;
  if (near_end && *q == '\0')
    return NULL;
  const char *next = q;  /* the unigram's character is the step to the next position */
  guint chars = 2;
  if (!made)
    {
      /* unrolled: the character count is a constant in each copy */
#pragma GCC unroll 4
      for (; chars <= MAX_NGRAM_CHARS; chars++)
        {
          parent = count_ngram (scratch, entries, parent, p, q, &length, chars, &sum, &extra, &made);
          if (*q == '_')
            return next;
          q += length;
          if (near_end && *q == '\0')
            return NULL;
          if (made)
            {
              chars++;
              break;
            }
        }
    }
  /* After a new n-gram the longer ones from here are new too: their keys hold its entry, which
   * no other key can, so they are made without a look at their buckets (most longer n-grams
   * of a text). */
  for (; chars <= MAX_NGRAM_CHARS; chars++)
    {
      guint64 key = (guint64) parent << 32 | next_char (q, &length, &sum, &extra);
      guint32 bucket = (ascii_factors[chars] * extra + sum) & (TABLE_SIZE - 1);
      parent = add_ngram (scratch, entries, key, bucket, p, q, length);
      if (*q == '_')
        break;
      q += length;
      if (near_end && *q == '\0')
        return NULL;
    }
  return next;
}

/* The n-grams of the buffer, from each character.  The n-grams from a character read its 5
 * characters of 4 bytes at most and the byte after them, so from a character more than 20
 * bytes before the end none can reach it.  Each character counts 5 n-grams at most, so the
 * entries are made room for beforehand. */
static void
count_ngrams (LangScratch *scratch)
{
  gsize most = MAX_NGRAM_CHARS * (gsize) (scratch->buffer_end - scratch->buffer);
  if (scratch->entries_size < most)
    {
      while (scratch->entries_size < most)
        scratch->entries_size *= 2;
      scratch->entries = g_renew (Entry, scratch->entries, scratch->entries_size);
    }
  Entries entries = { scratch->entries, 0 };
  const char *p = scratch->buffer;
  while (p + MAX_NGRAM_BYTES < scratch->buffer_end)
    p = count_position (scratch, &entries, p, FALSE);
  while (p)
    p = count_position (scratch, &entries, p, TRUE);
}

/* textcat's heap, comparison for comparison: its ties decide the ranks */
static void
sift_up (HeapItem *heap, guint child)
{
  while (child > 0)
    {
      guint parent = (child - 1) >> 1;
      if (ITEM_COUNT (heap[parent]) <= ITEM_COUNT (heap[child]))
        return;
      HeapItem tmp = heap[parent];
      heap[parent] = heap[child];
      heap[child] = tmp;
      child = parent;
    }
}

/* textcat's sift down from the root, to where its swaps would take the root's item, with
 * fewer operations.  textcat's comparisons go down the path of the smaller children (the
 * right one only when strictly smaller) and stop at the first node of that path whose count
 * is not below the item's; the counts on the path grow downwards, so that is also the deepest
 * node of the path, seen from its leaf, whose parent's count is below the item's (Floyd's
 * bottom-up heapsort).  So the path is walked to its leaf with one comparison a level, each
 * child moving up into the hole above it, and the item is put back up from the leaf, which
 * the items that come here (an n-gram more frequent than most, the heap's last item) leave
 * after a level or two.  heap[size] is a count above all, so a last child with no sibling
 * needs no test of its own. */
static void
sift_down (HeapItem *heap, guint size)
{
  HeapItem item = heap[0];
  gsize hole = 0;  /* (indexes of the pointer's width: no zero extension a level) */
  for (gsize child = 1; child < size; child = hole * 2 + 1)
    {
      HeapItem left = heap[child], right = heap[child + 1];
      gboolean take_right = ITEM_COUNT (left) > ITEM_COUNT (right);
      heap[hole] = take_right ? right : left;
      hole = child + take_right;
    }
  while (hole > 0)
    {
      gsize parent = (hole - 1) / 2;
      if (ITEM_COUNT (heap[parent]) < ITEM_COUNT (item))
        break;
      heap[hole] = heap[parent];
      hole = parent;
    }
  heap[hole] = item;
}

/* fp_Create(): the text's most frequent n-grams, by rank (0 the most frequent); returns how
 * many.  The n-grams go into textcat's heap of 400 in its order, bucket by bucket; the walk
 * empties the tables for the next call. */
static guint
make_fingerprint (LangScratch *scratch, const char *text, gsize size)
{
  prepare (scratch, text, size);
  memset (scratch->ascii, 0, sizeof scratch->ascii);
  count_ngrams (scratch);
  HeapItem *heap = scratch->heap;
  const Entry *entries = scratch->entries;
  guint n = 0;
  heap[0] = ABOVE_ALL;
  guint32 root = 0;  /* the root's count once the heap is full */
  guint word;
  guint64 bits;
  guint bucket;
  gint32 e;
  /* The walk in two copies, so that the one most n-grams go through tests no heap size: the
   * first 400 n-grams fill the heap, then the walk goes on from the same n-gram in the
   * second copy, which picks up the same word, bits and chain. */
  for (word = 0; word < G_N_ELEMENTS (scratch->used); word++)
    {
      for (bits = scratch->used[word]; bits; bits &= bits - 1)
        {
          bucket = word * 64 + __builtin_ctzll (bits);
          for (e = scratch->heads[bucket]; e >= 0; e = entries[e].next)
            {
              heap[n] = (HeapItem) e << 32 | entries[e].count;
              sift_up (heap, n);
              heap[++n] = ABOVE_ALL;
              if (n == LANG_MAX_NGRAMS)
                {
                  root = ITEM_COUNT (heap[0]);
                  e = entries[e].next;
                  goto full;
                }
            }
          scratch->heads[bucket] = -1;
        }
      scratch->used[word] = 0;
    }
  goto walked;
  for (; word < G_N_ELEMENTS (scratch->used); word++)
    {
      for (bits = scratch->used[word]; bits; bits &= bits - 1)
        {
          bucket = word * 64 + __builtin_ctzll (bits);
          e = scratch->heads[bucket];
        full:
          for (; e >= 0; e = entries[e].next)
            {
              guint32 count = entries[e].count;
              /* an equal count replaces the root and stays there (no child is below it); a
               * lower one changes nothing.  Chosen without a branch: on a short text most
               * counts are the root's or below, in no predictable order. */
              heap[0] = count >= root ? (HeapItem) e << 32 | count : heap[0];
              if (count > root)
                {
                  sift_down (heap, n);
                  root = ITEM_COUNT (heap[0]);
                }
            }
          scratch->heads[bucket] = -1;
        }
      scratch->used[word] = 0;
    }
walked:
  /* textcat's extraction: the root out, the last item in its place, sifted with the old
   * size, the moved last item still in place */
  for (guint left = n; left > 0; left--)
    {
      scratch->top[left - 1] = ITEM_ENTRY (heap[0]);
      heap[0] = heap[left - 1];
      sift_down (heap, left);
      heap[left - 1] = ABOVE_ALL;
    }
  return n;
}

/* ---- the out-of-place distance ---- */

typedef gint16 Lanes __attribute__ ((vector_size (LANES * sizeof (gint16))));
typedef guint16 Sums __attribute__ ((vector_size (LANES * sizeof (guint16))));  /* wrap */

/* Adds to @sums, for each language, how far @rank is from the n-gram's rank in it, @ranks
 * (MISSING_PENALTY when it has none), LANES languages at a time: |theirs - ours|, capped at
 * MISSING_PENALTY, which only a NO_RANK reaches. */
static inline void
score (Sums *sums, const gint16 *ranks, guint n_blocks, guint rank)
{
#ifdef __SSE2__
  /* In signed lanes: theirs - ours lies in [-399, NO_RANK], so it neither wraps nor loses
   * its sign, and |d| capped is min (max (d, -d), cap): four operations a block, where the
   * portable version below needs nine. */
  __m128i ours = _mm_set1_epi16 ((gint16) rank), cap = _mm_set1_epi16 (MISSING_PENALTY);
  for (guint b = 0; b < n_blocks; b++)
    {
      __m128i theirs = _mm_loadu_si128 ((const __m128i *) (ranks + b * LANES));
      __m128i d = _mm_sub_epi16 (theirs, ours);
      __m128i distance = _mm_min_epi16 (_mm_max_epi16 (d, _mm_sub_epi16 (_mm_setzero_si128 (), d)), cap);
      sums[b] = (Sums) _mm_add_epi16 ((__m128i) sums[b], distance);
    }
#else
  Lanes ours = (Lanes) { 0 } + (gint16) rank, cap = (Lanes) { 0 } + (gint16) MISSING_PENALTY;
  for (guint b = 0; b < n_blocks; b++)
    {
      Lanes theirs;
      memcpy (&theirs, ranks + b * LANES, sizeof theirs);  /* not aligned */
      /* in unsigned lanes, where wrapping is defined: a NO_RANK minus a rank wraps to a
       * magnitude far above the cap, which is all the cap needs */
      Sums distance = (Sums) theirs - (Sums) ours;
      Lanes sign = ((Lanes) distance) >> 15;
      distance = (Sums) (((Lanes) distance) ^ sign) - (Sums) sign;  /* |d|, 32768 included */
      Sums over = distance - (Sums) cap;                           /* high bit: below the cap */
      sums[b] += distance - (over & (Sums) ~(((Lanes) over) >> 15));
    }
#endif
}

/* Moves the 16-bit sums into @scores. */
static void
add_sums (int *scores, Sums *sums, guint n_blocks)
{
  for (guint b = 0; b < n_blocks; b++)
    {
      for (guint i = 0; i < LANES; i++)
        scores[b * LANES + i] += sums[b][i];
      sums[b] = (Sums) { 0 };
    }
}

int
lang_fingerprints_classify (const LangFingerprints *fingerprints, LangScratch *scratch,
                            const char *text, gsize size, guint *candidates, int *scores_out)
{
  if (size == 0)
    return -2;  /* TEXTCAT_RESULT_SHORT */
  guint n_languages = fingerprints->n_languages;
  guint n_blocks = (n_languages + LANES - 1) / LANES;
  int stack_scores[64];
  Sums stack_sums[64 / LANES];
  g_autofree int *heap_scores = n_blocks * LANES > G_N_ELEMENTS (stack_scores) ? g_new (int, n_blocks * LANES) : NULL;
  g_autofree Sums *heap_sums = n_blocks > G_N_ELEMENTS (stack_sums) ? g_new (Sums, n_blocks) : NULL;
  int *scores = heap_scores ? heap_scores : stack_scores;
  Sums *sums = heap_sums ? heap_sums : stack_sums;
  memset (scores, 0, n_blocks * LANES * sizeof *scores);
  memset (sums, 0, n_blocks * sizeof *sums);

  guint n = make_fingerprint (scratch, text, size);
  /* The fingerprints' tables are mostly out of the cache by the next article: ask for every
   * n-gram's slot, then every record, before reading them, so the misses overlap. */
  for (guint rank = 0; rank < n; rank++)
    {
      const Entry *entry = &scratch->entries[scratch->top[rank]];
      scratch->keys[rank] = key_of (scratch->buffer + entry->offset, entry->length);
      guint32 h = key_hash (&scratch->keys[rank]);
      scratch->hashes[rank] = h;
      __builtin_prefetch (&fingerprints->slots[h & fingerprints->mask]);
    }
  for (guint rank = 0; rank < n; rank++)
    {
      const Slot *slot = &fingerprints->slots[scratch->hashes[rank] & fingerprints->mask];
      if (slot->record && slot->hash == scratch->hashes[rank])
        __builtin_prefetch (record_at (fingerprints, slot->record - 1));
    }
  int missing = 0;
  guint summed = 0;
  for (guint rank = 0; rank < n; rank++)
    {
      const Record *record = lookup (fingerprints, &scratch->keys[rank], scratch->hashes[rank]);
      if (record == NULL)
        {
          missing++;
          continue;
        }
      score (sums, record->ranks, n_blocks, rank);
      /* a lane adds at most 400 a rank: 128 ranks fit in 16 bits */
      if (++summed == 128)
        {
          add_sums (scores, sums, n_blocks);
          summed = 0;
        }
    }
  add_sums (scores, sums, n_blocks);

  /* textcat stops summing a language once it passes the best score so far plus 3%, but such a
   * language can be no candidate either way, so the full sums answer the same. */
  int best = G_MAXINT;
  for (guint l = 0; l < n_languages; l++)
    {
      scores[l] += missing * MISSING_PENALTY;
      best = MIN (best, scores[l]);
    }
  if (scores_out)
    memcpy (scores_out, scores, n_languages * sizeof *scores);
  int threshold = n_languages ? (int) ((double) best * THRESHOLD_VALUE) : G_MAXINT;
  guint count = 0;
  for (guint l = 0; l < n_languages; l++)
    if (scores[l] < threshold)
      {
        if (++count == LANG_MAX_CANDIDATES + 1)
          return 0;  /* TEXTCAT_RESULT_UNKNOWN */
        /* best first, equal scores in fingerprint order (glibc's qsort is stable here) */
        guint i = count - 1;
        for (; i > 0 && scores[candidates[i - 1]] > scores[l]; i--)
          candidates[i] = candidates[i - 1];
        candidates[i] = l;
      }
  return count;
}
