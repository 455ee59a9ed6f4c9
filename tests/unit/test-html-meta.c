/* test-html-meta.c: parse "html"'s title, byline and publication date on small pages written
 * for each shape of issue 19: dates in markup, text and the URL chosen by provenance (never
 * from comments, embedded posts or related lists), bylines cleaned and split, headlines
 * apart from their site name and kicker.  Covers plugins/parse/html/meta.c, meta-date.c
 * (the date candidates) and meta-byline.c (the bylines). */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "html-private.h"

static HtmlMeta *
read_meta (const char *html)
{
  gboolean too_deep;
  htmlDocPtr doc = html_parse_utf8 (html, strlen (html), NULL, &too_deep);
  assert_non_null (doc);
  HtmlMeta *meta = html_meta_new ();
  html_meta_read (doc, meta);
  xmlFreeDoc (doc);
  return meta;
}

/* The publication date as the page gave it ("2020-06-07" or with its time), or NULL. */
static char *
published (const HtmlMeta *meta)
{
  return meta->has_published ? nf_date_format_local (&meta->published_date) : NULL;
}

#define assert_published(html, expected, source)                                   \
  do {                                                                             \
    g_autoptr (HtmlMeta) m_ = read_meta (html);                                    \
    g_autofree char *got_ = published (m_);                                        \
    if (g_strcmp0 (got_, expected) != 0)                                           \
      fail_msg ("got %s, want %s", got_ ? got_ : "none", expected ? expected : "none"); \
    if (source)                                                                    \
      assert_string_equal (m_->published_source, (const char *) source);           \
  } while (0)

#define BODY "<p>The council voted on Tuesday to expand the river park by twelve hectares.</p>"

static void
test_date_provenance (G_GNUC_UNUSED void **state)
{
  /* JSON-LD of the page's article beats meta, which beats a <time>. */
  assert_published ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                    "\"headline\": \"Park grows\", \"datePublished\": \"2020-06-07T15:06+02:00\", "
                    "\"dateModified\": \"2020-06-09\"}</script>"
                    "<meta property='article:published_time' content='2020-06-05'></head>"
                    "<body><article><h1>Park grows</h1><time datetime='2020-06-01'>1 June</time>" BODY
                    "</article></body></html>",
                    "2020-06-07T15:06:00+02:00", "json-ld");
  /* A JSON-LD item that is not the page's article (a related story in a list) is not read. */
  assert_published ("<html><head><script type='application/ld+json'>{\"@type\": \"ItemList\", "
                    "\"itemListElement\": [{\"@type\": \"NewsArticle\", \"datePublished\": \"2019-01-01\"}]}"
                    "</script></head><body><article><h1>Park grows</h1>"
                    "<p class='byline'>By Jane Doe, 7 June 2020</p>" BODY "</article></body></html>",
                    "2020-06-07", "text");
  /* Related stories written as articles of their own before the page's: the one that names
   * another page (url, mainEntityOfPage) is not the page's article. */
  assert_published ("<html><head><link rel='canonical' href='https://news.example/2020/park-grows/'>"
                    "<script type='application/ld+json'>[{\"@type\": \"NewsArticle\", \"headline\": \"Bridge opens\", "
                    "\"url\": \"https://news.example/2019/bridge-opens/\", \"datePublished\": \"2019-01-01T10:00:00Z\"}, "
                    "{\"@type\": \"NewsArticle\", \"headline\": \"Park grows\", \"mainEntityOfPage\": {\"@type\": "
                    "\"WebPage\", \"@id\": \"https://news.example/2020/park-grows\"}, \"datePublished\": "
                    "\"2020-06-07T10:00:00Z\"}]</script></head><body><h1>Park grows</h1>" BODY "</body></html>",
                    "2020-06-07T10:00:00Z", "json-ld");
  /* itemprop on a <span>, RFC 1123 in a meta, data in <abbr class="published">. */
  assert_published ("<html><body><article><h1>Park grows</h1><span itemprop='datePublished'>16.12.2012</span>"
                    BODY "</article></body></html>", "2012-12-16", "itemprop");
  assert_published ("<html><head><meta name='date' content='Sun, 07 Jun 2020 15:06:00 GMT'></head>"
                    "<body><h1>Park grows</h1>" BODY "</body></html>", "2020-06-07T15:06:00Z", "meta");
  assert_published ("<html><body><h1>Park grows</h1><abbr class='published' title='2020-06-07T15:06:00+0100'>"
                    "3:06 pm</abbr>" BODY "</body></html>", "2020-06-07T15:06:00+01:00", "time");
}

static void
test_date_in_text_and_url (G_GNUC_UNUSED void **state)
{
  /* Visible text next to the headline, month names in the page's language. */
  assert_published ("<html lang='de'><body><article><h1>Der Park wächst</h1>"
                    "<div class='meta'>Von Jana Muster | 31. Mai 2012, 15:06 Uhr</div>" BODY
                    "</article></body></html>", "2012-05-31T15:06:00", "text");
  assert_published ("<html lang='de'><body><h1>Der Park wächst</h1><p>Veröffentlicht am 16.08.2019</p>" BODY
                    "</body></html>", "2019-08-16", "text");
  assert_published ("<html lang='ja'><body><h1>公園が拡大</h1><p>2012年5月31日</p>" BODY "</body></html>",
                    "2012-05-31", "text");
  /* Numeric days in the page's language: month first in US English, day first in British. */
  assert_published ("<html lang='en-US'><body><h1>Park grows</h1><span class='date'>6/7/2020</span>" BODY
                    "</body></html>", "2020-06-07", "text");
  assert_published ("<html lang='en-GB'><body><h1>Park grows</h1><span class='date'>6/7/2020</span>" BODY
                    "</body></html>", "2020-07-06", "text");
  /* <html lang="en"> with og:locale's region: a British page. */
  assert_published ("<html lang='en'><head><meta property='og:locale' content='en_GB'></head><body><h1>Park grows</h1>"
                    "<span class='date'>6/7/2020</span>" BODY "</body></html>", "2020-07-06", "text");
  /* English without a region: the page's own convention decides, as another of its days shows
   * it (a related story's "25/12/2019" is day first)... */
  assert_published ("<html lang='en'><body><h1>Park grows</h1><span class='date'>6/7/2020</span>" BODY
                    "<ul class='related'><li><a href='/other'>Other</a> <span class='date'>25/12/2019</span></li>"
                    "</ul></body></html>", "2020-07-06", "text");
  /* ...month first without such a day, or where the page writes its days both ways. */
  assert_published ("<html lang='en'><body><h1>Park grows</h1><span class='date'>6/7/2020</span>" BODY
                    "</body></html>", "2020-06-07", "text");
  assert_published ("<html lang='en'><body><h1>Park grows</h1><span class='date'>6/7/2020</span>" BODY
                    "<ul class='related'><li><a href='/a'>A</a> <span class='date'>25/12/2019</span></li>"
                    "<li><a href='/b'>B</a> <span class='date'>12/24/2019</span></li></ul></body></html>",
                    "2020-06-07", "text");
  /* ...or the month of the URL's path, when no day on the page tells. */
  assert_published ("<html lang='en'><head><link rel='canonical' href='https://news.example/2020/07/park-grows'>"
                    "</head><body><h1>Park grows</h1><span class='date'>06/07/2020</span>" BODY "</body></html>",
                    "2020-07-06", "text");
  assert_published ("<html lang='en'><head><link rel='canonical' href='https://news.example/2020/6/park-grows'>"
                    "</head><body><h1>Park grows</h1><span class='date'>06/07/20</span>" BODY "</body></html>",
                    "2020-06-07", "text");
  /* Not the month of a URL that is not the day's year. */
  assert_published ("<html lang='en'><head><link rel='canonical' href='https://news.example/2019/07/park-grows'>"
                    "</head><body><h1>Park grows</h1><span class='date'>06/07/2020</span>" BODY "</body></html>",
                    "2020-06-07", "text");
  /* A date element by the headline that a script fills from a data attribute: seconds or
   * milliseconds since 1970, or a date's text. */
  assert_published ("<html><body><article><h1>Park grows</h1><span class='post-date' data-timestamp='1591542360'>"
                    "</span>" BODY "</article></body></html>", "2020-06-07T15:06:00Z", "time");
  assert_published ("<html><body><article><h1>Park grows</h1><time data-time='1591542360000'></time>" BODY
                    "</article></body></html>", "2020-06-07T15:06:00Z", "time");
  assert_published ("<html lang='de'><body><article><h1>Der Park wächst</h1><div class='date' "
                    "data-date='7. Juni 2020'></div>" BODY "</article></body></html>", "2020-06-07", "time");
  /* Not a sharing widget's cache stamp, a menu's, or a duration. */
  assert_published ("<html><body><span id='menuJsonMtime' data-time='1670442663'></span><article><h1>Park grows</h1>"
                    BODY "<div class='shariff' data-timestamp='1498779750'></div><span class='time' data-time='95'>"
                    "</span></article></body></html>", NULL, NULL);
  /* Only the URL's path has it. */
  assert_published ("<html><head><link rel='canonical' href='https://news.example/2012/05/31/park-grows'></head>"
                    "<body><h1>Park grows</h1>" BODY "</body></html>", "2012-05-31", "url");
}

static void
test_date_never_from_elsewhere (G_GNUC_UNUSED void **state)
{
  /* A tweet's <time>, comments and related stories are not the article's date... */
  assert_published ("<html><body><article><h1>Park grows</h1>" BODY
                    "<blockquote class='twitter-tweet'><p>Great!</p><time datetime='2020-01-01'>Jan 1</time></blockquote>"
                    "<div id='comments'><div class='comment'><time datetime='2020-01-02'>Jan 2</time></div></div>"
                    "<aside class='related'><span class='date'>3 January 2020</span></aside>"
                    "<ul class='related-stories'><li><span class='date'>4 January 2020</span></li></ul>"
                    "</article></body></html>", NULL, NULL);
  /* A blog's list of its recent posts beside the article is not the article's date. */
  assert_published ("<html lang='de'><body><h1>Der Park wächst</h1><p>Berlin, 07.06.2020 – Der Stadtrat hat "
                    "beschlossen.</p>" BODY "<section class='widget widget_recent_entries'><ul><li><a href='/x'>Ein "
                    "anderer Beitrag</a> <span class='post-date'>08.06.2020</span></li></ul></section></body></html>",
                    "2020-06-07", "text");
  /* ...dateModified is not datePublished, but says more than nothing... */
  assert_published ("<html><head><script type='application/ld+json'>{\"@type\": \"Article\", "
                    "\"dateModified\": \"2020-06-09\"}</script></head><body><h1>Park grows</h1>"
                    "<span class='date updated'>9 June 2020</span>" BODY "</body></html>", "2020-06-09", "modified");
  /* ...and a page without a date has none (no crawl date, no copyright year). */
  assert_published ("<html><body><h1>Park grows</h1>" BODY "<footer>© 2020 The Planet</footer></body></html>",
                    NULL, NULL);
  /* The day the page is read: in the site's banner over its menu, or in an element named for
   * it, wherever it is. */
  assert_published ("<html><body><header class='site'><div class='block-date'><p><strong>Friday</strong>, "
                    "December 19, 2025</p></div><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
                    "<main><h1>Park grows</h1>" BODY "</main></body></html>", NULL, NULL);
  assert_published ("<html><body><div class='top'><p id='todays-date'>December 19, 2025</p></div>"
                    "<h1>Park grows</h1>" BODY "</body></html>", NULL, NULL);
  assert_published ("<html><body><div class='top-today'><span class='date'>December 19, 2025</span></div>"
                    "<h1>Park grows</h1>" BODY "</body></html>", NULL, NULL);
  /* An article's own <header> holds its date, and so does one that holds the headline. */
  assert_published ("<html><body><header class='site'><nav><a href='/'>Home</a></nav></header><article><header>"
                    "<nav><a href='/news'>News</a></nav><span class='date'>June 7, 2020</span></header>"
                    "<h1>Park grows</h1>" BODY "</article></body></html>", "2020-06-07", "text");
  assert_published ("<html><body><header><nav><a href='/news'>News</a></nav><h1>Park grows</h1>"
                    "<span class='date'>June 7, 2020</span></header>" BODY "</body></html>", "2020-06-07", "text");
}

