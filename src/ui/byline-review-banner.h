/* byline-review-banner.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_REVIEW_BANNER (byline_review_banner_get_type ())

G_DECLARE_FINAL_TYPE (BylineReviewBanner, byline_review_banner, BYLINE, REVIEW_BANNER, GtkWidget)

GtkWidget  *byline_review_banner_new           (void);
void        byline_review_banner_set_notes     (BylineReviewBanner *self,
                                                GPtrArray          *notes,
                                                gint64              user_id);
guint       byline_review_banner_get_n_notes   (BylineReviewBanner *self);
const char *byline_review_banner_get_title     (BylineReviewBanner *self);
const char *byline_review_banner_get_text      (BylineReviewBanner *self);
void        byline_review_banner_set_can_reply (BylineReviewBanner *self,
                                                gboolean            can_reply);

G_END_DECLS
