/* byline-portal-sections.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * One account's lists of the portal's posts, as its role allows them: the
 * review queue for those who may edit other people's articles, the user's
 * own submissions (pending, or returned to them as drafts), scheduled and
 * published articles.
 *
 * Keeping them current costs little: a refresh asks only for the posts
 * changed since the last one (WordPress's modified_after, against the
 * portal's own clock from its Date header), in two requests whatever the
 * number of lists: the unpublished statuses in the edit context and the
 * published ones in the view context (a reporter may read everyone's
 * published posts but edit none of them). Each list then updates, moves,
 * inserts or drops posts itself. Posts deleted for good change no date and
 * are only noticed when a list's count no longer matches, or on a reload.
 *
 * A reporter's returned articles are marked by the notes editors left on
 * them: held comments, which a reporter can list for all of their own
 * articles at once (see byline-review.c).
 */

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include "byline-error.h"
#include "byline-portal-sections.h"

/* Changes asked for per refresh, at most: more than this in a minute means
 * a reload is cheaper anyway. */
#define MAX_CHANGE_PAGES 10

/* WordPress's modified dates have whole seconds, and a post saved in the
 * second of the last look may not have been in it. */
#define SYNC_MARGIN_SECONDS 2

struct _BylinePortalSections
{
  GObject               parent_instance;

  /* Owned */
  BylinePortal         *portal;
  BylinePortalUser     *user;
  GCancellable         *cancellable;
  BylineRemotePostList *lists[BYLINE_N_SECTIONS];
  GTimeZone            *time_zone;
  GDateTime            *last_sync;   /* the portal's clock at the last look */
  guint                 refresh_interval;
  guint                 refresh_source;
  GPtrArray            *waiting;     /* GTask: refreshes asked for during one */

  guint                 refreshing : 1;
};

G_DEFINE_FINAL_TYPE (BylinePortalSections, byline_portal_sections, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME_ZONE,
  PROP_REFRESH_INTERVAL,
  N_PROPS
};

enum {
  REVIEW_QUEUE_ARRIVALS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define STATUS(s) BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_##s)

static void on_mine_items_changed (BylinePortalSections *self,
                                   guint                 position,
                                   guint                 removed,
                                   guint                 added,
                                   GListModel           *list);

static void
add_list (BylinePortalSections *self,
          BylineSection         section,
          guint                 statuses,
          gint64                author)
{
  BylinePortalPostQuery query = {
    .statuses = statuses,
    .author = author,
  };

  self->lists[section] = byline_remote_post_list_new (self->portal, &query, self->cancellable);
}

/**
 * byline_portal_sections_new:
 * @portal: a signed-in portal
 * @user: who is signed in, with capabilities (byline_portal_get_user_async())
 * @cancellable: (nullable): cancelled when the owner goes; everything stops
 *
 * The lists are empty until byline_portal_sections_start().
 *
 * Returns: (transfer full): the account's sections
 */
BylinePortalSections *
byline_portal_sections_new (BylinePortal     *portal,
                            BylinePortalUser *user,
                            GCancellable     *cancellable)
{
  BylinePortalSections *self;
  gboolean edits_others;

  g_return_val_if_fail (BYLINE_IS_PORTAL (portal), NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (BYLINE_TYPE_PORTAL_SECTIONS, NULL);
  self->portal = g_object_ref (portal);
  self->user = byline_portal_user_ref (user);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  /* What each role sees. A reporter's lists hold their own articles, with
   * the author in the query so that the portal counts right (without it,
   * WordPress counts everyone's pending posts for a reporter). */
  edits_others = (user->caps & BYLINE_PORTAL_CAN_EDIT_OTHERS) != 0;
  if (edits_others)
    add_list (self, BYLINE_SECTION_REVIEW_QUEUE, STATUS (PENDING), 0);
  if (user->caps & BYLINE_PORTAL_CAN_EDIT_POSTS)
    {
      add_list (self, BYLINE_SECTION_MY_SUBMISSIONS, STATUS (PENDING) | STATUS (DRAFT), user->id);
      add_list (self, BYLINE_SECTION_SCHEDULED, STATUS (FUTURE), edits_others ? 0 : user->id);
      g_signal_connect_object (self->lists[BYLINE_SECTION_MY_SUBMISSIONS], "items-changed",
                               G_CALLBACK (on_mine_items_changed), self, G_CONNECT_SWAPPED);
    }
  add_list (self, BYLINE_SECTION_PUBLISHED, STATUS (PUBLISH), 0);

  return self;
}

BylinePortal *
byline_portal_sections_get_portal (BylinePortalSections *self)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL_SECTIONS (self), NULL);

