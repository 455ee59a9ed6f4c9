/* safe.c: names and messages from hostile input: file names that stay in their directory,
 * text for terminals and JSON without control characters or invalid UTF-8. */
#include "config.h"

#include <string.h>

#include <newsflow/safe.h>

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

static gboolean
name_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '.' || c == '_' || c == '-';
}

char *
nf_safe_file_name (const char *text, const char *fallback)
{
  if (text == NULL)
    text = "";
  /* Valid UTF-8 first: a name from a byte string is made of its valid part. */
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *name = g_string_new (NULL);
  gboolean shortened = FALSE;
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));
      char bytes[6];
      gint n = g_unichar_to_utf8 (c, bytes);
      if (name_char (c) && !(name->len == 0 && (c == '.' || c == '-')))
        {
          if (name->len + n > NF_SAFE_FILE_NAME_MAX - 17)
            {
              shortened = TRUE;
              break;
            }
          g_string_append_len (name, bytes, n);
        }
      else
        {
          if (name->len > 0 && name->str[name->len - 1] != '-')
            g_string_append_c (name, '-');
        }
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0 && fallback && *fallback && strcmp (fallback, text) != 0)
    {
      g_string_free (name, TRUE);
      return nf_safe_file_name (fallback, NULL);
    }
  /* A hash keeps two long ids that share their first 80 bytes apart, and names an input
   * of which nothing survived; other collisions are the caller's (markdown appends -2). */
  if (shortened || name->len == 0)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
      if (name->len > 0)
        g_string_append_c (name, '-');
      g_string_append_len (name, hash, name->len == 0 ? 16 : 12);
    }
  return g_string_free (name, FALSE);
}

/* Where in @word (eight bytes of text, in memory order) the first byte of 0x80 or up or the
 * first NUL is: a flag in the top bit of each such byte (the NUL test, (w - 1) & ~w, flags a
 * byte above a NUL or a borrow falsely, never one below the first), the lowest counted. */
static inline guint64
word_stops (guint64 word)
{
  return (word | ((word - 0x0101010101010101u) & ~word)) & 0x8080808080808080u;
}

/* The length of the valid two-byte character at @p (before @stop), the form of the accented
 * letters of European text, or 0 for anything else (left to g_utf8_validate_len).  @p may
 * be @stop (the caller's loop reaches it after a character that ends the text), so the room
 * is tested before any byte is read: the text need not be followed by a NUL. */
static inline gsize
two_byte_char (const guint8 *p, const guint8 *stop)
{
  return stop - p >= 2 && p[0] >= 0xC2 && p[0] <= 0xDF && (p[1] & 0xC0) == 0x80 ? 2 : 0;
}

gboolean
nf_utf8_validate (const char *text, gsize length, const char **end)
{
  const guint8 *p = (const guint8 *) text, *stop = p + length;
  while (p < stop)
    {
      while (stop - p >= 8)
        {
          guint64 word;
          memcpy (&word, p, 8);
          guint64 stops = word_stops (word);
          if (stops == 0)
            {
              p += 8;
              continue;
            }
          /* straight to the byte that stopped it, rather than a byte at a time */
          if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
            p += (guint) __builtin_ctzll (stops) / 8;
          break;
        }
      if (p == stop)
        break;
      if (*p < 0x80)
        {
          if (*p == 0)
            {
              if (end)
                *end = (const char *) p;
              return FALSE;
            }
          p++;
          continue;
        }
      /* a multi-byte character is made of non-ASCII bytes only, so each run of them is valid
       * or not on its own; its valid two-byte characters first, without a call (a run valid
       * after them is valid, and GLib stops at the same byte in the rest as in the whole) */
      gsize n;
      while ((n = two_byte_char (p, stop)) > 0)
        p += n;
      if (p == stop || *p < 0x80)
        continue;
      const guint8 *run = p;
      while (p < stop && *p >= 0x80)
        p++;
      if (!g_utf8_validate_len ((const char *) run, p - run, end))
        return FALSE;
    }
  if (end)
    *end = (const char *) p;
  return TRUE;
}

/* Sixteen bytes as one vector: GCC's generic vectors, SSE2 on x86-64. */
typedef guint8 Bytes16 __attribute__ ((vector_size (16)));

gsize
nf_utf8_length (const char *text, gssize length)
{
  if (text == NULL)
    return 0;
  gsize n = length < 0 ? strlen (text) : (gsize) length, k = 0, continuation = 0;
  while (k + 16 <= n)
    {
      /* each lane counts its continuation bytes (a comparison is 0 or -1 a lane) for up to
       * 255 blocks, before the lanes are summed */
      Bytes16 lanes = { 0 };
      for (guint blocks = 0; blocks < 255 && k + 16 <= n; blocks++, k += 16)
        {
          Bytes16 x;
          memcpy (&x, text + k, 16);
          lanes -= (Bytes16) ((x & 0xC0) == 0x80);
        }
      for (guint i = 0; i < 16; i++)
        continuation += lanes[i];
    }
  for (; k < n; k++)
    continuation += ((guchar) text[k] & 0xC0) == 0x80;
  return n - continuation;
}

gboolean
nf_safe_is_displayable (const char *text, gssize length)
{
  const char *end;
  if (text == NULL)
    return TRUE;
  if (length < 0)
    length = strlen (text);
  if (!nf_utf8_validate (text, length, &end))
    return FALSE;
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    if (is_control (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

char *
nf_safe_display (const char *text, gssize length)
{
  if (text == NULL)
    return g_strdup ("");
  if (length < 0)
    length = strlen (text);
  GString *out = g_string_sized_new (length + 8);
  const char *p = text, *end = text + length;
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      const char *next = g_utf8_next_char (p);
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (is_control (c))
        g_string_append_printf (out, "\\x%02X", c);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (out, FALSE);
}
