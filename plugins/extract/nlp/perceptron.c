/* perceptron.c: averaged perceptron over hashed features; see perceptron.h for the file. */
#include <math.h>
#include <string.h>

#include <newsflow/newsflow.h>

#include "perceptron.h"

struct _NlpPerceptron {
  char   *kind;
  char  **classes;
  guint   n_classes;
  guint   bits;
  guint32 mask;
  /* training: weights, their running totals and when each last changed */
  float   *weights;
  double  *totals;
  guint32 *stamps;
  guint32  clock;
  /* a trained or loaded model: weights as int16 times scale */
  gint16  *quantised;
  float    scale;
};

NlpPerceptron *
nlp_perceptron_new (const char *kind, const char *const *classes, guint bits)
{
  NlpPerceptron *self = g_new0 (NlpPerceptron, 1);
  self->kind = g_strdup (kind);
  self->classes = g_strdupv ((char **) classes);
  self->n_classes = g_strv_length (self->classes);
  g_return_val_if_fail (self->n_classes <= NLP_PERCEPTRON_MAX_CLASSES, self);
  self->bits = bits;
  self->mask = (1u << bits) - 1;
  gsize n = ((gsize) 1 << bits) * self->n_classes;
  self->weights = g_new0 (float, n);
  self->totals = g_new0 (double, n);
  self->stamps = g_new0 (guint32, n);
  return self;
}

void
nlp_perceptron_free (NlpPerceptron *self)
{
  if (!self)
    return;
  g_free (self->kind);
  g_strfreev (self->classes);
  g_free (self->weights);
  g_free (self->totals);
  g_free (self->stamps);
  g_free (self->quantised);
  g_free (self);
}

guint
nlp_perceptron_n_classes (const NlpPerceptron *self)
{
  return self->n_classes;
}

const char *
nlp_perceptron_class_name (const NlpPerceptron *self, guint c)
{
  return c < self->n_classes ? self->classes[c] : NULL;
}

void
nlp_perceptron_score (const NlpPerceptron *self, const guint32 *features, guint n_features, float *scores)
{
  guint k = self->n_classes;
  if (self->quantised)
    {
      gint32 sums[NLP_PERCEPTRON_MAX_CLASSES] = { 0 };
      for (guint f = 0; f < n_features; f++)
        {
          const gint16 *row = self->quantised + (gsize) (features[f] & self->mask) * k;
          for (guint c = 0; c < k; c++)
            sums[c] += row[c];
        }
      for (guint c = 0; c < k; c++)
        scores[c] += sums[c] * self->scale;
      return;
    }
  for (guint f = 0; f < n_features; f++)
    {
      const float *row = self->weights + (gsize) (features[f] & self->mask) * k;
      for (guint c = 0; c < k; c++)
        scores[c] += row[c];
    }
}

guint
nlp_perceptron_best (const NlpPerceptron *self, const float *scores, guint32 allowed)
{
  guint best = G_MAXUINT;
  for (guint c = 0; c < self->n_classes; c++)
    if ((!allowed || (allowed & (1u << c))) && (best == G_MAXUINT || scores[c] > scores[best]))
      best = c;
  return best == G_MAXUINT ? 0 : best;
}

void
nlp_perceptron_tick (NlpPerceptron *self)
{
  self->clock++;
}

static void
nudge (NlpPerceptron *self, gsize at, float delta)
{
  self->totals[at] += (double) (self->clock - self->stamps[at]) * self->weights[at];
  self->stamps[at] = self->clock;
  self->weights[at] += delta;
}

void
nlp_perceptron_update (NlpPerceptron *self, const guint32 *features, guint n_features, guint truth, guint guess)
{
  g_return_if_fail (self->weights);
  if (truth == guess)
    return;
  for (guint f = 0; f < n_features; f++)
    {
      gsize row = (gsize) (features[f] & self->mask) * self->n_classes;
      nudge (self, row + truth, 1.0f);
      nudge (self, row + guess, -1.0f);
    }
}

/* Rounds the float weights to int16 steps of one scale for the whole table. */
static void
quantise (NlpPerceptron *self, const float *weights)
{
  gsize n = ((gsize) 1 << self->bits) * self->n_classes;
  float top = 0;
  for (gsize i = 0; i < n; i++)
    top = MAX (top, fabsf (weights[i]));
  self->scale = top > 0 ? top / 32767.0f : 1.0f;
  self->quantised = g_new0 (gint16, n);
  for (gsize i = 0; i < n; i++)
    self->quantised[i] = (gint16) lrintf (weights[i] / self->scale);
}

void
nlp_perceptron_average (NlpPerceptron *self)
{
  g_return_if_fail (self->weights);
  gsize n = ((gsize) 1 << self->bits) * self->n_classes;
  for (gsize i = 0; i < n; i++)
    {
      double total = self->totals[i] + (double) (self->clock - self->stamps[i]) * self->weights[i];
      self->weights[i] = self->clock ? (float) (total / self->clock) : 0.0f;
    }
  quantise (self, self->weights);
  g_clear_pointer (&self->weights, g_free);
  g_clear_pointer (&self->totals, g_free);
  g_clear_pointer (&self->stamps, g_free);
}

static void
put_u32 (GString *out, guint32 v)
{
  guchar b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >> 24) & 0xff };
  g_string_append_len (out, (const char *) b, 4);
}

