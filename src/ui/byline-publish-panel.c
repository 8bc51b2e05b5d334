/* byline-publish-panel.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The publish panel, beside the article: which account sends it, what its
 * role allows (named as WordPress's editor names it: save as draft, submit
 * for review, publish, schedule), categories as a tree of check boxes,
 * tags with completion, the featured photo among the article's figures,
 * the slug and the address it gives, the checks before sending, and while
 * it is sent, its progress, or "Waiting for network" with a way to cancel.
 * Everything chosen is the article's (saved with the draft); sending goes
 * through the application's outbox (BylineOutbox), which runs the publish
 * job (BylinePublisher).
 */

#define G_LOG_DOMAIN "byline-publish"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-error.h"
#include "byline-outbox.h"
#include "byline-portal-messages.h"
#include "byline-publish-check.h"
#include "byline-publish-panel.h"
#include "byline-remote-article.h"
#include "byline-text.h"

/* Caps while the account's role is not known (offline): nothing is hidden
 * or refused here; the publish job checks again with the real role. */
#define CAPS_UNKNOWN ((BylinePortalCaps) G_MAXUINT)

#define TAG_SEARCH_DELAY_MS 250

struct _BylinePublishPanel
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwComboRow        *account_row;
  AdwActionRow       *no_account_row;
  AdwActionRow       *role_row;
  GtkSpinner         *role_spinner;
  AdwActionRow       *draft_row;
  AdwActionRow       *review_row;
  AdwActionRow       *publish_row;
  AdwActionRow       *schedule_row;
  GtkCheckButton     *draft_check;
  GtkCheckButton     *review_check;
  GtkCheckButton     *publish_check;
  GtkCheckButton     *schedule_check;
  GtkMenuButton      *date_button;
  GtkCalendar        *calendar;
  GtkSpinButton      *hour_spin;
  GtkSpinButton      *minute_spin;
  GtkLabel           *zone_label;
  GtkStack           *categories_stack;
  GtkListView        *categories_view;
  GtkLabel           *categories_label;
  GtkEntry           *tag_entry;
  GtkFlowBox         *tags_box;
  AdwComboRow        *featured_row;
  AdwEntryRow        *slug_row;
  GtkLabel           *url_label;
  GtkListBox         *checks_list;
  GtkLabel           *status_label;
  GtkProgressBar     *progress_bar;
  GtkButton          *cancel_button;
  GtkButton          *send_button;

  /* Borrowed */
  BylineApplication  *application;

  /* Owned */
  BylineArticle      *article;
  GCancellable       *cancellable;     /* the chosen account's requests */
  BylinePortal       *portal;
  BylinePortalUser   *user;
  GHashTable         *terms;           /* "id" → BylinePortalTerm */
  GHashTable         *children;        /* parent "id" → GListStore of GtkStringObject */
  GtkStringList      *featured_model;
  GPtrArray          *featured_ids;    /* figure id per featured_model row; [0] = NULL */
  GtkListStore       *tag_suggestions;
  BylineOutboxItem   *item;            /* the article's, while in the outbox */
  BylinePublisher    *publisher;       /* the item's job, watched */

  guint               checks_source;
  guint               tag_search_source;
  guint               started : 1;     /* shown once: talks to the portal */
  guint               syncing : 1;     /* widgets being set from the article */
  guint               conflict_shown : 1;
};

G_DEFINE_FINAL_TYPE (BylinePublishPanel, byline_publish_panel, GTK_TYPE_WIDGET)

enum {
  OPEN_ARTICLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (BylinePublishPanel *self);
static void watch_item (BylinePublishPanel *self, BylineOutboxItem *item);

GtkWidget *
byline_publish_panel_new (void)
{
  return g_object_new (BYLINE_TYPE_PUBLISH_PANEL, NULL);
}

static BylineAccount *
selected_account (BylinePublishPanel *self)
{
  return adw_combo_row_get_selected_item (self->account_row);
}

/* Made on demand: writing offline never needs the outbox or its session. */
static BylineOutbox *
get_outbox (BylinePublishPanel *self)
{
  return self->application != NULL && self->started
         ? byline_application_get_outbox (self->application) : NULL;
}

/**
 * byline_publish_panel_get_caps:
 *
 * Returns: what the chosen account may do, or %G_MAXUINT while not known
 */
BylinePortalCaps
byline_publish_panel_get_caps (BylinePublishPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_PANEL (self), CAPS_UNKNOWN);

  return self->user != NULL ? self->user->caps : CAPS_UNKNOWN;
}

/* ---- the article's status, from the action rows ---------------------------- */

static BylinePostStatus
chosen_status (BylinePublishPanel *self)
{
  if (gtk_check_button_get_active (self->draft_check))
    return BYLINE_POST_STATUS_DRAFT;
  if (gtk_check_button_get_active (self->review_check))
    return BYLINE_POST_STATUS_PENDING;
  if (gtk_check_button_get_active (self->publish_check))
    return BYLINE_POST_STATUS_PUBLISH;
  if (gtk_check_button_get_active (self->schedule_check))
    return BYLINE_POST_STATUS_FUTURE;
  return BYLINE_POST_STATUS_NONE;
}