  return self->portal;
}

/**
 * byline_portal_sections_get_user:
 *
 * Returns: (transfer none): who is signed in
 */
BylinePortalUser *
byline_portal_sections_get_user (BylinePortalSections *self)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL_SECTIONS (self), NULL);

  return self->user;
}

/**
 * byline_portal_sections_get_list:
 *
 * Returns: (transfer none) (nullable): the section's list, or %NULL when
 *   the user's role has no such section
 */
BylineRemotePostList *
byline_portal_sections_get_list (BylinePortalSections *self,
                                 BylineSection         section)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL_SECTIONS (self), NULL);
  g_return_val_if_fail (section < BYLINE_N_SECTIONS, NULL);

  return self->lists[section];
}

/**
 * byline_portal_sections_get_time_zone:
 *
 * Returns: (transfer none): the site's time zone (UTC until it is known)
 */
GTimeZone *
byline_portal_sections_get_time_zone (BylinePortalSections *self)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL_SECTIONS (self), NULL);

  return self->time_zone;
}

/* ---- notes on the reporter's articles ---- */

static void
notes_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylinePortalSections *self = g_task_get_source_object (task);
  BylineRemotePostList *mine = self->lists[BYLINE_SECTION_MY_SUBMISSIONS];
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GHashTable) noted = g_hash_table_new (g_int64_hash, g_int64_equal);
  GError *error = NULL;

  comments = byline_portal_list_comments_finish (BYLINE_PORTAL (object), result, &error);
  if (comments == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Someone else's held comment on my article is an editor's note; my
   * own are my replies. */
  for (guint i = 0; i < comments->len; i++)
    {
      BylinePortalComment *comment = g_ptr_array_index (comments, i);

      if (comment->author != self->user->id)
        g_hash_table_add (noted, &comment->post);
    }

  for (guint i = 0; mine != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (mine)); i++)
    {
      g_autoptr(BylineRemotePost) item = g_list_model_get_item (G_LIST_MODEL (mine), i);
      gint64 id = byline_remote_post_get_id (item);

      byline_remote_post_set_has_notes (item, g_hash_table_contains (noted, &id));
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_portal_sections_mark_returned_async:
 *
 * Marks which of the user's submissions were returned with a note (one
 * request for all of them). Done by itself whenever the list changes.
 * Finish with byline_portal_sections_mark_returned_finish().
 */
void
byline_portal_sections_mark_returned_async (BylinePortalSections *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_PORTAL_SECTIONS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_portal_sections_mark_returned_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->lists[BYLINE_SECTION_MY_SUBMISSIONS] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  byline_portal_list_comments_async (self->portal, 0, BYLINE_PORTAL_COMMENT_STATUS_HOLD,
                                     cancellable, notes_cb, task);
}

gboolean
byline_portal_sections_mark_returned_finish (BylinePortalSections  *self,
                                             GAsyncResult          *result,
                                             GError               **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL_SECTIONS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Work the sections start by themselves (both kinds finish as a boolean
 * task): nobody waits for it, and a failure is only worth a debug line
 * that begins with @user_data. */
static void
background_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  const char *what = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    g_debug ("%s: %s", what, error->message);
}

