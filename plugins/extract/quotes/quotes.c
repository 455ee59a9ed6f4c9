/* extract "quotes": direct quotations with their speaker, as "quote" annotations (the span
 * is the quoted text without its marks) and a "quotes" field.
 *
 *   1. Quotation marks are paired per paragraph: straight and curly double quotes, German
 *      „…“, French and Spanish «…», and single quotes ‘…’ / '…' (apostrophes are told apart
 *      by the letters around them).  A paragraph that ends inside a quotation continues it
 *      when the next paragraph reopens one, or closes one without reopening it (news style
 *      for quotes over several paragraphs, and its common slip); in single marks (British
 *      style) too, where a closing mark must follow a sentence's punctuation to be told
 *      from an apostrophe.
 *   2. Names: entity annotations when the chain ran the entities extractor, else capitalised
 *      names found here; people a tagger missed are added when they start with a known given
 *      name.  Canonical names lose titles and role words ("Parent Rachel Okonkwo"), surnames
 *      and once-misspelt surnames become the full name, outlets are not people.  "he" and
 *      "she" are resolved in text order to the nearest compatible person (gender from given
 *      names, honorifics and earlier pronouns; the subject of each sentence first).
 *      Capitalised words right next to a speech verb are a speaker whatever the tagger made
 *      of them ("Quinn said" -> the earlier "Deborah Quinn").  What the article says each
 *      person is (title, words before the name, appositions, "61," ages) lets "the manager"
 *      and "the 34-year-old" find their person; "the Swede" with no such person is the one
 *      the text is about (the last sentence subject), else whoever spoke the quotation just
 *      before ("said Jimmy Rollins ... the shortstop said").
 *   3. The attribution is looked for after the closing mark (`"…," X said`, `"…," said X`,
 *      `"…," according to X`), before the opening mark (`X said, "…"`, `X, the coach, said:
 *      "…"`, `…, stating, "…"`), earlier in the sentence for fragments of reported speech
 *      (`called the plan "reckless"`), with the speech verbs of speech-verbs.txt.  The pieces
 *      of one quotation share their speaker, a quotation right after an attributed one goes
 *      on in the same voice, and one standing alone after a sentence takes its subject.
 *   4. A quotation with no attribution is kept only when it is long enough to be speech
 *      (min-words); titles of works, names and scare quotes ("Salt and Cinder", also called
 *      "Q-West", "tight") are not quotes.  Single-quoted text needs an attribution. */
#include <string.h>

#include "quotes.h"

/* g_variant_builder_add (b, "{sv}", ...) parses its format string on every call; this is
 * the same without the parsing, which shows in profiles at thousands of articles/s. */
static void
add_entry (GVariantBuilder *builder, const char *key, GVariant *value)
{
  g_variant_builder_add_value (builder, g_variant_new_dict_entry (g_variant_new_string (key),
                                                                  g_variant_new_variant (value)));
}

static const NfOption quotes_options[] = {
  NF_OPTION_STR ("speech-verbs", "speech-verbs.txt",
                 "The list of speech verbs (one inflected form a line) that attribute a "
                 "quotation; a data file name or a path."),
  NF_OPTION_INT ("min-words", 8,
                 "Words a quotation with no attribution needs to be reported (shorter ones are "
                 "taken for titles, terms or scare quotes)."),
  NF_OPTION_STR ("female-names", "gazetteers/female-names.txt",
                 "Given names taken as a woman's when \"she\" is resolved to a person (a data "
                 "file name or a path)."),
  NF_OPTION_STR ("male-names", "gazetteers/male-names.txt",
                 "Given names taken as a man's when \"he\" is resolved to a person (a data "
                 "file name or a path)."),
  NF_OPTION_BOOL ("single-quotes", cfg_true,
                  "Whether text in single quotation marks counts, when it is attributed."),
  NF_OPTION_BOOL ("references", cfg_true,
                  "Whether to write a \"reference\" annotation for each person referred to "
                  "without their name: a pronoun (\"she\"; \"I\" in their quotation) or a "
                  "description (\"the Foreign Secretary\"), with the person's canonical name."),
  NF_OPTION_END
};

static void
quotes_free (gpointer data)
{
  Quotes *self = data;
  if (!self)
    return;
  g_clear_pointer (&self->verbs, g_hash_table_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->not_names, g_hash_table_unref);
  g_clear_pointer (&self->roles, g_hash_table_unref);
  g_clear_pointer (&self->not_persons, g_hash_table_unref);
  g_clear_pointer (&self->org_suffixes, g_hash_table_unref);
  g_clear_pointer (&self->org_nouns, g_hash_table_unref);
  g_clear_pointer (&self->demonyms, g_hash_table_unref);
  g_clear_pointer (&self->female, nlp_sorted_words_free);
  g_clear_pointer (&self->male, nlp_sorted_words_free);
  g_clear_pointer (&self->common_words, nlp_sorted_words_free);
  g_clear_pointer (&self->person_nouns, nlp_sorted_words_free);
  g_free (self);
}

