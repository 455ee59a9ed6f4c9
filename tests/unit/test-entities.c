/* test-entities.c: the "entities" extractor on hand-written sentences: each rule that makes
 * a name (gazetteers, titles, organisation and place words, capitalised sequences, short
 * mentions resolved to the full name) and the words that must not become entities.  The
 * word lists it relies on (titles, organisation and place words) live in the lexicon that
 * entities and quotes share, plugins/extract/nlp/lexicon.c, so these tests cover it too. */
#include "config.h"

#include <string.h>

#include "test-util.h"

/* The entities stage with the given options: a Harness from test-util. */
typedef Harness Fixture;

static int
setup_with (void **state, const char *options)
{
  g_autofree char *block = g_strdup_printf ("extract \"entities\" { %s }", options);
  g_autoptr (GError) error = NULL;
  *state = harness_new (block, &error);
  assert_null (error);
  return 0;
}

static int
setup (void **state)
{
  return setup_with (state, "");
}

static int
setup_user_gazetteer (void **state)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *file = test_write_file (dir, "mine.txt",
                                           "# a user list\nAcme Widgets\tORGANIZATION\tAcme Widgets Ltd\n"
                                           "Zorblax\tLOCATION\n");
  g_autofree char *options = g_strdup_printf ("gazetteers = { \"%s\" }", file);
  int status = setup_with (state, options);
  test_dir_remove (dir);
  return status;
}

static int
setup_model (void **state)
{
  return setup_with (state, "model = \"models/entities-en.model\"");
}

static int
setup_conll (void **state)
{
  return setup_with (state, "convention = \"conll\"");
}

static int
teardown (void **state)
{
  harness_free (*state);
  return 0;
}

/* The entities of @paragraphs under @headline (or none) as "text=LABEL:canonical" joined
 * with "; ". */
static char *
entities_under (Fixture *f, const char *headline, const char *const *paragraphs)
{
  g_autoptr (NfArticle) article = nf_article_new ("test");
  nf_article_set_paragraphs (article, paragraphs, -1);
  if (headline)
    nf_article_set_title (article, headline);
  g_autoptr (GError) error = NULL;
  assert_true (harness_process (f, article, &error));
  GString *out = g_string_new (NULL);
  const char *text = nf_article_get_text (article);
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *a = nf_article_get_annotation (article, i);
      if (strcmp (nf_annotation_get_type (a), "entity") != 0)
        continue;
      gsize start = nf_annotation_get_start (a), end = nf_annotation_get_end (a);
      g_string_append_printf (out, "%s%.*s=%s:%s", out->len ? "; " : "", (int) (end - start), text + start,
                              nf_annotation_get_attr_string (a, "label"),
                              nf_annotation_get_attr_string (a, "canonical"));
      const char *title = nf_annotation_get_attr_string (a, "title");
      if (title)
        g_string_append_printf (out, " [%s]", title);
    }
  return g_string_free (out, FALSE);
}

static char *
entities_of (Fixture *f, const char *const *paragraphs)
{
  return entities_under (f, NULL, paragraphs);
}

static char *
entities_of_text (Fixture *f, const char *text)
{
  const char *paragraphs[] = { text, NULL };
  return entities_of (f, paragraphs);
}

#define assert_entities(f, text, expected)             \
  do {                                                 \
    g_autofree char *got_ = entities_of_text (f, text);\
    assert_string_equal (got_, expected);              \
  } while (0)

static void
test_gazetteers (void **state)
{
  Fixture *f = *state;
  /* countries and regions from iso-codes, cities, short forms with their canonical name; a
   * country that acts is the state, an organisation (states.c) */
  assert_entities (f, "Talks in Kyiv and Ohio went on while the U.S. watched.",
                   "Kyiv=LOCATION:Kyiv; Ohio=LOCATION:Ohio; U.S.=ORGANIZATION:United States");
  assert_entities (f, "Officials from the Syrian Arab Republic met NATO.",
                   "Syrian Arab Republic=LOCATION:Syria; NATO=ORGANIZATION:NATO");
}

static void
test_nationalities (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Turkish millers bought Ukrainian wheat.",
                   "Turkish=NATIONALITY:Turkish; Ukrainian=NATIONALITY:Ukrainian");
}

static void
test_titles_are_not_names (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "The visit was led by Deputy Minister Iryna Savchuk on Monday.",
                   "Iryna Savchuk=PERSON:Iryna Savchuk [Deputy Minister]");
  assert_entities (f, "It was approved by Gen. Joseph Votel and Staff Sgt. Albert Connelly.",
                   "Joseph Votel=PERSON:Joseph Votel [Gen.]; Albert Connelly=PERSON:Albert Connelly [Staff Sgt.]");
  assert_entities (f, "He met Secretary of State John Kerry in Geneva.",
                   "John Kerry=PERSON:John Kerry [Secretary of State]; Geneva=LOCATION:Geneva");
  /* the speaker of a house, and occupations news writes before a name */
  assert_entities (f, "House Speaker Mike Johnson spoke.", "Mike Johnson=PERSON:Mike Johnson [House Speaker]");
  assert_entities (f, "Ayatollah Mohammad Shakhiry spoke.", "Mohammad Shakhiry=PERSON:Mohammad Shakhiry [Ayatollah]");
  /* a middle initial, even one that is a word ("A", "I"), after a title */
  assert_entities (f, "Senator John A. Boehner said no.", "John A. Boehner=PERSON:John A. Boehner [Senator]");
  /* a Roman numeral that ends a person's name is part of it; "World War II" is no person */
  assert_entities (f, "Queen Elizabeth II and Charles H. Keating IV were there.",
                   "Elizabeth II=PERSON:Elizabeth II [Queen]; Charles H. Keating IV=PERSON:Charles H. Keating IV");
  assert_entities (f, "After World War II it changed.", "");
  /* a title word after a given name is a surname, whatever follows */
  assert_entities (f, "Martin Luther King Jr. spoke.", "Martin Luther King Jr=PERSON:Martin Luther King Jr");
  /* but a title between a given name and a given name is a title ("Tesla" is one) */
  assert_entities (f, "Tesla CEO Elon Musk spoke.", "Elon Musk=PERSON:Elon Musk [Tesla CEO]");
  /* a firm named like a given name, alone; before a surname, a person */
  assert_entities (f, "Lewis Hamilton of Mercedes won the British Grand Prix.",
                   "Lewis Hamilton=PERSON:Lewis Hamilton; Mercedes=ORGANIZATION:Mercedes-Benz");
  assert_entities (f, "Mercedes Schlapp spoke.", "Mercedes Schlapp=PERSON:Mercedes Schlapp");
  /* the first words of an organisation's name stand for it; not a place it is named after */
  assert_entities (f, "The Golden State Warriors won. Golden State led by ten.",
                   "Golden State Warriors=ORGANIZATION:Golden State Warriors; "
                   "Golden State=ORGANIZATION:Golden State Warriors");
  assert_entities (f, "Madison County Memorial Hospital is in Madison County.",
                   "Madison County Memorial Hospital=ORGANIZATION:Madison County Memorial Hospital; "
                   "Madison County=LOCATION:Madison County");
  /* two institutions joined by "and", each complete with its head word */
  assert_entities (f, "Researchers at the Massachusetts Institute of Technology and Harvard Medical School agreed.",
                   "Massachusetts Institute of Technology=ORGANIZATION:Massachusetts Institute of Technology; "
                   "Harvard Medical School=ORGANIZATION:Harvard Medical School");
  assert_entities (f, "The Department of Health and Human Services spoke.",
                   "Department of Health and Human Services=ORGANIZATION:Department of Health and Human Services");
  /* instruments are no people */
  assert_entities (f, "The James Webb Space Telescope imaged it.", "");
  /* a web domain's ending makes a firm's name */
  assert_entities (f, "Shares of Amazon.com rose.", "Amazon.com=ORGANIZATION:Amazon.com");
  /* an owner's possessive ends a name before another name; a unit its owner names goes on */
  assert_entities (f, "Shares of South Korea's Samsung Electronics rose.",
                   "South Korea=LOCATION:South Korea; Samsung Electronics=ORGANIZATION:Samsung Electronics");
  assert_entities (f, "Analysts at Germany's Economy Ministry agreed.",
                   "Germany's Economy Ministry=ORGANIZATION:Germany's Economy Ministry");
  /* a place's head word after a title and a given name is a surname; not after a royal's
   * title, after whom places are named */
  assert_entities (f, "Coach Harry Hill said no.", "Harry Hill=PERSON:Harry Hill [Coach]");
  assert_entities (f, "The oil reached Prince William Sound.", "Prince William Sound=LOCATION:Prince William Sound");
}

static void
test_organisation_rules (void **state)
{
  Fixture *f = *state;
  /* a suffix, "of" and "and" inside the name, a possessive that ends it */
  assert_entities (f, "The Ministry of Agrarian Policy and Food said the Ukrainian Sea Ports Authority agreed.",
                   "Ministry of Agrarian Policy and Food=ORGANIZATION:Ministry of Agrarian Policy and Food; "
                   "Ukrainian Sea Ports Authority=ORGANIZATION:Ukrainian Sea Ports Authority");
  assert_entities (f, "Shares of Acme Robotics Inc. rose after the Department of the Treasury spoke.",
                   "Acme Robotics Inc=ORGANIZATION:Acme Robotics Inc; "
                   "Department of the Treasury=ORGANIZATION:Department of the Treasury");
  /* "and the" joins two names */
  assert_entities (f, "The Government of Iraq and the Kurdistan Regional Government met.",
                   "Government of Iraq=ORGANIZATION:Government of Iraq; "
                   "Kurdistan Regional Government=ORGANIZATION:Kurdistan Regional Government");
}

static void
test_place_rules (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Ships crossed the Gulf of Aden toward Tolaga Bay.",
                   "Gulf of Aden=LOCATION:Gulf of Aden; Tolaga Bay=LOCATION:Tolaga Bay");
  /* a town with its region is one place (re3d's convention; see test_conll_regions); a list
   * is not */
  assert_entities (f, "He was born in Vermillion, South Dakota, in 1990.",
                   "Vermillion, South Dakota=LOCATION:Vermillion");
  assert_entities (f, "Buyers were Egypt, Spain, Turkey and China.",
                   "Egypt=LOCATION:Egypt; Spain=LOCATION:Spain; Turkey=LOCATION:Turkey; China=LOCATION:China");
  /* evidence for an unknown word: a place preposition */
  assert_entities (f, "Andriy Melnychenko farms near Mykolaiv.",
                   "Andriy Melnychenko=PERSON:Andriy Melnychenko; Mykolaiv=LOCATION:Mykolaiv");
}

