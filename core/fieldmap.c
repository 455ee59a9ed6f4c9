/* fieldmap.c: fills an article from a JSON object through a map of keys (title-field,
 * text-field, ...), the one copy shared by fetch "jsonl" and parse "json". */
#include "config.h"

#include <string.h>

#include <newsflow/date.h>
#include <newsflow/error.h>
#include <newsflow/fieldmap.h>
#include <newsflow/json.h>
#include <newsflow/text.h>

typedef enum {
  ROLE_TITLE,
  ROLE_TEXT,
  ROLE_URL,
  ROLE_DATE,
  ROLE_AUTHORS,
  ROLE_LANGUAGE,
  ROLE_ID,
  N_ROLES
} Role;

/* The option naming each role's keys, in Role order. */
static const char *const role_options[N_ROLES] = {
  "title-field", "text-field", "url-field", "date-field",
  "authors-field", "language-field", "id-field",
};

struct _NfFieldMap {
  char   **keys[N_ROLES]; /* NULL-terminated key lists */
  gboolean keep_other;
};

NfFieldMap *
nf_field_map_new_from_config (cfg_t *config, GError **error)
{
  g_autoptr (NfFieldMap) map = g_new0 (NfFieldMap, 1);
  for (int role = 0; role < N_ROLES; role++)
    {
      const char *option = role_options[role];
      unsigned int n = cfg_size (config, option);
      map->keys[role] = g_new0 (char *, n + 1);
      for (unsigned int i = 0; i < n; i++)
        {
          const char *key = cfg_getnstr (config, option, i);
          if (key == NULL || *key == '\0')
            {
              g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "%s: key %u is empty", option, i + 1);
              return NULL;
            }
          map->keys[role][i] = g_strdup (key);
        }
    }
  if (map->keys[ROLE_TEXT][0] == NULL)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN,
                           "text-field must name at least one key: an article needs a body");
      return NULL;
    }
  map->keep_other = cfg_getbool (config, "keep-other");
  return g_steal_pointer (&map);
}

void
nf_field_map_free (NfFieldMap *map)
{
  if (map == NULL)
    return;
  for (int role = 0; role < N_ROLES; role++)
    g_strfreev (map->keys[role]);
  g_free (map);
}

/* ---- lookup ---- */

/* The member @key of @object: literally, else as a dotted path through nested objects. */
static JsonNode *
lookup (JsonObject *object, const char *key)
{
  JsonNode *node = json_object_get_member (object, key);
  if (node || strchr (key, '.') == NULL)
    return node;
  g_auto (GStrv) steps = g_strsplit (key, ".", -1);
  for (char **step = steps; *step; step++)
    {
      if (object == NULL || (node = json_object_get_member (object, *step)) == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

/* The first of @role's keys present (and not null) in @object; *@key_used says which. */
static JsonNode *
find_role (const NfFieldMap *map, Role role, JsonObject *object, const char **key_used)
{
  for (char **key = map->keys[role]; *key; key++)
    {
      JsonNode *node = lookup (object, *key);
      if (node && !JSON_NODE_HOLDS_NULL (node))
        {
          *key_used = *key;
          return node;
        }
    }
  return NULL;
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return "a string";
        case G_TYPE_BOOLEAN:
          return "a boolean";
        default:
          return "a number";
        }
    }
  return "a value";
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
wrong_type (const char *key, JsonNode *node, const char *wanted, GError **error)
{
  g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "key \"%s\" is %s, not %s",
               key, describe_node (node), wanted);
  return FALSE;
}

/* A string role (title, url, language): a string, or a wrong-type error. */
static gboolean
get_string (const NfFieldMap *map, Role role, JsonObject *object, const char **value,
            const char **key, GError **error)
{
  *value = NULL;
  JsonNode *node = find_role (map, role, object, key);
  if (node == NULL)
    return TRUE;
  if (!is_string (node))
    return wrong_type (*key, node, "a string", error);
  *value = json_node_get_string (node);
  return TRUE;
}

/* ---- the body ---- */

/* Each non-blank line of @text, trimmed of white space (the core's one definition: a line of
 * no-break spaces is blank too), is a paragraph: dumps separate paragraphs with a blank line
 * or a single line break, and both come out the same.  @text is valid UTF-8 (JSON). */
static void
add_paragraphs (NfArticle *article, const char *text)
{
  const char *line = text;
  while (*line)
    {
      const char *end = strchr (line, '\n');
      if (end == NULL)
        end = line + strlen (line);
      const char *start = line;
      const char *stop = end;
      while (start < stop && nf_unichar_is_space (g_utf8_get_char (start)))
        start = g_utf8_next_char (start);
      while (stop > start)
        {
          const char *last = g_utf8_prev_char (stop);
          if (!nf_unichar_is_space (g_utf8_get_char (last)))
            break;
          stop = last;
        }
      if (stop > start)
        nf_article_add_paragraph (article, start, stop - start);
      line = *end ? end + 1 : end;
    }
}

static gboolean
set_text (const NfFieldMap *map, JsonObject *object, NfArticle *article, const char **key, GError **error)
{
  JsonNode *node = find_role (map, ROLE_TEXT, object, key);
  if (node == NULL)
    {
      g_autofree char *keys = g_strjoinv ("\", \"", map->keys[ROLE_TEXT]);
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "no text: the object has none of the text-field keys (\"%s\")", keys);
      return FALSE;
    }
  nf_article_set_paragraphs (article, NULL, 0);
  if (is_string (node))
    {
      add_paragraphs (article, json_node_get_string (node));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (*key, node, "a string or an array of strings", error);
  JsonArray *array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!is_string (element))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "key \"%s\": element %u is %s, not a string", *key, i, describe_node (element));
          return FALSE;
        }
      add_paragraphs (article, json_node_get_string (element));
    }
  return TRUE;
}

