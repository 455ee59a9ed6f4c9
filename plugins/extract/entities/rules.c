/* entities/rules.c: extract "entities" without a model (model = ""): people, places, organisations and nationalities as "entity"
 * annotations with a canonical name, plus an "entities" field listing the distinct ones.
 *
 * Rules and gazetteers, no statistical model, so it is fast and its decisions can be read:
 *   1. capitalised sequences are collected from the shared segmentation, joined across "of",
 *      "for", "and", "de", "von"... and across the period of "Gen." or an initial;
 *   2. a sentence-initial word that the article also writes in lower case ("Exports") or that
 *      is a function word ("The", "However") is not a name;
 *   3. a sequence is classified by, in order: a gazetteer entry (countries and regions from
 *      iso-codes, cities from tzdata, hand lists, user files); a title before a name
 *      ("Deputy Minister Iryna Savchuk": PERSON "Iryna Savchuk", title "Deputy Minister");
 *      an organisation suffix or head ("... Ministry", "Ministry of ..."); a place suffix
 *      ("Black Sea", "Gulf of Aden"); a leading nationality ("Turkish"); an acronym in
 *      capitals; and two to four name-like words, which in news are almost always a person;
 *   4. short mentions resolve to the full name met elsewhere in the article ("Savchuk" ->
 *      "Iryna Savchuk", "SDF" -> "Syrian Democratic Forces" after "... Forces (SDF)");
 *      a lone unknown capitalised word is kept only with evidence: a speech verb after it
 *      ("Lysenko said"), a title before it, a role, age or kin after it ("Lysenko, the
 *      minister,", "Lysenko's wife"), a person named in full beside it in a list; or a place
 *      preposition ("near Mykolaiv", "Near Sinjar,"), a place noun ("the towns of Jabla"), a
 *      known place beside it in a list ("Baghdad and Najaf") or its country after it
 *      ("Raqqah, Syria"); evidence anywhere in the article names all its mentions.
 *
 * Annotation: type "entity", span of the name without title or possessive, attributes
 * "label", "canonical" and, when one was written, "title". */
#include <string.h>
#include <glib/gstdio.h>

#include <newsflow/newsflow.h>

#include "entities.h"
#include "passes.h"
#include "nlp/lexicon.h"

typedef enum {
  LABEL_NONE,
  LABEL_PERSON,
  LABEL_LOCATION,
  LABEL_ORGANIZATION,
  LABEL_NATIONALITY,
  N_LABELS
} Label;

static const char *const label_names[N_LABELS] = {
  NULL, NF_LABEL_PERSON, NF_LABEL_LOCATION, NF_LABEL_ORGANIZATION, NF_LABEL_NATIONALITY,
};

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
  "gazetteers/people.txt",
  "gazetteers/world-cities.txt",
  NULL,
};


/* A gazetteer entry read, waiting to go into the index with its batch
 * (index_flush_pending): its name and canonical name at offsets of pending_strings; its
 * name's first word, when the name has several, the first lead_length bytes. */
typedef struct {
  gsize       key_at, canonical_at;
  guint32     length, hash;
  guint32     lead_length, lead_hash;
  const char *label;
} PendingEntry;

enum { PENDING_BATCH = 32 };

/* A key of the index (not NUL-terminated when it is a longer name's first word). */
typedef struct {
  const char *key;
  gsize       length;
} IndexKey;

/* The longest name that is an acronym only when written in capitals (W_CAPS_ONLY). */
enum { CAPS_ONLY_MAX = 6 };

typedef struct {
  /* the gazetteer, read straight into the index (a GHashTable and three allocations an
   * entry cost more than the rest of the start): its folded and canonical names, and its
   * entries in blocks of ENTRY_BLOCK */
  GStringChunk *gazetteer_strings;
  GPtrArray  *gazetteer_entries;
  guint       n_last_entries;   /* used in the last block */
  GHashTable *titles;       /* folded words */
  GHashTable *org_suffixes;
  GHashTable *loc_suffixes;
  GHashTable *loc_prefixes;
  GHashTable *not_names;
  GHashTable *other_names;  /* first or last words of names of other things */
  GHashTable *speech_verbs;
  GHashTable *countries;    /* folded canonical names of countries */
  GHashTable *regions;      /* folded canonical names of regions: states, provinces, continents */
  GHashTable *group_nouns;
  /* given names (gazetteers/female-names.txt, male-names.txt), read only into the index: a
   * buffer each, with their hand-written parts from the same parse (16,000 names, which in
   * hash sets cost more than the rest of the start together) */
  NlpSortedWords *female_names;
  NlpSortedWords *male_names;
  NlpSortedWords *common_words; /* words that are never names (common-words.txt): apart from
                                 * the index, which every token looks up; few phrases ask */
  struct IndexSlot *index;  /* the word lists and the gazetteer together, by hash (below) */
  guint       n_index_slots;    /* a power of two, at most half used */
  guint       n_index_used;
  gboolean    report[N_LABELS];
  gboolean    conll;            /* convention = "conll": countries stay places (label_passes),
                                 * a town's region is a place of its own (join_places) */
  gboolean    reading_regions;  /* while loading: the gazetteer read is a region list, whose
                                 * entries go to regions too (add_gazetteer_entry) */
  /* while loading: the gazetteer entries read and not yet in the index (their strings in
   * pending_strings, NUL-terminated) */
  PendingEntry pending[PENDING_BATCH];
  guint       n_pending;
  GString    *pending_strings;
  /* while loading: the keys (IndexKey) of the entries of short names whose canonical name
   * is another word ("us" -> "United States"): W_CAPS_ONLY's candidates, known when the
   * entry is made (its strings then in the cache), where a pass over the index at the end
   * waited for the entry of each short key */
  GArray     *caps_candidates;
} Entities;

/* The words of the word lists and the keys of the gazetteer with what the lists and the
 * gazetteer hold for them, in an
 * open-addressing table keyed by nf_text_fold_hash of the folded key: the hash the
 * segmentation's folds carry, so an article's words are looked up without hashing them again
 * (the GHashTables hashed each again with g_str_hash). */
typedef struct IndexSlot {
  const char     *key;     /* the lists' or the gazetteer's own; NULL: a free slot */
  const NlpEntry *entry;   /* as the gazetteer, or NULL */
  guint32         hash;
  /* (16 bits each: 24 bytes a slot, not 32; the index is megabytes, and the pages it
   * touches were most of the start-up's page faults) */
  guint16         length;  /* at most INDEX_KEY_MAX */
  guint16         lists;   /* WordList bits: the lists holding the word */
} IndexSlot;

/* The longest key the index holds: no list entry or name comes near it. */
#define INDEX_KEY_MAX G_MAXUINT16

/* The word lists a folded word is in, as bits: one lookup answers them all. */
typedef enum {
  W_TITLES       = 1 << 0,
  W_ORG_SUFFIXES = 1 << 1,
  W_LOC_SUFFIXES = 1 << 2,
  W_LOC_PREFIXES = 1 << 3,
  W_NOT_NAMES    = 1 << 4,
  W_OTHER_NAMES  = 1 << 5,
  W_SPEECH_VERBS = 1 << 6,
  W_GROUP_NOUNS  = 1 << 7,
  W_GIVEN_NAMES  = 1 << 8, /* female-names.txt or male-names.txt */
  W_LEADS        = 1 << 9, /* what a gazetteer name with a space has before its first one */
  W_WRITTEN_GIVEN = 1 << 10, /* the hand-written given names, above the SSA's */
  W_CAPS_ONLY    = 1 << 11, /* a gazetteer acronym that is also a word of the language ("WHO") */
  W_PARTY        = 1 << 12, /* a party's member: "Republican", "Democrats" (marked_words) */
  W_INSTRUCTION  = 1 << 13, /* a verb that opens an instruction: "Install", "Visit" */
  W_STORM        = 1 << 14, /* a word before a storm's name: "Hurricane" */
  W_HONORIFIC    = 1 << 15, /* a person's title only: "Mr", "Senator" (is_honorific) */
  /* (no more: IndexSlot.lists has 16 bits) */
} WordList;

/* Words the rules ask about by their own bits, marked in the index with the lists'. */
static const struct {
  const char *fold;
  WordList    bit;
} marked_words[] = {
  { "republican", W_PARTY }, { "democrat", W_PARTY }, { "conservative", W_PARTY }, { "tory", W_PARTY },
  { "labour", W_PARTY }, { "liberal", W_PARTY }, { "independent", W_PARTY }, { "socialist", W_PARTY },
  { "libertarian", W_PARTY }, { "progressive", W_PARTY }, { "republicans", W_PARTY }, { "democrats", W_PARTY },
  { "install", W_INSTRUCTION }, { "make", W_INSTRUCTION }, { "launch", W_INSTRUCTION }, { "take", W_INSTRUCTION },
  { "try", W_INSTRUCTION }, { "visit", W_INSTRUCTION }, { "contact", W_INSTRUCTION }, { "choose", W_INSTRUCTION },
  { "define", W_INSTRUCTION }, { "use", W_INSTRUCTION }, { "get", W_INSTRUCTION }, { "click", W_INSTRUCTION },
  { "download", W_INSTRUCTION }, { "subscribe", W_INSTRUCTION }, { "join", W_INSTRUCTION }, { "follow", W_INSTRUCTION },
  { "share", W_INSTRUCTION }, { "learn", W_INSTRUCTION }, { "explore", W_INSTRUCTION }, { "buy", W_INSTRUCTION },
  { "email", W_INSTRUCTION }, { "create", W_INSTRUCTION }, { "enable", W_INSTRUCTION }, { "improve", W_INSTRUCTION },
  { "consider", W_INSTRUCTION },
  { "hurricane", W_STORM }, { "typhoon", W_STORM }, { "cyclone", W_STORM }, { "storm", W_STORM },
  /* (is_honorific: they were 14 strcmp a question, asked of most capitalised words) */
  { "mr", W_HONORIFIC }, { "mrs", W_HONORIFIC }, { "ms", W_HONORIFIC }, { "miss", W_HONORIFIC },
  { "mx", W_HONORIFIC }, { "dr", W_HONORIFIC }, { "sir", W_HONORIFIC }, { "dame", W_HONORIFIC },
  { "senator", W_HONORIFIC }, { "sen", W_HONORIFIC }, { "rep", W_HONORIFIC },
  { "representative", W_HONORIFIC }, { "congressman", W_HONORIFIC }, { "congresswoman", W_HONORIFIC },
};

void
entities_rules_free (gpointer data)
{
  Entities *self = data;
  if (!self)
    return;
  g_clear_pointer (&self->gazetteer_strings, g_string_chunk_free);
  if (self->pending_strings)
    g_string_free (self->pending_strings, TRUE);
  g_clear_pointer (&self->caps_candidates, g_array_unref);
  g_clear_pointer (&self->gazetteer_entries, g_ptr_array_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->org_suffixes, g_hash_table_unref);
  g_clear_pointer (&self->loc_suffixes, g_hash_table_unref);
  g_clear_pointer (&self->loc_prefixes, g_hash_table_unref);
  g_clear_pointer (&self->not_names, g_hash_table_unref);
  g_clear_pointer (&self->other_names, g_hash_table_unref);
  g_clear_pointer (&self->speech_verbs, g_hash_table_unref);
  g_clear_pointer (&self->countries, g_hash_table_unref);
  g_clear_pointer (&self->regions, g_hash_table_unref);
  g_clear_pointer (&self->group_nouns, g_hash_table_unref);
  g_clear_pointer (&self->female_names, nlp_sorted_words_free);
  g_clear_pointer (&self->male_names, nlp_sorted_words_free);
  g_clear_pointer (&self->common_words, nlp_sorted_words_free);
  g_free (self->index);
  g_free (self);
}

/* The slot of @key (@length bytes, @hash its nf_text_fold_hash) in the index: its own, or
 * the free one where it would go. */
static IndexSlot *
index_slot (const Entities *self, const char *key, gsize length, guint32 hash)
{
  guint mask = self->n_index_slots - 1;
  for (guint at = hash & mask;; at = (at + 1) & mask)
    {
      IndexSlot *slot = &self->index[at];
      if (!slot->key || (slot->hash == hash && slot->length == length && memcmp (slot->key, key, length) == 0))
        return slot;
    }
}

/* Asks the memory for the index slots of an article's @n @folds: the index (the gazetteers
 * and lists, megabytes) is out of the cache when an article starts, and its lookups, each
 * waiting for a slot, were the stage's largest cost in time (a sampling profile; the
 * instruction count does not see it).  Asked for all at once, the misses overlap.  No effect
 * on any result. */
static void
index_prefetch (const Entities *self, const NfFold *folds, guint n)
{
#if defined(__GNUC__)
  guint mask = self->n_index_slots - 1;
  for (guint f = 0; f < n; f++)
    __builtin_prefetch (&self->index[folds[f].hash & mask]);
  /* (a function that only reads and prefetches is taken by GCC for one without effects, and
   * its call dropped: the empty asm is an effect) */
  __asm__ __volatile__ ("");
#else
  (void) self, (void) folds, (void) n;
#endif
}

enum { ENTRY_BLOCK = 1024 };

/* The index with @n_slots slots (a power of two), its keys where their hashes now say. */
static void
index_resize (Entities *self, guint n_slots)
{
  IndexSlot *old = self->index;
  guint n_old = self->n_index_slots;
  self->n_index_slots = n_slots;
  /* calloc's fresh pages are mapped on the first read of a slot (a lookup) and again at the
   * first write, two page faults a page: a zero written into each page maps it for writing
   * at once (a memset would also write the megabytes the kernel zeroed) */
  self->index = g_new0 (IndexSlot, self->n_index_slots);
  for (gsize at = 0; at < self->n_index_slots * sizeof *self->index; at += 4096)
    ((volatile char *) self->index)[at] = 0;
  guint mask = self->n_index_slots - 1;
  for (guint k = 0; k < n_old; k++)
    if (old[k].key)
      {
        guint at = old[k].hash & mask;
        while (self->index[at].key)
          at = (at + 1) & mask;
        self->index[at] = old[k];
      }
  g_free (old);
}

/* The index twice as large. */
static void
index_grow (Entities *self)
{
  index_resize (self, self->n_index_slots ? 2 * self->n_index_slots : 1024);
}

/* Room in the index for @n_keys keys without growing: made once at its size, the index
 * does not touch the pages of its smaller copies (megabytes) nor move its keys again. */
static void
index_reserve (Entities *self, gsize n_keys)
{
  guint n_slots = MAX (self->n_index_slots, 1024);
  while (n_slots < 2 * n_keys && n_slots < (1u << 30))
    n_slots *= 2;
  if (n_slots != self->n_index_slots)
    index_resize (self, n_slots);
}

/* The slot of @key (@length bytes, folded, @hash its nf_text_fold_hash), made for it with
 * @key (which must live as long as the index) when it has none; NULL when the key is longer
 * than INDEX_KEY_MAX (then never found, as no token is). */
static IndexSlot *
index_put (Entities *self, const char *key, gsize length, guint32 hash)
{
  if (length > INDEX_KEY_MAX)
    return NULL;
  IndexSlot *slot = index_slot (self, key, length, hash);
  if (slot->key)
    return slot;
  if (2 * (self->n_index_used + 1) > self->n_index_slots)
    {
      index_grow (self);
      slot = index_slot (self, key, length, hash);
    }
  *slot = (IndexSlot) { .key = key, .length = length, .hash = hash };
  self->n_index_used++;
  return slot;
}

/* @key (@length bytes, folded) in the index, with the WordList @bits it gains (OR'ed with
 * what it has). */
static void
index_add (Entities *self, const char *key, gsize length, guint bits)
{
  IndexSlot *slot = index_put (self, key, length, nf_text_fold_hash (key, length));
  if (slot)
    slot->lists |= bits;
}

/* The folded canonical name of a region gazetteer's entry into the set @data. */
static void
add_region (const char *key, gsize length, const char *label, const char *canonical, gpointer data)
{
  (void) key, (void) length, (void) label;
  GString *folded = g_string_new (NULL);
  nlp_fold_append (folded, canonical, strlen (canonical));
  g_hash_table_add (data, g_string_free (folded, FALSE));
}

/* A gazetteer entry @p (its strings in @strings) into the index: an earlier file's entry for
 * the name wins, as in nlp_gazetteer_load's table. */
static void
index_put_entry (Entities *self, const PendingEntry *p, const char *strings)
{
  const char *key = strings + p->key_at;
  IndexSlot *slot = index_slot (self, key, p->length, p->hash);
  if (slot->key && slot->entry)
    return;
  if (!slot->key)
    slot = index_put (self, g_string_chunk_insert_len (self->gazetteer_strings, key, p->length), p->length, p->hash);
  if (self->n_last_entries == ENTRY_BLOCK || self->gazetteer_entries->len == 0)
    {
      g_ptr_array_add (self->gazetteer_entries, g_new (NlpEntry, ENTRY_BLOCK));
      self->n_last_entries = 0;
    }
  NlpEntry *entry = (NlpEntry *) g_ptr_array_index (self->gazetteer_entries, self->gazetteer_entries->len - 1)
                    + self->n_last_entries++;
  entry->label = p->label;
  entry->canonical = g_string_chunk_insert (self->gazetteer_strings, strings + p->canonical_at);
  slot->entry = entry;
  if (p->length <= CAPS_ONLY_MAX && g_ascii_strcasecmp (strings + p->canonical_at, key) != 0)
    {
      IndexKey candidate = { slot->key, p->length };
      g_array_append_val (self->caps_candidates, candidate);
    }
  /* The first words of the names of several words, marked (a prefix of the name's own key):
   * a run of tokens whose first is followed by a space can be a name only when that first
   * token is marked, which lookup_label() sees in the token's memo without joining the
   * run's words and looking the run up. */
  if (p->lead_length)
    {
      IndexSlot *lead = index_put (self, slot->key, p->lead_length, p->lead_hash);
      if (lead)
        lead->lists |= W_LEADS;
    }
}

/* The pending gazetteer entries into the index, in the order read: their slots (and their
 * first words') were asked of the memory as they were read (add_gazetteer_entry).  The
 * index is megabytes, out of the cache, and a lookup an entry waiting for its slot was the
 * largest cost of the start in time; asked ahead, the misses overlap with the reading of the
 * next lines.  No effect on what the index holds. */
static void
index_flush_pending (Entities *self)
{
  const char *strings = self->pending_strings->str;
  for (guint k = 0; k < self->n_pending; k++)
    index_put_entry (self, &self->pending[k], strings);
  self->n_pending = 0;
  g_string_truncate (self->pending_strings, 0);
}

/* An entry of a gazetteer file (nlp_gazetteer_read): kept with the next ones of its batch,
 * which go into the index together (index_flush_pending). */
static void
add_gazetteer_entry (const char *key, gsize length, const char *label, const char *canonical, gpointer data)
{
  Entities *self = data;
  if (self->reading_regions)
    add_region (key, length, label, canonical, self->regions);
  if (length > INDEX_KEY_MAX)
    return;
  PendingEntry *p = &self->pending[self->n_pending++];
  const char *space = memchr (key, ' ', length);
  *p = (PendingEntry) {
    .key_at = self->pending_strings->len,
    .length = length,
    .hash = nf_text_fold_hash (key, length),
    .label = label,
    .lead_length = space ? space - key : 0,
    .lead_hash = space ? nf_text_fold_hash (key, space - key) : 0,
  };
  /* (one size and two copies: four appends an entry cost more than the rest of it) */
  gsize canonical_size = strlen (canonical) + 1;
  p->canonical_at = p->key_at + length + 1;
  g_string_set_size (self->pending_strings, p->canonical_at + canonical_size); /* (its NUL kept) */
  char *strings = self->pending_strings->str;
  memcpy (strings + p->key_at, key, length);
  strings[p->key_at + length] = '\0';
  memcpy (strings + p->canonical_at, canonical, canonical_size);
#if defined(__GNUC__)
  __builtin_prefetch (&self->index[p->hash & (self->n_index_slots - 1)]);
  if (p->lead_length)
    __builtin_prefetch (&self->index[p->lead_hash & (self->n_index_slots - 1)]);
#endif
  if (self->n_pending == PENDING_BATCH)
    index_flush_pending (self);
}

/* Reads the gazetteer @name into the index. */
static gboolean
read_gazetteer (Entities *self, const char *name, GError **error)
{
  gboolean read = nlp_gazetteer_read (name, add_gazetteer_entry, self, error);
  index_flush_pending (self);
  return read;
}

/* The @n folded @keys into the index with the WordList @bits, by batches whose slots are
 * asked of the memory together first (index_flush_pending). */
static void
index_add_all (Entities *self, const char *const *keys, guint n, guint bits)
{
  for (guint k = 0; k < n; k += PENDING_BATCH)
    {
      guint m = MIN (PENDING_BATCH, n - k);
      gsize lengths[PENDING_BATCH];
      guint32 hashes[PENDING_BATCH];
      for (guint j = 0; j < m; j++)
        {
          lengths[j] = strlen (keys[k + j]);
          hashes[j] = nf_text_fold_hash (keys[k + j], lengths[j]);
#if defined(__GNUC__)
          __builtin_prefetch (&self->index[hashes[j] & (self->n_index_slots - 1)]);
#endif
        }
      for (guint j = 0; j < m; j++)
        {
          IndexSlot *slot = index_put (self, keys[k + j], lengths[j], hashes[j]);
          if (slot)
            slot->lists |= bits;
        }
    }
}

/* The word lists into the index (after the gazetteer). */
static void
index_add_lists (Entities *self)
{
  const struct { GHashTable *set; WordList bit; } sets[] = {
    { self->titles, W_TITLES }, { self->org_suffixes, W_ORG_SUFFIXES },
    { self->loc_suffixes, W_LOC_SUFFIXES }, { self->loc_prefixes, W_LOC_PREFIXES },
    { self->not_names, W_NOT_NAMES }, { self->other_names, W_OTHER_NAMES },
    { self->speech_verbs, W_SPEECH_VERBS }, { self->group_nouns, W_GROUP_NOUNS },
  };
  const NlpSortedWords *given[] = { self->female_names, self->male_names };
  for (guint l = 0; l < G_N_ELEMENTS (sets); l++)
    {
      guint n;
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (sets[l].set, &n);
      index_add_all (self, (const char *const *) keys, n, sets[l].bit);
    }
  for (guint l = 0; l < G_N_ELEMENTS (given); l++)
    {
      /* (the written part is the first n_written words in the file's order) */
      index_add_all (self, given[l]->written, given[l]->n_written, W_GIVEN_NAMES | W_WRITTEN_GIVEN);
      index_add_all (self, given[l]->words, given[l]->n, W_GIVEN_NAMES);
    }
}

/* The gazetteers whose canonical names are regions (Entities.regions). */
static const char *const region_lists[] = { "gazetteers/regions.txt", "gazetteers/regions-en.txt" };

static gboolean
is_region_list (const char *name)
{
  for (guint r = 0; r < G_N_ELEMENTS (region_lists); r++)
    if (strcmp (name, region_lists[r]) == 0)
      return TRUE;
  return FALSE;
}

/* The word lists read into the index besides the gazetteers, for its size. */
static const char *const index_word_lists[] = {
  "gazetteers/titles.txt", "gazetteers/org-suffixes.txt", "gazetteers/location-suffixes.txt",
  "gazetteers/location-prefixes.txt", "gazetteers/not-names.txt", "gazetteers/other-names.txt",
  "speech-verbs.txt", "gazetteers/group-nouns.txt", "gazetteers/female-names.txt",
  "gazetteers/male-names.txt", NULL,
};

/* At most about how many keys the shipped lists put in the index: their bytes over 16 (a
 * line is 20 bytes on average, a key to it plus a few first words of names), so the index
 * is made at its size once.  Only a size: a missing file is reported when it is read. */
static gsize
shipped_keys_estimate (void)
{
  const char *const *lists[] = { shipped_gazetteers, index_word_lists };
  gsize bytes = 0;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (const char *const *name = lists[l]; *name; name++)
      {
        g_autofree char *path = nf_data_find (*name, NULL);
        GStatBuf st;
        if (path && g_stat (path, &st) == 0)
          bytes += st.st_size;
      }
  return bytes / 16;
}

/* The word lists and gazetteers: @extra gazetteer files first (their entries win). */
static gboolean
entities_load_lists (Entities *self, const char *const *extra, gboolean shipped, GError **error)
{
  self->gazetteer_strings = g_string_chunk_new (64 * 1024);
  self->gazetteer_entries = g_ptr_array_new_with_free_func (g_free);
  self->pending_strings = g_string_sized_new (PENDING_BATCH * 64);
  self->caps_candidates = g_array_new (FALSE, FALSE, sizeof (IndexKey));
  self->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index_reserve (self, shipped ? shipped_keys_estimate () : 0);
  for (const char *const *name = extra; name && *name; name++)
    if (!read_gazetteer (self, *name, error))
      return FALSE;
  /* the region lists' canonical names are taken as the shipped gazetteers are read, which
   * then need not be read again for them */
  gboolean regions_read = FALSE;
  if (shipped)
    for (const char *const *name = shipped_gazetteers; *name; name++)
      {
        self->reading_regions = is_region_list (*name);
        regions_read |= self->reading_regions;
        gboolean read = read_gazetteer (self, *name, error);
        self->reading_regions = FALSE;
        if (!read)
          return FALSE;
      }

  if (!(self->titles = nlp_word_set_load ("gazetteers/titles.txt", error))
      || !(self->org_suffixes = nlp_word_set_load ("gazetteers/org-suffixes.txt", error))
      || !(self->loc_suffixes = nlp_word_set_load ("gazetteers/location-suffixes.txt", error))
      || !(self->loc_prefixes = nlp_word_set_load ("gazetteers/location-prefixes.txt", error))
      || !(self->not_names = nlp_word_set_load ("gazetteers/not-names.txt", error))
      || !(self->other_names = nlp_word_set_load ("gazetteers/other-names.txt", error))
      || !(self->speech_verbs = nlp_word_set_load ("speech-verbs.txt", error))
      || !(self->group_nouns = nlp_word_set_load ("gazetteers/group-nouns.txt", error))
      || !(self->female_names = nlp_sorted_words_load ("gazetteers/female-names.txt", error))
      || !(self->male_names = nlp_sorted_words_load ("gazetteers/male-names.txt", error))
      || !(self->common_words = nlp_sorted_words_load ("gazetteers/common-words.txt", error))
      || !(self->countries = entities_countries_load (error)))
    return FALSE;
  if (!regions_read)
    for (guint r = 0; r < G_N_ELEMENTS (region_lists); r++)
      if (!nlp_gazetteer_read (region_lists[r], add_region, self->regions, error))
        return FALSE;
  /* by hash, not bisection: a bisection of 40,000 words misses the cache at most of its 16
   * steps, and a few words an article asked cost as much time as the index's lookups */
  nlp_sorted_words_index (self->common_words);
  index_add_lists (self);
  for (guint m = 0; m < G_N_ELEMENTS (marked_words); m++)
    index_add (self, marked_words[m].fold, strlen (marked_words[m].fold), marked_words[m].bit);
  /* "Who are they?", "Us": a short word of the language is an acronym that the gazetteers
   * expand ("WHO", "US") only when written in capitals; marked once here, asked per token */
  for (guint i = 0; i < self->caps_candidates->len; i++)
    {
      const IndexKey *candidate = &g_array_index (self->caps_candidates, IndexKey, i);
      char word[CAPS_ONLY_MAX + 1];
      memcpy (word, candidate->key, candidate->length);
      word[candidate->length] = '\0';
      IndexSlot *slot = index_slot (self, word, candidate->length, nf_text_fold_hash (word, candidate->length));
      if ((slot->lists & W_NOT_NAMES) || nlp_sorted_words_has (self->common_words, word))
        slot->lists |= W_CAPS_ONLY;
    }
  g_clear_pointer (&self->caps_candidates, g_array_unref);
  return TRUE;
}

static gboolean
entities_load (Entities *self, cfg_t *cfg, GError **error)
{
  g_autoptr (GPtrArray) extra = g_ptr_array_new ();
  for (guint i = 0; i < cfg_size (cfg, "gazetteers"); i++)
    g_ptr_array_add (extra, cfg_getnstr (cfg, "gazetteers", i));
  g_ptr_array_add (extra, NULL);
  if (!entities_load_lists (self, (const char *const *) extra->pdata, cfg_getbool (cfg, "shipped-gazetteers"), error))
    return FALSE;

  self->conll = g_strcmp0 (cfg_getstr (cfg, "convention"), "conll") == 0;
  if (cfg_size (cfg, "labels") == 0)
    for (guint l = 1; l < N_LABELS; l++)
      self->report[l] = TRUE;
  for (guint i = 0; i < cfg_size (cfg, "labels"); i++)
    {
      const char *label = cfg_getnstr (cfg, "labels", i);
      guint l;
      for (l = 1; l < N_LABELS; l++)
        if (g_ascii_strcasecmp (label, label_names[l]) == 0)
          break;
      if (l == N_LABELS)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                       "unknown label '%s' in labels (expected PERSON, LOCATION, "
                       "ORGANIZATION or NATIONALITY)", label);
          return FALSE;
        }
      self->report[l] = TRUE;
    }
  return TRUE;
}

gpointer
entities_rules_new (cfg_t *cfg, GError **error)
{
  Entities *self = g_new0 (Entities, 1);
  if (!entities_load (self, cfg, error))
    {
      entities_rules_free (self);
      return NULL;
    }
  return self;
}

gpointer
entities_rules_new_lists (const char *const *gazetteers, gboolean shipped, GError **error)
{
  Entities *self = g_new0 (Entities, 1);
  if (!entities_load_lists (self, gazetteers, shipped, error))
    {
      entities_rules_free (self);
      return NULL;
    }
  for (guint l = 1; l < N_LABELS; l++)
    self->report[l] = TRUE;
  return self;
}

/* ---- per-article work ------------------------------------------------------------------ */

typedef struct {
  gsize  start, end;             /* the name, bytes */
  gsize  title_start, title_end; /* the title before it, or equal when none */
  Label  label;
  const char *canonical;         /* NULL: the name as written; a gazetteer's or in the
                                  * article's store */
  guint  first, last;            /* tokens */
  gboolean tentative;            /* a lone unknown word, kept only with evidence */
  gboolean guessed;              /* labelled by the evidence around a lone word */
  gboolean title_word;           /* a title or head word alone ("Bishop said", "Hill said"): kept only as the
                                  * surname of a person named in full ("Kendra Bishop") */
} Mention;

/* A distinct folded word of the article.  Each token is folded once, with and without its
 * possessive, and every test of a word (the lists, the gazetteer, the words written in lower
 * case) reads this instead of folding and hashing the word again for each. */
