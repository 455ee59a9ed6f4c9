/* test-date.c: the lenient date reader (newsflow/date.h) on each form it promises to read,
 * and on what it must refuse. */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include <newsflow/date.h>

/* The date read from @text in @language, in nf_date_format_local's form, or NULL. */
static char *
local (const char *text, const char *language)
{
  NfDate date;
  return nf_date_find (text, -1, language, &date, NULL, NULL) ? nf_date_format_local (&date) : NULL;
}

#define assert_local(text, language, expected)                                                       \
  do {                                                                                               \
    g_autofree char *got_ = local (text, language);                                                  \
    if (g_strcmp0 (got_, expected) != 0)                                                             \
      fail_msg ("%s (%s): got %s, want %s", text, language ? language : "any", got_ ? got_ : "none", \
                expected ? expected : "none");                                                       \
  } while (0)

static void
test_iso (void **state)
{
  (void) state;
  assert_local ("2020-06-07T15:06:00+01:00", NULL, "2020-06-07T15:06:00+01:00");
  assert_local ("2020-06-07T15:06Z", NULL, "2020-06-07T15:06:00Z");           /* no seconds */
  assert_local ("2020-06-07 15:06:00+0100", NULL, "2020-06-07T15:06:00+01:00"); /* +0100 */
  assert_local ("2020-06-07T15:06:00-05", NULL, "2020-06-07T15:06:00-05:00");
  assert_local ("2020-06-07T15:06:00.250Z", NULL, "2020-06-07T15:06:00.250000Z");
  assert_local ("2020-06-07T15:06:00", NULL, "2020-06-07T15:06:00");          /* no zone: none given */
  assert_local ("2020-06-07", NULL, "2020-06-07");                            /* a bare day stays a day */
  assert_local ("2020/06/07", NULL, "2020-06-07");
  assert_local ("2020.06.07", NULL, "2020-06-07");
}

static void
test_rfc1123_and_zones (void **state)
{
  (void) state;
  assert_local ("Sun, 07 Jun 2020 15:06:00 GMT", NULL, "2020-06-07T15:06:00Z");
  assert_local ("Sun, 07 Jun 2020 15:06:00 +0100", NULL, "2020-06-07T15:06:00+01:00");
  assert_local ("7 Jun 2020 10:06 EST", NULL, "2020-06-07T10:06:00-05:00");
  assert_local ("07.06.2020 15:06 CET", "de", "2020-06-07T15:06:00+01:00");
  assert_local ("June 7, 2020 3:06 pm PDT", "en", "2020-06-07T15:06:00-07:00");
  assert_local ("7 juin 2020 à 15h06", "fr", "2020-06-07T15:06:00");
  assert_local ("07.06.2020, 15.06 Uhr", "de", "2020-06-07T15:06:00");
}

/* asctime and Unix date(1): the time between the day and the year. */
static void
test_asctime (void **state)
{
  (void) state;
  assert_local ("Mon Jan  4 09:34:00 2021", NULL, "2021-01-04T09:34:00");
  assert_local ("Jan 04 09:34 2021", "en", "2021-01-04T09:34:00");
  assert_local ("Mon Jan  4 09:34:00 CET 2021", NULL, "2021-01-04T09:34:00+01:00");
  assert_local ("Jan 4 9:34 pm 2021", "en", "2021-01-04T21:34:00");
  assert_local ("Jan 4 09:34", "en", NULL);          /* no year */
  assert_local ("Jan 4 09:34 20210", "en", NULL);    /* no year but a longer number */
  assert_local ("Jan 4 09:34 Uhr, 2021", "de", NULL); /* the year is not after the time */
  NfDate date;
  assert_true (nf_date_parse ("Mon Jan  4 09:34:00 2021", NULL, &date));
}

static void
test_numeric_order_by_language (void **state)
{
  (void) state;
  assert_local ("6/7/2020", "en", "2020-06-07");    /* US: month first */
  assert_local ("6/7/2020", "en-GB", "2020-07-06"); /* British: day first */
  assert_local ("6/7/2020", "fr", "2020-07-06");
  assert_local ("13/7/2020", "en", "2020-07-13");   /* a field above 12 decides */
  assert_local ("7/13/2020", "fr", "2020-07-13");
  assert_local ("16.12.2012", "en", "2012-12-16");  /* dots are always day first */
  assert_local ("07.06.20", "de", "2020-06-07");
  assert_local ("Von Jana Muster 7. 6. 2020.", "de", "2020-06-07"); /* spaces after the dots */
  assert_local ("Punkte 1. 2. 3 und 4", "de", NULL);
  assert_local ("2012年5月31日", NULL, "2012-05-31");
}

