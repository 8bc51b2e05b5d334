/* byline-remote-article.h
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

G_BEGIN_DECLS

/**
 * BylineRemoteCopy:
 * @BYLINE_REMOTE_COPY_NEW: there was no working copy; one was made
 * @BYLINE_REMOTE_COPY_UNCHANGED: the working copy was of this version of
 *   the post already (any edits made in it are kept)
 * @BYLINE_REMOTE_COPY_UPDATED: the working copy, not edited, was of an
 *   older version; it now holds the portal's
 * @BYLINE_REMOTE_COPY_DIVERGED: the working copy was edited here and the
 *   post changed on the portal: the working copy is kept as it is
 *
 * What opening a post from the portal did with its local working copy.
 */
typedef enum
{
  BYLINE_REMOTE_COPY_NEW,
  BYLINE_REMOTE_COPY_UNCHANGED,
  BYLINE_REMOTE_COPY_UPDATED,
  BYLINE_REMOTE_COPY_DIVERGED,
} BylineRemoteCopy;

char          *byline_remote_article_id           (const char         *site,
                                                   gint64              post_id);
const char    *byline_remote_article_site         (BylinePortal       *portal);
BylinePostStatus byline_remote_article_status     (BylinePortalPostStatus status);
BylineArticle *byline_remote_article_new          (BylinePortalPost   *post,
                                                   const char         *site,
                                                   GPtrArray          *categories,
                                                   GPtrArray          *tags,
                                                   GError            **error);
BylineArticle *byline_remote_article_new_detached (BylinePortalPost   *post,
                                                   const char         *site,
                                                   GError            **error);
gboolean       byline_remote_article_is_edited    (BylineArticle      *article);
void           byline_remote_article_mark_sent    (BylineArticle      *article,
                                                   BylinePortalPost   *post);

void           byline_remote_article_fetch_async  (BylinePortal       *portal,
                                                   gint64              post_id,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
BylineArticle *byline_remote_article_fetch_finish (GAsyncResult       *result,
                                                   BylinePortalPost  **post,
                                                   GError            **error);

void           byline_remote_article_open_async   (BylinePortal       *portal,
                                                   BylineDraftStore   *store,
                                                   gint64              post_id,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
BylineArticle *byline_remote_article_open_finish  (GAsyncResult       *result,
                                                   BylineRemoteCopy   *copy,
                                                   GError            **error);

G_END_DECLS
