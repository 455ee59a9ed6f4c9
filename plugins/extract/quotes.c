/* extract "quotes": direct quotations with their speaker, as "quote" annotations (the span
 * is the quoted text without its marks) and a "quotes" field.
 *
 *   1. Quotation marks are paired per paragraph: straight and curly double quotes, German
 *      „…“, French and Spanish «…», and single quotes ‘…’ / '…' (apostrophes are told apart
 *      by the letters around them).  A paragraph that ends inside a quotation continues it
 *      when the next paragraph reopens one, or closes one without reopening it (news style
 *      for quotes over several paragraphs, and its common slip); in single marks (British
 *      style) too, where a closing mark must follow a sentence's punctuation to be told
 *      from an apostrophe.
 *   2. Names: entity annotations when the chain ran the entities extractor, else capitalised
 *      names found here; people a tagger missed are added when they start with a known given
 *      name.  Canonical names lose titles and role words ("Parent Rachel Okonkwo"), surnames
 *      and once-misspelt surnames become the full name, outlets are not people.  "he" and
 *      "she" are resolved in text order to the nearest compatible person (gender from given
 *      names, honorifics and earlier pronouns; the subject of each sentence first).
 *      Capitalised words right next to a speech verb are a speaker whatever the tagger made
 *      of them ("Quinn said" -> the earlier "Deborah Quinn").  What the article says each
 *      person is (title, words before the name, appositions, "61," ages) lets "the manager"
 *      and "the 34-year-old" find their person; "the Swede" with no such person is the one
 *      the text is about (the last sentence subject).
 *   3. The attribution is looked for after the closing mark (`"…," X said`, `"…," said X`,
 *      `"…," according to X`), before the opening mark (`X said, "…"`, `X, the coach, said:
 *      "…"`, `…, stating, "…"`), earlier in the sentence for fragments of reported speech
 *      (`called the plan "reckless"`), with the speech verbs of speech-verbs.txt.  The pieces
 *      of one quotation share their speaker, a quotation right after an attributed one goes
 *      on in the same voice, and one standing alone after a sentence takes its subject.
 *   4. A quotation with no attribution is kept only when it is long enough to be speech
 *      (min-words); titles of works, names and scare quotes ("Salt and Cinder", also called
 *      "Q-West", "tight") are not quotes.  Single-quoted text needs an attribution. */
#include <string.h>

#include <newsflow/newsflow.h>

#include "nlp/lexicon.h"

/* g_variant_builder_add (b, "{sv}", ...) parses its format string on every call; this is
 * the same without the parsing, which shows in profiles at thousands of articles/s. */
static void
add_entry (GVariantBuilder *builder, const char *key, GVariant *value)
{
  g_variant_builder_add_value (builder, g_variant_new_dict_entry (g_variant_new_string (key),
                                                                  g_variant_new_variant (value)));
}

static const NfOption quotes_options[] = {
  NF_OPTION_STR ("speech-verbs", "speech-verbs.txt",
                 "The list of speech verbs (one inflected form a line) that attribute a "
                 "quotation; a data file name or a path."),
  NF_OPTION_INT ("min-words", 8,
                 "Words a quotation with no attribution needs to be reported (shorter ones are "
                 "taken for titles, terms or scare quotes)."),
  NF_OPTION_STR ("female-names", "quotes/female-names.txt",
                 "Given names taken as a woman's when \"she\" is resolved to a person (a data "
                 "file name or a path)."),
  NF_OPTION_STR ("male-names", "quotes/male-names.txt",
                 "Given names taken as a man's when \"he\" is resolved to a person (a data "
                 "file name or a path)."),
  NF_OPTION_BOOL ("single-quotes", cfg_true,
                  "Whether text in single quotation marks counts, when it is attributed."),
  NF_OPTION_END
};

typedef struct {
  GHashTable *verbs;
  GHashTable *titles;
  GHashTable *not_names;
  GHashTable *roles;        /* "squad member", "evacuee": before a name, not part of it */
  GHashTable *not_persons;  /* last words of outlets and organisations ("Courier") */
  GHashTable *org_suffixes;
  GHashTable *org_nouns;    /* "the company", "the organisation" */
  GHashTable *female, *male;
  long        min_words;
  gboolean    single_quotes;
} Quotes;

static void
quotes_free (gpointer data)
{
  Quotes *self = data;
  if (!self)
    return;
  g_clear_pointer (&self->verbs, g_hash_table_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->not_names, g_hash_table_unref);
  g_clear_pointer (&self->roles, g_hash_table_unref);
  g_clear_pointer (&self->not_persons, g_hash_table_unref);
  g_clear_pointer (&self->org_suffixes, g_hash_table_unref);
  g_clear_pointer (&self->org_nouns, g_hash_table_unref);
  g_clear_pointer (&self->female, g_hash_table_unref);
  g_clear_pointer (&self->male, g_hash_table_unref);
  g_free (self);
}

static gboolean
quotes_load (Quotes *self, G_GNUC_UNUSED NfStage *stage, cfg_t *cfg, GError **error)
{
  self->min_words = cfg_getint (cfg, "min-words");
  self->single_quotes = cfg_getbool (cfg, "single-quotes");
  if (!(self->verbs = nlp_word_set_load (cfg_getstr (cfg, "speech-verbs"), error))
      || !(self->titles = nlp_word_set_load ("gazetteers/titles.txt", error))
      || !(self->not_names = nlp_word_set_load ("gazetteers/not-names.txt", error))
      || !(self->roles = nlp_word_set_load ("quotes/roles.txt", error))
      || !(self->not_persons = nlp_word_set_load ("quotes/not-persons.txt", error))
      || !(self->org_suffixes = nlp_word_set_load ("gazetteers/org-suffixes.txt", error))
      || !(self->org_nouns = nlp_word_set_load ("quotes/org-nouns.txt", error))
      || !(self->female = nlp_word_set_load (cfg_getstr (cfg, "female-names"), error))
      || !(self->male = nlp_word_set_load (cfg_getstr (cfg, "male-names"), error)))
    return FALSE;
  return TRUE;
}

static gboolean
quotes_init (NfStage *stage, GError **error)
{
  cfg_t *cfg = nf_stage_get_config (stage);
  /* the instance is the stage's only once init succeeds: the core frees it from then on */
  Quotes *self = g_new0 (Quotes, 1);
  if (!quotes_load (self, stage, cfg, error))
    {
      quotes_free (self);
      return FALSE;
    }
  nf_stage_set_instance (stage, self);
  return TRUE;
}


/* ---- per-article state ---------------------------------------------------------------- */

typedef struct {
  gsize  start, end;   /* the name */
  char  *canonical;
  char  *title;        /* folded, or NULL */
  gboolean person;
  int    gender;       /* GENDER_* */
} Name;

enum { GENDER_UNKNOWN, GENDER_FEMALE, GENDER_MALE };

/* A person named or referred to by "he"/"she" outside quotations, in text order: what a
 * pronoun is resolved against. */
typedef struct {
  guint    tok;
  guint    sentence;
  gint     name;       /* index into names of the referent, or -1 */
  int      gender;
  gboolean subject;    /* the first person of its sentence, not after a preposition */
} Mention;

