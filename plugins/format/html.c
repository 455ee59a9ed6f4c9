/* format "html": one self-contained static HTML report of the run (no scripts, no external
 * assets): overview charts as inline SVG, an index of the articles, and each article with
 * its entity mentions and quotes highlighted in the text by type, the way displaCy does. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <newsflow/newsflow.h>

typedef struct {
  NfOutput   *output;
  char       *title;
  guint       top;        /* bars per chart */
  FILE       *rows;       /* index rows, then article sections: kept out of memory */
  FILE       *sections;
  gboolean    scratch_failed; /* a scratch file lost records: no report can be made */
  guint64     articles;
  char       *first_date; /* earliest and latest publication dates seen */
  char       *last_date;
  GHashTable *languages;  /* name -> count, for the charts */
  GHashTable *people;
  GHashTable *places;
  GHashTable *organisations;
  GHashTable *speakers;
  GHashTable *keywords;
  GHashTable *labels;     /* every entity label seen, for the legend */
} HtmlFormatter;

static const NfOption html_options[] = {
  NF_OPTION_STR ("output", "report.html", "Where to write: a file path, or \"-\" for standard output. "
                 "A file appears only when the run completes."),
  NF_OPTION_STR ("title", "newsflow report", "The report's title."),
  NF_OPTION_INT ("top", 10, "Bars in each overview chart (the most frequent names)."),
  NF_OPTION_END
};

/* Entity colours by label: displaCy's for the labels spaCy and most NER tools use. */
static const struct { const char *label; const char *colour; } label_colours[] = {
  { NF_LABEL_PERSON, "#aa9cfc" }, { "PER", "#aa9cfc" }, { "ORG", "#7aecec" }, { "GPE", "#feca74" },
  { "LOC", "#ff9561" }, { "NORP", "#c887fb" }, { "FAC", "#9cc9cc" }, { "EVENT", "#ffeb80" },
  { "PRODUCT", "#bfeeb7" }, { "WORK_OF_ART", "#f0d0ff" }, { "LAW", "#ff8197" },
  { "LANGUAGE", "#ff8197" }, { "DATE", "#bfe1d9" }, { "TIME", "#bfe1d9" }, { "MONEY", "#e4e7d2" },
  { "QUANTITY", "#e4e7d2" }, { "PERCENT", "#e4e7d2" }, { "CARDINAL", "#e4e7d2" },
  { "ORDINAL", "#e4e7d2" }, { "MISC", "#dddddd" },
};
static const char *const spare_colours[] = { "#f4b6c2", "#b5d3f5", "#d9c8a9", "#c3e6a1", "#f7c59f" };

static const char style[] =
  ":root{--ink:#1f2430;--muted:#5d6475;--line:#e3e6ee;--paper:#fff;--bg:#f5f6fa;--accent:#3451b2}"
  "*{box-sizing:border-box}"
  "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif}"
  "header.top{background:#1f2a48;color:#fff;padding:28px 40px 22px}"
  "header.top h1{margin:0 0 6px;font-size:26px;font-weight:650}"
  "header.top p{margin:0;color:#c9d2ec}"
  ".wrap{max-width:1180px;margin:0 auto;padding:0 28px}"
  "section,article{background:var(--paper);border:1px solid var(--line);border-radius:10px;margin:22px 0;padding:18px 24px}"
  "h2{font-size:19px;margin:0 0 12px}"
  ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:14px}"
  ".chart{border:1px solid var(--line);border-radius:8px;padding:10px 12px}"
  ".chart h3{font-size:14px;margin:0 0 6px;color:var(--muted);font-weight:600}"
  ".chart svg{display:block;width:100%;height:auto}"
  ".chart .none{color:var(--muted);font-size:13px;margin:8px 0}"
  ".legend{margin:12px 0 0;font-size:13px;color:var(--muted)}"
  "table{border-collapse:collapse;width:100%;font-size:14px}"
  "th{text-align:left;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);padding:6px 8px}"
  "td{border-bottom:1px solid var(--line);padding:7px 8px;vertical-align:top}"
  "td.n,td.date,td.lang{white-space:nowrap;color:var(--muted)}"
  "td.title{width:36%;font-weight:500}td.kws{width:22%}"
  "a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}"
  ".chip{display:inline-block;border-radius:4px;padding:0 6px;margin:1px 3px 1px 0;font-size:12.5px;background:var(--c,#ddd);white-space:nowrap}"
  ".kw{display:inline-block;border:1px solid var(--line);border-radius:10px;padding:0 7px;margin:1px 3px 1px 0;font-size:12.5px;color:var(--muted)}"
  ".meta{color:var(--muted);margin:-6px 0 10px;font-size:13.5px}"
  ".meta code{font-size:12px}"
  ".summary{border-left:4px solid var(--accent);background:#f1f4fd;padding:8px 12px;margin:0 0 14px;border-radius:0 6px 6px 0}"
  ".body p{margin:0 0 12px;line-height:2.1}"
  "mark.ent{background:var(--c,#ddd);color:inherit;padding:2px 5px;border-radius:5px;margin:0 1px;"
  "box-decoration-break:clone;-webkit-box-decoration-break:clone}"
  "mark.ent b{font-size:10px;font-weight:700;letter-spacing:.03em;margin-left:5px;vertical-align:middle;opacity:.75}"
  ".q{background:linear-gradient(transparent 62%,#ffe08a 62%);box-decoration-break:clone;-webkit-box-decoration-break:clone}"
  ".who{font-size:11.5px;font-weight:600;color:#8a5a00;background:#fff3cf;border-radius:4px;padding:1px 6px;margin-left:4px;white-space:nowrap}"
  "details{margin:10px 0}summary{cursor:pointer;color:var(--muted);font-weight:600}"
  "ul.quotes{margin:8px 0;padding-left:20px}ul.quotes li{margin:4px 0}"
  ".back{font-size:13px;margin:6px 0 0}"
  "footer{color:var(--muted);font-size:12.5px;text-align:center;padding:10px 0 30px}";

