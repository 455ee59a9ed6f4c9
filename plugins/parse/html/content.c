/* content.c: finds the article body of a page and returns it as clean paragraphs.
 *
 * The signals are those of Readability and its descendants: every block's own text scores
 * its ancestors (length, commas), scores are discounted by link density, the best-scoring
 * element and its plausible siblings are the article, unless schema markup
 * (itemprop=articleBody) or well-known body classes point to a better container.  Inside it,
 * navigation, share bars, related lists, captions, forms and link-heavy blocks are dropped.
 * When that leaves too little, a second pass keeps what the class/id hints removed, and the
 * JSON-LD articleBody is the last resort.  Every walk is iterative: pages nest 100,000 deep. */
#include <stdlib.h>
#include <string.h>

#include <newsflow/date.h>
#include <newsflow/safe.h>
#include <newsflow/text.h>

#include "html-private.h"

/* ---- tags ---- */

enum {
  T_OTHER = 0, T_A, T_ADDRESS, T_ARTICLE, T_ASIDE, T_BLOCKQUOTE, T_BODY, T_BR, T_CAPTION,
  T_DD, T_DETAILS, T_DIV, T_DL, T_DT, T_FIELDSET, T_FIGCAPTION, T_FIGURE, T_FOOTER, T_FORM,
  T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_HEADER, T_HR, T_HTML, T_LI, T_MAIN, T_NAV, T_OL,
  T_P, T_PRE, T_SECTION, T_SUMMARY, T_TABLE, T_TBODY, T_TD, T_TH, T_THEAD, T_TR, T_UL,
  T_CENTER, T_TFOOT, T_NOSCRIPT, T_CODE, T_JUNK
};

/* K_SOFT: junk that libxml2's error recovery (it predates HTML5 parsing rules) can wrap around
 * the rest of the page, e.g. a <button> holding a <div>: removed only when it holds no block. */
enum { K_BLOCK = 1 << 0, K_HEADING = 1 << 1, K_CONTAINER = 1 << 2, K_LIST = 1 << 3, K_SOFT = 1 << 4 };

typedef struct {
  const char *name;
  guint8 tag;
  guint8 kind;
} TagInfo;

/* Sorted by name for bsearch. */
static const TagInfo tag_table[] = {
  { "a", T_A, 0 },
  { "address", T_ADDRESS, K_BLOCK },
  { "applet", T_JUNK, 0 },
  { "article", T_ARTICLE, K_BLOCK | K_CONTAINER },
  { "aside", T_ASIDE, K_BLOCK | K_CONTAINER },
  { "audio", T_JUNK, K_SOFT },
  { "blockquote", T_BLOCKQUOTE, K_BLOCK | K_CONTAINER },
  { "body", T_BODY, K_BLOCK | K_CONTAINER },
  { "br", T_BR, 0 },
  { "button", T_JUNK, K_SOFT },
  { "canvas", T_JUNK, K_SOFT },
  { "caption", T_CAPTION, K_BLOCK },
  { "center", T_CENTER, K_BLOCK | K_CONTAINER },
  { "code", T_CODE, 0 },
  { "datalist", T_JUNK, 0 },
  { "dd", T_DD, K_BLOCK },
  { "details", T_DETAILS, K_BLOCK | K_CONTAINER },
  { "dialog", T_JUNK, K_SOFT },
  { "div", T_DIV, K_BLOCK | K_CONTAINER },
  { "dl", T_DL, K_BLOCK | K_CONTAINER | K_LIST },
  { "dt", T_DT, K_BLOCK },
  { "embed", T_JUNK, 0 },
  { "fieldset", T_FIELDSET, K_BLOCK | K_CONTAINER },
  { "figcaption", T_FIGCAPTION, K_BLOCK },
  { "figure", T_FIGURE, K_BLOCK | K_CONTAINER },
  { "footer", T_FOOTER, K_BLOCK | K_CONTAINER },
  { "form", T_FORM, K_BLOCK | K_CONTAINER },
  { "frame", T_JUNK, 0 },
  { "frameset", T_JUNK, 0 },
  { "h1", T_H1, K_BLOCK | K_HEADING },
  { "h2", T_H2, K_BLOCK | K_HEADING },
  { "h3", T_H3, K_BLOCK | K_HEADING },
  { "h4", T_H4, K_BLOCK | K_HEADING },
  { "h5", T_H5, K_BLOCK | K_HEADING },
  { "h6", T_H6, K_BLOCK | K_HEADING },
  { "head", T_JUNK, 0 },
  { "header", T_HEADER, K_BLOCK | K_CONTAINER },
  { "hr", T_HR, K_BLOCK },
  { "html", T_HTML, K_BLOCK | K_CONTAINER },
  { "iframe", T_JUNK, K_SOFT },
  { "input", T_JUNK, 0 },
  { "li", T_LI, K_BLOCK },
  { "link", T_JUNK, 0 },
  { "main", T_MAIN, K_BLOCK | K_CONTAINER },
  { "map", T_JUNK, K_SOFT },
  { "math", T_JUNK, K_SOFT },
  { "menu", T_NAV, K_BLOCK | K_CONTAINER },
  { "meta", T_JUNK, 0 },
  { "meter", T_JUNK, 0 },
  { "nav", T_NAV, K_BLOCK | K_CONTAINER },
  { "noscript", T_NOSCRIPT, K_SOFT },
  { "object", T_JUNK, K_SOFT },
  { "ol", T_OL, K_BLOCK | K_CONTAINER | K_LIST },
  { "optgroup", T_JUNK, 0 },
  { "option", T_JUNK, 0 },
  { "output", T_JUNK, 0 },
  { "p", T_P, K_BLOCK },
  { "picture", T_JUNK, K_SOFT },
  { "pre", T_PRE, K_BLOCK },
  { "progress", T_JUNK, 0 },
  { "script", T_JUNK, 0 },
  { "section", T_SECTION, K_BLOCK | K_CONTAINER },
  { "select", T_JUNK, K_SOFT },
  { "source", T_JUNK, 0 },
  { "style", T_JUNK, 0 },
  { "summary", T_SUMMARY, K_BLOCK },
  { "svg", T_JUNK, K_SOFT },
  { "table", T_TABLE, K_BLOCK | K_CONTAINER },
  { "tbody", T_TBODY, K_BLOCK | K_CONTAINER },
  { "td", T_TD, K_BLOCK },
  { "template", T_JUNK, 0 },
  { "textarea", T_JUNK, K_SOFT },
  { "tfoot", T_TFOOT, K_BLOCK | K_CONTAINER },
  { "th", T_TH, K_BLOCK },
  { "thead", T_THEAD, K_BLOCK | K_CONTAINER },
  { "title", T_JUNK, 0 },
  { "tr", T_TR, K_BLOCK | K_CONTAINER },
  { "ul", T_UL, K_BLOCK | K_CONTAINER | K_LIST },
  { "video", T_JUNK, K_SOFT },
};

/* libxml2's HTML parser gives element names in lower case, as copies of their own (its
 * SAX1 path does not intern them in the document's dictionary), so a name is looked up by
 * its text: among the few tags of its first letter, the table being sorted by name. */
static const TagInfo *
lookup_tag (const xmlChar *name)
{
  static const TagInfo other = { "", T_OTHER, 0 };
  /* [first letter - 'a'] -> the range of tag_table that starts with it, built once. */
  static struct { guint8 start, end; } groups[26];
  static gsize groups_ready = 0;
  if (g_once_init_enter (&groups_ready))
    {
      for (guint i = G_N_ELEMENTS (tag_table); i-- > 0;)
        {
          guint g = (guchar) tag_table[i].name[0] - 'a';
          if (groups[g].end == 0)
            groups[g].end = i + 1;
          groups[g].start = i;
        }
      g_once_init_leave (&groups_ready, 1);
    }
  guint g = (guint) name[0] - 'a';
  if (g >= 26)
    return &other;
  for (guint i = groups[g].start; i < groups[g].end; i++)
    {
      /* strcmp without the call: tag names are a few bytes. */
      const char *a = (const char *) name + 1, *b = tag_table[i].name + 1;
      while (*a && *a == *b)
        a++, b++;
      if (*a == *b)
        return &tag_table[i];
    }
  return &other;
}

/* ---- class and id hints ---- */

enum {
  H_POSITIVE = 1 << 0, /* article, content, entry, post body... */
  H_UNLIKELY = 1 << 1, /* Readability's "unlikely candidates": sidebar, footer, menu... */
  H_JUNK     = 1 << 2, /* boilerplate whatever else it says: share, related, newsletter... */
  H_BODY     = 1 << 3, /* a well-known article-body container */
  H_ARTICLE_BODY = 1 << 4, /* itemprop="articleBody" */
  H_HIDDEN   = 1 << 5, /* hidden, aria-hidden, display:none */
  H_NOSCRIPT = 1 << 6, /* <noscript>: what a page shows without scripts, a fallback */
  H_CODE     = 1 << 7, /* <pre>, <code> and the inline elements inside them */
};

/* Substrings of a lower-cased class or id. */
static const char *const positive_words[] = {
  "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story",
  "prose", "column", NULL
};
static const char *const unlikely_words[] = {
  "-ad-", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus",
  "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies",
  "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break",
  "agegate", "pagination", "pager", "popup", "yom-remote", "masthead", "navbar", "navigation",
  NULL
};
static const char *const junk_words[] = {
  "share", "sharing", "social", "newsletter", "subscribe", "subscription", "signup", "sign-up",
  "related", "recommend", "read-more", "readmore", "more-stories", "most-popular", "mostpopular",
  "trending", "cookie", "consent", "advert", "sponsor", "promo", "breadcrumb", "byline",
  "about-author", "caption", "credit", "disqus",
  "comment", "outbrain", "taboola", "popup", "modal", "toolbar", "print-", "tags", "tag-list",
  "taglist", "pagination", "sr-only", "visually-hidden", "screen-reader", "skip-link",
  "newsfeed", "dateline", "timestamp", "post-meta", "entry-meta",
  "article-meta", "meta-info", "footnote-ref", "navbar", "navigation", "nav-menu", "main-nav", "site-nav", "subnav",
  "nav-links", "topnav", "sidenav", "menu", "sidebar", "banner",
  "donate", "paywall", "login", "rating", "wp-block-buttons", "ad-container",
  "ad-slot", "adslot", "ad-wrapper", "adsbygoogle", "dfp", "gpt-ad", "inline-ad",
  "w-form", "form-done", "form-fail", "form-success", "form-error", "cta", "call-to-action",
  "references", "ref-list", "bibliography", "footnotes", "disclaimer", "disclosure",
  /* Any class that starts with "author": the author's box, card, bio or byline. */
  "author", "saboxplugin",
  /* Embedded posts of social networks: someone else's words, quoted by the embed. */
  "twitter-tweet", "instagram-media", "tiktok-embed", "reddit-embed", "bluesky-embed",
  "threads-embed", NULL
};
static const char *const junk_tokens[] = {
  "ad", "ads", "meta", "nav", "share", "tags", "date", "author", "hidden", "is-hidden", "d-none", "hide", NULL
};
static const char *const body_words[] = {
  "article-body", "article--body", "articlebody", "article-content", "article--content",
  "articlecontent", "article-text", "article--text", "story-body", "storybody", "story-content",
  "story-text", "post-content", "post--content", "postcontent", "post-body", "post-text",
  "entry-content", "entrycontent", "entry-body", "body-text", "bodytext", "content-body",
  "rich-text", "richtext", "single-content", "blog-content", "blogpost-content", "field-body",
  "field--name-body", "main-text", "article-main", "news-content", "news-body", "news-text",
  "text-content", "page-content", "td-post-content", "c-entry-content", "body-copy",
  "articletext", NULL
};

static gboolean
has_any_token (const char *list, const char *const *tokens)
{
  const char *p = list;
  while (*p)
    {
      while (*p == ' ')
        p++;
      const char *start = p;
      while (*p && *p != ' ')
        p++;
      gsize n = p - start;
      /* The first byte first: most tokens of a class list open none of @tokens. */
      for (const char *const *t = tokens; *t; t++)
        if ((*t)[0] == start[0] && strlen (*t) == n && memcmp (*t, start, n) == 0)
          return TRUE;
    }
  return FALSE;
}

/* The needles of a list by their first byte, so that a position of a class string is
 * compared with the few needles that can start there, not with all of them.  Built once. */
typedef struct {
  const char *const *list;
  guint8 start[257];   /* needles[start[b] .. start[b + 1]) open with byte b */
  guint8 count;
  const char *needles[128];
  guint8 lengths[128];
} NeedleIndex;

static void
needle_index_build (NeedleIndex *index, const char *const *list)
{
  guint n = 0;
  while (list[n])
    n++;
  g_assert (n < G_N_ELEMENTS (index->needles));
  index->list = list;
  index->count = (guint8) n;
  /* A counting sort by first byte, keeping the list's order within a byte. */
  guint counts[256] = { 0 };
  for (guint i = 0; i < n; i++)
    counts[(guchar) list[i][0]]++;
  guint at = 0;
  for (guint b = 0; b < 256; b++)
    {
      index->start[b] = (guint8) at;
      at += counts[b];
    }
  index->start[256] = (guint8) at;
  guint filled[256] = { 0 };
  for (guint i = 0; i < n; i++)
    {
      guchar b = (guchar) list[i][0];
      guint slot = index->start[b] + filled[b]++;
      index->needles[slot] = list[i];
      index->lengths[slot] = (guint8) strlen (list[i]);
    }
}

/* Whether a needle of @index starts at @at. */
static inline gboolean
needle_at (const NeedleIndex *index, const char *at)
{
  guchar b = (guchar) *at;
  for (guint i = index->start[b]; i < index->start[b + 1]; i++)
    {
      const char *needle = index->needles[i];
      guint k = 1;
      while (k < index->lengths[i] && at[k] == needle[k])
        k++;
      if (k == index->lengths[i])
        return TRUE;
    }
  return FALSE;
}

enum { INDEX_POSITIVE, INDEX_BODY, INDEX_UNLIKELY, INDEX_JUNK, N_INDEXES };

/* The first two bytes of every needle of every list, one bit per pair: most positions of
 * a class string start no needle, and one bit says so.  Built with the indexes. */
static guint64 needle_pairs[65536 / 64];
/* The same a list: a position is compared with a list's needles only when one of them opens
 * with its two bytes. */
static guint64 index_pairs[N_INDEXES][65536 / 64];

static inline gboolean
may_start_needle (const char *at)
{
  guint pair = (guint) (guchar) at[0] << 8 | (guchar) at[1];
  return (needle_pairs[pair / 64] >> (pair % 64)) & 1;
}

/* Whether a needle of list @index may start at @at (by its first two bytes). */
static inline gboolean
may_start_in (guint index, const char *at)
{
  guint pair = (guint) (guchar) at[0] << 8 | (guchar) at[1];
  return (index_pairs[index][pair / 64] >> (pair % 64)) & 1;
}

static const NeedleIndex *
needle_indexes (void)
{
  static NeedleIndex indexes[N_INDEXES];
  static gsize ready = 0;
  if (g_once_init_enter (&ready))
    {
      needle_index_build (&indexes[INDEX_POSITIVE], positive_words);
      needle_index_build (&indexes[INDEX_BODY], body_words);
      needle_index_build (&indexes[INDEX_UNLIKELY], unlikely_words);
      needle_index_build (&indexes[INDEX_JUNK], junk_words);
      for (guint i = 0; i < N_INDEXES; i++)
        for (guint k = 0; k < indexes[i].count; k++)
          {
            const char *needle = indexes[i].needles[k];
            g_assert (indexes[i].lengths[k] >= 2); /* a pair per needle */
            guint pair = (guint) (guchar) needle[0] << 8 | (guchar) needle[1];
            needle_pairs[pair / 64] |= G_GUINT64_CONSTANT (1) << (pair % 64);
            index_pairs[i][pair / 64] |= G_GUINT64_CONSTANT (1) << (pair % 64);
          }
      g_once_init_leave (&ready, 1);
    }
  return indexes;
}

/* The hints of each " class id" string of a page: pages repeat the same few hundred classes
 * over thousands of elements.  Open addressing, each string hashed once (a lookup that
 * misses is followed by its insert), eight bytes at a time. */
typedef struct {
  char   *key;
  guint64 hash;
  guint8  hints;
} HintSlot;

typedef struct {
  HintSlot *slots;
  gsize     mask;  /* slots - 1, a power of two less one */
  gsize     used;
} HintCache;