static void
test_date_by_headline (G_GNUC_UNUSED void **state)
{
  /* A "teaser" without a link is the article's own lead ("teaser-text" under the headline),
   * its dateline the page's date; a teaser that links elsewhere is another story's. */
  assert_published ("<html lang='de'><body><h1>Der Park wächst</h1><div class='l-detail-page__teaser-text'>"
                    "<p>Pressemitteilung vom 25. Januar 2022 | Berlin<strong> </strong>– Der Rat hat den "
                    "Park am Fluss um zwölf Hektar erweitert.</p></div>" BODY "</body></html>", "2022-01-25", "text");
  assert_published ("<html lang='de'><body><h1>Der Park wächst</h1><div class='teaser-text'><p>12.01.2022 – "
                    "<a href='/anderes'>Ein anderer Park</a></p></div>" BODY "</body></html>", NULL, NULL);
  /* A wrapper that holds the headline is the article's, whatever it is called: an
   * off-canvas menu's container around the whole page, a "teaser" figure around the lead. */
  assert_published ("<html><body><div id='navigation-container'><nav><a href='/'>Home</a></nav><article>"
                    "<time datetime='2020-06-07'>7.6.2020</time><h1>Park grows</h1>" BODY "</article></div>"
                    "</body></html>", "2020-06-07", "time");
  /* The headline is the <h1> that the <title> names, not a pop-up's greeting before it. */
  assert_published ("<html lang='de'><head><title>Der Park wächst um zwölf Hektar | Planet</title></head><body>"
                    "<div class='modal'><h1>Liebe Leserinnen und Leser,</h1></div><main><figure class='teaser'>"
                    "<span class='date'>07.06.2020</span><h1>Der Park wächst um zwölf Hektar</h1></figure>" BODY
                    "</main></body></html>", "2020-06-07", "text");
  /* An <aside> by the headline that names the article's facts ("meta", "byline") holds its
   * date; an <aside> of other stories does not. */
  assert_published ("<html lang='de'><head><meta name='date' content='2022-1-26T14:32:06+02:00'></head><body>"
                    "<article><h1>Der Park wächst</h1><div class='intro'><p>Zwölf Hektar mehr.</p></div>"
                    "<aside class='meta' role='complementary'><div class='meta__row'><p><time datetime='2022-01-21' "
                    "class='meta__label'>21.01.2022 - 13:30</time></p></div></aside>" BODY "</article></body></html>",
                    "2022-01-21", "time");
  assert_published ("<html lang='de'><body><article><h1>Der Park wächst</h1><aside class='more'><time "
                    "datetime='2022-01-21'>21.01.2022</time><a href='/anderes'>Ein anderer Park</a></aside>" BODY
                    "</article></body></html>", NULL, NULL);
  /* An <aside> inside the article that links nowhere is the article's own (a date box beside
   * the post's title); one outside it, or one of links, is not. */
  assert_published ("<html><body><h1>Jane's notes</h1><article><aside><time datetime='2021-06-06'>June 6, 2021</time>"
                    "</aside><h2>A brief intro to git</h2>" BODY "<p><a href='/tags/dev'>dev</a></p></article></body></html>",
                    "2021-06-06", "time");
  assert_published ("<html><body><h1>Park grows</h1>" BODY "<aside><time datetime='2021-06-06'>June 6, 2021</time>"
                    "</aside></body></html>", NULL, NULL);
  /* An <aside> that opens right after the headline is the article's column of date, byline
   * and topics, links and all. */
  assert_published ("<html><body><h1>Sleep training for toddlers</h1><aside class='side-col'><p class='article-date'>"
                    "May 25, 2023</p><p>Written By <span>Angela Holliday-Bell</span></p><ul><li><a href='/topics/sleep'>"
                    "Sleep</a></li></ul></aside>" BODY "</body></html>", "2023-05-25", "text");
  /* The label of a change may be an icon's title before the date: then the date beside the
   * icon titled "Created" is the page's. */
  assert_published ("<html><body><article><h1>Park grows</h1>" BODY "<aside class='md-source-file'><span>"
                    "<span class='md-icon' title='Last update'></span> <span class='revision-date'>March 11, 2026</span>"
                    "</span><span><span class='md-icon' title='Created'></span> <span class='revision-date'>April 1, 2022"
                    "</span></span></aside></article></body></html>", "2022-04-01", "text");
  /* A <time> just above the headline beats those of a "more news" block below it. */
  assert_published ("<html lang='de'><body><main><div class='title'><time datetime='2022-12-12 12:22'>12.12.2022</time>"
                    "<h1>Der Park wächst</h1></div>" BODY "<div class='weitere-block'><ul><li><time datetime='2022-08-10 11:05'>"
                    "10.08.2022</time><a href='/x'>Anderes</a></li></ul></div></main></body></html>",
                    "2022-12-12T12:22:00", "time");
  /* The <h1> holds the logo, the <h2> that the <title> names is the headline; the article's
   * first paragraph opens with its dateline. */
  assert_published ("<html lang='de'><head><title>Neue Radwege am Fluss</title></head><body><h1><a href='/'>"
                    "<i>Stadtblatt</i></a></h1><div class='nav'>Start</div><h2>Neue Radwege am Fluss</h2>"
                    "<p>27.1.2022 - Bei der Sitzung am Dienstag hat der Rat beschlossen, zwei neue Radwege entlang "
                    "des Flusses zu bauen, die bis zum Sommer fertig sein sollen.</p>" BODY "</body></html>",
                    "2022-01-27", "text");
  /* A day and a time in two elements are not run together into a year ("28.09.1912:44"). */
  assert_published ("<html lang='de'><body><h1>Der Park wächst</h1><div class='date'><span>28.09.19</span>"
                    "<span>12:44</span></div>" BODY "</body></html>", "2019-09-28T12:44:00", "text");
  /* A topline just above the headline. */
  assert_published ("<html lang='de'><body><div class='col'><div class='topline'><span>06.12.2022</span></div>"
                    "<h1>Der Park wächst</h1></div>" BODY "</body></html>", "2022-12-06", "text");
  /* Without an <h1>, a blog's <h2> is the headline and the line after it its date. */
  assert_published ("<html><head><title>Jane's home | River park grows</title></head><body>"
                    "<div class='post'><h2><a href='/p/1'>River park grows</a></h2><small>June 7, 2020 at 08:45 AM"
                    "</small>" BODY "</div></body></html>", "2020-06-07T08:45:00", "text");
}

static void
test_date_fallbacks (G_GNUC_UNUSED void **state)
{
  /* A whole day in the URL's path beats a list of other posts' days in the page's text. */
  assert_published ("<html><head><link rel='canonical' href='https://blog.example/2017/06/07/park-grows/'></head>"
                    "<body><h1>Park grows</h1>" BODY "<ul><li><span class='date'>May 21 2019</span> "
                    "<a href='/2019/05/21/other/'>Other</a></li></ul></body></html>", "2017-06-07", "url");
  /* A date that is a whole part of the title. */
  assert_published ("<html lang='de'><head><title>08.11.2021 | Fachtag im Park</title></head><body>"
                    "<h1>Fachtag im Park</h1>" BODY "</body></html>", "2021-11-08", "title");
  /* The last change, far from the headline, when nothing says when the page was published. */
#define BODY5 BODY BODY BODY BODY BODY
  assert_published ("<html lang='de'><body><h1>Der Park</h1>" BODY5 BODY5 BODY5 BODY5 BODY5 BODY5 "<p class='info'>Aktualisiert: 30.12.2016</p>"
                    "</body></html>", "2016-12-30", "modified");
  /* A wiki's "last edited" inside its page information line. */
  assert_published ("<html><body><h1>Getting started</h1>" BODY5 BODY5 BODY5 BODY5 BODY5 BODY5
                    "<p id='pageinfo'>GettingStarted (last edited 2019-11-10 13:28:18 by Jane)</p></body></html>",
                    "2019-11-10T13:28:18", "modified");
  /* The same in German, its label anywhere in the line (one pass looks for every spelling). */
  assert_published ("<html lang='de'><body><h1>Erste Schritte</h1>" BODY5 BODY5 BODY5 BODY5 BODY5 BODY5
                    "<p id='pageinfo'>Seite Start (Zuletzt ge\xC3\xA4ndert 2019-11-10 13:28:18 von Jana)</p></body></html>",
                    "2019-11-10T13:28:18", "modified");
  /* "am 20.09.2020" alone on its line. */
  assert_published ("<html lang='de'><body><h1>Tomaten schneiden</h1>" BODY5 BODY5 BODY5 BODY5 BODY5 BODY5
                    "<div class='user'><span>am 20.09.2020</span></div></body></html>", "2020-09-20", "text");
  /* An element whose whole text is a date, where the page marks its date no other way... */
  assert_published ("<html><body><table><tr><td><div style='float: right'><div style='color: #aaa'>Apr 7, 2009</div>"
                    "<b>This week's theme</b></div>" BODY "</td></tr></table></body></html>", "2009-04-07", "text");
  /* ...but not a link's text (an archive), a list's item, a sidebar's, nor a date in a sentence. */
  assert_published ("<html><body><h1>Park grows</h1>" BODY5 BODY5 BODY5 BODY5 BODY5 BODY5
                    "<p><a href='/2009/04/07/'>Apr 7, 2009</a></p>"
                    "<ul><li>Apr 8, 2009</li></ul><aside><p>Apr 9, 2009</p></aside><p>Since Apr 10, 2009.</p>"
                    "</body></html>", NULL, NULL);
  /* A day that a sentence by the headline tells of, in a short paragraph or at the opening
   * of a long one, is not the day the page was published... */
  assert_published ("<html><body><h1>Park grows</h1><p>The council first discussed the plan on March 3, 2019 "
                    "and voted again this week.</p></body></html>", NULL, NULL);
  assert_published ("<html lang='de'><body><h1>Mail-Aktion</h1><p>Ich habe am 12. Mai 2006 eine Mail-Aktion an "
                    "die Mitglieder des Bundestages gestartet, mit folgendem Inhalt, den ich hier wiedergebe, "
                    "weil viele danach gefragt haben und die Antworten noch immer ausstehen.</p></body></html>",
                    NULL, NULL);
  /* ...but a dateline or a header line with words on one side of its date is. */
  assert_published ("<html lang='de'><body><h1>Der Park wächst</h1><p>Hofheim am Taunus | Wiesbaden, "
                    "11. November 2021</p>" BODY "</body></html>", "2021-11-11", "text");
  assert_published ("<html lang='de'><body><h1>Der Park wächst</h1><p>29.11.2022 – Mehrfach hatte die Branche "
                    "die Nachteile des Plans genannt.</p>" BODY "</body></html>", "2022-11-29", "text");
  /* A summary that dates its item ("Notizia del 14 Gennaio 2020"), where the page shows no
   * date; a date the summary merely talks about is none. */
  assert_published ("<html lang='it'><head><meta name='description' content='ORSO MARSICANO: UN ANNO DA RECORD "
                    "(Notizia del 14 Gennaio 2020)'></head><body><h1>Orso marsicano</h1>" BODY "</body></html>",
                    "2020-01-14", "description");
  assert_published ("<html lang='de'><head><meta name='description' content='Die Preise steigen ab 1. Januar "
                    "2024.'></head><body><h1>Neue Preise</h1>" BODY "</body></html>", NULL, NULL);
  assert_published ("<html lang='de'><head><meta name='description' content='Fachmeldung vom 18.10.2021'>"
                    "</head><body><h1>Neue Steuer</h1><p class='date'>19.10.2021</p>" BODY "</body></html>",
                    "2021-10-19", "text");
  /* A teaser in a list of news with the page's own link holds the page's date... */
  assert_published ("<html><head><link rel='canonical' href='https://news.example/park-grows'></head><body>"
                    "<h1>Park grows</h1>" BODY "<div class='teasers'><a href='/other'><span class='date'>"
                    "01.02.2021</span></a><a href='/park-grows'><span class='date'>10.11.2021</span></a></div>"
                    "</body></html>", "2021-11-10", "text");
  /* ...a comment's permalink on the page itself does not. */
  assert_published ("<html><head><link rel='canonical' href='https://news.example/park-grows'></head><body>"
                    "<h1>Park grows</h1>" BODY "<div class='comments'><a href='/park-grows#comment-3'>"
                    "<time datetime='2021-11-12'>12.11.2021</time></a></div></body></html>", NULL, NULL);
}

/* A page updated and republished keeps its first datePublished in the metadata; the day its
 * header shows, confirmed by the metadata's dateModified, is the day the page states. */
static void
test_date_header_update (G_GNUC_UNUSED void **state)
{
#define UPDATED_HEAD(published, modified)                                                        \
  "<html lang='de'><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "      \
  "\"datePublished\": \"" published "\", \"dateModified\": \"" modified "\"}</script></head>"
  /* The header shows the update's day, which dateModified names: the header's day. */
  assert_published (UPDATED_HEAD ("2021-03-16T16:16:10Z", "2021-03-20T14:00:17Z")
                    "<body><article><h1>Der Park wächst</h1><div class='meta'>20. März 2021 - 15:00 Uhr</div>"
                    BODY "</article></body></html>", "2021-03-20T15:00:00", "text");
  /* "Updated" by the headline and in the metadata alike. */
  assert_published ("<html><head><meta property='article:published_time' content='2021-03-08T11:15:28Z'>"
                    "<meta property='article:modified_time' content='2021-03-14T20:10:50Z'></head><body><article>"
                    "<h1>Park grows</h1><p class='byline'>By Jane Doe, Updated 2010 GMT March 14, 2021</p>" BODY
                    "</article></body></html>", "2021-03-14", "text");
  /* ...but not when the header states the publication beside the update ("Originally
   * published"), on its own line or in a summary the update's line unfolds. */
  assert_published ("<html><head><meta name='publishtime' content='2022-11-09T11:01:10-05:00'>"
                    "<meta property='article:modified_time' content='2022-11-11T20:23:00-05:00'></head><body>"
                    "<h1>Park grows</h1><div class='story-meta'><div class='dateblock'><time "
                    "datetime='2022-11-11T20:23:00-05:00'><span class='date'>Updated November 11, 2022</span>"
                    "<span class='time'>8:23 PM ET</span><span class='tooltip'>Originally published "
                    "<span class='tt-date'>November 9, 2022</span><span>11:01 AM ET</span></span></time></div></div>"
                    BODY "</body></html>", "2022-11-09T11:01:10-05:00", "meta");
  assert_published ("<html><head><meta property='article:published_time' content='2025-12-05T11:00:22Z'>"
                    "<meta property='article:modified_time' content='2025-12-08T15:40:43Z'></head><body>"
                    "<h1>Park grows</h1><details><summary><span>Fri 5 Dec 2025 12.00 CET</span></summary>"
                    "Last modified on Mon 8 Dec 2025 16.40 CET</details>" BODY "</body></html>",
                    "2025-12-05T11:00:22Z", "meta");
  /* A header that shows the published day keeps it... */
  assert_published (UPDATED_HEAD ("2021-03-16T16:16:10+01:00", "2021-03-20T14:00:17Z")
                    "<body><article><h1>Der Park wächst</h1><div class='meta'>16. März 2021</div>"
                    BODY "</article></body></html>", "2021-03-16T16:16:10+01:00", "json-ld");
  /* ...and so does a later day in the header that no dateModified confirms (an edition's day,
   * a list of other posts)... */
  assert_published (UPDATED_HEAD ("2021-03-16T16:16:10+01:00", "2021-03-16T18:00:00+01:00")
                    "<body><article><h1>Der Park wächst</h1><div class='meta'>20. März 2021</div>"
                    BODY "</article></body></html>", "2021-03-16T16:16:10+01:00", "json-ld");
  /* ...or an earlier one (a post written before it was scheduled to appear). */
  assert_published (UPDATED_HEAD ("2022-12-25T11:00:02+01:00", "2022-12-07T09:10:52Z")
                    "<body><article><h1>Der Park wächst</h1><div class='meta'>07.12.2022</div>"
                    BODY "</article></body></html>", "2022-12-25T11:00:02+01:00", "json-ld");
  /* JSON-LD and article:published_time disagree; the header shows the later of the two: the
   * header breaks the tie. */
  assert_published ("<html lang='de'><head><script type='application/ld+json'>{\"@type\": \"Article\", "
                    "\"datePublished\": \"2021-12-06 14:36\"}</script><meta property='article:published_time' "
                    "content='2022-12-15T09:13:00'></head><body><article><h1>Der Park wächst</h1>"
                    "<span class='meta'>15.12.2022</span>" BODY "</article></body></html>", "2022-12-15", "text");
  /* A bare <meta name="date"> confirms the header's day over a hidden itemprop's value
   * (a press release scheduled the evening before). */
  assert_published ("<html lang='de'><head><meta name='date' content='2021-10-28T13:21:30+01:00'></head><body>"
                    "<main><time itemprop='datePublished' class='rs_skip' datetime='2021-10-27T20:35:36+01:00'>"
                    "2021-10-27T20:35:36+01:00</time><article><h1>Der Park wächst</h1><p>Berlin, 28.10.2021</p>"
                    BODY "</article></main></body></html>", "2021-10-28", "text");
  /* A later day in the header that only the same record's own value names is no confirmation:
   * another publication field must name it. */
  assert_published ("<html lang='de'><head><meta property='article:published_time' content='2021-03-16'>"
                    "</head><body><article><h1>Der Park wächst</h1><div class='meta'>20. März 2021</div>"
                    BODY "</article></body></html>", "2021-03-16", "meta");
  /* The header's line of facts opens with another figure (a reading time); its date, the
   * update's day that dateModified names, comes after it in the same line. */
  assert_published (UPDATED_HEAD ("2021-11-29T14:13:37Z", "2022-01-12T14:27:30Z")
                    "<body><article><h1>Der Park wächst</h1><div class='author'><span class='icon-book'></span>"
                    "&nbsp; ca. 8 Min.<br>\n<span class='icon-calendar'></span>&nbsp; 12.01.2022\n</div>"
                    BODY "</article></body></html>", "2022-01-12", "text");
  /* A sentence of the text that names a day after another figure is no such line. */
  assert_published ("<html><body><article><p>Dec 12, 2025</p><h1>Park grows</h1>"
                    "<p>Version 2 of the plan <a href='/plan'>passed</a>. The council approved it on 30 October"
                    " 2025 after a long debate.</p>" BODY "</article></body></html>", "2025-12-12", "text");
  /* Without a date in the header, the metadata's publication stands. */
  assert_published (UPDATED_HEAD ("2018-02-28T20:00:18Z", "2020-01-05T11:53:45Z")
                    "<body><article><h1>Der Park wächst</h1>" BODY "</article></body></html>",
                    "2018-02-28T20:00:18Z", "json-ld");
#undef UPDATED_HEAD
}

