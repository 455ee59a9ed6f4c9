/* speaker.c: the speaker phrase starting at a token: a name after its titles, a pronoun,
 * "it" or "they" for an organisation, "the spokeswoman", "a spokesman for the ministry". */
#include <string.h>

#include "quotes.h"

/* "(Reuters)", "(AP)": the outlet of a dateline or a credit, never the one speaking. */
gboolean
is_dateline_outlet (const Context *c, const Name *n)
{
  guint i = token_at (c, n->start);
  return i > 0 && tok_char (c, i - 1) == '(';
}

/* Whether token @i makes the name after it the one spoken to: "told the Westbury Times",
 * "said in an interview with CNN", "speaking to Reuters".  "students at Coventry University"
 * or "a spokesman for Acme" name an organisation that may speak next. */
static gboolean
is_addressee_marker (const Context *c, guint i)
{
  return tok_is (c, i, "told") || tok_is (c, i, "tells") || tok_is (c, i, "telling") || tok_is (c, i, "to")
         || tok_is (c, i, "with");
}

/* The organisation (or, with @person, anyone) named last before @pos outside quotations,
 * not as the one spoken to ("told the Westbury Times"). */
static const Name *
organisation_before (const Context *c, gsize pos, gboolean person)
{
  for (guint e = names_before (c, pos); e-- > 0;)
    {
      const Name *org = &g_array_index (c->names, Name, e);
      if (org->start >= pos || (org->person && !person) || inside_quote (c, org->start) || is_dateline_outlet (c, org))
        continue;
      guint before = token_at (c, org->start);
      if (before > 0 && tok_is (c, before - 1, "the"))
        before--;
      /* a person is only the one who acts: not "whose son Daniel", "than Garriga" */
      if (before == 0 || !(org->person ? is_object_marker (c, before - 1) : is_addressee_marker (c, before - 1)))
        return org;
    }
  return NULL;
}

/* Whether a role word ("lawyer", "spokesman") comes within three lower-case words after
 * @w, with only lower-case words or in-word hyphens between ("product liability lawyer",
 * "Maryland-based real-estate agent") */
/* Public bodies that news leaves unnamed: "the port authority said", "the foreign ministry
 * said"; the description is all the reader gets, so it is the speaker. */
static const char *const unnamed_bodies[] = { "ministry", "authority", "department", "council", "government",
                                               "army", "military", "court", "embassy", "office",
                                               "administration", "police", "prosecutors", "jury", "panel",
                                               "board", "tribunal", NULL };

/* Whether token @i is a lower-case word that may describe a body: "foreign", "port"
 * (no article, possessive, verb or number). */
static gboolean
is_body_modifier (const Context *c, guint i)
{
  static const char *const not_modifiers[] = { "the", "a", "an", "its", "their", "our", "his", "her", "this",
                                               "that", "said", "and", "or", NULL };
  const NfToken *t = &c->tokens[i];
  if (!tok_is_word (c, i) || (t->flags & NF_TOKEN_CAPITALIZED) || tok_in (c, i, c->self->verbs))
    return FALSE;
  for (const char *const *w = not_modifiers; *w; w++)
    if (tok_is (c, i, *w))
      return FALSE;
  return TRUE;
}

/* The unnamed body "the [@first..]@head_tok" stands for, as the text describes it: its own
 * words when it has a modifier ("the port authority" -> "port authority"), else the nearest
 * earlier description with the same head ("the ministry" after "Vestria's defence ministry
 * said" -> "defence ministry"); NULL when there is none. */
static char *
unnamed_body (const Context *c, guint first, guint head_tok, const char *head)
{
  gboolean body = FALSE;
  for (const char *const *w = unnamed_bodies; *w && !body; w++)
    body = strcmp (head, *w) == 0;
  if (!body)
    return NULL;
  if (head_tok > first)
    {
      for (guint w = first; w < head_tok; w++)
        if (!is_body_modifier (c, w))
          return NULL;
      return g_strndup (c->text + c->tokens[first].start, c->tokens[head_tok].end - c->tokens[first].start);
    }
  for (guint k = first; k-- > 1;)
    {
      if (!tok_is (c, k, head) || !is_body_modifier (c, k - 1))
        continue;
      guint start = k - 1;
      while (start > 0 && start + 2 > k && is_body_modifier (c, start - 1))
        start--;
      return g_strndup (c->text + c->tokens[start].start, c->tokens[k].end - c->tokens[start].start);
    }
  return NULL;
}

