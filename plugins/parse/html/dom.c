/* dom.c: small helpers on libxml2 trees shared by the metadata and content readers:
 * white-space collapsing (the core's, newsflow/text.h) and attributes. */
#include <string.h>

#include <newsflow/text.h>

#include "html-private.h"

/* White space and the invisible zero-width characters as the core defines them
 * (newsflow/text.h), so a page's text and a plain-text article agree on what a space is. */
void
html_append_collapsed (GString *out, const char *text, gboolean *pending_space)
{
  nf_text_append_collapsed (out, text, -1, pending_space);
}

char *
html_node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  if (content == NULL)
    return g_strdup ("");
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;
  html_append_collapsed (out, (const char *) content, &pending);
  xmlFree (content);
  return g_string_free (out, FALSE);
}

char *
html_node_spaced_text (xmlNode *node, gsize max)
{
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;
  xmlNode *n = node->children;
  while (n && n != node && out->len <= max)
    {
      if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
        html_append_collapsed (out, (const char *) n->content, &pending);
      else if (n->type == XML_ELEMENT_NODE)
        pending = TRUE; /* an element's edge is a space: "<span>a</span><span>b</span>" */
      if (n->type == XML_ELEMENT_NODE && n->children)
        {
          n = n->children;
          continue;
        }
      while (n && n != node && n->next == NULL)
        n = n->parent, pending = TRUE;
      if (n == NULL || n == node)
        break;
      n = n->next;
    }
  if (out->len > max)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
html_attr (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  if (value == NULL)
    return NULL;
  char *copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* One pass over the attribute list instead of one a name: every element of a page goes
 * through here, and its attributes are read once while they are in the cache. */
void
html_attrs_read (xmlNode *node, HtmlAttrs *attrs)
{
  memset (attrs, 0, sizeof *attrs);
  guint seen = 0; /* bit k: the k-th name was found (maybe with no plain value) */
  for (xmlAttr *a = node->properties; a; a = a->next)
    {
      const char *name = (const char *) a->name;
      const char **slot = NULL;
      guint bit = 0;
      switch (name[0] | 0x20)
        {
        case 'c':
          if (html_ascii_equal (name, "class"))
            slot = &attrs->class_, bit = 1;
          break;
        case 'i':
          if (html_ascii_equal (name, "id"))
            slot = &attrs->id, bit = 2;
          else if (html_ascii_equal (name, "itemprop"))
            slot = &attrs->itemprop, bit = 4;
          break;
        case 'p':
          if (html_ascii_equal (name, "property"))
            slot = &attrs->property, bit = 8;
          break;
        case 'r':
          if (html_ascii_equal (name, "rel"))
            slot = &attrs->rel, bit = 16;
          break;
        case 'd':
          if (html_ascii_equal (name, "data-testid"))
            slot = &attrs->testid, bit = 32;
          break;
        default:
          break;
        }
      if (slot == NULL || (seen & bit))
        continue;
      seen |= bit;
      *slot = a->children && a->children->type == XML_TEXT_NODE && a->children->next == NULL
                ? (const char *) a->children->content : NULL;
    }
}
