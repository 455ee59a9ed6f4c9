/* http.c: the shared HTTP client (newsflow/http.h) on libcurl's multi interface.
 * Transfers run concurrently; a ring of 2 x concurrency slots puts responses back in request
 * order, so delivery streams and memory stays bounded however many URLs there are. */
#include "config.h"

#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <curl/curl.h>

#include <newsflow/error.h>
#include <newsflow/http.h>

/* ---- libcurl start-up ---------------------------------------------------------------------
 * curl_global_init must run once before anything else of libcurl, and (before 7.84) while
 * no other thread uses libcurl.  Clients are made in plugin init callbacks on the main
 * thread, so the first nf_http_client_new is that moment; g_once makes it happen once even
 * if someone does make a client elsewhere.  libcurl's global state is released by the
 * process exiting (curl_global_cleanup is not thread-safe either, and a plugin module may
 * still be loaded). */
static CURLcode
global_init (void)
{
  static gsize done = 0;
  static CURLcode status;
  if (g_once_init_enter (&done))
    {
      status = curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&done, 1);
    }
  return status;
}

/* ---- options ------------------------------------------------------------------------------ */

void
nf_http_options_init (NfHttpOptions *options)
{
  *options = (NfHttpOptions) {
    .concurrency = 8,
    .timeout = 30.0,
    .max_size = 10 * 1024 * 1024,
    .retries = 2,
    .retry_delay = 1.0,
    .max_redirects = 10,
    .user_agent = NF_HTTP_USER_AGENT,
    .verify_tls = TRUE,
    .allow_private = TRUE,
  };
}

/* Upper bounds that catch typos (concurrency = 80000) rather than limit real use. */
enum { MAX_CONCURRENCY = 1024, MAX_RETRIES = 100, MAX_REDIRECTS = 100 };

static gboolean
check_options (const NfHttpOptions *options, GError **error)
{
  const char *problem = NULL;
  if (options->concurrency < 1 || options->concurrency > MAX_CONCURRENCY)
    problem = "concurrency must be between 1 and 1024";
  else if (!(options->timeout > 0) || options->timeout > 86400)
    problem = "timeout must be more than 0 and at most 86400 seconds";
  else if (options->max_size == 0)
    problem = "max-size must be positive";
  else if (options->retries > MAX_RETRIES)
    problem = "retries must be between 0 and 100";
  else if (!(options->retry_delay >= 0) || options->retry_delay > 3600)
    problem = "retry-delay must be between 0 and 3600 seconds";
  else if (options->max_redirects > MAX_REDIRECTS)
    problem = "max-redirects must be between 0 and 100";
  if (problem)
    g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, problem);
  return problem == NULL;
}

gboolean
nf_http_options_from_config (NfHttpOptions *options, cfg_t *config, GError **error)
{
  nf_http_options_init (options);
  long concurrency = cfg_getint (config, "concurrency");
  long max_size = cfg_getint (config, "max-size");
  long retries = cfg_getint (config, "retries");
  long redirects = cfg_getint (config, "max-redirects");
  /* Negative numbers would wrap in the unsigned fields: say what is wrong with the value. */
  if (concurrency < 1 || concurrency > MAX_CONCURRENCY)
    return g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "concurrency must be between 1 and 1024, not %ld", concurrency), FALSE;
  if (max_size <= 0)
    return g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "max-size must be positive, not %ld", max_size), FALSE;
  if (retries < 0 || retries > MAX_RETRIES)
    return g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "retries must be between 0 and 100, not %ld", retries), FALSE;
  if (redirects < 0 || redirects > MAX_REDIRECTS)
    return g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "max-redirects must be between 0 and 100, not %ld", redirects), FALSE;
  options->concurrency = (guint) concurrency;
  options->max_size = (guint64) max_size;
  options->retries = (guint) retries;
  options->max_redirects = (guint) redirects;
  options->timeout = cfg_getfloat (config, "timeout");
  options->retry_delay = cfg_getfloat (config, "retry-delay");
  options->user_agent = cfg_getstr (config, "user-agent");
  options->verify_tls = cfg_getbool (config, "verify-tls");
  return check_options (options, error);
}

/* ---- requests ----------------------------------------------------------------------------- */

struct _NfHttpRequest {
  char              *url;
  char              *method;   /* NULL: GET, or POST when there is a body */
  GBytes            *body;
  struct curl_slist *headers;
  gpointer           data;
  GDestroyNotify     destroy;
  int                allow_private; /* -1: as the client says */
};

