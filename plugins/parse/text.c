/* parse "text": plain-text news as wire services and our samples write it.  Line one is the
 * headline, an optional "By ..." byline follows, each further non-blank line is a paragraph
 * (opening with an optional dateline), and a trailing "Related Sources:" block lists sources. */
#include <string.h>

#include <newsflow/newsflow.h>

typedef struct {
  GRegex *byline;
  GRegex *dateline;
  GRegex *sources_heading;
  GRegex *source_separator;
} TextParser;

static const NfOption text_options[] = {
  NF_OPTION_BOOL ("datelines", cfg_true,
                  "Recognise a dateline (\"KYIV, Ukraine (Reuters) — \") at the start of the body: it "
                  "becomes the dateline and agency fields and a \"dateline\" annotation."),
  NF_OPTION_BOOL ("bylines", cfg_true,
                  "Read a \"By Jane Doe and John Roe\" line after the headline as the authors."),
  NF_OPTION_END
};

static const char *const text_types[] = { "text/plain", NULL };

static void
text_free (gpointer instance)
{
  TextParser *parser = instance;
  g_clear_pointer (&parser->byline, g_regex_unref);
  g_clear_pointer (&parser->dateline, g_regex_unref);
  g_regex_unref (parser->sources_heading);
  g_regex_unref (parser->source_separator);
  g_free (parser);
}

static gboolean
text_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  g_autofree TextParser *parser = g_new0 (TextParser, 1);
  /* GRegex matching is thread-safe, so workers share the compiled patterns. */
  if (cfg_getbool (config, "bylines"))
    parser->byline = g_regex_new ("^By\\s+(\\S.{0,150})$", G_REGEX_OPTIMIZE, 0, error);
  /* Place in capitals ("SAO PAULO", "U.S."), optional ", Country" or ", Nov 26", optional
   * "(Agency)", then a dash. */
  if (cfg_getbool (config, "datelines"))
    parser->dateline = g_regex_new (
      "^(\\p{Lu}[\\p{Lu}.'’-]+(?:\\s\\p{Lu}[\\p{Lu}.'’-]*)*"
      "(?:,\\s[^()—–\\n]{1,40}?)?)"
      "(?:\\s*\\(([^)]{1,40})\\))?"
      "\\s*(?:—|–|--?)\\s+", G_REGEX_OPTIMIZE, 0, error);
  parser->sources_heading = g_regex_new ("^\\s*related sources\\s*:\\s*", G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, error);
  parser->source_separator = g_regex_new ("\\s*(?:•|\\n)\\s*", G_REGEX_OPTIMIZE, 0, error);
  if ((cfg_getbool (config, "bylines") && !parser->byline)
      || (cfg_getbool (config, "datelines") && !parser->dateline)
      || !parser->sources_heading || !parser->source_separator)
    {
      text_free (g_steal_pointer (&parser));
      return FALSE;
    }
  nf_stage_set_instance (stage, g_steal_pointer (&parser));
  return TRUE;
}

/* Trims and collapses runs of white space to one space. */
static char *
normalize_space (const char *line)
{
  GString *out = g_string_sized_new (strlen (line));
  gboolean pending = FALSE;
  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        {
          pending = out->len > 0;
          continue;
        }
      if (pending)
        g_string_append_c (out, ' ');
      pending = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
add_authors (NfArticle *article, const char *names)
{
  g_auto (GStrv) parts = g_regex_split_simple ("\\s*(?:,|\\band\\b|&)\\s*", names, 0, 0);
  for (char **part = parts; *part; part++)
    if (**part)
      nf_article_add_author (article, *part);
}

static void
add_sources (TextParser *parser, NfArticle *article, GPtrArray *lines, guint first, const char *rest)
{
  GString *block = g_string_new (rest);
  for (guint i = first; i < lines->len; i++)
    {
      g_string_append_c (block, '\n');
      g_string_append (block, g_ptr_array_index (lines, i));
    }
  g_auto (GStrv) items = g_regex_split (parser->source_separator, block->str, 0);
  g_string_free (block, TRUE);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  for (char **item = items; *item; item++)
    {
      g_autofree char *clean = normalize_space (*item);
      if (*clean)
        g_ptr_array_add (sources, g_steal_pointer (&clean));
    }
  if (sources->len > 0)
    nf_article_set_field_strv (article, "sources", (const char *const *) sources->pdata, sources->len);
}

static void
mark_dateline (TextParser *parser, NfArticle *article)
{
  const char *text = nf_article_get_text (article);
  g_autoptr (GMatchInfo) match = NULL;
  if (parser->dateline == NULL || !g_regex_match (parser->dateline, text, 0, &match))
    return;
  int end;
  g_match_info_fetch_pos (match, 0, NULL, &end);
  g_autofree char *place = g_match_info_fetch (match, 1);
  g_autofree char *agency = g_match_info_fetch (match, 2);
  nf_article_set_field_string (article, "dateline", g_strchomp (place));
  if (agency && *agency)
    nf_article_set_field_string (article, "agency", agency);
  nf_article_add_annotation (article, "dateline", 0, end);
}

static gboolean
text_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  TextParser *parser = nf_stage_get_instance (stage);
  gsize length;
  const char *data = g_bytes_get_data (nf_article_get_raw (article), &length);
  if (data == NULL)
    data = ""; /* GLib gives NULL for empty bytes */
  const char *end;
  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "invalid UTF-8 at byte %" G_GSIZE_FORMAT, (gsize) (end - data));
      return FALSE;
    }
  gsize skip = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  g_autofree char *copy = g_strndup (data + skip, length - skip);

  /* Non-blank lines, CR of CRLF removed. */
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) raw_lines = g_strsplit (copy, "\n", -1);
  for (char **line = raw_lines; *line; line++)
    {
      char *clean = normalize_space (*line);
      if (*clean)
        g_ptr_array_add (lines, clean);
      else
        g_free (clean);
    }
  if (lines->len == 0)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "empty article: no headline");
      return FALSE;
    }

  nf_article_set_title (article, g_ptr_array_index (lines, 0));
  guint first = 1;
  g_autoptr (GMatchInfo) byline = NULL;
  if (parser->byline && lines->len > 1
      && g_regex_match (parser->byline, g_ptr_array_index (lines, 1), 0, &byline))
    {
      g_autofree char *names = g_match_info_fetch (byline, 1);
      add_authors (article, names);
      first = 2;
    }

  nf_article_set_paragraphs (article, NULL, 0);
  for (guint i = first; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      g_autoptr (GMatchInfo) heading = NULL;
      if (i > first && g_regex_match (parser->sources_heading, line, 0, &heading))
        {
          int after;
          g_match_info_fetch_pos (heading, 0, NULL, &after);
          add_sources (parser, article, lines, i + 1, line + after);
          break;
        }
      nf_article_add_paragraph (article, line, -1);
    }
  if (nf_article_get_n_paragraphs (article) > 0)
    mark_dateline (parser, article);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_PARSE,
  .name = "text",
  .summary = "Plain-text news: headline, byline, dateline, paragraphs and a Related Sources list",
  .options = text_options,
  .content_types = text_types,
  .init = text_init,
  .process = text_process,
  .free = text_free,
);
