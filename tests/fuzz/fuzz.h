/* fuzz.h: what the fuzz targets share.  Each tests/fuzz/fuzz-<target>.c defines
 * LLVMFuzzerTestOneInput and drives one reader of untrusted bytes through the real code path:
 * the built plugins, loaded as newsflow loads them.  The same file links either with libFuzzer
 * (make fuzz, --enable-fuzzing) or with replay-main.c (make check, any compiler). */
#ifndef NF_FUZZ_H
#define NF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <newsflow/newsflow.h>
#include <newsflow/testing.h>

G_BEGIN_DECLS

/* Each target sets up its stages here, before the first input: libFuzzer counts coverage
 * only in the modules loaded by the time it starts, so the plugins must be loaded by then. */
int LLVMFuzzerInitialize   (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Once per process: points NEWSFLOW_PLUGIN_PATH at this build's plugins and silences the
 * per-article messages, so the targets see the code under test and not an installed copy. */
void         fuzz_setup           (void);
/* A private temporary directory for this process, removed at exit. */
const char  *fuzz_dir             (void);
/* A stage of a built plugin with @options; aborts when it cannot be set up (a broken build
 * is not a finding). */
NfTestStage *fuzz_stage_load      (NfPluginKind kind, const char *name, const char *options);
/* An article whose raw bytes are @data, as a fetcher hands it to the parsers. */
NfArticle   *fuzz_raw_article     (const uint8_t *data, size_t size, const char *content_type);
/* Writes @data to fuzz_dir()/@name and returns the path (owned by the caller). */
char        *fuzz_write_input     (const char *name, const uint8_t *data, size_t size);
/* Runs the chain @text (written to fuzz_dir()/fuzz.chain) to the end: load, init, run, free.
 * Failed articles and a failed run are expected outcomes; only crashes, leaks, undefined
 * behaviour and hangs are findings. */
void         fuzz_run_chain       (const char *text);

G_END_DECLS

#endif /* NF_FUZZ_H */
