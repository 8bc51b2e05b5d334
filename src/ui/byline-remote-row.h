/* byline-remote-row.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-portal-sections.h"
#include "byline-remote-post.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_REMOTE_ROW (byline_remote_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineRemoteRow, byline_remote_row, BYLINE, REMOTE_ROW, GtkWidget)

GtkWidget        *byline_remote_row_new         (BylineSection     section);
BylineRemotePost *byline_remote_row_get_post    (BylineRemoteRow  *self);
void              byline_remote_row_set_post    (BylineRemoteRow  *self,
                                                 BylineRemotePost *post,
                                                 GTimeZone        *zone);
void              byline_remote_row_update_time (BylineRemoteRow  *self,
                                                 GDateTime        *now);
char             *byline_remote_row_describe    (BylineSection     section,
                                                 BylineRemotePost *post,
                                                 GTimeZone        *zone,
                                                 GDateTime        *now);

G_END_DECLS
