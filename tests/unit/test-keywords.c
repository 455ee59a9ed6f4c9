/* test-keywords.c: extract "keywords": multi-word key phrases, variants merged by stemming,
 * stopwords never at a phrase's edge, `top` respected, German stopwords for German text;
 * for English, noun phrases: no verb inside or at an edge, no dangling preposition, numbers
 * inside names, names whole, compounds beside their parts, the form the text uses most, the
 * headline counted and the dateline skipped, a headline-only title-case run not taken, a
 * part of a chosen phrase not repeated, a verb between a name and its object not in it,
 * plural variants the light folding misses merged with their singular; unit = "words"
 * gives single content words, ranked by a model of their own; ranker = "model" ranks phrases
 * and single words alike with readable forms, and its model file is checked.  Phrase shapes
 * (issue 20): for YAKE no verb-led German phrase, no modal inside, nouns only, no article
 * after a content word, no finite verb form, names whole, no French conjunction at an edge;
 * for English name particles inside names, no noun run across an object relative, plurals
 * before a past tense as nouns, "copper mine", sentence-start capitals in lower case.  The stage's
 * memory helpers (arena.h: key comparison and hash of every length, the map, the index of
 * a loaded file's keys, the bump allocator across blocks) and the pick of the best few (stable-sort.h: the same first k as
 * the stable sort, ties included). */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "../../plugins/extract/keywords/arena.h"
#include "../../plugins/extract/keywords/stable-sort.h"

static GPtrArray *
titled_phrases (const char *block, const char *title, const char *body, const char *language)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new (block, &error);
  assert_null (error);
  g_autoptr (NfArticle) article = harness_article (title, body, NULL, language);
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  GVariant *keywords = nf_article_get_field (article, "keywords");
  assert_non_null (keywords);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < g_variant_n_children (keywords); i++)
    {
      g_autoptr (GVariant) item = g_variant_get_child_value (keywords, i);
      const char *phrase;
      double score;
      assert_true (g_variant_lookup (item, "phrase", "&s", &phrase));
      assert_true (g_variant_lookup (item, "score", "d", &score));
      assert_true (score > 0);
      g_ptr_array_add (out, g_strdup (phrase));
    }
  return out;
}

static GPtrArray *
phrases (const char *block, const char *body, const char *language)
{
  return titled_phrases (block, "T", body, language);
}

static gboolean
has (GPtrArray *list, const char *phrase)
{
  for (guint i = 0; i < list->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (list, i), phrase) == 0)
      return TRUE;
  return FALSE;
}

static void
print_list (const char *what, GPtrArray *list)
{
  g_autoptr (GString) all = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (all, "%s\"%s\"", i ? ", " : "", (char *) g_ptr_array_index (list, i));
  print_message ("%s: %s\n", what, all->str);
}

static const char *text =
  "Ukraine asked its allies for security guarantees on Monday. Officials said security "
  "guarantees must be binding. The security guarantee proposal was discussed in Kyiv.\n\n"
  "Western diplomats said the security guarantees would be debated at a summit in Brussels, "
  "where the grain corridor and energy prices are also on the agenda.";

static void
test_multi_word_phrases (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases ("extract \"keywords\" { top = 5 }", text, "en");
  print_list ("security", list);
  assert_true (list->len > 0 && list->len <= 5);
  assert_true (has (list, "security guarantees"));
  /* "security guarantee" is the same phrase by its stems: listed once. */
  assert_false (has (list, "security guarantee"));
  for (guint i = 0; i < list->len; i++)
    {
      const char *phrase = g_ptr_array_index (list, i);
      assert_false (g_str_has_prefix (phrase, "the ") || g_str_has_suffix (phrase, " the"));
      assert_false (g_ascii_strcasecmp (phrase, "said") == 0 || g_ascii_strcasecmp (phrase, "Monday") == 0);
    }
}

static void
test_german_stopwords (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases ("extract \"keywords\" { }",
    "Die Bundesregierung will die Genehmigungsverfahren für neue Wohnungen verkürzen. Die "
    "Genehmigungsverfahren dauern zu lange, sagte die Ministerin. Neue Wohnungen sind teuer, und "
    "die Kommunen brauchen mehr Geld für den Wohnungsbau.", "de");
  assert_true (has (list, "Genehmigungsverfahren"));
  assert_false (has (list, "die") || has (list, "und") || has (list, "für"));
}

static void
test_empty_body (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases ("extract \"keywords\" { }", "", NULL);
  assert_int_equal (list->len, 0);
}

/* No phrase runs through a verb or ends in a preposition ("floods hit", "land of stark"). */
static void
test_english_noun_phrases_only (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 20 }",
    "Floods hit coastal towns",
    "Severe floods hit the coastal towns of northern Australia during early March. Emergency "
    "crews evacuated residents as the floods hit roads and bridges. The floods destroyed crops "
    "in the land of stark contrasts, and the state government promised flood relief.", "en");
  print_list ("floods", list);
  assert_true (has (list, "floods") || has (list, "severe floods"));
  assert_true (has (list, "flood relief"));
  for (guint i = 0; i < list->len; i++)
    {
      const char *phrase = g_ptr_array_index (list, i);
      assert_null (strstr (phrase, " hit"));
      assert_null (strstr (phrase, "evacuated"));
      assert_null (strstr (phrase, "destroyed"));
      assert_false (g_str_has_suffix (phrase, " of") || g_str_has_suffix (phrase, " during")
                    || g_str_has_prefix (phrase, "of ") || strstr (phrase, " during ") != NULL);
    }
}

