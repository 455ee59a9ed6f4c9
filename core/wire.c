/* wire.c: an article as a GVariant dictionary and back, exactly (see newsflow/wire.h).
 * JSON would lose the types of fields (an a(sd) of keywords comes back as arrays of
 * variants), so articles travel between newsflow processes in GVariant's own form. */
#include "config.h"

#include <string.h>

#include <newsflow/error.h>
#include <newsflow/safe.h>
#include <newsflow/serialised.h>
#include <newsflow/wire.h>

#include "serialised-private.h"

static void
add_string (GVariantBuilder *builder, const char *name, const char *value)
{
  if (value)
    g_variant_builder_add (builder, "{sv}", name, g_variant_new_string (value));
}

static GVariant *
attrs_to_variant (const NfAnnotation *annotation)
{
  GVariantBuilder attrs;
  g_variant_builder_init (&attrs, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < nf_annotation_get_n_attrs (annotation); i++)
    {
      const char *key;
      GVariant *value = nf_annotation_get_nth_attr (annotation, i, &key);
      g_variant_builder_add (&attrs, "{sv}", key, value);
    }
  return g_variant_builder_end (&attrs);
}

GVariant *
nf_article_to_variant (NfArticle *article, gboolean with_body)
{
  GVariantBuilder builder;
  g_variant_builder_init (&builder, NF_ARTICLE_WIRE_TYPE);
  add_string (&builder, "id", nf_article_get_id (article));
  add_string (&builder, "source", nf_article_get_source (article));
  add_string (&builder, "content_type", nf_article_get_content_type (article));
  add_string (&builder, "title", nf_article_get_title (article));
  const char *const *authors = nf_article_get_authors (article);
  if (authors[0])
    g_variant_builder_add (&builder, "{sv}", "authors", g_variant_new_strv (authors, -1));
  GDateTime *published = nf_article_get_published (article);
  if (published)
    {
      g_autofree char *date = nf_date_time_format (published);
      add_string (&builder, "published", date);
    }
  add_string (&builder, "language", nf_article_get_language (article));

  /* Fields keep their insertion order: a{sv} is an array, not a hash. */
  GVariantBuilder fields;
  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < nf_article_get_n_fields (article); i++)
    {
      const char *name;
      GVariant *value = nf_article_get_nth_field (article, i, &name);
      g_variant_builder_add (&fields, "{sv}", name, value);
    }
  g_variant_builder_add (&builder, "{sv}", "fields", g_variant_builder_end (&fields));

  if (with_body && nf_article_has_text (article))
    {
      const char *text = nf_article_get_text (article);
      GVariantBuilder paragraphs;
      g_variant_builder_init (&paragraphs, G_VARIANT_TYPE_STRING_ARRAY);
      for (guint i = 0; i < nf_article_get_n_paragraphs (article); i++)
        {
          gsize start, end;
          nf_article_get_paragraph_span (article, i, &start, &end);
          g_autofree char *paragraph = g_strndup (text + start, end - start);
          g_variant_builder_add (&paragraphs, "s", paragraph);
        }
      g_variant_builder_add (&builder, "{sv}", "paragraphs", g_variant_builder_end (&paragraphs));

      GVariantBuilder annotations;
      g_variant_builder_init (&annotations, G_VARIANT_TYPE ("a(stta{sv})"));
      for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
        {
          const NfAnnotation *annotation = nf_article_get_annotation (article, i);
          g_variant_builder_add (&annotations, "(stt@a{sv})", nf_annotation_get_type (annotation),
                                 (guint64) nf_annotation_get_start (annotation),
                                 (guint64) nf_annotation_get_end (annotation),
                                 attrs_to_variant (annotation));
        }
      g_variant_builder_add (&builder, "{sv}", "annotations", g_variant_builder_end (&annotations));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* The member @name of type @type, or NULL when absent; FALSE with an error when present
 * with another type. */
static gboolean
lookup (GVariantDict *dict, const char *name, const GVariantType *type, GVariant **value, GError **error)
{
  *value = g_variant_dict_lookup_value (dict, name, NULL);
  if (*value && !g_variant_is_of_type (*value, type))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "article wire form: \"%s\" is of type %s, not %s",
                   name, g_variant_get_type_string (*value), g_variant_type_peek_string (type));
      g_clear_pointer (value, g_variant_unref);
      return FALSE;
    }
  return TRUE;
}

#define LOOKUP(name, type, var)                                                   \
  g_autoptr (GVariant) var = NULL;                                                \
  if (!lookup (&dict, name, type, &var, error))                                   \
    return NULL

