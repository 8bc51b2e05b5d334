/* byline-account-row.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "byline-application.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_ACCOUNT_ROW (byline_account_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineAccountRow, byline_account_row, BYLINE, ACCOUNT_ROW, AdwActionRow)

BylineAccountRow *byline_account_row_new         (BylineApplication *application,
                                                  BylineAccount     *account);
BylineAccount    *byline_account_row_get_account (BylineAccountRow  *self);

G_END_DECLS
