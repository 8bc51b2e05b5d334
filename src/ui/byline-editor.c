/* byline-editor.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The article editor: headline, lead and body of one BylineArticle. Every
 * edit reaches the article at once (its "changed" signal drives autosave);
 * the body buffer keeps its blocks current cheaply, re-reading only what an
 * edit touched.
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-body-view.h"
#include "byline-editor.h"
#include "byline-text.h"

#define COUNT_DELAY_MS 250

struct _BylineEditor
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkScrolledWindow  *scroller;
  BylineBodyView     *body_view;
  GtkWidget          *header;
  GtkTextView        *headline_view;
  GtkLabel           *headline_placeholder;
  GtkLabel           *headline_count_label;
  GtkTextView        *lead_view;
  GtkLabel           *lead_placeholder;
  GtkLabel           *lead_hint_label;
  GtkLabel           *word_count_label;

  /* Owned */
  BylineArticle      *article;
  BylineEditorBuffer *body;

  guint               count_source;
  guint               loading : 1;
};

G_DEFINE_FINAL_TYPE (BylineEditor, byline_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
byline_editor_new (void)
{
  return g_object_new (BYLINE_TYPE_EDITOR, NULL);
}

BylineArticle *
byline_editor_get_article (BylineEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR (self), NULL);

  return self->article;
}

BylineEditorBuffer *
byline_editor_get_body_buffer (BylineEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR (self), NULL);

  return self->body;
}

GtkTextView *
byline_editor_get_body_view (BylineEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR (self), NULL);

  return GTK_TEXT_VIEW (self->body_view);
}

static char *
get_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* Counts */

static void
update_headline_count (BylineEditor *self)
{
  g_autofree char *text = get_buffer_text (self->headline_view);
  guint n = g_utf8_strlen (text, -1);
  g_autofree char *label = NULL;

  /* Translators: the length of the headline */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters", n), n);
  gtk_label_set_label (self->headline_count_label, n > 0 ? label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->headline_placeholder), n == 0);
}

static void
update_lead_hint (BylineEditor *self)
{
  g_autofree char *text = get_buffer_text (self->lead_view);
  guint words = byline_text_count_words (text);
  g_autofree char *label = NULL;

  if (words == 0)
    label = g_strdup ("");
  else if (words > 60)
    /* Translators: the lead's word count, with a hint that it is long */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u word — a lead reads best under 60",
                                          "%u words — a lead reads best under 60", words),
                             words);
  else
    /* Translators: the lead's word count */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words), words);

  gtk_label_set_label (self->lead_hint_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->lead_placeholder), *text == '\0');
}

static void
update_word_count (BylineEditor *self)
{
  guint words = 0, minutes;
  g_autofree char *words_text = NULL;
  g_autofree char *label = NULL;

  if (self->article != NULL)
    words = byline_article_count_body_words (self->article);
  minutes = byline_text_reading_minutes (words);

  /* Translators: the body's word count */
  words_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words), words);
  if (minutes > 0)
    /* Translators: "%s" is the word count, e.g. "1,200 words · 6 min read" */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u min read", "%s · %u min read",
                                          minutes),
                             words_text, minutes);
  else
    label = g_steal_pointer (&words_text);

  gtk_label_set_label (self->word_count_label, label);
}

static gboolean
count_timeout_cb (gpointer user_data)
{
  BylineEditor *self = user_data;

  self->count_source = 0;
  update_word_count (self);

  return G_SOURCE_REMOVE;
}

static void
queue_word_count (BylineEditor *self)
{
  /* Counting the whole body is not keystroke work. */
  if (self->count_source == 0)
    self->count_source = g_timeout_add (COUNT_DELAY_MS, count_timeout_cb, self);
}

/* Keeping the article current */

static void
on_headline_changed_cb (GtkTextBuffer *buffer,
                        BylineEditor  *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self->body_view));
  update_headline_count (self);
  if (self->article != NULL && !self->loading)
    {
      g_autofree char *text = get_buffer_text (self->headline_view);

      byline_article_set_title (self->article, text);
    }
}

static void
on_lead_changed_cb (GtkTextBuffer *buffer,
                    BylineEditor  *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self->body_view));
  update_lead_hint (self);
  if (self->article != NULL && !self->loading)
    {
      g_autofree char *text = get_buffer_text (self->lead_view);

      byline_article_set_lead (self->article, text);
    }
}

static void
on_blocks_changed_cb (BylineEditorBuffer *buffer,
                      BylineEditor       *self)
{
  if (self->article == NULL || self->loading)
    return;

  byline_article_set_blocks (self->article, byline_editor_buffer_get_blocks (buffer));
  queue_word_count (self);
}

/* The headline and the lead are one paragraph each: a newline typed or
 * pasted into them becomes a space. */
static void
on_single_line_insert_text_cb (GtkTextBuffer *buffer,
                               GtkTextIter   *location,
                               const char    *text,
                               int            len,
                               BylineEditor  *self)
{
  g_autofree char *clean = NULL;

  if (len < 0)
    len = strlen (text);
  if (memchr (text, '\n', len) == NULL && memchr (text, '\r', len) == NULL &&
      memchr (text, '\t', len) == NULL)
    return;

  clean = g_strndup (text, len);
  g_strdelimit (clean, "\r\n\t", ' ');
  g_signal_stop_emission_by_name (buffer, "insert-text");
  g_signal_handlers_block_by_func (buffer, on_single_line_insert_text_cb, self);
  gtk_text_buffer_insert (buffer, location, clean, -1);
  g_signal_handlers_unblock_by_func (buffer, on_single_line_insert_text_cb, self);
}

