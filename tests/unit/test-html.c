/* test-html.c: the building blocks of parse "html" on small hand-written pages: what the
 * content extractor keeps and drops, where metadata comes from, charsets, broken pages. */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include <libxml/HTMLtree.h>

#include "html-private.h"

typedef struct {
  HtmlMeta *meta;
  char     *text;      /* paragraphs joined by "\n\n" */
  GPtrArray *paragraphs;
  char     *charset;
  gboolean  too_deep;
} Page;

static void
page_free (Page *page)
{
  html_meta_free (page->meta);
  g_free (page->text);
  g_free (page->charset);
  g_ptr_array_unref (page->paragraphs);
  g_free (page);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static Page *
read_page_with (const char *bytes, gsize length, const char *content_type, const HtmlOptions *options);

static Page *
read_page_bytes (const char *bytes, gsize length, const char *content_type, HtmlFavor favor)
{
  HtmlOptions options = { .favor = favor, .min_length = 250 };
  return read_page_with (bytes, length, content_type, &options);
}

static Page *
read_page_with (const char *bytes, gsize length, const char *content_type, const HtmlOptions *options)
{
  Page *page = g_new0 (Page, 1);
  gsize text_length;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = html_decode ((const guint8 *) bytes, length, content_type, &text_length,
                                       &page->charset, &error);
  assert_non_null (text);
  assert_true (g_utf8_validate (text, text_length, NULL));
  htmlDocPtr doc = html_parse_utf8 (text, text_length, NULL, &page->too_deep);
  assert_non_null (doc);
  page->meta = html_meta_new ();
  html_meta_read (doc, page->meta);
  page->paragraphs = html_extract_content (doc, options, page->meta);
  xmlFreeDoc (doc);
  GString *joined = g_string_new (NULL);
  for (guint i = 0; i < page->paragraphs->len; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (page->paragraphs, i);
      assert_true (g_utf8_validate (p->text, -1, NULL));
      g_string_append_printf (joined, "%s%s", i ? "\n\n" : "", p->text);
    }
  page->text = g_string_free (joined, FALSE);
  return page;
}

static Page *
read_page (const char *html)
{
  return read_page_bytes (html, strlen (html), "text/html", HTML_FAVOR_BALANCED);
}

#define assert_not_contains(haystack, needle)                                              \
  do {                                                                                     \
    const char *h_ = (haystack), *n_ = (needle);                                           \
    if (h_ != NULL && strstr (h_, n_) != NULL)                                             \
      fail_msg ("expected \"%s\" not to contain \"%s\"", h_, n_);                          \
  } while (0)

/* Three real-looking paragraphs, enough text for the extractor to be sure. */
#define STORY                                                                              \
  "<p>The city council voted on Tuesday to expand the river park, adding twelve hectares " \
  "of wetland, two footbridges and a cycle path along the eastern bank.</p>"               \
  "<p>Supporters said the plan, which costs 14 million euros, would protect homes from "   \
  "floods, while critics argued that the money was needed for schools and buses.</p>"      \
  "<p>Work starts in March, the mayor said, and the first section opens next summer, "     \
  "weather permitting, with the rest following in stages over three years.</p>"

static void
test_navigation_list_is_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li></ul></nav>"
    "<div class='menu'><a href='/a'>Politics</a> <a href='/b'>Business</a></div>"
    "<article><h1>River park grows</h1>" STORY
    "<ul class='links'><li><a href='/1'>Another story about parks</a></li>"
    "<li><a href='/2'>Yet another story about rivers</a></li></ul></article>"
    "<footer><p>Copyright The Daily Planet, all rights reserved, since 1901.</p></footer></body></html>");
  assert_contains (page->text, "The city council voted on Tuesday");
  assert_contains (page->text, "with the rest following in stages over three years.");
  assert_not_contains (page->text, "Home");
  assert_not_contains (page->text, "Politics");
  assert_not_contains (page->text, "Another story about parks");
  assert_not_contains (page->text, "Copyright");
  /* The headline is the title, not a paragraph of the body. */
  assert_not_contains (page->text, "River park grows");
}

static void
test_block_quote_and_headings_are_kept (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<blockquote><p>We have waited forty years for this park, and now it is finally here.</p></blockquote>"
    "<h2>What happens next</h2>"
    "<p>The council will publish the detailed plans in January, after a consultation.</p>"
    "<ul><li>Twelve hectares of wetland restored to the river</li><li>Two new footbridges over the water</li></ul>"
    "</article></body></html>");
  assert_contains (page->text, "\n\nWe have waited forty years for this park, and now it is finally here.\n\n");
  assert_contains (page->text, "\n\nWhat happens next\n\n");
  assert_contains (page->text, "\n\nTwelve hectares of wetland restored to the river\n\n");
  gboolean heading = FALSE;
  for (guint i = 0; i < page->paragraphs->len; i++)
    {
      HtmlParagraph *p = g_ptr_array_index (page->paragraphs, i);
      if (strcmp (p->text, "What happens next") == 0)
        heading = p->heading == 2;
    }
  assert_true (heading);
}

static void
test_boilerplate_inside_article_is_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><head><style>p { color: red }</style><script>var tracking = 'Secret script text';</script></head>"
    "<body><article><div class='share-bar'><a href='#'>Share on Facebook</a> <a href='#'>Tweet this story</a></div>"
    STORY
    "<figure><img src='park.jpg'><figcaption>The river park at dawn. Photo: Jane Doe</figcaption></figure>"
    "<div style='display: none'>Hidden newsletter pop-up text</div>"
    "<form><label>Email</label><input name='e'><button>Subscribe to our newsletter</button></form>"
    "<div id='comments'><p>Great article, thanks for writing it, I loved every word!</p></div>"
    "<aside class='related'><h3>Related</h3><p><a href='/x'>Parks in other cities are growing too</a></p></aside>"
    "</article></body></html>");
  assert_contains (page->text, "Supporters said the plan");
  const char *gone[] = { "Share on Facebook", "Secret script text", "color: red", "The river park at dawn",
                         "Hidden newsletter", "Subscribe", "Great article", "Parks in other cities" };
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    assert_not_contains (page->text, gone[i]);
}

/* A call to sign up for the site's newsletter is the site's, wherever it stands; a sentence
 * about newsletters, or a sign-up that sends no letters, is the article's. */
static void
test_newsletter_calls_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<h3>Join Our Newsletter</h3>"
    "<p>Want more from the Daily Planet? Sign up for our newsletter, The Riverside, and never miss "
    "a story about the parks of the city.</p>"
    "<p>Sign up now to get the freshest updates on the city's parks delivered straight to your inbox!</p>"
    "<p>The council's own newsletter reached 68,000 subscribers last year, the mayor's office said.</p>"
    "<p>Sign up for the guided walks opens in April, and places are free for residents of the city.</p>"
    "</article></body></html>");
  assert_contains (page->text, "Work starts in March");
  assert_not_contains (page->text, "Join Our Newsletter");
  assert_not_contains (page->text, "The Riverside");
  assert_not_contains (page->text, "freshest updates");
  assert_contains (page->text, "68,000 subscribers");
  assert_contains (page->text, "guided walks opens in April");
}

/* A caption that ends with its photo credit is not the article's text; a sentence that holds
 * a bracket or the word "photo" is. */
static void
test_captions_ending_in_a_credit_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<p>The eastern bank of the river at dawn. Photo by: 'Jane Doe'.</p>"
    "<p>A portrait of the mayor in 2004 (Picture credit: Getty)</p>"
    "<p>Residents sent in pictures of the floods. Photos by readers will hang in the town hall "
    "until the end of the summer, the mayor said.</p>"
    "<p>The mayor posed for a photo by the new footbridge (the first of two) on Friday.</p>"
    "</article></body></html>");
  assert_contains (page->text, "Work starts in March");
  assert_not_contains (page->text, "eastern bank of the river at dawn");
  assert_not_contains (page->text, "A portrait of the mayor");
  assert_contains (page->text, "posed for a photo by the new footbridge");
  assert_contains (page->text, "Photos by readers will hang");
}

/* An invitation to follow the site on social networks is the site's; the article's people
 * following someone else, and a writer's paragraph that ends with one, are the article's. */
static void
test_follow_prompts_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<p>Follow us on Telegram, Facebook, Instagram and YouTube for the latest news and updates "
    "from the city.</p>"
    "<p>Read the council's plans in full on its website, and follow us on Instagram and TikTok "
    "to stay up to date with the works.</p>"
    "<p>The mayor told residents to follow him on Instagram, where he posts the works each week.</p>"
    "<p>I hope this guide helps you find your way around the new park this summer. If you have "
    "questions, follow me on Bluesky or write to the council.</p>"
    "</article></body></html>");
  assert_contains (page->text, "Work starts in March");
  assert_not_contains (page->text, "latest news and updates");
  assert_not_contains (page->text, "stay up to date with the works");
  assert_contains (page->text, "follow him on Instagram");
  assert_contains (page->text, "follow me on Bluesky");
}

/* Boilerplate lines are matched without case on their ASCII letters, and as g_utf8_strdown
 * would lower them when a character lowers to an ASCII letter (the Kelvin sign is a "k"). */
