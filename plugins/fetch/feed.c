/* fetch "feed": one article per item of RSS 2.0, RSS 1.0 (RDF) and Atom feeds read from files
 * or URLs (libxml2, no entity expansion, no network from the parser); with follow = true each
 * item's link is fetched through the core's HTTP client and parsed as the article. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include <newsflow/newsflow.h>

#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_RSS1    "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

typedef struct {
  char         **sources;
  gboolean       follow;
  gboolean       drop_non_2xx; /* non-2xx = "drop" */
  gboolean       allow_private;
  guint64        max_size;
  NfHttpClient  *client;
} Feed;

static const NfOption feed_options[] = {
  NF_OPTION_STR_LIST ("sources", NULL,
                      "Feeds to read: files, http or https URLs, or \"-\" for standard input. Sources "
                      "given on the command line replace this list."),
  NF_OPTION_BOOL ("follow", cfg_false,
                  "Fetch each item's link and hand the page to the chain's parsers, keeping the feed's "
                  "fields as metadata; otherwise the item's content or summary is the article body."),
  NF_OPTION_BOOL ("allow-private", cfg_false,
                  "With follow, also fetch links that lead (after DNS and redirects) to loopback, "
                  "private, link-local or other non-public addresses; off, such an item fails, so a "
                  "feed cannot make newsflow reach into the local network."),
  NF_HTTP_OPTION_ENTRIES,
  NF_OPTION_CHOICE ("non-2xx", "fail", "fail|drop",
                    "What a response with a status outside 2xx becomes: a failed item (exit status 2), or "
                    "with drop a dropped article whose reason (\"http 404\") the tally counts, as crawls "
                    "want: dead links are not pipeline failures."),
  NF_OPTION_END
};

typedef enum { FEED_RSS, FEED_RDF, FEED_ATOM } FeedKind;

/* What one feed item says, as text. */
typedef struct {
  guint       number;      /* 1-based position in the feed */
  char       *title;
  char       *link;
  char       *guid;
  GPtrArray  *authors;     /* char * */
  NfDate      published;   /* read by the core's date reader (newsflow/date.h) */
  gboolean    has_published;
  char       *date_text;   /* the date as written, when it could not be read */
  char       *summary;     /* plain text, paragraphs separated by blank lines */
  GPtrArray  *body;        /* char *: paragraphs of the content, else of the summary */
} Item;

static void
item_free (Item *item)
{
  g_free (item->title);
  g_free (item->link);
  g_free (item->guid);
  g_ptr_array_unref (item->authors);
  g_free (item->date_text);
  g_free (item->summary);
  g_ptr_array_unref (item->body);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Item, item_free)

/* ---- text ---------------------------------------------------------------------------------- */

/* Collapses runs of white space to one space and trims (newsflow/text.h); NULL when nothing
 * is left. */
static char *
normalize_space (const char *text)
{
  if (text == NULL)
    return NULL;
  char *collapsed = nf_text_collapse_space (text, -1);
  if (*collapsed == '\0')
    g_clear_pointer (&collapsed, g_free);
  return collapsed;
}

static void
flush_paragraph (GString *current, GPtrArray *paragraphs)
{
  char *paragraph = normalize_space (current->str);
  if (paragraph)
    g_ptr_array_add (paragraphs, paragraph);
  g_string_truncate (current, 0);
}

