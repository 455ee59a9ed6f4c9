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

/* Attribute strings the annotations share (set by either setter, kept without a GVariant
 * until a getter asks) and int64 attributes kept in the pointer: written, escapes and all,
 * before any getter made a GVariant of them and again after, the same as the generator's. */
static void
test_shared_attribute_values (G_GNUC_UNUSED void **state)
{
  g_autofree char *nasty = nasty_text ();
  g_autoptr (NfArticle) article = harness_article ("Shared", "Iryna Savchuk said so, twice.", NULL, NULL);
  const char *values[] = { "PERSON", "said", "", "tab\t quote\" back\\slash \x01 é 😀", nasty };
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      {
        NfAnnotation *a = nf_article_add_annotation (article, "entity", 0, 13);
        if (round == 1)
          nf_annotation_set_attr (a, "label", g_variant_new_string (g_utf8_validate (values[i], -1, NULL)
                                                                    ? values[i] : "valid"));
        else
          nf_annotation_set_attr_string (a, "label", values[i]);
        nf_annotation_set_attr_int64 (a, "at", (gint64) (round * 1000 + i) - 2000);
        nf_annotation_set_attr_string (a, "cue", values[(i + round) % G_N_ELEMENTS (values)]);
      }
  g_autofree char *before = streamed (article, FALSE);
  g_autofree char *before_pretty = streamed (article, TRUE);
  g_autofree char *expected = generated (article, FALSE);
  g_autofree char *expected_pretty = generated (article, TRUE);
  assert_string_equal (before, expected);
  assert_string_equal (before_pretty, expected_pretty);
  assert_same (article);
}

static void
test_dense_escapes_in_a_long_string (G_GNUC_UNUSED void **state)
{
  /* The writer makes room for a piece of a string once and again only when escapes (up to 6
   * bytes for 1) would overflow it, and writes out a chunk when the buffer is full, also in
   * the middle of a run of escapes: 300 KB of control bytes, quotes and plain runs of every
   * length from 0 to 20, streamed (each write a chunk at most) and appended whole. */
  GString *author = g_string_new (NULL);
  for (guint i = 0; author->len < 300 * 1024; i++)
    {
      for (guint k = 0; k < i % 21; k++)
        g_string_append_c (author, (char) ('a' + k));
      for (guint k = 0; k <= i % 37; k++)
        g_string_append_c (author, k % 5 == 4 ? '"' : (char) (1 + (i + k) % 30)); /* not U+001F: json-glib 1.6 copies it */
    }
  g_autoptr (NfArticle) article = harness_article ("Escapes", "Short text.", NULL, NULL);
  nf_article_add_author (article, author->str);
  g_string_free (author, TRUE);
  assert_same (article);
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *expected = generated (article, pretty);
      GString *appended = g_string_new ("prefix ");
      nf_article_append_json (article, pretty, appended);
      assert_int_equal (appended->len, strlen (appended->str));
      assert_string_equal (appended->str + 7, expected);
      g_string_free (appended, TRUE);
    }
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
test_escapes_at_every_alignment (G_GNUC_UNUSED void **state)
{
  /* The writer scans strings 8 bytes at a time: every byte it escapes, and bytes it must
   * not (space, '~', UTF-8's high bytes, bytes that are not UTF-8), at every offset of
   * strings of every length around a word, as annotation texts (raw bytes) and authors. */
  static const char specials[] = { '"', '\\', '\x01', '\n', '\t', '\x1e', '\x7f', ' ', '~', '!',
                                   '\x80', '\xc3', '\xa9', '\xff', '/', 'A' };
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    {
      g_string_append (text, "plain words é ");
      for (guint k = 0; k <= i % 9; k++)
        g_string_append_c (text, 'x');
      g_string_append_c (text, specials[i]);
      g_string_append (text, "\xc3\xa9 more \"\" text\x7f\x7f");
    }
  g_autoptr (NfArticle) article = harness_article ("Escapes", text->str, NULL, NULL);
  const char *stored = nf_article_get_text (article);
  gsize length = strlen (stored);
  for (gsize start = 0; start < length; start++)
    for (gsize n = 0; n <= 19 && start + n <= length; n += 1 + start % 3)
      nf_article_add_annotation (article, "span", start, start + n);
  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    if ((guchar) specials[i] < 0x80)
      for (guint position = 0; position < 18; position++)
        {
          char author[20];
          memset (author, 'a', sizeof author);
          author[position] = specials[i];
          author[position + 1] = '\0';
          nf_article_add_author (article, author);
        }
  g_string_free (text, TRUE);
  assert_same (article);
}

