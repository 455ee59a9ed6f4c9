/* entities.h: the two ways extract "entities" finds names, behind one plugin (entities.c):
 * rules and gazetteers (rules.c, the default) and a learned tagger (tagger.c, model = "...").
 * Both write the same annotations: type "entity", attributes "label" (PERSON, LOCATION,
 * ORGANIZATION, NATIONALITY), "canonical" and, when one was written, "title"; and the
 * "entities" field listing the distinct ones ({name, label, mentions}). */
#ifndef ENTITIES_ENTITIES_H
#define ENTITIES_ENTITIES_H

#include <newsflow/newsflow.h>

G_BEGIN_DECLS

gpointer entities_rules_new      (cfg_t *cfg, GError **error);
/* A worker thread's buffers for the rules' work, kept from one article to the next. */
typedef struct _EntitiesRulesWorker EntitiesRulesWorker;
EntitiesRulesWorker *entities_rules_worker_new  (void);
void                 entities_rules_worker_free (EntitiesRulesWorker *worker);
gboolean entities_rules_process  (gconstpointer instance, EntitiesRulesWorker *worker, NfArticle *article);
void     entities_rules_free     (gpointer instance);

/* The rules without a stage, for stacking under the tagger (the tagger and newsflow-train
 * give what the rules found to the model as features): every label reported. */
gpointer entities_rules_new_lists (const char *const *gazetteers, gboolean shipped, GError **error);
/* A name the rules found: tokens [first, last] without title or possessive; label 1 PERSON,
 * 2 LOCATION, 3 ORGANIZATION, 4 NATIONALITY; a person's title from token title_first (first
 * when none). */
typedef struct {
  guint  first, last;
  guint  title_first;
  guint8 label;
} EntitiesRuleSpan;
/* Appends the names the rules find in the @n @tokens of @text to @spans, in text order. */
void     entities_rules_spans    (gconstpointer instance, const char *text, const NfToken *tokens, guint n,
                                  const char *language, GArray *spans);

/* Whether @word (@length bytes) is a common given name ("John", "Julie"), as the rules'
 * lists (gazetteers/female-names.txt, male-names.txt) have it; @scratch is working space. */
gboolean entities_rules_is_given_name (gconstpointer instance, GString *scratch, const char *word, gsize length);

/* @model: a path, or a file of the data directory ("models/entities-en.model"). */
gpointer entities_tagger_new     (cfg_t *cfg, const char *model, GError **error);
gboolean entities_tagger_process (gconstpointer instance, NfArticle *article);
void     entities_tagger_free    (gpointer instance);

G_END_DECLS

#endif /* ENTITIES_ENTITIES_H */
