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

#include <glib/gstdio.h>

#include "byline-block-card.h"
#include "byline-editor.h"
#include "byline-figure-card.h"
#include "byline-markup-writer.h"
#include "byline-test-core.h"
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
  gtk_window_set_application (fixture->window, GTK_APPLICATION (byline_test_get_application ()));
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

  byline_editor_buffer_get_body_start (byline_editor_get_body_buffer (fixture->editor), &iter);
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


static GtkTextBuffer *
body_buffer (Fixture *fixture)
{
  return GTK_TEXT_BUFFER (byline_editor_get_body_buffer (fixture->editor));
}

static void
cursor_to_end (Fixture *fixture)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (body_buffer (fixture), &end);
  gtk_text_buffer_place_cursor (body_buffer (fixture), &end);
  gtk_widget_grab_focus (GTK_WIDGET (byline_editor_get_body_view (fixture->editor)));
}

static void
select_text (Fixture    *fixture,
             const char *text)
{
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (body_buffer (fixture), &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_select_range (body_buffer (fixture), &match_start, &match_end);
  gtk_widget_grab_focus (GTK_WIDGET (byline_editor_get_body_view (fixture->editor)));
}

static const char *
block_text (BylineArticle *article,
            guint          index)
{
  return byline_inline_get_text (byline_block_get_text (byline_article_get_block (article, index)));
}

static char *
test_photo (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "photos", name, NULL);
}

static GtkWidget *
card_of (Fixture    *fixture,
         const char *figure_id)
{
  GtkTextChildAnchor *anchor =
    byline_editor_buffer_find_object (byline_editor_get_body_buffer (fixture->editor), figure_id);
  guint n = 0;
  GtkWidget **widgets;
  GtkWidget *card;

  g_assert_nonnull (anchor);
  widgets = gtk_text_child_anchor_get_widgets (anchor, &n);
  g_assert_cmpuint (n, ==, 1);
  card = widgets[0];
  g_free (widgets);
  /* Cards are built when first on screen; asking for a field builds it. */
  if (BYLINE_IS_FIGURE_CARD (card))
    byline_figure_card_get_entry (BYLINE_FIGURE_CARD (card), "caption");
  return card;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      if ((found = find_button (child, tooltip)) != NULL)
        return found;
    }

  return NULL;
}

/* Formatting from the toolbar's actions reaches the model, and the toolbar
 * says what is at the cursor. */
