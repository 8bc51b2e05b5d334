/* byline-publisher.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The publish job: one article onto one portal, exactly once.
 *
 *   1. who am I: the account's role; what it may not do is refused here,
 *      before any request that would fail (byline-publish-check.c)
 *   2. a creation an earlier run sent without recording the answer is
 *      looked for among the user's recent posts
 *   3. categories and tags: found or created
 *   4. each photo not on the portal yet: prepared (upright, scaled, without
 *      metadata) in a worker thread while the previous one uploads, then
 *      uploaded with its caption, alt text and title in the same request
 *   5. the post: block markup with the media ids and addresses, the lead as
 *      excerpt, categories, tags, featured photo, slug, status and date;
 *      created, or updated after checking nobody changed it meanwhile
 *
 * Exactly once: before a request that creates something is sent, the draft
 * records that it is about to be sent (a figure's upload slug, the
 * article's post request) and waits until that is on disk; the moment the
 * answer comes, the draft records the result (media id, post id) and
 * forgets the request. A run that finds a request recorded — after a crash,
 * a cancel, a cut connection — finds out first: the photo by the unique
 * slug it was uploaded with, the post among the user's posts changed since
 * the request was sent, by the digest of what was sent. Nothing is created
 * twice, whatever fails when.
 *
 * The article is the live one (the editor's): results are written into it
 * and saved through the draft store, so autosave and the job never write
 * different versions of it.
 */

#define G_LOG_DOMAIN "byline-publish"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "byline-core-enums.h"
#include "byline-error.h"
#include "byline-markup-writer.h"
#include "byline-photo.h"
#include "byline-remote-article.h"
#include "byline-portal-messages.h"
#include "byline-publisher.h"
#include "byline-text.h"
#include "byline-wp-json.h"

/* How far back to look for a post whose creation was sent but not
 * answered: the time it was sent, less this, covers a portal whose clock
 * is behind this computer's. */
#define CREATE_LOOKBACK_SECONDS (60 * 60)
/* "progress" is emitted at most this often while bytes flow (µs). */
#define PROGRESS_INTERVAL       (50 * G_TIME_SPAN_MILLISECOND)
/* Longest media title made from a caption, in characters. */
#define MEDIA_TITLE_CHARS       120

typedef struct
{
  char                   *figure_id;
  guint                   number;        /* among the article's photos, from 1 */
  GFile                  *source;
  guint64                 original;      /* the source's size */
  guint64                 prepared_size; /* the prepared copy's, once known */
  BylinePreparedPhoto    *prepared;
  GError                 *prepare_error;
  BylinePhotoUploadState  state;
  guint64                 sent;
  guint64                 total;         /* the upload's bytes, once sending */
  guint                   preparing : 1;
  guint                   awaited : 1;   /* the job waits for this preparation */
  guint                   looked_up : 1; /* its upload slug is known not to be on the portal */
  guint                   skipped : 1;   /* found on the portal: nothing sent */
} PhotoJob;

typedef enum
{
  FAILED_NOWHERE,
  FAILED_CHECK,
  FAILED_CATEGORY,
  FAILED_TAG,
  FAILED_PHOTO,
  FAILED_POST,
} FailedAt;

struct _BylinePublisher
{
  GObject              parent_instance;

  /* Owned */
  BylinePortal        *portal;
  BylineDraftStore    *store;
  BylineArticle       *article;
  GFile               *work_dir;
  guint                max_edge;
  guint                jpeg_quality;
  BylinePublishFlags   flags;

  /* The run; task is NULL when idle */
  GTask               *task;
  GFile               *upload_dir;
  BylinePortalUser    *user;
  char                *site;
  GArray              *tag_ids;        /* gint64 */
  guint                next_term;
  GPtrArray           *photos;         /* PhotoJob */
  guint                current;
  BylinePortalPost    *conflict;
  BylinePortalPostChanges *changes;    /* the post request being sent */
  BylinePortalPost    *result;
  guint                run;            /* tells a run's late callbacks from the next's */
  BylinePublishStep    step;
  guint64              sent_done;      /* bytes of finished uploads */
  double               fraction;       /* never goes back during a run */
  gint64               last_emit;

  /* What the last failure was about, for describe_failure() */
  FailedAt             failed_at;
  char                *failed_item;
  guint                failed_photo;
  BylinePublishIssue  *failed_issue;
  GError              *error;          /* of the last run, until the next starts */
};

G_DEFINE_FINAL_TYPE (BylinePublisher, byline_publisher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

enum {
  PROGRESS,
  RECORDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
photo_job_free (PhotoJob *job)
{
  g_free (job->figure_id);
  g_clear_object (&job->source);
  g_clear_pointer (&job->prepared, byline_prepared_photo_free);
  g_clear_error (&job->prepare_error);
  g_free (job);
}

/**
 * byline_publisher_new:
 * @portal: the signed-in portal to publish on
 * @store: the draft store that keeps @article
 * @article: the live article (the one the editor and autosave use)
 *
 * The article says how it is sent: its status (draft, pending, publish,
 * future), date, slug, categories, tags and featured photo.
 *
 * Returns: (transfer full): a publisher for one article
 */
BylinePublisher *
byline_publisher_new (BylinePortal     *portal,
                      BylineDraftStore *store,
                      BylineArticle    *article)
{
  BylinePublisher *self;

  g_return_val_if_fail (BYLINE_IS_PORTAL (portal), NULL);
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (store), NULL);
  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), NULL);

  self = g_object_new (BYLINE_TYPE_PUBLISHER, NULL);
  self->portal = g_object_ref (portal);
  self->store = g_object_ref (store);
  self->article = g_object_ref (article);

  return self;
}

/**
 * byline_publisher_get_portal:
 *
 * Returns: (transfer none): the portal
 */
BylinePortal *
byline_publisher_get_portal (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);

  return self->portal;
}

/**
 * byline_publisher_get_article:
 *
 * Returns: (transfer none): the article
 */
BylineArticle *
byline_publisher_get_article (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);

  return self->article;
}

/**
 * byline_publisher_set_flags:
 * @flags: for the next run only: a run clears them when it ends
 */
void
byline_publisher_set_flags (BylinePublisher    *self,
                            BylinePublishFlags  flags)
{
  g_return_if_fail (BYLINE_IS_PUBLISHER (self));

  self->flags = flags;
}

/**
 * byline_publisher_set_photo_options:
 * @max_edge: the longest side of uploaded photos (`photo-max-edge`)
 * @jpeg_quality: the quality of photos saved again (`photo-jpeg-quality`)
 */
void
byline_publisher_set_photo_options (BylinePublisher *self,
                                    guint            max_edge,
                                    guint            jpeg_quality)
{
  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (max_edge > 0);
  g_return_if_fail (jpeg_quality >= 1 && jpeg_quality <= 100);

  self->max_edge = max_edge;
  self->jpeg_quality = jpeg_quality;
}

