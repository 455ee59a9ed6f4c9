/* isolate.c: a stage's process callback in a worker process (see isolate.h).
 *
 * The worker is this same binary (/proc/self/exe) started with a hidden option; it reads
 * the chain again, initialises only its stage, and serves requests on a socket at fd 3.
 * A request is the article in its wire form (newsflow/wire.h, which keeps every field's
 * type and every annotation) plus its raw bytes; the answer is the changed article, what
 * became of the raw bytes, the drop reason and the error.  Frames are a 32-bit length in
 * host order and the serialised GVariant: both ends are the same binary on the same host.
 *
 * The parent never trusts the worker to come back: it waits in slices, so that a timeout,
 * a crash (end of input, then waitpid says how it ended) and the run being stopped are all
 * seen within a fraction of a second.  Sends use MSG_NOSIGNAL: a dead worker is an error,
 * not a SIGPIPE.  The worker dies with its parent (PR_SET_PDEATHSIG, and end of input on
 * fd 3, whose other end is close-on-exec everywhere else). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

#include "article-private.h"
#include "chain.h"
#include "isolate.h"
#include <newsflow/error.h>
#include <newsflow/wire.h>

#define WORKER_FD 3
/* After the run is stopped, an article in a worker gets this long to finish. */
#define STOP_GRACE_USEC (G_USEC_PER_SEC / 2)
/* index, article, whether it has raw bytes, the raw bytes */
#define REQUEST_TYPE "(ta{sv}bay)"
#define REQUEST_FORMAT "(t@a{sv}b@ay)"
/* ok, article, RAW_*, raw bytes when replaced, drop reason, error domain, code, message */
#define REPLY_TYPE "(ba{sv}yaymssims)"
#define REPLY_FORMAT "(b@a{sv}y@aymssims)"

enum { RAW_SAME, RAW_CLEARED, RAW_REPLACED };

struct _NfIsolate {
  NfStage *stage;
  pid_t    pid;  /* 0: no worker process running */
  int      fd;   /* -1 with it */
};

/* ---- framing ---------------------------------------------------------------------------- */

