/* references.c: the people (and organisations) the text refers to without their name,
 * written as "reference" annotations (NF_ANNOTATION_REFERENCE) with the referent's canonical
 * name, so that what is said of someone is known beyond the sentence that names them.  The attribution of quotes
 * already works out who each of these is; this writes it down:
 *   - "he", "she", "him", "his", "her" outside quotations: the person pronouns.c resolves
 *     them to (kind "pronoun");
 *   - "I", "me", "my", "myself" inside a quotation whose speaker is a person, or in
 *     the paragraphs of a statement a person introduces without quotation marks ("Tobias
 *     Ellwood said:" and the statement below it, as press releases write it; kind
 *     "pronoun"); "we", "us", "our" there for the organisation that speaks, or that the
 *     speaker's title or apposition names (label ORGANIZATION);
 *   - a description by what the article said the person is: "the secretary" after "Foreign
 *     Secretary Philip Hammond", "the minister", and a title set off by commas beside the
 *     name ("Minister for the Middle East, Tobias Ellwood, said"; kind "description").
 * The entities extractor writes names, and a title alone that it resolves to its bearer ("the
 * Foreign Secretary" there is an entity); these are the other mentions of its people. */
#include <string.h>

#include "quotes.h"

/* A reference found, written once all are found: in text order, each span once (two
 * rules may find one description; "Her coach, Ernesto Lugo," has two, "Her" and "Her
 * coach"). */
typedef struct {
  gsize       start, end;
  const Name *name;
  const char *kind;
} Reference;

/* What the steps share: the references found, and indexes made when first needed, so
 * that no step looks through every name for each quotation (a 6 MB article has 10,000). */
typedef struct {
  GArray     *found;         /* Reference */
  GHashTable *by_canonical;  /* names_by_canonical's, and its chains in next (next_named) */
  guint      *next;
  GHashTable *organisations; /* a person's canonical name -> organisation_beside's answer
                              * (the person's own Name when there is none) */
} Out;

static void
add_reference (Out *out, gsize start, gsize end, const Name *n, const char *kind)
{
  Reference r = { start, end, n, kind };
  g_array_append_val (out->found, r);
}