typedef struct {
  gsize  open, close;        /* byte offsets of the marks */
  gsize  start, end;         /* the quoted text, trimmed */
  guint  open_tok, close_tok;
  guint  paragraph;
  guint  group;              /* pieces of one quotation share it */
  gboolean single;
  gboolean continues;        /* runs on into the next paragraph */
  gboolean fragment;         /* attributed as words inside a sentence (`called it "…"`) */
  gboolean opens_paragraph;  /* nothing before it in its paragraph */
  gboolean ends_paragraph;   /* nothing but punctuation after it in its paragraph */
  /* attribution */
  gboolean attributed;
  gsize  speaker_start, speaker_end;
  char  *speaker;            /* canonical, or NULL */
  char  *cue;
} Quote;

typedef struct {
  const Quotes  *self;
  const char    *text;
  gsize          length;
  const NfToken *tokens;
  guint          n;
  GString       *scratch;
  GArray        *names;    /* Name, sorted by start */
  GArray        *quotes;   /* Quote */
  GArray        *mentions; /* Mention, in text order */
  GArray        *others;   /* gsize pairs: spans of entities that are neither people nor organisations */
  GHashTable    *roles;    /* canonical name -> GString of " role words " (see collect_roles) */
  GHashTable    *lower;    /* folded words the article writes in lower case, built on demand */
} Context;

static void
clear_name (gpointer data)
{
  Name *n = data;
  g_free (n->canonical);
  g_free (n->title);
}

static void
clear_quote (gpointer data)
{
  Quote *q = data;
  g_free (q->speaker);
  g_free (q->cue);
}

static gboolean
tok_is (const Context *c, guint i, const char *word)
{
  gsize length = c->tokens[i].end - c->tokens[i].start;
  return strlen (word) == length && g_ascii_strncasecmp (c->text + c->tokens[i].start, word, length) == 0;
}

static gboolean
tok_in (const Context *c, guint i, GHashTable *set)
{
  if (c->tokens[i].kind != NF_TOKEN_WORD)
    return FALSE;
  return nlp_word_set_has (set, c->scratch, c->text + c->tokens[i].start, c->tokens[i].end - c->tokens[i].start);
}

static gunichar
tok_char (const Context *c, guint i)
{
  return c->tokens[i].kind == NF_TOKEN_WORD ? 0 : g_utf8_get_char (c->text + c->tokens[i].start);
}

static gboolean
is_quote_char (gunichar ch)
{
  return ch == '"' || ch == 0x201C || ch == 0x201D || ch == 0x201E || ch == 0xAB || ch == 0xBB
         || ch == 0x2018 || ch == 0x2019 || ch == '\'';
}

/* The token index at byte offset @pos (the first token starting at or after it). */
static guint
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

/* ---- 1. pairing the marks ----------------------------------------------------------------- */

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

/* Pairs the marks of each paragraph; a quotation left open at a paragraph's end continues
 * into the next paragraph (see paragraph_continues). */
static void
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
      for (gsize i = pstart; i < pend; i = g_utf8_next_char (c->text + i) - c->text)
        {
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

/* ---- 2. names, from the entities extractor or from capitalised words --------------------- */

static void
add_name (Context *c, gsize start, gsize end, const char *canonical, const char *title, gboolean person)
{
  Name n = { .start = start, .end = end, .canonical = g_strdup (canonical), .person = person };
  if (title)
    {
      g_string_truncate (c->scratch, 0);
      nlp_fold_append (c->scratch, title, strlen (title));
      n.title = g_strdup (c->scratch->str);
    }
  g_array_append_val (c->names, n);
}

static gboolean
names_from_entities (Context *c, NfArticle *article)
{
  gboolean any = FALSE;
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *a = nf_article_get_annotation (article, i);
      if (strcmp (nf_annotation_get_type (a), NF_ANNOTATION_ENTITY) != 0)
        continue;
      any = TRUE;
      const char *label = nf_annotation_get_attr_string (a, NF_ATTR_LABEL);
      if (!label || (strcmp (label, NF_LABEL_PERSON) != 0 && strcmp (label, NF_LABEL_ORGANIZATION) != 0))
        {
          gsize span[2] = { nf_annotation_get_start (a), nf_annotation_get_end (a) };
          g_array_append_vals (c->others, span, 2);
          continue;
        }
      const char *canonical = nf_annotation_get_attr_string (a, NF_ATTR_CANONICAL);
      g_autofree char *written = NULL;
      if (!canonical)
        canonical = written = g_strndup (c->text + nf_annotation_get_start (a),
                                         nf_annotation_get_end (a) - nf_annotation_get_start (a));
      add_name (c, nf_annotation_get_start (a), nf_annotation_get_end (a), canonical,
                nf_annotation_get_attr_string (a, NF_ATTR_TITLE), strcmp (label, NF_LABEL_PERSON) == 0);
    }
  return any;
}

static gboolean
is_name_token (const Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  return t->kind == NF_TOKEN_WORD && (t->flags & NF_TOKEN_CAPITALIZED) && !(t->flags & NF_TOKEN_ALL_CAPS)
         && !tok_in (c, i, c->self->not_names) && !tok_in (c, i, c->self->titles);
}

/* Without entity annotations: runs of capitalised words that are not titles or function
 * words are names; a run of one word takes the longest earlier-or-later run ending in it. */
static void
names_from_capitals (Context *c)
{
  g_autoptr (GHashTable) surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  for (guint i = 0; i < c->n; i++)
    {
      if (!is_name_token (c, i))
        continue;
      guint last = i;
      while (last + 1 < c->n && c->tokens[last + 1].sentence == c->tokens[i].sentence
             && is_name_token (c, last + 1))
        last++;
      if (last - i >= 4)
        {
          i = last;
          continue;
        }
      guint run[2] = { i, last };
      g_array_append_val (runs, run);
      if (last > i)
        {
          const NfToken *t = &c->tokens[last];
          gsize end = nlp_strip_possessive (c->text, t->start, t->end);
          g_string_truncate (c->scratch, 0);
          nlp_fold_append (c->scratch, c->text + t->start, end - t->start);
          if (!g_hash_table_contains (surnames, c->scratch->str))
            g_hash_table_insert (surnames, g_strdup (c->scratch->str),
                                 g_strndup (c->text + c->tokens[i].start, end - c->tokens[i].start));
        }
      i = last;
    }
  for (guint r = 0; r < runs->len; r++)
    {
      guint *run = &g_array_index (runs, guint, r * 2);
      const NfToken *first = &c->tokens[run[0]], *last = &c->tokens[run[1]];
      gsize end = nlp_strip_possessive (c->text, last->start, last->end);
      g_string_truncate (c->scratch, 0);
      nlp_fold_append (c->scratch, c->text + last->start, end - last->start);
      const char *full = g_hash_table_lookup (surnames, c->scratch->str);
      g_autofree char *written = g_strndup (c->text + first->start, end - first->start);
      /* a title right before the run: "Deputy Minister Iryna Savchuk" */
      g_autofree char *title = NULL;
      if (run[0] > 0 && tok_in (c, run[0] - 1, c->self->titles))
        title = g_strndup (c->text + c->tokens[run[0] - 1].start, c->tokens[run[0] - 1].end - c->tokens[run[0] - 1].start);
      /* news introduces a person with the full name (or a title) first: a single capitalised
       * word that is neither is a place, a firm or a sentence's first word ("Speaking") */
      gboolean person = run[0] != run[1] || full || title;
      add_name (c, first->start, end, full && run[0] == run[1] ? full : written, title, person);
    }
}

/* The name covering or starting at token @i, or NULL. */
static const Name *
name_at (const Context *c, guint i)
{
  gsize pos = c->tokens[i].start;
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->start <= pos && pos < n->end)
        return n;
      if (n->start > pos)
        break;
    }
  return NULL;
}

