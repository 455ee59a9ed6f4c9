/* attribution.c: the cue of a quotation: after it (`"…," X said`), before it (`X said:
 * "…"`), earlier in its sentence for fragments, or a paragraph introducing it with a colon. */
#include <string.h>

#include "quotes.h"

static void
set_cue (Context *c, Quote *q, guint verb)
{
  g_free (q->cue);
  q->cue = g_strndup (c->text + c->tokens[verb].start, c->tokens[verb].end - c->tokens[verb].start);
  q->attributed = TRUE;
}

/* Token @k ends its sentence, or with @apposition its clause (a comma follows: `said Pat
 * Rynard, managing editor of …`). */
static gboolean
ends_clause (const Context *c, guint k, guint limit, gboolean apposition)
{
  if (k + 1 >= limit || c->tokens[k + 1].sentence != c->tokens[k].sentence)
    return TRUE;
  gunichar next = tok_char (c, k + 1);
  return next == '.' || (apposition && (next == ',' || next == ';'));
}

/* `"…" in Iowa, said Pat Rynard, managing editor`, `"…" was the reason they left, he said.`:
 * the sentence holding the quotation closes with its attribution, after a comma.  Only at
 * the end of the sentence, so a verb of a clause in the middle is not taken. */
static gboolean
attribution_closing (Context *c, Quote *q, guint v, guint limit)
{
  guint end_tok;
  if (tok_char (c, v - 1) != ',')
    {
      /* `, he said.` / `, Smith said.`: a one-word subject between the comma and the verb,
       * which ends the sentence (`, she added, "…"` introduces the next quotation) */
      if (v < 2 || tok_char (c, v - 2) != ',' || !ends_clause (c, v, limit, FALSE))
        return FALSE;
      if (speaker_at (c, v - 1, v, q, &end_tok) && end_tok == v - 1)
        {
          set_cue (c, q, v);
          return TRUE;
        }
      g_clear_pointer (&q->speaker, g_free);
      return FALSE;
    }
  if (speaker_at (c, v + 1, limit, q, &end_tok) && ends_clause (c, end_tok, limit, TRUE))
    {
      set_cue (c, q, v);
      return TRUE;
    }
  g_clear_pointer (&q->speaker, g_free);
  return FALSE;
}

/* `"…," X said`, `"…," said X`, `"…," according to X`. */
/* A French inverted subject at token @i: "a-t-il affirmé", "a-t-elle confié", "dit-il",
 * "ajoute-t-elle".  Returns the pronoun's gender and the cue verb's token in @verb, or -1. */
static int
inverted_subject (const Context *c, guint i, guint limit, guint *verb)
{
  static const struct { const char *ending; int gender; } endings[] = {
    { "-t-il", GENDER_MALE }, { "-t-elle", GENDER_FEMALE }, { "-il", GENDER_MALE }, { "-elle", GENDER_FEMALE },
  };
  const NfToken *t = &c->tokens[i];
  if (t->kind != NF_TOKEN_WORD)
    return -1;
  const char *text = c->text + t->start;
  gsize length = t->end - t->start;
  for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
    {
      gsize n = strlen (endings[e].ending);
      if (length <= n || memcmp (text + length - n, endings[e].ending, n) != 0)
        continue;
      gsize stem = length - n;
      if (stem == 1 && text[0] == 'a' && i + 1 < limit && tok_in (c, i + 1, c->self->verbs))
        *verb = i + 1; /* "a-t-il affirmé" */
      else if (word_in_text (c, c->self->verbs, text, stem))
        *verb = i; /* "dit-il" */
      else
        return -1;
      return endings[e].gender;
    }
  return -1;
}

/* The quotation's speaker is the person a subject of @gender at token @i, which names no
 * one itself (an inverted "il", a left-out subject), stands for; @verb is the cue. */
static void
attribute_to_person_at (Context *c, Quote *q, guint i, int gender, guint verb)
{
  const Name *n = person_referent (c, i, gender);
  q->speaker = n ? g_strdup (n->canonical) : NULL;
  q->speaker_start = c->tokens[i].start;
  q->speaker_end = c->tokens[i].end;
  set_cue (c, q, verb);
}