typedef struct {
  const char     *fold;        /* in the article's store or the segmentation's */
  guint32         length;
  guint32         hash;
  guint           lists;       /* WordList bits */
  gboolean        lists_known; /* and entry, entry_label */
  gboolean        lower;       /* the article writes it in lower case */
  Label           entry_label;
  const NlpEntry *entry;       /* the gazetteer's, or NULL */
  gboolean        surname;     /* somewhere a title before it or a speech verb after it
                                * (mark_surnames) */
} Word;

/* A table of the article's names (resolve()'s): NUL-terminated keys, non-NULL values, both
 * in the article's store or the lists', by nf_text_fold_hash with open addressing.  Five
 * GHashTables an article, which hashed each key again with g_str_hash, grew from eight
 * buckets and shrank when emptied, were half of resolve()'s instructions. */
typedef struct {
  const char *key;   /* NULL: free */
  gpointer    value;
  guint32     hash;
} NameSlot;

typedef struct {
  NameSlot *slots;
  guint     n_slots; /* a power of two, at most half used */
  guint     n_used;
} NameTable;

/* The slot of @key (@hash its hash) in @table: its own, or the free one where it would go. */
static NameSlot *
name_table_slot (const NameTable *table, const char *key, guint32 hash)
{
  guint mask = table->n_slots - 1;
  for (guint at = hash & mask;; at = (at + 1) & mask)
    {
      NameSlot *slot = &table->slots[at];
      if (!slot->key || (slot->hash == hash && strcmp (slot->key, key) == 0))
        return slot;
    }
}

static guint32
name_hash (const char *key)
{
  return nf_text_fold_hash (key, strlen (key));
}

/* The value of @key in @table, or NULL. */
static gpointer
name_table_lookup (const NameTable *table, const char *key)
{
  return name_table_slot (table, key, name_hash (key))->value;
}

static gboolean
name_table_contains (const NameTable *table, const char *key)
{
  return name_table_slot (table, key, name_hash (key))->key != NULL;
}

/* @table twice as large. */
static void
name_table_grow (NameTable *table)
{
  NameSlot *old = table->slots;
  guint n_old = table->n_slots;
  table->n_slots *= 2;
  table->slots = g_new0 (NameSlot, table->n_slots);
  guint mask = table->n_slots - 1;
  for (guint k = 0; k < n_old; k++)
    if (old[k].key)
      {
        guint at = old[k].hash & mask;
        while (table->slots[at].key)
          at = (at + 1) & mask;
        table->slots[at] = old[k];
      }
  g_free (old);
}

/* Sets @key's value to @value (not NULL), as g_hash_table_insert: a key already there is
 * kept; a new one is @key itself, which must live as long as the table's contents. */
static void
name_table_insert (NameTable *table, const char *key, gpointer value)
{
  guint32 hash = name_hash (key);
  NameSlot *slot = name_table_slot (table, key, hash);
  if (!slot->key)
    {
      if (2 * (table->n_used + 1) > table->n_slots)
        {
          name_table_grow (table);
          slot = name_table_slot (table, key, hash);
        }
      slot->key = key;
      slot->hash = hash;
      table->n_used++;
    }
  slot->value = value;
}

/* A table's room at first, and the most kept from one article to the next. */
enum { NAME_TABLE_MIN = 64, NAME_TABLE_KEEP = 4096 };

static void
name_table_init (NameTable *table)
{
  table->n_slots = NAME_TABLE_MIN;
  table->slots = g_new0 (NameSlot, table->n_slots);
  table->n_used = 0;
}

/* @table emptied, its room kept unless a huge article grew it past @keep slots. */
static void
name_table_clear (NameTable *table, guint keep)
{
  if (table->n_slots > keep)
    {
      g_free (table->slots);
      name_table_init (table);
      return;
    }
  if (table->n_used)
    memset (table->slots, 0, table->n_slots * sizeof *table->slots);
  table->n_used = 0;
}

/* The tables resolve() fills and empties (string keys and values in the article's store). */
enum { N_RESOLVE_TABLES = 5 };

/* An answer of canonical_in(): whether @set holds @canonical. */
typedef struct {
  const char *canonical;
  const void *set;
  gboolean    in;
} CanonicalMemo;

enum { CANONICAL_MEMO = 64 }; /* a power of two */

typedef struct {
  const Entities *self;
  const char     *text;
  const NfToken  *tokens;
  guint           n;
  GString        *scratch;
  GString        *joined;      /* the folded words of a name, for the gazetteer */
  GArray         *mentions;    /* Mention */
  const char     *headline;    /* the article's title, or NULL */
  gboolean        nouns_capitalised; /* German: capitals do not mark names */
  GStringChunk   *store;       /* folded words, names: freed with the article's work */
  /* the distinct folded words: an open-addressing table of index + 1 in words (0: free),
   * keyed by the hash computed while folding; a GHashTable rehashed every word with
   * g_str_hash as it grew, which cost more than all the rest of the lookups together */
  guint32        *slots;
  guint           n_slots;     /* a power of two, at most half full */
  Word           *words;
  guint           n_words, words_size;
  guint32        *token_words; /* per token as written: index + 1 in words, 0 until asked */
  guint32        *bare_words;  /* per token without its possessive, the same: most words
                                * are asked both ways, and the possessive is then not looked
                                * for again */
  guint32        *cap_words;   /* per token: tok_is_cap_word_checked's answer + 1, 0 until
                                * asked (the passes ask a capitalised word again and again) */
  NameTable       resolve_tables[N_RESOLVE_TABLES]; /* resolve()'s, empty between its calls */
  /* canonical_in()'s answers, by the addresses of the canonical name and the set: a
   * canonical name is a gazetteer's or in the article's store, never changed while the
   * article is worked on, and the passes ask the same few places again and again */
  CanonicalMemo   canonical_memo[CANONICAL_MEMO];
  /* the segmentation's folds (NULL without one: the tagger's spans), which make a token's
   * Word one look per distinct form: fold_words[id] is index + 1 in words, 0 until asked */
  const guint32  *fold_ids;
  const NfFold   *folds;
  guint32        *fold_words;
  gboolean        surnames_marked; /* Word.surname is known */
} Context;

static const char *
tok_text (const Context *c, guint i, gsize *length)
{
  *length = c->tokens[i].end - c->tokens[i].start;
  return c->text + c->tokens[i].start;
}

/* Inlined everywhere: nearly every call compares with a literal, whose length and first
 * byte are then constants, and the word lists are scanned without a call a word. */
static inline G_ALWAYS_INLINE gboolean
tok_is (const Context *c, guint i, const char *word)
{
  gsize length;
  const char *text = tok_text (c, i, &length);
  /* the first byte first: most tokens differ there, and strlen is then not needed */
  return length > 0 && *text == *word && strlen (word) == length && memcmp (text, word, length) == 0;
}

/* Whether token @i without its possessive is one of the NULL-terminated @words ("regime's"). */
static gboolean
bare_word_is_one_of (const Context *c, guint i, const char *const *words)
{
  const NfToken *t = &c->tokens[i];
  if (t->kind != NF_TOKEN_WORD)
    return FALSE;
  gsize length = nlp_strip_possessive (c->text, t->start, t->end) - t->start;
  for (const char *const *w = words; *w; w++)
    if (strlen (*w) == length && memcmp (c->text + t->start, *w, length) == 0)
      return TRUE;
  return FALSE;
}

/* Whether token @i is one of the NULL-terminated @words, as written. */
static gboolean
tok_is_one_of (const Context *c, guint i, const char *const *words)
{
  gsize length;
  const char *text = tok_text (c, i, &length);
  if (length == 0)
    return FALSE;
  /* the first two bytes before a strlen: most words of a list that begin as the token does
   * differ at the second ((*w)[1] is there: (*w)[0] is the token's first byte, not a NUL) */
  char first = text[0], second = length > 1 ? text[1] : '\0';
  for (const char *const *w = words; *w; w++)
    if ((*w)[0] == first && (*w)[1] == second && (length == 1 || (strlen (*w) == length && memcmp (text, *w, length) == 0)))
      return TRUE;
  return FALSE;
}

static Label label_of (const NlpEntry *entry);

/* @length bytes of @text folded as nlp_fold_append() does, into @out; returns their
 * nf_text_fold_hash. */
static guint32
fold_hash (GString *out, const char *text, gsize length)
{
  g_string_truncate (out, 0);
  nf_text_fold_append (out, text, length);
  return nf_text_fold_hash (out->str, out->len);
}

static void
words_grow (Context *c)
{
  guint n_slots = c->n_slots * 2;
  guint32 *slots = g_new0 (guint32, n_slots);
  for (guint k = 0; k < c->n_words; k++)
    {
      guint at = c->words[k].hash & (n_slots - 1);
      while (slots[at])
        at = (at + 1) & (n_slots - 1);
      slots[at] = k + 1;
    }
  g_free (c->slots);
  c->slots = slots;
  c->n_slots = n_slots;
}

/* The index + 1 of the Word of the folded form @fold (@length bytes, @hash its
 * nf_text_fold_hash), a new Word when the form is new: copied into the store when @copy, else
 * the segmentation's own, which outlives the article's work. */
static guint32
word_intern (Context *c, const char *fold, gsize length, guint32 hash, gboolean copy)
{
  guint at = hash & (c->n_slots - 1);
  for (; c->slots[at]; at = (at + 1) & (c->n_slots - 1))
    {
      const Word *w = &c->words[c->slots[at] - 1];
      if (w->hash == hash && w->length == length && memcmp (w->fold, fold, length) == 0)
        return c->slots[at];
    }
  if (c->n_words == c->words_size)
    {
      c->words_size *= 2;
      c->words = g_renew (Word, c->words, c->words_size);
    }
  c->words[c->n_words] = (Word) {
    .fold = copy ? g_string_chunk_insert_len (c->store, fold, length) : fold,
    .length = length,
    .hash = hash,
  };
  c->slots[at] = ++c->n_words;
  guint32 index = c->n_words;
  if (2 * c->n_words > c->n_slots)
    words_grow (c);
  return index;
}

/* The Word of token @i as written, or without its possessive when @bare: tok_word(). */
static Word *
tok_word_intern (const Context *c_, guint i, gboolean bare)
{
  /* the memo is the article's working state, not part of what the passes read */
  Context *c = (Context *) c_;
  const NfToken *t = &c->tokens[i];
  gsize end = t->end;
  guint32 *slot = &c->token_words[i];
  if (bare)
    {
      if (c->bare_words[i])
        return &c->words[c->bare_words[i] - 1];
      if ((end = nlp_strip_possessive (c->text, t->start, t->end)) == t->end)
        {
          /* no possessive: the word as written */
          Word *w = tok_word_intern (c, i, FALSE);
          c->bare_words[i] = c->token_words[i];
          return w;
        }
      slot = &c->bare_words[i];
    }
  else if (*slot)
    return &c->words[*slot - 1];
  if (!bare && c->fold_ids)
    {
      /* as written: the segmentation folded and hashed it, once for all its occurrences */
      guint32 id = c->fold_ids[i];
      if (!c->fold_words[id])
        {
          const NfFold *f = &c->folds[id];
          c->fold_words[id] = word_intern (c, f->text, f->length, f->hash, FALSE);
        }
      *slot = c->fold_words[id];
      return &c->words[*slot - 1];
    }
  guint32 hash = fold_hash (c->scratch, c->text + t->start, end - t->start);
  *slot = word_intern (c, c->scratch->str, c->scratch->len, hash, TRUE);
  return &c->words[*slot - 1];
}

/* tok_word_intern, inlined where the token's Word is known already (nearly every call: the
 * passes ask the same tokens again and again). */
static inline Word *
tok_word (const Context *c, guint i, gboolean bare)
{
  guint32 at = bare ? c->bare_words[i] : c->token_words[i];
  if (G_LIKELY (at))
    return &c->words[at - 1];
  return tok_word_intern (c, i, bare);
}

/* The lists and the gazetteer entry of @w, with one look at the index. */
static void
word_look_up (const Context *c, Word *w)
{
  const IndexSlot *slot = index_slot (c->self, w->fold, w->length, w->hash);
  w->lists = slot->lists;
  w->entry = slot->entry;
  w->entry_label = label_of (w->entry);
  w->lists_known = TRUE;
}

/* The WordList bits of token @i (without possessive when @bare). */
static guint
tok_lists (const Context *c, guint i, gboolean bare)
{
  Word *w = tok_word (c, i, bare);
  if (!w->lists_known)
    word_look_up (c, w);
  return w->lists;
}

/* The gazetteer entry of token @i alone (without possessive when @bare), and its label. */
static const NlpEntry *
tok_entry (const Context *c, guint i, gboolean bare, Label *label)
{
  Word *w = tok_word (c, i, bare);
  if (!w->lists_known)
    word_look_up (c, w);
  if ((w->lists & W_CAPS_ONLY) && !(c->tokens[i].flags & NF_TOKEN_ALL_CAPS))
    {
      *label = LABEL_NONE;
      return NULL;
    }
  *label = w->entry_label;
  return w->entry;
}

/* Whether the article writes token @i (without possessive when @bare), folded, in lower case. */
static gboolean
tok_written_lower (const Context *c, guint i, gboolean bare)
{
  return tok_word (c, i, bare)->lower;
}

/* Whether word @i, without its possessive, is in @list.  Inlined: asked of nearly every
 * token, most often again (the token's Word and its lists are known after the first
 * question: read here without a call; the rest is tok_lists'). */
static inline G_ALWAYS_INLINE gboolean
is_word_in (const Context *c, guint i, WordList list)
{
  if (c->tokens[i].kind != NF_TOKEN_WORD)
    return FALSE;
  guint32 at = c->bare_words[i];
  if (G_LIKELY (at) && c->words[at - 1].lists_known)
    return (c->words[at - 1].lists & list) != 0;
  return (tok_lists (c, i, TRUE) & list) != 0;
}

/* Whether word @i, without its possessive, is an English word that is never a name
 * (common-words.txt: "orchestra", "programmes"). */
static gboolean
tok_is_common_word (const Context *c, guint i)
{
  return nlp_sorted_words_has (c->self->common_words, tok_word (c, i, TRUE)->fold);
}

/* The participles of "Kyiv-based", "Iran-backed", "Hamas-run": adjectives naming who owns,
 * runs or houses something. */
static gboolean
is_owner_participle (const char *text, gsize length)
{
  static const char *const participles[] = {
    "based", "backed", "led", "run", "owned", "controlled", "held", "funded", "sponsored",
    "born", "bred", "made", "installed", "occupied", "appointed", "allied", "aligned", "linked",
    "affiliated", "headquartered", "registered", "listed", "operated", "annexed", "area", "bound", NULL,
  };
  for (const char *const *w = participles; *w; w++)
    if (strlen (*w) == length && memcmp (*w, text, length) == 0)
      return TRUE;
  return FALSE;
}

/* "Port-au-Prince", "Aix-en-Provence", "Stoke-on-Trent", "Ashby-de-la-Zouch": capitalised
 * words linked by lower-case particles, the shape of a place's name (a compound of the
 * language links words in lower case: "Commander-in-chief", "Jack-of-all-trades") */
static gboolean
is_linked_name (const char *start, const char *end)
{
  static const char *const particles[] = {
    "au", "aux", "en", "de", "du", "des", "la", "le", "les", "sur", "sous", "on", "upon", "under",
    "di", "da", "del", "della", "dos", "das", "do", "am", "an", "im", "es", NULL,
  };
  if (!g_ascii_isupper (start[0]))
    return FALSE;
  gboolean particle_seen = FALSE, last_capitalised = FALSE;
  for (const char *part = start; part < end;)
    {
      const char *stop = memchr (part, '-', (gsize) (end - part));
      if (!stop)
        stop = end;
      gsize n = (gsize) (stop - part);
      if (n == 0)
        return FALSE;
      last_capitalised = g_ascii_isupper (part[0]) || (guchar) part[0] >= 0x80;
      if (!last_capitalised)
        {
          gboolean known = FALSE;
          for (const char *const *p = particles; *p && !known; p++)
            known = strlen (*p) == n && memcmp (part, *p, n) == 0;
          if (!known)
            return FALSE;
          particle_seen = TRUE;
        }
      part = stop + 1;
    }
  return particle_seen && last_capitalised;
}

/* tok_is_cap_word() of a word token capitalised or with a hyphen third or fourth. */
static gboolean
tok_is_cap_word_checked (const Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  if (t->kind != NF_TOKEN_WORD)
    return FALSE;
  if (!(t->flags & NF_TOKEN_CAPITALIZED))
    {
      /* Arabic particles written with the name: "al-Abadi", "bin-Salman" */
      static const char *const particles[] = {
        "al", "el", "ad", "ar", "as", "ash", "at", "az", "adh", "ath", "ez", "es", "ed", "en", "er", "et",
        "ud", "ul", "bin", "ibn", NULL,
      };
      /* asked of nearly every token, most in lower case: a particle is two or three letters,
       * so only a first hyphen among the first four bytes can end one (no memchr over the
       * whole word) */
      gsize length = t->end - t->start;
      const char *hyphen = memchr (c->text + t->start, '-', MIN (length, 4));
      if (!hyphen || hyphen + 1 >= c->text + t->end || !g_ascii_isupper (hyphen[1]))
        return FALSE;
      for (const char *const *p = particles; *p; p++)
        if ((gsize) (hyphen - (c->text + t->start)) == strlen (*p)
            && memcmp (c->text + t->start, *p, strlen (*p)) == 0)
          return TRUE;
      return FALSE;
    }
  const char *hyphen = memchr (c->text + t->start, '-', t->end - t->start);
  if (!hyphen || hyphen + 1 >= c->text + t->end || !g_ascii_islower (hyphen[1]))
    return TRUE;
  if (is_linked_name (c->text + t->start, c->text + t->end))
    return TRUE;
  /* "Post-war", "Self-driving": a compound; but "Yoon Jae-kyung", "Kim Dae-jung": a given name
   * of two syllables (five letters at most) after a capitalised surname, neither an English
   * word */
  if (i == 0 || !(c->tokens[i - 1].flags & NF_TOKEN_CAPITALIZED) || c->tokens[i - 1].kind != NF_TOKEN_WORD)
    return FALSE;
  const char *start = c->text + t->start, *end = c->text + t->end;
  if (is_owner_participle (hyphen + 1, (gsize) (end - hyphen - 1))) /* "The Texas-born singer" */
    return FALSE;
  for (const char *part = start; part < end;)
    {
      const char *stop = memchr (part, '-', (gsize) (end - part));
      if (!stop)
        stop = end;
      gsize n = (gsize) (stop - part);
      if (n == 0 || n > 5) /* a syllable: "Swift-themed" is a compound */
        return FALSE;
      for (gsize k = 0; k < n; k++)
        if (!g_ascii_isalpha (part[k]))
          return FALSE;
      /* (a later syllable of three letters or fewer may spell an English word: "Tsai
       * Ing-wen", "Moon Jae-in"; not "New York-style", "Long Beach-bound") */
      if ((part == start || n >= 4)
          && (nlp_sorted_words_has_text (c->self->common_words, part, n) || nlp_word_set_has_text (c->self->not_names, part, n)))
        return FALSE;
      part = stop + 1;
    }
  return TRUE;
}

/* "Patrizia d'Ettorre", "Valéry Giscard d’Estaing": a surname after the elided particle
 * of French and Italian names, written with it in lower case after a capitalised word that
 * is no English word (not a "chargé d'affaires"; "Côte d'Ivoire" is found whole in the
 * gazetteers first). */
static gboolean
is_elided_particle_name (const Context *c, guint i, const char *text, gsize length)
{
  gsize apostrophe = text[1] == '\'' ? 1 : length > 4 && memcmp (text + 1, "\xe2\x80\x99", 3) == 0 ? 3 : 0;
  if (apostrophe == 0 || length <= 1 + apostrophe || !g_ascii_isupper (text[1 + apostrophe]) || i == 0
      || (length - 1 - apostrophe == 8 && g_ascii_strncasecmp (text + 1 + apostrophe, "affaires", 8) == 0))
    return FALSE;
  const NfToken *before = &c->tokens[i - 1];
  return before->kind == NF_TOKEN_WORD && (before->flags & NF_TOKEN_CAPITALIZED) && before->end < c->tokens[i].start
         && !tok_is_common_word (c, i - 1);
}

/* A capitalised word; "Kyiv-based", "Nine-year-old" and "War-risk" are adjectives.  Asked
 * of nearly every token, inlined: a token in lower case can be one only with a particle's
 * hyphen ("al-Abadi") third or fourth, and most are turned away without a call. */
static inline gboolean
tok_is_cap_word (const Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  if (t->kind != NF_TOKEN_WORD)
    return FALSE;
  if (!(t->flags & NF_TOKEN_CAPITALIZED))
    {
      const char *text = c->text + t->start;
      gsize length = t->end - t->start;
      if (!((length > 2 && text[2] == '-') || (length > 3 && text[3] == '-')))
        return text[0] == 'd' && is_elided_particle_name (c, i, text, length);
    }
  guint32 *known = &((Context *) c)->cap_words[i]; /* (the memo: the article's working state) */
  if (!*known)
    *known = tok_is_cap_word_checked (c, i) + 1;
  return *known - 1;
}

/* tok_is_punct() of a punctuation token. */
static gboolean
tok_is_punct_checked (const Context *c, guint i, const char *chars)
{
  /* an ASCII byte stands only for itself in UTF-8: found as a byte */
  guchar first = (guchar) c->text[c->tokens[i].start];
  if (first < 0x80)
    return first != '\0' && strchr (chars, first) != NULL;
  gunichar ch = g_utf8_get_char (c->text + c->tokens[i].start);
  for (const char *p = chars; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == ch)
      return TRUE;
  return FALSE;
}

/* Whether token @i is punctuation, one of the characters of @chars.  Inlined: asked of a
 * few hundred tokens an article, nearly all words, turned away here without a call. */
static inline gboolean
tok_is_punct (const Context *c, guint i, const char *chars)
{
  return c->tokens[i].kind == NF_TOKEN_PUNCT && tok_is_punct_checked (c, i, chars);
}

/* The first word of a sentence, or of a quotation or parenthesis, is capitalised anyway. */
static gboolean
tok_is_initial (const Context *c, guint i)
{
  if (c->tokens[i].flags & NF_TOKEN_SENTENCE_START)
    return TRUE;
  if (i == 0)
    return FALSE;
  if (tok_is_punct (c, i - 1, "“‘(«„:—–"))
    return TRUE;
  /* a straight quote opens when a space or nothing comes before it */
  gsize mark = c->tokens[i - 1].start;
  return tok_is_punct (c, i - 1, "\"'") && (mark == 0 || g_ascii_isspace (c->text[mark - 1]));
}

/* Words allowed inside a name between capitalised words. */
static gboolean
tok_is_connector (const Context *c, guint i)
{
  static const char *const connectors[] = {
    "of", "for", "and", "&", "de", "del", "der", "den", "da", "do", "dos", "das", "du", "van",
    "von", "ten", "ter", "bin", "ibn", "al", "el", "la", "le", "y", "on",
    /* "Dar es Salaam" */
    "es",
    /* the Arabic article assimilated: "Dayr az Zawr", "Ras ash Shamra" */
    "az", "ash", "adh", "ath", "ez", NULL,
  };
  if (c->tokens[i].kind == NF_TOKEN_PUNCT)
    return tok_is (c, i, "&");
  /* none is longer than three bytes */
  if (c->tokens[i].kind != NF_TOKEN_WORD || (c->tokens[i].flags & NF_TOKEN_CAPITALIZED)
      || c->tokens[i].end - c->tokens[i].start > 3)
    return FALSE;
  return tok_is_one_of (c, i, connectors);
}

/* "of the", "for the": the article inside an organisation's name. */
static gboolean
tok_is_article (const Context *c, guint i)
{
  return tok_is (c, i, "the");
}

static Label
label_of (const NlpEntry *entry)
{
  Label label = LABEL_NONE;
  if (entry)
    for (guint l = 1; l < N_LABELS; l++)
      if (entry->label[0] == label_names[l][0] && strcmp (entry->label, label_names[l]) == 0)
        label = l;
  return label;
}

/* The gazetteer entry of tokens [a, b], the last ending at @end, folded as the gazetteers
 * spell names: single spaces.  Each token is folded on its own, so the folds of the tokens
 * are joined. */
static const NlpEntry *
lookup_label (const Context *c, guint a, guint b, gsize end, Label *label)
{
  gsize bare_end = nlp_strip_possessive (c->text, c->tokens[b].start, c->tokens[b].end);
  if (a == b && (end == c->tokens[b].end || end == bare_end))
    return tok_entry (c, b, end != c->tokens[b].end, label);
  if (a < b && c->tokens[a + 1].start > c->tokens[a].end)
    {
      /* the run joined starts with token a's word and a space: no name does unless that
       * word is marked as leading one (a word with a space of its own is left to the
       * lookup) */
      Word *w = tok_word (c, a, FALSE);
      if (!w->lists_known)
        word_look_up (c, w);
      if (!(w->lists & W_LEADS) && !memchr (w->fold, ' ', w->length))
        {
          *label = LABEL_NONE;
          return NULL;
        }
    }
  g_string_truncate (c->joined, 0);
  for (guint i = a; i <= b; i++)
    {
      const NfToken *t = &c->tokens[i];
      if (i > a && t->start > c->tokens[i - 1].end)
        g_string_append_c (c->joined, ' ');
      if (i < b || end == t->end || end == bare_end)
        {
          const Word *w = tok_word (c, i, i == b && end != t->end);
          /* (a copy: g_string_append_len's general insertion cost more than the words) */
          gsize at = c->joined->len;
          g_string_set_size (c->joined, at + w->length);
          memcpy (c->joined->str + at, w->fold, w->length);
        }
      else
        nlp_fold_append (c->joined, c->text + t->start, end - t->start);
    }
  const NlpEntry *entry = index_slot (c->self, c->joined->str, c->joined->len, nf_text_fold_hash (c->joined->str, c->joined->len))->entry;
  *label = label_of (entry);
  return entry;
}

static gsize
name_end (const Context *c, guint b)
{
  return nlp_strip_possessive (c->text, c->tokens[b].start, c->tokens[b].end);
}

static void
add_mention (Context *c, guint a, guint b, Label label, const char *canonical, gint title_first)
{
  Mention m = {
    .start = c->tokens[a].start,
    .end = name_end (c, b),
    .label = label,
    /* a nationality is named as written ("Ukrainian"), not by its country */
    .canonical = label == LABEL_NATIONALITY ? NULL : canonical,
    .first = a,
    .last = b,
  };
  if (!m.canonical)
    {
      /* the name without a nickname in quotation marks */
      const char *open = g_utf8_strchr (c->text + m.start, m.end - m.start, 0x201C);
      if (!open)
        open = memchr (c->text + m.start, '"', m.end - m.start);
      if (open)
        {
          const char *after = g_utf8_next_char (open);
          const char *close = NULL;
          for (const char *p = after; p < c->text + m.end; p = g_utf8_next_char (p))
            if (g_utf8_get_char (p) == 0x201D || *p == '"')
              {
                close = g_utf8_next_char (p);
                break;
              }
          if (close)
            {
              while (close < c->text + m.end && *close == ' ')
                close++;
              g_string_truncate (c->scratch, 0);
              g_string_append_len (c->scratch, c->text + m.start, open - (c->text + m.start));
              g_string_append_len (c->scratch, close, c->text + m.end - close);
              m.canonical = g_string_chunk_insert (c->store, c->scratch->str);
            }
        }
    }
  if (title_first >= 0)
    {
      m.title_start = c->tokens[title_first].start;
      m.title_end = c->tokens[a - 1].end;
      /* "Gen." : the title's period sits between it and the name */
      while (m.title_end > m.title_start && c->text[m.title_end - 1] == ' ')
        m.title_end--;
    }
  g_array_append_val (c->mentions, m);
}

/* "Congressman JJ Pickle", "director JJ Abrams": two capitals no list knows, between a
 * title and a surname, are a person's initials written without periods (elsewhere two
 * capitals are far more often an acronym: "BP", "GE") */
static gboolean is_honorific (const Context *c, guint i);

static gboolean
initials_after_title (const Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  Label label;
  if (t->end - t->start != 2 || i == 0 || i + 1 >= c->n || tok_lists (c, i, FALSE) || tok_entry (c, i, FALSE, &label)
      || !(is_word_in (c, i - 1, W_TITLES) || is_honorific (c, i - 1)))
    return FALSE;
  /* the surname ends the run ("Pickle" may be a word of the language) */
  const NfToken *surname = &c->tokens[i + 1];
  return surname->kind == NF_TOKEN_WORD && (surname->flags & NF_TOKEN_CAPITALIZED)
         && !(surname->flags & NF_TOKEN_ALL_CAPS) && !tok_lists (c, i + 1, FALSE)
         && !tok_entry (c, i + 1, FALSE, &label)
         && (i + 2 >= c->n || c->tokens[i + 2].kind != NF_TOKEN_WORD || !(c->tokens[i + 2].flags & NF_TOKEN_CAPITALIZED));
}

/* "Six IRA men", "an ED nurse": a word in capitals with no word in capitals beside it is an
 * acronym, not the given name its letters spell ("JOHN SMITH" in a capitals line is a name) */
static gboolean
is_acronym_among_words (const Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  if (!(t->flags & NF_TOKEN_ALL_CAPS) || t->end - t->start < 2)
    return FALSE;
  /* (a transcript's "SACHA:" has no word beside it in its sentence) */
  gboolean word_before = i > 0 && c->tokens[i - 1].kind == NF_TOKEN_WORD && c->tokens[i - 1].sentence == t->sentence;
  gboolean word_after = i + 1 < c->n && c->tokens[i + 1].kind == NF_TOKEN_WORD && c->tokens[i + 1].sentence == t->sentence;
  if (!word_before && !word_after)
    return FALSE;
  return !(word_before && (c->tokens[i - 1].flags & NF_TOKEN_ALL_CAPS))
         && !(word_after && (c->tokens[i + 1].flags & NF_TOKEN_ALL_CAPS));
}

/* A word that can be part of a person's name. */
static gboolean is_month_name (const Context *c, guint i);

/* A capitalised word that is a common given name ("John", "Julie"). */
static gboolean
is_given_name (const Context *c, guint i)
{
  return tok_is_cap_word (c, i) && (tok_lists (c, i, FALSE) & W_GIVEN_NAMES) && !is_acronym_among_words (c, i);
}

gboolean
entities_rules_is_given_name (gconstpointer instance, GString *scratch, const char *word, gsize length)
{
  const Entities *self = instance;
  g_string_truncate (scratch, 0);
  nlp_fold_append (scratch, word, length);
  return (index_slot (self, scratch->str, scratch->len, nf_text_fold_hash (scratch->str, scratch->len))->lists
          & W_GIVEN_NAMES) != 0;
}

/* "Elizabeth II", "Pope Benedict XVI", "Charles H. Keating IV": a Roman numeral that ends a
 * person's name (a given name or a title among the few words before it; "World War II" and
 * "Phase III" have neither) is part of the name. */
