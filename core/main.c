/* main.c: the newsflow command line: options, chain loading, running, the tally.
 * Exit status: 0 every article written or dropped, 2 some failed, 1 usage/chain/run error. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "chain.h"
#include "describe.h"
#include "isolate.h"
#include "outputs.h"
#include "registry.h"
#include "runner.h"
#include "suggest.h"
#include <newsflow/error.h>

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_SOME_FAILED = 2, EXIT_INTERRUPTED = 130 };

/* Set by SIGINT/SIGTERM; the runner polls it.  A signal handler can do nothing else safely,
 * which is why this one flag lives outside any object. */
static volatile sig_atomic_t interrupted;

static void
on_interrupt (G_GNUC_UNUSED int signal_number)
{
  interrupted = 1;
}

static void
catch_interrupts (void)
{
  struct sigaction action = { 0 };
  action.sa_handler = on_interrupt;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
}

typedef struct {
  char    *chain;
  gint     jobs;
  char   **plugin_paths;
  char    *errors;
  gboolean check;
  gboolean list_plugins;
  char    *describe;
  gboolean json;
  gboolean graph;
  gboolean quiet;
  gboolean stats;
  gboolean stats_json;
  gint     progress_ms; /* 0: only on a terminal, every half second */
  gboolean progress;    /* --progress: also when standard error is not a terminal */
  char    *metrics;
  gint     metrics_interval;
  guint64  max_article_bytes;
  gboolean version;
  gint     commit_every;
  gint     commit_interval;
  gboolean atomic;
  gboolean resume;
  gboolean isolate;
  char   **sources;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->chain);
  g_strfreev (options->plugin_paths);
  g_free (options->errors);
  g_free (options->describe);
  g_free (options->metrics);
  g_strfreev (options->sources);
}

/* "-j4" as make and most tools take it; GOption wants "-j 4".  And an option whose value is
 * optional (--stats, --progress) takes one only after "=": GOption would take the next
 * argument, so "newsflow --stats DIR" would lose its source. */
static char **
normalise_arguments (int argc, char **argv)
{
  GPtrArray *args = g_ptr_array_new ();
  gboolean sources_only = FALSE;
  for (int i = 0; i < argc; i++)
    {
      if (!sources_only && g_str_has_prefix (argv[i], "-j") && argv[i][2] && g_ascii_isdigit (argv[i][2]))
        {
          g_ptr_array_add (args, g_strdup ("-j"));
          g_ptr_array_add (args, g_strdup (argv[i] + 2));
        }
      else if (!sources_only && (strcmp (argv[i], "--stats") == 0 || strcmp (argv[i], "--progress") == 0))
        g_ptr_array_add (args, g_strconcat (argv[i], "=", NULL));
      else
        g_ptr_array_add (args, g_strdup (argv[i]));
      sources_only = sources_only || strcmp (argv[i], "--") == 0;
    }
  g_ptr_array_add (args, NULL);
  return (char **) g_ptr_array_free (args, FALSE);
}

/* "Unknown option --chian" gets "; did you mean --chain?" when one is close. */
static void
suggest_long_option (GError *error, const GOptionEntry *entries)
{
  const char *dashes = g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION)
                       ? strstr (error->message, "--") : NULL;
  if (dashes == NULL)
    return;
  g_autofree char *word = g_strndup (dashes + 2, strcspn (dashes + 2, "= "));
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (const GOptionEntry *entry = entries; entry->long_name; entry++)
    if (*entry->long_name)
      g_ptr_array_add (names, (gpointer) entry->long_name);
  const char *closest = nf_closest_match (word, names);
  if (closest)
    {
      char *message = g_strdup_printf ("%s; did you mean --%s?", error->message, closest);
      g_free (error->message);
      error->message = message;
    }
}