/* Numbers belong to the name they stand in ("Resolution 1973"); names are whole and not
 * padded with the words before them ("biochemist Garth Cooper" is "Garth Cooper"). */
static void
test_english_names_whole (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 20 }",
    "Scientist wins prize",
    "New Zealand biochemist Garth Cooper won the award on Tuesday. Cooper said the Security "
    "Council had debated Resolution 1973 for weeks. Diplomats said Resolution 1973 allowed a "
    "no-fly zone. Cooper thanked the University of Auckland.", "en");
  print_list ("names", list);
  assert_true (has (list, "Garth Cooper"));
  assert_false (has (list, "Cooper"));          /* counted for the full name */
  assert_true (has (list, "Resolution 1973"));
  for (guint i = 0; i < list->len; i++)
    assert_null (strstr (g_ptr_array_index (list, i), "biochemist Garth"));
}

/* A compound is not blocked by its parts: "welfare reform" beside "welfare". */
static void
test_english_compounds_kept (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 10 }",
    "Senate passes welfare reform",
    "The Senate passed a welfare reform bill on Thursday. Supporters said welfare reform would "
    "move families from welfare to work. Critics said the welfare reform plan cut benefits for "
    "poor children, and that welfare spending would fall.", "en");
  print_list ("welfare", list);
  assert_true (has (list, "welfare reform"));
  assert_true (has (list, "Senate"));
}

/* The printed form is the one the text uses most, not the first one seen. */
static void
test_english_most_used_form (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 10 }",
    "Disney opens park",
    "WALT DISNEY CO opened a park in Shanghai. Walt Disney Co said the park cost $5.5 billion. "
    "Analysts said Walt Disney Co would recover the cost within a decade.", "en");
  print_list ("disney", list);
  gboolean found = FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      found |= strcmp (g_ptr_array_index (list, i), "Walt Disney Co") == 0;
      assert_false (strcmp (g_ptr_array_index (list, i), "WALT DISNEY CO") == 0);
    }
  assert_true (found);
}

/* The dateline is not what a story is about; the headline's subject is. */
static void
test_english_dateline_and_headline (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"keywords\" { top = 5 }", &error);
  assert_null (error);
  g_autoptr (NfArticle) article = harness_article ("Record Ice Loss in Iceland",
    "REYKJAVIK, June 3 (Reuters) - Iceland's largest glacier lost ice at a record pace this "
    "summer, scientists said. The ice loss exposed new land.", NULL, "en");
  /* The text parser marks the dateline so; the harness article needs it by hand. */
  nf_article_add_annotation (article, "dateline", 0, strlen ("REYKJAVIK, June 3 (Reuters) - "));
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  GVariant *keywords = nf_article_get_field (article, "keywords");
  gboolean retreat = FALSE;
  for (gsize i = 0; i < g_variant_n_children (keywords); i++)
    {
      g_autoptr (GVariant) item = g_variant_get_child_value (keywords, i);
      const char *phrase = NULL;
      assert_true (g_variant_lookup (item, "phrase", "&s", &phrase));
      print_message ("glacier: %s\n", phrase);
      /* In the body's lower case, not the headline's title case. */
      retreat |= strcmp (phrase, "ice loss") == 0;
      assert_false (strcmp (phrase, "REYKJAVIK") == 0 || strcmp (phrase, "Reuters") == 0);
    }
  assert_true (retreat);
}

/* A headline's run of title-case words that the body never writes ("North Florida Tornado")
 * is typography, not a phrase of the story; the headline's words still count. */
static void
test_english_headline_only_fragment (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 10 }",
    "Four Die In North Florida Tornado",
    "A tornado struck north Florida on Tuesday and killed four people. The tornado destroyed "
    "mobile homes near Madison, officials said. Thunderstorms spawned the tornado.", "en");
  print_list ("tornado", list);
  for (guint i = 0; i < list->len; i++)
    assert_null (strstr (g_ptr_array_index (list, i), "Tornado"));
  assert_true (has (list, "tornado"));
}

/* One phrase per idea: once "1990 census" is chosen, its part "census" is no second key
 * phrase (the whole is not blocked by its part either: test_english_compounds_kept). */
static void
test_english_part_after_whole (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { ranker = \"rules\" top = 10 }",
    "Adjusting the 1990 census",
    "The 1990 census will count illegal aliens. Critics of the 1990 census said the census "
    "would shift House seats. Officials said the census counts every resident.", "en");
  print_list ("census", list);
  assert_true (has (list, "1990 census"));
  assert_false (has (list, "census"));
}

/* A word between a name and its object is a verb, not the end of the name ("Larry Page
 * relishes the role" gives "Larry Page", never "Larry Page relishes"). */
static void
test_english_verb_after_name (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 10 }",
    "Google founder returns",
    "Larry Page takes the helm at Google on Monday. Analysts said Larry Page relishes the role. "
    "Larry Page, a co-founder, replaces Eric Schmidt.", "en");
  print_list ("page", list);
  assert_true (has (list, "Larry Page"));
  for (guint i = 0; i < list->len; i++)
    {
      assert_null (strstr (g_ptr_array_index (list, i), "relishes"));
      assert_null (strstr (g_ptr_array_index (list, i), "takes"));
    }
}

/* A worker keeps its vocabulary and its candidate maps from article to article: a large
 * article (thousands of candidates: the maps and the ranked list grow) and a small one give,
 * in any order and again, what each gives on a fresh worker. */
