/* byline-paste.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * What reporters paste — from LibreOffice, Microsoft Word, Google Docs or a
 * browser — reduced to what an article holds: paragraphs, headings (1–6),
 * lists, quotes, bold, italic, strikethrough, superscript, subscript, links
 * (http, https and mailto only) and photos (a web address becomes the
 * figure's URL, a file: address its local path; data: and relative images
 * are dropped). Everything else goes: scripts, styles, event handlers,
 * comments and Office's conditional comments, Office namespaces (o:p, w:…),
 * classes, inline styles (read only to find Google Docs' and Word's bold
 * and italic), empty spans and empty paragraphs. Word's list paragraphs
 * (mso-list) become real lists.
 *
 * The result is model blocks; once serialized they are the markup Byline
 * writes, which WordPress's kses filter leaves unchanged for contributors.
 */

#define G_LOG_DOMAIN "byline-markup"

#include "config.h"

#include <string.h>

#include "byline-error.h"
#include "byline-html-reader.h"
#include "byline-paste.h"

/* Word's "downlevel-revealed" conditional comments, <![if !vml]> and
 * <![endif]>, are not comments to an HTML parser: libxml2 would keep them
 * as text. They are cut out before parsing; real comments (<!--[if …]>…
 * <![endif]-->) are left for the parser, which drops them. */
static char *
remove_conditional_markers (const char *html,
                            gsize       length,
                            gsize      *out_length)
{
  GString *out = g_string_sized_new (length);
  gsize i = 0;

  while (i < length)
    {
      const char *lt = memchr (html + i, '<', length - i);
      gsize at;

      if (lt == NULL)
        {
          g_string_append_len (out, html + i, length - i);
          break;
        }
      at = lt - html;
      g_string_append_len (out, html + i, at - i);
      i = at;

      if (length - at >= 4 && memcmp (html + at, "<!--", 4) == 0)
        {
          const char *end = g_strstr_len (html + at + 4, length - at - 4, "-->");
          gsize stop = end != NULL ? (gsize) (end - html) + 3 : length;

          g_string_append_len (out, html + at, stop - at);
          i = stop;
        }
      else if (length - at >= 3 && memcmp (html + at, "<![", 3) == 0 &&
               !(length - at >= 9 && memcmp (html + at, "<![CDATA[", 9) == 0))
        {
          const char *end = g_strstr_len (html + at + 3, MIN (length - at - 3, 256), "]>");

          if (end != NULL)
            {
              i = (end - html) + 2;
            }
          else
            {
              g_string_append_c (out, '<');
              i++;
            }
        }
      else
        {
          g_string_append_c (out, '<');
          i++;
        }
    }

  *out_length = out->len;
  return g_string_free (out, FALSE);
}

static GPtrArray *
sanitize (const char       *html,
          gsize             length,
          BylineHtmlFlags   flags,
          GError          **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *cleaned = NULL;
  gsize cleaned_length;

  if (length > BYLINE_PASTE_MAX_LENGTH)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "pasted HTML of %" G_GSIZE_FORMAT " bytes is larger than the %d bytes accepted",
                   length, BYLINE_PASTE_MAX_LENGTH);
      return NULL;
    }

  /* Invalid bytes and NULs become U+FFFD: nothing typed is lost, and the
   * parser gets the UTF-8 it is told it gets. */
  valid = g_utf8_make_valid (html != NULL ? html : "", length);
  cleaned = remove_conditional_markers (valid, strlen (valid), &cleaned_length);

  return byline_html_read_blocks (cleaned, cleaned_length, flags, error);
}

/**
 * byline_paste_sanitize_html:
 * @html: pasted HTML (the clipboard's text/html), any encoding errors
 *   allowed
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type BylineBlock) (nullable): the
 *   blocks to insert, or %NULL with %BYLINE_ERROR_INVALID_INPUT when the
 *   paste is larger than %BYLINE_PASTE_MAX_LENGTH, or %BYLINE_ERROR_PARSE
 *   when it is nested deeper than the HTML parser reads; the editor then
 *   pastes the plain text instead
 */
GPtrArray *
byline_paste_sanitize_html (const char  *html,
                            gsize        length,
                            GError     **error)
{
  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sanitize (html, length, BYLINE_HTML_PASTE, error);
}

