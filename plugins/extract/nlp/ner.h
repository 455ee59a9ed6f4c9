/* ner.h: the learned name tagger shared by extract "entities" and newsflow-train: features
 * of a token in its article, greedy left-to-right decoding of IOB tags with an averaged
 * perceptron (perceptron.h), and training on tagged documents.
 *
 * Only tokens that can be part of a name are scored: a word with a capital letter, an initial's
 * period, and the small words inside names ("of", "de", "al", "the", "&") between such words.
 * Every other token is O without a look at the weights: English news is mostly lower case, and
 * that keeps the default chain fast. */
#ifndef NLP_NER_H
#define NLP_NER_H

#include <newsflow/newsflow.h>

#include "perceptron.h"

G_BEGIN_DECLS

/* What the features of a model are; a model file of another kind is refused. */
/* 2: with the rules' decisions as features (nlp_ner_hints); 3: with word classes */
#define NLP_NER_KIND "ner-iob-3"

typedef enum {
  NLP_NER_O,
  NLP_NER_B_PER,
  NLP_NER_I_PER,
  NLP_NER_B_LOC,
  NLP_NER_I_LOC,
  NLP_NER_B_ORG,
  NLP_NER_I_ORG,
  NLP_NER_N_TAGS
} NlpNerTag;

typedef enum {
  NLP_NER_PER = 1,
  NLP_NER_LOC,
  NLP_NER_ORG,
} NlpNerType;

/* "PER", "LOC", "ORG" */
const char *nlp_ner_type_name (NlpNerType type);
/* PERSON/PER/person, place/location/LOC/GPE, organisation/organization/ORG; 0 for others. */
NlpNerType  nlp_ner_type_parse (const char *name);

/* Word classes learned from a large unannotated corpus (models/word-clusters-en.txt, made by
 * make-word-clusters.py): the hash of a folded word -> its classes at three granularities
 * (ner.c packs them into one number).  An open-addressing table of hashes rather than a
 * string hash table: it is looked up for every token near a capitalised word. */
typedef struct {
  guint32 *keys;
  guint32 *classes;
  guint32  mask;
} NlpWordClasses;

/* The word lists the features look at, from the data directory (gazetteers/). */
typedef struct {
  NlpWordClasses classes;
  GHashTable *gazetteer;    /* folded name -> NlpEntry (lexicon.h) */
  GHashTable *titles;
  GHashTable *org_suffixes;
  GHashTable *loc_suffixes;
  GHashTable *not_names;
  GHashTable *speech_verbs;
  GHashTable *word_facts;   /* folded word -> which of the lists above hold it (one lookup) */
} NlpNerLexicon;

/* Loads the shipped gazetteers and word lists, then the @extra gazetteer files first (their
 * entries win). */
NlpNerLexicon *nlp_ner_lexicon_load (const char *const *extra, gboolean shipped, GError **error);
void           nlp_ner_lexicon_free (NlpNerLexicon *lexicon);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NlpNerLexicon, nlp_ner_lexicon_free)

NlpPerceptron *nlp_ner_model_new (guint bits);

/* What the rules (entities/rules.c) found, one code a token, given to the model as features
 * (stacking): 0 nothing, label * 2 - 1 the first token of a name, label * 2 the others, label
 * being 1 PERSON, 2 LOCATION, 3 ORGANIZATION, 4 NATIONALITY.  A token the rules put in a name
 * is scored even when it is no candidate. */
void nlp_ner_hints (guint8 *hints, guint n, guint first, guint last, guint label);

/* Tags the @n tokens of @text: @tags receives one NlpNerTag per token; @hints (or NULL): the
 * rules' codes, as the model was trained with them.  With @gold (training),
 * each scored token whose guess differs from gold updates @model, which must be untrained;
 * returns how many scored tokens were guessed wrong. */
guint nlp_ner_tag (NlpPerceptron *model, const NlpNerLexicon *lexicon, const char *text,
                   const NfToken *tokens, guint n, const guint8 *hints, const guint8 *gold, guint8 *tags);

/* A name found: tokens [first, last] and its type. */
typedef struct {
  guint      first, last;
  NlpNerType type;
} NlpNerSpan;

/* The spans of a tag sequence (an I- after another type starts a new span). */
void nlp_ner_spans (const guint8 *tags, guint n, GArray *spans);

/* Whether token @i is a title word ("Minister", "Gen"), as the title list has it. */
gboolean nlp_ner_is_title (const NlpNerLexicon *lexicon, GString *scratch, const char *text, const NfToken *t);

G_END_DECLS

#endif /* NLP_NER_H */