gboolean
attribution_after (Context *c, Quote *q, guint limit)
{
  guint i = q->close_tok + 1;
  if (i >= c->n || c->tokens[i].paragraph != q->paragraph)
    return FALSE;
  /* a quotation ending its sentence with a period is not attributed by what follows ("…
   * cold." According to the diplomat, ...); after "?" or "!" only lower case goes on ("…?"
   * he asked) */
  gsize last = q->end;
  while (last > q->start && (c->text[last - 1] == '"' || c->text[last - 1] == '\''))
    last--;
  char final = last > q->start ? c->text[last - 1] : 0;
  if (final == '.')
    return FALSE;
  if ((final == '?' || final == '!') && c->tokens[i].kind == NF_TOKEN_WORD
      && (c->tokens[i].flags & NF_TOKEN_CAPITALIZED))
    {
      /* a new sentence, unless a name and a cue follow at once: `"…?" Reeve asked.` */
      guint end_tok;
      const Name *n = name_at (c, i);
      if (n && n->person && n->start == c->tokens[i].start && speaker_at (c, i, limit, q, &end_tok)
          && end_tok + 1 < limit && tok_in (c, end_tok + 1, c->self->verbs))
        {
          set_cue (c, q, end_tok + 1);
          return TRUE;
        }
      g_free (q->speaker);
      q->speaker = NULL;
      return FALSE;
    }
  while (i < limit && (tok_char (c, i) == ',' || tok_char (c, i) == 0x2014 || tok_char (c, i) == 0x2013))
    i++;
  if (i >= limit)
    return FALSE;
  guint end_tok;
  /* "a déclaré Me Camille Darrieux": the French perfect's auxiliary before the cue */
  if ((tok_is (c, i, "a") || tok_is (c, i, "avait") || tok_is (c, i, "ont")) && i + 1 < limit
      && tok_in (c, i + 1, c->self->verbs))
    i++;
  if (tok_in (c, i, c->self->verbs) && speaker_at (c, i + 1, limit, q, &end_tok))
    {
      set_cue (c, q, i);
      return TRUE;
    }
  guint verb;
  int gender = inverted_subject (c, i, limit, &verb);
  /* "«…», dijo.": a verb with no subject after it, in a language that leaves the subject
   * out: the person the sentences before were about (not a stray period before the
   * speaker: "said. Col. David C. Lyons") */
  if (gender < 0 && tok_in (c, i, c->self->verbs) && (i + 1 >= limit || tok_char (c, i + 1) == '.')
      && !(i + 2 < c->n && (tok_in (c, i + 2, c->self->titles) || (name_at (c, i + 2) && name_at (c, i + 2)->person))))
    {
      gender = GENDER_UNKNOWN;
      verb = i;
    }
  if (gender >= 0)
    {
      attribute_to_person_at (c, q, i, gender, verb);
      return TRUE;
    }
  if (tok_is (c, i, "according") && i + 1 < limit && tok_is (c, i + 1, "to")
      && speaker_at (c, i + 2, limit, q, &end_tok))
    {
      g_free (q->cue);
      q->cue = g_strdup ("according to");
      q->attributed = TRUE;
      return TRUE;
    }
  if (speaker_at (c, i, limit, q, &end_tok))
    {
      /* X said; X, a spokeswoman for Y, said */
      guint v = end_tok + 1;
      if (v < limit && tok_char (c, v) == ',')
        {
          guint j = v + 1;
          while (j < limit && j < v + 12 && tok_char (c, j) != ',')
            j++;
          if (j < limit && tok_char (c, j) == ',')
            v = j + 1;
        }
      /* "Rep. Thomas Petri (R., Wis.) said": a party and state in brackets */
      else if (v < limit && tok_char (c, v) == '(')
        {
          guint j = v + 1;
          while (j < limit && j < v + 12 && tok_char (c, j) != ')')
            j++;
          if (j < limit && tok_char (c, j) == ')')
            v = j + 1;
        }
      /* "Smith also said", "he later added" */
      if (v + 1 < limit && is_cue_adverb (c, v) && tok_in (c, v + 1, c->self->verbs))
        v++;
      if (v < limit && tok_in (c, v, c->self->verbs))
        {
          set_cue (c, q, v);
          return TRUE;
        }
      g_free (q->speaker);
      q->speaker = NULL;
    }
  /* a longer subject: `"…," PAGASA weather specialist Rommel Dizon said`, `"…," the bank's
   * director of consumer protection, Ngozi Adeyemi-Bakare, said`: the verb within a few
   * words, the speaker the last person named before it */
  guint v = i;
  while (v < limit && v < i + 30 && !tok_in (c, v, c->self->verbs)
         && !is_quote_char (tok_char (c, v)) && c->tokens[v].sentence == c->tokens[i].sentence)
    v++;
  if (v >= limit || v >= i + 30 || !tok_in (c, v, c->self->verbs))
    return FALSE;
  if (v > i && attribution_closing (c, q, v, limit))
    return TRUE;
  /* far from the quotation, the verb must close an apposition: "X, commander of Y, said" */
  if (v > i + 8 && tok_char (c, v - 1) != ',')
    return FALSE;
  const Name *speaker = NULL;
  for (guint k = names_all_sorted (c) ? names_first_from (c, c->tokens[i].start) : 0; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->start >= c->tokens[v].start)
        break;
      if (n->start >= c->tokens[i].start && (n->person || !speaker))
        speaker = n;
    }
  if (!speaker)
    return FALSE;
  q->speaker_start = speaker->start;
  q->speaker_end = speaker->end;
  q->speaker = g_strdup (speaker->canonical);
  set_cue (c, q, v);
  return TRUE;
}