static gboolean
tok_is_regnal_number (const Context *c, guint i)
{
  gsize length;
  const char *text = tok_text (c, i, &length);
  /* (it ends the name: "Samuel R. Bush III Cincinnati" signs a letter) */
  if (length == 0 || length > 5 || i == 0 || !tok_is_cap_word (c, i - 1)
      || (i + 1 < c->n && tok_is_cap_word (c, i + 1) && !is_word_in (c, i + 1, W_NOT_NAMES)))
    return FALSE;
  for (gsize k = 0; k < length; k++)
    if (text[k] != 'I' && text[k] != 'V' && text[k] != 'X')
      return FALSE;
  for (guint k = i - 1; k + 5 > i; k--)
    {
      if (is_given_name (c, k) || (tok_is_cap_word (c, k) && is_word_in (c, k, W_TITLES)))
        return TRUE;
      if (k == 0 || !(tok_is_cap_word (c, k) || tok_is_punct (c, k, ".")))
        break;
    }
  return FALSE;
}

static gboolean
tok_is_name_word (const Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  if (t->kind == NF_TOKEN_PUNCT)
    return (tok_is (c, i, ".") && i > 0 && c->tokens[i - 1].end == t->start) /* "H." */
           || tok_is_punct (c, i, "\"“”"); /* a nickname's marks */
  if (t->kind != NF_TOKEN_WORD)
    return FALSE;
  if (tok_is_connector (c, i))
    return !tok_is (c, i, "of") && !tok_is (c, i, "for") && !tok_is (c, i, "and") && !tok_is (c, i, "on");
  if (!tok_is_cap_word (c, i))
    return FALSE;
  gsize length;
  const char *text = tok_text (c, i, &length);
  /* "ETH Zurich", "NHS England": an acronym is no part of a person's name; an initial is
   * ("John A. Boehner": the tokenizer leaves its period apart) */
  gboolean initial = length == 1 && i + 1 < c->n && tok_is (c, i + 1, ".") && c->tokens[i + 1].start == t->end;
  if (initial || (((t->flags & NF_TOKEN_ALL_CAPS) || length == 1) && tok_is_regnal_number (c, i)))
    return TRUE; /* (whatever the letters are as a word: "A", "I") */
  if ((t->flags & NF_TOKEN_ALL_CAPS) && text[length - 1] != '.')
    return initials_after_title (c, i);
  for (gsize k = 1; k < length; k++)
    if (g_ascii_isdigit (text[k]))
      return FALSE; /* "Lumix S1", "Raspberry Pi5": a model's number, no name */
  /* "Theresa May": a month after a name word is a surname */
  gboolean month_surname = is_month_name (c, i) && i > 0 && tok_is_cap_word (c, i - 1)
                           && !(i + 1 < c->n && c->tokens[i + 1].kind == NF_TOKEN_NUMBER);
  /* "John Major", "Julie Bishop", "Steve King": a title word after a given name is a surname */
  gboolean title_surname = i > 0 && is_given_name (c, i - 1);
  /* "Mr Hill", "Ms. Park": any word after an honorific is one */
  gboolean after_honorific = (i >= 1 && is_honorific (c, i - 1))
                             || (i >= 2 && tok_is (c, i - 1, ".") && is_honorific (c, i - 2))
                             || (i >= 2 && is_given_name (c, i - 1) && is_honorific (c, i - 2)); /* "Mr Roger Hill" */
  guint lists = tok_lists (c, i, TRUE);
  return (month_surname || !(lists & W_NOT_NAMES))
         && (title_surname || !(lists & W_TITLES))
         && (after_honorific || !(lists & (W_ORG_SUFFIXES | W_LOC_SUFFIXES)));
}

static gboolean
all_name_words (const Context *c, guint a, guint b)
{
  guint words = 0;
  for (guint i = a; i <= b; i++)
    {
      if (!tok_is_name_word (c, i))
        return FALSE;
      words += tok_is_cap_word (c, i);
    }
  /* the last word must be a real name, not an initial or a particle ("Elizabeth I" is one) */
  return words >= 1 && words <= 5 && tok_is_cap_word (c, b)
         && (c->tokens[b].end - c->tokens[b].start > 1 || tok_is_regnal_number (c, b));
}

static guint lower_case_words (const Context *c, guint a, guint b, guint *n_words);

/* Whether token @i lies in a short paragraph written in title case, a heading of page
 * furniture ("Nutrition Facts", "Step Two", "Storing Instructions"): every word capitalised
 * but small ones, at most twelve words, no full stop at the end.  Looks at most twelve words
 * either way, so it costs little however long the paragraph. */
static gboolean
in_title_case_heading (const Context *c, guint i)
{
  static const char *const small[] = { "a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at",
                                       "by", "with", "from", "vs", "is", "are", NULL };
  guint paragraph = c->tokens[i].paragraph, first = i, last = i, words = 0;
  while (first > 0 && c->tokens[first - 1].paragraph == paragraph)
    if (i - --first > 24)
      return FALSE;
  while (last + 1 < c->n && c->tokens[last + 1].paragraph == paragraph)
    if (++last - i > 24)
      return FALSE;
  if (tok_is_punct (c, last, "."))
    return FALSE;
  for (guint k = first; k <= last; k++)
    {
      const NfToken *t = &c->tokens[k];
      if (t->kind != NF_TOKEN_WORD)
        continue;
      if (++words > 12)
        return FALSE;
      if (t->flags & NF_TOKEN_CAPITALIZED)
        continue;
      gboolean is_small = FALSE;
      for (const char *const *w = small; *w && !is_small; w++)
        is_small = tok_is (c, k, *w);
      if (!is_small)
        return FALSE;
    }
  return words >= 2;
}

static gboolean apposition_after (const Context *c, guint last);
/* Whether token @i is @word with its first letter in capitals: "Near" for "near". */
static inline G_ALWAYS_INLINE gboolean
tok_is_capitalised_form (const Context *c, guint i, const char *word)
{
  gsize length;
  const char *text = tok_text (c, i, &length);
  /* the first letter first: it is asked for long lists of one token, which it rules out
   * for nearly every word without a call */
  char first = word[0] >= 'a' && word[0] <= 'z' ? (char) (word[0] - 'a' + 'A') : word[0];
  return length > 0 && text[0] == first && strlen (word) == length
         && memcmp (text + 1, word + 1, length - 1) == 0;
}

/* "House Democrats", "Trump Republicans": a party's members are a group (no_places_as_people) */
static const char *const members_last[] = {
  "democrats", "republicans", "conservatives", "liberals", "tories", "socialists", "yorkers", "peoples", NULL,
};

static gboolean is_name_particle (const Context *c, guint i, gboolean after_particle);

/* A given name first ("Stuart Hill") or a surname particle inside ("Pieter van Dam"): the
 * shape of a person's name, which a head word at its end does not overrule when the words
 * around say a person. */
static gboolean
person_shaped (const Context *c, guint a, guint b)
{
  if (is_given_name (c, a))
    return TRUE;
  for (guint k = a + 1; k < b; k++)
    if (!(c->tokens[k].flags & NF_TOKEN_CAPITALIZED) && is_name_particle (c, k, FALSE))
      return TRUE;
  return FALSE;
}

/* Word.surname of every capitalised word of the article, once an article and only when a
 * phrase asks (person_evidence). */
static void
mark_surnames (const Context *c_)
{
  Context *c = (Context *) c_; /* the article's working state, as tok_word's memo */
  if (c->surnames_marked)
    return;
  c->surnames_marked = TRUE;
  for (guint i = 0; i < c->n; i++)
    {
      /* (an institution's head word after a department's, "State University", is no surname) */
      if (!tok_is_cap_word (c, i) || is_word_in (c, i, W_ORG_SUFFIXES))
        continue;
      guint title = i >= 2 && tok_is (c, i - 1, ".") ? i - 2 : i - 1; /* "Ms. Alley" */
      /* (the title's capital first: kept per token, where the lists of a word in lower case
       * would be looked up for the question) */
      if ((i >= 1 && tok_is_cap_word (c, title) && is_word_in (c, title, W_TITLES))
          || (i + 1 < c->n && is_word_in (c, i + 1, W_SPEECH_VERBS) && !tok_is_initial (c, i)))
        tok_word (c, i, TRUE)->surname = TRUE;
    }
}

/* What names [a, b] a person although its words say otherwise: a speech verb after it
 * ("Oluwaseun Martins said"; not after a sentence's first word, "Analysts said", unless it
 * is a given name) or before it after a quotation (`"…," said Oluwaseun Martins`), a role
 * after it ("Oluwaseun Martins, a fintech analyst"), or its last word with a title before it
 * or a speech verb after it elsewhere in the article ("Kirstie Alley" ... "Ms. Alley"). */
static gboolean
person_evidence (const Context *c, guint a, guint b)
{
  if (b + 1 < c->n && is_word_in (c, b + 1, W_SPEECH_VERBS) && (!tok_is_initial (c, a) || is_given_name (c, a)))
    return TRUE;
  if (a >= 2 && is_word_in (c, a - 1, W_SPEECH_VERBS) && tok_is_punct (c, a - 2, ",\"”’'"))
    return TRUE;
  /* "Olympic champion Usain Bolt": a role in lower case before it (not a modifier of one,
   * nor a word that heads firms and teams too: "the former Dallas Cowboys", "security
   * leader Nozomi Networks") */
  static const char *const modifiers[] = {
    "first", "former", "leader", "head", "senior", "junior", "special", "executive", "managing",
    "acting", "deputy", "vice", "chief", "late", "then", "home", "finance", "health", "interior",
    "justice", "press", NULL,
  };
  /* (... or a comma after it, before a given name: "Citigroup's chief economist, Nathan
   * Sheets, said") */
  guint role = a >= 2 && tok_is (c, a - 1, ",") && is_given_name (c, a) ? a - 2 : a - 1;
  if (a >= 1 && c->tokens[role].kind == NF_TOKEN_WORD && !(c->tokens[role].flags & NF_TOKEN_CAPITALIZED)
      && c->tokens[role].sentence == c->tokens[a].sentence && is_word_in (c, role, W_TITLES)
      && !tok_is_one_of (c, role, modifiers))
    return TRUE;
  if (apposition_after (c, b))
    return TRUE;
  /* "Kirstie Alley" ... "Ms. Alley", "Alley said": the last word is a surname elsewhere */
  mark_surnames (c);
  return tok_word (c, b, TRUE)->surname;
}

/* "Cleveland Orchestra", "Briefing Room": name-like words ending in a word that is never a
 * name (common-words.txt), when no place or organisation word in them lets a later pass
 * (no_places_as_people) name what they are, and nothing around says a person. */
static gboolean
ends_in_common_word (const Context *c, guint a, guint b)
{
  if (!tok_is_common_word (c, b))
    return FALSE;
  for (guint k = a; k <= b; k++)
    if (is_word_in (c, k, W_LOC_PREFIXES | W_LOC_SUFFIXES | W_ORG_SUFFIXES))
      return FALSE;
  for (const char *const *w = members_last; *w; w++)
    if (tok_is_capitalised_form (c, b, *w))
      return FALSE;
  return !person_evidence (c, a, b);
}

/* Name-like words [a, b] (two or more) are a person's name unless, with no given name
 * first, they end in a people's name ("Native American", "Isleta Indian": a people) or hold
 * a country ("Virgin Australia", "Garuda Indonesia": a company named after it).  "Michael
 * Jordan" and "Rachel English" open with a given name. */
static gboolean is_camel_case (const char *text, gsize length);

static Label
name_words_label_of_words (Context *c, guint a, guint b);

/* Whether token @i is an organisation's kind in lower case ("the campaign group", "investment
 * bank", "the farm lobby"); with @also_people, the kinds that are people's roles too
 * ("property developer Nick Candy", "publisher Rupert Murdoch"). */
static gboolean
is_org_kind (const Context *c, guint i, gboolean also_people)
{
  static const char *const kinds[] = { "group", "bank", "charity", "firm", "company", "agency", "union",
                                       "insurer", "lender", "retailer", "carmaker", "automaker", "brokerage",
                                       "startup", "start-up", "consultancy", "broadcaster", "airline",
                                       "newspaper", "watchdog", "regulator", "conglomerate", "giant", "chain",
                                       "supermarket", "lobby", "association", "federation", "organisation",
                                       "organization", "app", "platform", "brand", "maker", "manufacturer",
                                       "drugmaker", "chipmaker", "nonprofit", "coalition", "network", "studio",
                                       "magazine", "website", "provider", "operator", "band", "tabloid", "broadsheet",
                                       "outlet", "channel", "carrier", NULL };
  static const char *const people_too[] = { "broker", "publisher", "developer", NULL };
  return c->tokens[i].kind == NF_TOKEN_WORD && !(c->tokens[i].flags & NF_TOKEN_CAPITALIZED)
         && (tok_is_one_of (c, i, kinds) || (also_people && tok_is_one_of (c, i, people_too)));
}

/* "UMass Amherst", "Red Hat OpenShift": a firm's word makes a person's name a firm's (but
 * "YouTuber Julien Solomita" is a person; what is no name stays none) */
static Label
name_words_label (Context *c, guint a, guint b)
{
  Label label = name_words_label_of_words (c, a, b);
  if (label != LABEL_PERSON)
    return label;
  /* "New Madrid", "New Brighton": no one's name starts with "New" (but "New Yorkers" and "New
   * Democrats" are people, not a place) */
  const NfToken *last = &c->tokens[b];
  gsize length = last->end - last->start;
  const char *end = c->text + last->end;
  gboolean people = (length > 2 && memcmp (end - 2, "er", 2) == 0) || (length > 3 && end[-1] == 's'); /* "New Democrats" */
  if (a < b && tok_is (c, a, "New") && !people)
    return LABEL_LOCATION;
  gboolean firm_word = FALSE;
  for (guint k = a; k <= b; k++)
    {
      if (is_given_name (c, k))
        return label;
      firm_word = firm_word || is_camel_case (c->text + c->tokens[k].start, c->tokens[k].end - c->tokens[k].start);
    }
  /* "the Jakarta-based group Jaringan Tambang": a name without a given name after an
   * organisation's kind is that organisation's */
  if (firm_word || (a >= 1 && is_org_kind (c, a - 1, FALSE)))
    return LABEL_ORGANIZATION;
  /* "the Fukushima Daiichi plant", "the Zaatari camp": ... and before a site's kind, the
   * site's */
  static const char *const sites[] = { "plant", "reactor", "refinery", "mine", "factory", "smelter", "terminal",
                                       "dam", "airport", "oilfield", "gasfield", "camp", "prison", "stadium",
                                       "bridge", "checkpoint", "crossing", NULL };
  /* (also after a word or two of its kind: "the Fukushima Daiichi nuclear power plant") */
  for (guint k = b + 1; k < c->n && k <= b + 3 && c->tokens[k].kind == NF_TOKEN_WORD
                        && !(c->tokens[k].flags & NF_TOKEN_CAPITALIZED);
       k++)
    if (tok_is_one_of (c, k, sites))
      return LABEL_LOCATION;
  return label;
}

/* What keeps a run opening with a word of the language a name: a place's or a title's first
 * word ("New Madrid", "East Mosul": later passes name them), a given name last ("Woody
 * Allen"), a surname's particle ("Dries van Noten"), a people's plural ("Congressional
 * Democrats"). */
static gboolean
opens_with_a_name_word (const Context *c, guint a, guint b)
{
  if (is_word_in (c, a, W_LOC_PREFIXES | W_TITLES) || tok_is (c, a, "New") || is_given_name (c, b))
    return TRUE;
  for (guint k = a + 1; k < b; k++)
    if (is_name_particle (c, k, FALSE))
      return TRUE;
  for (const char *const *w = members_last; *w; w++)
    if (tok_is_capitalised_form (c, b, *w))
      return TRUE;
  return FALSE;
}

/* A word ending in a plural's "s" (not "ss": "Ross", "Hess"). */
static gboolean
tok_ends_plural (const Context *c, guint i)
{
  gsize length = name_end (c, i) - c->tokens[i].start;
  const char *text = c->text + c->tokens[i].start;
  return length > 3 && text[length - 1] == 's' && text[length - 2] != 's' && text[length - 2] != 'u';
}

static Label
name_words_label_of_words (Context *c, guint a, guint b)
{
  /* a given name only the SSA's lists know ("Gilmore", "Norvell") does not outweigh a last
   * word that is never a name ("Gilmore Girls"); "Tom Hanks" is the hand-written lists' */
  gboolean given = is_given_name (c, a);
  if (given && !(a < b && !is_word_in (c, a, W_WRITTEN_GIVEN)))
    return LABEL_PERSON;
  if (given && ends_in_common_word (c, a, b))
    return LABEL_NONE;
  /* a heading in title case ("Nutrition Facts", "Right Pot"), where capitals say nothing: one
   * word the article also writes in lower case makes it no name (a list of names, one a line,
   * has none) */
  guint words;
  if (in_title_case_heading (c, a) && lower_case_words (c, a, b, &words) > 0)
    return LABEL_NONE;
  Label label;
  if (lookup_label (c, b, b, name_end (c, b), &label) && label == LABEL_NATIONALITY)
    return LABEL_NATIONALITY;
  for (guint i = a; i <= b; i++)
    {
      const NlpEntry *e = lookup_label (c, i, i, name_end (c, i), &label);
      if (!e || label != LABEL_LOCATION)
        continue;
      if (e->canonical)
        {
          g_string_truncate (c->scratch, 0);
          nlp_fold_append (c->scratch, e->canonical, strlen (e->canonical));
        }
      else
        g_string_assign (c->scratch, tok_word (c, i, TRUE)->fold); /* the word as looked up */
      /* ... and "Tate Britain", "Shalom Japan" after a given name the SSA's lists alone know */
      if (g_hash_table_contains (c->self->countries, c->scratch->str) && (!given || (b == a + 1 && i == b)))
        return LABEL_ORGANIZATION;
    }
  if (given)
    return LABEL_PERSON;
  /* "National Grid said", "Thames Water said": words of the language only, no given name
   * among them, name a body that speaks, not a person (unless a title says one) */
  gboolean language_words = TRUE;
  for (guint k = a; k <= b && language_words; k++)
    language_words = tok_is_common_word (c, k) && !is_given_name (c, k);
  if (a < b && language_words && !opens_with_a_name_word (c, a, b)
      && !(a >= 1 && is_word_in (c, a - 1, W_TITLES)))
    return b + 1 < c->n && is_word_in (c, b + 1, W_SPEECH_VERBS) ? LABEL_ORGANIZATION : LABEL_NONE;
  /* "Large Hadron Collider": a first word of the language that is no given name opens no
   * person's name, unless something around says a person */
  if (a < b && tok_is_common_word (c, a) && !opens_with_a_name_word (c, a, b) && !person_evidence (c, a, b))
    return LABEL_NONE;
  /* "National Highways said", "Local Officials": words of the language only, the last a
   * plural, name no one, whatever verb follows */
  if (a < b && tok_ends_plural (c, b))
    {
      gboolean all_common = TRUE;
      for (guint k = a; k <= b && all_common; k++)
        all_common = tok_is_common_word (c, k);
      for (const char *const *w = members_last; *w && all_common; w++)
        all_common = !tok_is_capitalised_form (c, b, *w); /* "House Democrats": a group, later */
      if (all_common)
        return LABEL_NONE;
    }
  /* "Cleveland Orchestra", "Briefing Room": a person's name, unless it opens with a given name
   * ("Tom Hanks"), does not end in a word that is never a name */
  if (a < b && ends_in_common_word (c, a, b))
    return LABEL_NONE;
  return LABEL_PERSON;
}

static gboolean
has_connector (const Context *c, guint a, guint b, guint *at)
{
  for (guint i = a; i <= b; i++)
    if (tok_is_connector (c, i) && (tok_is (c, i, "of") || tok_is (c, i, "for") || tok_is (c, i, "and")
                                    || tok_is (c, i, "&") || tok_is (c, i, "on") || tok_is (c, i, "the")))
      {
        *at = i;
        return TRUE;
      }
  return FALSE;
}


/* "Mr", "Ms", "Dr", "Senator": titles of a person only, never the start of a place's name
 * ("Bishop Auckland", "Prince of Wales" are other things). */
static gboolean
is_honorific (const Context *c, guint i)
{
  /* the honorifics are marked in the index (marked_words), and the word as written, folded,
   * is looked up once for all its questions */
  return (tok_lists (c, i, FALSE) & W_HONORIFIC) != 0;
}

/* Whether "the 24-year-old " (or "The") ends just before byte @at of @text, however the
 * tokenizer split the age. */
static gboolean
after_the_and_age (const char *text, gsize at)
{
  const char *p = text + at;
  while (p > text && p[-1] == ' ')
    p--;
  if (p - text < 9 || memcmp (p - 9, "-year-old", 9) != 0)
    return FALSE;
  p -= 9;
  const char *digits = p;
  while (p > text && g_ascii_isdigit (p[-1]))
    p--;
  if (p == digits)
    return FALSE;
  while (p > text && p[-1] == ' ')
    p--;
  return p - text >= 3 && (memcmp (p - 3, "the", 3) == 0 || memcmp (p - 3, "The", 3) == 0)
         && (p - text == 3 || !g_ascii_isalnum (p[-4]));
}

/* Whether @set (folded canonical names) holds @canonical. */
static gboolean
canonical_in (const Context *c, GHashTable *set, const char *canonical)
{
  guint at = (guint) (((guintptr) canonical >> 3) ^ ((guintptr) set >> 4)) & (CANONICAL_MEMO - 1);
  /* (the memo is the article's working state, as tok_word's) */
  CanonicalMemo *memo = &((Context *) c)->canonical_memo[at];
  if (memo->canonical == canonical && memo->set == set)
    return memo->in;
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, canonical, strlen (canonical));
  memo->canonical = canonical;
  memo->set = set;
  memo->in = g_hash_table_contains (set, c->scratch->str);
  return memo->in;
}

/* A country's name (canonical form, as the gazetteers give it). */
static gboolean
is_country_name (const Context *c, const char *canonical)
{
  return canonical_in (c, c->self->countries, canonical);
}

/* Whether the one-word names @a and @b are places but not countries ("Devon", "Cornwall"):
 * @b known, @a known or no word of the language. */
static gboolean
shared_by_places (const Context *c, guint a, guint b)
{
  Label label;
  const NlpEntry *right = lookup_label (c, b, b, name_end (c, b), &label);
  if (!right || label != LABEL_LOCATION || !right->canonical || is_country_name (c, right->canonical))
    return FALSE;
  const NlpEntry *left = lookup_label (c, a, a, name_end (c, a), &label);
  if (!left)
    return tok_is_cap_word (c, a) && !tok_is_common_word (c, a) && !(tok_lists (c, a, FALSE) & ~W_GIVEN_NAMES);
  return label == LABEL_LOCATION && left->canonical && !is_country_name (c, left->canonical);
}

/* "Deputy Minister Iryna Savchuk", "Staff Sgt. Albert Connelly", "Secretary of State John
 * Kerry": the last title word with a person's name after it. */
static gboolean
try_title (Context *c, guint a, guint b)
{
  for (guint t = b; t-- > a;)
    {
      /* (between a given name and what is no given name a title word is a surname: "Martin
       * Luther King Jr.", but "Tesla Chairman Elon Musk") */
      /* (an abbreviation is no surname: "Virginia Sen. Joe Manchin") */
      if (!is_word_in (c, t, W_TITLES)
          || (t > a && is_given_name (c, t - 1) && !tok_is (c, t + 1, ".") && !is_given_name (c, t + 1)))
        continue;
      guint name = t + 1;
      if (name <= b && tok_is (c, name, "."))
        name++;
      if (name <= b && (tok_is (c, name, "of") || tok_is (c, name, "for")))
        {
          /* the office's object: "of State", "for Central Asia", keeping a name of two words
           * (or one, when what follows is itself a title word) */
          name++;
          gboolean the = name <= b && tok_is_article (c, name);
          if (the)
            name++;
          /* "Chancellor of the Exchequer": one word after "the" is the office's, not a name */
          if (the && b < name + 1)
            return FALSE;
          while (name < b && (b - name + 1 > 2 || is_word_in (c, name, W_TITLES)))
            name++;
        }
      /* "Secretary for Special Programmes Grace Wanjiru Mwangi": the office's last words,
       * words of the language, before a given name */
      while (name + 1 < b && is_given_name (c, name + 1) && !is_given_name (c, name)
             && tok_is_common_word (c, name))
        name++;
      if (name > b || !all_name_words (c, name, b))
        return FALSE;
      /* "Amazon Prime Video", "Texas State Building Trades": words that are never names after a
       * title word name nobody ("Ms. Alley" does: an honorific takes any surname) */
      gboolean common = !is_honorific (c, t);
      for (guint k = name; k <= b && common; k++)
        common = !tok_is_cap_word (c, k) || tok_is_common_word (c, k);
      if (common)
        return FALSE;
      Label label;
      const NlpEntry *entry = lookup_label (c, name, b, name_end (c, b), &label);
      /* "President Obama" yes; "Foreign Minister Ukraine"? no; but a lone town's name after a
       * title is a surname ("Mr Hammond", "Senator Warren"), and so is a people's adjective
       * ("Mr. Christian", "Ms. English") */
      gboolean lone_after_honorific = name == b && (name == t + 1 || (name == t + 2 && tok_is (c, t + 1, ".")))
                                      && is_honorific (c, t);
      if (entry && label != LABEL_PERSON
          && !(lone_after_honorific && label == LABEL_LOCATION && entry->canonical
               && !is_country_name (c, entry->canonical))
          && !(lone_after_honorific && label == LABEL_NATIONALITY))
        return FALSE;
      if (label != LABEL_PERSON)
        entry = NULL;
      add_mention (c, name, b, LABEL_PERSON, entry ? entry->canonical : NULL, a);
      return TRUE;
    }
  return FALSE;
}

static void classify (Context *c, guint a, guint b);
static gboolean is_number_word (const Context *c, guint i);

/* Whether token @i could be one of words of @min to @max bytes, all capitalised: a test
 * asked of many tokens that few pass, so the lists below are not scanned for the others. */
static inline gboolean
tok_may_be (const Context *c, guint i, gsize min, gsize max)
{
  gsize length = c->tokens[i].end - c->tokens[i].start;
  return length >= min && length <= max && g_ascii_isupper (c->text[c->tokens[i].start]);
}

/* An organisation or a place by its last word ("... Authority", "... Sea") or by its head
 * before "of" ("Ministry of ...", "Gulf of ..."). */
static gboolean
is_number_word (const Context *c, guint i)
{
  static const char *const numbers[] = {
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "I", "II",
    "III", "IV", "V", "VI", NULL,
  };
  if (!tok_may_be (c, i, 1, 5))
    return FALSE;
  return tok_is_one_of (c, i, numbers);
}

/* Months may be surnames ("Theresa May"); days are not. */
static gboolean
is_month_name (const Context *c, guint i)
{
  static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", NULL,
  };
  if (!tok_may_be (c, i, 3, 9))
    return FALSE;
  return tok_is_one_of (c, i, months);
}

/* Honours and offices written after a British or Commonwealth name. */
/* The US state whose postal code ("NJ", @all_caps) or AP style abbreviation ("Nev") is the
 * @length bytes at @code, or NULL. */
