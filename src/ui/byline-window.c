/* byline-window.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The main window: the Drafts list and the portal's sections in the
 * sidebar, the open article in the editor. The open article is autosaved;
 * leaving it (opening another, closing the window, quitting) flushes its
 * autosave, and a window with unsaved changes closes only once they are
 * on disk.
 *
 * An article opened from the portal is a working copy (see
 * byline-remote-article.c) reviewed with the account it came from: an
 * editor approves it (publish now, schedule) or returns it with a note;
 * its reporter reads the notes above the editor, answers and resubmits.
 * What the role may not do is neither shown nor enabled.
 */

#define G_LOG_DOMAIN "byline-window"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-autosave.h"
#include "byline-drafts-panel.h"
#include "byline-editor.h"
#include "byline-error.h"
#include "byline-publish-panel.h"
#include "byline-portal-messages.h"
#include "byline-portal-sidebar.h"
#include "byline-publisher.h"
#include "byline-remote-article.h"
#include "byline-review-banner.h"
#include "byline-review.h"
#include "byline-window.h"

struct _BylineWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwLeaflet          *leaflet;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *content_stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;
  AdwWindowTitle      *content_title;
  BylinePortalSidebar *portal_sidebar;
  BylineEditor        *editor;
  GtkLabel            *save_label;
  GtkButton           *trash_button;
  AdwFlap             *flap;
  BylinePublishPanel  *publish_panel;
  GtkToggleButton     *publish_button;
  GtkWidget           *approve_button;
  GtkWidget           *preview_button;
  GtkWidget           *refresh_button;
  BylineReviewBanner  *review_banner;

  /* Borrowed */
  BylineDraftsPanel   *drafts_panel;

  /* Owned */
  GSettings           *settings;
  BylineDraftStore    *store;
  GCancellable        *cancellable;     /* cancelled when the window goes */
  GCancellable        *load_cancellable;
  BylineArticle       *article;
  BylineAutosave      *autosave;
  GPtrArray           *leaving;         /* BylineAutosave of articles left unsaved */
  char                *loading_id;
  guint                pending_flushes;
  BylinePortalSections *article_sections;  /* the account the open article is reviewed with */
  GPtrArray           *notes;              /* BylinePortalComment on the open article */
  GCancellable        *notes_cancellable;

  guint                article_is_new : 1;
  guint                save_failure_said : 1;
  guint                closing : 1;
  guint                close_anyway : 1;
  guint                may_close : 1;
  guint                review_busy : 1;
};

G_DEFINE_FINAL_TYPE (BylineWindow, byline_window, ADW_TYPE_APPLICATION_WINDOW)

static void on_sent_cb (BylineWindow     *self,
                        BylineOutboxItem *item,
                        BylinePortalPost *post,
                        BylineOutbox     *outbox);

static void
watch_outbox (BylineWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(BylineOutbox) outbox = NULL;

  if (app == NULL || g_object_get_data (G_OBJECT (self), "byline-watched-outbox") != NULL)
    return;
  g_object_get (app, "outbox", &outbox, NULL);
  if (outbox == NULL)
    return;

  g_object_set_data (G_OBJECT (self), "byline-watched-outbox", outbox);
  g_signal_connect_object (outbox, "sent", G_CALLBACK (on_sent_cb), self, G_CONNECT_SWAPPED);
  byline_drafts_panel_set_outbox (self->drafts_panel, outbox);
}
static void review_enter           (BylineWindow *self);
static void review_leave           (BylineWindow *self);
static void on_accounts_changed_cb (BylineWindow *self,
                                    guint         position,
                                    guint         removed,
                                    guint         added,
                                    GListModel   *accounts);

BylineWindow *
byline_window_new (BylineApplication *application)
{
  BylineWindow *self;

  g_return_val_if_fail (BYLINE_IS_APPLICATION (application), NULL);

  self = g_object_new (BYLINE_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->store = g_object_ref (byline_application_get_draft_store (application));
  byline_drafts_panel_set_store (self->drafts_panel, self->store);
  byline_publish_panel_set_application (self->publish_panel, application);

  /* The outbox is made when first needed; from then on, its news. */
  g_signal_connect_object (application, "notify::outbox", G_CALLBACK (watch_outbox), self,
                           G_CONNECT_SWAPPED);
  watch_outbox (self);
  byline_portal_sidebar_setup (self->portal_sidebar, application, self->cancellable);
  gtk_widget_set_visible (self->refresh_button,
                          g_list_model_get_n_items (G_LIST_MODEL (byline_application_get_accounts (application))) > 0);
  g_signal_connect_object (byline_application_get_accounts (application), "items-changed",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

static void
toast (BylineWindow *self,
       const char   *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* A notice that an article went to the portal, with a way to see it there. */
static void
toast_with_link (BylineWindow *self,
                 const char   *title,
                 const char   *link)
{
  AdwToast *message = adw_toast_new (title);

  adw_toast_set_timeout (message, 8);
  if (link != NULL)
    {
      adw_toast_set_button_label (message, _("_Open in Browser"));
      adw_toast_set_action_name (message, "win.open-link");
      adw_toast_set_action_target_value (message, g_variant_new_string (link));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, message);
}

/* What a failed save or load means for the user, and what to do. */
static const char *
describe_storage_error (const GError *error)
{
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NO_SPACE))
    return _("The disk is full. Free some space; Byline keeps trying to save.");
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND))
    return _("This draft is no longer on this computer.");
  return _("Byline cannot write to its drafts folder. Check that the disk is working; Byline keeps trying to save.");
}

/* The same, short enough for a toast. */
static const char *
describe_storage_error_briefly (const GError *error)
{
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NO_SPACE))
    return _("Not saved: the disk is full");
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND))
    return _("Not saved: the draft is no longer here");
  return _("Not saved: the drafts folder cannot be written");
}

static gboolean
article_is_empty (BylineArticle *article)
{
  g_autofree char *text = byline_article_get_plain_text (article);

  if (*byline_article_get_title (article) != '\0' || *byline_article_get_lead (article) != '\0' ||
      *text != '\0')
    return FALSE;

  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    {
      BylineBlockKind kind = byline_block_get_kind (byline_article_get_block (article, i));

      if (kind != BYLINE_BLOCK_PARAGRAPH && kind != BYLINE_BLOCK_HEADING)
        return FALSE;
    }

  return TRUE;
}