static void
test_boilerplate_lines_without_case (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<p>ADVERTISEMENT</p>"
    "<p>Clic\xe2\x84\xaa here for the full schedule</p>"
    "<p>Text and pictures of this page belong to the Daily Planet, ALL Rights Reserved, "
    "reprinted with permission of the editors.</p>"
    "<p>Advertisers\xe2\x80\x99 own stories are told somewhere else, the editor said later on.</p>"
    "<p>The footbridges open in May, two weeks after the cycle path, the council said.</p>"
    "</article></body></html>");
  assert_contains (page->text, "Work starts in March");
  assert_not_contains (page->text, "ADVERTISEMENT");
  assert_not_contains (page->text, "here for the full schedule");
  assert_not_contains (page->text, "reprinted with permission");
  assert_contains (page->text, "Advertisers\xe2\x80\x99 own stories");
  assert_contains (page->text, "The footbridges open in May");
}

/* The block model (blocks.c) drops the kept blocks it calls boilerplate with high
 * probability and leaves the rest: a model that knows one feature, a label (no sentence)
 * at the very end of the body, takes away such a line the rules kept and no paragraph. */
static void
test_block_model_drops_what_it_calls_boilerplate (G_GNUC_UNUSED void **state)
{
  static const char page_html[] =
    "<html><body><article><h1>River park grows</h1>" STORY
    "<div><p>Tours of the river park from 99 euros</p></div></article></body></html>";
  g_autoptr (GError) error = NULL;
  HtmlBlockModel *model = html_block_model_new_from_text ("# a test model\nthreshold 0.95\nmax-share 0.5\n"
                                                          "bias -8\ntail_label 12\n", &error);
  assert_non_null (model);
  HtmlOptions options = { .favor = HTML_FAVOR_BALANCED, .min_length = 250 };
  g_autoptr (Page) without = read_page_with (page_html, strlen (page_html), "text/html", &options);
  assert_contains (without->text, "Tours of the river park");
  options.block_model = model;
  g_autoptr (Page) with = read_page_with (page_html, strlen (page_html), "text/html", &options);
  assert_not_contains (with->text, "Tours of the river park");
  assert_contains (with->text, "The city council voted on Tuesday");
  assert_contains (with->text, "with the rest following in stages over three years.");
  html_block_model_free (model);
  /* A model file that names an unknown feature is refused, not read in part. */
  assert_null (html_block_model_new_from_text ("bias -1\nno_such_feature 2\n", &error));
}

static void
test_json_ld_wins_over_open_graph (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html lang='en-GB'><head><title>River park grows | The Daily Planet</title>"
    "<meta property='og:title' content='River park grows - The Daily Planet'>"
    "<meta property='article:published_time' content='2024-01-01T00:00:00Z'>"
    "<meta property='og:site_name' content='The Daily Planet'>"
    "<meta name='author' content='Somebody Else'>"
    "<link rel='canonical' href='https://planet.example/park'>"
    "<script type='application/ld+json'>{\"@context\": \"https://schema.org\", \"@graph\": ["
    "{\"@type\": \"WebSite\", \"name\": \"Planet\"},"
    "{\"@type\": \"NewsArticle\", \"headline\": \"River park grows by twelve hectares\","
    " \"datePublished\": \"2025-03-04T10:15:00+01:00\", \"dateModified\": \"2025-03-05\","
    " \"author\": [{\"@type\": \"Person\", \"name\": \"Jane Doe\"}, {\"@type\": \"Person\", \"name\": \"John Roe\"}],"
    " \"keywords\": \"parks, rivers\", \"articleSection\": \"City\"}]}</script></head>"
    /* The page shows its authors (metadata names it never shows are no byline). */
    "<body><article>" STORY "<p>Jane Doe and John Roe report for the Planet.</p></article></body></html>");
  HtmlMeta *meta = page->meta;
  assert_string_equal (meta->published, "2025-03-04T10:15:00+01:00");
  assert_string_equal (meta->modified, "2025-03-05");
  assert_string_equal (meta->title, "River park grows by twelve hectares");
  assert_int_equal (meta->authors->len, 2);
  assert_string_equal (g_ptr_array_index (meta->authors, 0), "Jane Doe");
  assert_string_equal (meta->site_name, "The Daily Planet");
  assert_string_equal (meta->url, "https://planet.example/park");
  assert_string_equal (meta->language, "en");
  assert_string_equal (meta->section, "City");
  assert_int_equal (meta->tags->len, 2);
  assert_string_equal (g_ptr_array_index (meta->tags, 1), "rivers");
  /* JSON-LD's datePublished beats article:published_time; dateModified is not it. */
  assert_true (meta->has_published);
  assert_string_equal (meta->published_source, "json-ld");
  g_autoptr (GDateTime) date = nf_date_to_utc (&meta->published_date);
  assert_non_null (date);
  assert_int_equal (g_date_time_to_unix (date), 1741079700);
}

static void
test_open_graph_and_meta_when_no_json_ld (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><head><title>Ignored title | Planet</title>"
    "<meta property='og:title' content='River park grows | The Daily Planet'>"
    "<meta property='og:site_name' content='The Daily Planet'>"
    "<meta property='og:description' content='Twelve hectares more.'>"
    "<meta name='twitter:image' content='https://planet.example/t.jpg'>"
    "<meta property='og:image' content='https://planet.example/og.jpg'>"
    "<meta name='keywords' content='parks; rivers'></head>"
    "<body><article><p class='byline'>By <a rel='author' href='/jd'>Jane Doe</a></p>"
    "<time datetime='2025-02-01T08:00:00Z'>1 February</time>" STORY "</article></body></html>");
  HtmlMeta *meta = page->meta;
  assert_string_equal (meta->title, "River park grows");
  assert_string_equal (meta->description, "Twelve hectares more.");
  assert_string_equal (meta->image, "https://planet.example/og.jpg");
  assert_string_equal (meta->published, "2025-02-01T08:00:00Z");
  assert_int_equal (meta->authors->len, 1);
  assert_string_equal (g_ptr_array_index (meta->authors, 0), "Jane Doe");
  assert_int_equal (meta->tags->len, 2);
}

static void
test_visible_headline_is_the_title (G_GNUC_UNUSED void **state)
{
  /* The <h1> readers see beats an SEO title that says the same thing in other words... */
  g_autoptr (Page) a = read_page (
    "<html><head><meta property='og:title' content='River park grows: council backs 14m plan for the park'>"
    "</head><body><header><h1 class='logo'>The Daily Planet</h1></header>"
    "<article><h1>River park grows by twelve hectares</h1>" STORY "</article></body></html>");
  assert_string_equal (a->meta->title, "River park grows by twelve hectares");
  /* ...but an <h1> that is only the site's name or a section does not. */
  g_autoptr (Page) b = read_page (
    "<html><head><title>River park grows by twelve hectares | Planet</title></head>"
    "<body><h1>Local news</h1><article>" STORY "</article></body></html>");
  assert_string_equal (b->meta->title, "River park grows by twelve hectares");
}

static void
test_byline_element_gives_authors (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article><h1>River park grows</h1><div class='article-byline'>By Jane Doe and John Roe</div>"
    STORY "<div class='teaser'><span class='byline'>By Somebody Else</span></div></article></body></html>");
  assert_int_equal (page->meta->authors->len, 2);
  assert_string_equal (g_ptr_array_index (page->meta->authors, 1), "John Roe");
  assert_not_contains (page->text, "By Jane Doe");
}

