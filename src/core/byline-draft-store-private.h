/* byline-draft-store-private.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-draft-store.h"

G_BEGIN_DECLS

/* Fault injection for tests: the next @count writes of file data fail with
 * @errno_value (ENOSPC, EIO…), as a full or failing disk would make them. */
void _byline_draft_store_inject_write_error (BylineDraftStore *self,
                                             int               errno_value,
                                             guint             count);

G_END_DECLS
