/* chain.c: reads a chain file with libconfuse in two passes and builds its stages.
 *
 * libconfuse cannot add options to a parsed configuration, and every plugin brings its own
 * options, so: pass one reads leniently just to learn which plugins the chain names; those
 * are loaded; pass two reads strictly with, for each kind of stage, the union of the named
 * plugins' options.  A validate callback then checks at its own line that each option set
 * belongs to the plugin of its block, and each stage finally gets a configuration of its own
 * plugin's schema (its own defaults), copied from the values the user wrote. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "chain.h"
#include "outputs.h"
#include "sniff-private.h"
#include "suggest.h"
#include <newsflow/error.h>
#include <newsflow/sniff.h>

#define N_KINDS 4

/* The owner of the options every parse and extract stage has (crash isolation). */
#define COMMON_OWNER "*"

/* libconfuse's error and validate callbacks carry no user data, so the first error of the
 * parse running on this thread is kept here.  It is set and consumed inside parse_file. */
static _Thread_local char *captured_error;

static const char *
plugin_from_title (const char *title, char **owned)
{
  const char *colon = title ? strchr (title, ':') : NULL;
  *owned = colon ? g_strndup (title, colon - title) : g_strdup (title ? title : "");
  return *owned;
}

static gboolean
is_stage_section (cfg_t *cfg, NfPluginKind *kind)
{
  NfPluginKind ignored;
  return cfg_title (cfg) != NULL && nf_plugin_kind_from_string (cfg_name (cfg), kind ? kind : &ignored);
}

/* ---- which plugin owns which option ------------------------------------------------
 * Each union option's comment lists its owners, one per line: "NAME" or "NAME=a|b|c" when
 * that plugin restricts the values.  cfg_init copies the comment with the option. */

static gboolean
owner_lookup (const char *owners, const char *plugin, char **choices)
{
  g_auto (GStrv) lines = g_strsplit (owners ? owners : "", "\n", -1);
  for (char **line = lines; *line; line++)
    {
      if (strcmp (*line, COMMON_OWNER) == 0)
        {
          if (choices)
            *choices = NULL;
          return TRUE;
        }
      const char *equals = strchr (*line, '=');
      gsize length = equals ? (gsize) (equals - *line) : strlen (*line);
      if (length == strlen (plugin) && strncmp (*line, plugin, length) == 0)
        {
          if (choices)
            *choices = equals ? g_strdup (equals + 1) : NULL;
          return TRUE;
        }
    }
  return FALSE;
}

/* The options of @plugin among a section's (union) options. */
static GPtrArray *
options_of_plugin (cfg_t *section, const char *plugin)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (cfg_opt_t *opt = section->opts; opt && opt->name; opt++)
    if (g_strcmp0 (opt->comment, COMMON_OWNER) != 0 && owner_lookup (opt->comment, plugin, NULL))
      g_ptr_array_add (names, g_strdup (opt->name));
  return names;
}

