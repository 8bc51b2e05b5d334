/* byline-review.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Returning an article to its reporter with a note, through WordPress core
 * only (6.1 has no notes of its own; the team's study of how, with every
 * request and answer, is summarised here). A note is a comment held for
 * moderation ("hold"): the post's author can read it, nobody else outside
 * the newsroom can, on any public surface (REST, the post page, the
 * comment feeds). The rules the code follows:
 *
 * - A comment can only be added while the post is pending: on a draft
 *   WordPress refuses it. To return, the editor adds the note to the
 *   pending post and then sets it back to draft; a post that is a draft
 *   already is made pending for the time of the note. Closed comments are
 *   opened for that time and closed again.
 * - An editor's comment is approved unless "hold" is asked for, and a
 *   status WordPress does not know is silently approved: the note's status
 *   is checked, and a note that is not held is deleted (BylineWpPortal).
 * - A reporter's reply is approved (the post's author) and cannot be
 *   created held; it is put on hold right after. Non-moderators may not
 *   comment more than once in 15 seconds: a refused reply is sent again
 *   after that.
 * - Before publication every comment on the post is deleted: a published
 *   post would show an approved one, wp-admin would list the held ones to
 *   all staff, and the reporter can no longer read them anyway. After
 *   publication, anything dated before it (a reply that raced the
 *   publication) is deleted too: no note can ever become public.
 * - The reporter sees the note's rendered HTML only (an editor's note may
 *   carry any HTML, scripts included): it is read into plain text with the
 *   core HTML reader and never shown as markup.
 */

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include <string.h>

#include "byline-error.h"
#include "byline-html-reader.h"
#include "byline-remote-article.h"
#include "byline-review.h"

/* WordPress's flood control: one comment per 15 s for non-moderators. */
#define FLOOD_WAIT_SECONDS 16

/**
 * byline_review_note_text:
 * @comment: a note as the portal sent it
 *
 * Returns: (transfer full): the note as plain text, safe to show: from the
 *   raw text when the portal gave it, else read out of the rendered HTML
 *   (paragraphs separated by blank lines, line breaks kept, every tag,
 *   script and entity gone)
 */
char *
byline_review_note_text (const BylinePortalComment *comment)
{
  g_return_val_if_fail (comment != NULL, NULL);

  if (comment->content == NULL)
    return g_strdup ("");

  if (!comment->content_is_html)
    return g_strstrip (g_strdup (comment->content));

  return byline_html_to_text (comment->content);
}

static GTask *
review_task_new (BylinePortal        *portal,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (portal, cancellable, callback, user_data);

  /* Errors are BYLINE_ERROR ones, cancellation included. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_source_tag (task, source_tag);

  return task;
}

static void
update_post (GTask                  *task,
             gint64                  post_id,
             BylinePortalPostStatus  status,
             const char             *comment_status,
             GAsyncReadyCallback     callback)
{
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();

  changes->status = status;
  changes->comment_status = g_strdup (comment_status);
  byline_portal_update_post_async (g_task_get_source_object (task), post_id, changes,
                                   g_task_get_cancellable (task), callback, task);
}

/* ---- reading notes ---- */

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  const BylinePortalComment *x = *(BylinePortalComment **) a;
  const BylinePortalComment *y = *(BylinePortalComment **) b;

  if (x->date_gmt != NULL && y->date_gmt != NULL)
    {
      int order = g_date_time_compare (x->date_gmt, y->date_gmt);

      if (order != 0)
        return order;
    }

  return (x->id > y->id) - (x->id < y->id);
}