/**
 * byline_publisher_set_work_dir:
 * @directory: (nullable): where prepared copies of the photos are written
 *   while they upload; %NULL for the user's cache folder
 */
void
byline_publisher_set_work_dir (BylinePublisher *self,
                               GFile           *directory)
{
  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (directory == NULL || G_IS_FILE (directory));

  g_set_object (&self->work_dir, directory);
}

/* ---- progress ------------------------------------------------------------ */

static void
compute_progress (BylinePublisher *self,
                  guint64         *sent,
                  guint64         *total)
{
  guint64 originals = 0, prepared = 0;
  double ratio = 1.0;

  *sent = self->sent_done;
  *total = 0;
  if (self->photos == NULL)
    return;

  /* Photos not prepared yet are counted as their originals shrink on
   * average once prepared (a 24 MP photo to 2560 pixels: to about a tenth). */
  for (guint i = 0; i < self->photos->len; i++)
    {
      PhotoJob *job = g_ptr_array_index (self->photos, i);

      if (job->prepared_size > 0 && job->original > 0)
        {
          originals += job->original;
          prepared += job->prepared_size;
        }
    }
  if (originals > 0)
    ratio = (double) prepared / originals;

  for (guint i = 0; i < self->photos->len; i++)
    {
      PhotoJob *job = g_ptr_array_index (self->photos, i);

      if (job->skipped)
        continue;
      if (job->total > 0)
        *total += job->total;
      else if (job->prepared_size > 0)
        *total += job->prepared_size;
      else
        *total += (guint64) (job->original * ratio);
      if (job->state == BYLINE_PHOTO_UPLOAD_UPLOADING)
        *sent += job->sent;
    }
}

static void
emit_progress (BylinePublisher *self,
               gboolean         force)
{
  gint64 now = g_get_monotonic_time ();
  guint64 sent, total;
  double fraction;

  if (!force && now - self->last_emit < PROGRESS_INTERVAL)
    return;
  self->last_emit = now;

  compute_progress (self, &sent, &total);
  /* Uploads are nearly all of the time; the post itself is the rest. */
  fraction = total > 0 ? 0.95 * MIN (1.0, (double) sent / total) : 0.0;
  if (self->step == BYLINE_PUBLISH_STEP_DONE)
    fraction = 1.0;
  self->fraction = MAX (self->fraction, fraction);

  g_signal_emit (self, signals[PROGRESS], 0);
}

static void
set_step (BylinePublisher   *self,
          BylinePublishStep  step)
{
  if (self->step == step)
    return;

  self->step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  emit_progress (self, TRUE);
}

BylinePublishStep
byline_publisher_get_step (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), BYLINE_PUBLISH_STEP_IDLE);

  return self->step;
}

/**
 * byline_publisher_get_progress:
 * @sent: (out) (optional): photo bytes sent so far in this run
 * @total: (out) (optional): photo bytes this run sends (an estimate until
 *   every photo is prepared)
 */
void
byline_publisher_get_progress (BylinePublisher *self,
                               guint64         *sent,
                               guint64         *total)
{
  guint64 s, t;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));

  compute_progress (self, &s, &t);
  if (sent != NULL)
    *sent = s;
  if (total != NULL)
    *total = t;
}

/**
 * byline_publisher_get_fraction:
 *
 * Returns: how much of the run is done, 0–1; it never goes back
 */
double
byline_publisher_get_fraction (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), 0.0);

  return self->fraction;
}

/**
 * byline_publisher_get_n_photos:
 *
 * Returns: how many photos this run uploads (known from the photos step on)
 */
guint
byline_publisher_get_n_photos (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), 0);

  return self->photos != NULL ? self->photos->len : 0;
}

/**
 * byline_publisher_get_photo:
 * @index: below byline_publisher_get_n_photos()
 * @state: (out) (optional): where it is
 * @sent: (out) (optional): bytes sent
 * @total: (out) (optional): bytes to send (0 until prepared)
 *
 * Returns: the figure id of the @index-th photo this run uploads
 */
const char *
byline_publisher_get_photo (BylinePublisher        *self,
                            guint                   index,
                            BylinePhotoUploadState *state,
                            guint64                *sent,
                            guint64                *total)
{
  PhotoJob *job;

  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (self->photos != NULL && index < self->photos->len, NULL);

  job = g_ptr_array_index (self->photos, index);
  if (state != NULL)
    *state = job->state;
  if (sent != NULL)
    *sent = job->state == BYLINE_PHOTO_UPLOAD_DONE ? job->total : job->sent;
  if (total != NULL)
    *total = job->total;

  return job->figure_id;
}

/**
 * byline_publisher_get_user:
 *
 * Returns: (transfer none) (nullable): the signed-in user, once known
 */
BylinePortalUser *
byline_publisher_get_user (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);

  return self->user;
}

/**
 * byline_publisher_get_conflict:
 *
 * After a run failed with %BYLINE_ERROR_CONFLICT: the post as it is on the
 * portal now, changed by someone since the article was loaded (or in the
 * trash); %NULL when it was deleted. The caller asks the user: overwrite
 * theirs (run again with %BYLINE_PUBLISH_FLAGS_OVERWRITE), open theirs, or
 * keep this one as a new post (unlink the article, run again).
 *
 * Returns: (transfer none) (nullable): the post on the portal
 */
BylinePortalPost *
byline_publisher_get_conflict (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);

  return self->conflict;
}

/**
 * byline_publisher_get_error:
 *
 * Returns: (transfer none) (nullable): why the last run failed, until the
 *   next run starts
 */
const GError *
byline_publisher_get_error (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);

  return self->error;
}

/* ---- small helpers --------------------------------------------------------- */

/* What WordPress stores as a title or excerpt is HTML: the article's plain
 * text is escaped, so "Sở LĐ-TB&XH" shows as typed and kses (which turns a
 * bare "&" into "&amp;" for authors) leaves it as sent. */
