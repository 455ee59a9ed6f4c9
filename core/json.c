/* json.c: the JSON form of an article and of GVariant values.
 * Every formatter and the error file go through here, so they agree on names and nesting. */
#include "config.h"

#include <string.h>

#include <newsflow/error.h>
#include <newsflow/json.h>
#include <newsflow/names.h>

JsonNode *
nf_variant_to_json (GVariant *value)
{
  if (value == NULL)
    return json_node_new (JSON_NODE_NULL);

  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_BOOLEAN:
      json_node_set_boolean (node, g_variant_get_boolean (value));
      return node;
    case G_VARIANT_CLASS_BYTE:
      json_node_set_int (node, g_variant_get_byte (value));
      return node;
    case G_VARIANT_CLASS_INT16:
      json_node_set_int (node, g_variant_get_int16 (value));
      return node;
    case G_VARIANT_CLASS_UINT16:
      json_node_set_int (node, g_variant_get_uint16 (value));
      return node;
    case G_VARIANT_CLASS_INT32:
      json_node_set_int (node, g_variant_get_int32 (value));
      return node;
    case G_VARIANT_CLASS_UINT32:
      json_node_set_int (node, g_variant_get_uint32 (value));
      return node;
    case G_VARIANT_CLASS_INT64:
      json_node_set_int (node, g_variant_get_int64 (value));
      return node;
    case G_VARIANT_CLASS_UINT64:
      json_node_set_int (node, (gint64) g_variant_get_uint64 (value));
      return node;
    case G_VARIANT_CLASS_HANDLE:
      json_node_set_int (node, g_variant_get_handle (value));
      return node;
    case G_VARIANT_CLASS_DOUBLE:
      json_node_set_double (node, g_variant_get_double (value));
      return node;
    case G_VARIANT_CLASS_STRING:
    case G_VARIANT_CLASS_OBJECT_PATH:
    case G_VARIANT_CLASS_SIGNATURE:
      json_node_set_string (node, g_variant_get_string (value, NULL));
      return node;
    default:
      break;
    }
  json_node_unref (node);

  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_VARIANT:
      {
        g_autoptr (GVariant) inner = g_variant_get_variant (value);
        return nf_variant_to_json (inner);
      }
    case G_VARIANT_CLASS_MAYBE:
      {
        g_autoptr (GVariant) inner = g_variant_get_maybe (value);
        return nf_variant_to_json (inner);
      }
    case G_VARIANT_CLASS_ARRAY:
      {
        const GVariantType *element = g_variant_type_element (g_variant_get_type (value));
        if (g_variant_type_equal (element, G_VARIANT_TYPE_BYTE))
          {
            gsize n = 0;
            const guchar *data = g_variant_get_fixed_array (value, &n, 1);
            g_autofree char *encoded = g_base64_encode (data, n);
            JsonNode *string = json_node_new (JSON_NODE_VALUE);
            json_node_set_string (string, encoded);
            return string;
          }
        if (g_variant_type_is_dict_entry (element)
            && g_variant_type_equal (g_variant_type_key (element), G_VARIANT_TYPE_STRING))
          {
            JsonObject *object = json_object_new ();
            GVariantIter iter;
            const char *key;
            GVariant *item;
            g_variant_iter_init (&iter, value);
            while (g_variant_iter_next (&iter, "{&s@*}", &key, &item))
              {
                json_object_set_member (object, key, nf_variant_to_json (item));
                g_variant_unref (item);
              }
            JsonNode *result = json_node_new (JSON_NODE_OBJECT);
            json_node_take_object (result, object);
            return result;
          }
      }
      G_GNUC_FALLTHROUGH;
    case G_VARIANT_CLASS_TUPLE:
    case G_VARIANT_CLASS_DICT_ENTRY:
      {
        JsonArray *array = json_array_sized_new (g_variant_n_children (value));
        GVariantIter iter;
        GVariant *item;
        g_variant_iter_init (&iter, value);
        while ((item = g_variant_iter_next_value (&iter)))
          {
            json_array_add_element (array, nf_variant_to_json (item));
            g_variant_unref (item);
          }
        JsonNode *result = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (result, array);
        return result;
      }
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