/* published_local as html.c sets it: the page's own day and offset. */
#define assert_local_day(html, expected)                                            \
  do {                                                                             \
    g_autoptr (HtmlMeta) m_ = read_meta (html);                                    \
    assert_true (m_->has_published);                                               \
    g_autofree char *got_ = nf_date_format_local (&m_->published_local);           \
    assert_string_equal (got_, expected);                                          \
  } while (0)

static void
test_date_local_day (G_GNUC_UNUSED void **state)
{
  /* An instant in UTC on the day after the page's own (the URL's) day: the instant stays,
   * the local date is the page's day. */
  const char *page = "<html><head><link rel='canonical' href='https://news.example/2020/02/24/park/'>"
                     "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                     "\"datePublished\": \"2020-02-25T02:25:54Z\"}</script></head><body><h1>Park grows</h1>" BODY
                     "</body></html>";
  assert_published (page, "2020-02-25T02:25:54Z", "json-ld");
  assert_local_day (page, "2020-02-24");
  /* The header's local time gives the page's offset. */
  assert_local_day ("<html lang='es'><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                    "\"datePublished\": \"Wed, 04 May 2022 00:25:56 GMT\"}</script></head><body><h1>Crece el parque</h1>"
                    "<time>3 de mayo de 2022 21:25</time>" BODY "</body></html>", "2022-05-03T21:25:56-03:00");
  /* An instant in UTC that is the next day where the page's language is written: the day
   * the publisher meant (midnight in Berlin written out in UTC), in that zone's offset... */
  assert_local_day ("<html lang='de'><head><meta property='article:published_time' "
                    "content='2022-11-06T23:00:00.000Z'></head><body><h1>Der Park wächst</h1>" BODY "</body></html>",
                    "2022-11-07T00:00:00+01:00");
  assert_local_day ("<html lang='fi'><head><meta property='article:published_time' "
                    "content='2022-06-06T21:30:00Z'></head><body><h1>Puisto kasvaa</h1>" BODY "</body></html>",
                    "2022-06-07T00:30:00+03:00");
  assert_local_day ("<html lang='ru'><head><meta property='article:published_time' "
                    "content='2020-06-06T22:30:00Z'></head><body><h1>Парк растёт</h1>" BODY "</body></html>",
                    "2020-06-07T01:30:00+03:00");
  assert_local_day ("<html lang='id'><head><meta property='article:published_time' "
                    "content='2020-06-06T18:30:00Z'></head><body><h1>Taman tumbuh</h1>" BODY "</body></html>",
                    "2020-06-07T01:30:00+07:00");
  /* ...but not for a language of many zones, nor a region far from the language's home. */
  assert_local_day ("<html lang='en'><head><meta property='article:published_time' "
                    "content='2022-11-06T23:00:00Z'></head><body><h1>Park grows</h1>" BODY "</body></html>",
                    "2022-11-06T23:00:00Z");
  assert_local_day ("<html lang='fr-CA'><head><meta property='article:published_time' "
                    "content='2022-11-06T23:00:00Z'></head><body><h1>Le parc</h1>" BODY "</body></html>",
                    "2022-11-06T23:00:00Z");
  assert_local_day ("<html lang='en-GB'><head><meta property='article:published_time' "
                    "content='2022-06-06T23:10:00Z'></head><body><h1>Park grows</h1>" BODY "</body></html>",
                    "2022-06-07T00:10:00+01:00");
  /* Another day in a list far below the header changes nothing. */
  assert_local_day ("<html lang='fr'><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                    "\"datePublished\": \"2020-02-18T12:53:40+00:00\"}</script></head><body><h1>Le parc</h1>" BODY5
                    BODY5 BODY5 BODY5 BODY5 BODY5 BODY5 BODY5 BODY5 BODY5 BODY5 BODY5 "<span class='date'>19/02/2020</span>"
                    "</body></html>", "2020-02-18T12:53:40Z");
}

/* The site's bar is not the article's header. */
static void
test_date_site_bar (G_GNUC_UNUSED void **state)
{
  /* The site's bar above the <article> that holds the headline shows the day the page is
   * read: a page with no other date has none, never the day it was fetched... */
  assert_published ("<html><body><div class='topbar'><span class='date'>Sunday, January 19, 2020</span></div>"
                    "<article><h1>Park grows</h1>" BODY "</article></body></html>", NULL, NULL);
  assert_published ("<html lang='de'><body><div class='header'><p class='date'>Freitag, 21. Januar 2022</p></div>"
                    "<article><h1>Der Park wächst</h1>" BODY "</article></body></html>", NULL, NULL);
  /* ...and the article's own date still counts beside it. */
  assert_published ("<html><body><div class='topbar'><span class='date'>Sunday, January 19, 2020</span></div>"
                    "<article><h1>Park grows</h1><span class='date'>January 17, 2020</span>" BODY
                    "</article></body></html>", "2020-01-17", "text");
}

/* One date element, two labels. */
static void
test_date_update_line_first (G_GNUC_UNUSED void **state)
{
  /* A date element whose line opens with the update and names the publication after it:
   * the publication's day, not the change's. */
  assert_published ("<html><body><article><h1>Park grows</h1><p class='meta'>Updated: June 9, 2020 · Published: "
                    "June 7, 2020</p>" BODY "</article></body></html>", "2020-06-07", "text");
  assert_published ("<html lang='de'><body><article><h1>Der Park wächst</h1><div class='date'>Aktualisiert am "
                    "09.06.2020, veröffentlicht am 07.06.2020</div>" BODY "</article></body></html>", "2020-06-07", "text");
  /* A lone update line keeps its day (the best there is). */
  assert_published ("<html><body><article><h1>Park grows</h1><div class='timestamp'>Updated May 06, 2019</div>" BODY
                    "</article></body></html>", "2019-05-06", "text");
}

/* What a <time> shows beside its datetime. */
static void
test_date_time_shows_local_day (G_GNUC_UNUSED void **state)
{
  /* A <time> whose datetime is an instant in UTC shows readers the page's own day and time:
   * that day, with the offset they imply (the instant unchanged)... */
  const char *page = "<html lang='en-US'><body><article><h1>Park grows</h1><time datetime='2020-06-08T02:30:00Z'>"
                     "June 7, 2020 10:30 pm</time>" BODY "</article></body></html>";
  assert_local_day (page, "2020-06-07T22:30:00-04:00");
  {
    g_autoptr (HtmlMeta) m = read_meta (page);
    g_autofree char *text = nf_date_format_local (&m->published_date);
    assert_string_equal (text, "2020-06-08T02:30:00Z");
  }
  /* ...or the day alone when it shows no time; the day it shows when it is UTC's, whatever
   * the language's home zone would make of the instant. */
  assert_local_day ("<html><body><article><h1>Park grows</h1><time datetime='2020-06-08T01:00:00+00:00'>June 7, 2020"
                    "</time>" BODY "</article></body></html>", "2020-06-07");
  assert_local_day ("<html lang='de'><body><article><h1>Der Park wächst</h1><time datetime='2022-11-06T23:30:00Z'>"
                    "06.11.2022</time>" BODY "</article></body></html>", "2022-11-06T23:30:00Z");
  /* A <time> that shows only its time ("15:32") leaves the day to the rest of the page. */
  assert_local_day ("<html lang='de'><body><article><h1>Der Park wächst</h1><time datetime='2022-11-06T23:30:00Z'>"
                    "23:30</time>" BODY "</article></body></html>", "2022-11-07T00:30:00+01:00");
}

static void
assert_authors (const char *html, const char *const *expected)
{
  g_autoptr (HtmlMeta) meta = read_meta (html);
  g_ptr_array_add (meta->authors, NULL);
  g_autofree char *got = g_strjoinv ("; ", (char **) meta->authors->pdata);
  g_autofree char *want = g_strjoinv ("; ", (char **) expected);
  if (strcmp (got, want) != 0)
    fail_msg ("authors: got [%s], want [%s]", got, want);
}

static void
test_bylines (G_GNUC_UNUSED void **state)
{
  /* Labels dropped, several authors split in the page's words. */
  assert_authors ("<html><body><h1>Park grows</h1><p class='byline'>Von Jana Muster und Max Beispiel</p>" BODY
                  "</body></html>", (const char *[]) { "Jana Muster", "Max Beispiel", NULL });
  assert_authors ("<html><body><h1>Crece el parque</h1><span class='author'>Por Ana García y Luis Pérez</span>" BODY
                  "</body></html>", (const char *[]) { "Ana García", "Luis Pérez", NULL });
  assert_authors ("<html><body><h1>Park grows</h1><a rel='author' href='/a'>View all posts by Jane Doe</a>" BODY
                  "</body></html>", (const char *[]) { "Jane Doe", NULL });
  assert_authors ("<html><body><h1>Park grows</h1><div class='byline'>By Jane Doe and John Roe | June 7, 2020</div>"
                  BODY "</body></html>", (const char *[]) { "Jane Doe", "John Roe", NULL });
  /* JSON-LD objects and arrays. */
  assert_authors ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": "
                  "[{\"@type\": \"Person\", \"name\": \"Jane Doe\"}, {\"@type\": \"Person\", \"name\": \"John Roe\"}]}"
                  "</script></head><body><h1>Park grows</h1>" BODY "<div class='bio'>Jane Doe covers the city.</div>"
                  "</body></html>", (const char *[]) { "Jane Doe", "John Roe", NULL });
  /* The site or publisher as author, an e-mail, a domain, a company: no byline. */
  assert_authors ("<html><head><meta property='og:site_name' content='The Daily Planet'>"
                  "<meta name='author' content='The Daily Planet'></head><body><h1>Park grows</h1>" BODY
                  "</body></html>", (const char *[]) { NULL });
  assert_authors ("<html><head><meta name='author' content='news@planet.example'></head><body><h1>Park grows</h1>"
                  BODY "</body></html>", (const char *[]) { NULL });
  assert_authors ("<html><head><meta name='author' content='planet.example'></head><body><h1>Park grows</h1>"
                  BODY "</body></html>", (const char *[]) { NULL });
  assert_authors ("<html><head><meta name='author' content='Planet Media GmbH'></head><body><h1>Park grows</h1>"
                  BODY "</body></html>", (const char *[]) { NULL });
  /* A theme credit in the footer and a commenter are not the author. */
  assert_authors ("<html><body><h1>Park grows</h1>" BODY "<div id='comments'><span class='comment-author'>Max says"
                  "</span></div><footer><span class='author'>Theme by Jane Themer</span></footer></body></html>",
                  (const char *[]) { NULL });
  /* A date glued to the name ("am", a weekday) is cut. */
  assert_authors ("<html lang='de'><body><h1>Der Park</h1><p class='byline'>Jana Muster am Fr., 7. Juni 2020</p>"
                  BODY "</body></html>", (const char *[]) { "Jana Muster", NULL });
}

