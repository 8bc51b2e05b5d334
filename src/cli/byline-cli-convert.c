/* byline-cli-convert.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "byline-article-json.h"
#include "byline-block-parser.h"
#include "byline-cli-convert.h"
#include "byline-error.h"
#include "byline-markup-writer.h"
#include "byline-paste.h"
#include "byline-text.h"

typedef enum
{
  FORMAT_AUTO,
  FORMAT_MARKUP,
  FORMAT_HTML,
  FORMAT_JSON,
  FORMAT_TEXT,
} Format;

static gboolean
parse_format (const char *name,
              gboolean    input,
              Format     *format)
{
  static const struct { const char *name; Format format; gboolean in, out; } formats[] = {
    { "auto", FORMAT_AUTO, TRUE, FALSE },
    { "markup", FORMAT_MARKUP, TRUE, TRUE },
    { "html", FORMAT_HTML, TRUE, FALSE },
    { "json", FORMAT_JSON, TRUE, TRUE },
    { "text", FORMAT_TEXT, FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (name, formats[i].name) && (input ? formats[i].in : formats[i].out))
      {
        *format = formats[i].format;
        return TRUE;
      }

  return FALSE;
}

/* Reads @path ("-" for standard input), refusing more than @limit bytes. */
static char *
read_input (const char  *path,
            gsize        limit,
            gsize       *length,
            GError     **error)
{
  g_autoptr(GString) data = g_string_new (NULL);
  FILE *stream;
  char buffer[65536];
  size_t n;

  if (g_str_equal (path, "-"))
    {
      stream = stdin;
    }
  else
    {
      stream = fopen (path, "rb");
      if (stream == NULL)
        {
          int saved = errno;

          g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                       _("Cannot read “%s”: %s"), path, g_strerror (saved));
          return NULL;
        }
    }

  while ((n = fread (buffer, 1, sizeof buffer, stream)) > 0)
    {
      g_string_append_len (data, buffer, n);
      if (data->len > limit)
        {
          if (stream != stdin)
            fclose (stream);
          g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                       _("“%s” is larger than %u MB."), path,
                       (guint) (limit / (1024 * 1024)));
          return NULL;
        }
    }

  if (ferror (stream))
    {
      if (stream != stdin)
        fclose (stream);
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE, _("Cannot read “%s”."), path);
      return NULL;
    }
  if (stream != stdin)
    fclose (stream);

  *length = data->len;
  return g_string_free (g_steal_pointer (&data), FALSE);
}

/* JSON if it starts with "{", block markup if it has a block delimiter,
 * other HTML otherwise. */
static Format
detect_format (const char *data,
               gsize       length)
{
  g_autoptr(BylineBlockTokenizer) tokenizer = byline_block_tokenizer_new (data, length);
  BylineBlockToken token;
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i < length && data[i] == '{')
    return FORMAT_JSON;
  if (byline_block_tokenizer_next (tokenizer, &token))
    return FORMAT_MARKUP;
  return FORMAT_HTML;
}

static BylineArticle *
read_article (const char  *data,
              gsize        length,
              Format       format,
              gboolean     local_photos,
              GError     **error)
{
  g_autoptr(GPtrArray) blocks = NULL;
  BylineArticle *article;

  switch (format)
    {
    case FORMAT_JSON:
      return byline_article_from_json (data, length, error);

    case FORMAT_MARKUP:
      return byline_markup_parse (data, length, error);

    case FORMAT_HTML:
      blocks = local_photos ? byline_paste_sanitize_html_file (data, length, error)
                            : byline_paste_sanitize_html (data, length, error);
      if (blocks == NULL)
        return NULL;
      article = byline_article_new (NULL);
      byline_article_set_blocks (article, blocks);
      return article;

    case FORMAT_AUTO:
    case FORMAT_TEXT:
    default:
      g_assert_not_reached ();
    }
}

