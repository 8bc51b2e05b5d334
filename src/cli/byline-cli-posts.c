/* byline-cli-posts.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "byline-article-json.h"
#include "byline-cli.h"
#include "byline-error.h"
#include "byline-remote-article.h"

/* byline-cli posts list, byline-cli post get */

static gboolean
parse_statuses (const char  *text,
                guint       *statuses,
                GError     **error)
{
  g_auto(GStrv) names = g_strsplit (text, ",", -1);

  *statuses = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      BylinePortalPostStatus status = byline_portal_post_status_from_string (g_strstrip (names[i]));

      if (status == BYLINE_PORTAL_POST_STATUS_UNKNOWN)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown status “%s” (draft, pending, publish, future, private, trash)."),
                       names[i]);
          return FALSE;
        }
      *statuses |= BYLINE_PORTAL_POST_STATUS_BIT (status);
    }

  return TRUE;
}

static int
posts_list (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  g_autofree char *status = NULL;
  g_autofree char *search = NULL;
  int page = 1;
  int per_page = 20;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account to use"), N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Only posts with these statuses, comma-separated (draft, pending, publish, "
         "future, private, trash)"),
      N_("STATUS") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only posts matching this text"),
      N_("TEXT") },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("The page to show (from 1)"), N_("N") },
    { "per-page", 0, 0, G_OPTION_ARG_INT, &per_page, N_("Posts per page (1–100)"), N_("N") },
    { NULL }
  };
  BylinePortalPostQuery query = { 0 };
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortalPostPage) result_page = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List posts, one per line: id, status, date (UTC), "
                                           "title, separated by tabs."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (status != NULL && !parse_statuses (status, &query.statuses, &error)))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", error->message);

  if (account == NULL || argc > 1 || page < 1 || per_page < 1 || per_page > 100)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                            _("Usage: byline-cli posts list --account NAME [--status S] "
                              "[--search TEXT] [--page N] [--per-page N]"));

  portal = byline_cli_open_portal (account, &error);
  if (portal == NULL)
    return byline_cli_fail_portal (error);

  query.search = search;
  query.page = page;
  query.per_page = per_page;
  byline_portal_list_posts_async (portal, &query, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);
  result_page = byline_portal_list_posts_finish (portal, result, &error);
  if (result_page == NULL)
    return byline_cli_fail_portal (error);

  for (guint i = 0; i < result_page->posts->len; i++)
    {
      BylinePortalPost *post = g_ptr_array_index (result_page->posts, i);
      g_autofree char *date = NULL;
      g_autofree char *title = byline_cli_one_line (post->title);

      date = post->date_gmt != NULL ? g_date_time_format (post->date_gmt, "%Y-%m-%d %H:%M")
                                    : g_strdup ("-");
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", post->id,
              byline_portal_post_status_to_string (post->status) ?: "?", date, title);
    }

  if (result_page->total_pages > 1)
    /* Translators: on standard error after a list of posts */
    fprintf (stderr, _("Page %u of %u.\n"), result_page->page, result_page->total_pages);

  return BYLINE_CLI_EXIT_OK;
}

/**
 * byline_cli_posts:
 *
 * `byline-cli posts list`
 */
int
byline_cli_posts (int    argc,
                  char **argv)
{
  static const BylineCliCommand commands[] = {
    { "list", N_("List the posts on the portal, newest first"), posts_list },
    { NULL, NULL, NULL }
  };

  return byline_cli_dispatch ("posts", _("Usage: byline-cli posts list --account NAME [OPTION…]"),
                              commands, argc, argv);
}

static int
post_get (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account to use"), N_("NAME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: markup (the post’s block markup, as stored) or json (the article "
         "Byline makes of it, as “byline-cli convert --to json” writes it)"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint64 id = 0;

  context = g_option_context_new (_("ID"));
  g_option_context_set_summary (context, _("Show one post."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", error->message);

  if (account == NULL || argc != 2 ||
      !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                            _("Usage: byline-cli post get ID --account NAME [--to markup|json]"));

  if (format != NULL && !g_str_equal (format, "markup") && !g_str_equal (format, "json"))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, _("Unknown format “%s” (markup or json)."),
                            format);

  portal = byline_cli_open_portal (account, &error);
  if (portal == NULL)
    return byline_cli_fail_portal (error);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr(BylineArticle) article = NULL;
      g_autofree char *json = NULL;

      /* As the window opens it: parsed, its categories and tags named. */
      byline_remote_article_fetch_async (portal, id, NULL, byline_cli_store_result, &result);
      byline_cli_wait (&result);
      article = byline_remote_article_fetch_finish (result, NULL, &error);
      if (article == NULL)
        return byline_cli_fail_portal (error);

      json = byline_article_to_json (article, TRUE, NULL);
      fputs (json, stdout);
      if (!g_str_has_suffix (json, "\n"))
        fputc ('\n', stdout);

      return BYLINE_CLI_EXIT_OK;
    }

  byline_portal_get_post_async (portal, id, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);
  post = byline_portal_post_finish (portal, result, &error);
  if (post == NULL)
    return byline_cli_fail_portal (error);

  /* The raw content, byte for byte as WordPress stores it. */
  fputs (post->content != NULL ? post->content : "", stdout);
  if (post->content == NULL || !g_str_has_suffix (post->content, "\n"))
    fputc ('\n', stdout);

  return BYLINE_CLI_EXIT_OK;
}

/**
 * byline_cli_post:
 *
 * `byline-cli post get`
 */
int
byline_cli_post (int    argc,
                 char **argv)
{
  static const BylineCliCommand commands[] = {
    { "get", N_("Show one post: its block markup, or the article Byline makes of it"), post_get },
    { NULL, NULL, NULL }
  };

  return byline_cli_dispatch ("post",
                              _("Usage: byline-cli post get ID --account NAME [--to markup|json]"),
                              commands, argc, argv);
}