static GDateTime *
default_schedule (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  /* Tomorrow morning, when district portals are read. */
  return g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                g_date_time_get_day_of_month (tomorrow), 7, 0, 0);
}

static void
update_date_button (BylinePublishPanel *self)
{
  GDateTime *date = self->article != NULL ? byline_article_get_date (self->article) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *label = NULL;

  if (date == NULL)
    {
      gtk_menu_button_set_label (self->date_button, _("Choose…"));
      return;
    }

  local = g_date_time_to_local (date);
  /* Translators: a date and time to publish at, see strftime(3) */
  label = g_date_time_format (local, _("%d/%m/%Y %H:%M"));
  gtk_menu_button_set_label (self->date_button, label);
}

static void
update_send_button (BylinePublishPanel *self,
                    gboolean            blocked)
{
  BylinePostStatus status = chosen_status (self);
  gboolean published = self->article != NULL &&
                       byline_article_get_remote_status (self->article) == BYLINE_POST_STATUS_PUBLISH;
  gboolean busy = self->item != NULL &&
                  byline_outbox_item_get_state (self->item) != BYLINE_OUTBOX_FAILED;
  const char *label;

  switch (status)
    {
    case BYLINE_POST_STATUS_DRAFT:
      label = _("Save _Draft");
      break;
    case BYLINE_POST_STATUS_PENDING:
      label = _("Submit for _Review");
      break;
    case BYLINE_POST_STATUS_FUTURE:
      label = _("_Schedule");
      break;
    case BYLINE_POST_STATUS_PUBLISH:
    default:
      label = published ? _("_Update") : _("_Publish");
      break;
    }

  gtk_button_set_label (self->send_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button),
                            !blocked && !busy && self->article != NULL &&
                            selected_account (self) != NULL);
}

/* ---- the checks ----------------------------------------------------------------- */

static GtkWidget *
check_row_new (const char *icon,
               const char *text,
               const char *css_class)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (image, css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);

  return row;
}

static gboolean
update_checks (BylinePublishPanel *self)
{
  g_autoptr(GPtrArray) issues = NULL;
  BylineAccount *account = selected_account (self);
  GtkWidget *child;
  gboolean blocked = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checks_list))) != NULL)
    gtk_list_box_remove (self->checks_list, child);

  if (self->article == NULL)
    return FALSE;

  issues = byline_publish_check (self->article, chosen_status (self),
                                 byline_publish_panel_get_caps (self),
                                 account != NULL ? byline_account_get_rest_url (account) : NULL,
                                 NULL);
  for (guint i = 0; i < issues->len; i++)
    {
      BylinePublishIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *text = byline_publish_issue_describe (issue);

      gtk_list_box_append (self->checks_list,
                           check_row_new (issue->blocking ? "dialog-error-symbolic"
                                                          : "dialog-warning-symbolic",
                                          text, issue->blocking ? "error" : "warning"));
      blocked |= issue->blocking;
    }
  if (issues->len == 0)
    gtk_list_box_append (self->checks_list,
                         check_row_new ("emblem-ok-symbolic", _("Ready to send."), "success"));

  update_send_button (self, blocked);
  return blocked;
}

static gboolean
checks_idle_cb (gpointer user_data)
{
  BylinePublishPanel *self = user_data;

  self->checks_source = 0;
  update_checks (self);

  return G_SOURCE_REMOVE;
}

/* Typing changes the article often: the checks follow once per idle. */
static void
queue_checks (BylinePublishPanel *self)
{
  if (self->checks_source == 0)
    self->checks_source = g_idle_add (checks_idle_cb, self);
}

/* ---- actions the role allows ------------------------------------------------ */

static void
update_actions (BylinePublishPanel *self)
{
  BylinePortalCaps caps = byline_publish_panel_get_caps (self);
  gboolean can_publish = (caps & BYLINE_PORTAL_CAN_PUBLISH) != 0;
  gboolean known = caps != CAPS_UNKNOWN;
  gboolean published = self->article != NULL &&
                       byline_article_get_remote_status (self->article) == BYLINE_POST_STATUS_PUBLISH;
  BylinePostStatus status = self->article != NULL ? byline_article_get_status (self->article)
                                                  : BYLINE_POST_STATUS_NONE;
  GtkCheckButton *check;

  /* As WordPress's editor: who may publish sees Publish and Schedule,
   * who may not sees Submit for Review. */
  gtk_widget_set_visible (GTK_WIDGET (self->review_row), !known || !can_publish);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_row), !known || can_publish);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_row), !known || can_publish);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->publish_row),
                                 published ? _("Update") : _("Publish"));
  adw_action_row_set_subtitle (self->publish_row,
                               published ? _("Readers see the changes now") : _("Readers see it now"));

  switch (status)
    {
    case BYLINE_POST_STATUS_DRAFT:
      check = self->draft_check;
      break;
    case BYLINE_POST_STATUS_PENDING:
      check = self->review_check;
      break;
    case BYLINE_POST_STATUS_FUTURE:
      check = self->schedule_check;
      break;
    case BYLINE_POST_STATUS_PUBLISH:
      check = self->publish_check;
      break;
    default:
      check = known && !can_publish ? self->review_check : self->publish_check;
    }
  if (!gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW)))
    check = can_publish ? self->publish_check : self->review_check;

  self->syncing = TRUE;
  gtk_check_button_set_active (check, TRUE);
  self->syncing = FALSE;
  update_date_button (self);
}

