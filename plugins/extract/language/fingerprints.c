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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NGRAM_CHARS 5
#define MAX_NGRAM_BYTES (MAX_NGRAM_CHARS * 4)
#define MISSING_PENALTY 400            /* MAXOUTOFPLACE */
#define THRESHOLD_VALUE 1.03
#define TABLE_POW 13                   /* textcat's TABLEPOW: its bucket order ranks ties */
#define TABLE_SIZE (1u << TABLE_POW)
/* Not a rank: at least 400 away from every rank, both ways round in 16 bits (see score()). */
#define NO_RANK 0x8000
#define LANES 8                        /* languages scored at once, in 16-bit lanes */

/* ---- the languages' fingerprints ---- */

/* An n-gram of the fingerprints with its rank in each language, on whole cache lines: a text's
 * n-gram costs one miss in the slot table and, when present, one in its record. */
typedef struct {
  guint8  length;
  char    bytes[MAX_NGRAM_BYTES];
  guint8  unused;
  guint16 ranks[];      /* per language: rank, or NO_RANK */
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

static inline guint32
key_hash (const char *bytes, gsize length)
{
  guint32 h = 2166136261u;  /* FNV-1a */
  for (gsize i = 0; i < length; i++)
    h = (h ^ (guint8) bytes[i]) * 16777619u;
  return h;
}

static inline Record *
record_at (const LangFingerprints *fingerprints, guint32 index)
{
  return (Record *) (fingerprints->records + index * fingerprints->record_size);
}

/* The record of the n-gram @length bytes at @bytes whose key_hash() is @h, or NULL. */
static const Record *
lookup (const LangFingerprints *fingerprints, const char *bytes, gsize length, guint32 h)
{
  for (guint32 slot = h & fingerprints->mask;; slot = (slot + 1) & fingerprints->mask)
    {
      const Slot *entry = &fingerprints->slots[slot];
      if (entry->record == 0)
        return NULL;
      if (entry->hash != h)
        continue;
      const Record *record = record_at (fingerprints, entry->record - 1);
      if (record->length == length && memcmp (record->bytes, bytes, length) == 0)
        return record;
    }
}

/* Reads a .lm file as fp_Read does: up to 400 lines, each trimmed and cut at its first space
 * or tab; lines longer than 20 bytes are skipped and take no rank. */
static GPtrArray *
read_fingerprint (const char *path, GError **error)
{
  FILE *file = fopen (path, "r");
  if (file == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "cannot open %s", path);
      return NULL;
    }
  GPtrArray *ngrams = g_ptr_array_new_with_free_func (g_free);
  char line[1024];
  while (ngrams->len < LANG_MAX_NGRAMS && fgets (line, sizeof line, file))
    {
      line[strcspn (line, "\n\r")] = '\0';
      char *start = line;
      while (g_ascii_isspace (*start))
        start++;
      start[strcspn (start, " \t")] = '\0';
      char *end = start + strlen (start);
      while (end > start && g_ascii_isspace (end[-1]))
        *--end = '\0';
      if (end - start > MAX_NGRAM_BYTES)
        continue;
      g_ptr_array_add (ngrams, g_strdup (start));
    }
  fclose (file);
  return ngrams;
}

