/* test-editor-buffer.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The body buffer ⇄ article model conversion, both ways, and the cheap
 * incremental model updates the editor relies on while the writer types. */

#include "config.h"

#include <string.h>

#include "byline-block-parser.h"
#include "byline-editor-buffer.h"
#include "byline-markup-test-utils.h"
#include "byline-markup-writer.h"
#include "byline-test-utils.h"

static BylineInline *
marked (const char     *text,
        const char     *word,
        BylineMarkKind  kind,
        const char     *href)
{
  BylineInline *inl = byline_inline_new (text);
  const char *str = byline_inline_get_text (inl);
  const char *at = strstr (str, word);

  g_assert_nonnull (at);
  byline_inline_add_mark (inl, kind, at - str, at - str + strlen (word), href);
  return inl;
}

static GPtrArray *
sample_blocks (void)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  BylineInline *para = marked ("Ngày 14/11, Đoàn công tác của tỉnh\nđã về kiểm tra.", "Đoàn công tác",
                               BYLINE_MARK_BOLD, NULL);
  BylineBlock *list, *sublist, *quote, *figure;

  byline_inline_add_mark (para, BYLINE_MARK_ITALIC, 0, 8, NULL);
  byline_inline_add_mark (para, BYLINE_MARK_LINK, 0, 5, "https://giavien.ninhbinh.gov.vn/");
  g_ptr_array_add (blocks, byline_block_new_heading (2, byline_inline_new ("Giảm nghèo bền vững")));
  g_ptr_array_add (blocks, byline_block_new_paragraph (para));
  g_ptr_array_add (blocks, byline_block_new_paragraph (marked ("H2O và x2", "2", BYLINE_MARK_SUBSCRIPT, NULL)));
  g_ptr_array_add (blocks, byline_block_new_paragraph (marked ("Giá cũ mới", "cũ", BYLINE_MARK_STRIKETHROUGH, NULL)));
  {
    /* Two links to one address, one opening in a new tab: two links. */
    BylineInline *tabs = byline_inline_new ("Cổng mới và cổng cũ");

    byline_inline_add_link (tabs, 0, strlen ("Cổng mới"), "https://giavien.ninhbinh.gov.vn/",
                            "_blank", "noreferrer noopener");
    byline_inline_add_mark (tabs, BYLINE_MARK_LINK, strlen ("Cổng mới và "), strlen ("Cổng mới và cổng cũ"),
                            "https://giavien.ninhbinh.gov.vn/");
    g_ptr_array_add (blocks, byline_block_new_paragraph (tabs));
  }

  list = byline_block_new_list (FALSE);
  sublist = byline_block_new_list (TRUE);
  byline_block_append_item (sublist, byline_list_item_new (byline_inline_new ("một"), NULL));
  byline_block_append_item (sublist, byline_list_item_new (byline_inline_new ("hai"), NULL));
  byline_block_append_item (list, byline_list_item_new (byline_inline_new ("Nhà ở"), sublist));
  byline_block_append_item (list, byline_list_item_new (byline_inline_new ("Sinh kế"), NULL));
  g_ptr_array_add (blocks, list);

  figure = byline_block_new_figure ("fig-1");
  byline_block_set_local_path (figure, "/tmp/photo.jpg");
  byline_block_set_caption (figure, byline_inline_new ("Đồng chí Ngô Hùng Khánh chủ trì"));
  byline_block_set_alt (figure, "Hội nghị");
  byline_block_set_credit (figure, "Cẩm Vân");
  g_ptr_array_add (blocks, figure);

  quote = byline_block_new_quote ();
  byline_block_append_paragraph (quote, byline_inline_new ("Thoát nghèo bền vững"));
  byline_block_append_paragraph (quote, byline_inline_new ("là mục tiêu"));
  byline_block_set_citation (quote, byline_inline_new ("Lê Thị Lựu"));
  g_ptr_array_add (blocks, quote);

  g_ptr_array_add (blocks, byline_block_new_separator ());
  g_ptr_array_add (blocks, byline_block_new_heading (4, byline_inline_new ("Kết luận")));
  g_ptr_array_add (blocks, byline_block_new_raw ("core/gallery",
                                                 "<!-- wp:gallery -->\n<figure class=\"wp-block-gallery\"></figure>\n<!-- /wp:gallery -->",
                                                 -1));
  g_ptr_array_add (blocks, byline_block_new_list (TRUE));
  byline_block_append_item (g_ptr_array_index (blocks, blocks->len - 1),
                            byline_list_item_new (byline_inline_new ("cuối"), NULL));

  return blocks;
}