static void
invented_word (GString *out, const char *prefix, guint n)
{
  g_string_append (out, prefix);
  do
    g_string_append_c (out, (char) ('a' + n % 26));
  while ((n /= 26) > 0);
}

static GVariant *
keywords_of (Harness *harness, const char *title, const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NfArticle) article = harness_article (title, body, NULL, "en");
  assert_true (harness_process (harness, article, &error));
  GVariant *keywords = nf_article_get_field (article, "keywords");
  assert_non_null (keywords);
  return g_variant_ref (keywords);
}

static void
test_english_worker_reused (void **state G_GNUC_UNUSED)
{
  const char *block = "extract \"keywords\" { }";
  GString *large = g_string_new (NULL);
  for (guint i = 0; i < 1500; i++)
    {
      g_string_append (large, "The ");
      invented_word (large, "kelvor", i);
      g_string_append (large, " council met ");
      invented_word (large, "Tarim", i * 7 % 1500);
      g_string_append_c (large, ' ');
      invented_word (large, "Plover", i % 300);
      g_string_append (large, i % 3 ? " about the harbour plans. " : " about harbours.\n\n");
    }
  const char *small = "The harbour council approved new harbour plans on Monday. Critics of the plans "
                      "said the council ignored the fishermen of the harbour.";
  g_autoptr (GError) error = NULL;
  Harness *fresh = harness_new (block, &error);
  g_autoptr (GVariant) large_fresh = keywords_of (fresh, "Harbour plans", large->str);
  harness_free (fresh);
  fresh = harness_new (block, &error);
  g_autoptr (GVariant) small_fresh = keywords_of (fresh, "Harbour vote", small);
  harness_free (fresh);
  assert_true (g_variant_n_children (large_fresh) == 10 && g_variant_n_children (small_fresh) > 0);

  Harness *harness = harness_new (block, &error);
  for (int round = 0; round < 2; round++)
    {
      g_autoptr (GVariant) first = keywords_of (harness, "Harbour vote", small);
      g_autoptr (GVariant) second = keywords_of (harness, "Harbour plans", large->str);
      g_autoptr (GVariant) third = keywords_of (harness, "Harbour vote", small);
      assert_true (g_variant_equal (first, small_fresh));
      assert_true (g_variant_equal (second, large_fresh));
      assert_true (g_variant_equal (third, small_fresh));
    }
  harness_free (harness);
  g_string_free (large, TRUE);
}

/* One phrase per idea: "menus" and "menu", "tornadoes" and "tornado" are one key phrase each
 * (the light plural folding leaves "-us" and "-oes" alone for "census"), and "census",
 * written without a singular beside it, stays as it is. */
static void
test_english_plural_variants (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 10 }",
    "Calorie counts",
    "Restaurants must post calories on menus. A menu lists each dish. Menus in chains change "
    "often, and tornadoes hit two towns. The tornado damaged a menu printer. The census "
    "counted the towns.", "en");
  print_list ("plurals", list);
  guint menu = 0, tornado = 0;
  for (guint i = 0; i < list->len; i++)
    {
      const char *phrase = g_ptr_array_index (list, i);
      menu += g_ascii_strcasecmp (phrase, "menu") == 0 || g_ascii_strcasecmp (phrase, "menus") == 0;
      tornado += g_ascii_strcasecmp (phrase, "tornado") == 0 || g_ascii_strcasecmp (phrase, "tornadoes") == 0;
    }
  assert_int_equal (menu, 1);
  assert_int_equal (tornado, 1);
  assert_true (has (list, "census"));
}

/* unit = "words": single content words, those inside phrases too, the most used first;
 * never a stopword, a verb-led phrase or a time word.  The default keeps phrases. */
static void
test_english_unit_words (void **state G_GNUC_UNUSED)
{
  const char *body =
    "The 1990 census will count illegal aliens. Critics of the 1990 census said the census "
    "would shift House seats on Monday. Officials said the census counts every resident, and "
    "the census bureau defended the census.";
  g_autoptr (GPtrArray) words = titled_phrases ("extract \"keywords\" { unit = \"words\" top = 5 }",
                                                "Adjusting the census", body, "en");
  print_list ("words", words);
  assert_true (words->len > 0 && words->len <= 5);
  assert_string_equal (g_ptr_array_index (words, 0), "census");
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      assert_null (strchr (word, ' '));
      assert_true (strcmp (word, "the") != 0 && strcmp (word, "Monday") != 0 && strcmp (word, "1990") != 0);
    }
  g_autoptr (GPtrArray) default_list = titled_phrases ("extract \"keywords\" { top = 5 }",
                                                       "Adjusting the census", body, "en");
  print_list ("phrases", default_list);
  assert_true (has (default_list, "1990 census"));
}

/* ranker = "model" (the default): the learned ranker keeps the phrase forms readable (no verb inside or at
 * an edge, names whole and unpadded), and single words compete with the phrases they are
 * part of: with features = true, "reform", written only inside "welfare reform", is a
 * candidate of its own, with every feature the ranker knows (24). */
