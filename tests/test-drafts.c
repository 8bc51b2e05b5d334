/* test-drafts.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "byline-article-json.h"
#include "byline-autosave.h"
#include "byline-draft-store-private.h"
#include "byline-error.h"

/* Set up in main() before any thread exists: a private mount namespace in
 * which the test may mount a tiny tmpfs (a disk that fills up) and make a
 * folder read-only even for root. */
static gboolean have_mount_namespace;

typedef struct
{
  char             *base;
  BylineDraftStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) base = NULL;
  g_autoptr(GError) error = NULL;

  f->base = g_dir_make_tmp ("byline-drafts-XXXXXX", &error);
  g_assert_no_error (error);
  base = g_file_new_for_path (f->base);
  f->store = byline_draft_store_new (base);
}

static void
remove_recursively (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_recursively (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  /* Let finished tasks drop their references. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_recursively (f->base);
  g_free (f->base);
}

/* ---- running the async API to completion ---- */

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
save (BylineDraftStore  *store,
      BylineArticle     *article,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_draft_store_save_async (store, article, NULL, got_result_cb, &result);
  return byline_draft_store_save_finish (store, wait_for (&result), error);
}

static BylineArticle *
load (BylineDraftStore  *store,
      const char        *id,
      gboolean          *recovered,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_draft_store_load_async (store, id, NULL, got_result_cb, &result);
  return byline_draft_store_load_finish (store, wait_for (&result), recovered, error);
}

static void
list (BylineDraftStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  byline_draft_store_list_async (store, NULL, got_result_cb, &result);
  g_assert_true (byline_draft_store_list_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static gboolean
trash (BylineDraftStore  *store,
       const char        *id,
       GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_draft_store_trash_async (store, id, NULL, got_result_cb, &result);
  return byline_draft_store_trash_finish (store, wait_for (&result), error);
}

static gboolean
restore (BylineDraftStore  *store,
         const char        *id,
         GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_draft_store_restore_async (store, id, NULL, got_result_cb, &result);
  return byline_draft_store_restore_finish (store, wait_for (&result), error);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* ---- helpers ---- */

static BylineArticle *
make_article (const char *title,
              const char *body)
{
  BylineArticle *article = byline_article_new (NULL);

  byline_article_set_title (article, title);
  byline_article_set_lead (article, "Sapo của bài viết.");
  byline_article_append_block (article, byline_block_new_paragraph (byline_inline_new (body)));

  return article;
}

static void
set_body (BylineArticle *article,
          const char    *body)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);

  g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new (body)));
  byline_article_set_blocks (article, blocks);
}

static char *
article_path (Fixture    *f,
              const char *id,
              const char *name)
{
  return g_build_filename (f->base, "drafts", id, name, NULL);
}

static BylineArticle *
read_on_disk (Fixture    *f,
              const char *id)
{
  g_autofree char *path = article_path (f, id, "article.json");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  BylineArticle *article;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  article = byline_article_from_json (contents, length, &error);
  g_assert_no_error (error);

  return article;
}

static guint
count_files_with_prefix (const char *dir_path,
                         const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;

  return n;
}

static char *
body_text (BylineArticle *article)
{
  return byline_article_get_plain_text (article);
}

/* ---- tests ---- */

static void
test_save_load_list (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("Giảm nghèo bền vững ở Gia Viễn",
                                                   "Đoàn công tác của tỉnh kiểm tra kết quả.");
  g_autoptr(BylineArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BylineDraftSummary *summary;
  GListModel *drafts = byline_draft_store_get_drafts (f->store);
  gboolean recovered = TRUE;

  g_assert_true (save (f->store, article, &error));
  g_assert_no_error (error);

  /* The saved draft is in the list at once, with what the list shows. */
  g_assert_cmpuint (g_list_model_get_n_items (drafts), ==, 1);
  summary = byline_draft_store_find_summary (f->store, byline_article_get_id (article), NULL);
  g_assert_nonnull (summary);
  g_assert_cmpstr (byline_draft_summary_get_title (summary), ==, "Giảm nghèo bền vững ở Gia Viễn");
  g_assert_cmpuint (byline_draft_summary_get_word_count (summary), ==, 9);
  g_assert_true (byline_draft_summary_matches (summary, "giam ngheo"));
  g_assert_true (byline_draft_summary_matches (summary, "doan cong tac"));
  g_assert_true (byline_draft_summary_matches (summary, "SAPO"));
  g_assert_false (byline_draft_summary_matches (summary, "bão lũ"));

  loaded = load (f->store, byline_article_get_id (article), &recovered, &error);
  g_assert_no_error (error);
  g_assert_false (recovered);
  g_assert_cmpstr (byline_article_get_title (loaded), ==, byline_article_get_title (article));
  g_assert_cmpstr (byline_article_get_lead (loaded), ==, "Sapo của bài viết.");
  text = body_text (loaded);
  g_assert_cmpstr (text, ==, "Đoàn công tác của tỉnh kiểm tra kết quả.");

  /* Another store (the next start) lists it from the folders. */
  {
    g_autoptr(GFile) base = g_file_new_for_path (f->base);
    g_autoptr(BylineDraftStore) again = byline_draft_store_new (base);

    list (again);
    g_assert_cmpuint (g_list_model_get_n_items (byline_draft_store_get_drafts (again)), ==, 1);
    summary = byline_draft_store_find_summary (again, byline_article_get_id (article), NULL);
    g_assert_nonnull (summary);
    g_assert_cmpstr (byline_draft_summary_get_display_title (summary), ==, "Giảm nghèo bền vững ở Gia Viễn");
  }
}

static void
test_list_newest_first (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BylineArticle) older = make_article ("Cũ", "một");
  g_autoptr(BylineArticle) newer = make_article ("", "Bài chưa có tiêu đề nhưng có chữ");
  g_autoptr(GDateTime) then = g_date_time_new_utc (2026, 1, 1, 8, 0, 0);
  g_autoptr(BylineDraftSummary) first = NULL;
  g_autoptr(BylineDraftSummary) second = NULL;
  GListModel *drafts = byline_draft_store_get_drafts (f->store);
  g_autoptr(GError) error = NULL;

  byline_article_set_modified (older, then);
  g_assert_true (save (f->store, older, &error));
  g_assert_true (save (f->store, newer, &error));

  first = g_list_model_get_item (drafts, 0);
  second = g_list_model_get_item (drafts, 1);
  g_assert_cmpstr (byline_draft_summary_get_id (first), ==, byline_article_get_id (newer));
  g_assert_cmpstr (byline_draft_summary_get_id (second), ==, byline_article_get_id (older));
  /* No headline: the first words stand in for it. */
  g_assert_cmpstr (byline_draft_summary_get_display_title (first), ==, "Sapo của bài viết.");

  /* Editing the older one brings it to the top. */
  byline_article_set_title (older, "Cũ, sửa lại");
  g_assert_true (save (f->store, older, &error));
  g_clear_object (&first);
  first = g_list_model_get_item (drafts, 0);
  g_assert_cmpstr (byline_draft_summary_get_id (first), ==, byline_article_get_id (older));
  g_assert_cmpuint (g_list_model_get_n_items (drafts), ==, 2);
}

/* The index is a cache: it is used when it matches the folders and
 * rebuilt from them when it is missing, damaged or stale. */
static void
test_index_follows_folders (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(BylineArticle) a = make_article ("Bài A", "chữ");
  g_autoptr(BylineArticle) b = make_article ("Bài B", "chữ");
  g_autofree char *index_path = g_build_filename (f->base, "drafts", "index.gvariant", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (f->base);
  g_autoptr(GError) error = NULL;

  g_assert_true (save (f->store, a, &error));
  g_assert_true (save (f->store, b, &error));
  list (f->store);
  g_assert_true (g_file_test (index_path, G_FILE_TEST_EXISTS));

  /* Changed behind the index's back (another Byline, a restore by hand). */
  {
    g_autoptr(BylineDraftStore) other = byline_draft_store_new (base);

    byline_article_set_title (a, "Bài A đã sửa");
    g_assert_true (save (other, a, &error));
  }
  {
    g_autoptr(BylineDraftStore) again = byline_draft_store_new (base);
    BylineDraftSummary *summary;

    list (again);
    summary = byline_draft_store_find_summary (again, byline_article_get_id (a), NULL);
    g_assert_cmpstr (byline_draft_summary_get_title (summary), ==, "Bài A đã sửa");
  }

  /* A folder removed by hand disappears from the list. */
  {
    g_autofree char *dir = g_build_filename (f->base, "drafts", byline_article_get_id (b), NULL);
    g_autoptr(BylineDraftStore) again = byline_draft_store_new (base);

    remove_recursively (dir);
    list (again);
    g_assert_cmpuint (g_list_model_get_n_items (byline_draft_store_get_drafts (again)), ==, 1);
  }

  /* A damaged index is rebuilt. */
  {
    g_autoptr(BylineDraftStore) again = byline_draft_store_new (base);
    BylineDraftSummary *summary;

    g_assert_true (g_file_set_contents (index_path, "\x01\x00\x00\x00 not an index", -1, NULL));
    list (again);
    summary = byline_draft_store_find_summary (again, byline_article_get_id (a), NULL);
    g_assert_nonnull (summary);
    g_assert_true (byline_draft_summary_matches (summary, "bai a da sua"));
  }
}

static void
test_trash_and_restore (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("Sẽ bị xoá", "nội dung");
  const char *id = byline_article_get_id (article);
  g_autofree char *dir = g_build_filename (f->base, "drafts", id, NULL);
  g_autofree char *trashed = g_build_filename (f->base, "trash", id, NULL);
  g_autoptr(BylineArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save (f->store, article, &error));
  g_assert_true (trash (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (trashed, G_FILE_TEST_IS_DIR));
  g_assert_null (byline_draft_store_find_summary (f->store, id, NULL));

  /* A late autosave of a deleted draft does not bring it back. */
  byline_article_set_title (article, "Lưu muộn");
  g_assert_false (save (f->store, article, &error));
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  g_assert_true (restore (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_nonnull (byline_draft_store_find_summary (f->store, id, NULL));
  loaded = load (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_article_get_title (loaded), ==, "Sẽ bị xoá");

  /* And saving works again. */
  g_assert_true (save (f->store, article, &error));
  g_assert_no_error (error);
}

static void
test_trash_purged_after_30_days (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("Trong thùng rác", "chữ");
  const char *id = byline_article_get_id (article);
  g_autofree char *trashed = g_build_filename (f->base, "trash", id, NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) day_29 = NULL;
  g_autoptr(GDateTime) day_30 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;

  g_assert_true (save (f->store, article, &error));
  g_assert_true (trash (f->store, id, &error));
  now = g_date_time_new_now_utc ();
  day_29 = g_date_time_add_days (now, 29);
  day_30 = g_date_time_add_days (now, 30);

  byline_draft_store_purge_trash_async (f->store, day_29, 30, NULL, got_result_cb, &r1);
  g_assert_cmpuint (byline_draft_store_purge_trash_finish (f->store, wait_for (&r1), &error), ==, 0);
  g_assert_true (g_file_test (trashed, G_FILE_TEST_IS_DIR));

  byline_draft_store_purge_trash_async (f->store, day_30, 30, NULL, got_result_cb, &r2);
  g_assert_cmpuint (byline_draft_store_purge_trash_finish (f->store, wait_for (&r2), &error), ==, 1);
  g_assert_false (g_file_test (trashed, G_FILE_TEST_EXISTS));
}

/* A damaged article.json is moved aside and the last good copy comes back,
 * with the caller told; nothing is silently empty. */
static void
test_corrupt_file_recovers_last_good_copy (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("Bản tốt", "phiên bản một");
  const char *id = byline_article_get_id (article);
  g_autofree char *path = article_path (f, id, "article.json");
  g_autofree char *dir = g_build_filename (f->base, "drafts", id, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(BylineArticle) loaded = NULL;
  g_autoptr(BylineArticle) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  gboolean recovered = FALSE;
  gsize length;

  g_assert_true (save (f->store, article, &error));
  set_body (article, "phiên bản hai");
  g_assert_true (save (f->store, article, &error));

  /* Cut short, as a power cut without fsync would leave it. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));

  {
    g_autoptr(GFile) base = g_file_new_for_path (f->base);
    g_autoptr(BylineDraftStore) fresh = byline_draft_store_new (base);

    loaded = load (fresh, id, &recovered, &error);
  }
  g_assert_no_error (error);
  g_assert_true (recovered);
  text = body_text (loaded);
  g_assert_cmpstr (text, ==, "phiên bản một");
  g_assert_cmpuint (count_files_with_prefix (dir, "article.json.damaged-"), ==, 1);

  /* article.json is whole again. */
  on_disk = read_on_disk (f, id);
  g_assert_cmpstr (byline_article_get_title (on_disk), ==, "Bản tốt");
}

static void
test_corrupt_file_without_backup_fails_visibly (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("Chỉ một bản", "chữ");
  const char *id = byline_article_get_id (article);
  g_autofree char *path = article_path (f, id, "article.json");
  g_autofree char *dir = g_build_filename (f->base, "drafts", id, NULL);
  g_autoptr(BylineArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) base = g_file_new_for_path (f->base);
  g_autoptr(BylineDraftStore) fresh = byline_draft_store_new (base);
  BylineDraftSummary *summary;

  g_assert_true (save (f->store, article, &error));
  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"id\": \"", -1, NULL));

  /* Listed, marked damaged: it does not vanish. */
  list (fresh);
  summary = byline_draft_store_find_summary (fresh, id, NULL);
  g_assert_nonnull (summary);
  g_assert_true (byline_draft_summary_get_damaged (summary));

  loaded = load (fresh, id, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
  /* The damaged bytes are kept for whoever wants to rescue them. */
  g_assert_cmpuint (count_files_with_prefix (dir, "article.json.damaged-"), ==, 1);
}

static void
test_write_error_keeps_old_copy (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("Trước khi đầy đĩa", "bản đã lưu");
  const char *id = byline_article_get_id (article);
  g_autofree char *dir = g_build_filename (f->base, "drafts", id, NULL);
  g_autoptr(BylineArticle) on_disk = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save (f->store, article, &error));

  byline_article_set_title (article, "Không lưu được");
  _byline_draft_store_inject_write_error (f->store, ENOSPC, 1);
  g_assert_false (save (f->store, article, &error));
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NO_SPACE);
  g_clear_error (&error);

  on_disk = read_on_disk (f, id);
  g_assert_cmpstr (byline_article_get_title (on_disk), ==, "Trước khi đầy đĩa");
  g_assert_cmpuint (count_files_with_prefix (dir, ".article.json."), ==, 0);

  _byline_draft_store_inject_write_error (f->store, EIO, 1);
  g_assert_false (save (f->store, article, &error));
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE);
}

/* A real full disk: a 256 KiB tmpfs in the test's own mount namespace. */
static void
test_disk_full_tmpfs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mnt = NULL;
  g_autoptr(GFile) base = NULL;
  g_autoptr(BylineDraftStore) store = NULL;
  g_autoptr(BylineArticle) article = make_article ("Vừa đủ chỗ", "ngắn");
  g_autoptr(BylineArticle) loaded = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *text = NULL;

  if (!have_mount_namespace)
    {
      g_test_skip ("needs a private mount namespace (root)");
      return;
    }

  mnt = g_dir_make_tmp ("byline-full-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mount ("tmpfs", mnt, "tmpfs", 0, "size=256k"), ==, 0);

  base = g_file_new_for_path (mnt);
  store = byline_draft_store_new (base);
  g_assert_true (save (store, article, &error));
  g_assert_no_error (error);

  for (guint i = 0; huge->len < 400 * 1024; i++)
    g_string_append (huge, "Người dân vùng lũ cần được hỗ trợ kịp thời. ");
  set_body (article, huge->str);
  g_assert_false (save (store, article, &error));
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NO_SPACE);
  g_clear_error (&error);

  /* The draft as last saved is intact, and the half-written copy is gone
   * (it would hold the space the user needs). */
  loaded = load (store, byline_article_get_id (article), NULL, &error);
  g_assert_no_error (error);
  text = body_text (loaded);
  g_assert_cmpstr (text, ==, "ngắn");

  g_clear_object (&store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (umount (mnt), ==, 0);
  g_rmdir (mnt);
}

/* A read-only folder (a remounted disk, a wrong permission) fails the save
 * with an error and leaves the draft as it was. */
static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("Chỉ đọc", "bản đã lưu");
  const char *id = byline_article_get_id (article);
  g_autofree char *dir = g_build_filename (f->base, "drafts", id, NULL);
  g_autoptr(BylineArticle) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  gboolean bound = FALSE;

  g_assert_true (save (f->store, article, &error));

  if (getuid () == 0)
    {
      /* Root ignores permissions: make the folder a read-only mount. */
      if (!have_mount_namespace)
        {
          g_test_skip ("root without a private mount namespace");
          return;
        }
      g_assert_cmpint (mount (dir, dir, NULL, MS_BIND, NULL), ==, 0);
      g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), ==, 0);
      bound = TRUE;
    }
  else
    g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  byline_article_set_title (article, "Không ghi được");
  g_assert_false (save (f->store, article, &error));
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE);

  if (bound)
    g_assert_cmpint (umount (dir), ==, 0);
  else
    g_chmod (dir, 0700);

  on_disk = read_on_disk (f, id);
  g_assert_cmpstr (byline_article_get_title (on_disk), ==, "Chỉ đọc");
}

