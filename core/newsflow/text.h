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

/* Segments @length bytes of UTF-8 @text, paragraphs separated by blank lines ("\n\n").  The
 * segmentation keeps a pointer to @text, to fold its tokens when first asked
 * (nf_text_get_fold_ids): until then @text must stay as it is. */
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

/* ---- case-folded tokens, interned ----
 *
 * Every token's text case-folded once per segmentation and interned: equal folded forms have
 * equal ids, so an extractor looks a word up once per distinct form of the article (keyed by
 * the id, or by the hash computed here) instead of folding and hashing each occurrence again.
 * Folding is nf_text_fold_append()'s. */

typedef struct {
  const char *text;   /* the folded form, NUL-terminated, owned by the segmentation */
  guint32     length; /* bytes */
  guint32     hash;   /* nf_text_fold_hash (text, length) */
} NfFold;

/* Appends @length bytes of UTF-8 @text to @out case-folded: each character lower-cased with
 * g_unichar_tolower() (per character: no special casing), the typographic apostrophes
 * U+2018 and U+2019 as ASCII "'", bytes that are not valid UTF-8 copied unchanged. */
void             nf_text_fold_append    (GString *out, const char *text, gsize length);

/* The hash of @length bytes at @folded that NfFold.hash holds, so a table keyed by it is asked
 * with a fold's hash without hashing again.  Taken over 8-byte pieces in memory order: the
 * same within a process, not across machines of another byte order (do not store it). */
guint32          nf_text_fold_hash      (const char *folded, gsize length);

/* One id per token (as many as nf_text_get_tokens() gives, every kind), an index into the
 * distinct folded forms returned in *@folds (*@n_folds of them; either may be NULL).  Computed
 * on first use, safely from any thread, and owned by the segmentation. */
const guint32   *nf_text_get_fold_ids   (const NfText *segmentation, const NfFold **folds, guint *n_folds);

/* The @n (1 to 7) bytes at @p as the low bytes of a 64-bit word (in memory order on a
 * little-endian machine), the bytes above it @fill: read in two overlapping loads and never a
 * byte past them, for code that scans text eight bytes at a time and meets a short tail.
 * With a constant @fill (0: zeros) the filling costs nothing.  An inline definition (C99):
 * calls are inlined where the compiler will, and libnewsflow exports the function for the
 * rest; memcpy is the compiler's, as a public header includes no <string.h>. */
inline guint64
nf_load_bytes (const char *p, gsize n, guchar fill)
{
  guint64 word;
  if (n >= 4)
    {
      guint32 low, high;
      __builtin_memcpy (&low, p, 4);
      __builtin_memcpy (&high, p + n - 4, 4);
      word = (guint64) low | (guint64) high << (8 * (n - 4));
    }
  else if (n >= 2)
    {
      guint16 low, high;
      __builtin_memcpy (&low, p, 2);
      __builtin_memcpy (&high, p + n - 2, 2);
      word = (guint64) low | (guint64) high << (8 * (n - 2));
    }
  else
    word = (guchar) p[0];
  guint64 pad = ~G_GUINT64_CONSTANT (0) << (8 * n);
  return (word & ~pad) | (G_GUINT64_CONSTANT (0x0101010101010101) * fill & pad);
}

/* TRUE for a word whose final period does not end a sentence by itself: titles ("Dr.",
 * "Gen."), month and other abbreviations ("Jan.", "approx."), initials ("J."). */
gboolean         nf_text_is_abbreviation (const char *word, gsize length);

/* ---- white space: the one definition every parser, fetcher and reader of newsflow uses ----
 *
 * White space is exactly Unicode's White_Space property (PropList.txt, unchanged since 6.3):
 *   U+0009..U+000D (tab, line feed, vertical tab, form feed, carriage return), U+0020 SPACE,
 *   U+0085 NEXT LINE, U+00A0 NO-BREAK SPACE, U+1680 OGHAM SPACE MARK, U+2000..U+200A (en quad
 *   .. hair space, thin space U+2009 included), U+2028 LINE SEPARATOR, U+2029 PARAGRAPH
 *   SEPARATOR, U+202F NARROW NO-BREAK SPACE, U+205F MEDIUM MATHEMATICAL SPACE, U+3000
 *   IDEOGRAPHIC SPACE.
 * A no-break space separates words like any space (pages write "10\u00a0km", "M.\u00a0Dupont");
 * that it forbids a line break does not matter to text analysis.
 *
 * Zero-width characters are not white space (they separate nothing visible), and they split
 * in two groups:
 *   - invisible, removed by nf_text_collapse_space: U+200B ZERO WIDTH SPACE, U+2060 WORD
 *     JOINER, U+FEFF ZERO WIDTH NO-BREAK SPACE (a stray byte order mark) and U+00AD SOFT
 *     HYPHEN: hints for line breaking that pages leave inside words ("Bundes\u00adregierung");
 *   - the joiners U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER, part of a word's
 *     spelling (Persian, Indic scripts) and of emoji sequences: kept between two characters,
 *     removed where they join nothing (next to white space, at either end; pages fill empty
 *     paragraphs with a lone "&zwj;"). */

/* TRUE when @c is white space as defined above. */
gboolean         nf_unichar_is_space     (gunichar c);

/* TRUE when @c is one of the invisible zero-width characters nf_text_collapse_space removes. */
gboolean         nf_unichar_is_invisible (gunichar c);

/* @text (@length bytes, or NUL-terminated when negative) with every run of white space made
 * one U+0020 SPACE, leading and trailing white space dropped, the invisible characters and
 * the joiners that join nothing removed.  Bytes that are not valid UTF-8 are copied unchanged.  Never NULL ("" for NULL). */
char            *nf_text_collapse_space  (const char *text, gssize length);

/* The streaming form, for text that arrives in pieces (the text nodes of a page): appends
 * @text to @out as nf_text_collapse_space would, where *@pending_space carries a run of white
 * space from one call to the next.  A pending space is written before the next visible
 * character only when @out is not empty, so a run at the start is dropped and one at the end
 * stays pending (start with *@pending_space = FALSE). */
void             nf_text_append_collapsed (GString *out, const char *text, gssize length,
                                           gboolean *pending_space);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfText, nf_text_unref)

G_END_DECLS

#endif /* NEWSFLOW_TEXT_H */
