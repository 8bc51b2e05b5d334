/* byline-block-card.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-block.h"
#include "byline-column-bin.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_BLOCK_CARD (byline_block_card_get_type ())

G_DECLARE_FINAL_TYPE (BylineBlockCard, byline_block_card, BYLINE, BLOCK_CARD, BylineColumnBin)

GtkWidget  *byline_block_card_new       (BylineBlock     *block);
const char *byline_block_card_get_title (BylineBlockCard *self);

G_END_DECLS
