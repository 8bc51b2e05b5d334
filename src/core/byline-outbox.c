/* byline-outbox.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The outbox: articles the user sent that are not on the portal yet. Every
 * "Publish" goes through it. An article is sent at once when it can be;
 * when there is no network (GNetworkMonitor) or the portal cannot be
 * reached, it waits ("Waiting for network") and is sent by itself when the
 * network comes back, or at the next retry (5 s, doubling, at most every 5
 * minutes). What waits is kept in a file (outbox.json beside the drafts),
 * so it is sent after a restart too; the publish job's own bookkeeping in
 * each draft makes the retries safe. One article is sent at a time. The
 * user can cancel a waiting or running send.
 *
 *   outbox.json: {"format": 1, "items": [{"draft": "<id>", "account": "<id>",
 *                 "queued": "2026-11-29T10:00:00Z", "overwrite": false}]}
 */

#define G_LOG_DOMAIN "byline-outbox"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "byline-error.h"
#include "byline-http.h"
#include "byline-outbox.h"
#include "byline-photo.h"
#include "byline-portal-messages.h"
#include "byline-review.h"

typedef struct
{
  guint source;   /* the retry timer */
  guint delay;    /* the next retry's, in ms */
} Retry;

struct _BylineOutbox
{
  GObject             parent_instance;

  /* Owned */
  BylineDraftStore   *drafts;
  BylineAccountStore *accounts;
  SoupSession        *session;
  GNetworkMonitor    *monitor;
  GFile              *file;
  GFile              *work_dir;
  GListStore         *items;          /* BylineOutboxItem */
  GHashTable         *retries;        /* BylineOutboxItem → Retry */
  BylineOutboxItem   *current;        /* the one being sent */
  GCancellable       *cancellable;    /* of the current send */
  gulong              network_id;

  guint               first_retry;
  guint               longest_retry;
  guint               max_edge;
  guint               jpeg_quality;

  guint               writing : 1;
  guint               write_again : 1;
};

G_DEFINE_FINAL_TYPE (BylineOutbox, byline_outbox, G_TYPE_OBJECT)

enum {
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void pump (BylineOutbox *self);

static void
retry_free (Retry *retry)
{
  g_clear_handle_id (&retry->source, g_source_remove);
  g_free (retry);
}

static Retry *
get_retry (BylineOutbox     *self,
           BylineOutboxItem *item)
{
  Retry *retry = g_hash_table_lookup (self->retries, item);

  if (retry == NULL)
    {
      retry = g_new0 (Retry, 1);
      retry->delay = self->first_retry;
      g_hash_table_insert (self->retries, g_object_ref (item), retry);
    }

  return retry;
}

static gboolean
find_item (BylineOutbox     *self,
           BylineOutboxItem *item,
           guint            *position)
{
  return g_list_store_find (self->items, item, position);
}

/* ---- the file --------------------------------------------------------------- */

static char *
to_json (BylineOutbox *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BylineOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      g_autofree char *queued = NULL;

      /* What failed waits for the user, not for the network. */
      if (byline_outbox_item_get_state (item) == BYLINE_OUTBOX_FAILED)
        continue;

      queued = g_date_time_format_iso8601 (byline_outbox_item_get_queued (item));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "draft");
      json_builder_add_string_value (b, byline_article_get_id (byline_outbox_item_get_article (item)));
      json_builder_set_member_name (b, "account");
      json_builder_add_string_value (b, byline_outbox_item_get_account_id (item));
      json_builder_set_member_name (b, "queued");
      json_builder_add_string_value (b, queued);
      json_builder_set_member_name (b, "overwrite");
      json_builder_add_boolean_value (b, (byline_outbox_item_get_flags (item) &
                                          BYLINE_PUBLISH_FLAGS_OVERWRITE) != 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

static void write_file (BylineOutbox *self);

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BylineOutbox) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_warning ("Could not save the outbox: %s", error->message);

  self->writing = FALSE;
  if (self->write_again)
    write_file (self);
}

/* One write at a time; the newest state is always written last. */
static void
write_file (BylineOutbox *self)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *json;

  if (self->writing)
    {
      self->write_again = TRUE;
      return;
    }

  self->writing = TRUE;
  self->write_again = FALSE;
  json = to_json (self);
  bytes = g_bytes_new_take (json, strlen (json));

  /* The folder exists once any draft was saved; the outbox needs one. */
  parent = g_file_get_parent (self->file);
  g_file_make_directory_with_parents (parent, NULL, NULL);

  g_file_replace_contents_bytes_async (self->file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                       written_cb, g_object_ref (self));
}

