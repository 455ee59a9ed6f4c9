/* sniff.c: content types from an item's first bytes (newsflow/sniff.h), and the peek at
 * standard input that lets the core route it by them (sniff-private.h). */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <json-glib/json-glib.h>

#include "sniff-private.h"
#include <newsflow/error.h>
#include <newsflow/json.h>
#include <newsflow/safe.h>
#include <newsflow/sniff.h>

/* ---- by name ---- */

static const struct {
  const char *suffix;
  const char *type;
} suffix_types[] = {
  { ".txt", "text/plain" },        { ".text", "text/plain" },
  { ".html", "text/html" },        { ".htm", "text/html" },        { ".xhtml", "text/html" },
  { ".json", "application/json" }, { ".jsonl", "application/x-ndjson" },
  { ".ndjson", "application/x-ndjson" },
  { ".xml", "application/xml" },   { ".rss", "application/rss+xml" },
  { ".rdf", "application/rdf+xml" },
  { ".atom", "application/atom+xml" }, { ".warc", "application/warc" },
  { ".md", "text/markdown" },      { ".csv", "text/csv" },
};

const char *
nf_content_type_from_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".gz"))
    lower[strlen (lower) - 3] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (suffix_types); i++)
    if (g_str_has_suffix (lower, suffix_types[i].suffix))
      return suffix_types[i].type;
  return NULL;
}

gboolean
nf_content_type_is_container (const char *type)
{
  static const char *const containers[] = {
    "application/warc", "application/rss+xml", "application/rdf+xml", "application/atom+xml",
    "application/x-ndjson", "text/uri-list",
  };
  for (guint i = 0; type && i < G_N_ELEMENTS (containers); i++)
    if (g_ascii_strcasecmp (type, containers[i]) == 0)
      return TRUE;
  return FALSE;
}

/* ---- by bytes ---- */

/* The first bytes of a gzip stream, inflated as far as @length compressed bytes go. */
static GBytes *
inflate_head (const guint8 *data, gsize length)
{
  z_stream z = { 0 };
  if (inflateInit2 (&z, 15 + 16) != Z_OK)
    return NULL;
  guint8 *out = g_malloc (NF_SNIFF_SIZE);
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) length;
  z.next_out = out;
  z.avail_out = NF_SNIFF_SIZE;
  int status = inflate (&z, Z_SYNC_FLUSH);
  gsize got = NF_SNIFF_SIZE - z.avail_out;
  inflateEnd (&z);
  if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
    got = 0;
  return g_bytes_new_take (out, got);
}

/* Skips the XML prolog (declaration, comments, processing instructions, doctype) and returns
 * the root element's qualified name, as the WHATWG MIME Sniffing standard does for feeds. */
static char *
xml_root_name (const char *p, const char *end)
{
  for (;;)
    {
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end || *p != '<')
        return NULL;
      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");
          if (close == NULL)
            return NULL;
          p = close + 3;
          continue;
        }
      if (end - p >= 2 && (p[1] == '?' || p[1] == '!'))
        {
          const char *close = memchr (p, '>', end - p);
          if (close == NULL)
            return NULL;
          p = close + 1;
          continue;
        }
      const char *name = ++p;
      while (p < end && (g_ascii_isalnum (*p) || *p == ':' || *p == '-' || *p == '_' || *p == '.'))
        p++;
      return p > name ? g_strndup (name, p - name) : NULL;
    }
}

static const char *
sniff_xml (const char *p, const char *end)
{
  g_autofree char *root = xml_root_name (p, end);
  if (root == NULL)
    return NULL;
  const char *colon = strrchr (root, ':');
  const char *local = colon ? colon + 1 : root;
  if (g_ascii_strcasecmp (root, "rss") == 0)
    return "application/rss+xml";
  if (strcmp (local, "RDF") == 0 && g_strstr_len (p, end - p, "http://purl.org/rss/1.0/"))
    return "application/rdf+xml";
  if (strcmp (local, "feed") == 0)
    return "application/atom+xml";
  if (g_ascii_strcasecmp (root, "html") == 0 || g_ascii_strncasecmp (p, "<!doctype html", 14) == 0)
    return "text/html";
  return NULL;
}

/* A JSON object alone on the first line, and a second line that starts one too. */
static gboolean
looks_like_json_lines (const char *p, const char *end)
{
  const char *newline = memchr (p, '\n', end - p);
  if (newline == NULL)
    return FALSE;
  const char *next = newline + 1;
  while (next < end && g_ascii_isspace (*next))
    next++;
  if (next >= end || *next != '{')
    return FALSE;
  if (!nf_json_check_depth (p, newline - p, NULL))
    return FALSE;
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, p, newline - p, NULL))
    return FALSE;
  return JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser));
}

/* Every complete line blank, a # comment or one http(s) URL without spaces. */
static gboolean
looks_like_uri_list (const char *p, const char *end)
{
  guint urls = 0;
  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      if (newline == NULL)
        break; /* a line cut by the sniff window says nothing */
      g_autofree char *line = g_strstrip (g_strndup (p, newline - p));
      p = newline + 1;
      if (*line == '\0' || *line == '#')
        continue;
      if ((g_ascii_strncasecmp (line, "http://", 7) != 0 && g_ascii_strncasecmp (line, "https://", 8) != 0)
          || strpbrk (line, " \t<>\"") != NULL)
        return FALSE;
      urls++;
    }
  return urls > 0;
}

const char *
nf_sniff_content_type (const guint8 *data, gsize length, gboolean *gzip)
{
  g_autoptr (GBytes) inflated = NULL;
  gboolean compressed = length >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  if (gzip)
    *gzip = compressed;
  if (compressed)
    {
      inflated = inflate_head (data, length);
      if (inflated == NULL)
        return "application/octet-stream";
      data = g_bytes_get_data (inflated, &length);
      if (data == NULL)
        data = (const guint8 *) "";
    }
  length = MIN (length, NF_SNIFF_SIZE);
  const char *p = (const char *) data;
  const char *end = p + length;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (end - p >= 6 && memcmp (p, "WARC/", 5) == 0 && g_ascii_isdigit (p[5]))
    return "application/warc";
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p < end && *p == '<')
    {
      const char *xml = sniff_xml (p, end);
      return xml ? xml : (g_ascii_strncasecmp (p, "<?xml", 5) == 0 ? "application/xml" : "text/html");
    }
  if (p < end && *p == '{' && looks_like_json_lines (p, end))
    return "application/x-ndjson";
  if (p < end && (*p == '{' || *p == '['))
    return "application/json";
  if (looks_like_uri_list (p, end))
    return "text/uri-list";
  /* UTF-8 in the window (a character cut at its end is allowed) is text; so is text in a
   * legacy 8-bit charset (the text parser detects which): no NUL bytes, few control bytes. */
  const char *stop;
  if (nf_utf8_validate (p, end - p, &stop) || (length == NF_SNIFF_SIZE && end - stop < 4))
    return "text/plain";
  gsize controls = 0;
  for (const char *c = p; c < end; c++)
    {
      if (*c == '\0')
        return "application/octet-stream";
      if ((guchar) *c < 0x20 && !g_ascii_isspace (*c) && *c != '\f')
        controls++;
    }
  return controls * 100 <= (gsize) (end - p) ? "text/plain" : "application/octet-stream";
}
