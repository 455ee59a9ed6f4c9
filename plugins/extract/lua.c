/* extract "lua": runs a user's Lua 5.4 script on every article, for logic that needs no
 * compiling (tagging, filtering, cleaning metadata).  The API is documented in
 * docs/writing-plugins.md ("Lua plugins") and newsflow.chain(5).
 *
 * Each worker has its own lua_State.  A script sees only the safe standard libraries (no io,
 * os, package, debug, no bytecode loading), an `article` object valid during the call, and
 * `args` from the chain; it is stopped after max-instructions per article or timeout-ms of
 * wall-clock time (even inside a C call such as string.find with a pathological pattern),
 * or as soon as the run is interrupted, and cannot grow past memory-limit.  __gc
 * metamethods are refused: finalizers run without hooks, where nothing could stop them.
 * Any error fails that one article with the script's file:line. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* SIGEV_THREAD_ID, gettid */
#endif
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <newsflow/newsflow.h>

#ifndef NF_LUA_DIR
#define NF_LUA_DIR "/etc/newsflow/lua"
#endif

static const NfOption lua_options[] = {
  NF_OPTION_STR_REQUIRED ("script",
                          "The Lua script: an absolute path, a path relative to the chain file, "
                          "or the name of a script installed in " NF_LUA_DIR "."),
  NF_OPTION_STR ("function", "process",
                 "The global function the script defines; it is called as f(article) for "
                 "every article."),
  NF_OPTION_STR_LIST ("args", NULL,
                      "Strings handed to the script as the global table `args`: \"name=value\" "
                      "sets args.name, anything else is appended to args[1], args[2], ..."),
  NF_OPTION_INT ("max-instructions", 10000000,
                 "Virtual-machine instructions one call may run before the article fails "
                 "(stops endless loops); 0 for no limit."),
  NF_OPTION_INT ("memory-limit", 64,
                 "Megabytes one worker's Lua state may use; 0 for no limit."),
  NF_OPTION_INT ("timeout-ms", 10000,
                 "Wall-clock milliseconds one call may take before the article fails, counted "
                 "inside string.find, match, gmatch and gsub too (where max-instructions cannot "
                 "see); 0 for no limit. An interrupted run stops a call within 0.1 s either way."),
  NF_OPTION_END
};

/* Read-only after init: shared by every worker. */
typedef struct {
  char   *path;       /* the file read */
  char   *chunkname;  /* "@" + the name the user wrote, so messages say "tag.lua:12:" */
  char   *source;     /* the script's text, read once */
  gsize   length;
  char   *function;
  char  **args;
  lua_Integer max_instructions;
  gsize   memory_limit;
  gint64  timeout_us;     /* 0: none */
  NfStage *stage;         /* for nf_stage_is_cancelled */
} LuaPlugin;

/* One per worker thread. */
typedef struct _LuaWorker {
  const LuaPlugin *plugin;
  lua_State *L;
  gsize      used;        /* bytes allocated by this state */
  lua_Integer executed;   /* instructions in the current call */
  int        function;    /* registry reference to the script's function */
  NfArticle *article;     /* the article of the current call, or NULL between calls */
  guint64    call;        /* number of the current call */
  /* The watchdog: a POSIX timer that signals this worker's thread every TICK_MS while a
   * call runs; the handler stops the call when it is late or the run is interrupted. */
  gboolean   has_timer;
  timer_t    timer;
  pid_t      timer_thread;
  gint64     deadline;    /* monotonic microseconds; 0: none */
  volatile sig_atomic_t calling;
  volatile sig_atomic_t in_pattern; /* inside a guarded string function: may be jumped out of */
  volatile sig_atomic_t in_alloc;   /* inside the allocator: must not be */
  volatile sig_atomic_t stop;       /* STOP_*: why the call is being stopped */
  sigjmp_buf *volatile  jump;       /* where the guarded string function resumes */
  lua_State *volatile   current;    /* the thread (coroutine) running lately, for the stop hook */
} LuaWorker;

enum { STOP_NONE, STOP_TIMEOUT, STOP_CANCELLED };
#define TICK_MS 50

#define HOOK_EVERY 1000 /* instructions between two checks of the limit */
#define ARTICLE_META "newsflow.article"
#define MAX_DEPTH 32    /* nesting of tables turned into field values */

/* The script's `article`: valid only during the call that made it (a script may keep it in
 * a global); the worker says which article that is. */
typedef struct {
  LuaWorker *worker;
  guint64    call;
} ArticleRef;

/* ---- conversions between GVariant and Lua ----------------------------------------------- */

