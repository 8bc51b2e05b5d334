/* byline-application.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-app"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-editor.h"
#include "byline-http.h"
#include "byline-preferences-window.h"
#include "byline-resources.h"
#include "byline-window.h"
#include "byline-wp-auth.h"

struct _BylineApplication
{
  AdwApplication parent_instance;

  /* Owned */
  GSettings          *settings;
  BylineAccountStore *accounts;
  SoupSession        *session;
  BylineDraftStore   *store;
  BylineOutbox       *outbox;

  guint               started_drafts : 1;
  guint               quitting : 1;
};

G_DEFINE_FINAL_TYPE (BylineApplication, byline_application, ADW_TYPE_APPLICATION)

enum {
  AUTHORIZATION_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_OUTBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

BylineApplication *
byline_application_new (void)
{
  /* HANDLES_OPEN: the browser sign-in comes back as an
   * io.github.bylineapp.byline:// address (see the desktop file). */
  return g_object_new (BYLINE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

GSettings *
byline_application_get_settings (BylineApplication *self)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * byline_application_get_accounts:
 *
 * Returns: (transfer none): the portal accounts, shared by every window
 */
BylineAccountStore *
byline_application_get_accounts (BylineApplication *self)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  return self->accounts;
}

/**
 * byline_application_get_session:
 *
 * Returns: (transfer none): the HTTP session for talking to portals
 */
SoupSession *
byline_application_get_session (BylineApplication *self)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  /* Made on first use: loading TLS and the proxy resolver costs start-up
   * time and memory that writing offline never needs. */
  if (self->session == NULL)
    self->session = byline_http_session_new (0);

  return self->session;
}

/**
 * byline_application_get_draft_store:
 * @self: the application
 *
 * Returns: (transfer none): the local drafts, shared by all windows
 */
BylineDraftStore *
byline_application_get_draft_store (BylineApplication *self)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  if (self->store == NULL)
    self->store = byline_draft_store_new_default ();

  return self->store;
}

static GFile *
outbox_file (BylineApplication *self)
{
  g_autoptr(GFile) base = g_file_dup (byline_draft_store_get_base_dir (byline_application_get_draft_store (self)));

  return g_file_get_child (base, "outbox.json");
}

static void
update_photo_options (BylineApplication *self)
{
  byline_outbox_set_photo_options (self->outbox, g_settings_get_int (self->settings, "photo-max-edge"),
                                   g_settings_get_int (self->settings, "photo-jpeg-quality"));
}

/**
 * byline_application_get_outbox:
 *
 * Made on first use (it needs the HTTP session), or at start when
 * articles waited in it.
 *
 * Returns: (transfer none): the outbox every article is sent through
 */
BylineOutbox *
byline_application_get_outbox (BylineApplication *self)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  if (self->outbox == NULL)
    {
      g_autoptr(GFile) file = outbox_file (self);

      self->outbox = byline_outbox_new (byline_application_get_draft_store (self), self->accounts,
                                        byline_application_get_session (self), NULL, file);
      update_photo_options (self);
      g_signal_connect_object (self->settings, "changed::photo-max-edge",
                               G_CALLBACK (update_photo_options), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::photo-jpeg-quality",
                               G_CALLBACK (update_photo_options), self, G_CONNECT_SWAPPED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
    }

  return self->outbox;
}

/**
 * byline_application_save_session:
 * @self: the application
 *
 * Writes which drafts the windows show, so that the next start (after a
 * quit, a crash or a power cut) reopens them.
 */
void
byline_application_save_session (BylineApplication *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (BYLINE_IS_APPLICATION (self));

  /* Quitting closes the windows one by one; the session is what was open
   * before that. */
  if (self->quitting)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      BylineArticle *article;

      if (!BYLINE_IS_WINDOW (l->data))
        continue;
      article = byline_window_get_article (l->data);
      if (article != NULL)
        g_strv_builder_add (builder, byline_article_get_id (article));
    }
  ids = g_strv_builder_end (builder);

  byline_draft_store_save_session_async (byline_application_get_draft_store (self),
                                         (const char * const *) ids, NULL, NULL, NULL);
}

static void
session_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BylineApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  GtkWindow *first;

  ids = byline_draft_store_load_session_finish (BYLINE_DRAFT_STORE (object), result, &error);
  if (ids == NULL)
    {
      g_message ("no session to restore: %s", error->message);
      return;
    }

  /* The drafts that were open come back, each in its window, with no
   * question asked: they are simply there. */
  first = gtk_application_get_active_window (GTK_APPLICATION (self));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWindow *window = NULL;

      if (i == 0 && BYLINE_IS_WINDOW (first) &&
          byline_window_get_article (BYLINE_WINDOW (first)) == NULL &&
          !byline_window_is_busy (BYLINE_WINDOW (first)))
        window = first;
      else if (i > 0)
        window = GTK_WINDOW (byline_window_new (self));
      if (window == NULL)
        continue;

      byline_window_open_draft (BYLINE_WINDOW (window), ids[i]);
      gtk_window_present (window);
    }
}

static void
purged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n = byline_draft_store_purge_trash_finish (BYLINE_DRAFT_STORE (object), result, &error);

  if (error != NULL)
    g_message ("could not empty the trash: %s", error->message);
  else if (n > 0)
    g_debug ("deleted %u drafts from the trash for good", n);
}

