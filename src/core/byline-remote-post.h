/* byline-remote-post.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-portal-types.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_REMOTE_POST (byline_remote_post_get_type ())

G_DECLARE_FINAL_TYPE (BylineRemotePost, byline_remote_post, BYLINE, REMOTE_POST, GObject)

BylineRemotePost       *byline_remote_post_new             (BylinePortalPost *post);
BylinePortalPost       *byline_remote_post_get_post        (BylineRemotePost *self);
void                    byline_remote_post_set_post        (BylineRemotePost *self,
                                                            BylinePortalPost *post);
gint64                  byline_remote_post_get_id          (BylineRemotePost *self);
const char             *byline_remote_post_get_title       (BylineRemotePost *self);
BylinePortalPostStatus  byline_remote_post_get_status      (BylineRemotePost *self);
GDateTime              *byline_remote_post_get_date        (BylineRemotePost *self);
gint64                  byline_remote_post_get_author      (BylineRemotePost *self);
const char             *byline_remote_post_get_author_name (BylineRemotePost *self);
void                    byline_remote_post_set_author_name (BylineRemotePost *self,
                                                            const char       *name);
gboolean                byline_remote_post_get_has_notes   (BylineRemotePost *self);
void                    byline_remote_post_set_has_notes   (BylineRemotePost *self,
                                                            gboolean          has_notes);
int                     byline_remote_post_compare         (BylineRemotePost *a,
                                                            BylineRemotePost *b);

G_END_DECLS
