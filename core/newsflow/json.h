/* newsflow/json.h: the one JSON form of an article, shared by every formatter and the error
 * file, so all outputs name and nest fields the same way. */
#ifndef NEWSFLOW_JSON_H
#define NEWSFLOW_JSON_H

#include <json-glib/json-glib.h>
#include <newsflow/article.h>

G_BEGIN_DECLS

/* A JSON object with every property, field and annotation of @article, in a fixed order:
 *   id, source, content_type, title, authors, published, language, text, paragraphs,
 *   then each field by name in insertion order, then "annotations": [
 *     {"type", "start", "end", "text", "attrs": {...}} ...].
 * Dates are RFC 3339 (nf_date_time_format).  Absent properties are null, so every article has the same keys. */
JsonNode *nf_article_to_json (NfArticle *article);

/* Where nf_article_write_json sends its text: @length bytes at a time (a chunk of 64 KiB or
 * less, with no NUL).  FALSE with @error set stops the writing. */
typedef gboolean (*NfJsonWriteFunc) (gpointer user_data, const void *data, gsize length, GError **error);

/* Writes the JSON form of @article (the members of nf_article_to_json, in its order), compact
 * or @pretty, to @write in chunks, without building the tree: its memory is a chunk, however
 * many annotations the article has.  The text is what json-glib's JsonGenerator prints for
 * nf_article_to_json's tree, byte for byte, with three exceptions where json-glib 1.6 prints
 * what is not JSON: U+001F is escaped as \u001f, a double in exponent form gets no ".0"
 * ("1e+20"), NaN and the infinities are null.  FALSE with the first write's error. */
gboolean  nf_article_write_json  (NfArticle *article, gboolean pretty, NfJsonWriteFunc write,
                                  gpointer user_data, GError **error);
/* The same appended to @out in one piece (for a formatter that needs the text whole). */
void      nf_article_append_json (NfArticle *article, gboolean pretty, GString *out);
/* nf_variant_to_json's JSON for @value, printed the same way, appended to @out. */
void      nf_variant_append_json (GVariant *value, gboolean pretty, GString *out);

/* A GVariant as JSON: dictionaries (a{sv}, a{s*}) become objects, arrays and tuples arrays,
 * variants are unwrapped, integers and doubles numbers, byte strings base64. */
JsonNode *nf_variant_to_json (GVariant *value);

/* Builds a variant from JSON, the inverse of nf_variant_to_json for the types it produces:
 * objects become a{sv}, arrays av (or as when every element is a string). */
GVariant *nf_variant_from_json (JsonNode *node);

/* Checks that every string and member name under @node is valid UTF-8.  json-glib accepts
 * escapes that JSON does not have (octal "\222") and hands back bytes that are not UTF-8,
 * which GVariant and every output refuse: call this after parsing untrusted JSON.  FALSE
 * sets an NF_ERROR_INVALID_INPUT error naming the member; a NULL @node (an empty document)
 * is valid. */
gboolean  nf_json_validate_utf8 (JsonNode *node, GError **error);

/* The deepest nesting of arrays and objects nf_json_check_depth lets through. */
#define NF_JSON_MAX_DEPTH 512

/* Checks that @length bytes of JSON text (-1: up to a NUL) nest arrays and objects no deeper
 * than NF_JSON_MAX_DEPTH, counting brackets outside strings (it validates nothing else).
 * json-glib parses recursively: a document of a few hundred KB of "[" overflows a worker's
 * stack and kills the whole run.  Call this before json_parser_load_from_data on untrusted
 * JSON; FALSE sets an NF_ERROR_INVALID_INPUT error. */
gboolean  nf_json_check_depth   (const char *data, gssize length, GError **error);

/* One distinct entity among an article's "entity" annotations. */
typedef struct {
  char  *name;     /* the "canonical" attribute, or the covered text when there is none */
  char  *label;    /* the "label" attribute, or "ENTITY" */
  guint  mentions; /* how many annotations name it */
} NfEntityCount;

/* The distinct entities in the "annotations" array of an article's JSON form, keyed by label
 * and name, most mentioned first (then by name).  Elements are NfEntityCount; the array
 * frees them. */
GPtrArray *nf_json_count_entities (JsonArray *annotations);

G_END_DECLS

#endif /* NEWSFLOW_JSON_H */
