/* wire.c: an article as a GVariant dictionary and back, exactly (see newsflow/wire.h).
 * JSON would lose the types of fields (an a(sd) of keywords comes back as arrays of
 * variants), so articles travel between newsflow processes in GVariant's own form. */
#include "config.h"

#include <string.h>

#include <newsflow/error.h>
#include <newsflow/wire.h>

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

GBytes *
nf_article_to_wire (NfArticle *article, gboolean with_body)
{
  g_autoptr (GVariant) variant = nf_article_to_variant (article, with_body);
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (variant);
      g_variant_unref (variant);
      variant = swapped;
    }
  return g_variant_get_data_as_bytes (variant);
}

NfArticle *
nf_article_new_from_wire (GBytes *bytes, GError **error)
{
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
