/* byline-application.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <libsoup/soup.h>

#include "byline-account-store.h"
#include "byline-draft-store.h"
#include "byline-outbox.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_APPLICATION (byline_application_get_type ())

G_DECLARE_FINAL_TYPE (BylineApplication, byline_application, BYLINE, APPLICATION, AdwApplication)

BylineApplication  *byline_application_new              (void);
GSettings          *byline_application_get_settings     (BylineApplication *self);
BylineAccountStore *byline_application_get_accounts     (BylineApplication *self);
SoupSession        *byline_application_get_session      (BylineApplication *self);
BylineDraftStore   *byline_application_get_draft_store  (BylineApplication *self);
BylineOutbox       *byline_application_get_outbox       (BylineApplication *self);
void                byline_application_save_session     (BylineApplication *self);

G_END_DECLS
