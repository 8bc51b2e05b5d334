/* byline-test-utils.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-application.h"

G_BEGIN_DECLS

/* Initialises GTK for a UI test, or prints a TAP skip and exits when there
 * is no display (gtk_test_init() would abort). */
void               byline_test_init_ui           (int            *argc,
                                                  char         ***argv);

/* The test process's BylineApplication, registered as non-unique (test
 * programs may share a session bus) and held while windows come and go. */
BylineApplication *byline_test_get_application   (void);
/* Activates the application and waits until its new window is mapped. */
GtkWindow         *byline_test_open_window       (void);
/* Closes every window as a user would, then destroys what is left. */
void               byline_test_close_windows     (void);

/* Iterates the main context until @condition returns TRUE or @timeout_ms
 * passes; returns the last result of @condition. */
gboolean           byline_test_wait_until        (gboolean      (*condition) (gpointer data),
                                                  gpointer        data,
                                                  guint           timeout_ms);
void               byline_test_spin              (guint           ms);

/* Depth-first search below @root for a widget of @type for which
 * @match (if given) returns TRUE; only mapped widgets when @mapped_only. */
GtkWidget         *byline_test_find_widget       (GtkWidget      *root,
                                                  GType           type,
                                                  gboolean        mapped_only,
                                                  gboolean      (*match) (GtkWidget *widget,
                                                                          gpointer   data),
                                                  gpointer        data);

G_END_DECLS
