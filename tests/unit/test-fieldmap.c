/* test-fieldmap.c: the field map shared by fetch "jsonl" and parse "json" — which keys fill
 * which article property, and the precise message for each kind of bad object. */
#include <string.h>

#include "test-util.h"
#include <newsflow/newsflow.h>

/* The map's own option table, parsed from chain syntax as a stage's block would be. */
static NfFieldMap *
map_from (const char *settings)
{
  static const NfOption options[] = { NF_FIELD_MAP_OPTIONS, NF_OPTION_END };
  cfg_opt_t opts[G_N_ELEMENTS (options)];
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    opts[i] = options[i].opt;
  cfg_t *config = cfg_init (opts, CFGF_NONE);
  assert_int_equal (cfg_parse_buf (config, settings), CFG_SUCCESS);
  g_autoptr (GError) error = NULL;
  NfFieldMap *map = nf_field_map_new_from_config (config, &error);
  g_assert_no_error (error);
  cfg_free (config);
  return map;
}

/* Applies @map to @json; returns the article, or NULL with *@message set. */
static NfArticle *
apply (NfFieldMap *map, const char *json, char **message)
{
  NfArticle *article = nf_article_new ("test.jsonl:1");
  g_autoptr (GError) error = NULL;
  if (nf_field_map_apply_data (map, json, strlen (json), article, &error))
    return article;
  nf_article_unref (article);
  *message = g_strdup (error->message);
  return NULL;
}

static char *
apply_error (NfFieldMap *map, const char *json)
{
  char *message = NULL;
  NfArticle *article = apply (map, json, &message);
  if (article)
    {
      nf_article_unref (article);
      fail_msg ("expected an error for %s", json);
    }
  return message;
}

/* Lines are trimmed of white space as the core defines it: a line of no-break spaces is
 * blank, and ideographic or no-break spaces around a paragraph are not part of it. */
static void
test_paragraph_white_space (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfFieldMap) map = map_from ("");
  g_autofree char *message = NULL;
  g_autoptr (NfArticle) article = apply (map,
    "{\"text\": \"\u00a0One.\u3000\\n\u00a0\u00a0\u2003\\n\\tTwo \u00e9t\u00e9\u00a0\\r\\n\"}", &message);
  assert_non_null (article);
  assert_int_equal (nf_article_get_n_paragraphs (article), 2);
  assert_string_equal (nf_article_get_text (article), "One.\n\nTwo \u00e9t\u00e9");
}

static void
test_default_keys (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfFieldMap) map = map_from ("");
  g_autofree char *message = NULL;
  g_autoptr (NfArticle) article = apply (map,
    "{\"title\": \" Dam opens \", \"text\": \"First para.\\n\\nSecond para.\\nThird.\\n\", "
    "\"url\": \"https://example.org/a\", \"date\": \"2024-05-01T08:30:00+02:00\", "
    "\"authors\": [\"Ann Lee\", {\"name\": \"Bo Kim\"}], \"language\": \"en\", \"id\": 42, "
    "\"section\": \"world\", \"source\": \"ignored\", \"tags\": [\"a\", \"b\"]}", &message);
  assert_non_null (article);
  assert_string_equal (nf_article_get_title (article), "Dam opens");
  assert_string_equal (nf_article_get_text (article), "First para.\n\nSecond para.\n\nThird.");
  assert_int_equal (nf_article_get_n_paragraphs (article), 3);
  assert_string_equal (nf_article_get_field_string (article, "url"), "https://example.org/a");
  /* published is the instant in UTC, published_local the date as the dump wrote it. */
  g_autofree char *date = g_date_time_format_iso8601 (nf_article_get_published (article));
  assert_string_equal (date, "2024-05-01T06:30:00Z");
  assert_string_equal (nf_article_get_field_string (article, "published_local"), "2024-05-01T08:30:00+02:00");
  const char *const *authors = nf_article_get_authors (article);
  assert_string_equal (authors[0], "Ann Lee");
  assert_string_equal (authors[1], "Bo Kim");
  assert_null (authors[2]);
  assert_string_equal (nf_article_get_language (article), "en");
  assert_string_equal (nf_article_get_id (article), "42");
  /* keep-other: unmapped keys become fields; article property names are not kept */
  assert_string_equal (nf_article_get_field_string (article, "section"), "world");
  assert_non_null (nf_article_get_field (article, "tags"));
  assert_string_equal (nf_article_get_source (article), "test.jsonl:1");
  assert_null (nf_article_get_field (article, "title"));
  assert_int_equal (nf_article_get_n_fields (article), 4); /* published_local, section, tags, url */
}

