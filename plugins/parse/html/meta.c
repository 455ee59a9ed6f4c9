/* meta.c: an article's metadata from the places pages put it.  Order of preference, first
 * found wins for each field:
 *   1. JSON-LD (schema.org NewsArticle, Article, BlogPosting, ... also inside @graph; an
 *      article whose url names another page than the canonical one comes after the others)
 *   2. Open Graph and article:* (<meta property="og:title">, article:published_time, ...)
 *   3. Twitter cards (twitter:title, twitter:description, twitter:image)
 *   4. other <meta> names (author, description, keywords, date, dc.*, parsely-*, sailthru.*)
 *   5. the page itself: itemprop microdata, <time datetime>, rel="author" and byline
 *      elements, <link rel="canonical">, <html lang>, <title> (cleaned of its site suffix).
 * The title is the exception: the visible <h1> headline comes first when the metadata
 * agrees with it (SEO titles often differ from what readers see). */
#include <string.h>

#include <json-glib/json-glib.h>
#include <newsflow/json.h>

#include "html-private.h"

static guint    count_words  (const char *text, gsize length);
static gboolean is_part_of_headline (const char *headline, const char *part);
static gboolean shares_words (const char *a, const char *b);
static gboolean looks_like_name (const char *text);
static gboolean names_host (const char *word, const char *url);
static void     offer_title_date (HtmlDates *dates, const char *title);
static const char *date_locale (const char *html_lang, const char *og_locale, const char *language);
static void     offer_description_date (HtmlDates *dates, const char *description);

/* What separates a headline from the site's name or a section in a <title>. */
static const char *const title_separators[] = { " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " » ", ": ",
                                                 "|", "｜", NULL };

HtmlMeta *
html_meta_new (void)
{
  HtmlMeta *meta = g_new0 (HtmlMeta, 1);
  meta->authors = g_ptr_array_new_with_free_func (g_free);
  meta->tags = g_ptr_array_new_with_free_func (g_free);
  return meta;
}

void
html_meta_free (HtmlMeta *meta)
{
  if (meta == NULL)
    return;
  g_free (meta->title);
  g_free (meta->description);
  g_free (meta->site_name);
  g_free (meta->url);
  g_free (meta->language);
  g_free (meta->image);
  g_free (meta->section);
  g_free (meta->published);
  g_free (meta->modified);
  g_free (meta->article_body);
  g_ptr_array_unref (meta->authors);
  g_ptr_array_unref (meta->tags);
  g_free (meta);
}

/* Metadata is often escaped twice ("Q&amp;amp;A" in the page, "Q&amp;A" once parsed):
 * decodes the character references left in @value with libxml2's entity table. */
static char *
decode_references (const char *value)
{
  if (strchr (value, '&') == NULL)
    return g_strdup (value);
  GString *out = g_string_new (NULL);
  for (const char *p = value; *p;)
    {
      const char *semi = *p == '&' ? strchr (p, ';') : NULL;
      if (semi && semi - p > 1 && semi - p < 12)
        {
          g_autofree char *name = g_strndup (p + 1, semi - p - 1);
          gunichar c = 0;
          if (name[0] == '#')
            c = (name[1] == 'x' || name[1] == 'X') ? (gunichar) g_ascii_strtoull (name + 2, NULL, 16)
                                                   : (gunichar) g_ascii_strtoull (name + 1, NULL, 10);
          else
            {
              const htmlEntityDesc *entity = htmlEntityLookup ((const xmlChar *) name);
              c = entity ? entity->value : 0;
            }
          if (c && g_unichar_validate (c))
            {
              g_string_append_unichar (out, c);
              p = semi + 1;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Sets *field to a cleaned copy of @value unless it is already set or @value is empty. */
static void
offer (char **field, const char *value)
{
  if (*field || value == NULL)
    return;
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;
  g_autofree char *decoded = decode_references (value);
  html_append_collapsed (out, decoded, &pending);
  if (out->len == 0 || !g_utf8_validate (out->str, out->len, NULL))
    {
      g_string_free (out, TRUE);
      return;
    }
  *field = g_string_free (out, FALSE);
}

static gboolean
contains_string (GPtrArray *array, const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* Adds a name to a list (no duplicates, nothing that is not a name): meta-byline.c. */
static void
offer_name (GPtrArray *list, const char *value)
{
  html_byline_add_names (list, value, FALSE);
}

/* Adds a tag to a list (no duplicates, no URLs). */
static void
offer_tag (GPtrArray *list, const char *value)
{
  g_autofree char *clean = NULL;
  offer (&clean, value);
  if (clean && !strstr (clean, "://") && g_utf8_strlen (clean, -1) <= 80 && !contains_string (list, clean))
    g_ptr_array_add (list, g_steal_pointer (&clean));
}

/* "a, b; c" -> three tags. */
static void
offer_tags (GPtrArray *list, const char *value)
{
  g_auto (GStrv) parts = g_strsplit_set (value, ",;", -1);
  for (char **part = parts; *part; part++)
    offer_tag (list, *part);
}

/* "Jane Doe, John Roe; Ann Lee" -> three names. */
static void
offer_names (GPtrArray *list, const char *value)
{
  html_byline_add_names (list, value, FALSE);
}

/* ---- JSON-LD ---- */

typedef struct {
  HtmlMeta *meta;
  /* Fields found in JSON-LD, kept apart so that an Article beats a WebPage. */
  gboolean  authors_from_ld;
} LdState;

static const char *
ld_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      if (json_array_get_length (array) > 0)
        {
          JsonNode *first = json_array_get_element (array, 0);
          if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING)
            return json_node_get_string (first);
          if (JSON_NODE_HOLDS_OBJECT (first))
            {
              JsonObject *o = json_node_get_object (first);
              const char *s = ld_string (o, "url");
              return s ? s : ld_string (o, "name");
            }
        }
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      const char *s = ld_string (o, "url");
      return s ? s : ld_string (o, "name");
    }
  return NULL;
}

static gboolean
ld_type_is (JsonObject *object, const char *const *types)
{
  JsonNode *node = json_object_get_member (object, "@type");
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strv_contains (types, json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING
              && g_strv_contains (types, json_node_get_string (e)))
            return TRUE;
        }
    }
  return FALSE;
}

static void
ld_names (GPtrArray *list, JsonNode *node, GHashTable *ids)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    offer_name (list, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *name = ld_string (object, "name");
      /* {"@id": "...#/schema/person/..."}: a reference to a Person elsewhere in the @graph
       * (what Yoast and most WordPress sites write). */
      const char *id = name ? NULL : ld_string (object, "@id");
      JsonObject *target = id ? g_hash_table_lookup (ids, id) : NULL;
      if (target && target != object)
        name = ld_string (target, "name");
      if (name)
        offer_name (list, name);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        ld_names (list, json_array_get_element (array, i), ids);
    }
}

static const char *const article_types[] = {
  "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
  "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
  "ScholarlyArticle", "TechArticle", "SocialMediaPosting", "Review", "Recipe", "HowTo", NULL
};
static const char *const page_types[] = { "WebPage", "ItemPage", "CollectionPage", "WebSite", NULL };