static void
test_title_suffix_is_removed (G_GNUC_UNUSED void **state)
{
  const struct { const char *title, *site, *want; } cases[] = {
    { "River park grows | The Daily Planet", "The Daily Planet", "River park grows" },
    { "The Daily Planet - River park grows", "The Daily Planet", "River park grows" },
    { "River park grows by twelve hectares – Planet News", NULL, "River park grows by twelve hectares" },
    { "Mayor says: park opens in March", NULL, "Mayor says: park opens in March" },
    { "Q&A - Why?", NULL, "Q&A - Why?" },
    { "  River   park\n grows  ", NULL, "River park grows" },
    { "Fish &amp; chips &#8211; a history", NULL, "Fish & chips – a history" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = html_clean_title (cases[i].title, cases[i].site);
      assert_string_equal (clean, cases[i].want);
    }
}

static void
test_legacy_charsets_are_converted (G_GNUC_UNUSED void **state)
{
  /* "Café à Zürich" in windows-1252, declared by <meta charset>. */
  const char latin[] = "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 \xe0 Z\xfcrich</title></head>"
                       "<body><p>Caf\xe9 \x93quoted\x94 \x96 fine</p></body></html>";
  g_autoptr (Page) a = read_page_bytes (latin, sizeof latin - 1, "text/html", HTML_FAVOR_BALANCED);
  assert_string_equal (a->charset, "WINDOWS-1252");
  assert_string_equal (a->meta->title, "Café à Zürich");
  assert_contains (a->text, "Café “quoted” – fine");

  /* The HTTP header beats the page's own declaration. */
  const char koi8[] = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'>"
                      "<title>\xf0\xd2\xc9\xd7\xc5\xd4</title></head><body></body></html>";
  g_autoptr (Page) b = read_page_bytes (koi8, sizeof koi8 - 1, "text/html; charset=KOI8-R", HTML_FAVOR_BALANCED);
  assert_string_equal (b->meta->title, "Привет");

  /* Shift_JIS from <meta http-equiv>. */
  const char sjis[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
                      "<title>\x93\xfa\x96\x7b</title></head><body></body></html>";
  g_autoptr (Page) c = read_page_bytes (sjis, sizeof sjis - 1, NULL, HTML_FAVOR_BALANCED);
  assert_string_equal (c->meta->title, "日本");

  /* A UTF-16 page with its byte-order mark. */
  const char utf16[] = "\xff\xfe<\0t\0i\0t\0l\0e\0>\0\xe9\0t\0\xe9\0<\0/\0t\0i\0t\0l\0e\0>\0";
  g_autoptr (Page) d = read_page_bytes (utf16, sizeof utf16 - 1, NULL, HTML_FAVOR_BALANCED);
  assert_string_equal (d->meta->title, "été");

  /* No declaration and bytes that are not UTF-8: windows-1252, as browsers do. */
  const char bare[] = "<title>na\xefve</title>";
  g_autoptr (Page) e = read_page_bytes (bare, sizeof bare - 1, NULL, HTML_FAVOR_BALANCED);
  assert_string_equal (e->meta->title, "naïve");

  /* Declared UTF-8 but broken: the bad byte becomes U+FFFD, the rest survives. */
  const char broken[] = "<title>ok \xff here</title>";
  g_autoptr (Page) f = read_page_bytes (broken, sizeof broken - 1, "text/html; charset=utf-8", HTML_FAVOR_BALANCED);
  assert_string_equal (f->meta->title, "ok \xEF\xBF\xBD here");
}

static void
test_entities_and_white_space (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<p>  Fish &amp; chips&nbsp;cost &euro;5,\n\t&#8220;cheap&#8221;   they&#x27;re not.  </p>"
    "<p>A family &#128104;&zwj;&#128105; of&#5760;three&#8287;and a&#8239;half, Bundes&shy;regierung&#8203;.</p>"
    "<p>&zwj;</p></article></body></html>");
  assert_contains (page->text, "\n\nFish & chips cost €5, “cheap” they're not.");
  assert_not_contains (page->text, "  ");
  /* The core's white space (newsflow/text.h): every Unicode space, the Ogham and medium
   * mathematical ones included; a joiner kept inside an emoji sequence, a lone one (an empty
   * paragraph) dropped. */
  assert_contains (page->text, "A family 👨\u200d👩 of three and a half, Bundesregierung.");
  assert_not_contains (page->text, "\n\n\u200d");
}

static void
test_json_ld_article_body_is_the_fallback (G_GNUC_UNUSED void **state)
{
  /* A page whose body is rendered by a script: only JSON-LD has the text. */
  g_autoptr (Page) page = read_page (
    "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Park\","
    " \"articleBody\": \"The city council voted on Tuesday to expand the river park, adding twelve hectares of wetland.\\n"
    "Supporters said the plan would protect homes from floods, while critics wanted money for schools. "
    "Work starts in March and the first section opens next summer, weather permitting.\"}</script></head>"
    "<body><div id='root'><a href='/'>Home</a></div></body></html>");
  assert_int_equal (page->paragraphs->len, 2);
  assert_contains (page->text, "adding twelve hectares of wetland.\n\nSupporters said");
}

static void
test_best_container_among_siblings (G_GNUC_UNUSED void **state)
{
  /* No semantic markup at all: the scoring must find the story among link lists. */
  g_autoptr (Page) page = read_page (
    "<html><body><div id='top'><a href='/'>Home</a> | <a href='/n'>News</a> | <a href='/s'>Sport</a></div>"
    "<div id='main'><div class='c1'>" STORY "</div>"
    "<div class='c2'><p>Councillors will meet again next week to discuss the budget, which is tight.</p></div></div>"
    "<div id='side'><p><a href='/1'>Most read: a cat, a hat and a mat</a></p>"
    "<p><a href='/2'>Most read: the weather will be fine, maybe</a></p></div></body></html>");
  assert_contains (page->text, "The city council voted");
  assert_contains (page->text, "Councillors will meet again");
  assert_not_contains (page->text, "Most read");
  assert_not_contains (page->text, "Sport");
}

static void
test_nested_div_bomb_survives (G_GNUC_UNUSED void **state)
{
  GString *html = g_string_new ("<html><body><p>Before the bomb.</p>");
  for (int i = 0; i < 100000; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "<p>Deep inside.</p>");
  for (int i = 0; i < 100000; i++)
    g_string_append (html, "</div>");
  g_string_append (html, "</body></html>");
  g_autoptr (Page) page = read_page_bytes (html->str, html->len, "text/html", HTML_FAVOR_BALANCED);
  assert_true (page->too_deep);
  assert_contains (page->text, "Before the bomb.");
  g_string_free (html, TRUE);

  /* The same, never closed, with inline elements in between. */
  GString *unclosed = g_string_new ("<html><body>");
  for (int i = 0; i < 100000; i++)
    g_string_append (unclosed, "<div><span>x");
  g_autoptr (Page) other = read_page_bytes (unclosed->str, unclosed->len, NULL, HTML_FAVOR_RECALL);
  assert_true (other->too_deep);
  g_string_free (unclosed, TRUE);
}

static void
test_garbage_and_broken_markup (G_GNUC_UNUSED void **state)
{
  /* Unclosed tags everywhere: the paragraphs still come out. */
  g_autoptr (Page) a = read_page (
    "<html><body><div><article><p>The city council voted on Tuesday to expand the river park, adding"
    " twelve hectares of wetland <b>and two <i>footbridges<p>Supporters said the plan would protect"
    " homes from floods, while critics argued that the money was needed for schools.<p>Work starts");
  assert_contains (a->text, "and two footbridges");
  assert_contains (a->text, "\n\nSupporters said");

  /* Random bytes with NULs: valid UTF-8 out, no crash. */
  guint8 noise[20000];
  guint32 x = 12345;
  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) ((x = x * 1103515245u + 12345u) >> 16);
  g_autoptr (Page) b = read_page_bytes ((const char *) noise, sizeof noise, "text/html", HTML_FAVOR_BALANCED);
  assert_true (g_utf8_validate (b->text, -1, NULL));
}

static void
test_favor_changes_what_is_kept (G_GNUC_UNUSED void **state)
{
  /* A paragraph that is half links: recall keeps it, precision drops it. */
  const char *html = "<html><body><article>" STORY
                     "<p>See <a href='/a'>the council's full plan for the park</a> and read on here.</p>"
                     "</article></body></html>";
  g_autoptr (Page) recall = read_page_bytes (html, strlen (html), NULL, HTML_FAVOR_RECALL);
  g_autoptr (Page) precision = read_page_bytes (html, strlen (html), NULL, HTML_FAVOR_PRECISION);
  assert_contains (recall->text, "full plan for the park");
  assert_not_contains (precision->text, "full plan for the park");
}

static void
test_tables_and_links_on_request (G_GNUC_UNUSED void **state)
{
  const char *html = "<html><body><article>" STORY
                     "<table><tr><th>Stage</th><th>Opens</th></tr><tr><td>North bank</td><td>2026</td></tr></table>"
                     "<p>Details are in <a href='https://council.example/plan'>the plan</a>, the council said.</p>"
                     "</article></body></html>";
  HtmlOptions plain = { .favor = HTML_FAVOR_BALANCED, .min_length = 250 };
  g_autoptr (Page) a = read_page_with (html, strlen (html), NULL, &plain);
  assert_not_contains (a->text, "North bank");
  HtmlOptions rich = { .favor = HTML_FAVOR_BALANCED, .min_length = 250, .keep_tables = TRUE, .keep_links = TRUE };
  g_autoptr (Page) b = read_page_with (html, strlen (html), NULL, &rich);
  assert_contains (b->text, "\n\nStage | Opens\n\nNorth bank | 2026\n\n");
  HtmlParagraph *last = g_ptr_array_index (b->paragraphs, b->paragraphs->len - 1);
  assert_string_equal (last->text, "Details are in the plan, the council said.");
  assert_non_null (last->links);
  HtmlSpan *span = &g_array_index (last->links, HtmlSpan, 0);
  assert_int_equal (span->start, strlen ("Details are in "));
  assert_int_equal (span->end, strlen ("Details are in the plan"));
  assert_string_equal (span->href, "https://council.example/plan");
}

static guint
count_of (const char *haystack, const char *needle)
{
  guint n = 0;
  for (const char *at = strstr (haystack, needle); at; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* Shape 1: a feed of other stories inside the article's container, with no class that
 * says so: headline links with a short teaser each; and a "You may also like" section. */
static void
test_related_story_blocks_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>" STORY
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "<div class='grid'>"
    "<div><a href='/1'>Tram line to the airport delayed again after tender dispute</a><span>2 min</span></div>"
    "<div><a href='/2'>School budgets cut by three percent across the region</a><span>4 min</span></div>"
    "<div><a href='/3'>Mayor announces new bus routes for the northern districts</a><span>3 min</span></div>"
    "<div><a href='/4'>Heat wave expected to last until the weekend, forecasters say</a><span>1 min</span></div>"
    "</div>"
    "<h2>You may also like</h2>"
    "<p>Council approves new harbour wall after years of debate and two public inquiries.</p>"
    "</div></body></html>");
  assert_contains (page->text, "weather permitting, with the rest following in stages over three years.");
  assert_contains (page->text, "named after the engineer who designed the old ferry.");
  assert_not_contains (page->text, "Tram line to the airport");
  assert_not_contains (page->text, "Heat wave expected");
  assert_not_contains (page->text, "You may also like");
  assert_not_contains (page->text, "harbour wall");
}

