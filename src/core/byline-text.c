/* byline-text.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-text"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "byline-text.h"

/**
 * byline_text_normalize:
 * @text: text in any Unicode normalization form, possibly invalid UTF-8
 * @length: length of @text in bytes, or -1 if nul-terminated
 *
 * Returns @text as valid UTF-8 in NFC. Vietnamese typed on some systems
 * arrives decomposed (a base letter followed by combining tone marks); the
 * model, the spell checker and WordPress's slugs all expect it composed.
 * Invalid bytes become U+FFFD rather than failing, so no typed text is lost.
 *
 * Returns: (transfer full): the normalized text
 */
/* Whether NFC leaves every character of valid UTF-8 @text as it is,
 * judged by ranges of code points NFC never changes whatever surrounds them:
 * ASCII and the Latin blocks below the combining marks, Vietnamese's
 * precomposed letters (Latin Extended Additional) and common punctuation.
 * Text with anything else (a combining mark above all) takes the full
 * normalization. */
static gboolean
is_nfc_stable (const char *text,
               gssize      length)
{
  const char *end = length < 0 ? NULL : text + length;

  for (const char *p = text; (end == NULL ? *p != '\0' : p < end); p = g_utf8_next_char (p))
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        continue;
      c = g_utf8_get_char (p);
      if (!(c < 0x0300 || (c >= 0x1E00 && c <= 0x1EFF) ||
            (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E)))
        return FALSE;
    }

  return TRUE;
}

char *
byline_text_normalize (const char *text,
                       gssize      length)
{
  g_autofree char *valid = NULL;
  char *normalized;

  g_return_val_if_fail (text != NULL, NULL);

  /* The common case, already NFC (parsing a post calls this for every
   * piece of text): a copy. */
  if (g_utf8_validate (text, length, NULL) && is_nfc_stable (text, length))
    return length < 0 ? g_strdup (text) : g_strndup (text, length);

  valid = g_utf8_make_valid (text, length);
  normalized = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);

  /* g_utf8_normalize() only fails on invalid UTF-8, which make_valid ruled out. */
  return normalized != NULL ? normalized : g_steal_pointer (&valid);
}

/* Letters WordPress's remove_accents() maps to something other than their
 * canonical decomposition's base letter (or that have no decomposition). */
static const struct
{
  gunichar    ch;
  const char *ascii;
} special_letters[] = {
  { 0x00AA, "a" },  { 0x00BA, "o" },  { 0x00C6, "AE" }, { 0x00D0, "D" },
  { 0x00D8, "O" },  { 0x00DE, "TH" }, { 0x00DF, "s" },  { 0x00E6, "ae" },
  { 0x00F0, "d" },  { 0x00F8, "o" },  { 0x00FE, "th" }, { 0x0110, "D" },
  { 0x0111, "d" },  { 0x0126, "H" },  { 0x0127, "h" },  { 0x0131, "i" },
  { 0x0132, "IJ" }, { 0x0133, "ij" }, { 0x0138, "k" },  { 0x013F, "L" },
  { 0x0140, "l" },  { 0x0141, "L" },  { 0x0142, "l" },  { 0x0149, "n" },
  { 0x014A, "N" },  { 0x014B, "n" },  { 0x0152, "OE" }, { 0x0153, "oe" },
  { 0x0166, "T" },  { 0x0167, "t" },  { 0x017F, "s" },  { 0x0251, "a" },
  { 0x20AC, "E" },  { 0x00A3, "" },
};

/* The ranges whose letters remove_accents() reduces to their base letter:
 * Latin-1 Supplement and Latin Extended-A, the Latin Extended-B letters of
 * Romanian, Vietnamese and Hanyu Pinyin, and Vietnamese's Latin Extended
 * Additional block. Other scripts keep their letters (and are later
 * percent-encoded in slugs, as WordPress does). */
static gboolean
in_accent_ranges (gunichar ch)
{
  return (ch >= 0x00C0 && ch <= 0x017F && ch != 0x00D7 && ch != 0x00F7) ||
         (ch >= 0x0218 && ch <= 0x021B) ||
         ch == 0x01A0 || ch == 0x01A1 || ch == 0x01AF || ch == 0x01B0 ||
         (ch >= 0x01CD && ch <= 0x01DC) ||
         (ch >= 0x1EA0 && ch <= 0x1EF9);
}

