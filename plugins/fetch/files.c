/* fetch "files": articles from files, directories (walked recursively, in name order),
 * globs and standard input; gzip-compressed files are read transparently (zlib). */
#include <errno.h>
#include <glob.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include <newsflow/newsflow.h>

typedef struct {
  char        **paths;
  GPtrArray    *patterns; /* GPatternSpec *: names to read inside directories */
  GPtrArray    *excludes; /* GPatternSpec *: names to skip inside directories */
  gboolean      recursive;
  gsize         max_size;
} Files;

/* Orders a GPtrArray of strings (the GLib 2.74 sort hands out pointers to elements). */
static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static const NfOption files_options[] = {
  NF_OPTION_STR_LIST ("paths", "{\"-\"}",
                      "Files, directories or globs to read; \"-\" is standard input. Sources given on "
                      "the command line replace this list."),
  NF_OPTION_STR_LIST ("pattern", "{\"*\"}",
                      "Names of the files to read inside directories (shell patterns); files named "
                      "directly are always read."),
  NF_OPTION_STR_LIST ("exclude", "{\"README*\", \"*~\"}",
                      "Names to skip inside directories (shell patterns); hidden files are always skipped."),
  NF_OPTION_BOOL ("recursive", cfg_true, "Walk subdirectories."),
  NF_OPTION_INT ("max-size", 50 * 1024 * 1024,
                 "Largest file read, in bytes after decompression; larger files are failed items."),
  NF_OPTION_END
};

/* ---- content types ---- */

static const struct {
  const char *suffix;
  const char *type;
} suffix_types[] = {
  { ".txt", "text/plain" },        { ".text", "text/plain" },
  { ".html", "text/html" },        { ".htm", "text/html" },        { ".xhtml", "text/html" },
  { ".json", "application/json" }, { ".jsonl", "application/x-ndjson" },
  { ".ndjson", "application/x-ndjson" },
  { ".xml", "application/xml" },   { ".rss", "application/rss+xml" },
  { ".atom", "application/atom+xml" }, { ".warc", "application/warc" },
  { ".md", "text/markdown" },      { ".csv", "text/csv" },
};

/* By name first; by the first bytes when the name says nothing. */
static const char *
guess_content_type (const char *path, const guint8 *data, gsize length)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".gz"))
    lower[strlen (lower) - 3] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (suffix_types); i++)
    if (g_str_has_suffix (lower, suffix_types[i].suffix))
      return suffix_types[i].type;

  gsize i = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i < length && data[i] == '<')
    return "text/html";
  if (i < length && (data[i] == '{' || data[i] == '['))
    return "application/json";
  /* UTF-8 in the first 4 KiB (a character cut at the 4 KiB mark is allowed) is text. */
  const char *end;
  gsize probe = MIN (length, 4096);
  if (g_utf8_validate_len ((const char *) data, probe, &end)
      || (probe == 4096 && (gsize) (end - (const char *) data) + 4 > probe))
    return "text/plain";
  return "application/octet-stream";
}

/* ---- reading ---- */

/* Reads a whole file, plain or gzip, refusing more than @max_size bytes. */
static GBytes *
read_file (const char *path, gsize max_size, GError **error)
{
  gzFile file = g_strcmp0 (path, "-") == 0 ? gzdopen (dup (0), "rb") : gzopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "cannot open: %s",
                   saved ? g_strerror (saved) : "out of memory");
      return NULL;
    }
  gzbuffer (file, 128 * 1024);
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 chunk[64 * 1024];
  for (;;)
    {
      int n = gzread (file, chunk, sizeof chunk);
      if (n < 0)
        {
          int code;
          const char *message = gzerror (file, &code);
          g_set_error (error, NF_ERROR, code == Z_ERRNO ? NF_ERROR_IO : NF_ERROR_INVALID_INPUT,
                       "cannot read: %s", code == Z_ERRNO ? g_strerror (errno) : message);
          gzclose (file);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_size)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE,
                       "larger than max-size (%" G_GSIZE_FORMAT " bytes)", max_size);
          gzclose (file);
          return NULL;
        }
      g_byte_array_append (data, chunk, n);
    }
  gzclose (file);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
push_file (Files *files, NfSink *sink, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = read_file (path, files->max_size, &error);
  if (bytes == NULL)
    return nf_sink_push_failed (sink, path, error);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  NfArticle *article = nf_article_new (path);
  nf_article_set_raw (article, bytes, guess_content_type (path, data, length));
  return nf_sink_push (sink, article);
}

static gboolean
matches_any (GPtrArray *patterns, const char *name)
{
  for (guint i = 0; i < patterns->len; i++)
    if (g_pattern_spec_match_string (g_ptr_array_index (patterns, i), name))
      return TRUE;
  return FALSE;
}

static gboolean push_path (Files *files, NfSink *sink, const char *path, gboolean named);

