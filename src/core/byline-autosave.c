/* byline-autosave.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Saves an article shortly after it changes. A change schedules a save
 * "delay" ms later, pushed back by each further change (so a typing burst
 * is one save), but never later than "max-lag" ms after the first unsaved
 * change: during continuous typing a save starts at least that often, so a
 * crash loses at most the last ~second of typing. A failed save (disk full,
 * folder read-only) is retried with a growing delay until one succeeds, and
 * the state says so all along, for a truthful "Saved" indicator.
 */

#define G_LOG_DOMAIN "byline-drafts"

#include "config.h"

#include "byline-autosave.h"
#include "byline-core-enums.h"
#include "byline-error.h"

/* With the write itself (a few ms, more on a busy disk), a crash during
 * continuous typing loses well under a second. */
#define DEFAULT_MAX_LAG 600
#define DEFAULT_RETRY_FIRST 1000
#define DEFAULT_RETRY_MAX 30000

struct _BylineAutosave
{
  GObject              parent_instance;

  /* Owned */
  BylineDraftStore    *store;
  BylineArticle       *article;
  GError              *error;
  GPtrArray           *flush_waiters;   /* GTask */

  gulong               changed_handler;
  guint                timeout_id;

  guint                delay_ms;
  guint                max_lag_ms;
  guint                retry_first_ms;
  guint                retry_max_ms;
  guint                retry_ms;        /* 0 until a save fails */

  /* Monotonic time of the first change not yet in any started save, and
   * of the first change of the save that is running. */
  gint64               first_dirty;
  gint64               saving_first_dirty;

  BylineAutosaveState  state;
  guint                dirty : 1;
  guint                saving : 1;
};

G_DEFINE_FINAL_TYPE (BylineAutosave, byline_autosave, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE,
  PROP_STATE,
  PROP_ERROR,
  PROP_DELAY,
  PROP_MAX_LAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_save (BylineAutosave *self);

static void
set_state (BylineAutosave      *self,
           BylineAutosaveState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (BylineAutosave *self,
           const GError   *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
timeout_cb (gpointer user_data)
{
  BylineAutosave *self = user_data;

  self->timeout_id = 0;
  start_save (self);

  return G_SOURCE_REMOVE;
}

static void
reschedule (BylineAutosave *self)
{
  gint64 now, deadline;
  guint max_lag;

  /* After a save or a failure, the save's callback reschedules. */
  if (self->saving || !self->dirty || self->state == BYLINE_AUTOSAVE_FAILED)
    return;

  now = g_get_monotonic_time ();
  max_lag = MAX (self->max_lag_ms, self->delay_ms);
  deadline = MIN (now + (gint64) self->delay_ms * 1000,
                  self->first_dirty + (gint64) max_lag * 1000);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (MAX (0, (deadline - now) / 1000), timeout_cb, self);
}

static void
mark_dirty (BylineAutosave *self)
{
  if (!self->dirty)
    {
      self->dirty = TRUE;
      self->first_dirty = g_get_monotonic_time ();
    }

  if (self->state == BYLINE_AUTOSAVE_SAVED)
    set_state (self, BYLINE_AUTOSAVE_PENDING);

  reschedule (self);
}

static void
article_changed_cb (BylineAutosave *self,
                    BylineArticle  *article)
{
  mark_dirty (self);
}

static void
complete_waiters (BylineAutosave *self,
                  const GError   *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->flush_waiters);

  self->flush_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylineAutosave) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;

  if (!byline_draft_store_save_finish (BYLINE_DRAFT_STORE (object), result, &error))
    {
      /* What this save held is unsaved again, since its first change. */
      if (!self->dirty)
        self->first_dirty = self->saving_first_dirty;
      else
        self->first_dirty = MIN (self->first_dirty, self->saving_first_dirty);
      self->dirty = TRUE;

      g_message ("autosave of %s failed: %s",
                 byline_article_get_id (self->article), error->message);
      set_error (self, error);
      set_state (self, BYLINE_AUTOSAVE_FAILED);

      self->retry_ms = self->retry_ms == 0 ? self->retry_first_ms
                                           : MIN (self->retry_ms * 2, self->retry_max_ms);
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      self->timeout_id = g_timeout_add (self->retry_ms, timeout_cb, self);

      complete_waiters (self, error);
      return;
    }

  self->retry_ms = 0;
  set_error (self, NULL);

  if (self->dirty)
    {
      set_state (self, BYLINE_AUTOSAVE_PENDING);
      if (self->flush_waiters->len > 0)
        start_save (self);
      else
        reschedule (self);
      return;
    }

  set_state (self, BYLINE_AUTOSAVE_SAVED);
  complete_waiters (self, NULL);
}

static void
start_save (BylineAutosave *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (self->saving)
    return;

  self->saving = TRUE;
  self->saving_first_dirty = self->first_dirty;
  self->dirty = FALSE;
  self->first_dirty = 0;
  set_state (self, BYLINE_AUTOSAVE_SAVING);

  byline_draft_store_save_async (self->store, self->article, NULL, save_cb, g_object_ref (self));
}

/**
 * byline_autosave_new:
 * @store: where to save
 * @article: the article to keep saved
 *
 * Returns: (transfer full): an autosave, in the saved state (the article is
 *   taken to be as on disk until it changes)
 */
BylineAutosave *
byline_autosave_new (BylineDraftStore *store,
                     BylineArticle    *article)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (store), NULL);
  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), NULL);

  return g_object_new (BYLINE_TYPE_AUTOSAVE,
                       "store", store,
                       "article", article,
                       NULL);
}

