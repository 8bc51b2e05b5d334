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
#include "byline-http.h"
#include "byline-i18n.h"
#include "byline-portal-messages.h"

/* Commands are kept in one table so `byline-cli help` lists them all. */
static const BylineCliCommand commands[] = {
  { "account", N_("Add, list and remove portal accounts"), byline_cli_account },
  { "posts", N_("List the posts on a portal"), byline_cli_posts },
  { "post", N_("Show one post from a portal"), byline_cli_post },
  { "publish", N_("Publish a draft or a file on a portal, with its photos"), byline_cli_publish },
  { "review", N_("Review articles: list, approve, schedule, return with a note"), byline_cli_review },
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

/**
 * byline_cli_dispatch:
 * @group: the command the subcommands belong to ("review")
 * @usage: its translated usage line
 * @commands: its subcommands, ending with an entry whose name is %NULL
 *
 * Runs the subcommand argv[1] names with the arguments after it, or
 * prints the subcommands for --help (GOption cannot list them).
 *
 * Returns: the exit status
 */
int
byline_cli_dispatch (const char              *group,
                     const char              *usage,
                     const BylineCliCommand  *commands,
                     int                      argc,
                     char                   **argv)
{
  if (argc < 2)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", usage);

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      g_print ("%s\n\n%s\n", usage, _("Commands:"));
      for (guint i = 0; commands[i].name != NULL; i++)
        g_print ("  %-8s %s\n", commands[i].name, _(commands[i].summary));
      g_print ("\n");
      /* Translators: %s is a command, such as “review” */
      g_print (_("Run “byline-cli %s COMMAND --help” for the options of a command."), group);
      g_print ("\n");
      return BYLINE_CLI_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  return byline_cli_fail (BYLINE_CLI_EXIT_USAGE,
                          /* Translators: “%s %s” is a command and a subcommand that does
                           * not exist, such as “review lsit” */
                          _("There is no command “%s %s”: run “byline-cli %s --help” to see them."),
                          group, argv[1], group);
}

/**
 * byline_cli_fail_portal:
 *
 * Reports a portal or account error as the application would: what
 * happened and what to do, in the user's language, on one line.
 */
int
byline_cli_fail_portal (const GError *error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (error != NULL, BYLINE_CLI_EXIT_FAILURE);

  g_debug ("%s", error->message);
  message = byline_portal_error_message (error);

  return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, "%s", message);
}

void
byline_cli_store_result (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The command line may block: it has no window to keep alive. */
void
byline_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

SoupSession *
byline_cli_get_session (void)
{
  static SoupSession *session;

  if (session == NULL)
    session = byline_http_session_new (0);

  return session;
}

BylineAccountStore *
byline_cli_get_accounts (void)
{
  static BylineAccountStore *store;

  if (store == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

      store = byline_account_store_new (settings);
    }

  return store;
}

/**
 * byline_cli_open_portal:
 *
 * Returns: (transfer full): the portal of the account called @account_name,
 *   or %NULL with a %BYLINE_ERROR
 */
BylinePortal *
byline_cli_open_portal (const char  *account_name,
                        GError     **error)
{
  BylineAccountStore *store = byline_cli_get_accounts ();
  g_autoptr(GAsyncResult) result = NULL;
  BylineAccount *account;

  account = byline_account_store_find (store, account_name);
  if (account == NULL)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   _("There is no account called “%s”. See “byline-cli account list”."),
                   account_name);
      return NULL;
    }

  byline_account_store_open_portal_async (store, account, byline_cli_get_session (), NULL,
                                          byline_cli_store_result, &result);
  byline_cli_wait (&result);

  return byline_account_store_open_portal_finish (store, result, error);
}

/**
 * byline_cli_read_secret_line:
 *
 * Reads one line from standard input, for passwords given on a pipe
 * (never on the command line, where other users could see them).
 *
 * Returns: (transfer full) (nullable): the line without its end, to free
 *   with byline_cli_wipe(); %NULL at end of input
 */
char *
byline_cli_read_secret_line (void)
{
  char buffer[4096];
  char *line;
  gsize len;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;

  len = strcspn (buffer, "\r\n");
  line = g_strndup (buffer, len);
  memset (buffer, 0, sizeof buffer);

  return line;
}

/* Frees a password after overwriting it. */
void
byline_cli_wipe (char *secret)
{
  if (secret == NULL)
    return;

  memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* A field of tab-separated output: tabs and line breaks become spaces. */
char *
byline_cli_one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  return g_strdelimit (line, "\t\r\n", ' ');
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
  /* Standard output is for results (scripts parse it): logs, even debug
   * ones, go to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);

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
