/* byline-remote-article.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A post on the portal opened as an article: fetched with its raw content
 * (context=edit), its block markup read by the core parser (blocks Byline
 * does not edit are kept byte for byte), its category and tag ids turned
 * into names, and stored in the draft store as a working copy linked to
 * the post, so that it can be edited offline and is autosaved like any
 * draft.
 *
 * One post has one working copy: its id is derived from the site and the
 * post id (a name-based UUID, version 5), so opening the post again finds
 * it. Whether the copy was edited here is told by its modification time:
 * a fresh copy carries the post's own modified_gmt, and any edit replaces
 * it with the time of the edit. An unedited copy follows the portal; an
 * edited one is never overwritten (the publisher's conflict check decides
 * when it is sent).
 */

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include <string.h>

#include "byline-block-parser.h"
#include "byline-error.h"
#include "byline-html-reader.h"
#include "byline-remote-article.h"
#include "byline-wp-json.h"

/* The namespace of working-copy ids (a random UUID, fixed forever). */
static const guint8 copy_namespace[16] = {
  0x5b, 0x1e, 0x4c, 0x0e, 0x8f, 0x2d, 0x4a, 0x61, 0x9c, 0x43, 0x0b, 0x7e, 0x26, 0xd1, 0x95, 0x3a
};

/**
 * byline_remote_article_id:
 * @site: the portal's address
 * @post_id: the post's id on it
 *
 * Returns: (transfer full): the id of the post's working copy in the
 *   draft store: the same for the same post, always
 */
char *
byline_remote_article_id (const char *site,
                          gint64      post_id)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *name = NULL;
  guint8 digest[20];
  gsize length = sizeof digest;

  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (post_id > 0, NULL);

  name = g_strdup_printf ("%s#%" G_GINT64_FORMAT, site, post_id);
  g_checksum_update (checksum, copy_namespace, sizeof copy_namespace);
  g_checksum_update (checksum, (const guchar *) name, strlen (name));
  g_checksum_get_digest (checksum, digest, &length);

  /* RFC 4122 version 5 (SHA-1, name-based), variant 10. */
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/**
 * byline_remote_article_site:
 *
 * Returns: what working copies of @portal's posts name as their site
 */
const char *
byline_remote_article_site (BylinePortal *portal)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (portal), NULL);

  /* As the publisher names it: the REST root is what an account keeps. */
  return byline_portal_get_site (portal)->rest_root;
}

/**
 * byline_remote_article_status:
 *
 * Returns: the article's name for a post's status
 */
BylinePostStatus
byline_remote_article_status (BylinePortalPostStatus status)
{
  switch (status)
    {
    case BYLINE_PORTAL_POST_STATUS_DRAFT:
      return BYLINE_POST_STATUS_DRAFT;
    case BYLINE_PORTAL_POST_STATUS_PENDING:
      return BYLINE_POST_STATUS_PENDING;
    case BYLINE_PORTAL_POST_STATUS_PUBLISH:
      return BYLINE_POST_STATUS_PUBLISH;
    case BYLINE_PORTAL_POST_STATUS_FUTURE:
      return BYLINE_POST_STATUS_FUTURE;
    case BYLINE_PORTAL_POST_STATUS_PRIVATE:
      return BYLINE_POST_STATUS_PRIVATE;
    case BYLINE_PORTAL_POST_STATUS_TRASH:
      return BYLINE_POST_STATUS_TRASH;
    case BYLINE_PORTAL_POST_STATUS_UNKNOWN:
    default:
      return BYLINE_POST_STATUS_NONE;
    }
}

/* Term names in the post's order of ids (WordPress answers by name). */
static GPtrArray *
ordered_terms (GArray    *ids,
               GPtrArray *terms)
{
  GPtrArray *ordered = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    for (guint j = 0; terms != NULL && j < terms->len; j++)
      {
        BylinePortalTerm *term = g_ptr_array_index (terms, j);

        if (term->id == g_array_index (ids, gint64, i))
          {
            g_ptr_array_add (ordered, term);
            break;
          }
      }

  return ordered;
}

