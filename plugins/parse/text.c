/* parse "text": plain-text news as wire services and our samples write it.  Line one is the
 * headline, an optional "By ..." byline follows, each further non-blank line is a paragraph
 * (opening with an optional dateline), and a trailing "Related Sources:" block lists sources.
 * Wire copy adds agencies to bylines ("By JANE DOE, Associated Press", "By Jane Doe | Reuters")
 * and credit footers ("Reporting by X; Editing by Y"), which become fields, not body text.
 * Text in a legacy charset is converted: the declared one, the charset option, or uchardet's guess. */
#include <string.h>

#include <uchardet.h>

#include <newsflow/newsflow.h>

typedef struct {
  GRegex *byline;
  GRegex *dateline;
  GRegex *agency_dateline;
  GRegex *month_day;
  GRegex *sources_heading;
  GRegex *source_separator;
  GRegex *credit_clause;
  GRegex *contributed;
  GRegex *agency_name;
  GRegex *name_separator;   /* "A, B and C" */
  GRegex *section_separator; /* "Jane Doe | Reuters" */
  GRegex *credit_separator; /* "Reporting by X; editing by Y" */
  char   *charset;  /* the charset option, normalised; NULL: UTF-8, else detected */
} TextParser;

static const NfOption text_options[] = {
  NF_OPTION_BOOL ("datelines", cfg_true,
                  "Recognise a dateline (\"KYIV, Ukraine (Reuters) — \") at the start of the body: it "
                  "becomes the dateline and agency fields and a \"dateline\" annotation."),
  NF_OPTION_BOOL ("bylines", cfg_true,
                  "Read a \"By Jane Doe and John Roe\" line after the headline as the authors."),
  NF_OPTION_STR ("charset", NULL,
                 "Charset of texts that declare none (\"ISO-8859-1\", \"windows-1252\", \"KOI8-R\"...). "
                 "Unset: UTF-8 when the bytes are valid UTF-8, otherwise the charset uchardet detects "
                 "(windows-1252 when it cannot tell), recorded in the \"charset\" field. A charset "
                 "declared by the item (an HTTP header, a WARC record) wins over both."),
  NF_OPTION_END
};

static const char *const text_types[] = { "text/plain", NULL };

static void
text_free (gpointer instance)
{
  TextParser *parser = instance;
  g_clear_pointer (&parser->byline, g_regex_unref);
  g_clear_pointer (&parser->dateline, g_regex_unref);
  g_clear_pointer (&parser->agency_dateline, g_regex_unref);
  g_clear_pointer (&parser->month_day, g_regex_unref);
  g_clear_pointer (&parser->sources_heading, g_regex_unref);
  g_clear_pointer (&parser->source_separator, g_regex_unref);
  g_clear_pointer (&parser->credit_clause, g_regex_unref);
  g_clear_pointer (&parser->contributed, g_regex_unref);
  g_clear_pointer (&parser->agency_name, g_regex_unref);
  g_clear_pointer (&parser->name_separator, g_regex_unref);
  g_clear_pointer (&parser->section_separator, g_regex_unref);
  g_clear_pointer (&parser->credit_separator, g_regex_unref);
  g_free (parser->charset);
  g_free (parser);
}

/* Compiles @pattern into *@regex unless an earlier pattern failed (*@error set). */
static void
compile (GRegex **regex, const char *pattern, GRegexCompileFlags flags, GError **error)
{
  if (*error == NULL)
    *regex = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, error);
}

