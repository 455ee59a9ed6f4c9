/* blocks.c: a learned second look at the blocks that content.c kept for the article.
 *
 * The hand rules of content.c choose a container and drop what reads as boilerplate inside
 * it; what they miss is mostly boilerplate that looks like text up close (a teaser of another
 * story, a site's closing call, a line of labels).  Seen from the whole body it has a shape:
 * short, link-heavy or unpunctuated, at the body's edges, in another branch of the tree or
 * under a class that says "related".  A logistic regression over such cheap features of each
 * kept block (boilerpipe's and dragnet's idea) gives the chance that it is boilerplate, and
 * the blocks above a high threshold go.  The weights are a text file (html_block_model_load),
 * fitted by tests/bench/html-train.py; the features are computed from what the one walk over
 * the tree has already found (no second parse, no second walk). */
#include <math.h>
#include <string.h>

#include <newsflow/data.h>
#include <newsflow/error.h>
#include <newsflow/text.h>

#include "html-private.h"

/* In the order of the vectors html_blocks_features fills; the model file names them. */
static const char *const feature_names[HTML_BLOCK_N_FEATURES] = {
  "bias", "log_words", "few_words", "link_density", "sentence", "ends_stop", "ends_colon",
  "punct_ratio", "digit_ratio", "caps_ratio", "separators", "heading", "tag_p", "tag_li",
  "tag_cell", "tag_quote", "first", "last", "position", "text_before", "text_after",
  "depth_off", "other_root", "hint_junk", "hint_unlikely", "hint_positive", "hint_body",
  "hidden", "announced", "prev_sentence", "next_sentence", "prev_links", "next_links",
  "label_run", "code", "outside_main", "island", "head_short", "tail_short", "tail_label",
  "upper_ratio", "number_ratio", "money", "ends_question", "word_length",
};

struct _HtmlBlockModel {
  double weights[HTML_BLOCK_N_FEATURES];
  double threshold; /* a block goes when its chance of being boilerplate is at least this */
  double max_share; /* ... unless the blocks that would go hold more of the body than this */
};

const char *
html_block_feature_name (guint feature)
{
  return feature < HTML_BLOCK_N_FEATURES ? feature_names[feature] : NULL;
}

/* Reads "name value" lines ('#' starts a comment): a weight per feature (missing ones are 0),
 * "threshold" and "max-share". */
static gboolean
model_set (const char *name, double value, gpointer data)
{
  HtmlBlockModel *model = data;
  for (guint f = 0; f < HTML_BLOCK_N_FEATURES; f++)
    if (strcmp (feature_names[f], name) == 0)
      {
        model->weights[f] = value;
        return TRUE;
      }
  if (strcmp (name, "threshold") == 0 && value > 0 && value <= 1)
    model->threshold = value;
  else if (strcmp (name, "max-share") == 0 && value >= 0 && value <= 1)
    model->max_share = value;
  else
    return FALSE;
  return TRUE;
}

static HtmlBlockModel *
model_parse (const char *contents, const char *path, GError **error)
{
  g_autofree HtmlBlockModel *model = g_new0 (HtmlBlockModel, 1);
  model->threshold = 0.9;
  model->max_share = 0.5;
  if (!nf_data_read_named_values (contents, path, "a known feature, threshold or max-share and its value", model_set,
                                  model, error))
    return NULL;
  return g_steal_pointer (&model);
}

HtmlBlockModel *
html_block_model_load (const char *name, GError **error)
{
  /* A path as given when it names a file, else one of the data files ("models/..."). */
  g_autofree char *path = g_file_test (name, G_FILE_TEST_IS_REGULAR) ? g_strdup (name) : nf_data_find (name, error);
  g_autofree char *contents = NULL;
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  return model_parse (contents, path, error);
}

HtmlBlockModel *
html_block_model_new_from_text (const char *text, GError **error)
{
  return model_parse (text, "(model)", error);
}

void
html_block_model_free (HtmlBlockModel *model)
{
  g_free (model);
}

/* The shape of a block's words: how many, and the shares of capitalised words, digits and
 * punctuation among its characters.  Bytes of multi-byte characters count as letters
 * (lower case): the signs that matter here are ASCII. */
typedef struct {
  guint words, caps, chars, digits, puncts;
  guint upper_words;  /* words in capitals only ("PROS", "SPECIFICATIONS") */
  guint number_words; /* words of digits only */
  guint money;        /* currency signs and per cent signs */
} TextShape;

