/* test-abi.c: the plugin ABI cannot change by accident.  The layout of every public struct a
 * module shares with the core is recorded per NF_ABI_VERSION (as GStreamer's ABI test does);
 * changing a struct without bumping NF_ABI_VERSION in configure.ac fails here, and bumping
 * it asks for a new row, so each version's layout is written down once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <newsflow/newsflow.h>

typedef struct {
  guint abi_version;
  guint pointer_size; /* the layout differs between 32- and 64-bit machines */
  const char *what;   /* "sizeof (T)" or "offsetof (T, field)" */
  gsize value;
} AbiFact;

/* Where a layout is measured.  Add both a struct's size and the offsets of fields whose
 * order matters: a reorder that keeps the size still breaks every built module. */
#define SIZE(T) { #T, sizeof (T) }
#define OFFSET(T, field) { #T "." #field, offsetof (T, field) }

typedef struct {
  const char *what;
  gsize value;
} Measured;

static const Measured measured[] = {
  SIZE (NfPluginDescriptor),
  OFFSET (NfPluginDescriptor, abi_version),
  OFFSET (NfPluginDescriptor, struct_size),
  OFFSET (NfPluginDescriptor, kind),
  OFFSET (NfPluginDescriptor, name),
  OFFSET (NfPluginDescriptor, summary),
  OFFSET (NfPluginDescriptor, options),
  OFFSET (NfPluginDescriptor, flags),
  OFFSET (NfPluginDescriptor, content_types),
  OFFSET (NfPluginDescriptor, accepts_source),
  OFFSET (NfPluginDescriptor, init),
  OFFSET (NfPluginDescriptor, worker_new),
  OFFSET (NfPluginDescriptor, worker_free),
  OFFSET (NfPluginDescriptor, fetch),
  OFFSET (NfPluginDescriptor, process),
  OFFSET (NfPluginDescriptor, finish),
  OFFSET (NfPluginDescriptor, free),
  OFFSET (NfPluginDescriptor, commit),
  OFFSET (NfPluginDescriptor, has_article),
  OFFSET (NfPluginDescriptor, reserved),
  SIZE (NfOption),
  OFFSET (NfOption, opt),
  OFFSET (NfOption, description),
  OFFSET (NfOption, choices),
  OFFSET (NfOption, flags),
  /* NfOption embeds libconfuse's cfg_opt_t: a libconfuse that changes it breaks modules. */
  SIZE (cfg_opt_t),
};

/* The recorded layouts.  ABI 1: newsflow 0.1. */
static const AbiFact expected[] = {
  { 1, 8, "NfPluginDescriptor", 184 },
  { 1, 8, "NfPluginDescriptor.abi_version", 0 },
  { 1, 8, "NfPluginDescriptor.struct_size", 4 },
  { 1, 8, "NfPluginDescriptor.kind", 8 },
  { 1, 8, "NfPluginDescriptor.name", 16 },
  { 1, 8, "NfPluginDescriptor.summary", 24 },
  { 1, 8, "NfPluginDescriptor.options", 32 },
  { 1, 8, "NfPluginDescriptor.flags", 40 },
  { 1, 8, "NfPluginDescriptor.content_types", 48 },
  { 1, 8, "NfPluginDescriptor.accepts_source", 56 },
  { 1, 8, "NfPluginDescriptor.init", 64 },
  { 1, 8, "NfPluginDescriptor.worker_new", 72 },
  { 1, 8, "NfPluginDescriptor.worker_free", 80 },
  { 1, 8, "NfPluginDescriptor.fetch", 88 },
  { 1, 8, "NfPluginDescriptor.process", 96 },
  { 1, 8, "NfPluginDescriptor.finish", 104 },
  { 1, 8, "NfPluginDescriptor.free", 112 },
  { 1, 8, "NfPluginDescriptor.reserved", 120 },
  { 1, 8, "NfOption", 168 },
  { 1, 8, "NfOption.opt", 0 },
  { 1, 8, "NfOption.description", 144 },
  { 1, 8, "NfOption.choices", 152 },
  { 1, 8, "NfOption.flags", 160 },
  { 1, 8, "cfg_opt_t", 144 },
  /* ABI 2: the formatter commit point (commit, has_article) taken from reserved[]. */
  { 2, 8, "NfPluginDescriptor", 184 },
  { 2, 8, "NfPluginDescriptor.abi_version", 0 },
  { 2, 8, "NfPluginDescriptor.struct_size", 4 },
  { 2, 8, "NfPluginDescriptor.kind", 8 },
  { 2, 8, "NfPluginDescriptor.name", 16 },
  { 2, 8, "NfPluginDescriptor.summary", 24 },
  { 2, 8, "NfPluginDescriptor.options", 32 },
  { 2, 8, "NfPluginDescriptor.flags", 40 },
  { 2, 8, "NfPluginDescriptor.content_types", 48 },
  { 2, 8, "NfPluginDescriptor.accepts_source", 56 },
  { 2, 8, "NfPluginDescriptor.init", 64 },
  { 2, 8, "NfPluginDescriptor.worker_new", 72 },
  { 2, 8, "NfPluginDescriptor.worker_free", 80 },
  { 2, 8, "NfPluginDescriptor.fetch", 88 },
  { 2, 8, "NfPluginDescriptor.process", 96 },
  { 2, 8, "NfPluginDescriptor.finish", 104 },
  { 2, 8, "NfPluginDescriptor.free", 112 },
  { 2, 8, "NfPluginDescriptor.commit", 120 },
  { 2, 8, "NfPluginDescriptor.has_article", 128 },
  { 2, 8, "NfPluginDescriptor.reserved", 136 },
  { 2, 8, "NfOption", 168 },
  { 2, 8, "NfOption.opt", 0 },
  { 2, 8, "NfOption.description", 144 },
  { 2, 8, "NfOption.choices", 152 },
  { 2, 8, "NfOption.flags", 160 },
  { 2, 8, "cfg_opt_t", 144 },
};

