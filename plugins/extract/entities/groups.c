/* entities/groups.c: organised groups named by a nationality, a country or an organisation
 * and a group noun ("Iraqi security forces", "U.S. forces", "the Syrian opposition", "the
 * French government", "ISIL fighters") and peoples ("Syrians", "Iraqis") are organisations, as re3d and ACE annotate them; the
 * nationality alone ("an Iraqi official") stays a nationality. */
#include <string.h>

#include "passes.h"
#include "nlp/lexicon.h"

/* lower-case words allowed between the nationality and the head noun */
static const char *const modifiers[] = {
  "security", "military", "armed", "special", "ground", "air", "naval", "coalition",
  "opposition", "government", "service", "local", "partner", "allied", "defense", "defence",
  "police", "border", "federal", "interim", "transitional", "elite", "regular", "counterterrorism",
  "tactical", "terrorist", "member", NULL,
};

static gboolean
is_head (const EntitiesTokens *t, guint i, GHashTable *heads)
{
  if (i >= t->n || t->tokens[i].kind != NF_TOKEN_WORD || (t->tokens[i].flags & NF_TOKEN_CAPITALIZED))
    return FALSE;
  gsize end = nlp_strip_possessive (t->text, t->tokens[i].start, t->tokens[i].end);
  return nlp_word_set_has_text (heads, t->text + t->tokens[i].start, end - t->tokens[i].start);
}

/* nouns that make the group a modifier: "ISIL military commander", "U.S. military officials" */
static const char *const after_head[] = {
  "commander", "commanders", "leader", "leaders", "leadership", "official", "officials",
  "officer", "officers", "spokesman", "spokeswoman", "spokesperson", "chief", "chiefs",
  "personnel", "vehicle", "vehicles", "headquarters", "base", "bases", "position", "positions",
  "target", "targets", "equipment", "operations", "operation", "training", "aircraft",
  "adviser", "advisers", "advisor", "advisors", "member", "members", "staff", "sources", NULL,
};

guint
entities_group_end (const EntitiesTokens *t, guint last, GHashTable *heads)
{
  if (entities_tok_possessive (t, last))
    return 0;
  /* up to two modifiers, then the head; the longest that ends in a head ("service members") */
  guint found = 0;
  for (guint k = last + 1; k < t->n && k <= last + 3; k++)
    {
      if (is_head (t, k, heads))
        found = k;
      if (entities_tok_possessive (t, k) || !(entities_tok_in (t, k, modifiers) || is_head (t, k, heads)))
        break;
    }
  if (found && (is_head (t, found + 1, heads) || entities_tok_in (t, found + 1, after_head)))
    return 0;
  return found;
}

gboolean
entities_is_people (const EntitiesTokens *t, guint i)
{
  /* plural demonyms end in s ("Syrians", "Turks", "Iraqis"); "Swiss" and "Yemenis"... the
   * singular adjectives that end in s are few and not plural forms of another word */
  if (i >= t->n || t->tokens[i].kind != NF_TOKEN_WORD)
    return FALSE;
  gsize end = nlp_strip_possessive (t->text, t->tokens[i].start, t->tokens[i].end);
  gsize length = end - t->tokens[i].start;
  const char *w = t->text + t->tokens[i].start;
  if (length < 4 || w[length - 1] != 's' || w[length - 2] == 's')
    return FALSE;
  /* an adjective before a noun is not a people: "Syrians" never is, but be safe */
  return TRUE;
}
