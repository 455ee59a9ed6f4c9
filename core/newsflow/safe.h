/* newsflow/safe.h: text from hostile input made safe for where it goes: a file name that
 * cannot leave its directory, and text that may reach a terminal or a JSON string. */
#ifndef NEWSFLOW_SAFE_H
#define NEWSFLOW_SAFE_H

#include <glib.h>

G_BEGIN_DECLS

/* The longest name nf_safe_file_name() returns, in bytes, before any suffix a caller adds:
 * well under NAME_MAX (255) so "-12.md" still fits. */
#define NF_SAFE_FILE_NAME_MAX 100

/* A single path component made from @text (an article id, a title, ...): lower-case letters
 * and digits (any script), '.', '_' and '-' kept, runs of anything else one '-'; never empty,
 * never "." or "..", never starting with '.' or '-', no '/', no control character, at most
 * NF_SAFE_FILE_NAME_MAX bytes. A name that had to be shortened, or of which nothing was left,
 * ends in (or is) a hash of the whole of @text, so long inputs keep different names.
 * @fallback (may be NULL) is used when nothing of @text survives. Free with g_free(). */
char *nf_safe_file_name (const char *text, const char *fallback);

/* @text (@length bytes, or -1 for NUL-terminated) as valid UTF-8 without control characters:
 * invalid bytes become "\xNN", control characters (C0, DEL, C1) "\n", "\t", "\r" or "\xNN",
 * and a backslash stays as it is. For messages to a terminal and for paths written to
 * outputs. Free with g_free(). */
char *nf_safe_display (const char *text, gssize length);

/* g_utf8_validate_len (@text, @length, @end), the same answer and the same @end (may be NULL),
 * faster on the long runs of ASCII that make up most news text: eight bytes at a time until
 * a byte is not ASCII or is NUL (which, as g_utf8_validate_len, it refuses), and on the
 * two-byte characters of accented letters, checked without a call. */
gboolean nf_utf8_validate (const char *text, gsize length, const char **end);

/* The characters of @length bytes of valid UTF-8 (or -1: up to the NUL): the bytes that start
 * one, every byte but the continuation bytes 10xxxxxx.  g_utf8_strlen()'s count for valid
 * text, sixteen bytes at a time instead of a character at a time: for the lengths of an
 * article's text and paragraphs. */
gsize nf_utf8_length (const char *text, gssize length);

/* TRUE if @text needs nothing from nf_safe_display(). */
gboolean nf_safe_is_displayable (const char *text, gssize length);

G_END_DECLS

#endif /* NEWSFLOW_SAFE_H */