typedef struct
{
  guint done;
  guint failed;
} Counter;

static void
count_save_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Counter *counter = user_data;

  if (!byline_draft_store_save_finish (BYLINE_DRAFT_STORE (object), result, NULL))
    counter->failed++;
  counter->done++;
}

/* Overlapping saves of one draft never mix, and the newest wins. */
static void
test_concurrent_saves (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("v0", "nội dung");
  g_autoptr(BylineArticle) on_disk = NULL;
  Counter counter = { 0, 0 };
  const guint n = 40;

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *title = g_strdup_printf ("v%u", i);
      g_autoptr(GString) body = g_string_new (NULL);

      /* Sizes differ, so an interleaved write could not go unnoticed. */
      for (guint j = 0; j < i * 50; j++)
        g_string_append (body, "chữ ");
      byline_article_set_title (article, title);
      set_body (article, body->str);
      byline_draft_store_save_async (f->store, article, NULL, count_save_cb, &counter);
    }
  while (counter.done < n)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (counter.failed, ==, 0);
  on_disk = read_on_disk (f, byline_article_get_id (article));
  g_assert_cmpstr (byline_article_get_title (on_disk), ==, "v40");
  g_assert_cmpuint (byline_article_count_body_words (on_disk), ==, n * 50);
}

static char *
make_photo (const char *dir,
            const char *name,
            gsize       size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *bytes = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    bytes[i] = (char) (i * 7 + 3);
  g_assert_true (g_file_set_contents (path, bytes, size, NULL));

  return g_steal_pointer (&path);
}

