/* json.c: the JSON form of an article and of GVariant values.
 * Every formatter and the error file go through here, so they agree on names and nesting. */
#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <newsflow/error.h>
#include <newsflow/json.h>
#include <newsflow/names.h>
#include <newsflow/text.h>

#include "article-private.h"
#include "serialised-private.h"

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

gboolean
nf_json_check_depth (const char *data, gssize length, GError **error)
{
  const char *p = data, *end = length < 0 ? data + strlen (data) : data + length;
  guint depth = 0;
  gboolean in_string = FALSE;
  for (; p < end; p++)
    {
      char ch = *p;
      if (in_string)
        {
          if (ch == '\\')
            p++; /* the escaped character, whatever it is */
          else if (ch == '"')
            in_string = FALSE;
        }
      else if (ch == '"')
        in_string = TRUE;
      else if (ch == '[' || ch == '{')
        {
          if (++depth > NF_JSON_MAX_DEPTH)
            {
              g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "JSON nested deeper than %d levels (at byte %" G_GSIZE_FORMAT ")", NF_JSON_MAX_DEPTH,
                           (gsize) (p - data));
              return FALSE;
            }
        }
      else if ((ch == ']' || ch == '}') && depth > 0)
        depth--;
    }
  return TRUE;
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
  gsize           limit;      /* the chunk size when written out, else no bound */
  guint64         flushed;    /* the bytes handed to write so far */
  struct CachedText *cache;   /* NULL: nothing is replayed (a single value) */
} Writer;

/* Text written for something the article holds by address while it is written: an annotation's
 * type and attribute names (interned), and its attribute values of basic types, which the
 * article's annotations share (thousands of "PERSON" or "said" are one GVariant).  A value seen
 * again is copied from where its text was written, while that is still in the buffer, instead
 * of being read through GLib (a lock and four calls) and escaped again.  Direct-mapped by
 * address: a clash only costs the text being written anew. */
#define TEXT_CACHE_SIZE 128

typedef struct CachedText {
  gconstpointer key;
  guint64       position; /* where the text starts in the whole output */
  gsize         length;
} CachedText;

/* A "[" or "{" being written: its level and how many members it has so far. */
typedef struct {
  Writer *writer;
  guint   level;
  guint   count;
  char    close;
} Container;

/* g_string_append_len without its checks and call: nearly every append is a few bytes into
 * room the buffer already has.  The NUL after the text is left out while writing (the text
 * goes out by length) and put once at the end (buffer_terminate). */
static inline void
buffer_append (GString *buffer, const char *data, gsize length)
{
  if (G_LIKELY (buffer->len + length < buffer->allocated_len))
    {
      memcpy (buffer->str + buffer->len, data, length);
      buffer->len += length;
    }
  else
    g_string_append_len (buffer, data, length);
}

/* The NUL a GString ends with (there is always room for it). */
static inline void
buffer_terminate (GString *buffer)
{
  buffer->str[buffer->len] = '\0';
}

#define buffer_append_literal(buffer, literal) buffer_append ((buffer), "" literal, sizeof (literal) - 1)

static void
writer_flush (Writer *writer)
{
  if (writer->write && writer->error == NULL && writer->buffer->len > 0
      && !writer->write (writer->user_data, writer->buffer->str, writer->buffer->len, &writer->error)
      && writer->error == NULL)
    g_set_error_literal (&writer->error, NF_ERROR, NF_ERROR_IO, "writing JSON failed");
  if (writer->write)
    {
      writer->flushed += writer->buffer->len;
      g_string_truncate (writer->buffer, 0);
    }
}

static inline void
writer_maybe_flush (Writer *writer)
{
  if (writer->write && writer->buffer->len >= CHUNK_SIZE)
    writer_flush (writer);
}

/* Where the next byte goes in the whole output. */
static inline guint64
writer_position (const Writer *writer)
{
  return writer->flushed + writer->buffer->len;
}

static inline CachedText *
cache_slot (const Writer *writer, gconstpointer key)
{
  guintptr address = (guintptr) key;
  return &writer->cache[(address >> 4 ^ address >> 11) % TEXT_CACHE_SIZE];
}

/* Writes the text cached for @key again; FALSE when there is none, or it has gone out. */
static inline gboolean
cache_replay (Writer *writer, gconstpointer key)
{
  if (writer->cache == NULL)
    return FALSE;
  const CachedText *slot = cache_slot (writer, key);
  if (slot->key != key || slot->position < writer->flushed)
    return FALSE;
  /* From before the end of the buffer to its end: no overlap, and g_string_append_len, when
   * it grows the buffer, copes with a source inside it. */
  buffer_append (writer->buffer, writer->buffer->str + (slot->position - writer->flushed), slot->length);
  writer_maybe_flush (writer);
  return TRUE;
}

/* The text from @start to here is what @key is written as, wherever it is written. */
static inline void
cache_record (Writer *writer, gconstpointer key, guint64 start)
{
  if (writer->cache && start >= writer->flushed)
    *cache_slot (writer, key) = (CachedText) { key, start, writer_position (writer) - start };
}

static void
write_indent (Writer *writer, guint level)
{
  static const char spaces[] = "                                ";
  if (!writer->pretty)
    return;
  for (gsize n = (gsize) level * 2; n > 0;)
    {
      gsize step = MIN (n, sizeof spaces - 1);
      buffer_append (writer->buffer, spaces, step);
      n -= step;
    }
}

/* Which bytes JSON (as json-glib writes it) escapes: the quote, the backslash, control
 * characters and DEL. */
