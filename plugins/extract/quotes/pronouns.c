/* pronouns.c: the people named outside quotations and the pronouns that stand for them, in
 * text order (mentions); who "he" and "she" are, and who the text is about. */
#include <string.h>

#include "quotes.h"

/* The last person named before @pos outside quotations (for "he", "she"), optionally one
 * whose title contains @title_word, among the last 200 names before it (as person_with_role):
 * a title nobody bore would otherwise send each "the minister said" through every name of
 * the article, quadratic in a long one. */
const Name *
person_before (const Context *c, gsize pos, const char *title_word)
{
  for (guint k = names_before (c, pos), seen = 0; k-- > 0 && seen < 200;)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->start >= pos)
        continue;
      seen++;
      if (!n->person || inside_quote (c, n->start))
        continue;
      if (title_word && !(n->title && strstr (n->title, title_word)))
        continue;
      return n;
    }
  return NULL;
}

/* Whether the name ending at byte @end is followed by a possessive "'s", "’s" or a bare
 * apostrophe ("Reyes' lawyer"). */
static gboolean
is_possessive_end (const Context *c, gsize end)
{
  const char *p = c->text + end, *stop = c->text + c->length;
  if (p < stop && *p == '\'')
    p++;
  else if (stop - p >= 3 && memcmp (p, "\xe2\x80\x99", 3) == 0)
    p += 3;
  else
    return FALSE;
  if (p < stop && (*p == 's' || *p == 'S'))
    p++;
  return p >= stop || !g_ascii_isalnum (*p);
}

static inline int
pronoun_gender (const Context *c, guint i)
{
  /* asked of every token outside quotations: "he" and "she" in any case, byte by byte (a
   * byte ORed with 0x20 is 's', 'h' or 'e' only when it is that letter in either case) */
  const char *p = c->text + c->tokens[i].start;
  gsize length = c->tokens[i].end - c->tokens[i].start;
  if (length == 3 && (p[0] | 0x20) == 's' && (p[1] | 0x20) == 'h' && (p[2] | 0x20) == 'e')
    return GENDER_FEMALE;
  if (length == 2 && (p[0] | 0x20) == 'h' && (p[1] | 0x20) == 'e')
    return GENDER_MALE;
  return GENDER_UNKNOWN;
}

static int
referent_gender (const Context *c, gint name)
{
  return name < 0 ? GENDER_UNKNOWN : g_array_index (c->names, Name, name).gender;
}

/* The referent of a pronoun of @gender in @sentence before token @tok: the sentences are
 * searched back from this one; in each, the subject first, then the others, nearest first;
 * the first person whose gender is known to be the pronoun's, or unknown, wins (any
 * person when @gender is unknown). */
static gint
resolve_pronoun (const Context *c, guint tok, guint sentence, int gender)
{
  const GArray *m = c->mentions;
  guint k = 0, hi = m->len;
  while (k < hi)
    {
      guint mid = (k + hi) / 2;
      if (g_array_index (m, Mention, mid).tok < tok)
        k = mid + 1;
      else
        hi = mid;
    }
  for (guint s = sentence + 1; s-- > 0 && s + 8 > sentence;)
    {
      guint end = k;
      while (k > 0 && g_array_index (m, Mention, k - 1).sentence == s)
        k--;
      /* mentions k..end-1 are in sentence s, before tok */
      for (int pass = 0; pass < 2; pass++)
        for (guint j = end; j-- > k;)
          {
            const Mention *x = &g_array_index (m, Mention, j);
            if (x->tok >= tok || x->name < 0 || (pass == 0 && !x->subject))
              continue;
            int g = referent_gender (c, x->name);
            if (x->gender != GENDER_UNKNOWN && g == GENDER_UNKNOWN)
              g = x->gender;
            if (g == GENDER_UNKNOWN || gender == GENDER_UNKNOWN || g == gender)
              return x->name;
          }
      if (k == 0)
        break;
    }
  return -1;
}

/* The organisation an unnamed spokesperson at token @i speaks for, as an index in names, or
 * -1: "a spokesman for the Unite union", "A spokeswoman for Norvell" (not "a spokesman for
 * the company": no name). */
static gint
spokesperson_for (const Context *c, guint i)
{
  /* asked of every token that is no name or pronoun: the first byte turns nearly all away */
  if (c->text[c->tokens[i].start] != 's' || c->tokens[i].end - c->tokens[i].start < 9)
    return -1;
  if (!(tok_is (c, i, "spokesman") || tok_is (c, i, "spokeswoman") || tok_is (c, i, "spokesperson"))
      || i == 0 || !(tok_is (c, i - 1, "a") || tok_is (c, i - 1, "A")) || i + 2 >= c->n || !tok_is (c, i + 1, "for"))
    return -1;
  guint w = i + 2;
  if (tok_is (c, w, "the") && w + 1 < c->n)
    w++;
  const Name *n = name_at (c, w);
  if (!n || n->person)
    return -1;
  return (gint) (n - (const Name *) (gpointer) c->names->data);
}

