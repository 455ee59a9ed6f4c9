/* output.c: NfOutput, a formatter's file with commit points: records are buffered here,
 * nf_output_sync makes them durable or takes the file back to its last commit. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <newsflow/output.h>
#include <newsflow/error.h>

/* Written out when the buffer grows past this; a sync writes out the rest. */
#define BUFFER_SIZE (256 * 1024)

struct _NfOutput {
  char    *path;       /* what the user named */
  char    *temporary;  /* the file being written, renamed to path at the end; or NULL */
  int      fd;
  gboolean owned;      /* ours to close (not standard output) */
  gboolean regular;    /* a regular file: it can be truncated back to a commit */
  GString *buffer;     /* written, not yet handed to the kernel */
  guint64  position;   /* end of what was handed to the kernel */
  guint64  committed;  /* end of the last commit */
  GError  *error;      /* the sticky write error, until a sync takes the file back */
  gboolean lost;       /* the error could not be taken back: nothing more is written */
  gboolean finished;   /* nf_output_commit succeeded */
};

static gboolean
io_error (GError **error, const char *path, int code)
{
  if (code == 0)
    code = EIO;
  g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", path, g_strerror (code));
  return FALSE;
}

static NfOutput *
output_new (const char *path, int fd, gboolean owned)
{
  NfOutput *output = g_new0 (NfOutput, 1);
  output->path = g_strdup (path);
  output->fd = fd;
  output->owned = owned;
  output->buffer = g_string_sized_new (BUFFER_SIZE);
  struct stat st;
  output->regular = fstat (fd, &st) == 0 && S_ISREG (st.st_mode);
  if (output->regular)
    {
      off_t at = lseek (fd, 0, SEEK_CUR);
      output->regular = at >= 0;
      output->position = output->committed = at >= 0 ? (guint64) at : 0;
    }
  return output;
}

/* Standard output is written with write(2) like any file: nothing else in a run writes to
 * it through stdio, and what was printed before is flushed first. */
static NfOutput *
open_stdout (void)
{
  fflush (stdout);
  return output_new ("-", STDOUT_FILENO, FALSE);
}

NfOutput *
nf_output_open (const char *path, GError **error)
{
  if (strcmp (path, "-") == 0)
    return open_stdout ();
  /* A device or FIFO (/dev/null, a pipe) is written in place: renaming over it would
   * replace it with a regular file. */
  struct stat existing;
  if (stat (path, &existing) == 0 && !S_ISREG (existing.st_mode))
    {
      int fd = open (path, O_WRONLY | O_CLOEXEC);
      if (fd < 0)
        {
          io_error (error, path, errno);
          return NULL;
        }
      return output_new (path, fd, TRUE);
    }
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  /* The PID tells a later run whether this one is gone (nf_chain_remove_stale_outputs). */
  g_autofree char *temporary = g_strdup_printf ("%s/.%s.partial-%d-XXXXXX", dir, base, (int) getpid ());
  int fd = g_mkstemp (temporary);
  if (fd < 0)
    {
      io_error (error, path, errno);
      return NULL;
    }
  /* mkstemp makes the file private; give the result the permissions of a normal file. */
  mode_t mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);
  NfOutput *output = output_new (path, fd, TRUE);
  output->temporary = g_steal_pointer (&temporary);
  return output;
}

NfOutput *
nf_output_open_append (const char *path, GError **error)
{
  if (strcmp (path, "-") == 0)
    return open_stdout ();
  int fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      io_error (error, path, errno);
      return NULL;
    }
  NfOutput *output = output_new (path, fd, TRUE);
  /* O_APPEND: the position is the end, wherever the descriptor's offset is. */
  struct stat st;
  if (output->regular && fstat (fd, &st) == 0)
    output->position = output->committed = st.st_size;
  return output;
}

static gboolean
fail_sticky (NfOutput *output, GError **error)
{
  if (error)
    *error = g_error_copy (output->error);
  return FALSE;
}

/* Hands the buffer to the kernel; a failure becomes the sticky error. */
static gboolean
write_out (NfOutput *output)
{
  gsize done = 0;
  while (done < output->buffer->len)
    {
      ssize_t n = write (output->fd, output->buffer->str + done, output->buffer->len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          io_error (&output->error, output->path, n < 0 ? errno : ENOSPC);
          output->position += done;
          g_string_truncate (output->buffer, 0);
          return FALSE;
        }
      done += n;
    }
  output->position += done;
  g_string_truncate (output->buffer, 0);
  return TRUE;
}

gboolean
nf_output_write (NfOutput *output, const void *data, gsize length, GError **error)
{
  if (output->error)
    return fail_sticky (output, error);
  g_string_append_len (output->buffer, data, length);
  if (output->buffer->len >= BUFFER_SIZE && !write_out (output))
    return fail_sticky (output, error);
  return TRUE;
}

gboolean
nf_output_printf (NfOutput *output, GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *text = g_strdup_vprintf (format, args);
  va_end (args);
  return nf_output_write (output, text, strlen (text), error);
}

/* Takes the file back to its last commit after a failed write; FALSE when it cannot be. */
static gboolean
roll_back (NfOutput *output)
{
  g_string_truncate (output->buffer, 0);
  if (output->lost)
    return FALSE;
  if (output->position != output->committed
      && (!output->regular || ftruncate (output->fd, output->committed) != 0
          || lseek (output->fd, output->committed, SEEK_SET) < 0))
    {
      output->lost = TRUE;
      return FALSE;
    }
  output->position = output->committed;
  return TRUE;
}

gboolean
nf_output_sync (NfOutput *output, GError **error)
{
  if (output->error == NULL && write_out (output) && output->regular
      && fsync (output->fd) != 0 && errno != EINVAL && errno != EROFS)
    io_error (&output->error, output->path, errno);
  if (output->error == NULL)
    {
      output->committed = output->position;
      return TRUE;
    }
  if (!roll_back (output))
    return fail_sticky (output, error); /* the error stays: the output is lost */
  g_propagate_error (error, g_steal_pointer (&output->error));
  return FALSE;
}

gboolean
nf_output_commit (NfOutput *output, GError **error)
{
  if (!nf_output_sync (output, error))
    return FALSE;
  if (output->owned)
    {
      int fd = output->fd;
      output->fd = -1;
      output->owned = FALSE;
      if (close (fd) != 0 && errno != EINTR)
        return io_error (error, output->path, errno);
    }
  if (output->temporary && rename (output->temporary, output->path) != 0)
    return io_error (error, output->path, errno);
  output->finished = TRUE;
  return TRUE;
}

void
nf_output_free (NfOutput *output)
{
  if (output == NULL)
    return;
  if (!output->finished && output->temporary)
    unlink (output->temporary);
  else if (!output->finished && output->regular && output->fd >= 0 && output->position != output->committed)
    {
      /* Appending in place: what was written after the last commit is not kept. */
      if (ftruncate (output->fd, output->committed) != 0)
        g_warning ("%s: could not take back the records after the last commit: %s",
                   output->path, g_strerror (errno));
    }
  if (output->owned && output->fd >= 0)
    close (output->fd);
  g_string_free (output->buffer, TRUE);
  g_clear_error (&output->error);
  g_free (output->temporary);
  g_free (output->path);
  g_free (output);
}

const char *
nf_output_get_path (const NfOutput *output)
{
  return output->path;
}

gboolean
nf_output_has_failed (const NfOutput *output)
{
  return output->error != NULL;
}

guint64
nf_output_get_committed_size (const NfOutput *output)
{
  return output->committed;
}
