/* newsflow/data.h: finding the data files plugins ship (gazetteers, stopword lists, speech
 * verbs) wherever newsflow runs from: installed, uninstalled in its build tree, or pointed
 * elsewhere by the user. */
#ifndef NEWSFLOW_DATA_H
#define NEWSFLOW_DATA_H

#include <glib.h>

G_BEGIN_DECLS

/* The full path of @relative ("stopwords/en.txt") in the first of: each directory of
 * $NEWSFLOW_DATA_PATH (':'-separated), the source tree's etc/newsflow when running
 * uninstalled, and $(sysconfdir)/newsflow.  Free with g_free.  The error lists the
 * directories searched. */
char *nf_data_find (const char *relative, GError **error);

/* Every stopword list shipped as stopwords/LANG.txt (one word a line, '#' comments), read
 * into a table from the language code ("en") to the set of its words, casefolded
 * (g_utf8_casefold).  Read it once in init and share it read-only between workers.  Fails
 * with NF_ERROR_NOT_FOUND when no list is installed. */
GHashTable *nf_stopwords_load_all (GError **error);

/* Called by nf_data_read_named_values for each line: FALSE when @name or @value is not
 * one the caller knows. */
typedef gboolean (*NfNamedValueFunc) (const char *name, double value, gpointer user_data);

/* Reads the "name value" lines of a small data file (a learned model's weights, settings)
 * whose @contents were read from @path: '#' starts a comment line, blank lines are skipped,
 * the name and the number are separated by spaces or tabs.  Calls @each with every name and
 * its (finite) number in order; a line that is not a name and a number, or that @each
 * refuses, stops the reading with NF_ERROR_INVALID_INPUT "PATH:LINE: not @what: 'LINE'"
 * (@what: "a known feature and its weight"). */
gboolean nf_data_read_named_values (const char *contents, const char *path, const char *what,
                                    NfNamedValueFunc each, gpointer user_data, GError **error);

G_END_DECLS

#endif /* NEWSFLOW_DATA_H */
