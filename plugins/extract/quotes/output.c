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

GVariant *
quote_item_new (const char *text, gsize length, const char *speaker, const char *cue)
{
  Entry entries[3] = {
    { "text", "s", text, length, FALSE },
    { "speaker", "ms", speaker, speaker ? strlen (speaker) : 0, TRUE },
    { "cue", "ms", cue, cue ? strlen (cue) : 0, TRUE },
  };
  gsize sizes[3], ends[3], body = 0;
  for (guint k = 0; k < 3; k++)
    {
      sizes[k] = entry_size (&entries[k]);
      body = align8 (body) + sizes[k];
      ends[k] = body;
    }
  gsize size = container_size (body, 3);
  guint8 *data = g_malloc0 (size);
  for (guint k = 0; k < 3; k++)
    entry_write (&entries[k], data + ends[k] - sizes[k], sizes[k]);
  guint os = nf_serialised_offset_width_of (size);
  for (guint k = 0; k < 3; k++)
    nf_serialised_put_offset (data + body + k * os, ends[k], os);
  return g_variant_new_from_data (G_VARIANT_TYPE_VARDICT, data, size, TRUE, g_free, data);
}