static void
hint_cache_init (HintCache *cache)
{
  cache->mask = 255;
  cache->used = 0;
  cache->slots = g_new0 (HintSlot, cache->mask + 1);
}

static void
hint_cache_clear (HintCache *cache)
{
  for (gsize i = 0; i <= cache->mask; i++)
    g_free (cache->slots[i].key);
  g_free (cache->slots);
}

static guint64
hint_hash (const char *s, gsize n)
{
  guint64 h = 0x9E3779B97F4A7C15u ^ n;
  gsize i = 0;
  for (; i + 8 <= n; i += 8)
    {
      guint64 w;
      memcpy (&w, s + i, 8);
      h = (h ^ w) * 0xFF51AFD7ED558CCDu;
      h ^= h >> 32;
    }
  guint64 w = 0;
  memcpy (&w, s + i, n - i);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
  return h ^ (h >> 29);
}

/* The slot of @s (@n bytes, hashed @hash): where it is, or the empty one where it goes. */
static HintSlot *
hint_slot (HintCache *cache, const char *s, gsize n, guint64 hash)
{
  for (gsize i = hash & cache->mask;; i = (i + 1) & cache->mask)
    {
      HintSlot *slot = &cache->slots[i];
      if (slot->key == NULL || (slot->hash == hash && strncmp (slot->key, s, n) == 0 && slot->key[n] == '\0'))
        return slot;
    }
}

static void
hint_cache_add (HintCache *cache, HintSlot *slot, const char *s, gsize n, guint64 hash, guint8 hints)
{
  slot->key = g_strndup (s, n);
  slot->hash = hash;
  slot->hints = hints;
  if (++cache->used * 2 <= cache->mask + 1)
    return;
  /* Half full: twice the slots. */
  HintSlot *old = cache->slots;
  gsize old_size = cache->mask + 1;
  cache->mask = old_size * 2 - 1;
  cache->slots = g_new0 (HintSlot, old_size * 2);
  for (gsize i = 0; i < old_size; i++)
    if (old[i].key)
      {
        gsize j = old[i].hash & cache->mask;
        while (cache->slots[j].key)
          j = (j + 1) & cache->mask;
        cache->slots[j] = old[i];
      }
  g_free (old);
}

/* The hints of a lower-cased " class id" string (NUL-terminated). */
static guint8
words_hints (const char *s)
{
  const NeedleIndex *indexes = needle_indexes ();
  guint8 hints = 0;
  /* One pass over the string.  Positive and body words match anywhere ("maincontent");
   * unlikely and junk words at word starts ("menu" in "main-menu", not in "contextmenu"),
   * and the unlikely needles that start with "-" anywhere too ("-ad-"). */
  for (const char *at = s; *at; at++)
    {
      if (!may_start_needle (at))
        continue;
      if (!(hints & H_POSITIVE) && may_start_in (INDEX_POSITIVE, at) && needle_at (&indexes[INDEX_POSITIVE], at))
        hints |= H_POSITIVE;
      if (!(hints & H_BODY) && may_start_in (INDEX_BODY, at) && needle_at (&indexes[INDEX_BODY], at))
        hints |= H_BODY;
      gboolean word_start = *at != ' ' && (at == s || at[-1] == ' ' || at[-1] == '-' || at[-1] == '_');
      if (!(hints & H_UNLIKELY) && (word_start || *at == '-') && may_start_in (INDEX_UNLIKELY, at)
          && needle_at (&indexes[INDEX_UNLIKELY], at))
        hints |= H_UNLIKELY;
      if (!(hints & H_JUNK) && word_start && may_start_in (INDEX_JUNK, at) && needle_at (&indexes[INDEX_JUNK], at))
        hints |= H_JUNK;
    }
  if (!(hints & H_JUNK) && has_any_token (s, junk_tokens))
    hints |= H_JUNK;
  return hints;
}

/* The words of class and id values as words_hints reads them: lower case, white space as
 * spaces, "_" as "-", a "-" between the words of camelCase ("AffiliateModal",
 * "authorContainer"; not the case changes of a generated hash, "PFk9dDFp"), at most
 * @size - 1 bytes (long utility-class lists are cut: the words that matter come first).
 * @raw is the values as they are, each after a space: the rules look at neighbours within
 * a value only, and a space is no letter, so one pass over them all is a pass a value. */
static void
class_words (const char *raw, char *words, gsize size)
{
  gsize n = 0;
  for (const char *c = raw; *c && n < size - 1; c++)
    {
      if (g_ascii_isupper (*c) && c > raw + 1 && g_ascii_islower (c[-1]) && g_ascii_islower (c[-2])
          && g_ascii_islower (c[1]) && n < size - 2)
        words[n++] = '-';
      words[n++] = g_ascii_isspace (*c) ? ' ' : *c == '_' ? '-' : *c >= 'A' && *c <= 'Z' ? *c + ('a' - 'A') : *c;
    }
  words[n] = '\0';
}

/* The hints of the class and id values @raw (@n bytes, see class_words); this runs for
 * every element of every page, and pages repeat the same few hundred values over thousands
 * of elements: the values as they are are the key, so a repeat costs a hash and a compare. */
static guint8
raw_words_hints (const char *raw, gsize n, HintCache *cache)
{
  guint64 hash = hint_hash (raw, n);
  HintSlot *slot = hint_slot (cache, raw, n, hash);
  if (slot->key)
    return slot->hints;
  char words[512];
  class_words (raw, words, sizeof words);
  guint8 hints = words_hints (words);
  hint_cache_add (cache, slot, raw, n, hash, hints);
  return hints;
}

/* Whether an id is a section's heading made an anchor ("menu-innovation-strategies-for-
 * caterers", "toc_how-to-share-a-file"): words of the text, not the name of a part of the
 * page, so "menu" or "share" in it says nothing.  Five words at least, four of letters only
 * (not a generated "modal_2110a1e7-afbc-4454-a3d3-b691678ba1b8"). */
static gboolean
is_heading_slug (const char *id)
{
  guint parts = 0, words = 0;
  gsize length = 0;       /* of the current part */
  gboolean letters = TRUE; /* the current part is letters only */
  for (const char *c = id;; c++)
    {
      if (*c == '-' || *c == '_' || *c == '\0')
        {
          parts++;
          if (letters && length > 0)
            words++;
          letters = TRUE;
          length = 0;
          if (*c == '\0')
            break;
          continue;
        }
      length++;
      if (!g_ascii_isalpha (*c))
        letters = FALSE;
    }
  return parts >= 5 && words >= 4;
}

static guint8
class_hints (xmlNode *node, HintCache *cache)
{
  guint8 hints = 0;
  char raw[2048]; /* " class id" as the page writes them (class_words) */
  gsize n = 0;
  gboolean long_values = FALSE; /* more than raw holds: not cached */
  for (xmlAttr *attr = node->properties; attr; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      if (attr->children == NULL || attr->children->content == NULL)
        continue;
      /* Only "id", "class", "itemprop" and "role" count: the other names go by their first byte. */
      if (name[0] != 'i' && name[0] != 'c' && name[0] != 'r')
        continue;
      const char *value = (const char *) attr->children->content;
      if (strcmp (name, "id") == 0 && is_heading_slug (value))
        continue;
      if (strcmp (name, "class") == 0 || strcmp (name, "id") == 0)
        {
          gsize length = strlen (value);
          if (n + 1 + length < sizeof raw)
            {
              raw[n++] = ' ';
              memcpy (raw + n, value, length);
              n += length;
            }
          else
            long_values = TRUE, n = sizeof raw;
        }
      else if (strcmp (name, "itemprop") == 0)
        {
          if (strstr (value, "articleBody") || strstr (value, "reviewBody"))
            hints |= H_ARTICLE_BODY | H_POSITIVE;
          /* The byline's name, or the author's box with a bio under the article. */
          else if (strcmp (value, "author") == 0)
            hints |= H_JUNK;
        }
      else if (strcmp (name, "role") == 0)
        {
          if (!g_ascii_strcasecmp (value, "navigation") || !g_ascii_strcasecmp (value, "menu")
              || !g_ascii_strcasecmp (value, "menubar") || !g_ascii_strcasecmp (value, "complementary")
              || !g_ascii_strcasecmp (value, "dialog") || !g_ascii_strcasecmp (value, "alertdialog")
              || !g_ascii_strcasecmp (value, "alert") || !g_ascii_strcasecmp (value, "contentinfo"))
            hints |= H_UNLIKELY | H_JUNK;
        }
    }
  if (n == 0)
    return hints;
  if (!long_values)
    {
      raw[n] = '\0';
      return hints | raw_words_hints (raw, n, cache);
    }
  /* The rare element with kilobytes of classes: the values joined in a string of their own. */
  GString *all = g_string_new (NULL);
  for (xmlAttr *attr = node->properties; attr; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      if (attr->children == NULL || attr->children->content == NULL)
        continue;
      const char *value = (const char *) attr->children->content;
      if ((strcmp (name, "class") == 0 || strcmp (name, "id") == 0)
          && !(strcmp (name, "id") == 0 && is_heading_slug (value)))
        {
          g_string_append_c (all, ' ');
          g_string_append (all, value);
        }
    }
  char words[512];
  class_words (all->str, words, sizeof words);
  g_string_free (all, TRUE);
  return hints | words_hints (words);
}

/* hidden, aria-hidden="true", style="display:none" or "visibility:hidden". */
static gboolean
is_hidden (xmlNode *node)
{
  for (xmlAttr *attr = node->properties; attr; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      if (html_ascii_equal (name, "hidden"))
        return TRUE;
      if (attr->children == NULL || attr->children->content == NULL)
        continue;
      const char *value = (const char *) attr->children->content;
      if (html_ascii_equal (name, "aria-hidden") && html_ascii_equal (value, "true"))
        return TRUE;
      if (html_ascii_equal (name, "style") && strchr (value, ':'))
        {
          char squeezed[256];
          gsize n = 0;
          for (const char *c = value; *c && n < sizeof squeezed - 1; c++)
            if (!g_ascii_isspace (*c))
              squeezed[n++] = html_ascii_lower (*c);
          squeezed[n] = '\0';
          if (strstr (squeezed, "display:none") || strstr (squeezed, "visibility:hidden"))
            return TRUE;
        }
    }
  return FALSE;
}

/* ---- per-element statistics ---- */

static gboolean
is_ancestor (xmlNode *ancestor, xmlNode *node)
{
  for (xmlNode *n = node; n; n = n->parent)
    if (n == ancestor)
      return TRUE;
  return FALSE;
}

/* F_IN_CONTENT: below an element whose class or tag says content (article, main, "post-body"). */
enum { F_SKIP = 1 << 0, F_SCORED = 1 << 1, F_IN_CONTENT = 1 << 2 };

typedef struct {
  xmlNode *node;
  guint32  text;      /* characters of visible text in the subtree */
  guint32  links;     /* of which inside <a> */
  guint32  own;       /* characters of text whose nearest block is this element */
  guint32  own_links;
  guint32  commas;
  guint32  ptext;     /* characters in paragraph-like blocks of the subtree */
  guint32  full;      /* text when nothing is skipped (the first measure) */
  guint32  full_ptext;
  guint32  full_links;
  float    score;
  guint8   tag;
  guint8   kind;
  guint8   hints;
  guint8   flags;
  guint16  items;      /* element children with text */
  guint16  link_items; /* of which short and mostly link: a headline in a list of stories */
} Info;

typedef struct {
  GArray *infos;       /* Info, indexed by node->_private - 1 */
  const HtmlOptions *options;
  const HtmlMeta *meta;
  xmlNode *body;
  guint32 body_full;   /* the body's text when nothing is skipped */
  double other_text_weight; /* cost of non-paragraph text when widening the container */
  double max_link_density;
  double sibling_factor;
  GArray *texts;       /* TextCount of the text nodes measured, indexed by node->psvi - 1 */
  GString *dump;       /* the block dump of the body written last (options->block_dump) */
} Extractor;

/* A text node's count_text, kept from the first measure for the next ones (the page is
 * measured two or three times; its text does not change in between). */
typedef struct {
  xmlNode *node;
  guint32 chars, commas;
} TextCount;

static inline Info *
info_of (Extractor *ex, xmlNode *node)
{
  gsize i = GPOINTER_TO_SIZE (node->_private);
  return i ? &g_array_index (ex->infos, Info, i - 1) : NULL;
}

static inline double
link_density (const Info *info)
{
  return info->text ? (double) info->links / info->text : 0.0;
}

/* Whether the character at @p is white space or invisible (newsflow/text.h): not text. */
static inline gboolean
not_text (const unsigned char *p)
{
  gunichar c = g_utf8_get_char_validated ((const char *) p, -1);
  return nf_unichar_is_space (c) || nf_unichar_is_invisible (c);
}

/* Non-space characters and commas of a text node. */
static void
count_text (const char *text, guint32 *chars, guint32 *commas)
{
  guint32 n = 0, c = 0;
  const unsigned char *end = (const unsigned char *) text + strlen (text);
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      /* Eight ASCII bytes at a time (most of a page's text): the bytes above a space and the
       * commas among them, counted with the usual bit tricks; the rest byte by byte. */
      while (end - p >= 8)
        {
          guint64 w;
          memcpy (&w, p, 8);
          if (w & 0x8080808080808080u)
            break;
          guint64 visible = (w + 0x5F5F5F5F5F5F5F5Fu) & 0x8080808080808080u; /* byte > 0x20 */
          guint64 x = w ^ 0x2C2C2C2C2C2C2C2Cu;                               /* 0 for a comma */
          guint64 comma = ~(((x & 0x7F7F7F7F7F7F7F7Fu) + 0x7F7F7F7F7F7F7F7Fu) | x | 0x7F7F7F7F7F7F7F7Fu);
          n += (guint32) (((visible >> 7) * 0x0101010101010101u) >> 56);
          c += (guint32) (((comma >> 7) * 0x0101010101010101u) >> 56);
          p += 8;
        }
      if (*p == '\0')
        break;
      if (*p <= ' ')
        continue;
      if ((*p & 0xC0) == 0x80)
        continue;
      if (*p == ',')
        c++;
      else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) /* fullwidth comma */
        c++;
      else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81) /* ideographic comma */
        c++;
      else if (*p >= 0x80 && not_text (p))
        continue;
      n++;
    }
  *chars = n;
  *commas = c;
}

/* Whether a block element sits among the children or grandchildren of @node. */
static gboolean
holds_block (xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (lookup_tag (c->name)->kind & K_BLOCK)
        return TRUE;
      for (xmlNode *g = c->children; g; g = g->next)
        if (g->type == XML_ELEMENT_NODE && (lookup_tag (g->name)->kind & K_BLOCK))
          return TRUE;
    }
  return FALSE;
}

/* ---- React's streamed segments ----
 * React (Next.js) streams server-rendered parts of a page after the rest: each part comes
 * in a <div hidden id="S:N"> at the end of the body, and a script moves it to where its
 * placeholder stands, a <template id="P:N"> (a segment) or <template id="B:N"> (a Suspense
 * boundary), often inside another part.  The article then arrives in pieces after the
 * footer, in the order the server finished them; done here, the page reads as it shows. */

/* The number N of an id "X:N" with @prefix X (S, P or B), or -1. */
static gint64
react_part (const char *id, char prefix)
{
  if (id == NULL || id[0] != prefix || id[1] != ':' || !g_ascii_isdigit (id[2]))
    return -1;
  char *end;
  gint64 n = g_ascii_strtoll (id + 2, &end, 10);
  return *end == '\0' ? n : -1;
}

/* Moves every part of @parts (the hidden S:N divs, in page order; may be NULL) to its
 * placeholder of @holders (N + 1 -> <template>); the placeholders go. */
static void
place_react_parts (Extractor *ex, GPtrArray *parts, GHashTable *holders)
{
  for (guint i = 0; parts && i < parts->len; i++)
    {
      xmlNode *part = g_ptr_array_index (parts, i);
      g_autofree char *id = html_attr (part, "id");
      xmlNode *holder = g_hash_table_lookup (holders, GSIZE_TO_POINTER ((gsize) react_part (id, 'S') + 1));
      /* Never into itself: a part holds its own placeholder only in a broken page. */
      if (holder == NULL || is_ancestor (part, holder))
        continue;
      xmlUnlinkNode (part);
      xmlAddPrevSibling (holder, part);
      info_of (ex, part)->hints &= ~H_HIDDEN;
    }
  GHashTableIter iter;
  gpointer holder;
  g_hash_table_iter_init (&iter, holders);
  while (g_hash_table_iter_next (&iter, NULL, &holder))
    {
      xmlUnlinkNode (holder);
      xmlFreeNode (holder);
    }
}

