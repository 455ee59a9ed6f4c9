/* newsflow/http.h: the HTTP client every plugin shares (libcurl's multi interface): many
 * URLs fetched concurrently, results handed back one by one in the order they were asked for.
 *
 * One client fetches a stream of requests with at most `concurrency` transfers at a time and
 * delivers each response in request order as soon as it and all earlier ones are complete,
 * so the first article flows on while later ones are still downloading, and at most about
 * 2 x concurrency responses are ever held.  Each transfer follows at most `max_redirects`
 * redirects (http and https only), gives up after `timeout`, stops reading and fails as soon
 * as the body exceeds `max_size` bytes (after content decoding), and is retried `retries`
 * times with exponential backoff (retry_delay, 2 x retry_delay, ...) when the server answers
 * 408, 429 or 5xx, times out, or drops the connection.  TLS certificates and host names are
 * verified unless verify_tls is FALSE.
 *
 * Every response carries the requested and final URL, the status, Content-Type, charset and
 * Last-Modified, and either the body or a GError (NF_ERROR domain) whose message starts with
 * the URL and says what went wrong: "http://host/x: HTTP 404 Not Found".  A status outside
 * 2xx is an error too (NF_ERROR_NOT_FOUND for 404 and 410, NF_ERROR_FAILED otherwise), but
 * the body, when there was one, is still kept so a caller can read an API's complaint.
 * Transport failures (DNS, connection, TLS, timeout) are NF_ERROR_IO, an oversize body
 * NF_ERROR_TOO_LARGE, a malformed URL or another scheme NF_ERROR_INVALID_INPUT.
 *
 * Threading.  libcurl needs curl_global_init() once per process before any other call, and
 * before libcurl 7.84 that call is not thread-safe.  libnewsflow makes it when the first
 * client is made (once, under g_once), not in a constructor, so runs that fetch nothing do
 * not start OpenSSL.  Make clients in your plugin's init callback, which runs on the main
 * thread before any fetcher or worker thread exists, as the bundled fetchers do; then the
 * global init always happens there.  A client is not shared between threads: use it from
 * one thread at a time (a fetcher's fetch callback, a formatter's process callback), and
 * free it in the free callback.  nf_http_parse_date needs no client and no initialisation. */
#ifndef NEWSFLOW_HTTP_H
#define NEWSFLOW_HTTP_H

#include <glib.h>
#include <confuse.h>
#include <newsflow/version.h>
#include <newsflow/article.h>
#include <newsflow/plugin.h>

G_BEGIN_DECLS

/* ---- Settings ---------------------------------------------------------------------------- */

typedef struct {
  guint        concurrency;    /* transfers at a time, >= 1 (default 8) */
  double       timeout;        /* seconds for a whole transfer, > 0 (default 30) */
  guint64      max_size;       /* largest body in bytes, > 0 (default 10 MiB) */
  guint        retries;        /* further attempts after a retryable failure (default 2) */
  double       retry_delay;    /* seconds before the first retry, doubled each time (default 1) */
  guint        max_redirects;  /* redirects followed; 0 follows none (default 10) */
  const char  *user_agent;     /* default NF_HTTP_USER_AGENT; copied by the client */
  gboolean     verify_tls;     /* check certificates and host names (default TRUE) */
  gboolean     allow_private;  /* connect to loopback, private, link-local... addresses (default
                                * TRUE; see nf_http_request_set_allow_private) */
  const char  *ca_file;        /* PEM certificates to verify servers with instead of the
                                * system's (a private CA), or NULL; copied by the client */
  gpointer     reserved[3];
} NfHttpOptions;

#define NF_HTTP_USER_AGENT "newsflow/" NF_VERSION_STRING

/* Fills @options with the defaults above. */
void      nf_http_options_init        (NfHttpOptions *options);

/* The option table entries of a plugin that fetches over HTTP, so every such plugin takes
 * the same options with the same documentation.  Put it inside the plugin's NfOption array:
 *
 *   static const NfOption my_options[] = {
 *     NF_OPTION_STR_LIST ("urls", NULL, "..."),
 *     NF_HTTP_OPTION_ENTRIES,
 *     NF_OPTION_END
 *   };
 *
 * and read them in init with nf_http_options_from_config. */
