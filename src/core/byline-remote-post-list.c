/* byline-remote-post-list.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A list of the portal's posts (a section of the sidebar: the review
 * queue, the reporter's submissions…) as a #GListModel that fills itself
 * as it is read. It holds the posts fetched so far, newest first, and asks
 * for the next page when someone reads one of its last items, as a list
 * view does when it is scrolled near the end: a site with 10,000 posts is
 * never loaded whole.
 *
 * Pages are asked for by offset (the number of posts already held), not
 * by page number, and the list keeps what it holds equal to the start of
 * the portal's own list: byline_remote_post_list_apply_changes() inserts
 * new posts, moves changed ones and removes the ones that left, so the
 * next offset still lands where the held posts end. A page whose offset
 * went stale while it was on its way is asked for again.
 *
 * The total shown with the section is the portal's X-WP-Total, kept up to
 * date by the changes applied; a short last page corrects it (WordPress
 * counts posts the user may not read in some lists).
 */

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include "byline-error.h"
#include "byline-remote-post-list.h"

/* Reading one of the last this-many items asks for the next page. */
#define LOAD_AHEAD 10

struct _BylineRemotePostList
{
  GObject                parent_instance;

  /* Owned */
  BylinePortal          *portal;
  BylinePortalPostQuery  query;       /* .search is search below */
  char                  *search;
  GPtrArray             *items;       /* BylineRemotePost */
  GHashTable            *authors;     /* gint64 * → author name */
  GCancellable          *fetch;       /* the page on its way */
  GCancellable          *external;    /* the owner's */
  GError                *error;
  gulong                 external_id;
  guint                  total;
  guint                  generation;  /* bumped by every change to the held posts */
  guint                  load_idle;

  guint                  loading : 1;
  guint                  loaded : 1;
  guint                  has_more : 1;
  guint                  closed : 1;
};

static void byline_remote_post_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineRemotePostList, byline_remote_post_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      byline_remote_post_list_model_init))

enum {
  PROP_0,
  PROP_TOTAL,
  PROP_LOADING,
  PROP_LOADED,
  PROP_HAS_MORE,
  PROP_ERROR,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fetch (BylineRemotePostList *self,
                   gboolean              replace);

static void
on_external_cancelled (GCancellable         *cancellable,
                       BylineRemotePostList *self)
{
  /* May run in another thread: only flag it and cancel, both thread-safe. */
  self->closed = TRUE;
  if (self->fetch != NULL)
    g_cancellable_cancel (self->fetch);
}

/**
 * byline_remote_post_list_new:
 * @portal: the portal to list from
 * @query: which posts: statuses, author; page and offset are ignored,
 *   per_page 0 is %BYLINE_REMOTE_POST_LIST_PAGE
 * @cancellable: (nullable): cancelled when the owner goes (a window's): the
 *   list then stops asking the portal
 *
 * The list starts empty; byline_remote_post_list_reload() fetches the first
 * page.
 *
 * Returns: (transfer full): a new list
 */
BylineRemotePostList *
byline_remote_post_list_new (BylinePortal                *portal,
                             const BylinePortalPostQuery *query,
                             GCancellable                *cancellable)
{
  BylineRemotePostList *self;

  g_return_val_if_fail (BYLINE_IS_PORTAL (portal), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (BYLINE_TYPE_REMOTE_POST_LIST, NULL);
  self->portal = g_object_ref (portal);
  self->query = *query;
  self->query.page = 1;
  self->query.offset = 0;
  self->query.modified_after = NULL;
  self->query.with_content = FALSE;
  if (self->query.per_page == 0)
    self->query.per_page = BYLINE_REMOTE_POST_LIST_PAGE;
  self->search = g_strdup (query->search != NULL && *query->search != '\0' ? query->search : NULL);
  self->query.search = NULL;

  if (cancellable != NULL)
    {
      self->external = g_object_ref (cancellable);
      self->external_id = g_cancellable_connect (cancellable, G_CALLBACK (on_external_cancelled),
                                                 self, NULL);
    }

  return self;
}

BylinePortal *
byline_remote_post_list_get_portal (BylineRemotePostList *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), NULL);

  return self->portal;
}

/**
 * byline_remote_post_list_get_query:
 *
 * Returns: which posts the list holds (its search is
 *   byline_remote_post_list_get_search())
 */
const BylinePortalPostQuery *
byline_remote_post_list_get_query (BylineRemotePostList *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), NULL);

  return &self->query;
}

/**
 * byline_remote_post_list_get_total:
 *
 * Returns: how many posts the portal has in this list, held or not
 */
