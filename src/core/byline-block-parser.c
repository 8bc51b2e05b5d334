/* byline-block-parser.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * WordPress block markup into the article model.
 *
 * Tokenizer. Block delimiters are found exactly as WordPress's own parsers
 * (wp-includes/class-wp-block-parser.php and its JavaScript twin) find
 * them, whose single regular expression is
 *
 *   <!--\s+(/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+({…}\s+)?(/)?-->
 *
 * where the attributes run from "{" to the first "}" followed by
 * whitespace, an optional "/" and "-->" (so "-->" inside a JSON string
 * does not end them). Whitespace is PCRE's \s: space, tab, LF, VT, FF, CR.
 * Anything else between blocks is freeform HTML. Here the scan is written
 * out by hand: linear time, and the search for the end of the attributes
 * is remembered between candidates so hostile input stays linear too.
 *
 * Tree. As in WordPress: a closer closes the innermost open block whatever
 * its name; a closer with no open block turns the rest of the document into
 * freeform HTML; blocks still open at the end run to the end of the
 * document. The tree is built with an explicit stack, so nesting depth
 * costs memory, never C stack.
 *
 * Model. Paragraphs, headings, lists (6.1 list-item blocks, and the older
 * <ul><li> form), quotes, images and separators become model blocks when
 * everything in their attributes and HTML has a place in the model. When
 * something does not — an alignment, a class, colours, a drop cap, an
 * anchor, a link around an image, a custom size, a comment, an unknown
 * element — the whole block is kept raw, byte for byte, so editing the
 * article can never drop it. So are unknown blocks, void blocks, blocks
 * with invalid attribute JSON, unclosed blocks and freeform HTML between
 * blocks (shown as a classic block). Block classes that newer editors add
 * by default (wp-block-paragraph, wp-block-heading, wp-block-list…) are
 * not counted as something to keep: the 6.1 form written instead is what
 * those editors accept and migrate silently.
 *
 * Classic content. A document without any block delimiter is an older
 * post and is converted the way WordPress displays it (wpautop(): blank
 * lines end paragraphs, newlines are line breaks); each element the model
 * cannot hold (a table, a styled paragraph, <!--more-->…) becomes a raw
 * classic block, as libxml2 writes it back. A classic post libxml2 cannot
 * read whole (an unterminated comment, nesting deeper than 256) is kept
 * raw as it is. Unlike block markup, classic content is not written back
 * byte for byte: it comes back as blocks.
 *
 * Every top-level block keeps its source: the exact bytes it was parsed
 * from, preceded by the whitespace that stood before it (and, for the last
 * block, followed by the whitespace after it). An unchanged article is thus
 * written back byte for byte; raw blocks whose surroundings are the usual
 * blank line need no source beside their markup.
 */

#define G_LOG_DOMAIN "byline-markup"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/HTMLtree.h>

#include "byline-block-parser.h"
#include "byline-error.h"
#include "byline-html-reader.h"

/* The comment standing in for inner blocks when a block's own HTML is
 * parsed (its innerContent with the inner blocks cut out). */
#define INNER_MARKER "byline:inner"
#define INNER_MARKER_HTML "<!--" INNER_MARKER "-->"

/* PHP's json_decode() gives up at 512 levels; attributes nest a few. */
#define MAX_JSON_DEPTH 512

/* ---- tokenizer --------------------------------------------------------- */

struct _BylineBlockTokenizer
{
  const char *doc;
  gsize       length;
  gsize       offset;

  /* No attribute end lies in [attrs_from, attrs_end); attrs_end is the next
   * one, or the document's length when there is none. */
  gboolean    attrs_cached;
  gsize       attrs_from;
  gsize       attrs_end;
};

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static inline gboolean
is_name_start (char c)
{
  return c >= 'a' && c <= 'z';
}

static inline gboolean
is_name_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

BylineBlockTokenizer *
byline_block_tokenizer_new (const char *document,
                            gsize       length)
{
  BylineBlockTokenizer *self;

  g_return_val_if_fail (document != NULL || length == 0, NULL);

  self = g_new0 (BylineBlockTokenizer, 1);
  self->doc = document;
  self->length = length;

  return self;
}

void
byline_block_tokenizer_free (BylineBlockTokenizer *self)
{
  g_free (self);
}

/* "/?-->" at @at: the offset after it, or 0. */
static gsize
match_end (BylineBlockTokenizer *self,
           gsize                 at,
           gboolean             *is_void)
{
  *is_void = at < self->length && self->doc[at] == '/';
  if (*is_void)
    at++;
  if (self->length - at < 3 || memcmp (self->doc + at, "-->", 3) != 0)
    return 0;
  return at + 3;
}

