/* test-runner.c: the streaming engine: output identical for every -j, every article
 * accounted for (read = written + dropped + failed), failures recorded and the run going on. */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "runner.h"

typedef struct {
  char       *dir;
  char       *samples;
  NfRegistry *registry;
} Fixture;

static int
setup (void **state)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  fixture->dir = test_dir_new ();
  fixture->samples = test_samples_dir ();
  fixture->registry = test_registry_new ();
  *state = fixture;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *fixture = *state;
  nf_registry_free (fixture->registry);
  test_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->samples);
  g_free (fixture);
  return 0;
}

/* Runs files(samples) -> text -> EXTRACTORS -> json into a file; returns the output. */
static char *
run_chain (Fixture *fixture, const char *extractors, guint workers, NfTally *tally, FILE *errors)
{
  g_autofree char *output = g_build_filename (fixture->dir, "out.jsonl", NULL);
  g_autofree char *text = g_strdup_printf (
    "fetch \"files\" { paths = { \"%s\", \"%s/missing-file.txt\" } }\n"
    "parse \"text\" { }\n%s\n"
    "format \"json\" { output = \"%s\" }\n", fixture->samples, fixture->dir, extractors, output);
  g_autofree char *path = test_write_file (fixture->dir, "run.chain", text);
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load (path, fixture->registry, &error);
  assert_null (error);
  assert_true (nf_chain_init (chain, &error));
  NfRunOptions options = { .workers = workers, .errors = errors, .quiet = TRUE };
  assert_true (nf_run (chain, &options, tally, &error));
  assert_null (error);
  char *contents = NULL;
  assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  return contents;
}

static guint
count_lines (const char *text)
{
  guint lines = 0;
  for (const char *p = text; *p; p++)
    lines += *p == '\n';
  return lines;
}

static void
test_output_identical_for_any_jobs (void **state)
{
  NfTally one, four;
  g_autofree char *serial = run_chain (*state, "extract \"stats\" { }", 1, &one, NULL);
  g_autofree char *parallel = run_chain (*state, "extract \"stats\" { }", 4, &four, NULL);
  assert_string_equal (serial, parallel);
  /* 24 samples plus one missing file, which fails at fetch. */
  assert_int_equal (one.read, 25);
  assert_int_equal (one.written, 24);
  assert_int_equal (one.failed, 1);
  assert_int_equal (four.read, one.read);
  assert_int_equal (count_lines (serial), 24);
}

static void
test_failures_are_counted_and_reported (void **state)
{
  Fixture *fixture = *state;
  g_autofree char *errors_path = g_build_filename (fixture->dir, "errors.jsonl", NULL);
  FILE *errors = fopen (errors_path, "w");
  NfTally tally;
  g_autofree char *output = run_chain (fixture, "extract \"failevery3\" { }\nextract \"stats\" { }", 4, &tally, errors);
  fclose (errors);

  /* Indexes 2, 5, ..., 23 fail in the extractor (8 of them); index 24 is the missing file. */
  assert_int_equal (tally.read, 25);
  assert_int_equal (tally.failed, 9);
  assert_int_equal (tally.written, 16);
  assert_int_equal (tally.dropped, 0);
  assert_int_equal (tally.read, tally.written + tally.dropped + tally.failed);
  assert_int_equal (count_lines (output), 16);

  g_autofree char *log = NULL;
  assert_true (g_file_get_contents (errors_path, &log, NULL, NULL));
  assert_int_equal (count_lines (log), 9);
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);
  assert_contains (lines[0], "\"index\":2,");
  assert_contains (lines[0], "\"stage\":\"extract failevery3\"");
  assert_contains (lines[0], "\"message\":\"article 2 fails by design\"");
  assert_contains (lines[8], "\"index\":24,");
  assert_contains (lines[8], "\"stage\":\"fetch files\"");
  assert_contains (lines[8], "missing-file.txt");
}

static void
test_ordered_extractor_sees_input_order (void **state)
{
  NfTally tally;
  g_autofree char *output = run_chain (*state, "extract \"stats\" { }\nextract \"ordered\" { }", 4, &tally, NULL);
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *expected = g_strdup_printf ("\"seen_as\":%u", i);
      assert_contains (lines[i], expected);
    }
}

/* fetch "acked" (10 articles whose end is logged) -> text -> failevery3 -> format "flaky"
 * (commits logged to the same file); returns the log. */
