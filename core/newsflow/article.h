/* newsflow/article.h: NfArticle, the one object every stage reads and writes.
 * Core metadata, body text with paragraph spans, typed named fields and stand-off annotations. */
#ifndef NEWSFLOW_ARTICLE_H
#define NEWSFLOW_ARTICLE_H

#include <glib.h>

G_BEGIN_DECLS

/* Ownership and threading.
 *
 * An article is reference counted (nf_article_ref/unref are atomic).  At any moment exactly
 * one stage works on it, so the setters below are not locked: a plugin may change the
 * article it is handed, and must not keep a pointer to it after its callback returns unless
 * it takes a reference.
 *
 * Strings, arrays and GVariants returned by getters (transfer none) are owned by the
 * article and stay valid until the same property is set again or the article is freed:
 * take a reference (g_variant_ref) to keep one longer, never unref one.  Setters copy their arguments, except
 * where a GVariant is floating: it is sunk, as GLib does everywhere.
 *
 * Every string an article holds is valid UTF-8: the string setters (id, title, authors,
 * language, paragraphs, string fields and attributes) replace invalid bytes with U+FFFD, so
 * a plugin's bad bytes cannot break a formatter later.  Paragraphs and annotations are byte
 * spans [start, end) into the body text, so they survive serialisation unchanged (the
 * UIMA/GATE stand-off model).  Setting a new body removes paragraphs and annotations, which
 * would point into the old text. */

typedef struct _NfArticle NfArticle;
typedef struct _NfAnnotation NfAnnotation;

NfArticle   *nf_article_new             (const char *source);
NfArticle   *nf_article_ref             (NfArticle *article);
void         nf_article_unref           (NfArticle *article);

/* Where the item came from: a path, a URL, "file.jsonl:12", "-" for standard input. */
const char  *nf_article_get_source      (const NfArticle *article);

/* A stable identifier.  Defaults to a hash of the source; fetchers that read several items
 * from one source (archives, JSON Lines) set one that tells them apart. */
const char  *nf_article_get_id          (NfArticle *article);
void         nf_article_set_id          (NfArticle *article, const char *id);

/* Position in the input stream, set by the core (0-based); formatters see input order. */
guint64      nf_article_get_index       (const NfArticle *article);

/* Raw item as fetched.  content_type is a MIME type, parameters allowed
 * ("text/html; charset=iso-8859-1"). */
GBytes      *nf_article_get_raw         (const NfArticle *article);
void         nf_article_set_raw         (NfArticle *article, GBytes *raw, const char *content_type);
const char  *nf_article_get_content_type(const NfArticle *article);
void         nf_article_set_content_type(NfArticle *article, const char *content_type);
/* Releases the raw bytes, for a stage that knows nothing later needs them (the runner keeps
 * them until the article is written, so formatters may archive the original). */
void         nf_article_clear_raw       (NfArticle *article);

const char  *nf_article_get_title       (const NfArticle *article);
void         nf_article_set_title       (NfArticle *article, const char *title);

/* Authors in byline order; the array is owned by the article (NULL-terminated). */
const char *const *nf_article_get_authors (const NfArticle *article);
void         nf_article_add_author      (NfArticle *article, const char *author);
/* Replaces all authors (NULL-terminated; NULL or empty clears them). */
void         nf_article_set_authors     (NfArticle *article, const char *const *authors);

/* Publication date, or NULL when unknown. */
GDateTime   *nf_article_get_published   (const NfArticle *article);
void         nf_article_set_published   (NfArticle *article, GDateTime *published);

/* @date as RFC 3339 ("2026-11-27T09:30:00Z", "2026-11-27T10:30:00+01:00"; fractions of a
 * second only when there are some): the form every output uses.  Free with g_free. */
char        *nf_date_time_format        (GDateTime *date);

/* Language as an ISO 639-1 code ("en"), or NULL when undetermined. */
const char  *nf_article_get_language    (const NfArticle *article);
void         nf_article_set_language    (NfArticle *article, const char *language);

/* The body: paragraphs joined by a blank line ("\n\n").  NULL until a parser ran. */
const char  *nf_article_get_text        (const NfArticle *article);
gsize        nf_article_get_text_length (const NfArticle *article);
gboolean     nf_article_has_text        (const NfArticle *article);
/* Replaces the body with @paragraphs (n of them, or NULL-terminated when n < 0). */
void         nf_article_set_paragraphs  (NfArticle *article, const char *const *paragraphs, gssize n);
/* Appends one paragraph to the body. */
void         nf_article_add_paragraph   (NfArticle *article, const char *paragraph, gssize length);
guint        nf_article_get_n_paragraphs(const NfArticle *article);
/* Byte span of paragraph @i in the body text. */
void         nf_article_get_paragraph_span (const NfArticle *article, guint i, gsize *start, gsize *end);