NfHttpRequest *
nf_http_request_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);
  NfHttpRequest *request = g_new0 (NfHttpRequest, 1);
  request->url = g_strdup (url);
  request->allow_private = -1;
  return request;
}

void
nf_http_request_set_allow_private (NfHttpRequest *request, gboolean allow)
{
  request->allow_private = allow ? 1 : 0;
}

void
nf_http_request_free (NfHttpRequest *request)
{
  if (request == NULL)
    return;
  if (request->destroy)
    request->destroy (request->data);
  g_free (request->url);
  g_free (request->method);
  g_clear_pointer (&request->body, g_bytes_unref);
  curl_slist_free_all (request->headers);
  g_free (request);
}

const char *
nf_http_request_get_url (const NfHttpRequest *request)
{
  return request->url;
}

void
nf_http_request_add_header (NfHttpRequest *request, const char *name, const char *value)
{
  g_autofree char *line = g_strdup_printf ("%s: %s", name, value);
  request->headers = curl_slist_append (request->headers, line);
}

void
nf_http_request_set_body (NfHttpRequest *request, const char *method, const char *content_type, GBytes *body)
{
  g_free (request->method);
  request->method = g_strdup (method ? method : "POST");
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = body ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  if (content_type)
    nf_http_request_add_header (request, "Content-Type", content_type);
}

void
nf_http_request_set_data (NfHttpRequest *request, gpointer data, GDestroyNotify destroy)
{
  if (request->destroy)
    request->destroy (request->data);
  request->data = data;
  request->destroy = destroy;
}

gpointer
nf_http_request_get_data (const NfHttpRequest *request)
{
  return request->data;
}

/* ---- responses ---------------------------------------------------------------------------- */

struct _NfHttpResponse {
  NfHttpRequest *request;
  char          *final_url;
  guint          status;
  char          *content_type;
  char          *charset;
  GDateTime     *last_modified;
  GBytes        *body;
  guint          attempts;
  GError        *error;
};