static void
test_short_mentions_resolve (void **state)
{
  Fixture *f = *state;
  const char *paragraphs[] = {
    "President Volodymyr Zelenskyy spoke to the Syrian Democratic Forces (SDF) by phone.",
    "Zelenskyy said the SDF had agreed. Later Zelenskyy's office confirmed it.",
    NULL,
  };
  g_autofree char *got = entities_of (f, paragraphs);
  assert_string_equal (got,
                       "Volodymyr Zelenskyy=PERSON:Volodymyr Zelenskyy [President]; "
                       "Syrian Democratic Forces=ORGANIZATION:Syrian Democratic Forces; "
                       "SDF=ORGANIZATION:Syrian Democratic Forces; "
                       "Zelenskyy=PERSON:Volodymyr Zelenskyy; "
                       "SDF=ORGANIZATION:Syrian Democratic Forces; "
                       "Zelenskyy=PERSON:Volodymyr Zelenskyy");
}

static void
test_lone_words_need_evidence (void **state)
{
  Fixture *f = *state;
  /* "said Russell": a speech verb makes a person; an unknown word alone is nothing */
  assert_entities (f, "\"We always look ahead,\" said Russell.", "Russell=PERSON:Russell");
  assert_entities (f, "The report mentioned Kestrel twice.", "");
  /* but not a word after "told" (the outlet told), one after a name and a comma ending the
   * line (an affiliation), nor a place preposition's object before ", who" */
  assert_entities (f, "Myers, who ran it, told Variety: \"We are done.\"", "Myers=PERSON:Myers");
  assert_entities (f, "Larry Magid, Forbes", "Larry Magid=PERSON:Larry Magid");
  assert_entities (f, "The lab is run by Ann Lee in Morgantown, who studies pulsars.",
                   "Ann Lee=PERSON:Ann Lee; Morgantown=LOCATION:Morgantown");
}

/* A role word never ends a person's name; a party's members are a group. */
static void
test_roles_and_members_last (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "She is a Sports Business Analyst now.", "");
  assert_entities (f, "The bill split House Democrats on Monday.", "House Democrats=ORGANIZATION:House Democrats");
  assert_entities (f, "The rights of Indigenous Peoples matter.", "Indigenous Peoples=ORGANIZATION:Indigenous Peoples");
}

static void
test_not_entities (void **state)
{
  Fixture *f = *state;
  /* sentence-initial common words, days, months, adjectives in capitals */
  assert_entities (f, "Exports rose. However, exports fell on Monday in March.", "");
  /* (a known place before "-based" is named: test_ampersands_and_owner_adjectives) */
  assert_entities (f, "Meanwhile the Post-war firm said nothing.", "");
  /* names of operations, storms, days and laws are not people, places or organisations */
  assert_entities (f, "Operation Inherent Resolve began on Thanksgiving Day as Typhoon Lawin hit.", "");
  /* a title alone is a person (roles.c, test_roles), but not a title with a name after it */
  assert_entities (f, "The Foreign Secretary Smith met the President.",
                   "Smith=PERSON:Smith [Foreign Secretary]; President=PERSON:President");
}

static void
test_surnames (void **state)
{
  Fixture *f = *state;
  /* two surnames; a person's surname that is also a place in the gazetteers */
  assert_entities (f, "Guadalupe Ramírez Soto won. Ramírez cried. Ernesto Lugo said Lugo would run in Lugo.",
                   "Guadalupe Ramírez Soto=PERSON:Guadalupe Ramírez Soto; Ramírez=PERSON:Guadalupe Ramírez Soto; "
                   "Ernesto Lugo=PERSON:Ernesto Lugo; Lugo=PERSON:Ernesto Lugo; Lugo=LOCATION:Lugo");
}

/* Each worker keeps the rules' buffers from one article to the next, and gives back what a
 * huge article grew: what an article gets does not depend on the articles before it. */
static void
test_worker_reuse (void **state)
{
  Fixture *f = *state;
  const char *text = "Guadalupe Ramírez Soto won. Ramírez cried. Ernesto Lugo said Lugo would run in Lugo.";
  g_autofree char *alone = entities_of_text (f, text);
  g_autofree char *other = entities_of_text (f, "Secretary of State John Kerry met Iraqi Prime Minister Haider "
                                                "al-Abadi in Baghdad on Monday.");
  assert_string_equal (other, "John Kerry=PERSON:John Kerry [Secretary of State]; "
                              "Haider al-Abadi=PERSON:Haider al-Abadi [Iraqi Prime Minister]; Baghdad=LOCATION:Baghdad");
  g_autofree char *again = entities_of_text (f, text);
  assert_string_equal (again, alone);
  /* past the 65,536 tokens a worker keeps room for */
  g_autoptr (GString) huge = g_string_new (NULL);
  while (huge->len < 400000)
    g_string_append (huge, "Mr Lugo met the Ramírez family in Soto, Spain, on Monday. ");
  g_autofree char *big = entities_of_text (f, huge->str);
  assert_true (g_str_has_prefix (big, "Lugo=PERSON:"));
  g_autofree char *after = entities_of_text (f, text);
  assert_string_equal (after, alone);
}

/* An article of thousands of people: the tables that resolve a surname to the person
 * named in full grow far past their first room (and are given back smaller after), and the
 * first and the last person are still found by their surnames. */
static void
test_many_people (void **state)
{
  Fixture *f = *state;
  const char *text = "Guadalupe Ramírez Soto won. Ramírez cried. Ernesto Lugo said Lugo would run in Lugo.";
  g_autofree char *alone = entities_of_text (f, text);
  g_autoptr (GString) many = g_string_new (NULL);
  enum { N_PEOPLE = 3000 };
  for (guint i = 0; i < N_PEOPLE; i++)
    g_string_append_printf (many, "John Var%c%c%c spoke. ", 'a' + i / 676, 'a' + i / 26 % 26, 'a' + i % 26);
  g_string_append_printf (many, "Later Varaaa said no. Then Var%c%c%c said yes.", 'a' + (N_PEOPLE - 1) / 676,
                          'a' + (N_PEOPLE - 1) / 26 % 26, 'a' + (N_PEOPLE - 1) % 26);
  g_autofree char *got = entities_of_text (f, many->str);
  assert_non_null (strstr (got, "; Varaaa=PERSON:John Varaaa"));
  assert_non_null (strstr (got, "; Varelj=PERSON:John Varelj"));
  g_autofree char *after = entities_of_text (f, text);
  assert_string_equal (after, alone);
}

static void
test_titles_of_works (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "The prize went to “The Quiet Year,” a documentary, and “Eleven Tides.”", "");
}

static void
test_german_nouns (void **state)
{
  Fixture *f = *state;
  g_autoptr (NfArticle) article = nf_article_new ("test");
  /* German capitalises every noun: a known given name and the word after it are a person
   * (with the particles of a surname), a lone word only as the surname of one; "Petra den
   * Text" and "Zukunft" are no names */
  const char *paragraphs[] = {
    "Schnellere Genehmigungen helfen, sagte Ministerin Katrin Wehmeyer in Berlin.",
    "Dessen Sprecherin Annette Kühnel widersprach. Wehmeyer wies die Kritik zurück, und Gabriele von "
    "Bülow schwieg. Die Zukunft gab Petra den Text.",
    NULL,
  };
  nf_article_set_paragraphs (article, paragraphs, -1);
  nf_article_set_language (article, "de");
  g_autoptr (GError) error = NULL;
  assert_true (harness_process (f, article, &error));
  GString *got = g_string_new (NULL);
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    g_string_append_printf (got, "%s;", nf_annotation_get_attr_string (nf_article_get_annotation (article, i), "canonical"));
  assert_string_equal (got->str, "Katrin Wehmeyer;Berlin;Annette Kühnel;Katrin Wehmeyer;Gabriele von Bülow;");
  g_string_free (got, TRUE);
}

static void
test_nickname (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "It was announced by Col. John \"J.D.\" Dorrian.",
                   "John \"J.D.\" Dorrian=PERSON:John Dorrian [Col.]");
}

static void
test_user_gazetteer (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Staff at Acme Widgets flew to Zorblax.",
                   "Acme Widgets=ORGANIZATION:Acme Widgets Ltd; Zorblax=LOCATION:Zorblax");
}

static void
test_entities_field (void **state)
{
  Fixture *f = *state;
  g_autoptr (NfArticle) article = nf_article_new ("test");
  const char *paragraphs[] = { "Iryna Savchuk visited Odesa. Savchuk then left Odesa.", NULL };
  nf_article_set_paragraphs (article, paragraphs, -1);
  g_autoptr (GError) error = NULL;
  assert_true (harness_process (f, article, &error));
  GVariant *field = nf_article_get_field (article, "entities");
  assert_non_null (field);
  g_autofree char *printed = g_variant_print (field, FALSE);
  assert_string_equal (printed,
                       "[{'name': <'Iryna Savchuk'>, 'label': <'PERSON'>, 'mentions': <int64 2>}, "
                       "{'name': <'Odesa'>, 'label': <'LOCATION'>, 'mentions': <int64 2>}]");

  /* a name whose mentions differ in label (the state twice, the place once) is listed once,
   * with the label most of them carry */
  g_autoptr (NfArticle) states = nf_article_new ("test");
  const char *more[] = { "Ukraine said it would reply. Strikes hit Ukraine. Ukraine has asked for help.", NULL };
  nf_article_set_paragraphs (states, more, -1);
  assert_true (harness_process (f, states, &error));
  g_autofree char *listed = g_variant_print (nf_article_get_field (states, "entities"), FALSE);
  assert_string_equal (listed, "[{'name': <'Ukraine'>, 'label': <'ORGANIZATION'>, 'mentions': <int64 3>}]");
}

/* "Theresa May" keeps its month-named surname; "May 5" after a place is a date */
static void
test_month_surname (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Officials said Theresa May spoke.", "Theresa May=PERSON:Theresa May");
  assert_entities (f, "They met in Paris May 5 and again in June.", "Paris=LOCATION:Paris");
  assert_entities (f, "Rain fell in Paris Monday.", "Paris=LOCATION:Paris");
  /* a title word after a given name is a surname, and alone later it names that person;
   * a title alone that is nobody's surname stays the office (roles.c) */
  assert_entities (f, "Former prime minister John Major spoke.", "John Major=PERSON:John Major");
  assert_entities (f, "Kendra Bishop spoke. Bishop said the union would march.",
                   "Kendra Bishop=PERSON:Kendra Bishop; Bishop=PERSON:Kendra Bishop");
  assert_entities (f, "Saudi King Salman met the Bishop.", "Salman=PERSON:Salman [Saudi King]");
}

/* post-nominal letters and peerage titles mark a person; the letters are no part of the name */
static void
test_postnominals_and_peers (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "The report by John Smith QC was read.", "John Smith=PERSON:John Smith");
  assert_entities (f, "The Rt Hon Theresa May MP visited.", "Theresa May=PERSON:Theresa May [Rt Hon]");
  assert_entities (f, "A statement from Baroness Anelay followed.", "Anelay=PERSON:Anelay [Baroness]");
  assert_entities (f, "Labour MP Jess Phillips said so.", "Jess Phillips=PERSON:Jess Phillips [Labour MP]");
  /* the office's object after "of the" is no name of its own; the office used alone names
   * its holder (roles.c) */
  assert_entities (f, "The Chancellor of the Exchequer said so today.",
                   "Chancellor of the Exchequer=PERSON:Chancellor of the Exchequer");
  assert_entities (f, "Then Secretary of the Navy Ray Mabus said so.",
                   "Ray Mabus=PERSON:Ray Mabus [Secretary of the Navy]");
  assert_entities (f, "Talks with NATO Secretary-General Jens Stoltenberg ended.",
                   "Jens Stoltenberg=PERSON:Jens Stoltenberg [NATO Secretary-General]");
  /* the letters alone are not a name */
  assert_entities (f, "Every MP voted and the QC agreed.", "");
}

