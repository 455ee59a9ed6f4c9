/* stdin-peek.c: the core's peek at standard input, so that the chain can route it by its
 * bytes (sniff-private.h).  Part of the engine, not of the plugin library. */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sniff-private.h"
#include <newsflow/error.h>
#include <newsflow/sniff.h>

typedef struct {
  GBytes *head;
  int     source; /* the original standard input */
  int     sink;   /* the write end of the pipe now on fd 0 */
} Replay;

/* Writes the peeked bytes, then copies the rest of the original standard input. */
static gpointer
replay_thread (gpointer user_data)
{
  Replay *replay = user_data;
  gsize length;
  const guint8 *data = g_bytes_get_data (replay->head, &length);
  guint8 buffer[64 * 1024];
  gboolean open = TRUE;
  for (;;)
    {
      while (open && length > 0)
        {
          ssize_t n = write (replay->sink, data, length);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            open = FALSE; /* the reader is gone */
          else
            data += n, length -= n;
        }
      if (!open)
        break;
      ssize_t n = read (replay->source, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      data = buffer;
      length = (gsize) n;
    }
  close (replay->sink);
  close (replay->source);
  g_bytes_unref (replay->head);
  g_free (replay);
  return NULL;
}

GBytes *
nf_stdin_peek (GError **error)
{
  if (isatty (STDIN_FILENO))
    return NULL;
  guint8 *head = g_malloc (NF_SNIFF_SIZE);
  gsize got = 0;
  struct stat info;
  if (fstat (STDIN_FILENO, &info) == 0 && S_ISREG (info.st_mode))
    {
      /* A redirected file: read without moving its offset. */
      off_t at = lseek (STDIN_FILENO, 0, SEEK_CUR);
      ssize_t n = at < 0 ? -1 : pread (STDIN_FILENO, head, NF_SNIFF_SIZE, at);
      if (n < 0)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_IO, "standard input: cannot read: %s", g_strerror (errno));
          g_free (head);
          return NULL;
        }
      return g_bytes_new_take (head, (gsize) n);
    }
  while (got < NF_SNIFF_SIZE)
    {
      ssize_t n = read (STDIN_FILENO, head + got, NF_SNIFF_SIZE - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_IO, "standard input: cannot read: %s", g_strerror (errno));
          g_free (head);
          return NULL;
        }
      if (n == 0)
        break;
      got += (gsize) n;
    }
  /* A pipe cannot be rewound: put a pipe in its place that replays the head and then the
   * rest, so every reader of standard input sees the stream whole. */
  int fds[2];
  int original = dup (STDIN_FILENO);
  if (original < 0 || pipe (fds) != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "standard input: cannot replay it: %s", g_strerror (errno));
      if (original >= 0)
        close (original);
      g_free (head);
      return NULL;
    }
  dup2 (fds[0], STDIN_FILENO);
  close (fds[0]);
  GBytes *bytes = g_bytes_new_take (head, got);
  Replay *replay = g_new0 (Replay, 1);
  replay->head = g_bytes_ref (bytes);
  replay->source = original;
  replay->sink = fds[1];
  g_thread_unref (g_thread_new ("stdin-replay", replay_thread, replay));
  return bytes;
}
