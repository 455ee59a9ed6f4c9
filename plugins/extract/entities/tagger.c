/* entities/tagger.c: extract "entities" with a model (model = "..."): people, places, organisations and nationalities as "entity"
 * annotations with a canonical name, plus an "entities" field listing the distinct ones.
 *
 * The names come from a learned tagger (nlp/ner.c: an averaged perceptron over IOB tags,
 * trained by `newsflow-train entities`, docs/training.md), loaded once in init and only read
 * by the workers, stacked on the rules (rules.c): what they found is a feature of each token,
 * and their names meet the model's in take_rules_spans.  What it finds then goes through
 * rules that hold in any article:
 *   - a person's title stays out of the name, in the "title" attribute ("Deputy Minister
 *     Iryna Savchuk": "Iryna Savchuk", title "Deputy Minister");
 *   - a gazetteer entry gives the canonical name ("U.S." -> "United States"), and a word the
 *     gazetteer calls a nationality ("Turkish") is a NATIONALITY;
 *   - a short mention takes the full name met in the article: a surname ("Savchuk" -> "Iryna
 *     Savchuk", a person even where the tagger said otherwise), an acronym defined in
 *     parentheses ("SDF" after "Syrian Democratic Forces (SDF)");
 *   - in languages that capitalise nouns (German) or that the model was not trained on, a
 *     name with an organisation or place word ("Métropole de Lyon", "Paseo de la Reforma",
 *     "Antarctic Survey") is no person.
 *
 * Annotation: type "entity", span of the name without title or possessive, attributes
 * "label" (PERSON, LOCATION, ORGANIZATION, NATIONALITY), "canonical" and, when one was
 * written, "title". */
#include <string.h>

#include <newsflow/newsflow.h>

#include "entities.h"
#include "passes.h"
#include "nlp/lexicon.h"
#include "nlp/ner.h"

typedef enum {
  LABEL_NONE,
  LABEL_PERSON,
  LABEL_LOCATION,
  LABEL_ORGANIZATION,
  LABEL_NATIONALITY,
  N_LABELS
} Label;

static const char *const label_names[N_LABELS] = {
  NULL, NF_LABEL_PERSON, NF_LABEL_LOCATION, NF_LABEL_ORGANIZATION, NF_LABEL_NATIONALITY,
};


typedef struct {
  NlpPerceptron *model;   /* read-only once loaded: shared by every worker */
  NlpNerLexicon *lexicon;
  gpointer       rules;       /* rules.c: what they find is a feature of the model */
  GHashTable    *place_words; /* words that make a name a place or an organisation in any language */
  GHashTable    *countries;   /* folded canonical names of countries */
  GHashTable    *group_nouns;
  gboolean       report[N_LABELS];
} Entities;

void
entities_tagger_free (gpointer data)
{
  Entities *self = data;
  if (!self)
    return;
  g_clear_pointer (&self->model, nlp_perceptron_free);
  g_clear_pointer (&self->lexicon, nlp_ner_lexicon_free);
  g_clear_pointer (&self->rules, entities_rules_free);
  g_clear_pointer (&self->place_words, g_hash_table_unref);
  g_clear_pointer (&self->countries, g_hash_table_unref);
  g_clear_pointer (&self->group_nouns, g_hash_table_unref);
  g_free (self);
}

/* A path as given when it names a file, else a file of the data directory. */
static char *
find_model (const char *name, GError **error)
{
  if (g_path_is_absolute (name) || g_str_has_prefix (name, "./") || g_str_has_prefix (name, "../")
      || g_file_test (name, G_FILE_TEST_IS_REGULAR))
    return g_strdup (name);
  return nf_data_find (name, error);
}

static gboolean
entities_load (Entities *self, cfg_t *cfg, const char *model, GError **error)
{
  g_autoptr (GPtrArray) extra = g_ptr_array_new ();
  for (guint i = 0; i < cfg_size (cfg, "gazetteers"); i++)
    g_ptr_array_add (extra, cfg_getnstr (cfg, "gazetteers", i));
  g_ptr_array_add (extra, NULL);
  if (!(self->lexicon = nlp_ner_lexicon_load ((const char *const *) extra->pdata, cfg_getbool (cfg, "shipped-gazetteers"),
                                              error))
      || !(self->rules = entities_rules_new_lists ((const char *const *) extra->pdata,
                                                   cfg_getbool (cfg, "shipped-gazetteers"), error))
      || !(self->place_words = nlp_word_set_load ("gazetteers/location-prefixes.txt", error))
      || !(self->group_nouns = nlp_word_set_load ("gazetteers/group-nouns.txt", error))
      || !(self->countries = entities_countries_load (error)))
    return FALSE;
  g_autoptr (GError) local = NULL;
  g_autofree char *path = find_model (model, &local);
  if (path)
    self->model = nlp_perceptron_load (path, NLP_NER_KIND, &local);
  if (!self->model)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "model: %s", local->message);
      return FALSE;
    }

  if (cfg_size (cfg, "labels") == 0)
    for (guint l = 1; l < N_LABELS; l++)
      self->report[l] = TRUE;
  for (guint i = 0; i < cfg_size (cfg, "labels"); i++)
    {
      const char *label = cfg_getnstr (cfg, "labels", i);
      guint l;
      for (l = 1; l < N_LABELS; l++)
        if (g_ascii_strcasecmp (label, label_names[l]) == 0)
          break;
      if (l == N_LABELS)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                       "unknown label '%s' in labels (expected PERSON, LOCATION, "
                       "ORGANIZATION or NATIONALITY)", label);
          return FALSE;
        }
      self->report[l] = TRUE;
    }
  return TRUE;
}