/* A speech verb, or `went on` / `goes on` (`Alley went on, "…"`), which says nothing of
 * speech alone. */
static gboolean
is_cue_before (const Context *c, guint k)
{
  return tok_in (c, k, c->self->verbs)
         || ((tok_is (c, k, "went") || tok_is (c, k, "goes")) && k + 1 < c->n && tok_is (c, k + 1, "on"));
}

/* `X said, "…"`, `X told reporters: "…"`, `X said "…"`, `said X, a spokeswoman: "…"`. */
gboolean
attribution_before (Context *c, Quote *q, guint sentence_first)
{
  if (q->open_tok == 0 || q->open_tok <= sentence_first)
    return FALSE;
  guint j = q->open_tok - 1;
  gboolean marked = tok_char (c, j) == ',' || tok_char (c, j) == ':';
  if (marked)
    {
      if (j == 0)
        return FALSE;
      j--;
    }
  else if (tok_is (c, j, "that"))
    j = j > 0 ? j - 1 : j;
  else
    {
      /* a fragment: `called it 'a turning point'`, `praised its "tight storytelling"`:
       * up to three lower-case words between the verb and the mark */
      guint k = j;
      while (k > sentence_first && k + 3 > j && tok_is_word (c, k) && !tok_in (c, k, c->self->verbs)
             && !(c->tokens[k].flags & NF_TOKEN_CAPITALIZED))
        k--;
      if (tok_in (c, k, c->self->verbs))
        j = k;
    }
  /* the verb, possibly followed by its object or a short phrase before ':' or ','
   * ("told reporters", "said in a statement") */
  guint verb = G_MAXUINT;
  for (guint k = j + 1; k-- > sentence_first && k + (marked ? 6 : 1) > j;)
    {
      if (marked ? is_cue_before (c, k) : tok_in (c, k, c->self->verbs))
        {
          verb = k;
          break;
        }
      if (!tok_is_word (c, k) && tok_char (c, k) != '.')
        break;
    }
  if (verb == G_MAXUINT)
    return FALSE;
  q->fragment = !marked;
  if (!attribute_to_subject (c, q, sentence_first, verb))
    return FALSE;
  /* a fragment whose verb has no one named for subject ("the study added to "…""): an
   * earlier verb of the sentence may (attribution_reported) */
  return marked || q->speaker;
}

/* Words after a name that stand for the person's own words: "Park's statement added". */
gboolean
is_statement_word (const Context *c, guint i)
{
  return tok_is (c, i, "statement") || tok_is (c, i, "letter") || tok_is (c, i, "message")
         || tok_is (c, i, "post") || tok_is (c, i, "note") || tok_is (c, i, "remarks");
}

/* The speaker @n, written at token @tok: its name there, or a pronoun standing for it. */
static void
set_speaker (Context *c, Quote *q, const Name *n, guint tok)
{
  g_free (q->speaker);
  q->speaker = n ? g_strdup (n->canonical) : NULL;
  gboolean named = n && n->start <= c->tokens[tok].start && c->tokens[tok].start < n->end;
  q->speaker_start = named ? n->start : c->tokens[tok].start;
  q->speaker_end = named ? n->end : c->tokens[tok].end;
}

/* Whether a person, a pronoun or an organisation is written before @verb in its clause
 * (from @first), not as an object: then the verb is not inverted ("said X"). */