static void
test_english_ranker_model (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) floods = titled_phrases ("extract \"keywords\" { ranker = \"model\" top = 20 }",
    "Floods hit coastal towns",
    "Severe floods hit the coastal towns of northern Australia during early March. Emergency "
    "crews evacuated residents as the floods hit roads and bridges. The floods destroyed crops "
    "in the land of stark contrasts, and the state government promised flood relief.", "en");
  print_list ("model floods", floods);
  assert_true (floods->len > 0 && floods->len <= 20);
  for (guint i = 0; i < floods->len; i++)
    {
      const char *phrase = g_ptr_array_index (floods, i);
      assert_null (strstr (phrase, " hit"));
      assert_null (strstr (phrase, "evacuated"));
      assert_false (g_str_has_suffix (phrase, " of") || strstr (phrase, " during") != NULL);
    }
  g_autoptr (GPtrArray) names = titled_phrases ("extract \"keywords\" { ranker = \"model\" top = 10 }",
    "Scientist wins prize",
    "New Zealand biochemist Garth Cooper won the award on Tuesday. Cooper said the Security "
    "Council had debated Resolution 1973 for weeks. Diplomats said Resolution 1973 allowed a "
    "no-fly zone. Cooper thanked the University of Auckland.", "en");
  print_list ("model names", names);
  /* The learned ranker is the default for English. */
  g_autoptr (GPtrArray) by_default = titled_phrases ("extract \"keywords\" { top = 10 }", "Scientist wins prize",
    "New Zealand biochemist Garth Cooper won the award on Tuesday. Cooper said the Security "
    "Council had debated Resolution 1973 for weeks. Diplomats said Resolution 1973 allowed a "
    "no-fly zone. Cooper thanked the University of Auckland.", "en");
  assert_int_equal (by_default->len, names->len);
  for (guint i = 0; i < names->len; i++)
    assert_string_equal (g_ptr_array_index (by_default, i), g_ptr_array_index (names, i));
  assert_true (has (names, "Garth Cooper"));
  assert_false (has (names, "Cooper"));
  for (guint i = 0; i < names->len; i++)
    assert_null (strstr (g_ptr_array_index (names, i), "biochemist Garth"));

  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"keywords\" { ranker = \"model\" features = true top = 2 }", &error);
  assert_null (error);
  g_autoptr (NfArticle) article = harness_article ("Senate passes welfare reform",
    "The Senate passed a welfare reform bill on Thursday. Supporters said welfare reform would "
    "move families from welfare to work.", NULL, "en");
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  GVariant *keywords = nf_article_get_field (article, "keywords");
  assert_true (g_variant_n_children (keywords) > 2); /* every candidate, not the top 2 */
  gboolean reform = FALSE;
  for (gsize i = 0; i < g_variant_n_children (keywords); i++)
    {
      g_autoptr (GVariant) item = g_variant_get_child_value (keywords, i);
      g_autoptr (GVariant) features = g_variant_lookup_value (item, "features", G_VARIANT_TYPE ("ad"));
      const char *key;
      assert_non_null (features);
      assert_int_equal (g_variant_n_children (features), 24);
      assert_true (g_variant_lookup (item, "key", "&s", &key));
      reform |= strcmp (key, "reform") == 0;
    }
  assert_true (reform);
}

/* unit = "words" with ranker = "model" (the default) ranks the single words by their own model
 * (models/keywords-en-words.model): with features = true every candidate is listed with the
 * ranker's 24 features, adjectives among them ("nuclear": crowd readers tag such words), each a
 * single word; ranker = "rules" keeps the hand-made weighting of frequency and rarity. */
static void
test_english_unit_words_model (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"keywords\" { unit = \"words\" features = true top = 2 }", &error);
  assert_null (error);
  g_autoptr (NfArticle) article = harness_article ("Iran talks resume",
    "Diplomats resumed nuclear talks with Iran in Geneva on Monday. The nuclear programme "
    "worries its neighbours, and the talks could ease sanctions.", NULL, "en");
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  GVariant *keywords = nf_article_get_field (article, "keywords");
  assert_true (g_variant_n_children (keywords) > 2); /* every candidate, not the top 2 */
  gboolean nuclear = FALSE;
  for (gsize i = 0; i < g_variant_n_children (keywords); i++)
    {
      g_autoptr (GVariant) item = g_variant_get_child_value (keywords, i);
      g_autoptr (GVariant) features = g_variant_lookup_value (item, "features", G_VARIANT_TYPE ("ad"));
      const char *key;
      assert_non_null (features);
      assert_int_equal (g_variant_n_children (features), 24);
      assert_true (g_variant_lookup (item, "key", "&s", &key));
      assert_null (strchr (key, ' '));
      if (strcmp (key, "nuclear") == 0)
        {
          gsize n;
          const double *x = g_variant_get_fixed_array (features, &n, sizeof (double));
          nuclear = x[5] == 1; /* EN_FEATURE_ADJECTIVE */
        }
    }
  assert_true (nuclear);

  const char *body =
    "The 1990 census will count illegal aliens. Critics of the 1990 census said the census "
    "would shift House seats on Monday. Officials said the census counts every resident, and "
    "the census bureau defended the census.";
  g_autoptr (GPtrArray) rules = titled_phrases ("extract \"keywords\" { unit = \"words\" ranker = \"rules\" top = 5 }",
                                                "Adjusting the census", body, "en");
  print_list ("words, rules", rules);
  assert_true (rules->len > 0 && rules->len <= 5);
  assert_string_equal (g_ptr_array_index (rules, 0), "census");
}

/* A model file that names a feature the ranker does not know is refused at init, saying
 * where: a model for another version must not be read with its weights misplaced. */