/**
 * byline_autosave_get_article:
 * @self: an autosave
 *
 * Returns: (transfer none): the article
 */
BylineArticle *
byline_autosave_get_article (BylineAutosave *self)
{
  g_return_val_if_fail (BYLINE_IS_AUTOSAVE (self), NULL);

  return self->article;
}

/**
 * byline_autosave_get_store:
 * @self: an autosave
 *
 * Returns: (transfer none): the store
 */
BylineDraftStore *
byline_autosave_get_store (BylineAutosave *self)
{
  g_return_val_if_fail (BYLINE_IS_AUTOSAVE (self), NULL);

  return self->store;
}

BylineAutosaveState
byline_autosave_get_state (BylineAutosave *self)
{
  g_return_val_if_fail (BYLINE_IS_AUTOSAVE (self), BYLINE_AUTOSAVE_SAVED);

  return self->state;
}

/**
 * byline_autosave_get_error:
 * @self: an autosave
 *
 * Returns: (nullable): why the last save failed, while it is not retried
 *   successfully
 */
const GError *
byline_autosave_get_error (BylineAutosave *self)
{
  g_return_val_if_fail (BYLINE_IS_AUTOSAVE (self), NULL);

  return self->error;
}

/**
 * byline_autosave_get_dirty:
 * @self: an autosave
 *
 * Returns: whether some change is not on disk yet (none saved, or saving)
 */
gboolean
byline_autosave_get_dirty (BylineAutosave *self)
{
  g_return_val_if_fail (BYLINE_IS_AUTOSAVE (self), FALSE);

  return self->dirty || self->saving;
}

guint
byline_autosave_get_delay (BylineAutosave *self)
{
  g_return_val_if_fail (BYLINE_IS_AUTOSAVE (self), 0);

  return self->delay_ms;
}

/**
 * byline_autosave_set_delay:
 * @self: an autosave
 * @delay_ms: how long after the last change to save, in milliseconds
 *
 * Tests may use any delay; the settings keep it between
 * %BYLINE_AUTOSAVE_MIN_DELAY and %BYLINE_AUTOSAVE_MAX_DELAY.
 */
void
byline_autosave_set_delay (BylineAutosave *self,
                           guint           delay_ms)
{
  g_return_if_fail (BYLINE_IS_AUTOSAVE (self));

  if (self->delay_ms == delay_ms)
    return;

  self->delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
  reschedule (self);
}

guint
byline_autosave_get_max_lag (BylineAutosave *self)
{
  g_return_val_if_fail (BYLINE_IS_AUTOSAVE (self), 0);

  return self->max_lag_ms;
}

/**
 * byline_autosave_set_max_lag:
 * @self: an autosave
 * @max_lag_ms: the longest time a change waits for its save to start
 *   during continuous changes (at least the delay is used)
 */
void
byline_autosave_set_max_lag (BylineAutosave *self,
                             guint           max_lag_ms)
{
  g_return_if_fail (BYLINE_IS_AUTOSAVE (self));

  if (self->max_lag_ms == max_lag_ms)
    return;

  self->max_lag_ms = max_lag_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LAG]);
  reschedule (self);
}

/**
 * byline_autosave_set_retry_delays:
 * @self: an autosave
 * @first_ms: the wait before the first retry of a failed save
 * @max_ms: the longest wait, which the waits double up to
 */
