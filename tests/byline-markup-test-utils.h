/* byline-markup-test-utils.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers the block markup tests share: building marked Vietnamese text,
 * and the seed article built the way a reporter would.
 */

#pragma once

#include <string.h>

#include "byline-article.h"

/* @text with @kind marked over the first occurrence of @what. */
static inline void
mark_text (BylineInline   *inl,
           BylineMarkKind  kind,
           const char     *what,
           const char     *href)
{
  const char *text = byline_inline_get_text (inl);
  const char *at = strstr (text, what);

  g_assert_nonnull (at);
  byline_inline_add_mark (inl, kind, at - text, at - text + strlen (what), href);
}

/* A file under tests/, by its path relative to it ("data/seed/…"). */
static inline char *
read_test_file (const char *relative,
                gsize      *length)
{
  g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_DIST), relative, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

/* The seed article (tests/data/seed), as a reporter types it into Byline:
 * the headline, the first paragraph as the lead, the other paragraphs, a
 * photo where each caption line stands (caption, alt text, credit), and the
 * byline as the last paragraph. With @uploaded the photos carry the media
 * ids and addresses the portal gave them; without, only local paths. */
static inline BylineArticle *
build_seed_article (gboolean uploaded)
{
  g_autofree char *text = read_test_file ("data/seed/gia-vien-poverty-article.txt", NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  BylineArticle *article = byline_article_new (NULL);
  guint n_photos = 0, paragraphs = 0;
  gboolean date_seen = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      gsize len = strlen (line);

      if (len == 0)
        continue;
      if (!date_seen)
        {
          /* Site name, headline, date line. */
          if (g_str_has_prefix (line, "Thứ "))
            date_seen = TRUE;
          else if (g_str_has_prefix (line, "Đoàn công tác"))
            byline_article_set_title (article, line);
          continue;
        }
      if (g_str_equal (line, "Bài viết khác"))
        break;

      if (paragraphs == 0)
        {
          byline_article_set_lead (article, line);
          paragraphs++;
        }
      else if (g_str_has_suffix (line, ".") || strstr (line, "VHTT&TT") != NULL)
        {
          byline_article_append_block (article, byline_block_new_paragraph (byline_inline_new (line)));
          paragraphs++;
        }
      else
        {
          /* A caption: the photo stood here. */
          BylineBlock *figure = byline_block_new_figure (NULL);
          g_autofree char *path = g_strdup_printf ("photos/anh-%u.jpg", ++n_photos);

          byline_block_set_local_path (figure, path);
          byline_block_set_caption (figure, byline_inline_new (line));
          byline_block_set_alt (figure, line);
          byline_block_set_credit (figure, "Ảnh: Cẩm Vân");
          if (uploaded)
            {
              g_autofree char *url = g_strdup_printf ("http://127.0.0.1:18080/wp-content/uploads/2023/11/anh-%u-1024x683.jpg",
                                                      n_photos);

              byline_block_set_media (figure, 40 + n_photos, url);
            }
          byline_article_append_block (article, figure);
        }
    }

  g_assert_cmpuint (n_photos, ==, 3);

  return article;
}

/* One block of every kind, every mark, and the characters that need
 * escaping in text, attributes and block comments. */
static inline GPtrArray *
build_all_kinds (void)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  g_autoptr(BylineBlock) list = byline_block_new_list (TRUE);
  g_autoptr(BylineBlock) sublist = byline_block_new_list (FALSE);
  BylineInline *text = byline_inline_new ("Giá < 5 & > 3 \"đồng\", H2O, x2, cũ, xem tại đây -- hết\ndòng mới");
  BylineBlock *quote = byline_block_new_quote ();
  BylineBlock *figure = byline_block_new_figure (NULL);
  BylineBlock *local = byline_block_new_figure (NULL);

  mark_text (text, BYLINE_MARK_BOLD, "Giá", NULL);
  mark_text (text, BYLINE_MARK_ITALIC, "đồng", NULL);
  mark_text (text, BYLINE_MARK_SUBSCRIPT, "2O", NULL);
  mark_text (text, BYLINE_MARK_SUPERSCRIPT, "2,", NULL);
  mark_text (text, BYLINE_MARK_STRIKETHROUGH, "cũ", NULL);
  mark_text (text, BYLINE_MARK_LINK, "xem tại đây", "https://giavien.example.vn/?a=1&b=\"2\"");
  mark_text (text, BYLINE_MARK_BOLD, "đây -- hết", NULL);
  g_ptr_array_add (blocks, byline_block_new_paragraph (text));
  {
    /* A link that opens in a new tab, as WordPress's editor writes it. */
    BylineInline *new_tab = byline_inline_new ("Xem trang mới");
    const char *str = byline_inline_get_text (new_tab);
    const char *at = strstr (str, "trang mới");

    byline_inline_add_link (new_tab, at - str, strlen (str), "https://giavien.example.vn/",
                            "_blank", "noreferrer noopener");
    g_ptr_array_add (blocks, byline_block_new_paragraph (new_tab));
  }
  for (guint level = 1; level <= 6; level++)
    g_ptr_array_add (blocks, byline_block_new_heading (level, byline_inline_new ("Tiêu đề <3>")));
  byline_block_append_item (sublist, byline_list_item_new (byline_inline_new ("Con"), NULL));
  byline_block_append_item (list, byline_list_item_new (byline_inline_new ("Mẹ"), g_steal_pointer (&sublist)));
  byline_block_append_item (list, byline_list_item_new (byline_inline_new ("Hai"), NULL));
  g_ptr_array_add (blocks, g_steal_pointer (&list));
  byline_block_append_paragraph (quote, byline_inline_new ("Trích\ndẫn"));
  byline_block_append_paragraph (quote, byline_inline_new ("Đoạn hai"));
  byline_block_set_citation (quote, byline_inline_new ("Lê Thị Lựu"));
  g_ptr_array_add (blocks, quote);
  byline_block_set_media (figure, 9, "https://giavien.example.vn/anh.jpg?w=1&h=2");
  byline_block_set_align (figure, BYLINE_ALIGN_CENTER);
  byline_block_set_alt (figure, "Ảnh \"đẹp\" & rõ");
  byline_block_set_caption (figure, byline_inline_new ("Chú thích"));
  byline_block_set_credit (figure, "Ảnh: Cẩm Vân & cộng sự");
  g_ptr_array_add (blocks, figure);
  byline_block_set_local_path (local, "/home/camvan/Ảnh/a.jpg");
  byline_block_set_align (local, BYLINE_ALIGN_RIGHT);
  byline_block_set_credit (local, "Ảnh: Cẩm Vân");
  g_ptr_array_add (blocks, local);
  g_ptr_array_add (blocks, byline_block_new_separator ());

  return blocks;
}