static gboolean
send_all (int fd, const void *data, gsize length)
{
  const char *p = data;
  while (length > 0)
    {
      ssize_t n = send (fd, p, length, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
send_frame (int fd, GVariant *message)
{
  gsize size = g_variant_get_size (message);
  if (size > G_MAXUINT32)
    return FALSE;
  /* One send for a small frame: a round trip costs system calls and wake-ups, not bytes. */
  guint32 length = (guint32) size;
  if (size <= 64 * 1024)
    {
      g_autofree char *frame = g_malloc (sizeof length + size);
      memcpy (frame, &length, sizeof length);
      memcpy (frame + sizeof length, g_variant_get_data (message), size);
      return send_all (fd, frame, sizeof length + size);
    }
  return send_all (fd, &length, sizeof length) && send_all (fd, g_variant_get_data (message), size);
}

typedef enum { READ_OK, READ_EOF, READ_TIMEOUT, READ_STOPPED } ReadStatus;

/* Reads exactly @length bytes.  With @isolate (the parent), waits in slices of 50 ms for
 * @deadline (0: none) and the run's stop flag; the worker (@isolate NULL) just blocks. */
static ReadStatus
read_all (NfIsolate *isolate, int fd, void *data, gsize length, gint64 deadline, gint64 *stopped_at)
{
  char *p = data;
  while (length > 0)
    {
      /* What has arrived is taken without waiting; poll only when nothing has. */
      ssize_t n = recv (fd, p, length, isolate ? MSG_DONTWAIT : 0);
      if (n > 0)
        {
          p += n;
          length -= (gsize) n;
          continue;
        }
      if (n == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK))
        return READ_EOF;
      if (isolate && errno != EINTR)
        {
          struct pollfd pfd = { .fd = fd, .events = POLLIN };
          int ready = poll (&pfd, 1, 50);
          if (ready < 0 && errno != EINTR)
            return READ_EOF;
          if (ready <= 0)
            {
              gint64 now = g_get_monotonic_time ();
              if (deadline && now >= deadline)
                return READ_TIMEOUT;
              if (nf_stage_is_cancelled (isolate->stage))
                {
                  if (*stopped_at == 0)
                    *stopped_at = now;
                  else if (now - *stopped_at >= STOP_GRACE_USEC)
                    return READ_STOPPED;
                }
              continue;
            }
        }
    }
  return READ_OK;
}

static ReadStatus
read_frame (NfIsolate *isolate, int fd, const GVariantType *type, GVariant **message, gint64 deadline)
{
  gint64 stopped_at = 0;
  guint32 length;
  ReadStatus status = read_all (isolate, fd, &length, sizeof length, deadline, &stopped_at);
  if (status != READ_OK)
    return status;
  char *data = g_malloc (length ? length : 1);
  status = read_all (isolate, fd, data, length, deadline, &stopped_at);
  if (status != READ_OK)
    {
      g_free (data);
      return status;
    }
  GBytes *bytes = g_bytes_new_take (data, length);
  *message = g_variant_ref_sink (g_variant_new_from_bytes (type, bytes, FALSE));
  g_bytes_unref (bytes);
  return READ_OK;
}

/* ---- the parent ------------------------------------------------------------------------- */

NfIsolate *
nf_isolate_new (NfStage *stage)
{
  NfIsolate *isolate = g_new0 (NfIsolate, 1);
  isolate->stage = stage;
  isolate->fd = -1;
  return isolate;
}

/* Waits for the worker to end (for at most @wait_usec, then kills it); its wait status. */
static int
reap (NfIsolate *isolate, gint64 wait_usec)
{
  int status = 0;
  gint64 until = g_get_monotonic_time () + wait_usec;
  pid_t done;
  while ((done = waitpid (isolate->pid, &status, WNOHANG)) == 0 && g_get_monotonic_time () < until)
    g_usleep (2000);
  if (done == 0)
    {
      kill (isolate->pid, SIGKILL);
      while (waitpid (isolate->pid, &status, 0) < 0 && errno == EINTR)
        ;
    }
  if (isolate->fd >= 0)
    close (isolate->fd);
  isolate->fd = -1;
  isolate->pid = 0;
  return status;
}

static void
kill_worker (NfIsolate *isolate)
{
  kill (isolate->pid, SIGKILL);
  reap (isolate, G_USEC_PER_SEC);
}

void
nf_isolate_free (NfIsolate *isolate)
{
  if (isolate == NULL)
    return;
  if (isolate->pid > 0)
    {
      /* End of input tells the worker to release its stage and exit. */
      shutdown (isolate->fd, SHUT_RDWR);
      reap (isolate, G_USEC_PER_SEC);
    }
  g_free (isolate);
}

/* How the worker ended, for the article's error. */
static GError *
crash_error (NfIsolate *isolate, int status)
{
  const char *name = isolate->stage->plugin->name;
  if (WIFSIGNALED (status))
    return g_error_new (NF_ERROR, NF_ERROR_FAILED,
                        "plugin \"%s\" crashed (signal %d, %s); its worker process is restarted",
                        name, WTERMSIG (status), g_strsignal (WTERMSIG (status)));
  if (WIFEXITED (status))
    return g_error_new (NF_ERROR, NF_ERROR_FAILED,
                        "plugin \"%s\" crashed (its worker process exited with status %d); "
                        "it is restarted", name, WEXITSTATUS (status));
  return g_error_new (NF_ERROR, NF_ERROR_FAILED, "plugin \"%s\" crashed; its worker process is restarted", name);
}

static gboolean
spawn (NfIsolate *isolate, GError **error)
{
  NfStage *stage = isolate->stage;
  int pair[2];
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "its worker process could not start: socketpair: %s",
                   g_strerror (errno));
      return FALSE;
    }
  /* Everything the child needs is made before fork: between fork and exec a child of a
   * threaded process may only make async-signal-safe calls. */
  g_autofree char *index = g_strdup_printf ("%u", stage->kind_index);
  char *argv[] = {
    (char *) "newsflow", (char *) NF_ISOLATE_WORKER_OPTION,
    (char *) nf_plugin_kind_to_string (stage->plugin->kind), index,
    stage->chain_path, stage->search_path ? stage->search_path : (char *) "", NULL,
  };
  pid_t parent = getpid ();
  pid_t pid = fork ();
  if (pid < 0)
    {
      int code = errno;
      close (pair[0]);
      close (pair[1]);
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "its worker process could not start: fork: %s",
                   g_strerror (code));
      return FALSE;
    }
  if (pid == 0)
    {
#ifdef __linux__
      prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
      if (getppid () != parent)
        _exit (127);
      if (pair[1] == WORKER_FD)
        fcntl (WORKER_FD, F_SETFD, 0);
      else if (dup2 (pair[1], WORKER_FD) < 0)
        _exit (127);
      /* Standard output may be a formatter's; a plugin has no business there. */
      dup2 (STDERR_FILENO, STDOUT_FILENO);
      /* Nothing else of the parent's (outputs, sockets, other workers' ends). */
#if defined(__linux__) && defined(SYS_close_range)
      if (syscall (SYS_close_range, WORKER_FD + 1, ~0U, 0) != 0)
#endif
        for (int fd = WORKER_FD + 1; fd < 4096; fd++)
          close (fd);
      execv ("/proc/self/exe", argv);
      _exit (127);
    }
  close (pair[1]);
  isolate->pid = pid;
  isolate->fd = pair[0];

  /* The worker says once whether its stage initialised. */
  g_autoptr (GVariant) ready = NULL;
  ReadStatus status = read_frame (isolate, isolate->fd, G_VARIANT_TYPE ("(bs)"), &ready, 0);
  if (status != READ_OK)
    {
      int wait_status = status == READ_EOF ? reap (isolate, G_USEC_PER_SEC) : (kill_worker (isolate), 0);
      g_autoptr (GError) crashed = crash_error (isolate, wait_status);
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "its worker process could not start: %s",
                   status == READ_STOPPED ? "the run was stopped" : crashed->message);
      return FALSE;
    }
  gboolean ok;
  const char *message;
  g_variant_get (ready, "(b&s)", &ok, &message);
  if (!ok)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN, "its worker process could not start: %s", message);
      kill_worker (isolate);
      return FALSE;
    }
  return TRUE;
}

