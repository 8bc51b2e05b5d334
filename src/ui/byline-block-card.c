/* byline-block-card.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A block the writer cannot edit in place: a separator, or content from
 * the portal that Byline keeps byte for byte (a gallery, an embed, a
 * table…). It says clearly what it is and that it is kept as it is; it can
 * be moved or removed, never changed, so it can never be corrupted.
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-body-view.h"
#include "byline-block-card.h"

struct _BylineBlockCard
{
  BylineColumnBin parent_instance;

  /* Template widgets */
  GtkWidget  *frame;
  GtkImage   *icon;
  GtkWidget  *text_box;
  GtkLabel   *title_label;
  GtkLabel   *description_label;
  GtkWidget  *rule;
  GtkButton  *up_button;
  GtkButton  *down_button;
  GtkButton  *remove_button;

  /* Owned */
  BylineBlock *block;

  guint        build_source;
  guint        built : 1;
};

/* Raw blocks can be hundreds in one post (paragraphs whose links carry
 * attributes Byline does not model, say): each card is an empty frame of
 * about its height until it is first on screen. */
static int placeholder_height[2] = { 64, 40 };

static void build_content (BylineBlockCard *self);

G_DEFINE_FINAL_TYPE (BylineBlockCard, byline_block_card, BYLINE_TYPE_COLUMN_BIN)

enum {
  MOVE,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char *name;
  const char *title;
  const char *icon;
} known_blocks[] = {
  { "core/gallery", N_("Photo gallery"), "view-grid-symbolic" },
  { "core/embed", N_("Embedded content"), "web-browser-symbolic" },
  { "core/video", N_("Video"), "video-x-generic-symbolic" },
  { "core/audio", N_("Audio"), "audio-x-generic-symbolic" },
  { "core/table", N_("Table"), "view-list-symbolic" },
  { "core/columns", N_("Columns"), "view-dual-symbolic" },
  { "core/cover", N_("Cover image"), "image-x-generic-symbolic" },
  { "core/file", N_("File download"), "folder-download-symbolic" },
  { "core/html", N_("Custom HTML"), "text-html-symbolic" },
  { "core/pullquote", N_("Pull quote"), "format-text-italic-symbolic" },
  { "core/preformatted", N_("Preformatted text"), "text-x-generic-symbolic" },
  { "core/verse", N_("Verse"), "text-x-generic-symbolic" },
  { "core/image", N_("Image from the portal"), "image-x-generic-symbolic" },
  { "core/paragraph", N_("Paragraph with formatting Byline keeps as it is"), "format-justify-left-symbolic" },
  { "core/heading", N_("Heading with formatting Byline keeps as it is"), "format-justify-left-symbolic" },
  { "core/list", N_("List with formatting Byline keeps as it is"), "view-list-bullet-symbolic" },
  { "core/quote", N_("Quote with formatting Byline keeps as it is"), "format-justify-left-symbolic" },
};

/* The words of a raw block, so the writer sees what it is. */
static char *
preview_text (BylineBlock *block)
{
  const char *markup = byline_block_get_raw_markup (block);
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE, space = FALSE;

  for (const char *p = markup; *p != '\0' && out->len < 400; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        {
          in_tag = FALSE;
          space = TRUE;
        }
      else if (!in_tag)
        {
          if (g_ascii_isspace (*p))
            space = TRUE;
          else
            {
              if (space && out->len > 0)
                g_string_append_c (out, ' ');
              space = FALSE;
              g_string_append_c (out, *p);
            }
        }
    }

  {
    char *valid = g_utf8_make_valid (out->str, -1);

    g_string_free (out, TRUE);
    return valid;
  }
}

static void
show_block (BylineBlockCard *self,
            BylineBlock     *block)
{
  const char *name;
  g_autofree char *title = NULL;
  const char *icon = "application-x-addon-symbolic";

  if (byline_block_get_kind (block) == BYLINE_BLOCK_SEPARATOR)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->icon), FALSE);
      gtk_widget_set_visible (self->text_box, FALSE);
      gtk_widget_set_visible (self->rule, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Separator"), -1);
      return;
    }

  name = byline_block_get_raw_name (block);
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (known_blocks); i++)
    {
      if (g_str_equal (name, known_blocks[i].name))
        {
          title = g_strdup (_(known_blocks[i].title));
          icon = known_blocks[i].icon;
        }
    }
  if (title == NULL && name != NULL)
    /* Translators: a block of the portal Byline does not know, "%s" is its name */
    title = g_strdup_printf (_("Block “%s”"), name);
  else if (title == NULL)
    title = g_strdup (_("Classic content"));

  gtk_label_set_label (self->title_label, title);
  {
    g_autofree char *preview = preview_text (block);

    if (*preview != '\0')
      gtk_label_set_label (self->description_label, preview);
    else
      gtk_label_set_label (self->description_label,
                           _("Kept exactly as it is on the portal. Byline does not edit it."));
    gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                                 _("Kept exactly as it is on the portal. Byline does not edit it."));
  }
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static gboolean
is_separator (BylineBlockCard *self)
{
  return byline_block_get_kind (self->block) == BYLINE_BLOCK_SEPARATOR;
}