static void
push_variant (lua_State *L, GVariant *value, int depth)
{
  if (value == NULL || depth > MAX_DEPTH)
    {
      lua_pushnil (L);
      return;
    }
  luaL_checkstack (L, 4, "field value too deeply nested");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr (GVariant) inner = g_variant_get_variant (value);
      push_variant (L, inner, depth + 1);
      return;
    }
  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_BOOLEAN:
      lua_pushboolean (L, g_variant_get_boolean (value));
      return;
    case G_VARIANT_CLASS_BYTE:
      lua_pushinteger (L, g_variant_get_byte (value));
      return;
    case G_VARIANT_CLASS_INT16:
      lua_pushinteger (L, g_variant_get_int16 (value));
      return;
    case G_VARIANT_CLASS_UINT16:
      lua_pushinteger (L, g_variant_get_uint16 (value));
      return;
    case G_VARIANT_CLASS_INT32:
      lua_pushinteger (L, g_variant_get_int32 (value));
      return;
    case G_VARIANT_CLASS_UINT32:
      lua_pushinteger (L, g_variant_get_uint32 (value));
      return;
    case G_VARIANT_CLASS_INT64:
      lua_pushinteger (L, g_variant_get_int64 (value));
      return;
    case G_VARIANT_CLASS_UINT64:
      lua_pushinteger (L, (lua_Integer) g_variant_get_uint64 (value));
      return;
    case G_VARIANT_CLASS_DOUBLE:
      lua_pushnumber (L, g_variant_get_double (value));
      return;
    case G_VARIANT_CLASS_STRING:
    case G_VARIANT_CLASS_OBJECT_PATH:
    case G_VARIANT_CLASS_SIGNATURE:
      {
        gsize length;
        const char *string = g_variant_get_string (value, &length);
        lua_pushlstring (L, string, length);
        return;
      }
    case G_VARIANT_CLASS_ARRAY:
    case G_VARIANT_CLASS_TUPLE:
      {
        gboolean dict = g_variant_is_of_type (value, G_VARIANT_TYPE ("a{s*}"));
        gsize n = g_variant_n_children (value);
        lua_createtable (L, dict ? 0 : (int) MIN (n, G_MAXINT), dict ? (int) MIN (n, G_MAXINT) : 0);
        for (gsize i = 0; i < n; i++)
          {
            g_autoptr (GVariant) child = g_variant_get_child_value (value, i);
            if (dict)
              {
                g_autoptr (GVariant) key = g_variant_get_child_value (child, 0);
                g_autoptr (GVariant) item = g_variant_get_child_value (child, 1);
                push_variant (L, item, depth + 1);
                lua_setfield (L, -2, g_variant_get_string (key, NULL));
              }
            else
              {
                push_variant (L, child, depth + 1);
                lua_rawseti (L, -2, (lua_Integer) i + 1);
              }
          }
        return;
      }
    case G_VARIANT_CLASS_MAYBE:
      {
        g_autoptr (GVariant) inner = g_variant_get_maybe (value);
        push_variant (L, inner, depth + 1);
        return;
      }
    default:
      lua_pushnil (L);
      return;
    }
}

/* Length of the table at @index if it is a sequence 1..n (n may be 0), or -1. */
static lua_Integer
sequence_length (lua_State *L, int index)
{
  lua_Integer n = (lua_Integer) lua_rawlen (L, index), keys = 0;
  lua_pushnil (L);
  while (lua_next (L, index))
    {
      lua_pop (L, 1);
      if (!lua_isinteger (L, -1) || lua_tointeger (L, -1) < 1 || lua_tointeger (L, -1) > n)
        {
          lua_pop (L, 1);
          return -1;
        }
      keys++;
    }
  return keys == n ? n : -1;
}

/* Raises a Lua error when the value at @index has no GVariant form (functions, userdata,
 * tables with mixed keys, invalid UTF-8).  Checking first means the conversion below never
 * unwinds through C code that holds memory. */
static void
check_storable (lua_State *L, int index, int depth)
{
  index = lua_absindex (L, index);
  if (depth > MAX_DEPTH)
    luaL_error (L, "value nested more than %d tables deep (a table that contains itself?)", MAX_DEPTH);
  luaL_checkstack (L, 4, "value too deeply nested");
  switch (lua_type (L, index))
    {
    case LUA_TBOOLEAN:
    case LUA_TNUMBER:
      return;
    case LUA_TSTRING:
      {
        size_t length;
        const char *string = lua_tolstring (L, index, &length);
        if (!g_utf8_validate_len (string, length, NULL) || strlen (string) != length)
          luaL_error (L, "strings stored in an article must be UTF-8 without NUL bytes");
        return;
      }
    case LUA_TTABLE:
      {
        gboolean list = sequence_length (L, index) >= 0;
        lua_pushnil (L);
        while (lua_next (L, index))
          {
            if (!list && lua_type (L, -2) != LUA_TSTRING)
              luaL_error (L, "a table stored in an article is either a list (keys 1..n) or a "
                             "record (string keys), not both");
            check_storable (L, -1, depth + 1);
            lua_pop (L, 1);
          }
        return;
      }
    default:
      luaL_error (L, "a %s cannot be stored in an article", luaL_typename (L, index));
    }
}

static gint
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The string keys of the table at @index, sorted; they stay valid while the table holds
 * them. */