/* ---- sending ----------------------------------------------------------------- */

static BylineAccount *
find_account (BylineOutbox *self,
              const char   *id)
{
  GListModel *accounts = G_LIST_MODEL (self->accounts);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(BylineAccount) account = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (byline_account_get_id (account), id) == 0)
        return account;
    }

  return NULL;
}

static gboolean
retry_cb (gpointer user_data)
{
  BylineOutboxItem *item = user_data;
  BylineOutbox *self = g_object_get_data (G_OBJECT (item), "byline-outbox");
  Retry *retry = g_hash_table_lookup (self->retries, item);

  retry->source = 0;
  if (byline_outbox_item_get_state (item) == BYLINE_OUTBOX_WAITING)
    byline_outbox_item_set_state (item, BYLINE_OUTBOX_QUEUED);
  pump (self);

  return G_SOURCE_REMOVE;
}

static void
wait_for_network (BylineOutbox     *self,
                  BylineOutboxItem *item,
                  gboolean          backoff)
{
  Retry *retry = get_retry (self, item);

  byline_outbox_item_set_state (item, BYLINE_OUTBOX_WAITING);
  g_clear_handle_id (&retry->source, g_source_remove);
  g_object_set_data (G_OBJECT (item), "byline-outbox", self);
  retry->source = g_timeout_add (retry->delay, retry_cb, item);
  if (backoff)
    retry->delay = MIN (retry->delay * 2, self->longest_retry);
}

static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NETWORK) ||
         g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_TIMEOUT) ||
         g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME) ||
         g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_SERVER);
}

static void
remove_item (BylineOutbox     *self,
             BylineOutboxItem *item)
{
  guint position;

  g_hash_table_remove (self->retries, item);
  if (find_item (self, item, &position))
    g_list_store_remove (self->items, position);
}

/* What came of sending @item: @post, or @error. */
static void
finish_send (BylineOutbox     *self,
             BylineOutboxItem *item,
             BylinePublisher  *publisher,
             BylinePortalPost *post,
             GError           *error)
{
  /* Cancelled by the user: the item is gone already. */
  if (!find_item (self, item, NULL))
    {
      pump (self);
      return;
    }

  if (post != NULL)
    {
      byline_outbox_item_set_message (item, NULL);
      remove_item (self, item);
      write_file (self);
      g_signal_emit (self, signals[SENT], 0, item, post);
    }
  else
    {
      g_autofree char *message = byline_publisher_describe_failure (publisher, error);

      g_debug ("sending %s failed: %s",
               byline_article_get_id (byline_outbox_item_get_article (item)), error->message);
      byline_outbox_item_set_message (item, message);
      if (is_transient (error))
        wait_for_network (self, item, TRUE);
      else
        {
          byline_outbox_item_set_state (item, BYLINE_OUTBOX_FAILED);
          write_file (self);
        }
    }

  pump (self);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylineOutbox) self = user_data;
  BylinePublisher *publisher = BYLINE_PUBLISHER (object);
  g_autoptr(BylineOutboxItem) item = g_steal_pointer (&self->current);
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  post = byline_publisher_run_finish (publisher, result, &error);
  finish_send (self, item, publisher, post, error);
}

static void
approved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BylineOutbox) self = user_data;
  g_autoptr(BylineOutboxItem) item = g_steal_pointer (&self->current);
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  post = byline_review_approve_finish (result, &error);
  finish_send (self, item, byline_outbox_item_get_publisher (item), post, error);
}

/* A post on the portal that nobody outside the newsroom could see yet,
 * now to be published (now or at a date). Its comments can only be the
 * newsroom's notes (a returned article), which must never become public:
 * it is published as an editor approves (byline-review.c), the notes
 * deleted first and what was written during the publication after. A post
 * published already is updated as it is: its comments are its readers'. */
static gboolean
first_publication (BylineArticle *article)
{
  BylinePostStatus status = byline_article_get_status (article);
  BylinePostStatus remote = byline_article_get_remote_status (article);

  return byline_article_get_post_id (article) > 0 &&
         (remote == BYLINE_POST_STATUS_DRAFT || remote == BYLINE_POST_STATUS_PENDING ||
          remote == BYLINE_POST_STATUS_FUTURE) &&
         (status == BYLINE_POST_STATUS_PUBLISH || status == BYLINE_POST_STATUS_FUTURE);
}