static void
assert_blocks_equal (GPtrArray *actual,
                     GPtrArray *expected)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < actual->len; i++)
    {
      if (!byline_block_equal (g_ptr_array_index (actual, i), g_ptr_array_index (expected, i)))
        {
          g_autofree char *a = byline_block_get_plain_text (g_ptr_array_index (actual, i));
          g_autofree char *e = byline_block_get_plain_text (g_ptr_array_index (expected, i));

          g_error ("block %u differs: '%s' (%s) != '%s' (%s)", i, a,
                   byline_block_kind_to_string (byline_block_get_kind (g_ptr_array_index (actual, i))),
                   e,
                   byline_block_kind_to_string (byline_block_get_kind (g_ptr_array_index (expected, i))));
        }
    }
}

/* Everything the model holds survives model → buffer → model. */
static void
test_round_trip (void)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) blocks = sample_blocks ();
  g_autoptr(GPtrArray) converted = NULL;

  byline_editor_buffer_load (buffer, blocks);
  converted = byline_editor_buffer_convert (buffer);
  assert_blocks_equal (converted, blocks);

  /* Until edited, the model is the very blocks loaded (so their source
   * markup is written back unchanged). */
  for (guint i = 0; i < blocks->len; i++)
    g_assert_true (g_ptr_array_index (byline_editor_buffer_get_blocks (buffer), i) ==
                   g_ptr_array_index (blocks, i));
}

/* A paragraph's line break is one line in the buffer, not two paragraphs;
 * figures are single anchors, never text. */
static void
test_buffer_shape (void)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) blocks = sample_blocks ();
  GtkTextIter iter;
  BylineLineStyle style;
  g_autoptr(GList) objects = NULL;

  byline_editor_buffer_load (buffer, blocks);
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &iter, 1);
  g_assert_cmpint (gtk_text_iter_get_chars_in_line (&iter), ==,
                   g_utf8_strlen ("Ngày 14/11, Đoàn công tác của tỉnh\nđã về kiểm tra.\n", -1));

  byline_editor_buffer_get_line_style (buffer, &iter, &style);
  g_assert_cmpint (style.kind, ==, BYLINE_LINE_PARAGRAPH);
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &iter, 0);
  byline_editor_buffer_get_line_style (buffer, &iter, &style);
  g_assert_cmpint (style.kind, ==, BYLINE_LINE_HEADING);
  g_assert_cmpuint (style.level, ==, 2);

  objects = byline_editor_buffer_list_objects (buffer);
  g_assert_cmpuint (g_list_length (objects), ==, 3);
  g_assert_cmpint (byline_block_get_kind (byline_editor_buffer_get_object (objects->data)), ==,
                   BYLINE_BLOCK_FIGURE);
  g_assert_true (byline_editor_buffer_find_object (buffer, "fig-1") == objects->data);
}

static void
type_at (BylineEditorBuffer *buffer,
         int                 line,
         int                 offset,
         const char         *text)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (buffer), &iter, line, offset);
  gtk_text_buffer_insert_interactive (GTK_TEXT_BUFFER (buffer), &iter, text, -1, TRUE);
}

static void
set_style (BylineEditorBuffer *buffer,
           int                 line,
           BylineLineKind      kind,
           guint               level,
           gboolean            ordered)
{
  BylineLineStyle style = { kind, level, ordered };
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &iter, line);
  byline_editor_buffer_set_line_style (buffer, &iter, &iter, &style);
}

