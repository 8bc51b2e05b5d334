/* byline-html-reader.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * HTML into the article model, through libxml2's HTML parser (never by
 * pattern matching). One reader serves three callers:
 *
 *  - the block parser, for the HTML inside the blocks Byline edits
 *    (BYLINE_HTML_STRICT: anything the model cannot hold makes the read
 *    fail, and the block is kept as it is);
 *  - classic content, posts written before the block editor
 *    (BYLINE_HTML_STRICT | BYLINE_HTML_AUTOP: what the model can hold
 *    becomes blocks, any other element is kept verbatim as a raw block);
 *  - the paste sanitizer (BYLINE_HTML_PASTE: keep the structure and the
 *    bold/italic/links, drop the rest).
 *
 * libxml2 stops at 256 levels of nesting unless HTML_PARSE_HUGE is given;
 * it is not, and a document it had to cut short is refused rather than
 * read half.
 */

#define G_LOG_DOMAIN "byline-markup"

#include "config.h"

#include <string.h>

#include <libxml/HTMLtree.h>

#include "byline-error.h"
#include "byline-html-reader.h"

/* Deeper than libxml2 itself goes (256), so only reached on hand-built trees. */
#define MAX_DEPTH 300

#define ATTR(node, name) ((char *) xmlGetProp ((node), BAD_CAST (name)))

/* An attribute's value for the model: without the C0 control characters
 * libxml2 lets through in attributes (HTML cannot carry them back). */
static char *
clean_attr (xmlNode    *node,
            const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *clean, *q;

  if (value == NULL)
    return NULL;

  clean = q = g_strdup ((const char *) value);
  xmlFree (value);
  for (const char *p = clean; *p != '\0'; p++)
    if ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
      *q++ = *p;
  *q = '\0';

  return clean;
}

/* ---- helpers ------------------------------------------------------------ */

/**
 * byline_html_parse:
 * @html: HTML, valid UTF-8
 * @length: its length in bytes
 * @ctxt: (nullable): a parser context to reuse (it keeps its dictionary of
 *   names across documents, which makes parsing many small fragments
 *   faster), or %NULL
 * @error: return location for a #GError
 *
 * Parses an HTML fragment with libxml2's HTML parser, without network
 * access, error output or the HUGE option.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with
 *   %BYLINE_ERROR_PARSE when libxml2 stopped at its depth limit
 */
htmlDocPtr
byline_html_parse (const char        *html,
                   gsize              length,
                   htmlParserCtxtPtr  ctxt,
                   GError           **error)
{
  htmlParserCtxtPtr own = NULL;
  htmlDocPtr doc;
  gboolean too_deep;
  const int options = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  if (length > G_MAXINT / 2)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "HTML of %" G_GSIZE_FORMAT " bytes is too large", length);
      return NULL;
    }

  if (length == 0)
    return htmlNewDocNoDtD (NULL, NULL);

  if (ctxt == NULL)
    ctxt = own = htmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_FAILED, "out of memory");
      return NULL;
    }

  doc = htmlCtxtReadMemory (ctxt, html, (int) length, NULL, "UTF-8", options);
  /* The one internal error the HTML parser raises is its depth limit, after
   * which it throws the rest of the input away. */
  too_deep = ctxt->errNo == XML_ERR_INTERNAL_ERROR;
  g_clear_pointer (&own, htmlFreeParserCtxt);

  if (too_deep)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                           "HTML is nested too deeply (more than 256 levels)");
      return NULL;
    }

  return doc != NULL ? doc : htmlNewDocNoDtD (NULL, NULL);
}

/**
 * byline_html_get_body:
 * @doc: a parsed document
 *
 * Returns: (nullable): the element whose children are the fragment's
 *   content (body, or the root when libxml2 made no body)
 */
xmlNode *
byline_html_get_body (htmlDocPtr doc)
{
  xmlNode *root;

  g_return_val_if_fail (doc != NULL, NULL);

  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    return NULL;

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    if (byline_html_is_element (child, "body"))
      return child;

  return root;
}

