/* test-wire.c: the wire form articles travel in between newsflow processes (newsflow/wire.h)
 * gives back the same article: every property, each field with its own GVariant type,
 * paragraphs, annotations; malformed bytes are refused with a message. */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include <newsflow/error.h>
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


/* ---- the direct encoder gives GLib's bytes ---- */

/* The wire form as GLib serialises the tree nf_article_to_variant builds: what
 * nf_article_to_wire wrote before it wrote the bytes itself. */
static GBytes *
tree_wire (NfArticle *article, gboolean with_body)
{
  g_autoptr (GVariant) variant = nf_article_to_variant (article, with_body);
  return g_variant_get_data_as_bytes (variant);
}

/* A value of every kind a field or an attribute can hold: each basic type, strings with
 * quotes and multi-byte characters, empty and nested containers, maybes, variants. */
static const char *const every_value[] = {
  "true", "false", "byte 0x7f", "int16 -3", "uint16 65535", "int32 -70000", "uint32 4000000000",
  "int64 -9000000000", "uint64 18000000000000000000", "handle 3", "1.5", "-0.0",
  "''", "'plain'", "\"it's \\\"quoted\\\"\"", "'Grüße – ✓'", "objectpath '/a/b'", "signature 'a{sv}'",
  "<'boxed'>", "<<int64 5>>", "@as []", "['a', '', 'ccc']", "@ay []", "b'bytes'",
  "@a{sv} {}", "{'k': <'v'>, 'n': <uint32 5>}", "[('grain', 0.5), ('port', 0.25)]",
  "@a(sd) []", "(1, 'two', 3.0)", "@ms nothing", "@ms 'just'", "@mi 4",
  "[{'name': <'Kyiv'>, 'label': <'GPE'>, 'mentions': <int64 3>}]", "{'a': 1, 'b': 2}",
  "[[1, 2], @ai [], [3]]", "(@as [], @a{sv} {}, [<1>, <'x'>])", "[byte 1, 2, 3]",
};

static NfArticle *
article_of_every_value (guint n_paragraphs, guint annotations_per_paragraph)
{
  NfArticle *article = rich_article ();
  g_autoptr (GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_paragraphs; i++)
    g_ptr_array_add (paragraphs, g_strdup_printf ("Paragraph %u says “%s” in Kyiv.", i, i % 3 ? "yes" : "no"));
  g_ptr_array_add (paragraphs, NULL);
  nf_article_set_paragraphs (article, (const char *const *) paragraphs->pdata, -1);
  for (guint v = 0; v < G_N_ELEMENTS (every_value); v++)
    {
      g_autofree char *name = g_strdup_printf ("field_%u", v);
      nf_article_set_field (article, name, g_variant_new_parsed (every_value[v]));
    }
  for (guint i = 0; i < n_paragraphs; i++)
    {
      gsize start, end;
      nf_article_get_paragraph_span (article, i, &start, &end);
      for (guint k = 0; k < annotations_per_paragraph; k++)
        {
          NfAnnotation *annotation = nf_article_add_annotation (article, k % 2 ? "entity" : "sentence",
                                                                start + k % (end - start), end);
          /* a different mix of attributes each, up to all of them, and sometimes none */
          guint n_attrs = (i + k) % 7 == 0 ? 0 : (i * 7 + k) % G_N_ELEMENTS (every_value) + 1;
          for (guint a = 0; a < n_attrs; a++)
            {
              g_autofree char *key = g_strdup_printf ("attr_%u", a);
              nf_annotation_set_attr (annotation, key,
                                      g_variant_new_parsed (every_value[(a + i + k) % G_N_ELEMENTS (every_value)]));
            }
        }
    }
  return article;
}

static void
assert_bytes_equal (GBytes *a, GBytes *b)
{
  assert_int_equal (g_bytes_get_size (a), g_bytes_get_size (b));
  assert_memory_equal (g_bytes_get_data (a, NULL), g_bytes_get_data (b, NULL), g_bytes_get_size (a));
}

/* Encoded, decoded and encoded again: the same bytes, and the same JSON form. */
static void
assert_round_trip (NfArticle *article, GBytes *wire)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfArticle) back = nf_article_new_from_wire (wire, &error);
  assert_null (error);
  assert_non_null (back);
  g_autoptr (GBytes) again = nf_article_to_wire (back, TRUE);
  assert_bytes_equal (wire, again);
  if (nf_article_has_text (article))
    {
      g_autoptr (JsonNode) a = nf_article_to_json (article);
      g_autoptr (JsonNode) b = nf_article_to_json (back);
      g_autofree char *ja = json_to_string (a, FALSE), *jb = json_to_string (b, FALSE);
      assert_string_equal (ja, jb);
    }
}