static void
mark_returned (BylinePortalSections *self)
{
  static const char failed[] = "Could not read the notes on the user's articles";

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  byline_portal_sections_mark_returned_async (self, self->cancellable, background_done_cb,
                                              (gpointer) failed);
}

static void
on_mine_items_changed (BylinePortalSections *self,
                       guint                 position,
                       guint                 removed,
                       guint                 added,
                       GListModel           *list)
{
  /* New rows of my submissions: are they returned ones? */
  if (added > 0)
    mark_returned (self);
}

/* ---- starting ---- */

static void
time_zone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BylinePortalSections) self = user_data;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;

  zone = byline_portal_get_time_zone_finish (BYLINE_PORTAL (object), result, &error);
  if (zone == NULL)
    {
      if (!g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
        g_debug ("Could not read the site's time zone: %s", error->message);
      return;
    }

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = g_steal_pointer (&zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

static void
sync_point_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BylinePortalSections) self = user_data;
  g_autoptr(BylinePortalPostPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = byline_portal_list_posts_finish (BYLINE_PORTAL (object), result, &error);
  if (page != NULL && page->server_date != NULL && self->last_sync == NULL)
    self->last_sync = g_date_time_ref (page->server_date);
}

/**
 * byline_portal_sections_start:
 *
 * Fetches the first page of every list, the site's time zone and which of
 * the reporter's articles were returned.
 */
void
byline_portal_sections_start (BylinePortalSections *self)
{
  BylinePortalPostQuery query = {
    .statuses = STATUS (PUBLISH),
    .per_page = 1,
  };

  g_return_if_fail (BYLINE_IS_PORTAL_SECTIONS (self));

  /* The portal's clock before the lists are read: later changes will be
   * asked for from this moment on. */
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  byline_portal_list_posts_async (self->portal, &query, self->cancellable, sync_point_cb,
                                  g_object_ref (self));
  byline_portal_get_time_zone_async (self->portal, self->cancellable, time_zone_cb,
                                     g_object_ref (self));
  byline_portal_sections_reload (self);
}

/**
 * byline_portal_sections_reload:
 *
 * Fetches every list again from its first page (what "Refresh" does).
 */
void
byline_portal_sections_reload (BylinePortalSections *self)
{
  g_return_if_fail (BYLINE_IS_PORTAL_SECTIONS (self));

  for (guint i = 0; i < BYLINE_N_SECTIONS; i++)
    if (self->lists[i] != NULL)
      byline_remote_post_list_reload (self->lists[i]);
}

/* ---- incremental refresh ---- */

/**
 * byline_portal_sections_apply_changes:
 * @posts: (element-type BylinePortalPost): posts as they are now
 *
 * Moves the posts to the lists they now belong in, as a refresh would:
 * after approving or returning an article, its new state is known at once.
 */
void
byline_portal_sections_apply_changes (BylinePortalSections *self,
                                      GPtrArray            *posts)
{
  g_return_if_fail (BYLINE_IS_PORTAL_SECTIONS (self));
  g_return_if_fail (posts != NULL);

  for (guint i = 0; i < BYLINE_N_SECTIONS; i++)
    {
      BylineRemotePostList *list = self->lists[i];
      gboolean unseen = FALSE;
      guint arrived;

      if (list == NULL)
        continue;

      /* A post that no longer belongs and is not held may have been in
       * the part not fetched yet: then only the portal knows the count. */
      for (guint j = 0; j < posts->len; j++)
        {
          BylinePortalPost *post = g_ptr_array_index (posts, j);

          if (!byline_remote_post_list_matches (list, post) &&
              byline_remote_post_list_find (list, post->id, NULL) == NULL)
            unseen = TRUE;
        }

      arrived = byline_remote_post_list_apply_changes (list, posts);
      if (unseen && byline_remote_post_list_get_has_more (list))
        byline_remote_post_list_recount (list);

      if (i == BYLINE_SECTION_REVIEW_QUEUE && arrived > 0)
        {
          g_autoptr(BylineRemotePost) newest = g_list_model_get_item (G_LIST_MODEL (list), 0);

          g_signal_emit (self, signals[REVIEW_QUEUE_ARRIVALS], 0, arrived,
                         newest != NULL ? byline_remote_post_get_title (newest) : "");
        }
    }
}

typedef struct
{
  GPtrArray *changes;      /* BylinePortalPost */
  GDateTime *since;
  GDateTime *server_date;  /* of the first answer: the next refresh's since */
  gboolean   published;    /* asking for the published ones now */
  guint      page;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_pointer (&data->changes, g_ptr_array_unref);
  g_clear_pointer (&data->since, g_date_time_unref);
  g_clear_pointer (&data->server_date, g_date_time_unref);
  g_free (data);
}

static void ask_changes (GTask *task);

static void
refreshed_again_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GPtrArray) waiting = user_data;
  g_autoptr(GError) error = NULL;

  byline_portal_sections_refresh_finish (BYLINE_PORTAL_SECTIONS (object), result, &error);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* A refresh asked for while one was under way may be about a change the
 * one under way missed (it asked the portal before): one more look for all
 * of them, once it is over. */