static gboolean
all_strings (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

GVariant *
nf_variant_from_json (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        /* Member by member in document order (the iterator would give hash order). */
        GVariantBuilder builder;
        g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
        JsonObject *object = json_node_get_object (node);
        g_autoptr (GList) members = json_object_get_members (object);
        for (GList *member = members; member; member = member->next)
          g_variant_builder_add (&builder, "{sv}", (const char *) member->data,
                                 nf_variant_from_json (json_object_get_member (object, member->data)));
        return g_variant_builder_end (&builder);
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        gboolean strings = all_strings (array) && json_array_get_length (array) > 0;
        GVariantBuilder builder;
        g_variant_builder_init (&builder, strings ? G_VARIANT_TYPE_STRING_ARRAY : G_VARIANT_TYPE ("av"));
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            if (strings)
              g_variant_builder_add (&builder, "s", json_node_get_string (element));
            else
              g_variant_builder_add (&builder, "v", nf_variant_from_json (element));
          }
        return g_variant_builder_end (&builder);
      }
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          return g_variant_new_boolean (json_node_get_boolean (node));
        case G_TYPE_INT64:
          return g_variant_new_int64 (json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return g_variant_new_double (json_node_get_double (node));
        case G_TYPE_STRING:
          return g_variant_new_string (json_node_get_string (node));
        default:
          break;
        }
      break;
    case JSON_NODE_NULL:
      break;
    }
  return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
}

static gboolean
validate_utf8 (JsonNode *node, const char *where, GError **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr (GList) members = json_object_get_members (object);
        for (GList *member = members; member; member = member->next)
          {
            const char *name = member->data;
            if (!g_utf8_validate (name, -1, NULL))
              {
                g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                             "a member name in %s is not valid UTF-8 (a malformed escape?)", where);
                return FALSE;
              }
            if (!validate_utf8 (json_object_get_member (object, name), name, error))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!validate_utf8 (json_array_get_element (array, i), where, error))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING
          && !g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          g_autofree char *safe = g_utf8_make_valid (where, -1);
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "the string in \"%s\" is not valid UTF-8 (a malformed escape?)", safe);
          return FALSE;
        }
      return TRUE;
    case JSON_NODE_NULL:
      return TRUE;
    }
  return TRUE;
}

gboolean
nf_json_validate_utf8 (JsonNode *node, GError **error)
{
  return node == NULL || validate_utf8 (node, "the document", error);
}

static void
set_string_or_null (JsonObject *object, const char *name, const char *value)
{
  if (value)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static JsonNode *
span_node (gsize start, gsize end)
{
  JsonArray *span = json_array_sized_new (2);
  json_array_add_int_element (span, (gint64) start);
  json_array_add_int_element (span, (gint64) end);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, span);
  return node;
}

