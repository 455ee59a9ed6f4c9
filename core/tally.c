/* tally.c: the run's drop reasons, grouped, for the tally line: a crawl reads
 * "dropped 812 (http 404: 790, http 410: 22)" and knows what it lost and why. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "runner.h"

/* The group of a reason: "http 404: Not Found" -> "http 404"; a reason without a colon has
 * its numbers written N ("only 405 words" -> "only N words"), so that scripts' reasons that
 * carry a count still group. */
static void
reason_group (const char *reason, char *group, gsize size)
{
  gsize colon = strcspn (reason, ":");
  if (reason[colon] == ':')
    {
      gsize length = MIN (colon, size - 1);
      memcpy (group, reason, length);
      group[length] = '\0';
      return;
    }
  gsize out = 0;
  for (const char *p = reason; *p && out + 1 < size; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          while (g_ascii_isdigit (p[1]))
            p++;
          group[out++] = 'N';
        }
      else
        group[out++] = *p;
    }
  group[out] = '\0';
}

void
nf_tally_count_drop (NfTally *tally, const char *reason)
{
  if (reason == NULL || *reason == '\0')
    reason = "no reason given";
  char group_name[sizeof tally->drops[0].reason];
  reason_group (reason, group_name, sizeof group_name);
  reason = group_name;
  gsize length = strlen (reason);
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