/* The first "}" at or after @from followed by \s+/?-->. */
static gsize
find_attrs_end (BylineBlockTokenizer *self,
                gsize                 from)
{
  gsize k = from;

  if (self->attrs_cached && from >= self->attrs_from && from <= self->attrs_end)
    return self->attrs_end;

  while (k < self->length)
    {
      const char *brace = memchr (self->doc + k, '}', self->length - k);
      gsize q;
      gboolean is_void;

      if (brace == NULL)
        {
          k = self->length;
          break;
        }
      k = brace - self->doc;
      for (q = k + 1; q < self->length && is_space (self->doc[q]); q++)
        ;
      if (q > k + 1 && match_end (self, q, &is_void) != 0)
        break;
      k++;
    }

  self->attrs_cached = TRUE;
  self->attrs_from = from;
  self->attrs_end = MIN (k, self->length);

  return self->attrs_end;
}

static gboolean
match_delimiter (BylineBlockTokenizer *self,
                 gsize                 start,
                 BylineBlockToken     *token)
{
  const char *doc = self->doc;
  gsize length = self->length;
  gsize r = start + 4, s;
  gboolean closer, is_void;

  for (s = r; r < length && is_space (doc[r]); r++)
    ;
  if (r == s)
    return FALSE;

  closer = r < length && doc[r] == '/';
  if (closer)
    r++;
  if (length - r < 3 || memcmp (doc + r, "wp:", 3) != 0)
    return FALSE;
  r += 3;

  if (r >= length || !is_name_start (doc[r]))
    return FALSE;
  token->namespace_start = -1;
  token->name_start = r;
  while (r < length && is_name_char (doc[r]))
    r++;
  if (r < length && doc[r] == '/')
    {
      if (r + 1 >= length || !is_name_start (doc[r + 1]))
        return FALSE;
      token->namespace_start = token->name_start;
      token->name_start = ++r;
      while (r < length && is_name_char (doc[r]))
        r++;
    }
  token->name_length = r - token->name_start;

  for (s = r; r < length && is_space (doc[r]); r++)
    ;
  if (r == s)
    return FALSE;

  token->attrs_start = -1;
  token->attrs_length = 0;
  if (r < length && doc[r] == '{')
    {
      gsize k = find_attrs_end (self, r + 1);

      if (k >= length)
        return FALSE;
      token->attrs_start = r;
      token->attrs_length = k + 1 - r;
      for (r = k + 1; r < length && is_space (doc[r]); r++)
        ;
    }

  token->end = match_end (self, r, &is_void);
  if (token->end == 0)
    return FALSE;

  token->start = start;
  /* A closer with attributes or a slash is still a closer, as in WordPress. */
  if (closer)
    token->kind = BYLINE_BLOCK_TOKEN_CLOSER;
  else if (is_void)
    token->kind = BYLINE_BLOCK_TOKEN_VOID;
  else
    token->kind = BYLINE_BLOCK_TOKEN_OPENER;

  return TRUE;
}

/**
 * byline_block_tokenizer_next:
 * @self: a tokenizer
 * @token: (out caller-allocates): the next delimiter
 *
 * Returns: %FALSE when there are no more block delimiters
 */
gboolean
byline_block_tokenizer_next (BylineBlockTokenizer *self,
                             BylineBlockToken     *token)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  while (self->offset + 4 <= self->length)
    {
      const char *found = memchr (self->doc + self->offset, '<', self->length - self->offset);
      gsize start;

      if (found == NULL)
        break;
      start = found - self->doc;
      if (self->length - start >= 4 && memcmp (found, "<!--", 4) == 0 &&
          match_delimiter (self, start, token))
        {
          self->offset = token->end;
          return TRUE;
        }
      self->offset = start + 1;
    }

  self->offset = self->length;
  return FALSE;
}

/* ---- tree -------------------------------------------------------------- */

typedef struct
{
  gsize  start;            /* the opener's "<!--" */
  gsize  content_start;    /* after the opener */
  gsize  content_end;      /* the closer's "<!--", or the end of the document */
  gsize  end;              /* after the closer */
  gssize leading_start;    /* freeform HTML before a top-level block, or -1 */
  gssize namespace_start;
  gsize  name_start;
  gsize  name_length;
  gssize attrs_start;
  gsize  attrs_length;
  int    first_child;
  int    last_child;
  int    next_sibling;
  guint  closed : 1;
  guint  is_void : 1;
  guint  mismatched : 1;   /* closed by a closer of another name */
} Node;

typedef struct
{
  gsize start;
  gsize end;
  int   node;              /* -1 for freeform HTML */
} Item;