static void
test_formatting (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  const BylineInline *text;
  gboolean bold;
  g_autofree char *type = NULL;

  select_text (fixture, "một");
  g_assert_true (gtk_widget_activate_action (editor, "editor.bold", NULL));
  text = byline_block_get_text (byline_article_get_block (fixture->article, 0));
  g_assert_cmpuint (byline_inline_get_n_spans (text), ==, 1);
  g_assert_cmpint (byline_inline_get_span (text, 0)->kind, ==, BYLINE_MARK_BOLD);
  g_assert_cmpuint (byline_inline_get_span (text, 0)->start, ==, strlen ("Đoạn "));
  g_object_get (editor, "bold", &bold, NULL);
  g_assert_true (bold);

  /* Headings, and back to a paragraph by choosing the same again. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.block-type", "s", "h3"));
  g_assert_cmpint (byline_block_get_kind (byline_article_get_block (fixture->article, 0)), ==, BYLINE_BLOCK_HEADING);
  g_assert_cmpuint (byline_block_get_level (byline_article_get_block (fixture->article, 0)), ==, 3);
  g_object_get (editor, "block-type", &type, NULL);
  g_assert_cmpstr (type, ==, "h3");
  g_assert_true (gtk_widget_activate_action (editor, "editor.block-type", "s", "h3"));
  g_assert_cmpint (byline_block_get_kind (byline_article_get_block (fixture->article, 0)), ==, BYLINE_BLOCK_PARAGRAPH);

  /* A list. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.block-type", "s", "ol"));
  g_assert_cmpint (byline_block_get_kind (byline_article_get_block (fixture->article, 0)), ==, BYLINE_BLOCK_LIST);
  g_assert_true (byline_block_get_ordered (byline_article_get_block (fixture->article, 0)));
}

/* Undo covers text, formatting and photos; redo brings them back. */
static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  GtkWidget *card;

  cursor_to_end (fixture);
  type_into (byline_editor_get_body_view (fixture->editor), "Câu mới");
  g_assert_cmpuint (byline_article_get_n_blocks (fixture->article), ==, 4);
  select_text (fixture, "mới");
  g_assert_true (gtk_widget_activate_action (editor, "editor.italic", NULL));
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (byline_article_get_block (fixture->article, 3))), ==, 1);

  g_assert_true (gtk_widget_activate_action (editor, "editor.undo", NULL));
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (byline_article_get_block (fixture->article, 3))), ==, 0);
  g_assert_cmpstr (block_text (fixture->article, 3), ==, "Câu mới");
  g_assert_true (gtk_widget_activate_action (editor, "editor.undo", NULL));
  g_assert_true (gtk_widget_activate_action (editor, "editor.undo", NULL));
  g_assert_cmpuint (byline_article_get_n_blocks (fixture->article), ==, 3);
  g_assert_true (gtk_widget_activate_action (editor, "editor.redo", NULL));
  g_assert_true (gtk_widget_activate_action (editor, "editor.redo", NULL));
  g_assert_true (gtk_widget_activate_action (editor, "editor.redo", NULL));
  g_assert_cmpstr (block_text (fixture->article, 3), ==, "Câu mới");
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (byline_article_get_block (fixture->article, 3))), ==, 1);

  /* Removing the photo and undoing brings it back, caption and all, with a
   * card of its own. */
  card = card_of (fixture, "photo-1");
  g_signal_emit_by_name (find_button (card, "Remove Photo"), "clicked");
  g_assert_null (byline_article_find_figure (fixture->article, "photo-1"));
  g_assert_true (gtk_widget_activate_action (editor, "editor.undo", NULL));
  g_assert_nonnull (byline_article_find_figure (fixture->article, "photo-1"));
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_caption (byline_article_find_figure (fixture->article, "photo-1"))),
                   ==, "Đồng chí Ngô Hùng Khánh chủ trì");
  card = card_of (fixture, "photo-1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (byline_figure_card_get_entry (BYLINE_FIGURE_CARD (card), "caption"))),
                   ==, "Đồng chí Ngô Hùng Khánh chủ trì");
  g_assert_cmpint (byline_block_get_kind (byline_article_get_block (fixture->article, 1)), ==, BYLINE_BLOCK_FIGURE);
}