static char *
escape_text (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

static char *
hash_fields (const char *first,
             const char *second)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) (first ?: ""), -1);
  if (second != NULL)
    {
      /* A NUL between the fields: "ab" + "c" is not "a" + "bc". */
      g_checksum_update (checksum, (const guchar *) "", 1);
      g_checksum_update (checksum, (const guchar *) second, -1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * byline_publisher_digest:
 * @title: the title as sent (or as the portal holds it)
 * @excerpt: the excerpt as sent
 * @content: the content as sent
 *
 * What a post request records of what it sent, to recognise the post on
 * the portal: "HEADER:CONTENT", two SHA-256s, the first of the title and
 * excerpt, the second of the content (which the portal may have filtered).
 *
 * Returns: (transfer full): the digest
 */
char *
byline_publisher_digest (const char *title,
                         const char *excerpt,
                         const char *content)
{
  g_autofree char *header = hash_fields (title, excerpt ?: "");
  g_autofree char *body = hash_fields (content, NULL);

  return g_strconcat (header, ":", body, NULL);
}

static gboolean
digest_header_equal (const char *a,
                     const char *b)
{
  const char *colon = a != NULL ? strchr (a, ':') : NULL;

  return colon != NULL && b != NULL && strncmp (a, b, colon - a + 1) == 0;
}

static char *
format_modified (GDateTime *date)
{
  return date != NULL ? byline_wp_format_date_gmt (date) : NULL;
}

static BylinePortalPostStatus
portal_status (BylinePostStatus status)
{
  switch (status)
    {
    case BYLINE_POST_STATUS_DRAFT:
      return BYLINE_PORTAL_POST_STATUS_DRAFT;
    case BYLINE_POST_STATUS_PENDING:
      return BYLINE_PORTAL_POST_STATUS_PENDING;
    case BYLINE_POST_STATUS_PUBLISH:
      return BYLINE_PORTAL_POST_STATUS_PUBLISH;
    case BYLINE_POST_STATUS_FUTURE:
      return BYLINE_PORTAL_POST_STATUS_FUTURE;
    case BYLINE_POST_STATUS_PRIVATE:
      return BYLINE_PORTAL_POST_STATUS_PRIVATE;
    case BYLINE_POST_STATUS_TRASH:
    case BYLINE_POST_STATUS_NONE:
    default:
      return BYLINE_PORTAL_POST_STATUS_UNKNOWN;
    }
}

/* ---- the run --------------------------------------------------------------- */

/* Prepared copies live one level down (one folder per photo). */
static void
remove_tree (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
      g_autoptr(GFileEnumerator) files = g_file_enumerate_children (child,
                                                                    G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                    NULL, NULL);
      GFileInfo *file_info;

      while (files != NULL && (file_info = g_file_enumerator_next_file (files, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) file = g_file_get_child (child, g_file_info_get_name (file_info));

          g_file_delete (file, NULL, NULL);
          g_object_unref (file_info);
        }
      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (dir, NULL, NULL);
}

static void
remove_tree_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  remove_tree (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
remove_upload_dir (GFile *dir)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, remove_upload_dir);
  g_task_set_task_data (task, g_object_ref (dir), g_object_unref);
  g_task_run_in_thread (task, remove_tree_thread);
}

/* Ends the run: the one place the task returns. */
static void
finish (BylinePublisher  *self,
        BylinePortalPost *post,
        GError           *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_assert (task != NULL);
  g_assert ((post == NULL) != (error == NULL));

  /* Photos still being prepared finish on their own; their callbacks see
   * the run is over. */
  if (self->upload_dir != NULL)
    remove_upload_dir (self->upload_dir);
  g_clear_object (&self->upload_dir);
  self->flags = BYLINE_PUBLISH_FLAGS_NONE;
  g_clear_pointer (&self->changes, byline_portal_post_changes_free);

  if (error != NULL)
    {
      g_debug ("publishing %s failed: %s", byline_article_get_id (self->article), error->message);
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      set_step (self, BYLINE_PUBLISH_STEP_IDLE);
      g_task_return_error (task, error);
      return;
    }

  set_step (self, BYLINE_PUBLISH_STEP_DONE);
  emit_progress (self, TRUE);
  g_task_return_pointer (task, byline_portal_post_ref (post),
                         (GDestroyNotify) byline_portal_post_unref);
}

static void
fail (BylinePublisher *self,
      FailedAt         where,
      GError          *error)
{
  self->failed_at = where;
  finish (self, NULL, error);
}

/* Returns TRUE (and ends the run) when the user cancelled. */
static gboolean
cancelled (BylinePublisher *self,
           FailedAt         where)
{
  GError *error = NULL;

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    return FALSE;

  g_set_error_literal (&error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED, "Publishing was cancelled");
  fail (self, where, error);
  return TRUE;
}

typedef void (*Step) (BylinePublisher *self);

typedef struct
{
  BylinePublisher *self;
  Step             next;
  char            *what;
} SaveData;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(BylinePublisher) self = data->self;
  g_autoptr(GError) error = NULL;
  Step next = data->next;
  g_autofree char *what = data->what;

  g_free (data);

  if (!byline_draft_store_save_finish (BYLINE_DRAFT_STORE (object), result, &error))
    {
      /* What is not on disk cannot be relied on after a crash: stop. */
      fail (self, self->failed_at, g_steal_pointer (&error));
      return;
    }

  g_signal_emit (self, signals[RECORDED], 0, what);
  next (self);
}

/* Writes the draft (and waits until it is on disk), then goes on with
 * @next. Not cancellable: bookkeeping always reaches the disk. @what names
 * the boundary for the ::recorded signal. */
static void
save_then (BylinePublisher *self,
           const char      *what,
           Step             next)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->self = g_object_ref (self);
  data->next = next;
  data->what = g_strdup (what);
  byline_draft_store_save_async (self->store, self->article, NULL, save_cb, data);
}

static void resolve_create (BylinePublisher *self);
static void ensure_terms (BylinePublisher *self);
static void start_photos (BylinePublisher *self);
static void next_photo (BylinePublisher *self);
static void send_post (BylinePublisher *self);

static void
user_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylinePublisher) self = user_data;
  g_autoptr(GPtrArray) issues = NULL;
  const BylinePublishIssue *blocking;
  GError *error = NULL;

  self->user = byline_portal_get_user_finish (self->portal, result, &error);
  if (self->user == NULL)
    {
      fail (self, FAILED_CHECK, error);
      return;
    }
  if (cancelled (self, FAILED_CHECK))
    return;

  /* The same checks the publish panel shows, now with the real role. */
  issues = byline_publish_check (self->article, byline_article_get_status (self->article),
                                 self->user->caps, self->site, NULL);
  blocking = byline_publish_check_first_blocking (issues);
  if (blocking != NULL)
    {
      gboolean role = blocking->kind == BYLINE_PUBLISH_ISSUE_CANNOT_PUBLISH ||
                      blocking->kind == BYLINE_PUBLISH_ISSUE_CANNOT_UPLOAD;

      self->failed_issue = byline_publish_issue_copy (blocking);
      g_set_error (&error, BYLINE_ERROR,
                   role ? BYLINE_ERROR_FORBIDDEN : BYLINE_ERROR_INVALID_INPUT,
                   "Not sent, before any request: issue %d", blocking->kind);
      fail (self, FAILED_CHECK, error);
      return;
    }

  /* Media ids and the post id mean something on this portal only: the
   * article belongs to it from the first upload on. */
  if (byline_article_get_site (self->article) == NULL)
    {
      byline_article_set_remote (self->article, self->site, 0, NULL, NULL,
                                 BYLINE_POST_STATUS_NONE);
      save_then (self, "site", resolve_create);
      return;
    }

  resolve_create (self);
}