static void
notes_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) comments = NULL;
  GError *error = NULL;

  comments = byline_portal_list_comments_finish (BYLINE_PORTAL (object), result, &error);
  if (comments == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < comments->len; i++)
    {
      BylinePortalComment *comment = g_ptr_array_index (comments, i);
      char *text = byline_review_note_text (comment);

      g_free (comment->content);
      comment->content = text;
      comment->content_is_html = FALSE;
    }
  g_ptr_array_sort (comments, compare_dates);

  g_task_return_pointer (task, g_steal_pointer (&comments), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * byline_review_list_notes_async:
 * @portal: a signed-in portal
 * @post_id: an unpublished post
 *
 * Reads the notes on a post and the replies to them, as the signed-in user
 * may see them: an editor sees all of them, the post's reporter those on
 * their own unpublished article. Finish with
 * byline_review_list_notes_finish().
 */
void
byline_review_list_notes_async (BylinePortal        *portal,
                                gint64               post_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_PORTAL (portal));
  g_return_if_fail (post_id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = review_task_new (portal, byline_review_list_notes_async, cancellable, callback,
                          user_data);
  byline_portal_list_comments_async (portal, post_id, BYLINE_PORTAL_COMMENT_STATUS_ANY,
                                     cancellable, notes_listed_cb, task);
}

/**
 * byline_review_list_notes_finish:
 *
 * Returns: (transfer full) (element-type BylinePortalComment): the notes,
 *   oldest first, their content as plain text
 */
GPtrArray *
byline_review_list_notes_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_review_list_notes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- adding a note or a reply to an unpublished post ---- */

typedef struct
{
  gint64                   post_id;
  gint64                   parent;
  char                    *text;
  BylinePortalPostStatus   leave_as;     /* the status to end in */
  BylinePortalPostStatus   was;          /* the status found */
  BylinePortalComment     *comment;
  BylinePortalPost        *post;         /* as it ends */
  GError                  *error;        /* kept while the post is put back */
  guint                    was_closed : 1;
  guint                    changed : 1;  /* the post was changed for the note */
  guint                    retried : 1;
  guint                    as_editor : 1;
} NoteData;

static void
note_data_free (NoteData *data)
{
  g_free (data->text);
  g_clear_pointer (&data->comment, byline_portal_comment_unref);
  g_clear_pointer (&data->post, byline_portal_post_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void add_comment (GTask *task);

static void
finished_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NoteData *data = g_task_get_task_data (task);
  g_autoptr(BylinePortalPost) post = NULL;
  GError *error = NULL;

  post = byline_portal_post_finish (BYLINE_PORTAL (object), result, &error);

  if (data->error != NULL)
    {
      /* The post was being put back after a failure: that failure is what
       * the caller hears about. */
      if (error != NULL)
        g_debug ("Could not put post %" G_GINT64_FORMAT " back: %s", data->post_id,
                 error->message);
      g_clear_error (&error);
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  if (post == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->post = g_steal_pointer (&post);
  g_task_return_boolean (task, TRUE);
}

/* Puts the post in the status it must end in (and closes its comments
 * again if they were closed), or returns when nothing is to change. */
static void
finish_note (GTask *task)
{
  NoteData *data = g_task_get_task_data (task);
  BylinePortalPostStatus status = data->error != NULL ? data->was : data->leave_as;

  if (status == BYLINE_PORTAL_POST_STATUS_PENDING && !data->changed && !data->was_closed)
    {
      if (data->error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&data->error));
          g_object_unref (task);
          return;
        }

      /* Nothing to change: read the post as it is now. */
      byline_portal_get_post_async (g_task_get_source_object (task), data->post_id,
                                    g_task_get_cancellable (task), finished_cb, task);
      return;
    }

  if (data->error != NULL && !data->changed)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      g_object_unref (task);
      return;
    }

  update_post (task, data->post_id, status, data->was_closed ? "closed" : NULL, finished_cb);
}

static gboolean
retry_comment_cb (gpointer user_data)
{
  add_comment (user_data);
  return G_SOURCE_REMOVE;
}

static void
comment_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  NoteData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->comment = byline_portal_comment_finish (BYLINE_PORTAL (object), result, &error);
  if (data->comment != NULL && data->comment->status != BYLINE_PORTAL_COMMENT_STATUS_HOLD)
    {
      /* BylineWpPortal deletes a comment that does not come back held; if
       * another portal did not, this note must still not count. */
      g_clear_pointer (&data->comment, byline_portal_comment_unref);
      error = g_error_new_literal (BYLINE_ERROR, BYLINE_ERROR_FAILED,
                                   "The note was not held for moderation");
    }

  if (error != NULL && !data->retried && !g_error_matches (error, BYLINE_ERROR,
                                                           BYLINE_ERROR_CANCELLED))
    {
      /* The same text twice is refused as a duplicate: say when. */
      if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CONFLICT))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
          char *text = g_strdup_printf ("%s\n\n(%s)", data->text, when);

          g_free (data->text);
          data->text = text;
          data->retried = TRUE;
          g_clear_error (&error);
          add_comment (task);
          return;
        }

      /* A reporter's comments come 15 s apart at least. */
      if (!data->as_editor && g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT))
        {
          g_debug ("Reply refused (%s); sending it again in %d s", error->message,
                   FLOOD_WAIT_SECONDS);
          data->retried = TRUE;
          g_clear_error (&error);
          g_timeout_add_seconds (FLOOD_WAIT_SECONDS, retry_comment_cb, task);
          return;
        }
    }

  data->error = error;
  finish_note (task);
}