static gboolean
quotes_load (Quotes *self, G_GNUC_UNUSED NfStage *stage, cfg_t *cfg, GError **error)
{
  self->min_words = cfg_getint (cfg, "min-words");
  self->single_quotes = cfg_getbool (cfg, "single-quotes");
  self->references = cfg_getbool (cfg, "references");
  if (!(self->verbs = nlp_word_set_load (cfg_getstr (cfg, "speech-verbs"), error))
      || !(self->titles = nlp_word_set_load ("gazetteers/titles.txt", error))
      || !(self->not_names = nlp_word_set_load ("gazetteers/not-names.txt", error))
      || !(self->roles = nlp_word_set_load ("quotes/roles.txt", error))
      || !(self->not_persons = nlp_word_set_load ("quotes/not-persons.txt", error))
      || !(self->org_suffixes = nlp_word_set_load ("gazetteers/org-suffixes.txt", error))
      || !(self->org_nouns = nlp_word_set_load ("quotes/org-nouns.txt", error))
      || !(self->female = nlp_sorted_words_load (cfg_getstr (cfg, "female-names"), error))
      || !(self->male = nlp_sorted_words_load (cfg_getstr (cfg, "male-names"), error))
      || !(self->common_words = nlp_sorted_words_load ("gazetteers/common-words.txt", error))
      || !(self->person_nouns = nlp_sorted_words_load ("quotes/person-nouns.txt", error)))
    return FALSE;
  /* asked for most capitalised words of an article (a person's gender) */
  nlp_sorted_words_index (self->female);
  nlp_sorted_words_index (self->male);
  /* nationalities.txt has "Spanish<TAB>NATIONALITY<TAB>Spain" lines; the nouns for a person
   * ("Spaniard", "Swede", "Frenchman") are mostly not in it but share the first four letters */
  g_autoptr (GHashTable) nationalities = nlp_word_set_load ("gazetteers/nationalities.txt", error);
  if (!nationalities)
    return FALSE;
  self->demonyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, nationalities);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_utf8_strlen (key, -1) >= 4)
      g_hash_table_add (self->demonyms, g_utf8_substring (key, 0, 4));
  filters_init (self);
  return TRUE;
}

static gboolean
quotes_init (NfStage *stage, GError **error)
{
  cfg_t *cfg = nf_stage_get_config (stage);
  /* the instance is the stage's only once init succeeds: the core frees it from then on */
  Quotes *self = g_new0 (Quotes, 1);
  if (!quotes_load (self, stage, cfg, error))
    {
      quotes_free (self);
      return FALSE;
    }
  nf_stage_set_instance (stage, self);
  return TRUE;
}

static void
clear_name (gpointer data)
{
  Name *n = data;
  g_free (n->canonical);
  g_free (n->title);
}

static void
clear_quote (gpointer data)
{
  Quote *q = data;
  g_free (q->speaker);
  g_free (q->cue);
}

static void
free_roles (gpointer data)
{
  g_string_free (data, TRUE);
}

typedef struct {
  gsize start, end;
  guint quote;
} SpeakerSpan;

/* The containers quotes_process fills for an article, kept by each worker thread from one
 * article to the next and emptied, not freed: blocks of a few KB each (room for a dozen
 * quotes, a few dozen names and mentions) were allocated and freed for every article.  One
 * that grew past WORKER_KEEP elements (a long article) is freed after it, so that a worker
 * keeps no more than an ordinary article needs. */
typedef struct {
  GString    *scratch;
  GArray     *names, *quotes, *mentions, *others, *mention_words, *verb_words, *speakers;
  GHashTable *roles;
} Worker;

#define WORKER_KEEP 1024

static void
free_string (GString *string)
{
  g_string_free (string, TRUE);
}

/* Makes the containers of @w that are missing. */
static void
worker_fill (Worker *w)
{
  if (!w->scratch)
    w->scratch = g_string_sized_new (64);
  /* (grown from nothing, each array was reallocated at every power of two) */
  if (!w->names)
    {
      w->names = g_array_sized_new (FALSE, FALSE, sizeof (Name), 64);
      g_array_set_clear_func (w->names, clear_name);
    }
  if (!w->quotes)
    {
      w->quotes = g_array_sized_new (FALSE, FALSE, sizeof (Quote), 16);
      g_array_set_clear_func (w->quotes, clear_quote);
    }
  if (!w->mentions)
    w->mentions = g_array_sized_new (FALSE, FALSE, sizeof (Mention), 64);
  if (!w->others)
    w->others = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 64);
  if (!w->mention_words)
    w->mention_words = g_array_sized_new (FALSE, FALSE, sizeof (guint), 32);
  if (!w->verb_words)
    w->verb_words = g_array_sized_new (FALSE, FALSE, sizeof (guint), 32);
  if (!w->speakers)
    w->speakers = g_array_sized_new (FALSE, FALSE, sizeof (SpeakerSpan), 16);
  if (!w->roles)
    w->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_roles);
}

