/* suggest.c: "did you mean" for typos in chain files and on the command line. */
#include "config.h"

#include <string.h>

#include "suggest.h"

/* Optimal string alignment distance (Levenshtein plus adjacent transpositions), so that
 * "outptu" is one edit from "output". */
static guint
edit_distance (const char *a, const char *b)
{
  gsize n = strlen (a), m = strlen (b);
  g_autofree guint *rows = g_new0 (guint, 3 * (m + 1));
  guint *before = rows, *previous = rows + (m + 1), *current = rows + 2 * (m + 1);

  for (gsize j = 0; j <= m; j++)
    previous[j] = j;
  for (gsize i = 1; i <= n; i++)
    {
      current[0] = i;
      for (gsize j = 1; j <= m; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint best = MIN (previous[j] + 1, current[j - 1] + 1);
          best = MIN (best, previous[j - 1] + cost);
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            best = MIN (best, before[j - 2] + 1);
          current[j] = best;
        }
      guint *recycled = before;
      before = previous;
      previous = current;
      current = recycled;
    }
  return previous[m];
}

const char *
nf_closest_match (const char *word, GPtrArray *candidates)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  /* Allow about one edit per three characters: close enough to be a typo, not a guess. */
  guint limit = MAX (1, strlen (word) / 3);

  for (guint i = 0; candidates && i < candidates->len; i++)
    {
      const char *candidate = g_ptr_array_index (candidates, i);
      guint distance = edit_distance (word, candidate);
      if (distance <= limit && distance < best_distance)
        {
          best = candidate;
          best_distance = distance;
        }
    }
  return best;
}

char *
nf_join_names (GPtrArray *names)
{
  GString *joined = g_string_new (NULL);
  for (guint i = 0; names && i < names->len; i++)
    {
      if (i > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, g_ptr_array_index (names, i));
    }
  if (joined->len == 0)
    g_string_append (joined, "(none)");
  return g_string_free (joined, FALSE);
}