static const guint8 escaped[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x00 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x10 */
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x20: '"' */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,  /* 0x50: '\\' */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,  /* 0x70: DEL */
  /* 0x80 to 0xff: none */
};

#define BYTES_OF(c) (G_GUINT64_CONSTANT (0x0101010101010101) * (c))

/* The high bit of each byte of @word (in memory order, as loaded little-endian) that is
 * escaped, exactly: on the low 7 bits of each byte, (c + 1) & 0x7f is below 0x21 for a control
 * character or DEL and c ^ '"' (or '\\') is 0 for the quote (or the backslash), tested by adding
 * what sets the high bit of the byte otherwise, which never carries into the next byte; bytes
 * from 0x80 up are never escaped.  Plain text goes by 8 bytes at a time, and the first escape
 * is found without a loop over bytes. */
static inline guint64
word_escapes (guint64 word)
{
  const guint64 low7 = BYTES_OF (0x7f);
  guint64 low = word & low7;
  guint64 control = ((low + BYTES_OF (1)) & low7) + BYTES_OF (0x5f);
  guint64 quote = (low ^ BYTES_OF ('"')) + low7;
  guint64 backslash = (low ^ BYTES_OF ('\\')) + low7;
  return ~((control & quote & backslash) | word) & BYTES_OF (0x80);
}

#ifdef __SSE2__
/* Bit i set when byte i of @block is escaped: 16 bytes at a time where the machine has it. */
static inline guint
block_escapes (__m128i block)
{
  __m128i control = _mm_cmpeq_epi8 (_mm_min_epu8 (block, _mm_set1_epi8 (0x1f)), block);
  __m128i quote = _mm_cmpeq_epi8 (block, _mm_set1_epi8 ('"'));
  __m128i backslash = _mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\\'));
  __m128i del = _mm_cmpeq_epi8 (block, _mm_set1_epi8 (0x7f));
  return (guint) _mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (control, quote), _mm_or_si128 (backslash, del)));
}
#endif

/* Room for @n more bytes and the NUL after them; where they go.  The caller writes there and
 * moves buffer->len on (buffer_commit). */
static inline char *
buffer_reserve (GString *buffer, gsize n)
{
  if (G_UNLIKELY (buffer->len + n >= buffer->allocated_len))
    {
      gsize length = buffer->len;
      g_string_set_size (buffer, length + n); /* grows the allocation */
      buffer->len = length;
    }
  return buffer->str + buffer->len;
}

/* The bytes written from buffer->str + buffer->len up to @end are the buffer's. */
static inline void
buffer_commit (GString *buffer, char *end)
{
  buffer->len = end - buffer->str;
}

/* The @n (1 to 7) bytes at @p as the low bytes of a word whose other bytes are 'a' (never
 * escaped), read without touching a byte past them. */
static inline guint64
load_short (const char *p, gsize n)
{
  return nf_load_bytes (p, n, 'a');
}

/* Where the piece of [@p, @end) to write next ends: what fills the buffer to the chunk size
 * when it is written out in chunks (64 bytes at least), a chunk when it is not. */
static inline const char *
piece_end (const Writer *writer, const char *p, const char *end)
{
  gsize piece = CHUNK_SIZE;
  if (writer->write)
    piece = writer->buffer->len + 64 < CHUNK_SIZE ? CHUNK_SIZE - writer->buffer->len : 64;
  return (gsize) (end - p) > piece ? p + piece : end;
}

/* Copies the bytes from @p up to @stop or up to the first escaped one to @out, which has room
 * for them and 8 bytes more, checking them 16 or 8 at a time (bytes past those counted may
 * be written too); returns how many. */
static inline G_ALWAYS_INLINE gsize
copy_plain (char *out, const char *p, const char *stop)
{
  const char *start = p;
#ifdef __SSE2__
  while (stop - p >= 16)
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *) p);
      _mm_storeu_si128 ((__m128i *) (out + (p - start)), block);
      guint found = block_escapes (block);
      if (found)
        return (p - start) + __builtin_ctz (found);
      p += 16;
    }
#endif
  while (stop - p >= 8)
    {
      guint64 word;
      memcpy (&word, p, 8);
      memcpy (out + (p - start), &word, 8);
      guint64 found = word_escapes (GUINT64_FROM_LE (word));
      if (found)
        return (p - start) + __builtin_ctzll (found) / 8;
      p += 8;
    }
  if (p < stop)
    {
      guint64 word = load_short (p, stop - p);
      memcpy (out + (p - start), &word, 8);
      if (word_escapes (word) == 0)
        return stop - start;
      while (!escaped[(guchar) *p]) /* a byte order of its own: found one by one */
        p++;
    }
  return p - start;
}

/* The string from @p to @end escaped as json-glib's json_strescape does (bytes other than the
 * quote, the backslash and control characters are copied, whether UTF-8 or not) and its
 * closing quote, after its opening quote and any plain bytes before @p (write_string).
 * Room for a piece of the string (a chunk at most, so that a long text does not sit whole in
 * the buffer) is made once, and plain bytes go in 8 at a time as they are checked.  An escape
 * (6 bytes out for 1 in at most) makes room again only when the piece would no longer fit;
 * the buffer goes out when it reaches the chunk size, so that every write is a chunk at most
 * (and a few bytes). */