static void
worker_clear (Worker *w)
{
  g_clear_pointer (&w->scratch, free_string);
  g_clear_pointer (&w->names, g_array_unref);
  g_clear_pointer (&w->quotes, g_array_unref);
  g_clear_pointer (&w->mentions, g_array_unref);
  g_clear_pointer (&w->others, g_array_unref);
  g_clear_pointer (&w->mention_words, g_array_unref);
  g_clear_pointer (&w->verb_words, g_array_unref);
  g_clear_pointer (&w->speakers, g_array_unref);
  g_clear_pointer (&w->roles, g_hash_table_unref);
}

/* Empties @array (its clear function frees what its elements own) for the next article, or
 * frees it when a long article made it large. */
static void
array_reset (GArray **array)
{
  if ((*array)->len > WORKER_KEEP)
    g_clear_pointer (array, g_array_unref);
  else
    g_array_set_size (*array, 0);
}

/* After an article: the containers of @w emptied, or freed when they grew large. */
static void
worker_reset (Worker *w)
{
  if (w->scratch->allocated_len > 64 * WORKER_KEEP)
    g_clear_pointer (&w->scratch, free_string);
  else
    g_string_truncate (w->scratch, 0);
  array_reset (&w->names);
  array_reset (&w->quotes);
  array_reset (&w->mentions);
  array_reset (&w->others);
  array_reset (&w->mention_words);
  array_reset (&w->verb_words);
  array_reset (&w->speakers);
  if (g_hash_table_size (w->roles) > WORKER_KEEP)
    g_clear_pointer (&w->roles, g_hash_table_unref);
  else
    g_hash_table_remove_all (w->roles);
}

static gpointer
quotes_worker_new (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED GError **error)
{
  Worker *w = g_new0 (Worker, 1);
  worker_fill (w);
  return w;
}

static void
quotes_worker_free (gpointer data)
{
  Worker *w = data;
  if (!w)
    return;
  worker_clear (w);
  g_free (w);
}

static gint
compare_speaker_spans (gconstpointer a, gconstpointer b)
{
  const SpeakerSpan *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Whether quotation @k is inside the speaker's name of another (a nickname: said Col. John
 * "J.D." Dorrian); @speakers: the speakers' spans by start, none longer than @longest. */
static gboolean
in_speaker_name (const GArray *speakers, gsize longest, guint k, const Quote *q)
{
  gsize from = q->close >= longest ? q->close - longest : 0;
  guint lo = 0, hi = speakers->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (speakers, SpeakerSpan, mid).start < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint j = lo; j < speakers->len; j++)
    {
      const SpeakerSpan *s = &g_array_index (speakers, SpeakerSpan, j);
      if (s->start >= q->open)
        break;
      if (s->quote != k && q->close < s->end)
        return TRUE;
    }
  return FALSE;
}