gboolean
nlp_perceptron_save (const NlpPerceptron *self, const char *path, GError **error)
{
  if (!self->quantised)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "%s: the model is not trained (no averaged weights)", path);
      return FALSE;
    }
  guint k = self->n_classes;
  gsize rows = (gsize) 1 << self->bits, used = 0;
  for (gsize r = 0; r < rows; r++)
    for (guint c = 0; c < k; c++)
      if (self->quantised[r * k + c])
        {
          used++;
          break;
        }
  g_autoptr (GString) out = g_string_new ("NFPERCEPTRON 1\n");
  g_string_append_printf (out, "kind %s\nclasses", self->kind);
  for (guint c = 0; c < k; c++)
    g_string_append_printf (out, " %s", self->classes[c]);
  g_string_append_printf (out, "\nbits %u\nscale %a\nrows %" G_GSIZE_FORMAT "\n", self->bits, (double) self->scale, used);
  for (gsize r = 0; r < rows; r++)
    {
      const gint16 *row = self->quantised + r * k;
      gboolean any = FALSE;
      for (guint c = 0; c < k && !any; c++)
        any = row[c] != 0;
      if (!any)
        continue;
      put_u32 (out, (guint32) r);
      for (guint c = 0; c < k; c++)
        {
          guint16 v = (guint16) row[c];
          guchar b[2] = { v & 0xff, v >> 8 };
          g_string_append_len (out, (const char *) b, 2);
        }
    }
  g_autoptr (GError) local = NULL;
  if (!g_file_set_contents (path, out->str, out->len, &local))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "cannot write the model: %s", local->message);
      return FALSE;
    }
  return TRUE;
}

/* The value of the header line "@key value" at *@p, advancing past it. */
static char *
header_line (const char **p, const char *end, const char *key)
{
  const char *nl = memchr (*p, '\n', end - *p);
  gsize klen = strlen (key);
  if (!nl || (gsize) (nl - *p) <= klen || memcmp (*p, key, klen) != 0 || (*p)[klen] != ' ')
    return NULL;
  char *value = g_strndup (*p + klen + 1, nl - (*p + klen + 1));
  *p = nl + 1;
  return value;
}

NlpPerceptron *
nlp_perceptron_load (const char *path, const char *kind, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_NOT_FOUND, "cannot read the model: %s", local->message);
      return NULL;
    }
  const char *p = data, *end = data + length;
  static const char magic[] = "NFPERCEPTRON 1\n";
  g_autofree char *file_kind = NULL, *classes = NULL, *bits = NULL, *scale = NULL, *rows = NULL;
  if (length < sizeof magic - 1 || memcmp (p, magic, sizeof magic - 1) != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: not a newsflow model (no NFPERCEPTRON 1 header)", path);
      return NULL;
    }
  p += sizeof magic - 1;
  if (!(file_kind = header_line (&p, end, "kind")) || !(classes = header_line (&p, end, "classes"))
      || !(bits = header_line (&p, end, "bits")) || !(scale = header_line (&p, end, "scale"))
      || !(rows = header_line (&p, end, "rows")))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "%s: a damaged model header (expected kind, classes, bits, scale and rows lines)", path);
      return NULL;
    }
  if (strcmp (file_kind, kind) != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: a model of kind '%s', expected '%s'", path,
                   file_kind, kind);
      return NULL;
    }
  g_auto (GStrv) names = g_strsplit (classes, " ", -1);
  guint n_bits = (guint) g_ascii_strtoull (bits, NULL, 10);
  guint64 n_rows = g_ascii_strtoull (rows, NULL, 10);
  guint k = g_strv_length (names);
  if (k == 0 || k > NLP_PERCEPTRON_MAX_CLASSES || n_bits < 8 || n_bits > 24)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: %u classes and %u bits are out of range", path, k,
                   n_bits);
      return NULL;
    }
  gsize row_bytes = 4 + 2 * (gsize) k;
  if (n_rows > ((guint64) 1 << n_bits) || (gsize) (end - p) != n_rows * row_bytes)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: truncated or damaged (%" G_GUINT64_FORMAT
                   " rows announced, %" G_GSIZE_FORMAT " bytes of them)", path, n_rows, (gsize) (end - p));
      return NULL;
    }
  NlpPerceptron *self = g_new0 (NlpPerceptron, 1);
  self->kind = g_strdup (kind);
  self->classes = g_steal_pointer (&names);
  self->n_classes = k;
  self->bits = n_bits;
  self->mask = (1u << n_bits) - 1;
  self->scale = (float) g_ascii_strtod (scale, NULL);
  self->quantised = g_new0 (gint16, ((gsize) 1 << n_bits) * k);
  const guchar *u = (const guchar *) p;
  for (guint64 r = 0; r < n_rows; r++, u += row_bytes)
    {
      guint32 index = u[0] | (u[1] << 8) | (u[2] << 16) | ((guint32) u[3] << 24);
      if (index > self->mask)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: row %u out of range", path, index);
          nlp_perceptron_free (self);
          return NULL;
        }
      for (guint c = 0; c < k; c++)
        self->quantised[(gsize) index * k + c] = (gint16) (u[4 + 2 * c] | (u[5 + 2 * c] << 8));
    }
  return self;
}