/* Shape 4 too: a list of links that a sentence announces with a colon is the article's text
 * (the patches it lists, the sources it names); the same at the very end, with nothing of
 * the article after it, is a "see also" and goes with its announcement. */
static void
test_announced_link_lists_are_kept (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<p>Three changes to the plan were sent to the council for review:</p>"
    "<ul><li><a href='/c/1'>Move the cycle path away from the nesting area</a></li>"
    "<li><a href='/c/2'>Add a second footbridge near the old mill</a></li>"
    "<li><a href='/c/3'>Open the wetland boardwalk in winter</a></li></ul>"
    "<p>The council will vote on the changes in February, after a last public hearing in the town hall.</p>"
    "<p>If you liked this story, you may also like:</p>"
    "<ul><li><a href='/s/1'>Tram line to the airport delayed again</a></li>"
    "<li><a href='/s/2'>School budgets cut by three percent</a></li>"
    "<li><a href='/s/3'>New bus routes for the northern districts</a></li></ul>"
    "<p>Parks</p>"
    "</article></body></html>");
  assert_contains (page->text, "\n\nMove the cycle path away from the nesting area\n\n");
  assert_contains (page->text, "Open the wetland boardwalk in winter");
  assert_contains (page->text, "after a last public hearing in the town hall.");
  assert_not_contains (page->text, "Tram line");
  assert_not_contains (page->text, "you may also like");
}

/* A heading may announce the list as well ("<h4>Top picks:</h4>", then the products, each a
 * link): its items are the article's when the article goes on after them; at the very end,
 * the heading and its links are a "see also" all the same. */
static void
test_heading_announces_a_link_list (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<h4>Tools the park rangers recommend:</h4>"
    "<ul><li><h2><a href='https://shop.example/1'>Folding trail saw</a></h2></li>"
    "<li><h2><a href='https://shop.example/2'>Waders with boot feet</a></h2></li>"
    "<li><h2><a href='https://shop.example/3'>Wetland field guide</a></h2></li></ul>"
    "<p>The rangers will lend these to volunteers at the first planting day in April, the council said.</p>"
    "<p>Volunteers can sign up at the town hall until the end of March, or at the park office on weekends.</p>"
    "<h4>More stories from the river park:</h4>"
    "<ul><li><a href='/s/1'>Tram line to the airport delayed again</a></li>"
    "<li><a href='/s/2'>School budgets cut by three percent</a></li>"
    "<li><a href='/s/3'>New bus routes for the northern districts</a></li></ul>"
    "</article></body></html>");
  assert_contains (page->text, "Folding trail saw");
  assert_contains (page->text, "Wetland field guide");
  assert_contains (page->text, "at the first planting day in April");
  assert_not_contains (page->text, "Tram line");
  assert_not_contains (page->text, "More stories from the river park");
}

/* Shape 1 too: what follows the article inside its container without a class that says so:
 * an author box (a masthead title on a line of its own, then a bio), recommendations under
 * a heading that says so in other words, a list of sources.  A role word inside a sentence
 * or a longer heading closes nothing. */
static void
test_author_box_and_recommendations_close_the_article (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>" STORY
    "<h2>What the editor of the local paper thinks</h2>"
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "<div><div><a href='/by/jd'>Jane Doe</a></div><div>Senior Staff Writer</div>"
    "<p>Jane Doe has covered city hall and the river for ten years, and before that the courts.</p></div>"
    "</div></body></html>");
  assert_contains (page->text, "What the editor of the local paper thinks");
  assert_contains (page->text, "named after the engineer who designed the old ferry.");
  assert_not_contains (page->text, "Senior Staff Writer");
  assert_not_contains (page->text, "covered city hall");

  g_autoptr (Page) more = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>" STORY
    "<h3>More Articles You Might Enjoy</h3>"
    "<p>Council approves new harbour wall after years of debate and two public inquiries.</p>"
    "<h3>Article Sources</h3><p>City council, minutes of the meeting of 4 March, item 12.</p>"
    "</div></body></html>");
  assert_contains (more->text, "with the rest following in stages over three years.");
  assert_not_contains (more->text, "harbour wall");
  assert_not_contains (more->text, "minutes of the meeting");
}

/* The furniture under an article that names itself by its markup: the author's box with a
 * bio (a class that says so, or itemprop="author" on the box), a disclaimer or an affiliate
 * disclosure, the footnotes; and what follows a "Disclaimer" heading at the end. */
static void
test_author_bio_disclaimer_and_footnotes_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article><div class='entry-content'>" STORY
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "<div class='elementor-author-box'><p>Jane Doe has covered city hall and the river for ten "
    "years, and before that the courts, for papers in three states.</p></div>"
    "<div itemprop='author'><p>Joe Bloggs writes about parks and gardens, and has planted more "
    "trees than he can count in his own allotment by the river.</p></div>"
    "<div class='affiliate-disclosure'><p>We may earn a commission when you buy through links on "
    "this page, at no extra cost to you, which helps to pay for our reporting.</p></div>"
    "<section class='wp-block-footnotes'><ol><li>Minutes of the council meeting of 4 March, item "
    "12, as published on the council's website the day after.</li></ol></section>"
    "</div></article></body></html>");
  assert_contains (page->text, "named after the engineer who designed the old ferry.");
  assert_not_contains (page->text, "covered city hall");
  assert_not_contains (page->text, "more trees than he can count");
  assert_not_contains (page->text, "earn a commission");
  assert_not_contains (page->text, "Minutes of the council meeting");

  g_autoptr (Page) closing = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>" STORY
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "<h4>Disclaimer:</h4><p>This article is for general information only and is no substitute "
    "for advice from a qualified professional.</p>"
    "</div></body></html>");
  assert_contains (closing->text, "named after the engineer who designed the old ferry.");
  assert_not_contains (closing->text, "Disclaimer");
  assert_not_contains (closing->text, "general information only");

  /* A note in brackets after the heading changes nothing. */
  g_autoptr (Page) noted = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>" STORY
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "<h3>Footnotes ( returns to text)</h3><ol><li>Minutes of the council meeting of 4 March, "
    "item 12, as published on the council's website the day after the vote.</li></ol>"
    "</div></body></html>");
  assert_contains (noted->text, "named after the engineer who designed the old ferry.");
  assert_not_contains (noted->text, "Footnotes");
  assert_not_contains (noted->text, "Minutes of the council meeting");

  g_autoptr (Page) blogs = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>" STORY
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "<h2>Recent Blogs</h2><p>Ten things to do by the river this summer, from boat trips to the "
    "night market, and where to eat afterwards.</p>"
    "</div></body></html>");
  assert_contains (blogs->text, "named after the engineer who designed the old ferry.");
  assert_not_contains (blogs->text, "Recent Blogs");
  assert_not_contains (blogs->text, "Ten things to do");

  /* A rule drawn in text under the article sets off the site's own lines; a section break
   * ("* * *") inside it does not. */
  g_autoptr (Page) ruled = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>" STORY
    "<p>* * *</p>"
    "<p>The first footbridge will be named after the engineer who designed the old ferry, "
    "the council said, and the second after the school children who sent in the most votes.</p>"
    "<p>----------</p><p>Do you have a story about the river park? Tell us about it, and our "
    "team will look into it.</p>"
    "</div></body></html>");
  assert_contains (ruled->text, "who sent in the most votes.");
  assert_not_contains (ruled->text, "----------");
  assert_not_contains (ruled->text, "Do you have a story");
}

/* An id made from a section's heading ("menu-innovation-...") names no part of the page: the
 * section stays, whatever words its heading has.  A generated id after a component's name
 * ("modal_" and a UUID) still names the component. */
static void
test_heading_anchor_ids_are_not_hints (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<div id='menu-innovation-strategies-for-busy-caterers'><h2>Menu innovation strategies</h2>"
    "<p>Caterers who change their menu with the seasons report fewer leftovers and happier guests, "
    "the survey found, and most plan to add a vegetarian main course next year.</p></div>"
    "<div id='modal_2110a1e7-afbc-4454-a3d3-b691678ba1b8'><p>You are leaving our website for a site "
    "we do not operate, whose privacy rules may differ from ours.</p></div>"
    "</article></body></html>");
  assert_contains (page->text, "Caterers who change their menu with the seasons");
  assert_not_contains (page->text, "You are leaving our website");
}

/* An <aside> inside the article that holds paragraphs of its own (a box on the kinds of
 * diet, a side story) is the article's text; a sidebar of links or a short pull quote is not. */
static void
test_text_box_aside_is_kept (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<aside class='box'><h3>What the wetland does</h3><p>A wetland stores water after heavy rain "
    "and releases it slowly over the following days and weeks, so the river downstream rises less and "
    "later.</p><p>Reeds and sedges "
    "filter the water as it passes, and the birds that nest there keep insects in check all summer.</p></aside>"
    "<aside><p>\u201cThe river finally gets its room back.\u201d</p></aside>"
    "<aside><a href='/1'>Parks in other cities are growing too</a> <a href='/2'>The new tram line</a></aside>"
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "</article></body></html>");
  assert_contains (page->text, "A wetland stores water after heavy rain");
  assert_contains (page->text, "keep insects in check all summer.");
  assert_not_contains (page->text, "finally gets its room back");
  assert_not_contains (page->text, "Parks in other cities");
}