static gboolean
text_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  g_autofree TextParser *parser = g_new0 (TextParser, 1);
  g_autoptr (GError) local = NULL;
  /* GRegex matching is thread-safe, so workers share the compiled patterns. */
  if (cfg_getbool (config, "bylines"))
    compile (&parser->byline, "^By\\s+(\\S.{0,150})$", G_REGEX_CASELESS, &local);
  if (cfg_getbool (config, "datelines"))
    {
      /* Place in capitals ("SAO PAULO", "U.S."), optional ", Country" or ", Nov 26",
       * optional "(Agency)", then a dash. */
      compile (&parser->dateline,
               "^(\\p{Lu}[\\p{Lu}.'’-]+(?:\\s\\p{Lu}[\\p{Lu}.'’-]*)*"
               "(?:,\\s[^()—–\\n]{1,40}?)?)"
               "(?:\\s*\\(([^)]{1,40})\\))?"
               "\\s*(?:—|–|--?)\\s+", 0, &local);
      /* "(AP) — " with no place. */
      compile (&parser->agency_dateline, "^\\(([^)]{1,40})\\)\\s*(?:—|–|--?)\\s+", 0, &local);
      /* "Nov 27", "Nov. 27", "November 27": the date in "LONDON, Nov 27 (Reuters) -". */
      compile (&parser->month_day,
               "^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2}$", 0, &local);
    }
  compile (&parser->sources_heading, "^\\s*related sources\\s*:\\s*", G_REGEX_CASELESS, &local);
  compile (&parser->source_separator, "\\s*(?:•|\\n)\\s*", 0, &local);
  /* One clause of a Reuters credit line: "Additional reporting by Jane Doe in Paris". */
  compile (&parser->credit_clause,
           "^\\s*(additional reporting|reporting|writing|editing|compiled|research|graphics|production)"
           "\\s+by\\s+(\\S.*?)\\s*$", G_REGEX_CASELESS, &local);
  /* AP's footer: "Associated Press writer John Roe in Paris contributed to this report." */
  compile (&parser->contributed,
           "^(?:The\\s+)?(?:Associated Press|AP|Reuters|AFP)\\s+"
           "(?:writers?|reporters?|correspondents?|journalists?|staff)\\s+"
           "(.{2,200}?)\\s+contributed(?:\\s+(?:to\\s+)?(?:this|the)\\s+(?:report|story))?\\.?$", 0, &local);
  /* What follows a byline's names: the agency, or the writer's role ("AP Business Writer"). */
  compile (&parser->agency_name,
           "^(?:the\\s+)?(?:associated press|ap|reuters|afp|agence france-presse|bloomberg(?: news)?"
           "|upi|united press international|dpa|efe|ansa|kyodo(?: news)?|xinhua|pa media"
           "|press association|tass|yonhap|anadolu(?: agency)?|cnn|bbc news)\\b"
           "|\\b(?:writer|correspondent|reporter|editor|staff|bureau|contributor|columnist)s?$",
           G_REGEX_CASELESS, &local);
  /* The separators too are compiled once: compiling one costs more than parsing an article. */
  compile (&parser->name_separator, "\\s*(?:,|;|\\band\\b|&)\\s*", G_REGEX_CASELESS, &local);
  compile (&parser->section_separator, "\\s+\\|\\s+", 0, &local);
  compile (&parser->credit_separator,
           "\\s*;\\s*|,\\s*(?=(?:additional reporting|reporting|writing|editing|compiled|research|graphics|production)\\s+by\\b)",
           G_REGEX_CASELESS, &local);
  const char *charset = cfg_getstr (config, "charset");
  if (local == NULL && charset && *charset)
    {
      parser->charset = nf_charset_normalize (charset, -1);
      /* An unknown name is a mistake in the chain: say so before anything runs. */
      gsize probe_length;
      g_autofree char *probe = nf_charset_to_utf8 ("", 0, parser->charset, &probe_length, &local);
      if (local)
        g_prefix_error (&local, "charset: ");
    }
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      text_free (g_steal_pointer (&parser));
      return FALSE;
    }
  nf_stage_set_instance (stage, g_steal_pointer (&parser));
  return TRUE;
}

/* "JANE DOE" -> "Jane Doe": wire services print bylines in capitals. */
static char *
name_case (const char *name)
{
  gboolean has_lower = FALSE;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      has_lower = TRUE;
  if (has_lower)
    return g_strdup (name);
  GString *out = g_string_new (NULL);
  gboolean start = TRUE;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (out, start ? c : g_unichar_tolower (c));
      start = !g_unichar_isalpha (c) && c != '.';
    }
  return g_string_free (out, FALSE);
}