/* ---- random GVariant values: the writer reads serialised bytes itself; GLib's accessors,
 * through nf_variant_to_json and json-glib's generator, say what they hold ---- */

/* A random definite type, with @depth levels of containers at most.  No doubles when
 * @doubles is FALSE. */
static void
test_every_byte_at_every_offset (G_GNUC_UNUSED void **state)
{
  /* The writer finds escapes 16 bytes (SSE2) or 8 bytes at a time and takes the first one's
   * position from a bit mask: every byte but NUL (and the paragraph break), including those
   * whose low 7 bits are an escaped byte's (0x9f, 0xa2, 0xdc, 0xff), at every offset of
   * strings of every length to 40, as annotation texts (raw bytes).  U+001F, which json-glib
   * 1.6 copies raw, is taken as escaped. */
  GString *text = g_string_new (NULL);
  for (guint round = 0; round < 3; round++)
    for (guint c = 1; c < 256; c++)
      {
        guint byte = round == 1 ? 256 - c : c;
        if (byte != '\n')
          g_string_append_c (text, (char) byte);
        if (round == 2 && c % 7 == 0)
          g_string_append (text, "plain run");
      }
  g_autoptr (NfArticle) article = harness_article ("Bytes", text->str, NULL, NULL);
  g_string_free (text, TRUE);
  gsize length = strlen (nf_article_get_text (article));
  for (gsize start = 0; start < length; start++)
    for (gsize n = 0; n <= 40 && start + n <= length; n++)
      nf_article_add_annotation (article, "span", start, start + n);
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *generator = generated (article, pretty);
      g_auto (GStrv) parts = g_strsplit (generator, "\x1f", -1);
      g_autofree char *expected = g_strjoinv ("\\u001f", parts);
      g_autofree char *actual = streamed (article, pretty);
      assert_string_equal (expected, actual);
    }
}

static void
random_type (GRand *rand, GString *type, guint depth, gboolean doubles)
{
  static const char basic[] = "bynqiuxthsogd";
  switch (depth == 0 ? 0 : g_rand_int_range (rand, 0, 9))
    {
    case 0: case 1: case 2:
      g_string_append_c (type, basic[g_rand_int_range (rand, 0, strlen (basic) - (doubles ? 0 : 1))]);
      return;
    case 3:
      g_string_append_c (type, 'a');
      random_type (rand, type, depth - 1, doubles);
      return;
    case 4:
      g_string_append_c (type, 'm');
      random_type (rand, type, depth - 1, doubles);
      return;
    case 5:
      {
        g_string_append_c (type, '(');
        gint n = g_rand_int_range (rand, 0, 4);
        for (gint i = 0; i < n; i++)
          random_type (rand, type, depth - 1, doubles);
        g_string_append_c (type, ')');
        return;
      }
    case 6: case 7:
      /* Mostly a{s*}, the dictionaries written as objects. */
      g_string_append (type, g_rand_boolean (rand) ? "a{s" : g_rand_boolean (rand) ? "a{y" : "a{o");
      random_type (rand, type, depth - 1, doubles);
      g_string_append_c (type, '}');
      return;
    default:
      g_string_append_c (type, 'v');
      return;
    }
}

static GVariant *random_value (GRand *rand, const char **type, guint depth, gboolean doubles);