/* --stats or --stats=table, --stats=json */
static gboolean
parse_stats_option (G_GNUC_UNUSED const char *name, const char *value, gpointer data, GError **error)
{
  Options *options = data;
  options->stats = TRUE;
  if (value == NULL || *value == '\0' || strcmp (value, "table") == 0)
    return TRUE;
  if (strcmp (value, "json") == 0)
    {
      options->stats_json = TRUE;
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--stats=%s: say table or json", value);
  return FALSE;
}

/* The default --max-article-bytes: far above any news article (tens of KB of text, a few MB of
 * HTML), low enough that one article's structures (a few tens of times its size) stay small. */
#define DEFAULT_MAX_ARTICLE_BYTES (8 * 1024 * 1024)

/* --max-article-bytes N, with an optional k, M or G (powers of 1024) */
static gboolean
parse_max_article_bytes (G_GNUC_UNUSED const char *name, const char *value, gpointer data, GError **error)
{
  Options *options = data;
  char *end;
  guint64 number = g_ascii_strtoull (value, &end, 10);
  guint shift = 0;
  if (end != value && (*end == 'k' || *end == 'K'))
    shift = 10, end++;
  else if (end != value && *end == 'M')
    shift = 20, end++;
  else if (end != value && *end == 'G')
    shift = 30, end++;
  if (end == value || *end != '\0' || !g_ascii_isdigit (*value) || number > (G_MAXUINT64 >> shift))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--max-article-bytes %s: a number of bytes (k, M or G after it: 4M), or 0 for no limit", value);
      return FALSE;
    }
  options->max_article_bytes = number << shift;
  return TRUE;
}

/* --progress or --progress=SECONDS */
static gboolean
parse_progress_option (G_GNUC_UNUSED const char *name, const char *value, gpointer data, GError **error)
{
  Options *options = data;
  options->progress = TRUE;
  if (value == NULL || *value == '\0')
    return TRUE;
  char *end;
  double seconds = g_ascii_strtod (value, &end);
  if (*value == '\0' || *end != '\0' || !(seconds > 0 && seconds <= 86400))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--progress=%s: a number of seconds, more than 0", value);
      return FALSE;
    }
  options->progress_ms = MAX (1, (gint) (seconds * 1000));
  return TRUE;
}