static gboolean
quotes_process (NfStage *stage, gpointer worker, NfArticle *article, G_GNUC_UNUSED GError **error)
{
  const Quotes *self = nf_stage_get_instance (stage);
  const char *text = nf_article_get_text (article);
  if (!text)
    return TRUE;
  const NfText *segmentation = nf_article_get_segmentation (article);
  /* (the worker's containers: worker_fill makes again those a long article had freed) */
  Worker *w = worker;
  worker_fill (w);
  GArray *names = w->names, *quotes = w->quotes;
  Context c = {
    .self = self, .text = text, .length = nf_article_get_text_length (article),
    .scratch = w->scratch, .names = names, .quotes = quotes, .mentions = w->mentions,
    .others = w->others, .roles = w->roles, .mention_words = w->mention_words,
    .verb_words = w->verb_words,
  };
  c.tokens = nf_text_get_tokens (segmentation, &c.n);
  guint n_folds;
  c.fold_ids = nf_text_get_fold_ids (segmentation, &c.folds, &n_folds);
  c.n_folds = n_folds;
  /* (with fold_lower, which token_bits_new fills, in one block) */
  g_autofree guint8 *list_memo = c.list_memo = g_new0 (guint8, 2 * ((gsize) n_folds + 1));
  c.fold_lower = list_memo + n_folds + 1;
  g_autofree guint32 *token_bits = c.token_bits = token_bits_new (&c, n_folds);
  guint n_sentences;
  const NfSentence *sentences = nf_text_get_sentences (segmentation, &n_sentences);

  find_quotes (&c, article);
  index_quotes (&c);
  if (!names_from_entities (&c, article))
    names_from_capitals (&c);
  index_others (&c);
  names_supplement (&c);
  names_from_cues (&c);
  refine_names (&c);
  collect_roles (&c);
  build_mentions (&c);

  attribute_quotes (&c, sentences);
  attribute_unattributed (&c);
  if (self->references)
    write_references (&c, article);

  /* the speakers' spans, by start, for nicknames inside them */
  GArray *speakers = w->speakers;
  gsize longest = 0;
  for (guint k = 0; k < quotes->len; k++)
    {
      const Quote *q = &g_array_index (quotes, Quote, k);
      SpeakerSpan s = { q->speaker_start, q->speaker_end, k };
      if (q->speaker_end > q->speaker_start)
        {
          g_array_append_val (speakers, s);
          longest = MAX (longest, q->speaker_end - q->speaker_start);
        }
    }
  g_array_sort (speakers, compare_speaker_spans);

  QuoteList *list = quote_list_new ();
  for (guint k = 0; k < quotes->len; k++)
    {
      Quote *q = &g_array_index (quotes, Quote, k);
      /* a nickname inside the name of a speaker: said Col. John "J.D." Dorrian */
      if (in_speaker_name (speakers, longest, k, q))
        continue;
      if (!q->attributed)
        {
          if (q->single || looks_like_title (&c, q) || count_words (&c, q) < (guint) self->min_words)
            continue;
        }
      else if (((!q->speaker || q->fragment) && looks_like_title (&c, q)) || looks_like_term (&c, q))
        continue; /* "The Quiet Year", `also called "Q-West"`: a title or a name, whatever verb is near */
      NfAnnotation *a = nf_article_add_annotation (article, NF_ANNOTATION_QUOTE, q->start, q->end);
      if (q->speaker)
        nf_annotation_set_attr_string (a, NF_ATTR_SPEAKER, q->speaker);
      if (q->speaker_end > q->speaker_start)
        {
          g_autofree char *words = g_strndup (text + q->speaker_start, q->speaker_end - q->speaker_start);
          nf_annotation_set_attr_string (a, "speaker_text", words);
          nf_annotation_set_attr_int64 (a, "speaker_start", q->speaker_start);
          nf_annotation_set_attr_int64 (a, "speaker_end", q->speaker_end);
        }
      if (q->cue)
        nf_annotation_set_attr_string (a, "cue", q->cue);

      /* The quoted text as a C string would hold it (up to a NUL, which the text of an
       * article has not), without the copy. */
      const char *quoted = text + q->start;
      gsize quoted_length = strnlen (quoted, q->end - q->start);
      /* Each quote is written into the field's buffer at once (output.c), instead of a tree
       * of a dozen small values kept until the list ends (~30 MB for the 14,000 quotes of a
       * 6 MB article, issue 12). */
      if (nf_utf8_validate (quoted, quoted_length, NULL) && (!q->speaker || g_utf8_validate (q->speaker, -1, NULL))
          && (!q->cue || g_utf8_validate (q->cue, -1, NULL)))
        {
          quote_list_add (list, quoted, quoted_length, q->speaker, q->cue);
          continue;
        }
      /* (text GVariant would refuse: the same failures as before) */
      g_autofree char *copy = g_strndup (quoted, quoted_length);
      GVariantBuilder item;
      g_variant_builder_init (&item, G_VARIANT_TYPE_VARDICT);
      add_entry (&item, "text", g_variant_new_string (copy));
      add_entry (&item, "speaker",
                             g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                                  q->speaker ? g_variant_new_string (q->speaker) : NULL));
      add_entry (&item, "cue",
                             g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                                  q->cue ? g_variant_new_string (q->cue) : NULL));
      GVariant *entry = g_variant_ref_sink (g_variant_builder_end (&item));
      quote_list_add_value (list, entry);
      g_variant_unref (entry);
    }
  nf_article_set_field (article, NF_FIELD_QUOTES, quote_list_end (list));
  g_clear_pointer (&c.lower, g_hash_table_unref);
  g_clear_pointer (&c.lower_heap, g_free);
  index_clear (&c);
  worker_reset (w);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "quotes",
  .summary = "Finds direct quotations and attributes them to their speakers",
  .options = quotes_options,
  .init = quotes_init,
  .worker_new = quotes_worker_new,
  .worker_free = quotes_worker_free,
  .process = quotes_process,
  .free = quotes_free,
);