static void
test_month_names (void **state)
{
  (void) state;
  assert_local ("31. Mai 2012", "de", "2012-05-31");
  assert_local ("May 31, 2012", "en", "2012-05-31");
  assert_local ("May 31st, 2012", NULL, "2012-05-31");
  assert_local ("31 May 2012", NULL, "2012-05-31");
  assert_local ("Thursday, 31 May 2012", "en", "2012-05-31");
  assert_local ("Donnerstag, 31. Mai 2012", "de", "2012-05-31");
  assert_local ("31 de mayo de 2012", "es", "2012-05-31");
  assert_local ("1er juin 2012", "fr", "2012-06-01");
  assert_local ("31 maggio 2012", "it", "2012-05-31");
  assert_local ("31 мая 2012", "ru", "2012-05-31");        /* genitive form */
  assert_local ("31 maja 2012", "pl", "2012-05-31");
  assert_local ("Sept. 3, 2019", "en", "2019-09-03");
  assert_local ("3. Sep 2019", "de", "2019-09-03");        /* prefix of a full name */
  assert_local ("3 déc. 2019", NULL, "2019-12-03");        /* any language when unknown */
  /* A year of two digits after the month's name: with an apostrophe, or ending the text. */
  assert_local ("veröffentlicht am 14 Feb ’20", "de", "2020-02-14");
  assert_local ("Feb 14, '20 at 9:30 am", "en", "2020-02-14T09:30:00");
  assert_local ("( Pescasseroli, 14 Gennaio 20 )", "it", "2020-01-14");
  assert_local ("14 Gennaio 20", "it", "2020-01-14");
}

static void
test_refusals (void **state)
{
  (void) state;
  assert_local ("June 2020", "en", NULL);           /* no day */
  assert_local ("version 1.2.3", NULL, NULL);
  assert_local ("2020-13-01", NULL, NULL);
  assert_local ("2020-02-30", NULL, NULL);
  assert_local ("31.02.2020", NULL, NULL);
  assert_local ("99999999999999999999-01-01", NULL, NULL); /* huge numbers: no overflow */
  assert_local ("1-2-99999999999999999999", NULL, NULL);
  assert_local ("2020-06-07T25:00", NULL, "2020-06-07"); /* a bad time leaves the day */
  assert_local ("you may 7 times in 2020", "en", NULL);
  assert_local ("am 7. Juni 20 Teilnehmer", "de", NULL);  /* a count after the month, not a year */
  assert_local ("7 June 20:00", "en", NULL);              /* an hour */
  assert_local ("7 June 20.", "en", NULL);
  assert_local ("", NULL, NULL);
  NfDate date;
  assert_false (nf_date_parse ("posted 2020-06-07", NULL, &date)); /* parse: the value is the date */
  assert_true (nf_date_parse (" Sun, 07 Jun 2020 ", NULL, &date));
  assert_true (nf_date_parse ("2020-06-07T15:06:00Z", NULL, &date));
}

static void
test_find_span (void **state)
{
  (void) state;
  NfDate date;
  gsize start, end;
  const char *text = "By Jane Doe | Published 7 June 2020, 15:06 | 3 min read";
  assert_true (nf_date_find (text, -1, "en", &date, &start, &end));
  assert_int_equal (start, strstr (text, "7 June") - text);
  assert_int_equal (end, strstr (text, " | 3") - text);
  assert_true (date.has_time);
}

static void
test_utc_and_published (void **state)
{
  (void) state;
  NfDate date;
  assert_true (nf_date_parse ("2020-06-07T00:30:00+02:00", NULL, &date));
  g_autoptr (GDateTime) utc = nf_date_to_utc (&date);
  g_autofree char *iso = nf_date_time_format (utc);
  assert_string_equal (iso, "2020-06-06T22:30:00Z");
  /* The page's own day stays in published_local. */
  g_autoptr (NfArticle) article = nf_article_new ("x");
  nf_date_set_published (article, &date);
  assert_string_equal (nf_article_get_field_string (article, "published_local"), "2020-06-07T00:30:00+02:00");
  GDate day;
  assert_true (nf_date_get_published_day (article, &day));
  assert_int_equal (g_date_get_day (&day), 7);
  /* A bare day is never midnight UTC: no instant at all. */
  assert_true (nf_date_parse ("2020-06-07", NULL, &date));
  assert_null (nf_date_to_utc (&date));
  nf_date_set_published (article, &date);
  assert_null (nf_article_get_published (article));
  assert_string_equal (nf_article_get_field_string (article, "published_local"), "2020-06-07");
}

