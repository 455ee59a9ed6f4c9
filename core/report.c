/* report.c: formats a run's figures for people (progress line, --stats table) and for
 * programs (--stats=json, the Prometheus metrics file).  See report.h. */
#include "config.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include <newsflow/error.h>

double
nf_progress_fraction (const NfProgress *progress)
{
  double fraction;
  if (progress->items_total > 0)
    fraction = (double) progress->items_done / progress->items_total;
  else if (progress->bytes_total > 0)
    {
      /* The fetcher reads ahead of the pipeline: count only the share of what it read that
       * is finished. */
      fraction = (double) progress->bytes_done / progress->bytes_total;
      if (progress->items_read > 0)
        fraction *= (double) progress->items_done / progress->items_read;
    }
  else
    return -1;
  return CLAMP (fraction, 0.0, 1.0);
}

/* "0:09", "12:40", "3:05:12" */
static void
append_duration (GString *out, double seconds)
{
  guint64 s = (guint64) (seconds + 0.5);
  if (s >= 3600)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600, (guint) (s / 60 % 60), (guint) (s % 60));
  else
    g_string_append_printf (out, "%u:%02u", (guint) (s / 60), (guint) (s % 60));
}

char *
nf_report_progress_line (const NfRunFigures *figures)
{
  const NfProgress *progress = &figures->progress;
  double fraction = nf_progress_fraction (progress);
  GString *out = g_string_new (NULL);
  if (progress->items_total > 0)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " articles (%.1f%%)",
                            progress->items_done, progress->items_total, fraction * 100);
  else
    {
      g_string_append_printf (out, "%" G_GUINT64_FORMAT " articles", figures->tally->read);
      if (fraction >= 0)
        {
          g_autofree char *size = g_format_size (progress->bytes_total);
          /* GLib puts a no-break space before the unit; a log wants plain ASCII. */
          g_autofree char *plain = g_strdup (size);
          for (char *nbsp; (nbsp = strstr (plain, "\u00a0")); )
            memmove (nbsp + 1, nbsp + 2, strlen (nbsp + 2) + 1), *nbsp = ' ';
          g_string_append_printf (out, ", %.1f%% of %s read", fraction * 100, plain);
        }
    }
  g_string_append_printf (out, ", %.0f/s", figures->tally->read / MAX (figures->seconds, 1e-6));
  /* A time left only once there is something to go on, and never for a run that is done. */
  if (fraction > 0.001 && fraction < 1 && progress->seconds >= 1 && !progress->finished)
    {
      g_string_append (out, ", ");
      append_duration (out, progress->seconds * (1 - fraction) / fraction);
      g_string_append (out, " left");
    }
  return g_string_free (out, FALSE);
}

void
nf_report_stats_table (GString *out, const NfRunFigures *figures)
{
  g_string_append_printf (out, "%-28s %10s %8s %8s %10s %10s %9s\n", "stage", "items", "failed",
                          "dropped", "seconds", "cpu s", "cpu ms/it");
  for (guint s = 0; s < figures->n_stages; s++)
    {
      const NfStageFigures *stage = &figures->stages[s];
      g_autofree char *name = g_strdup_printf ("%s %s", stage->kind, stage->name);
      double cpu = stage->cpu_usec / (double) G_USEC_PER_SEC;
      g_string_append_printf (out, "%-28s %10" G_GUINT64_FORMAT " %8" G_GUINT64_FORMAT " %8" G_GUINT64_FORMAT
                              " %10.3f %10.3f %9.4f\n", name, stage->items, stage->failed, stage->dropped,
                              stage->usec / (double) G_USEC_PER_SEC, cpu,
                              stage->items ? cpu * 1000 / stage->items : 0.0);
    }
  /* The whole process, so what the stages do not account for (start-up, model loading, the
   * runner itself) shows as the difference. */
  guint64 read = figures->tally ? figures->tally->read : 0;
  g_string_append_printf (out, "%-28s %10" G_GUINT64_FORMAT " %8s %8s %10.3f %10.3f %9.4f\n", "whole run",
                          read, "", "", figures->seconds, figures->cpu_seconds,
                          read ? figures->cpu_seconds * 1000 / read : 0.0);
}

static guint64
in_flight (const NfTally *tally)
{
  guint64 ended = tally->written + tally->dropped + tally->failed;
  return tally->read > ended ? tally->read - ended : 0;
}

