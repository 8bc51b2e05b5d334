/* test-outbox.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox (suite "portal"), with a real account (settings + the test
 * keyring) on the real WordPress, reached through a proxy that can make it
 * unreachable: an article waits ("Waiting for network") while the portal
 * cannot be reached and is sent by itself when it can, at the next retry
 * or as soon as the network monitor says the network is back; it can be
 * cancelled; it waits across a restart; a refusal is not retried.
 */

#include "config.h"

#include <stdio.h>

#include "byline-error.h"
#include "byline-http.h"
#include "byline-outbox.h"
#include "byline-publish-test-utils.h"
#include "byline-remote-article.h"
#include "byline-review.h"
#include "byline-test-proxy.h"

static BylineTestPortal *test_portal;

/* ---- a network monitor the test controls --------------------------------------- */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static gboolean
test_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  return TEST_MONITOR (monitor)->available;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static gboolean
test_monitor_initable_init_func (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init_func;
}

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- the fixture --------------------------------------------------------------- */

typedef struct
{
  BylineTestProxy    *proxy;
  char               *dir;
  BylineDraftStore   *store;
  GSettings          *settings;
  BylineAccountStore *accounts;
  BylineAccount      *author;
  BylineAccount      *contributor;
  SoupSession        *session;
  TestMonitor        *monitor;
  GFile              *file;
  BylineOutbox       *outbox;
  GPtrArray          *sent;     /* BylinePortalPost */
} Fixture;

static void
on_sent_cb (BylineOutbox     *outbox,
            BylineOutboxItem *item,
            BylinePortalPost *post,
            Fixture          *fixture)
{
  g_ptr_array_add (fixture->sent, byline_portal_post_ref (post));
}

static BylineOutbox *
outbox_new (Fixture *fixture)
{
  BylineOutbox *outbox = byline_outbox_new (fixture->store, fixture->accounts, fixture->session,
                                            G_NETWORK_MONITOR (fixture->monitor), fixture->file);
  g_autofree char *work = g_build_filename (fixture->dir, "work", NULL);
  g_autoptr(GFile) work_dir = g_file_new_for_path (work);

  byline_outbox_set_retry_delays (outbox, 300, 1000);
  byline_outbox_set_work_dir (outbox, work_dir);
  g_signal_connect (outbox, "sent", G_CALLBACK (on_sent_cb), fixture);

  return outbox;
}

static BylineAccount *
add_account (Fixture    *fixture,
             const char *name,
             const char *role)
{
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();
  g_autoptr(GError) error = NULL;
  BylineAccount *account;

  site->rest_root = byline_test_proxy_rest_root (fixture->proxy);
  site->address = g_strdup (test_portal->base_url);
  account = RUN (byline_account_store_add_async (fixture->accounts, name, site,
                                                 byline_test_portal_user (test_portal, role, "login"),
                                                 byline_test_portal_user (test_portal, role,
                                                                          "app_password"),
                                                 NULL, byline_test_store_result, &_result),
                 byline_account_store_add_finish, fixture->accounts, _result, &error);
  g_assert_no_error (error);

  return account;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fixture->proxy = byline_test_proxy_new (test_portal->base_url);
  fixture->store = test_store_new (&fixture->dir);
  fixture->settings = g_settings_new (BASE_ID);
  fixture->accounts = byline_account_store_new (fixture->settings);
  fixture->author = add_account (fixture, "phóng viên", "author");
  fixture->contributor = add_account (fixture, "cộng tác viên", "contributor");
  fixture->session = byline_http_session_new (30);
  fixture->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  path = g_build_filename (fixture->dir, "outbox.json", NULL);
  fixture->file = g_file_new_for_path (path);
  fixture->sent = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_portal_post_unref);
  fixture->outbox = outbox_new (fixture);
}

static void
remove_account (Fixture       *fixture,
                BylineAccount *account)
{
  g_autoptr(GError) error = NULL;

  RUN (byline_account_store_remove_async (fixture->accounts, account, NULL,
                                          byline_test_store_result, &_result),
       byline_account_store_remove_finish, fixture->accounts, _result, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->outbox);
  remove_account (fixture, fixture->author);
  remove_account (fixture, fixture->contributor);
  g_clear_object (&fixture->author);
  g_clear_object (&fixture->contributor);
  g_clear_object (&fixture->accounts);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->monitor);
  g_clear_object (&fixture->file);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->sent, g_ptr_array_unref);
  g_clear_pointer (&fixture->proxy, byline_test_proxy_free);
  g_free (fixture->dir);
}

