/* passes.h: decisions about a mention's label taken from the words around it, shared by the
 * rules (rules.c) and the tagger (tagger.c); each works on the shared segmentation only.
 *   states.c  a country that acts ("the United States remains committed", "U.S. support") is
 *             the state, an organisation; after a place preposition ("in Syria") the place;
 *   groups.c  a nationality or country with a group noun ("Iraqi security forces", "U.S.
 *             forces", "the Syrian opposition") and a people ("Syrians") are organisations;
 *   roles.c   a capitalised title used alone as a referent ("the Prime Minister", "the
 *             Secretary of State") is a person.
 * These follow the convention of the re3d annotations the project is measured with
 * (../shared/bench/text) and of ACE-style "GPE as organisation". */
#ifndef ENTITIES_PASSES_H
#define ENTITIES_PASSES_H

#include <string.h>

#include <newsflow/newsflow.h>

G_BEGIN_DECLS

typedef struct {
  const char    *text;
  const NfToken *tokens;
  guint          n;
} EntitiesTokens;

/* TRUE when the word @i is exactly @word (case-sensitive).  Inline: the passes ask it of
 * nearly every token ("the" before a title). */
static inline gboolean
entities_tok_is (const EntitiesTokens *t, guint i, const char *word)
{
  if (i >= t->n)
    return FALSE;
  gsize length = t->tokens[i].end - t->tokens[i].start;
  /* the first byte first: most tokens differ there, and strlen is then not needed */
  return length > 0 && t->text[t->tokens[i].start] == *word && strlen (word) == length
         && memcmp (t->text + t->tokens[i].start, word, length) == 0;
}
/* TRUE when the word @i, lower-cased, is one of @words (a NULL-terminated list). */
gboolean entities_tok_in        (const EntitiesTokens *t, guint i, const char *const *words);
/* TRUE when the word @i carries a possessive ("Iraq's", "Forces'"). */
gboolean entities_tok_possessive (const EntitiesTokens *t, guint i);

/* states.c: the folded canonical names of the countries of gazetteers/countries.txt. */
GHashTable *entities_countries_load (GError **error);
/* states.c: TRUE when the country named by tokens [@first, @last] acts as a state. */
gboolean entities_acts_as_state (const EntitiesTokens *t, guint first, guint last);

/* groups.c: the last token of the group noun phrase that a nationality or country at
 * tokens [@first, @last] opens ("Iraqi security forces" -> "forces"), or 0 when none;
 * @heads: folded group head nouns (gazetteers/group-nouns.txt). */
guint    entities_group_end     (const EntitiesTokens *t, guint last, GHashTable *heads);
/* TRUE when the nationality word @i names a people ("Syrians", "Iraqis"), not an adjective. */
gboolean entities_is_people     (const EntitiesTokens *t, guint i);

/* roles.c: when a lone capitalised title starts at @i ("Prime Minister" after "the"), the
 * index of its last token, else 0; @titles: folded title words (gazetteers/titles.txt). */
guint    entities_role_end      (const EntitiesTokens *t, guint i, GHashTable *titles);
/* The head of the role [@first, @last] ("Secretary" in "Secretary of State"): its index. */
guint    entities_role_head     (const EntitiesTokens *t, guint first, guint last);
/* TRUE when @word is one of the space-separated words of @title ("Secretary" in "Foreign
 * Secretary"): the role's head found in the title a person bore. */
gboolean entities_title_has_word (const char *title, gsize title_length, const char *word,
                                  gsize word_length);

/* roles.c: the mentions before a token, swept once in order as the token advances, for the
 * pass that gives a lone title its bearer ("the Defence Secretary": the person who last bore
 * a title with that head word), so that it asks each mention once and not once for each
 * role (quadratic in a long article).  The caller describes its mentions through @view. */
typedef struct {
  guint    first, last;              /* tokens */
  gboolean person;
  gsize    title_start, title_end;   /* the title before the name, or equal when none */
} EntitiesMentionView;
typedef void (*EntitiesViewFunc) (gconstpointer mentions, guint k, EntitiesMentionView *view);
typedef struct {
  guint       next;     /* mentions [0, next) are swept: those opening at or before the token */
  guint       max_last; /* the furthest last token among them, + 1 (0: none) */
  GHashTable *titled;   /* a word of a person's title, as written -> the mention's index + 1 */
} EntitiesRoleSweep;
void  entities_role_sweep_init  (EntitiesRoleSweep *sweep);
void  entities_role_sweep_clear (EntitiesRoleSweep *sweep);
/* Sweeps @mentions (@n of them) up to those opening after token @i.  Then token @i is inside
 * a mention when sweep->max_last > @i. */
void  entities_role_sweep_to    (EntitiesRoleSweep *sweep, const char *text, gconstpointer mentions, guint n,
                                 EntitiesViewFunc view, guint i);
/* The index + 1 of the last swept person whose title has the word @head (@length bytes), or
 * 0 (entities_title_has_word's question). */
guint entities_role_sweep_bearer (EntitiesRoleSweep *sweep, const char *head, gsize length);

/* Merges @roles (found in order by the roles' pass) into @mentions: each after the mentions
 * that open within it, before those that open after it (where inserting it then would have
 * put it), in one pass.  Elements are moved, not copied: @mentions' clear function, if any,
 * is not called; @roles is emptied. */
void  entities_role_merge       (GArray *mentions, GArray *roles, EntitiesViewFunc view);

/* passes.c: the "entities" field, one entry per distinct name in order of first mention.
 * A name whose mentions carry different labels ("Ukraine" the state and the place) is
 * listed once, with the label most of them carry; each annotation keeps its own. */
typedef struct _EntitiesList EntitiesList;
EntitiesList *entities_list_new (void);
/* @label: a static string (the label names of rules.c and tagger.c) */
void          entities_list_add (EntitiesList *list, const char *name, const char *label);
/* The field's value (aa{sv}: name, label, mentions); frees @list. */
GVariant     *entities_list_end (EntitiesList *list);

G_END_DECLS

#endif /* ENTITIES_PASSES_H */
