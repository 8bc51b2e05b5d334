/* byline-article-json.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The article JSON format, version 1: how a draft is stored on disk
 * (article.json in the draft's folder) and what `byline-cli convert --to
 * json` writes. Readers ignore members they do not know; a file whose
 * "format" is higher than theirs is refused rather than misread.
 *
 *   {
 *     "format": 1,
 *     "id": "5d0f…",                      local id (a UUID)
 *     "title": "…", "lead": "…",          headline and sapo, plain text, NFC
 *     "blocks": [ BLOCK, … ],             the body
 *     "categories": [ {"id": 3, "name": "Tin tức"} ],   id 0 = not on the portal yet
 *     "tags": [ "giảm nghèo" ],
 *     "featured_figure": "…" | null,      id of the figure used as featured photo
 *     "featured_media": 0,                portal media id when not one of the figures
 *     "slug": "…" | null,                 null = derived from the headline
 *     "date": "2023-11-15T01:00:00Z" | null,   null = when published
 *     "status": "none" | "draft" | "pending" | "publish" | "future" | "private",
 *     "modified": "2026-11-29T10:00:00.123Z",  last change of the content
 *     "remote": { "site": "…", "post_id": 12, "modified_gmt": "…",
 *                 "link": "…", "status": "pending",
 *                 "request": REQUEST? }   absent when not linked and nothing in flight
 *   }
 *
 * "site" is the REST root of the portal the post lives on (any account on
 * that portal may update it). REQUEST, present only while a request
 * creating or updating the post was sent and its answer is not recorded
 * (the publisher's exactly-once bookkeeping; added without a format
 * change, since older readers ignore it), is
 *   {"kind": "create" | "update", "sent": "2026-11-29T10:00:00Z",
 *    "digest": "…"}    the SHA-256 of the title, lead and content sent
 *
 * BLOCK is one of:
 *   {"type": "paragraph", "text": INLINE}
 *   {"type": "heading", "level": 1…6, "text": INLINE}
 *   {"type": "list", "ordered": false, "items": [ {"text": INLINE, "sublist": BLOCK?} ]}
 *   {"type": "quote", "paragraphs": [ INLINE ], "citation": INLINE?}
 *   {"type": "figure", "id": "…", "local_path": "photos/a.jpg"?, "media_id": 0,
 *    "url": "…"?, "caption": INLINE, "alt": "…"?, "credit": "…"?,
 *    "align": "none"|"left"|"center"|"right"|"wide"|"full", "size": "large",
 *    "upload_slug": "…"?}   present only while an upload of the photo was
 *                           sent with that media slug and its answer is not
 *                           recorded (bookkeeping like REQUEST above)
 *   {"type": "separator"}
 *   {"type": "raw", "name": "core/gallery" | null, "markup": "…"}
 * and any block may carry "source": the markup it was parsed from (with the
 * whitespace that stood before it, see byline-block-parser.c), written
 * back unchanged while the block is unchanged.
 *
 * INLINE is {"text": "…", "marks": [ {"type": "bold", "start": 0, "end": 4} ]}:
 * mark types bold, italic, strikethrough, superscript, subscript, link (with
 * "href", and "target" and "rel" when the link has them, e.g. "_blank" and
 * "noreferrer noopener" for WordPress's "open in new tab"); start and end
 * count Unicode characters (not bytes); a line break is "\n" in the text.
 */

#define G_LOG_DOMAIN "byline-model"

#include "config.h"

#include "byline-article-json.h"
#include "byline-error.h"

/* ---- writing ---------------------------------------------------------- */

