/* byline-cli-publish.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * byline-cli publish DRAFT-ID|FILE --account NAME --status STATUS [--date DATE]
 *
 * The application's publish job from the command line. A FILE (article
 * JSON, block markup, or HTML with its photos beside it) becomes a draft
 * in the user's drafts, under an id derived from the file's path (or the
 * JSON's own id), its figures under ids derived from their photos: running
 * the command again finds that draft and what was already sent (media ids,
 * the post, a request in flight), takes the file's current text, and
 * continues without sending anything twice. Standard output gets the post
 * id on its first line and its address on the second; progress goes to
 * standard error.
 */

#define G_LOG_DOMAIN "byline-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "byline-cli.h"
#include "byline-cli-convert.h"
#include "byline-error.h"
#include "byline-photo.h"
#include "byline-portal-messages.h"
#include "byline-publisher.h"

#define USAGE N_("Usage: byline-cli publish DRAFT-ID|FILE --account NAME " \
                 "--status draft|pending|publish|future [--date DATE] [OPTION…]")

/* A UUID-shaped id from @text: the same text gives the same id. */
static char *
stable_id (const char *text)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strdup_printf ("%.8s-%.4s-5%.3s-a%.3s-%.12s", hash, hash + 8, hash + 12, hash + 15,
                          hash + 18);
}

/* What a photo is, whatever its file's time: a copy written again is the
 * same photo. The command line may read files on its thread. */
static char *
file_digest (const char  *path,
             GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  guchar buffer[64 * 1024];
  gssize n;

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error)) > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return NULL;

  return g_strdup (g_checksum_get_string (checksum));
}

/* The photo a figure of an imported file stands for, as an absolute path:
 * its local path, or an address without a scheme or with file:, relative to
 * the file's folder. NULL when it has none (a web address). */
static char *
figure_photo_path (BylineBlock *figure,
                   const char  *base_dir)
{
  const char *local = byline_block_get_local_path (figure);
  const char *url = byline_block_get_url (figure);
  g_autofree char *path = NULL;

  if (byline_block_get_media_id (figure) > 0)
    return NULL;
  if (local != NULL)
    path = g_strdup (local);
  else if (url != NULL && g_str_has_prefix (url, "file:"))
    path = g_filename_from_uri (url, NULL, NULL);
  else if (url != NULL && g_uri_peek_scheme (url) == NULL && *url != '\0')
    path = g_uri_unescape_segment (url, url + strcspn (url, "?#"), NULL);
  if (path == NULL)
    return NULL;

  return g_canonicalize_filename (path, base_dir);
}

/* Points the figures at their photos on this computer, failing for a
 * photo that is not there. With @stable_ids (files other than article
 * JSON, whose figures are new at every reading) a figure's id comes from
 * the draft and the photo (its path and content), so a run reading the
 * file again finds what was sent for it. */
static gboolean
resolve_photos (BylineArticle  *article,
                const char     *base_dir,
                gboolean        stable_ids,
                GError        **error)
{
  GPtrArray *blocks = byline_article_get_blocks (article);
  g_autoptr(GPtrArray) resolved = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);

  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);
      g_autofree char *path = NULL;
      g_autofree char *key = NULL;
      g_autofree char *id = NULL;
      GStatBuf st;
      BylineBlock *figure;

      if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE ||
          (path = figure_photo_path (block, base_dir)) == NULL)
        {
          g_ptr_array_add (resolved, byline_block_ref (block));
          continue;
        }

      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND,
                       _("The photo “%s” was not found."), path);
          return FALSE;
        }

      if (stable_ids)
        {
          g_autofree char *digest = file_digest (path, error);

          if (digest == NULL)
            return FALSE;
          key = g_strdup_printf ("%s\n%s\n%s", byline_article_get_id (article), path, digest);
          id = stable_id (key);
        }
      else
        {
          id = g_strdup (byline_block_get_figure_id (block));
        }
      figure = byline_block_new_figure (id);
      byline_block_set_local_path (figure, path);
      byline_block_set_caption (figure, byline_inline_copy (byline_block_get_caption (block)));
      byline_block_set_alt (figure, byline_block_get_alt (block));
      byline_block_set_credit (figure, byline_block_get_credit (block));
      byline_block_set_align (figure, byline_block_get_align (block));
      byline_block_set_size_slug (figure, byline_block_get_size_slug (block));
      g_ptr_array_add (resolved, figure);
    }

  byline_article_set_blocks (article, resolved);
  return TRUE;
}