static void
test_configured_keys (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfFieldMap) map = map_from ("title-field = {\"headline\"} text-field = {\"meta.body\", \"other\"} "
                                         "date-field = {\"ts\"} keep-other = false");
  g_autofree char *message = NULL;
  g_autoptr (NfArticle) article = apply (map,
    "{\"title\": \"not me\", \"headline\": \"Me\", \"meta\": {\"body\": [\"One.\", \"Two.\"]}, "
    "\"ts\": 1700000000, \"extra\": 1}", &message);
  assert_non_null (article);
  assert_string_equal (nf_article_get_title (article), "Me");
  assert_string_equal (nf_article_get_text (article), "One.\n\nTwo.");
  g_autofree char *date = g_date_time_format_iso8601 (nf_article_get_published (article));
  assert_string_equal (date, "2023-11-14T22:13:20Z");
  assert_int_equal (nf_article_get_n_fields (article), 0); /* keep-other = false */
}

static void
test_dates (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfFieldMap) map = map_from ("");
  const struct { const char *json; const char *iso; const char *local; } cases[] = {
    { "{\"text\": \"x\", \"date\": \"2017-02-13 08:10:00\"}", "2017-02-13T08:10:00Z", "2017-02-13T08:10:00" },
    { "{\"text\": \"x\", \"date\": \"2017-02-13T08:10Z\"}", "2017-02-13T08:10:00Z", "2017-02-13T08:10:00Z" },
    { "{\"text\": \"x\", \"date\": \"Mon, 13 Feb 2017 09:10:00 +0100\"}", "2017-02-13T08:10:00Z", "2017-02-13T09:10:00+01:00" },
    /* A bare day is never midnight UTC: no instant, the day in published_local. */
    { "{\"text\": \"x\", \"date\": \"2017-02-13\"}", NULL, "2017-02-13" },
    { "{\"text\": \"x\", \"published\": \"2017-02-13T08:10:00Z\", \"date\": \"bad\"}", "2017-02-13T08:10:00Z", "2017-02-13T08:10:00Z" },
    { "{\"text\": \"x\", \"date_publish\": 0}", "1970-01-01T00:00:00Z", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      g_autoptr (NfArticle) article = apply (map, cases[i].json, &message);
      assert_non_null (article);
      GDateTime *published = nf_article_get_published (article);
      g_autofree char *iso = published ? g_date_time_format_iso8601 (published) : NULL;
      assert_string_equal (iso ? iso : "none", cases[i].iso ? cases[i].iso : "none");
      const char *local = nf_article_get_field_string (article, "published_local");
      assert_string_equal (local ? local : "none", cases[i].local ? cases[i].local : "none");
    }
}

