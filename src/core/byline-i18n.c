/* byline-i18n.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-core"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "byline-i18n.h"

/**
 * byline_i18n_init:
 *
 * Sets the locale from the environment and binds Byline's message catalogue.
 * Catalogues are looked up in LOCALEDIR, or in `BYLINE_LOCALEDIR` when Byline
 * runs from its build tree (build-aux/dev and the tests set it).
 */
void
byline_i18n_init (void)
{
  const char *localedir = g_getenv ("BYLINE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
