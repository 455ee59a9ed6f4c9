/* article-private.h: what the runner may do to an article that plugins may not:
 * number it in input order and record its failure. */
#ifndef NF_ARTICLE_PRIVATE_H
#define NF_ARTICLE_PRIVATE_H

#include <newsflow/article.h>
#include <newsflow/text.h>

G_BEGIN_DECLS

/* The structure itself, shared by article.c (the accessors plugins call, in libnewsflow) and
 * article-runner.c (the engine's own operations). */
typedef struct {
  char     *name;
  GVariant *value;
} NfField;

/* One attribute of an annotation.  Names are shared (attr_key_share in article.c): an
 * article may hold hundreds of thousands of annotations, all with the same few names
 * ("label", "canonical"). */
typedef struct {
  const char *key;   /* shared, or a copy of its own when owned */
  GVariant   *value;
  gboolean    owned;
} NfAttr;

/* Kept small for the same reason: the attributes are one block of exactly n_attrs, grown
 * one at a time (an annotation has a handful), not a GArray with its header and slack. */
struct _NfAnnotation {
  const char *type; /* interned */
  gsize       start;
  gsize       end;
  guint       n_attrs;
  NfAttr     *attrs;
};

struct _NfArticle {
  gint      ref_count;
  guint64   index;
  char     *source;
  char     *id;
  GBytes   *raw;
  char     *content_type;
  char     *title;
  GPtrArray *authors;   /* char *, NULL-terminated */
  GDateTime *published;
  char     *language;
  GString  *text;       /* NULL until a parser sets the body */
  GArray   *paragraphs; /* gsize pairs: start, end */
  NfText   *segmentation; /* cached by nf_article_get_segmentation, dropped with the body */
  GArray   *fields;     /* NfField */
  GPtrArray *annotations; /* NfAnnotation * */
  char     *drop_reason;
  char     *failed_stage;
  GError   *error;
  NfArticleEndedFunc ended;      /* called once by the runner when the fate is durable */
  gpointer           ended_data;
  GDestroyNotify     ended_destroy;
};


void nf_article_set_index  (NfArticle *article, guint64 index);
void nf_article_set_failed (NfArticle *article, const char *stage, const GError *error);
/* The end-of-article notification (nf_article_set_ended_notify): whether one is set, and
 * calling it (once: it is cleared, its user data released). */
gboolean nf_article_has_ended_notify (const NfArticle *article);
void     nf_article_notify_ended     (NfArticle *article, NfArticleOutcome outcome);

/* Moves what a stage can change (properties, body, fields, annotations, drop reason) from
 * @from into @article and releases @from. */
void     nf_article_take_contents    (NfArticle *article, NfArticle *from);

G_END_DECLS

#endif /* NF_ARTICLE_PRIVATE_H */