static void
add_comment (GTask *task)
{
  NoteData *data = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_CANCELLED,
                               "Adding the note was cancelled");
      g_object_unref (task);
      return;
    }

  byline_portal_create_comment_async (g_task_get_source_object (task), data->post_id,
                                      data->parent, data->text,
                                      BYLINE_PORTAL_COMMENT_STATUS_HOLD,
                                      g_task_get_cancellable (task), comment_cb, task);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(BylinePortalPost) post = NULL;
  GError *error = NULL;

  post = byline_portal_post_finish (BYLINE_PORTAL (object), result, &error);
  if (post == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  add_comment (task);
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  NoteData *data = g_task_get_task_data (task);
  g_autoptr(BylinePortalPost) post = NULL;
  GError *error = NULL;

  post = byline_portal_post_finish (BYLINE_PORTAL (object), result, &error);
  if (post == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (post->status != BYLINE_PORTAL_POST_STATUS_PENDING &&
      post->status != BYLINE_PORTAL_POST_STATUS_DRAFT)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                               "Post %" G_GINT64_FORMAT " is %s: notes go on unpublished posts",
                               post->id, byline_portal_post_status_to_string (post->status) ?: "?");
      g_object_unref (task);
      return;
    }

  data->was = post->status;
  data->was_closed = g_strcmp0 (post->comment_status, "closed") == 0;

  /* WordPress takes comments on pending posts with open comments only. */
  if (data->was != BYLINE_PORTAL_POST_STATUS_PENDING || data->was_closed)
    {
      data->changed = TRUE;
      update_post (task, data->post_id, BYLINE_PORTAL_POST_STATUS_PENDING,
                   data->was_closed ? "open" : NULL, opened_cb);
      return;
    }

  add_comment (task);
}

static void
start_note (BylinePortal           *portal,
            gint64                  post_id,
            gint64                  parent,
            const char             *text,
            BylinePortalPostStatus  leave_as,
            gboolean                as_editor,
            gpointer                source_tag,
            GCancellable           *cancellable,
            GAsyncReadyCallback     callback,
            gpointer                user_data)
{
  GTask *task = review_task_new (portal, source_tag, cancellable, callback, user_data);
  NoteData *data = g_new0 (NoteData, 1);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  data->post_id = post_id;
  data->parent = parent;
  data->leave_as = leave_as;
  data->as_editor = as_editor;
  g_task_set_task_data (task, data, (GDestroyNotify) note_data_free);

  if (*trimmed == '\0')
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                               "A note needs some text");
      g_object_unref (task);
      return;
    }
  data->text = g_steal_pointer (&trimmed);

  byline_portal_get_post_async (portal, post_id, cancellable, found_cb, task);
}

/**
 * byline_review_return_async:
 * @portal: an editor's portal
 * @post_id: an article waiting for review (or a draft)
 * @note: what the reporter should do, as plain text
 *
 * Returns the article to its reporter: adds @note as a held comment, then
 * sets the post to draft, following the protocol described above. If the
 * note cannot be added (comments closed for old posts by the site), the
 * post is left as it was and the call fails. Finish with
 * byline_review_return_finish().
 */
void
byline_review_return_async (BylinePortal        *portal,
                            gint64               post_id,
                            const char          *note,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (portal));
  g_return_if_fail (post_id > 0);
  g_return_if_fail (note != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_note (portal, post_id, 0, note, BYLINE_PORTAL_POST_STATUS_DRAFT, TRUE,
              byline_review_return_async, cancellable, callback, user_data);
}

/**
 * byline_review_return_finish:
 *
 * Returns: (transfer full): the post as it is now (a draft)
 */
BylinePortalPost *
byline_review_return_finish (GAsyncResult  *result,
                             GError       **error)
{
  NoteData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_review_return_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));

  return byline_portal_post_ref (data->post);
}

