/* test-references.c: the "reference" annotations of extract "quotes" (references.c): the
 * people a text refers to without their name, each pronoun and description with the
 * canonical name of the person it stands for, and none where the person is not named. */
#include "config.h"

#include <string.h>

#include <newsflow/names.h>

#include "test-util.h"

static int
setup (void **state)
{
  return harness_setup (state, "extract \"entities\" { }\nextract \"quotes\" { }");
}

static int
setup_without (void **state)
{
  return harness_setup (state, "extract \"entities\" { }\nextract \"quotes\" { references = false }");
}

/* The references as "words -> canonical (kind)" in text order, joined with " | " (with the
 * label after the kind when it is not PERSON). */
static char *
references_of (Harness *h, const char *const *paragraphs)
{
  g_autoptr (NfArticle) article = nf_article_new ("test");
  nf_article_set_paragraphs (article, paragraphs, -1);
  g_autoptr (GError) error = NULL;
  assert_true (harness_process (h, article, &error));
  GString *out = g_string_new (NULL);
  const char *text = nf_article_get_text (article);
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *a = nf_article_get_annotation (article, i);
      if (strcmp (nf_annotation_get_type (a), NF_ANNOTATION_REFERENCE) != 0)
        continue;
      gsize start = nf_annotation_get_start (a), end = nf_annotation_get_end (a);
      const char *label = nf_annotation_get_attr_string (a, NF_ATTR_LABEL);
      gboolean person = g_strcmp0 (label, NF_LABEL_PERSON) == 0;
      g_string_append_printf (out, "%s%.*s -> %s (%s%s%s)", out->len ? " | " : "", (int) (end - start), text + start,
                              nf_annotation_get_attr_string (a, NF_ATTR_CANONICAL),
                              nf_annotation_get_attr_string (a, NF_ATTR_KIND), person ? "" : ", ", person ? "" : label);
    }
  return g_string_free (out, FALSE);
}

#define assert_references(h, expected, ...)                           \
  do {                                                                \
    const char *paragraphs_[] = { __VA_ARGS__, NULL };                \
    g_autofree char *got_ = references_of (h, paragraphs_);           \
    assert_string_equal (got_, expected);                             \
  } while (0)

static void
test_third_person (void **state)
{
  Harness *h = *state;
  assert_references (h, "She -> Iryna Savchuk (pronoun) | her -> Iryna Savchuk (pronoun)",
                     "Iryna Savchuk visited the port on Monday.", "She said her ministry would reopen the berths.");
  /* "him" is not the subject of its own clause */
  assert_references (h, "him -> Sergei Lavrov (pronoun)",
                     "Secretary John Kerry spoke with Foreign Minister Sergei Lavrov and urged him to act.");
  assert_references (h, "him -> Matthew Byrne (pronoun)",
                     "Matthew Byrne batted for five hours before Jack Halloran trapped him lbw.");
  /* "him or her" is anyone */
  assert_references (h, "", "Lender Joy Okafor sent messages calling him or her a thief.");
  /* inside a quotation "he" is the speaker's word for someone the text may not name */
  assert_references (h, "", "\"He will not win this time,\" Anna Berg told reporters in the square.");
}

static void
test_first_person (void **state)
{
  Harness *h = *state;
  assert_references (h, "I -> Marta Ruiz (pronoun) | my -> Marta Ruiz (pronoun)",
                     "\"I am proud of my players and of this club,\" said Marta Ruiz.");
  /* a statement a person's "said:" introduces, without quotation marks, as press releases
   * write it; the title set off by commas is a description of them */
  assert_references (h,
                     "Foreign Office Minister -> Tobias Ellwood (description) | I -> Tobias Ellwood (pronoun) | "
                     "My -> Tobias Ellwood (pronoun)",
                     "Foreign Office Minister, Tobias Ellwood, said:",
                     "I condemn this attack on innocent people. My thoughts are with the families.");
  /* "mine" is more often a pit than a pronoun */
  assert_references (h, "", "\"This is the future of the mine,\" said Paula Riquelme.");
  /* no person introduces it: nobody's words */
  assert_references (h, "", "The embassy said:", "I condemn this attack on innocent people.");
}

/* "we" in a quotation is the organisation that speaks, or the one its speaker speaks for */
static void
test_organisations (void **state)
{
  Harness *h = *state;
  assert_references (h, "We -> European Commission (pronoun, ORGANIZATION)",
                     "\"We are ready to act,\" said a spokesman for the European Commission.");
  assert_references (h, "We -> CJTF-OIR (pronoun, ORGANIZATION) | the CJTF-OIR spokesperson -> John Dorrian (description)",
                     "\"We will not allow them to regroup,\" said Col. John Dorrian, the CJTF-OIR spokesperson.");
  /* no organisation beside the speaker: the "we" of a fisherman is his family's */
  assert_references (h, "I -> Arnel Bautista (pronoun)",
                     "\"We lost everything, and I do not know where to go,\" said Arnel Bautista, a fisherman.");
  /* an economist's "us" is the market, not the bank that employs them */
  assert_references (h, "",
                     "\"The central bank is telling us it will wait,\" said Ana Lima, chief economist at Banco Horizonte.");
}

static void
test_descriptions (void **state)
{
  Harness *h = *state;
  assert_references (h, "The secretary -> Philip Hammond (description) | the UK Special Envoy -> Gareth Bayley (description)",
                     "Foreign Secretary Philip Hammond arrived in Baghdad on Sunday with UK Special Envoy Gareth Bayley.",
                     "The secretary met officials in the capital, and the UK Special Envoy met the opposition.");
  /* a title nobody named bears, or another one, stands for nobody */
  assert_references (h, "", "Foreign Secretary Philip Hammond arrived in Baghdad on Sunday.",
                     "The Defence Secretary and the Prime Minister stayed in London.");
  assert_references (h, "Minister for the Middle East -> Tobias Ellwood (description)",
                     "Tobias Ellwood, Minister for the Middle East, said the talks would go on.");
  /* a title word that names no person heads no description: the festival is no director */
  assert_references (h, "", "Festival director Mark Henderson said the festival had sold every ticket.");
  /* a list after a name is no apposition */
  assert_references (h, "",
                     "We will work with Prime Minister Haider al-Abadi, the Iraqi Security Forces, and our partners.");
}

static void
test_option_off (void **state)
{
  Harness *h = *state;
  assert_references (h, "", "Iryna Savchuk visited the port on Monday.", "She said the berths would reopen.");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_third_person, setup, harness_teardown),
    cmocka_unit_test_setup_teardown (test_first_person, setup, harness_teardown),
    cmocka_unit_test_setup_teardown (test_organisations, setup, harness_teardown),
    cmocka_unit_test_setup_teardown (test_descriptions, setup, harness_teardown),
    cmocka_unit_test_setup_teardown (test_option_off, setup_without, harness_teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
