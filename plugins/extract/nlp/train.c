/* newsflow-train: trains the model of extract "entities" from annotated text.
 *
 *   newsflow-train entities -o MODEL [--corpus DIR]... [--jsonl FILE]... [--conll FILE]...
 *
 * Input (see docs/training.md):
 *   --jsonl FILE   one document a line: {"text": "...", "entities": [{"start": 0, "end": 12,
 *                  "type": "person"}]}, offsets in code points of "text", [start, end)
 *   --conll FILE   one token a line, its IOB tag in the last column (PER, LOC, ORG; others
 *                  ignored), blank lines between sentences, -DOCSTART- between documents
 *   --corpus DIR   DIR/articles/<id>.txt with DIR/gold/entities.jsonl ({"id", "scheme",
 *                  "entities"}), the layout of the project's benchmark folders; the headline
 *                  (first line) of "re3d" documents is not annotated, so it is left out
 * Person spans lose leading titles ("Defense Secretary Ash Carter" -> "Ash Carter") and every
 * span its leading lower-case words: the extractor reports names without titles.
 *
 * Deterministic: documents are shuffled with a fixed seed, so the same input and options give
 * the same model file, byte for byte.  Every --held-out'th document is kept out of training
 * and scored at the end; the model written is then trained again on every document. */
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <newsflow/newsflow.h>

#include "entities/entities.h"
#include "lexicon.h"
#include "ner.h"

typedef struct {
  char    *name;   /* where it came from, for messages */
  char    *text;
  NfText  *segmentation;
  guint8  *gold;
  guint8  *hints;  /* what the rules find, a feature of the model (nlp_ner_hints) */
} Doc;

static void
doc_free (gpointer data)
{
  Doc *d = data;
  g_free (d->name);
  g_free (d->text);
  if (d->segmentation)
    nf_text_unref (d->segmentation);
  g_free (d->gold);
  g_free (d->hints);
  g_free (d);
}

typedef struct {
  gsize      start, end; /* bytes */
  NlpNerType type;
} Span;

static int
by_length_then_start (gconstpointer a, gconstpointer b)
{
  const Span *x = a, *y = b;
  gsize lx = x->end - x->start, ly = y->end - y->start;
  if (lx != ly)
    return lx > ly ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Segments @text and tags its tokens from @spans (longest first; a span overlapping one
 * already tagged is dropped). */
static Doc *
doc_new (const char *name, char *text, GArray *spans, const NlpNerLexicon *lexicon)
{
  Doc *d = g_new0 (Doc, 1);
  d->name = g_strdup (name);
  d->text = text;
  d->segmentation = nf_text_segment (text, strlen (text));
  guint n;
  const NfToken *tokens = nf_text_get_tokens (d->segmentation, &n);
  d->gold = g_new0 (guint8, MAX (n, 1));
  g_array_sort (spans, by_length_then_start);
  g_autoptr (GString) scratch = g_string_new (NULL);
  for (guint s = 0; s < spans->len; s++)
    {
      Span *sp = &g_array_index (spans, Span, s);
      guint first = G_MAXUINT, last = 0;
      for (guint i = 0; i < n; i++)
        if (tokens[i].start >= sp->start && tokens[i].start < sp->end)
          {
            first = MIN (first, i);
            last = i;
          }
      if (first == G_MAXUINT)
        continue;
      /* names without leading lower-case words or, for people, titles */
      while (first <= last
             && (tokens[first].kind != NF_TOKEN_WORD || !(tokens[first].flags & NF_TOKEN_CAPITALIZED)
                 || (sp->type == NLP_NER_PER && first < last && nlp_ner_is_title (lexicon, scratch, text, &tokens[first]))))
        first++;
      while (last > first && tokens[last].kind == NF_TOKEN_PUNCT && !(tokens[last].end - tokens[last].start == 1
                                                                      && text[tokens[last].start] == '.'))
        last--;
      if (first > last)
        continue;
      gboolean free = TRUE;
      for (guint i = first; i <= last && free; i++)
        free = d->gold[i] == NLP_NER_O;
      if (!free)
        continue;
      for (guint i = first; i <= last; i++)
        d->gold[i] = (guint8) (sp->type * 2 - (i == first));
    }
  return d;
}

/* Byte offsets of each code point of @text (and of its end). */
static gsize *
code_point_offsets (const char *text, glong *n_chars)
{
  *n_chars = g_utf8_strlen (text, -1);
  gsize *offsets = g_new (gsize, *n_chars + 1);
  const char *p = text;
  for (glong i = 0; i < *n_chars; i++, p = g_utf8_next_char (p))
    offsets[i] = p - text;
  offsets[*n_chars] = p - text;
  return offsets;
}

/* The spans of a JSON "entities" array, offsets in code points of @text, the spans before
 * byte @skip left out and the others moved back by @skip. */
static gboolean
read_entities (JsonArray *entities, const char *text, gsize skip, GArray *spans, const char *where, GError **error)
{
  glong n_chars;
  g_autofree gsize *offsets = code_point_offsets (text, &n_chars);
  for (guint i = 0; entities && i < json_array_get_length (entities); i++)
    {
      JsonNode *node = json_array_get_element (entities, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      JsonObject *e = json_node_get_object (node);
      const char *type = json_object_has_member (e, "type") ? json_object_get_string_member (e, "type")
                         : json_object_has_member (e, "label") ? json_object_get_string_member (e, "label") : NULL;
      NlpNerType t = nlp_ner_type_parse (type);
      if (!t)
        continue;
      /* GUM marks every mention: names are those mostly of proper nouns */
      if (json_object_has_member (e, "propn_ratio") && json_object_get_double_member (e, "propn_ratio") < 0.5)
        continue;
      if (json_object_has_member (e, "confidence") && json_object_get_double_member (e, "confidence") < 0.5)
        continue;
      gboolean named = json_object_has_member (e, "name_start") && json_object_has_member (e, "name_end");
      /* GUM: a mention of a named referent without a name of its own ("the John Murray
       * archive") is no name; its nested mentions are */
      if (!named && json_object_has_member (e, "named"))
        continue;
      gint64 start = json_object_get_int_member_with_default (e, named ? "name_start" : "start", -1);
      gint64 end = json_object_get_int_member_with_default (e, named ? "name_end" : "end", -1);
      if (start < 0 || end <= start || end > n_chars)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "%s: entity %u has no valid start/end (code points within the text's %ld)", where, i, n_chars);
          return FALSE;
        }
      if (offsets[start] < skip)
        continue;
      Span sp = { offsets[start] - skip, offsets[end] - skip, t };
      g_array_append_val (spans, sp);
    }
  return TRUE;
}

