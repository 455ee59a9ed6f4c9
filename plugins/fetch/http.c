/* fetch "http": articles from http and https URLs, listed in the chain, in a file, on the
 * command line or on standard input (one a line); fetched concurrently by the core's HTTP
 * client, delivered in list order. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <newsflow/newsflow.h>

typedef struct {
  char         **urls;       /* from the chain or the command line: URLs, or files of URLs ("-": stdin) */
  char          *urls_file;  /* read line by line after urls */
  gboolean       drop_non_2xx;
  NfHttpClient  *client;
} Http;

static const NfOption http_options[] = {
  NF_OPTION_STR_LIST ("urls", NULL,
                      "URLs to fetch, in order; an entry that is not a URL is a file of URLs, one a "
                      "line (\"-\": standard input). Sources given on the command line replace this "
                      "list and urls-file."),
  NF_OPTION_STR ("urls-file", NULL,
                 "A file of URLs, one a line, fetched after urls; blank lines and lines starting "
                 "with # are skipped."),
  NF_HTTP_OPTION_ENTRIES,
  NF_OPTION_CHOICE ("non-2xx", "fail", "fail|drop",
                    "What a response with a status outside 2xx becomes: a failed item (exit status 2), or "
                    "with drop a dropped article whose reason (\"http 404\") the tally counts, as crawls "
                    "want: dead links are not pipeline failures."),
  NF_OPTION_END
};

/* What one fetch walks through: the listed URLs, then the file's lines. */
typedef struct {
  Http        *http;
  NfStage     *stage;
  NfSink      *sink;
  guint        next_url;
  const char  *file_name;  /* the list being read, for messages */
  FILE        *file;
  gboolean     file_failed;
  char        *line;
  size_t       line_size;
  gboolean     stopped;
} Walk;

static gboolean
is_url (const char *source)
{
  return g_ascii_strncasecmp (source, "http://", 7) == 0 || g_ascii_strncasecmp (source, "https://", 8) == 0;
}

/* Closes the list being read; a read error becomes a failed item named after the list. */
static void
walk_close_file (Walk *walk)
{
  if (walk->file == NULL)
    return;
  if (ferror (walk->file) && !walk->stopped)
    {
      g_autoptr (GError) failure = g_error_new (NF_ERROR, NF_ERROR_IO, "cannot read the URL list: %s", g_strerror (errno));
      walk->stopped = !nf_sink_push_failed (walk->sink, walk->file_name, failure);
    }
  if (walk->file != stdin)
    fclose (walk->file);
  walk->file = NULL;
}

/* Opens a list of URLs (a file, or "-" for standard input); FALSE after pushing a failure. */
static gboolean
walk_open_file (Walk *walk, const char *name)
{
  walk->file_name = name;
  walk->file = strcmp (name, "-") == 0 ? stdin : fopen (name, "r");
  if (walk->file != NULL)
    return TRUE;
  g_autoptr (GError) failure = g_error_new (NF_ERROR, NF_ERROR_IO, "cannot open the URL list: %s", g_strerror (errno));
  walk->stopped = !nf_sink_push_failed (walk->sink, name, failure);
  return FALSE;
}

static NfHttpRequest *
walk_next (gpointer user_data)
{
  Walk *walk = user_data;
  while (!walk->stopped)
    {
      while (walk->file && getline (&walk->line, &walk->line_size, walk->file) >= 0)
        {
          char *url = g_strstrip (walk->line);
          if (*url && *url != '#')
            return nf_http_request_new (url);
        }
      walk_close_file (walk);
      const char *next = walk->http->urls[walk->next_url];
      if (next == NULL)
        {
          if (walk->http->urls_file == NULL || walk->file_name == walk->http->urls_file)
            return NULL;
          walk_open_file (walk, walk->http->urls_file);
          continue;
        }
      walk->next_url++;
      /* Another scheme is still a URL: the client refuses it with its reason. */
      if (strstr (next, "://"))
        return nf_http_request_new (next);
      walk_open_file (walk, next);
    }
  return NULL;
}

static gboolean
walk_deliver (NfHttpResponse *response, gpointer user_data)
{
  Walk *walk = user_data;
  const GError *error = nf_http_response_get_error (response);
  gboolean more;
  NfArticle *dropped = error && walk->http->drop_non_2xx ? nf_http_response_to_dropped_article (response, NULL) : NULL;
  if (dropped)
    more = nf_sink_push (walk->sink, dropped);
  else
    more = error ? nf_sink_push_failed (walk->sink, nf_http_response_get_url (response), error)
                 : nf_sink_push (walk->sink, nf_http_response_to_article (response, NULL));
  walk->stopped = !more;
  return more;
}

static gboolean
walk_cancelled (gpointer user_data)
{
  Walk *walk = user_data;
  return nf_stage_is_cancelled (walk->stage);
}

static gboolean
http_fetch (NfStage *stage, NfSink *sink, GError **error)
{
  Http *http = nf_stage_get_instance (stage);
  Walk walk = { .http = http, .stage = stage, .sink = sink };
  static const NfHttpStreamFuncs funcs = { walk_next, walk_deliver, walk_cancelled };
  gboolean ok = nf_http_client_fetch (http->client, &funcs, &walk, error);
  walk_close_file (&walk);
  free (walk.line);
  return ok;
}

static void
http_free (gpointer instance)
{
  Http *http = instance;
  g_strfreev (http->urls);
  g_free (http->urls_file);
  nf_http_client_free (http->client);
  g_free (http);
}

static gboolean
http_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  NfHttpOptions options;
  if (!nf_http_options_from_config (&options, config, error))
    return FALSE;
  NfHttpClient *client = nf_http_client_new (&options, error);
  if (client == NULL)
    return FALSE;
  Http *http = g_new0 (Http, 1);
  http->client = client;
  http->drop_non_2xx = strcmp (cfg_getstr (config, "non-2xx"), "drop") == 0;
  const char *const *sources = nf_stage_get_sources (stage);
  if (sources)
    http->urls = g_strdupv ((char **) sources);
  else
    {
      GPtrArray *urls = g_ptr_array_new ();
      for (unsigned int i = 0; i < cfg_size (config, "urls"); i++)
        g_ptr_array_add (urls, g_strdup (cfg_getnstr (config, "urls", i)));
      g_ptr_array_add (urls, NULL);
      http->urls = (char **) g_ptr_array_free (urls, FALSE);
      http->urls_file = g_strdup (cfg_getstr (config, "urls-file"));
    }
  /* A missing file of URLs is a mistake in the chain: say so before anything runs. */
  if (http->urls_file && !g_file_test (http->urls_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "urls-file: %s: no such file", http->urls_file);
      http_free (http);
      return FALSE;
    }
  nf_stage_set_instance (stage, http);
  return TRUE;
}

static gboolean
http_accepts_source (const char *source)
{
  return is_url (source);
}

/* What the core routes here by its bytes: a list of URLs, one a line, in a file or on stdin. */
static const char *const http_types[] = { "text/uri-list", NULL };

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FETCH,
  .name = "http",
  .summary = "Fetches http and https URLs concurrently, in list order",
  .options = http_options,
  .content_types = http_types,
  .accepts_source = http_accepts_source,
  .init = http_init,
  .fetch = http_fetch,
  .free = http_free,
);
