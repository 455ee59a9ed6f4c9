/* test-json-writer.c: the streaming writer (nf_article_write_json) prints, byte for byte, what
 * json-glib's generator prints for nf_article_to_json's tree, compact and pretty, on tricky
 * articles (every control character, bytes that are not UTF-8, every GVariant type, repeated
 * dictionary keys, empty objects and arrays) and on the samples after every default
 * extractor; where json-glib 1.6 prints what is not JSON the writer prints JSON; chunks. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "test-util.h"
#include <newsflow/json.h>

static char *
generated (NfArticle *article, gboolean pretty)
{
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static gboolean
append_chunk (gpointer user_data, const void *data, gsize length, GError **error)
{
  GString *out = user_data;
  assert_true (length > 0 && length <= 64 * 1024 + 64);
  assert_null (memchr (data, '\0', length));
  g_string_append_len (out, data, length);
  (void) error;
  return TRUE;
}

static char *
streamed (NfArticle *article, gboolean pretty)
{
  GString *out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  assert_true (nf_article_write_json (article, pretty, append_chunk, out, &error));
  assert_null (error);
  GString *whole = g_string_new (NULL);
  nf_article_append_json (article, pretty, whole);
  assert_string_equal (whole->str, out->str);
  g_string_free (whole, TRUE);
  return g_string_free (out, FALSE);
}

static void
assert_same (NfArticle *article)
{
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *expected = generated (article, pretty);
      g_autofree char *actual = streamed (article, pretty);
      if (strcmp (expected, actual) != 0)
        {
          gsize i = 0;
          while (expected[i] && expected[i] == actual[i])
            i++;
          fail_msg ("writer and generator differ (pretty %d) at byte %zu:\n  generator: %.60s\n  writer:    %.60s",
                    pretty, i, expected + i, actual + i);
        }
    }
}

/* Every byte but NUL, and runs of bytes that are not UTF-8. */
static char *
nasty_text (void)
{
  GString *text = g_string_new ("Quote \" back\\slash / tab\t cr\r ff\f bs\b del\x7f é € 😀 ");
  for (int c = 1; c < 256; c++)
    if (c != 0x1f && c != '\n')
      g_string_append_c (text, (char) c);
  /* overlong, a lone surrogate, a truncated sequence, 0xfe/0xff */
  g_string_append (text, "\xc0\x80 \xed\xa0\x80 \xe2\x82 \xfe\xff \xf4\x90\x80\x80");
  return g_string_free (text, FALSE);
}