NfArticle *
nf_article_new_from_variant (GVariant *variant, GError **error)
{
  if (!g_variant_is_of_type (variant, NF_ARTICLE_WIRE_TYPE))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "article wire form: a %s, not a dictionary (a{sv})",
                   g_variant_get_type_string (variant));
      return NULL;
    }
  g_auto (GVariantDict) dict;
  g_variant_dict_init (&dict, variant);
  LOOKUP ("source", G_VARIANT_TYPE_STRING, source);
  LOOKUP ("id", G_VARIANT_TYPE_STRING, id);
  LOOKUP ("content_type", G_VARIANT_TYPE_STRING, content_type);
  LOOKUP ("title", G_VARIANT_TYPE_STRING, title);
  LOOKUP ("authors", G_VARIANT_TYPE_STRING_ARRAY, authors);
  LOOKUP ("published", G_VARIANT_TYPE_STRING, published);
  LOOKUP ("language", G_VARIANT_TYPE_STRING, language);
  LOOKUP ("fields", G_VARIANT_TYPE_VARDICT, fields);
  LOOKUP ("paragraphs", G_VARIANT_TYPE_STRING_ARRAY, paragraphs);
  LOOKUP ("annotations", G_VARIANT_TYPE ("a(stta{sv})"), annotations);
  if (source == NULL)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "article wire form: no \"source\"");
      return NULL;
    }
  g_autoptr (GDateTime) date = NULL;
  if (published)
    {
      date = g_date_time_new_from_iso8601 (g_variant_get_string (published, NULL), NULL);
      if (date == NULL)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "article wire form: \"published\" is not a date: %s",
                       g_variant_get_string (published, NULL));
          return NULL;
        }
    }

  g_autoptr (NfArticle) article = nf_article_new (g_variant_get_string (source, NULL));
  if (id)
    nf_article_set_id (article, g_variant_get_string (id, NULL));
  if (content_type)
    nf_article_set_content_type (article, g_variant_get_string (content_type, NULL));
  if (title)
    nf_article_set_title (article, g_variant_get_string (title, NULL));
  if (authors)
    {
      g_autofree const char **list = g_variant_get_strv (authors, NULL);
      nf_article_set_authors (article, list);
    }
  nf_article_set_published (article, date);
  if (language)
    nf_article_set_language (article, g_variant_get_string (language, NULL));

  GVariantIter iter;
  const char *name;
  GVariant *value;
  if (fields)
    {
      g_variant_iter_init (&iter, fields);
      while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
        {
          gboolean reserved = nf_article_is_reserved_field (name);
          if (!reserved)
            nf_article_set_field (article, name, value);
          g_variant_unref (value);
          if (reserved)
            {
              g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "article wire form: \"%s\" names an article property, not a field", name);
              return NULL;
            }
        }
    }
  if (paragraphs)
    {
      g_autofree const char **list = g_variant_get_strv (paragraphs, NULL);
      nf_article_set_paragraphs (article, list, -1);
    }
  if (annotations)
    {
      gsize length = nf_article_get_text_length (article);
      const char *type;
      guint64 start, end;
      GVariant *attrs;
      g_variant_iter_init (&iter, annotations);
      while (g_variant_iter_next (&iter, "(&stt@a{sv})", &type, &start, &end, &attrs))
        {
          if (start > end || end > length)
            {
              g_variant_unref (attrs);
              g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "article wire form: a \"%s\" annotation spans [%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT
                           ") of a body of %" G_GSIZE_FORMAT " bytes", type, start, end, length);
              return NULL;
            }
          NfAnnotation *annotation = nf_article_add_annotation (article, type, start, end);
          GVariantIter attr_iter;
          const char *key;
          g_variant_iter_init (&attr_iter, attrs);
          while (g_variant_iter_next (&attr_iter, "{&sv}", &key, &value))
            {
              nf_annotation_set_attr (annotation, key, value);
              g_variant_unref (value);
            }
          g_variant_unref (attrs);
        }
    }
  return g_steal_pointer (&article);
}

/* ---- the wire form written straight into its bytes ----
 *
 * nf_article_to_variant builds a tree (a GVariant for every string, dict entry and variant
 * box, ten or more an annotation) that g_variant_get_data then serialises and frees: 95% of
 * format "nats"'s instructions.  The serialised form of an a{sv} has one layout, laid down
 * by GLib's "GVariant Serialisation Format" (gvariant-serialiser.c): so nf_article_to_wire
 * writes it directly, copying the bytes of field and attribute values as they are stored
 * (g_variant_store does the same).  tests/unit/test-wire.c checks the bytes against the
 * tree's for articles of every shape and size.  Offsets are written little-endian, as the
 * wire form is; a big-endian host takes the tree and byte-swaps it instead. */

typedef struct {
  guint8 *data;
  gsize   length;
  gsize   allocated;
} Out;

static void
out_grow (Out *out, gsize more)
{
  gsize wanted = out->length + more;
  out->allocated = MAX (wanted, 2 * out->allocated);
  out->data = g_realloc (out->data, out->allocated);
}

static inline void
out_put (Out *out, const void *data, gsize length)
{
  if (G_UNLIKELY (out->allocated - out->length < length))
    out_grow (out, length);
  if (data)
    memcpy (out->data + out->length, data, length);
  else
    memset (out->data + out->length, 0, length); /* what g_variant_store writes for no data */
  out->length += length;
}

/* Zero bytes up to a multiple of 8: every container here starts at one, so the padding a
 * member needs relative to its container is the same as relative to the whole. */
static inline void
out_align8 (Out *out)
{
  gsize pad = (8 - (out->length & 7)) & 7;
  if (pad)
    out_put (out, NULL, pad);
}

static inline void
out_string (Out *out, const char *string, gsize length)
{
  if (G_UNLIKELY (out->allocated - out->length < length + 1))
    out_grow (out, length + 1);
  memcpy (out->data + out->length, string, length);
  out->data[out->length + length] = '\0';
  out->length += length + 1;
}

static inline void
out_u64 (Out *out, guint64 value)
{
  value = GUINT64_TO_LE (value);
  out_put (out, &value, sizeof value);
}

/* The framing offsets @ends (absolute positions) of a container that starts at @start, written
 * after its body, relative to @start. */
