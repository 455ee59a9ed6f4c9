/* entities/passes.c: the word tests the label passes (states.c, groups.c, roles.c) share. */
#include <string.h>

#include <newsflow/serialised.h>

#include "passes.h"
#include "nlp/lexicon.h"

gboolean
entities_tok_in (const EntitiesTokens *t, guint i, const char *const *words)
{
  if (i >= t->n || t->tokens[i].kind != NF_TOKEN_WORD)
    return FALSE;
  /* "Minister's" is "minister" */
  gsize length = nlp_strip_possessive (t->text, t->tokens[i].start, t->tokens[i].end) - t->tokens[i].start;
  if (length > 32)
    return FALSE;
  char folded[33];
  for (gsize k = 0; k < length; k++)
    folded[k] = g_ascii_tolower (t->text[t->tokens[i].start + k]);
  folded[length] = '\0';
  for (const char *const *w = words; *w; w++)
    if ((*w)[0] == folded[0] && strcmp (folded, *w) == 0)
      return TRUE;
  return FALSE;
}

gboolean
entities_tok_possessive (const EntitiesTokens *t, guint i)
{
  return i < t->n && nlp_strip_possessive (t->text, t->tokens[i].start, t->tokens[i].end) < t->tokens[i].end;
}

/* ---- the "entities" field ---------------------------------------------------------------- */

/* The label names an item can carry: the four of rules.c and tagger.c. */
#define LIST_MAX_LABELS 4

typedef struct {
  gsize       name;                     /* offset of the name (NUL-terminated) in names */
  gsize       length;                   /* its bytes */
  guint32     hash;
  const char *labels[LIST_MAX_LABELS];  /* static label names, in order of first mention */
  gint64      counts[LIST_MAX_LABELS];
  guint       n_labels;
  gint64      total;
} ListItem;

/* The distinct names by an open-addressing table of item index + 1 (0: free), keyed by
 * nf_text_fold_hash of the name's bytes: a GHashTable hashed each mention with g_str_hash,
 * compared with g_str_equal and copied names one by one into a GStringChunk, together about
 * 800 instructions a mention, as much as the rest of the list's work. */
struct _EntitiesList {
  guint32 *slots;
  guint    n_slots;  /* a power of two, at most half used */
  GArray  *items;    /* ListItem, in order of first mention */
  GString *names;    /* the names one after the other, each with its NUL */
};

EntitiesList *
entities_list_new (void)
{
  EntitiesList *list = g_new0 (EntitiesList, 1);
  list->n_slots = 64;
  list->slots = g_new0 (guint32, list->n_slots);
  list->items = g_array_new (FALSE, FALSE, sizeof (ListItem));
  list->names = g_string_sized_new (512);
  return list;
}

static void
list_grow (EntitiesList *list)
{
  g_free (list->slots);
  list->n_slots *= 2;
  list->slots = g_new0 (guint32, list->n_slots);
  guint mask = list->n_slots - 1;
  for (guint k = 0; k < list->items->len; k++)
    {
      guint at = g_array_index (list->items, ListItem, k).hash & mask;
      while (list->slots[at])
        at = (at + 1) & mask;
      list->slots[at] = k + 1;
    }
}

void
entities_list_add (EntitiesList *list, const char *name, const char *label)
{
  gsize length = strlen (name);
  guint32 hash = nf_text_fold_hash (name, length);
  guint mask = list->n_slots - 1, at = hash & mask;
  ListItem *item = NULL;
  for (; list->slots[at]; at = (at + 1) & mask)
    {
      ListItem *known = &g_array_index (list->items, ListItem, list->slots[at] - 1);
      if (known->hash == hash && known->length == length
          && memcmp (list->names->str + known->name, name, length) == 0)
        {
          item = known;
          break;
        }
    }
  if (!item)
    {
      ListItem added = { .name = list->names->len, .length = length, .hash = hash };
      g_string_append_len (list->names, name, length + 1); /* with its NUL */
      g_array_append_val (list->items, added);
      list->slots[at] = list->items->len;
      item = &g_array_index (list->items, ListItem, list->items->len - 1);
      if (2 * list->items->len > list->n_slots)
        list_grow (list);
    }
  guint k;
  for (k = 0; k < item->n_labels; k++)
    if (item->labels[k] == label)
      break;
  if (k == item->n_labels)
    {
      g_return_if_fail (k < LIST_MAX_LABELS);
      item->labels[k] = label;
      item->counts[k] = 0;
      item->n_labels++;
    }
  item->counts[k]++;
  item->total++;
}

