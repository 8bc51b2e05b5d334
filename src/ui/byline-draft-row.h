/* byline-draft-row.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-draft-summary.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_DRAFT_ROW (byline_draft_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineDraftRow, byline_draft_row, BYLINE, DRAFT_ROW, GtkWidget)

GtkWidget          *byline_draft_row_new          (void);
BylineDraftSummary *byline_draft_row_get_summary  (BylineDraftRow     *self);
void                byline_draft_row_set_summary  (BylineDraftRow     *self,
                                                   BylineDraftSummary *summary);
void                byline_draft_row_update_time  (BylineDraftRow     *self,
                                                   GDateTime          *now);
void                byline_draft_row_set_outbox_state (BylineDraftRow *self,
                                                   int                 state);

G_END_DECLS