static gboolean
is_block (const xmlChar *name)
{
  static const char *const blocks[] = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "section", "article", "header", "footer", "figure",
    "figcaption", "hr", "aside", "main", "nav", "address", NULL,
  };
  for (guint i = 0; blocks[i]; i++)
    if (g_ascii_strcasecmp ((const char *) name, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Text of a markup tree (HTML, or Atom's XHTML), a paragraph per block element.  Entity
 * references are not followed: their text is whatever the parser already substituted. */
static void
collect_paragraphs (xmlNode *node, GString *current, GPtrArray *paragraphs)
{
  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (current, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) child->name;
          if (g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0
              || g_ascii_strcasecmp (name, "head") == 0)
            continue;
          gboolean block = is_block (child->name);
          if (block)
            flush_paragraph (current, paragraphs);
          collect_paragraphs (child, current, paragraphs);
          if (block)
            flush_paragraph (current, paragraphs);
        }
    }
}

/* Paragraphs of a string that may be HTML (RSS descriptions usually are, escaped). */
static GPtrArray *
paragraphs_of_text (const char *text, gboolean html)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  if (text == NULL)
    return paragraphs;
  g_autoptr (GString) current = g_string_new (NULL);
  if (html && strpbrk (text, "<&"))
    {
      /* libxml2's HTML parser, from a string that is UTF-8 (it came out of the XML tree). */
      gsize length = strlen (text);
      htmlDocPtr doc = length < INT_MAX
        ? htmlReadMemory (text, (int) length, NULL, "UTF-8",
                          HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING)
        : NULL;
      if (doc)
        {
          collect_paragraphs ((xmlNode *) doc, current, paragraphs);
          flush_paragraph (current, paragraphs);
          xmlFreeDoc (doc);
          return paragraphs;
        }
    }
  /* Plain text: a blank line ends a paragraph. */
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *line = normalize_space (lines[i]);
      if (line == NULL)
        flush_paragraph (current, paragraphs);
      else
        g_string_append_printf (current, "%s ", line);
    }
  flush_paragraph (current, paragraphs);
  return paragraphs;
}

static char *
join_paragraphs (GPtrArray *paragraphs, const char *separator)
{
  if (paragraphs->len == 0)
    return NULL;
  g_ptr_array_add (paragraphs, NULL);
  char *joined = g_strjoinv (separator, (char **) paragraphs->pdata);
  g_ptr_array_remove_index (paragraphs, paragraphs->len - 1);
  return joined;
}

/* ---- the XML tree ----------------------------------------------------------------------------- */

/* An element called @name in @ns; for ns NULL, in no namespace or one of RSS's own. */
static gboolean
is_element (xmlNode *node, const char *name, const char *ns)
{
  if (node->type != XML_ELEMENT_NODE || !xmlStrEqual (node->name, BAD_CAST name))
    return FALSE;
  const char *href = node->ns ? (const char *) node->ns->href : NULL;
  if (ns == NULL)
    return href == NULL || strcmp (href, NS_RSS1) == 0 || strcmp (href, NS_RSS090) == 0;
  return href && strcmp (href, ns) == 0;
}

static xmlNode *
child_element (xmlNode *parent, const char *name, const char *ns)
{
  for (xmlNode *child = parent->children; child; child = child->next)
    if (is_element (child, name, ns))
      return child;
  return NULL;
}

/* The text inside an element; entity references are left out (see document_parse). */
static char *
raw_text (xmlNode *node)
{
  GString *text = g_string_new (NULL);
  for (xmlNode *child = node->children; child; child = child->next)
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
      g_string_append (text, (const char *) child->content);
    else if (child->type == XML_ELEMENT_NODE)
      {
        g_autofree char *inner = raw_text (child);
        g_string_append (text, inner);
      }
  return g_string_free (text, FALSE);
}

static char *
child_text (xmlNode *parent, const char *name, const char *ns)
{
  xmlNode *child = child_element (parent, name, ns);
  if (child == NULL)
    return NULL;
  g_autofree char *text = raw_text (child);
  return normalize_space (text);
}

static char *
get_attribute (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;
  xmlFree (value);
  return copy;
}

/* Paragraphs of an Atom text construct (type text, html or xhtml) or an RSS element. */
static GPtrArray *
construct_paragraphs (xmlNode *node, gboolean rss)
{
  g_autofree char *type = rss ? NULL : get_attribute (node, "type");
  if (type && strcmp (type, "xhtml") == 0)
    {
      GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GString) current = g_string_new (NULL);
      collect_paragraphs (node, current, paragraphs);
      flush_paragraph (current, paragraphs);
      return paragraphs;
    }
  g_autofree char *text = raw_text (node);
  /* RSS descriptions carry (escaped) HTML; Atom says which with type. */
  gboolean html = rss || (type && (strcmp (type, "html") == 0 || strstr (type, "html")));
  return paragraphs_of_text (text, html);
}

