/* parse "json": an item holding one JSON object (a .json file, an API response) becomes an
 * article through the shared field map (newsflow/fieldmap.h), the same one fetch "jsonl"
 * uses.  One item is one article, as everywhere in newsflow: an array is a failed item that
 * points to fetch "jsonl" for collections. */
#include <string.h>

#include <newsflow/newsflow.h>

static const NfOption json_options[] = {
  NF_FIELD_MAP_OPTIONS,
  NF_OPTION_END
};

static const char *const json_types[] = { "application/json", "text/json", NULL };

static void
json_free (gpointer instance)
{
  nf_field_map_free (instance);
}

static gboolean
json_init (NfStage *stage, GError **error)
{
  NfFieldMap *map = nf_field_map_new_from_config (nf_stage_get_config (stage), error);
  if (map == NULL)
    return FALSE;
  nf_stage_set_instance (stage, map);
  return TRUE;
}

static gboolean
json_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  const NfFieldMap *map = nf_stage_get_instance (stage);
  gsize length = 0;
  GBytes *raw = nf_article_get_raw (article);
  const char *data = raw ? g_bytes_get_data (raw, &length) : NULL;
  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "empty item: no JSON object");
      return FALSE;
    }
  const char *end;
  if (!nf_utf8_validate (data, length, &end))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "invalid UTF-8 at byte %" G_GSIZE_FORMAT,
                   (gsize) (end - data));
      return FALSE;
    }
  g_autoptr (GError) local = NULL;
  if (nf_field_map_apply_data (map, data, length, article, &local))
    return TRUE;
  if (g_str_has_prefix (local->message, "an array"))
    g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                 "%s: parse \"json\" reads one object per item; read collections with fetch \"jsonl\"",
                 local->message);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_PARSE,
  .name = "json",
  .summary = "One JSON object per item to an article, through the field map shared with fetch \"jsonl\"",
  .options = json_options,
  .content_types = json_types,
  .init = json_init,
  .process = json_process,
  .free = json_free,
);
