/* byline-cli.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

G_END_DECLS