/* ---- title, indicator, session ---- */

static void
update_title (BylineWindow *self)
{
  const char *headline = self->article ? byline_article_get_title (self->article) : NULL;

  if (self->article == NULL)
    {
      adw_window_title_set_title (self->content_title, "");
      gtk_window_set_title (GTK_WINDOW (self), _("Byline"));
      return;
    }

  if (headline == NULL || *headline == '\0')
    headline = _("Untitled Article");
  adw_window_title_set_title (self->content_title, headline);
  gtk_window_set_title (GTK_WINDOW (self), headline);
}

static void
update_save_indicator (BylineWindow *self)
{
  BylineAutosaveState state;
  GtkWidget *label = GTK_WIDGET (self->save_label);

  gtk_widget_set_visible (label, self->autosave != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->trash_button), self->article != NULL);
  if (self->article != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->trash_button), "s",
                                        byline_article_get_id (self->article));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->trash_button), "win.delete-article");
    }
  if (self->autosave == NULL)
    return;

  state = byline_autosave_get_state (self->autosave);
  if (state == BYLINE_AUTOSAVE_FAILED)
    {
      gtk_label_set_label (self->save_label, _("Not Saved"));
      gtk_widget_set_tooltip_text (label,
                                   describe_storage_error (byline_autosave_get_error (self->autosave)));
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "error");
      return;
    }

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_add_css_class (label, "dim-label");
  if (state == BYLINE_AUTOSAVE_SAVED)
    {
      gtk_label_set_label (self->save_label, _("Saved"));
      gtk_widget_set_tooltip_text (label, _("Everything you typed is saved on this computer"));
    }
  else
    {
      gtk_label_set_label (self->save_label, _("Saving…"));
      gtk_widget_set_tooltip_text (label, NULL);
    }
}

static void
on_autosave_state_cb (BylineWindow   *self,
                      GParamSpec     *pspec,
                      BylineAutosave *autosave)
{
  gboolean failed = byline_autosave_get_state (autosave) == BYLINE_AUTOSAVE_FAILED;

  update_save_indicator (self);

  /* Said once when saving starts failing, not at every retry. */
  if (failed && !self->save_failure_said)
    toast (self, describe_storage_error_briefly (byline_autosave_get_error (autosave)));
  if (failed || byline_autosave_get_state (autosave) == BYLINE_AUTOSAVE_SAVED)
    self->save_failure_said = failed;
}

static void
save_session (BylineWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL)
    byline_application_save_session (BYLINE_APPLICATION (app));
}

/* ---- leaving an article ---- */

static void
on_leaving_state_cb (BylineAutosave *autosave,
                     GParamSpec     *pspec,
                     BylineWindow   *self)
{
  if (byline_autosave_get_dirty (autosave))
    return;

  g_signal_handlers_disconnect_by_func (autosave, on_leaving_state_cb, self);
  g_ptr_array_remove (self->leaving, autosave);
}

/* Closes the article in the editor. Its unsaved changes are flushed now
 * and, should that fail, retried for as long as the window lives; an
 * article that was created here and left empty is deleted. */
static void
leave_article (BylineWindow *self,
               gboolean      keep_if_empty)
{
  g_autoptr(BylineArticle) article = g_steal_pointer (&self->article);
  g_autoptr(BylineAutosave) autosave = g_steal_pointer (&self->autosave);

  if (article == NULL)
    return;

  g_signal_handlers_disconnect_by_data (article, self);
  g_signal_handlers_disconnect_by_data (autosave, self);
  byline_editor_set_article (self->editor, NULL);
  byline_publish_panel_set_article (self->publish_panel, NULL);
  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_button), FALSE);
  review_leave (self);

  if (self->article_is_new && !keep_if_empty && article_is_empty (article))
    byline_draft_store_delete_async (self->store, byline_article_get_id (article),
                                     NULL, NULL, NULL);
  else if (byline_autosave_get_dirty (autosave) ||
           byline_autosave_get_state (autosave) == BYLINE_AUTOSAVE_FAILED)
    {
      g_ptr_array_add (self->leaving, g_object_ref (autosave));
      g_signal_connect (autosave, "notify::state", G_CALLBACK (on_leaving_state_cb), self);
      byline_autosave_flush_async (autosave, NULL, NULL, NULL);
    }

  self->article_is_new = FALSE;
  update_title (self);
  update_save_indicator (self);
}

static void
show_article (BylineWindow  *self,
              BylineArticle *article,
              gboolean       is_new)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app ? byline_application_get_settings (BYLINE_APPLICATION (app)) : NULL;

  leave_article (self, FALSE);

  self->article = g_object_ref (article);
  self->article_is_new = is_new;
  self->save_failure_said = FALSE;
  self->autosave = byline_autosave_new (self->store, article);
  if (settings != NULL)
    g_settings_bind (settings, "autosave-delay", self->autosave, "delay", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->autosave, "notify::state",
                           G_CALLBACK (on_autosave_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (article, "notify::title",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);

  /* Shown first: the editor lays out the article's header and body
   * correctly only once it is on screen. */
  gtk_stack_set_visible_child_name (self->content_stack, "editor");
  byline_editor_set_article (self->editor, article);
  byline_publish_panel_set_article (self->publish_panel, article);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_button), TRUE);
  byline_drafts_panel_select (self->drafts_panel, byline_article_get_id (article));
  update_title (self);
  update_save_indicator (self);
  save_session (self);
  review_enter (self);
}

/* ---- opening drafts ---- */

static void
show_load_error (BylineWindow *self,
                 const GError *error)
{
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_PARSE))
    {
      adw_status_page_set_title (self->error_page, _("This Draft Is Damaged"));
      adw_status_page_set_description (self->error_page,
                                       _("Its file could not be read and no earlier copy was found. "
                                         "The damaged file was kept in the draft’s folder; nothing was deleted."));
    }
  else if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND))
    {
      adw_status_page_set_title (self->error_page, _("This Draft No Longer Exists"));
      adw_status_page_set_description (self->error_page,
                                       _("It may have been deleted in another Byline window."));
    }
  else
    {
      adw_status_page_set_title (self->error_page, _("This Draft Cannot Be Opened"));
      adw_status_page_set_description (self->error_page,
                                       _("Byline cannot read its drafts folder. Check that the disk is working."));
    }
  /* Set here rather than in the template: a 128 px theme icon is an SVG,
   * and a page that is rarely shown should not load it at start-up. */
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean recovered = FALSE;

  article = byline_draft_store_load_finish (BYLINE_DRAFT_STORE (object), result,
                                            &recovered, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  id = g_steal_pointer (&self->loading_id);
  if (article == NULL)
    {
      g_message ("could not open draft %s: %s", id, error->message);
      leave_article (self, FALSE);
      byline_drafts_panel_select (self->drafts_panel, id);
      show_load_error (self, error);
      return;
    }

  show_article (self, article, FALSE);
  if (recovered)
    toast (self, _("This draft was damaged; Byline restored its last good copy"));
}

