/* test-publish-check.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks before an article is sent (byline-publish-check.c): what
 * blocks, what only warns, in which order, for which role.
 */

#include "config.h"

#include <locale.h>

#include "byline-markup-test-utils.h"
#include "byline-publish-check.h"
#include "byline-publisher.h"

#define SITE "http://127.0.0.1:18081/wp-json/"
#define AUTHOR_CAPS (BYLINE_PORTAL_CAN_EDIT_POSTS | BYLINE_PORTAL_CAN_PUBLISH | BYLINE_PORTAL_CAN_UPLOAD)
#define CONTRIBUTOR_CAPS BYLINE_PORTAL_CAN_EDIT_POSTS

static guint
count_kind (GPtrArray              *issues,
            BylinePublishIssueKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < issues->len; i++)
    if (((BylinePublishIssue *) g_ptr_array_index (issues, i))->kind == kind)
      n++;
  return n;
}

static void
test_seed_is_ready (void)
{
  g_autoptr(BylineArticle) article = build_seed_article (FALSE);
  g_autoptr(GPtrArray) issues = NULL;

  issues = byline_publish_check (article, BYLINE_POST_STATUS_PUBLISH, AUTHOR_CAPS, SITE, NULL);
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_null (byline_publish_check_first_blocking (issues));
}

static void
test_contributor (void)
{
  g_autoptr(BylineArticle) article = build_seed_article (FALSE);
  g_autoptr(BylineArticle) uploaded = build_seed_article (TRUE);
  g_autoptr(GPtrArray) issues = NULL;
  const BylinePublishIssue *first;
  g_autofree char *text = NULL;

  /* Three local photos: blocked, with how many, whatever the action. */
  issues = byline_publish_check (article, BYLINE_POST_STATUS_PENDING, CONTRIBUTOR_CAPS, SITE, NULL);
  first = byline_publish_check_first_blocking (issues);
  g_assert_nonnull (first);
  g_assert_cmpint (first->kind, ==, BYLINE_PUBLISH_ISSUE_CANNOT_UPLOAD);
  g_assert_cmpuint (first->count, ==, 3);
  text = byline_publish_issue_describe (first);
  g_assert_nonnull (strstr (text, "3 photos"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Publishing is not theirs either. */
  issues = byline_publish_check (article, BYLINE_POST_STATUS_PUBLISH, CONTRIBUTOR_CAPS, SITE, NULL);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_CANNOT_PUBLISH), ==, 1);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_CANNOT_UPLOAD), ==, 1);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Photos already on the portal (an editor's) need no upload right. */
  issues = byline_publish_check (uploaded, BYLINE_POST_STATUS_PENDING, CONTRIBUTOR_CAPS, SITE, NULL);
  g_assert_null (byline_publish_check_first_blocking (issues));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* An account whose role is not known yet is not refused anything. */
  issues = byline_publish_check (article, BYLINE_POST_STATUS_PUBLISH, G_MAXUINT, SITE, NULL);
  g_assert_null (byline_publish_check_first_blocking (issues));
}

static void
test_blocking_before_warnings (void)
{
  g_autoptr(BylineArticle) article = build_seed_article (FALSE);
  g_autoptr(GPtrArray) issues = NULL;
  BylineBlock *figure = NULL;
  gboolean warnings = FALSE;

  byline_article_set_title (article, "  ");
  byline_article_set_lead (article, "");
  for (guint i = 0; i < byline_article_get_n_blocks (article) && figure == NULL; i++)
    if (byline_block_get_kind (byline_article_get_block (article, i)) == BYLINE_BLOCK_FIGURE)
      figure = byline_article_get_block (article, i);
  byline_block_set_caption (figure, byline_inline_new (""));
  byline_block_set_alt (figure, NULL);

  issues = byline_publish_check (article, BYLINE_POST_STATUS_NONE, AUTHOR_CAPS, SITE, NULL);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_NO_HEADLINE), ==, 1);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_NO_ACTION), ==, 1);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_NO_LEAD), ==, 1);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_NO_CAPTION), ==, 1);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_NO_ALT), ==, 1);
  for (guint i = 0; i < issues->len; i++)
    {
      BylinePublishIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *text = byline_publish_issue_describe (issue);

      g_assert_true (*text != '\0');
      if (!issue->blocking)
        warnings = TRUE;
      else
        g_assert_false (warnings);
      if (issue->kind == BYLINE_PUBLISH_ISSUE_NO_CAPTION)
        {
          g_assert_cmpstr (issue->figure_id, ==, byline_block_get_figure_id (figure));
          g_assert_cmpuint (issue->photo_number, ==, 1);
          g_assert_false (issue->blocking);
        }
    }
  g_assert_cmpint (byline_publish_check_first_blocking (issues)->kind, ==,
                   BYLINE_PUBLISH_ISSUE_NO_HEADLINE);
}

