/* test-http.c: the HTTP client (newsflow/http.h) against the loopback test server: responses
 * in request order while delivery streams, bounded buffering, each response's metadata, every
 * failure mode with its error code and URL, retries, POST, stopping early, date parsing. */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include <newsflow/newsflow.h>

typedef struct {
  GPid  pid;
  char *base;
} Server;

static int
server_start (void **state)
{
  g_autofree char *script = g_build_filename (NF_SOURCE_DIR, "tests", "data", "http", "server.py", NULL);
  g_autofree char *root = g_build_filename (NF_SOURCE_DIR, "tests", "data", "feed", NULL);
  const char *argv[] = { "python3", script, "--root", root, NULL };
  Server *server = g_new0 (Server, 1);
  int out = -1;
  g_autoptr (GError) error = NULL;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &server->pid, NULL, &out, NULL, &error))
    {
      print_message ("cannot start the test server: %s\n", error->message);
      g_free (server);
      return -1;
    }
  char line[32] = { 0 };
  FILE *stream = fdopen (out, "r");
  gboolean started = stream && fgets (line, sizeof line, stream) && g_ascii_isdigit (line[0]);
  if (stream)
    fclose (stream);
  if (!started)
    {
      print_message ("the test server printed no port\n");
      kill (server->pid, SIGTERM);
      g_free (server);
      return -1;
    }
  server->base = g_strdup_printf ("http://127.0.0.1:%d", atoi (line));
  *state = server;
  return 0;
}

static int
server_stop (void **state)
{
  Server *server = *state;
  kill (server->pid, SIGTERM);
  waitpid (server->pid, NULL, 0);
  g_spawn_close_pid (server->pid);
  g_free (server->base);
  g_free (server);
  return 0;
}

static char *
url (void **state, const char *path)
{
  Server *server = *state;
  return g_strconcat (server->base, path, NULL);
}

static NfHttpClient *
client_new (guint concurrency, double timeout, guint64 max_size, guint retries)
{
  NfHttpOptions options;
  nf_http_options_init (&options);
  options.concurrency = concurrency;
  options.timeout = timeout;
  options.max_size = max_size;
  options.retries = retries;
  options.retry_delay = 0.05;
  options.user_agent = "test-http/1";
  g_autoptr (GError) error = NULL;
  NfHttpClient *client = nf_http_client_new (&options, &error);
  assert_null (error);
  assert_non_null (client);
  return client;
}

static NfHttpResponse *
get (void **state, NfHttpClient *client, const char *path)
{
  g_autofree char *address = url (state, path);
  return nf_http_client_send (client, nf_http_request_new (address));
}

/* ---- streaming in order ---- */

typedef struct {
  void     **state;
  guint      n;          /* requests to make */
  guint      made;
  guint      delivered;
  guint      max_outstanding;
  guint      made_at_first_delivery;
  guint      stop_after; /* deliver returns FALSE after this many (0: never) */
  gboolean   in_order;
} Walk;

static NfHttpRequest *
walk_next (gpointer user_data)
{
  Walk *walk = user_data;
  if (walk->made == walk->n)
    return NULL;
  /* The first request is by far the slowest: every later one finishes before it. */
  g_autofree char *path = g_strdup_printf ("/delay/%d/%u", walk->made == 0 ? 400 : 5, walk->made);
  g_autofree char *address = url (walk->state, path);
  NfHttpRequest *request = nf_http_request_new (address);
  nf_http_request_set_data (request, GUINT_TO_POINTER (walk->made + 1), NULL);
  walk->made++;
  walk->max_outstanding = MAX (walk->max_outstanding, walk->made - walk->delivered);
  return request;
}

static gboolean
walk_deliver (NfHttpResponse *response, gpointer user_data)
{
  Walk *walk = user_data;
  if (walk->delivered == 0)
    walk->made_at_first_delivery = walk->made;
  guint number = GPOINTER_TO_UINT (nf_http_request_get_data (nf_http_response_get_request (response))) - 1;
  g_autofree char *title = g_strdup_printf ("Page %u headline", number);
  GBytes *body = nf_http_response_get_body (response);
  walk->in_order = walk->in_order && number == walk->delivered && body
                   && g_str_has_prefix (g_bytes_get_data (body, NULL), title);
  walk->delivered++;
  return walk->stop_after == 0 || walk->delivered < walk->stop_after;
}

