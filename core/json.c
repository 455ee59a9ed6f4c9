/* json.c: the JSON form of an article and of GVariant values.
 * Every formatter and the error file go through here, so they agree on names and nesting. */
#include "config.h"

#include <math.h>
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

/* ---- the streaming writer ----
 *
 * nf_article_write_json prints what nf_article_to_json and a JsonGenerator print, without the
 * tree: on an article with tens of thousands of annotations the tree (a node, an object and a
 * hash table per annotation) costs many times the article, and the generator's text as much
 * again.  Here the text goes out in chunks, so the cost is the chunk.
 *
 * The layout follows json-glib's generator (json-generator.c, dump_node and friends): in
 * pretty form two spaces a level, "name" : value, a line break after "[" or "{" that has
 * members and after each member, "[]" for an empty array but "{" + indent + "}" for an empty
 * object.  Where that generator prints what is not JSON, this writer prints JSON instead, as
 * json-glib 1.10 does: U+001F is escaped (1.6 copied it raw), a double in exponent form gets
 * no ".0" (1.6 printed "1e+20.0"); and NaN and infinities, which no version prints as JSON,
 * are null. */

/* The text handed to the write function at a time (and the most buffered). */
#define CHUNK_SIZE (64 * 1024)

typedef struct {
  GString        *buffer;
  gboolean        pretty;
  NfJsonWriteFunc write;      /* NULL: everything stays in buffer */
  gpointer        user_data;
  GError         *error;      /* the first failed write; nothing is written after it */
} Writer;

/* A "[" or "{" being written: its level and how many members it has so far. */
typedef struct {
  Writer *writer;
  guint   level;
  guint   count;
  char    close;
} Container;

static void
writer_flush (Writer *writer)
{
  if (writer->write && writer->error == NULL && writer->buffer->len > 0
      && !writer->write (writer->user_data, writer->buffer->str, writer->buffer->len, &writer->error)
      && writer->error == NULL)
    g_set_error_literal (&writer->error, NF_ERROR, NF_ERROR_IO, "writing JSON failed");
  if (writer->write)
    g_string_truncate (writer->buffer, 0);
}

static inline void
writer_maybe_flush (Writer *writer)
{
  if (writer->write && writer->buffer->len >= CHUNK_SIZE)
    writer_flush (writer);
}

static void
write_indent (Writer *writer, guint level)
{
  if (writer->pretty)
    for (guint i = 0; i < level * 2; i++)
      g_string_append_c (writer->buffer, ' ');
}

/* @length bytes of @string quoted and escaped as json-glib's json_strescape does (bytes other
 * than the quote, the backslash and control characters are copied, whether UTF-8 or not). */
static void
write_string (Writer *writer, const char *string, gsize length)
{
  GString *buffer = writer->buffer;
  g_string_append_c (buffer, '"');
  const char *p = string, *end = string + length;
  while (p < end)
    {
      /* A run of bytes copied as they are, cut at the chunk size so that a long text does
       * not sit whole in the buffer. */
      const char *run = p, *stop = end - p > CHUNK_SIZE ? p + CHUNK_SIZE : end;
      while (p < stop)
        {
          guchar c = (guchar) *p;
          if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f)
            break;
          p++;
        }
      g_string_append_len (buffer, run, p - run);
      writer_maybe_flush (writer);
      if (p == stop)
        continue;
      guchar c = (guchar) *p++;
      switch (c)
        {
        case '"':  g_string_append (buffer, "\\\""); break;
        case '\\': g_string_append (buffer, "\\\\"); break;
        case '\b': g_string_append (buffer, "\\b"); break;
        case '\f': g_string_append (buffer, "\\f"); break;
        case '\n': g_string_append (buffer, "\\n"); break;
        case '\r': g_string_append (buffer, "\\r"); break;
        case '\t': g_string_append (buffer, "\\t"); break;
        default:   g_string_append_printf (buffer, "\\u00%02x", c); break;
        }
    }
  g_string_append_c (buffer, '"');
}

static void
write_cstring (Writer *writer, const char *string)
{
  if (string)
    write_string (writer, string, strlen (string));
  else
    g_string_append (writer->buffer, "null");
}