static gboolean
thumbnail_shown (gpointer data)
{
  GtkWidget *picture = byline_test_find_widget (data, GTK_TYPE_PICTURE, TRUE, NULL, NULL);

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

/* The writer's path through a photo: insert it, describe it, move it,
 * delete it and take that back; the article and its markup say exactly
 * that. */
static void
test_photo_workflow (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BylineArticle) article = byline_article_new (NULL);
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  g_autofree char *path1 = test_photo ("hoi-nghi.jpg");
  g_autofree char *path2 = test_photo ("kiem-tra-ho-ngheo.jpg");
  g_autoptr(GFile) file1 = g_file_new_for_path (path1);
  g_autoptr(GFile) file2 = g_file_new_for_path (path2);
  GSList files = { file1, NULL };
  GtkTextView *body = byline_editor_get_body_view (fixture->editor);
  BylineBlock *figure;
  GtkWidget *card;
  g_autofree char *markup = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  byline_editor_set_article (fixture->editor, article);
  type_into (find_text_view (fixture, "headline"), "Giảm nghèo bền vững");
  cursor_to_end (fixture);
  type_into (body, "Đoạn mở đầu.");

  g_assert_cmpuint (byline_editor_insert_photos (fixture->editor, &files, NULL), ==, 1);
  type_into (body, "Đoạn giữa.");
  files.data = file2;
  g_assert_cmpuint (byline_editor_insert_photos (fixture->editor, &files, NULL), ==, 1);

  g_assert_cmpuint (byline_article_get_n_blocks (article), ==, 4);
  figure = byline_article_get_block (article, 1);
  g_assert_cmpint (byline_block_get_kind (figure), ==, BYLINE_BLOCK_FIGURE);
  {
    g_autofree char *expected_path = g_file_get_path (file1);

    g_assert_cmpstr (byline_block_get_local_path (figure), ==, expected_path);
  }
  g_assert_cmpstr (block_text (article, 2), ==, "Đoạn giữa.");
  id1 = g_strdup (byline_block_get_figure_id (figure));
  id2 = g_strdup (byline_block_get_figure_id (byline_article_get_block (article, 3)));

  /* Its thumbnail arrives from the worker thread. */
  card = card_of (fixture, id1);
  g_assert_true (byline_test_wait_until (thumbnail_shown, card, 5000));

  gtk_editable_set_text (GTK_EDITABLE (byline_figure_card_get_entry (BYLINE_FIGURE_CARD (card), "caption")),
                         "Đoàn công tác làm việc với huyện");
  gtk_editable_set_text (GTK_EDITABLE (byline_figure_card_get_entry (BYLINE_FIGURE_CARD (card), "alt")),
                         "Hội trường, đại biểu ngồi quanh bàn");
  gtk_editable_set_text (GTK_EDITABLE (byline_figure_card_get_entry (BYLINE_FIGURE_CARD (card), "credit")),
                         "Cẩm Vân");
  figure = byline_article_find_figure (article, id1);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_caption (figure)), ==, "Đoàn công tác làm việc với huyện");
  g_assert_cmpstr (byline_block_get_alt (figure), ==, "Hội trường, đại biểu ngồi quanh bàn");
  g_assert_cmpstr (byline_block_get_credit (figure), ==, "Cẩm Vân");

  /* Down past the middle paragraph. */
  g_signal_emit_by_name (find_button (card, "Move Down"), "clicked");
  g_assert_cmpint (byline_block_get_kind (byline_article_get_block (article, 1)), ==, BYLINE_BLOCK_PARAGRAPH);
  g_assert_cmpstr (byline_block_get_figure_id (byline_article_get_block (article, 2)), ==, id1);

  /* The second photo goes, and comes back with undo. */
  card = card_of (fixture, id2);
  g_signal_emit_by_name (find_button (card, "Remove Photo"), "clicked");
  g_assert_cmpuint (byline_article_get_n_blocks (article), ==, 3);
  g_assert_true (gtk_widget_activate_action (editor, "editor.undo", NULL));
  g_assert_cmpuint (byline_article_get_n_blocks (article), ==, 4);
  g_assert_cmpstr (byline_block_get_figure_id (byline_article_get_block (article, 3)), ==, id2);

  /* Undo the move: the first photo is back above the middle paragraph. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.undo", NULL));
  g_assert_cmpstr (byline_block_get_figure_id (byline_article_get_block (article, 1)), ==, id1);
  g_assert_true (gtk_widget_activate_action (editor, "editor.redo", NULL));
  g_assert_cmpstr (byline_block_get_figure_id (byline_article_get_block (article, 2)), ==, id1);
  /* ... still described. */
  g_assert_cmpstr (byline_block_get_credit (byline_article_get_block (article, 2)), ==, "Cẩm Vân");

  /* What is published: the two paragraphs, then the photos, the first
   * one captioned and credited (not uploaded yet, so no address). */
  markup = byline_markup_serialize (article);
  g_assert_cmpstr (markup, ==,
                   "<!-- wp:paragraph -->\n<p>Đoạn mở đầu.</p>\n<!-- /wp:paragraph -->\n\n"
                   "<!-- wp:paragraph -->\n<p>Đoạn giữa.</p>\n<!-- /wp:paragraph -->\n\n"
                   "<!-- wp:image {\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n"
                   "<figure class=\"wp-block-image size-large\"><img alt=\"Hội trường, đại biểu ngồi quanh bàn\" />"
                   "<figcaption class=\"wp-element-caption\">Đoàn công tác làm việc với huyện<br>"
                   "<span class=\"byline-credit\">Cẩm Vân</span></figcaption></figure>\n"
                   "<!-- /wp:image -->\n\n"
                   "<!-- wp:image {\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n"
                   "<figure class=\"wp-block-image size-large\"><img alt=\"\" /></figure>\n"
                   "<!-- /wp:image -->");
  byline_test_assert_wordpress_validates (markup);
}