typedef struct
{
  const char *doc;
  gsize       length;
  GArray     *nodes;       /* Node */
  GArray     *items;       /* Item: the top level */
  JsonParser *json;        /* reused for every block's attributes */
  htmlParserCtxt *html;    /* reused for every block's HTML */
} Parser;

#define NODE(p, i) (&g_array_index ((p)->nodes, Node, (i)))

static void
add_item (Parser *p,
          gsize   start,
          gsize   end,
          int     node)
{
  Item item = { start, end, node };

  if (node < 0 && start >= end)
    return;
  g_array_append_val (p->items, item);
}

static int
add_node (Parser                 *p,
          const BylineBlockToken *token)
{
  Node node = { 0, };

  node.start = token->start;
  node.content_start = node.content_end = node.end = token->end;
  node.leading_start = -1;
  node.namespace_start = token->namespace_start;
  node.name_start = token->name_start;
  node.name_length = token->name_length;
  node.attrs_start = token->attrs_start;
  node.attrs_length = token->attrs_length;
  node.first_child = node.last_child = node.next_sibling = -1;
  g_array_append_val (p->nodes, node);

  return p->nodes->len - 1;
}

static void
add_child (Parser *p,
           int     parent,
           int     child)
{
  Node *n = NODE (p, parent);

  if (n->last_child >= 0)
    NODE (p, n->last_child)->next_sibling = child;
  else
    n->first_child = child;
  n->last_child = child;
}

/* The full name, "core/paragraph" for "wp:paragraph". */
static char *
node_name (Parser     *p,
           const Node *n)
{
  if (n->namespace_start < 0)
    return g_strdup_printf ("core/%.*s", (int) n->name_length, p->doc + n->name_start);
  return g_strndup (p->doc + n->namespace_start,
                    n->name_start + n->name_length - n->namespace_start);
}

static gboolean
same_name (Parser                 *p,
           const Node             *n,
           const BylineBlockToken *closer)
{
  Node other = { 0, };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  other.namespace_start = closer->namespace_start;
  other.name_start = closer->name_start;
  other.name_length = closer->name_length;
  a = node_name (p, n);
  b = node_name (p, &other);

  return g_str_equal (a, b);
}

/* Ends the block on top of the stack at @content_end / @end. */
static void
close_top (Parser *p,
           GArray *stack,
           gsize   content_end,
           gsize   end,
           gboolean closed)
{
  int index = g_array_index (stack, int, stack->len - 1);
  Node *n = NODE (p, index);

  g_array_set_size (stack, stack->len - 1);
  n->content_end = content_end;
  n->end = end;
  n->closed = closed;

  if (stack->len > 0)
    {
      add_child (p, g_array_index (stack, int, stack->len - 1), index);
    }
  else
    {
      if (n->leading_start >= 0)
        add_item (p, n->leading_start, n->start, -1);
      add_item (p, n->start, n->end, index);
    }
}

/* Builds the block tree the way WP_Block_Parser::proceed() does. Returns
 * whether any delimiter was found. */
static gboolean
build_tree (Parser *p)
{
  g_autoptr(BylineBlockTokenizer) tokenizer = byline_block_tokenizer_new (p->doc, p->length);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  BylineBlockToken token;
  gboolean any = FALSE;
  gsize offset = 0;

  while (byline_block_tokenizer_next (tokenizer, &token))
    {
      gssize leading = token.start > offset ? (gssize) offset : -1;
      int index;

      any = TRUE;
      switch (token.kind)
        {
        case BYLINE_BLOCK_TOKEN_VOID:
          index = add_node (p, &token);
          NODE (p, index)->closed = TRUE;
          NODE (p, index)->is_void = TRUE;
          if (stack->len == 0)
            {
              if (leading >= 0)
                add_item (p, leading, token.start, -1);
              add_item (p, token.start, token.end, index);
            }
          else
            {
              add_child (p, g_array_index (stack, int, stack->len - 1), index);
            }
          break;

        case BYLINE_BLOCK_TOKEN_OPENER:
          index = add_node (p, &token);
          NODE (p, index)->leading_start = leading;
          g_array_append_val (stack, index);
          break;

        case BYLINE_BLOCK_TOKEN_CLOSER:
          if (stack->len == 0)
            {
              /* A closer without an opener: WordPress gives up and keeps
               * the rest as freeform HTML. */
              add_item (p, offset, p->length, -1);
              return TRUE;
            }
          index = g_array_index (stack, int, stack->len - 1);
          if (!same_name (p, NODE (p, index), &token))
            NODE (p, index)->mismatched = TRUE;
          close_top (p, stack, token.start, token.end, TRUE);
          break;

        default:
          g_assert_not_reached ();
        }

      offset = token.end;
    }

  if (stack->len == 0)
    add_item (p, offset, p->length, -1);
  while (stack->len > 0)
    close_top (p, stack, p->length, p->length, FALSE);

  return any;
}