static void
test_order_and_bounded_window (void **state)
{
  g_autoptr (NfHttpClient) client = client_new (4, 10, 1 << 20, 0);
  Walk walk = { .state = state, .n = 40, .in_order = TRUE };
  static const NfHttpStreamFuncs funcs = { walk_next, walk_deliver, NULL };
  g_autoptr (GError) error = NULL;
  assert_true (nf_http_client_fetch (client, &funcs, &walk, &error));
  assert_null (error);
  assert_int_equal (walk.delivered, 40);
  assert_true (walk.in_order);
  /* At most 2 x concurrency requests outstanding: the slow first one held the window, so
   * the client stopped asking for more instead of downloading everything ahead. */
  assert_true (walk.max_outstanding <= 8);
  assert_true (walk.made_at_first_delivery <= 8);
}

static void
test_stop_early (void **state)
{
  g_autoptr (NfHttpClient) client = client_new (4, 10, 1 << 20, 0);
  Walk walk = { .state = state, .n = 30, .in_order = TRUE, .stop_after = 3 };
  static const NfHttpStreamFuncs funcs = { walk_next, walk_deliver, NULL };
  assert_true (nf_http_client_fetch (client, &funcs, &walk, NULL));
  assert_int_equal (walk.delivered, 3);
  assert_true (walk.made < 30);
  /* The client is still usable afterwards. */
  g_autoptr (NfHttpResponse) response = get (state, client, "/page/5");
  assert_null (nf_http_response_get_error (response));
}

/* ---- one response ---- */

static void
test_response_metadata (void **state)
{
  g_autoptr (NfHttpClient) client = client_new (2, 10, 1 << 20, 0);
  g_autoptr (NfHttpResponse) page = get (state, client, "/page/3");
  assert_null (nf_http_response_get_error (page));
  assert_int_equal (nf_http_response_get_status (page), 200);
  assert_string_equal (nf_http_response_get_content_type (page), "text/plain; charset=utf-8");
  assert_string_equal (nf_http_response_get_charset (page), "utf-8");
  g_autofree char *modified = g_date_time_format_iso8601 (nf_http_response_get_last_modified (page));
  assert_string_equal (modified, "2015-10-21T07:28:00Z");
  assert_int_equal (nf_http_response_get_attempts (page), 1);

  g_autoptr (NfArticle) article = nf_http_response_to_article (page, NULL);
  g_autofree char *address = url (state, "/page/3");
  assert_string_equal (nf_article_get_source (article), address);
  assert_string_equal (nf_article_get_field_string (article, "url"), address);
  assert_int_equal (nf_article_get_field_int (article, "status", 0), 200);
  assert_string_equal (nf_article_get_field_string (article, "charset"), "utf-8");
  assert_string_equal (nf_article_get_field_string (article, "last_modified"), "2015-10-21T07:28:00Z");
  assert_string_equal (nf_article_get_content_type (article), "text/plain; charset=utf-8");

  /* Bytes as sent, charset as declared: decoding is the parser's job. */
  g_autoptr (NfHttpResponse) latin1 = get (state, client, "/latin1");
  assert_null (nf_http_response_get_error (latin1));
  assert_string_equal (nf_http_response_get_content_type (latin1), "text/plain; charset=ISO-8859-1");
  assert_string_equal (nf_http_response_get_charset (latin1), "iso-8859-1");
  gsize length;
  const guint8 *bytes = g_bytes_get_data (nf_http_response_get_body (latin1), &length);
  assert_true (length > 4 && memcmp (bytes, "Caf\xe9 ", 5) == 0);

  g_autoptr (NfHttpResponse) moved = get (state, client, "/redirect/2");
  g_autofree char *final = url (state, "/redirect/0");
  assert_null (nf_http_response_get_error (moved));
  assert_string_equal (nf_http_response_get_final_url (moved), final);
}

static void
assert_failure (void **state, NfHttpClient *client, const char *path, gint code, const char *message)
{
  g_autoptr (NfHttpResponse) response = get (state, client, path);
  const GError *error = nf_http_response_get_error (response);
  assert_non_null (error);
  g_autofree char *expected = url (state, message);
  if (!g_error_matches (error, NF_ERROR, code) || strcmp (error->message, expected) != 0)
    fail_msg ("%s: got code %d \"%s\", wanted %d \"%s\"", path, error->code, error->message, code, expected);
}

