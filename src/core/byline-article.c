/* byline-article.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-model"

#include "config.h"

#include "byline-article.h"
#include "byline-text.h"

struct _BylineArticle
{
  GObject           parent_instance;

  /* Owned */
  char             *id;
  char             *title;
  char             *lead;
  GPtrArray        *blocks;        /* BylineBlock */
  GPtrArray        *categories;    /* BylineTerm */
  GStrv             tags;
  char             *featured_figure;
  gint64            featured_media;
  char             *slug;
  GDateTime        *date;
  BylinePostStatus  status;
  GDateTime        *modified;

  /* The post on the portal this article is linked to */
  char             *site;
  gint64            post_id;
  char             *modified_gmt;
  char             *link;
  BylinePostStatus  remote_status;

  /* A request to that post whose answer is not recorded */
  BylinePostRequest request;
  GDateTime        *request_sent;
  char             *request_digest;
};

G_DEFINE_FINAL_TYPE (BylineArticle, byline_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_LEAD,
  PROP_SLUG,
  PROP_STATUS,
  PROP_POST_ID,
  PROP_REMOTE_STATUS,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const status_names[] = {
  [BYLINE_POST_STATUS_NONE] = "none",
  [BYLINE_POST_STATUS_DRAFT] = "draft",
  [BYLINE_POST_STATUS_PENDING] = "pending",
  [BYLINE_POST_STATUS_PUBLISH] = "publish",
  [BYLINE_POST_STATUS_FUTURE] = "future",
  [BYLINE_POST_STATUS_PRIVATE] = "private",
  [BYLINE_POST_STATUS_TRASH] = "trash",
};

const char *
byline_post_status_to_string (BylinePostStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
byline_post_status_from_string (const char       *name,
                                BylinePostStatus *status)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (name, status_names[i]))
        {
          if (status != NULL)
            *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char * const request_names[] = {
  [BYLINE_POST_REQUEST_NONE] = "none",
  [BYLINE_POST_REQUEST_CREATE] = "create",
  [BYLINE_POST_REQUEST_UPDATE] = "update",
};

const char *
byline_post_request_to_string (BylinePostRequest request)
{
  g_return_val_if_fail (request < G_N_ELEMENTS (request_names), NULL);

  return request_names[request];
}

gboolean
byline_post_request_from_string (const char        *name,
                                 BylinePostRequest *request)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (request_names); i++)
    {
      if (g_str_equal (name, request_names[i]))
        {
          if (request != NULL)
            *request = i;
          return TRUE;
        }
    }

  return FALSE;
}

G_DEFINE_BOXED_TYPE (BylineTerm, byline_term, byline_term_copy, byline_term_free)

BylineTerm *
byline_term_new (gint64      id,
                 const char *name)
{
  BylineTerm *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (BylineTerm, 1);
  self->id = id;
  self->name = byline_text_normalize (name, -1);

  return self;
}

BylineTerm *
byline_term_copy (const BylineTerm *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return byline_term_new (self->id, self->name);
}

void
byline_term_free (BylineTerm *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self);
}

/* A user-visible change: remember when, and tell autosave. */
static void
content_changed (BylineArticle *self)
{
  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = g_date_time_new_now_utc ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  g_autofree char *normalized = value != NULL ? byline_text_normalize (value, -1) : NULL;

  if (g_strcmp0 (*field, normalized) == 0)
    return FALSE;

  g_free (*field);
  *field = g_steal_pointer (&normalized);
  return TRUE;
}

/**
 * byline_article_new:
 * @id: (nullable): the article's local id, or %NULL for a new random one
 *
 * Returns: (transfer full): an empty article
 */
BylineArticle *
byline_article_new (const char *id)
{
  g_autofree char *random = NULL;

  if (id == NULL)
    id = random = g_uuid_string_random ();

  return g_object_new (BYLINE_TYPE_ARTICLE, "id", id, NULL);
}

/**
 * byline_article_copy:
 * @self: an article
 *
 * Returns: (transfer full): a deep copy with the same id, blocks copied
 */
