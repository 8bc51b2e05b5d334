/* bench-editor.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The article editor on Gutenberg's performance fixture, large-post.html
 * (where WordPress 6.5 reports 11.4 ms per keystroke and 3.4 s to the first
 * block), with the cairo renderer under Xvfb:
 *
 *   - load: parsing the markup, filling the editor, and the first painted
 *     frame after that (target: editor load <= 150 ms);
 *   - keystrokes typed for real (xdotool, through the X server and GTK's
 *     input method) in the middle of the document: key event -> buffer
 *     changed and article model updated (target p95 <= 1 ms), and key event
 *     -> next painted frame (target p95 <= 17 ms);
 *   - a 100,000-character paste: the longest the main loop was busy;
 *   - resident memory with the large post and 20 photos (thumbnails
 *     decoded) open (target <= 150 MB).
 *
 * Prints figures; asserts nothing.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-block-parser.h"
#include "byline-editor.h"
#include "byline-figure-card.h"

#define N_KEYS 240
#define N_PHOTOS 20

static GtkWindow     *window;
static BylineEditor  *editor;
static BylineArticle *article;

static gint64  key_at;          /* the key event being measured, or 0 */
static gboolean model_seen;
static gboolean paint_seen;
static GArray *model_ms;
static GArray *paint_ms;
static GArray *frame_ms;
static gint64 frame_start;
static gint64 paint_start;
static guint  n_frames;
static GArray *layout_part_ms;
static guint   n_keys_seen;

static double
rss_mb (void)
{
  g_autofree char *statm = NULL;
  long pages = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%*d %ld", &pages);

  return pages * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_percentiles (const char *what,
                   GArray     *values,
                   const char *target)
{
  double *v = (double *) values->data;

  if (values->len == 0)
    {
      printf ("%s: no samples\n", what);
      return;
    }
  qsort (v, values->len, sizeof (double), compare_doubles);
  printf ("%s over %u keystrokes: p50 %.3f ms, p95 %.3f ms, max %.3f ms (%s)\n", what, values->len,
          v[values->len / 2], v[(values->len * 95) / 100], v[values->len - 1], target);
}

/* Keystroke timing */

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   gpointer               data)
{
  key_at = g_get_monotonic_time ();
  model_seen = FALSE;
  paint_seen = FALSE;
  n_keys_seen++;
  return FALSE;
}

static void
on_article_changed_cb (BylineArticle *changed,
                       gpointer       data)
{
  if (key_at != 0 && !model_seen)
    {
      double ms = ms_since (key_at);

      g_array_append_val (model_ms, ms);
      model_seen = TRUE;
    }
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  if (key_at != 0 && model_seen && !paint_seen)
    {
      double ms = ms_since (key_at);

      g_array_append_val (paint_ms, ms);
      paint_seen = TRUE;
    }
}

static void
on_before_frame_cb (GdkFrameClock *clock,
                    gpointer       data)
{
  frame_start = g_get_monotonic_time ();
  n_frames++;
}

static void
on_paint_phase_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  paint_start = g_get_monotonic_time ();
  if (frame_start != 0 && layout_part_ms != NULL)
    {
      double ms = (paint_start - frame_start) / 1000.0;

      g_array_append_val (layout_part_ms, ms);
    }
}

static void
on_after_frame_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  if (frame_start != 0 && frame_ms != NULL)
    {
      double ms = ms_since (frame_start);

      g_array_append_val (frame_ms, ms);
    }
  frame_start = 0;
}

static gboolean
first_paint_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  gint64 *painted = data;

  *painted = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

static char *
window_title (void)
{
  return g_strdup_printf ("bench-editor-%d", (int) getpid ());
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) data = TRUE;
}

static gboolean
run_xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);

  if (process == NULL)
    {
      printf ("xdotool: %s\n", error->message);
      return FALSE;
    }
  /* The main loop runs while xdotool types. */
  {
    gboolean finished = FALSE;

    g_subprocess_wait_async (process, NULL, wait_cb, &finished);
    while (!finished)
      g_main_context_iteration (NULL, TRUE);
  }
  return TRUE;
}

