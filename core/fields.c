/* fields.c: NfFieldSelection, columns picked from an article's JSON form by path, and the
 * flattening of JSON values to one line of text (see newsflow/fields.h). */
#include "config.h"

#include <string.h>

#include <newsflow/fields.h>
#include <newsflow/error.h>

typedef struct {
  char *member;      /* object member to step into */
  char *type_filter; /* keep array elements whose "type" is this, or NULL */
} Step;

typedef struct {
  char   *name;
  GArray *steps;     /* of Step */
} Column;

struct _NfFieldSelection {
  GArray *columns;   /* of Column */
};

static void
step_clear (gpointer data)
{
  Step *step = data;
  g_free (step->member);
  g_free (step->type_filter);
}

static void
column_clear (gpointer data)
{
  Column *column = data;
  g_free (column->name);
  g_clear_pointer (&column->steps, g_array_unref);
}

void
nf_field_selection_free (NfFieldSelection *selection)
{
  if (selection == NULL)
    return;
  g_array_unref (selection->columns);
  g_free (selection);
}

static gboolean
parse_path (const char *spec, const char *path, GArray *steps, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i]; i++)
    {
      Step step = { 0 };
      char *part = g_strstrip (parts[i]);
      char *bracket = strchr (part, '[');
      if (bracket)
        {
          gsize length = strlen (bracket);
          if (length < 3 || bracket[length - 1] != ']' || strchr (bracket + 1, '[')
              || memchr (bracket + 1, ']', length - 2))
            {
              g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                           "field \"%s\": a step's filter is written NAME[TYPE]", spec);
              return FALSE;
            }
          step.type_filter = g_strndup (bracket + 1, length - 2);
          *bracket = '\0';
        }
      if (*part == '\0' || strchr (part, ']'))
        {
          g_free (step.type_filter);
          g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                       "field \"%s\": empty or malformed step in the path", spec);
          return FALSE;
        }
      step.member = g_strdup (part);
      g_array_append_val (steps, step);
    }
  return TRUE;
}

NfFieldSelection *
nf_field_selection_new (const char *const *specs, gssize n, GError **error)
{
  g_autoptr (NfFieldSelection) selection = g_new0 (NfFieldSelection, 1);
  selection->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (selection->columns, column_clear);
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  for (gssize i = 0; n < 0 ? specs[i] != NULL : i < n; i++)
    {
      const char *spec = specs[i];
      const char *equals = strchr (spec, '=');
      g_autofree char *name = g_strstrip (equals ? g_strndup (spec, equals - spec) : g_strdup (spec));
      g_autofree char *path = g_strstrip (g_strdup (equals ? equals + 1 : spec));
      if (*name == '\0' || *path == '\0')
        {
          g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                       "field \"%s\": write PATH or NAME=PATH, neither empty", spec);
          return NULL;
        }
      Column column = { 0 };
      column.steps = g_array_new (FALSE, TRUE, sizeof (Step));
      g_array_set_clear_func (column.steps, step_clear);
      if (!parse_path (spec, path, column.steps, error))
        {
          g_array_unref (column.steps);
          return NULL;
        }
      column.name = g_steal_pointer (&name);
      g_array_append_val (selection->columns, column);
      const char *stored = g_array_index (selection->columns, Column, selection->columns->len - 1).name;
      if (!g_hash_table_add (names, (gpointer) stored))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                       "field \"%s\": the name \"%s\" is used twice", spec, stored);
          return NULL;
        }
    }
  return g_steal_pointer (&selection);
}

guint
nf_field_selection_get_n (const NfFieldSelection *selection)
{
  return selection->columns->len;
}

const char *
nf_field_selection_get_name (const NfFieldSelection *selection, guint i)
{
  g_return_val_if_fail (i < selection->columns->len, NULL);
  return g_array_index (selection->columns, Column, i).name;
}

static gboolean
has_type (JsonNode *node, const char *type)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  const char *value = json_object_get_string_member_with_default (json_node_get_object (node), "type", NULL);
  return value && strcmp (value, type) == 0;
}

/* Follows @steps from @node; a new node, or NULL when the path leads nowhere. */
static JsonNode *
follow (JsonNode *node, const Step *steps, guint n)
{
  if (n == 0)
    return json_node_copy (node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *result = json_array_new ();
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *found = follow (json_array_get_element (array, i), steps, n);
          if (found)
            json_array_add_element (result, found);
        }
      JsonNode *list = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (list, result);
      return list;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  JsonNode *member = json_object_get_member (json_node_get_object (node), steps[0].member);
  if (member == NULL)
    return NULL;
  if (steps[0].type_filter == NULL)
    return follow (member, steps + 1, n - 1);
  if (!JSON_NODE_HOLDS_ARRAY (member))
    return NULL;
  JsonArray *array = json_node_get_array (member);
  JsonArray *result = json_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!has_type (element, steps[0].type_filter))
        continue;
      JsonNode *found = follow (element, steps + 1, n - 1);
      if (found)
        json_array_add_element (result, found);
    }
  JsonNode *list = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (list, result);
  return list;
}

JsonNode *
nf_field_selection_get (const NfFieldSelection *selection, guint i, JsonNode *article)
{
  g_return_val_if_fail (i < selection->columns->len, NULL);
  const Column *column = &g_array_index (selection->columns, Column, i);
  JsonNode *found = follow (article, (const Step *) column->steps->data, column->steps->len);
  return found ? found : json_node_new (JSON_NODE_NULL);
}

JsonNode *
nf_field_selection_apply (const NfFieldSelection *selection, JsonNode *article)
{
  JsonObject *object = json_object_new ();
  for (guint i = 0; i < selection->columns->len; i++)
    json_object_set_member (object, nf_field_selection_get_name (selection, i),
                            nf_field_selection_get (selection, i, article));
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static void
flatten_into (GString *out, JsonNode *value, const char *separator, gboolean *first)
{
  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_NULL:
      return;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (value);
        for (guint i = 0; i < json_array_get_length (array); i++)
          flatten_into (out, json_array_get_element (array, i), separator, first);
        return;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_OBJECT:
      {
        if (!*first)
          g_string_append (out, separator);
        *first = FALSE;
        if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
          g_string_append (out, json_node_get_string (value));
        else
          {
            g_autofree char *text = json_to_string (value, FALSE);
            g_string_append (out, text);
          }
        return;
      }
    }
}

char *
nf_json_flatten (JsonNode *value, const char *separator)
{
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;
  flatten_into (out, value, separator, &first);
  return g_string_free (out, FALSE);
}