static void
on_action_toggled_cb (BylinePublishPanel *self,
                      GtkCheckButton     *check)
{
  BylinePostStatus status;

  if (!gtk_check_button_get_active (check) || self->syncing || self->article == NULL)
    return;

  status = chosen_status (self);
  if (status == BYLINE_POST_STATUS_FUTURE && byline_article_get_date (self->article) == NULL)
    {
      g_autoptr(GDateTime) when = default_schedule ();

      byline_article_set_date (self->article, when);
      update_date_button (self);
    }
  byline_article_set_status (self->article, status);
  update_checks (self);
}

/* ---- date and time -------------------------------------------------------- */

static gboolean
on_minute_output_cb (BylinePublishPanel *self,
                     GtkSpinButton      *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", (int) gtk_spin_button_get_value (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_date_popover_closed_cb (BylinePublishPanel *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) when = NULL;

  if (self->article == NULL)
    return;

  when = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin), 0);
  byline_article_set_date (self->article, when);
  self->syncing = TRUE;
  gtk_check_button_set_active (self->schedule_check, TRUE);
  self->syncing = FALSE;
  byline_article_set_status (self->article, BYLINE_POST_STATUS_FUTURE);
  update_date_button (self);
  update_checks (self);
}

static void
sync_date_popover (BylinePublishPanel *self)
{
  g_autoptr(GDateTime) fallback = default_schedule ();
  GDateTime *date = self->article != NULL ? byline_article_get_date (self->article) : NULL;
  g_autoptr(GDateTime) local = g_date_time_to_local (date != NULL ? date : fallback);
  g_autofree char *zone = NULL;

  gtk_calendar_select_day (self->calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  /* WordPress tells only administrators its time zone: times are this
   * computer's, sent to the portal in UTC. */
  zone = g_date_time_format (local, "%:z");
  gtk_label_set_label (self->zone_label, NULL);
  {
    /* Translators: %s is a UTC offset such as +07:00 */
    g_autofree char *text = g_strdup_printf (_("In this computer’s time (UTC%s)"), zone);

    gtk_label_set_label (self->zone_label, text);
  }
}

/* ---- categories ------------------------------------------------------------- */

static gboolean
article_has_category (BylinePublishPanel *self,
                      gint64              id)
{
  GPtrArray *categories = byline_article_get_categories (self->article);

  for (guint i = 0; i < categories->len; i++)
    if (((BylineTerm *) g_ptr_array_index (categories, i))->id == id)
      return TRUE;
  return FALSE;
}

static void
on_category_toggled_cb (GtkCheckButton     *check,
                        BylinePublishPanel *self)
{
  BylinePortalTerm *term = g_object_get_data (G_OBJECT (check), "term");
  GPtrArray *categories;
  g_autoptr(GPtrArray) updated = NULL;
  gboolean active = gtk_check_button_get_active (check);

  if (self->syncing || term == NULL || self->article == NULL ||
      active == article_has_category (self, term->id))
    return;

  categories = byline_article_get_categories (self->article);
  updated = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);
  for (guint i = 0; i < categories->len; i++)
    {
      BylineTerm *old = g_ptr_array_index (categories, i);

      if (old->id != term->id)
        g_ptr_array_add (updated, byline_term_copy (old));
    }
  if (active)
    g_ptr_array_add (updated, byline_term_new (term->id, term->name));
  byline_article_set_categories (self->article, updated);
}

static void
setup_category_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   BylinePublishPanel       *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), check);
  g_signal_connect (check, "toggled", G_CALLBACK (on_category_toggled_cb), self);
  gtk_list_item_set_child (item, expander);
}

static void
bind_category_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  BylinePublishPanel       *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  g_autoptr(GtkStringObject) id = gtk_tree_list_row_get_item (row);
  BylinePortalTerm *term = g_hash_table_lookup (self->terms, gtk_string_object_get_string (id));

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  g_object_set_data (G_OBJECT (check), "term", term);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), term != NULL ? term->name : "");
  self->syncing = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               term != NULL && self->article != NULL &&
                               article_has_category (self, term->id));
  self->syncing = FALSE;
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  BylinePublishPanel *self = user_data;
  GListStore *children = g_hash_table_lookup (self->children,
                                              gtk_string_object_get_string (item));

  return children != NULL ? g_object_ref (G_LIST_MODEL (children)) : NULL;
}

static GListStore *
children_of (BylinePublishPanel *self,
             gint64              parent)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, parent);
  GListStore *store = g_hash_table_lookup (self->children, key);

  if (store == NULL)
    {
      store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
      g_hash_table_insert (self->children, g_steal_pointer (&key), store);
    }

  return store;
}

