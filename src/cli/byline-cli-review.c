/* byline-cli-review.c
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
#include "byline-error.h"
#include "byline-portal-sections.h"
#include "byline-publisher.h"
#include "byline-remote-article.h"
#include "byline-review.h"
#include "byline-wp-json.h"

/* byline-cli review list|approve|return|notes: what an editor does in the
 * review queue, for scripts. The same core functions as the window. */

/* Notes keep their lines: "\n" and "\\" stand for a line break and a
 * backslash, so that one note stays on one line. */
static char *
escape_lines (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
format_date (GDateTime *date)
{
  return date != NULL ? g_date_time_format (date, "%Y-%m-%d %H:%M") : g_strdup ("-");
}

static BylinePortalUser *
get_user (BylinePortal  *portal,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_portal_get_user_async (portal, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);

  return byline_portal_get_user_finish (portal, result, error);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = value;
  return TRUE;
}

/* Parses the usual option context; FALSE (with the message printed) when
 * the arguments are wrong. */
static gboolean
parse_options (int                *argc,
               char             ***argv,
               const char         *parameter,
               const char         *summary,
               const GOptionEntry *entries,
               int                *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
list_settled (BylineRemotePostList *list)
{
  return byline_remote_post_list_get_loaded (list) && !byline_remote_post_list_get_loading (list);
}

static int
review_list (int    argc,
             char **argv)
{
  g_autofree char *account = NULL;
  g_autofree char *search = NULL;
  int limit = 100;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account to use"), N_("NAME") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only posts matching this text"),
      N_("TEXT") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most this many posts (default 100)"),
      N_("N") },
    { NULL }
  };
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(BylinePortalSections) sections = NULL;
  g_autoptr(GError) error = NULL;
  BylineRemotePostList *list;
  GListModel *model;
  int status;

  if (!parse_options (&argc, &argv, NULL,
                      _("List the articles waiting for review, one per line: id, status, "
                        "date (UTC), author, title, separated by tabs. For a reporter: their "
                        "own submitted and returned articles, “returned” after the status "
                        "when an editor left a note."),
                      entries, &status))
    return status;

  if (account == NULL || argc > 1 || limit < 1)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                            _("Usage: byline-cli review list --account NAME [--search TEXT] "
                              "[--limit N]"));

  portal = byline_cli_open_portal (account, &error);
  if (portal == NULL || (user = get_user (portal, &error)) == NULL)
    return byline_cli_fail_portal (error);

  sections = byline_portal_sections_new (portal, user, NULL);
  list = byline_portal_sections_get_list (sections, BYLINE_SECTION_REVIEW_QUEUE);
  if (list == NULL)
    list = byline_portal_sections_get_list (sections, BYLINE_SECTION_MY_SUBMISSIONS);
  if (list == NULL)
    return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, "%s",
                            _("This account cannot write or review articles on the portal."));

  model = G_LIST_MODEL (list);
  byline_remote_post_list_set_search (list, search);
  if (!byline_remote_post_list_get_loading (list))
    byline_remote_post_list_reload (list);

  /* Pages come one after the other, as a scrolled list asks for them. */
  while (TRUE)
    {
      while (!list_settled (list) && byline_remote_post_list_get_error (list) == NULL)
        g_main_context_iteration (NULL, TRUE);
      if (byline_remote_post_list_get_error (list) != NULL)
        return byline_cli_fail_portal (byline_remote_post_list_get_error (list));
      if (g_list_model_get_n_items (model) >= (guint) limit ||
          !byline_remote_post_list_get_has_more (list))
        break;
      byline_remote_post_list_load_more (list);
    }

  /* Who wrote them (a list view shows the names as they come). */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) authors = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(BylineRemotePost) item = g_list_model_get_item (model, i);
        gint64 author = byline_remote_post_get_author (item);

        g_array_append_val (ids, author);
      }
    byline_portal_get_authors_async (portal, (const gint64 *) ids->data, ids->len, NULL,
                                     byline_cli_store_result, &result);
    byline_cli_wait (&result);
    authors = byline_portal_get_authors_finish (portal, result, &error);
    if (authors == NULL)
      return byline_cli_fail_portal (error);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(BylineRemotePost) item = g_list_model_get_item (model, i);

        for (guint j = 0; j < authors->len; j++)
          {
            BylinePortalUser *author = g_ptr_array_index (authors, j);

            if (author->id == byline_remote_post_get_author (item))
              byline_remote_post_set_author_name (item, author->name);
          }
      }
  }

  /* Which of a reporter's articles came back with a note. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    byline_portal_sections_mark_returned_async (sections, NULL, byline_cli_store_result, &result);
    byline_cli_wait (&result);
    if (!byline_portal_sections_mark_returned_finish (sections, result, &error))
      return byline_cli_fail_portal (error);
  }

  for (guint i = 0; i < MIN (g_list_model_get_n_items (model), (guint) limit); i++)
    {
      g_autoptr(BylineRemotePost) item = g_list_model_get_item (model, i);
      g_autofree char *date = format_date (byline_remote_post_get_date (item));
      g_autofree char *author = byline_cli_one_line (byline_remote_post_get_author_name (item));
      g_autofree char *title = byline_cli_one_line (byline_remote_post_get_title (item));
      const char *post_status = byline_portal_post_status_to_string (byline_remote_post_get_status (item));

      printf ("%" G_GINT64_FORMAT "\t%s%s\t%s\t%s\t%s\n", byline_remote_post_get_id (item),
              post_status != NULL ? post_status : "?",
              byline_remote_post_get_has_notes (item) ? " returned" : "", date, author, title);
    }

  /* Translators: on standard error after the list; %u are counts */
  fprintf (stderr, _("%u of %u.\n"), MIN (g_list_model_get_n_items (model), (guint) limit),
           byline_remote_post_list_get_total (list));

  return BYLINE_CLI_EXIT_OK;
}