/**
 * byline_paste_sanitize_html_file:
 * @html: an HTML document read from a file
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Reads the document as a paste, except that an image with a relative
 * address (`<img src="anh/hoi-nghi.jpg">`) is a photo beside the file: its
 * figure keeps that relative path as its local path, which the caller
 * resolves against the file's folder.
 *
 * Returns: (transfer container) (element-type BylineBlock) (nullable): the
 *   blocks, or %NULL as byline_paste_sanitize_html()
 */
GPtrArray *
byline_paste_sanitize_html_file (const char  *html,
                                 gsize        length,
                                 GError     **error)
{
  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sanitize (html, length, BYLINE_HTML_PASTE | BYLINE_HTML_LOCAL_FILES, error);
}

static gboolean
line_is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
add_paragraph (GPtrArray  *blocks,
               const char *text,
               gssize      length)
{
  g_autoptr(BylineInline) inl = byline_inline_new (NULL);
  g_autoptr(GString) collapsed = g_string_new (NULL);

  /* Runs of spaces and tabs are one space, as a web page shows them. */
  if (length < 0)
    length = strlen (text);
  for (gssize i = 0; i < length; i++)
    {
      gboolean blank = text[i] == ' ' || text[i] == '\t';

      /* Control characters have no place in an article (nor in HTML). */
      if ((guchar) text[i] < 0x20 && text[i] != '\t' && text[i] != '\n')
        continue;

      if (blank && collapsed->len > 0 &&
          (collapsed->str[collapsed->len - 1] == ' ' || collapsed->str[collapsed->len - 1] == '\n'))
        continue;
      if (text[i] == '\n' && collapsed->len > 0 && collapsed->str[collapsed->len - 1] == ' ')
        g_string_truncate (collapsed, collapsed->len - 1);
      g_string_append_c (collapsed, blank ? ' ' : text[i]);
    }

  byline_inline_append (inl, collapsed->str, collapsed->len);
  byline_inline_strip (inl);
  if (!byline_inline_is_empty (inl))
    g_ptr_array_add (blocks, byline_block_new_paragraph (g_steal_pointer (&inl)));
}

/**
 * byline_paste_plain_text:
 * @text: pasted text, any encoding errors allowed
 * @length: its length in bytes, or -1 if nul-terminated
 *
 * Splits plain text into paragraphs. Text with blank lines in it is taken
 * to separate paragraphs with them (as e-mail and text files do), its
 * single newlines being line breaks inside a paragraph; text without any
 * blank line has one paragraph per line (as copied from a word processor).
 *
 * Returns: (transfer container) (element-type BylineBlock): the paragraphs
 */
GPtrArray *
byline_paste_plain_text (const char *text,
                         gssize      length)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  g_autofree char *valid = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) paragraph = g_string_new (NULL);
  gboolean blank_separated = FALSE, seen_text = FALSE, gap = FALSE;
  gsize n_lines;

  g_return_val_if_fail (text != NULL || length <= 0, blocks);

  valid = g_utf8_make_valid (text != NULL ? text : "", length);
  /* \r\n and lone \r (old Mac text) are newlines too. */
  for (char *p = valid, *q = valid; ; p++)
    {
      if (*p == '\r')
        {
          *q++ = '\n';
          if (p[1] == '\n')
            p++;
        }
      else
        {
          *q++ = *p;
        }
      if (*p == '\0')
        break;
    }

  lines = g_strsplit (valid, "\n", -1);
  n_lines = g_strv_length (lines);

  /* Is there a blank line between two lines of text? */
  for (gsize i = 0; i < n_lines && !blank_separated; i++)
    {
      if (!line_is_blank (lines[i]))
        {
          blank_separated = gap;
          seen_text = TRUE;
        }
      else if (seen_text)
        {
          gap = TRUE;
        }
    }

  for (gsize i = 0; i < n_lines; i++)
    {
      const char *line = lines[i];

      if (!blank_separated || line_is_blank (line))
        {
          add_paragraph (blocks, paragraph->str, paragraph->len);
          g_string_truncate (paragraph, 0);
          if (!blank_separated)
            add_paragraph (blocks, line, -1);
          continue;
        }
      if (paragraph->len > 0)
        g_string_append_c (paragraph, '\n');
      g_string_append (paragraph, line);
    }
  add_paragraph (blocks, paragraph->str, paragraph->len);

  return blocks;
}
