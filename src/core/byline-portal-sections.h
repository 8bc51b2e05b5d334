/* byline-portal-sections.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-portal.h"
#include "byline-remote-post-list.h"

G_BEGIN_DECLS

/**
 * BylineSection:
 * @BYLINE_SECTION_REVIEW_QUEUE: everyone's articles waiting for review
 *   (for those who may edit other people's articles)
 * @BYLINE_SECTION_MY_SUBMISSIONS: the user's own articles waiting for review
 *   or returned to them
 * @BYLINE_SECTION_SCHEDULED: articles scheduled for publication
 * @BYLINE_SECTION_PUBLISHED: recently published articles
 *
 * The portal's lists shown in the sidebar for an account.
 */
typedef enum
{
  BYLINE_SECTION_REVIEW_QUEUE,
  BYLINE_SECTION_MY_SUBMISSIONS,
  BYLINE_SECTION_SCHEDULED,
  BYLINE_SECTION_PUBLISHED,
  BYLINE_N_SECTIONS,
} BylineSection;

#define BYLINE_TYPE_PORTAL_SECTIONS (byline_portal_sections_get_type ())

G_DECLARE_FINAL_TYPE (BylinePortalSections, byline_portal_sections, BYLINE, PORTAL_SECTIONS,
                      GObject)

BylinePortalSections *byline_portal_sections_new            (BylinePortal          *portal,
                                                             BylinePortalUser      *user,
                                                             GCancellable          *cancellable);
BylinePortal         *byline_portal_sections_get_portal     (BylinePortalSections  *self);
BylinePortalUser     *byline_portal_sections_get_user       (BylinePortalSections  *self);
BylineRemotePostList *byline_portal_sections_get_list       (BylinePortalSections  *self,
                                                             BylineSection          section);
GTimeZone            *byline_portal_sections_get_time_zone  (BylinePortalSections  *self);
void                  byline_portal_sections_start          (BylinePortalSections  *self);
void                  byline_portal_sections_reload         (BylinePortalSections  *self);
void                  byline_portal_sections_refresh_async  (BylinePortalSections  *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean              byline_portal_sections_refresh_finish (BylinePortalSections  *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
void                  byline_portal_sections_apply_changes  (BylinePortalSections  *self,
                                                             GPtrArray             *posts);
void                  byline_portal_sections_mark_returned_async  (BylinePortalSections *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean              byline_portal_sections_mark_returned_finish (BylinePortalSections *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
guint                 byline_portal_sections_get_refresh_interval (BylinePortalSections *self);
void                  byline_portal_sections_set_refresh_interval (BylinePortalSections *self,
                                                             guint                  seconds);

G_END_DECLS
