/* parse "html": news web pages to articles.  The page is decoded to UTF-8 (charset.c),
 * parsed by libxml2, its metadata read (meta.c) and its main text extracted (content.c). */
#include <string.h>

#include <newsflow/newsflow.h>

#include "html-private.h"

static const NfOption html_options[] = {
  NF_OPTION_CHOICE ("favor", "balanced", "precision|recall|balanced",
                    "What to prefer when unsure whether a block belongs to the article: "
                    "\"precision\" drops doubtful blocks (less boilerplate, may lose some text), "
                    "\"recall\" keeps them (all the text, some boilerplate), \"balanced\" weighs both."),
  NF_OPTION_BOOL ("keep-links", cfg_false,
                  "Record the links of the body as \"link\" annotations with an \"href\" attribute."),
  NF_OPTION_BOOL ("keep-tables", cfg_true,
                  "Keep data tables of the body (scores, schedules, results), one paragraph per row "
                  "with cells separated by \" | \"; false drops them and reads only layout tables."),
  NF_OPTION_INT ("min-length", 250,
                 "A body shorter than this many characters makes the parser try again with fewer "
                 "page parts removed; an article still shorter than it is failed (0: never)."),
  NF_OPTION_STR ("block-model", "",
                 "A learned block classifier (a data file such as \"models/html-blocks.model\", or a "
                 "path) that drops the blocks of the body it calls boilerplate with high probability; "
                 "empty: off."),
  NF_OPTION_END
};

static const char *const html_types[] = { "text/html", "application/xhtml+xml", NULL };

static gboolean
html_init (NfStage *stage, GError **error)
{
  /* libxml2 wants its global tables set up on one thread before workers parse. */
  xmlInitParser ();
  cfg_t *config = nf_stage_get_config (stage);
  HtmlOptions *options = g_new0 (HtmlOptions, 1);
  const char *favor = cfg_getstr (config, "favor");
  options->favor = g_strcmp0 (favor, "precision") == 0 ? HTML_FAVOR_PRECISION
                 : g_strcmp0 (favor, "recall") == 0 ? HTML_FAVOR_RECALL : HTML_FAVOR_BALANCED;
  options->keep_links = cfg_getbool (config, "keep-links");
  options->keep_tables = cfg_getbool (config, "keep-tables");
  options->min_length = cfg_getint (config, "min-length");
  if (options->min_length < 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "min-length must be 0 or more, not %ld",
                   (long) options->min_length);
      g_free (options);
      return FALSE;
    }
  const char *model = cfg_getstr (config, "block-model");
  if (model && *model)
    {
      HtmlBlockModel *loaded = html_block_model_load (model, error);
      if (loaded == NULL)
        {
          g_prefix_error (error, "block-model: ");
          g_free (options);
          return FALSE;
        }
      options->block_model = loaded;
    }
  nf_stage_set_instance (stage, options);
  return TRUE;
}

static void
html_free (gpointer instance)
{
  HtmlOptions *options = instance;
  html_block_model_free ((HtmlBlockModel *) options->block_model);
  g_free (options);
}

/* dateModified as the page gave it (RFC 3339), or as written when it does not read as a date. */
static void
set_modified (NfArticle *article, const char *value, const char *language)
{
  NfDate date;
  if (nf_date_parse (value, language, &date) || nf_date_find (value, -1, language, &date, NULL, NULL))
    {
      g_autofree char *local = nf_date_format_local (&date);
      nf_article_set_field_string (article, "modified", local);
    }
  else
    nf_article_set_field_string (article, "modified", value);
}

