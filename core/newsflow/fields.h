/* newsflow/fields.h: picking, renaming and flattening values of an article's JSON form, for
 * formatters with a `fields = {...}` option (json, csv).  Paths name what newsflow/json.h writes. */
#ifndef NEWSFLOW_FIELDS_H
#define NEWSFLOW_FIELDS_H

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A list of columns, each written "PATH" or "NAME=PATH":
 *   PATH  is a member of the article's JSON form ("title", "stats"), or a dotted path into
 *         it ("stats.words").  A step applied to an array applies to each element and
 *         gives an array ("annotations.text").  A step may end in [TYPE] to keep only the
 *         array elements whose "type" member is TYPE ("annotations[entity].text" is the
 *         text of every entity mention).
 *   NAME  is the column's name in the output; it defaults to PATH.
 * A path that leads nowhere gives null, so every article has every column. */
typedef struct _NfFieldSelection NfFieldSelection;

/* Parses @specs (n of them, or NULL-terminated when n < 0).  A malformed spec (empty name or
 * path, empty step, unclosed bracket, duplicate name) is an NF_ERROR_CHAIN error naming it. */
NfFieldSelection *nf_field_selection_new    (const char *const *specs, gssize n, GError **error);
void              nf_field_selection_free   (NfFieldSelection *selection);
guint             nf_field_selection_get_n  (const NfFieldSelection *selection);
const char       *nf_field_selection_get_name (const NfFieldSelection *selection, guint i);
/* The value of column @i in @article (a node from nf_article_to_json): a new node, JSON
 * null when the path leads nowhere. */
JsonNode         *nf_field_selection_get    (const NfFieldSelection *selection, guint i, JsonNode *article);
/* A new object with every column, in order. */
JsonNode         *nf_field_selection_apply  (const NfFieldSelection *selection, JsonNode *article);

/* One line of text for a value, for flat outputs (CSV cells): null is "", strings are
 * themselves, numbers and booleans their JSON text, arrays their flattened elements joined
 * by @separator (nested arrays flattened too, null elements skipped), objects their compact
 * JSON text. */
char             *nf_json_flatten           (JsonNode *value, const char *separator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfFieldSelection, nf_field_selection_free)

G_END_DECLS

#endif /* NEWSFLOW_FIELDS_H */
