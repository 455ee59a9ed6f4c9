/* newsflow/date.h: the one lenient date reader of newsflow.  Every plugin that reads a date
 * written by someone else (page metadata, a byline, a feed, a JSON dump, a dateline) reads it
 * here, so that they all accept the same forms and agree on what a date means.
 *
 * Forms read (anywhere in the text; the first date found wins):
 *   ISO 8601 and RFC 3339, with or without seconds or fractions, "T" or a space, "Z",
 *     "+01:00", "+0100" or "+01";                         2020-06-07T15:06Z, 2020-06-07 15:06:00+0100
 *   RFC 1123 / RFC 2822 and their kin, zone names;        Sun, 07 Jun 2020 15:06:00 GMT, 7 Jun 2020 10:06 EST
 *   numeric days, day-first or month-first by language:   07.06.2020, 6/7/2020 (en), 7/6/2020 (fr), 07-06-20,
 *                                                          7. 6. 2020, 2020. 6. 7.
 *   month names, full or abbreviated (see below):          7. Juni 2020, June 7th, 2020, 7 de junio de 2020,
 *                                                          31 мая 2012 г., 7 كانون الثاني 2020, 7 มิ.ย. 2563 (th)
 *   a year, then a month's name and the day:               2020. június 7., 2020 m. birželio 7 d.
 *   CJK year-month-day, Korean, a Japanese era or a
 *     Minguo year:                                         2020年6月7日, 2020년 6월 7일, 令和2年6月7日, 民國109年6月7日
 * each optionally followed by a time (15:06, 3:06 pm, 15h06, 15.06 Uhr, в 15:06, 15時06分) and
 * a zone.  Digits of the Arabic-Indic, Persian, Devanagari and Bengali scripts and full-width
 * digits and signs ("２０２０／０６／０７") read as ASCII ones; a word for "year" after the year
 * ("г.", "года", "r.", "року") belongs to the date; a date may follow a word of a script
 * written without spaces ("发布于2020年6月7日") but not a Latin one ("A42020-06-07").  Thai text's
 * years of the Buddhist era (2563) are turned into the Gregorian ones (2020).
 * A date without a day ("June 2020") is not read: a publication date is a day; nor is a time
 * alone ("15時06分").
 *
 * Month and weekday names come from CLDR through ICU (udat_getSymbols), Gregorian calendar,
 * one table for all of newsflow.  The names of the languages extract "language" detects (en,
 * de, fr, es, it, pt, nl, sv, da, nb, fi, pl, cs, ru, tr, ro, hu, el) are read in a text of
 * any language; those of other languages (ar, uk, id, ms, hi, bg, hr, sr, bs, sk, sl, lt,
 * lv, et, ca, gl, eu, he, fa, ur, bn, mk, be, sq, sw, az, kk, ka, hy, mr, ne, ta, fil/tl, th,
 * is, af, cy, ga, mt) only in a text said to be in that language, because their short names
 * are words of the detected ones as often; but an Arabic-script or a Cyrillic name is read in
 * a text of any language but Russian by its script (an Arabic page under a template's
 * lang="en").
 *
 * A date keeps what the text said: a bare day stays a day (never midnight UTC), a time
 * without a zone stays without one.  The reader's name tables are built once per process on
 * first use (each language's when it is first asked about, under g_once) and never change
 * after: every function here is safe from any thread. */
#ifndef NEWSFLOW_DATE_H
#define NEWSFLOW_DATE_H

#include <glib.h>

#include <newsflow/article.h>

G_BEGIN_DECLS

typedef struct {
  int      year, month, day;     /* 1900..2199, 1..12, 1..31 */
  gboolean has_time;
  int      hour, minute, second; /* when has_time */
  int      microsecond;
  gboolean has_offset;           /* the text named a zone or an offset */
  int      offset;               /* seconds east of UTC, when has_offset */
} NfDate;

/* Reads the first date in @text (@length bytes, or NUL-terminated when negative).
 * @language is the text's language as an ISO 639-1 code with an optional region ("en",
 * "en-GB", "de_AT", "fil") or NULL: it decides the order of numeric days (month first only
 * for "en" and "en-US"; a field above 12 decides where it can), which month names come
 * first (the detected languages' are read in any text, the others' only in their own; see
 * above), and whether a year is of the Buddhist era ("th").  On success fills @date and, when not NULL, the byte span
 * [@start, @end) of the date in @text. */
gboolean   nf_date_find           (const char *text, gssize length, const char *language, NfDate *date,
                                   gsize *start, gsize *end);

/* Like nf_date_find, but the date must be all of @text but for white space, a weekday and
 * punctuation around it: for values that are meant to be a date (a field, an attribute). */
gboolean   nf_date_parse          (const char *text, const char *language, NfDate *date);

/* The instant of @date in UTC, or NULL for a bare day.  A time without a zone is taken as UTC. */
GDateTime *nf_date_to_utc         (const NfDate *date);

/* The date as the text gave it, in RFC 3339 form: "2020-06-07" for a bare day,
 * "2020-06-07T15:06:00+01:00" with its offset, "2020-06-07T15:06:00" without one. */
char      *nf_date_format_local   (const NfDate *date);

/* Sets @article's publication date from @date: "published" is the instant in UTC (unset for
 * a bare day) and the "published_local" field the date as the page gave it. */
void       nf_date_set_published  (NfArticle *article, const NfDate *date);

/* The article's publication day as the page gave it, from "published_local" or else
 * "published": FALSE when it has none.  For extractors that resolve "yesterday". */
gboolean   nf_date_get_published_day (const NfArticle *article, GDate *day);

typedef enum {
  NF_DATE_NAME_NONE,
  NF_DATE_NAME_MONTH,   /* value 1..12 */
  NF_DATE_NAME_WEEKDAY, /* value 1 (Monday)..7 (Sunday), as GDateWeekday */
} NfDateNameKind;

/* What the word @word (any case, a trailing dot allowed) names in @language (ISO 639-1, or
 * NULL for any detected language): a month or weekday, full or abbreviated as CLDR writes
 * them, or (in a detected language) a prefix of three letters or more of a full month name.
 * A language that is not detected (see above) reads its own names, then those of any
 * detected language; an Arabic-script or Cyrillic word is also looked up by its script.
 * Names of several words ("كانون الثاني") are read by nf_date_find, not here: @word is one
 * word.  @value gets 1..12 or 1..7. */
NfDateNameKind nf_date_lookup_name (const char *word, gssize length, const char *language, int *value);

G_END_DECLS

#endif /* NEWSFLOW_DATE_H */
