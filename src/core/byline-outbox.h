/* byline-outbox.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "byline-account-store.h"
#include "byline-draft-store.h"
#include "byline-outbox-item.h"

G_BEGIN_DECLS

/* Retries of an article that waits for the network: the first after this
 * many milliseconds, each next one twice as late, never later than the
 * longest; a network coming back retries at once. */
#define BYLINE_OUTBOX_FIRST_RETRY   5000
#define BYLINE_OUTBOX_LONGEST_RETRY (5 * 60 * 1000)

#define BYLINE_TYPE_OUTBOX (byline_outbox_get_type ())

G_DECLARE_FINAL_TYPE (BylineOutbox, byline_outbox, BYLINE, OUTBOX, GObject)

BylineOutbox     *byline_outbox_new                (BylineDraftStore    *drafts,
                                                    BylineAccountStore  *accounts,
                                                    SoupSession         *session,
                                                    GNetworkMonitor     *monitor,
                                                    GFile               *file);
GListModel       *byline_outbox_get_items          (BylineOutbox        *self);
BylineOutboxItem *byline_outbox_lookup             (BylineOutbox        *self,
                                                    const char          *article_id);
void              byline_outbox_set_retry_delays   (BylineOutbox        *self,
                                                    guint                first_ms,
                                                    guint                longest_ms);
void              byline_outbox_set_photo_options  (BylineOutbox        *self,
                                                    guint                max_edge,
                                                    guint                jpeg_quality);
void              byline_outbox_set_work_dir       (BylineOutbox        *self,
                                                    GFile               *directory);

void              byline_outbox_load_async         (BylineOutbox        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          byline_outbox_load_finish        (BylineOutbox        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

BylineOutboxItem *byline_outbox_send               (BylineOutbox        *self,
                                                    BylineArticle       *article,
                                                    BylineAccount       *account,
                                                    BylinePublishFlags   flags);
void              byline_outbox_cancel             (BylineOutbox        *self,
                                                    const char          *article_id);

G_END_DECLS
