/* entities/passes.c: the word tests the label passes (states.c, groups.c, roles.c) share. */
#include <string.h>

#include "passes.h"
#include "nlp/lexicon.h"

gboolean
entities_tok_is (const EntitiesTokens *t, guint i, const char *word)
{
  if (i >= t->n)
    return FALSE;
  gsize length = t->tokens[i].end - t->tokens[i].start;
  /* the first byte first: most tokens differ there, and strlen is then not needed */
  return length > 0 && t->text[t->tokens[i].start] == *word && strlen (word) == length && memcmp (t->text + t->tokens[i].start, word, length) == 0;
}

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
    if (strcmp (folded, *w) == 0)
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
  const char *name;                     /* in the list's chunk */
  const char *labels[LIST_MAX_LABELS];  /* static label names, in order of first mention */
  gint64      counts[LIST_MAX_LABELS];
  guint       n_labels;
  gint64      total;
} ListItem;

struct _EntitiesList {
  GHashTable   *by_name;  /* name -> index + 1 in items */
  GArray       *items;    /* ListItem, in order of first mention */
  GStringChunk *names;    /* the names, copied once each: one allocation for many */
};

EntitiesList *
entities_list_new (void)
{
  EntitiesList *list = g_new0 (EntitiesList, 1);
  list->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  list->items = g_array_new (FALSE, FALSE, sizeof (ListItem));
  list->names = g_string_chunk_new (512);
  return list;
}

void
entities_list_add (EntitiesList *list, const char *name, const char *label)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (list->by_name, name));
  if (!index)
    {
      ListItem added = { .name = g_string_chunk_insert (list->names, name) };
      g_array_append_val (list->items, added);
      index = list->items->len;
      g_hash_table_insert (list->by_name, (gpointer) added.name, GUINT_TO_POINTER (index));
    }
  ListItem *item = &g_array_index (list->items, ListItem, index - 1);
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

static void
pad (GByteArray *out, gsize start, gsize alignment)
{
  static const guint8 zeros[8] = { 0 };
  gsize over = (out->len - start) & (alignment - 1);
  if (over)
    g_byte_array_append (out, zeros, alignment - over);
}

/* The size of a framing offset in a container of @body bytes that needs @n offsets. */
static guint
offset_size (gsize body, gsize n)
{
  if (body + n <= G_MAXUINT8)
    return 1;
  if (body + 2 * n <= G_MAXUINT16)
    return 2;
  if (body + 4 * n <= G_MAXUINT32)
    return 4;
  return 8;
}

/* Framing offsets are little-endian whatever the machine's order. */
static void
put_offset (GByteArray *out, guint64 value, guint size)
{
  guint8 bytes[8];
  for (guint k = 0; k < size; k++)
    bytes[k] = (guint8) (value >> (8 * k));
  g_byte_array_append (out, bytes, size);
}

/* A dict entry {sv}: the key, the variant (8-aligned: its value, a zero byte, its type),
 * then the offset of the key's end. */
static void
put_entry (GByteArray *out, const char *key, const void *value, gsize value_size, char type)
{
  gsize start = out->len;
  g_byte_array_append (out, (const guint8 *) key, strlen (key) + 1);
  gsize key_end = out->len - start;
  pad (out, start, 8);
  g_byte_array_append (out, value, value_size);
  guint8 tail[2] = { 0, (guint8) type };
  g_byte_array_append (out, tail, 2);
  gsize body = out->len - start;
  put_offset (out, key_end, offset_size (body, 1));
}

static void
put_string_entry (GByteArray *out, const char *key, const char *value)
{
  put_entry (out, key, value, strlen (value) + 1, 's');
}

/* An array of variable-sized elements: each 8-aligned, then the offsets of their ends. */
static void
put_array_end (GByteArray *out, gsize start, const gsize *ends, gsize n)
{
  gsize body = out->len - start;
  guint size = offset_size (body, n);
  for (gsize k = 0; k < n; k++)
    put_offset (out, ends[k], size);
}

GVariant *
entities_list_end (EntitiesList *list)
{
  GByteArray *out = g_byte_array_sized_new (64 * list->items->len + 16);
  g_autofree gsize *ends = g_new (gsize, list->items->len + 1);
  for (guint i = 0; i < list->items->len; i++)
    {
      const ListItem *item = &g_array_index (list->items, ListItem, i);
      /* the label most of its mentions carry; on a tie the first one's */
      guint best = 0;
      for (guint k = 1; k < item->n_labels; k++)
        if (item->counts[k] > item->counts[best])
          best = k;
      pad (out, 0, 8);
      gsize start = out->len;
      gsize entry_ends[3];
      put_string_entry (out, "name", item->name);
      entry_ends[0] = out->len - start;
      pad (out, start, 8);
      put_string_entry (out, "label", item->labels[best]);
      entry_ends[1] = out->len - start;
      pad (out, start, 8);
      gint64 mentions = item->total;
      put_entry (out, "mentions", &mentions, sizeof mentions, 'x');
      entry_ends[2] = out->len - start;
      put_array_end (out, start, entry_ends, 3);
      ends[i] = out->len;
    }
  put_array_end (out, 0, ends, list->items->len);
  g_hash_table_unref (list->by_name);
  g_array_unref (list->items);
  g_string_chunk_free (list->names);
  g_free (list);
  g_autoptr (GBytes) bytes = g_byte_array_free_to_bytes (out);
  return g_variant_new_from_bytes (G_VARIANT_TYPE ("aa{sv}"), bytes, TRUE);
}
