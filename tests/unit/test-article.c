/* test-article.c: the article model: properties, paragraphs as spans of the body, typed
 * fields in insertion order, stand-off annotations, outcome, and its JSON form. */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "article-private.h"
#include <newsflow/json.h>

static void
test_properties_and_refcount (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a.txt");
  assert_string_equal (nf_article_get_source (article), "a.txt");
  assert_int_equal (strlen (nf_article_get_id (article)), 16);
  nf_article_set_title (article, "Headline");
  nf_article_add_author (article, "Jane Doe");
  nf_article_add_author (article, "John Roe");
  assert_string_equal (nf_article_get_authors (article)[1], "John Roe");
  assert_null (nf_article_get_authors (article)[2]);
  NfArticle *extra = nf_article_ref (article);
  nf_article_unref (extra);
  assert_string_equal (nf_article_get_title (article), "Headline");
}

static void
test_no_authors_is_empty_list (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  assert_null (nf_article_get_authors (article)[0]);
}

static void
test_paragraph_spans (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  assert_false (nf_article_has_text (article));
  const char *paragraphs[] = { "First one.", "Zweiter Absatz – ü.", NULL };
  nf_article_set_paragraphs (article, paragraphs, -1);
  assert_string_equal (nf_article_get_text (article), "First one.\n\nZweiter Absatz – ü.");
  gsize start, end;
  nf_article_get_paragraph_span (article, 1, &start, &end);
  assert_int_equal (start, 12);
  assert_int_equal (end, nf_article_get_text_length (article));
  /* A new body drops annotations, which would point into the old text. */
  nf_article_add_annotation (article, "entity", 0, 5);
  nf_article_set_paragraphs (article, paragraphs, 1);
  assert_int_equal (nf_article_get_n_annotations (article), 0);
  assert_int_equal (nf_article_get_n_paragraphs (article), 1);
}

static void
test_fields_keep_order_and_replace (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_set_field_int (article, "zeta", 1);
  nf_article_set_field_string (article, "alpha", "x");
  nf_article_set_field_int (article, "zeta", 2);
  assert_int_equal (nf_article_get_n_fields (article), 2);
  const char *name;
  nf_article_get_nth_field (article, 0, &name);
  assert_string_equal (name, "zeta");
  assert_int_equal (nf_article_get_field_int (article, "zeta", -1), 2);
  assert_string_equal (nf_article_get_field_string (article, "alpha"), "x");
  assert_null (nf_article_get_field_string (article, "zeta")); /* wrong type */
  assert_true (nf_article_remove_field (article, "zeta"));
  assert_int_equal (nf_article_get_field_int (article, "zeta", -1), -1);
  assert_true (nf_article_is_reserved_field ("title"));
  assert_false (nf_article_is_reserved_field ("keywords"));
}

static void
test_annotations (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_add_paragraph (article, "Volodymyr Zelenskyy spoke in Kyiv.", -1);
  NfAnnotation *person = nf_article_add_annotation (article, "entity", 0, 19);
  nf_annotation_set_attr_string (person, "label", "PERSON");
  nf_annotation_set_attr (person, "mentions", g_variant_new_int64 (2));
  assert_int_equal (nf_article_get_n_annotations (article), 1);
  NfAnnotation *got = nf_article_get_annotation (article, 0);
  assert_string_equal (nf_annotation_get_type (got), "entity");
  assert_int_equal (nf_annotation_get_end (got), 19);
  assert_string_equal (nf_annotation_get_attr_string (got, "label"), "PERSON");
  assert_int_equal (nf_annotation_get_n_attrs (got), 2);
}

static void
test_outcome (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  assert_false (nf_article_is_dropped (article));
  nf_article_drop (article, "duplicate of 3");
  assert_true (nf_article_is_dropped (article));
  assert_string_equal (nf_article_get_drop_reason (article), "duplicate of 3");
  g_autoptr (GError) error = g_error_new_literal (NF_ERROR, NF_ERROR_INVALID_INPUT, "bad bytes");
  nf_article_set_failed (article, "parse text", error);
  assert_true (nf_article_is_failed (article));
  assert_string_equal (nf_article_get_failed_stage (article), "parse text");
  assert_string_equal (nf_article_get_error (article)->message, "bad bytes");
}

