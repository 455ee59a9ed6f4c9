/* ranker.c: reads the learned key-phrase ranker's weights and scores candidates with them. */
#include <string.h>

#include <newsflow/newsflow.h>

#include "ranker.h"

const char *const en_feature_names[EN_N_FEATURES] = {
  "bias", "words_2", "words_3", "name", "some_name", "adjective", "number", "alone", "within",
  "first", "first_share", "spread", "headline", "headline_only", "rarity", "rarity_min",
  "weight", "rules", "time", "part_of_name", "short", "head", "modifier", "tf_max",
};

struct _EnRanker {
  double weights[EN_N_FEATURES];
};

static gboolean
set_weight (const char *name, double weight, gpointer data)
{
  EnRanker *ranker = data;
  for (guint f = 0; f < EN_N_FEATURES; f++)
    if (strcmp (en_feature_names[f], name) == 0)
      {
        ranker->weights[f] = weight;
        return TRUE;
      }
  return FALSE;
}

EnRanker *
en_ranker_load (const char *relative, GError **error)
{
  g_autofree char *path = nf_data_find (relative, error);
  g_autofree char *contents = NULL;
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  g_autofree EnRanker *ranker = g_new0 (EnRanker, 1);
  if (!nf_data_read_named_values (contents, path, "a known feature and its weight", set_weight, ranker, error))
    return NULL;
  return g_steal_pointer (&ranker);
}

void
en_ranker_free (EnRanker *ranker)
{
  g_free (ranker);
}

double
en_ranker_score (const EnRanker *ranker, const double *features)
{
  double score = 0;
  for (guint f = 0; f < EN_N_FEATURES; f++)
    score += ranker->weights[f] * features[f];
  return score;
}
