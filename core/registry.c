/* registry.c: the plugin search path, module loading with libltdl, descriptor checks.
 * A module file is named KIND_NAME.so (or .la in a build tree); its descriptor must agree. */
#include "config.h"

#include <string.h>
#include <ltdl.h>

#include "registry.h"
#include "suggest.h"
#include <newsflow/error.h>

struct _NfRegistry {
  GPtrArray  *dirs[NF_PATH_N_LEVELS]; /* char * */
  char      **search_path;            /* flattened, rebuilt when a level changes */
  GHashTable *loaded;                 /* "kind/name" -> NfPluginInfo * */
  GPtrArray  *handles;                /* lt_dlhandle */
};

/* Orders a GPtrArray of strings (the GLib 2.74 sort hands out pointers to elements). */
static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
plugin_info_free (gpointer data)
{
  NfPluginInfo *info = data;
  g_free (info->path);
  g_free (info);
}

NfRegistry *
nf_registry_new (void)
{
  NfRegistry *registry = g_new0 (NfRegistry, 1);
  for (int i = 0; i < NF_PATH_N_LEVELS; i++)
    registry->dirs[i] = g_ptr_array_new_with_free_func (g_free);
  registry->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, plugin_info_free);
  registry->handles = g_ptr_array_new ();
  /* libltdl is not thread-safe: the registry opens every module before workers start. */
  lt_dlinit ();
  return registry;
}

void
nf_registry_free (NfRegistry *registry)
{
  if (registry == NULL)
    return;
  g_hash_table_destroy (registry->loaded);
  for (guint i = 0; i < registry->handles->len; i++)
    lt_dlclose (g_ptr_array_index (registry->handles, i));
  g_ptr_array_unref (registry->handles);
  for (int i = 0; i < NF_PATH_N_LEVELS; i++)
    g_ptr_array_unref (registry->dirs[i]);
  g_strfreev (registry->search_path);
  g_free (registry);
  lt_dlexit ();
}

void
nf_registry_add_path (NfRegistry *registry, NfPathLevel level, const char *dirs)
{
  g_auto (GStrv) parts = g_strsplit (dirs ? dirs : "", G_SEARCHPATH_SEPARATOR_S, -1);
  for (char **part = parts; *part; part++)
    if (**part)
      g_ptr_array_add (registry->dirs[level], g_strdup (*part));
  g_clear_pointer (&registry->search_path, g_strfreev);
}

void
nf_registry_add_standard_paths (NfRegistry *registry)
{
  const char *env = g_getenv ("NEWSFLOW_PLUGIN_PATH");
  if (env)
    nf_registry_add_path (registry, NF_PATH_ENVIRONMENT, env);
  if (nf_running_uninstalled ())
    nf_registry_add_path (registry, NF_PATH_BUILD_TREE,
                          NF_BUILD_DIR "/plugins/fetch:" NF_BUILD_DIR "/plugins/parse:"
                          NF_BUILD_DIR "/plugins/extract:" NF_BUILD_DIR "/plugins/format");
  nf_registry_add_path (registry, NF_PATH_DEFAULT, NF_PLUGIN_DIR);
}

char **
nf_registry_get_search_path (NfRegistry *registry)
{
  if (registry->search_path == NULL)
    {
      GPtrArray *all = g_ptr_array_new ();
      for (int level = 0; level < NF_PATH_N_LEVELS; level++)
        for (guint i = 0; i < registry->dirs[level]->len; i++)
          g_ptr_array_add (all, g_strdup (g_ptr_array_index (registry->dirs[level], i)));
      g_ptr_array_add (all, NULL);
      registry->search_path = (char **) g_ptr_array_free (all, FALSE);
    }
  return registry->search_path;
}