/* Buffer edits, as the writer makes them, give the model a writer expects. */
static void
test_edits_make_blocks (void)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GPtrArray *blocks;
  BylineBlock *block;
  GtkTextIter start, end;
  const BylineSpan *span;

  byline_editor_buffer_load (buffer, none);
  type_at (buffer, 0, 0, "Tiêu đề phụ\nĐoạn một có chữ đậm.\nmục một\nmục hai");
  set_style (buffer, 0, BYLINE_LINE_HEADING, 3, FALSE);
  set_style (buffer, 2, BYLINE_LINE_LIST_ITEM, 0, FALSE);
  set_style (buffer, 3, BYLINE_LINE_LIST_ITEM, 1, TRUE);
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (buffer), &start, 1, 16);
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (buffer), &end, 1, 19);
  byline_editor_buffer_set_mark (buffer, &start, &end, BYLINE_MARK_BOLD, TRUE, NULL);

  blocks = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (blocks->len, ==, 3);
  block = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (byline_block_get_kind (block), ==, BYLINE_BLOCK_HEADING);
  g_assert_cmpuint (byline_block_get_level (block), ==, 3);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (block)), ==, "Tiêu đề phụ");

  block = g_ptr_array_index (blocks, 1);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (block)), ==, "Đoạn một có chữ đậm.");
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (block)), ==, 1);
  span = byline_inline_get_span (byline_block_get_text (block), 0);
  g_assert_cmpint (span->kind, ==, BYLINE_MARK_BOLD);
  g_assert_true (g_str_has_prefix (byline_inline_get_text (byline_block_get_text (block)) + span->start, "đậm."));
  g_assert_cmpuint (span->end, ==, strlen ("Đoạn một có chữ đậm"));

  block = g_ptr_array_index (blocks, 2);
  g_assert_cmpint (byline_block_get_kind (block), ==, BYLINE_BLOCK_LIST);
  g_assert_false (byline_block_get_ordered (block));
  g_assert_cmpuint (byline_block_get_n_items (block), ==, 1);
  g_assert_nonnull (byline_list_item_get_sublist (byline_block_get_item (block, 0)));
  g_assert_true (byline_block_get_ordered (byline_list_item_get_sublist (byline_block_get_item (block, 0))));

  /* Typing at the start of the paragraph under the heading does not make
   * it part of the heading (GTK gives new text the tags of the character
   * before it, here the heading's newline). */
  type_at (buffer, 1, 0, "Mở đầu. ");
  blocks = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (blocks->len, ==, 3);
  block = g_ptr_array_index (blocks, 1);
  g_assert_cmpint (byline_block_get_kind (block), ==, BYLINE_BLOCK_PARAGRAPH);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (block)), ==,
                   "Mở đầu. Đoạn một có chữ đậm.");

  /* Enter inside the heading splits it into two headings; a backspace
   * joining them back gives one. */
  type_at (buffer, 0, 4, "\n");
  blocks = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (blocks->len, ==, 4);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (blocks, 1)), ==, BYLINE_BLOCK_HEADING);
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &end, 1);
  start = end;
  gtk_text_iter_backward_char (&start);
  gtk_text_buffer_delete_interactive (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
  blocks = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (blocks->len, ==, 3);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (g_ptr_array_index (blocks, 0))), ==,
                   "Tiêu đề phụ");

  /* Joining the paragraph onto the heading keeps the heading's kind. */
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &end, 1);
  start = end;
  gtk_text_iter_backward_char (&start);
  gtk_text_buffer_delete_interactive (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
  blocks = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (blocks, 0)), ==, BYLINE_BLOCK_HEADING);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (g_ptr_array_index (blocks, 0))), ==,
                   "Tiêu đề phụMở đầu. Đoạn một có chữ đậm.");
}

/* After any sequence of edits the incrementally kept model is what a full
 * conversion reads, and blocks the edits did not touch keep their identity. */
