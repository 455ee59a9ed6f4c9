/* newsflow/charset.h: character sets of raw items: the charset a content type declares, by
 * the name iconv knows, and conversion to UTF-8 that never fails on a stray byte. */
#ifndef NEWSFLOW_CHARSET_H
#define NEWSFLOW_CHARSET_H

#include <glib.h>

G_BEGIN_DECLS

/* A charset label ("latin1", "ISO-8859-1", "utf8") as the iconv name to decode it with.
 * Labels browsers decode as a superset map to it, as the WHATWG Encoding standard says
 * (ISO-8859-1 and US-ASCII -> WINDOWS-1252, Shift_JIS -> CP932, GB2312 -> GB18030).  @length
 * may be -1.  NULL for an empty label. */
char *nf_charset_normalize        (const char *label, gssize length);
/* The charset parameter of a content type ("text/html; charset=ISO-8859-1"), normalised;
 * NULL when it declares none. */
char *nf_content_type_get_charset (const char *content_type);
/* @length bytes in @charset as UTF-8 (NUL-terminated, length in @out_length).  Bytes the
 * charset cannot decode become U+FFFD rather than failing, as browsers do.  Fails only for a
 * charset iconv does not know. */
char *nf_charset_to_utf8          (const void *data, gsize length, const char *charset,
                                   gsize *out_length, GError **error);

G_END_DECLS

#endif /* NEWSFLOW_CHARSET_H */
