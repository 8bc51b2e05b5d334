/* byline-portal-sidebar.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-application.h"
#include "byline-drafts-panel.h"
#include "byline-portal-sections.h"
#include "byline-remote-panel.h"

G_BEGIN_DECLS

/* How often the portal's lists are brought up to date while a window
 * shows them (seconds). */
#define BYLINE_PORTAL_SIDEBAR_REFRESH_SECONDS 60

#define BYLINE_TYPE_PORTAL_SIDEBAR (byline_portal_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (BylinePortalSidebar, byline_portal_sidebar, BYLINE, PORTAL_SIDEBAR, GtkWidget)

GtkWidget            *byline_portal_sidebar_new              (void);
void                  byline_portal_sidebar_setup            (BylinePortalSidebar  *self,
                                                              BylineApplication    *application,
                                                              GCancellable         *cancellable);
BylineDraftsPanel    *byline_portal_sidebar_get_drafts_panel (BylinePortalSidebar  *self);
BylinePortalSections *byline_portal_sidebar_get_sections     (BylinePortalSidebar  *self,
                                                              const char           *account_id);
BylinePortalSections *byline_portal_sidebar_find_sections    (BylinePortalSidebar  *self,
                                                              const char           *site);
BylineRemotePanel    *byline_portal_sidebar_get_panel        (BylinePortalSidebar  *self,
                                                              BylinePortalSections *sections,
                                                              BylineSection         section);
void                  byline_portal_sidebar_select_drafts    (BylinePortalSidebar  *self);
void                  byline_portal_sidebar_select_section   (BylinePortalSidebar  *self,
                                                              BylinePortalSections *sections,
                                                              BylineSection         section);
GtkWidget            *byline_portal_sidebar_get_section_row  (BylinePortalSidebar  *self,
                                                              BylinePortalSections *sections,
                                                              BylineSection         section);
void                  byline_portal_sidebar_refresh          (BylinePortalSidebar  *self);
const char           *byline_portal_sidebar_section_name     (BylineSection         section);

G_END_DECLS