static void
test_incremental_matches_full (void)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) blocks = sample_blocks ();
  GRand *rand = g_rand_new_with_seed (20231115);
  static const char * const texts[] = { "a", "ế", " ", "\n", "Đoàn\ncông", "tác ", "\n\n" };

  byline_editor_buffer_load (buffer, blocks);
  for (guint step = 0; step < 400; step++)
    {
      GtkTextBuffer *text_buffer = GTK_TEXT_BUFFER (buffer);
      int n_chars = gtk_text_buffer_get_char_count (text_buffer);
      GtkTextIter start, end;
      int action = g_rand_int_range (rand, 0, 6);
      int a = g_rand_int_range (rand, 0, n_chars + 1);
      int b = MIN (n_chars, a + g_rand_int_range (rand, 0, 12));

      gtk_text_buffer_get_iter_at_offset (text_buffer, &start, a);
      gtk_text_buffer_get_iter_at_offset (text_buffer, &end, b);
      switch (action)
        {
        case 0:
        case 1:
          gtk_text_buffer_insert_interactive (text_buffer, &start,
                                              texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))],
                                              -1, TRUE);
          break;
        case 2:
          gtk_text_buffer_delete_interactive (text_buffer, &start, &end, TRUE);
          break;
        case 3:
          {
            BylineLineStyle style = { g_rand_int_range (rand, 0, BYLINE_LINE_OBJECT),
                                      g_rand_int_range (rand, 0, 3), g_rand_boolean (rand) };

            if (style.kind == BYLINE_LINE_HEADING)
              style.level += 2;
            byline_editor_buffer_set_line_style (buffer, &start, &end, &style);
          }
          break;
        case 4:
          byline_editor_buffer_set_mark (buffer, &start, &end, g_rand_int_range (rand, 0, BYLINE_MARK_LINK),
                                         g_rand_boolean (rand), NULL);
          break;
        default:
          byline_editor_buffer_set_mark (buffer, &start, &end, BYLINE_MARK_LINK, g_rand_boolean (rand),
                                         "https://example.com/");
          break;
        }

      {
        g_autoptr(GPtrArray) full = byline_editor_buffer_convert (buffer);

        assert_blocks_equal (byline_editor_buffer_get_blocks (buffer), full);
      }
    }
  g_rand_free (rand);
}

/* One keystroke re-reads only its own paragraph: the other blocks are the
 * same objects as before. */
static void
test_keystroke_touches_one_block (void)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  g_autoptr(GPtrArray) before = NULL;
  GPtrArray *after;
  guint changed = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("Đoạn văn số %u của bài.", i);

      g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new (text)));
    }
  byline_editor_buffer_load (buffer, blocks);
  before = g_ptr_array_copy (byline_editor_buffer_get_blocks (buffer), (GCopyFunc) byline_block_ref, NULL);
  g_ptr_array_set_free_func (before, (GDestroyNotify) byline_block_unref);

  type_at (buffer, 100, 5, "x");
  after = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (after->len, ==, 200);
  for (guint i = 0; i < 200; i++)
    if (g_ptr_array_index (after, i) != g_ptr_array_index (before, i))
      changed++;
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (g_ptr_array_index (after, 100))), ==,
                   "Đoạn xvăn số 100 của bài.");
}

/* Nothing can be typed onto a photo's line; deleting around it keeps it. */
static void
test_objects_are_guarded (void)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  GtkTextIter start, end;
  GPtrArray *model;

  g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new ("Trước ảnh")));
  g_ptr_array_add (blocks, byline_block_new_figure ("f"));
  g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new ("Sau ảnh")));
  byline_editor_buffer_load (buffer, blocks);

  /* Before the anchor, after it: refused. */
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &start, 1);
  g_assert_false (gtk_text_buffer_insert_interactive (GTK_TEXT_BUFFER (buffer), &start, "x", -1, TRUE));
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (buffer), &start, 1, 1);
  g_assert_false (gtk_text_buffer_insert_interactive (GTK_TEXT_BUFFER (buffer), &start, "x", -1, TRUE));

  /* At the start of the next paragraph: fine, and not guarded itself. */
  type_at (buffer, 2, 0, "Ngay ");
  type_at (buffer, 2, 0, "x");
  model = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (model->len, ==, 3);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (g_ptr_array_index (model, 2))), ==,
                   "xNgay Sau ảnh");

  /* Select all and delete: the text goes, the photo stays. */
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  gtk_text_buffer_delete_interactive (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
  model = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (model->len, ==, 1);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (model, 0)), ==, BYLINE_BLOCK_FIGURE);
}