static const char *
us_state_of_code (const char *code, gsize length, gboolean all_caps)
{
  static const struct {
    char        code[6];
    const char *name;
  } abbreviations[] = {
    { "Ala", "Alabama" }, { "Ariz", "Arizona" }, { "Ark", "Arkansas" }, { "Calif", "California" },
    { "Colo", "Colorado" }, { "Conn", "Connecticut" }, { "Del", "Delaware" }, { "Fla", "Florida" },
    { "Ga", "Georgia" }, { "Ill", "Illinois" }, { "Ind", "Indiana" }, { "Kan", "Kansas" }, { "Kans", "Kansas" },
    { "Ky", "Kentucky" }, { "La", "Louisiana" }, { "Md", "Maryland" }, { "Mass", "Massachusetts" },
    { "Mich", "Michigan" }, { "Minn", "Minnesota" }, { "Miss", "Mississippi" }, { "Mo", "Missouri" },
    { "Mont", "Montana" }, { "Neb", "Nebraska" }, { "Nev", "Nevada" }, { "Okla", "Oklahoma" },
    { "Ore", "Oregon" }, { "Pa", "Pennsylvania" }, { "Tenn", "Tennessee" }, { "Tex", "Texas" },
    { "Vt", "Vermont" }, { "Va", "Virginia" }, { "Wash", "Washington" }, { "Wis", "Wisconsin" },
    { "Wyo", "Wyoming" },
  };
  if (!all_caps)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (abbreviations); i++)
        if (strlen (abbreviations[i].code) == length && memcmp (abbreviations[i].code, code, length) == 0
            && code[length] == '.')
          return abbreviations[i].name;
      return NULL;
    }
  if (length != 2)
    return NULL;
  static const struct {
    char        code[3];
    const char *name;
  } states[] = {
    { "AL", "Alabama" }, { "AK", "Alaska" }, { "AZ", "Arizona" }, { "AR", "Arkansas" }, { "CA", "California" },
    { "CO", "Colorado" }, { "CT", "Connecticut" }, { "DE", "Delaware" }, { "DC", "District of Columbia" },
    { "FL", "Florida" }, { "GA", "Georgia" }, { "HI", "Hawaii" }, { "ID", "Idaho" }, { "IL", "Illinois" },
    { "IN", "Indiana" }, { "IA", "Iowa" }, { "KS", "Kansas" }, { "KY", "Kentucky" }, { "LA", "Louisiana" },
    { "ME", "Maine" }, { "MD", "Maryland" }, { "MA", "Massachusetts" }, { "MI", "Michigan" },
    { "MN", "Minnesota" }, { "MS", "Mississippi" }, { "MO", "Missouri" }, { "MT", "Montana" },
    { "NE", "Nebraska" }, { "NV", "Nevada" }, { "NH", "New Hampshire" }, { "NJ", "New Jersey" },
    { "NM", "New Mexico" }, { "NY", "New York" }, { "NC", "North Carolina" }, { "ND", "North Dakota" },
    { "OH", "Ohio" }, { "OK", "Oklahoma" }, { "OR", "Oregon" }, { "PA", "Pennsylvania" },
    { "RI", "Rhode Island" }, { "SC", "South Carolina" }, { "SD", "South Dakota" }, { "TN", "Tennessee" },
    { "TX", "Texas" }, { "UT", "Utah" }, { "VT", "Vermont" }, { "VA", "Virginia" }, { "WA", "Washington" },
    { "WV", "West Virginia" }, { "WI", "Wisconsin" }, { "WY", "Wyoming" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    if (states[i].code[0] == code[0] && states[i].code[1] == code[1])
      return states[i].name;
  return NULL;
}

static gboolean
is_postnominal (const Context *c, guint i)
{
  static const char *const letters[] = {
    "MP", "MEP", "MSP", "AM", "MLA", "QC", "KC", "OBE", "MBE", "CBE", "KBE", "DBE",
    "KCMG", "GCMG", "CMG", "KCB", "GCB", "CB", "FRS", "PC",
    /* degrees and licences written after a name in health and science news */
    "PhD", "MPH", "MBA", "DDS", "DMD", "DVM", "PsyD", "EdD", "FACS", "FACP", "RN", "LCSW", "MSW",
    "FRCP", "FRCS", NULL,
  };
  if (!tok_may_be (c, i, 2, 4))
    return FALSE;
  return tok_is_one_of (c, i, letters);
}

/* Whether every capitalised word of [a, b] is also written in lower case elsewhere in the
 * article. */
static gboolean
common_words (const Context *c, guint a, guint b)
{
  guint words;
  guint lower = lower_case_words (c, a, b, &words);
  return words > 0 && lower == words;
}

/* How many capitalised words of [a, b] the article also writes in lower case; @words: how
 * many there are. */
static guint
lower_case_words (const Context *c, guint a, guint b, guint *n_words)
{
  guint lower = 0, words = 0;
  for (guint i = a; i <= b; i++)
    {
      if (!tok_is_cap_word (c, i))
        continue;
      words++;
      lower += tok_written_lower (c, i, TRUE);
    }
  *n_words = words;
  return lower;
}

/* "Fighting Falcons", "Armed Conflict": a first word that is a participle the article also
 * writes in lower case starts no person's name (Ahmed and Irving are not written so). */
static gboolean
ends_like_participle (const Context *c, guint a)
{
  gsize length;
  const char *text = tok_text (c, a, &length);
  return length >= 5 && (memcmp (text + length - 3, "ing", 3) == 0 || memcmp (text + length - 2, "ed", 2) == 0);
}

static gboolean
participle_first (Context *c, guint a)
{
  return ends_like_participle (c, a) && tok_written_lower (c, a, FALSE);
}

/* A number in words: "Three", "Twenty", "Ninety-Four", "Hundreds". */
static gboolean
is_spelled_number (const Context *c, guint i)
{
  static const char *const numbers[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions", NULL,
  };
  if (c->tokens[i].kind != NF_TOKEN_WORD)
    return FALSE;
  gsize length;
  const char *text = tok_text (c, i, &length);
  const char *hyphen = memchr (text, '-', length);
  gsize head = hyphen ? (gsize) (hyphen - text) : length;
  /* the words have three to nine letters; their first, in lower case, is compared first */
  if (head < 3 || head > 9)
    return FALSE;
  char first = g_ascii_tolower (text[0]);
  for (const char *const *w = numbers; *w; w++)
    if (**w == first && strlen (*w) == head && g_ascii_strncasecmp (text, *w, head) == 0)
      return TRUE;
  return FALSE;
}

/* "Citizen Airmen", "Coalition Servicemen": a plural in -men ends no person's name. */
static gboolean
plural_men_last (const Context *c, guint b)
{
  gsize length;
  const char *text = tok_text (c, b, &length);
  length = name_end (c, b) - c->tokens[b].start;
  return length > 4 && memcmp (text + length - 3, "men", 3) == 0;
}

/* "Gaines County", "Luhansk Oblast": a place word that no family is named (unlike Hill,
 * Park or Ford) keeps a given name before it a place's, whatever is said around it. */
static gboolean
never_a_surname (const Context *c, guint b)
{
  static const char *const words[] = {
    "County", "Province", "Region", "District", "Governorate", "Oblast", "Prefecture", "Territory",
    "Township", "Upazila", "Airport", "Airfield", "Stadium", "Cathedral", "Mosque", "Synagogue",
    "Basilica", "Avenue", "Boulevard", "Motorway", "Highway", "Expressway", "Parkway", NULL,
  };
  return tok_is_one_of (c, b, words);
}

static Label
suffix_label (Context *c, guint a, guint b)
{
  if (b > a && is_number_word (c, b))
    b--;
  /* "Stuart Hill said", "said Kate Park, the minister,": after a given name, a head word is a
   * surname when the words around say a person */
  if (b > a && b <= a + 3 && !never_a_surname (c, b) && person_shaped (c, a, b) && person_evidence (c, a, b))
    return LABEL_PERSON;
  if (is_word_in (c, b, W_ORG_SUFFIXES))
    return LABEL_ORGANIZATION;
  /* "Department of State", "University of Southern California", "Committee to Protect
   * Journalists": the head decides */
  for (guint i = a + 1; i < b; i++)
    if (tok_is (c, i, "of") || tok_is (c, i, "for") || tok_is (c, i, "on") || tok_is (c, i, "to"))
      {
        if (is_word_in (c, i - 1, W_ORG_SUFFIXES))
          return LABEL_ORGANIZATION;
        break;
      }
  if (is_word_in (c, b, W_LOC_SUFFIXES))
    return LABEL_LOCATION;
  for (guint i = a; i < b; i++)
    if (tok_is (c, i, "of") || tok_is (c, i, "for") || tok_is (c, i, "on"))
      {
        if (i > a && is_word_in (c, i - 1, W_ORG_SUFFIXES))
          return LABEL_ORGANIZATION;
        if (i > a && is_word_in (c, i - 1, W_LOC_SUFFIXES))
          return LABEL_LOCATION;
        break;
      }
  return LABEL_NONE;
}

/* The particles inside surnames, whatever their case ("von der", "Van", "De"); "der" and
 * "den" only after another ("gab Petra den Text": an article). */
static gboolean
is_name_particle (const Context *c, guint i, gboolean after_particle)
{
  static const char *const particles[] = { "von", "van", "de", "du", "da", "di", "del", "della",
                                           "la", "le", "zu", "ten", "ter", "vom", NULL };
  static const char *const second[] = { "der", "den", NULL };
  gsize length;
  const char *text = tok_text (c, i, &length);
  for (const char *const *p = after_particle ? second : particles; *p; p++)
    if (strlen (*p) == length && g_ascii_strncasecmp (text, *p, length) == 0)
      return TRUE;
  return FALSE;
}

/* German capitalises every noun, so a run of capitalised words names nobody by itself; a
 * known given name followed by one more capitalised word does ("Bundesbauministerin Katrin
 * Wehmeyer", "sagte Jörg Brandstätter", "Hans Peter Müller"), unless the article also writes
 * either word in lower case (an adjective: "ernst").  The words before the given name are
 * titles and nouns.  Returns whether [a, b] held such a name (and recorded it). */
static gboolean
german_person (Context *c, guint a, guint b)
{
  for (guint k = a; k < b; k++)
    {
      if (!is_given_name (c, k))
        continue;
      guint end = k + 1;
      if (end < b && is_given_name (c, end) && tok_is_cap_word (c, end + 1))
        end++; /* a double given name */
      /* "Ursula von der Leyen", "Alexander Van der Bellen", "Charles De Gaulle" */
      for (gboolean after_particle = FALSE; end < b && is_name_particle (c, end, after_particle); after_particle = TRUE)
        end++;
      guint words;
      if (!tok_is_cap_word (c, end) || c->tokens[end].end - c->tokens[end].start < 2
          || is_word_in (c, end, W_NOT_NAMES) || is_word_in (c, end, W_TITLES)
          || lower_case_words (c, k, end, &words) > 0)
        continue;
      Label label;
      if (lookup_label (c, end, end, name_end (c, end), &label) && label != LABEL_PERSON)
        continue; /* "Katrin Berlin" is a name and a city */
      add_mention (c, k, end, LABEL_PERSON, NULL, -1);
      if (end < b)
        classify (c, end + 1, b);
      return TRUE;
    }
  return FALSE;
}

/* "AUSTIN (KXAN) —", "KHAN YOUNIS, Gaza Strip (AP) —", "BERLIN, March 11 (Reuters) -": capitals
 * that open a paragraph and a dateline are its place, not an acronym's organisation.  A
 * dateline ends in a dash within a few tokens, with only capitalised words, numbers and a
 * comma or a bracketed agency before it ("NASA, the agency, said" is no dateline, nor is a
 * label such as "EXCLUSIVE —"). */
static gboolean
is_dateline_place (const Context *c, guint a, guint b)
{
  gsize start = c->tokens[a].start;
  if (start > 0 && c->text[start - 1] != '\n')
    return FALSE;
  for (guint i = a; i <= b; i++)
    if (!(c->tokens[i].flags & NF_TOKEN_ALL_CAPS))
      return FALSE;
  gboolean framed = FALSE; /* a comma or an agency's bracket seen */
  for (guint i = b + 1; i < c->n && i <= b + 12; i++)
    {
      const NfToken *t = &c->tokens[i];
      if (t->kind == NF_TOKEN_PUNCT)
        {
          if (tok_is_punct (c, i, "\u2014\u2013-"))
            return framed;
          if (!tok_is_punct (c, i, ",()."))
            return FALSE;
          framed |= tok_is_punct (c, i, ",(");
        }
      else if (t->kind == NF_TOKEN_WORD ? !(t->flags & NF_TOKEN_CAPITALIZED) : t->kind != NF_TOKEN_NUMBER)
        return FALSE;
    }
  return FALSE;
}

/* "KHAN YOUNIS" -> "Khan Younis" */
static char *
title_cased (const Context *c, guint a, guint b)
{
  GString *out = g_string_new (NULL);
  gboolean word_start = TRUE;
  const char *end = c->text + c->tokens[b].end;
  for (const char *p = c->text + c->tokens[a].start; p < end; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      g_string_append_unichar (out, word_start ? g_unichar_totitle (ch) : g_unichar_tolower (ch));
      word_start = !g_unichar_isalpha (ch) && ch != '\'' && ch != 0x2019;
    }
  return g_string_free (out, FALSE);
}

/* Words that a place follows. */
static const char *const place_words[] = {
  "in", "near", "at", "from", "to", "outside", "across", "into", "around", "toward",
  "towards", "through", "throughout", "inside", NULL,
};

/* Whether token @i follows a word that a place follows ("in", "near", "to", ...). */
static gboolean
after_place_word (const Context *c, guint i)
{
  if (i == 0 || c->tokens[i - 1].kind != NF_TOKEN_WORD || c->tokens[i - 1].end - c->tokens[i - 1].start > 10)
    return FALSE;
  for (const char *const *w = place_words; *w; w++)
    if (tok_is (c, i - 1, *w))
      return TRUE;
  /* "Near Al Huwayjah, ..." opens a list's line */
  if ((c->tokens[i - 1].flags & NF_TOKEN_CAPITALIZED) && tok_is_initial (c, i - 1))
    for (const char *const *w = place_words; *w; w++)
      if (tok_is_capitalised_form (c, i - 1, *w))
        return TRUE;
  return FALSE;
}

/* "Al" is an English given name as well as the head of Arabic place names: a place's head
 * after a place's word, "the" or "via" ("in Al Anbar", "the Al Salem hospital", "via Al
 * Mukalla"), a man's name otherwise ("Al Gore", "Al Horford said"). */
static gboolean
al_names_a_man (const Context *c, guint i)
{
  return tok_is (c, i, "Al")
         && !(after_place_word (c, i) || (i >= 1 && (tok_is (c, i - 1, "the") || tok_is (c, i - 1, "via"))));
}

/* A word written in capitals. */
static gboolean
caps_word (const Context *c, guint i)
{
  return c->tokens[i].kind == NF_TOKEN_WORD && (c->tokens[i].flags & NF_TOKEN_ALL_CAPS);
}

/* A party's member in capitals: "Republican", "Democrats" (not "liberal", "LABOUR"). */
static gboolean
party_member (const Context *c, guint i)
{
  return is_word_in (c, i, W_PARTY) && tok_is_cap_word (c, i) && !(c->tokens[i].flags & NF_TOKEN_ALL_CAPS);
}

/* Classifies the capitalised sequence of tokens [a, b] and records its mentions. */
/* Whether a capitalised word has a capital after two or more small letters that are no
 * surname prefix: "PayPal", "JavaScript", "PostgreSQL"; not "McKesson", "MacArthur",
 * "DiCaprio", "DeSantis", "LeBron", "VanderMeer", "FitzGerald"; or opens with two capitals
 * before two or more small letters: "UMass", "UConn" (not "CEOs"). */
static gboolean
is_camel_case (const char *text, gsize length)
{
  static const char *const prefixes[] = { "Mac", "Van", "Von", "Fitz", "Della", "Dalla", "Des", "Du", NULL };
  if (length < 4 || !g_ascii_isupper (text[0]))
    return FALSE;
  if (g_ascii_isupper (text[1]))
    {
      gsize k = 2;
      while (k < length && g_ascii_islower (text[k]))
        k++;
      if (k == length && k >= 4 && length <= 6) /* not a handle: "ABlinken" */
        return TRUE;
    }
  gsize lower = 0;
  for (gsize k = 1; k < length; k++)
    {
      if (g_ascii_islower (text[k]))
        lower++;
      else if (g_ascii_isupper (text[k]) && lower >= 2)
        {
          for (const char *const *p = prefixes; *p; p++)
            if (strlen (*p) == k && memcmp (text, *p, k) == 0)
              return FALSE;
          return TRUE;
        }
      else if (!g_ascii_isalpha (text[k]))
        return FALSE; /* "O'Brien", "Al-Assad", non-ASCII letters: not looked at */
    }
  return FALSE;
}

/* Whether the first @length bytes of @text, folded, are a word of the language. */
static gboolean
common_prefix (const Context *c, const char *text, gsize length)
{
  char folded[32];
  if (length >= sizeof folded)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    folded[i] = g_ascii_tolower (text[i]);
  return nlp_sorted_words_has_text (c->self->common_words, folded, length);
}

/* A year's number, 1800 to 2099. */
static gboolean
is_year (const Context *c, guint i)
{
  gsize length;
  const char *text = tok_text (c, i, &length);
  return c->tokens[i].kind == NF_TOKEN_NUMBER && length == 4
         && ((text[0] == '1' && (text[1] == '8' || text[1] == '9')) || (text[0] == '2' && text[1] == '0'));
}

/* Whether a title stands among the words [a, b] before a name ("West Virginia Sen. Joe
 * Manchin": the place is the title's, the name a person's). */
static gboolean
has_title_after (const Context *c, guint a, guint b)
{
  for (guint k = a; k < b; k++)
    if (is_word_in (c, k, W_TITLES) && tok_is_cap_word (c, k + 1 + (tok_is (c, k + 1, ".") ? 1 : 0)))
      return TRUE;
  return FALSE;
}

/* Whether [a, b] is a firm's name joined by an ampersand.  Not two names each of which a list
 * knows ("Israel & Hamas" in a heading), nor words the article also writes in lower case
 * ("Research & Development"), nor the abbreviations written with one ("R&D", "Q&A"). */
static gboolean
ampersand_firm (const Context *c, guint a, guint b)
{
  static const char *const abbreviations[] = {
    "R&D", "Q&A", "B&B", "M&A", "P&L", "R&B", "F&B", "G&T", "A&E", "T&C", "T&Cs", "O&M", "D&I", NULL,
  };
  /* (most runs have none: looked for first, by the token's kind) */
  gboolean any = FALSE;
  for (guint i = a + 1; i < b && !any; i++)
    any = c->tokens[i].kind == NF_TOKEN_PUNCT && tok_is (c, i, "&");
  if (!any)
    return FALSE;
  guint at = 0;
  for (guint i = a + 1; i < b; i++)
    {
      /* a list: split first ("Procter & Gamble and Unilever"); "Shares of AT&T",
       * "Research & Development Director Tom Smith": what is around the firm's name is
       * not part of it */
      if (tok_is (c, i, "and") || tok_is (c, i, ",") || (tok_is_connector (c, i) && !tok_is (c, i, "&"))
          || is_word_in (c, i, W_TITLES))
        return FALSE;
      if (tok_is (c, i, "&") && !at)
        at = i;
    }
  if (!at)
    return FALSE;
  if (c->tokens[at].start == c->tokens[at - 1].end && c->tokens[at + 1].start == c->tokens[at].end)
    {
      gsize length = c->tokens[at + 1].end - c->tokens[at - 1].start;
      for (const char *const *w = abbreviations; *w; w++)
        if (strlen (*w) == length && memcmp (c->text + c->tokens[at - 1].start, *w, length) == 0)
          return FALSE;
    }
  /* a side a list knows is a name of its own: "Israel & Hamas" in a heading, "Wells Fargo &
   * Co" (the firm as the list names it); so is a known name the run starts with ("Dolce &
   * Gabbana" before a heading's next words) */
  Label side;
  if (lookup_label (c, a, at - 1, c->tokens[at - 1].end, &side) || lookup_label (c, at + 1, b, name_end (c, b), &side))
    return FALSE;
  for (guint k = at + 1; k < b; k++)
    if (lookup_label (c, a, k, name_end (c, k), &side))
      return FALSE;
  /* "Cinco Paul & Ken Daurio", "Hugh Kevin & Robert": people credited together */
  if ((at - a >= 2 && is_given_name (c, a)) || (b - at >= 2 && is_given_name (c, at + 1)))
    return FALSE;
  /* "COMING TUESDAY IN SCIENCE & MEDICINE": a heading in capitals */
  guint caps = 0;
  for (guint i = a; i <= b; i++)
    caps += c->tokens[i].kind == NF_TOKEN_WORD && (c->tokens[i].flags & NF_TOKEN_ALL_CAPS) && c->tokens[i].end - c->tokens[i].start > 1;
  if (caps >= 3)
    return FALSE;
  /* "(Makel & Plucker, 2012)", "Benioff & Weiss (2011)", "Carrano & Biewener [7]": a
   * citation's authors */
  if (b + 1 < c->n && is_year (c, b + 1))
    return FALSE; /* (not "S&P 500") */
  if (b + 2 < c->n && (tok_is (c, b + 1, ",") || tok_is (c, b + 1, "(") || tok_is (c, b + 1, "["))
      && c->tokens[b + 2].kind == NF_TOKEN_NUMBER)
    return FALSE;
  /* "Food & Beverage", "Health & Wellness": a heading's words, or words of the language */
  if (common_words (c, a, b) || in_title_case_heading (c, a))
    return FALSE;
  for (guint i = a; i <= b; i++)
    if (i != at && !tok_is_common_word (c, i))
      return TRUE;
  return FALSE;
}

static void classify (Context *c, guint a, guint b);

/* Adds the mention [a, last] and classifies what of the run is left, [rest, b]; TRUE. */
static gboolean
mention_then_rest (Context *c, guint a, guint last, Label label, const char *canonical, guint rest, guint b)
{
  add_mention (c, a, last, label, canonical, -1);
  if (rest <= b)
    classify (c, rest, b);
  return TRUE;
}

/* A name the lists know, with connectors of its own, inside the run [a, b] that is none:
 * "Centers for Disease Control and Prevention and the American Cancer Society" (the known
 * name, then "and" and the rest); "U.S. Centers for Disease Control and Prevention" (a place
 * before it: one organisation, as "U.S. National Cancer Institute" is). */
static gboolean
known_name_with_connectors (Context *c, guint a, guint b)
{
  /* (runs of a few words; a name the lists know has at most a dozen) */
  if (b - a > 16)
    return FALSE;
  for (guint s = a; s <= a + 2 && s + 1 <= b; s++)
    {
      Label label;
      if (s > a && !(lookup_label (c, a, s - 1, name_end (c, s - 1), &label) && label == LABEL_LOCATION))
        continue;
      for (guint k = b; k > s; k--)
        {
          if (k < b && !(tok_is (c, k + 1, "and") || tok_is (c, k + 1, ",")))
            continue;
          const NlpEntry *entry = lookup_label (c, s, k, name_end (c, k), &label);
          if (!entry || (s == a && k == b) || (s > a && label != LABEL_ORGANIZATION))
            continue;
          /* (with the place before it the name is no longer the list's) */
          return mention_then_rest (c, a, k, label, s == a ? entry->canonical : NULL, k + 2, b);
        }
    }
  return FALSE;
}

/* "in The New Yorker", "told The Australian", "The Hindu reported": a capitalised "The"
 * inside a sentence before a people's name in the singular is a newspaper's title ("the
 * Australian" is a man; "The Hague" is a place, no people's name) */
static gboolean
publication_of_a_people (Context *c, guint a, guint b)
{
  if (a >= b || !tok_is (c, a, "The") || (c->tokens[a].flags & NF_TOKEN_SENTENCE_START) || a == 0
      || !(c->tokens[a - 1].kind == NF_TOKEN_WORD || tok_is (c, a - 1, ",")))
    return FALSE;
  /* "The Canadian Press": a people's name and an organisation's word after it, no "press of
   * Canada" */
  guint e = a + 1;
  while (e < b && tok_is_cap_word (c, e + 1) && !is_given_name (c, e + 1))
    e++;
  Label first;
  /* (not when the name goes on: "The American Academy of Pediatrics") */
  gboolean goes_on = e < b && (tok_is (c, e + 1, "of") || tok_is (c, e + 1, "for") || tok_is (c, e + 1, "and"));
  if (e > a + 1 && is_word_in (c, e, W_ORG_SUFFIXES) && !goes_on
      && lookup_label (c, a + 1, a + 1, name_end (c, a + 1), &first)
      && first == LABEL_NATIONALITY && !lookup_label (c, a + 1, e, name_end (c, e), &first))
    return mention_then_rest (c, a + 1, e, LABEL_ORGANIZATION, NULL, e + 1, b);
  /* (the run may go on: "The Australian on Monday") */
  for (guint k = MIN (b, a + 3); k > a; k--)
    {
      Label label;
      const NlpEntry *entry = lookup_label (c, a + 1, k, name_end (c, k), &label);
      /* (the people's name ends the name: "The Canadian Press" is no "Canadian") */
      if (!entry || label != LABEL_NATIONALITY || c->text[name_end (c, k) - 1] == 's'
          || (k < b && tok_is_cap_word (c, k + 1)))
        continue;
      return mention_then_rest (c, a + 1, k, LABEL_ORGANIZATION, NULL, k + 1, b);
    }
  return FALSE;
}

/* Whether token @i may be one of the kinds of work below: a word in lower case of four to
 * eleven bytes that starts as one of them does (asked of the word before every name, so most
 * are turned away here). */
static inline gboolean
maybe_work_noun (const Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  gsize length = t->end - t->start;
  return t->kind == NF_TOKEN_WORD && !(t->flags & NF_TOKEN_CAPITALIZED) && length >= 4 && length <= 11
         && strchr ("abdfmnops", c->text[t->start]) != NULL;
}

/* Whether token @i makes the word after it a noun: an article, a possessive, a year or a
 * word that qualifies a work ("his 1992 movie", "Allen's movie", "the novel"; not "to play"). */
static gboolean is_compass_word (const Context *c, guint i);

static gboolean
work_determined (const Context *c, guint i)
{
  static const char *const determiners[] = {
    "the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "new", "latest", "hit",
    "debut", "first", "last", "next", "animated", "upcoming", "The", "A", "An", "His", "Her", "Their",
    "Its", "My", "Our", "Your", NULL,
  };
  const NfToken *t = &c->tokens[i];
  return t->kind == NF_TOKEN_NUMBER || tok_is_one_of (c, i, determiners)
         || (t->kind == NF_TOKEN_WORD && nlp_strip_possessive (c->text, t->start, t->end) != t->end);
}

/* "Wikinews", "Ynetnews", "NewsNation": one word made with "news" names an outlet (no
 * person's or place's name is written so). */
static gboolean
is_news_outlet_word (const Context *c, guint i)
{
  gsize length;
  const char *text = tok_text (c, i, &length);
  length = nlp_strip_possessive (c->text, c->tokens[i].start, c->tokens[i].end) - c->tokens[i].start;
  if (length < 7)
    return FALSE;
  return g_ascii_strncasecmp (text + length - 4, "news", 4) == 0
         || (memcmp (text, "News", 4) == 0 && g_ascii_isupper (text[4]));
}

/* Whether the name [a, b] opens with a word of the names of other things ("Operation",
 * "Bill", "Day") that makes it no entity: not a given name that is also such a word before
 * a surname ("Bill Gates", "Eve Arnold"; not "Bill of Rights"), nor when an organisation's
 * word ends the name ("the War Committee"). */
static gboolean
other_name_first (const Context *c, guint a, guint b)
{
  if (!is_word_in (c, a, W_OTHER_NAMES))
    return FALSE;
  gboolean given = is_given_name (c, a);
  if (given && !tok_is_connector (c, a + 1) && all_name_words (c, a + 1, b))
    return FALSE;
  guint connector;
  return given || !is_word_in (c, b, W_ORG_SUFFIXES) || has_connector (c, a, b, &connector);
}

static void
classify (Context *c, guint a, guint b)
{
  if (publication_of_a_people (c, a, b))
    return;
  /* Trim what cannot begin or end a name. */
  while (a <= b && (tok_is_connector (c, a) || tok_is_article (c, a) || tok_is_punct (c, a, ".")))
    a++;
  while (b >= a && b > 0 && (tok_is_connector (c, b) || tok_is_article (c, b) || tok_is_punct (c, b, ".")))
    b--;
  if (a > b || b >= c->n)
    return;

  /* "Amazon.com", "Booking.com": a word with a web domain's ending is a firm's name (the
   * river is not written so) */
  static const char *const domains[] = { "com", "net", "org", "io", NULL };
  if (b + 2 < c->n && tok_is (c, b + 1, ".") && c->tokens[b + 1].start == c->tokens[b].end
      && c->tokens[b + 2].start == c->tokens[b + 1].end && tok_is_one_of (c, b + 2, domains))
    {
      if (b > a)
        classify (c, a, b - 1);
      add_mention (c, b, b + 2, LABEL_ORGANIZATION, NULL, -1);
      return;
    }

  Label label;
  const NlpEntry *entry = lookup_label (c, a, b, name_end (c, b), &label);
  if (entry)
    {
      add_mention (c, a, b, label, entry->canonical, -1);
      return;
    }
  /* "his 1992 movie Jamon Jamon", "the novel Wolf Hall": the title of a work after the kind
   * of work names no person, place or organisation */
  static const char *const works[] = {
    "movie", "film", "novel", "album", "song", "single", "book", "play", "opera", "musical",
    "documentary", "sitcom", "poem", "painting", "memoir", NULL,
  };
  if (a >= 2 && maybe_work_noun (c, a - 1) && tok_is_one_of (c, a - 1, works) && work_determined (c, a - 2))
    return;
  /* "West African", "North American", "East Asian": a compass word before a people's name is
   * the adjective of a people too (not a place called "West African") */
  Label people_label;
  if (b == a + 1 && is_word_in (c, a, W_LOC_PREFIXES) && is_compass_word (c, a)
      && !(a >= 2 && (tok_is (c, a - 1, "and") || tok_is (c, a - 1, "or")) && is_compass_word (c, a - 2)) /* "the North and South Poles" */
      && lookup_label (c, b, b, name_end (c, b), &people_label)
      && people_label == LABEL_NATIONALITY)
    {
      add_mention (c, a, b, LABEL_NATIONALITY, NULL, -1);
      return;
    }
  if (a == b && is_news_outlet_word (c, a))
    {
      add_mention (c, a, b, LABEL_ORGANIZATION, NULL, -1);
      return;
    }
  if (b > a + 1 && known_name_with_connectors (c, a, b))
    return;
  /* "Executive Director of the Wikimedia Foundation", "Chief Executive of Tesco": a post
   * at an organisation names the organisation (whose head word or listing says so), no
   * body called by the post ("Secretary of State" is left to the roles) */
  guint of = a;
  while (of < b && is_word_in (c, of, W_TITLES) && !tok_is (c, of, "of"))
    of++;
  if (of > a && of < b && tok_is (c, of, "of"))
    {
      guint rest = of + 1 + (tok_is_article (c, of + 1) ? 1 : 0);
      Label rest_label;
      if (rest <= b && (rest < b ? is_word_in (c, b, W_ORG_SUFFIXES)
                                 : lookup_label (c, rest, b, name_end (c, b), &rest_label) && rest_label == LABEL_ORGANIZATION))
        {
          classify (c, rest, b);
          return;
        }
    }
  if (is_dateline_place (c, a, b))
    {
      /* in the article's store: a mention keeps the canonical form it is given */
      g_autofree char *place = title_cased (c, a, b);
      add_mention (c, a, b, LABEL_LOCATION, g_string_chunk_insert (c->store, place), -1);
      return;
    }

  /* "Baltimore Sun", "Kansas City Star", "Sacramento Bee": a place's newspaper */
  static const char *const papers[] = { "Sun", "Star", "Bee", "Times", "Post", "News", "Daily", "Mail",
                                        "Courant", "Sentinel", "Dispatch", "Examiner", "Enquirer", NULL };
  Label place;
  if (b > a && tok_is_one_of (c, b, papers) && !is_given_name (c, a)
      && lookup_label (c, a, b - 1, name_end (c, b - 1), &place) && place == LABEL_LOCATION)
    {
      add_mention (c, a, b, LABEL_ORGANIZATION, NULL, -1);
      return;
    }

  /* "Install Windows", "Visit MasTec", "Try FlexClip": a verb that opens an instruction or a
   * call to action (only there: "Human Rights Watch", "Microsoft Learn" end in one) */
  if (b > a && is_word_in (c, a, W_INSTRUCTION) && !(c->tokens[a].flags & NF_TOKEN_ALL_CAPS) && tok_is_initial (c, a))
    {
      classify (c, a + 1, b);
      return;
    }
  /* A sentence-initial common word is not a name: drop it and look at the rest. */
  /* (not a word written with an ampersand: "AT&T") */
  gboolean ampersand_after = a + 1 <= b && tok_is (c, a + 1, "&") && c->tokens[a + 1].start == c->tokens[a].end;
  if ((tok_is_initial (c, a) || is_word_in (c, a, W_NOT_NAMES)) && !ampersand_after)
    {
      if ((tok_lists (c, a, FALSE) & W_NOT_NAMES) || tok_written_lower (c, a, FALSE))
        {
          classify (c, a + 1, b);
          return;
        }
    }
  /* "Parent Rachel Okonkwo", "Welcoming Damian", "Unseeded Maya Kovac": an English word that
   * is never a name, or a sentence's first participle, before a given name describes the
   * person or starts the sentence */
  if (b > a && is_given_name (c, a + 1) && !is_given_name (c, a) && tok_is_cap_word (c, a)
      && !is_word_in (c, a, W_TITLES | W_LOC_PREFIXES | W_LOC_SUFFIXES | W_ORG_SUFFIXES)
      && (tok_is_common_word (c, a)
          || (tok_is_initial (c, a) && ends_like_participle (c, a))))
    {
      if (a + 1 == b && !is_word_in (c, b, W_NOT_NAMES | W_TITLES)) /* "Hey Frank" */
        add_mention (c, b, b, LABEL_PERSON, NULL, -1);
      else
        classify (c, a + 1, b);
      return;
    }
  /* "Unseeded Mila Kovac", "Injured Tomas Ek": a sentence's first word in "-ed" before two
   * words no list knows is a description of the person, whose given name may be one no list
   * has ("United" starts names of its own) */
  if (b == a + 2 && tok_is_initial (c, a) && !tok_is (c, a, "United") && !is_given_name (c, a)
      && ends_like_participle (c, a) && c->text[c->tokens[a].end - 1] == 'd'
      && !is_word_in (c, a, W_TITLES | W_ORG_SUFFIXES | W_LOC_SUFFIXES | W_LOC_PREFIXES | W_OTHER_NAMES)
      && tok_is_cap_word (c, a + 1) && tok_is_cap_word (c, b) && !tok_lists (c, a + 1, FALSE)
      && !tok_lists (c, b, FALSE) && !tok_is_common_word (c, a + 1) && !tok_is_common_word (c, b))
    {
      classify (c, a + 1, b);
      return;
    }
  /* "Bronx Republican Kristy Marmorato", "Democrat John Dingell": a party's member, or a place
   * or a people and a capitalised English word, before a given name describe the person */
  /* "a Missouri Republican", "an Ohio Democrat": the place only ("House Democrats" are a group) */
  if (b > a && party_member (c, b) && c->text[c->tokens[b].end - 1] != 's')
    {
      classify (c, a, b - 1);
      return;
    }
  for (guint k = a + 1; k <= b; k++)
    {
      if (!is_given_name (c, k))
        continue;
      Label before;
      if (party_member (c, k - 1)
          || (k >= a + 2 && is_word_in (c, k, W_WRITTEN_GIVEN)
              && tok_is_common_word (c, k - 1) && !is_given_name (c, k - 1) && tok_is_cap_word (c, k - 1)
              && !is_word_in (c, k - 1, W_TITLES | W_LOC_PREFIXES | W_LOC_SUFFIXES | W_ORG_SUFFIXES)
              && lookup_label (c, a, k - 2, name_end (c, k - 2), &before)
              && (before == LABEL_LOCATION || before == LABEL_NATIONALITY)))
        {
          if (k >= a + 2)
            classify (c, a, k - 2);
          classify (c, k, b);
          return;
        }
      break;
    }
  /* "Ninety-Four Citizen Airmen", "Three Iraqi Soldiers": a count starts no name */
  if (b > a && is_spelled_number (c, a))
    {
      classify (c, a + 1, b);
      return;
    }

  /* "Procter & Gamble", "Marks & Spencer", "AT&T": an ampersand between capitalised words
   * names a firm (people and places are joined with "and") */
  if (b > a && ampersand_firm (c, a, b))
    {
      add_mention (c, a, b, LABEL_ORGANIZATION, NULL, -1);
      return;
    }

  /* Months and days may end a sequence ("Paris Monday") without being part of it; a month
   * name that no day number follows is a name's last word ("Theresa May", "Brian May"). */
  if (b > a && is_word_in (c, b, W_NOT_NAMES)
      && !(is_month_name (c, b) && !(b + 1 < c->n && c->tokens[b + 1].kind == NF_TOKEN_NUMBER)
           && tok_is_cap_word (c, b - 1) && !is_word_in (c, b - 1, W_NOT_NAMES)))
    {
      classify (c, a, b - 1);
      return;
    }

  /* "Theresa May MP", "John Smith QC": letters after a name make it a person's */
  if (b > a && is_postnominal (c, b))
    {
      guint end = b;
      while (end > a && is_postnominal (c, end))
        end--;
      Label known;
      if (end > a && all_name_words (c, a, end) && !is_word_in (c, a, W_NOT_NAMES)
          && !lookup_label (c, a, end, name_end (c, end), &known))
        {
          if (!try_title (c, a, end))
            add_mention (c, a, end, LABEL_PERSON, NULL, -1);
          return;
        }
      classify (c, a, end);
      return;
    }

  /* "Operation Inherent Resolve", "Thanksgiving Day", "Typhoon Lawin", "Paris Agreement":
   * names, but of operations, days, storms, laws */
  if (b > a && (other_name_first (c, a, b) || is_word_in (c, b, W_OTHER_NAMES)
                || (b > a + 1 && is_number_word (c, b) && is_word_in (c, b - 1, W_OTHER_NAMES))))
    {
      /* "UN Security Council Resolution 2254", "Senate Bill": the body that made it is named
       * before the law's word */
      guint other = is_word_in (c, b, W_OTHER_NAMES) ? b : b - 1;
      Label known;
      if (other > a && !is_word_in (c, a, W_OTHER_NAMES) && tok_is_cap_word (c, other - 1)
          && (is_word_in (c, other - 1, W_ORG_SUFFIXES)
              || (lookup_label (c, a, other - 1, name_end (c, other - 1), &known) && known == LABEL_ORGANIZATION)))
        classify (c, a, other - 1);
      return;
    }

  /* "and" stays inside an organisation's name ("Ministry of Agrarian Policy and Food",
   * "Foreign and Commonwealth Office") and otherwise joins two names ("Gen. Joseph Votel
   * and Staff Sgt. Albert Connelly") */
  /* (an "and" before an ampersand: "Procter & Gamble and Johnson & Johnson") */
  guint split = 0;
  for (guint i = a + 1; i < b && !split; i++)
    if (tok_is (c, i, "and"))
      split = i;
  /* (not before "of": "Shares of Marks & Spencer" splits there first) */
  for (guint i = a + 1; i < b && !split; i++)
    if (tok_is (c, i, "&"))
      split = i;
    else if (tok_is_connector (c, i))
      break;
  if (split)
    {
      guint i = split;
      gboolean head_of = FALSE;
      for (guint k = a + 1; k < i; k++)
        head_of |= (tok_is (c, k, "of") || tok_is (c, k, "for"))
                   && (is_word_in (c, k - 1, W_ORG_SUFFIXES) || is_word_in (c, k - 1, W_LOC_SUFFIXES));
      Label left_label;
      gboolean suffixed = is_word_in (c, b, W_ORG_SUFFIXES) && !is_word_in (c, i - 1, W_ORG_SUFFIXES)
                          && !is_word_in (c, i - 1, W_LOC_SUFFIXES)
                          && !lookup_label (c, a, i - 1, c->tokens[i - 1].end, &left_label);
      /* "the American Federation of Teachers and Thomas Kennedy": a person's name after it */
      gboolean person_after = i + 2 <= b && b <= i + 3 && is_given_name (c, i + 1)
                              && all_name_words (c, i + 1, b);
      /* "the Massachusetts Institute of Technology and Harvard Medical School": after a
       * name complete with its head, another with its own ("Department of Health and Human
       * Services" goes on: its second part starts with a word of the language) */
      gboolean second_org = head_of && b >= i + 2 && is_word_in (c, b, W_ORG_SUFFIXES)
                            && tok_is_cap_word (c, i + 1) && !tok_is_common_word (c, i + 1)
                            && !is_word_in (c, i + 1, W_ORG_SUFFIXES | W_TITLES);
      /* "Chelsea and Westminster Hospital", "Devon and Cornwall Police": two places, neither
       * a country, that share one institution (the first one may be a district no list has) */
      if (i == a + 1 && b == i + 2 && is_word_in (c, b, W_ORG_SUFFIXES) && shared_by_places (c, a, i + 1))
        {
          add_mention (c, a, b, LABEL_ORGANIZATION, NULL, -1);
          return;
        }
      if ((!head_of && !suffixed) || person_after || second_org)
        {
          classify (c, a, i - 1);
          classify (c, i + 1, b);
          return;
        }
    }

  /* "Secretary of State", "Foreign Secretary": a title alone names nobody */
  gboolean only_titles = TRUE;
  for (guint i = a; i <= b && only_titles; i++)
    only_titles = tok_is_connector (c, i) || tok_is_article (c, i) || tok_is_punct (c, i, ".")
                  || is_word_in (c, i, W_TITLES);
  if (only_titles)
    {
      if (a == b && tok_is_cap_word (c, a))
        {
          Mention m = { .start = c->tokens[a].start, .end = name_end (c, a), .label = LABEL_NONE,
                        .first = a, .last = a, .tentative = TRUE, .title_word = TRUE };
          g_array_append_val (c->mentions, m);
        }
      return;
    }
  /* "U.S. Secretary of State", "British Prime Minister": the place or nationality alone */
  if (b > a && is_word_in (c, a + 1, W_TITLES))
    {
      Label first;
      const NlpEntry *e = lookup_label (c, a, a, name_end (c, a), &first);
      gboolean rest_titles = e && (first == LABEL_LOCATION || first == LABEL_NATIONALITY);
      for (guint i = a + 1; i <= b && rest_titles; i++)
        rest_titles = tok_is_connector (c, i) || tok_is_article (c, i) || tok_is_punct (c, i, ".")
                      || is_word_in (c, i, W_TITLES);
      if (rest_titles)
        {
          add_mention (c, a, a, first, e->canonical, -1);
          return;
        }
    }

  if (try_title (c, a, b))
    return;

  /* "Hassan Mourad of Cairo University": "of" joins only after an organisation, place or
   * title head ("Bank of England", "Gulf of Aden", "Secretary of State") */
  for (guint i = a + 1; i < b; i++)
    if (tok_is (c, i, "of") || tok_is (c, i, "for") || tok_is (c, i, "on"))
      {
        if (!is_word_in (c, i - 1, W_ORG_SUFFIXES) && !is_word_in (c, i - 1, W_LOC_SUFFIXES)
            && !is_word_in (c, i - 1, W_TITLES))
          {
            classify (c, a, i - 1);
            classify (c, i + 1, b);
            return;
          }
        break;
      }

  /* "Gulf of Aden and the Red Sea", "Government of Iraq and the Kurdistan Regional
   * Government": "and the" joins two names */
  for (guint i = a + 1; i + 1 < b; i++)
    if ((tok_is (c, i, "and") || tok_is (c, i, "&")) && tok_is_article (c, i + 1))
      {
        classify (c, a, i - 1);
        classify (c, i + 2, b);
        return;
      }

  /* "Coach Harry Hill", "Director Kate Park": after a title and a given name, a place's head
   * word is the surname (an honorific's case is in tok_is_name_word); but places are named
   * after royals ("Prince William Sound", "King George Island", "Queen Maud Land") */
  static const char *const royals[] = { "Prince", "Princess", "King", "Queen", "Lord", "Lady", "Duke", "Duchess",
                                        "Emperor", "Empress", NULL };
  if (b == a + 2 && is_word_in (c, a, W_TITLES) && tok_is_cap_word (c, a) && is_given_name (c, a + 1)
      && is_word_in (c, b, W_LOC_SUFFIXES) && !is_word_in (c, b, W_ORG_SUFFIXES) && !tok_is_one_of (c, a, royals))
    {
      add_mention (c, a + 1, b, LABEL_PERSON, NULL, a);
      return;
    }

  /* "the northeastern state of Nuevo Leon", "the town of Port Clare": a kind of place and
   * "of" name the place, whatever its words look like */
  static const char *const place_kinds[] = {
    "city", "town", "village", "province", "region", "district", "state", "county", "governorate",
    "municipality", "island", "prefecture", "township", "suburb", NULL,
  };
  if (a >= 2 && tok_is (c, a - 1, "of") && tok_is_one_of (c, a - 2, place_kinds)
      && !is_word_in (c, b, W_ORG_SUFFIXES) && !has_title_after (c, a, b))
    {
      add_mention (c, a, b, LABEL_LOCATION, NULL, -1);
      return;
    }

  /* "in Marina del Rey", "at Playa de las Américas": after "in" or "at", a name joined by a
   * Spanish or Portuguese article's preposition is a place (a person's would be an owner:
   * "in Guillermo del Toro's film") */
  if (a >= 1 && b >= a + 2 && (tok_is (c, a - 1, "in") || tok_is (c, a - 1, "at"))
      && nlp_strip_possessive (c->text, c->tokens[b].start, c->tokens[b].end) == c->tokens[b].end)
    {
      static const char *const romance[] = { "del", "de", "dos", "das", "do", "da", NULL };
      gboolean joined = FALSE;
      for (guint k = a + 1; k < b && !joined; k++)
        joined = tok_is_one_of (c, k, romance);
      if (joined)
        {
          add_mention (c, a, b, LABEL_LOCATION, NULL, -1);
          return;
        }
    }

  /* a suffix word alone ("Battalion", "Office") names nothing; "the Coalition" is below */
  Label by_suffix = b > a && !is_honorific (c, a) ? suffix_label (c, a, b) : LABEL_NONE; /* "Mr Roger Hill" */
  if (by_suffix != LABEL_NONE)
    {
      add_mention (c, a, b, by_suffix, NULL, -1);
      return;
    }

  /* "Banco Horizonte", "Bank Leumi", "NHS England": an organisation word or name first (a
   * firm's name that is a given name is one before a surname: "Mercedes Schlapp") */
  if (b > a && (tok_is_cap_word (c, a + 1) || (tok_is_connector (c, a + 1) && !tok_is (c, a + 1, "and")))
      && !(b == a + 1 && is_given_name (c, a) && !is_word_in (c, b, W_ORG_SUFFIXES)))
    {
      Label first;
      if (is_word_in (c, a, W_ORG_SUFFIXES)
          || (lookup_label (c, a, a, name_end (c, a), &first) && first == LABEL_ORGANIZATION))
        {
          add_mention (c, a, b, LABEL_ORGANIZATION, NULL, -1);
          return;
        }
    }

  /* "East Mosul", "Northern Iraq", "Tal Afar", "Fort Campbell"; but "Al Gore" */
  if (b > a && is_word_in (c, a, W_LOC_PREFIXES) && tok_is_cap_word (c, a + 1)
      && !(al_names_a_man (c, a) || (tok_is (c, a, "Al") && person_evidence (c, a, b)))
      && !has_title_after (c, a + 1, b))
    {
      add_mention (c, a, b, LABEL_LOCATION, NULL, -1);
      return;
    }

  guint at;
  if (has_connector (c, a, b, &at))
    {
      /* "Egypt and Spain", "Paris for Rome": two names, not one */
      if (at > a)
        classify (c, a, at - 1);
      classify (c, at + 1, b);
      return;
    }

  if (a < b)
    {
      /* "Turkish Airlines" was taken by the suffix rule; "Syrian Kurdish" is two nationalities */
      Label first;
      const NlpEntry *e = lookup_label (c, a, a, name_end (c, a), &first);
      if (e && (first == LABEL_NATIONALITY || (first == LABEL_LOCATION && !all_name_words (c, a + 1, b))))
        {
          add_mention (c, a, a, first, e->canonical, -1);
          classify (c, a + 1, b);
          return;
        }
      if (c->nouns_capitalised && all_name_words (c, a, b) && german_person (c, a, b))
        return;
      if (all_name_words (c, a, b) && !c->nouns_capitalised)
        {
          /* "Armed Conflict", "Briefing Room": words the article also writes in lower case
           * are common nouns in a capitalised phrase, not a person's name */
          if (!common_words (c, a, b) && !participle_first (c, a) && !plural_men_last (c, b))
            {
              Label kind = name_words_label (c, a, b);
              /* "Putting Ireland", "Speaking French": a sentence's first word is capitalised
               * anyway, and a participle there is no part of the name */
              if (kind != LABEL_PERSON && kind != LABEL_NONE && tok_is_initial (c, a) && ends_like_participle (c, a))
                classify (c, a + 1, b);
              else if (kind != LABEL_NONE)
                add_mention (c, a, b, kind, NULL, -1);
            }
          return;
        }
      /* something with an acronym or a title word inside: try the pieces */
      Label last;
      const NlpEntry *tail = lookup_label (c, b, b, name_end (c, b), &last);
      /* "Virgin Australia", "Garuda Indonesia", "Cricket Australia": a word before a country,
       * neither a given name nor a participle ("Visiting Australia"), names a company after it */
      if (tail && last == LABEL_LOCATION && b == a + 1 && tok_is_cap_word (c, a) && !ends_like_participle (c, a)
          && !(c->tokens[a].flags & NF_TOKEN_ALL_CAPS) && !is_given_name (c, a)
          && !is_word_in (c, a, W_NOT_NAMES) && !is_word_in (c, a, W_TITLES)
          && name_words_label (c, b, b) == LABEL_ORGANIZATION)
        {
          add_mention (c, a, b, LABEL_ORGANIZATION, NULL, -1);
          return;
        }
      if (tail)
        {
          classify (c, a, b - 1);
          add_mention (c, b, b, last, tail->canonical, -1);
          return;
        }
      /* only the pieces that are known on their own */
      for (guint i = a; i <= b; i++)
        {
          guint before = c->mentions->len;
          classify (c, i, i);
          if (c->mentions->len > before && g_array_index (c->mentions, Mention, before).tentative)
            g_array_set_size (c->mentions, before);
        }
      return;
    }

  /* One word. */
  const NfToken *t = &c->tokens[a];
  if (t->kind != NF_TOKEN_WORD || !(t->flags & NF_TOKEN_CAPITALIZED))
    return;
  gsize length;
  const char *text = tok_text (c, a, &length);
  length = name_end (c, a) - t->start; /* "ISF's" is the acronym "ISF" */
  if (length == 0 || is_word_in (c, a, W_NOT_NAMES | W_TITLES | W_OTHER_NAMES) || is_postnominal (c, a))
    return;
  /* "a former Conservative chief whip", "in Republican districts": a party's adjective
   * before a noun names no one ("Labour" is also the party's name) */
  if (party_member (c, a) && !tok_is (c, a, "Labour") && text[length - 1] != 's' && a + 1 < c->n
      && c->tokens[a + 1].kind == NF_TOKEN_WORD && !(c->tokens[a + 1].flags & NF_TOKEN_CAPITALIZED))
    return;
  /* "Dollars 20bn", "Pounds 1m": a currency written before its amount, as the Financial
   * Times writes it, is no name */
  static const char *const currencies[] = { "Dollars", "Dollar", "Pounds", "Euros", "Ecus", "Yen", "Francs",
                                            "Marks", NULL };
  if (a + 1 < c->n && c->tokens[a + 1].kind == NF_TOKEN_NUMBER && tok_is_one_of (c, a, currencies))
    return;
  /* "thank God": a deity alone is none of the three (but "Church of God" is a church) */
  if (tok_is (c, a, "God") || tok_is (c, a, "GOD"))
    return;
  /* the letters of the word without its possessive: "ISF's" is written in capitals */
  gsize upper = 0, lower = 0;
  for (gsize i = 0; i < length; i++)
    {
      upper += g_ascii_isupper (text[i]);
      lower += g_ascii_islower (text[i]);
    }
  gboolean all_caps = upper >= 2 && lower == 0;
  /* "Clifton, NJ", "Baltimore, MD": a US state's postal code after a town and a comma
   * names the state (join_places makes the two one place) */
  const char *state = a >= 2 && tok_is (c, a - 1, ",") && c->mentions->len
                          && g_array_index (c->mentions, Mention, c->mentions->len - 1).last == a - 2
                          && g_array_index (c->mentions, Mention, c->mentions->len - 1).label != LABEL_PERSON
                        ? us_state_of_code (text, length, all_caps)
                        : NULL;
  if (state)
    {
      add_mention (c, a, a, LABEL_LOCATION, state, -1);
      return;
    }
  /* "GLP-1", "IL-6", "MH-17": letters joined to a number name a substance, a protein or a
   * model, no organisation */
  if (all_caps && c->text[t->end] == '-' && g_ascii_isdigit (c->text[t->end + 1]))
    return;
  /* "Elizabeth Hoge, MD, said": a degree after a person's name and a comma is no
   * organisation (after a town, "MD" is Maryland's) */
  if (all_caps && a >= 2 && tok_is (c, a - 1, ",") && c->mentions->len
      && g_array_index (c->mentions, Mention, c->mentions->len - 1).last == a - 2
      && g_array_index (c->mentions, Mention, c->mentions->len - 1).label == LABEL_PERSON
      && (tok_is (c, a, "MD") || tok_is (c, a, "DO") || tok_is (c, a, "MS") || tok_is (c, a, "MA")
          || tok_is (c, a, "PA")))
    return;
  /* "R-Texas", "D-California": a lawmaker's party and state, no name */
  if (length >= 4 && (text[0] == 'R' || text[0] == 'D' || text[0] == 'I') && text[1] == '-' && g_ascii_isupper (text[2]))
    return;
  /* "HE WAS HEAD PROSECUTOR AND LEFT THE JOB": a word in capitals between two more is
   * shouting, no acronym */
  if (all_caps && a >= 1 && caps_word (c, a - 1) && ((a + 1 < c->n && caps_word (c, a + 1)) || (a >= 2 && caps_word (c, a - 2))))
    return;
  /* "APIs", "CEOs", "EVs": an acronym's plural names a kind of thing */
  if (lower == 1 && upper >= 2 && upper + 1 == length && text[length - 1] == 's')
    return;
  /* "Sovcombank", "Rabobank", "Commerzbank": a word made with "bank" names one (not after a
   * word of the language: "Riverbank", "Southbank", "Foodbank") */
  if (!all_caps && length > 6 && memcmp (text + length - 4, "bank", 4) == 0 && !tok_is_common_word (c, a)
      && !common_prefix (c, text, length - 4))
    {
      add_mention (c, a, a, LABEL_ORGANIZATION, NULL, -1);
      return;
    }
  /* "PayPal", "JavaScript", "BlackRock": a capital after small letters inside a word names a
   * firm or its product, not a place or a person ("McKesson", "DiCaprio", "LeBron", "MacArthur"
   * are surnames' prefixes) */
  if (is_camel_case (text, length))
    {
      add_mention (c, a, a, LABEL_ORGANIZATION, NULL, -1);
      return;
    }
  /* "DoD", "MoD", "DfE": an acronym with a small letter inside (not "PhD") */
  if (!all_caps && length >= 3 && length <= 5 && g_ascii_isupper (text[length - 1])
      && upper >= 2 && upper + lower == length && !(length == 3 && memcmp (text, "PhD", 3) == 0))
    {
      add_mention (c, a, a, LABEL_ORGANIZATION, NULL, -1);
      return;
    }
  /* "SAFETY", "HOST:" (a transcript's speaker label): an English word in capitals, not an
   * acronym; a known acronym ("NATO") was found in the gazetteers above */
  if (all_caps && tok_is_common_word (c, a))
    return;
  /* "SACHA:", "ROSIE:": a transcript's speaker by given name, a person named elsewhere if at
   * all, no acronym (four letters may be one: "BART", "IRIS") */
  if (all_caps && length >= 5 && is_given_name (c, a))
    all_caps = FALSE;
  if (all_caps)
    {
      static const char *const roman[] = { "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", NULL };
      /* acronyms of things, measures and conditions, which news writes every day and which
       * name no organisation ("an OLED screen", "a GPS chip", "the CPI", "PTSD") */
      static const char *const things[] = {
        "LED", "OLED", "LCD", "GPS", "USB", "HDMI", "CPU", "GPU", "SSD", "DNA", "RNA", "GDP", "CPI",
        "PPI", "IPO", "ETF", "NFT", "EV", "SUV", "ATM", "PDF", "URL", "API", "SMS", "LGBT", "LGBTQ",
        "PTSD", "ADHD", "MRI", "ICU", "IVF", "BMI", "VAT", "GMT", "UTC", "DIY", "MVP", "HD", "UV",
        "HVAC", "SEO", "ESG", "DEI", "PPE", "CCTV", "VPN", "QR", "IQ", "RSVP", "GPA", "NDA", "HR",
        "KPI", "ROI", "ASAP", "ICBM", "IED", "VBIED", "UAV", "CT", "ECG", "EEG", "STEM", "ACL", "MMA",
        "TBD", "FAQ", "VR", "AR", "LNG", "EBITDA", "BSE", "CJD", "SARS", "MERS",
        "ALS", "COPD", "OCD", "PCOS", "IBS", "UTI", "STD", "STI", "DVD", "CD", "PVC", "BPA", "GMO",
        "HDTV", "PFAS", "PCB", "CBD", "THC", "TB", "EQ", "UI", "UX", "ER", "PR", "NICU", "OTC", NULL,
      };
      /* "NATO", and hyphenated "CJTF-OIR" with pieces of such a length */
      gsize letters = 0, piece = 0, longest = 0;
      gboolean shape = text[0] != '-' && text[length - 1] != '-';
      for (gsize i = 0; i < length && shape; i++)
        {
          if (g_ascii_isalpha (text[i]))
            {
              letters++;
              piece++;
              longest = MAX (longest, piece);
            }
          else
            shape = text[i] == '-' && piece >= 2; /* not "X-RAY" */
          if (text[i] == '-')
            piece = 0;
        }
      if (shape && letters >= 2 && longest <= 7)
        {
          gboolean no_body = FALSE;
          for (const char *const *r = roman; *r && !no_body; r++)
            no_body = strlen (*r) == length && memcmp (*r, text, length) == 0;
          for (const char *const *r = things; *r && !no_body; r++)
            no_body = strlen (*r) == length && memcmp (*r, text, length) == 0;
          if (!no_body)
            add_mention (c, a, a, LABEL_ORGANIZATION, NULL, -1);
        }
      return;
    }
  /* "Port-au-Prince", "Aix-en-Provence": particles between capitalised words name a place,
   * unless the first is a given name ("Jean-de-Dieu") */
  const char *first_hyphen = all_caps ? NULL : memchr (text, '-', length);
  if (first_hyphen && is_linked_name (text, text + length)
      && !entities_rules_is_given_name (c->self, c->scratch, text, (gsize) (first_hyphen - text)))
    {
      add_mention (c, a, a, LABEL_LOCATION, NULL, -1);
      return;
    }
  /* "the Coalition", "the Ministry": a capitalised institution word after "the" */
  if (a > 0 && tok_is (c, a - 1, "the") && is_word_in (c, a, W_ORG_SUFFIXES))
    {
      add_mention (c, a, a, LABEL_ORGANIZATION, NULL, -1);
      return;
    }
  /* a head word alone ("Police said", "Hill said") names nobody, unless a person named in
   * full bears it as surname ("Stuart Hill ... Hill said"); so does, in German, a lone
   * capitalised word, a noun ("Katrin Wehmeyer ... Wehmeyer wies die Kritik zurück") */
  gboolean head_word = is_word_in (c, a, W_ORG_SUFFIXES) || is_word_in (c, a, W_LOC_SUFFIXES);
  Mention m = { .start = t->start, .end = name_end (c, a), .label = LABEL_NONE, .first = a, .last = a, .tentative = TRUE,
                .title_word = c->nouns_capitalised || head_word };
  g_array_append_val (c->mentions, m);
}

/* “The Quiet Year,” “Eleven Tides.”: a capitalised sequence that fills a quotation is the
 * title of a work, unless a gazetteer knows it. */
static gboolean
is_quoted_title (Context *c, guint a, guint b)
{
  guint open = a;
  if (open > 0 && (tok_is (c, open - 1, "The") || tok_is (c, open - 1, "A") || tok_is (c, open - 1, "An")))
    open--;
  if (open == 0 || !tok_is_punct (c, open - 1, "\"“‘'«„"))
    return FALSE;
  guint close = b + 1;
  if (close < c->n && tok_is_punct (c, close, ",.!?"))
    close++;
  if (close >= c->n || !tok_is_punct (c, close, "\"”’'»“"))
    return FALSE;
  Label label;
  return lookup_label (c, a, b, name_end (c, b), &label) == NULL;
}

/* Collects capitalised sequences and hands each to classify(). */
/* "Kyiv-based", "Iran-backed", "Hamas-run": the known place or organisation before the hyphen
 * of such an adjective is named (a nationality is not: "Saudi-led"). */
static void
hyphen_prefix_mention (Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  const char *text = c->text + t->start;
  gsize length = t->end - t->start;
  const char *hyphen = memchr (text, '-', length);
  if (!hyphen || hyphen == text || !is_owner_participle (hyphen + 1, (gsize) (text + length - hyphen - 1)))
    return;
  /* the longest name that ends there: "New York-based" is New York's, not York's */
  for (guint first = i >= 2 ? i - 2 : 0; first <= i; first++)
    {
      gboolean words = TRUE;
      for (guint k = first; k < i && words; k++)
        words = tok_is_cap_word (c, k) && c->tokens[k + 1].start == c->tokens[k].end + 1;
      if (!words)
        continue;
      g_string_truncate (c->joined, 0);
      nlp_fold_append (c->joined, c->text + c->tokens[first].start, (gsize) (hyphen - (c->text + c->tokens[first].start)));
      const NlpEntry *entry = index_slot (c->self, c->joined->str, c->joined->len,
                                          nf_text_fold_hash (c->joined->str, c->joined->len))->entry;
      Label label = label_of (entry);
      if (label != LABEL_LOCATION && label != LABEL_ORGANIZATION)
        continue;
      /* (the first words were a sequence of their own: "Hong" of "Hong Kong-based") */
      while (c->mentions->len && g_array_index (c->mentions, Mention, c->mentions->len - 1).last >= first)
        g_array_set_size (c->mentions, c->mentions->len - 1);
      add_mention (c, first, i, label, entry->canonical, -1);
      g_array_index (c->mentions, Mention, c->mentions->len - 1).end = t->start + (gsize) (hyphen - text);
      return;
    }
}

/* The AP style's abbreviations of US states, written after a town and a comma ("Lansing,
 * Mich."). */
static gboolean
is_state_abbreviation (const Context *c, guint i)
{
  static const char *const states[] = {
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wyo", NULL,
  };
  return tok_is_one_of (c, i, states);
}

/* Whether the run [i, last] of an organisation's head word and "for" (token @k is
 * after it) goes on with "in the" and capitalised words of the language that end the run. */
static gboolean
org_remit_goes_on (const Context *c, guint i, guint last, guint k)
{
  if (k + 2 >= c->n || !tok_is (c, k, "in") || !tok_is (c, k + 1, "the") || !tok_is_cap_word (c, k + 2)
      || c->tokens[k + 2].sentence != c->tokens[i].sentence)
    return FALSE;
  gboolean remit = FALSE;
  for (guint j = i + 1; j < last && !remit; j++)
    remit = tok_is (c, j, "for") && is_word_in (c, j - 1, W_ORG_SUFFIXES);
  if (!remit)
    return FALSE;
  guint e = k + 2;
  while (e < c->n && tok_is_cap_word (c, e) && c->tokens[e].sentence == c->tokens[i].sentence)
    {
      Label label;
      if (!tok_is_common_word (c, e) || tok_entry (c, e, TRUE, &label))
        return FALSE;
      e++;
    }
  /* (the words end the run: not "... in the Public Interest of Greater Manchester") */
  return !(e + 1 < c->n && tok_is_connector (c, e) && tok_is_cap_word (c, e + 1));
}

/* Whether the run [a, b] (its last word possessive) names a known organisation or is an
 * acronym alone ("USDA's"). */
static gboolean
organisation_owner (const Context *c, guint a, guint b)
{
  Label label;
  if (lookup_label (c, a, b, name_end (c, b), &label))
    return label == LABEL_ORGANIZATION;
  gsize length = nlp_strip_possessive (c->text, c->tokens[b].start, c->tokens[b].end) - c->tokens[b].start;
  if (a != b || length < 2)
    return FALSE;
  for (gsize k = 0; k < length; k++)
    if (!g_ascii_isupper (c->text[c->tokens[b].start + k]))
      return FALSE;
  return TRUE;
}

/* "F-111", "MiG-29": a capitalised word with a hyphen and a number after it, glued, is an
 * aircraft's or a weapon's model, no word of a name. */
static gboolean
is_model_code (const Context *c, guint i)
{
  return i + 2 < c->n && tok_is_punct (c, i + 1, "-") && c->tokens[i + 1].start == c->tokens[i].end
         && c->tokens[i + 2].start == c->tokens[i + 1].end && c->tokens[i + 2].kind == NF_TOKEN_NUMBER;
}

/* The token after a transcript's speaker label that opens a paragraph at token @i ("SACHA
 * PFEIFFER, HOST:", "ZEPH CAPO:", "UNIDENTIFIED PERSON #1:"), 0 when there is none; *last_name_word
 * is the label's name's last word (the words before a comma or "#"). */
static guint
transcript_label_end (const Context *c, guint i, guint *last_name_word)
{
  if ((i > 0 && c->tokens[i - 1].paragraph == c->tokens[i].paragraph) || !(c->tokens[i].flags & NF_TOKEN_ALL_CAPS))
    return 0;
  guint k = i;
  while (k < c->n && k < i + 4 && c->tokens[k].kind == NF_TOKEN_WORD && (c->tokens[k].flags & NF_TOKEN_ALL_CAPS))
    k++;
  *last_name_word = k - 1;
  /* a role after a comma, or a number after "#" */
  if (k + 1 < c->n && (tok_is (c, k, ",") || tok_is_punct (c, k, "#")))
    for (k++; k < c->n && k < *last_name_word + 6 && !tok_is (c, k, ":"); k++)
      if (!(c->tokens[k].flags & NF_TOKEN_ALL_CAPS) && c->tokens[k].kind != NF_TOKEN_NUMBER && !tok_is (c, k, ","))
        return 0;
  return k < c->n && tok_is (c, k, ":") && c->tokens[k].paragraph == c->tokens[i].paragraph ? k + 1 : 0;
}

/* A transcript's speaker named in full in capitals is a person, named as the rest of the
 * article would write the name ("THOMAS KENNEDY:" is Thomas Kennedy); a label of an unnamed
 * voice ("UNIDENTIFIED GROUP #2:") names nobody.  Returns the token after the label, or 0
 * when the rules for words in capitals are to read it. */
/* Whether two paragraphs or more open with a speaker's label: a transcript. */
static gboolean
is_transcript (const Context *c)
{
  guint labels = 0, end;
  for (guint i = 0; i < c->n && labels < 2; i++)
    labels += (c->tokens[i].flags & NF_TOKEN_ALL_CAPS) && transcript_label_end (c, i, &end) > 0;
  return labels >= 2;
}

/* @transcript is -1 until is_transcript() was asked, then its answer. */
static guint
transcript_speaker (Context *c, guint i, int *transcript)
{
  guint last, after = transcript_label_end (c, i, &last);
  /* (one word, or a title before a surname, is left to the rules: "SEATTLE:", "SECRETARY
   * KERRY:" name the Kerry of the article) */
  if (after == 0 || last == i || is_word_in (c, i, W_TITLES) || is_honorific (c, i))
    return 0;
  /* (a dateline is no speaker: "NEW DELHI: The minister ..."; one label alone needs a role
   * after its name to be a transcript's) */
  Label known;
  if (lookup_label (c, i, last, name_end (c, last), &known) && known != LABEL_PERSON)
    return 0;
  if (after == last + 2 && *transcript < 0)
    *transcript = is_transcript (c);
  if (after == last + 2 && !*transcript)
    return 0;
  static const char *const unnamed[] = { "UNIDENTIFIED", "UNKNOWN", "UNNAMED", NULL };
  gboolean words = TRUE;
  for (guint k = i; k <= last; k++)
    words = words && tok_is_common_word (c, k);
  if (tok_is_one_of (c, i, unnamed) || words)
    return after;
  g_autofree char *lower = g_utf8_strdown (c->text + c->tokens[i].start, c->tokens[last].end - c->tokens[i].start);
  GString *name = g_string_sized_new (strlen (lower));
  gboolean word_start = TRUE;
  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      g_string_append_unichar (name, word_start ? g_unichar_toupper (ch) : ch);
      word_start = ch == ' ' || ch == '-' || ch == '\'' || ch == 0x2019;
    }
  add_mention (c, i, last, LABEL_PERSON, g_string_chunk_insert_len (c->store, name->str, name->len), -1);
  g_string_free (name, TRUE);
  return after;
}

