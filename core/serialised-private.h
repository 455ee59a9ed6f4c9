/* serialised-private.h: reading GVariant's framing offsets inline, for the core's readers of
 * serialised bytes (json.c, wire.c), which read one a child; newsflow/serialised.h has the
 * public functions. */
#ifndef NEWSFLOW_SERIALISED_PRIVATE_H
#define NEWSFLOW_SERIALISED_PRIVATE_H

#include <glib.h>

/* The width of the framing offsets of a container whose whole size is @size (0 when empty). */
static inline gsize
serialised_offset_width_of (gsize size)
{
  return size > G_MAXUINT32 ? 8 : size > G_MAXUINT16 ? 4 : size > G_MAXUINT8 ? 2 : size > 0 ? 1 : 0;
}

/* The framing offset at @at: @width bytes, little-endian. */
static inline gsize
serialised_read_offset (const guint8 *at, gsize width)
{
  guint64 value = 0;
  for (gsize i = width; i-- > 0;)
    value = value << 8 | at[i];
  return (gsize) value;
}

#endif /* NEWSFLOW_SERIALISED_PRIVATE_H */