/**
 * byline_review_reply_async:
 * @portal: the reporter's portal
 * @post_id: their returned article
 * @note_id: the note answered
 * @text: the answer, as plain text
 *
 * Answers an editor's note, and submits the article for review again:
 * WordPress takes comments on pending posts only. The reply is held like
 * the notes. Finish with byline_review_reply_finish().
 */
void
byline_review_reply_async (BylinePortal        *portal,
                           gint64               post_id,
                           gint64               note_id,
                           const char          *text,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (portal));
  g_return_if_fail (post_id > 0);
  g_return_if_fail (note_id >= 0);
  g_return_if_fail (text != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_note (portal, post_id, note_id, text, BYLINE_PORTAL_POST_STATUS_PENDING, FALSE,
              byline_review_reply_async, cancellable, callback, user_data);
}

/**
 * byline_review_reply_finish:
 * @post: (out) (optional) (transfer full): the post as it is now (pending)
 *
 * Returns: (transfer full): the reply, held
 */
BylinePortalComment *
byline_review_reply_finish (GAsyncResult      *result,
                            BylinePortalPost **post,
                            GError           **error)
{
  NoteData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_review_reply_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (post != NULL)
    *post = byline_portal_post_ref (data->post);

  return byline_portal_comment_ref (data->comment);
}

/* ---- clearing notes at publication ---- */

typedef struct
{
  gint64     post_id;
  GDateTime *before;
  GPtrArray *doomed;     /* BylinePortalComment */
  guint      next;
  guint      deleted;
  guint      pass;       /* 0: every status but trash; 1: trash; 2: checking */
} ClearData;

static void
clear_data_free (ClearData *data)
{
  g_clear_pointer (&data->before, g_date_time_unref);
  g_clear_pointer (&data->doomed, g_ptr_array_unref);
  g_free (data);
}

static void list_pass   (GTask *task);
static void delete_next (GTask *task);

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  ClearData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (byline_portal_delete_comment_finish (BYLINE_PORTAL (object), result, &error))
    data->deleted++;
  else if (!g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND))
    {
      /* Gone already is as good as deleted; anything else stops the
       * publication. */
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  delete_next (task);
}

static void
delete_next (GTask *task)
{
  ClearData *data = g_task_get_task_data (task);
  BylinePortalComment *comment;

  if (data->next >= data->doomed->len)
    {
      g_ptr_array_set_size (data->doomed, 0);
      data->next = 0;
      data->pass++;
      list_pass (task);
      return;
    }

  comment = g_ptr_array_index (data->doomed, data->next++);
  byline_portal_delete_comment_async (g_task_get_source_object (task), comment->id, TRUE,
                                      g_task_get_cancellable (task), deleted_cb, task);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  ClearData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) comments = NULL;
  GError *error = NULL;

  comments = byline_portal_list_comments_finish (BYLINE_PORTAL (object), result, &error);
  if (comments == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  for (guint i = 0; i < comments->len; i++)
    {
      BylinePortalComment *comment = g_ptr_array_index (comments, i);

      /* After publication, what came before it; before, everything. */
      if (data->before != NULL &&
          (comment->date_gmt == NULL || g_date_time_compare (comment->date_gmt, data->before) > 0))
        continue;
      g_ptr_array_add (data->doomed, byline_portal_comment_ref (comment));
    }

  if (data->pass == 2)
    {
      /* The check: nothing that was to go may be left. */
      if (data->doomed->len > 0)
        g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_FAILED,
                                 "%u notes on post %" G_GINT64_FORMAT " are still there",
                                 data->doomed->len, data->post_id);
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  delete_next (task);
}

static void
list_pass (GTask *task)
{
  ClearData *data = g_task_get_task_data (task);

  /* "all" is held and approved; the trash is asked for apart. The check
   * looks at "all" again. */
  byline_portal_list_comments_async (g_task_get_source_object (task), data->post_id,
                                     data->pass == 1 ? BYLINE_PORTAL_COMMENT_STATUS_TRASH
                                                     : BYLINE_PORTAL_COMMENT_STATUS_ANY,
                                     g_task_get_cancellable (task), listed_cb, task);
}

