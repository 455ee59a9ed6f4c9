/* article-private.h: what the runner may do to an article that plugins may not:
 * number it in input order and record its failure. */
#ifndef NF_ARTICLE_PRIVATE_H
#define NF_ARTICLE_PRIVATE_H

#include <newsflow/article.h>

G_BEGIN_DECLS

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
