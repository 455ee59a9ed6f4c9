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

/* Many tiny articles (next to their work, the hand-offs between the threads cost most):
 * article i fails as it is read when i % 7 == 3 (larger than max_article_bytes), in
 * extractor failevery3 when i % 3 == 2, is dropped by a filter when i % 5 == 4, and is
 * written otherwise. */
#define TINY_ARTICLES 600
#define TINY_MAX_BYTES 200

typedef enum { TINY_WRITTEN, TINY_DROPPED, TINY_FAILED } TinyOutcome;

static TinyOutcome
tiny_outcome (guint i)
{
  if (i % 7 == 3 || i % 3 == 2)
    return TINY_FAILED;
  return i % 5 == 4 ? TINY_DROPPED : TINY_WRITTEN;
}

static char *
write_tiny_articles (Fixture *fixture)
{
  char *dir = g_build_filename (fixture->dir, "tiny", NULL);
  g_assert (g_mkdir (dir, 0755) == 0);
  for (guint i = 0; i < TINY_ARTICLES; i++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      g_string_append_printf (text, "Tiny article %u\n\n%s\n", i, i % 5 == 4 ? "Discard it." : "Keep it.");
      while (i % 7 == 3 && text->len <= TINY_MAX_BYTES)
        g_string_append (text, "Too long to be read.\n");
      g_autofree char *name = g_strdup_printf ("t%04u.txt", i);
      g_free (test_write_file (dir, name, text->str));
    }
  return dir;
}

typedef struct {
  char   *output;
  char   *errors;
  NfTally tally;
} TinyRun;

static void
tiny_run_clear (TinyRun *run)
{
  g_free (run->output);
  g_free (run->errors);
}

/* The tiny articles through failevery3, a filter and an ordered extractor at -j @workers,
 * with a commit point every 7 articles. */
static void
run_tiny (Fixture *fixture, const char *dir, guint workers, TinyRun *run)
{
  g_autofree char *output = g_build_filename (fixture->dir, "tiny.jsonl", NULL);
  g_autofree char *errors_path = g_build_filename (fixture->dir, "tiny-errors.jsonl", NULL);
  g_autofree char *text = g_strdup_printf (
    "fetch \"files\" { paths = { \"%s\" } }\n"
    "parse \"text\" { }\n"
    "extract \"failevery3\" { }\n"
    "extract \"filter\" { exclude = \"Discard\" }\n"
    "extract \"stats\" { }\n"
    "extract \"ordered\" { }\n"
    "format \"json\" { output = \"%s\" }\n", dir, output);
  g_autofree char *path = test_write_file (fixture->dir, "tiny.chain", text);
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load (path, fixture->registry, &error);
  assert_null (error);
  assert_true (nf_chain_init (chain, &error));
  FILE *errors = fopen (errors_path, "w");
  assert_non_null (errors);
  NfRunOptions options = { .workers = workers, .errors = errors, .quiet = TRUE,
                           .max_article_bytes = TINY_MAX_BYTES, .commit_every = 7 };
  assert_true (nf_run (chain, &options, &run->tally, &error));
  assert_null (error);
  fclose (errors);
  assert_true (g_file_get_contents (output, &run->output, NULL, NULL));
  assert_true (g_file_get_contents (errors_path, &run->errors, NULL, NULL));
}

/* Batched hand-offs change nothing: the output and the error file are byte for byte those
 * of -j 1 for every -j, in input order, and every article is counted once as it should. */
