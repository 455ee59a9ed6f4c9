/* test-testing-lua.c: extract "lua" run through libnewsflow-testing: the script API (read,
 * write, annotate, drop), errors that fail one article with the script's file:line, and the
 * sandbox (no io/os/load, instruction and memory limits, no stale article objects). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <glib/gstdio.h>

#include <newsflow/testing.h>

#define assert_contains(haystack, needle)                                                  \
  do {                                                                                     \
    const char *h_ = (haystack), *n_ = (needle);                                           \
    if (h_ == NULL || strstr (h_, n_) == NULL)                                             \
      fail_msg ("expected \"%s\" to contain \"%s\"", h_ ? h_ : "(null)", n_);              \
  } while (0)

typedef struct {
  char *dir;
  char *script; /* DIR/script.lua */
} Fixture;

static int
setup (void **state)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  fixture->dir = g_dir_make_tmp ("newsflow-lua-XXXXXX", NULL);
  assert_non_null (fixture->dir);
  fixture->script = g_build_filename (fixture->dir, "script.lua", NULL);
  *state = fixture;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *fixture = *state;
  g_unlink (fixture->script);
  g_rmdir (fixture->dir);
  g_free (fixture->script);
  g_free (fixture->dir);
  g_free (fixture);
  return 0;
}

/* A lua stage running @source; @more is added to the option block. */
static NfTestStage *
lua_stage (Fixture *fixture, const char *source, const char *more, GError **error)
{
  assert_true (g_file_set_contents (fixture->script, source, -1, NULL));
  g_autofree char *options = g_strdup_printf ("script = \"%s\"\n%s", fixture->script, more ? more : "");
  return nf_test_stage_load (NF_PLUGIN_EXTRACT, "lua", options, error);
}

static NfArticle *
sample (void)
{
  NfArticle *article = nf_test_article_new ("Grain deal", "Grain exports rose.\n\nPorts reopened in Odesa.");
  nf_article_add_author (article, "Jane Roe");
  nf_article_add_author (article, "John Doe");
  nf_article_set_language (article, "en");
  nf_article_set_field_int (article, "count", 7);
  const char *const tags[] = { "a", "b", NULL };
  nf_article_set_field_strv (article, "tags", tags, -1);
  NfAnnotation *place = nf_article_add_annotation (article, "entity", 39, 44);
  nf_annotation_set_attr_string (place, "label", "place");
  return article;
}

static char *
json_of (NfArticle *article)
{
  return nf_test_article_to_json (article);
}

static void
test_script_reads_the_article (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "function process(a)\n"
    "  local authors = a:authors()\n"
    "  local p = a:paragraphs()\n"
    "  local e = a:annotations('entity')[1]\n"
    "  a:set_field('seen', table.concat({a:title(), authors[2], a:language(), a:source(),\n"
    "    #p, p[2], tostring(a:field('count')), a:field('tags')[2], a:fields().count,\n"
    "    e.text, e.attrs.label, e.first, e.last, #a:annotations(), tostring(a:field('none')),\n"
    "    tostring(a:published()), #a:text()}, '|'))\n"
    "end\n", NULL, &error);
  assert_null (error);
  g_autoptr (NfArticle) article = sample ();
  assert_true (nf_test_stage_process (stage, article, &error));
  assert_string_equal (nf_article_get_field_string (article, "seen"),
                       "Grain deal|John Doe|en|test|2|Ports reopened in Odesa.|7|b|7|Odesa|place|40|44|1|nil|nil|45");
}

