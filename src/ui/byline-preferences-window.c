/* byline-preferences-window.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-accounts-page.h"
#include "byline-preferences-window.h"

/**
 * BylinePreferencesWindow:
 *
 * Preferences (app.preferences, Ctrl+comma). Its pages come from the
 * application they need: today the portal accounts.
 */

struct _BylinePreferencesWindow
{
  AdwPreferencesWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (BylinePreferencesWindow, byline_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

BylinePreferencesWindow *
byline_preferences_window_new (BylineApplication *application)
{
  BylinePreferencesWindow *self;

  g_return_val_if_fail (BYLINE_IS_APPLICATION (application), NULL);

  self = g_object_new (BYLINE_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       "search-enabled", FALSE,
                       "default-width", 640,
                       "default-height", 620,
                       NULL);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (byline_accounts_page_new (application)));

  return self;
}

static void
byline_preferences_window_class_init (BylinePreferencesWindowClass *klass)
{
}

static void
byline_preferences_window_init (BylinePreferencesWindow *self)
{
  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
