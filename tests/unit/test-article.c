/* test-article.c: the article model: properties, paragraphs as spans of the body, typed
 * fields in insertion order, stand-off annotations, outcome, and its JSON form. */
#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "test-util.h"
#include "article-private.h"
#include <newsflow/json.h>
#include <newsflow/wire.h>

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

/* Equal values of the basic types are held once per article (issue 12: a large article's
 * 50,000 entities held 50,000 copies of "PERSON"); to the caller they are what it set. */
static void
test_attribute_values_shared (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_add_paragraph (article, "Iryna Savchuk met Iryna Savchuk.", -1);
  NfAnnotation *first = nf_article_add_annotation (article, "entity", 0, 13);
  NfAnnotation *second = nf_article_add_annotation (article, "entity", 18, 31);
  nf_annotation_set_attr_string (first, "label", "PERSON");
  nf_annotation_set_attr (second, "label", g_variant_new_string ("PERSON"));
  g_autoptr (GVariant) mine = g_variant_ref_sink (g_variant_new_int64 (18));
  nf_annotation_set_attr (first, "start", g_variant_new_int64 (18));
  nf_annotation_set_attr (second, "start", mine);
  nf_annotation_set_attr (first, "score", g_variant_new_double (0.5));
  nf_annotation_set_attr (second, "score", g_variant_new_double (-0.5));
  assert_ptr_equal (nf_annotation_get_attr (first, "label"), nf_annotation_get_attr (second, "label"));
  assert_ptr_equal (nf_annotation_get_attr (first, "start"), nf_annotation_get_attr (second, "start"));
  assert_ptr_not_equal (nf_annotation_get_attr (first, "score"), nf_annotation_get_attr (second, "score"));
  assert_int_equal (g_variant_get_int64 (mine), 18); /* the caller's reference stays good */

  /* Replacing one annotation's value leaves the other's alone. */
  nf_annotation_set_attr_string (second, "label", "LOCATION");
  assert_string_equal (nf_annotation_get_attr_string (first, "label"), "PERSON");
  assert_string_equal (nf_annotation_get_attr_string (second, "label"), "LOCATION");
  assert_true (g_variant_is_of_type (nf_annotation_get_attr (first, "start"), G_VARIANT_TYPE_INT64));

  /* A value kept with a reference outlives the body it was set on. */
  g_autoptr (GVariant) kept = g_variant_ref (nf_annotation_get_attr (first, "label"));
  nf_article_set_paragraphs (article, NULL, 0);
  assert_string_equal (g_variant_get_string (kept, NULL), "PERSON");
  nf_article_add_paragraph (article, "Kyiv", -1);
  NfAnnotation *again = nf_article_add_annotation (article, "entity", 0, 4);
  nf_annotation_set_attr_string (again, "label", "PERSON");
  assert_string_equal (nf_annotation_get_attr_string (again, "label"), "PERSON");
}

/* A new string value (not yet in the article's list) is freed with the article: memory in
 * use stays flat over many articles (each such value once leaked its bytes, ~60 bytes a
 * value; a leak valgrind saw but LeakSanitizer did not, since GLib's slices hid it).  The
 * figure is glibc's; elsewhere, or under a sanitizer's allocator, it reads 0 and proves
 * nothing. */
static void
test_string_values_freed (G_GNUC_UNUSED void **state)
{
#ifdef __GLIBC__
  size_t before = 0;
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < 20000; i++)
        {
          g_autoptr (NfArticle) article = nf_article_new ("a");
          nf_article_add_paragraph (article, "Kyiv and Lviv.", -1);
          NfAnnotation *place = nf_article_add_annotation (article, "entity", 0, 4);
          char value[32];
          g_snprintf (value, sizeof value, "name %u", i);
          nf_annotation_set_attr_string (place, "canonical", value);
        }
      /* (the first round warms up what stays: interned types, GLib's caches) */
      size_t in_use = mallinfo2 ().uordblks;
      if (round == 0)
        before = in_use;
      else
        assert_true (in_use < before + 256 * 1024);
    }
#endif
}

/* An annotation's attributes grow in a block of doubling size (issue 15): across its
 * growth every attribute keeps its value and its place, a name set again is replaced where
 * it is, and a new string set on two annotations is held once, a long one per annotation. */
