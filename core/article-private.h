/* article-private.h: what the runner may do to an article that plugins may not:
 * number it in input order and record its failure. */
#ifndef NF_ARTICLE_PRIVATE_H
#define NF_ARTICLE_PRIVATE_H

#include <stdint.h>

#include <newsflow/article.h>
#include <newsflow/text.h>

G_BEGIN_DECLS

/* The structure itself, shared by article.c (the accessors plugins call, in libnewsflow) and
 * article-runner.c (the engine's own operations). */
typedef struct {
  char     *name;
  GVariant *value;
} NfField;

/* One attribute of an annotation: a name and a value, both shared.  Names come from the
 * process's bounded table (attr_key_share in article.c) or, past its bound, from the list's
 * own; values of the basic types are the list's (NfAnnotationList), so the 50,000 entities
 * of a large article hold a few hundred "PERSON", "said" and names, not 50,000 copies. */
typedef struct {
  const char *key;
  /* a GVariant *, or an int64 kept in the pointer (nf_attr_is_int), or one of the list's
   * shared strings (nf_attr_is_string) */
  gpointer    value;
} NfAttr;

/* A string value the annotations of a list share ("PERSON", "said", a name said again),
 * with no GVariant until a getter asks for one: nf_annotation_set_attr_string, the JSON
 * writer and nf_annotation_get_attr_string use the text.  An attribute's value points to it
 * plus 2: malloc's blocks, like GVariants, are aligned, so a GVariant's address ends in two
 * zero bits and an int64's (2n+1) in a one. */
typedef struct {
  GVariant *variant;  /* NULL until made (or given to nf_annotation_set_attr); one reference */
  gsize     length;
  char      text[];   /* valid UTF-8, NUL-terminated */
} NfAttrString;

/* An int64 attribute (nf_annotation_set_attr_int64) is kept in its pointer, as 2n+1, when it
 * fits: an odd value is never a GVariant's address (they are aligned).  Making a GVariant for
 * a speaker's offsets cost ~1,000 instructions each, freeing it and writing it out as much
 * again; the getters make one the first time they are asked (nf_annotation_get_attr). */
#define NF_ATTR_INT_MIN (INTPTR_MIN / 2)
#define NF_ATTR_INT_MAX (INTPTR_MAX / 2)

static inline gboolean
nf_attr_is_int (gconstpointer value)
{
  return ((guintptr) value & 1) != 0;
}

static inline gint64
nf_attr_get_int (gconstpointer value)
{
  return ((gintptr) (guintptr) value - 1) / 2; /* exact: the difference is even */
}

static inline gpointer
nf_attr_pack_int (gint64 value)
{
  return (gpointer) (guintptr) ((gintptr) value * 2 + 1);
}

static inline gboolean
nf_attr_is_string (gconstpointer value)
{
  return ((guintptr) value & 3) == 2;
}

static inline NfAttrString *
nf_attr_get_string (gconstpointer value)
{
  return (NfAttrString *) ((guintptr) value - 2);
}

static inline gpointer
nf_attr_pack_string (const NfAttrString *string)
{
  return (gpointer) ((guintptr) string + 2);
}

/* Whether @value is a GVariant (neither kind above). */
static inline gboolean
nf_attr_is_variant (gconstpointer value)
{
  return ((guintptr) value & 3) == 0;
}

typedef struct _NfAnnotationList NfAnnotationList;

/* Memory handed out by bumping a pointer and freed all at once (article.c): an article's
 * attribute blocks and shared strings, which go together with its annotations. */
typedef struct _NfArenaChunk NfArenaChunk;
typedef struct {
  NfArenaChunk *chunk; /* the current one, linked to those before; NULL: none yet */
  gsize         next_size;
} NfArena;

/* Kept small for the same reason: the attributes are one block of n_attrs rounded up to a
 * power of two, at least 2 (an annotation has a handful), not a GArray with its header and
 * slack, and its size is known from n_attrs alone; the blocks come from the list's arena
 * (a block that grows at the arena's end grows in place, as an annotation's attributes set
 * one after another do), and the annotations themselves live in the list's blocks, not in
 * one allocation each. */
struct _NfAnnotation {
  const char       *type; /* interned */
  gsize             start;
  gsize             end;
  NfAttr           *attrs;
  NfAnnotationList *list; /* the list it belongs to, whose values its attributes share */
  guint             n_attrs;
};

/* An article's annotations, in blocks that never move (a plugin keeps the NfAnnotation * that
 * nf_article_add_annotation returned while it sets attributes), with the values and names
 * their attributes share.  Moves as a whole between articles (nf_article_take_contents). */
#define NF_ANNOTATION_FIRST_BLOCK 16 /* block b holds 16 << b annotations */
#define NF_ANNOTATION_BLOCKS      27 /* 16 * (2^27 - 1) > G_MAXUINT */
#define NF_ANNOTATION_RECENT_KEYS 8
#define NF_ANNOTATION_RECENT_TYPES 4

typedef struct {
  NfAttrString *string; /* NULL: a free slot */
  guint32       hash;
} NfSharedString;

struct _NfAnnotationList {
  NfAnnotation *blocks[NF_ANNOTATION_BLOCKS];
  guint       n;
  /* the shared strings, owned: open addressing by FNV-1a on the text, sized a power of two,
   * at most half full (strings_size 0: none yet) */
  NfSharedString *strings;
  guint       n_strings, strings_size;
  NfArena     attrs_arena;   /* the attributes' blocks */
  NfArena     strings_arena; /* the shared strings (NfAttrString) */
  GHashTable *values;  /* other GVariants of basic types, one reference each */
  GHashTable *keys;    /* names past the process's bound, owned */
  /* the shared names last put: an annotation's few names repeat in every one of its kind,
   * and a match here spares the process's lock and hash */
  const char *recent_keys[NF_ANNOTATION_RECENT_KEYS];
  guint       next_recent_key;
  /* the interned types last added, for the same reason: an extractor adds one or two */
  const char *recent_types[NF_ANNOTATION_RECENT_TYPES];
  guint       next_recent_type;
};

struct _NfArticle {
  gint      ref_count;
  guint64   index;
  char     *source;
  char     *id;
  GBytes   *raw;
  char     *content_type;
  char     *title;
  GPtrArray *authors;   /* char *, NULL-terminated */
  GDateTime *published;
  char     *language;
  GString  *text;       /* NULL until a parser sets the body */
  GArray   *paragraphs; /* gsize pairs: start, end */
  NfText   *segmentation; /* cached by nf_article_get_segmentation, dropped with the body */
  GArray   *fields;     /* NfField */
  NfAnnotationList *annotations;
  char     *drop_reason;
  char     *failed_stage;
  GError   *error;
  NfArticleEndedFunc ended;      /* called once by the runner when the fate is durable */
  gpointer           ended_data;
  GDestroyNotify     ended_destroy;
};


void nf_article_set_index  (NfArticle *article, guint64 index);
void nf_article_set_failed (NfArticle *article, const char *stage, const GError *error);
/* The end-of-article notification (nf_article_set_ended_notify): whether one is set, and
 * calling it (once: it is cleared, its user data released). */
gboolean nf_article_has_ended_notify (const NfArticle *article);
void     nf_article_notify_ended     (NfArticle *article, NfArticleOutcome outcome);

/* Moves what a stage can change (properties, body, fields, annotations, drop reason) from
 * @from into @article and releases @from. */
void     nf_article_take_contents    (NfArticle *article, NfArticle *from);

G_END_DECLS

#endif /* NF_ARTICLE_PRIVATE_H */
