/* byline-window.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "byline-application.h"
#include "byline-article.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_WINDOW (byline_window_get_type ())

G_DECLARE_FINAL_TYPE (BylineWindow, byline_window, BYLINE, WINDOW, AdwApplicationWindow)

BylineWindow  *byline_window_new         (BylineApplication *application);
void           byline_window_open_draft  (BylineWindow      *self,
                                          const char        *id);
BylineArticle *byline_window_get_article (BylineWindow      *self);
gboolean       byline_window_is_busy     (BylineWindow      *self);

G_END_DECLS