static void
ld_article (HtmlMeta *meta, JsonObject *object, GHashTable *ids)
{
  offer (&meta->title, ld_string (object, "headline"));
  offer (&meta->title, ld_string (object, "name"));
  ld_names (meta->authors, json_object_get_member (object, "author"), ids);
  ld_names (meta->authors, json_object_get_member (object, "creator"), ids);
  offer (&meta->published, ld_string (object, "datePublished"));
  offer (&meta->published, ld_string (object, "dateCreated"));
  offer (&meta->modified, ld_string (object, "dateModified"));
  offer (&meta->description, ld_string (object, "description"));
  offer (&meta->image, ld_string (object, "image"));
  offer (&meta->section, ld_string (object, "articleSection"));
  offer (&meta->language, ld_string (object, "inLanguage"));
  offer (&meta->url, ld_string (object, "url"));
  JsonNode *publisher = json_object_get_member (object, "publisher");
  if (publisher && JSON_NODE_HOLDS_OBJECT (publisher))
    offer (&meta->site_name, ld_string (json_node_get_object (publisher), "name"));
  JsonNode *keywords = json_object_get_member (object, "keywords");
  if (keywords && meta->tags->len == 0)
    {
      if (JSON_NODE_HOLDS_VALUE (keywords) && json_node_get_value_type (keywords) == G_TYPE_STRING)
        offer_tags (meta->tags, json_node_get_string (keywords));
      else if (JSON_NODE_HOLDS_ARRAY (keywords))
        {
          JsonArray *array = json_node_get_array (keywords);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *e = json_array_get_element (array, i);
              if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
                offer_tag (meta->tags, json_node_get_string (e));
            }
        }
    }
  if (meta->article_body == NULL)
    {
      JsonNode *body = json_object_get_member (object, "articleBody");
      if (body && JSON_NODE_HOLDS_VALUE (body) && json_node_get_value_type (body) == G_TYPE_STRING)
        meta->article_body = g_strdup (json_node_get_string (body));
    }
}

/* Collects the objects of a JSON-LD tree: the top, arrays, @graph and mainEntity. */
static void
ld_collect (JsonNode *node, GPtrArray *articles, GPtrArray *pages, GHashTable *ids, int depth)
{
  if (node == NULL || depth > 8)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        ld_collect (json_array_get_element (array, i), articles, pages, ids, depth + 1);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  JsonObject *object = json_node_get_object (node);
  const char *id = ld_string (object, "@id");
  if (id && json_object_get_size (object) > 1 && !g_hash_table_contains (ids, id))
    g_hash_table_insert (ids, (gpointer) id, object);
  if (ld_type_is (object, article_types))
    g_ptr_array_add (articles, object);
  else if (ld_type_is (object, page_types))
    g_ptr_array_add (pages, object);
  ld_collect (json_object_get_member (object, "@graph"), articles, pages, ids, depth + 1);
  ld_collect (json_object_get_member (object, "mainEntity"), articles, pages, ids, depth + 1);
}

/* The path of @url (absolute, protocol-relative or from the host's root) up to its query or
 * fragment, its trailing slashes aside: *@length bytes from the returned pointer, or NULL. */
static const char *
page_path (const char *url, gsize *length)
{
  if (url == NULL)
    return NULL;
  const char *path = strstr (url, "://");
  path = path ? strchr (path + 3, '/') : g_str_has_prefix (url, "//") ? strchr (url + 2, '/') : *url == '/' ? url : NULL;
  if (path == NULL)
    return NULL;
  gsize n = strcspn (path, "?#");
  while (n > 1 && path[n - 1] == '/')
    n--;
  *length = n;
  return path;
}

/* Whether a JSON-LD article says it is another page than @url (the page's canonical URL):
 * its url, mainEntityOfPage or @id names another path.  A list of related stories written
 * as articles of their own, before the page's own. */
static gboolean
ld_names_other_page (JsonObject *object, const char *url)
{
  gsize n_page, n;
  const char *page = page_path (url, &n_page);
  if (page == NULL || n_page <= 1)
    return FALSE;
  const char *own = ld_string (object, "url");
  JsonNode *main = json_object_get_member (object, "mainEntityOfPage");
  if (own == NULL && main && JSON_NODE_HOLDS_OBJECT (main))
    own = ld_string (json_node_get_object (main), "@id");
  if (own == NULL)
    own = ld_string (object, "mainEntityOfPage");
  if (own == NULL)
    own = ld_string (object, "@id");
  const char *path = page_path (own, &n);
  return path && !(n == n_page && strncmp (path, page, n) == 0);
}

static void
read_json_ld (HtmlMeta *meta, GPtrArray *scripts, const char *url, char **website, char **page_published)
{
  g_autoptr (GPtrArray) parsers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) articles = g_ptr_array_new ();
  g_autoptr (GPtrArray) pages = g_ptr_array_new ();
  /* Objects by their @id, for references ({"@id": ...}) between them. */
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < scripts->len; i++)
    {
      JsonParser *parser = json_parser_new_immutable ();
      const char *text = g_ptr_array_index (scripts, i);
      if (!nf_json_check_depth (text, -1, NULL) || !json_parser_load_from_data (parser, text, -1, NULL)
          || !nf_json_validate_utf8 (json_parser_get_root (parser), NULL))
        {
          g_object_unref (parser);
          continue;
        }
      g_ptr_array_add (parsers, parser);
      ld_collect (json_parser_get_root (parser), articles, pages, ids, 0);
    }
  /* The page's own article first: those that name another page go last. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < articles->len; i++)
      if (ld_names_other_page (g_ptr_array_index (articles, i), url) == (pass == 1))
        ld_article (meta, g_ptr_array_index (articles, i), ids);
  /* A WebPage gives dates and a name only where no article did. */
  for (guint i = 0; i < pages->len; i++)
    {
      JsonObject *page = g_ptr_array_index (pages, i);
      offer (page_published, ld_string (page, "datePublished"));
      offer (&meta->modified, ld_string (page, "dateModified"));
      offer (&meta->language, ld_string (page, "inLanguage"));
      if (ld_type_is (page, (const char *const[]) { "WebSite", NULL }))
        offer (website, ld_string (page, "name"));
    }
}

/* ---- <meta> ---- */

typedef struct {
  /* One slot per source level, resolved in order of preference at the end. */
  char *og_title, *og_description, *og_site_name, *og_url, *og_image, *og_locale;
  char *article_published, *article_modified, *article_section;
  char *tw_title, *tw_description, *tw_image;
  char *m_description, *m_published, *m_date, *m_modified, *m_language, *m_section;
  GPtrArray *article_authors, *article_tags, *m_authors, *m_tags;
  char *title_element, *canonical, *html_lang;
  GPtrArray *headlines; /* texts of the <h1> elements */
  guint      composite; /* bit i: headline i is made of several parts (kicker, headline, date) */
  GPtrArray *byline_authors;
  gboolean byline_seen;
  GPtrArray *text_authors; /* a labelled byline without markup, right after the headline */
  GPtrArray *signed_authors; /* "Autorin: Jana Muster" after the headline, often at the end */
  char *item_modified;
  /* A label and value pair of Twitter's card ("twitter:label1" "Written by", "twitter:data1"
   * "Jane Doe", as WordPress's SEO plugins write the post's author): the values by their
   * number, and the numbers whose label names the author. */
  char   *tw_data[10];
  guint16 tw_author_slots;
  GPtrArray *page_authors;
  HtmlDates *dates;
} MetaTags;

static void
meta_tags_clear (MetaTags *t)
{
  char **strings[] = { &t->og_title, &t->og_description, &t->og_site_name, &t->og_url, &t->og_image,
                       &t->og_locale, &t->article_published, &t->article_modified, &t->article_section,
                       &t->tw_title, &t->tw_description, &t->tw_image, &t->m_description,
                       &t->m_published, &t->m_date, &t->m_modified, &t->m_language, &t->m_section,
                       &t->title_element, &t->canonical, &t->html_lang, &t->item_modified };
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_clear_pointer (strings[i], g_free);
  for (guint i = 0; i < G_N_ELEMENTS (t->tw_data); i++)
    g_clear_pointer (&t->tw_data[i], g_free);
  g_ptr_array_unref (t->article_authors);
  g_ptr_array_unref (t->article_tags);
  g_ptr_array_unref (t->m_authors);
  g_ptr_array_unref (t->m_tags);
  g_ptr_array_unref (t->page_authors);
  g_ptr_array_unref (t->headlines);
  g_ptr_array_unref (t->byline_authors);
  g_ptr_array_unref (t->text_authors);
  g_ptr_array_unref (t->signed_authors);
  html_dates_free (t->dates);
}

