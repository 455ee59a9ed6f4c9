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

EnRanker *
en_ranker_load (const char *relative, GError **error)
{
  g_autofree char *path = nf_data_find (relative, error);
  g_autofree char *contents = NULL;
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  g_autofree EnRanker *ranker = g_new0 (EnRanker, 1);
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n]; n++)
    {
      char *line = g_strstrip (lines[n]);
      if (*line == '\0' || *line == '#')
        continue;
      g_auto (GStrv) fields = g_strsplit_set (line, " \t", 2);
      char *end = NULL;
      double weight = fields[1] ? g_ascii_strtod (g_strstrip (fields[1]), &end) : 0;
      guint f = 0;
      while (f < EN_N_FEATURES && strcmp (en_feature_names[f], fields[0]) != 0)
        f++;
      if (f == EN_N_FEATURES || end == NULL || end == fields[1] || *end != '\0')
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s:%u: not a known feature and its weight: '%s'",
                       path, n + 1, line);
          return NULL;
        }
      ranker->weights[f] = weight;
    }
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