static int
validate_option (cfg_t *section, cfg_opt_t *opt)
{
  NfPluginKind kind;
  if (!is_stage_section (section, &kind))
    return 0;
  g_autofree char *owned = NULL;
  const char *plugin = plugin_from_title (cfg_title (section), &owned);
  g_autofree char *choices = NULL;
  const char *kind_word = nf_plugin_kind_to_string (kind);

  if (g_strcmp0 (opt->comment, COMMON_OWNER) == 0)
    {
      if (kind == NF_PLUGIN_FETCH || kind == NF_PLUGIN_FORMAT)
        {
          cfg_error (section, "option '%s' is for parse and extract stages only: fetchers and "
                     "formatters run in the newsflow process", opt->name);
          return -1;
        }
      if (opt->type == CFGT_INT && cfg_opt_getnint (opt, 0) < 0)
        {
          cfg_error (section, "option '%s' must be 0 (no limit) or a number of milliseconds", opt->name);
          return -1;
        }
      return 0;
    }
  if (!owner_lookup (opt->comment, plugin, &choices))
    {
      g_autoptr (GPtrArray) valid = options_of_plugin (section, plugin);
      g_autofree char *list = nf_join_names (valid);
      g_auto (GStrv) owners = g_strsplit (opt->comment ? opt->comment : "", "\n", 2);
      g_autofree char *owner = NULL;
      plugin_from_title (owners[0], &owner);
      char *equals = strchr (owner, '=');
      if (equals)
        *equals = '\0';
      cfg_error (section, "option '%s' is not an option of %s \"%s\" (it is one of %s \"%s\"); "
                 "options of %s \"%s\": %s",
                 opt->name, kind_word, plugin, kind_word, owner, kind_word, plugin, list);
      return -1;
    }
  if (choices && opt->type == CFGT_STR)
    {
      g_auto (GStrv) allowed = g_strsplit (choices, "|", -1);
      for (unsigned int i = 0; i < cfg_opt_size (opt); i++)
        {
          const char *value = cfg_opt_getnstr (opt, i);
          if (value && !g_strv_contains ((const char *const *) allowed, value))
            {
              g_autofree char *list = g_strjoinv (", ", allowed);
              cfg_error (section, "'%s' is not a valid value for option '%s' of %s \"%s\"; "
                         "choose one of: %s", value, opt->name, kind_word, plugin, list);
              return -1;
            }
        }
    }
  return 0;
}

/* Adds to libconfuse's message what the user needs to fix it: the valid names, and the one
 * they probably meant. */
static char *
explain_unknown_option (cfg_t *cfg, const char *name)
{
  NfPluginKind kind;
  g_autoptr (GPtrArray) valid = NULL;
  g_autofree char *what = NULL;

  if (is_stage_section (cfg, &kind))
    {
      g_autofree char *owned = NULL;
      const char *plugin = plugin_from_title (cfg_title (cfg), &owned);
      valid = options_of_plugin (cfg, plugin);
      if (kind == NF_PLUGIN_PARSE || kind == NF_PLUGIN_EXTRACT)
        for (cfg_opt_t *opt = cfg->opts; opt && opt->name; opt++)
          if (g_strcmp0 (opt->comment, COMMON_OWNER) == 0)
            g_ptr_array_add (valid, g_strdup (opt->name));
      what = g_strdup_printf ("%s \"%s\" has no option '%s'", nf_plugin_kind_to_string (kind), plugin, name);
    }
  else
    {
      valid = g_ptr_array_new_with_free_func (g_free);
      for (cfg_opt_t *opt = cfg->opts; opt && opt->name; opt++)
        g_ptr_array_add (valid, g_strdup (opt->name));
      what = g_strdup_printf ("unknown keyword '%s'", name);
    }
  const char *close = nf_closest_match (name, valid);
  g_autofree char *list = nf_join_names (valid);
  return g_strdup_printf ("%s%s%s%s; valid here: %s", what, close ? " (did you mean '" : "",
                          close ? close : "", close ? "'?)" : "", list);
}

static void
capture_error (cfg_t *cfg, const char *fmt, va_list args)
{
  if (captured_error)
    return; /* the first error is the one to fix; later ones are often its echoes */
  va_list copy;
  va_copy (copy, args);
  g_autofree char *message = g_strdup_vprintf (fmt, args);
  if (strcmp (fmt, "no such option '%s'") == 0)
    {
      g_free (message);
      message = explain_unknown_option (cfg, va_arg (copy, const char *));
    }
  else if (strcmp (fmt, "found duplicate title '%s'") == 0)
    {
      const char *title = va_arg (copy, const char *);
      g_free (message);
      message = g_strdup_printf ("\"%s\" is used twice for the same kind of stage; give the "
                                 "second a label, e.g. \"%s:2\"", title, title);
    }
  va_end (copy);
  if (cfg && cfg->filename && cfg->line)
    captured_error = g_strdup_printf ("%s:%d: %s", cfg->filename, cfg->line, message);
  else if (cfg && cfg->filename)
    captured_error = g_strdup_printf ("%s: %s", cfg->filename, message);
  else
    captured_error = g_steal_pointer (&message);
}