static char *
run_acked (Fixture *fixture, const char *flaky_options, NfRunOptions *options, NfTally *tally,
           gboolean *ok, GError **error)
{
  g_autofree char *log = g_build_filename (fixture->dir, "ended.log", NULL);
  g_autofree char *text = g_strdup_printf (
    "fetch \"acked\" { count = 10 log = \"%s\" }\n"
    "parse \"text\" { }\nextract \"failevery3\" { }\n"
    "format \"flaky\" { log = \"%s\" %s }\n", log, log, flaky_options);
  g_autofree char *path = test_write_file (fixture->dir, "acked.chain", text);
  g_autoptr (NfChain) chain = nf_chain_load (path, fixture->registry, error);
  assert_non_null (chain);
  assert_true (nf_chain_init (chain, error));
  *ok = nf_run (chain, options, tally, error);
  char *contents = NULL;
  assert_true (g_file_get_contents (log, &contents, NULL, NULL));
  return contents;
}

/* How often article @index ended with @outcome in @log, and the line of its first end. */
static guint
count_ended (char **lines, guint index, const char *outcome, guint *line)
{
  g_autofree char *wanted = g_strdup_printf ("ended %u %s", index, outcome);
  guint n = 0;
  for (guint i = 0; lines[i]; i++)
    if (strcmp (lines[i], wanted) == 0 && n++ == 0 && line)
      *line = i;
  return n;
}

/* Articles are written, and their end notified, only at the commit point after them. */
static void
test_ended_after_commit (void **state)
{
  NfRunOptions options = { .workers = 2, .quiet = TRUE, .commit_every = 4 };
  NfTally tally;
  gboolean ok;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = run_acked (*state, "", &options, &tally, &ok, &error);
  assert_null (error);
  assert_true (ok);
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);
  /* Batches of 4 articles: 0-3, 4-7, 8-9; indexes 2, 5 and 8 fail in the extractor. */
  assert_string_equal (lines[0], "commit 1 ok 3");
  assert_int_equal (tally.read, 10);
  assert_int_equal (tally.written, 7);
  assert_int_equal (tally.failed, 3);
  for (guint i = 0; i < 10; i++)
    {
      gboolean fails = i % 3 == 2;
      guint line = 0;
      assert_int_equal (count_ended (lines, i, fails ? "failed" : "written", &line), 1);
      assert_int_equal (count_ended (lines, i, fails ? "written" : "failed", NULL), 0);
      /* ... after the commit of its batch. */
      g_autofree char *commit = g_strdup_printf ("commit %u ok", i / 4 + 1);
      gboolean committed_before = FALSE;
      for (guint j = 0; j < line; j++)
        committed_before |= g_str_has_prefix (lines[j], commit);
      assert_true (committed_before);
    }
}

/* A commit that fails fails its batch's articles (not written) and stops the run; what was
 * committed before stays written. */
static void
test_failed_commit_fails_its_batch (void **state)
{
  NfRunOptions options = { .workers = 2, .quiet = TRUE, .commit_every = 4 };
  NfTally tally;
  gboolean ok;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = run_acked (*state, "fail-commit = 2", &options, &tally, &ok, &error);
  assert_false (ok);
  assert_non_null (error);
  assert_string_equal (error->message, "format flaky: commit 2 refused by design");
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);
  assert_string_equal (lines[0], "commit 1 ok 3");
  for (guint i = 0; i < 4; i++)
    assert_int_equal (count_ended (lines, i, i == 2 ? "failed" : "written", NULL), 1);
  for (guint i = 4; i < 8; i++)
    assert_int_equal (count_ended (lines, i, "failed", NULL), 1);
  guint written = 0, ended = 0;
  for (guint i = 0; lines[i]; i++)
    {
      written += g_str_has_suffix (lines[i], " written");
      ended += g_str_has_prefix (lines[i], "ended ");
    }
  assert_int_equal (tally.written, written);
  assert_int_equal (tally.read, ended);
  assert_int_equal (tally.read, tally.written + tally.dropped + tally.failed);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_output_identical_for_any_jobs, setup, teardown),
    cmocka_unit_test_setup_teardown (test_failures_are_counted_and_reported, setup, teardown),
    cmocka_unit_test_setup_teardown (test_ordered_extractor_sees_input_order, setup, teardown),
    cmocka_unit_test_setup_teardown (test_ended_after_commit, setup, teardown),
    cmocka_unit_test_setup_teardown (test_failed_commit_fails_its_batch, setup, teardown),
  };
  return cmocka_run_group_tests_name ("runner", tests, NULL, NULL);
}
