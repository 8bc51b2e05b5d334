/* byline-draft-row.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-drafts"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-draft-row.h"
#include "byline-outbox-item.h"
#include "byline-text.h"

/* One draft in the sidebar: its headline (or first words), when it last
 * changed and how long it is, and a button to move it to the trash. */
struct _BylineDraftRow
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkLabel           *title_label;
  GtkLabel           *details_label;
  GtkLabel           *status_label;
  GtkButton          *delete_button;

  /* Owned */
  BylineDraftSummary *summary;

  int                 outbox_state;   /* a BylineOutboxState, or -1 */
};

G_DEFINE_FINAL_TYPE (BylineDraftRow, byline_draft_row, GTK_TYPE_WIDGET)

GtkWidget *
byline_draft_row_new (void)
{
  return g_object_new (BYLINE_TYPE_DRAFT_ROW, NULL);
}

/**
 * byline_draft_row_get_summary:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the draft shown
 */
BylineDraftSummary *
byline_draft_row_get_summary (BylineDraftRow *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_ROW (self), NULL);

  return self->summary;
}

/**
 * byline_draft_row_update_time:
 * @self: a row
 * @now: the current time
 *
 * Refreshes "5 minutes ago" and the like, which age while shown.
 */
void
byline_draft_row_update_time (BylineDraftRow *self,
                              GDateTime      *now)
{
  g_autofree char *when = NULL;
  g_autofree char *words = NULL;
  g_autofree char *details = NULL;

  g_return_if_fail (BYLINE_IS_DRAFT_ROW (self));
  g_return_if_fail (now != NULL);

  if (self->summary == NULL)
    return;

  when = byline_text_format_relative_time (byline_draft_summary_get_modified (self->summary), now);
  if (byline_draft_summary_get_damaged (self->summary))
    /* Translators: the details of a draft whose file cannot be read; %s is
     * when it last changed, e.g. "yesterday" */
    details = g_strdup_printf (_("%s · damaged"), when);
  else
    {
      words = byline_text_format_word_count (byline_draft_summary_get_word_count (self->summary));
      /* Translators: the details of a draft in the list: when it last
       * changed, and its length, e.g. "5 minutes ago · 250 words" */
      details = g_strdup_printf (_("%s · %s"), when, words);
    }
  gtk_label_set_label (self->details_label, details);
}

/* Where the article stands on the portal: in the outbox, or its post's
 * status as last seen. */
static void
update_status (BylineDraftRow *self)
{
  const char *text = NULL;
  gboolean attention = FALSE;

  switch (self->outbox_state)
    {
    case BYLINE_OUTBOX_QUEUED:
    case BYLINE_OUTBOX_SENDING:
      text = _("Sending…");
      break;
    case BYLINE_OUTBOX_WAITING:
      text = _("Waiting for network");
      attention = TRUE;
      break;
    case BYLINE_OUTBOX_FAILED:
      text = _("Not sent");
      attention = TRUE;
      break;
    default:
      switch (self->summary != NULL ? byline_draft_summary_get_remote_status (self->summary)
                                    : BYLINE_POST_STATUS_NONE)
        {
        case BYLINE_POST_STATUS_DRAFT:
          text = C_("portal status", "Draft on the portal");
          break;
        case BYLINE_POST_STATUS_PENDING:
          text = C_("portal status", "Submitted for review");
          break;
        case BYLINE_POST_STATUS_PUBLISH:
          text = C_("portal status", "Published");
          break;
        case BYLINE_POST_STATUS_FUTURE:
          text = C_("portal status", "Scheduled");
          break;
        case BYLINE_POST_STATUS_PRIVATE:
          text = C_("portal status", "Published privately");
          break;
        case BYLINE_POST_STATUS_TRASH:
          text = C_("portal status", "In the portal’s trash");
          break;
        case BYLINE_POST_STATUS_NONE:
        default:
          break;
        }
    }

  gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (attention)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
}

/**
 * byline_draft_row_set_outbox_state:
 * @state: the article's #BylineOutboxState, or -1 when it is not in the
 *   outbox
 */
void
byline_draft_row_set_outbox_state (BylineDraftRow *self,
                                   int             state)
{
  g_return_if_fail (BYLINE_IS_DRAFT_ROW (self));

  if (self->outbox_state == state)
    return;
  self->outbox_state = state;
  update_status (self);
}

void
byline_draft_row_set_summary (BylineDraftRow     *self,
                              BylineDraftSummary *summary)
{
  g_autoptr(GDateTime) now = NULL;
  const char *title;

  g_return_if_fail (BYLINE_IS_DRAFT_ROW (self));
  g_return_if_fail (summary == NULL || BYLINE_IS_DRAFT_SUMMARY (summary));

  if (!g_set_object (&self->summary, summary) || summary == NULL)
    return;

  title = byline_draft_summary_get_display_title (summary);
  gtk_label_set_label (self->title_label, title != NULL ? title : _("Untitled Article"));
  if (title != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");

  /* Target first: the action takes the draft's id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s",
                                    byline_draft_summary_get_id (summary));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "win.delete-article");

  now = g_date_time_new_now_utc ();
  byline_draft_row_update_time (self, now);
  update_status (self);
}

static void
byline_draft_row_dispose (GObject *object)
{
  BylineDraftRow *self = BYLINE_DRAFT_ROW (object);

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_DRAFT_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (byline_draft_row_parent_class)->dispose (object);
}

static void
byline_draft_row_class_init (BylineDraftRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_draft_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-draft-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineDraftRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BylineDraftRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, BylineDraftRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BylineDraftRow, delete_button);
  gtk_widget_class_set_css_name (widget_class, "bylinedraftrow");
}

static void
byline_draft_row_init (BylineDraftRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->outbox_state = -1;
}
