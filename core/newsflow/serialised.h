/* newsflow/serialised.h: the framing offsets of GVariant's serialised form, for plugins that
 * write a field's bytes directly (g_variant_new_from_bytes) instead of building a tree of
 * GVariants and serialising it, which costs more than most extractors' own work.
 *
 * A container of variable-size children (an array of strings, a dict, a tuple) ends with
 * little-endian offsets of its children's ends; their width is the smallest of 1, 2, 4 or 8
 * bytes that can address the container's whole size, offsets included (GLib's
 * gvs_calculate_total_size and gvs_get_offset_size).  Bytes written with these helpers must
 * be in normal form: check them with g_variant_is_normal_form in the plugin's tests. */
#ifndef NEWSFLOW_SERIALISED_H
#define NEWSFLOW_SERIALISED_H

#include <glib.h>

G_BEGIN_DECLS

/* The width of each framing offset of a container of @body bytes that needs @n of them. */
guint nf_serialised_offset_width (gsize body, gsize n);

/* The width of the framing offsets of a container whose whole size is @size (0 when empty). */
guint nf_serialised_offset_width_of (gsize size);

/* Writes @value as a framing offset of @width bytes at @at (little-endian). */
void nf_serialised_put_offset (guint8 *at, guint64 value, guint width);

G_END_DECLS

#endif /* NEWSFLOW_SERIALISED_H */