/* The article @post is, under @id (a new one when %NULL). */
static BylineArticle *
article_from_post (BylinePortalPost  *post,
                   const char        *site,
                   const char        *id,
                   GPtrArray         *categories,
                   GPtrArray         *tags,
                   GError           **error)
{
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GPtrArray) category_list = NULL;
  g_autoptr(GStrvBuilder) tag_names = NULL;
  g_auto(GStrv) tag_strv = NULL;
  g_autofree char *modified_gmt = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lead = NULL;
  const char *content;

  g_return_val_if_fail (post != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  content = post->content != NULL ? post->content : "";
  blocks = byline_markup_parse_blocks (content, strlen (content), error);
  if (blocks == NULL)
    return NULL;

  article = byline_article_new (id);
  /* WordPress keeps titles and excerpts as HTML ("LĐ-TB&amp;XH"); the
   * article holds text, which the publisher escapes again. */
  title = byline_html_to_text (post->title != NULL ? post->title : "");
  lead = byline_html_to_text (post->excerpt != NULL ? post->excerpt : "");
  byline_article_set_title (article, title);
  byline_article_set_lead (article, lead);
  byline_article_set_blocks (article, blocks);

  category_list = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);
  terms = ordered_terms (post->categories, categories);
  for (guint i = 0; i < terms->len; i++)
    {
      BylinePortalTerm *term = g_ptr_array_index (terms, i);

      g_ptr_array_add (category_list, byline_term_new (term->id, term->name));
    }
  byline_article_set_categories (article, category_list);

  g_clear_pointer (&terms, g_ptr_array_unref);
  terms = ordered_terms (post->tags, tags);
  tag_names = g_strv_builder_new ();
  for (guint i = 0; i < terms->len; i++)
    g_strv_builder_add (tag_names, ((BylinePortalTerm *) g_ptr_array_index (terms, i))->name);
  tag_strv = g_strv_builder_end (tag_names);
  byline_article_set_tags (article, (const char * const *) tag_strv);

  byline_article_set_featured_media (article, MAX (post->featured_media, 0));
  if (post->slug != NULL && *post->slug != '\0')
    byline_article_set_slug (article, post->slug);

  /* An unpublished post's date floats (WordPress moves it to each save);
   * only a scheduled or published one has a date of its own. */
  if (post->status == BYLINE_PORTAL_POST_STATUS_FUTURE ||
      post->status == BYLINE_PORTAL_POST_STATUS_PUBLISH ||
      post->status == BYLINE_PORTAL_POST_STATUS_PRIVATE)
    byline_article_set_date (article, post->date_gmt);

  byline_article_set_status (article, byline_remote_article_status (post->status));
  modified_gmt = post->modified_gmt != NULL ? byline_wp_format_date_gmt (post->modified_gmt)
                                            : NULL;
  byline_article_set_remote (article, site, post->id, modified_gmt, post->link,
                             byline_remote_article_status (post->status));

  /* Last: the setters above count as edits. The post's own time marks the
   * copy as not edited here (see byline_remote_article_is_edited()). */
  byline_article_set_modified (article, post->modified_gmt);

  return g_steal_pointer (&article);
}

/**
 * byline_remote_article_new:
 * @post: a post read with its raw content
 * @site: the portal's address (byline_remote_article_site())
 * @categories: (nullable) (element-type BylinePortalTerm): the post's categories
 * @tags: (nullable) (element-type BylinePortalTerm): the post's tags
 *
 * Makes the working copy of @post: headline, lead (the excerpt), body,
 * categories, tags, featured image, slug and date, linked to the post.
 *
 * Returns: (transfer full): the article, or %NULL with %BYLINE_ERROR_PARSE
 *   when the content cannot be read (it is larger than Byline edits)
 */