static void
html_free (gpointer instance)
{
  HtmlFormatter *formatter = instance;
  nf_output_free (formatter->output);
  if (formatter->rows)
    fclose (formatter->rows);
  if (formatter->sections)
    fclose (formatter->sections);
  g_free (formatter->title);
  g_free (formatter->first_date);
  g_free (formatter->last_date);
  GHashTable *tables[] = { formatter->languages, formatter->people, formatter->places,
                           formatter->organisations, formatter->speakers, formatter->keywords,
                           formatter->labels };
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (tables[i])
      g_hash_table_unref (tables[i]);
  g_free (formatter);
}

static GHashTable *
counter_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
count (GHashTable *counter, const char *name)
{
  gpointer old;
  if (g_hash_table_lookup_extended (counter, name, NULL, &old))
    g_hash_table_insert (counter, g_strdup (name), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
  else
    g_hash_table_insert (counter, g_strdup (name), GUINT_TO_POINTER (1));
}

static gboolean
html_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  if (cfg_getint (config, "top") < 1)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "top must be at least 1");
      return FALSE;
    }
  NfOutput *output = nf_output_open (cfg_getstr (config, "output"), error);
  if (output == NULL)
    return FALSE;
  HtmlFormatter *formatter = g_new0 (HtmlFormatter, 1);
  formatter->output = output;
  formatter->title = g_strdup (cfg_getstr (config, "title"));
  formatter->top = cfg_getint (config, "top");
  formatter->rows = tmpfile ();
  formatter->sections = tmpfile ();
  formatter->languages = counter_new ();
  formatter->people = counter_new ();
  formatter->places = counter_new ();
  formatter->organisations = counter_new ();
  formatter->speakers = counter_new ();
  formatter->keywords = counter_new ();
  formatter->labels = counter_new ();
  if (formatter->rows == NULL || formatter->sections == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "cannot create a temporary file: %s", g_strerror (errno));
      html_free (formatter);
      return FALSE;
    }
  nf_stage_set_instance (stage, formatter);
  return TRUE;
}

/* ---- pieces -------------------------------------------------------------------------- */

static void
escape (GString *out, const char *text, gssize length)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", length);
  g_string_append (out, escaped);
}