static void
portal_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylineOutbox) self = user_data;
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(GError) error = NULL;
  BylineOutboxItem *item = self->current;
  BylineArticle *article;

  portal = byline_account_store_open_portal_finish (BYLINE_ACCOUNT_STORE (object), result, &error);

  if (item == NULL || !find_item (self, item, NULL))
    {
      g_clear_object (&self->current);
      g_clear_object (&self->cancellable);
      pump (self);
      return;
    }

  if (portal == NULL)
    {
      g_autoptr(BylineOutboxItem) failed = g_steal_pointer (&self->current);

      g_autofree char *message = byline_portal_error_message (error);

      g_clear_object (&self->cancellable);
      byline_outbox_item_set_message (failed, message);
      byline_outbox_item_set_state (failed, BYLINE_OUTBOX_FAILED);
      write_file (self);
      pump (self);
      return;
    }

  article = byline_outbox_item_get_article (item);
  publisher = byline_publisher_new (portal, self->drafts, article);
  byline_publisher_set_photo_options (publisher, self->max_edge, self->jpeg_quality);
  byline_publisher_set_flags (publisher, byline_outbox_item_get_flags (item));
  if (self->work_dir != NULL)
    byline_publisher_set_work_dir (publisher, self->work_dir);
  byline_outbox_item_set_publisher (item, publisher);
  if (first_publication (article))
    {
      GDateTime *date = byline_article_get_status (article) == BYLINE_POST_STATUS_FUTURE
                        ? byline_article_get_date (article) : NULL;

      byline_review_approve_async (publisher, self->drafts, date, self->cancellable, approved_cb,
                                   g_object_ref (self));
    }
  else
    byline_publisher_run_async (publisher, self->cancellable, sent_cb, g_object_ref (self));
}

static gboolean
network_allows (BylineOutbox  *self,
                BylineAccount *account)
{
  g_autoptr(GUri) uri = g_uri_parse (byline_account_get_rest_url (account), G_URI_FLAGS_NONE, NULL);

  /* A portal on this computer needs no network. */
  if (uri != NULL && byline_http_host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  return g_network_monitor_get_network_available (self->monitor);
}

static void
start (BylineOutbox     *self,
       BylineOutboxItem *item)
{
  BylineAccount *account = find_account (self, byline_outbox_item_get_account_id (item));

  if (account == NULL)
    {
      byline_outbox_item_set_message (item, _("The account that was to send this article was "
                                              "removed. Send it with another account."));
      byline_outbox_item_set_state (item, BYLINE_OUTBOX_FAILED);
      write_file (self);
      return;
    }

  if (!network_allows (self, account))
    {
      wait_for_network (self, item, FALSE);
      return;
    }

  byline_outbox_item_set_state (item, BYLINE_OUTBOX_SENDING);
  self->current = g_object_ref (item);
  self->cancellable = g_cancellable_new ();
  byline_account_store_open_portal_async (self->accounts, account, self->session,
                                          self->cancellable, portal_opened_cb, g_object_ref (self));
}

/* Sends the next queued article, when none is being sent. */
static void
pump (BylineOutbox *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n && self->current == NULL; i++)
    {
      g_autoptr(BylineOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (byline_outbox_item_get_state (item) == BYLINE_OUTBOX_QUEUED)
        start (self, item);
    }
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       BylineOutbox    *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (!available)
    return;

  /* Back online: what waits is tried now, with its retries reset. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BylineOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (byline_outbox_item_get_state (item) == BYLINE_OUTBOX_WAITING)
        {
          g_hash_table_remove (self->retries, item);
          byline_outbox_item_set_state (item, BYLINE_OUTBOX_QUEUED);
        }
    }
  pump (self);
}

/* ---- public ------------------------------------------------------------------ */

/**
 * byline_outbox_new:
 * @drafts: where the articles are kept
 * @accounts: the accounts that send them
 * @session: the HTTP session
 * @monitor: (nullable): the network monitor; %NULL for the system's
 * @file: where what waits is kept (outbox.json)
 *
 * Returns: (transfer full): an empty outbox; byline_outbox_load_async()
 *   brings back what waited when Byline last ran
 */
BylineOutbox *
byline_outbox_new (BylineDraftStore   *drafts,
                   BylineAccountStore *accounts,
                   SoupSession        *session,
                   GNetworkMonitor    *monitor,
                   GFile              *file)
{
  BylineOutbox *self;

  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (drafts), NULL);
  g_return_val_if_fail (BYLINE_IS_ACCOUNT_STORE (accounts), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (BYLINE_TYPE_OUTBOX, NULL);
  self->drafts = g_object_ref (drafts);
  self->accounts = g_object_ref (accounts);
  self->session = g_object_ref (session);
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());
  self->file = g_object_ref (file);
  self->network_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (on_network_changed_cb), self);

  return self;
}

