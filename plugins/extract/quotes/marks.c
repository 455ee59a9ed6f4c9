/* marks.c: quotation marks paired per paragraph, quotations carried over paragraphs, and
 * what a quotation looks like (its words, a title of a work, the start of a sentence). */
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "quotes.h"

static gboolean
is_word_char (gunichar ch)
{
  return g_unichar_isalnum (ch) || g_unichar_ismark (ch);
}

/* What a mark may be at @p, from the characters around it. */
typedef enum { MARK_NONE, MARK_OPEN, MARK_CLOSE, MARK_EITHER } MarkRole;

static MarkRole
mark_role (const char *text, gsize length, gsize pos, gunichar ch, gboolean *single)
{
  gunichar before = pos > 0 ? g_utf8_get_char (g_utf8_find_prev_char (text, text + pos)) : ' ';
  const char *next = g_utf8_next_char (text + pos);
  gunichar after = next < text + length ? g_utf8_get_char (next) : ' ';
  *single = FALSE;
  switch (ch)
    {
    case 0x201C: /* “ opens in English, closes in German */
      return MARK_EITHER;
    case 0x201E: /* „ */
    case 0xAB:   /* « */
      return MARK_OPEN;
    case 0x201D: /* ” */
    case 0xBB:   /* » */
      return MARK_CLOSE;
    case '"':
      if (g_unichar_isspace (before) || before == '(' || before == '[' || before == 0x2014 || pos == 0)
        return MARK_OPEN;
      if (g_unichar_isspace (after) || g_unichar_ispunct (after) || next >= text + length)
        return MARK_CLOSE;
      return MARK_EITHER;
    case 0x2018: /* ‘ */
      *single = TRUE;
      return is_word_char (before) ? MARK_NONE : MARK_OPEN;
    case 0x2019: /* ’ : also the apostrophe */
    case '\'':
      *single = TRUE;
      if (is_word_char (before) && is_word_char (after))
        return MARK_NONE; /* don't, Ukraine’s */
      if (!is_word_char (before) && is_word_char (after))
        return ch == '\'' && (g_unichar_isspace (before) || pos == 0 || before == '(') ? MARK_OPEN : MARK_NONE;
      if (is_word_char (before) || g_unichar_ispunct (before))
        return MARK_CLOSE; /* also "the farmers’ union": checked by pairing */
      return MARK_NONE;
    default:
      return MARK_NONE;
    }
}

static void
add_quote (Context *c, gsize open, gsize close, guint paragraph, gboolean single, gboolean continues, guint group,
           gboolean marked)
{
  /* a continuation paragraph without its opening mark starts at the paragraph */
  gsize start = marked ? (gsize) (g_utf8_next_char (c->text + open) - c->text) : open, end = close;
  while (start < end && g_ascii_isspace (c->text[start]))
    start++;
  while (end > start && g_ascii_isspace (c->text[end - 1]))
    end--;
  if (end <= start)
    return;
  Quote q = {
    .open = open, .close = close, .start = start, .end = end, .paragraph = paragraph,
    .single = single, .continues = continues, .group = group,
  };
  q.open_tok = token_at (c, open);
  q.close_tok = close < c->length ? token_at (c, close) : c->n;
  q.opens_paragraph = q.open_tok == 0 || c->tokens[q.open_tok - 1].paragraph != paragraph;
  q.ends_paragraph = continues || q.close_tok + 1 >= c->n || c->tokens[q.close_tok + 1].paragraph != paragraph
                     || (c->tokens[q.close_tok + 1].kind == NF_TOKEN_PUNCT
                         && (q.close_tok + 2 >= c->n || c->tokens[q.close_tok + 2].paragraph != paragraph));
  g_array_append_val (c->quotes, q);
}

/* How paragraph @p goes on from a quotation left open at the end of the one before: it
 * reopens one (news style), or, when the writer or a converter dropped that mark, its first
 * double mark closes one.  Returns 0 (it does not), 1 (it reopens) or 2 (it closes). */
static int
paragraph_continues (const Context *c, NfArticle *article, guint p, gboolean single)
{
  if (p >= nf_article_get_n_paragraphs (article))
    return 0;
  gsize start, end;
  nf_article_get_paragraph_span (article, p, &start, &end);
  gunichar first = g_utf8_get_char (c->text + start);
  /* British style, ‘…’ for quotations: a reopening mark continues, or a closing one right
   * after a sentence's punctuation (an apostrophe follows a letter: "the farmers’ union") */
  if (single)
    {
      if (first == 0x2018 || first == '\'')
        return 1;
      for (gsize i = start; i < end; i = g_utf8_next_char (c->text + i) - c->text)
        {
          gunichar ch = g_utf8_get_char (c->text + i);
          if (ch != 0x2019 && ch != '\'')
            continue;
          gunichar before = i > start ? g_utf8_get_char (g_utf8_find_prev_char (c->text, c->text + i)) : ' ';
          if (before == '.' || before == ',' || before == '?' || before == '!')
            return 2;
        }
      return 0;
    }
  if (first == '"' || first == 0x201C || first == 0x201E || first == 0xAB)
    return 1;
  for (gsize i = start; i < end; i = g_utf8_next_char (c->text + i) - c->text)
    {
      gunichar ch = g_utf8_get_char (c->text + i);
      if (!is_quote_char (ch))
        continue;
      gboolean is_single;
      MarkRole role = mark_role (c->text, c->length, i, ch, &is_single);
      if (role == MARK_NONE || is_single)
        continue;
      return role == MARK_CLOSE ? 2 : 0;
    }
  return 0;
}

