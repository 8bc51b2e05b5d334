/* byline-remote-post.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include "byline-remote-post.h"

/**
 * BylineRemotePost:
 *
 * A post on the portal as a list shows it: the portal's record (replaced
 * as a whole when the post changes) plus what other requests tell about
 * it, the author's name and whether an editor left notes on it. Items of
 * #BylineRemotePostList; rows follow its property notifications.
 */

struct _BylineRemotePost
{
  GObject           parent_instance;

  /* Owned */
  BylinePortalPost *post;
  char             *author_name;

  guint             has_notes : 1;
};

G_DEFINE_FINAL_TYPE (BylineRemotePost, byline_remote_post, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POST,
  PROP_AUTHOR_NAME,
  PROP_HAS_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * byline_remote_post_new:
 * @post: the portal's record
 *
 * Returns: (transfer full): a new item
 */
BylineRemotePost *
byline_remote_post_new (BylinePortalPost *post)
{
  g_return_val_if_fail (post != NULL, NULL);

  return g_object_new (BYLINE_TYPE_REMOTE_POST, "post", post, NULL);
}

/**
 * byline_remote_post_get_post:
 *
 * Returns: (transfer none): the portal's record
 */
BylinePortalPost *
byline_remote_post_get_post (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->post;
}

/**
 * byline_remote_post_set_post:
 * @post: a newer record of the same post
 */
void
byline_remote_post_set_post (BylineRemotePost *self,
                             BylinePortalPost *post)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));
  g_return_if_fail (post != NULL);
  g_return_if_fail (self->post == NULL || self->post->id == post->id);

  if (self->post == post)
    return;

  g_clear_pointer (&self->post, byline_portal_post_unref);
  self->post = byline_portal_post_ref (post);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST]);
}

gint64
byline_remote_post_get_id (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), 0);

  return self->post->id;
}

/**
 * byline_remote_post_get_title:
 *
 * Returns: the headline as written, "" when there is none
 */
const char *
byline_remote_post_get_title (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->post->title != NULL ? self->post->title : "";
}

BylinePortalPostStatus
byline_remote_post_get_status (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), BYLINE_PORTAL_POST_STATUS_UNKNOWN);

  return self->post->status;
}

/**
 * byline_remote_post_get_date:
 *
 * Returns: (transfer none) (nullable): the post's date in UTC: when it was
 *   published, is scheduled, or (for drafts) last saved
 */
GDateTime *
byline_remote_post_get_date (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->post->date_gmt;
}

gint64
byline_remote_post_get_author (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), 0);

  return self->post->author;
}

/**
 * byline_remote_post_get_author_name:
 *
 * Returns: (nullable): the author's display name, once known
 */
const char *
byline_remote_post_get_author_name (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->author_name;
}

void
byline_remote_post_set_author_name (BylineRemotePost *self,
                                    const char       *name)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  if (g_strcmp0 (self->author_name, name) == 0)
    return;

  g_free (self->author_name);
  self->author_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_NAME]);
}

/**
 * byline_remote_post_get_has_notes:
 *
 * Returns: whether an editor left notes on the post (it was returned)
 */
gboolean
byline_remote_post_get_has_notes (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), FALSE);

  return self->has_notes;
}

void
byline_remote_post_set_has_notes (BylineRemotePost *self,
                                  gboolean          has_notes)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  has_notes = !!has_notes;
  if (self->has_notes == has_notes)
    return;

  self->has_notes = has_notes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NOTES]);
}

/**
 * byline_remote_post_compare:
 *
 * The order of the portal's lists: newest date first, then highest id.
 *
 * Returns: < 0 when @a comes before @b
 */
int
byline_remote_post_compare (BylineRemotePost *a,
                            BylineRemotePost *b)
{
  GDateTime *da, *db;
  int order;

  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (a), 0);
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (b), 0);

  da = a->post->date_gmt;
  db = b->post->date_gmt;
  if (da != NULL && db != NULL)
    order = g_date_time_compare (db, da);
  else
    order = (da == NULL) - (db == NULL);

  if (order != 0)
    return order;

  return (a->post->id < b->post->id) - (a->post->id > b->post->id);
}

static void
byline_remote_post_finalize (GObject *object)
{
  BylineRemotePost *self = BYLINE_REMOTE_POST (object);

  g_clear_pointer (&self->post, byline_portal_post_unref);
  g_free (self->author_name);

  G_OBJECT_CLASS (byline_remote_post_parent_class)->finalize (object);
}

static void
byline_remote_post_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineRemotePost *self = BYLINE_REMOTE_POST (object);

  switch (prop_id)
    {
    case PROP_POST:
      g_value_set_boxed (value, self->post);
      break;

    case PROP_AUTHOR_NAME:
      g_value_set_string (value, self->author_name);
      break;

    case PROP_HAS_NOTES:
      g_value_set_boolean (value, self->has_notes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_remote_post_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BylineRemotePost *self = BYLINE_REMOTE_POST (object);

  switch (prop_id)
    {
    case PROP_POST:
      byline_remote_post_set_post (self, g_value_get_boxed (value));
      break;

    case PROP_AUTHOR_NAME:
      byline_remote_post_set_author_name (self, g_value_get_string (value));
      break;

    case PROP_HAS_NOTES:
      byline_remote_post_set_has_notes (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_remote_post_class_init (BylineRemotePostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_remote_post_finalize;
  object_class->get_property = byline_remote_post_get_property;
  object_class->set_property = byline_remote_post_set_property;

  properties[PROP_POST] =
    g_param_spec_boxed ("post", NULL, NULL, BYLINE_TYPE_PORTAL_POST,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_NOTES] =
    g_param_spec_boolean ("has-notes", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_remote_post_init (BylineRemotePost *self)
{
}
