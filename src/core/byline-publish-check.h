/* byline-publish-check.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-article.h"
#include "byline-portal-types.h"

G_BEGIN_DECLS

/**
 * BylinePublishIssueKind:
 * @BYLINE_PUBLISH_ISSUE_NO_HEADLINE: the article has no headline (blocks)
 * @BYLINE_PUBLISH_ISSUE_NO_ACTION: no status was chosen to send it with (blocks)
 * @BYLINE_PUBLISH_ISSUE_CANNOT_PUBLISH: the account may not publish or
 *   schedule; it may submit for review (blocks)
 * @BYLINE_PUBLISH_ISSUE_CANNOT_UPLOAD: photos need uploading and the account
 *   may not upload (blocks)
 * @BYLINE_PUBLISH_ISSUE_NO_DATE: scheduled without a date, or for a time
 *   that has passed (blocks)
 * @BYLINE_PUBLISH_ISSUE_OTHER_PORTAL: the article belongs to a post on
 *   another portal (blocks)
 * @BYLINE_PUBLISH_ISSUE_NO_PHOTO: a figure has neither a photo file nor an
 *   address (blocks)
 * @BYLINE_PUBLISH_ISSUE_NO_LEAD: the article has no lead (a warning)
 * @BYLINE_PUBLISH_ISSUE_NO_CAPTION: a photo has no caption (a warning)
 * @BYLINE_PUBLISH_ISSUE_NO_ALT: a photo has no alternative text (a warning)
 *
 * What stands in the way of sending an article, or deserves a second look.
 */
typedef enum
{
  BYLINE_PUBLISH_ISSUE_NO_HEADLINE,
  BYLINE_PUBLISH_ISSUE_NO_ACTION,
  BYLINE_PUBLISH_ISSUE_CANNOT_PUBLISH,
  BYLINE_PUBLISH_ISSUE_CANNOT_UPLOAD,
  BYLINE_PUBLISH_ISSUE_NO_DATE,
  BYLINE_PUBLISH_ISSUE_OTHER_PORTAL,
  BYLINE_PUBLISH_ISSUE_NO_PHOTO,
  BYLINE_PUBLISH_ISSUE_NO_LEAD,
  BYLINE_PUBLISH_ISSUE_NO_CAPTION,
  BYLINE_PUBLISH_ISSUE_NO_ALT,
} BylinePublishIssueKind;

/**
 * BylinePublishIssue:
 * @kind: what it is
 * @blocking: whether the article cannot be sent until it is resolved
 * @figure_id: (nullable): the figure concerned, for photo issues
 * @photo_number: that figure's place among the article's photos, from 1
 * @count: for %BYLINE_PUBLISH_ISSUE_CANNOT_UPLOAD, how many photos need
 *   uploading
 */
typedef struct
{
  BylinePublishIssueKind  kind;
  gboolean                blocking;
  char                   *figure_id;
  guint                   photo_number;
  guint                   count;
} BylinePublishIssue;

#define BYLINE_TYPE_PUBLISH_ISSUE (byline_publish_issue_get_type ())

GType               byline_publish_issue_get_type  (void) G_GNUC_CONST;
BylinePublishIssue *byline_publish_issue_copy      (const BylinePublishIssue *issue);
void                byline_publish_issue_free      (BylinePublishIssue       *issue);
char               *byline_publish_issue_describe  (const BylinePublishIssue *issue);

GPtrArray          *byline_publish_check           (BylineArticle            *article,
                                                    BylinePostStatus          status,
                                                    BylinePortalCaps          caps,
                                                    const char               *site,
                                                    GDateTime                *now);
const BylinePublishIssue *byline_publish_check_first_blocking (GPtrArray     *issues);
gboolean            byline_publish_figure_needs_upload (const BylineBlock    *figure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePublishIssue, byline_publish_issue_free)

G_END_DECLS
