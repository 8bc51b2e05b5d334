/* byline-markup-writer.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The article as WordPress block markup, in the form WordPress 6.1's block
 * editor saves (newer editors accept it, migrating lists silently), so
 * every block opens as valid in the block editor:
 *
 *   paragraph   <!-- wp:paragraph --> <p>…</p>
 *   heading     <!-- wp:heading {"level":3} --> <h3>…</h3>   (level 2: no attribute)
 *   list        <!-- wp:list {"ordered":true} --> <ol> wp:list-item blocks </ol>,
 *               a nested list inside its item's <li>
 *   quote       <!-- wp:quote --> <blockquote class="wp-block-quote"> wp:paragraph
 *               blocks, then <cite>…</cite>
 *   figure      <!-- wp:image {"align":…,"id":N,"sizeSlug":…,"linkDestination":"none"} -->
 *               <figure class="wp-block-image alignX size-S"><img src alt class="wp-image-N" />
 *               <figcaption class="wp-element-caption">caption<br>
 *               <span class="byline-credit">credit</span></figcaption></figure>;
 *               without a media id (a photo not uploaded yet) neither "id" nor the
 *               wp-image class, without a URL no src
 *   separator   <!-- wp:separator --> <hr class="wp-block-separator has-alpha-channel-opacity" />
 *   raw         its markup, byte for byte
 *
 * Void elements are written " />", the way WordPress's kses filter rewrites
 * them for contributors, so a post survives kses unchanged; the block
 * validator treats both spellings alike. Blocks are separated by a blank
 * line, as the block editor does. A block that still has the source it was
 * parsed from is written as that source.
 */

#define G_LOG_DOMAIN "byline-markup"

#include "config.h"

#include <string.h>

#include "byline-markup-writer.h"

static void
append_escaped (GString    *out,
                const char *text,
                gsize       length,
                gboolean    attribute)
{
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          if (attribute)
            g_string_append (out, "&quot;");
          else
            g_string_append_c (out, c);
          break;
        case '\n':
          if (attribute)
            g_string_append (out, "&#10;");
          else
            g_string_append (out, "<br>");
          break;
        case '\r':
        case '\t':
          /* Kept exactly in attributes (a raw one could be normalized). */
          if (attribute)
            g_string_append_printf (out, "&#%d;", c);
          else
            g_string_append_c (out, c);
          break;
        default:
          /* Other C0 controls cannot be in an HTML document at all. */
          if ((guchar) c >= 0x20)
            g_string_append_c (out, c);
          break;
        }
    }
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, strlen (value), TRUE);
  g_string_append_c (out, '"');
}

/* A JSON string as WordPress's serializer writes block attributes: besides
 * JSON's own escapes, "--", "<", ">", "&" and '"' become \u escapes so the
 * comment can neither end early nor be read as HTML. */
static void
append_json_string (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '-' && p[1] == '-')
        {
          g_string_append (out, "\\u002d\\u002d");
          p++;
        }
      else if (c == '<')
        g_string_append (out, "\\u003c");
      else if (c == '>')
        g_string_append (out, "\\u003e");
      else if (c == '&')
        g_string_append (out, "\\u0026");
      else if (c == '"')
        g_string_append (out, "\\u0022");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static const char *
tag_for_mark (BylineMarkKind kind)
{
  switch (kind)
    {
    case BYLINE_MARK_BOLD:
      return "strong";
    case BYLINE_MARK_ITALIC:
      return "em";
    case BYLINE_MARK_STRIKETHROUGH:
      return "s";
    case BYLINE_MARK_SUPERSCRIPT:
      return "sup";
    case BYLINE_MARK_SUBSCRIPT:
      return "sub";
    case BYLINE_MARK_LINK:
      return "a";
    default:
      g_assert_not_reached ();
    }
}

/* Links go outside other marks, as the block editor nests them. */
static int
mark_rank (BylineMarkKind kind)
{
  return kind == BYLINE_MARK_LINK ? -1 : (int) kind;
}

