/* byline-draft-summary.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-drafts"

#include "config.h"

#include <string.h>

#include "byline-draft-summary.h"
#include "byline-text.h"

/* What a list of drafts shows and searches, without the article itself: a
 * few hundred bytes per draft, so thousands of them load at once. Summaries
 * are immutable; the store replaces one when its draft changes. */
struct _BylineDraftSummary
{
  GObject           parent_instance;

  /* Owned */
  char             *id;
  char             *title;
  char             *excerpt;
  GDateTime        *modified;
  char             *search_key;
  guint             word_count;
  BylinePostStatus  status;
  BylinePostStatus  remote_status;
  guint             damaged : 1;
};

G_DEFINE_FINAL_TYPE (BylineDraftSummary, byline_draft_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_EXCERPT,
  PROP_DISPLAY_TITLE,
  PROP_MODIFIED,
  PROP_WORD_COUNT,
  PROP_STATUS,
  PROP_REMOTE_STATUS,
  PROP_DAMAGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The first words shown under "Untitled" drafts: enough to recognise one. */
#define EXCERPT_WORDS 12
#define EXCERPT_MAX_BYTES 160

static char *
make_excerpt (const char *text)
{
  GString *out = g_string_new (NULL);
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch))
        {
          if (in_word && ++words == EXCERPT_WORDS)
            break;
          in_word = FALSE;
          continue;
        }
      if (!in_word && out->len > 0)
        g_string_append_c (out, ' ');
      if (out->len + (g_utf8_next_char (p) - p) > EXCERPT_MAX_BYTES)
        break;
      g_string_append_unichar (out, ch);
      in_word = TRUE;
    }

  return g_string_free (out, FALSE);
}

/**
 * byline_draft_summary_new:
 * @id: the article's id
 * @title: (nullable): the headline
 * @excerpt: (nullable): the first words of the lead or body
 * @modified: (nullable): when the content last changed
 * @word_count: words in the body
 * @search_key: (nullable): byline_text_search_key() of the whole text
 * @status: the article's intended portal status
 * @remote_status: the status of its post on the portal
 *
 * Returns: (transfer full): a summary
 */
BylineDraftSummary *
byline_draft_summary_new (const char       *id,
                          const char       *title,
                          const char       *excerpt,
                          GDateTime        *modified,
                          guint             word_count,
                          const char       *search_key,
                          BylinePostStatus  status,
                          BylinePostStatus  remote_status)
{
  BylineDraftSummary *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (BYLINE_TYPE_DRAFT_SUMMARY, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title != NULL ? title : "");
  self->excerpt = g_strdup (excerpt != NULL ? excerpt : "");
  self->modified = modified != NULL ? g_date_time_ref (modified) : g_date_time_new_now_utc ();
  self->word_count = word_count;
  self->search_key = search_key != NULL ? g_strdup (search_key)
                                        : byline_text_search_key (self->title);
  self->status = status;
  self->remote_status = remote_status;

  return self;
}

/**
 * byline_draft_summary_new_for_article:
 * @article: an article
 *
 * Computes the summary of @article. Safe to call from a worker thread on an
 * article no other thread uses.
 *
 * Returns: (transfer full): the summary
 */
BylineDraftSummary *
byline_draft_summary_new_for_article (BylineArticle *article)
{
  g_autofree char *body = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *all = NULL;
  g_autofree char *key = NULL;
  const char *lead;

  g_return_val_if_fail (BYLINE_IS_ARTICLE (article), NULL);

  body = byline_article_get_plain_text (article);
  lead = byline_article_get_lead (article);
  excerpt = make_excerpt (*lead != '\0' ? lead : body);
  all = g_strjoin ("\n", byline_article_get_title (article), lead, body, NULL);
  key = byline_text_search_key (all);

  return byline_draft_summary_new (byline_article_get_id (article),
                                   byline_article_get_title (article),
                                   excerpt,
                                   byline_article_get_modified (article),
                                   byline_text_count_words (body),
                                   key,
                                   byline_article_get_status (article),
                                   byline_article_get_remote_status (article));
}

/**
 * byline_draft_summary_new_damaged:
 * @id: the article's id
 * @modified: (nullable): when its file last changed
 *
 * A draft whose files cannot be read. It stays in the list (a draft never
 * silently disappears); opening it tells the user what happened.
 *
 * Returns: (transfer full): the summary
 */