BylineArticle *
byline_remote_article_new (BylinePortalPost  *post,
                           const char        *site,
                           GPtrArray         *categories,
                           GPtrArray         *tags,
                           GError           **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (post != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  id = byline_remote_article_id (site, post->id);

  return article_from_post (post, site, id, categories, tags, error);
}

/**
 * byline_remote_article_new_detached:
 * @post: a post read with its raw content
 * @site: the portal's address
 * @error: return location for a #GError
 *
 * Like byline_remote_article_new(), under a new id of its own: what "Open
 * theirs" makes after a conflict, beside the article that is the working
 * copy. Categories and tags are left out (the post only names their ids).
 *
 * Returns: (transfer full): the article, or %NULL with %BYLINE_ERROR_PARSE
 */
BylineArticle *
byline_remote_article_new_detached (BylinePortalPost  *post,
                                    const char        *site,
                                    GError           **error)
{
  g_return_val_if_fail (post != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  return article_from_post (post, site, NULL, NULL, NULL, error);
}

/**
 * byline_remote_article_is_edited:
 * @article: a working copy
 *
 * Returns: whether the copy was changed here since it was taken from the
 *   portal
 */
gboolean
byline_remote_article_is_edited (BylineArticle *article)
{
  g_autoptr(GDateTime) taken = NULL;
  GDateTime *modified;

  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), FALSE);

  modified = byline_article_get_modified (article);
  taken = byline_wp_parse_date_gmt (byline_article_get_modified_gmt (article));

  return modified == NULL || taken == NULL || !g_date_time_equal (modified, taken);
}

/**
 * byline_remote_article_mark_sent:
 * @article: a working copy
 * @post: the post as the portal answered after @article was sent
 *
 * Marks the working copy as not edited since: it is what the portal has.
 */
void
byline_remote_article_mark_sent (BylineArticle    *article,
                                 BylinePortalPost *post)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (article));
  g_return_if_fail (post != NULL);
  g_return_if_fail (post->id == byline_article_get_post_id (article));

  byline_article_set_modified (article, post->modified_gmt);
}

/* ---- fetching ---- */

typedef struct
{
  BylinePortal     *portal;
  BylineDraftStore *store;
  gint64            post_id;
  BylinePortalPost *post;
  GPtrArray        *categories;
  BylineArticle    *article;    /* the portal's version, then the working copy */
  BylineRemoteCopy  copy;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->portal);
  g_clear_object (&data->store);
  g_clear_pointer (&data->post, byline_portal_post_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_object (&data->article);
  g_free (data);
}

static void fetched (GTask *task);

/* The post's categories or tags (it carries their ids only). */
static void
get_terms (GTask                *task,
           BylinePortalTaxonomy  taxonomy,
           GArray               *ids,
           GAsyncReadyCallback   callback)
{
  FetchData *data = g_task_get_task_data (task);

  byline_portal_get_terms_async (data->portal, taxonomy, (const gint64 *) ids->data, ids->len,
                                 g_task_get_cancellable (task), callback, task);
}

