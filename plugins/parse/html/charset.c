/* charset.c: a page's bytes to valid UTF-8, honouring BOM, HTTP header and <meta charset>
 * (the order HTML5 gives), and libxml2's HTML parser set up for UTF-8 input. */
#include <errno.h>
#include <string.h>

#include <newsflow/newsflow.h>

#include "html-private.h"

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

static char *
normalize_charset (const char *label, gsize length)
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
static char *
charset_from_content_type (const char *content_type)
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
  return normalize_charset (at, -1);
}

/* The HTML5 prescan, reduced to what pages write: <meta charset="x"> or
 * <meta http-equiv="Content-Type" content="text/html; charset=x"> in the first 4 KiB. */
static char *
charset_from_meta (const guint8 *data, gsize length)
{
  gsize probe = MIN (length, 4096);
  g_autofree char *head = g_ascii_strdown ((const char *) data, probe);
  /* g_ascii_strdown stops at a NUL byte: that is fine, the prescan does too. */
  for (const char *meta = strstr (head, "<meta"); meta; meta = strstr (meta + 5, "<meta"))
    {
      const char *close = strchr (meta, '>');
      if (close == NULL)
        break;
      const char *at = g_strstr_len (meta, close - meta, "charset");
      if (at == NULL)
        continue;
      at += strlen ("charset");
      while (at < close && (*at == ' ' || *at == '='))
        at++;
      while (at < close && (*at == '"' || *at == '\''))
        at++;
      gsize n = 0;
      while (at + n < close && (g_ascii_isalnum (at[n]) || strchr ("-_.:", at[n])))
        n++;
      if (n > 0)
        return normalize_charset (at, n);
    }
  return NULL;
}

/* Converts with iconv, replacing bytes it cannot decode by U+FFFD instead of failing
 * (g_convert stops at the first bad byte, and real pages have them). */
static char *
convert_lossy (const guint8 *data, gsize length, const char *charset, gsize *out_length, GError **error)
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

static gboolean
is_utf8 (const char *charset)
{
  return g_ascii_strcasecmp (charset, "UTF-8") == 0;
}

char *
html_decode (const guint8 *data, gsize length, const char *content_type,
             gsize *out_length, char **charset_out, GError **error)
{
  g_autofree char *charset = NULL;
  gsize skip = 0;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    charset = g_strdup ("UTF-8"), skip = 3;
  else if (length >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    charset = g_strdup ("UTF-16LE"), skip = 2;
  else if (length >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    charset = g_strdup ("UTF-16BE"), skip = 2;
  if (charset == NULL)
    charset = charset_from_content_type (content_type);
  if (charset == NULL)
    charset = charset_from_meta (data, length);
  /* A page cannot declare itself UTF-16 in ASCII: that declaration is wrong (HTML5). */
  if (charset && skip == 0 && g_str_has_prefix (charset, "UTF-16"))
    g_clear_pointer (&charset, g_free);
  data += skip;
  length -= skip;

  const char *end;
  if (charset == NULL)
    charset = g_strdup (g_utf8_validate_len ((const char *) data, length, &end) ? "UTF-8" : "WINDOWS-1252");

  char *text = NULL;
  if (is_utf8 (charset))
    {
      if (g_utf8_validate_len ((const char *) data, length, &end))
        {
          text = g_strndup ((const char *) data, length);
          *out_length = length;
        }
      else
        {
          text = g_utf8_make_valid ((const char *) data, length);
          *out_length = strlen (text);
        }
    }
  else
    {
      g_autoptr (GError) local = NULL;
      text = convert_lossy (data, length, charset, out_length, &local);
      if (text == NULL)
        {
          /* An unknown label: decode as if none was given. */
          g_free (charset);
          charset = g_strdup ("WINDOWS-1252");
          if (g_utf8_validate_len ((const char *) data, length, &end))
            {
              text = g_strndup ((const char *) data, length);
              *out_length = length;
              g_free (charset);
              charset = g_strdup ("UTF-8");
            }
          else
            text = convert_lossy (data, length, charset, out_length, error);
          if (text == NULL)
            return NULL;
        }
    }
  /* NUL bytes would end libxml2's input early; they carry nothing in HTML. */
  if (memchr (text, '\0', *out_length))
    {
      gsize j = 0;
      for (gsize i = 0; i < *out_length; i++)
        if (text[i] != '\0')
          text[j++] = text[i];
      text[j] = '\0';
      *out_length = j;
    }
  if (charset_out)
    *charset_out = g_steal_pointer (&charset);
  return text;
}

htmlDocPtr
html_parse_utf8 (const char *text, gsize length, const char *url, gboolean *too_deep)
{
  *too_deep = FALSE;
  if (length > G_MAXINT)
    return NULL;
  htmlParserCtxtPtr context = htmlNewParserCtxt ();
  if (context == NULL)
    return NULL;
  /* IGNORE_ENC: the bytes are UTF-8 now, whatever <meta charset> says.  No HUGE: libxml2
   * stops at 256 nested elements, which keeps a nesting bomb cheap; we report it. */
  htmlDocPtr doc = htmlCtxtReadMemory (context, text, (int) length, url, "UTF-8",
                                       HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR
                                       | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
  if (context->lastError.code == XML_ERR_INTERNAL_ERROR && context->lastError.message
      && strstr (context->lastError.message, "depth"))
    *too_deep = TRUE;
  htmlFreeParserCtxt (context);
  /* After a stray </html>, libxml2 starts a second <html> beside the first; the article
   * may be in it.  Move its children into the first. */
  xmlNode *root = doc ? xmlDocGetRootElement (doc) : NULL;
  for (xmlNode *extra = root ? root->next : NULL; extra;)
    {
      xmlNode *next = extra->next;
      if (extra->type == XML_ELEMENT_NODE)
        {
          for (xmlNode *child = extra->children; child;)
            {
              xmlNode *following = child->next;
              xmlUnlinkNode (child);
              xmlAddChild (root, child);
              child = following;
            }
          xmlUnlinkNode (extra);
          xmlFreeNode (extra);
        }
      extra = next;
    }
  return doc;
}