/* Block markup and HTML have no headline field: a first-level heading at
 * the top is the headline. */
static void
take_headline (BylineArticle *article)
{
  GPtrArray *blocks = byline_article_get_blocks (article);
  BylineBlock *first;
  g_autoptr(GPtrArray) rest = NULL;
  g_autofree char *text = NULL;

  if (*byline_article_get_title (article) != '\0' || blocks->len == 0)
    return;
  first = g_ptr_array_index (blocks, 0);
  if (byline_block_get_kind (first) != BYLINE_BLOCK_HEADING || byline_block_get_level (first) != 1)
    return;

  text = byline_block_get_plain_text (first);
  rest = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  for (guint i = 1; i < blocks->len; i++)
    g_ptr_array_add (rest, byline_block_ref (g_ptr_array_index (blocks, i)));
  byline_article_set_title (article, text);
  byline_article_set_blocks (article, rest);
}

static BylineArticle *
load_draft (BylineDraftStore  *store,
            const char        *id,
            GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_draft_store_load_async (store, id, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);

  return byline_draft_store_load_finish (store, result, NULL, error);
}

static gboolean
save_draft (BylineDraftStore  *store,
            BylineArticle     *article,
            GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_draft_store_save_async (store, article, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);

  return byline_draft_store_save_finish (store, result, error);
}

/* A file becomes a draft of its own; read again, it is the same draft. */
static BylineArticle *
import_file (BylineDraftStore  *store,
             const char        *path,
             GError           **error)
{
  g_autoptr(BylineArticle) read = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(BylineArticle) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *base_dir = g_path_get_dirname (absolute);
  g_autofree char *key = g_strconcat ("byline-cli publish\n", absolute, NULL);
  g_autofree char *id = NULL;
  gboolean is_json = FALSE;

  read = byline_cli_read_document (path, &is_json, error);
  if (read == NULL)
    return NULL;

  /* Article JSON names its draft; other files get an id from their path. */
  id = is_json && g_uuid_string_is_valid (byline_article_get_id (read))
       ? g_strdup (byline_article_get_id (read)) : stable_id (key);
  if (g_str_equal (id, byline_article_get_id (read)))
    article = g_steal_pointer (&read);
  else
    {
      g_autoptr(GPtrArray) blocks = g_ptr_array_copy (byline_article_get_blocks (read),
                                                      (GCopyFunc) byline_block_ref, NULL);

      g_ptr_array_set_free_func (blocks, (GDestroyNotify) byline_block_unref);
      article = byline_article_new (id);
      byline_article_set_title (article, byline_article_get_title (read));
      byline_article_set_lead (article, byline_article_get_lead (read));
      byline_article_set_blocks (article, blocks);
    }

  if (!is_json)
    take_headline (article);
  if (!resolve_photos (article, base_dir, !is_json, error))
    return NULL;

  stored = load_draft (store, id, &local_error);
  if (stored != NULL)
    byline_article_carry_publish_state (article, stored);
  else if (!g_error_matches (local_error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&article);
}

static gboolean
parse_status (const char       *text,
              BylinePostStatus *status)
{
  static const BylinePostStatus allowed[] = {
    BYLINE_POST_STATUS_DRAFT, BYLINE_POST_STATUS_PENDING, BYLINE_POST_STATUS_PUBLISH,
    BYLINE_POST_STATUS_FUTURE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_strcmp0 (text, byline_post_status_to_string (allowed[i])) == 0)
      {
        *status = allowed[i];
        return TRUE;
      }

  return FALSE;
}

/* "2026-12-01 07:30" in the computer's time zone, or ISO 8601 with a zone. */
static GDateTime *
parse_date (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *full = NULL;
  GDateTime *date = g_date_time_new_from_iso8601 (text, local);

  if (date == NULL && strlen (text) == 16)
    {
      full = g_strconcat (text, ":00", NULL);
      date = g_date_time_new_from_iso8601 (full, local);
    }

  return date;
}

/* Progress on standard error: a line when something starts or ends. */
typedef struct
{
  BylinePublisher        *publisher;
  BylinePublishStep       step;
  GArray                 *states;   /* BylinePhotoUploadState per photo */
} Progress;

static void
on_progress_cb (BylinePublisher *publisher,
                Progress        *progress)
{
  BylinePublishStep step = byline_publisher_get_step (publisher);
  guint n = byline_publisher_get_n_photos (publisher);

  if (step != progress->step)
    {
      progress->step = step;
      switch (step)
        {
        case BYLINE_PUBLISH_STEP_CHECKING:
          fprintf (stderr, "%s\n", _("Checking the account…"));
          break;
        case BYLINE_PUBLISH_STEP_TERMS:
          fprintf (stderr, "%s\n", _("Finding categories and tags…"));
          break;
        case BYLINE_PUBLISH_STEP_PHOTOS:
          if (n > 0)
            fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "Uploading %u photo…\n",
                                          "Uploading %u photos…\n", n), n);
          break;
        case BYLINE_PUBLISH_STEP_POST:
          fprintf (stderr, "%s\n", _("Sending the article…"));
          break;
        case BYLINE_PUBLISH_STEP_IDLE:
        case BYLINE_PUBLISH_STEP_DONE:
        default:
          break;
        }
    }

  if (progress->states->len < n)
    g_array_set_size (progress->states, n);
  for (guint i = 0; i < n; i++)
    {
      BylinePhotoUploadState state;
      guint64 total;

      byline_publisher_get_photo (publisher, i, &state, NULL, &total);
      if (state == g_array_index (progress->states, BylinePhotoUploadState, i))
        continue;
      g_array_index (progress->states, BylinePhotoUploadState, i) = state;

      if (state == BYLINE_PHOTO_UPLOAD_DONE && total > 0)
        {
          g_autofree char *size = g_format_size (total);

          /* Translators: the first %u is the photo's place among those
           * uploaded, the second their number, %s the bytes sent */
          fprintf (stderr, _("Photo %u of %u is on the portal (%s sent).\n"), i + 1, n, size);
        }
      else if (state == BYLINE_PHOTO_UPLOAD_DONE)
        {
          /* Translators: sent by an earlier run whose answer was lost */
          fprintf (stderr, _("Photo %u of %u was on the portal already.\n"), i + 1, n);
        }
    }
}