/* The text of a construct: a title on one line, a summary with blank lines between paragraphs. */
static char *
construct_text (xmlNode *node, gboolean rss, const char *separator)
{
  if (node == NULL)
    return NULL;
  g_autoptr (GPtrArray) paragraphs = construct_paragraphs (node, rss);
  return join_paragraphs (paragraphs, separator);
}


/* A link resolved against xml:base and the feed's own URL, or else the site's (@site). */
static char *
resolve_link (xmlNode *node, const char *link, const char *site)
{
  if (link == NULL)
    return NULL;
  xmlChar *base = xmlNodeGetBase (node->doc, node);
  if (base == NULL && site)
    base = xmlStrdup (BAD_CAST site);
  xmlChar *resolved = base ? xmlBuildURI (BAD_CAST link, base) : NULL;
  char *result = g_strdup (resolved ? (const char *) resolved : link);
  xmlFree (resolved);
  xmlFree (base);
  return result;
}

static Item *
item_new (guint number)
{
  Item *item = g_new0 (Item, 1);
  item->number = number;
  item->authors = g_ptr_array_new_with_free_func (g_free);
  return item;
}

static void
add_authors (Item *item, xmlNode *entry, const char *name, const char *ns)
{
  for (xmlNode *child = entry->children; child; child = child->next)
    if (is_element (child, name, ns))
      {
        g_autofree char *raw = raw_text (child);
        char *author = normalize_space (raw);
        if (author == NULL)
          continue;
        /* RSS writes "desk@example.org (Jane Doe)": the name is the author. */
        char *open = strstr (author, " (");
        gsize length = strlen (author);
        if (open && author[length - 1] == ')' && memchr (author, '@', open - author) && open[2] != ')')
          {
            char *byline = g_strndup (open + 2, author + length - 1 - (open + 2));
            g_free (author);
            author = byline;
          }
        g_ptr_array_add (item->authors, author);
      }
}

static Item *
read_rss_item (xmlNode *node, FeedKind kind, const char *site, guint number)
{
  Item *item = item_new (number);
  item->title = construct_text (child_element (node, "title", NULL), TRUE, " ");
  g_autofree char *link = child_text (node, "link", NULL);
  item->guid = kind == FEED_RDF ? get_attribute (node, "about") : child_text (node, "guid", NULL);
  if (item->guid == NULL && kind == FEED_RDF)
    item->guid = child_text (node, "guid", NULL);
  /* A guid that is a permalink is the link when there is no other. */
  xmlNode *guid = child_element (node, "guid", NULL);
  g_autofree char *permalink = guid ? get_attribute (guid, "isPermaLink") : NULL;
  if (link == NULL && item->guid && g_strcmp0 (permalink, "false") != 0
      && (g_str_has_prefix (item->guid, "http://") || g_str_has_prefix (item->guid, "https://")))
    link = g_strdup (item->guid);
  item->link = resolve_link (node, link, site);
  add_authors (item, node, "author", NULL);
  add_authors (item, node, "creator", NS_DC);
  /* RSS's pubDate is RFC 822 (often not quite); Dublin Core's date ISO 8601. */
  g_autofree char *date = child_text (node, "pubDate", NULL);
  if (date == NULL)
    date = child_text (node, "date", NS_DC);
  item->has_published = date && nf_date_parse (date, NULL, &item->published);
  if (date && !item->has_published)
    item->date_text = g_steal_pointer (&date);
  xmlNode *description = child_element (node, "description", NULL);
  xmlNode *content = child_element (node, "encoded", NS_CONTENT);
  item->summary = construct_text (description, TRUE, "\n\n");
  item->body = content || description ? construct_paragraphs (content ? content : description, TRUE)
                                      : g_ptr_array_new_with_free_func (g_free);
  return item;
}

