/* charset.c: a page's bytes to valid UTF-8, honouring BOM, HTTP header and <meta charset>
 * (the order HTML5 gives), and libxml2's HTML parser set up for UTF-8 input. */
#include <errno.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
    head[n_head] = html_ascii_lower ((char) data[n_head]);
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
      valid = nf_utf8_validate ((const char *) data, length, NULL);
      charset = g_strdup (valid ? "UTF-8" : "WINDOWS-1252");
    }

  char *text = NULL;
  if (is_utf8 (charset))
    {
      if (valid < 0)
        valid = nf_utf8_validate ((const char *) data, length, NULL);
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
            valid = nf_utf8_validate ((const char *) data, length, NULL);
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

/* ---- script and style bodies ----
 * libxml2 reads the body of a <script> or <style> character by character (a fifth of its
 * parse of a news page, whose scripts and styles are a third of its bytes), only to keep it
 * as one CDATA node.  So the bodies are cut out before the parse, each replaced by a short
 * marker, and put back into their nodes after it: the same tree for less work.  The cut
 * follows libxml2's own rule for a body in recovery mode (from the start tag's ">" to the
 * first "</script" or "</style", any case), and leaves alone the bodies it would read
 * another way (opening with "<", holding characters it drops).  Where the scan below and
 * the parser disagree about what is a body (a tag inside a comment, a quote in an
 * attribute), some marker does not come back as the whole body of a script or style
 * element: the page is then parsed again as it is. */

typedef struct {
  gsize start, end; /* the body, in bytes of the text */
} Body;

/* DEL, a character libxml2 keeps, starts it: rare in pages, so the search for it is quick.
 * MARK_PREFIX opens every marker (those of attribute values too, below). */
#define BODY_MARK "\x7fnf-body-"
#define MARK_PREFIX "\x7fnf-"

/* memmem, which is not in C11: memchr finds the candidates fast. */
static const char *
find_bytes (const char *haystack, gsize length, const char *needle, gsize n)
{
  const char *end = haystack + length;
  for (const char *p = haystack; (gsize) (end - p) >= n && (p = memchr (p, needle[0], end - p - n + 1)); p++)
    if (memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

static inline gboolean
is_name_char (char c)
{
  /* By table: this runs on every byte of every tag and attribute name. */
  static const guint64 table[4] = {
    G_GUINT64_CONSTANT (0x07FF600000000000), /* - . 0-9 : */
    G_GUINT64_CONSTANT (0x07FFFFFE87FFFFFE), /* A-Z _ a-z */
    0, 0
  };
  guchar b = (guchar) c;
  return (table[b >> 6] >> (b & 63)) & 1;
}

/* Whether libxml2 keeps every character of @body as it is (no control characters, no
 * U+FFFE or U+FFFF, which it drops from a body) and reads it as text from its first byte. */
static gboolean
plain_body (const char *body, gsize length)
{
  if (length == 0 || body[0] == '<')
    return FALSE;
  for (gsize i = 0; i < length;)
    {
#ifdef __SSE2__
      /* Sixteen bytes at a time where the CPU can: the bodies are most of a page's bytes. */
      if (length - i >= 16)
        {
          __m128i v = _mm_loadu_si128 ((const __m128i *) (body + i));
          __m128i low = _mm_cmpeq_epi8 (_mm_min_epu8 (v, _mm_set1_epi8 (0x1F)), v); /* below 0x20 */
          __m128i ef = _mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xEF));
          if (_mm_movemask_epi8 (_mm_or_si128 (low, ef)) == 0)
            {
              i += 16;
              continue;
            }
        }
#endif
      /* Eight bytes at a time while none is below 0x20 or 0xEF (the usual bit tricks: a
       * word is flagged when one of its bytes is; the flagged word is then read byte by byte). */
      if (length - i >= 8)
        {
          guint64 w, x;
          memcpy (&w, body + i, 8);
          x = w ^ 0xEFEFEFEFEFEFEFEFu;
          if (!(((w - 0x2020202020202020u) & ~w & 0x8080808080808080u)
                | ((x - 0x0101010101010101u) & ~x & 0x8080808080808080u)))
            {
              i += 8;
              continue;
            }
        }
      for (gsize stop = MIN (i + 8, length); i < stop; i++)
        {
          guchar c = (guchar) body[i];
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return FALSE;
          if (c == 0xEF && i + 2 < length && (guchar) body[i + 1] == 0xBF
              && ((guchar) body[i + 2] == 0xBE || (guchar) body[i + 2] == 0xBF))
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- long attribute values ----
 * libxml2 also reads an attribute's value character by character into a buffer of its
 * own; long values (URLs, srcset lists, inline styles, JSON in data- attributes, SVG paths)
 * are a fifth of a news page's bytes outside its scripts.  They are cut out the same way:
 * a quoted value of ATTR_MIN bytes or more that libxml2 would copy as it is (printable
 * ASCII, no character reference) becomes a marker, noted when its element starts and put
 * back after the parse.  Not cut: the values of <meta> (libxml2 reads its charset), of
 * <html> and <body> (libxml2 adds a repeated tag's attributes to the first one without
 * the SAX call that notes them), of id and name attributes (libxml2 files them as IDs while
 * it parses) and of an attribute that repeats one before it (libxml2 drops it). */

#define ATTR_MARK "\x7fnf-attr-"
#define ATTR_MIN 24

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether libxml2 copies the @length bytes at @value into the attribute as they are. */
static gboolean
plain_value (const char *value, gsize length)
{
  gsize i = 0;
  /* Eight bytes at a time while none is below 0x20, "&", DEL or above (a word is flagged
   * when one of its bytes may be; the flagged word is then read byte by byte). */
  for (; i + 8 <= length; i += 8)
    {
      guint64 w, amp;
      memcpy (&w, value + i, 8);
      amp = w ^ 0x2626262626262626u;
      if (((w - 0x2020202020202020u) | (amp - 0x0101010101010101u) | (w + 0x0101010101010101u) | w)
          & 0x8080808080808080u)
        break;
    }
  for (; i < length; i++)
    {
      guchar c = (guchar) value[i];
      if (c == '&' || c >= 0x7f || (c < 0x20 && c != '\t' && c != '\n'))
        return FALSE;
    }
  return TRUE;
}

/* Notes in @attrs the values to cut of the start tag whose attributes start at @p, read
 * as libxml2's htmlParseStartTag reads them; returns where it stopped: at the tag's end, or
 * where the tag stops looking like one (the scan of the page goes on from there). */
static const char *
find_values (const char *text, const char *p, const char *end, GArray *attrs)
{
  /* The names so far: libxml2 drops an attribute that repeats one (its value with it). */
  struct { const char *name; gsize length; } seen[32];
  guint n_seen = 0;
  for (;;)
    {
      while (p < end && is_blank (*p))
        p++;
      if (p >= end || *p == '>' || *p == '<' || (*p == '/' && p + 1 < end && p[1] == '>'))
        return p;
      if (!g_ascii_isalpha (*p) && *p != '_' && *p != ':' && *p != '.')
        return p;
      const char *name = p;
      while (p < end && is_name_char (*p))
        p++;
      gsize name_length = p - name;
      gboolean repeated = n_seen == G_N_ELEMENTS (seen);
      for (guint i = 0; i < n_seen && !repeated; i++)
        repeated = seen[i].length == name_length && g_ascii_strncasecmp (seen[i].name, name, name_length) == 0;
      if (n_seen < G_N_ELEMENTS (seen))
        seen[n_seen].name = name, seen[n_seen++].length = name_length;
      while (p < end && is_blank (*p))
        p++;
      if (p >= end || *p != '=')
        continue;
      p++;
      while (p < end && is_blank (*p))
        p++;
      if (p >= end)
        return p;
      if (*p != '"' && *p != '\'')
        {
          while (p < end && !is_blank (*p) && *p != '>')
            p++;
          continue;
        }
      const char *close = memchr (p + 1, *p, end - p - 1);
      if (close == NULL)
        return end;
      gsize n = close - (p + 1);
      if (n >= ATTR_MIN && !repeated && name_length < 100 && !html_ascii_equal_len (name, name_length, "id")
          && !html_ascii_equal_len (name, name_length, "name") && plain_value (p + 1, n))
        {
          Body value = { p + 1 - text, close - text };
          g_array_append_val (attrs, value);
        }
      p = close + 1;
    }
}

/* The bodies of the page's script and style elements that can be cut out, and (in @attrs)
 * its long attribute values. */
static GArray *
find_bodies (const char *text, gsize length, GArray *attrs)
{
  GArray *bodies = g_array_sized_new (FALSE, FALSE, sizeof (Body), 64);
  const char *p = text, *end = text + length;
  while (p < end && (p = memchr (p, '<', end - p)))
    {
      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = find_bytes (p + 4, end - p - 4, "-->", 3);
          if (close == NULL)
            break;
          p = close + 3;
          continue;
        }
      const char *name = NULL;
      gsize n = 0;
      if (end - p < 2 || (p[1] | 0x20) != 's') /* most tags: no compare */
        ;
      else if (end - p > 7 && html_ascii_has_prefix (p + 1, "script"))
        name = "script", n = 6;
      else if (end - p > 6 && html_ascii_has_prefix (p + 1, "style"))
        name = "style", n = 5;
      if (name == NULL || is_name_char (p[1 + n]))
        {
          /* Another start tag: its long attribute values (not those of <meta>). */
          const char *tag = p + 1, *tag_end = tag;
          while (tag_end < end && is_name_char (*tag_end))
            tag_end++;
          gsize tag_length = tag_end - tag;
          if (tag < end && g_ascii_isalpha (*tag) && !html_ascii_equal_len (tag, tag_length, "meta")
              && !html_ascii_equal_len (tag, tag_length, "body") && !html_ascii_equal_len (tag, tag_length, "html"))
            {
              const char *stop = find_values (text, tag_end, end, attrs);
              p = MAX (stop, p + 1);
            }
          else
            p++;
          continue;
        }
      /* The start tag's ">", outside a quoted attribute value. */
      const char *q = p + 1 + n;
      char quote = 0;
      gboolean after_equals = FALSE;
      for (; q < end; q++)
        {
          if (quote)
            {
              if (*q == quote)
                quote = 0;
              continue;
            }
          if (*q == '>')
            break;
          if ((*q == '"' || *q == '\'') && after_equals)
            quote = *q;
          else if (*q == '=')
            after_equals = TRUE;
          else if (!g_ascii_isspace (*q))
            after_equals = FALSE;
        }
      if (q >= end)
        break;
      p = q + 1;
      if (q[-1] == '/')
        continue; /* <script ... />: maybe no body (libxml2 decides); left as it is */
      /* The body ends at the first "</" and the element's name. */
      const char *close = p;
      while ((close = find_bytes (close, end - close, "</", 2)) && (gsize) (end - close) >= 2 + n
             && g_ascii_strncasecmp (close + 2, name, n) != 0)
        close += 2;
      if (close == NULL || (gsize) (end - close) < 2 + n)
        break; /* no end: the body runs to the end of the page, left as it is */
      if (plain_body (p, close - p))
        {
          Body body = { p - text, close - text };
          g_array_append_val (bodies, body);
        }
      p = close + 2 + n;
    }
  return bodies;
}

/* Writes the k-th marker (@mark, k in decimal, "-") at @out, which has room for
 * MARK_MAX bytes; returns its length.  Inlined so that @mark's length is a constant: it
 * runs three times for each value cut (write, note, check), tens of thousands a page. */
#define MARK_MAX (sizeof BODY_MARK - 1 + 10 + 1)
G_STATIC_ASSERT (sizeof ATTR_MARK == sizeof BODY_MARK);

static G_ALWAYS_INLINE inline gsize
write_mark (char *out, const char *mark, guint k)
{
  gsize n = strlen (mark);
  memcpy (out, mark, n);
  char digits[10];
  guint d = 0;
  for (guint v = k; d == 0 || v; v /= 10)
    digits[d++] = (char) ('0' + v % 10);
  while (d)
    out[n++] = digits[--d];
  out[n++] = '-';
  return n;
}

/* @text with each body and value replaced by its marker, in one allocation (both lists are
 * in the order of the page and do not overlap). */
static char *
cut_bodies (const char *text, gsize length, GArray *bodies, GArray *attrs, gsize *cut_length)
{
  char *cut = g_malloc (length + (bodies->len + attrs->len) * MARK_MAX + 1);
  char *out = cut;
  gsize at = 0;
  for (guint b = 0, a = 0; b < bodies->len || a < attrs->len;)
    {
      const Body *body = b < bodies->len ? &g_array_index (bodies, Body, b) : NULL;
      const Body *value = a < attrs->len ? &g_array_index (attrs, Body, a) : NULL;
      gboolean is_body = value == NULL || (body && body->start < value->start);
      const Body *span = is_body ? body : value;
      memcpy (out, text + at, span->start - at);
      out += span->start - at;
      out += is_body ? write_mark (out, BODY_MARK, b++) : write_mark (out, ATTR_MARK, a++);
      at = span->end;
    }
  memcpy (out, text + at, length - at);
  out += length - at;
  *out = '\0';
  *cut_length = out - cut;
  return cut;
}

/* What the parse of a cut page notes for restore_bodies (in the parser's _private): the
 * script or style element whose text opened with the k-th marker, in the order libxml2 hands
 * the texts over, which is the order of the page.  So the bodies go back without a walk over
 * the whole tree. */
typedef struct {
  GArray *bodies;
  xmlNode **nodes;      /* one a body, NULL until its marker is seen */
  guint next;           /* the marker expected next */
  cdataBlockSAXFunc cdata; /* libxml2's own */
  GArray *attrs;        /* the values cut, and the same for them: */
  xmlAttr **attr_nodes;
  guint next_attr;
  startElementSAXFunc start_element;
} Cut;

static void
note_body (void *user, const xmlChar *value, int length)
{
  xmlParserCtxtPtr context = user;
  Cut *cut = context->_private;
  xmlNode *node = context->node;
  if (cut->next < cut->bodies->len && node && node->children == NULL && node->type == XML_ELEMENT_NODE
      && (html_ascii_equal ((const char *) node->name, "script") || html_ascii_equal ((const char *) node->name, "style")))
    {
      char mark[MARK_MAX];
      gsize n = write_mark (mark, BODY_MARK, cut->next);
      if ((gsize) length == n && memcmp (value, mark, n) == 0)
        cut->nodes[cut->next++] = node;
    }
  cut->cdata (user, value, length);
}

/* The attributes of the element just started whose values are markers, in the order of
 * the page: libxml2 made them from the start tag's attributes in their order. */
static void
note_attrs (void *user, const xmlChar *name, const xmlChar **atts)
{
  xmlParserCtxtPtr context = user;
  Cut *cut = context->_private;
  cut->start_element (user, name, atts);
  gboolean marked = FALSE;
  for (guint i = 0; atts && atts[i] && !marked; i += 2)
    marked = atts[i + 1] && atts[i + 1][0] == 0x7f;
  xmlNode *node = context->node;
  if (!marked || node == NULL || node->type != XML_ELEMENT_NODE)
    return;
  for (xmlAttr *a = node->properties; a && cut->next_attr < cut->attrs->len; a = a->next)
    {
      xmlNode *value = a->children;
      if (value == NULL || value->type != XML_TEXT_NODE || value->content == NULL || value->content[0] != 0x7f)
        continue;
      char mark[MARK_MAX + 1];
      mark[write_mark (mark, ATTR_MARK, cut->next_attr)] = '\0';
      if (strcmp ((const char *) value->content, mark) == 0)
        cut->attr_nodes[cut->next_attr++] = a;
    }
}

/* Puts the bodies back: the k-th marker must be the whole text of the k-th script or style
 * element that has one, and every marker must come back; the same for the values. */
static gboolean
restore_bodies (const Cut *cut, const char *text)
{
  if (cut->next != cut->bodies->len || cut->next_attr != cut->attrs->len)
    return FALSE;
  for (guint k = 0; k < cut->attrs->len; k++)
    {
      char mark[MARK_MAX + 1];
      mark[write_mark (mark, ATTR_MARK, k)] = '\0';
      xmlNode *value = cut->attr_nodes[k]->children;
      if (value == NULL || value->next || value->type != XML_TEXT_NODE || value->content == NULL
          || strcmp ((const char *) value->content, mark) != 0)
        return FALSE;
    }
  for (guint k = 0; k < cut->bodies->len; k++)
    {
      char mark[MARK_MAX + 1];
      mark[write_mark (mark, BODY_MARK, k)] = '\0';
      xmlNode *child = cut->nodes[k]->children;
      if (child == NULL || child->next || child->type != XML_CDATA_SECTION_NODE || child->content == NULL
          || strcmp ((const char *) child->content, mark) != 0)
        return FALSE;
    }
  for (guint k = 0; k < cut->bodies->len; k++)
    {
      const Body *body = &g_array_index (cut->bodies, Body, k);
      xmlNodeSetContentLen (cut->nodes[k]->children, (const xmlChar *) text + body->start,
                            (int) (body->end - body->start));
    }
  for (guint k = 0; k < cut->attrs->len; k++)
    {
      const Body *value = &g_array_index (cut->attrs, Body, k);
      xmlNodeSetContentLen (cut->attr_nodes[k]->children, (const xmlChar *) text + value->start,
                            (int) (value->end - value->start));
    }
  return TRUE;
}

static htmlDocPtr
parse (const char *text, gsize length, const char *url, Cut *cut, gboolean *too_deep)
{
  htmlParserCtxtPtr context = htmlNewParserCtxt ();
  if (context == NULL)
    return NULL;
  /* No table of ids: nothing here looks an element up by its id, and libxml2 would hash
   * every id of the page while parsing (reporting each duplicate, with a formatted message)
   * and unhash it again while freeing.  The tree is the same. */
  context->loadsubset |= XML_SKIP_IDS;
  if (cut)
    {
      context->_private = cut;
      cut->cdata = context->sax->cdataBlock;
      context->sax->cdataBlock = note_body;
      cut->start_element = context->sax->startElement;
      context->sax->startElement = note_attrs;
    }
  /* IGNORE_ENC: the bytes are UTF-8 now, whatever <meta charset> says.  No HUGE: libxml2
   * stops at 256 nested elements, which keeps a nesting bomb cheap; we report it. */
  htmlDocPtr doc = htmlCtxtReadMemory (context, text, (int) length, url, "UTF-8",
                                       HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR
                                       | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
  *too_deep = context->lastError.code == XML_ERR_INTERNAL_ERROR && context->lastError.message
              && strstr (context->lastError.message, "depth");
  htmlFreeParserCtxt (context);
  return doc;
}

htmlDocPtr
html_parse_utf8 (const char *text, gsize length, const char *url, gboolean *too_deep)
{
  *too_deep = FALSE;
  if (length > G_MAXINT)
    return NULL;
  htmlDocPtr doc = NULL;
  /* A page that holds the marker itself is parsed as it is.  The rule for a body's end is
   * that of libxml2's parser before 2.14 (tested with 2.9.14); 2.14's HTML5 tokenizer has
   * rules of its own, which the check after the parse would mostly, not surely, catch. */
  g_autoptr (GArray) attrs = g_array_sized_new (FALSE, FALSE, sizeof (Body), 1024);
#if LIBXML_VERSION < 21400
  g_autoptr (GArray) bodies = find_bytes (text, length, MARK_PREFIX, strlen (MARK_PREFIX)) ? NULL : find_bodies (text, length, attrs);
#else
  g_autoptr (GArray) bodies = NULL;
#endif
  if (bodies && (bodies->len || attrs->len))
    {
      gsize cut_length;
      char *cut_text = cut_bodies (text, length, bodies, attrs, &cut_length);
      g_autofree xmlNode **nodes = g_new0 (xmlNode *, MAX (bodies->len, 1));
      g_autofree xmlAttr **attr_nodes = g_new0 (xmlAttr *, MAX (attrs->len, 1));
      Cut cut = { .bodies = bodies, .nodes = nodes, .attrs = attrs, .attr_nodes = attr_nodes };
      doc = parse (cut_text, cut_length, url, &cut, too_deep);
      g_free (cut_text);
      if (doc && !restore_bodies (&cut, text))
        g_clear_pointer (&doc, xmlFreeDoc);
    }
  if (doc == NULL)
    doc = parse (text, length, url, NULL, too_deep);
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
