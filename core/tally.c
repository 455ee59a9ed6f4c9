/* tally.c: the run's drop reasons, grouped, for the tally line: a crawl reads
 * "dropped 812 (http 404: 790, http 410: 22)" and knows what it lost and why. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "runner.h"

void
nf_tally_count_drop (NfTally *tally, const char *reason)
{
  if (reason == NULL || *reason == '\0')
    reason = "no reason given";
  gsize length = strcspn (reason, ":");
  length = MIN (length, sizeof tally->drops[0].reason - 1);
  for (guint i = 0; i < NF_TALLY_DROP_GROUPS; i++)
    {
      NfTallyDrops *group = &tally->drops[i];
      if (group->count == 0)
        {
          memcpy (group->reason, reason, length);
          group->reason[length] = '\0';
        }
      if (strncmp (group->reason, reason, length) == 0 && group->reason[length] == '\0')
        {
          group->count++;
          return;
        }
    }
  NfTallyDrops *other = &tally->drops[NF_TALLY_DROP_GROUPS];
  g_strlcpy (other->reason, "other", sizeof other->reason);
  other->count++;
}

static gint
by_count (gconstpointer a, gconstpointer b)
{
  const NfTallyDrops *x = a, *y = b;
  return x->count < y->count ? 1 : x->count > y->count ? -1 : strcmp (x->reason, y->reason);
}

char *
nf_tally_format_drops (const NfTally *tally)
{
  NfTallyDrops groups[NF_TALLY_DROP_GROUPS];
  guint n = 0;
  for (guint i = 0; i < NF_TALLY_DROP_GROUPS && tally->drops[i].count; i++)
    groups[n++] = tally->drops[i];
  if (n == 0)
    return g_strdup ("");
  qsort (groups, n, sizeof groups[0], by_count);
  GString *out = g_string_new (" (");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s: %" G_GUINT64_FORMAT, i ? ", " : "", groups[i].reason, groups[i].count);
  if (tally->drops[NF_TALLY_DROP_GROUPS].count)
    g_string_append_printf (out, ", other: %" G_GUINT64_FORMAT, tally->drops[NF_TALLY_DROP_GROUPS].count);
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}