static void
write_string_rest (Writer *writer, const char *p, const char *end)
{
  static const char hex[] = "0123456789abcdef";
  GString *buffer = writer->buffer;
  const char *stop = piece_end (writer, p, end);
  /* Invariant: room for the rest of the piece, the closing quote, the NUL and 8 bytes more
   * (copy_plain's). */
  char *out = buffer_reserve (buffer, (stop - p) + 10);
  char *room = buffer->str + buffer->allocated_len;
  for (;;)
    {
      gsize plain = copy_plain (out, p, stop);
      out += plain;
      p += plain;
      if (p < stop)
        {
          guchar c = (guchar) *p++;
          if (G_UNLIKELY ((gsize) (room - out) < 6 + (gsize) (stop - p) + 10))
            {
              buffer->len = out - buffer->str;
              out = buffer_reserve (buffer, 6 + (stop - p) + 10);
              room = buffer->str + buffer->allocated_len;
            }
          *out++ = '\\';
          switch (c)
            {
            case '"':  *out++ = '"'; break;
            case '\\': *out++ = '\\'; break;
            case '\b': *out++ = 'b'; break;
            case '\f': *out++ = 'f'; break;
            case '\n': *out++ = 'n'; break;
            case '\r': *out++ = 'r'; break;
            case '\t': *out++ = 't'; break;
            default:
              memcpy (out, "u00", 3);
              out[3] = hex[c >> 4];
              out[4] = hex[c & 0xf];
              out += 5;
              break;
            }
          if (G_UNLIKELY (writer->write && out - buffer->str >= CHUNK_SIZE))
            {
              buffer_commit (buffer, out);
              writer_flush (writer);
              stop = piece_end (writer, p, end);
              out = buffer_reserve (buffer, (stop - p) + 10);
              room = buffer->str + buffer->allocated_len;
            }
          continue;
        }
      if (p == end)
        break;
      /* The next piece of a long string: what is written may go out first. */
      buffer_commit (buffer, out);
      writer_maybe_flush (writer);
      stop = piece_end (writer, p, end);
      out = buffer_reserve (buffer, (stop - p) + 10);
      room = buffer->str + buffer->allocated_len;
    }
  *out++ = '"';
  buffer_commit (buffer, out);
  writer_maybe_flush (writer);
}

/* @length bytes of @string quoted and escaped (write_string_rest).  Most strings the writer
 * prints are short (names, labels, attribute values) and need no escape, so the cost per call
 * counts as much as the cost per byte: a string that fits in the buffer below the chunk size
 * goes in here, 8 bytes at a time as they are checked, with no piece to plan; at the first
 * word with an escape, or a string that does not fit, write_string_rest goes on from there. */
static inline G_ALWAYS_INLINE void
write_string (Writer *writer, const char *string, gsize length)
{
  GString *buffer = writer->buffer;
  /* Room for the quotes, the NUL and copy_plain's 8 bytes more. */
  if (G_LIKELY (buffer->len + length + 16 < MIN (buffer->allocated_len, writer->limit)))
    {
      char *out = buffer->str + buffer->len;
      *out++ = '"';
      gsize plain = copy_plain (out, string, string + length);
      out += plain;
      if (G_LIKELY (plain == length))
        {
          /* Below the limit: nothing to write out yet. */
          *out++ = '"';
          buffer_commit (buffer, out);
          return;
        }
      buffer_commit (buffer, out);
      write_string_rest (writer, string + plain, string + length);
      return;
    }
  buffer_append_literal (buffer, "\"");
  write_string_rest (writer, string, string + length);
}

static void
write_cstring (Writer *writer, const char *string)
{
  if (string)
    write_string (writer, string, strlen (string));
  else
    buffer_append_literal (writer->buffer, "null");
}

/* write_cstring for a string the article holds by address while it is written (an interned
 * name): its text comes from the cache when it was written before. */
static void
write_interned (Writer *writer, const char *string)
{
  if (string == NULL || !cache_replay (writer, string))
    {
      guint64 start = writer_position (writer);
      write_cstring (writer, string);
      if (string)
        cache_record (writer, string, start);
    }
}

/* "00" to "99": decimal digits two at a time. */
static const char digit_pairs[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

static void
write_int (Writer *writer, gint64 value)
{
  /* Without printf: the digits counted, then written right to left two at a time (offsets
   * and counts have a few digits, and there are two an annotation). */
  char *out = buffer_reserve (writer->buffer, 20); /* "-" and 19 digits at most */
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  if (value < 0)
    *out++ = '-';
  gsize n = 1;
  guint64 rest = magnitude;
  for (; rest >= 10000; rest /= 10000)
    n += 4;
  n += (rest >= 10) + (rest >= 100) + (rest >= 1000);
  char *end = out + n, *p = end;
  while (magnitude >= 100)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * (magnitude % 100), 2);
      magnitude /= 100;
    }
  if (magnitude >= 10)
    memcpy (p - 2, digit_pairs + 2 * magnitude, 2);
  else
    p[-1] = (char) ('0' + magnitude);
  buffer_commit (writer->buffer, end);
}

#ifdef __SIZEOF_INT128__
/* g_ascii_dtostr's "%.17g" of a double from 1e-4 to 1e17 in magnitude, with ".0" when it has
 * no point (write_double), into @text, without printf: glibc converts exactly with big
 * numbers, thousands of instructions a double.  In that range the double is normal and the
 * 17 significant digits come out of one 128-bit product: the double is mantissa * 2^shift
 * (53 bits), the digits round(mantissa * 10^k * 2^shift), half to even as printf rounds (in
 * the default rounding mode), and "%g" writes them without an exponent, trailing zeros
 * dropped.  Returns the length, or 0 for any other value, left to g_ascii_dtostr. */