/* Whether token @i is an article (only a definite one when @definite): English, and the
 * Spanish, French and German ones, so that "dijo la consejera de Salud, Inmaculada Torralba"
 * and "sagte die Ministerin" are read as "said the health minister, ..." is. */
static gboolean
is_article (const Context *c, guint i, gboolean definite)
{
  static const char *const definites[] = { "the", "el", "la", "los", "las", "le", "les", "der", "die", "das",
                                           "dem", "den", NULL };
  static const char *const indefinites[] = { "a", "an", "un", "una", "une", "ein", "eine", NULL };
  const NfToken *t = &c->tokens[i];
  if (t->kind != NF_TOKEN_WORD || t->end - t->start > 4)
    return FALSE;
  for (const char *const *w = definites; *w; w++)
    if (tok_is (c, i, *w))
      return TRUE;
  for (const char *const *w = indefinites; *w && !definite; w++)
    if (tok_is (c, i, *w))
      return TRUE;
  return FALSE;
}

static gboolean
role_follows (Context *c, guint w, guint limit)
{
  for (guint j = w + 1; j < limit && j <= w + 3; j++)
    {
      if (tok_in (c, j, c->self->roles) || tok_in (c, j, c->self->titles))
        return TRUE;
      gboolean lower_word = tok_is_word (c, j) && !(c->tokens[j].flags & NF_TOKEN_CAPITALIZED);
      gboolean joiner = tok_char (c, j) == '-' && c->tokens[j - 1].end == c->tokens[j].start;
      if (!lower_word && !joiner)
        return FALSE;
    }
  return FALSE;
}

/* A speaker starting at token @i and ending before @limit: a name (after title words), a
 * pronoun, or "the spokeswoman" / "a spokesman for the ministry".  Returns its last token. */
