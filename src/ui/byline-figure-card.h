/* byline-figure-card.h
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

#define BYLINE_TYPE_FIGURE_CARD (byline_figure_card_get_type ())

G_DECLARE_FINAL_TYPE (BylineFigureCard, byline_figure_card, BYLINE, FIGURE_CARD, BylineColumnBin)

GtkWidget   *byline_figure_card_new           (BylineBlock      *figure);
BylineBlock *byline_figure_card_get_block     (BylineFigureCard *self);
void         byline_figure_card_set_block     (BylineFigureCard *self,
                                               BylineBlock      *figure);
void         byline_figure_card_set_thumbnail (BylineFigureCard *self,
                                               GdkPaintable     *paintable,
                                               const char       *problem);
GtkWidget   *byline_figure_card_get_entry     (BylineFigureCard *self,
                                               const char       *field);

G_END_DECLS