static gsize
format_double (double value, char text[G_ASCII_DTOSTR_BUF_SIZE])
{
  static const unsigned __int128 powers[22] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
    1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
    1000000000000000000ULL, 10000000000000000000ULL,
    (unsigned __int128) 10000000000000000000ULL * 10, (unsigned __int128) 10000000000000000000ULL * 100,
  };
  const guint64 low = G_GUINT64_CONSTANT (10000000000000000), high = G_GUINT64_CONSTANT (100000000000000000);
  double magnitude = fabs (value);
  if (!(magnitude >= 1e-4 && magnitude < 1e17))
    return 0;
  guint64 bits;
  memcpy (&bits, &magnitude, sizeof bits);
  guint64 mantissa = (bits & ((G_GUINT64_CONSTANT (1) << 52) - 1)) | G_GUINT64_CONSTANT (1) << 52;
  int shift = (int) (bits >> 52) - 1075; /* -66 to 4 */
  /* A guess at floor (log10 (magnitude)), put right below: magnitude is 2^e2 to 2^(e2 + 1),
   * and 78913 / 2^18 is log10 (2) to 1e-6. */
  int e2 = shift + 52;
  int exponent = e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + (1 << 18) - 1) >> 18);
  guint64 digits = 0;
  for (int attempt = 0; attempt < 3; attempt++)
    {
      int k = 16 - exponent;
      if (k < 0 || k > 21) /* 10^21 * 2^53 < 2^127 */
        return 0;
      unsigned __int128 scaled = mantissa * powers[k], rounded;
      if (shift >= 0)
        rounded = scaled << shift;
      else
        {
          unsigned __int128 rest = scaled & ((((unsigned __int128) 1) << -shift) - 1);
          unsigned __int128 half = ((unsigned __int128) 1) << (-shift - 1);
          rounded = scaled >> -shift;
          if (rest > half || (rest == half && (rounded & 1)))
            rounded++;
        }
      digits = rounded >= high ? high : (guint64) rounded;
      if (digits >= high)
        exponent++;
      else if (digits < low)
        exponent--;
      else
        break;
    }
  if (digits < low || digits >= high || exponent < -4 || exponent > 16)
    return 0; /* "%g" would write an exponent */

  char significant[17];
  for (int i = 15; i > 0; i -= 2, digits /= 100)
    memcpy (significant + i, digit_pairs + 2 * (digits % 100), 2);
  significant[0] = (char) ('0' + digits);
  char *p = text;
  if (value < 0)
    *p++ = '-';
  int used = 0;
  if (exponent >= 0)
    {
      memcpy (p, significant, exponent + 1);
      p += exponent + 1;
      used = exponent + 1;
    }
  else
    *p++ = '0';
  int last = 16; /* the last digit not a trailing zero */
  while (last >= used && significant[last] == '0')
    last--;
  if (last >= used)
    {
      *p++ = '.';
      for (int i = exponent; i < -1; i++)
        *p++ = '0';
      memcpy (p, significant + used, last + 1 - used);
      p += last + 1 - used;
    }
  else
    {
      memcpy (p, ".0", 2); /* a double stays a double when read back */
      p += 2;
    }
  return p - text;
}
#endif

static void
write_double (Writer *writer, double value)
{
  if (!isfinite (value))
    {
      buffer_append_literal (writer->buffer, "null");
      return;
    }
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gsize length = 0;
#ifdef __SIZEOF_INT128__
  length = format_double (value, text);
#endif
  if (length == 0)
    {
      g_ascii_dtostr (text, sizeof text, value);
      length = strlen (text);
      buffer_append (writer->buffer, text, length);
      /* A double stays a double when read back. */
      if (strpbrk (text, ".eE") == NULL)
        buffer_append_literal (writer->buffer, ".0");
      return;
    }
  buffer_append (writer->buffer, text, length);
}

static Container
container_begin (Writer *writer, guint level, char open)
{
  buffer_append (writer->buffer, &open, 1);
  return (Container) { writer, level, 0, open == '{' ? '}' : ']' };
}

/* The separator and the indent before the next member. */
static inline void
container_separate (Container *container)
{
  Writer *writer = container->writer;
  if (container->count++ > 0)
    buffer_append_literal (writer->buffer, ",");
  if (writer->pretty)
    {
      buffer_append_literal (writer->buffer, "\n");
      write_indent (writer, container->level + 1);
    }
}

/* What follows a member's name. */
static inline void
container_name_end (Writer *writer)
{
  if (writer->pretty)
    buffer_append_literal (writer->buffer, " : ");
  else
    buffer_append_literal (writer->buffer, ":");
  writer_maybe_flush (writer);
}

/* Starts the next member: the separator, the indent and, in an object, the name (@length
 * bytes). */
static void
container_next_len (Container *container, const char *name, gsize length)
{
  container_separate (container);
  if (name)
    {
      write_string (container->writer, name, length);
      container_name_end (container->writer);
    }
  else
    writer_maybe_flush (container->writer);
}

/* container_next for a name held by address while the article is written (write_interned). */
static void
container_next_interned (Container *container, const char *name)
{
  container_separate (container);
  write_interned (container->writer, name);
  container_name_end (container->writer);
}

/* container_next for a name that needs no escape, given as a literal: its quoted form and
 * the separator go in with one copy, no escaping pass. */
#define container_next_literal(container, literal) \
  container_next_quoted ((container), "\"" literal "\"", sizeof (literal) + 1)

static inline G_ALWAYS_INLINE void
container_next_quoted (Container *container, const char *quoted, gsize length)
{
  Writer *writer = container->writer;
  if (writer->pretty)
    {
      if (container->count++ > 0)
        buffer_append_literal (writer->buffer, ",");
      buffer_append_literal (writer->buffer, "\n");
      write_indent (writer, container->level + 1);
      buffer_append (writer->buffer, quoted, length);
      buffer_append_literal (writer->buffer, " : ");
    }
  else
    {
      char *out = buffer_reserve (writer->buffer, length + 2);
      if (container->count++ > 0)
        *out++ = ',';
      memcpy (out, quoted, length);
      out[length] = ':';
      buffer_commit (writer->buffer, out + length + 1);
    }
  writer_maybe_flush (writer);
}

