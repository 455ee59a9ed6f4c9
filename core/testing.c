/* testing.c: libnewsflow-testing, the plugin author's test harness (newsflow/testing.h).
 * It sets a stage up as the chain loader would, from an option block instead of a file. */
#include "config.h"

#include <string.h>

#include "article-private.h"
#include "registry.h"
#include "stage-private.h"
#include "suggest.h"
#include <newsflow/error.h>
#include <newsflow/testing.h>

struct _NfTestStage {
  NfRegistry *registry; /* keeps a loaded module open, or NULL for a linked-in plugin */
  NfStage    *stage;
  gpointer    worker;   /* worker_new's result */
};

/* ---- articles ------------------------------------------------------------------------------ */

NfArticle *
nf_test_article_new (const char *title, const char *body)
{
  NfArticle *article = nf_article_new ("test");
  if (title)
    nf_article_set_title (article, title);
  /* Blank lines separate paragraphs, as in the text the json formatter writes. */
  g_autoptr (GRegex) blank = g_regex_new ("\\n[ \\t]*\\n\\s*", 0, 0, NULL);
  g_auto (GStrv) parts = g_regex_split (blank, body ? body : "", 0);
  g_autoptr (GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  for (char **part = parts; *part; part++)
    {
      char *paragraph = g_strstrip (g_strdup (*part));
      if (*paragraph)
        g_ptr_array_add (paragraphs, paragraph);
      else
        g_free (paragraph);
    }
  nf_article_set_paragraphs (article, (const char *const *) paragraphs->pdata, paragraphs->len);
  return article;
}

NfArticle *
nf_test_article_parse (const char *parser, const char *content_type, const char *raw,
                       const char *options, GError **error)
{
  g_autoptr (NfTestStage) stage = nf_test_stage_load (NF_PLUGIN_PARSE, parser, options, error);
  if (stage == NULL)
    return NULL;
  g_autoptr (NfArticle) article = nf_article_new ("test");
  g_autoptr (GBytes) bytes = g_bytes_new (raw, strlen (raw));
  nf_article_set_raw (article, bytes, content_type);
  if (!nf_test_stage_process (stage, article, error))
    return NULL;
  if (!nf_article_has_text (article))
    nf_article_set_paragraphs (article, NULL, 0); /* what the runner does after a parser */
  return g_steal_pointer (&article);
}

/* ---- the option block ------------------------------------------------------------------------
 * libconfuse's error and validate callbacks carry no user data, so the first message of the
 * parse running on this thread is kept here, set and consumed inside parse_options. */
static _Thread_local char *captured_error;

static void
capture_error (cfg_t *cfg, const char *fmt, va_list args)
{
  if (captured_error)
    return;
  va_list copy;
  va_copy (copy, args);
  g_autofree char *message = g_strdup_vprintf (fmt, args);
  if (strcmp (fmt, "no such option '%s'") == 0)
    {
      const char *name = va_arg (copy, const char *);
      g_autoptr (GPtrArray) valid = g_ptr_array_new_with_free_func (g_free);
      for (cfg_opt_t *opt = cfg->opts; opt && opt->name; opt++)
        g_ptr_array_add (valid, g_strdup (opt->name));
      const char *close = nf_closest_match (name, valid);
      g_autofree char *list = nf_join_names (valid);
      g_free (message);
      message = g_strdup_printf ("no option '%s'%s%s%s; valid here: %s", name,
                                 close ? " (did you mean '" : "", close ? close : "",
                                 close ? "'?)" : "", valid->len ? list : "none");
    }
  va_end (copy);
  captured_error = cfg && cfg->line ? g_strdup_printf ("line %d: %s", cfg->line, message)
                                    : g_steal_pointer (&message);
}

/* The allowed values of a choice travel in the option's comment (cfg_init copies it). */
static int
validate_choice (cfg_t *cfg, cfg_opt_t *opt)
{
  if (opt->comment == NULL || opt->type != CFGT_STR)
    return 0;
  g_auto (GStrv) allowed = g_strsplit (opt->comment, "|", -1);
  for (unsigned int i = 0; i < cfg_opt_size (opt); i++)
    {
      const char *value = cfg_opt_getnstr (opt, i);
      if (value && !g_strv_contains ((const char *const *) allowed, value))
        {
          g_autofree char *list = g_strjoinv (", ", allowed);
          cfg_error (cfg, "'%s' is not a valid value for option '%s'; choose one of: %s",
                     value, opt->name, list);
          return -1;
        }
    }
  return 0;
}

static cfg_t *
parse_options (const NfPluginDescriptor *plugin, const char *text, GError **error)
{
  g_autoptr (GArray) opts = g_array_new (TRUE, TRUE, sizeof (cfg_opt_t));
  for (const NfOption *option = plugin->options; option && option->opt.name; option++)
    {
      cfg_opt_t copy = option->opt;
      copy.comment = (char *) option->choices;
      copy.validcb = option->choices ? validate_choice : NULL;
      g_array_append_val (opts, copy);
    }
  cfg_t *config = cfg_init ((cfg_opt_t *) opts->data, CFGF_NONE);
  cfg_set_error_function (config, capture_error);
  g_clear_pointer (&captured_error, g_free);
  const char *kind = nf_plugin_kind_to_string (plugin->kind);
  if (cfg_parse_buf (config, text ? text : "") != CFG_SUCCESS)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "options of %s \"%s\": %s", kind, plugin->name,
                   captured_error ? captured_error : "invalid option block");
      g_clear_pointer (&captured_error, g_free);
      cfg_free (config);
      return NULL;
    }
  for (const NfOption *option = plugin->options; option && option->opt.name; option++)
    if ((option->flags & NF_OPTION_REQUIRED) && cfg_size (config, option->opt.name) == 0)
      {
        g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "%s \"%s\" needs option '%s' (%s)", kind,
                     plugin->name, option->opt.name, option->description);
        cfg_free (config);
        return NULL;
      }
  return config;
}