/* Removes scripts, styles, comments, hidden elements; gives every element its Info. */
static void
prepare (Extractor *ex, xmlNode *root)
{
  HintCache hint_cache;
  hint_cache_init (&hint_cache);
  g_autoptr (GPtrArray) react_parts = NULL;
  g_autoptr (GHashTable) react_holders = NULL; /* N + 1 -> its <template> */
  xmlNode *node = root;
  while (node)
    {
      xmlNode *next_down = NULL;
      gboolean remove = FALSE;
      if (node->type == XML_ELEMENT_NODE)
        {
          const TagInfo *tag = lookup_tag (node->name);
          gboolean holder = FALSE;
          if (tag->tag == T_JUNK && node->name[0] == 't' && strcmp ((const char *) node->name, "template") == 0)
            {
              g_autofree char *id = html_attr (node, "id");
              gint64 n = id ? MAX (react_part (id, 'P'), react_part (id, 'B')) : -1;
              if (n >= 0)
                {
                  if (react_holders == NULL)
                    react_holders = g_hash_table_new (NULL, NULL);
                  if (!g_hash_table_contains (react_holders, GSIZE_TO_POINTER ((gsize) n + 1)))
                    {
                      g_hash_table_insert (react_holders, GSIZE_TO_POINTER ((gsize) n + 1), node);
                      holder = TRUE; /* kept until the parts are placed, and not entered */
                    }
                }
            }
          if (holder)
            ;
          else if ((tag->tag == T_JUNK || tag->tag == T_NOSCRIPT) && (!(tag->kind & K_SOFT) || !holds_block (node)))
            remove = TRUE;
          else
            {
              /* Hidden elements stay until measured: some frameworks (Next.js streaming)
               * ship the whole article in a hidden <div> that a script reveals. */
              Info info = { .node = node, .tag = tag->tag, .kind = tag->kind };
              Info *parent = node->parent ? info_of (ex, node->parent) : NULL;
              /* Syntax highlighters give the tokens of code classes of their own
               * ("hljs-comment", "token comment", "meta"): inside code they name no part
               * of the page. */
              if (parent && (parent->hints & H_CODE) && !(tag->kind & K_BLOCK))
                info.hints = H_CODE;
              else
                info.hints = class_hints (node, &hint_cache) | (tag->tag == T_PRE || tag->tag == T_CODE ? H_CODE : 0);
              if (node != root && is_hidden (node))
                {
                  info.hints |= H_HIDDEN;
                  g_autofree char *id = html_attr (node, "id");
                  if (react_part (id, 'S') >= 0)
                    {
                      if (react_parts == NULL)
                        react_parts = g_ptr_array_new ();
                      g_ptr_array_add (react_parts, node);
                    }
                }
              if (tag->tag == T_NOSCRIPT)
                info.hints |= H_NOSCRIPT;
              if (tag->tag == T_BODY && ex->body == NULL)
                ex->body = node;
              g_array_append_val (ex->infos, info);
              node->_private = GSIZE_TO_POINTER (ex->infos->len);
              next_down = node->children;
            }
        }
      else if (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE)
        remove = node != root;

      if (next_down && !remove)
        {
          node = next_down;
          continue;
        }
      /* Next node in document order, not below this one. */
      xmlNode *victim = remove ? node : NULL;
      while (node != root && node->next == NULL)
        node = node->parent;
      xmlNode *next = node == root ? NULL : node->next;
      if (victim)
        {
          xmlUnlinkNode (victim);
          xmlFreeNode (victim);
        }
      node = next;
    }
  hint_cache_clear (&hint_cache);
  if (react_holders)
    place_react_parts (ex, react_parts, react_holders);
}

static float
base_score (const Info *info)
{
  float score = 0;
  switch (info->tag)
    {
    case T_DIV: case T_ARTICLE: case T_MAIN: case T_SECTION:
      score = 5; break;
    case T_PRE: case T_TD: case T_BLOCKQUOTE:
      score = 3; break;
    case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI: case T_FORM:
      score = -3; break;
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TH:
      score = -5; break;
    default:
      break;
    }
  if (info->hints & H_POSITIVE)
    score += 25;
  if (info->hints & (H_UNLIKELY | H_JUNK))
    score -= 25;
  if (info->hints & (H_BODY | H_ARTICLE_BODY))
    score += 25;
  return score;
}

typedef enum { MEASURE_ALL, MEASURE_VISIBLE, MEASURE_LIKELY } MeasureMode;

/* Paragraph text that makes an unlikely-named part of the content its text (is_prose). */
#define PROSE_MIN 200

/* Whether an element says it holds content: <article>, <main>, a positive or body class
 * (not on <body>, whose classes name the page's template: "single-post"). */
static inline gboolean
says_content (const Info *info)
{
  return info->tag == T_ARTICLE || info->tag == T_MAIN
         || ((info->hints & (H_POSITIVE | H_BODY | H_ARTICLE_BODY)) && info->tag != T_BODY && info->tag != T_HTML);
}

/* Whether an <aside> is a box of the article's own text (a definition, a side story):
 * paragraphs and few links, where a sidebar or a pull quote has not. */

static gboolean
is_text_box (const Info *info)
{
  return info->full_ptext >= 200 && info->full_links * 5 < info->full
         && !(info->hints & (H_JUNK | H_UNLIKELY));
}

/* Whether an element that only its class calls unlikely, inside what says it is content, is
 * running text all the same: paragraphs, hardly a link ("kt-pane-header-alignment-left" on an
 * accordion of the article, "listicle-header" on its introduction).  Outside content (a
 * site's footer of testimonials) and for junk classes (comments, share bars, related
 * stories) the class has the last word. */
static gboolean
is_prose (const Info *info)
{
  return (info->flags & F_IN_CONTENT) && !(info->hints & H_JUNK) && info->full_ptext >= PROSE_MIN
         && info->full_links * 10 < info->full && info->full_ptext * 4 >= info->full * 3;
}

/* Whether a measure in @mode leaves out @info's subtree.  Nothing that holds most of the
 * page is left out: libxml2's error recovery sometimes nests the page inside a footer. */
static gboolean
skip_element (Extractor *ex, const Info *info, MeasureMode mode)
{
  if (mode == MEASURE_ALL || info->full * 2 > ex->body_full)
    return FALSE;
  /* "Please enable JavaScript", image and player fallbacks: never the article, which
   * the page shows anyway (unless the <noscript> holds most of the page, above). */
  if (info->hints & H_NOSCRIPT)
    return TRUE;
  if (info->hints & H_HIDDEN)
    {
      /* React streams server-rendered parts into <div hidden id="S:0"> and moves them. */
      g_autofree char *id = html_attr (info->node, "id");
      if (id && id[0] == 'S' && id[1] == ':')
        return FALSE;
      /* Collapsed accordions and "read more" parts: paragraphs, few links. */
      return !(info->full_ptext >= 200 && info->full_links * 4 < info->full && !(info->hints & H_JUNK));
    }
  gboolean strip = mode == MEASURE_LIKELY;
  if (!strip || info->tag == T_BODY || info->tag == T_HTML || info->tag == T_ARTICLE || info->tag == T_MAIN)
    return FALSE;
  if (info->hints & (H_BODY | H_ARTICLE_BODY))
    return FALSE;
  if (info->tag == T_NAV)
    return TRUE;
  if (info->tag == T_ASIDE)
    return !is_text_box (info);
  if ((info->hints & H_UNLIKELY) && !(info->hints & H_POSITIVE))
    return !is_prose (info);
  return FALSE;
}

/* Counts text per element and gives each paragraph-like block's score to its ancestors. */
static void
measure (Extractor *ex, xmlNode *root, MeasureMode mode)
{
  for (guint i = 0; i < ex->infos->len; i++)
    {
      Info *info = &g_array_index (ex->infos, Info, i);
      info->text = info->links = info->own = info->own_links = info->commas = info->ptext = 0;
      info->score = 0;
      info->flags = 0;
      info->items = info->link_items = 0;
    }
  /* The open block elements, innermost last: a plain stack, pushed for every block. */
  gsize n_blocks = 0, blocks_size = 64;
  g_autofree Info **blocks = g_new (Info *, blocks_size);
  guint in_link = 0, in_content = 0;
  xmlNode *node = root;
  while (node)
    {
      gboolean descend = FALSE;
      Info *info = NULL;
      if (node->type == XML_ELEMENT_NODE && (info = info_of (ex, node)))
        {
          if (in_content)
            info->flags |= F_IN_CONTENT;
          if (skip_element (ex, info, mode))
            info->flags |= F_SKIP;
          else
            {
              descend = node->children != NULL;
              if (info->kind & K_BLOCK)
                {
                  if (n_blocks == blocks_size)
                    blocks = g_renew (Info *, blocks, blocks_size *= 2);
                  blocks[n_blocks++] = info;
                }
              if (info->tag == T_A)
                in_link++;
              if (says_content (info))
                in_content++;
            }
        }
      else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          guint32 chars, commas;
          gsize at = GPOINTER_TO_SIZE (node->psvi); /* unused by libxml2's HTML parser */
          if (at)
            {
              const TextCount *counted = &g_array_index (ex->texts, TextCount, at - 1);
              chars = counted->chars, commas = counted->commas;
            }
          else
            {
              count_text ((const char *) node->content, &chars, &commas);
              TextCount counted = { node, chars, commas };
              g_array_append_val (ex->texts, counted);
              node->psvi = GSIZE_TO_POINTER (ex->texts->len);
            }
          Info *parent = node->parent ? info_of (ex, node->parent) : NULL;
          if (chars && parent)
            {
              parent->text += chars;
              if (in_link)
                parent->links += chars;
              if (n_blocks)
                {
                  Info *block = blocks[n_blocks - 1];
                  block->own += chars;
                  block->commas += commas;
                  if (in_link)
                    block->own_links += chars;
                }
            }
        }
      if (descend)
        {
          node = node->children;
          continue;
        }
      /* Leave this node and every ancestor that has no next sibling. */
      for (;;)
        {
          if (node->type == XML_ELEMENT_NODE && (info = info_of (ex, node)) && !(info->flags & F_SKIP))
            {
              if (info->tag == T_A && in_link)
                in_link--;
              if (in_content && says_content (info))
                in_content--;
              if ((info->kind & K_BLOCK) && n_blocks && blocks[n_blocks - 1] == info)
                n_blocks--;
              /* A paragraph: enough own text that is not mostly links. */
              if (info->own >= 25 && info->own_links * 2 < info->own
                  && info->tag != T_BODY && info->tag != T_HTML)
                {
                  info->ptext += info->own - info->own_links;
                  float score = 1.0f + info->commas + MIN (info->own / 100, 3u);
                  xmlNode *up = node->parent;
                  for (int level = 0; level < 5 && up && up->type == XML_ELEMENT_NODE; level++, up = up->parent)
                    {
                      Info *a = info_of (ex, up);
                      if (a == NULL)
                        break;
                      if (!(a->flags & F_SCORED))
                        {
                          a->flags |= F_SCORED;
                          a->score = base_score (a);
                        }
                      a->score += score / (level == 0 ? 1.0f : level == 1 ? 2.0f : level * 3.0f);
                    }
                }
              Info *parent = node->parent ? info_of (ex, node->parent) : NULL;
              if (parent && node != root)
                {
                  parent->text += info->text;
                  parent->links += info->links;
                  parent->ptext += info->ptext;
                  if (info->text > 0 && parent->items < G_MAXUINT16)
                    {
                      parent->items++;
                      if (info->text <= 250 && info->links * 2 >= info->text)
                        parent->link_items++;
                    }
                }
            }
          if (node == root)
            goto done;
          if (node->next)
            {
              node = node->next;
              break;
            }
          node = node->parent;
        }
    }
done:
  if (mode == MEASURE_ALL)
    {
      for (guint i = 0; i < ex->infos->len; i++)
        {
          Info *info = &g_array_index (ex->infos, Info, i);
          info->full = info->text;
          info->full_ptext = info->ptext;
          info->full_links = info->links;
        }
      ex->body_full = info_of (ex, root)->text;
    }
}


/* ---- choosing the article container ---- */

static Info *
top_candidate (Extractor *ex)
{
  Info *best = NULL;
  float best_score = 0;
  for (guint i = 0; i < ex->infos->len; i++)
    {
      Info *info = &g_array_index (ex->infos, Info, i);
      if (!(info->flags & F_SCORED) || info->tag == T_HTML)
        continue;
      float score = info->score * (float) (1.0 - link_density (info));
      if (best == NULL || score > best_score)
        best = info, best_score = score;
    }
  if (best == NULL)
    return NULL;
  /* The container that holds the most paragraph text net of other text (links, menus,
   * captions): where an article is cut into many small rich-text blocks, Readability's best
   * block is one of them and this is their common container. */
  Info *widest = NULL;
  double widest_gain = 0;
  for (guint i = 0; i < ex->infos->len; i++)
    {
      Info *info = &g_array_index (ex->infos, Info, i);
      if (info->flags & F_SKIP || info->ptext == 0 || info->tag == T_HTML)
        continue;
      double gain = info->ptext - ex->other_text_weight * (double) (info->text - info->ptext);
      if (widest == NULL || gain > widest_gain)
        widest = info, widest_gain = gain;
    }
  if (widest && widest != best && is_ancestor (widest->node, best->node) && link_density (widest) < 0.5)
    return widest;
  /* Readability: climb while ancestors score higher (the article split into parts). */
  float last = best->score;
  float threshold = best->score / 3;
  for (xmlNode *up = best->node->parent; up && up->type == XML_ELEMENT_NODE; up = up->parent)
    {
      Info *a = info_of (ex, up);
      if (a == NULL || a->tag == T_BODY || a->tag == T_HTML)
        break;
      if (!(a->flags & F_SCORED))
        continue;
      if (a->score < threshold)
        break;
      if (a->score > last)
        {
          best = a;
          break;
        }
      last = a->score;
    }
  return best;
}

/* The element that markup says is the body: itemprop=articleBody, else a well-known body
 * class, else the largest <article>; the one with the most paragraph text wins. */
static Info *
markup_candidate (Extractor *ex)
{
  Info *best[3] = { NULL, NULL, NULL };
  for (guint i = 0; i < ex->infos->len; i++)
    {
      Info *info = &g_array_index (ex->infos, Info, i);
      if (info->flags & F_SKIP || info->ptext == 0)
        continue;
      int rank = (info->hints & H_ARTICLE_BODY) ? 0 : (info->hints & H_BODY) ? 1 : info->tag == T_ARTICLE ? 2 : -1;
      if (rank < 0 || link_density (info) > 0.5)
        continue;
      if (best[rank] == NULL || info->ptext > best[rank]->ptext)
        best[rank] = info;
    }
  for (int rank = 0; rank < 3; rank++)
    if (best[rank])
      return best[rank];
  return NULL;
}

/* Section headings after which a page has only the author's bio, comments or links. */
static const char *const closing_headings[] = {
  "about the author", "about the authors", "related posts", "related articles", "related stories",
  "you may also like", "you might also like", "more stories", "recommended for you", "read next",
  "leave a reply", "leave a comment", "join the conversation", "popular posts", "latest posts",
  "recent posts", "recent blogs", "recent articles", "latest articles", "latest blogs", "related blogs",
  NULL
};

/* The headings of related-story and recommendation blocks: they close the article when
 * less text follows them than precedes them ("Related" mid-way through a paper does not).
 * Whole headings, or beginnings that end in a space ("More from The Planet"). */
static const char *const closing_names[] = {
  "related", "related content", "related reading", "related links", "related news", "related topics",
  "more", "more news", "more stories", "more articles", "most read", "most popular", "most viewed",
  "most shared", "trending", "trending now", "trending stories", "recommended", "recommended reading",
  "recommended articles", "recommended stories", "you may like", "you might like", "read next",
  "also read", "read also", "read more", "keep reading", "latest news", "latest stories",
  "editor's picks", "editors' picks", "editor’s picks", "don't miss", "don’t miss",
  "what to read next", "popular now", "popular stories", "popular articles", "top stories",
  "more from ", "more stories from ", "more articles from ", "more news from ", "more on ", "more in ",
  "more like this", "you may also ", "you might also ", "also in the news", "in other news",
  "article sources", "citations", "footnotes", "bibliography", "works cited",
  "disclaimer", "legal disclaimer",
  NULL
};