static void
test_script_writes_fields_and_annotations (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "function process(a)\n"
    "  a:set_field('s', 'x'); a:set_field('i', 3); a:set_field('d', 0.5); a:set_field('b', true)\n"
    "  a:set_field('list', {'p', 'q'}); a:set_field('mixed', {1, 'two'})\n"
    "  a:set_field('record', {z = 1, a = {'n'}})\n"
    "  a:set_field('count', nil)\n"
    "  a:annotate('word', a:text():find('Ports'))\n"
    "  a:annotate('word', 1, 5, {score = 2, note = 'first'})\n"
    "  a:set_title('New title'); a:add_author('Third Person'); a:set_language('uk')\n"
    "end\n", NULL, &error);
  assert_non_null (stage);
  g_autoptr (NfArticle) article = sample ();
  assert_true (nf_test_stage_process (stage, article, &error));
  g_autofree char *json = json_of (article);
  assert_contains (json, "\"s\":\"x\",\"i\":3,\"d\":0.5,\"b\":true,\"list\":[\"p\",\"q\"],\"mixed\":[1,\"two\"]");
  assert_contains (json, "\"record\":{\"a\":[\"n\"],\"z\":1}");
  assert_null (nf_article_get_field (article, "count"));
  assert_non_null (nf_test_find_annotation (article, "word", "Ports"));
  NfAnnotation *first = nf_test_find_annotation (article, "word", "Grain");
  assert_non_null (first);
  assert_string_equal (nf_annotation_get_attr_string (first, "note"), "first");
  assert_string_equal (nf_article_get_title (article), "New title");
  assert_string_equal (nf_article_get_authors (article)[2], "Third Person");
  assert_string_equal (nf_article_get_language (article), "uk");
}

static void
test_script_drops_with_a_reason (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "function process(a)\n"
    "  if not a:text():find('Odesa') then a:drop('not about Odesa') end\n"
    "end\n", NULL, &error);
  g_autoptr (NfArticle) kept = sample ();
  g_autoptr (NfArticle) dropped = nf_test_article_new ("Other", "Nothing here.");
  assert_true (nf_test_stage_process (stage, kept, &error));
  assert_true (nf_test_stage_process (stage, dropped, &error));
  assert_false (nf_article_is_dropped (kept));
  assert_true (nf_article_is_dropped (dropped));
  assert_string_equal (nf_article_get_drop_reason (dropped), "not about Odesa");
}

/* The acceptance test of the issue: only the articles the script errors on fail, and the
 * message points at the script's line; the state stays usable for the next article. */
static void
test_runtime_error_fails_one_article_with_file_and_line (void **state)
{
  Fixture *fixture = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (fixture,
    "function process(a)\n"
    "  local words = {}\n"
    "  if a:title() == 'bad' then\n"
    "    return words.missing.field\n"
    "  end\n"
    "  if a:title() == 'raise' then error({code = 1}) end\n"
    "  if a:title() == 'span' then a:annotate('x', 1, 9999) end\n"
    "  if a:title() == 'reserved' then a:set_field('title', 'x') end\n"
    "  if a:title() == 'func' then a:set_field('f', print) end\n"
    "  if a:title() == 'cycle' then local t = {}; t.t = t; a:set_field('c', t) end\n"
    "  a:set_field('ok', true)\n"
    "end\n", NULL, &error);
  assert_non_null (stage);
  static const struct {
    const char *title;
    const char *message;
  } cases[] = {
    { "bad", ":4: attempt to index a nil value (field 'missing')" },
    { "raise", ":6: error object is a table value" },
    { "span", ":7: annotation span 1..9999 is outside the text" },
    { "reserved", ":8: 'title' is a reserved name" },
    { "func", ":9: a function cannot be stored in an article" },
    { "cycle", ":10: value nested more than" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (NfArticle) article = nf_test_article_new (cases[i].title, "Some text.");
      g_autoptr (GError) failure = NULL;
      assert_false (nf_test_stage_process (stage, article, &failure));
      assert_true (nf_article_is_failed (article));
      assert_contains (failure->message, fixture->script);
      assert_contains (failure->message, cases[i].message);
      assert_int_equal (nf_test_count_annotations (article, "x"), 0);
      g_autoptr (NfArticle) fine = nf_test_article_new ("good", "Some text.");
      assert_true (nf_test_stage_process (stage, fine, &error));
      assert_true (nf_article_get_field (fine, "ok") != NULL);
    }
}

static void
test_sandbox_hides_the_system (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "function process(a)\n"
    "  local hidden = {}\n"
    "  for _, name in ipairs({'io', 'os', 'package', 'debug', 'require', 'load', 'loadfile',\n"
    "                         'dofile', 'collectgarbage'}) do\n"
    "    if _G[name] ~= nil then hidden[#hidden + 1] = name end\n"
    "  end\n"
    "  if string.dump ~= nil then hidden[#hidden + 1] = 'string.dump' end\n"
    "  a:set_field('reachable', table.concat(hidden, ','))\n"
    "  a:set_field('meta', tostring(getmetatable(a)))\n"
    "  if a:title() == 'exec' then os.execute('true') end\n"
    "end\n", NULL, &error);
  assert_non_null (stage);
  g_autoptr (NfArticle) article = nf_test_article_new ("x", "Text.");
  assert_true (nf_test_stage_process (stage, article, &error));
  assert_string_equal (nf_article_get_field_string (article, "reachable"), "");
  assert_string_equal (nf_article_get_field_string (article, "meta"), "article");
  g_autoptr (NfArticle) exec = nf_test_article_new ("exec", "Text.");
  assert_false (nf_test_stage_process (stage, exec, &error));
  assert_contains (error->message, ":10: attempt to index a nil value (global 'os')");
}

