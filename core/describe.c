/* describe.c: --list-plugins, --describe (text and JSON) and --graph output, generated from
 * plugin descriptors so the documentation a user reads is the schema chains are checked with. */
#include "config.h"

#include "describe.h"

void
nf_describe_list (GString *out, GPtrArray *infos)
{
  for (guint i = 0; i < infos->len; i++)
    {
      const NfPluginInfo *info = g_ptr_array_index (infos, i);
      g_string_append_printf (out, "%-8s %-14s %s\n         %-14s from %s\n",
                              nf_plugin_kind_to_string (info->descriptor->kind),
                              info->descriptor->name, info->descriptor->summary, "", info->path);
    }
}

const char *
nf_describe_option_type (const cfg_opt_t *opt)
{
  gboolean list = (opt->flags & CFGF_LIST) != 0;
  switch (opt->type)
    {
    case CFGT_INT:
      return list ? "list of integers" : "integer";
    case CFGT_FLOAT:
      return list ? "list of numbers" : "number";
    case CFGT_BOOL:
      return list ? "list of booleans" : "boolean";
    case CFGT_STR:
      return list ? "list of strings" : "string";
    default:
      return "value";
    }
}

char *
nf_describe_option_default (const cfg_opt_t *opt)
{
  if (opt->flags & CFGF_LIST)
    return opt->def.parsed ? g_strdup (opt->def.parsed) : g_strdup ("{}");
  if (opt->flags & CFGF_NODEFAULT)
    return NULL;
  switch (opt->type)
    {
    case CFGT_INT:
      return g_strdup_printf ("%ld", opt->def.number);
    case CFGT_FLOAT:
      return g_strdup_printf ("%g", opt->def.fpnumber);
    case CFGT_BOOL:
      return g_strdup (opt->def.boolean ? "true" : "false");
    case CFGT_STR:
      return opt->def.string ? g_strdup_printf ("\"%s\"", opt->def.string) : NULL;
    default:
      return NULL;
    }
}

void
nf_describe_plugin (GString *out, const NfPluginInfo *info)
{
  const NfPluginDescriptor *plugin = info->descriptor;
  const char *kind = nf_plugin_kind_to_string (plugin->kind);
  g_string_append_printf (out, "%s \"%s\": %s\n", kind, plugin->name, plugin->summary);
  g_string_append_printf (out, "  file: %s\n", info->path);
  if (plugin->content_types)
    {
      g_autofree char *types = g_strjoinv (", ", (char **) plugin->content_types);
      g_string_append_printf (out, "  content types: %s\n", types);
    }
  if (plugin->flags & NF_PLUGIN_FLAG_ORDERED)
    g_string_append (out, "  runs in input order on one thread\n");
  if (plugin->options == NULL || plugin->options[0].opt.name == NULL)
    {
      g_string_append (out, "  options: none\n");
      return;
    }
  g_string_append (out, "  options:\n");
  for (const NfOption *option = plugin->options; option->opt.name; option++)
    {
      g_autofree char *def = nf_describe_option_default (&option->opt);
      g_string_append_printf (out, "    %s (%s", option->opt.name, nf_describe_option_type (&option->opt));
      if (option->flags & NF_OPTION_REQUIRED)
        g_string_append (out, ", required");
      else if (def)
        g_string_append_printf (out, ", default %s", def);
      g_string_append (out, ")\n");
      if (option->choices)
        {
          g_auto (GStrv) choices = g_strsplit (option->choices, "|", -1);
          g_autofree char *list = g_strjoinv (", ", choices);
          g_string_append_printf (out, "        one of: %s\n", list);
        }
      g_string_append_printf (out, "        %s\n", option->description);
    }
}

/* ---- machine-readable: --describe NAME --json -------------------------------------------- */

/* A configuration holding only the plugin's defaults, to read typed defaults from and to
 * compare a stage's values with. */
static cfg_t *
defaults_new (const NfPluginDescriptor *plugin)
{
  g_autoptr (GArray) opts = g_array_new (TRUE, TRUE, sizeof (cfg_opt_t));
  for (const NfOption *option = plugin->options; option && option->opt.name; option++)
    {
      cfg_opt_t copy = option->opt;
      copy.validcb = NULL;
      copy.validcb2 = NULL;
      g_array_append_val (opts, copy);
    }
  return cfg_init ((cfg_opt_t *) opts->data, CFGF_NONE);
}

static void
add_json_value (JsonBuilder *builder, cfg_opt_t *opt, unsigned int i)
{
  switch (opt->type)
    {
    case CFGT_INT:
      json_builder_add_int_value (builder, cfg_opt_getnint (opt, i));
      break;
    case CFGT_FLOAT:
      json_builder_add_double_value (builder, cfg_opt_getnfloat (opt, i));
      break;
    case CFGT_BOOL:
      json_builder_add_boolean_value (builder, cfg_opt_getnbool (opt, i));
      break;
    case CFGT_STR:
      if (cfg_opt_getnstr (opt, i))
        json_builder_add_string_value (builder, cfg_opt_getnstr (opt, i));
      else
        json_builder_add_null_value (builder);
      break;
    default:
      json_builder_add_null_value (builder);
      break;
    }
}