static void
write_int (Writer *writer, gint64 value)
{
  /* Digits right to left, without printf. */
  char digits[24], *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  do
    *--p = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (writer->buffer, p, digits + sizeof digits - p);
}

static void
write_double (Writer *writer, double value)
{
  if (!isfinite (value))
    {
      g_string_append (writer->buffer, "null");
      return;
    }
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_dtostr (text, sizeof text, value);
  g_string_append (writer->buffer, text);
  /* A double stays a double when read back. */
  if (strpbrk (text, ".eE") == NULL)
    g_string_append (writer->buffer, ".0");
}

static Container
container_begin (Writer *writer, guint level, char open)
{
  g_string_append_c (writer->buffer, open);
  return (Container) { writer, level, 0, open == '{' ? '}' : ']' };
}

/* Starts the next member: the separator, the indent and, in an object, the name. */
static void
container_next (Container *container, const char *name)
{
  Writer *writer = container->writer;
  if (container->count++ > 0)
    g_string_append_c (writer->buffer, ',');
  if (writer->pretty)
    g_string_append_c (writer->buffer, '\n');
  write_indent (writer, container->level + 1);
  if (name)
    {
      write_string (writer, name, strlen (name));
      g_string_append (writer->buffer, writer->pretty ? " : " : ":");
    }
  writer_maybe_flush (writer);
}

static void
container_end (Container *container)
{
  Writer *writer = container->writer;
  if (container->count > 0 && writer->pretty)
    g_string_append_c (writer->buffer, '\n');
  /* json-glib indents the closing brace of an empty object, not the bracket of an empty array. */
  if (container->count > 0 || container->close == '}')
    write_indent (writer, container->level);
  g_string_append_c (writer->buffer, container->close);
}

static void write_variant (Writer *writer, guint level, GVariant *value);

/* An a{s*} as an object.  The tree kept a name once, where it first came, with its last
 * value (json_object_set_member replaces in place): so does this.  Each entry is taken apart
 * once (no format string to parse); repeated names are found by comparing the few names of a
 * small dictionary with each other, by a hash table in a large one. */
static void
write_dictionary (Writer *writer, guint level, GVariant *value)
{
  gsize n = g_variant_n_children (value);
  GVariant *stack_keys[16], *stack_items[16];
  GVariant **keys = n <= G_N_ELEMENTS (stack_keys) ? stack_keys : g_new (GVariant *, n);
  GVariant **items = n <= G_N_ELEMENTS (stack_items) ? stack_items : g_new (GVariant *, n);
  const char *stack_names[16];
  const char **names = n <= G_N_ELEMENTS (stack_names) ? stack_names : g_new (const char *, n);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GVariant) entry = g_variant_get_child_value (value, i);
      keys[i] = g_variant_get_child_value (entry, 0);
      items[i] = g_variant_get_child_value (entry, 1);
      names[i] = g_variant_get_string (keys[i], NULL);
    }
  /* last[i]: 1 + the index of the last entry named as entry i, 0 for an entry written where
   * its name first came; NULL when no name repeats. */
  gsize *last = NULL;
  if (n > 1)
    {
      gboolean repeated = FALSE;
      if (n <= 16)
        {
          for (gsize i = 1; i < n && !repeated; i++)
            for (gsize j = 0; j < i && !repeated; j++)
              repeated = strcmp (names[i], names[j]) == 0;
        }
      else
        {
          g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
          for (gsize i = 0; i < n && !repeated; i++)
            repeated = !g_hash_table_add (seen, (gpointer) names[i]);
        }
      if (repeated)
        {
          g_autoptr (GHashTable) at = g_hash_table_new (g_str_hash, g_str_equal);
          for (gsize i = 0; i < n; i++)
            g_hash_table_insert (at, (gpointer) names[i], GSIZE_TO_POINTER (i + 1));
          last = g_new0 (gsize, n);
          for (gsize i = 0; i < n; i++)
            {
              gsize index = GPOINTER_TO_SIZE (g_hash_table_lookup (at, names[i]));
              if (index == 0)
                continue; /* written where the name first came */
              last[i] = index;
              g_hash_table_insert (at, (gpointer) names[i], GSIZE_TO_POINTER (0));
            }
        }
    }
  Container object = container_begin (writer, level, '{');
  for (gsize i = 0; i < n && writer->error == NULL; i++)
    {
      if (last && last[i] == 0)
        continue;
      container_next (&object, names[i]);
      write_variant (writer, level + 1, items[last ? last[i] - 1 : i]);
    }
  container_end (&object);
  for (gsize i = 0; i < n; i++)
    {
      g_variant_unref (keys[i]);
      g_variant_unref (items[i]);
    }
  if (keys != stack_keys)
    g_free (keys);
  if (items != stack_items)
    g_free (items);
  if (names != stack_names)
    g_free ((gpointer) names);
  g_free (last);
}