/* Splits "extract_keywords.so" into kind and name; FALSE for files that are not modules. */
static gboolean
parse_module_filename (const char *filename, NfPluginKind *kind, char **name)
{
  const char *dot = strrchr (filename, '.');
  if (dot == NULL || (strcmp (dot, ".so") != 0 && strcmp (dot, ".la") != 0))
    return FALSE;
  const char *underscore = strchr (filename, '_');
  if (underscore == NULL || underscore + 1 >= dot)
    return FALSE;
  g_autofree char *kind_word = g_strndup (filename, underscore - filename);
  if (!nf_plugin_kind_from_string (kind_word, kind))
    return FALSE;
  *name = g_strndup (underscore + 1, dot - underscore - 1);
  return TRUE;
}

/* Calls @found for each module file on the search path, first occurrence of a plugin only. */
typedef void (*ModuleFunc) (NfPluginKind kind, const char *name, const char *path, gpointer data);

static void
foreach_module (NfRegistry *registry, ModuleFunc found, gpointer data)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (char **dir = nf_registry_get_search_path (registry); *dir; dir++)
    {
      g_autoptr (GDir) handle = g_dir_open (*dir, 0, NULL);
      if (handle == NULL)
        continue;
      /* Sorted, so the same tree always lists and loads the same way. */
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      const char *entry;
      while ((entry = g_dir_read_name (handle)))
        g_ptr_array_add (files, g_strdup (entry));
      g_ptr_array_sort (files, compare_names);
      for (guint i = 0; i < files->len; i++)
        {
          const char *filename = g_ptr_array_index (files, i);
          NfPluginKind kind;
          g_autofree char *name = NULL;
          if (!parse_module_filename (filename, &kind, &name))
            continue;
          char *key = g_strdup_printf ("%s/%s", nf_plugin_kind_to_string (kind), name);
          if (!g_hash_table_add (seen, key))
            continue;
          g_autofree char *path = g_build_filename (*dir, filename, NULL);
          found (kind, name, path, data);
        }
    }
}

typedef struct {
  NfPluginKind kind;
  const char  *name;
  GPtrArray   *names;
  char        *path;
} FindData;

static void
collect_module (NfPluginKind kind, const char *name, const char *path, gpointer data)
{
  FindData *find = data;
  if (kind != find->kind)
    return;
  if (find->names)
    g_ptr_array_add (find->names, g_strdup (name));
  if (find->name && find->path == NULL && strcmp (name, find->name) == 0)
    find->path = g_strdup (path);
}

GPtrArray *
nf_registry_list_names (NfRegistry *registry, NfPluginKind kind)
{
  FindData find = { kind, NULL, g_ptr_array_new_with_free_func (g_free), NULL };
  foreach_module (registry, collect_module, &find);
  g_ptr_array_sort (find.names, compare_names);
  return find.names;
}

gboolean
nf_plugin_descriptor_check (const NfPluginDescriptor *plugin, const char *where, GError **error)
{
  if (plugin->abi_version != NF_ABI_VERSION || plugin->struct_size != sizeof (NfPluginDescriptor))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN,
                   "%s: built for plugin ABI %u (descriptor of %u bytes) but this newsflow "
                   "provides ABI %d (%zu bytes); rebuild the plugin against newsflow %s",
                   where, plugin->abi_version, plugin->struct_size, NF_ABI_VERSION,
                   sizeof (NfPluginDescriptor), NF_VERSION_STRING);
      return FALSE;
    }
  const char *name = plugin->name ? plugin->name : "";
  if (*name == '\0' || strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (name))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN,
                   "plugin name \"%s\" must be made of a-z, 0-9 and '-'", name);
      return FALSE;
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
        g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN,
                     "%s: option '%s' has no description", where, option->opt.name);
        return FALSE;
      }
  if (missing)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN, "%s: the descriptor has no %s", where, missing);
      return FALSE;
    }
  return TRUE;
}

