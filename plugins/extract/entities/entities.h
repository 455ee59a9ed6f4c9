/* entities.h: the two ways extract "entities" finds names, behind one plugin (entities.c):
 * rules and gazetteers (rules.c, the default) and a learned tagger (tagger.c, model = "...").
 * Both write the same annotations: type "entity", attributes "label" (PERSON, LOCATION,
 * ORGANIZATION, NATIONALITY), "canonical" and, when one was written, "title"; and the
 * "entities" field listing the distinct ones ({name, label, mentions}). */
#ifndef ENTITIES_ENTITIES_H
#define ENTITIES_ENTITIES_H

#include <newsflow/newsflow.h>

G_BEGIN_DECLS

gpointer entities_rules_new      (NfStage *stage, cfg_t *cfg, GError **error);
gboolean entities_rules_process  (gconstpointer instance, NfArticle *article);
void     entities_rules_free     (gpointer instance);

/* @model: a path, or a file of the data directory ("models/entities-en.model"). */
gpointer entities_tagger_new     (NfStage *stage, cfg_t *cfg, const char *model, GError **error);
gboolean entities_tagger_process (gconstpointer instance, NfArticle *article);
void     entities_tagger_free    (gpointer instance);

G_END_DECLS

#endif /* ENTITIES_ENTITIES_H */
