/* byline-draft-summary.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-article.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_DRAFT_SUMMARY (byline_draft_summary_get_type ())

G_DECLARE_FINAL_TYPE (BylineDraftSummary, byline_draft_summary, BYLINE, DRAFT_SUMMARY, GObject)

BylineDraftSummary *byline_draft_summary_new               (const char         *id,
                                                            const char         *title,
                                                            const char         *excerpt,
                                                            GDateTime          *modified,
                                                            guint               word_count,
                                                            const char         *search_key,
                                                            BylinePostStatus    status,
                                                            BylinePostStatus    remote_status);
BylineDraftSummary *byline_draft_summary_new_for_article   (BylineArticle      *article);
BylineDraftSummary *byline_draft_summary_new_damaged       (const char         *id,
                                                            GDateTime          *modified);

const char         *byline_draft_summary_get_id            (BylineDraftSummary *self);
const char         *byline_draft_summary_get_title         (BylineDraftSummary *self);
const char         *byline_draft_summary_get_excerpt       (BylineDraftSummary *self);
const char         *byline_draft_summary_get_display_title (BylineDraftSummary *self);
GDateTime          *byline_draft_summary_get_modified      (BylineDraftSummary *self);
guint               byline_draft_summary_get_word_count    (BylineDraftSummary *self);
const char         *byline_draft_summary_get_search_key    (BylineDraftSummary *self);
BylinePostStatus    byline_draft_summary_get_status        (BylineDraftSummary *self);
BylinePostStatus    byline_draft_summary_get_remote_status (BylineDraftSummary *self);
gboolean            byline_draft_summary_get_damaged       (BylineDraftSummary *self);
gboolean            byline_draft_summary_matches           (BylineDraftSummary *self,
                                                            const char         *query);
int                 byline_draft_summary_compare           (BylineDraftSummary *a,
                                                            BylineDraftSummary *b);

G_END_DECLS