GtkWidget *
byline_block_card_new (BylineBlock *block)
{
  BylineBlockCard *self;

  g_return_val_if_fail (block != NULL, NULL);
  g_return_val_if_fail (byline_block_get_kind (block) == BYLINE_BLOCK_SEPARATOR ||
                        byline_block_get_kind (block) == BYLINE_BLOCK_RAW, NULL);

  self = g_object_new (BYLINE_TYPE_BLOCK_CARD, NULL);
  self->block = byline_block_ref (block);
  byline_column_bin_set_placeholder_height (BYLINE_COLUMN_BIN (self), placeholder_height[is_separator (self)]);

  return GTK_WIDGET (self);
}

const char *
byline_block_card_get_title (BylineBlockCard *self)
{
  g_return_val_if_fail (BYLINE_IS_BLOCK_CARD (self), NULL);

  build_content (self);
  return gtk_label_get_label (self->title_label);
}

static void
on_up_clicked_cb (GtkButton       *button,
                  BylineBlockCard *self)
{
  g_signal_emit (self, signals[MOVE], 0, -1);
}

static void
on_down_clicked_cb (GtkButton       *button,
                    BylineBlockCard *self)
{
  g_signal_emit (self, signals[MOVE], 0, 1);
}

static void
on_remove_clicked_cb (GtkButton       *button,
                      BylineBlockCard *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
byline_block_card_dispose (GObject *object)
{
  BylineBlockCard *self = BYLINE_BLOCK_CARD (object);
  g_clear_handle_id (&self->build_source, g_source_remove);
  /* The bin lets go of the frame before the template's children go. */
  byline_column_bin_set_child (BYLINE_COLUMN_BIN (self), NULL);
  if (self->built)
    gtk_widget_dispose_template (GTK_WIDGET (object), BYLINE_TYPE_BLOCK_CARD);
  g_clear_pointer (&self->block, byline_block_unref);

  G_OBJECT_CLASS (byline_block_card_parent_class)->dispose (object);
}

static gboolean
build_cb (gpointer data)
{
  BylineBlockCard *self = data;

  self->build_source = 0;
  build_content (self);
  return G_SOURCE_REMOVE;
}

static void
byline_block_card_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  BylineBlockCard *self = BYLINE_BLOCK_CARD (widget);

  if (!self->built)
    {
      if (self->build_source == 0 && !byline_body_view_child_is_parked (widget))
        self->build_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, build_cb, self, NULL);
      return;
    }

  GTK_WIDGET_CLASS (byline_block_card_parent_class)->snapshot (widget, snapshot);
}

static gboolean
focus_builds (GtkWidget        *widget,
              GtkDirectionType  direction)
{
  BylineBlockCard *self = BYLINE_BLOCK_CARD (widget);

  build_content (self);
  return GTK_WIDGET_CLASS (byline_block_card_parent_class)->focus (widget, direction);
}

static void
byline_block_card_class_init (BylineBlockCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_block_card_dispose;

  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  widget_class->snapshot = byline_block_card_snapshot;
  widget_class->focus = focus_builds;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/byline-block-card.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineBlockCard, frame);
  gtk_widget_class_bind_template_child (widget_class, BylineBlockCard, icon);
  gtk_widget_class_bind_template_child (widget_class, BylineBlockCard, text_box);
  gtk_widget_class_bind_template_child (widget_class, BylineBlockCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, BylineBlockCard, description_label);
  gtk_widget_class_bind_template_child (widget_class, BylineBlockCard, rule);
  gtk_widget_class_bind_template_child (widget_class, BylineBlockCard, up_button);
  gtk_widget_class_bind_template_child (widget_class, BylineBlockCard, down_button);
  gtk_widget_class_bind_template_child (widget_class, BylineBlockCard, remove_button);

  gtk_widget_class_set_css_name (widget_class, "blockcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
build_content (BylineBlockCard *self)
{
  GtkButton *buttons[3];
  int height;

  if (self->built)
    return;

  self->built = TRUE;
  g_clear_handle_id (&self->build_source, g_source_remove);
  gtk_widget_init_template (GTK_WIDGET (self));
  buttons[0] = self->up_button;
  buttons[1] = self->down_button;
  buttons[2] = self->remove_button;

  g_signal_connect (self->up_button, "clicked", G_CALLBACK (on_up_clicked_cb), self);
  g_signal_connect (self->down_button, "clicked", G_CALLBACK (on_down_clicked_cb), self);
  g_signal_connect (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (buttons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_widget_get_tooltip_text (GTK_WIDGET (buttons[i])), -1);
  show_block (self, self->block);
  /* The frame draws the card; the card itself draws nothing, so a card
   * parked off screen costs nothing per frame. */
  gtk_widget_add_css_class (self->frame, is_separator (self) ? "separator-card" : "raw-card");

  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL,
                      MAX (1, gtk_widget_get_width (GTK_WIDGET (self))), NULL, &height, NULL, NULL);
  if (height > 0 && !is_separator (self))
    placeholder_height[0] = height;
}

static void
byline_block_card_init (BylineBlockCard *self)
{
}
