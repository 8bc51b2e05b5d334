/* main.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline"

#include "config.h"

#include "byline-application.h"
#include "byline-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BylineApplication) app = NULL;

  byline_i18n_init ();

  app = byline_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