static GVariant *
request_new (NfArticle *article)
{
  GBytes *raw = nf_article_get_raw (article);
  g_autoptr (GVariant) wire = nf_article_to_variant (article, TRUE);
  GVariant *bytes = raw ? g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, raw, TRUE)
                        : g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, NULL, 0, 1);
  return g_variant_ref_sink (g_variant_new (REQUEST_FORMAT, nf_article_get_index (article), wire,
                                            raw != NULL, bytes));
}

/* The worker's answer applied to @article; FALSE with the plugin's error. */
static gboolean
apply_reply (NfIsolate *isolate, GVariant *reply, NfArticle *article, GError **error)
{
  gboolean ok;
  g_autoptr (GVariant) wire = NULL, raw = NULL;
  guint8 raw_state;
  g_autofree char *drop = NULL, *domain = NULL, *message = NULL;
  gint code;
  g_variant_get (reply, REPLY_FORMAT, &ok, &wire, &raw_state, &raw, &drop, &domain, &code, &message);
  g_autoptr (GError) invalid = NULL;
  NfArticle *changed = nf_article_new_from_variant (wire, &invalid);
  if (changed == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "plugin \"%s\": its worker process answered "
                   "with an invalid article: %s", isolate->stage->plugin->name, invalid->message);
      return FALSE;
    }
  nf_article_take_contents (article, changed);
  if (raw_state == RAW_CLEARED)
    nf_article_clear_raw (article);
  else if (raw_state == RAW_REPLACED)
    {
      g_autoptr (GBytes) bytes = g_variant_get_data_as_bytes (raw);
      g_autofree char *type = g_strdup (nf_article_get_content_type (article));
      nf_article_set_raw (article, bytes, type);
    }
  if (drop && !nf_article_is_dropped (article))
    nf_article_drop (article, drop);
  if (!ok)
    {
      if (message)
        g_set_error_literal (error, g_quark_from_string (domain), code, message);
      return FALSE;
    }
  return TRUE;
}

gboolean
nf_isolate_process (NfIsolate *isolate, NfArticle *article, GError **error)
{
  NfStage *stage = isolate->stage;
  g_autoptr (GError) local = NULL;
  if (isolate->pid == 0 && !spawn (isolate, &local))
    {
      g_set_error (error, local->domain, local->code, "plugin \"%s\": %s", stage->plugin->name, local->message);
      return FALSE;
    }
  g_autoptr (GVariant) request = request_new (article);
  gint64 deadline = stage->isolate_timeout_ms
    ? g_get_monotonic_time () + (gint64) stage->isolate_timeout_ms * 1000 : 0;
  g_autoptr (GVariant) reply = NULL;
  ReadStatus status = send_frame (isolate->fd, request)
    ? read_frame (isolate, isolate->fd, G_VARIANT_TYPE (REPLY_TYPE), &reply, deadline) : READ_EOF;
  switch (status)
    {
    case READ_OK:
      return apply_reply (isolate, reply, article, error);
    case READ_EOF:
      {
        int wait_status = reap (isolate, G_USEC_PER_SEC);
        g_propagate_error (error, crash_error (isolate, wait_status));
        return FALSE;
      }
    case READ_TIMEOUT:
      kill_worker (isolate);
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "plugin \"%s\" timed out after %u ms "
                   "(isolate-timeout-ms); its worker process was killed and is restarted",
                   stage->plugin->name, stage->isolate_timeout_ms);
      return FALSE;
    case READ_STOPPED:
    default:
      kill_worker (isolate);
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "not processed: the run was stopped while "
                   "plugin \"%s\" worked on it", stage->plugin->name);
      return FALSE;
    }
}

