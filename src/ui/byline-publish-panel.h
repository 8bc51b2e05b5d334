/* byline-publish-panel.h
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

#define BYLINE_TYPE_PUBLISH_PANEL (byline_publish_panel_get_type ())

G_DECLARE_FINAL_TYPE (BylinePublishPanel, byline_publish_panel, BYLINE, PUBLISH_PANEL, GtkWidget)

GtkWidget     *byline_publish_panel_new         (void);
void           byline_publish_panel_set_application (BylinePublishPanel *self,
                                                 BylineApplication  *application);
BylineArticle *byline_publish_panel_get_article (BylinePublishPanel *self);
void           byline_publish_panel_set_article (BylinePublishPanel *self,
                                                 BylineArticle      *article);
BylinePortalCaps byline_publish_panel_get_caps  (BylinePublishPanel *self);
void           byline_publish_panel_send        (BylinePublishPanel *self);

G_END_DECLS
