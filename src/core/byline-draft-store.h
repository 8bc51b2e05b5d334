/* byline-draft-store.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-article.h"
#include "byline-draft-summary.h"

G_BEGIN_DECLS

/* Photos larger than this are refused: no camera makes them, and a draft
 * folder must stay copyable to a USB stick. */
#define BYLINE_DRAFT_STORE_MAX_PHOTO_SIZE (200 * 1024 * 1024)

#define BYLINE_TYPE_DRAFT_STORE (byline_draft_store_get_type ())

G_DECLARE_FINAL_TYPE (BylineDraftStore, byline_draft_store, BYLINE, DRAFT_STORE, GObject)

BylineDraftStore *byline_draft_store_new                  (GFile               *base_dir);
BylineDraftStore *byline_draft_store_new_default          (void);
GFile            *byline_draft_store_get_base_dir         (BylineDraftStore    *self);
GFile            *byline_draft_store_get_draft_dir        (BylineDraftStore    *self,
                                                           const char          *id);
GListModel       *byline_draft_store_get_drafts           (BylineDraftStore    *self);
BylineDraftSummary *byline_draft_store_find_summary       (BylineDraftStore    *self,
                                                           const char          *id,
                                                           guint               *position);
GFile            *byline_draft_store_resolve_photo        (BylineDraftStore    *self,
                                                           const char          *id,
                                                           const char          *local_path);

void              byline_draft_store_list_async           (BylineDraftStore    *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean          byline_draft_store_list_finish          (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void              byline_draft_store_save_async           (BylineDraftStore    *self,
                                                           BylineArticle       *article,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean          byline_draft_store_save_finish          (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void              byline_draft_store_load_async           (BylineDraftStore    *self,
                                                           const char          *id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
BylineArticle    *byline_draft_store_load_finish          (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           gboolean            *recovered,
                                                           GError             **error);

void              byline_draft_store_trash_async          (BylineDraftStore    *self,
                                                           const char          *id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean          byline_draft_store_trash_finish         (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void              byline_draft_store_restore_async        (BylineDraftStore    *self,
                                                           const char          *id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean          byline_draft_store_restore_finish       (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void              byline_draft_store_delete_async         (BylineDraftStore    *self,
                                                           const char          *id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean          byline_draft_store_delete_finish        (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void              byline_draft_store_purge_trash_async    (BylineDraftStore    *self,
                                                           GDateTime           *now,
                                                           guint                max_age_days,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
guint             byline_draft_store_purge_trash_finish   (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void              byline_draft_store_copy_photo_async     (BylineDraftStore    *self,
                                                           const char          *id,
                                                           const char          *figure_id,
                                                           GFile               *source,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
char             *byline_draft_store_copy_photo_finish    (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void              byline_draft_store_save_session_async   (BylineDraftStore    *self,
                                                           const char * const  *open_ids,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean          byline_draft_store_save_session_finish  (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void              byline_draft_store_load_session_async   (BylineDraftStore    *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GStrv             byline_draft_store_load_session_finish  (BylineDraftStore    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