static GTimeZone *
site_time_zone (BylinePortal  *portal,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_portal_get_time_zone_async (portal, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);

  return byline_portal_get_time_zone_finish (portal, result, error);
}

/* "2026-12-01 08:00" in the site's time zone, or with a zone of its own. */
static GDateTime *
parse_date (const char *text,
            GTimeZone  *zone)
{
  g_autofree char *iso = g_strdup (text);
  char *space = strchr (iso, ' ');

  if (space != NULL)
    *space = 'T';
  if (strlen (iso) == strlen ("2026-12-01T08:00"))
    {
      char *with_seconds = g_strconcat (iso, ":00", NULL);

      g_free (iso);
      iso = with_seconds;
    }

  return g_date_time_new_from_iso8601 (iso, zone);
}

static BylineArticle *
open_copy (BylinePortal     *portal,
           BylineDraftStore *store,
           gint64            id,
           GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BylineArticle) article = NULL;
  BylineRemoteCopy copy;

  byline_remote_article_open_async (portal, store, id, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);
  article = byline_remote_article_open_finish (result, &copy, error);
  if (article != NULL && copy == BYLINE_REMOTE_COPY_DIVERGED)
    /* Translators: on standard error before approving */
    fprintf (stderr, "%s\n", _("This article was edited on this computer and changed on the "
                               "portal since: the portal will refuse the edits."));

  return g_steal_pointer (&article);
}

static int
review_approve (int    argc,
                char **argv)
{
  g_autofree char *account = NULL;
  g_autofree char *date_text = NULL;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account to use"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("Schedule for this date and time instead of publishing now, e.g. “2026-12-01 08:00” "
         "(in the site’s time zone unless one is given)"),
      N_("DATE") },
    { NULL }
  };
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylineDraftStore) store = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  gint64 id = 0;
  int status;

  if (!parse_options (&argc, &argv, _("ID"),
                      _("Approve an article: publish it now, or schedule it with --date. Its "
                        "notes are removed first. Prints id, status, date (UTC) and address."),
                      entries, &status))
    return status;

  if (account == NULL || argc != 2 || !parse_id (argv[1], &id))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                            _("Usage: byline-cli review approve ID --account NAME [--date DATE]"));

  portal = byline_cli_open_portal (account, &error);
  if (portal == NULL)
    return byline_cli_fail_portal (error);

  if (date_text != NULL)
    {
      g_autoptr(GTimeZone) zone = site_time_zone (portal, &error);

      if (zone == NULL)
        return byline_cli_fail_portal (error);
      date = parse_date (date_text, zone);
      if (date == NULL)
        return byline_cli_fail (BYLINE_CLI_EXIT_USAGE,
                                _("“%s” is not a date and time, e.g. “2026-12-01 08:00”."),
                                date_text);
    }

  store = byline_draft_store_new_default ();
  article = open_copy (portal, store, id, &error);
  if (article == NULL)
    return byline_cli_fail_portal (error);

  publisher = byline_publisher_new (portal, store, article);
  byline_review_approve_async (publisher, store, date, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);
  post = byline_review_approve_finish (result, &error);
  if (post == NULL)
    {
      g_autofree char *message = byline_publisher_describe_failure (publisher, error);

      g_debug ("%s", error->message);
      return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, "%s", message);
    }

  when = format_date (post->date_gmt);
  printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", post->id,
          byline_portal_post_status_to_string (post->status) ?: "?", when,
          post->link != NULL ? post->link : "");

  return BYLINE_CLI_EXIT_OK;
}