static void
test_bylines_more (G_GNUC_UNUSED void **state)
{
  /* The site's name but for spaces, signs and a domain, or a one-word handle in it. */
  assert_authors ("<html><head><meta property='og:site_name' content='PLANET-MAGAZIN.de'>"
                  "<meta name='author' content='Planet Magazin'></head><body><h1>Park grows</h1>" BODY
                  "</body></html>", (const char *[]) { NULL });
  assert_authors ("<html><head><meta property='og:site_name' content='Daily Planet'>"
                  "<meta name='author' content='DailyPlanet'></head><body><h1>Park grows</h1>" BODY
                  "</body></html>", (const char *[]) { NULL });
  /* A person's blog named after them keeps its author. */
  assert_authors ("<html><head><meta property='og:site_name' content='Jane Doe Writes'>"
                  "<meta name='author' content='Jane Doe'></head><body><div class='logo'>Jane Doe Writes</div>"
                  "<h1>Park grows</h1>" BODY "</body></html>", (const char *[]) { "Jane Doe", NULL });
  /* Roles, initials and link texts are nobody; an agency's tag is kept. */
  const char *const nobody[] = { "publisher", "Anónimo", "kj", "GNB", "Weitere Artikel", "zvg" };
  for (guint i = 0; i < G_N_ELEMENTS (nobody); i++)
    {
      g_autofree char *got = html_byline_clean_name (nobody[i]);
      if (got)
        fail_msg ("%s: got %s, want none", nobody[i], got);
    }
  g_autofree char *agency = html_byline_clean_name ("dpa");
  assert_string_equal (agency, "dpa");
  g_autofree char *auteur = html_byline_clean_name ("Auteur: Anna Kubišta");
  assert_string_equal (auteur, "Anna Kubišta");
  /* A "byline" element that holds the headline is no byline. */
  assert_authors ("<html><body><h1>Park grows again!</h1><span class='news-list-author'>Park grows again!</span>"
                  BODY "</body></html>", (const char *[]) { NULL });
  /* JSON-LD authors given as a reference to a Person elsewhere in the @graph. */
  assert_authors ("<html><head><script type='application/ld+json'>{\"@graph\": [{\"@type\": \"Article\", "
                  "\"headline\": \"Park grows\", \"author\": {\"@id\": \"https://planet.example/#/person/1\"}}, "
                  "{\"@type\": \"Person\", \"@id\": \"https://planet.example/#/person/1\", \"name\": \"Jane Doe\"}]}"
                  "</script></head><body><h1>Park grows</h1>" BODY "<p>Jane Doe</p></body></html>",
                  (const char *[]) { "Jane Doe", NULL });
}

/* A byline element left with no text, or cut at its first byte by a digit or a separator,
 * names nobody (fuzz-html found the credit cut reading past the empty copy's NUL; the
 * replay of tests/fuzz/corpus/html/crash-byline-empty-credit-cut pins it under ASan). */
static void
test_bylines_empty (G_GNUC_UNUSED void **state)
{
  assert_authors ("<a rel=author", (const char *[]) { NULL });
  assert_authors ("<html><body><h1>Park grows</h1><a rel='author' href='/a'></a>" BODY "</body></html>",
                  (const char *[]) { NULL });
  assert_authors ("<html><body><h1>Park grows</h1><p class='byline'>7 June 2020</p>" BODY "</body></html>",
                  (const char *[]) { NULL });
  assert_authors ("<html><body><h1>Park grows</h1><span class='byline'>| Photos: Max Beispiel</span>" BODY
                  "</body></html>", (const char *[]) { NULL });
}

static void
test_bylines_shown (G_GNUC_UNUSED void **state)
{
  /* A name only the metadata gives, that the page never shows its readers (a theme's default
   * account, the site owner's name in every page's <meta name=author>), is no byline... */
  assert_authors ("<html><head><meta name='author' content='Heinz Muster'></head><body><h1>Park grows</h1>" BODY
                  "</body></html>", (const char *[]) { NULL });
  assert_authors ("<html><head><script type='application/ld+json'>{\"@type\": \"BlogPosting\", \"author\": "
                  "{\"@type\": \"Person\", \"name\": \"Jane Doe\", \"description\": \"Jane Doe writes\"}}</script>"
                  "<meta name='twitter:data1' content='Jane Doe'></head><body><h1>Park grows</h1>" BODY
                  "<script>var author = 'Jane Doe';</script></body></html>", (const char *[]) { NULL });
  /* ...but it is when the page shows it anywhere: an author box, a signature, a link. */
  assert_authors ("<html><head><meta name='author' content='Heinz Muster'></head><body><h1>Park grows</h1>" BODY
                  "<div class='about'><a href='/heinz'>Über Heinz Muster</a></div></body></html>",
                  (const char *[]) { "Heinz Muster", NULL });
  /* A labelled byline without markup in the article's header. */
  assert_authors ("<html lang='de'><body><h1>Der Park wächst</h1><h4>Ein Bericht</h4><p> von <em>Jana Muster</em></p>"
                  BODY "</body></html>", (const char *[]) { "Jana Muster", NULL });
  assert_authors ("<html><body><h1>Park grows</h1><address>By <a href='/a/jd'>Jane Doe</a></address>" BODY
                  "</body></html>", (const char *[]) { "Jane Doe", NULL });
  /* ...but not a sentence that starts with "by" far down the text. */
  assert_authors ("<html><body><h1>Park grows</h1>" BODY5 BODY5 BODY5 BODY5 BODY5 BODY5
                  "<p>By The River, a poem</p></body></html>", (const char *[]) { NULL });
}

static void
test_date_meta_names (G_GNUC_UNUSED void **state)
{
  /* A bare <meta name="date"> names no event (often the page's last change): a <time> in the
   * article's header says more; without one it is still the page's date. */
  assert_published ("<html><head><meta name='date' content='2022-01-21'></head><body><article>"
                    "<h1>Park grows</h1><time datetime='2022-01-25T08:00:00+01:00'>25.01.2022</time>" BODY
                    "</article></body></html>", "2022-01-25T08:00:00+01:00", "time");
  assert_published ("<html><head><meta name='dcterms.date' content='2022-01-21'></head><body>"
                    "<h1>Park grows</h1>" BODY "</body></html>", "2022-01-21", "meta");
  /* A bare date later than the day the article's header shows is the page's last change:
   * the header's day ("Stand:" after the headline, a date element above the sharing links
   * before it) is the publication.  A later day in the header changes nothing. */
  assert_published ("<html lang='de'><head><meta name='date' content='2020-04-29T11:52:23'></head><body>"
                    "<h1>Daten gehackt</h1><p class='text'><span class='stand'>Stand: 28.04.2020 18:00 Uhr</span></p>"
                    BODY "</body></html>", "2020-04-28T18:00:00", "text");
  assert_published ("<html lang='de'><head><meta name='date' content='2020-02-12'></head><body><div class='news'>"
                    "<div class='news-single-timedata'>05.02.2020 <span>- Redaktion: Eva Muster</span></div>"
                    "<div class='share'><a href='/f'><span>f</span></a><a href='/t'><span>t</span></a>"
                    "<a href='/m'><span>m</span></a><a href='/p'><span>p</span></a></div>"
                    "<h1>Faire Lieferketten</h1>" BODY "</div></body></html>", "2020-02-05", "text");
  assert_published ("<html lang='de'><head><meta name='date' content='2020-04-29T11:52:23'></head><body>"
                    "<h1>Daten gehackt</h1><p class='text'><span class='stand'>Stand: 30.04.2020 18:00 Uhr</span></p>"
                    BODY "</body></html>", "2020-04-29T11:52:23", "meta");
  /* A publication date under a vendor's prefix is one ("sw-pubdate", "cms:publish-date"). */
  assert_published ("<html><head><meta name='sw-pubdate' content='2021-11-19'></head><body><article>"
                    "<h1>Park grows</h1><p class='date'>18. Nov 2021</p>" BODY "</article></body></html>",
                    "2021-11-19", "meta");
  assert_published ("<html><head><meta name='cms:publish-date' content='2021-11-19'>"
                    "<meta name='cms:publish-update' content='2021-12-01'></head><body>"
                    "<h1>Park grows</h1>" BODY "</body></html>", "2021-11-19", "meta");
}

static void
test_date_labels (G_GNUC_UNUSED void **state)
{
  /* The label of a change outside the date's element ("last edited: <span class=date>"): the
   * page's last change, below a publication date further down. */
  assert_published ("<html><body><article><h1>Park steps</h1><div class='page-info'>page revision: 8, last edited: "
                    "<span class='odate'>17 Jun 2018 15:15</span></div>" BODY "<p>Posted on 23 March 2008</p>"
                    "</article></body></html>", "2008-03-23", "text");
  assert_published ("<html lang='de'><body><article><h1>Der Park</h1><p>Aktualisiert am <time datetime='2020-05-04'>"
                    "4. Mai</time></p>" BODY "</article></body></html>", "2020-05-04", "modified");
  /* The day the page is read ("Aktuelles Datum und Uhrzeit:", "Today is") is no publication. */
  assert_published ("<html lang='de'><body><div class='datetime'>Aktuelles Datum und Uhrzeit: 11/02/20, 07:22 pm</div>"
                    "<h1>Forenregeln</h1><div class='postdetails'><p> am 26/10/13, 03:48 pm</p></div>" BODY
                    "</body></html>", "2013-10-26T15:48:00", "text");
  assert_published ("<html><body><p class='date'>Today is Monday, 7 June 2021</p><h1>Park grows</h1>" BODY
                    "</body></html>", NULL, NULL);
  /* A reading day's label that opens with a publication label ("Date du jour" and "Date"):
   * the labels indexed by first byte keep the lists' order, the reading day's first. */
  assert_published ("<html><body><p class='date'>Date du jour: Monday, 7 June 2021</p><h1>Park grows</h1>"
                    BODY "</body></html>", NULL, NULL);
  assert_published ("<html lang='fr'><body><p class='date'>Date : dimanche 7 juin 2020</p><h1>Le parc</h1>"
                    BODY "</body></html>", "2020-06-07", "text");
  /* "am 20.09.2020" after the author's name and a <br>, with the markup's indentation after it. */
  assert_published ("<html lang='de'><body><h1>Tomaten schneiden</h1>" BODY "<p>x</p><p>y</p><p>z</p><p>w</p>"
                    "<p>v</p><p>u</p><p>t</p><p>s</p><p>r</p><p>q</p><p>o</p><p>n</p><p>m</p><p>l</p><p>k</p>"
                    "<p>j</p><p>i</p><p>h</p><p>g</p><p>f</p><p>e</p><p>d</p><p>c</p><p>b</p><p>a</p>"
                    "<div><span>\n  von <span><a href='/user/m1'>Marianne1</a></span>\n  <br />\n"
                    "  am 20.09.2020                </span></div></body></html>", "2020-09-20", "text");
}

static void
assert_title (const char *html, const char *expected)
{
  g_autoptr (HtmlMeta) meta = read_meta (html);
  assert_non_null (meta->title);
  assert_string_equal (meta->title, expected);
}

static void
test_titles (G_GNUC_UNUSED void **state)
{
  /* A one-word <h1> is the headline when the <title> opens with it and a separator, and no
   * longer <h1> is the headline. */
  assert_title ("<html><head><title>»park.jetzt« – Planet Apps</title></head><body><h1>»park.jetzt«</h1>" BODY
                "</body></html>", "»park.jetzt«");
  assert_title ("<html><head><title>News - Planet</title><meta property='og:title' content='Der Park wächst um "
                "zwölf Hektar'></head><body><h1>News</h1><h1>Der Park wächst um zwölf Hektar</h1>" BODY
                "</body></html>", "Der Park wächst um zwölf Hektar");
  /* ... but not when it is the name in the page's host: the site's logo. */
  assert_title ("<html><head><title>parkblog » Der Park wächst</title><link rel='canonical' "
                "href='http://www.parkblog.de/der-park-waechst/'></head><body><h1><a href='/'>parkblog</a></h1>" BODY
                "</body></html>", "parkblog » Der Park wächst");
  /* The sections a <title> lists before the site's name, like a breadcrumb, go with it; a
   * longer last part stays. */
  assert_title ("<html><head><title>Kein Parkplatz mehr am Fluss? | Verkehr | Forum | PlanetTech.de</title></head><body>"
                BODY "</body></html>", "Kein Parkplatz mehr am Fluss?");
  assert_title ("<html><head><title>Park grows by the river | What the Council Decided | Planet</title></head><body>"
                BODY "</body></html>", "Park grows by the river | What the Council Decided");
  /* The kicker inside the <h1> is not the headline: the part that names itself the headline,
   * or what follows the kicker, is. */
  assert_title ("<html lang='de'><head><title>Neue Pläne: Der Park wächst am Fluss | Planet</title></head>"
                "<body><h1> <span class='dachzeile'>Neue Pläne im Rat</span> <span class='headline'>Der Park "
                "wächst am Fluss</span> </h1>" BODY "</body></html>", "Der Park wächst am Fluss");
  assert_title ("<html lang='de'><head><title>Stadtgrün: Pflanzen, bis es blüht</title></head><body>"
                "<h1 class='article-heading'> <span class='article-heading__kicker'>Stadtgrün</span><span "
                "class='visually-hidden'>: </span><span class='article-heading__title'>Pflanzen, bis es blüht"
                "</span></h1>" BODY "</body></html>", "Pflanzen, bis es blüht");
  assert_title ("<html lang='de'><head><title>Tipp der Woche | Rundweg mit Steg</title></head><body>"
                "<h1><span class='post-title' itemprop='headline'><small>Tipp der Woche</small><br>Rundweg "
                "mit Steg</span></h1>" BODY "</body></html>", "Rundweg mit Steg");
  /* A headline left unclosed holds the byline after it: its text stops at the block. */
  assert_title ("<html lang='de'><head><title>Rettet den Park am Fluss! - Der Blog aus Planetstadt</title></head><body>"
                "<div class='header'><h1 class='entry-title'>Rettet den Park am Fluss!<h4 class='author'>Veröffentlicht "
                "von <a href='/a/jm'>Jana Muster</a> am 23. Februar 2020</h4></div>" BODY "</body></html>",
                "Rettet den Park am Fluss!");
  /* Site names around the headline, with », –, | and : */
  assert_title ("<html><head><title>River park grows by twelve hectares » Planet e.V.</title></head>"
                "<body>" BODY "</body></html>", "River park grows by twelve hectares");
  assert_title ("<html><head><meta property='og:site_name' content='The Planet'>"
                "<title>The Planet: River park grows by twelve hectares</title></head><body>" BODY "</body></html>",
                "River park grows by twelve hectares");
  assert_title ("<html><head><title>River park grows by twelve hectares – The Daily Planet</title></head>"
                "<body>" BODY "</body></html>", "River park grows by twelve hectares");
  /* The visible headline beats an og:title in other words, a logo in an <h1> does not. */
  assert_title ("<html><head><meta property='og:title' content='River park grows: council backs plan for the park'>"
                "</head><body><h1>The Planet</h1><h1>River park grows by twelve hectares</h1>" BODY "</body></html>",
                "River park grows by twelve hectares");
  /* A headline run together with its kicker or date: the metadata says where it stops. */
  assert_title ("<html><head><meta property='og:title' content='River park grows by twelve hectares'></head>"
                "<body><h1><span class='kicker'>City council</span><span>River park grows by twelve hectares</span>"
                "</h1>" BODY "</body></html>", "River park grows by twelve hectares");
  assert_title ("<html><head><meta property='og:title' content='River park grows by twelve hectares'></head>"
                "<body><h1>River park grows by twelve hectares<br><small>07.06.2020 • City</small></h1>" BODY
                "</body></html>", "River park grows by twelve hectares");
  /* The site's name glued to the headline by a bare "|", or given as its domain. */
  assert_title ("<html><head><meta property='og:site_name' content='NEWS WEB EASY'>"
                "<title>NEWS WEB EASY|公園が大きくなる</title></head><body>" BODY "</body></html>",
                "公園が大きくなる");
  assert_title ("<html><head><meta property='og:site_name' content='www.planet.de'>"
                "<title>PLANET  -  Der Park wächst um zwölf Hektar</title></head><body>" BODY "</body></html>",
                "Der Park wächst um zwölf Hektar");
  /* A headline with a colon of its own keeps it. */
  assert_title ("<html><head><meta property='og:title' content='Council backs the plan'></head>"
                "<body><h1>River park: Council backs the plan</h1>" BODY "</body></html>",
                "River park: Council backs the plan");
}