static void
categories_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BylinePublishPanel) self = user_data;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkTreeListModel) tree = NULL;
  g_autoptr(GtkSelectionModel) selection = NULL;

  terms = byline_portal_terms_finish (BYLINE_PORTAL (object), result, &error);
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return;
  if (terms == NULL)
    {
      gtk_label_set_label (self->categories_label,
                           _("The portal’s categories cannot be shown now. The ones chosen before "
                             "are kept."));
      gtk_stack_set_visible_child_name (self->categories_stack, "message");
      return;
    }

  g_hash_table_remove_all (self->terms);
  g_hash_table_remove_all (self->children);
  for (guint i = 0; i < terms->len; i++)
    {
      BylinePortalTerm *term = g_ptr_array_index (terms, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, term->id);
      g_autoptr(GtkStringObject) object = gtk_string_object_new (id);

      g_hash_table_insert (self->terms, g_strdup (id), byline_portal_term_ref (term));
      g_list_store_append (children_of (self, term->parent), object);
    }

  tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (children_of (self, 0))), FALSE,
                                  TRUE, create_children_cb, self, NULL);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&tree))));
  gtk_list_view_set_model (self->categories_view, selection);
  gtk_stack_set_visible_child_name (self->categories_stack,
                                    terms->len > 0 ? "list" : "message");
  if (terms->len == 0)
    gtk_label_set_label (self->categories_label, _("The portal has no categories."));
}

/* ---- the account ---------------------------------------------------------------- */

static void
update_role (BylinePublishPanel *self,
             const GError       *error)
{
  g_autofree char *allowed = NULL;
  g_autofree char *subtitle = NULL;

  gtk_spinner_set_spinning (self->role_spinner, FALSE);
  if (self->user != NULL)
    {
      allowed = byline_portal_caps_describe (self->user->caps);
      /* Translators: a role such as “Contributor”, then what it allows */
      subtitle = g_strdup_printf (_("%s. %s."),
                                  byline_portal_role_name (byline_portal_user_get_role (self->user)),
                                  allowed);
    }
  else if (error != NULL)
    subtitle = g_strdup (_("Not known while the portal cannot be reached. The article can be "
                           "sent all the same: it waits for the network."));
  adw_action_row_set_subtitle (self->role_row, subtitle != NULL ? subtitle : "");
}

static void
user_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylinePublishPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  BylinePortalUser *user;

  user = byline_portal_get_user_finish (BYLINE_PORTAL (object), result, &error);
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED) || BYLINE_PORTAL (object) != self->portal)
    {
      g_clear_pointer (&user, byline_portal_user_unref);
      return;
    }

  g_clear_pointer (&self->user, byline_portal_user_unref);
  self->user = user;
  update_role (self, error);
  update_actions (self);
  update_checks (self);
}

static void
portal_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BylinePublishPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  BylinePortal *portal;

  portal = byline_account_store_open_portal_finish (BYLINE_ACCOUNT_STORE (object), result, &error);
  if (portal == NULL)
    {
      if (!g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
        update_role (self, error);
      return;
    }

  g_clear_object (&self->portal);
  self->portal = portal;
  byline_portal_get_user_async (portal, self->cancellable, user_cb, g_object_ref (self));
  byline_portal_list_categories_async (portal, self->cancellable, categories_cb,
                                       g_object_ref (self));
}

static void
update_address (BylinePublishPanel *self)
{
  BylineAccount *account = selected_account (self);
  const char *slug = self->article != NULL ? byline_article_get_slug (self->article) : NULL;
  g_autofree char *derived = NULL;
  g_autofree char *site = NULL;
  g_autofree char *text = NULL;

  if (self->article == NULL)
    return;

  if (slug == NULL)
    derived = byline_text_slugify (byline_article_get_title (self->article));
  site = g_strdup (account != NULL ? byline_account_get_site_url (account) : "");
  while (g_str_has_suffix (site, "/"))
    site[strlen (site) - 1] = '\0';

  /* Translators: the article's future address; %s/%s/ is the portal and
   * the slug */
  text = g_strdup_printf (_("Its address, once published: %s/%s/"), site,
                          slug != NULL ? slug : derived);
  gtk_label_set_label (self->url_label, text);
}

static void
on_account_selected_cb (BylinePublishPanel *self)
{
  BylineAccount *account = selected_account (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->portal);
  g_clear_pointer (&self->user, byline_portal_user_unref);
  g_hash_table_remove_all (self->terms);
  gtk_list_view_set_model (self->categories_view, NULL);
  gtk_label_set_label (self->categories_label, _("Loading the portal’s categories…"));
  gtk_stack_set_visible_child_name (self->categories_stack, "message");
  update_role (self, NULL);

  if (account != NULL && self->application != NULL && self->started)
    {
      self->cancellable = g_cancellable_new ();
      gtk_spinner_set_spinning (self->role_spinner, TRUE);
      byline_account_store_open_portal_async (byline_application_get_accounts (self->application),
                                              account,
                                              byline_application_get_session (self->application),
                                              self->cancellable, portal_cb, g_object_ref (self));
    }

  update_actions (self);
  update_address (self);
  update_checks (self);
}

static void
on_accounts_changed_cb (GListModel         *accounts,
                        guint               position,
                        guint               removed,
                        guint               added,
                        BylinePublishPanel *self)
{
  guint n = g_list_model_get_n_items (accounts);

  gtk_widget_set_visible (GTK_WIDGET (self->account_row), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->role_row), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_account_row), n == 0);
}

/* ---- tags --------------------------------------------------------------------- */