/* The value is written in GVariant's serialised form directly (GLib's "GVariant
 * Serialisation Format", the normal form g_variant_get_data gives): built as a tree with
 * GVariantBuilder it took a dozen allocations an entity, and nf_article_set_field then
 * serialised the tree and freed it again, together 40% of the extractor's instructions.
 * tests/unit/test-ner.c compares the bytes with GLib's own for lists of every size. */

/* The bytes written so far, in a buffer sized beforehand for the whole value. */
typedef struct {
  guint8 *data;
  gsize   length;
} Out;

static void
put (Out *out, const void *bytes, gsize length)
{
  memcpy (out->data + out->length, bytes, length);
  out->length += length;
}

/* Zeros up to a multiple of @alignment from @start. */
static void
pad (Out *out, gsize start, gsize alignment)
{
  while ((out->length - start) & (alignment - 1))
    out->data[out->length++] = 0;
}

/* Framing offsets are little-endian whatever the machine's order. */
static void
put_offset (Out *out, guint64 value, guint size)
{
  for (guint k = 0; k < size; k++)
    out->data[out->length++] = (guint8) (value >> (8 * k));
}

/* A dict entry {sv}: the key, the variant (8-aligned: its value, a zero byte, its type),
 * then the offset of the key's end. */
static void
put_entry (Out *out, const char *key, gsize key_size, const void *value, gsize value_size, char type)
{
  gsize start = out->length;
  put (out, key, key_size);
  gsize key_end = out->length - start;
  pad (out, start, 8);
  put (out, value, value_size);
  out->data[out->length++] = 0;
  out->data[out->length++] = (guint8) type;
  put_offset (out, key_end, nf_serialised_offset_width (out->length - start, 1));
}

/* An array of variable-sized elements: each 8-aligned, then the offsets of their ends. */
static void
put_array_end (Out *out, gsize start, const gsize *ends, gsize n)
{
  guint size = nf_serialised_offset_width (out->length - start, n);
  for (gsize k = 0; k < n; k++)
    put_offset (out, ends[k], size);
}

/* At most what put_entry writes besides the value: a key of up to 15 bytes with its padding
 * to 16, the variant's tail, an offset of up to 8 bytes. */
#define ENTRY_OVERHEAD (16 + 2 + 8)

GVariant *
entities_list_end (EntitiesList *list)
{
  static const char name_key[] = "name", label_key[] = "label", mentions_key[] = "mentions";
  guint n = list->items->len;
  /* room for everything: an item's three entries, each 8-aligned and with its offset in
   * the item, and the item's padding and offset in the outer array */
  gsize size = 8;
  for (guint i = 0; i < n; i++)
    {
      const ListItem *item = &g_array_index (list->items, ListItem, i);
      size += 3 * (7 + ENTRY_OVERHEAD + 8) + item->length + 1 + sizeof (gint64) + 7 + 8;
      for (guint k = 0; k < item->n_labels; k++)
        size += strlen (item->labels[k]) + 1;
    }
  Out out = { .data = g_malloc (size), .length = 0 };
  g_autofree gsize *ends = g_new (gsize, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const ListItem *item = &g_array_index (list->items, ListItem, i);
      /* the label most of its mentions carry; on a tie the first one's */
      guint best = 0;
      for (guint k = 1; k < item->n_labels; k++)
        if (item->counts[k] > item->counts[best])
          best = k;
      pad (&out, 0, 8);
      gsize start = out.length;
      gsize entry_ends[3];
      put_entry (&out, name_key, sizeof name_key, list->names->str + item->name, item->length + 1, 's');
      entry_ends[0] = out.length - start;
      pad (&out, start, 8);
      put_entry (&out, label_key, sizeof label_key, item->labels[best], strlen (item->labels[best]) + 1, 's');
      entry_ends[1] = out.length - start;
      pad (&out, start, 8);
      gint64 mentions = item->total;
      put_entry (&out, mentions_key, sizeof mentions_key, &mentions, sizeof mentions, 'x');
      entry_ends[2] = out.length - start;
      put_array_end (&out, start, entry_ends, 3);
      ends[i] = out.length;
    }
  put_array_end (&out, 0, ends, n);
  g_assert (out.length <= size);
  g_free (list->slots);
  g_array_unref (list->items);
  g_string_free (list->names, TRUE);
  g_free (list);
  g_autoptr (GBytes) bytes = g_bytes_new_take (out.data, out.length);
  return g_variant_new_from_bytes (G_VARIANT_TYPE ("aa{sv}"), bytes, TRUE);
}