static gboolean
parse_command_line (char **args, Options *options, GError **error)
{
  const GOptionEntry entries[] = {
    { "chain", 'c', 0, G_OPTION_ARG_FILENAME, &options->chain,
      "Chain file to run (default: the installed default.chain)", "FILE" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &options->jobs,
      "Parse and extract on N threads (default or 0: number of cores)", "N" },
    { "plugin-path", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->plugin_paths,
      "Look for plugins in DIR first (repeatable, or ':'-separated)", "DIR" },
    { "errors", 0, 0, G_OPTION_ARG_FILENAME, &options->errors,
      "Write each failed article as a JSON line to FILE ('-': standard error)", "FILE" },
    { "commit-every", 0, 0, G_OPTION_ARG_INT, &options->commit_every,
      "Commit the formatters' outputs every N articles (default 1000)", "N" },
    { "commit-interval", 0, 0, G_OPTION_ARG_INT, &options->commit_interval,
      "...and every MS milliseconds while articles are pending (default 1000; 0: by count only)", "MS" },
    { "atomic", 0, 0, G_OPTION_ARG_NONE, &options->atomic,
      "All or nothing: an interrupted or failed run leaves no output", NULL },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &options->resume,
      "Append to the outputs and skip articles they already hold (skip-existing = true)", NULL },
    { "isolate", 0, 0, G_OPTION_ARG_NONE, &options->isolate,
      "Run every parse and extract stage in worker processes: a plugin that crashes fails its article, not the run", NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &options->check,
      "Check the chain file and its plugins' options, then exit", NULL },
    { "list-plugins", 0, 0, G_OPTION_ARG_NONE, &options->list_plugins,
      "List every plugin found, with kind, summary and file", NULL },
    { "describe", 0, 0, G_OPTION_ARG_STRING, &options->describe,
      "Print a plugin's options (NAME or KIND/NAME)", "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      "With --describe or --list-plugins: print JSON schemas instead of text", NULL },
    { "graph", 0, 0, G_OPTION_ARG_NONE, &options->graph,
      "Print the chain (-c) as a Graphviz DOT graph, then exit", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options->quiet,
      "No progress and no per-article failure lines on stderr", NULL },
    { "stats", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, (gpointer) parse_stats_option,
      "Print per-stage counts and times at the end (=json: one JSON line)", "[=table|json]" },
    { "progress", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, (gpointer) parse_progress_option,
      "Show progress even when stderr is not a terminal (a line every SECONDS, default 10)", "[=SECONDS]" },
    { "max-article-bytes", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) parse_max_article_bytes,
      "Fail articles larger than N bytes (raw or text; k, M, G; default 8M; 0: no limit)", "N" },
    { "metrics", 0, 0, G_OPTION_ARG_FILENAME, &options->metrics,
      "Keep FILE up to date with the run's figures in the Prometheus text format", "FILE" },
    { "metrics-interval", 0, 0, G_OPTION_ARG_INT, &options->metrics_interval,
      "...rewriting it every SECONDS (default 10)", "SECONDS" },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &options->version, "Print the version and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->sources, NULL, "[SOURCE...]" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- stream news articles through a chain of plugins");
  g_option_context_set_summary (context,
    "Reads the chain file, loads the plugins it names and streams articles through them:\n"
    "fetch -> parse -> extract ... -> format.  SOURCEs (files, directories, globs,\n"
    "'-' for standard input) go to the chain's fetchers instead of their configured sources.");
  g_option_context_set_description (context,
    "Exit status: 0 when every article was written or dropped, 2 when some failed,\n"
    "1 on a usage, chain or run error.  See newsflow(1) and newsflow.chain(5).");
  /* A group of our own, so that the option callbacks get @options. */
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, options, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  if (!g_option_context_parse_strv (context, &args, error))
    {
      suggest_long_option (*error, entries);
      return FALSE;
    }
  if (options->json && !options->describe && !options->list_plugins)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "--json goes with --describe or --list-plugins");
      return FALSE;
    }
  if (options->commit_interval == -1)
    options->commit_interval = 1000;
  if (options->commit_every < 0 || options->commit_interval < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--commit-every and --commit-interval must be 0 or more");
      return FALSE;
    }
  if (options->atomic && options->resume)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "--atomic and --resume do not go together: resuming appends to outputs in place");
      return FALSE;
    }
  if (options->metrics_interval < 0 || (options->metrics_interval > 0 && !options->metrics))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--metrics-interval takes seconds (1 or more) and goes with --metrics");
      return FALSE;
    }
  if (options->jobs < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--jobs must be 0 (one thread per core) or more");
      return FALSE;
    }
  return TRUE;
}

static char *
default_chain_path (void)
{
  if (nf_running_uninstalled ())
    return g_strdup (NF_SOURCE_DIR "/etc/newsflow/default.chain");
  return g_strdup (NF_DEFAULT_CHAIN);
}

/* A JSON array of the plugins' schemas, pretty-printed: people read it too. */
static void
print_json_schemas (GPtrArray *infos)
{
  g_autoptr (JsonNode) array = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (array, json_array_new ());
  for (guint i = 0; i < infos->len; i++)
    json_array_add_element (json_node_get_array (array), nf_describe_plugin_json (g_ptr_array_index (infos, i)));
  g_autofree char *text = json_to_string (array, TRUE);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static int
list_plugins (NfRegistry *registry, gboolean json)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) infos = nf_registry_load_all (registry, errors);
  if (json)
    print_json_schemas (infos);
  else
    {
      g_autoptr (GString) out = g_string_new (NULL);
      nf_describe_list (out, infos);
      fputs (out->str, stdout);
    }
  for (guint i = 0; i < errors->len; i++)
    g_printerr ("newsflow: %s\n", (char *) g_ptr_array_index (errors, i));
  return EXIT_OK;
}

