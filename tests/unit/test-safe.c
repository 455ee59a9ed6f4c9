/* test-safe.c: newsflow/safe.h: file names from hostile article content stay one plain
 * component inside their directory; text for terminals carries no control characters. */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test-util.h"
#include <newsflow/safe.h>
#include <newsflow/http.h>

/* A name is one component: no '/', not "." or "..", no leading '.', no control byte. */
static void
assert_one_component (const char *name)
{
  assert_non_null (name);
  assert_true (strlen (name) > 0);
  assert_true (strlen (name) <= NF_SAFE_FILE_NAME_MAX);
  assert_null (strchr (name, '/'));
  assert_true (name[0] != '.' && name[0] != '-');
  assert_true (g_utf8_validate (name, -1, NULL));
  for (const char *p = name; *p; p++)
    assert_true ((guchar) *p >= 0x20 && *p != 0x7f);
}

static void
test_traversal_stays_inside (void **state)
{
  (void) state;
  const char *hostile[] = { "../../x", "/etc/passwd", ".", "..", "...", "./..", "/", "",
                            "a/../../b", "..\\..\\x", "-rf", ".hidden", "\x1b[31mred", "\xff\xfe",
                            "x\n/y" };
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *name = nf_safe_file_name (hostile[i], NULL);
      assert_one_component (name);
      assert_true (strcmp (name, ".") != 0 && strcmp (name, "..") != 0);
    }
  g_autofree char *up = nf_safe_file_name ("../../x", NULL);
  assert_string_equal (up, "x");
  g_autofree char *absolute = nf_safe_file_name ("/etc/passwd", NULL);
  assert_string_equal (absolute, "etc-passwd");
}

static void
test_plain_names_stay_readable (void **state)
{
  (void) state;
  g_autofree char *id = nf_safe_file_name ("a1", NULL);
  assert_string_equal (id, "a1");
  g_autofree char *title = nf_safe_file_name ("Bridge Reopens: After Repairs!", NULL);
  assert_string_equal (title, "bridge-reopens-after-repairs");
  g_autofree char *unicode = nf_safe_file_name ("Zürich élection", NULL);
  assert_string_equal (unicode, "zürich-élection");
  g_autofree char *fallback = nf_safe_file_name ("!!!", "id-7");
  assert_string_equal (fallback, "id-7");
}

static void
test_long_names_are_cut_and_hashed (void **state)
{
  (void) state;
  g_autofree char *a = g_strnfill (5000, 'a');
  g_autofree char *b = g_strconcat (a, "b", NULL);
  g_autofree char *name_a = nf_safe_file_name (a, NULL);
  g_autofree char *name_b = nf_safe_file_name (b, NULL);
  assert_one_component (name_a);
  assert_one_component (name_b);
  assert_string_not_equal (name_a, name_b);
  /* Multi-byte characters are never cut in the middle. */
  GString *wide = g_string_new (NULL);
  for (int i = 0; i < 200; i++)
    g_string_append (wide, "ж");
  g_autofree char *name_wide = nf_safe_file_name (wide->str, NULL);
  assert_one_component (name_wide);
  g_string_free (wide, TRUE);
}

static void
test_nothing_left_is_a_hash (void **state)
{
  (void) state;
  g_autofree char *dots = nf_safe_file_name ("..", NULL);
  g_autofree char *slash = nf_safe_file_name ("/", NULL);
  assert_one_component (dots);
  assert_one_component (slash);
  assert_string_not_equal (dots, slash);
}

static void
test_display_escapes_controls_and_bad_utf8 (void **state)
{
  (void) state;
  g_autofree char *escape = nf_safe_display ("a\x1b[2Jb\n\x7f", -1);
  assert_string_equal (escape, "a\\x1B[2Jb\\n\\x7F");
  g_autofree char *latin1 = nf_safe_display ("caf\xe9.txt", -1);
  assert_string_equal (latin1, "caf\\xE9.txt");
  g_autofree char *c1 = nf_safe_display ("x\xc2\x9by", -1);
  assert_string_equal (c1, "x\\x9By");
  g_autofree char *nul = nf_safe_display ("a\0b", 3);
  assert_string_equal (nul, "a\\x00b");
  g_autofree char *fine = nf_safe_display ("Zürich — ok", -1);
  assert_string_equal (fine, "Zürich — ok");
  assert_true (nf_safe_is_displayable ("Zürich", -1));
  assert_false (nf_safe_is_displayable ("a\x1b", -1));
  assert_false (nf_safe_is_displayable ("\xe9", -1));
}