/* Spins the main loop until @done or @seconds pass. */
static gboolean
spin_until (gboolean (*done) (Fixture *fixture),
            Fixture   *fixture,
            guint      seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (!done (fixture) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return done (fixture);
}

static gboolean
one_sent (Fixture *fixture)
{
  return fixture->sent->len == 1;
}

static gboolean
first_waits (Fixture *fixture)
{
  GListModel *items = byline_outbox_get_items (fixture->outbox);
  g_autoptr(BylineOutboxItem) item = g_list_model_get_item (items, 0);

  return item != NULL && byline_outbox_item_get_state (item) == BYLINE_OUTBOX_WAITING;
}

static gboolean
first_failed (Fixture *fixture)
{
  GListModel *items = byline_outbox_get_items (fixture->outbox);
  g_autoptr(BylineOutboxItem) item = g_list_model_get_item (items, 0);

  return item != NULL && byline_outbox_item_get_state (item) == BYLINE_OUTBOX_FAILED;
}

static BylineArticle *
new_article (Fixture    *fixture,
             const char *token)
{
  BylineArticle *article = test_seed_article (token);

  byline_article_set_status (article, BYLINE_POST_STATUS_PUBLISH);
  test_save (fixture->store, article);

  return article;
}

static char *
unique (const char *prefix)
{
  return g_strdup_printf ("%s-%08x", prefix, g_random_int ());
}

static gboolean
file_lists (Fixture    *fixture,
            const char *id)
{
  g_autofree char *contents = NULL;

  return g_file_load_contents (fixture->file, NULL, &contents, NULL, NULL, NULL) &&
         strstr (contents, id) != NULL;
}

static void
test_waits_then_sends (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *token = unique ("hopthu");
  g_autoptr(BylineArticle) article = new_article (fixture, token);
  BylineOutboxItem *item;

  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_REFUSE, FALSE);
  item = byline_outbox_send (fixture->outbox, article, fixture->author, BYLINE_PUBLISH_FLAGS_NONE);
  g_assert_nonnull (item);
  g_assert_true (spin_until (first_waits, fixture, 30));
  g_assert_nonnull (byline_outbox_item_get_message (item));
  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "posts", token), ==, 0);

  /* The portal comes back; the next retry sends it. */
  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
  g_assert_true (spin_until (one_sent, fixture, 60));
  g_assert_cmpuint (g_list_model_get_n_items (byline_outbox_get_items (fixture->outbox)), ==, 0);
  g_assert_cmpint (byline_article_get_post_id (article), ==,
                   ((BylinePortalPost *) g_ptr_array_index (fixture->sent, 0))->id);
  assert_exactly_once_portal (test_portal, token, 3);
}

/* With retries an hour apart, the network coming back sends at once. */
static void
test_network_back (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *token = unique ("mangve");
  g_autoptr(BylineArticle) article = new_article (fixture, token);

  byline_outbox_set_retry_delays (fixture->outbox, 3600 * 1000, 3600 * 1000);
  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_REFUSE, FALSE);
  byline_outbox_send (fixture->outbox, article, fixture->author, BYLINE_PUBLISH_FLAGS_NONE);
  g_assert_true (spin_until (first_waits, fixture, 30));

  test_monitor_set_available (fixture->monitor, FALSE);
  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
  test_monitor_set_available (fixture->monitor, TRUE);
  g_assert_true (spin_until (one_sent, fixture, 60));
  assert_exactly_once_portal (test_portal, token, 3);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *token = unique ("huy");
  g_autoptr(BylineArticle) article = new_article (fixture, token);

  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_REFUSE, FALSE);
  byline_outbox_send (fixture->outbox, article, fixture->author, BYLINE_PUBLISH_FLAGS_NONE);
  g_assert_true (spin_until (first_waits, fixture, 30));
  byline_outbox_cancel (fixture->outbox, byline_article_get_id (article));
  g_assert_cmpuint (g_list_model_get_n_items (byline_outbox_get_items (fixture->outbox)), ==, 0);

  /* Reachable again, and several retries later: nothing was sent. */
  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
  g_assert_false (spin_until (one_sent, fixture, 3));
  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "posts", token), ==, 0);
  g_assert_false (file_lists (fixture, byline_article_get_id (article)));
}

