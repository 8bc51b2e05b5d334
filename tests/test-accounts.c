/* test-accounts.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accounts: names and addresses in GSettings, application passwords only in
 * the keyring (a temporary gnome-keyring under build-aux/dev test; tests
 * that need it skip without a Secret Service), and the administrator's
 * preset portal.
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "byline-account-store.h"
#include "byline-error.h"
#include "byline-http.h"
#include "byline-secret.h"
#include "byline-test-core.h"
#include "byline-wp-portal.h"

#define PASSWORD "Xk3p Q9zL mW2r T7vB nH5c Jd8f"

static gboolean have_keyring;

typedef struct
{
  char               *dir;
  char               *keyfile;
  GSettingsBackend   *backend;
  GSettings          *settings;
  BylineAccountStore *store;
  char               *site_id;  /* keeps each test's keyring items apart */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A real file, so tests can look at what the settings keep on disk. */
  fixture->dir = g_dir_make_tmp ("byline-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->keyfile = g_build_filename (fixture->dir, "keyfile", NULL);
  fixture->backend = g_keyfile_settings_backend_new (fixture->keyfile, "/", NULL);
  fixture->settings = g_settings_new_with_backend ("io.github.bylineapp.Byline", fixture->backend);
  fixture->store = byline_account_store_new (fixture->settings);
  fixture->site_id = g_strdup_printf ("%08x", g_random_int ());
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->backend);
  g_unlink (fixture->keyfile);
  g_rmdir (fixture->dir);
  g_free (fixture->keyfile);
  g_free (fixture->dir);
  g_free (fixture->site_id);
}

static BylinePortalSite *
make_site (Fixture    *fixture,
           const char *host)
{
  BylinePortalSite *site = byline_portal_site_new ();

  site->address = g_strdup_printf ("https://%s", host);
  site->rest_root = g_strdup_printf ("https://%s/wp-json/?t=%s", host, fixture->site_id);
  site->name = g_strdup ("Cổng thông tin huyện Gia Viễn");

  return site;
}

static BylineAccount *
add (Fixture           *fixture,
     const char        *name,
     BylinePortalSite  *site,
     const char        *username,
     const char        *password,
     GError           **error)
{
  return RUN (byline_account_store_add_async (fixture->store, name, site, username, password,
                                              NULL, byline_test_store_result, &_result),
              byline_account_store_add_finish, fixture->store, _result, error);
}

static gboolean
remove_account (Fixture        *fixture,
                BylineAccount  *account,
                GError        **error)
{
  return RUN (byline_account_store_remove_async (fixture->store, account, NULL,
                                                 byline_test_store_result, &_result),
              byline_account_store_remove_finish, fixture->store, _result, error);
}

static char *
lookup (const char  *site,
        const char  *username,
        GError     **error)
{
  return RUN (byline_secret_lookup_async (site, username, NULL, byline_test_store_result,
                                          &_result),
              byline_secret_lookup_finish, _result, error);
}

static char *
keyfile_contents (Fixture *fixture)
{
  char *contents = NULL;

  g_settings_sync ();
  if (!g_file_get_contents (fixture->keyfile, &contents, NULL, NULL))
    contents = g_strdup ("");

  return contents;
}

#define REQUIRE_KEYRING()                                                      \
  G_STMT_START {                                                               \
    if (!have_keyring)                                                         \
      {                                                                        \
        g_test_skip ("no test keyring (build-aux/dev test provides one)");   \
        return;                                                                \
      }                                                                        \
  } G_STMT_END

