/* byline-outbox-item.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-article.h"
#include "byline-publisher.h"

G_BEGIN_DECLS

/**
 * BylineOutboxState:
 * @BYLINE_OUTBOX_QUEUED: waits for its turn
 * @BYLINE_OUTBOX_SENDING: being sent
 * @BYLINE_OUTBOX_WAITING: waits for the network or the portal; sent by
 *   itself when the portal can be reached again
 * @BYLINE_OUTBOX_FAILED: not sent, for a reason the user must see to (the
 *   item's message says which); not retried
 */
typedef enum
{
  BYLINE_OUTBOX_QUEUED,
  BYLINE_OUTBOX_SENDING,
  BYLINE_OUTBOX_WAITING,
  BYLINE_OUTBOX_FAILED,
} BylineOutboxState;

#define BYLINE_TYPE_OUTBOX_ITEM (byline_outbox_item_get_type ())

G_DECLARE_FINAL_TYPE (BylineOutboxItem, byline_outbox_item, BYLINE, OUTBOX_ITEM, GObject)

BylineOutboxItem  *byline_outbox_item_new           (BylineArticle      *article,
                                                     const char         *account_id,
                                                     BylinePublishFlags  flags,
                                                     GDateTime          *queued);
BylineArticle     *byline_outbox_item_get_article   (BylineOutboxItem   *self);
const char        *byline_outbox_item_get_account_id (BylineOutboxItem  *self);
void               byline_outbox_item_set_account_id (BylineOutboxItem  *self,
                                                     const char         *account_id);
BylinePublishFlags byline_outbox_item_get_flags     (BylineOutboxItem   *self);
void               byline_outbox_item_set_flags     (BylineOutboxItem   *self,
                                                     BylinePublishFlags  flags);
GDateTime         *byline_outbox_item_get_queued    (BylineOutboxItem   *self);
BylineOutboxState  byline_outbox_item_get_state     (BylineOutboxItem   *self);
void               byline_outbox_item_set_state     (BylineOutboxItem   *self,
                                                     BylineOutboxState   state);
const char        *byline_outbox_item_get_message   (BylineOutboxItem   *self);
void               byline_outbox_item_set_message   (BylineOutboxItem   *self,
                                                     const char         *message);
BylinePublisher   *byline_outbox_item_get_publisher (BylineOutboxItem   *self);
void               byline_outbox_item_set_publisher (BylineOutboxItem   *self,
                                                     BylinePublisher    *publisher);

G_END_DECLS