static void
test_ranker_model_checked (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-keywords-XXXXXX", &error);
  assert_null (error);
  g_autofree char *models = g_build_filename (dir, "models", NULL);
  g_autofree char *model = g_build_filename (models, "keywords-en.model", NULL);
  assert_int_equal (g_mkdir (models, 0700), 0);
  assert_true (g_file_set_contents (model, "# test\nbias 1\nloudness 2\n", -1, NULL));
  g_autofree char *saved = g_strdup (g_getenv ("NEWSFLOW_DATA_PATH"));
  g_setenv ("NEWSFLOW_DATA_PATH", dir, TRUE);
  Harness *harness = harness_new ("extract \"keywords\" { ranker = \"model\" }", &error);
  if (saved)
    g_setenv ("NEWSFLOW_DATA_PATH", saved, TRUE);
  else
    g_unsetenv ("NEWSFLOW_DATA_PATH");
  assert_null (harness);
  assert_non_null (error);
  assert_non_null (strstr (error->message, "loudness"));
  assert_non_null (strstr (error->message, ":3:"));
  g_remove (model);
  g_remove (models);
  g_remove (dir);
}

/* ---- phrase shapes (issue 20): no phrase a reader would call broken ---- */

/* Whether @list has @phrase exactly (case included). */
static gboolean
has_exact (GPtrArray *list, const char *phrase)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), phrase) == 0)
      return TRUE;
  return FALSE;
}

/* Whether a phrase of @list starts or ends with the word @word (any case), or is it. */
static gboolean
has_edge (GPtrArray *list, const char *word)
{
  gsize length = strlen (word);
  for (guint i = 0; i < list->len; i++)
    {
      const char *phrase = g_ptr_array_index (list, i);
      gsize n = strlen (phrase);
      if (n >= length && g_ascii_strncasecmp (phrase, word, length) == 0 && (phrase[length] == ' ' || phrase[length] == '\0'))
        return TRUE;
      if (n > length && g_ascii_strcasecmp (phrase + n - length, word) == 0 && phrase[n - length - 1] == ' ')
        return TRUE;
    }
  return FALSE;
}

/* Whether a phrase of @list has the word @word inside (not at an edge). */
static gboolean
has_inside (GPtrArray *list, const char *word)
{
  g_autofree char *spaced = g_strdup_printf (" %s ", word);
  for (guint i = 0; i < list->len; i++)
    if (strstr (g_ptr_array_index (list, i), spaced))
      return TRUE;
  return FALSE;
}

/* Every candidate of a short text is listed: a broken shape anywhere shows. */
#define ALL_YAKE "extract \"keywords\" { top = 200 }"

/* German: a capitalised verb opening a clause after a colon is no noun: it starts no phrase. */
static void
test_yake_german_verb_after_colon (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases (ALL_YAKE,
    "Die Regel ist einfach: Verlangt eine Bauaufsichtsbehörde weitere Unterlagen, ruht die Frist. "
    "Die Bauaufsichtsbehörde prüft die Unterlagen.", "de");
  print_list ("colon", list);
  assert_true (has (list, "Bauaufsichtsbehörde"));
  assert_false (has_edge (list, "Verlangt"));
}

/* German: a modal or auxiliary verb is inside no phrase ("Regierung will Verfahren"). */
static void
test_yake_german_modal_inside (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases (ALL_YAKE,
    "Die Landesregierung will Prüfverfahren vereinfachen. Die Landesregierung will Prüfverfahren "
    "digitalisieren, und die Landesregierung kann Prüfverfahren künftig online führen.", "de");
  print_list ("modal", list);
  assert_true (has (list, "Prüfverfahren"));
  assert_false (has_inside (list, "will") || has_inside (list, "kann"));
}

/* German: a phrase is built around nouns: a reporting verb alone, or a lower-case verb at an
 * edge, is none ("sagte", "Mieten steigen"). */
static void
test_yake_german_nouns_only (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases (ALL_YAKE,
    "Die Mieten steigen weiter, sagte die Sprecherin. Die Mieten steigen, sagte der Verband. "
    "Die Sprecherin sagte, die Mieten steigen schneller als die Löhne.", "de");
  print_list ("nouns", list);
  assert_true (has (list, "Mieten"));
  assert_false (has (list, "sagte") || has_edge (list, "steigen") || has_edge (list, "sagte"));
}

/* Spanish: an article after a content word opens the next noun phrase ("martes el nivel"). */
static void
test_yake_article_after_content_word (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases (ALL_YAKE,
    "La Junta aprobó el martes el nivel máximo de alerta. El martes el nivel del embalse bajó a "
    "mínimos históricos en toda la cuenca.", "es");
  print_list ("article", list);
  assert_false (has_inside (list, "el"));
}

/* Spanish: a finite verb form (an imperfect subjunctive, a preterite) is in no phrase. */
static void
test_yake_verb_ending_edge (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases (ALL_YAKE,
    "El ayuntamiento cerró los parques después de que el servicio meteorológico anunciara tormentas "
    "fuertes. Las tormentas fuertes dañaron varios tejados.", "es");
  print_list ("ending", list);
  assert_true (has (list, "tormentas fuertes"));
  assert_false (has_edge (list, "anunciara") || has_inside (list, "anunciara") || has_edge (list, "dañaron"));
}

/* A name longer than max-words is kept whole, never cut ("Estatal de Meteorología"). */
static void
test_yake_name_whole (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases (ALL_YAKE,
    "La Oficina Nacional de Estadística publicó el martes nuevos datos. Según la Oficina Nacional de "
    "Estadística, el paro bajó en marzo.", "es");
  print_list ("name", list);
  assert_true (has (list, "Oficina Nacional de Estadística"));
  assert_false (has (list, "Nacional de Estadística") || has (list, "Oficina Nacional"));
}

