/* newsflow/wire.h: the exact form of an article for passing it from one newsflow process to
 * another (fetch and format "nats"): every property, field and annotation with its GVariant
 * type, so an article read back is the article that was written. */
#ifndef NEWSFLOW_WIRE_H
#define NEWSFLOW_WIRE_H

#include <glib.h>
#include <newsflow/article.h>

G_BEGIN_DECLS

/* The type of the wire form: a dictionary (a{sv}) with the members
 *   "id" s, "source" s, "content_type" s, "title" s, "authors" as, "published" s (RFC 3339),
 *   "language" s, "fields" a{sv} (each field's own variant, in insertion order),
 * and, with the body, "paragraphs" as and "annotations" a(stta{sv}) (type, start, end, attrs).
 * Absent properties are absent members.  The raw bytes are never part of it. */
#define NF_ARTICLE_WIRE_TYPE G_VARIANT_TYPE_VARDICT

/* The wire form of @article; @with_body FALSE leaves out paragraphs and annotations (the
 * metadata of a raw item that has not been parsed yet).  A new floating-free reference. */
GVariant  *nf_article_to_variant       (NfArticle *article, gboolean with_body);

/* An article from its wire form.  NULL with a precise error when a member has the wrong
 * type, "source" is missing, or an annotation's span lies outside the body. */
NfArticle *nf_article_new_from_variant (GVariant *variant, GError **error);

/* The same as bytes (GVariant's serialised form, little-endian whatever the host) and back;
 * nf_article_new_from_wire refuses bytes that are not a well-formed wire form. */
GBytes    *nf_article_to_wire          (NfArticle *article, gboolean with_body);
NfArticle *nf_article_new_from_wire    (GBytes *bytes, GError **error);

/* An article from the text form of its wire form (what g_variant_print writes for
 * nf_article_to_variant, types annotated): the same as g_variant_parse and then
 * nf_article_new_from_variant, with their errors, but the common shape of a raw item's
 * metadata (strings, lists of strings, simple fields) is read without building GVariants. */
NfArticle *nf_article_new_from_text    (const char *text, GError **error);

G_END_DECLS

#endif /* NEWSFLOW_WIRE_H */
