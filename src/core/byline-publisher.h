/* byline-publisher.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-article.h"
#include "byline-draft-store.h"
#include "byline-portal.h"
#include "byline-publish-check.h"

G_BEGIN_DECLS

/**
 * BylinePublishStep:
 * @BYLINE_PUBLISH_STEP_IDLE: not running
 * @BYLINE_PUBLISH_STEP_CHECKING: signing in, checking the role, finding out
 *   what an earlier run left unanswered
 * @BYLINE_PUBLISH_STEP_TERMS: finding or creating categories and tags
 * @BYLINE_PUBLISH_STEP_PHOTOS: preparing and uploading photos
 * @BYLINE_PUBLISH_STEP_POST: creating or updating the post
 * @BYLINE_PUBLISH_STEP_DONE: the post is on the portal
 */
typedef enum
{
  BYLINE_PUBLISH_STEP_IDLE,
  BYLINE_PUBLISH_STEP_CHECKING,
  BYLINE_PUBLISH_STEP_TERMS,
  BYLINE_PUBLISH_STEP_PHOTOS,
  BYLINE_PUBLISH_STEP_POST,
  BYLINE_PUBLISH_STEP_DONE,
} BylinePublishStep;

/**
 * BylinePublishFlags:
 * @BYLINE_PUBLISH_FLAGS_NONE: no flags
 * @BYLINE_PUBLISH_FLAGS_OVERWRITE: update the post even though someone
 *   changed it on the portal since it was loaded (the user chose to)
 */
typedef enum /*< flags >*/
{
  BYLINE_PUBLISH_FLAGS_NONE = 0,
  BYLINE_PUBLISH_FLAGS_OVERWRITE = 1 << 0,
} BylinePublishFlags;

/**
 * BylinePhotoUploadState:
 * @BYLINE_PHOTO_UPLOAD_WAITING: not started
 * @BYLINE_PHOTO_UPLOAD_PREPARING: being made ready (scaled, metadata removed)
 * @BYLINE_PHOTO_UPLOAD_UPLOADING: being sent
 * @BYLINE_PHOTO_UPLOAD_DONE: on the portal
 */
typedef enum
{
  BYLINE_PHOTO_UPLOAD_WAITING,
  BYLINE_PHOTO_UPLOAD_PREPARING,
  BYLINE_PHOTO_UPLOAD_UPLOADING,
  BYLINE_PHOTO_UPLOAD_DONE,
} BylinePhotoUploadState;

#define BYLINE_TYPE_PUBLISHER (byline_publisher_get_type ())

G_DECLARE_FINAL_TYPE (BylinePublisher, byline_publisher, BYLINE, PUBLISHER, GObject)

BylinePublisher   *byline_publisher_new               (BylinePortal       *portal,
                                                       BylineDraftStore   *store,
                                                       BylineArticle      *article);
BylinePortal      *byline_publisher_get_portal        (BylinePublisher    *self);
BylineArticle     *byline_publisher_get_article       (BylinePublisher    *self);
void               byline_publisher_set_flags         (BylinePublisher    *self,
                                                       BylinePublishFlags  flags);
void               byline_publisher_set_photo_options (BylinePublisher    *self,
                                                       guint               max_edge,
                                                       guint               jpeg_quality);
void               byline_publisher_set_work_dir      (BylinePublisher    *self,
                                                       GFile              *directory);

void               byline_publisher_run_async         (BylinePublisher    *self,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
BylinePortalPost  *byline_publisher_run_finish        (BylinePublisher    *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);

BylinePublishStep  byline_publisher_get_step          (BylinePublisher    *self);
void               byline_publisher_get_progress      (BylinePublisher    *self,
                                                       guint64            *sent,
                                                       guint64            *total);
double             byline_publisher_get_fraction      (BylinePublisher    *self);
guint              byline_publisher_get_n_photos      (BylinePublisher    *self);
const char        *byline_publisher_get_photo         (BylinePublisher    *self,
                                                       guint               index,
                                                       BylinePhotoUploadState *state,
                                                       guint64            *sent,
                                                       guint64            *total);
BylinePortalUser  *byline_publisher_get_user          (BylinePublisher    *self);
BylinePortalPost  *byline_publisher_get_conflict      (BylinePublisher    *self);
char              *byline_publisher_describe_failure  (BylinePublisher    *self,
                                                       const GError       *error);

char              *byline_publisher_digest            (const char         *title,
                                                       const char         *excerpt,
                                                       const char         *content);

G_END_DECLS