BylineArticle *
byline_article_copy (BylineArticle *self)
{
  BylineArticle *copy;

  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  copy = byline_article_new (self->id);
  /* Replace what byline_article_init() allocated. */
  g_free (copy->title);
  copy->title = g_strdup (self->title);
  g_free (copy->lead);
  copy->lead = g_strdup (self->lead);
  for (guint i = 0; i < self->blocks->len; i++)
    g_ptr_array_add (copy->blocks, byline_block_copy (g_ptr_array_index (self->blocks, i)));
  for (guint i = 0; i < self->categories->len; i++)
    g_ptr_array_add (copy->categories, byline_term_copy (g_ptr_array_index (self->categories, i)));
  g_strfreev (copy->tags);
  copy->tags = g_strdupv (self->tags);
  copy->featured_figure = g_strdup (self->featured_figure);
  copy->featured_media = self->featured_media;
  copy->slug = g_strdup (self->slug);
  copy->date = self->date ? g_date_time_ref (self->date) : NULL;
  copy->status = self->status;
  copy->modified = self->modified ? g_date_time_ref (self->modified) : NULL;
  copy->site = g_strdup (self->site);
  copy->post_id = self->post_id;
  copy->modified_gmt = g_strdup (self->modified_gmt);
  copy->link = g_strdup (self->link);
  copy->remote_status = self->remote_status;
  copy->request = self->request;
  copy->request_sent = self->request_sent ? g_date_time_ref (self->request_sent) : NULL;
  copy->request_digest = g_strdup (self->request_digest);

  return copy;
}

const char *
byline_article_get_id (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->id;
}

const char *
byline_article_get_title (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->title;
}

/**
 * byline_article_set_title:
 * @self: an article
 * @title: the headline; line breaks become spaces (a headline is one line)
 */
void
byline_article_set_title (BylineArticle *self,
                          const char    *title)
{
  g_autofree char *one_line = NULL;

  g_return_if_fail (BYLINE_IS_ARTICLE (self));
  g_return_if_fail (title != NULL);

  one_line = g_strdup (title);
  g_strdelimit (one_line, "\r\n\t", ' ');

  if (set_string (&self->title, one_line))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      content_changed (self);
    }
}

const char *
byline_article_get_lead (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->lead;
}

void
byline_article_set_lead (BylineArticle *self,
                         const char    *lead)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));
  g_return_if_fail (lead != NULL);

  if (set_string (&self->lead, lead))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD]);
      content_changed (self);
    }
}

guint
byline_article_get_n_blocks (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), 0);

  return self->blocks->len;
}

/**
 * byline_article_get_block:
 * @self: an article
 * @index: a block index
 *
 * Returns: (transfer none): the block
 */
BylineBlock *
byline_article_get_block (BylineArticle *self,
                          guint          index)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, index);
}

/**
 * byline_article_get_blocks:
 * @self: an article
 *
 * Returns: (transfer none) (element-type BylineBlock): the body's blocks
 */
GPtrArray *
byline_article_get_blocks (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->blocks;
}

static gboolean
blocks_equal (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!byline_block_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/**
 * byline_article_set_blocks:
 * @self: an article
 * @blocks: (element-type BylineBlock) (transfer none): the new body
 *
 * Replaces the body with references to @blocks. Nothing is signalled when
 * the content is the same, so an editor may call this on every keystroke.
 */
void
byline_article_set_blocks (BylineArticle *self,
                           GPtrArray     *blocks)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));
  g_return_if_fail (blocks != NULL);

  if (blocks_equal (self->blocks, blocks))
    return;

  g_ptr_array_set_size (self->blocks, 0);
  for (guint i = 0; i < blocks->len; i++)
    g_ptr_array_add (self->blocks, byline_block_ref (g_ptr_array_index (blocks, i)));

  content_changed (self);
}

/**
 * byline_article_append_block:
 * @self: an article
 * @block: (transfer full): a block
 */
void
byline_article_append_block (BylineArticle *self,
                             BylineBlock   *block)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));
  g_return_if_fail (block != NULL);

  g_ptr_array_add (self->blocks, block);
  content_changed (self);
}

/**
 * byline_article_find_figure:
 * @self: an article
 * @figure_id: a figure's id
 *
 * Returns: (transfer none) (nullable): the figure with that id
 */
BylineBlock *
byline_article_find_figure (BylineArticle *self,
                            const char    *figure_id)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (figure_id != NULL, NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (self->blocks, i);

      if (byline_block_get_kind (block) == BYLINE_BLOCK_FIGURE &&
          g_strcmp0 (byline_block_get_figure_id (block), figure_id) == 0)
        return block;
    }

  return NULL;
}

/**
 * byline_article_blocks_changed:
 * @self: an article
 *
 * Call after changing a block obtained from @self in place (e.g. recording
 * a figure's media id), so the change is saved.
 */
void
byline_article_blocks_changed (BylineArticle *self)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * byline_article_carry_sources:
 * @self: an article rebuilt from the editor
 * @previous: the article as it was before
 *
 * Gives every block of @self that equals a block of @previous (in the same
 * order) that block's source markup, so that what the user did not change
 * is written back to the portal byte for byte.
 */