/* French: a conjunction ends no phrase ("décision saluée comme"). */
static void
test_yake_french_function_word_edge (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases (ALL_YAKE,
    "Le conseil a adopté une réforme présentée comme « urgente » par le maire. La réforme présentée "
    "comme prioritaire entre en vigueur en mai.", "fr");
  print_list ("comme", list);
  assert_false (has_edge (list, "comme"));
}

/* English: a particle of another language's name is part of the name, never a key word
 * alone ("del" of "Minera Andina del Norte"). */
static void
test_english_name_particle (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 50 }", "Miners strike",
    "Miners rejected an offer from operator Compania Minera del Pacifico on Monday. The union said "
    "Compania Minera del Pacifico had cut bonuses.", "en");
  print_list ("particle", list);
  assert_false (has (list, "del") || has_edge (list, "del"));
}

/* English: "a" takes a singular head: "a decision privacy advocates called ..." is two phrases
 * (a relative clause without "that"), not "decision privacy" nor "decision privacy advocates". */
static void
test_english_relative_without_that (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 50 }", "Court ruling",
    "The court ruled that police need a warrant, a ruling tenant groups called historic. Tenant "
    "groups had asked for the warrant rule.", "en");
  print_list ("relative", list);
  assert_false (has (list, "ruling tenant") || has (list, "ruling tenant groups"));
  assert_true (has (list, "tenant groups"));
}

/* English: a plural before a past tense is a subject, no verb ("privacy advocates called"). */
static void
test_english_plural_before_past (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 50 }", "Ruling welcomed",
    "Privacy advocates called the ruling historic. Consumer advocates welcomed it too.", "en");
  print_list ("advocates", list);
  assert_true (has (list, "privacy advocates"));
}

/* English: "mine" after a noun is the noun, not the pronoun that ends the phrase before it
 * ("copper mine", never "Cerro Alto copper"). */
static void
test_english_possessive_spelled_noun (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 50 }", "Strike",
    "Workers at the Lomas Blancas copper mine went on strike. The copper mine produced less ore.", "en");
  print_list ("mine", list);
  assert_true (has (list, "copper mine"));
  for (guint i = 0; i < list->len; i++)
    assert_false (g_str_has_suffix (g_ptr_array_index (list, i), "copper"));
}

/* English: a common word capitalised only by the start of a sentence, or of the text after the
 * dateline, is printed in lower case ("Shipments", "Measles cases"). */
static void
test_english_sentence_start_lower (void **state G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new ("extract \"keywords\" { top = 50 }", &error);
  assert_null (error);
  const char *dateline = "SEOUL, May 2 (Reuters) - ";
  g_autofree char *body = g_strconcat (dateline,
    "Measles cases rose sharply in April, officials said. Vaccine shipments were late.\n\n"
    "Shipments of vaccine doses fell by half. Officials blamed measles cases on gaps in vaccine "
    "shipments.", NULL);
  g_autoptr (NfArticle) article = harness_article ("Measles returns", body, NULL, "en");
  nf_article_add_annotation (article, "dateline", 0, strlen (dateline));
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  GVariant *keywords = nf_article_get_field (article, "keywords");
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < g_variant_n_children (keywords); i++)
    {
      g_autoptr (GVariant) item = g_variant_get_child_value (keywords, i);
      const char *phrase = NULL;
      assert_true (g_variant_lookup (item, "phrase", "&s", &phrase));
      g_ptr_array_add (list, g_strdup (phrase));
    }
  print_list ("start", list);
  assert_true (has_exact (list, "measles cases"));
  assert_false (has_exact (list, "Measles cases") || has_exact (list, "Shipments"));
}

/* method = "yake" keeps the language-independent method for English too. */
static void
test_method_yake (void **state G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) list = phrases ("extract \"keywords\" { method = \"yake\" top = 5 }", text, "en");
  assert_true (list->len > 0 && list->len <= 5);
  assert_true (has (list, "security guarantees"));
}

/* The stage writes its field in GVariant's serialised form itself (no tree of GVariants):
 * the bytes must be GLib's normal form, the same GLib's builder gives for the same items, with
 * 1- and 2-byte framing offsets (a list and a name longer than 255 bytes), for both methods,
 * the training listing and an empty list. */
static void
assert_serialised_as_glib (const char *block, const char *title, const char *body)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new (block, &error);
  assert_null (error);
  g_autoptr (NfArticle) article = harness_article (title, body, NULL, "en");
  assert_true (harness_process (harness, article, &error));
  harness_free (harness);
  GVariant *keywords = nf_article_get_field (article, "keywords");
  assert_non_null (keywords);
  assert_true (g_variant_is_normal_form (keywords));
  GVariantBuilder list;
  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; i < g_variant_n_children (keywords); i++)
    {
      g_autoptr (GVariant) item = g_variant_get_child_value (keywords, i);
      GVariantBuilder copy;
      g_variant_builder_init (&copy, G_VARIANT_TYPE_VARDICT);
      GVariantIter iter;
      const char *name;
      GVariant *value;
      g_variant_iter_init (&iter, item);
      while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
        {
          g_variant_builder_add (&copy, "{sv}", name, value);
          g_variant_unref (value);
        }
      g_variant_builder_add_value (&list, g_variant_builder_end (&copy));
    }
  g_autoptr (GVariant) rebuilt = g_variant_ref_sink (g_variant_builder_end (&list));
  assert_int_equal (g_variant_get_size (rebuilt), g_variant_get_size (keywords));
  assert_memory_equal (g_variant_get_data (rebuilt), g_variant_get_data (keywords), g_variant_get_size (keywords));
}