static void
text_shape (const char *text, TextShape *s)
{
  memset (s, 0, sizeof *s);
  gboolean in_word = FALSE, all_upper = FALSE, all_digits = FALSE;
  guint word_length = 0;
  for (const unsigned char *p = (const unsigned char *) text;; p++)
    {
      unsigned char c = *p;
      gboolean alnum = g_ascii_isalnum (c) || c >= 0x80;
      if (in_word && !alnum)
        {
          /* A word ends: one letter in capitals is no shout ("A", "I"). */
          s->upper_words += all_upper && word_length > 1;
          s->number_words += all_digits;
        }
      if (c == '\0')
        break;
      if (c != ' ')
        s->chars++;
      if (g_ascii_isdigit (c))
        s->digits++;
      else if (g_ascii_ispunct (c))
        s->puncts++;
      s->money += c == '$' || c == '%' || (c == 0xE2 && p[1] == 0x82 && p[2] == 0xAC) || (c == 0xC2 && p[1] == 0xA3);
      if (alnum && !in_word)
        {
          s->words++;
          s->caps += g_ascii_isupper (c);
          all_upper = all_digits = TRUE;
          word_length = 0;
        }
      if (alnum)
        {
          word_length++;
          all_upper &= g_ascii_isupper (c) || g_ascii_isdigit (c);
          all_digits &= g_ascii_isdigit (c);
        }
      in_word = alnum;
    }
}

/* Whether @text holds what separates the items of a line of links or labels. */
static gboolean
has_separators (const char *text)
{
  return strstr (text, " | ") || strstr (text, "\u2022") || strstr (text, "\u00b7") || strstr (text, " / ")
         || strstr (text, "\u00a9");
}

static double
ratio (double a, double b)
{
  return b > 0 ? a / b : 0;
}