void
nf_http_response_free (NfHttpResponse *response)
{
  if (response == NULL)
    return;
  nf_http_request_free (response->request);
  g_free (response->final_url);
  g_free (response->content_type);
  g_free (response->charset);
  g_clear_pointer (&response->last_modified, g_date_time_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_error (&response->error);
  g_free (response);
}

NfHttpRequest *nf_http_response_get_request (const NfHttpResponse *r) { return r->request; }
const char *nf_http_response_get_url (const NfHttpResponse *r) { return r->request->url; }
const char *nf_http_response_get_final_url (const NfHttpResponse *r) { return r->final_url ? r->final_url : r->request->url; }
guint nf_http_response_get_status (const NfHttpResponse *r) { return r->status; }
const char *nf_http_response_get_content_type (const NfHttpResponse *r) { return r->content_type; }
const char *nf_http_response_get_charset (const NfHttpResponse *r) { return r->charset; }
GDateTime *nf_http_response_get_last_modified (const NfHttpResponse *r) { return r->last_modified; }
GBytes *nf_http_response_get_body (const NfHttpResponse *r) { return r->body; }
guint nf_http_response_get_attempts (const NfHttpResponse *r) { return r->attempts; }
const GError *nf_http_response_get_error (const NfHttpResponse *r) { return r->error; }

NfArticle *
nf_http_response_to_article (const NfHttpResponse *response, const char *source)
{
  g_return_val_if_fail (response->error == NULL && response->body != NULL, NULL);
  NfArticle *article = nf_article_new (source ? source : response->request->url);
  nf_article_set_raw (article, response->body,
                      response->content_type ? response->content_type : "application/octet-stream");
  nf_article_set_field_string (article, "url", nf_http_response_get_final_url (response));
  nf_article_set_field_int (article, "status", response->status);
  if (response->charset)
    nf_article_set_field_string (article, "charset", response->charset);
  if (response->last_modified)
    {
      g_autofree char *date = nf_date_time_format (response->last_modified);
      nf_article_set_field_string (article, "last_modified", date);
    }
  return article;
}

NfArticle *
nf_http_response_to_dropped_article (const NfHttpResponse *response, const char *source)
{
  if (response->status == 0 || (response->status >= 200 && response->status <= 299))
    return NULL;
  NfArticle *article = nf_article_new (source ? source : response->request->url);
  nf_article_set_field_string (article, "url", nf_http_response_get_final_url (response));
  nf_article_set_field_int (article, "status", response->status);
  g_autofree char *reason = g_strdup_printf ("http %u: %s", response->status,
                                             response->error ? response->error->message : "not 2xx");
  nf_article_drop (article, reason);
  return article;
}

/* The charset parameter of a Content-Type value, lower case, without quotes. */
static char *
content_type_charset (const char *content_type)
{
  g_auto (GStrv) parts = g_strsplit (content_type, ";", -1);
  for (guint i = 1; parts[i]; i++)
    {
      char *param = g_strstrip (parts[i]);
      if (g_ascii_strncasecmp (param, "charset", 7) != 0)
        continue;
      char *value = g_strstrip (param + 7);
      if (*value != '=')
        continue;
      value = g_strstrip (value + 1);
      gsize length = strlen (value);
      if (length >= 2 && value[0] == '"' && value[length - 1] == '"')
        {
          value[length - 1] = '\0';
          value++;
        }
      return *value ? g_ascii_strdown (value, -1) : NULL;
    }
  return NULL;
}

/* curl_getdate is pure parsing: it needs no curl_global_init, so any thread may call it. */
GDateTime *
nf_http_parse_date (const char *text)
{
  if (text == NULL)
    return NULL;
  time_t seconds = curl_getdate (text, NULL);
  return seconds == -1 ? NULL : g_date_time_new_from_unix_utc ((gint64) seconds);
}

/* ---- transfers ---------------------------------------------------------------------------- */

struct _NfHttpClient {
  NfHttpOptions options;
  char         *user_agent;
  char         *ca_file;
  CURLM        *multi;
};

typedef struct {
  NfHttpClient  *client;
  CURL          *easy;
  NfHttpRequest *request;
  guint64        seq;
  guint          attempts;
  GByteArray    *body;
  gboolean       too_large;
  char          *reason;     /* reason phrase of the last status line */
  gint64         not_before; /* monotonic time a waiting retry may start */
  char          *refused;    /* the non-public address a connection was refused to */
  char           errors[CURL_ERROR_SIZE];
} Transfer;

static void
transfer_free (Transfer *transfer)
{
  if (transfer->easy)
    curl_easy_cleanup (transfer->easy);
  nf_http_request_free (transfer->request);
  if (transfer->body)
    g_byte_array_unref (transfer->body);
  g_free (transfer->reason);
  g_free (transfer->refused);
  g_free (transfer);
}

static size_t
on_body (char *data, size_t size, size_t count, void *user_data)
{
  Transfer *transfer = user_data;
  gsize length = size * count;
  /* Counted after decoding, so a small compressed body cannot expand without limit. */
  if ((guint64) transfer->body->len + length > transfer->client->options.max_size)
    {
      transfer->too_large = TRUE;
      return 0; /* stops the transfer: CURLE_WRITE_ERROR */
    }
  g_byte_array_append (transfer->body, (const guint8 *) data, length);
  return length;
}

/* Keeps the reason phrase of each status line; the last one (after redirects) wins. */
static size_t
on_header (char *data, size_t size, size_t count, void *user_data)
{
  Transfer *transfer = user_data;
  gsize length = size * count;
  if (length > 5 && memcmp (data, "HTTP/", 5) == 0)
    {
      g_autofree char *line = g_strstrip (g_strndup (data, length));
      const char *reason = strchr (line, ' ');            /* before the status */
      reason = reason ? strchr (reason + 1, ' ') : NULL;  /* after it */
      g_free (transfer->reason);
      transfer->reason = reason && reason[1] && g_utf8_validate (reason + 1, -1, NULL)
                         ? g_strdup (reason + 1) : NULL;
    }
  return length;
}

/* ---- non-public addresses -------------------------------------------------------------------
 * Links in a feed are written by strangers: "http://127.0.0.1:6379/" or a name that resolves
 * to 10.0.0.5 would make newsflow a proxy into the operator's network (SSRF).  The check is
 * on the address libcurl actually connects to, not on the URL's text, so DNS tricks and
 * redirects are covered; a reused connection is checked again before each request. */

static const char *
ipv4_kind (const guint8 *a)
{
  if (a[0] == 127)
    return "loopback";
  if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168))
    return "private";
  if (a[0] == 169 && a[1] == 254)
    return "link-local";
  if (a[0] == 100 && (a[1] & 0xc0) == 64)
    return "shared (carrier-grade NAT)";
  if (a[0] == 0)
    return "unspecified";
  if (a[0] >= 224)
    return "multicast or reserved";
  if ((a[0] == 192 && a[1] == 0 && a[2] == 0) || (a[0] == 198 && (a[1] & 0xfe) == 18))
    return "reserved";
  return NULL;
}