void
byline_autosave_set_retry_delays (BylineAutosave *self,
                                  guint           first_ms,
                                  guint           max_ms)
{
  g_return_if_fail (BYLINE_IS_AUTOSAVE (self));
  g_return_if_fail (first_ms > 0 && first_ms <= max_ms);

  self->retry_first_ms = first_ms;
  self->retry_max_ms = max_ms;
}

/**
 * byline_autosave_schedule:
 * @self: an autosave
 *
 * Schedules a save as if the article had changed: for an article that is
 * not on disk yet (a new one) or was changed without "changed".
 */
void
byline_autosave_schedule (BylineAutosave *self)
{
  g_return_if_fail (BYLINE_IS_AUTOSAVE (self));

  mark_dirty (self);
}

/**
 * byline_autosave_flush_async:
 * @self: an autosave
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every change made so far is on disk, or saving
 *   failed
 * @user_data: data for @callback
 *
 * Saves now, for closing a window or quitting. Completes at once when
 * nothing is unsaved.
 */
void
byline_autosave_flush_async (BylineAutosave      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_AUTOSAVE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_autosave_flush_async);

  if (!self->dirty && !self->saving)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->flush_waiters, g_steal_pointer (&task));
  if (!self->saving)
    start_save (self);
}

gboolean
byline_autosave_flush_finish (BylineAutosave  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
byline_autosave_constructed (GObject *object)
{
  BylineAutosave *self = BYLINE_AUTOSAVE (object);

  G_OBJECT_CLASS (byline_autosave_parent_class)->constructed (object);

  self->changed_handler = g_signal_connect_object (self->article, "changed",
                                                   G_CALLBACK (article_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
}

static void
byline_autosave_dispose (GObject *object)
{
  BylineAutosave *self = BYLINE_AUTOSAVE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->article != NULL)
    g_clear_signal_handler (&self->changed_handler, self->article);

  /* Changes nobody flushed are still saved: the store works on a copy. */
  if (self->dirty && self->store != NULL && self->article != NULL)
    {
      self->dirty = FALSE;
      byline_draft_store_save_async (self->store, self->article, NULL, NULL, NULL);
    }

  if (self->flush_waiters != NULL && self->flush_waiters->len > 0)
    {
      g_autoptr(GError) error = g_error_new_literal (BYLINE_ERROR, BYLINE_ERROR_CANCELLED,
                                                      "the autosave was stopped");
      complete_waiters (self, error);
    }

  g_clear_object (&self->article);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_autosave_parent_class)->dispose (object);
}

static void
byline_autosave_finalize (GObject *object)
{
  BylineAutosave *self = BYLINE_AUTOSAVE (object);

  g_clear_error (&self->error);
  g_clear_pointer (&self->flush_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_autosave_parent_class)->finalize (object);
}

static void
byline_autosave_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BylineAutosave *self = BYLINE_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_DELAY:
      g_value_set_uint (value, self->delay_ms);
      break;

    case PROP_MAX_LAG:
      g_value_set_uint (value, self->max_lag_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_autosave_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BylineAutosave *self = BYLINE_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ARTICLE:
      self->article = g_value_dup_object (value);
      break;

    case PROP_DELAY:
      byline_autosave_set_delay (self, g_value_get_uint (value));
      break;

    case PROP_MAX_LAG:
      byline_autosave_set_max_lag (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_autosave_class_init (BylineAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = byline_autosave_constructed;
  object_class->dispose = byline_autosave_dispose;
  object_class->finalize = byline_autosave_finalize;
  object_class->get_property = byline_autosave_get_property;
  object_class->set_property = byline_autosave_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, BYLINE_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, BYLINE_TYPE_AUTOSAVE_STATE, BYLINE_AUTOSAVE_SAVED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, G_MAXUINT, BYLINE_AUTOSAVE_DEFAULT_DELAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_LAG] =
    g_param_spec_uint ("max-lag", NULL, NULL, 0, G_MAXUINT, DEFAULT_MAX_LAG,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_autosave_init (BylineAutosave *self)
{
  self->delay_ms = BYLINE_AUTOSAVE_DEFAULT_DELAY;
  self->max_lag_ms = DEFAULT_MAX_LAG;
  self->retry_first_ms = DEFAULT_RETRY_FIRST;
  self->retry_max_ms = DEFAULT_RETRY_MAX;
  self->flush_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->state = BYLINE_AUTOSAVE_SAVED;
}