static GVariant *
random_basic (GRand *rand, char code)
{
  static const char *const strings[] = { "", "a", "b", "c", "key", "q\"uote", "back\\slash",
                                         "line\nbreak", "ctl\x01\x1e", "del\x7f", "é€😀",
                                         "a somewhat longer string with words in it" };
  static const gint64 ints[] = { 0, 1, -1, 7, 255, 256, -32768, 65535, G_MININT32, G_MAXUINT32,
                                 G_MININT64, G_MAXINT64, 1000000007, -999999999999 };
  gint64 number = ints[g_rand_int_range (rand, 0, G_N_ELEMENTS (ints))];
  if (g_rand_boolean (rand))
    number = (gint64) g_rand_int (rand) - G_MAXINT32;
  switch (code)
    {
    case 'b': return g_variant_new_boolean (g_rand_boolean (rand));
    case 'y': return g_variant_new_byte ((guchar) number);
    case 'n': return g_variant_new_int16 ((gint16) number);
    case 'q': return g_variant_new_uint16 ((guint16) number);
    case 'i': return g_variant_new_int32 ((gint32) number);
    case 'u': return g_variant_new_uint32 ((guint32) number);
    case 'x': return g_variant_new_int64 (number);
    case 't': return g_variant_new_uint64 ((guint64) number);
    case 'h': return g_variant_new_handle ((gint32) number);
    case 'd': return g_variant_new_double (g_rand_int_range (rand, -8000000, 8000000) / 8.0);
    case 's': return g_variant_new_string (strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
    case 'o': return g_variant_new_object_path (g_rand_boolean (rand) ? "/" : "/org/example/x_1");
    default:  return g_variant_new_signature (g_rand_boolean (rand) ? "" : "a{sv}(iu)");
    }
}

/* A random value of the type at *@type, which it steps past. */
static GVariant *
random_value (GRand *rand, const char **type, guint depth, gboolean doubles)
{
  const char *start = *type;
  switch (*start)
    {
    case 'a':
      {
        *type = start + 1;
        const char *element = *type;
        g_autoptr (GVariantType) array_type = NULL;
        GVariantBuilder builder;
        /* Sometimes more entries than the writer compares pairwise, so that its hash table
         * finds the repeated names. */
        gint n = g_rand_int_range (rand, 0, 6) == 0 ? g_rand_int_range (rand, 14, 30) : g_rand_int_range (rand, 0, 5);
        for (gint i = 0; i < n; i++)
          {
            *type = element;
            GVariant *item = random_value (rand, type, depth, doubles);
            if (i == 0)
              {
                array_type = g_variant_type_new_array (g_variant_get_type (item));
                g_variant_builder_init (&builder, array_type);
              }
            g_variant_builder_add_value (&builder, item);
          }
        if (n == 0)
          {
            /* Step past the element type, building nothing. */
            g_autoptr (GVariant) skipped = random_value (rand, type, depth, doubles);
            g_variant_ref_sink (skipped);
            array_type = g_variant_type_new_array (g_variant_get_type (skipped));
            return g_variant_new_array (g_variant_type_element (array_type), NULL, 0);
          }
        return g_variant_builder_end (&builder);
      }
    case 'm':
      {
        *type = start + 1;
        GVariant *child = g_variant_ref_sink (random_value (rand, type, depth, doubles));
        GVariant *maybe = g_variant_new_maybe (g_variant_get_type (child), g_rand_boolean (rand) ? child : NULL);
        g_variant_unref (child);
        return maybe;
      }
    case '(': case '{':
      {
        *type = start + 1;
        GPtrArray *members = g_ptr_array_new ();
        while (**type != ')' && **type != '}')
          g_ptr_array_add (members, random_value (rand, type, depth, doubles));
        GVariant *tuple = *start == '(' ? g_variant_new_tuple ((GVariant **) members->pdata, members->len)
                                        : g_variant_new_dict_entry (members->pdata[0], members->pdata[1]);
        (*type)++;
        g_ptr_array_free (members, TRUE);
        return tuple;
      }
    case 'v':
      {
        *type = start + 1;
        g_autoptr (GString) inner = g_string_new (NULL);
        random_type (rand, inner, depth > 0 ? depth - 1 : 0, doubles);
        const char *p = inner->str;
        return g_variant_new_variant (random_value (rand, &p, depth > 0 ? depth - 1 : 0, doubles));
      }
    default:
      *type = start + 1;
      return random_basic (rand, *start);
    }
}

/* What json-glib's generator prints for nf_variant_to_json (@value), with json-glib 1.6's
 * raw U+001F escaped as the writer (and json-glib 1.10) has it. */
static char *
generated_variant (GVariant *value, gboolean pretty)
{
  g_autoptr (JsonNode) node = nf_variant_to_json (value);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  g_autofree char *text = json_generator_to_data (generator, NULL);
  g_auto (GStrv) parts = g_strsplit (text, "\x1f", -1);
  return g_strjoinv ("\\u001f", parts);
}

static void
assert_variant_same (GVariant *value, const char *what)
{
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *expected = generated_variant (value, pretty);
      g_autoptr (GString) actual = g_string_new (NULL);
      nf_variant_append_json (value, pretty, actual);
      if (strcmp (expected, actual->str) != 0)
        fail_msg ("%s value of type %s (pretty %d):\n  generator: %s\n  writer:    %s", what,
                  g_variant_get_type_string (value), pretty, expected, actual->str);
    }
}

