/* bench-drafts.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Figures of the draft store (issue 4):
 *  - saving a large article (the text of Gutenberg's large-post.html, one
 *    paragraph per line, plus 20 photos) off the main thread: wall time of
 *    a save, and the main thread's share of it;
 *  - the longest main-loop stall while autosave saves that article as the
 *    user types (target <= 2 ms), seen by a 1 ms timer;
 *  - listing 5,000 drafts at start-up from the index (target <= 200 ms), and
 *    rebuilding the index from the folders when it is missing.
 * The article is built from the file's text, not parsed as block markup.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline-article-json.h"
#include "byline-autosave.h"
#include "byline-draft-store.h"

#define N_SAVES 20
#define N_DRAFTS 5000
#define N_LIST_RUNS 5

static GPtrArray *
text_lines (void)
{
  g_autofree char *path = g_build_filename (BENCH_DATA_DIR, "gutenberg", "large-post.html", NULL);
  g_autofree char *html = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &html, NULL, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (html, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      GString *text = g_string_new (NULL);
      gboolean in_tag = FALSE;

      for (const char *p = lines[i]; *p != '\0'; p++)
        {
          if (*p == '<')
            in_tag = TRUE;
          else if (*p == '>')
            in_tag = FALSE;
          else if (!in_tag)
            g_string_append_c (text, *p);
        }
      g_strstrip (text->str);
      if (text->str[0] != '\0')
        g_ptr_array_add (out, g_string_free (text, FALSE));
      else
        g_string_free (text, TRUE);
    }

  return out;
}

static BylineArticle *
large_article (GPtrArray *lines)
{
  BylineArticle *article = byline_article_new (NULL);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);

  byline_article_set_title (article, lines->pdata[0]);
  byline_article_set_lead (article, lines->pdata[1]);
  for (guint i = 2; i < lines->len; i++)
    {
      g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new (lines->pdata[i])));
      if (i % (lines->len / 20) == 0 && i / (lines->len / 20) <= 20)
        {
          g_autofree char *id = g_strdup_printf ("photo%02u", i / (lines->len / 20));
          g_autofree char *path = g_strdup_printf ("photos/%s.jpg", id);
          BylineBlock *figure = byline_block_new_figure (id);

          byline_block_set_local_path (figure, path);
          byline_block_set_caption (figure, byline_inline_new ("Quang cảnh buổi làm việc của Đoàn công tác"));
          byline_block_set_alt (figure, "Đoàn công tác làm việc tại UBND huyện");
          byline_block_set_credit (figure, "Cẩm Vân");
          g_ptr_array_add (blocks, figure);
        }
    }
  byline_article_set_blocks (article, blocks);

  return article;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);

  return values[n / 2];
}

/* ---- save ---- */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gint64 *finished = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_draft_store_save_finish (BYLINE_DRAFT_STORE (object), result, &error))
    g_error ("%s", error->message);
  *finished = g_get_monotonic_time ();
}

static void
bench_save (BylineDraftStore *store,
            BylineArticle    *article)
{
  double wall[N_SAVES], main_share[N_SAVES], max_main = 0, max_wall = 0;
  g_autofree char *json = NULL;
  gsize length;

  json = byline_article_to_json (article, TRUE, &length);

  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Lần lưu %u", i);
      gint64 started, finished = 0, t0, completion = 0;
      double call;

      byline_article_set_title (article, title);
      started = g_get_monotonic_time ();
      byline_draft_store_save_async (store, article, NULL, save_cb, &finished);
      call = (g_get_monotonic_time () - started) / 1000.0;

      /* The main loop iteration that completes the save (list update,
       * callbacks) is the rest of the main thread's share. */
      while (finished == 0)
        {
          if (!g_main_context_pending (NULL))
            {
              g_usleep (100);
              continue;
            }
          t0 = g_get_monotonic_time ();
          g_main_context_iteration (NULL, FALSE);
          if (finished != 0)
            completion = g_get_monotonic_time () - t0;
        }
      wall[i] = (finished - started) / 1000.0;
      main_share[i] = call + completion / 1000.0;
      max_main = MAX (max_main, main_share[i]);
      max_wall = MAX (max_wall, wall[i]);
    }

  printf ("large article: %u blocks, %u words, article.json %.0f KiB\n",
          byline_article_get_n_blocks (article), byline_article_count_body_words (article),
          length / 1024.0);
  printf ("save (worker thread, fsync'd): median %.1f ms, max %.1f ms over %u saves\n",
          median (wall, N_SAVES), max_wall, N_SAVES);
  printf ("save, main thread's share (snapshot + completion): median %.2f ms, max %.2f ms\n",
          median (main_share, N_SAVES), max_main);
}