static gboolean
inside_quote (const Context *c, gsize pos)
{
  for (guint k = 0; k < c->quotes->len; k++)
    {
      const Quote *q = &g_array_index (c->quotes, Quote, k);
      if (q->open <= pos && pos < q->close)
        return TRUE;
    }
  return FALSE;
}

/* The last person named before @pos outside quotations (for "he", "she"), optionally one
 * whose title contains @title_word. */
static const Name *
person_before (const Context *c, gsize pos, const char *title_word)
{
  for (guint k = c->names->len; k-- > 0;)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->start >= pos || !n->person || inside_quote (c, n->start))
        continue;
      if (title_word && !(n->title && strstr (n->title, title_word)))
        continue;
      return n;
    }
  return NULL;
}

/* ---- 3. attribution ----------------------------------------------------------------------- */

static gboolean
tok_is_word (const Context *c, guint i)
{
  return i < c->n && c->tokens[i].kind == NF_TOKEN_WORD;
}

static gboolean
is_pronoun (const Context *c, guint i)
{
  return tok_is (c, i, "he") || tok_is (c, i, "she");
}

/* ---- names made canonical, and who "he" and "she" are ----------------------------------- */

static gboolean
word_in (GHashTable *set, GString *scratch, const char *word)
{
  return nlp_word_set_has (set, scratch, word, strlen (word));
}

static int
gender_of_word (const Context *c, const char *word)
{
  static const char *const female[] = { "mrs", "ms", "miss", "lady", "dame", "queen", "princess", "madam", NULL };
  static const char *const male[] = { "mr", "sir", "lord", "king", "prince", NULL };
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, word, strlen (word));
  if (c->scratch->len && c->scratch->str[c->scratch->len - 1] == '.')
    g_string_truncate (c->scratch, c->scratch->len - 1);
  if (g_strv_contains (female, c->scratch->str))
    return GENDER_FEMALE;
  if (g_strv_contains (male, c->scratch->str))
    return GENDER_MALE;
  gboolean f = g_hash_table_contains (c->self->female, c->scratch->str);
  gboolean m = g_hash_table_contains (c->self->male, c->scratch->str);
  return f == m ? GENDER_UNKNOWN : f ? GENDER_FEMALE : GENDER_MALE;
}

/* Levenshtein distance of two short words, at most @max + 1. */
static guint
edit_distance (const char *a, const char *b, guint max)
{
  gsize la = strlen (a), lb = strlen (b);
  if (la > 40 || lb > 40)
    return max + 1;
  if ((la > lb ? la - lb : lb - la) > max)
    return max + 1;
  guint row[41];
  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];
      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint best = diagonal + (g_ascii_tolower (a[i - 1]) != g_ascii_tolower (b[j - 1]));
          best = MIN (best, up + 1);
          best = MIN (best, row[j - 1] + 1);
          row[j] = best;
          diagonal = up;
        }
    }
  return row[lb];
}

/* The same surname, or one letter away from it in a name long enough that a typo is likelier
 * than another person ("Fairwether" for "Fairweather", "Lindquist" for "Lindqvist"). */
static gboolean
same_surname (const char *a, const char *b)
{
  if (g_ascii_strcasecmp (a, b) == 0)
    return TRUE;
  return strlen (a) >= 6 && strlen (b) >= 6 && g_ascii_tolower (a[0]) == g_ascii_tolower (b[0])
         && edit_distance (a, b, 1) <= 1;
}

/* Whether the article writes @word in lower case somewhere: then, capitalised before a
 * name, it is a title ("Chief Constable Andy Marsh" ... "the chief constable"). */
static gboolean
written_in_lower_case (const Context *c, const char *word)
{
  Context *mutable = (Context *) c;
  if (!c->lower)
    {
      mutable->lower = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < c->n; i++)
        {
          const NfToken *t = &c->tokens[i];
          if (t->kind != NF_TOKEN_WORD || (t->flags & NF_TOKEN_CAPITALIZED))
            continue;
          g_string_truncate (c->scratch, 0);
          nlp_fold_append (c->scratch, c->text + t->start, t->end - t->start);
          if (!g_hash_table_contains (c->lower, c->scratch->str))
            g_hash_table_add (c->lower, g_strdup (c->scratch->str));
        }
    }
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, word, strlen (word));
  return g_hash_table_contains (c->lower, c->scratch->str);
}

/* A name's canonical form without what only describes the person: titles and role words
 * before it ("Superintendent Howard Lindqvist", "Parent Rachel Okonkwo"), a word before a
 * known given name, a possessive at its end; its gender from a given name or an honorific;
 * outlets and organisations the tagger took for people ("Keldby Chronicle") are not people. */
static void
refine_name (const Context *c, Name *n)
{
  g_auto (GStrv) words = g_strsplit (n->canonical, " ", -1);
  guint count = g_strv_length (words), first = 0;
  int honorific = GENDER_UNKNOWN;
  while (first + 1 < count)
    {
      const char *w = words[first];
      gsize len = strlen (w);
      g_autofree char *bare = g_strndup (w, len && w[len - 1] == '.' ? len - 1 : len);
      gboolean title = word_in (c->self->titles, c->scratch, bare) || word_in (c->self->roles, c->scratch, bare)
                       || (count - first >= 3 && gender_of_word (c, bare) == GENDER_UNKNOWN
                           && written_in_lower_case (c, bare));
      /* "Parent Rachel Okonkwo": the word before a given name is not a given name itself */
      /* "Parent Rachel Okonkwo", "Dessen Sprecherin Annette Kühnel": words before a known
       * given name that are not given names themselves */
      gboolean before_given = FALSE;
      for (guint k = first + 1; !title && k + 1 < count && !before_given; k++)
        before_given = gender_of_word (c, words[k]) != GENDER_UNKNOWN;
      before_given = before_given && gender_of_word (c, w) == GENDER_UNKNOWN;
      if (!title && !before_given)
        break;
      if (honorific == GENDER_UNKNOWN)
        honorific = gender_of_word (c, bare);
      first++;
    }
  if (!n->person)
    first = 0;
  if (count && n->person)
    {
      const char *last = words[count - 1];
      if (word_in (c->self->not_persons, c->scratch, last) || word_in (c->self->org_suffixes, c->scratch, last))
        n->person = FALSE;
    }
  if (first > 0)
    {
      g_free (n->canonical);
      n->canonical = g_strjoinv (" ", words + first);
    }
  if (n->title && honorific == GENDER_UNKNOWN)
    honorific = gender_of_word (c, n->title);
  n->gender = honorific;
  if (n->gender == GENDER_UNKNOWN && count - first >= 2)
    n->gender = gender_of_word (c, words[first]);
}

static const char *
last_word (const char *name)
{
  const char *space = strrchr (name, ' ');
  return space ? space + 1 : name;
}

/* "Marta" for Marta Ruiz, "Xi" for Xi Jinping: the first word of exactly one full name, and
 * the last word of none. */
static gboolean
given_name_of (const Context *c, const char *word, const char *full)
{
  if (strchr (full, ' ') == NULL || strncmp (full, word, strlen (word)) != 0 || full[strlen (word)] != ' ')
    return FALSE;
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *o = &g_array_index (c->names, Name, k);
      if (!o->person || !strchr (o->canonical, ' ') || strcmp (o->canonical, full) == 0)
        continue;
      if (strcmp (last_word (o->canonical), word) == 0
          || (strncmp (o->canonical, word, strlen (word)) == 0 && o->canonical[strlen (word)] == ' '))
        return FALSE;
    }
  return TRUE;
}

