/* test-slug-wordpress.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Byline previews the address a post will get; it must be the address
 * WordPress will really give it. This compares byline_text_slugify() with
 * WordPress's own sanitize_title(), run by PHP from the installed wordpress
 * package (the one the test portal serves), over Vietnamese headlines and
 * punctuation, symbols and scripts that have tripped slug code before.
 */

#include "config.h"

#include <stdio.h>

#include <gio/gio.h>

#include "byline-text.h"

#define WORDPRESS_DIR "/usr/share/wordpress"

static const char * const titles[] = {
  "Đoàn công tác của tỉnh kiểm tra, giám sát kết quả thực hiện công tác giảm nghèo năm 2023",
  "Đồng chí Ngô Hùng Khánh, Uỷ viên BTV Huyện ủy, Phó Chủ tịch UBND huyện chủ trì làm việc",
  "Huyện Gia Viễn: 777 hộ nghèo, chiếm 1,92%, giảm 155 hộ",
  "ĐƯỜNG ĐI KHÓ – “ĐI XE ĐẠP” … được không?",
  "Sở Lao động- TB&XH; Văn phòng HĐND&UBND huyện",
  "Quỹ “Vì người nghèo” nhận 50.000.000 đồng",
  "Tin bài: ảnh/video mới nhất (cập nhật 15/11)",
  "Ứng phó bão số 9 – Ưu tiên người dân vùng trũng",
  "Ỷ lại, ỷ vào; Ỹ Ỵ ỵ ỹ ỷ",
  "Ơn nghĩa – Ướt át – Ửng hồng",
  "Hello, World! 100% done — ok",
  "Æsir & Þór, Straße, Œuvre, Łódź, Øresund",
  "Scheduled post 10×20 ©2023 ® ™ °C",
  "Tabs\tand  double  spaces",
  "中文标题 và tiếng Việt",
  "Привет мир",
  "<strong>Bold</strong> title &amp; entity &nbsp; space",
  "a%20b %zz c%",
  "...Dots...and---dashes---",
  "ǎǐǒǔǖǘǚǜ pinyin",
  "Ș ș Ț ț Romanian",
};

static void
test_slugs_match_wordpress (void)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "wp-sanitize-title.php", NULL);
  const char *argv[] = { "php", script, WORDPRESS_DIR, NULL };
  g_autoptr(GSubprocess) php = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_string_append_printf (input, "%s\n", titles[i]);

  php = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                 G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (php, input->str, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (php));

  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (titles) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *ours = byline_text_slugify (titles[i]);

      g_test_message ("%s -> %s", titles[i], lines[i]);
      g_assert_cmpstr (ours, ==, lines[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *php = g_find_program_in_path ("php");

  g_test_init (&argc, &argv, NULL);

  if (php == NULL || !g_file_test (WORDPRESS_DIR "/wp-includes/formatting.php", G_FILE_TEST_EXISTS))
    {
      printf ("1..0 # SKIP needs php and Debian's wordpress package (build-aux/dev test installs them)\n");
      return 0;
    }

  g_test_add_func ("/text/slug/matches-wordpress", test_slugs_match_wordpress);

  return g_test_run ();
}