gpointer
entities_tagger_new (cfg_t *cfg, const char *model, GError **error)
{
  Entities *self = g_new0 (Entities, 1);
  if (!entities_load (self, cfg, model, error))
    {
      entities_tagger_free (self);
      return NULL;
    }
  return self;
}

/* ---- per-article work ------------------------------------------------------------------ */

typedef struct {
  gsize  start, end;             /* the name, bytes */
  gsize  title_start, title_end; /* the title before it, or equal when none */
  Label  label;
  char  *canonical;              /* NULL: the name as written */
  guint  first, last;            /* tokens */
} Mention;

typedef struct {
  const Entities *self;
  const char     *text;
  const NfToken  *tokens;
  guint           n;
  GString        *scratch;
  GArray         *mentions; /* Mention */
  const GArray   *found;    /* EntitiesRuleSpan: what the rules found, in text order */
} Context;

static gboolean
tok_is (const Context *c, guint i, const char *word)
{
  gsize length = c->tokens[i].end - c->tokens[i].start;
  return strlen (word) == length && memcmp (c->text + c->tokens[i].start, word, length) == 0;
}

static gboolean
is_title (const Context *c, guint i)
{
  return nlp_ner_is_title (c->self->lexicon, c->scratch, c->text, &c->tokens[i]);
}

static gboolean
is_word_in (const Context *c, guint i, GHashTable *set)
{
  const NfToken *t = &c->tokens[i];
  if (t->kind != NF_TOKEN_WORD)
    return FALSE;
  gsize end = nlp_strip_possessive (c->text, t->start, t->end);
  return nlp_word_set_has (set, c->scratch, c->text + t->start, end - t->start);
}

static gboolean
is_capitalised (const Context *c, guint i)
{
  return c->tokens[i].kind == NF_TOKEN_WORD && (c->tokens[i].flags & NF_TOKEN_CAPITALIZED);
}

static void
fold_into (GString *s, const char *text, gsize length)
{
  g_string_truncate (s, 0);
  nlp_fold_append (s, text, length);
}

/* The gazetteer entry of tokens [a, b], the last without its possessive. */
static const NlpEntry *
lookup (const Context *c, guint a, guint b)
{
  g_string_truncate (c->scratch, 0);
  for (guint i = a; i <= b; i++)
    {
      const NfToken *t = &c->tokens[i];
      if (i > a && t->start > c->tokens[i - 1].end)
        g_string_append_c (c->scratch, ' ');
      gsize stop = i == b ? nlp_strip_possessive (c->text, t->start, t->end) : t->end;
      nlp_fold_append (c->scratch, c->text + t->start, stop - t->start);
    }
  return g_hash_table_lookup (c->self->lexicon->gazetteer, c->scratch->str);
}

static Label
entry_label (const NlpEntry *entry)
{
  for (guint l = 1; entry && l < N_LABELS; l++)
    if (strcmp (entry->label, label_names[l]) == 0)
      return l;
  return LABEL_NONE;
}

/* The title written before a person's name: title words with the capitalised words and
 * "of the" that belong to them ("Defense Secretary", "Secretary of State", "Staff Sgt."). */
static guint
title_before (const Context *c, guint first)
{
  guint j = first;
  gboolean seen = FALSE;
  while (j > 0)
    {
      guint k = j - 1;
      if (tok_is (c, k, ".") && k > 0 && c->tokens[k - 1].end == c->tokens[k].start && is_title (c, k - 1))
        {
          j = k - 1;
          seen = TRUE;
          continue;
        }
      if (is_title (c, k))
        {
          j = k;
          seen = TRUE;
          continue;
        }
      /* "Defense" of "Defense Secretary", "State" of "Secretary of State" */
      if (seen && is_capitalised (c, k) && !(c->tokens[k + 1].flags & NF_TOKEN_SENTENCE_START))
        {
          const NlpEntry *e = lookup (c, k, k);
          if (e && entry_label (e) != LABEL_ORGANIZATION)
            break; /* "U.S. Secretary": the country is its own mention */
          j = k;
          continue;
        }
      if (seen && (tok_is (c, k, "of") || tok_is (c, k, "for") || tok_is (c, k, "the")) && k > 0
          && (is_capitalised (c, k - 1) || tok_is (c, k - 1, "of")))
        {
          j = k;
          continue;
        }
      break;
    }
  /* the title starts with a title word or a capitalised word, not "of" */
  while (j < first && !is_capitalised (c, j) && !is_title (c, j))
    j++;
  return seen ? j : first;
}