static gboolean
read_jsonl (const char *path, const NlpNerLexicon *lexicon, GPtrArray *docs, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &data, NULL, &local))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  for (guint l = 0; lines[l]; l++)
    {
      if (!*g_strstrip (lines[l]))
        continue;
      g_autofree char *where = g_strdup_printf ("%s:%u", path, l + 1);
      if (!nf_json_check_depth (lines[l], -1, &local) || !json_parser_load_from_data (parser, lines[l], -1, &local)
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: not a JSON object%s%s", where,
                       local ? ": " : "", local ? local->message : "");
          return FALSE;
        }
      JsonObject *o = json_node_get_object (json_parser_get_root (parser));
      const char *text = json_object_get_string_member_with_default (o, "text", NULL);
      if (!text || !g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: no \"text\" string", where);
          return FALSE;
        }
      JsonArray *entities = json_object_has_member (o, "entities") ? json_object_get_array_member (o, "entities") : NULL;
      g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
      if (!read_entities (entities, text, 0, spans, where, error))
        return FALSE;
      g_ptr_array_add (docs, doc_new (where, g_strdup (text), spans, lexicon));
    }
  return TRUE;
}

static gboolean
read_corpus (const char *dir, char **skip_prefixes, const NlpNerLexicon *lexicon, GPtrArray *docs, GError **error)
{
  g_autofree char *gold = g_build_filename (dir, "gold", "entities.jsonl", NULL);
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (gold, &data, NULL, &local))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  for (guint l = 0; lines[l]; l++)
    {
      if (!*g_strstrip (lines[l]))
        continue;
      g_autofree char *where = g_strdup_printf ("%s:%u", gold, l + 1);
      if (!nf_json_check_depth (lines[l], -1, &local) || !json_parser_load_from_data (parser, lines[l], -1, &local)
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: not a JSON object%s%s", where,
                       local ? ": " : "", local ? local->message : "");
          return FALSE;
        }
      JsonObject *o = json_node_get_object (json_parser_get_root (parser));
      const char *id = json_object_get_string_member_with_default (o, "id", NULL);
      if (!id || strchr (id, '/'))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: no usable \"id\"", where);
          return FALSE;
        }
      gboolean skipped = FALSE;
      for (char **p = skip_prefixes; p && *p && !skipped; p++)
        skipped = g_str_has_prefix (id, *p);
      if (skipped)
        continue;
      g_autofree char *name = g_strconcat (id, ".txt", NULL);
      g_autofree char *path = g_build_filename (dir, "articles", name, NULL);
      g_autofree char *text = NULL;
      if (!g_file_get_contents (path, &text, NULL, &local) || !g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: %s", path, local ? local->message : "not UTF-8");
          return FALSE;
        }
      /* re3d leaves headlines unannotated: train on the body only */
      gsize skip = 0;
      const char *scheme = json_object_get_string_member_with_default (o, "scheme", "");
      if (g_ascii_strcasecmp (scheme, "re3d") == 0)
        {
          const char *body = strstr (text, "\n\n");
          skip = body ? (gsize) (body + 2 - text) : 0;
        }
      JsonArray *entities = json_object_has_member (o, "entities") ? json_object_get_array_member (o, "entities") : NULL;
      g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
      if (!read_entities (entities, text, skip, spans, where, error))
        return FALSE;
      g_ptr_array_add (docs, doc_new (path, g_strdup (text + skip), spans, lexicon));
    }
  return TRUE;
}