static void
set_metadata (NfArticle *article, HtmlMeta *meta, const char *charset)
{
  if (meta->title)
    nf_article_set_title (article, meta->title);
  for (guint i = 0; i < meta->authors->len; i++)
    nf_article_add_author (article, g_ptr_array_index (meta->authors, i));
  if (meta->has_published)
    {
      nf_date_set_published (article, &meta->published_date);
      if (memcmp (&meta->published_local, &meta->published_date, sizeof (NfDate)) != 0)
        {
          /* The instant stays; the page's own day and offset are its local date. */
          g_autofree char *local = nf_date_format_local (&meta->published_local);
          nf_article_set_field_string (article, NF_FIELD_PUBLISHED_LOCAL, local);
        }
      nf_article_set_field_string (article, "published_from", meta->published_source);
    }
  if (meta->modified)
    set_modified (article, meta->modified, meta->language);
  if (meta->language)
    nf_article_set_language (article, meta->language);
  const struct { const char *name; const char *value; } strings[] = {
    { "description", meta->description }, { "site_name", meta->site_name }, { "url", meta->url },
    { "image", meta->image }, { "section", meta->section }, { "charset", charset },
  };
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i].value)
      nf_article_set_field_string (article, strings[i].name, strings[i].value);
  if (meta->tags->len)
    nf_article_set_field_strv (article, "tags", (const char *const *) meta->tags->pdata, meta->tags->len);
}

static gboolean
html_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  const HtmlOptions *options = nf_stage_get_instance (stage);
  gsize length;
  const guint8 *data = g_bytes_get_data (nf_article_get_raw (article), &length);
  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "empty page");
      return FALSE;
    }
  gsize text_length;
  g_autofree char *charset = NULL;
  g_autofree char *copy = NULL;
  const char *text = html_decode_view (data, length, nf_article_get_content_type (article),
                                       &text_length, &charset, &copy, error);
  if (text == NULL)
    return FALSE;
  const char *source = nf_article_get_source (article);
  gboolean too_deep;
  htmlDocPtr doc = html_parse_utf8 (text, text_length, strstr (source, "://") ? source : NULL, &too_deep);
  g_clear_pointer (&copy, g_free);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc)
        xmlFreeDoc (doc);
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "no HTML document in the page");
      return FALSE;
    }
  g_autoptr (HtmlMeta) meta = html_meta_new ();
  html_meta_read (doc, meta);
  g_autoptr (GPtrArray) paragraphs = html_extract_content (doc, options, meta);
  xmlFreeDoc (doc);

  set_metadata (article, meta, charset);
  nf_article_set_paragraphs (article, NULL, 0);
  gsize chars = 0;
  for (guint i = 0; i < paragraphs->len; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
      nf_article_add_paragraph (article, p->text, -1);
      chars += nf_utf8_length (p->text, -1);
      gsize start, end;
      nf_article_get_paragraph_span (article, nf_article_get_n_paragraphs (article) - 1, &start, &end);
      if (p->heading)
        {
          NfAnnotation *a = nf_article_add_annotation (article, "heading", start, end);
          nf_annotation_set_attr (a, "level", g_variant_new_int32 (p->heading));
        }
      for (guint j = 0; p->links && j < p->links->len; j++)
        {
          HtmlSpan *span = &g_array_index (p->links, HtmlSpan, j);
          NfAnnotation *a = nf_article_add_annotation (article, "link", start + span->start, start + span->end);
          if (span->href)
            nf_annotation_set_attr_string (a, "href", span->href);
        }
    }
  if (too_deep)
    nf_article_set_field_bool (article, "truncated", TRUE);
  if (options->min_length > 0 && chars < (gsize) options->min_length && too_deep)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "elements nested more than 256 deep: the HTML parser stopped there, with %"
                   G_GSIZE_FORMAT " characters of body before it", chars);
      return FALSE;
    }
  if (options->min_length > 0 && chars < (gsize) options->min_length)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "no article text found: %" G_GSIZE_FORMAT " characters of body, min-length is %"
                   G_GINT64_FORMAT, chars, options->min_length);
      return FALSE;
    }
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_PARSE,
  .name = "html",
  .summary = "News web pages: main-content extraction and metadata (JSON-LD, Open Graph, <meta>)",
  .options = html_options,
  .content_types = html_types,
  .init = html_init,
  .process = html_process,
  .free = html_free,
);