static void
bench_keystrokes (const char *label)
{
  GtkTextView *body = byline_editor_get_body_view (editor);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (body);
  GtkEventController *controller = gtk_event_controller_key_new ();
  g_autofree char *title = window_title ();
  g_autofree char *typed = NULL;
  GString *text = g_string_new (NULL);
  GtkTextIter iter;
  gulong paint_handler;

  /* The end of a paragraph in the middle of the document. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, gtk_text_buffer_get_line_count (buffer) / 2);
  while (gtk_text_iter_get_chars_in_line (&iter) < 40)
    gtk_text_iter_forward_line (&iter);
  gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (body));
  gtk_text_view_scroll_to_mark (body, gtk_text_buffer_get_insert (buffer), 0.2, FALSE, 0, 0);
  spin (1500);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
  g_signal_connect (article, "changed", G_CALLBACK (on_article_changed_cb), NULL);
  paint_handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                                    G_CALLBACK (on_after_paint_cb), NULL);
  frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  layout_part_ms = g_array_new (FALSE, FALSE, sizeof (double));

  /* Vietnamese-free ASCII, so every key is one keystroke in any layout. */
  while (text->len < N_KEYS)
    g_string_append (text, "giam ngheo ben vung ");
  g_string_truncate (text, N_KEYS);
  typed = g_string_free (text, FALSE);

  {
    const char *focus[] = { "xdotool", "search", "--sync", "--name", title, "windowfocus", "--sync", NULL };
    const char *type[] = { "xdotool", "type", "--delay", "35", typed, NULL };

    if (!run_xdotool (focus) || !run_xdotool (type))
      return;
  }
  spin (500);
  key_at = 0;

  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), paint_handler);
  g_signal_handlers_disconnect_by_func (article, on_article_changed_cb, NULL);

  printf ("keystrokes (%s): %u key events seen, %u model updates, %u frames\n",
          label, n_keys_seen, model_ms->len, paint_ms->len);
  print_percentiles ("key event -> buffer changed and model updated", model_ms, "target p95 <= 1 ms");
  print_percentiles ("key event -> next painted frame", paint_ms, "target p95 <= 17 ms");
  print_percentiles ("frame work (layout + paint) while typing", frame_ms, "frames");
  print_percentiles ("  of which before painting (events, layout)", layout_part_ms, "frames");
  g_clear_pointer (&frame_ms, g_array_unref);
  g_clear_pointer (&layout_part_ms, g_array_unref);
  g_array_set_size (model_ms, 0);
  g_array_set_size (paint_ms, 0);
  n_keys_seen = 0;
  g_signal_handlers_disconnect_by_func (controller, on_key_pressed_cb, NULL);
}

/* A long paste */

static gint64 last_tick;
static double longest_stall;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    longest_stall = MAX (longest_stall, (now - last_tick) / 1000.0);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
bench_paste (void)
{
  GtkTextView *body = byline_editor_get_body_view (editor);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (body);
  GString *html = g_string_new ("<html><body>");
  guint chars = 0, n = 0, blocks_before = byline_article_get_n_blocks (article), tick;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  GtkTextIter end;
  gint64 start;

  while (chars < 100000)
    {
      const char *para = "Về thực hiện chính sách hỗ trợ nhà ở cho hộ nghèo năm 2023, toàn huyện đã "
                         "khởi công xây dựng, <b>sửa chữa</b> 79/81 căn nhà, trong đó có 71 nhà đã hoàn thành.";

      g_string_append_printf (html, "<p style=\"margin:0\">%u. %s</p>\n", ++n, para);
      chars += g_utf8_strlen (para, -1) - 7 + 4;
    }
  g_string_append (html, "</body></html>");
  bytes = g_bytes_new_take (html->str, html->len);
  g_string_free (html, FALSE);

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (body));
  provider = gdk_content_provider_new_for_bytes ("text/html", bytes);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (body)), provider);
  spin (200);

  last_tick = 0;
  longest_stall = 0;
  tick = g_timeout_add (2, tick_cb, NULL);
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (body, "paste-clipboard");
  while (byline_article_get_n_blocks (article) < blocks_before + n && ms_since (start) < 60000)
    g_main_context_iteration (NULL, TRUE);
  printf ("paste of %u characters of HTML (%u paragraphs): done in %.0f ms, longest main-loop stall %.1f ms "
          "(target < 100 ms)\n",
          chars, n, ms_since (start), longest_stall);
  g_source_remove (tick);

  /* Undo takes it all back in one step. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  printf ("after undo: %u blocks (before the paste: %u)\n", byline_article_get_n_blocks (article), blocks_before);
}

/* Photos and memory */

static guint n_thumbnails;

static void
count_thumbnail (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_PICTURE (child) && gtk_picture_get_paintable (GTK_PICTURE (child)) != NULL)
        n_thumbnails++;
      count_thumbnail (child);
    }
}

