/* newsflow/text.h: shared text services: UTF-8 tokens with byte offsets and sentence
 * boundaries that survive abbreviations, initials, decimals and quotes; computed once per
 * article and cached on it, so every extractor sees the same segmentation. */
#ifndef NEWSFLOW_TEXT_H
#define NEWSFLOW_TEXT_H

#include <glib.h>
#include <newsflow/article.h>

G_BEGIN_DECLS

typedef enum {
  NF_TOKEN_WORD,   /* letters (and marks), with inner ' ’ - and acronym periods: "don't", "U.S." */
  NF_TOKEN_NUMBER, /* digits with inner . , : and a letter suffix: "3.5", "1,200", "10:30", "21st" */
  NF_TOKEN_PUNCT,  /* one punctuation character: . , ! ? " “ ” ( — ... */
  NF_TOKEN_SYMBOL, /* anything else that is not space: $ % € + ... */
} NfTokenKind;

typedef enum {
  NF_TOKEN_CAPITALIZED    = 1 << 0, /* first letter upper case */
  NF_TOKEN_ALL_CAPS       = 1 << 1, /* two or more letters, all upper case */
  NF_TOKEN_SENTENCE_START = 1 << 2, /* first token of its sentence */
} NfTokenFlags;

typedef struct {
  gsize        start;     /* byte offsets into the article text, [start, end) */
  gsize        end;
  NfTokenKind  kind;
  NfTokenFlags flags;
  guint        sentence;  /* index into the sentences */
  guint        paragraph; /* index of the paragraph */
} NfToken;

typedef struct {
  gsize start;      /* byte span of the sentence, trimmed */
  gsize end;
  guint first_token;
  guint n_tokens;
  guint paragraph;
} NfSentence;

typedef struct _NfText NfText;

/* Segments @length bytes of UTF-8 @text, paragraphs separated by blank lines ("\n\n"). */
NfText          *nf_text_segment        (const char *text, gsize length);
NfText          *nf_text_ref            (NfText *segmentation);
void             nf_text_unref          (NfText *segmentation);
const NfToken    *nf_text_get_tokens    (const NfText *segmentation, guint *n_tokens);
const NfSentence *nf_text_get_sentences (const NfText *segmentation, guint *n_sentences);
/* The words and numbers only. */
guint            nf_text_count_words    (const NfText *segmentation);

/* The article's segmentation, computed on first use and cached until the body changes.
 * Owned by the article: take a reference to keep it longer. */
const NfText    *nf_article_get_segmentation (NfArticle *article);

/* TRUE for a word whose final period does not end a sentence by itself: titles ("Dr.",
 * "Gen."), month and other abbreviations ("Jan.", "approx."), initials ("J."). */
gboolean         nf_text_is_abbreviation (const char *word, gsize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfText, nf_text_unref)

G_END_DECLS

#endif /* NEWSFLOW_TEXT_H */
