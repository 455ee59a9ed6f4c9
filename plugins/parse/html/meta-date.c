/* meta-date.c: the page's publication date, chosen among every candidate by where it was
 * found (its provenance), in this order:
 *   JSON-LD datePublished of the page's own article             100
 *   article:published_time and its kin                           90
 *   other publication <meta> (pubdate, parsely-pub-date ...)      80
 *   itemprop="datePublished" on an element                        75
 *   <time> or <abbr class="published"> naming the publication    70
 *   another <time>                                                55
 *   a whole day in the URL's path (/2012/05/31/)                  53
 *   a bare <meta name="date"> (dc.date, dcterms.date)             50
 *   date text in a date, byline or meta element                   45
 *   a date that is a whole part of the title                      44
 *   a teaser elsewhere on the page that links to the page itself  41
 *   the URL's path otherwise                                      40
 *   a summary that dates its item ("Notizia del 14 Gennaio 2020") 36
 *   JSON-LD datePublished of a WebPage                            35
 *   dateModified, then a visible "Updated:" line far from the top 30..27
 * Elements inside <article> (or the article's body) and near the headline get a few points
 * more; nothing inside comments, embedded posts (a tweet's <time>), related-story lists,
 * sidebars, navigation or footers counts (but a part that holds the headline is the
 * article's; so is an <aside class="meta"> by the headline, an <aside> in the <article>
 * that links nowhere, or one that opens right after the headline).  dateModified and "updated" elements count only when nothing else
 * does, and, like a bare <meta name="date"> or a disagreeing publication field, to confirm
 * that a later day the article's header shows is the page's (a republished update:
 * header_shows_update).  A date element in the header may keep its date in a data
 * attribute (data-timestamp).  A <time> whose datetime is an instant in UTC shows readers the
 * page's own day ("June 7, 2020 10:30 pm"): published_local takes that day (shown_day).
 * Candidates are kept as text and read at the end, when the page's language (which decides
 * 6/7/2020, with the page's own day-first dates for English without a region) is known. */
#include <string.h>

#include <newsflow/date.h>
#include <newsflow/text.h>

#include "html-private.h"

typedef struct {
  char       *value;
  int         score;
  guint       order;    /* element order in the page, 0 for metadata */
  gboolean    in_text;  /* a date inside free text, not a value that is a date */
  char       *link;     /* a teaser's link: the date counts only when it links to this page */
  gboolean    bare;     /* a <meta name="date">, which names no event (html_dates_offer_bare) */
  const char *source;
  char       *shown;    /* what a <time> with a datetime shows its readers ("June 7, 2020"), or NULL */
} Candidate;

struct _HtmlDates {
  GArray *candidates;
  guint   order;
  guint   headline_order; /* order of the headline element, 0 before it */
  xmlNode *headline;      /* the page's headline element (html_dates_set_headline), or NULL */
  char    *language;      /* <html lang>, read when the walk meets it: the language of the
                           * page's month names before the page's language is settled */
  xmlNode *scripts[16];   /* the page's first scripts that are not JSON-LD (script_dates) */
  guint    n_scripts;
};

static void
candidate_clear (gpointer data)
{
  g_free (((Candidate *) data)->value);
  g_free (((Candidate *) data)->link);
  g_free (((Candidate *) data)->shown);
}

HtmlDates *
html_dates_new (void)
{
  HtmlDates *dates = g_new0 (HtmlDates, 1);
  dates->candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_array_set_clear_func (dates->candidates, candidate_clear);
  return dates;
}

void
html_dates_free (HtmlDates *dates)
{
  if (dates == NULL)
    return;
  g_array_unref (dates->candidates);
  g_free (dates->language);
  g_free (dates);
}

static void
add (HtmlDates *dates, const char *value, int score, guint order, gboolean in_text, const char *source)
{
  if (value == NULL || *value == '\0' || strlen (value) > 300)
    return;
  Candidate c = { g_strdup (value), score, order, in_text, NULL, FALSE, source, NULL };
  g_array_append_val (dates->candidates, c);
}

void
html_dates_offer (HtmlDates *dates, const char *value, int score, const char *source)
{
  add (dates, value, score, 0, FALSE, source);
}

void
html_dates_offer_bare (HtmlDates *dates, const char *value)
{
  guint before = dates->candidates->len;
  add (dates, value, 50, 0, FALSE, "meta");
  if (dates->candidates->len > before)
    g_array_index (dates->candidates, Candidate, before).bare = TRUE;
}

void
html_dates_set_headline (HtmlDates *dates, xmlNode *headline, guint order)
{
  dates->headline = headline;
  dates->headline_order = headline ? order : 0;
}

/* Whether @node holds the page's headline: a part of the page that holds the headline is
 * the article's, whatever its wrappers are called ("navigation-container" around the whole
 * page for an off-canvas menu, <figure class="teaser"> around the lead image and headline). */
static gboolean
holds_headline (const HtmlDates *dates, xmlNode *node)
{
  for (xmlNode *n = dates->headline; n; n = n->parent)
    if (n == node)
      return TRUE;
  return FALSE;
}

/* Whether a number of a class or id starts or ends at @p (not its first byte): "comment3111"
 * is a comment numbered as "comment-3111" is.  Words in camel case are not cut: a forum's
 * opening post ("SynMtnForumCommentFirst") is the page's, and "teaserTyp3" names a layout. */
static gboolean
number_boundary (const char *p)
{
  return g_ascii_isdigit (p[0]) != g_ascii_isdigit (p[-1]);
}

static const guint8 *letter_table (void);

/* Words of lower-case ASCII letters by their first letter, with their lengths: names_elsewhere
 * asks for every part of every class and id of every ancestor of every date, and a part is
 * compared only with the words of its first letter and length (a handful, or none) instead
 * of the whole list. */
#define MAX_INDEXED_WORDS 96
typedef struct {
  const char *word[MAX_INDEXED_WORDS];
  guint8      length[MAX_INDEXED_WORDS];
  guint8      start[27]; /* word[start[c] .. start[c + 1]) open with letter c (0 for a) */
} WordIndex;

static void
word_index_init (WordIndex *index, const char *const *words)
{
  /* A counting sort by first letter. */
  guint count[26] = { 0 }, next[26], n = 0;
  for (; words[n]; n++)
    {
      g_assert (n < MAX_INDEXED_WORDS && words[n][0] >= 'a' && words[n][0] <= 'z' && strlen (words[n]) < 256);
      count[words[n][0] - 'a']++;
    }
  index->start[0] = 0;
  for (guint c = 0; c < 26; c++)
    index->start[c + 1] = (guint8) (index->start[c] + count[c]), next[c] = index->start[c];
  for (guint i = 0; i < n; i++)
    {
      guint slot = next[words[i][0] - 'a']++;
      index->word[slot] = words[i];
      index->length[slot] = (guint8) strlen (words[i]);
    }
}

/* The word of @index that the @n bytes at @part are, ASCII case-blind, or NULL: only parts
 * of a word's length (3 to 15 bytes) and first letter can be one (the words are distinct, so
 * at most one is). */
static const char *
word_among (const char *part, gsize n, const WordIndex *index)
{
  if (n < 3 || n > 15)
    return NULL;
  guint c = letter_table ()[(guchar) *part];
  if (c == 0)
    return NULL;
  for (guint i = index->start[c - 1]; i < index->start[c]; i++)
    if (index->length[i] == n && html_ascii_equal_len (part, n, index->word[i]))
      return index->word[i];
  return NULL;
}

/* Whether a class or id names a place that is not the article: comments, related stories,
 * embedded posts, sidebars and the like.  Whole words of the attribute only, or a word
 * before a number ("comment3111"): "node-promoted" is no promotion, "sticky-sidebar-parent"
 * is no sidebar; WordPress's "category-popular" and "tag-..." classes describe the post, not
 * a place.  This runs on every ancestor of every
 * date: the value is cut into tokens and parts in place, without copies. */
static const char *
names_elsewhere (const char *value)
{
  static const char *const words[] = {
    "comment", "comments", "commentlist", "related", "sidebar", "teaser", "teasers", "recommended",
    "recommendations", "similar", "popular", "trending", "mostread", "reply", "replies", "respond", "tweet",
    "twitter", "instagram", "embed", "embedded", "footer", "newsletter", "breadcrumb", "breadcrumbs",
    "carousel", "slider", "navigation", "nav", "promo", "advert", "ads", "cookie", "latest", "calendar", "weitere",
    "morestories", "readmore", "today", "todays", "recent", "upcoming",
    /* the same in other languages, and comment systems by name */
    "disqus", "kommentar", "kommentare", "commentaire", "commentaires", "comentario", "comentarios", "commenti",
    "commento", "reacties", "komentarze", "komentare", "yorum", "yorumlar", "kommentarer", "kommentit",
    "verwandte", "relacionados", "relacionadas", "correlati", "similaires", "gerelateerd", "powiazane",
    /* an event's box: its day is the event's */
    "event", "events", "veranstaltung", "termine", NULL
  };
  static WordIndex index;
  static gsize ready = 0;
  if (g_once_init_enter (&ready))
    {
      word_index_init (&index, words);
      g_once_init_leave (&ready, 1);
    }
  if (value == NULL)
    return NULL;
  for (const char *p = value; *p;)
    {
      /* A token: up to a space, tab or line feed (the separators it was always cut at). */
      const char *token = p;
      while (*p && *p != ' ' && *p != '\t' && *p != '\n')
        p++;
      gsize length = p - token;
      if (*p)
        p++;
      if (length == 0 || (length >= 9 && strncmp (token, "category-", 9) == 0)
          || (length >= 4 && strncmp (token, "tag-", 4) == 0))
        continue;
      /* Its parts, apart at - and _: "sticky-sidebar-parent", "sidebar-wrapper" are a part of
       * a layout, not the sidebar.  The last part is found from the token's end. */
      const char *token_end = token + length, *last = token_end;
      while (last > token && last[-1] != '-' && last[-1] != '_')
        last--;
      gsize last_length = token_end - last;
      if (last > token && (html_ascii_equal_len (last, last_length, "parent")
                           || html_ascii_equal_len (last, last_length, "wrapper")))
        continue;
      for (const char *part = token; part <= token_end;)
        {
          const char *end = part;
          gboolean digits = FALSE;
          for (; end < token_end && *end != '-' && *end != '_'; end++)
            digits |= g_ascii_isdigit (*end);
          const char *word = word_among (part, end - part, &index);
          if (word)
            return word;
          /* Its word before a number ("comment3111"): only a part with a digit has one. */
          for (const char *sub = part; digits && sub < end;)
            {
              const char *sub_end = sub + 1;
              while (sub_end < end && !number_boundary (sub_end))
                sub_end++;
              if (sub_end - sub < end - part && (word = word_among (sub, sub_end - sub, &index)))
                return word;
              sub = sub_end;
            }
          part = end + 1;
        }
    }
  return NULL;
}

/* Whether @node holds an element named @name (with an href when @name is "a") within its
 * first few hundred nodes. */
static gboolean
holds_element (xmlNode *node, const char *name)
{
  gboolean link = html_ascii_equal (name, "a");
  xmlNode *n = node->children;
  for (guint seen = 0; n && n != node && seen < 400; seen++)
    {
      if (n->type == XML_ELEMENT_NODE && html_ascii_equal ((const char *) n->name, name))
        {
          if (!link)
            return TRUE;
          for (xmlAttr *a = n->properties; a; a = a->next)
            if (html_ascii_equal ((const char *) a->name, "href"))
              return TRUE;
        }
      if (n->type == XML_ELEMENT_NODE && n->children)
        {
          n = n->children;
          continue;
        }
      while (n && n != node && n->next == NULL)
        n = n->parent;
      if (n == NULL || n == node)
        break;
      n = n->next;
    }
  return FALSE;
}

/* Whether @node holds a link (<a href>) within its first few hundred nodes. */
static gboolean
holds_link (xmlNode *node)
{
  return holds_element (node, "a");
}