static gboolean
subject_before (const Context *c, guint first, guint verb)
{
  for (guint s = verb; s-- > first && s + 12 > verb;)
    {
      if (tok_char (c, s) == ',' || is_quote_char (tok_char (c, s)))
        return FALSE;
      const Name *n = name_at (c, s);
      if ((n || is_pronoun (c, s)) && !(s > 0 && is_object_marker (c, s - 1)))
        return TRUE;
    }
  return FALSE;
}

/* `"…," said X`: the verb right after a quotation's closing mark (and its comma). */
static gboolean
inverted_after_quote (const Context *c, guint verb)
{
  guint k = verb;
  while (k > 0 && (tok_char (c, k - 1) == ',' || tok_char (c, k - 1) == 0x2014))
    k--;
  return k > 0 && is_quote_char (tok_char (c, k - 1));
}

/* A cue verb whose object is the one spoken to: in `a reporter asked Montoya-Lewis, "…"`
 * the name after it is not the speaker; only `"…," asked Montoya-Lewis` inverts it. */
static gboolean
is_addressee_verb (const Context *c, guint verb)
{
  static const char *const verbs[] = { "asked", "asks", "asking", "urged", "urges", "warned", "warns",
                                       "reminded", "assured", "thanked", "pressed", "begged", "implored",
                                       "questioned", "challenged", NULL };
  for (const char *const *v = verbs; *v; v++)
    if (tok_is (c, verb, *v))
      return TRUE;
  return FALSE;
}

/* The speaker of a cue @verb before the quotation: `said X`, `X said`, `X, the club's coach,
 * said`, `she said ..., adding`, `Park's statement added`, `the ministry said`. */