/* ---- a creation sent earlier ---------------------------------------------- */

static void
found_posts_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BylinePublisher) self = user_data;
  g_autoptr(BylinePortalPostPage) page = NULL;
  BylinePortalPost *match = NULL;
  const char *digest = NULL;
  GError *error = NULL;

  page = byline_portal_list_posts_finish (self->portal, result, &error);
  if (page == NULL)
    {
      fail (self, FAILED_POST, error);
      return;
    }
  if (cancelled (self, FAILED_POST))
    return;

  byline_article_get_post_request (self->article, NULL, &digest);

  /* The same title and lead, and preferably the same content (which kses
   * may have filtered): the newest change first. */
  for (guint i = 0; i < page->posts->len; i++)
    {
      BylinePortalPost *post = g_ptr_array_index (page->posts, i);
      g_autofree char *remote = byline_publisher_digest (post->title, post->excerpt,
                                                         post->content);

      if (g_strcmp0 (remote, digest) == 0)
        {
          match = post;
          break;
        }
      if (match == NULL && digest_header_equal (digest, remote))
        match = post;
    }

  if (match != NULL)
    {
      g_autofree char *modified = format_modified (match->modified_gmt);

      g_debug ("the post sent earlier arrived: %" G_GINT64_FORMAT, match->id);
      byline_article_set_remote (self->article, self->site, match->id, modified, match->link,
                                 byline_remote_article_status (match->status));
      byline_article_set_post_request (self->article, BYLINE_POST_REQUEST_NONE, NULL, NULL);
      save_then (self, "post-found", ensure_terms);
      return;
    }

  /* It never arrived: the request stays recorded until it is sent again. */
  g_debug ("the post sent earlier did not arrive");
  ensure_terms (self);
}

static void
resolve_create (BylinePublisher *self)
{
  GDateTime *sent = NULL;
  BylinePostRequest request = byline_article_get_post_request (self->article, &sent, NULL);
  g_autoptr(GDateTime) since = NULL;
  BylinePortalPostQuery query = { 0 };

  if (request != BYLINE_POST_REQUEST_CREATE || byline_article_get_post_id (self->article) != 0)
    {
      ensure_terms (self);
      return;
    }

  since = sent != NULL ? g_date_time_add_seconds (sent, -CREATE_LOOKBACK_SECONDS)
                       : g_date_time_new_now_utc ();
  query.statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_DRAFT) |
                   BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PENDING) |
                   BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PUBLISH) |
                   BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_FUTURE) |
                   BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PRIVATE);
  query.author = self->user->id;
  query.per_page = 100;
  query.with_content = TRUE;
  query.modified_after = since;

  byline_portal_list_posts_async (self->portal, &query, g_task_get_cancellable (self->task),
                                  found_posts_cb, g_object_ref (self));
}

/* ---- categories and tags -------------------------------------------------- */

static void ensure_next_term (BylinePublisher *self);

static void
term_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylinePublisher) self = user_data;
  g_autoptr(BylinePortalTerm) term = NULL;
  GPtrArray *categories = byline_article_get_categories (self->article);
  GError *error = NULL;

  term = byline_portal_ensure_term_finish (self->portal, result, &error);
  if (term == NULL)
    {
      gboolean category = self->next_term < categories->len;

      g_free (self->failed_item);
      if (category)
        self->failed_item = g_strdup (((BylineTerm *) g_ptr_array_index (categories,
                                                                         self->next_term))->name);
      else
        self->failed_item = g_strdup (byline_article_get_tags (self->article)[self->next_term -
                                                                               categories->len]);
      fail (self, category ? FAILED_CATEGORY : FAILED_TAG, error);
      return;
    }
  if (cancelled (self, FAILED_CATEGORY))
    return;

  if (self->next_term < categories->len)
    {
      /* Remember the category's id: the next run needs no request for it. */
      g_autoptr(GPtrArray) updated = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);

      for (guint i = 0; i < categories->len; i++)
        {
          BylineTerm *old = g_ptr_array_index (categories, i);

          g_ptr_array_add (updated, byline_term_new (i == self->next_term ? term->id : old->id,
                                                     old->name));
        }
      byline_article_set_categories (self->article, updated);
    }
  else
    {
      g_array_append_val (self->tag_ids, term->id);
    }

  self->next_term++;
  ensure_next_term (self);
}

static void
ensure_next_term (BylinePublisher *self)
{
  GPtrArray *categories = byline_article_get_categories (self->article);
  const char * const *tags = byline_article_get_tags (self->article);
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  /* Categories first (only those not known on the portal), then tags
   * (names only in the article: always looked up, or created). */
  while (self->next_term < categories->len &&
         ((BylineTerm *) g_ptr_array_index (categories, self->next_term))->id > 0)
    self->next_term++;

  if (self->next_term < categories->len)
    {
      BylineTerm *term = g_ptr_array_index (categories, self->next_term);

      byline_portal_ensure_term_async (self->portal, BYLINE_PORTAL_TAXONOMY_CATEGORY, term->name, 0,
                                       cancellable, term_cb, g_object_ref (self));
      return;
    }

  if (self->next_term - categories->len < g_strv_length ((char **) tags))
    {
      byline_portal_ensure_term_async (self->portal, BYLINE_PORTAL_TAXONOMY_TAG,
                                       tags[self->next_term - categories->len], 0,
                                       cancellable, term_cb, g_object_ref (self));
      return;
    }

  start_photos (self);
}

static void
ensure_terms (BylinePublisher *self)
{
  set_step (self, BYLINE_PUBLISH_STEP_TERMS);
  self->next_term = 0;
  g_array_set_size (self->tag_ids, 0);
  ensure_next_term (self);
}

/* ---- photos ------------------------------------------------------------------ */

static BylineBlock *
job_figure (BylinePublisher *self,
            PhotoJob        *job)
{
  return byline_article_find_figure (self->article, job->figure_id);
}