static gint
compare_references (gconstpointer a, gconstpointer b)
{
  const Reference *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

static void
write_found (Out *out, NfArticle *article)
{
  g_array_sort (out->found, compare_references);
  for (guint k = 0; k < out->found->len; k++)
    {
      const Reference *r = &g_array_index (out->found, Reference, k);
      const Reference *before = k > 0 ? &g_array_index (out->found, Reference, k - 1) : NULL;
      if (before && before->start == r->start && before->end == r->end)
        continue;
      NfAnnotation *a = nf_article_add_annotation (article, NF_ANNOTATION_REFERENCE, r->start, r->end);
      nf_annotation_set_attr_string (a, NF_ATTR_LABEL, r->name->person ? NF_LABEL_PERSON : NF_LABEL_ORGANIZATION);
      nf_annotation_set_attr_string (a, NF_ATTR_CANONICAL, r->name->canonical);
      nf_annotation_set_attr_string (a, NF_ATTR_KIND, r->kind);
    }
}

/* Above this many names, the names of one canonical name are found through
 * names_by_canonical's chains, made once; below, a walk costs less than making them. */
enum { NAMES_CHAINED = 64 };

/* The index of the next name after @k (G_MAXUINT: from the start) whose canonical name is
 * @canonical, or G_MAXUINT. */
static guint
next_named (const Context *c, Out *out, const char *canonical, guint k)
{
  if (!canonical)
    return G_MAXUINT;
  if (c->names->len > NAMES_CHAINED)
    {
      if (k != G_MAXUINT)
        return out->next[k];
      if (!out->by_canonical)
        out->by_canonical = names_by_canonical (c, out->next = g_new (guint, c->names->len));
      gpointer first;
      return g_hash_table_lookup_extended (out->by_canonical, canonical, NULL, &first) ? GPOINTER_TO_UINT (first)
                                                                                      : G_MAXUINT;
    }
  for (guint j = k == G_MAXUINT ? 0 : k + 1; j < c->names->len; j++)
    if (strcmp (g_array_index (c->names, Name, j).canonical, canonical) == 0)
      return j;
  return G_MAXUINT;
}

static gboolean
is_first_person (const Context *c, guint i)
{
  /* asked of every token of quotations and statements: the first byte turns most away */
  char first = (char) (c->text[c->tokens[i].start] | 0x20);
  if ((first != 'i' && first != 'm') || c->tokens[i].end - c->tokens[i].start > 6)
    return FALSE;
  /* (not "mine": "the coal mine") */
  static const char *const words[] = { "i", "me", "my", "myself", NULL };
  static guint8 bits[65536 / 8];
  static gsize ready;
  return c->tokens[i].kind == NF_TOKEN_WORD && tok_is_one_of (c, i, words, bits, &ready);
}

/* The gender of a third-person pronoun other than "he" and "she" (which build_mentions has
 * resolved already), or GENDER_UNKNOWN. */
static int
object_pronoun_gender (const Context *c, guint i)
{
  if (c->tokens[i].kind != NF_TOKEN_WORD || (c->text[c->tokens[i].start] | 0x20) != 'h')
    return GENDER_UNKNOWN;
  if (tok_is (c, i, "him") || tok_is (c, i, "his") || tok_is (c, i, "himself"))
    return GENDER_MALE;
  if (tok_is (c, i, "her") || tok_is (c, i, "hers") || tok_is (c, i, "herself"))
    return GENDER_FEMALE;
  return GENDER_UNKNOWN;
}

/* "him" is not the subject of its own clause: a person named just before its verb
 * ("Halloran trapped him", "Kerry urged him") is passed over for the person named before in
 * the sentence ("Kerry spoke with Lavrov and urged him": Lavrov).  NULL when the sentence
 * names no other man before it. */
static const Name *
object_referent (const Context *c, guint i)
{
  for (guint k = mentions_from (c, i); k-- > 0;)
    {
      const Mention *x = &g_array_index (c->mentions, Mention, k);
      if (x->tok >= i)
        continue;
      if (x->sentence != c->tokens[i].sentence)
        break;
      const Name *n = x->name >= 0 ? &g_array_index (c->names, Name, x->name) : NULL;
      if (!n || !n->person || n->gender == GENDER_FEMALE)
        continue;
      if (token_at (c, n->end) + 1 >= i)
        continue; /* "<name> <verb> him" */
      return n;
    }
  return NULL;
}

static gboolean
is_third_person (const Context *c, guint i)
{
  return is_pronoun (c, i) || object_pronoun_gender (c, i) != GENDER_UNKNOWN;
}

/* Whether the pronoun at token @i is one of a pair that means anyone ("he or she", "his or
 * her", "him or her"): nobody in particular. */
static gboolean
generic_pair (const Context *c, guint i)
{
  return (i + 2 < c->n && tok_is (c, i + 1, "or") && is_third_person (c, i + 2))
         || (i >= 2 && tok_is (c, i - 1, "or") && is_third_person (c, i - 2));
}

/* "he" and "she" as build_mentions resolved them, outside quotations (inside one, "he" is
 * the speaker's word for someone else); object_pronoun_at resolves the other third-person
 * pronouns the same way. */
static void
subject_pronouns (const Context *c, Out *out)
{
  for (guint k = 0; k < c->mentions->len; k++)
    {
      const Mention *x = &g_array_index (c->mentions, Mention, k);
      const NfToken *t = &c->tokens[x->tok];
      if (x->name < 0 || name_at (c, x->tok) || t->end - t->start > 3 || generic_pair (c, x->tok))
        continue; /* a name, or a spokesperson standing for an organisation */
      const Name *n = &g_array_index (c->names, Name, x->name);
      if (n->person)
        add_reference (out, t->start, t->end, n, "pronoun");
    }
}

/* "him", "his", "her" ... at token @i (outside quotations), resolved. */
static void
object_pronoun_at (const Context *c, Out *out, guint i)
{
  int gender = object_pronoun_gender (c, i);
  if (gender == GENDER_UNKNOWN || inside_quote (c, c->tokens[i].start) || generic_pair (c, i))
    return;
  const Name *n = tok_is (c, i, "him") ? object_referent (c, i) : NULL;
  if (!n)
    n = person_referent (c, i, gender);
  if (n && n->person)
    add_reference (out, c->tokens[i].start, c->tokens[i].end, n, "pronoun");
}

static gboolean
is_first_person_plural (const Context *c, guint i)
{
  char first = (char) (c->text[c->tokens[i].start] | 0x20);
  if ((first != 'w' && first != 'u' && first != 'o') || c->tokens[i].end - c->tokens[i].start > 9)
    return FALSE;
  return tok_is (c, i, "we") || tok_is (c, i, "us") || tok_is (c, i, "our") || tok_is (c, i, "ours")
         || tok_is (c, i, "ourselves");
}

/* Whether token @i may be a word of a title or role phrase: a title or role word, or a
 * capitalised word ("Foreign", "Office", "Middle East"). */
static gboolean
title_phrase_word (const Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  return t->kind == NF_TOKEN_WORD
         && ((t->flags & NF_TOKEN_CAPITALIZED) || tok_in (c, i, c->self->titles) || tok_in (c, i, c->self->roles));
}

/* Whether token @i can head a phrase that names a person: a role word, or a title word
 * that WordNet first reads as a person ("secretary", "envoy"; not the "Festival" of
 * "Festival director" or the "Security" of "Security Council"). */
static gboolean
is_person_head (const Context *c, guint i)
{
  if (tok_in (c, i, c->self->roles))
    return TRUE;
  if (!tok_in (c, i, c->self->titles))
    return FALSE;
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, c->text + c->tokens[i].start, c->tokens[i].end - c->tokens[i].start);
  return nlp_sorted_words_has (c->self->person_nouns, c->scratch->str);
}