static void
add_inline (JsonBuilder        *b,
            const BylineInline *inl)
{
  const char *text = byline_inline_get_text (inl);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "marks");
  json_builder_begin_array (b);
  for (guint i = 0; i < byline_inline_get_n_spans (inl); i++)
    {
      const BylineSpan *span = byline_inline_get_span (inl, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, byline_mark_kind_to_string (span->kind));
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, g_utf8_pointer_to_offset (text, text + span->start));
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, g_utf8_pointer_to_offset (text, text + span->end));
      if (span->href != NULL)
        {
          json_builder_set_member_name (b, "href");
          json_builder_add_string_value (b, span->href);
        }
      if (span->target != NULL)
        {
          json_builder_set_member_name (b, "target");
          json_builder_add_string_value (b, span->target);
        }
      if (span->rel != NULL)
        {
          json_builder_set_member_name (b, "rel");
          json_builder_add_string_value (b, span->rel);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_string_member (JsonBuilder *b,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void add_block (JsonBuilder *b, const BylineBlock *block);

static void
add_block (JsonBuilder       *b,
           const BylineBlock *block)
{
  BylineBlockKind kind = byline_block_get_kind (block);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, byline_block_kind_to_string (kind));

  switch (kind)
    {
    case BYLINE_BLOCK_PARAGRAPH:
      json_builder_set_member_name (b, "text");
      add_inline (b, byline_block_get_text (block));
      break;

    case BYLINE_BLOCK_HEADING:
      json_builder_set_member_name (b, "level");
      json_builder_add_int_value (b, byline_block_get_level (block));
      json_builder_set_member_name (b, "text");
      add_inline (b, byline_block_get_text (block));
      break;

    case BYLINE_BLOCK_LIST:
      json_builder_set_member_name (b, "ordered");
      json_builder_add_boolean_value (b, byline_block_get_ordered (block));
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      for (guint i = 0; i < byline_block_get_n_items (block); i++)
        {
          BylineListItem *item = byline_block_get_item (block, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "text");
          add_inline (b, byline_list_item_get_text (item));
          if (byline_list_item_get_sublist (item) != NULL)
            {
              json_builder_set_member_name (b, "sublist");
              add_block (b, byline_list_item_get_sublist (item));
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      break;

    case BYLINE_BLOCK_QUOTE:
      json_builder_set_member_name (b, "paragraphs");
      json_builder_begin_array (b);
      for (guint i = 0; i < byline_block_get_n_paragraphs (block); i++)
        add_inline (b, byline_block_get_paragraph (block, i));
      json_builder_end_array (b);
      if (byline_block_get_citation (block) != NULL)
        {
          json_builder_set_member_name (b, "citation");
          add_inline (b, byline_block_get_citation (block));
        }
      break;

    case BYLINE_BLOCK_FIGURE:
      add_string_member (b, "id", byline_block_get_figure_id (block));
      add_string_member (b, "local_path", byline_block_get_local_path (block));
      json_builder_set_member_name (b, "media_id");
      json_builder_add_int_value (b, byline_block_get_media_id (block));
      add_string_member (b, "url", byline_block_get_url (block));
      json_builder_set_member_name (b, "caption");
      add_inline (b, byline_block_get_caption (block));
      add_string_member (b, "alt", byline_block_get_alt (block));
      add_string_member (b, "credit", byline_block_get_credit (block));
      add_string_member (b, "align", byline_align_to_string (byline_block_get_align (block)));
      add_string_member (b, "size", byline_block_get_size_slug (block));
      if (byline_block_get_upload_slug (block) != NULL)
        add_string_member (b, "upload_slug", byline_block_get_upload_slug (block));
      break;

    case BYLINE_BLOCK_SEPARATOR:
      break;

    case BYLINE_BLOCK_RAW:
      add_string_member (b, "name", byline_block_get_raw_name (block));
      add_string_member (b, "markup", byline_block_get_raw_markup (block));
      break;

    default:
      g_assert_not_reached ();
    }

  if (byline_block_get_source (block) != NULL)
    add_string_member (b, "source", byline_block_get_source (block));

  json_builder_end_object (b);
}

static char *
format_date (GDateTime *date)
{
  return date != NULL ? g_date_time_format_iso8601 (date) : NULL;
}

/**
 * byline_article_to_json_node:
 * @article: an article
 *
 * Returns: (transfer full): @article in the article JSON format
 */
JsonNode *
byline_article_to_json_node (BylineArticle *article)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *date = NULL;
  g_autofree char *modified = NULL;
  GPtrArray *categories;
  const char * const *tags;

  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, BYLINE_ARTICLE_FORMAT);
  add_string_member (b, "id", byline_article_get_id (article));
  add_string_member (b, "title", byline_article_get_title (article));
  add_string_member (b, "lead", byline_article_get_lead (article));

  json_builder_set_member_name (b, "blocks");
  json_builder_begin_array (b);
  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    add_block (b, byline_article_get_block (article, i));
  json_builder_end_array (b);

  categories = byline_article_get_categories (article);
  json_builder_set_member_name (b, "categories");
  json_builder_begin_array (b);
  for (guint i = 0; i < categories->len; i++)
    {
      BylineTerm *term = g_ptr_array_index (categories, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, term->id);
      add_string_member (b, "name", term->name);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  tags = byline_article_get_tags (article);
  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (b, tags[i]);
  json_builder_end_array (b);

  add_string_member (b, "featured_figure", byline_article_get_featured_figure (article));
  json_builder_set_member_name (b, "featured_media");
  json_builder_add_int_value (b, byline_article_get_featured_media (article));
  add_string_member (b, "slug", byline_article_get_slug (article));
  date = format_date (byline_article_get_date (article));
  add_string_member (b, "date", date);
  add_string_member (b, "status", byline_post_status_to_string (byline_article_get_status (article)));
  modified = format_date (byline_article_get_modified (article));
  add_string_member (b, "modified", modified);

  if (byline_article_get_site (article) != NULL || byline_article_get_post_id (article) != 0 ||
      byline_article_get_post_request (article, NULL, NULL) != BYLINE_POST_REQUEST_NONE)
    {
      GDateTime *sent = NULL;
      const char *digest = NULL;
      BylinePostRequest request = byline_article_get_post_request (article, &sent, &digest);

      json_builder_set_member_name (b, "remote");
      json_builder_begin_object (b);
      add_string_member (b, "site", byline_article_get_site (article));
      json_builder_set_member_name (b, "post_id");
      json_builder_add_int_value (b, byline_article_get_post_id (article));
      add_string_member (b, "modified_gmt", byline_article_get_modified_gmt (article));
      add_string_member (b, "link", byline_article_get_link (article));
      add_string_member (b, "status",
                         byline_post_status_to_string (byline_article_get_remote_status (article)));
      if (request != BYLINE_POST_REQUEST_NONE)
        {
          g_autofree char *sent_text = format_date (sent);

          json_builder_set_member_name (b, "request");
          json_builder_begin_object (b);
          add_string_member (b, "kind", byline_post_request_to_string (request));
          add_string_member (b, "sent", sent_text);
          add_string_member (b, "digest", digest);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }

  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * byline_article_to_json:
 * @article: an article
 * @pretty: whether to indent
 * @length: (out) (optional): the length of the result
 *
 * Returns: (transfer full): @article in the article JSON format
 */
char *
byline_article_to_json (BylineArticle *article,
                        gboolean       pretty,
                        gsize         *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), NULL);

  root = byline_article_to_json_node (article);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 1);

  return json_generator_to_data (generator, length);
}

/* ---- reading ---------------------------------------------------------- */

typedef struct
{
  GError **error;
  gboolean failed;
} Reader;

G_GNUC_PRINTF (2, 3)
static void
reader_fail (Reader     *r,
             const char *format,
             ...)
{
  va_list args;

  if (r->failed)
    return;

  r->failed = TRUE;
  va_start (args, format);
  if (r->error != NULL)
    *r->error = g_error_new_valist (BYLINE_ERROR, BYLINE_ERROR_PARSE, format, args);
  va_end (args);
}

static JsonObject *
get_object (Reader     *r,
            JsonNode   *node,
            const char *what)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      reader_fail (r, "%s is not an object", what);
      return NULL;
    }
  return json_node_get_object (node);
}