static void
test_random_variants_read_as_glib_reads_them (G_GNUC_UNUSED void **state)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261206);
  for (guint round = 0; round < 3000; round++)
    {
      gboolean doubles = round % 2 == 0;
      g_autoptr (GString) type = g_string_new (NULL);
      random_type (rand, type, 1 + round % 4, doubles);
      const char *p = type->str;
      g_autoptr (GVariant) value = g_variant_ref_sink (random_value (rand, &p, 1 + round % 4, doubles));
      assert_string_equal (g_variant_get_type_string (value), type->str);
      /* Built by GLib (trusted), then its serialised bytes as they would come from outside
       * (untrusted, checked for normal form by the writer). */
      assert_variant_same (value, "a built");
      g_autoptr (GBytes) bytes = g_variant_get_data_as_bytes (value);
      g_autoptr (GVariant) outside = g_variant_ref_sink (g_variant_new_from_bytes (g_variant_get_type (value), bytes, FALSE));
      assert_true (g_variant_is_normal_form (outside));
      assert_variant_same (outside, "an untrusted");
      /* The same bytes damaged: GLib reads what is not normal form its own way (defaults
       * for what does not fit), which the writer must follow.  Without doubles, whose
       * random bits json-glib 1.6 prints as no JSON. */
      gsize size = g_bytes_get_size (bytes);
      if (doubles || size == 0)
        continue;
      g_autofree guchar *damaged = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
      for (guint k = 0; k < 1 + size / 16; k++)
        damaged[g_rand_int_range (rand, 0, size)] = (guchar) g_rand_int_range (rand, 0, 256);
      g_autoptr (GVariant) broken = g_variant_ref_sink (g_variant_new_from_data (g_variant_get_type (value), damaged, size,
                                                                                 FALSE, NULL, NULL));
      assert_variant_same (broken, "a damaged");
    }
}

/* The writer's text for the double @value against what g_ascii_dtostr ("%.17g") prints. */
static void
assert_double_as_printf (double value)
{
  char expected[G_ASCII_DTOSTR_BUF_SIZE + 8] = "null";
  if (isfinite (value))
    {
      g_ascii_dtostr (expected, G_ASCII_DTOSTR_BUF_SIZE, value);
      if (strpbrk (expected, ".eE") == NULL)
        strcat (expected, ".0");
    }
  g_autoptr (GVariant) variant = g_variant_ref_sink (g_variant_new_double (value));
  g_autoptr (GString) out = g_string_new (NULL);
  nf_variant_append_json (variant, FALSE, out);
  if (strcmp (out->str, expected) != 0)
    fail_msg ("double %a: printf %s, writer %s", value, expected, out->str);
}