/* acronyms: hyphenated, with a small letter inside, with a possessive; not degrees or
 * single letters */
static void
test_acronym_shapes (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "A spokesman for CJTF-OIR spoke.", "CJTF-OIR=ORGANIZATION:CJTF-OIR");
  assert_entities (f, "The plan of the DoD was approved.", "DoD=ORGANIZATION:DoD");
  assert_entities (f, "It makes the ISF\u2019s job easier.", "ISF=ORGANIZATION:ISF");
  assert_entities (f, "She earned a PhD and took an X-RAY of the unit.", "");
  assert_entities (f, "A US-led unit left.", "US=LOCATION:United States");
  /* acronyms of things and measures name no organisation */
  assert_entities (f, "The SUV had an OLED screen, GPS and a CPI reading; NATO paid.", "NATO=ORGANIZATION:NATO");
}

/* the head before "of" decides; a country before a title names only the country */
static void
test_heads_and_titled_places (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "A cable from the Department of State arrived.",
                   "Department of State=ORGANIZATION:Department of State");
  assert_entities (f, "He met the U.S. Secretary of State on Friday.", "U.S.=LOCATION:United States");
  assert_entities (f, "Ministers of the Global Coalition to Counter ISIL met.",
                   "Global Coalition to Counter ISIL=ORGANIZATION:Global Coalition to Counter ISIL");
  /* an infinitive "to" in a capitalised phrase is no evidence for a place */
  assert_entities (f, "Efforts to Defeat ISIL go on.", "ISIL=ORGANIZATION:ISIL");
}

/* lone unknown words become places with evidence: a list with a known place, their country
 * after them, a capitalised preposition starting the sentence, a plural place noun; the
 * evidence also names the word's earlier mentions */
static void
test_place_evidence (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Bombs went off in Baghdad and Najaf.", "Baghdad=LOCATION:Baghdad; Najaf=LOCATION:Najaf");
  assert_entities (f, "Near Sinjar, two strikes hit.", "Sinjar=LOCATION:Sinjar");
  assert_entities (f, "Attacks hit the towns of Jabla and Tartus.", "Jabla=LOCATION:Jabla; Tartus=LOCATION:Tartus");
  assert_entities (f, "Fighters defend Tabqa. Later they fled from Tabqa.",
                   "Tabqa=LOCATION:Tabqa; Tabqa=LOCATION:Tabqa");
  /* no evidence: a lone unknown word stays out */
  assert_entities (f, "Fighters defend Tabqa.", "");
}

/* where only an organisation or a place stands: a lone unknown word by the words around it */
static void
test_lone_word_contexts (void **state)
{
  Fixture *f = *state;
  /* a source, a company's shares, desks and kinds of organisation */
  assert_entities (f, "Prices rose, according to Brevik.", "Brevik=ORGANIZATION:Brevik");
  assert_entities (f, "Officials said Talvora shares fell.", "Talvora=ORGANIZATION:Talvora");
  assert_entities (f, "Officials sold a stake in Talvora last year.", "Talvora=ORGANIZATION:Talvora");
  assert_entities (f, "Prices rose, said analysts at Quillfield.", "Quillfield=ORGANIZATION:Quillfield");
  assert_entities (f, "Officials met the campaign group Brevik on Monday.", "Brevik=ORGANIZATION:Brevik");
  assert_entities (f, "Farmers waited. Brevik, which represents farm unions, agreed.", "Brevik=ORGANIZATION:Brevik");
  assert_entities (f, "Farmers waited. Brevik, the farm lobby, agreed.", "Brevik=ORGANIZATION:Brevik");
  /* a word of the language, even a head word, between "The" and an organisation's kind; not
   * a name after a sentence's "The" nor an owner */
  assert_entities (f, "Jobs went. The Community union objected.", "Community=ORGANIZATION:Community");
  assert_entities (f, "Jobs went. The Reagan administration objected. President Reagan spoke.",
                   "Reagan=PERSON:Reagan; Reagan=PERSON:Reagan [President]");
  assert_entities (f, "He served in the Tsar's service.", "");
  /* a cause after "to" is no destination: nothing without other evidence */
  assert_entities (f, "Prices rose thanks to Brevik.", "");
  assert_entities (f, "Prices rose. They flew to Brevik.", "Brevik=LOCATION:Brevik");
  /* people and things only a place has */
  assert_entities (f, "Officials told residents of Talvora to leave.", "Talvora=LOCATION:Talvora");
  assert_entities (f, "Officials met the mayor of Talvora.", "Talvora=LOCATION:Talvora");
  /* a person described by a participle first; "United" names things */
  assert_entities (f, "Unseeded Mila Kovac won.", "Mila Kovac=PERSON:Mila Kovac");
  /* organisations the lists now know */
  assert_entities (f, "Officials of ECOWAS and the Greens met the Joint Chiefs of Staff.",
                   "ECOWAS=ORGANIZATION:ECOWAS; Greens=ORGANIZATION:Greens; "
                   "Joint Chiefs of Staff=ORGANIZATION:Joint Chiefs of Staff");
  assert_entities (f, "Officials said the Qassam Brigades fired.", "Qassam Brigades=ORGANIZATION:Qassam Brigades");
}

/* places linked by particles, institutions two places share, clubs by a match's result,
 * a firm after its owner, a country that owns what follows */
static void
test_linked_names_and_clubs (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Officials in Port-au-Prince and Stoke-on-Trent waited.",
                   "Port-au-Prince=LOCATION:Port-au-Prince; Stoke-on-Trent=LOCATION:Stoke-on-Trent");
  assert_entities (f, "Talks opened in Dar es Salaam.", "Dar es Salaam=LOCATION:Dar es Salaam");
  /* a compound of the language and a given name linked so are no place */
  assert_entities (f, "The Commander-in-chief spoke.", "");
  assert_entities (f, "Officials said Jean-de-Dieu Mugabo spoke.", "Jean-de-Dieu Mugabo=PERSON:Jean-de-Dieu Mugabo");
  assert_entities (f, "Staff at Devon and Cornwall Police agreed.",
                   "Devon and Cornwall Police=ORGANIZATION:Devon and Cornwall Police");
  assert_entities (f, "Staff from France and Germany met.", "France=LOCATION:France; Germany=LOCATION:Germany");
  assert_entities (f, "It was a 2-1 defeat by Leeds. The striker scored a goal in the match.",
                   "Leeds=ORGANIZATION:Leeds");
  assert_entities (f, "Officials said Ratcliffe's Ineos group bought it.", "Ineos=ORGANIZATION:Ineos");
  assert_entities (f, "Floods hit Valencia, Spain's agency said.", "Valencia=LOCATION:Valencia; Spain=ORGANIZATION:Spain");
  assert_entities (f, "Floods hit Valencia, Spain, on Monday.", "Valencia, Spain=LOCATION:Valencia");
  assert_entities (f, "Officials said Gaza-bound ships sailed.", "Gaza=LOCATION:Gaza");
  /* a town whose chief executive or owner is named is a club's or a firm's name; a mayor's
   * is the town */
  assert_entities (f, "Brighton chief executive Paul Barber spoke. Fans of Brighton cheered.",
                   "Brighton=ORGANIZATION:Brighton; Paul Barber=PERSON:Paul Barber; Brighton=ORGANIZATION:Brighton");
  assert_entities (f, "Officials said London mayor Sadiq Khan spoke.",
                   "London=LOCATION:London; Sadiq Khan=PERSON:Sadiq Khan");
  /* after `said X` a plural noun makes X an adjective; "Corporator" is a title */
  assert_entities (f, "A study is out, said Alpine glaciers had shrunk.", "");
  assert_entities (f, "Officials blamed it. Corporator Sunil Patwardhan spoke.",
                   "Sunil Patwardhan=PERSON:Sunil Patwardhan [Corporator]");
}

/* capitalised common nouns the article also writes in lower case are not a person */
static void
test_common_noun_pairs (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "The Briefing Room was full; the room held a briefing.", "");
  assert_entities (f, "Officials said Mark Rutte spoke; the mark was clear.", "Mark Rutte=PERSON:Mark Rutte");
  /* a participle first that the article writes in lower case */
  assert_entities (f, "The Fighting Falcons flew while fighting went on.", "");
  assert_entities (f, "Officials said Ahmed Hassan spoke; it was armed.", "Ahmed Hassan=PERSON:Ahmed Hassan");
  /* a plural possessive inside an organisation's name; not before a common noun */
  assert_entities (f, "Officials at the National Farmers' Union agreed.",
                   "National Farmers' Union=ORGANIZATION:National Farmers' Union");
  assert_entities (f, "Fire hit the Smiths' house.", "");
  /* a count first, a plural in -men last */
  assert_entities (f, "Officials said Ninety-Four Citizen Airmen deployed.", "");
  assert_entities (f, "Officials said Carmen Lopez spoke.", "Carmen Lopez=PERSON:Carmen Lopez");
  /* units and meetings by their head word */
  assert_entities (f, "Soldiers of Abel Battery came to the Manama Dialogue.",
                   "Abel Battery=ORGANIZATION:Abel Battery; Manama Dialogue=ORGANIZATION:Manama Dialogue");
  /* a last word that is never a name (common-words.txt) makes no person, unless a given name
   * opens it or the words around say so */
  assert_entities (f, "Visitors love the Archaeological Sites and the Gilmore Girls.", "");
  assert_entities (f, "Officials said Tom Hanks arrived.", "Tom Hanks=PERSON:Tom Hanks");
  assert_entities (f, "\"It is good,\" said Oluwaseun Martins, a fintech analyst.",
                   "Oluwaseun Martins=PERSON:Oluwaseun Martins");
  assert_entities (f, "Harry Hill, a comedian, was there.", "Harry Hill=PERSON:Harry Hill");
  /* a place or organisation head after a given name is a surname when the words around
   * say a person */
  assert_entities (f, "Stuart Hill said it was over.", "Stuart Hill=PERSON:Stuart Hill");
  assert_entities (f, "They walked in Victoria Park.", "Victoria Park=LOCATION:Victoria Park");
  /* a head word alone is a surname only of a person named in full */
  assert_entities (f, "Stuart Hill said it was over. Later Hill said he would stay.",
                   "Stuart Hill=PERSON:Stuart Hill; Hill=PERSON:Stuart Hill");
  assert_entities (f, "Police said it was over.", "");
  /* a surname that is also a word: a title before it elsewhere says a person */
  assert_entities (f, "Kirstie Alley starred in it. Later Ms. Alley spoke.",
                   "Kirstie Alley=PERSON:Kirstie Alley; Alley=PERSON:Kirstie Alley [Ms.]");
  /* the personal titles only make a town's name a surname */
  assert_entities (f, "He grew up in Bishop Auckland.", "Auckland=LOCATION:Auckland");
  /* "Mid" opens a region's name as "North" does */
  assert_entities (f, "He won Mid Sussex.", "Mid Sussex=LOCATION:Mid Sussex");
  /* a word that is never a name is no place for a preposition before it */
  assert_entities (f, "The library is written in Rust and ships in Spring.", "");
  /* "the Unite union": the name before an organisation's head word in lower case; a demonym
   * described with an age is no name; sports roles are titles; "Capital" heads a firm */
  assert_entities (f, "A spokesman for the Unite union spoke.", "Unite=ORGANIZATION:Unite");
  assert_entities (f, "Goalkeeper Jonas Lindqvist saved it, said the 24-year-old Swede, who joined in May.",
                   "Jonas Lindqvist=PERSON:Jonas Lindqvist [Goalkeeper]");
  assert_entities (f, "Analysts at Brockhurst Capital agreed.", "Brockhurst Capital=ORGANIZATION:Brockhurst Capital");
  assert_entities (f, "The minister said Lysenko, who leads the unit, would stay.", "Lysenko=PERSON:Lysenko");
  assert_entities (f, "The port stayed shut, union leader Pieter van Dam told AFP.",
                   "Pieter van Dam=PERSON:Pieter van Dam; AFP=ORGANIZATION:AFP");
  /* the body that made a law is named before the law's word */
  assert_entities (f, "The vote on UN Security Council Resolution 2254 was unanimous. The Paris Agreement holds.",
                   "UN Security Council=ORGANIZATION:UN Security Council");
  assert_entities (f, "The choir sang at Carnegie Hall with the Cleveland Orchestra.",
                   "Carnegie Hall=LOCATION:Carnegie Hall; Cleveland Orchestra=ORGANIZATION:Cleveland Orchestra");
  assert_entities (f, "The fault was fixed, said Skyline Air.", "Skyline Air=ORGANIZATION:Skyline Air");
}