static GPtrArray *
sorted_keys (lua_State *L, int index)
{
  GPtrArray *keys = g_ptr_array_new ();
  lua_pushnil (L);
  while (lua_next (L, index))
    {
      lua_pop (L, 1);
      g_ptr_array_add (keys, (gpointer) lua_tostring (L, -1));
    }
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

/* The (checked) Lua value at @index as a floating GVariant: integers x, numbers d, lists of
 * strings as, other lists av, records a{sv} with sorted keys (Lua's order is random). */
static GVariant *
to_variant (lua_State *L, int index)
{
  index = lua_absindex (L, index);
  switch (lua_type (L, index))
    {
    case LUA_TBOOLEAN:
      return g_variant_new_boolean (lua_toboolean (L, index));
    case LUA_TNUMBER:
      return lua_isinteger (L, index) ? g_variant_new_int64 (lua_tointeger (L, index))
                                      : g_variant_new_double (lua_tonumber (L, index));
    case LUA_TSTRING:
      return g_variant_new_string (lua_tostring (L, index));
    case LUA_TTABLE:
      {
        lua_Integer n = sequence_length (L, index);
        GVariantBuilder builder;
        if (n >= 0)
          {
            gboolean strings = TRUE;
            for (lua_Integer i = 1; i <= n && strings; i++)
              {
                strings = lua_rawgeti (L, index, i) == LUA_TSTRING;
                lua_pop (L, 1);
              }
            g_variant_builder_init (&builder, strings ? G_VARIANT_TYPE_STRING_ARRAY : G_VARIANT_TYPE ("av"));
            for (lua_Integer i = 1; i <= n; i++)
              {
                lua_rawgeti (L, index, i);
                GVariant *item = to_variant (L, -1);
                g_variant_builder_add_value (&builder, strings ? item : g_variant_new_variant (item));
                lua_pop (L, 1);
              }
            return g_variant_builder_end (&builder);
          }
        g_autoptr (GPtrArray) keys = sorted_keys (L, index);
        g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
        for (guint i = 0; i < keys->len; i++)
          {
            const char *key = g_ptr_array_index (keys, i);
            lua_pushstring (L, key);
            lua_rawget (L, index);
            g_variant_builder_add (&builder, "{sv}", key, to_variant (L, -1));
            lua_pop (L, 1);
          }
        return g_variant_builder_end (&builder);
      }
    default:
      g_return_val_if_reached (NULL); /* check_storable let it through */
    }
}

/* ---- the article object -------------------------------------------------------------------- */

static NfArticle *
check_article (lua_State *L)
{
  ArticleRef *ref = luaL_checkudata (L, 1, ARTICLE_META);
  if (ref->worker->article == NULL || ref->call != ref->worker->call)
    luaL_error (L, "this article object is no longer valid (it was kept after its call)");
  return ref->worker->article;
}

static void
push_nullable (lua_State *L, const char *string)
{
  if (string)
    lua_pushstring (L, string);
  else
    lua_pushnil (L);
}

static int
article_source (lua_State *L)
{
  push_nullable (L, nf_article_get_source (check_article (L)));
  return 1;
}

static int
article_id (lua_State *L)
{
  push_nullable (L, nf_article_get_id (check_article (L)));
  return 1;
}

static int
article_title (lua_State *L)
{
  push_nullable (L, nf_article_get_title (check_article (L)));
  return 1;
}

static int
article_text (lua_State *L)
{
  NfArticle *article = check_article (L);
  const char *text = nf_article_get_text (article);
  lua_pushlstring (L, text ? text : "", text ? nf_article_get_text_length (article) : 0);
  return 1;
}

static int
article_language (lua_State *L)
{
  push_nullable (L, nf_article_get_language (check_article (L)));
  return 1;
}

static int
article_published (lua_State *L)
{
  GDateTime *published = nf_article_get_published (check_article (L));
  g_autofree char *iso = published ? nf_date_time_format (published) : NULL;
  push_nullable (L, iso);
  return 1;
}

static int
article_authors (lua_State *L)
{
  const char *const *authors = nf_article_get_authors (check_article (L));
  lua_newtable (L);
  for (lua_Integer i = 0; authors && authors[i]; i++)
    {
      lua_pushstring (L, authors[i]);
      lua_rawseti (L, -2, i + 1);
    }
  return 1;
}

static int
article_paragraphs (lua_State *L)
{
  NfArticle *article = check_article (L);
  const char *text = nf_article_get_text (article);
  guint n = nf_article_get_n_paragraphs (article);
  lua_createtable (L, (int) n, 0);
  for (guint i = 0; i < n; i++)
    {
      gsize start, end;
      nf_article_get_paragraph_span (article, i, &start, &end);
      lua_pushlstring (L, text + start, end - start);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  return 1;
}

static int
article_field (lua_State *L)
{
  NfArticle *article = check_article (L);
  push_variant (L, nf_article_get_field (article, luaL_checkstring (L, 2)), 0);
  return 1;
}

static int
article_fields (lua_State *L)
{
  NfArticle *article = check_article (L);
  lua_newtable (L);
  for (guint i = 0; i < nf_article_get_n_fields (article); i++)
    {
      const char *name;
      GVariant *value = nf_article_get_nth_field (article, i, &name);
      push_variant (L, value, 0);
      lua_setfield (L, -2, name);
    }
  return 1;
}

static const char *
check_field_name (lua_State *L, int index)
{
  const char *name = luaL_checkstring (L, index);
  if (*name == '\0')
    luaL_error (L, "a field name cannot be empty");
  if (nf_article_is_reserved_field (name))
    luaL_error (L, "'%s' is a reserved name; use the article's own method for it", name);
  return name;
}

static int
article_set_field (lua_State *L)
{
  NfArticle *article = check_article (L);
  const char *name = check_field_name (L, 2);
  luaL_checkany (L, 3);
  if (lua_isnil (L, 3))
    {
      nf_article_remove_field (article, name);
      return 0;
    }
  check_storable (L, 3, 0);
  nf_article_set_field (article, name, to_variant (L, 3));
  return 0;
}

static int
article_remove_field (lua_State *L)
{
  NfArticle *article = check_article (L);
  lua_pushboolean (L, nf_article_remove_field (article, check_field_name (L, 2)));
  return 1;
}

/* A string argument the article may store: UTF-8, no NUL; NULL for nil when @optional. */
static const char *
check_text (lua_State *L, int index, gboolean optional)
{
  if (optional && lua_isnoneornil (L, index))
    return NULL;
  size_t length;
  const char *string = luaL_checklstring (L, index, &length);
  if (!g_utf8_validate_len (string, length, NULL) || strlen (string) != length)
    luaL_argerror (L, index, "not UTF-8 text");
  return string;
}

static int
article_set_title (lua_State *L)
{
  NfArticle *article = check_article (L);
  nf_article_set_title (article, check_text (L, 2, TRUE));
  return 0;
}

static int
article_set_language (lua_State *L)
{
  NfArticle *article = check_article (L);
  nf_article_set_language (article, check_text (L, 2, TRUE));
  return 0;
}

static int
article_add_author (lua_State *L)
{
  NfArticle *article = check_article (L);
  nf_article_add_author (article, check_text (L, 2, FALSE));
  return 0;
}

/* Annotations use Lua's string positions: 1-based and inclusive, what string.find returns,
 * so `article:annotate("word", text:find("grain"))` marks the word. */
static void
push_annotation (lua_State *L, NfArticle *article, NfAnnotation *annotation)
{
  gsize start = nf_annotation_get_start (annotation), end = nf_annotation_get_end (annotation);
  const char *text = nf_article_get_text (article);
  lua_createtable (L, 0, 5);
  lua_pushstring (L, nf_annotation_get_type (annotation));
  lua_setfield (L, -2, "type");
  lua_pushinteger (L, (lua_Integer) start + 1);
  lua_setfield (L, -2, "first");
  lua_pushinteger (L, (lua_Integer) end);
  lua_setfield (L, -2, "last");
  if (text && end <= nf_article_get_text_length (article) && start <= end)
    lua_pushlstring (L, text + start, end - start);
  else
    lua_pushliteral (L, "");
  lua_setfield (L, -2, "text");
  lua_newtable (L);
  for (guint i = 0; i < nf_annotation_get_n_attrs (annotation); i++)
    {
      const char *key;
      GVariant *value = nf_annotation_get_nth_attr (annotation, i, &key);
      push_variant (L, value, 0);
      lua_setfield (L, -2, key);
    }
  lua_setfield (L, -2, "attrs");
}

static int
article_annotations (lua_State *L)
{
  NfArticle *article = check_article (L);
  const char *type = luaL_optstring (L, 2, NULL);
  lua_newtable (L);
  lua_Integer n = 0;
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *annotation = nf_article_get_annotation (article, i);
      if (type && strcmp (nf_annotation_get_type (annotation), type) != 0)
        continue;
      push_annotation (L, article, annotation);
      lua_rawseti (L, -2, ++n);
    }
  return 1;
}

static int
article_annotate (lua_State *L)
{
  NfArticle *article = check_article (L);
  const char *type = check_text (L, 2, FALSE);
  lua_Integer first = luaL_checkinteger (L, 3);
  lua_Integer last = luaL_checkinteger (L, 4);
  lua_Integer length = (lua_Integer) nf_article_get_text_length (article);
  if (*type == '\0')
    luaL_error (L, "an annotation needs a type");
  if (first < 1 || last < first - 1 || last > length)
    luaL_error (L, "annotation span %I..%I is outside the text (1..%I)", first, last, length);
  if (!lua_isnoneornil (L, 5))
    luaL_checktype (L, 5, LUA_TTABLE);
  if (lua_istable (L, 5))
    {
      lua_pushnil (L);
      while (lua_next (L, 5))
        {
          if (lua_type (L, -2) != LUA_TSTRING)
            luaL_error (L, "annotation attributes are a table with string keys");
          check_storable (L, -1, 0);
          lua_pop (L, 1);
        }
    }
  NfAnnotation *annotation = nf_article_add_annotation (article, type, (gsize) first - 1, (gsize) last);
  if (lua_istable (L, 5))
    {
      g_autoptr (GPtrArray) keys = sorted_keys (L, 5);
      for (guint i = 0; i < keys->len; i++)
        {
          const char *key = g_ptr_array_index (keys, i);
          lua_pushstring (L, key);
          lua_rawget (L, 5);
          nf_annotation_set_attr (annotation, key, to_variant (L, -1));
          lua_pop (L, 1);
        }
    }
  return 0;
}

static int
article_drop (lua_State *L)
{
  NfArticle *article = check_article (L);
  const char *reason = check_text (L, 2, TRUE);
  nf_article_drop (article, reason ? reason : "dropped by a Lua script");
  return 0;
}

static int
article_is_dropped (lua_State *L)
{
  lua_pushboolean (L, nf_article_is_dropped (check_article (L)));
  return 1;
}

static const luaL_Reg article_methods[] = {
  { "source", article_source },
  { "id", article_id },
  { "title", article_title },
  { "text", article_text },
  { "language", article_language },
  { "published", article_published },
  { "authors", article_authors },
  { "paragraphs", article_paragraphs },
  { "field", article_field },
  { "fields", article_fields },
  { "annotations", article_annotations },
  { "set_field", article_set_field },
  { "remove_field", article_remove_field },
  { "set_title", article_set_title },
  { "set_language", article_set_language },
  { "add_author", article_add_author },
  { "annotate", article_annotate },
  { "drop", article_drop },
  { "is_dropped", article_is_dropped },
  { NULL, NULL },
};

/* ---- a sandboxed state ---------------------------------------------------------------------- */

static void *
limited_alloc (void *data, void *block, size_t old_size, size_t new_size)
{
  LuaWorker *worker = data;
  if (block == NULL)
    old_size = 0; /* then old_size is the type of object being made */
  if (new_size == 0)
    {
      worker->in_alloc = 1; /* the watchdog must not jump out of malloc's locks */
      g_free (block);
      worker->in_alloc = 0;
      worker->used -= old_size;
      return NULL;
    }
  if (worker->plugin->memory_limit && new_size > old_size
      && worker->used + (new_size - old_size) > worker->plugin->memory_limit)
    return NULL; /* Lua raises "not enough memory", which fails the article */
  worker->in_alloc = 1;
  void *grown = g_try_realloc (block, new_size);
  worker->in_alloc = 0;
  if (grown)
    worker->used = worker->used - old_size + new_size;
  return grown;
}

/* Pushes "script.lua:LINE: " for the innermost script function on the stack (C functions
 * such as error() or a hook have no line), or "" when there is none. */
static void
push_script_where (lua_State *L)
{
  lua_Debug ar;
  for (int level = 0; lua_getstack (L, level, &ar); level++)
    if (lua_getinfo (L, "Sl", &ar) && ar.currentline > 0)
      {
        lua_pushfstring (L, "%s:%d: ", ar.short_src, ar.currentline);
        return;
      }
  lua_pushliteral (L, "");
}

static void
count_instructions (lua_State *L, G_GNUC_UNUSED lua_Debug *ar)
{
  LuaWorker *worker = *(LuaWorker **) lua_getextraspace (L);
  worker->executed += HOOK_EVERY;
  worker->current = L;
  if (worker->plugin->stage && nf_stage_is_cancelled (worker->plugin->stage))
    {
      push_script_where (L);
      lua_pushliteral (L, "stopped: the run was interrupted");
      lua_concat (L, 2);
      lua_error (L);
    }
  if (worker->plugin->max_instructions > 0 && worker->executed > worker->plugin->max_instructions)
    {
      push_script_where (L);
      lua_pushfstring (L, "stopped after %I instructions (max-instructions; an endless loop?)",
                       worker->plugin->max_instructions);
      lua_concat (L, 2);
      lua_error (L);
    }
}

/* ---- the watchdog: time limits inside C calls ------------------------------------------------
 * The instruction hook never fires while a C function runs, and Lua's pattern matcher
 * backtracks without bound: ("a"):rep(400):find(".-.-.-.-b") runs for hours in one call.
 * So a timer signals the worker's thread every TICK_MS during a call.  When the call is
 * late (timeout-ms) or the run is interrupted, the handler either
 *   - jumps back into the guarded string function when the thread is inside one and not
 *     inside the allocator: the matcher holds no lock and changes no shared state, the
 *     GC is stopped there, and the wrapper then raises an ordinary Lua error, just as the
 *     matcher itself does for "pattern too complex"; or
 *   - sets a hook that raises the error at the next VM instruction (lua_sethook is safe to
 *     call from a signal handler; this is how the lua interpreter handles Ctrl-C).
 * The thread the handler runs on is the one the timer targets, found in thread-local
 * storage. */

static __thread LuaWorker *running_worker;

static int
watchdog_signal (void)
{
  return SIGRTMIN + 6;
}

static void
stop_hook (lua_State *L, G_GNUC_UNUSED lua_Debug *ar);

static void
on_watchdog (G_GNUC_UNUSED int signo)
{
  LuaWorker *worker = running_worker;
  if (worker == NULL || !worker->calling || worker->stop != STOP_NONE)
    {
      if (worker && worker->stop != STOP_NONE && worker->in_pattern && !worker->in_alloc && worker->jump)
        siglongjmp (*worker->jump, 1); /* was in the allocator at the last tick */
      return;
    }
  if (worker->plugin->stage && nf_stage_is_cancelled (worker->plugin->stage))
    worker->stop = STOP_CANCELLED;
  else if (worker->deadline > 0 && g_get_monotonic_time () >= worker->deadline)
    worker->stop = STOP_TIMEOUT;
  else
    return;
  if (worker->in_pattern && !worker->in_alloc && worker->jump)
    siglongjmp (*worker->jump, 1);
  lua_sethook (worker->current ? worker->current : worker->L, stop_hook,
               LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

static gboolean
watchdog_install (GError **error)
{
  static gsize done = 0;
  static gboolean ok;
  if (g_once_init_enter (&done))
    {
      struct sigaction action = { 0 };
      action.sa_handler = on_watchdog;
      action.sa_flags = SA_RESTART;
      sigemptyset (&action.sa_mask);
      ok = sigaction (watchdog_signal (), &action, NULL) == 0;
      g_once_init_leave (&done, 1);
    }
  if (!ok)
    g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "cannot install the Lua watchdog's signal handler");
  return ok;
}

/* Arms the timer for one call on this thread (made on first use: the timer targets the
 * thread that runs the worker). */
static gboolean
watchdog_start (LuaWorker *worker, GError **error)
{
  pid_t thread = gettid ();
  if (worker->has_timer && worker->timer_thread != thread)
    {
      timer_delete (worker->timer);
      worker->has_timer = FALSE;
    }
  if (!worker->has_timer)
    {
      struct sigevent event = { 0 };
      event.sigev_notify = SIGEV_THREAD_ID;
      event.sigev_signo = watchdog_signal ();
#ifdef sigev_notify_thread_id
      event.sigev_notify_thread_id = thread;
#else
      event._sigev_un._tid = thread;
#endif
      if (timer_create (CLOCK_MONOTONIC, &event, &worker->timer) != 0)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "cannot create the Lua watchdog timer: %s",
                       g_strerror (errno));
          return FALSE;
        }
      worker->has_timer = TRUE;
      worker->timer_thread = thread;
    }
  worker->stop = STOP_NONE;
  worker->deadline = worker->plugin->timeout_us ? g_get_monotonic_time () + worker->plugin->timeout_us : 0;
  running_worker = worker;
  worker->calling = 1;
  struct itimerspec tick = { { 0, TICK_MS * 1000000L }, { 0, TICK_MS * 1000000L } };
  timer_settime (worker->timer, 0, &tick, NULL);
  return TRUE;
}