gboolean
byline_html_is_element (const xmlNode *node,
                        const char    *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/**
 * byline_html_is_blank:
 * @node: a node
 *
 * Returns: whether @node is text of HTML whitespace only (which an HTML
 *   layout ignores between block elements)
 */
gboolean
byline_html_is_blank (const xmlNode *node)
{
  if (node == NULL || (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE))
    return FALSE;

  for (const xmlChar *p = node->content; p != NULL && *p != '\0'; p++)
    if (!is_html_space ((char) *p))
      return FALSE;

  return TRUE;
}

/* Whether every attribute of @element is one of @allowed (NULL-terminated). */
static gboolean
has_only_attributes (const xmlNode      *element,
                     const char * const *allowed)
{
  for (xmlAttr *attr = element->properties; attr != NULL; attr = attr->next)
    {
      gboolean ok = FALSE;

      for (guint i = 0; allowed[i] != NULL && !ok; i++)
        ok = g_ascii_strcasecmp ((const char *) attr->name, allowed[i]) == 0;
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/**
 * byline_html_has_class_only:
 * @element: an element
 * @allowed_class: (nullable): the one class it may carry
 *
 * Returns: whether @element has no attribute but "class", and every class
 *   it has is @allowed_class (WordPress's default class of a block, which
 *   newer block editors add and 6.1 does not)
 */
gboolean
byline_html_has_class_only (xmlNode    *element,
                            const char *allowed_class)
{
  static const char * const class_only[] = { "class", NULL };
  g_autofree char *value = NULL;
  g_auto(GStrv) tokens = NULL;

  if (!has_only_attributes (element, class_only))
    return FALSE;

  value = ATTR (element, "class");
  if (value == NULL)
    return TRUE;

  tokens = g_strsplit_set (value, " \t\n\r\f", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (*tokens[i] != '\0' && g_strcmp0 (tokens[i], allowed_class) != 0)
      return FALSE;

  return TRUE;
}

static gboolean
is_one_of (const xmlNode      *node,
           const char * const *names)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

static const char * const heading_names[] = { "h1", "h2", "h3", "h4", "h5", "h6", NULL };
static const char * const list_names[] = { "ul", "ol", NULL };

/* Elements whose content never reaches the article when pasted. */
static const char * const dropped_names[] = {
  "head", "title", "meta", "link", "base", "script", "style", "noscript", "template",
  "iframe", "frame", "frameset", "object", "embed", "applet", "param", "svg", "math",
  "canvas", "video", "audio", "source", "track", "map", "area", "select", "option",
  "textarea", "button", "input", "datalist", "output", "xml", NULL
};

/* Elements that start a block of their own in a layout; anything else is
 * read as inline content. */
static const char * const block_names[] = {
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
  "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
  "tfoot", "th", "thead", "tr", "ul", "col", "colgroup", NULL
};

/* Void in HTML5 but not to libxml2's HTML 4 parser, which nests what
 * follows them inside: they are looked through, never dropped. */
static const char * const transparent_names[] = {
  "embed", "source", "track", "wbr", "keygen", NULL
};

static gboolean
is_block_element (const xmlNode *node)
{
  return is_one_of (node, block_names) ||
         (is_one_of (node, dropped_names) && !is_one_of (node, transparent_names));
}

static gboolean
is_dropped (const xmlNode *node)
{
  return is_one_of (node, dropped_names) && !is_one_of (node, transparent_names);
}

/* Whether an inline element wraps blocks (Google Docs puts a whole
 * document in one <b>): a paste reads it as a container. */
static gboolean
contains_block (const xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_block_element (child))
      return TRUE;
  return FALSE;
}

/* ---- inline styles (pasted HTML only) ---------------------------------- */

typedef struct
{
  guint    on;       /* BylineMarkKind bits the style turns on */
  guint    off;      /* and off */
  gboolean hidden;   /* display:none, or Word's list bullets (mso-list:Ignore) */
  int      list_level;   /* Word's mso-list: levelN, 0 if none */
} StyleInfo;

#define MARK_BIT(kind) (1u << (kind))

static StyleInfo
read_style (xmlNode *element)
{
  g_autofree char *style = ATTR (element, "style");
  g_auto(GStrv) declarations = NULL;
  StyleInfo info = { 0, 0, FALSE, 0 };

  if (style == NULL)
    return info;

  declarations = g_strsplit (style, ";", -1);
  for (guint i = 0; declarations[i] != NULL; i++)
    {
      char *colon = strchr (declarations[i], ':');
      g_autofree char *property = NULL;
      g_autofree char *value = NULL;

      if (colon == NULL)
        continue;
      *colon = '\0';
      property = g_ascii_strdown (g_strstrip (declarations[i]), -1);
      value = g_ascii_strdown (g_strstrip (colon + 1), -1);

      if (g_str_equal (property, "font-weight"))
        {
          gint64 weight = g_ascii_strtoll (value, NULL, 10);

          if (g_str_equal (value, "bold") || g_str_equal (value, "bolder") || weight >= 600)
            info.on |= MARK_BIT (BYLINE_MARK_BOLD);
          else if (g_str_equal (value, "normal") || g_str_equal (value, "lighter") ||
                   (weight > 0 && weight < 600))
            info.off |= MARK_BIT (BYLINE_MARK_BOLD);
        }
      else if (g_str_equal (property, "font-style"))
        {
          if (g_str_has_prefix (value, "italic") || g_str_has_prefix (value, "oblique"))
            info.on |= MARK_BIT (BYLINE_MARK_ITALIC);
          else if (g_str_equal (value, "normal"))
            info.off |= MARK_BIT (BYLINE_MARK_ITALIC);
        }
      else if (g_str_equal (property, "text-decoration") ||
               g_str_equal (property, "text-decoration-line"))
        {
          if (strstr (value, "line-through") != NULL)
            info.on |= MARK_BIT (BYLINE_MARK_STRIKETHROUGH);
        }
      else if (g_str_equal (property, "vertical-align"))
        {
          if (g_str_equal (value, "super"))
            info.on |= MARK_BIT (BYLINE_MARK_SUPERSCRIPT);
          else if (g_str_equal (value, "sub"))
            info.on |= MARK_BIT (BYLINE_MARK_SUBSCRIPT);
        }
      else if (g_str_equal (property, "display") && g_str_equal (value, "none"))
        {
          info.hidden = TRUE;
        }
      else if (g_str_equal (property, "mso-list"))
        {
          const char *level = strstr (value, "level");

          if (g_str_equal (value, "ignore"))
            info.hidden = TRUE;
          else if (level != NULL)
            info.list_level = CLAMP (g_ascii_strtoll (level + 5, NULL, 10), 1, 9);
        }
    }

  return info;
}

/* A link target worth keeping from a paste: absolute http, https and
 * mailto addresses only; anything else (javascript:, data:, file:,
 * relative) is not a link in the article. */
static char *
safe_href (const char *href)
{
  g_autofree char *trimmed = NULL;
  const char *scheme;

  if (href == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (href));
  for (const char *p = trimmed; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return NULL;

  scheme = g_uri_peek_scheme (trimmed);
  if (scheme == NULL)
    return NULL;

  if (g_str_equal (scheme, "mailto") && trimmed[7] != '\0')
    return g_steal_pointer (&trimmed);
  if ((g_str_equal (scheme, "http") || g_str_equal (scheme, "https")) &&
      g_str_has_prefix (trimmed + strlen (scheme), "://") &&
      trimmed[strlen (scheme) + 3] != '\0')
    return g_steal_pointer (&trimmed);

  return NULL;
}

/* ---- inline content ---------------------------------------------------- */

typedef struct
{
  BylineInline    *out;
  BylineHtmlFlags  flags;
  gboolean         failed;
  guint            pre;
  guint            depth;
} InlineReader;

static void read_inline_children (InlineReader *r, xmlNode *parent);

static gboolean
ends_with_space (BylineInline *inl)
{
  guint len = byline_inline_get_length (inl);
  const char *text = byline_inline_get_text (inl);

  return len == 0 || text[len - 1] == ' ' || text[len - 1] == '\n';
}

static void
append_text (InlineReader *r,
             const char   *text)
{
  g_autoptr(GString) piece = NULL;
  gboolean space_before;

  if (text == NULL || *text == '\0')
    return;

  /* HTML collapses runs of whitespace into one space, across elements.
   * Newlines are line breaks in classic content and in preformatted text
   * (whose other runs of spaces a paragraph cannot keep). */
  piece = g_string_sized_new (strlen (text));
  space_before = ends_with_space (r->out);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' && ((r->flags & BYLINE_HTML_AUTOP) || r->pre > 0))
        {
          if (piece->len > 0 && piece->str[piece->len - 1] == ' ')
            g_string_truncate (piece, piece->len - 1);
          g_string_append_c (piece, '\n');
          space_before = TRUE;
        }
      else if (is_html_space (*p))
        {
          if (!space_before)
            g_string_append_c (piece, ' ');
          space_before = TRUE;
        }
      else
        {
          g_string_append_c (piece, *p);
          space_before = FALSE;
        }
    }

  byline_inline_append (r->out, piece->str, piece->len);
}

static int
mark_for_element (const xmlNode *element)
{
  static const struct { const char *name; BylineMarkKind kind; } marks[] = {
    { "strong", BYLINE_MARK_BOLD }, { "b", BYLINE_MARK_BOLD },
    { "em", BYLINE_MARK_ITALIC }, { "i", BYLINE_MARK_ITALIC },
    { "s", BYLINE_MARK_STRIKETHROUGH }, { "del", BYLINE_MARK_STRIKETHROUGH },
    { "strike", BYLINE_MARK_STRIKETHROUGH },
    { "sup", BYLINE_MARK_SUPERSCRIPT }, { "sub", BYLINE_MARK_SUBSCRIPT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_ascii_strcasecmp ((const char *) element->name, marks[i].name) == 0)
      return marks[i].kind;

  return -1;
}

static void
add_marks (BylineInline *out,
           guint         bits,
           guint         start)
{
  guint end = byline_inline_get_length (out);

  for (guint kind = 0; kind < BYLINE_N_MARKS; kind++)
    if ((bits & MARK_BIT (kind)) && kind != BYLINE_MARK_LINK)
      byline_inline_add_mark (out, kind, start, end, NULL);
}

static void
fail (InlineReader *r)
{
  r->failed = TRUE;
}

static void
read_inline_element (InlineReader *r,
                     xmlNode      *element)
{
  gboolean strict = (r->flags & BYLINE_HTML_STRICT) != 0;
  int mark = mark_for_element (element);
  guint start = byline_inline_get_length (r->out);
  StyleInfo style = { 0, 0, FALSE, 0 };

  if (byline_html_is_element (element, "br"))
    {
      if (strict && element->properties != NULL)
        fail (r);
      else
        byline_inline_append (r->out, "\n", 1);
      return;
    }

  if (!strict)
    {
      if (is_dropped (element) || byline_html_is_element (element, "img"))
        return;
      style = read_style (element);
      if (style.hidden)
        return;
      /* Block elements inside inline content (paragraphs inside a list
       * item, a table cell): their text goes on lines of its own. */
      if (is_block_element (element) && !ends_with_space (r->out))
        byline_inline_append (r->out, "\n", 1);
    }

  if (mark >= 0)
    {
      if (strict && element->properties != NULL)
        {
          fail (r);
          return;
        }
      /* Google Docs wraps whole documents in <b style="font-weight:normal">. */
      if (!(style.off & MARK_BIT (mark)))
        style.on |= MARK_BIT (mark);
      read_inline_children (r, element);
      add_marks (r->out, style.on, start);
      return;
    }

  if (byline_html_is_element (element, "a"))
    {
      /* WordPress's "open in new tab" adds target and rel; both are kept,
       * so such links stay editable and come back as they were. */
      static const char * const link_attributes[] = { "href", "target", "rel", NULL };
      g_autofree char *href = clean_attr (element, "href");
      g_autofree char *link = NULL;
      g_autofree char *link_target = NULL;
      g_autofree char *link_rel = NULL;

      if (strict)
        {
          if (href == NULL || !has_only_attributes (element, link_attributes))
            {
              fail (r);
              return;
            }
          link = g_steal_pointer (&href);
          link_target = clean_attr (element, "target");
          link_rel = clean_attr (element, "rel");
        }
      else
        {
          /* A paste keeps where a link goes, not how it opens. */
          link = safe_href (href);
        }

      read_inline_children (r, element);
      add_marks (r->out, style.on, start);
      if (link != NULL)
        byline_inline_add_link (r->out, start, byline_inline_get_length (r->out),
                                link, link_target, link_rel);
      return;
    }

  if (strict)
    {
      fail (r);
      return;
    }

  if (byline_html_is_element (element, "pre"))
    r->pre++;
  read_inline_children (r, element);
  if (byline_html_is_element (element, "pre"))
    r->pre--;
  add_marks (r->out, style.on, start);
  if (is_block_element (element) && !ends_with_space (r->out))
    byline_inline_append (r->out, "\n", 1);
}

static void
read_inline_node (InlineReader *r,
                  xmlNode      *node)
{
  switch (node->type)
    {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      append_text (r, (const char *) node->content);
      break;

    case XML_ELEMENT_NODE:
      read_inline_element (r, node);
      break;

    case XML_COMMENT_NODE:
    case XML_PI_NODE:
      /* A comment inside a block's HTML is something Byline would drop. */
      if (r->flags & BYLINE_HTML_STRICT)
        fail (r);
      break;

    default:
      break;
    }
}

static void
read_inline_children (InlineReader *r,
                      xmlNode      *parent)
{
  if (++r->depth > MAX_DEPTH)
    {
      fail (r);
      r->depth--;
      return;
    }

  for (xmlNode *child = parent->children; child != NULL && !r->failed; child = child->next)
    read_inline_node (r, child);

  r->depth--;
}

/**
 * byline_html_read_inline:
 * @parent: an element
 * @flags: how to read
 * @out: the inline text to append to
 *
 * Appends the content of @parent to @out as inline text. Leading and
 * trailing whitespace is left to the caller (byline_inline_strip()).
 *
 * Returns: %FALSE when @flags has %BYLINE_HTML_STRICT and the content holds
 *   something @out cannot
 */
gboolean
byline_html_read_inline (xmlNode         *parent,
                         BylineHtmlFlags  flags,
                         BylineInline    *out)
{
  InlineReader r = { out, flags, FALSE, 0, 0 };

  g_return_val_if_fail (parent != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (byline_html_is_element (parent, "pre"))
    r.pre = 1;
  read_inline_children (&r, parent);

  return !r.failed;
}

/* Reads a sequence of sibling nodes (a run of inline content between
 * blocks) as one inline text. */
static gboolean
read_inline_nodes (GPtrArray       *nodes,
                   BylineHtmlFlags  flags,
                   BylineInline    *out)
{
  InlineReader r = { out, flags, FALSE, 0, 0 };

  for (guint i = 0; i < nodes->len && !r.failed; i++)
    read_inline_node (&r, g_ptr_array_index (nodes, i));

  return !r.failed;
}

/* ---- figures ----------------------------------------------------------- */

static void
collect_images (xmlNode   *node,
                GPtrArray *images,
                guint      depth)
{
  if (depth > MAX_DEPTH)
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || is_dropped (child))
        continue;
      if (byline_html_is_element (child, "img"))
        g_ptr_array_add (images, child);
      else
        collect_images (child, images, depth + 1);
    }
}

static xmlNode *
find_descendant (xmlNode    *node,
                 const char *name,
                 guint       depth)
{
  if (depth > MAX_DEPTH)
    return NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (byline_html_is_element (child, name))
        return child;
      found = find_descendant (child, name, depth + 1);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static xmlNode *
last_significant_child (xmlNode *parent)
{
  xmlNode *last = parent->last;

  while (last != NULL && byline_html_is_blank (last))
    last = last->prev;

  return last;
}

static void
remove_node (xmlNode *node)
{
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

/* A figcaption's credit is the "<br><span class="byline-credit">…</span>"
 * Byline writes at its end; returns FALSE when strict and the span carries
 * more than plain text. */
static gboolean
take_credit (xmlNode          *caption,
             BylineHtmlFlags   flags,
             char            **credit)
{
  static const char * const class_only[] = { "class", NULL };
  xmlNode *last = last_significant_child (caption);
  g_autofree char *klass = NULL;
  xmlChar *text;

  *credit = NULL;
  if (!byline_html_is_element (last, "span"))
    return TRUE;

  klass = ATTR (last, "class");
  if (g_strcmp0 (klass, "byline-credit") != 0)
    return TRUE;

  if (flags & BYLINE_HTML_STRICT)
    {
      if (!has_only_attributes (last, class_only))
        return FALSE;
      for (xmlNode *child = last->children; child != NULL; child = child->next)
        if (child->type != XML_TEXT_NODE)
          return FALSE;
    }

  /* One line of plain text: whitespace collapses as HTML shows it. */
  text = xmlNodeGetContent (last);
  {
    GString *collapsed = g_string_new (NULL);

    for (const xmlChar *p = text; p != NULL && *p != '\0'; p++)
      {
        if (!is_html_space ((char) *p))
          g_string_append_c (collapsed, (char) *p);
        else if (collapsed->len > 0 && collapsed->str[collapsed->len - 1] != ' ')
          g_string_append_c (collapsed, ' ');
      }
    *credit = g_strstrip (g_string_free (collapsed, FALSE));
  }
  xmlFree (text);
  remove_node (last);

  last = last_significant_child (caption);
  if (byline_html_is_element (last, "br"))
    remove_node (last);

  return TRUE;
}

/* The media id in WordPress's "wp-image-N" class, or -1 if the class is
 * something else. */
static gint64
parse_image_class (const char *klass)
{
  guint64 id;

  if (!g_str_has_prefix (klass, "wp-image-") ||
      !g_ascii_string_to_unsigned (klass + 9, 10, 1, G_MAXINT64, &id, NULL))
    return -1;

  return (gint64) id;
}

/**
 * byline_html_read_figure:
 * @node: a figure element or an img element
 * @flags: how to read
 *
 * Reads a photo: its address (into the figure's url, or its local path for
 * a pasted file: address), alt text, caption and the credit Byline writes
 * at the caption's end. With %BYLINE_HTML_STRICT the img may only carry
 * src, alt and a "wp-image-N" class, which gives the media id.
 *
 * Returns: (transfer full) (nullable): the figure, or %NULL when there is
 *   no usable image or (strict) something the model cannot hold
 */
BylineBlock *
byline_html_read_figure (xmlNode         *node,
                         BylineHtmlFlags  flags)
{
  static const char * const img_attributes[] = { "src", "alt", "class", NULL };
  gboolean strict = (flags & BYLINE_HTML_STRICT) != 0;
  g_autoptr(BylineBlock) figure = NULL;
  g_autoptr(BylineInline) caption_text = NULL;
  g_autofree char *src = NULL;
  g_autofree char *alt = NULL;
  g_autofree char *klass = NULL;
  g_autofree char *credit = NULL;
  xmlNode *img = NULL, *caption = NULL;
  gint64 media_id = 0;

  g_return_val_if_fail (node != NULL, NULL);

  if (byline_html_is_element (node, "img"))
    {
      img = node;
    }
  else if (strict)
    {
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          if (byline_html_is_blank (child))
            continue;
          if (img == NULL && byline_html_is_element (child, "img"))
            img = child;
          else if (img != NULL && caption == NULL && byline_html_is_element (child, "figcaption"))
            caption = child;
          else
            return NULL;
        }
    }
  else
    {
      img = find_descendant (node, "img", 0);
      caption = find_descendant (node, "figcaption", 0);
    }

  if (img == NULL)
    return NULL;

  src = clean_attr (img, "src");
  alt = clean_attr (img, "alt");
  klass = ATTR (img, "class");
  figure = byline_block_new_figure (NULL);

  if (strict)
    {
      if (!has_only_attributes (img, img_attributes))
        return NULL;
      if (klass != NULL && (media_id = parse_image_class (klass)) < 0)
        return NULL;
      byline_block_set_media (figure, media_id, src != NULL && *src != '\0' ? src : NULL);
    }
  else
    {
      g_autofree char *trimmed = src != NULL ? g_strstrip (g_strdup (src)) : NULL;
      const char *scheme = trimmed != NULL ? g_uri_peek_scheme (trimmed) : NULL;
      g_autofree char *href = safe_href (trimmed);

      if (href != NULL && !g_str_has_prefix (href, "mailto:"))
        {
          byline_block_set_media (figure, 0, href);
        }
      else if (g_strcmp0 (scheme, "file") == 0)
        {
          g_autofree char *path = g_filename_from_uri (trimmed, NULL, NULL);

          if (path == NULL)
            return NULL;
          byline_block_set_local_path (figure, path);
        }
      else if ((flags & BYLINE_HTML_LOCAL_FILES) && scheme == NULL && trimmed != NULL &&
               *trimmed != '\0' && *trimmed != '/' && *trimmed != '?' && *trimmed != '#')
        {
          /* "anh/hoi-nghi.jpg" beside the document, percent-encoded or not. */
          g_autofree char *path = g_uri_unescape_segment (trimmed, trimmed + strcspn (trimmed, "?#"),
                                                          NULL);

          if (path == NULL || *path == '\0')
            return NULL;
          byline_block_set_local_path (figure, path);
        }
      else
        {
          /* data:, blob:, relative addresses: nothing Byline can upload. */
          return NULL;
        }
    }

  /* alt="" and no alt at all are the same to the model: no alt text. */
  if (alt != NULL && *g_strstrip (alt) != '\0')
    byline_block_set_alt (figure, alt);

  if (caption != NULL)
    {
      if (strict && !byline_html_has_class_only (caption, "wp-element-caption"))
        return NULL;
      if (!take_credit (caption, flags, &credit))
        return NULL;

      caption_text = byline_inline_new (NULL);
      if (!byline_html_read_inline (caption, flags & ~BYLINE_HTML_AUTOP, caption_text))
        return NULL;
      byline_inline_strip (caption_text);
      byline_block_set_caption (figure, g_steal_pointer (&caption_text));
      if (credit != NULL && *credit != '\0')
        byline_block_set_credit (figure, credit);
    }

  return g_steal_pointer (&figure);
}

/* ---- lists ------------------------------------------------------------- */

static gboolean read_list_into (BylineBlock *list, xmlNode *element, BylineHtmlFlags flags,
                                guint depth);

static gboolean
read_list_item (BylineBlock     *list,
                xmlNode         *li,
                BylineHtmlFlags  flags,
                guint            depth)
{
  gboolean strict = (flags & BYLINE_HTML_STRICT) != 0;
  g_autoptr(GPtrArray) nested = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeNode);
  g_autoptr(BylineInline) text = byline_inline_new (NULL);
  g_autoptr(BylineBlock) sublist = NULL;

  if (strict && !byline_html_has_class_only (li, "wp-block-list-item"))
    return FALSE;

  /* The model holds an item's text and then one nested list: strictly, the
   * nested list must come last. */
  for (xmlNode *child = li->children, *next; child != NULL; child = next)
    {
      next = child->next;
      if (!is_one_of (child, list_names))
        continue;
      if (strict && (nested->len > 0 || last_significant_child (li) != child))
        return FALSE;
      xmlUnlinkNode (child);
      g_ptr_array_add (nested, child);
    }

  if (!byline_html_read_inline (li, flags & ~BYLINE_HTML_AUTOP, text))
    return FALSE;
  byline_inline_strip (text);

  if (nested->len > 0 && depth + 1 >= BYLINE_HTML_MAX_LIST_DEPTH)
    {
      if (strict)
        return FALSE;
      /* Too deep for the model: the nested items join this list. */
      byline_block_append_item (list, byline_list_item_new (g_steal_pointer (&text), NULL));
      for (guint i = 0; i < nested->len; i++)
        read_list_into (list, g_ptr_array_index (nested, i), flags, depth);
      return TRUE;
    }

  for (guint i = 0; i < nested->len; i++)
    {
      xmlNode *element = g_ptr_array_index (nested, i);

      if (sublist == NULL)
        {
          sublist = byline_html_read_list (element, flags, depth + 1);
          if (sublist == NULL)
            return FALSE;
        }
      else if (!read_list_into (sublist, element, flags, depth + 1))
        {
          return FALSE;
        }
    }

  if (!strict && byline_inline_is_empty (text) && sublist == NULL)
    return TRUE;

  byline_block_append_item (list, byline_list_item_new (g_steal_pointer (&text),
                                                        g_steal_pointer (&sublist)));
  return TRUE;
}

static gboolean
read_list_into (BylineBlock     *list,
                xmlNode         *element,
                BylineHtmlFlags  flags,
                guint            depth)
{
  gboolean strict = (flags & BYLINE_HTML_STRICT) != 0;

  for (xmlNode *child = element->children, *next; child != NULL; child = next)
    {
      next = child->next;

      if (byline_html_is_blank (child))
        continue;

      if (byline_html_is_element (child, "li"))
        {
          if (!read_list_item (list, child, flags, depth))
            return FALSE;
        }
      else if (strict)
        {
          return FALSE;
        }
      else if (is_one_of (child, list_names))
        {
          /* <ul><li>a</li><ul>…</ul></ul>, as older editors wrote nesting:
           * its items join the nested list of the item before, or, when
           * that item has none (the model sets a sublist only with the
           * item), this list. */
          guint n = byline_block_get_n_items (list);
          BylineListItem *last = n > 0 ? byline_block_get_item (list, n - 1) : NULL;

          if (last != NULL && byline_list_item_get_sublist (last) != NULL &&
              depth + 1 < BYLINE_HTML_MAX_LIST_DEPTH)
            read_list_into (byline_list_item_get_sublist (last), child, flags, depth + 1);
          else
            read_list_into (list, child, flags, depth);
        }
      else if (child->type == XML_ELEMENT_NODE || child->type == XML_TEXT_NODE)
        {
          /* Stray content between items: an item of its own. */
          g_autoptr(BylineInline) text = byline_inline_new (NULL);
          InlineReader r = { text, flags, FALSE, 0, 0 };

          read_inline_node (&r, child);
          byline_inline_strip (text);
          if (!byline_inline_is_empty (text))
            byline_block_append_item (list, byline_list_item_new (g_steal_pointer (&text), NULL));
        }
    }

  return TRUE;
}

/**
 * byline_html_read_list:
 * @list: a ul or ol element
 * @flags: how to read
 * @depth: how deep @list is nested in other lists (0 at the top)
 *
 * Returns: (transfer full) (nullable): the list, or %NULL when strict and
 *   it holds something the model cannot
 */
BylineBlock *
byline_html_read_list (xmlNode         *list,
                       BylineHtmlFlags  flags,
                       guint            depth)
{
  g_autoptr(BylineBlock) block = NULL;

  g_return_val_if_fail (is_one_of (list, list_names), NULL);

  if (depth >= BYLINE_HTML_MAX_LIST_DEPTH)
    return NULL;
  if ((flags & BYLINE_HTML_STRICT) && !byline_html_has_class_only (list, "wp-block-list"))
    return NULL;

  block = byline_block_new_list (byline_html_is_element (list, "ol"));
  if (!read_list_into (block, list, flags, depth))
    return NULL;

  return g_steal_pointer (&block);
}

/* ---- blocks: classic content and pastes -------------------------------- */

typedef struct
{
  int           level;
  gboolean      ordered;
  BylineInline *text;
} WordItem;

typedef struct
{
  BylineHtmlFlags  flags;
  htmlDocPtr       doc;
  GPtrArray       *blocks;
  GPtrArray       *run;          /* inline nodes waiting to become a paragraph */
  GArray          *word_items;   /* WordItem: Word's list paragraphs */
  GPtrArray       *owned;        /* nodes made by the walker, outside the tree */
} Walker;

static void walk_children (Walker *w, xmlNode *parent, guint depth);

static gboolean
is_strict (Walker *w)
{
  return (w->flags & BYLINE_HTML_STRICT) != 0;
}

static void
add_block (Walker      *w,
           BylineBlock *block)
{
  g_ptr_array_add (w->blocks, block);
}

/* Classic content Byline cannot edit stays in the article verbatim (as
 * libxml2 writes it back), shown as a classic block. */
static void
add_raw_nodes (Walker    *w,
               xmlNode  **nodes,
               guint      n_nodes)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  g_autofree char *markup = NULL;

  for (guint i = 0; i < n_nodes; i++)
    htmlNodeDump (buffer, w->doc, nodes[i]);

  markup = g_strstrip (g_strndup ((const char *) xmlBufferContent (buffer),
                                  xmlBufferLength (buffer)));
  xmlBufferFree (buffer);

  if (*markup != '\0')
    add_block (w, byline_block_new_raw (NULL, markup, -1));
}

static void
add_figures_inside (Walker  *w,
                    xmlNode *element)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  collect_images (element, images, 0);
  for (guint i = 0; i < images->len; i++)
    {
      BylineBlock *figure = byline_html_read_figure (g_ptr_array_index (images, i), w->flags);

      if (figure != NULL)
        add_block (w, figure);
    }
}

static void
add_one_text_block (Walker       *w,
                    BylineInline *text,
                    guint         level)
{
  byline_inline_strip (text);
  if (byline_inline_is_empty (text))
    {
      byline_inline_free (text);
      return;
    }

  add_block (w, level > 0 ? byline_block_new_heading (level, text)
                          : byline_block_new_paragraph (text));
}

static void
add_text_block (Walker       *w,
                BylineInline *text,
                guint         level)
{
  const char *str = byline_inline_get_text (text);
  guint length = byline_inline_get_length (text);
  const char *newline;
  guint from = 0, at = 0;

  if (!(w->flags & BYLINE_HTML_AUTOP) || level > 0)
    {
      add_one_text_block (w, text, level);
      return;
    }

  /* wpautop(): in classic content a blank line ends a paragraph. (memchr,
   * not strstr: each strstr() would look at the whole rest of the text.) */
  while ((newline = memchr (str + at, '\n', length - at)) != NULL)
    {
      guint end = newline - str;

      at = end + 1;
      if (str[at] != '\n')
        continue;
      add_one_text_block (w, byline_inline_slice (text, from, end), 0);
      for (from = end; str[from] == '\n'; from++)
        ;
      at = from;
    }
  add_one_text_block (w, byline_inline_slice (text, from, byline_inline_get_length (text)), 0);
  byline_inline_free (text);
}

typedef struct _TreeItem TreeItem;
struct _TreeItem
{
  BylineInline *text;
  GPtrArray    *children;   /* TreeItem */
  gboolean      ordered;    /* of the children */
};

static void
tree_item_free (TreeItem *item)
{
  g_clear_pointer (&item->text, byline_inline_free);
  g_ptr_array_unref (item->children);
  g_free (item);
}

static TreeItem *
tree_item_new (BylineInline *text)
{
  TreeItem *item = g_new0 (TreeItem, 1);

  item->text = text;
  item->children = g_ptr_array_new_with_free_func ((GDestroyNotify) tree_item_free);

  return item;
}

static BylineBlock *
tree_to_list (TreeItem *parent)
{
  BylineBlock *list = byline_block_new_list (parent->ordered);

  for (guint i = 0; i < parent->children->len; i++)
    {
      TreeItem *item = g_ptr_array_index (parent->children, i);
      BylineBlock *sublist = item->children->len > 0 ? tree_to_list (item) : NULL;

      byline_block_append_item (list, byline_list_item_new (g_steal_pointer (&item->text), sublist));
    }

  return list;
}

/* Word writes lists as paragraphs with "mso-list: l0 level2 lfo1" styles;
 * they become one list, nested by level. */
static void
flush_word_list (Walker *w)
{
  TreeItem *root, *stack[10];
  int levels[10];
  guint top = 0;

  if (w->word_items->len == 0)
    return;

  root = tree_item_new (NULL);
  root->ordered = g_array_index (w->word_items, WordItem, 0).ordered;
  stack[0] = root;
  levels[0] = g_array_index (w->word_items, WordItem, 0).level;

  for (guint i = 0; i < w->word_items->len; i++)
    {
      WordItem *wi = &g_array_index (w->word_items, WordItem, i);
      TreeItem *parent;

      while (top > 0 && levels[top] > wi->level)
        top--;
      if (wi->level > levels[top] && top + 1 < G_N_ELEMENTS (stack) &&
          stack[top]->children->len > 0)
        {
          TreeItem *last = g_ptr_array_index (stack[top]->children, stack[top]->children->len - 1);

          last->ordered = wi->ordered;
          stack[++top] = last;
          levels[top] = wi->level;
        }
      parent = stack[top];
      g_ptr_array_add (parent->children, tree_item_new (g_steal_pointer (&wi->text)));
    }

  g_array_set_size (w->word_items, 0);
  add_block (w, tree_to_list (root));
  tree_item_free (root);
}

static void
word_item_clear (gpointer data)
{
  WordItem *item = data;

  g_clear_pointer (&item->text, byline_inline_free);
}

static void
flush_run (Walker *w)
{
  g_autoptr(BylineInline) text = NULL;

  if (w->run->len == 0)
    return;

  text = byline_inline_new (NULL);
  if (!read_inline_nodes (w->run, w->flags, text))
    {
      add_raw_nodes (w, (xmlNode **) w->run->pdata, w->run->len);
    }
  else
    {
      add_text_block (w, g_steal_pointer (&text), 0);
      if (!is_strict (w))
        for (guint i = 0; i < w->run->len; i++)
          {
            xmlNode *node = g_ptr_array_index (w->run, i);

            if (byline_html_is_element (node, "img"))
              {
                BylineBlock *figure = byline_html_read_figure (node, w->flags);

                if (figure != NULL)
                  add_block (w, figure);
              }
            else if (node->type == XML_ELEMENT_NODE)
              {
                add_figures_inside (w, node);
              }
          }
    }

  g_ptr_array_set_size (w->run, 0);
}

static void
flush_all (Walker *w)
{
  flush_run (w);
  flush_word_list (w);
}

/* wpautop(): in classic content a blank line ends a paragraph. Splits the
 * text node there, so each part joins its own run. */
static void
walk_autop_text (Walker  *w,
                 xmlNode *text)
{
  const char *content = (const char *) text->content;
  const char *from = content;

  if (content == NULL)
    return;

  for (const char *p = content; *p != '\0'; p++)
    {
      const char *q;
      xmlNode *before;

      if (*p != '\n')
        continue;
      for (q = p + 1; *q == ' ' || *q == '\t' || *q == '\r'; q++)
        ;
      if (*q != '\n')
        continue;

      /* Not linked into the tree (libxml2 would merge it back into its
       * neighbour); the walker frees it. */
      before = xmlNewDocTextLen (w->doc, BAD_CAST from, p - from);
      g_ptr_array_add (w->owned, before);
      g_ptr_array_add (w->run, before);
      flush_run (w);
      from = q + 1;
      p = q;
    }

  if (from == content)
    {
      g_ptr_array_add (w->run, text);
    }
  else if (*from != '\0')
    {
      xmlNode *rest = xmlNewDocText (w->doc, BAD_CAST from);

      g_ptr_array_add (w->owned, rest);
      g_ptr_array_add (w->run, rest);
    }
}

static void
walk_quote (Walker  *w,
            xmlNode *element)
{
  g_autoptr(BylineBlock) quote = byline_block_new_quote ();
  g_autoptr(BylineInline) pending = byline_inline_new (NULL);
  gboolean strict = is_strict (w);
  BylineHtmlFlags flags = w->flags & ~BYLINE_HTML_AUTOP;
  gboolean ok = !strict || element->properties == NULL;

  for (xmlNode *child = element->children; child != NULL && ok; child = child->next)
    {
      if (byline_html_is_element (child, "p") || byline_html_is_element (child, "cite") ||
          byline_html_is_element (child, "footer"))
        {
          BylineInline *text = byline_inline_new (NULL);

          if (strict && child->properties != NULL)
            ok = FALSE;
          else if (!byline_html_read_inline (child, flags, text))
            ok = FALSE;
          byline_inline_strip (text);
          if (!ok || byline_inline_is_empty (text))
            byline_inline_free (text);
          else if (byline_html_is_element (child, "p"))
            byline_block_append_paragraph (quote, text);
          else
            byline_block_set_citation (quote, text);
        }
      else if (!strict || child->type == XML_TEXT_NODE)
        {
          InlineReader r = { pending, flags, FALSE, 0, 0 };

          if (byline_html_is_blank (child))
            continue;
          read_inline_node (&r, child);
          byline_inline_strip (pending);
          if (!byline_inline_is_empty (pending))
            {
              byline_block_append_paragraph (quote, g_steal_pointer (&pending));
              pending = byline_inline_new (NULL);
            }
        }
      else
        {
          ok = FALSE;
        }
    }

  if (!ok)
    add_raw_nodes (w, &element, 1);
  else if (byline_block_get_n_paragraphs (quote) > 0)
    add_block (w, g_steal_pointer (&quote));
}

static void
walk_block (Walker  *w,
            xmlNode *element,
            guint    depth)
{
  gboolean strict = is_strict (w);
  StyleInfo style = { 0, 0, FALSE, 0 };

  if (!strict)
    {
      if (is_dropped (element))
        return;
      style = read_style (element);
      if (style.hidden)
        return;
    }

  if (byline_html_is_element (element, "p") && style.list_level > 0)
    {
      /* A Word list paragraph: its bullet or number is in a hidden span. */
      WordItem item = { style.list_level, FALSE, byline_inline_new (NULL) };
      xmlNode *span = find_descendant (element, "span", 0);

      for (; span != NULL; span = find_descendant (span, "span", 0))
        {
          StyleInfo span_style = read_style (span);

          if (span_style.hidden)
            {
              xmlChar *bullet = xmlNodeGetContent (span);
              g_autofree char *trimmed = g_strstrip (g_strdup ((const char *) bullet));
              gsize len = strlen (trimmed);

              item.ordered = len > 1 && (trimmed[len - 1] == '.' || trimmed[len - 1] == ')');
              xmlFree (bullet);
              break;
            }
        }
      byline_html_read_inline (element, w->flags, item.text);
      byline_inline_strip (item.text);
      flush_run (w);
      g_array_append_val (w->word_items, item);
      return;
    }

  flush_word_list (w);

  if (byline_html_is_element (element, "p") || is_one_of (element, heading_names))
    {
      BylineInline *text = byline_inline_new (NULL);
      guint level = 0;

      if (!byline_html_is_element (element, "p"))
        level = element->name[1] - '0';

      if (strict && element->properties != NULL)
        {
          byline_inline_free (text);
          add_raw_nodes (w, &element, 1);
        }
      else if (!byline_html_read_inline (element, w->flags, text))
        {
          byline_inline_free (text);
          add_raw_nodes (w, &element, 1);
        }
      else
        {
          add_text_block (w, text, level);
          if (!strict)
            add_figures_inside (w, element);
        }
    }
  else if (is_one_of (element, list_names))
    {
      BylineBlock *list = byline_html_read_list (element, w->flags & ~BYLINE_HTML_AUTOP, 0);

      if (list == NULL)
        add_raw_nodes (w, &element, 1);
      else if (byline_block_get_n_items (list) == 0)
        byline_block_unref (list);
      else
        add_block (w, list);
    }
  else if (byline_html_is_element (element, "blockquote"))
    {
      walk_quote (w, element);
    }
  else if (byline_html_is_element (element, "figure") || byline_html_is_element (element, "img"))
    {
      BylineBlock *figure = NULL;

      /* Classic figures carry classes and sizes the model does not hold. */
      if (!strict)
        figure = byline_html_read_figure (element, w->flags);
      if (figure != NULL)
        add_block (w, figure);
      else if (strict)
        add_raw_nodes (w, &element, 1);
      else
        walk_children (w, element, depth + 1);
    }
  else if (byline_html_is_element (element, "hr"))
    {
      if (strict && element->properties != NULL)
        add_raw_nodes (w, &element, 1);
      else
        add_block (w, byline_block_new_separator ());
    }
  else if (byline_html_is_element (element, "pre") && !strict)
    {
      BylineInline *text = byline_inline_new (NULL);

      byline_html_read_inline (element, w->flags, text);
      add_text_block (w, text, 0);
    }
  else if (byline_html_is_element (element, "html") || byline_html_is_element (element, "body") ||
           !strict)
    {
      /* Containers (div, section, table, …) of a paste: only their content
       * counts. */
      walk_children (w, element, depth + 1);
      flush_all (w);
    }
  else
    {
      add_raw_nodes (w, &element, 1);
    }
}

static void
walk_children (Walker  *w,
               xmlNode *parent,
               guint    depth)
{
  if (depth > MAX_DEPTH)
    return;

  for (xmlNode *child = parent->children, *next; child != NULL; child = next)
    {
      next = child->next;

      switch (child->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (w->flags & BYLINE_HTML_AUTOP)
            walk_autop_text (w, child);
          else
            g_ptr_array_add (w->run, child);
          break;

        case XML_ELEMENT_NODE:
          if (!is_block_element (child) && (is_strict (w) || !contains_block (child)))
            {
              g_ptr_array_add (w->run, child);
              break;
            }
          flush_run (w);
          walk_block (w, child, depth);
          break;

        case XML_COMMENT_NODE:
          /* <!--more--> and <!--nextpage--> mean something in classic
           * posts; in a paste, comments are Office's conditional blocks. */
          if (is_strict (w))
            {
              flush_all (w);
              add_raw_nodes (w, &child, 1);
            }
          break;

        default:
          break;
        }
    }
}

/**
 * byline_html_read_blocks:
 * @html: HTML, valid UTF-8
 * @length: its length in bytes
 * @flags: %BYLINE_HTML_STRICT | %BYLINE_HTML_AUTOP for classic content,
 *   %BYLINE_HTML_PASTE for a paste
 * @error: return location for a #GError
 *
 * Reads a whole HTML fragment into blocks.
 *
 * Returns: (transfer container) (element-type BylineBlock) (nullable): the
 *   blocks, or %NULL with %BYLINE_ERROR_PARSE when the HTML is nested
 *   deeper than libxml2 reads
 */
GPtrArray *
byline_html_read_blocks (const char       *html,
                         gsize             length,
                         BylineHtmlFlags   flags,
                         GError          **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) run = g_ptr_array_new ();
  g_autoptr(GArray) word_items = g_array_new (FALSE, FALSE, sizeof (WordItem));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeNode);
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  Walker w = { flags, NULL, blocks, run, word_items, owned };
  xmlNode *body;

  g_array_set_clear_func (word_items, word_item_clear);

  doc = byline_html_parse (html, length, NULL, error);
  if (doc == NULL)
    {
      g_ptr_array_unref (blocks);
      return NULL;
    }

  w.doc = doc;
  body = byline_html_get_body (doc);
  if (body != NULL)
    {
      walk_children (&w, body, 0);
      flush_all (&w);
    }

  return blocks;
}

/**
 * byline_html_to_text:
 * @html: HTML from elsewhere (a rendered comment, a post's title)
 *
 * Reads HTML as a paste is read (scripts, styles and unknown elements
 * dropped, entities decoded) and keeps only its text: paragraphs
 * separated by a blank line, line breaks kept. The result is safe to show
 * as text; nothing in it is markup.
 *
 * Returns: (transfer full): the text, "" when there is none (or the HTML
 *   is nested deeper than libxml2 reads)
 */
char *
byline_html_to_text (const char *html)
{
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;
  GString *text;

  g_return_val_if_fail (html != NULL, NULL);

  blocks = byline_html_read_blocks (html, strlen (html), BYLINE_HTML_PASTE, &error);
  if (blocks == NULL)
    {
      g_debug ("HTML could not be read as text: %s", error->message);
      return g_strdup ("");
    }

  text = g_string_new (NULL);
  for (guint i = 0; i < blocks->len; i++)
    {
      g_autofree char *part = byline_block_get_plain_text (g_ptr_array_index (blocks, i));

      g_strstrip (part);
      if (*part == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, part);
    }

  return g_string_free (text, FALSE);
}