static gboolean
is_remit_word (const Context *c, guint i)
{
  return tok_is (c, i, "for") || tok_is (c, i, "of");
}

/* Whether @n is a person named outside quotations; then its first token, the token after
 * it and its sentence. */
static gboolean
person_outside_quotes (const Context *c, const Name *n, guint *first, guint *end, guint *sentence)
{
  if (!n->person || inside_quote (c, n->start))
    return FALSE;
  *first = token_at (c, n->start);
  *end = token_at (c, n->end);
  if (*first >= c->n)
    return FALSE;
  *sentence = c->tokens[*first].sentence;
  return TRUE;
}

/* Whether token @i names someone who comments on others, not speaks for their employer: the
 * "we" of "chief economist at Banco Horizonte" is the market, not the bank. */
static gboolean
is_commentator (const Context *c, guint i)
{
  static const char *const words[] = { "economist", "economists", "analyst", "analysts", "strategist",
                                       "strategists", "trader", "traders", "investor", "investors", NULL };
  static guint8 bits[65536 / 8];
  static gsize ready;
  return c->tokens[i].kind == NF_TOKEN_WORD && tok_is_one_of (c, i, words, bits, &ready);
}

/* Whether token @i may stand in a title or apposition between a person's name and the
 * organisation it names: a title phrase's word, a remit's "of", "for", "at", an article, a
 * possessive.  A word in lower case that is none of these ("against", "artillery") ends it. */
static gboolean
in_role_phrase (const Context *c, guint i)
{
  if (c->tokens[i].kind != NF_TOKEN_WORD)
    {
      gunichar ch = tok_char (c, i);
      return ch == '\'' || ch == 0x2019; /* the possessive's apostrophe */
    }
  return title_phrase_word (c, i) || is_commentator (c, i) || is_remit_word (c, i) || tok_is (c, i, "at")
         || tok_is (c, i, "the") || tok_is (c, i, "a") || tok_is (c, i, "an") || tok_is (c, i, "s");
}

/* The organisation the article names in a person's title or apposition, outside quotations:
 * "CJTF-OIR spokesperson John Dorrian", "Gen. Joseph Votel, commander of U.S. Central
 * Command,", "a senior health adviser at UNICEF"; the nearest to the name.  NULL when there
 * is none, or the person is a commentator (is_commentator). */