/* The tag of a CoNLL line's last column. */
static NlpNerType
conll_type (const char *tag, gboolean *begin)
{
  *begin = tag[0] == 'B';
  if ((tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-')
    return 0;
  return nlp_ner_type_parse (tag + 2);
}

static void
flush_conll (GString *text, GArray *spans, const char *path, guint line, const NlpNerLexicon *lexicon, GPtrArray *docs)
{
  if (text->len > 0)
    {
      g_autofree char *where = g_strdup_printf ("%s:%u", path, line);
      g_ptr_array_add (docs, doc_new (where, g_strdup (text->str), spans, lexicon));
    }
  g_string_truncate (text, 0);
  g_array_set_size (spans, 0);
}

static gboolean
read_conll (const char *path, const NlpNerLexicon *lexicon, GPtrArray *docs, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &data, NULL, &local))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  if (!g_utf8_validate (data, -1, NULL))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: not UTF-8", path);
      return FALSE;
    }
  /* each document becomes text: tokens joined by spaces, a sentence a line, so that the
   * project's own segmenter sees it as it sees an article */
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  Span open = { 0 };
  guint start_line = 1;
  for (guint l = 0; lines[l]; l++)
    {
      char *line = g_strstrip (lines[l]);
      if (!*line || g_str_has_prefix (line, "-DOCSTART-"))
        {
          if (open.type)
            g_array_append_val (spans, open);
          open.type = 0;
          if (*line)
            {
              flush_conll (text, spans, path, start_line, lexicon, docs);
              start_line = l + 2;
            }
          else if (text->len && text->str[text->len - 1] != '\n')
            g_string_append_c (text, '\n');
          continue;
        }
      g_auto (GStrv) columns = g_strsplit_set (line, " \t", -1);
      guint k = g_strv_length (columns);
      while (k > 0 && !*columns[k - 1])
        k--;
      if (k < 2)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s:%u: expected a token and a tag", path, l + 1);
          return FALSE;
        }
      gboolean begin;
      NlpNerType type = conll_type (columns[k - 1], &begin);
      if (open.type && (type != open.type || begin))
        {
          g_array_append_val (spans, open);
          open.type = 0;
        }
      if (text->len && text->str[text->len - 1] != '\n')
        g_string_append_c (text, ' ');
      gsize at = text->len;
      g_string_append (text, columns[0]);
      if (type && !open.type)
        open = (Span) { at, text->len, type };
      else if (type)
        open.end = text->len;
    }
  if (open.type)
    g_array_append_val (spans, open);
  flush_conll (text, spans, path, start_line, lexicon, docs);
  return TRUE;
}

/* ---- training and scoring ---------------------------------------------------------------- */

