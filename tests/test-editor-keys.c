/* test-editor-keys.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The editor driven by real keys (xdotool through the X server, GTK's
 * input method and the application's accelerators), as a writer uses it:
 * shortcuts while the text has the focus, Tab from headline to lead to
 * text to a photo's fields, and an input method's composition, which must
 * not reach the article before it is committed. */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "byline-editor.h"
#include "byline-figure-card.h"
#include "byline-test-utils.h"

typedef struct
{
  GtkWindow     *window;
  BylineEditor  *editor;
  BylineArticle *article;
  char          *title;
  guint          n_changed;
} Fixture;

static char *xdotool;

static void
on_changed_cb (BylineArticle *article,
               Fixture       *fixture)
{
  fixture->n_changed++;
}

/* Runs xdotool with the given arguments, then lets GTK take the events. */
static void
xdo (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, xdotool);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  byline_test_spin (250);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  BylineBlock *figure = byline_block_new_figure ("photo-1");

  fixture->title = g_strdup_printf ("byline-editor-keys-%d", (int) getpid ());
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, fixture->title);
  gtk_window_set_application (fixture->window, GTK_APPLICATION (byline_test_get_application ()));
  gtk_window_set_default_size (fixture->window, 900, 700);
  fixture->editor = BYLINE_EDITOR (byline_editor_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->editor));

  fixture->article = byline_article_new (NULL);
  byline_article_append_block (fixture->article, byline_block_new_paragraph (byline_inline_new ("mot hai ba")));
  byline_article_append_block (fixture->article, figure);
  byline_article_append_block (fixture->article, byline_block_new_paragraph (byline_inline_new ("cuoi")));
  byline_editor_set_article (fixture->editor, fixture->article);
  g_signal_connect (fixture->article, "changed", G_CALLBACK (on_changed_cb), fixture);

  gtk_window_present (fixture->window);
  byline_test_spin (300);
  xdo ("search", "--sync", "--name", fixture->title, "windowfocus", "--sync", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_func (fixture->article, on_changed_cb, fixture);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->article);
  g_free (fixture->title);
  byline_test_spin (50);
}

static GtkTextBuffer *
body (Fixture *fixture)
{
  return GTK_TEXT_BUFFER (byline_editor_get_body_buffer (fixture->editor));
}

static void
select_text (Fixture    *fixture,
             const char *text)
{
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (body (fixture), &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_select_range (body (fixture), &match_start, &match_end);
  gtk_widget_grab_focus (GTK_WIDGET (byline_editor_get_body_view (fixture->editor)));
  byline_test_spin (50);
}

static GtkWidget *
focus (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static GtkWidget *
figure_card (Fixture *fixture)
{
  GtkTextChildAnchor *anchor = byline_editor_buffer_find_object (byline_editor_get_body_buffer (fixture->editor),
                                                                 "photo-1");
  guint n = 0;
  GtkWidget **widgets = gtk_text_child_anchor_get_widgets (anchor, &n);
  GtkWidget *card = widgets[0];

  g_free (widgets);
  return card;
}

/* The accelerators work while the text view has the focus (a window-level
 * binding would not: the text view takes the keys first). */
static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  BylineBlock *first;

  select_text (fixture, "hai");
  xdo ("key", "ctrl+b", NULL);
  first = byline_article_get_block (fixture->article, 0);
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (first)), ==, 1);
  g_assert_cmpint (byline_inline_get_span (byline_block_get_text (first), 0)->kind, ==, BYLINE_MARK_BOLD);

  xdo ("key", "ctrl+alt+2", NULL);
  first = byline_article_get_block (fixture->article, 0);
  g_assert_cmpint (byline_block_get_kind (first), ==, BYLINE_BLOCK_HEADING);
  g_assert_cmpuint (byline_block_get_level (first), ==, 2);

  xdo ("key", "ctrl+shift+8", NULL);
  first = byline_article_get_block (fixture->article, 0);
  g_assert_cmpint (byline_block_get_kind (first), ==, BYLINE_BLOCK_LIST);
  g_assert_false (byline_block_get_ordered (first));

  /* Three undos take the list, the heading and the bold back. */
  xdo ("key", "ctrl+z", "ctrl+z", "ctrl+z", NULL);
  first = byline_article_get_block (fixture->article, 0);
  g_assert_cmpint (byline_block_get_kind (first), ==, BYLINE_BLOCK_PARAGRAPH);
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (first)), ==, 0);
  xdo ("key", "ctrl+shift+z", NULL);
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (byline_article_get_block (fixture->article, 0))),
                    ==, 1);
}

/* Tab goes headline → lead → text → the photo's caption → alt → credit →
 * back to the text after the photo, and never types a tab anywhere. */