static const Name *
organisation_near_mentions (const Context *c, Out *out, const Name *n)
{
  for (guint k = next_named (c, out, n->canonical, G_MAXUINT); k != G_MAXUINT; k = next_named (c, out, n->canonical, k))
    {
      guint first, end, sentence;
      if (!person_outside_quotes (c, &g_array_index (c->names, Name, k), &first, &end, &sentence))
        continue;
      for (guint j = first, count = 0; j-- > 0 && count < 6 && c->tokens[j].sentence == sentence; count++)
        {
          const Name *o = name_at (c, j);
          if (is_commentator (c, j))
            return NULL;
          if (o && !o->person)
            return o;
          if (o || !in_role_phrase (c, j))
            break;
        }
      if (end >= c->n || tok_char (c, end) != ',')
        continue;
      for (guint j = end + 1, count = 0; j < c->n && count < 10 && c->tokens[j].sentence == sentence; j++, count++)
        {
          const Name *o = name_at (c, j);
          if (is_commentator (c, j))
            return NULL;
          if (o && !o->person)
            return o;
          if (o || !in_role_phrase (c, j))
            break;
        }
    }
  return NULL;
}

static const Name *
organisation_beside (const Context *c, Out *out, const Name *n)
{
  if (!out->organisations)
    out->organisations = g_hash_table_new (g_str_hash, g_str_equal);
  const Name *found = g_hash_table_lookup (out->organisations, n->canonical);
  if (!found)
    {
      found = organisation_near_mentions (c, out, n);
      g_hash_table_insert (out->organisations, n->canonical, (gpointer) (found ? found : n));
    }
  return found == n ? NULL : found;
}

/* The words of @speaker in the tokens [@first, @end): "I", "me", "my" are the speaker; "we",
 * "us", "our" the organisation the speaker is, or speaks for (organisation_beside; none is
 * guessed: the "we" of a fisherman is his family's). */
static void
first_person_between (const Context *c, Out *out, guint first, guint end, const Name *speaker)
{
  const Name *organisation = speaker->person ? NULL : speaker;
  gboolean looked = !speaker->person;
  for (guint i = first; i < end && i < c->n; i++)
    if (speaker->person && is_first_person (c, i))
      add_reference (out, c->tokens[i].start, c->tokens[i].end, speaker, "pronoun");
    else if (is_first_person_plural (c, i))
      {
        if (!looked)
          {
            organisation = organisation_beside (c, out, speaker);
            looked = TRUE;
          }
        if (organisation)
          add_reference (out, c->tokens[i].start, c->tokens[i].end, organisation, "pronoun");
      }
}

/* The person named @canonical, or else the organisation, or NULL. */
static const Name *
speaker_named (const Context *c, Out *out, const char *canonical)
{
  const Name *organisation = NULL;
  for (guint k = next_named (c, out, canonical, G_MAXUINT); k != G_MAXUINT; k = next_named (c, out, canonical, k))
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->person)
        return n;
      organisation = organisation ? organisation : n;
    }
  return organisation;
}

static void
quoted_first_person (const Context *c, Out *out)
{
  for (guint k = 0; k < c->quotes->len; k++)
    {
      const Quote *q = &g_array_index (c->quotes, Quote, k);
      const Name *speaker = q->attributed ? speaker_named (c, out, q->speaker) : NULL;
      if (speaker)
        first_person_between (c, out, q->open_tok, q->close_tok, speaker);
    }
}

/* The tokens of paragraph @p from token @i: [*first, *end). */
static void
paragraph_tokens (const Context *c, guint i, guint *first, guint *end)
{
  guint p = c->tokens[i].paragraph;
  *first = i;
  while (*first > 0 && c->tokens[*first - 1].paragraph == p)
    (*first)--;
  *end = i;
  while (*end < c->n && c->tokens[*end].paragraph == p)
    (*end)++;
}

static inline gboolean
is_colon (const Context *c, guint i)
{
  return c->tokens[i].kind != NF_TOKEN_WORD && c->text[c->tokens[i].start] == ':';
}

static gboolean
paragraph_has_quote (const Context *c, guint first, guint end)
{
  for (guint i = first; i < end; i++)
    if (is_quote_char (tok_char (c, i)))
      return TRUE;
  return FALSE;
}

/* A paragraph ending "<person> said:" (a speech verb and a person before the colon at
 * token @i, no quotation after it) introduces a statement: the paragraphs below it, up to
 * one with quotation marks or another colon at its end (at most six), are the person's
 * words. */