/* The names that share a canonical name, as chains: @next[k] is the next name after k with
 * the canonical name of k, or G_MAXUINT; the table maps each canonical name to its first. */
GHashTable *
names_by_canonical (const Context *c, guint *next)
{
  GHashTable *first = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *last = g_new (guint, c->names->len);
  for (guint k = 0; k < c->names->len; k++)
    {
      const char *canonical = g_array_index (c->names, Name, k).canonical;
      gpointer found;
      next[k] = G_MAXUINT;
      if (g_hash_table_lookup_extended (first, canonical, NULL, &found))
        {
          guint head = GPOINTER_TO_UINT (found);
          next[last[head]] = k;
          last[head] = k;
        }
      else
        {
          g_hash_table_insert (first, (gpointer) canonical, GUINT_TO_POINTER (k));
          last[k] = k;
        }
    }
  return first;
}

/* The tokens build_mentions must look at, in order, without duplicates: those starting a
 * name and those whose fold is a pronoun's or a spokesperson's (mention_words).  Every other
 * token is passed over by its first test, so the loop need not meet it: a few dozen tokens
 * an article instead of all of them.  NULL without mention_words (then every token). */
static GArray *
mention_candidates (const Context *c)
{
  if (!c->mention_words)
    return NULL;
  GArray *candidates = g_array_sized_new (FALSE, FALSE, sizeof (guint), c->mention_words->len + c->names->len);
  g_array_append_vals (candidates, c->mention_words->data, c->mention_words->len);
  for (guint k = 0; k < c->names->len; k++)
    {
      gsize start = g_array_index (c->names, Name, k).start;
      guint i = token_at (c, start);
      if (i < c->n && c->tokens[i].start == start)
        g_array_append_val (candidates, i);
    }
  sort_unique_guints (candidates);
  return candidates;
}

/* The people named outside quotations and the pronouns that refer to them, in text order. */
void
build_mentions (Context *c)
{
  guint next_name = 0, quote = 0, last_sentence = G_MAXUINT, main_first = 0;
  gboolean sentence_has_mention = FALSE;
  /* the names by canonical name, for what a pronoun says of their gender (made when first
   * needed: most articles never need it) */
  g_autoptr (GHashTable) by_canonical = NULL;
  g_autofree guint *same_next = NULL;
  /* (a loop over every token: the arrays read through locals, which the calls in it would
   * otherwise make the compiler load again; neither array is resized in it) */
  const Quote *quotes = (const Quote *) (gpointer) c->quotes->data;
  const Name *names = (const Name *) (gpointer) c->names->data;
  const guint n_quotes = c->quotes->len, n_names = c->names->len;
  g_autoptr (GArray) candidates = mention_candidates (c);
  const guint n_candidates = candidates ? candidates->len : c->n;
  for (guint m = 0; m < n_candidates; m++)
    {
      const guint i = candidates ? g_array_index (candidates, guint, m) : m;
      const NfToken *t = &c->tokens[i];
      while (next_name < n_names && names[next_name].end <= t->start)
        next_name++;
      /* only a name or a pronoun is a mention: every other token is passed over here (the
       * quotation and the sentence of a token, worked out below, go forward only, so they
       * are the same when looked at for the candidates alone) */
      gint spoken_for = -1;
      if (!(next_name < n_names && names[next_name].start == t->start) && pronoun_gender (c, i) == GENDER_UNKNOWN
          && (spoken_for = spokesperson_for (c, i)) < 0)
        continue;
      while (quote < n_quotes && quotes[quote].close < t->start)
        quote++;
      if (quote < n_quotes && quotes[quote].open <= t->start && t->start < quotes[quote].close)
        continue; /* quoted */
      if (t->sentence != last_sentence)
        {
          /* the first mention of a sentence (its tokens are consecutive): the state of the
           * sentence anew, its main clause from its first token */
          last_sentence = t->sentence;
          sentence_has_mention = FALSE;
          guint first = i, end = i;
          while (first > 0 && c->tokens[first - 1].sentence == last_sentence)
            first--;
          while (end < c->n && c->tokens[end].sentence == last_sentence)
            end++;
          main_first = main_clause_first (c, first, end);
        }
      Mention x = { .tok = i, .sentence = t->sentence, .name = -1 };
      gboolean possessive = FALSE;
      const Name *n = next_name < n_names ? &names[next_name] : NULL;
      if (spoken_for >= 0)
        {
          /* "A spokesman for the Unite union said ... "…," he said": the organisation */
          x.name = spoken_for;
          x.gender = tok_is (c, i, "spokesman") ? GENDER_MALE : tok_is (c, i, "spokeswoman") ? GENDER_FEMALE
                                                                                             : GENDER_UNKNOWN;
        }
      else if (n && n->start == t->start)
        {
          if (!n->person)
            continue;
          x.name = next_name;
          x.gender = n->gender;
          possessive = is_possessive_end (c, n->end);
        }
      else if ((x.gender = pronoun_gender (c, i)) != GENDER_UNKNOWN)
        {
          x.name = resolve_pronoun (c, i, x.sentence, x.gender);
          /* what "she" says of an unknown name: it is a woman's */
          if (x.name >= 0 && referent_gender (c, x.name) == GENDER_UNKNOWN)
            {
              if (!by_canonical)
                by_canonical = names_by_canonical (c, same_next = g_new (guint, c->names->len));
              const char *canonical = g_array_index (c->names, Name, x.name).canonical;
              for (guint k = GPOINTER_TO_UINT (g_hash_table_lookup (by_canonical, canonical)); k != G_MAXUINT;
                   k = same_next[k])
                {
                  Name *o = &g_array_index (c->names, Name, k);
                  if (o->gender == GENDER_UNKNOWN)
                    o->gender = x.gender;
                }
            }
        }
      else
        continue;
      /* "Bolger's lawyer, Jeremy Robinson, said": a possessive name only qualifies the
       * subject, and a name after a preposition ("the officer for Jenny Craig, Leesa
       * Eichberger") is no subject either; neither takes the subject's place */
      /* "When Vogue asked Dion, the singer answered": no one in an opening subordinate
       * clause is the sentence's subject */
      gboolean object = (i > 0 && is_object_marker (c, i - 1)) || i < main_first;
      x.subject = !sentence_has_mention && !object && !possessive;
      if (!object && !possessive)
        sentence_has_mention = TRUE;
      g_array_append_val (c->mentions, x);
    }
}