/* A string member, NULL when absent or null; a failure when of another type. */
static const char *
get_string (Reader     *r,
            JsonObject *obj,
            const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      reader_fail (r, "member \"%s\" is not a string", name);
      return NULL;
    }
  return json_node_get_string (node);
}

static gint64
get_int (Reader     *r,
         JsonObject *obj,
         const char *name,
         gint64      fallback)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      reader_fail (r, "member \"%s\" is not an integer", name);
      return fallback;
    }
  return json_node_get_int (node);
}

static JsonArray *
get_array (Reader     *r,
           JsonObject *obj,
           const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      reader_fail (r, "member \"%s\" is not an array", name);
      return NULL;
    }
  return json_node_get_array (node);
}

static BylineInline *
read_inline (Reader   *r,
             JsonNode *node)
{
  JsonObject *obj = get_object (r, node, "inline text");
  g_autoptr(BylineInline) inl = NULL;
  JsonArray *marks;
  const char *text, *str;
  glong n_chars;

  if (obj == NULL)
    return NULL;

  text = get_string (r, obj, "text");
  if (text == NULL)
    {
      reader_fail (r, "inline text without \"text\"");
      return NULL;
    }

  inl = byline_inline_new (text);
  str = byline_inline_get_text (inl);
  n_chars = g_utf8_strlen (str, -1);

  marks = get_array (r, obj, "marks");
  for (guint i = 0; marks != NULL && i < json_array_get_length (marks); i++)
    {
      JsonObject *mark = get_object (r, json_array_get_element (marks, i), "mark");
      const char *type, *href;
      BylineMarkKind kind;
      gint64 start, end;

      if (mark == NULL)
        return NULL;

      type = get_string (r, mark, "type");
      href = get_string (r, mark, "href");
      start = get_int (r, mark, "start", -1);
      end = get_int (r, mark, "end", -1);
      if (r->failed)
        return NULL;
      if (type == NULL || !byline_mark_kind_from_string (type, &kind))
        {
          reader_fail (r, "unknown mark \"%s\"", type ? type : "");
          return NULL;
        }
      if (start < 0 || end < start || end > n_chars)
        {
          reader_fail (r, "mark \"%s\" out of range (%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT ")",
                       type, start, end);
          return NULL;
        }
      if (kind == BYLINE_MARK_LINK && href == NULL)
        {
          reader_fail (r, "link without \"href\"");
          return NULL;
        }

      if (kind == BYLINE_MARK_LINK)
        byline_inline_add_link (inl,
                                g_utf8_offset_to_pointer (str, start) - str,
                                g_utf8_offset_to_pointer (str, end) - str,
                                href, get_string (r, mark, "target"), get_string (r, mark, "rel"));
      else
        byline_inline_add_mark (inl, kind,
                                g_utf8_offset_to_pointer (str, start) - str,
                                g_utf8_offset_to_pointer (str, end) - str,
                                NULL);
    }

  return g_steal_pointer (&inl);
}