static cfg_t *
parse_file (cfg_opt_t *opts, cfg_flag_t flags, const char *path, GError **error)
{
  cfg_t *cfg = cfg_init (opts, flags);
  cfg_set_error_function (cfg, capture_error);
  /* include() names files relative to the chain that includes them ("/" lets absolute
   * names through libconfuse's search).  cfg_parse would look the chain itself up on this
   * path too, so the chain is opened here. */
  g_autofree char *dir = g_path_get_dirname (path);
  cfg_add_searchpath (cfg, dir);
  cfg_add_searchpath (cfg, "/");
  FILE *file = fopen (path, "r");
  if (file == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "%s: cannot read chain file: %s", path, g_strerror (errno));
      cfg_free (cfg);
      return NULL;
    }
  free (cfg->filename);
  cfg->filename = strdup (path);
  g_clear_pointer (&captured_error, g_free);
  int status = cfg_parse_fp (cfg, file);
  fclose (file);
  if (status == CFG_SUCCESS)
    return cfg;
  g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "%s",
               captured_error ? captured_error : "invalid chain file");
  g_clear_pointer (&captured_error, g_free);
  cfg_free (cfg);
  return NULL;
}

/* include("x.chain") names a file relative to the chain that includes it, also when that
 * chain was itself included from elsewhere (libconfuse would only search fixed paths). */
static int
include_relative (cfg_t *cfg, cfg_opt_t *opt, int argc, const char **argv)
{
  if (argc != 1 || g_path_is_absolute (argv[0]) || cfg->filename == NULL)
    return cfg_include (cfg, opt, argc, argv);
  g_autofree char *dir = g_path_get_dirname (cfg->filename);
  g_autofree char *resolved = g_build_filename (dir, argv[0], NULL);
  if (!g_path_is_absolute (resolved))
    {
      g_autofree char *cwd = g_get_current_dir ();
      char *absolute = g_build_filename (cwd, resolved, NULL);
      g_free (resolved);
      resolved = absolute;
    }
  const char *args[] = { resolved };
  return cfg_include (cfg, opt, 1, args);
}

static void
fill_root_options (cfg_opt_t *root, cfg_opt_t *const section_opts[N_KINDS])
{
  cfg_opt_t plugin_path = CFG_STR_LIST ("plugin-path", NULL, CFGF_NONE);
  cfg_opt_t include = CFG_FUNC ("include", include_relative);
  cfg_opt_t end = CFG_END ();
  root[0] = plugin_path;
  for (int kind = 0; kind < N_KINDS; kind++)
    {
      cfg_opt_t section = CFG_SEC (nf_plugin_kind_to_string (kind), section_opts[kind],
                                   CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES);
      root[1 + kind] = section;
    }
  root[1 + N_KINDS] = include;
  root[2 + N_KINDS] = end;
}

/* The line a block starts on.  libconfuse leaves a section's line at its closing brace, so
 * the last `KIND "TITLE"` header at or before that line is looked up in its file (titles
 * are unique per kind, CFGF_NO_TITLE_DUPES). */
static int
section_start_line (cfg_t *section)
{
  g_autofree char *contents = NULL;
  if (section->filename == NULL || !g_file_get_contents (section->filename, &contents, NULL, NULL))
    return section->line;
  g_autofree char *escaped = g_regex_escape_string (cfg_title (section), -1);
  g_autofree char *pattern = g_strdup_printf ("\\b%s\\s+\"%s\"", cfg_name (section), escaped);
  g_autoptr (GRegex) header = g_regex_new (pattern, 0, 0, NULL);
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  int start = section->line;
  for (int i = 0; header && lines[i] && i < section->line; i++)
    if (g_regex_match (header, lines[i], 0, NULL))
      start = i + 1;
  return start;
}

static char *
section_location (cfg_t *section)
{
  return g_strdup_printf ("%s:%d", section->filename ? section->filename : "?",
                          section_start_line (section));
}

