/* output.c: the item of the "quotes" field, {"text": <s>, "speaker": <ms>, "cue": <ms>}, written
 * directly in GVariant's serialised form (the normal form of the GVariant specification, what
 * g_variant_get_data gives for it).  Built as a tree of a dozen values and serialised, each
 * item cost more than finding its quotation; this writes the same bytes with one allocation. */
#include <string.h>

#include <newsflow/serialised.h>

#include "quotes.h"

/* The size of a container of @body bytes with @n framing offsets. */
static gsize
container_size (gsize body, gsize n)
{
  return body + n * nf_serialised_offset_width (body, n);
}

static inline gsize
align8 (gsize offset)
{
  return (offset + 7) & ~(gsize) 7;
}

/* One "{sv}" entry: key @key; value a variant of type @type whose serialised child is
 * @child (@child_size bytes; for a maybe string: the string, its NUL and a NUL, or nothing). */
typedef struct {
  const char *key;
  const char *type;
  const char *child;  /* a NUL-terminated string, or NULL for Nothing */
  gsize       length; /* of the string */
  gboolean    maybe;
} Entry;

static gsize
child_size (const Entry *e)
{
  return e->child ? e->length + 1 + (e->maybe ? 1 : 0) : 0;
}

/* The bytes of the dict entry: key, NUL, padding to 8, the variant (child, NUL, type
 * string), then the end of the key as the one framing offset. */
static gsize
entry_size (const Entry *e)
{
  gsize body = align8 (strlen (e->key) + 1) + child_size (e) + 1 + strlen (e->type);
  return container_size (body, 1);
}

static void
entry_write (const Entry *e, guint8 *out, gsize size)
{
  gsize key = strlen (e->key) + 1, at = align8 (key);
  memset (out, 0, size);
  memcpy (out, e->key, key);
  if (e->child)
    memcpy (out + at, e->child, e->length); /* then the NUL (and the maybe's NUL), zeroed */
  at += child_size (e) + 1;
  memcpy (out + at, e->type, strlen (e->type));
  guint os = nf_serialised_offset_width_of (size);
  nf_serialised_put_offset (out + size - os, key, os);
}

/* The item's size, and its bytes written at @out (zeroed first: @size bytes). */
typedef struct {
  Entry entries[3];
  gsize sizes[3], ends[3], body, size;
} Item;

static void
item_init (Item *item, const char *text, gsize length, const char *speaker, const char *cue)
{
  *item = (Item) { .entries = {
    { "text", "s", text, length, FALSE },
    { "speaker", "ms", speaker, speaker ? strlen (speaker) : 0, TRUE },
    { "cue", "ms", cue, cue ? strlen (cue) : 0, TRUE },
  } };
  for (guint k = 0; k < 3; k++)
    {
      item->sizes[k] = entry_size (&item->entries[k]);
      item->body = align8 (item->body) + item->sizes[k];
      item->ends[k] = item->body;
    }
  item->size = container_size (item->body, 3);
}

static void
item_write (const Item *item, guint8 *data)
{
  memset (data, 0, item->size);
  for (guint k = 0; k < 3; k++)
    entry_write (&item->entries[k], data + item->ends[k] - item->sizes[k], item->sizes[k]);
  guint os = nf_serialised_offset_width_of (item->size);
  for (guint k = 0; k < 3; k++)
    nf_serialised_put_offset (data + item->body + k * os, item->ends[k], os);
}

GVariant *
quote_item_new (const char *text, gsize length, const char *speaker, const char *cue)
{
  Item item;
  item_init (&item, text, length, speaker, cue);
  guint8 *data = g_malloc (item.size);
  item_write (&item, data);
  return g_variant_new_from_data (G_VARIANT_TYPE_VARDICT, data, item.size, TRUE, g_free, data);
}

/* ---- the field: an array of items, serialised as GVariant does an "aa{sv}" ----
 * Each item starts at a multiple of 8 (the alignment of a{sv}) after zeros, and the array
 * ends with the offsets of the items' ends, of the width its whole size needs (GLib's
 * gvs_variable_sized_array_serialise).  Written into one buffer as the items come, instead
 * of a GVariant per item kept by a GVariantBuilder and copied again when it ends, which cost
 * a quarter of the stage. */

QuoteList *
quote_list_new (void)
{
  QuoteList *list = g_new0 (QuoteList, 1);
  /* (room for the quotes of a short article: a few hundred bytes each) */
  list->body = g_byte_array_sized_new (4096);
  list->ends = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 16);
  return list;
}

/* Room for @size bytes of an item at the next multiple of 8, after zeros; the item's end
 * recorded. */
static guint8 *
quote_list_reserve (QuoteList *list, gsize size)
{
  gsize from = list->body->len, start = align8 (from);
  g_byte_array_set_size (list->body, start + size);
  memset (list->body->data + from, 0, start - from);
  gsize end = start + size;
  g_array_append_val (list->ends, end);
  return list->body->data + start;
}

void
quote_list_add (QuoteList *list, const char *text, gsize length, const char *speaker, const char *cue)
{
  Item item;
  item_init (&item, text, length, speaker, cue);
  item_write (&item, quote_list_reserve (list, item.size));
}

void
quote_list_add_value (QuoteList *list, GVariant *item)
{
  gsize size = g_variant_get_size (item);
  guint8 *at = quote_list_reserve (list, size);
  if (size)
    memcpy (at, g_variant_get_data (item), size);
}

GVariant *
quote_list_end (QuoteList *list)
{
  GVariant *value;
  guint n = list->ends->len;
  if (n == 0)
    value = g_variant_new_array (G_VARIANT_TYPE_VARDICT, NULL, 0);
  else
    {
      gsize body = list->body->len;
      guint os = nf_serialised_offset_width (body, n);
      gsize size = body + (gsize) n * os;
      g_byte_array_set_size (list->body, size);
      for (guint k = 0; k < n; k++)
        nf_serialised_put_offset (list->body->data + body + (gsize) k * os, g_array_index (list->ends, gsize, k), os);
      GBytes *bytes = g_byte_array_free_to_bytes (list->body);
      list->body = NULL;
      value = g_variant_new_from_bytes (G_VARIANT_TYPE ("aa{sv}"), bytes, TRUE);
      g_bytes_unref (bytes);
    }
  quote_list_free (list);
  return value;
}

void
quote_list_free (QuoteList *list)
{
  if (!list)
    return;
  if (list->body)
    g_byte_array_unref (list->body);
  g_array_unref (list->ends);
  g_free (list);
}