/* The bytes a quotation mark starts with: ' " and the lead bytes of « » ‘ ’ “ ” „. */
static const gboolean may_start_mark[256] = { ['"'] = TRUE, ['\''] = TRUE, [0xC2] = TRUE, [0xE2] = TRUE };

/* Whether a byte of @w is zero (exact: the borrow runs only past a zero byte). */
static inline guint64
has_zero_byte (guint64 w)
{
  return (w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull;
}

/* The first byte from @i to @end that may start a mark (may_start_mark), or @end: eight
 * bytes at a time, a byte equal to one of the four making a zero byte in the word XORed
 * with it, then byte by byte within the eight that hold one. */
static gsize
next_mark_byte (const char *text, gsize i, gsize end)
{
#ifdef __SSE2__
  /* sixteen bytes at a time where the machine compares them at once (every x86-64): the
   * bytes equal to one of the four as bits of a mask */
  const __m128i quote = _mm_set1_epi8 ('"'), apostrophe = _mm_set1_epi8 ('\''),
                c2 = _mm_set1_epi8 ((char) 0xC2), e2 = _mm_set1_epi8 ((char) 0xE2);
  for (; i + 16 <= end; i += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (text + i));
      __m128i any = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, quote), _mm_cmpeq_epi8 (v, apostrophe)),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (v, c2), _mm_cmpeq_epi8 (v, e2)));
      int mask = _mm_movemask_epi8 (any);
      if (mask)
        return i + (gsize) __builtin_ctz ((unsigned) mask);
    }
#endif
  for (; i + 8 <= end; i += 8)
    {
      guint64 w;
      memcpy (&w, text + i, 8);
      if (has_zero_byte (w ^ 0x2222222222222222ull) | has_zero_byte (w ^ 0x2727272727272727ull)
          | has_zero_byte (w ^ 0xc2c2c2c2c2c2c2c2ull) | has_zero_byte (w ^ 0xe2e2e2e2e2e2e2e2ull))
        break;
    }
  while (i < end && !may_start_mark[(guchar) text[i]])
    i++;
  return i;
}

/* Pairs the marks of each paragraph; a quotation left open at a paragraph's end continues
 * into the next paragraph (see paragraph_continues). */
void
find_quotes (Context *c, NfArticle *article)
{
  guint n_paragraphs = nf_article_get_n_paragraphs (article);
  guint group = 0;
  int carried = 0;   /* how this paragraph continues the last one's quotation */
  gboolean carried_single = FALSE;
  for (guint p = 0; p < n_paragraphs; p++)
    {
      gsize pstart, pend;
      nf_article_get_paragraph_span (article, p, &pstart, &pend);
      gboolean inside = carried == 2, single = carried == 2 && carried_single, marked = carried != 2;
      gsize open = pstart;
      gboolean first_mark = TRUE;
      /* byte by byte: every mark is ' or " or starts with the byte 0xC2 (« ») or 0xE2
       * (‘ ’ “ ” „), which in an article's text (valid UTF-8) only ever start a character,
       * so the bytes inside other characters are passed over like the characters themselves */
      for (gsize i = pstart; i < pend; i++)
        {
          i = next_mark_byte (c->text, i, pend);
          if (i >= pend)
            break;
          guchar lead = (guchar) c->text[i];
          if (lead < 0x80 ? lead != '"' && lead != '\'' : lead != 0xC2 && lead != 0xE2)
            continue;
          gunichar ch = g_utf8_get_char (c->text + i);
          if (!is_quote_char (ch))
            continue;
          gboolean is_single;
          MarkRole role = mark_role (c->text, c->length, i, ch, &is_single);
          if (role == MARK_NONE || (is_single && !c->self->single_quotes))
            continue;
          if (!inside)
            {
              if (role == MARK_CLOSE)
                continue;
              inside = TRUE;
              single = is_single;
              marked = TRUE;
              open = i;
              if (!(first_mark && carried))
                group++;
              first_mark = FALSE;
              continue;
            }
          /* inside: only a mark of the same kind closes; a single inside a double nests */
          if (is_single != single || role == MARK_OPEN)
            continue;
          add_quote (c, open, i, p, single, FALSE, group, marked);
          first_mark = FALSE;
          inside = FALSE;
        }
      carried = inside ? paragraph_continues (c, article, p + 1, single) : 0;
      carried_single = single;
      if (carried)
        add_quote (c, open, pend, p, single, TRUE, group, marked);
    }
}