static int
compare_for_opening (gconstpointer a,
                     gconstpointer b)
{
  const BylineSpan *x = *(const BylineSpan * const *) a;
  const BylineSpan *y = *(const BylineSpan * const *) b;

  /* Longer spans outside, so fewer tags have to be closed and reopened. */
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return mark_rank (x->kind) - mark_rank (y->kind);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static gboolean
span_active (const BylineSpan *span,
             guint             offset)
{
  return span->start <= offset && offset < span->end;
}

/**
 * byline_markup_write_inline:
 * @out: where to append
 * @text: an inline text
 *
 * Appends @text as HTML: marks as properly nested <strong>, <em>, <s>,
 * <sup>, <sub> and <a href>, line breaks as <br>, text escaped.
 */
void
byline_markup_write_inline (GString            *out,
                            const BylineInline *text)
{
  const char *str;
  guint length, n_spans, next_span = 0;
  g_autoptr(GArray) bounds = NULL;
  g_autoptr(GPtrArray) stack = NULL;
  g_autoptr(GPtrArray) opening = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  str = byline_inline_get_text (text);
  length = byline_inline_get_length (text);
  n_spans = byline_inline_get_n_spans (text);

  if (n_spans == 0)
    {
      append_escaped (out, str, length, FALSE);
      return;
    }

  bounds = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2 * n_spans + 2);
  g_array_append_val (bounds, length);
  for (guint i = 0; i < n_spans; i++)
    {
      const BylineSpan *span = byline_inline_get_span (text, i);

      g_array_append_val (bounds, span->start);
      g_array_append_val (bounds, span->end);
    }
  g_array_sort (bounds, compare_offsets);

  stack = g_ptr_array_new ();
  opening = g_ptr_array_new ();

  /* Text before the first mark. */
  append_escaped (out, str, g_array_index (bounds, guint, 0), FALSE);

  for (guint b = 0; b + 1 < bounds->len; b++)
    {
      guint pos = g_array_index (bounds, guint, b);
      guint next = g_array_index (bounds, guint, b + 1);
      guint keep = 0;

      if (pos == next)
        continue;

      /* Close down to the first open span that ends here; the others
       * closed with it are opened again. */
      while (keep < stack->len && span_active (g_ptr_array_index (stack, keep), pos))
        keep++;
      g_ptr_array_set_size (opening, 0);
      while (stack->len > keep)
        {
          const BylineSpan *span = g_ptr_array_steal_index (stack, stack->len - 1);

          g_string_append_printf (out, "</%s>", tag_for_mark (span->kind));
          if (span_active (span, pos))
            g_ptr_array_add (opening, (gpointer) span);
        }

      /* Spans are sorted by start: those starting here are next. */
      for (; next_span < n_spans && byline_inline_get_span (text, next_span)->start <= pos; next_span++)
        {
          const BylineSpan *span = byline_inline_get_span (text, next_span);

          if (span_active (span, pos))
            g_ptr_array_add (opening, (gpointer) span);
        }
      g_ptr_array_sort (opening, compare_for_opening);

      for (guint i = 0; i < opening->len; i++)
        {
          const BylineSpan *span = g_ptr_array_index (opening, i);

          g_string_append_printf (out, "<%s", tag_for_mark (span->kind));
          if (span->kind == BYLINE_MARK_LINK)
            {
              /* WordPress's own order: href, target, rel. */
              append_attribute (out, "href", span->href);
              if (span->target != NULL)
                append_attribute (out, "target", span->target);
              if (span->rel != NULL)
                append_attribute (out, "rel", span->rel);
            }
          g_string_append_c (out, '>');
          g_ptr_array_add (stack, (gpointer) span);
        }

      append_escaped (out, str + pos, next - pos, FALSE);
    }

  while (stack->len > 0)
    {
      const BylineSpan *span = g_ptr_array_steal_index (stack, stack->len - 1);

      g_string_append_printf (out, "</%s>", tag_for_mark (span->kind));
    }
}

static void
write_paragraph_block (GString            *out,
                       const BylineInline *text)
{
  g_string_append (out, "<!-- wp:paragraph -->\n<p>");
  byline_markup_write_inline (out, text);
  g_string_append (out, "</p>\n<!-- /wp:paragraph -->");
}

static void
write_list (GString           *out,
            const BylineBlock *list)
{
  const char *tag = byline_block_get_ordered (list) ? "ol" : "ul";

  g_string_append_printf (out, "<!-- wp:list%s -->\n<%s>",
                          byline_block_get_ordered (list) ? " {\"ordered\":true}" : "", tag);
  for (guint i = 0; i < byline_block_get_n_items (list); i++)
    {
      BylineListItem *item = byline_block_get_item (list, i);

      if (i > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, "<!-- wp:list-item -->\n<li>");
      byline_markup_write_inline (out, byline_list_item_get_text (item));
      if (byline_list_item_get_sublist (item) != NULL)
        write_list (out, byline_list_item_get_sublist (item));
      g_string_append (out, "</li>\n<!-- /wp:list-item -->");
    }
  g_string_append_printf (out, "</%s>\n<!-- /wp:list -->", tag);
}