typedef enum { CLOSING_NONE, CLOSING_ALWAYS, CLOSING_AT_END } Closing;

/* An author box's line of its own under the name ("Senior Staff Writer", "Contributing
 * Writer", "Founder and CEO", "The Author"): words of a masthead title only, the last one
 * a role. */
static const char *const role_nouns[] = {
  "writer", "editor", "contributor", "reporter", "correspondent", "columnist", "author",
  "journalist", "ceo", "founder", "co-founder", "editor-in-chief", NULL
};
static const char *const role_words[] = {
  "senior", "staff", "contributing", "associate", "assistant", "managing", "deputy", "executive",
  "chief", "in", "and", "the", "freelance", "guest", "news", "features", "lead", "digital",
  "content", "sr.", "&", NULL
};

/* g_utf8_strdown (@text, @length), with a fast path for ASCII text (most headings and
 * labels), which lower-cases to the same bytes. */
static char *
lower_copy (const char *text, gssize length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  for (gsize i = 0; i < n; i++)
    if ((guchar) text[i] >= 0x80 || text[i] == '\0')
      return g_utf8_strdown (text, length);
  char *out = g_malloc (n + 1);
  for (gsize i = 0; i < n; i++)
    out[i] = text[i] >= 'A' && text[i] <= 'Z' ? text[i] + ('a' - 'A') : text[i];
  out[n] = '\0';
  return out;
}

static gboolean
is_staff_role (const char *lower)
{
  g_auto (GStrv) words = g_strsplit (lower, " ", -1);
  guint n = g_strv_length (words);
  if (n == 0 || n > 5)
    return FALSE;
  for (guint i = 0; i + 1 < n; i++)
    if (!g_strv_contains (role_words, words[i]) && !g_strv_contains (role_nouns, words[i]))
      return FALSE;
  return g_strv_contains (role_nouns, words[n - 1]);
}

/* Recommendations whatever their first words ("More articles you might enjoy"). */
static const char *const closing_phrases[] = {
  "you might enjoy", "you may enjoy", "you might also", "you may also", "you might like",
  "you may like", "you may be interested", "you might be interested", NULL
};

#define INVITATION_MAX 100

/* "You may be interested in the following topics as well:": too long for a heading, it
 * announces other pages as a closing heading does.  A sentence of the article that merely
 * holds the words ("benefits of the job that you might enjoy most:") does not open with them. */
static gboolean
is_reading_invitation (const char *text, gsize length)
{
  if (length >= INVITATION_MAX || length == 0 || text[length - 1] != ':')
    return FALSE;
  for (const char *const *s = closing_phrases; *s; s++)
    if (g_ascii_strncasecmp (text, *s, strlen (*s)) == 0)
      return TRUE;
  return FALSE;
}

static Closing
closing_kind (const char *text)
{
  gsize length = strlen (text);
  if (length >= 40)
    return is_reading_invitation (text, length) ? CLOSING_AT_END : CLOSING_NONE;
  g_autofree char *lower = lower_copy (text, -1);
  /* A count or a note in brackets adds nothing: "Footnotes ( returns to text)", "Related (4)". */
  char *bracket = strstr (lower, " (");
  if (bracket && bracket > lower)
    *bracket = '\0';
  gsize n = strlen (lower);
  while (n && (lower[n - 1] == ':' || lower[n - 1] == ' '))
    lower[--n] = '\0';
  if (g_strv_contains (closing_headings, lower))
    return CLOSING_ALWAYS;
  for (const char *const *s = closing_names; *s; s++)
    {
      gsize k = strlen (*s);
      if ((*s)[k - 1] == ' ' ? g_str_has_prefix (lower, *s) : strcmp (lower, *s) == 0)
        return CLOSING_AT_END;
    }
  for (const char *const *s = closing_phrases; *s; s++)
    if (strstr (lower, *s))
      return CLOSING_AT_END;
  if (is_staff_role (lower))
    return CLOSING_AT_END;
  /* A rule drawn in text ("----------", "– – – – – – –", a line of asterisks): under the
   * article it sets off what the site adds (a section break, "* * *", is shorter). */
  if (n >= 8)
    {
      gboolean rule = TRUE;
      for (const char *c = lower; *c && rule; c = g_utf8_next_char (c))
        {
          gunichar u = g_utf8_get_char (c);
          rule = u == '-' || u == '*' || u == '_' || u == '=' || u == '~' || u == ' '
                 || u == 0x2013 || u == 0x2014 || u == 0x2500; /* – — ─ */
        }
      if (rule)
        return CLOSING_AT_END;
    }
  return CLOSING_NONE;
}

/* ---- output ---- */

typedef struct {
  Extractor *ex;
  GPtrArray *paragraphs;
  GString   *current;
  GArray    *links;
  gboolean   pending_space;
  gsize      link_bytes;
  gsize      link_start;
  char      *href;
  int        heading;
  guint      li_depth;  /* how many <li> the writer is in */
  guint32    root_text;
  gboolean   in_table_row;
  xmlNode   *hidden_root; /* the hidden element the writer is in, if any */
  xmlNode   *announced_root; /* the link list announced by a colon the writer is in */
  xmlNode   *last_text; /* the text node written last */
  guint      root;      /* the index of the root being written */
  GArray    *lists;     /* ListLevel: the <ol> and <ul> the writer is in, innermost last */
  gint64     item_number; /* the number of the <ol> item whose first text is still to come, or 0 */
} Writer;

/* An open list of the writer: the number of its last item (an <ol>), or LIST_UNNUMBERED. */
typedef struct {
  xmlNode *node;
  gint64   number;
} ListLevel;

#define LIST_UNNUMBERED G_MININT64

static const char *const boilerplate_starts[] = {
  "advertisement", "advertising", "sponsored", "share this", "share on", "share:", "read more",
  "read next", "related:", "related articles", "related stories", "see also", "click here",
  "sign up", "subscribe", "follow us", "image:", "photo:", "credit:", "image credit",
  "photograph:", "(photo", "getty images", "all rights reserved", "copyright", "©", "tags:",
  "filed under", "loading", "skip to", "you may also like", "recommended", "more from",
  "listen to this", "print this", "email this", "posted in", "categories:", "written by",
  "reviewed by", "edited by", "fact-checked by", "fact checked by", "published date",
  "published:", "updated:", "last updated", NULL
};

/* Buttons and their whole label, never text. */
static const char *const button_labels[] = {
  "share", "like", "reply", "comment", "comments", "print", "email", "tweet", "load more",
  "load more content", "show more", "see more", "back to top", NULL
};

/* Whether @text holds a character that g_utf8_strdown turns into an ASCII letter: the
 * Kelvin sign (k) and the capital I with a dot (i and a combining dot).  Without one,
 * folding the ASCII letters alone matches the ASCII needles below as g_utf8_strdown does. */
static gboolean
has_ascii_lowering (const char *text, gsize length)
{
  for (gsize i = 0; i + 1 < length; i++)
    if (((guchar) text[i] == 0xE2 && (guchar) text[i + 1] == 0x84 && i + 2 < length && (guchar) text[i + 2] == 0xAA)
        || ((guchar) text[i] == 0xC4 && (guchar) text[i + 1] == 0xB0))
      return TRUE;
  return FALSE;
}

/* Whether @text holds @needle (ASCII, lower case), ASCII letters compared without case. */
static gboolean
contains_ascii_nocase (const char *text, gsize length, const char *needle)
{
  gsize n = strlen (needle);
  for (gsize i = 0; i + n <= length; i++)
    if ((text[i] | 0x20) == needle[0] && html_ascii_has_prefix (text + i, needle))
      return TRUE;
  return FALSE;
}

/* This runs for every short paragraph: the text is lower-cased only as far as a needle can
 * reach (80 bytes), ASCII letters only (the needles are ASCII or "©", which lowering keeps),
 * unless a character that lowers to an ASCII letter asks for g_utf8_strdown. */
/* The labels of an article's credits, which run on with names and titles. */
static const char *const credit_labels[] = {
  "written by ", "reviewed by ", "medically reviewed by ", "edited by ", "fact-checked by ",
  "fact checked by ", NULL
};

/* A credit line longer than a label ("Reviewed by Toni Golen, MD, Editor in Chief, Harvard
 * Women's Health Watch; Contributor", "Edited by G Eysenbach; submitted 04.04.19; ..."): it
 * opens with a credit's label and does not end as a sentence does, while a sentence of the
 * article that opens with the words ("Written by a critic, the novel is ...") does. */
