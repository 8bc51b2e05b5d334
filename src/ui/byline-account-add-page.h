/* byline-account-add-page.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "byline-application.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_ACCOUNT_ADD_PAGE (byline_account_add_page_get_type ())

G_DECLARE_FINAL_TYPE (BylineAccountAddPage, byline_account_add_page, BYLINE, ACCOUNT_ADD_PAGE,
                      GtkBox)

BylineAccountAddPage *byline_account_add_page_new (BylineApplication *application);

G_END_DECLS