/* Whether quotation @q starts a sentence or its paragraph. */
gboolean
opens_sentence (const Context *c, const Quote *q)
{
  if (q->opens_paragraph)
    return TRUE;
  guint b = q->open_tok;
  if (b == 0 || b >= c->n)
    return b == 0;
  gunichar before = tok_char (c, b - 1);
  return c->tokens[b].sentence != c->tokens[b - 1].sentence || before == '.' || before == '!' || before == '?';
}

guint
count_words (const Context *c, const Quote *q)
{
  guint words = 0;
  for (guint i = q->open_tok; i < q->close_tok && i < c->n; i++)
    words += c->tokens[i].kind == NF_TOKEN_WORD || c->tokens[i].kind == NF_TOKEN_NUMBER;
  return words;
}

/* Every word capitalised, or almost: the title of a work ("Salt and Cinder"). */
gboolean
looks_like_title (const Context *c, const Quote *q)
{
  guint words = 0, caps = 0;
  for (guint i = q->open_tok; i < q->close_tok && i < c->n; i++)
    if (c->tokens[i].kind == NF_TOKEN_WORD)
      {
        words++;
        caps += (c->tokens[i].flags & NF_TOKEN_CAPITALIZED) || c->tokens[i].end - c->tokens[i].start <= 3;
      }
  return words > 0 && caps == words;
}

/* Whether token @v ends a passive naming: "what is often called (the) "chip war"", "has been
 * termed "the new oil"" (a form of "be", at most one adverb, then "called" or "termed"): the
 * words are the language's, nobody's quotation (an active "called an "outrageous" breach"
 * is the caller's). */
static gboolean
passive_naming (const Context *c, guint v)
{
  static const char *const be[] = { "is", "are", "was", "were", "be", "been", "being", NULL };
  static const char *const adverbs[] = { "often", "sometimes", "now", "also", "widely", "commonly", "popularly",
                                         "generally", "usually", "aptly", "informally", NULL };
  if (v == 0 || v >= c->n || !(tok_is (c, v, "called") || tok_is (c, v, "termed")))
    return FALSE;
  guint k = v - 1;
  for (const char *const *w = adverbs; *w && k > 0; w++)
    if (tok_is (c, k, *w))
      {
        k--;
        break;
      }
  for (const char *const *w = be; *w; w++)
    if (tok_is (c, k, *w))
      return TRUE;
  return FALSE;
}

/* `the "let-burn" policy`, `its "natural" policies`, `the word "people"`: a quoted term of
 * a word or three that a determiner opens and a noun in lower case follows, or that a word
 * like "term" names, is no one's speech, whatever speech verb is near. */
gboolean
looks_like_term (const Context *c, const Quote *q)
{
  guint words = count_words (c, q);
  if (words == 0 || words > 3 || q->open_tok == 0 || q->close_tok >= c->n)
    return FALSE;
  static const char *const naming[] = { "word", "words", "term", "terms", "phrase", "label", "slogan", "motto",
                                        "so-called", "dubbed", "nicknamed", "hashtag", NULL };
  static const char *const determiners[] = { "the", "a", "an", "its", "their", "his", "her", "our", "this",
                                             "these", "those", NULL };
  /* what cannot be the noun the term modifies */
  static const char *const not_nouns[] = { "and", "or", "but", "nor", "as", "is", "was", "are", "were", "be",
                                           "been", "that", "which", "who", "to", "of", "in", "for", "because",
                                           "with", "on", "at", "by", "from", "than", "if", "when", "while",
                                           "said", "says", "say", "told", "he", "she", "they", "it", "we", "i",
                                           "you", "then", "so", "not", "will", "would", "could", "should",
                                           "can", "may", "might", "has", "have", "had", NULL };
  guint before = q->open_tok - 1;
  for (const char *const *w = naming; *w; w++)
    if (tok_is (c, before, *w))
      return TRUE;
  gboolean determiner = FALSE;
  for (const char *const *w = determiners; *w && !determiner; w++)
    determiner = tok_is (c, before, *w);
  if (passive_naming (c, determiner ? before - 1 : before))
    return TRUE;
  /* (what someone "called an "outrageous" breach" is their word) */
  static const char *const calling[] = { "called", "call", "calls", "calling", "termed", "as", NULL };
  for (const char *const *w = calling; *w && determiner && before > 0; w++)
    determiner = !tok_is (c, before - 1, *w);
  guint after = q->close_tok + 1;
  if (!determiner || after >= c->n || c->tokens[after].kind != NF_TOKEN_WORD
      || (c->tokens[after].flags & NF_TOKEN_CAPITALIZED))
    return FALSE;
  for (const char *const *w = not_nouns; *w; w++)
    if (tok_is (c, after, *w))
      return FALSE;
  return TRUE;
}