static void
statement_at (const Context *c, Out *out, guint i)
{
  if (i + 1 < c->n && c->tokens[i + 1].paragraph == c->tokens[i].paragraph)
    return; /* the colon does not end its paragraph */
  guint first = i;
  while (first > 0 && c->tokens[first - 1].sentence == c->tokens[i].sentence)
    first--;
  const Name *speaker = NULL;
  gboolean verb = FALSE;
  for (guint k = first; k < i; k++)
    {
      const Name *n = name_at (c, k);
      if (n && n->person && !speaker && !verb)
        speaker = n;
      verb |= tok_in (c, k, c->self->verbs);
    }
  if (!speaker || !verb)
    return;
  for (guint next = i + 1, count = 0; next < c->n && count < 6; count++)
    {
      guint pfirst, pend;
      paragraph_tokens (c, next, &pfirst, &pend);
      if (paragraph_has_quote (c, pfirst, pend))
        break;
      first_person_between (c, out, pfirst, pend, speaker);
      if (is_colon (c, pend - 1))
        break;
      next = pend;
    }
}

/* The end (exclusive) of a title phrase at @i: words title_phrase_word takes, and a remit
 * after "for" or "of" ("Minister for the Middle East", "Secretary of State"), within the
 * sentence; *@has_title says whether the word before the remit (or the last) is a title or
 * role word, the phrase's head ("Minister", not "Iraqi Security Forces").  @i when there is
 * none. */
static guint
title_phrase_end (const Context *c, guint i, gboolean *has_title)
{
  guint sentence = c->tokens[i].sentence, k = i;
  gboolean in_remit = FALSE;
  *has_title = FALSE;
  while (k < c->n && c->tokens[k].sentence == sentence && k - i < 10)
    {
      gboolean word = title_phrase_word (c, k);
      const Name *named = word ? name_at (c, k) : NULL;
      if (word && !(named && named->person))
        {
          if (!in_remit)
            *has_title = is_person_head (c, k);
          k++;
          continue;
        }
      /* "for (the) Middle East", "of State": a remit of capitalised words */
      guint r = k;
      if (k > i && !in_remit && is_remit_word (c, r))
        {
          r++;
          if (r < c->n && tok_is (c, r, "the"))
            r++;
          if (r < c->n && c->tokens[r].sentence == sentence && c->tokens[r].kind == NF_TOKEN_WORD
              && (c->tokens[r].flags & NF_TOKEN_CAPITALIZED))
            {
              k = r;
              in_remit = TRUE;
              continue;
            }
        }
      break;
    }
  return k;
}

/* Whether the person named @n has been called by every word of the tokens [@first, @end)
 * before its remit ("Foreign Secretary", not "of State"; collect_roles' words for them). */
static gboolean
roles_cover (Context *c, const Name *n, guint first, guint end)
{
  GString *roles = g_hash_table_lookup (c->roles, n->canonical);
  if (!roles)
    return FALSE;
  gboolean any = FALSE;
  for (guint i = first; i < end; i++)
    {
      if (is_remit_word (c, i))
        break;
      if (c->tokens[i].kind != NF_TOKEN_WORD || tok_is (c, i, "the"))
        continue;
      g_string_assign (c->scratch, " ");
      gsize word_end = nlp_strip_possessive (c->text, c->tokens[i].start, c->tokens[i].end);
      nlp_fold_append (c->scratch, c->text + c->tokens[i].start, word_end - c->tokens[i].start);
      g_string_append_c (c->scratch, ' ');
      if (!strstr (roles->str, c->scratch->str))
        return FALSE;
      any = TRUE;
    }
  return any;
}

/* The person last named (outside quotations, within a dozen sentences) before @pos whom
 * the article called by every title word of the tokens [@first, @end). */
static const Name *
person_described (Context *c, gsize pos, guint first, guint end)
{
  guint here = c->tokens[MIN (token_at (c, pos), c->n - 1)].sentence;
  for (guint k = names_before (c, pos); k-- > 0;)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->start >= pos || !n->person || inside_quote (c, n->start))
        continue;
      if (c->tokens[token_at (c, n->start)].sentence + 12 < here)
        break;
      if (roles_cover (c, n, first, end))
        return n;
    }
  return NULL;
}

/* "the secretary", "the Special Envoy" at token @i: "the", a title phrase with a person's
 * title word for head, and no name after it (that is a titled name: "the Foreign Secretary
 * Philip Hammond"). */
