/* byline-remote-post-list.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-portal.h"
#include "byline-remote-post.h"

G_BEGIN_DECLS

/* Posts asked for at a time: a screenful and a half of rows. */
#define BYLINE_REMOTE_POST_LIST_PAGE 30

#define BYLINE_TYPE_REMOTE_POST_LIST (byline_remote_post_list_get_type ())

G_DECLARE_FINAL_TYPE (BylineRemotePostList, byline_remote_post_list, BYLINE, REMOTE_POST_LIST,
                      GObject)

BylineRemotePostList *byline_remote_post_list_new         (BylinePortal                *portal,
                                                           const BylinePortalPostQuery *query,
                                                           GCancellable                *cancellable);
BylinePortal         *byline_remote_post_list_get_portal  (BylineRemotePostList        *self);
const BylinePortalPostQuery *
                      byline_remote_post_list_get_query   (BylineRemotePostList        *self);
guint                 byline_remote_post_list_get_total   (BylineRemotePostList        *self);
gboolean              byline_remote_post_list_get_loading (BylineRemotePostList        *self);
gboolean              byline_remote_post_list_get_loaded  (BylineRemotePostList        *self);
gboolean              byline_remote_post_list_get_has_more (BylineRemotePostList       *self);
const GError         *byline_remote_post_list_get_error   (BylineRemotePostList        *self);
const char           *byline_remote_post_list_get_search  (BylineRemotePostList        *self);
void                  byline_remote_post_list_set_search  (BylineRemotePostList        *self,
                                                           const char                  *search);
void                  byline_remote_post_list_reload      (BylineRemotePostList        *self);
void                  byline_remote_post_list_load_more   (BylineRemotePostList        *self);
void                  byline_remote_post_list_recount     (BylineRemotePostList        *self);
gboolean              byline_remote_post_list_matches     (BylineRemotePostList        *self,
                                                           BylinePortalPost            *post);
BylineRemotePost     *byline_remote_post_list_find        (BylineRemotePostList        *self,
                                                           gint64                       id,
                                                           guint                       *position);
guint                 byline_remote_post_list_apply_changes (BylineRemotePostList      *self,
                                                           GPtrArray                   *posts);

G_END_DECLS