static int
describe_plugin (NfRegistry *registry, const char *what, gboolean json)
{
  const char *slash = strchr (what, '/');
  g_autofree char *kind_word = slash ? g_strndup (what, slash - what) : NULL;
  const char *name = slash ? slash + 1 : what;
  NfPluginKind only;
  if (kind_word && !nf_plugin_kind_from_string (kind_word, &only))
    {
      g_printerr ("newsflow: --describe: unknown kind '%s' (fetch, parse, extract or format)\n", kind_word);
      return EXIT_USAGE;
    }
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  for (int kind = 0; kind < 4; kind++)
    {
      if (kind_word && kind != (int) only)
        continue;
      g_autoptr (GError) error = NULL;
      const NfPluginInfo *info = nf_registry_load (registry, kind, name, &error);
      if (info)
        {
          g_ptr_array_add (found, (gpointer) info);
          if (out->len)
            g_string_append_c (out, '\n');
          nf_describe_plugin (out, info);
        }
      else if (!g_error_matches (error, NF_ERROR, NF_ERROR_NOT_FOUND))
        g_string_append_printf (problems, "newsflow: %s\n", error->message);
    }
  if (out->len == 0 && problems->len == 0)
    {
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      for (int kind = 0; kind < 4; kind++)
        if (!kind_word || kind == (int) only)
          {
            g_autoptr (GPtrArray) some = nf_registry_list_names (registry, kind);
            for (guint i = 0; i < some->len; i++)
              g_ptr_array_add (names, g_strdup (g_ptr_array_index (some, i)));
          }
      const char *closest = nf_closest_match (name, names);
      g_printerr ("newsflow: no plugin named '%s'%s%s%s; see newsflow --list-plugins\n", what,
                  closest ? " (did you mean '" : "", closest ? closest : "", closest ? "'?)" : "");
      return EXIT_USAGE;
    }
  /* JSON is always an array: "json" names both a parser and a formatter. */
  if (json && found->len)
    print_json_schemas (found);
  else
    fputs (out->str, stdout);
  g_printerr ("%s", problems->str);
  return out->len ? EXIT_OK : EXIT_USAGE;
}

static guint
chain_stage_count (NfChain *chain)
{
  guint n = 0;
  for (int kind = 0; kind < 4; kind++)
    n += chain->stages[kind]->len;
  return n;
}