guint
byline_remote_post_list_get_total (BylineRemotePostList *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), 0);

  return self->total;
}

gboolean
byline_remote_post_list_get_loading (BylineRemotePostList *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), FALSE);

  return self->loading;
}

/**
 * byline_remote_post_list_get_loaded:
 *
 * Returns: whether the first page came (the total is known)
 */
gboolean
byline_remote_post_list_get_loaded (BylineRemotePostList *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), FALSE);

  return self->loaded;
}

gboolean
byline_remote_post_list_get_has_more (BylineRemotePostList *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), FALSE);

  return self->has_more;
}

/**
 * byline_remote_post_list_get_error:
 *
 * Returns: (nullable): why the last request failed; cleared by the next
 *   one that succeeds
 */
const GError *
byline_remote_post_list_get_error (BylineRemotePostList *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), NULL);

  return self->error;
}

const char *
byline_remote_post_list_get_search (BylineRemotePostList *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), NULL);

  return self->search;
}

/**
 * byline_remote_post_list_set_search:
 * @search: (nullable): words the posts must contain, or %NULL for all
 *
 * Searches on the portal: the list starts again from the first page.
 */
void
byline_remote_post_list_set_search (BylineRemotePostList *self,
                                    const char           *search)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST_LIST (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  byline_remote_post_list_reload (self);
}

/* ---- state ---- */

