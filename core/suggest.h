/* suggest.h: "did you mean" for typos in chain files and on the command line. */
#ifndef NF_SUGGEST_H
#define NF_SUGGEST_H

#include <glib.h>

G_BEGIN_DECLS

/* The candidate (char *) closest to @word by edit distance, or NULL if none is close enough
 * to be a plausible typo. */
const char *nf_closest_match (const char *word, GPtrArray *candidates);

/* "a, b, c" from a GPtrArray of char *. */
char       *nf_join_names    (GPtrArray *names);

G_END_DECLS

#endif /* NF_SUGGEST_H */