/* particles in a row inside a name; a lone surname with its role or age after it */
static void
test_particles_and_appositions (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "The talks were with Ursula von der Leyen.",
                   "Ursula von der Leyen=PERSON:Ursula von der Leyen");
  /* the Arabic article assimilated, spaced or hyphenated */
  assert_entities (f, "A strike near Dayr az Zawr hit a truck.", "Dayr az Zawr=LOCATION:Dayr az Zawr");
  assert_entities (f, "A strike near Deir ez-Zor hit a truck.", "Deir ez-Zor=LOCATION:Deir ez-Zor");
  assert_entities (f, "Later O'Brien, the minister, agreed.", "O'Brien=PERSON:O'Brien");
  assert_entities (f, "Police said Smith, 45, was arrested.", "Smith=PERSON:Smith");
  assert_entities (f, "Police said Lysenko\u2019s wife was safe.", "Lysenko=PERSON:Lysenko");
  assert_entities (f, "Officials said Kowalczyk, who leads the unit, spoke.", "Kowalczyk=PERSON:Kowalczyk");
  /* what a company owns is no kin */
  assert_entities (f, "Analysts said Tabqa's dam held.", "");
  /* a role that is no title, or a large number, is no evidence */
  assert_entities (f, "Fans said Arsenal, the club, would win and Tabqa, 2016, fell.",
                   "Arsenal=ORGANIZATION:Arsenal"); /* the club by name (organizations.txt), no person */
}

/* name-like words that no given name opens are a person's name only when nothing in them
 * says otherwise: a people's name last, a country inside, an organisation or place word last */
static void
test_not_persons_by_their_words (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Officials said Native American judges met.",
                   "Native American=NATIONALITY:Native American");
  assert_entities (f, "Flights were cut, and Virgin Australia said so.",
                   "Virgin Australia=ORGANIZATION:Virgin Australia");
  assert_entities (f, "Officials said Lummi Nation leaders and the Writers Guild met at Tuileries Garden.",
                   "Lummi Nation=ORGANIZATION:Lummi Nation; Writers Guild=ORGANIZATION:Writers Guild; "
                   "Tuileries Garden=LOCATION:Tuileries Garden");
  /* a given name first keeps the person; a participle opening the sentence is no part */
  assert_entities (f, "Fans said Michael Jordan and Rachel English spoke.",
                   "Michael Jordan=PERSON:Michael Jordan; Rachel English=PERSON:Rachel English");
  assert_entities (f, "Speaking French was a plus.", "French=NATIONALITY:French");
  /* a heading in title case with a word the article writes in lower case is no name; a
   * list of names, one a line, is */
  {
    const char *recipe[] = { "Nutrition Facts", "The facts are on the box.", NULL };
    g_autofree char *got = entities_of (f, recipe);
    assert_string_equal (got, "");
    const char *signatories[] = { "Atul Gawande", "Bari Weiss", "We signed the letter.", NULL };
    g_autofree char *names = entities_of (f, signatories);
    assert_string_equal (names, "Atul Gawande=PERSON:Atul Gawande; Bari Weiss=PERSON:Bari Weiss");
  }
  assert_entities (f, "I\u2019ll go, and I\u2019m sure.", "");
  /* head words of caucuses, newspapers, streets; events and laws are no entities */
  assert_entities (f, "The Progressive Caucus met at Miller Drive, the Des Moines Register said.",
                   "Progressive Caucus=ORGANIZATION:Progressive Caucus; Miller Drive=LOCATION:Miller Drive; "
                   "Des Moines Register=ORGANIZATION:Des Moines Register");
  assert_entities (f, "They cited the Fifth Amendment at the Met Gala.", "");
  /* organisations that recur in every outlet's pages are known by name */
  assert_entities (f, "Staff at Pfizer told the Financial Times.",
                   "Pfizer=ORGANIZATION:Pfizer; Financial Times=ORGANIZATION:Financial Times");
}

/* An agency dateline: capitals opening the story before its dash are a place, not an
 * acronym; the word after the dash opens a sentence ("Officials said" names nobody) */
static void
test_datelines (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "AUSTIN (KXAN) \u2014 Officials said the board met.",
                   "AUSTIN=LOCATION:Austin; KXAN=ORGANIZATION:KXAN");
  assert_entities (f, "NASA, the agency, said it would fly.", "NASA=ORGANIZATION:NASA");
  assert_entities (f, "EXCLUSIVE \u2014 The board met.", ""); /* a label, no place */
}

/* gazetteers/people.txt: the news names the best-known people by surname alone; an earlier
 * full name in the article still says who a surname is */
static void
test_well_known_people (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Putin met Erdogan in Sochi, and Xi spoke.",
                   "Putin=PERSON:Vladimir Putin; Erdogan=PERSON:Recep Tayyip Erdogan; Sochi=LOCATION:Sochi; "
                   "Xi=PERSON:Xi Jinping");
  assert_entities (f, "Hunter Biden arrived. Later Biden left.", "Hunter Biden=PERSON:Hunter Biden; Biden=PERSON:Hunter Biden");
}

/* tzdata: capitals of zone.tab and older spellings of linked zones, never a merged zone */
static void
test_tz_cities (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Envoys flew from Zagreb to Katmandu.",
                   "Zagreb=LOCATION:Zagreb; Katmandu=LOCATION:Kathmandu");
  /* tzdata links Belfast to Europe/London: still Belfast */
  assert_entities (f, "Talks in Belfast ended.", "Belfast=LOCATION:Belfast");
  /* "Christmas" names a zone.tab island but is a holiday in news */
  assert_entities (f, "They met before Christmas.", "");
  /* GeoNames towns (world-cities.txt) without context; a title or a person named in full
   * makes such a word a surname */
  assert_entities (f, "Forces retook Tikrit and Sinjar.", "Tikrit=LOCATION:Tikrit; Sinjar=LOCATION:Sinjar");
  assert_entities (f, "Officials said Mr Hammond spoke.", "Hammond=PERSON:Hammond [Mr]");
  assert_entities (f, "Officials said Mr. Hammond spoke.", "Hammond=PERSON:Hammond [Mr.]");
  assert_entities (f, "Officials said Scott Dayton died. Tributes went to Dayton's family.",
                   "Scott Dayton=PERSON:Scott Dayton; Dayton=PERSON:Scott Dayton");
}

/* a lone surname in a list with a person named in full is a person; two lone words are not */
static void
test_person_lists (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Officials said Barack Obama and Kowalczyk met.",
                   "Barack Obama=PERSON:Barack Obama; Kowalczyk=PERSON:Kowalczyk");
  assert_entities (f, "Shoppers liked Marks and Spencer.", "");
}

/* shapes of real news copy: a firm's short name, degrees after a name, codes joined to a
 * number, shared compass names, US state codes after a town, a firm's kind before it */
/* convention = "conll": a town's region or country is a place of its own inside the town's
 * mention, as CoNLL, OntoNotes and GUM annotate it; "the X regime" names its leader. */
static void
test_conll_regions (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "He was born in Vermillion, South Dakota, in 1990.",
                   "Vermillion, South Dakota=LOCATION:Vermillion; South Dakota=LOCATION:South Dakota");
  assert_entities (f, "They met in Clifton, NJ. Lights went out in Reno, Nev., on Monday.",
                   "Clifton, NJ=LOCATION:Clifton; NJ=LOCATION:New Jersey; Reno, Nev=LOCATION:Reno; Nev=LOCATION:Nevada");
  assert_entities (f, "Buyers were Egypt, Spain and China.", "Egypt=LOCATION:Egypt; Spain=LOCATION:Spain; China=LOCATION:China");
  /* a rule named after its leader names the leader */
  assert_entities (f, "They called for an end to the Zorblat regime's attacks.", "Zorblat=PERSON:Zorblat");
}