static void
test_bylines_date_line (G_GNUC_UNUSED void **state)
{
  /* A byline named by its id or test hook where the classes are generated, its label in an
   * element of its own. */
  assert_authors ("<html><body><h1>Park grows</h1><div class='Xa1b Yc2d' data-testid='story-byline'><span class='tChG'>"
                  "By</span><span><a href='/team/jd'>Jane Doe</a></span><span>Thursday, November 9, 2023 7:35AM</span>"
                  "</div>" BODY "</body></html>", (const char *[]) { "Jane Doe", NULL });
  /* A date line in the article's header with the name beside it: under the headline, over
   * it (a topline), after a label. */
  assert_authors ("<html lang='de'><body><h1>Der Park und seine Bäume</h1><p class='text-muted'>11.12.2019 - Jana Muster</p>"
                  BODY "</body></html>", (const char *[]) { "Jana Muster", NULL });
  assert_authors ("<html lang='de'><body><div><small>04.02.2022 | 13:10 Uhr | Uta Beispiel</small><h1>Der Park wächst</h1>"
                  BODY "</div></body></html>", (const char *[]) { "Uta Beispiel", NULL });
  assert_authors ("<html lang='de'><body><div class='item'><div class='timedata'>05.02.2020 <span>-&nbsp;Redaktion: "
                  "Eva Muster (Pressesprecherin)</span></div><h1>Der Park wächst</h1>" BODY "</div></body></html>",
                  (const char *[]) { "Eva Muster", NULL });
  /* Beside a date, the page's controls, tags and sections are no names; nor is a date line
   * far from the headline. */
  const char *lines[] = { "13.01.2020 | View Comments", "02.11.2021 | Tags: Parkfest",
                          "13.01.2020 - PlanetNews Gesundheit", "13.01.2020 - Politik", "Jana Muster" };
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><body><h1>Park grows</h1><p class='x'>%s</p>" BODY
                                               "</body></html>", lines[i]);
      assert_authors (html, (const char *[]) { NULL });
    }
  assert_authors ("<html><body><h1>Park grows</h1>" BODY5 BODY5 BODY5 BODY5 BODY5 BODY5
                  "<p>13.01.2020 - Jana Muster</p></body></html>", (const char *[]) { NULL });
  /* The site's name that the <title> ends with is the site's, not a byline, when a date line
   * gives it; a person's blog that signs its titles keeps the author its metadata names. */
  assert_authors ("<html><head><title>Vorschau: Derby im Park - Planet Handball</title></head><body>"
                  "<h1>Vorschau: Derby im Park</h1><p>13.01.2020 - Planet Handball</p>" BODY "</body></html>",
                  (const char *[]) { NULL });
  /* A one-word handle that is a part of the site's part of the <title> is the site's. */
  assert_authors ("<html lang='de'><head><title>Parkfest am Fluss! - Der PlanetBlog aus Planetstadt</title>"
                  "<meta name='author' content='PlanetBlog'></head><body><h1>Parkfest am Fluss!</h1>"
                  "<div class='entry-author'>Veröffentlicht von PlanetBlog</div>" BODY "</body></html>",
                  (const char *[]) { NULL });
  assert_authors ("<html><head><title>Park grows | Jane Doe</title><meta name='author' content='Jane Doe'></head>"
                  "<body><h1>Park grows</h1><p>13.01.2020 - Jane Doe</p>" BODY "</body></html>",
                  (const char *[]) { "Jane Doe", NULL });
}

static void
test_bylines_signed (G_GNUC_UNUSED void **state)
{
  /* An element that signs the article after its headline, at its end or its top, its label
   * saying "the author" and nothing else; the name before a role. */
  assert_authors ("<html lang='de'><body><h1>Der Park wächst</h1>" BODY5 BODY5 BODY5 BODY5 BODY5 BODY5
                  "<p><strong>Autorin: Jana Muster, Projektleiterin in Planetstadt.</strong></p></body></html>",
                  (const char *[]) { "Jana Muster", NULL });
  assert_authors ("<html><head><meta property='og:site_name' content='Planet Press'></head><body>"
                  "<div class='byline'>Planet Press</div><h1>Park grows</h1><p><em>Courtesy of River"
                  " News</em></p><p><em>Written by: <a href='/a/jd'>Jane Doe</a></em></p>" BODY
                  "</body></html>", (const char *[]) { "Jane Doe", NULL });
  /* Not words that follow such a label but are no name, nor a signature above the headline. */
  assert_authors ("<html lang='de'><body><h1>Der Park wächst</h1>" BODY "<p>Text: die Geschichte des Parks</p>"
                  "</body></html>", (const char *[]) { NULL });
  assert_authors ("<html lang='de'><body><div class='nav'><p>Autorin: Jana Muster</p></div>" BODY5 BODY5
                  "<h1>Der Park wächst</h1>" BODY "</body></html>", (const char *[]) { NULL });
}

static void
test_bylines_label_apart (G_GNUC_UNUSED void **state)
{
  /* A label alone in its element, the name in the next element: a heading and its text, a
   * definition list, the same label twice for two screen sizes. */
  assert_authors ("<html lang='de'><body><h1>Der Park wächst</h1>" BODY "<section><h4>Autor</h4>"
                  "<p><a href='/profil/jm'>Jana Muster</a><b>, </b></p></section></body></html>",
                  (const char *[]) { "Jana Muster", NULL });
  assert_authors ("<html><body><h1>Park grows</h1><dl><dt>Author:</dt> <dd>Jane Doe</dd></dl>" BODY
                  "</body></html>", (const char *[]) { "Jane Doe", NULL });
  assert_authors ("<html lang='fr'><body><h1>Le parc grandit</h1><div><div>Auteur :</div><div>Auteur(s) :</div>"
                  "<div><strong>Jeanne Dupont</strong></div></div>" BODY "</body></html>",
                  (const char *[]) { "Jeanne Dupont", NULL });
  /* Not a label that is a sentence's first word, nor the label itself as a name, nor a
   * label in a comment. */
  assert_authors ("<html><body><h1>Park grows</h1><p>Author</p><p>The council voted on Tuesday.</p>" BODY
                  "</body></html>", (const char *[]) { NULL });
  assert_authors ("<html><body><h1>Park grows</h1><div>Author:</div><div>Author</div>" BODY "</body></html>",
                  (const char *[]) { NULL });
  assert_authors ("<html><body><h1>Park grows</h1>" BODY "<div class='comments'><div class='comment'>"
                  "<span>Author:</span><span>Jane Doe</span></div></div></body></html>", (const char *[]) { NULL });
}

static void
test_bylines_french_colon (G_GNUC_UNUSED void **state)
{
  /* French typography puts a space, often a no-break one, before the colon. */
  assert_authors ("<html lang='fr'><body><h1>Le parc grandit</h1>" BODY "<p>Auteur : Jeanne Dupont</p>"
                  "<p>Edition : Marc Durand</p></body></html>", (const char *[]) { "Jeanne Dupont", NULL });
  assert_authors ("<html lang='fr'><body><h1>Le parc grandit</h1>" BODY "<p>Auteur\xc2\xa0: Jeanne Dupont</p>"
                  "</body></html>", (const char *[]) { "Jeanne Dupont", NULL });
  g_autofree char *name = html_byline_clean_name ("Auteur : Jeanne Dupont");
  assert_string_equal (name, "Jeanne Dupont");
  assert_true (html_byline_is_label ("Auteur :"));
  assert_true (html_byline_is_label ("\xc3\x89" "crit par")); /* "Écrit par": a capital É */
  assert_true (html_byline_is_label ("\xc3\xa9" "crit par"));
  assert_false (html_byline_is_label ("\xc3\x89" "crit parfois"));
  assert_true (html_byline_is_label ("  Written by "));
  assert_false (html_byline_is_label ("Author of the week"));
  assert_false (html_byline_is_label ("Text"));
}

static void
test_bylines_signature_dash (G_GNUC_UNUSED void **state)
{
  /* A signature's dashes before the byline's label, right below the headline. */
  assert_authors ("<html><body><h1>Micropolitics</h1><div><span><strong><em>---- by Jane Doe</em></strong>"
                  "</span></div>" BODY "</body></html>", (const char *[]) { "Jane Doe", NULL });
  assert_authors ("<html><body><h1>Micropolitics</h1><p>\xe2\x80\x94 By Jane Doe</p>" BODY "</body></html>",
                  (const char *[]) { "Jane Doe", NULL });
  assert_true (html_byline_is_labelled ("\xe2\x80\x94 by Jane Doe"));
  /* Not a dash before a sentence that opens with "by". */
  assert_false (html_byline_is_labelled ("\xe2\x80\x94 by the river, the park grows"));
}

static void
test_bylines_submitted (G_GNUC_UNUSED void **state)
{
  /* A content system's "submitted" line names the account that posted the page, whatever
   * its case; a weekday that opens such a line is no name. */
  assert_authors ("<html lang='de'><body><h1>Der Park wächst</h1>" BODY "<div class='submitted'>Gespeichert von"
                  " <span class='username'>jmuster</span> am 24. Juli 2017 - 18:55</div></body></html>",
                  (const char *[]) { "jmuster", NULL });
  assert_authors ("<html><body><h1>Park grows</h1>" BODY "<div class='submitted'>Submitted by Jane Doe on"
                  " Fri, 06/07/2020 - 15:06</div></body></html>", (const char *[]) { "Jane Doe", NULL });
  assert_authors ("<html lang='en'><body><h1>Park grows</h1><div class='submitted'>Friday, 8 February 2019</div>"
                  BODY "</body></html>", (const char *[]) { NULL });
  g_autofree char *weekday = html_byline_clean_name ("Friday");
  assert_null (weekday);
  g_autofree char *month = html_byline_clean_name ("April");
  assert_string_equal (month, "April");
}

static void
test_bylines_interview (G_GNUC_UNUSED void **state)
{
  /* An interview's byline names both sides. */
  assert_authors ("<html lang='de'><body><h1>Der Park wächst</h1><p>Der Rat hat am Dienstag beschlossen.</p>"
                  "<p class='author'>Jana Muster im Gespräch mit Max Beispiel</p>" BODY "</body></html>",
                  (const char *[]) { "Jana Muster", "Max Beispiel", NULL });
  assert_authors ("<html><body><h1>Park grows</h1><p class='byline'>Jane Doe in conversation with John Roe</p>"
                  BODY "</body></html>", (const char *[]) { "Jane Doe", "John Roe", NULL });
}

static void
test_bylines_credit (G_GNUC_UNUSED void **state)
{
  /* Another role's credit after the byline, without a separator between them. */
  assert_authors ("<html lang='de'><body><h1>Der Park wächst</h1><h3>Ein Besuch im Park.</h3><p><em>Text von Jana"
                  " Muster &nbsp; &nbsp;Illustration von Max Beispiel</em></p>" BODY "</body></html>",
                  (const char *[]) { "Jana Muster", NULL });
  assert_authors ("<html><body><h1>Park grows</h1><div class='byline'>By Jane Doe Photos by John Roe</div>" BODY
                  "</body></html>", (const char *[]) { "Jane Doe", NULL });
  /* Not a name that holds such a word ("Bild" of a surname, "Video" of a title alone). */
  assert_authors ("<html><body><h1>Park grows</h1><div class='byline'>By Jane Fotos</div>" BODY "</body></html>",
                  (const char *[]) { "Jane Fotos", NULL });
}