static void
test_runaway_and_greedy_scripts_are_stopped (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "function process(a)\n"
    "  if a:title() == 'loop' then while true do end end\n"
    "  if a:title() == 'greedy' then local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end end\n"
    "  a:set_field('ok', true)\n"
    "end\n", "max-instructions = 100000\nmemory-limit = 8", &error);
  assert_non_null (stage);
  g_autoptr (NfArticle) loop = nf_test_article_new ("loop", "Text.");
  assert_false (nf_test_stage_process (stage, loop, &error));
  assert_contains (error->message, ":2: stopped after 100000 instructions");
  g_clear_error (&error);
  g_autoptr (NfArticle) greedy = nf_test_article_new ("greedy", "Text.");
  assert_false (nf_test_stage_process (stage, greedy, &error));
  g_clear_error (&error);
  g_autoptr (NfArticle) fine = nf_test_article_new ("fine", "Text.");
  assert_true (nf_test_stage_process (stage, fine, &error));
}

static void
test_greedy_script_hits_the_memory_limit (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "function process(a)\n"
    "  local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end\n"
    "end\n", "max-instructions = 0\nmemory-limit = 4", &error);
  g_autoptr (NfArticle) article = nf_test_article_new ("x", "Text.");
  assert_false (nf_test_stage_process (stage, article, &error));
  assert_contains (error->message, "memory");
}

/* A script that keeps growing its own state across articles fills its worker's memory:
 * from then on its articles fail, but nothing aborts (allocation happens only in protected
 * calls). */
static void
test_state_filling_up_fails_articles_not_the_process (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "big = {}\n"
    "function process(a)\n"
    "  for i = 1, 5000 do big[#big + 1] = ('y'):rep(64) .. #big end\n"
    "end\n", "memory-limit = 2\nmax-instructions = 0", &error);
  assert_non_null (stage);
  guint failed = 0;
  for (int i = 0; i < 40; i++)
    {
      g_autoptr (NfArticle) article = nf_test_article_new ("x", "Text.");
      g_autoptr (GError) failure = NULL;
      if (!nf_test_stage_process (stage, article, &failure))
        {
          assert_contains (failure->message, "memory");
          failed++;
        }
    }
  assert_true (failed > 0);
}

/* The function is kept when the state is made: a script cannot lose it by assignment. */
static void
test_function_survives_reassignment (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "function process(a) process = nil; a:set_field('n', 1) end\n", NULL, &error);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (NfArticle) article = nf_test_article_new ("x", "Text.");
      assert_true (nf_test_stage_process (stage, article, &error));
      assert_int_equal (nf_article_get_field_int (article, "n", 0), 1);
    }
}