static void
watchdog_stop (LuaWorker *worker)
{
  struct itimerspec off = { { 0, 0 }, { 0, 0 } };
  worker->calling = 0;
  if (worker->has_timer)
    timer_settime (worker->timer, 0, &off, NULL);
  running_worker = NULL;
  if (worker->stop != STOP_NONE) /* the stop hook may be set: back to counting */
    lua_sethook (worker->L, count_instructions, LUA_MASKCOUNT, HOOK_EVERY);
}

/* The error a stopped call ends with. */
static int
stop_error (lua_State *L)
{
  LuaWorker *worker = *(LuaWorker **) lua_getextraspace (L);
  push_script_where (L);
  if (worker->stop == STOP_CANCELLED)
    lua_pushliteral (L, "stopped: the run was interrupted");
  else
    lua_pushfstring (L, "stopped after %I ms (timeout-ms; a pathological pattern or an endless loop?)",
                     (lua_Integer) (worker->plugin->timeout_us / 1000));
  lua_concat (L, 2);
  return lua_error (L);
}

static void
stop_hook (lua_State *L, G_GNUC_UNUSED lua_Debug *ar)
{
  stop_error (L);
}

/* string.find, match, gmatch (and its iterator) and gsub, run where the watchdog may jump
 * out of them.  Upvalue 1: the library's function. */