static void
out_offsets (Out *out, gsize start, const gsize *ends, gsize n)
{
  guint width = nf_serialised_offset_width (out->length - start, n);
  if (G_UNLIKELY (out->allocated - out->length < width * n))
    out_grow (out, width * n);
  guint8 *p = out->data + out->length;
  for (gsize k = 0; k < n; k++)
    {
      guint64 value = ends[k] - start;
      for (guint b = 0; b < width; b++)
        *p++ = (guint8) (value >> (8 * b));
    }
  out->length += (gsize) width * n;
}

/* A {sv} dict entry is its key, then (8-aligned) the variant, its value's bytes followed by a
 * zero byte and the value's type, then the offset where the key ends.  entry_begin writes
 * the key and returns where the entry starts; the caller writes the value; entry_end the rest. */
typedef struct {
  gsize start;
  gsize key_end;
} Entry;

static inline Entry
entry_begin (Out *out, const char *key, gsize key_length)
{
  out_align8 (out);
  Entry entry = { out->length, 0 };
  out_string (out, key, key_length);
  entry.key_end = out->length;
  out_align8 (out);
  return entry;
}

static inline void
entry_end (Out *out, Entry entry, const char *type, gsize type_length)
{
  if (G_UNLIKELY (out->allocated - out->length < type_length + 1))
    out_grow (out, type_length + 1);
  out->data[out->length] = '\0';
  memcpy (out->data + out->length + 1, type, type_length);
  out->length += type_length + 1;
  out_offsets (out, entry.start, &entry.key_end, 1);
}

#define KEY(literal) "" literal, sizeof (literal) - 1

/* An entry whose value is the GVariant @value, copied in its serialised form. */
static void
put_value_entry (Out *out, const char *key, gsize key_length, GVariant *value)
{
  Entry entry = entry_begin (out, key, key_length);
  out_put (out, g_variant_get_data (value), g_variant_get_size (value));
  const char *type = g_variant_get_type_string (value);
  entry_end (out, entry, type, strlen (type));
}

static void
put_string_entry (Out *out, const char *key, gsize key_length, const char *value)
{
  if (value == NULL)
    return;
  Entry entry = entry_begin (out, key, key_length);
  out_string (out, value, strlen (value));
  entry_end (out, entry, "s", 1);
}

/* A growing list of the absolute end positions of a container's children. */
typedef struct {
  gsize *ends;
  gsize  n;
  gsize  allocated;
  gsize  stack[32];
} Ends;

static inline void
ends_init (Ends *ends)
{
  ends->ends = ends->stack;
  ends->n = 0;
  ends->allocated = G_N_ELEMENTS (ends->stack);
}

static inline void
ends_add (Ends *ends, gsize end)
{
  if (G_UNLIKELY (ends->n == ends->allocated))
    {
      ends->allocated *= 2;
      if (ends->ends == ends->stack)
        ends->ends = g_memdup2 (ends->stack, sizeof ends->stack);
      ends->ends = g_renew (gsize, ends->ends, ends->allocated);
    }
  ends->ends[ends->n++] = end;
}

static inline void
ends_clear (Ends *ends)
{
  if (ends->ends != ends->stack)
    g_free (ends->ends);
}

/* An as from @n strings (@strings, or the paragraphs of @article's text when NULL): the
 * strings with their NULs one after another, then the offsets of their ends. */
static void
put_strings (Out *out, const char *const *strings, NfArticle *article, gsize n)
{
  gsize start = out->length;
  Ends ends;
  ends_init (&ends);
  const char *text = article ? nf_article_get_text (article) : NULL;
  for (gsize i = 0; i < n; i++)
    {
      if (strings)
        out_string (out, strings[i], strlen (strings[i]));
      else
        {
          gsize from, to;
          nf_article_get_paragraph_span (article, (guint) i, &from, &to);
          out_string (out, text + from, to - from);
        }
      ends_add (&ends, out->length);
    }
  out_offsets (out, start, ends.ends, ends.n);
  ends_clear (&ends);
}

/* The annotations, an a(stta{sv}): each tuple 8-aligned is its type, (8-aligned) start and
 * end, its attributes (an a{sv}), then the offset where the type ends. */
static void
put_annotations (Out *out, NfArticle *article)
{
  gsize start = out->length;
  guint n = nf_article_get_n_annotations (article);
  Ends ends, attr_ends;
  ends_init (&ends);
  ends_init (&attr_ends);
  for (guint i = 0; i < n; i++)
    {
      const NfAnnotation *annotation = nf_article_get_annotation (article, i);
      out_align8 (out);
      gsize tuple = out->length;
      const char *type = nf_annotation_get_type (annotation);
      out_string (out, type, strlen (type));
      gsize type_end = out->length;
      out_align8 (out);
      out_u64 (out, nf_annotation_get_start (annotation));
      out_u64 (out, nf_annotation_get_end (annotation));
      gsize attrs = out->length;
      attr_ends.n = 0;
      for (guint k = 0; k < nf_annotation_get_n_attrs (annotation); k++)
        {
          const char *key;
          GVariant *value = nf_annotation_get_nth_attr (annotation, k, &key);
          put_value_entry (out, key, strlen (key), value);
          ends_add (&attr_ends, out->length);
        }
      out_offsets (out, attrs, attr_ends.ends, attr_ends.n);
      out_offsets (out, tuple, &type_end, 1);
      ends_add (&ends, out->length);
    }
  out_offsets (out, start, ends.ends, ends.n);
  ends_clear (&ends);
  ends_clear (&attr_ends);
}