/* The addresses a followed link may not reach without allow-private. */
static void
test_non_public_addresses (void **state)
{
  (void) state;
  const char *refused[] = { "127.0.0.1", "127.1.2.3", "10.0.0.5", "172.16.0.1", "172.31.255.255",
                            "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
                            "255.255.255.255", "::1", "::", "fc00::1", "fd12::1", "fe80::1",
                            "::ffff:127.0.0.1", "::ffff:10.1.2.3", "64:ff9b::a00:1", "2002:7f00:1::1",
                            "ff02::1", "not an address", "" };
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    if (nf_http_address_kind (refused[i]) == NULL)
      fail_msg ("%s counted as public", refused[i]);
  assert_string_equal (nf_http_address_kind ("127.0.0.1"), "loopback");
  assert_string_equal (nf_http_address_kind ("::ffff:192.168.0.1"), "private");
  assert_string_equal (nf_http_address_kind ("169.254.169.254"), "link-local");
  const char *public[] = { "93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1",
                           "2606:2800:220:1:248:1893:25c8:1946", "::ffff:8.8.8.8" };
  for (guint i = 0; i < G_N_ELEMENTS (public); i++)
    if (nf_http_address_kind (public[i]) != NULL)
      fail_msg ("%s counted as %s", public[i], nf_http_address_kind (public[i]));
}

/* nf_utf8_validate answers as g_utf8_validate_len does, with the same end, wherever the
 * bad byte falls against its eight-byte steps: NUL, a cut or overlong sequence, a surrogate,
 * a stray continuation byte, and random bytes. */
static void
check_same (const char *text, gsize length)
{
  const char *mine = NULL, *glib = NULL;
  gboolean a = nf_utf8_validate (text, length, &mine);
  gboolean b = g_utf8_validate_len (text, length, &glib);
  assert_int_equal (a, b);
  assert_ptr_equal (mine, glib);
  assert_int_equal (nf_utf8_validate (text, length, NULL), b);
}

static void
test_utf8_validate_as_glib (G_GNUC_UNUSED void **state)
{
  static const char *const pieces[] = {
    "", "\0", "\xc3\xa9", "\xc3", "\xe2\x80\x9c", "\xe2\x80", "\xc0\xaf", "\xed\xa0\x80", "\x80",
    "\xf0\x9f\x98\x80", "\xf4\x90\x80\x80", "\xff",
  };
  static const gsize lengths[] = { 0, 1, 2, 1, 3, 2, 2, 3, 1, 4, 4, 1 };
  char buffer[64];
  for (guint k = 0; k < G_N_ELEMENTS (pieces); k++)
    for (gsize before = 0; before < 20; before++)
      for (gsize after = 0; after < 12; after += 3)
        {
          memset (buffer, 'a', sizeof buffer);
          memcpy (buffer + before, pieces[k], lengths[k]);
          check_same (buffer, before + lengths[k] + after);
        }
  /* every two-byte lead and following byte, alone, in a run of two-byte characters, before
   * a three-byte one and a stray continuation byte, at every place against the steps */
  for (guint lead = 0xC0; lead <= 0xDF; lead++)
    for (guint next = 0; next <= 0xFF; next++)
      for (gsize before = 0; before < 10; before += 3)
        {
          memset (buffer, 'a', sizeof buffer);
          char pair[2] = { (char) lead, (char) next };
          memcpy (buffer + before, "\xc3\xa9", 2);
          memcpy (buffer + before + 2, pair, 2);
          memcpy (buffer + before + 4, "\xc3\xbc\xe2\x80\x9c\x80", 6);
          for (gsize length = before; length <= before + 12; length++)
            check_same (buffer, length);
        }
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  for (guint round = 0; round < 2000; round++)
    {
      gsize length = g_rand_int_range (rand, 0, sizeof buffer);
      for (gsize i = 0; i < length; i++)
        {
          /* mostly ASCII, as text is, with now and then a byte of a multi-byte character */
          guint32 r = g_rand_int (rand);
          buffer[i] = (char) (r % 8 ? 'a' + r % 26 : 0x80 + (r >> 8) % 0x80);
          if (r % 16 == 3 && i + 1 < length) /* a two-byte character now and then */
            {
              buffer[i] = (char) (0xC2 + (r >> 8) % 30);
              buffer[++i] = (char) (0x80 + (r >> 16) % 0x40);
            }
        }
      check_same (buffer, length);
      /* and a valid character at a random place */
      if (length >= 3)
        {
          memcpy (buffer + g_rand_int_range (rand, 0, length - 2), "\xe2\x80\x9d", 3);
          check_same (buffer, length);
        }
    }
}