typedef struct
{
  GFile   *source;
  GFile   *directory;
  char    *name;       /* the file name on the portal, without extension */
  guint    max_edge;
  guint    jpeg_quality;
  guint    run;
  guint    index;      /* the job's, in that run */
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_object (&data->source);
  g_clear_object (&data->directory);
  g_free (data->name);
  g_free (data);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  g_autofree char *dir = g_file_get_path (data->directory);
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *target = NULL;
  GError *error = NULL;
  const char *dot;

  /* A folder per photo: the prepared copy gets the name readers see in its
   * address ("doan-cong-tac-2.jpg"), not the draft's file name. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                               "Could not create %s: %s", dir, g_strerror (errsv));
      return;
    }

  prepared = byline_photo_prepare (data->source, data->directory, data->max_edge,
                                   data->jpeg_quality, cancellable, &error);
  if (prepared == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  path = g_file_get_path (prepared->file);
  basename = g_path_get_basename (path);
  dot = strrchr (basename, '.');
  target = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s%s", dir, data->name, dot ? dot : "");
  if (g_rename (path, target) == 0)
    {
      g_object_unref (prepared->file);
      prepared->file = g_file_new_for_path (target);
    }

  g_task_return_pointer (task, g_steal_pointer (&prepared),
                         (GDestroyNotify) byline_prepared_photo_free);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  BylinePublisher *self = BYLINE_PUBLISHER (object);
  PrepareData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  GError *error = NULL;
  PhotoJob *job;

  prepared = g_task_propagate_pointer (G_TASK (result), &error);

  /* The run ended meanwhile (cancelled, failed): the copy is nobody's. */
  if (self->task == NULL || data->run != self->run)
    {
      if (prepared != NULL)
        g_file_delete_async (prepared->file, G_PRIORITY_LOW, NULL, NULL, NULL);
      g_clear_error (&error);
      return;
    }

  job = g_ptr_array_index (self->photos, data->index);
  job->preparing = FALSE;
  job->prepare_error = error;
  if (prepared != NULL)
    {
      job->prepared_size = prepared->size;
      job->prepared = g_steal_pointer (&prepared);
    }
  emit_progress (self, TRUE);

  if (job->awaited)
    {
      job->awaited = FALSE;
      next_photo (self);
    }
}

static void
start_prepare (BylinePublisher *self,
               guint            index)
{
  PhotoJob *job = g_ptr_array_index (self->photos, index);
  g_autoptr(GTask) task = NULL;
  PrepareData *data;
  g_autofree char *folder = g_strdup_printf ("%u", job->number);
  g_autofree char *stem = NULL;
  const char *slug = byline_article_get_slug (self->article);

  if (job->preparing || job->prepared != NULL || job->prepare_error != NULL)
    return;

  stem = byline_text_slugify (slug != NULL ? slug : byline_article_get_title (self->article));
  /* Long enough to say what it is, cut between words: file names are not
   * headlines. Slugs are ASCII. */
  if (strlen (stem) > 60)
    {
      char *cut;

      stem[60] = '\0';
      cut = strrchr (stem, '-');
      if (cut != NULL && cut > stem)
        *cut = '\0';
    }

  data = g_new0 (PrepareData, 1);
  data->source = g_object_ref (job->source);
  data->directory = g_file_get_child (self->upload_dir, folder);
  data->name = g_strdup_printf ("%s-%u", *stem != '\0' ? stem : "anh", job->number);
  data->max_edge = self->max_edge;
  data->jpeg_quality = self->jpeg_quality;
  data->run = self->run;
  data->index = index;

  job->preparing = TRUE;
  if (job->state == BYLINE_PHOTO_UPLOAD_WAITING)
    job->state = BYLINE_PHOTO_UPLOAD_PREPARING;

  task = g_task_new (self, g_task_get_cancellable (self->task), prepared_cb, NULL);
  g_task_set_source_tag (task, start_prepare);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

/* Prepares the next photo that needs it while the current one uploads. */
static void
prepare_ahead (BylinePublisher *self)
{
  for (guint i = self->current + 1; i < self->photos->len; i++)
    {
      PhotoJob *job = g_ptr_array_index (self->photos, i);

      if (job->prepared != NULL || job->preparing)
        return;
      if (job->prepare_error == NULL)
        {
          start_prepare (self, i);
          return;
        }
    }
}

static void
upload_progress_cb (goffset  sent,
                    goffset  total,
                    gpointer user_data)
{
  BylinePublisher *self = user_data;
  PhotoJob *job = g_ptr_array_index (self->photos, self->current);

  job->sent = sent;
  job->total = total;
  emit_progress (self, FALSE);
}

static void
photo_done (BylinePublisher *self)
{
  PhotoJob *job = g_ptr_array_index (self->photos, self->current);

  job->state = BYLINE_PHOTO_UPLOAD_DONE;
  /* A photo found on the portal sent nothing: it does not count. */
  if (job->total == 0)
    job->skipped = TRUE;
  self->sent_done += job->total;
  job->sent = 0;
  emit_progress (self, TRUE);

  self->current++;
  next_photo (self);
}

static void
record_media (BylinePublisher   *self,
              PhotoJob          *job,
              BylinePortalMedia *media,
              const char        *what)
{
  BylineBlock *figure = job_figure (self, job);

  if (figure != NULL)
    {
      byline_block_set_media (figure, media->id, media->source_url);
      byline_block_set_upload_slug (figure, NULL);
      byline_article_blocks_changed (self->article);
    }

  save_then (self, what, photo_done);
}

static void
uploaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BylinePublisher) self = user_data;
  g_autoptr(BylinePortalMedia) media = NULL;
  PhotoJob *job = g_ptr_array_index (self->photos, self->current);
  GError *error = NULL;

  media = byline_portal_media_finish (self->portal, result, &error);
  if (media == NULL)
    {
      /* The slug stays recorded: whether it arrived is found out next time. */
      self->failed_photo = job->number;
      fail (self, FAILED_PHOTO, error);
      return;
    }

  /* The prepared copy has served: do not keep megabytes in the cache. */
  g_file_delete_async (job->prepared->file, G_PRIORITY_LOW, NULL, NULL, NULL);
  g_clear_pointer (&job->prepared, byline_prepared_photo_free);
  record_media (self, job, media, "photo");
}

static char *
media_title (BylinePublisher *self,
             BylineBlock     *figure)
{
  const char *caption = byline_inline_get_text (byline_block_get_caption (figure));
  const char *alt = byline_block_get_alt (figure);
  const char *text;
  g_autofree char *one_line = NULL;

  /* What the media library shows: the caption says what the photo is. */
  if (caption != NULL && *caption != '\0')
    text = caption;
  else if (alt != NULL && *alt != '\0')
    text = alt;
  else
    text = byline_article_get_title (self->article);

  one_line = g_strdelimit (g_strdup (text), "\r\n\t", ' ');
  if (g_utf8_strlen (one_line, -1) > MEDIA_TITLE_CHARS)
    *g_utf8_offset_to_pointer (one_line, MEDIA_TITLE_CHARS) = '\0';

  return escape_text (g_strstrip (one_line));
}

static char *
new_upload_slug (void)
{
  /* Unique on the portal (slugs of attachments are unique site-wide), so
   * that finding it tells for sure whether this upload arrived. */
  return g_strdup_printf ("byline-%08x%08x", g_random_int (), g_random_int ());
}