static void
remove_tag_cb (GtkButton          *button,
               BylinePublishPanel *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "tag");
  const char * const *tags = byline_article_get_tags (self->article);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; tags[i] != NULL; i++)
    if (g_strcmp0 (tags[i], tag) != 0)
      g_strv_builder_add (builder, tags[i]);
  updated = g_strv_builder_end (builder);
  byline_article_set_tags (self->article, (const char * const *) updated);
  refresh (self);
}

static void
update_tags (BylinePublishPanel *self)
{
  const char * const *tags;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  if (self->article == NULL)
    return;

  tags = byline_article_get_tags (self->article);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      g_autofree char *name = g_strdup_printf (_("Remove Tag “%s”"), tags[i]);

      gtk_box_append (GTK_BOX (box), gtk_label_new (tags[i]));
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_set_tooltip_text (button, name);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "tag");
      g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (tags[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_tag_cb), self);
      gtk_flow_box_append (self->tags_box, button);
    }
}

static void
add_tag (BylinePublishPanel *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry))));
  const char * const *tags;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  if (self->article == NULL || *text == '\0')
    return;

  /* Tags are created on the portal when the article is sent. */
  tags = byline_article_get_tags (self->article);
  g_strv_builder_addv (builder, (const char **) tags);
  g_strv_builder_add (builder, text);
  updated = g_strv_builder_end (builder);
  byline_article_set_tags (self->article, (const char * const *) updated);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  update_tags (self);
}

static void
on_tag_activate_cb (BylinePublishPanel *self)
{
  add_tag (self);
}

static void
on_tag_icon_press_cb (BylinePublishPanel   *self,
                      GtkEntryIconPosition  position)
{
  add_tag (self);
}

static void
tags_found_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BylinePublishPanel) self = user_data;
  g_autoptr(GPtrArray) terms = byline_portal_terms_finish (BYLINE_PORTAL (object), result, NULL);

  if (terms == NULL || self->tag_suggestions == NULL)
    return;

  gtk_list_store_clear (self->tag_suggestions);
  for (guint i = 0; i < terms->len; i++)
    gtk_list_store_insert_with_values (self->tag_suggestions, NULL, -1,
                                       0, ((BylinePortalTerm *) g_ptr_array_index (terms, i))->name,
                                       -1);
}

static gboolean
search_tags_cb (gpointer user_data)
{
  BylinePublishPanel *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));

  self->tag_search_source = 0;
  if (self->portal != NULL && g_utf8_strlen (text, -1) >= 2)
    byline_portal_search_tags_async (self->portal, text, self->cancellable, tags_found_cb,
                                     g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
on_tag_changed_cb (BylinePublishPanel *self)
{
  g_clear_handle_id (&self->tag_search_source, g_source_remove);
  self->tag_search_source = g_timeout_add (TAG_SEARCH_DELAY_MS, search_tags_cb, self);
}

/* ---- featured photo and slug ------------------------------------------------- */

static void
update_featured (BylinePublishPanel *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  const char *featured;
  guint selected = 0, number = 0;

  g_ptr_array_set_size (self->featured_ids, 0);
  g_ptr_array_add (self->featured_ids, NULL);
  g_ptr_array_add (labels, g_strdup (_("None")));

  featured = self->article != NULL ? byline_article_get_featured_figure (self->article) : NULL;
  for (guint i = 0; self->article != NULL && i < byline_article_get_n_blocks (self->article); i++)
    {
      BylineBlock *block = byline_article_get_block (self->article, i);
      const char *caption;
      g_autofree char *shortened = NULL;

      if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE)
        continue;
      number++;
      caption = byline_inline_get_text (byline_block_get_caption (block));
      shortened = g_utf8_substring (caption, 0, 40);
      if (g_strcmp0 (featured, byline_block_get_figure_id (block)) == 0)
        selected = self->featured_ids->len;
      g_ptr_array_add (self->featured_ids, g_strdup (byline_block_get_figure_id (block)));
      g_ptr_array_add (labels, *caption != '\0'
                               /* Translators: a photo of the article and the start of its caption */
                               ? g_strdup_printf (_("Photo %u: %s%s"), number, shortened,
                                                  g_utf8_strlen (caption, -1) > 40 ? "…" : "")
                               : g_strdup_printf (_("Photo %u"), number));
    }
  g_ptr_array_add (labels, NULL);

  self->syncing = TRUE;
  g_clear_object (&self->featured_model);
  self->featured_model = gtk_string_list_new ((const char * const *) labels->pdata);
  adw_combo_row_set_model (self->featured_row, G_LIST_MODEL (self->featured_model));
  adw_combo_row_set_selected (self->featured_row, selected);
  self->syncing = FALSE;
}

static void
on_featured_selected_cb (BylinePublishPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->featured_row);

  if (self->syncing || self->article == NULL || selected >= self->featured_ids->len)
    return;

  byline_article_set_featured_figure (self->article, g_ptr_array_index (self->featured_ids, selected));
}

static void
on_slug_changed_cb (BylinePublishPanel *self)
{
  g_autofree char *slug = NULL;

  if (self->syncing || self->article == NULL)
    return;

  slug = byline_text_slugify (gtk_editable_get_text (GTK_EDITABLE (self->slug_row)));
  byline_article_set_slug (self->article, *slug != '\0' ? slug : NULL);
  update_address (self);
}

/* ---- sending -------------------------------------------------------------------- */

