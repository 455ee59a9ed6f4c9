/* index.c: the article's quotations, names and other entities indexed by position (sorted
 * arrays searched by bisection, a bit per byte for the spans names cover), so that the
 * lookups made in loops over tokens, names and quotations cost a logarithm, not a scan of
 * the article: a 6 MB article is processed in linear time. */
#include <string.h>

#include "quotes.h"

static gint
compare_spans (gconstpointer a, gconstpointer b)
{
  const Span *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

static gint
compare_offsets (gconstpointer a, gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;
  return x < y ? -1 : x > y;
}

/* g_array_sort (a stable merge sort) for an array most often in order already (quotations
 * and entities are found in text order): the check is a pass, the sort a copy and more. */
static void
sort_unless_sorted (GArray *array, GCompareFunc compare)
{
  guint size = g_array_get_element_size (array);
  for (guint k = 1; k < array->len; k++)
    if (compare (array->data + (k - 1) * size, array->data + k * size) > 0)
      {
        g_array_sort (array, compare);
        return;
      }
}

/* Sorts @spans by start and records the running maximum of their ends. */
static void
spans_finish (GArray *spans)
{
  sort_unless_sorted (spans, compare_spans);
  gsize max_end = 0;
  for (guint k = 0; k < spans->len; k++)
    {
      Span *s = &g_array_index (spans, Span, k);
      max_end = MAX (max_end, s->end);
      s->max_end = max_end;
    }
}

/* The number of spans starting before @pos (strictly) or, with @inclusive, at or before it. */
static guint
spans_before (const GArray *spans, gsize pos, gboolean inclusive)
{
  guint lo = 0, hi = spans->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      gsize start = g_array_index (spans, Span, mid).start;
      if (start < pos || (inclusive && start == pos))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* After find_quotes: the quotations do not change from then on. */
void
index_quotes (Context *c)
{
  c->quote_spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), c->quotes->len);
  /* (the marks a sorted array, not a hash set: an article has a few dozen, and the set cost
   * more to make and free than all the questions asked of it) */
  c->quote_marks = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 2 * c->quotes->len);
  for (guint k = 0; k < c->quotes->len; k++)
    {
      const Quote *q = &g_array_index (c->quotes, Quote, k);
      Span s = { q->open, q->close, 0 };
      g_array_append_val (c->quote_spans, s);
      gsize marks[2] = { q->open, q->close };
      g_array_append_vals (c->quote_marks, marks, 2);
    }
  spans_finish (c->quote_spans);
  sort_unless_sorted (c->quote_marks, compare_offsets);
  c->name_bytes = g_malloc0 (c->length / 8 + 1);
}

/* After names_from_entities: the other entities do not change from then on. */
void
index_others (Context *c)
{
  c->other_spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), c->others->len / 2);
  for (guint k = 0; k + 1 < c->others->len; k += 2)
    {
      Span s = { g_array_index (c->others, gsize, k), g_array_index (c->others, gsize, k + 1), 0 };
      g_array_append_val (c->other_spans, s);
    }
  spans_finish (c->other_spans);
}

void
index_clear (Context *c)
{
  g_clear_pointer (&c->quote_spans, g_array_unref);
  g_clear_pointer (&c->other_spans, g_array_unref);
  g_clear_pointer (&c->quote_marks, g_array_unref);
  g_clear_pointer (&c->name_bytes, g_free);
  g_clear_pointer (&c->mid_capitals, g_ptr_array_unref);
  g_clear_pointer (&c->org_words, g_hash_table_unref);
  g_clear_pointer (&c->org_mentions, g_hash_table_unref);
}

gboolean
inside_quote (const Context *c, gsize pos)
{
  /* some quotation opening at or before @pos closes after it */
  guint k = spans_before (c->quote_spans, pos, TRUE);
  return k > 0 && g_array_index (c->quote_spans, Span, k - 1).max_end > pos;
}