static const char *
ipv6_kind (const guint8 *a)
{
  static const guint8 zero[16] = { 0 };
  static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
  static const guint8 nat64[12] = { 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
  if (memcmp (a, zero, 15) == 0)
    return a[15] == 1 ? "loopback" : a[15] == 0 ? "unspecified" : "reserved";
  if (memcmp (a, mapped, 12) == 0 || memcmp (a, nat64, 12) == 0)
    return ipv4_kind (a + 12); /* the IPv4 address inside */
  if (a[0] == 0x20 && a[1] == 0x02)
    return ipv4_kind (a + 2); /* 6to4 */
  if ((a[0] & 0xfe) == 0xfc)
    return "private";
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
    return "link-local";
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
    return "site-local";
  if (a[0] == 0xff)
    return "multicast";
  return NULL;
}

const char *
nf_http_address_kind (const char *address)
{
  guint8 bytes[16];
  if (address && inet_pton (AF_INET, address, bytes) == 1)
    return ipv4_kind (bytes);
  if (address && inet_pton (AF_INET6, address, bytes) == 1)
    return ipv6_kind (bytes);
  return "unreadable";
}

static const char *
sockaddr_kind (const struct sockaddr *address, char *text, socklen_t size)
{
  if (address->sa_family == AF_INET)
    {
      const struct sockaddr_in *in = (const struct sockaddr_in *) address;
      inet_ntop (AF_INET, &in->sin_addr, text, size);
      return ipv4_kind ((const guint8 *) &in->sin_addr);
    }
  if (address->sa_family == AF_INET6)
    {
      const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) address;
      inet_ntop (AF_INET6, &in6->sin6_addr, text, size);
      return ipv6_kind ((const guint8 *) &in6->sin6_addr);
    }
  g_strlcpy (text, "a non-IP address", size);
  return "non-IP";
}

static void
refuse (Transfer *transfer, const char *address, const char *kind)
{
  if (transfer->refused == NULL)
    transfer->refused = g_strdup_printf ("%s, a %s address", address, kind);
}

/* Every new connection, the first and each redirect's: refused before it is made. */
static curl_socket_t
on_open_socket (void *user_data, curlsocktype purpose, struct curl_sockaddr *address)
{
  Transfer *transfer = user_data;
  char text[INET6_ADDRSTRLEN + 1];
  const char *kind = sockaddr_kind (&address->addr, text, sizeof text);
  if (purpose == CURLSOCKTYPE_IPCXN && kind != NULL)
    {
      refuse (transfer, text, kind);
      return CURL_SOCKET_BAD;
    }
  return socket (address->family, address->socktype, address->protocol);
}

#if LIBCURL_VERSION_NUM >= 0x075000
/* Every request, on a new or a reused connection (which on_open_socket never saw). */
static int
on_prereq (void *user_data, char *primary_ip, G_GNUC_UNUSED char *local_ip,
           G_GNUC_UNUSED int primary_port, G_GNUC_UNUSED int local_port)
{
  Transfer *transfer = user_data;
  const char *kind = nf_http_address_kind (primary_ip);
  if (kind == NULL)
    return CURL_PREREQFUNC_OK;
  refuse (transfer, primary_ip, kind);
  return CURL_PREREQFUNC_ABORT;
}
#endif

static gboolean
transfer_setup (Transfer *transfer, GError **error)
{
  NfHttpClient *client = transfer->client;
  const NfHttpOptions *options = &client->options;
  NfHttpRequest *request = transfer->request;
  CURL *easy = transfer->easy = curl_easy_init ();
  if (easy == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "%s: libcurl could not make a transfer", request->url);
      return FALSE;
    }
  CURLcode code = CURLE_OK;