/* "Bruno Le Maire" for "Le Maire", "Edgar van der Grift" for "Van der Grift": a surname of
 * several words is the end of the full name (the particle's case aside). */
static gboolean
ends_with_words (const char *full, const char *surname)
{
  gsize lf = strlen (full), ls = strlen (surname);
  return lf > ls + 1 && full[lf - ls - 1] == ' ' && g_ascii_strcasecmp (full + lf - ls, surname) == 0;
}

/* Every person named by a surname alone, or once misspelled, takes the full name used
 * elsewhere in the article; people with the same canonical name share a known gender. */
static void
refine_names (Context *c)
{
  for (guint k = 0; k < c->names->len; k++)
    refine_name (c, &g_array_index (c->names, Name, k));
  for (guint k = 0; k < c->names->len; k++)
    {
      Name *n = &g_array_index (c->names, Name, k);
      if (!n->person)
        continue;
      gboolean single = strchr (n->canonical, ' ') == NULL;
      const Name *full = NULL;
      for (guint j = 0; j < c->names->len && !full; j++)
        {
          const Name *o = &g_array_index (c->names, Name, j);
          if (j == k || !o->person || !strchr (o->canonical, ' ') || strcmp (o->canonical, n->canonical) == 0)
            continue;
          if (single ? (same_surname (n->canonical, last_word (o->canonical))
                        || given_name_of (c, n->canonical, o->canonical))
                     : ((j < k && strncmp (n->canonical, o->canonical, last_word (n->canonical) - n->canonical) == 0
                         && last_word (n->canonical) - n->canonical == last_word (o->canonical) - o->canonical
                         && same_surname (last_word (n->canonical), last_word (o->canonical)))
                        || ends_with_words (o->canonical, n->canonical)))
            full = o;
        }
      if (full)
        {
          g_free (n->canonical);
          n->canonical = g_strdup (full->canonical);
          if (n->gender == GENDER_UNKNOWN)
            n->gender = full->gender;
        }
    }
  for (guint k = 0; k < c->names->len; k++)
    {
      Name *n = &g_array_index (c->names, Name, k);
      for (guint j = 0; j < c->names->len && n->gender == GENDER_UNKNOWN; j++)
        {
          const Name *o = &g_array_index (c->names, Name, j);
          if (o->gender != GENDER_UNKNOWN && strcmp (o->canonical, n->canonical) == 0)
            n->gender = o->gender;
        }
    }
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  const Name *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

static gboolean
covered_by_name (const Context *c, gsize start, gsize end)
{
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->start < end && start < n->end)
        return TRUE;
    }
  return FALSE;
}

/* People the entity tagger missed: a known given name and the capitalised words after it
 * ("Kendra Bishop", though "Bishop" is a title), then those surnames alone.  Only names
 * that are surely people are added, so nothing here can take a pronoun from a real one. */
static void
names_supplement (Context *c)
{
  guint added = 0, before = c->names->len;
  for (guint i = 0; i + 1 < c->n; i++)
    {
      const NfToken *t = &c->tokens[i];
      if (t->kind != NF_TOKEN_WORD || !(t->flags & NF_TOKEN_CAPITALIZED) || (t->flags & NF_TOKEN_ALL_CAPS))
        continue;
      g_autofree char *word = g_strndup (c->text + t->start, t->end - t->start);
      if (gender_of_word (c, word) == GENDER_UNKNOWN)
        continue;
      guint last = i;
      while (last + 1 < c->n && last < i + 3 && c->tokens[last + 1].sentence == t->sentence
             && c->tokens[last + 1].kind == NF_TOKEN_WORD && (c->tokens[last + 1].flags & NF_TOKEN_CAPITALIZED)
             && !tok_in (c, last + 1, c->self->not_names))
        last++;
      if (last == i)
        continue;
      gsize end = nlp_strip_possessive (c->text, c->tokens[last].start, c->tokens[last].end);
      if (covered_by_name (c, t->start, end))
        continue;
      g_autofree char *name = g_strndup (c->text + t->start, end - t->start);
      add_name (c, t->start, end, name, NULL, TRUE);
      added++;
      i = last;
    }
  if (!added)
    return;
  /* their surnames alone */
  for (guint i = 0; i < c->n; i++)
    {
      const NfToken *t = &c->tokens[i];
      if (t->kind != NF_TOKEN_WORD || !(t->flags & NF_TOKEN_CAPITALIZED))
        continue;
      gsize end = nlp_strip_possessive (c->text, t->start, t->end);
      g_autofree char *word = g_strndup (c->text + t->start, end - t->start);
      for (guint k = before; k < before + added; k++)
        {
          const Name *n = &g_array_index (c->names, Name, k);
          if (t->start >= n->start && t->start < n->end)
            break;
          if (strcmp (last_word (n->canonical), word) == 0 && !covered_by_name (c, t->start, end))
            {
              g_autofree char *canonical = g_strdup (n->canonical);
              add_name (c, t->start, end, canonical, NULL, TRUE);
              break;
            }
        }
    }
  g_array_sort (c->names, compare_names);
}

/* ---- names the tagger missed where a cue shows them: "Quinn said", "said Sofia, 12" ------ */

static gboolean
covered_by_other (const Context *c, gsize start, gsize end)
{
  for (guint k = 0; k + 1 < c->others->len; k += 2)
    if (g_array_index (c->others, gsize, k) < end && start < g_array_index (c->others, gsize, k + 1))
      return TRUE;
  return FALSE;
}

/* Capitalised runs of two to four name words, by their folded last word (the first run
 * wins): what a surname alone stands for when the tagger found neither it nor the full name
 * ("Deborah Quinn, who runs a trucking firm" ... "Quinn said").  One pass over the tokens. */
static GHashTable *
capital_runs (Context *c)
{
  GHashTable *runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < c->n; i++)
    {
      if (!is_name_token (c, i))
        continue;
      guint last = i;
      while (last + 1 < c->n && c->tokens[last + 1].sentence == c->tokens[i].sentence && is_name_token (c, last + 1))
        last++;
      if (last > i && last - i <= 3 && !inside_quote (c, c->tokens[i].start))
        {
          gsize end = nlp_strip_possessive (c->text, c->tokens[last].start, c->tokens[last].end);
          g_string_truncate (c->scratch, 0);
          nlp_fold_append (c->scratch, c->text + c->tokens[last].start, end - c->tokens[last].start);
          if (!g_hash_table_contains (runs, c->scratch->str))
            g_hash_table_insert (runs, g_strdup (c->scratch->str),
                                 g_strndup (c->text + c->tokens[i].start, end - c->tokens[i].start));
        }
      i = last;
    }
  return runs;
}

/* Whether the word at token @i is written capitalised somewhere inside a sentence: a name,
 * not a common noun that opens a sentence ("Officials said"). */