static void
outbox_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylineApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_outbox_load_finish (BYLINE_OUTBOX (object), result, &error))
    g_message ("could not read the outbox: %s", error->message);

  /* After the outbox: an article that waits in it is opened as the
   * outbox's own article, not a second copy. */
  byline_draft_store_load_session_async (byline_application_get_draft_store (self), NULL,
                                         session_loaded_cb, g_object_ref (self));
}

static void
outbox_file_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BylineApplication) self = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);

  /* Writing offline needs no outbox (nor its HTTP session) at start. */
  if (info != NULL)
    byline_outbox_load_async (byline_application_get_outbox (self), NULL, outbox_loaded_cb,
                              g_object_ref (self));
  else
    byline_draft_store_load_session_async (byline_application_get_draft_store (self), NULL,
                                           session_loaded_cb, g_object_ref (self));
}

static void
start_drafts (BylineApplication *self)
{
  BylineDraftStore *store = byline_application_get_draft_store (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GFile) file = outbox_file (self);

  self->started_drafts = TRUE;
  byline_draft_store_list_async (store, NULL, NULL, NULL);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, NULL, outbox_file_cb, g_object_ref (self));
  byline_draft_store_purge_trash_async (store, now,
                                        g_settings_get_uint (self->settings, "trash-days"),
                                        NULL, purged_cb, NULL);
}

static void
byline_application_activate (GApplication *app)
{
  BylineApplication *self = BYLINE_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (byline_window_new (self));

  gtk_window_present (window);

  if (!self->started_drafts)
    start_drafts (self);
}

static void
byline_application_window_removed (GtkApplication *app,
                                   GtkWindow      *window)
{
  BylineApplication *self = BYLINE_APPLICATION (app);

  GTK_APPLICATION_CLASS (byline_application_parent_class)->window_removed (app, window);

  /* Closing one of several windows closes its draft; closing the last one
   * leaves the session as it was, to be reopened next time. */
  if (gtk_application_get_windows (app) != NULL)
    byline_application_save_session (self);
}

static void
byline_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      gboolean handled = FALSE;

      if (!byline_wp_auth_is_callback (uri))
        continue;

      /* Whoever started a browser sign-in claims its answer; the address
       * carries a password, so it is neither logged nor kept. */
      g_signal_emit (app, signals[AUTHORIZATION_RECEIVED], 0, uri, &handled);
      if (!handled)
        g_debug ("Ignored a sign-in answer that no window was waiting for");
      memset (uri, 0, strlen (uri));
    }

  /* The browser stays in front otherwise. */
  g_application_activate (app);
}

static void
byline_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BylineApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *preferences;

  preferences = GTK_WINDOW (byline_preferences_window_new (self));
  if (window != NULL)
    gtk_window_set_transient_for (preferences, window);
  gtk_window_present (preferences);
}

static void
byline_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BylineApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = {
    "The Byline authors",
    NULL,
  };

  adw_show_about_window (window,
                         "application-name", _("Byline"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Byline authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Write news articles and publish them to your newsroom’s WordPress portal"),
                         "website", "https://github.com/bylineapp/byline",
                         "issue-url", "https://github.com/bylineapp/byline/issues",
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Byline authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
byline_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  BylineApplication *self = user_data;
  GList *windows;

  self->quitting = TRUE;

  /* Close windows one by one so each saves its state (size, open drafts)
   * through its close-request handler before the application exits. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "preferences", byline_application_preferences_action },
  { "about", byline_application_about_action },
  { "quit", byline_application_quit_action },
};

static void
byline_application_startup (GApplication *app)
{
  BylineApplication *self = BYLINE_APPLICATION (app);

  G_APPLICATION_CLASS (byline_application_parent_class)->startup (app);

  g_set_application_name (_("Byline"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (BASE_ID);
  self->accounts = byline_account_store_new (self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  byline_editor_set_accels (GTK_APPLICATION (self));
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-article",
                                         (const char *[]) { "<Control>n", NULL });
}

static void
byline_application_dispose (GObject *object)
{
  BylineApplication *self = BYLINE_APPLICATION (object);

  g_clear_object (&self->outbox);
  g_clear_object (&self->accounts);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_application_parent_class)->dispose (object);
}

static void
byline_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineApplication *self = BYLINE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_application_class_init (BylineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = byline_application_dispose;
  object_class->get_property = byline_application_get_property;

  /**
   * BylineApplication:outbox:
   *
   * The outbox once made (see byline_application_get_outbox()); %NULL
   * before, so that watching it costs nothing at start.
   */
  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, BYLINE_TYPE_OUTBOX,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The resources live in a static library, so they are registered by hand
   * rather than by a constructor the linker could drop. */
  byline_register_resource ();

  app_class->activate = byline_application_activate;
  app_class->open = byline_application_open;
  app_class->startup = byline_application_startup;

  /**
   * BylineApplication::authorization-received:
   * @uri: the io.github.bylineapp.byline://auth/callback… address
   *
   * WordPress sent the browser back to Byline after a sign-in. Handlers
   * return %TRUE when the answer is theirs (its state matches).
   */
  signals[AUTHORIZATION_RECEIVED] =
    g_signal_new ("authorization-received",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_app_class->window_removed = byline_application_window_removed;
}

static void
byline_application_init (BylineApplication *self)
{
}