static Item *
read_atom_entry (xmlNode *node, guint number)
{
  Item *item = item_new (number);
  item->title = construct_text (child_element (node, "title", NS_ATOM), FALSE, " ");
  for (xmlNode *child = node->children; child && item->link == NULL; child = child->next)
    if (is_element (child, "link", NS_ATOM))
      {
        g_autofree char *rel = get_attribute (child, "rel");
        g_autofree char *href = get_attribute (child, "href");
        if (href && (rel == NULL || strcmp (rel, "alternate") == 0))
          item->link = resolve_link (child, href, NULL);
      }
  item->guid = child_text (node, "id", NS_ATOM);
  for (xmlNode *child = node->children; child; child = child->next)
    if (is_element (child, "author", NS_ATOM))
      add_authors (item, child, "name", NS_ATOM);
  g_autofree char *date = child_text (node, "published", NS_ATOM);
  if (date == NULL)
    date = child_text (node, "updated", NS_ATOM);
  item->has_published = date && nf_date_parse (date, NULL, &item->published);
  if (date && !item->has_published)
    item->date_text = g_steal_pointer (&date);
  xmlNode *summary = child_element (node, "summary", NS_ATOM);
  xmlNode *content = child_element (node, "content", NS_ATOM);
  item->summary = construct_text (summary, FALSE, "\n\n");
  if (content && xmlHasProp (content, BAD_CAST "src"))
    content = NULL; /* out-of-line content: only its link */
  item->body = content || summary ? construct_paragraphs (content ? content : summary, FALSE)
                                  : g_ptr_array_new_with_free_func (g_free);
  return item;
}

/* ---- one feed --------------------------------------------------------------------------------- */

/* A parsed feed and where its items are. */
typedef struct {
  const char *source;
  xmlDoc     *doc;
  FeedKind    kind;
  char       *title;
  char       *site;      /* the channel's link: the base of relative item links in a file */
  GPtrArray  *entries;   /* xmlNode *: items or entries, in document order */
} Document;

static void
document_clear (Document *document)
{
  g_free (document->title);
  g_free (document->site);
  if (document->entries)
    g_ptr_array_unref (document->entries);
  if (document->doc)
    xmlFreeDoc (document->doc);
}

/* A structured error handler that keeps the first error of a parse (in the context's
 * _private) and nothing else. */
static void
keep_first_error (void *user_data, xmlErrorPtr problem)
{
  xmlParserCtxtPtr context = user_data;
  xmlError *first = context->_private;
  if (first->message == NULL && problem->level >= XML_ERR_ERROR)
    xmlCopyError (problem, first);
}

/* Parses @data as a feed.  Safe on hostile input: no XML_PARSE_NOENT (entities are not
 * substituted, so an external entity such as file:///etc/passwd is never read), no
 * XML_PARSE_DTDLOAD (no external DTD), XML_PARSE_NONET (no network at all), and libxml2's
 * default limits against entity expansion bombs (no XML_PARSE_HUGE). */