/* Sizes chosen so that the framing offsets of the containers (the whole, the annotations,
 * the paragraphs) take one, two and four bytes. */
static void
test_direct_bytes_equal_tree (G_GNUC_UNUSED void **state)
{
  static const guint shapes[][2] = {
    { 0, 0 }, { 1, 0 }, { 1, 1 }, { 2, 3 }, { 5, 8 }, { 40, 10 }, { 300, 12 }, { 2500, 6 },
  };
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr (NfArticle) article = article_of_every_value (shapes[s][0], shapes[s][1]);
      for (int with_body = 0; with_body <= 1; with_body++)
        {
          g_autoptr (GBytes) direct = nf_article_to_wire (article, with_body);
          g_autoptr (GBytes) tree = tree_wire (article, with_body);
          assert_bytes_equal (direct, tree);
          if (with_body)
            assert_round_trip (article, direct);
        }
    }
}

/* The small shapes: no properties but the source, no body; an empty body; strings whose
 * entry ends right at an offset width's limit. */
static void
test_direct_small_articles (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) bare = nf_article_new ("s");
  g_autoptr (GBytes) a = nf_article_to_wire (bare, TRUE), b = tree_wire (bare, TRUE);
  assert_bytes_equal (a, b);

  g_autoptr (NfArticle) empty = nf_article_new ("s");
  nf_article_set_paragraphs (empty, NULL, 0);
  g_autoptr (GBytes) c = nf_article_to_wire (empty, TRUE), d = tree_wire (empty, TRUE);
  assert_bytes_equal (c, d);
  assert_round_trip (empty, c);

  for (gsize length = 200; length < 300; length++)
    {
      g_autoptr (NfArticle) article = nf_article_new ("s");
      g_autofree char *title = g_strnfill (length, 'x');
      nf_article_set_title (article, title);
      const char *paragraph[] = { title + 100, NULL };
      nf_article_set_paragraphs (article, paragraph, -1);
      NfAnnotation *annotation = nf_article_add_annotation (article, "entity", 0, 1);
      nf_annotation_set_attr_string (annotation, "text", title + length / 2);
      g_autoptr (GBytes) direct = nf_article_to_wire (article, TRUE), tree = tree_wire (article, TRUE);
      assert_bytes_equal (direct, tree);
      assert_round_trip (article, direct);
    }
}

/* ---- the text form read directly gives what GLib's parser gives ---- */

/* What fetch "nats" did before nf_article_new_from_text: GLib's parser, then the variant. */
static NfArticle *
reference_from_text (const char *text, GError **error)
{
  g_autoptr (GVariant) variant = g_variant_parse (NF_ARTICLE_WIRE_TYPE, text, NULL, NULL, error);
  return variant ? nf_article_new_from_variant (variant, error) : NULL;
}

/* Both read @text alike: both refuse it, or both give articles with the same wire form. */
static void
assert_text_read_alike (const char *text)
{
  g_autoptr (GError) error = NULL, reference_error = NULL;
  g_autoptr (NfArticle) direct = nf_article_new_from_text (text, &error);
  g_autoptr (NfArticle) reference = reference_from_text (text, &reference_error);
  if (reference == NULL)
    {
      if (direct != NULL)
        fail_msg ("read, but GLib refuses it: %s", text);
      assert_non_null (error);
      /* GLib's parser fails on bytes that are not UTF-8 without saying why */
      if (reference_error)
        assert_string_equal (error->message, reference_error->message);
      return;
    }
  if (direct == NULL)
    fail_msg ("refused (%s), but GLib reads it: %s", error->message, text);
  g_autoptr (GBytes) a = nf_article_to_wire (direct, TRUE), b = nf_article_to_wire (reference, TRUE);
  assert_bytes_equal (a, b);
}

static const char *const tricky_strings[] = {
  "plain", "", "it's", "say \"hi\"", "both ' and \"", "back\\slash", "line\nbreak\ttab", "bell\a\x01",
  "Grüße – ✓", "zero\xe2\x80\x8bwidth", "emoji \xf0\x9f\x98\x80", "\\u0041 written out", "a\\\\'b",
};