/* "Jane Doe in London" -> "Jane Doe". */
static void
strip_place (char *name)
{
  char *in = strstr (name, " in ");
  if (in && in > name)
    *in = '\0';
  g_strstrip (name);
}

/* Splits "A, B and C" into names, each added to @names (case fixed, places removed). */
static void
split_names (TextParser *parser, const char *text, GPtrArray *names)
{
  g_auto (GStrv) parts = g_regex_split (parser->name_separator, text, 0);
  for (char **part = parts; *part; part++)
    {
      strip_place (*part);
      if (**part)
        g_ptr_array_add (names, name_case (*part));
    }
}

/* A byline: "Jane Doe and John Roe", "JANE DOE, Associated Press", "Jane Doe | Reuters",
 * "Jane Doe, AP Business Writer".  Names go to the authors, the rest to "agency". */
static void
read_byline (TextParser *parser, NfArticle *article, const char *byline)
{
  g_auto (GStrv) sections = g_regex_split (parser->section_separator, byline, 0);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *agency = NULL;
  for (char **section = sections; *section; section++)
    {
      g_auto (GStrv) pieces = g_strsplit (*section, ",", -1);
      for (char **piece = pieces; *piece; piece++)
        {
          g_strstrip (*piece);
          if (**piece == '\0')
            continue;
          if (section != sections || g_regex_match (parser->agency_name, *piece, 0, NULL))
            {
              if (agency == NULL)
                agency = g_strdup (*piece);
            }
          else
            split_names (parser, *piece, names);
        }
    }
  for (guint i = 0; i < names->len; i++)
    nf_article_add_author (article, g_ptr_array_index (names, i));
  if (agency)
    nf_article_set_field_string (article, "agency", agency);
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
      g_autofree char *clean = nf_text_collapse_space (*item, -1);
      if (*clean)
        g_ptr_array_add (sources, g_steal_pointer (&clean));
    }
  if (sources->len > 0)
    nf_article_set_field_strv (article, "sources", (const char *const *) sources->pdata, sources->len);
}

/* "Reporting by Jane Doe in London; Editing by John Roe" (Reuters, often in parentheses):
 * TRUE and fields "reporting", "writing", "editing"... when every clause is a credit. */