/* ---- blocks into the model --------------------------------------------- */

static gboolean
node_is (Parser     *p,
         const Node *n,
         const char *core_name)
{
  gsize len = strlen (core_name);

  if (n->namespace_start >= 0 &&
      (n->name_start - n->namespace_start != 5 ||
       memcmp (p->doc + n->namespace_start, "core/", 5) != 0))
    return FALSE;

  return n->name_length == len && memcmp (p->doc + n->name_start, core_name, len) == 0;
}

/* Nesting of the attribute JSON, counted outside strings. */
static gboolean
json_depth_ok (const char *text,
               gsize       length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* The block's attributes, parsed with json-glib: %FALSE when they are not
 * valid JSON (the block is then kept raw); *attrs is %NULL when there are
 * none. */
static gboolean
read_attrs (Parser      *p,
            const Node  *n,
            JsonNode   **attrs)
{
  const char *text = p->doc + n->attrs_start;
  JsonNode *root;

  *attrs = NULL;
  if (n->attrs_start < 0)
    return TRUE;

  if (!json_depth_ok (text, n->attrs_length) ||
      !json_parser_load_from_data (p->json, text, n->attrs_length, NULL))
    return FALSE;

  root = json_parser_steal_root (p->json);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      return FALSE;
    }

  if (json_object_get_size (json_node_get_object (root)) == 0)
    json_node_unref (root);
  else
    *attrs = root;

  return TRUE;
}

static gboolean
attrs_only (JsonNode           *attrs,
            const char * const *allowed)
{
  JsonObjectIter iter;
  const char *name;

  if (attrs == NULL)
    return TRUE;

  json_object_iter_init (&iter, json_node_get_object (attrs));
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (allowed, name))
      return FALSE;

  return TRUE;
}

static JsonNode *
attr (JsonNode   *attrs,
      const char *name)
{
  if (attrs == NULL)
    return NULL;
  return json_object_get_member (json_node_get_object (attrs), name);
}

static gboolean
attr_is_string (JsonNode *value)
{
  return value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
         json_node_get_value_type (value) == G_TYPE_STRING;
}

static gboolean
attr_is_int (JsonNode *value)
{
  return value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
         json_node_get_value_type (value) == G_TYPE_INT64;
}

/* Whether a block can be read at all: closed by its own closer, not void,
 * attributes valid. */
static gboolean
node_readable (Parser      *p,
               const Node  *n,
               JsonNode   **attrs)
{
  return n->closed && !n->is_void && !n->mismatched && read_attrs (p, n, attrs);
}

/* The block's own HTML (its inner blocks replaced by marker comments),
 * parsed. */
static htmlDocPtr
parse_inner (Parser     *p,
             const Node *n)
{
  g_autoptr(GString) html = NULL;
  gsize pos = n->content_start;

  if (n->first_child < 0)
    return byline_html_parse (p->doc + n->content_start, n->content_end - n->content_start,
                              p->html, NULL);

  html = g_string_new (NULL);
  for (int c = n->first_child; c >= 0; c = NODE (p, c)->next_sibling)
    {
      const Node *child = NODE (p, c);

      g_string_append_len (html, p->doc + pos, child->start - pos);
      g_string_append (html, INNER_MARKER_HTML);
      pos = child->end;
    }
  g_string_append_len (html, p->doc + pos, n->content_end - pos);

  return byline_html_parse (html->str, html->len, p->html, NULL);
}

/* The one element in @body (whitespace aside), if it is named @name. */
static xmlNode *
single_element (htmlDocPtr  doc,
                const char *name)
{
  xmlNode *body = doc != NULL ? byline_html_get_body (doc) : NULL;
  xmlNode *found = NULL;

  if (body == NULL)
    return NULL;

  for (xmlNode *child = body->children; child != NULL; child = child->next)
    {
      if (byline_html_is_blank (child))
        continue;
      if (found != NULL || !byline_html_is_element (child, name))
        return NULL;
      found = child;
    }

  return found;
}

static gboolean
is_marker (const xmlNode *node)
{
  return node != NULL && node->type == XML_COMMENT_NODE &&
         g_strcmp0 ((const char *) node->content, INNER_MARKER) == 0;
}

static BylineInline *
read_text_element (xmlNode    *element,
                   const char *default_class)
{
  g_autoptr(BylineInline) text = byline_inline_new (NULL);

  if (!byline_html_has_class_only (element, default_class) ||
      !byline_html_read_inline (element, BYLINE_HTML_STRICT, text))
    return NULL;
  byline_inline_strip (text);

  return g_steal_pointer (&text);
}

