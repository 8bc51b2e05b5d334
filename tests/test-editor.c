/* test-editor.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The article editor as a writer uses it: what is typed reaches the
 * article at once. */

#include "config.h"

#include <string.h>

#include "byline-editor.h"
#include "byline-test-utils.h"

typedef struct
{
  GtkWindow     *window;
  BylineEditor  *editor;
  BylineArticle *article;
  guint          n_changed;
} Fixture;

static void
on_changed_cb (BylineArticle *article,
               Fixture       *fixture)
{
  fixture->n_changed++;
}

static BylineArticle *
seed_article (void)
{
  BylineArticle *article = byline_article_new (NULL);
  BylineBlock *figure = byline_block_new_figure ("photo-1");

  byline_article_set_title (article, "Đoàn công tác của tỉnh kiểm tra công tác giảm nghèo");
  byline_article_set_lead (article, "Ngày 14/11, Đoàn công tác của tỉnh đã về kiểm tra.");
  byline_article_append_block (article, byline_block_new_paragraph (byline_inline_new ("Đoạn một.")));
  byline_block_set_caption (figure, byline_inline_new ("Đồng chí Ngô Hùng Khánh chủ trì"));
  byline_article_append_block (article, figure);
  byline_article_append_block (article, byline_block_new_paragraph (byline_inline_new ("Đoạn hai.")));

  return article;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  fixture->editor = BYLINE_EDITOR (byline_editor_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->editor));
  fixture->article = seed_article ();
  byline_editor_set_article (fixture->editor, fixture->article);
  g_signal_connect (fixture->article, "changed", G_CALLBACK (on_changed_cb), fixture);
  gtk_window_present (fixture->window);
  byline_test_spin (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_func (fixture->article, on_changed_cb, fixture);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->article);
  byline_test_spin (20);
}

static GtkTextView *
find_text_view (Fixture    *fixture,
                const char *css_class)
{
  GtkWidget *root = GTK_WIDGET (fixture->editor);

  for (GtkWidget *w = root; w != NULL;)
    {
      if (GTK_IS_TEXT_VIEW (w) && gtk_widget_has_css_class (w, css_class))
        return GTK_TEXT_VIEW (w);
      if (gtk_widget_get_first_child (w) != NULL)
        {
          w = gtk_widget_get_first_child (w);
          continue;
        }
      while (w != root && gtk_widget_get_next_sibling (w) == NULL)
        w = gtk_widget_get_parent (w);
      if (w == root)
        break;
      w = gtk_widget_get_next_sibling (w);
    }

  return NULL;
}

static void
type_into (GtkTextView *view,
           const char  *text)
{
  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (view), text, -1, TRUE);
}

/* Opening an article is not an edit. */
static void
test_load_is_not_an_edit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_assert_true (byline_editor_get_article (fixture->editor) == fixture->article);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (byline_article_get_n_blocks (fixture->article), ==, 3);
}

static void
test_headline_and_lead (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkTextView *headline = find_text_view (fixture, "headline");
  GtkTextView *lead = find_text_view (fixture, "lead");

  g_assert_nonnull (headline);
  g_assert_nonnull (lead);

  byline_editor_focus_headline (fixture->editor);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (headline)));
  type_into (headline, " năm 2023");
  g_assert_cmpstr (byline_article_get_title (fixture->article), ==,
                   "Đoàn công tác của tỉnh kiểm tra công tác giảm nghèo năm 2023");
  g_assert_cmpuint (fixture->n_changed, >, 0);

  /* No newline ever gets into the title, even pasted. */
  type_into (headline, "\ntrên địa bàn");
  g_assert_null (strchr (byline_article_get_title (fixture->article), '\n'));
  g_assert_true (g_str_has_suffix (byline_article_get_title (fixture->article), "2023 trên địa bàn"));

  type_into (lead, " Tiếp và làm việc với Đoàn.");
  g_assert_cmpstr (byline_article_get_lead (fixture->article), ==,
                   "Ngày 14/11, Đoàn công tác của tỉnh đã về kiểm tra. Tiếp và làm việc với Đoàn.");
}

static void
test_body_typing_updates_article (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkTextView *body = byline_editor_get_body_view (fixture->editor);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (body);
  BylineBlock *figure = byline_article_get_block (fixture->article, 1);
  BylineBlock *second = byline_article_get_block (fixture->article, 2);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (body));

  type_into (body, " Thêm chữ.");
  g_assert_cmpuint (byline_article_get_n_blocks (fixture->article), ==, 3);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (byline_article_get_block (fixture->article, 0))),
                   ==, "Đoạn một. Thêm chữ.");
  /* The other blocks are untouched, the very same objects. */
  g_assert_true (byline_article_get_block (fixture->article, 1) == figure);
  g_assert_true (byline_article_get_block (fixture->article, 2) == second);

  type_into (body, "\nĐoạn mới");
  g_assert_cmpuint (byline_article_get_n_blocks (fixture->article), ==, 4);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (byline_article_get_block (fixture->article, 1))),
                   ==, "Đoạn mới");
}

static void
test_switching_articles (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(BylineArticle) other = byline_article_new (NULL);
  GtkTextView *headline = find_text_view (fixture, "headline");

  byline_editor_set_article (fixture->editor, other);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  type_into (headline, "Tin mới");
  g_assert_cmpstr (byline_article_get_title (other), ==, "Tin mới");
  /* The first article is no longer edited. */
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpstr (byline_article_get_title (fixture->article), ==,
                   "Đoàn công tác của tỉnh kiểm tra công tác giảm nghèo");
}

int
main (int   argc,
      char *argv[])
{
  byline_test_init_ui (&argc, &argv);
  byline_test_get_application ();

  g_test_add ("/editor/load-is-not-an-edit", Fixture, NULL,
              fixture_set_up, test_load_is_not_an_edit, fixture_tear_down);
  g_test_add ("/editor/headline-and-lead", Fixture, NULL,
              fixture_set_up, test_headline_and_lead, fixture_tear_down);
  g_test_add ("/editor/body-typing-updates-article", Fixture, NULL,
              fixture_set_up, test_body_typing_updates_article, fixture_tear_down);
  g_test_add ("/editor/switching-articles", Fixture, NULL,
              fixture_set_up, test_switching_articles, fixture_tear_down);

  return g_test_run ();
}