/**
 * byline_review_clear_notes_async:
 * @portal: an editor's portal
 * @post_id: the post about to be (or just) published
 * @before: (nullable): after publication: only comments dated up to this
 *   time (the publication's) are notes; %NULL before publication: all
 *
 * Deletes the notes on a post for good (held, approved, trashed), then
 * checks that none is left. Approving calls it before the status changes,
 * and again with the time of publication after. Finish with
 * byline_review_clear_notes_finish().
 */
void
byline_review_clear_notes_async (BylinePortal        *portal,
                                 gint64               post_id,
                                 GDateTime           *before,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  ClearData *data;

  g_return_if_fail (BYLINE_IS_PORTAL (portal));
  g_return_if_fail (post_id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = review_task_new (portal, byline_review_clear_notes_async, cancellable, callback,
                          user_data);
  data = g_new0 (ClearData, 1);
  data->post_id = post_id;
  data->before = before != NULL ? g_date_time_ref (before) : NULL;
  data->doomed = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_portal_comment_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) clear_data_free);

  list_pass (task);
}

/**
 * byline_review_clear_notes_finish:
 *
 * Returns: how many comments were deleted; 0 with @error set on failure
 */
guint
byline_review_clear_notes_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_review_clear_notes_async, 0);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return 0;

  return ((ClearData *) g_task_get_task_data (G_TASK (result)))->deleted;
}

/* ---- approving ---- */

typedef struct
{
  BylinePublisher  *publisher;
  BylineDraftStore *store;
  BylinePostStatus  old_status;
  GDateTime        *old_date;
  BylinePortalPost *post;
  gboolean          was_public;   /* published meanwhile: comments are readers' */
} ApproveData;

static void
approve_data_free (ApproveData *data)
{
  g_clear_object (&data->publisher);
  g_clear_object (&data->store);
  g_clear_pointer (&data->old_date, g_date_time_unref);
  g_clear_pointer (&data->post, byline_portal_post_unref);
  g_free (data);
}

static void
approved_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The post is published; a copy not marked as sent only means that a
   * later change on the portal is seen as a conflict. */
  if (!byline_draft_store_save_finish (BYLINE_DRAFT_STORE (object), result, &error))
    g_debug ("Could not save the approved article: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
save_approved (GTask *task)
{
  ApproveData *data = g_task_get_task_data (task);
  BylineArticle *article = byline_publisher_get_article (data->publisher);

  byline_remote_article_mark_sent (article, data->post);
  byline_draft_store_save_async (data->store, article, g_task_get_cancellable (task),
                                 approved_saved_cb, task);
}

static void
swept_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  guint swept;

  swept = byline_review_clear_notes_finish (result, &error);
  if (error != NULL)
    {
      /* Published, but something dated before it may still be there. */
      g_task_return_error (task, error);
      return;
    }
  if (swept > 0)
    g_debug ("%u notes made during the publication were deleted", swept);

  save_approved (g_steal_pointer (&task));
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApproveData *data = g_task_get_task_data (task);
  BylineArticle *article = byline_publisher_get_article (data->publisher);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  data->post = byline_publisher_run_finish (data->publisher, result, &error);
  if (data->post == NULL)
    {
      /* Not approved: the working copy says what it said before. */
      byline_article_set_status (article, data->old_status);
      byline_article_set_date (article, data->old_date);
      g_task_return_error (task, error);
      return;
    }

  if (data->was_public)
    {
      save_approved (g_steal_pointer (&task));
      return;
    }

  /* A reply sent while the post was being published (the reporter's
   * client puts it on hold too late once the post is public) is dated
   * before the publication: it goes. */
  byline_review_clear_notes_async (byline_publisher_get_portal (data->publisher), data->post->id,
                                   data->post->modified_gmt, cancellable, swept_cb,
                                   g_steal_pointer (&task));
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApproveData *data = g_task_get_task_data (task);
  BylineArticle *article = byline_publisher_get_article (data->publisher);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  byline_review_clear_notes_finish (result, &error);
  if (error != NULL)
    {
      byline_article_set_status (article, data->old_status);
      byline_article_set_date (article, data->old_date);
      g_task_return_error (task, error);
      return;
    }

  byline_publisher_run_async (data->publisher, cancellable, published_cb, g_steal_pointer (&task));
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApproveData *data = g_task_get_task_data (task);
  BylineArticle *article = byline_publisher_get_article (data->publisher);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(BylinePortalPost) post = NULL;
  GError *error = NULL;

  post = byline_portal_post_finish (BYLINE_PORTAL (object), result, &error);
  if (post == NULL)
    {
      byline_article_set_status (article, data->old_status);
      byline_article_set_date (article, data->old_date);
      g_task_return_error (task, error);
      return;
    }

  /* Published in wp-admin while it was open here: its comments are its
   * readers', not notes, and stay. The publisher then finds that the post
   * changed and asks, as for any other change. */
  data->was_public = post->status == BYLINE_PORTAL_POST_STATUS_PUBLISH ||
                     post->status == BYLINE_PORTAL_POST_STATUS_PRIVATE;
  if (data->was_public)
    byline_publisher_run_async (data->publisher, cancellable, published_cb,
                                g_steal_pointer (&task));
  else
    byline_review_clear_notes_async (BYLINE_PORTAL (object), post->id, NULL, cancellable,
                                     cleared_cb, g_steal_pointer (&task));
}