/* ---- the worker process ----------------------------------------------------------------- */

static GVariant *
serve (NfStage *stage, gpointer worker, GVariant *request)
{
  guint64 index;
  gboolean has_raw;
  g_autoptr (GVariant) wire = NULL, raw = NULL;
  g_variant_get (request, REQUEST_FORMAT, &index, &wire, &has_raw, &raw);
  g_autoptr (GError) error = NULL;
  g_autoptr (NfArticle) article = nf_article_new_from_variant (wire, &error);
  g_autoptr (GBytes) before = NULL;
  gboolean ok = article != NULL;
  if (ok)
    {
      nf_article_set_index (article, index);
      if (has_raw)
        {
          before = g_variant_get_data_as_bytes (raw);
          g_autofree char *type = g_strdup (nf_article_get_content_type (article));
          nf_article_set_raw (article, before, type);
        }
      ok = nf_stage_process (stage, worker, article, &error);
    }
  else
    article = nf_article_new ("?");

  GBytes *after = nf_article_get_raw (article);
  guint8 raw_state = after == before ? RAW_SAME : after == NULL ? RAW_CLEARED : RAW_REPLACED;
  GVariant *raw_out = raw_state == RAW_REPLACED
    ? g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, after, TRUE)
    : g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, NULL, 0, 1);
  g_autoptr (GVariant) changed = nf_article_to_variant (article, TRUE);
  return g_variant_ref_sink (g_variant_new (REPLY_FORMAT, ok, changed, raw_state, raw_out,
                                            nf_article_get_drop_reason (article),
                                            error ? g_quark_to_string (error->domain) : "",
                                            error ? error->code : 0,
                                            error ? error->message : NULL));
}

static NfStage *
find_stage (NfChain *chain, const char *kind_word, const char *index, GError **error)
{
  NfPluginKind kind;
  guint64 i;
  if (!nf_plugin_kind_from_string (kind_word, &kind)
      || !g_ascii_string_to_unsigned (index, 10, 0, G_MAXUINT, &i, NULL)
      || i >= chain->stages[kind]->len)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "%s: no %s stage number %s (the chain changed?)",
                   chain->path, kind_word, index);
      return NULL;
    }
  return g_ptr_array_index (chain->stages[kind], i);
}

int
nf_isolate_worker_main (int argc, char **argv)
{
  /* Ctrl-C reaches the whole process group: the parent decides when its workers end. */
  signal (SIGINT, SIG_IGN);
  int null = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null >= 0)
    {
      dup2 (null, STDIN_FILENO); /* standard input may be the run's input */
      close (null);
    }
  if (argc != 6 || fcntl (WORKER_FD, F_GETFD) < 0)
    {
      g_printerr ("newsflow: %s is for newsflow's own use (crash isolation)\n", NF_ISOLATE_WORKER_OPTION);
      return 2;
    }
  fcntl (WORKER_FD, F_SETFD, FD_CLOEXEC);

  g_autoptr (GError) error = NULL;
  NfRegistry *registry = nf_registry_new ();
  if (*argv[5])
    nf_registry_add_path (registry, NF_PATH_COMMAND_LINE, argv[5]);
  NfChain *chain = nf_chain_load (argv[4], registry, &error);
  NfStage *stage = chain ? find_stage (chain, argv[2], argv[3], &error) : NULL;
  gpointer worker = NULL;
  gboolean ready = FALSE;
  if (stage)
    {
      stage->isolate = FALSE; /* this process is where it runs */
      ready = nf_stage_init (stage, &error) && nf_stage_worker_new (stage, &worker, &error);
    }
  g_autoptr (GVariant) hello = g_variant_ref_sink (g_variant_new ("(bs)", ready, error ? error->message : ""));
  if (send_frame (WORKER_FD, hello) && ready)
    for (;;)
      {
        g_autoptr (GVariant) request = NULL;
        if (read_frame (NULL, WORKER_FD, G_VARIANT_TYPE (REQUEST_TYPE), &request, 0) != READ_OK)
          break;
        g_autoptr (GVariant) reply = serve (stage, worker, request);
        if (!send_frame (WORKER_FD, reply))
          break;
      }
  if (stage && ready)
    nf_stage_worker_free (stage, worker);
  if (chain)
    nf_chain_free (chain);
  nf_registry_free (registry);
  return ready ? 0 : 1;
}