static void
test_link_validation (void)
{
  static const struct
  {
    const char *typed;
    const char *href;
  } cases[] = {
    { "https://giavien.ninhbinh.gov.vn/tin-tuc", "https://giavien.ninhbinh.gov.vn/tin-tuc" },
    { "  http://example.com  ", "http://example.com" },
    { "example.com/page?a=1", "https://example.com/page?a=1" },
    { "toasoan@example.vn", "mailto:toasoan@example.vn" },
    { "mailto:toasoan@example.vn", "mailto:toasoan@example.vn" },
    { "http://localhost:8080/", "http://localhost:8080/" },
    { "javascript:alert(1)", NULL },
    { "file:///etc/passwd", NULL },
    { "https://", NULL },
    { "not a link", NULL },
    { "https://abc", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *href = byline_editor_validate_link (cases[i].typed);

      g_assert_cmpstr (href, ==, cases[i].href);
    }
}

/* A link through the popover, then removed through it. */
static void
test_link_popover (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  GtkWidget *entry, *apply, *check;
  const BylineInline *text;

  select_text (fixture, "hai");
  g_assert_true (gtk_widget_activate_action (editor, "editor.link", NULL));
  byline_test_spin (50);
  entry = byline_test_find_widget (editor, GTK_TYPE_POPOVER, FALSE, NULL, NULL);
  g_assert_nonnull (entry);
  entry = gtk_root_get_focus (gtk_widget_get_root (editor));
  g_assert_true (GTK_IS_TEXT (entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "javascript:alert(1)");
  apply = find_button (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER), NULL);
  (void) apply;
  g_signal_emit_by_name (gtk_widget_get_ancestor (entry, GTK_TYPE_ENTRY), "activate");
  text = byline_block_get_text (byline_article_get_block (fixture->article, 2));
  g_assert_cmpuint (byline_inline_get_n_spans (text), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "giavien.ninhbinh.gov.vn");
  g_signal_emit_by_name (gtk_widget_get_ancestor (entry, GTK_TYPE_ENTRY), "activate");
  text = byline_block_get_text (byline_article_get_block (fixture->article, 2));
  g_assert_cmpuint (byline_inline_get_n_spans (text), ==, 1);
  g_assert_cmpint (byline_inline_get_span (text, 0)->kind, ==, BYLINE_MARK_LINK);
  g_assert_cmpstr (byline_inline_get_span (text, 0)->href, ==, "https://giavien.ninhbinh.gov.vn");
  g_assert_null (byline_inline_get_span (text, 0)->target);

  /* Opened again on the link: "open in a new tab" as WordPress writes it. */
  select_text (fixture, "hai");
  g_assert_true (gtk_widget_activate_action (editor, "editor.link", NULL));
  byline_test_spin (50);
  check = byline_test_find_widget (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER),
                                   GTK_TYPE_CHECK_BUTTON, FALSE, NULL, NULL);
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "https://giavien.ninhbinh.gov.vn");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_signal_emit_by_name (gtk_widget_get_ancestor (entry, GTK_TYPE_ENTRY), "activate");
  text = byline_block_get_text (byline_article_get_block (fixture->article, 2));
  g_assert_cmpuint (byline_inline_get_n_spans (text), ==, 1);
  g_assert_cmpstr (byline_inline_get_span (text, 0)->target, ==, "_blank");
  g_assert_cmpstr (byline_inline_get_span (text, 0)->rel, ==, "noreferrer noopener");

  /* And back to the same tab: the rel goes with it. */
  select_text (fixture, "hai");
  g_assert_true (gtk_widget_activate_action (editor, "editor.link", NULL));
  byline_test_spin (50);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_signal_emit_by_name (gtk_widget_get_ancestor (entry, GTK_TYPE_ENTRY), "activate");
  text = byline_block_get_text (byline_article_get_block (fixture->article, 2));
  g_assert_null (byline_inline_get_span (text, 0)->target);
  g_assert_null (byline_inline_get_span (text, 0)->rel);
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
  g_test_add ("/editor/formatting", Fixture, NULL,
              fixture_set_up, test_formatting, fixture_tear_down);
  g_test_add ("/editor/undo-redo", Fixture, NULL,
              fixture_set_up, test_undo_redo, fixture_tear_down);
  g_test_add ("/editor/photo-workflow", Fixture, NULL,
              fixture_set_up, test_photo_workflow, fixture_tear_down);
  g_test_add ("/editor/link-popover", Fixture, NULL,
              fixture_set_up, test_link_popover, fixture_tear_down);
  g_test_add_func ("/editor/link-validation", test_link_validation);

  return g_test_run ();
}