static BylineInline *
convert_paragraph_text (Parser *p,
                        int     index)
{
  const Node *n = NODE (p, index);
  g_autoptr(JsonNode) attrs = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *element;

  if (!node_readable (p, n, &attrs) || attrs != NULL || n->first_child >= 0)
    return NULL;

  doc = parse_inner (p, n);
  element = single_element (doc, "p");
  if (element == NULL)
    return NULL;

  return read_text_element (element, "wp-block-paragraph");
}

static BylineBlock *
convert_heading (Parser *p,
                 int     index)
{
  static const char * const allowed[] = { "level", NULL };
  static const char * const tags[] = { NULL, "h1", "h2", "h3", "h4", "h5", "h6" };
  const Node *n = NODE (p, index);
  g_autoptr(JsonNode) attrs = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  JsonNode *level_node;
  BylineInline *text;
  gint64 level = 2;
  xmlNode *element;

  if (!node_readable (p, n, &attrs) || !attrs_only (attrs, allowed) || n->first_child >= 0)
    return NULL;

  level_node = attr (attrs, "level");
  if (level_node != NULL)
    {
      if (!attr_is_int (level_node))
        return NULL;
      level = json_node_get_int (level_node);
      if (level < 1 || level > 6)
        return NULL;
    }

  doc = parse_inner (p, n);
  element = single_element (doc, tags[level]);
  if (element == NULL)
    return NULL;

  text = read_text_element (element, "wp-block-heading");
  if (text == NULL)
    return NULL;

  return byline_block_new_heading (level, text);
}

static BylineBlock *
convert_separator (Parser *p,
                   int     index)
{
  static const char * const allowed[] = { "opacity", NULL };
  static const char * const class_only[] = { "class", NULL };
  const Node *n = NODE (p, index);
  g_autoptr(JsonNode) attrs = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *klass = NULL;
  g_auto(GStrv) tokens = NULL;
  JsonNode *opacity;
  gboolean has_block_class = FALSE, has_opacity_class = FALSE;
  xmlNode *element;

  if (!node_readable (p, n, &attrs) || !attrs_only (attrs, allowed) || n->first_child >= 0)
    return NULL;

  opacity = attr (attrs, "opacity");
  if (opacity != NULL &&
      (!attr_is_string (opacity) || g_strcmp0 (json_node_get_string (opacity), "alpha-channel") != 0))
    return NULL;

  doc = parse_inner (p, n);
  element = single_element (doc, "hr");
  if (element == NULL || element->children != NULL)
    return NULL;

  for (xmlAttr *a = element->properties; a != NULL; a = a->next)
    if (!g_strv_contains (class_only, (const char *) a->name))
      return NULL;

  klass = (char *) xmlGetProp (element, BAD_CAST "class");
  tokens = g_strsplit_set (klass != NULL ? klass : "", " \t\n\r\f", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (*tokens[i] == '\0')
        continue;
      if (g_str_equal (tokens[i], "wp-block-separator"))
        has_block_class = TRUE;
      else if (g_str_equal (tokens[i], "has-alpha-channel-opacity"))
        has_opacity_class = TRUE;
      else
        return NULL;
    }
  if (!has_block_class || !has_opacity_class)
    return NULL;

  return byline_block_new_separator ();
}