static void
test_errors (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfFieldMap) map = map_from ("");
  const struct { const char *json; const char *message; } cases[] = {
    { "{\"title\": \"t\"}", "no text: the object has none of the text-field keys (\"text\", \"maintext\"" },
    { "{\"text\": null}", "no text" },
    { "{\"text\": 3}", "key \"text\" is a number, not a string or an array of strings" },
    { "{\"text\": [\"a\", 2]}", "key \"text\": element 1 is a number, not a string" },
    { "{\"text\": \"x\", \"title\": [\"t\"]}", "key \"title\" is an array, not a string" },
    { "{\"text\": \"x\", \"date\": \"yesterday\"}", "key \"date\": cannot read \"yesterday\" as a date" },
    { "{\"text\": \"x\", \"date\": true}", "key \"date\" is a boolean, not a date string or a number" },
    /* Huge numbers are refused before any arithmetic (UBSan: no overflow). */
    { "{\"text\": \"x\", \"date\": 1e300}", "seconds since 1970 is out of range" },
    { "{\"text\": \"x\", \"date\": -1e300}", "seconds since 1970 is out of range" },
    { "{\"text\": \"x\", \"date\": 9223372036854775807}", "seconds since 1970 is out of range" },
    { "{\"text\": \"x\", \"date\": -9223372036854775808}", "seconds since 1970 is out of range" },
    { "{\"text\": \"x\", \"date\": 253402300800}", "seconds since 1970 is out of range" },
    { "{\"text\": \"x\", \"authors\": [{\"role\": \"x\"}]}", "key \"authors\": element 0 is an object without a \"name\"" },
    { "{\"text\": \"x\", \"id\": 1.5}", "key \"id\" is a number, not a string or an integer" },
    { "{\"text\": \"x\", \"url\": {}}", "key \"url\" is an object, not a string" },
    { "[{\"text\": \"x\"}]", "an array, not a JSON object" },
    { "\"text\"", "a string, not a JSON object" },
    { "{\"text\": ", "not valid JSON: " },
    /* json-glib reads "\222" as an octal escape and gives a byte that is not UTF-8 (found by fuzz-json) */
    { "{\"text\": \"x\", \"extra\": \"a\\222b\"}", "the string in \"extra\" is not valid UTF-8" },
    { "{\"text\": \"x\", \"a\\377\": 1}", "a member name in the document is not valid UTF-8" },
    { "", "no JSON value: the input is empty" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = apply_error (map, cases[i].json);
      assert_contains (message, cases[i].message);
    }
}

static void
test_bom_and_dotted_literal (void **state G_GNUC_UNUSED)
{
  g_autoptr (NfFieldMap) map = map_from ("title-field = {\"a.b\"}");
  g_autofree char *message = NULL;
  g_autoptr (NfArticle) article = apply (map, "\xEF\xBB\xBF{\"a.b\": \"literal\", \"a\": {\"b\": \"path\"}, \"text\": \"\"}",
                                         &message);
  assert_non_null (article);
  assert_string_equal (nf_article_get_title (article), "literal");
  assert_true (nf_article_has_text (article)); /* an empty body is a body */
  assert_int_equal (nf_article_get_n_paragraphs (article), 0);
}

static void
test_config_errors (void **state G_GNUC_UNUSED)
{
  static const NfOption options[] = { NF_FIELD_MAP_OPTIONS, NF_OPTION_END };
  cfg_opt_t opts[G_N_ELEMENTS (options)];
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    opts[i] = options[i].opt;
  const char *settings[] = { "text-field = {}", "title-field = {\"\"}" };
  const char *messages[] = { "text-field must name at least one key", "title-field: key 1 is empty" };
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      cfg_t *config = cfg_init (opts, CFGF_NONE);
      assert_int_equal (cfg_parse_buf (config, settings[i]), CFG_SUCCESS);
      g_autoptr (GError) error = NULL;
      assert_null (nf_field_map_new_from_config (config, &error));
      assert_contains (error->message, messages[i]);
      cfg_free (config);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_default_keys),
    cmocka_unit_test (test_paragraph_white_space),
    cmocka_unit_test (test_configured_keys),
    cmocka_unit_test (test_dates),
    cmocka_unit_test (test_errors),
    cmocka_unit_test (test_bom_and_dotted_literal),
    cmocka_unit_test (test_config_errors),
  };
  return cmocka_run_group_tests_name ("fieldmap", tests, NULL, NULL);
}