static BylineBlock *read_block (Reader *r, JsonNode *node, guint depth);

static BylineBlock *
read_block (Reader   *r,
            JsonNode *node,
            guint     depth)
{
  JsonObject *obj = get_object (r, node, "block");
  g_autoptr(BylineBlock) block = NULL;
  const char *type, *source;
  BylineBlockKind kind;

  if (obj == NULL)
    return NULL;

  /* Lists nest through their items; a file is refused long before the
   * stack could suffer. */
  if (depth > 64)
    {
      reader_fail (r, "lists nested too deeply");
      return NULL;
    }

  type = get_string (r, obj, "type");
  if (type == NULL || !byline_block_kind_from_string (type, &kind))
    {
      reader_fail (r, "unknown block type \"%s\"", type ? type : "");
      return NULL;
    }

  switch (kind)
    {
    case BYLINE_BLOCK_PARAGRAPH:
    case BYLINE_BLOCK_HEADING:
      {
        BylineInline *text = read_inline (r, json_object_get_member (obj, "text"));
        gint64 level = get_int (r, obj, "level", 2);

        if (text == NULL)
          return NULL;
        if (kind == BYLINE_BLOCK_HEADING && (level < 1 || level > 6))
          {
            byline_inline_free (text);
            reader_fail (r, "heading level %" G_GINT64_FORMAT " out of range", level);
            return NULL;
          }
        block = kind == BYLINE_BLOCK_PARAGRAPH ? byline_block_new_paragraph (text)
                                               : byline_block_new_heading (level, text);
      }
      break;

    case BYLINE_BLOCK_LIST:
      {
        JsonNode *ordered = json_object_get_member (obj, "ordered");
        JsonArray *items = get_array (r, obj, "items");

        block = byline_block_new_list (ordered != NULL && JSON_NODE_HOLDS_VALUE (ordered) &&
                                       json_node_get_boolean (ordered));
        for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
          {
            JsonObject *item = get_object (r, json_array_get_element (items, i), "list item");
            BylineInline *text;
            BylineBlock *sublist = NULL;

            if (item == NULL)
              return NULL;
            text = read_inline (r, json_object_get_member (item, "text"));
            if (text == NULL)
              return NULL;
            if (json_object_has_member (item, "sublist"))
              {
                sublist = read_block (r, json_object_get_member (item, "sublist"), depth + 1);
                if (sublist == NULL || byline_block_get_kind (sublist) != BYLINE_BLOCK_LIST)
                  {
                    g_clear_pointer (&sublist, byline_block_unref);
                    byline_inline_free (text);
                    reader_fail (r, "a list item's sublist is not a list");
                    return NULL;
                  }
              }
            byline_block_append_item (block, byline_list_item_new (text, sublist));
          }
      }
      break;

    case BYLINE_BLOCK_QUOTE:
      {
        JsonArray *paragraphs = get_array (r, obj, "paragraphs");

        block = byline_block_new_quote ();
        for (guint i = 0; paragraphs != NULL && i < json_array_get_length (paragraphs); i++)
          {
            BylineInline *text = read_inline (r, json_array_get_element (paragraphs, i));

            if (text == NULL)
              return NULL;
            byline_block_append_paragraph (block, text);
          }
        if (json_object_has_member (obj, "citation") &&
            !JSON_NODE_HOLDS_NULL (json_object_get_member (obj, "citation")))
          {
            BylineInline *citation = read_inline (r, json_object_get_member (obj, "citation"));

            if (citation == NULL)
              return NULL;
            byline_block_set_citation (block, citation);
          }
      }
      break;

    case BYLINE_BLOCK_FIGURE:
      {
        const char *id = get_string (r, obj, "id");
        const char *align = get_string (r, obj, "align");
        const char *size = get_string (r, obj, "size");
        gint64 media_id = get_int (r, obj, "media_id", 0);
        BylineAlign align_value = BYLINE_ALIGN_NONE;
        BylineInline *caption;

        if (id == NULL || media_id < 0)
          {
            reader_fail (r, "figure without an id");
            return NULL;
          }
        if (align != NULL && !byline_align_from_string (align, &align_value))
          {
            reader_fail (r, "unknown alignment \"%s\"", align);
            return NULL;
          }
        block = byline_block_new_figure (id);
        byline_block_set_local_path (block, get_string (r, obj, "local_path"));
        byline_block_set_media (block, media_id, get_string (r, obj, "url"));
        byline_block_set_alt (block, get_string (r, obj, "alt"));
        byline_block_set_credit (block, get_string (r, obj, "credit"));
        byline_block_set_align (block, align_value);
        if (size != NULL)
          byline_block_set_size_slug (block, size);
        byline_block_set_upload_slug (block, get_string (r, obj, "upload_slug"));
        if (json_object_has_member (obj, "caption"))
          {
            caption = read_inline (r, json_object_get_member (obj, "caption"));
            if (caption == NULL)
              return NULL;
            byline_block_set_caption (block, caption);
          }
      }
      break;

    case BYLINE_BLOCK_SEPARATOR:
      block = byline_block_new_separator ();
      break;

    case BYLINE_BLOCK_RAW:
      {
        const char *markup = get_string (r, obj, "markup");

        if (markup == NULL)
          {
            reader_fail (r, "raw block without markup");
            return NULL;
          }
        block = byline_block_new_raw (get_string (r, obj, "name"), markup, -1);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  source = get_string (r, obj, "source");
  if (r->failed)
    return NULL;
  if (source != NULL)
    byline_block_set_source (block, source, -1);

  return g_steal_pointer (&block);
}

static GDateTime *
read_date (Reader     *r,
           JsonObject *obj,
           const char *name)
{
  const char *text = get_string (r, obj, name);
  GDateTime *date;

  if (text == NULL)
    return NULL;

  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    reader_fail (r, "member \"%s\" is not an ISO 8601 date: \"%s\"", name, text);

  return date;
}

static BylinePostStatus
read_status (Reader     *r,
             JsonObject *obj)
{
  const char *text = get_string (r, obj, "status");
  BylinePostStatus status = BYLINE_POST_STATUS_NONE;

  if (text != NULL && !byline_post_status_from_string (text, &status))
    reader_fail (r, "unknown status \"%s\"", text);

  return status;
}

/**
 * byline_article_from_json_node:
 * @node: a node holding an article in the article JSON format
 * @error: return location for a #GError
 *
 * Reads an article, checking every member: anything malformed fails with
 * %BYLINE_ERROR_PARSE (a draft store treats that as a damaged file), and a
 * format newer than this Byline's with %BYLINE_ERROR_INVALID_INPUT.
 *
 * Returns: (transfer full) (nullable): the article
 */
BylineArticle *
byline_article_from_json_node (JsonNode  *node,
                               GError   **error)
{
  Reader r = { error, FALSE };
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GStrvBuilder) tags = NULL;
  g_auto(GStrv) tag_list = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) modified = NULL;
  JsonObject *obj, *remote;
  JsonArray *array;
  const char *id;
  gint64 format;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  obj = get_object (&r, node, "the article");
  if (obj == NULL)
    return NULL;

  format = get_int (&r, obj, "format", -1);
  if (r.failed)
    return NULL;
  if (format < 1)
    {
      reader_fail (&r, "not an article: no \"format\"");
      return NULL;
    }
  if (format > BYLINE_ARTICLE_FORMAT)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "article format %" G_GINT64_FORMAT " is newer than this Byline reads (%d)",
                   format, BYLINE_ARTICLE_FORMAT);
      return NULL;
    }

  id = get_string (&r, obj, "id");
  if (r.failed)
    return NULL;
  article = byline_article_new (id);

  /* Build everything first and apply at the end, so "changed" is not
   * emitted per member while loading. */
  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  array = get_array (&r, obj, "blocks");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      BylineBlock *block = read_block (&r, json_array_get_element (array, i), 0);

      if (block == NULL)
        {
          if (error != NULL && *error != NULL)
            g_prefix_error (error, "block %u: ", i + 1);
          return NULL;
        }
      g_ptr_array_add (blocks, block);
    }

  categories = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);
  array = get_array (&r, obj, "categories");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *term = get_object (&r, json_array_get_element (array, i), "category");
      const char *name;

      if (term == NULL)
        return NULL;
      name = get_string (&r, term, "name");
      if (name == NULL)
        {
          reader_fail (&r, "category without a name");
          return NULL;
        }
      g_ptr_array_add (categories, byline_term_new (get_int (&r, term, "id", 0), name));
    }

  tags = g_strv_builder_new ();
  array = get_array (&r, obj, "tags");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *tag = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (tag) || json_node_get_value_type (tag) != G_TYPE_STRING)
        {
          reader_fail (&r, "tag %u is not a string", i + 1);
          return NULL;
        }
      g_strv_builder_add (tags, json_node_get_string (tag));
    }
  tag_list = g_strv_builder_end (tags);

  date = read_date (&r, obj, "date");
  modified = read_date (&r, obj, "modified");
  if (r.failed)
    return NULL;

  byline_article_set_title (article, get_string (&r, obj, "title") ?: "");
  byline_article_set_lead (article, get_string (&r, obj, "lead") ?: "");
  byline_article_set_blocks (article, blocks);
  byline_article_set_categories (article, categories);
  byline_article_set_tags (article, (const char * const *) tag_list);
  byline_article_set_featured_figure (article, get_string (&r, obj, "featured_figure"));
  byline_article_set_featured_media (article, get_int (&r, obj, "featured_media", 0));
  byline_article_set_slug (article, get_string (&r, obj, "slug"));
  byline_article_set_date (article, date);
  byline_article_set_status (article, read_status (&r, obj));

  if (json_object_has_member (obj, "remote") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (obj, "remote")))
    {
      remote = get_object (&r, json_object_get_member (obj, "remote"), "\"remote\"");
      if (remote == NULL)
        return NULL;
      byline_article_set_remote (article,
                                 get_string (&r, remote, "site"),
                                 get_int (&r, remote, "post_id", 0),
                                 get_string (&r, remote, "modified_gmt"),
                                 get_string (&r, remote, "link"),
                                 read_status (&r, remote));
      if (json_object_has_member (remote, "request") &&
          !JSON_NODE_HOLDS_NULL (json_object_get_member (remote, "request")))
        {
          JsonObject *request_obj = get_object (&r, json_object_get_member (remote, "request"),
                                                "\"request\"");
          g_autoptr(GDateTime) sent = NULL;
          BylinePostRequest request;
          const char *kind;

          if (request_obj == NULL)
            return NULL;
          kind = get_string (&r, request_obj, "kind");
          sent = read_date (&r, request_obj, "sent");
          if (r.failed)
            return NULL;
          if (kind == NULL || !byline_post_request_from_string (kind, &request))
            {
              reader_fail (&r, "unknown request \"%s\"", kind ? kind : "");
              return NULL;
            }
          byline_article_set_post_request (article, request, sent,
                                           get_string (&r, request_obj, "digest"));
        }
    }
  if (r.failed)
    return NULL;

  byline_article_set_modified (article, modified);

  return g_steal_pointer (&article);
}

/**
 * byline_article_from_json:
 * @data: article JSON
 * @length: the length of @data, or -1 if nul-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the article
 */
BylineArticle *
byline_article_from_json (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                   "not valid JSON: %s", local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_PARSE, "empty document");
      return NULL;
    }

  return byline_article_from_json_node (json_parser_get_root (parser), error);
}
