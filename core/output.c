/* output.c: NfOutput, files that appear complete or not at all (temporary file + rename). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <newsflow/output.h>
#include <newsflow/error.h>

struct _NfOutput {
  char    *path;      /* what the user named */
  char    *temporary; /* NULL for standard output */
  FILE    *file;
  gboolean owned;     /* opened in place (not stdout, no temporary): ours to close */
  gboolean committed;
  int      write_error; /* errno of the first failed write: the file is then incomplete */
};

static gboolean
io_error (GError **error, const char *path, int code)
{
  if (code == 0)
    code = EIO;
  g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", path, g_strerror (code));
  return FALSE;
}

NfOutput *
nf_output_open (const char *path, GError **error)
{
  g_autoptr (NfOutput) output = g_new0 (NfOutput, 1);
  output->path = g_strdup (path);
  if (strcmp (path, "-") == 0)
    {
      output->file = stdout;
      return g_steal_pointer (&output);
    }
  /* A device or FIFO (/dev/null, a pipe) is written in place: renaming over it would
   * replace it with a regular file. */
  struct stat existing;
  if (stat (path, &existing) == 0 && !S_ISREG (existing.st_mode))
    {
      output->file = fopen (path, "w");
      if (output->file == NULL)
        {
          io_error (error, path, errno);
          return NULL;
        }
      output->owned = TRUE;
      return g_steal_pointer (&output);
    }
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  output->temporary = g_strdup_printf ("%s/.%s.partial-XXXXXX", dir, base);
  int fd = g_mkstemp (output->temporary);
  if (fd < 0)
    {
      int saved = errno;
      g_clear_pointer (&output->temporary, g_free);
      io_error (error, path, saved);
      return NULL;
    }
  /* mkstemp makes the file private; give the result the permissions of a normal file. */
  mode_t mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);
  output->file = fdopen (fd, "w");
  if (output->file == NULL)
    {
      io_error (error, path, errno);
      close (fd);
      return NULL;
    }
  setvbuf (output->file, NULL, _IOFBF, 256 * 1024);
  return g_steal_pointer (&output);
}

gboolean
nf_output_write (NfOutput *output, const void *data, gsize length, GError **error)
{
  if (length > 0 && fwrite (data, 1, length, output->file) != length)
    {
      if (output->write_error == 0)
        output->write_error = errno ? errno : EIO;
      return io_error (error, output->path, errno);
    }
  return TRUE;
}

gboolean
nf_output_printf (NfOutput *output, GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  int written = vfprintf (output->file, format, args);
  va_end (args);
  if (written < 0 && output->write_error == 0)
    output->write_error = errno ? errno : EIO;
  return written < 0 ? io_error (error, output->path, errno) : TRUE;
}

gboolean
nf_output_commit (NfOutput *output, GError **error)
{
  if (output->temporary == NULL)
    {
      output->committed = TRUE;
      if (output->owned)
        {
          FILE *file = g_steal_pointer (&output->file);
          if (fclose (file) != 0 || output->write_error)
            return io_error (error, output->path, output->write_error ? output->write_error : errno);
          return TRUE;
        }
      if (output->write_error || fflush (output->file) != 0)
        return io_error (error, output->path, output->write_error ? output->write_error : errno);
      return TRUE;
    }
  FILE *file = g_steal_pointer (&output->file);
  /* ferror: an earlier buffered write failed (disk full), so the file is incomplete even
   * if this flush succeeds. */
  if (ferror (file) || output->write_error || fflush (file) != 0 || fsync (fileno (file)) != 0)
    {
      int saved = output->write_error ? output->write_error : errno;
      fclose (file);
      return io_error (error, output->path, saved);
    }
  if (fclose (file) != 0)
    return io_error (error, output->path, errno);
  if (rename (output->temporary, output->path) != 0)
    return io_error (error, output->path, errno);
  output->committed = TRUE;
  return TRUE;
}

void
nf_output_free (NfOutput *output)
{
  if (output == NULL)
    return;
  if ((output->temporary || output->owned) && output->file)
    fclose (output->file);
  if (output->temporary && !output->committed)
    unlink (output->temporary);
  g_free (output->temporary);
  g_free (output->path);
  g_free (output);
}

const char *
nf_output_get_path (const NfOutput *output)
{
  return output->path;
}
