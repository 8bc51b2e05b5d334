/* byline-portal.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-portal"

#include "config.h"

#include "byline-portal.h"

/**
 * BylinePortal:
 *
 * The interface between Byline and a publishing portal's API. The
 * wrappers below check their arguments and dispatch to the implementation;
 * results and errors are the implementation's (%BYLINE_ERROR codes).
 */

G_DEFINE_INTERFACE (BylinePortal, byline_portal, G_TYPE_OBJECT)

static void
byline_portal_default_init (BylinePortalInterface *iface)
{
}

/**
 * byline_portal_get_site:
 *
 * Returns: (transfer none): the site this portal talks to
 */
BylinePortalSite *
byline_portal_get_site (BylinePortal *self)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->get_site (self);
}

/**
 * byline_portal_get_username:
 *
 * Returns: the login this portal signs in with
 */
const char *
byline_portal_get_username (BylinePortal *self)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->get_username (self);
}

/**
 * byline_portal_get_user_async:
 *
 * Checks the sign-in and reads who the user is: name, roles and
 * capabilities. Finish with byline_portal_get_user_finish().
 */
void
byline_portal_get_user_async (BylinePortal        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->get_user_async (self, cancellable, callback, user_data);
}

/**
 * byline_portal_list_posts_async:
 *
 * Lists one page of posts. Finish with byline_portal_list_posts_finish().
 */
void
byline_portal_list_posts_async (BylinePortal                *self,
                                const BylinePortalPostQuery *query,
                                GCancellable                *cancellable,
                                GAsyncReadyCallback          callback,
                                gpointer                     user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->list_posts_async (self, query, cancellable, callback, user_data);
}

/**
 * byline_portal_get_post_async:
 *
 * Reads one post with its raw content. Finish with byline_portal_post_finish().
 */
void
byline_portal_get_post_async (BylinePortal        *self,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->get_post_async (self, id, cancellable, callback, user_data);
}

/**
 * byline_portal_create_post_async:
 *
 * Creates a post from @changes. Finish with byline_portal_post_finish().
 */
