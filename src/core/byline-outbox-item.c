/* byline-outbox-item.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-outbox"

#include "config.h"

#include "byline-core-enums.h"
#include "byline-outbox-item.h"

/**
 * BylineOutboxItem:
 *
 * An article waiting in the outbox (#BylineOutbox): which account sends it,
 * where it stands, and while it is sent, its publish job (for progress).
 */

struct _BylineOutboxItem
{
  GObject             parent_instance;

  /* Owned */
  BylineArticle      *article;
  char               *account_id;
  GDateTime          *queued;
  char               *message;
  BylinePublisher    *publisher;

  BylinePublishFlags  flags;
  BylineOutboxState   state;
};

G_DEFINE_FINAL_TYPE (BylineOutboxItem, byline_outbox_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_PUBLISHER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * byline_outbox_item_new:
 * @article: the live article
 * @account_id: the id of the account that sends it
 * @flags: how
 * @queued: when it was put in the outbox
 *
 * Returns: (transfer full): a queued item
 */
BylineOutboxItem *
byline_outbox_item_new (BylineArticle      *article,
                        const char         *account_id,
                        BylinePublishFlags  flags,
                        GDateTime          *queued)
{
  BylineOutboxItem *self;

  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (queued != NULL, NULL);

  self = g_object_new (BYLINE_TYPE_OUTBOX_ITEM, NULL);
  self->article = g_object_ref (article);
  self->account_id = g_strdup (account_id);
  self->flags = flags;
  self->queued = g_date_time_ref (queued);

  return self;
}

/**
 * byline_outbox_item_get_article:
 *
 * Returns: (transfer none): the article
 */
BylineArticle *
byline_outbox_item_get_article (BylineOutboxItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTBOX_ITEM (self), NULL);

  return self->article;
}

const char *
byline_outbox_item_get_account_id (BylineOutboxItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTBOX_ITEM (self), NULL);

  return self->account_id;
}

void
byline_outbox_item_set_account_id (BylineOutboxItem *self,
                                   const char       *account_id)
{
  g_return_if_fail (BYLINE_IS_OUTBOX_ITEM (self));
  g_return_if_fail (account_id != NULL);

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
}

BylinePublishFlags
byline_outbox_item_get_flags (BylineOutboxItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTBOX_ITEM (self), BYLINE_PUBLISH_FLAGS_NONE);

  return self->flags;
}

void
byline_outbox_item_set_flags (BylineOutboxItem   *self,
                              BylinePublishFlags  flags)
{
  g_return_if_fail (BYLINE_IS_OUTBOX_ITEM (self));

  self->flags = flags;
}

/**
 * byline_outbox_item_get_queued:
 *
 * Returns: (transfer none): when the article was put in the outbox
 */
GDateTime *
byline_outbox_item_get_queued (BylineOutboxItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTBOX_ITEM (self), NULL);

  return self->queued;
}

BylineOutboxState
byline_outbox_item_get_state (BylineOutboxItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTBOX_ITEM (self), BYLINE_OUTBOX_QUEUED);

  return self->state;
}

void
byline_outbox_item_set_state (BylineOutboxItem  *self,
                              BylineOutboxState  state)
{
  g_return_if_fail (BYLINE_IS_OUTBOX_ITEM (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * byline_outbox_item_get_message:
 *
 * Returns: (nullable): why the last attempt failed, for people
 */
const char *
byline_outbox_item_get_message (BylineOutboxItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTBOX_ITEM (self), NULL);

  return self->message;
}

void
byline_outbox_item_set_message (BylineOutboxItem *self,
                                const char       *message)
{
  g_return_if_fail (BYLINE_IS_OUTBOX_ITEM (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/**
 * byline_outbox_item_get_publisher:
 *
 * Returns: (transfer none) (nullable): the publish job of the last or
 *   current attempt
 */
BylinePublisher *
byline_outbox_item_get_publisher (BylineOutboxItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTBOX_ITEM (self), NULL);

  return self->publisher;
}

void
byline_outbox_item_set_publisher (BylineOutboxItem *self,
                                  BylinePublisher  *publisher)
{
  g_return_if_fail (BYLINE_IS_OUTBOX_ITEM (self));
  g_return_if_fail (publisher == NULL || BYLINE_IS_PUBLISHER (publisher));

  if (g_set_object (&self->publisher, publisher))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHER]);
}

static void
byline_outbox_item_dispose (GObject *object)
{
  BylineOutboxItem *self = BYLINE_OUTBOX_ITEM (object);

  g_clear_object (&self->article);
  g_clear_object (&self->publisher);

  G_OBJECT_CLASS (byline_outbox_item_parent_class)->dispose (object);
}

static void
byline_outbox_item_finalize (GObject *object)
{
  BylineOutboxItem *self = BYLINE_OUTBOX_ITEM (object);

  g_free (self->account_id);
  g_free (self->message);
  g_clear_pointer (&self->queued, g_date_time_unref);

  G_OBJECT_CLASS (byline_outbox_item_parent_class)->finalize (object);
}

static void
byline_outbox_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineOutboxItem *self = BYLINE_OUTBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_PUBLISHER:
      g_value_set_object (value, self->publisher);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_outbox_item_class_init (BylineOutboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_outbox_item_dispose;
  object_class->finalize = byline_outbox_item_finalize;
  object_class->get_property = byline_outbox_item_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       BYLINE_TYPE_OUTBOX_STATE, BYLINE_OUTBOX_QUEUED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLISHER] =
    g_param_spec_object ("publisher", NULL, NULL, BYLINE_TYPE_PUBLISHER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_outbox_item_init (BylineOutboxItem *self)
{
}