static void
test_doubles_as_printf_prints_them (G_GNUC_UNUSED void **state)
{
  /* The writer prints most doubles without printf: its digits must be printf's, rounding
   * (half to even) included, at the edges of its range and of every power of ten. */
  static const double fixed[] = { 0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 3.0, 81.070030076108623,
                                  46.266170381561871, 1e-4, 9.9999999999999991e-5, 1e-5, 1e16, 1e17,
                                  99999999999999984.0, 1e-7, 1e20, 2.5e-300, 1.7976931348623157e308,
                                  4.9406564584124654e-324, 1000000000000000.25, 1000000000000000.75,
                                  100000000000000.125, 0.30000000000000004, 123456789.125 };
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      assert_double_as_printf (fixed[i]);
      assert_double_as_printf (-fixed[i]);
    }
  for (int e = -6; e <= 18; e++)
    {
      double power = pow (10, e);
      double below = power, above = power;
      for (int step = 0; step < 8; step++)
        {
          below = nextafter (below, 0);
          above = nextafter (above, INFINITY);
          assert_double_as_printf (below);
          assert_double_as_printf (above);
        }
      assert_double_as_printf (power);
    }
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);
  for (guint i = 0; i < 200000; i++)
    {
      double value;
      switch (i % 4)
        {
        case 0: /* any 53-bit mantissa across the range and a little past it */
          value = ldexp ((double) (g_rand_int (rand) | ((guint64) g_rand_int (rand) << 21)), g_rand_int_range (rand, -70, 10));
          break;
        case 1: /* a few fraction bits: exact ties at the 17th digit */
          value = (double) g_rand_int_range (rand, 1, G_MAXINT32) * g_rand_int_range (rand, 1, 1 << 20)
                  + g_rand_int_range (rand, 0, 64) / 64.0;
          break;
        case 2: /* scores and such: short decimals */
          value = g_rand_int_range (rand, 0, 10000000) / pow (10, g_rand_int_range (rand, 0, 9));
          break;
        default: /* any bits at all */
          {
            guint64 bits = (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
            memcpy (&value, &bits, sizeof value);
          }
          break;
        }
      assert_double_as_printf (g_rand_boolean (rand) ? value : -value);
    }
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

/* nf_json_check_depth: NF_JSON_MAX_DEPTH levels pass, one more does not; brackets inside
 * strings (with escaped quotes) do not count. */
static void
test_check_depth (G_GNUC_UNUSED void **state)
{
  GString *deep = g_string_new (NULL);
  for (guint k = 0; k < NF_JSON_MAX_DEPTH; k++)
    g_string_append_c (deep, '[');
  for (guint k = 0; k < NF_JSON_MAX_DEPTH; k++)
    g_string_append_c (deep, ']');
  g_autoptr (GError) error = NULL;
  assert_true (nf_json_check_depth (deep->str, (gssize) deep->len, &error));
  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  assert_false (nf_json_check_depth (deep->str, -1, &error));
  assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_INVALID_INPUT));
  assert_non_null (strstr (error->message, "nested deeper than 512 levels"));
  g_string_free (deep, TRUE);
  /* a string full of brackets after an escaped quote and an escaped backslash: taking
   * either escape for the string's end would count the brackets */
  GString *text = g_string_new ("{\"a\": \"\\\" \\\\ ");
  for (guint k = 0; k < 2 * NF_JSON_MAX_DEPTH; k++)
    g_string_append (text, "[{");
  g_string_append (text, "\", \"b\": [1]}");
  assert_true (nf_json_check_depth (text->str, -1, NULL));
  g_string_free (text, TRUE);
  /* unbalanced closers cannot make the count negative */
  assert_true (nf_json_check_depth ("]]]}}{[1]}", -1, NULL));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_tricky_article_is_byte_identical),
    cmocka_unit_test (test_bare_article_is_byte_identical),
    cmocka_unit_test (test_long_text_goes_out_in_chunks),
    cmocka_unit_test (test_shared_attribute_values),
    cmocka_unit_test (test_every_byte_at_every_offset),
    cmocka_unit_test (test_dense_escapes_in_a_long_string),
    cmocka_unit_test (test_samples_after_every_extractor),
    cmocka_unit_test (test_json_where_json_glib_1_6_is_not),
    cmocka_unit_test (test_write_error_stops_the_writer),
    cmocka_unit_test (test_many_distinct_attribute_names),
    cmocka_unit_test (test_escapes_at_every_alignment),
    cmocka_unit_test (test_random_variants_read_as_glib_reads_them),
    cmocka_unit_test (test_doubles_as_printf_prints_them),
    cmocka_unit_test (test_check_depth),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