static gboolean
capitalised_inside_sentence (const Context *c, guint i)
{
  gsize length = c->tokens[i].end - c->tokens[i].start;
  for (guint k = 0; k < c->n; k++)
    {
      const NfToken *t = &c->tokens[k];
      if (k != i && t->kind == NF_TOKEN_WORD && !(t->flags & NF_TOKEN_SENTENCE_START) && (t->flags & NF_TOKEN_CAPITALIZED)
          && t->end - t->start >= length && strncmp (c->text + t->start, c->text + c->tokens[i].start, length) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A speaker the tagger missed, at tokens @first..@last next to a speech verb. */
static gboolean
add_cue_name (Context *c, guint first, guint last, GHashTable **runs)
{
  gsize start = c->tokens[first].start;
  gsize end = nlp_strip_possessive (c->text, c->tokens[last].start, c->tokens[last].end);
  /* a place or other entity next to a cue speaks for its institution ("Downing Street said",
   * "Virgin Australia said"): a name, not a person */
  gboolean other = covered_by_other (c, start, end);
  if (covered_by_name (c, start, end) || inside_quote (c, start)
      || (other && first > 0 && tok_is (c, first - 1, "the")))
    return FALSE; /* "the Russian told reporters" describes a person */
  if (!*runs)
    *runs = capital_runs (c);
  g_autofree char *written = g_strndup (c->text + start, end - start);
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, c->text + c->tokens[last].start, end - c->tokens[last].start);
  const char *full = first == last ? g_hash_table_lookup (*runs, c->scratch->str) : NULL;
  gboolean known_given = gender_of_word (c, written) != GENDER_UNKNOWN;
  /* a single word opening its sentence is a name only when it is one elsewhere too, or
   * when it is no plural ("Uber said", not "Officials said") nor a collective noun */
  static const char *const collective[] = { "police", "staff", "management", "everyone", "someone", "nobody",
                                            "somebody", "everybody", "one", "none", "both", "each", NULL };
  if (first == last && !full && !known_given && (c->tokens[first].flags & NF_TOKEN_SENTENCE_START)
      && !capitalised_inside_sentence (c, first)
      && (g_str_has_suffix (c->scratch->str, "s") || g_strv_contains (collective, c->scratch->str)))
    return FALSE;
  gboolean person = !other && (first != last || full || known_given);
  if (word_in (c->self->not_persons, c->scratch, last_word (written))
      || word_in (c->self->org_suffixes, c->scratch, last_word (written)))
    person = FALSE;
  add_name (c, start, end, full ? full : written, NULL, person);
  return TRUE;
}

/* The capitalised words right before a speech verb ("Quinn said", "Trident said") or right
 * after one that follows a comma or a closing mark (`", said Sofia, 12.`) name a speaker,
 * whatever the tagger made of them: the attribution shows they are someone. */
static void
names_from_cues (Context *c)
{
  g_autoptr (GHashTable) runs = NULL;
  gboolean added = FALSE;
  for (guint v = 1; v + 1 < c->n; v++)
    {
      if (!tok_in (c, v, c->self->verbs))
        continue;
      guint last = v - 1;
      /* "The Dutch road authority, Rijkswaterstaat, said": a name in apposition */
      gboolean apposition = last > 1 && tok_char (c, last) == ',';
      if (apposition)
        last--;
      if (is_name_token (c, last) && c->tokens[last].sentence == c->tokens[v].sentence)
        {
          guint first = last;
          while (first > 0 && first + 3 > last && c->tokens[first - 1].sentence == c->tokens[v].sentence
                 && is_name_token (c, first - 1))
            first--;
          if (!apposition || (first > 0 && tok_char (c, first - 1) == ','))
            added |= add_cue_name (c, first, last, &runs);
        }
      gunichar before = tok_char (c, v - 1);
      if (before != ',' && !is_quote_char (before))
        continue;
      guint first = v + 1;
      while (first < c->n && (tok_in (c, first, c->self->titles) || tok_char (c, first) == '.'))
        first++;
      /* "said Battalion Chief Raymond Ocampo": a name the tagger found further on in the
       * same run of capitalised words and titles is the speaker */
      gboolean found = FALSE;
      for (guint w = first; w < c->n && w < first + 6 && !found; w++)
        {
          if (c->tokens[w].kind == NF_TOKEN_WORD && !(c->tokens[w].flags & NF_TOKEN_CAPITALIZED))
            break;
          found = name_at (c, w) != NULL;
        }
      if (found)
        continue;
      if (first >= c->n || !is_name_token (c, first) || c->tokens[first].sentence != c->tokens[v].sentence)
        continue;
      last = first;
      while (last + 1 < c->n && last < first + 3 && c->tokens[last + 1].sentence == c->tokens[v].sentence
             && is_name_token (c, last + 1))
        last++;
      added |= add_cue_name (c, first, last, &runs);
    }
  if (added)
    g_array_sort (c->names, compare_names);
}

static int
pronoun_gender (const Context *c, guint i)
{
  return tok_is (c, i, "she") ? GENDER_FEMALE : tok_is (c, i, "he") ? GENDER_MALE : GENDER_UNKNOWN;
}

/* Words after which a name is an object, not the one who acts: "told the Keldby Chronicle",
 * "whose son Daniel", "than Garriga". */
static gboolean
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

static int
referent_gender (const Context *c, gint name)
{
  return name < 0 ? GENDER_UNKNOWN : g_array_index (c->names, Name, name).gender;
}

/* The referent of a pronoun of @gender in @sentence before token @tok: the sentences are
 * searched back from this one; in each, the subject first, then the others, nearest first;
 * the first person whose gender is known to be the pronoun's, or unknown, wins. */
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
            if (g == GENDER_UNKNOWN || g == gender)
              return x->name;
          }
      if (k == 0)
        break;
    }
  return -1;
}

/* The people named outside quotations and the pronouns that refer to them, in text order. */
static void
build_mentions (Context *c)
{
  guint next_name = 0, quote = 0, last_sentence = G_MAXUINT;
  gboolean sentence_has_mention = FALSE;
  for (guint i = 0; i < c->n; i++)
    {
      while (quote < c->quotes->len && g_array_index (c->quotes, Quote, quote).close < c->tokens[i].start)
        quote++;
      const Quote *q = quote < c->quotes->len ? &g_array_index (c->quotes, Quote, quote) : NULL;
      gboolean quoted = q && q->open <= c->tokens[i].start && c->tokens[i].start < q->close;
      while (next_name < c->names->len && g_array_index (c->names, Name, next_name).end <= c->tokens[i].start)
        next_name++;
      if (c->tokens[i].sentence != last_sentence)
        {
          last_sentence = c->tokens[i].sentence;
          sentence_has_mention = FALSE;
        }
      if (quoted)
        continue;
      Mention x = { .tok = i, .sentence = c->tokens[i].sentence, .name = -1 };
      gboolean object = i > 0 && is_object_marker (c, i - 1);
      const Name *n = next_name < c->names->len ? &g_array_index (c->names, Name, next_name) : NULL;
      if (n && n->start == c->tokens[i].start)
        {
          if (!n->person)
            continue;
          x.name = next_name;
          x.gender = n->gender;
        }
      else if ((x.gender = pronoun_gender (c, i)) != GENDER_UNKNOWN)
        {
          x.name = resolve_pronoun (c, i, x.sentence, x.gender);
          /* what "she" says of an unknown name: it is a woman's */
          if (x.name >= 0 && referent_gender (c, x.name) == GENDER_UNKNOWN)
            {
              const char *canonical = g_array_index (c->names, Name, x.name).canonical;
              for (guint k = 0; k < c->names->len; k++)
                {
                  Name *o = &g_array_index (c->names, Name, k);
                  if (o->gender == GENDER_UNKNOWN && strcmp (o->canonical, canonical) == 0)
                    o->gender = x.gender;
                }
            }
        }
      else
        continue;
      x.subject = !sentence_has_mention && !object;
      sentence_has_mention = TRUE;
      g_array_append_val (c->mentions, x);
    }
}