/* Whether the class or id @value puts @node in a part that is not the article.  A "teaser"
 * without a link is no teaser of another story (those link to it): German content systems
 * call the article's own lead paragraph "teaser-text". */
static gboolean
elsewhere_by_name (xmlNode *node, const char *value)
{
  const char *word = names_elsewhere (value);
  if (word && g_str_has_prefix (word, "teaser"))
    return holds_link (node);
  return word != NULL;
}

/* @name in lower case. */
static const char *
attr (xmlNode *node, const char *name)
{
  for (xmlAttr *a = node->properties; a; a = a->next)
    if (html_ascii_equal ((const char *) a->name, name))
      return a->children && a->children->type == XML_TEXT_NODE && a->children->next == NULL
               ? (const char *) a->children->content : NULL;
  return NULL;
}

/* Whether one of the words or parts of a class or id (apart at spaces, - and _) is one of
 * @words, ASCII case-blind: "article-meta" names "meta", "metadata-nav" and "menuJsonMtime"
 * name neither "meta" nor "time". */
static gboolean
names_part (const char *value, const char *const *words)
{
  if (value == NULL)
    return FALSE;
  for (const char *part = value; *part;)
    {
      const char *end = part;
      while (*end && *end != ' ' && *end != '\t' && *end != '\n' && *end != '-' && *end != '_')
        end++;
      for (const char *const *w = words; *w; w++)
        if (html_ascii_equal_len (part, end - part, *w))
          return TRUE;
      part = *end ? end + 1 : end;
    }
  return FALSE;
}

/* The article's own facts box ("meta", "article-meta", "byline"): some layouts put the date
 * and byline in an <aside class="meta"> beside the text. */
static const char *const article_meta_parts[] = { "meta", "byline", "dateline", NULL };

/* Whether a link (<a href>) sits right beside @node, the element before or after it: a
 * teaser's date and its title ("<li><a href=...>Title</a> <time>...</time></li>"). */
static gboolean
beside_link (xmlNode *node)
{
  xmlNode *prev = node->prev, *next = node->next;
  while (prev && prev->type != XML_ELEMENT_NODE)
    prev = prev->prev;
  while (next && next->type != XML_ELEMENT_NODE)
    next = next->next;
  return (prev && html_ascii_equal ((const char *) prev->name, "a") && attr (prev, "href"))
         || (next && html_ascii_equal ((const char *) next->name, "a") && attr (next, "href"));
}

static gboolean blank (const char *text);

/* Whether @node comes right after the headline: nothing but white space, comments and
 * invisible elements (<meta>, <link>, <script>) between them, wrappers aside
 * ("<div><h1>...</h1></div><div><aside>"). */
static gboolean
opens_after_headline (const HtmlDates *dates, xmlNode *node)
{
  xmlNode *n = node;
  for (guint up = 0; n && n->type == XML_ELEMENT_NODE && up < 6; up++, n = n->parent)
    {
      xmlNode *p = n->prev;
      while (p && (p->type == XML_COMMENT_NODE
                   || (p->type == XML_TEXT_NODE && (p->content == NULL || blank ((const char *) p->content)))
                   || (p->type == XML_ELEMENT_NODE && (html_ascii_equal ((const char *) p->name, "meta")
                                                       || html_ascii_equal ((const char *) p->name, "link")
                                                       || html_ascii_equal ((const char *) p->name, "script")))))
        p = p->prev;
      if (p)
        return p->type == XML_ELEMENT_NODE && holds_headline (dates, p);
    }
  return FALSE;
}

