/* format "markdown": articles as readable Markdown, one document for the run or one NAME.md
 * file per article in a directory: headline, metadata line, summary, body, quotes with their
 * speakers, entities, keywords, sources and any other field. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <newsflow/newsflow.h>

typedef enum { NAME_BY_SOURCE, NAME_BY_ID, NAME_BY_TITLE } NameBy;

typedef struct {
  NfOutput   *output;     /* one document; NULL with per-article */
  char       *directory;  /* per-article */
  NameBy      name_by;
  GHashTable *names;      /* file names used so far (per-article), so none is overwritten */
  guint64     written;    /* articles in the document, committed or not */
  guint64     committed;  /* ...at the last commit */
} MarkdownFormatter;

static const NfOption markdown_options[] = {
  NF_OPTION_STR ("output", "-", "Where to write: a file path, or \"-\" for standard output; with "
                 "per-article, the directory the files go to (created if needed)."),
  NF_OPTION_BOOL ("per-article", cfg_false, "Write one NAME.md file per article into the output "
                  "directory instead of one document."),
  NF_OPTION_CHOICE ("file-names", "source", "source|id|title",
                    "With per-article, what NAME is: the source's file name without extension, "
                    "the article id, or the title; always made file-name safe (no '/', no leading "
                    "'.', at most 100 bytes) so it stays in the directory; a name already used "
                    "gets -2, -3, ... appended."),
  NF_OPTION_END
};

static void
markdown_free (gpointer instance)
{
  MarkdownFormatter *formatter = instance;
  nf_output_free (formatter->output);
  g_free (formatter->directory);
  g_clear_pointer (&formatter->names, g_hash_table_unref);
  g_free (formatter);
}

static gboolean
markdown_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  const char *output = cfg_getstr (config, "output");
  g_autofree MarkdownFormatter *formatter = g_new0 (MarkdownFormatter, 1);
  if (cfg_getbool (config, "per-article"))
    {
      if (strcmp (output, "-") == 0)
        {
          g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "per-article needs a directory as output, not \"-\"");
          return FALSE;
        }
      /* Known up front: a directory we cannot create or write to fails the chain now. */
      if (g_mkdir_with_parents (output, 0777) != 0 || access (output, W_OK | X_OK) != 0)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", output, g_strerror (errno));
          return FALSE;
        }
      formatter->directory = g_strdup (output);
      formatter->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      const char *name_by = cfg_getstr (config, "file-names");
      formatter->name_by = strcmp (name_by, "id") == 0 ? NAME_BY_ID
                           : strcmp (name_by, "title") == 0 ? NAME_BY_TITLE : NAME_BY_SOURCE;
    }
  else
    {
      formatter->output = nf_output_open (output, error);
      if (formatter->output == NULL)
        return FALSE;
    }
  nf_stage_set_instance (stage, g_steal_pointer (&formatter));
  return TRUE;
}

/* Backslash-escapes what Markdown would read as markup: emphasis, code, links, HTML, tables,
 * and block markers (headings, lists, quotes) at the start of a line. */
static void
append_escaped (GString *out, const char *text)
{
  gboolean line_start = TRUE;
  for (const char *p = text; *p; p++)
    {
      if (strchr ("\\`*_[]<>|", *p) || (line_start && strchr ("#+->=", *p)))
        g_string_append_c (out, '\\');
      else if (line_start && g_ascii_isdigit (*p))
        {
          const char *q = p;
          while (g_ascii_isdigit (*q))
            q++;
          if (*q == '.' || *q == ')')
            {
              g_string_append_len (out, p, q - p);
              g_string_append_c (out, '\\');
              p = q;
            }
        }
      g_string_append_c (out, *p);
      line_start = *p == '\n' || (line_start && (*p == ' ' || *p == '\t'));
    }
}

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static void
append_metadata (GString *out, JsonObject *article)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  JsonArray *authors = json_object_get_array_member (article, "authors");
  if (json_array_get_length (authors) > 0)
    {
      g_autoptr (GString) names = g_string_new ("By ");
      for (guint i = 0; i < json_array_get_length (authors); i++)
        {
          if (i > 0)
            g_string_append (names, i + 1 == json_array_get_length (authors) ? " and " : ", ");
          append_escaped (names, json_array_get_string_element (authors, i));
        }
      g_ptr_array_add (parts, g_strdup (names->str));
    }
  const char *names[] = { "published", "language", "source" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = string_member (article, names[i]);
      if (value == NULL)
        continue;
      g_autoptr (GString) part = g_string_new (NULL);
      if (i == 2)
        g_string_append_c (part, '`');
      if (i == 2)
        g_string_append (part, value); /* code span: no escaping inside */
      else
        append_escaped (part, value);
      if (i == 2)
        g_string_append_c (part, '`');
      g_ptr_array_add (parts, g_string_free (g_steal_pointer (&part), FALSE));
    }
  g_ptr_array_add (parts, NULL);
  g_autofree char *line = g_strjoinv (" · ", (char **) parts->pdata);
  g_string_append_printf (out, "*%s*\n\n", line);
  g_ptr_array_unref (parts);
}