/* ---- main-loop stall during autosave ---- */

typedef struct
{
  gint64  last;
  gint64  max_gap;
  GArray *gaps;   /* double, ms */
} Ticker;

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *t = user_data;
  gint64 now = g_get_monotonic_time ();

  if (t->last != 0)
    {
      double gap = (now - t->last) / 1000.0;

      t->max_gap = MAX (t->max_gap, now - t->last);
      g_array_append_val (t->gaps, gap);
    }
  t->last = now;

  return G_SOURCE_CONTINUE;
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
count_saves_cb (BylineAutosave *autosave,
                GParamSpec     *pspec,
                guint          *saves)
{
  if (byline_autosave_get_state (autosave) == BYLINE_AUTOSAVE_SAVING)
    (*saves)++;
}

static void
bench_autosave_stall (BylineDraftStore *store,
                      BylineArticle    *article)
{
  g_autoptr(BylineAutosave) autosave = byline_autosave_new (store, article);
  g_autoptr(GString) title = g_string_new ("Tiêu đề ");
  Ticker idle = { 0, 0, g_array_new (FALSE, FALSE, sizeof (double)) };
  Ticker busy = { 0, 0, g_array_new (FALSE, FALSE, sizeof (double)) };
  gint64 end, next_key, max_cpu = 0;
  guint saves = 0, id;

  g_signal_connect (autosave, "notify::state", G_CALLBACK (count_saves_cb), &saves);

  /* The timer's own jitter, with nothing else going on. */
  id = g_timeout_add (1, tick_cb, &idle);
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);

  /* Typing a key every 100 ms for 10 s: autosave saves the large article
   * about every 600 ms. */
  id = g_timeout_add (1, tick_cb, &busy);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  next_key = 0;
  while (g_get_monotonic_time () < end)
    {
      if (g_get_monotonic_time () >= next_key)
        {
          g_string_append (title, "ư");
          byline_article_set_title (article, title->str);
          next_key = g_get_monotonic_time () + 100 * 1000;
        }
      {
        gint64 cpu = thread_cpu_us ();

        g_main_context_iteration (NULL, TRUE);
        max_cpu = MAX (max_cpu, thread_cpu_us () - cpu);
      }
    }
  g_source_remove (id);
  while (byline_autosave_get_dirty (autosave))
    g_main_context_iteration (NULL, TRUE);

  qsort (busy.gaps->data, busy.gaps->len, sizeof (double), compare_doubles);
  qsort (idle.gaps->data, idle.gaps->len, sizeof (double), compare_doubles);
  printf ("main-loop stall during autosave (1 ms timer, %u autosaves of the large article in 10 s): "
          "longest gap %.2f ms, 99.9th percentile %.2f ms; with nothing to save: longest %.2f ms, "
          "99.9th percentile %.2f ms\n",
          saves, busy.max_gap / 1000.0,
          g_array_index (busy.gaps, double, (guint) (busy.gaps->len * 0.999)),
          idle.max_gap / 1000.0,
          g_array_index (idle.gaps, double, (guint) (idle.gaps->len * 0.999)));
  printf ("main thread's longest main-loop iteration during autosave: %.2f ms of CPU\n",
          max_cpu / 1000.0);
  g_array_unref (busy.gaps);
  g_array_unref (idle.gaps);
}