static void
definite_description_at (Context *c, Out *out, guint i)
{
  if (i + 1 >= c->n || !title_phrase_word (c, i + 1))
    return; /* "the" and a word in lower case that is no title: nearly every "the" */
  gboolean has_title;
  guint end = title_phrase_end (c, i + 1, &has_title);
  const Name *after = end < c->n ? name_at (c, end) : NULL;
  if (end == i + 1 || !has_title || (after && after->person))
    return;
  const Name *n = person_described (c, c->tokens[i].start, i + 1, end);
  if (n)
    add_reference (out, c->tokens[i].start, nlp_strip_possessive (c->text, c->tokens[end - 1].start, c->tokens[end - 1].end),
                   n, "description");
}

/* A title set off by commas beside a person's name: "Minister for the Middle East, Tobias
 * Ellwood, said" and "Tobias Ellwood, Foreign Office Minister, said". */
static void
appositive_titles (Context *c, Out *out)
{
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      guint first, last, sentence;
      if (!person_outside_quotes (c, n, &first, &last, &sentence))
        continue;
      gboolean has_title;
      /* before: the sentence opens with the title phrase, a comma, then the name */
      if (first >= 2 && tok_char (c, first - 1) == ',')
        {
          guint start = first - 1;
          while (start > 0 && c->tokens[start - 1].sentence == sentence && c->tokens[start - 1].kind == NF_TOKEN_WORD)
            start--;
          if (start > 0 && c->tokens[start - 1].sentence == sentence)
            start = first - 1; /* not at the sentence's start: "In Baghdad, ..." and the like */
          if (start < first - 1 && title_phrase_end (c, start, &has_title) == first - 1 && has_title)
            add_reference (out, c->tokens[start].start, c->tokens[first - 2].end, n, "description");
        }
      /* after: the name, a comma, (a/the) the title phrase, then a comma or the verb */
      if (last < c->n && c->tokens[last].sentence == sentence && tok_char (c, last) == ',')
        {
          guint start = last + 1;
          if (start < c->n && (tok_is (c, start, "the") || tok_is (c, start, "a") || tok_is (c, start, "an")))
            start++;
          if (start >= c->n || !(c->tokens[start].flags & NF_TOKEN_CAPITALIZED))
            continue;
          guint end = title_phrase_end (c, start, &has_title);
          /* (not a list: "Prime Minister Al-Abadi, the Iraqi Security Forces, and ...") */
          gboolean list = end + 1 < c->n && tok_char (c, end) == ',' && (tok_is (c, end + 1, "and") || tok_is (c, end + 1, "or"));
          if (end > start && has_title && !list && end < c->n
              && (tok_char (c, end) == ',' || tok_in (c, end, c->self->verbs)))
            add_reference (out, c->tokens[start].start, c->tokens[end - 1].end, n, "description");
        }
    }
}

/* Whether token @i is "the" in any case (asked of every token: bytes, no call). */
static inline gboolean
is_the (const Context *c, guint i)
{
  const char *p = c->text + c->tokens[i].start;
  return c->tokens[i].end - c->tokens[i].start == 3 && (p[0] | 0x20) == 't' && (p[1] | 0x20) == 'h'
         && (p[2] | 0x20) == 'e';
}

void
write_references (Context *c, NfArticle *article)
{
  Out out = { .found = g_array_new (FALSE, FALSE, sizeof (Reference)) };
  subject_pronouns (c, &out);
  quoted_first_person (c, &out);
  appositive_titles (c, &out);
  /* one pass over the tokens for what starts at a token: its first byte decides */
  for (guint i = 0; i < c->n; i++)
    switch (c->text[c->tokens[i].start] | 0x20)
      {
      case 'h':
        object_pronoun_at (c, &out, i);
        break;
      case 't':
        if (is_the (c, i))
          definite_description_at (c, &out, i);
        break;
      case ':': /* (the bit is set in ':' already) */
        if (is_colon (c, i))
          statement_at (c, &out, i);
        break;
      default:
        break;
      }
  write_found (&out, article);
  g_array_free (out.found, TRUE);
  g_clear_pointer (&out.by_canonical, g_hash_table_unref);
  g_clear_pointer (&out.organisations, g_hash_table_unref);
  g_free (out.next);
}