LangFingerprints *
lang_fingerprints_load (char **names, char **paths, guint n, GError **error)
{
  g_autoptr (GHashTable) index_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) strings = g_ptr_array_new ();  /* distinct n-grams, owned by lists */
  for (guint l = 0; l < n; l++)
    {
      GPtrArray *ngrams = read_fingerprint (paths[l], error);
      if (ngrams == NULL)
        return NULL;
      g_ptr_array_add (lists, ngrams);
      for (guint r = 0; r < ngrams->len; r++)
        {
          char *ngram = ngrams->pdata[r];
          if (ngram[0] != '\0' && !g_hash_table_contains (index_of, ngram))
            {
              g_hash_table_insert (index_of, ngram, GUINT_TO_POINTER (strings->len));
              g_ptr_array_add (strings, ngram);
            }
        }
    }
  LangFingerprints *fingerprints = g_new0 (LangFingerprints, 1);
  fingerprints->n_languages = n;
  fingerprints->names = g_new0 (char *, n + 1);
  for (guint l = 0; l < n; l++)
    fingerprints->names[l] = g_strdup (names[l]);
  guint n_keys = strings->len;
  fingerprints->record_size = (sizeof (Record) + n * sizeof (guint16) + 63) & ~(gsize) 63;
  /* one record more: score() reads the ranks of LANES languages at a time, past the last */
  fingerprints->records = g_aligned_alloc0 (n_keys + 1, fingerprints->record_size, 64);
  guint32 capacity = 16;
  while (capacity < 2 * n_keys)
    capacity *= 2;
  fingerprints->mask = capacity - 1;
  fingerprints->slots = g_new0 (Slot, capacity);
  for (guint k = 0; k < n_keys; k++)
    {
      const char *ngram = strings->pdata[k];
      Record *record = record_at (fingerprints, k);
      record->length = strlen (ngram);
      memcpy (record->bytes, ngram, record->length);
      for (guint l = 0; l < n; l++)
        record->ranks[l] = NO_RANK;
      guint32 h = key_hash (record->bytes, record->length);
      guint32 slot = h & fingerprints->mask;
      while (fingerprints->slots[slot].record)
        slot = (slot + 1) & fingerprints->mask;
      fingerprints->slots[slot] = (Slot) { h, k + 1 };
    }
  for (guint l = 0; l < n; l++)
    {
      GPtrArray *ngrams = lists->pdata[l];
      /* textcat merges sorted lists, so a duplicate n-gram would take an arbitrary one of its
       * ranks; the first is as good, and the files shipped have none */
      for (guint r = ngrams->len; r-- > 0;)
        {
          const char *ngram = ngrams->pdata[r];
          if (ngram[0] == '\0')
            continue;
          guint k = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, ngram));
          record_at (fingerprints, k)->ranks[l] = r;
        }
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

typedef struct {
  gint32  next;      /* in the bucket's chain, newest first as textcat's */
  guint32 count;
  guint32 hash;      /* simplehash() */
  guint32 offset;    /* of its first occurrence in the buffer */
  guint32 length;
  guint32 slot;      /* in the n-gram table */
} Entry;

typedef struct {
  guint32 count;
  guint32 entry;
} HeapItem;

/* The n-gram table: an n-gram is its first n - 1 characters (an entry) and one more
 * character, so it is found by one integer, (entry + 1) << 32 | the character's bytes, in open
 * addressing, with no string hashed or compared: the same n-gram from two places is the same
 * chain of characters, since where a character ends depends only on its own bytes. */
typedef struct {
  guint64 key;       /* 0: empty (a character's bytes are never all NUL) */
  guint32 entry;
} NgramSlot;

struct LangScratch {
  gint32     heads[TABLE_SIZE];   /* textcat's buckets, for its order; -1: empty */
  guint64    used[TABLE_SIZE / 64]; /* buckets not empty: a short text fills few */
  Entry     *entries;
  gsize      n_entries, entries_size;
  NgramSlot *slots;
  guint      slot_bits;
  char      *buffer;              /* the text with runs of spaces and digits as one '_' */
  gsize      buffer_size;
  HeapItem   heap[LANG_MAX_NGRAMS + 1]; /* heap[heap_size]: a count above all */
  guint      heap_size;
  guint32    top[LANG_MAX_NGRAMS]; /* entry of each rank */
  guint32    hashes[LANG_MAX_NGRAMS];
};

LangScratch *
lang_scratch_new (void)
{
  LangScratch *scratch = g_new0 (LangScratch, 1);
  memset (scratch->heads, 0xff, sizeof scratch->heads);
  scratch->slot_bits = 13;  /* room for the n-grams of a few KB */
  scratch->slots = g_new0 (NgramSlot, 1u << scratch->slot_bits);
  return scratch;
}