/* ---- who "the minister", "the 34-year-old" and "the Swede" are ------------------------- */

static const char *const role_stops[] = { "the", "a", "an", "of", "for", "at", "in", "on", "from", "by", "with",
                                          "and", "or", "who", "whose", "which", "that", "to", "as", "his", "her",
                                          "its", "their", NULL };

static gboolean
is_role_stop (const Context *c, guint i)
{
  for (const char *const *w = role_stops; *w; w++)
    if (tok_is (c, i, *w))
      return TRUE;
  return FALSE;
}

/* The age at token @i written "34-year-old" (however the tokenizer split it), or 0; @end
 * receives the byte after it. */
static guint
age_at (const Context *c, guint i, gsize *end)
{
  if (i >= c->n || c->tokens[i].kind != NF_TOKEN_NUMBER)
    return 0;
  const char *p = c->text + c->tokens[i].start;
  char *rest;
  guint64 age = g_ascii_strtoull (p, &rest, 10);
  if (age == 0 || age > 120 || rest - p > 3 || (gsize) (rest - c->text) > c->length)
    return 0;
  if (g_ascii_strncasecmp (rest, "-year-old", 9) != 0)
    return 0;
  *end = rest + 9 - c->text;
  return (guint) age;
}

static void
add_role (Context *c, GString *roles, guint i)
{
  if (i >= c->n || c->tokens[i].kind != NF_TOKEN_WORD || is_role_stop (c, i) || tok_in (c, i, c->self->verbs))
    return;
  gsize end = nlp_strip_possessive (c->text, c->tokens[i].start, c->tokens[i].end);
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, c->text + c->tokens[i].start, end - c->tokens[i].start);
  g_string_append_printf (roles, "%s ", c->scratch->str);
}

/* What the article says each person is, as words a later "the <word>" can refer by: the
 * title ("Finance Minister"), the words before the name ("Rovers manager Henrik Lindqvist",
 * "prosecutor James Whitcombe"), an apposition before or after it ("His barrister, Anjali
 * Rao", "Marcus Bell, a 34-year-old welder", "Whitfield, 61,").  A few words around each
 * mention, once an article. */
static void
collect_roles (Context *c)
{
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (!n->person || inside_quote (c, n->start))
        continue;
      GString *roles = g_hash_table_lookup (c->roles, n->canonical);
      if (!roles)
        {
          roles = g_string_new (" ");
          g_hash_table_insert (c->roles, g_strdup (n->canonical), roles);
        }
      if (n->title)
        {
          g_auto (GStrv) words = g_strsplit (n->title, " ", -1);
          for (char **w = words; *w; w++)
            if (**w)
              g_string_append_printf (roles, "%s ", *w);
        }
      guint first = token_at (c, n->start), last = token_at (c, n->end);
      last = last > first ? last - 1 : first;
      guint sentence = c->tokens[first].sentence;
      /* words before the name, or an apposition ending in a comma right before it */
      guint b = first;
      if (b > 0 && tok_char (c, b - 1) == ',')
        b--;
      for (guint j = b, count = 0; j-- > 0 && count < 6 && c->tokens[j].sentence == sentence; count++)
        {
          gsize age_end;
          guint age = age_at (c, j, &age_end);
          if (tok_in (c, j, c->self->verbs) || (name_at (c, j) && name_at (c, j) != n))
            break; /* "Judge Hellman said Graham Whitlock": her title is not his */
          if (age)
            g_string_append_printf (roles, "%u-year-old ", age);
          else if (c->tokens[j].kind != NF_TOKEN_WORD || is_role_stop (c, j))
            {
              if (c->tokens[j].kind == NF_TOKEN_WORD || tok_char (c, j) == ',')
                break;
              continue;
            }
          add_role (c, roles, j);
        }
      /* an apposition after it: ", 61," or ", a 34-year-old welder whose ..." */
      guint a = last + 1;
      if (a < c->n && tok_char (c, a) == ',')
        for (guint j = a + 1, count = 0; j < c->n && count < 6 && c->tokens[j].sentence == sentence; j++, count++)
          {
            gsize age_end;
            guint age = age_at (c, j, &age_end);
            if (age)
              {
                g_string_append_printf (roles, "%u-year-old ", age);
                while (j + 1 < c->n && c->tokens[j + 1].start < age_end)
                  j++;
                continue;
              }
            if (c->tokens[j].kind == NF_TOKEN_NUMBER && j + 1 < c->n && tok_char (c, j + 1) == ',')
              {
                g_string_append_printf (roles, "%.*s-year-old ", (int) (c->tokens[j].end - c->tokens[j].start),
                                        c->text + c->tokens[j].start);
                break;
              }
            if (c->tokens[j].kind != NF_TOKEN_WORD || tok_in (c, j, c->self->verbs))
              break;
            if (is_role_stop (c, j))
              {
                if (count == 0 && (tok_is (c, j, "a") || tok_is (c, j, "an") || tok_is (c, j, "the")))
                  continue;
                break;
              }
            add_role (c, roles, j);
          }
    }
}

/* The person last named before @pos outside quotations whose roles hold @role. */
static const Name *
person_with_role (const Context *c, gsize pos, const char *role)
{
  g_autofree char *key = g_strdup_printf (" %s ", role);
  for (guint k = c->names->len, seen = 0; k-- > 0 && seen < 200;)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->start >= pos || !n->person)
        continue;
      seen++;
      GString *roles = g_hash_table_lookup (c->roles, n->canonical);
      if (roles && strstr (roles->str, key) && !inside_quote (c, n->start))
        return n;
    }
  return NULL;
}

/* The person the text is about at @pos: the subject of the last sentence before it that
 * has a person for subject, within a few sentences ("the Swede told BBC Radio Bristol"). */