/* As nf_variant_to_json builds it. */
static void
write_variant (Writer *writer, guint level, GVariant *value)
{
  GString *buffer = writer->buffer;
  if (value == NULL)
    {
      g_string_append (buffer, "null");
      return;
    }
  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_BOOLEAN:
      g_string_append (buffer, g_variant_get_boolean (value) ? "true" : "false");
      return;
    case G_VARIANT_CLASS_BYTE:
      write_int (writer, g_variant_get_byte (value));
      return;
    case G_VARIANT_CLASS_INT16:
      write_int (writer, g_variant_get_int16 (value));
      return;
    case G_VARIANT_CLASS_UINT16:
      write_int (writer, g_variant_get_uint16 (value));
      return;
    case G_VARIANT_CLASS_INT32:
      write_int (writer, g_variant_get_int32 (value));
      return;
    case G_VARIANT_CLASS_UINT32:
      write_int (writer, g_variant_get_uint32 (value));
      return;
    case G_VARIANT_CLASS_INT64:
      write_int (writer, g_variant_get_int64 (value));
      return;
    case G_VARIANT_CLASS_UINT64:
      write_int (writer, (gint64) g_variant_get_uint64 (value));
      return;
    case G_VARIANT_CLASS_HANDLE:
      write_int (writer, g_variant_get_handle (value));
      return;
    case G_VARIANT_CLASS_DOUBLE:
      write_double (writer, g_variant_get_double (value));
      return;
    case G_VARIANT_CLASS_STRING:
    case G_VARIANT_CLASS_OBJECT_PATH:
    case G_VARIANT_CLASS_SIGNATURE:
      write_cstring (writer, g_variant_get_string (value, NULL));
      return;
    case G_VARIANT_CLASS_VARIANT:
      {
        g_autoptr (GVariant) inner = g_variant_get_variant (value);
        write_variant (writer, level, inner);
        return;
      }
    case G_VARIANT_CLASS_MAYBE:
      {
        g_autoptr (GVariant) inner = g_variant_get_maybe (value);
        write_variant (writer, level, inner);
        return;
      }
    case G_VARIANT_CLASS_ARRAY:
      {
        const GVariantType *element = g_variant_type_element (g_variant_get_type (value));
        if (g_variant_type_equal (element, G_VARIANT_TYPE_BYTE))
          {
            gsize n = 0;
            const guchar *data = g_variant_get_fixed_array (value, &n, 1);
            g_autofree char *encoded = g_base64_encode (data, n);
            write_cstring (writer, encoded);
            return;
          }
        if (g_variant_type_is_dict_entry (element)
            && g_variant_type_equal (g_variant_type_key (element), G_VARIANT_TYPE_STRING))
          {
            write_dictionary (writer, level, value);
            return;
          }
      }
      G_GNUC_FALLTHROUGH;
    case G_VARIANT_CLASS_TUPLE:
    case G_VARIANT_CLASS_DICT_ENTRY:
      {
        Container array = container_begin (writer, level, '[');
        gsize n = g_variant_n_children (value);
        for (gsize i = 0; i < n && writer->error == NULL; i++)
          {
            g_autoptr (GVariant) item = g_variant_get_child_value (value, i);
            container_next (&array, NULL);
            write_variant (writer, level + 1, item);
          }
        container_end (&array);
        return;
      }
    default:
      g_string_append (buffer, "null");
      return;
    }
}