/* ---- stages ------------------------------------------------------------------------------- */

static NfTestStage *
stage_new (NfRegistry *registry, const NfPluginDescriptor *plugin, const char *options,
           GError **error)
{
  cfg_t *config = parse_options (plugin, options, error);
  if (config == NULL)
    {
      nf_registry_free (registry);
      return NULL;
    }
  NfTestStage *test = g_new0 (NfTestStage, 1);
  test->registry = registry;
  test->stage = nf_stage_new (plugin, plugin->name, "test", config);
  if (!nf_stage_init (test->stage, error))
    {
      nf_test_stage_free (test);
      return NULL;
    }
  if (plugin->worker_new)
    {
      g_autoptr (GError) local = NULL;
      test->worker = plugin->worker_new (test->stage, &local);
      if (test->worker == NULL && local)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          nf_test_stage_free (test);
          return NULL;
        }
    }
  return test;
}

NfTestStage *
nf_test_stage_new (const NfPluginDescriptor *plugin, const char *options, GError **error)
{
  g_return_val_if_fail (plugin != NULL, NULL);
  if (plugin->abi_version != NF_ABI_VERSION || plugin->struct_size != sizeof (NfPluginDescriptor))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN,
                   "plugin \"%s\" was built for plugin ABI %u, this library is ABI %d",
                   plugin->name ? plugin->name : "?", plugin->abi_version, NF_ABI_VERSION);
      return NULL;
    }
  /* What the loader would refuse in a module is refused here too, so a unit test finds it
   * before a user does. */
  const char *name = plugin->name ? plugin->name : "";
  if (*name == '\0' || strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (name))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN,
                   "plugin name \"%s\" must be made of a-z, 0-9 and '-'", name);
      return NULL;
    }
  const char *missing = NULL;
  if (plugin->summary == NULL)
    missing = "a summary";
  else if (plugin->kind == NF_PLUGIN_FETCH && plugin->fetch == NULL)
    missing = "a fetch callback";
  else if (plugin->kind != NF_PLUGIN_FETCH && plugin->process == NULL)
    missing = "a process callback";
  else if (plugin->kind == NF_PLUGIN_PARSE && (plugin->content_types == NULL || plugin->content_types[0] == NULL))
    missing = "content types";
  for (const NfOption *option = plugin->options; !missing && option && option->opt.name; option++)
    if (option->description == NULL || *option->description == '\0')
      {
        g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN, "plugin \"%s\": option '%s' has no description",
                     name, option->opt.name);
        return NULL;
      }
  if (missing)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN, "plugin \"%s\": the descriptor has no %s", name, missing);
      return NULL;
    }
  return stage_new (NULL, plugin, options, error);
}