static void
outbox_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (byline_outbox_load_finish (BYLINE_OUTBOX (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (Fixture *fixture)
{
  return *(gboolean *) g_object_get_data (G_OBJECT (fixture->outbox), "flag");
}

/* Byline quits while an article waits; the next Byline sends it. */
static void
test_waits_across_restart (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *token = unique ("khoidong");
  g_autoptr(BylineArticle) article = new_article (fixture, token);
  g_autofree char *id = g_strdup (byline_article_get_id (article));
  gboolean loaded = FALSE;

  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_REFUSE, FALSE);
  byline_outbox_send (fixture->outbox, article, fixture->author, BYLINE_PUBLISH_FLAGS_NONE);
  g_assert_true (spin_until (first_waits, fixture, 30));
  while (!file_lists (fixture, id))
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&fixture->outbox);
  g_clear_object (&article);

  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
  fixture->outbox = outbox_new (fixture);
  g_object_set_data (G_OBJECT (fixture->outbox), "flag", &loaded);
  byline_outbox_load_async (fixture->outbox, NULL, outbox_loaded_cb, &loaded);
  g_assert_true (spin_until (flag_set, fixture, 30));
  g_assert_nonnull (byline_outbox_lookup (fixture->outbox, id));
  g_assert_true (spin_until (one_sent, fixture, 60));
  assert_exactly_once_portal (test_portal, token, 3);
}

/* A contributor's article with photos is refused for good: it waits for
 * the user, not for the network. */
static void
test_refusal_not_retried (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *token = unique ("tuchoi");
  g_autoptr(BylineArticle) article = new_article (fixture, token);
  BylineOutboxItem *item;
  guint requests;

  byline_article_set_status (article, BYLINE_POST_STATUS_PENDING);
  item = byline_outbox_send (fixture->outbox, article, fixture->contributor,
                             BYLINE_PUBLISH_FLAGS_NONE);
  g_assert_true (spin_until (first_failed, fixture, 30));
  g_assert_nonnull (strstr (byline_outbox_item_get_message (item), "cannot upload photos"));
  requests = byline_test_proxy_get_requests (fixture->proxy);
  g_assert_false (spin_until (one_sent, fixture, 2));
  g_assert_cmpuint (byline_test_proxy_get_requests (fixture->proxy), ==, requests);
  g_assert_false (file_lists (fixture, byline_article_get_id (article)));
}

/* An author's article returned with an editor's note, then published from
 * the publish panel (not by an editor's Approve): the note goes before the
 * post is public, even one the author approved meanwhile (WordPress lets
 * the post's author do that while it is unpublished). */
static void
test_returned_article_published_without_notes (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(SoupSession) session = byline_http_session_new (30);
  g_autoptr(BylinePortalSite) site = byline_test_portal_discover (test_portal, session);
  g_autoptr(BylinePortalSite) proxied = byline_portal_site_new ();
  g_autoptr(BylinePortal) author = NULL;
  g_autoptr(BylinePortal) editor = byline_test_portal_sign_in (test_portal, session, site, "editor");
  g_autofree char *token = unique ("tralai");
  g_autoptr(BylinePortalPost) submitted = NULL;
  g_autoptr(BylinePortalPost) returned = NULL;
  g_autoptr(BylinePortalPost) published = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  BylineOutboxItem *item;
  BylineRemoteCopy copy;

  /* The author's copy names the portal as the outbox's account does. */
  proxied->rest_root = byline_test_proxy_rest_root (fixture->proxy);
  proxied->address = g_strdup (test_portal->base_url);
  author = byline_test_portal_sign_in (test_portal, session, proxied, "author");

  submitted = byline_test_create_post (author, token,
                                       "<!-- wp:paragraph -->\n<p>Bài gửi duyệt.</p>\n"
                                       "<!-- /wp:paragraph -->",
                                       BYLINE_PORTAL_POST_STATUS_PENDING);
  returned = RUN (byline_review_return_async (editor, submitted->id, "Bổ sung chú thích ảnh.", NULL,
                                              byline_test_store_result, &_result),
                  byline_review_return_finish, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (returned->status, ==, BYLINE_PORTAL_POST_STATUS_DRAFT);
  notes = RUN (byline_review_list_notes_async (editor, submitted->id, NULL,
                                               byline_test_store_result, &_result),
               byline_review_list_notes_finish, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 1);

  /* The worst case: the author approves the editor's note. */
  {
    g_autoptr(BylinePortalComment) approved = NULL;

    approved = RUN (byline_portal_set_comment_status_async (author,
                                                            ((BylinePortalComment *) notes->pdata[0])->id,
                                                            BYLINE_PORTAL_COMMENT_STATUS_APPROVED,
                                                            NULL, byline_test_store_result, &_result),
                    byline_portal_comment_finish, author, _result, &error);
    g_assert_no_error (error);
  }

  /* The author opens it, fixes it and publishes it with the panel. */
  article = RUN (byline_remote_article_open_async (author, fixture->store, submitted->id, NULL,
                                                   byline_test_store_result, &_result),
                 byline_remote_article_open_finish, _result, &copy, &error);
  g_assert_no_error (error);
  byline_article_set_status (article, BYLINE_POST_STATUS_PUBLISH);
  item = byline_outbox_send (fixture->outbox, article, fixture->author, BYLINE_PUBLISH_FLAGS_NONE);
  if (!spin_until (one_sent, fixture, 60))
    g_error ("not sent: state %d, “%s”", byline_outbox_item_get_state (item),
             byline_outbox_item_get_message (item));

  published = byline_test_get_post (editor, submitted->id);
  g_assert_cmpint (published->status, ==, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = RUN (byline_review_list_notes_async (editor, submitted->id, NULL,
                                               byline_test_store_result, &_result),
               byline_review_list_notes_finish, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  test_portal = byline_test_portal_require ();
  if (g_strcmp0 (g_getenv ("BYLINE_TEST_KEYRING"), "1") != 0)
    {
      printf ("1..0 # SKIP no test keyring (build-aux/dev test provides one)\n");
      return 0;
    }

#define ADD(path, func) \
  g_test_add ("/outbox/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("waits-then-sends", test_waits_then_sends);
  ADD ("network-back", test_network_back);
  ADD ("cancel", test_cancel);
  ADD ("waits-across-restart", test_waits_across_restart);
  ADD ("refusal-not-retried", test_refusal_not_retried);
  ADD ("returned-article-published-without-notes", test_returned_article_published_without_notes);
#undef ADD

  return g_test_run ();
}