static const char *
colour_of (const char *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_colours); i++)
    if (g_ascii_strcasecmp (label, label_colours[i].label) == 0)
      return label_colours[i].colour;
  return spare_colours[g_str_hash (label) % G_N_ELEMENTS (spare_colours)];
}

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* The counter an entity label adds to in the charts, or NULL. */
static GHashTable *
category_of (HtmlFormatter *formatter, const char *label)
{
  static const char *const people[] = { NF_LABEL_PERSON, "PER", NULL };
  static const char *const places[] = { "GPE", "LOC", NF_LABEL_LOCATION, "FAC", NULL };
  static const char *const organisations[] = { "ORG", NF_LABEL_ORGANIZATION, "ORGANISATION", NULL };
  if (label == NULL)
    return NULL;
  g_autofree char *upper = g_ascii_strup (label, -1);
  return g_strv_contains (people, upper) ? formatter->people
         : g_strv_contains (places, upper) ? formatter->places
         : g_strv_contains (organisations, upper) ? formatter->organisations : NULL;
}

typedef struct {
  const char *key;
  guint       count;
} Entry;

static gint
by_count (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;
  return x->count != y->count ? (y->count > x->count ? 1 : -1) : strcmp (x->key, y->key);
}

/* The entries of a counter, most frequent first. */
static GArray *
sorted_entries (GHashTable *counter)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, counter);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry entry = { key, GPOINTER_TO_UINT (value) };
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, by_count);
  return entries;
}

/* A horizontal bar chart of the @top most frequent names of @counter, as inline SVG. */
static void
append_chart (GString *out, const char *heading, GHashTable *counter, const char *colour, guint top)
{
  g_string_append (out, "<div class=\"chart\"><h3>");
  escape (out, heading, -1);
  g_string_append (out, "</h3>");
  g_autoptr (GArray) entries = sorted_entries (counter);
  if (entries->len == 0)
    {
      g_string_append (out, "<p class=\"none\">None in this run.</p></div>\n");
      return;
    }
  guint rows = MIN (entries->len, top);
  guint max = g_array_index (entries, Entry, 0).count;
  const guint width = 360, label_width = 150, row_height = 22, bar_room = width - label_width - 36;
  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %u %u\" "
                          "role=\"img\" aria-label=\"", width, rows * row_height + 4);
  escape (out, heading, -1);
  g_string_append (out, "\" font-size=\"11.5\" font-family=\"system-ui,sans-serif\">");
  for (guint i = 0; i < rows; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      guint y = i * row_height + 2;
      guint bar = MAX (2u, (guint) ((double) entry->count / max * bar_room + 0.5));
      /* Long names are cut to fit beside the bars; the full name is the tooltip. */
      glong length = g_utf8_strlen (entry->key, -1);
      g_autofree char *shown = length > 20 ? g_utf8_substring (entry->key, 0, 19) : g_strdup (entry->key);
      g_string_append_printf (out, "<g><title>");
      escape (out, entry->key, -1);
      g_string_append_printf (out, ": %u</title><text x=\"%u\" y=\"%u\" text-anchor=\"end\" fill=\"#1f2430\">",
                              entry->count, label_width - 8, y + 16);
      escape (out, shown, -1);
      if (length > 20)
        g_string_append (out, "…");
      g_string_append_printf (out, "</text><rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" rx=\"3\" fill=\"%s\"/>"
                              "<text x=\"%u\" y=\"%u\" fill=\"#5d6475\">%u</text></g>",
                              label_width, y + 3, bar, row_height - 7, colour,
                              label_width + bar + 6, y + 16, entry->count);
    }
  g_string_append (out, "</svg></div>\n");
}

/* ---- one article ------------------------------------------------------------------------ */

typedef struct {
  gsize       start, end;
  gboolean    quote;
  const char *label;      /* entity */
  const char *name;       /* entity: canonical name; quote: speaker */
} Span;

static gboolean
on_boundary (const char *text, gsize length, gsize offset)
{
  return offset <= length && (offset == length || (text[offset] & 0xC0) != 0x80);
}

/* The spans to highlight: entity and quote annotations that lie on character boundaries
 * of the body (anything else an extractor produced is shown in the lists only). */
static GArray *
collect_spans (JsonArray *annotations, const char *text, gsize length)
{
  GArray *spans = g_array_new (FALSE, TRUE, sizeof (Span));
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);
      const char *type = json_object_get_string_member (annotation, "type");
      gboolean quote = strcmp (type, NF_ANNOTATION_QUOTE) == 0;
      if (!quote && strcmp (type, NF_ANNOTATION_ENTITY) != 0)
        continue;
      gint64 start = json_object_get_int_member (annotation, "start");
      gint64 end = json_object_get_int_member (annotation, "end");
      if (start < 0 || end <= start || !on_boundary (text, length, start) || !on_boundary (text, length, end))
        continue;
      JsonObject *attrs = json_object_get_object_member (annotation, "attrs");
      Span span = { start, end, quote, NULL, NULL };
      if (quote)
        span.name = string_member (attrs, NF_ATTR_SPEAKER);
      else
        {
          span.label = string_member (attrs, NF_ATTR_LABEL);
          span.label = span.label ? span.label : "ENTITY";
          span.name = string_member (attrs, NF_ATTR_CANONICAL);
        }
      g_array_append_val (spans, span);
    }
  return spans;
}

