/* fingerprints.h: libexttextcat's language classifier (the "out-of-place" distance between
 * n-gram rank lists of Cavnar & Trenkle) re-implemented to give the same answers as
 * textcat_ClassifyFull on the same fingerprint files, several times faster: no
 * allocation per call or per n-gram, and one hash lookup per n-gram of the text that reads its
 * ranks in every language at once instead of one merge of sorted string lists per language. */
#ifndef NEWSFLOW_LANGUAGE_FINGERPRINTS_H
#define NEWSFLOW_LANGUAGE_FINGERPRINTS_H

#include <glib.h>

/* Same as libexttextcat's constants.h. */
#define LANG_MAX_NGRAMS 400      /* n-grams in a fingerprint */
#define LANG_MAX_CANDIDATES 5    /* more candidates than this: unknown */

typedef struct LangFingerprints LangFingerprints;
typedef struct LangScratch LangScratch;

/* Loads the .lm fingerprint files @paths (libexttextcat's format: one n-gram a line, most
 * frequent first, an optional count after a space or tab), called @names, in this order
 * (textcat reports equal scores in the order of its fpdb.conf). */
LangFingerprints *lang_fingerprints_load (char **names, char **paths, guint n, GError **error);
void lang_fingerprints_free (LangFingerprints *fingerprints);
guint lang_fingerprints_size (const LangFingerprints *fingerprints);
const char *lang_fingerprints_name (const LangFingerprints *fingerprints, guint index);

/* Scratch memory of one thread, reused from call to call. */
LangScratch *lang_scratch_new (void);
void lang_scratch_free (LangScratch *scratch);

/* As textcat_ClassifyFull (handle, text, size, candidates): -2 when @size is 0, 0 when more
 * than LANG_MAX_CANDIDATES (or none) score within 3% of the best, else the number of those
 * candidates, whose indexes go to @candidates (room for LANG_MAX_CANDIDATES), best first.
 * @text must be NUL-terminated: like textcat, collapsed runs of spaces and digits do not
 * count towards @size, so reading may go past it. @scores, when not NULL, receives the
 * distance of every language (room for lang_fingerprints_size). */
int lang_fingerprints_classify (const LangFingerprints *fingerprints, LangScratch *scratch,
                                const char *text, gsize size, guint *candidates, int *scores);

#endif