static NlpPerceptron *
train (GPtrArray *docs, gboolean (*use) (guint, guint), guint every, const NlpNerLexicon *lexicon, guint epochs,
       guint32 seed, guint bits, gboolean verbose)
{
  NlpPerceptron *model = nlp_ner_model_new (bits);
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < docs->len; i++)
    if (use (i, every))
      g_array_append_val (order, i);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  for (guint epoch = 1; epoch <= epochs; epoch++)
    {
      /* Fisher-Yates with the seeded generator */
      for (guint i = order->len; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          guint t = g_array_index (order, guint, i - 1);
          g_array_index (order, guint, i - 1) = g_array_index (order, guint, j);
          g_array_index (order, guint, j) = t;
        }
      guint errors = 0;
      for (guint k = 0; k < order->len; k++)
        {
          Doc *d = g_ptr_array_index (docs, g_array_index (order, guint, k));
          guint n;
          const NfToken *tokens = nf_text_get_tokens (d->segmentation, &n);
          g_autofree guint8 *tags = g_new (guint8, MAX (n, 1));
          errors += nlp_ner_tag (model, lexicon, d->text, tokens, n, d->hints, d->gold, tags);
        }
      if (verbose)
        fprintf (stderr, "epoch %u: %u tokens wrong\n", epoch, errors);
    }
  nlp_perceptron_average (model);
  return model;
}

static gboolean
held_in (guint i, guint every)
{
  return every == 0 || i % every != every - 1;
}

static gboolean
held_out (guint i, guint every)
{
  return every != 0 && i % every == every - 1;
}

static gboolean
everything (G_GNUC_UNUSED guint i, G_GNUC_UNUSED guint every)
{
  return TRUE;
}

/* Exact-span precision and recall per type over the held-out documents. */
static void
evaluate (NlpPerceptron *model, GPtrArray *docs, guint every, const NlpNerLexicon *lexicon)
{
  guint gold[4] = { 0 }, found[4] = { 0 }, right[4] = { 0 }, n_docs = 0;
  g_autoptr (GArray) gs = g_array_new (FALSE, FALSE, sizeof (NlpNerSpan));
  g_autoptr (GArray) ps = g_array_new (FALSE, FALSE, sizeof (NlpNerSpan));
  for (guint i = 0; i < docs->len; i++)
    {
      if (!held_out (i, every))
        continue;
      n_docs++;
      Doc *d = g_ptr_array_index (docs, i);
      guint n;
      const NfToken *tokens = nf_text_get_tokens (d->segmentation, &n);
      g_autofree guint8 *tags = g_new (guint8, MAX (n, 1));
      nlp_ner_tag (model, lexicon, d->text, tokens, n, d->hints, NULL, tags);
      g_array_set_size (gs, 0);
      g_array_set_size (ps, 0);
      nlp_ner_spans (d->gold, n, gs);
      nlp_ner_spans (tags, n, ps);
      for (guint a = 0; a < gs->len; a++)
        gold[g_array_index (gs, NlpNerSpan, a).type]++;
      for (guint b = 0; b < ps->len; b++)
        {
          NlpNerSpan *p = &g_array_index (ps, NlpNerSpan, b);
          found[p->type]++;
          for (guint a = 0; a < gs->len; a++)
            {
              NlpNerSpan *g = &g_array_index (gs, NlpNerSpan, a);
              if (g->first == p->first && g->last == p->last && g->type == p->type)
                right[p->type]++;
            }
        }
    }
  printf ("held-out evaluation: %u documents (every %u%s), exact spans\n", n_docs, every,
          every == 2 ? "nd" : every == 3 ? "rd" : "th");
  for (guint t = 0; t < 4; t++)
    {
      guint g = t ? gold[t] : gold[1] + gold[2] + gold[3];
      guint f = t ? found[t] : found[1] + found[2] + found[3];
      guint r = t ? right[t] : right[1] + right[2] + right[3];
      double P = f ? (double) r / f : 0, R = g ? (double) r / g : 0, F = P + R > 0 ? 2 * P * R / (P + R) : 0;
      printf ("  %-4s P %.3f R %.3f F1 %.3f (gold %u, found %u)\n", t ? nlp_ner_type_name (t) : "all", P, R, F, g, f);
    }
}