static const Name *
salient_person (const Context *c, guint tok)
{
  guint sentence = c->tokens[tok].sentence;
  for (guint k = c->mentions->len; k-- > 0;)
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

/* The first person the text names (as a sentence's subject) after token @tok, in the
 * paragraph after its own. */
static const Name *
person_named_next (const Context *c, guint tok)
{
  guint paragraph = c->tokens[tok].paragraph;
  for (guint k = 0; k < c->mentions->len; k++)
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

/* A description that stands for a person: a title or role word, an age, a nationality, or
 * a word for someone who does something ("the striker", "the veteran"). */
static gboolean
describes_person (const Context *c, guint head, const char *folded)
{
  gsize length = strlen (folded);
  if (tok_in (c, head, c->self->titles) || tok_in (c, head, c->self->roles))
    return TRUE;
  if (g_str_has_suffix (folded, "-year-old") || (head < c->n && (c->tokens[head].flags & NF_TOKEN_CAPITALIZED)))
    return TRUE; /* "the 34-year-old"; "the Swede", "the Frenchwoman" */
  static const char *const suffixes[] = { "er", "or", "ist", "ian", "man", "woman", "ant", "ent", NULL };
  static const char *const not_people[] = { "letter", "paper", "order", "report", "document", "filing", "government",
                                            "statement", "number", "figure", "chapter", "register", "poster",
                                            "agreement", "department", "parliament", "movement", "council",
                                            "plan", "ban", "river", "tower", "center", "centre", "border",
                                            "sector", "corridor", "quarter", "winter", "summer", NULL };
  if (length < 4 || g_strv_contains (not_people, folded))
    return FALSE;
  for (const char *const *s = suffixes; *s; s++)
    if (g_str_has_suffix (folded, *s))
      return TRUE;
  return FALSE;
}

/* The person a "he" or "she" at token @i stands for, or NULL. */
static const Name *
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

static gboolean is_statement_word (const Context *c, guint i);

/* "(Reuters)", "(AP)": the outlet of a dateline or a credit, never the one speaking. */
static gboolean
is_dateline_outlet (const Context *c, const Name *n)
{
  guint i = token_at (c, n->start);
  return i > 0 && tok_char (c, i - 1) == '(';
}

/* The organisation (or, with @person, anyone) named last before @pos outside quotations,
 * not as the one spoken to ("told the Westbury Times"). */
static const Name *
organisation_before (const Context *c, gsize pos, gboolean person)
{
  for (guint e = c->names->len; e-- > 0;)
    {
      const Name *org = &g_array_index (c->names, Name, e);
      if (org->start >= pos || (org->person && !person) || inside_quote (c, org->start) || is_dateline_outlet (c, org))
        continue;
      guint before = token_at (c, org->start);
      if (before > 0 && tok_is (c, before - 1, "the"))
        before--;
      if (before == 0 || !is_object_marker (c, before - 1))
        return org;
    }
  return NULL;
}

/* A speaker starting at token @i and ending before @limit: a name (after title words), a
 * pronoun, or "the spokeswoman" / "a spokesman for the ministry".  Returns its last token. */
static gboolean
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
  if ((tok_is (c, i, "it") || tok_is (c, i, "they")) && i + 1 < c->n && tok_in (c, i + 1, c->self->verbs))
    {
      const Name *n = organisation_before (c, c->tokens[i].start, FALSE);
      /* "Economists at Commerzbank said ... they wrote": the staff of an organisation */
      for (guint e = c->names->len; tok_is (c, i, "they") && e-- > 0;)
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
  /* title words and their periods before the name */
  guint k = i;
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
      if (!capital && !role && !tok_is (c, w, "for") && !tok_is (c, w, "of") && !tok_is (c, w, "the")
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
             || tok_is (c, i, "the") || tok_is (c, i, "a") || tok_is (c, i, "an")))
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
  if (tok_is (c, i, "the") || tok_is (c, i, "a") || tok_is (c, i, "an"))
    {
      static const char *const stops[] = { "for", "of", "at", "with", "in", "on", "from", "who", "which", NULL };
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
      while (j < limit && j < i + 5 && tok_is_word (c, j) && !tok_in (c, j, c->self->verbs) && !stop)
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
      gboolean definite = tok_is (c, i, "the");
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
          for (guint e = c->names->len; e-- > 0 && !named;)
            {
              const Name *org = &g_array_index (c->names, Name, e);
              if (org->start >= c->tokens[i].start || org->person || is_dateline_outlet (c, org))
                continue;
              g_string_truncate (c->scratch, 0);
              nlp_fold_append (c->scratch, org->canonical, strlen (org->canonical));
              if (strstr (c->scratch->str, word))
                named = org;
            }
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
        }
      const Name *speaker = titled ? titled : inner ? inner : named;
      q->speaker = speaker ? g_strdup (speaker->canonical) : NULL;
      *last = head_tok;
      return TRUE;
    }
  return FALSE;
}

static void
set_cue (Context *c, Quote *q, guint verb)
{
  g_free (q->cue);
  q->cue = g_strndup (c->text + c->tokens[verb].start, c->tokens[verb].end - c->tokens[verb].start);
  q->attributed = TRUE;
}

/* `"…," X said`, `"…," said X`, `"…," according to X`. */
static gboolean
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
  if (tok_in (c, i, c->self->verbs) && speaker_at (c, i + 1, limit, q, &end_tok))
    {
      set_cue (c, q, i);
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
  /* far from the quotation, the verb must close an apposition: "X, commander of Y, said" */
  if (v > i + 8 && tok_char (c, v - 1) != ',')
    return FALSE;
  const Name *speaker = NULL;
  for (guint k = 0; k < c->names->len; k++)
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

static gboolean attribute_to_subject (Context *c, Quote *q, guint sentence_first, guint verb);

/* `X said, "…"`, `X told reporters: "…"`, `X said "…"`, `said X, a spokeswoman: "…"`. */
static gboolean
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
      if (tok_in (c, k, c->self->verbs))
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
  return attribute_to_subject (c, q, sentence_first, verb);
}

/* Words after a name that stand for the person's own words: "Park's statement added". */
static gboolean
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

/* The speaker of a cue @verb before the quotation: `said X`, `X said`, `X, the club's coach,
 * said`, `she said ..., adding`, `Park's statement added`, `the ministry said`. */
static gboolean
attribute_to_subject (Context *c, Quote *q, guint sentence_first, guint verb)
{
  guint last;
  /* said X, ...: (but "told the Keldby Chronicle" names who was told, and in "Judge Hellman
   * said Whitlock had shown ..." the verb has its subject already) */
  if (!tok_is (c, verb, "told") && !tok_is (c, verb, "telling") && !tok_is (c, verb, "tells")
      && (verb == sentence_first || inverted_after_quote (c, verb) || !subject_before (c, sentence_first, verb))
      && !(verb > sentence_first && tok_char (c, verb - 1) == ',' && !inverted_after_quote (c, verb))
      && speaker_at (c, verb + 1, q->open_tok, q, &last)
      /* the speaker ends the clause; "described the walkout as" is an object */
      && ((q->speaker && last + 1 >= q->open_tok) || tok_char (c, last + 1) == ',' || tok_char (c, last + 1) == ':'))
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
  for (guint s = sentence_first; s < verb; s++)
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
  /* "Copa, which represents farm unions, said": an organisation opening the sentence */
  const Name *org = verb > sentence_first ? name_at (c, verb - 1) : NULL;
  guint org_tok = verb - 1;
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

static gboolean
marks_quote (const Context *c, gsize pos)
{
  for (guint k = 0; k < c->quotes->len; k++)
    {
      const Quote *q = &g_array_index (c->quotes, Quote, k);
      if (q->open == pos || q->close == pos)
        return TRUE;
    }
  return FALSE;
}

/* A fragment of someone's words inside reported speech: `the authority said it would "review
 * the situation weekly"`, `she described the accusation as "a stunt"`: a cue earlier in the
 * sentence, its subject the speaker. */
static gboolean
attribution_reported (Context *c, Quote *q, guint sentence_first)
{
  if (q->open_tok <= sentence_first || q->open_tok >= c->n)
    return FALSE;
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
      if (tok_in (c, k, c->self->verbs))
        {
          q->fragment = TRUE;
          return attribute_to_subject (c, q, sentence_first, k);
        }
    }
  return FALSE;
}

/* A paragraph that introduces a quotation with a colon: "A Foreign Office spokesman said:",
 * "Gen. Joseph Votel released the following statement today:". */
static gboolean
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