static int
publish (BylineArticle    *article,
         BylineDraftStore *store,
         const char       *account,
         gboolean          overwrite)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  int status;

  portal = byline_cli_open_portal (account, &error);
  if (portal == NULL)
    return byline_cli_fail_portal (error);

  publisher = byline_publisher_new (portal, store, article);
  byline_publisher_set_photo_options (publisher, g_settings_get_int (settings, "photo-max-edge"),
                                      g_settings_get_int (settings, "photo-jpeg-quality"));
  if (overwrite)
    byline_publisher_set_flags (publisher, BYLINE_PUBLISH_FLAGS_OVERWRITE);

  progress.publisher = publisher;
  progress.states = g_array_new (FALSE, TRUE, sizeof (BylinePhotoUploadState));
  g_signal_connect (publisher, "progress", G_CALLBACK (on_progress_cb), &progress);

  byline_publisher_run_async (publisher, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);
  post = byline_publisher_run_finish (publisher, result, &error);
  g_signal_handlers_disconnect_by_data (publisher, &progress);
  g_array_unref (progress.states);

  if (post == NULL)
    {
      g_autofree char *message = byline_publisher_describe_failure (publisher, error);

      g_debug ("%s", error->message);
      status = byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, "%s", message);
      if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CONFLICT) &&
          byline_publisher_get_conflict (publisher) != NULL)
        fprintf (stderr, "%s\n", _("Run the command again with --overwrite to replace the "
                                   "portal’s version with this one."));
      return status;
    }

  /* Scripts read these two lines. */
  printf ("%" G_GINT64_FORMAT "\n%s\n", post->id, post->link != NULL ? post->link : "");
  fflush (stdout);

  return BYLINE_CLI_EXIT_OK;
}