static void
test_text_form_read_alike (G_GNUC_UNUSED void **state)
{
  for (guint i = 0; i < G_N_ELEMENTS (tricky_strings) * 4; i++)
    {
      const char *s = tricky_strings[i % G_N_ELEMENTS (tricky_strings)];
      g_autoptr (NfArticle) article = nf_article_new (s[0] ? s : "src");
      if (i % 2)
        nf_article_set_id (article, s);
      if (i % 3)
        nf_article_set_content_type (article, "text/plain");
      if (i % 4 == 1)
        nf_article_set_title (article, s);
      for (guint a = 0; a < i % 4; a++)
        nf_article_add_author (article, tricky_strings[(i + a) % G_N_ELEMENTS (tricky_strings)]);
      if (i % 5 == 2)
        {
          g_autoptr (GDateTime) date = g_date_time_new_from_iso8601 (i % 2 ? "2026-11-27T10:30:00.25+01:00"
                                                                           : "2026-01-02T03:04:05Z", NULL);
          nf_article_set_published (article, date);
        }
      if (i % 6 == 3)
        nf_article_set_language (article, "en");
      nf_article_set_field_string (article, "url", s);
      if (i % 2)
        nf_article_set_field_int (article, "http_status", i % 4 == 1 ? G_MININT64 : (gint64) i * 1000003);
      if (i % 3 == 0)
        nf_article_set_field_bool (article, "ok", i % 2);
      if (i % 4 == 2)
        {
          const char *tags[] = { s, "x", NULL };
          nf_article_set_field_strv (article, "tags", tags, i % 8 == 2 ? 0 : -1);
        }
      /* types read by GLib's parser only */
      if (i % 7 == 5)
        nf_article_set_field_double (article, "score", 0.5);
      if (i % 11 == 4)
        nf_article_set_field (article, "headers", g_variant_new_parsed ("{'a': 'b'}"));
      if (i % 13 == 6)
        nf_article_set_field (article, "n", g_variant_new_uint32 (5));
      g_autoptr (GVariant) meta = nf_article_to_variant (article, FALSE);
      g_autofree char *text = g_variant_print (meta, TRUE);
      assert_text_read_alike (text);
    }

  /* Texts format "nats" does not write, refused or read by GLib's rules. */
  static const char *const texts[] = {
    "{'source': <'s'>}", "{'source': <'s'>", "{'source': <'s'>} x", "{'id': <'x'>}", "{}", "",
    "{'source': <'s'>, 'published': <'not a date'>}", "{'source': <'s'>, 'source': <'t'>}",
    "{'source': <'s'>, 'fields': <{'title': <'x'>}>}", "{'source': <'s'>, 'fields': <{'a': <'x'>, 'a': <'y'>}>}",
    "{'source': <'s'>, 'title': <5>}", "{'source': <'a\\u0041'>}", "{'source': <'a\\U0001F600'>}",
    "{'source': <'s'>, 'fields': <{'n': <int64 007>}>}", "{'source': <'s'>, 'fields': <{'n': <int64 0x10>}>}",
    "{'source': <'s'>, 'fields': <{'n': <int64 9223372036854775807>}>}",
    "{'source': <'s'>, 'fields': <{'n': <int64 9223372036854775808>}>}",
    "{'source': <'s'>, 'fields': <{'n': <int64 -9223372036854775808>}>}",
    "{'source': <'s'>, 'fields': <{'n': <int64 -9223372036854775809>}>}",
    "{ 'source' : <'s'> }", "{'source': <\"d'q\">}", "{'source': <'x\\'y'>}", "{'source': <'x\\qy'>}",
    "{'source': <'x\\\ny'>}", "{'source': <'s\\", "{'source': <'s'>, 'authors': <['a', 'b']>}",
    "{'source': <'s'>, 'authors': <@as []>}", "{'source': <'s'>, 'authors': <[]>}",
    "{'source': <'s'>, 'authors': <['a',]>}", "{'source': <'s'>, 'other': <'x'>}",
    "{'source': <'s'>, 'fields': <@a{sv} {}>}", "{'source': <'s'>, 'fields': <{}>}",
    "{'source': <'s'>, 'fields': <{'b': <true>, 'c': <false>, 'l': <['x']>, 'e': <@as []>}>}",
    "{'source': <'s'>, 'paragraphs': <['p']>}", "{'source': <'s'>, 'language': <'en'>, }",
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_text_read_alike (texts[i]);

  /* Bytes that are not UTF-8: an error, where GLib's parser gave a critical warning and none. */
  g_autoptr (GError) error = NULL;
  assert_null (nf_article_new_from_text ("{'source': <'\xff'>}", &error));
  assert_non_null (strstr (error->message, "not UTF-8"));
}

/* ---- the wire form read directly gives what GLib gives ---- */

/* What nf_article_new_from_wire did before it read the bytes itself. */
static NfArticle *
reference_from_wire (GBytes *bytes, GError **error)
{
  g_autoptr (GVariant) variant = g_variant_ref_sink (g_variant_new_from_bytes (NF_ARTICLE_WIRE_TYPE, bytes, FALSE));
  if (!g_variant_is_normal_form (variant))
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "article wire form: not a well-formed serialised dictionary");
      return NULL;
    }
  return nf_article_new_from_variant (variant, error);
}

