/* byline-body-view.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_BODY_VIEW (byline_body_view_get_type ())

G_DECLARE_FINAL_TYPE (BylineBodyView, byline_body_view, BYLINE, BODY_VIEW, GtkTextView)

GtkWidget *byline_body_view_new              (void);
void       byline_body_view_fit_text_view    (GtkTextView    *view,
                                              int             width);
int        byline_body_view_get_column_width (BylineBodyView *self);
gboolean   byline_body_view_child_is_parked  (GtkWidget      *child);

G_END_DECLS