static void
member_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
member_double (JsonBuilder *builder, const char *name, double value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
member_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

char *
nf_report_stats_json (const NfRunFigures *figures)
{
  const NfTally *tally = figures->tally;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_object (builder);
  member_int (builder, "read", (gint64) tally->read);
  member_int (builder, "written", (gint64) tally->written);
  member_int (builder, "dropped", (gint64) tally->dropped);
  member_int (builder, "failed", (gint64) tally->failed);
  member_int (builder, "in_flight", (gint64) in_flight (tally));
  json_builder_set_member_name (builder, "drop_reasons");
  json_builder_begin_object (builder);
  for (guint i = 0; i <= NF_TALLY_DROP_GROUPS; i++)
    if (tally->drops[i].count)
      member_int (builder, tally->drops[i].reason, (gint64) tally->drops[i].count);
  json_builder_end_object (builder);
  member_double (builder, "seconds", figures->seconds);
  member_double (builder, "cpu_seconds", figures->cpu_seconds);
  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint s = 0; s < figures->n_stages; s++)
    {
      const NfStageFigures *stage = &figures->stages[s];
      json_builder_begin_object (builder);
      member_string (builder, "kind", stage->kind);
      member_string (builder, "name", stage->name);
      member_int (builder, "items", (gint64) stage->items);
      member_int (builder, "failed", (gint64) stage->failed);
      member_int (builder, "dropped", (gint64) stage->dropped);
      member_double (builder, "seconds", stage->usec / (double) G_USEC_PER_SEC);
      member_double (builder, "cpu_seconds", stage->cpu_usec / (double) G_USEC_PER_SEC);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* A label value: backslash, double quote and line feed escaped, as the format asks. */
static void
append_label_value (GString *out, const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_family (GString *out, const char *name, const char *type, const char *help)
{
  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void
append_stage_sample (GString *out, const char *name, const NfStageFigures *stage, const char *value)
{
  g_string_append_printf (out, "%s{kind=", name);
  append_label_value (out, stage->kind);
  g_string_append (out, ",stage=");
  append_label_value (out, stage->name);
  g_string_append_printf (out, "} %s\n", value);
}

char *
nf_report_metrics (const NfRunFigures *figures)
{
  const NfTally *tally = figures->tally;
  GString *out = g_string_new (NULL);
  const struct { const char *name, *help; guint64 value; } counters[] = {
    { "newsflow_articles_read_total", "Articles (and unreadable items) the fetchers delivered.", tally->read },
    { "newsflow_articles_written_total", "Articles every formatter committed.", tally->written },
    { "newsflow_articles_dropped_total", "Articles a stage dropped on purpose.", tally->dropped },
    { "newsflow_articles_failed_total", "Articles that failed in some stage.", tally->failed },
  };
  for (guint i = 0; i < G_N_ELEMENTS (counters); i++)
    {
      append_family (out, counters[i].name, "counter", counters[i].help);
      g_string_append_printf (out, "%s %" G_GUINT64_FORMAT "\n", counters[i].name, counters[i].value);
    }
  append_family (out, "newsflow_articles_in_flight", "gauge",
                 "Articles read and not yet written, dropped or failed (in the pipeline or awaiting a commit).");
  g_string_append_printf (out, "newsflow_articles_in_flight %" G_GUINT64_FORMAT "\n", in_flight (tally));
  append_family (out, "newsflow_drops_total", "counter", "Dropped articles by reason (grouped as in the tally line).");
  for (guint i = 0; i <= NF_TALLY_DROP_GROUPS; i++)
    if (tally->drops[i].count)
      {
        g_string_append (out, "newsflow_drops_total{reason=");
        append_label_value (out, tally->drops[i].reason);
        g_string_append_printf (out, "} %" G_GUINT64_FORMAT "\n", tally->drops[i].count);
      }

  const struct { const char *name, *help; } stage_families[] = {
    { "newsflow_stage_items_total", "Items a stage handled." },
    { "newsflow_stage_failed_total", "Items a stage failed." },
    { "newsflow_stage_dropped_total", "Items a stage dropped." },
    { "newsflow_stage_seconds_total", "Time spent in a stage, summed over its threads." },
    { "newsflow_stage_cpu_seconds_total", "CPU time of the threads while in a stage." },
  };
  for (guint f = 0; f < G_N_ELEMENTS (stage_families); f++)
    {
      append_family (out, stage_families[f].name, "counter", stage_families[f].help);
      for (guint s = 0; s < figures->n_stages; s++)
        {
          const NfStageFigures *stage = &figures->stages[s];
          char value[G_ASCII_DTOSTR_BUF_SIZE];
          switch (f)
            {
            case 0: g_snprintf (value, sizeof value, "%" G_GUINT64_FORMAT, stage->items); break;
            case 1: g_snprintf (value, sizeof value, "%" G_GUINT64_FORMAT, stage->failed); break;
            case 2: g_snprintf (value, sizeof value, "%" G_GUINT64_FORMAT, stage->dropped); break;
            case 3: g_ascii_formatd (value, sizeof value, "%.6f", stage->usec / (double) G_USEC_PER_SEC); break;
            default: g_ascii_formatd (value, sizeof value, "%.6f", stage->cpu_usec / (double) G_USEC_PER_SEC); break;
            }
          append_stage_sample (out, stage_families[f].name, stage, value);
        }
    }

  double fraction = nf_progress_fraction (&figures->progress);
  if (fraction >= 0)
    {
      char value[G_ASCII_DTOSTR_BUF_SIZE];
      append_family (out, "newsflow_progress_ratio", "gauge", "Share of the current fetcher's input done (0 to 1).");
      g_string_append_printf (out, "newsflow_progress_ratio %s\n", g_ascii_formatd (value, sizeof value, "%.4f", fraction));
    }
  append_family (out, "newsflow_start_time_seconds", "gauge", "When the run started, in seconds since the epoch.");
  g_string_append_printf (out, "newsflow_start_time_seconds %" G_GINT64_FORMAT "\n", figures->started_unix);
  return g_string_free (out, FALSE);
}

gboolean
nf_report_write_metrics (const char *path, const NfRunFigures *figures, GError **error)
{
  g_autofree char *text = nf_report_metrics (figures);
  g_autoptr (GError) local = NULL;
  /* g_file_set_contents writes a temporary file beside @path and renames it over. */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "--metrics: %s", local->message);
      return FALSE;
    }
  return TRUE;
}