static void
test_bylines_twitter_card (G_GNUC_UNUSED void **state)
{
  /* The label and value pair of a Twitter card that SEO plugins fill with the post's author
   * ("Written by", "Verfasst von"), when the page shows that name. */
  assert_authors ("<html><head><meta name='twitter:label1' content='Verfasst von'>"
                  "<meta name='twitter:data1' content='Jana Muster'><meta name='twitter:label2' content='Geschätzte"
                  " Lesezeit'><meta name='twitter:data2' content='3 Minuten'></head><body><h1>Der Park wächst</h1>"
                  BODY "<footer><p>Jana Muster</p></footer></body></html>",
                  (const char *[]) { "Jana Muster", NULL });
  /* The value in the other order, before its label. */
  assert_authors ("<html><head><meta name='twitter:data2' content='Jane Doe'>"
                  "<meta name='twitter:label2' content='Written by'></head><body><h1>Park grows</h1>"
                  BODY "<p>Jane Doe</p></body></html>", (const char *[]) { "Jane Doe", NULL });
  /* Not another label's value, nor a name the page never shows (a theme's default author). */
  assert_authors ("<html><head><meta name='twitter:label1' content='Est. reading time'>"
                  "<meta name='twitter:data1' content='Jane Doe'></head><body><h1>Park grows</h1>" BODY
                  "<p>Jane Doe</p></body></html>", (const char *[]) { NULL });
  assert_authors ("<html><head><meta name='twitter:label1' content='Written by'>"
                  "<meta name='twitter:data1' content='Jane Doe'></head><body><h1>Park grows</h1>" BODY
                  "</body></html>", (const char *[]) { NULL });
}

static void
test_clean_name (G_GNUC_UNUSED void **state)
{
  const struct { const char *in, *out; } cases[] = {
    { "By Jane Doe", "Jane Doe" }, { "Von Jana Muster", "Jana Muster" }, { "Zeige alle Beiträge von Jana Muster", "Jana Muster" },
    { "Jane Doe, PhD", NULL /* split elsewhere; alone the credential is not a name */ },
    { "© Jane Doe", "Jane Doe" }, { "Jane Doe →", "Jane Doe" }, { "jane@planet.example", NULL },
    { "https://planet.example/jane", NULL }, { "www.planet.example", NULL }, { "View my complete profile", NULL },
    { "admin", NULL }, { "Jane Doe says", NULL }, { "user_1234", NULL }, { "Por Ana García @anagarcia", "Ana García" },
    { "@anagarcia", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (cases[i].out == NULL && strchr (cases[i].in, ','))
        continue;
      g_autofree char *got = html_byline_clean_name (cases[i].in);
      if (g_strcmp0 (got, cases[i].out) != 0)
        fail_msg ("%s: got %s, want %s", cases[i].in, got ? got : "none", cases[i].out ? cases[i].out : "none");
    }
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  html_byline_add_names (list, "Jane Doe, MS, RD", FALSE);
  assert_int_equal (list->len, 1);
  assert_string_equal (g_ptr_array_index (list, 0), "Jane Doe");
  /* A phrase is no name ("Weine in Berlin", "The Editors"); a metadata "author" that lists
   * one among its parts is a list of keywords, none of them an author. */
  const char *phrases[] = { "Parkbänke in Planetstadt", "The Editors", "Notes with Love" };
  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      g_autofree char *got = html_byline_clean_name (phrases[i]);
      if (got)
        fail_msg ("%s: got %s, want none", phrases[i], got);
    }
  g_autofree char *particle = html_byline_clean_name ("Alexa von Heyden");
  assert_string_equal (particle, "Alexa von Heyden");
  assert_authors ("<html><head><meta name='author' content='Jane Doe, The Daily Planet'></head><body><h1>Park grows</h1>"
                  "<p>Jane Doe, The Daily Planet</p>" BODY "</body></html>", (const char *[]) { "Jane Doe", NULL });
  assert_authors ("<html><head><meta name='author' content='Parkbänke in Planetstadt, Rasen, Blumenbeete'></head>"
                  "<body><h1>Der Park</h1><p>Rasen und Blumenbeete: Parkbänke in Planetstadt.</p>" BODY "</body></html>",
                  (const char *[]) { NULL });
}

/* A page of one language: its headline in an <article>, then @top (the byline's place),
 * the text, then @rest. */
#define PAGE(lang, head, top, rest)                                                                 \
  "<html lang='" lang "'><head>" head "</head><body><article><h1>Headline here</h1>" top BODY rest \
  "</article></body></html>"
#define assert_day(html, expected) assert_published (html, expected, NULL)