#define NF_HTTP_OPTION_ENTRIES                                                                   \
  NF_OPTION_INT ("concurrency", 8, "How many transfers run at a time; results still come in "    \
                 "input order."),                                                                \
  NF_OPTION_FLOAT ("timeout", 30.0, "Seconds a whole transfer may take (connecting, redirects "  \
                   "and body) before it fails."),                                                \
  NF_OPTION_INT ("max-size", 10 * 1024 * 1024, "Largest body read, in bytes after content "      \
                 "decoding; a larger one is a failed item and is not read further."),            \
  NF_OPTION_INT ("retries", 2, "Further attempts after a timeout, a dropped connection or a "    \
                 "408, 429 or 5xx status."),                                                     \
  NF_OPTION_FLOAT ("retry-delay", 1.0, "Seconds before the first retry; each further retry "     \
                   "waits twice as long."),                                                      \
  NF_OPTION_INT ("max-redirects", 10, "Redirects followed (http and https only); one more is "   \
                 "an error. 0 follows none."),                                                   \
  NF_OPTION_STR ("user-agent", NF_HTTP_USER_AGENT, "User-Agent header sent with every "          \
                 "request."),                                                                    \
  NF_OPTION_BOOL ("verify-tls", cfg_true, "Verify servers' TLS certificates and host names; "   \
                  "turn off only for a test server you trust.")

/* Reads the NF_HTTP_OPTION_ENTRIES of a stage's config into @options (user_agent points
 * into @config).  Fails with NF_ERROR_CHAIN, naming the option, on an out-of-range value. */
gboolean  nf_http_options_from_config (NfHttpOptions *options, cfg_t *config, GError **error);

/* ---- Requests ---------------------------------------------------------------------------- */

typedef struct _NfHttpRequest NfHttpRequest;

/* A GET of @url.  The client owns a request once it is handed over. */
NfHttpRequest *nf_http_request_new        (const char *url);
void           nf_http_request_free       (NfHttpRequest *request);
const char    *nf_http_request_get_url    (const NfHttpRequest *request);
/* Makes it a POST of @body (or @method, e.g. "PUT", when not NULL) with @content_type.
 * Retries resend the body: use it for idempotent requests only, or set no retries. */
void           nf_http_request_set_body   (NfHttpRequest *request, const char *method,
                                           const char *content_type, GBytes *body);
/* Adds a header line ("Accept: application/json" as @name "Accept", @value "..."). */
void           nf_http_request_add_header (NfHttpRequest *request, const char *name, const char *value);
/* The caller's data for this request, freed with @destroy when the request is freed; it
 * travels with the request to its response (the feed fetcher keeps its feed item there). */
void           nf_http_request_set_data   (NfHttpRequest *request, gpointer data, GDestroyNotify destroy);
/* Whether this request may connect to a loopback, private (RFC 1918, fc00::/7), link-local,
 * shared (100.64/10), multicast or otherwise non-public address; overrides the client's
 * allow_private.  Checked on every address actually connected to, after DNS and on every
 * redirect, and on a connection reused from an earlier request, so neither a name that
 * resolves to 127.0.0.1 nor a redirect to http://10.0.0.1/ gets through.  A refused request
 * fails with NF_ERROR_INVALID_INPUT: "URL: refused to connect to 127.0.0.1, a loopback
 * address (allow-private = true allows it)".  Use FALSE for URLs taken from content (links
 * in a feed) that a stranger wrote. */
void           nf_http_request_set_allow_private (NfHttpRequest *request, gboolean allow);
gpointer       nf_http_request_get_data   (const NfHttpRequest *request);

/* ---- Responses --------------------------------------------------------------------------- */

typedef struct _NfHttpResponse NfHttpResponse;