static void
test_json_form (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("src.txt");
  nf_article_set_id (article, "id1");
  nf_article_set_title (article, "T \"quoted\"");
  nf_article_add_paragraph (article, "Kyiv is a city.", -1);
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 11, 27, 9, 30, 0);
  nf_article_set_published (article, date);
  const char *sources[] = { "a", "b" };
  nf_article_set_field_strv (article, "sources", sources, 2);
  NfAnnotation *place = nf_article_add_annotation (article, "entity", 0, 4);
  nf_annotation_set_attr_string (place, "label", "GPE");

  g_autoptr (JsonNode) node = nf_article_to_json (article);
  g_autofree char *json = json_to_string (node, FALSE);
  assert_string_equal (json,
    "{\"id\":\"id1\",\"source\":\"src.txt\",\"content_type\":null,\"title\":\"T \\\"quoted\\\"\","
    "\"authors\":[],\"published\":\"2026-11-27T09:30:00Z\",\"language\":null,"
    "\"text\":\"Kyiv is a city.\",\"paragraphs\":[[0,15]],\"sources\":[\"a\",\"b\"],"
    "\"annotations\":[{\"type\":\"entity\",\"start\":0,\"end\":4,\"text\":\"Kyiv\","
    "\"attrs\":{\"label\":\"GPE\"}}]}");
}

static void
test_dates_are_rfc3339 (G_GNUC_UNUSED void **state)
{
  g_autoptr (GDateTime) utc = g_date_time_new_utc (2026, 11, 27, 9, 30, 0);
  g_autofree char *z = nf_date_time_format (utc);
  assert_string_equal (z, "2026-11-27T09:30:00Z");
  g_autoptr (GTimeZone) paris = g_time_zone_new_offset (3600);
  g_autoptr (GDateTime) local = g_date_time_new (paris, 2026, 11, 27, 10, 30, 0.25);
  g_autofree char *offset = nf_date_time_format (local);
  assert_string_equal (offset, "2026-11-27T10:30:00.250000+01:00");
}

static void
test_variant_round_trip (G_GNUC_UNUSED void **state)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  assert_true (json_parser_load_from_data (parser, "{\"n\":3,\"x\":1.5,\"tags\":[\"a\",\"b\"],\"ok\":true,\"none\":null}", -1, NULL));
  g_autoptr (GVariant) value = g_variant_ref_sink (nf_variant_from_json (json_parser_get_root (parser)));
  g_autoptr (JsonNode) back = nf_variant_to_json (value);
  g_autofree char *json = json_to_string (back, FALSE);
  assert_string_equal (json, "{\"n\":3,\"x\":1.5,\"tags\":[\"a\",\"b\"],\"ok\":true,\"none\":null}");
}

static void
test_count_entities (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_add_paragraph (article, "Iryna Savchuk spoke in Kyiv. Savchuk left Kyiv. Kyiv is calm.", -1);
  NfAnnotation *full = nf_article_add_annotation (article, "entity", 0, 13);
  nf_annotation_set_attr_string (full, "label", "PERSON");
  NfAnnotation *short_mention = nf_article_add_annotation (article, "entity", 29, 36);
  nf_annotation_set_attr_string (short_mention, "label", "PERSON");
  nf_annotation_set_attr_string (short_mention, "canonical", "Iryna Savchuk");
  for (gsize start = 23, i = 0; i < 3; i++)
    {
      NfAnnotation *place = nf_article_add_annotation (article, "entity", start, start + 4);
      nf_annotation_set_attr_string (place, "label", "LOCATION");
      start = i == 0 ? 42 : 48;
    }
  nf_article_add_annotation (article, "quote", 0, 4); /* not an entity */

  g_autoptr (JsonNode) node = nf_article_to_json (article);
  JsonArray *annotations = json_object_get_array_member (json_node_get_object (node), "annotations");
  g_autoptr (GPtrArray) entities = nf_json_count_entities (annotations);
  assert_int_equal (entities->len, 2);
  NfEntityCount *first = g_ptr_array_index (entities, 0), *second = g_ptr_array_index (entities, 1);
  assert_string_equal (first->name, "Kyiv");
  assert_string_equal (first->label, "LOCATION");
  assert_int_equal (first->mentions, 3);
  assert_string_equal (second->name, "Iryna Savchuk"); /* the short mention counts for her */
  assert_int_equal (second->mentions, 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_properties_and_refcount),
    cmocka_unit_test (test_no_authors_is_empty_list),
    cmocka_unit_test (test_paragraph_spans),
    cmocka_unit_test (test_fields_keep_order_and_replace),
    cmocka_unit_test (test_annotations),
    cmocka_unit_test (test_outcome),
    cmocka_unit_test (test_json_form),
    cmocka_unit_test (test_dates_are_rfc3339),
    cmocka_unit_test (test_variant_round_trip),
    cmocka_unit_test (test_count_entities),
  };
  return cmocka_run_group_tests_name ("article", tests, NULL, NULL);
}