static int
compare_offsets (const void *a, const void *b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;
  return x < y ? -1 : x > y;
}

/* One paragraph with its spans highlighted.  The paragraph is cut at every span boundary,
 * and each piece is wrapped in the quote and the innermost entity covering it, so spans
 * that overlap in any way still give well-formed HTML. */
static void
append_paragraph (GString *out, const char *text, gsize start, gsize end, GArray *spans)
{
  g_autoptr (GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (cuts, start);
  g_array_append_val (cuts, end);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      if (span->start > start && span->start < end)
        g_array_append_val (cuts, span->start);
      if (span->end > start && span->end < end)
        g_array_append_val (cuts, span->end);
    }
  g_array_sort (cuts, compare_offsets);
  g_string_append (out, "<p>");
  for (guint c = 0; c + 1 < cuts->len; c++)
    {
      gsize from = g_array_index (cuts, gsize, c), to = g_array_index (cuts, gsize, c + 1);
      if (from == to)
        continue;
      const Span *quote = NULL, *entity = NULL;
      for (guint i = 0; i < spans->len; i++)
        {
          const Span *span = &g_array_index (spans, Span, i);
          if (span->start > from || span->end < to)
            continue;
          if (span->quote && quote == NULL)
            quote = span;
          else if (!span->quote && (entity == NULL || span->end - span->start < entity->end - entity->start))
            entity = span;
        }
      if (quote)
        {
          g_string_append (out, "<span class=\"q\"");
          if (quote->name)
            {
              g_string_append (out, " title=\"");
              escape (out, quote->name, -1);
              g_string_append (out, "\"");
            }
          g_string_append (out, ">");
        }
      if (entity)
        {
          g_string_append_printf (out, "<mark class=\"ent\" style=\"--c:%s\" title=\"", colour_of (entity->label));
          escape (out, entity->label, -1);
          if (entity->name)
            {
              g_string_append (out, ": ");
              escape (out, entity->name, -1);
            }
          g_string_append (out, "\">");
        }
      escape (out, text + from, to - from);
      if (entity)
        {
          if (entity->end == to)
            {
              g_string_append (out, "<b>");
              escape (out, entity->label, -1);
              g_string_append (out, "</b>");
            }
          g_string_append (out, "</mark>");
        }
      if (quote)
        {
          g_string_append (out, "</span>");
          if (quote->end == to)
            {
              g_string_append (out, "<span class=\"who\">— ");
              escape (out, quote->name ? quote->name : "unknown speaker", -1);
              g_string_append (out, "</span>");
            }
        }
    }
  g_string_append (out, "</p>\n");
}

static void
append_chip (GString *out, const NfEntityCount *entity, gboolean with_count)
{
  g_string_append_printf (out, "<span class=\"chip\" style=\"--c:%s\" title=\"", colour_of (entity->label));
  escape (out, entity->label, -1);
  g_string_append (out, "\">");
  escape (out, entity->name, -1);
  if (with_count && entity->mentions > 1)
    g_string_append_printf (out, " ×%u", entity->mentions);
  g_string_append (out, "</span>");
}

/* The article's entities, most mentioned first, each counted in the run's charts. */
static GPtrArray *
gather_entities (HtmlFormatter *formatter, JsonArray *annotations)
{
  GPtrArray *entities = nf_json_count_entities (annotations);
  for (guint i = 0; i < entities->len; i++)
    {
      NfEntityCount *entity = g_ptr_array_index (entities, i);
      GHashTable *category = category_of (formatter, entity->label);
      for (guint m = 0; m < entity->mentions; m++)
        {
          if (category)
            count (category, entity->name);
          count (formatter->labels, entity->label);
        }
    }
  return entities;
}

