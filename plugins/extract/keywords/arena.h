/* arena.h: the keywords stage's memory: a map from byte strings to pointers, an index of the
 * keys of a loaded file (the lexicon's, read-only once built), a bump allocator and a list
 * of pointers, these reused from article to article by a worker (phrases.c says why). */
#ifndef NF_KEYWORDS_ARENA_H
#define NF_KEYWORDS_ARENA_H

#include <string.h>
#include <glib.h>
#include <newsflow/newsflow.h>

/* Keys are hashed 8 bytes at a time (a multiply and a shift a piece), not byte by byte:
 * candidates' keys are hashed at every use. */
static inline guint64
hash_step (guint64 state, guint64 piece)
{
  state = (state ^ piece) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return state ^ (state >> 29);
}

static inline guint32
hash_bytes (const char *bytes, gsize length)
{
  guint64 state = (G_GUINT64_CONSTANT (0xcbf29ce484222325) ^ length) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  gsize i = 0;
  for (; i + 8 <= length; i += 8)
    {
      guint64 piece;
      memcpy (&piece, bytes + i, 8);
      state = hash_step (state, piece);
    }
  if (i < length)
    state = hash_step (state, nf_load_bytes (bytes + i, length - i, 0));
  return (guint32) (state >> 32);
}

/* memcmp (@a, @b, @length) == 0 without the call for keys of up to 16 bytes, most of them. */
static inline gboolean
bytes_equal (const char *a, const char *b, gsize length)
{
  if (length > 16)
    return memcmp (a, b, length) == 0;
  if (length >= 8)
    {
      guint64 a1, a2, b1, b2;
      memcpy (&a1, a, 8);
      memcpy (&b1, b, 8);
      memcpy (&a2, a + length - 8, 8);
      memcpy (&b2, b + length - 8, 8);
      return ((a1 ^ b1) | (a2 ^ b2)) == 0;
    }
  return length == 0 || nf_load_bytes (a, length, 0) == nf_load_bytes (b, length, 0); /* 1 to 7 */
}

typedef struct {
  const char *key; /* NULL: a free slot */
  gpointer    value;
  guint32     hash;
  guint32     length;
} Slot;

/* An open-addressing map from byte strings (not copied: they outlive it) to pointers. */
typedef struct {
  Slot *slots;
  guint mask; /* capacity - 1, a power of two */
  guint size;
} StrMap;

static inline void
strmap_init (StrMap *map, guint capacity)
{
  map->slots = g_new0 (Slot, capacity);
  map->mask = capacity - 1;
  map->size = 0;
}

/* Empties @map, keeping up to @keep slots so that the next article need not grow it again. */
static inline void
strmap_clear (StrMap *map, guint keep)
{
  if (map->mask + 1 > keep)
    {
      g_free (map->slots);
      strmap_init (map, keep);
    }
  else if (map->size > 0)
    {
      memset (map->slots, 0, (map->mask + 1) * sizeof (Slot));
      map->size = 0;
    }
}

/* Asks the memory for what strmap_lookup (@map, ..., @hash) will read first: the slot where
 * the probe starts.  No effect on any result; see strmap_prefetch_entry. */
static inline void
strmap_prefetch_slot (const StrMap *map, guint32 hash)
{
#if defined(__GNUC__)
  __builtin_prefetch (&map->slots[hash & map->mask]);
#else
  (void) map, (void) hash;
#endif
}

/* After strmap_prefetch_slot (and once the slot has had time to arrive): the key and the
 * value of the first slot of the probe for @hash that holds that hash, which the lookup
 * compares and its caller reads (a few slots on at most: they share the first's line or the
 * next). */
static inline void
strmap_prefetch_entry (const StrMap *map, guint32 hash)
{
#if defined(__GNUC__)
  for (guint i = hash & map->mask, k = 0; k < 4 && map->slots[i].key; i = (i + 1) & map->mask, k++)
    if (map->slots[i].hash == hash)
      {
        __builtin_prefetch (map->slots[i].key);
        __builtin_prefetch (map->slots[i].value);
        break;
      }
  /* (a function that only reads and prefetches is taken by GCC for one without effects, and
   * its call dropped: the empty asm is an effect) */
  __asm__ __volatile__ ("");
#else
  (void) map, (void) hash;
#endif
}