static void
on_conflict_response_cb (AdwMessageDialog   *dialog,
                         const char         *response,
                         BylinePublishPanel *self)
{
  BylineOutbox *outbox = get_outbox (self);
  BylineAccount *account = selected_account (self);
  BylinePortalPost *theirs = g_object_get_data (G_OBJECT (dialog), "post");

  if (self->article == NULL || outbox == NULL || account == NULL)
    return;

  if (g_str_equal (response, "overwrite"))
    {
      watch_item (self, byline_outbox_send (outbox, self->article, account,
                                            BYLINE_PUBLISH_FLAGS_OVERWRITE));
    }
  else if (g_str_equal (response, "mine"))
    {
      /* A new post from this version, as a draft: theirs stays as it is. */
      byline_article_set_post_request (self->article, BYLINE_POST_REQUEST_NONE, NULL, NULL);
      byline_article_set_remote (self->article, byline_article_get_site (self->article), 0, NULL,
                                 NULL, BYLINE_POST_STATUS_NONE);
      byline_article_set_status (self->article, BYLINE_POST_STATUS_DRAFT);
      update_actions (self);
      watch_item (self, byline_outbox_send (outbox, self->article, account,
                                            BYLINE_PUBLISH_FLAGS_NONE));
    }
  else if (g_str_equal (response, "theirs") && theirs != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BylineArticle) copy = NULL;

      copy = byline_remote_article_new_detached (theirs, byline_article_get_site (self->article),
                                                 &error);

      if (copy == NULL)
        {
          gtk_label_set_label (self->status_label, error->message);
          return;
        }
      /* Theirs becomes a draft of its own, beside this one. */
      g_signal_emit (self, signals[OPEN_ARTICLE], 0, copy);
    }
}

static void
ask_about_conflict (BylinePublishPanel *self,
                    BylinePortalPost   *theirs)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (theirs != NULL && theirs->status != BYLINE_PORTAL_POST_STATUS_TRASH)
    {
      g_autoptr(GDateTime) local = theirs->modified_gmt != NULL
                                   ? g_date_time_to_local (theirs->modified_gmt) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, _("%d/%m/%Y %H:%M"))
                                            : g_strdup ("");

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root),
                                                           _("Someone Changed This Article on the Portal"),
                                                           NULL));
      adw_message_dialog_format_body (dialog,
                                      _("It was changed on the portal at %s, after you opened it. "
                                        "Sending yours now would replace their changes."), when);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "theirs", _("_Open Theirs"),
                                        "mine", _("_Keep Mine as a New Draft"),
                                        "overwrite", _("O_verwrite Theirs"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
      g_object_set_data_full (G_OBJECT (dialog), "post", byline_portal_post_ref (theirs),
                              (GDestroyNotify) byline_portal_post_unref);
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root),
                                                           _("This Article Was Deleted on the Portal"),
                                                           _("Send it as a new post, or keep it on "
                                                             "this computer only.")));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Keep It Here"),
                                        "mine", _("_Send as a New Draft"),
                                        NULL);
    }
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_conflict_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_progress (BylinePublishPanel *self)
{
  BylinePublisher *publisher = self->publisher;
  g_autofree char *text = NULL;
  guint n, done = 0;
  guint64 sent, total;

  if (publisher == NULL)
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, byline_publisher_get_fraction (publisher));
  n = byline_publisher_get_n_photos (publisher);
  for (guint i = 0; i < n; i++)
    {
      BylinePhotoUploadState state;

      byline_publisher_get_photo (publisher, i, &state, NULL, NULL);
      if (state == BYLINE_PHOTO_UPLOAD_DONE)
        done++;
    }

  switch (byline_publisher_get_step (publisher))
    {
    case BYLINE_PUBLISH_STEP_CHECKING:
      text = g_strdup (_("Checking the account…"));
      break;
    case BYLINE_PUBLISH_STEP_TERMS:
      text = g_strdup (_("Finding categories and tags…"));
      break;
    case BYLINE_PUBLISH_STEP_PHOTOS:
      byline_publisher_get_progress (publisher, &sent, &total);
      {
        g_autofree char *sent_text = g_format_size (sent);
        g_autofree char *total_text = g_format_size (total);

        /* Translators: “Uploading photo 2 of 3 (1.2 MB of 3.4 MB)…” */
        text = g_strdup_printf (_("Uploading photo %u of %u (%s of %s)…"), MIN (done + 1, n), n,
                                sent_text, total_text);
      }
      break;
    case BYLINE_PUBLISH_STEP_POST:
    case BYLINE_PUBLISH_STEP_DONE:
      text = g_strdup (_("Sending the article…"));
      break;
    case BYLINE_PUBLISH_STEP_IDLE:
    default:
      text = g_strdup (_("Waiting to send…"));
      break;
    }
  gtk_label_set_label (self->status_label, text);
}