static void
upload (BylinePublisher *self)
{
  PhotoJob *job = g_ptr_array_index (self->photos, self->current);
  BylineBlock *figure = job_figure (self, job);
  g_autoptr(GString) caption = g_string_new (NULL);
  g_autofree char *title = NULL;
  const char *alt;

  if (cancelled (self, FAILED_PHOTO))
    return;

  job->state = BYLINE_PHOTO_UPLOAD_UPLOADING;
  job->sent = 0;
  emit_progress (self, TRUE);

  byline_markup_write_inline (caption, byline_block_get_caption (figure));
  title = media_title (self, figure);
  alt = byline_block_get_alt (figure);

  byline_portal_upload_media_async (self->portal, job->prepared->file, title,
                                    caption->len > 0 ? caption->str : NULL, alt,
                                    byline_block_get_upload_slug (figure),
                                    upload_progress_cb, self,
                                    g_task_get_cancellable (self->task),
                                    uploaded_cb, g_object_ref (self));
  prepare_ahead (self);
}

static void
mark_upload (BylinePublisher *self)
{
  PhotoJob *job = g_ptr_array_index (self->photos, self->current);
  BylineBlock *figure = job_figure (self, job);

  if (figure == NULL)
    {
      photo_done (self);
      return;
    }

  /* Recorded and on disk before the request leaves. */
  if (byline_block_get_upload_slug (figure) == NULL)
    {
      g_autofree char *slug = new_upload_slug ();

      byline_block_set_upload_slug (figure, slug);
      byline_article_blocks_changed (self->article);
      job->looked_up = TRUE;
      save_then (self, "photo-sending", upload);
      return;
    }

  upload (self);
}

static void
found_media_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BylinePublisher) self = user_data;
  g_autoptr(BylinePortalMedia) media = NULL;
  PhotoJob *job = g_ptr_array_index (self->photos, self->current);
  g_autoptr(GError) error = NULL;

  media = byline_portal_media_finish (self->portal, result, &error);
  if (media != NULL)
    {
      g_debug ("photo %u sent earlier arrived: %" G_GINT64_FORMAT, job->number, media->id);
      record_media (self, job, media, "photo-found");
      return;
    }

  if (!g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND))
    {
      self->failed_photo = job->number;
      fail (self, FAILED_PHOTO, g_steal_pointer (&error));
      return;
    }

  /* It never arrived: send it again, under the same slug. */
  job->looked_up = TRUE;
  next_photo (self);
}

static void
next_photo (BylinePublisher *self)
{
  PhotoJob *job;
  BylineBlock *figure;

  if (cancelled (self, FAILED_PHOTO))
    return;

  if (self->current >= self->photos->len)
    {
      send_post (self);
      return;
    }

  job = g_ptr_array_index (self->photos, self->current);
  figure = job_figure (self, job);

  /* Gone, or given a media id meanwhile: nothing to send. */
  if (figure == NULL || !byline_publish_figure_needs_upload (figure))
    {
      photo_done (self);
      return;
    }

  /* An upload sent before whose answer was lost: look before sending. */
  if (byline_block_get_upload_slug (figure) != NULL && !job->looked_up)
    {
      if (job->state == BYLINE_PHOTO_UPLOAD_WAITING)
        job->state = BYLINE_PHOTO_UPLOAD_PREPARING;
      emit_progress (self, TRUE);
      byline_portal_find_media_async (self->portal, byline_block_get_upload_slug (figure),
                                      g_task_get_cancellable (self->task), found_media_cb,
                                      g_object_ref (self));
      return;
    }

  if (job->prepare_error != NULL)
    {
      self->failed_photo = job->number;
      g_free (self->failed_item);
      self->failed_item = g_file_get_basename (job->source);
      fail (self, FAILED_PHOTO, g_steal_pointer (&job->prepare_error));
      return;
    }

  if (job->prepared == NULL)
    {
      job->awaited = TRUE;
      start_prepare (self, self->current);
      emit_progress (self, TRUE);
      return;
    }

  mark_upload (self);
}

static void
stat_sources_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GPtrArray *sources = task_data;
  g_autoptr(GArray) sizes = g_array_sized_new (FALSE, TRUE, sizeof (guint64), sources->len);
  GFile *upload_dir = g_object_get_data (G_OBJECT (task), "upload-dir");

  /* What a run that crashed left behind. */
  remove_tree (upload_dir);

  for (guint i = 0; i < sources->len; i++)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (g_ptr_array_index (sources, i),
                                                     G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, NULL);
      guint64 size = info != NULL ? g_file_info_get_size (info) : 0;

      g_array_append_val (sizes, size);
    }

  g_task_return_pointer (task, g_steal_pointer (&sizes), (GDestroyNotify) g_array_unref);
}

static void
stat_sources_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BylinePublisher *self = BYLINE_PUBLISHER (object);
  g_autoptr(GArray) sizes = g_task_propagate_pointer (G_TASK (result), NULL);
  guint run = GPOINTER_TO_UINT (user_data);

  if (self->task == NULL || run != self->run)
    return;

  for (guint i = 0; sizes != NULL && i < sizes->len && i < self->photos->len; i++)
    ((PhotoJob *) g_ptr_array_index (self->photos, i))->original = g_array_index (sizes, guint64, i);

  emit_progress (self, TRUE);
  next_photo (self);
}

static void
start_photos (BylinePublisher *self)
{
  GPtrArray *blocks = byline_article_get_blocks (self->article);
  const char *id = byline_article_get_id (self->article);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTask) task = NULL;
  guint number = 0;

  set_step (self, BYLINE_PUBLISH_STEP_PHOTOS);
  g_ptr_array_set_size (self->photos, 0);
  self->current = 0;
  self->sent_done = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);
      PhotoJob *job;

      if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE)
        continue;
      number++;
      if (!byline_publish_figure_needs_upload (block))
        continue;

      job = g_new0 (PhotoJob, 1);
      job->figure_id = g_strdup (byline_block_get_figure_id (block));
      job->number = number;
      job->source = byline_draft_store_resolve_photo (self->store, id,
                                                      byline_block_get_local_path (block));
      if (job->source == NULL)
        {
          photo_job_free (job);
          self->failed_photo = number;
          fail (self, FAILED_PHOTO,
                g_error_new (BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                             "Photo %u points outside its draft", number));
          return;
        }
      g_ptr_array_add (sources, g_object_ref (job->source));
      g_ptr_array_add (self->photos, job);
    }

  /* The originals' sizes, for the progress until each is prepared. */
  task = g_task_new (self, NULL, stat_sources_cb, GUINT_TO_POINTER (self->run));
  g_task_set_source_tag (task, start_photos);
  g_task_set_task_data (task, g_steal_pointer (&sources), (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (task), "upload-dir", g_object_ref (self->upload_dir),
                          g_object_unref);
  g_task_run_in_thread (task, stat_sources_thread);
}

/* ---- the post ---------------------------------------------------------------- */

