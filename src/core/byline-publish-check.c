/* byline-publish-check.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The checks made before an article is sent to a portal, shared by the
 * publish panel (which shows them as the reporter chooses) and the publish
 * job (which refuses, before any request, what would fail on the portal).
 * Pure: the article, the status wanted, what the account may do.
 */

#define G_LOG_DOMAIN "byline-publish"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-publish-check.h"

G_DEFINE_BOXED_TYPE (BylinePublishIssue, byline_publish_issue,
                     byline_publish_issue_copy, byline_publish_issue_free)

static BylinePublishIssue *
issue_new (BylinePublishIssueKind  kind,
           gboolean                blocking,
           const char             *figure_id,
           guint                   photo_number)
{
  BylinePublishIssue *issue = g_new0 (BylinePublishIssue, 1);

  issue->kind = kind;
  issue->blocking = blocking;
  issue->figure_id = g_strdup (figure_id);
  issue->photo_number = photo_number;

  return issue;
}

BylinePublishIssue *
byline_publish_issue_copy (const BylinePublishIssue *issue)
{
  BylinePublishIssue *copy;

  g_return_val_if_fail (issue != NULL, NULL);

  copy = issue_new (issue->kind, issue->blocking, issue->figure_id, issue->photo_number);
  copy->count = issue->count;

  return copy;
}

void
byline_publish_issue_free (BylinePublishIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->figure_id);
  g_free (issue);
}

/**
 * byline_publish_figure_needs_upload:
 * @figure: a figure
 *
 * Returns: whether sending the article uploads this figure's photo: it has
 *   a photo on this computer and no media id on the portal yet
 */
gboolean
byline_publish_figure_needs_upload (const BylineBlock *figure)
{
  g_return_val_if_fail (figure != NULL, FALSE);

  return byline_block_get_kind (figure) == BYLINE_BLOCK_FIGURE &&
         byline_block_get_media_id (figure) == 0 &&
         byline_block_get_local_path (figure) != NULL;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * byline_publish_check:
 * @article: the article to send
 * @status: how it is to be sent (draft, pending, publish, future)
 * @caps: what the account may do; %G_MAXUINT when not known yet (nothing
 *   is then refused for the account's sake)
 * @site: (nullable): the REST root of the portal it goes to
 * @now: (nullable): the current time, for a schedule; %NULL for now
 *
 * Blocking issues come first, in the order a reporter should resolve them,
 * then the warnings in the article's order.
 *
 * Returns: (transfer full) (element-type BylinePublishIssue): the issues,
 *   empty when there are none
 */
GPtrArray *
byline_publish_check (BylineArticle    *article,
                      BylinePostStatus  status,
                      BylinePortalCaps  caps,
                      const char       *site,
                      GDateTime        *now)
{
  g_autoptr(GPtrArray) blocking = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_publish_issue_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_publish_issue_free);
  g_autoptr(GDateTime) local_now = NULL;
  const char *first_upload = NULL;
  guint n_photos = 0, n_uploads = 0;

  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), NULL);

  if (is_blank (byline_article_get_title (article)))
    g_ptr_array_add (blocking, issue_new (BYLINE_PUBLISH_ISSUE_NO_HEADLINE, TRUE, NULL, 0));

  if (status == BYLINE_POST_STATUS_NONE || status == BYLINE_POST_STATUS_TRASH)
    g_ptr_array_add (blocking, issue_new (BYLINE_PUBLISH_ISSUE_NO_ACTION, TRUE, NULL, 0));
  else if ((status == BYLINE_POST_STATUS_PUBLISH || status == BYLINE_POST_STATUS_FUTURE ||
            status == BYLINE_POST_STATUS_PRIVATE) && !(caps & BYLINE_PORTAL_CAN_PUBLISH))
    g_ptr_array_add (blocking, issue_new (BYLINE_PUBLISH_ISSUE_CANNOT_PUBLISH, TRUE, NULL, 0));

  if (status == BYLINE_POST_STATUS_FUTURE)
    {
      GDateTime *date = byline_article_get_date (article);

      if (now == NULL)
        now = local_now = g_date_time_new_now_utc ();
      if (date == NULL || g_date_time_compare (date, now) <= 0)
        g_ptr_array_add (blocking, issue_new (BYLINE_PUBLISH_ISSUE_NO_DATE, TRUE, NULL, 0));
    }

  if (site != NULL && byline_article_get_site (article) != NULL &&
      g_strcmp0 (site, byline_article_get_site (article)) != 0)
    g_ptr_array_add (blocking, issue_new (BYLINE_PUBLISH_ISSUE_OTHER_PORTAL, TRUE, NULL, 0));

  if (is_blank (byline_article_get_lead (article)))
    g_ptr_array_add (warnings, issue_new (BYLINE_PUBLISH_ISSUE_NO_LEAD, FALSE, NULL, 0));

  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    {
      BylineBlock *block = byline_article_get_block (article, i);
      const char *id = byline_block_get_figure_id (block);
      const char *url;

      if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE)
        continue;
      n_photos++;
      url = byline_block_get_url (block);

      if (byline_publish_figure_needs_upload (block))
        {
          if (n_uploads++ == 0)
            first_upload = id;
        }
      else if (byline_block_get_media_id (block) == 0 && is_blank (url))
        {
          g_ptr_array_add (blocking, issue_new (BYLINE_PUBLISH_ISSUE_NO_PHOTO, TRUE, id, n_photos));
          continue;
        }

      if (byline_inline_is_empty (byline_block_get_caption (block)))
        g_ptr_array_add (warnings, issue_new (BYLINE_PUBLISH_ISSUE_NO_CAPTION, FALSE, id, n_photos));
      if (is_blank (byline_block_get_alt (block)))
        g_ptr_array_add (warnings, issue_new (BYLINE_PUBLISH_ISSUE_NO_ALT, FALSE, id, n_photos));
    }

  if (n_uploads > 0 && !(caps & BYLINE_PORTAL_CAN_UPLOAD))
    {
      BylinePublishIssue *issue = issue_new (BYLINE_PUBLISH_ISSUE_CANNOT_UPLOAD, TRUE,
                                             first_upload, 0);

      issue->count = n_uploads;
      g_ptr_array_add (blocking, issue);
    }

  g_ptr_array_extend_and_steal (blocking, g_steal_pointer (&warnings));

  return g_steal_pointer (&blocking);
}