/* Whether a meta name says "publication date" in one of its usual spellings, whatever its
 * vendor prefix: "pubdate", "parsely-pub-date", "sw-pubdate", "publish_date", "og:published_time",
 * "datePublished", "article.published" ... but not a change ("publish-update"). */
static gboolean
names_publication (const char *k)
{
  if (strstr (k, "modif") || strstr (k, "updat") || strstr (k, "author") || strstr (k, "publisher"))
    return FALSE;
  return strstr (k, "pubdate") || strstr (k, "pub-date") || strstr (k, "pub_date") || strstr (k, "published")
         || (strstr (k, "publish") && (strstr (k, "date") || strstr (k, "time")));
}

/* The "pub_date" string of a parsely-page record ('{"title": ..., "pub_date": "2020-06-07T15:06:00Z"}'),
 * or NULL. */
static char *
parsely_pub_date (const char *content)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!nf_json_check_depth (content, -1, NULL) || !json_parser_load_from_data (parser, content, -1, NULL))
    return NULL;
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  JsonNode *value = json_object_get_member (json_node_get_object (root), "pub_date");
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (value));
}

static void
read_meta_element (MetaTags *t, xmlNode *node)
{
  g_autofree char *key = html_attr (node, "property");
  if (key == NULL)
    key = html_attr (node, "name");
  /* Microdata in the page's body: a date there is the article's only where an element's
   * would be (not a comment's, a reader's review's or a related story's). */
  gboolean item_elsewhere = FALSE;
  if (key == NULL && (key = html_attr (node, "itemprop")))
    item_elsewhere = html_dates_in_other_part (t->dates, node);
  if (key == NULL)
    key = html_attr (node, "http-equiv");
  if (key == NULL)
    return;
  g_autofree char *content = html_attr (node, "content");
  if (content == NULL)
    return;
  char *k = g_ascii_strdown (key, -1);
  g_strstrip (k);
  /* "dcterms:created" as RDFa writes it is "dcterms.created". */
  if (g_str_has_prefix (k, "dc:") || g_str_has_prefix (k, "dcterms:"))
    *strchr (k, ':') = '.';
  if (!strcmp (k, "og:title")) offer (&t->og_title, content);
  else if (!strcmp (k, "og:description")) offer (&t->og_description, content);
  else if (!strcmp (k, "og:site_name")) offer (&t->og_site_name, content);
  else if (!strcmp (k, "og:url")) offer (&t->og_url, content);
  else if (!strcmp (k, "og:image") || !strcmp (k, "og:image:url") || !strcmp (k, "og:image:secure_url")) offer (&t->og_image, content);
  else if (!strcmp (k, "og:locale")) offer (&t->og_locale, content);
  else if (!strcmp (k, "article:published_time") || !strcmp (k, "og:article:published_time")) offer (&t->article_published, content);
  else if (!strcmp (k, "article:modified_time") || !strcmp (k, "og:updated_time") || !strcmp (k, "og:article:modified_time")) offer (&t->article_modified, content);
  else if (!strcmp (k, "article:section") || !strcmp (k, "og:article:section")) offer (&t->article_section, content);
  else if (!strcmp (k, "article:author") || !strcmp (k, "og:article:author")) offer_name (t->article_authors, content);
  else if (!strcmp (k, "article:tag") || !strcmp (k, "og:article:tag")) offer_tag (t->article_tags, content);
  else if (!strcmp (k, "twitter:title")) offer (&t->tw_title, content);
  else if (!strcmp (k, "twitter:description")) offer (&t->tw_description, content);
  else if (!strcmp (k, "twitter:image") || !strcmp (k, "twitter:image:src")) offer (&t->tw_image, content);
  else if (g_str_has_prefix (k, "twitter:label") && g_ascii_isdigit (k[13]) && k[14] == '\0')
    {
      if (html_byline_is_label (content))
        t->tw_author_slots |= 1u << (k[13] - '0');
    }
  else if (g_str_has_prefix (k, "twitter:data") && g_ascii_isdigit (k[12]) && k[13] == '\0')
    offer (&t->tw_data[k[12] - '0'], content);
  else if (!strcmp (k, "description") || !strcmp (k, "dc.description")) offer (&t->m_description, content);
  else if (!strcmp (k, "author") || !strcmp (k, "dc.creator") || !strcmp (k, "sailthru.author")
           || !strcmp (k, "parsely-author") || !strcmp (k, "citation_author") || !strcmp (k, "byl"))
    offer_names (t->m_authors, content);
  else if (!strcmp (k, "keywords") || !strcmp (k, "news_keywords") || !strcmp (k, "parsely-tags") || !strcmp (k, "sailthru.tags"))
    offer_tags (t->m_tags, content);
  /* A bare "date" names no event: content systems fill it with the page's last change or
   * the time it was generated as often as with its publication. */
  else if (item_elsewhere && (!strcmp (k, "date") || !strcmp (k, "datecreated") || !strcmp (k, "datemodified")
                              || names_publication (k)))
    {
      /* another item's date: not the page's */
    }
  else if (!strcmp (k, "date") || !strcmp (k, "dc.date") || !strcmp (k, "dcterms.date") || !strcmp (k, "sailthru.date"))
    offer (&t->m_date, content);
  else if (!strcmp (k, "dcterms.created") || !strcmp (k, "dcterms.issued") || !strcmp (k, "dc.date.created")
           || !strcmp (k, "dc.date.issued") || !strcmp (k, "citation_publication_date") || !strcmp (k, "publication_date")
           || !strcmp (k, "article_date_original") || !strcmp (k, "originalpublicationdate")
           || !strcmp (k, "publicationdate") || !strcmp (k, "citation_date") || !strcmp (k, "citation_online_date")
           || !strcmp (k, "datecreated") || !strcmp (k, "dc.created")
           || !strcmp (k, "release_date") || !strcmp (k, "pdate") || !strcmp (k, "ptime")
           || names_publication (k))
    offer (&t->m_published, content);
  /* Parse.ly's page record: a JSON object whose "pub_date" is the publication. */
  else if (!strcmp (k, "parsely-page"))
    {
      g_autofree char *pub_date = parsely_pub_date (content);
      offer (&t->m_published, pub_date);
    }
  else if (!strcmp (k, "last-modified") || !strcmp (k, "dcterms.modified") || !strcmp (k, "datemodified"))
    offer (&t->m_modified, content);
  else if (!strcmp (k, "content-language") || !strcmp (k, "dc.language") || !strcmp (k, "language"))
    offer (&t->m_language, content);
  else if (!strcmp (k, "parsely-section") || !strcmp (k, "section"))
    offer (&t->m_section, content);
  g_free (k);
}

/* Whether @token is one of the words of @list (apart at spaces, tabs and line feeds), ASCII
 * case-blind.  In place: this runs on every element with an itemprop or rel. */
static gboolean
has_token (const char *list, const char *token)
{
  if (list == NULL)
    return FALSE;
  gsize n = strlen (token);
  for (const char *p = list; *p;)
    {
      const char *start = p;
      while (*p && *p != ' ' && *p != '\t' && *p != '\n')
        p++;
      if ((gsize) (p - start) == n && html_ascii_lower (*start) == html_ascii_lower (*token)
          && g_ascii_strncasecmp (start, token, n) == 0)
        return TRUE;
      if (*p)
        p++;
    }
  return FALSE;
}

