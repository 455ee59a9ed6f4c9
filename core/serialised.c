/* serialised.c: the framing offsets of GVariant's serialised form (newsflow/serialised.h). */
#include "config.h"

#include <newsflow/serialised.h>

#include "serialised-private.h"

guint
nf_serialised_offset_width (gsize body, gsize n)
{
  if ((guint64) body + n <= G_MAXUINT8)
    return 1;
  if ((guint64) body + 2 * (guint64) n <= G_MAXUINT16)
    return 2;
  if ((guint64) body + 4 * (guint64) n <= G_MAXUINT32)
    return 4;
  return 8;
}

guint
nf_serialised_offset_width_of (gsize size)
{
  return (guint) serialised_offset_width_of (size);
}

void
nf_serialised_put_offset (guint8 *at, guint64 value, guint width)
{
  for (guint k = 0; k < width; k++)
    at[k] = (guint8) (value >> (8 * k));
}
