/* test-wire.c: the wire form articles travel in between newsflow processes (newsflow/wire.h)
 * gives back the same article: every property, each field with its own GVariant type,
 * paragraphs, annotations; malformed bytes are refused with a message. */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include <newsflow/json.h>
#include <newsflow/wire.h>

static NfArticle *
rich_article (void)
{
  NfArticle *article = nf_article_new ("https://example.org/a?b=1");
  nf_article_set_id (article, "id-42");
  nf_article_set_content_type (article, "text/html; charset=utf-8");
  nf_article_set_title (article, "Grüße\nüber Zeilen");
  nf_article_add_author (article, "Jane Doe");
  nf_article_add_author (article, "John Roe");
  g_autoptr (GDateTime) date = g_date_time_new_from_iso8601 ("2026-11-27T10:30:00.25+01:00", NULL);
  nf_article_set_published (article, date);
  nf_article_set_language (article, "de");
  const char *paragraphs[] = { "Erster Absatz.", "Second – one.", NULL };
  nf_article_set_paragraphs (article, paragraphs, -1);
  nf_article_set_field_int (article, "zeta", 7);
  nf_article_set_field_double (article, "score", 1.0);
  nf_article_set_field (article, "keywords", g_variant_new_parsed ("[('grain', 0.5), ('port', 0.25)]"));
  nf_article_set_field (article, "stats", g_variant_new_parsed ("{'words': <uint32 5>, 'ok': <true>}"));
  NfAnnotation *entity = nf_article_add_annotation (article, "entity", 0, 6);
  nf_annotation_set_attr_string (entity, "label", "MISC");
  nf_annotation_set_attr (entity, "confidence", g_variant_new_double (0.5));
  nf_article_add_annotation (article, "sentence", 16, 29);
  return article;
}

static void
test_round_trip_is_exact (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = rich_article ();
  g_autoptr (GBytes) wire = nf_article_to_wire (article, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (NfArticle) back = nf_article_new_from_wire (wire, &error);
  assert_null (error);
  assert_non_null (back);
  /* The JSON forms agree ... */
  g_autoptr (JsonNode) a = nf_article_to_json (article);
  g_autoptr (JsonNode) b = nf_article_to_json (back);
  g_autofree char *ja = json_to_string (a, FALSE), *jb = json_to_string (b, FALSE);
  assert_string_equal (ja, jb);
  /* ... and so do the types JSON would lose. */
  assert_string_equal (g_variant_get_type_string (nf_article_get_field (back, "keywords")), "a(sd)");
  assert_string_equal (g_variant_get_type_string (nf_article_get_field (back, "zeta")), "x");
  g_autoptr (GVariant) words = g_variant_lookup_value (nf_article_get_field (back, "stats"), "words", NULL);
  assert_string_equal (g_variant_get_type_string (words), "u");
  assert_int_equal (g_date_time_get_microsecond (nf_article_get_published (back)), 250000);
  assert_int_equal (g_date_time_get_utc_offset (nf_article_get_published (back)), (gint64) 3600 * G_USEC_PER_SEC);
  assert_null (nf_article_get_raw (back));
}

static void
test_metadata_only_and_text_form (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = rich_article ();
  g_autoptr (GVariant) meta = nf_article_to_variant (article, FALSE);
  /* The text form (a message header) has no line break and parses back. */
  g_autofree char *text = g_variant_print (meta, TRUE);
  assert_null (strchr (text, '\n'));
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) parsed = g_variant_parse (NF_ARTICLE_WIRE_TYPE, text, NULL, NULL, &error);
  assert_non_null (parsed);
  g_autoptr (NfArticle) back = nf_article_new_from_variant (parsed, &error);
  assert_non_null (back);
  assert_false (nf_article_has_text (back));
  assert_string_equal (nf_article_get_title (back), "Grüße\nüber Zeilen");
  assert_string_equal (nf_article_get_id (back), "id-42");
  assert_int_equal (nf_article_get_field_int (back, "zeta", 0), 7);
}

static void
test_malformed_is_refused (G_GNUC_UNUSED void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) junk = g_bytes_new_static ("\x01\x02not a variant", 15);
  assert_null (nf_article_new_from_wire (junk, &error));
  assert_non_null (error);

  g_clear_error (&error);
  g_autoptr (GVariant) no_source = g_variant_ref_sink (g_variant_new_parsed ("{'id': <'x'>}"));
  assert_null (nf_article_new_from_variant (no_source, &error));
  assert_non_null (strstr (error->message, "no \"source\""));

  g_clear_error (&error);
  g_autoptr (GVariant) wrong = g_variant_ref_sink (g_variant_new_parsed ("{'source': <'s'>, 'title': <5>}"));
  assert_null (nf_article_new_from_variant (wrong, &error));
  assert_non_null (strstr (error->message, "\"title\" is of type i"));

  g_clear_error (&error);
  g_autoptr (GVariant) outside = g_variant_ref_sink (g_variant_new_parsed (
    "{'source': <'s'>, 'paragraphs': <['abc']>, 'annotations': <[('entity', uint64 1, uint64 9, @a{sv} {})]>}"));
  assert_null (nf_article_new_from_variant (outside, &error));
  assert_non_null (strstr (error->message, "spans [1, 9) of a body of 3 bytes"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_round_trip_is_exact),
    cmocka_unit_test (test_metadata_only_and_text_form),
    cmocka_unit_test (test_malformed_is_refused),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
