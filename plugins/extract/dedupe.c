/* extract "dedupe": near-duplicate detection across a run.  Each article gets a 64-bit
 * SimHash of its word shingles ("fingerprint"); a later article whose fingerprint is within
 * the Hamming threshold of a remembered one is marked "duplicate_of" it, or dropped.
 *
 * Ordered stage (NF_PLUGIN_FLAG_ORDERED): it runs on one thread in input order, so "earlier"
 * means earlier in the input and the result is the same for every -j.
 *
 * Index: the 64 bits are cut into threshold + 1 bands (7 of 9 or 10 bits for the default 6).
 * Two fingerprints within the threshold agree on at least one whole band (pigeonhole), so a
 * lookup only compares the articles filed under one of its band values (about 1/512 of the
 * remembered ones per band).  Memory is bounded by `window`: only the last `window` originals
 * are remembered (a ring), about 40 bytes plus the id per article plus about 24 bytes per
 * band entry (some 250 bytes an article with the defaults, 50 MB for the default window);
 * stale band entries are pruned as lookups meet them, since each bucket is in input order. */
#include <inttypes.h>
#include <string.h>

#include <newsflow/newsflow.h>

typedef struct {
  guint64 seq;   /* 1-based number of the original in the run; 0: empty slot */
  guint64 hash;
  char   *id;
} Entry;

typedef struct {
  guint    shingle;
  guint    threshold;
  gboolean drop;
  guint    min_words;
  guint    n_bands;
  gsize    window;
  Entry   *ring;      /* window entries, slot = seq % window */
  GHashTable **buckets; /* per band: band value (guint64 *) -> GArray of guint64 seq */
  guint64  next_seq;
} Dedupe;

static const NfOption dedupe_options[] = {
  NF_OPTION_INT ("shingle", 3, "Words per shingle (consecutive words hashed together)."),
  NF_OPTION_INT ("threshold", 6,
                 "Largest Hamming distance (differing bits of 64) at which two fingerprints are "
                 "near-duplicates, 0 to 7. Unrelated texts differ in about 32 bits; a copy with a "
                 "word or a paragraph changed in 3 to 6."),
  NF_OPTION_BOOL ("drop", cfg_false,
                  "Drop later copies (counted as dropped, reason \"duplicate: copy of ID\") instead of "
                  "only marking them with duplicate_of."),
  NF_OPTION_INT ("min-words", 10,
                 "Bodies with fewer words get a fingerprint but are never called duplicates: "
                 "short texts collide by chance."),
  NF_OPTION_INT ("window", 200000,
                 "How many earlier originals are remembered (memory is about 250 bytes each); "
                 "older ones are forgotten, so a copy further back is not found."),
  NF_OPTION_END
};

static void
dedupe_free (gpointer instance)
{
  Dedupe *dedupe = instance;
  for (gsize i = 0; i < dedupe->window; i++)
    g_free (dedupe->ring[i].id);
  g_free (dedupe->ring);
  for (guint band = 0; band < dedupe->n_bands; band++)
    g_hash_table_unref (dedupe->buckets[band]);
  g_free (dedupe->buckets);
  g_free (dedupe);
}

static gboolean
dedupe_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  long shingle = cfg_getint (config, "shingle"), threshold = cfg_getint (config, "threshold");
  long window = cfg_getint (config, "window"), min_words = cfg_getint (config, "min-words");
  if (shingle < 1 || shingle > 16 || threshold < 0 || threshold > 7 || window < 1 || min_words < 0)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN,
                           "dedupe: shingle must be 1 to 16, threshold 0 to 7, window 1 or more "
                           "and min-words 0 or more");
      return FALSE;
    }
  Dedupe *dedupe = g_new0 (Dedupe, 1);
  dedupe->shingle = shingle;
  dedupe->threshold = threshold;
  dedupe->drop = cfg_getbool (config, "drop");
  dedupe->min_words = min_words;
  dedupe->n_bands = threshold + 1;
  dedupe->window = window;
  dedupe->ring = g_new0 (Entry, window);
  dedupe->buckets = g_new0 (GHashTable *, dedupe->n_bands);
  for (guint band = 0; band < dedupe->n_bands; band++)
    dedupe->buckets[band] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  nf_stage_set_instance (stage, dedupe);
  return TRUE;
}

/* A 64-bit hash of one word, case-folded so "The" and "the" agree. */
static guint64
hash_word (const char *text, gsize start, gsize end)
{
  guint64 h = 0xcbf29ce484222325ULL; /* FNV-1a */
  gboolean ascii = TRUE;
  for (gsize i = start; i < end; i++)
    ascii &= (guchar) text[i] < 0x80;
  if (ascii)
    for (gsize i = start; i < end; i++)
      h = (h ^ (guchar) g_ascii_tolower (text[i])) * 0x100000001b3ULL;
  else
    {
      g_autofree char *folded = g_utf8_casefold (text + start, end - start);
      for (const char *p = folded; *p; p++)
        h = (h ^ (guchar) *p) * 0x100000001b3ULL;
    }
  return h;
}