void
byline_article_carry_sources (BylineArticle *self,
                              BylineArticle *previous)
{
  guint j = 0;

  g_return_if_fail (BYLINE_IS_ARTICLE (self));
  g_return_if_fail (BYLINE_IS_ARTICLE (previous));

  for (guint i = 0; i < self->blocks->len && j < previous->blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (self->blocks, i);

      for (guint k = j; k < previous->blocks->len; k++)
        {
          BylineBlock *old = g_ptr_array_index (previous->blocks, k);

          if (byline_block_equal (block, old))
            {
              if (byline_block_get_source (block) == NULL && byline_block_get_source (old) != NULL)
                byline_block_set_source (block, byline_block_get_source (old), -1);
              j = k + 1;
              break;
            }
        }
    }
}

/**
 * byline_article_carry_publish_state:
 * @self: an article read again from its source (a file imported anew)
 * @previous: the draft as it was stored, after earlier publishing
 *
 * Gives @self what publishing @previous recorded, so that sending @self
 * continues where that left off instead of sending anything twice: the
 * post it is linked to and a request in flight, the media id, address and
 * upload in flight of each figure with the same id that has no media id of
 * its own, and the portal ids of categories of the same name.
 */
void
byline_article_carry_publish_state (BylineArticle *self,
                                    BylineArticle *previous)
{
  g_autoptr(GPtrArray) categories = NULL;

  g_return_if_fail (BYLINE_IS_ARTICLE (self));
  g_return_if_fail (BYLINE_IS_ARTICLE (previous));

  byline_article_set_remote (self, previous->site, previous->post_id, previous->modified_gmt,
                             previous->link, previous->remote_status);
  byline_article_set_post_request (self, previous->request, previous->request_sent,
                                   previous->request_digest);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (self->blocks, i);
      BylineBlock *old;

      if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE ||
          byline_block_get_media_id (block) != 0 ||
          (old = byline_article_find_figure (previous, byline_block_get_figure_id (block))) == NULL)
        continue;
      if (byline_block_get_media_id (old) > 0)
        byline_block_set_media (block, byline_block_get_media_id (old), byline_block_get_url (old));
      byline_block_set_upload_slug (block, byline_block_get_upload_slug (old));
    }

  categories = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);
  for (guint i = 0; i < self->categories->len; i++)
    {
      BylineTerm *term = g_ptr_array_index (self->categories, i);
      gint64 id = term->id;

      for (guint j = 0; id == 0 && j < previous->categories->len; j++)
        {
          BylineTerm *old = g_ptr_array_index (previous->categories, j);

          if (g_strcmp0 (old->name, term->name) == 0)
            id = old->id;
        }
      g_ptr_array_add (categories, byline_term_new (id, term->name));
    }
  byline_article_set_categories (self, categories);
}

/**
 * byline_article_get_categories:
 * @self: an article
 *
 * Returns: (transfer none) (element-type BylineTerm): the categories
 */
GPtrArray *
byline_article_get_categories (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->categories;
}

/**
 * byline_article_set_categories:
 * @self: an article
 * @categories: (element-type BylineTerm) (transfer none): the categories
 */
void
byline_article_set_categories (BylineArticle *self,
                               GPtrArray     *categories)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));
  g_return_if_fail (categories != NULL);

  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; i < categories->len; i++)
    g_ptr_array_add (self->categories, byline_term_copy (g_ptr_array_index (categories, i)));

  content_changed (self);
}

const char * const *
byline_article_get_tags (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * byline_article_set_tags:
 * @self: an article
 * @tags: the tags' names; empty names and repeats are dropped
 */
void
byline_article_set_tags (BylineArticle      *self,
                         const char * const *tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) new_tags = NULL;

  g_return_if_fail (BYLINE_IS_ARTICLE (self));
  g_return_if_fail (tags != NULL);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *tag = byline_text_normalize (tags[i], -1);

      g_strstrip (tag);
      if (*tag == '\0' || g_hash_table_contains (seen, tag))
        continue;
      g_strv_builder_add (builder, tag);
      g_hash_table_add (seen, g_steal_pointer (&tag));
    }
  new_tags = g_strv_builder_end (builder);

  if (g_strv_equal ((const char * const *) self->tags, (const char * const *) new_tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_steal_pointer (&new_tags);
  content_changed (self);
}

const char *
byline_article_get_featured_figure (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->featured_figure;
}

/**
 * byline_article_set_featured_figure:
 * @self: an article
 * @figure_id: (nullable): the id of the figure shown as the featured photo
 */
void
byline_article_set_featured_figure (BylineArticle *self,
                                    const char    *figure_id)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));

  if (set_string (&self->featured_figure, figure_id))
    content_changed (self);
}