static gboolean
document_parse (Document *document, GBytes *data, const char *base_url, GError **error)
{
  gsize length;
  const char *bytes = g_bytes_get_data (data, &length);
  if (length > INT_MAX)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE, "feed too large for libxml2 (%" G_GSIZE_FORMAT " bytes)", length);
      return FALSE;
    }
  xmlParserCtxtPtr context = xmlNewParserCtxt ();
  if (context == NULL)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_FAILED, "libxml2: out of memory");
      return FALSE;
    }
  /* The first error says where the document went wrong; later ones are consequences. */
  xmlError first = { 0 };
  context->_private = &first;
  context->sax->serror = keep_first_error;
  document->doc = xmlCtxtReadMemory (context, bytes ? bytes : "", (int) length, base_url, NULL,
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (document->doc == NULL)
    {
      const xmlError *problem = first.message ? &first : xmlCtxtGetLastError (context);
      g_autofree char *message = g_strstrip (g_strdup (problem && problem->message ? problem->message : "unknown error"));
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "not well-formed XML: line %d: %s",
                   problem ? problem->line : 0, message);
      xmlResetError (&first);
      xmlFreeParserCtxt (context);
      return FALSE;
    }
  xmlResetError (&first);
  xmlFreeParserCtxt (context);

  xmlNode *root = xmlDocGetRootElement (document->doc);
  xmlNode *channel = NULL;
  xmlNode *items_parent = NULL;
  const char *item_name = "item";
  const char *item_ns = NULL;
  if (root && is_element (root, "rss", NULL))
    {
      document->kind = FEED_RSS;
      channel = items_parent = child_element (root, "channel", NULL);
    }
  else if (root && is_element (root, "RDF", NS_RDF))
    {
      document->kind = FEED_RDF;
      channel = child_element (root, "channel", NULL);
      items_parent = root;
    }
  else if (root && is_element (root, "feed", NS_ATOM))
    {
      document->kind = FEED_ATOM;
      channel = items_parent = root;
      item_name = "entry";
      item_ns = NS_ATOM;
    }
  if (items_parent == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_UNSUPPORTED,
                   "not an RSS 2.0, RSS 1.0 or Atom feed (root element <%s>%s)",
                   root ? (const char *) root->name : "none",
                   root && is_element (root, "rss", NULL) ? " without <channel>" : "");
      return FALSE;
    }
  if (channel)
    document->title = construct_text (child_element (channel, "title", item_ns), document->kind != FEED_ATOM, " ");
  if (channel && document->kind != FEED_ATOM)
    document->site = child_text (channel, "link", NULL);
  document->entries = g_ptr_array_new ();
  for (xmlNode *child = items_parent->children; child; child = child->next)
    if (is_element (child, item_name, item_ns))
      g_ptr_array_add (document->entries, child);
  return TRUE;
}

static Item *
document_item (Document *document, guint i)
{
  xmlNode *node = g_ptr_array_index (document->entries, i);
  return document->kind == FEED_ATOM ? read_atom_entry (node, i + 1) : read_rss_item (node, document->kind, document->site, i + 1);
}

/* The feed's fields on an article, whichever way the article was made. */
static void
set_feed_fields (NfArticle *article, Document *document, Item *item)
{
  if (item->guid)
    nf_article_set_id (article, item->guid);
  if (document->title)
    nf_article_set_field_string (article, "feed_title", document->title);
  nf_article_set_field_string (article, "feed_source", document->source);
  if (item->link)
    nf_article_set_field_string (article, "link", item->link);
  if (item->guid)
    nf_article_set_field_string (article, "guid", item->guid);
  if (item->summary)
    nf_article_set_field_string (article, NF_FIELD_SUMMARY, item->summary);
  if (item->date_text)
    nf_article_set_field_string (article, "published_text", item->date_text);
  if (item->has_published)
    nf_date_set_published (article, &item->published);
}

static char *
item_source (Document *document, Item *item)
{
  return item->link ? g_strdup (item->link) : g_strdup_printf ("%s#item-%u", document->source, item->number);
}

static gboolean
push_items (NfStage *stage, NfSink *sink, Document *document)
{
  for (guint i = 0; i < document->entries->len; i++)
    {
      if (nf_stage_is_cancelled (stage))
        return FALSE;
      g_autoptr (Item) item = document_item (document, i);
      g_autofree char *source = item_source (document, item);
      NfArticle *article = nf_article_new (source);
      if (item->title)
        nf_article_set_title (article, item->title);
      for (guint a = 0; a < item->authors->len; a++)
        nf_article_add_author (article, g_ptr_array_index (item->authors, a));
      nf_article_set_paragraphs (article, (const char *const *) item->body->pdata, item->body->len);
      set_feed_fields (article, document, item);
      if (!nf_sink_push (sink, article))
        return FALSE;
    }
  return TRUE;
}

/* ---- following links ------------------------------------------------------------------------- */

typedef struct {
  NfStage  *stage;
  NfSink   *sink;
  Document *document;
  guint     next;     /* next entry to read */
  GQueue    pending;  /* Item *: read, not yet pushed, in feed order */
  gboolean  stopped;
  gboolean  drop_non_2xx;
  gboolean  allow_private;
} Follow;

