/* byline-publish-test-utils.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the publish tests share: the seed article with its three photos in
 * a draft store of its own, running the publish job, and asserting what the
 * real portal holds.
 */

#pragma once

#include <glib/gstdio.h>

#include "byline-markup-test-utils.h"
#include "byline-publisher.h"
#include "byline-test-core.h"

/* The seed's photos, in the order their captions stand in the seed. */
static const char * const seed_photos[] = {
  "hoi-nghi.jpg", "kiem-tra-ho-ngheo.jpg", "phat-bieu.jpg",
};

static inline char *
test_photo_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "photos", name, NULL);
}

/* A new draft store in a temporary folder. */
static inline BylineDraftStore *
test_store_new (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-publish-XXXXXX", &error);
  g_autoptr(GFile) base = NULL;

  g_assert_no_error (error);
  base = g_file_new_for_path (dir);
  if (dir_out != NULL)
    *dir_out = g_steal_pointer (&dir);

  return byline_draft_store_new (base);
}

static inline void
test_save (BylineDraftStore *store,
           BylineArticle    *article)
{
  g_autoptr(GError) error = NULL;
  gboolean saved;

  saved = RUN (byline_draft_store_save_async (store, article, NULL, byline_test_store_result,
                                              &_result),
               byline_draft_store_save_finish, store, _result, &error);
  g_assert_no_error (error);
  g_assert_true (saved);
}

static inline BylineArticle *
test_load (BylineDraftStore *store,
           const char       *id)
{
  g_autoptr(GError) error = NULL;
  BylineArticle *article;

  article = RUN (byline_draft_store_load_async (store, id, NULL, byline_test_store_result,
                                                &_result),
                 byline_draft_store_load_finish, store, _result, NULL, &error);
  g_assert_no_error (error);

  return article;
}

/* The seed article as a reporter writes it, its photos taken from
 * tests/data/photos (copied into the draft when saved). @token, when
 * given, is added to the headline and to each caption, so that what a run
 * puts on the shared portal can be counted. */
static inline BylineArticle *
test_seed_article (const char *token)
{
  BylineArticle *article = build_seed_article (FALSE);
  guint n = 0;

  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    {
      BylineBlock *block = byline_article_get_block (article, i);
      g_autofree char *path = NULL;

      if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE)
        continue;
      g_assert_cmpuint (n, <, G_N_ELEMENTS (seed_photos));
      path = test_photo_path (seed_photos[n++]);
      byline_block_set_local_path (block, path);
      if (token != NULL)
        {
          g_autofree char *caption = g_strdup_printf ("%s (%s)",
                                                      byline_inline_get_text (byline_block_get_caption (block)),
                                                      token);

          byline_block_set_caption (block, byline_inline_new (caption));
        }
    }
  if (token != NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s %s", byline_article_get_title (article), token);

      byline_article_set_title (article, title);
    }

  return article;
}

static inline BylinePortalPost *
test_publish (BylinePublisher  *publisher,
              GCancellable     *cancellable,
              GError          **error)
{
  return RUN (byline_publisher_run_async (publisher, cancellable, byline_test_store_result,
                                          &_result),
              byline_publisher_run_finish, publisher, _result, error);
}

/* One post with @token, and @photos media items: nothing sent twice. */
static inline void
assert_exactly_once_portal (BylineTestPortal *portal,
                            const char       *token,
                            guint             photos)
{
  g_assert_cmpuint (byline_test_portal_count (portal, "editor", "posts", token), ==, 1);
  g_assert_cmpuint (byline_test_portal_count (portal, "editor", "media", token), ==, photos);
}
