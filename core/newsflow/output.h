/* newsflow/output.h: NfOutput, a formatter's output file with commit points.
 * Records are buffered; nf_output_sync makes them durable (the formatter's commit), and a
 * failure takes the file back to the last commit, so it only ever holds whole records. */
#ifndef NEWSFLOW_OUTPUT_H
#define NEWSFLOW_OUTPUT_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _NfOutput NfOutput;

/* Opens @path for writing a new file: a temporary beside it, renamed into place by
 * nf_output_commit, so the file appears whole or not at all.  "-" is standard output and a
 * device or FIFO (/dev/null, a pipe) is written in place.  Fails at once when the
 * directory is not writable, so a chain fails before the first article. */
NfOutput   *nf_output_open        (const char *path, GError **error);
/* Opens @path (created when missing) to append to it in place: for resuming into an
 * existing output and for long-running chains.  The last commit starts at its current end;
 * nothing after it survives a failed sync or an output freed without nf_output_commit. */
NfOutput   *nf_output_open_append (const char *path, GError **error);

/* Buffered writes.  After a failed write every later write and sync fails with the same
 * error (the sticky write error) until a sync has taken the file back to its last commit:
 * records written after a hole are never kept. */
gboolean    nf_output_write       (NfOutput *output, const void *data, gsize length, GError **error);
gboolean    nf_output_printf      (NfOutput *output, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* The commit point: writes out the buffer and fsyncs.  TRUE: everything written so far is
 * durable and the file's committed end moves here.  FALSE (a full disk, or a write failed
 * earlier): the file is truncated back to the previous commit, the sticky error is
 * cleared and the next records can be tried.  Where the file cannot be taken back
 * (standard output, a pipe, a device) the error stays: the output is lost for the run. */
gboolean    nf_output_sync        (NfOutput *output, GError **error);
/* The end of the output: syncs, closes and renames the temporary into place.  Errors
 * (a full disk, an earlier failed write that could not be taken back) are reported here. */
gboolean    nf_output_commit      (NfOutput *output, GError **error);
/* Frees.  An output never committed is removed (a temporary) or truncated back to its last
 * sync (appending in place), so no half-written record is left. */
void        nf_output_free        (NfOutput *output);

const char *nf_output_get_path    (const NfOutput *output);
/* TRUE while a write error is pending (until a sync takes it back), or for good when the
 * output cannot be taken back. */
gboolean    nf_output_has_failed  (const NfOutput *output);
/* Bytes of the file at its last commit (for an appended file, its size when opened). */
guint64     nf_output_get_committed_size (const NfOutput *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfOutput, nf_output_free)

G_END_DECLS

#endif /* NEWSFLOW_OUTPUT_H */