static void
find_sequences (Context *c)
{
  int transcript = -1;
  for (guint i = 0; i < c->n; i++)
    {
      guint after_label = c->tokens[i].flags & NF_TOKEN_ALL_CAPS ? transcript_speaker (c, i, &transcript) : 0;
      if (after_label)
        {
          i = after_label - 1;
          continue;
        }
      if (!tok_is_cap_word (c, i))
        {
          if (c->tokens[i].kind == NF_TOKEN_WORD && (c->tokens[i].flags & NF_TOKEN_CAPITALIZED))
            hyphen_prefix_mention (c, i);
          continue;
        }
      /* `Said Mayberry of the win: "…"`: a sentence that opens with its speech verb */
      static const char *const inverted_verbs[] = { "Said", "Says", "Added", "Adds", "Wrote", "Writes", NULL };
      if ((c->tokens[i].flags & NF_TOKEN_SENTENCE_START) && i + 1 < c->n && tok_is_cap_word (c, i + 1)
          && tok_is_one_of (c, i, inverted_verbs))
        continue;
      guint last = i;
      while (last + 1 < c->n && c->tokens[last + 1].sentence == c->tokens[i].sentence)
        {
          const NfToken *cur = &c->tokens[last];
          if (nlp_strip_possessive (c->text, cur->start, cur->end) != cur->end)
            {
              /* "Ukraine's Danube ports" ends at the possessive; "the U.N. Children's Fund"
               * goes on, since an organisation word ends it */
              /* ... but not after an owner that is a name of its own, before a name of its own:
               * "South Korea's Samsung Electronics", "Stanford University's Hoover Institution";
               * "Germany's Economy Ministry" is named by its owner */
              gboolean owner = FALSE;
              if (last + 1 < c->n && tok_is_cap_word (c, last + 1) && !tok_is_common_word (c, last + 1))
                for (guint j = i; j <= last && !owner; j++)
                  {
                    Label label; /* (the run may start earlier: "Shares of South Korea's ...") */
                    owner = tok_is_cap_word (c, j)
                            && ((last > j && is_given_name (c, j)) || lookup_label (c, j, last, name_end (c, last), &label));
                  }
              /* "Lina Khan's Federal Trade Commission": a person's full name owns a name of
               * several words after it, whatever its first word ("Ronnie Scott's Club" is
               * named after him) */
              if (!owner && last > i && is_given_name (c, i) && all_name_words (c, i, last)
                  && last + 2 < c->n && tok_is_cap_word (c, last + 1) && tok_is_cap_word (c, last + 2)
                  && c->tokens[last + 2].sentence == c->tokens[i].sentence)
                owner = TRUE;
              guint k = last + 1;
              while (k < c->n && tok_is_cap_word (c, k) && c->tokens[k].sentence == c->tokens[i].sentence)
                k++;
              /* "USDA's Commodity Credit Corp", "NASA's Jet Propulsion Laboratory": an
               * organisation owns another named by words of its own that end in an
               * organisation's word */
              if (!owner && k >= last + 3 && is_word_in (c, k - 1, W_ORG_SUFFIXES) && organisation_owner (c, i, last))
                owner = TRUE;
              if (owner)
                break;
              /* ... or a place word right after an owner no list knows ("St. Peter's Square",
               * "Regent's Park"; not "Manhattan's Fifth Avenue") */
              Label owner_label;
              gboolean place_word = k == last + 2 && is_word_in (c, k - 1, W_LOC_SUFFIXES)
                                    && !lookup_label (c, i, last, name_end (c, last), &owner_label)
                                    && !lookup_label (c, last, last, name_end (c, last), &owner_label);
              if (k == last + 1 || !(is_word_in (c, k - 1, W_ORG_SUFFIXES) || place_word))
                break;
              last = k - 1;
              continue;
            }
          guint k = last + 1;
          /* a plural possessive written apart: "National Police Chiefs' Council" goes on when
           * an organisation word ends it */
          if (tok_is_punct (c, k, "'’") && c->tokens[k].start == cur->end && cur->kind == NF_TOKEN_WORD
              && c->text[cur->end - 1] == 's')
            {
              guint e = k + 1;
              while (e < c->n && tok_is_cap_word (c, e) && c->tokens[e].sentence == c->tokens[i].sentence)
                e++;
              if (e > k + 1 && is_word_in (c, e - 1, W_ORG_SUFFIXES))
                {
                  last = e - 1;
                  continue;
                }
              break;
            }
          /* the period of "Gen." or "H."; not of a state's abbreviation after a place and a
           * comma, which ends the sentence ("in Lansing, Mich. Ford Motor Co. said") */
          if (tok_is (c, k, ".") && c->tokens[k].start == cur->end && cur->kind == NF_TOKEN_WORD
              && !(last == i && i >= 2 && tok_is (c, i - 1, ",") && tok_is_cap_word (c, i - 2)
                   && is_state_abbreviation (c, i))
              && k + 1 < c->n && tok_is_cap_word (c, k + 1) && c->tokens[k + 1].sentence == c->tokens[i].sentence
              && nf_text_is_abbreviation (c->text + cur->start, cur->end - cur->start))
            {
              last = k + 1;
              continue;
            }
          if (tok_is_cap_word (c, k) && !is_model_code (c, k))
            {
              last = k;
              continue;
            }
          /* a nickname in quotation marks: John "J.D." Dorrian */
          if (tok_is_punct (c, k, "\"“") && c->tokens[k].start == cur->end + 1)
            {
              guint m = k + 1;
              while (m < c->n && m < k + 5 && (tok_is_cap_word (c, m) || tok_is_punct (c, m, ".")))
                m++;
              if (m > k + 1 && m + 1 < c->n && tok_is_punct (c, m, "\"”") && tok_is_cap_word (c, m + 1)
                  && c->tokens[m + 1].sentence == c->tokens[i].sentence)
                {
                  last = m + 1;
                  continue;
                }
            }
          /* "Global Coalition to Counter ISIL", "Committee to Protect Journalists" */
          if (tok_is (c, k, "to") && is_word_in (c, last, W_ORG_SUFFIXES) && k + 2 < c->n
              && tok_is_cap_word (c, k + 1) && tok_is_cap_word (c, k + 2)
              && c->tokens[k + 2].sentence == c->tokens[i].sentence)
            {
              last = k + 2;
              continue;
            }
          /* "Center for Science in the Public Interest": an organisation's remit goes on with
           * "in the" and words of the language up to the run's end (not "... in the Middle
           * East", a place) */
          if (org_remit_goes_on (c, i, last, k))
            {
              last = k + 2;
              while (last + 1 < c->n && tok_is_cap_word (c, last + 1) && c->tokens[last + 1].sentence == c->tokens[i].sentence)
                last++;
              continue;
            }
          /* connectors, and "of the", followed by a capitalised word */
          guint j = k;
          if (tok_is_connector (c, j))
            {
              j++;
              /* particles in a row: "von der Leyen", "de la Rúa", "bin Abdul" after "bin" */
              while (j + 1 < c->n && j < k + 3 && tok_is_connector (c, j) && !tok_is (c, j, "of")
                     && !tok_is (c, j, "for") && !tok_is (c, j, "and") && !tok_is (c, j, "on")
                     && !tok_is (c, k, "of") && !tok_is (c, k, "for") && !tok_is (c, k, "and") && !tok_is (c, k, "on"))
                j++;
              if (j < c->n && tok_is_article (c, j) && (tok_is (c, k, "of") || tok_is (c, k, "for") || tok_is (c, k, "and") || tok_is (c, k, "on")))
                j++;
              if (j < c->n && c->tokens[j].sentence == c->tokens[i].sentence && tok_is_cap_word (c, j))
                {
                  last = j;
                  continue;
                }
            }
          break;
        }
      if (!is_quoted_title (c, i, last))
        classify (c, i, last);
      i = last;
    }
}