gboolean
speaker_at (Context *c, guint i, guint limit, Quote *q, guint *last)
{
  if (i >= limit || i >= c->n)
    return FALSE;
  if (is_pronoun (c, i))
    {
      const Name *n = pronoun_referent (c, i);
      q->speaker_start = c->tokens[i].start;
      q->speaker_end = c->tokens[i].end;
      q->speaker = n ? g_strdup (n->canonical) : NULL;
      *last = i;
      return TRUE;
    }
  /* "it said": an organisation speaks; "they wrote" after "Economists at Commerzbank said" */
  if ((tok_is (c, i, "it") || tok_is (c, i, "they")) && i + 1 < c->n
      && (tok_in (c, i + 1, c->self->verbs) || (i + 2 < c->n && is_cue_adverb (c, i + 1) && tok_in (c, i + 2, c->self->verbs))))
    {
      const Name *n = organisation_before (c, c->tokens[i].start, FALSE);
      /* "Economists at Commerzbank said ... they wrote": the staff of an organisation */
      for (guint e = names_before (c, c->tokens[i].start); tok_is (c, i, "they") && e-- > 0;)
        {
          const Name *org = &g_array_index (c->names, Name, e);
          if (org->start >= c->tokens[i].start || org->person || inside_quote (c, org->start) || is_dateline_outlet (c, org))
            continue;
          guint before = token_at (c, org->start);
          if (before > 0 && (tok_is (c, before - 1, "at") || tok_is (c, before - 1, "of")))
            n = org;
          break;
        }
      q->speaker_start = c->tokens[i].start;
      q->speaker_end = c->tokens[i].end;
      q->speaker = n ? g_strdup (n->canonical) : NULL;
      *last = i;
      return TRUE;
    }
  /* title words and their periods before the name; but a title word that names a person
   * itself ("said King, who resigned": Wayne King, named earlier) is the name */
  guint k = i;
  const Name *here = name_at (c, i);
  if (!(here && here->person && here->start == c->tokens[i].start))
    while (k < limit && (tok_in (c, k, c->self->titles) || (tok_char (c, k) == '.' && k > i)))
      k++;
  const Name *n = k < limit ? name_at (c, k) : NULL;
  /* "said Italian Economy Minister Lorenzo Bellandi", "said Cabinet Secretary for Special
   * Programmes Grace Mwangi", "said Villa head coach Unai Emery": a person further on in
   * the same run of capitalised words and role words (the organisation before is theirs) */
  for (guint w = k, lower = 0; (!n || !n->person) && w < limit && w < k + 10; w++)
    {
      const NfToken *t = &c->tokens[w];
      gboolean capital = t->kind == NF_TOKEN_WORD && (t->flags & NF_TOKEN_CAPITALIZED);
      gboolean role = !capital && (tok_in (c, w, c->self->roles) || tok_in (c, w, c->self->titles)
                                   || tok_is (c, w, "head") || tok_is (c, w, "chief") || tok_is (c, w, "deputy"));
      /* "said union president Deborah Ekwueme", "noted product liability lawyer Jim Dunham":
       * lower-case words that qualify the role word after them belong to the role */
      if (!capital && !role && t->kind == NF_TOKEN_WORD && role_follows (c, w, limit))
        role = TRUE;
      /* "Maryland-based", "Los Angeles-based": a hyphen inside one word */
      gboolean joiner = tok_char (c, w) == '-' && w > k && w + 1 < limit && c->tokens[w - 1].end == t->start
                        && c->tokens[w + 1].start == t->end;
      if (!capital && !role && !joiner && !tok_is (c, w, "for") && !tok_is (c, w, "of") && !tok_is (c, w, "the")
          && tok_char (c, w) != '.')
        break;
      if (role && ++lower > 3)
        break;
      const Name *m = name_at (c, w);
      if (m && m->person)
        n = m;
    }
  /* "said Villa head coach Unai Emery": a name, role words, then a person: the person (the
   * tagger may take the club for one too) */
  if (n && n->person)
    {
      guint w = token_at (c, n->end), roles = 0;
      while (w < limit && w < c->n && roles < 3 && !name_at (c, w)
             && (tok_in (c, w, c->self->roles) || tok_in (c, w, c->self->titles) || tok_is (c, w, "head")
                 || tok_is (c, w, "chief") || tok_is (c, w, "deputy")))
        w++, roles++;
      const Name *m = roles && w < limit ? name_at (c, w) : NULL;
      if (m && m->person && m->start == c->tokens[w].start)
        n = m;
    }
  /* "said its secretary, Mared Owen", "the club's coach, Marta Ruiz, said": a description
   * and the name in apposition to it */
  if (!n && (tok_is (c, i, "its") || tok_is (c, i, "his") || tok_is (c, i, "her") || tok_is (c, i, "their")
             || is_article (c, i, FALSE)))
    for (guint w = i + 1; w < limit && w < i + 7 && tok_is_word (c, w) && !tok_in (c, w, c->self->verbs); w++)
      if (w + 2 < c->n && tok_char (c, w + 1) == ',' && name_at (c, w + 2) && name_at (c, w + 2)->person
          && name_at (c, w + 2)->start == c->tokens[w + 2].start && !tok_in (c, w, c->self->org_nouns))
        {
          n = name_at (c, w + 2);
          break;
        }
  if (n)
    {
      q->speaker_start = n->start;
      q->speaker_end = n->end;
      q->speaker = g_strdup (n->canonical);
      *last = token_at (c, n->end) - 1;
      if (*last < k)
        *last = k;
      return TRUE;
    }
  /* "the spokeswoman", "a ministry spokesman", "a spokesman for the ministry": words after
   * an article, up to a preposition */
  if (is_article (c, i, FALSE))
    {
      static const char *const stops[] = { "for", "of", "at", "with", "in", "on", "from", "who", "which",
                                           "de", "del", "du", "des", "von", "vom", "bei", "en", NULL };
      guint j = i + 1;
      gboolean stop = FALSE;
      /* "the 34-year-old" (and "the 34-year-old welder") */
      gsize age_end;
      guint age = age_at (c, j, &age_end);
      guint age_tok = 0;
      if (age)
        {
          while (j < limit && c->tokens[j].start < age_end)
            j++;
          age_tok = j - 1;
        }
      while (j < limit && j < i + 5 && tok_is_word (c, j) && !tok_in (c, j, c->self->verbs) && !is_cue_adverb (c, j) && !stop)
        {
          for (const char *const *w = stops; *w && !stop; w++)
            stop = tok_is (c, j, *w);
          if (!stop)
            j++;
        }
      if (j == i + 1)
        return FALSE;
      guint head_tok = j - 1;
      q->speaker_start = c->tokens[i].start;
      q->speaker_end = c->tokens[head_tok].end;
      g_autofree char *head = NULL;
      if (age && head_tok == age_tok)
        head = g_strdup_printf ("%u-year-old", age);
      else
        {
          g_string_truncate (c->scratch, 0);
          nlp_fold_append (c->scratch, c->text + c->tokens[head_tok].start, c->tokens[head_tok].end - c->tokens[head_tok].start);
          head = g_strdup (c->scratch->str);
        }
      gboolean definite = is_article (c, i, TRUE);
      /* "a Foreign Office spokesman" and "a spokesman for the Foreign Office" speak for it */
      const Name *inner = NULL;
      for (guint w = i + 1; w < j && !inner; w++)
        inner = name_at (c, w);
      if (!inner && j < limit && (tok_is (c, j, "for") || tok_is (c, j, "of") || tok_is (c, j, "at")))
        {
          guint w = j + 1;
          if (w < limit && tok_is (c, w, "the"))
            w++;
          if (w < limit && (inner = name_at (c, w)))
            {
              q->speaker_end = inner->end;
              head_tok = token_at (c, inner->end) - 1;
            }
          /* "a spokesperson for the board said": the organisation named before whose name
           * has that word ("the Northern Lighthouse Board") */
          else if (w < limit && tok_is (c, w - 1, "the") && tok_is_word (c, w)
                   && !(c->tokens[w].flags & NF_TOKEN_CAPITALIZED) && c->tokens[w].end - c->tokens[w].start >= 4)
            {
              g_string_truncate (c->scratch, 0);
              nlp_fold_append (c->scratch, c->text + c->tokens[w].start, c->tokens[w].end - c->tokens[w].start);
              g_autofree char *word = g_strdup (c->scratch->str);
              if ((inner = organisation_containing (c, c->tokens[i].start, word)))
                {
                  q->speaker_end = c->tokens[w].end;
                  head_tok = w;
                }
            }
        }
      /* "the minister", "the judge", "the 34-year-old": the person last described so */
      const Name *titled = NULL;
      if (definite && !inner)
        titled = person_with_role (c, c->tokens[i].start, head);
      if (!titled && !inner && tok_in (c, j - 1, c->self->titles))
        titled = person_before (c, c->tokens[i].start, head);
      /* "the ministry": the organisation named before whose name has that word; "a council
       * spokesperson": the one whose name has the word before the head */
      const Name *named = NULL;
      gboolean spokes = g_str_has_prefix (head, "spokes");
      for (guint w = head_tok + 1; !titled && !inner && !named && w-- > i + 1 && (w == head_tok || spokes);)
        {
          g_string_truncate (c->scratch, 0);
          nlp_fold_append (c->scratch, c->text + c->tokens[w].start, c->tokens[w].end - c->tokens[w].start);
          g_autofree char *word = g_strdup (c->scratch->str);
          if (strlen (word) < 4)
            continue;
          named = organisation_containing (c, c->tokens[i].start, word);
        }
      /* "the organisation", "the airline": the organisation named last; "the statement":
       * whoever was named last, person or organisation */
      gboolean statement = is_statement_word (c, head_tok);
      /* "a spokesperson said" for no one named: for the organisation last named */
      if (!titled && !inner && !named
          && (statement || spokes || nlp_word_set_has (c->self->org_nouns, c->scratch, head, strlen (head))))
        named = organisation_before (c, c->tokens[i].start, statement);
      /* "the Swede", "the striker": no one described so by name: the person the text is
       * about */
      if (!titled && !inner && !named && !statement && !spokes
          && !nlp_word_set_has (c->self->org_nouns, c->scratch, head, strlen (head))
          && describes_person (c, head_tok, head))
        {
          /* the lead's "A former nurse told a jury ...", "The health secretary has promised
           * ...": news names that person in the paragraph after */
          if (c->tokens[i].paragraph == 0)
            titled = person_named_next (c, i);
          else if (definite)
            titled = salient_person (c, i);
          /* ... or who spoke just before */
          if (!titled && definite)
            titled = previous_speaker (c, q, i);
        }
      const Name *speaker = titled ? titled : inner ? inner : named;
      q->speaker = speaker ? g_strdup (speaker->canonical) : definite ? unnamed_body (c, i + 1, head_tok, head) : NULL;
      *last = head_tok;
      return TRUE;
    }
  return FALSE;
}