/* A {sv} member whose value is a string, when @value is not NULL; TRUE when written. */
static gboolean
put_member (Out *out, Ends *ends, const char *key, gsize key_length, const char *value)
{
  if (value == NULL)
    return FALSE;
  put_string_entry (out, key, key_length, value);
  ends_add (ends, out->length);
  return TRUE;
}

static GBytes *
article_to_wire_direct (NfArticle *article, gboolean with_body)
{
  gsize estimate = 1024;
  if (with_body)
    estimate += nf_article_get_text_length (article) + 8 * (gsize) nf_article_get_n_paragraphs (article)
                + 96 * (gsize) nf_article_get_n_annotations (article);
  Out out = { g_malloc (estimate), 0, estimate };
  Ends ends;
  ends_init (&ends);

  /* The members in nf_article_to_variant's order. */
  put_member (&out, &ends, KEY ("id"), nf_article_get_id (article));
  put_member (&out, &ends, KEY ("source"), nf_article_get_source (article));
  put_member (&out, &ends, KEY ("content_type"), nf_article_get_content_type (article));
  put_member (&out, &ends, KEY ("title"), nf_article_get_title (article));
  const char *const *authors = nf_article_get_authors (article);
  if (authors[0])
    {
      Entry entry = entry_begin (&out, KEY ("authors"));
      put_strings (&out, authors, NULL, g_strv_length ((char **) authors));
      entry_end (&out, entry, "as", 2);
      ends_add (&ends, out.length);
    }
  GDateTime *published = nf_article_get_published (article);
  if (published)
    {
      g_autofree char *date = nf_date_time_format (published);
      put_member (&out, &ends, KEY ("published"), date);
    }
  put_member (&out, &ends, KEY ("language"), nf_article_get_language (article));

  Entry fields = entry_begin (&out, KEY ("fields"));
  {
    gsize start = out.length;
    Ends field_ends;
    ends_init (&field_ends);
    for (guint i = 0; i < nf_article_get_n_fields (article); i++)
      {
        const char *name;
        GVariant *value = nf_article_get_nth_field (article, i, &name);
        put_value_entry (&out, name, strlen (name), value);
        ends_add (&field_ends, out.length);
      }
    out_offsets (&out, start, field_ends.ends, field_ends.n);
    ends_clear (&field_ends);
  }
  entry_end (&out, fields, "a{sv}", 5);
  ends_add (&ends, out.length);

  if (with_body && nf_article_has_text (article))
    {
      Entry paragraphs = entry_begin (&out, KEY ("paragraphs"));
      put_strings (&out, NULL, article, nf_article_get_n_paragraphs (article));
      entry_end (&out, paragraphs, "as", 2);
      ends_add (&ends, out.length);
      Entry annotations = entry_begin (&out, KEY ("annotations"));
      put_annotations (&out, article);
      entry_end (&out, annotations, "a(stta{sv})", 11);
      ends_add (&ends, out.length);
    }
  out_offsets (&out, 0, ends.ends, ends.n);
  ends_clear (&ends);
  return g_bytes_new_take (out.data, out.length);
}

GBytes *
nf_article_to_wire (NfArticle *article, gboolean with_body)
{
  if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
    return article_to_wire_direct (article, with_body);
  g_autoptr (GVariant) variant = nf_article_to_variant (article, with_body);
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (variant);
      g_variant_unref (variant);
      variant = swapped;
    }
  return g_variant_get_data_as_bytes (variant);
}

/* ---- the wire form read straight from its bytes ----
 *
 * g_variant_is_normal_form walked the whole message, then nf_article_new_from_variant took
 * it apart through a GVariantDict and GVariantIter, making a GVariant for every member,
 * paragraph, annotation and attribute.  article_from_wire_direct reads the bytes once,
 * checking as it goes each rule of the normal form that gvariant-serialiser.c checks
 * (framing offsets in order and in bounds, zero padding, strings NUL-terminated UTF-8,
 * variants' type strings), and makes GVariants only for field values and attributes that
 * are not strings (checked by g_variant_is_normal_form).  It gives up (NULL) on anything
 * it does not take for certain: then nf_article_new_from_wire does what it did before,
 * which words the error (or reads what is unusual but normal, such as a member repeated).
 * One difference is knowingly left: a value nested more than about 120 containers deep is
 * checked on its own, where GLib counted the depth from the message's top. */

typedef struct {
  const guint8 *data;
  gsize         size;
} Span;

/* A string in normal form: UTF-8, one NUL, at its end. */
static inline gboolean
span_is_string (Span s)
{
  const char *end;
  if (s.size == 0 || s.data[s.size - 1] != '\0')
    return FALSE;
  nf_utf8_validate ((const char *) s.data, s.size, &end);
  return end == (const char *) s.data + s.size - 1;
}

/* The elements of an array of variable-size elements aligned to @alignment. */
typedef struct {
  Span  parent;
  gsize width, table, n, i, position, mask;
} Elements;

static gboolean
elements_init (Elements *e, Span parent, gsize alignment)
{
  *e = (Elements) { .parent = parent, .mask = alignment - 1 };
  if (parent.size == 0)
    return TRUE;
  e->width = serialised_offset_width_of (parent.size);
  e->table = serialised_read_offset (parent.data + parent.size - e->width, e->width);
  if (e->table > parent.size || (parent.size - e->table) % e->width != 0)
    return FALSE;
  e->n = (parent.size - e->table) / e->width;
  return e->n > 0;
}