static void
append_annotations (GString *out, JsonArray *annotations)
{
  g_autoptr (GString) quotes = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);
      const char *type = json_object_get_string_member (annotation, "type");
      const char *text = json_object_get_string_member (annotation, "text");
      JsonObject *attrs = json_object_get_object_member (annotation, "attrs");
      if (strcmp (type, NF_ANNOTATION_QUOTE) == 0)
        {
          g_string_append (quotes, "> ");
          g_autofree char *flat = g_strdelimit (g_strdup (text), "\r\n", ' ');
          append_escaped (quotes, flat);
          g_string_append (quotes, "\n>\n> — ");
          const char *speaker = string_member (attrs, NF_ATTR_SPEAKER);
          append_escaped (quotes, speaker ? speaker : "unknown speaker");
          const char *cue = string_member (attrs, "cue");
          if (cue)
            {
              g_string_append (quotes, " (");
              append_escaped (quotes, cue);
              g_string_append (quotes, ")");
            }
          g_string_append (quotes, "\n\n");
        }
    }
  if (quotes->len > 0)
    g_string_append_printf (out, "## Quotes\n\n%s", quotes->str);
  g_autoptr (GPtrArray) entities = nf_json_count_entities (annotations);
  if (entities->len > 0)
    {
      g_string_append (out, "## Entities\n\n| Entity | Type | Mentions |\n|---|---|---:|\n");
      for (guint i = 0; i < entities->len; i++)
        {
          NfEntityCount *entity = g_ptr_array_index (entities, i);
          g_string_append (out, "| ");
          append_escaped (out, entity->name);
          g_string_append (out, " | ");
          append_escaped (out, entity->label);
          g_string_append_printf (out, " | %u |\n", entity->mentions);
        }
      g_string_append_c (out, '\n');
    }
}

/* "keywords": strings, or objects with a phrase (or keyword, or text) and maybe a score. */
static void
append_keywords (GString *out, JsonNode *keywords)
{
  if (keywords == NULL || !JSON_NODE_HOLDS_ARRAY (keywords) || json_array_get_length (json_node_get_array (keywords)) == 0)
    return;
  JsonArray *array = json_node_get_array (keywords);
  g_string_append (out, "## Keywords\n\n");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *phrase = object ? string_member (object, "phrase") : NULL;
      if (object && !phrase)
        phrase = string_member (object, "keyword");
      if (object && !phrase)
        phrase = string_member (object, "text");
      g_autofree char *flat = phrase ? NULL : nf_json_flatten (element, ", ");
      if (i > 0)
        g_string_append (out, ", ");
      append_escaped (out, phrase ? phrase : flat);
      JsonNode *score = object ? json_object_get_member (object, "score") : NULL;
      if (score && JSON_NODE_HOLDS_VALUE (score) && json_node_get_value_type (score) != G_TYPE_STRING)
        g_string_append_printf (out, " (%.2f)", json_node_get_double (score));
    }
  g_string_append (out, "\n\n");
}

static void
append_list_section (GString *out, const char *heading, JsonNode *list)
{
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list) || json_array_get_length (json_node_get_array (list)) == 0)
    return;
  g_string_append_printf (out, "## %s\n\n", heading);
  JsonArray *array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item = nf_json_flatten (json_array_get_element (array, i), ", ");
      g_string_append (out, "- ");
      append_escaped (out, item);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

/* Fields without a section of their own (stats, dateline, ...), one line each. */
static void
append_other_fields (GString *out, NfArticle *article, JsonObject *object)
{
  gboolean any = FALSE;
  for (guint i = 0; i < nf_article_get_n_fields (article); i++)
    {
      const char *name;
      nf_article_get_nth_field (article, i, &name);
      if (strcmp (name, NF_FIELD_SUMMARY) == 0 || strcmp (name, NF_FIELD_KEYWORDS) == 0 || strcmp (name, "sources") == 0)
        continue;
      if (!any)
        g_string_append (out, "## Details\n\n");
      any = TRUE;
      JsonNode *value = json_object_get_member (object, name);
      g_string_append (out, "- **");
      append_escaped (out, name);
      g_string_append (out, "**: ");
      if (JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonObject *members = json_node_get_object (value);
          g_autoptr (GList) keys = json_object_get_members (members);
          for (GList *key = keys; key; key = key->next)
            {
              g_autofree char *flat = nf_json_flatten (json_object_get_member (members, key->data), ", ");
              append_escaped (out, key->data);
              g_string_append (out, " ");
              append_escaped (out, flat);
              if (key->next)
                g_string_append (out, ", ");
            }
        }
      else
        {
          g_autofree char *flat = nf_json_flatten (value, ", ");
          append_escaped (out, flat);
        }
      g_string_append_c (out, '\n');
    }
  if (any)
    g_string_append_c (out, '\n');
}