static gboolean
read_credits (TextParser *parser, NfArticle *article, const char *line)
{
  /* every clause has " by ": most last lines have none, and need no more work */
  if (!strstr (line, "by") && !strstr (line, "By") && !strstr (line, "BY") && !strstr (line, "bY"))
    return FALSE;
  g_autofree char *inner = g_strdup (line);
  g_strstrip (inner);
  gsize n = strlen (inner);
  if (n > 2 && inner[0] == '(' && inner[n - 1] == ')')
    {
      inner[n - 1] = '\0';
      memmove (inner, inner + 1, n - 1);
    }
  else if (n > 1 && inner[n - 1] == '.')
    inner[n - 1] = '\0';
  /* Clauses end at ";", or at "," before the next role ("Reporting by X, editing by Y"). */
  g_auto (GStrv) clauses = g_regex_split (parser->credit_separator, inner, 0);
  const char *roles[] = { "reporting", "writing", "editing", "research", "graphics", "production" };
  GPtrArray *credits[G_N_ELEMENTS (roles)] = { NULL };
  gboolean all = clauses[0] != NULL;
  for (char **clause = clauses; *clause && all; clause++)
    {
      g_autoptr (GMatchInfo) match = NULL;
      if (!g_regex_match (parser->credit_clause, *clause, 0, &match))
        {
          all = FALSE;
          break;
        }
      g_autofree char *role = g_match_info_fetch (match, 1);
      g_autofree char *who = g_match_info_fetch (match, 2);
      g_autofree char *lower = g_ascii_strdown (role, -1);
      guint r = g_str_has_suffix (lower, "reporting") ? 0 : strcmp (lower, "compiled") == 0 ? 1 : 0;
      for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
        if (strcmp (lower, roles[i]) == 0)
          r = i;
      if (credits[r] == NULL)
        credits[r] = g_ptr_array_new_with_free_func (g_free);
      split_names (parser, who, credits[r]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if (all && credits[i] && credits[i]->len)
        nf_article_set_field_strv (article, roles[i], (const char *const *) credits[i]->pdata, credits[i]->len);
      if (credits[i])
        g_ptr_array_unref (credits[i]);
    }
  return all;
}

/* "Associated Press writers Jane Doe and John Roe contributed to this report." */
static gboolean
read_contributors (TextParser *parser, NfArticle *article, const char *line)
{
  g_autoptr (GMatchInfo) match = NULL;
  /* the pattern's first letter (it is case-sensitive): most last lines fail here, unmatched */
  if ((*line != 'T' && *line != 'A' && *line != 'R') || !g_regex_match (parser->contributed, line, 0, &match))
    return FALSE;
  g_autofree char *who = g_match_info_fetch (match, 1);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  split_names (parser, who, names);
  if (names->len == 0)
    return FALSE;
  nf_article_set_field_strv (article, "contributors", (const char *const *) names->pdata, names->len);
  return TRUE;
}

static void
mark_dateline (TextParser *parser, NfArticle *article)
{
  const char *text = nf_article_get_text (article);
  g_autoptr (GMatchInfo) match = NULL;
  int end;
  if (parser->dateline == NULL)
    return;
  if (text[0] == '(' && g_regex_match (parser->agency_dateline, text, 0, &match))
    {
      g_match_info_fetch_pos (match, 0, NULL, &end);
      g_autofree char *agency = g_match_info_fetch (match, 1);
      nf_article_set_field_string (article, "agency", agency);
      nf_article_add_annotation (article, "dateline", 0, end);
      return;
    }
  g_clear_pointer (&match, g_match_info_free);
  if (!g_regex_match (parser->dateline, text, 0, &match))
    return;
  g_match_info_fetch_pos (match, 0, NULL, &end);
  g_autofree char *place = g_match_info_fetch (match, 1);
  g_autofree char *agency = g_match_info_fetch (match, 2);
  g_strchomp (place);
  /* "LONDON, Nov 27": the place is the dateline, the day a field of its own. */
  char *comma = strchr (place, ',');
  g_autofree char *day = comma ? g_strstrip (g_strdup (comma + 1)) : NULL;
  if (day && g_regex_match (parser->month_day, day, 0, NULL))
    {
      nf_article_set_field_string (article, "dateline_date", day);
      *comma = '\0';
    }
  nf_article_set_field_string (article, "dateline", place);
  if (agency && *agency)
    nf_article_set_field_string (article, "agency", agency);
  nf_article_add_annotation (article, "dateline", 0, end);
}

/* The charset uchardet reads in @data, normalised; windows-1252 when it cannot tell (the
 * commonest legacy charset of western newsrooms, and one that decodes every byte). */
static char *
detect_charset (const char *data, gsize length)
{
  uchardet_t detector = uchardet_new ();
  char *charset = NULL;
  if (uchardet_handle_data (detector, data, length) == 0)
    {
      uchardet_data_end (detector);
      const char *guess = uchardet_get_charset (detector);
      /* uchardet says ASCII or UTF-8 only for bytes we already found not to be UTF-8. */
      if (guess && *guess && g_ascii_strcasecmp (guess, "ASCII") != 0 && g_ascii_strcasecmp (guess, "UTF-8") != 0)
        charset = nf_charset_normalize (guess, -1);
    }
  uchardet_delete (detector);
  return charset ? charset : g_strdup ("WINDOWS-1252");
}

static gboolean
text_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  TextParser *parser = nf_stage_get_instance (stage);
  gsize length;
  const char *data = g_bytes_get_data (nf_article_get_raw (article), &length);
  if (data == NULL)
    data = ""; /* GLib gives NULL for empty bytes */
  /* A declared charset other than UTF-8 (an HTTP header, a feed) is converted; without one,
   * the charset option; without it, bytes that are not UTF-8 are in the charset detected. */
  g_autofree char *charset = nf_content_type_get_charset (nf_article_get_content_type (article));
  if (charset == NULL && parser->charset)
    charset = g_strdup (parser->charset);
  /* bytes found valid here are not checked again below: validation is a pass over them */
  gboolean valid = FALSE;
  if (charset == NULL && !(valid = nf_utf8_validate (data, length, NULL)))
    {
      charset = detect_charset (data, length);
      nf_article_set_field_string (article, "charset", charset);
    }
  g_autofree char *converted = NULL;
  if (charset && g_ascii_strcasecmp (charset, "UTF-8") != 0)
    {
      converted = nf_charset_to_utf8 (data, length, charset, &length, error);
      if (converted == NULL)
        return FALSE;
      data = converted;
    }
  const char *end;
  if (!valid && !nf_utf8_validate (data, length, &end))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "invalid UTF-8 at byte %" G_GSIZE_FORMAT, (gsize) (end - data));
      return FALSE;
    }
  gsize skip = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  const char *text = data + skip;
  const char *text_end = data + length;
  /* The text ends at a NUL, as a C string would (validation rejects one today). */
  const char *nul = memchr (text, '\0', text_end - text);
  if (nul)
    text_end = nul;

  /* Non-blank lines, CR of CRLF removed: each line is collapsed where it lies, with no copy
   * of the whole text and no vector of every line (blank ones included) first. */
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  for (const char *line = text; line <= text_end;)
    {
      const char *eol = memchr (line, '\n', text_end - line);
      if (eol == NULL)
        eol = text_end;
      /* an empty line (the blank line between paragraphs) would collapse to nothing */
      if (eol > line)
        {
          char *clean = nf_text_collapse_space (line, eol - line);
          if (*clean)
            g_ptr_array_add (lines, clean);
          else
            g_free (clean);
        }
      line = eol + 1;
    }
  if (lines->len == 0)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "empty article: no headline");
      return FALSE;
    }

  nf_article_set_title (article, g_ptr_array_index (lines, 0));
  guint first = 1;
  g_autoptr (GMatchInfo) byline = NULL;
  /* the pattern's first word before the pattern, as for the heading below */
  if (parser->byline && lines->len > 1
      && g_ascii_strncasecmp (g_ptr_array_index (lines, 1), "by", 2) == 0
      && g_regex_match (parser->byline, g_ptr_array_index (lines, 1), 0, &byline))
    {
      g_autofree char *names = g_match_info_fetch (byline, 1);
      read_byline (parser, article, names);
      first = 2;
    }

  /* The body ends at "Related Sources:"; credit lines at its end are fields. */
  guint last = lines->len;
  for (guint i = first + 1; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      g_autoptr (GMatchInfo) heading = NULL;
      /* the heading's first word, before the pattern (lines are collapsed: no space first) */
      if (g_ascii_strncasecmp (line, "related", 7) == 0 && g_regex_match (parser->sources_heading, line, 0, &heading))
        {
          int after;
          g_match_info_fetch_pos (heading, 0, NULL, &after);
          add_sources (parser, article, lines, i + 1, line + after);
          last = i;
          break;
        }
    }
  for (int footers = 0; footers < 2 && last > first + 1; footers++)
    {
      const char *line = g_ptr_array_index (lines, last - 1);
      if (!read_credits (parser, article, line) && !read_contributors (parser, article, line))
        break;
      last--;
    }
  if (nf_article_get_authors (article)[0] == NULL)
    {
      /* Without a byline, Reuters' reporters are the authors. */
      GVariant *reporting = nf_article_get_field (article, "reporting");
      if (reporting && g_variant_is_of_type (reporting, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **names = g_variant_get_strv (reporting, NULL);
          for (const char **name = names; *name; name++)
            nf_article_add_author (article, *name);
        }
    }

  nf_article_set_paragraphs (article, NULL, 0);
  for (guint i = first; i < last; i++)
    nf_article_add_paragraph (article, g_ptr_array_index (lines, i), -1);
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