/* libconfuse 3.3 cannot skip an unknown titled block in its lenient mode and reports a
 * later token instead, so when the lenient pass fails, a misspelled stage keyword
 * ("extrat \"stats\" { }") is looked for to give the message the user needs. */
static char *
find_unknown_stage_keyword (const char *path)
{
  g_autofree char *contents = NULL;
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  g_autoptr (GRegex) header = g_regex_new ("^\\s*([A-Za-z][\\w-]*)\\s+\"[^\"]*\"\\s*(\\{|$)", 0, 0, NULL);
  g_autoptr (GPtrArray) keywords = g_ptr_array_new ();
  for (int kind = 0; kind < N_KINDS; kind++)
    g_ptr_array_add (keywords, (gpointer) nf_plugin_kind_to_string (kind));
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      g_autoptr (GMatchInfo) match = NULL;
      if (!g_regex_match (header, lines[i], 0, &match))
        continue;
      g_autofree char *word = g_match_info_fetch (match, 1);
      NfPluginKind kind;
      if (nf_plugin_kind_from_string (word, &kind))
        continue;
      const char *close = nf_closest_match (word, keywords);
      return g_strdup_printf ("%s:%d: unknown keyword '%s'%s%s%s; valid here: plugin-path, "
                              "fetch, parse, extract, format, include", path, i + 1, word,
                              close ? " (did you mean '" : "", close ? close : "", close ? "'?)" : "");
    }
  return NULL;
}

/* ---- pass two: the union schema ---------------------------------------------------- */

typedef struct {
  const NfPluginInfo *info;
  cfg_t *first_section; /* for the location of errors about the plugin as a whole */
} NamedPlugin;

static gboolean
add_to_union (GArray *opts, GPtrArray *owners, const NamedPlugin *named, GError **error)
{
  const NfPluginDescriptor *plugin = named->info->descriptor;
  for (const NfOption *option = plugin->options; option && option->opt.name; option++)
    {
      g_autofree char *owner = option->choices
        ? g_strdup_printf ("%s=%s", plugin->name, option->choices) : g_strdup (plugin->name);
      guint i;
      for (i = 0; i < opts->len; i++)
        if (strcmp (g_array_index (opts, cfg_opt_t, i).name, option->opt.name) == 0)
          break;
      if (i < opts->len)
        {
          cfg_opt_t *existing = &g_array_index (opts, cfg_opt_t, i);
          if (existing->type != option->opt.type
              || (existing->flags & CFGF_LIST) != (option->opt.flags & CFGF_LIST))
            {
              g_autofree char *where = section_location (named->first_section);
              g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                           "%s: %s plugins \"%s\" and \"%s\" both define option '%s' with "
                           "different types, so they cannot be used in one chain", where,
                           nf_plugin_kind_to_string (plugin->kind), plugin->name,
                           (char *) g_ptr_array_index (owners, i), option->opt.name);
              return FALSE;
            }
          char *joined = g_strconcat (g_ptr_array_index (owners, i), "\n", owner, NULL);
          g_free (g_ptr_array_index (owners, i));
          g_ptr_array_index (owners, i) = joined;
          continue;
        }
      cfg_opt_t copy = option->opt;
      copy.flags &= ~CFGF_NODEFAULT; /* "required" is checked per plugin, after the parse */
      /* Defaults belong to each plugin's own configuration: a list default of one plugin
       * must not be parsed inside another plugin's block. */
      copy.def.parsed = NULL;
      copy.validcb = validate_option;
      copy.validcb2 = NULL;
      g_array_append_val (opts, copy);
      g_ptr_array_add (owners, g_steal_pointer (&owner));
    }
  return TRUE;
}

/* Options of every stage, set on the stage itself rather than in the plugin's
 * configuration.  Offered in every kind of block so that a fetcher or formatter that sets
 * them hears why it cannot. */
static void
add_common_options (GArray *opts, GPtrArray *owners)
{
  cfg_opt_t common[] = {
    CFG_BOOL ("isolate", cfg_false, CFGF_NONE),
    CFG_INT ("isolate-timeout-ms", 0, CFGF_NONE),
  };
  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    {
      common[i].validcb = validate_option;
      g_array_append_val (opts, common[i]);
      g_ptr_array_add (owners, g_strdup (COMMON_OWNER));
    }
}