static NfArticle *
tricky_article (void)
{
  g_autofree char *nasty = nasty_text ();
  NfArticle *article = nf_article_new ("file:///tmp/a \"b\"\x01.txt");
  nf_article_set_id (article, "id\\with\"quotes\x02");
  nf_article_set_title (article, nasty);
  nf_article_add_author (article, "Jane \"JD\" Doe");
  nf_article_add_author (article, "");
  g_autoptr (GDateTime) date = g_date_time_new_from_iso8601 ("2026-11-27T10:30:00.25+01:00", NULL);
  nf_article_set_published (article, date);
  const char *paragraphs[] = { "Erster Absatz – ünd \"so\".", nasty, "Tab\there\x7f.", NULL };
  nf_article_set_paragraphs (article, paragraphs, -1);

  nf_article_set_field (article, "bool", g_variant_new_boolean (TRUE));
  nf_article_set_field (article, "byte", g_variant_new_byte (255));
  nf_article_set_field (article, "int16", g_variant_new_int16 (G_MININT16));
  nf_article_set_field (article, "uint16", g_variant_new_uint16 (G_MAXUINT16));
  nf_article_set_field (article, "int32", g_variant_new_int32 (G_MININT32));
  nf_article_set_field (article, "uint32", g_variant_new_uint32 (G_MAXUINT32));
  nf_article_set_field (article, "int64", g_variant_new_int64 (G_MININT64));
  nf_article_set_field (article, "uint64", g_variant_new_uint64 (G_MAXUINT64));
  nf_article_set_field (article, "handle", g_variant_new_handle (-3));
  nf_article_set_field (article, "doubles", g_variant_new_parsed (
      "[0.0, -0.0, 1.0, -2.5, 0.1, 0.33333333333333331, 123456789.125, 1e-7, 2.5e-300, 12345678901234567.0, 1e16]"));
  g_autofree char *valid = g_utf8_make_valid (nasty, -1); /* GVariant strings are UTF-8 */
  nf_article_set_field (article, "string", g_variant_new_string (valid));
  nf_article_set_field (article, "object_path", g_variant_new_object_path ("/org/example/Thing"));
  nf_article_set_field (article, "signature", g_variant_new_signature ("a{sv}"));
  nf_article_set_field (article, "variant", g_variant_new_variant (g_variant_new_variant (g_variant_new_int32 (7))));
  nf_article_set_field (article, "nothing", g_variant_new_maybe (G_VARIANT_TYPE_INT32, NULL));
  nf_article_set_field (article, "just", g_variant_new_parsed ("@mi 5"));
  nf_article_set_field (article, "bytes", g_variant_new_bytestring ("\x01\x02 binary\xff"));
  nf_article_set_field (article, "empty_bytes", g_variant_new_parsed ("@ay []"));
  nf_article_set_field (article, "vardict", g_variant_new_parsed (
      "{'words': <uint32 5>, 'nested': <{'a': <[1, 2]>, 'b': <@a{sv} {}>}>, 'q\"k': <'v'>}"));
  nf_article_set_field (article, "repeated", g_variant_new_parsed (
      "[{'a', <1>}, {'b', <2>}, {'a', <3>}, {'c', <4>}, {'b', <'five'>}]"));
  /* More names than the writer compares pairwise: repeats found by its hash table. */
  GVariantBuilder many;
  g_variant_builder_init (&many, G_VARIANT_TYPE ("a{sv}"));
  for (int i = 0; i < 40; i++)
    {
      char name[8];
      g_snprintf (name, sizeof name, "k%d", i % 23);
      g_variant_builder_add (&many, "{sv}", name, g_variant_new_int32 (i));
    }
  nf_article_set_field (article, "many_repeated", g_variant_builder_end (&many));
  g_variant_builder_init (&many, G_VARIANT_TYPE ("a{sv}"));
  for (int i = 0; i < 20; i++)
    {
      char name[8];
      g_snprintf (name, sizeof name, "d%d", i);
      g_variant_builder_add (&many, "{sv}", name, g_variant_new_int64 (-i * 1000003));
    }
  nf_article_set_field (article, "many_distinct", g_variant_builder_end (&many));
  nf_article_set_field (article, "strdict", g_variant_new_parsed ("{'x': 'y', 'z': ''}"));
  nf_article_set_field (article, "intdict", g_variant_new_parsed ("{1: 'one', 2: 'two'}"));
  nf_article_set_field (article, "empty_dict", g_variant_new_parsed ("@a{sv} {}"));
  nf_article_set_field (article, "empty_array", g_variant_new_parsed ("@as []"));
  nf_article_set_field (article, "empty_av", g_variant_new_parsed ("@av []"));
  nf_article_set_field (article, "strv", g_variant_new_parsed ("['a', 'b\\n', '']"));
  nf_article_set_field (article, "tuples", g_variant_new_parsed ("[('grain', 0.5, <true>), ('port', 0.25, <@ms nothing>)]"));
  nf_article_set_field (article, "unit", g_variant_new_parsed ("()"));
  nf_article_set_field (article, "nested_arrays", g_variant_new_parsed ("[[[1]], @aai [], [[2, 3], []]]"));
  nf_article_set_field (article, "na\"me\x01", g_variant_new_string ("odd name"));

  const char *text = nf_article_get_text (article);
  gsize length = strlen (text);
  NfAnnotation *entity = nf_article_add_annotation (article, "entity", 0, 6);
  nf_annotation_set_attr_string (entity, "label", "MISC");
  nf_annotation_set_attr (entity, "confidence", g_variant_new_double (0.5));
  nf_annotation_set_attr (entity, "spans", g_variant_new_parsed ("[(1, 2), (3, 4)]"));
  nf_article_add_annotation (article, "sentence", 0, length);          /* the whole text */
  nf_article_add_annotation (article, "empty", 3, 3);                  /* no attrs, no text */
  nf_article_add_annotation (article, "cut", 8, 9);                    /* inside a character */
  NfAnnotation *quote = nf_article_add_annotation (article, "quote", length - 5, length);
  nf_annotation_set_attr (quote, "attrs", g_variant_new_parsed ("@a{sv} {}"));
  return article;
}

static void
test_tricky_article_is_byte_identical (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = tricky_article ();
  assert_same (article);
}

static void
test_bare_article_is_byte_identical (G_GNUC_UNUSED void **state)
{
  /* Nothing but a source: nulls, empty arrays, an empty annotation list. */
  g_autoptr (NfArticle) article = nf_article_new ("-");
  assert_same (article);
  nf_article_set_paragraphs (article, (const char *[]) { "", NULL }, -1);
  assert_same (article);
}

static void
test_long_text_goes_out_in_chunks (G_GNUC_UNUSED void **state)
{
  /* 1 MB of text with something to escape at and around every chunk boundary. */
  GString *body = g_string_new (NULL);
  while (body->len < 1024 * 1024)
    g_string_append (body, "Ein Absatz mit \"Anführung\" und\ttab, ");
  g_autoptr (NfArticle) article = harness_article ("Long", body->str, NULL, NULL);
  g_string_free (body, TRUE);
  const char *text = nf_article_get_text (article);
  for (gsize start = 0; start + 40 < strlen (text); start += 997)
    nf_annotation_set_attr_string (nf_article_add_annotation (article, "entity", start, start + 40),
                                   "label", "X");
  assert_same (article);
}