/* Under the article: the counts of likes and comments and a "Share" button are no text. */
static void
test_counters_and_buttons_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "<div><div><span>95</span></div><div><span>12</span></div><div>Share</div></div>"
    "</article></body></html>");
  assert_true (g_str_has_suffix (page->text, "who designed the old ferry."));
}

/* Shape 1 too: a grid of other stories as <article> cards (a linked headline and a teaser
 * each) after the article goes; the entries of a listicle, <article>s that make the bulk of
 * the text, stay. */
static void
test_story_cards_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>" STORY
    "<div class='grid'>"
    "<article><h3><a href='/1'>Tram line to the airport delayed</a></h3><p>The tender dispute drags on into its third year, and the opening slips again.</p></article>"
    "<article><h3><a href='/2'>School budgets cut again</a></h3><p>Three percent across the region, with the smallest schools hit hardest.</p></article>"
    "<article><h3><a href='/3'>New bus routes in the north</a></h3><p>Starting in the spring, four lines link the new estates to the centre.</p></article>"
    "</div></div></body></html>");
  assert_contains (page->text, "with the rest following in stages over three years.");
  assert_not_contains (page->text, "Tram line");
  assert_not_contains (page->text, "tender dispute");

  g_autoptr (Page) list = read_page (
    "<html><body><div class='wrap'><h1>Three parks to visit</h1><p>Our picks for the summer, from the city to the coast.</p><div>"
    "<article><h3><a href='/1'>River Park</a></h3><p>Twelve hectares of wetland, two footbridges and a "
    "cycle path along the eastern bank of the river.</p></article>"
    "<article><h3><a href='/2'>Harbour Gardens</a></h3><p>Old docks turned into lawns, with a cafe in "
    "the former customs house and concerts on Sundays.</p></article>"
    "<article><h3><a href='/3'>Mill Meadow</a></h3><p>A quiet meadow by the old mill, with a "
    "playground built from the timber of felled poplars.</p></article>"
    "</div></div></body></html>");
  assert_contains (list->text, "Old docks turned into lawns");
  assert_contains (list->text, "A quiet meadow by the old mill");
}

/* What a site puts after the article, outside the element that holds most of its text: a call
 * to action with a phone number, the offices' addresses.  It goes; a last part in a wrapper of
 * its own that is running text (questions and their answers) stays. */
#define LONG_STORY                                                                         \
  STORY                                                                                    \
  "<p>The first footbridge will be named after the engineer who designed the old ferry, "  \
  "a choice the council made unanimously after a public vote in the spring.</p>"           \
  "<p>Residents of the eastern bank, who lost their gardens in the floods of 2021, asked " \
  "for a say in the planting and will get two seats on the park's new board.</p>"           \
  "<p>The board meets four times a year, in public, and its first task is to choose the "   \
  "trees for the eastern bank from a list drawn up by the university's botanists.</p>"

static void
test_tail_outside_the_article_is_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>"
    "<div class='col'>" LONG_STORY "</div>"
    "<div class='box'><h3>Get a free quote today.</h3><p>A planner will contact you within 24 "
    "hours. Or skip the form and call now: 555 0100.</p></div>"
    "<div class='offices'><h3>USA</h3><p>116 Village Blvd, Suite 200, Princeton, NJ 08540</p>"
    "<h3>India</h3><p>Survey No. 11, 3rd Floor, Indraprastha, Gubbi Cross, Bengaluru</p></div>"
    "</div></body></html>");
  assert_contains (page->text, "will get two seats on the park's new board.");
  assert_not_contains (page->text, "free quote");
  assert_not_contains (page->text, "call now");
  assert_not_contains (page->text, "Village Blvd");

  g_autoptr (Page) faq = read_page (
    "<html><body><div class='wrap'><h1>River park grows</h1>"
    "<div class='col'>" LONG_STORY "</div>"
    "<div class='faq'><h3>When does the park open?</h3><p>The first section opens next summer, "
    "weather permitting; the council will announce the date in the spring, once the footbridges "
    "have passed their inspection.</p>"
    "<h3>Who pays for it?</h3><p>The city pays 14 million euros from its flood budget, and the "
    "region adds a grant for the cycle path, which is part of the regional network planned for "
    "the end of the decade.</p>"
    "<h3>Can dogs come?</h3><p>Dogs are welcome on a lead everywhere but in the wetland, where "
    "ground-nesting birds breed from March to July, and the rangers will enforce the rule from "
    "the first day.</p></div>"
    "</div></body></html>");
  assert_contains (faq->text, "will get two seats on the park's new board.");
  assert_contains (faq->text, "ground-nesting birds breed");
}

/* The article cut in two parts of the same body class, each in a wrapper of its own (an
 * introduction box, then the body): both are the article. */
static void
test_wrapped_body_parts_are_joined (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><div class='menu'><a href='/'>Home</a></div><div class='page'>"
    "<div class='intro-box'><div class='article-text'><p>Looking for a park for the summer? "
    "We walked all of them and picked the one worth the trip, with everything you need to know.</p></div></div>"
    "<div><div class='article-text'>" STORY "</div></div>"
    "<div class='sidebar'><p>Sign up for our weekly newsletter about parks and gardens.</p></div>"
    "</div></body></html>");
  assert_contains (page->text, "We walked all of them and picked the one worth the trip");
  assert_contains (page->text, "with the rest following in stages over three years.");
  assert_not_contains (page->text, "newsletter");
}

/* Shape 2: the article again in a hidden Markdown source, a display:none mobile copy and a
 * <template>; kept once.  A hidden part with text of its own (a collapsed section) stays. */
static void
test_hidden_duplicates_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<div class='more' hidden><p>The park also gets a new playground next to the old mill, with "
    "climbing frames made from the timber of the felled poplars, and a small cafe run by volunteers "
    "from the neighbourhood association, open on weekends from April to October.</p>"
    "<p>Dogs are welcome on a lead everywhere except the wetland boardwalks, where nesting birds come first.</p></div>"
    "<pre hidden aria-hidden='true'># River park grows\n\n_The city council voted on Tuesday to expand the "
    "river park_, adding twelve hectares of wetland, two footbridges and a cycle path along the "
    "eastern bank. [Supporters](/who) said the plan, which costs 14 million euros, would protect "
    "homes from floods, while critics argued that the money was needed for schools and buses.</pre>"
    "<div style='display: none'><p>Supporters said the plan, which costs 14 million euros, would "
    "protect homes from floods, while critics argued that the money was needed for schools and buses.</p></div>"
    "<template><p>Work starts in March, the mayor said, and the first section opens next summer.</p></template>"
    "</article></body></html>");
  assert_int_equal (count_of (page->text, "adding twelve hectares of wetland"), 1);
  assert_int_equal (count_of (page->text, "which costs 14 million euros"), 1);
  assert_int_equal (count_of (page->text, "Work starts in March"), 1);
  assert_not_contains (page->text, "# River park grows");
  assert_contains (page->text, "a new playground next to the old mill");
}

/* Shape 3: what a page shows without scripts is never the article. */
static void
test_noscript_text_is_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<noscript><p>Please enable JavaScript in your browser to view the comments powered by our partner.</p></noscript>"
    "<figure><noscript><div><img src='a.jpg' alt=''>Photo of the river park at dusk, seen from the old bridge</div></noscript></figure>"
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "</article><noscript>You need to enable JavaScript to run this app.</noscript></body></html>");
  assert_contains (page->text, "named after the engineer who designed the old ferry.");
  assert_not_contains (page->text, "enable JavaScript");
  assert_not_contains (page->text, "Photo of the river park");
}

/* A labelled notice of the site's ("Disclosure: ... affiliate links", "Disclaimer: ... for
 * informational purposes only") is the same under every post: it goes wherever it stands;
 * a line of the article under the same label that is about something else stays. */
static void
test_disclosures_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>"
    "<p>Disclosures: As an Amazon Associate I earn from qualifying purchases made through the links on this page.</p>"
    STORY
    "<p>Disclaimer: the footbridges may close at short notice when the river floods, the council warned.</p>"
    "<p>Medical disclaimer : this article is not a substitute for professional advice.</p>"
    "</article></body></html>");
  assert_true (g_str_has_prefix (page->text, "The city council voted on Tuesday"));
  assert_contains (page->text, "Disclaimer: the footbridges may close");
  assert_not_contains (page->text, "Amazon Associate");
  assert_not_contains (page->text, "substitute");
}

/* The header's date and reading time as lines of their own under a standfirst ("Dec 17,
 * 2025", "Updated on Jan. 16, 2026 · 8 min read") are metadata, not text; a date that
 * labels the article's own facts ("Date: 16-19 March 2026"), a sentence about minutes, a
 * date beside a figure and the dates of a table or a list stay. */
