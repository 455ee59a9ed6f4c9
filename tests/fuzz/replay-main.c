/* replay-main.c: a main() for the fuzz targets without libFuzzer, so that make check replays
 * their corpus (seeds and the reproducers of past findings, crash-*) with any compiler, and
 * under ASan/UBSan in the sanitizer build.  Arguments: files or directories; none means the
 * target's own corpus, tests/fuzz/corpus/FUZZ_TARGET in the source tree. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int
replay_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;
  if (!g_file_get_contents (path, &data, &size, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return 1;
    }
  /* A copy of exactly @size bytes, so ASan sees a read past the end of the input. */
  g_autofree uint8_t *copy = g_memdup2 (data, size);
  LLVMFuzzerTestOneInput (copy, size);
  return 0;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static int
replay (const char *path, guint *count)
{
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      ++*count;
      return replay_file (path);
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return 1;
    }
  /* Sorted, so a failure names the same file every time. */
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  int status = 0;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      status |= replay (child, count);
    }
  return status;
}

int
main (int argc, char **argv)
{
  fuzz_setup ();
  LLVMFuzzerInitialize (&argc, &argv);
  int status = 0;
  guint count = 0;
  if (argc > 1)
    for (int i = 1; i < argc; i++)
      status |= replay (argv[i], &count);
  else
    {
      const char *source = g_getenv ("NEWSFLOW_SOURCE_DIR");
      g_autofree char *corpus = g_build_filename (source && *source ? source : NF_SOURCE_DIR, "tests",
                                                  "fuzz", "corpus", FUZZ_TARGET, NULL);
      status |= replay (corpus, &count);
    }
  fprintf (stderr, "replayed %u input%s of fuzz-%s: %s\n", count, count == 1 ? "" : "s", FUZZ_TARGET,
           status ? "FAILED" : "ok");
  return status || count == 0 ? 1 : 0;
}
