/* byline-portal.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-portal-types.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PORTAL (byline_portal_get_type ())

G_DECLARE_INTERFACE (BylinePortal, byline_portal, BYLINE, PORTAL, GObject)

/**
 * BylinePortalInterface:
 *
 * A signed-in connection to a publishing portal. Every operation is
 * asynchronous and fails with a %BYLINE_ERROR; WordPress (BylineWpPortal)
 * is the only implementation today.
 */
struct _BylinePortalInterface
{
  GTypeInterface parent_iface;

  BylinePortalSite    *(*get_site)              (BylinePortal                   *self);
  const char          *(*get_username)          (BylinePortal                   *self);

  void                 (*get_user_async)        (BylinePortal                   *self,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  BylinePortalUser    *(*get_user_finish)       (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);

  void                 (*list_posts_async)      (BylinePortal                   *self,
                                                 const BylinePortalPostQuery    *query,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  BylinePortalPostPage *(*list_posts_finish)    (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);

  void                 (*get_post_async)        (BylinePortal                   *self,
                                                 gint64                          id,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  void                 (*create_post_async)     (BylinePortal                   *self,
                                                 const BylinePortalPostChanges  *changes,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  void                 (*update_post_async)     (BylinePortal                   *self,
                                                 gint64                          id,
                                                 const BylinePortalPostChanges  *changes,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  void                 (*trash_post_async)      (BylinePortal                   *self,
                                                 gint64                          id,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  /* Shared by get, create, update and trash. */
  BylinePortalPost    *(*post_finish)           (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);

  void                 (*upload_media_async)    (BylinePortal                   *self,
                                                 GFile                          *file,
                                                 const char                     *title,
                                                 const char                     *caption,
                                                 const char                     *alt_text,
                                                 const char                     *slug,
                                                 BylinePortalProgress            progress,
                                                 gpointer                        progress_data,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  void                 (*get_media_async)       (BylinePortal                   *self,
                                                 gint64                          id,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  void                 (*find_media_async)      (BylinePortal                   *self,
                                                 const char                     *slug,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  BylinePortalMedia   *(*media_finish)          (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);

  void                 (*list_categories_async) (BylinePortal                   *self,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  void                 (*search_tags_async)     (BylinePortal                   *self,
                                                 const char                     *search,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  GPtrArray           *(*terms_finish)          (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);
  void                 (*ensure_term_async)     (BylinePortal                   *self,
                                                 BylinePortalTaxonomy            taxonomy,
                                                 const char                     *name,
                                                 gint64                          parent,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  BylinePortalTerm    *(*ensure_term_finish)    (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);

  void                 (*list_comments_async)   (BylinePortal                   *self,
                                                 gint64                          post,
                                                 BylinePortalCommentStatus       status,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  GPtrArray           *(*list_comments_finish)  (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);
  void                 (*create_comment_async)  (BylinePortal                   *self,
                                                 gint64                          post,
                                                 gint64                          parent,
                                                 const char                     *content,
                                                 BylinePortalCommentStatus       status,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  void                 (*set_comment_status_async) (BylinePortal                *self,
                                                 gint64                          id,
                                                 BylinePortalCommentStatus       status,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  BylinePortalComment *(*comment_finish)        (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);
  void                 (*delete_comment_async)  (BylinePortal                   *self,
                                                 gint64                          id,
                                                 gboolean                        force,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  gboolean             (*delete_comment_finish) (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);

  /* Finished with terms_finish. */
  void                 (*get_terms_async)       (BylinePortal                   *self,
                                                 BylinePortalTaxonomy            taxonomy,
                                                 const gint64                   *ids,
                                                 guint                           n_ids,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  void                 (*get_authors_async)     (BylinePortal                   *self,
                                                 const gint64                   *ids,
                                                 guint                           n_ids,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  GPtrArray           *(*get_authors_finish)    (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);
  void                 (*get_time_zone_async)   (BylinePortal                   *self,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
  GTimeZone           *(*get_time_zone_finish)  (BylinePortal                   *self,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);
};

BylinePortalSite     *byline_portal_get_site (BylinePortal *self);
const char           *byline_portal_get_username (BylinePortal *self);

void                  byline_portal_get_user_async (BylinePortal        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
BylinePortalUser     *byline_portal_get_user_finish (BylinePortal  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);

void                  byline_portal_list_posts_async (BylinePortal                *self,
                                                      const BylinePortalPostQuery *query,
                                                      GCancellable                *cancellable,
                                                      GAsyncReadyCallback          callback,
                                                      gpointer                     user_data);
BylinePortalPostPage *byline_portal_list_posts_finish (BylinePortal  *self,
                                                       GAsyncResult  *result,
                                                       GError       **error);

void                  byline_portal_get_post_async (BylinePortal        *self,
                                                    gint64               id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
void                  byline_portal_create_post_async (BylinePortal                  *self,
                                                       const BylinePortalPostChanges *changes,
                                                       GCancellable                  *cancellable,
                                                       GAsyncReadyCallback            callback,
                                                       gpointer                       user_data);
void                  byline_portal_update_post_async (BylinePortal                  *self,
                                                       gint64                         id,
                                                       const BylinePortalPostChanges *changes,
                                                       GCancellable                  *cancellable,
                                                       GAsyncReadyCallback            callback,
                                                       gpointer                       user_data);
void                  byline_portal_trash_post_async (BylinePortal        *self,
                                                      gint64               id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
BylinePortalPost     *byline_portal_post_finish (BylinePortal  *self,
                                                 GAsyncResult  *result,
                                                 GError       **error);

void                  byline_portal_upload_media_async (BylinePortal         *self,
                                                        GFile                *file,
                                                        const char           *title,
                                                        const char           *caption,
                                                        const char           *alt_text,
                                                        const char           *slug,
                                                        BylinePortalProgress  progress,
                                                        gpointer              progress_data,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void                  byline_portal_get_media_async (BylinePortal        *self,
                                                     gint64               id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void                  byline_portal_find_media_async (BylinePortal        *self,
                                                      const char          *slug,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
BylinePortalMedia    *byline_portal_media_finish (BylinePortal  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);

void                  byline_portal_list_categories_async (BylinePortal        *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
void                  byline_portal_search_tags_async (BylinePortal        *self,
                                                       const char          *search,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray            *byline_portal_terms_finish (BylinePortal  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);
void                  byline_portal_ensure_term_async (BylinePortal         *self,
                                                       BylinePortalTaxonomy  taxonomy,
                                                       const char           *name,
                                                       gint64                parent,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
BylinePortalTerm     *byline_portal_ensure_term_finish (BylinePortal  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

void                  byline_portal_list_comments_async (BylinePortal              *self,
                                                         gint64                     post,
                                                         BylinePortalCommentStatus  status,
                                                         GCancellable              *cancellable,
                                                         GAsyncReadyCallback        callback,
                                                         gpointer                   user_data);
GPtrArray            *byline_portal_list_comments_finish (BylinePortal  *self,
                                                          GAsyncResult  *result,
                                                          GError       **error);
void                  byline_portal_create_comment_async (BylinePortal              *self,
                                                          gint64                     post,
                                                          gint64                     parent,
                                                          const char                *content,
                                                          BylinePortalCommentStatus  status,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
void                  byline_portal_set_comment_status_async (BylinePortal              *self,
                                                              gint64                     id,
                                                              BylinePortalCommentStatus  status,
                                                              GCancellable              *cancellable,
                                                              GAsyncReadyCallback        callback,
                                                              gpointer                   user_data);
BylinePortalComment  *byline_portal_comment_finish (BylinePortal  *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);
void                  byline_portal_delete_comment_async (BylinePortal        *self,
                                                          gint64               id,
                                                          gboolean             force,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean              byline_portal_delete_comment_finish (BylinePortal  *self,
                                                           GAsyncResult  *result,
                                                           GError       **error);

void                  byline_portal_get_terms_async (BylinePortal         *self,
                                                     BylinePortalTaxonomy  taxonomy,
                                                     const gint64         *ids,
                                                     guint                 n_ids,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
void                  byline_portal_get_authors_async (BylinePortal        *self,
                                                       const gint64        *ids,
                                                       guint                n_ids,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray            *byline_portal_get_authors_finish (BylinePortal  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);
void                  byline_portal_get_time_zone_async (BylinePortal        *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GTimeZone            *byline_portal_get_time_zone_finish (BylinePortal  *self,
                                                          GAsyncResult  *result,
                                                          GError       **error);

G_END_DECLS