/* The name of @m: its canonical form, or the name as written, in @buffer when one is given
 * (valid until it is used again), else in the article's store. */
static const char *
mention_name_in (const Context *c, const Mention *m, GString *buffer)
{
  if (m->canonical)
    return m->canonical;
  char *name;
  if (buffer)
    {
      g_string_truncate (buffer, 0);
      name = g_string_append_len (buffer, c->text + m->start, m->end - m->start)->str;
    }
  else
    name = g_string_chunk_insert_len (c->store, c->text + m->start, m->end - m->start);
  /* names may run over a line break in some texts: one space */
  for (char *p = name; *p; p++)
    if (*p == '\n')
      *p = ' ';
  return name;
}

static const char *
mention_name (const Context *c, const Mention *m)
{
  return mention_name_in (c, m, NULL);
}

static void
fold_into (GString *s, const char *text, gsize length)
{
  g_string_truncate (s, 0);
  nlp_fold_append (s, text, length);
}

/* The folded text of @m: a token's fold when it spans one (most do), else folded into the
 * scratch.  Valid until the scratch is used again. */
static const char *
mention_fold (const Context *c, const Mention *m)
{
  const NfToken *t = &c->tokens[m->first];
  if (m->first == m->last && m->start == t->start)
    {
      if (m->end == t->end)
        return tok_word (c, m->first, FALSE)->fold;
      if (m->end == nlp_strip_possessive (c->text, t->start, t->end))
        return tok_word (c, m->first, TRUE)->fold;
    }
  fold_into (c->scratch, c->text + m->start, m->end - m->start);
  return c->scratch->str;
}

/* @key as a table of the article may keep it: a token's fold is already in the store. */
static const char *
stored_key (const Context *c, const char *key)
{
  return key == c->scratch->str ? g_string_chunk_insert (c->store, key) : key;
}

/* Sets @key to @value in @table (keys in the article's store); an existing key is kept. */
static void
table_put (const Context *c, NameTable *table, const char *key, gpointer value)
{
  /* a key already in the store (a token's fold, most) is kept as it is either way: one
   * insert, which keeps the table's key when it has one */
  if (key != c->scratch->str || name_table_contains (table, key))
    name_table_insert (table, key, value);
  else
    name_table_insert (table, stored_key (c, key), value);
}

/* "O'Brien, the minister, ...", "Smith, 45, ...", "Smith, who", "Smith's wife": a person's
 * role, age or kin after the name. */
static gboolean
apposition_after (const Context *c, guint last)
{
  guint i = last + 1;
  /* "Lysenko's wife": kin and counsel belong to people */
  if (i < c->n && nlp_strip_possessive (c->text, c->tokens[last].start, c->tokens[last].end) != c->tokens[last].end)
    {
      static const char *const kin[] = {
        "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "widow",
        "widower", "parents", "children", "lawyer", "lawyers", "attorney", "girlfriend", "boyfriend",
        "partner", "grandson", "granddaughter", "nephew", "niece", "uncle", "aunt", NULL,
      };
      return tok_is_one_of (c, i, kin);
    }
  /* "Lysenko, who ..." */
  if (i + 1 < c->n && tok_is (c, i, ",") && tok_is (c, i + 1, "who"))
    return TRUE;
  if (i + 2 >= c->n || !tok_is (c, i, ","))
    return FALSE;
  if (c->tokens[i + 1].kind == NF_TOKEN_NUMBER)
    return tok_is (c, i + 2, ",") && c->tokens[i + 1].end - c->tokens[i + 1].start <= 3;
  if (!tok_is (c, i + 1, "a") && !tok_is (c, i + 1, "an") && !tok_is (c, i + 1, "the"))
    return FALSE;
  /* the role's head among the next few lower-case words; or a word only a person is ("Joe
   * Mount, the man behind Metronomy") */
  static const char *const persons[] = {
    "man", "woman", "boy", "girl", "teenager", "mother", "father", "son", "daughter", "wife",
    "husband", "widow", "resident", "student", "veteran", "victim", NULL,
  };
  for (guint k = i + 2; k < c->n && k < i + 6; k++)
    {
      if (c->tokens[k].kind != NF_TOKEN_WORD)
        return FALSE;
      if (!(c->tokens[k].flags & NF_TOKEN_CAPITALIZED) && (is_word_in (c, k, W_TITLES) || tok_is_one_of (c, k, persons)))
        return TRUE;
    }
  return FALSE;
}


/* A mention of @label next to mention @i in a list ("Baghdad and Najaf", "Aleppo, Homs"),
 * or after it as its country or region ("Raqqah, Syria").  A place found by its evidence
 * counts ("the towns of Jabla and Tartus"); a person must be known by other means, so that
 * lone words do not make each other people. */
static gboolean
next_to (const Context *c, const Mention *ms, guint n, guint i, Label label)
{
  const Mention *m = &ms[i];
  if (i + 1 < n)
    {
      const Mention *next = &ms[i + 1];
      if (next->label == label && !next->tentative && (label == LABEL_LOCATION || !next->guessed) && next->first == m->last + 2
          && (tok_is (c, m->last + 1, ",") || tok_is (c, m->last + 1, "and") || tok_is (c, m->last + 1, "or")))
        return TRUE;
    }
  if (i > 0)
    {
      const Mention *prev = &ms[i - 1];
      if (prev->label == label && !prev->tentative && (label == LABEL_LOCATION || !prev->guessed) && m->first == prev->last + 2
          && (tok_is (c, m->first - 1, ",") || tok_is (c, m->first - 1, "and") || tok_is (c, m->first - 1, "or")))
        return TRUE;
    }
  return FALSE;
}

/* Whether the mentions beside mention @i in its sentence, where there are any, are each a
 * given name alone. */
static gboolean
beside_given_names (const Context *c, const Mention *ms, guint n, guint i)
{
  gboolean any = FALSE;
  for (guint k = i > 0 ? i - 1 : i + 1; k <= i + 1 && k < n; k += 2)
    {
      if (c->tokens[ms[k].first].sentence != c->tokens[ms[i].first].sentence)
        continue;
      if (ms[k].first != ms[k].last || !is_given_name (c, ms[k].first))
        return FALSE;
      any = TRUE;
    }
  return any;
}

/* Whether the name [a, b] is an item of an enumeration that an "and" or "or" closes
 * ("Nvidia, Gigabyte, MSI and Asus"): a lone comma between two names is no list ("With
 * Reuters, Sarvis discusses ..." opens a clause). */
static gboolean
in_enumeration (const Context *c, guint a, guint b)
{
  if ((a > 0 && (tok_is (c, a - 1, "and") || tok_is (c, a - 1, "or")))
      || (b + 1 < c->n && (tok_is (c, b + 1, "and") || tok_is (c, b + 1, "or"))))
    return TRUE;
  guint k = b + 1;
  while (k + 1 < c->n && tok_is (c, k, ",") && tok_is_cap_word (c, k + 1)
         && c->tokens[k + 1].sentence == c->tokens[a].sentence)
    {
      k += 2;
      while (k < c->n && (tok_is_cap_word (c, k) || (tok_is_connector (c, k) && !tok_is (c, k, "and"))))
        k++;
      if (k + 1 < c->n && (tok_is (c, k, "and") || tok_is (c, k, "or")) && tok_is_cap_word (c, k + 1))
        return TRUE;
    }
  return FALSE;
}

/* Short mentions take the full name; lone unknown words need evidence. */
/* Whether word @i, first of an organisation's name, may stand for it alone: capitalised, no
 * English word, and in no list ("National Grid", "British Airways", "Bank of England" start
 * with words that say something else alone). */
static gboolean
is_org_head (const Context *c, guint i)
{
  Label label;
  return tok_is_cap_word (c, i) && !(c->tokens[i].flags & NF_TOKEN_ALL_CAPS)
         && !(tok_lists (c, i, TRUE) & ~W_GIVEN_NAMES) && !lookup_label (c, i, i, name_end (c, i), &label)
         && !tok_is_common_word (c, i);
}

/* "the Unite union", "The Community union": whether word @a stands between "the" (also
 * "The" opening a sentence when @any_the) and an organisation's kind in lower case. */
static gboolean
kind_follows_the_name (const Context *c, guint a, gboolean any_the)
{
  return a >= 1 && (tok_is (c, a - 1, "the") || (any_the && tok_is (c, a - 1, "The"))) && a + 1 < c->n
         && c->tokens[a + 1].kind == NF_TOKEN_WORD && !(c->tokens[a + 1].flags & NF_TOKEN_CAPITALIZED)
         && is_word_in (c, a + 1, W_ORG_SUFFIXES);
}

/* Whether token @i is a plural noun in lower case ("glaciers", "leaders"): after `said X`, X
 * is then an adjective ("said Alpine glaciers had shrunk"), no speaker. */
static gboolean
is_plural_noun (const Context *c, guint i)
{
  static const char *const adverbs[] = { "towards", "afterwards", "besides", "sometimes", "outwards", "forwards",
                                         "backwards", "upwards", "downwards", NULL };
  const NfToken *t = &c->tokens[i];
  gsize length = t->end - t->start;
  const char *text = c->text + t->start;
  return t->kind == NF_TOKEN_WORD && !(t->flags & NF_TOKEN_CAPITALIZED) && length >= 5 && text[length - 1] == 's'
         && !tok_is_one_of (c, i, adverbs) && nlp_sorted_words_has_text (c->self->common_words, text, length - 1);
}

/* Whether the lone unknown word @a stands where only a company or another organisation
 * does: "Nvidia shares", "a stake in Wirecard", "analysts at Jefferies", "the campaign group
 * Greenpeace", "investment bank Lazard". */
static gboolean
org_context (const Context *c, guint a)
{
  /* lower-case words, the only thing after the name */
  static const char *const holdings[] = { "shares", "stock", "stocks", "stake", "shareholders", "shareholder",
                                          "bonds", NULL };
  if (a + 1 < c->n && tok_is_one_of (c, a + 1, holdings) && !(a + 2 < c->n && tok_is_cap_word (c, a + 2)))
    return TRUE;
  /* "the campaign group Greenpeace", "investment bank Lazard", "Copa, the farm lobby,":
   * an organisation's kind in lower case just before the name or in apposition after it */
  if (a + 3 < c->n && tok_is (c, a + 1, ",") && (tok_is (c, a + 2, "the") || tok_is (c, a + 2, "a")))
    for (guint k = a + 3; k < c->n && k < a + 7 && c->tokens[k].kind == NF_TOKEN_WORD
                          && !(c->tokens[k].flags & NF_TOKEN_CAPITALIZED); k++)
      if (is_org_kind (c, k, TRUE))
        return k + 1 < c->n && (tok_is_punct (c, k + 1, ",.;") || tok_is (c, k + 1, "that") || tok_is (c, k + 1, "which"));
  /* "Copa, which represents farm unions": a body speaks for its members */
  if (a + 3 < c->n && tok_is (c, a + 1, ",") && tok_is (c, a + 2, "which")
      && (tok_is (c, a + 3, "represents") || tok_is (c, a + 3, "represent")))
    return TRUE;
  if (a < 2 || tok_is_initial (c, a))
    return FALSE;
  /* "shares in X", "a stake in X", "analysts at X" */
  static const char *const desks[] = { "analyst", "analysts", "economist", "economists", "strategist",
                                       "strategists", "broker", "brokers", "executives", "executive",
                                       "employees", "staff", NULL };
  if ((tok_is (c, a - 1, "in") && tok_is_one_of (c, a - 2, holdings))
      || (tok_is (c, a - 1, "at") && tok_is_one_of (c, a - 2, desks)))
    return TRUE;
  /* "a senior manager of security research at Websense": someone's post at a place of work */
  if (tok_is (c, a - 1, "at"))
    for (guint k = a - 1; k-- > 0 && k + 6 > a;)
      {
        const NfToken *t = &c->tokens[k];
        if (t->kind != NF_TOKEN_WORD || (t->flags & NF_TOKEN_CAPITALIZED))
          break;
        if (is_word_in (c, k, W_TITLES))
          return TRUE;
      }
  return is_org_kind (c, a - 1, TRUE) && !(a + 1 < c->n && tok_is_cap_word (c, a + 1)) && !is_given_name (c, a);
}

/* Whether token @i is one of the lower-case @words written with a capital. */
static gboolean
capitalised_one_of (const Context *c, guint i, const char *const *words)
{
  for (const char *const *w = words; *w; w++)
    if (tok_is_capitalised_form (c, i, *w))
      return TRUE;
  return FALSE;
}


/* Whether @length bytes at @word are a capitalised word (letters, an inner hyphen or
 * apostrophe) that no list of English words holds. */
static gboolean
headline_name_word (const Context *c, const char *word, gsize length)
{
  if (length < 2 || !g_unichar_isupper (g_utf8_get_char (word)) || nlp_sorted_words_has_text (c->self->common_words, word, length))
    return FALSE;
  gboolean lower = FALSE;
  for (const char *p = word; p < word + length; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (!g_unichar_isalpha (ch) && ch != '-' && ch != '\'' && ch != 0x2019)
        return FALSE;
      lower = lower || g_unichar_islower (ch);
    }
  return lower; /* (not a word in capitals) */
}

/* Records the surname of @given and @surname, one space apart in the headline, when they
 * are a person's name; returns whether they were. */
static gboolean
try_headline_person (Context *c, NameTable *surnames, NameTable *known, const char *given, gsize given_length,
                     const char *surname, gsize surname_length)
{
  if (surname != given + given_length + 1 || !headline_name_word (c, surname, surname_length)
      || entities_rules_is_given_name (c->self, c->scratch, surname, surname_length))
    return FALSE;
  /* (not a name the article gives another label: "Aston Villa") */
  fold_into (c->scratch, given, surname + surname_length - given);
  gpointer label = name_table_lookup (known, c->scratch->str);
  if (label && GPOINTER_TO_INT (label) != LABEL_PERSON)
    return FALSE;
  fold_into (c->scratch, surname, surname_length);
  if (!name_table_contains (surnames, c->scratch->str))
    name_table_insert (surnames, stored_key (c, c->scratch->str),
                       g_string_chunk_insert_len (c->store, given, surname + surname_length - given));
  return TRUE;
}

/* "Joel Embiid leads Sixers to statement victory" over a body that says only "Embiid": a
 * person the headline names in full (a given name that is no English word, then a name)
 * is who the surname alone names, unless the article names the pair as something else
 * (@known: folded names to labels).  Adds the surnames to @surnames, the names in the
 * article's store. */
static void
headline_people (Context *c, NameTable *surnames, NameTable *known)
{
  if (!c->headline)
    return;
  /* the headline's words: letters with inner hyphens and apostrophes, read in place */
  const char *given = NULL;
  gsize given_length = 0;
  for (const char *p = c->headline; *p;)
    {
      gunichar ch = g_utf8_get_char (p);
      if (!g_unichar_isalpha (ch))
        {
          if (ch != ' ')
            given = NULL; /* (a name does not run across punctuation) */
          p = g_utf8_next_char (p);
          continue;
        }
      const char *word = p;
      while (*p && (g_unichar_isalpha (ch = g_utf8_get_char (p)) || ch == '-' || ch == '\'' || ch == 0x2019))
        p = g_utf8_next_char (p);
      gsize length = nlp_strip_possessive (word, 0, (gsize) (p - word));
      if (given && try_headline_person (c, surnames, known, given, given_length, word, length))
        given = NULL;
      else
        {
          gboolean whole = length == (gsize) (p - word);
          /* (the cheap tests first: most headline words are no given name) */
          given = whole && g_unichar_isupper (g_utf8_get_char (word))
                  && entities_rules_is_given_name (c->self, c->scratch, word, length)
                  && headline_name_word (c, word, length) ? word : NULL;
          given_length = length;
        }
    }
}