static int
guarded_call (lua_State *L)
{
  LuaWorker *worker = *(LuaWorker **) lua_getextraspace (L);
  int n = lua_gettop (L);
  lua_pushvalue (L, lua_upvalueindex (1));
  lua_insert (L, 1);
  if (!worker->calling) /* the script's top level, at start-up: no watchdog */
    {
      lua_call (L, n, LUA_MULTRET);
      return lua_gettop (L);
    }
  sigjmp_buf here;
  sigjmp_buf *volatile outer = worker->jump;
  volatile sig_atomic_t outer_in_pattern = worker->in_pattern;
  volatile int gc_was_running = lua_gc (L, LUA_GCISRUNNING);
  if (sigsetjmp (here, 1) != 0)
    {
      worker->in_pattern = outer_in_pattern;
      worker->jump = outer;
      if (gc_was_running)
        lua_gc (L, LUA_GCRESTART);
      return stop_error (L);
    }
  /* No collection inside: a GC step cut short would leave the heap inconsistent.  lua_call,
   * not lua_pcall: the error raised after the jump must unwind to a protected call that is
   * still on the stack.  An error of the function itself (a malformed pattern) unwinds past
   * the lines below; whoever catches it (protected_call, or pcall, xpcall and
   * coroutine.resume, see guard_protected_calls) puts the flags and the GC back. */
  lua_gc (L, LUA_GCSTOP);
  worker->jump = &here;
  worker->current = L;
  worker->in_pattern = 1;
  lua_call (L, n, LUA_MULTRET);
  worker->in_pattern = outer_in_pattern;
  worker->jump = outer;
  if (gc_was_running)
    lua_gc (L, LUA_GCRESTART);
  return lua_gettop (L);
}