void           nf_http_response_free              (NfHttpResponse *response);
NfHttpRequest *nf_http_response_get_request       (const NfHttpResponse *response);
/* The URL asked for, and the one the body came from after redirects. */
const char    *nf_http_response_get_url           (const NfHttpResponse *response);
const char    *nf_http_response_get_final_url     (const NfHttpResponse *response);
/* The last HTTP status, or 0 when no response arrived (connection failed, timeout). */
guint          nf_http_response_get_status        (const NfHttpResponse *response);
/* The Content-Type header as sent ("text/html; charset=ISO-8859-1"), or NULL. */
const char    *nf_http_response_get_content_type  (const NfHttpResponse *response);
/* Its charset parameter in lower case ("iso-8859-1"), or NULL when it names none. */
const char    *nf_http_response_get_charset       (const NfHttpResponse *response);
/* The Last-Modified header as a date in UTC, or NULL. */
GDateTime     *nf_http_response_get_last_modified (const NfHttpResponse *response);
/* The body (possibly empty), or NULL when none was read to the end. */
GBytes        *nf_http_response_get_body          (const NfHttpResponse *response);
/* How many attempts were made (1 without retries). */
guint          nf_http_response_get_attempts      (const NfHttpResponse *response);
/* NULL when the transfer succeeded with a 2xx status; otherwise why not (see above). */
const GError  *nf_http_response_get_error         (const NfHttpResponse *response);

/* The article a fetched page becomes: source @source (the requested URL when NULL), the body
 * as raw bytes with the response's content type (application/octet-stream when it sent
 * none), and the fields "url" (final URL), "status", "charset" and "last_modified" (ISO 8601)
 * when known.  The response must have no error. */
NfArticle     *nf_http_response_to_article        (const NfHttpResponse *response, const char *source);
/* For fetchers whose non-2xx option is "drop" (crawls, where dead links are expected): a
 * response with a status outside 2xx as an article dropped with the reason "http STATUS:
 * what went wrong", which the tally groups by "http STATUS".  NULL when the status is 2xx
 * or there is none (a connection that failed stays a failure). */
NfArticle     *nf_http_response_to_dropped_article (const NfHttpResponse *response, const char *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfHttpRequest, nf_http_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfHttpResponse, nf_http_response_free)

/* ---- The client -------------------------------------------------------------------------- */

typedef struct _NfHttpClient NfHttpClient;

/* Fails (NF_ERROR_CHAIN) when @options are out of range, NF_ERROR_FAILED when libcurl
 * cannot be initialised.  Connections are kept and reused between calls. */
NfHttpClient  *nf_http_client_new  (const NfHttpOptions *options, GError **error);
void           nf_http_client_free  (NfHttpClient *client);

/* What nf_http_client_fetch calls, all on the calling thread:
 *   next       the next request, or NULL when there are no more.  Called only when there is
 *              room, so requests can be produced lazily (read a file of URLs line by line).
 *   deliver    each response, in the order of the requests.  The response is freed when it
 *              returns (keep what you need: g_bytes_ref the body).  Return FALSE to stop.
 *   cancelled  optional: polled while waiting; TRUE stops the fetch (e.g. nf_stage_is_cancelled). */
typedef struct {
  NfHttpRequest *(*next)      (gpointer user_data);
  gboolean       (*deliver)   (NfHttpResponse *response, gpointer user_data);
  gboolean       (*cancelled) (gpointer user_data);
} NfHttpStreamFuncs;

/* Fetches every request @funcs->next produces, delivering responses in order.  Returns TRUE
 * when all were delivered or the caller stopped it (deliver FALSE, cancelled); FALSE with
 * @error only when libcurl itself fails.  Failed URLs are responses with an error, not a
 * failure of the whole fetch. */
gboolean       nf_http_client_fetch (NfHttpClient *client, const NfHttpStreamFuncs *funcs,
                                     gpointer user_data, GError **error);

/* One request, waited for; takes ownership of @request.  Never returns NULL: a failure is a
 * response with an error. */
NfHttpResponse *nf_http_client_send (NfHttpClient *client, NfHttpRequest *request);

/* What kind of non-public address @address (numeric IPv4 or IPv6) is: "loopback",
 * "private", "link-local", ... ; NULL for a public address.  An unreadable string counts as
 * non-public ("unreadable"). */
const char    *nf_http_address_kind  (const char *address);

/* An HTTP or RFC 822 date ("Sun, 06 Nov 1994 08:49:37 GMT", "Tue, 10 Jun 2003 04:00:00
 * +0200") in UTC, as libcurl reads them (RSS dates are RFC 822 too); NULL when unreadable. */
GDateTime     *nf_http_parse_date   (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfHttpClient, nf_http_client_free)

G_END_DECLS

#endif /* NEWSFLOW_HTTP_H */