static void
test_names (void **state)
{
  (void) state;
  int value = 0;
  assert_int_equal (nf_date_lookup_name ("März", -1, "de", &value), NF_DATE_NAME_MONTH);
  assert_int_equal (value, 3);
  assert_int_equal (nf_date_lookup_name ("Dienstag", -1, "de", &value), NF_DATE_NAME_WEEKDAY);
  assert_int_equal (value, G_DATE_TUESDAY);
  assert_int_equal (nf_date_lookup_name ("sunday", -1, "en", &value), NF_DATE_NAME_WEEKDAY);
  assert_int_equal (value, G_DATE_SUNDAY);
  assert_int_equal (nf_date_lookup_name ("déc.", -1, "fr", &value), NF_DATE_NAME_MONTH);
  assert_int_equal (value, 12);
  assert_int_equal (nf_date_lookup_name ("ma", -1, "en", &value), NF_DATE_NAME_NONE);
  assert_int_equal (nf_date_lookup_name ("house", -1, NULL, &value), NF_DATE_NAME_NONE);
}

/* The shortcuts of the name reader (words turned away by their first two bytes, ASCII folded
 * on the stack, languages read on first use) answer as the plain lookup did: any case, a
 * prefix of a month, a word folded from non-ASCII, one-letter and empty words, the other
 * languages when none is given. */
static void
test_names_shortcuts (void **state)
{
  (void) state;
  int value = 0;
  assert_int_equal (nf_date_lookup_name ("NOVEMBER", -1, "en", &value), NF_DATE_NAME_MONTH);
  assert_int_equal (value, 11);
  assert_int_equal (nf_date_lookup_name ("Novem", -1, "en", &value), NF_DATE_NAME_MONTH);
  assert_int_equal (value, 11);
  assert_int_equal (nf_date_lookup_name ("Nov..", -1, "en-GB", &value), NF_DATE_NAME_MONTH);
  assert_int_equal (value, 11);
  assert_int_equal (nf_date_lookup_name ("Ju", -1, "en", &value), NF_DATE_NAME_NONE); /* too short a prefix */
  assert_int_equal (nf_date_lookup_name ("Mayor", -1, "en", &value), NF_DATE_NAME_NONE);
  assert_int_equal (nf_date_lookup_name ("MÄRZ", -1, "de", &value), NF_DATE_NAME_MONTH);
  assert_int_equal (value, 3);
  assert_int_equal (nf_date_lookup_name ("ÉTÉ", -1, "fr", &value), NF_DATE_NAME_NONE);
  assert_int_equal (nf_date_lookup_name ("Tuesday's", 7, "de", &value), NF_DATE_NAME_WEEKDAY); /* English too */
  assert_int_equal (value, G_DATE_TUESDAY);
  assert_int_equal (nf_date_lookup_name ("M", -1, "en", &value), NF_DATE_NAME_NONE);
  assert_int_equal (nf_date_lookup_name ("...", -1, "en", &value), NF_DATE_NAME_NONE);
  assert_int_equal (nf_date_lookup_name ("grudnia", -1, NULL, &value), NF_DATE_NAME_MONTH); /* Polish */
  assert_int_equal (value, 12);
  assert_int_equal (nf_date_lookup_name ("grudnia", -1, "xx", &value), NF_DATE_NAME_MONTH);
  assert_int_equal (nf_date_lookup_name ("grudnia", -1, "en", &value), NF_DATE_NAME_NONE);
}

/* The names of languages read only in their own text (Indonesian, Lithuanian, Thai ...),
 * names of several words, Arabic and Cyrillic names by their script, other scripts'
 * digits and signs: one table, from CLDR through ICU. */