/**
 * byline_window_open_draft:
 * @self: a window
 * @id: a draft's id
 *
 * Loads the draft (off the main thread) and shows it in the editor.
 */
void
byline_window_open_draft (BylineWindow *self,
                          const char   *id)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  if (self->article != NULL && g_str_equal (byline_article_get_id (self->article), id))
    return;
  if (g_strcmp0 (self->loading_id, id) == 0)
    return;

  /* An article in the outbox is the outbox's: one live copy, which the
   * publish job and autosave both write. */
  {
    BylineOutbox *outbox = g_object_get_data (G_OBJECT (self), "byline-watched-outbox");
    BylineOutboxItem *item = outbox != NULL ? byline_outbox_lookup (outbox, id) : NULL;

    if (item != NULL)
      {
        g_cancellable_cancel (self->load_cancellable);
        g_clear_pointer (&self->loading_id, g_free);
        show_article (self, byline_outbox_item_get_article (item), FALSE);
        return;
      }
  }

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  g_free (self->loading_id);
  self->loading_id = g_strdup (id);

  /* The article being left is saved while the next one loads. */
  leave_article (self, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  byline_drafts_panel_select (self->drafts_panel, id);

  byline_draft_store_load_async (self->store, id, self->load_cancellable, load_cb,
                                 g_object_ref (self));
}

/**
 * byline_window_get_article:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the article in the editor
 */
BylineArticle *
byline_window_get_article (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->article;
}

/**
 * byline_window_is_busy:
 * @self: a window
 *
 * Returns: whether a draft is loading or some change is not on disk yet
 */
gboolean
byline_window_is_busy (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);

  return self->loading_id != NULL || self->leaving->len > 0 ||
         (self->autosave != NULL && byline_autosave_get_dirty (self->autosave));
}