gint64
byline_article_get_featured_media (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), 0);

  return self->featured_media;
}

/**
 * byline_article_set_featured_media:
 * @self: an article
 * @media_id: the portal's id of the featured photo, or 0
 *
 * For a featured photo that is on the portal but not among the article's
 * figures (a post opened from the portal).
 */
void
byline_article_set_featured_media (BylineArticle *self,
                                   gint64         media_id)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));

  if (self->featured_media == media_id)
    return;

  self->featured_media = media_id;
  content_changed (self);
}

const char *
byline_article_get_slug (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->slug;
}

/**
 * byline_article_set_slug:
 * @self: an article
 * @slug: (nullable): the slug the user chose, or %NULL to let the portal
 *   derive it from the headline
 */
void
byline_article_set_slug (BylineArticle *self,
                         const char    *slug)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));

  if (slug != NULL && *slug == '\0')
    slug = NULL;

  if (set_string (&self->slug, slug))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLUG]);
      content_changed (self);
    }
}

/**
 * byline_article_get_date:
 * @self: an article
 *
 * Returns: (transfer none) (nullable): the publication date, or %NULL for
 *   "when it is published"
 */
GDateTime *
byline_article_get_date (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->date;
}

void
byline_article_set_date (BylineArticle *self,
                         GDateTime     *date)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));

  if (self->date == date || (self->date != NULL && date != NULL && g_date_time_equal (self->date, date)))
    return;

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = date ? g_date_time_ref (date) : NULL;
  content_changed (self);
}

BylinePostStatus
byline_article_get_status (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), BYLINE_POST_STATUS_NONE);

  return self->status;
}

/**
 * byline_article_set_status:
 * @self: an article
 * @status: the status the article should have on the portal when sent
 */
void
byline_article_set_status (BylineArticle    *self,
                           BylinePostStatus  status)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  content_changed (self);
}

const char *
byline_article_get_site (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->site;
}

gint64
byline_article_get_post_id (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), 0);

  return self->post_id;
}

const char *
byline_article_get_modified_gmt (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->modified_gmt;
}

const char *
byline_article_get_link (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->link;
}

BylinePostStatus
byline_article_get_remote_status (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), BYLINE_POST_STATUS_NONE);

  return self->remote_status;
}

/**
 * byline_article_set_remote:
 * @self: an article
 * @site: (nullable): the portal account the post lives on
 * @post_id: the post's id on the portal, or 0
 * @modified_gmt: (nullable): the post's `modified_gmt` as last seen
 * @link: (nullable): the post's address
 * @remote_status: the post's status on the portal
 *
 * Links the article to a post on a portal. This is not a change of the
 * article's content (the modification time stays), but it is saved.
 */
void
byline_article_set_remote (BylineArticle    *self,
                           const char       *site,
                           gint64            post_id,
                           const char       *modified_gmt,
                           const char       *link,
                           BylinePostStatus  remote_status)
{
  gboolean id_changed, status_changed, strings_changed;

  g_return_if_fail (BYLINE_IS_ARTICLE (self));

  id_changed = self->post_id != post_id;
  status_changed = self->remote_status != remote_status;
  strings_changed = set_string (&self->site, site);
  strings_changed |= set_string (&self->modified_gmt, modified_gmt);
  strings_changed |= set_string (&self->link, link);

  if (!id_changed && !status_changed && !strings_changed)
    return;

  self->post_id = post_id;
  self->remote_status = remote_status;
  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST_ID]);
  if (status_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_STATUS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * byline_article_get_post_request:
 * @self: an article
 * @sent: (out) (optional) (transfer none): when the request was sent
 * @digest: (out) (optional) (transfer none): the digest of what it sent
 *
 * Returns: the request to the portal's post whose answer is not recorded
 */
BylinePostRequest
byline_article_get_post_request (BylineArticle  *self,
                                 GDateTime     **sent,
                                 const char    **digest)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), BYLINE_POST_REQUEST_NONE);

  if (sent != NULL)
    *sent = self->request_sent;
  if (digest != NULL)
    *digest = self->request_digest;

  return self->request;
}

