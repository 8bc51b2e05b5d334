/* byline-cli.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-account-store.h"
#include "byline-portal.h"

G_BEGIN_DECLS

/* Exit codes of byline-cli, documented in its --help. */
typedef enum
{
  BYLINE_CLI_EXIT_OK = 0,
  BYLINE_CLI_EXIT_FAILURE = 1,   /* the operation failed: the reason is on stderr */
  BYLINE_CLI_EXIT_USAGE = 2,     /* wrong arguments */
} BylineCliExit;

typedef int (*BylineCliRunFunc) (int    argc,
                                 char **argv);

typedef struct
{
  const char       *name;
  const char       *summary;   /* N_() marked; translated when printed */
  BylineCliRunFunc  run;
} BylineCliCommand;

int  byline_cli_fail       (BylineCliExit  code,
                            const char    *format,
                            ...) G_GNUC_PRINTF (2, 3);
int  byline_cli_fail_error (const GError  *error);
int  byline_cli_dispatch   (const char              *group,
                            const char              *usage,
                            const BylineCliCommand  *commands,
                            int                      argc,
                            char                   **argv);

/* Shared by the command families (byline-cli-*.c). */
int                 byline_cli_fail_portal      (const GError         *error);
void                byline_cli_store_result     (GObject              *object,
                                                 GAsyncResult         *result,
                                                 gpointer              user_data);
void                byline_cli_wait             (GAsyncResult        **result);
SoupSession        *byline_cli_get_session      (void);
BylineAccountStore *byline_cli_get_accounts     (void);
BylinePortal       *byline_cli_open_portal      (const char           *account_name,
                                                 GError              **error);
char               *byline_cli_read_secret_line (void);
void                byline_cli_wipe             (char                 *secret);
char               *byline_cli_one_line         (const char           *text);

typedef char BylineCliSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineCliSecret, byline_cli_wipe)

/* The command families */
int  byline_cli_account    (int            argc,
                            char         **argv);
int  byline_cli_posts      (int            argc,
                            char         **argv);
int  byline_cli_post       (int            argc,
                            char         **argv);
int  byline_cli_publish    (int            argc,
                            char         **argv);
int  byline_cli_review     (int            argc,
                            char         **argv);

G_END_DECLS