static gboolean
append_ascii_for (GString  *out,
                  gunichar  ch)
{
  for (guint i = 0; i < G_N_ELEMENTS (special_letters); i++)
    {
      if (special_letters[i].ch == ch)
        {
          g_string_append (out, special_letters[i].ascii);
          return TRUE;
        }
    }

  if (in_accent_ranges (ch))
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = g_unichar_fully_decompose (ch, FALSE, decomposed, G_N_ELEMENTS (decomposed));

      if (n > 0 && decomposed[0] < 0x80)
        {
          g_string_append_c (out, (char) decomposed[0]);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * byline_text_remove_accents:
 * @text: UTF-8 text
 *
 * Replaces accented Latin letters by their ASCII letters the way
 * WordPress's remove_accents() does for the default locale: all Vietnamese
 * tone marks go, "đ" becomes "d", "Æ" becomes "AE", and so on.
 *
 * Returns: (transfer full): the text without accents
 */
char *
byline_text_remove_accents (const char *text)
{
  g_autofree char *nfc = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  nfc = byline_text_normalize (text, -1);
  out = g_string_sized_new (strlen (nfc));

  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch < 0x80 || !append_ascii_for (out, ch))
        g_string_append_unichar (out, ch);
    }

  return g_string_free (out, FALSE);
}

/* Percent-encoded characters that WordPress's sanitize_title_with_dashes()
 * drops from slugs (soft hyphen, inverted marks, quotes, bullets, symbols,
 * lone accents, zero-width and direction marks) ... */
static const char * const slug_stripped[] = {
  "%c2%ad", "%c2%a1", "%c2%bf", "%c2%ab", "%c2%bb", "%e2%80%b9", "%e2%80%ba",
  "%e2%80%98", "%e2%80%99", "%e2%80%9c", "%e2%80%9d", "%e2%80%9a", "%e2%80%9b",
  "%e2%80%9e", "%e2%80%9f", "%e2%80%a2", "%c2%a9", "%c2%ae", "%c2%b0", "%e2%80%a6",
  "%e2%84%a2", "%c2%b4", "%cb%8a", "%cc%81", "%cd%81", "%cc%80", "%cc%84", "%cc%8c",
  "%e2%80%8b", "%e2%80%8c", "%e2%80%8d", "%e2%80%8e", "%e2%80%8f", "%e2%80%aa",
  "%e2%80%ab", "%e2%80%ac", "%e2%80%ad", "%e2%80%ae", "%ef%bb%bf", "%ef%bf%bc",
};

/* ... and those it turns into hyphens (no-break space, dashes, wide spaces). */
static const char * const slug_hyphens[] = {
  "%c2%a0", "%e2%80%93", "%e2%80%94", "&nbsp;", "&#160;", "&ndash;", "&#8211;",
  "&mdash;", "&#8212;", "/", "%e2%80%80", "%e2%80%81", "%e2%80%82", "%e2%80%83",
  "%e2%80%84", "%e2%80%85", "%e2%80%86", "%e2%80%87", "%e2%80%88", "%e2%80%89",
  "%e2%80%8a", "%e2%80%a8", "%e2%80%a9", "%e2%80%af",
};

static void
replace_all (GString    *string,
             const char *find,
             const char *replacement)
{
  g_string_replace (string, find, replacement, 0);
}

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

/* WordPress's utf8_uri_encode($text, 200): non-ASCII bytes become lower-case
 * %xx, and the result stops before the character that would pass 200 bytes. */
static void
uri_encode_limited (GString    *out,
                    const char *text,
                    gsize       limit)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize n = g_utf8_next_char (p) - p;

      if ((guchar) *p < 0x80)
        {
          if (out->len + 1 > limit)
            return;
          g_string_append_c (out, *p);
        }
      else
        {
          if (out->len + n * 3 > limit)
            return;
          for (gsize i = 0; i < n; i++)
            g_string_append_printf (out, "%%%x", (guchar) p[i]);
        }
    }
}

/**
 * byline_text_slugify:
 * @text: a headline
 *
 * Computes the slug WordPress generates for @text when a post is saved
 * (sanitize_title() in the "save" context): accents removed, lower case,
 * spaces and dashes to hyphens, punctuation dropped, other scripts
 * percent-encoded, at most 200 bytes. For the seed headline "Đoàn công tác
 * của tỉnh kiểm tra, giám sát kết quả thực hiện công tác giảm nghèo năm
 * 2023" this gives "doan-cong-tac-cua-tinh-kiem-tra-giam-sat-ket-qua-thuc-hien-
 * cong-tac-giam-ngheo-nam-2023", as the portal does.
 *
 * Returns: (transfer full): the slug, possibly empty
 */
