/* byline-editor-history.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-editor-buffer.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_EDITOR_HISTORY (byline_editor_history_get_type ())

G_DECLARE_FINAL_TYPE (BylineEditorHistory, byline_editor_history, BYLINE, EDITOR_HISTORY, GObject)

BylineEditorHistory *byline_editor_history_new         (BylineEditorBuffer  *buffer);
gboolean             byline_editor_history_can_undo    (BylineEditorHistory *self);
gboolean             byline_editor_history_can_redo    (BylineEditorHistory *self);
void                 byline_editor_history_undo        (BylineEditorHistory *self);
void                 byline_editor_history_redo        (BylineEditorHistory *self);
void                 byline_editor_history_clear       (BylineEditorHistory *self);
void                 byline_editor_history_pause       (BylineEditorHistory *self);
void                 byline_editor_history_resume      (BylineEditorHistory *self);
void                 byline_editor_history_break       (BylineEditorHistory *self);

G_END_DECLS