/* "keywords": strings, or objects with a phrase (or keyword, or text). */
static GPtrArray *
gather_keywords (JsonNode *keywords)
{
  GPtrArray *phrases = g_ptr_array_new_with_free_func (g_free);
  if (keywords == NULL || !JSON_NODE_HOLDS_ARRAY (keywords))
    return phrases;
  JsonArray *array = json_node_get_array (keywords);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *phrase = object ? string_member (object, "phrase") : NULL;
      if (object && !phrase)
        phrase = string_member (object, "keyword");
      if (object && !phrase)
        phrase = string_member (object, "text");
      g_ptr_array_add (phrases, phrase ? g_strdup (phrase) : nf_json_flatten (element, ", "));
    }
  return phrases;
}

static void
append_index_row (GString *out, guint64 number, JsonObject *object, const char *date,
                  GPtrArray *entities, GPtrArray *keywords)
{
  const char *title = string_member (object, "title");
  const char *language = string_member (object, "language");
  g_string_append_printf (out, "<tr><td class=\"n\">%" G_GUINT64_FORMAT "</td><td class=\"title\"><a href=\"#a%" G_GUINT64_FORMAT "\">",
                          number, number);
  escape (out, title ? title : string_member (object, "source"), -1);
  g_string_append (out, "</a></td><td class=\"date\">");
  escape (out, date ? date : "—", -1);
  g_string_append (out, "</td><td class=\"lang\">");
  escape (out, language ? language : "—", -1);
  g_string_append (out, "</td><td>");
  for (guint i = 0; i < MIN (entities->len, 4u); i++)
    append_chip (out, g_ptr_array_index (entities, i), FALSE);
  g_string_append (out, "</td><td class=\"kws\">");
  for (guint i = 0; i < MIN (keywords->len, 4u); i++)
    {
      g_string_append (out, "<span class=\"kw\">");
      escape (out, g_ptr_array_index (keywords, i), -1);
      g_string_append (out, "</span>");
    }
  g_string_append (out, "</td></tr>\n");
}

static void
append_quotes (HtmlFormatter *formatter, GString *out, JsonArray *annotations)
{
  g_autoptr (GString) items = g_string_new (NULL);
  guint n = 0;
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);
      if (strcmp (json_object_get_string_member (annotation, "type"), "quote") != 0)
        continue;
      JsonObject *attrs = json_object_get_object_member (annotation, "attrs");
      const char *speaker = string_member (attrs, NF_ATTR_SPEAKER);
      if (speaker)
        count (formatter->speakers, speaker);
      n++;
      g_string_append (items, "<li>");
      escape (items, json_object_get_string_member (annotation, "text"), -1);
      g_string_append (items, " <span class=\"who\">— ");
      escape (items, speaker ? speaker : "unknown speaker", -1);
      g_string_append (items, "</span></li>\n");
    }
  if (n > 0)
    g_string_append_printf (out, "<details><summary>Quotes (%u)</summary><ul class=\"quotes\">\n%s</ul></details>\n",
                            n, items->str);
}

static void
append_list (GString *out, const char *heading, JsonNode *list)
{
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list) || json_array_get_length (json_node_get_array (list)) == 0)
    return;
  JsonArray *array = json_node_get_array (list);
  g_string_append_printf (out, "<details><summary>%s (%u)</summary><ul>\n", heading, json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item = nf_json_flatten (json_array_get_element (array, i), ", ");
      g_string_append (out, "<li>");
      escape (out, item, -1);
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul></details>\n");
}