static void
set_loading (BylineRemotePostList *self,
             gboolean              loading)
{
  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_total (BylineRemotePostList *self,
           guint                 total)
{
  if (self->total == total)
    return;

  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

static void
set_has_more (BylineRemotePostList *self,
              gboolean              has_more)
{
  has_more = !!has_more;
  if (self->has_more == has_more)
    return;

  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
set_error (BylineRemotePostList *self,
           GError               *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* ---- authors' names ---- */

typedef struct
{
  BylineRemotePostList *list;
  GCancellable         *cancellable;
} AuthorsData;

static void
authors_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AuthorsData *data = user_data;
  BylineRemotePostList *self = data->list;
  g_autoptr(GPtrArray) authors = NULL;
  g_autoptr(GError) error = NULL;

  authors = byline_portal_get_authors_finish (BYLINE_PORTAL (object), result, &error);
  if (authors == NULL)
    {
      /* Rows then show no name: not worth an error on the list. */
      if (!g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
        g_debug ("Could not read the authors' names: %s", error->message);
    }
  else
    {
      for (guint i = 0; i < authors->len; i++)
        {
          BylinePortalUser *user = g_ptr_array_index (authors, i);

          g_hash_table_insert (self->authors, g_memdup2 (&user->id, sizeof user->id),
                               g_strdup (user->name));
        }

      for (guint i = 0; i < self->items->len; i++)
        {
          BylineRemotePost *item = g_ptr_array_index (self->items, i);
          gint64 author = byline_remote_post_get_author (item);
          const char *name = g_hash_table_lookup (self->authors, &author);

          if (name != NULL)
            byline_remote_post_set_author_name (item, name);
        }
    }

  g_object_unref (data->cancellable);
  g_object_unref (data->list);
  g_free (data);
}

/* Names what it can from what is known and asks for the rest. */
static void
name_authors (BylineRemotePostList *self,
              GPtrArray            *items)
{
  g_autoptr(GArray) unknown = g_array_new (FALSE, FALSE, sizeof (gint64));
  AuthorsData *data;

  for (guint i = 0; i < items->len; i++)
    {
      BylineRemotePost *item = g_ptr_array_index (items, i);
      gint64 author = byline_remote_post_get_author (item);
      const char *name;
      gboolean listed = FALSE;

      if (author <= 0)
        continue;

      name = g_hash_table_lookup (self->authors, &author);
      if (name != NULL)
        {
          byline_remote_post_set_author_name (item, name);
          continue;
        }

      for (guint j = 0; j < unknown->len && !listed; j++)
        listed = g_array_index (unknown, gint64, j) == author;
      if (!listed)
        g_array_append_val (unknown, author);
    }

  if (unknown->len == 0 || self->closed)
    return;

  data = g_new0 (AuthorsData, 1);
  data->list = g_object_ref (self);
  data->cancellable = g_cancellable_new ();
  if (self->external != NULL)
    g_signal_connect_object (self->external, "cancelled", G_CALLBACK (g_cancellable_cancel),
                             data->cancellable, G_CONNECT_SWAPPED);
  byline_portal_get_authors_async (self->portal, (const gint64 *) unknown->data, unknown->len,
                                   data->cancellable, authors_cb, data);
}

/* ---- fetching pages ---- */

typedef struct
{
  BylineRemotePostList *list;
  GCancellable         *cancellable;
  guint                 generation;
  gboolean              replace;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_object_unref (data->cancellable);
  g_object_unref (data->list);
  g_free (data);
}

static guint
find_position (BylineRemotePostList *self,
               gint64                id)
{
  for (guint i = 0; i < self->items->len; i++)
    if (byline_remote_post_get_id (g_ptr_array_index (self->items, i)) == id)
      return i;

  return G_MAXUINT;
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FetchData *data = user_data;
  BylineRemotePostList *self = data->list;
  g_autoptr(BylinePortalPostPage) page = NULL;
  g_autoptr(GPtrArray) added = NULL;
  GError *error = NULL;
  gboolean current = self->fetch == data->cancellable;
  guint removed = 0;
  guint position;

  page = byline_portal_list_posts_finish (BYLINE_PORTAL (object), result, &error);

  /* A reload or a search replaced this request: the newer one decides. */
  if (!current || g_cancellable_is_cancelled (data->cancellable))
    {
      g_clear_error (&error);
      if (current)
        {
          g_clear_object (&self->fetch);
          set_loading (self, FALSE);
        }
      fetch_data_free (data);
      return;
    }

  g_clear_object (&self->fetch);

  if (page == NULL)
    {
      g_debug ("Listing posts failed: %s", error->message);
      set_error (self, error);
      set_loading (self, FALSE);
      fetch_data_free (data);
      return;
    }

  /* The held posts changed while this page was on its way, so its offset
   * no longer follows them: ask again from where they end now. */
  if (!data->replace && data->generation != self->generation)
    {
      fetch_data_free (data);
      fetch (self, FALSE);
      return;
    }

  set_error (self, NULL);

  if (data->replace)
    {
      removed = self->items->len;
      g_ptr_array_set_size (self->items, 0);
      self->generation++;
    }

  position = self->items->len;
  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < page->posts->len; i++)
    {
      BylinePortalPost *post = g_ptr_array_index (page->posts, i);

      /* A post held already (the list moved on the portal): once is enough. */
      if (find_position (self, post->id) != G_MAXUINT)
        continue;

      g_ptr_array_add (self->items, byline_remote_post_new (post));
      g_ptr_array_add (added, g_object_ref (g_ptr_array_index (self->items,
                                                               self->items->len - 1)));
    }

  /* A short page is the last: WordPress may count posts it then does not
   * show (other people's, for a reporter), so the count is what came. */
  if (page->posts->len < self->query.per_page)
    {
      set_total (self, self->items->len);
      set_has_more (self, FALSE);
    }
  else
    {
      set_total (self, MAX (page->total, self->items->len));
      set_has_more (self, self->items->len < page->total);
    }

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  set_loading (self, FALSE);
  g_list_model_items_changed (G_LIST_MODEL (self), data->replace ? 0 : position,
                              removed, self->items->len - position);
  name_authors (self, added);

  fetch_data_free (data);
}

static void
fetch (BylineRemotePostList *self,
       gboolean              replace)
{
  BylinePortalPostQuery query = self->query;
  FetchData *data;

  if (self->closed)
    return;

  if (self->fetch != NULL)
    g_cancellable_cancel (self->fetch);
  g_clear_object (&self->fetch);
  g_clear_handle_id (&self->load_idle, g_source_remove);

  self->fetch = g_cancellable_new ();
  query.search = self->search;
  query.offset = replace ? 0 : self->items->len;

  data = g_new0 (FetchData, 1);
  data->list = g_object_ref (self);
  data->cancellable = g_object_ref (self->fetch);
  data->generation = self->generation;
  data->replace = replace;

  set_loading (self, TRUE);
  byline_portal_list_posts_async (self->portal, &query, self->fetch, fetch_cb, data);
}

/**
 * byline_remote_post_list_reload:
 *
 * Fetches the first page again; the posts held are replaced when it comes.
 */
void
byline_remote_post_list_reload (BylineRemotePostList *self)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST_LIST (self));

  fetch (self, TRUE);
}

/**
 * byline_remote_post_list_load_more:
 *
 * Fetches the next page, unless one is on its way or there is no more.
 */
void
byline_remote_post_list_load_more (BylineRemotePostList *self)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST_LIST (self));

  if (self->loading || !self->has_more || self->closed)
    return;

  fetch (self, FALSE);
}

static void
load_more_idle_cb (gpointer user_data)
{
  BylineRemotePostList *self = user_data;

  self->load_idle = 0;
  byline_remote_post_list_load_more (self);
}