#define SET(option, value) if (code == CURLE_OK) code = curl_easy_setopt (easy, option, value)
  SET (CURLOPT_PRIVATE, transfer);
  SET (CURLOPT_ERRORBUFFER, transfer->errors);
  SET (CURLOPT_NOSIGNAL, 1L);
  SET (CURLOPT_WRITEFUNCTION, on_body);
  SET (CURLOPT_WRITEDATA, transfer);
  SET (CURLOPT_HEADERFUNCTION, on_header);
  SET (CURLOPT_HEADERDATA, transfer);
#if LIBCURL_VERSION_NUM >= 0x075500
  SET (CURLOPT_PROTOCOLS_STR, "http,https");
  SET (CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  SET (CURLOPT_PROTOCOLS, (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS));
  SET (CURLOPT_REDIR_PROTOCOLS, (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  SET (CURLOPT_FOLLOWLOCATION, 1L);
  SET (CURLOPT_MAXREDIRS, (long) options->max_redirects);
  SET (CURLOPT_TIMEOUT_MS, (long) (options->timeout * 1000));
  SET (CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) options->max_size);
  SET (CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl can decode */
  SET (CURLOPT_USERAGENT, client->user_agent);
  if (client->ca_file)
    SET (CURLOPT_CAINFO, client->ca_file);
  SET (CURLOPT_SSL_VERIFYPEER, options->verify_tls ? 1L : 0L);
  SET (CURLOPT_SSL_VERIFYHOST, options->verify_tls ? 2L : 0L);
  SET (CURLOPT_FILETIME, 1L); /* Last-Modified, parsed by libcurl */
  if (!(request->allow_private >= 0 ? request->allow_private : options->allow_private))
    {
      SET (CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
      SET (CURLOPT_OPENSOCKETDATA, transfer);
#if LIBCURL_VERSION_NUM >= 0x075000
      SET (CURLOPT_PREREQFUNCTION, on_prereq);
      SET (CURLOPT_PREREQDATA, transfer);
#else
      SET (CURLOPT_FORBID_REUSE, 1L); /* no prereq callback: never reuse a connection */
      SET (CURLOPT_FRESH_CONNECT, 1L);
#endif
    }
  if (request->headers)
    SET (CURLOPT_HTTPHEADER, request->headers);
  if (request->body)
    {
      SET (CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) g_bytes_get_size (request->body));
      SET (CURLOPT_POSTFIELDS, g_bytes_get_data (request->body, NULL));
      if (g_strcmp0 (request->method, "POST") != 0)
        SET (CURLOPT_CUSTOMREQUEST, request->method);
    }
  if (code != CURLE_OK)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "%s: libcurl: %s", request->url, curl_easy_strerror (code));
      return FALSE;
    }
#undef SET
  /* A URL libcurl cannot parse is refused here, before any network activity. */
  code = curl_easy_setopt (easy, CURLOPT_URL, request->url);
  if (code != CURLE_OK)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: not a valid URL (%s)",
                   request->url, curl_easy_strerror (code));
      return FALSE;
    }
  return TRUE;
}

static gboolean
retryable (CURLcode code, long status)
{
  if (code == CURLE_OK)
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
  return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_GOT_NOTHING || code == CURLE_RECV_ERROR
         || code == CURLE_SEND_ERROR || code == CURLE_PARTIAL_FILE;
}

/* " (3 attempts)" when there was more than one. */
static char *
attempts_note (guint attempts)
{
  return attempts > 1 ? g_strdup_printf (" (%u attempts)", attempts) : g_strdup ("");
}