/* Whether a class list names a byline: "byline", "author", "autor", "verfasser" or "writer"
 * in it (as written), or a "submitted" of its own (any case, as has_token reads tokens).  One
 * pass: every element with a class comes here. */
static gboolean
names_byline (const char *class)
{
  const char *token = class;
  for (const char *p = class;; p++)
    {
      switch (*p)
        {
        case '\0':
        case ' ':
        case '\t':
        case '\n':
          if (p - token == 9 && g_ascii_strncasecmp (token, "submitted", 9) == 0)
            return TRUE;
          if (*p == '\0')
            return FALSE;
          token = p + 1;
          break;
        case 'a':
          if (strncmp (p, "author", 6) == 0 || strncmp (p, "autor", 5) == 0)
            return TRUE;
          break;
        case 'b':
          if (strncmp (p, "byline", 6) == 0)
            return TRUE;
          break;
        case 'v':
          if (strncmp (p, "verfasser", 9) == 0)
            return TRUE;
          break;
        case 'w':
          if (strncmp (p, "writer", 6) == 0)
            return TRUE;
          break;
        default:
          break;
        }
    }
}

/* Whether @text is white space only. */
static gboolean
blank_text (const char *text)
{
  return text[strspn (text, " \t\r\n")] == '\0';
}

/* A byline element's text: "By Jane Doe and John Roe" -> two names. */
static void
offer_byline (GPtrArray *list, const char *text)
{
  html_byline_add_names (list, text, TRUE);
}

/* An attribute's value without a copy (NULL when absent): this runs on every element. */
static const char *
attr_text (xmlNode *node, const char *name)
{
  for (xmlAttr *attr = node->properties; attr; attr = attr->next)
    if (strcmp ((const char *) attr->name, name) == 0)
      return attr->children && attr->children->type == XML_TEXT_NODE && attr->children->next == NULL
               ? (const char *) attr->children->content : NULL;
  return NULL;
}

/* Whether @node is a kicker set above or before a headline inside the <h1> ("<span
 * class=dachzeile>", "<small>Einheit der Woche</small><br>"). */
static gboolean
is_kicker (xmlNode *node)
{
  static const char *const kickers[] = { "dachzeile", "kicker", "topline", "overline", "eyebrow", "roofline",
                                         "spitzmarke", NULL };
  if (!g_ascii_strcasecmp ((const char *) node->name, "small"))
    return TRUE;
  const char *class = attr_text (node, "class");
  g_autofree char *lower = class ? g_ascii_strdown (class, -1) : NULL;
  for (const char *const *k = kickers; lower && *k; k++)
    if (strstr (lower, *k))
      return TRUE;
  return FALSE;
}

/* Whether @node's class or itemprop names the headline itself ("<span class=headline>",
 * itemprop="headline"), not a part beside it ("subheadline"). */
static gboolean
names_headline (xmlNode *node)
{
  const char *itemprop = attr_text (node, "itemprop");
  if (itemprop && has_token (itemprop, "headline"))
    return TRUE;
  const char *class = attr_text (node, "class");
  if (class == NULL)
    return FALSE;
  g_auto (GStrv) tokens = g_strsplit_set (class, " \t\n", -1);
  for (char **token = tokens; *token; token++)
    if (!g_ascii_strcasecmp (*token, "headline") || g_str_has_suffix (*token, "__headline")
        || g_str_has_suffix (*token, "-headline"))
      return TRUE;
  return FALSE;
}

/* An <h1>'s headline: the part of it that names itself the headline, without a kicker before
 * it ("<span class=dachzeile>Interne Unterlagen</span><span class=headline>Daten gehackt</span>"),
 * and up to a block inside it (an <h1> left unclosed, "<h1>Title<h4 class=author>Veröffentlicht
 * von ...</h4>", holds the byline that follows it). */