static void
on_draft_activated_cb (BylineWindow      *self,
                       const char        *id,
                       BylineDraftsPanel *panel)
{
  byline_window_open_draft (self, id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* ---- review ---- */

static BylinePortalUser *
review_user (BylineWindow *self)
{
  return self->article_sections != NULL
         ? byline_portal_sections_get_user (self->article_sections) : NULL;
}

static gboolean
is_editor (BylinePortalUser *user)
{
  return user != NULL && (user->caps & BYLINE_PORTAL_CAN_PUBLISH) &&
         (user->caps & BYLINE_PORTAL_CAN_EDIT_OTHERS);
}

static gboolean
someone_else_wrote (BylineWindow *self)
{
  BylinePortalUser *user = review_user (self);

  for (guint i = 0; self->notes != NULL && user != NULL && i < self->notes->len; i++)
    if (((BylinePortalComment *) g_ptr_array_index (self->notes, i))->author != user->id)
      return TRUE;

  return FALSE;
}

static void
set_enabled (BylineWindow *self,
             const char   *name,
             gboolean      enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* What the open article's account may do with it now: the one place that
 * decides which review actions are shown and enabled. */
static void
update_review (BylineWindow *self)
{
  BylinePortalUser *user = review_user (self);
  BylinePostStatus status = self->article != NULL ? byline_article_get_remote_status (self->article)
                                                  : BYLINE_POST_STATUS_NONE;
  gboolean remote = self->article != NULL && byline_article_get_post_id (self->article) > 0;
  gboolean unpublished = status == BYLINE_POST_STATUS_PENDING || status == BYLINE_POST_STATUS_DRAFT;
  gboolean editor = remote && is_editor (user);
  gboolean idle = !self->review_busy;

  /* A reporter never sees Approve; an editor sees it on articles in review
   * (and on scheduled ones, to publish them now). */
  gtk_widget_set_visible (self->approve_button,
                          editor && (unpublished || status == BYLINE_POST_STATUS_FUTURE));
  set_enabled (self, "approve", editor && idle &&
                                (unpublished || status == BYLINE_POST_STATUS_FUTURE));
  /* One suggested action at a time: for an editor that is Approve, and the
   * panel (terms, photo, address) stays beside it, quieter. */
  if (gtk_widget_get_visible (self->approve_button))
    gtk_widget_remove_css_class (GTK_WIDGET (self->publish_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->publish_button), "suggested-action");
  set_enabled (self, "schedule", editor && idle && unpublished);
  set_enabled (self, "return-to-reporter", editor && idle && unpublished);

  gtk_widget_set_visible (self->preview_button,
                          remote && self->article_sections != NULL &&
                          byline_article_get_link (self->article) != NULL);
  set_enabled (self, "preview", remote && byline_article_get_link (self->article) != NULL);

  /* The reporter answers an editor's note (and so resubmits). */
  set_enabled (self, "reply-to-note", remote && idle && user != NULL && !editor && unpublished &&
                                      someone_else_wrote (self));
  byline_review_banner_set_can_reply (self->review_banner,
                                      remote && user != NULL && !editor && unpublished &&
                                      someone_else_wrote (self));
}

static void
notes_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;

  notes = byline_review_list_notes_finish (result, &error);
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return;
  if (notes == NULL)
    {
      /* A published post's reporter may no longer read them: nothing to show. */
      g_debug ("No notes shown: %s", error->message);
      return;
    }

  g_clear_pointer (&self->notes, g_ptr_array_unref);
  self->notes = g_steal_pointer (&notes);
  byline_review_banner_set_notes (self->review_banner, self->notes,
                                  review_user (self) != NULL ? review_user (self)->id : 0);
  update_review (self);
}

static void
load_notes (BylineWindow *self)
{
  BylinePostStatus status;

  g_cancellable_cancel (self->notes_cancellable);
  g_clear_object (&self->notes_cancellable);

  if (self->article == NULL || self->article_sections == NULL)
    return;

  /* Notes live on unpublished posts only (approving deletes them). */
  status = byline_article_get_remote_status (self->article);
  if (status != BYLINE_POST_STATUS_PENDING && status != BYLINE_POST_STATUS_DRAFT)
    return;

  self->notes_cancellable = g_cancellable_new ();
  byline_review_list_notes_async (byline_portal_sections_get_portal (self->article_sections),
                                  byline_article_get_post_id (self->article),
                                  self->notes_cancellable, notes_cb, g_object_ref (self));
}

static void
review_leave (BylineWindow *self)
{
  g_cancellable_cancel (self->notes_cancellable);
  g_clear_object (&self->notes_cancellable);
  g_clear_object (&self->article_sections);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  byline_review_banner_set_notes (self->review_banner, NULL, 0);
  update_review (self);
}

/* The open article came from the portal: find the account it is reviewed
 * with (the one that opened it, or the most capable on its portal). */
static void
review_enter (BylineWindow *self)
{
  if (self->article == NULL || byline_article_get_post_id (self->article) <= 0)
    {
      update_review (self);
      return;
    }

  if (self->article_sections == NULL)
    {
      BylinePortalSections *sections =
        byline_portal_sidebar_find_sections (self->portal_sidebar,
                                             byline_article_get_site (self->article));

      if (sections != NULL)
        self->article_sections = g_object_ref (sections);
    }

  update_review (self);
  load_notes (self);
}

static void
on_sections_ready_cb (BylineWindow         *self,
                      BylinePortalSections *sections,
                      BylinePortalSidebar  *sidebar)
{
  /* An account signed in after the article was opened. */
  if (self->article != NULL && self->article_sections == NULL)
    review_enter (self);
}

static void
on_accounts_changed_cb (BylineWindow *self,
                        guint         position,
                        guint         removed,
                        guint         added,
                        GListModel   *accounts)
{
  gtk_widget_set_visible (self->refresh_button, g_list_model_get_n_items (accounts) > 0);
}

/* After an approval, a return or a reply: the article's new state on the
 * portal, in the working copy and the sidebar's lists. */
static void
review_done (BylineWindow         *self,
             BylinePortalSections *sections,
             BylinePortalPost     *post)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();

  g_ptr_array_add (changed, post);
  byline_portal_sections_apply_changes (sections, changed);
  /* The reporter's account, when it is on this computer too, sees it now. */
  byline_portal_sidebar_refresh (self->portal_sidebar);

  if (self->article != NULL && byline_article_get_post_id (self->article) == post->id &&
      byline_article_get_remote_status (self->article) !=
      byline_remote_article_status (post->status))
    {
      g_autofree char *modified = post->modified_gmt != NULL
                                  ? g_date_time_format (post->modified_gmt, "%Y-%m-%dT%H:%M:%S")
                                  : NULL;
      gboolean edited = byline_remote_article_is_edited (self->article);

      /* Only the status changed on the portal; edits made here stay edits. */
      byline_article_set_remote (self->article, byline_article_get_site (self->article), post->id,
                                 modified, post->link, byline_remote_article_status (post->status));
      byline_article_set_status (self->article, byline_remote_article_status (post->status));
      if (!edited)
        byline_remote_article_mark_sent (self->article, post);
    }

  self->review_busy = FALSE;
  update_review (self);
  load_notes (self);
  if (self->notes != NULL && (post->status == BYLINE_PORTAL_POST_STATUS_PUBLISH ||
                              post->status == BYLINE_PORTAL_POST_STATUS_FUTURE))
    {
      g_clear_pointer (&self->notes, g_ptr_array_unref);
      byline_review_banner_set_notes (self->review_banner, NULL, 0);
    }
}

static void
review_failed (BylineWindow *self,
               const char   *heading,
               const char   *body)
{
  AdwMessageDialog *dialog;

  self->review_busy = FALSE;
  update_review (self);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

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

/* ---- opening posts from the portal ---- */

typedef struct
{
  BylineWindow         *window;
  BylinePortalSections *sections;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->sections);
  g_free (data);
}

static void
show_remote_error (BylineWindow *self,
                   const GError *error)
{
  g_autofree char *message = byline_portal_error_message (error);

  adw_status_page_set_title (self->error_page, _("This Article Cannot Be Opened"));
  adw_status_page_set_description (self->error_page, message);
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

static void
remote_open_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpenData *data = user_data;
  BylineWindow *self = data->window;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  BylineRemoteCopy copy = BYLINE_REMOTE_COPY_NEW;

  article = byline_remote_article_open_finish (result, &copy, &error);
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      open_data_free (data);
      return;
    }

  g_clear_pointer (&self->loading_id, g_free);
  if (article == NULL)
    {
      g_message ("could not open a post from the portal: %s", error->message);
      show_remote_error (self, error);
      open_data_free (data);
      return;
    }

  show_article (self, article, FALSE);
  /* The account it was opened with, even if another one is more capable. */
  g_set_object (&self->article_sections, data->sections);
  review_enter (self);

  if (copy == BYLINE_REMOTE_COPY_DIVERGED)
    toast (self, _("Changed on the portal since you edited it here: your version is kept"));
  else if (copy == BYLINE_REMOTE_COPY_UPDATED)
    toast (self, _("Updated with the portal’s latest version"));

  open_data_free (data);
}

static void
on_post_activated_cb (BylineWindow         *self,
                      BylinePortalSections *sections,
                      BylineRemotePost     *post,
                      BylinePortalSidebar  *sidebar)
{
  BylinePortal *portal = byline_portal_sections_get_portal (sections);
  g_autofree char *id = byline_remote_article_id (byline_remote_article_site (portal),
                                                  byline_remote_post_get_id (post));
  OpenData *data;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (self->article != NULL && g_str_equal (byline_article_get_id (self->article), id))
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  g_free (self->loading_id);
  self->loading_id = g_steal_pointer (&id);

  leave_article (self, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");

  data = g_new0 (OpenData, 1);
  data->window = g_object_ref (self);
  data->sections = g_object_ref (sections);
  byline_remote_article_open_async (portal, self->store, byline_remote_post_get_id (post),
                                    self->load_cancellable, remote_open_cb, data);
}

/* ---- notifications ---- */

static void
on_review_queue_arrivals_cb (BylineWindow         *self,
                             BylinePortalSections *sections,
                             guint                 count,
                             const char           *title,
                             BylinePortalSidebar  *sidebar)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (app == NULL)
    return;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u New Article to Review",
                                          "%u New Articles to Review", count), count);
  /* Translators: a notification's text: the headline of the newest article
   * submitted for review */
  body = g_strdup_printf (_("“%s”"), title != NULL && *title != '\0' ? title : _("Untitled Article"));

  /* One notification, replaced as articles keep coming. */
  notification = g_notification_new (heading);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_NORMAL);
  g_application_send_notification (app, "review-queue", notification);
}

