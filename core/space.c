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
joins (const GString *out, gsize base, gboolean pending_space, const guchar *next, const guchar *end)
{
  if (pending_space || out->len <= base || next >= end)
    return FALSE;
  gunichar c = *next < 0x80 ? *next : g_utf8_get_char_validated ((const char *) next, end - next);
  return !nf_unichar_is_space (c);
}

/* What a byte can start, for the scan below.  PLAIN: a character that is never white space
 * nor removed (visible ASCII, the controls that are not white space, every byte of 0x80 and
 * up that cannot start one of the multi-byte characters named above: continuation bytes, and
 * lead bytes of other characters, invalid ones included, which pass through either way);
 * SPACE: ASCII white space; SPECIAL: a lead byte of U+0085/U+00A0/U+00AD (C2), U+1680 (E1),
 * U+2000..U+2060 (E2), U+3000 (E3) or U+FEFF (EF), which needs decoding. */
enum { PLAIN, SPACE, SPECIAL };

static const guint8 byte_class[256] = {
  ['\t'] = SPACE, ['\n'] = SPACE, ['\v'] = SPACE, ['\f'] = SPACE, ['\r'] = SPACE, [' '] = SPACE,
  [0xC2] = SPECIAL, [0xE1] = SPECIAL, [0xE2] = SPECIAL, [0xE3] = SPECIAL, [0xEF] = SPECIAL,
};

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)
#define LOWS  G_GUINT64_CONSTANT (0x7F7F7F7F7F7F7F7F)

/* Whether the eight bytes at @p are all visible ASCII or single spaces, none of them last:
 * bytes a run of visible ASCII takes whole (its first byte may be a space: the byte before is
 * visible).  Tested on the word at once: most of any text is this. */
static inline gboolean
plain_ascii_word (const guchar *p)
{
  guint64 w;
  memcpy (&w, p, 8);
  w = GUINT64_FROM_LE (w);
  /* a byte of 0x80 or up, or below 0x20 (controls, tab, line ends) */
  if ((w | ((w - 0x20 * ONES) & ~w)) & HIGHS)
    return FALSE;
  /* 0x80 in each byte that is a space, exactly (no borrow between bytes) */
  guint64 x = w ^ (0x20 * ONES);
  guint64 spaces = ~(((x & LOWS) + LOWS) | x | LOWS);
  /* two spaces in a row, or a space last (what follows it is not known here) */
  return ((spaces & (spaces >> 8)) | (spaces >> 56)) == 0;
}

/* The character a SPECIAL byte at @p starts, when it is one of the multi-byte spaces,
 * invisibles or joiners (complete before @end); 0 otherwise (copied as it is). */
static inline gunichar
special_char (const guchar *p, const guchar *end, gsize *n)
{
  gunichar c = g_utf8_get_char_validated ((const char *) p, end - p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return 0;
  *n = g_utf8_skip[*p];
  return c;
}

/* nf_text_append_collapsed where @out's text starts at @base: a space is written before a
 * visible character only when something follows @base. */
static void
append_collapsed (GString *out, gsize base, const char *text, gssize length, gboolean *pending_space)
{
  if (text == NULL)
    return;
  const guchar *p = (const guchar *) text;
  const guchar *end = p + (length < 0 ? strlen (text) : (gsize) length);
  while (p < end)
    {
      guint8 class = byte_class[*p];
      if (class == SPACE)
        {
          *pending_space = TRUE;
          p++;
          continue;
        }
      if (class == SPECIAL)
        {
          gsize n = 1;
          gunichar c = special_char (p, end, &n);
          if (nf_unichar_is_space (c))
            {
              *pending_space = TRUE;
              p += n;
              continue;
            }
          if (nf_unichar_is_invisible (c)
              || (is_joiner (c) && !joins (out, base, *pending_space, p + n, end)))
            {
              p += n;
              continue;
            }
        }
      /* A run from a visible character: copied at once, with the single spaces between its
       * words (most of any text, and what collapsing leaves as it is).  A SPECIAL byte that
       * is none of the characters above is copied as it is, its continuation bytes after. */
      const guchar *run = p++;
      for (;;)
        {
          while (end - p >= 8 && plain_ascii_word (p))
            p += 8;
          if (p >= end)
            break;
          guint8 next = byte_class[*p];
          if (next == PLAIN)
            p++;
          else if (*p == ' ' && p + 1 < end && byte_class[p[1]] == PLAIN)
            p += 2;
          else
            break;
        }
      if (*pending_space && out->len > base)
        g_string_append_c (out, ' ');
      *pending_space = FALSE;
      g_string_append_len (out, (const char *) run, p - run);
    }
}

void
nf_text_append_collapsed (GString *out, const char *text, gssize length, gboolean *pending_space)
{
  append_collapsed (out, 0, text, length, pending_space);
}

char *
nf_text_collapse_space (const char *text, gssize length)
{
  gsize bytes = text ? (length < 0 ? strlen (text) : (gsize) length) : 0;
  /* Collapsing never lengthens a text, so one buffer of its size holds the result: a GString
   * on the stack around it saves allocating and freeing the GString itself, once a line of
   * every article parsed (GString's fields are public, and it reallocates only str). */
  GString out = { g_malloc (bytes + 1), 0, bytes + 1 };
  out.str[0] = '\0';
  gboolean pending = FALSE;
  append_collapsed (&out, 0, text, bytes, &pending);
  return out.str;
}