/**
 * byline_review_approve_async:
 * @publisher: the publisher of a working copy of a post under review
 *   (byline_remote_article_open_async()), with the editor's portal
 * @store: the draft store that keeps the working copy
 * @date: (nullable): when to publish, in the future; %NULL for now
 *
 * Approves the article: publishes it now, or schedules it for @date.
 *
 * The notes on it are deleted first (they must never become public; see
 * the top of this file), unless the post was published meanwhile (its
 * comments are then readers'), then the publisher sends the article (with any
 * edits made in the working copy) and the new status, exactly once and
 * only if nobody changed the post meanwhile; then anything dated before
 * the publication is swept. The notes are cleared before the publisher's
 * own conflict check: if it refuses, the post stays unpublished and its
 * old notes are gone, which nobody needs any more (they were read, and
 * answered, before the article came back for review).
 *
 * Fails with the publisher's errors (byline_publisher_describe_failure()
 * says them to the user), or with the portal's when the notes cannot be
 * deleted, in which case nothing is published. Finish with
 * byline_review_approve_finish().
 */
void
byline_review_approve_async (BylinePublisher     *publisher,
                             BylineDraftStore    *store,
                             GDateTime           *date,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  BylineArticle *article;
  GTask *task;
  ApproveData *data;
  gint64 post_id;

  g_return_if_fail (BYLINE_IS_PUBLISHER (publisher));
  g_return_if_fail (BYLINE_IS_DRAFT_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  article = byline_publisher_get_article (publisher);
  task = review_task_new (byline_publisher_get_portal (publisher), byline_review_approve_async,
                          cancellable, callback, user_data);
  data = g_new0 (ApproveData, 1);
  data->publisher = g_object_ref (publisher);
  data->store = g_object_ref (store);
  data->old_status = byline_article_get_status (article);
  data->old_date = byline_article_get_date (article) != NULL
                   ? g_date_time_ref (byline_article_get_date (article)) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) approve_data_free);

  post_id = byline_article_get_post_id (article);
  if (post_id <= 0)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                               "Only an article from the portal is approved");
      g_object_unref (task);
      return;
    }

  if (date != NULL)
    {
      byline_article_set_status (article, BYLINE_POST_STATUS_FUTURE);
      byline_article_set_date (article, date);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GDateTime *planned = byline_article_get_date (article);

      /* Without a date WordPress publishes at its own "now" (an
       * unpublished post's date floats). A post that was scheduled keeps
       * its date unless told otherwise, and would stay scheduled: "now"
       * is then this computer's, which WordPress accepts up to a minute
       * ahead of its clock. */
      byline_article_set_status (article, BYLINE_POST_STATUS_PUBLISH);
      if (planned != NULL && g_date_time_compare (planned, now) > 0)
        byline_article_set_date (article, now);
    }

  byline_portal_get_post_async (byline_publisher_get_portal (publisher), post_id, cancellable,
                                checked_cb, task);
}

/**
 * byline_review_approve_finish:
 *
 * Returns: (transfer full): the post as the portal has it now (published
 *   or scheduled)
 */
BylinePortalPost *
byline_review_approve_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_review_approve_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return byline_portal_post_ref (((ApproveData *) g_task_get_task_data (G_TASK (result)))->post);
}