static void
recount_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchData *data = user_data;
  BylineRemotePostList *self = data->list;
  g_autoptr(BylinePortalPostPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = byline_portal_list_posts_finish (BYLINE_PORTAL (object), result, &error);
  if (page == NULL)
    {
      if (!g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
        g_debug ("Counting posts failed: %s", error->message);
    }
  else if (self->loaded && !self->closed)
    {
      guint total = page->posts->len > 0 ? MAX (page->total, 1) : 0;

      /* Fewer than held: some of them left unseen (deleted for good), and
       * which is only known by fetching again. */
      if (total < self->items->len)
        byline_remote_post_list_reload (self);
      /* A list that holds all its posts learns of new ones from the
       * changes, which insert them: a count taken just before they came
       * would have them counted twice, and hidden behind has-more. */
      else if (self->has_more)
        {
          set_total (self, total);
          set_has_more (self, self->items->len < total);
        }
    }

  fetch_data_free (data);
}

/**
 * byline_remote_post_list_recount:
 *
 * Asks the portal how many posts the list has (one post's worth of
 * answer), for when posts may have left it unseen.
 */
void
byline_remote_post_list_recount (BylineRemotePostList *self)
{
  BylinePortalPostQuery query;
  FetchData *data;

  g_return_if_fail (BYLINE_IS_REMOTE_POST_LIST (self));

  if (self->closed)
    return;

  query = self->query;
  query.search = self->search;
  query.per_page = 1;

  data = g_new0 (FetchData, 1);
  data->list = g_object_ref (self);
  data->cancellable = g_cancellable_new ();
  if (self->external != NULL)
    g_signal_connect_object (self->external, "cancelled", G_CALLBACK (g_cancellable_cancel),
                             data->cancellable, G_CONNECT_SWAPPED);
  byline_portal_list_posts_async (self->portal, &query, data->cancellable, recount_cb, data);
}

/* ---- changes seen on the portal ---- */

/**
 * byline_remote_post_list_matches:
 * @post: a post as the portal has it now
 *
 * Whether @post belongs in the list by its status and author. The search,
 * done by the portal, is not checked.
 */
gboolean
byline_remote_post_list_matches (BylineRemotePostList *self,
                                 BylinePortalPost     *post)
{
  guint statuses;

  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), FALSE);
  g_return_val_if_fail (post != NULL, FALSE);

  statuses = self->query.statuses;
  if (statuses == 0)
    statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PUBLISH);

  return (statuses & BYLINE_PORTAL_POST_STATUS_BIT (post->status)) != 0 &&
         (self->query.author <= 0 || post->author == self->query.author);
}

/**
 * byline_remote_post_list_find:
 * @position: (out) (optional): where it is
 *
 * Returns: (transfer none) (nullable): the post with @id, if held
 */
BylineRemotePost *
byline_remote_post_list_find (BylineRemotePostList *self,
                              gint64                id,
                              guint                *position)
{
  guint found;

  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), NULL);

  found = find_position (self, id);
  if (position != NULL)
    *position = found;

  return found != G_MAXUINT ? g_ptr_array_index (self->items, found) : NULL;
}

