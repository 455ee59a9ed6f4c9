/* extract "entities": people, places, organisations and nationalities as "entity"
 * annotations with a canonical name, plus an "entities" field listing the distinct ones.
 *
 * Two ways to find them (entities.h): by default the rules and gazetteers of rules.c; with
 * model = "models/entities-en.model" (shipped) or a model of your own (trained with
 * `newsflow-train entities`, docs/training.md), the learned tagger of tagger.c, stacked on the
 * rules.  The model is loaded once in init and only read by the workers. */
#include <newsflow/newsflow.h>

#include "entities.h"

static const NfOption entities_options[] = {
  NF_OPTION_STR ("model", NULL,
                 "A learned tagger's model to find names with, stacked on the rules: a path, or a "
                 "file in the data directory (\"models/entities-en.model\" is shipped). Train one "
                 "with `newsflow-train entities` (docs/training.md). Unset: rules and gazetteers."),
  NF_OPTION_STR_LIST ("gazetteers", NULL,
                      "Extra gazetteer files, one entry a line: name<TAB>LABEL[<TAB>canonical], "
                      "LABEL being PERSON, LOCATION, ORGANIZATION or NATIONALITY; '#' starts a "
                      "comment. Their entries take precedence over the shipped lists."),
  NF_OPTION_BOOL ("shipped-gazetteers", cfg_true,
                  "Whether to load the gazetteers shipped in gazetteers/ of the data directory "
                  "(countries, regions, cities, organisations, nationalities)."),
  NF_OPTION_STR_LIST ("labels", NULL,
                      "The entity labels to report, among PERSON, LOCATION, ORGANIZATION and "
                      "NATIONALITY (empty: all); the others are still recognised, so that their "
                      "words are not taken for something else, but not written."),
  NF_OPTION_STR ("convention", "re3d",
                 "Which names count as organisations (rules only, no model): \"re3d\" (the "
                 "development set's convention: a country that acts, \"the U.S. said\", a people "
                 "in the plural, \"Syrians\", and a people's or country's forces, \"Iraqi security "
                 "forces\", are organisations) or \"conll\" (CoNLL and OntoNotes: a country is "
                 "always a place, a people a nationality, and forces named by a people no name)."),
  NF_OPTION_END
};

typedef struct {
  gpointer instance;
  gboolean tagger;
} Entities;

static void
entities_free (gpointer data)
{
  Entities *self = data;
  if (!self)
    return;
  if (self->tagger)
    entities_tagger_free (self->instance);
  else
    entities_rules_free (self->instance);
  g_free (self);
}

static gboolean
entities_init (NfStage *stage, GError **error)
{
  cfg_t *cfg = nf_stage_get_config (stage);
  const char *model = cfg_getstr (cfg, "model");
  const char *convention = cfg_getstr (cfg, "convention");
  if (g_strcmp0 (convention, "re3d") != 0 && g_strcmp0 (convention, "conll") != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "unknown convention '%s' (expected \"re3d\" or \"conll\")",
                   convention);
      return FALSE;
    }
  if (model && *model && g_strcmp0 (convention, "re3d") != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                   "convention = \"%s\" applies to the rules; a model keeps the convention it "
                   "was trained with (leave model unset)", convention);
      return FALSE;
    }
  Entities *self = g_new0 (Entities, 1);
  self->tagger = model && *model;
  self->instance = self->tagger ? entities_tagger_new (cfg, model, error) : entities_rules_new (cfg, error);
  if (!self->instance)
    {
      g_free (self);
      return FALSE;
    }
  nf_stage_set_instance (stage, self);
  return TRUE;
}

/* The rules' buffers, reused by each worker thread from one article to the next. */
static gpointer
entities_worker_new (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED GError **error)
{
  return entities_rules_worker_new ();
}

static void
entities_worker_free (gpointer worker)
{
  entities_rules_worker_free (worker);
}

static gboolean
entities_process (NfStage *stage, gpointer worker, NfArticle *article, G_GNUC_UNUSED GError **error)
{
  const Entities *self = nf_stage_get_instance (stage);
  return self->tagger ? entities_tagger_process (self->instance, article)
                      : entities_rules_process (self->instance, worker, article);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "entities",
  .summary = "Finds people, places, organisations and nationalities, with canonical names (rules, or a learned model)",
  .options = entities_options,
  .init = entities_init,
  .worker_new = entities_worker_new,
  .worker_free = entities_worker_free,
  .process = entities_process,
  .free = entities_free,
);