static void
test_tab_order (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *card = figure_card (fixture);
  GtkWidget *caption = byline_figure_card_get_entry (BYLINE_FIGURE_CARD (card), "caption");
  GtkWidget *alt = byline_figure_card_get_entry (BYLINE_FIGURE_CARD (card), "alt");
  GtkWidget *credit = byline_figure_card_get_entry (BYLINE_FIGURE_CARD (card), "credit");
  GtkWidget *view = GTK_WIDGET (byline_editor_get_body_view (fixture->editor));
  g_autofree char *text = NULL;

  byline_editor_focus_headline (fixture->editor);
  byline_test_spin (100);
  xdo ("type", "--delay", "20", "Tin moi", NULL);
  xdo ("key", "Tab", NULL);
  xdo ("type", "--delay", "20", "Sapo", NULL);
  xdo ("key", "Tab", NULL);
  g_assert_true (focus (fixture) == view);
  g_assert_cmpstr (byline_article_get_title (fixture->article), ==, "Tin moi");
  g_assert_cmpstr (byline_article_get_lead (fixture->article), ==, "Sapo");

  /* From the text, Tab goes to the next photo's caption. */
  xdo ("key", "Tab", NULL);
  g_assert_true (gtk_widget_is_ancestor (focus (fixture), caption));
  xdo ("type", "--delay", "20", "Chu thich", NULL);
  xdo ("key", "Tab", NULL);
  g_assert_true (gtk_widget_is_ancestor (focus (fixture), alt));
  xdo ("key", "Tab", NULL);
  g_assert_true (gtk_widget_is_ancestor (focus (fixture), credit));
  /* Page Down in a field does not scroll the text away from it. */
  xdo ("key", "Page_Down", NULL);
  g_assert_true (gtk_widget_is_ancestor (focus (fixture), credit));
  xdo ("key", "Tab", NULL);
  g_assert_true (focus (fixture) == view);

  /* No tab was typed anywhere; the cursor is on the line after the photo. */
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (body (fixture), &start, &end);
    text = gtk_text_buffer_get_text (body (fixture), &start, &end, TRUE);
  }
  g_assert_null (strchr (text, '\t'));
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_caption (byline_article_find_figure (fixture->article, "photo-1"))),
                   ==, "Chu thich");
  xdo ("type", "--delay", "20", "X", NULL);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (byline_article_get_block (fixture->article, 2))),
                   ==, "Xcuoi");
}

/* A composition in progress (here GTK's own input method, which composes
 * "ệ" from Ctrl+Shift+U and its code point with the digits shown as
 * preedit; Telex and VNI through IBus work the same way: preedit first,
 * then one commit) changes neither the buffer nor the article, and runs no
 * model update; the commit does, once. */
static void
test_preedit_is_not_an_edit (Fixture       *fixture,
                             gconstpointer  data)
{
  BylineEditorBuffer *buffer = byline_editor_get_body_buffer (fixture->editor);
  GtkTextIter end;
  guint syncs, changed;

  gtk_text_buffer_get_iter_at_line (body (fixture), &end, 1);
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_place_cursor (body (fixture), &end);
  gtk_widget_grab_focus (GTK_WIDGET (byline_editor_get_body_view (fixture->editor)));
  byline_test_spin (100);

  syncs = byline_editor_buffer_get_n_syncs (buffer);
  changed = fixture->n_changed;
  xdo ("key", "ctrl+shift+u", NULL);
  xdo ("type", "--delay", "40", "1ec7", NULL);
  g_assert_cmpuint (byline_editor_buffer_get_n_syncs (buffer), ==, syncs);
  g_assert_cmpuint (fixture->n_changed, ==, changed);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (byline_article_get_block (fixture->article, 0))),
                   ==, "mot hai ba");

  xdo ("key", "space", NULL);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (byline_article_get_block (fixture->article, 0))),
                   ==, "mot hai baệ");
  g_assert_cmpuint (byline_editor_buffer_get_n_syncs (buffer), ==, syncs + 1);
  g_assert_cmpuint (fixture->n_changed, ==, changed + 1);
}

int
main (int   argc,
      char *argv[])
{
  byline_test_init_ui (&argc, &argv);

  xdotool = g_find_program_in_path ("xdotool");
  if (xdotool == NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    {
      printf ("1..0 # SKIP needs xdotool on an X display (build-aux/dev test installs it)\n");
      return 0;
    }
  byline_test_get_application ();
  /* The application's accelerators, as at startup. */
  byline_editor_set_accels (GTK_APPLICATION (byline_test_get_application ()));

  g_test_add ("/editor-keys/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts, fixture_tear_down);
  g_test_add ("/editor-keys/tab-order", Fixture, NULL, fixture_set_up, test_tab_order, fixture_tear_down);
  g_test_add ("/editor-keys/preedit-is-not-an-edit", Fixture, NULL,
              fixture_set_up, test_preedit_is_not_an_edit, fixture_tear_down);

  return g_test_run ();
}