static void
test_objects_move_and_remove (void)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  GtkTextChildAnchor *anchor;
  GPtrArray *model;
  BylineBlock *list = byline_block_new_list (FALSE);
  GtkTextIter iter;
  g_autoptr(BylineBlock) second = byline_block_new_figure ("g");

  byline_block_append_item (list, byline_list_item_new (byline_inline_new ("một"), NULL));
  byline_block_append_item (list, byline_list_item_new (byline_inline_new ("hai"), NULL));
  g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new ("A")));
  g_ptr_array_add (blocks, list);
  g_ptr_array_add (blocks, byline_block_new_figure ("f"));
  g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new ("B")));
  byline_editor_buffer_load (buffer, blocks);

  /* Up past the whole list, not between its items. */
  anchor = byline_editor_buffer_find_object (buffer, "f");
  g_assert_true (byline_editor_buffer_move_object (buffer, anchor, -1));
  model = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (model->len, ==, 4);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (model, 1)), ==, BYLINE_BLOCK_FIGURE);
  g_assert_cmpuint (byline_block_get_n_items (g_ptr_array_index (model, 2)), ==, 2);

  /* Up again to the top: there is still a line above it to type on. */
  anchor = byline_editor_buffer_find_object (buffer, "f");
  g_assert_true (byline_editor_buffer_move_object (buffer, anchor, -1));
  anchor = byline_editor_buffer_find_object (buffer, "f");
  g_assert_false (byline_editor_buffer_move_object (buffer, anchor, -1));
  model = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (model, 0)), ==, BYLINE_BLOCK_FIGURE);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &iter);
  g_assert_null (gtk_text_iter_get_child_anchor (&iter));

  /* Down to the end. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (byline_editor_buffer_move_object (buffer, byline_editor_buffer_find_object (buffer, "f"), 1));
  g_assert_false (byline_editor_buffer_move_object (buffer, byline_editor_buffer_find_object (buffer, "f"), 1));
  model = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (model, 3)), ==, BYLINE_BLOCK_FIGURE);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (g_ptr_array_index (model, 2))), ==, "B");

  /* Insert another after the first paragraph, then remove the first. */
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "A", 0, NULL, &iter, NULL));
  byline_editor_buffer_insert_object (buffer, &iter, second);
  byline_editor_buffer_remove_object (buffer, byline_editor_buffer_find_object (buffer, "f"));
  model = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (model->len, ==, 4);
  g_assert_true (g_ptr_array_index (model, 1) == second);
  {
    g_autoptr(GPtrArray) full = byline_editor_buffer_convert (buffer);

    assert_blocks_equal (model, full);
  }
}

/* Pasted blocks land as their own lines and split the line they land in. */
static void
test_insert_blocks (void)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  g_autoptr(GPtrArray) pasted = sample_blocks ();
  GPtrArray *model;
  GtkTextIter iter;

  g_ptr_array_add (blocks, byline_block_new_heading (2, byline_inline_new ("Đầu đề và đuôi")));
  byline_editor_buffer_load (buffer, blocks);
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (buffer), &iter, 0, 6);
  byline_editor_buffer_insert_blocks (buffer, &iter, pasted);

  model = byline_editor_buffer_get_blocks (buffer);
  g_assert_cmpuint (model->len, ==, pasted->len + 2);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (g_ptr_array_index (model, 0))), ==,
                   "Đầu đề");
  for (guint i = 0; i < pasted->len; i++)
    g_assert_true (byline_block_equal (g_ptr_array_index (model, i + 1), g_ptr_array_index (pasted, i)));
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (model, model->len - 1)), ==,
                   BYLINE_BLOCK_HEADING);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (g_ptr_array_index (model, model->len - 1))),
                   ==, " và đuôi");
}

/* Ctrl+B with nothing selected: what is typed next is bold. */
static void
test_typing_marks (void)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GtkTextIter iter;
  const BylineInline *text;

  byline_editor_buffer_load (buffer, none);
  gtk_text_buffer_insert_interactive_at_cursor (GTK_TEXT_BUFFER (buffer), "Thường ", -1, TRUE);
  byline_editor_buffer_set_typing_mark (buffer, BYLINE_MARK_BOLD, TRUE);
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (buffer), &iter,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (buffer)));
  g_assert_true (byline_editor_buffer_has_mark (buffer, &iter, &iter, BYLINE_MARK_BOLD));
  gtk_text_buffer_insert_interactive_at_cursor (GTK_TEXT_BUFFER (buffer), "đậm", -1, TRUE);
  /* and it goes on being bold, as the text before the cursor is */
  gtk_text_buffer_insert_interactive_at_cursor (GTK_TEXT_BUFFER (buffer), " tiếp", -1, TRUE);

  text = byline_block_get_text (g_ptr_array_index (byline_editor_buffer_get_blocks (buffer), 0));
  g_assert_cmpstr (byline_inline_get_text (text), ==, "Thường đậm tiếp");
  g_assert_cmpuint (byline_inline_get_n_spans (text), ==, 1);
  g_assert_cmpuint (byline_inline_get_span (text, 0)->start, ==, strlen ("Thường "));
  g_assert_cmpuint (byline_inline_get_span (text, 0)->end, ==, strlen ("Thường đậm tiếp"));
}