gboolean
marks_quote (const Context *c, gsize pos)
{
  const gsize *marks = (const gsize *) (gpointer) c->quote_marks->data;
  guint lo = 0, hi = c->quote_marks->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (marks[mid] < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < c->quote_marks->len && marks[lo] == pos;
}

gboolean
covered_by_other (const Context *c, gsize start, gsize end)
{
  /* some span starting before @end ends after @start */
  guint k = spans_before (c->other_spans, end, FALSE);
  return k > 0 && g_array_index (c->other_spans, Span, k - 1).max_end > start;
}

/* Every name is added through add_name, which calls this: the bytes it covers. */
void
index_name_added (Context *c, const Name *n)
{
  gsize p = n->start, end = MIN (n->end, c->length);
  /* bit by bit up to a whole byte of the bitmap, whole bytes, then bit by bit */
  for (; p < end && p % 8; p++)
    c->name_bytes[p / 8] |= 1u << (p % 8);
  if (p + 8 <= end)
    {
      memset (c->name_bytes + p / 8, 0xff, (end - p) / 8);
      p += (end - p) / 8 * 8;
    }
  for (; p < end; p++)
    c->name_bytes[p / 8] |= 1u << (p % 8);
}

gboolean
covered_by_name (const Context *c, gsize start, gsize end)
{
  for (gsize p = start; p < end && p < c->length; p++)
    if (c->name_bytes[p / 8] & (1u << (p % 8)))
      return TRUE;
  return FALSE;
}

/* After the names were sorted: the sorted prefix is found again. */
void
index_names_sorted (Context *c)
{
  c->names_indexed = c->names_sorted = 0;
  c->name_longest = 0;
}

/* Extends the sorted prefix of names over those added since the last call. */
static void
index_names (const Context *c)
{
  Context *mutable = (Context *) c;
  for (; c->names_indexed < c->names->len; mutable->names_indexed++)
    {
      const Name *n = &g_array_index (c->names, Name, c->names_indexed);
      if (c->names_sorted == c->names_indexed
          && (c->names_sorted == 0 || g_array_index (c->names, Name, c->names_sorted - 1).start <= n->start))
        {
          mutable->names_sorted++;
          mutable->name_longest = MAX (c->name_longest, n->end - n->start);
        }
    }
}

gboolean
names_all_sorted (const Context *c)
{
  index_names (c);
  return c->names_sorted == c->names->len;
}

/* The first of the sorted names starting at or after @pos. */
guint
names_first_from (const Context *c, gsize pos)
{
  index_names (c);
  guint lo = 0, hi = c->names_sorted;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (c->names, Name, mid).start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Where a scan of the names back from the end for one starting before @pos may begin: the
 * names from there on start at or after it (all of them when the names are not sorted). */
guint
names_before (const Context *c, gsize pos)
{
  return names_all_sorted (c) ? names_first_from (c, pos) : c->names->len;
}

/* The first mention at or after token @tok (mentions are in text order). */
guint
mentions_from (const Context *c, guint tok)
{
  guint lo = 0, hi = c->mentions->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (c->mentions, Mention, mid).tok < tok)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The name covering or starting at token @i, or NULL: the first in the array's order that
 * covers it, looked for as a scan of the array that stops at the first name starting after
 * it would (names added after the sorted ones included). */
const Name *
name_at (const Context *c, guint i)
{
  gsize pos = c->tokens[i].start;
  index_names (c);
  /* in the sorted prefix, a name covering pos starts at most name_longest bytes before it */
  guint k = names_first_from (c, pos > c->name_longest ? pos - c->name_longest : 0);
  for (; k < c->names_sorted; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      ((Context *) c)->probes++;
      if (n->start <= pos && pos < n->end)
        return n;
      if (n->start > pos)
        return NULL;
    }
  for (; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      ((Context *) c)->probes++;
      if (n->start <= pos && pos < n->end)
        return n;
      if (n->start > pos)
        break;
    }
  return NULL;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* How many questions capitalised_inside_sentence_text answers by a scan of the tokens
 * before it sorts the words: most articles ask once or twice, when a scan costs a few
 * instructions a token and the copies and the sort many times that; an article asking more
 * gets the index, so a long one still costs a logarithm a question. */
#define MID_CAPITAL_SCANS 4

/* Whether a capitalised word that does not open a sentence starts with the @length bytes
 * of @word, a word token's (no NUL in either: the scan and the strings agree). */
gboolean
capitalised_inside_sentence_text (const Context *c, const char *word, gsize length)
{
  Context *mutable = (Context *) c;
  if (!c->mid_capitals && c->mid_capital_asks < MID_CAPITAL_SCANS)
    {
      mutable->mid_capital_asks++;
      for (guint k = 0; k < c->n; k++)
        {
          const NfToken *t = &c->tokens[k];
          if (t->kind == NF_TOKEN_WORD && !(t->flags & NF_TOKEN_SENTENCE_START) && (t->flags & NF_TOKEN_CAPITALIZED)
              && t->end - t->start >= length && memcmp (c->text + t->start, word, length) == 0)
            return TRUE;
        }
      return FALSE;
    }
  if (!c->mid_capitals)
    {
      mutable->mid_capitals = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; k < c->n; k++)
        {
          const NfToken *t = &c->tokens[k];
          if (t->kind == NF_TOKEN_WORD && !(t->flags & NF_TOKEN_SENTENCE_START) && (t->flags & NF_TOKEN_CAPITALIZED))
            g_ptr_array_add (c->mid_capitals, g_strndup (c->text + t->start, t->end - t->start));
        }
      g_ptr_array_sort (c->mid_capitals, compare_strings);
    }
  g_autofree char *key = g_strndup (word, length);
  guint lo = 0, hi = c->mid_capitals->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (strcmp (g_ptr_array_index (c->mid_capitals, mid), key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* the words starting with @word follow @word itself in the order */
  return lo < c->mid_capitals->len && strncmp (g_ptr_array_index (c->mid_capitals, lo), key, length) == 0;
}

/* The organisation named last before @pos whose folded name contains @word (a folded
 * word): "the ministry" for the Ministry of Health.  Each distinct name is folded and
 * searched once a word, each mention found by bisection. */
const Name *
organisation_containing (const Context *c, gsize pos, const char *word)
{
  Context *mutable = (Context *) c;
  if (!names_all_sorted (c))
    {
      for (guint e = c->names->len; e-- > 0;)
        {
          const Name *org = &g_array_index (c->names, Name, e);
          if (org->start >= pos || org->person || is_dateline_outlet (c, org))
            continue;
          g_string_truncate (c->scratch, 0);
          nlp_fold_append (c->scratch, org->canonical, strlen (org->canonical));
          if (strstr (c->scratch->str, word))
            return org;
        }
      return NULL;
    }
  if (!c->org_mentions)
    {
      mutable->org_mentions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      mutable->org_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
      for (guint e = 0; e < c->names->len; e++)
        {
          const Name *org = &g_array_index (c->names, Name, e);
          if (org->person || is_dateline_outlet (c, org))
            continue;
          GArray *mentions = g_hash_table_lookup (c->org_mentions, org->canonical);
          if (!mentions)
            g_hash_table_insert (c->org_mentions, g_strdup (org->canonical),
                                 mentions = g_array_new (FALSE, FALSE, sizeof (guint)));
          g_array_append_val (mentions, e);
        }
    }
  GPtrArray *found = g_hash_table_lookup (c->org_words, word);
  if (!found)
    {
      found = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer key, value;
      g_hash_table_iter_init (&iter, c->org_mentions);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_string_truncate (c->scratch, 0);
          nlp_fold_append (c->scratch, key, strlen (key));
          if (strstr (c->scratch->str, word))
            g_ptr_array_add (found, value);
        }
      g_hash_table_insert (c->org_words, g_strdup (word), found);
    }
  /* the mentions before @pos are those before the first name starting at or after it */
  guint limit = names_first_from (c, pos), best = G_MAXUINT;
  for (guint k = 0; k < found->len; k++)
    {
      const GArray *mentions = g_ptr_array_index (found, k);
      guint lo = 0, hi = mentions->len;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (g_array_index (mentions, guint, mid) < limit)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo > 0 && (best == G_MAXUINT || g_array_index (mentions, guint, lo - 1) > best))
        best = g_array_index (mentions, guint, lo - 1);
    }
  return best == G_MAXUINT ? NULL : &g_array_index (c->names, Name, best);
}
