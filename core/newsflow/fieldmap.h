/* newsflow/fieldmap.h: which keys of a JSON object hold an article's title, text, URL, date,
 * authors, language and id — one map shared by every plugin that reads articles as JSON. */
#ifndef NEWSFLOW_FIELDMAP_H
#define NEWSFLOW_FIELDMAP_H

#include <confuse.h>
#include <json-glib/json-glib.h>
#include <newsflow/article.h>
#include <newsflow/plugin.h>

G_BEGIN_DECLS

/* The field map's options, to splice into a plugin's option table so every JSON reader
 * offers the same names, defaults and descriptions:
 *
 *   static const NfOption my_options[] = {
 *     NF_OPTION_STR_LIST ("paths", ...),
 *     NF_FIELD_MAP_OPTIONS,
 *     NF_OPTION_END
 *   };
 *
 * Each *-field option is a list of keys tried in order; the first key present in the object
 * is used.  A key may be a dotted path ("meta.title") into nested objects; a key that
 * exists literally (with its dot) wins over the path.  The defaults read newsflow's own
 * JSON output and the usual news-dataset dumps (news-please, CC-News, newspaper). */
#define NF_FIELD_MAP_OPTIONS                                                                   \
  NF_OPTION_STR_LIST ("title-field", "{\"title\", \"headline\"}",                              \
                      "Keys holding the headline (a string), tried in order."),                \
  NF_OPTION_STR_LIST ("text-field", "{\"text\", \"maintext\", \"body\", \"content\", \"article\"}", \
                      "Keys holding the body, tried in order: a string (split into paragraphs "\
                      "at line breaks) or an array of paragraph strings. An object with none "  \
                      "of them is a failed item."),                                            \
  NF_OPTION_STR_LIST ("url-field", "{\"url\", \"link\", \"source_url\"}",                      \
                      "Keys holding the article's URL (kept as the \"url\" field), tried in order."), \
  NF_OPTION_STR_LIST ("date-field",                                                            \
                      "{\"published\", \"date\", \"date_publish\", \"datePublished\", \"publish_date\"}", \
                      "Keys holding the publication date, tried in order: ISO 8601 (a date, or a " \
                      "date and time with \"T\" or a space; UTC when no zone is given) or a number " \
                      "of seconds since 1970. Another form is a failed item."),                \
  NF_OPTION_STR_LIST ("authors-field", "{\"authors\", \"author\", \"byline\"}",                \
                      "Keys holding the authors, tried in order: a string (one author), an array " \
                      "of strings, or an array of objects with a \"name\"."),                  \
  NF_OPTION_STR_LIST ("language-field", "{\"language\", \"lang\"}",                            \
                      "Keys holding the language code (\"en\"), tried in order."),             \
  NF_OPTION_STR_LIST ("id-field", "{\"id\", \"_id\", \"guid\"}",                               \
                      "Keys holding a stable identifier (a string or an integer), tried in order; " \
                      "without one the reader makes an id from where the object came from."),  \
  NF_OPTION_BOOL ("keep-other", cfg_true,                                                      \
                  "Keep every other key of the object as an article field of the same name "   \
                  "(keys that name an article property, such as \"source\" or \"paragraphs\", " \
                  "are not kept).")

typedef struct _NfFieldMap NfFieldMap;

/* Reads the map from a stage's configuration (an option table holding NF_FIELD_MAP_OPTIONS).
 * Fails when a list is given empty for a field that must have a key (text-field). */
NfFieldMap *nf_field_map_new_from_config (cfg_t *config, GError **error);
void        nf_field_map_free            (NfFieldMap *map);

/* Fills @article from @object: title, body paragraphs, url field, published date, authors,
 * language, id, and with keep-other every other key as a field.  Returns FALSE with a
 * message naming the key when a value has the wrong type, the date cannot be read, or no
 * text key is present; @article may then be partly filled.  The map is read-only here, so
 * worker threads may share it. */
gboolean    nf_field_map_apply           (const NfFieldMap *map, JsonObject *object,
                                          NfArticle *article, GError **error);

/* Parses @length bytes of UTF-8 JSON (a leading byte-order mark is allowed) that must hold
 * one object, and applies the map to it.  "not valid JSON: <line:column: reason>", or
 * "a JSON array, not an object", otherwise as nf_field_map_apply. */
gboolean    nf_field_map_apply_data      (const NfFieldMap *map, const char *data, gsize length,
                                          NfArticle *article, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfFieldMap, nf_field_map_free)

G_END_DECLS

#endif /* NEWSFLOW_FIELDMAP_H */