BylineDraftSummary *
byline_draft_summary_new_damaged (const char *id,
                                  GDateTime  *modified)
{
  BylineDraftSummary *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = byline_draft_summary_new (id, NULL, NULL, modified, 0, NULL,
                                   BYLINE_POST_STATUS_NONE, BYLINE_POST_STATUS_NONE);
  self->damaged = TRUE;

  return self;
}

const char *
byline_draft_summary_get_id (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), NULL);

  return self->id;
}

const char *
byline_draft_summary_get_title (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), NULL);

  return self->title;
}

const char *
byline_draft_summary_get_excerpt (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), NULL);

  return self->excerpt;
}

/**
 * byline_draft_summary_get_display_title:
 * @self: a summary
 *
 * Returns: (nullable): the headline, or the first words when there is no
 *   headline yet, or %NULL for an empty article (the UI says "Untitled")
 */
const char *
byline_draft_summary_get_display_title (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), NULL);

  if (*self->title != '\0')
    return self->title;
  if (*self->excerpt != '\0')
    return self->excerpt;
  return NULL;
}

/**
 * byline_draft_summary_get_modified:
 * @self: a summary
 *
 * Returns: (transfer none): when the draft's content last changed
 */
GDateTime *
byline_draft_summary_get_modified (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), NULL);

  return self->modified;
}

guint
byline_draft_summary_get_word_count (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), 0);

  return self->word_count;
}

const char *
byline_draft_summary_get_search_key (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), NULL);

  return self->search_key;
}

BylinePostStatus
byline_draft_summary_get_status (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), BYLINE_POST_STATUS_NONE);

  return self->status;
}

BylinePostStatus
byline_draft_summary_get_remote_status (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), BYLINE_POST_STATUS_NONE);

  return self->remote_status;
}

gboolean
byline_draft_summary_get_damaged (BylineDraftSummary *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), FALSE);

  return self->damaged;
}

/**
 * byline_draft_summary_matches:
 * @self: a summary
 * @query: what the user typed in the search entry
 *
 * Whether every word of @query occurs in the headline, lead or body,
 * ignoring accents and case: "giam ngheo" finds "Giảm nghèo".
 */
gboolean
byline_draft_summary_matches (BylineDraftSummary *self,
                              const char         *query)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  return byline_text_search_matches (self->search_key, query);
}

/**
 * byline_draft_summary_compare:
 * @a: a summary
 * @b: another summary
 *
 * Orders newest first; drafts changed at the same moment by id, so the
 * order is stable.
 *
 * Returns: < 0 when @a comes before @b
 */
int
byline_draft_summary_compare (BylineDraftSummary *a,
                              BylineDraftSummary *b)
{
  int cmp;

  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (a), 0);
  g_return_val_if_fail (BYLINE_IS_DRAFT_SUMMARY (b), 0);

  cmp = g_date_time_compare (b->modified, a->modified);
  if (cmp != 0)
    return cmp;
  return strcmp (a->id, b->id);
}

static void
byline_draft_summary_finalize (GObject *object)
{
  BylineDraftSummary *self = BYLINE_DRAFT_SUMMARY (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->excerpt);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_free (self->search_key);

  G_OBJECT_CLASS (byline_draft_summary_parent_class)->finalize (object);
}

static void
byline_draft_summary_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BylineDraftSummary *self = BYLINE_DRAFT_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_EXCERPT:
      g_value_set_string (value, self->excerpt);
      break;

    case PROP_DISPLAY_TITLE:
      g_value_set_string (value, byline_draft_summary_get_display_title (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;

    case PROP_WORD_COUNT:
      g_value_set_uint (value, self->word_count);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_REMOTE_STATUS:
      g_value_set_int (value, self->remote_status);
      break;

    case PROP_DAMAGED:
      g_value_set_boolean (value, self->damaged);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_draft_summary_class_init (BylineDraftSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_draft_summary_finalize;
  object_class->get_property = byline_draft_summary_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXCERPT] =
    g_param_spec_string ("excerpt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_TITLE] =
    g_param_spec_string ("display-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORD_COUNT] =
    g_param_spec_uint ("word-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      BYLINE_POST_STATUS_NONE, BYLINE_POST_STATUS_TRASH, BYLINE_POST_STATUS_NONE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_STATUS] =
    g_param_spec_int ("remote-status", NULL, NULL,
                      BYLINE_POST_STATUS_NONE, BYLINE_POST_STATUS_TRASH, BYLINE_POST_STATUS_NONE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAMAGED] =
    g_param_spec_boolean ("damaged", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_draft_summary_init (BylineDraftSummary *self)
{
}