void
lang_scratch_free (LangScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_free (scratch->entries);
  g_free (scratch->slots);
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
  if (scratch->buffer_size < size + 3)
    {
      scratch->buffer_size = MAX (size + 3, 1024);
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
  *w = '\0';
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

static inline guint32
slot_of (guint64 key, guint bits)
{
  return (guint32) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> (64 - bits));
}

/* Doubles the n-gram table (at most half full, so probes stay short). */
static void
grow_slots (LangScratch *scratch)
{
  NgramSlot *old = scratch->slots;
  guint32 old_size = 1u << scratch->slot_bits;
  scratch->slot_bits++;
  guint32 mask = (1u << scratch->slot_bits) - 1;
  scratch->slots = g_new0 (NgramSlot, mask + 1);
  for (guint32 i = 0; i < old_size; i++)
    if (old[i].key)
      {
        guint32 slot = slot_of (old[i].key, scratch->slot_bits);
        while (scratch->slots[slot].key)
          slot = (slot + 1) & mask;
        scratch->slots[slot] = old[i];
        scratch->entries[old[i].entry].slot = slot;
      }
  g_free (old);
}

/* Adds the n-gram @length bytes at @bytes, first seen, with table key @key, to go in @slot;
 * its simplehash() is @h: the bucket order of that hash decides which of the equally frequent
 * n-grams are kept.  Returns its entry. */
static gint32
add_ngram (LangScratch *scratch, guint64 key, guint32 slot, const char *bytes, gsize length, guint32 h)
{
  if (scratch->n_entries == scratch->entries_size)
    {
      scratch->entries_size = MAX (4096, 2 * scratch->entries_size);
      scratch->entries = g_renew (Entry, scratch->entries, scratch->entries_size);
    }
  gint32 e = scratch->n_entries++;
  scratch->slots[slot] = (NgramSlot) { key, e };
  guint32 bucket = h & (TABLE_SIZE - 1);
  if (scratch->heads[bucket] < 0)
    scratch->used[bucket / 64] |= G_GUINT64_CONSTANT (1) << (bucket % 64);
  scratch->entries[e] = (Entry) {
    .next = scratch->heads[bucket], .count = 1, .hash = h, .length = length,
    .offset = bytes - scratch->buffer, .slot = slot,
  };
  scratch->heads[bucket] = e;
  if (2 * scratch->n_entries >= (1u << scratch->slot_bits))
    grow_slots (scratch);
  return e;
}

/* utfcreatengramtable(): from each character, the n-grams of 1 to 5 characters that do not go
 * past an underscore (one may start with one).  simplehash() of n-gram b[0..k) of c characters
 * is c * 13 * 31^k + sum b[i] * 31^(k-1-i): the sum and the power grow byte by byte as the
 * n-gram does.  An n-gram is its first n - 1 characters (@parent) and one more: its key in the
 * table is (parent + 1) << 32 | that character's bytes. */
static void
count_ngrams (LangScratch *scratch, const char *buffer)
{
  /* in locals: the stores into the entries would otherwise reload them */
  NgramSlot *slots = scratch->slots;
  Entry *entries = scratch->entries;
  guint bits_of_slots = scratch->slot_bits;
  guint32 mask = (1u << bits_of_slots) - 1;
  for (const char *p = buffer;; p += char_length (p))
    {
      guint32 sum = 0, power = 1;
      const char *q = p;
      gint32 parent = -1;
      for (guint chars = 1; chars <= MAX_NGRAM_CHARS; chars++)
        {
          gsize decay;
          guint32 bits;
          if ((guchar) *q < 0x80)
            {
              /* ASCII, most of any text: one byte (never NUL here) */
              decay = 1;
              bits = (guchar) *q;
              sum = sum * 31 + bits;
              power *= 31;
            }
          else
            {
              decay = char_length (q);
              bits = 0;
              for (gsize i = 0; i < decay; i++)
                {
                  sum = sum * 31 + (guint32) (gint32) (signed char) q[i];
                  power *= 31;
                  bits |= (guint32) (guchar) q[i] << (8 * i);
                }
            }
          guint64 key = (guint64) (guint32) (parent + 1) << 32 | bits;
          guint32 slot = slot_of (key, bits_of_slots);
          while (slots[slot].key && slots[slot].key != key)
            slot = (slot + 1) & mask;
          if (slots[slot].key)
            {
              parent = slots[slot].entry;
              entries[parent].count++;
            }
          else
            {
              parent = add_ngram (scratch, key, slot, p, q + decay - p, chars * 13 * power + sum);
              slots = scratch->slots;
              entries = scratch->entries;
              bits_of_slots = scratch->slot_bits;
              mask = (1u << bits_of_slots) - 1;
            }
          if (chars > 1 && *q == '_')
            break;
          q += decay;
          if (*q == '\0')
            return;
        }
    }
}

/* textcat's heap, comparison for comparison: its ties decide the ranks */
static void
sift_up (HeapItem *heap, guint child)
{
  while (child > 0)
    {
      guint parent = (child - 1) >> 1;
      if (heap[parent].count <= heap[child].count)
        return;
      HeapItem tmp = heap[parent];
      heap[parent] = heap[child];
      heap[child] = tmp;
      child = parent;
    }
}

/* The item at @parent moves down to where textcat's swaps would take it, in one store
 * instead of a swap a level, with the same comparisons: heap[size] is a count above all, so
 * a last child with no sibling needs no test of its own. */
static void
sift_down (HeapItem *heap, guint size, guint parent)
{
  HeapItem item = heap[parent];
  for (guint child = parent * 2 + 1; child < size; child = parent * 2 + 1)
    {
      child += heap[child].count > heap[child + 1].count;
      if (item.count <= heap[child].count)
        break;
      heap[parent] = heap[child];
      parent = child;
    }
  heap[parent] = item;
}

/* sift_down() from the root when the item goes deep, as the last item of the heap does:
 * down the path of the smaller children to a leaf with one comparison a level, then back up
 * to the first node of that path whose count is below the item's (the counts on the path
 * grow downwards, so that is where the comparisons of sift_down() stop it). */
static void
sift_down_deep (HeapItem *heap, guint size)
{
  HeapItem item = heap[0];
  guint node = 0;
  for (guint child = 1; child < size; child = node * 2 + 1)
    node = child + (heap[child].count > heap[child + 1].count);
  while (node > 0 && heap[node].count >= item.count)
    node = (node - 1) / 2;
  /* the path from the root down to node moves up a level */
  for (HeapItem carry = item; ; node = (node - 1) / 2)
    {
      HeapItem here = heap[node];
      heap[node] = carry;
      carry = here;
      if (node == 0)
        break;
    }
}

static inline void
heap_insert (LangScratch *scratch, HeapItem item)
{
  if (scratch->heap_size < LANG_MAX_NGRAMS)
    {
      scratch->heap[scratch->heap_size] = item;
      sift_up (scratch->heap, scratch->heap_size);
      scratch->heap_size++;
      scratch->heap[scratch->heap_size].count = G_MAXUINT32;
      return;
    }
  if (item.count < scratch->heap[0].count)
    return;
  scratch->heap[0] = item;
  sift_down (scratch->heap, scratch->heap_size, 0);
}

static inline HeapItem
heap_extract (LangScratch *scratch)
{
  HeapItem item = scratch->heap[0];
  if (scratch->heap_size > 1)
    scratch->heap[0] = scratch->heap[scratch->heap_size - 1];
  /* textcat sifts with the old size, the moved last item still in place */
  sift_down_deep (scratch->heap, scratch->heap_size);
  scratch->heap_size--;
  scratch->heap[scratch->heap_size].count = G_MAXUINT32;
  return item;
}

/* fp_Create(): the text's most frequent n-grams, by rank (0 the most frequent); returns how
 * many. */
static guint
make_fingerprint (LangScratch *scratch, const char *text, gsize size)
{
  count_ngrams (scratch, prepare (scratch, text, size));
  scratch->heap_size = 0;
  scratch->heap[0].count = G_MAXUINT32;
  for (guint word = 0; word < G_N_ELEMENTS (scratch->used); word++)
    for (guint64 bits = scratch->used[word]; bits; bits &= bits - 1)
      {
        guint bucket = word * 64 + __builtin_ctzll (bits);
        for (gint32 e = scratch->heads[bucket]; e >= 0; e = scratch->entries[e].next)
          heap_insert (scratch, (HeapItem) { scratch->entries[e].count, e });
        scratch->heads[bucket] = -1;
      }
  /* the tables are empty again; the entries stay readable until the next call */
  memset (scratch->used, 0, sizeof scratch->used);
  for (gsize e = 0; e < scratch->n_entries; e++)
    scratch->slots[scratch->entries[e].slot].key = 0;
  scratch->n_entries = 0;
  guint n = scratch->heap_size;
  for (guint rank = n; rank-- > 0;)
    scratch->top[rank] = heap_extract (scratch).entry;
  return n;
}

/* ---- the out-of-place distance ---- */

typedef guint16 Lanes __attribute__ ((vector_size (LANES * sizeof (guint16))));

static inline Lanes
min_lanes (Lanes a, Lanes b)
{
  Lanes less = (Lanes) (a < b);  /* all ones where a < b */
  return (a & less) | (b & ~less);
}

/* Adds to @sums, for each language, how far @rank is from the n-gram's rank in it, @ranks
 * (MISSING_PENALTY when it has none), LANES languages at a time.  In 16 bits without sign,
 * the smaller of a - b and b - a is |a - b| when both are ranks (below 400), and at least
 * 400 when one is NO_RANK, so capping at 400 gives the penalty without a test. */
static inline void
score (Lanes *sums, const guint16 *ranks, guint n_blocks, guint rank)
{
  Lanes ours = (Lanes) { 0 } + (guint16) rank, cap = (Lanes) { 0 } + (guint16) MISSING_PENALTY;
  for (guint b = 0; b < n_blocks; b++)
    {
      Lanes theirs;
      memcpy (&theirs, ranks + b * LANES, sizeof theirs);  /* not aligned */
      Lanes up = theirs - ours, down = ours - theirs;
      sums[b] += min_lanes (min_lanes (up, down), cap);
    }
}

/* Moves the 16-bit sums into @scores. */
static void
add_sums (int *scores, Lanes *sums, guint n_blocks)
{
  for (guint b = 0; b < n_blocks; b++)
    {
      for (guint i = 0; i < LANES; i++)
        scores[b * LANES + i] += sums[b][i];
      sums[b] = (Lanes) { 0 };
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
  Lanes stack_sums[64 / LANES];
  g_autofree int *heap_scores = n_blocks * LANES > G_N_ELEMENTS (stack_scores) ? g_new (int, n_blocks * LANES) : NULL;
  g_autofree Lanes *heap_sums = n_blocks > G_N_ELEMENTS (stack_sums) ? g_new (Lanes, n_blocks) : NULL;
  int *scores = heap_scores ? heap_scores : stack_scores;
  Lanes *sums = heap_sums ? heap_sums : stack_sums;
  memset (scores, 0, n_blocks * LANES * sizeof *scores);
  memset (sums, 0, n_blocks * sizeof *sums);

  guint n = make_fingerprint (scratch, text, size);
  /* The fingerprints' tables are mostly out of the cache by the next article: ask for every
   * n-gram's slot, then every record, before reading them, so the misses overlap. */
  for (guint rank = 0; rank < n; rank++)
    {
      const Entry *entry = &scratch->entries[scratch->top[rank]];
      guint32 h = key_hash (scratch->buffer + entry->offset, entry->length);
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
      const Entry *entry = &scratch->entries[scratch->top[rank]];
      const Record *record = lookup (fingerprints, scratch->buffer + entry->offset, entry->length,
                                     scratch->hashes[rank]);
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