static const AbiFact *
find_expected (guint abi, guint pointer_size, const char *what)
{
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    if (expected[i].abi_version == abi && expected[i].pointer_size == pointer_size
        && strcmp (expected[i].what, what) == 0)
      return &expected[i];
  return NULL;
}

static gboolean
abi_has_rows (guint abi)
{
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    if (expected[i].abi_version == abi)
      return TRUE;
  return FALSE;
}

/* The rows to paste for this build's ABI version and machine. */
static void
print_measured (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (measured); i++)
    print_message ("  { %d, %d, \"%s\", %" G_GSIZE_FORMAT " },\n", NF_ABI_VERSION,
                   GLIB_SIZEOF_VOID_P, measured[i].what, measured[i].value);
}

static void
test_struct_layouts_match_the_abi_version (void **state G_GNUC_UNUSED)
{
  if (!abi_has_rows (NF_ABI_VERSION))
    {
      print_measured ();
      fail_msg ("NF_ABI_VERSION is %d but tests/unit/test-abi.c records no layout for it: "
                "add its rows (printed above)", NF_ABI_VERSION);
    }
  if (find_expected (NF_ABI_VERSION, GLIB_SIZEOF_VOID_P, "NfPluginDescriptor") == NULL)
    {
      print_message ("no layout recorded for %d-byte pointers; measured:\n", GLIB_SIZEOF_VOID_P);
      print_measured ();
      skip ();
    }
  int wrong = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (measured); i++)
    {
      const AbiFact *fact = find_expected (NF_ABI_VERSION, GLIB_SIZEOF_VOID_P, measured[i].what);
      if (fact == NULL)
        {
          print_error ("%s = %" G_GSIZE_FORMAT " has no recorded value for ABI %d\n",
                       measured[i].what, measured[i].value, NF_ABI_VERSION);
          wrong++;
        }
      else if (fact->value != measured[i].value)
        {
          print_error ("%s is %" G_GSIZE_FORMAT ", ABI %d recorded %" G_GSIZE_FORMAT "\n",
                       measured[i].what, measured[i].value, NF_ABI_VERSION, fact->value);
          wrong++;
        }
    }
  if (wrong)
    fail_msg ("%d layout(s) changed without NF_ABI_VERSION changing: every built plugin would "
              "misread them.  Bump NF_ABI_VERSION in configure.ac and record the new layout "
              "here (keep the old rows).", wrong);
}

/* The two fields the loader reads before it knows a module's version can never move. */
static void
test_version_fields_never_move (void **state G_GNUC_UNUSED)
{
  assert_int_equal (offsetof (NfPluginDescriptor, abi_version), 0);
  assert_int_equal (offsetof (NfPluginDescriptor, struct_size), sizeof (guint32));
}

/* Enum values are compiled into modules too. */
static void
test_enum_values_are_stable (void **state G_GNUC_UNUSED)
{
  assert_int_equal (NF_PLUGIN_FETCH, 0);
  assert_int_equal (NF_PLUGIN_PARSE, 1);
  assert_int_equal (NF_PLUGIN_EXTRACT, 2);
  assert_int_equal (NF_PLUGIN_FORMAT, 3);
  assert_int_equal (NF_OPTION_REQUIRED, 1);
  assert_int_equal (NF_PLUGIN_FLAG_ORDERED, 1);
  assert_int_equal (NF_ERROR_FAILED, 0);
  assert_int_equal (NF_ERROR_NOT_FOUND, 7);
  assert_int_equal (NF_ARTICLE_WRITTEN, 0);
  assert_int_equal (NF_ARTICLE_DROPPED, 1);
  assert_int_equal (NF_ARTICLE_FAILED, 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_struct_layouts_match_the_abi_version),
    cmocka_unit_test (test_version_fields_never_move),
    cmocka_unit_test (test_enum_values_are_stable),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
