/* fetch "files": articles from files, directories (walked recursively, in name order),
 * globs and standard input; gzip-compressed files are read transparently (zlib), and .zip
 * and .tar(.gz) collections member by member (libarchive). */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <glob.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include <newsflow/newsflow.h>

/* The collection counted ahead, on a thread of its own, for the progress line's share done
 * and time left: files in items when every source is a plain file, else bytes on disk. */
typedef struct {
  GThread  *thread;
  gint      stop;         /* atomic: the fetch is over, stop counting */
  guint64   items;        /* counting thread only */
  guint64   bytes;        /* counting thread only */
  gboolean  items_exact;  /* no archive among them: one item a file */
  gboolean  bytes_known;  /* no stream (standard input, a FIFO) among them */
  guint64   bytes_total;  /* atomic: set when the count is complete */
  guint64   bytes_done;   /* fetch thread: bytes of the files read so far */
} Count;

typedef struct {
  char        **paths;
  GPtrArray    *patterns; /* GPatternSpec *: names to read inside directories */
  GPtrArray    *excludes; /* GPatternSpec *: names to skip inside directories */
  gboolean      recursive;
  gboolean      archives;
  gsize         max_size;
  GHashTable   *visited;  /* "device:inode" of the directories read in this fetch */
  Count        *count;    /* NULL when nobody watches the progress */
  NfSink       *sink;
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
                 "Largest file (or archive member) read, in bytes after decompression; larger ones are "
                 "failed items."),
  NF_OPTION_BOOL ("archives", cfg_true,
                  "Read .zip, .tar, .tar.gz and .tgz files member by member, each regular member an item "
                  "named ARCHIVE!MEMBER (name patterns apply to members as to files in directories); "
                  "false reads an archive as one item."),
  NF_OPTION_END
};

/* ---- content types ---- */

/* Documents by their name first (an .html file that starts with text is still HTML), by their
 * first bytes when the name says nothing; containers by either (newsflow/sniff.h). */
static const char *
guess_content_type (const char *path, const guint8 *data, gsize length)
{
  const char *by_bytes = nf_sniff_content_type (data, length, NULL);
  if (nf_content_type_is_container (by_bytes) && g_strcmp0 (by_bytes, "text/uri-list") != 0)
    return by_bytes;
  const char *by_name = nf_content_type_from_name (path);
  return by_name ? by_name : by_bytes;
}

/* Containers hold many articles: this fetcher reads documents, so it names the one that reads
 * them instead of handing the parsers something none of them accepts. */
static const struct {
  const char *type;
  const char *what;
  const char *fetcher;
} container_readers[] = {
  { "application/warc", "a WARC archive", "warc" },
  { "application/rss+xml", "an RSS feed", "feed" },
  { "application/rdf+xml", "an RSS 1.0 feed", "feed" },
  { "application/atom+xml", "an Atom feed", "feed" },
  { "application/x-ndjson", "a JSON Lines dump", "jsonl" },
};

static gboolean
push_container_failure (NfSink *sink, const char *path, const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (container_readers); i++)
    if (strcmp (type, container_readers[i].type) == 0)
      {
        g_autoptr (GError) error = g_error_new (NF_ERROR, NF_ERROR_UNSUPPORTED,
                                                "%s, not an article: add fetch \"%s\" to the chain to read it "
                                                "(the default chain routes it there when it is named on the "
                                                "command line or piped in)",
                                                container_readers[i].what, container_readers[i].fetcher);
        return nf_sink_push_failed (sink, path, error);
      }
  return TRUE;
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
  const char *type = guess_content_type (path, data ? data : (const guint8 *) "", length);
  if (nf_content_type_is_container (type) && strcmp (type, "text/uri-list") != 0)
    return push_container_failure (sink, path, type);
  NfArticle *article = nf_article_new (path);
  nf_article_set_raw (article, bytes, type);
  return nf_sink_push (sink, article);
}

/* ---- archives ---- */

static gboolean
is_archive_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".zip") || g_str_has_suffix (lower, ".tar")
         || g_str_has_suffix (lower, ".tar.gz") || g_str_has_suffix (lower, ".tgz");
}

static gboolean matches_any (GPtrArray *patterns, const char *name);

/* Whether a member is one the user wants: not hidden (nor in a hidden folder, such as the
 * __MACOSX/ folder of zips made on macOS), matching pattern, not exclude. */
static gboolean
wants_member (Files *files, const char *name)
{
  g_auto (GStrv) parts = g_strsplit (name, "/", -1);
  for (char **part = parts; *part; part++)
    if ((*part)[0] == '.' && strcmp (*part, ".") != 0)
      return FALSE;
  if (strstr (name, "__MACOSX/"))
    return FALSE;
  g_autofree char *base = g_path_get_basename (name);
  return matches_any (files->patterns, base) && !matches_any (files->excludes, base);
}

