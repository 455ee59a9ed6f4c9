/* entities/roles.c: a capitalised title used alone refers to a person: "the Prime Minister
 * said", "the Secretary of State", "the Deputy Secretary".  The title must follow "the", be
 * made of title words (gazetteers/titles.txt) with at most one "of"/"for" and a capitalised
 * word or two after it ("of State", "for Europe", "of the Exchequer"), and no name may follow it (then it is the
 * title of that name: "the Prime Minister Keir Starmer"). */
#include <string.h>

#include "passes.h"
#include "nlp/lexicon.h"

static gboolean
is_title (const EntitiesTokens *t, guint i, GHashTable *titles)
{
  if (i >= t->n || t->tokens[i].kind != NF_TOKEN_WORD || !(t->tokens[i].flags & NF_TOKEN_CAPITALIZED))
    return FALSE;
  gsize end = nlp_strip_possessive (t->text, t->tokens[i].start, t->tokens[i].end);
  return nlp_word_set_has_text (titles, t->text + t->tokens[i].start, end - t->tokens[i].start);
}

/* the words that can head a role on their own: a title word that is only a modifier
 * ("Deputy", "Foreign", "Vice") cannot */
static const char *const heads[] = {
  "president", "minister", "secretary", "chancellor", "premier", "king", "queen", "prince",
  "princess", "pope", "ambassador", "governor", "mayor", "commander", "director", "chairman",
  "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson", "envoy", "emir", "sheikh",
  "general", "admiral", "attorney", "speaker", "senator", "judge", NULL,
};

guint
entities_role_end (const EntitiesTokens *t, guint i, GHashTable *titles)
{
  /* asked of every token: most are no capitalised word, so no title (is_title below) */
  if (i >= t->n || t->tokens[i].kind != NF_TOKEN_WORD || !(t->tokens[i].flags & NF_TOKEN_CAPITALIZED))
    return 0;
  if (i == 0 || !(entities_tok_is (t, i - 1, "the") || entities_tok_is (t, i - 1, "The")))
    return 0;
  guint k = i;
  while (is_title (t, k, titles))
    k++;
  if (k == i)
    return 0;
  guint last = k - 1;
  /* "of State", "for Europe", "of Defense": one connector and its capitalised words */
  guint after = k + 1;
  /* "of the Exchequer" */
  if (entities_tok_is (t, after, "the") && after + 1 < t->n && (t->tokens[after + 1].flags & NF_TOKEN_CAPITALIZED))
    after++;
  if ((entities_tok_is (t, k, "of") || entities_tok_is (t, k, "for")) && after < t->n
      && (t->tokens[after].flags & NF_TOKEN_CAPITALIZED) && !entities_tok_is (t, after, "The"))
    {
      guint j = after;
      while (j < t->n && j <= after + 1 && t->tokens[j].kind == NF_TOKEN_WORD && (t->tokens[j].flags & NF_TOKEN_CAPITALIZED))
        j++;
      last = j - 1;
    }
  /* a name after it makes it that name's title */
  if (last + 1 < t->n && t->tokens[last + 1].kind == NF_TOKEN_WORD
      && (t->tokens[last + 1].flags & NF_TOKEN_CAPITALIZED) && !entities_tok_possessive (t, last))
    return 0;
  if (!entities_tok_in (t, entities_role_head (t, i, last), heads))
    return 0;
  return last;
}

guint
entities_role_head (const EntitiesTokens *t, guint first, guint last)
{
  for (guint k = first; k <= last; k++)
    if (entities_tok_is (t, k, "of") || entities_tok_is (t, k, "for"))
      return k - 1;
  return last;
}

gboolean
entities_title_has_word (const char *title, gsize title_length, const char *word, gsize word_length)
{
  for (const char *p = title; p + word_length <= title + title_length; p++)
    if ((p == title || p[-1] == ' ') && memcmp (p, word, word_length) == 0
        && (p + word_length == title + title_length || p[word_length] == ' '))
      return TRUE;
  return FALSE;
}

void
entities_role_sweep_init (EntitiesRoleSweep *sweep)
{
  *sweep = (EntitiesRoleSweep) { .titled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
}

void
entities_role_sweep_clear (EntitiesRoleSweep *sweep)
{
  g_clear_pointer (&sweep->titled, g_hash_table_unref);
}

void
entities_role_sweep_to (EntitiesRoleSweep *sweep, const char *text, gconstpointer mentions, guint n,
                        EntitiesViewFunc view, guint i)
{
  EntitiesMentionView m;
  for (; sweep->next < n; sweep->next++)
    {
      view (mentions, sweep->next, &m);
      if (m.first > i)
        break;
      sweep->max_last = MAX (sweep->max_last, m.last + 1);
      if (!m.person || m.title_end == m.title_start)
        continue;
      /* each word between the title's spaces, as entities_title_has_word matches them */
      const char *end = text + m.title_end;
      for (const char *w = text + m.title_start; w < end;)
        {
          const char *space = memchr (w, ' ', end - w);
          const char *stop = space ? space : end;
          if (stop > w)
            g_hash_table_insert (sweep->titled, g_strndup (w, stop - w), GUINT_TO_POINTER (sweep->next + 1));
          w = stop + 1;
        }
    }
}

guint
entities_role_sweep_bearer (EntitiesRoleSweep *sweep, const char *head, gsize length)
{
  g_autofree char *key = g_strndup (head, length);
  return GPOINTER_TO_UINT (g_hash_table_lookup (sweep->titled, key));
}

void
entities_role_merge (GArray *mentions, GArray *roles, EntitiesViewFunc view)
{
  if (roles->len == 0)
    return;
  guint size = g_array_get_element_size (mentions);
  GArray *merged = g_array_sized_new (FALSE, FALSE, size, mentions->len + roles->len);
  EntitiesMentionView m, role;
  guint k = 0;
  for (guint r = 0; r < roles->len; r++)
    {
      view (roles->data, r, &role);
      for (; k < mentions->len; k++)
        {
          view (mentions->data, k, &m);
          if (m.first > role.last)
            break;
          g_array_append_vals (merged, mentions->data + (gsize) k * size, 1);
        }
      g_array_append_vals (merged, roles->data + (gsize) r * size, 1);
    }
  g_array_append_vals (merged, mentions->data + (gsize) k * size, mentions->len - k);
  /* (overwritten in place, then grown: shrinking or clearing would free what moved) */
  guint old = mentions->len;
  memcpy (mentions->data, merged->data, (gsize) old * size);
  g_array_append_vals (mentions, merged->data + (gsize) old * size, merged->len - old);
  g_array_unref (merged);
  g_array_set_size (roles, 0);
}
