/* perceptron.h: an averaged perceptron over hashed features, for sequence taggers (entities
 * now, parts of speech later).  A feature is a 32-bit hash; its weights for the n classes sit
 * side by side (one cache line for a few classes), in a table of 2^bits rows.  Training keeps
 * the running totals needed for averaging; a loaded model holds only the averaged weights and
 * is read-only, so one copy serves every worker thread.
 *
 * Model file (all integers little-endian):
 *   "NFPERCEPTRON 1\n", "kind <text>\n", "classes <name> <name> ...\n", "bits <n>\n",
 *   "rows <count>\n", then <count> rows of: uint32 row index, n_classes int16 weights,
 *   scaled by "scale" (the weights' largest magnitude / 32767, written as "scale <%a>\n"
 *   before "rows").  Rows of zeros are not written; rows come in increasing order, so the same
 *   weights always give the same bytes. */
#ifndef NLP_PERCEPTRON_H
#define NLP_PERCEPTRON_H

#include <glib.h>

G_BEGIN_DECLS

#define NLP_PERCEPTRON_MAX_CLASSES 16

typedef struct _NlpPerceptron NlpPerceptron;

/* FNV-1a over @length bytes of @data, continuing from @seed (use nlp_hash_seed for a start). */
#define NLP_HASH_SEED 2166136261u
static inline guint32
nlp_hash_bytes (guint32 seed, const void *data, gsize length)
{
  const guchar *p = data;
  for (gsize i = 0; i < length; i++)
    seed = (seed ^ p[i]) * 16777619u;
  return seed;
}

static inline guint32
nlp_hash_int (guint32 seed, guint32 value)
{
  return nlp_hash_bytes (seed, &value, sizeof value);
}

NlpPerceptron *nlp_perceptron_new        (const char *kind, const char *const *classes, guint bits);
void           nlp_perceptron_free       (NlpPerceptron *self);
guint          nlp_perceptron_n_classes  (const NlpPerceptron *self);
const char    *nlp_perceptron_class_name (const NlpPerceptron *self, guint c);

/* Adds the weights of @n_features features to @scores (n_classes floats, zeroed by the caller). */
void           nlp_perceptron_score      (const NlpPerceptron *self, const guint32 *features,
                                          guint n_features, float *scores);
/* The best class of @scores, among those @allowed (a bit mask; 0 allows every class). */
guint          nlp_perceptron_best       (const NlpPerceptron *self, const float *scores, guint32 allowed);

/* Training: one instance has been seen (the clock of averaging) ... */
void           nlp_perceptron_tick       (NlpPerceptron *self);
/* ... and, when it was wrong, its features move towards @truth and away from @guess. */
void           nlp_perceptron_update     (NlpPerceptron *self, const guint32 *features, guint n_features,
                                          guint truth, guint guess);
/* Replaces the weights by their averages over the instances seen; ends training. */
void           nlp_perceptron_average    (NlpPerceptron *self);

gboolean       nlp_perceptron_save       (const NlpPerceptron *self, const char *path, GError **error);
/* Loads a model file; @kind must match the file's kind line (what features it expects). */
NlpPerceptron *nlp_perceptron_load       (const char *path, const char *kind, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NlpPerceptron, nlp_perceptron_free)

G_END_DECLS

#endif /* NLP_PERCEPTRON_H */