static gboolean
is_credit_line (const char *text, gsize length)
{
  if (length == 0 || length > 300)
    return FALSE;
  char last = text[length - 1];
  if (last == '.' || last == '!' || last == '?' || last == '"'
      || (length >= 3 && memcmp (text + length - 3, "\xe2\x80\x9d", 3) == 0)) /* ” */
    return FALSE;
  for (const char *const *s = credit_labels; *s; s++)
    if (g_ascii_strncasecmp (text, *s, strlen (*s)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
looks_like_boilerplate (const char *text, gsize length)
{
  if (length > 300)
    return FALSE;
  gboolean exact = has_ascii_lowering (text, length);
  g_autofree char *slow = exact ? lower_copy (text, length) : NULL;
  /* Copyright lines, wherever the notice starts. */
  if (exact ? strstr (slow, "all rights reserved") != NULL : contains_ascii_nocase (text, length, "all rights reserved"))
    return TRUE;
  if (length < 200 && g_strstr_len (text, length, "©"))
    return TRUE;
  if (is_credit_line (text, length))
    return TRUE;
  if (length > 80)
    return FALSE;
  char fast[81];
  const char *lower = slow;
  if (!exact)
    {
      for (gsize i = 0; i < length; i++)
        fast[i] = text[i] >= 'A' && text[i] <= 'Z' ? text[i] + ('a' - 'A') : text[i];
      fast[length] = '\0';
      lower = fast;
    }
  for (const char *const *s = boilerplate_starts; *s; s++)
    if ((*s)[0] == lower[0] && g_str_has_prefix (lower, *s))
      return TRUE;
  return g_strv_contains (button_labels, lower);
}

/* The labels of a site's notice about the page ("Disclosure: This post contains affiliate
 * links", "Disclaimer: This article is for informational purposes only"). */
static const char *const disclosure_labels[] = {
  "disclosure", "disclaimer", "affiliate disclosure", "affiliate disclaimer", "advertiser disclosure",
  "advertising disclosure", "editorial disclosure", "ftc disclosure", "medical disclaimer", NULL
};
/* What such a notice is about: the site's earnings or its liability.  A paragraph of the
 * article labelled so in jest ("Disclaimer: do not play these speakers on the bus") or about
 * the article's making ("no compensation was exchanged") has none of them. */
static const char *const disclosure_words[] = {
  "affiliate", "commission", "we may earn", "i may earn", "we earn", "i earn",
  "informational purposes", "educational purposes", "not a substitute", "professional advice",
  "medical advice", "financial advice", "legal advice", NULL
};
#define DISCLOSURE_MAX 700

/* Whether @text is a labelled notice of the site's (disclosure_labels, a colon, then
 * disclosure_words): the same under every post, not the article's text. */
static gboolean
is_disclosure (const char *text, gsize length)
{
  if (length > DISCLOSURE_MAX || length < 20)
    return FALSE;
  gsize label = 0;
  for (const char *const *s = disclosure_labels; *s && label == 0; s++)
    {
      gsize k = strlen (*s);
      if (g_ascii_strncasecmp (text, *s, k) != 0)
        continue;
      gsize at = k;
      if (at < length && (text[at] == 's' || text[at] == 'S'))
        at++;
      while (at < length && text[at] == ' ')
        at++;
      if (at < length && text[at] == ':')
        label = at + 1;
    }
  if (label == 0)
    return FALSE;
  for (const char *const *w = disclosure_words; *w; w++)
    if (contains_ascii_nocase (text + label, length - label, *w))
      return TRUE;
  return FALSE;
}

/* A call to sign up for the site's letters ("Join Our Newsletter", "Want more? Sign up for
 * our newsletter, The Selection.", "Sign up now to get the freshest updates delivered
 * straight to your inbox!"): a sentence opens with a sign-up verb and the paragraph names
 * what is sent.  A sentence of the article about newsletters ("The Guardian added 680,000
 * newsletter subscribers") opens otherwise; one that signs up for something else ("Sign up
 * for the trial") names no letter. */
static const char *const signup_verbs[] = {
  "sign up", "signup", "subscribe ", "subscribe!", "subscribe.", "join our ", "join the ",
  "join my ", "get our ", NULL
};
static const char *const signup_objects[] = {
  "newsletter", "inbox", "mailing list", "email list", "our emails", "our e-mails", NULL
};
#define SIGNUP_MAX 300

/* Whether a sentence of @text (its start, or after ". ", "! ", "? ") opens with a sign-up verb. */
static gboolean
opens_with_signup (const char *text, gsize length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && !(text[i - 1] == ' ' && i > 1
                     && (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?')))
        continue;
      char c = text[i] | 0x20;
      if (c != 's' && c != 'j' && c != 'g')
        continue;
      for (const char *const *v = signup_verbs; *v; v++)
        if (i + strlen (*v) <= length && html_ascii_has_prefix (text + i, *v))
          return TRUE;
    }
  return FALSE;
}

static gboolean
is_signup_call (const char *text, gsize length)
{
  if (length > SIGNUP_MAX || !opens_with_signup (text, length))
    return FALSE;
  for (const char *const *o = signup_objects; *o; o++)
    if (contains_ascii_nocase (text, length, *o))
      return TRUE;
  return FALSE;
}

/* An invitation to follow the site or its writer elsewhere ("Follow us on Telegram, Facebook
 * and YouTube for the latest news", "Join me on TikTok: @...", "... and follow us on Instagram
 * to stay up to date"): in the paragraph's first sentence "follow", "join", "find" or
 * "connect with", then "us" or "me", "on" or "via" and a social network.  The article's people follow someone else ("told his fans
 * to follow him on Telegram"). */
static const char *const follow_verbs[] = { "follow ", "join ", "find ", "connect with ", NULL };
static const char *const social_networks[] = {
  "instagram", "facebook", "twitter", "tiktok", "youtube", "linkedin", "pinterest", "telegram",
  "threads", "mastodon", "bluesky", "snapchat", "whatsapp", "social media", NULL
};
#define FOLLOW_MAX 300
#define FOLLOW_REACH 40

/* The position after "us" or "me" and " on " or " via " (within FOLLOW_REACH bytes) that
 * follow a follow_verbs word at @at, or 0. */
static gsize
follow_object_end (const char *text, gsize length, gsize at)
{
  for (const char *const *v = follow_verbs; *v; v++)
    {
      gsize k = strlen (*v);
      if (at + k + 3 > length || !html_ascii_has_prefix (text + at, *v))
        continue;
      gsize i = at + k;
      if (!(html_ascii_has_prefix (text + i, "us") || html_ascii_has_prefix (text + i, "me"))
          || (i + 2 < length && g_ascii_isalpha (text[i + 2])))
        return 0;
      gsize stop = MIN (length, i + FOLLOW_REACH);
      for (i += 2; i + 4 <= stop; i++)
        if (html_ascii_has_prefix (text + i, " on ") || html_ascii_has_prefix (text + i, " via "))
          return i + 4;
      return 0;
    }
  return 0;
}

static gboolean
is_follow_prompt (const char *text, gsize length)
{
  if (length > FOLLOW_MAX)
    return FALSE;
  for (gsize at = 0; at < length; at++)
    {
      /* The prompt opens the paragraph's first sentence or is it: a writer's own paragraph
       * that ends with one ("... If you need help, join the Slack. You might also want to
       * follow me on Bluesky") is the article's sign-off. */
      if (at > 1 && text[at - 1] == ' '
          && (text[at - 2] == '.' || text[at - 2] == '!' || text[at - 2] == '?'))
        return FALSE;
      char c = text[at] | 0x20;
      if ((c != 'f' && c != 'j' && c != 'c') || (at > 0 && g_ascii_isalpha (text[at - 1])))
        continue;
      gsize end = follow_object_end (text, length, at);
      if (end == 0)
        continue;
      gsize reach = MIN (length - end, FOLLOW_REACH);
      for (const char *const *s = social_networks; *s; s++)
        if (contains_ascii_nocase (text + end, reach, *s))
          return TRUE;
    }
  return FALSE;
}

/* The credit that ends a caption ("The Sony mirrorless system. Photo by: 'Markus Lompa'.",
 * "A portrait of the Queen in 2004 (Picture credit: Getty)"): a sentence or a bracket at the
 * end that opens with a credit's label.  The article's sentences do not end so; a caption
 * describes a picture the text does not show. */
static const char *const caption_credits[] = {
  "photo by", "photos by", "photo credit", "photograph by", "picture credit", "image credit",
  "image by", "image courtesy", "photo courtesy", "photo:", "photograph:", "image:", "picture:",
  "credit:", NULL
};
#define CAPTION_MAX 200
#define CREDIT_MAX 60

/* The small words a credit's names may hold ("Courtesy of NASA", "Smith for Reuters"). */
static const char *const credit_joins[] = { "of", "via", "and", "for", "by", "on", "the", NULL };

/* Whether the words of @text (what follows a credit's label) are names: none opens with a
 * small letter but credit_joins.  "Photos by readers will hang in the hall" is a sentence. */
static gboolean
names_only (const char *text, gsize length)
{
  for (gsize i = 0; i < length;)
    {
      if (!g_ascii_isalpha (text[i]))
        {
          i++;
          continue;
        }
      gsize word = i;
      while (i < length && g_ascii_isalpha (text[i]))
        i++;
      if (g_ascii_islower (text[word]) && (word == 0 || text[word - 1] != '-'))
        {
          gboolean join = FALSE;
          for (const char *const *j = credit_joins; *j && !join; j++)
            join = html_ascii_equal_len (text + word, i - word, *j);
          if (!join)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
ends_with_photo_credit (const char *text, gsize length)
{
  if (length > CAPTION_MAX || length < 8)
    return FALSE;
  /* The credit's start: after the last ". " or "(" within CREDIT_MAX bytes of the end. */
  gsize stop = length > CREDIT_MAX ? length - CREDIT_MAX : 0;
  for (gsize i = length - 2; i > stop; i--)
    {
      gboolean sentence = text[i - 1] == ' ' && i >= 2 && text[i - 2] == '.';
      gboolean bracket = text[i - 1] == '(';
      if (!sentence && !bracket)
        continue;
      char c = text[i] | 0x20;
      if (c != 'p' && c != 'i' && c != 'c')
        return FALSE;
      for (const char *const *s = caption_credits; *s; s++)
        if (i + strlen (*s) < length && html_ascii_has_prefix (text + i, *s))
          return names_only (text + i + strlen (*s), length - i - strlen (*s));
      return FALSE;
    }
  return FALSE;
}

/* A line of the article's header that says when it was published or how long it takes to
 * read ("Dec 17, 2025", "Updated on Jan. 16, 2026", "8 min read", "Jun 08, 2023 • 11 Minute
 * Read"): metadata shown as text, never a sentence of the article.  Under a standfirst it
 * follows the first sentence, where trim_edges keeps what comes after. */
#define FURNITURE_MAX 60

/* Whether @text holds a reading time: a number, then "min" or "minute(s)" and "read". */
static gboolean
has_reading_time (const char *text, gsize length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]) || (i > 0 && g_ascii_isdigit (text[i - 1])))
        continue;
      gsize at = i;
      while (at < length && g_ascii_isdigit (text[at]))
        at++;
      while (at < length && (text[at] == ' ' || text[at] == '-'))
        at++;
      if (at + 3 > length || g_ascii_strncasecmp (text + at, "min", 3) != 0)
        continue;
      while (at < length && g_ascii_isalpha (text[at]))
        at++;
      while (at < length && (text[at] == '.' || text[at] == ' '))
        at++;
      if (at + 3 <= length && g_ascii_strncasecmp (text + at, "to ", 3) == 0)
        at += 3;
      if (at + 4 <= length && g_ascii_strncasecmp (text + at, "read", 4) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The words that may stand beside a date in a date line. */
static const char *const date_line_words[] = {
  "published", "updated", "posted", "last", "on", "at", "modified", "am", "pm",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL
};

/* Whether @text is a date and nothing else but date_line_words, signs, a time and a time
 * zone's capitals ("IST"): nf_date_find reads the date, a year (four digits) first says it
 * may. */
static gboolean
is_date_line (const char *text, gsize length, const char *language)
{
  guint digits = 0, run = 0;
  for (gsize i = 0; i < length && digits < 4; i++)
    run = g_ascii_isdigit (text[i]) ? run + 1 : 0, digits = MAX (digits, run);
  NfDate date;
  gsize start, end;
  if (digits < 4 || !nf_date_find (text, (gssize) length, language, &date, &start, &end))
    return FALSE;
  for (gsize i = 0; i < length;)
    {
      if (i >= start && i < end)
        {
          i = end;
          continue;
        }
      if ((guchar) text[i] >= 0x80)
        {
          /* Signs between the parts ("•", "·", "|" as U+2502): not letters. */
          gunichar c = g_utf8_get_char_validated (text + i, (gssize) (length - i));
          if (c == (gunichar) -1 || c == (gunichar) -2 || g_unichar_isalpha (c))
            return FALSE;
          i = g_utf8_next_char (text + i) - text;
          continue;
        }
      /* A figure beside the date ("1/1/2013 | +13.1%", a table's row written as a line) is
       * data; a time ("10:39") is the date's. */
      if (g_ascii_isdigit (text[i]))
        {
          gsize figure = i;
          while (i < length && g_ascii_isdigit (text[i]))
            i++;
          if (!((i < length && text[i] == ':') || (figure > 0 && text[figure - 1] == ':')))
            return FALSE;
          continue;
        }
      if (!g_ascii_isalpha (text[i]))
        {
          i++;
          continue;
        }
      gsize word = i;
      gboolean upper = TRUE;
      while (i < length && g_ascii_isalpha (text[i]))
        upper &= g_ascii_isupper (text[i]), i++;
      gboolean known = upper && i - word <= 4 && i - word >= 2;
      for (const char *const *w = date_line_words; *w && !known; w++)
        known = html_ascii_equal_len (text + word, i - word, *w);
      if (!known)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_header_furniture (const char *text, gsize length, const char *language)
{
  return length < FURNITURE_MAX && (has_reading_time (text, length) || is_date_line (text, length, language));
}

/* Whether @text has no letter: a count of likes or comments, a page number. */
static gboolean
has_no_letter (const char *text)
{
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    if (g_unichar_isalpha (g_utf8_get_char (c)))
      return FALSE;
  return TRUE;
}

/* The text of a <pre> (program code, a poem, a results list laid out in columns) keeps its
 * lines and their indentation: a paragraph with line breaks inside, where other text
 * collapses white space.  A blank line does not end the paragraph (the article's text keeps
 * "\n\n" for paragraph breaks only), nor do the breaks that open or close the block. */
static void
append_preformatted (GString *out, const char *text, gboolean *pending_space)
{
  if (*pending_space && out->len && out->str[out->len - 1] != '\n')
    g_string_append_c (out, ' ');
  *pending_space = FALSE;
  for (const char *c = text; *c; c++)
    {
      if (*c == '\r' || *c == '\n')
        {
          if (*c == '\r' && c[1] == '\n')
            c++;
          while (out->len && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
            g_string_truncate (out, out->len - 1);
          if (out->len && out->str[out->len - 1] != '\n')
            g_string_append_c (out, '\n');
        }
      else if ((*c == ' ' || *c == '\t') && out->len == 0)
        continue; /* a paragraph starts with its text */
      else
        g_string_append_c (out, *c);
    }
}

/* ---- text encoded twice ----
 * Some pages carry their text as UTF-8 that was once read as Latin-1 or Windows-1252 and
 * encoded again: "today’s" arrives as "todayâ\u0080\u0099s" or "todayâ€™s", "©" as "Â©".
 * The page is valid UTF-8 and says so, so no charset rule can see it; what gives it away is
 * a Latin-1 letter that could lead a UTF-8 sequence followed by characters that are each
 * one continuation byte in Latin-1 or Windows-1252, the C1 controls or 1252's punctuation,
 * which real text never puts there.  The sequence is decoded back to the one character. */

/* The byte @c stands for when UTF-8 was misread as Windows-1252 (or Latin-1): 0 if none,
 * else 0x80..0xBF, a continuation byte. */
static guint8
continuation_byte (gunichar c)
{
  if (c >= 0x80 && c <= 0xBF)
    return (guint8) c;
  static const struct { guint16 c; guint8 b; } cp1252[] = {
    { 0x20AC, 0x80 }, { 0x201A, 0x82 }, { 0x0192, 0x83 }, { 0x201E, 0x84 }, { 0x2026, 0x85 },
    { 0x2020, 0x86 }, { 0x2021, 0x87 }, { 0x02C6, 0x88 }, { 0x2030, 0x89 }, { 0x0160, 0x8A },
    { 0x2039, 0x8B }, { 0x0152, 0x8C }, { 0x017D, 0x8E }, { 0x2018, 0x91 }, { 0x2019, 0x92 },
    { 0x201C, 0x93 }, { 0x201D, 0x94 }, { 0x2022, 0x95 }, { 0x2013, 0x96 }, { 0x2014, 0x97 },
    { 0x02DC, 0x98 }, { 0x2122, 0x99 }, { 0x0161, 0x9A }, { 0x203A, 0x9B }, { 0x0153, 0x9C },
    { 0x017E, 0x9E }, { 0x0178, 0x9F },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cp1252); i++)
    if (cp1252[i].c == c)
      return cp1252[i].b;
  return 0;
}

/* Whether @text may hold twice-encoded text: "Â", "Ã".."ô" as UTF-8 is 0xC3 0x82..0xB4.
 * Cheap, and false for most text that is not Latin-1 (accented Latin text pays a second
 * look). */
static gboolean
may_be_mojibake (const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    if (p[0] == 0xC3 && p[1] >= 0x82 && p[1] <= 0xB4)
      return TRUE;
  return FALSE;
}

/* @text with its twice-encoded sequences decoded, or NULL when it has none. */
static char *
repair_mojibake (const char *text)
{
  GString *out = NULL;
  const char *copied = text; /* what is not yet in @out */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar lead = g_utf8_get_char (p);
      guint need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
                   : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
      if (need == 0)
        continue;
      guint8 bytes[4] = { (guint8) lead, 0, 0, 0 };
      gboolean control = FALSE; /* a C1 control or 1252 punctuation among them */
      const char *q = g_utf8_next_char (p);
      guint got = 0;
      for (; got < need && *q; got++, q = g_utf8_next_char (q))
        {
          gunichar c = g_utf8_get_char (q);
          guint8 b = continuation_byte (c);
          if (b == 0)
            break;
          if (c < 0xA0 || c > 0xFF)
            control = TRUE;
          bytes[got + 1] = b;
        }
      /* Two-byte sequences of printable Latin-1 only ("Ð¿", "é»") can be real text; "Â©"
       * and "Ã©" (for "©", "é") cannot. */
      if (got < need || (!control && !(need == 1 && (lead == 0xC2 || lead == 0xC3))))
        continue;
      const char *end;
      if (!g_utf8_validate ((const char *) bytes, need + 1, &end))
        continue;
      if (out == NULL)
        out = g_string_sized_new (strlen (text));
      g_string_append_len (out, copied, p - copied);
      g_string_append_len (out, (const char *) bytes, need + 1);
      copied = q;
      p = q;
      /* The loop's step would skip the character after the sequence. */
      if (*p == '\0')
        break;
      p = g_utf8_prev_char (p);
    }
  if (out == NULL)
    return NULL;
  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}

/* Whether a paragraph that is mostly link is a sentence of the article all the same: one
 * that ends as a sentence does, with LINKED_SENTENCE_TEXT characters of its own outside the
 * links ("For first time dog owners, knowing when ... can be confusing - <a>though the
 * benefits of ...</a>").  A link line ("Read more: ...", a headline) has little else. */
#define LINKED_SENTENCE_TEXT 60

static gboolean
linked_sentence (const char *text, gsize length, gsize link_bytes)
{
  if (length < link_bytes + LINKED_SENTENCE_TEXT)
    return FALSE;
  char last = text[length - 1];
  return last == '.' || last == '!' || last == '?';
}

static void
flush (Writer *w)
{
  GString *cur = w->current;
  while (cur->len && (cur->str[cur->len - 1] == ' ' || cur->str[cur->len - 1] == '\n'
                      || cur->str[cur->len - 1] == '\t'))
    g_string_truncate (cur, cur->len - 1);
  w->pending_space = FALSE;
  if (cur->len == 0)
    goto reset;
  gboolean keep = TRUE;
  double density = (double) w->link_bytes / cur->len;
  /* List items, table rows and headings may be all link ("the ten best hotels", each
   * linked; a product's name linked to its shop): link lists, tables and feeds of
   * headlines as a whole were judged by drop_subtree, and trim_edges drops the headings
   * that nothing follows. */
  Closing closing = CLOSING_NONE;
  if (density > w->ex->max_link_density && !w->heading && w->li_depth == 0
      && !w->in_table_row && !linked_sentence (cur->str, cur->len, w->link_bytes))
    keep = FALSE; /* a link ("Leave a comment") closes nothing: the text may go on */
  else if ((closing = closing_kind (cur->str)) != CLOSING_NONE)
    keep = TRUE; /* a marker for trim_edges, never part of the body */
  else if (looks_like_boilerplate (cur->str, cur->len) || is_disclosure (cur->str, cur->len)
           || is_signup_call (cur->str, cur->len) || ends_with_photo_credit (cur->str, cur->len)
           || is_follow_prompt (cur->str, cur->len)
           || (!w->heading && !w->in_table_row && w->li_depth == 0
               && is_header_furniture (cur->str, cur->len, w->ex->meta->language)))
    keep = FALSE;
  else if (w->heading && w->ex->meta->title && g_ascii_strcasecmp (cur->str, w->ex->meta->title) == 0)
    keep = FALSE;
  if (keep)
    {
      HtmlParagraph *p = g_new0 (HtmlParagraph, 1);
      p->text = g_strndup (cur->str, cur->len);
      p->heading = w->heading;
      p->hidden = w->hidden_root != NULL;
      p->announced = w->announced_root != NULL;
      p->link_bytes = w->link_bytes;
      p->closing = closing;
      p->block = w->last_text ? w->last_text->parent : NULL;
      p->root = w->root;
      if (w->links && w->links->len)
        {
          p->links = w->links;
          w->links = NULL;
        }
      g_ptr_array_add (w->paragraphs, p);
    }
reset:
  g_string_truncate (cur, 0);
  w->link_bytes = 0;
  w->link_start = 0; /* a link that holds blocks is recorded from its last one's start */
  w->heading = 0;
  if (w->links)
    {
      for (guint i = 0; i < w->links->len; i++)
        g_free (g_array_index (w->links, HtmlSpan, i).href);
      g_array_set_size (w->links, 0);
    }
}

/* Whether a <table> is a child or grandchild of @node. */
static gboolean
holds_table (Extractor *ex, xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      Info *info = c->type == XML_ELEMENT_NODE ? info_of (ex, c) : NULL;
      if (info == NULL)
        continue;
      if (info->tag == T_TABLE)
        return TRUE;
      for (xmlNode *g = c->children; g; g = g->next)
        {
          Info *gi = g->type == XML_ELEMENT_NODE ? info_of (ex, g) : NULL;
          if (gi && gi->tag == T_TABLE)
            return TRUE;
        }
    }
  return FALSE;
}

/* Whether the text written just before ends with a colon ("Many patches were sent for
 * review:"): what follows is what the sentence announces, even when every item is a link.
 * A heading announces as well ("Top picks:" over the products, each a link); closing
 * headings ("Related:") announce nothing the article says, and a list announced at the very
 * end goes in trim_edges all the same. */
static gboolean
after_colon (Writer *w)
{
  const char *text = NULL;
  gsize n = 0;
  if (w->current->len)
    text = w->current->str, n = w->current->len;
  else if (w->paragraphs->len)
    {
      HtmlParagraph *p = g_ptr_array_index (w->paragraphs, w->paragraphs->len - 1);
      if (p->closing)
        return FALSE;
      text = p->text, n = strlen (p->text);
    }
  while (n && (text[n - 1] == ' ' || text[n - 1] == '\n'))
    n--;
  return n >= 12 && text[n - 1] == ':';
}

/* Whether an <article> inside the article is one card of a feed of other stories: short, a
 * fifth of it links at least (its headline), with another <article> beside it, the feed less
 * than half the text.  (Posts of a thread and the entries of a listicle are <article>s too,
 * but of text, or the bulk of the page.) */
static gboolean
is_story_card (Writer *w, const Info *info)
{
  Extractor *ex = w->ex;
  Info *parent = info->node->parent ? info_of (ex, info->node->parent) : NULL;
  if (info->text >= 600 || link_density (info) < 0.2 || parent == NULL || parent->text * 2 >= w->root_text)
    return FALSE;
  for (int way = 0; way < 2; way++)
    for (xmlNode *s = way ? info->node->next : info->node->prev; s; s = way ? s->next : s->prev)
      {
        Info *si = s->type == XML_ELEMENT_NODE ? info_of (ex, s) : NULL;
        if (si && si->tag == T_ARTICLE && si->text > 0)
          return TRUE;
      }
  return FALSE;
}

/* Whether the text of @node's subtree ends with a colon ("Many patches were sent for
 * review:"): its last text node that is not all white space, looked at from the end. */
static gboolean
ends_with_colon (xmlNode *node)
{
  for (xmlNode *c = node->last; c; )
    {
      if (c->type == XML_TEXT_NODE && c->content)
        {
          const char *t = (const char *) c->content;
          gsize n = strlen (t);
          while (n && g_ascii_isspace (t[n - 1]))
            n--;
          if (n)
            return t[n - 1] == ':';
        }
      else if (c->type == XML_ELEMENT_NODE && c->last)
        {
          c = c->last;
          continue;
        }
      while (c && c != node && c->prev == NULL)
        c = c->parent;
      if (c == NULL || c == node)
        break;
      c = c->prev;
    }
  return FALSE;
}

/* Whether the only element with text below @node is a list, perhaps in wrappers of its own
 * (<div class="ulist"><ul>): the list, as far as an announcement goes. */
static gboolean
wraps_a_list (Extractor *ex, xmlNode *node)
{
  guint32 text = info_of (ex, node)->text;
  for (int depth = 0; depth < 3; depth++)
    {
      Info *only = NULL;
      for (xmlNode *c = node->children; c && only == NULL; c = c->next)
        {
          Info *ci = c->type == XML_ELEMENT_NODE ? info_of (ex, c) : NULL;
          if (ci && ci->text > 0)
            only = ci;
        }
      /* All of the text is in that one child: nothing beside it, not even bare text. */
      if (only == NULL || only->text != text)
        return FALSE;
      if (only->kind & K_LIST)
        return TRUE;
      node = only->node;
    }
  return FALSE;
}

/* The text and link text of the lists below @node that a sentence announces: the element
 * just before the list (or before the wrapper the list is alone in, up to @root) ends with a
 * colon.  A section of the article whose bulk is such a list (the patches sent, the sources
 * named) is judged by the rest of its text, when that is at least ANNOUNCED_CONTEXT
 * characters: an announcement and a directory of links alone is still a link block. */
#define ANNOUNCED_CONTEXT 150

static void
announced_lists (Extractor *ex, xmlNode *root, xmlNode *node, guint32 *text, guint32 *links)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      Info *ci = c->type == XML_ELEMENT_NODE ? info_of (ex, c) : NULL;
      if (ci == NULL || ci->text == 0 || (ci->flags & F_SKIP))
        continue;
      if (!(ci->kind & K_LIST))
        {
          announced_lists (ex, root, c, text, links);
          continue;
        }
      xmlNode *at = c, *before;
      for (;;)
        {
          before = at->prev;
          while (before && before->type != XML_ELEMENT_NODE)
            before = before->prev;
          if (before || at->parent == NULL || at->parent == root)
            break;
          at = at->parent;
        }
      if (before && ends_with_colon (before))
        *text += ci->text, *links += ci->links;
    }
}

/* Whether the <footer> @node is the page's, not an article's: HTML gives a footer to its
 * nearest sectioning ancestor, and one with none (no article, section, aside, main, nav)
 * is the site's: its addresses, disclaimers and forms, however much text they hold. */
static gboolean
is_page_footer (Extractor *ex, xmlNode *node)
{
  for (xmlNode *n = node->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    {
      const Info *info = info_of (ex, n);
      if (info == NULL)
        continue;
      switch (info->tag)
        {
        case T_ARTICLE: case T_SECTION: case T_ASIDE: case T_MAIN: case T_NAV:
          return FALSE;
        default:
          break;
        }
    }
  return TRUE;
}

/* Whether the writer leaves out the subtree of @info (boilerplate inside the article). */
static gboolean
drop_subtree (Writer *w, Info *info, gboolean is_root)
{
  Extractor *ex = w->ex;
  if (info->flags & F_SKIP)
    return TRUE;
  if (is_root)
    return FALSE;
  gboolean recall = ex->options->favor == HTML_FAVOR_RECALL;
  switch (info->tag)
    {
    case T_NAV: case T_FIGCAPTION: case T_H1: case T_CAPTION:
      return TRUE;
    case T_ASIDE:
      if (!is_text_box (info))
        return TRUE;
      break;

    case T_ARTICLE:
      if (is_story_card (w, info))
        return TRUE;
      break;
    case T_HEADER:
      /* An article's header holds its headline (dropped above), byline and date (junk
       * classes) and sometimes a standfirst, which is kept. */
      if (info->ptext < 80)
        return TRUE;
      break;
    case T_FOOTER:
      if (is_page_footer (ex, info->node))
        return TRUE;
      /* fall through */
    case T_FORM: case T_FIELDSET:
      if (info->ptext * 2 < w->root_text || info->text < 200)
        return TRUE;
      break;
    case T_FIGURE:
      /* An image, a chart, an embed with its caption; but a <figure> that holds a table
       * is the table (WordPress wraps every table block in one): judged as a table. */
      if (info->ptext < 200 && !(ex->options->keep_tables && holds_table (ex, info->node)))
        return TRUE;
      break;
    case T_TABLE:
      if (!ex->options->keep_tables && info->ptext * 4 < info->text)
        return TRUE; /* a data table, not a layout one */
      break;
    default:
      break;
    }
  if ((info->hints & H_JUNK) && !(info->hints & (H_BODY | H_ARTICLE_BODY))
      && (info->text * 2 < w->root_text || info->tag == T_A || !(info->kind & K_CONTAINER)))
    return !recall || (info->hints & H_UNLIKELY);
  if ((info->hints & H_UNLIKELY) && !(info->hints & H_POSITIVE) && info->text * 3 < w->root_text && !recall
      && !is_prose (info))
    return TRUE;
  /* Link lists and link-heavy containers: navigation, related stories.  A table (or the
   * wrappers around one) with text outside its links is data: the companies, each linked,
   * and their revenue. */
  gboolean table = info->tag == T_TABLE || info->tag == T_TBODY || info->tag == T_THEAD
                   || info->tag == T_TFOOT || info->tag == T_TR;
  if ((info->kind & K_CONTAINER) && info->text > 0
      && !(link_density (info) < 0.9
           && (table || ((info->tag == T_DIV || info->tag == T_FIGURE) && holds_table (ex, info->node)))))
    {
      double density = link_density (info);
      gboolean links = FALSE;
      /* A feed of other stories: several headline links, perhaps with a teaser each. */
      if (info->link_items >= 3 && info->link_items * 3 >= info->items * 2
          && density > ex->max_link_density * 0.6 && info->text * 2 < w->root_text)
        links = TRUE;
      else if ((info->kind & K_LIST) && density > ex->max_link_density * 0.9)
        links = TRUE;
      else if (density > ex->max_link_density && info->text * 2 < w->root_text)
        links = TRUE;
      /* But a list that a sentence of the article announces is its text (the patches, the
       * sources it names), unless nothing of the article follows it: trim_edges drops it
       * then, with its announcement ("If you liked this, you may like:"). */
      if (links && ((info->kind & K_LIST) || wraps_a_list (ex, info->node)) && w->announced_root == NULL
          && after_colon (w))
        {
          w->announced_root = info->node;
          return FALSE;
        }
      if (links && w->announced_root && is_ancestor (w->announced_root, info->node))
        return FALSE; /* the list inside an announced wrapper */
      if (links && !(info->kind & K_LIST))
        {
          guint32 listed = 0, listed_links = 0;
          announced_lists (ex, info->node, info->node, &listed, &listed_links);
          /* More than an announcement and its list ("Looking for a mover? Check out these
           * resources:", a directory of links): text of the article's own around it. */
          if (listed && info->text >= listed + ANNOUNCED_CONTEXT
              && (double) (info->links - listed_links) / (info->text - listed) <= ex->max_link_density)
            return FALSE;
        }
      return links;
    }
  return FALSE;
}

/* The items of an ordered list keep their numbers ("1. Lettuce", "2. Tomatoes"), as the page
 * shows them: the number is the item's first word, and the list reads as the page's steps or
 * ranks.  <ol start="N"> counts from N. */
static void
enter_list (Writer *w, xmlNode *node, guint8 tag)
{
  ListLevel level = { node, LIST_UNNUMBERED };
  if (tag == T_OL)
    {
      g_autofree char *start = html_attr (node, "start");
      gint64 first = start ? g_ascii_strtoll (start, NULL, 10) : 1;
      level.number = (first > -1000000 && first < 1000000 ? first : 1) - 1;
    }
  if (w->lists == NULL)
    w->lists = g_array_new (FALSE, FALSE, sizeof (ListLevel));
  g_array_append_val (w->lists, level);
}

static void
leave_list (Writer *w, xmlNode *node)
{
  if (w->lists && w->lists->len && g_array_index (w->lists, ListLevel, w->lists->len - 1).node == node)
    g_array_set_size (w->lists, w->lists->len - 1);
}

/* An item of the innermost list: its number waits for the item's first text. */
static void
enter_item (Writer *w)
{
  w->item_number = 0;
  if (w->lists == NULL || w->lists->len == 0)
    return;
  ListLevel *level = &g_array_index (w->lists, ListLevel, w->lists->len - 1);
  if (level->number != LIST_UNNUMBERED)
    w->item_number = ++level->number;
}

/* Writes the pending item number before @text, unless @text is white space only or opens
 * with a digit already (an item that numbers itself: "1. Thinkific"). */
static void
write_item_number (Writer *w, const char *text)
{
  const char *c = text;
  while (*c && g_ascii_isspace (*c))
    c++;
  if (*c == '\0')
    return;
  gint64 number = w->item_number;
  w->item_number = 0;
  if (g_ascii_isdigit (*c) || w->current->len)
    return;
  g_string_append_printf (w->current, "%" G_GINT64_FORMAT ". ", number);
  w->pending_space = FALSE;
  if (w->href && w->link_start < w->current->len)
    w->link_start = w->current->len;
}

static void
write_subtree (Writer *w, xmlNode *root)
{
  Extractor *ex = w->ex;
  xmlNode *node = root;
  while (node)
    {
      gboolean descend = FALSE;
      if (node->type == XML_ELEMENT_NODE)
        {
          Info *info = info_of (ex, node);
          if (info && !drop_subtree (w, info, node == root))
            {
              descend = node->children != NULL;
              if ((info->hints & H_HIDDEN) && w->hidden_root == NULL && descend)
                w->hidden_root = node;
              if (info->tag == T_BR || info->tag == T_HR)
                flush (w);
              else if (info->kind & K_BLOCK)
                {
                  if (ex->options->keep_tables && w->in_table_row && (info->tag == T_TD || info->tag == T_TH))
                    {
                      if (w->current->len)
                        g_string_append (w->current, " | ");
                      w->pending_space = FALSE;
                    }
                  else
                    flush (w);
                  if (info->kind & K_HEADING)
                    w->heading = info->tag - T_H1 + 1;
                  if (info->tag == T_LI)
                    {
                      w->li_depth++;
                      enter_item (w);
                    }
                  else if (info->tag == T_OL || info->tag == T_UL)
                    enter_list (w, node, info->tag);
                  if (info->tag == T_TR && ex->options->keep_tables)
                    w->in_table_row = TRUE;
                }
              else if (info->tag == T_A && ex->options->keep_links)
                {
                  g_free (w->href);
                  w->href = html_attr (node, "href");
                  w->link_start = w->current->len + (w->pending_space && w->current->len ? 1 : 0);
                }
            }
        }
      else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          gboolean in_link = FALSE, in_pre = FALSE;
          for (xmlNode *up = node->parent; up && up != root->parent; up = up->parent)
            {
              Info *a = info_of (ex, up);
              if (a == NULL)
                continue;
              if (a->tag == T_A)
                in_link = TRUE;
              if (a->kind & K_BLOCK)
                {
                  in_pre = a->tag == T_PRE;
                  break;
                }
            }
          gsize before = w->current->len;
          const char *text = (const char *) node->content;
          g_autofree char *repaired = may_be_mojibake (text) ? repair_mojibake (text) : NULL;
          if (repaired)
            text = repaired;
          w->last_text = node;
          if (w->item_number)
            {
              write_item_number (w, text);
              before = w->current->len; /* the number is no link's text */
            }
          if (in_pre)
            append_preformatted (w->current, text, &w->pending_space);
          else
            html_append_collapsed (w->current, text, &w->pending_space);
          if (in_link)
            w->link_bytes += w->current->len - before;
        }
      if (descend)
        {
          node = node->children;
          continue;
        }
      for (;;)
        {
          if (node->type == XML_ELEMENT_NODE)
            {
              Info *info = info_of (ex, node);
              if (info && !(info->flags & F_SKIP))
                {
                  if (info->tag == T_OL || info->tag == T_UL)
                    leave_list (w, node);
                  if (info->tag == T_LI && w->li_depth)
                    {
                      flush (w);
                      w->li_depth--;
                      w->item_number = 0;
                    }
                  else if (info->tag == T_TR && w->in_table_row)
                    {
                      flush (w);
                      w->in_table_row = FALSE;
                    }
                  else if ((info->kind & K_BLOCK) && !(w->in_table_row && (info->tag == T_TD || info->tag == T_TH)))
                    flush (w);
                  else if (info->tag == T_A && w->href)
                    {
                      if (w->current->len > w->link_start)
                        {
                          if (w->links == NULL)
                            w->links = g_array_new (FALSE, FALSE, sizeof (HtmlSpan));
                          HtmlSpan span = { w->link_start, w->current->len, g_steal_pointer (&w->href) };
                          g_array_append_val (w->links, span);
                        }
                      g_clear_pointer (&w->href, g_free);
                    }
                }
              if (node == w->hidden_root)
                {
                  flush (w);
                  w->hidden_root = NULL;
                }
              if (node == w->announced_root)
                {
                  flush (w);
                  w->announced_root = NULL;
                }
            }
          if (node == root)
            {
              flush (w);
              return;
            }
          if (node->next)
            {
              node = node->next;
              break;
            }
          node = node->parent;
        }
    }
}

/* Whether @text has a full stop before a space or at its end (before a last newline at
 * most): what the pattern "\\.( |$)" matched, without a regular expression to compile (or to
 * keep for the process). */
static gboolean
ends_a_sentence (const char *text)
{
  for (const char *p = strchr (text, '.'); p; p = strchr (p + 1, '.'))
    if (p[1] == ' ' || p[1] == '\0' || (p[1] == '\n' && p[2] == '\0'))
      return TRUE;
  return FALSE;
}

/* Readability's sibling test: parts of the article that sit next to the best container. */
static gboolean
sibling_belongs (Extractor *ex, Info *top, Info *sibling)
{
  if (sibling->flags & F_SKIP)
    return FALSE;
  float threshold = MAX (10.0f, top->score * (float) ex->sibling_factor);
  if ((sibling->flags & F_SCORED) && sibling->score * (1.0 - link_density (sibling)) >= threshold)
    return TRUE;
  if (sibling->tag == T_P || (sibling->kind & K_LIST && sibling->ptext > 0))
    {
      double density = link_density (sibling);
      if (sibling->text > 80 && density < 0.25)
        return TRUE;
      if (sibling->text > 0 && sibling->text <= 80 && density == 0 && sibling->own > 0)
        {
          xmlChar *content = xmlNodeGetContent (sibling->node);
          gboolean sentence = content && ends_a_sentence ((const char *) content);
          xmlFree (content);
          return sentence;
        }
    }
  return FALSE;
}

/* The word 4-grams of @text as hashes: what the page's copies share whatever their markup
 * (a Markdown copy, curly or straight quotes).  Words are runs of letters and digits. */
static void
word_shingles (const char *text, GArray *out)
{
  guint32 window[4] = { 0, 0, 0, 0 };
  guint words = 0;
  const unsigned char *p = (const unsigned char *) text;
  g_array_set_size (out, 0);
  while (*p)
    {
      guint32 h = 2166136261u;
      gboolean any = FALSE;
      for (;;)
        {
          /* U+2000..U+206F (quotes, dashes, spaces) separate words like ASCII punctuation. */
          if (p[0] == 0xE2 && p[1] == 0x80)
            break;
          if (!(g_ascii_isalnum (*p) || *p >= 0x80))
            break;
          h = (h ^ html_ascii_lower (*p)) * 16777619u;
          any = TRUE;
          p++;
        }
      if (any)
        {
          window[words++ % 4] = h;
          if (words >= 4)
            {
              guint32 s = 0;
              for (guint i = 0; i < 4; i++)
                s = (s ^ window[(words + i) % 4]) * 16777619u + i;
              g_array_append_val (out, s);
            }
          continue;
        }
      p += (p[0] == 0xE2 && p[1] == 0x80 && p[2]) ? 3 : 1;
    }
}

/* Whether half of @p's word 4-grams are in @seen (a copy of text already kept, perhaps with
 * markup or links of its own); if not, its 4-grams are added to @seen.  Short paragraphs are
 * never copies here. */
static gboolean
is_copy (const HtmlParagraph *p, GHashTable *seen, GArray *shingles)
{
  word_shingles (p->text, shingles);
  if (shingles->len >= 10)
    {
      guint found = 0;
      for (guint i = 0; i < shingles->len; i++)
        found += g_hash_table_contains (seen, GUINT_TO_POINTER (g_array_index (shingles, guint32, i) | 1));
      if (found * 2 >= shingles->len)
        return TRUE;
    }
  for (guint i = 0; i < shingles->len; i++)
    g_hash_table_add (seen, GUINT_TO_POINTER (g_array_index (shingles, guint32, i) | 1));
  return FALSE;
}

/* A run of RUN paragraphs seen before, as a run, is a copy: a menu or a list of sections
 * repeated through the page, the short lines of a duplicated block.  (Shorter runs repeat
 * on purpose: the same labels, "Pros", "Cons", under every product of a review.) */
#define RUN 5

static gboolean
same_run (gpointer *all, const gsize *a, const gsize *b)
{
  for (guint k = 0; k < RUN; k++)
    if (all[a[k]] == NULL /* dropped as part of a later copy */
        || strcmp (((HtmlParagraph *) all[a[k]])->text, ((HtmlParagraph *) all[b[k]])->text) != 0)
      return FALSE;
  return TRUE;
}

static void
drop_repeated_runs (gpointer *all, gsize n)
{
  if (n < 2 * RUN)
    return;
  /* Runs by the hash of their texts: the first run of each hash, as indexes. */
  g_autoptr (GHashTable) runs = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gsize window[RUN];
  guint hashes[RUN];
  guint filled = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (all[i] == NULL)
        continue;
      memmove (window, window + 1, (RUN - 1) * sizeof window[0]);
      memmove (hashes, hashes + 1, (RUN - 1) * sizeof hashes[0]);
      window[RUN - 1] = i;
      hashes[RUN - 1] = ((HtmlParagraph *) all[i])->hash;
      if (++filled < RUN)
        continue;
      guint h = 17;
      for (guint k = 0; k < RUN; k++)
        h = h * 31 + hashes[k];
      gsize *first = g_hash_table_lookup (runs, GUINT_TO_POINTER (h));
      if (first == NULL)
        g_hash_table_insert (runs, GUINT_TO_POINTER (h), g_memdup2 (window, sizeof window));
      /* Not overlapping its first copy ("A, A, A, A, A, A" is a list, not a copy). */
      else if (first[RUN - 1] < window[0] && same_run (all, first, window))
        {
          for (guint k = 0; k < RUN; k++)
            {
              html_paragraph_free (all[window[k]]);
              all[window[k]] = NULL;
            }
          filled = 0;
        }
    }
}

/* Pages carry the same article twice (a mobile and a desktop layout, one hidden by CSS
 * media queries we do not evaluate; a print copy; a hidden Markdown source): a paragraph
 * seen before is dropped, and so is a hidden one whose words mostly are in visible text.
 * Hidden paragraphs are judged after all visible ones, so the visible copy is the one kept.
 * Short ones ("Pros", "Cons") may repeat legitimately. */
/* Paragraphs by their text, each text hashed once (drop_repeats). */
static guint
paragraph_hash (gconstpointer p)
{
  return ((const HtmlParagraph *) p)->hash;
}

static gboolean
paragraph_equal (gconstpointer a, gconstpointer b)
{
  return strcmp (((const HtmlParagraph *) a)->text, ((const HtmlParagraph *) b)->text) == 0;
}

static void
drop_repeats (GPtrArray *paragraphs)
{
  for (guint i = 0; i < paragraphs->len; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
      p->hash = g_str_hash (p->text);
    }
  g_autoptr (GHashTable) seen = g_hash_table_new (paragraph_hash, paragraph_equal);
  g_autoptr (GHashTable) seen_shingles = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) shingles = g_array_new (FALSE, FALSE, sizeof (guint32));
  gsize n;
  g_autofree gpointer *all = g_ptr_array_steal (paragraphs, &n);
  gboolean any_hidden = FALSE;
  for (gsize i = 0; i < n && !any_hidden; i++)
    any_hidden = ((HtmlParagraph *) all[i])->hidden;
  for (int hidden = 0; hidden <= 1; hidden++)
    for (gsize i = 0; i < n; i++)
      {
        HtmlParagraph *p = all[i];
        if (p == NULL || p->hidden != hidden)
          continue;
        gboolean long_enough = strlen (p->text) >= 40;
        /* (g_hash_table_add would replace the stored key with the one about to be freed.) */
        /* Visible paragraphs that are merely alike (rows of a training plan, the same
         * disclaimer under each product) are the page's text, repeated on purpose. */
        gboolean copy = any_hidden && is_copy (p, seen_shingles, shingles) && hidden;
        if ((long_enough && g_hash_table_contains (seen, p)) || copy)
          {
            html_paragraph_free (p);
            all[i] = NULL;
            continue;
          }
        if (long_enough)
          g_hash_table_add (seen, p);
      }
  drop_repeated_runs (all, n);
  for (gsize i = 0; i < n; i++)
    if (all[i])
      g_ptr_array_add (paragraphs, all[i]);
}

/* The calls to action a template repeats under every item of a list ("Compare deals with
 * leasing.com", "Read the full Kia EV6 review", "Check out all our Nuuly reviews."): short,
 * linked, three times or more the same but for the name in the middle, and apart.  They are the
 * site's, not the article's, and all of them go.  (Repeated text without a link, "Pros" or
 * "Price: $20", is the items' own.) */
#define CALL_REPEATS 3

static char *
call_template (const HtmlParagraph *p)
{
  gsize n = strlen (p->text);
  if (p->heading || p->link_bytes == 0 || n > 100 || strstr (p->text, " | "))
    return NULL;
  /* The first two words and the last one. */
  const char *first_end = strchr (p->text, ' ');
  if (first_end == NULL)
    return NULL;
  const char *second_end = strchr (first_end + 1, ' ');
  const char *last = strrchr (p->text, ' ');
  if (second_end == NULL || last == NULL || last <= second_end)
    return NULL;
  return g_strdup_printf ("%.*s\x1f%s", (int) (second_end - p->text), p->text, last + 1);
}

static gboolean is_sentence (const HtmlParagraph *p);

static void
drop_repeated_calls (GPtrArray *paragraphs)
{
  /* key -> occurrences apart, and the index of the sentences count at the last one */
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) last_at = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gboolean any = FALSE;
  guint sentences = 1; /* running text seen so far, + 1 so that 0 means "never" */
  for (guint i = 0; i < paragraphs->len; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
      char *key = call_template (p);
      g_ptr_array_add (keys, key);
      if (key == NULL)
        {
          sentences += is_sentence (p);
          continue;
        }
      /* Items of one list are alike on purpose ("Google Ads Video Certification"): a
       * template's calls are apart, each under running text of its own item. */
      guint last = GPOINTER_TO_UINT (g_hash_table_lookup (last_at, key));
      if (last == sentences)
        continue;
      g_hash_table_insert (last_at, key, GUINT_TO_POINTER (sentences));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1;
      g_hash_table_replace (counts, g_strdup (key), GUINT_TO_POINTER (count));
      any |= count >= CALL_REPEATS;
    }
  if (!any)
    return;
  for (guint i = paragraphs->len; i-- > 0;)
    {
      const char *key = g_ptr_array_index (keys, i);
      if (key && GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) >= CALL_REPEATS)
        g_ptr_array_remove_index (paragraphs, i);
    }
}

