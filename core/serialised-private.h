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

/* The framing offset at @at: @width bytes, little-endian.  A load of the width's size, not a
 * loop over bytes: the readers take an offset or two a child. */
static inline gsize
serialised_read_offset (const guint8 *at, gsize width)
{
  switch (width)
    {
    case 1:
      return at[0];
    case 2:
      {
        guint16 value;
        __builtin_memcpy (&value, at, sizeof value);
        return GUINT16_FROM_LE (value);
      }
    case 4:
      {
        guint32 value;
        __builtin_memcpy (&value, at, sizeof value);
        return GUINT32_FROM_LE (value);
      }
    case 8:
      {
        guint64 value;
        __builtin_memcpy (&value, at, sizeof value);
        return (gsize) GUINT64_FROM_LE (value);
      }
    default: /* 0: an empty container's */
      {
        guint64 value = 0;
        for (gsize i = width; i-- > 0;)
          value = value << 8 | at[i];
        return (gsize) value;
      }
    }
}

#endif /* NEWSFLOW_SERIALISED_PRIVATE_H */
