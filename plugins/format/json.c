/* format "json": every article as one JSON object per line (JSON Lines), or all of them as
 * one JSON array, with every property, field and annotation (see newsflow/json.h for the
 * shape) or only the fields the chain selects.  Whole lines are committed (synced) at the
 * run's commit points; a JSON Lines file can be resumed (skip-existing). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <newsflow/newsflow.h>

typedef struct {
  NfOutput         *output;
  JsonGenerator    *generator;
  NfFieldSelection *fields;   /* NULL: the whole article */
  gboolean          lines;
  gboolean          pretty;
  guint64           written;   /* articles in the output, committed or not */
  guint64           committed; /* articles in the output at the last commit */
  GHashTable       *existing;  /* skip-existing: ids the file held when the run began */
} JsonFormatter;

static const NfOption json_options[] = {
  NF_OPTION_STR ("output", "-", "Where to write: a file path, or \"-\" for standard output. A file "
                 "appears when the run ends, holding the articles committed (with newsflow --atomic, only "
                 "when the run completes)."),
  NF_OPTION_BOOL ("pretty", cfg_false, "Indent each object over several lines (no longer JSON Lines)."),
  NF_OPTION_BOOL ("lines", cfg_true, "JSON Lines, one object per article; false writes one JSON "
                  "array of all the articles instead."),
  NF_OPTION_STR_LIST ("fields", NULL, "Members to write instead of the whole article, in this "
                      "order: \"PATH\" or \"NAME=PATH\", where PATH is a member of the article's "
                      "JSON form or a dotted path into it (\"stats.words\", "
                      "\"annotations[entity].text\"). Missing values are null."),
  NF_OPTION_BOOL ("skip-existing", cfg_false, "Resume: append to the JSON Lines file output and "
                  "skip articles whose id it already holds (newsflow --resume sets it). Needs "
                  "lines = true, a file, and \"id\" among the fields written."),
  NF_OPTION_END
};

static void
json_free (gpointer instance)
{
  JsonFormatter *formatter = instance;
  nf_output_free (formatter->output);
  g_object_unref (formatter->generator);
  nf_field_selection_free (formatter->fields);
  g_clear_pointer (&formatter->existing, g_hash_table_unref);
  g_free (formatter);
}

/* The ids of the articles a JSON Lines file already holds.  A last line without its line
 * break is the remains of a run that died mid-write: it is cut off, so that appending
 * starts on a whole line. */
static GHashTable *
read_existing_ids (const char *path, GError **error)
{
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  FILE *file = fopen (path, "r");
  if (file == NULL)
    {
      if (errno == ENOENT)
        return g_steal_pointer (&ids);
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", path, g_strerror (errno));
      return NULL;
    }
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  char *line = NULL;
  size_t size = 0;
  ssize_t length;
  guint64 number = 0;
  off_t whole = 0; /* the end of the last complete line */
  gboolean ok = TRUE;
  while (ok && (length = getline (&line, &size, file)) > 0)
    {
      number++;
      if (line[length - 1] != '\n')
        break;
      g_autoptr (GError) local = NULL;
      JsonNode *root = NULL;
      const char *id = NULL;
      if (nf_json_check_depth (line, length, NULL) && json_parser_load_from_data (parser, line, length, &local)
          && (root = json_parser_get_root (parser)) && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonNode *member = json_object_get_member (json_node_get_object (root), "id");
          if (member && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
            id = json_node_get_string (member);
        }
      if (id == NULL)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "%s:%" G_GUINT64_FORMAT ": cannot resume: not a JSON object with a string \"id\"%s%s",
                       path, number, local ? ": " : "", local ? local->message : "");
          ok = FALSE;
          break;
        }
      g_hash_table_add (ids, g_strdup (id));
      whole += length;
    }
  gboolean read_error = ferror (file);
  free (line);
  fclose (file);
  if (!ok)
    return NULL;
  if (read_error)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", path, g_strerror (EIO));
      return NULL;
    }
  if (truncate (path, whole) != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", path, g_strerror (errno));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
selection_has_id (NfFieldSelection *fields)
{
  if (fields == NULL)
    return TRUE;
  for (guint i = 0; i < nf_field_selection_get_n (fields); i++)
    if (strcmp (nf_field_selection_get_name (fields, i), "id") == 0)
      return TRUE;
  return FALSE;
}

static gboolean
json_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  g_autoptr (NfFieldSelection) fields = NULL;
  guint n_fields = cfg_size (config, "fields");
  if (n_fields > 0)
    {
      g_autofree const char **specs = g_new0 (const char *, n_fields + 1);
      for (guint i = 0; i < n_fields; i++)
        specs[i] = cfg_getnstr (config, "fields", i);
      fields = nf_field_selection_new (specs, n_fields, error);
      if (fields == NULL)
        return FALSE;
    }
  const char *path = cfg_getstr (config, "output");
  g_autoptr (GHashTable) existing = NULL;
  if (cfg_getbool (config, "skip-existing"))
    {
      const char *problem = !cfg_getbool (config, "lines") ? "lines = true (one JSON object a line)"
                            : strcmp (path, "-") == 0 ? "a file as output, not standard output"
                            : cfg_getbool (config, "pretty") ? "pretty = false (one JSON object a line)"
                            : !selection_has_id (fields) ? "\"id\" among the fields written"
                            : NULL;
      if (problem)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "skip-existing (resume) needs %s", problem);
          return FALSE;
        }
      existing = read_existing_ids (path, error);
      if (existing == NULL)
        return FALSE;
    }
  NfOutput *output = existing ? nf_output_open_append (path, error) : nf_output_open (path, error);
  if (output == NULL)
    return FALSE;
  JsonFormatter *formatter = g_new0 (JsonFormatter, 1);
  formatter->output = output;
  formatter->existing = g_steal_pointer (&existing);
  formatter->fields = g_steal_pointer (&fields);
  formatter->lines = cfg_getbool (config, "lines");
  formatter->pretty = cfg_getbool (config, "pretty");
  formatter->generator = json_generator_new ();
  json_generator_set_pretty (formatter->generator, cfg_getbool (config, "pretty"));
  nf_stage_set_instance (stage, formatter);
  return TRUE;
}