static char *
headline_text (xmlNode *node)
{
  static const char *const blocks[] = { "h2", "h3", "h4", "h5", "h6", "p", "div", "ul", "ol", "table", NULL };
  xmlNode *target = node;
  for (xmlNode *c = node->children; c && target == node; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      {
        if (names_headline (c))
          target = c;
        for (xmlNode *d = c->children; d && target == node; d = d->next)
          if (d->type == XML_ELEMENT_NODE && names_headline (d))
            target = d;
      }
  xmlNode *start = target->children, *block = NULL;
  /* A kicker first: the headline starts after it (and after a <br> or white space). */
  for (; start; start = start->next)
    {
      if (start->type == XML_TEXT_NODE && start->content
          && strspn ((const char *) start->content, " \t\r\n") < strlen ((const char *) start->content))
        break;
      if (start->type == XML_ELEMENT_NODE && !is_kicker (start) && g_ascii_strcasecmp ((const char *) start->name, "br"))
        break;
    }
  if (start == NULL)
    start = target->children;
  for (xmlNode *c = start; c && block == NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      for (const char *const *b = blocks; *b && block == NULL; b++)
        if (!g_ascii_strcasecmp ((const char *) c->name, *b))
          block = c;
  if (block == start)
    block = NULL;
  if (target == node && start == node->children && block == NULL)
    return html_node_text (node);
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;
  for (xmlNode *c = start; c != block; c = c->next)
    {
      xmlChar *content = xmlNodeGetContent (c);
      if (content)
        html_append_collapsed (out, (const char *) content, &pending);
      xmlFree (content);
    }
  /* The sign between kicker and headline ("Klimaschutz<span>: </span>Bohren ..."). */
  gsize sign = 0;
  while (start != target->children && sign < out->len && out->str[sign] && strchr (":|-/ ", out->str[sign]))
    sign++;
  while (start != target->children && sign + 3 <= out->len
         && (g_str_has_prefix (out->str + sign, "–") || g_str_has_prefix (out->str + sign, "—")
             || g_str_has_prefix (out->str + sign, "·") || g_str_has_prefix (out->str + sign, "•")))
    {
      sign += g_utf8_skip[(guchar) out->str[sign]];
      while (sign < out->len && out->str[sign] == ' ')
        sign++;
    }
  g_string_erase (out, 0, sign);
  if (out->len == 0 || !g_utf8_validate (out->str, out->len, NULL))
    {
      g_string_free (out, TRUE);
      return html_node_text (node);
    }
  return g_string_free (out, FALSE);
}

static void
read_element (MetaTags *t, GPtrArray *scripts, xmlNode *node)
{
  const char *name = (const char *) node->name;
  /* Case-blind where attr_text compares exactly: libxml2's HTML parser writes attribute
   * names in lower case, so the two find the same attribute. */
  HtmlAttrs attrs;
  html_attrs_read (node, &attrs);
  html_dates_element (t->dates, node, &attrs);
  if (html_ascii_equal (name, "meta"))
    read_meta_element (t, node);
  else if (html_ascii_equal (name, "script"))
    {
      g_autofree char *type = html_attr (node, "type");
      if (type && g_ascii_strcasecmp (g_strstrip (type), "application/ld+json") == 0)
        {
          xmlChar *content = xmlNodeGetContent (node);
          if (content)
            g_ptr_array_add (scripts, g_strdup ((const char *) content));
          xmlFree (content);
        }
    }
  else if (html_ascii_equal (name, "link"))
    {
      g_autofree char *rel = html_attr (node, "rel");
      if (has_token (rel, "canonical"))
        {
          g_autofree char *href = html_attr (node, "href");
          offer (&t->canonical, href);
        }
    }
  else if (html_ascii_equal (name, "title"))
    {
      if (t->title_element == NULL)
        t->title_element = html_node_text (node);
    }
  else if (html_ascii_equal (name, "html"))
    {
      g_autofree char *lang = html_attr (node, "lang");
      if (lang == NULL)
        lang = html_attr (node, "xml:lang");
      offer (&t->html_lang, lang);
    }
  else if (html_ascii_equal (name, "h1") && t->headlines->len < 8)
    {
      char *text = headline_text (node);
      if (*text && g_utf8_strlen (text, -1) < 300)
        {
          guint parts = 0;
          gboolean elements = FALSE;
          for (xmlNode *c = node->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
              parts++, elements = TRUE;
            else if (c->type == XML_TEXT_NODE && c->content && *g_strstrip ((char *) c->content))
              parts++;
          if (parts >= 2 && elements)
            t->composite |= 1u << t->headlines->len;
          g_ptr_array_add (t->headlines, text);
        }
      else
        g_free (text);
    }
  const char *itemprop = attrs.itemprop;
  if (itemprop && !html_ascii_equal (name, "meta"))
    {
      if (has_token (itemprop, "dateModified"))
        {
          g_autofree char *value = html_attr (node, "datetime");
          if (value == NULL)
            value = html_attr (node, "content");
          if (value == NULL)
            value = html_node_text (node);
          offer (&t->item_modified, value);
        }
      else if (has_token (itemprop, "author") && !html_dates_in_other_part (t->dates, node))
        {
          g_autofree char *text = html_node_text (node);
          offer_byline (t->page_authors, text);
        }
    }
  const char *rel = attrs.rel;
  if (rel && has_token (rel, "author") && !html_dates_in_other_part (t->dates, node))
    {
      g_autofree char *text = html_node_text (node);
      offer_byline (t->page_authors, text);
    }
  /* An element that signs the article after its headline, at its top or its end: "<p><strong>
   * Autorin: Jana Muster, Projektleiterin</strong></p>", "<em>Written by: <a>Jane Doe</a></em>". */
  if (t->signed_authors->len == 0 && html_dates_after_headline (t->dates))
    {
      xmlNode *first = node->children;
      while (first && first->type == XML_TEXT_NODE && first->content
             && strspn ((const char *) first->content, " \t\r\n") == strlen ((const char *) first->content))
        first = first->next;
      g_autofree char *label = first && first->type == XML_TEXT_NODE && first->content
                                 ? html_byline_signed ((const char *) first->content, TRUE) : NULL;
      if (label)
        {
          g_autofree char *text = html_node_spaced_text (node, 200);
          g_autofree char *signer = text ? html_byline_signed (text, FALSE) : NULL;
          if (signer && !html_dates_in_other_part (t->dates, node))
            html_byline_add_name (t->signed_authors, signer);
        }
    }
  /* A label alone in its element with the name in the next one: "<h4>Autor</h4><p><a>Jane
   * Doe</a></p>", "<dt>Author:</dt><dd>Jane Doe</dd>", "<th>Auteur :</th><td>Jane Doe</td>". */
  if (t->signed_authors->len == 0)
    {
      xmlNode *only = node->children;
      if (only && only->next == NULL && only->type == XML_TEXT_NODE && only->content
          && html_byline_is_label ((const char *) only->content))
        {
          /* Past the same label for another screen size ("Auteur :" and "Auteur(s) :"). */
          g_autofree char *text = NULL;
          guint labels = 0;
          for (xmlNode *value = node->next; value && labels < 3; value = value->next)
            {
              if (value->type == XML_TEXT_NODE && value->content && blank_text ((const char *) value->content))
                continue;
              if (value->type != XML_ELEMENT_NODE)
                break;
              text = html_node_spaced_text (value, 200);
              if (text == NULL || !html_byline_is_label (text))
                break;
              g_clear_pointer (&text, g_free);
              labels++;
            }
          if (text && g_utf8_strlen (text, -1) <= 100 && !html_dates_in_other_part (t->dates, node))
            offer_byline (t->signed_authors, text);
        }
    }
  /* A byline element ("By Jane Doe and John Roe"): the first one only, bylines repeat in
   * teasers further down the page. */
  if (t->byline_seen)
    return;
  /* A byline without markup: "<p>von <em>Jana Muster</em></p>", "<address>By <a>Jane
   * Doe</a></address>" in the article's header. */
  if (t->text_authors->len == 0 && html_dates_near_headline (t->dates))
    {
      xmlNode *first = node->children;
      while (first && first->type == XML_TEXT_NODE && first->content && *first->content
             && strspn ((const char *) first->content, " \t\r\n") == strlen ((const char *) first->content))
        first = first->next;
      if (first && first->type == XML_TEXT_NODE && first->content
          && html_byline_is_labelled ((const char *) first->content) && !html_dates_in_other_part (t->dates, node))
        {
          g_autofree char *text = html_node_text (node);
          if (g_utf8_strlen (text, -1) <= 100)
            offer_byline (t->text_authors, text);
        }
    }
  /* A date line in the article's header with the name beside it ("11.12.2019 - Jane Doe",
   * "04.02.2022 | 13:10 Uhr | Jane Doe" over the headline). */
  if (t->text_authors->len == 0 && html_dates_by_headline (t->dates))
    {
      g_autofree char *text = html_node_spaced_text (node, 120);
      g_autofree char *dated = text ? html_byline_from_date_line (text) : NULL;
      if (dated && !html_dates_in_other_part (t->dates, node))
        html_byline_add_name (t->text_authors, dated);
    }
  const char *class = attrs.class_;
  /* Generated class names say nothing ("QHbl nkdH"): a byline's id or test hook still does. */
  if (class == NULL || !strstr (class, "byline"))
    {
      const char *hook = attrs.testid;
      if (hook == NULL || !strstr (hook, "byline"))
        hook = attrs.id;
      if (hook && strstr (hook, "byline"))
        class = hook;
    }
  if (class && names_byline (class)
      && !strstr (class, "author-bio") && !strstr (class, "author-avatar") && !strstr (class, "author-image")
      && !strstr (class, "authors-list") && !html_dates_in_other_part (t->dates, node))
    {
      /* Spaced: "<span>By</span><a>Jane Doe</a>" is "By Jane Doe", not "ByJane Doe". */
      g_autofree char *text = html_node_spaced_text (node, 400);
      if (text && g_utf8_strlen (text, -1) <= 100)
        {
          offer_byline (t->byline_authors, text);
          t->byline_seen = t->byline_authors->len > 0;
        }
    }
}

xmlNode *
html_find_headline (xmlNode *root, guint *order)
{
  /* A page's first <h1> is sometimes a pop-up's greeting or the logo: the headline is the
   * first one that shares its words with the <title>, else the first one. */
  xmlNode *h1[8] = { NULL }, *h2[8] = { NULL };
  guint h1_order[8] = { 0 }, h2_order[8] = { 0 };
  guint n1 = 0, n2 = 0, count = 0;
  g_autofree char *title = NULL;
  xmlNode *node = root;
  while (node)
    {
      /* Counted as html_meta_read's walk counts (html_dates_element's order). */
      if (node->type == XML_ELEMENT_NODE)
        count++;
      if (node->type == XML_ELEMENT_NODE && html_ascii_lower (node->name[0]) == 'h' && node->name[1]
          && node->name[2] == '\0')
        {
          if (node->name[1] == '1' && n1 < G_N_ELEMENTS (h1))
            h1_order[n1] = count, h1[n1++] = node;
          else if (node->name[1] == '2' && n2 < G_N_ELEMENTS (h2))
            h2_order[n2] = count, h2[n2++] = node;
        }
      else if (title == NULL && node->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp ((const char *) node->name, "title"))
        title = html_node_text (node);
      node = html_next_node (node, root, node->type == XML_ELEMENT_NODE);
    }
  /* The <h1> that the <title> names; else an <h2> that it names (an <h1> kept for the logo);
   * else the first <h1>, or without one the first <h2> (blogs put the post's title there). */
  xmlNode **lists[] = { h1, h2 };
  guint *order_lists[] = { h1_order, h2_order }, counts[] = { n1, n2 };
  for (guint l = 0; l < 2 && title && *title; l++)
    for (guint i = 0; i < counts[l] && (n1 + n2 > 1); i++)
      {
        g_autofree char *text = html_node_text (lists[l][i]);
        if (*text && shares_words (text, title))
          {
            *order = order_lists[l][i];
            return lists[l][i];
          }
      }
  *order = n1 ? h1_order[0] : n2 ? h2_order[0] : 0;
  return n1 ? h1[0] : n2 ? h2[0] : NULL;
}

static void
take_list (GPtrArray *into, GPtrArray *from)
{
  if (into->len > 0)
    return;
  for (guint i = 0; i < from->len; i++)
    if (!contains_string (into, g_ptr_array_index (from, i)))
      g_ptr_array_add (into, g_strdup (g_ptr_array_index (from, i)));
}

/* "en-US" / "en_GB" -> "en". */
static void
offer_language (char **field, const char *value)
{
  if (*field || value == NULL)
    return;
  gsize n = 0;
  while (g_ascii_isalpha (value[n]))
    n++;
  if (n == 2 || n == 3)
    *field = g_ascii_strdown (value, n);
}

/* The last word of @name (a family name, or the whole of a user name), 3 bytes or more, or NULL. */
static const char *
last_word (const char *name)
{
  const char *space = strrchr (name, ' ');
  const char *word = space ? space + 1 : name;
  return strlen (word) >= 3 ? word : NULL;
}

/* Whether a text node of the page's <body> (not a script, style or template) holds the last
 * word of one of @names: a name the page shows its readers somewhere, in a byline, an author
 * box or a signature. */
static gboolean
names_shown (xmlNode *root, GPtrArray *names)
{
  xmlNode *body = root;
  for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp ((const char *) c->name, "body"))
      body = c;
  xmlNode *node = body;
  while (node)
    {
      gboolean descend = node->type == XML_ELEMENT_NODE;
      if (descend)
        {
          const char *name = (const char *) node->name;
          if (html_ascii_equal (name, "script") || html_ascii_equal (name, "style")
              || html_ascii_equal (name, "template") || html_ascii_equal (name, "head"))
            descend = FALSE;
        }
      else if (node->type == XML_TEXT_NODE && node->content)
        for (guint i = 0; i < names->len; i++)
          {
            const char *word = last_word (g_ptr_array_index (names, i));
            if (word && strstr ((const char *) node->content, word))
              return TRUE;
          }
      node = html_next_node (node, body, descend);
    }
  return FALSE;
}

void
html_meta_read (htmlDocPtr doc, HtmlMeta *meta)
{
  MetaTags t = { 0 };
  t.article_authors = g_ptr_array_new_with_free_func (g_free);
  t.article_tags = g_ptr_array_new_with_free_func (g_free);
  t.m_authors = g_ptr_array_new_with_free_func (g_free);
  t.m_tags = g_ptr_array_new_with_free_func (g_free);
  t.page_authors = g_ptr_array_new_with_free_func (g_free);
  t.headlines = g_ptr_array_new_with_free_func (g_free);
  t.byline_authors = g_ptr_array_new_with_free_func (g_free);
  t.text_authors = g_ptr_array_new_with_free_func (g_free);
  t.signed_authors = g_ptr_array_new_with_free_func (g_free);
  t.dates = html_dates_new ();
  g_autoptr (GPtrArray) scripts = g_ptr_array_new_with_free_func (g_free);

  /* One pre-order walk without recursion (pages nest deeply). */
  xmlNode *root = xmlDocGetRootElement (doc);
  guint headline_order = 0;
  xmlNode *headline = html_find_headline (root, &headline_order);
  html_dates_set_headline (t.dates, headline, headline_order);
  xmlNode *node = root;
  while (node)
    {
      if (node->type == XML_ELEMENT_NODE)
        read_element (&t, scripts, node);
      node = html_next_node (node, root, node->type == XML_ELEMENT_NODE);
    }

  g_autofree char *ld_title = NULL;
  g_autofree char *website = NULL;
  g_autofree char *page_published = NULL;
  read_json_ld (meta, scripts, t.canonical ? t.canonical : t.og_url, &website, &page_published);
  ld_title = g_steal_pointer (&meta->title);

  /* The article's publisher, og:site_name, then the JSON-LD WebSite's name. */
  offer (&meta->site_name, t.og_site_name);
  offer (&meta->site_name, website);
  /* Titles: the page's visible headline (<h1>) when the metadata agrees that it is the
   * headline (it shares most of its words with one of them; a logo or section name in an
   * <h1> does not); else JSON-LD headline, og:title, twitter:title, <title>, each cleaned
   * of a site-name suffix. */
  const char *metadata_titles[] = { ld_title, t.og_title, t.tw_title, t.title_element };
  gboolean composite = FALSE;
  for (guint i = 0; i < t.headlines->len && meta->title == NULL; i++)
    {
      const char *h1 = g_ptr_array_index (t.headlines, i);
      composite = (t.composite >> i) & 1;
      if (count_words (h1, strlen (h1)) < 2 || (meta->site_name && g_ascii_strcasecmp (h1, meta->site_name) == 0))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (metadata_titles) && meta->title == NULL; j++)
        if (metadata_titles[j] && shares_words (h1, metadata_titles[j]))
          offer (&meta->title, h1);
    }
  /* One word ("»frag.jetzt«") is a logo or a section ("News") as often as a headline: the
   * headline when no longer <h1> is one and a metadata title opens with it and a separator
   * ("»frag.jetzt« – Site"). */
  for (guint i = 0; i < t.headlines->len && meta->title == NULL; i++)
    {
      const char *h1 = g_ptr_array_index (t.headlines, i);
      if (count_words (h1, strlen (h1)) != 1 || (meta->site_name && g_ascii_strcasecmp (h1, meta->site_name) == 0)
          || names_host (h1, t.canonical) || names_host (h1, t.og_url))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (metadata_titles) && meta->title == NULL; j++)
        if (metadata_titles[j] && g_str_has_prefix (metadata_titles[j], h1))
          for (const char *const *sep = title_separators; *sep; sep++)
            if ((*sep)[0] == ' ' && g_str_has_prefix (metadata_titles[j] + strlen (h1), *sep))
              {
                offer (&meta->title, h1);
                composite = FALSE;
                break;
              }
    }
  /* A headline run together with its kicker, date or subtitle ("Interne Unterlagen im Netz
   * Daten von Rheinmetall gehackt", "Zuschauerrückkehr ... 02.02.2022 • Presse"): when the
   * metadata's title is the start or the end of it, the metadata says where it stops. */
  for (guint j = 0; j < G_N_ELEMENTS (metadata_titles) && meta->title && composite; j++)
    {
      if (metadata_titles[j] == NULL)
        continue;
      g_autofree char *clean = html_clean_title (metadata_titles[j], meta->site_name);
      if (clean && count_words (clean, strlen (clean)) >= 2 && is_part_of_headline (meta->title, clean))
        {
          g_free (meta->title);
          meta->title = g_steal_pointer (&clean);
          break;
        }
    }
  const char *title_sources[] = { ld_title, t.og_title, t.tw_title, t.title_element };
  for (guint i = 0; i < G_N_ELEMENTS (title_sources) && meta->title == NULL; i++)
    if (title_sources[i] && *title_sources[i])
      meta->title = html_clean_title (title_sources[i], meta->site_name);

  offer (&meta->description, t.og_description);
  offer (&meta->description, t.tw_description);
  offer (&meta->description, t.m_description);
  offer (&meta->url, t.canonical);
  offer (&meta->url, t.og_url);
  offer (&meta->image, t.og_image);
  offer (&meta->image, t.tw_image);
  offer (&meta->modified, t.article_modified);
  offer (&meta->modified, t.m_modified);
  offer (&meta->modified, t.item_modified);
  offer (&meta->section, t.article_section);
  offer (&meta->section, t.m_section);
  /* The short last part that html_clean_title cuts from the <title> ("Headline - Planet
   * Handball") names the site, where the metadata may name none. */
  g_autofree char *title_site = NULL;
  if (t.title_element)
    {
      g_autofree char *clean = html_clean_title (t.title_element, meta->site_name);
      gsize n = clean ? strlen (clean) : 0;
      if (n > 0 && strlen (t.title_element) > n && strncmp (t.title_element, clean, n) == 0)
        {
          const char *tail = t.title_element + n;
          while (*tail && !g_unichar_isalnum (g_utf8_get_char (tail)))
            tail = g_utf8_next_char (tail);
          title_site = g_strdup (tail);
        }
    }
  /* The <title>'s last part after a separator, whatever its words ("Post - Der SeglerBlog aus
   * Berlin"): a one-word handle in it is the site's. */
  const char *title_tail = NULL;
  for (const char *const *sep = (const char *const[]) { " - ", " | ", " – ", " — ", " · ", " • ", " :: ", NULL };
       *sep && t.title_element; sep++)
    {
      const char *at = g_strrstr (t.title_element, *sep);
      if (at && count_words (t.title_element, at - t.title_element) >= 2 && (title_tail == NULL || at + strlen (*sep) > title_tail))
        title_tail = at + strlen (*sep);
    }
  for (guint i = 0; i < G_N_ELEMENTS (t.tw_data); i++)
    if ((t.tw_author_slots & (1u << i)) && t.tw_data[i])
      offer_names (t.m_authors, t.tw_data[i]);
  /* Authors: the first source that names someone other than the site itself. */
  const char *site_names[] = { meta->site_name ? meta->site_name : "", t.og_site_name ? t.og_site_name : "",
                               website ? website : "", NULL };
  GPtrArray *author_sources[] = { meta->authors, t.article_authors, t.m_authors, t.page_authors, t.byline_authors,
                                  t.text_authors, t.signed_authors };
  for (guint i = 0; i < G_N_ELEMENTS (author_sources); i++)
    {
      html_byline_drop_site_names (author_sources[i], site_names);
      /* A name beside a date in plain text may be the site's own; a person's blog that signs
       * its titles with its author's name ("Post - Jane Doe") names them in its metadata. */
      if (author_sources[i] == t.text_authors && title_site)
        html_byline_drop_site_names (author_sources[i], (const char *const[]) { title_site, NULL });
      html_byline_drop_handles (author_sources[i], title_tail);
      /* A "byline" element that holds the headline ("news-list-author" in some themes). */
      html_byline_drop_text (author_sources[i], meta->title);
      if (t.headlines->len > 0)
        html_byline_drop_text (author_sources[i], g_ptr_array_index (t.headlines, 0));
      if (i > 0)
        take_list (meta->authors, author_sources[i]);
    }
  /* Names only the metadata gives (JSON-LD, <meta name=author>) that the page never shows:
   * a theme's or account's default author, the site's owner on every page, not a byline. */
  if (meta->authors->len > 0 && t.page_authors->len == 0 && t.byline_authors->len == 0 && t.text_authors->len == 0
      && t.signed_authors->len == 0
      && !names_shown (root, meta->authors))
    g_ptr_array_set_size (meta->authors, 0);
  take_list (meta->tags, t.article_tags);
  take_list (meta->tags, t.m_tags);

  g_autofree char *language = g_steal_pointer (&meta->language);
  offer_language (&meta->language, language);
  offer_language (&meta->language, t.html_lang);
  offer_language (&meta->language, t.og_locale);
  offer_language (&meta->language, t.m_language);

  /* The publication date: every candidate by provenance (meta-date.c).  Numeric days are
   * read in the page's language with its region ("en-GB" puts the day first). */
  html_dates_offer (t.dates, meta->published, 100, "json-ld");
  html_dates_offer (t.dates, t.article_published, 90, "meta");
  html_dates_offer (t.dates, t.m_published, 80, "meta");
  /* Below a <time> or a date element in the article's header, above a date loose in the page. */
  html_dates_offer_bare (t.dates, t.m_date);
  html_dates_offer (t.dates, page_published, 35, "json-ld");
  offer_title_date (t.dates, t.title_element);
  offer_title_date (t.dates, t.og_title);
  offer_description_date (t.dates, meta->description);
  html_dates_offer (t.dates, meta->modified, 30, "modified");
  html_dates_offer (t.dates, t.article_modified, 29, "modified");
  html_dates_offer (t.dates, t.m_modified, 28, "modified");
  g_clear_pointer (&meta->published, g_free);
  const char *locale = date_locale (t.html_lang, t.og_locale, meta->language);
  meta->has_published = html_dates_choose (t.dates, locale, meta->url, &meta->published_date,
                                           &meta->published_local, &meta->published, &meta->published_source);
  meta_tags_clear (&t);
}