/* Types are interned however many there are: the list remembers only the last few, and a
 * type past them is looked up again, never mistaken for another. */
static void
test_annotation_types_interned (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a.txt");
  nf_article_add_paragraph (article, "Some text of the article", -1);
  static const char *const types[] = { "entity", "quote", "date", "keyword", "place", "speaker" };
  for (guint round = 0; round < 3; round++)
    for (gsize t = 0; t < G_N_ELEMENTS (types); t++)
      {
        /* a copy, so that only the name can match */
        g_autofree char *type = g_strdup (types[(t * (round + 1)) % G_N_ELEMENTS (types)]);
        NfAnnotation *annotation = nf_article_add_annotation (article, type, 0, 4);
        assert_ptr_equal (nf_annotation_get_type (annotation), g_intern_string (type));
      }
  assert_int_equal (nf_article_get_n_annotations (article), 3 * G_N_ELEMENTS (types));
}

/* nf_annotation_set_attr_int64 is nf_annotation_set_attr with g_variant_new_int64: the same
 * value, replacing a value of the same name as that does. */
static void
test_attribute_int64 (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_add_paragraph (article, "Iryna Savchuk said so.", -1);
  NfAnnotation *a = nf_article_add_annotation (article, "quote", 0, 22);
  nf_annotation_set_attr_int64 (a, "speaker_start", 0);
  nf_annotation_set_attr_int64 (a, "speaker_end", G_MAXINT64);
  nf_annotation_set_attr (a, "other", g_variant_new_int64 (G_MININT64));
  nf_annotation_set_attr_int64 (a, "other", -5);
  assert_int_equal (nf_annotation_get_n_attrs (a), 3);
  GVariant *start = nf_annotation_get_attr (a, "speaker_start");
  assert_true (g_variant_is_of_type (start, G_VARIANT_TYPE_INT64));
  assert_false (g_variant_is_floating (start));
  assert_int_equal (g_variant_get_int64 (start), 0);
  assert_true (g_variant_get_int64 (nf_annotation_get_attr (a, "speaker_end")) == G_MAXINT64);
  assert_true (g_variant_get_int64 (nf_annotation_get_attr (a, "other")) == -5);
}

/* An int64 set with nf_annotation_set_attr_int64 reads back as the GVariant the generic setter
 * would have kept, at the edges of what fits in the attribute's pointer (article-private.h)
 * and past them; the getter returns the same variant each time (it belongs to the article),
 * and both JSON writers and the wire form say what they say for a GVariant int64. */
static void
test_attribute_int64_edges (G_GNUC_UNUSED void **state)
{
  static const gint64 values[] = {
    0, 1, -1, 42, -42, NF_ATTR_INT_MAX, NF_ATTR_INT_MAX + 1, NF_ATTR_INT_MIN, NF_ATTR_INT_MIN - 1,
    G_MAXINT32, G_MININT32, G_MAXINT64, G_MININT64,
  };
  g_autoptr (NfArticle) fast = nf_article_new ("a");
  g_autoptr (NfArticle) slow = nf_article_new ("a");
  nf_article_add_paragraph (fast, "Iryna Savchuk said so.", -1);
  nf_article_add_paragraph (slow, "Iryna Savchuk said so.", -1);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      NfAnnotation *a = nf_article_add_annotation (fast, "quote", 0, 13);
      NfAnnotation *b = nf_article_add_annotation (slow, "quote", 0, 13);
      nf_annotation_set_attr_int64 (a, "speaker_start", values[i]);
      nf_annotation_set_attr_string (a, "speaker", "Iryna Savchuk");
      nf_annotation_set_attr (b, "speaker_start", g_variant_new_int64 (values[i]));
      nf_annotation_set_attr_string (b, "speaker", "Iryna Savchuk");
    }
  /* written before any getter made a GVariant of them */
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autoptr (GString) expected = g_string_new (NULL), got = g_string_new (NULL);
      nf_article_append_json (slow, pretty, expected);
      nf_article_append_json (fast, pretty, got);
      assert_string_equal (got->str, expected->str);
    }
  g_autoptr (GVariant) wire_fast = nf_article_to_variant (fast, TRUE);
  g_autoptr (GVariant) wire_slow = nf_article_to_variant (slow, TRUE);
  assert_true (g_variant_equal (wire_fast, wire_slow));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      NfAnnotation *a = nf_article_get_annotation (fast, i);
      const char *key = NULL;
      GVariant *value = nf_annotation_get_nth_attr (a, 0, &key);
      assert_string_equal (key, "speaker_start");
      assert_true (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64));
      assert_false (g_variant_is_floating (value));
      assert_true (g_variant_get_int64 (value) == values[i]);
      assert_ptr_equal (nf_annotation_get_attr (a, "speaker_start"), value);
      assert_null (nf_annotation_get_attr_string (a, "speaker_start"));
      /* replaced by a string, and back */
      nf_annotation_set_attr_string (a, "speaker_start", "x");
      assert_string_equal (nf_annotation_get_attr_string (a, "speaker_start"), "x");
      nf_annotation_set_attr_int64 (a, "speaker_start", values[i]);
    }
  g_autoptr (GString) expected = g_string_new (NULL), got = g_string_new (NULL);
  nf_article_append_json (slow, FALSE, expected);
  nf_article_append_json (fast, FALSE, got);
  assert_string_equal (got->str, expected->str);
}

