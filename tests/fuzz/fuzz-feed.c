/* fuzz-feed.c: fetch "feed" on an arbitrary file, in a whole run (the parsers and the json
 * formatter after it), as `newsflow` reads one named on the command line. */
#include "config.h"

#include "fuzz.h"

static char *chain; /* kept for the whole process */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  chain = g_strdup_printf ("fetch \"feed\" { sources = { \"%s/input.xml\" } }\n"
                           "parse \"text\" { }\nparse \"html\" { }\nparse \"json\" { }\n"
                           "format \"json\" { output = \"-\" }\n",
                           fuzz_dir ());
  /* An empty input loads the chain's plugins before the first real one. */
  g_free (fuzz_write_input ("input.xml", (const uint8_t *) "", 0));
  fuzz_run_chain (chain);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_free (fuzz_write_input ("input.xml", data, size));
  fuzz_run_chain (chain);
  return 0;
}
