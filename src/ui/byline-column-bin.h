/* byline-column-bin.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_COLUMN_BIN (byline_column_bin_get_type ())

G_DECLARE_DERIVABLE_TYPE (BylineColumnBin, byline_column_bin, BYLINE, COLUMN_BIN, GtkWidget)

struct _BylineColumnBinClass
{
  GtkWidgetClass parent_class;
};

GtkWidget *byline_column_bin_get_child              (BylineColumnBin *self);
void       byline_column_bin_set_child              (BylineColumnBin *self,
                                                     GtkWidget       *child);
void       byline_column_bin_set_width              (BylineColumnBin *self,
                                                     int              width);
void       byline_column_bin_set_placeholder_height (BylineColumnBin *self,
                                                     int              height);

G_END_DECLS
