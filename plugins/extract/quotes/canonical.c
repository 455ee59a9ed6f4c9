/* canonical.c: names made canonical (titles and role words off, surnames and misspelt
 * surnames to the full name) and their gender. */
#include <string.h>

#include "quotes.h"

int
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

const char *
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
void
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