/* gsub's function or table replacement: script code, run outside the guarded region (it
 * may call anything).  Upvalue 1: the function or table. */
static int
replacement_call (lua_State *L)
{
  LuaWorker *worker = *(LuaWorker **) lua_getextraspace (L);
  sig_atomic_t was = worker->in_pattern;
  worker->in_pattern = 0;
  lua_gc (L, LUA_GCRESTART);
  if (lua_type (L, lua_upvalueindex (1)) == LUA_TTABLE)
    {
      lua_settop (L, 1);
      lua_pushvalue (L, lua_upvalueindex (1));
      lua_insert (L, 1);
      lua_gettable (L, 1);
    }
  else
    {
      lua_pushvalue (L, lua_upvalueindex (1));
      lua_insert (L, 1);
      lua_call (L, lua_gettop (L) - 1, 1);
    }
  lua_gc (L, LUA_GCSTOP);
  worker->in_pattern = was;
  return 1;
}

static int
guarded_gsub (lua_State *L)
{
  int type = lua_type (L, 3);
  if (type == LUA_TFUNCTION || type == LUA_TTABLE)
    {
      lua_pushvalue (L, 3);
      lua_pushcclosure (L, replacement_call, 1);
      lua_replace (L, 3);
    }
  return guarded_call (L);
}

static int
guarded_gmatch (lua_State *L)
{
  guarded_call (L); /* leaves the iterator (and nothing else) on the stack */
  lua_settop (L, 1);
  lua_pushcclosure (L, guarded_call, 1); /* each step of the iteration is guarded too */
  return 1;
}

/* pcall, xpcall and coroutine.resume catch errors that may have unwound out of a guarded
 * string function: the flags go back to what they were at the call, and the GC runs again
 * (script code always runs with it on; collectgarbage is not available to scripts).
 * Upvalue 1: the library's function. */
static int
protected_script_call (lua_State *L)
{
  LuaWorker *worker = *(LuaWorker **) lua_getextraspace (L);
  sig_atomic_t in_pattern = worker->in_pattern;
  sigjmp_buf *jump = worker->jump;
  lua_State *current = worker->current;
  lua_pushvalue (L, lua_upvalueindex (1));
  lua_insert (L, 1);
  lua_call (L, lua_gettop (L) - 1, LUA_MULTRET);
  worker->in_pattern = in_pattern;
  worker->jump = jump;
  worker->current = current;
  if (!in_pattern)
    lua_gc (L, LUA_GCRESTART);
  return lua_gettop (L);
}

static void
guard_protected_calls (lua_State *L)
{
  lua_pushglobaltable (L);
  const char *const base[] = { "pcall", "xpcall" };
  for (guint i = 0; i < G_N_ELEMENTS (base); i++)
    {
      lua_getfield (L, -1, base[i]);
      lua_pushcclosure (L, protected_script_call, 1);
      lua_setfield (L, -2, base[i]);
    }
  lua_pop (L, 1);
  lua_getglobal (L, LUA_COLIBNAME);
  lua_getfield (L, -1, "resume");
  lua_pushcclosure (L, protected_script_call, 1);
  lua_setfield (L, -2, "resume");
  lua_pop (L, 1);
}

static void
guard_string_functions (lua_State *L)
{
  static const struct { const char *name; lua_CFunction wrapper; } guarded[] = {
    { "find", guarded_call }, { "match", guarded_call }, { "gmatch", guarded_gmatch }, { "gsub", guarded_gsub },
  };
  lua_getglobal (L, LUA_STRLIBNAME);
  for (guint i = 0; i < G_N_ELEMENTS (guarded); i++)
    {
      lua_getfield (L, -1, guarded[i].name); /* the original: the wrapper's upvalue 1 */
      lua_pushcclosure (L, guarded[i].wrapper, 1);
      lua_setfield (L, -2, guarded[i].name);
    }
  lua_pop (L, 1);
}

/* Finalizers run with hooks off (and at lua_close, after the run): an endless __gc could
 * never be stopped, so metatables with one are refused.  Lua marks an object for
 * finalization only if its metatable has __gc when setmetatable is called, so adding one
 * later does nothing.  Upvalue 1: the library's setmetatable. */