static void
test_news_copy_shapes (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Eli Lilly and Novo Nordisk sell it. The growth of Lilly\u2019s and Novo\u2019s offerings helps.",
                   "Eli Lilly=ORGANIZATION:Eli Lilly; Novo Nordisk=ORGANIZATION:Novo Nordisk; "
                   "Lilly=ORGANIZATION:Eli Lilly; Novo=ORGANIZATION:Novo Nordisk");
  /* a party's members lend their chamber no short name */
  assert_entities (f, "House Democrats voted. The House bill failed.", "House Democrats=ORGANIZATION:House Democrats");
  assert_entities (f, "It works, said Elizabeth A. Hoge, MD, a professor. Jane Doe, PhD, agreed.",
                   "Elizabeth A. Hoge=PERSON:Elizabeth A. Hoge; Jane Doe=PERSON:Jane Doe");
  assert_entities (f, "Costs of the GLP-1 drugs and of IL-6 tests rose.", "");
  assert_entities (f, "It will grow into Central and South America.",
                   "Central=LOCATION:Central America; South America=LOCATION:South America");
  assert_entities (f, "They met in Clifton, NJ. Lights went out in Reno, Nev., and in Austin, TX on Monday.",
                   "Clifton, NJ=LOCATION:Clifton; Reno, Nev=LOCATION:Reno; Austin, TX=LOCATION:Austin");
  assert_entities (f, "The fitness app Strava reported a rise.", "Strava=ORGANIZATION:Strava");
  /* a post at an organisation names the organisation */
  assert_entities (f, "We are glad, said Katherine Maher, Executive Director of the Wikimedia Foundation.",
                   "Katherine Maher=PERSON:Katherine Maher; Wikimedia Foundation=ORGANIZATION:Wikimedia Foundation");
  /* a party's adjective before a noun names no one */
  assert_entities (f, "Ministers met a former Conservative chief whip. They play in Republican districts.", "");
  /* a list with a known organisation: its unknown items are organisations too */
  assert_entities (f, "Shops list cards from Nvidia, Zotac, MSI and Asus.",
                   "Nvidia=ORGANIZATION:Nvidia; Zotac=ORGANIZATION:Zotac; MSI=ORGANIZATION:MSI; "
                   "Asus=ORGANIZATION:Asus");
  /* ... but a lone comma after one opens a clause: no list */
  assert_entities (f, "With Reuters, Sarvis discusses his plans.", "Reuters=ORGANIZATION:Reuters");
  /* a place preposition before "nearby"; a site's kind after a word or two of its kind */
  assert_entities (f, "A tractor rolled over, authorities in nearby Sangatte reported.", "Sangatte=LOCATION:Sangatte");
  assert_entities (f, "Robots helped engineers at the Fukushima Daiichi nuclear power plant.",
                   "Fukushima Daiichi=LOCATION:Fukushima Daiichi");
  /* a currency before its amount */
  assert_entities (f, "Damage could rise to Dollars 20bn, it was estimated.", "");
  /* a people's adjective after an honorific, or after a given name, is a surname */
  assert_entities (f, "Officials said Mr. Christian left.", "Christian=PERSON:Christian [Mr.]");
  assert_entities (f, "Officials said Ed Christian left.", "Ed Christian=PERSON:Ed Christian");
  /* initials without periods between a title and a surname; two capitals elsewhere are an
   * acronym, not the given name they spell */
  assert_entities (f, "Officials said Congressman JJ Pickle agreed.", "JJ Pickle=PERSON:JJ Pickle [Congressman]");
  assert_entities (f, "Police said six IRA men were held.", "IRA=ORGANIZATION:IRA");
  /* a capitalised "The" before a people's name in the singular is a newspaper's title */
  assert_entities (f, "He wrote in The New Yorker and told The Australian on Monday. A New Yorker agreed.",
                   "New Yorker=ORGANIZATION:New Yorker; Australian=ORGANIZATION:Australian; New Yorker=NATIONALITY:New Yorker");
  assert_entities (f, "He spoke to The Canadian Press on Monday.", "Canadian Press=ORGANIZATION:Canadian Press");
  assert_entities (f, "He cited The American Academy of Pediatrics on Monday.",
                   "American Academy of Pediatrics=ORGANIZATION:American Academy of Pediatrics");
  /* a sports club's last word after its town names it alone */
  assert_entities (f, "Police said a San Francisco Giants fan was hurt. The game between the Giants and the Dodgers ended.",
                   "San Francisco Giants=ORGANIZATION:San Francisco Giants; Giants=ORGANIZATION:San Francisco Giants");
  /* after a place's preposition, a comma opens the subject: no list of people */
  assert_entities (f, "At the grotto in Honomu, Wendy Gilliam sells pouches.",
                   "Honomu=LOCATION:Honomu; Wendy Gilliam=PERSON:Wendy Gilliam");
  /* a legislature is an organisation's word; a tabloid is an organisation's kind */
  assert_entities (f, "Republicans in the state Legislature and Palin's aides agreed.", "");
  assert_entities (f, "The story ran in the tabloid Bild on Monday.", "Bild=ORGANIZATION:Bild");
  /* a name the lists know with "and" of its own, then "and" and another name; a place before it */
  assert_entities (f, "Data came from the Centers for Disease Control and Prevention and the American Cancer Society.",
                   "Centers for Disease Control and Prevention=ORGANIZATION:Centers for Disease Control and Prevention; "
                   "American Cancer Society=ORGANIZATION:American Cancer Society");
  assert_entities (f, "Bank of America and Wells Fargo fell.",
                   "Bank of America=ORGANIZATION:Bank of America; Wells Fargo=ORGANIZATION:Wells Fargo");
  assert_entities (f, "Data came from the U.S. Centers for Disease Control and Prevention and the FBI.",
                   "U.S. Centers for Disease Control and Prevention=ORGANIZATION:U.S. Centers for Disease Control and Prevention; "
                   "FBI=ORGANIZATION:FBI");
  /* a name before a spokesperson's word speaks for an organisation, unless a person named in
   * full bears it */
  assert_entities (f, "The plan works, said Zorvex spokesman John Doe. Zorvex fell.",
                   "Zorvex=ORGANIZATION:Zorvex; John Doe=PERSON:John Doe; Zorvex=ORGANIZATION:Zorvex");
  assert_entities (f, "The move was criticized, says Accion International spokeswoman Gabriela Romanow.",
                   "Accion International=ORGANIZATION:Accion International; Gabriela Romanow=PERSON:Gabriela Romanow");
  assert_entities (f, "Mitt Romney spoke. Romney spokesman Andrea Saul agreed.",
                   "Mitt Romney=PERSON:Mitt Romney; Romney=PERSON:Mitt Romney; Andrea Saul=PERSON:Andrea Saul");
  /* a source opening the sentence is no destination */
  assert_entities (f, "According to Gartner, sales rose.", "Gartner=ORGANIZATION:Gartner");
  assert_entities (f, "Investors watched the U.S. Federal Reserve and Wells Fargo and Bank of America.",
                   "U.S. Federal Reserve=ORGANIZATION:U.S. Federal Reserve; Wells Fargo=ORGANIZATION:Wells Fargo; "
                   "Bank of America=ORGANIZATION:Bank of America");
  /* a department's remit after its owner */
  assert_entities (f, "Japan's Ministry of Health, Labour and Welfare said so.",
                   "Japan's Ministry of Health, Labour and Welfare=ORGANIZATION:Japan's Ministry of Health, Labour and Welfare");
  /* acronyms of conditions and trades */
  assert_entities (f, "He got TB in 1990, went to the ER and now works in PR.", "");
  /* an organisation's remit goes on with "in the" and words of the language, not a place */
  assert_entities (f, "The Center for Science in the Public Interest and the Institute for Fiscal Studies in London said so.",
                   "Center for Science in the Public Interest=ORGANIZATION:Center for Science in the Public Interest; "
                   "Institute for Fiscal Studies=ORGANIZATION:Institute for Fiscal Studies; London=LOCATION:London");
  /* a given name that is also a law's or a day's word still opens a person's name; the law
   * and the day stay nobody */
  assert_entities (f, "Then Bill Gates spoke. The film starred Bill Murray. Eve Arnold took it.",
                   "Bill Gates=PERSON:Bill Gates; Bill Murray=PERSON:Bill Murray; Eve Arnold=PERSON:Eve Arnold");
  assert_entities (f, "The Bill of Rights and the Finance Bill passed on Christmas Eve.", "");
  /* the elided particle of a surname, in lower case */
  assert_entities (f, "He studied under Patrizia d'Ettorre and met Valéry Giscard d’Estaing.",
                   "Patrizia d'Ettorre=PERSON:Patrizia d'Ettorre; Valéry Giscard d’Estaing=PERSON:Valéry Giscard d’Estaing");
  assert_entities (f, "The chargé d’affaires and the Chargé d'Affaires met in Cote d'Ivoire.",
                   "Cote d'Ivoire=LOCATION:Côte d'Ivoire");
  /* one word made with "news" is an outlet */
  assert_entities (f, "Wikinews spoke with Ana Ruiz, and Ynetnews quoted her.",
                   "Wikinews=ORGANIZATION:Wikinews; Ana Ruiz=PERSON:Ana Ruiz; Ynetnews=ORGANIZATION:Ynetnews");
  /* an organisation owns another; a country's ministry is named by its owner */
  assert_entities (f, "Loans made by USDA's Commodity Credit Corp and Germany's Economy Ministry grew.",
                   "USDA=ORGANIZATION:USDA; Commodity Credit Corp=ORGANIZATION:Commodity Credit Corp; "
                   "Germany's Economy Ministry=ORGANIZATION:Germany's Economy Ministry");
  /* a kind of place and "of" name a place; a person's word after a name and a comma a person */
  assert_entities (f, "Monterrey lies in the northeastern state of Nuevo Leon.",
                   "Monterrey=LOCATION:Monterrey; Nuevo Leon=LOCATION:Nuevo Leon");
  assert_entities (f, "Joe Mount, the man behind the band, spoke.", "Joe Mount=PERSON:Joe Mount");
  /* the title of a work after its kind names nobody; the verb does not ("to play X") */
  assert_entities (f, "The novel Wolf Hall and his 1992 film Jamon Jamon sold well.", "");
  assert_entities (f, "To play Sreesanth, who had not bowled, was wise.", "Sreesanth=PERSON:Sreesanth");
  /* given names in a list are no places because one of them is a region too; a compass
   * word before a noun in lower case is an adjective */
  assert_entities (f, "This year's storms are: Arthur, Bertha, Cesar, Diana and Fran.", "Cesar=LOCATION:Cesar");
  assert_entities (f, "Officials from Western states met its Western creditors in Western Australia.",
                   "Western Australia=LOCATION:Western Australia");
  /* a transcript's speakers named in full in capitals are people, named as the text writes
   * them; unnamed voices are nobody; a dateline is a place */
  {
    const char *const transcript[] = {
      "Test", "SACHA PFEIFFER, HOST:", "The Texas Legislature met.", "UNIDENTIFIED GROUP #2: (Chanting) Vouchers.",
      "ZEPH CAPO: We are with Thomas Kennedy.", "THOMAS KENNEDY: I am a plumber.", NULL,
    };
    g_autofree char *got = entities_of (f, transcript);
    assert_string_equal (got, "SACHA PFEIFFER=PERSON:Sacha Pfeiffer; Texas Legislature=ORGANIZATION:Texas Legislature; "
                              "ZEPH CAPO=PERSON:Zeph Capo; Thomas Kennedy=PERSON:Thomas Kennedy; "
                              "THOMAS KENNEDY=PERSON:Thomas Kennedy");
  }
  assert_entities (f, "NEW DELHI: Ravi Shankar spoke.", "NEW DELHI=LOCATION:New Delhi; Ravi Shankar=PERSON:Ravi Shankar");
  /* after "in", a name joined by a Romance preposition is a place; an owner is a person */
  assert_entities (f, "She was taken to a hospital in Marina del Rey. The role in Guillermo del Toro's film was small.",
                   "Marina del Rey=LOCATION:Marina del Rey; Guillermo del Toro=PERSON:Guillermo del Toro");
  /* a compass word before a people's name is a people's adjective */
  assert_entities (f, "West African leaders met North American officials.",
                   "West African=NATIONALITY:West African; North American=NATIONALITY:North American");
  /* a person the headline names in full is who the body's surname names; not a pair the
   * body names as something else */
  {
    const char *const embiid[] = { "Embiid scored 10 points. Later Embiid starred again.", NULL };
    g_autofree char *got = entities_under (f, "Joel Embiid leads Sixers past Celtics", embiid);
    assert_string_equal (got, "Embiid=PERSON:Joel Embiid; Embiid=PERSON:Joel Embiid");
    const char *const villa[] = { "Aston Villa won. Villa scored twice.", NULL };
    g_autofree char *club = entities_under (f, "Aston Villa beat Leeds", villa);
    assert_null (strstr (club, "PERSON"));
  }
  /* an aircraft's model after its owner's name */
  assert_entities (f, "An Air Force F-111 crashed.", "Air Force=ORGANIZATION:Air Force");
}