static void
refresh_again (BylinePortalSections *self)
{
  GPtrArray *waiting;

  if (self->waiting->len == 0)
    return;

  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  byline_portal_sections_refresh_async (self, self->cancellable, refreshed_again_cb, waiting);
}

static void
changes_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylinePortalSections *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(BylinePortalPostPage) page = NULL;
  GError *error = NULL;

  page = byline_portal_list_posts_finish (BYLINE_PORTAL (object), result, &error);
  if (page == NULL)
    {
      self->refreshing = FALSE;
      g_task_return_error (task, error);
      refresh_again (self);
      return;
    }

  if (data->server_date == NULL && page->server_date != NULL)
    data->server_date = g_date_time_ref (page->server_date);

  for (guint i = 0; i < page->posts->len; i++)
    g_ptr_array_add (data->changes, byline_portal_post_ref (g_ptr_array_index (page->posts, i)));

  if (page->page < page->total_pages && data->page < MAX_CHANGE_PAGES)
    {
      data->page++;
      ask_changes (g_steal_pointer (&task));
      return;
    }

  if (!data->published)
    {
      data->published = TRUE;
      data->page = 1;
      ask_changes (g_steal_pointer (&task));
      return;
    }

  self->refreshing = FALSE;

  /* Too many to follow one by one: start the lists again. */
  if (page->page < page->total_pages)
    byline_portal_sections_reload (self);
  else if (data->changes->len > 0)
    byline_portal_sections_apply_changes (self, data->changes);

  if (data->changes->len > 0)
    mark_returned (self);

  if (data->server_date != NULL)
    {
      g_clear_pointer (&self->last_sync, g_date_time_unref);
      self->last_sync = g_date_time_ref (data->server_date);
    }

  g_task_return_boolean (task, TRUE);
  refresh_again (self);
}

static void
ask_changes (GTask *task)
{
  BylinePortalSections *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  BylinePortalPostQuery query = {
    .page = data->page,
    .per_page = 100,
    .modified_after = data->since,
  };

  /* Everything not published in the edit context (a reporter's own, or
   * all of them for an editor); the published ones in the view context,
   * where a reporter sees everyone's. Private and trashed posts are asked
   * for so that posts going there leave their lists. */
  if (data->published)
    query.statuses = STATUS (PUBLISH);
  else
    query.statuses = STATUS (DRAFT) | STATUS (PENDING) | STATUS (FUTURE) | STATUS (PRIVATE) |
                     STATUS (TRASH);

  byline_portal_list_posts_async (self->portal, &query, g_task_get_cancellable (task),
                                  changes_cb, task);
}

/**
 * byline_portal_sections_refresh_async:
 *
 * Brings every list up to date with the posts changed on the portal since
 * the last look, and emits #BylinePortalSections::review-queue-arrivals
 * when articles came into the review queue. Lists that were never loaded
 * are loaded instead.
 */
