/* byline-editor-buffer.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-block.h"

G_BEGIN_DECLS

/**
 * BylineLineKind:
 * @BYLINE_LINE_PARAGRAPH: a paragraph (a line without a block tag)
 * @BYLINE_LINE_HEADING: a heading; the style's level is 1–6
 * @BYLINE_LINE_LIST_ITEM: a list item; the style's level is its depth (0 = top)
 * @BYLINE_LINE_QUOTE: a paragraph of a quote
 * @BYLINE_LINE_CITATION: the citation of a quote
 * @BYLINE_LINE_OBJECT: a figure, separator or raw block: one child anchor
 *
 * What one line of the body buffer is. Every block is one line, except
 * lists (one line per item) and quotes (one line per paragraph, then the
 * citation).
 */
typedef enum
{
  BYLINE_LINE_PARAGRAPH,
  BYLINE_LINE_HEADING,
  BYLINE_LINE_LIST_ITEM,
  BYLINE_LINE_QUOTE,
  BYLINE_LINE_CITATION,
  BYLINE_LINE_OBJECT,
} BylineLineKind;

/**
 * BylineLineStyle:
 * @kind: what the line is
 * @level: a heading's level, or a list item's depth
 * @ordered: whether a list item is numbered
 * @alternate: for list items and quotes: which of two adjacent lists (or
 *   quotes) the line belongs to, so two lists in a row stay two
 */
typedef struct
{
  BylineLineKind kind;
  guint          level;
  gboolean       ordered;
  gboolean       alternate;
} BylineLineStyle;

#define BYLINE_EDITOR_BUFFER_MAX_DEPTH 8

#define BYLINE_TYPE_EDITOR_BUFFER (byline_editor_buffer_get_type ())

G_DECLARE_FINAL_TYPE (BylineEditorBuffer, byline_editor_buffer, BYLINE, EDITOR_BUFFER, GtkTextBuffer)

BylineEditorBuffer *byline_editor_buffer_new             (void);

void                byline_editor_buffer_load            (BylineEditorBuffer   *self,
                                                          GPtrArray            *blocks);
GPtrArray          *byline_editor_buffer_get_blocks      (BylineEditorBuffer   *self);
GPtrArray          *byline_editor_buffer_convert         (BylineEditorBuffer   *self);
GPtrArray          *byline_editor_buffer_convert_range   (BylineEditorBuffer   *self,
                                                          const GtkTextIter    *start,
                                                          const GtkTextIter    *end);
void                byline_editor_buffer_insert_blocks   (BylineEditorBuffer   *self,
                                                          GtkTextIter          *iter,
                                                          GPtrArray            *blocks);

void                byline_editor_buffer_insert_inline   (BylineEditorBuffer   *self,
                                                          GtkTextIter          *iter,
                                                          const BylineInline   *inl);
void                byline_editor_buffer_get_line_style  (BylineEditorBuffer   *self,
                                                          const GtkTextIter    *iter,
                                                          BylineLineStyle      *style);
void                byline_editor_buffer_set_line_style  (BylineEditorBuffer   *self,
                                                          const GtkTextIter    *start,
                                                          const GtkTextIter    *end,
                                                          const BylineLineStyle *style);

gboolean            byline_editor_buffer_has_mark        (BylineEditorBuffer   *self,
                                                          const GtkTextIter    *start,
                                                          const GtkTextIter    *end,
                                                          BylineMarkKind        kind);
void                byline_editor_buffer_set_mark        (BylineEditorBuffer   *self,
                                                          const GtkTextIter    *start,
                                                          const GtkTextIter    *end,
                                                          BylineMarkKind        kind,
                                                          gboolean              on,
                                                          const char           *href);
void                byline_editor_buffer_set_link        (BylineEditorBuffer   *self,
                                                          const GtkTextIter    *start,
                                                          const GtkTextIter    *end,
                                                          const char           *href,
                                                          const char           *target,
                                                          const char           *rel);
char               *byline_editor_buffer_get_link        (BylineEditorBuffer   *self,
                                                          const GtkTextIter    *iter,
                                                          GtkTextIter          *start,
                                                          GtkTextIter          *end,
                                                          char                **target,
                                                          char                **rel);
void                byline_editor_buffer_set_typing_mark (BylineEditorBuffer   *self,
                                                          BylineMarkKind        kind,
                                                          gboolean              on);
gboolean            byline_editor_buffer_get_typing_mark (BylineEditorBuffer   *self,
                                                          BylineMarkKind        kind,
                                                          gboolean             *on);
void                byline_editor_buffer_set_indent      (BylineEditorBuffer   *self,
                                                          int                   indent);
void                byline_editor_buffer_set_dark        (BylineEditorBuffer   *self,
                                                          gboolean              dark);

GtkTextChildAnchor *byline_editor_buffer_insert_object   (BylineEditorBuffer   *self,
                                                          GtkTextIter          *iter,
                                                          BylineBlock          *block);
void                byline_editor_buffer_set_with_header (BylineEditorBuffer   *self,
                                                          gboolean              with_header);
gboolean            byline_editor_buffer_is_header       (GtkTextChildAnchor   *anchor);
void                byline_editor_buffer_get_body_start  (BylineEditorBuffer   *self,
                                                          GtkTextIter          *iter);
GtkTextChildAnchor *byline_editor_buffer_create_anchor   (BylineBlock          *block);
BylineBlock        *byline_editor_buffer_get_object      (GtkTextChildAnchor   *anchor);
void                byline_editor_buffer_set_replaying   (BylineEditorBuffer   *self,
                                                          gboolean              replaying);
void                byline_editor_buffer_update_object   (BylineEditorBuffer   *self,
                                                          GtkTextChildAnchor   *anchor,
                                                          BylineBlock          *block);
void                byline_editor_buffer_remove_object   (BylineEditorBuffer   *self,
                                                          GtkTextChildAnchor   *anchor);
gboolean            byline_editor_buffer_move_object     (BylineEditorBuffer   *self,
                                                          GtkTextChildAnchor   *anchor,
                                                          int                   direction);
GtkTextChildAnchor *byline_editor_buffer_find_object     (BylineEditorBuffer   *self,
                                                          const char           *figure_id);
GList              *byline_editor_buffer_list_objects    (BylineEditorBuffer   *self);

guint               byline_editor_buffer_get_n_syncs     (BylineEditorBuffer   *self);

G_END_DECLS
