/* byline-remote-row.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-remote-row.h"
#include "byline-text.h"

/* One post of a portal list in the sidebar: its headline, and what the
 * section's reader wants to know about it: who sent it and when (review
 * queue, published), where it stands (the reporter's submissions), when it
 * goes out (scheduled, in the site's time). A returned article carries a
 * badge. Rows follow their post's changes (names and notes come later). */
struct _BylineRemoteRow
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkLabel         *details_label;
  GtkLabel         *badge_label;

  /* Owned */
  BylineRemotePost *post;
  GTimeZone        *zone;
  BylineSection     section;
};

G_DEFINE_FINAL_TYPE (BylineRemoteRow, byline_remote_row, GTK_TYPE_WIDGET)

GtkWidget *
byline_remote_row_new (BylineSection section)
{
  BylineRemoteRow *self = g_object_new (BYLINE_TYPE_REMOTE_ROW, NULL);

  self->section = section;

  return GTK_WIDGET (self);
}

/**
 * byline_remote_row_get_post:
 *
 * Returns: (transfer none) (nullable): the post shown
 */
BylineRemotePost *
byline_remote_row_get_post (BylineRemoteRow *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ROW (self), NULL);

  return self->post;
}

/* "08:00, 02/12/2026" in the site's time zone. */
static char *
format_site_time (GDateTime *date,
                  GTimeZone *zone)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (date, zone);

  /* Translators: a date and time for g_date_time_format(), e.g. a
   * scheduled publication "08:00, 02/12/2026"; keep the day before the
   * month if that is your custom */
  return g_date_time_format (local, C_("site time", "%H:%M, %d/%m/%Y"));
}

/**
 * byline_remote_row_describe:
 * @section: which list the row is in
 * @post: the post
 * @zone: the site's time zone
 * @now: the current time
 *
 * Returns: (transfer full): the row's second line
 */
char *
byline_remote_row_describe (BylineSection     section,
                            BylineRemotePost *post,
                            GTimeZone        *zone,
                            GDateTime        *now)
{
  GDateTime *date = byline_remote_post_get_date (post);
  const char *author = byline_remote_post_get_author_name (post);
  g_autofree char *when = NULL;
  const char *state;

  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (post), NULL);
  g_return_val_if_fail (zone != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (section == BYLINE_SECTION_SCHEDULED && date != NULL)
    {
      g_autofree char *at = format_site_time (date, zone);

      if (author != NULL)
        /* Translators: a scheduled article in the sidebar: its author, and
         * when it will be published, e.g. "Cẩm Vân · 08:00, 02/12/2026" */
        return g_strdup_printf (_("%s · %s"), author, at);
      return g_steal_pointer (&at);
    }

  when = date != NULL ? byline_text_format_relative_time (date, now) : g_strdup ("");

  if (section == BYLINE_SECTION_MY_SUBMISSIONS)
    {
      if (byline_remote_post_get_status (post) == BYLINE_PORTAL_POST_STATUS_PENDING)
        state = _("Waiting for review");
      else if (byline_remote_post_get_has_notes (post))
        state = _("Returned with a note");
      else
        state = _("Draft on the portal");

      /* Translators: where a reporter's article stands, and since when,
       * e.g. "Waiting for review · 5 minutes ago" */
      return g_strdup_printf (_("%s · %s"), state, when);
    }

  if (author != NULL)
    /* Translators: who sent an article and when, e.g. "Cẩm Vân · 5 minutes ago" */
    return g_strdup_printf (_("%s · %s"), author, when);

  return g_steal_pointer (&when);
}

/**
 * byline_remote_row_update_time:
 * @now: the current time
 *
 * Refreshes the second line ("5 minutes ago" ages while shown).
 */
void
byline_remote_row_update_time (BylineRemoteRow *self,
                               GDateTime       *now)
{
  g_autofree char *details = NULL;

  g_return_if_fail (BYLINE_IS_REMOTE_ROW (self));
  g_return_if_fail (now != NULL);

  if (self->post == NULL)
    return;

  details = byline_remote_row_describe (self->section, self->post, self->zone, now);
  gtk_label_set_label (self->details_label, details);
}

static void
update (BylineRemoteRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *title = byline_remote_post_get_title (self->post);
  gboolean returned = self->section == BYLINE_SECTION_MY_SUBMISSIONS &&
                      byline_remote_post_get_has_notes (self->post) &&
                      byline_remote_post_get_status (self->post) == BYLINE_PORTAL_POST_STATUS_DRAFT;

  gtk_label_set_label (self->title_label, *title != '\0' ? title : _("Untitled Article"));
  if (*title != '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");

  gtk_widget_set_visible (GTK_WIDGET (self->badge_label), returned);
  byline_remote_row_update_time (self, now);
}

/**
 * byline_remote_row_set_post:
 * @post: (nullable): the post to show
 * @zone: (nullable): the site's time zone
 */
void
byline_remote_row_set_post (BylineRemoteRow  *self,
                            BylineRemotePost *post,
                            GTimeZone        *zone)
{
  g_return_if_fail (BYLINE_IS_REMOTE_ROW (self));
  g_return_if_fail (post == NULL || BYLINE_IS_REMOTE_POST (post));

  if (self->post != NULL)
    g_signal_handlers_disconnect_by_data (self->post, self);
  g_set_object (&self->post, post);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_utc ();

  if (post == NULL)
    return;

  g_signal_connect_object (post, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
byline_remote_row_dispose (GObject *object)
{
  BylineRemoteRow *self = BYLINE_REMOTE_ROW (object);
  GtkWidget *child;

  if (self->post != NULL)
    g_signal_handlers_disconnect_by_data (self->post, self);
  g_clear_object (&self->post);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_REMOTE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (byline_remote_row_parent_class)->dispose (object);
}

static void
byline_remote_row_class_init (BylineRemoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_remote_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-remote-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineRemoteRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BylineRemoteRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, BylineRemoteRow, badge_label);
  gtk_widget_class_set_css_name (widget_class, "bylineremoterow");
}

static void
byline_remote_row_init (BylineRemoteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: a badge on an article an editor sent back to its reporter */
  gtk_label_set_label (self->badge_label, C_("article", "Returned"));
}