/* A module's descriptor: sound, and saying what the file name says. */
static gboolean
check_descriptor (const NfPluginDescriptor *plugin, NfPluginKind kind, const char *name,
                  const char *path, GError **error)
{
  if (!nf_plugin_descriptor_check (plugin, path, error))
    return FALSE;
  if (plugin->kind != kind || g_strcmp0 (plugin->name, name) != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN,
                   "%s: the file name says %s plugin '%s' but its descriptor says %s plugin '%s'",
                   path, nf_plugin_kind_to_string (kind), name,
                   nf_plugin_kind_to_string (plugin->kind), plugin->name ? plugin->name : "(null)");
      return FALSE;
    }
  return TRUE;
}

static const NfPluginInfo *
open_module (NfRegistry *registry, NfPluginKind kind, const char *name, const char *path,
             GError **error)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", nf_plugin_kind_to_string (kind), name);
  NfPluginInfo *info = g_hash_table_lookup (registry->loaded, key);
  if (info)
    return info;

  lt_dlhandle handle = lt_dlopen (path);
  if (handle == NULL)
    {
      /* "file not found" here often means an unresolved symbol: print it whole. */
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN, "%s: cannot load module: %s", path, lt_dlerror ());
      return NULL;
    }
  const NfPluginDescriptor *plugin = lt_dlsym (handle, NF_PLUGIN_SYMBOL);
  if (plugin == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN,
                   "%s: not a newsflow plugin (no symbol '%s')", path, NF_PLUGIN_SYMBOL);
      lt_dlclose (handle);
      return NULL;
    }
  if (!check_descriptor (plugin, kind, name, path, error))
    {
      lt_dlclose (handle);
      return NULL;
    }
  g_ptr_array_add (registry->handles, handle);
  info = g_new0 (NfPluginInfo, 1);
  info->descriptor = plugin;
  info->path = g_strdup (path);
  g_hash_table_insert (registry->loaded, g_steal_pointer (&key), info);
  return info;
}

const NfPluginInfo *
nf_registry_load (NfRegistry *registry, NfPluginKind kind, const char *name, GError **error)
{
  FindData find = { kind, name, g_ptr_array_new_with_free_func (g_free), NULL };
  foreach_module (registry, collect_module, &find);
  g_autoptr (GPtrArray) names = find.names;
  g_autofree char *path = find.path;
  if (path)
    return open_module (registry, kind, name, path, error);

  g_ptr_array_sort (names, compare_names);
  g_autofree char *available = nf_join_names (names);
  const char *close = nf_closest_match (name, names);
  g_autofree char *dirs = g_strjoinv (":", nf_registry_get_search_path (registry));
  g_set_error (error, NF_ERROR, NF_ERROR_NOT_FOUND,
               "no %s plugin named '%s'%s%s%s; available %s plugins: %s (searched %s)",
               nf_plugin_kind_to_string (kind), name,
               close ? " (did you mean '" : "", close ? close : "", close ? "'?)" : "",
               nf_plugin_kind_to_string (kind), available, dirs);
  return NULL;
}

typedef struct {
  NfRegistry *registry;
  GPtrArray  *loaded;
  GPtrArray  *errors;
} LoadAllData;

static void
load_module (NfPluginKind kind, const char *name, const char *path, gpointer data)
{
  LoadAllData *all = data;
  g_autoptr (GError) error = NULL;
  const NfPluginInfo *info = open_module (all->registry, kind, name, path, &error);
  if (info)
    g_ptr_array_add (all->loaded, (gpointer) info);
  else if (all->errors)
    g_ptr_array_add (all->errors, g_strdup (error->message));
}

static gint
compare_info (gconstpointer a, gconstpointer b)
{
  const NfPluginInfo *x = *(const NfPluginInfo **) a, *y = *(const NfPluginInfo **) b;
  if (x->descriptor->kind != y->descriptor->kind)
    return (gint) x->descriptor->kind - (gint) y->descriptor->kind;
  return strcmp (x->descriptor->name, y->descriptor->name);
}

GPtrArray *
nf_registry_load_all (NfRegistry *registry, GPtrArray *errors)
{
  LoadAllData all = { registry, g_ptr_array_new (), errors };
  foreach_module (registry, load_module, &all);
  g_ptr_array_sort (all.loaded, compare_info);
  return all.loaded;
}