static BylineBlock *
convert_image (Parser *p,
               int     index)
{
  static const char * const allowed[] = { "id", "sizeSlug", "linkDestination", "align", NULL };
  static const char * const class_only[] = { "class", NULL };
  const Node *n = NODE (p, index);
  g_autoptr(JsonNode) attrs = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(BylineBlock) figure = NULL;
  g_autofree char *klass = NULL;
  g_autofree char *align_class = NULL;
  g_autofree char *size_class = NULL;
  g_auto(GStrv) tokens = NULL;
  JsonNode *id, *size, *link, *align;
  BylineAlign align_value = BYLINE_ALIGN_NONE;
  gboolean has_block_class = FALSE, has_align_class = FALSE, has_size_class = FALSE;
  gint64 media_id = 0;
  xmlNode *element;

  if (!node_readable (p, n, &attrs) || !attrs_only (attrs, allowed) || n->first_child >= 0)
    return NULL;

  id = attr (attrs, "id");
  size = attr (attrs, "sizeSlug");
  link = attr (attrs, "linkDestination");
  align = attr (attrs, "align");
  if (id != NULL && (!attr_is_int (id) || (media_id = json_node_get_int (id)) <= 0))
    return NULL;
  if (size != NULL && (!attr_is_string (size) || *json_node_get_string (size) == '\0'))
    return NULL;
  if (link != NULL && (!attr_is_string (link) || !g_str_equal (json_node_get_string (link), "none")))
    return NULL;
  if (align != NULL &&
      (!attr_is_string (align) || !byline_align_from_string (json_node_get_string (align), &align_value) ||
       align_value == BYLINE_ALIGN_NONE))
    return NULL;

  doc = parse_inner (p, n);
  element = single_element (doc, "figure");
  if (element == NULL)
    return NULL;

  /* The figure's classes must say what the attributes say, nothing more. */
  for (xmlAttr *a = element->properties; a != NULL; a = a->next)
    if (!g_strv_contains (class_only, (const char *) a->name))
      return NULL;
  if (align_value != BYLINE_ALIGN_NONE)
    align_class = g_strconcat ("align", byline_align_to_string (align_value), NULL);
  if (size != NULL)
    size_class = g_strconcat ("size-", json_node_get_string (size), NULL);
  klass = (char *) xmlGetProp (element, BAD_CAST "class");
  tokens = g_strsplit_set (klass != NULL ? klass : "", " \t\n\r\f", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (*tokens[i] == '\0' || g_str_equal (tokens[i], "has-caption"))
        continue;
      if (g_str_equal (tokens[i], "wp-block-image"))
        has_block_class = TRUE;
      else if (g_strcmp0 (tokens[i], align_class) == 0)
        has_align_class = TRUE;
      else if (g_strcmp0 (tokens[i], size_class) == 0)
        has_size_class = TRUE;
      else
        return NULL;
    }
  if (!has_block_class || has_align_class != (align_class != NULL) ||
      has_size_class != (size_class != NULL))
    return NULL;

  figure = byline_html_read_figure (element, BYLINE_HTML_STRICT);
  if (figure == NULL || byline_block_get_media_id (figure) != media_id)
    return NULL;

  byline_block_set_align (figure, align_value);
  byline_block_set_size_slug (figure, size != NULL ? json_node_get_string (size) : NULL);

  return g_steal_pointer (&figure);
}

static BylineBlock *convert_list (Parser *p, int index, guint depth);

static BylineListItem *
convert_list_item (Parser *p,
                   int     index,
                   guint   depth)
{
  const Node *n = NODE (p, index);
  g_autoptr(JsonNode) attrs = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(BylineInline) text = NULL;
  g_autoptr(BylineBlock) sublist = NULL;
  xmlNode *li, *last;

  if (!node_is (p, n, "list-item") || !node_readable (p, n, &attrs) || attrs != NULL)
    return NULL;
  /* An item holds text and at most one nested list block. */
  if (n->first_child >= 0 &&
      (n->first_child != n->last_child || !node_is (p, NODE (p, n->first_child), "list")))
    return NULL;

  doc = parse_inner (p, n);
  li = single_element (doc, "li");
  if (li == NULL)
    return NULL;

  if (n->first_child >= 0)
    {
      for (last = li->last; byline_html_is_blank (last); last = last->prev)
        ;
      if (!is_marker (last))
        return NULL;
      xmlUnlinkNode (last);
      xmlFreeNode (last);
      sublist = convert_list (p, n->first_child, depth + 1);
      if (sublist == NULL)
        return NULL;
    }

  text = read_text_element (li, "wp-block-list-item");
  if (text == NULL)
    return NULL;

  return byline_list_item_new (g_steal_pointer (&text), g_steal_pointer (&sublist));
}

static BylineBlock *
convert_list (Parser *p,
              int     index,
              guint   depth)
{
  static const char * const allowed[] = { "ordered", NULL };
  const Node *n = NODE (p, index);
  g_autoptr(JsonNode) attrs = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(BylineBlock) list = NULL;
  JsonNode *ordered_node;
  gboolean ordered = FALSE;
  xmlNode *element;
  int child;

  if (depth >= BYLINE_HTML_MAX_LIST_DEPTH || !node_is (p, n, "list") ||
      !node_readable (p, n, &attrs) || !attrs_only (attrs, allowed))
    return NULL;

  ordered_node = attr (attrs, "ordered");
  if (ordered_node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (ordered_node) ||
          json_node_get_value_type (ordered_node) != G_TYPE_BOOLEAN)
        return NULL;
      ordered = json_node_get_boolean (ordered_node);
    }

  doc = parse_inner (p, n);
  element = single_element (doc, ordered ? "ol" : "ul");
  if (element == NULL)
    return NULL;

  /* The list form before WordPress 6.1: items as plain HTML. */
  if (n->first_child < 0)
    return byline_html_read_list (element, BYLINE_HTML_STRICT, depth);

  if (!byline_html_has_class_only (element, "wp-block-list"))
    return NULL;

  list = byline_block_new_list (ordered);
  child = n->first_child;
  for (xmlNode *c = element->children; c != NULL; c = c->next)
    {
      BylineListItem *item;

      if (byline_html_is_blank (c))
        continue;
      if (!is_marker (c) || child < 0)
        return NULL;
      item = convert_list_item (p, child, depth);
      if (item == NULL)
        return NULL;
      byline_block_append_item (list, item);
      child = NODE (p, child)->next_sibling;
    }
  if (child >= 0)
    return NULL;

  return g_steal_pointer (&list);
}