static GError *
transfer_error (Transfer *transfer, CURLcode code, long status, const char *final_url)
{
  const NfHttpOptions *options = &transfer->client->options;
  const char *url = transfer->request->url;
  g_autofree char *tries = attempts_note (transfer->attempts);
  const char *detail = transfer->errors[0] ? transfer->errors : curl_easy_strerror (code);
  g_autofree char *where = final_url && strcmp (final_url, url) != 0
                           ? g_strdup_printf (" (redirected to %s)", final_url) : g_strdup ("");
  if (code != CURLE_OK && transfer->refused)
    return g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT,
                        "%s: refused to connect to %s (allow-private = true allows it)%s",
                        url, transfer->refused, where);
  if (code == CURLE_OK)
    return g_error_new (NF_ERROR, status == 404 || status == 410 ? NF_ERROR_NOT_FOUND : NF_ERROR_FAILED,
                        "%s: HTTP %ld%s%s%s%s", url, status, transfer->reason ? " " : "",
                        transfer->reason ? transfer->reason : "", where, tries);
  if (transfer->too_large || code == CURLE_FILESIZE_EXCEEDED)
    return g_error_new (NF_ERROR, NF_ERROR_TOO_LARGE, "%s: body larger than max-size (%" G_GUINT64_FORMAT " bytes)%s",
                        url, options->max_size, where);
  switch (code)
    {
    case CURLE_OPERATION_TIMEDOUT:
      return g_error_new (NF_ERROR, NF_ERROR_IO, "%s: timed out after %g s%s%s", url, options->timeout, where, tries);
    case CURLE_TOO_MANY_REDIRECTS:
      return g_error_new (NF_ERROR, NF_ERROR_IO, "%s: more than %u redirects%s", url, options->max_redirects, where);
    case CURLE_UNSUPPORTED_PROTOCOL:
      return g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: only http and https URLs are fetched (%s)%s",
                          url, detail, where);
    case CURLE_URL_MALFORMAT:
      return g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: not a valid URL (%s)", url, detail);
    default:
      return g_error_new (NF_ERROR, NF_ERROR_IO, "%s: %s%s%s", url, detail, where, tries);
    }
}

/* Turns a finished transfer into its response, stealing the request and the body. */
static NfHttpResponse *
transfer_finish (Transfer *transfer, CURLcode code)
{
  NfHttpResponse *response = g_new0 (NfHttpResponse, 1);
  long status = 0;
  char *final_url = NULL;
  char *content_type = NULL;
  curl_off_t filetime = -1;
  curl_easy_getinfo (transfer->easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo (transfer->easy, CURLINFO_EFFECTIVE_URL, &final_url);
  curl_easy_getinfo (transfer->easy, CURLINFO_CONTENT_TYPE, &content_type);
  curl_easy_getinfo (transfer->easy, CURLINFO_FILETIME_T, &filetime);
  response->status = (guint) status;
  response->final_url = g_strdup (final_url);
  response->attempts = transfer->attempts;
  if (content_type && g_utf8_validate (content_type, -1, NULL))
    {
      response->content_type = g_strdup (content_type);
      response->charset = content_type_charset (content_type);
    }
  if (filetime >= 0)
    response->last_modified = g_date_time_new_from_unix_utc ((gint64) filetime);
  if (code != CURLE_OK || status < 200 || status > 299)
    response->error = transfer_error (transfer, code, code == CURLE_OK ? status : 0, final_url);
  if (code == CURLE_OK)
    response->body = g_byte_array_free_to_bytes (g_steal_pointer (&transfer->body));
  response->request = g_steal_pointer (&transfer->request);
  return response;
}

/* A response for a request that never reached the network (a malformed URL). */
static NfHttpResponse *
response_new_failed (NfHttpRequest *request, GError *error)
{
  NfHttpResponse *response = g_new0 (NfHttpResponse, 1);
  response->request = request;
  response->error = error;
  return response;
}

/* ---- the client --------------------------------------------------------------------------- */

NfHttpClient *
nf_http_client_new (const NfHttpOptions *options, GError **error)
{
  if (!check_options (options, error))
    return NULL;
  CURLcode code = global_init ();
  if (code != CURLE_OK)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "libcurl cannot start: %s", curl_easy_strerror (code));
      return NULL;
    }
  CURLM *multi = curl_multi_init ();
  if (multi == NULL)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_FAILED, "libcurl cannot start: out of memory");
      return NULL;
    }
  NfHttpClient *client = g_new0 (NfHttpClient, 1);
  client->options = *options;
  client->user_agent = g_strdup (options->user_agent ? options->user_agent : NF_HTTP_USER_AGENT);
  client->options.user_agent = client->user_agent;
  client->ca_file = g_strdup (options->ca_file);
  client->options.ca_file = client->ca_file;
  client->multi = multi;
  /* Keep a connection per transfer slot, so a second batch to the same hosts reuses them. */
  curl_multi_setopt (multi, CURLMOPT_MAXCONNECTS, (long) options->concurrency);
  return client;
}

void
nf_http_client_free (NfHttpClient *client)
{
  if (client == NULL)
    return;
  curl_multi_cleanup (client->multi);
  g_free (client->user_agent);
  g_free (client->ca_file);
  g_free (client);
}