/* ---- review actions ---- */

typedef struct
{
  BylineWindow         *window;
  BylinePortalSections *sections;
  BylinePublisher      *publisher;
  GDateTime            *date;
} ReviewData;

static ReviewData *
review_data_new (BylineWindow *self)
{
  ReviewData *data = g_new0 (ReviewData, 1);

  data->window = g_object_ref (self);
  data->sections = g_object_ref (self->article_sections);

  return data;
}

static void
review_data_free (ReviewData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->sections);
  g_clear_object (&data->publisher);
  g_clear_pointer (&data->date, g_date_time_unref);
  g_free (data);
}

static void run_approval (ReviewData *data);

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         ReviewData       *data)
{
  if (g_str_equal (response, "overwrite") && data->window->article != NULL &&
      byline_publisher_get_article (data->publisher) == data->window->article)
    {
      ReviewData *again = g_new0 (ReviewData, 1);

      again->window = g_object_ref (data->window);
      again->sections = g_object_ref (data->sections);
      again->publisher = g_object_ref (data->publisher);
      again->date = data->date != NULL ? g_date_time_ref (data->date) : NULL;
      byline_publisher_set_flags (again->publisher, BYLINE_PUBLISH_FLAGS_OVERWRITE);
      run_approval (again);
    }
}

static void
approved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ReviewData *data = user_data;
  BylineWindow *self = data->window;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  post = byline_review_approve_finish (result, &error);
  if (post == NULL)
    {
      g_autofree char *message = byline_publisher_describe_failure (data->publisher, error);

      g_message ("Approving failed: %s", error->message);
      if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
        {
          review_data_free (data);
          return;
        }

      if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CONFLICT) &&
          byline_publisher_get_conflict (data->publisher) != NULL &&
          byline_publisher_get_conflict (data->publisher)->status != BYLINE_PORTAL_POST_STATUS_TRASH)
        {
          AdwMessageDialog *dialog;

          self->review_busy = FALSE;
          update_review (self);
          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                               _("Changed on the Portal"),
                                                               message));
          adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                            "overwrite", _("_Publish My Version"), NULL);
          adw_message_dialog_set_response_appearance (dialog, "overwrite",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          g_signal_connect_data (dialog, "response", G_CALLBACK (on_conflict_response_cb), data,
                                 (GClosureNotify) review_data_free, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }

      review_failed (self, _("Not Approved"), message);
      review_data_free (data);
      return;
    }

  review_done (self, data->sections, post);
  if (post->status == BYLINE_PORTAL_POST_STATUS_FUTURE && post->date_gmt != NULL)
    {
      g_autofree char *when = format_site_time (post->date_gmt,
                                                byline_portal_sections_get_time_zone (data->sections));
      /* Translators: a notice; %s is a date and time */
      g_autofree char *title = g_strdup_printf (_("Scheduled for %s"), when);

      toast_with_link (self, title, post->link);
    }
  else
    toast_with_link (self, _("Published"), post->link);

  review_data_free (data);
}

static void
run_approval (ReviewData *data)
{
  BylineWindow *self = data->window;

  self->review_busy = TRUE;
  update_review (self);
  byline_review_approve_async (data->publisher, self->store, data->date, self->cancellable,
                               approved_cb, data);
}

static void
approve (BylineWindow *self,
         GDateTime    *date)
{
  ReviewData *data;

  if (self->article == NULL || self->article_sections == NULL || self->review_busy)
    return;

  data = review_data_new (self);
  data->date = date != NULL ? g_date_time_ref (date) : NULL;
  /* The live article: the publisher and autosave never write different
   * versions of it (see byline-publisher.c). */
  data->publisher = byline_publisher_new (byline_portal_sections_get_portal (self->article_sections),
                                          self->store, self->article);
  run_approval (data);
}

static void
approve_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  approve (BYLINE_WINDOW (user_data), NULL);
}

/* The schedule dialog: a day and a time, in the site's time zone. */
typedef struct
{
  BylineWindow  *window;
  GtkCalendar   *calendar;
  GtkSpinButton *hour;
  GtkSpinButton *minute;
  GTimeZone     *zone;
} ScheduleDialog;

static void
schedule_dialog_free (ScheduleDialog *dialog)
{
  g_clear_object (&dialog->window);
  g_clear_pointer (&dialog->zone, g_time_zone_unref);
  g_free (dialog);
}

static void
on_schedule_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         ScheduleDialog   *schedule)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) soon = NULL;

  if (!g_str_equal (response, "schedule"))
    return;

  day = gtk_calendar_get_date (schedule->calendar);
  when = g_date_time_new (schedule->zone, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day),
                          gtk_spin_button_get_value_as_int (schedule->hour),
                          gtk_spin_button_get_value_as_int (schedule->minute), 0);

  /* WordPress publishes at once anything less than a minute ahead. */
  soon = g_date_time_add_minutes (g_date_time_new_now_utc (), 2);
  if (when == NULL || g_date_time_compare (when, soon) < 0)
    {
      toast (schedule->window, _("Choose a time in the future"));
      return;
    }

  approve (schedule->window, when);
}

static GtkWidget *
time_spin (int         max,
           int         value,
           const char *name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (spin, "numeric");

  return spin;
}