static void
test_kept_article_object_is_invalid (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "local previous\n"
    "function process(a)\n"
    "  if previous then previous:title() end\n"
    "  previous = a\n"
    "end\n", NULL, &error);
  g_autoptr (NfArticle) first = nf_test_article_new ("1", "Text.");
  g_autoptr (NfArticle) second = nf_test_article_new ("2", "Text.");
  assert_true (nf_test_stage_process (stage, first, &error));
  assert_false (nf_test_stage_process (stage, second, &error));
  assert_contains (error->message, ":3: this article object is no longer valid");
}

static void
test_script_problems_stop_the_chain_at_init (void **state)
{
  Fixture *fixture = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) syntax = lua_stage (fixture, "function process(a)\n  if then\nend\n", NULL, &error);
  assert_null (syntax);
  assert_contains (error->message, ":2: unexpected symbol near 'then'");
  g_clear_error (&error);
  g_autoptr (NfTestStage) nofunc = lua_stage (fixture, "x = 1\n", NULL, &error);
  assert_null (nofunc);
  assert_contains (error->message, "defines no function 'process'");
  g_clear_error (&error);
  g_autoptr (NfTestStage) toplevel = lua_stage (fixture, "local n = nil\nn()\n", NULL, &error);
  assert_null (toplevel);
  assert_contains (error->message, ":2: attempt to call a nil value");
  g_clear_error (&error);
  g_autoptr (NfTestStage) missing = nf_test_stage_load (NF_PLUGIN_EXTRACT, "lua",
                                                        "script = \"/nonexistent/x.lua\"", &error);
  assert_null (missing);
  assert_contains (error->message, "/nonexistent/x.lua");
  g_clear_error (&error);
  /* Bytecode is refused even from a file. */
  g_autoptr (NfTestStage) bytecode = lua_stage (fixture, "\x1bLua\x54", NULL, &error);
  assert_null (bytecode);
  assert_contains (error->message, "binary chunk");
}

static void
test_args_and_function_name (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTestStage) stage = lua_stage (*state,
    "function tag(a)\n"
    "  a:set_field('args', args[1] .. ',' .. args[2] .. ',' .. args.mode .. ',' .. #args)\n"
    "end\n", "function = \"tag\"\nargs = {\"one\", \"mode=fast\", \"two\"}", &error);
  assert_non_null (stage);
  g_autoptr (NfArticle) article = nf_test_article_new ("x", "Text.");
  assert_true (nf_test_stage_process (stage, article, &error));
  assert_string_equal (nf_article_get_field_string (article, "args"), "one,two,fast,2");
}

int
main (void)
{
  /* A GLib critical (a misused API) fails the test instead of scrolling past. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
#define FIXTURE_TEST(f) cmocka_unit_test_setup_teardown (f, setup, teardown)
  const struct CMUnitTest tests[] = {
    FIXTURE_TEST (test_script_reads_the_article),
    FIXTURE_TEST (test_script_writes_fields_and_annotations),
    FIXTURE_TEST (test_script_drops_with_a_reason),
    FIXTURE_TEST (test_runtime_error_fails_one_article_with_file_and_line),
    FIXTURE_TEST (test_sandbox_hides_the_system),
    FIXTURE_TEST (test_runaway_and_greedy_scripts_are_stopped),
    FIXTURE_TEST (test_greedy_script_hits_the_memory_limit),
    FIXTURE_TEST (test_state_filling_up_fails_articles_not_the_process),
    FIXTURE_TEST (test_function_survives_reassignment),
    FIXTURE_TEST (test_kept_article_object_is_invalid),
    FIXTURE_TEST (test_script_problems_stop_the_chain_at_init),
    FIXTURE_TEST (test_args_and_function_name),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