/* The next element into @child; FALSE at the end, or with *@bad set when the framing is
 * not in normal form. */
static gboolean
elements_next (Elements *e, Span *child, gboolean *bad)
{
  if (e->i == e->n)
    return FALSE;
  gsize end = serialised_read_offset (e->parent.data + e->table + e->width * e->i, e->width);
  if (end < e->position || end > e->table)
    return !(*bad = TRUE);
  gsize offset = e->position;
  for (; offset & e->mask; offset++)
    if (offset >= end || e->parent.data[offset] != '\0')
      return !(*bad = TRUE);
  *child = (Span) { e->parent.data + offset, end - offset };
  e->position = end;
  e->i++;
  return TRUE;
}

/* Zero padding from *@offset to a multiple of 8, below @limit. */
static inline gboolean
span_pad8 (Span s, gsize *offset, gsize limit)
{
  for (; *offset & 7; (*offset)++)
    if (*offset >= limit || s.data[*offset] != '\0')
      return FALSE;
  return TRUE;
}

/* A {sv} dict entry: its key (without the NUL), and the variant's value and type string. */
typedef struct {
  const char *key;
  Span        value;
  const char *type;
  gsize       type_length;
} WireEntry;

/* A container that opens with a string whose end is its last framing offset (a dict entry's
 * key, an annotation's type): that end, and where the framing offsets start. */
static gboolean
span_leading_string (Span s, gsize *string_end, gsize *offsets)
{
  gsize width = serialised_offset_width_of (s.size);
  if (s.size < width || width == 0)
    return FALSE;
  *offsets = s.size - width;
  *string_end = serialised_read_offset (s.data + *offsets, width);
  return *string_end <= *offsets && span_is_string ((Span) { s.data, *string_end });
}

static gboolean
read_entry (Span s, WireEntry *entry)
{
  gsize offsets, key_end;
  if (!span_leading_string (s, &key_end, &offsets))
    return FALSE;
  gsize start = key_end;
  if (!span_pad8 (s, &start, offsets) || start >= offsets)
    return FALSE;
  /* The variant: its value, a NUL, then the value's type (the last NUL starts it). */
  const guint8 *variant = s.data + start;
  gsize size = offsets - start, nul = size - 1;
  while (nul > 0 && variant[nul] != '\0')
    nul--;
  if (variant[nul] != '\0' || nul + 1 == size)
    return FALSE;
  entry->key = (const char *) s.data;
  entry->value = (Span) { variant, nul };
  entry->type = (const char *) variant + nul + 1;
  entry->type_length = size - nul - 1;
  return TRUE;
}

static inline gboolean
entry_type_is (const WireEntry *entry, const char *type)
{
  return entry->type_length == strlen (type) && memcmp (entry->type, type, entry->type_length) == 0;
}

/* The value of @entry as a GVariant (floating) sharing @bytes, or NULL when its type is not
 * one definite type or its bytes are not in normal form. */
static GVariant *
entry_to_variant (const WireEntry *entry, GBytes *bytes)
{
  char type[256];
  const char *end;
  if (entry->type_length >= sizeof type)
    return NULL;
  memcpy (type, entry->type, entry->type_length);
  type[entry->type_length] = '\0';
  if (!g_variant_type_string_scan (type, NULL, &end) || *end || !g_variant_type_is_definite ((const GVariantType *) type))
    return NULL;
  /* A fixed-size type (none of these letters) must have exactly its size: GLib would give
   * zeros for another size rather than refuse it. */
  gboolean fixed = strpbrk (type, "sogvam") == NULL;
  if (fixed && entry->value.size == 0)
    return NULL;
  const guint8 *base = g_bytes_get_data (bytes, NULL);
  g_autoptr (GBytes) slice = g_bytes_new_from_bytes (bytes, entry->value.data - base, entry->value.size);
  GVariant *value = g_variant_ref_sink (g_variant_new_from_bytes ((const GVariantType *) type, slice, FALSE));
  if ((fixed && g_variant_get_size (value) != entry->value.size) || !g_variant_is_normal_form (value))
    {
      g_variant_unref (value);
      return NULL;
    }
  return value;
}

enum { W_ID, W_SOURCE, W_CONTENT_TYPE, W_TITLE, W_AUTHORS, W_PUBLISHED, W_LANGUAGE, W_FIELDS, W_PARAGRAPHS,
       W_ANNOTATIONS, W_COUNT };
static const char *const wire_members[W_COUNT] = {
  "id", "source", "content_type", "title", "authors", "published", "language", "fields", "paragraphs",
  "annotations",
};
static const char *const wire_types[W_COUNT] = { "s", "s", "s", "s", "as", "s", "s", "a{sv}", "as", "a(stta{sv})" };

/* The strings of an as, each checked; NULL when not in normal form. */
static GPtrArray *
read_strings (Span s)
{
  Elements elements;
  Span child;
  gboolean bad = FALSE;
  if (!elements_init (&elements, s, 1))
    return NULL;
  GPtrArray *list = g_ptr_array_sized_new (elements.n + 1);
  while (elements_next (&elements, &child, &bad))
    {
      if (!span_is_string (child))
        {
          bad = TRUE;
          break;
        }
      g_ptr_array_add (list, (gpointer) child.data);
    }
  if (bad)
    {
      g_ptr_array_unref (list);
      return NULL;
    }
  g_ptr_array_add (list, NULL);
  return list;
}

