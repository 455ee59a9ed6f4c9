/* test-report.c: what a run tells its watchers (core/report.c): the progress line with and
 * without a known total, the share done when the fetcher reads ahead, --stats=json and the
 * Prometheus metrics text. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "test-util.h"
#include "report.h"

static const NfStageFigures stages[] = {
  { "fetch", "files", 100, 1, 0, 2000000, 500000 },
  { "extract", "entities:with \"quotes\"\\", 99, 0, 3, 1500000, 990000 },
};

static NfRunFigures
figures_for (NfTally *tally, NfProgress progress)
{
  memset (tally, 0, sizeof *tally);
  tally->read = 100;
  tally->written = 90;
  tally->dropped = 3;
  tally->failed = 1;
  nf_tally_count_drop (tally, "http 404: Not Found");
  nf_tally_count_drop (tally, "http 404: gone");
  nf_tally_count_drop (tally, "too short");
  return (NfRunFigures) { .tally = tally, .seconds = 10.0, .cpu_seconds = 4.0, .started_unix = 1700000000,
                          .progress = progress, .stages = stages, .n_stages = G_N_ELEMENTS (stages) };
}

static void
test_progress_items (void **state)
{
  (void) state;
  NfTally tally;
  NfRunFigures figures = figures_for (&tally, (NfProgress) { .items_read = 100, .items_done = 25, .items_total = 100,
                                                               .seconds = 10 });
  g_autofree char *line = nf_report_progress_line (&figures);
  assert_string_equal (line, "25 of 100 articles (25.0%), 10/s, 0:30 left");
}

static void
test_progress_bytes_read_ahead (void **state)
{
  (void) state;
  NfTally tally;
  /* Half the bytes read, but only half of what was read is finished: a quarter done. */
  NfRunFigures figures = figures_for (&tally, (NfProgress) { .items_read = 100, .items_done = 50,
                                                               .bytes_done = 500000, .bytes_total = 1000000,
                                                               .seconds = 3600 });
  assert_true (nf_progress_fraction (&figures.progress) > 0.2499 && nf_progress_fraction (&figures.progress) < 0.2501);
  g_autofree char *line = nf_report_progress_line (&figures);
  assert_string_equal (line, "100 articles, 25.0% of 1.0 MB read, 10/s, 3:00:00 left");
}

static void
test_progress_unknown (void **state)
{
  (void) state;
  NfTally tally;
  NfRunFigures figures = figures_for (&tally, (NfProgress) { .items_read = 100, .items_done = 100, .seconds = 10 });
  assert_true (nf_progress_fraction (&figures.progress) < 0);
  g_autofree char *line = nf_report_progress_line (&figures);
  assert_string_equal (line, "100 articles, 10/s");
}

static void
test_stats_json (void **state)
{
  (void) state;
  NfTally tally;
  NfRunFigures figures = figures_for (&tally, (NfProgress) { 0 });
  g_autofree char *text = nf_report_stats_json (&figures);
  g_autoptr (JsonParser) parser = json_parser_new ();
  assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  assert_int_equal (json_object_get_int_member (root, "read"), 100);
  assert_int_equal (json_object_get_int_member (root, "in_flight"), 6);
  assert_int_equal (json_object_get_int_member (json_object_get_object_member (root, "drop_reasons"), "http 404"), 2);
  JsonArray *array = json_object_get_array_member (root, "stages");
  assert_int_equal (json_array_get_length (array), 2);
  JsonObject *second = json_array_get_object_element (array, 1);
  assert_string_equal (json_object_get_string_member (second, "name"), "entities:with \"quotes\"\\");
  assert_int_equal (json_object_get_int_member (second, "dropped"), 3);
  assert_float_equal (json_object_get_double_member (second, "cpu_seconds"), 0.99, 1e-9);
  assert_float_equal (json_object_get_double_member (root, "cpu_seconds"), 4.0, 1e-9);
}

/* --stats: CPU per stage and per item beside the wall time, and the whole process's. */
static void
test_stats_table (void **state)
{
  (void) state;
  NfTally tally;
  NfRunFigures figures = figures_for (&tally, (NfProgress) { 0 });
  g_autoptr (GString) out = g_string_new (NULL);
  nf_report_stats_table (out, &figures);
  const char *expected[] = {
    "seconds      cpu s cpu ms/it\n",
    "fetch files                         100        1        0      2.000      0.500    5.0000\n",
    "      1.500      0.990   10.0000\n",
    "whole run                           100                       10.000      4.000   40.0000\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (out->str, expected[i]) == NULL)
      fail_msg ("no \"%s\" in:\n%s", expected[i], out->str);
}

static void
test_metrics (void **state)
{
  (void) state;
  NfTally tally;
  NfRunFigures figures = figures_for (&tally, (NfProgress) { .items_done = 25, .items_total = 100 });
  g_autofree char *text = nf_report_metrics (&figures);
  const char *expected[] = {
    "# TYPE newsflow_articles_read_total counter\nnewsflow_articles_read_total 100\n",
    "newsflow_articles_in_flight 6\n",
    "newsflow_drops_total{reason=\"http 404\"} 2\n",
    "newsflow_drops_total{reason=\"too short\"} 1\n",
    /* Label values escape backslash and double quote. */
    "newsflow_stage_dropped_total{kind=\"extract\",stage=\"entities:with \\\"quotes\\\"\\\\\"} 3\n",
    "newsflow_stage_seconds_total{kind=\"fetch\",stage=\"files\"} 2.000000\n",
    "newsflow_stage_cpu_seconds_total{kind=\"fetch\",stage=\"files\"} 0.500000\n",
    "newsflow_progress_ratio 0.2500\n",
    "newsflow_start_time_seconds 1700000000\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      fail_msg ("no %s in:\n%s", expected[i], text);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_progress_items),
    cmocka_unit_test (test_progress_bytes_read_ahead),
    cmocka_unit_test (test_progress_unknown),
    cmocka_unit_test (test_stats_json),
    cmocka_unit_test (test_stats_table),
    cmocka_unit_test (test_metrics),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
