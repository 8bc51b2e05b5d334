/* byline-thumbnail.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_THUMBNAIL (byline_thumbnail_get_type ())

G_DECLARE_FINAL_TYPE (BylineThumbnail, byline_thumbnail, BYLINE, THUMBNAIL, GObject)

BylineThumbnail *byline_thumbnail_new_for_pixbuf (GdkPixbuf *pixbuf);

G_END_DECLS