/**
 * byline_outbox_get_items:
 *
 * Returns: (transfer none): the articles in the outbox, as
 *   #BylineOutboxItem, in the order they were sent
 */
GListModel *
byline_outbox_get_items (BylineOutbox *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTBOX (self), NULL);

  return G_LIST_MODEL (self->items);
}

/**
 * byline_outbox_lookup:
 * @article_id: an article's id
 *
 * The window uses the outbox's article when it opens one that waits, so
 * there is one live article, which the job and autosave both write.
 *
 * Returns: (transfer none) (nullable): the article's item
 */
BylineOutboxItem *
byline_outbox_lookup (BylineOutbox *self,
                      const char   *article_id)
{
  guint n;

  g_return_val_if_fail (BYLINE_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BylineOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_str_equal (byline_article_get_id (byline_outbox_item_get_article (item)), article_id))
        return item;
    }

  return NULL;
}

/**
 * byline_outbox_set_retry_delays:
 * @first_ms: the first retry's delay
 * @longest_ms: the longest delay between retries
 */
void
byline_outbox_set_retry_delays (BylineOutbox *self,
                                guint         first_ms,
                                guint         longest_ms)
{
  g_return_if_fail (BYLINE_IS_OUTBOX (self));
  g_return_if_fail (first_ms > 0 && first_ms <= longest_ms);

  self->first_retry = first_ms;
  self->longest_retry = longest_ms;
}

void
byline_outbox_set_photo_options (BylineOutbox *self,
                                 guint         max_edge,
                                 guint         jpeg_quality)
{
  g_return_if_fail (BYLINE_IS_OUTBOX (self));

  self->max_edge = max_edge;
  self->jpeg_quality = jpeg_quality;
}

/**
 * byline_outbox_set_work_dir:
 * @directory: (nullable): see byline_publisher_set_work_dir()
 */
void
byline_outbox_set_work_dir (BylineOutbox *self,
                            GFile        *directory)
{
  g_return_if_fail (BYLINE_IS_OUTBOX (self));

  g_set_object (&self->work_dir, directory);
}

/**
 * byline_outbox_send:
 * @article: the live article (the editor's); its status, date and terms
 *   say how it is sent
 * @account: the account that sends it
 * @flags: for the publish job
 *
 * Puts the article in the outbox and sends it as soon as it can. An
 * article already there is sent again with this account and these flags,
 * unless it is being sent right now.
 *
 * Returns: (transfer none): its item
 */
BylineOutboxItem *
byline_outbox_send (BylineOutbox       *self,
                    BylineArticle      *article,
                    BylineAccount      *account,
                    BylinePublishFlags  flags)
{
  BylineOutboxItem *item;

  g_return_val_if_fail (BYLINE_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (account), NULL);

  item = byline_outbox_lookup (self, byline_article_get_id (article));
  if (item != NULL)
    {
      if (byline_outbox_item_get_state (item) == BYLINE_OUTBOX_SENDING)
        return item;
      g_hash_table_remove (self->retries, item);
      byline_outbox_item_set_account_id (item, byline_account_get_id (account));
      byline_outbox_item_set_flags (item, flags);
      byline_outbox_item_set_message (item, NULL);
      byline_outbox_item_set_state (item, BYLINE_OUTBOX_QUEUED);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(BylineOutboxItem) added = byline_outbox_item_new (article,
                                                                   byline_account_get_id (account),
                                                                   flags, now);

      g_list_store_append (self->items, added);
      item = added;
    }

  write_file (self);
  pump (self);

  return item;
}

/**
 * byline_outbox_cancel:
 * @article_id: the article's id
 *
 * Takes the article out of the outbox, stopping its job if it runs (what
 * the job recorded stays in the draft: sending it later finds out what
 * arrived).
 */
void
byline_outbox_cancel (BylineOutbox *self,
                      const char   *article_id)
{
  g_autoptr(BylineOutboxItem) item = NULL;

  g_return_if_fail (BYLINE_IS_OUTBOX (self));
  g_return_if_fail (article_id != NULL);

  item = byline_outbox_lookup (self, article_id);
  if (item == NULL)
    return;
  g_object_ref (item);

  remove_item (self, item);
  if (item == self->current)
    g_cancellable_cancel (self->cancellable);
  write_file (self);
}

/* ---- loading ----------------------------------------------------------------- */

typedef struct
{
  GPtrArray *entries;   /* JsonObject, borrowed from parser */
  JsonParser *parser;
  guint       next;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->entries, g_ptr_array_unref);
  g_clear_object (&data->parser);
  g_free (data);
}