static BylinePortalPostChanges *
build_changes (BylinePublisher *self)
{
  BylinePortalPostChanges *changes = byline_portal_post_changes_new ();
  GPtrArray *categories = byline_article_get_categories (self->article);
  const char *featured = byline_article_get_featured_figure (self->article);
  GDateTime *date = byline_article_get_date (self->article);

  changes->title = escape_text (byline_article_get_title (self->article));
  changes->excerpt = escape_text (byline_article_get_lead (self->article));
  changes->content = byline_markup_serialize (self->article);
  changes->slug = g_strdup (byline_article_get_slug (self->article));
  changes->status = portal_status (byline_article_get_status (self->article));
  if (date != NULL)
    changes->date_gmt = g_date_time_to_utc (date);

  changes->categories = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < categories->len; i++)
    {
      BylineTerm *term = g_ptr_array_index (categories, i);

      if (term->id > 0)
        g_array_append_val (changes->categories, term->id);
    }
  changes->tags = g_array_copy (self->tag_ids);

  changes->featured_media = byline_article_get_featured_media (self->article);
  if (featured != NULL)
    {
      BylineBlock *figure = byline_article_find_figure (self->article, featured);

      if (figure != NULL && byline_block_get_media_id (figure) > 0)
        changes->featured_media = byline_block_get_media_id (figure);
    }

  return changes;
}

static void
post_recorded (BylinePublisher *self)
{
  g_autoptr(BylinePortalPost) post = g_steal_pointer (&self->result);

  finish (self, post, NULL);
}

static void
post_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BylinePublisher) self = user_data;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autofree char *modified = NULL;
  GError *error = NULL;

  post = byline_portal_post_finish (self->portal, result, &error);
  if (post == NULL)
    {
      /* The request stays recorded: whether it arrived is found out next time. */
      fail (self, FAILED_POST, error);
      return;
    }

  modified = format_modified (post->modified_gmt);
  byline_article_set_remote (self->article, self->site, post->id, modified, post->link,
                             byline_remote_article_status (post->status));
  byline_article_set_post_request (self->article, BYLINE_POST_REQUEST_NONE, NULL, NULL);

  g_clear_pointer (&self->result, byline_portal_post_unref);
  self->result = g_steal_pointer (&post);
  save_then (self, "post", post_recorded);
}

static void
write_post (BylinePublisher *self)
{
  g_autoptr(BylinePortalPostChanges) changes = g_steal_pointer (&self->changes);
  gint64 post_id = byline_article_get_post_id (self->article);
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  if (cancelled (self, FAILED_POST))
    return;

  if (post_id > 0)
    byline_portal_update_post_async (self->portal, post_id, changes, cancellable, post_sent_cb,
                                     g_object_ref (self));
  else
    byline_portal_create_post_async (self->portal, changes, cancellable, post_sent_cb,
                                     g_object_ref (self));
}

/* Records the request about to be sent, then sends it once that is on disk. */
static void
mark_post (BylinePublisher *self)
{
  BylinePortalPostChanges *changes = build_changes (self);
  g_autofree char *digest = byline_publisher_digest (changes->title, changes->excerpt,
                                                     changes->content);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  BylinePostRequest request = byline_article_get_post_id (self->article) > 0
                              ? BYLINE_POST_REQUEST_UPDATE : BYLINE_POST_REQUEST_CREATE;

  g_clear_pointer (&self->changes, byline_portal_post_changes_free);
  self->changes = changes;
  byline_article_set_post_request (self->article, request, now, digest);
  save_then (self, "post-sending", write_post);
}

static void
current_post_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BylinePublisher) self = user_data;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autofree char *modified = NULL;
  const char *digest = NULL;
  GError *error = NULL;
  gboolean ours;

  post = byline_portal_post_finish (self->portal, result, &error);
  if (post == NULL && !g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND))
    {
      fail (self, FAILED_POST, error);
      return;
    }
  if (cancelled (self, FAILED_POST))
    {
      g_clear_error (&error);
      return;
    }

  /* Deleted on the portal: nothing to update, and nothing to overwrite. */
  if (post == NULL || post->status == BYLINE_PORTAL_POST_STATUS_TRASH)
    {
      g_clear_pointer (&self->conflict, byline_portal_post_unref);
      self->conflict = post != NULL ? byline_portal_post_ref (post) : NULL;
      g_clear_error (&error);
      fail (self, FAILED_POST,
            g_error_new (BYLINE_ERROR, BYLINE_ERROR_CONFLICT,
                         "Post %" G_GINT64_FORMAT " was deleted on the portal",
                         byline_article_get_post_id (self->article)));
      return;
    }

  modified = format_modified (post->modified_gmt);
  if (byline_article_get_post_request (self->article, NULL, &digest) == BYLINE_POST_REQUEST_UPDATE)
    {
      g_autofree char *remote = byline_publisher_digest (post->title, post->excerpt, post->content);

      /* Our own update, sent before, whose answer was lost. */
      ours = g_strcmp0 (remote, digest) == 0;
    }
  else
    {
      ours = FALSE;
    }

  if (!ours && !(self->flags & BYLINE_PUBLISH_FLAGS_OVERWRITE) &&
      g_strcmp0 (modified, byline_article_get_modified_gmt (self->article)) != 0)
    {
      g_clear_pointer (&self->conflict, byline_portal_post_unref);
      self->conflict = g_steal_pointer (&post);
      fail (self, FAILED_POST,
            g_error_new (BYLINE_ERROR, BYLINE_ERROR_CONFLICT,
                         "Post %" G_GINT64_FORMAT " changed on the portal at %s, after %s",
                         byline_article_get_post_id (self->article), modified,
                         byline_article_get_modified_gmt (self->article) ?: "(never loaded)"));
      return;
    }

  mark_post (self);
}

static void
send_post (BylinePublisher *self)
{
  set_step (self, BYLINE_PUBLISH_STEP_POST);

  /* Before an update: has anyone changed the post since it was loaded?
   * WordPress has no conditional requests; modified_gmt tells. */
  if (byline_article_get_post_id (self->article) > 0)
    {
      byline_portal_get_post_async (self->portal, byline_article_get_post_id (self->article),
                                    g_task_get_cancellable (self->task), current_post_cb,
                                    g_object_ref (self));
      return;
    }

  mark_post (self);
}

/**
 * byline_publisher_run_async:
 * @self: a publisher
 * @cancellable: (nullable): cancels the run; what was sent stays recorded,
 *   and the next run continues where this one stopped
 * @callback: called when the post is on the portal, or the run failed
 * @user_data: data for @callback
 *
 * Sends the article (see the top of byline-publisher.c). One run at a time.
 * Fails with %BYLINE_ERROR_FORBIDDEN or %BYLINE_ERROR_INVALID_INPUT before
 * any request that would fail for the account's role or the article's
 * state (byline_publish_check()), %BYLINE_ERROR_CONFLICT when the post
 * changed on the portal (byline_publisher_get_conflict()), or the portal's,
 * the network's or the disk's error. byline_publisher_describe_failure()
 * says any of them to the user.
 */