static void
test_bad_gazetteer (G_GNUC_UNUSED void **state)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *file = test_write_file (dir, "bad.txt", "Acme\tCOMPANY\n");
  g_autofree char *text = g_strdup_printf ("fetch \"files\" { }\nparse \"text\" { }\n"
                                           "extract \"entities\" { gazetteers = { \"%s\" } }\n"
                                           "format \"json\" { }\n", file);
  g_autofree char *path = test_write_file (dir, "bad.chain", text);
  NfRegistry *registry = test_registry_new ();
  g_autoptr (GError) error = NULL;
  NfChain *chain = nf_chain_load (path, registry, &error);
  assert_null (error);
  assert_false (nf_chain_init (chain, &error));
  assert_non_null (error);
  assert_contains (error->message, "bad.txt:1:");
  assert_contains (error->message, "ORGANIZATION");
  nf_chain_free (chain);

  /* a list that is no UTF-8 (Latin-1 "Zürich" after a long ASCII run) is refused by name */
  g_autofree char *latin1 = test_write_file (dir, "latin1.txt",
                                             "Acme Corporation Limited\tORGANIZATION\tAcme\nZ\374rich\tLOCATION\tZurich\n");
  g_autofree char *text2 = g_strdup_printf ("fetch \"files\" { }\nparse \"text\" { }\n"
                                            "extract \"entities\" { gazetteers = { \"%s\" } }\n"
                                            "format \"json\" { }\n", latin1);
  g_autofree char *path2 = test_write_file (dir, "latin1.chain", text2);
  g_clear_error (&error);
  chain = nf_chain_load (path2, registry, &error);
  assert_null (error);
  assert_false (nf_chain_init (chain, &error));
  assert_non_null (error);
  assert_contains (error->message, "latin1.txt: not valid UTF-8");
  nf_chain_free (chain);
  nf_registry_free (registry);
  test_dir_remove (dir);
}

/* The shipped model (model = "models/entities-en.model"): names, titles kept out, short
 * mentions resolved, with the same annotation contract as the rules; a person's title is the
 * one the rules found ("Iraqi Prime Minister", the nationality with it, as re3d writes it). */
static void
test_model (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Defense Secretary Ash Carter met Iraqi Prime Minister Haider al-Abadi in Baghdad on "
                      "Monday. Carter said the Islamic State was losing ground near Mosul.",
                   "Ash Carter=PERSON:Ash Carter [Defense Secretary]; Haider al-Abadi=PERSON:Haider al-Abadi "
                   "[Iraqi Prime Minister]; Baghdad=LOCATION:Baghdad; Carter=PERSON:Ash Carter; "
                   "Islamic State=ORGANIZATION:Islamic State; Mosul=LOCATION:Mosul");
  /* stacking: where the rules join a longer name around the model's ("Woodbridge, Virginia",
   * "U.S. forces"), theirs wins; a lone word that only the model took for a name and that is
   * neither an acronym nor known is none */
  assert_entities (f, "The sailor, from Woodbridge, Virginia, joined U.S. forces in 2015.",
                   "Woodbridge, Virginia=LOCATION:Woodbridge, Virginia; U.S. forces=ORGANIZATION:U.S. forces");
  /* the label passes run after the model too (passes.h); a long name the gazetteer knows
   * is one name whatever pieces the model saw; a sentence's opening adverb is no name */
  assert_entities (f, "Accordingly, officials condemned the Islamic State of Iraq and the Levant and its "
                      "attacks in Syria.",
                   "Islamic State of Iraq and the Levant=ORGANIZATION:Islamic State of Iraq and the Levant; "
                   "Syria=LOCATION:Syria");
  assert_entities (f, "Today, the United States and Iraq signed an agreement.",
                   "United States=ORGANIZATION:United States; Iraq=ORGANIZATION:Iraq");
}

/* The given names of the SSA's lists (female-names.txt, male-names.txt below their marker);
 * a word of the language before one describes the person or opens the sentence; a firm's
 * first word alone stands for the firm; an English word in capitals is no acronym. */
static void
test_given_names_and_firms (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Parent Rachel Okonkwo agreed. Unseeded Maya Kovac won the final.",
                   "Rachel Okonkwo=PERSON:Rachel Okonkwo; Maya Kovac=PERSON:Maya Kovac");
  assert_entities (f, "Hey Frank, come in.", "Frank=PERSON:Frank");
  assert_entities (f, "Norvell Semiconductor cut its forecast. Analysts at Brockhurst Capital "
                      "were calm. Norvell said orders would recover, Brockhurst analyst Deepak Raman said.",
                   "Norvell Semiconductor=ORGANIZATION:Norvell Semiconductor; "
                   "Brockhurst Capital=ORGANIZATION:Brockhurst Capital; "
                   "Norvell=ORGANIZATION:Norvell Semiconductor; Brockhurst=ORGANIZATION:Brockhurst Capital; "
                   "Deepak Raman=PERSON:Deepak Raman");
  assert_entities (f, "They toured Tate Britain and the Emma Mason Gallery.",
                   "Tate Britain=ORGANIZATION:Tate Britain; Emma Mason Gallery=ORGANIZATION:Emma Mason Gallery");
  assert_entities (f, "Eli Lilly and Lockheed Martin reported results.",
                   "Eli Lilly=ORGANIZATION:Eli Lilly; Lockheed Martin=ORGANIZATION:Lockheed Martin");
  assert_entities (f, "SAFETY FIRST: the NATO rules.", "NATO=ORGANIZATION:NATO");
  /* a model's number is no name; a capital inside a word names a firm, not a place */
  assert_entities (f, "The new Lumix S1 costs less.", "");
  assert_entities (f, "It was written in JavaScript by PayPal engineers with Leonardo DiCaprio.",
                   "JavaScript=ORGANIZATION:JavaScript; PayPal=ORGANIZATION:PayPal; "
                   "Leonardo DiCaprio=PERSON:Leonardo DiCaprio");
  /* thinkers of history by one name; faiths are groups, not places */
  assert_entities (f, "From Plato to Kant, Buddhist monks read them.",
                   "Plato=PERSON:Plato; Kant=PERSON:Immanuel Kant; Buddhist=NATIONALITY:Buddhist");
  /* a word that is never a name needs a title or a quotation's verb to be a surname */
  assert_entities (f, "Alice Moreno and Gyms came.", "Alice Moreno=PERSON:Alice Moreno");
  /* holidays are no places; words that are never names after a title name nobody; a
   * transcript's speaker by given name is no acronym */
  assert_entities (f, "Sales ran through Christmas on Prime Video.", "");
  assert_entities (f, "SACHA: Welcome back. The BART trains ran.", "BART=ORGANIZATION:BART");
  /* Korean given names of two syllables; an office's last words before a given name */
  assert_entities (f, "Officials said Lee Jae-myung won, and post-war Self-driving cars came.",
                   "Lee Jae-myung=PERSON:Lee Jae-myung");
  assert_entities (f, "\"We lost everything,\" said Cabinet Secretary for Special Programmes Grace Wanjiru Mwangi.",
                   "Grace Wanjiru Mwangi=PERSON:Grace Wanjiru Mwangi [Cabinet Secretary for Special Programmes]");
  /* an acronym's plural, a word with a digit after a preposition, "via": no places */
  assert_entities (f, "Sales to CISOs rose in Q3, sent via Docker to Talkeetna.",
                   "Talkeetna=LOCATION:Talkeetna");
  /* a place's or a firm's head word after an honorific is a surname */
  assert_entities (f, "Stuart Hill spoke first. Later Mr Hill agreed.",
                   "Stuart Hill=PERSON:Stuart Hill; Hill=PERSON:Stuart Hill [Mr]");
  /* "and" before a person's name ends an organisation's */
  assert_entities (f, "Leaders of the American Federation of Teachers and Thomas Kennedy met.",
                   "American Federation of Teachers=ORGANIZATION:American Federation of Teachers; "
                   "Thomas Kennedy=PERSON:Thomas Kennedy");
}

/* Sports clubs by full name and by a nickname that is no English word (organizations.txt);
 * "Al" is an English given name as well as the head of Arabic place names; a party's member
 * before a given name is no part of the name. */