/* ---- each stage's own configuration -------------------------------------------------- */

static cfg_t *
plugin_config_new (const NfPluginDescriptor *plugin, cfg_t *section, GError **error)
{
  g_autoptr (GArray) opts = g_array_new (TRUE, TRUE, sizeof (cfg_opt_t));
  for (const NfOption *option = plugin->options; option && option->opt.name; option++)
    g_array_append_val (opts, option->opt);
  cfg_t *config = cfg_init ((cfg_opt_t *) opts->data, CFGF_NONE);

  for (const NfOption *option = plugin->options; option && option->opt.name; option++)
    {
      cfg_opt_t *source = cfg_getopt (section, option->opt.name);
      cfg_opt_t *target = cfg_getopt (config, option->opt.name);
      if (source == NULL || !(source->flags & CFGF_MODIFIED))
        {
          if (option->flags & NF_OPTION_REQUIRED)
            {
              g_autofree char *where = section_location (section);
              g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "%s: %s \"%s\" needs option '%s' (%s)",
                           where, nf_plugin_kind_to_string (plugin->kind), plugin->name,
                           option->opt.name, option->description);
              cfg_free (config);
              return NULL;
            }
          continue;
        }
      if (target->flags & CFGF_LIST)
        cfg_free_value (target); /* the user's list replaces the default one */
      for (unsigned int i = 0; i < cfg_opt_size (source); i++)
        switch (source->type)
          {
          case CFGT_INT:
            cfg_opt_setnint (target, cfg_opt_getnint (source, i), i);
            break;
          case CFGT_FLOAT:
            cfg_opt_setnfloat (target, cfg_opt_getnfloat (source, i), i);
            break;
          case CFGT_BOOL:
            cfg_opt_setnbool (target, cfg_opt_getnbool (source, i), i);
            break;
          case CFGT_STR:
            cfg_opt_setnstr (target, cfg_opt_getnstr (source, i), i);
            break;
          default:
            break;
          }
    }
  return config;
}

/* ---- loading -------------------------------------------------------------------------- */

static gboolean
load_named_plugins (cfg_t *lenient, NfRegistry *registry, GPtrArray *named[N_KINDS], GError **error)
{
  for (int kind = 0; kind < N_KINDS; kind++)
    {
      const char *kind_word = nf_plugin_kind_to_string (kind);
      for (unsigned int i = 0; i < cfg_size (lenient, kind_word); i++)
        {
          cfg_t *section = cfg_getnsec (lenient, kind_word, i);
          g_autofree char *name = NULL;
          plugin_from_title (cfg_title (section), &name);
          g_autoptr (GError) local = NULL;
          const NfPluginInfo *info = nf_registry_load (registry, kind, name, &local);
          if (info == NULL)
            {
              g_autofree char *where = section_location (section);
              g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "%s: %s", where, local->message);
              return FALSE;
            }
          gboolean seen = FALSE;
          for (guint j = 0; j < named[kind]->len && !seen; j++)
            seen = ((NamedPlugin *) g_ptr_array_index (named[kind], j))->info == info;
          if (!seen)
            {
              NamedPlugin *entry = g_new0 (NamedPlugin, 1);
              entry->info = info;
              entry->first_section = section;
              g_ptr_array_add (named[kind], entry);
            }
        }
    }
  return TRUE;
}

static void
add_chain_plugin_path (cfg_t *lenient, const char *path, NfRegistry *registry)
{
  g_autofree char *dir = g_path_get_dirname (path);
  for (unsigned int i = 0; i < cfg_size (lenient, "plugin-path"); i++)
    {
      const char *entry = cfg_getnstr (lenient, "plugin-path", i);
      g_autofree char *resolved = g_path_is_absolute (entry) ? g_strdup (entry)
                                                             : g_build_filename (dir, entry, NULL);
      nf_registry_add_path (registry, NF_PATH_CHAIN, resolved);
    }
}

