/* byline-error.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-core"

#include "config.h"

#include "byline-error.h"

G_DEFINE_QUARK (byline-error-quark, byline_error)