/**
 * byline_article_set_post_request:
 * @self: an article
 * @request: the request about to be sent, or %BYLINE_POST_REQUEST_NONE once
 *   its answer is recorded
 * @sent: (nullable): when it is sent (UTC)
 * @digest: (nullable): a digest of the title, lead and content it sends
 *
 * The publisher's bookkeeping (see #BylinePostRequest); like
 * byline_article_set_remote(), it is saved but is no change of content.
 */
void
byline_article_set_post_request (BylineArticle     *self,
                                 BylinePostRequest  request,
                                 GDateTime         *sent,
                                 const char        *digest)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));
  g_return_if_fail (request < G_N_ELEMENTS (request_names));

  if (request == BYLINE_POST_REQUEST_NONE)
    {
      sent = NULL;
      digest = NULL;
    }

  if (self->request == request && g_strcmp0 (self->request_digest, digest) == 0 &&
      (self->request_sent == sent ||
       (self->request_sent != NULL && sent != NULL && g_date_time_equal (self->request_sent, sent))))
    return;

  self->request = request;
  g_clear_pointer (&self->request_sent, g_date_time_unref);
  self->request_sent = sent != NULL ? g_date_time_ref (sent) : NULL;
  g_free (self->request_digest);
  self->request_digest = g_strdup (digest);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * byline_article_get_modified:
 * @self: an article
 *
 * Returns: (transfer none) (nullable): when the content last changed
 */
GDateTime *
byline_article_get_modified (BylineArticle *self)
{
  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  return self->modified;
}

/**
 * byline_article_set_modified:
 * @self: an article
 * @modified: (nullable): when the content last changed
 *
 * For loading a stored article; editing sets the time by itself.
 */
void
byline_article_set_modified (BylineArticle *self,
                             GDateTime     *modified)
{
  g_return_if_fail (BYLINE_IS_ARTICLE (self));

  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = modified ? g_date_time_ref (modified) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * byline_article_get_plain_text:
 * @self: an article
 *
 * Returns: (transfer full): the body as plain text, one block per
 *   paragraph (separated by blank lines)
 */
char *
byline_article_get_plain_text (BylineArticle *self)
{
  GString *out;

  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      g_autofree char *text = byline_block_get_plain_text (g_ptr_array_index (self->blocks, i));

      if (*text == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

/**
 * byline_article_count_body_words:
 * @self: an article
 *
 * Returns: the number of words in the body (not the headline or lead)
 */
guint
byline_article_count_body_words (BylineArticle *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (BYLINE_IS_ARTICLE (self), 0);

  text = byline_article_get_plain_text (self);

  return byline_text_count_words (text);
}

static void
byline_article_finalize (GObject *object)
{
  BylineArticle *self = BYLINE_ARTICLE (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->lead);
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->categories);
  g_strfreev (self->tags);
  g_free (self->featured_figure);
  g_free (self->slug);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_free (self->site);
  g_free (self->modified_gmt);
  g_free (self->link);
  g_clear_pointer (&self->request_sent, g_date_time_unref);
  g_free (self->request_digest);

  G_OBJECT_CLASS (byline_article_parent_class)->finalize (object);
}

static void
byline_article_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BylineArticle *self = BYLINE_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LEAD:
      g_value_set_string (value, self->lead);
      break;

    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_POST_ID:
      g_value_set_int64 (value, self->post_id);
      break;

    case PROP_REMOTE_STATUS:
      g_value_set_int (value, self->remote_status);
      break;

    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_article_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BylineArticle *self = BYLINE_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      byline_article_set_title (self, g_value_get_string (value));
      break;

    case PROP_LEAD:
      byline_article_set_lead (self, g_value_get_string (value));
      break;

    case PROP_SLUG:
      byline_article_set_slug (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_article_class_init (BylineArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_article_finalize;
  object_class->get_property = byline_article_get_property;
  object_class->set_property = byline_article_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEAD] =
    g_param_spec_string ("lead", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      BYLINE_POST_STATUS_NONE, BYLINE_POST_STATUS_TRASH, BYLINE_POST_STATUS_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POST_ID] =
    g_param_spec_int64 ("post-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_STATUS] =
    g_param_spec_int ("remote-status", NULL, NULL,
                      BYLINE_POST_STATUS_NONE, BYLINE_POST_STATUS_TRASH, BYLINE_POST_STATUS_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineArticle::changed:
   *
   * Emitted after any change that must be saved: content, or the link to
   * the portal's post.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
byline_article_init (BylineArticle *self)
{
  self->title = g_strdup ("");
  self->lead = g_strdup ("");
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);
  self->tags = g_new0 (char *, 1);
}