static gboolean
build_stages (NfChain *chain, cfg_t *strict, GPtrArray *named[N_KINDS], NfRegistry *registry,
              GError **error)
{
  g_autofree char *search_path = g_strjoinv (G_SEARCHPATH_SEPARATOR_S, nf_registry_get_search_path (registry));
  for (int kind = 0; kind < N_KINDS; kind++)
    {
      const char *kind_word = nf_plugin_kind_to_string (kind);
      for (unsigned int i = 0; i < cfg_size (strict, kind_word); i++)
        {
          cfg_t *section = cfg_getnsec (strict, kind_word, i);
          g_autofree char *name = NULL;
          plugin_from_title (cfg_title (section), &name);
          const NfPluginDescriptor *plugin = NULL;
          for (guint j = 0; j < named[kind]->len && !plugin; j++)
            {
              const NfPluginInfo *info = ((NamedPlugin *) g_ptr_array_index (named[kind], j))->info;
              if (strcmp (info->descriptor->name, name) == 0)
                plugin = info->descriptor;
            }
          g_assert (plugin != NULL); /* pass one loaded every plugin pass two can see */
          cfg_t *config = plugin_config_new (plugin, section, error);
          if (config == NULL)
            return FALSE;
          g_autofree char *where = section_location (section);
          NfStage *stage = nf_stage_new (plugin, cfg_title (section), where, config);
          g_ptr_array_add (chain->stages[kind], stage);
          if (kind == NF_PLUGIN_PARSE || kind == NF_PLUGIN_EXTRACT)
            {
              /* What a worker process needs to find this stage again (isolate.c). */
              stage->isolate = cfg_getbool (section, "isolate");
              stage->isolate_timeout_ms = (guint) MIN (cfg_getint (section, "isolate-timeout-ms"), G_MAXUINT);
              stage->chain_path = g_strdup (chain->path);
              stage->search_path = g_strdup (search_path);
              stage->kind_index = i;
            }
        }
    }
  for (int kind = 0; kind < N_KINDS; kind++)
    if ((kind == NF_PLUGIN_FETCH || kind == NF_PLUGIN_FORMAT) && chain->stages[kind]->len == 0)
      {
        g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                     "%s:1: the chain has no %s stage; add one, e.g. %s \"%s\" { }", chain->path,
                     nf_plugin_kind_to_string (kind), nf_plugin_kind_to_string (kind),
                     kind == NF_PLUGIN_FETCH ? "files" : "json");
        return FALSE;
      }
  return TRUE;
}

