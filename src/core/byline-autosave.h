/* byline-autosave.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-article.h"
#include "byline-draft-store.h"

G_BEGIN_DECLS

/**
 * BylineAutosaveState:
 * @BYLINE_AUTOSAVE_SAVED: everything is on disk
 * @BYLINE_AUTOSAVE_PENDING: there are changes; a save is scheduled
 * @BYLINE_AUTOSAVE_SAVING: a save is running
 * @BYLINE_AUTOSAVE_FAILED: the last save failed; it is retried
 */
typedef enum
{
  BYLINE_AUTOSAVE_SAVED,
  BYLINE_AUTOSAVE_PENDING,
  BYLINE_AUTOSAVE_SAVING,
  BYLINE_AUTOSAVE_FAILED,
} BylineAutosaveState;

/* Bounds of the delay after the last change (the "autosave-delay" setting). */
#define BYLINE_AUTOSAVE_MIN_DELAY 100
#define BYLINE_AUTOSAVE_MAX_DELAY 1000
#define BYLINE_AUTOSAVE_DEFAULT_DELAY 500

#define BYLINE_TYPE_AUTOSAVE (byline_autosave_get_type ())

G_DECLARE_FINAL_TYPE (BylineAutosave, byline_autosave, BYLINE, AUTOSAVE, GObject)

BylineAutosave      *byline_autosave_new           (BylineDraftStore     *store,
                                                    BylineArticle        *article);
BylineArticle       *byline_autosave_get_article   (BylineAutosave       *self);
BylineDraftStore    *byline_autosave_get_store     (BylineAutosave       *self);
BylineAutosaveState  byline_autosave_get_state     (BylineAutosave       *self);
const GError        *byline_autosave_get_error     (BylineAutosave       *self);
gboolean             byline_autosave_get_dirty     (BylineAutosave       *self);
guint                byline_autosave_get_delay     (BylineAutosave       *self);
void                 byline_autosave_set_delay     (BylineAutosave       *self,
                                                    guint                 delay_ms);
guint                byline_autosave_get_max_lag   (BylineAutosave       *self);
void                 byline_autosave_set_max_lag   (BylineAutosave       *self,
                                                    guint                 max_lag_ms);
void                 byline_autosave_set_retry_delays (BylineAutosave    *self,
                                                    guint                 first_ms,
                                                    guint                 max_ms);
void                 byline_autosave_schedule      (BylineAutosave       *self);
void                 byline_autosave_flush_async   (BylineAutosave       *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean             byline_autosave_flush_finish  (BylineAutosave       *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
