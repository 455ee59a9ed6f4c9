/* test-format-fields.c: NfFieldSelection and nf_json_flatten, what the json, csv and
 * elasticsearch formatters' `fields` option means, on an article built here with the
 * entities, quotes and keywords that extractors add. */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include <newsflow/newsflow.h>

static NfArticle *
annotated_article (void)
{
  NfArticle *article = nf_article_new ("a.txt");
  nf_article_set_title (article, "Savchuk visits Odesa");
  nf_article_add_author (article, "Jane Doe");
  nf_article_add_author (article, "John Roe");
  const char *paragraphs[] = { "Iryna Savchuk said \"the port is open\" in Odesa.", NULL };
  nf_article_set_paragraphs (article, paragraphs, -1);
  NfAnnotation *person = nf_article_add_annotation (article, "entity", 0, 13);
  nf_annotation_set_attr_string (person, "label", "PERSON");
  nf_annotation_set_attr_string (person, "canonical", "Iryna Savchuk");
  NfAnnotation *quote = nf_article_add_annotation (article, "quote", 19, 37);
  nf_annotation_set_attr_string (quote, "speaker", "Iryna Savchuk");
  NfAnnotation *place = nf_article_add_annotation (article, "entity", 41, 46);
  nf_annotation_set_attr_string (place, "label", "GPE");
  GVariantBuilder keywords;
  g_variant_builder_init (&keywords, G_VARIANT_TYPE ("aa{sv}"));
  const char *phrases[] = { "port", "odesa" };
  for (guint i = 0; i < 2; i++)
    {
      GVariantBuilder keyword;
      g_variant_builder_init (&keyword, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&keyword, "{sv}", "phrase", g_variant_new_string (phrases[i]));
      g_variant_builder_add (&keyword, "{sv}", "score", g_variant_new_double (0.5 / (i + 1)));
      g_variant_builder_add_value (&keywords, g_variant_builder_end (&keyword));
    }
  nf_article_set_field (article, "keywords", g_variant_builder_end (&keywords));
  nf_article_set_field_int (article, "words", 9);
  return article;
}

static char *
column_text (NfFieldSelection *selection, guint i, JsonNode *article, const char *separator)
{
  g_autoptr (JsonNode) value = nf_field_selection_get (selection, i, article);
  return nf_json_flatten (value, separator);
}

static void
test_paths_names_and_filters (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = annotated_article ();
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  const char *specs[] = {
    "title", "headline = title", "authors", "keywords.phrase", "people=annotations[entity].attrs.canonical",
    "speakers=annotations[quote].attrs.speaker", "quoted=annotations[quote].text", "labels=annotations.attrs.label",
    "nothing.here", "words", NULL,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (NfFieldSelection) selection = nf_field_selection_new (specs, -1, &error);
  assert_non_null (selection);
  assert_int_equal (nf_field_selection_get_n (selection), 10);
  assert_string_equal (nf_field_selection_get_name (selection, 0), "title");
  assert_string_equal (nf_field_selection_get_name (selection, 1), "headline");
  assert_string_equal (nf_field_selection_get_name (selection, 4), "people");

  const char *expected[] = {
    "Savchuk visits Odesa", "Savchuk visits Odesa", "Jane Doe|John Roe", "port|odesa",
    "Iryna Savchuk", "Iryna Savchuk", "\"the port is open\"", "PERSON|GPE", "", "9",
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = column_text (selection, i, node, "|");
      assert_string_equal (text, expected[i]);
    }
  /* A missing path is null, not an absent member, so every row has every column. */
  g_autoptr (JsonNode) missing = nf_field_selection_get (selection, 8, node);
  assert_true (JSON_NODE_HOLDS_NULL (missing));

  g_autoptr (JsonNode) object = nf_field_selection_apply (selection, node);
  g_autofree char *json = json_to_string (object, FALSE);
  assert_contains (json, "{\"title\":\"Savchuk visits Odesa\",\"headline\":\"Savchuk visits Odesa\",\"authors\":[\"Jane Doe\",\"John Roe\"]");
  assert_contains (json, "\"people\":[\"Iryna Savchuk\"]");
  assert_contains (json, "\"nothing.here\":null");
}

static void
test_flatten (G_GNUC_UNUSED void **state)
{
  g_autoptr (JsonNode) node = json_from_string ("[\"a\", [1, 2.5, null], true, {\"k\": \"v\"}, null]", NULL);
  g_autofree char *text = nf_json_flatten (node, "; ");
  assert_string_equal (text, "a; 1; 2.5; true; {\"k\":\"v\"}");
  g_autoptr (JsonNode) null = json_node_new (JSON_NODE_NULL);
  g_autofree char *empty = nf_json_flatten (null, "; ");
  assert_string_equal (empty, "");
  g_autoptr (JsonNode) object = json_from_string ("{\"words\": 3}", NULL);
  g_autofree char *compact = nf_json_flatten (object, "; ");
  assert_string_equal (compact, "{\"words\":3}");
}

static void
test_malformed_specs (G_GNUC_UNUSED void **state)
{
  const char *bad[][2] = {
    { "", "write PATH or NAME=PATH" }, { "name=", "write PATH or NAME=PATH" },
    { "=title", "write PATH or NAME=PATH" }, { "stats..words", "empty or malformed step" },
    { "annotations[entity.text", "NAME[TYPE]" }, { "annotations[]", "NAME[TYPE]" },
    { "a]b", "empty or malformed step" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *specs[] = { bad[i][0], NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (NfFieldSelection) selection = nf_field_selection_new (specs, -1, &error);
      assert_null (selection);
      assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_CHAIN));
      assert_contains (error->message, bad[i][1]);
    }
  const char *twice[] = { "title", "x=title", "x=id", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (NfFieldSelection) selection = nf_field_selection_new (twice, -1, &error);
  assert_null (selection);
  assert_contains (error->message, "the name \"x\" is used twice");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_paths_names_and_filters),
    cmocka_unit_test (test_flatten),
    cmocka_unit_test (test_malformed_specs),
  };
  return cmocka_run_group_tests_name ("format-fields", tests, NULL, NULL);
}
