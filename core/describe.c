/* describe.c: --list-plugins and --describe output, generated from plugin descriptors so
 * the documentation a user reads is the schema the chain file is checked against. */
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