typedef struct {
  NfHttpClient            *client;
  const NfHttpStreamFuncs *funcs;
  gpointer                 user_data;
  NfHttpResponse         **ring;     /* window slots, indexed by seq % window */
  guint                    window;
  guint64                  next_seq;
  guint64                  next_deliver;
  GPtrArray               *running;  /* Transfer *: in the multi handle */
  GPtrArray               *waiting;  /* Transfer *: retries waiting for their time */
  gboolean                 input_done;
  gboolean                 stopped;
} Stream;

static void
store (Stream *stream, guint64 seq, NfHttpResponse *response)
{
  stream->ring[seq % stream->window] = response;
}

static gboolean
start (Stream *stream, Transfer *transfer, GError **error)
{
  g_byte_array_set_size (transfer->body, 0);
  transfer->too_large = FALSE;
  transfer->errors[0] = '\0';
  g_clear_pointer (&transfer->reason, g_free);
  transfer->attempts++;
  CURLMcode code = curl_multi_add_handle (stream->client->multi, transfer->easy);
  if (code != CURLM_OK)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "libcurl: %s", curl_multi_strerror (code));
      return FALSE;
    }
  g_ptr_array_add (stream->running, transfer);
  return TRUE;
}

/* Asks for the next request and starts it (or stores its immediate failure). */
static gboolean
start_next (Stream *stream, GError **error)
{
  NfHttpRequest *request = stream->funcs->next (stream->user_data);
  if (request == NULL)
    {
      stream->input_done = TRUE;
      return TRUE;
    }
  Transfer *transfer = g_new0 (Transfer, 1);
  transfer->client = stream->client;
  transfer->request = request;
  transfer->seq = stream->next_seq++;
  transfer->body = g_byte_array_new ();
  g_autoptr (GError) local = NULL;
  if (!transfer_setup (transfer, &local))
    {
      store (stream, transfer->seq, response_new_failed (g_steal_pointer (&transfer->request),
                                                         g_steal_pointer (&local)));
      transfer_free (transfer);
      return TRUE;
    }
  if (!start (stream, transfer, error))
    {
      transfer_free (transfer);
      return FALSE;
    }
  return TRUE;
}

static void
on_done (Stream *stream, CURLMsg *message)
{
  Transfer *transfer = NULL;
  curl_easy_getinfo (message->easy_handle, CURLINFO_PRIVATE, (char **) &transfer);
  curl_multi_remove_handle (stream->client->multi, message->easy_handle);
  g_ptr_array_remove_fast (stream->running, transfer);
  CURLcode code = message->data.result;
  long status = 0;
  curl_easy_getinfo (transfer->easy, CURLINFO_RESPONSE_CODE, &status);
  if (!transfer->too_large && retryable (code, status) && transfer->attempts <= stream->client->options.retries)
    {
      /* Backoff: retry_delay, then twice that, and so on. */
      double delay = stream->client->options.retry_delay * (double) (1u << MIN (transfer->attempts - 1, 16u));
      transfer->not_before = g_get_monotonic_time () + (gint64) (delay * G_USEC_PER_SEC);
      g_ptr_array_add (stream->waiting, transfer);
      return;
    }
  store (stream, transfer->seq, transfer_finish (transfer, code));
  transfer_free (transfer);
}

/* Starts the retries whose time has come; returns microseconds until the next one is due
 * (G_MAXINT64 when none waits). */
static gint64
start_due_retries (Stream *stream, GError **error, gboolean *ok)
{
  gint64 now = g_get_monotonic_time ();
  gint64 next = G_MAXINT64;
  for (guint i = 0; i < stream->waiting->len;)
    {
      Transfer *transfer = g_ptr_array_index (stream->waiting, i);
      if (transfer->not_before <= now && stream->running->len < stream->client->options.concurrency)
        {
          g_ptr_array_steal_index (stream->waiting, i);
          if (!start (stream, transfer, error))
            {
              transfer_free (transfer);
              *ok = FALSE;
              return 0;
            }
          continue;
        }
      next = MIN (next, MAX (transfer->not_before - now, 0));
      i++;
    }
  return next;
}

static void
deliver_ready (Stream *stream)
{
  for (;;)
    {
      NfHttpResponse **slot = &stream->ring[stream->next_deliver % stream->window];
      if (stream->next_deliver == stream->next_seq || *slot == NULL)
        return;
      NfHttpResponse *response = g_steal_pointer (slot);
      stream->next_deliver++;
      if (!stream->stopped && !stream->funcs->deliver (response, stream->user_data))
        stream->stopped = TRUE;
      nf_http_response_free (response);
    }
}