/* Whether an <article> holds @node (not <main>, which often holds the page's sidebars too). */
static gboolean
within_article (xmlNode *node)
{
  for (xmlNode *n = node->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (html_ascii_equal ((const char *) n->name, "article"))
      return TRUE;
  return FALSE;
}

/* Whether an <article> or <main> holds @node. */
static gboolean
within_article_or_main (xmlNode *node)
{
  for (xmlNode *n = node->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (html_ascii_equal ((const char *) n->name, "article") || html_ascii_equal ((const char *) n->name, "main"))
      return TRUE;
  return FALSE;
}

typedef enum { PLACE_PAGE, PLACE_ARTICLE, PLACE_ELSEWHERE } Place;

/* Whether @lower (lower-case ASCII) occurs in @s, ASCII case-blind: what strstr finds in
 * g_ascii_strdown (@s), without the copy. */
static gboolean
contains_ascii_caseless (const char *s, const char *lower)
{
  for (; *s; s++)
    if (html_ascii_has_prefix (s, lower))
      return TRUE;
  return FALSE;
}

/* The itemprop of a reader's part in microdata: a comment or a review (not "reviewBody"). */
static const char *const reader_parts[] = { "comment", "comments", "review", "reviews", NULL };

/* Where @node sits: inside the article, somewhere on the page, or in a part that is not the
 * article (see names_elsewhere; also <aside>, <footer>, <nav>, <blockquote>, <iframe>, <form>,
 * a picture's <figcaption>, and microdata of a comment or review). */
static Place
place_of (const HtmlDates *dates, xmlNode *node, gboolean near_headline)
{
  Place place = PLACE_PAGE;
  /* The page's footer is near the top of the tree; an article's own footer, deeper down,
   * often holds its date. */
  gboolean in_footer = FALSE;
  guint depth = 0, footer_depth = 0;
  gboolean right_after = dates->headline_order && dates->order > dates->headline_order
                         && dates->order - dates->headline_order <= 8 && !beside_link (node);
  for (xmlNode *n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent, depth++)
    {
      const char *name = (const char *) n->name;
      /* The page's own classes say what kind of page it is, not where the date sits. */
      if (html_ascii_equal (name, "body") || html_ascii_equal (name, "html"))
        break;
      const char *itemprop = attr (n, "itemprop");
      if (itemprop && (strstr (itemprop, "articleBody") || strstr (itemprop, "mainEntity")
                       || strstr (itemprop, "blogPost")))
        place = PLACE_ARTICLE;
      const char *itemtype = attr (n, "itemtype");
      if (itemtype && (strstr (itemtype, "Article") || strstr (itemtype, "BlogPosting")))
        place = PLACE_ARTICLE;
      /* Microdata of a reader's comment or review ("itemprop=comment", "itemprop=review",
       * "itemtype=.../Comment"): its dateCreated is the commenter's.  A part whose itemtype
       * is a Review is often the page's own article (a critic's review), even where the
       * headline found is another element: only a review given as a property is a reader's. */
      if (n != node && !holds_headline (dates, n)
          && (names_part (itemprop, reader_parts)
              || (itemtype && (g_str_has_suffix (itemtype, "/Comment") || g_str_has_suffix (itemtype, "/UserComments")))))
        return PLACE_ELSEWHERE;
      if (html_ascii_equal (name, "article") || html_ascii_equal (name, "main"))
        place = PLACE_ARTICLE;
      /* The site's banner: a <header> with the site's navigation, outside the article and
       * without its headline, shows the day the page is read ("Friday, December 19, 2025"
       * over the menu), however far up it is. */
      if (html_ascii_equal (name, "header") && place != PLACE_ARTICLE && !holds_headline (dates, n)
          && !within_article_or_main (n) && holds_element (n, "nav"))
        return PLACE_ELSEWHERE;
      /* Far up, wrappers of the whole layout ("layoutTwoColumnsRightSidebar",
       * "navigation-container") say nothing about the date. */
      if (depth > 8 || (near_headline && depth > 3))
        continue;
      /* An <aside> by the headline that names the article's facts is the article's byline box,
       * and so is one inside the article that links nowhere (related stories, promotions and
       * sidebars link to what they show), or one that opens right after the headline (the
       * article's column of date, byline and topics). */
      if (((html_ascii_equal (name, "aside") && !(near_headline && names_part (attr (n, "class"), article_meta_parts))
            && !(within_article (n) && !holds_link (n))
            && !(right_after && opens_after_headline (dates, n)))
           || html_ascii_equal (name, "nav") || html_ascii_equal (name, "blockquote")
           || html_ascii_equal (name, "iframe") || html_ascii_equal (name, "form")
           || html_ascii_equal (name, "figcaption"))
          && !holds_headline (dates, n))
        return PLACE_ELSEWHERE;
      if (html_ascii_equal (name, "footer"))
        in_footer = TRUE, footer_depth = depth;
      const char *class = attr (n, "class");
      const char *id = attr (n, "id");
      if (n != node && (elsewhere_by_name (n, class) || elsewhere_by_name (n, id)) && !holds_headline (dates, n))
        {
          if (!contains_ascii_caseless (class ? class : id, "footer"))
            return PLACE_ELSEWHERE;
          in_footer = TRUE, footer_depth = depth;
        }
    }
  return in_footer && place != PLACE_ARTICLE && depth - footer_depth <= 4 ? PLACE_ELSEWHERE : place;
}

gboolean
html_dates_near_headline (HtmlDates *dates)
{
  return dates->headline_order && dates->order > dates->headline_order && dates->order - dates->headline_order < 25;
}

gboolean
html_dates_after_headline (HtmlDates *dates)
{
  return dates->headline_order && dates->order > dates->headline_order;
}

gboolean
html_dates_by_headline (HtmlDates *dates)
{
  return html_dates_near_headline (dates)
         || (dates->headline_order && dates->order < dates->headline_order && dates->headline_order - dates->order <= 16);
}

gboolean
html_dates_in_other_part (HtmlDates *dates, xmlNode *node)
{
  gboolean near_headline = dates->headline_order && dates->order >= dates->headline_order
                           && dates->order - dates->headline_order < 25;
  return place_of (dates, node, near_headline) == PLACE_ELSEWHERE;
}

/* Whether one of @parts (words of lower-case ASCII letters and signs, each opening with two
 * letters, 32 at most) occurs in @value, ASCII case-blind.  This runs on every element with a
 * class or id: no copies, and a position is compared only with the words that open with its
 * two letters (their indexes by letter pair are worked out once a list): most positions of a
 * class name open no word, and one table look-up says so. */
typedef struct {
  const char *const *parts;
  guint32 by_letter[26][26]; /* bit i: parts[i] opens with the two letters */
  guint8  opens[256];        /* 1 + the letter (0 for a) of a byte, either case, that opens a part; 0 for
                              * any other byte: one look-up rules out most positions */
} WordsByLetter;

/* 1 + a byte's letter, either case (1 for a and A); 0 for any other byte. */
static const guint8 *
letter_table (void)
{
  static guint8 letters[256];
  static gsize ready = 0;
  if (g_once_init_enter (&ready))
    {
      for (guint c = 0; c < 26; c++)
        letters['a' + c] = letters['A' + c] = (guint8) (c + 1);
      g_once_init_leave (&ready, 1);
    }
  return letters;
}

static gboolean
contains_any (const char *value, const WordsByLetter *words)
{
  if (value == NULL)
    return FALSE;
  const guint8 *letters = letter_table ();
  for (const char *v = value; *v; v++)
    {
      guint c = words->opens[(guchar) *v];
      if (c == 0)
        continue;
      guint d = letters[(guchar) v[1]]; /* the NUL at the end is no letter */
      if (d == 0)
        continue;
      for (guint32 bits = words->by_letter[c - 1][d - 1]; bits; bits &= bits - 1)
        if (html_ascii_has_prefix (v, words->parts[g_bit_nth_lsf (bits, -1)]))
          return TRUE;
    }
  return FALSE;
}

static void
words_by_letter_init (WordsByLetter *words, const char *const *parts)
{
  words->parts = parts;
  for (guint i = 0; parts[i]; i++)
    {
      g_assert (i < 32 && parts[i][0] >= 'a' && parts[i][0] <= 'z' && parts[i][1] >= 'a' && parts[i][1] <= 'z');
      words->by_letter[parts[i][0] - 'a'][parts[i][1] - 'a'] |= 1u << i;
      words->opens[(guchar) parts[i][0]] = words->opens[(guchar) g_ascii_toupper (parts[i][0])]
        = (guint8) (parts[i][0] - 'a' + 1);
    }
}

/* Words that introduce a publication date in running text ("Veröffentlicht am 16.08.2019",
 * "Posted on", "Publié le", "Stand:"): LABEL_PUBLISHED; or the date of the last change
 * ("Aktualisiert: 30.12.2016", "Last updated"): LABEL_UPDATED; or the day the page is being
 * read ("Aktuelles Datum und Uhrzeit:", "Today is"): LABEL_NOW, never a publication date. */
typedef enum { LABEL_NONE, LABEL_PUBLISHED, LABEL_UPDATED, LABEL_NOW } Label;

/* Non-ASCII labels are compared byte for byte: they are listed as pages write them, with a
 * capital where the script has one ("Опубликовано"). */
static const char *const published_labels[] = {
  "published", "posted", "veröffentlicht", "erschienen", "stand", "datum", "date", "publié", "publicado",
  "pubblicato", "gepubliceerd", "publicerad", "opublikowano", "publikováno", "julkaistu", "publiceret",
  "first published", "originally published", "erstellt", "publicada", "publicat", "yayınlanma", "yayın tarihi",
  "diterbitkan", "dipublikasikan", "terbit", "objavljeno", "közzétéve", "Опубликовано", "опубликовано",
  "Опубліковано", "опубліковано", "Дата публикации", "Дата публікації", "发布时间", "发布日期", "發佈時間",
  "發布時間", "公開日", "投稿日", "掲載日", "입력", "등록", "기사입력", "تاريخ النشر", "نشر في", "تاریخ انتشار", "प्रकाशित", "Δημοσίευση", "פורסם",
  "Publisert", "publisert", NULL
};
static const char *const updated_labels[] = {
  "aktualisiert", "zuletzt aktualisiert", "letzte aktualisierung", "zuletzt geändert", "updated", "last updated",
  "last modified", "last edited", "mis à jour", "actualizado", "aggiornato", "bijgewerkt", "actualizada",
  "atualizado", "atualizada", "aktualizacja", "zaktualizowano", "güncellenme", "güncelleme", "diperbarui",
  "opdateret", "uppdaterad", "päivitetty", "oppdatert", "aktualizováno", "Обновлено", "обновлено", "Оновлено",
  "оновлено", "更新", "最終更新", "수정", "업데이트", "آخر تحديث", "تم التحديث", "تحديث", "अपडेटेड", "अपडेट", "Ενημέρωση",
  "עודכן", "Cập nhật", "cập nhật", NULL
};
/* The day the page is read, printed or looked up, a copyright's year and an event's day
 * ("When:", "Termin:"): never the publication. */
static const char *const now_labels[] = {
  "aktuelles datum", "heutiges datum", "heute ist", "current date", "current time", "today is", "today's date",
  "date du jour", "nous sommes le", "fecha actual", "hoy es", "data odierna", "oggi è", "copyright", "©",
  "(c)", "when:", "wann:", "termin:", "quand :", "quand:", "cuándo:", "quando:", "event date",
  /* the day the page was printed or looked up ("Printed on", "Abgerufen am") */
  "printed on", "printed:", "print date", "gedruckt am", "druckdatum", "abgerufen am", "accessed on", "accessed:",
  "retrieved on", "retrieved:", "consulté le", "imprimé le", NULL
};
/* A wiki's page information: "Download (last edited 2019-11-10 13:28:18 by ...)". */
static const char *const edited_spellings[] = { "last edited", "Last edited", "last modified", "Last modified",
                                                "zuletzt geändert", "Zuletzt geändert", "zuletzt bearbeitet",
                                                "Zuletzt bearbeitet", "letzte Änderung", "Letzte Änderung",
                                                "dernière modification", "Dernière modification", NULL };

#define N_LABEL_WORDS (G_N_ELEMENTS (now_labels) + G_N_ELEMENTS (published_labels) + G_N_ELEMENTS (updated_labels))

typedef struct {
  const char *word;
  guint8      length;
  guint8      label; /* a Label */
} LabelWord;

/* The labels by their first byte: starts_with_label runs on most texts of a page, and a text
 * is compared only with the labels that open with its first byte (lower-cased), in the order
 * of the lists (now, published, updated: the first that matches decides), which for most
 * texts is none or a handful instead of some 150.  The same for the wiki spellings, by any
 * byte of the text. */
typedef struct {
  LabelWord words[N_LABEL_WORDS];
  guint16   start[257];         /* words[start[b] .. start[b + 1]) open with byte b */
  guint16   edited_by_byte[256]; /* bit i: edited_spellings[i] opens with the byte */
  guint8    edited_length[G_N_ELEMENTS (edited_spellings)];
} LabelIndex;

static const LabelIndex *
label_index (void)
{
  static LabelIndex index;
  static gsize ready = 0;
  if (g_once_init_enter (&ready))
    {
      const struct { const char *const *words; Label label; } lists[] = {
        { now_labels, LABEL_NOW }, { published_labels, LABEL_PUBLISHED }, { updated_labels, LABEL_UPDATED },
      };
      /* A counting sort by first byte, stable so that each byte's labels keep the lists' order. */
      guint count[256] = { 0 };
      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        for (const char *const *l = lists[i].words; *l; l++)
          count[(guchar) (*l)[0]]++;
      guint16 next[256];
      index.start[0] = 0;
      for (guint b = 0; b < 256; b++)
        index.start[b + 1] = index.start[b] + count[b], next[b] = index.start[b];
      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        for (const char *const *l = lists[i].words; *l; l++)
          {
            gsize length = strlen (*l);
            g_assert (length < 256);
            index.words[next[(guchar) (*l)[0]]++] = (LabelWord) { *l, (guint8) length, (guint8) lists[i].label };
          }
      for (guint i = 0; edited_spellings[i]; i++)
        {
          g_assert (i < 16);
          index.edited_by_byte[(guchar) edited_spellings[i][0]] |= 1u << i;
          index.edited_length[i] = (guint8) strlen (edited_spellings[i]);
        }
      g_once_init_leave (&ready, 1);
    }
  return &index;
}

static Label
starts_with_label (const char *text)
{
  const LabelIndex *index = label_index ();
  while (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r')
    text++;
  /* Only the labels that start with the text's first byte, in lower case: a label that opens
   * with a capital ("Publisert") never matches here. */
  guchar first = (guchar) html_ascii_lower (*text);
  for (guint i = index->start[first]; i < index->start[first + 1]; i++)
    {
      const LabelWord *l = &index->words[i];
      if (html_ascii_has_prefix (text, l->word) && !g_ascii_isalpha (text[l->length]))
        return (Label) l->label;
    }
  /* "am 20.09.2020", "on May 3, 2019": a preposition and a date, alone on their line (the
   * white space of the markup's indentation after it aside).  All the prepositions are two
   * letters and a space: the third byte rules out most texts before any compare. */
  static const char *const on[] = { "am ", "on ", "le ", "el ", "il ", "op ", NULL };
  gsize text_length = strnlen (text, 201);
  if (text[0] && text[1] && text[2] == ' ' && g_ascii_isalnum (text[3]))
    {
      gsize length = text_length;
      while (length > 0 && g_ascii_isspace (text[length - 1]))
        length--;
      for (const char *const *l = on; *l; l++)
        if (g_ascii_strncasecmp (text, *l, 3) == 0 && length <= 32)
          return LABEL_PUBLISHED;
    }
  /* A wiki's page information: "Download (last edited 2019-11-10 13:28:18 by ...)".  One pass:
   * a spelling is compared only where the text has its first two bytes. */
  if (text_length <= 200 && (strchr (text, 'e') || strchr (text, 'E')))
    for (const char *p = text; *p; p++)
      for (guint bits = index->edited_by_byte[(guchar) *p]; bits; bits &= bits - 1)
        {
          guint i = g_bit_nth_lsf (bits, -1);
          if (p[1] == edited_spellings[i][1] && strncmp (p, edited_spellings[i], index->edited_length[i]) == 0)
            return LABEL_UPDATED;
        }
  return LABEL_NONE;
}

/* Where one of @labels (lower case) starts a word after the first byte of @text, or NULL. */
static const char *
label_in (const char *text, const char *const *labels)
{
  for (const char *p = text + 1; *p; p++)
    {
      if (g_ascii_isalnum (p[-1]) || (guchar) p[-1] >= 0x80)
        continue;
      char first = g_ascii_tolower (*p);
      for (const char *const *l = labels; *l; l++)
        if ((*l)[0] == first && html_ascii_has_prefix (p, *l) && !g_ascii_isalpha (p[strlen (*l)]))
          return p;
    }
  return NULL;
}

/* Where a publication label ("Published", "Veröffentlicht", "Publié") follows in @text (a
 * line that opens with an update's label), or NULL. */
static const char *
published_label_in (const char *text)
{
  static const char *const labels[] = { "published", "posted", "veröffentlicht", "erschienen", "erstellt", "publié",
                                        "publicado", "publicada", "pubblicato", "gepubliceerd", "publicerad",
                                        "opublikowano", "publikováno", "julkaistu", "publiceret", NULL };
  return label_in (text, labels);
}

/* Where an update's label ("Last updated", "Updated", "Aktualisiert") follows in @text (a
 * publication's line), or NULL. */
static const char *
update_label_in (const char *text)
{
  static const char *const labels[] = { "updated", "last updated", "last modified", "modified", "aktualisiert",
                                        "geändert", "mis à jour", "actualizado", "atualizado", "aggiornato",
                                        "bijgewerkt", NULL };
  return label_in (text, labels);
}

/* @text, or its publication part when it opens with an update's label and names the
 * publication after it ("Updated: June 9, 2020 · Published: June 7, 2020" in one date
 * element): the first date of such a line is the change, not the publication. */
static const char *
published_part_of (const char *text)
{
  const char *published = starts_with_label (text) == LABEL_UPDATED ? published_label_in (text) : NULL;
  return published ? published : text;
}

/* Eight bytes at @p as one word, whatever its alignment. */
static inline guint64
load_word (const char *p)
{
  guint64 word;
  memcpy (&word, p, sizeof word);
  return word;
}

#define BYTES_ONE  G_GUINT64_CONSTANT (0x0101010101010101)
#define BYTES_HIGH (BYTES_ONE * 0x80)
#define BYTES_LOW7 (BYTES_ONE * 0x7F)

/* The high bit of each byte of @word below 0x80 that lies strictly between @low and @high
 * (@high at most 128): exact per byte, no carry crosses a byte. */
static inline guint64
bytes_between (guint64 word, guint low, guint high)
{
  guint64 low7 = word & BYTES_LOW7;
  return (BYTES_ONE * (127 + high) - low7) & ~word & (low7 + BYTES_ONE * (127 - low)) & BYTES_HIGH;
}

/* The high bit of each byte of @word that is a space or one of \t \n \v \f \r (what blank
 * takes for white space below 0x80). */
static inline guint64
ascii_spaces (guint64 word)
{
  guint64 x = word ^ (BYTES_ONE * ' ');
  guint64 not_space = ((x & BYTES_LOW7) + BYTES_LOW7) | x; /* high bit set where x's byte is not 0 */
  return (~not_space & BYTES_HIGH) | bytes_between (word, '\t' - 1, '\r' + 1);
}

/* Only white space, by the core's one definition (no-break and thin spaces included).  This
 * runs on most texts of a page: the markup's indentation between elements is read eight
 * bytes at a time as long as it is ASCII, and a text that opens with anything else is
 * settled by its first byte. */
static gboolean
blank (const char *text)
{
  guchar first = (guchar) *text;
  if (first < 0x80 && first != ' ' && !(first >= '\t' && first <= '\r'))
    return first == '\0';
  const char *end = text + strlen (text);
  for (; end - text >= 8; text += 8)
    {
      guint64 word = load_word (text);
      if (word & BYTES_HIGH)
        break; /* read from here on character by character */
      if (ascii_spaces (word) != BYTES_HIGH)
        return FALSE;
    }
  for (; *text; text = g_utf8_next_char (text))
    {
      /* ASCII first: a letter or digit settles it without decoding. */
      if ((guchar) *text < 0x80)
        {
          if (*text != ' ' && !(*text >= '\t' && *text <= '\r'))
            return FALSE;
          continue;
        }
      if (!nf_unichar_is_space (g_utf8_get_char (text)))
        return FALSE;
    }
  return TRUE;
}

/* Whether a digit opens at @p (not its NUL): an ASCII one, or one of the scripts the date
 * reader reads (Arabic-Indic, Persian, Devanagari, Bengali, full-width), told by their UTF-8
 * bytes.  A byte after @p is read only when the ones before it match, so never past the NUL. */
static inline gboolean
digit_at (const guchar *p)
{
  if (*p < 0x80)
    return g_ascii_isdigit (*p);
  return (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) || (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9)
         || (p[0] == 0xE0 && (p[1] == 0xA5 || p[1] == 0xA7) && p[2] >= 0xA6 && p[2] <= 0xAF)
         || (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99);
}

/* Whether @text has a digit (digit_at).  This runs on most texts of a page, and most have
 * none: eight bytes at a time, byte by byte only in the words that hold a byte above 0x7F. */
static gboolean
has_digit (const char *text)
{
  const guchar *p = (const guchar *) text, *end = p + strlen (text);
  for (; end - p >= 8; p += 8)
    {
      guint64 word = load_word ((const char *) p);
      if (word & BYTES_HIGH)
        {
          for (guint i = 0; i < 8; i++)
            if (digit_at (p + i))
              return TRUE;
        }
      else if (bytes_between (word, '0' - 1, '9' + 1))
        return TRUE;
    }
  for (; *p; p++)
    if (digit_at (p))
      return TRUE;
  return FALSE;
}


static const char *const modified_words[] = { "updat", "modif", "aktualisiert", "edited", "mise-a-jour", "revised", NULL };
static const char *const published_words[] = { "publish", "pubdate", "posted", "created", "entry-date", "post-date",
                                                "article-date", "date-publ", "datum", NULL };
static const char *const date_words[] = { "date", "time", "datum", "publish", "posted", "byline", "meta", "dateline",
                                          "submitted", "authored", "fecha", NULL };

enum { WORDS_MODIFIED, WORDS_PUBLISHED, WORDS_DATE, N_WORD_LISTS };

static const WordsByLetter *
word_lists (void)
{
  static WordsByLetter lists[N_WORD_LISTS];
  static gsize ready = 0;
  if (g_once_init_enter (&ready))
    {
      words_by_letter_init (&lists[WORDS_MODIFIED], modified_words);
      words_by_letter_init (&lists[WORDS_PUBLISHED], published_words);
      words_by_letter_init (&lists[WORDS_DATE], date_words);
      g_once_init_leave (&ready, 1);
    }
  return lists;
}

/* The link of the teaser that @node (a date) belongs to: an <a> around it, or the first one
 * in its parent or grandparent ("<li><a href=...>Title</a><span class=date>...</span></li>"). */
static const char *
teaser_link (xmlNode *node)
{
  xmlNode *n = node;
  for (guint i = 0; n && n->type == XML_ELEMENT_NODE && i < 6; i++, n = n->parent)
    if (html_ascii_equal ((const char *) n->name, "a"))
      return attr (n, "href");
  n = node->parent;
  for (guint up = 0; n && n->type == XML_ELEMENT_NODE && up < 2; up++, n = n->parent)
    {
      /* A bounded look: a teaser is small, a whole list is not one teaser. */
      xmlNode *c = n->children;
      for (guint seen = 0; c && seen < 40; seen++)
        {
          if (c->type == XML_ELEMENT_NODE && html_ascii_equal ((const char *) c->name, "a") && attr (c, "href"))
            return attr (c, "href");
          if (c->type == XML_ELEMENT_NODE && c->children)
            c = c->children;
          else
            {
              while (c && c != n && c->next == NULL)
                c = c->parent;
              if (c == NULL || c == n)
                break;
              c = c->next;
            }
        }
    }
  return NULL;
}

/* The date at @node as a teaser's, linked to @link: it is the article's own only when the
 * link leads to the page itself (html_dates_choose compares the link with the page's URL). */
static void
add_linked (HtmlDates *dates, xmlNode *node, guint order, const char *link)
{
  /* A link with a fragment is a comment's permalink on the page itself, not a teaser. */
  if (link == NULL || *link == '\0' || strchr (link, '#'))
    return;
  const char *value = attr (node, "datetime");
  if (value == NULL)
    value = attr (node, "content");
  /* add() takes no value over 300 bytes: a longer text is not read to its end. */
  g_autofree char *text = value ? NULL : html_node_spaced_text (node, 300);
  if (text && g_utf8_strlen (text, -1) > 160)
    return;
  guint before = dates->candidates->len;
  /* Below every date of the page's own parts: a teaser is the last resort before the URL. */
  add (dates, value ? value : text, 41, order, value == NULL, "text");
  if (dates->candidates->len > before)
    g_array_index (dates->candidates, Candidate, before).link = g_strdup (link);
}

/* A date in a teaser list or another part of the page: the article's own only when its
 * teaser links to the page itself. */
static void
add_teaser (HtmlDates *dates, xmlNode *node, guint order)
{
  add_linked (dates, node, order, teaser_link (node));
}

static guint count_words_between (const char *from, const char *to);

/* Whether @href leads to a list of stories rather than one: an author's, a tag's or a
 * category's page ("/blog/author/jane-doe", "/tag/parks/", "/kategorie/politik"). */
static gboolean
links_to_index (const char *href)
{
  static const char *const segments[] = { "author", "authors", "autor", "autoren", "auteur", "profile", "profil",
                                          "user", "users", "people", "tag", "tags", "category", "categories",
                                          "kategorie", "categorie", "topic", "topics", "thema", "themen", NULL };
  if (href == NULL)
    return FALSE;
  gsize n = strcspn (href, "?#");
  for (const char *p = href; p < href + n; p++)
    if (*p == '/')
      for (const char *const *s = segments; *s; s++)
        {
          gsize k = strlen (*s);
          if (p + 1 + k <= href + n && g_ascii_strncasecmp (p + 1, *s, k) == 0
              && (p[1 + k] == '/' || p[1 + k] == '-' || p[1 + k] == ',' || p + 1 + k == href + n))
            return TRUE;
        }
  return FALSE;
}

/* Whether the text right before the link @a labels a byline ("Written by <a>Jane Doe</a>"):
 * the link is its author's. */
static gboolean
after_byline_label (xmlNode *a)
{
  xmlNode *prev = a->prev;
  return prev && prev->type == XML_TEXT_NODE && prev->content && html_byline_is_labelled ((const char *) prev->content);
}

/* The link of another story's teaser beside the date @node: the first <a href> of its
 * parent or grandparent ("<div><a href=/other>Bridge opens to traffic</a><span class=date>
 * May 1, 2020</span></div>", a list of more stories, the previous and next posts) when the
 * link's text is a title (three words or more) and does not hold the date.  A link around
 * the date is the post's permalink, and a tag's, a category's or an author's link ("Posted
 * on June 7, 2020 in <a rel=category>News</a>") names no other story; NULL then. */
static const char *
story_link_beside (xmlNode *node)
{
  for (xmlNode *n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (html_ascii_equal ((const char *) n->name, "a"))
      return NULL;
  xmlNode *n = node->parent;
  for (guint up = 0; n && n->type == XML_ELEMENT_NODE && up < 2; up++, n = n->parent)
    {
      /* A teaser is small: a part with more text is the article or a whole list, whose
       * links (in the text, to other stories) are not the date's. */
      g_autofree char *whole = html_node_spaced_text (n, 400);
      if (whole == NULL || g_utf8_strlen (whole, -1) > 240)
        return NULL;
      xmlNode *c = n->children;
      for (guint seen = 0; c && seen < 40; seen++)
        {
          if (c->type == XML_ELEMENT_NODE && html_ascii_equal ((const char *) c->name, "a") && attr (c, "href"))
            {
              const char *rel = attr (c, "rel");
              if ((rel && (strstr (rel, "tag") || strstr (rel, "category") || strstr (rel, "author")))
                  || links_to_index (attr (c, "href")) || after_byline_label (c))
                return NULL;
              g_autofree char *title = html_node_spaced_text (c, 200);
              return title && count_words_between (title, title + strlen (title)) >= 3 ? attr (c, "href") : NULL;
            }
          /* Not into the date itself. */
          if (c != node && c->type == XML_ELEMENT_NODE && c->children)
            {
              c = c->children;
              continue;
            }
          while (c != n && c->next == NULL)
            c = c->parent;
          if (c == n)
            break;
          c = c->next;
        }
    }
  return NULL;
}

/* Whether @order is well away from the article's header, above or below it: where lists
 * of other stories are, not the byline. */
static gboolean
away_from_header (const HtmlDates *dates, guint order)
{
  return dates->headline_order && (order >= dates->headline_order + 25 || order + 16 < dates->headline_order);
}

/* Whether @node's class or id names the day the page is read ("todays-date", "currentDate"):
 * never a publication date, as a "Today is" label is not. */
static gboolean
names_now (xmlNode *node)
{
  static const char *const now_parts[] = { "today", "todays", "heute", "currentdate", NULL };
  return names_part (attr (node, "class"), now_parts) || names_part (attr (node, "id"), now_parts);
}

/* Whether @node (at @order) comes before the headline, outside the <article> that holds the
 * headline: the site's bar above the article ("Sunday, June 14, 2020" over the menu, the
 * day the page is read), not the article's topline. */
static gboolean
before_headline_article (const HtmlDates *dates, xmlNode *node, guint order)
{
  if (dates->headline == NULL || order >= dates->headline_order)
    return FALSE;
  xmlNode *article = dates->headline->parent;
  while (article && article->type == XML_ELEMENT_NODE && !html_ascii_equal ((const char *) article->name, "article"))
    article = article->parent;
  if (article == NULL || article->type != XML_ELEMENT_NODE)
    return FALSE;
  for (xmlNode *n = node; n; n = n->parent)
    if (n == article)
      return FALSE;
  return TRUE;
}

/* Whether @node's class or id names an event's day ("event-date", "termin-datum"): the
 * day of what the page announces, not of the page. */
static gboolean
names_event (xmlNode *node)
{
  static const char *const event_parts[] = { "event", "events", "termin", "veranstaltung", NULL };
  return names_part (attr (node, "class"), event_parts) || names_part (attr (node, "id"), event_parts);
}

/* An element whose whole text is a date ("<div>Apr 7, 2009</div>", "<span>01.02.2022</span>"),
 * outside links and the parts that are not the article: a page's date where it marks it no
 * other way, below every labelled date and the URL's. */
static void
solitary_date (HtmlDates *dates, xmlNode *node, xmlNode *text, guint order, gboolean near_headline)
{
  if (text == NULL || text != node->children || text->next || text->type != XML_TEXT_NODE || text->content == NULL)
    return;
  const char *content = (const char *) text->content;
  gsize length = strnlen (content, 48);
  if (length >= 48 || length < 6 || !has_digit (content))
    return;
  for (xmlNode *n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (html_ascii_equal ((const char *) n->name, "a") || html_ascii_equal ((const char *) n->name, "option")
        || html_ascii_equal ((const char *) n->name, "li"))
      return;
  NfDate date;
  if (before_headline_article (dates, node, order))
    return;
  if (!nf_date_parse (content, dates->language, &date) || place_of (dates, node, near_headline) == PLACE_ELSEWHERE
      || names_now (node))
    return;
  const char *story = away_from_header (dates, order) ? story_link_beside (node) : NULL;
  if (story)
    add_linked (dates, node, order, story);
  else
    add (dates, content, 37, order, TRUE, "text");
}

/* Whether the text just before @node ends with the label of a change: "last edited: <span
 * class=date>", "Aktualisiert am <time>" (the label outside the date's element). */
static gboolean
after_update_label (xmlNode *node)
{
  static const char *const labels[] = { "updated", "last edited", "last modified", "edited", "modified", "revised",
                                        "aktualisiert", "geändert", "bearbeitet", "letzte änderung", "mis à jour",
                                        "modifié", "actualizado", "aggiornato", "bijgewerkt", "last update",
                                        "aktualisierung", "mise à jour", NULL };
  xmlNode *prev = node->prev;
  if (prev && prev->type == XML_TEXT_NODE && prev->content && blank ((const char *) prev->content))
    prev = prev->prev;
  if (prev == NULL)
    return FALSE;
  /* The label may be an icon's title before the date ("<span class=icon title='Last update'>
   * </span> <span>March 11, 2026</span>"). */
  const char *text = prev->type == XML_TEXT_NODE ? (const char *) prev->content
                     : prev->type == XML_ELEMENT_NODE ? (attr (prev, "title") ? attr (prev, "title") : attr (prev, "aria-label"))
                                                      : NULL;
  if (text == NULL)
    return FALSE;
  gsize n = strlen (text);
  /* The label's end: back over spaces, a colon and a preposition ("am", "on", "le"). */
  while (n > 0 && (g_ascii_isspace (text[n - 1]) || text[n - 1] == ':'))
    n--;
  static const char *const on[] = { " am", " on", " le", " el", " il", " op", NULL };
  for (const char *const *o = on; *o; o++)
    if (n >= 3 && g_ascii_strncasecmp (text + n - 3, *o, 3) == 0)
      {
        n -= 3;
        break;
      }
  while (n > 0 && (g_ascii_isspace (text[n - 1]) || text[n - 1] == ':'))
    n--;
  for (const char *const *l = labels; *l; l++)
    {
      gsize k = strlen (*l);
      if (n >= k && g_ascii_strncasecmp (text + n - k, *l, k) == 0 && (n == k || !g_ascii_isalpha (text[n - k - 1])))
        return TRUE;
    }
  return FALSE;
}

/* Whether @order is in the article's header: from a little above the headline (a topline,
 * a date before the sharing links) to a little below it (the byline). */
static gboolean
in_header (const HtmlDates *dates, guint order)
{
  return dates->headline_order && order + 16 >= dates->headline_order && order < dates->headline_order + 60;
}

/* A date that the markup keeps in a data attribute for its scripts to show ("data-timestamp=
 * \"1566811926\"", "data-date-iso", "data-publish-date=\"2020-05-16\""): the value as text,
 * or a count of seconds (or milliseconds) since 1970 written out in UTC into @buffer; NULL
 * when the element has none.  A bare number of another length is no date ("data-time=95",
 * a duration). */
static const char *
data_date (xmlNode *node, char buffer[32])
{
  static const char *const names[] = { "timestamp", "time", "date", "date-iso", "datetime", "publish-date",
                                       "published", "pubdate", NULL };
  for (xmlAttr *a = node->properties; a; a = a->next)
    {
      const char *n = (const char *) a->name;
      if (n[0] != 'd' || strncmp (n, "data-", 5) != 0)
        continue;
      gboolean named = FALSE;
      for (const char *const *w = names; *w && !named; w++)
        named = html_ascii_equal (n + 5, *w);
      const char *value = named && a->children && a->children->type == XML_TEXT_NODE && a->children->next == NULL
                            ? (const char *) a->children->content : NULL;
      if (value == NULL)
        continue;
      gsize length = strlen (value), digits = strspn (value, "0123456789");
      if (digits == length && (length == 10 || length == 13))
        {
          gint64 seconds = g_ascii_strtoll (value, NULL, 10) / (length == 13 ? 1000 : 1);
          g_autoptr (GDateTime) instant = g_date_time_new_from_unix_utc (seconds);
          if (instant == NULL || g_date_time_get_year (instant) < 1995 || g_date_time_get_year (instant) > 2100)
            continue;
          g_autofree char *text = g_date_time_format (instant, "%Y-%m-%dT%H:%M:%SZ");
          g_strlcpy (buffer, text, 32);
          return buffer;
        }
      if (digits < length && length >= 6 && length <= 40 && has_digit (value))
        return value;
    }
  return NULL;
}


/* Whether @node sits inside a sentence: three words or more in the text right before it and
 * right after it, which names no publication ("This entry was posted on <time>...</time> in
 * News and Politics" is a byline). */
static gboolean
in_running_text (xmlNode *node)
{
  xmlNode *prev = node->prev, *next = node->next;
  if (prev == NULL || next == NULL || prev->type != XML_TEXT_NODE || next->type != XML_TEXT_NODE
      || prev->content == NULL || next->content == NULL)
    return FALSE;
  const char *before = (const char *) prev->content, *after = (const char *) next->content;
  return count_words_between (before, before + strlen (before)) >= 3
         && count_words_between (after, after + strlen (after)) >= 3 && starts_with_label (before) == LABEL_NONE
         && published_label_in (before) == NULL;
}

/* Whether @text is a short line (a fact of the article's header, not a sentence of its text). */
static gboolean
short_line (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  gsize length = strnlen (text, 64);
  while (length > 0 && g_ascii_isspace (text[length - 1]))
    length--;
  return length <= 40;
}

/* A header line of several facts whose first figure is no date ("<div><span class=icon-book>
 * </span> ca. 8 Min.<br><span class=icon-calendar></span> 12.01.2022</div>"): the later short
 * text of @node that reads as a date, else @first (the text with the first figure).  Short
 * lines only: a sentence of the article's first paragraph that names a day ("hit its 1.0
 * release on 30 October 2025") is no date line. */
static xmlNode *
header_fact_date (xmlNode *node, xmlNode *first, const char *language)
{
  NfDate probe;
  const char *content = (const char *) first->content;
  if (!short_line (content) || nf_date_find (content, -1, language, &probe, NULL, NULL))
    return first;
  guint seen = 0;
  for (xmlNode *n = node->children; n != first; n = n->next)
    seen++;
  for (xmlNode *later = first->next; later && ++seen < 12; later = later->next)
    if (later->type == XML_TEXT_NODE && later->content && has_digit ((const char *) later->content)
        && short_line ((const char *) later->content)
        && nf_date_find ((const char *) later->content, -1, language, &probe, NULL, NULL))
      return later;
  return first;
}

/* How many words (runs of at least two letters, "12." and "-" are none) @text has between
 * @from and @to. */
static guint
count_words_between (const char *from, const char *to)
{
  guint words = 0, letters = 0;
  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        letters++;
      else
        {
          words += letters >= 2;
          letters = 0;
        }
    }
  return words + (letters >= 2);
}

/* Whether the first date in @text sits inside a sentence: three words or more before it and
 * after it ("Ich habe am 12. Mai 2006 eine Mail-Aktion an die Mitglieder ... gestartet", "The
 * council first discussed it on March 3, 2019 and voted"): a day the story tells of, not the
 * day it was published.  A dateline ("Wiesbaden, 11. November 2021", "29.11.2022 - Die
 * Branche ...") or a header line ("... lohnt 04.02.2022 | 15:33 Uhr") has no words on one
 * side. */
static gboolean
in_sentence (const char *text, const char *language)
{
  NfDate date;
  gsize start, end;
  if (!nf_date_find (text, -1, language, &date, &start, &end))
    return FALSE;
  guint before = count_words_between (text, text + start);
  if (before >= 3 && count_words_between (text + end, text + strlen (text)) >= 3)
    return TRUE;
  /* A sentence that ends with the date ("The festival opens on August 21, 2020."), but not
   * a byline that ends so ("By Jane Doe on June 7, 2020."). */
  const char *after = text + end;
  while (*after == ' ')
    after++;
  if (before < 4 || (*after != '.' && *after != '!' && *after != '?'))
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  static const char *const by[] = { "by ", "von ", "par ", "por ", "di ", "da ", "door ", "av ", "af ", "de ", NULL };
  for (const char *const *b = by; *b; b++)
    if (g_ascii_strncasecmp (text, *b, strlen (*b)) == 0)
      return FALSE;
  return TRUE;
}

/* A <time>'s (or an itemprop's) machine-readable @value, with the date its element shows
 * its readers: the page's own day when the value is an instant in UTC ("<time datetime=
 * 2020-06-08T02:30:00Z>June 7, 2020 10:30 pm</time>", html_dates_choose). */
static void
add_shown (HtmlDates *dates, xmlNode *node, const char *value, int score, guint order, const char *source)
{
  guint before = dates->candidates->len;
  add (dates, value, score, order, FALSE, source);
  if (dates->candidates->len == before || node->children == NULL)
    return;
  g_autofree char *shown = html_node_spaced_text (node, 100);
  if (shown && has_digit (shown))
    g_array_index (dates->candidates, Candidate, before).shown = g_steal_pointer (&shown);
}

void
html_dates_element (HtmlDates *dates, xmlNode *node, const HtmlAttrs *attrs)
{
  guint order = ++dates->order;
  const WordsByLetter *lists = word_lists ();
  const char *name = (const char *) node->name;
  if (order == 1 && dates->language == NULL && html_ascii_equal (name, "html"))
    {
      const char *lang = attr (node, "lang");
      dates->language = g_strdup (lang ? lang : attr (node, "xml:lang"));
    }
  if (name[0] == 's' && html_ascii_equal (name, "script") && dates->n_scripts < G_N_ELEMENTS (dates->scripts)
      && node->children && node->children->content)
    {
      const char *type = attr (node, "type");
      if (type == NULL || !strstr (type, "ld+json"))
        dates->scripts[dates->n_scripts++] = node;
    }
  const char *class = attrs->class_;
  const char *id = attrs->id;
  const char *itemprop = attrs->itemprop;
  gboolean is_time = html_ascii_equal (name, "time");
  if (itemprop == NULL)
    itemprop = attrs->property; /* RDFa: property="schema:dateCreated" */
  gboolean is_item = itemprop && (strstr (itemprop, "datePublished") || strstr (itemprop, "dateCreated"))
                     && !html_ascii_equal (name, "meta");
  gboolean is_abbr = html_ascii_equal (name, "abbr") && contains_any (class, &lists[WORDS_PUBLISHED]);
  gboolean is_dated = !is_time && !is_item && !is_abbr
                      && (contains_any (class, &lists[WORDS_DATE]) || contains_any (id, &lists[WORDS_DATE]));
  /* A <time> or date element in the article's header that keeps its date in a data attribute
   * counts as a <time>'s datetime would.  Elsewhere such attributes are as often a script's
   * cache stamp (a sharing widget's, a menu's "data-time") as a date. */
  char stamp_buffer[32];
  static const char *const date_parts[] = { "date", "time", "timestamp", "datetime", "published", "pubdate",
                                            "posted", "datum", "fecha", NULL };
  const char *stamp = (is_time || (is_dated && (names_part (class, date_parts) || names_part (id, date_parts))))
                          && node->properties && in_header (dates, order)
                        ? data_date (node, stamp_buffer) : NULL;
  if (stamp && is_dated)
    is_time = TRUE, is_dated = FALSE;
  /* Running text that opens with a date label, or any short text right after the headline. */
  xmlNode *first = node->children;
  Label label = LABEL_NONE;
  for (guint i = 0; first && i < 6; i++, first = first->next)
    if (first->type == XML_TEXT_NODE && first->content && !blank ((const char *) first->content)
        && ((label = starts_with_label ((const char *) first->content)) || has_digit ((const char *) first->content)))
      break;
  /* The label in an element of its own before the date ("<strong>When:</strong> Saturday,
   * August 22, 2020"). */
  if (label == LABEL_NONE && first && first->prev)
    {
      xmlNode *prev = first->prev;
      if (prev->type == XML_ELEMENT_NODE && prev->children && prev->children->type == XML_TEXT_NODE
          && prev->children->content)
        label = starts_with_label ((const char *) prev->children->content) == LABEL_NOW ? LABEL_NOW : LABEL_NONE;
    }
  if (label == LABEL_NOW)
    return;
  gboolean near_headline = dates->headline_order && order > dates->headline_order
                           && order - dates->headline_order < 25;
  /* A topline just above the headline ("<div class=topline><span>06.12.2022</span></div><h1>"). */
  gboolean before_headline = dates->headline_order && order < dates->headline_order
                             && dates->headline_order - order <= 8 && !before_headline_article (dates, node, order);
  if (first && first->type == XML_TEXT_NODE && first->content && label == LABEL_NONE
      && (near_headline || before_headline))
    first = header_fact_date (node, first, dates->language);
  gboolean is_labelled = !is_time && !is_item && !is_abbr && !is_dated && first && first->type == XML_TEXT_NODE
                         && first->content && (near_headline || before_headline || label != LABEL_NONE);
  if (!is_time && !is_item && !is_abbr && !is_dated && !is_labelled)
    {
      solitary_date (dates, node, first, order, near_headline);
      return;
    }
  if (names_now (node) || names_event (node))
    return;
  gboolean modified = (contains_any (class, &lists[WORDS_MODIFIED]) || contains_any (id, &lists[WORDS_MODIFIED])
                       || (itemprop && strstr (itemprop, "dateModified")) || after_update_label (node))
                      && !contains_any (class, &lists[WORDS_PUBLISHED]) && !(itemprop && strstr (itemprop, "datePublished"));
  /* The article's header right after its headline: whatever the layout's wrappers are called. */
  Place place = place_of (dates, node, near_headline);
  if (place == PLACE_ELSEWHERE)
    {
      if (is_time || is_item || is_dated)
        add_teaser (dates, node, order);
      return;
    }
  const char *story = (is_time || is_dated) && away_from_header (dates, order) ? story_link_beside (node) : NULL;
  if (story)
    {
      add_linked (dates, node, order, story);
      return;
    }
  if (is_labelled)
    {
      const char *text = (const char *) first->content;
      int score = (label == LABEL_PUBLISHED ? 42 : near_headline ? 38 : 36) + (place == PLACE_ARTICLE ? 2 : 0);
      const char *source = "text";
      /* A page's last change, away from its header: when nothing says when it was published,
       * the best there is, like a dateModified. */
      if (label == LABEL_UPDATED && !near_headline)
        score = 27, source = "modified";
      /* By the headline, an update's line still says the day of the story (and, confirmed
       * by the metadata, the day a republished page states: header_shows_update), but a
       * publication line or a bare date beside it says it better ("Last modified on Tue 9
       * Jun 2020 ... First published on Sun 7 Jun 2020"). */
      else if (label == LABEL_UPDATED)
        score -= 1;
      /* "Updated June 9, 2020; Published June 7, 2020": the publication that follows. */
      const char *published_part = label == LABEL_UPDATED ? published_label_in (text) : NULL;
      if (published_part)
        text = published_part, score = 42 + (place == PLACE_ARTICLE ? 2 : 0), source = "text";
      /* "Originally published in March 2022. Last updated on December 20, 2024.": a
       * publication's line reads no further than an update's label in it. */
      g_autofree char *before_update = NULL;
      if ((label == LABEL_PUBLISHED || published_part) && strlen (text) <= 200)
        {
          const char *update = update_label_in (text);
          if (update)
            text = before_update = g_strndup (text, update - text);
        }
      if (!has_digit (text) && node->parent && node->parent->type == XML_ELEMENT_NODE)
        {
          /* "<span>Datum:</span> <span>18.10.2021</span>": the label's parent holds both. */
          g_autofree char *around = html_node_spaced_text (node->parent, 200);
          if (around)
            add (dates, around, score, order, TRUE, source);
        }
      else if (strlen (text) <= 200)
        {
          if (label == LABEL_NONE && in_sentence (text, dates->language))
            return;
          add (dates, text, score, order, TRUE, source);
        }
      else if (near_headline)
        {
          /* A dateline opening the article's first paragraph ("27.1.2022 - Bei der ...",
           * "Pressemitteilung vom 25. Januar 2022 | Berlin - ..."): its first words only, and
           * below every other date of the page's own. */
          const char *end = g_utf8_offset_to_pointer (text, MIN (g_utf8_strlen (text, 200), 48));
          g_autofree char *head = g_strndup (text, end - text);
          if (label == LABEL_NONE && in_sentence (head, dates->language))
            return;
          add (dates, head, 34, order, TRUE, "text");
        }
      return;
    }
  /* An update's date says when the page was last changed: better than nothing, never
   * better than a publication date. */
  int bonus = modified ? -40 : place == PLACE_ARTICLE ? 4 : 0;
  /* Near the headline: the article's header and byline, or a topline just above it. */
  if (dates->headline_order && order + 8 >= dates->headline_order && order < dates->headline_order + 60)
    bonus += 3;
  if (is_item || is_time || is_abbr)
    {
      const char *value = attr (node, "datetime");
      if (value == NULL)
        value = attr (node, "content");
      if (value == NULL && is_abbr)
        value = attr (node, "title");
      if (value == NULL)
        value = stamp;
      int score = is_item ? 75 : (is_abbr || attr (node, "pubdate") || contains_any (class, &lists[WORDS_PUBLISHED])
                                  || contains_any (itemprop, &lists[WORDS_PUBLISHED])) ? 70 : 55;
      const char *source = modified ? "modified" : is_item ? "itemprop" : "time";
      /* A <time> in a sentence of the text, away from the header ("The festival opens on
       * <time datetime=2020-08-21>August 21</time> in the park and ..."): a day the story
       * tells of. */
      if (is_time && score == 55 && !near_headline && in_running_text (node))
        return;
      if (value)
        add_shown (dates, node, value, score + bonus, order, source);
      else
        {
          g_autofree char *text = html_node_spaced_text (node, 300); /* add() takes 300 bytes at most */
          add (dates, text, score + bonus, order, TRUE, source);
        }
      return;
    }
  /* Before the headline and outside the <article> that holds it: the site's bar, whose date
   * element shows the day the page is read ("<p class=date>Freitag, 21. Januar 2022</p>" over
   * the menu), never the article's.  A page with no other date has none, not the day it
   * was fetched (as solitary_date and the topline rule already hold). */
  if (before_headline_article (dates, node, order))
    return;
  /* A date, byline or meta element: its text, when short (not a whole section). */
  g_autofree char *text = html_node_spaced_text (node, 300); /* add() takes 300 bytes at most */
  /* Far above the headline, outside the article: the site's bar, whose date element shows
   * the day the page is read ("<div class=header-date>Sunday, 7 June 2020</div>" over the
   * menu), below every date of the article's header. */
  if (dates->headline_order && order + 16 < dates->headline_order && place != PLACE_ARTICLE)
    bonus -= 10;
  if (text && g_utf8_strlen (text, -1) <= 160)
    add (dates, published_part_of (text), 45 + bonus, order, TRUE, modified ? "modified" : "text");
}

/* The path of @url (absolute, or relative to the host), or NULL. */
static const char *
url_path (const char *url)
{
  if (url == NULL)
    return NULL;
  const char *scheme = strstr (url, "://");
  if (scheme)
    return strchr (scheme + 3, '/');
  if (g_str_has_prefix (url, "//"))
    return strchr (url + 2, '/');
  return *url == '/' ? url : NULL;
}

/* Whether two paths are the same, queries, fragments and a trailing slash aside. */
static gboolean
same_path (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  gsize na = strcspn (a, "?#"), nb = strcspn (b, "?#");
  while (na > 1 && a[na - 1] == '/')
    na--;
  while (nb > 1 && b[nb - 1] == '/')
    nb--;
  return na == nb && na > 1 && strncmp (a, b, na) == 0;
}

/* Whether @path holds year, month and day as path segments ("/2017/06/07/", "/2017/06/07-slug"). */
static gboolean
url_has_day (const char *path)
{
  for (const char *p = path; (p = strchr (p, '/')); p++)
    if (g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && g_ascii_isdigit (p[4])
        && p[5] == '/' && g_ascii_isdigit (p[6]) && (p[7] == '/' || (g_ascii_isdigit (p[7]) && p[8] == '/')))
      {
        const char *d = p + (p[7] == '/' ? 8 : 9);
        if (g_ascii_isdigit (d[0]) && (!g_ascii_isdigit (d[1]) || !g_ascii_isdigit (d[2])))
          return TRUE;
      }
  return FALSE;
}

static const char *digits_date (const char *value, char buffer[32]);

/* A day that opens a segment of @path in a form the date reader does not read: its eight
 * digits together or in groups of 4-4 or 6-2 ("/20200607/", "/20200607153000-slug.html",
 * "/2020/0607/c1002-...", "/2020-06/07/c_...", "/202006/07/"), in RFC 3339 form into
 * @buffer, or NULL. */
static const char *
url_compact_day (const char *path, char buffer[32])
{
  for (const char *p = path; (p = strchr (p, '/')); p++)
    {
      char digits[15];
      gsize n = 0;
      const char *q = p + 1;
      guint groups = 0;
      gboolean shape = TRUE;
      while (shape && g_ascii_isdigit (*q))
        {
          gsize run = strspn (q, "0123456789");
          /* The groups a day is cut into: 8 (or 14 with the time), 4+4, 4+2+2, 6+2. */
          shape = n + run <= 14 && (groups == 0 ? (run == 4 || run == 6 || run == 8 || run == 14)
                                                : (run == 2 || (run == 4 && n == 4)));
          if (!shape)
            break;
          memcpy (digits + n, q, run);
          n += run, q += run, groups++;
          if (n >= 8 || !((*q == '/' || *q == '-' || *q == '_') && g_ascii_isdigit (q[1])))
            break;
          q++;
        }
      char after = *q;
      if (!shape || (n != 8 && n != 14) || (groups > 1 && n != 8)
          || g_ascii_isdigit (after) || (after && after != '/' && after != '-' && after != '_' && after != '.'))
        continue;
      digits[n] = '\0';
      if (digits_date (digits, buffer))
        {
          buffer[10] = '\0'; /* the day: a path's time names no zone */
          return buffer;
        }
    }
  return NULL;
}

static gint
by_score (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  if (x->score != y->score)
    return y->score - x->score;
  return (int) x->order - (int) y->order;
}

/* A value of digits only: a day written without signs ("20200607", "20200607153000") or a
 * count of seconds or milliseconds since 1970 ("1591542360"), in RFC 3339 form into @buffer;
 * NULL for any other value. */
static const char *
digits_date (const char *value, char buffer[32])
{
  gsize length = strspn (value, "0123456789");
  if (value[length] != '\0')
    return NULL;
  if (length == 8 || length == 14)
    {
      int y = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 + (value[3] - '0');
      int m = (value[4] - '0') * 10 + (value[5] - '0'), d = (value[6] - '0') * 10 + (value[7] - '0');
      if (y < 1995 || y > 2100 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy (d, m, y))
        return NULL;
      if (length == 8)
        g_snprintf (buffer, 32, "%04d-%02d-%02d", y, m, d);
      else
        g_snprintf (buffer, 32, "%04d-%02d-%02dT%.2s:%.2s:%.2s", y, m, d, value + 8, value + 10, value + 12);
      return buffer;
    }
  if (length == 10 || length == 13)
    {
      gint64 seconds = g_ascii_strtoll (value, NULL, 10) / (length == 13 ? 1000 : 1);
      g_autoptr (GDateTime) instant = g_date_time_new_from_unix_utc (seconds);
      if (instant == NULL || g_date_time_get_year (instant) < 1995 || g_date_time_get_year (instant) > 2100)
        return NULL;
      g_autofree char *text = g_date_time_format (instant, "%Y-%m-%dT%H:%M:%SZ");
      g_strlcpy (buffer, text, 32);
      return buffer;
    }
  return NULL;
}

static gboolean
read_candidate (const Candidate *c, const char *language, NfDate *date)
{
  char buffer[32];
  const char *digits = !c->in_text && g_ascii_isdigit (c->value[0]) ? digits_date (c->value, buffer) : NULL;
  if (digits)
    return nf_date_parse (digits, language, date);
  return c->in_text ? nf_date_find (c->value, -1, language, date, NULL, NULL)
                    : (nf_date_parse (c->value, language, date) || nf_date_find (c->value, -1, language, date, NULL, NULL));
}

/* @utc read where the page shows its day as @d: when @d is the day before or after @utc
 * and an offset of at most 14 hours explains it, @local gets that day, with @utc's time in
 * the page's offset when @d gives its local time.  Returns whether @local changed. */
static gboolean
local_from_shown (const NfDate *utc, const NfDate *d, NfDate *local)
{
  GDate a, b;
  g_date_clear (&a, 1), g_date_clear (&b, 1);
  g_date_set_dmy (&a, utc->day, utc->month, utc->year);
  g_date_set_dmy (&b, d->day, d->month, d->year);
  int days = g_date_days_between (&a, &b);
  /* West of Greenwich the local day is the one before late in UTC's morning at most. */
  if (!((days == -1 && utc->hour < 14) || (days == 1 && utc->hour >= 10)))
    return FALSE;
  *local = *d;
  if (d->has_time && !d->has_offset)
    {
      int offset = (days * 24 * 60 + d->hour * 60 + d->minute) - (utc->hour * 60 + utc->minute);
      if (offset % 15 == 0 && offset >= -14 * 60 && offset <= 14 * 60)
        {
          *local = *utc;
          local->year = d->year, local->month = d->month, local->day = d->day;
          local->hour = d->hour, local->minute = d->minute;
          local->offset = offset * 60;
        }
      else
        local->has_time = FALSE;
    }
  else if (d->has_time)
    {
      /* The same instant in the page's own offset stays whole; another is a day only. */
      g_autoptr (GDateTime) x = nf_date_to_utc (utc);
      g_autoptr (GDateTime) y = nf_date_to_utc (d);
      if (!x || !y || ABS (g_date_time_difference (x, y)) > 60 * G_TIME_SPAN_SECOND)
        local->has_time = FALSE, local->has_offset = FALSE;
    }
  return TRUE;
}

/* Metadata often gives the instant in UTC ("2020-02-25T02:25:54Z") where the page shows its
 * own day ("Feb 24, 2020", /2020/02/24/): the page's day is the one it states.  The best of
 * the page's own candidates after @from (the URL, or text, <time> or itemprop in the
 * article's header by the headline) decides when it is
 * the day before or after @utc and an offset of at most 14 hours explains it; @local gets
 * that day, with @utc's time in the page's offset when the page gives its local time. */
static void
local_day (HtmlDates *dates, guint from, const char *language, const NfDate *utc, NfDate *local)
{
  for (guint i = from; i < dates->candidates->len; i++)
    {
      Candidate *c = &g_array_index (dates->candidates, Candidate, i);
      if (c->score < 36)
        return;
      /* The URL, or the article's header: not a list of other days further down. */
      gboolean header = dates->headline_order && c->order + 8 >= dates->headline_order
                        && c->order < dates->headline_order + 60;
      if (strcmp (c->source, "url") && !(header && (!strcmp (c->source, "text") || !strcmp (c->source, "time")
                                                     || !strcmp (c->source, "itemprop"))))
        continue;
      NfDate d;
      if (!read_candidate (c, language, &d))
        continue;
      local_from_shown (utc, &d, local);
      return;
    }
}

static int
day_key (const NfDate *d)
{
  return d->year * 10000 + d->month * 100 + d->day;
}

/* A bare <meta name="date"> (@bare, read as @date) is as often the page's last change or the
 * time it was generated as its publication: a date that the article's header shows its
 * readers (text, a <time>, an itemprop, among the candidates after @from) on an earlier day
 * is the publication, since a page is changed after it is published, never before.  Returns
 * the candidate to take, @date read from it. */
static Candidate *
header_day_before (HtmlDates *dates, guint from, const char *language, Candidate *bare, NfDate *date)
{
  for (guint i = from; i < dates->candidates->len; i++)
    {
      Candidate *c = &g_array_index (dates->candidates, Candidate, i);
      if (c->score < 36)
        break;
      if (!in_header (dates, c->order)
          || (strcmp (c->source, "text") && strcmp (c->source, "time") && strcmp (c->source, "itemprop")))
        continue;
      NfDate d;
      if (!read_candidate (c, language, &d))
        continue;
      if (day_key (&d) < day_key (date))
        {
          *date = d;
          return c;
        }
      break;
    }
  return bare;
}

/* Whether the article's header (its text, <time> and itemprop candidates after @from) also
 * shows the day @key: "Updated November 11, 2022 ... Originally published November 9, 2022"
 * states the publication beside the update. */
static gboolean
header_shows_day (HtmlDates *dates, guint from, const char *language, int key)
{
  for (guint i = from; i < dates->candidates->len; i++)
    {
      Candidate *c = &g_array_index (dates->candidates, Candidate, i);
      if (c->score < 36)
        break;
      NfDate d;
      if (c->order && in_header (dates, c->order)
          && (!strcmp (c->source, "text") || !strcmp (c->source, "time") || !strcmp (c->source, "itemprop"))
          && read_candidate (c, language, &d) && day_key (&d) == key)
        return TRUE;
    }
  return FALSE;
}

/* A page republished after an update often keeps its first datePublished in the metadata
 * while its header shows readers the day of the update ("20. März 2021 - 15:00 Uhr" by the
 * headline, "Updated ... March 14, 2021", "Stand: 07.11.2023"): the day the page states is
 * the one it shows.  Taken only when two independent records agree on it: the first date of
 * the article's header (among the candidates after @from) is later than the publication that
 * machine-readable markup gives (@chosen, read as @date), and another record of the page's
 * metadata names that very day: its dateModified, a bare <meta name="date">, or another
 * publication field (JSON-LD and article:published_time that disagree: the header breaks
 * the tie).  A header that shows the published day, an earlier one (a scheduled post
 * written before it appeared) or a later day that no other record confirms (a list of other
 * posts, an edition's date) leaves the markup's choice, and so does a header that shows the
 * published day beside the update's (header_shows_day).  Returns the candidate to take,
 * @date read from it. */
static Candidate *
header_shows_update (HtmlDates *dates, guint from, const char *language, Candidate *chosen, NfDate *date)
{
  int records[6];
  guint n_records = 0;
  for (guint i = 0; i < dates->candidates->len && n_records < G_N_ELEMENTS (records); i++)
    {
      Candidate *c = &g_array_index (dates->candidates, Candidate, i);
      NfDate d;
      if (c != chosen && c->order == 0 && c->score >= 0
          && (!strcmp (c->source, "modified") || !strcmp (c->source, "meta") || !strcmp (c->source, "json-ld"))
          && read_candidate (c, language, &d))
        records[n_records++] = day_key (&d);
    }
  if (n_records == 0)
    return chosen;
  for (guint i = from; i < dates->candidates->len; i++)
    {
      Candidate *c = &g_array_index (dates->candidates, Candidate, i);
      if (c->score < 36)
        break;
      if (c->order == 0 || !in_header (dates, c->order)
          || (strcmp (c->source, "text") && strcmp (c->source, "time") && strcmp (c->source, "itemprop")))
        continue;
      NfDate d;
      if (!read_candidate (c, language, &d))
        continue;
      if (day_key (&d) > day_key (date))
        for (guint m = 0; m < n_records; m++)
          if (records[m] == day_key (&d))
            {
              if (header_shows_day (dates, from, language, day_key (date)))
                return chosen;
              *date = d;
              return c;
            }
      break;
    }
  return chosen;
}

/* The one time zone where a language's pages are written, or NULL: a language spoken in
 * one zone (German, Japanese), or in several zones of one offset (French in France, Belgium,
 * Switzerland), or a language with its region ("en-GB", "es-ES", "pt-PT").  A region elsewhere
 * ("fr-CA", "de-US") or a language of many zones (English, Spanish, Russian) has none. */
static const char *
home_zone (const char *language)
{
  static const struct { const char *language, *regions, *zone; } homes[] = {
    { "de", "DE AT CH LI LU IT BE", "Europe/Berlin" }, { "fr", "FR BE CH LU MC", "Europe/Paris" },
    { "it", "IT CH SM VA", "Europe/Rome" }, { "nl", "NL BE", "Europe/Amsterdam" }, { "pl", "PL", "Europe/Warsaw" },
    { "cs", "CZ", "Europe/Prague" }, { "sk", "SK", "Europe/Bratislava" }, { "hu", "HU", "Europe/Budapest" },
    { "sl", "SI", "Europe/Ljubljana" }, { "hr", "HR BA", "Europe/Zagreb" }, { "da", "DK", "Europe/Copenhagen" },
    { "sv", "SE", "Europe/Stockholm" }, { "nb", "NO", "Europe/Oslo" }, { "nn", "NO", "Europe/Oslo" },
    { "no", "NO", "Europe/Oslo" }, { "fi", "FI", "Europe/Helsinki" }, { "et", "EE", "Europe/Tallinn" },
    { "lv", "LV", "Europe/Riga" }, { "lt", "LT", "Europe/Vilnius" }, { "el", "GR CY", "Europe/Athens" },
    { "ro", "RO MD", "Europe/Bucharest" }, { "bg", "BG", "Europe/Sofia" }, { "tr", "TR CY", "Europe/Istanbul" },
    { "ja", "JP", "Asia/Tokyo" }, { "ko", "KR", "Asia/Seoul" }, { "zh", "CN TW HK MO SG", "Asia/Shanghai" },
    { "en", "GB IE", NULL }, { "es", "ES", "Europe/Madrid" }, { "pt", "PT", "Europe/Lisbon" },
    /* Languages of one country and zone (Indonesian of Jakarta's, where most of its news is
     * written; Russian of Moscow's), in the page's day when metadata gives UTC. */
    { "ru", "RU", "Europe/Moscow" }, { "uk", "UA", "Europe/Kiev" }, { "be", "BY", "Europe/Minsk" },
    { "id", "ID", "Asia/Jakarta" }, { "ms", "MY", "Asia/Kuala_Lumpur" }, { "th", "TH", "Asia/Bangkok" },
    { "vi", "VN", "Asia/Ho_Chi_Minh" }, { "hi", "IN", "Asia/Kolkata" }, { "bn", "BD", "Asia/Dhaka" },
    { "he", "IL", "Asia/Jerusalem" }, { "fa", "IR", "Asia/Tehran" }, { "ka", "GE", "Asia/Tbilisi" },
    { "hy", "AM", "Asia/Yerevan" }, { "az", "AZ", "Asia/Baku" }, { "sr", "RS BA ME", "Europe/Belgrade" },
    { "bs", "BA", "Europe/Sarajevo" }, { "mk", "MK", "Europe/Skopje" }, { "sq", "AL XK", "Europe/Tirane" },
    { "ca", "ES AD", "Europe/Madrid" },
  };
  if (language == NULL)
    return NULL;
  gsize n = 0;
  while (g_ascii_isalpha (language[n]))
    n++;
  const char *region = language[n] == '-' || language[n] == '_' ? language + n + 1 : NULL;
  if (region && (strlen (region) != 2 || !g_ascii_isalpha (region[0]) || !g_ascii_isalpha (region[1])))
    region = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      if (strlen (homes[i].language) != n || g_ascii_strncasecmp (language, homes[i].language, n) != 0)
        continue;
      if (region == NULL)
        {
          /* English, Spanish and Portuguese are written in many zones: only with a region. */
          if (!strcmp (homes[i].language, "en") || !strcmp (homes[i].language, "es") || !strcmp (homes[i].language, "pt"))
            return NULL;
          return homes[i].zone;
        }
      char upper[3] = { g_ascii_toupper (region[0]), g_ascii_toupper (region[1]), '\0' };
      if (!strstr (homes[i].regions, upper))
        return NULL;
      if (!strcmp (homes[i].language, "en"))
        return !strcmp (upper, "GB") ? "Europe/London" : "Europe/Dublin";
      return homes[i].zone;
    }
  return NULL;
}

/* An instant in UTC (@utc) whose day is another in the zone where the page's language is
 * written: "2022-11-06T23:00:00Z" on a German page is midnight of the 7th in Berlin, the day
 * the publisher meant (a day stored as local midnight and written out in UTC), and a story
 * posted at half past midnight there is the next day's.  @local gets the same instant in
 * that zone's offset. */
static void
home_day (const char *language, const NfDate *utc, NfDate *local)
{
  const char *name = home_zone (language);
  if (name == NULL)
    return;
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier (name);
  g_autoptr (GDateTime) instant = zone ? nf_date_to_utc (utc) : NULL;
  g_autoptr (GDateTime) there = instant ? g_date_time_to_timezone (instant, zone) : NULL;
  if (there == NULL || g_date_time_get_day_of_month (there) == utc->day)
    return;
  *local = *utc;
  local->year = g_date_time_get_year (there);
  local->month = g_date_time_get_month (there);
  local->day = g_date_time_get_day_of_month (there);
  local->hour = g_date_time_get_hour (there);
  local->minute = g_date_time_get_minute (there);
  local->offset = (int) (g_date_time_get_utc_offset (there) / G_TIME_SPAN_SECOND);
}

/* Reads a number of 1 to @max digits at *@p, moving past it; -1 when there is none. */
static int
read_number (const char **p, guint max)
{
  int value = 0;
  guint n = 0;
  while (g_ascii_isdigit (**p) && n <= max)
    value = value * 10 + (*(*p)++ - '0'), n++;
  return n >= 1 && n <= max ? value : -1;
}

/* The next numeric day in @text from *@p on, written with one of @signs between its parts
 * ("25/12/2020", "7-6-20"): its first and second numbers and its year (two digits as
 * written: 20 for "20"); FALSE when there is none.  *@p is left after it. */
static gboolean
next_numeric_day (const char **p, const char *text, const char *signs, int *first, int *second, int *year)
{
  for (; **p; (*p)++)
    {
      const char *d = *p;
      if (!g_ascii_isdigit (*d) || (d > text && g_ascii_isdigit (d[-1])))
        continue;
      const char *q = d;
      int a = read_number (&q, 2);
      char sign = *q;
      if (a < 1 || sign == '\0' || !strchr (signs, sign))
        continue;
      q++;
      int b = read_number (&q, 2);
      if (b < 1 || *q != sign)
        continue;
      q++;
      const char *start = q;
      int y = read_number (&q, 4);
      if (y < 0 || (q - start != 2 && q - start != 4))
        continue;
      *first = a, *second = b, *year = y;
      *p = q;
      return TRUE;
    }
  return FALSE;
}

/* How @text writes a numeric day with slashes or dashes, when it tells: +1 day first
 * ("25/12/2020"), -1 month first ("12/25/2020"), 0 when every such day reads both ways. */
static int
numeric_order (const char *text)
{
  int order = 0, a, b, y;
  for (const char *p = text; next_numeric_day (&p, text, "/-", &a, &b, &y);)
    {
      if (a > 12 && a <= 31 && b <= 12)
        order |= 1;
      else if (b > 12 && b <= 31 && a <= 12)
        order |= 2;
    }
  return order == 1 ? 1 : order == 2 ? -1 : 0;
}

/* The language to read the page's numeric days in.  English without a region reads 6/7/2020
 * month first (nf_date_find); a page that writes its days "25/12/2020" elsewhere (in any
 * date it shows: its own or a teaser's, the site's one convention) is read day first. */
/* Whether @url's host is under the country domain of a land that writes English days first
 * (".co.uk", ".com.au", ".in", ".ng" ...). */
static gboolean
day_first_english_host (const char *url)
{
  static const char *const countries[] = { "uk", "au", "in", "ie", "nz", "za", "ng", "pk", "sg", "my", "ke", "gh",
                                            "lk", "bd", "hk", "mt", "cy", "jm", "tt", "zw", "ug", "tz", "zm", "bw",
                                            "na", "np", NULL };
  const char *host = url ? strstr (url, "://") : NULL;
  if (host == NULL)
    return FALSE;
  host += 3;
  gsize n = strcspn (host, "/:?#");
  while (n > 0 && host[n - 1] == '.')
    n--;
  if (n < 4 || host[n - 3] != '.')
    return FALSE;
  for (const char *const *c = countries; *c; c++)
    if (g_ascii_strncasecmp (host + n - 2, *c, 2) == 0)
      return TRUE;
  return FALSE;
}

/* The year and month that @url's path gives as segments ("/2020/07/", "/2020/7/slug"), or
 * FALSE. */
static gboolean
url_year_month (const char *url, int *year, int *month)
{
  const char *path = url_path (url);
  for (const char *p = path; p && (p = strchr (p, '/')); p++)
    {
      const char *q = p + 1;
      int y = read_number (&q, 4);
      if (q - p != 5 || *q != '/' || y < 1995 || y > 2100)
        continue;
      q++;
      const char *start = q;
      int m = read_number (&q, 2);
      if (m >= 1 && m <= 12 && *q == '/' && q > start)
        {
          *year = y, *month = m;
          return TRUE;
        }
    }
  return FALSE;
}

/* How @text writes a numeric day of @year's @month (from the page's URL): +1 day first
 * ("06/07/2020" under /2020/07/), -1 month first ("07/06/2020" there), 0 when no such day
 * tells. */
static int
numeric_order_in_month (const char *text, int year, int month)
{
  int order = 0, a, b, y;
  for (const char *p = text; next_numeric_day (&p, text, "/-.", &a, &b, &y);)
    {
      if (y < 100)
        y += 2000;
      if (y != year || a == b || a > 12 || b > 12)
        continue;
      if (b == month)
        order |= 1;
      else if (a == month)
        order |= 2;
    }
  return order == 1 ? 1 : order == 2 ? -1 : 0;
}

static const char *
page_date_language (HtmlDates *dates, const char *language, const char *url)
{
  if (language == NULL || g_ascii_strcasecmp (language, "en") != 0)
    return language;
  int order = 0;
  for (guint i = 0; i < dates->candidates->len; i++)
    {
      const Candidate *c = &g_array_index (dates->candidates, Candidate, i);
      if (!c->in_text || !strcmp (c->source, "url"))
        continue;
      int o = numeric_order (c->value);
      if (o && order && o != order)
        return language; /* both ways on one page: no convention */
      if (o)
        order = o;
    }
  /* Without a day that tells, the month in the URL's path ("/2020/07/" over "06/07/2020"
   * in the article's header), then the country of the site's domain. */
  int year, month;
  if (order == 0 && url_year_month (url, &year, &month))
    for (guint i = 0; i < dates->candidates->len; i++)
      {
        const Candidate *c = &g_array_index (dates->candidates, Candidate, i);
        if (!c->in_text || !strcmp (c->source, "url") || c->link)
          continue;
        int o = numeric_order_in_month (c->value, year, month);
        if (o && order && o != order)
          return language;
        if (o)
          order = o;
      }
  return order > 0 || (order == 0 && day_first_english_host (url)) ? "en-GB" : language;
}

/* A page that shows its date only through its scripts (an application that renders the
 * article: '"datePublished":"2020-06-07T15:06:00Z"', '"publishedAt":1591542360' in its
 * state), when nothing else on the page dates it: the first such field of its scripts. */
static void
script_dates (HtmlDates *dates)
{
  static const char *const keys[] = { "\"datePublished\"", "\"publishDate\"", "\"publishedDate\"",
                                      "\"publish_date\"", "\"published_at\"", "\"publishedAt\"",
                                      "\"pubDate\"", "\"firstPublished\"", "\"first_published_at\"", NULL };
  for (guint i = 0; i < dates->n_scripts; i++)
    {
      const char *content = (const char *) dates->scripts[i]->children->content;
      for (const char *const *k = keys; *k; k++)
        {
          const char *at = strstr (content, *k);
          if (at == NULL)
            continue;
          const char *v = at + strlen (*k);
          while (*v == ' ')
            v++;
          if (*v++ != ':')
            continue;
          while (*v == ' ')
            v++;
          gboolean quoted = *v == '"';
          v += quoted;
          gsize n = quoted ? strcspn (v, "\"\\") : strspn (v, "0123456789");
          if (n < 8 || n > 40)
            continue;
          g_autofree char *text = g_strndup (v, n);
          add (dates, text, 39, 0, FALSE, "script");
          return;
        }
    }
}

/* The day the chosen candidate @c's own element shows (its "shown" text), for @utc read
 * from its value: that day, the day before or the one after, sets @local; any other leaves
 * the choice to the rest of the page.  Returns whether the element decided. */
static gboolean
shown_day (const Candidate *c, const char *language, const NfDate *utc, NfDate *local)
{
  NfDate d;
  if (c->shown == NULL || !nf_date_find (c->shown, -1, language, &d, NULL, NULL))
    return FALSE;
  if (day_key (&d) == day_key (utc))
    return TRUE; /* the page shows UTC's own day: no zone of its language moves it */
  return local_from_shown (utc, &d, local);
}

gboolean
html_dates_choose (HtmlDates *dates, const char *language, const char *url, NfDate *date, NfDate *local,
                   char **value, const char **source)
{
  int best = -1;
  for (guint i = 0; i < dates->candidates->len; i++)
    best = MAX (best, g_array_index (dates->candidates, Candidate, i).score);
  if (best < 45)
    script_dates (dates);
  if (url)
    {
      /* Only the path: hosts and queries carry numbers that are not dates. */
      const char *path = strstr (url, "://");
      path = path ? strchr (path + 3, '/') : url;
      if (path)
        {
          g_autofree char *clean = g_strdup (path);
          char *query = strpbrk (clean, "?#");
          if (query)
            *query = '\0';
          /* A whole day in the path ("/2017/06/07/") is the publisher's own record of the
           * day: above dates in free text (a list of other posts' days), below markup. */
          NfDate day;
          char buffer[32];
          const char *compact;
          if (nf_date_find (clean, -1, NULL, &day, NULL, NULL))
            add (dates, clean, url_has_day (clean) ? 53 : 40, 0, TRUE, "url");
          else if ((compact = url_compact_day (clean, buffer)))
            add (dates, compact, 40, 0, TRUE, "url");
        }
    }
  language = page_date_language (dates, language, url);
  const char *page_path = url_path (url);
  for (guint i = 0; i < dates->candidates->len; i++)
    {
      Candidate *c = &g_array_index (dates->candidates, Candidate, i);
      if (c->link && !(page_path && same_path (url_path (c->link), page_path)))
        c->score = G_MININT / 2;
    }
  g_array_sort (dates->candidates, by_score);
  for (guint i = 0; i < dates->candidates->len; i++)
    {
      Candidate *c = &g_array_index (dates->candidates, Candidate, i);
      if (c->score < 0)
        break;
      if (read_candidate (c, language, date))
        {
          if (c->bare)
            c = header_day_before (dates, i + 1, language, c, date);
          /* Metadata, or a machine-readable value in the markup ("<time itemprop=datePublished
           * datetime=...>" hidden from readers). */
          else if ((c->order == 0 && strcmp (c->source, "url")) || (!c->in_text && strcmp (c->source, "modified")))
            c = header_shows_update (dates, i + 1, language, c, date);
          *value = g_strdup (c->value);
          *source = c->source;
          *local = *date;
          /* An instant in UTC: the day its own element shows, else the page's other dates. */
          if (date->has_time && date->has_offset && date->offset == 0 && !shown_day (c, language, date, local))
            {
              local_day (dates, i + 1, language, date, local);
              if (local->day == date->day && local->month == date->month && local->year == date->year)
                home_day (language, date, local);
            }
          return TRUE;
        }
    }
  return FALSE;
}
