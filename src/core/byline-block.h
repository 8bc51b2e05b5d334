/* byline-block.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-inline.h"

G_BEGIN_DECLS

/**
 * BylineBlockKind:
 * @BYLINE_BLOCK_PARAGRAPH: a paragraph of inline text
 * @BYLINE_BLOCK_HEADING: a heading, levels 1–6 (the editor offers 2–4)
 * @BYLINE_BLOCK_LIST: an ordered or unordered list; items may nest a list
 * @BYLINE_BLOCK_QUOTE: paragraphs quoted, with an optional citation
 * @BYLINE_BLOCK_FIGURE: a photo with caption, alt text and credit
 * @BYLINE_BLOCK_SEPARATOR: a horizontal separator
 * @BYLINE_BLOCK_RAW: any content Byline does not edit, kept byte for byte
 */
typedef enum
{
  BYLINE_BLOCK_PARAGRAPH,
  BYLINE_BLOCK_HEADING,
  BYLINE_BLOCK_LIST,
  BYLINE_BLOCK_QUOTE,
  BYLINE_BLOCK_FIGURE,
  BYLINE_BLOCK_SEPARATOR,
  BYLINE_BLOCK_RAW,
} BylineBlockKind;

/**
 * BylineAlign:
 *
 * The alignment of a figure, as WordPress names it.
 */
typedef enum
{
  BYLINE_ALIGN_NONE,
  BYLINE_ALIGN_LEFT,
  BYLINE_ALIGN_CENTER,
  BYLINE_ALIGN_RIGHT,
  BYLINE_ALIGN_WIDE,
  BYLINE_ALIGN_FULL,
} BylineAlign;

typedef struct _BylineBlock BylineBlock;
typedef struct _BylineListItem BylineListItem;

#define BYLINE_TYPE_BLOCK (byline_block_get_type ())
#define BYLINE_TYPE_LIST_ITEM (byline_list_item_get_type ())

GType               byline_block_get_type          (void) G_GNUC_CONST;
GType               byline_list_item_get_type      (void) G_GNUC_CONST;

BylineBlock        *byline_block_new_paragraph     (BylineInline       *text);
BylineBlock        *byline_block_new_heading       (guint               level,
                                                    BylineInline       *text);
BylineBlock        *byline_block_new_list          (gboolean            ordered);
BylineBlock        *byline_block_new_quote         (void);
BylineBlock        *byline_block_new_figure        (const char         *id);
BylineBlock        *byline_block_new_separator     (void);
BylineBlock        *byline_block_new_raw           (const char         *name,
                                                    const char         *markup,
                                                    gssize              length);

BylineBlock        *byline_block_ref               (BylineBlock        *self);
void                byline_block_unref             (BylineBlock        *self);
BylineBlock        *byline_block_copy              (const BylineBlock  *self);
gboolean            byline_block_equal             (const BylineBlock  *a,
                                                    const BylineBlock  *b);

BylineBlockKind     byline_block_get_kind          (const BylineBlock  *self);
const char         *byline_block_kind_to_string    (BylineBlockKind     kind);
gboolean            byline_block_kind_from_string  (const char         *name,
                                                    BylineBlockKind    *kind);

/* The markup this block was parsed from, written back unchanged while the
 * block is unchanged; every setter clears it. */
const char         *byline_block_get_source        (const BylineBlock  *self);
void                byline_block_set_source        (BylineBlock        *self,
                                                    const char         *source,
                                                    gssize              length);

/* Paragraphs and headings */
const BylineInline *byline_block_get_text          (const BylineBlock  *self);
void                byline_block_set_text          (BylineBlock        *self,
                                                    BylineInline       *text);
guint               byline_block_get_level         (const BylineBlock  *self);

/* Lists */
gboolean            byline_block_get_ordered       (const BylineBlock  *self);
guint               byline_block_get_n_items       (const BylineBlock  *self);
BylineListItem     *byline_block_get_item          (const BylineBlock  *self,
                                                    guint               index);
void                byline_block_append_item       (BylineBlock        *self,
                                                    BylineListItem     *item);

BylineListItem     *byline_list_item_new           (BylineInline       *text,
                                                    BylineBlock        *sublist);
BylineListItem     *byline_list_item_copy          (const BylineListItem *self);
void                byline_list_item_free          (BylineListItem     *self);
const BylineInline *byline_list_item_get_text      (const BylineListItem *self);
BylineBlock        *byline_list_item_get_sublist   (const BylineListItem *self);

/* Quotes */
guint               byline_block_get_n_paragraphs  (const BylineBlock  *self);
const BylineInline *byline_block_get_paragraph     (const BylineBlock  *self,
                                                    guint               index);
void                byline_block_append_paragraph  (BylineBlock        *self,
                                                    BylineInline       *text);
const BylineInline *byline_block_get_citation      (const BylineBlock  *self);
void                byline_block_set_citation      (BylineBlock        *self,
                                                    BylineInline       *citation);

/* Figures */
const char         *byline_block_get_figure_id     (const BylineBlock  *self);
const char         *byline_block_get_local_path    (const BylineBlock  *self);
void                byline_block_set_local_path    (BylineBlock        *self,
                                                    const char         *path);
gint64              byline_block_get_media_id      (const BylineBlock  *self);
const char         *byline_block_get_url           (const BylineBlock  *self);
void                byline_block_set_media         (BylineBlock        *self,
                                                    gint64              media_id,
                                                    const char         *url);
const BylineInline *byline_block_get_caption       (const BylineBlock  *self);
void                byline_block_set_caption       (BylineBlock        *self,
                                                    BylineInline       *caption);
const char         *byline_block_get_alt           (const BylineBlock  *self);
void                byline_block_set_alt           (BylineBlock        *self,
                                                    const char         *alt);
const char         *byline_block_get_credit        (const BylineBlock  *self);
void                byline_block_set_credit        (BylineBlock        *self,
                                                    const char         *credit);
BylineAlign         byline_block_get_align         (const BylineBlock  *self);
void                byline_block_set_align         (BylineBlock        *self,
                                                    BylineAlign         align);
const char         *byline_block_get_size_slug     (const BylineBlock  *self);
void                byline_block_set_size_slug     (BylineBlock        *self,
                                                    const char         *size_slug);
const char         *byline_block_get_upload_slug   (const BylineBlock  *self);
void                byline_block_set_upload_slug   (BylineBlock        *self,
                                                    const char         *slug);
const char         *byline_align_to_string         (BylineAlign         align);
gboolean            byline_align_from_string       (const char         *name,
                                                    BylineAlign        *align);

/* Raw blocks */
const char         *byline_block_get_raw_name      (const BylineBlock  *self);
const char         *byline_block_get_raw_markup    (const BylineBlock  *self);
gsize               byline_block_get_raw_length    (const BylineBlock  *self);

char               *byline_block_get_plain_text    (const BylineBlock  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineBlock, byline_block_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineListItem, byline_list_item_free)

G_END_DECLS
