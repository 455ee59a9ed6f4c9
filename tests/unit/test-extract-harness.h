/* test-extract-harness.h: runs one extractor of the build tree on hand-made articles, the
 * way the runner does (init, a worker, process), for the extractors' unit tests. */
#ifndef NF_TEST_EXTRACT_HARNESS_H
#define NF_TEST_EXTRACT_HARNESS_H

#include "test-util.h"
#include <newsflow/newsflow.h>

typedef struct {
  char       *dir;
  NfRegistry *registry;
  NfChain    *chain;
  NfStage    *stage;
  gpointer    worker;
} Harness;

/* Loads and initialises a chain holding @block ("extract \"dates\" { }"); NULL and @error
 * when the chain is refused. */
Harness   *harness_new     (const char *block, GError **error);
void       harness_free    (Harness *harness);
/* An article with @title and a body of @paragraphs ("\n\n"-separated), a published date
 * ("2026-11-27", or NULL) and a language (or NULL). */
NfArticle *harness_article (const char *title, const char *paragraphs, const char *published, const char *language);
/* Runs the extractor on @article; the article's failure, if any, is returned. */
gboolean   harness_process (Harness *harness, NfArticle *article, GError **error);
/* The first annotation of @type covering exactly @text, or NULL. */
NfAnnotation *harness_find_annotation (NfArticle *article, const char *type, const char *text);

#endif