/* A lone capitalised word that names nothing by itself: a sentence's first word the article
 * also writes in lower case ("Accordingly", "Photographs"), a word of the not-names list
 * ("Dec", "Monday"), an organisation or place word alone ("Battalion", "Coalition"), an
 * initial.  Acronyms ("NATO") stay. */
static gboolean
lone_common_word (const Context *c, guint a)
{
  const NfToken *t = &c->tokens[a];
  if (t->kind != NF_TOKEN_WORD)
    return TRUE;
  gsize end = nlp_strip_possessive (c->text, t->start, t->end);
  if (end - t->start <= 1)
    return TRUE;
  if (t->flags & NF_TOKEN_ALL_CAPS)
    return FALSE;
  const NlpNerLexicon *lex = c->self->lexicon;
  /* "the Coalition", "the Ministry": an institution named by its head word */
  gboolean after_the = a > 0 && (tok_is (c, a - 1, "the") || tok_is (c, a - 1, "The"));
  if (is_word_in (c, a, lex->not_names) || (is_word_in (c, a, lex->org_suffixes) && !after_the)
      || is_word_in (c, a, lex->loc_suffixes) || is_title (c, a))
    return TRUE;
  if (!(t->flags & NF_TOKEN_SENTENCE_START))
    return FALSE;
  /* "Accordingly,", "Additionally,": an adverb opening the sentence */
  if (end - t->start > 4 && memcmp (c->text + end - 2, "ly", 2) == 0 && a + 1 < c->n && tok_is (c, a + 1, ","))
    return TRUE;
  /* the article writes it in lower case somewhere */
  fold_into (c->scratch, c->text + t->start, end - t->start);
  g_autofree char *folded = g_strdup (c->scratch->str);
  gsize length = strlen (folded);
  for (guint i = 0; i < c->n; i++)
    if (c->tokens[i].kind == NF_TOKEN_WORD && !(c->tokens[i].flags & NF_TOKEN_CAPITALIZED)
        && c->tokens[i].end - c->tokens[i].start == length
        && g_ascii_strncasecmp (c->text + c->tokens[i].start, folded, length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean is_quote_mark (const Context *c, guint i);

static gboolean
has_upper (const Context *c, guint i)
{
  for (gsize k = c->tokens[i].start; k < c->tokens[i].end; k++)
    if (g_ascii_isupper (c->text[k]))
      return TRUE;
  return FALSE;
}

static void
add_mention (Context *c, guint a, guint b, Label label)
{
  /* a person's title is not part of the name: "Gen. Joseph Votel", "Pentagon Press
   * Secretary Peter Cook", "Army Lt. Gen. Stephen J. Townsend": all up to the last title word */
  if (label == LABEL_PERSON)
    for (guint t = b; t-- > a;)
      if (is_title (c, t))
        {
          guint name = t + 1;
          if (name < b && tok_is (c, name, "."))
            name++;
          if (name <= b && is_capitalised (c, name))
            a = name;
          break;
        }
  while (b > a && c->tokens[b].kind == NF_TOKEN_PUNCT && !(tok_is (c, b, ".") && c->tokens[b - 1].end - c->tokens[b - 1].start == 1))
    b--;
  /* a trailing small word ("of"), but not "al-Abadi" */
  while (b > a && c->tokens[b].kind == NF_TOKEN_WORD && !(c->tokens[b].flags & NF_TOKEN_CAPITALIZED)
         && !has_upper (c, b))
    b--;
  Mention m = {
    .start = c->tokens[a].start,
    .end = nlp_strip_possessive (c->text, c->tokens[b].start, c->tokens[b].end),
    .label = label,
    .first = a,
    .last = b,
  };
  if (m.end <= m.start)
    return;
  const NlpEntry *entry = lookup (c, a, b);
  Label known = entry_label (entry);
  if (a == b && !entry && lone_common_word (c, a))
    return;
  /* a name the gazetteer knows as a place or organisation is one ("Texas", "Jordan"),
   * unless a title makes it a person */
  if (label == LABEL_PERSON && (known == LABEL_LOCATION || known == LABEL_ORGANIZATION) && title_before (c, a) == a)
    label = known;
  if (known == LABEL_NATIONALITY && a == b)
    m.label = LABEL_NATIONALITY; /* named as written ("Ukrainian"), not by its country */
  else if (entry && (known == label || known == LABEL_PERSON || label != LABEL_PERSON))
    {
      m.canonical = g_strdup (entry->canonical);
      if (label != LABEL_PERSON && known != LABEL_NONE && known != LABEL_NATIONALITY)
        m.label = known;
    }
  if (m.label == LABEL_PERSON)
    {
      guint t = title_before (c, a);
      /* the rules' title where they found this person: they know "U.S." of "U.S. Secretary" */
      for (guint r = 0; c->found && r < c->found->len; r++)
        {
          const EntitiesRuleSpan *rs = &g_array_index (c->found, EntitiesRuleSpan, r);
          if (rs->first == a && rs->label == LABEL_PERSON && rs->title_first < a)
            t = rs->title_first;
          if (rs->first >= a)
            break;
        }
      if (t < a)
        {
          m.title_start = c->tokens[t].start;
          m.title_end = c->tokens[a - 1].end;
        }
    }
  if (!m.canonical && m.label == LABEL_PERSON)
    {
      /* the name without a nickname in quotation marks */
      for (guint i = a + 1; i < b; i++)
        if (is_quote_mark (c, i))
          {
            guint close = i + 1;
            while (close < b && !is_quote_mark (c, close))
              close++;
            if (close >= b)
              break;
            g_autofree char *head = g_strndup (c->text + m.start, c->tokens[i].start - m.start);
            g_autofree char *tail = g_strndup (c->text + c->tokens[close + 1].start, m.end - c->tokens[close + 1].start);
            m.canonical = g_strconcat (g_strchomp (head), " ", tail, NULL);
            break;
          }
    }
  g_array_append_val (c->mentions, m);
}

static const char *
mention_name (const Context *c, const Mention *m, char **owned)
{
  if (m->canonical)
    return m->canonical;
  *owned = g_strndup (c->text + m->start, m->end - m->start);
  return *owned;
}

/* A name the model took for a person but that holds a place or organisation word: in a
 * language the model was not trained on, or one that capitalises its nouns, that word wins
 * ("Métropole de Lyon", "Paseo de la Reforma", "British Antarctic Survey"). */
static Label
not_a_person (const Context *c, guint a, guint b)
{
  for (guint i = a; i <= b; i++)
    {
      if (is_word_in (c, i, c->self->lexicon->org_suffixes))
        return LABEL_ORGANIZATION;
      if (is_word_in (c, i, c->self->lexicon->loc_suffixes) || is_word_in (c, i, c->self->place_words))
        return LABEL_LOCATION;
      const NlpEntry *e = lookup (c, i, i);
      Label l = entry_label (e);
      if (l == LABEL_LOCATION || l == LABEL_ORGANIZATION)
        return l;
    }
  return LABEL_PERSON;
}

/* A name the model took for a person in English, that no given name opens and no title
 * precedes, but whose words say otherwise: it ends in an organisation or place word
 * ("Writers Guild", "Lummi Nation", "Tuileries Garden"), holds a country ("Virgin
 * Australia", "Air France": a company named after it) or ends in a people's name ("Native
 * American").  A person whose surname is such a word is written with a given name ("Grace
 * Park", "Michael Jordan") or a title ("Mr Hill"), which keeps the model's call. */
static Label
english_person_label (const Context *c, guint a, guint b)
{
  if (b == a || title_before (c, a) < a || c->tokens[a].kind != NF_TOKEN_WORD
      || entities_rules_is_given_name (c->self->rules, c->scratch, c->text + c->tokens[a].start,
                                       c->tokens[a].end - c->tokens[a].start))
    return LABEL_PERSON;
  if (is_word_in (c, b, c->self->lexicon->org_suffixes))
    return LABEL_ORGANIZATION;
  if (is_word_in (c, b, c->self->lexicon->loc_suffixes))
    return LABEL_LOCATION;
  if (entry_label (lookup (c, b, b)) == LABEL_NATIONALITY)
    return LABEL_NATIONALITY;
  for (guint i = a; i <= b; i++)
    {
      const NlpEntry *e = lookup (c, i, i);
      if (entry_label (e) != LABEL_LOCATION)
        continue;
      if (e->canonical) /* else the scratch holds the folded word, as looked up */
        fold_into (c->scratch, e->canonical, strlen (e->canonical));
      if (g_hash_table_contains (c->self->countries, c->scratch->str))
        return LABEL_ORGANIZATION;
    }
  return LABEL_PERSON;
}

/* Short mentions take the full name met in the article. */
static void
resolve (Context *c)
{
  g_autoptr (GHashTable) surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) acronyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Mention *ms = (Mention *) c->mentions->data;
  guint n = c->mentions->len;
  for (guint i = 0; i < n; i++)
    {
      Mention *m = &ms[i];
      g_autofree char *owned = NULL;
      const char *name = mention_name (c, m, &owned);
      if (m->label == LABEL_PERSON && m->last > m->first)
        {
          /* the surname, and for Spanish and Portuguese names the first of two surnames */
          for (guint k = m->last; k + 2 >= m->last + 1 && k > m->first; k--)
            {
              const NfToken *t = &c->tokens[k];
              if (!is_capitalised (c, k) || (k < m->last && m->last - m->first < 2))
                break;
              gsize end = k == m->last ? m->end : t->end;
              fold_into (c->scratch, c->text + t->start, end - t->start);
              if (!g_hash_table_contains (surnames, c->scratch->str))
                g_hash_table_insert (surnames, g_strdup (c->scratch->str), g_strdup (name));
              /* "al-Assad" is also "Assad" */
              const char *hyphen = memchr (c->text + t->start, '-', end - t->start);
              if (hyphen && hyphen - (c->text + t->start) <= 3 && hyphen + 1 < c->text + end)
                {
                  fold_into (c->scratch, hyphen + 1, c->text + end - (hyphen + 1));
                  if (!g_hash_table_contains (surnames, c->scratch->str))
                    g_hash_table_insert (surnames, g_strdup (c->scratch->str), g_strdup (name));
                }
            }
        }
      if ((m->label == LABEL_ORGANIZATION || m->label == LABEL_LOCATION) && m->last > m->first
          && m->last + 3 < c->n && tok_is (c, m->last + 1, "(") && tok_is (c, m->last + 3, ")")
          && (c->tokens[m->last + 2].flags & NF_TOKEN_ALL_CAPS))
        {
          /* "Syrian Democratic Forces (SDF)" */
          const NfToken *t = &c->tokens[m->last + 2];
          fold_into (c->scratch, c->text + t->start, t->end - t->start);
          if (!g_hash_table_contains (acronyms, c->scratch->str))
            g_hash_table_insert (acronyms, g_strdup (c->scratch->str), g_strdup_printf ("%d%s", m->label, name));
        }
    }
  for (guint i = 0; i < n; i++)
    {
      Mention *m = &ms[i];
      if (m->last != m->first || m->label == LABEL_NATIONALITY)
        continue;
      fold_into (c->scratch, c->text + m->start, m->end - m->start);
      const char *full = g_hash_table_lookup (surnames, c->scratch->str);
      /* "in Lugo" stays a place even with someone called Lugo about */
      gboolean place = m->first > 0 && (tok_is (c, m->first - 1, "in") || tok_is (c, m->first - 1, "near")
                                        || tok_is (c, m->first - 1, "at") || tok_is (c, m->first - 1, "from"));
      if (full && (m->label == LABEL_PERSON || !place) && (m->label == LABEL_PERSON || !m->canonical))
        {
          m->label = LABEL_PERSON;
          g_free (m->canonical);
          m->canonical = g_strdup (full);
          continue;
        }
      const char *acronym = g_hash_table_lookup (acronyms, c->scratch->str);
      if (acronym && m->label != LABEL_PERSON)
        {
          m->label = (Label) (acronym[0] - '0');
          g_free (m->canonical);
          m->canonical = g_strdup (acronym + 1);
        }
    }
}

/* Words the model left out that the gazetteer calls a nationality ("Turkish ships"). */
static void
add_nationalities (Context *c, const guint8 *tags)
{
  for (guint i = 0; i < c->n; i++)
    if (tags[i] == NLP_NER_O && is_capitalised (c, i) && !(i + 1 < c->n && tags[i + 1] != NLP_NER_O && tags[i + 1] % 2 == 0))
      {
        const NlpEntry *e = lookup (c, i, i);
        if (e && entry_label (e) == LABEL_NATIONALITY)
          {
            Mention m = {
              .start = c->tokens[i].start,
              .end = nlp_strip_possessive (c->text, c->tokens[i].start, c->tokens[i].end),
              .label = LABEL_NATIONALITY,
              .first = i,
              .last = i,
            };
            g_array_append_val (c->mentions, m);
          }
      }
}

static gboolean
is_quote_mark (const Context *c, guint i)
{
  if (c->tokens[i].kind != NF_TOKEN_PUNCT)
    return FALSE;
  gunichar ch = g_utf8_get_char (c->text + c->tokens[i].start);
  return ch == '"' || ch == 0x201C || ch == 0x201D;
}

/* Pieces of one person's name the tagger split: around an initial's period ("David C." +
 * "Lyons") and around a nickname in quotation marks (John "J.D." Dorrian), which stays out
 * of the canonical name. */
static void
join_spans (Context *c, GArray *spans)
{
  for (guint i = 0; i + 1 < spans->len; i++)
    {
      NlpNerSpan *s = &g_array_index (spans, NlpNerSpan, i), *next = s + 1;
      if (s->type != NLP_NER_PER || (next->type != NLP_NER_PER && next->first != next->last))
        continue;
      guint gap = s->last + 1;
      gboolean initial = gap + 1 == next->first && tok_is (c, gap, ".")
                         && c->tokens[s->last].end - c->tokens[s->last].start == 1;
      gboolean nickname = FALSE;
      if (!initial && gap < next->first && is_quote_mark (c, gap) && next->first - gap <= 5
          && is_quote_mark (c, next->first - 1))
        nickname = TRUE;
      if (!initial && !nickname)
        continue;
      s->last = next->last;
      g_array_remove_index (spans, i + 1);
      i--;
    }
}

/* Stacking, second half (the first: the rules' decisions are features of the model): the
 * rules' names meet the model's.
 *   - a name of the rules the model did not touch is kept: the model adds, it does not veto
 *     (its vetoes cost more recall than they gained precision on the development fold);
 *   - where the model found part of a rules' name or the same name, the rules' span and label
 *     win: they join and label by conventions the model does not see ("Woodbridge,
 *     Virginia", "U.S. forces", a state acting as an organisation);
 *   - what the model alone found is kept, except a lone word that is neither an acronym nor
 *     in the gazetteers ("Rewards", "Maintenance": headings and sentence openers). */
static void
take_rules_spans (Context *c, GArray *spans, const GArray *found)
{
  for (guint r = 0; r < found->len; r++)
    {
      const EntitiesRuleSpan *rs = &g_array_index (found, EntitiesRuleSpan, r);
      if (rs->label < 1 || rs->label > 3) /* PERSON, LOCATION, ORGANIZATION = NlpNerType */
        continue;
      /* the first span that does not end before it: the spans' last tokens never decrease
       * (the model's spans are in order and apart, and each merge below keeps them so), so
       * by bisection rather than a walk from the start for each of the rules' names */
      guint a = 0, hi = spans->len;
      while (a < hi)
        {
          guint mid = (a + hi) / 2;
          if (g_array_index (spans, NlpNerSpan, mid).last < rs->first)
            a = mid + 1;
          else
            hi = mid;
        }
      guint b = a;
      while (b < spans->len && g_array_index (spans, NlpNerSpan, b).first <= rs->last)
        b++;
      NlpNerSpan merged = { .first = rs->first, .last = rs->last, .type = rs->label };
      if (a == b)
        {
          g_array_insert_val (spans, a, merged);
          continue;
        }
      const NlpNerSpan *first = &g_array_index (spans, NlpNerSpan, a), *last = &g_array_index (spans, NlpNerSpan, b - 1);
      /* "Pentagon Press Secretary Peter Cook" as one name: the rules' person and title */
      gboolean titled = b - a == 1 && rs->label == LABEL_PERSON && first->first == rs->title_first
                        && first->last == rs->last;
      if (!titled && (first->first < rs->first || last->last > rs->last))
        continue; /* the model's name is longer: its own */
      g_array_remove_range (spans, a, b - a);
      g_array_insert_val (spans, a, merged);
    }
  guint r = 0;
  for (guint i = 0; i < spans->len; i++)
    {
      NlpNerSpan *s = &g_array_index (spans, NlpNerSpan, i);
      while (r < found->len && g_array_index (found, EntitiesRuleSpan, r).last < s->first)
        r++;
      gboolean overlap = r < found->len && g_array_index (found, EntitiesRuleSpan, r).first <= s->last;
      /* a name of the model alone never ends in a title or rank: "Navy Capt", "Army Lt. Gen" are
       * the words before a person's name, the service at most */
      while (!overlap && s->last > s->first)
        {
          guint end = s->last - (tok_is (c, s->last, ".") ? 1 : 0);
          if (end <= s->first || !is_title (c, end))
            break;
          s->last = end - 1;
        }
      if (overlap || s->first != s->last || (c->tokens[s->first].flags & NF_TOKEN_ALL_CAPS) || lookup (c, s->first, s->last))
        continue;
      g_array_remove_index (spans, i);
      i--;
    }
}

/* "United States and Iraq" taken as one name: two names the gazetteer knows, joined by "and"
 * and not known as a whole, are two. */
static void
split_known_pairs (Context *c, GArray *spans)
{
  for (guint i = 0; i < spans->len; i++)
    {
      NlpNerSpan *s = &g_array_index (spans, NlpNerSpan, i);
      if (s->last < s->first + 2 || lookup (c, s->first, s->last))
        continue;
      for (guint k = s->first + 1; k < s->last; k++)
        {
          if (!tok_is (c, k, "and"))
            continue;
          Label left = entry_label (lookup (c, s->first, k - 1));
          Label right = entry_label (lookup (c, k + 1, s->last));
          if ((left != LABEL_LOCATION && left != LABEL_ORGANIZATION) || (right != LABEL_LOCATION && right != LABEL_ORGANIZATION))
            continue;
          NlpNerSpan second = { .first = k + 1, .last = s->last, .type = s->type };
          s->last = k - 1;
          g_array_insert_val (spans, i + 1, second);
          break;
        }
    }
}

/* Long names the gazetteer knows ("Islamic State of Iraq and the Levant") win over the
 * pieces the model may cut them into at "of" or "the" ("Islamic State of Iraq" + "Levant"). */
static void
known_long_names (Context *c, GArray *spans)
{
  for (guint i = 0; i + 2 < c->n; i++)
    {
      if (c->tokens[i].kind != NF_TOKEN_WORD || !(c->tokens[i].flags & NF_TOKEN_CAPITALIZED))
        continue;
      for (guint j = MIN (i + 9, c->n - 1); j >= i + 2; j--)
        {
          if (!(c->tokens[j].flags & NF_TOKEN_CAPITALIZED))
            continue;
          Label label = entry_label (lookup (c, i, j));
          if (label != LABEL_LOCATION && label != LABEL_ORGANIZATION)
            continue;
          NlpNerSpan whole = { .first = i, .last = j, .type = label == LABEL_LOCATION ? NLP_NER_LOC : NLP_NER_ORG };
          guint at = spans->len;
          for (guint k = spans->len; k-- > 0;)
            {
              const NlpNerSpan *s = &g_array_index (spans, NlpNerSpan, k);
              if (s->last < i)
                break;
              if (s->first <= j)
                {
                  g_array_remove_index (spans, k);
                  at = k;
                }
              else
                at = k;
            }
          g_array_insert_val (spans, at, whole);
          i = j;
          break;
        }
    }
}

static int
by_start (gconstpointer a, gconstpointer b)
{
  const Mention *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* The label passes of passes.h: states, groups and peoples, roles; as in rules.c, on this
 * file's mentions. */
static gboolean
is_country (const Context *c, const Mention *m)
{
  if (!m->canonical)
    return FALSE;
  fold_into (c->scratch, m->canonical, strlen (m->canonical));
  return g_hash_table_contains (c->self->countries, c->scratch->str);
}

/* The view of a mention entities_role_sweep_to asks for (passes.h). */
static void
view_mention (gconstpointer mentions, guint k, EntitiesMentionView *view)
{
  const Mention *m = &((const Mention *) mentions)[k];
  *view = (EntitiesMentionView) { m->first, m->last, m->label == LABEL_PERSON, m->title_start, m->title_end };
}

static void
label_passes (Context *c)
{
  EntitiesTokens t = { .text = c->text, .tokens = c->tokens, .n = c->n };
  for (guint i = 0; i < c->mentions->len; i++)
    {
      Mention *m = &g_array_index (c->mentions, Mention, i);
      gboolean country = m->label == LABEL_LOCATION && is_country (c, m);
      gboolean organisation = m->label == LABEL_ORGANIZATION;
      if (m->label != LABEL_NATIONALITY && !country && !organisation)
        continue;
      guint group = entities_group_end (&t, m->last, c->self->group_nouns);
      if (group && (i + 1 >= c->mentions->len || g_array_index (c->mentions, Mention, i + 1).first > group))
        {
          /* "Iraqi security forces", "U.S. forces", "ISIL fighters": the group, named as
           * written */
          m->last = group;
          m->end = nlp_strip_possessive (c->text, c->tokens[group].start, c->tokens[group].end);
          m->label = LABEL_ORGANIZATION;
          g_clear_pointer (&m->canonical, g_free);
        }
      else if (m->label == LABEL_NATIONALITY && m->first == m->last && entities_is_people (&t, m->first))
        m->label = LABEL_ORGANIZATION;
      else if (country && entities_acts_as_state (&t, m->first, m->last))
        m->label = LABEL_ORGANIZATION;
    }

  /* "the Secretary of State": the person who last bore that title, or the title itself.
   * As in rules.c: the mentions swept once (passes.h), the roles merged in at the end, each
   * after the mentions that open within it. */
  EntitiesRoleSweep sweep;
  entities_role_sweep_init (&sweep);
  g_autoptr (GArray) roles = g_array_new (FALSE, FALSE, sizeof (Mention));
  for (guint i = 1; i < c->n; i++)
    {
      guint last = entities_role_end (&t, i, c->self->lexicon->titles);
      if (!last)
        continue;
      entities_role_sweep_to (&sweep, c->text, c->mentions->data, c->mentions->len, view_mention, i);
      if (sweep.max_last > i)
        continue; /* inside a mention */
      guint head = entities_role_head (&t, i, last);
      guint bearer = entities_role_sweep_bearer (&sweep, c->text + c->tokens[head].start,
                                                 nlp_strip_possessive (c->text, c->tokens[head].start, c->tokens[head].end)
                                                   - c->tokens[head].start);
      g_autofree char *owned = NULL;
      const char *person = bearer ? mention_name (c, &g_array_index (c->mentions, Mention, bearer - 1), &owned) : NULL;
      Mention m = {
        .start = c->tokens[i].start,
        .end = nlp_strip_possessive (c->text, c->tokens[last].start, c->tokens[last].end),
        .label = LABEL_PERSON,
        .canonical = owned ? g_steal_pointer (&owned) : g_strdup (person),
        .first = i,
        .last = last,
      };
      g_array_append_val (roles, m);
      i = last;
    }
  entities_role_sweep_clear (&sweep);
  entities_role_merge (c->mentions, roles, view_mention);
}

static void
clear_mention (gpointer data)
{
  g_free (((Mention *) data)->canonical);
}

gboolean
entities_tagger_process (gconstpointer instance, NfArticle *article)
{
  const Entities *self = instance;
  const char *text = nf_article_get_text (article);
  if (!text)
    return TRUE;
  const NfText *segmentation = nf_article_get_segmentation (article);
  g_autoptr (GString) scratch = g_string_sized_new (64);
  g_autoptr (GArray) mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  g_array_set_clear_func (mentions, clear_mention);
  Context c = { .self = self, .text = text, .scratch = scratch, .mentions = mentions };
  c.tokens = nf_text_get_tokens (segmentation, &c.n);
  const char *language = nf_article_get_language (article);
  /* the model reads English capitalisation; elsewhere a place or organisation word in a
   * "person" decides */
  gboolean foreign = language && strcmp (language, "en") != 0;

  g_autofree guint8 *tags = g_new (guint8, MAX (c.n, 1));
  g_autofree guint8 *hints = g_new0 (guint8, MAX (c.n, 1));
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (EntitiesRuleSpan));
  entities_rules_spans (self->rules, text, c.tokens, c.n, language, found);
  c.found = found;
  for (guint i = 0; i < found->len; i++)
    {
      const EntitiesRuleSpan *r = &g_array_index (found, EntitiesRuleSpan, i);
      nlp_ner_hints (hints, c.n, r->first, r->last, r->label);
    }
  /* with no gold tags the model is only read */
  nlp_ner_tag (self->model, self->lexicon, text, c.tokens, c.n, hints, NULL, tags);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (NlpNerSpan));
  nlp_ner_spans (tags, c.n, spans);
  join_spans (&c, spans);
  take_rules_spans (&c, spans, found);
  known_long_names (&c, spans);
  split_known_pairs (&c, spans);
  for (guint i = 0; i < spans->len; i++)
    {
      const NlpNerSpan *s = &g_array_index (spans, NlpNerSpan, i);
      Label label = s->type == NLP_NER_PER ? LABEL_PERSON : s->type == NLP_NER_LOC ? LABEL_LOCATION : LABEL_ORGANIZATION;
      if (label == LABEL_PERSON)
        label = foreign ? not_a_person (&c, s->first, s->last) : english_person_label (&c, s->first, s->last);
      add_mention (&c, s->first, s->last, label);
    }
  add_nationalities (&c, tags);
  g_array_sort (mentions, by_start);
  resolve (&c);
  label_passes (&c);

  /* Annotations, and the distinct entities in order of first mention. */
  EntitiesList *list = entities_list_new ();
  for (guint i = 0; i < mentions->len; i++)
    {
      Mention *m = &g_array_index (mentions, Mention, i);
      if (m->label == LABEL_NONE || !self->report[m->label] || m->end <= m->start)
        continue;
      g_autofree char *owned = NULL;
      const char *name = mention_name (&c, m, &owned);
      NfAnnotation *a = nf_article_add_annotation (article, NF_ANNOTATION_ENTITY, m->start, m->end);
      nf_annotation_set_attr_string (a, NF_ATTR_LABEL, label_names[m->label]);
      nf_annotation_set_attr_string (a, NF_ATTR_CANONICAL, name);
      if (m->title_end > m->title_start)
        {
          g_autofree char *title = g_strndup (text + m->title_start, m->title_end - m->title_start);
          nf_annotation_set_attr_string (a, NF_ATTR_TITLE, title);
        }
      entities_list_add (list, name, label_names[m->label]);
    }

  nf_article_set_field (article, NF_FIELD_ENTITIES, entities_list_end (list));
  return TRUE;
}