static void
test_failures (void **state)
{
  g_autoptr (NfHttpClient) client = client_new (2, 0.5, 1000, 1);
  assert_failure (state, client, "/status/404", NF_ERROR_NOT_FOUND, "/status/404: HTTP 404 Not Found");
  assert_failure (state, client, "/status/403", NF_ERROR_FAILED, "/status/403: HTTP 403 Forbidden");
  assert_failure (state, client, "/status/500", NF_ERROR_FAILED, "/status/500: HTTP 500 Internal Server Error (2 attempts)");
  assert_failure (state, client, "/slow/3", NF_ERROR_IO, "/slow/3: timed out after 0.5 s (2 attempts)");
  assert_failure (state, client, "/big/5000", NF_ERROR_TOO_LARGE, "/big/5000: body larger than max-size (1000 bytes)");
  assert_failure (state, client, "/big-stream/50000", NF_ERROR_TOO_LARGE, "/big-stream/50000: body larger than max-size (1000 bytes)");
  assert_failure (state, client, "/gzip-bomb/100000", NF_ERROR_TOO_LARGE, "/gzip-bomb/100000: body larger than max-size (1000 bytes)");
  assert_failure (state, client, "/loop", NF_ERROR_IO, "/loop: more than 10 redirects");

  /* A non-2xx response keeps its body for callers that want the server's explanation. */
  g_autoptr (NfHttpResponse) missing = get (state, client, "/status/404");
  assert_int_equal (nf_http_response_get_status (missing), 404);
  assert_non_null (nf_http_response_get_body (missing));

  g_autoptr (NfHttpResponse) ftp = nf_http_client_send (client, nf_http_request_new ("ftp://127.0.0.1/x"));
  assert_true (g_error_matches (nf_http_response_get_error (ftp), NF_ERROR, NF_ERROR_INVALID_INPUT));
  assert_true (g_str_has_prefix (nf_http_response_get_error (ftp)->message, "ftp://127.0.0.1/x: "));
  assert_int_equal (nf_http_response_get_status (ftp), 0);
  assert_null (nf_http_response_get_body (ftp));
}

static void
test_retry_succeeds (void **state)
{
  g_autoptr (NfHttpClient) client = client_new (2, 5, 1 << 20, 2);
  g_autoptr (NfHttpResponse) response = get (state, client, "/flaky/unit/2");
  assert_null (nf_http_response_get_error (response));
  assert_int_equal (nf_http_response_get_attempts (response), 3);
  assert_int_equal (nf_http_response_get_status (response), 200);
}

static void
test_post (void **state)
{
  g_autoptr (NfHttpClient) client = client_new (1, 5, 1 << 20, 0);
  g_autofree char *address = url (state, "/echo");
  NfHttpRequest *request = nf_http_request_new (address);
  g_autoptr (GBytes) body = g_bytes_new_static ("{\"a\":1}", 7);
  nf_http_request_set_body (request, NULL, "application/json", body);
  g_autoptr (NfHttpResponse) response = nf_http_client_send (client, request);
  assert_null (nf_http_response_get_error (response));
  GBytes *echoed = nf_http_response_get_body (response);
  g_autofree char *text = g_strndup (g_bytes_get_data (echoed, NULL), g_bytes_get_size (echoed));
  assert_string_equal (text, "POST\ntest-http/1\napplication/json\n{\"a\":1}");
}

static void
test_options (G_GNUC_UNUSED void **state)
{
  NfHttpOptions options;
  nf_http_options_init (&options);
  assert_int_equal (options.concurrency, 8);
  assert_true (options.verify_tls);
  assert_int_equal (options.max_size, 10 * 1024 * 1024);
  options.concurrency = 0;
  g_autoptr (GError) error = NULL;
  assert_null (nf_http_client_new (&options, &error));
  assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_CHAIN));
}

static void
test_parse_date (G_GNUC_UNUSED void **state)
{
  g_autoptr (GDateTime) gmt = nf_http_parse_date ("Sun, 06 Nov 1994 08:49:37 GMT");
  g_autoptr (GDateTime) zoned = nf_http_parse_date ("Tue, 10 Jun 2003 04:00:00 +0200");
  assert_non_null (gmt);
  assert_non_null (zoned);
  g_autofree char *a = g_date_time_format_iso8601 (gmt);
  g_autofree char *b = g_date_time_format_iso8601 (zoned);
  assert_string_equal (a, "1994-11-06T08:49:37Z");
  assert_string_equal (b, "2003-06-10T02:00:00Z");
  assert_null (nf_http_parse_date ("yesterday-ish"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_order_and_bounded_window),
    cmocka_unit_test (test_stop_early),
    cmocka_unit_test (test_response_metadata),
    cmocka_unit_test (test_failures),
    cmocka_unit_test (test_retry_succeeds),
    cmocka_unit_test (test_post),
    cmocka_unit_test (test_options),
    cmocka_unit_test (test_parse_date),
  };
  return cmocka_run_group_tests_name ("http", tests, server_start, server_stop);
}
