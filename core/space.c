/* space.c: the one definition of white space (newsflow/text.h) and collapsing runs of it.
 * The parsers and fetchers used to carry their own versions, which disagreed on the no-break
 * and thin spaces; this is the only one left. */
#include "config.h"

#include <string.h>

#include <newsflow/text.h>

gboolean
nf_unichar_is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || (c >= '\t' && c <= '\r');
  switch (c)
    {
    case 0x0085: case 0x00A0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return TRUE;
    default:
      return c >= 0x2000 && c <= 0x200A;
    }
}

gboolean
nf_unichar_is_invisible (gunichar c)
{
  return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

static inline gboolean
is_joiner (gunichar c)
{
  return c == 0x200C || c == 0x200D;
}

/* Whether a joiner written before @next joins two characters: one already in @out with no
 * space pending, and one that follows it in this piece and is not white space.  Pages fill
 * empty paragraphs with a lone "&zwj;"; a joiner at the edge of a word joins nothing. */
static gboolean
joins (const GString *out, gboolean pending_space, const guchar *next, const guchar *end)
{
  if (pending_space || out->len == 0 || next >= end)
    return FALSE;
  gunichar c = *next < 0x80 ? *next : g_utf8_get_char_validated ((const char *) next, end - next);
  return !nf_unichar_is_space (c);
}

void
nf_text_append_collapsed (GString *out, const char *text, gssize length, gboolean *pending_space)
{
  if (text == NULL)
    return;
  const guchar *p = (const guchar *) text;
  const guchar *end = p + (length < 0 ? strlen (text) : (gsize) length);
  while (p < end)
    {
      /* Copy a run of visible ASCII at once, with the single spaces between its words: most
       * of any text, and what collapsing leaves as it is. */
      const guchar *run = p;
      while (p < end && ((*p > ' ' && *p < 0x80)
                         || (*p == ' ' && p > run && p + 1 < end && p[1] > ' ' && p[1] < 0x80)))
        p++;
      if (p == run)
        {
          gunichar c;
          gsize n;
          if (*p < 0x80)
            c = *p, n = 1;
          else
            {
              c = g_utf8_get_char_validated ((const char *) p, end - p);
              /* Not UTF-8: pass the byte through, as a character that is neither. */
              n = c == (gunichar) -1 || c == (gunichar) -2 ? 1 : (gsize) g_utf8_skip[*p];
            }
          if (nf_unichar_is_space (c))
            {
              *pending_space = TRUE;
              p += n;
              continue;
            }
          if (nf_unichar_is_invisible (c) || (is_joiner (c) && !joins (out, *pending_space, p + n, end)))
            {
              p += n;
              continue;
            }
          p += n;
        }
      if (*pending_space && out->len > 0)
        g_string_append_c (out, ' ');
      *pending_space = FALSE;
      g_string_append_len (out, (const char *) run, p - run);
    }
}

char *
nf_text_collapse_space (const char *text, gssize length)
{
  GString *out = g_string_sized_new (text ? (length < 0 ? strlen (text) : (gsize) length) : 0);
  gboolean pending = FALSE;
  nf_text_append_collapsed (out, text, length, &pending);
  return g_string_free (out, FALSE);
}