/* Both refuse @bytes with the same message, or both give articles with the same wire form. */
static void
assert_wire_read_alike (GBytes *bytes)
{
  g_autoptr (GError) error = NULL, reference_error = NULL;
  g_autoptr (NfArticle) direct = nf_article_new_from_wire (bytes, &error);
  g_autoptr (NfArticle) reference = reference_from_wire (bytes, &reference_error);
  if (reference == NULL)
    {
      assert_null (direct);
      assert_string_equal (error->message, reference_error->message);
      return;
    }
  assert_non_null (direct);
  g_autoptr (GBytes) a = nf_article_to_wire (direct, TRUE), b = nf_article_to_wire (reference, TRUE);
  assert_bytes_equal (a, b);
}

/* Wire forms of every shape, then the same with bytes changed, cut or added at random: a
 * reader of untrusted bytes must refuse exactly what GLib refuses. */
static void
test_wire_read_alike (G_GNUC_UNUSED void **state)
{
  static const guint shapes[][2] = { { 0, 0 }, { 1, 1 }, { 3, 4 }, { 12, 5 }, { 80, 3 } };
  g_autoptr (GRand) rand = g_rand_new_with_seed (13);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr (NfArticle) article = article_of_every_value (shapes[s][0], shapes[s][1]);
      for (int with_body = 0; with_body <= 1; with_body++)
        {
          g_autoptr (GBytes) wire = nf_article_to_wire (article, with_body);
          assert_wire_read_alike (wire);
          gsize size;
          const guint8 *data = g_bytes_get_data (wire, &size);
          for (guint trial = 0; trial < 300; trial++)
            {
              g_autofree guint8 *copy = g_malloc0 (size + 1); /* room for one more, zero */
              memcpy (copy, data, size);
              gsize length = size;
              switch (trial % 4)
                {
                case 0: /* one byte anything */
                  copy[g_rand_int_range (rand, 0, (gint32) size)] = (guint8) g_rand_int (rand);
                  break;
                case 1: /* a byte of the framing at the end */
                  copy[size - 1 - g_rand_int_range (rand, 0, (gint32) MIN (size, 16))] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
                  break;
                case 2: /* a bit anywhere */
                  copy[g_rand_int_range (rand, 0, (gint32) size)] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
                  break;
                default: /* cut short, or one byte more */
                  length = trial % 8 == 3 ? (gsize) g_rand_int_range (rand, 0, (gint32) size) : size + 1;
                  break;
                }
              g_autoptr (GBytes) changed = g_bytes_new (copy, length);
              assert_wire_read_alike (changed);
            }
        }
    }

  /* Normal forms the writer does not make: read by GLib's rules. */
  static const char *const texts[] = {
    "{'source': <'s'>, 'source': <'t'>}", "{'source': <'s'>, 'other': <5>}", "{'id': <'x'>}",
    "{'source': <'s'>, 'title': <5>}", "{'source': <'s'>, 'published': <'soon'>}",
    "{'source': <'s'>, 'fields': <{'title': <'x'>}>}", "{'source': <'s'>, 'fields': <{'a': <1>, 'a': <'two'>}>}",
    "{'source': <'s'>, 'paragraphs': <['abc']>, 'annotations': <[('e', uint64 1, uint64 9, @a{sv} {})]>}",
    "{'source': <'s'>, 'paragraphs': <['abc']>, 'annotations': <[('e', uint64 2, uint64 1, @a{sv} {})]>}",
    "{'source': <'s'>, 'paragraphs': <['abc']>, 'annotations': <[('e', uint64 0, uint64 3, {'k': <'v'>, 'k': <2>})]>}",
    "{'source': <'s'>, 'paragraphs': <@as []>, 'annotations': <@a(stta{sv}) []>}", "@a{sv} {}",
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GVariant) variant = g_variant_ref_sink (g_variant_new_parsed (texts[i]));
      g_autoptr (GBytes) bytes = g_variant_get_data_as_bytes (variant);
      assert_wire_read_alike (bytes);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_round_trip_is_exact),
    cmocka_unit_test (test_metadata_only_and_text_form),
    cmocka_unit_test (test_malformed_is_refused),
    cmocka_unit_test (test_direct_bytes_equal_tree),
    cmocka_unit_test (test_direct_small_articles),
    cmocka_unit_test (test_text_form_read_alike),
    cmocka_unit_test (test_wire_read_alike),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