/* The current member's bytes, at most @max_size of them. */
static GBytes *
read_member (struct archive *archive, gsize max_size, GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 chunk[64 * 1024];
  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, chunk, sizeof chunk);
      if (n < 0)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "cannot read the member: %s",
                       archive_error_string (archive));
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_size)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE,
                       "larger than max-size (%" G_GSIZE_FORMAT " bytes)", max_size);
          return NULL;
        }
      g_byte_array_append (data, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* ---- progress: the collection counted ahead ---- */

/* @done more bytes of the collection are read. */
static void
progress_advance (Files *files, guint64 done)
{
  Count *count = files->count;
  if (count == NULL)
    return;
  count->bytes_done += done;
  nf_sink_set_input_bytes (files->sink, count->bytes_done, __atomic_load_n (&count->bytes_total, __ATOMIC_ACQUIRE));
}

static void count_path (Files *files, GHashTable *visited, const char *path, gboolean named);

/* Mirrors push_directory: the same links not followed twice, the same names skipped. */
static void
count_directory (Files *files, GHashTable *visited, const char *path, const struct stat *info)
{
  Count *count = files->count;
  char *key = g_strdup_printf ("%ju:%ju", (uintmax_t) info->st_dev, (uintmax_t) info->st_ino);
  GDir *dir = g_hash_table_add (visited, key) ? g_dir_open (path, 0, NULL) : NULL;
  if (dir == NULL)
    {
      count->items++; /* reported as one failed item */
      return;
    }
  const char *name;
  while ((name = g_dir_read_name (dir)) && !g_atomic_int_get (&count->stop))
    if (name[0] != '.' && !matches_any (files->excludes, name))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        count_path (files, visited, child, FALSE);
      }
  g_dir_close (dir);
}

/* Mirrors push_path: what it would push, counted. */
static void
count_path (Files *files, GHashTable *visited, const char *path, gboolean named)
{
  Count *count = files->count;
  struct stat info;
  if (strcmp (path, "-") == 0 || (stat (path, &info) == 0 && (S_ISFIFO (info.st_mode) || S_ISCHR (info.st_mode))))
    {
      count->bytes_known = count->items_exact = FALSE; /* a stream: no telling how much */
      return;
    }
  if (stat (path, &info) != 0)
    {
      count->items++;
      return;
    }
  if (S_ISDIR (info.st_mode))
    {
      if (named || files->recursive)
        count_directory (files, visited, path, &info);
      return;
    }
  if (!named)
    {
      g_autofree char *base = g_path_get_basename (path);
      if (!matches_any (files->patterns, base))
        return;
    }
  count->items++;
  if (S_ISREG (info.st_mode))
    count->bytes += info.st_size;
  if (S_ISREG (info.st_mode) && files->archives && is_archive_name (path))
    count->items_exact = FALSE;
}