static void
bench_photos (const char *photo_dir)
{
  g_autofree char *tmp = g_dir_make_tmp ("bench-editor-XXXXXX", NULL);
  static const char * const names[] = { "hoi-nghi.jpg", "kiem-tra-ho-ngheo.jpg", "phat-bieu.jpg" };
  GSList *files = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (byline_editor_get_body_view (editor));
  int n_lines = gtk_text_buffer_get_line_count (buffer);
  gint64 start;

  /* Twenty different files, so twenty thumbnails are decoded and kept. */
  for (guint i = 0; i < N_PHOTOS; i++)
    {
      g_autofree char *source = g_build_filename (photo_dir, names[i % G_N_ELEMENTS (names)], NULL);
      g_autofree char *name = g_strdup_printf ("photo-%02u.jpg", i);
      g_autofree char *copy = g_build_filename (tmp, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (source, &contents, &length, NULL);
      g_file_set_contents (copy, contents, length, NULL);
      files = g_slist_append (files, g_file_new_for_path (copy));
    }

  start = g_get_monotonic_time ();
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GSList one = { l->data, NULL };
      GtkTextIter iter;
      guint index = g_slist_position (files, l);

      gtk_text_buffer_get_iter_at_line (buffer, &iter, (n_lines * (index + 1)) / (N_PHOTOS + 1));
      byline_editor_insert_photos (editor, &one, &iter);
    }
  printf ("inserting %u photos: %.1f ms\n", N_PHOTOS, ms_since (start));

  /* Thumbnails load in worker threads; the cards are realized as the view
   * lays them out. */
  start = g_get_monotonic_time ();
  while (ms_since (start) < 20000)
    {
      n_thumbnails = 0;
      count_thumbnail (GTK_WIDGET (editor));
      if (n_thumbnails >= N_PHOTOS)
        break;
      spin (100);
    }
  printf ("thumbnails shown: %u of %u after %.0f ms\n", n_thumbnails, N_PHOTOS, ms_since (start));
  spin (1000);
  printf ("RSS with the large post and %u photos: %.1f MB (target <= 150 MB)\n", N_PHOTOS, rss_mb ());

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      g_unlink (path);
    }
  g_rmdir (tmp);
  g_slist_free_full (files, g_object_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = g_build_filename (SOURCE_DIR, "tests", "data", "gutenberg", "large-post.html", NULL);
  g_autofree char *photo_dir = g_build_filename (SOURCE_DIR, "tests", "data", "photos", NULL);
  g_autofree char *markup = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  gsize length;
  gint64 start, painted = 0;
  double parse_ms, load_ms;

  gtk_init ();
  adw_init ();
  /* Byline's resources and style, as the application has them. */
  g_type_class_unref (g_type_class_ref (BYLINE_TYPE_APPLICATION));
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  model_ms = g_array_new (FALSE, FALSE, sizeof (double));
  paint_ms = g_array_new (FALSE, FALSE, sizeof (double));

  printf ("editor on large-post.html (cairo renderer: %s)\n",
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default");
  printf ("RSS before: %.1f MB\n", rss_mb ());

  if (!g_file_get_contents (path, &markup, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  window = GTK_WINDOW (gtk_window_new ());
  title = window_title ();
  gtk_window_set_title (window, title);
  gtk_window_set_default_size (window, 1100, 760);
  editor = BYLINE_EDITOR (byline_editor_new ());
  gtk_window_set_child (window, GTK_WIDGET (editor));
  gtk_window_present (window);
  spin (500);

  if (g_getenv ("BENCH_NO_RAW"))
    {
      GString *m = g_string_new (markup);

      g_string_replace (m, " target=\"_blank\" rel=\"noopener\"", "", 0);
      g_free (markup);
      length = m->len;
      markup = g_string_free (m, FALSE);
    }
  start = g_get_monotonic_time ();
  article = byline_markup_parse (markup, length, &error);
  parse_ms = ms_since (start);
  if (article == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  start = g_get_monotonic_time ();
  byline_editor_set_article (editor, article);
  load_ms = ms_since (start);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), first_paint_cb, &painted, NULL);
  while (painted == 0)
    g_main_context_iteration (NULL, TRUE);

  printf ("large-post.html: %u blocks, %zu bytes\n", byline_article_get_n_blocks (article), length);
  printf ("parse (block markup -> model): %.1f ms\n", parse_ms);
  printf ("load into the editor (model -> buffer, widgets): %.1f ms (target <= 150 ms)\n", load_ms);
  printf ("load -> first frame with the post: %.1f ms\n", (painted - start) / 1000.0);
  printf ("parse + load + first frame: %.1f ms (WordPress 6.5: 3.4 s to the first block)\n",
          parse_ms + (painted - start) / 1000.0);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                    G_CALLBACK (on_before_frame_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_frame_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "paint",
                    G_CALLBACK (on_paint_phase_cb), NULL);
  spin (2000);
  n_frames = 0;
  spin (1000);
  printf ("frames painted in 1 s with nothing happening: %u (focus: %s)\n", n_frames,
          gtk_window_get_focus (window) ? G_OBJECT_TYPE_NAME (gtk_window_get_focus (window)) : "none");
  gtk_widget_grab_focus (GTK_WIDGET (byline_editor_get_body_view (editor)));
  spin (1000);
  n_frames = 0;
  spin (1000);
  printf ("frames painted in 1 s with the body focused, nothing typed: %u\n", n_frames);
  spin (12000);
  n_frames = 0;
  spin (1000);
  printf ("frames painted in 1 s with the body focused, 14 s after: %u\n", n_frames);
  printf ("RSS with the large post: %.1f MB\n", rss_mb ());

  bench_keystrokes ("default settings: the cursor blinks");
  /* GTK's blinking cursor keeps the frame clock ticking at the refresh
   * rate, so a keystroke waits for the next frame slot; with blinking off
   * (an accessibility setting) it does not. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  bench_keystrokes ("cursor blinking turned off");
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", TRUE, NULL);
  bench_photos (photo_dir);
  bench_paste ();

  gtk_window_destroy (window);
  g_object_unref (article);

  return EXIT_SUCCESS;
}