static gboolean
write_output (gpointer output, const void *data, gsize length, GError **error)
{
  return nf_output_write (output, data, length, error);
}

static gboolean
json_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  JsonFormatter *formatter = nf_stage_get_instance (stage);
  /* In array mode the separator goes before every element but the first, so the array
   * can be closed in finish without knowing the count in advance.  A record goes out in
   * several writes; if one fails, the output's sticky error takes the whole record back at
   * the commit. */
  const char *before = formatter->lines ? "" : formatter->written == 0 ? "[\n" : ",\n";
  if (!nf_output_write (formatter->output, before, strlen (before), error))
    return FALSE;
  if (formatter->fields == NULL)
    {
      /* The whole article is streamed: no tree, no copy of the text (issue 12). */
      if (!nf_article_write_json (article, formatter->pretty, write_output, formatter->output, error))
        return FALSE;
    }
  else
    {
      g_autoptr (JsonNode) node = nf_article_to_json (article);
      g_autoptr (JsonNode) selected = nf_field_selection_apply (formatter->fields, node);
      g_clear_pointer (&node, json_node_unref);
      json_generator_set_root (formatter->generator, selected);
      gsize length;
      g_autofree char *text = json_generator_to_data (formatter->generator, &length);
      if (!nf_output_write (formatter->output, text, length, error))
        return FALSE;
    }
  if (formatter->lines && !nf_output_write (formatter->output, "\n", 1, error))
    return FALSE;
  formatter->written++;
  return TRUE;
}

static gboolean
json_commit (NfStage *stage, GError **error)
{
  JsonFormatter *formatter = nf_stage_get_instance (stage);
  if (nf_output_sync (formatter->output, error))
    {
      formatter->committed = formatter->written;
      return TRUE;
    }
  formatter->written = formatter->committed; /* the file is back at the last commit */
  return FALSE;
}

static gboolean
json_has_article (NfStage *stage, const char *id)
{
  JsonFormatter *formatter = nf_stage_get_instance (stage);
  return formatter->existing && g_hash_table_contains (formatter->existing, id);
}

static gboolean
json_finish (NfStage *stage, GError **error)
{
  JsonFormatter *formatter = nf_stage_get_instance (stage);
  if (!formatter->lines
      && !nf_output_printf (formatter->output, error, "%s", formatter->written == 0 ? "[]\n" : "\n]\n"))
    return FALSE;
  return nf_output_commit (formatter->output, error);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "json",
  .summary = "Writes JSON Lines or one JSON array: every field and annotation, or those selected",
  .options = json_options,
  .init = json_init,
  .process = json_process,
  .commit = json_commit,
  .has_article = json_has_article,
  .finish = json_finish,
  .free = json_free,
);
