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
#include "byline-resources.h"
#include "byline-window.h"

struct _BylineApplication
{
  AdwApplication parent_instance;

  /* Owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (BylineApplication, byline_application, ADW_TYPE_APPLICATION)

BylineApplication *
byline_application_new (void)
{
  return g_object_new (BYLINE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

GSettings *
byline_application_get_settings (BylineApplication *self)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  return self->settings;
}

static void
byline_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (byline_window_new (BYLINE_APPLICATION (app)));

  gtk_window_present (window);
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

  /* Close windows one by one so each saves its state (size, open drafts)
   * through its close-request handler before the application exits. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
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

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  byline_editor_set_accels (GTK_APPLICATION (self));
}

static void
byline_application_dispose (GObject *object)
{
  BylineApplication *self = BYLINE_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_application_parent_class)->dispose (object);
}

static void
byline_application_class_init (BylineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = byline_application_dispose;

  /* The resources live in a static library, so they are registered by hand
   * rather than by a constructor the linker could drop. */
  byline_register_resource ();

  app_class->activate = byline_application_activate;
  app_class->startup = byline_application_startup;
}

static void
byline_application_init (BylineApplication *self)
{
}