gboolean
attribute_to_subject (Context *c, Quote *q, guint sentence_first, guint verb)
{
  guint last;
  /* said X, ...: (but "told the Keldby Chronicle" names who was told, and in "Judge Hellman
   * said Whitlock had shown ..." the verb has its subject already) */
  if (!tok_is (c, verb, "told") && !tok_is (c, verb, "telling") && !tok_is (c, verb, "tells")
      && (verb == sentence_first || inverted_after_quote (c, verb)
          || (!subject_before (c, sentence_first, verb) && !is_addressee_verb (c, verb)))
      && !(verb > sentence_first && tok_char (c, verb - 1) == ',' && !inverted_after_quote (c, verb))
      && speaker_at (c, verb + 1, q->open_tok, q, &last)
      /* the speaker ends the clause; "described the walkout as" is an object ... but a
       * sentence opening with the verb says what of: `Said Mayberry of his pie in the face:
       * "…"` */
      && ((q->speaker && last + 1 >= q->open_tok) || tok_char (c, last + 1) == ',' || tok_char (c, last + 1) == ':'
          || (verb == sentence_first && (tok_is (c, last + 1, "of") || tok_is (c, last + 1, "about"))
              && q->open_tok > last + 2 && (tok_char (c, q->open_tok - 1) == ':' || tok_char (c, q->open_tok - 1) == ','))))
    {
      set_cue (c, q, verb);
      return TRUE;
    }
  g_free (q->speaker);
  q->speaker = NULL;
  /* the subject may come before an earlier quotation of the same sentence: `She described it
   * as "regrettable," stating, "…"` */
  while (sentence_first > 0 && c->tokens[sentence_first - 1].sentence == c->tokens[verb].sentence)
    sentence_first--;
  /* X said: the subject right before the verb, or the first person of the sentence */
  for (guint s = verb; s-- > sentence_first && s + 5 > verb;)
    {
      const Name *n = name_at (c, s);
      if (speaker_at (c, s, verb, q, &last) && (!n || n->person)
          && (last + 1 == verb || (last + 2 == verb && is_statement_word (c, last + 1)))
          /* "A nurse accused of stealing from a hospice told": not "a hospice" */
          && (q->speaker || s == sentence_first || !is_object_marker (c, s - 1)))
        {
          set_cue (c, q, verb);
          return TRUE;
        }
      g_free (q->speaker);
      q->speaker = NULL;
    }
  /* the subject with an apposition ("Gen. Joseph Votel, commander of U.S. Central Command
   * said", "Marta Ruiz, the club's coach, said") or a clause before it ("In a statement, she
   * said"): the first person of the sentence, else the organisation right before the verb */
  for (guint s = main_clause_first (c, sentence_first, verb); s < verb; s++)
    {
      if ((s > sentence_first && is_object_marker (c, s - 1)) || inside_quote (c, c->tokens[s].start))
        continue;
      const Name *n = name_at (c, s);
      if (n && n->person)
        {
          set_speaker (c, q, n, s);
          set_cue (c, q, verb);
          return TRUE;
        }
      if (is_pronoun (c, s))
        {
          set_speaker (c, q, pronoun_referent (c, s), s);
          set_cue (c, q, verb);
          return TRUE;
        }
    }
  /* "The Israeli military body that coordinates aid, known as COGAT, said", "The Dutch road
   * authority, Rijkswaterstaat, said": a name in apposition right before the verb is the
   * subject's own name */
  const Name *org = NULL;
  guint org_tok = verb - 1;
  if (verb >= sentence_first + 3 && tok_char (c, verb - 1) == ',' && (org = name_at (c, verb - 2)))
    {
      guint name_first = token_at (c, org->start);
      org_tok = verb - 2;
      if (org->end > c->tokens[verb - 2].end || name_first <= sentence_first
          || !(tok_is (c, name_first - 1, "as") || tok_char (c, name_first - 1) == ','))
        org = NULL;
    }
  /* "Copa, which represents farm unions, said": an organisation opening the sentence */
  if (!org && verb > sentence_first)
    {
      org = name_at (c, verb - 1);
      org_tok = verb - 1;
    }
  if (!org && name_at (c, sentence_first) && name_at (c, sentence_first)->start == c->tokens[sentence_first].start)
    {
      org = name_at (c, sentence_first);
      org_tok = sentence_first;
    }
  if (org)
    {
      set_speaker (c, q, org, org_tok);
      set_cue (c, q, verb);
      return TRUE;
    }
  /* "the authority said", "In a statement, the union said it would": the nearest subject
   * phrase before the verb */
  for (guint s = verb; s-- > sentence_first && s + 12 > verb;)
    if ((tok_is (c, s, "the") || tok_is (c, s, "its")) && speaker_at (c, s, verb, q, &last) && q->speaker)
      {
        set_cue (c, q, verb);
        return TRUE;
      }
    else
      {
        g_free (q->speaker);
        q->speaker = NULL;
      }
  /* "A former nurse accused of stealing painkillers told a jury": the description opening
   * the sentence */
  if ((tok_is (c, sentence_first, "a") || tok_is (c, sentence_first, "an") || tok_is (c, sentence_first, "the"))
      && speaker_at (c, sentence_first, verb, q, &last) && q->speaker)
    {
      set_cue (c, q, verb);
      return TRUE;
    }
  g_free (q->speaker);
  q->speaker = NULL;
  /* a verb without a speaker we can name ("officials said: ...") still marks speech */
  set_cue (c, q, verb);
  q->speaker_start = q->speaker_end = 0;
  return TRUE;
}

/* A fragment of someone's words inside reported speech: `the authority said it would "review
 * the situation weekly"`, `she described the accusation as "a stunt"`: a cue earlier in the
 * sentence, its subject the speaker. */
gboolean
attribution_reported (Context *c, Quote *q, guint sentence_first)
{
  if (q->open_tok <= sentence_first || q->open_tok >= c->n)
    return FALSE;
  guint unnamed = G_MAXUINT; /* the nearest verb whose subject is no one named */
  for (guint k = q->open_tok; k-- > sentence_first;)
    {
      if (is_quote_char (tok_char (c, k)) && marks_quote (c, c->tokens[k].start))
        return FALSE; /* an earlier quotation's mark, not the apostrophe of "residents'" */
      /* "According to the agency, readings were "within normal ranges"" */
      guint end_tok;
      if (tok_is (c, k, "according") && k + 1 < q->open_tok && tok_is (c, k + 1, "to")
          && speaker_at (c, k + 2, q->open_tok, q, &end_tok))
        {
          q->fragment = TRUE;
          g_free (q->cue);
          q->cue = g_strdup ("according to");
          q->attributed = TRUE;
          return TRUE;
        }
      /* the nearest verb whose subject is someone named: in "The Royal College said the study
       * added to "a growing body of evidence"" the study is no one, the college speaks; with
       * no one named, the nearest verb's subject ("the report") */
      if (tok_in (c, k, c->self->verbs))
        {
          q->fragment = TRUE;
          if (attribute_to_subject (c, q, sentence_first, k))
            {
              if (q->speaker)
                return TRUE;
              if (unnamed == G_MAXUINT)
                unnamed = k;
            }
        }
    }
  return unnamed != G_MAXUINT && attribute_to_subject (c, q, sentence_first, unnamed);
}

