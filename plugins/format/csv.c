/* format "csv": one row per article under a header row, RFC 4180 quoting, chosen columns
 * (nested values such as entity lists flattened to one cell), comma- or tab-separated. */
#include <string.h>

#include <newsflow/newsflow.h>

typedef struct {
  NfOutput         *output;
  NfFieldSelection *fields;
  char              delimiter;
  char             *separator;  /* between the items of a flattened list */
  GString          *row;        /* reused for every row */
  gboolean          header;     /* the header row is still to be written */
  gboolean          header_committed; /* ...and it is in the file for good */
} CsvFormatter;

static const char *const default_fields[] = {
  "id", "source", "title", "authors", "published", "language", "text", NULL,
};

static const NfOption csv_options[] = {
  NF_OPTION_STR ("output", "-", "Where to write: a file path, or \"-\" for standard output. A file "
                 "appears when the run ends, holding the articles committed (with newsflow --atomic, only "
                 "when the run completes)."),
  /* No list default: the core's union schema would give it to every format stage of the
   * chain, where the option's validation rejects it (see the report of this change). */
  NF_OPTION_STR_LIST ("fields", NULL,
                      "The columns, in order: \"PATH\" or \"NAME=PATH\", where PATH is a member of "
                      "the article's JSON form or a dotted path into it (\"stats.words\", "
                      "\"entities=annotations[entity].text\"). NAME heads the column. Empty: id, "
                      "source, title, authors, published, language, text."),
  NF_OPTION_STR ("delimiter", ",", "The character between cells: \",\", \";\", \"\\t\" (or \"tab\") "
                 "for TSV, ..."),
  NF_OPTION_STR ("separator", "; ", "Written between the items of a list (authors, entity "
                 "mentions) flattened into one cell; objects are written as JSON."),
  NF_OPTION_BOOL ("header", cfg_true, "Write the column names as the first row."),
  NF_OPTION_END
};

static void
csv_free (gpointer instance)
{
  CsvFormatter *formatter = instance;
  nf_output_free (formatter->output);
  nf_field_selection_free (formatter->fields);
  g_free (formatter->separator);
  g_string_free (formatter->row, TRUE);
  g_free (formatter);
}

/* RFC 4180: a cell holding the delimiter, a double quote or a line break is quoted, and
 * its double quotes doubled. */
static void
append_cell (GString *row, const char *cell, char delimiter)
{
  if (strchr (cell, delimiter) == NULL && strpbrk (cell, "\"\r\n") == NULL)
    {
      g_string_append (row, cell);
      return;
    }
  g_string_append_c (row, '"');
  for (const char *p = cell; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (row, '"');
      g_string_append_c (row, *p);
    }
  g_string_append_c (row, '"');
}

static gboolean
write_row (CsvFormatter *formatter, GError **error)
{
  g_string_append (formatter->row, "\r\n");
  return nf_output_write (formatter->output, formatter->row->str, formatter->row->len, error);
}

static gboolean
csv_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  const char *delimiter = cfg_getstr (config, "delimiter");
  if (strcmp (delimiter, "tab") == 0)
    delimiter = "\t";
  if (strlen (delimiter) != 1 || strchr ("\"\r\n", delimiter[0]))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                   "delimiter must be one character other than a double quote or a line break "
                   "(\",\", \";\", \"\\t\"), not \"%s\"", delimiter);
      return FALSE;
    }
  guint n_fields = cfg_size (config, "fields");
  g_autofree const char **specs = g_new0 (const char *, n_fields + 1);
  for (guint i = 0; i < n_fields; i++)
    specs[i] = cfg_getnstr (config, "fields", i);
  g_autoptr (NfFieldSelection) fields = n_fields > 0 ? nf_field_selection_new (specs, n_fields, error)
                                                     : nf_field_selection_new (default_fields, -1, error);
  if (fields == NULL)
    return FALSE;
  NfOutput *output = nf_output_open (cfg_getstr (config, "output"), error);
  if (output == NULL)
    return FALSE;

  CsvFormatter *formatter = g_new0 (CsvFormatter, 1);
  formatter->output = output;
  formatter->fields = g_steal_pointer (&fields);
  formatter->delimiter = delimiter[0];
  formatter->separator = g_strdup (cfg_getstr (config, "separator"));
  formatter->row = g_string_new (NULL);
  formatter->header = cfg_getbool (config, "header");
  formatter->header_committed = !formatter->header;
  nf_stage_set_instance (stage, formatter);
  return TRUE;
}

/* Written with the first row (or at the end of a run without articles), so that a write
 * error is reported with an article, like any other. */
static gboolean
write_header (CsvFormatter *formatter, GError **error)
{
  if (!formatter->header)
    return TRUE;
  formatter->header = FALSE;
  g_string_truncate (formatter->row, 0);
  for (guint i = 0; i < nf_field_selection_get_n (formatter->fields); i++)
    {
      if (i > 0)
        g_string_append_c (formatter->row, formatter->delimiter);
      append_cell (formatter->row, nf_field_selection_get_name (formatter->fields, i), formatter->delimiter);
    }
  return write_row (formatter, error);
}

static gboolean
csv_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  CsvFormatter *formatter = nf_stage_get_instance (stage);
  if (!write_header (formatter, error))
    return FALSE;
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  g_string_truncate (formatter->row, 0);
  for (guint i = 0; i < nf_field_selection_get_n (formatter->fields); i++)
    {
      g_autoptr (JsonNode) value = nf_field_selection_get (formatter->fields, i, node);
      g_autofree char *cell = nf_json_flatten (value, formatter->separator);
      if (i > 0)
        g_string_append_c (formatter->row, formatter->delimiter);
      append_cell (formatter->row, cell, formatter->delimiter);
    }
  return write_row (formatter, error);
}

/* Whole rows up to here are kept; a failure takes the file back to the last commit, and
 * the header with it when it was written in this batch. */
static gboolean
csv_commit (NfStage *stage, GError **error)
{
  CsvFormatter *formatter = nf_stage_get_instance (stage);
  if (nf_output_sync (formatter->output, error))
    {
      formatter->header_committed = !formatter->header;
      return TRUE;
    }
  formatter->header = !formatter->header_committed;
  return FALSE;
}

static gboolean
csv_finish (NfStage *stage, GError **error)
{
  CsvFormatter *formatter = nf_stage_get_instance (stage);
  return write_header (formatter, error) && nf_output_commit (formatter->output, error);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "csv",
  .summary = "Writes CSV or TSV: a header row and one row per article, lists flattened to a cell",
  .options = csv_options,
  .init = csv_init,
  .process = csv_process,
  .commit = csv_commit,
  .finish = csv_finish,
  .free = csv_free,
);