static void
test_sports_clubs_and_al (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "The Sixers beat the Celtics 110-98 as Tyrese Maxey scored 30.",
                   "Sixers=ORGANIZATION:Philadelphia 76ers; Celtics=ORGANIZATION:Boston Celtics; "
                   "Tyrese Maxey=PERSON:Tyrese Maxey");
  assert_entities (f, "The Dallas Cowboys hired him.", "Dallas Cowboys=ORGANIZATION:Dallas Cowboys");
  assert_entities (f, "Al Gore met Al Horford. Troops fought near Al Huwayjah and via Al Mukalla.",
                   "Al Gore=PERSON:Al Gore; Al Horford=PERSON:Al Horford; Al Huwayjah=LOCATION:Al Huwayjah; "
                   "Al Mukalla=LOCATION:Al Mukalla");
  /* a party's member before a given name describes the person */
  assert_entities (f, "Bronx Republican Kristy Marmorato said the plan failed. Texas Democrat Jasmine "
                      "Crockett spoke.",
                   "Kristy Marmorato=PERSON:Kristy Marmorato; Texas=LOCATION:Texas; "
                   "Jasmine Crockett=PERSON:Jasmine Crockett");
  /* a firm's word in a person-shaped name makes it a firm's, unless a given name is in it */
  assert_entities (f, "She studied at UMass Amherst and ran Red Hat OpenShift with YouTuber Julien Solomita.",
                   "UMass Amherst=ORGANIZATION:UMass Amherst; Red Hat OpenShift=ORGANIZATION:Red Hat OpenShift; "
                   "Julien Solomita=PERSON:Julien Solomita [YouTuber]");
  /* trades that end a business's name, museums and palaces of other languages */
  assert_entities (f, "Great Western Railway ran trains to Kimbo Cafe. The Musee Guimet lent it to the "
                      "Chateau de Versailles.",
                   "Great Western Railway=ORGANIZATION:Great Western Railway; Kimbo Cafe=ORGANIZATION:Kimbo Cafe; "
                   "Musee Guimet=ORGANIZATION:Musee Guimet; Chateau de Versailles=LOCATION:Chateau de Versailles");
  /* a verb that opens an instruction is no part of a name; one that ends a name is */
  assert_entities (f, "Visit MasTec today. Try Jane Doe's app. Human Rights Watch agreed.",
                   "MasTec=ORGANIZATION:MasTec; Jane Doe=PERSON:Jane Doe; "
                   "Human Rights Watch=ORGANIZATION:Human Rights Watch");
  /* a sound is a place, even after a title and a given name; newspapers' last words */
  assert_entities (f, "The spill fouled Prince William Sound, the Toronto Globe reported.",
                   "Prince William Sound=LOCATION:Prince William Sound; Toronto Globe=ORGANIZATION:Toronto Globe");
  /* a storm's name alone is no person; no one's name starts with "New"; a person with a given
   * name and a place after a comma are two names */
  assert_entities (f, "Hurricane Andrew hit Florida. Andrew Card said Andrew was strong.",
                   "Florida=LOCATION:Florida; Andrew Card=PERSON:Andrew Card");
  assert_entities (f, "Quakes hit New Madrid, New Yorkers and New Democrats heard.",
                   "New Madrid=LOCATION:New Madrid; New Yorkers=NATIONALITY:New Yorkers; "
                   "New Democrats=ORGANIZATION:New Democrats");
  assert_entities (f, "He met William Armstrong, Colorado's senator.",
                   "William Armstrong=PERSON:William Armstrong; Colorado=LOCATION:Colorado");
  /* an honorific and a given name make the place word a surname; a party's members, events */
  assert_entities (f, "Mr Roger Hill said Democrat John Dingell ran the Boston Marathon.",
                   "Roger Hill=PERSON:Roger Hill [Mr]; John Dingell=PERSON:John Dingell");
  /* a state's party member is the state; regions of the United States; Hawaiian mountains */
  assert_entities (f, "An Ohio Democrat spoke of the Midwest and Mauna Kea.",
                   "Ohio=LOCATION:Ohio; Midwest=LOCATION:Midwest; Mauna Kea=LOCATION:Mauna Kea");
  /* a word of the language not in capitals is no acronym ("Who", "Us"); a given name alone is
   * the one person of the article who has it; "Internet" is no name */
  assert_entities (f, "Who are the winners? The WHO said so on the Internet.",
                   "WHO=ORGANIZATION:World Health Organization");
  assert_entities (f, "Larry Page spoke. It did not fit Larry's plans, or interest Larry.",
                   "Larry Page=PERSON:Larry Page; Larry=PERSON:Larry Page; Larry=PERSON:Larry Page");
  /* a sentence's opening preposition is no name; Spanish and Philippine places' heads */
  assert_entities (f, "Outside Wales, shootings hit Ciudad Juarez and Barangay La Purisima.",
                   "Wales=LOCATION:Wales; Ciudad Juarez=LOCATION:Ciudad Juarez; "
                   "Barangay La Purisima=LOCATION:Barangay La Purisima");
  /* a lawmaker's party and state, a public programme, shouting: no names */
  assert_entities (f, "Pete Stark, D-California, said cuts to Medicare hurt. HE LEFT THE JOB.",
                   "Pete Stark=PERSON:Pete Stark");
  /* given names that are also countries' */
  assert_entities (f, "Chad Billingsley and Jordan Henderson flew to Chad.",
                   "Chad Billingsley=PERSON:Chad Billingsley; Jordan Henderson=PERSON:Jordan Henderson; Chad=LOCATION:Chad");
}

static void
test_model_errors (G_GNUC_UNUSED void **state)
{
  g_autoptr (GError) error = NULL;
  Harness *h = harness_new ("extract \"entities\" { model = \"/nonexistent/entities.model\" }", &error);
  assert_null (h);
  assert_non_null (error);
  assert_non_null (strstr (error->message, "model: cannot read the model"));
  g_clear_error (&error);
  h = harness_new ("extract \"entities\" { model = \"gazetteers/titles.txt\" }", &error);
  assert_null (h);
  assert_non_null (strstr (error->message, "not a newsflow model"));
}

/* passes.h: a country that acts is the state (an organisation), a country after a place
 * preposition the place (states.c) */
static void
test_states (void **state)
{
  assert_entities (*state, "Today, the United States and Iraq signed an agreement in Baghdad.",
                   "United States=ORGANIZATION:United States; Iraq=ORGANIZATION:Iraq; Baghdad=LOCATION:Baghdad");
  assert_entities (*state, "Strikes continued across Syria and Iraq.",
                   "Syria=LOCATION:Syria; Iraq=LOCATION:Iraq");
  assert_entities (*state, "Officials travelled to Iraq to meet with Jordan.",
                   "Iraq=LOCATION:Iraq; Jordan=ORGANIZATION:Jordan");
  assert_entities (*state, "Analysts praised U.S. support for the plan.",
                   "U.S.=ORGANIZATION:United States");
  assert_entities (*state, "They welcomed Iraq's work with its neighbours.",
                   "Iraq=ORGANIZATION:Iraq");
  /* a place's country stays a place, a known city's too */
  assert_entities (*state, "The attack in Istanbul, Turkey, was condemned.",
                   "Istanbul, Turkey=LOCATION:Istanbul");
  assert_entities (*state, "The raid hit Sarmada, Syria, on Monday.", "Sarmada, Syria=LOCATION:Sarmada");
  /* a state contains its city; a city does not contain another */
  assert_entities (*state, "She moved to Austin, Texas, last year.", "Austin, Texas=LOCATION:Austin");
  /* the town is the referent: a later "Exeter" is the same place, and a wire story's
   * dateline in capitals names the town as the gazetteer writes it */
  assert_entities (*state, "He was born in Exeter, Devon, and died in Exeter.",
                   "Exeter, Devon=LOCATION:Exeter; Exeter=LOCATION:Exeter");
  assert_entities (*state, "LUBBOCK, Texas \u2014 The first case was a girl.", "LUBBOCK, Texas=LOCATION:Lubbock");
  /* a place word no family is named keeps a given name a place's, even before ", who" */
  assert_entities (*state, "The health director of Gaines County, who has spent a month there, said it.",
                   "Gaines County=LOCATION:Gaines County");
  /* a department's remit is part of its name; a list of names of their own is not */
  assert_entities (*state, "A spokesperson for the Department for Culture, Media and Sport said so.",
                   "Department for Culture, Media and Sport=ORGANIZATION:Department for Culture, Media and Sport");
  assert_entities (*state, "The Ministry of Defence, Oxfam and Save the Children met.",
                   "Ministry of Defence=ORGANIZATION:Ministry of Defence; Oxfam=ORGANIZATION:Oxfam");
  /* a post at a place of work names an organisation; a site's kind after a name, a place */
  assert_entities (*state, "Websense said so, said Patrik Runald, a senior manager of security research at Websense.",
                   "Websense=ORGANIZATION:Websense; Patrik Runald=PERSON:Patrik Runald; Websense=ORGANIZATION:Websense");
  assert_entities (*state, "Radiation near the Fukushima Daiichi plant rose.", "Fukushima Daiichi=LOCATION:Fukushima Daiichi");
  /* acronyms of things; a designer is a person's role */
  assert_entities (*state, "It is sold on DVD and as PVC plastic.", "");
  assert_entities (*state, "They love fashion designer Whitney Port's clothing line.", "Whitney Port=PERSON:Whitney Port");
  /* a sentence that opens with its speech verb: the verb is no part of the name */
  assert_entities (*state, "John Mayberry hit a homer. Said Mayberry: \u201cFine.\u201d",
                   "John Mayberry=PERSON:John Mayberry; Mayberry=PERSON:John Mayberry");
  /* the people of a US state or a large city are no place */
  assert_entities (*state, "Services to Arizonans in need were cut.", "Arizonans=ORGANIZATION:Arizonans");
  assert_entities (*state, "Most South Dakotans voted.", "South Dakotans=NATIONALITY:South Dakotans");
  /* capitals after a time of day are its zone */
  assert_entities (*state, "The crash was at about 22:30 BST, and at 10 a.m. EDT the BBC said so.", "BBC=ORGANIZATION:BBC");
  /* a name with no given name after an organisation's kind is the organisation */
  assert_entities (*state, "Siti Rahmawati of the Jakarta-based group Jaringan Tambang told AFP.",
                   "Siti Rahmawati=PERSON:Siti Rahmawati; Jakarta=LOCATION:Jakarta; "
                   "Jaringan Tambang=ORGANIZATION:Jaringan Tambang; AFP=ORGANIZATION:AFP");
  assert_entities (*state, "Storms hit Chicago, San Antonio yesterday.",
                   "Chicago=LOCATION:Chicago; San Antonio=LOCATION:San Antonio");
  /* a list of places is no place and its region; a unit and its base are */
  assert_entities (*state, "Strikes hit Baghdad, Fallujah, Iraq and more.",
                   "Baghdad=LOCATION:Baghdad; Fallujah=LOCATION:Fallujah; Iraq=LOCATION:Iraq");
  assert_entities (*state, "He served with the 101st Airborne Division, Fort Campbell, Kentucky.",
                   "Airborne Division=ORGANIZATION:Airborne Division; "
                   "Fort Campbell, Kentucky=LOCATION:Fort Campbell");
  /* regions by their English names */
  assert_entities (*state, "Warnings were issued for Cornwall and Devon.",
                   "Cornwall=LOCATION:Cornwall; Devon=LOCATION:Devon");
}

/* groups.c: a nationality or country with a group noun, and a people, are organisations */
static void
test_groups (void **state)
{
  assert_entities (*state, "U.S. forces and Iraqi security forces met near Mosul.",
                   "U.S. forces=ORGANIZATION:U.S. forces; Iraqi security forces=ORGANIZATION:Iraqi security forces; "
                   "Mosul=LOCATION:Mosul");
  assert_entities (*state, "Thousands of Syrians fled.", "Syrians=ORGANIZATION:Syrians");
  /* the adjective alone stays a nationality */
  assert_entities (*state, "An Iraqi official spoke.", "Iraqi=NATIONALITY:Iraqi");
  /* an organisation's members as a group; not when the group word only modifies a noun */
  assert_entities (*state, "Strikes hit ISIL fighters near Raqqah.",
                   "ISIL fighters=ORGANIZATION:ISIL fighters; Raqqah=LOCATION:Raqqah");
  assert_entities (*state, "An ISIL military commander was killed.", "ISIL=ORGANIZATION:ISIL");
}

/* an ampersand between capitalised words names a firm; the known place or organisation
 * before "-based", "-backed", "-run" is named */