static void
test_tiny_articles_identical_for_any_jobs (void **state)
{
  Fixture *fixture = *state;
  g_autofree char *dir = write_tiny_articles (fixture);
  guint64 written = 0, dropped = 0, failed = 0;
  for (guint i = 0; i < TINY_ARTICLES; i++)
    {
      TinyOutcome outcome = tiny_outcome (i);
      written += outcome == TINY_WRITTEN;
      dropped += outcome == TINY_DROPPED;
      failed += outcome == TINY_FAILED;
    }

  TinyRun serial;
  run_tiny (fixture, dir, 1, &serial);
  assert_int_equal (serial.tally.read, TINY_ARTICLES);
  assert_int_equal (serial.tally.written, written);
  assert_int_equal (serial.tally.dropped, dropped);
  assert_int_equal (serial.tally.failed, failed);
  assert_int_equal (count_lines (serial.output), written);
  assert_int_equal (count_lines (serial.errors), failed);
  /* In input order: the written articles one after the other, the failed ones too. */
  g_auto (GStrv) lines = g_strsplit (serial.output, "\n", -1);
  for (guint i = 0, line = 0; i < TINY_ARTICLES; i++)
    {
      if (tiny_outcome (i) != TINY_WRITTEN)
        continue;
      g_autofree char *source = g_strdup_printf ("t%04u.txt\"", i);
      g_autofree char *seen = g_strdup_printf ("\"seen_as\":%u", line);
      assert_contains (lines[line], source);
      assert_contains (lines[line], seen);
      line++;
    }
  g_auto (GStrv) errors = g_strsplit (serial.errors, "\n", -1);
  for (guint i = 0, line = 0; i < TINY_ARTICLES; i++)
    {
      if (tiny_outcome (i) != TINY_FAILED)
        continue;
      g_autofree char *index = g_strdup_printf ("{\"index\":%u,", i);
      assert_true (g_str_has_prefix (errors[line], index));
      assert_contains (errors[line], i % 7 == 3 ? "max-article-bytes" : "fails by design");
      line++;
    }
  g_autofree char *serial_drops = nf_tally_format_drops (&serial.tally);

  const guint jobs[] = { 2, 3, 4, 2 };
  for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
    {
      TinyRun parallel;
      run_tiny (fixture, dir, jobs[j], &parallel);
      assert_string_equal (parallel.output, serial.output);
      assert_string_equal (parallel.errors, serial.errors);
      assert_int_equal (parallel.tally.read, serial.tally.read);
      assert_int_equal (parallel.tally.written, serial.tally.written);
      assert_int_equal (parallel.tally.dropped, serial.tally.dropped);
      assert_int_equal (parallel.tally.failed, serial.tally.failed);
      g_autofree char *drops = nf_tally_format_drops (&parallel.tally);
      assert_string_equal (drops, serial_drops);
      tiny_run_clear (&parallel);
    }
  tiny_run_clear (&serial);
}

/* fetch "acked" (@count articles whose end is logged) -> text -> failevery3 -> format
 * "flaky" (commits logged to the same file); returns the log. */
static char *
run_acked (Fixture *fixture, guint count, const char *flaky_options, NfRunOptions *options,
           NfTally *tally, gboolean *ok, GError **error)
{
  g_autofree char *log = g_build_filename (fixture->dir, "ended.log", NULL);
  g_autofree char *text = g_strdup_printf (
    "fetch \"acked\" { count = %u log = \"%s\" }\n"
    "parse \"text\" { }\nextract \"failevery3\" { }\n"
    "format \"flaky\" { log = \"%s\" %s }\n", count, log, log, flaky_options);
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
  g_autofree char *log = run_acked (*state, 10, "", &options, &tally, &ok, &error);
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

/* Many articles handed between the threads in batches, commit points every 7: each article
 * ends once, as it should, after the commit of its own batch and before the next one. */
static void
test_many_ended_after_their_commit (void **state)
{
  const guint count = 400, every = 7;
  NfRunOptions options = { .workers = 2, .quiet = TRUE, .commit_every = every };
  NfTally tally;
  gboolean ok;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = run_acked (*state, count, "", &options, &tally, &ok, &error);
  assert_null (error);
  assert_true (ok);
  assert_int_equal (tally.read, count);
  assert_int_equal (tally.failed, count / 3);
  assert_int_equal (tally.written, count - count / 3);
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);
  /* The line of each commit point: "commit K ok N". */
  guint commits = (count + every - 1) / every;
  g_autofree guint *commit_line = g_new (guint, commits + 1);
  for (guint k = 0; k <= commits; k++)
    commit_line[k] = G_MAXUINT;
  for (guint i = 0; lines[i]; i++)
    {
      guint k;
      if (sscanf (lines[i], "commit %u ok", &k) == 1 && k >= 1 && k <= commits)
        commit_line[k] = i;
    }
  for (guint i = 0; i < count; i++)
    {
      gboolean fails = i % 3 == 2;
      guint line = 0, batch = i / every + 1;
      assert_int_equal (count_ended (lines, i, fails ? "failed" : "written", &line), 1);
      assert_int_equal (count_ended (lines, i, fails ? "written" : "failed", NULL), 0);
      assert_true (commit_line[batch] < line);
      if (batch < commits)
        assert_true (line < commit_line[batch + 1]);
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
  g_autofree char *log = run_acked (*state, 10, "fail-commit = 2", &options, &tally, &ok, &error);
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
    cmocka_unit_test_setup_teardown (test_tiny_articles_identical_for_any_jobs, setup, teardown),
    cmocka_unit_test_setup_teardown (test_many_ended_after_their_commit, setup, teardown),
  };
  return cmocka_run_group_tests_name ("runner", tests, NULL, NULL);
}