static gboolean
write_temporary (FILE *file, GString *text, GError **error)
{
  if (fwrite (text->str, 1, text->len, file) != text->len)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "temporary file of the report: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
html_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  HtmlFormatter *formatter = nf_stage_get_instance (stage);
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  JsonObject *object = json_node_get_object (node);
  JsonArray *annotations = json_object_get_array_member (object, "annotations");
  guint64 number = ++formatter->articles;

  GDateTime *published = nf_article_get_published (article);
  g_autofree char *date = published ? g_date_time_format (published, "%Y-%m-%d") : NULL;
  if (date && (formatter->first_date == NULL || strcmp (date, formatter->first_date) < 0))
    {
      g_free (formatter->first_date);
      formatter->first_date = g_strdup (date);
    }
  if (date && (formatter->last_date == NULL || strcmp (date, formatter->last_date) > 0))
    {
      g_free (formatter->last_date);
      formatter->last_date = g_strdup (date);
    }
  const char *language = nf_article_get_language (article);
  count (formatter->languages, language ? language : "unknown");

  g_autoptr (GPtrArray) entities = gather_entities (formatter, annotations);
  g_autoptr (GPtrArray) keywords = gather_keywords (json_object_get_member (object, NF_FIELD_KEYWORDS));
  for (guint i = 0; i < keywords->len; i++)
    count (formatter->keywords, g_ptr_array_index (keywords, i));

  g_autoptr (GString) row = g_string_new (NULL);
  append_index_row (row, number, object, date, entities, keywords);

  /* The article's section. */
  g_autoptr (GString) out = g_string_new (NULL);
  const char *title = nf_article_get_title (article);
  g_string_append_printf (out, "<article id=\"a%" G_GUINT64_FORMAT "\"><h2>", number);
  escape (out, title ? title : nf_article_get_source (article), -1);
  g_string_append (out, "</h2>\n<p class=\"meta\">");
  const char *const *authors = nf_article_get_authors (article);
  if (authors[0])
    {
      g_autofree char *names = g_strjoinv (", ", (char **) authors);
      g_string_append (out, "By ");
      escape (out, names, -1);
      g_string_append (out, " · ");
    }
  if (published)
    {
      g_autofree char *when = g_date_time_format (published, "%Y-%m-%d %H:%M");
      escape (out, when, -1);
      g_string_append (out, " · ");
    }
  if (language)
    {
      escape (out, language, -1);
      g_string_append (out, " · ");
    }
  g_string_append (out, "<code>");
  escape (out, nf_article_get_source (article), -1);
  g_string_append (out, "</code></p>\n");
  const char *summary = string_member (object, NF_FIELD_SUMMARY);
  if (summary)
    {
      g_string_append (out, "<p class=\"summary\">");
      escape (out, summary, -1);
      g_string_append (out, "</p>\n");
    }
  const char *text = nf_article_get_text (article);
  if (text)
    {
      g_autoptr (GArray) spans = collect_spans (annotations, text, nf_article_get_text_length (article));
      g_string_append (out, "<div class=\"body\">\n");
      for (guint i = 0; i < nf_article_get_n_paragraphs (article); i++)
        {
          gsize start, end;
          nf_article_get_paragraph_span (article, i, &start, &end);
          append_paragraph (out, text, start, end, spans);
        }
      g_string_append (out, "</div>\n");
    }
  append_quotes (formatter, out, annotations);
  if (entities->len > 0)
    {
      g_string_append_printf (out, "<details><summary>Entities (%u)</summary><p>", entities->len);
      for (guint i = 0; i < entities->len; i++)
        append_chip (out, g_ptr_array_index (entities, i), TRUE);
      g_string_append (out, "</p></details>\n");
    }
  if (keywords->len > 0)
    {
      g_string_append (out, "<p>");
      for (guint i = 0; i < keywords->len; i++)
        {
          g_string_append (out, "<span class=\"kw\">");
          escape (out, g_ptr_array_index (keywords, i), -1);
          g_string_append (out, "</span>");
        }
      g_string_append (out, "</p>\n");
    }
  append_list (out, "Sources", json_object_get_member (object, "sources"));
  g_string_append (out, "<p class=\"back\"><a href=\"#articles\">↑ Articles</a></p></article>\n");

  if (write_temporary (formatter->rows, row, error) && write_temporary (formatter->sections, out, error))
    return TRUE;
  formatter->scratch_failed = TRUE;
  return FALSE;
}

/* The report is all or nothing: it is written at finish, from the scratch files that
 * hold the committed articles.  A commit checks that they are kept; when they are not, the
 * report is lost for the run (its articles fail, and so does finish). */
static gboolean
html_commit (NfStage *stage, GError **error)
{
  HtmlFormatter *formatter = nf_stage_get_instance (stage);
  if (formatter->scratch_failed || fflush (formatter->rows) != 0 || fflush (formatter->sections) != 0)
    {
      formatter->scratch_failed = TRUE;
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: the report's scratch files could not be written: %s",
                   nf_output_get_path (formatter->output), g_strerror (errno ? errno : EIO));
      return FALSE;
    }
  return TRUE;
}

/* ---- the report ---------------------------------------------------------------------- */