static void load_next (GTask *task);

static void
draft_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOutbox *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  JsonObject *entry = g_ptr_array_index (data->entries, data->next - 1);
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = byline_draft_store_load_finish (BYLINE_DRAFT_STORE (object), result, NULL, &error);
  if (article == NULL)
    g_message ("An article of the outbox is gone: %s", error->message);
  else if (byline_outbox_lookup (self, byline_article_get_id (article)) == NULL)
    {
      const char *queued_text = json_object_get_string_member_with_default (entry, "queued", "");
      g_autoptr(GDateTime) queued = g_date_time_new_from_iso8601 (queued_text, NULL);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      BylinePublishFlags flags = json_object_get_boolean_member_with_default (entry, "overwrite",
                                                                              FALSE)
                                 ? BYLINE_PUBLISH_FLAGS_OVERWRITE : BYLINE_PUBLISH_FLAGS_NONE;
      g_autoptr(BylineOutboxItem) item = byline_outbox_item_new (
        article, json_object_get_string_member (entry, "account"), flags,
        queued != NULL ? queued : now);

      g_list_store_append (self->items, item);
    }

  load_next (g_steal_pointer (&task));
}

static void
load_next (GTask *task)
{
  BylineOutbox *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);

  while (data->next < data->entries->len)
    {
      JsonObject *entry = g_ptr_array_index (data->entries, data->next++);
      const char *draft = json_object_get_string_member_with_default (entry, "draft", NULL);
      const char *account = json_object_get_string_member_with_default (entry, "account", NULL);

      if (draft == NULL || account == NULL || !g_uuid_string_is_valid (draft))
        continue;
      byline_draft_store_load_async (self->drafts, draft, g_task_get_cancellable (task),
                                     draft_loaded_cb, task);
      return;
    }

  pump (self);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  LoadData *data;
  JsonNode *root;
  JsonArray *items;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                                 "Could not read the outbox: %s", error->message);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->entries = g_ptr_array_new ();
  data->parser = json_parser_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  /* A damaged file loses the queue, not the articles: they are drafts. */
  if (!json_parser_load_from_data (data->parser, contents, length, &error) ||
      (root = json_parser_get_root (data->parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "items") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "items")))
    {
      g_message ("The outbox file is damaged; it starts empty");
      g_task_return_boolean (task, TRUE);
      return;
    }

  items = json_object_get_array_member (json_node_get_object (root), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (data->entries, json_node_get_object (node));
    }

  load_next (g_steal_pointer (&task));
}

/**
 * byline_outbox_load_async:
 *
 * Reads what waited in the outbox when Byline last ran (articles whose
 * draft is gone are dropped) and starts sending it.
 */
void
byline_outbox_load_async (BylineOutbox        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_OUTBOX (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_outbox_load_async);
  g_file_load_contents_async (self->file, cancellable, file_loaded_cb, task);
}

gboolean
byline_outbox_load_finish (BylineOutbox  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
byline_outbox_dispose (GObject *object)
{
  BylineOutbox *self = BYLINE_OUTBOX (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->network_id, self->monitor);
  g_clear_pointer (&self->retries, g_hash_table_unref);
  g_clear_object (&self->current);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->items);
  g_clear_object (&self->drafts);
  g_clear_object (&self->accounts);
  g_clear_object (&self->session);
  g_clear_object (&self->monitor);
  g_clear_object (&self->file);
  g_clear_object (&self->work_dir);

  G_OBJECT_CLASS (byline_outbox_parent_class)->dispose (object);
}

static void
byline_outbox_class_init (BylineOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_outbox_dispose;

  /**
   * BylineOutbox::sent:
   * @item: the item, out of the outbox now
   * @post: the post as the portal has it
   *
   * Emitted when an article is on the portal.
   */
  signals[SENT] =
    g_signal_new ("sent",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BYLINE_TYPE_OUTBOX_ITEM, BYLINE_TYPE_PORTAL_POST);
}

static void
byline_outbox_init (BylineOutbox *self)
{
  self->items = g_list_store_new (BYLINE_TYPE_OUTBOX_ITEM);
  self->retries = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref,
                                         (GDestroyNotify) retry_free);
  self->first_retry = BYLINE_OUTBOX_FIRST_RETRY;
  self->longest_retry = BYLINE_OUTBOX_LONGEST_RETRY;
  self->max_edge = BYLINE_PHOTO_DEFAULT_MAX_EDGE;
  self->jpeg_quality = BYLINE_PHOTO_DEFAULT_JPEG_QUALITY;
}