/**
 * byline_publish_check_first_blocking:
 * @issues: (element-type BylinePublishIssue): from byline_publish_check()
 *
 * Returns: (transfer none) (nullable): the first issue that blocks sending
 */
const BylinePublishIssue *
byline_publish_check_first_blocking (GPtrArray *issues)
{
  g_return_val_if_fail (issues != NULL, NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      const BylinePublishIssue *issue = g_ptr_array_index (issues, i);

      if (issue->blocking)
        return issue;
    }

  return NULL;
}

/**
 * byline_publish_issue_describe:
 * @issue: an issue
 *
 * Returns: (transfer full): what is wrong and what to do, in the user's
 *   language
 */
char *
byline_publish_issue_describe (const BylinePublishIssue *issue)
{
  g_return_val_if_fail (issue != NULL, NULL);

  switch (issue->kind)
    {
    case BYLINE_PUBLISH_ISSUE_NO_HEADLINE:
      return g_strdup (_("The article has no headline. Write one before sending it."));

    case BYLINE_PUBLISH_ISSUE_NO_ACTION:
      return g_strdup (_("Choose how to send the article: as a draft, for review, or to "
                         "publish."));

    case BYLINE_PUBLISH_ISSUE_CANNOT_PUBLISH:
      return g_strdup (_("Your account cannot publish on this portal. Submit the article for "
                         "review instead: an editor will publish it."));

    case BYLINE_PUBLISH_ISSUE_CANNOT_UPLOAD:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Your account cannot upload photos to this portal, "
                                           "and this article has %u photo to upload. Ask an "
                                           "editor to send it, or remove the photo.",
                                           "Your account cannot upload photos to this portal, "
                                           "and this article has %u photos to upload. Ask an "
                                           "editor to send it, or remove the photos.",
                                           issue->count),
                              issue->count);

    case BYLINE_PUBLISH_ISSUE_NO_DATE:
      return g_strdup (_("Choose a date and time in the future to schedule the article."));

    case BYLINE_PUBLISH_ISSUE_OTHER_PORTAL:
      return g_strdup (_("This article belongs to a post on another portal. Send it with an "
                         "account on that portal."));

    case BYLINE_PUBLISH_ISSUE_NO_PHOTO:
      /* Translators: %u is the photo's number in the article */
      return g_strdup_printf (_("Photo %u has no picture. Choose one for it, or remove it."),
                              issue->photo_number);

    case BYLINE_PUBLISH_ISSUE_NO_LEAD:
      return g_strdup (_("The article has no lead. Readers see the lead first, under the "
                         "headline."));

    case BYLINE_PUBLISH_ISSUE_NO_CAPTION:
      /* Translators: %u is the photo's number in the article */
      return g_strdup_printf (_("Photo %u has no caption."), issue->photo_number);

    case BYLINE_PUBLISH_ISSUE_NO_ALT:
      /* Translators: %u is the photo's number in the article; alternative
       * text is read out to people who cannot see the photo */
      return g_strdup_printf (_("Photo %u has no alternative text for people who cannot see "
                                "it."), issue->photo_number);

    default:
      g_return_val_if_reached (NULL);
    }
}
