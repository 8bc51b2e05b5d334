/* byline-portal-article.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A post from the portal as a local article, linked to it: what "open
 * theirs" opens after a conflict, and what editing a post from the portal
 * starts from.
 */

#define G_LOG_DOMAIN "byline-portal"

#include "config.h"

#include "byline-block-parser.h"
#include "byline-error.h"
#include "byline-portal-article.h"
#include "byline-wp-json.h"

/**
 * byline_portal_article_status:
 *
 * Returns: the article status for a portal post's status
 */
BylinePostStatus
byline_portal_article_status (BylinePortalPostStatus status)
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

/**
 * byline_portal_article_new:
 * @post: a post read with its raw content (context=edit)
 * @site: the REST root of its portal
 * @error: return location for a #GError
 *
 * A new local article (a new id) with the post's headline, lead and body,
 * linked to the post as it is now (its modified_gmt is the one a later
 * update compares). The raw title and excerpt are HTML (kses escapes an
 * author's "&"): they become plain text.
 *
 * Returns: (transfer full) (nullable): the article, or %NULL when the
 *   content cannot be read (%BYLINE_ERROR_PARSE)
 */
BylineArticle *
byline_portal_article_new (BylinePortalPost  *post,
                           const char        *site,
                           GError           **error)
{
  g_autoptr(BylineArticle) parsed = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *modified = NULL;
  BylineArticle *article;

  g_return_val_if_fail (post != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  parsed = byline_markup_parse (post->content != NULL ? post->content : "",
                                post->content != NULL ? strlen (post->content) : 0, error);
  if (parsed == NULL)
    return NULL;

  blocks = g_ptr_array_copy (byline_article_get_blocks (parsed), (GCopyFunc) byline_block_ref, NULL);
  g_ptr_array_set_free_func (blocks, (GDestroyNotify) byline_block_unref);
  title = byline_wp_decode_entities (post->title != NULL ? post->title : "");
  lead = byline_wp_decode_entities (post->excerpt != NULL ? post->excerpt : "");
  modified = post->modified_gmt != NULL ? byline_wp_format_date_gmt (post->modified_gmt) : NULL;

  article = byline_article_new (NULL);
  byline_article_set_title (article, title);
  byline_article_set_lead (article, g_strstrip (lead));
  byline_article_set_blocks (article, blocks);
  byline_article_set_featured_media (article, post->featured_media);
  if (post->slug != NULL && *post->slug != '\0')
    byline_article_set_slug (article, post->slug);
  byline_article_set_status (article, byline_portal_article_status (post->status));
  byline_article_set_remote (article, site, post->id, modified, post->link,
                             byline_portal_article_status (post->status));

  return article;
}