static void
schedule_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  BylineWindow *self = BYLINE_WINDOW (user_data);
  ScheduleDialog *schedule;
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *time_box;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autofree char *body = NULL;
  const char *zone_name;

  if (self->article_sections == NULL)
    return;

  schedule = g_new0 (ScheduleDialog, 1);
  schedule->window = g_object_ref (self);
  schedule->zone = g_time_zone_ref (byline_portal_sections_get_time_zone (self->article_sections));
  zone_name = g_time_zone_get_identifier (schedule->zone);

  /* Tomorrow at 08:00 where the portal is, a usual time for news. */
  now = g_date_time_new_now (schedule->zone);
  tomorrow = g_date_time_add_days (now, 1);

  /* Translators: %s is the portal's time zone, e.g. "Asia/Ho_Chi_Minh" */
  body = g_strdup_printf (_("The article will be published on the portal at this time, in the "
                            "portal’s time zone (%s)."), zone_name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Schedule Publication"), body));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  schedule->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_calendar_select_day (schedule->calendar, tomorrow);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (schedule->calendar));

  time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (time_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (time_box), gtk_label_new (_("Time")));
  schedule->hour = GTK_SPIN_BUTTON (time_spin (23, 8, _("Hour")));
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (schedule->hour));
  gtk_box_append (GTK_BOX (time_box), gtk_label_new (":"));
  schedule->minute = GTK_SPIN_BUTTON (time_spin (59, 0, _("Minute")));
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (schedule->minute));
  gtk_box_append (GTK_BOX (box), time_box);

  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "schedule", _("_Schedule"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "schedule", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "schedule");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_schedule_response_cb), schedule,
                         (GClosureNotify) schedule_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_note_changed_cb (GtkTextBuffer    *buffer,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (dialog), "response"),
                                           *g_strstrip (text) != '\0');
}

/* A dialog asking for a note; @on_response gets it with a ReviewData of
 * its own, and reads the note from the "view" the dialog holds. */
static void
present_note_dialog (BylineWindow  *self,
                     const char    *heading,
                     const char    *body,
                     const char    *response,
                     const char    *response_label,
                     GCallback      on_response)
{
  AdwMessageDialog *dialog;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_add_css_class (scrolled, "note-entry");
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    response, response_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);

  /* No empty notes. */
  adw_message_dialog_set_response_enabled (dialog, response, FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "response", g_strdup (response), g_free);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (on_note_changed_cb), dialog, 0);

  g_object_set_data (G_OBJECT (dialog), "view", view);
  g_signal_connect_data (dialog, "response", on_response, review_data_new (self),
                         (GClosureNotify) review_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static char *
note_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
returned_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ReviewData *data = user_data;
  BylineWindow *self = data->window;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  post = byline_review_return_finish (result, &error);
  if (post == NULL)
    {
      g_autofree char *message = byline_portal_error_message (error);

      g_message ("Returning failed: %s", error->message);
      if (!g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
        review_failed (self, _("Not Returned"), message);
      review_data_free (data);
      return;
    }

  review_done (self, data->sections, post);
  toast (self, _("Returned to the reporter with your note"));
  review_data_free (data);
}

static void
on_return_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ReviewData       *data)
{
  BylineWindow *self = data->window;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "return") || self->article == NULL)
    return;

  text = note_text (g_object_get_data (G_OBJECT (dialog), "view"));
  self->review_busy = TRUE;
  update_review (self);
  byline_review_return_async (byline_portal_sections_get_portal (data->sections),
                              byline_article_get_post_id (self->article), text,
                              self->cancellable, returned_cb, review_data_new (self));
}

static void
return_to_reporter_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  BylineWindow *self = BYLINE_WINDOW (user_data);

  if (self->article_sections == NULL || self->review_busy)
    return;

  present_note_dialog (self, _("Return to Reporter"),
                       _("Say what the reporter should change. Only the newsroom can read "
                         "the note; it is deleted when the article is published."),
                       "return", _("_Return"), G_CALLBACK (on_return_response_cb));
}

static void
replied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ReviewData *data = user_data;
  BylineWindow *self = data->window;
  g_autoptr(BylinePortalComment) reply = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  reply = byline_review_reply_finish (result, &post, &error);
  if (reply == NULL)
    {
      g_autofree char *message = byline_portal_error_message (error);

      g_message ("Replying failed: %s", error->message);
      if (!g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
        review_failed (self, _("Reply Not Sent"), message);
      review_data_free (data);
      return;
    }

  review_done (self, data->sections, post);
  toast (self, _("Reply sent: the article is back in review"));
  review_data_free (data);
}

static void
on_reply_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ReviewData       *data)
{
  BylineWindow *self = data->window;
  BylinePortalUser *user = review_user (self);
  g_autofree char *text = NULL;
  gint64 answered = 0;

  if (!g_str_equal (response, "reply") || self->article == NULL || self->notes == NULL)
    return;

  /* The newest note the editors wrote. */
  for (guint i = self->notes->len; i > 0 && answered == 0; i--)
    {
      BylinePortalComment *note = g_ptr_array_index (self->notes, i - 1);

      if (user == NULL || note->author != user->id)
        answered = note->id;
    }

  text = note_text (g_object_get_data (G_OBJECT (dialog), "view"));
  self->review_busy = TRUE;
  update_review (self);
  byline_review_reply_async (byline_portal_sections_get_portal (data->sections),
                             byline_article_get_post_id (self->article), answered, text,
                             self->cancellable, replied_cb, review_data_new (self));
}

static void
reply_to_note_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  BylineWindow *self = BYLINE_WINDOW (user_data);

  if (self->article_sections == NULL || self->review_busy)
    return;

  present_note_dialog (self, _("Reply and Resubmit"),
                       _("Answer the editor’s note. The article goes back to the review "
                         "queue with your reply."),
                       "reply", _("_Reply and Resubmit"), G_CALLBACK (on_reply_response_cb));
}

static void
preview_shown_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      g_message ("Could not show the preview: %s", error->message);
      toast (self, _("No web browser could be opened"));
    }
}

static void
preview_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  BylineWindow *self = BYLINE_WINDOW (user_data);
  g_autofree char *uri = NULL;
  const char *link;
  BylinePostStatus status;

  if (self->article == NULL || (link = byline_article_get_link (self->article)) == NULL)
    return;

  /* An unpublished post is seen as WordPress's preview (the browser must
   * be signed in to the portal); a published one at its address. */
  status = byline_article_get_remote_status (self->article);
  if (status == BYLINE_POST_STATUS_PUBLISH)
    uri = g_strdup (link);
  else
    uri = g_strconcat (link, strchr (link, '?') != NULL ? "&" : "?", "preview=true", NULL);

  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, self->cancellable,
                     preview_shown_cb, g_object_ref (self));
}

static void
refresh_portal_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  BylineWindow *self = BYLINE_WINDOW (user_data);

  byline_portal_sidebar_refresh (self->portal_sidebar);
  load_notes (self);
}