static void
resolve (Context *c)
{
  /* keys and values live in the article's store; the tables are the worker's, emptied at the
   * end (five tables made and freed an article cost more than their few entries) */
  NameTable *surnames = &c->resolve_tables[0];
  NameTable *acronyms = &c->resolve_tables[1];
  NameTable *known = &c->resolve_tables[2];
  /* an organisation's first word, a word no list knows, to its name: "Norvell Semiconductor"
   * ... "Norvell said", "Brockhurst Capital" ... "Brockhurst analyst Deepak Raman" */
  NameTable *org_heads = &c->resolve_tables[3];
  /* a person's given name to the person, when one person of the article has it: "Larry Page"
   * ... "fit Larry's personality", "interesting to Larry" (a place by its word before) */
  NameTable *givens = &c->resolve_tables[4];
  static const char shared_given[] = "";
  Mention *ms = (Mention *) c->mentions->data;
  guint n = c->mentions->len;

  for (guint i = 0; i < n; i++)
    {
      Mention *m = &ms[i];
      if (m->label == LABEL_PERSON && m->last > m->first)
        {
          const char *name = mention_name (c, m);
          /* the surname: the last word of the name */
          const NfToken *t = &c->tokens[m->last];
          const char *key = m->end == t->end ? tok_word (c, m->last, FALSE)->fold
                            : m->end == nlp_strip_possessive (c->text, t->start, t->end) ? tok_word (c, m->last, TRUE)->fold
                            : (fold_into (c->scratch, c->text + t->start, m->end - t->start), c->scratch->str);
          if (!name_table_contains (surnames, key))
            name_table_insert (surnames, stored_key (c, key), (gpointer) name);
          if (is_given_name (c, m->first))
            {
              const char *given = tok_word (c, m->first, FALSE)->fold;
              const char *had = name_table_lookup (givens, given);
              if (!had)
                name_table_insert (givens, given, (gpointer) name);
              else if (had != shared_given && strcmp (had, name) != 0)
                name_table_insert (givens, given, (gpointer) shared_given);
            }
          /* a Korean or Chinese name is written surname first: "Ban Ki-moon" is also "Ban"
           * (a given name of two syllables joined by a hyphen last) */
          if (m->last == m->first + 1 && !is_given_name (c, m->first))
            {
              const NfToken *g = &c->tokens[m->last];
              const char *hyphen = memchr (c->text + g->start, '-', g->end - g->start);
              if (hyphen && hyphen + 1 < c->text + g->end && g_ascii_islower (hyphen[1]))
                {
                  key = tok_word (c, m->first, FALSE)->fold;
                  if (!name_table_contains (surnames, key))
                    name_table_insert (surnames, key, (gpointer) name);
                }
            }
          /* Spanish and Portuguese names carry two surnames: "Guadalupe Ramírez Soto" is
           * also "Ramírez" */
          if (m->last >= m->first + 2 && tok_is_cap_word (c, m->last - 1))
            {
              key = tok_word (c, m->last - 1, FALSE)->fold;
              if (!name_table_contains (surnames, key))
                name_table_insert (surnames, key, (gpointer) name);
            }
        }
      if ((m->label == LABEL_ORGANIZATION || m->label == LABEL_LOCATION) && m->last > m->first
          && m->last + 3 < c->n && tok_is (c, m->last + 1, "(") && tok_is (c, m->last + 3, ")")
          && (c->tokens[m->last + 2].flags & NF_TOKEN_ALL_CAPS))
        {
          /* "Syrian Democratic Forces (SDF)": the label as a digit, then the name */
          const char *key = tok_word (c, m->last + 2, FALSE)->fold;
          if (!name_table_contains (acronyms, key))
            {
              const char *name = mention_name (c, m);
              g_string_printf (c->scratch, "%d%s", m->label, name);
              name_table_insert (acronyms, key, g_string_chunk_insert (c->store, c->scratch->str));
            }
        }
      if (m->label == LABEL_ORGANIZATION && m->last > m->first && is_org_head (c, m->first))
        {
          const char *key = tok_word (c, m->first, TRUE)->fold;
          if (!name_table_contains (org_heads, key))
            name_table_insert (org_heads, key, (gpointer) mention_name (c, m));
        }
      if (m->label != LABEL_NONE)
        {
          /* a person stays a person: "Kerry" then "KERRY" */
          const char *key = mention_fold (c, m);
          if (m->label == LABEL_PERSON || !name_table_contains (known, key))
            table_put (c, known, key, GINT_TO_POINTER (m->label));
        }
    }

  headline_people (c, surnames, known);
  for (guint i = 0; i < n; i++)
    {
      Mention *m = &ms[i];
      if (m->last != m->first || m->label == LABEL_NATIONALITY)
        continue;
      const char *key = mention_fold (c, m);
      const char *full = name_table_lookup (surnames, key);
      /* a country keeps its name even when someone is called Jordan */
      gboolean caps = (c->tokens[m->first].flags & NF_TOKEN_ALL_CAPS) != 0;
      gboolean place = after_place_word (c, m->first);
      /* someone called Lugo makes "Lugo" that person, except "in Lugo" (but "to Dayton's
       * family" is the person's) */
      gboolean possessive = name_end (c, m->first) != c->tokens[m->first].end;
      if (full && (m->label == LABEL_NONE || m->label == LABEL_PERSON
                   || (m->label == LABEL_LOCATION && (!place || possessive))
                   || (m->label == LABEL_ORGANIZATION && caps && !m->canonical)))
        {
          m->label = LABEL_PERSON;
          m->canonical = full;
          m->tentative = FALSE;
          m->title_word = FALSE;
          continue;
        }
      const char *person = name_table_lookup (givens, key);
      if (person && person != shared_given && !m->canonical
          && (m->label == LABEL_NONE || m->label == LABEL_PERSON || m->label == LABEL_LOCATION))
        {
          m->label = LABEL_PERSON;
          m->canonical = person;
          m->tentative = FALSE;
          m->title_word = FALSE;
          continue;
        }
      /* "The Community union called": even a head word ("Community", "Police") names the
       * organisation whose kind follows it in lower case */
      if (m->title_word && m->label == LABEL_NONE && kind_follows_the_name (c, m->first, TRUE)
          && name_end (c, m->first) == c->tokens[m->first].end) /* (not "the Tsar's service") */
        {
          m->label = LABEL_ORGANIZATION;
          m->tentative = FALSE;
          m->title_word = FALSE;
          continue;
        }
      if (m->title_word)
        continue; /* no evidence makes a title alone a name */
      const char *org = name_table_lookup (org_heads, key);
      if (org && (m->label == LABEL_NONE || (m->label == LABEL_PERSON && m->tentative)))
        {
          m->label = LABEL_ORGANIZATION;
          m->canonical = org;
          m->tentative = FALSE;
          continue;
        }
      const char *acronym = name_table_lookup (acronyms, key);
      if (acronym && (m->label == LABEL_NONE || m->label == LABEL_ORGANIZATION))
        {
          m->label = (Label) (acronym[0] - '0');
          m->canonical = acronym + 1;
          m->tentative = FALSE;
          continue;
        }
      /* "KERRY:" in a transcript is the Kerry named elsewhere */
      if (caps && m->label == LABEL_ORGANIZATION && !m->canonical
          && GPOINTER_TO_INT (name_table_lookup (known, key)) == LABEL_PERSON)
        {
          m->label = LABEL_PERSON;
          continue;
        }
      if (!m->tentative)
        continue;
      gpointer seen = name_table_lookup (known, key);
      if (seen)
        {
          m->label = GPOINTER_TO_INT (seen);
          m->tentative = FALSE;
          continue;
        }
      /* evidence from the words around it */
      guint a = m->first;
      gboolean verb_after = a + 1 < c->n && is_word_in (c, a + 1, W_SPEECH_VERBS);
      /* `"…," said Russell`; but `Myers, who ran it, told Variety` names who was told */
      gboolean verb_before = a >= 1 && is_word_in (c, a - 1, W_SPEECH_VERBS)
                             && a >= 2 && tok_is_punct (c, a - 2, ",\"”’'")
                             && !tok_is (c, a - 1, "told") && !tok_is (c, a - 1, "tells")
                             && !(a + 1 < c->n && is_plural_noun (c, a + 1));
      gboolean title_before = a >= 1 && c->tokens[a - 1].kind == NF_TOKEN_WORD
                              && !(c->tokens[a - 1].flags & NF_TOKEN_CAPITALIZED)
                              && is_word_in (c, a - 1, W_TITLES);
      place = FALSE;
      /* "in nearby Sangatte", "to neighbouring Kent": the preposition before the adjective */
      static const char *const nearby[] = { "nearby", "neighbouring", "neighboring", NULL };
      guint at = a >= 2 && tok_is_one_of (c, a - 1, nearby) ? a - 1 : a;
      if (at >= 1 && !tok_is_initial (c, a) && c->tokens[at - 1].kind == NF_TOKEN_WORD)
        for (const char *const *w = place_words; *w && !place; w++)
          place = tok_is (c, at - 1, *w) || (tok_is_initial (c, at - 1) && tok_is_capitalised_form (c, at - 1, *w));
      /* "to Counter ISIL", "to Protect Journalists": an infinitive in a capitalised name */
      if (place && tok_is (c, a - 1, "to") && a + 1 < c->n && tok_is_cap_word (c, a + 1))
        place = FALSE;
      /* "thanks to Nvidia", "due to Brexit", "according to Reuters": "to" after a cause or a
       * source names no destination */
      static const char *const to_not_places[] = { "thanks", "due", "owing", "according", "compared", "similar",
                                                   "thank", "close", "next", NULL };
      /* (also opening a sentence: "According to Gartner, sales rose") */
      gboolean source_before = a >= 2 && tok_is (c, a - 1, "to")
                               && (tok_is_one_of (c, a - 2, to_not_places)
                                   || (tok_is_initial (c, a - 2) && capitalised_one_of (c, a - 2, to_not_places)));
      if (source_before)
        place = FALSE;
      /* "written in Rust", "in Fashion": a word that is never a name takes more than a
       * preposition to be a place */
      if (place && tok_is_common_word (c, a))
        place = FALSE;
      /* "from Western states", "its Western creditors": a compass word before a noun in lower
       * case qualifies the noun */
      static const char *const compass_adjectives[] = { "Western", "Eastern", "Northern", "Southern", NULL };
      if (tok_is_one_of (c, a, compass_adjectives) && m->first == m->last && a + 1 < c->n && c->tokens[a + 1].kind == NF_TOKEN_WORD
          && !(c->tokens[a + 1].flags & NF_TOKEN_CAPITALIZED))
        continue;
      /* "in Q3", "to V4": a word with a digit is a model's or a quarter's name, no place */
      gsize word_length;
      const char *word = tok_text (c, a, &word_length);
      for (gsize k = 0; k < word_length && place; k++)
        place = !g_ascii_isdigit (word[k]);
      /* "Analysts said": a sentence's first word followed by a verb is as likely a plural
       * noun; only a title makes it a person */
      if (tok_is_initial (c, a))
        verb_after = FALSE; /* also after a dateline's dash or an opening quote */
      /* "the city of Raqqah", "north of Mosul" */
      /* ... "residents of Kherson", "the streets of Tbilisi", "the mayor of Lviv": people and
       * things only a place has */
      static const char *const place_nouns[] = {
        "city", "town", "village", "province", "region", "district", "outskirts", "capital",
        "port", "suburb", "suburbs", "north", "south", "east", "west", "northeast", "northwest",
        "southeast", "southwest", "governorate", "county", "state", "island", "area", "cities",
        "towns", "villages", "provinces", "regions", "districts", "islands", "residents",
        "inhabitants", "streets", "mayor", "centre", "center", "citizens", "municipality", NULL,
      };
      if (!place && a >= 2 && tok_is (c, a - 1, "of"))
        for (const char *const *w = place_nouns; *w && !place; w++)
          place = tok_is (c, a - 2, *w);
      /* "Baghdad and Najaf", "Aleppo, Homs or Idlib": a list with a known place; "Raqqah,
       * Syria": a place followed by its country or region */
      /* (not a given name beside given names: "Arthur, Bertha, Cesar, Diana" names storms,
       * though Cesar is a region too) */
      if (!place)
        place = next_to (c, ms, n, i, LABEL_LOCATION) && !(is_given_name (c, a) && beside_given_names (c, ms, n, i));
      /* "Barack Obama and Putin": a list with a person named in full */
      gboolean with_person = !(c->tokens[a].flags & NF_TOKEN_SENTENCE_START) && next_to (c, ms, n, i, LABEL_PERSON)
                             && (i + 1 >= n || ms[i + 1].label != LABEL_PERSON || ms[i + 1].last > ms[i + 1].first)
                             && (i == 0 || ms[i - 1].label != LABEL_PERSON || ms[i - 1].last > ms[i - 1].first);
      /* "Larry Magid, Forbes", "Jonathan Haidt, NYU-Stern": a word after a name and a comma
       * that no further item follows is the name's affiliation, not a list of people */
      if (with_person && tok_is (c, a - 1, ",")
          && !(a + 1 < c->n && (tok_is (c, a + 1, ",") || tok_is (c, a + 1, "and") || tok_is (c, a + 1, "or"))))
        with_person = FALSE;
      /* "in Honomu, Wendy Gilliam sells ...": after a place's preposition, a comma opens the
       * sentence's subject; only "and" or "or" would make a list of people */
      if (with_person && place && !(a + 1 < c->n && (tok_is (c, a + 1, "and") || tok_is (c, a + 1, "or"))))
        with_person = FALSE;
      /* "the Exchequer said": nobody is named with "the" */
      /* ... nor with "the 24-year-old Swede": a description */
      gboolean after_the = (a >= 1 && (tok_is (c, a - 1, "the") || tok_is (c, a - 1, "The")))
                           || after_the_and_age (c->text, c->tokens[a].start);
      /* "in Morgantown, who wants": a place preposition outweighs a relative clause, and a
       * verb after it ("officials in Kherson said": the officials speak) */
      /* "the Unite union", "the Wagner group": a name between "the" and an organisation's
       * head word in lower case is the organisation's */
      /* ... nor after an owner, before a firm's noun: "Ratcliffe's Ineos group" (not
       * "Ethiopia's Marxist government") */
      static const char *const firms[] = { "group", "company", "firm", "empire", "conglomerate", "label", NULL };
      gboolean owner_before = a >= 1 && tok_is_cap_word (c, a - 1) && name_end (c, a - 1) != c->tokens[a - 1].end
                              && a + 1 < c->n && tok_is_one_of (c, a + 1, firms);
      /* (after a sentence's "The" only a word of the language: "The Reagan administration" is
       * no organisation called Reagan) */
      gboolean org_noun_after = kind_follows_the_name (c, a, tok_is_common_word (c, a)) || (owner_before && is_word_in (c, a + 1, W_ORG_SUFFIXES));
      /* "Studies", "Gyms", "Speaker": a word that is never a name is a person's surname only
       * after a title or a quotation's verb ("said Hurt"); a list or a verb after it is no
       * evidence */
      gboolean common = tok_is_common_word (c, a);
      /* "according to Reuters": a source no person named in full in the article (their
       * surname was resolved above) is a publisher or an agency */
      gboolean source = source_before && (tok_is (c, a - 2, "according") || tok_is (c, a - 2, "According"));
      /* "from Nvidia, Gigabyte, MSI and Asus": a list with a known organisation */
      gboolean with_org = !(c->tokens[a].flags & NF_TOKEN_SENTENCE_START) && !verb_before && !title_before
                          && !tok_is_common_word (c, a) && !is_given_name (c, a) && next_to (c, ms, n, i, LABEL_ORGANIZATION)
                          && in_enumeration (c, m->first, m->last);
      /* "the Asad regime", "the Maduro administration": with convention = "conll", a rule
       * named after its leader names the leader (re3d marks the regime an organisation) */
      static const char *const rules_by_leader[] = { "regime", "dictatorship", "administration", "junta", NULL };
      gboolean leader = c->self->conll && a >= 1 && a + 1 < c->n && tok_is (c, a - 1, "the")
                        && name_end (c, a) == c->tokens[a].end && bare_word_is_one_of (c, a + 1, rules_by_leader)
                        && !tok_is_common_word (c, a);
      if (leader)
        m->label = LABEL_PERSON;
      else if (org_noun_after || source || with_org || org_context (c, a))
        m->label = LABEL_ORGANIZATION;
      else if (!after_the && (verb_before || title_before
                              || (!common && ((verb_after && !place) || with_person
                                              || (!place && apposition_after (c, m->last))))))
        m->label = LABEL_PERSON;
      else if (place)
        m->label = LABEL_LOCATION;
      else
        continue;
      m->tentative = FALSE;
      m->guessed = TRUE;
      table_put (c, known, mention_fold (c, m), GINT_TO_POINTER (m->label));
    }

  /* evidence found late in the article also names the word's earlier mentions */
  for (guint i = 0; i < n; i++)
    {
      Mention *m = &ms[i];
      if (!m->tentative || m->title_word)
        continue;
      gpointer seen = name_table_lookup (known, mention_fold (c, m));
      if (seen)
        {
          m->label = GPOINTER_TO_INT (seen);
          m->tentative = FALSE;
        }
    }
  for (guint t = 0; t < N_RESOLVE_TABLES; t++)
    name_table_clear (&c->resolve_tables[t], NAME_TABLE_KEEP);
}

/* Keeps the mentions @keep says yes to, in order, in one pass: removing each from the middle
 * of the array moved all that follow it, quadratic in a long article (tens of thousands of
 * mentions, a removal every few hundred). */
static void
keep_mentions (Context *c, gboolean (*keep) (const Context *c, const Mention *m, gconstpointer data), gconstpointer data)
{
  Mention *ms = (Mention *) c->mentions->data;
  guint kept = 0;
  for (guint i = 0; i < c->mentions->len; i++)
    if (keep (c, &ms[i], data))
      {
        if (kept != i)
          ms[kept] = ms[i];
        kept++;
      }
  g_array_set_size (c->mentions, kept);
}

static gboolean
not_lone_title (G_GNUC_UNUSED const Context *c, const Mention *m, G_GNUC_UNUSED gconstpointer data)
{
  return !(m->title_word && m->tentative);
}

/* A title alone that named nobody's surname goes back to the label passes ("the President"
 * as the office's holder, roles.c). */
static void
drop_lone_titles (Context *c)
{
  keep_mentions (c, not_lone_title, NULL);
}

/* "Fort Campbell, Kentucky", "Sarmada, Syria": a place followed by its region or country
 * is one mention of that place, named by the place (Paris, Texas is the article's Paris);
 * lists ("Egypt, Spain, Turkey and China") are left alone.  With convention = "conll" the
 * region stays a mention of its own inside it, as CoNLL, OntoNotes and GUM count it; re3d's
 * annotation leaves it out. */
static gboolean is_country (const Context *c, const Mention *m);
static gboolean is_region (const Context *c, const Mention *m);

/* Whether place @m and the region or country @n right after it are one place ("Austin,
 * Texas"); @before is the mention before @m, or NULL. */
static gboolean
joins_place (const Context *c, const Mention *before, const Mention *m, const Mention *n)
{
  /* the first must not be a country: "Iraq, Syria" is a list; a known city is a place
   * like any other ("Istanbul, Turkey") */
  gboolean place_like = !m->title_word && (!m->canonical || (m->label == LABEL_LOCATION && !is_country (c, m)))
                        && (m->label == LABEL_LOCATION || m->tentative
                            || (m->label == LABEL_PERSON && m->title_end == m->title_start
                                && !is_given_name (c, m->first)));
  /* the second must contain the first: "Austin, Texas", not "Chicago, San Antonio" */
  if (!place_like || n->label != LABEL_LOCATION || n->tentative || !n->canonical || n->first != m->last + 2
      || !tok_is (c, m->last + 1, ",") || !(is_country (c, n) || is_region (c, n)))
    return FALSE;
  /* "in Valencia, Spain's weather agency said": a country that owns what follows starts
   * a new clause */
  if (n->end != c->tokens[n->last].end)
    return FALSE;
  /* not inside a list of places: no place like ", X" before ("5th Special Forces Group,
   * Fort Campbell, Kentucky" is a unit's base), nothing like ", X" / "and X" after */
  if (m->first >= 2 && tok_is (c, m->first - 1, ",") && tok_is_cap_word (c, m->first - 2)
      && !(before && before->last == m->first - 2 && before->label != LABEL_LOCATION && !before->tentative))
    return FALSE;
  guint after = n->last + 1;
  if (after + 1 < c->n && (tok_is (c, after, ",") || tok_is (c, after, "and") || tok_is (c, after, "or"))
      && tok_is_cap_word (c, after + 1))
    return FALSE;
  return TRUE;
}

static void
join_places (Context *c)
{
  /* in one pass, the kept mentions written over the array's front (ms[0, kept)): removing
   * the region from the middle of the array moved all that follow it */
  Mention *ms = (Mention *) c->mentions->data;
  guint len = c->mentions->len, kept = 0;
  for (guint i = 0; i < len; i++)
    {
      Mention *m = &ms[i];
      const Mention *n = i + 1 < len ? &ms[i + 1] : NULL;
      if (n && joins_place (c, kept ? &ms[kept - 1] : NULL, m, n))
        {
          /* a place already is the referent ("Exeter, Devon" ... "Exeter"); a name only the
           * comma makes a place is named as written ("Sarmada, Syria") */
          if (m->label != LABEL_LOCATION || m->tentative)
            m->canonical = NULL;
          else if (!m->canonical)
            m->canonical = g_string_chunk_insert_len (c->store, c->text + m->start, c->tokens[m->last].end - m->start);
          if (!m->canonical)
            m->canonical = g_string_chunk_insert_len (c->store, c->text + m->start, n->end - m->start);
          m->end = n->end;
          m->last = n->last;
          m->label = LABEL_LOCATION;
          m->tentative = FALSE;
          ms[kept++] = *m;
          if (c->self->conll)
            ms[kept++] = ms[i + 1]; /* (n stays: the region, nested in m) */
          i++;
          continue;
        }
      ms[kept++] = *m;
    }
  g_array_set_size (c->mentions, kept);
}

/* The token after a list of remits that ends in "and" and one more ("Culture, Media and
 * Sport" after "Department for"): each item one to three capitalised words that name
 * nothing of their own (not "Oxfam and Save the Children"), 0 when the words from @i are no
 * such list. */
static guint
listed_names_end (const Context *c, guint i)
{
  gboolean anded = FALSE;
  while (i + 1 < c->n && (tok_is (c, i, ",") || tok_is (c, i, "and")) && !anded)
    {
      anded = tok_is (c, i, "and");
      guint k = i + 1, words = 0;
      while (k < c->n && words < 3 && tok_is_cap_word (c, k) && c->tokens[k].sentence == c->tokens[i].sentence)
        {
          Label label;
          if (!tok_is_common_word (c, k)
              && (is_given_name (c, k) || lookup_label (c, k, k, name_end (c, k), &label)))
            return 0;
          k++, words++;
        }
      if (words == 0 || (k < c->n && tok_is_cap_word (c, k)))
        return 0;
      i = k;
    }
  return anded ? i : 0;
}

/* "the Department for Culture, Media and Sport", "the Ministry of Agriculture, Fisheries
 * and Food": a department's remit is a list that the comma would cut from its name. */
static void
department_remits (Context *c)
{
  /* (the kept mentions written over the array's front, as in join_places) */
  Mention *ms = (Mention *) c->mentions->data;
  guint len = c->mentions->len, kept = 0;
  for (guint i = 0; i < len; i++)
    {
      Mention *m = &ms[i];
      ms[kept++] = *m;
      m = &ms[kept - 1];
      /* (its owner may come first: "Japan's Ministry of Health, Labour and Welfare") */
      guint head = m->first + (m->last > m->first && name_end (c, m->first) != c->tokens[m->first].end ? 1 : 0);
      if (m->label != LABEL_ORGANIZATION || m->last < head + 2 || !is_word_in (c, head, W_ORG_SUFFIXES)
          || !(tok_is (c, head + 1, "of") || tok_is (c, head + 1, "for")) || m->end != c->tokens[m->last].end
          || m->last + 1 >= c->n || !tok_is (c, m->last + 1, ","))
        continue;
      guint end = listed_names_end (c, m->last + 1);
      if (!end)
        continue;
      /* the list's own words were read as names of their own: they are the department's */
      while (i + 1 < len && ms[i + 1].first < end)
        i++;
      m->last = end - 1;
      m->end = c->tokens[end - 1].end;
      m->canonical = NULL;
    }
  g_array_set_size (c->mentions, kept);
}

/* Whether token @i is a compass point or "Central" (not "Al", "Tal": the other first words
 * of place names). */
static gboolean
is_compass_word (const Context *c, guint i)
{
  static const char *const compass[] = { "North", "South", "East", "West", "Northern", "Southern", "Eastern",
                                         "Western", "Central", "Upper", "Lower", NULL };
  return tok_is_one_of (c, i, compass);
}

/* "Central and South America", "North and South Korea", "Eastern and Central Europe": the
 * first compass word shares the place's name with the second, and names a place of its own
 * ("Central America"), not a place called "Central". */
static void
elided_places (Context *c)
{
  for (guint k = 0; k < c->mentions->len; k++)
    {
      Mention *m = &g_array_index (c->mentions, Mention, k);
      guint a = m->first;
      if (m->label != LABEL_LOCATION || m->last == a || a < 2 || !is_compass_word (c, a)
          || !(tok_is (c, a - 1, "and") || tok_is (c, a - 1, "or")) || !is_compass_word (c, a - 2)
          || name_end (c, a - 2) != c->tokens[a - 2].end)
        continue;
      /* the first word with the rest of the second's name */
      g_string_assign (c->scratch, mention_name (c, m));
      const char *rest = strchr (c->scratch->str, ' ');
      if (!rest)
        continue;
      gsize word_length;
      const char *word = tok_text (c, a - 2, &word_length);
      g_string_erase (c->scratch, 0, rest - c->scratch->str);
      g_string_prepend_len (c->scratch, word, (gssize) word_length);
      const Mention first = {
        .start = c->tokens[a - 2].start,
        .end = c->tokens[a - 2].end,
        .label = LABEL_LOCATION,
        .canonical = g_string_chunk_insert (c->store, c->scratch->str),
        .first = a - 2,
        .last = a - 2,
      };
      /* (the lone "Central" found before stands for it) */
      if (k > 0 && g_array_index (c->mentions, Mention, k - 1).first == a - 2)
        g_array_index (c->mentions, Mention, k - 1) = first;
    }
}

/* Whether the text before byte @at ends in a time of day: "22:30", "10am", "10 p.m.". */
static gboolean
time_of_day_before (const char *text, gsize at)
{
  gsize i = at;
  while (i > 0 && text[i - 1] == ' ')
    i--;
  gsize end = i;
  while (i > 0 && (g_ascii_isalpha (text[i - 1]) || text[i - 1] == '.'))
    i--;
  if (i < end)
    {
      gsize n = end - i;
      const char *w = text + i;
      gboolean meridiem = (n == 2 && (g_ascii_strncasecmp (w, "am", 2) == 0 || g_ascii_strncasecmp (w, "pm", 2) == 0))
                          || (n == 4 && (g_ascii_strncasecmp (w, "a.m.", 4) == 0 || g_ascii_strncasecmp (w, "p.m.", 4) == 0));
      if (!meridiem)
        return FALSE;
      while (i > 0 && text[i - 1] == ' ')
        i--;
      return i > 0 && g_ascii_isdigit (text[i - 1]);
    }
  /* hh:mm */
  return i >= 4 && g_ascii_isdigit (text[i - 1]) && g_ascii_isdigit (text[i - 2]) && text[i - 3] == ':'
         && g_ascii_isdigit (text[i - 4]);
}

/* "at 22:30 BST", "10 a.m. EDT": capitals after a time of day are its zone, no
 * organisation. */
static gboolean
not_time_zone (const Context *c, const Mention *m, G_GNUC_UNUSED gconstpointer data)
{
  gsize n = m->end - m->start;
  gboolean capitals = m->first == m->last && n >= 2 && n <= 5;
  for (gsize j = 0; j < n && capitals; j++)
    capitals = g_ascii_isupper (c->text[m->start + j]);
  return !(capitals && time_of_day_before (c->text, m->start));
}

static void
drop_time_zones (Context *c)
{
  keep_mentions (c, not_time_zone, NULL);
}

/* The storms' names of drop_storm_names: the tokens of the names after a storm's word. */
typedef struct {
  guint tokens[8];
  guint n;
} StormNames;

static gboolean
not_storm_name (const Context *c, const Mention *m, gconstpointer data)
{
  const StormNames *names = data;
  if (m->first != m->last || (m->label != LABEL_PERSON && m->label != LABEL_LOCATION))
    return TRUE;
  for (guint j = 0; j < names->n; j++)
    {
      const NfToken *t = &c->tokens[m->first], *name = &c->tokens[names->tokens[j]];
      if (t->end - t->start == name->end - name->start
          && memcmp (c->text + t->start, c->text + name->start, t->end - t->start) == 0)
        return FALSE;
    }
  return TRUE;
}

/* "Hurricane Andrew ... Andrew hit Florida": a storm's name, once the article has said what
 * it is, names no person or place on its own either. */
static void
drop_storm_names (Context *c)
{
  StormNames names = { .n = 0 };
  for (guint i = 0; i + 1 < c->n && names.n < G_N_ELEMENTS (names.tokens); i++)
    if ((c->tokens[i].flags & NF_TOKEN_CAPITALIZED) && is_word_in (c, i, W_STORM) && tok_is_cap_word (c, i + 1))
      names.tokens[names.n++] = i + 1;
  if (names.n > 0)
    keep_mentions (c, not_storm_name, &names);
}

/* Names of places and institutions in the news of other languages look like people's to
 * the capitalisation rules ("Paseo de la Reforma", "Métropole de Lyon", "Las Tres Mil
 * Viviendas", "la consejera de Salud", "Jaén y Granada"): a "person" with a place word, that
 * starts with an article, that holds a conjunction, or (outside English) that follows "de",
 * is relabelled when a word says what it is, and dropped otherwise. */
static void
no_places_as_people (Context *c, const char *language)
{
  static const char *const articles[] = {
    "The", "El", "La", "Las", "Los", "Le", "Les", "Der", "Die", "Das", "Den", "Dem", "Il", "Lo", "Gli", "I", "Os", "As",
    "O", "A", NULL,
  };
  static const char *const conjunctions[] = { "y", "e", "et", "und", "i", NULL };
  static const char *const of[] = { "de", "del", "du", "des", "della", "di", "da", "do", "dos", "das", "d'", NULL };
  gboolean english = !language || strcmp (language, "en") == 0;
  Mention *ms = (Mention *) c->mentions->data;
  for (guint i = 0; i < c->mentions->len; i++)
    {
      Mention *m = &ms[i];
      if (m->label != LABEL_PERSON || m->title_end > m->title_start)
        continue;
      /* "Hill" that names Stuart Hill; "Mr Roger Hill" is a man */
      if ((m->last == m->first && m->canonical) || is_honorific (c, m->first))
        continue;
      Label better = LABEL_PERSON;
      for (guint k = m->first; k <= m->last && better == LABEL_PERSON; k++)
        if ((is_word_in (c, k, W_LOC_PREFIXES) && !(k == m->first && al_names_a_man (c, k)))
            || is_word_in (c, k, W_LOC_SUFFIXES))
          better = LABEL_LOCATION;
        else if (is_word_in (c, k, W_ORG_SUFFIXES))
          better = LABEL_ORGANIZATION;
      /* "Stuart Hill said", "Kate Park, the minister,": a given name, and a speech verb or a
       * role beside it, make the place word a surname */
      if (better != LABEL_PERSON && m->last > m->first && person_shaped (c, m->first, m->last)
          && person_evidence (c, m->first, m->last))
        continue;
      /* "Sports Business Analyst", "Bullpin Editor": a role word never ends a name; "House
       * Democrats", "Trump Republicans": a party's members are a group */
      static const char *const roles_last[] = {
        "spokesman", "spokeswoman", "spokesperson", "director", "officer", "secretary", "minister", "president",
        "chairman", "chairwoman", "executive", "founder", "adviser", "advisor", "coordinator", "commissioner",
        "ambassador", "envoy", "analyst", "editor", "writer", "correspondent", "reporter", "columnist",
        "strategist", "producer", "manager", NULL,
      };
      if (english && m->last > m->first)
        {
          for (const char *const *w = roles_last; *w && better == LABEL_PERSON; w++)
            if (tok_is_capitalised_form (c, m->last, *w))
              better = LABEL_NONE;
          for (const char *const *w = members_last; *w && better == LABEL_PERSON; w++)
            if (tok_is_capitalised_form (c, m->last, *w))
              better = LABEL_ORGANIZATION;
        }
      gboolean suspect = better != LABEL_PERSON;
      for (const char *const *w = articles; *w && !suspect; w++)
        suspect = m->last > m->first && tok_is (c, m->first, *w);
      for (guint k = m->first + 1; k < m->last && !suspect; k++)
        for (const char *const *w = conjunctions; *w && !suspect; w++)
          suspect = tok_is (c, k, *w);
      if (!english && m->first > 0)
        for (const char *const *w = of; *w && !suspect; w++)
          suspect = tok_is (c, m->first - 1, *w);
      if (!suspect)
        continue;
      m->label = better == LABEL_PERSON ? LABEL_NONE : better;
      m->canonical = NULL;
    }
}

