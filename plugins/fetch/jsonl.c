/* fetch "jsonl": JSON Lines dumps of news datasets, streamed line by line (plain or gzip),
 * each line's object mapped to an article by the shared field map (newsflow/fieldmap.h). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <newsflow/newsflow.h>

typedef struct {
  char      **paths;
  NfFieldMap *map;
  gsize       max_line;
  guint64     progress_total;  /* bytes of the files, when watched and all are files */
  guint64     progress_before; /* bytes of the files read before this one */
} Jsonl;

static const NfOption jsonl_options[] = {
  NF_OPTION_STR_LIST ("paths", NULL,
                      "JSON Lines files to read, plain or gzip-compressed; \"-\" is standard input. "
                      "Sources given on the command line (*.jsonl, *.ndjson, with or without .gz) "
                      "replace this list; with neither, the stage reads nothing."),
  NF_FIELD_MAP_OPTIONS,
  NF_OPTION_INT ("max-line", 16 * 1024 * 1024,
                 "Longest line read, in bytes; a longer line is a failed item and reading goes on "
                 "at the next line."),
  NF_OPTION_END
};

/* A line reader over gzread (which also reads plain files) that never holds more than
 * max-line bytes, and finds line ends with memchr so a stray NUL cannot cut a line short. */
typedef struct {
  gzFile  file;
  guint8  buffer[64 * 1024];
  gsize   start, end;
  gboolean eof;
} LineReader;

typedef enum { LINE_OK, LINE_TOO_LONG, LINE_EOF, LINE_ERROR } LineStatus;

static LineStatus
read_line (LineReader *reader, GString *line, gsize max_line, GError **error)
{
  g_string_truncate (line, 0);
  gboolean too_long = FALSE, any = FALSE;
  for (;;)
    {
      if (reader->start == reader->end)
        {
          if (reader->eof)
            return any ? (too_long ? LINE_TOO_LONG : LINE_OK) : LINE_EOF;
          int n = gzread (reader->file, reader->buffer, sizeof reader->buffer);
          if (n < 0)
            {
              int code;
              const char *message = gzerror (reader->file, &code);
              g_set_error (error, NF_ERROR, code == Z_ERRNO ? NF_ERROR_IO : NF_ERROR_INVALID_INPUT,
                           "cannot read: %s", code == Z_ERRNO ? g_strerror (errno) : message);
              return LINE_ERROR;
            }
          reader->start = 0;
          reader->end = (gsize) n;
          reader->eof = n == 0;
          continue;
        }
      any = TRUE;
      const guint8 *from = reader->buffer + reader->start;
      gsize available = reader->end - reader->start;
      const guint8 *newline = memchr (from, '\n', available);
      gsize take = newline ? (gsize) (newline - from) : available;
      if (!too_long && line->len + take > max_line)
        {
          too_long = TRUE;
          g_string_truncate (line, 0);
        }
      if (!too_long)
        g_string_append_len (line, (const char *) from, take);
      reader->start += take + (newline != NULL);
      if (newline)
        return too_long ? LINE_TOO_LONG : LINE_OK;
    }
}

static gboolean
is_blank (const GString *line)
{
  for (gsize i = 0; i < line->len; i++)
    if (!g_ascii_isspace (line->str[i]))
      return FALSE;
  return TRUE;
}

static gboolean
push_line (Jsonl *jsonl, NfSink *sink, const char *source, GString *line)
{
  g_autoptr (GError) error = NULL;
  if (!g_utf8_validate_len (line->str, line->len, NULL))
    {
      const char *end;
      g_utf8_validate_len (line->str, line->len, &end);
      error = g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT, "invalid UTF-8 at byte %" G_GSIZE_FORMAT " of the line",
                           (gsize) (end - line->str));
      return nf_sink_push_failed (sink, source, error);
    }
  NfArticle *article = nf_article_new (source);
  nf_article_set_content_type (article, "application/json");
  if (!nf_field_map_apply_data (jsonl->map, line->str, line->len, article, &error))
    {
      nf_article_unref (article);
      return nf_sink_push_failed (sink, source, error);
    }
  return nf_sink_push (sink, article);
}