static void
test_date_languages (G_GNUC_UNUSED void **state)
{
  /* The day by the headline in many languages and scripts: month names from CLDR (through
   * ICU) for languages the date reader does not know (Arabic, Indonesian, Malay, Ukrainian,
   * Hindi, Lithuanian), digits of other scripts, Korean 년월일, a year first with a space
   * after its dots ("2020. 6. 7."), and Hungarian's year, month name and day. */
  assert_day (PAGE ("fr", "", "<p class='auteur'>"
              "Par Jean Dupont, publié le 7 juin 2020 à 15h06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("fr", "", "<p>Publié le 7 juin 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("fr", "", "<div>Jean Dupont</div><div>7 juin 2020</div>", ""), "2020-06-07");
  assert_day (PAGE ("fr", "", "<div>Jean Dupont</div><div>"
              "Le dimanche 7 juin 2020 à 15:06</div>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("es", "", "<p>Publicado el 7 de junio de 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("es", "", "<span>Juan Pérez</span> <span>"
              "7 de junio de 2020 - 15:06</span>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("es", "", "<p>Domingo, 7 junio 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("pt", "", "<p>Publicado em 7 de junho de 2020, às 15h06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("pt-BR", "", "<p>07/06/2020 15h06 Atualizado 08/06/2020 10h00</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("it", "", "<p>Pubblicato il 7 giugno 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("it", "", "<div class='autore'>di Mario Rossi</div><div>"
              "domenica 7 giugno 2020</div>", ""), "2020-06-07");
  assert_day (PAGE ("de", "", "<p>7. Juni 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("de", "", "<p>Von Jana Muster, 7. Juni 2020, 15:06 Uhr</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("nl", "", "<p>Door Jan Jansen, 7 juni 2020 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("nl", "", "<p>zo 7 jun 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("pl", "", "<p>7 czerwca 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("pl", "", "<p>Opublikowano: 7 czerwca 2020, 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ru", "", "<p>7 июня 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("ru", "", "<p>07.06.2020 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("uk", "", "<p>7 червня 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("tr", "", "<p>7 Haziran 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("id", "", "<p>Minggu, 7 Juni 2020 15:06 WIB</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("id", "", "<p>17 Agustus 2020</p>", ""), "2020-08-17");
  assert_day (PAGE ("id", "", "<p>Selasa, 3 Maret 2020</p>", ""), "2020-03-03");
  assert_day (PAGE ("id", "", "<p>Rabu, 9 Desember 2020</p>", ""), "2020-12-09");
  assert_day (PAGE ("ms", "", "<p>Isnin, 7 Dis 2020</p>", ""), "2020-12-07");
  assert_day (PAGE ("zh", "", "<p>2020年06月07日 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("zh-CN", "", "<p>发布时间：2020-06-07 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("zh-TW", "", "<p>2020/06/07 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ko", "", "<p>2020년 6월 7일</p>", ""), "2020-06-07");
  assert_day (PAGE ("ko", "", "<p>입력 2020.06.07 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ko", "", "<p>2020년 6월 7일 오후 3시 6분</p>", ""), "2020-06-07");
  assert_day (PAGE ("ar", "", "<p>٧ يونيو ٢٠٢٠</p>", ""), "2020-06-07");
  assert_day (PAGE ("ar", "", "<p>الأحد 7 يونيو 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("ar", "", "<p>7 حزيران 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("ar", "", "<p>٢٠٢٠/٠٦/٠٧</p>", ""), "2020-06-07");
  assert_day (PAGE ("fa", "", "<p>۲۰۲۰-۰۶-۰۷</p>", ""), "2020-06-07");
  assert_day (PAGE ("hi", "", "<p>7 जून 2020</p>", ""), "2020-06-07");
  /* Japanese eras, Taiwan's Minguo years. */
  assert_day (PAGE ("ja", "", "<p>令和2年6月7日</p>", ""), "2020-06-07");
  assert_day (PAGE ("ja", "", "<p>平成31年4月30日</p>", ""), "2019-04-30");
  assert_day (PAGE ("ja", "", "<p>令和元年5月1日</p>", ""), "2019-05-01");
  assert_day (PAGE ("zh-TW", "", "<p>民國109年6月7日</p>", ""), "2020-06-07");
  /* Thai counts the years of the Buddhist era. */
  assert_day (PAGE ("th", "", "<p>7 มิถุนายน 2563</p>", ""), "2020-06-07");
  assert_day (PAGE ("th", "", "<p>7 มิ.ย. 2563 15:06 น.</p>", ""), "2020-06-07T15:06:00");
  /* A page in Arabic or Cyrillic script under a template's lang="en", or without a lang. */
  assert_day (PAGE ("en", "", "<p>الأحد 7 يونيو 2020</p>", ""), "2020-06-07");
  assert_day ("<html><body><article><h1>Заголовок</h1><p>7 червня 2020</p>" BODY "</article></body></html>",
              "2020-06-07");
  assert_day (PAGE ("fa", "", "<p>۷ ژوئن ۲۰۲۰</p>", ""), "2020-06-07");
  assert_day (PAGE ("el", "", "<p>7 Ιουνίου 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("cs", "", "<p>7. června 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("sv", "", "<p>Publicerad 7 juni 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("da", "", "<p>7. juni 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("fi", "", "<p>7.6.2020 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ro", "", "<p>7 iunie 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("hu", "", "<p>2020. június 7.</p>", ""), "2020-06-07");
  assert_day (PAGE ("vi", "", "<p>Chủ nhật, 7/6/2020, 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ko", "", "<p>기사입력 2020. 6. 7. 오후 3:06</p>", ""), "2020-06-07");
  assert_day (PAGE ("ko", "", "<p>승인 2020.06.07 15:06 수정 2020.06.08 10:00</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("lt", "", "<p>2020 m. birželio 7 d. 15:06</p>", ""), "2020-06-07");
  assert_day (PAGE ("de", "", "<p>7. 6. 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("en", "", "", "<footer>© 2020 Daily Planet. All rights reserved.</footer>"), NULL);
}

/* Issue 19's date shapes of CJK, Russian, Vietnamese and Korean news pages, each in the
 * place a page gives it (a header line by the headline, after a label or a source). */
static void
test_date_more_shapes (G_GNUC_UNUSED void **state)
{
  assert_day (PAGE ("ja", "", "<p>2020年6月7日 15時06分</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ja", "", "<p class='date'>公開日：2020年6月7日15時6分</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("zh", "", "<p>发布于2020年6月7日</p>", ""), "2020-06-07");
  assert_day (PAGE ("zh-CN", "", "<div class='info'>来源：新华社 2020-06-07 15:06</div>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("zh-CN", "", "<div>2020-06-07 15:06　来源：人民网</div>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ru", "", "<p>7 июня 2020 г., 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ru", "", "<div class='author'>Иван Петров</div><div>7 июня 2020 года</div>", ""), "2020-06-07");
  assert_day (PAGE ("vi", "", "<p>ngày 7/6/2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("vi", "", "<p>Thứ năm, 7/6/2020, 15:06 (GMT+7)</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ko", "", "<p>2020.06.07 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ko", "", "<span>입력 : 2020-06-07</span>", ""), "2020-06-07");
  assert_day (PAGE ("ko", "", "<span>입력 2020.06.07 15:06</span> <span>수정 2020.06.08 09:00</span>", ""),
              "2020-06-07T15:06:00");
}

static void
test_date_numbers_and_labels (G_GNUC_UNUSED void **state)
{
  /* Numeric days by the page's language: month first only in US English.  A publication's
   * line beats an update's, whichever comes first, in one line or two. */
  assert_day (PAGE ("fr", "", "<span class='date'>07/06/2020</span>", ""), "2020-06-07");
  assert_day (PAGE ("en-US", "", "<span class='date'>07/06/2020</span>", ""), "2020-07-06");
  assert_day (PAGE ("en-AU", "", "<span class='date'>07/06/2020</span>", ""), "2020-06-07");
  assert_day (PAGE ("en-IN", "", "<span class='date'>07/06/2020</span>", ""), "2020-06-07");
  /* English without a region: the country of the site's domain. */
  assert_day (PAGE ("en", "<link rel='canonical' href='https://www.news.co.uk/park'>", "<span class='date'>07/06/2020</span>",
                    ""), "2020-06-07");
  assert_day (PAGE ("en", "<link rel='canonical' href='https://news.example.com/park'>",
                    "<span class='date'>07/06/2020</span>", ""), "2020-07-06");
  assert_day (PAGE ("en", "<meta property='og:locale' content='en_IN'>", "<span class='date'>"
              "07/06/2020</span>", ""), "2020-06-07");
  assert_day (PAGE ("en", "", "<p>Published: 2020-06-07 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("en", "", "<p>Updated: June 9, 2020</p><p>Published: June 7, 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("en", "", "<p>Published June 7, 2020 | Updated June 9, 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("en", "", "<p>Updated June 9, 2020, 10:00 AM; Published June 7, 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("en", "", "<p>Last modified on Tue 9 Jun 2020 10.00 BST</p><p>"
              "First published on Sun 7 Jun 2020 15.06 BST</p>", ""), "2020-06-07T15:06:00+01:00");
  assert_day (PAGE ("de", "", "<p>Aktualisiert am 09.06.2020</p><p>Erstellt am 07.06.2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("fr", "", "<p>Mis à jour le 9 juin 2020</p><p>Publié le 7 juin 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("es", "", "<p>Actualizado 09/06/2020</p><p>Publicado 07/06/2020</p>", ""), "2020-06-07");
}

static void
test_date_meta_and_url (G_GNUC_UNUSED void **state)
{
  /* Publication dates under more <meta> names, a day of digits only ("20200607") or a count
   * of seconds, parsely-page's record; an update's time only when nothing else. */
  assert_day (PAGE ("en", "<meta name='date' content='2020-06-07'>", "", ""), "2020-06-07");
  assert_day (PAGE ("en", "<meta name='DC.date.issued' content='2020-06-07'>", "", ""), "2020-06-07");
  assert_day (PAGE ("en", "<meta name='DC.Date' content='2020-06-07'>", "", ""), "2020-06-07");
  assert_day (PAGE ("en", "<meta property='og:updated_time' content='2020-06-09T10:00:00+00:00'>", "", ""),
              "2020-06-09T10:00:00Z");
  assert_day (PAGE ("en", "<meta property='og:updated_time' content='2020-06-09T10:00:00+00:00'>"
              "<meta property='article:published_time' content='2020-06-07T15:06:00+00:00'>", "", ""),
              "2020-06-07T15:06:00Z");
  assert_day (PAGE ("en", "<meta name='sailthru.date' content='2020-06-07 15:06:00'>", "", ""),
              "2020-06-07T15:06:00");
  assert_day (PAGE ("en", "<meta name='parsely-pub-date' content='2020-06-07T15:06:00Z'>", "", ""),
              "2020-06-07T15:06:00Z");
  assert_day (PAGE ("en", "<meta name='parsely-page' content='{\"title\": \"Headline here\", \"pub_date\": \"2020-06-07T15:06:00Z\"}'>", "", ""), "2020-06-07T15:06:00Z");
  assert_day (PAGE ("en", "<meta name='parsely-metadata' content='{\"pub_date\": \"2020-06-07T15:06:00Z\"}'>", "", ""), NULL);
  assert_day (PAGE ("en", "<meta itemprop='datePublished' content='2020-06-07'>", "", ""), "2020-06-07");
  assert_day (PAGE ("en", "<meta name='pubdate' content='20200607'>", "", ""), "2020-06-07");
  assert_day (PAGE ("en", "<meta name='OriginalPublicationDate' content='2020/06/07 15:06:00'>", "", ""),
              "2020-06-07T15:06:00");
  assert_day (PAGE ("en", "<meta property='article:published_time' content='1591542360'>", "", ""),
              "2020-06-07T15:06:00Z");
  assert_day (PAGE ("en", "<meta name='pdate' content='20200607'>", "", ""), "2020-06-07");
  assert_day (PAGE ("en", "<meta name='citation_date' content='2020/06/07'>", "", ""), "2020-06-07");
  /* A page that dates itself only in its scripts' state; not when anything else dates it. */
  assert_day (PAGE ("en", "<script>window.__STATE__ = {\"article\": {\"id\": 12, \"datePublished\": "
                    "\"2020-06-07T15:06:00Z\"}};</script>", "", ""), "2020-06-07T15:06:00Z");
  assert_day (PAGE ("en", "<script>var page = {publishedAt: 1, \"publishedAt\": 1591542360};</script>", "", ""),
              "2020-06-07T15:06:00Z");
  assert_day (PAGE ("en", "<meta property='article:published_time' content='2020-06-05'><script>x = "
                    "{\"datePublished\": \"2020-06-07\"}</script>", "", ""), "2020-06-05");
  /* The URL's path: a day in groups ("/2020/06/07/", "/2020/0607/", "/2020-06/07/") or
   * whole ("/20200607/"), never a number that is no day. */
  assert_day (PAGE ("en", "<link rel='canonical' href='https://n.example/2020/06/07/park'>", "", ""), "2020-06-07");
  assert_day (PAGE ("en", "<link rel='canonical' href='https://n.example/news/20200607/park.html'>", "", ""),
              "2020-06-07");
  assert_day (PAGE ("en", "<link rel='canonical' href='https://n.example/news/2020-06-07-park'>", "", ""),
              "2020-06-07");
  assert_day (PAGE ("en", "<link rel='canonical' href='https://n.example/news/park-2020-06-07.html'>", "",
              ""), "2020-06-07");
  assert_day (PAGE ("en", "<meta property='og:url' content='https://n.example/2020/6/7/park'>", "", ""),
              "2020-06-07");
  assert_day (PAGE ("en", "<link rel='canonical' href='https://n.example/news/20200607153000-park.html'>",
              "", ""), "2020-06-07");
  assert_day (PAGE ("en", "<link rel='canonical' href='https://n.example/a/12345678/park'>", "", ""), NULL);
  assert_day (PAGE ("en", "<link rel='canonical' href='https://n.example/2020/06/park'>", "", ""), NULL);
  assert_day (PAGE ("zh", "<link rel='canonical' href='http://n.example/n1/2020/0607/c1002-31737373.html'>",
              "", ""), "2020-06-07");
  assert_day (PAGE ("zh", "<link rel='canonical' href='http://n.example/politics/2020-06/07/c_1126083563.htm'>", "", ""), "2020-06-07");
  assert_day (PAGE ("zh", "<link rel='canonical' href='http://n.example/gn/202006/07/t123.shtml'>", "", ""),
              "2020-06-07");
  assert_day (PAGE ("en", "<link rel='canonical' href='http://n.example/a/2020/0634/x.html'>", "", ""), NULL);
  assert_day (PAGE ("en", "<link rel='canonical' href='http://n.example/a/1234/5678/x.html'>", "", ""), NULL);
}

static void
test_date_not_the_publication (G_GNUC_UNUSED void **state)
{
  /* A copyright, a comment's day, the site's clock above the article, an event's day in the
   * text ("When:", "Termin:", a sentence that ends with it): no date, or the byline's. */
  assert_day (PAGE ("de", "", "<p>Version 2020. 3 neue Funktionen</p>", ""), NULL);
  assert_day (PAGE ("en", "", "", "<p>Copyright 07.06.2020 Daily Planet</p>"), NULL);
  assert_day (PAGE ("en", "", "", "<div id='comments'><div class='comment'><span class='date'>"
              "June 8, 2020</span><p>Nice</p></div></div>"), NULL);
  assert_day (PAGE ("en", "", "", "<section class='comments'><p>John said on June 8, 2020 at 10:00 am:</p><p>"
              "Nice</p></section>"), NULL);
  assert_day ("<html lang='en'><body><header><div class='clock'>Sunday, June 14, 2020</div><nav><a href='/'>"
              "Home</a></nav></header><article><h1>Headline here</h1>" BODY "</article></body></html>", NULL);
  assert_day ("<html lang='en'><body><div class='top-bar'>Sunday, June 14, 2020</div><article><h1>"
              "Headline here</h1>" BODY "</article></body></html>", NULL);
  assert_day (PAGE ("en", "", "", "<p>x</p><p>y</p><p>z</p><p>w</p><p>v</p><p>u</p><p>t</p><p>s</p><p>r</p><p>"
              "q</p><p>o</p><p>n</p><p>m</p><p>"
              "The festival will take place on 21 August 2020 in the park.</p>"), NULL);
  assert_day (PAGE ("en", "", "", "<p>The festival opens on August 21, 2020.</p>"), NULL);
  /* The site's date far above the headline, outside the article, is the day it was read:
   * the byline's day beats it. */
  assert_day ("<html lang='en'><body><div class='top'><div class='header-date'>Sunday, June 14, 2020</div>"
              "<ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li><li><a href='/c'>C</a></li>"
              "<li><a href='/d'>D</a></li><li><a href='/e'>E</a></li><li><a href='/f'>F</a></li>"
              "<li><a href='/g'>G</a></li><li><a href='/h'>H</a></li></ul></div><div><h1>Headline here</h1>"
              "<p>Jane Doe</p><p>June 7, 2020</p>" BODY "</div></body></html>", "2020-06-07");
  assert_day (PAGE ("en", "", "<p>By Jane Doe</p>", "<p>x</p><p>y</p><p>z</p><p>w</p><p>v</p><p>u</p><p>t</p>"
              "<p>s</p><p>r</p><p>q</p><p>o</p><p>n</p><p>m</p><p><strong>When:</strong>"
              " Saturday, August 22, 2020</p>"), NULL);
  assert_day (PAGE ("de", "", "<p>Von Jana Muster</p>", "<p>Termin: 22.08.2020, Stadtpark</p>"), NULL);
  assert_day (PAGE ("en", "", "<p class='byline'>By Jane Doe, June 7, 2020</p>", "<p>"
              "The festival will take place on 21 August 2020.</p>"), "2020-06-07");
}

static void
test_date_update_and_publication_lines (G_GNUC_UNUSED void **state)
{
  /* Header lines in many languages: the publication's day, not the update's, whichever
   * comes first; times, zones and the page's own forms of the day. */
  assert_day (PAGE ("es", "", "<p>Madrid, 07 jun (EFE).- El Gobierno</p><p class='fecha'>"
              "07/06/2020 15:06 CEST</p>", ""), "2020-06-07T15:06:00+02:00");
  assert_day (PAGE ("es", "", "<p>7 de jun. de 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("it", "", "<p>Domenica 7 Giugno 2020, 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("pt", "", "<p>7 jun 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("pt", "", "<p>07/06/2020 às 15h06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("fr", "", "<p>Mis à jour le 08/06/2020 à 10h00 - Publié le 07/06/2020 à 15h06</p>", ""),
              "2020-06-07T15:06:00");
  assert_day (PAGE ("fr", "", "<p>Publié le 07/06/2020 à 15h06, mis à jour le 08/06/2020 à 10h00</p>", ""),
              "2020-06-07T15:06:00");
  assert_day (PAGE ("de", "", "<p>Stand: 07.06.2020, 15:06 Uhr</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("de", "", "<p>Erstellt: 07.06.2020 | Aktualisiert: 08.06.2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("pl", "", "<p>7 cze 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("pl", "", "<p>Data utworzenia: 7 czerwca 2020, 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("pl", "", "<p>Aktualizacja: 08.06.2020 10:00</p><p>"
              "Publikacja: 07.06.2020 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("tr", "", "<p>Güncelleme: 08.06.2020 10:00</p><p>"
              "Yayınlanma: 07.06.2020 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("tr", "", "<p>Oluşturulma Tarihi: Haziran 07, 2020 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ru", "", "<p>Обновлено 08.06.2020 в 10:00</p><p>"
              "Опубликовано 07.06.2020 в 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ru", "", "<time>7 июня 2020, 15:06</time>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("el", "", "<p>07 Ιουνίου 2020, 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("cs", "", "<p>7. června 2020 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("zh", "", "<p>2020年6月7日 星期日</p>", ""), "2020-06-07");
  assert_day (PAGE ("zh", "", "<p>2020-06-07 15:06 来源：新华网</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("zh", "", "<p>更新时间：2020-06-08 10:00</p><p>发布时间：2020-06-07 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ja", "", "<p>更新日：2020年6月8日</p><p>公開日：2020年6月7日</p>", ""), "2020-06-07");
  assert_day (PAGE ("ja", "", "<p>２０２０年６月７日</p>", ""), "2020-06-07");
  assert_day (PAGE ("ko", "", "<p>수정 2020-06-08 10:00</p><p>등록 2020-06-07 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ko", "", "<p>2020.06.07 일요일</p>", ""), "2020-06-07");
  assert_day (PAGE ("nl", "", "<p>zondag 7 juni 2020, 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("en", "", "<p>Sun 7 Jun 2020 15.06 BST</p>", ""), "2020-06-07T15:06:00+01:00");
  assert_day (PAGE ("ar", "", "<p>آخر تحديث: 8 يونيو 2020</p><p>تاريخ النشر: 7 يونيو 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("id", "", "<p>Kompas.com - 07/06/2020, 15:06 WIB</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("id", "", "<p>Minggu, 07 Jun 2020 15:06 WIB</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("hi", "", "<p>अपडेटेड: 8 जून 2020</p><p>प्रकाशित: 7 जून 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("uk", "", "<p>07 червня 2020, 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("ro", "", "<p>Publicat: 7 iunie 2020, 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("sv", "", "<p>Publicerad 7 juni 2020 kl 15.06</p><p>"
              "Uppdaterad 8 juni 2020</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("da", "", "<p>Opdateret 8. juni 2020</p><p>Publiceret 7. juni 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("fi", "", "<p>Päivitetty 8.6.2020</p><p>"
              "Julkaistu 7.6.2020 15:06</p>", ""), "2020-06-07T15:06:00");
  assert_day (PAGE ("no", "", "<p>Oppdatert 8. juni 2020</p><p>Publisert 7. juni 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("it", "", "<p>Aggiornato il 8 giugno 2020</p><p>"
              "Pubblicato il 7 giugno 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("pt", "", "<p>Atualizado em 8 de junho de 2020</p><p>"
              "Publicado em 7 de junho de 2020</p>", ""), "2020-06-07");
  assert_day (PAGE ("es", "", "<p>Actualizado el 8 de junio de 2020</p><p>"
              "Publicado el 7 de junio de 2020</p>", ""), "2020-06-07");
}

/* Paragraphs enough to be far from the headline. */
#define FAR                                                                                              \
  "<p>x</p><p>y</p><p>z</p><p>w</p><p>v</p><p>u</p><p>t</p><p>s</p><p>r</p><p>q</p><p>o</p><p>n</p><p>m</p>" \
  "<p>l</p><p>k</p><p>j</p><p>i</p><p>h</p><p>g</p><p>f</p><p>e</p><p>d</p><p>c</p><p>b</p><p>a</p>"

static void
test_date_events_and_comments (G_GNUC_UNUSED void **state)
{
  /* A <time> in a sentence of the text far from the header is a day the story tells of (a
   * byline's "posted on <time>" is not); an event's box; comments and related stories named
   * in other languages or by their comment system. */
  assert_day (PAGE ("en", "", "<p class='byline'>By Jane Doe | June 7, 2020</p>", FAR "<p>"
              "The festival opens on <time datetime='2020-08-21'>August 21</time>"
              " in the park and runs for three days.</p>"), "2020-06-07");
  assert_day (PAGE ("en", "", "<p>By Jane Doe</p><p>June 7, 2020</p>", FAR "<p>"
              "The festival opens on <time datetime='2020-08-21'>August 21</time>"
              " in the park and runs for three days.</p>"), "2020-06-07");
  assert_day (PAGE ("de", "", "<p>Von Jana Muster</p><p>07.06.2020</p>", FAR "<p>"
              "Das Fest beginnt am <time datetime='2020-08-21'>21. August</time>"
              " im Park und dauert drei Tage.</p>"), "2020-06-07");
  assert_day (PAGE ("en", "", "<p>By Jane Doe</p>", FAR "<p>The festival opens on <time datetime='2020-08-21'>"
              "August 21</time> in the park and runs for three days.</p>"), NULL);
  assert_day (PAGE ("en", "", "<p>By Jane Doe</p>", FAR "<div class='event-date'>"
              "Saturday, August 22, 2020</div>"), NULL);
  assert_day (PAGE ("en", "", "<p>By Jane Doe</p>", FAR "<div class='event'><span class='date'>"
              "August 22, 2020</span></div>"), NULL);
  assert_day (PAGE ("en", "", "<p>By Jane Doe</p>", FAR "<p>Posted on <time datetime='2020-06-07'>"
              "June 7, 2020</time></p>"), "2020-06-07");
  assert_day (PAGE ("en", "", "", "<div class='comments'><article class='comment'><h3>Bob</h3>"
              "<time datetime='2020-06-08'>June 8</time><p>Nice</p></article></div>"), NULL);
  assert_day (PAGE ("en", "", "", "<ol class='commentlist'><li><cite>Bob</cite> <span>"
              "June 8, 2020 at 10:00 am</span><p>Nice</p></li></ol>"), NULL);
  assert_day (PAGE ("en", "", "", "<div id='disqus_thread'><p>June 8, 2020</p></div>"), NULL);
  assert_day (PAGE ("fr", "", "", "<div class='commentaires'><p class='date'>8 juin 2020</p><p>Bien</p>"
              "</div>"), NULL);
  assert_day (PAGE ("de", "", "", "<div class='kommentare'><p class='datum'>08.06.2020</p><p>Gut</p></div>"), NULL);
  assert_day (PAGE ("es", "", "", "<div class='comentarios'><p class='fecha'>08/06/2020</p><p>Bien</p></div>"), NULL);
  assert_day (PAGE ("en", "", "", "<div class='related-posts'><a href='/other'>Other</a><span class='date'>"
              "June 8, 2020</span></div>"), NULL);
  assert_day (PAGE ("de", "", "", "<div class='verwandte-artikel'><a href='/anderes'>Anderes</a>"
              "<span class='datum'>08.06.2020</span></div>"), NULL);
  assert_day (PAGE ("en", "", "<p>By Jane Doe</p>", FAR "<p>"
              "This entry was posted on <time datetime='2020-06-07'>June 7, 2020</time>"
              " in News and Politics.</p>"), "2020-06-07");
}

static void
test_date_numbered_comments (G_GNUC_UNUSED void **state)
{
  /* Comment systems that number each comment without a dash ("comment3111", "reply27"): a
   * commenter's day is not the article's, as with "comment-3111". */
  assert_day (PAGE ("de", "", "", FAR "<div><div id='comment3111'><div><p class='name'>Max</p>"
              "<p class='datum'>28.02.2018</p></div></div></div>"), NULL);
  assert_day (PAGE ("en", "", "", FAR "<ul><li class='reply27'><div><b>Max</b> <span class='date'>"
              "June 8, 2020</span></div></li></ul>"), NULL);
  assert_day (PAGE ("en", "", "<p class='byline'>By Jane Doe, June 7, 2020</p>",
              "<div id='comments2'><p class='date'>June 8, 2020</p></div>"), "2020-06-07");
  /* A word that only holds such a word is none, nor is a camel-case name cut into words: a
   * forum's opening post ("forumCommentFirst") holds the page's day, "teaserTyp3" names a
   * layout. */
  assert_day (PAGE ("de", "", "<div class='teaserTyp3 newsSingle'><span class='blue'>01.02.2022</span></div>",
              ""), "2022-02-01");
  assert_day (PAGE ("de", "", "", FAR "<div class='forumCommentFirst'><span class='postTime'>"
              "28.09.2019 12:44</span></div>"), "2019-09-28T12:44:00");
  assert_day (PAGE ("en", "", "<div class='recommendation3'><span class='date'>June 7, 2020</span></div>", ""),
              "2020-06-07");
}

static void
test_date_beside_another_story (G_GNUC_UNUSED void **state)
{
  /* Far from the article's header, a date beside a link to another story (its title: three
   * words or more) is that story's: the previous and next posts, a list of more stories
   * named no other way.  Nothing then, rather than another story's day. */
  assert_day (PAGE ("en", "", "", FAR "<div class='post-links'><div class='previous-post'><a href='/older'>"
              "Bridge opens to traffic</a> <span class='date'>May 1, 2020</span></div></div>"), NULL);
  assert_day (PAGE ("en", "", "", FAR "<h3>More stories</h3><div><div><a href='/a'>Bridge opens to traffic</a>"
              "<time datetime='2020-05-01'>May 1</time></div><div><a href='/b'>Road closes for repairs</a>"
              "<div>May 2, 2020</div></div></div>"), NULL);
  /* The article's own: its byline's date beside the headline's links, a teaser that links to
   * the page itself, an author's name (two words), a category's or the permalink around the
   * date, and a date that opens the article's text, whose links are the text's. */
  assert_day (PAGE ("en", "<link rel='canonical' href='https://n.example/park-grows'>", "", FAR
              "<div><div><a href='/park-grows'>Park grows by twelve hectares</a><span class='date'>"
              "June 7, 2020</span></div></div>"), "2020-06-07");
  assert_day (PAGE ("en", "", "", FAR "<div class='about'><a href='/author/jane'>Jane Doe</a>"
              "<span class='date'>June 7, 2020</span></div>"), "2020-06-07");
  /* A byline's link, labelled or to an author's or a tag's page, whatever its length. */
  assert_day (PAGE ("en", "", "", FAR "<div><p>Written by <a href='/blog/jane-doe-and-john-roe'>Jane Doe and "
              "John Roe</a></p><p>June 7, 2020</p></div>"), "2020-06-07");
  assert_day (PAGE ("en", "", "", FAR "<div><p><a href='/blog/author/jane-doe-and-john-roe'>Jane Doe and John "
              "Roe</a></p><p>June 7, 2020</p></div>"), "2020-06-07");
  assert_day (PAGE ("en", "", "", FAR "<div><a href='/tag/city-parks-and-gardens'>City parks and gardens</a> "
              "<span class='date'>June 7, 2020</span></div>"), "2020-06-07");
  assert_day (PAGE ("en", "", "", FAR "<p class='meta'>Posted <span class='date'>June 7, 2020</span> in "
              "<a href='/category/city-news' rel='category tag'>City news and views</a></p>"), "2020-06-07");
  assert_day (PAGE ("en", "", "", FAR "<p class='meta'><a href='/park-grows' rel='bookmark'>"
              "<time datetime='2020-06-07'>June 7, 2020</time></a></p>"), "2020-06-07");
  assert_day ("<html lang='de'><body><h1>Park wächst</h1>" FAR "<article><div><div class='publish-info'>"
              "<p class='date-time'>07.06.2020 - 15:00 Uhr</p></div><p>Der Rat hat am Dienstag nach langer "
              "Debatte beschlossen, den Park am Fluss um zwölf Hektar zu erweitern, wie <a href='/rat'>"
              "der Rat der Stadt</a> mitteilte. Die Arbeiten sollen im Herbst beginnen und zwei Jahre "
              "dauern, sagte die Bürgermeisterin bei der Vorstellung der Pläne im Rathaus.</p></div>"
              "</article></body></html>", "2020-06-07T15:00:00");
}

static void
test_date_readers_pictures_and_printouts (G_GNUC_UNUSED void **state)
{
  /* A reader's comment or review in microdata, a picture's caption and the day the page was
   * printed or looked up are not the article's date. */
  assert_day (PAGE ("en", "", "", "<div itemprop='comment' itemscope itemtype='https://schema.org/Comment'>"
              "<span itemprop='dateCreated' content='2020-06-08'>June 8</span><p>Nice</p></div>"), NULL);
  assert_day (PAGE ("en", "", "", "<div itemscope itemtype='https://schema.org/UserComments'><span class='date'>"
              "June 8, 2020</span></div>"), NULL);
  assert_day (PAGE ("en", "", "", "<div itemscope itemtype='https://schema.org/Product'><div itemprop='review' "
              "itemscope itemtype='https://schema.org/Review'><meta itemprop='datePublished' content='2020-06-08'>"
              "<p itemprop='reviewBody'>Works well</p></div></div>"), NULL);
  assert_day (PAGE ("en", "", "<figure><img src='p.jpg'><figcaption>Photo taken June 1, 2020</figcaption></figure>",
              ""), NULL);
  assert_day (PAGE ("en", "", "<p>Printed on: June 9, 2020</p>", ""), NULL);
  assert_day (PAGE ("de", "", "<p>Abgerufen am 09.06.2020</p>", ""), NULL);
  /* A critic's review is the page's article, and the byline's day stays beside a caption. */
  assert_day ("<html lang='en'><body><div itemscope itemtype='https://schema.org/Review'><h1>Headline here</h1>"
              "<meta itemprop='datePublished' content='2020-06-07'>" BODY "</div></body></html>", "2020-06-07");
  assert_day (PAGE ("en", "", "<p class='byline'>By Jane Doe, June 7, 2020</p><figure><img src='p.jpg'>"
              "<figcaption>The park on June 1, 2020</figcaption></figure>", ""), "2020-06-07");
}

static void
test_bylines_languages (G_GNUC_UNUSED void **state)
{
  /* Bylines in many languages: their labels dropped ("Автор:", "Yazar:", "Penulis:"), names
   * split at the language's "and", a picture's credit left out. */
  assert_authors (PAGE ("es", "", "<p class='byline'>Por Ana García y Luis Pérez</p>", ""),
                  (const char *[]) { "Ana García", "Luis Pérez", NULL });
  assert_authors (PAGE ("de", "", "<p class='byline'>Von Jana Muster und Max Beispiel</p>", ""),
                  (const char *[]) { "Jana Muster", "Max Beispiel", NULL });
  assert_authors (PAGE ("fr", "", "<p class='byline'>Par Jean Dupont et Marie Durand</p>", ""),
                  (const char *[]) { "Jean Dupont", "Marie Durand", NULL });
  assert_authors (PAGE ("it", "", "<p class='byline'>di Mario Rossi e Luca Bianchi</p>", ""),
                  (const char *[]) { "Mario Rossi", "Luca Bianchi", NULL });
  assert_authors (PAGE ("nl", "", "<p class='byline'>Door Jan Jansen en Piet Vries</p>", ""),
                  (const char *[]) { "Jan Jansen", "Piet Vries", NULL });
  assert_authors (PAGE ("sv", "", "<p class='byline'>Av Anna Svensson och Erik Berg</p>", ""),
                  (const char *[]) { "Anna Svensson", "Erik Berg", NULL });
  assert_authors (PAGE ("pl", "", "<p class='author'>Autor: Jan Kowalski</p>", ""),
                  (const char *[]) { "Jan Kowalski", NULL });
  assert_authors (PAGE ("ru", "", "<p class='author'>Автор: Иван Петров</p>", ""),
                  (const char *[]) { "Иван Петров", NULL });
  assert_authors (PAGE ("tr", "", "<p class='author'>Yazar: Ahmet Yılmaz</p>", ""),
                  (const char *[]) { "Ahmet Yılmaz", NULL });
  assert_authors (PAGE ("pt", "", "<p class='autor'>Por João Silva e Maria Souza</p>", ""),
                  (const char *[]) { "João Silva", "Maria Souza", NULL });
  assert_authors (PAGE ("id", "", "<p class='author'>Penulis: Budi Santoso</p>", ""),
                  (const char *[]) { "Budi Santoso", NULL });
  assert_authors (PAGE ("en", "", "<p class='byline'>By Jane Doe, John Roe and Ann Poe</p>", ""),
                  (const char *[]) { "Jane Doe", "John Roe", "Ann Poe", NULL });
  assert_authors (PAGE ("en", "", "<p class='byline'>Jane Doe | Staff Writer</p>", ""),
                  (const char *[]) { "Jane Doe", NULL });
  assert_authors (PAGE ("de", "", "<p class='autor'>Text: Jana Muster, Fotos: Max Beispiel</p>", ""),
                  (const char *[]) { "Jana Muster", NULL });
  assert_authors (PAGE ("en", "", "<a rel='author' href='/a/jane'>Jane Doe</a>", ""),
                  (const char *[]) { "Jane Doe", NULL });
  assert_authors (PAGE ("en", "", "<p class='byline'>By Jane Doe (jane@example.com)</p>", ""),
                  (const char *[]) { "Jane Doe", NULL });
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_date_provenance),
    cmocka_unit_test (test_date_in_text_and_url),
    cmocka_unit_test (test_date_never_from_elsewhere),
    cmocka_unit_test (test_date_by_headline),
    cmocka_unit_test (test_date_fallbacks),
    cmocka_unit_test (test_date_local_day),
    cmocka_unit_test (test_date_header_update),
    cmocka_unit_test (test_date_meta_names),
    cmocka_unit_test (test_date_labels),
    cmocka_unit_test (test_date_languages),
    cmocka_unit_test (test_date_more_shapes),
    cmocka_unit_test (test_date_numbers_and_labels),
    cmocka_unit_test (test_date_meta_and_url),
    cmocka_unit_test (test_date_not_the_publication),
    cmocka_unit_test (test_date_update_and_publication_lines),
    cmocka_unit_test (test_date_events_and_comments),
    cmocka_unit_test (test_date_numbered_comments),
    cmocka_unit_test (test_date_beside_another_story),
    cmocka_unit_test (test_date_readers_pictures_and_printouts),
    cmocka_unit_test (test_date_site_bar),
    cmocka_unit_test (test_date_update_line_first),
    cmocka_unit_test (test_date_time_shows_local_day),
    cmocka_unit_test (test_bylines),
    cmocka_unit_test (test_bylines_more),
    cmocka_unit_test (test_bylines_empty),
    cmocka_unit_test (test_bylines_shown),
    cmocka_unit_test (test_bylines_date_line),
    cmocka_unit_test (test_bylines_signed),
    cmocka_unit_test (test_bylines_label_apart),
    cmocka_unit_test (test_bylines_french_colon),
    cmocka_unit_test (test_bylines_twitter_card),
    cmocka_unit_test (test_bylines_signature_dash),
    cmocka_unit_test (test_bylines_submitted),
    cmocka_unit_test (test_bylines_interview),
    cmocka_unit_test (test_bylines_credit),
    cmocka_unit_test (test_bylines_languages),
    cmocka_unit_test (test_titles),
    cmocka_unit_test (test_clean_name),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
