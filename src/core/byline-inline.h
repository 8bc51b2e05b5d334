/* byline-inline.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BylineMarkKind:
 * @BYLINE_MARK_BOLD: strong emphasis (`<strong>`)
 * @BYLINE_MARK_ITALIC: emphasis (`<em>`)
 * @BYLINE_MARK_STRIKETHROUGH: struck-out text (`<s>`)
 * @BYLINE_MARK_SUPERSCRIPT: superscript (`<sup>`)
 * @BYLINE_MARK_SUBSCRIPT: subscript (`<sub>`)
 * @BYLINE_MARK_LINK: a link; the span carries its href
 *
 * The inline formatting Byline keeps. A line break inside a paragraph is
 * not a mark but the character "\n" in the text.
 */
typedef enum
{
  BYLINE_MARK_BOLD,
  BYLINE_MARK_ITALIC,
  BYLINE_MARK_STRIKETHROUGH,
  BYLINE_MARK_SUPERSCRIPT,
  BYLINE_MARK_SUBSCRIPT,
  BYLINE_MARK_LINK,
} BylineMarkKind;

#define BYLINE_N_MARKS (BYLINE_MARK_LINK + 1)

/**
 * BylineSpan:
 * @kind: the mark
 * @start: first byte of the marked text
 * @end: the byte after the marked text
 * @href: (nullable): the target of a link, %NULL for other marks
 * @target: (nullable): a link's `target` attribute ("_blank" opens it in a
 *   new tab), %NULL for none
 * @rel: (nullable): a link's `rel` attribute ("noreferrer noopener" goes
 *   with a new tab in WordPress), %NULL for none
 *
 * A mark over a range of an inline text, in byte offsets. Two links are
 * the same link when href, target and rel all agree.
 */
typedef struct
{
  BylineMarkKind  kind;
  guint           start;
  guint           end;
  char           *href;
  char           *target;
  char           *rel;
} BylineSpan;

/**
 * BylineInline:
 *
 * Rich inline text: UTF-8 text in NFC plus marks over ranges of it. The
 * spans are kept normalized: sorted by start, never empty, and spans of one
 * kind (and, for links, one href) never overlap or touch — so two inline
 * texts that look the same compare equal.
 */
typedef struct _BylineInline BylineInline;

#define BYLINE_TYPE_INLINE (byline_inline_get_type ())

GType             byline_inline_get_type     (void) G_GNUC_CONST;
BylineInline     *byline_inline_new          (const char          *text);
BylineInline     *byline_inline_copy         (const BylineInline  *self);
void              byline_inline_free         (BylineInline        *self);
const char       *byline_inline_get_text     (const BylineInline  *self);
guint             byline_inline_get_length   (const BylineInline  *self);
gboolean          byline_inline_is_empty     (const BylineInline  *self);
void              byline_inline_append       (BylineInline        *self,
                                              const char          *text,
                                              gssize               length);
void              byline_inline_append_inline (BylineInline       *self,
                                              const BylineInline  *other);
void              byline_inline_add_mark     (BylineInline        *self,
                                              BylineMarkKind       kind,
                                              guint                start,
                                              guint                end,
                                              const char          *href);
void              byline_inline_add_link     (BylineInline        *self,
                                              guint                start,
                                              guint                end,
                                              const char          *href,
                                              const char          *target,
                                              const char          *rel);
void              byline_inline_remove_mark  (BylineInline        *self,
                                              BylineMarkKind       kind,
                                              guint                start,
                                              guint                end);
guint             byline_inline_get_n_spans  (const BylineInline  *self);
const BylineSpan *byline_inline_get_span     (const BylineInline  *self,
                                              guint                index);
BylineInline     *byline_inline_slice        (const BylineInline  *self,
                                              guint                start,
                                              guint                end);
void              byline_inline_strip        (BylineInline        *self);
gboolean          byline_inline_equal        (const BylineInline  *a,
                                              const BylineInline  *b);
const char       *byline_mark_kind_to_string (BylineMarkKind       kind);
gboolean          byline_mark_kind_from_string (const char        *name,
                                              BylineMarkKind      *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineInline, byline_inline_free)

G_END_DECLS
