/* fuzz-util.c: the plumbing the fuzz targets share (see fuzz.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fuzz.h"
#include "chain.h"
#include "registry.h"
#include "runner.h"

static char *temp_dir;

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  while (handle && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
remove_temp_dir (void)
{
  if (temp_dir)
    remove_tree (temp_dir);
  g_clear_pointer (&temp_dir, g_free);
}

static void
quiet_log (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  (void) domain, (void) level, (void) message, (void) data;
}

/* A critical is a broken invariant, a finding like a crash.  GLib's own fatal path raises
 * SIGTRAP, which libFuzzer does not catch, so the input that caused it would be lost;
 * abort() makes libFuzzer save it as a crash artifact. */
static void
abort_on_critical (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      fprintf (stderr, "%s-CRITICAL: %s\n", domain ? domain : "(null)", message);
      abort ();
    }
  g_log_default_handler (domain, level, message, data);
}

void
fuzz_setup (void)
{
  static gboolean done;
  if (done)
    return;
  done = TRUE;
  const char *build = g_getenv ("NEWSFLOW_BUILD_DIR");
  if (build == NULL || *build == '\0')
    build = NF_BUILD_DIR;
  g_autofree char *path = g_strdup_printf ("%s/plugins/fetch:%s/plugins/parse:%s/plugins/extract:"
                                           "%s/plugins/format", build, build, build, build);
  g_setenv ("NEWSFLOW_PLUGIN_PATH", path, TRUE);
  /* The fetch targets' chains write their articles to standard output: no file to sync and
   * rename per input.  Nobody needs them, and libFuzzer reports on standard error. */
  int null = open ("/dev/null", O_WRONLY);
  if (null < 0 || dup2 (null, STDOUT_FILENO) < 0)
    abort ();
  close (null);
  /* Warnings about bad input are the expected answer to bad input; criticals still abort
   * (G_DEBUG=fatal-criticals in make check) because they mean a broken invariant. */
  g_log_set_handler ("newsflow", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO
                     | G_LOG_LEVEL_DEBUG, quiet_log, NULL);
  g_log_set_default_handler (abort_on_critical, NULL);
  g_log_set_handler ("newsflow", G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR, abort_on_critical, NULL);
}

const char *
fuzz_dir (void)
{
  if (temp_dir == NULL)
    {
      g_autoptr (GError) error = NULL;
      temp_dir = g_dir_make_tmp ("newsflow-fuzz-XXXXXX", &error);
      if (temp_dir == NULL)
        {
          fprintf (stderr, "fuzz: %s\n", error->message);
          abort ();
        }
      atexit (remove_temp_dir);
    }
  return temp_dir;
}

NfTestStage *
fuzz_stage_load (NfPluginKind kind, const char *name, const char *options)
{
  fuzz_setup ();
  g_autoptr (GError) error = NULL;
  NfTestStage *stage = nf_test_stage_load (kind, name, options, &error);
  if (stage == NULL)
    {
      fprintf (stderr, "fuzz: cannot set up %s \"%s\": %s\n", nf_plugin_kind_to_string (kind),
               name, error->message);
      abort ();
    }
  return stage;
}

NfArticle *
fuzz_raw_article (const uint8_t *data, size_t size, const char *content_type)
{
  NfArticle *article = nf_article_new ("fuzz");
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  nf_article_set_raw (article, bytes, content_type);
  return article;
}

char *
fuzz_write_input (const char *name, const uint8_t *data, size_t size)
{
  /* Not g_file_set_contents: its fsync costs more than most runs of a target. */
  char *path = g_build_filename (fuzz_dir (), name, NULL);
  FILE *file = fopen (path, "wb");
  if (file == NULL || fwrite (data, 1, size, file) != size || fclose (file) != 0)
    {
      fprintf (stderr, "fuzz: cannot write %s\n", path);
      abort ();
    }
  return path;
}

void
fuzz_run_chain (const char *text)
{
  fuzz_setup ();
  static NfRegistry *registry;
  if (registry == NULL)
    {
      registry = nf_registry_new ();
      nf_registry_add_standard_paths (registry);
    }
  g_autofree char *path = fuzz_write_input ("fuzz.chain", (const uint8_t *) text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load (path, registry, &error);
  if (chain == NULL || !nf_chain_init (chain, &error))
    {
      fprintf (stderr, "fuzz: the fuzz chain does not load: %s\n", error->message);
      abort ();
    }
  NfRunOptions options = { .workers = 1, .quiet = TRUE };
  NfTally tally = { 0 };
  g_autoptr (GError) run_error = NULL;
  (void) nf_run (chain, &options, &tally, &run_error);
}
