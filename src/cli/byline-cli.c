/* byline-cli.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "byline-cli.h"
#include "byline-cli-convert.h"
#include "byline-error.h"
#include "byline-i18n.h"

/* Commands are kept in one table so `byline-cli help` lists them all. */
static const BylineCliCommand commands[] = {
  { "convert", N_("Convert an article between block markup, HTML, JSON and text"), byline_cli_convert },
  { "slug", N_("Print the address WordPress gives a headline"), byline_cli_slug },
  { NULL, NULL, NULL }
};

int
byline_cli_fail (BylineCliExit  code,
                 const char    *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, so scripts can show it as it is. */
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "byline-cli: %s\n", message);

  return code;
}

int
byline_cli_fail_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, BYLINE_CLI_EXIT_FAILURE);

  return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, "%s", error->message);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: byline-cli COMMAND [OPTION…]"));
  fprintf (stream, "\n%s\n", _("Write and publish news articles from the command line."));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "  %-10s %s\n", "help", _("Show this help"));
  fprintf (stream, "  %-10s %s\n", "--version", _("Show the version"));
  fprintf (stream, "\n%s\n", _("Run “byline-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "\n%s\n", _("Exit status: 0 on success, 1 when the operation failed (the reason is printed on standard error), 2 for wrong arguments."));
}

int
main (int   argc,
      char *argv[])
{
  const char *name;

  byline_i18n_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return BYLINE_CLI_EXIT_USAGE;
    }

  name = argv[1];

  if (g_str_equal (name, "help") || g_str_equal (name, "--help") || g_str_equal (name, "-h"))
    {
      print_usage (stdout);
      return BYLINE_CLI_EXIT_OK;
    }

  if (g_str_equal (name, "--version"))
    {
      printf ("byline-cli %s\n", PACKAGE_VERSION);
      return BYLINE_CLI_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (name, commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  return byline_cli_fail (BYLINE_CLI_EXIT_USAGE,
                          _("Unknown command “%s”. Run “byline-cli help” to see the commands."),
                          name);
}