/* Attribute blocks and shared strings come from the list's arena: blocks that grow in place
 * (set one after another) and blocks that must move (set in turns across annotations), over
 * many chunks, and again after a new body cleared them, keep every value. */
static void
test_attributes_arena (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  for (int round = 0; round < 2; round++)
    {
      const char *body[] = { "Iryna Savchuk said so.", NULL };
      nf_article_set_paragraphs (article, body, -1);
      enum { N = 3000 };
      const guint ATTRS = round == 0 ? 3 : 6; /* a block grown once, and twice */
      NfAnnotation *annotations[N];
      for (guint i = 0; i < N; i++)
        annotations[i] = nf_article_add_annotation (article, "entity", 0, 13);
      /* the first half one annotation at a time, the rest in turns */
      for (guint j = 0; j < N / 2 * ATTRS + (N - N / 2) * ATTRS; j++)
          {
            guint i = j < N / 2 * ATTRS ? j / ATTRS : N / 2 + (j - N / 2 * ATTRS) % (N - N / 2);
            guint k = j < N / 2 * ATTRS ? j % ATTRS : (j - N / 2 * ATTRS) / (N - N / 2);
            guint at = i < N / 2 ? i : N / 2 + (i * 7 + k) % (N - N / 2);
            g_autofree char *key = g_strdup_printf ("key%u", k);
            g_autofree char *value = g_strdup_printf ("value %u %u", at % 97, k);
            if (k % 2)
              nf_annotation_set_attr_int64 (annotations[at], key, (gint64) at * 10 + k - 5000);
            else
              nf_annotation_set_attr_string (annotations[at], key, value);
          }
      for (guint i = 0; i < N; i++)
        {
          assert_int_equal (nf_annotation_get_n_attrs (annotations[i]), ATTRS);
          for (guint k = 0; k < ATTRS; k++)
            {
              g_autofree char *key = g_strdup_printf ("key%u", k);
              g_autofree char *value = g_strdup_printf ("value %u %u", i % 97, k);
              if (k % 2)
                assert_true (g_variant_get_int64 (nf_annotation_get_attr (annotations[i], key))
                             == (gint64) i * 10 + k - 5000);
              else
                assert_string_equal (nf_annotation_get_attr_string (annotations[i], key), value);
            }
        }
    }
}

/* Readers that share an article (a plugin's helper threads, with a reference each) may ask
 * for the GVariant of an int64 or a shared string at once: each gets the one the article
 * keeps, and none is leaked (the sanitizer build checks). */
typedef struct {
  NfArticle *article;
  GVariant **seen; /* per annotation and attribute */
} Reader;

static gpointer
read_attrs (gpointer data)
{
  Reader *reader = data;
  guint n = nf_article_get_n_annotations (reader->article);
  for (guint i = 0; i < n; i++)
    {
      NfAnnotation *a = nf_article_get_annotation (reader->article, i);
      for (guint k = 0; k < nf_annotation_get_n_attrs (a); k++)
        reader->seen[i * 2 + k] = nf_annotation_get_nth_attr (a, k, NULL);
    }
  return NULL;
}