/* The person the text is about at @pos: the subject of the last sentence before it that
 * has a person for subject, within a few sentences ("the Swede told BBC Radio Bristol"). */
const Name *
salient_person (const Context *c, guint tok)
{
  guint sentence = c->tokens[tok].sentence;
  for (guint k = mentions_from (c, tok); k-- > 0;)
    {
      const Mention *x = &g_array_index (c->mentions, Mention, k);
      if (x->tok >= tok)
        continue;
      if (x->sentence + 6 < sentence)
        break;
      if (x->subject && x->name >= 0)
        return &g_array_index (c->names, Name, x->name);
    }
  return NULL;
}

/* The person who spoke the quotation before @quote, when it ended at most two sentences
 * before the speaker phrase at token @tok: `"That was just desire to win," said Jimmy Rollins. ... "No one wanted
 * to make that last out," the shortstop said.` (news varies the name of whoever it quotes
 * with what they are). */
const Name *
previous_speaker (const Context *c, const Quote *quote, guint tok)
{
  const Quote *before = NULL;
  for (guint k = 0; k < c->quotes->len; k++)
    {
      const Quote *q = &g_array_index (c->quotes, Quote, k);
      if (q->close < quote->open && q->group != quote->group && (!before || q->close > before->close))
        before = q;
    }
  /* (its speaker as the words that name it: canonical names come later) */
  if (!before || !before->attributed || before->speaker_end <= before->speaker_start
      || c->tokens[before->close_tok].sentence + 2 < c->tokens[tok].sentence)
    return NULL;
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *name = &g_array_index (c->names, Name, k);
      if (name->start >= before->speaker_start && name->end <= before->speaker_end && name->person)
        return name;
    }
  return NULL;
}

/* The first person the text names (as a sentence's subject) after token @tok, in the
 * paragraph after its own. */
const Name *
person_named_next (const Context *c, guint tok)
{
  guint paragraph = c->tokens[tok].paragraph;
  for (guint k = mentions_from (c, tok + 1); k < c->mentions->len; k++)
    {
      const Mention *x = &g_array_index (c->mentions, Mention, k);
      if (x->tok <= tok)
        continue;
      if (c->tokens[x->tok].paragraph > paragraph + 1)
        break;
      if (x->name >= 0 && c->tokens[x->tok].paragraph == paragraph + 1)
        return x->subject ? &g_array_index (c->names, Name, x->name) : NULL;
    }
  return NULL;
}

/* The person a "he" or "she" at token @i stands for, or NULL. */
/* The person a pronoun of @gender at token @tok would stand for, for subjects that are not
 * "he" or "she" tokens: French inversions ("a-t-elle confié") and the subject a Spanish verb
 * leaves out ("«…», dijo."). */
const Name *
person_referent (const Context *c, guint tok, int gender)
{
  gint name = resolve_pronoun (c, tok, c->tokens[tok].sentence, gender);
  return name >= 0 ? &g_array_index (c->names, Name, name) : NULL;
}

const Name *
pronoun_referent (const Context *c, guint i)
{
  guint lo = 0, hi = c->mentions->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (c->mentions, Mention, mid).tok < i)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < c->mentions->len)
    {
      const Mention *x = &g_array_index (c->mentions, Mention, lo);
      if (x->tok == i && x->name >= 0)
        return &g_array_index (c->names, Name, x->name);
    }
  if (lo == c->mentions->len || g_array_index (c->mentions, Mention, lo).tok != i)
    {
      /* a pronoun inside a quotation's span of attribution: resolve it on the spot */
      gint name = resolve_pronoun (c, i, c->tokens[i].sentence, pronoun_gender (c, i));
      return name >= 0 ? &g_array_index (c->names, Name, name) : NULL;
    }
  return NULL;
}