/* The label passes of passes.h: states, groups and peoples, roles. */
static gboolean
is_country (const Context *c, const Mention *m)
{
  return m->canonical && is_country_name (c, m->canonical);
}

static gboolean
is_region (const Context *c, const Mention *m)
{
  return m->canonical && canonical_in (c, c->self->regions, m->canonical);
}

/* The view of a mention entities_role_sweep_to asks for (passes.h). */
static void
view_mention (gconstpointer mentions, guint k, EntitiesMentionView *view)
{
  const Mention *m = &((const Mention *) mentions)[k];
  *view = (EntitiesMentionView) { m->first, m->last, m->label == LABEL_PERSON, m->title_start, m->title_end };
}

static void
label_passes (Context *c)
{
  EntitiesTokens t = { .text = c->text, .tokens = c->tokens, .n = c->n };
  for (guint i = 0; i < c->mentions->len; i++)
    {
      Mention *m = &g_array_index (c->mentions, Mention, i);
      gboolean country = m->label == LABEL_LOCATION && !m->tentative && is_country (c, m);
      gboolean organisation = m->label == LABEL_ORGANIZATION;
      /* (the CoNLL convention names none of these organisations) */
      if ((m->label != LABEL_NATIONALITY && !country && !organisation) || c->self->conll)
        continue;
      /* "the Iran-backed militias": the adjective's owner is named, not the group */
      if (m->end < c->tokens[m->last].end && c->text[m->end] == '-')
        continue;
      guint group = entities_group_end (&t, m->last, c->self->group_nouns);
      if (group && (i + 1 >= c->mentions->len || g_array_index (c->mentions, Mention, i + 1).first > group))
        {
          /* "Iraqi security forces", "U.S. forces", "ISIL fighters": the group, named as
           * written */
          m->last = group;
          m->end = name_end (c, group);
          m->label = LABEL_ORGANIZATION;
          m->canonical = NULL;
        }
      else if (m->label == LABEL_NATIONALITY && m->first == m->last && entities_is_people (&t, m->first))
        m->label = LABEL_ORGANIZATION;
      else if (country && entities_acts_as_state (&t, m->first, m->last))
        m->label = LABEL_ORGANIZATION;
    }

  /* "the Secretary of State": the person who last bore that title, or the title itself.
   * The roles are merged into the mentions once all are found: each goes after the mentions
   * that start within it, before those that start after it. */
  EntitiesRoleSweep sweep;
  entities_role_sweep_init (&sweep);
  g_autoptr (GArray) roles = g_array_new (FALSE, FALSE, sizeof (Mention));
  for (guint i = 1; i < c->n; i++)
    {
      /* (a role opens with a capitalised word: the other tokens are not asked) */
      if (c->tokens[i].kind != NF_TOKEN_WORD || !(c->tokens[i].flags & NF_TOKEN_CAPITALIZED))
        continue;
      guint last = entities_role_end (&t, i, c->self->titles);
      if (!last)
        continue;
      entities_role_sweep_to (&sweep, c->text, c->mentions->data, c->mentions->len, view_mention, i);
      if (sweep.max_last > i)
        continue; /* inside a mention */
      guint head = entities_role_head (&t, i, last);
      guint bearer = entities_role_sweep_bearer (&sweep, c->text + c->tokens[head].start,
                                                 name_end (c, head) - c->tokens[head].start);
      Mention m = {
        .start = c->tokens[i].start,
        .end = name_end (c, last),
        .label = LABEL_PERSON,
        .canonical = bearer ? mention_name (c, &g_array_index (c->mentions, Mention, bearer - 1)) : NULL,
        .first = i,
        .last = last,
      };
      g_array_append_val (roles, m);
      i = last;
    }
  entities_role_sweep_clear (&sweep);
  entities_role_merge (c->mentions, roles, view_mention);
}

/* Whether the article reports a match: a score written as two small numbers and a dash
 * ("2-1", "3–0"), and two words of a sport's (a vote is "5-4" too, a product's size
 * "12-15"). */
static gboolean
is_match_report (const Context *c)
{
  static const char *const sport[] = {
    "match", "goal", "goals", "striker", "goalkeeper", "midfielder", "defender", "league", "cup",
    "season", "coach", "manager", "tournament", "championship", "playoff", "playoffs", "innings",
    "wicket", "touchdown", "quarterback", "pitcher", "inning", "stadium", "fixture", "referee",
    "halftime", "half-time", "penalty", "scored", NULL,
  };
  /* the score first: few articles have one, and the words take a look at every token */
  gboolean score = FALSE;
  for (guint i = 1; i + 1 < c->n && !score; i++)
    {
      const NfToken *t = &c->tokens[i];
      if (t->kind != NF_TOKEN_PUNCT || c->tokens[i - 1].kind != NF_TOKEN_NUMBER
          || c->tokens[i + 1].kind != NF_TOKEN_NUMBER || c->tokens[i - 1].end != t->start
          || c->tokens[i + 1].start != t->end)
        continue;
      if (!tok_is (c, i, "-") && !tok_is (c, i, "\u2013"))
        continue;
      score = c->tokens[i - 1].end - c->tokens[i - 1].start <= 2 && c->tokens[i + 1].end - c->tokens[i + 1].start <= 2;
    }
  if (!score)
    return FALSE;
  guint words = 0;
  const char *first = NULL;
  for (guint i = 0; i < c->n && words < 2; i++)
    {
      if (c->tokens[i].kind != NF_TOKEN_WORD || (c->tokens[i].flags & NF_TOKEN_CAPITALIZED))
        continue;
      for (const char *const *w = sport; *w; w++)
        if (tok_is (c, i, *w))
          {
            if (*w != first)
              words++;
            first = *w;
            break;
          }
    }
  return words >= 2;
}

/* Whether the words between a place's last token @b and a person's first @person are the
 * role of a company's or a club's head: "Brighton chief executive Paul Barber", "Wrexham
 * owner Rob McElhenney" (a town's own are "mayor", "council leader"). */
static gboolean
led_by (const Context *c, guint b, guint person)
{
  static const char *const roles[] = { "chief", "executive", "chairman", "chairwoman", "owner", "owners",
                                       "ceo", "founder", "co-founder", "director", "boss", NULL };
  if (person <= b + 1 || person > b + 3)
    return FALSE;
  for (guint k = b + 1; k < person; k++)
    if (!tok_is_one_of (c, k, roles))
      return FALSE;
  /* "chief" alone is a police's or a tribe's */
  return !(person == b + 2 && tok_is (c, b + 1, "chief"));
}

/* "Liverpool drew with Chelsea", "beat Barcelona 2-1", "Leeds manager": in a match report a
 * town's name beside a match's verb or a player's role is its club's, and so are its other
 * mentions in the article ("Texas beat Oklahoma 31-24": a university's).  Countries stay
 * places (national sides are named as the country, and news treats them so); "The court
 * ruled 5-4 against Chicago" is no match. */
static void
sports_clubs (Context *c)
{
  static const char *const before[] = {
    "beat", "beating", "defeated", "v", "vs", "with", "to", "hosted", "edged", "thrashed", "hammered",
    "routed", "stunned", "eliminated", "against", NULL,
  };
  /* "a 2-1 defeat by Brentford", "a win over Leeds" */
  static const char *const results[] = {
    "defeat", "defeats", "loss", "losses", "win", "wins", "victory", "victories", "triumph", "beaten",
    "thrashing", "draw", NULL,
  };
  static const char *const after[] = {
    "beat", "beats", "won", "win", "wins", "lost", "lose", "loses", "drew", "draw", "defeated", "thrashed",
    "manager", "coach", "striker", "midfielder", "defender", "goalkeeper", "keeper", "captain", "fans",
    "supporters", "forward", "winger", "boss", "squad", "players", "player", "scored", "v", "vs",
    "edged", "routed", "hosted", NULL,
  };
  static const char *const home_nations[] = { "England", "Scotland", "Wales", "Ireland", "Northern", NULL };
  Mention *ms = (Mention *) c->mentions->data;
  guint n = c->mentions->len;
  g_autoptr (GPtrArray) clubs = NULL;
  g_autoptr (GPtrArray) led = NULL;
  for (guint i = 0; i < n; i++)
    {
      Mention *m = &ms[i];
      if (m->label != LABEL_LOCATION)
        continue;
      guint a = m->first, b = m->last;
      gboolean club = (a >= 1 && tok_is_one_of (c, a - 1, before)
                       /* "with" and "to" of "drew with", "lost to" only */
                       && (!(tok_is (c, a - 1, "with") || tok_is (c, a - 1, "to"))
                           || (a >= 2 && (tok_is (c, a - 2, "drew") || tok_is (c, a - 2, "draw") || tok_is (c, a - 2, "lost")
                                          || tok_is (c, a - 2, "losing"))))
                       /* "Brown v. Board of Education" is a court's case */
                       && !(tok_is (c, a - 1, "v") && a >= 2 && tok_is (c, a - 2, ".")))
                      || (a >= 2 && (tok_is (c, a - 1, "by") || tok_is (c, a - 1, "over"))
                          && tok_is_one_of (c, a - 2, results))
                      || (b + 1 < c->n && tok_is_one_of (c, b + 1, after) && !(b + 2 < c->n && tok_is (c, b + 2, ".")))
                      || (b + 2 < c->n && c->tokens[b + 1].kind == NF_TOKEN_NUMBER && tok_is_punct (c, b + 2, "-"));
      /* (no home nation: "England goalkeeper" is the national side's) */
      if (is_country (c, m) || tok_is_one_of (c, a, home_nations))
        continue;
      if (club)
        {
          if (!clubs)
            clubs = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (clubs, g_strdup (mention_fold (c, m)));
        }
      else if (i + 1 < n && ms[i + 1].label == LABEL_PERSON && !is_region (c, m) && led_by (c, b, ms[i + 1].first))
        {
          if (!led)
            led = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (led, g_strdup (mention_fold (c, m)));
        }
    }
  /* "Brighton chief executive Paul Barber ... the club said": a town whose chief executive
   * is named runs no company, so the name is a club's or a firm's, wherever the article
   * does not put something in it */
  for (guint i = 0; led && i < n; i++)
    {
      Mention *m = &ms[i];
      if (m->label != LABEL_LOCATION || after_place_word (c, m->first))
        continue;
      g_autofree char *fold = g_strdup (mention_fold (c, m)); /* (the scratch is reused) */
      for (guint k = 0; k < led->len; k++)
        if (strcmp (fold, g_ptr_array_index (led, k)) == 0)
          {
            m->label = LABEL_ORGANIZATION;
            break;
          }
    }
  /* (the article asked last: few have a place beside such a word) */
  if (!clubs || !is_match_report (c))
    return;
  for (guint i = 0; i < n; i++)
    {
      Mention *m = &ms[i];
      if (m->label != LABEL_LOCATION)
        continue;
      g_autofree char *fold = g_strdup (mention_fold (c, m)); /* (the scratch is reused) */
      for (guint k = 0; k < clubs->len; k++)
        if (strcmp (fold, g_ptr_array_index (clubs, k)) == 0)
          {
            m->label = LABEL_ORGANIZATION;
            break;
          }
    }
}

/* "The Golden State Warriors ... Golden State led": a name of several words that no list
 * knows and that starts an organisation's longer name in the article is that organisation
 * ("New York" of "New York Times" is known: a place).  Not a name complete by its own last
 * word ("Air Force"), nor a place an institution is named after ("Madison County" of
 * "Madison County Memorial Hospital"). */
/* The word of the two-word organisation [a, b] that names it alone, or G_MAXUINT: the
 * first unless it is a given name ("Novo" of "Novo Nordisk", "Goldman" of "Goldman Sachs"),
 * else the last ("Lilly" of "Eli Lilly"); never a word of the language, a kind ("Bank",
 * "Group") or a word the gazetteers know on its own ("Deutsche", "American"). */
static guint
short_form_word (const Context *c, guint a, guint b)
{
  guint k = is_given_name (c, a) ? b : a;
  Label label;
  /* (not a party's members: "House Democrats" is no "House") */
  if (is_word_in (c, k == a ? b : a, W_PARTY | W_GROUP_NOUNS) || !tok_is_cap_word (c, k)
      || (c->tokens[k].flags & NF_TOKEN_ALL_CAPS) || tok_is_common_word (c, k)
      || (tok_lists (c, k, TRUE) & ~(W_GIVEN_NAMES | W_WRITTEN_GIVEN | W_LEADS))
      || lookup_label (c, k, k, name_end (c, k), &label) || tok_is (c, a, "The"))
    return G_MAXUINT;
  return k;
}

/* The word that names the organisation [a, b] alone, or G_MAXUINT: a two-word firm's
 * distinctive word (short_form_word); the last after a place ("San Francisco Giants" ...
 * "the Giants", "Boston Globe" ... "the Globe"; not the first of a longer name: "VMware
 * Cloud Foundation" is no "VMware") */
static guint
org_short_form_word (const Context *c, guint a, guint b)
{
  if (b == a + 1)
    return short_form_word (c, a, b);
  if (b == a)
    return G_MAXUINT;
  Label label;
  if (b <= a + 3 && lookup_label (c, a, b - 1, name_end (c, b - 1), &label) && label == LABEL_LOCATION
      && tok_is_cap_word (c, b) && !(c->tokens[b].flags & NF_TOKEN_ALL_CAPS)
      && !is_word_in (c, b, W_ORG_SUFFIXES | W_LOC_SUFFIXES | W_PARTY | W_GROUP_NOUNS)
      && !lookup_label (c, b, b, name_end (c, b), &label))
    return b;
  return G_MAXUINT;
}

static void
resolve_org_short_forms (Context *c)
{
  Mention *ms = (Mention *) c->mentions->data;
  g_autoptr (GHashTable) starts = NULL; /* the folded first words (two or more) of each
                                         * organisation's name, to its name */
  /* a two-word firm's distinctive word alone, to its name: "Novo Nordisk" ... "Novo",
   * "Eli Lilly" ... "Lilly's" (NULL: two firms share the word) */
  g_autoptr (GHashTable) words = NULL;
  for (guint i = 0; i < c->mentions->len; i++)
    {
      const Mention *o = &ms[i];
      guint alone = o->label == LABEL_ORGANIZATION ? org_short_form_word (c, o->first, o->last) : G_MAXUINT;
      if (alone != G_MAXUINT)
        {
          if (!words)
            words = g_hash_table_new (g_str_hash, g_str_equal);
          const char *key = tok_word (c, alone, TRUE)->fold;
          const char *name = o->canonical ? o->canonical : mention_name (c, o);
          const char *had = g_hash_table_lookup (words, key);
          if (!g_hash_table_contains (words, key))
            g_hash_table_insert (words, (gpointer) key, (gpointer) name);
          else if (had && strcmp (had, name) != 0)
            g_hash_table_insert (words, (gpointer) key, NULL);
        }
      if (o->label != LABEL_ORGANIZATION || o->last < o->first + 2)
        continue;
      if (!starts)
        starts = g_hash_table_new (g_str_hash, g_str_equal);
      /* (the label before the name tells whether a place may take it) */
      g_string_printf (c->scratch, "%c%s", is_word_in (c, o->last, W_ORG_SUFFIXES) ? 'i' : 'o', mention_name (c, o));
      const char *name = g_string_chunk_insert (c->store, c->scratch->str);
      for (guint k = o->first + 1; k < o->last; k++)
        if (tok_is_cap_word (c, k))
          {
            fold_into (c->scratch, c->text + o->start, c->tokens[k].end - o->start);
            if (!g_hash_table_contains (starts, c->scratch->str))
              g_hash_table_insert (starts, (gpointer) stored_key (c, c->scratch->str), (gpointer) name);
          }
    }
  if (words)
    for (guint i = 0; i < c->mentions->len; i++)
      {
        Mention *m = &ms[i];
        Label known;
        /* (a word the gazetteers know keeps its label: "Washington" of "Washington Post") */
        if (m->last != m->first || m->canonical || m->label == LABEL_NATIONALITY
            || !(m->guessed || m->tentative || m->label != LABEL_PERSON) || tok_entry (c, m->first, TRUE, &known))
          continue;
        const char *org = g_hash_table_lookup (words, tok_word (c, m->first, TRUE)->fold);
        if (org)
          {
            m->label = LABEL_ORGANIZATION;
            m->canonical = org;
            m->tentative = FALSE;
          }
      }
  if (!starts)
    return;
  for (guint i = 0; i < c->mentions->len; i++)
    {
      Mention *m = &ms[i];
      if (m->last == m->first || m->canonical || is_word_in (c, m->last, W_ORG_SUFFIXES)
          || !(m->label == LABEL_LOCATION || m->label == LABEL_ORGANIZATION
               || (m->label == LABEL_PERSON && (m->tentative || !is_given_name (c, m->first)))))
        continue;
      /* (and a person's name that is no given name and a surname: "De Beers Consolidated
       * Mines Ltd" ... "De Beers") */
      const char *org = g_hash_table_lookup (starts, mention_fold (c, m));
      if (org && !(org[0] == 'i' && m->label == LABEL_LOCATION))
        {
          m->label = LABEL_ORGANIZATION;
          m->canonical = org + 1;
          m->tentative = FALSE;
        }
    }
}

/* "says Accion International spokeswoman Gabriela Romanow", "said Zorvex spokesman John
 * Doe": a name no list knows, with no given name, before a spokesperson's word and a name is
 * the organisation the spokesperson speaks for ("Putin spokesman Dmitry Peskov": the lists
 * know Putin; "Obama" named in full earlier is his) */
static void
spokespeople_of_organisations (Context *c)
{
  static const char *const spokes[] = { "spokesman", "spokeswoman", "spokesperson", "spokespeople", NULL };
  Mention *ms = (Mention *) c->mentions->data;
  for (guint i = 0; i < c->mentions->len; i++)
    {
      Mention *m = &ms[i];
      guint after = m->last + 1;
      Label known;
      if (m->label != LABEL_PERSON || m->canonical || m->title_word || after + 1 >= c->n
          || !tok_is_one_of (c, after, spokes) || !tok_is_cap_word (c, after + 1)
          || is_given_name (c, m->first) || name_end (c, m->last) != c->tokens[m->last].end
          || (m->first == m->last && tok_entry (c, m->first, TRUE, &known)))
        continue;
      /* (a surname of someone named in full: "Mitt Romney ... Romney spokesman") */
      const Word *word = tok_word (c, m->last, TRUE);
      gboolean surname = FALSE;
      for (guint k = 0; k < c->mentions->len && !surname; k++)
        surname = k != i && ms[k].label == LABEL_PERSON && ms[k].last > ms[k].first && tok_word (c, ms[k].last, TRUE) == word;
      if (surname)
        continue;
      /* (and wherever else the article writes the name: "Zorvex fell") */
      g_autofree char *fold = g_strdup (mention_fold (c, m)); /* (the scratch is reused) */
      for (guint k = 0; k < c->mentions->len; k++)
        if (ms[k].label == LABEL_PERSON && !ms[k].canonical && (k == i || strcmp (mention_fold (c, &ms[k]), fold) == 0))
          ms[k].label = LABEL_ORGANIZATION;
    }
}

/* Finds the mentions of @c (tokens, text and language set). */
static void
find_mentions (Context *c, const char *language)
{
  c->nouns_capitalised = language && (strcmp (language, "de") == 0 || strcmp (language, "lb") == 0);
  /* the words the article writes in lower case, known before any capitalised one is judged */
  for (guint i = 0; i < c->n; i++)
    if (c->tokens[i].kind == NF_TOKEN_WORD && !(c->tokens[i].flags & NF_TOKEN_CAPITALIZED))
      tok_word (c, i, FALSE)->lower = TRUE;

  find_sequences (c);
  department_remits (c);
  elided_places (c);
  /* before short mentions take a full name: "Lyon" must not become "Métropole de Lyon" */
  no_places_as_people (c, language);
  resolve (c);
  spokespeople_of_organisations (c);
  resolve_org_short_forms (c);
  drop_lone_titles (c);
  /* and the lone words the evidence made people ("la consejera de Salud, Inmaculada ...") */
  no_places_as_people (c, language);
  join_places (c);
  drop_storm_names (c);
  drop_time_zones (c);
  sports_clubs (c);
  label_passes (c);
}

/* What an article's work allocates, kept by a worker thread for its next article
 * (extract "entities"'s worker state): a dozen allocations and frees an article, with their
 * zeroing, were 3% of the stage's instructions.  Buffers grown past WORKER_KEEP entries by a
 * huge article are given back when it ends, so that the memory held stays flat. */
struct _EntitiesRulesWorker {
  GString      *scratch, *joined;
  GArray       *mentions;
  GStringChunk *store;
  guint32      *slots;
  guint         n_slots;      /* allocated */
  Word         *words;
  guint         words_size;
  NameTable     resolve_tables[N_RESOLVE_TABLES];
  guint32      *token_words, *bare_words, *fold_words, *cap_words;
  gsize         token_words_size, bare_words_size, fold_words_size, cap_words_size; /* allocated */
};

enum { WORKER_KEEP = 1 << 16 };

EntitiesRulesWorker *
entities_rules_worker_new (void)
{
  EntitiesRulesWorker *worker = g_new0 (EntitiesRulesWorker, 1);
  worker->scratch = g_string_sized_new (64);
  worker->joined = g_string_sized_new (64);
  worker->mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  worker->store = g_string_chunk_new (4096);
  for (guint t = 0; t < N_RESOLVE_TABLES; t++)
    name_table_init (&worker->resolve_tables[t]);
  return worker;
}

void
entities_rules_worker_free (EntitiesRulesWorker *worker)
{
  if (!worker)
    return;
  g_string_free (worker->scratch, TRUE);
  g_string_free (worker->joined, TRUE);
  g_array_unref (worker->mentions);
  g_string_chunk_free (worker->store);
  for (guint t = 0; t < N_RESOLVE_TABLES; t++)
    g_free (worker->resolve_tables[t].slots);
  g_free (worker->slots);
  g_free (worker->words);
  g_free (worker->token_words);
  g_free (worker->cap_words);
  g_free (worker->bare_words);
  g_free (worker->fold_words);
  g_free (worker);
}

/* @n zeroed entries of *@buffer, which holds *@size: grown (and *@size with it) when short. */
static guint32 *
zeroed (guint32 **buffer, gsize *size, gsize n)
{
  if (*size < n)
    {
      g_free (*buffer);
      *size = MAX (n, 256);
      *buffer = g_new (guint32, *size);
    }
  memset (*buffer, 0, n * sizeof (guint32));
  return *buffer;
}

/* The work of one article: what find_mentions() needs, freed by context_clear(); from
 * @worker's buffers when there is one (NULL: allocated for the article). */
static void
context_init (Context *c, const Entities *self, const char *text, const NfToken *tokens, guint n,
              const NfText *segmentation, EntitiesRulesWorker *worker)
{
  /* short articles have about one distinct word in two tokens, long ones far fewer: room
   * for a short one's without growing, a long one's grows with what it holds */
  guint n_slots = 64;
  while (n_slots < n && n_slots < 8192)
    n_slots *= 2;
  *c = (Context) {
    .self = self,
    .text = text,
    .tokens = tokens,
    .n = n,
    .n_slots = n_slots,
  };
  EntitiesRulesWorker local = { 0 };
  EntitiesRulesWorker *w = worker ? worker : &local;
  if (!worker)
    {
      local.scratch = g_string_sized_new (64);
      local.joined = g_string_sized_new (64);
      local.mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
      local.store = g_string_chunk_new (4096);
      for (guint t = 0; t < N_RESOLVE_TABLES; t++)
        name_table_init (&local.resolve_tables[t]);
    }
  c->scratch = w->scratch;
  c->joined = w->joined;
  c->mentions = w->mentions;
  c->store = w->store;
  memcpy (c->resolve_tables, w->resolve_tables, sizeof c->resolve_tables);
  gsize slots_size = w->n_slots;
  c->slots = zeroed (&w->slots, &slots_size, n_slots);
  w->n_slots = slots_size;
  if (w->words_size < n_slots / 2)
    {
      g_free (w->words);
      w->words_size = n_slots / 2;
      w->words = g_new (Word, w->words_size);
    }
  c->words = w->words;
  c->words_size = w->words_size;
  c->token_words = zeroed (&w->token_words, &w->token_words_size, (gsize) n + 1);
  c->bare_words = zeroed (&w->bare_words, &w->bare_words_size, (gsize) n + 1);
  c->cap_words = zeroed (&w->cap_words, &w->cap_words_size, (gsize) n + 1);
  if (segmentation)
    {
      guint n_folds;
      c->fold_ids = nf_text_get_fold_ids (segmentation, &c->folds, &n_folds);
      c->fold_words = zeroed (&w->fold_words, &w->fold_words_size, (gsize) n_folds + 1);
      index_prefetch (self, c->folds, n_folds);
    }
}

/* Ends the work of context_init(): what it took from @worker goes back (as words_grow and
 * word_intern left it), or is freed. */
static void
context_clear (Context *c, EntitiesRulesWorker *worker)
{
  if (!worker)
    {
      g_string_free (c->scratch, TRUE);
      g_string_free (c->joined, TRUE);
      g_array_unref (c->mentions);
      g_string_chunk_free (c->store);
      g_free (c->slots);
      g_free (c->words);
      g_free (c->token_words);
      g_free (c->bare_words);
      g_free (c->fold_words);
      g_free (c->cap_words);
      for (guint t = 0; t < N_RESOLVE_TABLES; t++)
        g_free (c->resolve_tables[t].slots);
      return;
    }
  g_array_set_size (c->mentions, 0);
  g_string_chunk_clear (c->store);
  /* (words_grow and word_intern replace the table and the words when they grow them: the
   * worker's were freed then) */
  if (c->slots != worker->slots)
    {
      worker->slots = c->slots;
      worker->n_slots = c->n_slots;
    }
  worker->words = c->words;
  worker->words_size = c->words_size;
  /* (resolve() emptied them, and a table it grew has other slots) */
  memcpy (worker->resolve_tables, c->resolve_tables, sizeof worker->resolve_tables);
  if (worker->n_slots > WORKER_KEEP || worker->token_words_size > WORKER_KEEP
      || worker->fold_words_size > WORKER_KEEP)
    {
      g_clear_pointer (&worker->slots, g_free);
      g_clear_pointer (&worker->words, g_free);
      g_clear_pointer (&worker->token_words, g_free);
      g_clear_pointer (&worker->bare_words, g_free);
      g_clear_pointer (&worker->fold_words, g_free);
      g_clear_pointer (&worker->cap_words, g_free);
      worker->n_slots = worker->words_size = 0;
      worker->token_words_size = worker->bare_words_size = worker->fold_words_size = worker->cap_words_size = 0;
    }
  if (worker->scratch->allocated_len > 4 * WORKER_KEEP)
    {
      g_string_free (worker->scratch, TRUE);
      worker->scratch = g_string_sized_new (64);
    }
  if (worker->joined->allocated_len > 4 * WORKER_KEEP)
    {
      g_string_free (worker->joined, TRUE);
      worker->joined = g_string_sized_new (64);
    }
  if (c->n > WORKER_KEEP) /* (a GArray keeps the room it had) */
    {
      g_array_unref (worker->mentions);
      worker->mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
    }
}

static int
by_first_token (gconstpointer a, gconstpointer b)
{
  const EntitiesRuleSpan *x = a, *y = b;
  return x->first < y->first ? -1 : x->first > y->first;
}

void
entities_rules_spans (gconstpointer instance, const char *text, const NfToken *tokens, guint n,
                      const char *language, GArray *spans)
{
  Context c;
  context_init (&c, instance, text, tokens, n, NULL, NULL);
  find_mentions (&c, language);
  const GArray *mentions = c.mentions;
  guint t = 0;
  for (guint i = 0; i < mentions->len; i++)
    {
      const Mention *m = &g_array_index (mentions, Mention, i);
      if (m->label == LABEL_NONE || m->tentative || m->end <= m->start)
        continue;
      /* (the model's spans are whole tokens: not "London" of "London-based") */
      if (m->end < tokens[m->last].end && text[m->end] == '-')
        continue;
      /* the tokens of the name (without title or possessive); mentions come in text order */
      while (t > 0 && tokens[t - 1].end > m->start)
        t--;
      while (t < n && tokens[t].end <= m->start)
        t++;
      if (t >= n || tokens[t].start >= m->end)
        continue;
      EntitiesRuleSpan span = { .first = t, .last = t, .title_first = t, .label = m->label };
      while (span.last + 1 < n && tokens[span.last + 1].start < m->end)
        span.last++;
      while (m->title_end > m->title_start && span.title_first > 0 && tokens[span.title_first - 1].start >= m->title_start)
        span.title_first--;
      g_array_append_val (spans, span);
    }
  context_clear (&c, NULL);
  g_array_sort (spans, by_first_token);
}

gboolean
entities_rules_process (gconstpointer instance, EntitiesRulesWorker *worker, NfArticle *article)
{
  const Entities *self = instance;
  const char *text = nf_article_get_text (article);
  if (!text)
    return TRUE;
  const NfText *segmentation = nf_article_get_segmentation (article);
  guint n;
  const NfToken *tokens = nf_text_get_tokens (segmentation, &n);
  Context c;
  context_init (&c, self, text, tokens, n, segmentation, worker);
  c.headline = nf_article_get_title (article);
  find_mentions (&c, nf_article_get_language (article));
  const GArray *mentions = c.mentions;

  /* Annotations, and the distinct entities in order of first mention. */
  EntitiesList *list = entities_list_new ();
  for (guint i = 0; i < mentions->len; i++)
    {
      Mention *m = &g_array_index (mentions, Mention, i);
      if (m->label == LABEL_NONE || m->tentative || !self->report[m->label] || m->end <= m->start)
        continue;
      /* through a buffer: the annotation and the list copy the name */
      const char *name = mention_name_in (&c, m, c.joined);
      NfAnnotation *a = nf_article_add_annotation (article, NF_ANNOTATION_ENTITY, m->start, m->end);
      nf_annotation_set_attr_string (a, NF_ATTR_LABEL, label_names[m->label]);
      nf_annotation_set_attr_string (a, NF_ATTR_CANONICAL, name);
      if (m->title_end > m->title_start)
        {
          g_string_truncate (c.scratch, 0);
          g_string_append_len (c.scratch, text + m->title_start, m->title_end - m->title_start);
          nf_annotation_set_attr_string (a, NF_ATTR_TITLE, c.scratch->str);
        }
      entities_list_add (list, name, label_names[m->label]);
    }

  nf_article_set_field (article, NF_FIELD_ENTITIES, entities_list_end (list));
  context_clear (&c, worker);
  return TRUE;
}