/* Focus: headline → lead → body, and back */

static void
focus_body_start (BylineEditor *self)
{
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->body), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->body), &start);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
focus_text_view_end (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

static gboolean
is_return (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

static gboolean
is_tab (guint keyval)
{
  return keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab;
}

static gboolean
on_headline_key_pressed_cb (GtkEventControllerKey *controller,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            BylineEditor          *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (is_return (keyval) || (is_tab (keyval) && !(state & GDK_SHIFT_MASK)))
    {
      focus_text_view_end (self->lead_view);
      return TRUE;
    }

  return FALSE;
}

static gboolean
on_lead_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        BylineEditor          *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (is_tab (keyval) && (state & GDK_SHIFT_MASK))
    {
      focus_text_view_end (self->headline_view);
      return TRUE;
    }
  if (is_return (keyval) || is_tab (keyval))
    {
      focus_body_start (self);
      return TRUE;
    }

  return FALSE;
}

static gboolean
on_body_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        BylineEditor          *self)
{
  /* The headline and lead are children of the body view: their keys pass
   * through here first. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->body_view)))
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (is_tab (keyval) && (state & GDK_SHIFT_MASK))
    {
      focus_text_view_end (self->lead_view);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      return TRUE;
    }

  return FALSE;
}

static void
on_header_focus_enter_cb (GtkEventControllerFocus *controller,
                          BylineEditor            *self)
{
  /* The header is an overlay of the body; bring it into view. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/**
 * byline_editor_focus_headline:
 * @self: an editor
 *
 * Puts the cursor at the end of the headline, as for a new article.
 */
void
byline_editor_focus_headline (BylineEditor *self)
{
  g_return_if_fail (BYLINE_IS_EDITOR (self));

  focus_text_view_end (self->headline_view);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/**
 * byline_editor_set_article:
 * @self: an editor
 * @article: (nullable): the article to edit
 *
 * Shows @article. From then on every edit updates it.
 */
void
byline_editor_set_article (BylineEditor  *self,
                           BylineArticle *article)
{
  g_return_if_fail (BYLINE_IS_EDITOR (self));
  g_return_if_fail (article == NULL || BYLINE_IS_ARTICLE (article));

  if (self->article == article)
    return;

  g_set_object (&self->article, article);

  self->loading = TRUE;
  if (article != NULL)
    {
      set_buffer_text (self->headline_view, byline_article_get_title (article));
      set_buffer_text (self->lead_view, byline_article_get_lead (article));
      byline_editor_buffer_load (self->body, byline_article_get_blocks (article));
    }
  else
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      set_buffer_text (self->headline_view, "");
      set_buffer_text (self->lead_view, "");
      byline_editor_buffer_load (self->body, none);
    }
  self->loading = FALSE;

  update_headline_count (self);
  update_lead_hint (self);
  update_word_count (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

static void
byline_editor_dispose (GObject *object)
{
  BylineEditor *self = BYLINE_EDITOR (object);

  GtkWidget *child;

  g_clear_handle_id (&self->count_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->article);
  g_clear_object (&self->body);

  G_OBJECT_CLASS (byline_editor_parent_class)->dispose (object);
}

static void
byline_editor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BylineEditor *self = BYLINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_editor_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BylineEditor *self = BYLINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      byline_editor_set_article (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_editor_class_init (BylineEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_editor_dispose;
  object_class->get_property = byline_editor_get_property;
  object_class->set_property = byline_editor_set_property;

  /**
   * BylineEditor:article:
   *
   * The article being edited; every edit updates it.
   */
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         BYLINE_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BYLINE_TYPE_BODY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/byline-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, header);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, headline_view);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, headline_placeholder);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, headline_count_label);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, lead_view);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, lead_placeholder);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, lead_hint_label);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, word_count_label);

  gtk_widget_class_set_css_name (widget_class, "bylineeditor");
}

static void
add_key_controller (GtkWidget *widget,
                    GCallback  callback,
                    gpointer   user_data)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", callback, user_data);
  gtk_widget_add_controller (widget, controller);
}

static void
byline_editor_init (BylineEditor *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->body = byline_editor_buffer_new ();
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->body_view), GTK_TEXT_BUFFER (self->body));
  byline_body_view_set_header (self->body_view, self->header);
  byline_body_view_add_fitted (self->body_view, self->headline_view);
  byline_body_view_add_fitted (self->body_view, self->lead_view);
  g_signal_connect (self->body, "blocks-changed", G_CALLBACK (on_blocks_changed_cb), self);

  g_signal_connect (gtk_text_view_get_buffer (self->headline_view), "changed",
                    G_CALLBACK (on_headline_changed_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->headline_view), "insert-text",
                    G_CALLBACK (on_single_line_insert_text_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->lead_view), "changed",
                    G_CALLBACK (on_lead_changed_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->lead_view), "insert-text",
                    G_CALLBACK (on_single_line_insert_text_cb), self);

  add_key_controller (GTK_WIDGET (self->headline_view), G_CALLBACK (on_headline_key_pressed_cb), self);
  add_key_controller (GTK_WIDGET (self->lead_view), G_CALLBACK (on_lead_key_pressed_cb), self);
  add_key_controller (GTK_WIDGET (self->body_view), G_CALLBACK (on_body_key_pressed_cb), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_header_focus_enter_cb), self);
  gtk_widget_add_controller (self->header, focus);

  update_headline_count (self);
  update_lead_hint (self);
  update_word_count (self);
}