static int
run_chain (NfRegistry *registry, Options *options)
{
  /* From the start: a signal while the chain loads stops the run before its first article
   * (a background job of a script would otherwise ignore SIGINT until then). */
  catch_interrupts ();
  g_autofree char *path = options->chain ? g_strdup (options->chain) : default_chain_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load (path, registry, &error);
  if (chain == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }
  /* With no source named, the default chain reads standard input, routed by its bytes. */
  const char *const stdin_only[] = { "-", NULL };
  const char *const *sources = options->sources || options->chain ? (const char *const *) options->sources : stdin_only;
  if (!nf_chain_route_sources (chain, sources, &error))
    {
      g_printerr ("newsflow: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (options->resume && !nf_chain_set_resume (chain, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }
  if (options->isolate)
    nf_chain_isolate_all (chain);
  if (!nf_chain_check_outputs (chain, options->errors, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }
  if (options->graph)
    {
      g_autoptr (GString) dot = g_string_new (NULL);
      nf_describe_chain_dot (dot, chain);
      fputs (dot->str, stdout);
      return EXIT_OK;
    }
  if (options->check)
    {
      g_print ("%s: OK (%u stages)\n", path, chain_stage_count (chain));
      return EXIT_OK;
    }
  if (sources == stdin_only && !options->quiet && isatty (STDIN_FILENO))
    g_printerr ("newsflow: reading articles from standard input (end with Ctrl-D; name files or URLs to read those)\n");
  if (!nf_chain_route_stdin (chain, &error) || !nf_chain_init (chain, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }

  FILE *errors = NULL;
  gboolean errors_is_stderr = g_strcmp0 (options->errors, "-") == 0;
  if (errors_is_stderr)
    errors = stderr;
  else if (options->errors && (errors = fopen (options->errors, "w")) == NULL)
    {
      g_printerr ("newsflow: %s: %s\n", options->errors, g_strerror (errno));
      return EXIT_USAGE;
    }
  NfRunOptions run_options = {
    .workers = options->jobs > 0 ? (guint) options->jobs : g_get_num_processors (),
    .errors = errors,
    .errors_path = errors_is_stderr ? "standard error" : options->errors,
    .max_article_bytes = options->max_article_bytes,
    .commit_every = options->commit_every,
    .commit_interval_ms = options->commit_interval,
    .atomic = options->atomic,
    .quiet = options->quiet,
    .progress = options->progress || (!options->quiet && isatty (STDERR_FILENO)),
    .progress_redraw = isatty (STDERR_FILENO),
    .progress_interval_ms = options->progress_ms ? (guint) options->progress_ms
                            : isatty (STDERR_FILENO) ? 500 : 10000,
    .stats = options->stats && !options->stats_json,
    .stats_json = options->stats_json,
    .metrics_path = options->metrics,
    .metrics_interval_ms = (options->metrics_interval ? (guint) options->metrics_interval : 10) * 1000,
    .interrupted = (const volatile int *) &interrupted,
  };
  NfTally tally;
  gboolean ok = nf_run (chain, &run_options, &tally, &error);
  if (errors && !errors_is_stderr && fclose (errors) != 0 && ok)
    {
      g_set_error (&error, NF_ERROR, NF_ERROR_IO, "--errors %s: %s: failed articles could not be recorded",
                   options->errors, g_strerror (errno));
      ok = FALSE;
    }
  g_autofree char *drops = nf_tally_format_drops (&tally);
  g_printerr ("read %" G_GUINT64_FORMAT ", written %" G_GUINT64_FORMAT ", dropped %" G_GUINT64_FORMAT
              "%s, failed %" G_GUINT64_FORMAT "\n", tally.read, tally.written, tally.dropped, drops, tally.failed);
  if (!ok)
    {
      g_printerr ("newsflow: %s\n", error->message);
      return interrupted ? EXIT_INTERRUPTED : EXIT_USAGE;
    }
  return tally.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}

int
main (int argc, char **argv)
{
  /* Character classification from the environment; messages stay untranslated so that
   * libconfuse's messages can be recognised and explained. */
  setlocale (LC_CTYPE, "");
  /* A worker process of an isolated stage (isolate.h), started by a run of this binary. */
  if (argc > 1 && strcmp (argv[1], NF_ISOLATE_WORKER_OPTION) == 0)
    return nf_isolate_worker_main (argc, argv);

  Options options = { .commit_interval = -1, .max_article_bytes = DEFAULT_MAX_ARTICLE_BYTES };
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) args = normalise_arguments (argc, argv);
  if (!parse_command_line (args, &options, &error))
    {
      g_printerr ("newsflow: %s (see newsflow --help)\n", error->message);
      options_clear (&options);
      return EXIT_USAGE;
    }
  if (options.version)
    {
      g_print ("newsflow %s (plugin ABI %d)\n", NF_VERSION_STRING, NF_ABI_VERSION);
      options_clear (&options);
      return EXIT_OK;
    }

  NfRegistry *registry = nf_registry_new ();
  for (char **dirs = options.plugin_paths; dirs && *dirs; dirs++)
    nf_registry_add_path (registry, NF_PATH_COMMAND_LINE, *dirs);
  nf_registry_add_standard_paths (registry);

  int status;
  if (options.list_plugins)
    status = list_plugins (registry, options.json);
  else if (options.describe)
    status = describe_plugin (registry, options.describe, options.json);
  else
    status = run_chain (registry, &options);

  nf_registry_free (registry);
  options_clear (&options);
  return status;
}
