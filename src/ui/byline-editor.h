/* byline-editor.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-article.h"
#include "byline-editor-buffer.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_EDITOR (byline_editor_get_type ())

G_DECLARE_FINAL_TYPE (BylineEditor, byline_editor, BYLINE, EDITOR, GtkWidget)

GtkWidget          *byline_editor_new              (void);
BylineArticle      *byline_editor_get_article      (BylineEditor  *self);
void                byline_editor_set_article      (BylineEditor  *self,
                                                    BylineArticle *article);
void                byline_editor_focus_headline   (BylineEditor  *self);
BylineEditorBuffer *byline_editor_get_body_buffer  (BylineEditor  *self);
GtkTextView        *byline_editor_get_body_view    (BylineEditor  *self);
guint               byline_editor_insert_photos    (BylineEditor  *self,
                                                    GSList        *files,
                                                    GtkTextIter   *where);
void                byline_editor_paste_blocks     (BylineEditor  *self,
                                                    GPtrArray     *blocks);
void                byline_editor_set_photo_directory (BylineEditor *self,
                                                    GFile         *directory);
char               *byline_editor_validate_link    (const char    *text);
void                byline_editor_set_accels       (GtkApplication *application);

G_END_DECLS
