/* html-private.h: the pieces of parse "html", shared by its files and its unit tests.
 * charset.c decodes bytes to UTF-8, meta.c reads metadata, content.c finds the article body. */
#ifndef NF_HTML_PRIVATE_H
#define NF_HTML_PRIVATE_H

#include <glib.h>
#include <libxml/HTMLparser.h>

G_BEGIN_DECLS

typedef enum {
  HTML_FAVOR_BALANCED,
  HTML_FAVOR_PRECISION,
  HTML_FAVOR_RECALL,
} HtmlFavor;

typedef struct {
  HtmlFavor favor;
  gboolean  keep_links;  /* record links as "link" annotations with an "href" */
  gboolean  keep_tables; /* data tables become rows of "cell | cell" paragraphs */
  gint64    min_length;  /* bodies shorter than this (characters) fall back to more recall */
} HtmlOptions;

/* ---- charset.c ---- */

/* The page's bytes as valid UTF-8, NUL-terminated.  The charset comes from, in this order:
 * a byte-order mark, the charset parameter of @content_type (the HTTP header), a <meta>
 * declaration in the first bytes; without any, UTF-8 when the bytes are valid UTF-8, else
 * windows-1252 (what browsers assume).  Undecodable bytes become U+FFFD.  @charset_out gets
 * the charset used.  Fails only for a charset iconv does not know, with no fallback possible. */
char *html_decode (const guint8 *data, gsize length, const char *content_type,
                   gsize *out_length, char **charset_out, GError **error);

/* libxml2's HTML parser on UTF-8 text, in recover mode, without network or messages.
 * @too_deep is set when libxml2 stopped at its nesting limit (256 elements deep). */
htmlDocPtr html_parse_utf8 (const char *text, gsize length, const char *url, gboolean *too_deep);

/* ---- meta.c ---- */

typedef struct {
  char      *title;
  char      *description;
  char      *site_name;
  char      *url;          /* canonical */
  char      *language;
  char      *image;
  char      *section;
  char      *published;    /* ISO 8601 as found */
  char      *modified;
  char      *article_body; /* JSON-LD articleBody */
  GPtrArray *authors;      /* char * */
  GPtrArray *tags;         /* char * */
} HtmlMeta;

HtmlMeta *html_meta_new (void);
void      html_meta_free (HtmlMeta *meta);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtmlMeta, html_meta_free)

/* Reads every metadata source of @doc (see meta.c for the order of preference). */
void      html_meta_read (htmlDocPtr doc, HtmlMeta *meta);
/* "Headline | Site" -> "Headline" (site name when known, else a short trailing part). */
char     *html_clean_title (const char *title, const char *site_name);
/* ISO 8601 and the common variants ("2025-03-01", "2025-03-01 10:00:00", "+0000"). */
GDateTime *html_parse_date (const char *text);

/* ---- content.c ---- */

typedef struct {
  char  *text;
  GArray *links;   /* HtmlSpan: byte offsets into text, when keep-links */
  int    heading;  /* 0, or 1..6 for <h1>..<h6> */
  gboolean hidden; /* inside a hidden element kept for its text (a collapsed part, a copy) */
  int    closing;  /* a heading that may open what follows the article ("More from us") */
} HtmlParagraph;

typedef struct {
  gsize start, end;
  char *href;
} HtmlSpan;

void html_paragraph_free (gpointer paragraph);

/* The article body of @doc as paragraphs (HtmlParagraph *).  Changes @doc (removes scripts,
 * styles and hidden elements).  @meta gives the title (to drop repeated headlines) and the
 * JSON-LD articleBody (a fallback when the page text yields too little). */
GPtrArray *html_extract_content (htmlDocPtr doc, const HtmlOptions *options, const HtmlMeta *meta);

/* ---- shared helpers (dom.c) ---- */

/* Appends @text to @out with runs of white space collapsed to one space. */
void html_append_collapsed (GString *out, const char *text, gboolean *pending_space);
/* The text content of @node, white space collapsed and trimmed. */
char *html_node_text (xmlNode *node);
/* The value of attribute @name of @node, or NULL (free with g_free). */
char *html_attr (xmlNode *node, const char *name);

G_END_DECLS

#endif /* NF_HTML_PRIVATE_H */
