/* html-private.h: the pieces of parse "html", shared by its files and its unit tests.
 * charset.c decodes bytes to UTF-8, meta.c reads metadata, content.c finds the article body. */
#ifndef NF_HTML_PRIVATE_H
#define NF_HTML_PRIVATE_H

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <newsflow/date.h>

G_BEGIN_DECLS

typedef enum {
  HTML_FAVOR_BALANCED,
  HTML_FAVOR_PRECISION,
  HTML_FAVOR_RECALL,
} HtmlFavor;

typedef struct _HtmlBlockModel HtmlBlockModel;

typedef struct {
  HtmlFavor favor;
  gboolean  keep_links;  /* record links as "link" annotations with an "href" */
  gboolean  keep_tables; /* data tables become rows of "cell | cell" paragraphs */
  gint64    min_length;  /* bodies shorter than this (characters) fall back to more recall */
  const HtmlBlockModel *block_model; /* blocks.c: drops kept blocks it calls boilerplate; NULL: off */
  GString  *block_dump;  /* when set, gets a line per block of the body: its features, a tab,
                          * its text (tests/bench/html-train.py's data); never in normal runs */
} HtmlOptions;

/* ---- charset.c ---- */

/* The page's bytes as valid UTF-8, NUL-terminated.  The charset comes from, in this order:
 * a byte-order mark, the charset parameter of @content_type (the HTTP header), a <meta>
 * declaration in the first bytes; without any, UTF-8 when the bytes are valid UTF-8, else
 * windows-1252 (what browsers assume).  Undecodable bytes become U+FFFD.  @charset_out gets
 * the charset used.  Fails only for a charset iconv does not know, with no fallback possible. */
char *html_decode (const guint8 *data, gsize length, const char *content_type,
                   gsize *out_length, char **charset_out, GError **error);

/* The same without a copy when the page is valid UTF-8 already: the text is then @data
 * itself (after a byte-order mark), not NUL-terminated, and *@copy is NULL; else the text
 * is a new string, also put in *@copy for the caller to free.  NULL on failure. */
const char *html_decode_view (const guint8 *data, gsize length, const char *content_type,
                              gsize *out_length, char **charset_out, char **copy, GError **error);

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
  char      *published;    /* the chosen publication date as found */
  NfDate     published_date;   /* ... as read, when has_published */
  NfDate     published_local;  /* ... the day as the page states it (see html_dates_choose) */
  gboolean   has_published;
  const char *published_source; /* "json-ld", "meta", "itemprop", "time", "text", "url" */
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

/* ---- meta-byline.c ---- */

/* One person's name from @value, cleaned of labels and date words, or NULL when it is not
 * a name (an e-mail, a URL or domain, a company, a credential, a profile link). */
char *html_byline_clean_name (const char *value);
/* Adds each name of @text to @list (no duplicates), split at , ; & and joining words ("and",
 * "und", "y", "et"); @visible text (a byline element) is first cut where the names stop. */
void  html_byline_add_names (GPtrArray *list, const char *text, gboolean visible);
void  html_byline_add_name (GPtrArray *list, const char *value);
/* Whether @name (cleaned) has a person's name's shape: two to four words, each capitalised
 * but for name particles ("von", "de", "van der"), no digits, no signs but . - ', no
 * capital inside a word ("StarsInsider"), none of the words of a page's controls ("View
 * Comments", "Tags"). */
gboolean html_byline_looks_like_name (const char *name);
/* The name in a header line that puts a date and a name side by side, parts apart by a
 * separator ("11.12.2019 - Jane Doe", "04.02.2022 | 13:10 Uhr | Jane Doe", "05.02.2020 -
 * Redaktion: Jane Doe (press office)"), or NULL: no date, or no part shaped like a name. */
char    *html_byline_from_date_line (const char *text);
/* The name that @text (an element's whole text) signs the article with, after a label that
 * says "the author" and nothing else ("Autorin: Jana Muster, Projektleiterin", "Written by:
 * Jane Doe", not "By the river"), or NULL.  With @only_label, "" when @text opens with such
 * a label (a quick look at an element's first words). */
char    *html_byline_signed (const char *text, gboolean only_label);
/* Whether @text opens with a byline's label and a capitalised word ("By Jane", "Von Jana",
 * "Ein Artikel von Jana", "Autorin: Jana"): a byline without markup. */
gboolean html_byline_is_labelled (const char *text);
/* Whether @text (an element's whole text, or a field's label) is a label that names the
 * author and nothing more ("Autor", "Author:", "Auteur :", "Written by", "Verfasst von"):
 * the name is in the next element, or the field's value. */