/* A feed of other stories after the article: cards of a headline that is all link (to the
 * other story) and a teaser or two under it, three cards or more, up to the article's end
 * (a heading over the feed goes in trim_edges).  The article's own sections have headings of
 * text; a list whose every item's title is linked (restaurants, channels) has linked titles
 * before the run as well, or is the bulk of its page, where a feed is less than the article
 * before it. */
#define FEED_CARDS 3
#define TEASER_MAX 600

static gboolean
is_linked_headline (const HtmlParagraph *p)
{
  gsize n = strlen (p->text);
  return p->heading && n < 200 && p->link_bytes * 10 >= n * 9;
}

static void
drop_story_feed (GPtrArray *paragraphs)
{
  guint start = paragraphs->len, cards = 0;
  gsize feed = 0, total = 0;
  for (guint i = 0; i < paragraphs->len; i++)
    total += strlen (((HtmlParagraph *) g_ptr_array_index (paragraphs, i))->text);
  while (start > 0)
    {
      guint j = start;
      gsize card = 0;
      while (j > 0 && start - j < 2)
        {
          const HtmlParagraph *p = g_ptr_array_index (paragraphs, j - 1);
          gsize n = strlen (p->text);
          if (p->heading || n >= TEASER_MAX)
            break;
          card += n;
          j--;
        }
      if (j == 0 || !is_linked_headline (g_ptr_array_index (paragraphs, j - 1)))
        break;
      j--;
      card += strlen (((HtmlParagraph *) g_ptr_array_index (paragraphs, j))->text);
      start = j, feed += card, cards++;
    }
  if (cards < FEED_CARDS || feed >= total - feed)
    return;
  /* Items of the article's own list (the restaurants, the channels, each linked) have linked
   * titles before the run too. */
  for (guint i = 0; i < start; i++)
    if (is_linked_headline (g_ptr_array_index (paragraphs, i)))
      return;
  g_ptr_array_set_size (paragraphs, start);
}