NfChain *
nf_chain_load (const char *path, NfRegistry *registry, GError **error)
{
  g_autoptr (NfChain) chain = g_new0 (NfChain, 1);
  chain->path = g_strdup (path);
  for (int kind = 0; kind < N_KINDS; kind++)
    chain->stages[kind] = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_stage_free);

  /* Pass one: which plugins, and where to find them. */
  cfg_opt_t no_options[] = { CFG_END () };
  cfg_opt_t *lenient_sections[N_KINDS] = { no_options, no_options, no_options, no_options };
  cfg_opt_t lenient_root[3 + N_KINDS];
  fill_root_options (lenient_root, lenient_sections);
  cfg_t *lenient = parse_file (lenient_root, CFGF_IGNORE_UNKNOWN, path, error);
  if (lenient == NULL)
    {
      g_autofree char *better = find_unknown_stage_keyword (path);
      if (better && error && *error)
        {
          g_free ((*error)->message);
          (*error)->message = g_steal_pointer (&better);
        }
      return NULL;
    }

  add_chain_plugin_path (lenient, path, registry);
  GPtrArray *named[N_KINDS];
  for (int kind = 0; kind < N_KINDS; kind++)
    named[kind] = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = load_named_plugins (lenient, registry, named, error);

  /* Pass two: every option checked against the union of the named plugins' schemas. */
  GArray *union_opts[N_KINDS] = { NULL };
  GPtrArray *owners[N_KINDS] = { NULL };
  cfg_t *strict = NULL;
  for (int kind = 0; kind < N_KINDS; kind++)
    {
      union_opts[kind] = g_array_new (TRUE, TRUE, sizeof (cfg_opt_t));
      owners[kind] = g_ptr_array_new_with_free_func (g_free);
      add_common_options (union_opts[kind], owners[kind]);
      for (guint j = 0; ok && j < named[kind]->len; j++)
        ok = add_to_union (union_opts[kind], owners[kind], g_ptr_array_index (named[kind], j), error);
      for (guint j = 0; j < union_opts[kind]->len; j++)
        g_array_index (union_opts[kind], cfg_opt_t, j).comment = g_ptr_array_index (owners[kind], j);
    }
  if (ok)
    {
      cfg_opt_t *strict_sections[N_KINDS];
      for (int kind = 0; kind < N_KINDS; kind++)
        strict_sections[kind] = (cfg_opt_t *) union_opts[kind]->data;
      cfg_opt_t strict_root[3 + N_KINDS];
      fill_root_options (strict_root, strict_sections);
      strict = parse_file (strict_root, CFGF_NONE, path, error);
      ok = strict != NULL && build_stages (chain, strict, named, registry, error);
    }

  if (strict)
    cfg_free (strict);
  cfg_free (lenient);
  for (int kind = 0; kind < N_KINDS; kind++)
    {
      g_array_unref (union_opts[kind]);
      g_ptr_array_unref (owners[kind]);
      g_ptr_array_unref (named[kind]);
    }
  return ok ? g_steal_pointer (&chain) : NULL;
}

/* The first fetcher that declares @type (a container type) among its content_types, or -1. */
static gint
fetcher_for_type (GPtrArray *fetchers, const char *type)
{
  if (!nf_content_type_is_container (type))
    return -1;
  for (guint i = 0; i < fetchers->len; i++)
    {
      NfStage *stage = g_ptr_array_index (fetchers, i);
      for (const char *const *t = stage->plugin->content_types; t && *t; t++)
        if (g_ascii_strcasecmp (*t, type) == 0)
          return (gint) i;
    }
  return -1;
}

/* The content type of a regular file by its first bytes; NULL for anything else (a
 * directory, a glob, a URL, a file that cannot be read: its fetcher will say why). */
static const char *
sniff_file (const char *path)
{
  struct stat info;
  if (strstr (path, "://") || stat (path, &info) != 0 || !S_ISREG (info.st_mode))
    return NULL;
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  g_autofree guint8 *head = g_malloc (NF_SNIFF_SIZE);
  gsize got = 0;
  ssize_t n;
  while (got < NF_SNIFF_SIZE && (n = read (fd, head + got, NF_SNIFF_SIZE - got)) > 0)
    got += (gsize) n;
  close (fd);
  return nf_sniff_content_type (head, got, NULL);
}

/* Where a source goes: to the fetcher that reads what its bytes are (a WARC, a feed, a JSON
 * Lines dump, a URL list), else to the one that reads what its name says, else to the first
 * whose accepts_source takes it.  -1: none. */
static gint
route_one (GPtrArray *fetchers, const char *source)
{
  gint i = fetcher_for_type (fetchers, sniff_file (source));
  if (i < 0 && strstr (source, "://") == NULL)
    i = fetcher_for_type (fetchers, nf_content_type_from_name (source));
  for (guint j = 0; i < 0 && j < fetchers->len; j++)
    {
      NfStage *stage = g_ptr_array_index (fetchers, j);
      if (stage->plugin->accepts_source && stage->plugin->accepts_source (source))
        i = (gint) j;
    }
  return i;
}