/* Typed named fields: anything a stage adds that has no property of its own ("sources",
 * "stats", "keywords").  Values are GVariants, so they are typed, immutable and safe to
 * share.  Fields keep insertion order; setting an existing name replaces its value in place.
 * Names of the core properties (id, source, title, text, ...) are reserved. */
void         nf_article_set_field       (NfArticle *article, const char *name, GVariant *value);
GVariant    *nf_article_get_field       (const NfArticle *article, const char *name);
gboolean     nf_article_remove_field    (NfArticle *article, const char *name);
guint        nf_article_get_n_fields    (const NfArticle *article);
/* The i-th field in insertion order. */
GVariant    *nf_article_get_nth_field   (const NfArticle *article, guint i, const char **name);
gboolean     nf_article_is_reserved_field (const char *name);
/* Convenience setters for the common types. */
void         nf_article_set_field_string(NfArticle *article, const char *name, const char *value);
void         nf_article_set_field_int   (NfArticle *article, const char *name, gint64 value);
void         nf_article_set_field_double(NfArticle *article, const char *name, double value);
void         nf_article_set_field_bool  (NfArticle *article, const char *name, gboolean value);
void         nf_article_set_field_strv  (NfArticle *article, const char *name, const char *const *values, gssize n);
/* Convenience getters; they return the fallback when the field is absent or of another type. */
const char  *nf_article_get_field_string(const NfArticle *article, const char *name);
gint64       nf_article_get_field_int   (const NfArticle *article, const char *name, gint64 fallback);

/* Stand-off annotations: a typed span [start, end) of the body text with attributes.
 * An entity is an annotation of type "entity" with a "label" attribute; a quote is one of
 * type "quote" with a "speaker".  The returned annotation belongs to the article. */
NfAnnotation *nf_article_add_annotation (NfArticle *article, const char *type, gsize start, gsize end);
guint        nf_article_get_n_annotations (const NfArticle *article);
NfAnnotation *nf_article_get_annotation (const NfArticle *article, guint i);

const char  *nf_annotation_get_type     (const NfAnnotation *annotation);
gsize        nf_annotation_get_start    (const NfAnnotation *annotation);
gsize        nf_annotation_get_end      (const NfAnnotation *annotation);
void         nf_annotation_set_attr     (NfAnnotation *annotation, const char *key, GVariant *value);
void         nf_annotation_set_attr_string (NfAnnotation *annotation, const char *key, const char *value);
/* The same as nf_annotation_set_attr (@annotation, @key, g_variant_new_int64 (@value)) at a
 * small part of the cost: the number is kept without a GVariant (formatters write it as
 * one), and the getters make the GVariant they return the first time it is asked for. */
void         nf_annotation_set_attr_int64 (NfAnnotation *annotation, const char *key, gint64 value);
GVariant    *nf_annotation_get_attr     (const NfAnnotation *annotation, const char *key);
const char  *nf_annotation_get_attr_string (const NfAnnotation *annotation, const char *key);
guint        nf_annotation_get_n_attrs  (const NfAnnotation *annotation);
GVariant    *nf_annotation_get_nth_attr (const NfAnnotation *annotation, guint i, const char **key);

/* Outcome.  A filter drops an article with a reason; the core then skips the remaining
 * extractors and counts it as dropped.  A failure is recorded by the core from the GError a
 * stage returns, or by a fetcher for an item it could not read (nf_sink_push_failed). */
void         nf_article_drop            (NfArticle *article, const char *reason);
gboolean     nf_article_is_dropped      (const NfArticle *article);
const char  *nf_article_get_drop_reason (const NfArticle *article);
gboolean     nf_article_is_failed       (const NfArticle *article);
const char  *nf_article_get_failed_stage(const NfArticle *article);
const GError *nf_article_get_error      (const NfArticle *article);

/* The end of an article, for a fetcher that must acknowledge its source (a message broker):
 * the runner calls @func exactly once, on its in-order thread, when the article's fate is
 * durable — WRITTEN after every formatter's commit covering it succeeded, FAILED after its
 * error record was written (and the --errors file flushed), DROPPED at the same commit
 * point.  If the run is aborted or the process dies first, @func is never called (the
 * source delivers the item again); @destroy (nullable) always releases @user_data.
 * Setting a new notification releases the previous one's data without calling it. */
typedef enum {
  NF_ARTICLE_WRITTEN,
  NF_ARTICLE_DROPPED,
  NF_ARTICLE_FAILED,
} NfArticleOutcome;

typedef void (*NfArticleEndedFunc) (NfArticle *article, NfArticleOutcome outcome, gpointer user_data);

void         nf_article_set_ended_notify (NfArticle *article, NfArticleEndedFunc func,
                                          gpointer user_data, GDestroyNotify destroy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfArticle, nf_article_unref)

G_END_DECLS

#endif /* NEWSFLOW_ARTICLE_H */
