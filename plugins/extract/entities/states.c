/* entities/states.c: a country is a place or a state.  News names a country as the state
 * when it acts: the subject of a verb ("the United States remains committed", "Today, the
 * United States and Iraq signed"), a partner or adversary ("with the United States",
 * "against the United States"), an owner ("Iraq's work"), a modifier of what it does
 * ("U.S. support", "a U.S. strike").  After a place preposition ("in Syria", "to Iraq",
 * "across Syria and Iraq") or with an article or adjective before it ("a future Syria") it
 * is the place; that stays the default when nothing says otherwise. */
#include <string.h>

#include "passes.h"
#include "nlp/lexicon.h"

static const char *const place_prepositions[] = {
  "in", "at", "near", "from", "to", "into", "across", "inside", "outside", "throughout",
  "around", "toward", "towards", "within", "via", "through", "over", "of", "rid", "a", "an",
  "new", "future", "free", "democratic", "northern", "southern", "eastern", "western",
  "central", "visit", "visited", "visits", "visiting", NULL,
};

/* words after which a country is a party to something, not a place */
static const char *const party_before[] = {
  "with", "against", "by", "between", "support", "supports", "supported", "join", "joins",
  "joined", "include", "includes", "including", "urge", "urges", "urged", "thank", "thanks",
  "for", "as", NULL,
};

/* verbs and auxiliaries a state is the subject of */
static const char *const verbs_after[] = {
  "is", "was", "has", "have", "had", "will", "would", "can", "could", "should", "must",
  "may", "might", "shall", "does", "did", "remains", "remained", "continues", "continued",
  "supports", "supported", "stands", "stood", "condemns", "condemned", "welcomes",
  "welcomed", "calls", "called", "urges", "urged", "signed", "signs", "says", "said",
  "announced", "announces", "agreed", "agrees", "believes", "believe", "recognizes",
  "recognises", "recognized", "recognised", "rejects", "rejected", "wants", "wanted",
  "needs", "plans", "intends", "seeks", "sought", "provides", "provided", "committed",
  "pledged", "pledges", "joined", "joins", "opposes", "opposed", "sent", "sends", "also",
  "continue", "addresses", "hosted", "hosts", "imposed", "imposes", "launched", NULL,
};

static gboolean
is_list_word (const EntitiesTokens *t, guint i)
{
  return entities_tok_is (t, i, ",") || entities_tok_is (t, i, "and") || entities_tok_is (t, i, "or")
         || entities_tok_is (t, i, "the")
         || (t->tokens[i].kind == NF_TOKEN_WORD && (t->tokens[i].flags & NF_TOKEN_CAPITALIZED)
             && !(t->tokens[i].flags & NF_TOKEN_SENTENCE_START));
}

gboolean
entities_acts_as_state (const EntitiesTokens *t, guint first, guint last)
{
  /* the word before, over "the" and over a list of names before this one ("across Syria
   * and Iraq", "include Australia, Belgium, Canada") */
  guint before = first;
  while (before > 0 && entities_tok_is (t, before - 1, "the"))
    before--;
  guint p = before;
  for (guint steps = 0; p > 0 && steps < 40 && is_list_word (t, p - 1); steps++)
    p--;
  gboolean in_list = p < before;
  if (p > 0 && entities_tok_in (t, p - 1, place_prepositions))
    return FALSE;
  /* "Raqqah, Syria": a place's country */
  if (before >= 2 && entities_tok_is (t, before - 1, ",") && (t->tokens[before - 2].flags & NF_TOKEN_CAPITALIZED)
      && !in_list)
    return FALSE;
  if (entities_tok_possessive (t, last))
    return TRUE;
  if (before > 0 && entities_tok_in (t, before - 1, party_before))
    return TRUE;
  if (in_list && p > 0 && entities_tok_in (t, p - 1, party_before))
    return TRUE;
  /* the verb after it, or after the list it ends or opens ("the United States and Iraq
   * signed") */
  guint q = last + 1;
  for (guint steps = 0; q < t->n && steps < 40 && (entities_tok_is (t, q, ",") || entities_tok_is (t, q, "and")
                                                 || entities_tok_is (t, q, "the")
                                                 || (t->tokens[q].flags & NF_TOKEN_CAPITALIZED)); steps++)
    q++;
  if (q < t->n && entities_tok_in (t, q, verbs_after))
    return TRUE;
  /* "U.S. support", "a U.S. strike": a modifier of a common noun */
  if (last + 1 < t->n && t->tokens[last + 1].kind == NF_TOKEN_WORD
      && !(t->tokens[last + 1].flags & NF_TOKEN_CAPITALIZED) && !entities_tok_possessive (t, last)
      && !entities_tok_in (t, last + 1, (const char *const[]) { "and", "or", "of", "in", "to", "on", "at", "from", "for", "with", NULL }))
    return TRUE;
  return FALSE;
}

GHashTable *
entities_countries_load (GError **error)
{
  g_autoptr (GHashTable) gazetteer = nlp_gazetteer_new ();
  if (!nlp_gazetteer_load (gazetteer, "gazetteers/countries.txt", error)
      || !nlp_gazetteer_load (gazetteer, "gazetteers/countries-en.txt", error))
    return NULL;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer value;
  g_autoptr (GString) folded = g_string_new (NULL);
  g_hash_table_iter_init (&iter, gazetteer);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const NlpEntry *entry = value;
      g_string_truncate (folded, 0);
      nlp_fold_append (folded, entry->canonical, strlen (entry->canonical));
      g_hash_table_add (set, g_strdup (folded->str));
    }
  return set;
}
