/* ranker.h: the learned ranker of English key-phrase candidates: a linear score over a few
 * features of each candidate (position, repetition, rarity, length, names), its weights read
 * from models/keywords-en.model (a logistic regression refined by coordinate ascent on F1@10,
 * trained by tests/bench/keyword-train.py; docs/training.md). */
#ifndef NF_KEYWORDS_RANKER_H
#define NF_KEYWORDS_RANKER_H

#include <glib.h>

/* The features, in the order of en_feature_names; the model names each one it weighs. */
typedef enum {
  EN_FEATURE_BIAS,
  EN_FEATURE_WORDS_2,       /* two words */
  EN_FEATURE_WORDS_3,       /* three words or more */
  EN_FEATURE_NAME,          /* every word a proper noun */
  EN_FEATURE_SOME_NAME,     /* a proper noun among common words */
  EN_FEATURE_ADJECTIVE,     /* an adjective alone */
  EN_FEATURE_NUMBER,        /* a number among its words */
  EN_FEATURE_ALONE,         /* log (1 + uses as a phrase of its own) */
  EN_FEATURE_WITHIN,        /* log (1 + uses inside a longer phrase) */
  EN_FEATURE_FIRST,         /* log (1 + the sentence of its first use) */
  EN_FEATURE_FIRST_SHARE,   /* that sentence over the article's sentences */
  EN_FEATURE_SPREAD,        /* sentences from its first use to its last, over all */
  EN_FEATURE_HEADLINE,      /* in the headline */
  EN_FEATURE_HEADLINE_ONLY, /* only in the headline */
  EN_FEATURE_RARITY,        /* mean rarity of its words (log inverse gloss frequency) */
  EN_FEATURE_RARITY_MIN,    /* its commonest word's rarity */
  EN_FEATURE_WEIGHT,        /* log (1 + mean frequency x rarity of its words) */
  EN_FEATURE_RULES,         /* log (1 + the hand-made ranking's score) */
  EN_FEATURE_TIME,          /* only days, months, "year" */
  EN_FEATURE_PART_OF_NAME,  /* part of a longer name of the text ("Johnson", "Ben Johnson") */
  EN_FEATURE_SHORT,         /* three letters or fewer */
  EN_FEATURE_HEAD,          /* a word: log (1 + uses as the last word of a longer phrase) */
  EN_FEATURE_MODIFIER,      /* a word: log (1 + uses before the last word of a longer one) */
  EN_FEATURE_TF_MAX,        /* log (1 + the text's uses of its most used word) */
  EN_N_FEATURES
} EnFeature;

extern const char *const en_feature_names[EN_N_FEATURES];

typedef struct _EnRanker EnRanker;

/* Loads a model: lines "feature weight"; '#' starts a comment.  A feature the ranker does
 * not know is an error (a model for another version); one the model omits weighs 0. */
EnRanker *en_ranker_load (const char *relative, GError **error);
void      en_ranker_free (EnRanker *ranker);

/* The candidate's score: w . x. */
double en_ranker_score (const EnRanker *ranker, const double *features);

#endif /* NF_KEYWORDS_RANKER_H */