/* Photos are copied into the draft's folder: the USB stick they came from
 * is not needed later. */
static void
test_photos_copied (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *usb = g_dir_make_tmp ("byline-usb-XXXXXX", &error);
  g_autofree char *photo = make_photo (usb, "DSC_0042.JPG", 300 * 1024);
  g_autoptr(BylineArticle) article = make_article ("Có ảnh", "chữ");
  BylineBlock *figure = byline_block_new_figure ("f1a2b3");
  g_autoptr(BylineArticle) loaded = NULL;
  g_autoptr(GFile) resolved = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copy = NULL;
  gsize original_length, copy_length;
  const char *id = byline_article_get_id (article);

  byline_block_set_local_path (figure, photo);
  byline_article_append_block (article, figure);
  g_assert_true (save (f->store, article, &error));
  g_assert_no_error (error);

  /* The live article now points at the copy, relative to the draft. */
  g_assert_cmpstr (byline_block_get_local_path (byline_article_find_figure (article, "f1a2b3")),
                   ==, "photos/f1a2b3.jpg");

  g_assert_true (g_file_get_contents (photo, &original, &original_length, NULL));
  g_unlink (photo);
  g_rmdir (usb);

  loaded = load (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_block_get_local_path (byline_article_find_figure (loaded, "f1a2b3")),
                   ==, "photos/f1a2b3.jpg");
  resolved = byline_draft_store_resolve_photo (f->store, id, "photos/f1a2b3.jpg");
  g_assert_true (g_file_load_contents (resolved, NULL, &copy, &copy_length, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (copy, copy_length, original, original_length);

  /* Nothing outside the draft's folder is reachable through a path. */
  g_assert_null (byline_draft_store_resolve_photo (f->store, id, "../other/article.json"));
}

static void
test_copy_photo_size_check (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *usb = g_dir_make_tmp ("byline-usb-XXXXXX", &error);
  g_autofree char *huge = g_build_filename (usb, "huge.tif", NULL);
  g_autofree char *small = make_photo (usb, "anh.png", 1000);
  g_autoptr(GFile) huge_file = g_file_new_for_path (huge);
  g_autoptr(GFile) small_file = g_file_new_for_path (small);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *id = g_uuid_string_random ();
  int fd;

  /* A sparse file: the size without the disk space. */
  fd = g_open (huge, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) BYLINE_DRAFT_STORE_MAX_PHOTO_SIZE + 1), ==, 0);
  close (fd);

  byline_draft_store_copy_photo_async (f->store, id, "big", huge_file, NULL, got_result_cb, &r1);
  relative = byline_draft_store_copy_photo_finish (f->store, wait_for (&r1), &error);
  g_assert_null (relative);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  byline_draft_store_copy_photo_async (f->store, id, "nho", small_file, NULL, got_result_cb, &r2);
  relative = byline_draft_store_copy_photo_finish (f->store, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (relative, ==, "photos/nho.png");

  g_unlink (huge);
  g_unlink (small);
  g_rmdir (usb);
}

static void
test_session_survives (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BylineArticle) a = make_article ("Mở", "chữ");
  g_autoptr(BylineArticle) b = make_article ("Cũng mở", "chữ");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *gone = g_uuid_string_random ();
  const char *open[] = {
    byline_article_get_id (b), gone, byline_article_get_id (a), NULL,
  };

  g_assert_true (save (f->store, a, &error));
  g_assert_true (save (f->store, b, &error));
  byline_draft_store_save_session_async (f->store, open, NULL, got_result_cb, &r1);
  g_assert_true (byline_draft_store_save_session_finish (f->store, wait_for (&r1), &error));

  {
    g_autoptr(GFile) base = g_file_new_for_path (f->base);
    g_autoptr(BylineDraftStore) next_start = byline_draft_store_new (base);

    byline_draft_store_load_session_async (next_start, NULL, got_result_cb, &r2);
    ids = byline_draft_store_load_session_finish (next_start, wait_for (&r2), &error);
  }
  g_assert_no_error (error);
  /* In order; the draft that no longer exists is left out. */
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, byline_article_get_id (b));
  g_assert_cmpstr (ids[1], ==, byline_article_get_id (a));
}