/* ---- titles and dates ---- */

/* The language whose conventions read the page's numeric days: <html lang>, but with the
 * region og:locale gives when <html lang> names the same language without one (WordPress
 * writes lang="en" and og:locale="en_GB": a British page, 6/7/2020 the 6th of July). */
static const char *
date_locale (const char *html_lang, const char *og_locale, const char *language)
{
  if (html_lang == NULL)
    return og_locale ? og_locale : language;
  gsize n = 0;
  while (g_ascii_isalpha (html_lang[n]))
    n++;
  if (html_lang[n] == '\0' && og_locale && g_ascii_strncasecmp (html_lang, og_locale, n) == 0
      && (og_locale[n] == '_' || og_locale[n] == '-') && g_ascii_isalpha (og_locale[n + 1]))
    return og_locale;
  return html_lang;
}

/* Whether @c is a word's character as GRegex's "\w" reads one (a letter, a digit or "_":
 * PCRE2 with Unicode properties, which GLib asks for; a PCRE2 with older Unicode tables
 * than GLib's knows fewer letters of the newest scripts). */
static inline gboolean
is_word_char (gunichar c)
{
  return c == '_' || g_unichar_isalnum (c);
}

/* Whether half the words of @a (case folded, 3 letters or more), and two of them at least,
 * appear in @b.  The words are the runs of word characters, split in place (each looked for
 * with its end made a NUL for a moment): no pattern compiled a call, no copy a word. */