/* The attributes of @annotation from an a{sv}: strings go through the article's table of
 * shared strings without a GVariant; FALSE when not in normal form. */
static gboolean
read_attrs (Span s, NfAnnotation *annotation, GBytes *bytes)
{
  Elements elements;
  Span child;
  gboolean bad = FALSE;
  if (!elements_init (&elements, s, 8))
    return FALSE;
  while (elements_next (&elements, &child, &bad))
    {
      WireEntry entry;
      if (!read_entry (child, &entry))
        return FALSE;
      if (entry_type_is (&entry, "s"))
        {
          if (!span_is_string (entry.value))
            return FALSE;
          nf_annotation_set_attr_string (annotation, entry.key, (const char *) entry.value.data);
          continue;
        }
      GVariant *value = entry_to_variant (&entry, bytes);
      if (value == NULL)
        return FALSE;
      nf_annotation_set_attr (annotation, entry.key, value); /* adds its reference */
      g_variant_unref (value);
    }
  return !bad;
}

/* The annotations, an a(stta{sv}); FALSE when not in normal form or when a span lies
 * outside the body (an error, worded by nf_article_new_from_variant). */
static gboolean
read_annotations (Span s, NfArticle *article, GBytes *bytes)
{
  Elements elements;
  Span t;
  gboolean bad = FALSE;
  gsize length = nf_article_get_text_length (article);
  if (!elements_init (&elements, s, 8))
    return FALSE;
  while (elements_next (&elements, &t, &bad))
    {
      /* (stta{sv}): the type, its end's offset at the very end; start and end 8-aligned;
       * the attributes up to the offset. */
      gsize offsets, type_end;
      if (!span_leading_string (t, &type_end, &offsets))
        return FALSE;
      gsize at = type_end;
      if (!span_pad8 (t, &at, offsets) || at + 16 > offsets)
        return FALSE;
      guint64 start, end;
      memcpy (&start, t.data + at, 8);
      memcpy (&end, t.data + at + 8, 8);
      start = GUINT64_FROM_LE (start);
      end = GUINT64_FROM_LE (end);
      if (start > end || end > length)
        return FALSE;
      NfAnnotation *annotation = nf_article_add_annotation (article, (const char *) t.data, start, end);
      if (!read_attrs ((Span) { t.data + at + 16, offsets - at - 16 }, annotation, bytes))
        return FALSE;
    }
  return !bad;
}

static NfArticle *
article_from_wire_direct (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  Elements elements;
  Span child;
  gboolean bad = FALSE;
  WireEntry members[W_COUNT];
  gboolean present[W_COUNT] = { FALSE };
  if (!elements_init (&elements, (Span) { data, size }, 8))
    return NULL;
  while (elements_next (&elements, &child, &bad))
    {
      WireEntry entry;
      if (!read_entry (child, &entry))
        return NULL;
      guint m;
      for (m = 0; m < W_COUNT; m++)
        if (strcmp (entry.key, wire_members[m]) == 0)
          break;
      /* Repeated or unknown: GLib's reading (the last of a name counts) is left to it. */
      if (m == W_COUNT || present[m] || !entry_type_is (&entry, wire_types[m]))
        return NULL;
      members[m] = entry;
      present[m] = TRUE;
    }
  if (bad || !present[W_SOURCE])
    return NULL;
  for (guint m = 0; m < W_COUNT; m++)
    if (present[m] && *wire_types[m] == 's' && !span_is_string (members[m].value))
      return NULL;
#define MEMBER_STRING(m) (present[m] ? (const char *) members[m].value.data : NULL)

  g_autoptr (GPtrArray) authors = NULL, paragraphs = NULL;
  if (present[W_AUTHORS] && (authors = read_strings (members[W_AUTHORS].value)) == NULL)
    return NULL;
  if (present[W_PARAGRAPHS] && (paragraphs = read_strings (members[W_PARAGRAPHS].value)) == NULL)
    return NULL;
  g_autoptr (GDateTime) date = NULL;
  if (present[W_PUBLISHED] && (date = g_date_time_new_from_iso8601 (MEMBER_STRING (W_PUBLISHED), NULL)) == NULL)
    return NULL;

  /* What nf_article_new_from_variant does with the same values, in its order. */
  g_autoptr (NfArticle) article = nf_article_new (MEMBER_STRING (W_SOURCE));
  if (present[W_ID])
    nf_article_set_id (article, MEMBER_STRING (W_ID));
  if (present[W_CONTENT_TYPE])
    nf_article_set_content_type (article, MEMBER_STRING (W_CONTENT_TYPE));
  if (present[W_TITLE])
    nf_article_set_title (article, MEMBER_STRING (W_TITLE));
  if (authors)
    nf_article_set_authors (article, (const char *const *) authors->pdata);
  nf_article_set_published (article, date);
  if (present[W_LANGUAGE])
    nf_article_set_language (article, MEMBER_STRING (W_LANGUAGE));
  if (present[W_FIELDS])
    {
      if (!elements_init (&elements, members[W_FIELDS].value, 8))
        return NULL;
      while (elements_next (&elements, &child, &bad))
        {
          WireEntry entry;
          if (!read_entry (child, &entry) || nf_article_is_reserved_field (entry.key))
            return NULL;
          GVariant *value = entry_to_variant (&entry, bytes);
          if (value == NULL)
            return NULL;
          nf_article_set_field (article, entry.key, value); /* adds its reference */
          g_variant_unref (value);
        }
      if (bad)
        return NULL;
    }
  if (paragraphs)
    nf_article_set_paragraphs (article, (const char *const *) paragraphs->pdata, -1);
  if (present[W_ANNOTATIONS] && !read_annotations (members[W_ANNOTATIONS].value, article, bytes))
    return NULL;
#undef MEMBER_STRING
  return g_steal_pointer (&article);
}