/* French news puts the attribution inside the guillemets, between commas: "« Mon client a
 * toujours coopéré, a-t-il affirmé devant la presse. Il n'a jamais … »". */
static gboolean
attribution_incise (Context *c, Quote *q)
{
  for (guint i = q->open_tok + 2; i < q->close_tok && i < c->n; i++)
    {
      guint verb;
      int gender;
      if (tok_char (c, i - 1) != ',' || (gender = inverted_subject (c, i, q->close_tok, &verb)) < 0)
        continue;
      attribute_to_person_at (c, q, i, gender, verb);
      return TRUE;
    }
  return FALSE;
}

/* A paragraph that introduces a quotation with a colon: "A Foreign Office spokesman said:",
 * "Gen. Joseph Votel released the following statement today:". */
gboolean
attribution_intro (Context *c, Quote *q, const NfSentence *sentences)
{
  if (!q->opens_paragraph || q->open_tok == 0 || tok_char (c, q->open_tok - 1) != ':')
    return FALSE;
  const NfSentence *s = &sentences[c->tokens[q->open_tok - 1].sentence];
  guint first = s->first_token, colon = q->open_tok - 1, verb = G_MAXUINT;
  gboolean statement = FALSE;
  for (guint k = first; k < colon; k++)
    {
      if (verb == G_MAXUINT && tok_in (c, k, c->self->verbs))
        verb = k;
      statement |= tok_is (c, k, "statement") || tok_is (c, k, "following");
    }
  if (verb == G_MAXUINT && !statement)
    return FALSE;
  guint last;
  const Name *speaker = NULL;
  for (guint k = first; k < colon && !speaker; k++)
    {
      const Name *n = name_at (c, k);
      if (n && n->person)
        speaker = n;
    }
  if (speaker)
    {
      q->speaker_start = speaker->start;
      q->speaker_end = speaker->end;
      q->speaker = g_strdup (speaker->canonical);
    }
  else if (!speaker_at (c, first, colon, q, &last))
    {
      const Name *n = name_at (c, first);
      if (n)
        {
          q->speaker_start = n->start;
          q->speaker_end = n->end;
          q->speaker = g_strdup (n->canonical);
        }
    }
  if (verb != G_MAXUINT)
    set_cue (c, q, verb);
  else
    {
      q->cue = g_strdup ("statement");
      q->attributed = TRUE;
    }
  return TRUE;
}

/* Attribution of each piece, from the words after it, then before it. */
void
attribute_quotes (Context *c, const NfSentence *sentences)
{
  for (guint k = 0; k < c->quotes->len; k++)
    {
      Quote *q = &g_array_index (c->quotes, Quote, k);
      guint sentence_end_tok = c->n;
      /* a piece running to its paragraph's end has nothing after it */
      if (q->close_tok < c->n && !q->continues)
        {
          /* the attribution after a quote ends with the sentence, or at the next quotation */
          const NfSentence *s = &sentences[c->tokens[q->close_tok].sentence];
          guint after_close = q->close_tok + 1 < c->n ? c->tokens[q->close_tok + 1].sentence : s - sentences;
          const NfSentence *t = &sentences[after_close];
          sentence_end_tok = t->first_token + t->n_tokens;
          if (k + 1 < c->quotes->len && g_array_index (c->quotes, Quote, k + 1).open_tok < sentence_end_tok)
            sentence_end_tok = g_array_index (c->quotes, Quote, k + 1).open_tok;
        }
      if (q->close_tok < c->n && !q->continues && attribution_after (c, q, sentence_end_tok))
        continue;
      guint first = q->open_tok < c->n ? sentences[c->tokens[q->open_tok].sentence].first_token : 0;
      /* the sentence may have started inside an earlier quotation: start after it */
      if (k > 0)
        {
          const Quote *p = &g_array_index (c->quotes, Quote, k - 1);
          if (p->close_tok < q->open_tok && p->close_tok + 1 > first)
            first = p->close_tok + 1;
        }
      if (!attribution_before (c, q, first) && !attribution_intro (c, q, sentences)
          && !attribution_reported (c, q, first))
        attribution_incise (c, q);
    }
}