static char *
render (NfArticle *article)
{
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  JsonObject *object = json_node_get_object (node);
  GString *out = g_string_new ("# ");
  const char *title = nf_article_get_title (article);
  append_escaped (out, title ? title : nf_article_get_source (article));
  g_string_append (out, "\n\n");
  append_metadata (out, object);
  const char *summary = string_member (object, NF_FIELD_SUMMARY);
  if (summary)
    {
      g_string_append (out, "**Summary:** ");
      g_autofree char *flat = g_strdelimit (g_strdup (summary), "\r\n", ' ');
      append_escaped (out, flat);
      g_string_append (out, "\n\n");
    }
  const char *text = nf_article_get_text (article);
  for (guint i = 0; i < nf_article_get_n_paragraphs (article); i++)
    {
      gsize start, end;
      nf_article_get_paragraph_span (article, i, &start, &end);
      g_autofree char *paragraph = g_strndup (text + start, end - start);
      append_escaped (out, paragraph);
      g_string_append (out, "\n\n");
    }
  append_annotations (out, json_object_get_array_member (object, "annotations"));
  append_keywords (out, json_object_get_member (object, NF_FIELD_KEYWORDS));
  append_list_section (out, "Sources", json_object_get_member (object, "sources"));
  append_other_fields (out, article, object);
  return g_string_free (out, FALSE);
}

static char *
file_name (MarkdownFormatter *formatter, NfArticle *article)
{
  /* Every name comes from article content (an RSS guid, a JSON "id", a title): made safe by
   * the core so that "../x", "/etc/x", "." or a 4 kB id can only name a file in the directory. */
  g_autofree char *stem = NULL;
  const char *title = nf_article_get_title (article);
  const char *id = nf_article_get_id (article);
  if (formatter->name_by == NAME_BY_ID)
    stem = nf_safe_file_name (id, NULL);
  else if (formatter->name_by == NAME_BY_TITLE && title)
    stem = nf_safe_file_name (title, id);
  else
    {
      g_autofree char *base = g_path_get_basename (nf_article_get_source (article));
      char *dot = strchr (base[0] == '.' ? base + 1 : base, '.');
      if (dot)
        *dot = '\0';
      stem = nf_safe_file_name (base, id);
    }
  char *name = g_strconcat (stem, ".md", NULL);
  for (guint n = 2; g_hash_table_contains (formatter->names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u.md", stem, n);
    }
  g_hash_table_add (formatter->names, g_strdup (name));
  return name;
}

static gboolean
markdown_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  MarkdownFormatter *formatter = nf_stage_get_instance (stage);
  g_autofree char *document = render (article);
  if (formatter->directory == NULL)
    {
      const char *separator = formatter->written > 0 ? "---\n\n" : "";
      if (!nf_output_printf (formatter->output, error, "%s%s", separator, document))
        return FALSE;
      formatter->written++;
      return TRUE;
    }
  /* Each file appears complete or not at all, as soon as its article is written. */
  g_autofree char *name = file_name (formatter, article);
  g_autofree char *path = g_build_filename (formatter->directory, name, NULL);
  g_autoptr (NfOutput) output = nf_output_open (path, error);
  return output && nf_output_write (output, document, strlen (document), error)
         && nf_output_commit (output, error);
}

/* One document: the articles since the last commit are synced, or taken back whole.
 * Per-article files need nothing here: each appeared whole when its article was written. */
static gboolean
markdown_commit (NfStage *stage, GError **error)
{
  MarkdownFormatter *formatter = nf_stage_get_instance (stage);
  if (formatter->output == NULL)
    return TRUE;
  if (nf_output_sync (formatter->output, error))
    {
      formatter->committed = formatter->written;
      return TRUE;
    }
  formatter->written = formatter->committed;
  return FALSE;
}

static gboolean
markdown_finish (NfStage *stage, GError **error)
{
  MarkdownFormatter *formatter = nf_stage_get_instance (stage);
  if (formatter->output == NULL)
    return TRUE;
  return nf_output_commit (formatter->output, error);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "markdown",
  .summary = "Writes Markdown: one document, or one file per article, with quotes, entities and keywords",
  .options = markdown_options,
  .init = markdown_init,
  .process = markdown_process,
  .commit = markdown_commit,
  .finish = markdown_finish,
  .free = markdown_free,
);