static void
write_figure (GString           *out,
              const BylineBlock *figure)
{
  BylineAlign align = byline_block_get_align (figure);
  gint64 media_id = byline_block_get_media_id (figure);
  const char *size = byline_block_get_size_slug (figure);
  const char *url = byline_block_get_url (figure);
  const char *alt = byline_block_get_alt (figure);
  const char *credit = byline_block_get_credit (figure);
  const BylineInline *caption = byline_block_get_caption (figure);
  gboolean has_caption = caption != NULL && !byline_inline_is_empty (caption);
  gboolean has_credit = credit != NULL && *credit != '\0';
  gboolean has_size = size != NULL && *size != '\0';

  /* Attributes in the order the image block declares them. */
  g_string_append (out, "<!-- wp:image {");
  if (align != BYLINE_ALIGN_NONE)
    {
      g_string_append (out, "\"align\":");
      append_json_string (out, byline_align_to_string (align));
      g_string_append_c (out, ',');
    }
  if (media_id > 0)
    g_string_append_printf (out, "\"id\":%" G_GINT64_FORMAT ",", media_id);
  if (has_size)
    {
      g_string_append (out, "\"sizeSlug\":");
      append_json_string (out, size);
      g_string_append_c (out, ',');
    }
  g_string_append (out, "\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image");
  if (align != BYLINE_ALIGN_NONE)
    g_string_append_printf (out, " align%s", byline_align_to_string (align));
  if (has_size)
    {
      g_string_append (out, " size-");
      append_escaped (out, size, strlen (size), TRUE);
    }
  g_string_append (out, "\"><img");
  if (url != NULL && *url != '\0')
    append_attribute (out, "src", url);
  append_attribute (out, "alt", alt != NULL ? alt : "");
  if (media_id > 0)
    g_string_append_printf (out, " class=\"wp-image-%" G_GINT64_FORMAT "\"", media_id);
  g_string_append (out, " />");

  if (has_caption || has_credit)
    {
      g_string_append (out, "<figcaption class=\"wp-element-caption\">");
      if (has_caption)
        byline_markup_write_inline (out, caption);
      if (has_credit)
        {
          if (has_caption)
            g_string_append (out, "<br>");
          g_autofree char *one_line = g_strdelimit (g_strdup (credit), "\n", ' ');

          /* The credit is one line of plain text. */
          g_string_append (out, "<span class=\"byline-credit\">");
          append_escaped (out, one_line, strlen (one_line), FALSE);
          g_string_append (out, "</span>");
        }
      g_string_append (out, "</figcaption>");
    }

  g_string_append (out, "</figure>\n<!-- /wp:image -->");
}

/**
 * byline_markup_write_block:
 * @out: where to append
 * @block: a block
 *
 * Appends @block as block markup generated from its content, whether or
 * not it has a source.
 */
void
byline_markup_write_block (GString           *out,
                           const BylineBlock *block)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (block != NULL);

  switch (byline_block_get_kind (block))
    {
    case BYLINE_BLOCK_PARAGRAPH:
      write_paragraph_block (out, byline_block_get_text (block));
      break;

    case BYLINE_BLOCK_HEADING:
      {
        guint level = byline_block_get_level (block);

        if (level == 2)
          g_string_append (out, "<!-- wp:heading -->\n");
        else
          g_string_append_printf (out, "<!-- wp:heading {\"level\":%u} -->\n", level);
        g_string_append_printf (out, "<h%u>", level);
        byline_markup_write_inline (out, byline_block_get_text (block));
        g_string_append_printf (out, "</h%u>\n<!-- /wp:heading -->", level);
      }
      break;

    case BYLINE_BLOCK_LIST:
      write_list (out, block);
      break;

    case BYLINE_BLOCK_QUOTE:
      {
        const BylineInline *citation = byline_block_get_citation (block);

        g_string_append (out, "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">");
        for (guint i = 0; i < byline_block_get_n_paragraphs (block); i++)
          {
            if (i > 0)
              g_string_append (out, "\n\n");
            write_paragraph_block (out, byline_block_get_paragraph (block, i));
          }
        if (citation != NULL && !byline_inline_is_empty (citation))
          {
            g_string_append (out, "<cite>");
            byline_markup_write_inline (out, citation);
            g_string_append (out, "</cite>");
          }
        g_string_append (out, "</blockquote>\n<!-- /wp:quote -->");
      }
      break;

    case BYLINE_BLOCK_FIGURE:
      write_figure (out, block);
      break;

    case BYLINE_BLOCK_SEPARATOR:
      g_string_append (out, "<!-- wp:separator -->\n"
                            "<hr class=\"wp-block-separator has-alpha-channel-opacity\" />\n"
                            "<!-- /wp:separator -->");
      break;

    case BYLINE_BLOCK_RAW:
      g_string_append_len (out, byline_block_get_raw_markup (block),
                           byline_block_get_raw_length (block));
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * byline_markup_serialize_blocks:
 * @blocks: (element-type BylineBlock): blocks
 *
 * Writes @blocks as post content. A block that still has its source (it
 * was parsed and not changed since) is written as that source, which also
 * holds the whitespace that stood before it, so an unchanged post is
 * written back byte for byte; any other block is generated, separated from
 * the one before by a blank line.
 *
 * Returns: (transfer full): the block markup
 */
char *
byline_markup_serialize_blocks (GPtrArray *blocks)
{
  GString *out;

  g_return_val_if_fail (blocks != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < blocks->len; i++)
    {
      const BylineBlock *block = g_ptr_array_index (blocks, i);
      const char *source = byline_block_get_source (block);

      if (source != NULL)
        {
          g_string_append (out, source);
          continue;
        }
      if (out->len > 0)
        g_string_append (out, "\n\n");
      byline_markup_write_block (out, block);
    }

  return g_string_free (out, FALSE);
}

/**
 * byline_markup_serialize:
 * @article: an article
 *
 * Returns: (transfer full): the article's body as WordPress block markup
 *   (the post's content; the headline and lead travel separately)
 */
char *
byline_markup_serialize (BylineArticle *article)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), NULL);

  return byline_markup_serialize_blocks (byline_article_get_blocks (article));
}
