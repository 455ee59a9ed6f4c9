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

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_output_identical_for_any_jobs, setup, teardown),
    cmocka_unit_test_setup_teardown (test_failures_are_counted_and_reported, setup, teardown),
    cmocka_unit_test_setup_teardown (test_ordered_extractor_sees_input_order, setup, teardown),
  };
  return cmocka_run_group_tests_name ("runner", tests, NULL, NULL);
}