void
byline_publisher_run_async (BylinePublisher     *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  BylinePortalSite *site;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_run_async);
  /* Errors say what happened (a cancel is BYLINE_ERROR_CANCELLED). */
  g_task_set_check_cancellable (task, FALSE);

  if (self->task != NULL)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_FAILED,
                               "This article is being sent already");
      return;
    }

  self->task = g_steal_pointer (&task);
  self->run++;
  self->failed_at = FAILED_NOWHERE;
  g_clear_pointer (&self->failed_item, g_free);
  g_clear_pointer (&self->failed_issue, byline_publish_issue_free);
  g_clear_pointer (&self->conflict, byline_portal_post_unref);
  g_clear_pointer (&self->user, byline_portal_user_unref);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_error (&self->error);
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_job_free);
  self->failed_photo = 0;
  self->fraction = 0.0;
  self->sent_done = 0;

  site = byline_portal_get_site (self->portal);
  g_free (self->site);
  self->site = g_strdup (site->rest_root);

  if (self->work_dir != NULL)
    self->upload_dir = g_file_get_child (self->work_dir, byline_article_get_id (self->article));
  else
    {
      path = g_build_filename (g_get_user_cache_dir (), BASE_ID, "uploads",
                               byline_article_get_id (self->article), NULL);
      self->upload_dir = g_file_new_for_path (path);
    }

  set_step (self, BYLINE_PUBLISH_STEP_CHECKING);
  byline_portal_get_user_async (self->portal, cancellable, user_cb, g_object_ref (self));
}

/**
 * byline_publisher_run_finish:
 *
 * Returns: (transfer full): the post as the portal has it now
 */
BylinePortalPost *
byline_publisher_run_finish (BylinePublisher  *self,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == byline_publisher_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_publisher_describe_failure:
 * @self: a publisher whose run failed
 * @error: the error of byline_publisher_run_finish()
 *
 * Returns: (transfer full): what went wrong and what to do next, in the
 *   user's language
 */
char *
byline_publisher_describe_failure (BylinePublisher *self,
                                   const GError    *error)
{
  g_autofree char *portal = NULL;

  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  if (self->failed_issue != NULL)
    return byline_publish_issue_describe (self->failed_issue);

  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return g_strdup (_("Sending was cancelled. Send again to continue where it stopped: nothing "
                       "is sent twice."));

  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CONFLICT))
    {
      if (self->conflict == NULL || self->conflict->status == BYLINE_PORTAL_POST_STATUS_TRASH)
        return g_strdup (_("This article was deleted on the portal. Send it as a new post, or "
                           "keep it here only."));
      return g_strdup (_("Someone changed this article on the portal after you opened it. "
                         "Choose whose version to keep."));
    }

  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME) ||
      g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NETWORK) ||
      g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_TIMEOUT))
    return g_strdup (_("The connection to the portal was lost. Send again when the network is "
                       "back: Byline finds out what arrived and sends nothing twice."));

  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NO_SPACE) ||
      (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE) &&
       self->failed_at != FAILED_PHOTO))
    return g_strdup (_("Byline could not save the article on this computer, so it stopped "
                       "sending. Make room on the disk, then send again."));

  if (self->failed_at == FAILED_CATEGORY && g_error_matches (error, BYLINE_ERROR,
                                                             BYLINE_ERROR_FORBIDDEN))
    /* Translators: %s is a category's name */
    return g_strdup_printf (_("The category “%s” is not on the portal, and your account cannot "
                              "create categories. Choose an existing category, or ask an editor "
                              "to create it."), self->failed_item);

  if (self->failed_at == FAILED_PHOTO && error->domain != BYLINE_ERROR)
    return byline_photo_describe_error (error, self->failed_item ?: "");

  if (self->failed_at == FAILED_PHOTO && self->failed_item != NULL &&
      (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE) ||
       (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT) &&
        !g_str_has_prefix (error->message, "HTTP ") && self->failed_item != NULL &&
        strstr (error->message, self->failed_item) != NULL) ||
       g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE)))
    return byline_photo_describe_error (error, self->failed_item);

  portal = byline_portal_error_message (error);
  if (self->failed_at == FAILED_PHOTO && self->failed_photo > 0)
    /* Translators: %u is the photo's number in the article, %s what went wrong */
    return g_strdup_printf (_("Photo %u could not be uploaded. %s"), self->failed_photo, portal);

  return g_steal_pointer (&portal);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
byline_publisher_dispose (GObject *object)
{
  BylinePublisher *self = BYLINE_PUBLISHER (object);

  g_clear_object (&self->portal);
  g_clear_object (&self->store);
  g_clear_object (&self->article);
  g_clear_object (&self->work_dir);
  g_clear_object (&self->upload_dir);

  G_OBJECT_CLASS (byline_publisher_parent_class)->dispose (object);
}

static void
byline_publisher_finalize (GObject *object)
{
  BylinePublisher *self = BYLINE_PUBLISHER (object);

  g_assert (self->task == NULL);
  g_clear_pointer (&self->user, byline_portal_user_unref);
  g_clear_pointer (&self->conflict, byline_portal_post_unref);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->tag_ids, g_array_unref);
  g_clear_pointer (&self->changes, byline_portal_post_changes_free);
  g_clear_pointer (&self->result, byline_portal_post_unref);
  g_clear_pointer (&self->failed_issue, byline_publish_issue_free);
  g_clear_error (&self->error);
  g_free (self->failed_item);
  g_free (self->site);

  G_OBJECT_CLASS (byline_publisher_parent_class)->finalize (object);
}

static void
byline_publisher_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BylinePublisher *self = BYLINE_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_publisher_class_init (BylinePublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_publisher_dispose;
  object_class->finalize = byline_publisher_finalize;
  object_class->get_property = byline_publisher_get_property;

  properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL,
                       BYLINE_TYPE_PUBLISH_STEP, BYLINE_PUBLISH_STEP_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylinePublisher::progress:
   *
   * Emitted when bytes were sent (at most every 50 ms) or a photo or the
   * run moved on; read the getters.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * BylinePublisher::recorded:
   * @what: which boundary: "site", "post-found", "photo-sending",
   *   "photo", "photo-found", "post-sending" or "post"
   *
   * Emitted each time the job's bookkeeping is on disk: a step's
   * boundary, where a crash loses nothing.
   */
  signals[RECORDED] =
    g_signal_new ("recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
byline_publisher_init (BylinePublisher *self)
{
  self->max_edge = BYLINE_PHOTO_DEFAULT_MAX_EDGE;
  self->jpeg_quality = BYLINE_PHOTO_DEFAULT_JPEG_QUALITY;
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_job_free);
}