/* ---- listing ---- */

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_draft_store_list_finish (BYLINE_DRAFT_STORE (object), result, &error))
    g_error ("%s", error->message);
  *done = TRUE;
}

static double
time_listing (GFile *base,
              guint *n_listed)
{
  g_autoptr(BylineDraftStore) store = byline_draft_store_new (base);
  gboolean done = FALSE;
  gint64 start = g_get_monotonic_time ();

  byline_draft_store_list_async (store, NULL, list_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  *n_listed = g_list_model_get_n_items (byline_draft_store_get_drafts (store));

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_listing (GPtrArray *lines)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_path = g_dir_make_tmp ("byline-bench-drafts-XXXXXX", &error);
  g_autoptr(GFile) base = g_file_new_for_path (base_path);
  g_autofree char *rm = NULL;
  double warm[N_LIST_RUNS], rebuild, mid;
  gint64 t0 = g_get_monotonic_time ();
  guint n = 0;

  /* 5,000 drafts of about 600 words, written directly (set-up only). */
  for (guint i = 0; i < N_DRAFTS; i++)
    {
      g_autoptr(BylineArticle) article = byline_article_new (NULL);
      g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
      g_autoptr(GDateTime) modified = g_date_time_new_from_unix_utc (1700000000 + i * 600);
      g_autofree char *dir = g_build_filename (base_path, "drafts", byline_article_get_id (article), NULL);
      g_autofree char *path = g_build_filename (dir, "article.json", NULL);
      g_autofree char *json = NULL;
      gsize length;

      byline_article_set_title (article, lines->pdata[i % lines->len]);
      for (guint j = 0; j < 8; j++)
        g_ptr_array_add (blocks, byline_block_new_paragraph (
                           byline_inline_new (lines->pdata[(i * 8 + j) % lines->len])));
      byline_article_set_blocks (article, blocks);
      byline_article_set_modified (article, modified);
      json = byline_article_to_json (article, TRUE, &length);
      g_mkdir_with_parents (dir, 0700);
      if (!g_file_set_contents (path, json, length, &error))
        g_error ("%s", error->message);
    }
  printf ("listing: %u drafts created in %.1f s\n", N_DRAFTS, (g_get_monotonic_time () - t0) / 1e6);

  rebuild = time_listing (base, &n);
  printf ("listing %u drafts without an index (rebuilt from the folders): %.0f ms\n", n, rebuild);

  for (guint i = 0; i < N_LIST_RUNS; i++)
    warm[i] = time_listing (base, &n);
  mid = median (warm, N_LIST_RUNS);   /* sorts warm */
  printf ("listing %u drafts at start-up from the index: median %.0f ms of %u runs (min %.0f, max %.0f)\n",
          n, mid, N_LIST_RUNS, warm[0], warm[N_LIST_RUNS - 1]);

  rm = g_strdup_printf ("rm -rf '%s'", base_path);
  if (system (rm) != 0)
    g_printerr ("could not remove %s\n", base_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_path = g_dir_make_tmp ("byline-bench-save-XXXXXX", &error);
  g_autoptr(GFile) base = g_file_new_for_path (base_path);
  g_autoptr(BylineDraftStore) store = byline_draft_store_new (base);
  g_autoptr(GPtrArray) lines = text_lines ();
  g_autoptr(BylineArticle) article = large_article (lines);
  g_autofree char *rm = NULL;

  bench_save (store, article);
  bench_autosave_stall (store, article);
  bench_listing (lines);

  rm = g_strdup_printf ("rm -rf '%s'", base_path);
  if (system (rm) != 0)
    g_printerr ("could not remove %s\n", base_path);

  return 0;
}