static const char *
json_type_name (const cfg_opt_t *opt)
{
  switch (opt->type)
    {
    case CFGT_INT:
      return "integer";
    case CFGT_FLOAT:
      return "number";
    case CFGT_BOOL:
      return "boolean";
    case CFGT_STR:
      return "string";
    default:
      return "value";
    }
}

static void
add_json_option (JsonBuilder *builder, const NfOption *option, cfg_t *defaults)
{
  cfg_opt_t *opt = cfg_getopt (defaults, option->opt.name);
  gboolean list = (option->opt.flags & CFGF_LIST) != 0;
  gboolean required = (option->flags & NF_OPTION_REQUIRED) != 0;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, option->opt.name);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, json_type_name (&option->opt));
  json_builder_set_member_name (builder, "list");
  json_builder_add_boolean_value (builder, list);
  json_builder_set_member_name (builder, "required");
  json_builder_add_boolean_value (builder, required);
  json_builder_set_member_name (builder, "default");
  if (list)
    {
      json_builder_begin_array (builder);
      for (unsigned int i = 0; opt && i < cfg_opt_size (opt); i++)
        add_json_value (builder, opt, i);
      json_builder_end_array (builder);
    }
  else if (required || opt == NULL || cfg_opt_size (opt) == 0)
    json_builder_add_null_value (builder);
  else
    add_json_value (builder, opt, 0);
  json_builder_set_member_name (builder, "choices");
  if (option->choices)
    {
      g_auto (GStrv) choices = g_strsplit (option->choices, "|", -1);
      json_builder_begin_array (builder);
      for (char **choice = choices; *choice; choice++)
        json_builder_add_string_value (builder, *choice);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, option->description);
  json_builder_end_object (builder);
}

JsonNode *
nf_describe_plugin_json (const NfPluginInfo *info)
{
  const NfPluginDescriptor *plugin = info->descriptor;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, nf_plugin_kind_to_string (plugin->kind));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, plugin->name);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, plugin->summary);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, info->path);
  json_builder_set_member_name (builder, "abi_version");
  json_builder_add_int_value (builder, plugin->abi_version);
  json_builder_set_member_name (builder, "content_types");
  json_builder_begin_array (builder);
  for (const char *const *type = plugin->content_types; type && *type; type++)
    json_builder_add_string_value (builder, *type);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  if (plugin->flags & NF_PLUGIN_FLAG_ORDERED)
    json_builder_add_string_value (builder, "ordered");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  cfg_t *defaults = defaults_new (plugin);
  for (const NfOption *option = plugin->options; option && option->opt.name; option++)
    add_json_option (builder, option, defaults);
  cfg_free (defaults);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- --graph: the chain as Graphviz DOT --------------------------------------------------- */

/* One value of an option in chain syntax. */
static void
append_chain_value (GString *out, cfg_opt_t *opt, unsigned int i)
{
  switch (opt->type)
    {
    case CFGT_INT:
      g_string_append_printf (out, "%ld", cfg_opt_getnint (opt, i));
      break;
    case CFGT_FLOAT:
      g_string_append_printf (out, "%g", cfg_opt_getnfloat (opt, i));
      break;
    case CFGT_BOOL:
      g_string_append (out, cfg_opt_getnbool (opt, i) ? "true" : "false");
      break;
    case CFGT_STR:
      {
        const char *value = cfg_opt_getnstr (opt, i);
        g_autofree char *escaped = g_strescape (value ? value : "", NULL);
        g_string_append_printf (out, "\"%s\"", escaped);
        break;
      }
    default:
      g_string_append (out, "?");
      break;
    }
}