static char *
article_to_text (BylineArticle *article)
{
  g_autofree char *body = byline_article_get_plain_text (article);
  GString *out = g_string_new (NULL);

  if (*byline_article_get_title (article) != '\0')
    g_string_append_printf (out, "%s\n\n", byline_article_get_title (article));
  if (*byline_article_get_lead (article) != '\0')
    g_string_append_printf (out, "%s\n\n", byline_article_get_lead (article));
  g_string_append (out, body);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

int
byline_cli_convert (int    argc,
                    char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) inputs = NULL;
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from,
      N_("Input format: auto (default), markup, html or json"), N_("FORMAT") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to,
      N_("Output format: markup (default), json or text"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autofree char *data = NULL;
  g_autofree char *result = NULL;
  Format in = FORMAT_AUTO, out = FORMAT_MARKUP;
  const char *path;
  gsize length = 0;

  context = g_option_context_new (_("[FILE] — convert an article between formats"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Reads WordPress block markup (post content, classic posts "
                                  "included), other HTML (cleaned as a paste is) or Byline’s article "
                                  "JSON from FILE or standard input, and writes it as block markup, "
                                  "article JSON or plain text."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", error->message);

  if (from != NULL && !parse_format (from, TRUE, &in))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE,
                            _("Unknown input format “%s”: use auto, markup, html or json."), from);
  if (to != NULL && !parse_format (to, FALSE, &out))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE,
                            _("Unknown output format “%s”: use markup, json or text."), to);
  if (inputs != NULL && g_strv_length (inputs) > 1)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, _("Give one input file at most."));
  path = inputs != NULL && inputs[0] != NULL ? inputs[0] : "-";

  data = read_input (path, MAX (BYLINE_MARKUP_MAX_LENGTH, BYLINE_PASTE_MAX_LENGTH), &length, &error);
  if (data == NULL)
    return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, "%s", error->message);

  if (in == FORMAT_AUTO)
    in = detect_format (data, length);

  article = read_article (data, length, in, FALSE, &error);
  if (article == NULL)
    return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE,
                            _("Cannot convert “%s”: %s"), g_str_equal (path, "-") ? _("standard input") : path,
                            error->message);

  switch (out)
    {
    case FORMAT_MARKUP:
      /* Exactly the post content: an unchanged post converts to itself. */
      result = byline_markup_serialize (article);
      break;

    case FORMAT_JSON:
      {
        g_autofree char *json = byline_article_to_json (article, TRUE, NULL);

        result = g_strconcat (json, "\n", NULL);
      }
      break;

    case FORMAT_TEXT:
      result = article_to_text (article);
      break;

    case FORMAT_AUTO:
    case FORMAT_HTML:
    default:
      g_assert_not_reached ();
    }

  if (output != NULL)
    {
      if (!g_file_set_contents (output, result, -1, &error))
        return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, "%s", error->message);
    }
  else if (fwrite (result, 1, strlen (result), stdout) != strlen (result) || fflush (stdout) != 0)
    {
      return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, _("Cannot write the result: %s"),
                              g_strerror (errno));
    }

  return BYLINE_CLI_EXIT_OK;
}

/**
 * byline_cli_read_document:
 * @path: a file of article JSON, block markup or other HTML
 * @is_json: (out) (optional): whether it was article JSON
 * @error: return location for a #GError
 *
 * Reads an article to publish. In HTML an image with a relative address
 * is a photo beside the file (its figure's local path, relative); in block
 * markup such an image keeps its address as the figure's URL.
 *
 * Returns: (transfer full) (nullable): the article
 */
BylineArticle *
byline_cli_read_document (const char  *path,
                          gboolean    *is_json,
                          GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  Format format;

  data = read_input (path, MAX (BYLINE_MARKUP_MAX_LENGTH, BYLINE_PASTE_MAX_LENGTH), &length, error);
  if (data == NULL)
    return NULL;

  format = detect_format (data, length);
  if (is_json != NULL)
    *is_json = format == FORMAT_JSON;

  return read_article (data, length, format, TRUE, error);
}

int
byline_cli_slug (int    argc,
                 char **argv)
{
  g_auto(GStrv) words = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &words, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *slug = NULL;

  context = g_option_context_new (_("TEXT… — print the address WordPress gives a headline"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", error->message);
  if (words == NULL || words[0] == NULL)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, _("Give the headline to make a slug of."));

  text = g_strjoinv (" ", words);
  slug = byline_text_slugify (text);
  if (*slug == '\0')
    return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, _("“%s” has no letters or digits to make a slug of."),
                            text);

  printf ("%s\n", slug);
  return BYLINE_CLI_EXIT_OK;
}