/* Items without a link cannot be followed: failed items, in their place in the order. */
static gboolean
push_unfollowable (Follow *follow)
{
  Item *item;
  while ((item = g_queue_peek_head (&follow->pending)) && item->link == NULL)
    {
      g_queue_pop_head (&follow->pending);
      g_autofree char *source = item_source (follow->document, item);
      g_autoptr (GError) error = g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT,
                                              "item %u has no link to follow", item->number);
      item_free (item);
      if (!nf_sink_push_failed (follow->sink, source, error))
        return FALSE;
    }
  return TRUE;
}

static NfHttpRequest *
follow_next (gpointer user_data)
{
  Follow *follow = user_data;
  while (follow->next < follow->document->entries->len)
    {
      Item *item = document_item (follow->document, follow->next++);
      g_queue_push_tail (&follow->pending, item);
      if (item->link)
        {
          NfHttpRequest *request = nf_http_request_new (item->link);
          nf_http_request_set_allow_private (request, follow->allow_private);
          return request;
        }
    }
  return NULL;
}

static gboolean
follow_deliver (NfHttpResponse *response, gpointer user_data)
{
  Follow *follow = user_data;
  if (!push_unfollowable (follow))
    {
      follow->stopped = TRUE;
      return FALSE;
    }
  g_autoptr (Item) item = g_queue_pop_head (&follow->pending); /* the one this response is for */
  const GError *error = nf_http_response_get_error (response);
  gboolean more;
  NfArticle *dropped = error && follow->drop_non_2xx ? nf_http_response_to_dropped_article (response, item->link) : NULL;
  if (dropped)
    more = nf_sink_push (follow->sink, dropped);
  else if (error)
    more = nf_sink_push_failed (follow->sink, item->link, error);
  else
    {
      NfArticle *article = nf_http_response_to_article (response, item->link);
      set_feed_fields (article, follow->document, item);
      /* Title and authors are the parser's to find in the page; the feed's stay as fields. */
      if (item->title)
        nf_article_set_field_string (article, "item_title", item->title);
      if (item->authors->len)
        nf_article_set_field_strv (article, "item_authors", (const char *const *) item->authors->pdata,
                                   item->authors->len);
      more = nf_sink_push (follow->sink, article);
    }
  follow->stopped = !more;
  return more;
}

static gboolean
follow_cancelled (gpointer user_data)
{
  Follow *follow = user_data;
  return nf_stage_is_cancelled (follow->stage);
}

static gboolean
follow_items (Feed *feed, NfStage *stage, NfSink *sink, Document *document, GError **error)
{
  Follow follow = { .stage = stage, .sink = sink, .document = document, .drop_non_2xx = feed->drop_non_2xx,
                    .allow_private = feed->allow_private };
  g_queue_init (&follow.pending);
  static const NfHttpStreamFuncs funcs = { follow_next, follow_deliver, follow_cancelled };
  gboolean ok = nf_http_client_fetch (feed->client, &funcs, &follow, error);
  if (ok && !follow.stopped)
    push_unfollowable (&follow); /* linkless items after the last link */
  g_queue_clear_full (&follow.pending, (GDestroyNotify) item_free);
  return ok;
}

/* ---- reading a feed --------------------------------------------------------------------------- */

static gboolean
is_url (const char *source)
{
  return g_ascii_strncasecmp (source, "http://", 7) == 0 || g_ascii_strncasecmp (source, "https://", 8) == 0;
}

/* A file or standard input, refusing more than @max_size bytes. */
static GBytes *
read_local (const char *path, guint64 max_size, GError **error)
{
  FILE *file = strcmp (path, "-") == 0 ? stdin : fopen (path, "rb");
  if (file == NULL)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "cannot open: %s", g_strerror (errno));
      return NULL;
    }
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 chunk[64 * 1024];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, file)) > 0)
    {
      if ((guint64) data->len + n > max_size)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE, "larger than max-size (%" G_GUINT64_FORMAT " bytes)", max_size);
          break;
        }
      g_byte_array_append (data, chunk, n);
    }
  gboolean failed = ferror (file);
  int saved = errno;
  if (file != stdin)
    fclose (file);
  if (error && *error)
    return NULL;
  if (failed)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "cannot read: %s", g_strerror (saved));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
