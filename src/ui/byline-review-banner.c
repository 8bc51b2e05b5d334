/* byline-review-banner.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The notes on an article under review, above the editor: the newest one
 * (an editor's note returning the article, or the reporter's reply) and
 * the earlier ones folded. Libadwaita 1.2 has no AdwBanner; this is a
 * revealer with a styled box. The notes are plain text already (see
 * byline-review.c): they are set as label text, never as markup.
 */

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-portal-types.h"
#include "byline-review-banner.h"
#include "byline-text.h"

struct _BylineReviewBanner
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkRevealer *revealer;
  GtkLabel    *title_label;
  GtkLabel    *text_label;
  GtkExpander *earlier_expander;
  GtkBox      *earlier_box;
  GtkButton   *reply_button;

  guint        n_notes;
};

G_DEFINE_FINAL_TYPE (BylineReviewBanner, byline_review_banner, GTK_TYPE_WIDGET)

GtkWidget *
byline_review_banner_new (void)
{
  return g_object_new (BYLINE_TYPE_REVIEW_BANNER, NULL);
}

/* "Note from Biên tập viên Hà · 5 minutes ago", or the user's own. */
static char *
note_heading (BylinePortalComment *note,
              gint64               user_id,
              GDateTime           *now)
{
  g_autofree char *when = note->date_gmt != NULL
                          ? byline_text_format_relative_time (note->date_gmt, now) : g_strdup ("");

  if (note->author == user_id)
    /* Translators: above a note the user wrote; %s is when, e.g. "5 minutes ago" */
    return g_strdup_printf (_("Your note · %s"), when);

  /* Translators: above a note; the first %s is who wrote it, the second when */
  return g_strdup_printf (_("Note from %s · %s"),
                          note->author_name != NULL && *note->author_name != '\0'
                          ? note->author_name : _("an editor"),
                          when);
}

/**
 * byline_review_banner_set_notes:
 * @notes: (nullable) (element-type BylinePortalComment): the notes, oldest
 *   first, as plain text (byline_review_list_notes_finish())
 * @user_id: who is signed in, to tell their own notes
 *
 * Shows the notes, or hides the banner when there are none.
 */
void
byline_review_banner_set_notes (BylineReviewBanner *self,
                                GPtrArray          *notes,
                                gint64              user_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *child;
  BylinePortalComment *newest;
  g_autofree char *heading = NULL;

  g_return_if_fail (BYLINE_IS_REVIEW_BANNER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->earlier_box))) != NULL)
    gtk_box_remove (self->earlier_box, child);

  self->n_notes = notes != NULL ? notes->len : 0;
  gtk_revealer_set_reveal_child (self->revealer, self->n_notes > 0);
  if (self->n_notes == 0)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->text_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->earlier_expander), FALSE);
      return;
    }

  newest = g_ptr_array_index (notes, notes->len - 1);
  heading = note_heading (newest, user_id, now);
  gtk_label_set_label (self->title_label, heading);
  gtk_label_set_label (self->text_label, newest->content != NULL ? newest->content : "");

  /* The earlier ones, newest first, folded. */
  for (guint i = notes->len - 1; i > 0; i--)
    {
      BylinePortalComment *note = g_ptr_array_index (notes, i - 1);
      g_autofree char *title = note_heading (note, user_id, now);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *label = gtk_label_new (title);
      GtkWidget *text = gtk_label_new (note->content);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), text);
      gtk_box_append (self->earlier_box, box);
    }

  if (notes->len > 1)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u earlier note",
                                                             "%u earlier notes", notes->len - 1),
                                                notes->len - 1);

      gtk_expander_set_label (self->earlier_expander, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->earlier_expander), notes->len > 1);
}

guint
byline_review_banner_get_n_notes (BylineReviewBanner *self)
{
  g_return_val_if_fail (BYLINE_IS_REVIEW_BANNER (self), 0);

  return self->n_notes;
}

/**
 * byline_review_banner_get_title:
 *
 * Returns: the heading of the newest note shown
 */
const char *
byline_review_banner_get_title (BylineReviewBanner *self)
{
  g_return_val_if_fail (BYLINE_IS_REVIEW_BANNER (self), NULL);

  return gtk_label_get_label (self->title_label);
}

/**
 * byline_review_banner_get_text:
 *
 * Returns: the newest note's text as shown
 */
const char *
byline_review_banner_get_text (BylineReviewBanner *self)
{
  g_return_val_if_fail (BYLINE_IS_REVIEW_BANNER (self), NULL);

  return gtk_label_get_label (self->text_label);
}

/**
 * byline_review_banner_set_can_reply:
 *
 * Offers the reporter to answer the note and resubmit.
 */
void
byline_review_banner_set_can_reply (BylineReviewBanner *self,
                                    gboolean            can_reply)
{
  g_return_if_fail (BYLINE_IS_REVIEW_BANNER (self));

  gtk_widget_set_visible (GTK_WIDGET (self->reply_button), can_reply);
}

static void
byline_review_banner_dispose (GObject *object)
{
  BylineReviewBanner *self = BYLINE_REVIEW_BANNER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_REVIEW_BANNER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (byline_review_banner_parent_class)->dispose (object);
}

static void
byline_review_banner_class_init (BylineReviewBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_review_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-review-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineReviewBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewBanner, text_label);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewBanner, earlier_expander);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewBanner, earlier_box);
  gtk_widget_class_bind_template_child (widget_class, BylineReviewBanner, reply_button);
  gtk_widget_class_set_css_name (widget_class, "bylinereviewbanner");
}

static void
byline_review_banner_init (BylineReviewBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
