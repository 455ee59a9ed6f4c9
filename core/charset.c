/* charset.c: charset labels to iconv names (WHATWG's mapping) and lossy conversion to UTF-8,
 * shared by the parsers. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <newsflow/charset.h>
#include <newsflow/error.h>

/* WHATWG maps these labels to a superset that browsers actually decode with. */
static const struct {
  const char *label;
  const char *iconv;
} charset_aliases[] = {
  { "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
  { "latin-1", "WINDOWS-1252" },    { "us-ascii", "WINDOWS-1252" },  { "ascii", "WINDOWS-1252" },
  { "iso-8859-9", "WINDOWS-1254" }, { "gb2312", "GB18030" },         { "gbk", "GB18030" },
  { "x-gbk", "GB18030" },           { "ks_c_5601-1987", "CP949" },   { "euc-kr", "CP949" },
  { "shift_jis", "CP932" },         { "x-sjis", "CP932" },           { "sjis", "CP932" },
  { "windows-31j", "CP932" },       { "tis-620", "CP874" },          { "iso-8859-11", "CP874" },
  { "utf8", "UTF-8" },              { "unicode", "UTF-16LE" },
};

char *
nf_charset_normalize (const char *label, gssize length)
{
  g_autofree char *lower = g_ascii_strdown (label, length);
  g_strstrip (lower);
  for (char *p = lower; *p; p++)
    if (*p == '"' || *p == '\'' || *p == ';' || g_ascii_isspace (*p))
      {
        *p = '\0';
        break;
      }
  if (*lower == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (charset_aliases); i++)
    if (strcmp (lower, charset_aliases[i].label) == 0)
      return g_strdup (charset_aliases[i].iconv);
  return g_ascii_strup (lower, -1);
}

/* "text/html; charset=ISO-8859-1" -> "WINDOWS-1252". */
char *
nf_content_type_get_charset (const char *content_type)
{
  if (content_type == NULL)
    return NULL;
  g_autofree char *lower = g_ascii_strdown (content_type, -1);
  const char *at = strstr (lower, "charset=");
  if (at == NULL)
    return NULL;
  at += strlen ("charset=");
  while (*at == '"' || *at == '\'' || *at == ' ')
    at++;
  return nf_charset_normalize (at, -1);
}

/* Converts with iconv, replacing bytes it cannot decode by U+FFFD instead of failing
 * (g_convert stops at the first bad byte, and real pages have them). */
char *
nf_charset_to_utf8 (const void *data, gsize length, const char *charset, gsize *out_length, GError **error)
{
  GIConv cd = g_iconv_open ("UTF-8", charset);
  if (cd == (GIConv) -1)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_UNSUPPORTED, "unknown charset '%s'", charset);
      return NULL;
    }
  GString *out = g_string_sized_new (length + length / 4 + 16);
  char *in = (char *) data;
  gsize in_left = length;
  char buffer[16384];
  while (in_left > 0)
    {
      char *outp = buffer;
      gsize out_left = sizeof buffer;
      gsize r = g_iconv (cd, &in, &in_left, &outp, &out_left);
      g_string_append_len (out, buffer, outp - buffer);
      if (r == (gsize) -1)
        {
          if (errno == E2BIG)
            continue;
          /* EILSEQ or EINVAL (truncated at the end): skip one byte. */
          g_string_append (out, "\xEF\xBF\xBD");
          in++;
          in_left--;
          g_iconv (cd, NULL, NULL, NULL, NULL);
        }
    }
  g_iconv_close (cd);
  *out_length = out->len;
  return g_string_free (out, FALSE);
}