static void
container_next (Container *container, const char *name)
{
  container_next_len (container, name, name ? strlen (name) : 0);
}

static void
container_end (Container *container)
{
  Writer *writer = container->writer;
  if (container->count > 0 && writer->pretty)
    buffer_append_literal (writer->buffer, "\n");
  /* json-glib indents the closing brace of an empty object, not the bracket of an empty array. */
  if (container->count > 0 || container->close == '}')
    write_indent (writer, container->level);
  buffer_append (writer->buffer, &container->close, 1);
}

/* ---- GVariant values read from their serialised bytes ----
 *
 * Taking a container apart with GLib's API (g_variant_get_child_value, GVariantIter,
 * g_variant_get_strv) makes a GVariant for every child, string and variant box: a slice
 * allocation, reference counting and a check of the child's bytes each, which cost the
 * writer far more than printing.  A container in normal form has one reading, laid down in
 * the GVariant specification (and gvariant-serialiser.c): so the writer walks the bytes of
 * g_variant_get_data itself, with no allocation.  A value not in normal form (only bytes
 * from outside, never trusted) is first brought to it with g_variant_get_normal_form, which
 * reads it the way GLib's accessors do. */

/* A value: its type (a type string that may go on past this type) and its bytes. */
typedef struct {
  const char   *type;
  const guchar *data;
  gsize         size;
} Serialised;

static inline gsize
align_up (gsize offset, gsize alignment)
{
  return (offset + alignment - 1) & ~(alignment - 1);
}