static void
test_samples_after_every_extractor (G_GNUC_UNUSED void **state)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"stats\" { } extract \"language\" { } extract \"entities\" { } "
                                  "extract \"quotes\" { } extract \"keywords\" { } extract \"summary\" { } "
                                  "extract \"dates\" { }", &error);
  assert_non_null (harness);
  g_autofree char *dir = test_samples_dir ();
  g_autoptr (GDir) samples = g_dir_open (dir, 0, &error);
  assert_non_null (samples);
  guint n = 0;
  const char *name;
  while ((name = g_dir_read_name (samples)))
    {
      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      /* The headline, then the body (some samples have no blank line after it). */
      char *body = strchr (contents, '\n');
      assert_non_null (body);
      *body++ = '\0';
      g_autoptr (NfArticle) article = harness_article (contents, body, "2026-11-27", NULL);
      assert_true (harness_process (harness, article, &error));
      assert_true (nf_article_get_n_annotations (article) > 0);
      assert_same (article);
      n++;
    }
  assert_true (n >= 10);
  harness_free (harness);
}

static void
write_double_field (double value, const char *expected)
{
  g_autoptr (GVariant) variant = g_variant_ref_sink (g_variant_new_double (value));
  g_autoptr (GString) out = g_string_new (NULL);
  nf_variant_append_json (variant, FALSE, out);
  assert_string_equal (out->str, expected);
}

static void
test_json_where_json_glib_1_6_is_not (G_GNUC_UNUSED void **state)
{
  /* json-glib 1.6 prints U+001F raw and "1e+20.0"; 1.10 escapes and leaves the exponent
   * alone, as the writer does.  Non-finite doubles are JSON's null. */
  g_autoptr (NfArticle) article = harness_article ("unit\x1fseparator", "x", NULL, NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  nf_article_append_json (article, FALSE, out);
  assert_contains (out->str, "\"title\":\"unit\\u001fseparator\"");
  write_double_field (1e20, "1e+20");
  write_double_field (-2.5e-300, "-2.5e-300");
  write_double_field (1e-7, "9.9999999999999995e-08");
  write_double_field (3.0, "3.0");
  write_double_field (NAN, "null");
  write_double_field (INFINITY, "null");
  write_double_field (-INFINITY, "null");
  /* And the result parses back. */
  g_autoptr (JsonParser) parser = json_parser_new ();
  assert_true (json_parser_load_from_data (parser, out->str, -1, NULL));
}

static gboolean
fail_second_chunk (gpointer user_data, const void *data, gsize length, GError **error)
{
  guint *calls = user_data;
  (void) data;
  (void) length;
  if (++*calls == 2)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_IO, "disk full");
      return FALSE;
    }
  return TRUE;
}

static void
test_write_error_stops_the_writer (G_GNUC_UNUSED void **state)
{
  GString *body = g_string_new (NULL);
  while (body->len < 512 * 1024)
    g_string_append (body, "word ");
  g_autoptr (NfArticle) article = harness_article ("Long", body->str, NULL, NULL);
  g_string_free (body, TRUE);
  guint calls = 0;
  g_autoptr (GError) error = NULL;
  assert_false (nf_article_write_json (article, FALSE, fail_second_chunk, &calls, &error));
  assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_IO));
  assert_int_equal (calls, 2); /* nothing is written after the failure */
}

static void
test_many_distinct_attribute_names (G_GNUC_UNUSED void **state)
{
  /* Past the bound of shared names (4096) names are copied per attribute: still right, and
   * freed with the article (the sanitizer build checks for leaks). */
  g_autoptr (NfArticle) article = harness_article ("Names", "Some text here.", NULL, NULL);
  for (guint i = 0; i < 5000; i++)
    {
      NfAnnotation *annotation = nf_article_add_annotation (article, "token", 0, 4);
      g_autofree char *key = g_strdup_printf ("writer-test-key-%u", i);
      nf_annotation_set_attr (annotation, key, g_variant_new_uint32 (i));
      nf_annotation_set_attr (annotation, "label", g_variant_new_string ("X"));
      nf_annotation_set_attr (annotation, key, g_variant_new_uint32 (i + 1)); /* replaced */
    }
  NfAnnotation *last = nf_article_get_annotation (article, 4999);
  const char *key;
  GVariant *value = nf_annotation_get_nth_attr (last, 0, &key);
  assert_string_equal (key, "writer-test-key-4999");
  assert_int_equal (g_variant_get_uint32 (value), 5000);
  assert_int_equal (nf_annotation_get_n_attrs (last), 2);
  assert_same (article);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_tricky_article_is_byte_identical),
    cmocka_unit_test (test_bare_article_is_byte_identical),
    cmocka_unit_test (test_long_text_goes_out_in_chunks),
    cmocka_unit_test (test_samples_after_every_extractor),
    cmocka_unit_test (test_json_where_json_glib_1_6_is_not),
    cmocka_unit_test (test_write_error_stops_the_writer),
    cmocka_unit_test (test_many_distinct_attribute_names),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