static void
test_serialised_form (void **state G_GNUC_UNUSED)
{
  g_autoptr (GString) body = g_string_new (text);
  const char *name = "Alexandrina Bartholomew Constantinople Demosthenes Evangelista Fitzgerald "
                     "Guadalajara Hieronymus Ignatius Jacqueline Kristofferson Leopoldina "
                     "Maximilian Nebuchadnezzar Octavianus Persephone Quetzalcoatl Rosalind "
                     "Sebastianus Theodora Ulrika Valentinus Wilhelmina Xenophon";
  assert_true (strlen (name) > 255);
  g_string_append_printf (body, "\n\nThe envoys met %s in Geneva. Later the envoys thanked %s again.", name, name);
  assert_serialised_as_glib ("extract \"keywords\" { top = 40 }", "Security guarantees", body->str);
  g_autoptr (GPtrArray) list = titled_phrases ("extract \"keywords\" { top = 40 }", "Security guarantees",
                                               body->str, "en");
  assert_true (has (list, name));
  assert_serialised_as_glib ("extract \"keywords\" { top = 3 }", "T", text);
  assert_serialised_as_glib ("extract \"keywords\" { method = \"yake\" top = 40 max-words = 8 }", "T", body->str);
  assert_serialised_as_glib ("extract \"keywords\" { features = true }", "T", text);
  assert_serialised_as_glib ("extract \"keywords\" { unit = \"words\" }", "T", text);
  assert_serialised_as_glib ("extract \"keywords\" { }", "T", "");
}

/* Keys of every length up to 40 (8 and 16 too, where the comparison changes method): equal
 * keys compare and hash equal whatever follows them; one byte changed anywhere compares
 * unequal.  The map finds every key of a family sharing prefixes, and no other. */