/* Whether a person other than @p's speaker is named between quotations @p and @q. */
static gboolean
other_person_between (const Context *c, const Quote *p, const Quote *q)
{
  for (guint k = 0; k < c->mentions->len; k++)
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
static guint count_words (const Context *c, const Quote *q);

/* Whether quotation @q starts a sentence or its paragraph. */
static gboolean
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

static void
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
  for (guint k = 0; k < c->mentions->len; k++)
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

static guint
count_words (const Context *c, const Quote *q)
{
  guint words = 0;
  for (guint i = q->open_tok; i < q->close_tok && i < c->n; i++)
    words += c->tokens[i].kind == NF_TOKEN_WORD || c->tokens[i].kind == NF_TOKEN_NUMBER;
  return words;
}

/* Every word capitalised, or almost: the title of a work ("Salt and Cinder"). */
static gboolean
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

static void
free_roles (gpointer data)
{
  g_string_free (data, TRUE);
}

static gboolean
quotes_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article,
                G_GNUC_UNUSED GError **error)
{
  const Quotes *self = nf_stage_get_instance (stage);
  const char *text = nf_article_get_text (article);
  if (!text)
    return TRUE;
  const NfText *segmentation = nf_article_get_segmentation (article);
  g_autoptr (GString) scratch = g_string_sized_new (64);
  g_autoptr (GArray) names = g_array_new (FALSE, FALSE, sizeof (Name));
  g_autoptr (GArray) quotes = g_array_new (FALSE, FALSE, sizeof (Quote));
  g_autoptr (GArray) mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  g_array_set_clear_func (names, clear_name);
  g_array_set_clear_func (quotes, clear_quote);
  g_autoptr (GArray) others = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_roles);
  Context c = {
    .self = self, .text = text, .length = nf_article_get_text_length (article),
    .scratch = scratch, .names = names, .quotes = quotes, .mentions = mentions,
    .others = others, .roles = roles,
  };
  c.tokens = nf_text_get_tokens (segmentation, &c.n);
  guint n_sentences;
  const NfSentence *sentences = nf_text_get_sentences (segmentation, &n_sentences);

  find_quotes (&c, article);
  if (!names_from_entities (&c, article))
    names_from_capitals (&c);
  names_supplement (&c);
  names_from_cues (&c);
  refine_names (&c);
  collect_roles (&c);
  build_mentions (&c);

  /* Attribution of each piece, from the words after it, then before it. */
  for (guint k = 0; k < quotes->len; k++)
    {
      Quote *q = &g_array_index (quotes, Quote, k);
      guint sentence_end_tok = c.n;
      /* a piece running to its paragraph's end has nothing after it */
      if (q->close_tok < c.n && !q->continues)
        {
          /* the attribution after a quote ends with the sentence, or at the next quotation */
          const NfSentence *s = &sentences[c.tokens[q->close_tok].sentence];
          guint after_close = q->close_tok + 1 < c.n ? c.tokens[q->close_tok + 1].sentence : s - sentences;
          const NfSentence *t = &sentences[after_close];
          sentence_end_tok = t->first_token + t->n_tokens;
          if (k + 1 < quotes->len && g_array_index (quotes, Quote, k + 1).open_tok < sentence_end_tok)
            sentence_end_tok = g_array_index (quotes, Quote, k + 1).open_tok;
        }
      if (q->close_tok < c.n && !q->continues && attribution_after (&c, q, sentence_end_tok))
        continue;
      guint first = q->open_tok < c.n ? sentences[c.tokens[q->open_tok].sentence].first_token : 0;
      /* the sentence may have started inside an earlier quotation: start after it */
      if (k > 0)
        {
          const Quote *p = &g_array_index (quotes, Quote, k - 1);
          if (p->close_tok < q->open_tok && p->close_tok + 1 > first)
            first = p->close_tok + 1;
        }
      if (!attribution_before (&c, q, first) && !attribution_intro (&c, q, sentences))
        attribution_reported (&c, q, first);
    }

  /* Pieces of one quotation share the attribution; an unattributed quotation right after an
   * attributed one in the same paragraph continues it ("…," said Russell. "We always…"). */
  for (guint k = 0; k < quotes->len; k++)
    {
      Quote *q = &g_array_index (quotes, Quote, k);
      if (q->attributed)
        continue;
      Quote *from = NULL;
      for (guint j = k + 1; j < quotes->len && !from; j++)
        {
          Quote *o = &g_array_index (quotes, Quote, j);
          if (o->group != q->group)
            break;
          if (o->attributed)
            from = o;
        }
      if (!from && k > 0)
        {
          Quote *p = &g_array_index (quotes, Quote, k - 1);
          /* the same paragraph, or a paragraph that is all quotation right after one that
           * ended with an attributed quotation: the same voice goes on */
          gboolean next_paragraph = q->paragraph == p->paragraph + 1 && q->opens_paragraph
                                    && (p->ends_paragraph || !other_person_between (&c, p, q));
          /* in single marks (British style) only a whole sentence goes on in the same voice,
           * not a term in ‘scare quotes’ */
          if (p->attributed && (p->group == q->group || p->paragraph == q->paragraph || next_paragraph)
              && p->single == q->single && (!q->single || p->group == q->group || opens_sentence (&c, q)))
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
        attribution_standalone (&c, q);
    }

  GVariantBuilder list;
  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  for (guint k = 0; k < quotes->len; k++)
    {
      Quote *q = &g_array_index (quotes, Quote, k);
      /* a nickname inside the name of a speaker: said Col. John "J.D." Dorrian */
      gboolean nickname = FALSE;
      for (guint j = 0; j < quotes->len && !nickname; j++)
        {
          const Quote *o = &g_array_index (quotes, Quote, j);
          nickname = j != k && o->speaker_start < q->open && q->close < o->speaker_end;
        }
      if (nickname)
        continue;
      if (!q->attributed)
        {
          if (q->single || looks_like_title (&c, q) || count_words (&c, q) < (guint) self->min_words)
            continue;
        }
      else if ((!q->speaker || q->fragment) && looks_like_title (&c, q))
        continue; /* "The Quiet Year", `also called "Q-West"`: a title or a name, whatever verb is near */
      g_autofree char *quoted = g_strndup (text + q->start, q->end - q->start);
      NfAnnotation *a = nf_article_add_annotation (article, NF_ANNOTATION_QUOTE, q->start, q->end);
      if (q->speaker)
        nf_annotation_set_attr_string (a, NF_ATTR_SPEAKER, q->speaker);
      if (q->speaker_end > q->speaker_start)
        {
          g_autofree char *words = g_strndup (text + q->speaker_start, q->speaker_end - q->speaker_start);
          nf_annotation_set_attr_string (a, "speaker_text", words);
          nf_annotation_set_attr (a, "speaker_start", g_variant_new_int64 (q->speaker_start));
          nf_annotation_set_attr (a, "speaker_end", g_variant_new_int64 (q->speaker_end));
        }
      if (q->cue)
        nf_annotation_set_attr_string (a, "cue", q->cue);

      GVariantBuilder item;
      g_variant_builder_init (&item, G_VARIANT_TYPE_VARDICT);
      add_entry (&item, "text", g_variant_new_string (quoted));
      add_entry (&item, "speaker",
                             g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                                  q->speaker ? g_variant_new_string (q->speaker) : NULL));
      add_entry (&item, "cue",
                             g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                                  q->cue ? g_variant_new_string (q->cue) : NULL));
      g_variant_builder_add_value (&list, g_variant_builder_end (&item));
    }
  nf_article_set_field (article, NF_FIELD_QUOTES, g_variant_builder_end (&list));
  g_clear_pointer (&c.lower, g_hash_table_unref);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "quotes",
  .summary = "Finds direct quotations and attributes them to their speakers",
  .options = quotes_options,
  .init = quotes_init,
  .process = quotes_process,
  .free = quotes_free,
);