static void
test_attribute_variants_shared_by_threads (G_GNUC_UNUSED void **state)
{
  enum { N = 2000, THREADS = 4 };
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_add_paragraph (article, "Iryna Savchuk said so.", -1);
  for (guint i = 0; i < N; i++)
    {
      NfAnnotation *a = nf_article_add_annotation (article, "quote", 0, 13);
      g_autofree char *name = g_strdup_printf ("speaker %u", i % 50);
      nf_annotation_set_attr_string (a, "speaker", name);
      nf_annotation_set_attr_int64 (a, "speaker_start", i);
    }
  Reader readers[THREADS];
  GThread *threads[THREADS];
  for (guint t = 0; t < THREADS; t++)
    {
      readers[t] = (Reader) { article, g_new0 (GVariant *, 2 * N) };
      threads[t] = g_thread_new ("reader", read_attrs, &readers[t]);
    }
  for (guint t = 0; t < THREADS; t++)
    g_thread_join (threads[t]);
  for (guint i = 0; i < N; i++)
    {
      g_autofree char *name = g_strdup_printf ("speaker %u", i % 50);
      assert_string_equal (g_variant_get_string (readers[0].seen[2 * i], NULL), name);
      assert_true (g_variant_get_int64 (readers[0].seen[2 * i + 1]) == i);
      for (guint t = 1; t < THREADS; t++)
        {
          assert_ptr_equal (readers[t].seen[2 * i], readers[0].seen[2 * i]);
          assert_ptr_equal (readers[t].seen[2 * i + 1], readers[0].seen[2 * i + 1]);
        }
    }
  for (guint t = 0; t < THREADS; t++)
    g_free (readers[t].seen);
}

/* nf_annotation_get_attr_string reads a normal-form string's bytes directly: what
 * g_variant_get_string would say for every kind of value, untrusted ones included. */
static void
test_attribute_string_kinds (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_add_paragraph (article, "Iryna Savchuk said so.", -1);
  NfAnnotation *a = nf_article_add_annotation (article, "quote", 0, 22);
  static const char good[] = "Savchuk", bad[] = { 'a', 'b' };  /* no NUL: not a string */
  nf_annotation_set_attr (a, "good", g_variant_new_from_data (G_VARIANT_TYPE_STRING, good, sizeof good,
                                                              FALSE, NULL, NULL));
  nf_annotation_set_attr (a, "bad", g_variant_new_from_data (G_VARIANT_TYPE_STRING, bad, sizeof bad,
                                                             FALSE, NULL, NULL));
  nf_annotation_set_attr (a, "path", g_variant_new_object_path ("/a"));
  nf_annotation_set_attr_int64 (a, "number", 7);
  nf_annotation_set_attr_string (a, "made", "said");
  assert_string_equal (nf_annotation_get_attr_string (a, "good"), "Savchuk");
  assert_string_equal (nf_annotation_get_attr_string (a, "bad"), "");
  assert_null (nf_annotation_get_attr_string (a, "path"));
  assert_null (nf_annotation_get_attr_string (a, "number"));
  assert_null (nf_annotation_get_attr_string (a, "missing"));
  assert_string_equal (nf_annotation_get_attr_string (a, "made"), "said");
}