static void
test_date_and_reading_time_lines_are_dropped (G_GNUC_UNUSED void **state)
{
  const char *html =
    "<html><body><article>"
    "<p class='standfirst'>The council will add wetland and two footbridges to the river park.</p>"
    "<p>Updated on Jan. 16, 2026 \xc2\xb7 8 min read</p><p>December 17, 2025</p><p>3 MIN. READ</p>"
    STORY
    "<p>Date: 16-19 March 2026</p>"
    "<p>Monthly change in prices:</p><p>1/1/2013 | +13.1%</p><p>2/1/2013 | +12.9%</p>"
    "<table><tr><td>3/1/2013</td><td>+11.9%</td></tr><tr><td>4/1/2013</td><td>+12.5%</td></tr></table>"
    "<ul><li>May 2, 2024</li><li>June 6, 2024</li></ul>"
    "<p>It takes 5 minutes to read the plan, which the council published on its site.</p>"
    "</article></body></html>";
  HtmlOptions options = { .favor = HTML_FAVOR_BALANCED, .min_length = 250, .keep_tables = TRUE };
  g_autoptr (Page) page = read_page_with (html, strlen (html), NULL, &options);
  assert_contains (page->text, "The council will add wetland");
  assert_contains (page->text, "Date: 16-19 March 2026");
  assert_contains (page->text, "It takes 5 minutes to read the plan");
  /* Dates beside figures are data, dates of a table or a list are its items. */
  assert_contains (page->text, "1/1/2013 | +13.1%");
  assert_contains (page->text, "2/1/2013 | +12.9%");
  assert_contains (page->text, "3/1/2013 | +11.9%");
  assert_contains (page->text, "June 6, 2024");
  assert_not_contains (page->text, "Updated on");
  assert_not_contains (page->text, "December 17");
  assert_not_contains (page->text, "MIN. READ");
}

/* Shape 4: tables, definition lists and lines broken by <br> are the article's text, kept
 * row by row (tables by default: keep-tables is true). */
static void
test_tables_lists_and_lines_are_kept (G_GNUC_UNUSED void **state)
{
  const char *html =
    "<html><body><article>" STORY
    "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Rovers</td><td>31</td></tr>"
    "<tr><td>United</td><td>28</td></tr></table>"
    "<dl><dt>Opening hours</dt><dd>Daily from dawn to dusk</dd><dt>Entry</dt><dd>Free for everyone</dd></dl>"
    "<p>Friends of the River Park<br>12 Mill Lane<br>Riverside RT4 5JP</p>"
    "</article></body></html>";
  HtmlOptions options = { .favor = HTML_FAVOR_BALANCED, .min_length = 250, .keep_tables = TRUE };
  g_autoptr (Page) page = read_page_with (html, strlen (html), NULL, &options);
  assert_contains (page->text, "\n\nTeam | Points\n\nRovers | 31\n\nUnited | 28\n\n");
  assert_contains (page->text, "\n\nOpening hours\n\nDaily from dawn to dusk\n\nEntry\n\nFree for everyone\n\n");
  assert_contains (page->text, "\n\nFriends of the River Park\n\n12 Mill Lane\n\nRiverside RT4 5JP");
}

/* Shape 4 too: an ordered list's items keep the numbers the page shows ("1. Soak the
 * beans"), from its start attribute on; an item that numbers itself keeps its own number,
 * and the items of a bulleted list, nested in a numbered one, get none. */
static void
test_ordered_list_items_keep_their_numbers (G_GNUC_UNUSED void **state)
{
  const char *html =
    "<html><body><article>" STORY
    "<ol><li>Soak the beans overnight in cold water.</li>"
    "<li><a href='/pots'>Rinse</a> them and cover them with fresh water.<ul><li>A large pot is best.</li></ul></li>"
    "<li> </li><li>Simmer for two hours with the lid on.</li></ol>"
    "<ol start='7'><li><p>Season the stew at the very end.</p></li><li>4 cloves of garlic, chopped fine.</li></ol>"
    "</article></body></html>";
  g_autoptr (Page) page = read_page (html);
  assert_contains (page->text, "\n\n1. Soak the beans overnight in cold water.\n\n2. Rinse them and cover them");
  assert_contains (page->text, "\n\nA large pot is best.\n\n4. Simmer for two hours");
  assert_contains (page->text, "\n\n7. Season the stew at the very end.\n\n4 cloves of garlic");
}

/* Shape 4 too: a data table whose first column is links (each company linked, then its
 * revenue) is the article's text, row by row, in its scrolling wrapper too; a table of
 * links only is navigation. */
static void
test_data_table_with_links_is_kept (G_GNUC_UNUSED void **state)
{
  const char *html =
    "<html><body><article>" STORY
    "<div class='embed'><div class='scroll'><table><thead><tr><th>Company</th><th>Revenue</th></tr></thead><tbody>"
    "<tr><td><a href='https://a.example/'>Riverside Electrical Contractors Inc.</a></td><td>$7.7B</td></tr>"
    "<tr><td><a href='https://b.example/'>Northern Power and Light Services</a></td><td>$2.5B</td></tr>"
    "<tr><td><a href='https://c.example/'>Harbour Cable Installation Group</a></td><td>$2.4B</td></tr>"
    "</tbody></table></div></div>"
    "<p>Two dozen of the firms on this list reported double-digit growth rates last year.</p>"
    "<table><tr><td><a href='/a'>Home</a></td><td><a href='/b'>World news</a></td></tr>"
    "<tr><td><a href='/c'>Business</a></td><td><a href='/d'>Sport and leisure</a></td></tr></table>"
    "</article></body></html>";
  HtmlOptions options = { .favor = HTML_FAVOR_BALANCED, .min_length = 250, .keep_tables = TRUE };
  g_autoptr (Page) page = read_page_with (html, strlen (html), NULL, &options);
  assert_contains (page->text, "\n\nCompany | Revenue\n\nRiverside Electrical Contractors Inc. | $7.7B\n\n");
  assert_contains (page->text, "Harbour Cable Installation Group | $2.4B");
  assert_contains (page->text, "double-digit growth rates");
  assert_not_contains (page->text, "World news");
}

/* Shape 4 too: a listicle's headings, each the product's name linked to its shop, are its
 * text. */
static void
test_linked_headings_are_kept (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article><h1>The tools every electrician needs</h1>"
    "<p>We asked twenty electricians which tools they carry every day, and these came up most often.</p>"
    "<h2><a href='https://shop.example/meter'>Riverside 117 multimeter</a></h2>"
    "<p>Accurate, sturdy and simple enough to use with gloves on, it measures voltage without contact.</p>"
    "<h2><a href='https://shop.example/pliers'>Harbour long nose pliers</a></h2>"
    "<p>Thin jaws reach into crowded boxes, and the cutter near the hinge handles copper up to 4 mm.</p>"
    "</article></body></html>");
  assert_contains (page->text, "\n\nRiverside 117 multimeter\n\n");
  assert_contains (page->text, "\n\nHarbour long nose pliers\n\n");
}

/* A <pre> keeps its lines and indentation inside one paragraph; blank lines and the breaks
 * around the block do not become paragraph breaks, and trailing spaces go. */
static void
test_preformatted_text_keeps_its_lines (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<pre>\r\n<code>for team in table:   \n    print(team)\n\n\nprint(<a href='/x'>done</a>)\n</code></pre>"
    "<p>The script prints every team of the table and then a last line when it has finished.</p>"
    "</article></body></html>");
  assert_contains (page->text, "\n\nfor team in table:\n    print(team)\nprint(done)\n\nThe script prints");
  assert_not_contains (page->text, "table: ");
}

/* Text that was UTF-8 read as Latin-1 or Windows-1252 and encoded again ("todayâ€™s",
 * "todayâ\u0080\u0099s", "Â©") gets its characters back; real accented text, and Latin-1
 * letters that merely sit together ("Ð¿" is no sequence of C1 controls), stay as they are. */
static void
test_twice_encoded_text_is_repaired (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><head><meta charset='utf-8'></head><body><article>" STORY
    "<p>The park\xC3\xA2\xC2\x80\xC2\x99s new footbridge \xC3\xA2\xC2\x80\xC2\x94 the first of two \xC3\xA2\xC2\x80\xC2\x94 "
    "opens in May, the council\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s engineer said at the caf\xC3\x83\xC2\xA9.</p>"
    "<p>Tickets for the opening cost \xC3\xA2\xC2\x82\xC2\xAC" "5 and the caf\xC3\xA9 by the river stays open late, "
    "\xC3\x90\xC2\xBF as the sign says.</p>"
    "</article></body></html>");
  assert_contains (page->text, "The park\xE2\x80\x99s new footbridge \xE2\x80\x94 the first of two \xE2\x80\x94 opens");
  assert_contains (page->text, "the council\xE2\x80\x99s engineer said at the caf\xC3\xA9.");
  assert_contains (page->text, "cost \xE2\x82\xAC" "5 and the caf\xC3\xA9 by the river");
  assert_contains (page->text, "late, \xC3\x90\xC2\xBF as the sign");
}

/* Class names written with underscores or in camelCase are read like those with hyphens: an
 * author box or a modal is one whatever the spelling, and so is a body container; the case
 * changes of a generated hash ("PFk9dDFp", not "d-dfp", an ad slot) are no words. */