void
html_blocks_features (GPtrArray *paragraphs, const HtmlBlockShape *shapes, double *out)
{
  guint n = paragraphs->len;
  if (n == 0)
    return;
  g_autofree gsize *lengths = g_new (gsize, n);
  gsize total = 0;
  for (guint i = 0; i < n; i++)
    total += lengths[i] = strlen (((HtmlParagraph *) g_ptr_array_index (paragraphs, i))->text);
  /* The depth and the root that hold most of the text: the article's. */
  guint main_depth = 0, main_root = 0;
  {
    g_autoptr (GHashTable) by_depth = g_hash_table_new (g_direct_hash, g_direct_equal);
    g_autoptr (GHashTable) by_root = g_hash_table_new (g_direct_hash, g_direct_equal);
    gsize best_depth = 0, best_root = 0;
    for (guint i = 0; i < n; i++)
      {
        const HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
        gpointer dk = GUINT_TO_POINTER (shapes[i].depth + 1), rk = GUINT_TO_POINTER (p->root + 1);
        gsize d = GPOINTER_TO_SIZE (g_hash_table_lookup (by_depth, dk)) + lengths[i];
        gsize r = GPOINTER_TO_SIZE (g_hash_table_lookup (by_root, rk)) + lengths[i];
        g_hash_table_insert (by_depth, dk, GSIZE_TO_POINTER (d));
        g_hash_table_insert (by_root, rk, GSIZE_TO_POINTER (r));
        if (d > best_depth)
          best_depth = d, main_depth = shapes[i].depth;
        if (r > best_root)
          best_root = r, main_root = p->root;
      }
  }
  gsize before = 0;
  for (guint i = 0; i < n; i++)
    {
      const HtmlParagraph *p = g_ptr_array_index (paragraphs, i);
      const HtmlBlockShape *shape = &shapes[i];
      double *f = out + (gsize) i * HTML_BLOCK_N_FEATURES;
      TextShape s;
      text_shape (p->text, &s);
      gsize len = lengths[i];
      char last = len ? p->text[len - 1] : 0;
      if ((last == '"' || last == ')') && len > 1)
        last = p->text[len - 2];
      guint k = 0;
      f[k++] = 1;
      f[k++] = log1p (s.words);
      f[k++] = s.words <= 4;
      f[k++] = ratio (p->link_bytes, len);
      f[k++] = shape->sentence;
      f[k++] = last == '.' || last == '!' || last == '?';
      f[k++] = last == ':';
      f[k++] = ratio (s.puncts, s.chars);
      f[k++] = ratio (s.digits, s.chars);
      f[k++] = ratio (s.caps, s.words);
      f[k++] = has_separators (p->text);
      f[k++] = p->heading != 0;
      f[k++] = shape->tag == HTML_BLOCK_TAG_P;
      f[k++] = shape->tag == HTML_BLOCK_TAG_LI;
      f[k++] = shape->tag == HTML_BLOCK_TAG_CELL;
      f[k++] = shape->tag == HTML_BLOCK_TAG_QUOTE;
      f[k++] = i == 0;
      f[k++] = i + 1 == n;
      f[k++] = n > 1 ? (double) i / (n - 1) : 0;
      f[k++] = ratio (before, total);
      f[k++] = ratio (total - before - len, total);
      f[k++] = MIN (6u, shape->depth > main_depth ? shape->depth - main_depth : main_depth - shape->depth) / 6.0;
      f[k++] = p->root != main_root;
      f[k++] = (shape->hints & HTML_BLOCK_HINT_JUNK) != 0;
      f[k++] = (shape->hints & HTML_BLOCK_HINT_UNLIKELY) != 0;
      f[k++] = (shape->hints & HTML_BLOCK_HINT_POSITIVE) != 0;
      f[k++] = (shape->hints & HTML_BLOCK_HINT_BODY) != 0;
      f[k++] = p->hidden != 0;
      f[k++] = p->announced != 0;
      f[k++] = i > 0 && shapes[i - 1].sentence;
      f[k++] = i + 1 < n && shapes[i + 1].sentence;
      f[k++] = i > 0 ? ratio (((HtmlParagraph *) g_ptr_array_index (paragraphs, i - 1))->link_bytes, lengths[i - 1]) : 0;
      f[k++] = i + 1 < n ? ratio (((HtmlParagraph *) g_ptr_array_index (paragraphs, i + 1))->link_bytes, lengths[i + 1]) : 0;
      /* One of three blocks in a row that are no sentences: a list of headlines or labels. */
      guint run = !shape->sentence;
      run += run && i > 0 && !shapes[i - 1].sentence;
      run += run && i + 1 < n && !shapes[i + 1].sentence;
      f[k++] = run >= 3;
      f[k++] = (shape->hints & HTML_BLOCK_HINT_CODE) != 0;
      f[k++] = shape->outside_main;
      /* In a wrapper of its own between blocks that share theirs: a box set into the text. */
      f[k++] = i > 0 && i + 1 < n && shape->parent != shapes[i - 1].parent && shape->parent != shapes[i + 1].parent;
      double text_before = ratio (before, total), text_after = ratio (total - before - len, total);
      f[k++] = s.words <= 6 && text_before < 0.1;
      f[k++] = s.words <= 6 && text_after < 0.1;
      f[k++] = !shape->sentence && text_after < 0.1;
      f[k++] = ratio (s.upper_words, s.words);
      f[k++] = ratio (s.number_words, s.words);
      f[k++] = MIN (s.money, 3u) / 3.0;
      f[k++] = last == '?';
      f[k++] = MIN (ratio (s.chars, s.words), 15.0) / 15.0;
      g_assert (k == HTML_BLOCK_N_FEATURES);
      before += len;
    }
}

double
html_block_model_chance (const HtmlBlockModel *model, const double *features)
{
  double z = 0;
  for (guint k = 0; k < HTML_BLOCK_N_FEATURES; k++)
    z += model->weights[k] * features[k];
  return 1.0 / (1.0 + exp (-z));
}

void
html_blocks_apply (const HtmlBlockModel *model, GPtrArray *paragraphs, const double *features)
{
  guint n = paragraphs->len;
  g_autofree gboolean *drop = g_new0 (gboolean, MAX (n, 1));
  gsize total = 0, dropped = 0;
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (((HtmlParagraph *) g_ptr_array_index (paragraphs, i))->text);
      total += len;
      drop[i] = html_block_model_chance (model, features + (gsize) i * HTML_BLOCK_N_FEATURES) >= model->threshold;
      dropped += drop[i] ? len : 0;
    }
  /* A model that would take most of the body has met a page unlike those it learnt from. */
  if (dropped == 0 || dropped > total * model->max_share)
    return;
  for (guint i = n; i-- > 0;)
    if (drop[i])
      g_ptr_array_remove_index (paragraphs, i);
}
