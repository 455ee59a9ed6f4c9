/* newsflow/output.h: an output file that appears complete or not at all.
 * Formatters write to a temporary file beside the target and rename it when the run ends. */
#ifndef NEWSFLOW_OUTPUT_H
#define NEWSFLOW_OUTPUT_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _NfOutput NfOutput;

/* Opens @path for writing ("-" is standard output, written directly).  Fails at once when
 * the directory is not writable, so a chain fails before the first article. */
NfOutput   *nf_output_open    (const char *path, GError **error);
gboolean    nf_output_write   (NfOutput *output, const void *data, gsize length, GError **error);
gboolean    nf_output_printf  (NfOutput *output, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* Flushes, closes and renames into place.  Errors (disk full) are reported here too. */
gboolean    nf_output_commit  (NfOutput *output, GError **error);
/* Frees; an output not committed is removed, so no half-written file is left. */
void        nf_output_free    (NfOutput *output);
const char *nf_output_get_path (const NfOutput *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfOutput, nf_output_free)

G_END_DECLS

#endif /* NEWSFLOW_OUTPUT_H */