/* Where @item goes among the held posts, which are in the portal's order. */
static guint
sorted_position (BylineRemotePostList *self,
                 BylineRemotePost     *item)
{
  guint low = 0, high = self->items->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (byline_remote_post_compare (g_ptr_array_index (self->items, mid), item) < 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

/**
 * byline_remote_post_list_apply_changes:
 * @posts: (element-type BylinePortalPost): posts as the portal has them
 *   now, of any status: changed since the last look
 *
 * Brings the list up to date without fetching it again: changed posts are
 * updated (and moved, when their date changed), posts that no longer
 * belong are removed, new ones inserted where they go. A post that goes
 * after the last one held is only counted; its page brings it.
 *
 * A search list cannot tell by itself whether a post matches, so a change
 * it might concern makes it fetch its first page again.
 *
 * Returns: how many posts came into the held part of the list that were
 *   not in it before
 */
guint
byline_remote_post_list_apply_changes (BylineRemotePostList *self,
                                       GPtrArray            *posts)
{
  guint arrived = 0;
  guint total;

  g_return_val_if_fail (BYLINE_IS_REMOTE_POST_LIST (self), 0);
  g_return_val_if_fail (posts != NULL, 0);

  if (!self->loaded)
    return 0;

  if (self->search != NULL)
    {
      for (guint i = 0; i < posts->len; i++)
        {
          BylinePortalPost *post = g_ptr_array_index (posts, i);

          if (byline_remote_post_list_matches (self, post) ||
              find_position (self, post->id) != G_MAXUINT)
            {
              byline_remote_post_list_reload (self);
              return 0;
            }
        }
      return 0;
    }

  total = self->total;
  for (guint i = 0; i < posts->len; i++)
    {
      BylinePortalPost *post = g_ptr_array_index (posts, i);
      guint position = find_position (self, post->id);
      gboolean belongs = byline_remote_post_list_matches (self, post);

      if (position != G_MAXUINT)
        {
          g_autoptr(BylineRemotePost) item = g_object_ref (g_ptr_array_index (self->items,
                                                                              position));

          g_ptr_array_remove_index (self->items, position);
          if (!belongs)
            {
              self->generation++;
              total = total > 0 ? total - 1 : 0;
              g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
              continue;
            }

          byline_remote_post_set_post (item, post);
          {
            guint to = sorted_position (self, item);

            g_ptr_array_insert (self->items, to, g_object_ref (item));
            if (to != position)
              {
                self->generation++;
                g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
                g_list_model_items_changed (G_LIST_MODEL (self), to, 0, 1);
              }
          }
          continue;
        }

      if (!belongs)
        continue;

      {
        g_autoptr(BylineRemotePost) item = byline_remote_post_new (post);
        guint to = sorted_position (self, item);
        g_autoptr(GPtrArray) one = g_ptr_array_new ();

        total++;
        if (to == self->items->len && self->has_more)
          continue;

        g_ptr_array_insert (self->items, to, g_object_ref (item));
        self->generation++;
        arrived++;
        g_list_model_items_changed (G_LIST_MODEL (self), to, 0, 1);
        g_ptr_array_add (one, item);
        name_authors (self, one);
      }
    }

  set_total (self, MAX (total, self->items->len));

  return arrived;
}

/* ---- GListModel ---- */

static GType
byline_remote_post_list_get_item_type (GListModel *model)
{
  return BYLINE_TYPE_REMOTE_POST;
}

static guint
byline_remote_post_list_get_n_items (GListModel *model)
{
  return BYLINE_REMOTE_POST_LIST (model)->items->len;
}

static gpointer
byline_remote_post_list_get_item (GListModel *model,
                                  guint       position)
{
  BylineRemotePostList *self = BYLINE_REMOTE_POST_LIST (model);

  if (position >= self->items->len)
    return NULL;

  /* Someone reads near the end (a list view scrolled there): fetch the
   * next page, from the main loop rather than from inside this call. */
  if (position + LOAD_AHEAD >= self->items->len && self->has_more && !self->loading &&
      self->error == NULL && self->load_idle == 0 && !self->closed)
    self->load_idle = g_idle_add_once (load_more_idle_cb, self);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
byline_remote_post_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = byline_remote_post_list_get_item_type;
  iface->get_n_items = byline_remote_post_list_get_n_items;
  iface->get_item = byline_remote_post_list_get_item;
}

/* ---- GObject ---- */

static void
byline_remote_post_list_dispose (GObject *object)
{
  BylineRemotePostList *self = BYLINE_REMOTE_POST_LIST (object);

  self->closed = TRUE;
  g_clear_handle_id (&self->load_idle, g_source_remove);
  if (self->fetch != NULL)
    g_cancellable_cancel (self->fetch);
  g_clear_object (&self->fetch);
  if (self->external != NULL)
    g_cancellable_disconnect (self->external, self->external_id);
  self->external_id = 0;
  g_clear_object (&self->external);

  G_OBJECT_CLASS (byline_remote_post_list_parent_class)->dispose (object);
}

static void
byline_remote_post_list_finalize (GObject *object)
{
  BylineRemotePostList *self = BYLINE_REMOTE_POST_LIST (object);

  g_clear_object (&self->portal);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->authors, g_hash_table_unref);
  g_clear_error (&self->error);
  g_free (self->search);

  G_OBJECT_CLASS (byline_remote_post_list_parent_class)->finalize (object);
}

static void
byline_remote_post_list_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  BylineRemotePostList *self = BYLINE_REMOTE_POST_LIST (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_remote_post_list_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  BylineRemotePostList *self = BYLINE_REMOTE_POST_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      byline_remote_post_list_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_remote_post_list_class_init (BylineRemotePostListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_remote_post_list_dispose;
  object_class->finalize = byline_remote_post_list_finalize;
  object_class->get_property = byline_remote_post_list_get_property;
  object_class->set_property = byline_remote_post_list_set_property;

  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_remote_post_list_init (BylineRemotePostList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->authors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}
