/* standalone.c: quotations with no cue of their own: a piece of an attributed quotation or
 * one right after it goes on in the same voice; one alone after a sentence takes its subject. */
#include <string.h>

#include "quotes.h"

/* Whether a person other than @p's speaker is named between quotations @p and @q. */
gboolean
other_person_between (const Context *c, const Quote *p, const Quote *q)
{
  for (guint k = mentions_from (c, token_at (c, p->close + 1)); k < c->mentions->len; k++)
    {
      const Mention *x = &g_array_index (c->mentions, Mention, k);
      gsize pos = c->tokens[x->tok].start;
      if (pos <= p->close || x->name < 0)
        continue;
      if (pos >= q->open)
        break;
      if (!p->speaker || strcmp (g_array_index (c->names, Name, x->name).canonical, p->speaker) != 0)
        return TRUE;
    }
  return FALSE;
}

/* A quotation standing alone after a sentence about its speaker: `Governor Ellen Park issued
 * a statement. "…"`, `Asked whether she feared for her job, she smiled. "…"`.  The speaker is
 * the subject of the sentence before it in its paragraph; for a quotation opening its
 * paragraph, of the last sentence of the paragraph before when that one introduces words
 * (a speech verb, "statement", or a colon at its end) and holds no quotation itself. */
void
attribution_standalone (Context *c, Quote *q)
{
  if ((q->single && count_words (c, q) < 4) || q->open_tok == 0 || q->open_tok >= c->n)
    return;
  guint before = q->open_tok - 1;
  while (before > 0 && c->tokens[before].kind == NF_TOKEN_PUNCT && !is_quote_char (tok_char (c, before))
         && tok_char (c, before) != '.' && tok_char (c, before) != ':')
    before--;
  gunichar end = tok_char (c, before);
  if (!q->opens_paragraph && end != '.' && end != ':' && end != '!' && end != '?')
    return; /* inside a sentence: a name, a term, a nickname */
  guint sentence = c->tokens[before].sentence;
  if (q->opens_paragraph)
    {
      guint first = before;
      while (first > 0 && c->tokens[first - 1].paragraph == c->tokens[before].paragraph)
        first--;
      gboolean introduces = tok_char (c, before) == ':';
      for (guint k = first; k <= before; k++)
        {
          if (is_quote_char (tok_char (c, k)))
            return;
          if (c->tokens[k].sentence == sentence)
            introduces |= tok_in (c, k, c->self->verbs) || is_statement_word (c, k);
        }
      if (!introduces)
        return;
    }
  guint sentence_first = before;
  while (sentence_first > 0 && c->tokens[sentence_first - 1].sentence == sentence)
    sentence_first--;
  for (guint k = mentions_from (c, sentence_first); k < c->mentions->len; k++)
    {
      const Mention *x = &g_array_index (c->mentions, Mention, k);
      if (x->sentence < sentence)
        continue;
      if (x->sentence > sentence || x->tok > before)
        break;
      if (!x->subject || x->name < 0)
        continue;
      const Name *n = &g_array_index (c->names, Name, x->name);
      q->attributed = TRUE;
      q->speaker = g_strdup (n->canonical);
      q->speaker_start = c->tokens[x->tok].start;
      q->speaker_end = n->start == c->tokens[x->tok].start ? n->end : c->tokens[x->tok].end;
      return;
    }
}

/* Pieces of one quotation share the attribution; an unattributed quotation right after an
 * attributed one in the same paragraph continues it ("…," said Russell. "We always…"); one
 * alone after a sentence about its speaker takes that sentence's subject. */
void
attribute_unattributed (Context *c)
{
  /* the next piece of each one's quotation that was attributed, before any is attributed
   * here (this loop only changes the pieces before the one it looks at), found once from
   * the end: looking ahead from each piece went through the whole quotation for each of
   * its pieces, quadratic in one that never closes */
  guint n = c->quotes->len;
  g_autofree guint *next_attributed = g_new (guint, n + 1);
  next_attributed[n] = G_MAXUINT;
  for (guint k = n; k-- > 0;)
    {
      const Quote *q = &g_array_index (c->quotes, Quote, k);
      const Quote *o = k + 1 < n ? &g_array_index (c->quotes, Quote, k + 1) : NULL;
      next_attributed[k] = !o || o->group != q->group ? G_MAXUINT : o->attributed ? k + 1 : next_attributed[k + 1];
    }
  for (guint k = 0; k < n; k++)
    {
      Quote *q = &g_array_index (c->quotes, Quote, k);
      if (q->attributed)
        continue;
      Quote *from = next_attributed[k] != G_MAXUINT ? &g_array_index (c->quotes, Quote, next_attributed[k]) : NULL;
      if (!from && k > 0)
        {
          Quote *p = &g_array_index (c->quotes, Quote, k - 1);
          /* the same paragraph, or a paragraph that is all quotation right after one that
           * ended with an attributed quotation: the same voice goes on */
          gboolean next_paragraph = q->paragraph == p->paragraph + 1 && q->opens_paragraph
                                    && (p->ends_paragraph || !other_person_between (c, p, q));
          /* in single marks (British style) only a whole sentence goes on in the same voice,
           * not a term in ‘scare quotes’ */
          if (p->attributed && (p->group == q->group || p->paragraph == q->paragraph || next_paragraph)
              && p->single == q->single && (!q->single || p->group == q->group || opens_sentence (c, q)))
            from = p;
        }
      if (from)
        {
          q->attributed = TRUE;
          q->speaker = g_strdup (from->speaker);
          q->cue = g_strdup (from->cue);
          q->speaker_start = from->speaker_start;
          q->speaker_end = from->speaker_end;
        }
      else
        attribution_standalone (c, q);
    }
}