gboolean html_byline_is_label (const char *text);
/* Removes the authors that are the site's or publisher's name (@names, NULL-terminated), the
 * same but for spaces, signs and a domain, or a one-word handle inside one of them. */
void  html_byline_drop_site_names (GPtrArray *list, const char *const *names);
/* Removes the one-word handles ("SeglerBlog") that are a part of @text (the site's part of
 * the <title>), but for case, spaces and signs. */
void  html_byline_drop_handles (GPtrArray *list, const char *text);
/* Removes the authors that are @text but for case, spaces and signs (a byline element that
 * holds the headline). */
void  html_byline_drop_text (GPtrArray *list, const char *text);

/* ---- meta-date.c ---- */

typedef struct _HtmlDates HtmlDates;

HtmlDates *html_dates_new (void);
void       html_dates_free (HtmlDates *dates);
/* A date from metadata with its score (see meta-date.c for the scale). */
void       html_dates_offer (HtmlDates *dates, const char *value, int score, const char *source);
/* A bare <meta name="date"> (dc.date, dcterms.date): below a date in the article's header,
 * and never later than the day the header shows (see meta-date.c). */
void       html_dates_offer_bare (HtmlDates *dates, const char *value);
/* The attributes that the metadata readers look at on every element, found in one pass over
 * its attribute list (see html_attrs_read). */
typedef struct {
  const char *class_, *id, *itemprop, *property, *rel, *testid; /* testid: data-testid */
} HtmlAttrs;

/* Looks at every element of the page in document order for date candidates; @attrs are
 * @node's (html_attrs_read). */
void       html_dates_element (HtmlDates *dates, xmlNode *node, const HtmlAttrs *attrs);
/* The page's headline element and its @order (see html_find_headline), before the walk:
 * dates right after it (or just before, a topline) are the article header's, and no part of
 * the page that holds it is "other". */
void       html_dates_set_headline (HtmlDates *dates, xmlNode *headline, guint order);
/* The page's headline element: the first <h1> that shares its words with the <title>, else
 * the first <h1>, else the same among the <h2> (blogs without an <h1>), or NULL.  @order gets
 * its place among the elements of a pre-order walk from @root (1 for @root). */
xmlNode   *html_find_headline (xmlNode *root, guint *order);
/* The best candidate that reads as a date (the URL's path is one more); @value gets the
 * text it was read from, @source its provenance.  @local gets the date as the page states
 * it: @date, or the page's own day when @date is an instant in UTC that falls on another
 * day there (see meta-date.c). */
gboolean   html_dates_choose (HtmlDates *dates, const char *language, const char *url, NfDate *date,
                              NfDate *local, char **value, const char **source);

/* Whether @node (the element just given to html_dates_element) sits in a part of the page
 * that is not the article: comments, related stories, embedded posts, sidebars, navigation,
 * forms, the page's footer; right after the headline only embedded posts count. */
gboolean   html_dates_in_other_part (HtmlDates *dates, xmlNode *node);
/* Whether the element just given to html_dates_element follows the headline closely (the
 * article's header: its byline and date). */
gboolean   html_dates_near_headline (HtmlDates *dates);
/* The same, or just above the headline (a topline: date and author over the headline). */
gboolean   html_dates_by_headline (HtmlDates *dates);
/* Whether the element just given to html_dates_element comes after the headline. */
gboolean   html_dates_after_headline (HtmlDates *dates);

/* ---- content.c ---- */