/* (inlined: a call's own cost is as much as a lookup's) */
G_ALWAYS_INLINE static inline gpointer
strmap_lookup (const StrMap *map, const char *key, gsize length, guint32 hash)
{
  for (guint i = hash & map->mask;; i = (i + 1) & map->mask)
    {
      const Slot *slot = &map->slots[i];
      if (slot->key == NULL)
        return NULL;
      if (slot->hash == hash && slot->length == length && bytes_equal (slot->key, key, length))
        return slot->value;
    }
}

/* Adds @key, which is not in @map yet. */
static inline void
strmap_insert (StrMap *map, const char *key, gsize length, guint32 hash, gpointer value)
{
  if (2 * (map->size + 1) > map->mask + 1)
    {
      Slot *old = map->slots;
      guint capacity = map->mask + 1;
      strmap_init (map, 2 * capacity);
      for (guint i = 0; i < capacity; i++)
        if (old[i].key)
          {
            guint j = old[i].hash & map->mask;
            while (map->slots[j].key)
              j = (j + 1) & map->mask;
            map->slots[j] = old[i];
            map->size++;
          }
      g_free (old);
    }
  guint i = hash & map->mask;
  while (map->slots[i].key)
    i = (i + 1) & map->mask;
  map->slots[i] = (Slot) { key, value, hash, (guint32) length };
  map->size++;
}

/* Adds @key, or gives it @value when it is there (as g_hash_table_insert does). */
static inline void
strmap_set (StrMap *map, const char *key, gsize length, guint32 hash, gpointer value)
{
  for (guint i = hash & map->mask;; i = (i + 1) & map->mask)
    {
      Slot *slot = &map->slots[i];
      if (slot->key == NULL)
        break;
      if (slot->hash == hash && slot->length == length && bytes_equal (slot->key, key, length))
        {
          slot->value = value;
          return;
        }
    }
  strmap_insert (map, key, length, hash, value);
}

/* A set of keys that are in a loaded file, each cut by a NUL (the lexicon's words, cut at
 * their tabs): a slot is the key's hash and its offset in the file, 8 bytes, no copy. */
typedef struct {
  guint32 hash;
  guint32 offset; /* of the key in the file, + 1: 0 is a free slot */
} LineSlot;

typedef struct {
  LineSlot *slots;
  guint     mask; /* capacity - 1, a power of two */
  guint     size;
} LineIndex;

/* @capacity: a power of two, twice the keys expected (more are taken: it grows). */
static inline void
line_index_init (LineIndex *index, guint capacity)
{
  index->slots = g_new0 (LineSlot, capacity);
  index->mask = capacity - 1;
  index->size = 0;
}

static inline void
line_index_clear (LineIndex *index)
{
  g_clear_pointer (&index->slots, g_free);
  index->mask = index->size = 0;
}

/* The slot of @key (@length bytes, hashed to @hash) in @index of @file: the one that holds
 * it, or the free slot where it goes. */
static inline LineSlot *
line_index_probe (const LineIndex *index, const char *file, const char *key, gsize length, guint32 hash)
{
  for (guint i = hash & index->mask;; i = (i + 1) & index->mask)
    {
      LineSlot *slot = &index->slots[i];
      if (slot->offset == 0)
        return slot;
      /* a key is cut by a NUL: a longer one differs there */
      const char *known = file + slot->offset - 1;
      if (slot->hash == hash && bytes_equal (known, key, length) && known[length] == '\0')
        return slot;
    }
}

/* Doubles @index's slots. */
static G_GNUC_UNUSED void
line_index_grow (LineIndex *index)
{
  LineSlot *old = index->slots;
  guint capacity = index->mask + 1;
  line_index_init (index, 2 * capacity);
  for (guint i = 0; i < capacity; i++)
    if (old[i].offset)
      {
        guint j = old[i].hash & index->mask;
        while (index->slots[j].offset)
          j = (j + 1) & index->mask;
        index->slots[j] = old[i];
        index->size++;
      }
  g_free (old);
}

/* Adds the key of @length bytes at @offset of @file (a NUL after it; @offset below
 * G_MAXUINT32); a key added twice is its last offset. */
static G_GNUC_UNUSED void
line_index_put (LineIndex *index, const char *file, gsize offset, gsize length)
{
  guint32 hash = hash_bytes (file + offset, length);
  LineSlot *slot = line_index_probe (index, file, file + offset, length, hash);
  if (slot->offset == 0)
    {
      if (2 * (index->size + 1) > index->mask + 1)
        {
          line_index_grow (index);
          slot = line_index_probe (index, file, file + offset, length, hash);
        }
      index->size++;
    }
  *slot = (LineSlot) { hash, (guint32) offset + 1 };
}