static void
test_add_and_remove (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BylinePortalSite) site = make_site (fixture, "giavien.ninhbinh.gov.vn");
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *after = NULL;
  g_autofree char *gone = NULL;

  REQUIRE_KEYRING ();

  account = add (fixture, "tòa soạn", site, "camvan", PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_account_get_name (account), ==, "tòa soạn");
  g_assert_cmpstr (byline_account_get_username (account), ==, "camvan");
  g_assert_cmpstr (byline_account_get_site_url (account), ==, "https://giavien.ninhbinh.gov.vn");
  g_assert_cmpstr (byline_account_get_rest_url (account), ==, site->rest_root);
  g_assert_cmpstr (byline_account_get_site_name (account), ==, "Cổng thông tin huyện Gia Viễn");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_assert_true (byline_account_store_find (fixture->store, "tòa soạn") == account);

  /* The password is in the keyring… */
  stored = lookup (site->rest_root, "camvan", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, PASSWORD);

  /* …and nowhere in the settings. */
  on_disk = keyfile_contents (fixture);
  g_assert_nonnull (strstr (on_disk, "camvan"));
  g_assert_null (strstr (on_disk, "Xk3p"));
  g_assert_null (strstr (on_disk, "T7vB"));

  g_assert_true (remove_account (fixture, account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  g_assert_null (byline_account_store_find (fixture->store, "tòa soạn"));

  gone = lookup (site->rest_root, "camvan", &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  after = keyfile_contents (fixture);
  g_assert_null (strstr (after, "camvan"));
}

static void
test_refuses_duplicates (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(BylinePortalSite) site = make_site (fixture, "portal.example.vn");
  g_autoptr(BylinePortalSite) other = make_site (fixture, "other.example.vn");
  g_autoptr(BylineAccount) first = NULL;
  g_autoptr(BylineAccount) same_name = NULL;
  g_autoptr(BylineAccount) same_user = NULL;
  g_autoptr(BylineAccount) no_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *never = NULL;

  REQUIRE_KEYRING ();

  first = add (fixture, "work", site, "minh", PASSWORD, &error);
  g_assert_no_error (error);

  same_name = add (fixture, "work", other, "minh", "other password", &error);
  g_assert_null (same_name);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  same_user = add (fixture, "work 2", site, "minh", "other password", &error);
  g_assert_null (same_user);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  no_name = add (fixture, "  ", other, "minh", "other password", &error);
  g_assert_null (no_name);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Refusals change nothing: the first password stays, none was added. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  kept = lookup (site->rest_root, "minh", &error);
  g_assert_cmpstr (kept, ==, PASSWORD);
  never = lookup (other->rest_root, "minh", &error);
  g_assert_null (never);

  g_assert_true (remove_account (fixture, first, &error));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_seen_by_other_stores (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(BylinePortalSite) site = make_site (fixture, "portal.example.vn");
  g_autoptr(GSettings) settings = g_settings_new_with_backend ("io.github.bylineapp.Byline",
                                                               fixture->backend);
  g_autoptr(BylineAccountStore) window_store = byline_account_store_new (settings);
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  REQUIRE_KEYRING ();

  /* As when byline-cli adds an account while the application runs. */
  g_signal_connect (window_store, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  account = add (fixture, "cli", site, "editor", PASSWORD, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (changes, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window_store)), ==, 1);
  g_assert_nonnull (byline_account_store_find (window_store, "cli"));

  g_assert_true (remove_account (fixture, account, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window_store)), ==, 0);
}

static void
echo_user_handler (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization");
  g_autofree char *body = NULL;

  /* Answers with the credentials it received, so the test can check them. */
  body = g_strdup_printf ("{\"id\": 7, \"username\": \"%s\", \"roles\": [\"author\"]}",
                          authorization != NULL ? authorization : "");
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
test_open_portal_uses_keyring (Fixture       *fixture,
                               gconstpointer  data)
{
  BylineTestServer *server;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(BylinePortalSite) site = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortal) orphan = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *pair = NULL;
  gboolean cleared;

  REQUIRE_KEYRING ();

  server = byline_test_server_new (NULL);
  session = byline_http_session_new (5);
  site = byline_portal_site_new ();

  byline_test_server_add_handler (server, "/", echo_user_handler, NULL);
  byline_test_server_start (server);
  site->address = byline_test_server_url (server, "/");
  site->rest_root = byline_test_server_url (server, "/wp-json/");

  account = add (fixture, "local", site, "author", PASSWORD, &error);
  g_assert_no_error (error);

  portal = RUN (byline_account_store_open_portal_async (fixture->store, account, session, NULL,
                                                        byline_test_store_result, &_result),
                byline_account_store_open_portal_finish, fixture->store, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_portal_get_username (portal), ==, "author");

  user = RUN (byline_portal_get_user_async (portal, NULL, byline_test_store_result, &_result),
              byline_portal_get_user_finish, portal, _result, &error);
  g_assert_no_error (error);
  /* The keyring's password, spaces dropped, as HTTP Basic. */
  pair = g_base64_encode ((const guchar *) "author:Xk3pQ9zLmW2rT7vBnH5cJd8f",
                          strlen ("author:Xk3pQ9zLmW2rT7vBnH5cJd8f"));
  expected = g_strconcat ("Basic ", pair, NULL);
  g_assert_cmpstr (user->username, ==, expected);

  /* Without its password an account cannot sign in: a clear error. */
  cleared = RUN (byline_secret_clear_async (site->rest_root, "author", NULL,
                                            byline_test_store_result, &_result),
                 byline_secret_clear_finish, _result, &error);
  g_assert_true (cleared);
  orphan = RUN (byline_account_store_open_portal_async (fixture->store, account, session, NULL,
                                                        byline_test_store_result, &_result),
                byline_account_store_open_portal_finish, fixture->store, _result, &error);
  g_assert_null (orphan);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_AUTH);
  g_clear_error (&error);

  g_assert_true (remove_account (fixture, account, &error));
  byline_test_server_free (server);
}

static void
test_suggest_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BylinePortalSite) site = make_site (fixture, "portal.example.vn");
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = byline_account_store_suggest_name (fixture->store, "minh", "https://portal.example.vn");
  g_assert_cmpstr (first, ==, "minh@portal.example.vn");

  REQUIRE_KEYRING ();

  account = add (fixture, first, site, "minh", PASSWORD, &error);
  g_assert_no_error (error);
  second = byline_account_store_suggest_name (fixture->store, "minh", "https://portal.example.vn");
  g_assert_cmpstr (second, ==, "minh@portal.example.vn-2");
  g_assert_true (remove_account (fixture, account, &error));
}