static void
stream_clear (Stream *stream)
{
  CURLM *multi = stream->client->multi;
  /* Transfers still running when the caller stopped. */
  for (guint i = 0; i < stream->running->len; i++)
    {
      Transfer *transfer = g_ptr_array_index (stream->running, i);
      curl_multi_remove_handle (multi, transfer->easy);
      transfer_free (transfer);
    }
  g_ptr_array_unref (stream->running);
  g_ptr_array_unref (stream->waiting);
  for (guint i = 0; i < stream->window; i++)
    nf_http_response_free (stream->ring[i]);
  g_free (stream->ring);
}

gboolean
nf_http_client_fetch (NfHttpClient *client, const NfHttpStreamFuncs *funcs, gpointer user_data, GError **error)
{
  g_return_val_if_fail (client != NULL && funcs != NULL && funcs->next && funcs->deliver, FALSE);
  Stream stream = {
    .client = client,
    .funcs = funcs,
    .user_data = user_data,
    .window = client->options.concurrency * 2,
    .waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) transfer_free),
    .running = g_ptr_array_new (),
  };
  stream.ring = g_new0 (NfHttpResponse *, stream.window);
  gboolean ok = TRUE;
  while (ok && !stream.stopped)
    {
      if (funcs->cancelled && funcs->cancelled (user_data))
        break;
      gint64 retry_in = start_due_retries (&stream, error, &ok);
      /* Room in the window and a free transfer slot: ask for more. */
      while (ok && !stream.input_done && !stream.stopped
             && stream.next_seq - stream.next_deliver < stream.window
             && stream.running->len < client->options.concurrency)
        {
          ok = start_next (&stream, error);
          deliver_ready (&stream); /* immediate failures need not wait */
        }
      if (!ok || stream.stopped)
        break;
      if (stream.input_done && stream.next_deliver == stream.next_seq)
        break;

      int running = 0;
      CURLMcode code = curl_multi_perform (client->multi, &running);
      if (code == CURLM_OK)
        {
          CURLMsg *message;
          int left;
          while ((message = curl_multi_info_read (client->multi, &left)))
            if (message->msg == CURLMSG_DONE)
              on_done (&stream, message);
          deliver_ready (&stream);
          if (stream.stopped || (stream.input_done && stream.next_deliver == stream.next_seq))
            break;
          /* Sleep until a socket is ready, a retry is due, or it is time to poll cancelled. */
          gint64 wait_ms = funcs->cancelled ? 200 : 1000;
          if (stream.waiting->len && retry_in != G_MAXINT64)
            wait_ms = MIN (wait_ms, (retry_in + 999) / 1000);
          if (stream.running->len > 0 || stream.waiting->len > 0)
            code = curl_multi_poll (client->multi, NULL, 0, (int) wait_ms, NULL);
        }
      if (code != CURLM_OK)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "libcurl: %s", curl_multi_strerror (code));
          ok = FALSE;
        }
    }
  stream_clear (&stream);
  return ok;
}

typedef struct {
  NfHttpRequest  *request;
  NfHttpResponse *response;
} Single;


static NfHttpRequest *
single_next (gpointer user_data)
{
  Single *single = user_data;
  return g_steal_pointer (&single->request);
}

static gboolean
single_deliver (NfHttpResponse *response, gpointer user_data)
{
  Single *single = user_data;
  /* The stream frees what it delivers: move the contents into a response of our own. */
  single->response = g_memdup2 (response, sizeof *response);
  memset (response, 0, sizeof *response);
  return TRUE;
}

NfHttpResponse *
nf_http_client_send (NfHttpClient *client, NfHttpRequest *request)
{
  g_autofree char *url = g_strdup (request->url);
  Single single = { request, NULL };
  static const NfHttpStreamFuncs funcs = { single_next, single_deliver, NULL };
  g_autoptr (GError) error = NULL;
  nf_http_client_fetch (client, &funcs, &single, &error);
  if (single.response == NULL)
    {
      /* libcurl itself failed before the request finished. */
      NfHttpRequest *lost = single.request ? g_steal_pointer (&single.request) : nf_http_request_new (url);
      return response_new_failed (lost, error ? g_steal_pointer (&error)
                                              : g_error_new_literal (NF_ERROR, NF_ERROR_FAILED, "not fetched"));
    }
  return single.response;
}