/* ---- dates ---- */

static gboolean
set_date (const NfFieldMap *map, JsonObject *object, NfArticle *article, const char **key, GError **error)
{
  JsonNode *node = find_role (map, ROLE_DATE, object, key);
  if (node == NULL)
    return TRUE;
  g_autoptr (GDateTime) date = NULL;
  if (is_string (node))
    {
      /* The core's lenient reader (newsflow/date.h): ISO 8601 with or without a zone or
       * seconds, RFC 1123, named months; a bare day stays a day in published_local. */
      NfDate read;
      if (!nf_date_parse (json_node_get_string (node), NULL, &read))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "key \"%s\": cannot read \"%s\" as a date (ISO 8601, RFC 1123 or seconds since 1970 expected)",
                       *key, json_node_get_string (node));
          return FALSE;
        }
      nf_date_set_published (article, &read);
      return TRUE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node)
           && (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE))
    {
      double seconds = json_node_get_double (node);
      /* Checked before the conversion: a double past gint64's range (1e300) cast to it is
       * undefined behaviour, and GDateTime holds years 1 to 9999 only. */
      const double first = -62135596800.0, last = 253402300799.0; /* 0001-01-01, 9999-12-31 */
      if (seconds >= first && seconds <= last)
        date = g_date_time_new_from_unix_utc ((gint64) seconds);
      if (date == NULL)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "key \"%s\": %.0f seconds since 1970 is out of range", *key, seconds);
          return FALSE;
        }
    }
  else
    return wrong_type (*key, node, "a date string or a number", error);
  nf_article_set_published (article, date);
  return TRUE;
}

/* ---- authors, id ---- */

static gboolean
set_authors (const NfFieldMap *map, JsonObject *object, NfArticle *article, const char **key, GError **error)
{
  JsonNode *node = find_role (map, ROLE_AUTHORS, object, key);
  if (node == NULL)
    return TRUE;
  if (is_string (node))
    {
      const char *name = json_node_get_string (node);
      if (*name)
        nf_article_add_author (article, name);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (*key, node, "a string or an array", error);
  JsonArray *array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *name = element;
      if (JSON_NODE_HOLDS_OBJECT (element)) /* schema.org Person: {"name": ...} */
        name = json_object_get_member (json_node_get_object (element), "name");
      if (name == NULL || !is_string (name))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "key \"%s\": element %u is %s, not a name", *key, i,
                       name ? describe_node (name) : "an object without a \"name\"");
          return FALSE;
        }
      if (*json_node_get_string (name))
        nf_article_add_author (article, json_node_get_string (name));
    }
  return TRUE;
}