/* A paragraph that reads like running text: long enough, or a finished sentence. */
static gboolean
is_sentence (const HtmlParagraph *p)
{
  gsize n = strlen (p->text);
  if (p->heading)
    return FALSE;
  if (n >= 100)
    return TRUE;
  const char *end = p->text + n;
  const char *last = g_utf8_find_prev_char (p->text, end);
  if (last == NULL)
    return FALSE;
  gunichar c = g_utf8_get_char (last);
  if (c == '"' || c == 0x201D || c == ')' || c == 0x2019)
    {
      last = g_utf8_find_prev_char (p->text, last);
      c = last ? g_utf8_get_char (last) : 0;
    }
  return n >= 25 && (c == '.' || c == '!' || c == '?' || c == ':' || c == 0x3002);
}

/* Drops what surrounds the running text: a closing section ("About the author") and the
 * stray labels, dates and buttons before the first and after the last real paragraph. */
static void
trim_edges (Extractor *ex, GPtrArray *paragraphs)
{
  guint first_sentence = G_MAXUINT;
  for (guint i = 0; i < paragraphs->len && first_sentence == G_MAXUINT; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
      if (!p->closing && is_sentence (p))
        first_sentence = i;
    }
  gsize total = 0;
  for (guint i = 0; i < paragraphs->len; i++)
    total += strlen (((HtmlParagraph *) g_ptr_array_index (paragraphs, i))->text);
  gsize before = 0;
  for (guint i = 0; ex->options->favor != HTML_FAVOR_RECALL && first_sentence != G_MAXUINT
                    && i < paragraphs->len; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
      if (i > first_sentence && (p->closing == CLOSING_ALWAYS
                                 || (p->closing == CLOSING_AT_END && total - before < before)))
        {
          g_ptr_array_set_size (paragraphs, i);
          break;
        }
      before += strlen (p->text);
    }
  /* The closing headings that closed nothing are boilerplate all the same. */
  for (guint i = paragraphs->len; i-- > 0;)
    if (((HtmlParagraph *) g_ptr_array_index (paragraphs, i))->closing)
      {
        g_ptr_array_remove_index (paragraphs, i);
        if (first_sentence != G_MAXUINT && i < first_sentence)
          first_sentence--;
      }
  /* Announced link lists that nothing of the article follows (labels at most) are a "see
   * also" after all: they go, and so does a short sentence that announced them. */
  guint last = paragraphs->len;
  while (last > 0 && !is_sentence (g_ptr_array_index (paragraphs, last - 1))
         && !((HtmlParagraph *) g_ptr_array_index (paragraphs, last - 1))->announced)
    last--;
  guint labels = last;
  while (last > 0 && ((HtmlParagraph *) g_ptr_array_index (paragraphs, last - 1))->announced)
    last--;
  if (last < labels && first_sentence != G_MAXUINT && last > first_sentence)
    {
      const char *intro = ((HtmlParagraph *) g_ptr_array_index (paragraphs, last - 1))->text;
      gsize n = strlen (intro);
      if (n && n < 120 && intro[n - 1] == ':' && last - 1 > first_sentence)
        last--;
      g_ptr_array_set_size (paragraphs, last);
    }
  if (ex->options->favor == HTML_FAVOR_RECALL || first_sentence == G_MAXUINT)
    return;
  guint end = paragraphs->len;
  /* Precision: stray labels and buttons after the last real paragraph go too. */
  while (ex->options->favor == HTML_FAVOR_PRECISION && end > first_sentence + 1
         && !is_sentence (g_ptr_array_index (paragraphs, end - 1)))
    end--;
  /* Headings with nothing after them announce what was dropped ("Related stories"); the
   * counts of likes and comments under an article are no text. */
  while (end > first_sentence + 1 && (((HtmlParagraph *) g_ptr_array_index (paragraphs, end - 1))->heading
                                      || has_no_letter (((HtmlParagraph *) g_ptr_array_index (paragraphs, end - 1))->text)))
    end--;
  g_ptr_array_set_size (paragraphs, end);
  /* Before the first sentence: keep headings (a section title), drop short labels. */
  guint kept = 0;
  for (guint i = 0; i < first_sentence; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (paragraphs, kept);
      if (!p->heading && nf_utf8_length (p->text, -1) < 50)
        g_ptr_array_remove_index (paragraphs, kept);
      else
        kept++;
    }
}

/* What follows the article in the container chosen for it: when most of the text
 * (MAIN_SHARE_PERCENT) sits in one element, the article is that element, and the blocks after
 * its last paragraph, outside it, are what the site puts under every article: a call to action
 * ("Get a free quote today"), its addresses, a newsletter box, a disclaimer, its services.
 * They go when they hold a label (a heading, a line that is no sentence), unless they are
 * running text of their own (TAIL_PROSE_PARAGRAPHS paragraphs of TAIL_PROSE characters:
 * questions and answers, a last section in a wrapper of its own).  What comes before the main
 * element's last paragraph is the article's whatever its wrappers, and so are the siblings
 * that extract_once added to the container.  One walk up from each kept paragraph, at most
 * TAIL_CLIMB levels (pages nest 100,000 deep): an element further up is never the main one. */
#define MAIN_SHARE_PERCENT 80
#define TAIL_PROSE 150
#define TAIL_PROSE_PARAGRAPHS 3
#define TAIL_CLIMB 64

/* Whether @ancestor is @node or one of its TAIL_CLIMB nearest ancestors. */
static gboolean
is_near_ancestor (xmlNode *ancestor, xmlNode *node)
{
  for (int level = 0; node && level <= TAIL_CLIMB; node = node->parent, level++)
    if (node == ancestor)
      return TRUE;
  return FALSE;
}

/* The deepest element that holds MAIN_SHARE_PERCENT of the text of @paragraphs; NULL when
 * none does or a paragraph has no element. */
