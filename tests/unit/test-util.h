/* test-util.h: helpers shared by the unit tests: temporary chain files, a registry that
 * sees the build tree's plugins and the test-only plugins, substring assertions. */
#ifndef NF_TEST_UTIL_H
#define NF_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "registry.h"
#include "chain.h"
#include <newsflow/error.h>

/* A new temporary directory (removed by test_dir_remove). */
char       *test_dir_new      (void);
void        test_dir_remove   (const char *dir);
/* Writes @contents to DIR/NAME and returns the path. */
char       *test_write_file   (const char *dir, const char *name, const char *contents);
/* A registry that searches the build tree's plugins and tests/plugins. */
NfRegistry *test_registry_new (void);
/* The source tree's sample collection. */
char       *test_samples_dir  (void);

/* Runs extractors of the build tree on hand-made articles the way the runner does (init, a
 * worker per stage, process in chain order), for the extractors' unit tests. */
typedef struct {
  char       *dir;
  NfRegistry *registry;
  NfChain    *chain;
  NfStage    *stage;   /* the first extract stage */
  GPtrArray  *workers; /* worker data per extract stage (NULL entries allowed) */
} Harness;

/* Loads and initialises a chain whose extract stages are @block ("extract \"dates\" { }",
 * several allowed); NULL and @error when the chain is refused. */
Harness   *harness_new     (const char *block, GError **error);
void       harness_free    (Harness *harness);
/* cmocka fixtures: *@state becomes the harness of @block, which must load; and is freed. */
int        harness_setup    (void **state, const char *block);
int        harness_teardown (void **state);
/* An article with @title and a body of @paragraphs ("\n\n"-separated), a published date
 * ("2026-11-27", or NULL) and a language (or NULL). */
NfArticle *harness_article (const char *title, const char *paragraphs, const char *published, const char *language);
/* Runs every extract stage on @article in order, stopping at the first failure or drop. */
gboolean   harness_process (Harness *harness, NfArticle *article, GError **error);
/* The first annotation of @type covering exactly @text, or NULL. */
NfAnnotation *harness_find_annotation (NfArticle *article, const char *type, const char *text);

#define assert_contains(haystack, needle)                                                  \
  do {                                                                                     \
    const char *h_ = (haystack), *n_ = (needle);                                           \
    if (h_ == NULL || strstr (h_, n_) == NULL)                                             \
      fail_msg ("expected \"%s\" to contain \"%s\"", h_ ? h_ : "(null)", n_);              \
  } while (0)

#endif /* NF_TEST_UTIL_H */