void
byline_portal_create_post_async (BylinePortal                  *self,
                                 const BylinePortalPostChanges *changes,
                                 GCancellable                  *cancellable,
                                 GAsyncReadyCallback            callback,
                                 gpointer                       user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (changes != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->create_post_async (self, changes, cancellable, callback,
                                                     user_data);
}

/**
 * byline_portal_update_post_async:
 *
 * Applies @changes to a post. Finish with byline_portal_post_finish().
 */
void
byline_portal_update_post_async (BylinePortal                  *self,
                                 gint64                         id,
                                 const BylinePortalPostChanges *changes,
                                 GCancellable                  *cancellable,
                                 GAsyncReadyCallback            callback,
                                 gpointer                       user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (changes != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->update_post_async (self, id, changes, cancellable, callback,
                                                     user_data);
}

/**
 * byline_portal_trash_post_async:
 *
 * Moves a post to the trash. Finish with byline_portal_post_finish().
 */
void
byline_portal_trash_post_async (BylinePortal        *self,
                                gint64               id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->trash_post_async (self, id, cancellable, callback, user_data);
}

/**
 * byline_portal_upload_media_async:
 *
 * Uploads a photo streamed from @file, with its title, caption and
 * alternative text in the same request. @slug (if any) names the media
 * item on the portal, so that byline_portal_find_media_async() can tell
 * whether an upload whose answer was lost arrived; it must be unique.
 * @progress (if any) is called with the bytes sent so far; @progress_data
 * must live until the operation completes. Finish with
 * byline_portal_media_finish().
 */
void
byline_portal_upload_media_async (BylinePortal         *self,
                                  GFile                *file,
                                  const char           *title,
                                  const char           *caption,
                                  const char           *alt_text,
                                  const char           *slug,
                                  BylinePortalProgress  progress,
                                  gpointer              progress_data,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->upload_media_async (self, file, title, caption, alt_text,
                                                      slug, progress, progress_data, cancellable,
                                                      callback, user_data);
}

/**
 * byline_portal_get_media_async:
 *
 * Reads one media item. Finish with byline_portal_media_finish().
 */
void
byline_portal_get_media_async (BylinePortal        *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->get_media_async (self, id, cancellable, callback, user_data);
}

/**
 * byline_portal_find_media_async:
 *
 * Looks a media item up by the slug it was uploaded with. Finish with
 * byline_portal_media_finish(), which fails with %BYLINE_ERROR_NOT_FOUND
 * when the portal has none.
 */
void
byline_portal_find_media_async (BylinePortal        *self,
                                const char          *slug,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (slug != NULL && *slug != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->find_media_async (self, slug, cancellable, callback, user_data);
}

/**
 * byline_portal_list_categories_async:
 *
 * Lists every category, all pages, as a tree (see
 * byline_portal_terms_sort_tree()). Finish with byline_portal_terms_finish().
 */
void
byline_portal_list_categories_async (BylinePortal        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->list_categories_async (self, cancellable, callback, user_data);
}

/**
 * byline_portal_search_tags_async:
 *
 * Lists the tags whose name contains @search (all tags when %NULL).
 * Finish with byline_portal_terms_finish().
 */
void
byline_portal_search_tags_async (BylinePortal        *self,
                                 const char          *search,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->search_tags_async (self, search, cancellable, callback,
                                                     user_data);
}

/**
 * byline_portal_ensure_term_async:
 *
 * Finds the category or tag called @name (under @parent, for categories)
 * or creates it. Finish with byline_portal_ensure_term_finish().
 */
void
byline_portal_ensure_term_async (BylinePortal         *self,
                                 BylinePortalTaxonomy  taxonomy,
                                 const char           *name,
                                 gint64                parent,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->ensure_term_async (self, taxonomy, name, parent, cancellable,
                                                     callback, user_data);
}

/**
 * byline_portal_list_comments_async:
 *
 * Lists a post's comments (notes) with @status; with @post 0, the comments
 * on every post the user may read them on (for a reporter: their own
 * articles). Finish with byline_portal_list_comments_finish().
 */
void
byline_portal_list_comments_async (BylinePortal              *self,
                                   gint64                     post,
                                   BylinePortalCommentStatus  status,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (post >= 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->list_comments_async (self, post, status, cancellable, callback,
                                                       user_data);
}

/**
 * byline_portal_create_comment_async:
 *
 * Adds a comment (a note) to a post, as a reply to @parent when not 0,
 * with @status unless it is %BYLINE_PORTAL_COMMENT_STATUS_ANY. Finish with
 * byline_portal_comment_finish().
 */
void
byline_portal_create_comment_async (BylinePortal              *self,
                                    gint64                     post,
                                    gint64                     parent,
                                    const char                *content,
                                    BylinePortalCommentStatus  status,
                                    GCancellable              *cancellable,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (post > 0);
  g_return_if_fail (content != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->create_comment_async (self, post, parent, content, status,
                                                        cancellable, callback, user_data);
}

/**
 * byline_portal_set_comment_status_async:
 *
 * Changes a comment's status. Finish with byline_portal_comment_finish().
 */
void
byline_portal_set_comment_status_async (BylinePortal              *self,
                                        gint64                     id,
                                        BylinePortalCommentStatus  status,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (status != BYLINE_PORTAL_COMMENT_STATUS_ANY);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->set_comment_status_async (self, id, status, cancellable, callback,
                                                            user_data);
}

/**
 * byline_portal_delete_comment_async:
 *
 * Deletes a comment: for good when @force, else to the trash. Finish with
 * byline_portal_delete_comment_finish().
 */
void
byline_portal_delete_comment_async (BylinePortal        *self,
                                    gint64               id,
                                    gboolean             force,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->delete_comment_async (self, id, force, cancellable, callback,
                                                        user_data);
}

/**
 * byline_portal_get_user_finish:
 *
 * Returns: (transfer full) the signed-in user
 */
BylinePortalUser *
byline_portal_get_user_finish (BylinePortal  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->get_user_finish (self, result, error);
}

/**
 * byline_portal_list_posts_finish:
 *
 * Returns: (transfer full) the page of posts
 */
BylinePortalPostPage *
byline_portal_list_posts_finish (BylinePortal  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->list_posts_finish (self, result, error);
}

/**
 * byline_portal_post_finish:
 *
 * Returns: (transfer full) the post
 */
BylinePortalPost *
byline_portal_post_finish (BylinePortal  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->post_finish (self, result, error);
}

/**
 * byline_portal_media_finish:
 *
 * Returns: (transfer full) the media item
 */
BylinePortalMedia *
byline_portal_media_finish (BylinePortal  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->media_finish (self, result, error);
}

/**
 * byline_portal_terms_finish:
 *
 * Returns: (transfer full) (element-type BylinePortalTerm): the terms
 */
GPtrArray *
byline_portal_terms_finish (BylinePortal  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->terms_finish (self, result, error);
}

/**
 * byline_portal_ensure_term_finish:
 *
 * Returns: (transfer full) the existing or new term
 */
BylinePortalTerm *
byline_portal_ensure_term_finish (BylinePortal  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->ensure_term_finish (self, result, error);
}

/**
 * byline_portal_list_comments_finish:
 *
 * Returns: (transfer full) (element-type BylinePortalComment): the comments
 */
GPtrArray *
byline_portal_list_comments_finish (BylinePortal  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->list_comments_finish (self, result, error);
}

/**
 * byline_portal_comment_finish:
 *
 * Returns: (transfer full) the comment
 */
BylinePortalComment *
byline_portal_comment_finish (BylinePortal  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->comment_finish (self, result, error);
}

/**
 * byline_portal_delete_comment_finish:
 *
 * Returns: %TRUE when the comment was deleted
 */
gboolean
byline_portal_delete_comment_finish (BylinePortal  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return BYLINE_PORTAL_GET_IFACE (self)->delete_comment_finish (self, result, error);
}

/**
 * byline_portal_get_terms_async:
 * @ids: (array length=n_ids): the terms' ids
 *
 * Reads the categories or tags with these ids (a post carries only ids),
 * in no particular order; ids that do not exist are left out. Finish with
 * byline_portal_terms_finish().
 */
void
byline_portal_get_terms_async (BylinePortal         *self,
                               BylinePortalTaxonomy  taxonomy,
                               const gint64         *ids,
                               guint                 n_ids,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (ids != NULL || n_ids == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->get_terms_async (self, taxonomy, ids, n_ids, cancellable,
                                                   callback, user_data);
}

/**
 * byline_portal_get_authors_async:
 * @ids: (array length=n_ids): user ids, as in a post's author
 *
 * Reads the names of the people who write posts, for showing who wrote
 * what; ids that are not authors are left out. Finish with
 * byline_portal_get_authors_finish().
 */
void
byline_portal_get_authors_async (BylinePortal        *self,
                                 const gint64        *ids,
                                 guint                n_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (ids != NULL || n_ids == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->get_authors_async (self, ids, n_ids, cancellable, callback,
                                                     user_data);
}

/**
 * byline_portal_get_authors_finish:
 *
 * Returns: (transfer full) (element-type BylinePortalUser): the authors,
 *   with their id and name only
 */
GPtrArray *
byline_portal_get_authors_finish (BylinePortal  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->get_authors_finish (self, result, error);
}

/**
 * byline_portal_get_time_zone_async:
 *
 * Reads the site's time zone, in which dates are shown to its users and
 * scheduled posts are planned. Finish with
 * byline_portal_get_time_zone_finish().
 */
void
byline_portal_get_time_zone_async (BylinePortal        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_PORTAL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_PORTAL_GET_IFACE (self)->get_time_zone_async (self, cancellable, callback, user_data);
}

/**
 * byline_portal_get_time_zone_finish:
 *
 * Returns: (transfer full): the site's time zone
 */
GTimeZone *
byline_portal_get_time_zone_finish (BylinePortal  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_PORTAL_GET_IFACE (self)->get_time_zone_finish (self, result, error);
}
