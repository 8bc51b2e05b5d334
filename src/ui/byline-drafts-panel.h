/* byline-drafts-panel.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-draft-store.h"
#include "byline-outbox.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_DRAFTS_PANEL (byline_drafts_panel_get_type ())

G_DECLARE_FINAL_TYPE (BylineDraftsPanel, byline_drafts_panel, BYLINE, DRAFTS_PANEL, GtkWidget)

GtkWidget        *byline_drafts_panel_new           (void);
BylineDraftStore *byline_drafts_panel_get_store     (BylineDraftsPanel *self);
void              byline_drafts_panel_set_store     (BylineDraftsPanel *self,
                                                     BylineDraftStore  *store);
const char       *byline_drafts_panel_get_selected_id (BylineDraftsPanel *self);
void              byline_drafts_panel_select        (BylineDraftsPanel *self,
                                                     const char        *id);
void              byline_drafts_panel_set_search    (BylineDraftsPanel *self,
                                                     const char        *text);
GListModel       *byline_drafts_panel_get_shown     (BylineDraftsPanel *self);
void              byline_drafts_panel_set_outbox    (BylineDraftsPanel *self,
                                                     BylineOutbox      *outbox);
void              byline_drafts_panel_refresh_times (BylineDraftsPanel *self,
                                                     GDateTime         *now);

G_END_DECLS