static void
test_arena_keys (void **state)
{
  (void) state;
  char a[64], b[64];
  for (gsize length = 0; length <= 40; length++)
    {
      for (gsize i = 0; i < sizeof a; i++)
        {
          a[i] = b[i] = (char) ('a' + (i * 7 + length) % 26);
          if (i >= length)
            b[i] = (char) ~a[i]; /* past the key: must not matter */
        }
      assert_true (bytes_equal (a, b, length));
      assert_int_equal (hash_bytes (a, length), hash_bytes (b, length));
      for (gsize i = 0; i < length; i++)
        {
          b[i] ^= 0x20;
          assert_false (bytes_equal (a, b, length));
          b[i] ^= 0x20;
        }
    }
  StrMap map;
  strmap_init (&map, 4);
  static const char word[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (gsize length = 1; length < sizeof word; length++)
    strmap_insert (&map, word, length, hash_bytes (word, length), GSIZE_TO_POINTER (length));
  for (gsize length = 1; length < sizeof word; length++)
    assert_int_equal (GPOINTER_TO_SIZE (strmap_lookup (&map, word, length, hash_bytes (word, length))), length);
  assert_null (strmap_lookup (&map, "abcdefgX", 8, hash_bytes ("abcdefgX", 8)));
  assert_null (strmap_lookup (&map, "abcdefghijklmnoX", 16, hash_bytes ("abcdefghijklmnoX", 16)));
  g_free (map.slots);
}

/* The index of a file's keys (the lexicon's words): a key is found only whole (not its prefix,
 * not a longer key it begins), a key listed twice is its last place, and every key is found
 * after the index grew many times from a table of 4 slots. */
static void
test_line_index (void **state)
{
  (void) state;
  /* keys cut by a NUL, as the lexicon's are at their tabs */
  static const char lines[] = "ab\0" "1\n" "abc\0" "2\n" "a\0" "3\n" "ab\0" "4\n";
  char file[sizeof lines];
  memcpy (file, lines, sizeof lines);
  LineIndex index;
  line_index_init (&index, 4);
  line_index_put (&index, file, 0, 2);  /* ab */
  line_index_put (&index, file, 5, 3);  /* abc */
  line_index_put (&index, file, 11, 1); /* a */
  line_index_put (&index, file, 15, 2); /* ab again */
  assert_int_equal (index.size, 3);
  assert_ptr_equal (line_index_find (&index, file, "ab", 2), file + 15);
  assert_ptr_equal (line_index_find (&index, file, "abc", 3), file + 5);
  assert_ptr_equal (line_index_find (&index, file, "a", 1), file + 11);
  assert_null (line_index_find (&index, file, "abcd", 4));
  assert_null (line_index_find (&index, file, "b", 1));
  assert_null (line_index_find (&index, file, "", 0));
  line_index_clear (&index);

  /* 1,000 keys "w0".."w999", each NUL-ended, put into 4 slots that must grow to 2,048 */
  GString *many = g_string_new (NULL);
  g_autofree gsize *offsets = g_new (gsize, 1000);
  for (guint k = 0; k < 1000; k++)
    {
      offsets[k] = many->len;
      g_string_append_printf (many, "w%u", k);
      g_string_append_c (many, '\0');
    }
  line_index_init (&index, 4);
  for (guint k = 0; k < 1000; k++)
    line_index_put (&index, many->str, offsets[k], strlen (many->str + offsets[k]));
  assert_int_equal (index.size, 1000);
  assert_int_equal (index.mask + 1, 2048);
  for (guint k = 0; k < 1000; k++)
    {
      g_autofree char *key = g_strdup_printf ("w%u", k);
      assert_ptr_equal (line_index_find (&index, many->str, key, strlen (key)), many->str + offsets[k]);
    }
  assert_null (line_index_find (&index, many->str, "w1000", 5));
  line_index_clear (&index);
  g_string_free (many, TRUE);
}

/* Allocations of every size, small and large, across many blocks and two resets: each is
 * 8-aligned and keeps what was written to it while the others are made. */
static void
test_arena_alloc (void **state)
{
  (void) state;
  Arena arena;
  arena_init (&arena);
  for (int round = 0; round < 3; round++)
    {
      g_autoptr (GPtrArray) made = g_ptr_array_new ();
      g_autoptr (GArray) sizes = g_array_new (FALSE, FALSE, sizeof (gsize));
      for (gsize i = 0; i < 3000; i++)
        {
          gsize size = i % 97 == 0 ? ARENA_BLOCK / 4 + i : (i * 37) % 600;
          guchar *memory = arena_alloc (&arena, size);
          assert_non_null (memory);
          assert_int_equal (GPOINTER_TO_SIZE (memory) % 8, 0);
          memset (memory, (int) (i & 0xff), size);
          g_ptr_array_add (made, memory);
          g_array_append_val (sizes, size);
        }
      for (guint i = 0; i < made->len; i++)
        {
          const guchar *memory = made->pdata[i];
          for (gsize k = 0; k < g_array_index (sizes, gsize, i); k++)
            assert_int_equal (memory[k], i & 0xff);
        }
      arena_reset (&arena);
    }
  arena_free (&arena);
}

typedef struct {
  double score;
  guint  order;
} Scored;

static inline gboolean
scored_before (const Scored *x, const Scored *y)
{
  if (x->score != y->score)
    return x->score > y->score;
  return x->order < y->order;
}

KEYWORDS_DEFINE_STABLE_SORT (sort_scored, GPtrArray, Scored, scored_before)
KEYWORDS_DEFINE_STABLE_TOP (top_scored, GPtrArray, Scored, scored_before)

/* The best k picked out are the first k of the stable sort, in its order, for every k and
 * lists full of ties (equal score and order: only the list's order tells them apart). */
static void
test_stable_top (void **state)
{
  (void) state;
  GRand *rand = g_rand_new_with_seed (15);
  for (int trial = 0; trial < 200; trial++)
    {
      guint n = g_rand_int_range (rand, 1, 120);
      Scored *items = g_new (Scored, n);
      g_autoptr (GPtrArray) ranked = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        {
          items[i] = (Scored) { g_rand_int_range (rand, 0, 6) / 4.0, g_rand_int_range (rand, 0, 4) };
          g_ptr_array_add (ranked, &items[i]);
        }
      g_autoptr (GPtrArray) sorted = g_ptr_array_copy (ranked, NULL, NULL);
      sort_scored (sorted);
      for (guint k = 1; k <= n + 2; k++)
        {
          Scored *top[130];
          guint got = top_scored (ranked, top, k);
          assert_int_equal (got, MIN (k, n));
          for (guint i = 0; i < got; i++)
            assert_ptr_equal (top[i], sorted->pdata[i]);
        }
      g_free (items);
    }
  g_rand_free (rand);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_multi_word_phrases),
    cmocka_unit_test (test_german_stopwords),
    cmocka_unit_test (test_empty_body),
    cmocka_unit_test (test_english_noun_phrases_only),
    cmocka_unit_test (test_english_names_whole),
    cmocka_unit_test (test_english_compounds_kept),
    cmocka_unit_test (test_english_most_used_form),
    cmocka_unit_test (test_english_dateline_and_headline),
    cmocka_unit_test (test_english_headline_only_fragment),
    cmocka_unit_test (test_english_part_after_whole),
    cmocka_unit_test (test_english_verb_after_name),
    cmocka_unit_test (test_english_plural_variants),
    cmocka_unit_test (test_english_worker_reused),
    cmocka_unit_test (test_english_unit_words),
    cmocka_unit_test (test_english_ranker_model),
    cmocka_unit_test (test_english_unit_words_model),
    cmocka_unit_test (test_ranker_model_checked),
    cmocka_unit_test (test_method_yake),
    cmocka_unit_test (test_yake_german_verb_after_colon),
    cmocka_unit_test (test_yake_german_modal_inside),
    cmocka_unit_test (test_yake_german_nouns_only),
    cmocka_unit_test (test_yake_article_after_content_word),
    cmocka_unit_test (test_yake_verb_ending_edge),
    cmocka_unit_test (test_yake_name_whole),
    cmocka_unit_test (test_yake_french_function_word_edge),
    cmocka_unit_test (test_english_name_particle),
    cmocka_unit_test (test_english_relative_without_that),
    cmocka_unit_test (test_english_plural_before_past),
    cmocka_unit_test (test_english_possessive_spelled_noun),
    cmocka_unit_test (test_english_sentence_start_lower),
    cmocka_unit_test (test_serialised_form),
    cmocka_unit_test (test_arena_keys),
    cmocka_unit_test (test_line_index),
    cmocka_unit_test (test_arena_alloc),
    cmocka_unit_test (test_stable_top),
  };
  return cmocka_run_group_tests_name ("keywords", tests, NULL, NULL);
}
