/* byline-html-reader.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/HTMLparser.h>

#include "byline-block.h"

G_BEGIN_DECLS

/**
 * BylineHtmlFlags:
 * @BYLINE_HTML_STRICT: refuse anything the model cannot hold (an attribute,
 *   a class, an element it has no mark for), so the caller can keep the
 *   markup as it is instead; used for the HTML inside blocks and for classic
 *   content
 * @BYLINE_HTML_AUTOP: classic (pre-block) content, which WordPress displays
 *   through wpautop(): a newline is a line break, a blank line ends a
 *   paragraph
 * @BYLINE_HTML_PASTE: pasted HTML: unknown elements are unwrapped, scripts
 *   and the like dropped, bold and italic read from inline styles, links and
 *   images kept only with safe addresses
 * @BYLINE_HTML_LOCAL_FILES: with %BYLINE_HTML_PASTE, for a document read
 *   from a file: an image's relative address is a photo beside it, kept as
 *   the figure's (relative) local path for the caller to resolve
 *
 * How HTML is read into the model.
 */
typedef enum
{
  BYLINE_HTML_STRICT = 1 << 0,
  BYLINE_HTML_AUTOP  = 1 << 1,
  BYLINE_HTML_PASTE  = 1 << 2,
  BYLINE_HTML_LOCAL_FILES = 1 << 3,
} BylineHtmlFlags;

/* Lists deeper than this are not represented (the article JSON refuses
 * them, and no reporter writes them). */
#define BYLINE_HTML_MAX_LIST_DEPTH 32

htmlDocPtr    byline_html_parse             (const char      *html,
                                             gsize            length,
                                             htmlParserCtxtPtr ctxt,
                                             GError         **error);
xmlNode      *byline_html_get_body          (htmlDocPtr       doc);
gboolean      byline_html_is_element        (const xmlNode   *node,
                                             const char      *name);
gboolean      byline_html_is_blank          (const xmlNode   *node);
gboolean      byline_html_has_class_only    (xmlNode         *element,
                                             const char      *allowed_class);
gboolean      byline_html_read_inline       (xmlNode         *parent,
                                             BylineHtmlFlags  flags,
                                             BylineInline    *out);
BylineBlock  *byline_html_read_figure       (xmlNode         *node,
                                             BylineHtmlFlags  flags);
BylineBlock  *byline_html_read_list         (xmlNode         *list,
                                             BylineHtmlFlags  flags,
                                             guint            depth);
GPtrArray    *byline_html_read_blocks       (const char      *html,
                                             gsize            length,
                                             BylineHtmlFlags  flags,
                                             GError         **error);
char         *byline_html_to_text           (const char      *html);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (htmlParserCtxt, htmlFreeParserCtxt)

G_END_DECLS
