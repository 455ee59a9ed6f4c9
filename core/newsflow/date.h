/* newsflow/date.h: the one lenient date reader of newsflow.  Every plugin that reads a date
 * written by someone else (page metadata, a byline, a feed, a JSON dump, a dateline) reads it
 * here, so that they all accept the same forms and agree on what a date means.
 *
 * Forms read (anywhere in the text; the first date found wins):
 *   ISO 8601 and RFC 3339, with or without seconds or fractions, "T" or a space, "Z",
 *     "+01:00", "+0100" or "+01";                         2020-06-07T15:06Z, 2020-06-07 15:06:00+0100
 *   RFC 1123 / RFC 2822 and their kin, zone names;        Sun, 07 Jun 2020 15:06:00 GMT, 7 Jun 2020 10:06 EST
 *   numeric days, day-first or month-first by language:   07.06.2020, 6/7/2020 (en), 7/6/2020 (fr), 07-06-20,
 *                                                          7. 6. 2020
 *   month names, full or abbreviated, in the languages
 *     newsflow detects (names from CLDR through ICU):      7. Juni 2020, June 7th, 2020, 7 de junio de 2020
 *   CJK year-month-day:                                    2020年6月7日
 * each optionally followed by a time (15:06, 3:06 pm, 15h06, 15.06 Uhr) and a zone.
 * A date without a day ("June 2020") is not read: a publication date is a day.
 *
 * A date keeps what the text said: a bare day stays a day (never midnight UTC), a time
 * without a zone stays without one.  The reader's name tables are built once per process on
 * first use and never change after (safe from any thread). */
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
 * "en-GB", "de_AT") or NULL: it decides the order of numeric days (month first only for "en"
 * and "en-US"; a field above 12 decides where it can) and which month names come first (any
 * known language's are read).  On success fills @date and, when not NULL, the byte span
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
 * NULL for any known language): a month or weekday, full or abbreviated as CLDR writes
 * them, or a prefix of three letters or more of a full month name.  @value gets 1..12 or 1..7. */
NfDateNameKind nf_date_lookup_name (const char *word, gssize length, const char *language, int *value);

G_END_DECLS

#endif /* NEWSFLOW_DATE_H */