/* ---- autosave ---- */

typedef struct
{
  guint  saves;
  gint64 last_start;
  gint64 max_gap;
} SaveLog;

static void
state_cb (BylineAutosave *autosave,
          GParamSpec     *pspec,
          SaveLog        *log)
{
  if (byline_autosave_get_state (autosave) == BYLINE_AUTOSAVE_SAVING)
    {
      gint64 now = g_get_monotonic_time ();

      if (log->last_start != 0)
        log->max_gap = MAX (log->max_gap, now - log->last_start);
      log->last_start = now;
      log->saves++;
    }
}

static gboolean
autosave_is (BylineAutosave      *autosave,
             BylineAutosaveState  state,
             guint                timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (byline_autosave_get_state (autosave) != state && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return byline_autosave_get_state (autosave) == state;
}

/* A burst of typing is one save, shortly after it stops. */
static void
test_autosave_debounces (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("", "");
  g_autoptr(BylineAutosave) autosave = byline_autosave_new (f->store, article);
  g_autoptr(BylineArticle) on_disk = NULL;
  SaveLog log = { 0 };

  byline_autosave_set_delay (autosave, 100);
  byline_autosave_set_max_lag (autosave, 1000);
  g_signal_connect (autosave, "notify::state", G_CALLBACK (state_cb), &log);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Tiêu đề %u", i);

      byline_article_set_title (article, title);
      g_assert_cmpint (byline_autosave_get_state (autosave), ==, BYLINE_AUTOSAVE_PENDING);
      spin (20);
    }
  g_assert_cmpuint (log.saves, ==, 0);
  g_assert_true (autosave_is (autosave, BYLINE_AUTOSAVE_SAVED, 2000));
  g_assert_cmpuint (log.saves, ==, 1);

  on_disk = read_on_disk (f, byline_article_get_id (article));
  g_assert_cmpstr (byline_article_get_title (on_disk), ==, "Tiêu đề 4");
}

