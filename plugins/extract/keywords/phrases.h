/* phrases.h: key phrases of English text as a reader picks them: noun phrases (and the nouns
 * inside them) found by a lexicon part-of-speech tagger (WordNet 3.0 + closed-class words),
 * ranked by a learned model or by hand-made weights over rarity against a background
 * document frequency, position and repetition; names kept whole. */
#ifndef NF_KEYWORDS_PHRASES_H
#define NF_KEYWORDS_PHRASES_H

#include <newsflow/newsflow.h>

typedef struct _EnLexicon EnLexicon;

/* Loads lexicon/en-wordnet.tsv, en-inflections.tsv and en-closed.txt from the data path. */
EnLexicon *en_lexicon_load (GError **error);
void       en_lexicon_free (EnLexicon *lexicon);

/* Part-of-speech classes of the tagger (a coarse Universal-Dependencies-like set). */
typedef enum {
  EN_TAG_NOUN, EN_TAG_PROPN, EN_TAG_ADJ, EN_TAG_VERB, EN_TAG_ADV, EN_TAG_NUM,
  EN_TAG_DET, EN_TAG_PRON, EN_TAG_ADP, EN_TAG_CONJ, EN_TAG_AUX, EN_TAG_PART, EN_TAG_TITLE,
  EN_TAG_PUNCT,
} EnTag;

/* One worker thread's memory (not shared): the lexicon's analysis of each word seen so far,
 * and the candidates of the article at hand. */
typedef struct _EnWorker EnWorker;
EnWorker *en_worker_new (void);
void      en_worker_free (EnWorker *worker);

/* Tags the tokens of @segmentation (of @text) into @tags (one per token).  @headline: the
 * text is a title-case headline, whose capitals say little. */
void en_tag (const EnLexicon *lexicon, const char *text, const NfText *segmentation,
             gboolean headline, EnWorker *worker, EnTag *tags);

/* The field's value, an "aa{sv}" list of {phrase, score}, written in GVariant's serialised
 * form as the items come: building it as a tree of GVariants (a string, a variant box and a
 * dict entry for each name and value) and serialising that cost a fifth of the stage. */
typedef struct {
  GByteArray *bytes; /* the items, each 8-aligned */
  GArray     *ends;  /* gsize: where each item ends */
} KeywordsList;

void      keywords_list_init (KeywordsList *list);
/* Adds {"phrase": @phrase, "score": @score}. */
void      keywords_list_add (KeywordsList *list, const char *phrase, double score);
/* keywords_list_add of the @length bytes at @phrase (no NUL needed). */
void      keywords_list_add_len (KeywordsList *list, const char *phrase, gsize length, double score);
/* Adds @item (an "a{sv}" GVariant; its floating reference is taken). */
void      keywords_list_add_value (KeywordsList *list, GVariant *item);
/* The "aa{sv}" value (floating); frees the list's memory. */
GVariant *keywords_list_end (KeywordsList *list);

typedef struct _EnRanker EnRanker;

typedef struct {
  guint           top;        /* how many key phrases */
  guint           max_words;  /* longest phrase that is not a name */
  gboolean        words_only; /* single content words (unit = "words") instead of noun phrases */
  const EnRanker *ranker;     /* the learned ranker (ranker.h), or NULL for the hand-made one */
  gboolean        features;   /* list every candidate with its features (for training) */
} EnOptions;

/* Adds the @options->top best key phrases of @article (its title and body) to @result, a list
 * of {phrase, score}, best first; score is higher for better phrases. */
void en_phrases_extract (const EnLexicon *lexicon, EnWorker *worker, NfArticle *article,
                         const EnOptions *options, KeywordsList *result);

/* Where the body's text after a leading dateline annotation begins, or 0. */
gsize keywords_dateline_end (NfArticle *article);

#endif /* NF_KEYWORDS_PHRASES_H */