static void
write_annotation (Writer *writer, guint level, const NfAnnotation *annotation, const char *text)
{
  gsize start = nf_annotation_get_start (annotation);
  gsize end = nf_annotation_get_end (annotation);
  Container object = container_begin (writer, level, '{');
  container_next (&object, "type");
  write_cstring (writer, nf_annotation_get_type (annotation));
  container_next (&object, "start");
  write_int (writer, (gint64) start);
  container_next (&object, "end");
  write_int (writer, (gint64) end);
  container_next (&object, "text");
  /* The tree held a C string of the span: it ended at a NUL. */
  write_string (writer, text ? text + start : "", text && end > start ? strnlen (text + start, end - start) : 0);
  container_next (&object, "attrs");
  Container attrs = container_begin (writer, level + 1, '{');
  for (guint i = 0; i < nf_annotation_get_n_attrs (annotation); i++)
    {
      const char *key;
      GVariant *value = nf_annotation_get_nth_attr (annotation, i, &key);
      container_next (&attrs, key);
      write_variant (writer, level + 2, value);
    }
  container_end (&attrs);
  container_end (&object);
}

static void
write_article (Writer *writer, NfArticle *article)
{
  Container object = container_begin (writer, 0, '{');
  container_next (&object, "id");
  write_cstring (writer, nf_article_get_id (article));
  container_next (&object, "source");
  write_cstring (writer, nf_article_get_source (article));
  container_next (&object, "content_type");
  write_cstring (writer, nf_article_get_content_type (article));
  container_next (&object, "title");
  write_cstring (writer, nf_article_get_title (article));

  container_next (&object, "authors");
  Container authors = container_begin (writer, 1, '[');
  for (const char *const *author = nf_article_get_authors (article); *author; author++)
    {
      container_next (&authors, NULL);
      write_cstring (writer, *author);
    }
  container_end (&authors);

  GDateTime *published = nf_article_get_published (article);
  g_autofree char *iso = published ? nf_date_time_format (published) : NULL;
  container_next (&object, "published");
  write_cstring (writer, iso);
  container_next (&object, "language");
  write_cstring (writer, nf_article_get_language (article));
  const char *text = nf_article_get_text (article);
  container_next (&object, "text");
  write_cstring (writer, text);

  container_next (&object, "paragraphs");
  Container paragraphs = container_begin (writer, 1, '[');
  for (guint i = 0; i < nf_article_get_n_paragraphs (article) && writer->error == NULL; i++)
    {
      gsize start, end;
      nf_article_get_paragraph_span (article, i, &start, &end);
      container_next (&paragraphs, NULL);
      Container span = container_begin (writer, 2, '[');
      container_next (&span, NULL);
      write_int (writer, (gint64) start);
      container_next (&span, NULL);
      write_int (writer, (gint64) end);
      container_end (&span);
    }
  container_end (&paragraphs);

  /* Field names are unique and never a core property's (the article refuses both). */
  for (guint i = 0; i < nf_article_get_n_fields (article) && writer->error == NULL; i++)
    {
      const char *name;
      GVariant *value = nf_article_get_nth_field (article, i, &name);
      container_next (&object, name);
      write_variant (writer, 1, value);
    }

  container_next (&object, "annotations");
  Container annotations = container_begin (writer, 1, '[');
  for (guint i = 0; i < nf_article_get_n_annotations (article) && writer->error == NULL; i++)
    {
      container_next (&annotations, NULL);
      write_annotation (writer, 2, nf_article_get_annotation (article, i), text);
    }
  container_end (&annotations);
  container_end (&object);
}

gboolean
nf_article_write_json (NfArticle *article, gboolean pretty, NfJsonWriteFunc write,
                       gpointer user_data, GError **error)
{
  g_return_val_if_fail (article != NULL && write != NULL, FALSE);
  Writer writer = { g_string_sized_new (CHUNK_SIZE + 256), pretty, write, user_data, NULL };
  write_article (&writer, article);
  writer_flush (&writer);
  g_string_free (writer.buffer, TRUE);
  if (writer.error)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }
  return TRUE;
}

void
nf_article_append_json (NfArticle *article, gboolean pretty, GString *out)
{
  g_return_if_fail (article != NULL && out != NULL);
  Writer writer = { out, pretty, NULL, NULL, NULL };
  write_article (&writer, article);
}

void
nf_variant_append_json (GVariant *value, gboolean pretty, GString *out)
{
  g_return_if_fail (out != NULL);
  Writer writer = { out, pretty, NULL, NULL, NULL };
  write_variant (&writer, 0, value);
}