static BylineBlock *
convert_quote (Parser *p,
               int     index)
{
  const Node *n = NODE (p, index);
  g_autoptr(JsonNode) attrs = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(BylineBlock) quote = NULL;
  g_autofree char *klass = NULL;
  xmlNode *element;
  gboolean cited = FALSE;
  int child;

  if (!node_readable (p, n, &attrs) || attrs != NULL)
    return NULL;

  doc = parse_inner (p, n);
  element = single_element (doc, "blockquote");
  if (element == NULL || !byline_html_has_class_only (element, "wp-block-quote"))
    return NULL;
  klass = (char *) xmlGetProp (element, BAD_CAST "class");
  if (klass == NULL)
    return NULL;

  quote = byline_block_new_quote ();
  child = n->first_child;
  for (xmlNode *c = element->children; c != NULL; c = c->next)
    {
      BylineInline *text;

      if (byline_html_is_blank (c))
        continue;
      /* The citation comes last. */
      if (cited)
        return NULL;

      if (is_marker (c))
        {
          if (child < 0 || !node_is (p, NODE (p, child), "paragraph"))
            return NULL;
          text = convert_paragraph_text (p, child);
          child = NODE (p, child)->next_sibling;
          if (text == NULL)
            return NULL;
          byline_block_append_paragraph (quote, text);
        }
      else if (byline_html_is_element (c, "p"))
        {
          /* Quotes before 6.1 held their paragraphs as plain HTML. */
          text = read_text_element (c, "wp-block-paragraph");
          if (text == NULL)
            return NULL;
          byline_block_append_paragraph (quote, text);
        }
      else if (byline_html_is_element (c, "cite"))
        {
          text = read_text_element (c, NULL);
          if (text == NULL)
            return NULL;
          /* An empty <cite> is no citation (and is not written back). */
          if (byline_inline_is_empty (text))
            byline_inline_free (text);
          else
            byline_block_set_citation (quote, text);
          cited = TRUE;
        }
      else
        {
          return NULL;
        }
    }
  if (child >= 0)
    return NULL;

  return g_steal_pointer (&quote);
}

/* The model block for a top-level block, or %NULL to keep it raw. */
static BylineBlock *
convert_block (Parser *p,
               int     index)
{
  const Node *n = NODE (p, index);

  if (node_is (p, n, "paragraph"))
    {
      BylineInline *text = convert_paragraph_text (p, index);

      return text != NULL ? byline_block_new_paragraph (text) : NULL;
    }
  if (node_is (p, n, "heading"))
    return convert_heading (p, index);
  if (node_is (p, n, "list"))
    return convert_list (p, index, 0);
  if (node_is (p, n, "quote"))
    return convert_quote (p, index);
  if (node_is (p, n, "image"))
    return convert_image (p, index);
  if (node_is (p, n, "separator"))
    return convert_separator (p, index);

  return NULL;
}

static gboolean
is_blank_range (const char *text,
                gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!is_space (text[i]))
      return FALSE;
  return TRUE;
}

typedef struct
{
  BylineBlock *block;
  gsize        source_start;   /* including the whitespace before the block */
  gsize        start;          /* the block itself */
  gsize        end;
} Placed;

static void
set_sources (Parser *p,
             GArray *placed)
{
  for (guint i = 0; i < placed->len; i++)
    {
      Placed *pl = &g_array_index (placed, Placed, i);
      gsize end = i + 1 == placed->len ? p->length : pl->end;
      const char *usual = i == 0 ? "" : "\n\n";
      gsize leading = pl->start - pl->source_start;

      /* A raw block already holds its bytes; it needs a source only when
       * what surrounds it is not the usual blank line. */
      if (byline_block_get_kind (pl->block) == BYLINE_BLOCK_RAW && end == pl->end &&
          leading == strlen (usual) && memcmp (p->doc + pl->source_start, usual, leading) == 0)
        continue;

      byline_block_set_source (pl->block, p->doc + pl->source_start, end - pl->source_start);
    }
}

