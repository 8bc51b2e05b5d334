/* byline-preferences-window.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "byline-application.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PREFERENCES_WINDOW (byline_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BylinePreferencesWindow, byline_preferences_window,
                      BYLINE, PREFERENCES_WINDOW, AdwPreferencesWindow)

BylinePreferencesWindow *byline_preferences_window_new (BylineApplication *application);

G_END_DECLS