static void
update_status (BylinePublishPanel *self)
{
  BylineOutboxState state;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");

  if (self->item == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
      queue_checks (self);
      return;
    }

  state = byline_outbox_item_get_state (self->item);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), state == BYLINE_OUTBOX_SENDING);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), state != BYLINE_OUTBOX_FAILED);

  switch (state)
    {
    case BYLINE_OUTBOX_SENDING:
      update_progress (self);
      break;

    case BYLINE_OUTBOX_WAITING:
      gtk_label_set_label (self->status_label,
                           _("Waiting for network. The article is sent by itself when the portal "
                             "can be reached."));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
      break;

    case BYLINE_OUTBOX_FAILED:
      {
        const GError *error = self->publisher != NULL ? byline_publisher_get_error (self->publisher)
                                                      : NULL;
        const char *message = byline_outbox_item_get_message (self->item);

        gtk_label_set_label (self->status_label,
                             message != NULL ? message : _("The article was not sent."));
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
        if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CONFLICT) && !self->conflict_shown)
          {
            self->conflict_shown = TRUE;
            ask_about_conflict (self, byline_publisher_get_conflict (self->publisher));
          }
      }
      break;

    case BYLINE_OUTBOX_QUEUED:
    default:
      gtk_label_set_label (self->status_label, _("Waiting to send…"));
      break;
    }

  queue_checks (self);
}

static void
on_publisher_progress_cb (BylinePublisher    *publisher,
                          BylinePublishPanel *self)
{
  if (self->item != NULL && byline_outbox_item_get_state (self->item) == BYLINE_OUTBOX_SENDING)
    update_progress (self);
}

static void
watch_publisher (BylinePublishPanel *self)
{
  BylinePublisher *publisher = self->item != NULL ? byline_outbox_item_get_publisher (self->item)
                                                  : NULL;

  if (publisher == self->publisher)
    return;
  if (self->publisher != NULL)
    g_signal_handlers_disconnect_by_data (self->publisher, self);
  g_set_object (&self->publisher, publisher);
  if (publisher != NULL)
    g_signal_connect (publisher, "progress", G_CALLBACK (on_publisher_progress_cb), self);
}

static void
on_item_changed_cb (BylineOutboxItem   *item,
                    GParamSpec         *pspec,
                    BylinePublishPanel *self)
{
  watch_publisher (self);
  if (byline_outbox_item_get_state (item) != BYLINE_OUTBOX_FAILED)
    self->conflict_shown = FALSE;
  update_status (self);
}

static void
watch_item (BylinePublishPanel *self,
            BylineOutboxItem   *item)
{
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_set_object (&self->item, item);
  self->conflict_shown = FALSE;
  if (item != NULL)
    g_signal_connect (item, "notify", G_CALLBACK (on_item_changed_cb), self);
  watch_publisher (self);
  update_status (self);
}

static void
on_outbox_items_changed_cb (GListModel         *items,
                            guint               position,
                            guint               removed,
                            guint               added,
                            BylinePublishPanel *self)
{
  BylineOutbox *outbox = get_outbox (self);
  BylineOutboxItem *item = NULL;

  if (self->article != NULL && outbox != NULL)
    item = byline_outbox_lookup (outbox, byline_article_get_id (self->article));
  if (item != self->item)
    watch_item (self, item);
  update_actions (self);
}

/**
 * byline_publish_panel_send:
 *
 * What the send button does: the article goes to the outbox with the
 * chosen account.
 */
void
byline_publish_panel_send (BylinePublishPanel *self)
{
  BylineOutbox *outbox;
  BylineAccount *account;

  g_return_if_fail (BYLINE_IS_PUBLISH_PANEL (self));

  outbox = get_outbox (self);
  account = selected_account (self);
  if (self->article == NULL || outbox == NULL || account == NULL || update_checks (self))
    return;

  byline_article_set_status (self->article, chosen_status (self));
  watch_item (self, byline_outbox_send (outbox, self->article, account, BYLINE_PUBLISH_FLAGS_NONE));
}

static void
on_send_clicked_cb (BylinePublishPanel *self)
{
  byline_publish_panel_send (self);
}

static void
on_cancel_clicked_cb (BylinePublishPanel *self)
{
  BylineOutbox *outbox = get_outbox (self);

  if (outbox != NULL && self->article != NULL)
    byline_outbox_cancel (outbox, byline_article_get_id (self->article));
}

/* ---- the article ---------------------------------------------------------------- */

static void
refresh (BylinePublishPanel *self)
{
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->slug_row),
                         self->article != NULL && byline_article_get_slug (self->article) != NULL
                         ? byline_article_get_slug (self->article) : "");
  self->syncing = FALSE;
  update_actions (self);
  update_tags (self);
  update_featured (self);
  update_address (self);
  sync_date_popover (self);
  update_checks (self);
}

static void
on_article_changed_cb (BylineArticle      *article,
                       BylinePublishPanel *self)
{
  queue_checks (self);
}

static void
on_article_title_cb (BylineArticle      *article,
                     GParamSpec         *pspec,
                     BylinePublishPanel *self)
{
  update_address (self);
}

BylineArticle *
byline_publish_panel_get_article (BylinePublishPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_PANEL (self), NULL);

  return self->article;
}

/**
 * byline_publish_panel_set_article:
 * @article: (nullable): the live article shown in the editor
 */