static void
test_other_languages (void **state)
{
  (void) state;
  int value = 0;
  assert_int_equal (nf_date_lookup_name ("Agustus", -1, "id", &value), NF_DATE_NAME_MONTH);
  assert_int_equal (value, 8);
  assert_int_equal (nf_date_lookup_name ("Agustus", -1, "de", &value), NF_DATE_NAME_NONE); /* not Indonesian text */
  assert_int_equal (nf_date_lookup_name ("Agustus", -1, NULL, &value), NF_DATE_NAME_NONE);
  assert_int_equal (nf_date_lookup_name ("Rabu", -1, "id", &value), NF_DATE_NAME_WEEKDAY);
  assert_int_equal (value, G_DATE_WEDNESDAY);
  assert_int_equal (nf_date_lookup_name ("June", -1, "id", &value), NF_DATE_NAME_MONTH); /* English too */
  assert_int_equal (nf_date_lookup_name ("يونيو", -1, "en", &value), NF_DATE_NAME_MONTH); /* by its script */
  assert_int_equal (value, 6);
  assert_int_equal (nf_date_lookup_name ("червня", -1, NULL, &value), NF_DATE_NAME_MONTH);
  assert_int_equal (value, 6);
  assert_local ("17 Agustus 2020", "id", "2020-08-17");
  assert_local ("Isnin, 7 Dis 2020", "ms", "2020-12-07");
  assert_local ("7 червня 2020", "uk", "2020-06-07");
  assert_local ("7 जून 2020", "hi", "2020-06-07");
  assert_local ("7 حزيران 2020", "ar", "2020-06-07");
  assert_local ("١ كانون الثاني ٢٠٢٠", "ar", "2020-01-01");   /* two words, Arabic-Indic digits */
  assert_local ("١ كانون الأول ٢٠٢٠", "ar", "2020-12-01");
  assert_local ("۲۰۲۰-۰۶-۰۷", "fa", "2020-06-07");
  assert_local ("２０２０年６月７日　１５：０６", "ja", "2020-06-07T15:06:00");
  assert_local ("2020년 6월 7일", "ko", "2020-06-07");
  assert_local ("2020. 6. 7. 오후 3:06", "ko", "2020-06-07");     /* a year first, a space after its dots */
  assert_local ("2020. június 7.", "hu", "2020-06-07");
  assert_local ("2020 m. birželio 7 d.", "lt", "2020-06-07");
  assert_local ("In 2020. May 7 people came", "en", NULL);   /* a sentence's end, not a year before a month */
  assert_local ("7 มิ.ย. 2563 15:06 น.", "th", "2020-06-07T15:06:00"); /* Buddhist era */
  assert_local ("7/6/2563", NULL, NULL);                      /* not in Thai text: no such year */
  assert_local ("令和2年6月7日", "ja", "2020-06-07");
  assert_local ("令和元年5月1日", "ja", "2019-05-01");
  assert_local ("平成31年4月30日", "ja", "2019-04-30");
  assert_local ("民國109年6月7日", "zh-TW", "2020-06-07");
}

/* Issue 19's shapes of CJK, Russian, Vietnamese, Korean and Chinese news pages. */
static void
test_more_shapes (void **state)
{
  (void) state;
  assert_local ("2012年5月31日 15時06分", "ja", "2012-05-31T15:06:00");
  assert_local ("2012年5月31日15时6分30秒", "zh", "2012-05-31T15:06:30");
  assert_local ("2012-05-31 15時06分", "ja", "2012-05-31T15:06:00");
  assert_local ("15時06分", "ja", NULL);                          /* a time is not a day */
  assert_local ("2012年5月31日 25時06分", "ja", "2012-05-31");     /* nor a bad time */
  assert_local ("31 мая 2012 г., 15:06", "ru", "2012-05-31T15:06:00");
  assert_local ("31 мая 2012 года в 15:06", "ru", "2012-05-31T15:06:00");
  assert_local ("31 maja 2012 r., 15:06", "pl", "2012-05-31T15:06:00");
  assert_local ("ngày 31/5/2012", "vi", "2012-05-31");
  assert_local ("Thứ năm, 31/5/2012, 15:06", "vi", "2012-05-31T15:06:00");
  assert_local ("ngày 5/6/2012", "vi", "2012-06-05");              /* day first */
  assert_local ("2012.05.31 15:06", "ko", "2012-05-31T15:06:00");
  assert_local ("입력 2012.05.31 15:06", "ko", "2012-05-31T15:06:00");
  assert_local ("입력 : 2012-05-31", "ko", "2012-05-31");
  assert_local ("来源：新华社 2012-05-31 15:06", "zh", "2012-05-31T15:06:00");
  assert_local ("发布于2012年5月31日", "zh", "2012-05-31");       /* glued to a word written without spaces */
  assert_local ("ABC2012-05-31", NULL, NULL);                      /* but not to a Latin one */
  NfDate date;
  assert_true (nf_date_parse ("31 мая 2012 г.", "ru", &date));
  assert_true (nf_date_parse ("2012年5月31日15時06分", "ja", &date));
  assert_true (date.has_time);
  gsize start, end;
  const char *text = "来源：新华社 2012-05-31 15:06 责任编辑";
  assert_true (nf_date_find (text, -1, "zh", &date, &start, &end));
  assert_int_equal (start, strstr (text, "2012") - text);
  assert_int_equal (end, strstr (text, " 责任") - text);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_iso),
    cmocka_unit_test (test_rfc1123_and_zones),
    cmocka_unit_test (test_asctime),
    cmocka_unit_test (test_numeric_order_by_language),
    cmocka_unit_test (test_month_names),
    cmocka_unit_test (test_refusals),
    cmocka_unit_test (test_find_span),
    cmocka_unit_test (test_utc_and_published),
    cmocka_unit_test (test_names),
    cmocka_unit_test (test_names_shortcuts),
    cmocka_unit_test (test_other_languages),
    cmocka_unit_test (test_more_shapes),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