static void
test_attributes_grow (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_add_paragraph (article, "Iryna Savchuk met Iryna Savchuk.", -1);
  NfAnnotation *first = nf_article_add_annotation (article, "entity", 0, 13);
  NfAnnotation *second = nf_article_add_annotation (article, "entity", 18, 31);
  for (guint i = 0; i < 17; i++)
    {
      g_autofree char *key = g_strdup_printf ("key%u", i);
      g_autofree char *value = g_strdup_printf ("value %u", i);
      nf_annotation_set_attr_string (first, key, value);
      if (i == 5)
        nf_annotation_set_attr_string (first, "key2", "again");
    }
  assert_int_equal (nf_annotation_get_n_attrs (first), 17);
  for (guint i = 0; i < 17; i++)
    {
      const char *key;
      GVariant *value = nf_annotation_get_nth_attr (first, i, &key);
      g_autofree char *want_key = g_strdup_printf ("key%u", i);
      g_autofree char *want = i == 2 ? g_strdup ("again") : g_strdup_printf ("value %u", i);
      assert_string_equal (key, want_key);
      assert_string_equal (g_variant_get_string (value, NULL), want);
    }

  nf_annotation_set_attr_string (second, "key16", "value 16");
  assert_ptr_equal (nf_annotation_get_attr (first, "key16"), nf_annotation_get_attr (second, "key16"));
  g_autofree char *long_value = g_strnfill (2000, 'x');
  nf_annotation_set_attr_string (first, "long", long_value);
  nf_annotation_set_attr_string (second, "long", long_value);
  assert_ptr_not_equal (nf_annotation_get_attr (first, "long"), nf_annotation_get_attr (second, "long"));
  assert_string_equal (nf_annotation_get_attr_string (second, "long"), long_value);
  nf_annotation_set_attr_string (second, "missing", NULL);
  assert_string_equal (nf_annotation_get_attr_string (second, "missing"), "");
}

/* Annotations live in blocks that never move: every pointer handed out stays good while
 * thousands more are added, and each is found by its index. */
static void
test_many_annotations (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  nf_article_add_paragraph (article, "0123456789", -1);
  enum { N = 5000 };
  g_autofree NfAnnotation **handed = g_new (NfAnnotation *, N);
  for (guint i = 0; i < N; i++)
    {
      handed[i] = nf_article_add_annotation (article, i % 2 ? "odd" : "even", i % 10, 10);
      nf_annotation_set_attr (handed[i], "i", g_variant_new_uint32 (i));
    }
  assert_int_equal (nf_article_get_n_annotations (article), N);
  for (guint i = 0; i < N; i++)
    {
      NfAnnotation *annotation = nf_article_get_annotation (article, i);
      assert_ptr_equal (annotation, handed[i]);
      assert_int_equal (g_variant_get_uint32 (nf_annotation_get_attr (annotation, "i")), i);
      assert_int_equal (nf_annotation_get_start (annotation), i % 10);
      assert_string_equal (nf_annotation_get_type (annotation), i % 2 ? "odd" : "even");
    }
}

/* The annotations move with an isolated stage's copy (nf_article_take_contents), and the
 * values they share move with them. */
static void
test_annotations_move_with_contents (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  NfArticle *copy = nf_article_new ("a");
  nf_article_add_paragraph (copy, "Iryna Savchuk", -1);
  NfAnnotation *annotation = nf_article_add_annotation (copy, "entity", 0, 13);
  nf_annotation_set_attr_string (annotation, "label", "PERSON");
  nf_article_take_contents (article, copy);
  assert_int_equal (nf_article_get_n_annotations (article), 1);
  NfAnnotation *more = nf_article_add_annotation (article, "entity", 6, 13);
  nf_annotation_set_attr_string (more, "label", "PERSON");
  assert_ptr_equal (nf_annotation_get_attr (more, "label"),
                    nf_annotation_get_attr (nf_article_get_annotation (article, 0), "label"));
}

/* A container value is kept serialised, one block, not as the tree of separate GVariants a
 * GVariantBuilder makes (a large article's list of quotes: tens of MB as a tree).  A tree
 * hands out its own children; a serialised value makes a new instance on each request. */