/* splitmix64's finaliser: spreads a combination of word hashes over all 64 bits. */
static guint64
mix (guint64 x)
{
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/* Charikar's SimHash: each shingle votes +1/-1 on every bit by its hash. */
static guint64
simhash (NfArticle *article, guint shingle, guint *n_words)
{
  *n_words = 0;
  if (!nf_article_has_text (article))
    return 0;
  const char *text = nf_article_get_text (article);
  guint n_tokens;
  const NfToken *tokens = nf_text_get_tokens (nf_article_get_segmentation (article), &n_tokens);
  g_autofree guint64 *words = g_new (guint64, n_tokens + 1);
  guint n = 0;
  for (guint i = 0; i < n_tokens; i++)
    if (tokens[i].kind == NF_TOKEN_WORD || tokens[i].kind == NF_TOKEN_NUMBER)
      words[n++] = hash_word (text, tokens[i].start, tokens[i].end);
  *n_words = n;
  if (n == 0)
    return 0;
  gint votes[64] = { 0 };
  guint k = MIN (shingle, n);
  for (guint i = 0; i + k <= n; i++)
    {
      guint64 h = 0;
      for (guint j = 0; j < k; j++)
        h = mix (h ^ words[i + j]) + j;
      for (guint bit = 0; bit < 64; bit++)
        votes[bit] += (h >> bit) & 1 ? 1 : -1;
    }
  guint64 hash = 0;
  for (guint bit = 0; bit < 64; bit++)
    if (votes[bit] > 0)
      hash |= G_GUINT64_CONSTANT (1) << bit;
  return hash;
}

/* The bits of @band in @hash: band i covers bits [64 i / n, 64 (i + 1) / n). */
static guint64
band_value (Dedupe *dedupe, guint band, guint64 hash)
{
  guint from = 64 * band / dedupe->n_bands, to = 64 * (band + 1) / dedupe->n_bands;
  guint64 mask = to - from == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (to - from)) - 1;
  return (hash >> from) & mask;
}

/* The earliest remembered original within the threshold, or NULL. */
static const Entry *
find_original (Dedupe *dedupe, guint64 hash)
{
  const Entry *best = NULL;
  guint64 oldest_kept = dedupe->next_seq > dedupe->window ? dedupe->next_seq - dedupe->window + 1 : 1;
  for (guint band = 0; band < dedupe->n_bands; band++)
    {
      guint64 value = band_value (dedupe, band, hash);
      GArray *bucket = g_hash_table_lookup (dedupe->buckets[band], &value);
      if (bucket == NULL)
        continue;
      /* Entries are in input order: those older than the window are a prefix. */
      guint stale = 0;
      while (stale < bucket->len && g_array_index (bucket, guint64, stale) < oldest_kept)
        stale++;
      if (stale)
        g_array_remove_range (bucket, 0, stale);
      for (guint i = 0; i < bucket->len; i++)
        {
          const Entry *entry = &dedupe->ring[g_array_index (bucket, guint64, i) % dedupe->window];
          if (best && entry->seq >= best->seq)
            break; /* later in this bucket: cannot be earlier than the best */
          if ((guint) __builtin_popcountll (entry->hash ^ hash) <= dedupe->threshold)
            best = entry;
        }
    }
  return best;
}

static void
remember (Dedupe *dedupe, guint64 hash, const char *id)
{
  guint64 seq = ++dedupe->next_seq;
  Entry *entry = &dedupe->ring[seq % dedupe->window];
  g_free (entry->id);
  entry->seq = seq;
  entry->hash = hash;
  entry->id = g_strdup (id);
  for (guint band = 0; band < dedupe->n_bands; band++)
    {
      guint64 value = band_value (dedupe, band, hash);
      GArray *bucket = g_hash_table_lookup (dedupe->buckets[band], &value);
      if (bucket == NULL)
        {
          bucket = g_array_new (FALSE, FALSE, sizeof (guint64));
          g_hash_table_insert (dedupe->buckets[band], g_memdup2 (&value, sizeof value), bucket);
        }
      g_array_append_val (bucket, seq);
    }
}

static gboolean
dedupe_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, G_GNUC_UNUSED GError **error)
{
  Dedupe *dedupe = nf_stage_get_instance (stage);
  guint n_words;
  guint64 hash = simhash (article, dedupe->shingle, &n_words);
  char hex[17];
  g_snprintf (hex, sizeof hex, "%016" PRIx64, hash);
  nf_article_set_field_string (article, NF_FIELD_FINGERPRINT, hex);
  if (n_words < MAX (dedupe->min_words, 1))
    return TRUE;

  const Entry *original = find_original (dedupe, hash);
  if (original == NULL)
    {
      remember (dedupe, hash, nf_article_get_id (article));
      return TRUE;
    }
  /* Copies are not remembered: every duplicate_of names an article that was kept. */
  nf_article_set_field_string (article, NF_FIELD_DUPLICATE_OF, original->id);
  if (dedupe->drop)
    {
      g_autofree char *reason = g_strdup_printf ("duplicate: copy of %s", original->id);
      nf_article_drop (article, reason);
    }
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "dedupe",
  .summary = "Marks or drops near-duplicate articles by SimHash fingerprints of word shingles",
  .options = dedupe_options,
  .flags = NF_PLUGIN_FLAG_ORDERED,
  .init = dedupe_init,
  .process = dedupe_process,
  .free = dedupe_free,
);