/* ---- actions ---- */

static void
new_article_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BylineWindow *self = BYLINE_WINDOW (user_data);
  g_autoptr(BylineArticle) article = byline_article_new (NULL);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_pointer (&self->loading_id, g_free);

  show_article (self, article, TRUE);
  /* Saved at once, so it is in the list and survives a crash. */
  byline_autosave_schedule (self->autosave);
  byline_autosave_flush_async (self->autosave, NULL, NULL, NULL);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  byline_editor_focus_headline (self->editor);
}

typedef struct
{
  BylineWindow *window;
  char         *id;
  char         *title;
} TrashData;

static void
trash_data_free (TrashData *data)
{
  g_clear_object (&data->window);
  g_free (data->id);
  g_free (data->title);
  g_free (data);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TrashData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_draft_store_restore_finish (BYLINE_DRAFT_STORE (object), result, &error))
    {
      g_message ("could not restore draft %s: %s", data->id, error->message);
      toast (data->window, _("The draft could not be brought back from the trash"));
    }
  else if (gtk_widget_get_mapped (GTK_WIDGET (data->window)))
    byline_window_open_draft (data->window, data->id);

  trash_data_free (data);
}

static void
restore_article_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  BylineWindow *self = BYLINE_WINDOW (user_data);
  TrashData *data = g_new0 (TrashData, 1);

  data->window = g_object_ref (self);
  data->id = g_variant_dup_string (parameter, NULL);
  byline_draft_store_restore_async (self->store, data->id, NULL, restore_cb, data);
}

static void
trash_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TrashData *data = user_data;
  BylineWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *undo;

  if (!byline_draft_store_trash_finish (BYLINE_DRAFT_STORE (object), result, &error))
    {
      g_message ("could not move %s to the trash: %s", data->id, error->message);
      toast (self, _("The draft could not be moved to the trash"));
      trash_data_free (data);
      return;
    }

  /* A long headline is cut so that the notice still says what happened. */
  if (g_utf8_strlen (data->title, -1) > 40)
    {
      g_autofree char *start = g_utf8_substring (data->title, 0, 39);

      g_free (data->title);
      data->title = g_strconcat (g_strchomp (start), "…", NULL);
    }
  /* Translators: a notice after deleting a draft; %s is its headline */
  title = g_strdup_printf (_("“%s” moved to trash"), data->title);
  undo = adw_toast_new (title);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_action_name (undo, "win.restore-article");
  adw_toast_set_action_target_value (undo, g_variant_new_string (data->id));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, undo);

  trash_data_free (data);
}

static void
trash_after_flush_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TrashData *data = user_data;

  /* Even a failed flush: the article goes to the trash as last saved. */
  byline_autosave_flush_finish (BYLINE_AUTOSAVE (object), result, NULL);
  byline_draft_store_trash_async (data->window->store, data->id, NULL, trash_cb, data);
}

static void
delete_article_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  BylineWindow *self = BYLINE_WINDOW (user_data);
  const char *id = g_variant_get_string (parameter, NULL);
  BylineDraftSummary *summary = byline_draft_store_find_summary (self->store, id, NULL);
  const char *title = summary ? byline_draft_summary_get_display_title (summary) : NULL;
  TrashData *data;

  if (!g_uuid_string_is_valid (id))
    return;

  data = g_new0 (TrashData, 1);
  data->window = g_object_ref (self);
  data->id = g_strdup (id);

  if (self->article != NULL && g_str_equal (byline_article_get_id (self->article), id))
    {
      g_autoptr(BylineAutosave) autosave = g_object_ref (self->autosave);

      if (*byline_article_get_title (self->article) != '\0')
        title = byline_article_get_title (self->article);
      data->title = g_strdup (title ? title : _("Untitled Article"));

      /* Kept even when empty: the trash is where Undo looks. */
      self->article_is_new = FALSE;
      g_signal_handlers_disconnect_by_data (self->article, self);
      g_signal_handlers_disconnect_by_data (self->autosave, self);
      g_clear_object (&self->autosave);
      g_clear_object (&self->article);
      byline_editor_set_article (self->editor, NULL);
      review_leave (self);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      byline_drafts_panel_select (self->drafts_panel, NULL);
      update_title (self);
      update_save_indicator (self);
      save_session (self);

      /* What was typed last goes to the trash with it. */
      byline_autosave_flush_async (autosave, NULL, trash_after_flush_cb, data);
      return;
    }

  data->title = g_strdup (title ? title : _("Untitled Article"));
  byline_draft_store_trash_async (self->store, id, NULL, trash_cb, data);
}

static void
byline_window_show_sidebar_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- publishing ---- */

static void
shown_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    g_message ("could not open the article in a browser: %s", error->message);
}

static void
open_link_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  BylineWindow *self = user_data;

  gtk_show_uri_full (GTK_WINDOW (self), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME,
                     self->cancellable, shown_cb, NULL);
}

static gboolean
shows_article (BylineWindow  *self,
               BylineArticle *article)
{
  return self->article != NULL &&
         g_str_equal (byline_article_get_id (self->article), byline_article_get_id (article));
}

/* Said in the window that shows the article, or else the active one. */
static void
on_sent_cb (BylineWindow     *self,
            BylineOutboxItem *item,
            BylinePortalPost *post,
            BylineOutbox     *outbox)
{
  BylineArticle *article = byline_outbox_item_get_article (item);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *title = NULL;

  /* The post has moved on the portal: its sections should say so now, not
   * at the next periodic look (the lists fetch only what changed). */
  byline_portal_sidebar_refresh (self->portal_sidebar);

  if (!shows_article (self, article))
    {
      for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
        if (BYLINE_IS_WINDOW (l->data) && shows_article (l->data, article))
          return;
      if (app == NULL || gtk_application_get_active_window (app) != GTK_WINDOW (self))
        return;
    }

  /* Short: the toast has room for a few words beside its button. */
  switch (post->status)
    {
    case BYLINE_PORTAL_POST_STATUS_PENDING:
      title = g_strdup (_("Submitted for review"));
      break;
    case BYLINE_PORTAL_POST_STATUS_FUTURE:
      {
        g_autoptr(GDateTime) local = post->date_gmt != NULL ? g_date_time_to_local (post->date_gmt)
                                                            : NULL;
        /* Translators: a date and time to publish at, see strftime(3) */
        g_autofree char *when = local != NULL ? g_date_time_format (local, _("%d/%m/%Y %H:%M"))
                                              : g_strdup ("");

        /* Translators: %s is when the article will be published */
        title = g_strdup_printf (_("Scheduled for %s"), when);
      }
      break;
    case BYLINE_PORTAL_POST_STATUS_DRAFT:
      title = g_strdup (_("Saved on the portal as a draft"));
      break;
    case BYLINE_PORTAL_POST_STATUS_PUBLISH:
    default:
      title = g_strdup (_("Article published"));
      break;
    }

  toast_with_link (self, title, post->link);

  if (shows_article (self, article))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
copy_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_draft_store_save_finish (BYLINE_DRAFT_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, describe_storage_error_briefly (error));
}