/* An administrator's preset, installed as README.md describes: a schema
 * override compiled next to a copy of the schema. */
static void
test_preset_portal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-policy-XXXXXX", &error);
  g_autofree char *schema_src = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                       "io.github.bylineapp.Byline.gschema.xml",
                                                       NULL);
  g_autofree char *xml = NULL;
  g_autofree char *schema_copy = NULL;
  g_autofree char *override = NULL;
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(BylineAccountStore) store = NULL;
  g_autoptr(BylinePortalSite) elsewhere = byline_portal_site_new ();
  g_autoptr(BylineAccount) account = NULL;
  g_autofree char *preset = NULL;
  const char *argv[] = { "glib-compile-schemas", "--strict", NULL, NULL };
  int status;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (schema_src, &xml, NULL, &error));
  schema_copy = g_build_filename (dir, "io.github.bylineapp.Byline.gschema.xml", NULL);
  g_assert_true (g_file_set_contents (schema_copy, xml, -1, &error));
  override = g_build_filename (dir, "50-office.gschema.override", NULL);
  g_assert_true (g_file_set_contents (override,
                                      "[io.github.bylineapp.Byline]\n"
                                      "default-portal-url='https://giavien.ninhbinh.gov.vn'\n"
                                      "portal-url-locked=true\n", -1, &error));
  argv[2] = dir;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, "io.github.bylineapp.Byline", FALSE);
  g_assert_nonnull (schema);
  settings = g_settings_new_full (schema, backend, NULL);
  store = byline_account_store_new (settings);

  preset = byline_account_store_get_preset_url (store);
  g_assert_cmpstr (preset, ==, "https://giavien.ninhbinh.gov.vn");
  g_assert_true (byline_account_store_is_url_locked (store));

  /* The preset portal, however it is typed; nothing else. */
  g_assert_true (byline_account_store_check_address (store, "giavien.ninhbinh.gov.vn", NULL));
  g_assert_true (byline_account_store_check_address (store, "https://GiaVien.ninhbinh.gov.vn/wp-json/",
                                                     NULL));
  g_assert_false (byline_account_store_check_address (store, "https://portal.example.vn", &error));
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  elsewhere->address = g_strdup ("https://portal.example.vn");
  elsewhere->rest_root = g_strdup ("https://portal.example.vn/wp-json/");
  account = RUN (byline_account_store_add_async (store, "x", elsewhere, "minh", PASSWORD, NULL,
                                                 byline_test_store_result, &_result),
                 byline_account_store_add_finish, store, _result, &error);
  g_assert_null (account);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);

  /* Unlocked, the preset is only a suggestion. */
  g_settings_set_boolean (settings, "portal-url-locked", FALSE);
  g_assert_false (byline_account_store_is_url_locked (store));
  g_assert_true (byline_account_store_check_address (store, "https://portal.example.vn", NULL));

  g_unlink (override);
  g_unlink (schema_copy);
  {
    g_autofree char *compiled = g_build_filename (dir, "gschemas.compiled", NULL);

    g_unlink (compiled);
  }
  g_rmdir (dir);
}

static gboolean
secret_service_available (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;

  /* Only the throw-away keyring of build-aux/dev test, never a user's. */
  if (g_strcmp0 (g_getenv ("BYLINE_TEST_KEYRING"), "1") != 0 ||
      g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;

  /* A one-off check before any test runs; nothing else is waiting. */
  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);

  return service != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  have_keyring = secret_service_available ();

  g_test_add ("/accounts/add-and-remove", Fixture, NULL, fixture_setup, test_add_and_remove,
              fixture_teardown);
  g_test_add ("/accounts/refuses-duplicates", Fixture, NULL, fixture_setup,
              test_refuses_duplicates, fixture_teardown);
  g_test_add ("/accounts/seen-by-other-stores", Fixture, NULL, fixture_setup,
              test_seen_by_other_stores, fixture_teardown);
  g_test_add ("/accounts/open-portal-uses-keyring", Fixture, NULL, fixture_setup,
              test_open_portal_uses_keyring, fixture_teardown);
  g_test_add ("/accounts/suggest-name", Fixture, NULL, fixture_setup, test_suggest_name,
              fixture_teardown);
  g_test_add_func ("/accounts/preset-portal", test_preset_portal);

  return g_test_run ();
}
