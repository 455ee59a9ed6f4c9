/* charset.c: a page's bytes to valid UTF-8, honouring BOM, HTTP header and <meta charset>
 * (the order HTML5 gives), and libxml2's HTML parser set up for UTF-8 input. */
#include <errno.h>
#include <string.h>

#include <newsflow/newsflow.h>

#include "html-private.h"

/* The HTML5 prescan, reduced to what pages write: <meta charset="x"> or
 * <meta http-equiv="Content-Type" content="text/html; charset=x"> in the first 4 KiB. */
static char *
charset_from_meta (const guint8 *data, gsize length)
{
  gsize probe = MIN (length, 4096);
  /* In lower case, up to a NUL byte: the prescan stops there too. */
  char head[4097];
  gsize n_head = 0;
  for (; n_head < probe && data[n_head]; n_head++)
    head[n_head] = g_ascii_tolower (data[n_head]);
  head[n_head] = '\0';
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
        return nf_charset_normalize (at, n);
    }
  return NULL;
}

/* g_utf8_validate_len (@data, @length, NULL), faster on the long runs of ASCII that make up
 * most of a page (markup, scripts): eight bytes at a time until a byte is not ASCII or is
 * NUL (which g_utf8_validate_len refuses).  A multi-byte character is made of non-ASCII
 * bytes only, so each run of them is valid or not on its own. */
static gboolean
utf8_valid (const guint8 *data, gsize length)
{
  const guint8 *p = data, *end = data + length;
  while (p < end)
    {
      while (end - p >= 8)
        {
          guint64 word;
          memcpy (&word, p, 8);
          /* No high bit, and no zero byte (the usual test, exact when no high bit is set). */
          if ((word & 0x8080808080808080u) || ((word - 0x0101010101010101u) & ~word & 0x8080808080808080u))
            break;
          p += 8;
        }
      if (p == end)
        break;
      if (*p < 0x80)
        {
          if (*p == 0)
            return FALSE;
          p++;
          continue;
        }
      const guint8 *run = p;
      while (p < end && *p >= 0x80)
        p++;
      if (!g_utf8_validate_len ((const char *) run, p - run, NULL))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_utf8 (const char *charset)
{
  return g_ascii_strcasecmp (charset, "UTF-8") == 0;
}

const char *
html_decode_view (const guint8 *data, gsize length, const char *content_type,
                  gsize *out_length, char **charset_out, char **copy, GError **error)
{
  *copy = NULL;
  g_autofree char *charset = NULL;
  gsize skip = 0;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    charset = g_strdup ("UTF-8"), skip = 3;
  else if (length >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    charset = g_strdup ("UTF-16LE"), skip = 2;
  else if (length >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    charset = g_strdup ("UTF-16BE"), skip = 2;
  if (charset == NULL)
    charset = nf_content_type_get_charset (content_type);
  if (charset == NULL)
    charset = charset_from_meta (data, length);
  /* A page cannot declare itself UTF-16 in ASCII: that declaration is wrong (HTML5). */
  if (charset && skip == 0 && g_str_has_prefix (charset, "UTF-16"))
    g_clear_pointer (&charset, g_free);
  data += skip;
  length -= skip;

  /* Whether the bytes are valid UTF-8, found out once: -1 until then.  It is a pass over
   * the whole page, as long as a part of libxml2's parse. */
  int valid = -1;
  if (charset == NULL)
    {
      valid = utf8_valid (data, length);
      charset = g_strdup (valid ? "UTF-8" : "WINDOWS-1252");
    }

  char *text = NULL;
  if (is_utf8 (charset))
    {
      if (valid < 0)
        valid = utf8_valid (data, length);
      if (valid)
        {
          /* The page as it came (most are UTF-8 already): libxml2 copies its input anyway,
           * so a copy here would be one more pass and a large allocation.  Valid UTF-8
           * holds no NUL. */
          *out_length = length;
          if (charset_out)
            *charset_out = g_steal_pointer (&charset);
          return (const char *) data;
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
      text = nf_charset_to_utf8 (data, length, charset, out_length, &local);
      if (text == NULL)
        {
          /* An unknown label: decode as if none was given. */
          g_free (charset);
          charset = g_strdup ("WINDOWS-1252");
          if (valid < 0)
            valid = utf8_valid (data, length);
          if (valid)
            {
              text = g_strndup ((const char *) data, length);
              *out_length = length;
              g_free (charset);
              charset = g_strdup ("UTF-8");
            }
          else
            text = nf_charset_to_utf8 (data, length, charset, out_length, error);
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
  *copy = text;
  return text;
}

char *
html_decode (const guint8 *data, gsize length, const char *content_type,
             gsize *out_length, char **charset_out, GError **error)
{
  char *copy;
  const char *text = html_decode_view (data, length, content_type, out_length, charset_out, &copy, error);
  if (text == NULL || copy)
    return copy;
  copy = g_malloc (*out_length + 1);
  memcpy (copy, text, *out_length);
  copy[*out_length] = '\0';
  return copy;
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
