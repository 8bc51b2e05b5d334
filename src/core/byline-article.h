/* byline-article.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-block.h"

G_BEGIN_DECLS

/**
 * BylinePostStatus:
 * @BYLINE_POST_STATUS_NONE: not on a portal (a local draft only)
 * @BYLINE_POST_STATUS_DRAFT: a draft on the portal
 * @BYLINE_POST_STATUS_PENDING: submitted for review
 * @BYLINE_POST_STATUS_PUBLISH: published
 * @BYLINE_POST_STATUS_FUTURE: scheduled
 * @BYLINE_POST_STATUS_PRIVATE: published privately
 * @BYLINE_POST_STATUS_TRASH: in the portal's trash
 *
 * WordPress's post statuses; the strings are WordPress's own.
 */
typedef enum
{
  BYLINE_POST_STATUS_NONE,
  BYLINE_POST_STATUS_DRAFT,
  BYLINE_POST_STATUS_PENDING,
  BYLINE_POST_STATUS_PUBLISH,
  BYLINE_POST_STATUS_FUTURE,
  BYLINE_POST_STATUS_PRIVATE,
  BYLINE_POST_STATUS_TRASH,
} BylinePostStatus;

const char *byline_post_status_to_string   (BylinePostStatus  status);
gboolean    byline_post_status_from_string (const char       *name,
                                            BylinePostStatus *status);

/**
 * BylinePostRequest:
 * @BYLINE_POST_REQUEST_NONE: nothing is in flight
 * @BYLINE_POST_REQUEST_CREATE: a request creating the post was sent (or was
 *   about to be) and its answer is not recorded
 * @BYLINE_POST_REQUEST_UPDATE: the same for an update of the linked post
 *
 * The publisher's record of a request to the portal whose outcome is not
 * known yet, kept with the draft so that a retry finds out first.
 */
typedef enum
{
  BYLINE_POST_REQUEST_NONE,
  BYLINE_POST_REQUEST_CREATE,
  BYLINE_POST_REQUEST_UPDATE,
} BylinePostRequest;

const char *byline_post_request_to_string   (BylinePostRequest  request);
gboolean    byline_post_request_from_string (const char        *name,
                                             BylinePostRequest *request);

/**
 * BylineTerm:
 * @id: the portal's term id, 0 while the term exists only locally
 * @name: the term's name
 *
 * A category or tag of an article.
 */
typedef struct
{
  gint64  id;
  char   *name;
} BylineTerm;

#define BYLINE_TYPE_TERM (byline_term_get_type ())

GType       byline_term_get_type (void) G_GNUC_CONST;
BylineTerm *byline_term_new      (gint64            id,
                                  const char       *name);
BylineTerm *byline_term_copy     (const BylineTerm *self);
void        byline_term_free     (BylineTerm       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineTerm, byline_term_free)

#define BYLINE_TYPE_ARTICLE (byline_article_get_type ())

G_DECLARE_FINAL_TYPE (BylineArticle, byline_article, BYLINE, ARTICLE, GObject)

BylineArticle    *byline_article_new                  (const char       *id);
BylineArticle    *byline_article_copy                 (BylineArticle    *self);
const char       *byline_article_get_id               (BylineArticle    *self);

const char       *byline_article_get_title            (BylineArticle    *self);
void              byline_article_set_title            (BylineArticle    *self,
                                                       const char       *title);
const char       *byline_article_get_lead             (BylineArticle    *self);
void              byline_article_set_lead             (BylineArticle    *self,
                                                       const char       *lead);

guint             byline_article_get_n_blocks         (BylineArticle    *self);
BylineBlock      *byline_article_get_block            (BylineArticle    *self,
                                                       guint             index);
GPtrArray        *byline_article_get_blocks           (BylineArticle    *self);
void              byline_article_set_blocks           (BylineArticle    *self,
                                                       GPtrArray        *blocks);
void              byline_article_append_block         (BylineArticle    *self,
                                                       BylineBlock      *block);
BylineBlock      *byline_article_find_figure          (BylineArticle    *self,
                                                       const char       *figure_id);
void              byline_article_blocks_changed       (BylineArticle    *self);
void              byline_article_carry_sources        (BylineArticle    *self,
                                                       BylineArticle    *previous);
void              byline_article_carry_publish_state  (BylineArticle    *self,
                                                       BylineArticle    *previous);

GPtrArray        *byline_article_get_categories       (BylineArticle    *self);
void              byline_article_set_categories       (BylineArticle    *self,
                                                       GPtrArray        *categories);
const char * const *byline_article_get_tags           (BylineArticle    *self);
void              byline_article_set_tags             (BylineArticle    *self,
                                                       const char * const *tags);

const char       *byline_article_get_featured_figure  (BylineArticle    *self);
void              byline_article_set_featured_figure  (BylineArticle    *self,
                                                       const char       *figure_id);
gint64            byline_article_get_featured_media   (BylineArticle    *self);
void              byline_article_set_featured_media   (BylineArticle    *self,
                                                       gint64            media_id);

const char       *byline_article_get_slug             (BylineArticle    *self);
void              byline_article_set_slug             (BylineArticle    *self,
                                                       const char       *slug);
GDateTime        *byline_article_get_date             (BylineArticle    *self);
void              byline_article_set_date             (BylineArticle    *self,
                                                       GDateTime        *date);
BylinePostStatus  byline_article_get_status           (BylineArticle    *self);
void              byline_article_set_status           (BylineArticle    *self,
                                                       BylinePostStatus  status);

const char       *byline_article_get_site             (BylineArticle    *self);
gint64            byline_article_get_post_id          (BylineArticle    *self);
const char       *byline_article_get_modified_gmt     (BylineArticle    *self);
const char       *byline_article_get_link             (BylineArticle    *self);
BylinePostStatus  byline_article_get_remote_status    (BylineArticle    *self);
void              byline_article_set_remote           (BylineArticle    *self,
                                                       const char       *site,
                                                       gint64            post_id,
                                                       const char       *modified_gmt,
                                                       const char       *link,
                                                       BylinePostStatus  remote_status);

BylinePostRequest byline_article_get_post_request     (BylineArticle    *self,
                                                       GDateTime       **sent,
                                                       const char      **digest);
void              byline_article_set_post_request     (BylineArticle    *self,
                                                       BylinePostRequest request,
                                                       GDateTime        *sent,
                                                       const char       *digest);

GDateTime        *byline_article_get_modified         (BylineArticle    *self);
void              byline_article_set_modified         (BylineArticle    *self,
                                                       GDateTime        *modified);

char             *byline_article_get_plain_text       (BylineArticle    *self);
guint             byline_article_count_body_words     (BylineArticle    *self);

G_END_DECLS