static int
review_return (int    argc,
               char **argv)
{
  g_autofree char *account = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account to use"), N_("NAME") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What the reporter should do"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  int status;

  if (!parse_options (&argc, &argv, _("ID"),
                      _("Return an article to its reporter with a note, which only the "
                        "newsroom can read. The article becomes a draft again."),
                      entries, &status))
    return status;

  if (account == NULL || note == NULL || argc != 2 || !parse_id (argv[1], &id))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                            _("Usage: byline-cli review return ID --account NAME --note TEXT"));

  portal = byline_cli_open_portal (account, &error);
  /* The role first: only then is the note asked for held directly. */
  if (portal == NULL || (user = get_user (portal, &error)) == NULL)
    return byline_cli_fail_portal (error);
  if (!(user->caps & BYLINE_PORTAL_CAN_EDIT_OTHERS))
    return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, "%s",
                            _("Only editors can return articles to their reporters."));

  byline_review_return_async (portal, id, note, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);
  post = byline_review_return_finish (result, &error);
  if (post == NULL)
    return byline_cli_fail_portal (error);

  printf ("%" G_GINT64_FORMAT "\t%s\n", post->id,
          byline_portal_post_status_to_string (post->status) ?: "?");

  return BYLINE_CLI_EXIT_OK;
}

static int
review_notes (int    argc,
              char **argv)
{
  g_autofree char *account = NULL;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account to use"), N_("NAME") },
    { NULL }
  };
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  int status;

  if (!parse_options (&argc, &argv, _("ID"),
                      _("Show the notes on an article and the replies to them, as this account "
                        "may read them, oldest first, one per line: id, id answered (0 for "
                        "none), status, date (UTC), author, text (a line break written \\n)."),
                      entries, &status))
    return status;

  if (account == NULL || argc != 2 || !parse_id (argv[1], &id))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                            _("Usage: byline-cli review notes ID --account NAME"));

  portal = byline_cli_open_portal (account, &error);
  if (portal == NULL || (user = get_user (portal, &error)) == NULL)
    return byline_cli_fail_portal (error);

  byline_review_list_notes_async (portal, id, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);
  notes = byline_review_list_notes_finish (result, &error);
  if (notes == NULL)
    return byline_cli_fail_portal (error);

  for (guint i = 0; i < notes->len; i++)
    {
      BylinePortalComment *note = g_ptr_array_index (notes, i);
      g_autofree char *date = format_date (note->date_gmt);
      g_autofree char *author = byline_cli_one_line (note->author_name);
      g_autofree char *text = escape_lines (note->content);
      const char *note_status = byline_portal_comment_status_to_string (note->status);

      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", note->id,
              note->parent, note_status != NULL ? note_status : "?", date, author, text);
    }

  return BYLINE_CLI_EXIT_OK;
}

static const BylineCliCommand review_commands[] = {
  { "list", N_("The articles waiting for review (a reporter’s own submissions)"), review_list },
  { "approve", N_("Publish an article now, or schedule it with --date"), review_approve },
  { "return", N_("Send an article back to its reporter with a note"), review_return },
  { "notes", N_("Show the notes on an article and the replies to them"), review_notes },
  { NULL, NULL, NULL }
};

/**
 * byline_cli_review:
 *
 * `byline-cli review list|approve|return|notes`
 */
int
byline_cli_review (int    argc,
                   char **argv)
{
  return byline_cli_dispatch ("review", _("Usage: byline-cli review list|approve|return|notes …"),
                              review_commands, argc, argv);
}
