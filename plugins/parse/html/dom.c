/* dom.c: small helpers on libxml2 trees shared by the metadata and content readers:
 * white-space collapsing (HTML's rules plus the Unicode spaces pages use) and attributes. */
#include <string.h>

#include "html-private.h"

/* Length of the white-space character at @p (0 when none): ASCII space, NBSP, the
 * U+2000..U+200A spaces, narrow NBSP, ideographic space. */
static inline int
space_length (const unsigned char *p)
{
  if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v')
    return 1;
  if (p[0] == 0xC2 && p[1] == 0xA0)
    return 2;
  if (p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF || p[2] == 0xA8 || p[2] == 0xA9))
    return 3;
  if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
    return 3;
  return 0;
}

/* Zero-width characters that only break words apart in the metric's eyes (ZWSP, BOM). */
static inline int
invisible_length (const unsigned char *p)
{
  if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x8B || p[2] == 0x8C || p[2] == 0x8D))
    return 3;
  if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    return 3;
  if (p[0] == 0xC2 && p[1] == 0xAD) /* soft hyphen */
    return 2;
  return 0;
}

void
html_append_collapsed (GString *out, const char *text, gboolean *pending_space)
{
  const unsigned char *p = (const unsigned char *) text;
  while (*p)
    {
      /* Copy a run of ordinary bytes at once. */
      const unsigned char *run = p;
      while (*p && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p < 0xC2)
        p++;
      if (p > run)
        {
          if (*pending_space && out->len > 0)
            g_string_append_c (out, ' ');
          *pending_space = FALSE;
          g_string_append_len (out, (const char *) run, p - run);
          continue;
        }
      int n = space_length (p);
      if (n > 0)
        {
          *pending_space = TRUE;
          p += n;
          continue;
        }
      n = invisible_length (p);
      if (n > 0)
        {
          p += n;
          continue;
        }
      /* A non-ASCII character (or a control byte, which we pass through). */
      n = 1;
      while ((p[n] & 0xC0) == 0x80)
        n++;
      if (*pending_space && out->len > 0)
        g_string_append_c (out, ' ');
      *pending_space = FALSE;
      g_string_append_len (out, (const char *) p, n);
      p += n;
    }
}

char *
html_node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  if (content == NULL)
    return g_strdup ("");
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;
  html_append_collapsed (out, (const char *) content, &pending);
  xmlFree (content);
  return g_string_free (out, FALSE);
}

char *
html_attr (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  if (value == NULL)
    return NULL;
  char *copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}