static void
tags_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) tags = NULL;
  GError *error = NULL;

  tags = byline_portal_terms_finish (BYLINE_PORTAL (object), result, &error);
  if (tags == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->article = byline_remote_article_new (data->post,
                                             byline_remote_article_site (data->portal),
                                             data->categories, tags, &error);
  if (data->article == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  fetched (g_steal_pointer (&task));
}

static void
categories_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->categories = byline_portal_terms_finish (BYLINE_PORTAL (object), result, &error);
  if (data->categories == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  get_terms (g_steal_pointer (&task), BYLINE_PORTAL_TAXONOMY_TAG, data->post->tags, tags_cb);
}

static void
post_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->post = byline_portal_post_finish (BYLINE_PORTAL (object), result, &error);
  if (data->post == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  get_terms (g_steal_pointer (&task), BYLINE_PORTAL_TAXONOMY_CATEGORY, data->post->categories,
             categories_cb);
}

static GTask *
fetch_task_new (BylinePortal        *portal,
                gint64               post_id,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (portal, cancellable, callback, user_data);
  FetchData *data = g_new0 (FetchData, 1);

  /* Errors are BYLINE_ERROR ones, cancellation included. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_source_tag (task, source_tag);
  data->portal = g_object_ref (portal);
  data->post_id = post_id;
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  return task;
}

/**
 * byline_remote_article_fetch_async:
 * @portal: a signed-in portal
 * @post_id: the post to read
 *
 * Reads a post as an article without keeping it (byline-cli's
 * `post get --to json`). Finish with byline_remote_article_fetch_finish().
 */
void
byline_remote_article_fetch_async (BylinePortal        *portal,
                                   gint64               post_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_PORTAL (portal));
  g_return_if_fail (post_id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = fetch_task_new (portal, post_id, byline_remote_article_fetch_async, cancellable,
                         callback, user_data);
  byline_portal_get_post_async (portal, post_id, cancellable, post_cb, task);
}

/**
 * byline_remote_article_fetch_finish:
 * @post: (out) (optional) (transfer full): the post as the portal sent it
 *
 * Returns: (transfer full): the article, not stored anywhere
 */
BylineArticle *
byline_remote_article_fetch_finish (GAsyncResult      *result,
                                    BylinePortalPost **post,
                                    GError           **error)
{
  GTask *task;
  FetchData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_remote_article_fetch_async, NULL);

  task = G_TASK (result);
  data = g_task_get_task_data (task);
  if (!g_task_propagate_boolean (task, error))
    return NULL;

  if (post != NULL)
    *post = byline_portal_post_ref (data->post);

  return g_object_ref (data->article);
}

/* ---- opening as a working copy ---- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!byline_draft_store_save_finish (BYLINE_DRAFT_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
local_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(BylineArticle) local = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  local = byline_draft_store_load_finish (BYLINE_DRAFT_STORE (object), result, NULL, &error);
  if (local == NULL && !g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (local == NULL)
    data->copy = BYLINE_REMOTE_COPY_NEW;
  else if (g_strcmp0 (byline_article_get_modified_gmt (local),
                      byline_article_get_modified_gmt (data->article)) == 0)
    data->copy = BYLINE_REMOTE_COPY_UNCHANGED;
  else if (!byline_remote_article_is_edited (local))
    data->copy = BYLINE_REMOTE_COPY_UPDATED;
  else
    data->copy = BYLINE_REMOTE_COPY_DIVERGED;

  /* What was typed here is never replaced by the portal's version. */
  if (data->copy == BYLINE_REMOTE_COPY_UNCHANGED || data->copy == BYLINE_REMOTE_COPY_DIVERGED)
    {
      g_set_object (&data->article, local);
      g_task_return_boolean (task, TRUE);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  byline_draft_store_save_async (data->store, data->article, cancellable, saved_cb,
                                 g_steal_pointer (&task));
}

/* The portal's version is known: a fetch is done; an open looks at the
 * working copy. */
static void
fetched (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  if (data->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  byline_draft_store_load_async (data->store, byline_article_get_id (data->article),
                                 g_task_get_cancellable (task), local_cb, task);
}

/**
 * byline_remote_article_open_async:
 * @portal: a signed-in portal
 * @store: the drafts, where the working copy is kept
 * @post_id: the post to open
 *
 * Reads the post and makes or refreshes its working copy (see
 * #BylineRemoteCopy). Finish with byline_remote_article_open_finish().
 */
void
byline_remote_article_open_async (BylinePortal        *portal,
                                  BylineDraftStore    *store,
                                  gint64               post_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_PORTAL (portal));
  g_return_if_fail (BYLINE_IS_DRAFT_STORE (store));
  g_return_if_fail (post_id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = fetch_task_new (portal, post_id, byline_remote_article_open_async, cancellable,
                         callback, user_data);
  ((FetchData *) g_task_get_task_data (task))->store = g_object_ref (store);
  byline_portal_get_post_async (portal, post_id, cancellable, post_cb, task);
}

/**
 * byline_remote_article_open_finish:
 * @copy: (out) (optional): what became of the working copy
 *
 * Returns: (transfer full): the working copy, as stored in the draft store
 */
BylineArticle *
byline_remote_article_open_finish (GAsyncResult      *result,
                                   BylineRemoteCopy  *copy,
                                   GError           **error)
{
  GTask *task;
  FetchData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_remote_article_open_async, NULL);

  task = G_TASK (result);
  if (!g_task_propagate_boolean (task, error))
    return NULL;

  data = g_task_get_task_data (task);
  if (copy != NULL)
    *copy = data->copy;

  return g_object_ref (data->article);
}