/* "Open Theirs": the portal's version as a draft of its own, shown. */
static void
on_open_article_cb (BylineWindow       *self,
                    BylineArticle      *article,
                    BylinePublishPanel *panel)
{
  byline_draft_store_save_async (self->store, article, self->cancellable, copy_saved_cb,
                                 g_object_ref (self));
  show_article (self, article, FALSE);
}

/* GTK 4.8 animates a spinning spinner on a stack page that is not shown:
 * ~4 % of a core, forever, for a page seen a moment while an article opens. */
static void
on_content_page_cb (BylineWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);

  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (page, "loading") == 0);
}

/* ---- size and closing ---- */

static void
byline_window_save_size (BylineWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static void
byline_window_restore_size (BylineWindow *self)
{
  int width, height;

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
close_flush_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_autosave_flush_finish (BYLINE_AUTOSAVE (object), result, &error))
    {
      g_autofree char *message = NULL;

      g_message ("unsaved changes at close: %s", error->message);
      /* Translators: %s says why saving failed, e.g. "Not saved: the disk is full" */
      message = g_strdup_printf (_("%s. Close the window again to close it anyway."),
                                 describe_storage_error_briefly (error));
      toast (self, message);
      self->close_anyway = TRUE;
    }

  if (--self->pending_flushes > 0)
    return;

  self->closing = FALSE;
  if (!self->close_anyway)
    {
      self->may_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
byline_window_close_request (GtkWindow *window)
{
  BylineWindow *self = BYLINE_WINDOW (window);
  g_autoptr(GPtrArray) unsaved = g_ptr_array_new_with_free_func (g_object_unref);

  byline_window_save_size (self);

  if (self->closing)
    return TRUE;

  if (!self->may_close && !self->close_anyway)
    {
      if (self->autosave != NULL &&
          (byline_autosave_get_dirty (self->autosave) ||
           byline_autosave_get_state (self->autosave) == BYLINE_AUTOSAVE_FAILED))
        g_ptr_array_add (unsaved, g_object_ref (self->autosave));
      for (guint i = 0; i < self->leaving->len; i++)
        g_ptr_array_add (unsaved, g_object_ref (g_ptr_array_index (self->leaving, i)));

      /* Everything typed reaches the disk before the window goes. */
      if (unsaved->len > 0)
        {
          self->closing = TRUE;
          self->pending_flushes = unsaved->len;
          for (guint i = 0; i < unsaved->len; i++)
            byline_autosave_flush_async (g_ptr_array_index (unsaved, i), NULL, close_flush_cb,
                                         g_object_ref (self));
          return TRUE;
        }
    }

  /* An empty article created in this window is not kept. */
  if (self->article_is_new && self->article != NULL && article_is_empty (self->article))
    leave_article (self, FALSE);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);

  return GTK_WINDOW_CLASS (byline_window_parent_class)->close_request (window);
}

static void
byline_window_dispose (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  if (self->article != NULL)
    g_signal_handlers_disconnect_by_data (self->article, self);
  if (self->autosave != NULL)
    g_signal_handlers_disconnect_by_data (self->autosave, self);
  for (guint i = 0; self->leaving != NULL && i < self->leaving->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->leaving, i), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_WINDOW);

  /* An autosave dropped with changes saves them (see byline-autosave.c). */
  g_clear_object (&self->autosave);
  g_clear_object (&self->article);
  g_clear_pointer (&self->leaving, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->loading_id, g_free);
  if (self->notes_cancellable != NULL)
    g_cancellable_cancel (self->notes_cancellable);
  g_clear_object (&self->notes_cancellable);
  g_clear_object (&self->article_sections);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_window_parent_class)->dispose (object);
}

static void
byline_window_class_init (BylineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = byline_window_dispose;

  window_class->close_request = byline_window_close_request;

  g_type_ensure (BYLINE_TYPE_PORTAL_SIDEBAR);
  g_type_ensure (BYLINE_TYPE_REVIEW_BANNER);
  g_type_ensure (BYLINE_TYPE_EDITOR);
  g_type_ensure (BYLINE_TYPE_PUBLISH_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, portal_sidebar);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, save_label);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, trash_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, publish_panel);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, publish_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_article_cb);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, approve_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, preview_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, review_banner);
  gtk_widget_class_bind_template_callback (widget_class, on_post_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_review_queue_arrivals_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sections_ready_cb);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL,
                                   byline_window_show_sidebar_action);
}

/* In the window's action map ("win."), where menus and the application's
 * accelerators find them. */
static const GActionEntry win_actions[] = {
  { "new-article", new_article_action },
  { "delete-article", delete_article_action, "s" },
  { "restore-article", restore_article_action, "s" },
  { "open-link", open_link_action, "s" },
  { "approve", approve_action },
  { "schedule", schedule_action },
  { "return-to-reporter", return_to_reporter_action },
  { "reply-to-note", reply_to_note_action },
  { "preview", preview_action },
  { "refresh-portal", refresh_portal_action },
};

static void
byline_window_init (BylineWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->content_stack, "notify::visible-child-name",
                           G_CALLBACK (on_content_page_cb), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   win_actions, G_N_ELEMENTS (win_actions), self);

  self->drafts_panel = byline_portal_sidebar_get_drafts_panel (self->portal_sidebar);
  g_signal_connect_object (self->drafts_panel, "draft-activated",
                           G_CALLBACK (on_draft_activated_cb), self, G_CONNECT_SWAPPED);
  update_review (self);

  self->cancellable = g_cancellable_new ();
  self->load_cancellable = g_cancellable_new ();
  self->leaving = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (BASE_ID);
  byline_window_restore_size (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