NfTestStage *
nf_test_stage_load (NfPluginKind kind, const char *name, const char *options, GError **error)
{
  NfRegistry *registry = nf_registry_new ();
  nf_registry_add_standard_paths (registry);
  const NfPluginInfo *info = nf_registry_load (registry, kind, name, error);
  if (info == NULL)
    {
      nf_registry_free (registry);
      return NULL;
    }
  return stage_new (registry, info->descriptor, options, error);
}

static gboolean
process_with (NfTestStage *test, gpointer worker, NfArticle *article, GError **error)
{
  const NfPluginDescriptor *plugin = test->stage->plugin;
  if (plugin->process == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_UNSUPPORTED, "%s \"%s\" has no process callback",
                   nf_plugin_kind_to_string (plugin->kind), plugin->name);
      return FALSE;
    }
  g_autoptr (GError) local = NULL;
  if (plugin->process (test->stage, worker, article, &local))
    return TRUE;
  if (local == NULL)
    local = g_error_new_literal (NF_ERROR, NF_ERROR_FAILED, "failed without a message");
  g_autofree char *name = nf_stage_describe (test->stage);
  nf_article_set_failed (article, name, local);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
nf_test_stage_process (NfTestStage *test, NfArticle *article, GError **error)
{
  return process_with (test, test->worker, article, error);
}

gboolean
nf_test_stage_process_ordered (NfTestStage *test, NfArticle *article, GError **error)
{
  return process_with (test, NULL, article, error);
}

gboolean
nf_test_stage_commit (NfTestStage *test, GError **error)
{
  const NfPluginDescriptor *plugin = test->stage->plugin;
  if (plugin->commit == NULL)
    return TRUE;
  g_autoptr (GError) local = NULL;
  if (plugin->commit (test->stage, &local))
    return TRUE;
  if (local == NULL)
    local = g_error_new_literal (NF_ERROR, NF_ERROR_FAILED, "commit failed without a message");
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
nf_test_stage_has_article (NfTestStage *test, const char *id)
{
  const NfPluginDescriptor *plugin = test->stage->plugin;
  return plugin->has_article && plugin->has_article (test->stage, id);
}

gboolean
nf_test_stage_finish (NfTestStage *test, GError **error)
{
  /* As at the end of a run: the last commit, then finish. */
  if (!nf_test_stage_commit (test, error))
    return FALSE;
  if (test->stage->plugin->finish == NULL)
    return TRUE;
  return test->stage->plugin->finish (test->stage, error);
}

NfStage *
nf_test_stage_get_stage (NfTestStage *test)
{
  return test->stage;
}

void
nf_test_stage_free (NfTestStage *test)
{
  if (test == NULL)
    return;
  if (test->worker && test->stage->plugin->worker_free)
    test->stage->plugin->worker_free (test->worker);
  nf_stage_free (test->stage); /* before the module closes: its config may point into it */
  nf_registry_free (test->registry);
  g_free (test);
}

/* ---- inspection ------------------------------------------------------------------------------ */

guint
nf_test_count_annotations (NfArticle *article, const char *type)
{
  guint count = 0;
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    if (type == NULL || strcmp (nf_annotation_get_type (nf_article_get_annotation (article, i)), type) == 0)
      count++;
  return count;
}

char *
nf_test_annotation_text (NfArticle *article, const NfAnnotation *annotation)
{
  const char *text = nf_article_get_text (article);
  gsize start = nf_annotation_get_start (annotation), end = nf_annotation_get_end (annotation);
  if (text == NULL || end > nf_article_get_text_length (article) || start > end)
    return g_strdup ("");
  return g_strndup (text + start, end - start);
}

NfAnnotation *
nf_test_find_annotation (NfArticle *article, const char *type, const char *text)
{
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *annotation = nf_article_get_annotation (article, i);
      if (type && strcmp (nf_annotation_get_type (annotation), type) != 0)
        continue;
      g_autofree char *covered = nf_test_annotation_text (article, annotation);
      if (text == NULL || strcmp (covered, text) == 0)
        return annotation;
    }
  return NULL;
}

char *
nf_test_article_to_json (NfArticle *article)
{
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  return json_to_string (node, FALSE);
}