int
byline_cli_publish (int    argc,
                    char **argv)
{
  g_autofree char *account = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *slug = NULL;
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) inputs = NULL;
  gboolean overwrite = FALSE;
  int featured = 0;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account to publish with"),
      N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text,
      N_("draft (save to the portal as a draft), pending (submit for review), publish or "
         "future (schedule, with --date)"), N_("STATUS") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("The publication date, “2026-12-01 07:30” in this computer’s time zone or ISO 8601"),
      N_("DATE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The headline (instead of the file’s)"),
      N_("TEXT") },
    { "lead", 0, 0, G_OPTION_ARG_STRING, &lead, N_("The lead (instead of the file’s)"),
      N_("TEXT") },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &categories,
      N_("A category, by name (repeat for several)"), N_("NAME") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("A tag (repeat for several)"),
      N_("NAME") },
    { "slug", 0, 0, G_OPTION_ARG_STRING, &slug, N_("The last part of the article’s address"),
      N_("SLUG") },
    { "featured", 0, 0, G_OPTION_ARG_INT, &featured,
      N_("Which photo is the featured photo, counting from 1"), N_("N") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
      N_("Replace the post even if someone changed it on the portal"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineDraftStore) store = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GDateTime) date = NULL;
  BylinePostStatus status;
  const char *input;

  context = g_option_context_new (_("DRAFT-ID|FILE — publish an article on a portal"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Sends a draft, or a file (article JSON, WordPress block markup, "
                                  "or HTML with its photos beside it and their captions in "
                                  "<figcaption>), to the portal with its photos: the same job as "
                                  "the application’s Publish button. Prints the post’s id and its "
                                  "address. If it stops (network, crash), run it again: it "
                                  "continues where it stopped and sends nothing twice."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", error->message);

  if (account == NULL || status_text == NULL || inputs == NULL || g_strv_length (inputs) != 1)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", _(USAGE));
  if (!parse_status (status_text, &status))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE,
                            _("Unknown status “%s” (draft, pending, publish, future)."), status_text);
  if (date_text != NULL && (date = parse_date (date_text)) == NULL)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE,
                            _("“%s” is not a date: write it as 2026-12-01 07:30."), date_text);
  if (status == BYLINE_POST_STATUS_FUTURE && date == NULL)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                            _("Scheduling needs --date with the time of publication."));

  input = inputs[0];
  store = byline_draft_store_new_default ();

  if (g_file_test (input, G_FILE_TEST_IS_REGULAR))
    article = import_file (store, input, &error);
  else if (g_uuid_string_is_valid (input))
    article = load_draft (store, input, &error);
  else
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE,
                            _("“%s” is neither a file nor a draft id."), input);
  if (article == NULL)
    {
      if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND) &&
          g_uuid_string_is_valid (input))
        return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, _("There is no draft “%s”."), input);
      return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, "%s", error->message);
    }

  byline_article_set_status (article, status);
  if (date != NULL)
    byline_article_set_date (article, date);
  if (title != NULL)
    byline_article_set_title (article, title);
  if (lead != NULL)
    byline_article_set_lead (article, lead);
  if (slug != NULL)
    byline_article_set_slug (article, slug);
  if (tags != NULL)
    byline_article_set_tags (article, (const char * const *) tags);
  if (categories != NULL)
    {
      g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);
      GPtrArray *known = byline_article_get_categories (article);

      for (guint i = 0; categories[i] != NULL; i++)
        {
          gint64 id = 0;

          /* A category sent before keeps its id: no request for it. */
          for (guint j = 0; j < known->len; j++)
            if (g_strcmp0 (((BylineTerm *) g_ptr_array_index (known, j))->name, categories[i]) == 0)
              id = ((BylineTerm *) g_ptr_array_index (known, j))->id;
          g_ptr_array_add (terms, byline_term_new (id, categories[i]));
        }
      byline_article_set_categories (article, terms);
    }
  if (featured > 0)
    {
      guint n = 0;

      for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
        {
          BylineBlock *block = byline_article_get_block (article, i);

          if (byline_block_get_kind (block) == BYLINE_BLOCK_FIGURE && ++n == (guint) featured)
            byline_article_set_featured_figure (article, byline_block_get_figure_id (block));
        }
      if (n < (guint) featured)
        return byline_cli_fail (BYLINE_CLI_EXIT_USAGE,
                                _("--featured %d: the article has %u photos."), featured, n);
    }

  /* On disk first (photos copied in): a crash from here on loses nothing. */
  if (!save_draft (store, article, &error))
    return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE, _("Cannot save the draft: %s"),
                            error->message);
  fprintf (stderr, _("Draft %s\n"), byline_article_get_id (article));

  return publish (article, store, account, overwrite);
}