char *
byline_text_slugify (const char *text)
{
  g_autofree char *plain = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GString) s = NULL;
  g_autoptr(GString) kept = NULL;
  g_autoptr(GString) encoded = NULL;
  g_autoptr(GString) out = NULL;
  gboolean in_tag = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  plain = byline_text_remove_accents (text);

  /* strip_tags() */
  s = g_string_new (NULL);
  for (const char *p = plain; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (s, *p);
    }

  /* Keep escaped octets (%xx), drop any other percent sign. */
  kept = g_string_new (NULL);
  for (gsize i = 0; i < s->len; i++)
    {
      if (s->str[i] == '%')
        {
          if (i + 2 < s->len && is_hex (s->str[i + 1]) && is_hex (s->str[i + 2]))
            {
              g_string_append_len (kept, s->str + i, 3);
              i += 2;
            }
          continue;
        }
      g_string_append_c (kept, s->str[i]);
    }

  lower = g_utf8_strdown (kept->str, -1);
  encoded = g_string_new (NULL);
  uri_encode_limited (encoded, lower, 200);
  g_string_ascii_down (encoded);

  for (guint i = 0; i < G_N_ELEMENTS (slug_hyphens); i++)
    replace_all (encoded, slug_hyphens[i], "-");
  for (guint i = 0; i < G_N_ELEMENTS (slug_stripped); i++)
    replace_all (encoded, slug_stripped[i], "");
  replace_all (encoded, "%c3%97", "x");

  /* Kill entities ("&…;"), dots become hyphens, keep only [%a-z0-9 _-]
   * (so tabs and newlines go), spaces become hyphens, hyphen runs collapse,
   * and hyphens are trimmed. */
  out = g_string_new (NULL);
  for (gsize i = 0; i < encoded->len; i++)
    {
      char c = encoded->str[i];

      if (c == '&')
        {
          const char *semi = memchr (encoded->str + i + 2, ';',
                                     encoded->len > i + 2 ? encoded->len - i - 2 : 0);
          if (i + 2 <= encoded->len && semi != NULL)
            {
              i = semi - encoded->str;
              continue;
            }
        }
      if (c == '.')
        c = '-';
      if (c == ' ')
        c = '-';
      if (!(c == '%' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
        continue;
      if (c == '-' && out->len > 0 && out->str[out->len - 1] == '-')
        continue;
      if (c == '-' && out->len == 0)
        continue;
      g_string_append_c (out, c);
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * byline_text_search_key:
 * @text: any text
 *
 * A key for accent- and case-insensitive search: Vietnamese without its tone
 * marks, "đ" as "d", folded case, whitespace collapsed. "Giảm nghèo" and
 * "giam ngheo" have the same key.
 *
 * Returns: (transfer full): the search key
 */
char *
byline_text_search_key (const char *text)
{
  g_autofree char *nfd = NULL;
  g_autofree char *folded = NULL;
  GString *key;
  gboolean space = TRUE;

  g_return_val_if_fail (text != NULL, NULL);

  {
    g_autofree char *valid = g_utf8_make_valid (text, -1);
    folded = g_utf8_casefold (valid, -1);
  }
  nfd = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  key = g_string_sized_new (strlen (nfd));

  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_ismark (ch))
        continue;
      if (ch == 0x0111 || ch == 0x0110)
        ch = 'd';
      if (g_unichar_isspace (ch))
        {
          if (!space)
            g_string_append_c (key, ' ');
          space = TRUE;
          continue;
        }
      g_string_append_unichar (key, ch);
      space = FALSE;
    }
  if (key->len > 0 && key->str[key->len - 1] == ' ')
    g_string_truncate (key, key->len - 1);

  return g_string_free (key, FALSE);
}

/**
 * byline_text_search_matches:
 * @haystack_key: a key from byline_text_search_key()
 * @query: what the user typed
 *
 * Whether every word of @query occurs in @haystack_key, ignoring accents and
 * case. An empty query matches everything.
 */
gboolean
byline_text_search_matches (const char *haystack_key,
                            const char *query)
{
  g_autofree char *query_key = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (haystack_key != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  query_key = byline_text_search_key (query);
  words = g_strsplit (query_key, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0' && strstr (haystack_key, words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * byline_text_count_words:
 * @text: UTF-8 text
 *
 * Counts words as office word processors do: runs of non-space characters
 * with at least one letter or digit ("14/11," is one word, a lone dash is
 * none). A Vietnamese syllable counts as a word ("giảm nghèo" is two).
 */
guint
byline_text_count_words (const char *text)
{
  gboolean in_token = FALSE, token_counted = FALSE;
  guint count = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch))
        {
          in_token = FALSE;
          continue;
        }
      if (!in_token)
        {
          in_token = TRUE;
          token_counted = FALSE;
        }
      if (!token_counted && g_unichar_isalnum (ch))
        {
          count++;
          token_counted = TRUE;
        }
    }

  return count;
}

/**
 * byline_text_reading_minutes:
 * @words: a word count
 *
 * Minutes an average reader needs for @words words (200 a minute, as news
 * sites estimate), at least one minute for any text.
 */
guint
byline_text_reading_minutes (guint words)
{
  if (words == 0)
    return 0;

  return MAX (1, (words + 100) / 200);
}

static const char * const weekdays[] = {
  /* Translators: weekday names in a date line such as "Thứ tư, 15/11/2023";
   * Vietnamese newsrooms write "Thứ hai" … "Thứ bảy", "Chủ nhật" */
  NC_("weekday", "Monday"),
  NC_("weekday", "Tuesday"),
  NC_("weekday", "Wednesday"),
  NC_("weekday", "Thursday"),
  NC_("weekday", "Friday"),
  NC_("weekday", "Saturday"),
  NC_("weekday", "Sunday"),
};

/**
 * byline_text_format_date_line:
 * @date: a date
 *
 * The date line that heads an article, e.g. "Thứ tư, 15/11/2023" in
 * Vietnamese. Weekday names come from Byline's catalogue, not the system
 * locale, so the line is right even where vi_VN is not installed.
 *
 * Returns: (transfer full): the date line
 */
char *
byline_text_format_date_line (GDateTime *date)
{
  int weekday;

  g_return_val_if_fail (date != NULL, NULL);

  weekday = g_date_time_get_day_of_week (date);

  /* Translators: a date line: weekday, then day/month/year */
  return g_strdup_printf (C_("date line", "%s, %02d/%02d/%04d"),
                          g_dpgettext2 (GETTEXT_PACKAGE, "weekday", weekdays[weekday - 1]),
                          g_date_time_get_day_of_month (date),
                          g_date_time_get_month (date),
                          g_date_time_get_year (date));
}

/**
 * byline_text_format_relative_time:
 * @time: when something happened
 * @now: the current time (tests pass another)
 *
 * How long ago @time was, as a list of drafts says it: "just now",
 * "5 minutes ago", "2 hours ago", "yesterday", "3 days ago", then the date.
 * Days are counted in the local time zone, so "yesterday" is the calendar's.
 *
 * Returns: (transfer full): the text
 */
char *
byline_text_format_relative_time (GDateTime *time,
                                  GDateTime *now)
{
  g_autoptr(GDateTime) local_time = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDate) day = NULL;
  g_autoptr(GDate) today = NULL;
  GTimeSpan diff;
  int days;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local_time = g_date_time_to_local (time);
  local_now = g_date_time_to_local (now);
  diff = g_date_time_difference (local_now, local_time);

  /* A time in the future is a clock that was set back: call it now. */
  if (diff < G_TIME_SPAN_MINUTE)
    return g_strdup (C_("relative time", "just now"));

  if (diff < G_TIME_SPAN_HOUR)
    {
      guint minutes = diff / G_TIME_SPAN_MINUTE;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute ago", "%u minutes ago",
                                           minutes), minutes);
    }

  day = g_date_new_dmy (g_date_time_get_day_of_month (local_time),
                        g_date_time_get_month (local_time),
                        g_date_time_get_year (local_time));
  today = g_date_new_dmy (g_date_time_get_day_of_month (local_now),
                          g_date_time_get_month (local_now),
                          g_date_time_get_year (local_now));
  days = g_date_days_between (day, today);

  if (days == 0)
    {
      guint hours = diff / G_TIME_SPAN_HOUR;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour ago", "%u hours ago",
                                           hours), hours);
    }

  if (days == 1)
    return g_strdup (C_("relative time", "yesterday"));

  if (days < 7)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day ago", "%u days ago", days),
                            (guint) days);

  if (g_date_time_get_year (local_time) == g_date_time_get_year (local_now))
    /* Translators: a date in the current year, in g_date_time_format() codes;
     * Vietnamese writes "%d/%m" */
    /* xgettext:no-c-format */
    return g_date_time_format (local_time, C_("relative time", "%b %-e"));

  /* Translators: a date in another year, in g_date_time_format() codes;
   * Vietnamese writes "%d/%m/%Y" */
  /* xgettext:no-c-format */
  return g_date_time_format (local_time, C_("relative time", "%b %-e, %Y"));
}

/**
 * byline_text_format_word_count:
 * @words: a word count
 *
 * Returns: (transfer full): "1 word", "250 words"…
 */
char *
byline_text_format_word_count (guint words)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words), words);
}