read_feed (Feed *feed, NfStage *stage, NfSink *sink, const char *source, GError **error)
{
  g_autoptr (GError) failure = NULL;
  g_autoptr (GBytes) data = NULL;
  if (is_url (source))
    {
      g_autoptr (NfHttpResponse) response = nf_http_client_send (feed->client, nf_http_request_new (source));
      NfArticle *dropped = feed->drop_non_2xx ? nf_http_response_to_dropped_article (response, source) : NULL;
      if (dropped)
        return nf_sink_push (sink, dropped);
      if (nf_http_response_get_error (response))
        return nf_sink_push_failed (sink, source, nf_http_response_get_error (response));
      data = g_bytes_ref (nf_http_response_get_body (response));
    }
  else if ((data = read_local (source, feed->max_size, &failure)) == NULL)
    return nf_sink_push_failed (sink, source, failure);

  Document document = { .source = source };
  gboolean ok = TRUE;
  if (!document_parse (&document, data, is_url (source) ? source : NULL, &failure))
    ok = nf_sink_push_failed (sink, source, failure);
  else if (feed->follow)
    ok = follow_items (feed, stage, sink, &document, error);
  else
    ok = push_items (stage, sink, &document);
  document_clear (&document);
  return ok;
}

/* ---- plugin callbacks -------------------------------------------------------------------------- */

static gboolean
feed_fetch (NfStage *stage, NfSink *sink, GError **error)
{
  Feed *feed = nf_stage_get_instance (stage);
  for (char **source = feed->sources; *source; source++)
    {
      if (nf_stage_is_cancelled (stage))
        break;
      g_autoptr (GError) local = NULL;
      if (!read_feed (feed, stage, sink, *source, &local))
        {
          if (local == NULL)
            break; /* the run is stopping */
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

static void
feed_free (gpointer instance)
{
  Feed *feed = instance;
  g_strfreev (feed->sources);
  nf_http_client_free (feed->client);
  g_free (feed);
}

static gboolean
feed_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  NfHttpOptions options;
  if (!nf_http_options_from_config (&options, config, error))
    return FALSE;
  /* No sources is not an error: in a chain with several fetchers, the command line may
   * route every source to another one. */
  const char *const *sources = nf_stage_get_sources (stage);
  NfHttpClient *client = nf_http_client_new (&options, error);
  if (client == NULL)
    return FALSE;
  /* libxml2 sets up its global tables here, on the main thread, before the fetcher thread
   * parses anything. */
  xmlInitParser ();
  Feed *feed = g_new0 (Feed, 1);
  feed->client = client;
  feed->follow = cfg_getbool (config, "follow");
  feed->drop_non_2xx = strcmp (cfg_getstr (config, "non-2xx"), "drop") == 0;
  feed->allow_private = cfg_getbool (config, "allow-private");
  feed->max_size = options.max_size;
  if (sources)
    feed->sources = g_strdupv ((char **) sources);
  else
    {
      GPtrArray *list = g_ptr_array_new ();
      for (unsigned int i = 0; i < cfg_size (config, "sources"); i++)
        g_ptr_array_add (list, g_strdup (cfg_getnstr (config, "sources", i)));
      g_ptr_array_add (list, NULL);
      feed->sources = (char **) g_ptr_array_free (list, FALSE);
    }
  nf_stage_set_instance (stage, feed);
  return TRUE;
}

/* What the core routes here by its bytes: an RSS, RDF or Atom root, in a file or on stdin. */
static const char *const feed_types[] = { "application/rss+xml", "application/rdf+xml", "application/atom+xml", NULL };

/* Feeds are files, standard input or http(s) URLs; the first fetcher in the chain that
 * accepts a command-line source gets it, so put feed before files or http to route to it. */
static gboolean
feed_accepts_source (const char *source)
{
  return is_url (source) || strstr (source, "://") == NULL;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FETCH,
  .name = "feed",
  .summary = "One article per item of RSS 2.0, RSS 1.0 (RDF) and Atom feeds, from files or URLs",
  .options = feed_options,
  .content_types = feed_types,
  .accepts_source = feed_accepts_source,
  .init = feed_init,
  .fetch = feed_fetch,
  .free = feed_free,
);