int
main (int argc, char **argv)
{
  g_auto (GStrv) corpora = NULL, jsonl = NULL, conll = NULL, skip = NULL, gazetteers = NULL;
  g_autofree char *output = NULL;
  gint epochs = 12, held = 10, bits = 16, seed = 1;
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Where to write the model", "MODEL" },
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &corpora, "A folder of articles/<id>.txt and gold/entities.jsonl", "DIR" },
    { "jsonl", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &jsonl, "JSON Lines of {\"text\", \"entities\": [{\"start\", \"end\", \"type\"}]}", "FILE" },
    { "conll", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &conll, "CoNLL tokens with IOB tags in the last column", "FILE" },
    { "skip", 0, 0, G_OPTION_ARG_STRING_ARRAY, &skip, "Leave out the --corpus documents whose id starts so", "PREFIX" },
    { "gazetteer", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &gazetteers, "An extra gazetteer, as extract \"entities\" takes", "FILE" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs, "Passes over the data (default 12)", "N" },
    { "held-out", 0, 0, G_OPTION_ARG_INT, &held, "Score on every Nth document, trained without it (default 10; 0: none)", "N" },
    { "bits", 0, 0, G_OPTION_ARG_INT, &bits, "2^N rows of hashed weights (default 16)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the shuffling (default 1)", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print the errors of each pass", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("entities - train the model of extract \"entities\"");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, "See docs/training.md for the formats and a worked example.");
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "newsflow-train: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || strcmp (argv[1], "entities") != 0)
    {
      fprintf (stderr, "newsflow-train: name what to train: newsflow-train entities -o MODEL ... (only \"entities\" exists)\n");
      return 2;
    }
  if (!output || (!corpora && !jsonl && !conll))
    {
      fprintf (stderr, "newsflow-train: needs -o MODEL and at least one --corpus, --jsonl or --conll\n");
      return 2;
    }
  if (epochs < 1 || held < 0 || held == 1 || bits < 12 || bits > 22)
    {
      fprintf (stderr, "newsflow-train: --epochs >= 1, --held-out 0 or >= 2, --bits 12..22\n");
      return 2;
    }
  g_autoptr (NlpNerLexicon) lexicon = nlp_ner_lexicon_load ((const char *const *) gazetteers, TRUE, &error);
  if (!lexicon)
    {
      fprintf (stderr, "newsflow-train: %s\n", error->message);
      return 1;
    }
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func (doc_free);
  for (char **p = corpora; p && *p; p++)
    if (!read_corpus (*p, skip, lexicon, docs, &error))
      break;
  for (char **p = jsonl; p && *p && !error; p++)
    read_jsonl (*p, lexicon, docs, &error);
  for (char **p = conll; p && *p && !error; p++)
    read_conll (*p, lexicon, docs, &error);
  if (error)
    {
      fprintf (stderr, "newsflow-train: %s\n", error->message);
      return 1;
    }
  /* the rules, as extract "entities" runs them under the model, with the same gazetteers */
  gpointer rules = entities_rules_new_lists ((const char *const *) gazetteers, TRUE, &error);
  if (!rules)
    {
      fprintf (stderr, "newsflow-train: %s\n", error->message);
      return 1;
    }
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (EntitiesRuleSpan));
  guint names = 0, tokens = 0;
  for (guint i = 0; i < docs->len; i++)
    {
      Doc *d = g_ptr_array_index (docs, i);
      guint n;
      const NfToken *toks = nf_text_get_tokens (d->segmentation, &n);
      d->hints = g_new0 (guint8, MAX (n, 1));
      g_array_set_size (found, 0);
      entities_rules_spans (rules, d->text, toks, n, NULL, found);
      for (guint k = 0; k < found->len; k++)
        {
          const EntitiesRuleSpan *r = &g_array_index (found, EntitiesRuleSpan, k);
          nlp_ner_hints (d->hints, n, r->first, r->last, r->label);
        }
      tokens += n;
      for (guint k = 0; k < n; k++)
        names += d->gold[k] != NLP_NER_O && d->gold[k] % 2 == 1;
    }
  if (names == 0)
    {
      fprintf (stderr, "newsflow-train: no person, place or organisation names in the input\n");
      return 1;
    }
  entities_rules_free (rules);
  printf ("read %u documents, %u tokens, %u names\n", docs->len, tokens, names);
  if (held > 0 && docs->len >= (guint) held)
    {
      g_autoptr (NlpPerceptron) trial = train (docs, held_in, held, lexicon, epochs, seed, bits, verbose);
      evaluate (trial, docs, held, lexicon);
    }
  else if (held > 0)
    printf ("held-out evaluation: skipped (fewer than %d documents)\n", held);
  g_autoptr (NlpPerceptron) model = train (docs, everything, 0, lexicon, epochs, seed, bits, verbose);
  if (!nlp_perceptron_save (model, output, &error))
    {
      fprintf (stderr, "newsflow-train: %s\n", error->message);
      return 1;
    }
  printf ("wrote %s (trained on all %u documents, %d passes, seed %d)\n", output, docs->len, epochs, seed);
  return 0;
}