static void
test_container_field_serialised (G_GNUC_UNUSED void **state)
{
  g_autoptr (NfArticle) article = nf_article_new ("a");
  GVariantBuilder builder;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < 3; i++)
    {
      GVariantBuilder item;
      g_variant_builder_init (&item, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&item, "{sv}", "text", g_variant_new_string ("quoted"));
      g_variant_builder_add (&item, "{sv}", "n", g_variant_new_int64 (i));
      g_variant_builder_add_value (&builder, g_variant_builder_end (&item));
    }
  nf_article_set_field (article, "quotes", g_variant_builder_end (&builder));
  GVariant *quotes = nf_article_get_field (article, "quotes");
  g_autoptr (GVariant) once = g_variant_get_child_value (quotes, 1);
  g_autoptr (GVariant) twice = g_variant_get_child_value (quotes, 1);
  assert_ptr_not_equal (once, twice);
  gint64 n = -1;
  assert_true (g_variant_lookup (once, "n", "x", &n));
  assert_int_equal (n, 1);
  assert_int_equal (g_variant_n_children (quotes), 3);

  NfAnnotation *annotation = nf_article_add_annotation (article, "x", 0, 0);
  const char *const tags[] = { "a", "b", NULL };
  nf_annotation_set_attr (annotation, "tags", g_variant_new_strv (tags, -1));
  GVariant *value = nf_annotation_get_attr (annotation, "tags");
  g_autoptr (GVariant) first = g_variant_get_child_value (value, 0);
  g_autoptr (GVariant) again = g_variant_get_child_value (value, 0);
  assert_ptr_not_equal (first, again);
  assert_string_equal (g_variant_get_string (again, NULL), "a");
}

/* A plugin's invalid UTF-8 becomes U+FFFD in every string setter: the article's JSON form
 * and wire form then take it (before, GVariant refused it and a formatter crashed). */
static void
test_invalid_utf8_repaired (void **state)
{
  (void) state;
  g_autoptr (NfArticle) article = nf_article_new ("test");
  nf_article_set_title (article, "Caf\xe9 opens");
  nf_article_add_author (article, "Jos\xe9");
  nf_article_set_id (article, "id-\xff");
  const char *paragraphs[] = { "Bad \xc3\x28 byte", NULL };
  nf_article_set_paragraphs (article, paragraphs, -1);
  nf_article_set_field_string (article, "kicker", "\xfe");
  const char *tags[] = { "ok", "\x80", NULL };
  nf_article_set_field_strv (article, "tags", tags, -1);
  NfAnnotation *a = nf_article_add_annotation (article, "entity", 0, 3);
  nf_annotation_set_attr_string (a, "label", "\xff");

  assert_string_equal (nf_article_get_title (article), "Caf\xef\xbf\xbd opens");
  assert_string_equal (nf_article_get_authors (article)[0], "Jos\xef\xbf\xbd");
  assert_string_equal (nf_article_get_id (article), "id-\xef\xbf\xbd");
  assert_string_equal (nf_article_get_text (article), "Bad \xef\xbf\xbd( byte");
  assert_string_equal (nf_article_get_field_string (article, "kicker"), "\xef\xbf\xbd");
  assert_string_equal (nf_annotation_get_attr_string (a, "label"), "\xef\xbf\xbd");
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  g_autofree char *json = json_to_string (node, FALSE);
  assert_true (g_utf8_validate (json, -1, NULL));
  g_autoptr (GBytes) wire = nf_article_to_wire (article, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (NfArticle) back = nf_article_new_from_wire (wire, &error);
  assert_non_null (back);
  assert_string_equal (nf_article_get_title (back), "Caf\xef\xbf\xbd opens");
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
    cmocka_unit_test (test_string_values_freed),
    cmocka_unit_test (test_no_authors_is_empty_list),
    cmocka_unit_test (test_paragraph_spans),
    cmocka_unit_test (test_fields_keep_order_and_replace),
    cmocka_unit_test (test_annotations),
    cmocka_unit_test (test_attribute_values_shared),
    cmocka_unit_test (test_many_annotations),
    cmocka_unit_test (test_annotations_move_with_contents),
    cmocka_unit_test (test_container_field_serialised),
    cmocka_unit_test (test_invalid_utf8_repaired),
    cmocka_unit_test (test_outcome),
    cmocka_unit_test (test_json_form),
    cmocka_unit_test (test_dates_are_rfc3339),
    cmocka_unit_test (test_variant_round_trip),
    cmocka_unit_test (test_count_entities),
    cmocka_unit_test (test_attributes_grow),
    cmocka_unit_test (test_attribute_int64),
    cmocka_unit_test (test_attribute_int64_edges),
    cmocka_unit_test (test_attributes_arena),
    cmocka_unit_test (test_attribute_variants_shared_by_threads),
    cmocka_unit_test (test_attribute_string_kinds),
    cmocka_unit_test (test_annotation_types_interned),
  };
  return cmocka_run_group_tests_name ("article", tests, NULL, NULL);
}