void
byline_portal_sections_refresh_async (BylinePortalSections *self,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshData *data;

  g_return_if_fail (BYLINE_IS_PORTAL_SECTIONS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_portal_sections_refresh_async);

  if (self->refreshing)
    {
      g_ptr_array_add (self->waiting, g_steal_pointer (&task));
      return;
    }

  if (self->last_sync == NULL)
    {
      byline_portal_sections_start (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (RefreshData, 1);
  data->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_portal_post_unref);
  data->since = g_date_time_add_seconds (self->last_sync, -SYNC_MARGIN_SECONDS);
  data->page = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  self->refreshing = TRUE;
  ask_changes (g_steal_pointer (&task));
}

gboolean
byline_portal_sections_refresh_finish (BylinePortalSections  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL_SECTIONS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- periodic refresh ---- */

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  BylinePortalSections *self = user_data;

  if (!g_cancellable_is_cancelled (self->cancellable))
    byline_portal_sections_refresh_async (self, self->cancellable, background_done_cb,
                                          (gpointer) "Refreshing the portal's lists failed");

  return G_SOURCE_CONTINUE;
}

guint
byline_portal_sections_get_refresh_interval (BylinePortalSections *self)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL_SECTIONS (self), 0);

  return self->refresh_interval;
}

/**
 * byline_portal_sections_set_refresh_interval:
 * @seconds: how often to refresh; 0 for never
 *
 * Refreshes the lists by themselves while they are shown (the window that
 * shows them sets this, and drops them when it closes).
 */
void
byline_portal_sections_set_refresh_interval (BylinePortalSections *self,
                                             guint                 seconds)
{
  g_return_if_fail (BYLINE_IS_PORTAL_SECTIONS (self));

  if (self->refresh_interval == seconds)
    return;

  self->refresh_interval = seconds;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (seconds > 0)
    self->refresh_source = g_timeout_add_seconds (seconds, refresh_timeout_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_INTERVAL]);
}

/* ---- GObject ---- */

static void
byline_portal_sections_dispose (GObject *object)
{
  BylinePortalSections *self = BYLINE_PORTAL_SECTIONS (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  for (guint i = 0; i < BYLINE_N_SECTIONS; i++)
    g_clear_object (&self->lists[i]);

  G_OBJECT_CLASS (byline_portal_sections_parent_class)->dispose (object);
}

static void
byline_portal_sections_finalize (GObject *object)
{
  BylinePortalSections *self = BYLINE_PORTAL_SECTIONS (object);

  g_clear_object (&self->portal);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->user, byline_portal_user_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_portal_sections_parent_class)->finalize (object);
}

static void
byline_portal_sections_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BylinePortalSections *self = BYLINE_PORTAL_SECTIONS (object);

  switch (prop_id)
    {
    case PROP_TIME_ZONE:
      g_value_set_boxed (value, self->time_zone);
      break;

    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_portal_sections_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BylinePortalSections *self = BYLINE_PORTAL_SECTIONS (object);

  switch (prop_id)
    {
    case PROP_REFRESH_INTERVAL:
      byline_portal_sections_set_refresh_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_portal_sections_class_init (BylinePortalSectionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_portal_sections_dispose;
  object_class->finalize = byline_portal_sections_finalize;
  object_class->get_property = byline_portal_sections_get_property;
  object_class->set_property = byline_portal_sections_set_property;

  properties[PROP_TIME_ZONE] =
    g_param_spec_boxed ("time-zone", NULL, NULL, G_TYPE_TIME_ZONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylinePortalSections::review-queue-arrivals:
   * @count: how many articles came into the review queue
   * @title: the headline of the newest one
   *
   * Articles were submitted for review since the last refresh.
   */
  signals[REVIEW_QUEUE_ARRIVALS] =
    g_signal_new ("review-queue-arrivals",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
byline_portal_sections_init (BylinePortalSections *self)
{
  self->time_zone = g_time_zone_new_utc ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}