NfArticle *
nf_article_new_from_wire (GBytes *bytes, GError **error)
{
  if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
    {
      NfArticle *article = article_from_wire_direct (bytes);
      if (article)
        return article;
    }
  g_autoptr (GVariant) variant = g_variant_ref_sink (g_variant_new_from_bytes (NF_ARTICLE_WIRE_TYPE, bytes, FALSE));
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (variant);
      g_variant_unref (variant);
      variant = swapped;
    }
  /* Bytes from the network may be anything: only a normal form is read without surprises
   * (GVariant then gives defaults for malformed parts instead of failing). */
  if (!g_variant_is_normal_form (variant))
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "article wire form: not a well-formed serialised dictionary");
      return NULL;
    }
  return nf_article_new_from_variant (variant, error);
}

/* ---- the text form, read without GLib's parser ----
 *
 * A raw item's metadata travels as the text g_variant_print writes for its wire form (the
 * Newsflow-Meta header of fetch and format "nats").  g_variant_parse builds an AST, infers
 * types, then a GVariant tree that nf_article_new_from_variant takes apart through a
 * GVariantDict: 80,000 instructions for an id, a source and a content type, more than the
 * rest of fetch "nats" together.  The shape format "nats" writes is read here directly:
 * strings, lists of strings and fields that are strings, lists of strings, int64 or
 * booleans, each written once, as g_variant_print spaces them.  Anything else (another
 * type, a \u escape, other spacing, a repeated member, an error to report) goes to
 * g_variant_parse and nf_article_new_from_variant, so the result is always theirs; test-wire
 * compares the two on articles of every shape. */

/* The string literal at *@p (quoted with ' or ", escapes as GLib's parser reads them) into
 * @out; FALSE for what is left to GLib: a \u or \U escape, a line continuation, no closing
 * quote, bytes that are not UTF-8. */
static gboolean
text_string (const char **p, GString *out)
{
  const char *s = *p;
  char quote = *s++;
  if (quote != '\'' && quote != '"')
    return FALSE;
  g_string_truncate (out, 0);
  for (;;)
    {
      const char *run = s;
      while (*s && *s != quote && *s != '\\')
        s++;
      g_string_append_len (out, run, s - run);
      if (*s == quote)
        break;
      if (*s == '\0')
        return FALSE;
      char c;
      switch (*++s)
        {
        case 'a': c = '\a'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'v': c = '\v'; break;
        case 'u': case 'U': case '\n': case '\0':
          return FALSE;
        default: c = *s; break; /* \\, \', \" and any other byte stand for themselves */
        }
      g_string_append_c (out, c);
      s++;
    }
  *p = s + 1;
  return g_utf8_validate (out->str, out->len, NULL);
}

static inline gboolean
text_skip (const char **p, const char *literal)
{
  gsize length = strlen (literal);
  if (strncmp (*p, literal, length) != 0)
    return FALSE;
  *p += length;
  return TRUE;
}

/* A list of strings: "['a', 'b']" or "@as []". */
static GPtrArray *
text_strings (const char **p, GString *scratch)
{
  if (text_skip (p, "@as []"))
    return g_ptr_array_new_null_terminated (0, g_free, TRUE);
  if (!text_skip (p, "["))
    return NULL;
  GPtrArray *list = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  do
    {
      if (!text_string (p, scratch))
        {
          g_ptr_array_unref (list);
          return NULL;
        }
      g_ptr_array_add (list, g_strndup (scratch->str, scratch->len));
    }
  while (text_skip (p, ", "));
  if (!text_skip (p, "]") || list->len == 0)
    {
      g_ptr_array_unref (list);
      return NULL;
    }
  return list;
}