/* Continuous typing is saved at least every max-lag, not only when it stops. */
static void
test_autosave_max_lag (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("", "");
  g_autoptr(BylineAutosave) autosave = byline_autosave_new (f->store, article);
  g_autoptr(GString) typed = g_string_new (NULL);
  SaveLog log = { 0 };
  gint64 end;

  byline_autosave_set_delay (autosave, 100);
  byline_autosave_set_max_lag (autosave, 200);
  g_signal_connect (autosave, "notify::state", G_CALLBACK (state_cb), &log);

  end = g_get_monotonic_time () + 1200 * 1000;
  while (g_get_monotonic_time () < end)
    {
      g_string_append (typed, "ă");
      byline_article_set_title (article, typed->str);
      spin (30);
    }

  /* 1.2 s of typing with a 200 ms lag: about six saves while typing. */
  g_assert_cmpuint (log.saves, >=, 4);
  /* A save starts no later than max-lag after the first unsaved change;
   * with the write itself in between, starts stay well under 2 × lag. */
  g_assert_cmpint (log.max_gap, <, 400 * 1000);
  g_assert_true (autosave_is (autosave, BYLINE_AUTOSAVE_SAVED, 2000));
}

/* A full disk is said, retried, and saved when space is back. */
static void
test_autosave_failure_retries (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("Thử lại", "");
  g_autoptr(BylineAutosave) autosave = byline_autosave_new (f->store, article);
  g_autoptr(BylineArticle) on_disk = NULL;
  const GError *error;

  byline_autosave_set_delay (autosave, 20);
  byline_autosave_set_retry_delays (autosave, 50, 200);

  _byline_draft_store_inject_write_error (f->store, ENOSPC, 3);
  byline_article_set_title (article, "Đĩa đầy");
  g_assert_true (autosave_is (autosave, BYLINE_AUTOSAVE_FAILED, 2000));
  error = byline_autosave_get_error (autosave);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NO_SPACE));
  g_assert_true (byline_autosave_get_dirty (autosave));

  /* Three failures, then the disk has room: saved without any new change. */
  g_assert_true (autosave_is (autosave, BYLINE_AUTOSAVE_SAVED, 5000));
  g_assert_null (byline_autosave_get_error (autosave));
  on_disk = read_on_disk (f, byline_article_get_id (article));
  g_assert_cmpstr (byline_article_get_title (on_disk), ==, "Đĩa đầy");
}

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (byline_autosave_flush_finish (BYLINE_AUTOSAVE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Closing a window saves what was typed a moment ago, without waiting. */
static void
test_autosave_flush (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BylineArticle) article = make_article ("", "");
  g_autoptr(BylineAutosave) autosave = byline_autosave_new (f->store, article);
  g_autoptr(BylineArticle) on_disk = NULL;
  g_autofree char *text = NULL;
  gboolean done = FALSE;
  gint64 start;

  byline_autosave_set_delay (autosave, 1000);
  set_body (article, "gõ trước khi đóng cửa sổ");

  start = g_get_monotonic_time ();
  byline_autosave_flush_async (autosave, NULL, flushed_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 900 * 1000);

  g_assert_cmpint (byline_autosave_get_state (autosave), ==, BYLINE_AUTOSAVE_SAVED);
  g_assert_false (byline_autosave_get_dirty (autosave));
  on_disk = read_on_disk (f, byline_article_get_id (article));
  text = body_text (on_disk);
  g_assert_cmpstr (text, ==, "gõ trước khi đóng cửa sổ");

  /* Nothing to save: done at once. */
  done = FALSE;
  byline_autosave_flush_async (autosave, NULL, flushed_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
set_up_mount_namespace (void)
{
  if (getuid () != 0 || unshare (CLONE_NEWNS) != 0)
    return;
  /* Mounts made here stay in this process. */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return;
  have_mount_namespace = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  set_up_mount_namespace ();

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/drafts/save-load-list", test_save_load_list);
  ADD ("/drafts/list-newest-first", test_list_newest_first);
  ADD ("/drafts/index-follows-folders", test_index_follows_folders);
  ADD ("/drafts/trash-and-restore", test_trash_and_restore);
  ADD ("/drafts/trash-purged-after-30-days", test_trash_purged_after_30_days);
  ADD ("/drafts/corrupt-file-recovers-last-good-copy", test_corrupt_file_recovers_last_good_copy);
  ADD ("/drafts/corrupt-file-without-backup-fails-visibly", test_corrupt_file_without_backup_fails_visibly);
  ADD ("/drafts/write-error-keeps-old-copy", test_write_error_keeps_old_copy);
  g_test_add_func ("/drafts/disk-full-tmpfs", test_disk_full_tmpfs);
  ADD ("/drafts/read-only-folder", test_read_only_folder);
  ADD ("/drafts/concurrent-saves", test_concurrent_saves);
  ADD ("/drafts/photos-copied", test_photos_copied);
  ADD ("/drafts/copy-photo-size-check", test_copy_photo_size_check);
  ADD ("/drafts/session-survives", test_session_survives);
  ADD ("/autosave/debounces", test_autosave_debounces);
  ADD ("/autosave/max-lag", test_autosave_max_lag);
  ADD ("/autosave/failure-retries", test_autosave_failure_retries);
  ADD ("/autosave/flush", test_autosave_flush);

  return g_test_run ();
}