static gboolean
copy_temporary (HtmlFormatter *formatter, FILE *file, GError **error)
{
  char buffer[64 * 1024];
  size_t n;
  if (fflush (file) != 0 || fseek (file, 0, SEEK_SET) != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "temporary file of the report: %s", g_strerror (errno));
      return FALSE;
    }
  while ((n = fread (buffer, 1, sizeof buffer, file)) > 0)
    if (!nf_output_write (formatter->output, buffer, n, error))
      return FALSE;
  if (ferror (file))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "temporary file of the report: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
html_finish (NfStage *stage, GError **error)
{
  HtmlFormatter *formatter = nf_stage_get_instance (stage);
  if (formatter->scratch_failed)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: not written: the report's scratch files could not be written",
                   nf_output_get_path (formatter->output));
      return FALSE;
    }
  g_autoptr (GString) head = g_string_new ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                                           "<meta name=\"generator\" content=\"newsflow " NF_VERSION_STRING "\">\n<title>");
  escape (head, formatter->title, -1);
  g_string_append_printf (head, "</title>\n<style>%s</style></head>\n<body>\n<header class=\"top\"><div class=\"wrap\"><h1>", style);
  escape (head, formatter->title, -1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *generated = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_string_append_printf (head, "</h1><p>%" G_GUINT64_FORMAT " article%s", formatter->articles,
                          formatter->articles == 1 ? "" : "s");
  if (formatter->first_date)
    {
      g_string_append (head, " · published ");
      escape (head, formatter->first_date, -1);
      if (strcmp (formatter->first_date, formatter->last_date) != 0)
        {
          g_string_append (head, " to ");
          escape (head, formatter->last_date, -1);
        }
    }
  g_string_append_printf (head, " · %u language%s · generated %s</p></div></header>\n<div class=\"wrap\">\n",
                          g_hash_table_size (formatter->languages),
                          g_hash_table_size (formatter->languages) == 1 ? "" : "s", generated);

  g_string_append (head, "<section id=\"overview\"><h2>Overview</h2><div class=\"charts\">\n");
  append_chart (head, "Articles per language", formatter->languages, "#3451b2", formatter->top);
  append_chart (head, "Most mentioned people", formatter->people, colour_of (NF_LABEL_PERSON), formatter->top);
  append_chart (head, "Most mentioned places", formatter->places, colour_of ("GPE"), formatter->top);
  append_chart (head, "Most mentioned organisations", formatter->organisations, colour_of ("ORG"), formatter->top);
  append_chart (head, "Most quoted speakers", formatter->speakers, "#f2b84b", formatter->top);
  append_chart (head, "Top keywords", formatter->keywords, "#b9c3de", formatter->top);
  g_string_append (head, "</div>\n");
  if (g_hash_table_size (formatter->labels) > 0)
    {
      g_autoptr (GArray) labels = sorted_entries (formatter->labels);
      g_string_append (head, "<p class=\"legend\">Entity types: ");
      for (guint i = 0; i < labels->len; i++)
        {
          NfEntityCount legend = { (char *) g_array_index (labels, Entry, i).key, (char *) g_array_index (labels, Entry, i).key,
                            g_array_index (labels, Entry, i).count };
          append_chip (head, &legend, FALSE);
        }
      g_string_append (head, " · quotes are <span class=\"q\">underlined</span> "
                             "<span class=\"who\">— with their speaker</span></p>\n");
    }
  g_string_append (head, "</section>\n<section id=\"articles\"><h2>Articles</h2>\n<table><thead><tr><th>#</th>"
                         "<th>Title</th><th>Date</th><th>Language</th><th>Top entities</th><th>Keywords</th>"
                         "</tr></thead><tbody>\n");
  if (!nf_output_write (formatter->output, head->str, head->len, error)
      || !copy_temporary (formatter, formatter->rows, error)
      || !nf_output_printf (formatter->output, error, "</tbody></table></section>\n<main>\n")
      || !copy_temporary (formatter, formatter->sections, error)
      || !nf_output_printf (formatter->output, error,
                            "</main>\n<footer>Generated by newsflow %s</footer>\n</div></body></html>\n",
                            NF_VERSION_STRING))
    return FALSE;
  return nf_output_commit (formatter->output, error);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "html",
  .summary = "Writes one self-contained HTML report: charts, an index, articles with entities and quotes highlighted",
  .options = html_options,
  .init = html_init,
  .process = html_process,
  .commit = html_commit,
  .finish = html_finish,
  .free = html_free,
);