/* Where @file has @key (@length bytes), or NULL. */
static inline const char *
line_index_find (const LineIndex *index, const char *file, const char *key, gsize length)
{
  const LineSlot *slot = line_index_probe (index, file, key, length, hash_bytes (key, length));
  return slot->offset ? file + slot->offset - 1 : NULL;
}

enum { ARENA_BLOCK = 64 * 1024, ARENA_KEEP = 16 };

/* A bump allocator: blocks reused from article to article, freed together. */
typedef struct {
  GPtrArray *blocks; /* ARENA_BLOCK bytes each */
  GPtrArray *large;  /* allocations of more than a quarter block, freed at each reset */
  guint      block;  /* the block in use */
  char      *next;   /* its free bytes, up to limit; NULL: no block in use yet */
  char      *limit;
} Arena;

static inline void
arena_init (Arena *arena)
{
  arena->blocks = g_ptr_array_new_with_free_func (g_free);
  arena->large = g_ptr_array_new_with_free_func (g_free);
  arena->block = 0;
  arena->next = arena->limit = NULL;
}

/* Frees everything allocated; keeps a few blocks (memory stays flat after a huge article). */
static inline void
arena_reset (Arena *arena)
{
  g_ptr_array_set_size (arena->large, 0);
  if (arena->blocks->len > ARENA_KEEP)
    g_ptr_array_set_size (arena->blocks, ARENA_KEEP);
  arena->block = 0;
  arena->next = arena->limit = NULL;
}

static inline void
arena_free (Arena *arena)
{
  g_ptr_array_unref (arena->blocks);
  g_ptr_array_unref (arena->large);
}

/* arena_alloc when the block in use has no room (or none is): a large allocation of its own,
 * else the next block. */
static G_GNUC_UNUSED G_GNUC_NO_INLINE gpointer
arena_alloc_slow (Arena *arena, gsize size)
{
  if (size > ARENA_BLOCK / 4)
    {
      gpointer large = g_malloc (size);
      g_ptr_array_add (arena->large, large);
      return large;
    }
  if (arena->next)
    arena->block++;
  if (arena->block == arena->blocks->len)
    g_ptr_array_add (arena->blocks, g_malloc (ARENA_BLOCK));
  char *memory = g_ptr_array_index (arena->blocks, arena->block);
  arena->next = memory + size;
  arena->limit = memory + ARENA_BLOCK;
  return memory;
}

/* @size bytes, 8-aligned, not cleared: most allocations are a comparison and an addition. */
static inline gpointer
arena_alloc (Arena *arena, gsize size)
{
  size = size ? (size + 7) & ~(gsize) 7 : 8;  /* (never a null pointer, even for nothing) */
  if (G_LIKELY (size <= ARENA_BLOCK / 4 && size <= (gsize) (arena->limit - arena->next)))
    {
      char *memory = arena->next;
      arena->next += size;
      return memory;
    }
  return arena_alloc_slow (arena, size);
}

static inline gpointer
arena_alloc0 (Arena *arena, gsize size)
{
  return memset (arena_alloc (arena, size), 0, size);
}

static inline char *
arena_strndup (Arena *arena, const char *text, gsize length)
{
  char *copy = arena_alloc (arena, length + 1);
  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

/* A list of pointers: an append is a store, not a call as g_ptr_array_add is (an article
 * appends a few hundred candidates).  pdata and len are named as GPtrArray's, so that
 * g_ptr_array_index reads either. */
typedef struct {
  gpointer *pdata;
  guint     len;
  guint     size;
} PtrList;

static inline void
ptrlist_init (PtrList *list)
{
  *list = (PtrList) { NULL, 0, 0 };
}

static G_GNUC_UNUSED G_GNUC_NO_INLINE void
ptrlist_grow (PtrList *list)
{
  list->size = MAX (2 * list->size, 256);
  list->pdata = g_renew (gpointer, list->pdata, list->size);
}

static inline void
ptrlist_add (PtrList *list, gpointer item)
{
  if (G_UNLIKELY (list->len == list->size))
    ptrlist_grow (list);
  list->pdata[list->len++] = item;
}

/* Empties @list, giving its memory back when it holds more than @keep items. */
static inline void
ptrlist_clear (PtrList *list, guint keep)
{
  if (list->size > keep)
    {
      g_free (list->pdata);
      ptrlist_init (list);
    }
  list->len = 0;
}

#endif /* NF_KEYWORDS_ARENA_H */