static inline gboolean
type_is_container (const char *type)
{
  switch (*type)
    {
    case 'a': case 'm': case 'v': case '(': case '{':
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
type_closes (const char *type)
{
  return *type == ')' || *type == '}';
}

/* The alignment (1, 2, 4 or 8) of the type at @type and its size when every value of it has
 * the same size, else 0; returns where the type ends. */
static const char *
type_layout (const char *type, gsize *alignment, gsize *fixed_size)
{
  switch (*type)
    {
    case 'b': case 'y':
      *alignment = *fixed_size = 1;
      return type + 1;
    case 'n': case 'q':
      *alignment = *fixed_size = 2;
      return type + 1;
    case 'i': case 'u': case 'h':
      *alignment = *fixed_size = 4;
      return type + 1;
    case 'x': case 't': case 'd':
      *alignment = *fixed_size = 8;
      return type + 1;
    case 'v':
      *alignment = 8;
      *fixed_size = 0;
      return type + 1;
    case 'a': case 'm':
      {
        gsize element_size;
        const char *end = type_layout (type + 1, alignment, &element_size);
        *fixed_size = 0;
        return end;
      }
    case '(': case '{':
      {
        /* Members one after another, each at its alignment; a tuple of fixed-size members
         * is padded to its own alignment, and the unit tuple takes one byte. */
        gsize align = 1, size = 0;
        gboolean fixed = TRUE;
        const char *member = type + 1;
        while (!type_closes (member))
          {
            gsize member_align, member_size;
            member = type_layout (member, &member_align, &member_size);
            align = MAX (align, member_align);
            if (member_size == 0)
              fixed = FALSE;
            else
              size = align_up (size, member_align) + member_size;
          }
        *alignment = align;
        *fixed_size = !fixed ? 0 : size == 0 ? 1 : align_up (size, align);
        return member + 1;
      }
    default: /* 's', 'o', 'g' */
      *alignment = 1;
      *fixed_size = 0;
      return type + 1;
    }
}

/* The children of an array, a tuple or a dict entry, one after another. */
typedef struct {
  Serialised  parent;
  const char *element;    /* an array's element type, or a tuple's next member's */
  gboolean    array;
  gsize       alignment;  /* an array's element's */
  gsize       fixed_size; /* an array's element's, 0 for variable-size elements */
  gsize       width;      /* of a framing offset */
  gsize       offsets;    /* array: the next framing offset; tuple: the end of those unread */
  gsize       remaining;  /* array: the children still to come */
  gsize       position;   /* where the previous child ended */
} Children;

/* The elements of the array @parent, whose element type has @alignment and @fixed_size. */
static void
children_init_array (Children *children, Serialised parent, gsize alignment, gsize fixed_size)
{
  *children = (Children) { .parent = parent, .element = parent.type + 1, .array = TRUE,
                           .alignment = alignment, .fixed_size = fixed_size };
  children->width = serialised_offset_width_of (parent.size);
  if (children->fixed_size > 0)
    children->remaining = parent.size / children->fixed_size;
  else if (parent.size > 0)
    {
      /* The last framing offset, at the very end, is where the table of them starts. */
      gsize table = serialised_read_offset (parent.data + parent.size - children->width, children->width);
      if (table <= parent.size)
        {
          children->offsets = table;
          children->remaining = (parent.size - table) / children->width;
        }
    }
}

static void
children_init (Children *children, Serialised parent)
{
  if (*parent.type == 'a')
    {
      gsize alignment, fixed_size;
      type_layout (parent.type + 1, &alignment, &fixed_size);
      children_init_array (children, parent, alignment, fixed_size);
      return;
    }
  /* A tuple's framing offsets, one for each variable-size member but the last, are stored
   * backwards from its end. */
  *children = (Children) { .parent = parent, .element = parent.type + 1, .array = FALSE };
  children->width = serialised_offset_width_of (parent.size);
  children->offsets = parent.size;
}

static gboolean
children_next (Children *children, Serialised *child)
{
  const Serialised *parent = &children->parent;
  gsize start, end;
  if (children->array)
    {
      if (children->remaining == 0)
        return FALSE;
      children->remaining--;
      child->type = children->element;
      start = align_up (children->position, children->alignment);
      if (children->fixed_size > 0)
        end = start + children->fixed_size;
      else
        {
          end = serialised_read_offset (parent->data + children->offsets, children->width);
          children->offsets += children->width;
        }
    }
  else
    {
      if (type_closes (children->element))
        return FALSE;
      gsize alignment, fixed_size;
      child->type = children->element;
      children->element = type_layout (children->element, &alignment, &fixed_size);
      start = align_up (children->position, alignment);
      if (fixed_size > 0)
        end = start + fixed_size;
      else if (type_closes (children->element))
        end = children->offsets; /* the last member: up to the framing offsets */
      else
        {
          children->offsets -= children->width;
          end = serialised_read_offset (parent->data + children->offsets, children->width);
        }
    }
  /* Bounds a value in normal form keeps anyway: bytes out of them are never read. */
  end = MIN (end, parent->size);
  start = MIN (start, end);
  child->data = parent->data + start;
  child->size = end - start;
  children->position = end;
  return TRUE;
}

/* The fixed-size scalar @value into @out (@size bytes, copied: memcpy leaves the alignment to
 * the compiler); zero for the short bytes only a broken value has. */
static inline void
load_scalar (Serialised value, void *out, gsize size)
{
  if (value.size >= size)
    memcpy (out, value.data, size);
  else
    memset (out, 0, size);
}

static void write_serialised (Writer *writer, guint level, Serialised value);

/* An entry of an a{s*}: its name and value. */
typedef struct {
  const char *name;
  gsize       length;
  Serialised  value;
} Entry;

static gboolean
entry_names_equal (const Entry *a, const Entry *b)
{
  return a->length == b->length && memcmp (a->name, b->name, a->length) == 0;
}

/* An integer of C type @ctype read from @value's bytes, written as a JSON number. */
#define WRITE_INTEGER(ctype)                        \
  do {                                              \
    ctype scalar_;                                  \
    load_scalar (value, &scalar_, sizeof scalar_); \
    write_int (writer, scalar_);                    \
    return TRUE;                                    \
  } while (0)

/* @value, when of a basic type, as nf_variant_to_json builds it; FALSE for any other type. */
static inline G_ALWAYS_INLINE gboolean
write_basic (Writer *writer, Serialised value)
{
  switch (*value.type)
    {
    case 'b':
      {
        guint8 scalar;
        load_scalar (value, &scalar, sizeof scalar);
        if (scalar)
          buffer_append_literal (writer->buffer, "true");
        else
          buffer_append_literal (writer->buffer, "false");
        return TRUE;
      }
    case 'y':
      WRITE_INTEGER (guint8);
    case 'n':
      WRITE_INTEGER (gint16);
    case 'q':
      WRITE_INTEGER (guint16);
    case 'i': case 'h':
      WRITE_INTEGER (gint32);
    case 'u':
      WRITE_INTEGER (guint32);
    case 'x': case 't': /* a uint64 past G_MAXINT64 wraps, as json_node_set_int has it */
      WRITE_INTEGER (gint64);
    case 'd':
      {
        double scalar;
        load_scalar (value, &scalar, sizeof scalar);
        write_double (writer, scalar);
        return TRUE;
      }
    case 's': case 'o': case 'g':
      /* The bytes and a NUL. */
      write_string (writer, (const char *) value.data, value.size > 0 ? value.size - 1 : 0);
      return TRUE;
    default:
      return FALSE;
    }
}

/* The child of the variant @value: its bytes, a NUL and its type string, which the last NUL
 * divides; FALSE when there is no type (only in a broken value). */
static inline gboolean
variant_child (Serialised value, Serialised *child)
{
  gsize nul = value.size;
  while (nul > 0 && value.data[--nul] != '\0')
    ;
  if (nul + 1 >= value.size)
    return FALSE;
  *child = (Serialised) { (const char *) value.data + nul + 1, value.data, nul };
  return TRUE;
}

/* The name and value of the dict entry @entry of an a{sT}, T laid out as @value_alignment and
 * @value_fixed_size: what a tuple's reading gives, with the layout worked out once for the
 * dictionary.  The name is variable-size and not last, so the entry's one framing offset, at
 * its end, is where the name ends. */
static inline void
entry_split (const guchar *data, gsize size, const char *value_type, gsize value_alignment,
             gsize value_fixed_size, Entry *item)
{
  gsize width = serialised_offset_width_of (size);
  gsize table = size - width;
  gsize name_end = MIN (serialised_read_offset (data + table, width), size);
  if (name_end > 0)
    {
      item->name = (const char *) data;
      item->length = name_end - 1; /* without its NUL */
    }
  else
    {
      item->name = "";
      item->length = 0;
    }
  gsize start = align_up (name_end, value_alignment);
  gsize end = value_fixed_size > 0 ? start + value_fixed_size : table;
  end = MIN (end, size);
  start = MIN (start, end);
  item->value = (Serialised) { value_type, data + start, end - start };
}

/* An a{s*} as an object.  The tree kept a name once, where it first came, with its last
 * value (json_object_set_member replaces in place): so does this.  Repeated names are found
 * by comparing the few names of a small dictionary with each other, by a hash table in a
 * large one.  The dictionaries of the extractors' fields (a{sv} of strings and numbers, in
 * arrays of them) are most of what the writer walks: the entries are read here in one loop
 * over the table of their ends, and a variant's value of a basic type is written here too. */
static void
write_dictionary (Writer *writer, guint level, Serialised value)
{
  Entry stack_entries[16];
  Entry *entries = stack_entries;
  GArray *heap = NULL;
  /* The entries' layout, {sT}, from T's: aligned as T (or 1), never of a fixed size, so their
   * ends are in a table of framing offsets at the array's end, which the last one points to. */
  const char *value_type = value.type + 3;
  gsize value_alignment, value_fixed_size;
  type_layout (value_type, &value_alignment, &value_fixed_size);
  gsize width = serialised_offset_width_of (value.size), table = 0, n = 0;
  if (value.size > 0)
    {
      table = serialised_read_offset (value.data + value.size - width, width);
      n = table <= value.size ? (value.size - table) / width : 0;
    }
  if (n > G_N_ELEMENTS (stack_entries))
    {
      heap = g_array_sized_new (FALSE, FALSE, sizeof (Entry), n);
      g_array_set_size (heap, n);
      entries = (Entry *) heap->data;
    }
  for (gsize i = 0, position = 0; i < n; i++)
    {
      gsize start = align_up (position, value_alignment);
      gsize end = MIN (serialised_read_offset (value.data + table + i * width, width), value.size);
      start = MIN (start, end);
      position = end;
      entry_split (value.data + start, end - start, value_type, value_alignment, value_fixed_size, &entries[i]);
    }

  /* last[i]: 1 + the index of the last entry named as entry i, 0 for an entry written where
   * its name first came; NULL when no name repeats. */
  gsize *last = NULL;
  if (n > 1)
    {
      gboolean repeated = FALSE;
      if (n <= G_N_ELEMENTS (stack_entries))
        {
          for (gsize i = 1; i < n && !repeated; i++)
            for (gsize j = 0; j < i && !repeated; j++)
              repeated = entry_names_equal (&entries[i], &entries[j]);
        }
      else
        {
          g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
          for (gsize i = 0; i < n && !repeated; i++)
            repeated = !g_hash_table_add (seen, (gpointer) entries[i].name);
        }
      if (repeated)
        {
          g_autoptr (GHashTable) at = g_hash_table_new (g_str_hash, g_str_equal);
          for (gsize i = 0; i < n; i++)
            g_hash_table_insert (at, (gpointer) entries[i].name, GSIZE_TO_POINTER (i + 1));
          last = g_new0 (gsize, n);
          for (gsize i = 0; i < n; i++)
            {
              gsize index = GPOINTER_TO_SIZE (g_hash_table_lookup (at, entries[i].name));
              if (index == 0)
                continue; /* written where the name first came */
              last[i] = index;
              g_hash_table_insert (at, (gpointer) entries[i].name, GSIZE_TO_POINTER (0));
            }
        }
    }
  Container object = container_begin (writer, level, '{');
  for (gsize i = 0; i < n && writer->error == NULL; i++)
    {
      if (last && last[i] == 0)
        continue;
      container_separate (&object);
      write_string (writer, entries[i].name, entries[i].length);
      container_name_end (writer);
      Serialised member = entries[last ? last[i] - 1 : i].value, child;
      if (*member.type == 'v' && variant_child (member, &child) && write_basic (writer, child))
        continue;
      write_serialised (writer, level + 1, member);
    }
  container_end (&object);
  if (heap)
    g_array_free (heap, TRUE);
  g_free (last);
}

/* @value as nf_variant_to_json builds it. */
static void
write_serialised (Writer *writer, guint level, Serialised value)
{
  /* A variant's or a maybe's child in the same call: the loop goes on with it. */
  for (;;)
    {
      if (write_basic (writer, value))
        return;
      switch (*value.type)
        {
        case 'v':
          if (!variant_child (value, &value))
            {
              buffer_append_literal (writer->buffer, "null"); /* only a broken value */
              return;
            }
          continue;
        case 'm':
          {
            /* Nothing is no bytes; Just is the child's bytes, and a NUL after a
             * variable-size child. */
            gsize alignment, fixed_size;
            type_layout (value.type + 1, &alignment, &fixed_size);
            if (value.size == 0)
              {
                buffer_append_literal (writer->buffer, "null");
                return;
              }
            value = (Serialised) { value.type + 1, value.data, fixed_size > 0 ? value.size : value.size - 1 };
            continue;
          }
        case 'a':
          if (value.type[1] == 'y')
            {
              g_autofree char *encoded = g_base64_encode (value.data, value.size);
              write_cstring (writer, encoded);
              return;
            }
          if (value.type[1] == '{' && value.type[2] == 's')
            {
              write_dictionary (writer, level, value);
              return;
            }
          G_GNUC_FALLTHROUGH;
        case '(': case '{':
          {
            Container array = container_begin (writer, level, '[');
            Children children;
            Serialised child;
            children_init (&children, value);
            while (writer->error == NULL && children_next (&children, &child))
              {
                container_next (&array, NULL);
                write_serialised (writer, level + 1, child);
              }
            container_end (&array);
            return;
          }
        default:
          buffer_append_literal (writer->buffer, "null");
          return;
        }
    }
}

/* As nf_variant_to_json builds it. */
static void
write_variant (Writer *writer, guint level, GVariant *value)
{
  if (value == NULL)
    {
      buffer_append_literal (writer->buffer, "null");
      return;
    }
  if (cache_replay (writer, value))
    return;
  /* Free for what GLib built (trusted); a copy otherwise. */
  g_autoptr (GVariant) normal = NULL;
  GVariant *readable = value;
  if (!g_variant_is_normal_form (value))
    readable = normal = g_variant_get_normal_form (value);
  Serialised serialised = { g_variant_get_type_string (readable), g_variant_get_data (readable),
                            g_variant_get_size (readable) };
  guint64 start = writer_position (writer);
  write_serialised (writer, level, serialised);
  /* A value of a basic type is written the same at any level; the address of a copy could
   * be another value's by the next one. */
  if (normal == NULL && !type_is_container (serialised.type))
    cache_record (writer, value, start);
}

/* An attribute's value, as the GVariant the getters would make of an int64 in the pointer or
 * of a shared string would be written (either is the same at any level), without making it.
 * A shared string is written once an article while it is in the buffer, as a GVariant is. */
static inline void
write_attr_value (Writer *writer, guint level, gconstpointer value)
{
  if (nf_attr_is_int (value))
    write_int (writer, nf_attr_get_int (value));
  else if (nf_attr_is_string (value))
    {
      const NfAttrString *string = nf_attr_get_string (value);
      if (cache_replay (writer, string))
        return;
      guint64 start = writer_position (writer);
      write_string (writer, string->text, string->length);
      cache_record (writer, string, start);
    }
  else
    write_variant (writer, level, (GVariant *) value);
}

/* The annotation is read from its structure (article-private.h), not through a call per
 * property: the writer is part of the core, and an article has tens of them. */
static void
write_annotation (Writer *writer, guint level, const NfAnnotation *annotation, const char *text)
{
  gsize start = annotation->start, end = annotation->end;
  /* The tree held a C string of the span: it ended at a NUL. */
  const char *covered = text ? text + start : "";
  gsize length = text && end > start ? strnlen (text + start, end - start) : 0;
  if (!writer->pretty)
    {
      /* The same as below, with the names and separators as single literals. */
      GString *buffer = writer->buffer;
      buffer_append_literal (buffer, "{\"type\":");
      write_interned (writer, annotation->type);
      buffer_append_literal (buffer, ",\"start\":");
      write_int (writer, (gint64) start);
      writer_maybe_flush (writer);
      buffer_append_literal (buffer, ",\"end\":");
      write_int (writer, (gint64) end);
      buffer_append_literal (buffer, ",\"text\":");
      writer_maybe_flush (writer);
      write_string (writer, covered, length);
      buffer_append_literal (buffer, ",\"attrs\":{");
      for (guint i = 0; i < annotation->n_attrs; i++)
        {
          if (i > 0)
            buffer_append_literal (buffer, ",");
          write_interned (writer, annotation->attrs[i].key);
          buffer_append_literal (buffer, ":");
          write_attr_value (writer, level + 2, annotation->attrs[i].value);
        }
      buffer_append_literal (buffer, "}}");
      writer_maybe_flush (writer);
      return;
    }
  Container object = container_begin (writer, level, '{');
  container_next_literal (&object, "type");
  write_interned (writer, annotation->type);
  container_next_literal (&object, "start");
  write_int (writer, (gint64) start);
  container_next_literal (&object, "end");
  write_int (writer, (gint64) end);
  container_next_literal (&object, "text");
  write_string (writer, covered, length);
  container_next_literal (&object, "attrs");
  Container attrs = container_begin (writer, level + 1, '{');
  for (guint i = 0; i < annotation->n_attrs; i++)
    {
      container_next_interned (&attrs, annotation->attrs[i].key);
      write_attr_value (writer, level + 2, annotation->attrs[i].value);
    }
  container_end (&attrs);
  container_end (&object);
}

static void
write_article (Writer *writer, NfArticle *article)
{
  Container object = container_begin (writer, 0, '{');
  container_next_literal (&object, "id");
  write_cstring (writer, nf_article_get_id (article));
  container_next_literal (&object, "source");
  write_cstring (writer, nf_article_get_source (article));
  container_next_literal (&object, "content_type");
  write_cstring (writer, nf_article_get_content_type (article));
  container_next_literal (&object, "title");
  write_cstring (writer, nf_article_get_title (article));

  container_next_literal (&object, "authors");
  Container authors = container_begin (writer, 1, '[');
  for (const char *const *author = nf_article_get_authors (article); *author; author++)
    {
      container_next (&authors, NULL);
      write_cstring (writer, *author);
    }
  container_end (&authors);

  GDateTime *published = nf_article_get_published (article);
  g_autofree char *iso = published ? nf_date_time_format (published) : NULL;
  container_next_literal (&object, "published");
  write_cstring (writer, iso);
  container_next_literal (&object, "language");
  write_cstring (writer, nf_article_get_language (article));
  const char *text = nf_article_get_text (article);
  container_next_literal (&object, "text");
  write_cstring (writer, text);

  container_next_literal (&object, "paragraphs");
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

  container_next_literal (&object, "annotations");
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
  CachedText cache[TEXT_CACHE_SIZE] = { { NULL, 0, 0 } };
  Writer writer = { g_string_sized_new (CHUNK_SIZE + 256), pretty, write, user_data, NULL, CHUNK_SIZE, 0, cache };
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
  CachedText cache[TEXT_CACHE_SIZE] = { { NULL, 0, 0 } };
  Writer writer = { out, pretty, NULL, NULL, NULL, G_MAXSIZE, 0, cache };
  write_article (&writer, article);
  buffer_terminate (out);
}

void
nf_variant_append_json (GVariant *value, gboolean pretty, GString *out)
{
  g_return_if_fail (out != NULL);
  Writer writer = { out, pretty, NULL, NULL, NULL, G_MAXSIZE, 0, NULL };
  write_variant (&writer, 0, value);
  buffer_terminate (out);
}