/* "int64 N" as g_variant_print writes it: decimal, no leading zero, in range. */
static gboolean
text_int64 (const char **p, gint64 *value)
{
  if (!text_skip (p, "int64 "))
    return FALSE;
  const char *s = *p;
  gboolean negative = *s == '-';
  if (negative)
    s++;
  if (!g_ascii_isdigit (*s) || (*s == '0' && g_ascii_isdigit (s[1])))
    return FALSE;
  guint64 magnitude = 0;
  for (; g_ascii_isdigit (*s); s++)
    {
      guint digit = (guint) (*s - '0');
      if (magnitude > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      magnitude = magnitude * 10 + digit;
    }
  if (magnitude > (guint64) G_MAXINT64 + negative)
    return FALSE;
  *value = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
  *p = s;
  return TRUE;
}

/* A field's value: a string, a list of strings, an int64 or a boolean; NULL otherwise. */
static GVariant *
text_field_value (const char **p, GString *scratch)
{
  gint64 number;
  if (**p == '\'' || **p == '"')
    return text_string (p, scratch) ? g_variant_new_string (scratch->str) : NULL;
  if (**p == '[' || **p == '@')
    {
      g_autoptr (GPtrArray) list = text_strings (p, scratch);
      return list ? g_variant_new_strv ((const char *const *) list->pdata, list->len) : NULL;
    }
  if (text_skip (p, "true"))
    return g_variant_new_boolean (TRUE);
  if (text_skip (p, "false"))
    return g_variant_new_boolean (FALSE);
  if (text_int64 (p, &number))
    return g_variant_new_int64 (number);
  return NULL;
}

static const char *const text_members[] = {
  "id", "source", "content_type", "title", "authors", "published", "language", "fields",
};
enum { M_ID, M_SOURCE, M_CONTENT_TYPE, M_TITLE, M_AUTHORS, M_PUBLISHED, M_LANGUAGE, M_FIELDS, M_COUNT };

typedef struct {
  char      *strings[M_COUNT];
  GPtrArray *authors;
  GPtrArray *field_names;  /* char * */
  GPtrArray *field_values; /* GVariant *, sunk */
} TextArticle;

static void
text_article_clear (TextArticle *read)
{
  for (guint m = 0; m < M_COUNT; m++)
    g_free (read->strings[m]);
  g_clear_pointer (&read->authors, g_ptr_array_unref);
  g_clear_pointer (&read->field_names, g_ptr_array_unref);
  g_clear_pointer (&read->field_values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TextArticle, text_article_clear)

static gboolean
text_fields (const char **p, TextArticle *read, GString *scratch, GString *name)
{
  read->field_names = g_ptr_array_new_with_free_func (g_free);
  read->field_values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  if (text_skip (p, "@a{sv} {}"))
    return TRUE;
  if (!text_skip (p, "{"))
    return FALSE;
  do
    {
      if (!text_string (p, name) || !text_skip (p, ": <"))
        return FALSE;
      if (nf_article_is_reserved_field (name->str))
        return FALSE; /* an error, worded by nf_article_new_from_variant */
      GVariant *value = text_field_value (p, scratch);
      if (value == NULL)
        return FALSE;
      g_ptr_array_add (read->field_names, g_strndup (name->str, name->len));
      g_ptr_array_add (read->field_values, g_variant_ref_sink (value));
      if (!text_skip (p, ">"))
        return FALSE;
    }
  while (text_skip (p, ", "));
  return text_skip (p, "}");
}

/* The article @text holds when it has the shape read here, else NULL (not an error). */
static NfArticle *
article_from_text_direct (const char *text)
{
  g_auto (TextArticle) read = { { NULL }, NULL, NULL, NULL };
  g_autoptr (GString) scratch = g_string_new (NULL);
  g_autoptr (GString) name = g_string_new (NULL);
  const char *p = text;
  guint seen = 0;
  if (!text_skip (&p, "{"))
    return NULL;
  do
    {
      if (!text_string (&p, name) || !text_skip (&p, ": <"))
        return NULL;
      guint m;
      for (m = 0; m < M_COUNT; m++)
        if (strcmp (name->str, text_members[m]) == 0)
          break;
      if (m == M_COUNT || (seen & (1u << m)))
        return NULL;
      seen |= 1u << m;
      if (m == M_AUTHORS)
        {
          if ((read.authors = text_strings (&p, scratch)) == NULL)
            return NULL;
        }
      else if (m == M_FIELDS)
        {
          if (!text_fields (&p, &read, scratch, name))
            return NULL;
        }
      else
        {
          if (!text_string (&p, scratch))
            return NULL;
          read.strings[m] = g_strndup (scratch->str, scratch->len);
        }
      if (!text_skip (&p, ">"))
        return NULL;
    }
  while (text_skip (&p, ", "));
  if (!text_skip (&p, "}") || *p != '\0' || read.strings[M_SOURCE] == NULL)
    return NULL;

  g_autoptr (GDateTime) date = NULL;
  if (read.strings[M_PUBLISHED])
    {
      date = g_date_time_new_from_iso8601 (read.strings[M_PUBLISHED], NULL);
      if (date == NULL)
        return NULL;
    }
  /* What nf_article_new_from_variant does with the same values, in its order. */
  NfArticle *article = nf_article_new (read.strings[M_SOURCE]);
  if (read.strings[M_ID])
    nf_article_set_id (article, read.strings[M_ID]);
  if (read.strings[M_CONTENT_TYPE])
    nf_article_set_content_type (article, read.strings[M_CONTENT_TYPE]);
  if (read.strings[M_TITLE])
    nf_article_set_title (article, read.strings[M_TITLE]);
  if (read.authors)
    nf_article_set_authors (article, (const char *const *) read.authors->pdata);
  nf_article_set_published (article, date);
  if (read.strings[M_LANGUAGE])
    nf_article_set_language (article, read.strings[M_LANGUAGE]);
  for (guint i = 0; read.field_names && i < read.field_names->len; i++)
    nf_article_set_field (article, read.field_names->pdata[i], read.field_values->pdata[i]); /* adds its reference */
  return article;
}

NfArticle *
nf_article_new_from_text (const char *text, GError **error)
{
  /* GLib's parser takes text as UTF-8 and, given other bytes, fails with a critical warning
   * and no error: a header from another program may hold anything. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "article text form: not UTF-8");
      return NULL;
    }
  NfArticle *article = article_from_text_direct (text);
  if (article)
    return article;
  g_autoptr (GVariant) variant = g_variant_parse (NF_ARTICLE_WIRE_TYPE, text, NULL, NULL, error);
  if (variant == NULL)
    return NULL;
  return nf_article_new_from_variant (variant, error);
}
