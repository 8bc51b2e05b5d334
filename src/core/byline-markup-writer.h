/* byline-markup-writer.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-article.h"

G_BEGIN_DECLS

char *byline_markup_serialize         (BylineArticle      *article);
char *byline_markup_serialize_blocks  (GPtrArray          *blocks);
void  byline_markup_write_block       (GString            *out,
                                       const BylineBlock  *block);
void  byline_markup_write_inline      (GString            *out,
                                       const BylineInline *text);

G_END_DECLS