static void
assert_round_trip (GPtrArray  *blocks,
                   const char *name)
{
  g_autoptr(BylineEditorBuffer) buffer = byline_editor_buffer_new ();
  g_autoptr(GPtrArray) converted = NULL;

  byline_editor_buffer_load (buffer, blocks);
  converted = byline_editor_buffer_convert (buffer);
  if (converted->len != blocks->len)
    g_error ("%s: %u blocks read back, %u loaded", name, converted->len, blocks->len);
  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *loaded = g_ptr_array_index (blocks, i);
      BylineBlock *read = g_ptr_array_index (converted, i);

      if (!byline_block_equal (read, loaded))
        g_error ("%s: block %u (%s) differs after the editor", name, i,
                 byline_block_kind_to_string (byline_block_get_kind (loaded)));
      /* Raw blocks come back byte for byte. */
      if (byline_block_get_kind (loaded) == BYLINE_BLOCK_RAW)
        {
          g_assert_cmpuint (byline_block_get_raw_length (read), ==, byline_block_get_raw_length (loaded));
          g_assert_cmpmem (byline_block_get_raw_markup (read), byline_block_get_raw_length (read),
                           byline_block_get_raw_markup (loaded), byline_block_get_raw_length (loaded));
        }
    }

  /* What the editor gives the article for an untouched post writes back
   * the markup that was loaded, byte for byte. */
  {
    g_autofree char *before = byline_markup_serialize_blocks (blocks);
    g_autofree char *after = byline_markup_serialize_blocks (byline_editor_buffer_get_blocks (buffer));

    g_assert_cmpstr (after, ==, before);
  }
}

/* Every post fixture in tests/data, loaded into the editor and read back,
 * is the same model. */
static void
test_fixtures_round_trip (void)
{
  g_autofree char *dir_path = g_build_filename (g_test_get_dir (G_TEST_DIST), "data", "gutenberg", "blocks", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n_blocks = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".html"))
      g_ptr_array_add (names, g_build_filename ("data", "gutenberg", "blocks", name, NULL));
  g_ptr_array_add (names, g_strdup ("data/gutenberg/large-post.html"));
  g_assert_cmpuint (names->len, >=, 40);

  for (guint i = 0; i < names->len; i++)
    {
      gsize length;
      g_autofree char *markup = read_test_file (g_ptr_array_index (names, i), &length);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) blocks = byline_markup_parse_blocks (markup, length, &error);

      g_assert_no_error (error);
      assert_round_trip (blocks, g_ptr_array_index (names, i));
      n_blocks += blocks->len;
    }
  g_test_message ("%u fixtures, %u blocks", names->len, n_blocks);

  {
    g_autoptr(BylineArticle) seed = build_seed_article (TRUE);

    assert_round_trip (byline_article_get_blocks (seed), "seed");
  }
}

int
main (int   argc,
      char *argv[])
{
  byline_test_init_ui (&argc, &argv);

  g_test_add_func ("/editor-buffer/round-trip", test_round_trip);
  g_test_add_func ("/editor-buffer/buffer-shape", test_buffer_shape);
  g_test_add_func ("/editor-buffer/edits-make-blocks", test_edits_make_blocks);
  g_test_add_func ("/editor-buffer/incremental-matches-full", test_incremental_matches_full);
  g_test_add_func ("/editor-buffer/keystroke-touches-one-block", test_keystroke_touches_one_block);
  g_test_add_func ("/editor-buffer/objects-are-guarded", test_objects_are_guarded);
  g_test_add_func ("/editor-buffer/objects-move-and-remove", test_objects_move_and_remove);
  g_test_add_func ("/editor-buffer/insert-blocks", test_insert_blocks);
  g_test_add_func ("/editor-buffer/typing-marks", test_typing_marks);
  g_test_add_func ("/editor-buffer/fixtures-round-trip", test_fixtures_round_trip);

  return g_test_run ();
}
