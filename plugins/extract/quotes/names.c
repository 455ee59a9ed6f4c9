/* names.c: the names of an article, sorted by position: entity annotations or capitalised
 * runs, and people with a known given name the tagger missed. */
#include <string.h>

#include "quotes.h"

void
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
  index_name_added (c, &n);
}

gboolean
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

/* Without entity annotations: runs of capitalised words that are not titles or function
 * words are names; a run of one word takes the longest earlier-or-later run ending in it. */
void
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

gint
compare_names (gconstpointer a, gconstpointer b)
{
  const Name *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* People the entity tagger missed: a known given name and the capitalised words after it
 * ("Kendra Bishop", though "Bishop" is a title), then those surnames alone.  Only names
 * that are surely people are added, so nothing here can take a pronoun from a real one. */
void
names_supplement (Context *c)
{
  guint added = 0, before = c->names->len;
  for (guint i = 0; i + 1 < c->n; i++)
    {
      const NfToken *t = &c->tokens[i];
      if (t->kind != NF_TOKEN_WORD || !(t->flags & NF_TOKEN_CAPITALIZED) || (t->flags & NF_TOKEN_ALL_CAPS))
        continue;
      if (tok_gender (c, i) == GENDER_UNKNOWN)
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
  /* their surnames alone: a word that is the last word of one of them (the first added, if
   * several), unless it lies in an added name that comes before that one */
  g_autoptr (GHashTable) surnames = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = before + added; k-- > before;)
    g_hash_table_insert (surnames, (gpointer) last_word (g_array_index (c->names, Name, k).canonical),
                         GUINT_TO_POINTER (k));
  for (guint i = 0; i < c->n; i++)
    {
      const NfToken *t = &c->tokens[i];
      if (t->kind != NF_TOKEN_WORD || !(t->flags & NF_TOKEN_CAPITALIZED))
        continue;
      gsize end = nlp_strip_possessive (c->text, t->start, t->end);
      g_autofree char *word = g_strndup (c->text + t->start, end - t->start);
      gpointer found;
      if (!g_hash_table_lookup_extended (surnames, word, NULL, &found))
        continue;
      guint k = GPOINTER_TO_UINT (found);
      /* the added names are in text order and do not overlap: the one the word is in */
      guint lo = before, hi = before + added;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (g_array_index (c->names, Name, mid).start <= t->start)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo > before && lo - 1 <= k && t->start < g_array_index (c->names, Name, lo - 1).end)
        continue;
      if (!covered_by_name (c, t->start, end))
        {
          g_autofree char *canonical = g_strdup (g_array_index (c->names, Name, k).canonical);
          add_name (c, t->start, end, canonical, NULL, TRUE);
        }
    }
  g_array_sort (c->names, compare_names);
  index_names_sorted (c);
}