/* nf_utf8_validate and nf_utf8_length read no byte past @length: the text is put at the end
 * of a page followed by one that cannot be read, so a read past it crashes.  Text ending in
 * a two-byte character once made nf_utf8_validate read the byte after it (found by
 * fuzz-extract; the bytes of an article need not be followed by a NUL). */
static void
test_utf8_reads_stop_at_length (G_GNUC_UNUSED void **state)
{
  static const char *const endings[] = {
    "\xd1\x82", "\xc3\xa9\xc3\xbc", "a\xc3\xa9", "abcdefg\xc3\xa9", "abcdefgh\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
    "\xe2\x80\x9c", "\xc3", "\xc3\xa9\xe2\x80", "a", "\xf0\x9f\x98\x80",
  };
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  char *pages = mmap (NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  assert_true (pages != MAP_FAILED);
  assert_int_equal (mprotect (pages + page, page, PROT_NONE), 0);
  for (guint k = 0; k < G_N_ELEMENTS (endings); k++)
    for (gsize before = 0; before < 20; before++)
      {
        gsize length = before + strlen (endings[k]);
        char *text = pages + page - length;
        memset (text, 'a', before);
        memcpy (text + before, endings[k], strlen (endings[k]));
        check_same (text, length);
        if (g_utf8_validate_len (text, length, NULL))
          assert_int_equal (nf_utf8_length (text, length), g_utf8_strlen (text, length));
      }
  munmap (pages, 2 * page);
}

/* nf_utf8_length counts what g_utf8_strlen counts in valid UTF-8 of every length around its
 * sixteen-byte steps and past the 255 steps after which it sums its lanes, NUL-terminated or
 * not; NULL is no character. */
static void
test_utf8_length_as_glib (G_GNUC_UNUSED void **state)
{
  static const char *const characters[] = { "a", "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint round = 0; round < 300; round++)
    {
      g_string_truncate (text, 0);
      guint n = round < 100 ? round : (guint) g_rand_int_range (rand, 0, 9000); /* 9000: > 255 * 16 bytes */
      for (guint i = 0; i < n; i++)
        g_string_append (text, characters[g_rand_int_range (rand, 0, round % 4 == 0 ? 1 : 4)]);
      assert_int_equal (nf_utf8_length (text->str, text->len), g_utf8_strlen (text->str, text->len));
      assert_int_equal (nf_utf8_length (text->str, -1), n);
    }
  assert_int_equal (nf_utf8_length (NULL, -1), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_traversal_stays_inside),
    cmocka_unit_test (test_utf8_validate_as_glib),
    cmocka_unit_test (test_plain_names_stay_readable),
    cmocka_unit_test (test_long_names_are_cut_and_hashed),
    cmocka_unit_test (test_nothing_left_is_a_hash),
    cmocka_unit_test (test_display_escapes_controls_and_bad_utf8),
    cmocka_unit_test (test_non_public_addresses),
    cmocka_unit_test (test_utf8_length_as_glib),
    cmocka_unit_test (test_utf8_reads_stop_at_length),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