gboolean
nf_chain_route_sources (NfChain *chain, const char *const *sources, GError **error)
{
  GPtrArray *fetchers = chain->stages[NF_PLUGIN_FETCH];
  g_autoptr (GPtrArray) routed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < fetchers->len; i++)
    g_ptr_array_add (routed, g_ptr_array_new_with_free_func (g_free));

  for (const char *const *source = sources; source && *source; source++)
    {
      gint i = route_one (fetchers, *source);
      if (i < 0)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                       "%s: no fetch stage of this chain accepts the source '%s'", chain->path, *source);
          return FALSE;
        }
      g_ptr_array_add (g_ptr_array_index (routed, i), g_strdup (*source));
    }
  /* Sources on the command line replace the chain's: a fetcher given none of them would
   * otherwise read its configured sources too (or wait on standard input). */
  gboolean any = sources && *sources;
  for (guint i = 0; i < fetchers->len; i++)
    {
      GPtrArray *list = g_ptr_array_index (routed, i);
      NfStage *stage = g_ptr_array_index (fetchers, i);
      stage->skipped = any && list->len == 0;
      if (list->len == 0)
        continue;
      g_ptr_array_add (list, NULL);
      g_strfreev (stage->sources);
      stage->sources = (char **) g_ptr_array_steal (list, NULL);
    }
  return TRUE;
}

gboolean
nf_chain_route_stdin (NfChain *chain, GError **error)
{
  GPtrArray *fetchers = chain->stages[NF_PLUGIN_FETCH];
  NfStage *holder = NULL;
  for (guint i = 0; holder == NULL && i < fetchers->len; i++)
    {
      NfStage *stage = g_ptr_array_index (fetchers, i);
      if (!stage->skipped && stage->sources && g_strv_contains ((const char *const *) stage->sources, "-"))
        holder = stage;
    }
  if (holder == NULL)
    return TRUE;
  g_autoptr (GError) local = NULL;
  g_autoptr (GBytes) head = nf_stdin_peek (&local);
  if (head == NULL && local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (head == NULL)
    return TRUE;
  gsize length;
  const guint8 *data = g_bytes_get_data (head, &length);
  gint i = fetcher_for_type (fetchers, nf_sniff_content_type (data ? data : (const guint8 *) "", length, NULL));
  if (i < 0 || g_ptr_array_index (fetchers, i) == holder)
    return TRUE;

  GPtrArray *kept = g_ptr_array_new ();
  for (char **source = holder->sources; *source; source++)
    if (strcmp (*source, "-") != 0)
      g_ptr_array_add (kept, g_strdup (*source));
  holder->skipped = kept->len == 0;
  g_ptr_array_add (kept, NULL);
  g_strfreev (holder->sources);
  holder->sources = (char **) g_ptr_array_free (kept, FALSE);

  NfStage *reader = g_ptr_array_index (fetchers, i);
  GStrvBuilder *builder = g_strv_builder_new ();
  if (reader->sources)
    g_strv_builder_addv (builder, (const char **) reader->sources);
  g_strv_builder_add (builder, "-");
  g_strfreev (reader->sources);
  reader->sources = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  reader->skipped = FALSE;
  return TRUE;
}

gboolean
nf_chain_init (NfChain *chain, GError **error)
{
  /* Before the formatters open their outputs: what a run that died left there goes. */
  nf_chain_remove_stale_outputs (chain);
  for (int kind = 0; kind < N_KINDS; kind++)
    for (guint i = 0; i < chain->stages[kind]->len; i++)
      if (!nf_stage_init (g_ptr_array_index (chain->stages[kind], i), error))
        return FALSE;
  return TRUE;
}

void
nf_chain_isolate_all (NfChain *chain)
{
  for (int kind = NF_PLUGIN_PARSE; kind <= NF_PLUGIN_EXTRACT; kind++)
    for (guint i = 0; i < chain->stages[kind]->len; i++)
      ((NfStage *) g_ptr_array_index (chain->stages[kind], i))->isolate = TRUE;
}

void
nf_chain_free (NfChain *chain)
{
  if (chain == NULL)
    return;
  /* Stages in reverse: formatters finish with their files before fetchers let go. */
  for (int kind = N_KINDS - 1; kind >= 0; kind--)
    if (chain->stages[kind])
      g_ptr_array_unref (chain->stages[kind]);
  g_free (chain->path);
  g_free (chain);
}
