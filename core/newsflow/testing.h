/* newsflow/testing.h: unit-test a plugin without writing a chain file.  Build an article from
 * a string, run one stage over it with an option block, look at what the stage added.
 * Link with `pkg-config --libs newsflow-testing`; it works with any test framework. */
#ifndef NEWSFLOW_TESTING_H
#define NEWSFLOW_TESTING_H

#include <newsflow/newsflow.h>

G_BEGIN_DECLS

/* ---- Articles --------------------------------------------------------------------------- */

/* An article as a parser leaves it: @title (nullable) and a body whose paragraphs are
 * separated by blank lines ("First.\n\nSecond.").  Its source is "test". */
NfArticle   *nf_test_article_new       (const char *title, const char *body);

/* An article made by a real parser plugin found on the plugin path: @raw is the item's
 * bytes, @content_type its MIME type, @options the parser's option block (or NULL). */
NfArticle   *nf_test_article_parse     (const char *parser, const char *content_type,
                                        const char *raw, const char *options, GError **error);

/* ---- Stages ----------------------------------------------------------------------------
 * One use of a plugin, set up the way the chain loader sets one up: @options is the body of
 * the stage's block in chain syntax ("top = 8  words = {\"a\", \"b\"}"), or NULL for none.
 * It is checked against the plugin's NfOption table like a chain file (unknown options,
 * types, choices, required options), then the plugin's init and worker_new run.  Errors are
 * those a user would see. */
typedef struct _NfTestStage NfTestStage;

/* For a plugin compiled into the test program: pass its descriptor, e.g.
 *   extern const NfPluginDescriptor nf_plugin_descriptor;
 *   nf_test_stage_new (&nf_plugin_descriptor, "greeting = \"Hi\"", &error); */
NfTestStage *nf_test_stage_new         (const NfPluginDescriptor *plugin, const char *options,
                                        GError **error);
/* For a built module: looked up as `newsflow` would, in $NEWSFLOW_PLUGIN_PATH first, then in
 * the installed plugin directory. */
NfTestStage *nf_test_stage_load        (NfPluginKind kind, const char *name, const char *options,
                                        GError **error);
/* Runs the stage's process callback on @article (parsers, extractors, formatters), on the
 * calling thread with the stage's one worker.  On failure the article is marked failed at
 * this stage, as the runner does, and @error holds the plugin's own message. */
gboolean     nf_test_stage_process     (NfTestStage *stage, NfArticle *article, GError **error);
/* The same, with no worker data (process gets NULL), as on the ordering thread that runs
 * ordered extractors, the stages after them and formatters. */
gboolean     nf_test_stage_process_ordered (NfTestStage *stage, NfArticle *article, GError **error);
/* A formatter's commit point, as the runner calls it between batches: TRUE when what
 * process accepted since the last commit is durable; FALSE with the formatter's error when
 * it rolled back.  TRUE for a stage without a commit callback. */
gboolean     nf_test_stage_commit      (NfTestStage *stage, GError **error);
/* A resuming formatter's answer (skip-existing = true): does its output hold @id?  FALSE
 * for a stage without has_article. */
gboolean     nf_test_stage_has_article (NfTestStage *stage, const char *id);
/* As at the end of a run: the last commit, then the finish callback (formatters close
 * their output and put it in place here). */
gboolean     nf_test_stage_finish      (NfTestStage *stage, GError **error);
/* The handle the plugin's callbacks receive (its config and instance). */
NfStage     *nf_test_stage_get_stage   (NfTestStage *stage);
/* Frees the worker data, then the instance (the plugin's free callback), then the config. */
void         nf_test_stage_free        (NfTestStage *stage);

/* ---- Looking at the result ---------------------------------------------------------------- */

/* Annotations of @type (NULL: of any type). */
guint         nf_test_count_annotations (NfArticle *article, const char *type);
/* The first annotation of @type whose covered text is @text (NULL: any text), or NULL. */
NfAnnotation *nf_test_find_annotation   (NfArticle *article, const char *type, const char *text);
/* The body text an annotation covers (newly allocated). */
char         *nf_test_annotation_text   (NfArticle *article, const NfAnnotation *annotation);
/* The article as one line of JSON, the form the json formatter writes (for messages). */
char         *nf_test_article_to_json   (NfArticle *article);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfTestStage, nf_test_stage_free)

G_END_DECLS

#endif /* NEWSFLOW_TESTING_H */
