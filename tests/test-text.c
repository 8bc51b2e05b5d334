/* test-text.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "byline-i18n.h"
#include "byline-text.h"

#define SEED_HEADLINE \
  "Đoàn công tác của tỉnh kiểm tra, giám sát kết quả thực hiện công tác giảm nghèo năm 2023"

static void
test_normalize_composes_vietnamese (void)
{
  /* "Việt" typed as V i e + circumflex + dot below + t (decomposed). */
  const char *decomposed = "Vie\xcc\x82\xcc\xa3t Nam";
  g_autofree char *nfc = byline_text_normalize (decomposed, -1);

  g_assert_cmpstr (nfc, ==, "Việt Nam");
}

static void
test_normalize_repairs_invalid_utf8 (void)
{
  g_autofree char *fixed = byline_text_normalize ("ok\xff\xfe ok", -1);

  g_assert_true (g_utf8_validate (fixed, -1, NULL));
  g_assert_true (g_str_has_prefix (fixed, "ok"));
  g_assert_true (g_str_has_suffix (fixed, " ok"));
}

static void
test_slug_seed_headline (void)
{
  g_autofree char *slug = byline_text_slugify (SEED_HEADLINE);

  g_assert_cmpstr (slug, ==,
                   "doan-cong-tac-cua-tinh-kiem-tra-giam-sat-ket-qua-thuc-hien-cong-tac-giam-ngheo-nam-2023");
}

static void
test_slug_cases (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Tin tức giảm nghèo", "tin-tuc-giam-ngheo" },
    { "Giảm nghèo 2023", "giam-ngheo-2023" },
    { "ĐƯỜNG ĐI KHÓ, ĐI XE ĐẠP", "duong-di-kho-di-xe-dap" },
    { "Hello, World! 100% “quoted” — dash", "hello-world-100-quoted-dash" },
    { "Æsir & Þór", "aesir-thor" },
    { "a.b/c", "a-b-c" },
    { "  --Trim--  ", "trim" },
    { "中文", "%e4%b8%ad%e6%96%87" },
    { "", "" },
    { "<b>Bold</b> title", "bold-title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = byline_text_slugify (cases[i].in);

      g_assert_cmpstr (slug, ==, cases[i].out);
    }
}

static void
test_slug_decomposed_input (void)
{
  g_autofree char *nfd = g_utf8_normalize (SEED_HEADLINE, -1, G_NORMALIZE_NFD);
  g_autofree char *slug = byline_text_slugify (nfd);
  g_autofree char *expected = byline_text_slugify (SEED_HEADLINE);

  g_assert_cmpstr (slug, ==, expected);
}

static void
test_slug_is_limited_to_200_bytes (void)
{
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autofree char *slug = NULL;

  for (int i = 0; i < 100; i++)
    g_string_append (long_title, "giảm nghèo ");
  slug = byline_text_slugify (long_title->str);
  g_assert_cmpuint (strlen (slug), <=, 200);
  g_assert_true (g_str_has_prefix (slug, "giam-ngheo-giam-ngheo"));
}

static void
test_search_ignores_accents_and_case (void)
{
  g_autofree char *key = byline_text_search_key ("Đoàn công tác kiểm tra GIẢM NGHÈO năm 2023");

  g_assert_cmpstr (key, ==, "doan cong tac kiem tra giam ngheo nam 2023");
  g_assert_true (byline_text_search_matches (key, "giam ngheo"));
  g_assert_true (byline_text_search_matches (key, "giảm nghèo"));
  g_assert_true (byline_text_search_matches (key, "Đoàn  2023"));
  g_assert_true (byline_text_search_matches (key, ""));
  g_assert_false (byline_text_search_matches (key, "giam ngheo 2024"));
  g_assert_false (byline_text_search_matches (key, "ho ngheo"));
}

static void
test_word_count (void)
{
  g_assert_cmpuint (byline_text_count_words (""), ==, 0);
  g_assert_cmpuint (byline_text_count_words ("   \n "), ==, 0);
  g_assert_cmpuint (byline_text_count_words ("giảm nghèo"), ==, 2);
  g_assert_cmpuint (byline_text_count_words ("Ngày 14/11, Đoàn công tác — của tỉnh."), ==, 7);
  g_assert_cmpuint (byline_text_count_words ("well-known reporter's note"), ==, 3);
  g_assert_cmpuint (byline_text_count_words (SEED_HEADLINE), ==, 19);
}

static void
test_reading_minutes (void)
{
  g_assert_cmpuint (byline_text_reading_minutes (0), ==, 0);
  g_assert_cmpuint (byline_text_reading_minutes (20), ==, 1);
  g_assert_cmpuint (byline_text_reading_minutes (600), ==, 3);
}

/* glibc caches translations per locale name, not per LANGUAGE; the gettext
 * manual's way to make a LANGUAGE change take effect is to bump this. */
extern int _nl_msg_cat_cntr;

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

/* Weekday names come from Byline's catalogue, not from the system's locale
 * (vi_VN is usually not installed on these machines). */