static int
safe_setmetatable (lua_State *L)
{
  if (lua_type (L, 2) == LUA_TTABLE)
    {
      lua_pushliteral (L, "__gc");
      if (lua_rawget (L, 2) != LUA_TNIL)
        return luaL_error (L, "__gc metamethods are not allowed in newsflow scripts "
                              "(finalizers cannot be time-limited)");
      lua_pop (L, 1);
    }
  lua_pushvalue (L, lua_upvalueindex (1));
  lua_insert (L, 1);
  lua_call (L, lua_gettop (L) - 1, 1);
  return 1;
}

/* print() goes to stderr: stdout may be the formatter's output.  The line is built on the
 * Lua stack, so an erroring __tostring leaves nothing allocated behind. */
static int
safe_print (lua_State *L)
{
  int n = lua_gettop (L);
  for (int i = 1; i <= n; i++)
    {
      luaL_tolstring (L, i, NULL);
      lua_pushstring (L, i < n ? "\t" : "\n");
    }
  lua_concat (L, 2 * n);
  g_printerr ("%s", n ? lua_tostring (L, -1) : "\n");
  return 0;
}

static void
open_safe_libraries (lua_State *L)
{
  static const luaL_Reg libraries[] = {
    { LUA_GNAME, luaopen_base },
    { LUA_TABLIBNAME, luaopen_table },
    { LUA_STRLIBNAME, luaopen_string },
    { LUA_MATHLIBNAME, luaopen_math },
    { LUA_UTF8LIBNAME, luaopen_utf8 },
    { LUA_COLIBNAME, luaopen_coroutine },
    { NULL, NULL },
  };
  for (const luaL_Reg *library = libraries; library->func; library++)
    {
      luaL_requiref (L, library->name, library->func, 1);
      lua_pop (L, 1);
    }
  /* What reaches files, the process or precompiled chunks goes; load() of text stays out
   * too, since it could take bytecode. */
  static const char *const unsafe[] = { "dofile", "loadfile", "load", "collectgarbage", NULL };
  for (const char *const *name = unsafe; *name; name++)
    {
      lua_pushnil (L);
      lua_setglobal (L, *name);
    }
  lua_getglobal (L, LUA_STRLIBNAME);
  lua_pushnil (L);
  lua_setfield (L, -2, "dump");
  lua_pop (L, 1);
  lua_pushcfunction (L, safe_print);
  lua_setglobal (L, "print");
  lua_getglobal (L, "setmetatable");
  lua_pushcclosure (L, safe_setmetatable, 1);
  lua_setglobal (L, "setmetatable");
  guard_string_functions (L);
  guard_protected_calls (L);
}

static void
push_args (lua_State *L, char *const *args)
{
  lua_newtable (L);
  lua_Integer n = 0;
  for (char *const *arg = args; arg && *arg; arg++)
    {
      const char *equals = strchr (*arg, '=');
      if (equals && equals > *arg)
        {
          lua_pushstring (L, equals + 1);
          lua_pushlstring (L, *arg, equals - *arg);
          lua_insert (L, -2);
          lua_settable (L, -3);
        }
      else
        {
          lua_pushstring (L, *arg);
          lua_rawseti (L, -2, ++n);
        }
    }
  lua_setglobal (L, "args");
}

/* Non-string errors (error({...})) still give a message. */
static int
message_handler (lua_State *L)
{
  if (lua_type (L, 1) == LUA_TSTRING)
    return 1;
  if (luaL_callmeta (L, 1, "__tostring") && lua_type (L, -1) == LUA_TSTRING)
    return 1;
  push_script_where (L);
  lua_pushfstring (L, "error object is a %s value", luaL_typename (L, 1));
  lua_concat (L, 2);
  return 1;
}

/* Everything that can fail or allocate in a state runs under lua_pcall, so that running out
 * of memory is an error, not a panic (which would abort the process). */

/* Sets the state up: safe libraries, the article type, args, the script run once, its
 * function kept in the registry.  Argument 1: the LuaWorker (light userdata). */
static int
setup_state (lua_State *L)
{
  LuaWorker *worker = lua_touserdata (L, 1);
  const LuaPlugin *plugin = worker->plugin;
  open_safe_libraries (L);
  luaL_newmetatable (L, ARTICLE_META);
  luaL_newlib (L, article_methods);
  lua_setfield (L, -2, "__index");
  lua_pushliteral (L, "article");
  lua_setfield (L, -2, "__metatable"); /* getmetatable() cannot reach the methods' table */
  lua_pop (L, 1);
  push_args (L, plugin->args);

  /* Text only: precompiled chunks could break the sandbox. */
  if (luaL_loadbufferx (L, plugin->source, plugin->length, plugin->chunkname, "t") != LUA_OK)
    return lua_error (L);
  lua_call (L, 0, 0);
  if (lua_getglobal (L, plugin->function) != LUA_TFUNCTION)
    {
      lua_pushfstring (L, "%s defines no function '%s' (option 'function')", plugin->chunkname + 1,
                       plugin->function);
      return lua_error (L);
    }
  worker->function = luaL_ref (L, LUA_REGISTRYINDEX);
  return 0;
}

/* Calls the script's function with a new article object.  Argument 1: the LuaWorker. */
static int
call_function (lua_State *L)
{
  LuaWorker *worker = lua_touserdata (L, 1);
  lua_rawgeti (L, LUA_REGISTRYINDEX, worker->function);
  ArticleRef *ref = lua_newuserdatauv (L, sizeof (ArticleRef), 0);
  ref->worker = worker;
  ref->call = worker->call;
  luaL_setmetatable (L, ARTICLE_META);
  lua_call (L, 1, 0);
  return 0;
}