static void
test_underscore_class_names_are_hints (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><div class='page'><div class='sidebar_widget'><p>Our most popular guides to "
    "parks, rivers and gardens, with maps and opening times for all of them.</p></div>"
    "<div class='article_body'>" STORY
    "<div class='author_detail_box'><p>Jane Doe has covered city hall and the river for ten "
    "years, and before that the courts, for papers in three states.</p></div>"
    "<div class='_authorContainer_15srf_1'><p>Joe Bloggs writes about parks and gardens, and has "
    "planted more trees than he can count in his own allotment by the river.</p></div>"
    "<div class='AffiliateModal'><p>As part of our commitment to transparency, we tell you that "
    "you came to this page from a partner who may be paid for the visit.</p></div>"
    "<div class='old-record-id-PFk9dDFp'><p>The footbridges are the first to be built over the "
    "river since the old ferry stopped running, fifty years ago this spring.</p></div>"
    "</div></div></body></html>");
  assert_contains (page->text, "Work starts in March");
  assert_not_contains (page->text, "covered city hall");
  assert_not_contains (page->text, "more trees than he can count");
  assert_not_contains (page->text, "most popular guides");
  assert_not_contains (page->text, "commitment to transparency");
  assert_contains (page->text, "since the old ferry stopped running");
}

/* A call to action that a template repeats under every item of a listicle ("Read our
 * Kia EV6 review in full", the name linked) goes, every copy; a list whose items are alike stays. */
static void
test_repeated_calls_to_action_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article><h1>The best electric cars</h1>"
    "<h2>Kia EV6</h2><p>Quick, roomy and cheap to run, the EV6 charges from ten to eighty percent "
    "in eighteen minutes on a fast charger, and rides well on long trips.</p>"
    "<p>Read our <a href='/kia-ev6'>Kia EV6</a> review in full</p>"
    "<h2>Skoda Enyaq</h2><p>The family choice: a big boot, soft suspension and a range of three "
    "hundred miles in summer, a little less in the cold of winter.</p>"
    "<p>Read our <a href='/skoda-enyaq'>Skoda Enyaq</a> review in full</p>"
    "<h2>BMW i5 Touring</h2><p>An estate car that happens to be electric, with a boot big enough "
    "for a dog and a pram and the quiet comfort of a long-distance train.</p>"
    "<p>Read our <a href='/bmw-i5'>BMW i5</a> review in full</p>"
    "<p>Each of them was tested for a month on the same roads, by the same three drivers.</p>"
    "<p>The makers' own courses on charging at home:</p>"
    "<ul><li>Google Ads Apps Certification, two hours, <a href='/a'>free</a></li>"
    "<li>Google Ads Video Certification, three hours, <a href='/b'>free</a></li>"
    "<li>Google Ads Search Certification, one hour, <a href='/c'>free</a></li></ul>"
    "</article></body></html>");
  assert_contains (page->text, "rides well on long trips.");
  assert_contains (page->text, "long-distance train.");
  assert_not_contains (page->text, "Read our");
  assert_contains (page->text, "Google Ads Video Certification, three hours, free");
}

/* An embedded post of a social network (a tweet, an Instagram post) is the embed's text, not
 * the article's. */
static void
test_embedded_social_posts_are_dropped (G_GNUC_UNUSED void **state)
{
  g_autoptr (Page) page = read_page (
    "<html><body><article>" STORY
    "<blockquote class='twitter-tweet'><p lang='en'>I said that the bridge would take several years "
    "if not a decade, and I still think so, whatever the council says.</p>&mdash; Jane Doe "
    "(@janedoe) <a href='https://twitter.com/x'>October 16, 2024</a></blockquote>"
    "<p>The first footbridge will be named after the engineer who designed the old ferry.</p>"
    "</article></body></html>");
  assert_contains (page->text, "named after the engineer who designed the old ferry.");
  assert_not_contains (page->text, "several years");
}