static void
test_schedule_and_portal (void)
{
  g_autoptr(BylineArticle) article = build_seed_article (TRUE);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2023, 11, 14, 8, 0, 0);
  g_autoptr(GDateTime) before = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) after = g_date_time_add_hours (now, 1);

  issues = byline_publish_check (article, BYLINE_POST_STATUS_FUTURE, AUTHOR_CAPS, SITE, now);
  g_assert_cmpint (byline_publish_check_first_blocking (issues)->kind, ==, BYLINE_PUBLISH_ISSUE_NO_DATE);
  g_clear_pointer (&issues, g_ptr_array_unref);

  byline_article_set_date (article, before);
  issues = byline_publish_check (article, BYLINE_POST_STATUS_FUTURE, AUTHOR_CAPS, SITE, now);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_NO_DATE), ==, 1);
  g_clear_pointer (&issues, g_ptr_array_unref);

  byline_article_set_date (article, after);
  issues = byline_publish_check (article, BYLINE_POST_STATUS_FUTURE, AUTHOR_CAPS, SITE, now);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_NO_DATE), ==, 0);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Linked to a post of another portal: its ids mean nothing here. */
  byline_article_set_remote (article, "https://other.example.vn/wp-json/", 7, NULL, NULL,
                             BYLINE_POST_STATUS_DRAFT);
  issues = byline_publish_check (article, BYLINE_POST_STATUS_DRAFT, AUTHOR_CAPS, SITE, now);
  g_assert_cmpint (byline_publish_check_first_blocking (issues)->kind, ==,
                   BYLINE_PUBLISH_ISSUE_OTHER_PORTAL);
}

static void
test_figure_without_photo (void)
{
  g_autoptr(BylineArticle) article = byline_article_new (NULL);
  g_autoptr(GPtrArray) issues = NULL;
  BylineBlock *figure = byline_block_new_figure (NULL);
  BylineBlock *external = byline_block_new_figure (NULL);

  byline_article_set_title (article, "Tin");
  byline_block_set_media (external, 0, "https://example.vn/anh.jpg");
  byline_article_append_block (article, figure);
  byline_article_append_block (article, external);

  g_assert_false (byline_publish_figure_needs_upload (figure));
  g_assert_false (byline_publish_figure_needs_upload (external));
  issues = byline_publish_check (article, BYLINE_POST_STATUS_DRAFT, CONTRIBUTOR_CAPS, NULL, NULL);
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_NO_PHOTO), ==, 1);
  g_assert_cmpuint (byline_publish_check_first_blocking (issues)->photo_number, ==, 1);
  /* A photo by address needs no upload, even for a contributor. */
  g_assert_cmpuint (count_kind (issues, BYLINE_PUBLISH_ISSUE_CANNOT_UPLOAD), ==, 0);
}

/* The digest a post request records: the header part survives a change
 * of the content (which kses may make), the whole does not. */
static void
test_digest (void)
{
  g_autofree char *a = byline_publisher_digest ("Tiêu đề", "Sapo", "<p>x</p>");
  g_autofree char *b = byline_publisher_digest ("Tiêu đề", "Sapo", "<p>y</p>");
  g_autofree char *c = byline_publisher_digest ("Tiêu đềSapo", "", "<p>x</p>");
  g_autofree char *d = byline_publisher_digest ("Tiêu đề", "Sapo", "<p>x</p>");

  g_assert_cmpstr (a, ==, d);
  g_assert_cmpstr (a, !=, b);
  g_assert_true (strncmp (a, b, strchr (a, ':') - a) == 0);
  g_assert_false (strncmp (a, c, strchr (a, ':') - a) == 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The descriptions are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish-check/seed-is-ready", test_seed_is_ready);
  g_test_add_func ("/publish-check/contributor", test_contributor);
  g_test_add_func ("/publish-check/blocking-before-warnings", test_blocking_before_warnings);
  g_test_add_func ("/publish-check/schedule-and-portal", test_schedule_and_portal);
  g_test_add_func ("/publish-check/figure-without-photo", test_figure_without_photo);
  g_test_add_func ("/publish-check/digest", test_digest);

  return g_test_run ();
}