typedef struct {
  char  *text;
  GArray *links;   /* HtmlSpan: byte offsets into text, when keep-links */
  int    heading;  /* 0, or 1..6 for <h1>..<h6> */
  gboolean hidden; /* inside a hidden element kept for its text (a collapsed part, a copy) */
  int    closing;  /* a heading that may open what follows the article ("More from us") */
  gboolean announced; /* an item of a link list that a sentence ending in a colon announced */
  gsize  link_bytes; /* of text that is inside links */
  guint  hash;       /* g_str_hash of text, while repeats are looked for */
  xmlNode *block;    /* the element of its last text, while the article is written */
  guint  root;       /* which of the article's roots it was written from */
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

/* ---- blocks.c ---- */

#define HTML_BLOCK_N_FEATURES 45

enum { HTML_BLOCK_TAG_OTHER, HTML_BLOCK_TAG_P, HTML_BLOCK_TAG_LI, HTML_BLOCK_TAG_CELL, HTML_BLOCK_TAG_QUOTE };
enum {
  HTML_BLOCK_HINT_JUNK = 1 << 0, HTML_BLOCK_HINT_UNLIKELY = 1 << 1, HTML_BLOCK_HINT_POSITIVE = 1 << 2,
  HTML_BLOCK_HINT_BODY = 1 << 3, HTML_BLOCK_HINT_CODE = 1 << 4,
};

/* What content.c knows of a kept block's element: its kind of tag, the class and id hints of
 * it and its nearest ancestors, its depth in the tree, and whether it reads as a sentence. */
typedef struct {
  guint8  tag;
  guint8  hints;
  guint16 depth;
  gboolean sentence;
  gboolean outside_main; /* not inside the element that holds most of the body's text */
  const void *parent;    /* its element's parent, to compare with its neighbours' */
} HtmlBlockShape;

/* The model of a file of "feature weight" lines, "threshold" and "max-share" (blocks.c):
 * @name is a path, or a data file's name ("models/html-blocks.model", nf_data_find). */
HtmlBlockModel *html_block_model_load (const char *name, GError **error);
HtmlBlockModel *html_block_model_new_from_text (const char *text, GError **error);
void            html_block_model_free (HtmlBlockModel *model);
const char     *html_block_feature_name (guint feature);
/* The HTML_BLOCK_N_FEATURES features of each of @paragraphs (the body in page order; @shapes
 * the same length) into @out, one row per paragraph. */
void            html_blocks_features (GPtrArray *paragraphs, const HtmlBlockShape *shapes, double *out);
/* The chance that the block of @features is boilerplate. */
double          html_block_model_chance (const HtmlBlockModel *model, const double *features);
/* Removes the paragraphs whose chance is at least the model's threshold, unless they hold
 * more than its max-share of the body's text. */
void            html_blocks_apply (const HtmlBlockModel *model, GPtrArray *paragraphs, const double *features);

/* ---- shared helpers (dom.c) ---- */

/* g_ascii_strcasecmp (@s, @lower) == 0 for a literal @lower in lower case, without the call:
 * libxml2's HTML parser gives element and attribute names in lower case already, and these
 * compares run for every element of the page. */
static inline gboolean
html_ascii_equal (const char *s, const char *lower)
{
  for (; *lower; s++, lower++)
    if (*s != *lower && !(*s >= 'A' && *s <= 'Z' && *s + ('a' - 'A') == *lower))
      return FALSE;
  return *s == '\0';
}

/* The same for the @length bytes at @s (not NUL-terminated). */
static inline gboolean
html_ascii_equal_len (const char *s, gsize length, const char *lower)
{
  gsize i = 0;
  for (; i < length && lower[i]; i++)
    if (s[i] != lower[i] && !(s[i] >= 'A' && s[i] <= 'Z' && s[i] + ('a' - 'A') == lower[i]))
      return FALSE;
  return i == length && lower[i] == '\0';
}

/* g_ascii_strncasecmp (@s, @lower, strlen (@lower)) == 0: @s opens with @lower (in lower case). */
static inline gboolean
html_ascii_has_prefix (const char *s, const char *lower)
{
  for (; *lower; s++, lower++)
    if (*s != *lower && !(*s >= 'A' && *s <= 'Z' && *s + ('a' - 'A') == *lower))
      return FALSE;
  return TRUE;
}


/* g_ascii_tolower without the call (it is a function, not a macro): per byte of a page's
 * head and per element. */
static inline char
html_ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Appends @text to @out with runs of white space collapsed to one space. */
void html_append_collapsed (GString *out, const char *text, gboolean *pending_space);
/* The text content of @node, white space collapsed and trimmed. */
char *html_node_text (xmlNode *node);
/* @node's text with a space between elements ("<span>28.09.19</span><span>12:44</span>" is
 * "28.09.19 12:44", where html_node_text runs them together), or NULL when it is longer than
 * @max bytes (G_MAXSIZE: no bound), so a look at an element that may hold a whole article
 * stays short. */
char *html_node_spaced_text (xmlNode *node, gsize max);
/* The node after @node in document order within @root: its first child when @descend, else
 * the next node not below it; NULL at the end of @root.  Inline: the walks over every node
 * of a page step with it. */
static inline xmlNode *
html_next_node (xmlNode *node, xmlNode *root, gboolean descend)
{
  if (descend && node->children)
    return node->children;
  while (node && node != root && node->next == NULL)
    node = node->parent;
  return node == NULL || node == root ? NULL : node->next;
}
/* The value of attribute @name of @node, or NULL (free with g_free). */
char *html_attr (xmlNode *node, const char *name);
/* @node's class, id, itemprop, property, rel and data-testid without copies, each the value
 * of the first attribute of that name (ASCII case-blind), or NULL when there is none or its
 * value is not one text node. */
void html_attrs_read (xmlNode *node, HtmlAttrs *attrs);

G_END_DECLS

#endif /* NF_HTML_PRIVATE_H */
