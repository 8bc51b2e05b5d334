/* byline-remote-panel.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-portal-sections.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_REMOTE_PANEL (byline_remote_panel_get_type ())

G_DECLARE_FINAL_TYPE (BylineRemotePanel, byline_remote_panel, BYLINE, REMOTE_PANEL, GtkWidget)

GtkWidget            *byline_remote_panel_new         (BylinePortalSections *sections,
                                                       BylineSection         section);
BylinePortalSections *byline_remote_panel_get_sections (BylineRemotePanel   *self);
BylineSection         byline_remote_panel_get_section (BylineRemotePanel    *self);
GtkListView          *byline_remote_panel_get_list_view (BylineRemotePanel  *self);
void                  byline_remote_panel_set_search  (BylineRemotePanel    *self,
                                                       const char           *text);
void                  byline_remote_panel_activate    (BylineRemotePanel    *self,
                                                       guint                 position);
const char           *byline_remote_panel_get_page    (BylineRemotePanel    *self);

G_END_DECLS
