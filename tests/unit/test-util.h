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

#define assert_contains(haystack, needle)                                                  \
  do {                                                                                     \
    const char *h_ = (haystack), *n_ = (needle);                                           \
    if (h_ == NULL || strstr (h_, n_) == NULL)                                             \
      fail_msg ("expected \"%s\" to contain \"%s\"", h_ ? h_ : "(null)", n_);              \
  } while (0)

#endif /* NF_TEST_UTIL_H */
