/* entities/passes.c: the word tests the label passes (states.c, groups.c, roles.c) share. */
#include <string.h>

#include "passes.h"
#include "nlp/lexicon.h"

gboolean
entities_tok_is (const EntitiesTokens *t, guint i, const char *word)
{
  if (i >= t->n)
    return FALSE;
  gsize length = t->tokens[i].end - t->tokens[i].start;
  return strlen (word) == length && memcmp (t->text + t->tokens[i].start, word, length) == 0;
}

gboolean
entities_tok_in (const EntitiesTokens *t, guint i, const char *const *words)
{
  if (i >= t->n || t->tokens[i].kind != NF_TOKEN_WORD)
    return FALSE;
  /* "Minister's" is "minister" */
  gsize length = nlp_strip_possessive (t->text, t->tokens[i].start, t->tokens[i].end) - t->tokens[i].start;
  if (length > 32)
    return FALSE;
  char folded[33];
  for (gsize k = 0; k < length; k++)
    folded[k] = g_ascii_tolower (t->text[t->tokens[i].start + k]);
  folded[length] = '\0';
  for (const char *const *w = words; *w; w++)
    if (strcmp (folded, *w) == 0)
      return TRUE;
  return FALSE;
}

gboolean
entities_tok_possessive (const EntitiesTokens *t, guint i)
{
  return i < t->n && nlp_strip_possessive (t->text, t->tokens[i].start, t->tokens[i].end) < t->tokens[i].end;
}