void
byline_publish_panel_set_article (BylinePublishPanel *self,
                                  BylineArticle      *article)
{
  g_return_if_fail (BYLINE_IS_PUBLISH_PANEL (self));
  g_return_if_fail (article == NULL || BYLINE_IS_ARTICLE (article));

  if (self->article == article)
    return;

  if (self->article != NULL)
    g_signal_handlers_disconnect_by_data (self->article, self);
  g_set_object (&self->article, article);
  if (article != NULL)
    {
      g_signal_connect (article, "changed", G_CALLBACK (on_article_changed_cb), self);
      g_signal_connect (article, "notify::title", G_CALLBACK (on_article_title_cb), self);
    }

  watch_item (self, NULL);
  refresh (self);
  on_outbox_items_changed_cb (NULL, 0, 0, 0, self);

  /* Its categories are shown as checked in the portal's tree. */
  if (gtk_list_view_get_model (self->categories_view) != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->categories_view));
  if (self->portal != NULL && article != NULL)
    byline_portal_list_categories_async (self->portal, self->cancellable, categories_cb,
                                         g_object_ref (self));
}

static char *
account_name (BylineAccount *account)
{
  return g_strdup (account != NULL ? byline_account_get_name (account) : "");
}

/**
 * byline_publish_panel_set_application:
 *
 * Where the accounts, the HTTP session and the outbox come from.
 */
void
byline_publish_panel_set_application (BylinePublishPanel *self,
                                      BylineApplication  *application)
{
  GListModel *accounts;
  g_autoptr(GtkExpression) expression = NULL;

  g_return_if_fail (BYLINE_IS_PUBLISH_PANEL (self));
  g_return_if_fail (BYLINE_IS_APPLICATION (application));

  self->application = application;
  accounts = G_LIST_MODEL (byline_application_get_accounts (application));
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (account_name), NULL, NULL);
  adw_combo_row_set_expression (self->account_row, expression);
  adw_combo_row_set_model (self->account_row, accounts);
  g_signal_connect_object (accounts, "items-changed", G_CALLBACK (on_accounts_changed_cb), self, 0);
  on_accounts_changed_cb (accounts, 0, 0, 0, self);
}

/* The first time the panel is shown it talks to the portal: the role,
 * the categories; and it follows the outbox. */
static void
byline_publish_panel_map (GtkWidget *widget)
{
  BylinePublishPanel *self = BYLINE_PUBLISH_PANEL (widget);

  GTK_WIDGET_CLASS (byline_publish_panel_parent_class)->map (widget);

  if (self->started || self->application == NULL)
    return;

  self->started = TRUE;
  g_signal_connect_object (byline_outbox_get_items (get_outbox (self)), "items-changed",
                           G_CALLBACK (on_outbox_items_changed_cb), self, 0);
  on_account_selected_cb (self);
  on_outbox_items_changed_cb (NULL, 0, 0, 0, self);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
byline_publish_panel_dispose (GObject *object)
{
  BylinePublishPanel *self = BYLINE_PUBLISH_PANEL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->checks_source, g_source_remove);
  g_clear_handle_id (&self->tag_search_source, g_source_remove);
  if (self->article != NULL)
    g_signal_handlers_disconnect_by_data (self->article, self);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  if (self->publisher != NULL)
    g_signal_handlers_disconnect_by_data (self->publisher, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PUBLISH_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->article);
  g_clear_object (&self->portal);
  g_clear_object (&self->item);
  g_clear_object (&self->publisher);
  g_clear_object (&self->featured_model);
  g_clear_object (&self->tag_suggestions);
  g_clear_pointer (&self->user, byline_portal_user_unref);

  G_OBJECT_CLASS (byline_publish_panel_parent_class)->dispose (object);
}

static void
byline_publish_panel_finalize (GObject *object)
{
  BylinePublishPanel *self = BYLINE_PUBLISH_PANEL (object);

  g_hash_table_unref (self->terms);
  g_hash_table_unref (self->children);
  g_ptr_array_unref (self->featured_ids);

  G_OBJECT_CLASS (byline_publish_panel_parent_class)->finalize (object);
}

static void
byline_publish_panel_class_init (BylinePublishPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_publish_panel_dispose;
  object_class->finalize = byline_publish_panel_finalize;
  widget_class->map = byline_publish_panel_map;

  /**
   * BylinePublishPanel::open-article:
   * @article: a new article, not saved yet
   *
   * Emitted to open the portal's version of the article as a draft of its
   * own ("Open Theirs" after a conflict).
   */
  signals[OPEN_ARTICLE] =
    g_signal_new ("open-article",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BYLINE_TYPE_ARTICLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-publish-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, account_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, no_account_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, role_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, role_spinner);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, draft_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, review_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, publish_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, draft_check);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, review_check);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, publish_check);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, schedule_check);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, date_button);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, calendar);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, zone_label);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, categories_stack);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, categories_view);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, categories_label);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, tags_box);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, featured_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, slug_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, url_label);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, checks_list);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishPanel, send_button);
  gtk_widget_class_bind_template_callback (widget_class, on_account_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_action_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_minute_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_icon_press_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_featured_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_slug_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
}

static void
byline_publish_panel_init (BylinePublishPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) byline_portal_term_unref);
  self->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->featured_ids = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_category_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_category_cb), self);
  gtk_list_view_set_factory (self->categories_view, factory);

  self->tag_suggestions = gtk_list_store_new (1, G_TYPE_STRING);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->tag_suggestions));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 2);
  gtk_entry_set_completion (self->tag_entry, completion);
}