static gboolean
set_id (const NfFieldMap *map, JsonObject *object, NfArticle *article, const char **key, GError **error)
{
  JsonNode *node = find_role (map, ROLE_ID, object, key);
  if (node == NULL)
    return TRUE;
  if (is_string (node))
    nf_article_set_id (article, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      nf_article_set_id (article, id);
    }
  else
    return wrong_type (*key, node, "a string or an integer", error);
  return TRUE;
}

/* ---- the whole object ---- */

gboolean
nf_field_map_apply (const NfFieldMap *map, JsonObject *object, NfArticle *article, GError **error)
{
  g_return_val_if_fail (map != NULL && object != NULL && article != NULL, FALSE);
  const char *used[N_ROLES] = { NULL };
  const char *title, *url, *language;
  if (!get_string (map, ROLE_TITLE, object, &title, &used[ROLE_TITLE], error)
      || !set_text (map, object, article, &used[ROLE_TEXT], error)
      || !get_string (map, ROLE_URL, object, &url, &used[ROLE_URL], error)
      || !set_date (map, object, article, &used[ROLE_DATE], error)
      || !set_authors (map, object, article, &used[ROLE_AUTHORS], error)
      || !get_string (map, ROLE_LANGUAGE, object, &language, &used[ROLE_LANGUAGE], error)
      || !set_id (map, object, article, &used[ROLE_ID], error))
    return FALSE;
  if (title)
    {
      g_autofree char *clean = g_strstrip (g_strdup (title));
      nf_article_set_title (article, clean);
    }
  if (language && *language)
    nf_article_set_language (article, language);

  if (map->keep_other)
    {
      g_autoptr (GList) members = json_object_get_members (object);
      for (GList *member = members; member; member = member->next)
        {
          const char *name = member->data;
          gboolean mapped = FALSE;
          for (int role = 0; role < N_ROLES && !mapped; role++)
            mapped = g_strcmp0 (used[role], name) == 0;
          if (mapped || nf_article_is_reserved_field (name))
            continue;
          nf_article_set_field (article, name, nf_variant_from_json (json_object_get_member (object, name)));
        }
    }
  if (url) /* after the other keys: a "url" key the map did not choose gives way */
    nf_article_set_field_string (article, "url", url);
  return TRUE;
}

/* JSON can carry a NUL character (\u0000) that no C string of the article can: JSON-GLib
 * would silently cut the string there, so that ids "a\u0000x" and "a\u0000y" become one.
 * Such an item is failed instead, with the reason. */
static gboolean
check_no_nul (const char *data, gsize length, GError **error)
{
  if (memchr (data, '\0', length))
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "not valid JSON: a NUL byte in the text");
      return FALSE;
    }
  for (const char *p = data; (p = g_strstr_len (p, length - (p - data), "u0000")); p += 5)
    {
      gsize backslashes = 0;
      while ((gsize) (p - data) > backslashes && p[-1 - (gssize) backslashes] == '\\')
        backslashes++;
      if (backslashes % 2 == 1)
        {
          g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                               "a JSON string holds a NUL character (\\u0000), which newsflow cannot "
                               "keep: the item is failed rather than truncated");
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
nf_field_map_apply_data (const NfFieldMap *map, const char *data, gsize length,
                         NfArticle *article, GError **error)
{
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!check_no_nul (data, length, error))
    return FALSE;
  if (!nf_json_check_depth (data, (gssize) length, error))
    return FALSE;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local = NULL;
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "not valid JSON: %s", local->message);
      return FALSE;
    }
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "no JSON value: the input is empty");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s, not a JSON object", describe_node (root));
      return FALSE;
    }
  if (!nf_json_validate_utf8 (root, error))
    return FALSE;
  return nf_field_map_apply (map, json_node_get_object (root), article, error);
}