static void
test_ampersands_and_owner_adjectives (void **state)
{
  Fixture *f = *state;
  assert_entities (f, "Shares of Marks & Spencer and of AT&T rose.",
                   "Marks & Spencer=ORGANIZATION:Marks & Spencer; AT&T=ORGANIZATION:AT&T");
  /* not an abbreviation, a citation's authors, two names a list knows, people credited */
  assert_entities (f, "R&D spending at Acme rose (Makel & Plucker, 2012).", "");
  assert_entities (f, "Talks between Israel & Hamas stalled.",
                   "Israel=ORGANIZATION:Israel; Hamas=ORGANIZATION:Hamas");
  assert_entities (f, "It was written by Cinco Paul & Ken Daurio.",
                   "Cinco Paul=PERSON:Cinco Paul; Ken Daurio=PERSON:Ken Daurio");
  assert_entities (f, "A London-based charity said Iran-backed rebels and a Hamas-run ministry agreed.",
                   "London=LOCATION:London; Iran=LOCATION:Iran; Hamas=ORGANIZATION:Hamas");
  /* a Dutch particle inside a name; a state's abbreviation after a town ends the sentence;
   * a place word after an owner's possessive that no list knows */
  assert_entities (f, "Coach Erik ten Hag left.", "Erik ten Hag=PERSON:Erik ten Hag [Coach]");
  assert_entities (f, "It opened in Lansing, Mich. Acme Robotics Inc. said so.",
                   "Lansing, Mich=LOCATION:Lansing; Acme Robotics Inc=ORGANIZATION:Acme Robotics Inc");
  assert_entities (f, "Crowds filled St. Peter's Square and Manhattan's Fifth Avenue.",
                   "St. Peter's Square=LOCATION:St. Peter's Square; Manhattan=LOCATION:Manhattan; "
                   "Fifth Avenue=LOCATION:Fifth Avenue");
  /* a title's abbreviation after a place named like a woman, or a place prefix; a new title */
  assert_entities (f, "West Virginia Sen. Joe Manchin and EPA Administrator Michael Regan met.",
                   "Joe Manchin=PERSON:Joe Manchin [West Virginia Sen.]; Michael Regan=PERSON:Michael Regan [EPA Administrator]");
  /* words of the language only name no one; before a speech verb, a body that speaks */
  assert_entities (f, "Local Officials met.", "");
  assert_entities (f, "Roads closed, National Highways said; National Grid said; Frank Field said so.",
                   "National Highways=ORGANIZATION:National Highways; National Grid=ORGANIZATION:National Grid; "
                   "Frank Field=PERSON:Frank Field");
  /* in a match report a town beside a match's verb is its club, all its mentions; not in a
   * vote's report, nor a home nation */
  assert_entities (f, "In the league, Liverpool drew with Chelsea. Barcelona beat Sevilla 3-0 and the England "
                      "goalkeeper saved a penalty. Fans in Liverpool cheered.",
                   "Liverpool=ORGANIZATION:Liverpool; Chelsea=ORGANIZATION:Chelsea; Barcelona=ORGANIZATION:Barcelona; "
                   "Sevilla=ORGANIZATION:Sevilla; England=LOCATION:England; Liverpool=ORGANIZATION:Liverpool");
  assert_entities (f, "The court ruled 5-4 against Chicago. Chicago beat the deadline.", "Chicago=LOCATION:Chicago; Chicago=LOCATION:Chicago");
  /* a Chinese given name's later syllable may spell an English word; parties the lists know */
  assert_entities (f, "President Tsai Ing-wen met Jordan Bardella of the National Rally.",
                   "Tsai Ing-wen=PERSON:Tsai Ing-wen [President]; Jordan Bardella=PERSON:Jordan Bardella; "
                   "National Rally=ORGANIZATION:National Rally");
  /* a Korean name's surname first stands for the person; a modal verb opens no name */
  assert_entities (f, "President Moon Jae-in spoke. Later, Moon left. Could Smith stay?",
                   "Moon Jae-in=PERSON:Moon Jae-in [President]; Moon=PERSON:Moon Jae-in");
  /* an organisation's first words that read as a person's name stand for it */
  assert_entities (f, "De Beers Consolidated Mines Ltd. said De Beers sold more; BSE spread.",
                   "De Beers Consolidated Mines Ltd=ORGANIZATION:De Beers Consolidated Mines Ltd");
  /* a role in lower case before a name is a person's; not a modifier's or a team's */
  assert_entities (f, "Olympic champion Usain Bolt won; the former Dallas Cowboys lost.",
                   "Usain Bolt=PERSON:Usain Bolt; Dallas Cowboys=ORGANIZATION:Dallas Cowboys");
  /* a person's full name owns the name of several words after it; a club is named after one */
  assert_entities (f, "Lina Khan's Federal Trade Commission met at Ronnie Scott's Club.",
                   "Lina Khan=PERSON:Lina Khan; Federal Trade Commission=ORGANIZATION:Federal Trade Commission; "
                   "Ronnie Scott's Club=ORGANIZATION:Ronnie Scott's Club");
  /* a word made with "bank" is a bank; a role and a comma before a given name say a person */
  assert_entities (f, "Sovcombank was hit, its chief economist, Nathan Sheets, said by the Riverbank.",
                   "Sovcombank=ORGANIZATION:Sovcombank; Nathan Sheets=PERSON:Nathan Sheets");
  /* a deity alone is no entity; a church named after one is */
  assert_entities (f, "They prayed to God at the Church of God.", "Church of God=ORGANIZATION:Church of God");
  /* a place's newspaper; not a person named so */
  assert_entities (f, "He told the Baltimore Sun and Anna Sun.",
                   "Baltimore Sun=ORGANIZATION:Baltimore Sun; Anna Sun=PERSON:Anna Sun");
  /* a first word of the language that is no given name opens no person's name (things,
   * films, bands), unless a given name ends it, or evidence, or a place's first word */
  assert_entities (f, "Scientists restarted the Large Hadron Collider near Woody Allen and New Madrid.",
                   "Woody Allen=PERSON:Woody Allen; New Madrid=LOCATION:New Madrid");
  assert_entities (f, "The report, published by the Mines Inspectorate, blamed the Sinaloa Cartel.",
                   "Mines Inspectorate=ORGANIZATION:Mines Inspectorate; Sinaloa Cartel=ORGANIZATION:Sinaloa Cartel");
  /* the longest name before the hyphen; a nationality is not named */
  assert_entities (f, "The Texas-born singer joined a New York-based and a Saudi-led group.",
                   "Texas=LOCATION:Texas; New York=LOCATION:New York");
}

/* roles.c: a capitalised title used alone is a person: the one who bore it, or the title */
static void
test_roles (void **state)
{
  assert_entities (*state, "Deputy Secretary Antony Blinken arrived. The Deputy Secretary said it was good.",
                   "Antony Blinken=PERSON:Antony Blinken [Deputy Secretary]; Deputy Secretary=PERSON:Antony Blinken");
  assert_entities (*state, "Aid was announced by the Prime Minister on Monday.",
                   "Prime Minister=PERSON:Prime Minister");
  assert_entities (*state, "The reward was authorised by the Secretary of State today.",
                   "Secretary of State=PERSON:Secretary of State");
  /* a title before a name is that name's, and a capitalised name after "the" is no role */
  assert_entities (*state, "He met the Prime Minister Keir Starmer.",
                   "Keir Starmer=PERSON:Keir Starmer [Prime Minister]");
  assert_entities (*state, "They met at the General Assembly.", "General Assembly=ORGANIZATION:General Assembly");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_gazetteers, setup, teardown),
    cmocka_unit_test_setup_teardown (test_model, setup_model, teardown),
    cmocka_unit_test (test_model_errors),
    cmocka_unit_test_setup_teardown (test_nationalities, setup, teardown),
    cmocka_unit_test_setup_teardown (test_states, setup, teardown),
    cmocka_unit_test_setup_teardown (test_groups, setup, teardown),
    cmocka_unit_test_setup_teardown (test_roles, setup, teardown),
    cmocka_unit_test_setup_teardown (test_titles_are_not_names, setup, teardown),
    cmocka_unit_test_setup_teardown (test_organisation_rules, setup, teardown),
    cmocka_unit_test_setup_teardown (test_ampersands_and_owner_adjectives, setup, teardown),
    cmocka_unit_test_setup_teardown (test_place_rules, setup, teardown),
    cmocka_unit_test_setup_teardown (test_short_mentions_resolve, setup, teardown),
    cmocka_unit_test_setup_teardown (test_lone_words_need_evidence, setup, teardown),
    cmocka_unit_test_setup_teardown (test_not_entities, setup, teardown),
    cmocka_unit_test_setup_teardown (test_roles_and_members_last, setup, teardown),
    cmocka_unit_test_setup_teardown (test_surnames, setup, teardown),
    cmocka_unit_test_setup_teardown (test_worker_reuse, setup, teardown),
    cmocka_unit_test_setup_teardown (test_many_people, setup, teardown),
    cmocka_unit_test_setup_teardown (test_titles_of_works, setup, teardown),
    cmocka_unit_test_setup_teardown (test_german_nouns, setup, teardown),
    cmocka_unit_test_setup_teardown (test_nickname, setup, teardown),
    cmocka_unit_test_setup_teardown (test_user_gazetteer, setup_user_gazetteer, teardown),
    cmocka_unit_test_setup_teardown (test_entities_field, setup, teardown),
    cmocka_unit_test_setup_teardown (test_month_surname, setup, teardown),
    cmocka_unit_test_setup_teardown (test_postnominals_and_peers, setup, teardown),
    cmocka_unit_test_setup_teardown (test_acronym_shapes, setup, teardown),
    cmocka_unit_test_setup_teardown (test_heads_and_titled_places, setup, teardown),
    cmocka_unit_test_setup_teardown (test_place_evidence, setup, teardown),
    cmocka_unit_test_setup_teardown (test_lone_word_contexts, setup, teardown),
    cmocka_unit_test_setup_teardown (test_linked_names_and_clubs, setup, teardown),
    cmocka_unit_test_setup_teardown (test_common_noun_pairs, setup, teardown),
    cmocka_unit_test_setup_teardown (test_given_names_and_firms, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sports_clubs_and_al, setup, teardown),
    cmocka_unit_test_setup_teardown (test_particles_and_appositions, setup, teardown),
    cmocka_unit_test_setup_teardown (test_not_persons_by_their_words, setup, teardown),
    cmocka_unit_test_setup_teardown (test_datelines, setup, teardown),
    cmocka_unit_test_setup_teardown (test_well_known_people, setup, teardown),
    cmocka_unit_test_setup_teardown (test_tz_cities, setup, teardown),
    cmocka_unit_test_setup_teardown (test_person_lists, setup, teardown),
    cmocka_unit_test_setup_teardown (test_news_copy_shapes, setup, teardown),
    cmocka_unit_test_setup_teardown (test_conll_regions, setup_conll, teardown),
    cmocka_unit_test (test_bad_gazetteer),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
