/* lexicon.h: word lists and gazetteers shared by the entities and quotes extractors, loaded
 * once in init into hash tables keyed by a case-folded form, then only read by workers. */
#ifndef NLP_LEXICON_H
#define NLP_LEXICON_H

#include <newsflow/newsflow.h>

G_BEGIN_DECLS

/* A gazetteer entry: the label (PERSON, LOCATION, ORGANIZATION, NATIONALITY) and the
 * canonical name the entry stands for ("U.S." -> "United States"). */
typedef struct {
  const char *label;  /* one of the NF_LABEL_ strings */
  char       *canonical;
} NlpEntry;

/* Appends the comparison form of @length bytes of @text to @out: lower case, curly
 * apostrophes made straight, so "KYIV", "Kyiv" and "kyiv" meet. */
void        nlp_fold_append     (GString *out, const char *text, gsize length);

/* A set of folded words from a one-per-line list (blank lines and '#' comments skipped).
 * @name is a path when absolute, starting with ./ or ../, or naming an existing file;
 * otherwise a data file ("gazetteers/titles.txt") found with nf_data_find. */
GHashTable *nlp_word_set_load   (const char *name, GError **error);
/* The line that ends the hand-written part of a list a script extends below it
 * (gazetteers/make-gazetteers.py --ssa): see NlpSortedWords.written. */
#define NLP_GENERATED_MARKER "# GENERATED"
gboolean    nlp_word_set_has    (GHashTable *set, GString *scratch, const char *text, gsize length);
/* The same without a scratch string: a short ASCII word, most of them, is folded on the
 * stack, so a caller that has no scratch at hand allocates nothing. */
gboolean    nlp_word_set_has_text (GHashTable *set, const char *text, gsize length);

/* A long word list looked up rarely (gazetteers/common-words.txt: 40,000 words; the given
 * names: 16,000): the file's folded lines, sorted, searched by bisection.  Loading it costs
 * a read and one pass, where a hash set would cost an allocation and an insertion a word at
 * every start.  The words are folded as nlp_fold_append does, in the file's own buffer. */
typedef struct {
  char         *contents;
  const char  **words;     /* sorted (strcmp), duplicates kept */
  guint         n;
  /* the words above the list's NLP_GENERATED_MARKER line (all of them when it has none), in
   * the file's order: the hand-written part, from the same parse */
  const char  **written;
  guint         n_written;
  GStringChunk *longer;    /* the few folds longer than their line, or NULL */
  /* nlp_sorted_words_index: (nf_text_fold_hash, index + 1 in words) pairs by hash, open
   * addressing; NULL: bisection */
  guint32      *slots;
  guint         n_slots;
} NlpSortedWords;

NlpSortedWords *nlp_sorted_words_load (const char *name, GError **error);
/* Whether the folded @word is in @list. */
gboolean        nlp_sorted_words_has  (const NlpSortedWords *list, const char *word);
/* Whether @text (@length bytes, not folded) is in @list: folded on the stack when short. */
gboolean        nlp_sorted_words_has_text (const NlpSortedWords *list, const char *text, gsize length);
/* Makes nlp_sorted_words_has() a hash look-up instead of a bisection, for a list asked for
 * many words an article: 8 bytes a slot, built in one pass (a given-name list: about a
 * million instructions, once). */
void            nlp_sorted_words_index (NlpSortedWords *list);
void            nlp_sorted_words_free (NlpSortedWords *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NlpSortedWords, nlp_sorted_words_free)

/* Adds the entries of a gazetteer file (lines "name<TAB>LABEL[<TAB>canonical]") to @table
 * (folded name -> NlpEntry); earlier entries win.  Errors name the file and line. */
GHashTable *nlp_gazetteer_new   (void);
gboolean    nlp_gazetteer_load  (GHashTable *table, const char *name, GError **error);
/* The same entries (blank names skipped, duplicates not), each given to @func as it is read:
 * the folded name (@length bytes), the label (an NF_LABEL_ string) and the canonical name,
 * the strings valid during the call only.  For a caller with a table of its own, which then
 * costs no GHashTable and no allocation an entry. */
typedef void (*NlpGazetteerFunc) (const char *key, gsize length, const char *label, const char *canonical,
                                  gpointer data);
gboolean    nlp_gazetteer_read  (const char *name, NlpGazetteerFunc func, gpointer data, GError **error);

/* The end of a word without its possessive: "Ukraine's" -> "Ukraine", "Forces'" -> "Forces". */
gsize       nlp_strip_possessive (const char *text, gsize start, gsize end);

G_END_DECLS

#endif /* NLP_LEXICON_H */
