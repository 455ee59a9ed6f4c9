/* stable-sort.h: the ranked-candidate sort both key-phrase methods use.
 *
 * g_ptr_array_sort calls its comparison through a pointer for every pair; this sort inlines
 * it.  It is stable, as GLib's merge sort is, so that candidates that tie (equal scores, the
 * same first use) keep the order they were ranked in and the output stays what it was:
 * runs of 8 sorted by insertion, then merged pairwise. */
#ifndef KEYWORDS_STABLE_SORT_H
#define KEYWORDS_STABLE_SORT_H

#include <string.h>

#include <glib.h>

/* Defines `static void NAME (LIST *ranked)`, sorting @ranked (of TYPE *; LIST a GPtrArray or
 * another type with its pdata and len) so that x comes before y when BEFORE (x, y), an inline
 * function or macro of two const TYPE *. */
#define KEYWORDS_DEFINE_STABLE_SORT(NAME, LIST, TYPE, BEFORE)                                   \
  static void NAME (LIST *ranked)                                                               \
  {                                                                                             \
    enum { RUN = 8 };                                                                           \
    TYPE **items = (TYPE **) ranked->pdata;                                                     \
    gsize n = ranked->len;                                                                      \
    for (gsize run = 0; run < n; run += RUN)                                                    \
      {                                                                                         \
        gsize stop = MIN (run + RUN, n);                                                        \
        for (gsize i = run + 1; i < stop; i++)                                                  \
          {                                                                                     \
            TYPE *x = items[i];                                                                 \
            gsize j = i;                                                                        \
            for (; j > run && BEFORE (x, items[j - 1]); j--)                                    \
              items[j] = items[j - 1];                                                          \
            items[j] = x;                                                                       \
          }                                                                                     \
      }                                                                                         \
    if (n <= RUN)                                                                               \
      return;                                                                                   \
    TYPE *stack[512];                                                                           \
    TYPE **scratch = n <= G_N_ELEMENTS (stack) ? stack : g_new (TYPE *, n);                     \
    TYPE **from = items, **to = scratch;                                                        \
    for (gsize width = RUN; width < n; width *= 2)                                              \
      {                                                                                         \
        for (gsize left = 0; left < n; left += 2 * width)                                       \
          {                                                                                     \
            gsize middle = MIN (left + width, n), right = MIN (left + 2 * width, n);            \
            gsize a = left, b = middle, k = left;                                               \
            while (a < middle && b < right)                                                     \
              to[k++] = BEFORE (from[b], from[a]) ? from[b++] : from[a++];                      \
            while (a < middle)                                                                  \
              to[k++] = from[a++];                                                              \
            while (b < right)                                                                   \
              to[k++] = from[b++];                                                              \
          }                                                                                     \
        TYPE **swap = from;                                                                     \
        from = to;                                                                              \
        to = swap;                                                                              \
      }                                                                                         \
    if (from != items)                                                                          \
      memcpy (items, from, n * sizeof *items);                                                  \
    if (scratch != stack)                                                                       \
      g_free (scratch);                                                                         \
  }

/* Defines `static guint NAME (const LIST *ranked, TYPE **top, guint k)` (k > 0): the first
 * min (k, ranked->len) items of @ranked as the sort above orders them, into @top, @ranked
 * left as it is.  An article ranks a hundred candidates or more and prints ten: one pass
 * keeping the k best in order (an item goes after those it ties with, which came before it)
 * costs a comparison with the k-th best for most, not a whole sort.  Should a caller need
 * more, sorting @ranked gives the same first k. */
#define KEYWORDS_DEFINE_STABLE_TOP(NAME, LIST, TYPE, BEFORE)                                    \
  static guint NAME (const LIST *ranked, TYPE **top, guint k)                                   \
  {                                                                                             \
    TYPE **items = (TYPE **) ranked->pdata;                                                     \
    guint n = 0;                                                                                \
    for (guint i = 0; i < ranked->len; i++)                                                     \
      {                                                                                         \
        TYPE *x = items[i];                                                                     \
        if (n == k && !BEFORE (x, top[k - 1]))                                                  \
          continue;                                                                             \
        guint j = n < k ? n++ : k - 1;                                                          \
        for (; j > 0 && BEFORE (x, top[j - 1]); j--)                                            \
          top[j] = top[j - 1];                                                                  \
        top[j] = x;                                                                             \
      }                                                                                         \
    return n;                                                                                   \
  }

#endif /* KEYWORDS_STABLE_SORT_H */