static void
test_date_line (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2023, 11, 15, 8, 0, 0);
  g_autofree char *english = NULL;
  g_autofree char *vietnamese = NULL;
  g_autoptr(GDateTime) sunday = g_date_time_new_utc (2023, 11, 19, 8, 0, 0);
  g_autofree char *chu_nhat = NULL;

  /* Vietnamese first: GLib decides once, at the first lookup, whether this
   * process translates at all, and it would not under LANGUAGE=en. */
  set_language ("vi");
  vietnamese = byline_text_format_date_line (date);
  chu_nhat = byline_text_format_date_line (sunday);
  g_assert_cmpstr (vietnamese, ==, "Thứ tư, 15/11/2023");
  g_assert_cmpstr (chu_nhat, ==, "Chủ nhật, 19/11/2023");

  set_language ("en");
  english = byline_text_format_date_line (date);
  g_assert_cmpstr (english, ==, "Wednesday, 15/11/2023");
}

static char *
relative (GDateTime *now,
          GTimeSpan  ago)
{
  g_autoptr(GDateTime) then = g_date_time_add (now, -ago);

  return byline_text_format_relative_time (then, now);
}

/* The drafts list says when each draft changed, in the user's language. */
static void
test_relative_time (void)
{
  /* Mid-afternoon local time, so "hours ago" stays on the same day. */
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 25, 15, 30, 0);
  g_autoptr(GDateTime) last_year = g_date_time_new_local (2025, 3, 4, 9, 0, 0);
  struct {
    GTimeSpan   ago;
    const char *vi;
    const char *en;
  } cases[] = {
    { 20 * G_TIME_SPAN_SECOND, "vừa xong", "just now" },
    { -5 * G_TIME_SPAN_MINUTE, "vừa xong", "just now" },
    { 1 * G_TIME_SPAN_MINUTE, "1 phút trước", "1 minute ago" },
    { 5 * G_TIME_SPAN_MINUTE, "5 phút trước", "5 minutes ago" },
    { 3 * G_TIME_SPAN_HOUR, "3 giờ trước", "3 hours ago" },
    { 20 * G_TIME_SPAN_HOUR, "hôm qua", "yesterday" },
    { 3 * G_TIME_SPAN_DAY, "3 ngày trước", "3 days ago" },
    { 20 * G_TIME_SPAN_DAY, "05/11", "Nov 5" },
  };

  set_language ("vi");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = relative (now, cases[i].ago);

      g_assert_cmpstr (text, ==, cases[i].vi);
    }
  {
    g_autofree char *text = byline_text_format_relative_time (last_year, now);
    g_autofree char *words = byline_text_format_word_count (250);

    g_assert_cmpstr (text, ==, "04/03/2025");
    g_assert_cmpstr (words, ==, "250 chữ");
  }

  set_language ("en");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = relative (now, cases[i].ago);

      g_assert_cmpstr (text, ==, cases[i].en);
    }
  {
    g_autofree char *text = byline_text_format_relative_time (last_year, now);
    g_autofree char *one = byline_text_format_word_count (1);

    g_assert_cmpstr (text, ==, "Mar 4, 2025");
    g_assert_cmpstr (one, ==, "1 word");
  }
}

/* Already composed text is copied, not normalized: the result must be
 * what full NFC gives, also when a composed letter is followed by a
 * combining mark or a singleton (Ω, Å signs) appears. */
static void
test_normalize_agrees_with_nfc (void)
{
  static const char * const texts[] = {
    "Đoàn công tác của tỉnh — “giảm nghèo” 1,92% …",
    "e\xcc\x82\xcc\x81 \xc3\xaa\xcc\x81 \xe1\xba\xbf",   /* ê + acute, three ways */
    "\xe2\x84\xa6 \xe2\x84\xab \xef\xa4\x80",             /* OHM SIGN, ANGSTROM SIGN, U+F900 */
    "A\xcc\x8a ho\xcc\x9b\xcc\x80",
    "Plain ASCII",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *ours = byline_text_normalize (texts[i], -1);
      g_autofree char *nfc = g_utf8_normalize (texts[i], -1, G_NORMALIZE_NFC);

      g_assert_cmpstr (ours, ==, nfc);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* LANGUAGE is honoured only in a non-C locale. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  byline_i18n_init ();

  g_test_add_func ("/text/normalize/composes-vietnamese", test_normalize_composes_vietnamese);
  g_test_add_func ("/text/normalize/repairs-invalid-utf8", test_normalize_repairs_invalid_utf8);
  g_test_add_func ("/text/normalize/agrees-with-nfc", test_normalize_agrees_with_nfc);
  g_test_add_func ("/text/slug/seed-headline", test_slug_seed_headline);
  g_test_add_func ("/text/slug/cases", test_slug_cases);
  g_test_add_func ("/text/slug/decomposed-input", test_slug_decomposed_input);
  g_test_add_func ("/text/slug/limited-to-200-bytes", test_slug_is_limited_to_200_bytes);
  g_test_add_func ("/text/search/ignores-accents-and-case", test_search_ignores_accents_and_case);
  g_test_add_func ("/text/word-count", test_word_count);
  g_test_add_func ("/text/reading-minutes", test_reading_minutes);
  g_test_add_func ("/text/date-line", test_date_line);
  g_test_add_func ("/text/relative-time", test_relative_time);

  return g_test_run ();
}