static JsonNode *
annotation_to_json (const NfAnnotation *annotation, const char *text)
{
  JsonObject *object = json_object_new ();
  gsize start = nf_annotation_get_start (annotation);
  gsize end = nf_annotation_get_end (annotation);
  json_object_set_string_member (object, "type", nf_annotation_get_type (annotation));
  json_object_set_int_member (object, "start", (gint64) start);
  json_object_set_int_member (object, "end", (gint64) end);
  g_autofree char *covered = g_strndup (text + start, end - start);
  json_object_set_string_member (object, "text", covered);
  JsonObject *attrs = json_object_new ();
  for (guint i = 0; i < nf_annotation_get_n_attrs (annotation); i++)
    {
      const char *key;
      GVariant *value = nf_annotation_get_nth_attr (annotation, i, &key);
      json_object_set_member (attrs, key, nf_variant_to_json (value));
    }
  json_object_set_object_member (object, "attrs", attrs);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

JsonNode *
nf_article_to_json (NfArticle *article)
{
  JsonObject *object = json_object_new ();
  json_object_set_string_member (object, "id", nf_article_get_id (article));
  json_object_set_string_member (object, "source", nf_article_get_source (article));
  set_string_or_null (object, "content_type", nf_article_get_content_type (article));
  set_string_or_null (object, "title", nf_article_get_title (article));

  JsonArray *authors = json_array_new ();
  for (const char *const *author = nf_article_get_authors (article); *author; author++)
    json_array_add_string_element (authors, *author);
  json_object_set_array_member (object, "authors", authors);

  GDateTime *published = nf_article_get_published (article);
  g_autofree char *iso = published ? nf_date_time_format (published) : NULL;
  set_string_or_null (object, "published", iso);
  set_string_or_null (object, "language", nf_article_get_language (article));
  set_string_or_null (object, "text", nf_article_get_text (article));

  JsonArray *paragraphs = json_array_new ();
  for (guint i = 0; i < nf_article_get_n_paragraphs (article); i++)
    {
      gsize start, end;
      nf_article_get_paragraph_span (article, i, &start, &end);
      json_array_add_element (paragraphs, span_node (start, end));
    }
  json_object_set_array_member (object, "paragraphs", paragraphs);

  for (guint i = 0; i < nf_article_get_n_fields (article); i++)
    {
      const char *name;
      GVariant *value = nf_article_get_nth_field (article, i, &name);
      json_object_set_member (object, name, nf_variant_to_json (value));
    }

  JsonArray *annotations = json_array_new ();
  const char *text = nf_article_get_text (article);
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    json_array_add_element (annotations, annotation_to_json (nf_article_get_annotation (article, i), text));
  json_object_set_array_member (object, "annotations", annotations);

  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static void
entity_count_free (gpointer data)
{
  NfEntityCount *entity = data;
  g_free (entity->name);
  g_free (entity->label);
  g_free (entity);
}

static gint
by_mentions (gconstpointer a, gconstpointer b)
{
  const NfEntityCount *x = *(const NfEntityCount **) a, *y = *(const NfEntityCount **) b;
  if (x->mentions != y->mentions)
    return y->mentions > x->mentions ? 1 : -1;
  return g_strcmp0 (x->name, y->name);
}

static const char *
attr_string (JsonObject *attrs, const char *name)
{
  JsonNode *node = attrs ? json_object_get_member (attrs, name) : NULL;
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

GPtrArray *
nf_json_count_entities (JsonArray *annotations)
{
  GPtrArray *entities = g_ptr_array_new_with_free_func (entity_count_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; annotations && i < json_array_get_length (annotations); i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);
      if (annotation == NULL
          || g_strcmp0 (json_object_get_string_member_with_default (annotation, "type", ""), NF_ANNOTATION_ENTITY) != 0)
        continue;
      JsonObject *attrs = json_object_get_object_member (annotation, "attrs");
      const char *label = attr_string (attrs, NF_ATTR_LABEL);
      const char *name = attr_string (attrs, NF_ATTR_CANONICAL);
      label = label ? label : "ENTITY";
      name = name ? name : json_object_get_string_member_with_default (annotation, "text", "");
      g_autofree char *key = g_strconcat (label, "\x1f", name, NULL);
      NfEntityCount *entity = g_hash_table_lookup (by_key, key);
      if (entity == NULL)
        {
          entity = g_new0 (NfEntityCount, 1);
          entity->name = g_strdup (name);
          entity->label = g_strdup (label);
          g_ptr_array_add (entities, entity);
          g_hash_table_insert (by_key, g_steal_pointer (&key), entity);
        }
      entity->mentions++;
    }
  g_ptr_array_sort (entities, by_mentions);
  return entities;
}
