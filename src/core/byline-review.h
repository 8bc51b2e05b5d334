/* byline-review.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-draft-store.h"
#include "byline-portal.h"
#include "byline-publisher.h"

G_BEGIN_DECLS

char                *byline_review_note_text           (const BylinePortalComment  *comment);

void                 byline_review_list_notes_async    (BylinePortal               *portal,
                                                        gint64                      post_id,
                                                        GCancellable               *cancellable,
                                                        GAsyncReadyCallback         callback,
                                                        gpointer                    user_data);
GPtrArray           *byline_review_list_notes_finish   (GAsyncResult               *result,
                                                        GError                    **error);

void                 byline_review_return_async        (BylinePortal               *portal,
                                                        gint64                      post_id,
                                                        const char                 *note,
                                                        GCancellable               *cancellable,
                                                        GAsyncReadyCallback         callback,
                                                        gpointer                    user_data);
BylinePortalPost    *byline_review_return_finish       (GAsyncResult               *result,
                                                        GError                    **error);

void                 byline_review_reply_async         (BylinePortal               *portal,
                                                        gint64                      post_id,
                                                        gint64                      note_id,
                                                        const char                 *text,
                                                        GCancellable               *cancellable,
                                                        GAsyncReadyCallback         callback,
                                                        gpointer                    user_data);
BylinePortalComment *byline_review_reply_finish        (GAsyncResult               *result,
                                                        BylinePortalPost          **post,
                                                        GError                    **error);

void                 byline_review_clear_notes_async   (BylinePortal               *portal,
                                                        gint64                      post_id,
                                                        GDateTime                  *before,
                                                        GCancellable               *cancellable,
                                                        GAsyncReadyCallback         callback,
                                                        gpointer                    user_data);
guint                byline_review_clear_notes_finish  (GAsyncResult               *result,
                                                        GError                    **error);

void                 byline_review_approve_async       (BylinePublisher            *publisher,
                                                        BylineDraftStore           *store,
                                                        GDateTime                  *date,
                                                        GCancellable               *cancellable,
                                                        GAsyncReadyCallback         callback,
                                                        gpointer                    user_data);
BylinePortalPost    *byline_review_approve_finish      (GAsyncResult               *result,
                                                        GError                    **error);

G_END_DECLS