/* Runs @function (a C function taking the worker) protected; FALSE with @error on failure. */
static gboolean
protected_call (LuaWorker *worker, lua_CFunction function, GError **error)
{
  lua_State *L = worker->L;
  lua_pushcfunction (L, message_handler); /* light C functions: pushing them allocates nothing */
  lua_pushcfunction (L, function);
  lua_pushlightuserdata (L, worker);
  worker->executed = 0;
  int status = lua_pcall (L, 1, 0, -3);
  /* An error may have unwound out of a guarded string function. */
  worker->in_pattern = 0;
  worker->jump = NULL;
  worker->current = NULL;
  lua_gc (L, LUA_GCRESTART);
  if (status == LUA_OK)
    {
      lua_pop (L, 1);
      return TRUE;
    }
  const char *message = lua_tostring (L, -1);
  g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "%s",
               status == LUA_ERRMEM ? "the script ran out of memory (memory-limit)"
                                    : message ? message : "the script failed");
  lua_pop (L, 2);
  return FALSE;
}

/* A state with the script loaded and its top level run; NULL and @error on failure. */
static LuaWorker *
lua_worker_create (const LuaPlugin *plugin, GError **error)
{
  LuaWorker *worker = g_new0 (LuaWorker, 1);
  worker->plugin = plugin;
  worker->function = LUA_NOREF;
  worker->L = lua_newstate (limited_alloc, worker);
  if (worker->L == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "cannot create a Lua state (memory-limit too low?)");
      g_free (worker);
      return NULL;
    }
  *(LuaWorker **) lua_getextraspace (worker->L) = worker;
  lua_sethook (worker->L, count_instructions, LUA_MASKCOUNT, HOOK_EVERY);
  if (!protected_call (worker, setup_state, error))
    {
      lua_close (worker->L);
      g_free (worker);
      return NULL;
    }
  return worker;
}

/* ---- the plugin ------------------------------------------------------------------------------ */

static void lua_worker_free (gpointer data);

static void
lua_plugin_free (gpointer data)
{
  LuaPlugin *plugin = data;
  g_free (plugin->path);
  g_free (plugin->chunkname);
  g_free (plugin->source);
  g_free (plugin->function);
  g_strfreev (plugin->args);
  g_free (plugin);
}

/* Absolute; else next to the chain file; else a bare name among the installed scripts. */
static char *
find_script (NfStage *stage, const char *script)
{
  if (g_path_is_absolute (script))
    return g_strdup (script);
  g_autofree char *location = g_strdup (nf_stage_get_location (stage));
  char *colon = strrchr (location, ':');
  if (colon)
    *colon = '\0';
  g_autofree char *dir = g_path_get_dirname (location);
  char *beside = g_build_filename (dir, script, NULL);
  if (g_file_test (beside, G_FILE_TEST_EXISTS) || strchr (script, G_DIR_SEPARATOR))
    return beside;
  char *installed = g_build_filename (NF_LUA_DIR, script, NULL);
  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_free (beside);
      return installed;
    }
  g_free (installed);
  return beside;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LuaPlugin, lua_plugin_free)

static gboolean
lua_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  long max_instructions = cfg_getint (config, "max-instructions");
  long memory_limit = cfg_getint (config, "memory-limit");
  long timeout_ms = cfg_getint (config, "timeout-ms");
  if (max_instructions < 0 || memory_limit < 0 || timeout_ms < 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "max-instructions, memory-limit and timeout-ms must be 0 or more");
      return FALSE;
    }
  /* The stage gets the instance only on success: free is not called when init fails. */
  g_autoptr (LuaPlugin) plugin = g_new0 (LuaPlugin, 1);
  const char *script = cfg_getstr (config, "script");
  plugin->path = find_script (stage, script);
  plugin->chunkname = g_strconcat ("@", script, NULL);
  plugin->function = g_strdup (cfg_getstr (config, "function"));
  plugin->max_instructions = max_instructions;
  plugin->memory_limit = (gsize) memory_limit * 1024 * 1024;
  plugin->timeout_us = (gint64) timeout_ms * 1000;
  plugin->stage = stage;
  if (!watchdog_install (error))
    return FALSE;
  unsigned int n = cfg_size (config, "args");
  plugin->args = g_new0 (char *, n + 1);
  for (unsigned int i = 0; i < n; i++)
    plugin->args[i] = g_strdup (cfg_getnstr (config, "args", i));

  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (plugin->path, &plugin->source, &plugin->length, &local))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_NOT_FOUND, "script: %s", local->message);
      return FALSE;
    }
  /* Loading it once here reports syntax errors and a missing function before the run. */
  LuaWorker *check = lua_worker_create (plugin, error);
  if (check == NULL)
    return FALSE;
  lua_worker_free (check);
  nf_stage_set_instance (stage, g_steal_pointer (&plugin));
  return TRUE;
}

static gpointer
lua_worker_new (NfStage *stage, GError **error)
{
  return lua_worker_create (nf_stage_get_instance (stage), error);
}

static void
lua_worker_free (gpointer data)
{
  LuaWorker *worker = data;
  lua_close (worker->L);
  if (worker->has_timer)
    timer_delete (worker->timer);
  g_free (worker);
}

/* Every thread that runs the stage, the in-order one included, has its own state
 * (plugin.h's worker contract). */
static gboolean
lua_process (G_GNUC_UNUSED NfStage *stage, gpointer data, NfArticle *article, GError **error)
{
  LuaWorker *worker = data;
  if (!watchdog_start (worker, error))
    return FALSE;
  worker->article = article;
  worker->call++;
  gboolean ok = protected_call (worker, call_function, error);
  worker->article = NULL; /* article objects the script kept are dead from here on */
  watchdog_stop (worker);
  return ok;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "lua",
  .summary = "Runs a Lua script on every article: read it, add fields and annotations, or drop it",
  .options = lua_options,
  .init = lua_init,
  .worker_new = lua_worker_new,
  .worker_free = lua_worker_free,
  .process = lua_process,
  .free = lua_plugin_free,
);