/* libxml2 as it parses a page by itself, serialised: the yardstick of html_parse_utf8. */
static char *
plain_parse_dump (const char *text, gsize length, gboolean *too_deep)
{
  htmlParserCtxtPtr context = htmlNewParserCtxt ();
  htmlDocPtr doc = htmlCtxtReadMemory (context, text, (int) length, NULL, "UTF-8",
                                       HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR
                                       | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
  *too_deep = context->lastError.code == XML_ERR_INTERNAL_ERROR && context->lastError.message
              && strstr (context->lastError.message, "depth");
  htmlFreeParserCtxt (context);
  assert_non_null (doc);
  xmlChar *dump = NULL;
  int size = 0;
  htmlDocDumpMemory (doc, &dump, &size);
  xmlFreeDoc (doc);
  char *copy = g_strndup ((const char *) dump, size);
  xmlFree (dump);
  return copy;
}

/* html_parse_utf8 gives @page the tree (when @compare_tree) and the depth verdict that
 * libxml2 gives it parsed as it is. */
static void
assert_same_tree_as_libxml2 (const char *page, gboolean compare_tree)
{
  gsize length = strlen (page);
  gboolean plain_deep, deep;
  g_autofree char *plain = plain_parse_dump (page, length, &plain_deep);
  htmlDocPtr doc = html_parse_utf8 (page, length, NULL, &deep);
  assert_non_null (doc);
  xmlChar *dump = NULL;
  int size = 0;
  htmlDocDumpMemory (doc, &dump, &size);
  xmlFreeDoc (doc);
  if (compare_tree)
    assert_string_equal ((const char *) dump, plain);
  assert_int_equal (deep, plain_deep);
  xmlFree (dump);
}

/* html_parse_utf8 cuts the bodies of scripts and styles out before libxml2's parse and puts
 * them back after it: the tree must be the one libxml2 builds from the page as it is, for
 * every shape of body (ends in any case, "</" inside, tags in comments and attribute values,
 * self-closed tags, characters libxml2 drops, no end, the marker in the page itself). */
static void
test_script_bodies_give_libxml2s_tree (G_GNUC_UNUSED void **state)
{
  static const char *const pages[] = {
    "<html><head><script type='application/ld+json'>{\"headline\": \"a </div> b\"}</script>"
    "<style>p { color: red }</style></head><body><p>Text</p>"
    "<script>var s = \"</div>\"; if (a < b) { c(); }</script><p>More</p></body></html>",
    "<p>a</p><SCRIPT type=text/javascript>var a = 1;</SCRIPT ><p>b</p><Style>x{}</STYLE>",
    "<script>a()</scripts>b()</script><p>after</p>",
    "<!-- <script>c()</script> --><p>t</p><script>d()</script>",
    "<script data-x=\"a>b\" data-y='c>d'>e()</script><p>f</p>",
    "<script src=\"x.js\"/><p>y</p><script>z()</script>",
    "<script src=x/>e()</script><p>g</p>",
    "<script><!-- f() --></script><p>h</p>",
    "<div><script></div>x()</script><p>m</p></div>",
    "<p><script><p>y()</script>n</p>",
    "<script>g(\"\x01\")</script><p>i</p><script>h(\"\xEF\xBF\xBF\")</script><p>j</p>",
    "<p>a</p><script>never ends",
    "<p>a</p><script>x()</script><p>\x7fnf-body-0-</p>",
    "<textarea><script>x()</script></textarea><title><script>y()</script></title>",
    "<script>document.write(\"<script>i()<\\/script>\")</script><p>k</p>",
    "<div><style media='a\"b'>q{}</style><script>\n\r\nr()\t</script></div>",
    "<html><body><p>x</p></body></html><script>late()</script><p>after the end</p>",
    "<scripts>not a script</scripts><script-x>nor this</script-x><p>l</p>",
    /* Markers of two digits and more, each put back in its own element. */
    "<script>s0()</script><script>s1()</script><script>s2()</script><script>s3()</script>"
    "<script>s4()</script><script>s5()</script><script>s6()</script><script>s7()</script>"
    "<script>s8()</script><script>s9()</script><style>s10{}</style><script>s11()</script><p>o</p>",
  };
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    /* The stray second <html> is merged into the first after the parse: not compared. */
    assert_same_tree_as_libxml2 (pages[i], !strstr (pages[i], "after the end"));
  /* A nesting bomb with a script after it: libxml2 stops, and says so. */
  GString *bomb = g_string_new ("<script>a()</script>");
  for (int i = 0; i < 400; i++)
    g_string_append (bomb, "<div>");
  g_string_append (bomb, "<script>b()</script><p>deep</p>");
  gboolean plain_deep, deep;
  g_autofree char *plain = plain_parse_dump (bomb->str, bomb->len, &plain_deep);
  htmlDocPtr doc = html_parse_utf8 (bomb->str, bomb->len, NULL, &deep);
  assert_true (deep && plain_deep);
  xmlChar *dump = NULL;
  int size = 0;
  htmlDocDumpMemory (doc, &dump, &size);
  assert_string_equal ((const char *) dump, plain);
  xmlFree (dump);
  xmlFreeDoc (doc);
  g_string_free (bomb, TRUE);
}

/* html_parse_utf8 cuts long attribute values out too: the tree must still be libxml2's own
 * for every shape of value and tag (repeated attributes, a repeated <body> whose attributes
 * libxml2 moves to the first, character references, ids, values that do not close, tags in
 * comments and text, <meta>, unquoted and odd attribute names). */
#define LONG_VALUE "https://example.com/images/2024/05/a-long-file-name-for-the-picture-1200x800.jpg"
static void
test_long_attribute_values_give_libxml2s_tree (G_GNUC_UNUSED void **state)
{
  static const char *const pages[] = {
    "<html><body><p class=\"" LONG_VALUE "\" title='" LONG_VALUE "'>a</p>"
    "<img src=\"" LONG_VALUE "\" srcset=\"" LONG_VALUE " 1x, " LONG_VALUE " 2x\"></body></html>",
    "<div class=\"" LONG_VALUE "\" class=\"" LONG_VALUE "-second\" CLASS='" LONG_VALUE "-third'>b</div>",
    "<p>x</p><body class=\"" LONG_VALUE "\"><p>y</p><html lang=\"" LONG_VALUE "\"><p>z</p>",
    "<a href=\"" LONG_VALUE "?a=1&amp;b=2\" id=\"" LONG_VALUE "\" name=\"" LONG_VALUE "\">c</a>",
    "<meta name='description' content=\"" LONG_VALUE "\"><meta charset=\"utf-8\"><p>d</p>",
    "<!-- <div class=\"" LONG_VALUE "\"> --><p title=\"" LONG_VALUE "\">e</p>",
    "<p>f <b class = \"" LONG_VALUE "\" >g</b> 3 < 4 data=\"" LONG_VALUE "\" </p>",
    "<div data-x=" LONG_VALUE " data-y=\"" LONG_VALUE "\"/><p>h</p>",
    "<div title=\"" LONG_VALUE "\" 9bad=\"" LONG_VALUE "\" ok=\"" LONG_VALUE "\">i</div>",
    "<div title=\"" LONG_VALUE " <script>x()</script> " LONG_VALUE "\">j</div><script>k()</script>",
    "<div title=\"" LONG_VALUE "\n\t" LONG_VALUE "\" alt=\"caf\xc3\xa9 " LONG_VALUE "\">l</div>",
    "<p title=\"" LONG_VALUE "\">m</p><p title=\"never closes " LONG_VALUE,
    "<p title=\"\x7fnf-attr-0-\">n</p><p title=\"" LONG_VALUE "\">o</p>",
    "<svg><path d=\"M0 0 L10 10 L20 0 L30 10 L40 0 L50 10 L60 0 L70 10 L80 0 L90 10 Z\"/></svg><p>p</p>",
  };
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    assert_same_tree_as_libxml2 (pages[i], TRUE);
}

/* html_attrs_read: the first attribute of each name, whatever its case, and NULL for a value
 * that is not one text node or for an attribute the element lacks. */
static void
test_attrs_are_read_in_one_pass (G_GNUC_UNUSED void **state)
{
  const char *page = "<div id='a' CLASS='c d' itemprop='author' property='og:x' rel='author' "
                     "data-testid='byline' class='second' id='b'>x</div><p>y</p>";
  gboolean deep;
  htmlDocPtr doc = html_parse_utf8 (page, strlen (page), NULL, &deep);
  xmlNode *body = xmlDocGetRootElement (doc)->children;
  xmlNode *div = body->children, *p = div->next;
  HtmlAttrs attrs;
  html_attrs_read (div, &attrs);
  assert_string_equal (attrs.id, "a");
  assert_string_equal (attrs.class_, "c d");
  assert_string_equal (attrs.itemprop, "author");
  assert_string_equal (attrs.property, "og:x");
  assert_string_equal (attrs.rel, "author");
  assert_string_equal (attrs.testid, "byline");
  html_attrs_read (p, &attrs);
  assert_null (attrs.id);
  assert_null (attrs.class_);
  assert_null (attrs.testid);
  /* A value of two nodes (a text and an entity reference, as the tree API can make it). */
  xmlNode *ref = xmlNewReference (doc, (const xmlChar *) "&amp;");
  xmlAttr *attr = xmlSetProp (p, (const xmlChar *) "class", (const xmlChar *) "x");
  xmlAddChild ((xmlNode *) attr, ref);
  html_attrs_read (p, &attrs);
  assert_null (attrs.class_);
  xmlFreeDoc (doc);
}

/* A page that is valid UTF-8 is parsed where it lies; the check for it reads eight bytes at a
 * time, so a NUL or a bad byte after a long ASCII run, at any alignment, still counts. */
static void
test_utf8_pages_are_not_copied (G_GNUC_UNUSED void **state)
{
  static const char ascii[] = "<html><body><p>Plain ASCII text, long enough to be read eight bytes at a time.</p>";
  for (gsize at = 0; at < 24; at++)
    {
      GString *page = g_string_new (ascii);
      g_autofree char *charset = NULL;
      g_autofree char *copy = NULL;
      gsize length;
      /* Valid: é somewhere in the run. */
      g_string_insert (page, 20 + at, "\xC3\xA9");
      const char *text = html_decode_view ((const guint8 *) page->str, page->len, "text/html", &length,
                                           &charset, &copy, NULL);
      assert_ptr_equal (text, page->str);
      assert_null (copy);
      assert_string_equal (charset, "UTF-8");
      g_clear_pointer (&charset, g_free);
      /* Invalid: a lone Latin-1 byte; then a NUL byte. */
      g_string_insert_c (page, 30 + at, (char) 0xE9);
      text = html_decode_view ((const guint8 *) page->str, page->len, "text/html", &length, &charset, &copy, NULL);
      assert_non_null (copy);
      assert_string_equal (charset, "WINDOWS-1252");
      g_clear_pointer (&charset, g_free);
      g_clear_pointer (&copy, g_free);
      page->str[30 + at] = '\0';
      text = html_decode_view ((const guint8 *) page->str, page->len, "text/html", &length, &charset, &copy, NULL);
      assert_non_null (copy);
      assert_null (memchr (copy, '\0', length));
      g_clear_pointer (&charset, g_free);
      g_clear_pointer (&copy, g_free);
      g_string_free (page, TRUE);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_navigation_list_is_dropped),
    cmocka_unit_test (test_block_quote_and_headings_are_kept),
    cmocka_unit_test (test_boilerplate_inside_article_is_dropped),
    cmocka_unit_test (test_boilerplate_lines_without_case),
    cmocka_unit_test (test_json_ld_wins_over_open_graph),
    cmocka_unit_test (test_open_graph_and_meta_when_no_json_ld),
    cmocka_unit_test (test_visible_headline_is_the_title),
    cmocka_unit_test (test_byline_element_gives_authors),
    cmocka_unit_test (test_title_suffix_is_removed),
    cmocka_unit_test (test_legacy_charsets_are_converted),
    cmocka_unit_test (test_entities_and_white_space),
    cmocka_unit_test (test_json_ld_article_body_is_the_fallback),
    cmocka_unit_test (test_best_container_among_siblings),
    cmocka_unit_test (test_nested_div_bomb_survives),
    cmocka_unit_test (test_garbage_and_broken_markup),
    cmocka_unit_test (test_favor_changes_what_is_kept),
    cmocka_unit_test (test_tables_and_links_on_request),
    cmocka_unit_test (test_related_story_blocks_are_dropped),
    cmocka_unit_test (test_announced_link_lists_are_kept),
    cmocka_unit_test (test_heading_announces_a_link_list),
    cmocka_unit_test (test_author_box_and_recommendations_close_the_article),
    cmocka_unit_test (test_author_bio_disclaimer_and_footnotes_are_dropped),
    cmocka_unit_test (test_heading_anchor_ids_are_not_hints),
    cmocka_unit_test (test_text_box_aside_is_kept),
    cmocka_unit_test (test_counters_and_buttons_are_dropped),
    cmocka_unit_test (test_story_cards_are_dropped),
    cmocka_unit_test (test_wrapped_body_parts_are_joined),
    cmocka_unit_test (test_tail_outside_the_article_is_dropped),
    cmocka_unit_test (test_hidden_duplicates_are_dropped),
    cmocka_unit_test (test_noscript_text_is_dropped),
    cmocka_unit_test (test_disclosures_are_dropped),
    cmocka_unit_test (test_date_and_reading_time_lines_are_dropped),
    cmocka_unit_test (test_tables_lists_and_lines_are_kept),
    cmocka_unit_test (test_ordered_list_items_keep_their_numbers),
    cmocka_unit_test (test_data_table_with_links_is_kept),
    cmocka_unit_test (test_linked_headings_are_kept),
    cmocka_unit_test (test_preformatted_text_keeps_its_lines),
    cmocka_unit_test (test_twice_encoded_text_is_repaired),
    cmocka_unit_test (test_underscore_class_names_are_hints),
    cmocka_unit_test (test_repeated_calls_to_action_are_dropped),
    cmocka_unit_test (test_embedded_social_posts_are_dropped),
    cmocka_unit_test (test_script_bodies_give_libxml2s_tree),
    cmocka_unit_test (test_long_attribute_values_give_libxml2s_tree),
    cmocka_unit_test (test_attrs_are_read_in_one_pass),
    cmocka_unit_test (test_utf8_pages_are_not_copied),
    cmocka_unit_test (test_newsletter_calls_are_dropped),
    cmocka_unit_test (test_captions_ending_in_a_credit_are_dropped),
    cmocka_unit_test (test_follow_prompts_are_dropped),
    cmocka_unit_test (test_block_model_drops_what_it_calls_boilerplate),
  };
  return cmocka_run_group_tests_name ("html", tests, NULL, NULL);
}