static gboolean
has_unterminated_comment (const char *doc,
                          gsize       length)
{
  gsize i = 0;

  while (i + 4 <= length)
    {
      const char *lt = memchr (doc + i, '<', length - i);
      const char *end;

      if (lt == NULL)
        return FALSE;
      i = lt - doc;
      if (length - i < 4 || memcmp (lt, "<!--", 4) != 0)
        {
          i++;
          continue;
        }
      end = g_strstr_len (lt + 4, length - i - 4, "-->");
      if (end == NULL)
        return TRUE;
      i = end - doc + 3;
    }

  return FALSE;
}

static GPtrArray *
parse_classic (Parser *p)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *blocks;
  gsize start = 0, end = p->length;

  /* An unterminated comment hides the rest of the post from any HTML
   * parser; libxml2 would drop it, so such a post is kept as it is. */
  if (!has_unterminated_comment (p->doc, p->length))
    {
      blocks = byline_html_read_blocks (p->doc, p->length, BYLINE_HTML_STRICT | BYLINE_HTML_AUTOP,
                                        &error);
      if (blocks != NULL)
        return blocks;
      /* Too deep for libxml2: kept as it is. */
      g_debug ("classic content kept raw: %s", error->message);
    }

  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  while (start < end && is_space (p->doc[start]))
    start++;
  while (end > start && is_space (p->doc[end - 1]))
    end--;
  g_ptr_array_add (blocks, byline_block_new_raw (NULL, p->doc + start, end - start));
  if (start > 0 || end < p->length)
    byline_block_set_source (g_ptr_array_index (blocks, 0), p->doc, p->length);

  return blocks;
}

/**
 * byline_markup_parse_blocks:
 * @markup: WordPress post content: block markup, or classic HTML
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Parses post content into blocks (see the top of this file for what
 * becomes a model block and what stays raw). Fails with
 * %BYLINE_ERROR_INVALID_INPUT for content that is not UTF-8 (or holds NUL
 * bytes) or is larger than %BYLINE_MARKUP_MAX_LENGTH.
 *
 * Returns: (transfer container) (element-type BylineBlock) (nullable): the
 *   blocks
 */
GPtrArray *
byline_markup_parse_blocks (const char  *markup,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr(JsonParser) json = NULL;
  g_autoptr(htmlParserCtxt) html = NULL;
  GPtrArray *blocks;
  Parser p = { markup, length, nodes, items, NULL, NULL };
  const char *invalid = NULL;
  gsize cursor = 0;

  g_return_val_if_fail (markup != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > BYLINE_MARKUP_MAX_LENGTH)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "post content of %" G_GSIZE_FORMAT " bytes is larger than the %d bytes accepted",
                   length, BYLINE_MARKUP_MAX_LENGTH);
      return NULL;
    }
  if (length > 0 && !g_utf8_validate_len (markup, length, &invalid))
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "post content is not valid UTF-8 (byte %" G_GSIZE_FORMAT ")",
                   (gsize) (invalid - markup));
      return NULL;
    }

  if (!build_tree (&p))
    {
      if (is_blank_range (markup, length))
        return g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
      return parse_classic (&p);
    }

  json = json_parser_new_immutable ();
  p.json = json;
  html = htmlNewParserCtxt ();
  p.html = html;
  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      Placed pl = { NULL, cursor, item->start, item->end };

      if (item->node < 0)
        {
          /* Freeform HTML between blocks: whitespace belongs to the next
           * block's source, anything else is a classic block. */
          if (is_blank_range (markup + item->start, item->end - item->start))
            continue;
          while (is_space (markup[pl.start]))
            pl.start++;
          while (is_space (markup[pl.end - 1]))
            pl.end--;
          pl.block = byline_block_new_raw (NULL, markup + pl.start, pl.end - pl.start);
        }
      else
        {
          pl.block = convert_block (&p, item->node);
          if (pl.block == NULL)
            {
              g_autofree char *name = node_name (&p, NODE (&p, item->node));

              pl.block = byline_block_new_raw (name, markup + item->start, item->end - item->start);
            }
        }

      g_ptr_array_add (blocks, pl.block);
      g_array_append_val (placed, pl);
      cursor = pl.end;
    }

  set_sources (&p, placed);

  return blocks;
}

/**
 * byline_markup_parse:
 * @markup: WordPress post content
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new article whose body holds the
 *   blocks of @markup (see byline_markup_parse_blocks())
 */
BylineArticle *
byline_markup_parse (const char  *markup,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(GPtrArray) blocks = NULL;
  BylineArticle *article;

  g_return_val_if_fail (markup != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  blocks = byline_markup_parse_blocks (markup, length, error);
  if (blocks == NULL)
    return NULL;

  article = byline_article_new (NULL);
  byline_article_set_blocks (article, blocks);

  return article;
}