static gboolean
push_file (Jsonl *jsonl, NfStage *stage, NfSink *sink, const char *path)
{
  g_autoptr (GError) error = NULL;
  LineReader *reader = g_new0 (LineReader, 1);
  reader->file = strcmp (path, "-") == 0 ? gzdopen (dup (0), "rb") : gzopen (path, "rb");
  if (reader->file == NULL)
    {
      int saved = errno;
      g_free (reader);
      error = g_error_new (NF_ERROR, NF_ERROR_IO, "cannot open: %s", saved ? g_strerror (saved) : "out of memory");
      return nf_sink_push_failed (sink, path, error);
    }
  gzbuffer (reader->file, 128 * 1024);
  g_autoptr (GString) line = g_string_new (NULL);
  gboolean going = TRUE;
  for (guint64 number = 1; going && !nf_stage_is_cancelled (stage); number++)
    {
      if (jsonl->progress_total) /* gzoffset: the bytes read of the file, compressed or not */
        nf_sink_set_input_bytes (sink, jsonl->progress_before + (guint64) MAX (gzoffset (reader->file), 0),
                                 jsonl->progress_total);
      LineStatus status = read_line (reader, line, jsonl->max_line, &error);
      if (status == LINE_EOF)
        break;
      g_autofree char *source = g_strdup_printf ("%s:%" G_GUINT64_FORMAT, path, number);
      if (status == LINE_ERROR)
        {
          going = nf_sink_push_failed (sink, source, error);
          break; /* a damaged gzip stream cannot be read past the damage */
        }
      if (status == LINE_TOO_LONG)
        {
          g_autoptr (GError) too_long = g_error_new (NF_ERROR, NF_ERROR_TOO_LARGE,
                                                     "line longer than max-line (%" G_GSIZE_FORMAT " bytes)",
                                                     jsonl->max_line);
          going = nf_sink_push_failed (sink, source, too_long);
          continue;
        }
      if (line->len > 0 && line->str[line->len - 1] == '\r')
        g_string_truncate (line, line->len - 1);
      if (is_blank (line)) /* blank lines separate nothing in JSON Lines: not items */
        continue;
      going = push_line (jsonl, sink, source, line);
    }
  gzclose (reader->file);
  g_free (reader);
  return going;
}

/* ---- plugin callbacks ---- */

static void
jsonl_free (gpointer instance)
{
  Jsonl *jsonl = instance;
  g_strfreev (jsonl->paths);
  nf_field_map_free (jsonl->map);
  g_free (jsonl);
}

static gboolean
jsonl_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  long max_line = cfg_getint (config, "max-line");
  if (max_line <= 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "max-line must be positive, not %ld", max_line);
      return FALSE;
    }
  NfFieldMap *map = nf_field_map_new_from_config (config, error);
  if (map == NULL)
    return FALSE;
  Jsonl *jsonl = g_new0 (Jsonl, 1);
  jsonl->map = map;
  jsonl->max_line = (gsize) max_line;
  const char *const *sources = nf_stage_get_sources (stage);
  if (sources)
    jsonl->paths = g_strdupv ((char **) sources);
  else
    {
      GPtrArray *paths = g_ptr_array_new ();
      for (unsigned int i = 0; i < cfg_size (config, "paths"); i++)
        g_ptr_array_add (paths, g_strdup (cfg_getnstr (config, "paths", i)));
      g_ptr_array_add (paths, NULL);
      jsonl->paths = (char **) g_ptr_array_free (paths, FALSE);
    }
  nf_stage_set_instance (stage, jsonl);
  return TRUE;
}

static gboolean
jsonl_fetch (NfStage *stage, NfSink *sink, G_GNUC_UNUSED GError **error)
{
  Jsonl *jsonl = nf_stage_get_instance (stage);
  jsonl->progress_before = 0;
  jsonl->progress_total = nf_sink_wants_progress (sink) ? nf_paths_total_bytes ((const char *const *) jsonl->paths) : 0;
  for (char **path = jsonl->paths; *path; path++)
    {
      if (nf_stage_is_cancelled (stage) || !push_file (jsonl, stage, sink, *path))
        break;
      struct stat info;
      if (jsonl->progress_total && stat (*path, &info) == 0)
        jsonl->progress_before += info.st_size;
    }
  return TRUE;
}

/* Command-line files named like JSON Lines are ours when this stage comes before "files"
 * in the chain (sources go to the first fetcher that accepts them). */
/* What the core routes here by its bytes: JSON objects one a line, plain or gzip, named or on stdin. */
static const char *const jsonl_types[] = { "application/x-ndjson", NULL };

static gboolean
jsonl_accepts_source (const char *source)
{
  g_autofree char *lower = g_ascii_strdown (source, -1);
  if (strstr (lower, "://"))
    return FALSE;
  if (g_str_has_suffix (lower, ".gz"))
    lower[strlen (lower) - 3] = '\0';
  return g_str_has_suffix (lower, ".jsonl") || g_str_has_suffix (lower, ".ndjson");
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FETCH,
  .name = "jsonl",
  .summary = "Reads JSON Lines dumps (plain or gzip), one article per line, through a field map",
  .options = jsonl_options,
  .content_types = jsonl_types,
  .accepts_source = jsonl_accepts_source,
  .init = jsonl_init,
  .fetch = jsonl_fetch,
  .free = jsonl_free,
);