static xmlNode *
main_element (Extractor *ex, GPtrArray *paragraphs)
{
  gsize total = 0;
  for (guint i = 0; i < paragraphs->len; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
      if (p->block == NULL)
        return NULL;
      total += strlen (p->text);
    }
  /* The text of the kept paragraphs under each element, by the element's Info index. */
  g_autofree gsize *under = g_new0 (gsize, ex->infos->len);
  for (guint i = 0; i < paragraphs->len; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
      gsize n = strlen (p->text);
      xmlNode *node = p->block;
      for (int level = 0; node && level <= TAIL_CLIMB; node = node->parent, level++)
        if (node->type == XML_ELEMENT_NODE && node->_private)
          under[GPOINTER_TO_SIZE (node->_private) - 1] += n;
    }
  /* The deepest element with the share: the elements that have it are one chain, the
   * deepest holds the least text. */
  xmlNode *article = NULL;
  gsize article_text = G_MAXSIZE;
  for (guint i = 0; i < paragraphs->len; i++)
    {
      xmlNode *node = ((HtmlParagraph *) g_ptr_array_index (paragraphs, i))->block;
      for (int level = 0; node && level <= TAIL_CLIMB; node = node->parent, level++)
        {
          if (node->type != XML_ELEMENT_NODE || node->_private == NULL)
            continue;
          gsize n = under[GPOINTER_TO_SIZE (node->_private) - 1];
          if (n * 100 >= total * MAIN_SHARE_PERCENT)
            {
              if (n < article_text)
                article = node, article_text = n;
              break;
            }
        }
    }
  return article;
}

static void
drop_tail_outside_main (Extractor *ex, GPtrArray *paragraphs)
{
  if (ex->options->favor == HTML_FAVOR_RECALL || paragraphs->len < 2)
    return;
  xmlNode *article = main_element (ex, paragraphs);
  if (article == NULL)
    return;
  guint last = paragraphs->len;
  while (last > 0 && !is_near_ancestor (article, ((HtmlParagraph *) g_ptr_array_index (paragraphs, last - 1))->block))
    last--;
  if (last == 0 || last == paragraphs->len)
    return;
  guint root = ((HtmlParagraph *) g_ptr_array_index (paragraphs, last - 1))->root;
  guint prose = 0;
  gboolean label = FALSE;
  for (guint i = last; i < paragraphs->len; i++)
    {
      const HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
      const char *text = p->text;
      /* A sibling of the container that was judged to belong with it (Readability's siblings:
       * the article's last paragraph in a wrapper of its own) is the article's. */
      if (p->root != root)
        return;
      if (strlen (text) >= TAIL_PROSE && nf_utf8_length (text, -1) >= TAIL_PROSE && ++prose >= TAIL_PROSE_PARAGRAPHS)
        return;
      label |= !is_sentence (p);
    }
  /* Sentences alone may be the article's last words in a wrapper of their own ("Councillors
   * will meet again next week"); a site's block has a label: a heading, an address, a button. */
  if (label)
    g_ptr_array_set_size (paragraphs, last);
}

static gsize
total_length (GPtrArray *paragraphs)
{
  gsize n = 0;
  for (guint i = 0; i < paragraphs->len; i++)
    n += nf_utf8_length (((HtmlParagraph *) g_ptr_array_index (paragraphs, i))->text, -1);
  return n;
}

/* ---- the block model (blocks.c) ---- */

/* How far up a block's hints are looked for: the wrapper of a teaser or of a site's box is
 * a few levels above its text, the article's container further. */
#define SHAPE_HINT_LEVELS 4
/* Depths are counted this far up at most: libxml2 stops at 256 levels, and the depth only
 * tells a block apart from its neighbours'. */
#define SHAPE_MAX_DEPTH 256

/* What the walk found about @p's element, for the block model's features. */
static void
block_shape (Extractor *ex, const HtmlParagraph *p, xmlNode *main, HtmlBlockShape *shape)
{
  memset (shape, 0, sizeof *shape);
  shape->sentence = is_sentence (p);
  if (p->block == NULL)
    return;
  shape->outside_main = main && !is_near_ancestor (main, p->block);
  shape->parent = p->block->parent;
  gboolean tagged = FALSE;
  guint hint_levels = 0;
  for (xmlNode *node = p->block; node && shape->depth < SHAPE_MAX_DEPTH; node = node->parent)
    {
      shape->depth++;
      Info *info = node->type == XML_ELEMENT_NODE ? info_of (ex, node) : NULL;
      if (info == NULL)
        continue;
      if (!tagged && (info->kind & K_BLOCK))
        {
          tagged = TRUE;
          switch (info->tag)
            {
            case T_P: shape->tag = HTML_BLOCK_TAG_P; break;
            case T_LI: case T_DD: case T_DT: shape->tag = HTML_BLOCK_TAG_LI; break;
            case T_TD: case T_TH: shape->tag = HTML_BLOCK_TAG_CELL; break;
            case T_BLOCKQUOTE: shape->tag = HTML_BLOCK_TAG_QUOTE; break;
            default: break;
            }
        }
      if (hint_levels++ < SHAPE_HINT_LEVELS)
        shape->hints |= ((info->hints & H_JUNK) ? HTML_BLOCK_HINT_JUNK : 0)
                        | ((info->hints & H_UNLIKELY) ? HTML_BLOCK_HINT_UNLIKELY : 0)
                        | ((info->hints & H_POSITIVE) ? HTML_BLOCK_HINT_POSITIVE : 0)
                        | ((info->hints & (H_BODY | H_ARTICLE_BODY)) ? HTML_BLOCK_HINT_BODY : 0)
                        | ((info->hints & H_CODE) ? HTML_BLOCK_HINT_CODE : 0);
    }
}

/* One line per paragraph into the block dump: the features, a tab, the text on one line. */
static void
dump_blocks (GString *dump, GPtrArray *paragraphs, const double *features)
{
  for (guint i = 0; i < paragraphs->len; i++)
    {
      const double *f = features + (gsize) i * HTML_BLOCK_N_FEATURES;
      for (guint k = 0; k < HTML_BLOCK_N_FEATURES; k++)
        g_string_append_printf (dump, k ? " %.6g" : "%.6g", f[k]);
      g_string_append_c (dump, '\t');
      for (const char *c = ((HtmlParagraph *) g_ptr_array_index (paragraphs, i))->text; *c; c++)
        g_string_append_c (dump, *c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c);
      g_string_append_c (dump, '\n');
    }
}

/* The block model's look at the body that the rules left, and the dump of its features. */
static void
judge_blocks (Extractor *ex, GPtrArray *paragraphs)
{
  const HtmlOptions *options = ex->options;
  if ((options->block_model == NULL && options->block_dump == NULL) || paragraphs->len == 0)
    return;
  g_autofree HtmlBlockShape *shapes = g_new (HtmlBlockShape, paragraphs->len);
  xmlNode *main = main_element (ex, paragraphs);
  for (guint i = 0; i < paragraphs->len; i++)
    block_shape (ex, g_ptr_array_index (paragraphs, i), main, &shapes[i]);
  g_autofree double *features = g_new (double, (gsize) paragraphs->len * HTML_BLOCK_N_FEATURES);
  html_blocks_features (paragraphs, shapes, features);
  if (ex->dump)
    {
      g_string_truncate (ex->dump, 0);
      dump_blocks (ex->dump, paragraphs, features);
    }
  if (options->block_model)
    html_blocks_apply (options->block_model, paragraphs, features);
}

static GPtrArray *
write_article (Extractor *ex, xmlNode **roots, guint n_roots)
{
  Writer w = { .ex = ex, .paragraphs = g_ptr_array_new_with_free_func (html_paragraph_free),
               .current = g_string_sized_new (1024) };
  for (guint i = 0; i < n_roots; i++)
    w.root_text += info_of (ex, roots[i])->text;
  for (guint i = 0; i < n_roots; i++)
    {
      w.root = i;
      write_subtree (&w, roots[i]);
    }
  flush (&w);
  g_string_free (w.current, TRUE);
  if (w.links)
    g_array_unref (w.links);
  if (w.lists)
    g_array_unref (w.lists);
  g_free (w.href);
  drop_repeats (w.paragraphs);
  drop_repeated_calls (w.paragraphs);
  drop_story_feed (w.paragraphs);
  trim_edges (ex, w.paragraphs);
  drop_tail_outside_main (ex, w.paragraphs);
  judge_blocks (ex, w.paragraphs);
  return w.paragraphs;
}


/* Whether a child or grandchild of @node has @hint and is measured. */
static gboolean
holds_hint (Extractor *ex, xmlNode *node, guint8 hint)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      Info *ci = c->type == XML_ELEMENT_NODE ? info_of (ex, c) : NULL;
      if (ci == NULL || (ci->flags & F_SKIP))
        continue;
      if (ci->hints & hint)
        return TRUE;
      for (xmlNode *g = c->children; g; g = g->next)
        {
          Info *gi = g->type == XML_ELEMENT_NODE ? info_of (ex, g) : NULL;
          if (gi && !(gi->flags & F_SKIP) && (gi->hints & hint))
            return TRUE;
        }
    }
  return FALSE;
}

/* The article cut in parts of the same body class, each in a wrapper of its own (a summary
 * box, then the body): from the wrappers that hold nothing but @top, the siblings that hold
 * a part too are the article's.  @roots holds @top alone and gets the parts in page order. */
static void
add_wrapped_parts (Extractor *ex, Info *top, guint8 hint, GPtrArray *roots)
{
  xmlNode *anchor = top->node;
  for (int level = 0; level < 3; level++)
    {
      Info *up = anchor->parent ? info_of (ex, anchor->parent) : NULL;
      if (up == NULL || up->tag == T_BODY || up->tag == T_HTML || up->text != info_of (ex, anchor)->text)
        break;
      anchor = anchor->parent;
    }
  if (anchor == top->node || anchor->parent == NULL)
    return;
  g_ptr_array_set_size (roots, 0);
  for (xmlNode *s = anchor->parent->children; s; s = s->next)
    {
      Info *info = s->type == XML_ELEMENT_NODE ? info_of (ex, s) : NULL;
      if (info == NULL || (info->flags & F_SKIP))
        continue;
      if (s == anchor)
        g_ptr_array_add (roots, top->node);
      else if ((info->hints & hint) || holds_hint (ex, s, hint))
        g_ptr_array_add (roots, s);
    }
}

static GPtrArray *
extract_once (Extractor *ex, MeasureMode mode)
{
  xmlNode *body = ex->body;
  measure (ex, body, mode);
  Info *top = top_candidate (ex);
  Info *markup = markup_candidate (ex);
  if (top == NULL && markup == NULL)
    {
      xmlNode *roots[] = { body };
      return write_article (ex, roots, 1);
    }
  if (markup && markup != top)
    {
      gboolean use = FALSE;
      if (top == NULL)
        use = TRUE;
      else if (is_ancestor (markup->node, top->node))
        use = link_density (markup) < 0.35;
      else if (is_ancestor (top->node, markup->node))
        use = markup->ptext * 10 >= top->ptext * 6;
      else
        use = markup->ptext >= top->ptext;
      if (use)
        top = markup;
    }
  /* The container plus the siblings that belong with it: more blocks of the same body
   * class (the article cut in parts around images), or what Readability would add. */
  g_autoptr (GPtrArray) roots = g_ptr_array_new ();
  xmlNode *parent = top->node->parent;
  guint8 body_hint = top->hints & (H_BODY | H_ARTICLE_BODY);
  if (parent && top->tag != T_BODY && info_of (ex, parent))
    {
      for (xmlNode *s = parent->children; s; s = s->next)
        {
          if (s->type != XML_ELEMENT_NODE)
            continue;
          Info *info = info_of (ex, s);
          if (info == NULL)
            continue;
          if (info == top || sibling_belongs (ex, top, info)
              || (body_hint && (info->hints & body_hint) && !(info->flags & F_SKIP)))
            g_ptr_array_add (roots, s);
        }
    }
  else
    g_ptr_array_add (roots, top->node);
  if (body_hint && roots->len == 1)
    add_wrapped_parts (ex, top, body_hint, roots);
  return write_article (ex, (xmlNode **) roots->pdata, roots->len);
}

void
html_paragraph_free (gpointer data)
{
  HtmlParagraph *p = data;
  g_free (p->text);
  if (p->links)
    {
      for (guint i = 0; i < p->links->len; i++)
        g_free (g_array_index (p->links, HtmlSpan, i).href);
      g_array_unref (p->links);
    }
  g_free (p);
}

/* The JSON-LD articleBody as paragraphs (split at line breaks). */
static GPtrArray *
paragraphs_from_text (const char *text)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (html_paragraph_free);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (char **line = lines; *line; line++)
    {
      GString *out = g_string_new (NULL);
      gboolean pending = FALSE;
      html_append_collapsed (out, *line, &pending);
      if (out->len)
        {
          HtmlParagraph *p = g_new0 (HtmlParagraph, 1);
          p->text = g_string_free (out, FALSE);
          g_ptr_array_add (paragraphs, p);
        }
      else
        g_string_free (out, TRUE);
    }
  return paragraphs;
}

GPtrArray *
html_extract_content (htmlDocPtr doc, const HtmlOptions *options, const HtmlMeta *meta)
{
  Extractor ex = { .infos = g_array_sized_new (FALSE, FALSE, sizeof (Info), 1024), .options = options, .meta = meta,
                   .texts = g_array_sized_new (FALSE, FALSE, sizeof (TextCount), 1024) };
  switch (options->favor)
    {
    case HTML_FAVOR_PRECISION:
      ex.max_link_density = 0.33; ex.sibling_factor = 0.3; break;
    case HTML_FAVOR_RECALL:
      ex.max_link_density = 0.65; ex.sibling_factor = 0.1; break;
    default:
      ex.max_link_density = 0.5; ex.sibling_factor = 0.2; break;
    }
  ex.other_text_weight = 0.5;
  xmlNode *root = xmlDocGetRootElement (doc);
  GPtrArray *best = NULL;
  if (root)
    {
      prepare (&ex, root);
      /* From <html>, not <body>: libxml2 puts what follows a stray </body> or </html>
       * beside the body, and sometimes that is the article. */
      ex.body = root;
      gsize min_length = options->min_length > 0 ? (gsize) options->min_length : 0;
      measure (&ex, ex.body, MEASURE_ALL);
      /* The dump is of the body that is returned: each pass writes its own. */
      g_autoptr (GString) first_dump = options->block_dump ? g_string_new (NULL) : NULL;
      g_autoptr (GString) second_dump = options->block_dump ? g_string_new (NULL) : NULL;
      ex.dump = first_dump;
      best = extract_once (&ex, options->favor != HTML_FAVOR_RECALL ? MEASURE_LIKELY : MEASURE_VISIBLE);
      GString *best_dump = first_dump;
      gsize length = total_length (best);
      /* Too little: the class hints removed the article; try without them. */
      if (length < MAX (min_length, 250u) && options->favor != HTML_FAVOR_RECALL)
        {
          ex.dump = second_dump;
          GPtrArray *second = extract_once (&ex, MEASURE_VISIBLE);
          gsize second_length = total_length (second);
          if (second_length > length)
            {
              g_ptr_array_unref (best);
              best = second;
              best_dump = second_dump;
              length = second_length;
            }
          else
            g_ptr_array_unref (second);
        }
      /* The publisher's own copy of the body, when the page gave far less. */
      if (meta->article_body && nf_utf8_length (meta->article_body, -1) > MAX (length * 2, 200u))
        {
          g_ptr_array_unref (best);
          best = paragraphs_from_text (meta->article_body);
          best_dump = NULL; /* no blocks of the page's: nothing to learn from */
        }
      if (options->block_dump && best_dump)
        g_string_append_len (options->block_dump, best_dump->str, best_dump->len);
      /* The elements of the paragraphs are the tree's, which the caller frees. */
      for (guint i = 0; i < best->len; i++)
        ((HtmlParagraph *) g_ptr_array_index (best, i))->block = NULL;
      /* Leave libxml2's tree as we found it: _private pointed into our array. */
      for (guint i = 0; i < ex.infos->len; i++)
        g_array_index (ex.infos, Info, i).node->_private = NULL;
      for (guint i = 0; i < ex.texts->len; i++)
        g_array_index (ex.texts, TextCount, i).node->psvi = NULL;
    }
  g_array_unref (ex.infos);
  g_array_unref (ex.texts);
  return best ? best : g_ptr_array_new_with_free_func (html_paragraph_free);
}