static gboolean
shares_words (const char *a, const char *b)
{
  g_autofree char *la = g_utf8_casefold (a, -1);
  g_autofree char *lb = g_utf8_casefold (b, -1);
  guint total = 0, found = 0;
  char *p = la;
  while (*p)
    {
      char *start = p;
      glong length = 0;
      while (*p && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p), length++;
      if (length >= 3)
        {
          char saved = *p;
          *p = '\0';
          total++;
          found += strstr (lb, start) != NULL;
          *p = saved;
        }
      if (*p)
        p = g_utf8_next_char (p); /* the separator (between two, an empty word: not counted) */
    }
  return found >= MIN (total, 2u) && total > 0 && found * 2 >= total;
}

/* Is @word the name in @url's host ("seelenradio" in http://www.seelenradio.de/...)? Then a
 * one-word heading is the site's logo, not the headline. */
static gboolean
names_host (const char *word, const char *url)
{
  const char *host = url ? strstr (url, "://") : NULL;
  if (host == NULL)
    return FALSE;
  host += 3;
  gsize length = strcspn (host, "/:?#");
  g_autofree char *name = g_strndup (host, length);
  g_auto (GStrv) labels = g_strsplit (name, ".", -1);
  guint n = g_strv_length (labels);
  for (guint i = 0; i + 1 < n; i++) /* not the top-level domain */
    if (g_ascii_strcasecmp (labels[i], word) == 0)
      return TRUE;
  return FALSE;
}