static gboolean
push_directory (Files *files, NfSink *sink, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    return nf_sink_push_failed (sink, path, error);
  /* Name order, so a collection always streams in the same order. */
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    if (name[0] != '.' && !matches_any (files->excludes, name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      if (!push_path (files, sink, child, FALSE))
        return FALSE;
    }
  return TRUE;
}

/* @named: the user named this path itself (so no name pattern applies). */
static gboolean
push_path (Files *files, NfSink *sink, const char *path, gboolean named)
{
  if (strcmp (path, "-") == 0)
    return push_file (files, sink, path);
  struct stat info;
  if (stat (path, &info) != 0)
    {
      g_autoptr (GError) error = g_error_new (NF_ERROR, NF_ERROR_IO, "cannot open: %s", g_strerror (errno));
      return nf_sink_push_failed (sink, path, error);
    }
  if (S_ISDIR (info.st_mode))
    return (named || files->recursive) ? push_directory (files, sink, path) : TRUE;
  if (!named)
    {
      g_autofree char *base = g_path_get_basename (path);
      if (!matches_any (files->patterns, base))
        return TRUE;
    }
  if (!S_ISREG (info.st_mode) && !S_ISFIFO (info.st_mode) && !S_ISCHR (info.st_mode))
    {
      g_autoptr (GError) error = g_error_new_literal (NF_ERROR, NF_ERROR_IO, "not a regular file");
      return nf_sink_push_failed (sink, path, error);
    }
  if (S_ISREG (info.st_mode) && !g_str_has_suffix (path, ".gz") && (gsize) info.st_size > files->max_size)
    {
      g_autoptr (GError) error = g_error_new (NF_ERROR, NF_ERROR_TOO_LARGE,
                                              "%lld bytes, larger than max-size (%" G_GSIZE_FORMAT " bytes)",
                                              (long long) info.st_size, files->max_size);
      return nf_sink_push_failed (sink, path, error);
    }
  return push_file (files, sink, path);
}

static gboolean
push_source (Files *files, NfSink *sink, const char *source)
{
  struct stat info;
  gboolean has_magic = strpbrk (source, "*?[") != NULL;
  if (!has_magic || stat (source, &info) == 0)
    return push_path (files, sink, source, TRUE);

  glob_t found = { 0 };
  int status = glob (source, 0, NULL, &found);
  if (status == GLOB_NOMATCH)
    {
      globfree (&found);
      g_autoptr (GError) error = g_error_new_literal (NF_ERROR, NF_ERROR_NOT_FOUND, "no file matches this pattern");
      return nf_sink_push_failed (sink, source, error);
    }
  gboolean ok = TRUE;
  for (size_t i = 0; ok && status == 0 && i < found.gl_pathc; i++)
    ok = push_path (files, sink, found.gl_pathv[i], TRUE);
  globfree (&found);
  return ok;
}

/* ---- plugin callbacks ---- */

static GPtrArray *
compile_patterns (cfg_t *config, const char *name)
{
  GPtrArray *patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
  for (unsigned int i = 0; i < cfg_size (config, name); i++)
    g_ptr_array_add (patterns, g_pattern_spec_new (cfg_getnstr (config, name, i)));
  return patterns;
}

static void
files_free (gpointer instance)
{
  Files *files = instance;
  g_strfreev (files->paths);
  g_ptr_array_unref (files->patterns);
  g_ptr_array_unref (files->excludes);
  g_free (files);
}

static gboolean
files_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  long max_size = cfg_getint (config, "max-size");
  if (max_size <= 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "max-size must be positive, not %ld", max_size);
      return FALSE;
    }
  Files *files = g_new0 (Files, 1);
  const char *const *sources = nf_stage_get_sources (stage);
  if (sources)
    files->paths = g_strdupv ((char **) sources);
  else
    {
      GPtrArray *paths = g_ptr_array_new ();
      for (unsigned int i = 0; i < cfg_size (config, "paths"); i++)
        g_ptr_array_add (paths, g_strdup (cfg_getnstr (config, "paths", i)));
      g_ptr_array_add (paths, NULL);
      files->paths = (char **) g_ptr_array_free (paths, FALSE);
    }
  files->patterns = compile_patterns (config, "pattern");
  files->excludes = compile_patterns (config, "exclude");
  files->recursive = cfg_getbool (config, "recursive");
  files->max_size = (gsize) max_size;
  nf_stage_set_instance (stage, files);
  return TRUE;
}

static gboolean
files_fetch (NfStage *stage, NfSink *sink, G_GNUC_UNUSED GError **error)
{
  Files *files = nf_stage_get_instance (stage);
  for (char **path = files->paths; *path; path++)
    if (nf_stage_is_cancelled (stage) || !push_source (files, sink, *path))
      break;
  return TRUE;
}

/* Everything that is not a URL is a path for us. */
static gboolean
files_accepts_source (const char *source)
{
  return strstr (source, "://") == NULL;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FETCH,
  .name = "files",
  .summary = "Reads files, directories, globs and standard input, gzip-compressed or not",
  .options = files_options,
  .accepts_source = files_accepts_source,
  .init = files_init,
  .fetch = files_fetch,
  .free = files_free,
);