/* The option's value in chain syntax ("8", "{\"a\", \"b\"}"), or NULL when unset. */
static char *
chain_value (cfg_opt_t *opt)
{
  if (opt == NULL)
    return NULL;
  gboolean list = (opt->flags & CFGF_LIST) != 0;
  unsigned int n = cfg_opt_size (opt);
  if (!list && n == 0)
    return NULL;
  GString *out = g_string_new (list ? "{" : NULL);
  for (unsigned int i = 0; i < (list ? n : 1); i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_chain_value (out, opt, i);
    }
  if (list)
    g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* A DOT double-quoted string's contents. */
static void
append_dot_escaped (GString *out, const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

#define GRAPH_VALUE_MAX 48 /* longer values are cut, the graph is an overview */

static void
append_stage_node (GString *out, const char *id, const NfStage *stage)
{
  const NfPluginDescriptor *plugin = stage->plugin;
  g_autoptr (GString) label = g_string_new (NULL);
  g_string_append_printf (label, "%s \"%s\"", nf_plugin_kind_to_string (plugin->kind), stage->name);
  if (plugin->flags & NF_PLUGIN_FLAG_ORDERED)
    g_string_append (label, "\n(ordered)");
  /* The options the chain set to something other than the default: what makes this stage
   * differ from the plugin's documentation. */
  cfg_t *defaults = defaults_new (plugin);
  for (const NfOption *option = plugin->options; option && option->opt.name; option++)
    {
      g_autofree char *value = chain_value (cfg_getopt (stage->config, option->opt.name));
      g_autofree char *def = chain_value (cfg_getopt (defaults, option->opt.name));
      if (value == NULL || g_strcmp0 (value, def) == 0)
        continue;
      if (g_utf8_strlen (value, -1) > GRAPH_VALUE_MAX)
        {
          char *cut = g_utf8_substring (value, 0, GRAPH_VALUE_MAX - 3);
          g_free (value);
          value = g_strconcat (cut, "...", NULL);
          g_free (cut);
        }
      g_string_append_printf (label, "\n%s = %s", option->opt.name, value);
    }
  cfg_free (defaults);
  g_string_append_printf (out, "  %s [label=\"", id);
  append_dot_escaped (out, label->str);
  g_string_append (out, "\"];\n");
}

void
nf_describe_chain_dot (GString *out, const NfChain *chain)
{
  static const char *const colours[] = { "#cfe2f3", "#d9ead3", "#fff2cc", "#f4cccc" };
  g_string_append (out, "digraph newsflow {\n  label=\"");
  append_dot_escaped (out, chain->path);
  g_string_append (out, "\";\n  labelloc=t;\n  rankdir=LR;\n"
                        "  node [shape=box, style=\"rounded,filled\", fontname=\"sans\"];\n"
                        "  edge [fontname=\"sans\", fontsize=10];\n");
  for (int kind = 0; kind < 4; kind++)
    {
      GPtrArray *stages = chain->stages[kind];
      if (stages->len == 0)
        continue;
      g_string_append_printf (out, "  subgraph cluster_%s {\n    label=\"%s\";\n    style=dashed;\n"
                              "    node [fillcolor=\"%s\"];\n", nf_plugin_kind_to_string (kind),
                              nf_plugin_kind_to_string (kind), colours[kind]);
      for (guint i = 0; i < stages->len; i++)
        {
          g_autofree char *id = g_strdup_printf ("%s_%u", nf_plugin_kind_to_string (kind), i);
          g_string_append (out, "  ");
          append_stage_node (out, id, g_ptr_array_index (stages, i));
        }
      g_string_append (out, "  }\n");
    }

  /* Edges follow the runner: every fetcher feeds the parsers (each item goes to the first
   * whose content types match, hence the labels); extractors run one after another; every
   * formatter gets every article. */
  GPtrArray *fetchers = chain->stages[NF_PLUGIN_FETCH], *parsers = chain->stages[NF_PLUGIN_PARSE];
  GPtrArray *extractors = chain->stages[NF_PLUGIN_EXTRACT], *formatters = chain->stages[NF_PLUGIN_FORMAT];
  g_autoptr (GPtrArray) last = g_ptr_array_new_with_free_func (g_free); /* the previous rank */
  for (guint i = 0; i < fetchers->len; i++)
    g_ptr_array_add (last, g_strdup_printf ("fetch_%u", i));
  if (parsers->len)
    {
      for (guint f = 0; f < last->len; f++)
        for (guint p = 0; p < parsers->len; p++)
          {
            const NfStage *parser = g_ptr_array_index (parsers, p);
            g_autofree char *types = parser->plugin->content_types
              ? g_strjoinv (", ", (char **) parser->plugin->content_types) : g_strdup ("");
            g_string_append_printf (out, "  %s -> parse_%u [label=\"", (char *) g_ptr_array_index (last, f), p);
            append_dot_escaped (out, types);
            g_string_append (out, "\"];\n");
          }
      g_ptr_array_set_size (last, 0);
      for (guint p = 0; p < parsers->len; p++)
        g_ptr_array_add (last, g_strdup_printf ("parse_%u", p));
    }
  for (guint e = 0; e < extractors->len; e++)
    {
      for (guint i = 0; i < last->len; i++)
        g_string_append_printf (out, "  %s -> extract_%u;\n", (char *) g_ptr_array_index (last, i), e);
      g_ptr_array_set_size (last, 0);
      g_ptr_array_add (last, g_strdup_printf ("extract_%u", e));
    }
  for (guint f = 0; f < formatters->len; f++)
    for (guint i = 0; i < last->len; i++)
      g_string_append_printf (out, "  %s -> format_%u;\n", (char *) g_ptr_array_index (last, i), f);
  g_string_append (out, "}\n");
}