/* A summary that dates the item it describes ("ORSO MARSICANO: ... (Notizia del 14 Gennaio
 * 2020)", "Fachmeldung vom 18.10.2021 aus dem Bereich Steuern"): the date right after "vom",
 * "del" or "du" is the item's own.  Any other date in a summary is one the text talks about
 * (a law in force from, a match on): not read.  Below every date the page shows. */
static void
offer_description_date (HtmlDates *dates, const char *description)
{
  static const char *const of[] = { "vom ", "del ", "du ", NULL };
  if (description == NULL || !strpbrk (description, "0123456789"))
    return;
  NfDate date;
  gsize start;
  if (!nf_date_find (description, -1, NULL, &date, &start, NULL))
    return;
  for (const char *const *w = of; *w; w++)
    {
      gsize n = strlen (*w);
      if (start >= n && g_ascii_strncasecmp (description + start - n, *w, n) == 0
          && (start == n || !g_ascii_isalpha (description[start - n - 1])))
        {
          html_dates_offer (dates, description + start, 36, "description");
          return;
        }
    }
}

/* A date that is a whole part of the title ("08.11.2021 | Online-Fachtag", "Park grows -
 * 7 June 2020"): news archives of small sites put the day there and nowhere else. */
static void
offer_title_date (HtmlDates *dates, const char *title)
{
  if (title == NULL || !strpbrk (title, "0123456789"))
    return;
  NfDate date;
  for (const char *const *sep = title_separators; *sep; sep++)
    {
      const char *first = strstr (title, *sep);
      if (first == NULL)
        continue;
      const char *last = g_strrstr (title, *sep);
      g_autofree char *head = g_strndup (title, first - title);
      if (nf_date_parse (head, NULL, &date))
        html_dates_offer (dates, head, 44, "title");
      if (nf_date_parse (last + strlen (*sep), NULL, &date))
        html_dates_offer (dates, last + strlen (*sep), 44, "title");
    }
}

/* Whether @part is the start or the end of @headline, and shorter (case and spaces aside). */
static gboolean
is_part_of_headline (const char *headline, const char *part)
{
  g_autofree char *h = g_utf8_casefold (headline, -1);
  g_autofree char *p = g_utf8_casefold (part, -1);
  gsize hn = strlen (h), pn = strlen (p);
  if (pn + 2 > hn)
    return FALSE;
  /* The rest starts a new part: a sign, a digit or a capital ("...hectares07.06.2020"). */
  gunichar next = pn < strlen (headline) ? g_utf8_get_char_validated (headline + pn, -1) : 0;
  if (next == (gunichar) -1 || next == (gunichar) -2)
    next = 0;
  return (strncmp (h, p, pn) == 0 && (!g_unichar_isalpha (next) || g_unichar_isupper (next)))
         || (strcmp (h + hn - pn, p) == 0);
}


static guint
count_words (const char *text, gsize length)
{
  guint words = 0;
  gboolean in_word = FALSE;
  for (gsize i = 0; i < length; i++)
    {
      gboolean space = text[i] == ' ';
      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

/* "The Daily Planet", "BBC News", "nytimes.com": every word capitalised, or a domain. */
static gboolean
looks_like_name (const char *text)
{
  if (strchr (text, '.') && !strchr (text, ' '))
    return TRUE;
  gboolean word_start = TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == ' ')
        {
          word_start = TRUE;
          continue;
        }
      if (word_start && g_unichar_islower (c))
        {
          /* "e.V.", "n-tv": abbreviations and lower-case brands */
          const char *end = strchr (p, ' ');
          g_autofree char *word = end ? g_strndup (p, end - p) : g_strdup (p);
          if (!strchr (word, '.'))
            return FALSE;
        }
      word_start = FALSE;
    }
  return TRUE;
}

/* After the site's name, the sections before it that the page's <title> lists like a
 * breadcrumb ("Headline? | iPhone | Forum | MacTechNews.de"): short parts after " | ". */
static char *
cut_sections (char *title)
{
  for (guint i = 0; i < 3; i++)
    {
      char *cut = g_strrstr (title, " | ");
      if (cut == NULL)
        break;
      const char *tail = cut + 3;
      if (count_words (tail, strlen (tail)) > 2 || count_words (title, cut - title) < 3 || !looks_like_name (tail))
        break;
      *cut = '\0';
      g_strstrip (title);
    }
  return title;
}

char *
html_clean_title (const char *title, const char *site_name)
{
  g_autofree char *clean = NULL;
  offer (&clean, title);
  if (clean == NULL)
    return NULL;
  gsize length = strlen (clean);
  /* The site's own name at either end, after or before a separator; a domain given as the
   * name ("www.bmas.de") stands for the name the title writes ("BMAS"). */
  g_autofree char *domain = NULL;
  if (site_name && strchr (site_name, '.') && !strchr (site_name, ' '))
    {
      const char *start = g_ascii_strncasecmp (site_name, "www.", 4) == 0 ? site_name + 4 : site_name;
      const char *dot = strchr (start, '.');
      if (dot && dot - start >= 2)
        domain = g_strndup (start, dot - start);
    }
  const char *names[] = { site_name, domain };
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      const char *name = names[n];
      if (name == NULL || *name == '\0')
        continue;
      gsize name_length = strlen (name);
      for (const char *const *sep = title_separators; *sep; sep++)
        {
          gsize total = name_length + strlen (*sep);
          if (length <= total)
            continue;
          /* Case-blind for a domain only: a name is written as the site writes it. */
          int (*compare) (const char *, const char *, gsize) = n == 0 ? strncmp : g_ascii_strncasecmp;
          const char *end = clean + length - total;
          if (strncmp (end, *sep, strlen (*sep)) == 0 && compare (end + strlen (*sep), name, name_length) == 0)
            {
              clean[length - total] = '\0';
              return cut_sections (g_strstrip (g_steal_pointer (&clean)));
            }
          if (compare (clean, name, name_length) == 0 && strncmp (clean + name_length, *sep, strlen (*sep)) == 0)
            return g_strdup (g_strstrip (clean + total));
        }
    }
  /* Otherwise a short last part after " | " or " - ": "Headline - The Daily Planet". */
  const char *const strong[] = { " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", NULL };
  const char *cut = NULL;
  gsize cut_length = 0;
  for (const char *const *sep = strong; *sep; sep++)
    {
      const char *at = g_strrstr (clean, *sep);
      if (at && (cut == NULL || at > cut))
        cut = at, cut_length = strlen (*sep);
    }
  if (cut)
    {
      guint head_words = count_words (clean, cut - clean);
      const char *tail = cut + cut_length;
      guint tail_words = count_words (tail, strlen (tail));
      if (tail_words <= 4 && head_words >= 3 && looks_like_name (tail))
        {
          clean[cut - clean] = '\0';
          return cut_sections (g_strstrip (g_steal_pointer (&clean)));
        }
    }
  return g_steal_pointer (&clean);
}
