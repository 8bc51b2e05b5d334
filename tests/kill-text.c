/* kill-text.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kill-text.h"

static const char source[] =
  "Trong năm 2023, huyện Gia Viễn đã tích cực chỉ đạo triển khai, thực hiện đồng bộ "
  "các nhiệm vụ, giải pháp giảm nghèo bền vững và đạt được nhiều kết quả quan trọng.\n"
  "Đoàn công tác của tỉnh kiểm tra, giám sát kết quả thực hiện công tác giảm nghèo "
  "trên địa bàn huyện; người dân được tiếp cận các dịch vụ xã hội cơ bản.\n"
  "Phóng viên ghi nhận: “Không để ai bị bỏ lại phía sau” – đồng chí Phó Chủ tịch nói.\n";

static gunichar *chars;
static glong n_chars;

static void
ensure_chars (void)
{
  if (chars == NULL)
    chars = g_utf8_to_ucs4_fast (source, -1, &n_chars);
}

gunichar
byline_kill_text_char_at (guint64 index)
{
  ensure_chars ();

  return chars[index % n_chars];
}

char *
byline_kill_text_of_article (BylineArticle *article)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    {
      BylineBlock *block = byline_article_get_block (article, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      if (byline_block_get_kind (block) == BYLINE_BLOCK_PARAGRAPH)
        g_string_append (text, byline_inline_get_text (byline_block_get_text (block)));
      else
        g_string_append (text, "\x01");   /* never typed: fails the prefix check */
    }

  return g_string_free (text, FALSE);
}

gboolean
byline_kill_text_is_prefix (const char *text)
{
  guint64 i = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), i++)
    if (g_utf8_get_char (p) != byline_kill_text_char_at (i))
      return FALSE;

  return TRUE;
}