static gpointer
count_main (gpointer data)
{
  Files *files = data;
  Count *count = files->count;
  g_autoptr (GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (char **source = files->paths; *source && !g_atomic_int_get (&count->stop); source++)
    {
      struct stat info;
      if (strpbrk (*source, "*?[") == NULL || stat (*source, &info) == 0)
        {
          count_path (files, visited, *source, TRUE);
          continue;
        }
      glob_t found = { 0 };
      if (glob (*source, 0, NULL, &found) == 0)
        for (size_t i = 0; i < found.gl_pathc; i++)
          count_path (files, visited, found.gl_pathv[i], TRUE);
      else
        count->items++; /* "no file matches this pattern" */
      globfree (&found);
    }
  if (g_atomic_int_get (&count->stop) || !count->bytes_known)
    return NULL;
  if (count->items_exact)
    nf_sink_set_total_items (files->sink, count->items);
  __atomic_store_n (&count->bytes_total, MAX (count->bytes, 1), __ATOMIC_RELEASE);
  return NULL;
}

/* ---- archives, continued ---- */

/* Each regular member of a zip or tar (plain or gzip) as an item "ARCHIVE!MEMBER", streamed:
 * one member in memory at a time. */
static gboolean
push_archive (Files *files, NfSink *sink, const char *path)
{
  struct archive *archive = archive_read_new ();
  archive_read_support_filter_gzip (archive);
  archive_read_support_format_zip (archive);
  archive_read_support_format_tar (archive);
  archive_read_support_format_gnutar (archive);
  if (archive_read_open_filename (archive, path, 128 * 1024) != ARCHIVE_OK)
    {
      g_autoptr (GError) error = g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT, "cannot read as an archive: %s",
                                              archive_error_string (archive));
      archive_read_free (archive);
      return nf_sink_push_failed (sink, path, error);
    }
  gboolean going = TRUE;
  guint members = 0;
  guint64 archive_done = 0; /* of this archive's bytes, those counted in the progress */
  while (going)
    {
      struct archive_entry *entry;
      int status = archive_read_next_header (archive, &entry);
      if (status == ARCHIVE_EOF)
        break;
      if (status == ARCHIVE_RETRY)
        continue;
      if (status == ARCHIVE_FATAL)
        {
          g_autoptr (GError) error = g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT,
                                                  "damaged archive after %u members: %s", members,
                                                  archive_error_string (archive));
          going = nf_sink_push_failed (sink, path, error);
          break;
        }
      members++;
      const char *name = archive_entry_pathname (entry);
      if (name == NULL || archive_entry_filetype (entry) != AE_IFREG)
        continue;
      while (g_str_has_prefix (name, "./"))
        name += 2;
      if (!wants_member (files, name))
        continue;
      g_autofree char *source = g_strconcat (path, "!", name, NULL);
      g_autoptr (GError) error = NULL;
      if (status == ARCHIVE_WARN || status == ARCHIVE_FAILED)
        error = g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT, "damaged member header: %s",
                             archive_error_string (archive));
      else if (archive_entry_size_is_set (entry) && (guint64) archive_entry_size (entry) > files->max_size)
        error = g_error_new (NF_ERROR, NF_ERROR_TOO_LARGE,
                             "%lld bytes, larger than max-size (%" G_GSIZE_FORMAT " bytes)",
                             (long long) archive_entry_size (entry), files->max_size);
      g_autoptr (GBytes) bytes = error ? NULL : read_member (archive, files->max_size, &error);
      if (bytes == NULL)
        {
          going = nf_sink_push_failed (sink, source, error);
          continue;
        }
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);
      const char *type = guess_content_type (name, data ? data : (const guint8 *) "", length);
      if (nf_content_type_is_container (type) && strcmp (type, "text/uri-list") != 0)
        {
          going = push_container_failure (sink, source, type);
          continue;
        }
      NfArticle *article = nf_article_new (source);
      nf_article_set_raw (article, bytes, type);
      going = nf_sink_push (sink, article);
      if (files->count) /* the archive's bytes read so far (compressed) */
        {
          guint64 read = (guint64) MAX (archive_filter_bytes (archive, -1), 0);
          if (read > archive_done)
            progress_advance (files, read - archive_done);
          archive_done = MAX (archive_done, read);
        }
    }
  archive_read_free (archive);
  return going;
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
push_directory (Files *files, NfSink *sink, const char *path, const struct stat *info)
{
  /* A symbolic link back to a parent (or a second link to a directory already read)
   * would make the walk endless, or read the same articles again: each directory is read
   * once, and the link that leads back is reported once. */
  char *key = g_strdup_printf ("%ju:%ju", (uintmax_t) info->st_dev, (uintmax_t) info->st_ino);
  if (!g_hash_table_add (files->visited, key))
    {
      g_autoptr (GError) loop = g_error_new_literal (NF_ERROR, NF_ERROR_INVALID_INPUT,
                                                     "a directory already read (a symbolic link loop, or a "
                                                     "second link to it): not read again");
      return nf_sink_push_failed (sink, path, loop);
    }
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
    return (named || files->recursive) ? push_directory (files, sink, path, &info) : TRUE;
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
  if (S_ISREG (info.st_mode) && files->archives && is_archive_name (path))
    {
      guint64 end = (files->count ? files->count->bytes_done : 0) + info.st_size;
      gboolean going = push_archive (files, sink, path);
      /* Its members advanced the progress by the bytes read; make it the whole file. */
      if (files->count && files->count->bytes_done < end)
        progress_advance (files, end - files->count->bytes_done);
      return going;
    }
  if (S_ISREG (info.st_mode) && !g_str_has_suffix (path, ".gz") && (gsize) info.st_size > files->max_size)
    {
      g_autoptr (GError) error = g_error_new (NF_ERROR, NF_ERROR_TOO_LARGE,
                                              "%lld bytes, larger than max-size (%" G_GSIZE_FORMAT " bytes)",
                                              (long long) info.st_size, files->max_size);
      return nf_sink_push_failed (sink, path, error);
    }
  gboolean going = push_file (files, sink, path);
  progress_advance (files, S_ISREG (info.st_mode) ? (guint64) info.st_size : 0);
  return going;
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
  files->archives = cfg_getbool (config, "archives");
  files->max_size = (gsize) max_size;
  nf_stage_set_instance (stage, files);
  return TRUE;
}

static gboolean
files_fetch (NfStage *stage, NfSink *sink, G_GNUC_UNUSED GError **error)
{
  Files *files = nf_stage_get_instance (stage);
  files->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  files->sink = sink;
  Count count = { .items_exact = TRUE, .bytes_known = TRUE };
  if (nf_sink_wants_progress (sink))
    {
      files->count = &count;
      count.thread = g_thread_new ("nf-files-count", count_main, files);
    }
  for (char **path = files->paths; *path; path++)
    if (nf_stage_is_cancelled (stage) || !push_source (files, sink, *path))
      break;
  if (count.thread)
    {
      g_atomic_int_set (&count.stop, 1);
      g_thread_join (count.thread);
    }
  files->count = NULL;
  files->sink = NULL;
  g_clear_pointer (&files->visited, g_hash_table_unref);
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
  .summary = "Reads files, directories, globs, .zip and .tar(.gz) archives and standard input, gzip-compressed or not",
  .options = files_options,
  .accepts_source = files_accepts_source,
  .init = files_init,
  .fetch = files_fetch,
  .free = files_free,
);
