/* tokens.c: small tests on the tokens of the shared segmentation (a word, one of a word
 * list, a punctuation character, a pronoun) used by every step of extract "quotes". */
#include <string.h>

#include "quotes.h"

static inline char
ascii_lower (char ch)
{
  return ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch;
}

/* Called for most tokens against many words ("is the token before a name an object
 * marker?"), so the first letters are compared before the word's length is taken. */
gboolean
tok_is (const Context *c, guint i, const char *word)
{
  const char *text = c->text + c->tokens[i].start;
  gsize length = c->tokens[i].end - c->tokens[i].start;
  return length > 0 && ascii_lower (*text) == ascii_lower (*word) && strlen (word) == length
         && g_ascii_strncasecmp (text, word, length) == 0;
}

/* The slot of @set in Context.list_memo, or -1 for a list asked about too rarely to keep. */
static int
memo_slot (const Context *c, GHashTable *set)
{
  const Quotes *q = c->self;
  return set == q->verbs ? 0 : set == q->titles ? 1 : set == q->not_names ? 2 : set == q->roles ? 3 : -1;
}

/* The search for a speech verb or a title goes back and forth over the same tokens for
 * every quotation, so each answer of the most asked lists is kept for the article: the
 * token is then case-folded and hashed once per list, not once per question. */
gboolean
tok_in (const Context *c, guint i, GHashTable *set)
{
  if (c->tokens[i].kind != NF_TOKEN_WORD)
    return FALSE;
  int slot = c->list_memo ? memo_slot (c, set) : -1;
  if (slot >= 0 && (c->list_memo[i] >> (2 * slot)) & 1)
    return (c->list_memo[i] >> (2 * slot + 1)) & 1;
  gboolean in = nlp_word_set_has (set, c->scratch, c->text + c->tokens[i].start, c->tokens[i].end - c->tokens[i].start);
  if (slot >= 0)
    c->list_memo[i] |= (guint8) ((1u | (guint) in << 1) << (2 * slot));
  return in;
}

gunichar
tok_char (const Context *c, guint i)
{
  return c->tokens[i].kind == NF_TOKEN_WORD ? 0 : g_utf8_get_char (c->text + c->tokens[i].start);
}

gboolean
is_quote_char (gunichar ch)
{
  return ch == '"' || ch == 0x201C || ch == 0x201D || ch == 0x201E || ch == 0xAB || ch == 0xBB
         || ch == 0x2018 || ch == 0x2019 || ch == '\'';
}

/* The token index at byte offset @pos (the first token starting at or after it). */
guint
token_at (const Context *c, gsize pos)
{
  guint lo = 0, hi = c->n;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (c->tokens[mid].start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
tok_is_word (const Context *c, guint i)
{
  return i < c->n && c->tokens[i].kind == NF_TOKEN_WORD;
}

gboolean
is_pronoun (const Context *c, guint i)
{
  return tok_is (c, i, "he") || tok_is (c, i, "she");
}

gboolean
word_in (GHashTable *set, GString *scratch, const char *word)
{
  return nlp_word_set_has (set, scratch, word, strlen (word));
}

/* Words after which a name is an object, not the one who acts: "told the Keldby Chronicle",
 * "whose son Daniel", "than Garriga". */
gboolean
is_object_marker (const Context *c, guint i)
{
  static const char *const words[] = { "to", "told", "tells", "with", "by", "from", "for", "of", "at", "in",
                                       "on", "about", "against", "than", "whose", "son", "daughter",
                                       "wife", "husband", "mother", "father", "and", "or", "like", NULL };
  for (const char *const *w = words; *w; w++)
    if (tok_is (c, i, *w))
      return TRUE;
  return FALSE;
}

/* "it also said", "they later wrote": an adverb between the speaker and the verb. */
gboolean
is_cue_adverb (const Context *c, guint i)
{
  static const char *const words[] = { "also", "then", "later", "further", "previously", "again", "earlier",
                                       "separately", "subsequently", NULL };
  for (const char *const *w = words; *w; w++)
    if (tok_is (c, i, *w))
      return TRUE;
  return FALSE;
}

/* The first token of the main clause of the sentence opening at @first, before @verb: after
 * the comma closing an opening subordinate clause (`If Trump read it, Schwartz said`), else
 * @first. */
guint
main_clause_first (const Context *c, guint first, guint verb)
{
  static const char *const subordinators[] = { "if", "when", "although", "though", "because", "while",
                                               "after", "before", "since", "unless", "once", "whereas", NULL };
  gboolean subordinate = FALSE;
  if ((tok_is (c, first, "and") || tok_is (c, first, "but") || tok_is (c, first, "then") || tok_is (c, first, "so"))
      && first + 1 < verb)
    first++; /* "And when Dion was asked, the star said", "Then when Vogue asked Dion, …" */
  for (const char *const *w = subordinators; *w && !subordinate; w++)
    subordinate = tok_is (c, first, *w);
  if (!subordinate)
    return first;
  for (guint k = first + 1; k < verb; k++)
    {
      if (is_quote_char (tok_char (c, k)))
        break;
      if (tok_char (c, k) == ',')
        return k + 1;
    }
  return first;
}
