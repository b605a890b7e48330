//! The "Snapshots" page of a VM's details: the snapshots as a tree (parent/children as
//! libvirt reports them, the current one marked), create (name, description, memory when
//! running), revert, and delete with a clear warning and a safe default (a snapshot
//! other snapshots build on keeps its data unless the user explicitly chooses otherwise).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use adw::prelude::*;
use libvirt_gconfig::{DomainSnapshot as SnapshotConfig, SnapshotMode};
use libvirt_gobject::flags::{
    DomainSnapshotCreateFlags, DomainSnapshotDeleteFlags, DomainSnapshotListFlags,
};
use libvirt_gobject::{Domain, DomainSnapshot, DomainState};
use relm4::prelude::*;

use super::page_util::{self, Choice};
use crate::i18n::{gettext_f, ngettext_f, tr};
use crate::Prop;

/// What the page shows of one snapshot.
#[derive(Debug, Clone, Default)]
pub struct SnapInfo {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Creation time, seconds since the epoch.
    pub created: i64,
    /// Domain state captured (`running`, `shutoff`, …).
    pub state: String,
    /// The parent's name (`None` for a root).
    pub parent: Option<String>,
    /// The domain's current snapshot.
    pub current: bool,
    /// Memory or a disk is captured in external files (overlays).
    pub external: bool,
}

impl SnapInfo {
    /// Reads the details from the snapshot's XML.
    pub fn from_xml(xml: &str) -> Option<SnapInfo> {
        let cfg = SnapshotConfig::from_xml(xml).ok()?;
        let external = cfg.memory_snapshot().val() == Some(SnapshotMode::External)
            || cfg.disks().is_some_and(|d| {
                d.disks()
                    .iter()
                    .any(|d| d.snapshot().val() == Some(SnapshotMode::External))
            });
        Some(SnapInfo {
            name: cfg.name().val().unwrap_or_default(),
            description: cfg.description().val().unwrap_or_default(),
            created: cfg.creation_time().val().unwrap_or_default(),
            state: cfg
                .state()
                .val()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            parent: cfg.parent().and_then(|p| p.name().val()),
            current: false,
            external,
        })
    }
}

/// The snapshots by name, and the children of each (`""` = the roots), in creation order.
#[derive(Default)]
struct Forest {
    info: HashMap<String, SnapInfo>,
    children: HashMap<String, Vec<DomainSnapshot>>,
}

impl Forest {
    fn build(list: Vec<(DomainSnapshot, SnapInfo)>) -> Forest {
        let mut f = Forest::default();
        let mut sorted = list;
        sorted.sort_by_key(|(_, i)| (i.created, i.name.clone()));
        let names: std::collections::HashSet<String> =
            sorted.iter().map(|(_, i)| i.name.clone()).collect();
        for (s, i) in sorted {
            // A parent libvirt no longer lists makes its children roots.
            let key = i
                .parent
                .clone()
                .filter(|p| names.contains(p))
                .unwrap_or_default();
            f.children.entry(key).or_default().push(s);
            f.info.insert(i.name.clone(), i);
        }
        f
    }

    fn store(&self, parent: &str) -> Option<gio::ListStore> {
        let kids = self.children.get(parent)?;
        let store = gio::ListStore::new::<DomainSnapshot>();
        store.extend_from_slice(kids);
        Some(store)
    }

    fn descendants(&self, name: &str) -> usize {
        self.children
            .get(name)
            .map(|k| k.iter().map(|c| 1 + self.descendants(&c.name())).sum())
            .unwrap_or(0)
    }
}

/// The Snapshots page of one domain.
pub struct SnapshotsPage {
    /// The domain shown.
    pub domain: Domain,
    forest: Rc<RefCell<Forest>>,
    selected: Option<DomainSnapshot>,
    busy: bool,
    loaded: bool,
    message: Option<(String, bool)>,
    handlers: Vec<glib::SignalHandlerId>,
    root: gtk::Box,
    generation: u64,
    shown_generation: std::cell::Cell<u64>,
}

/// Messages to the Snapshots page.
#[derive(Debug)]
pub enum SnapshotsInput {
    /// Re-read the snapshots.
    Reload,
    /// The snapshots were read.
    Loaded(Result<Vec<(DomainSnapshot, SnapInfo)>, String>),
    /// The selection in the tree changed.
    Selected(Option<DomainSnapshot>),
    /// Create a snapshot.
    Create {
        /// Name (empty: libvirt picks one).
        name: String,
        /// Description.
        description: String,
        /// Include the memory state (running machines).
        memory: bool,
    },
    /// Ask, then revert to the selected snapshot.
    AskRevert,
    /// Ask, then delete the selected snapshot.
    AskDelete,
    /// Delete `snapshot` with these libvirt flags.
    Delete(DomainSnapshot, u32),
    /// Revert to `snapshot`.
    Revert(DomainSnapshot),
    /// An operation finished: `Ok(message)` or libvirt's error.
    Done(Result<String, String>),
    /// The domain's state changed.
    StateChanged,
}

/// The Snapshots page's widgets.
pub struct SnapshotsWidgets {
    selection: gtk::SingleSelection,
    stack: gtk::Stack,
    count: gtk::Label,
    message: gtk::Label,
    memory: gtk::Switch,
    memory_row: adw::ActionRow,
    revert: gtk::Button,
    delete: gtk::Button,
    create: gtk::Button,
}

fn row_widget() -> gtk::TreeExpander {
    let icon = gtk::Image::from_icon_name("camera-photo-symbolic");
    let name = gtk::Label::builder().xalign(0.0).build();
    name.add_css_class("heading");
    let current = gtk::Label::new(Some(&tr("Current")));
    current.add_css_class("tag-chip");
    current.set_valign(gtk::Align::Center);
    let top = gtk::Box::new(gtk::Orientation::Horizontal, 8);
    top.append(&name);
    top.append(&current);
    let sub = gtk::Label::builder()
        .xalign(0.0)
        .ellipsize(gtk::pango::EllipsizeMode::End)
        .build();
    sub.add_css_class("dim-label");
    sub.add_css_class("caption");
    let text = gtk::Box::new(gtk::Orientation::Vertical, 2);
    text.append(&top);
    text.append(&sub);
    let row = gtk::Box::new(gtk::Orientation::Horizontal, 10);
    row.set_margin_top(6);
    row.set_margin_bottom(6);
    row.append(&icon);
    row.append(&text);
    let ex = gtk::TreeExpander::new();
    ex.set_child(Some(&row));
    ex
}

fn bind_row(ex: &gtk::TreeExpander, row: &gtk::TreeListRow, forest: &Forest) {
    ex.set_list_row(Some(row));
    let Some(snap) = row.item().and_downcast::<DomainSnapshot>() else {
        return;
    };
    let Some(info) = forest.info.get(&snap.name()) else {
        return;
    };
    let Some(rowbox) = ex.child() else { return };
    let Some(icon) = rowbox.first_child().and_downcast::<gtk::Image>() else {
        return;
    };
    icon.set_icon_name(Some(if info.current {
        "emblem-ok-symbolic"
    } else {
        "camera-photo-symbolic"
    }));
    let Some(text) = icon.next_sibling() else {
        return;
    };
    let Some(top) = text.first_child() else {
        return;
    };
    let Some(sub) = top.next_sibling().and_downcast::<gtk::Label>() else {
        return;
    };
    if let Some(name) = top.first_child().and_downcast::<gtk::Label>() {
        name.set_label(&info.name);
        if let Some(cur) = name.next_sibling() {
            cur.set_visible(info.current);
        }
    }
    let mut parts = vec![page_util::format_time(info.created)];
    if !info.state.is_empty() {
        parts.push(state_text(&info.state));
    }
    if info.external {
        parts.push(tr("external"));
    }
    if !info.description.is_empty() {
        parts.push(info.description.clone());
    }
    sub.set_label(&parts.join(" · "));
    ex.set_widget_name(&format!("snapshot:{}", info.name));
}

fn state_text(state: &str) -> String {
    match state {
        "running" => tr("was running"),
        "paused" => tr("was paused"),
        "shutoff" => tr("was shut off"),
        "disk-snapshot" => tr("disks only"),
        o => o.to_owned(),
    }
}

impl SnapshotsPage {
    fn is_running(&self) -> bool {
        matches!(
            self.domain.state(),
            DomainState::Running | DomainState::Paused | DomainState::Blocked
        )
    }

    fn info(&self, s: &DomainSnapshot) -> Option<SnapInfo> {
        self.forest.borrow().info.get(&s.name()).cloned()
    }
}

impl SimpleComponent for SnapshotsPage {
    type Init = Domain;
    type Input = SnapshotsInput;
    type Output = ();
    type Root = gtk::Box;
    type Widgets = SnapshotsWidgets;

    fn init_root() -> gtk::Box {
        gtk::Box::new(gtk::Orientation::Vertical, 0)
    }

    fn init(domain: Domain, root: gtk::Box, sender: ComponentSender<Self>) -> ComponentParts<Self> {
        root.set_widget_name("snapshots-page");
        let forest = Rc::new(RefCell::new(Forest::default()));

        // Tool bar.
        let bar = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        bar.set_margin_top(6);
        bar.set_margin_bottom(6);
        bar.set_margin_start(12);
        bar.set_margin_end(12);
        // The count gives way before the buttons do in a narrow pane.
        let count = gtk::Label::builder()
            .xalign(0.0)
            .hexpand(true)
            .ellipsize(gtk::pango::EllipsizeMode::End)
            .build();
        count.add_css_class("dim-label");
        count.set_widget_name("snapshot-count");
        let revert =
            page_util::labelled_button("edit-undo-symbolic", &tr("Revert"), "snapshot-revert");
        revert.set_tooltip_text(Some(&tr("Return the machine to the selected snapshot")));
        let delete =
            page_util::labelled_button("user-trash-symbolic", &tr("Delete…"), "snapshot-delete");
        bar.append(&count);
        bar.append(&revert);
        bar.append(&delete);
        root.append(&bar);

        // The new-snapshot form.
        let form = adw::PreferencesGroup::builder()
            .title(tr("New Snapshot"))
            .margin_start(12)
            .margin_end(12)
            .margin_bottom(6)
            .build();
        let name = adw::EntryRow::builder()
            .title(tr("Name (optional)"))
            .build();
        name.set_widget_name("snapshot-name");
        let description = adw::EntryRow::builder()
            .title(tr("Description (optional)"))
            .build();
        description.set_widget_name("snapshot-description");
        let create = gtk::Button::with_label(&tr("Create Snapshot"));
        create.set_widget_name("snapshot-create");
        create.add_css_class("suggested-action");
        create.set_valign(gtk::Align::Center);
        form.set_header_suffix(Some(&create));
        form.add(&name);
        form.add(&description);
        let memory = gtk::Switch::builder().valign(gtk::Align::Center).build();
        memory.set_widget_name("snapshot-memory");
        memory.set_active(true);
        let memory_row = adw::ActionRow::builder()
            .title(tr("Include memory"))
            .activatable_widget(&memory)
            .build();
        memory_row.add_suffix(&memory);
        form.add(&memory_row);
        root.append(&form);

        let message = page_util::message_label("snapshot-message");
        message.set_margin_start(12);
        message.set_margin_end(12);
        message.set_margin_bottom(6);
        root.append(&message);
        root.append(&gtk::Separator::new(gtk::Orientation::Horizontal));

        // The tree.
        let factory = gtk::SignalListItemFactory::new();
        factory.connect_setup(|_, li| {
            if let Some(li) = li.downcast_ref::<gtk::ListItem>() {
                li.set_child(Some(&row_widget()));
            }
        });
        let f = forest.clone();
        factory.connect_bind(move |_, li| {
            let Some(li) = li.downcast_ref::<gtk::ListItem>() else {
                return;
            };
            if let (Some(ex), Some(row)) = (
                li.child().and_downcast::<gtk::TreeExpander>(),
                li.item().and_downcast::<gtk::TreeListRow>(),
            ) {
                bind_row(&ex, &row, &f.borrow());
            }
        });
        let selection = gtk::SingleSelection::new(None::<gio::ListModel>);
        selection.set_autoselect(false);
        selection.set_can_unselect(true);
        let tree = gtk::ListView::new(Some(selection.clone()), Some(factory));
        tree.set_widget_name("snapshot-tree");
        tree.update_property(&[gtk::accessible::Property::Label(&tr("Snapshots"))]);
        let s = sender.clone();
        selection.connect_selected_item_notify(move |sel| {
            let snap = sel
                .selected_item()
                .and_downcast::<gtk::TreeListRow>()
                .and_then(|r| r.item())
                .and_downcast::<DomainSnapshot>();
            page_util::send(&s, SnapshotsInput::Selected(snap));
        });
        let scroll = gtk::ScrolledWindow::builder()
            .child(&tree)
            .vexpand(true)
            .hscrollbar_policy(gtk::PolicyType::Never)
            .build();
        let empty = adw::StatusPage::builder()
            .icon_name("camera-photo-symbolic")
            .title(tr("No Snapshots"))
            .description(tr(
                "A snapshot keeps the machine's disks (and memory, when it runs) as they are now, to return to later.",
            ))
            .vexpand(true)
            .build();
        empty.add_css_class("compact");
        let stack = gtk::Stack::new();
        stack.add_named(&scroll, Some("tree"));
        stack.add_named(&empty, Some("empty"));
        root.append(&stack);

        {
            let (s, name, description, memory) = (
                sender.clone(),
                name.clone(),
                description.clone(),
                memory.clone(),
            );
            create.connect_clicked(move |_| {
                page_util::send(
                    &s,
                    SnapshotsInput::Create {
                        name: name.text().trim().to_owned(),
                        description: description.text().trim().to_owned(),
                        memory: memory.is_active(),
                    },
                );
            });
        }
        let s = sender.clone();
        revert.connect_clicked(move |_| page_util::send(&s, SnapshotsInput::AskRevert));
        let s = sender.clone();
        delete.connect_clicked(move |_| page_util::send(&s, SnapshotsInput::AskDelete));
        let s = sender.clone();
        let h1 = domain.connect_notify_local(Some("state"), move |_, _| {
            page_util::send(&s, SnapshotsInput::StateChanged);
        });
        page_util::send(&sender, SnapshotsInput::Reload);

        let model = SnapshotsPage {
            domain,
            forest,
            selected: None,
            busy: true,
            loaded: false,
            message: None,
            handlers: vec![h1],
            root: root.clone(),
            generation: 0,
            shown_generation: std::cell::Cell::new(0),
        };
        let widgets = SnapshotsWidgets {
            selection,
            stack,
            count,
            message,
            memory,
            memory_row,
            revert,
            delete,
            create,
        };
        ComponentParts { model, widgets }
    }

    fn update(&mut self, msg: SnapshotsInput, sender: ComponentSender<Self>) {
        match msg {
            SnapshotsInput::Reload => {
                self.busy = true;
                let list = self
                    .domain
                    .snapshots_future(DomainSnapshotListFlags::All as u32);
                relm4::spawn_local(async move {
                    let r = async {
                        let list = list.await?;
                        let reads = list.iter().map(|s| {
                            let (x, p, c) = (
                                s.xml_future(),
                                s.parent_name_future(),
                                s.is_current_future(),
                            );
                            async move {
                                let xml = x.await?;
                                let mut info = SnapInfo::from_xml(&xml).unwrap_or_default();
                                info.parent = p.await?;
                                info.current = c.await?;
                                Ok::<_, glib::Error>(info)
                            }
                        });
                        let infos = futures_util::future::try_join_all(reads).await?;
                        let out: Vec<(DomainSnapshot, SnapInfo)> = list
                            .into_iter()
                            .zip(infos)
                            .map(|(s, mut i)| {
                                if i.name.is_empty() {
                                    i.name = s.name();
                                }
                                (s, i)
                            })
                            .collect();
                        Ok::<_, glib::Error>(out)
                    }
                    .await
                    .map_err(|e| e.message().to_owned());
                    page_util::send(&sender, SnapshotsInput::Loaded(r));
                });
            }
            SnapshotsInput::Loaded(r) => {
                self.busy = false;
                self.loaded = true;
                match r {
                    Ok(list) => {
                        *self.forest.borrow_mut() = Forest::build(list);
                        self.selected = None;
                        self.generation += 1;
                    }
                    Err(e) => {
                        self.message =
                            Some((format!("{}: {e}", tr("Could not read the snapshots")), true));
                    }
                }
            }
            SnapshotsInput::Selected(s) => self.selected = s,
            SnapshotsInput::StateChanged => {}
            SnapshotsInput::Create {
                name,
                description,
                memory,
            } => {
                let cfg = SnapshotConfig::new();
                if !name.is_empty() {
                    cfg.set_name(Some(name));
                }
                if !description.is_empty() {
                    cfg.set_description(Some(description));
                }
                let flags = if self.is_running() && !memory {
                    DomainSnapshotCreateFlags::DiskOnly as u32
                } else {
                    0
                };
                self.busy = true;
                self.message = Some((tr("Creating the snapshot…"), false));
                let fut = self
                    .domain
                    .create_snapshot_future(Some(&cfg.to_xml()), flags);
                relm4::spawn_local(async move {
                    let r = fut
                        .await
                        .map(|s| gettext_f("Snapshot {name} created", &[("name", &s.name())]))
                        .map_err(|e| e.message().to_owned());
                    page_util::send(&sender, SnapshotsInput::Done(r));
                });
            }
            SnapshotsInput::AskRevert => {
                let Some(snap) = self.selected.clone() else {
                    return;
                };
                let body = gettext_f(
                    "The machine returns to the state of {name}. Changes made since then, on its disks and in its memory, are lost unless another snapshot holds them.",
                    &[("name", &snap.name())],
                );
                let s = sender.clone();
                let widget = self.root.clone();
                page_util::confirm(
                    &widget,
                    &tr("Revert to This Snapshot?"),
                    &body,
                    vec![Choice {
                        id: "revert",
                        label: tr("Revert"),
                        destructive: true,
                    }],
                    "cancel",
                    move |_| page_util::send(&s, SnapshotsInput::Revert(snap.clone())),
                );
            }
            SnapshotsInput::AskDelete => {
                let Some(snap) = self.selected.clone() else {
                    return;
                };
                let Some(info) = self.info(&snap) else { return };
                let (heading, body, choices, default) =
                    delete_choices(&info, self.forest.borrow().descendants(&info.name));
                let s = sender.clone();
                page_util::confirm(&self.root, &heading, &body, choices, default, move |id| {
                    let flags = match id {
                        "metadata" => DomainSnapshotDeleteFlags::MetadataOnly as u32,
                        "children" => DomainSnapshotDeleteFlags::Children as u32,
                        _ => 0,
                    };
                    page_util::send(&s, SnapshotsInput::Delete(snap.clone(), flags));
                });
            }
            SnapshotsInput::Delete(snap, flags) => {
                self.busy = true;
                let name = snap.name();
                let fut = snap.delete_future(flags);
                relm4::spawn_local(async move {
                    let r = fut
                        .await
                        .map(|_| gettext_f("Snapshot {name} deleted", &[("name", &name)]))
                        .map_err(|e| e.message().to_owned());
                    page_util::send(&sender, SnapshotsInput::Done(r));
                });
            }
            SnapshotsInput::Revert(snap) => {
                self.busy = true;
                let name = snap.name();
                let fut = snap.revert_future(0);
                let dom = self.domain.clone();
                relm4::spawn_local(async move {
                    let r = fut.await;
                    // The state event follows; read it now so the page is right at once.
                    let _ = dom.refresh_state_future().await;
                    let r = r
                        .map(|_| gettext_f("Reverted to {name}", &[("name", &name)]))
                        .map_err(|e| e.message().to_owned());
                    page_util::send(&sender, SnapshotsInput::Done(r));
                });
            }
            SnapshotsInput::Done(r) => {
                self.busy = false;
                self.message = Some(match r {
                    Ok(m) => (m, false),
                    Err(e) => (e, true),
                });
                page_util::send(&sender, SnapshotsInput::Reload);
            }
        }
    }

    fn update_view(&self, w: &mut SnapshotsWidgets, _sender: ComponentSender<Self>) {
        let forest = self.forest.borrow();
        let n = forest.info.len();
        // Rebuild the tree model when the snapshots were (re)read.
        if self.shown_generation.replace(self.generation) != self.generation {
            let roots = forest
                .store("")
                .unwrap_or_else(gio::ListStore::new::<DomainSnapshot>);
            let f = self.forest.clone();
            let model = gtk::TreeListModel::new(roots, false, true, move |item| {
                let s = item.downcast_ref::<DomainSnapshot>()?;
                f.borrow().store(&s.name()).map(|m| m.upcast())
            });
            w.selection.set_model(Some(&model));
            w.selection.set_selected(gtk::INVALID_LIST_POSITION);
        }
        w.stack.set_visible_child_name(if n == 0 && self.loaded {
            "empty"
        } else {
            "tree"
        });
        w.count.set_label(&if self.loaded {
            ngettext_f("{n} snapshot", "{n} snapshots", n, &[("n", &n.to_string())])
        } else {
            tr("Loading…")
        });
        let running = self.is_running();
        w.memory.set_sensitive(running);
        w.memory_row.set_subtitle(&if running {
            tr("Keeps the running machine's memory, so a revert resumes it where it was. When off, only the disks are captured, in new overlay files (an external snapshot).")
        } else {
            tr("The machine is shut off: there is no memory state to keep.")
        });
        let has_sel = self.selected.is_some();
        w.revert.set_sensitive(!self.busy && has_sel);
        w.delete.set_sensitive(!self.busy && has_sel);
        w.create.set_sensitive(!self.busy);
        match &self.message {
            Some((m, err)) => page_util::show_message(&w.message, Some(m), *err),
            None => page_util::show_message(&w.message, None, false),
        }
    }

    fn shutdown(&mut self, _widgets: &mut SnapshotsWidgets, _output: relm4::Sender<()>) {
        for h in self.handlers.drain(..) {
            self.domain.disconnect(h);
        }
    }
}

/// The delete dialog's heading, text, choices and safe default for `info` with
/// `descendants` snapshots below it.
pub fn delete_choices(
    info: &SnapInfo,
    descendants: usize,
) -> (String, String, Vec<Choice>, &'static str) {
    let heading = gettext_f("Delete Snapshot {name}?", &[("name", &info.name)]);
    let n = descendants.to_string();
    match (info.external, descendants > 0) {
        (true, true) => (
            heading,
            ngettext_f(
                "This is an external snapshot and {n} later snapshot builds on its files: they are the base images the other needs. \"Remove from List\" only forgets the snapshot in libvirt and keeps every file. \"Delete With Later Snapshots\" deletes it and the {n} snapshot below it.",
                "This is an external snapshot and {n} later snapshots build on its files: they are the base images the others need. \"Remove from List\" only forgets the snapshot in libvirt and keeps every file. \"Delete With Later Snapshots\" deletes it and all {n} snapshots below it.",
                descendants,
                &[("n", &n)],
            ),
            vec![
                Choice {
                    id: "metadata",
                    label: tr("Remove from List"),
                    destructive: false,
                },
                Choice {
                    id: "children",
                    label: tr("Delete With Later Snapshots"),
                    destructive: true,
                },
            ],
            "metadata",
        ),
        (true, false) => (
            heading,
            tr("This is an external snapshot: its state is in separate files. \"Remove from List\" only forgets it in libvirt and keeps the files. \"Delete Snapshot\" also merges and removes its files."),
            vec![
                Choice {
                    id: "metadata",
                    label: tr("Remove from List"),
                    destructive: false,
                },
                Choice {
                    id: "delete",
                    label: tr("Delete Snapshot"),
                    destructive: true,
                },
            ],
            "metadata",
        ),
        (false, true) => (
            heading,
            ngettext_f(
                "{n} later snapshot builds on this one. \"Delete This Snapshot\" removes only this point in time: the later snapshot is kept and attached to its parent. \"Delete With Later Snapshots\" removes both.",
                "{n} later snapshots build on this one. \"Delete This Snapshot\" removes only this point in time: the later snapshots are kept and attached to its parent. \"Delete With Later Snapshots\" removes all of them.",
                descendants,
                &[("n", &n)],
            ),
            vec![
                Choice {
                    id: "delete",
                    label: tr("Delete This Snapshot"),
                    destructive: false,
                },
                Choice {
                    id: "children",
                    label: tr("Delete With Later Snapshots"),
                    destructive: true,
                },
            ],
            "delete",
        ),
        (false, false) => (
            heading,
            tr("The machine can no longer return to this point in time. Its current state is not changed."),
            vec![Choice {
                id: "delete",
                label: tr("Delete Snapshot"),
                destructive: true,
            }],
            "cancel",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delete_defaults_never_remove_a_base_others_need() {
        let ext = SnapInfo {
            name: "s".into(),
            external: true,
            ..SnapInfo::default()
        };
        let (_, _, choices, default) = delete_choices(&ext, 2);
        assert_eq!(default, "metadata");
        assert!(choices.iter().any(|c| c.id == "children" && c.destructive));
        let (_, _, _, default) = delete_choices(&ext, 0);
        assert_eq!(default, "metadata");
        let int = SnapInfo {
            name: "s".into(),
            ..SnapInfo::default()
        };
        let (_, _, choices, default) = delete_choices(&int, 1);
        assert_eq!(default, "delete");
        assert!(!choices.iter().any(|c| c.id == "delete" && c.destructive));
        assert_eq!(delete_choices(&int, 0).3, "cancel");
    }

    #[test]
    fn snapshot_xml_gives_parent_and_external() {
        let xml = "<domainsnapshot><name>b</name><description>d</description><state>running</state><parent><name>a</name></parent><creationTime>5</creationTime><memory snapshot='external' file='/m'/></domainsnapshot>";
        let i = SnapInfo::from_xml(xml).expect("parses");
        assert_eq!(i.parent.as_deref(), Some("a"));
        assert!(i.external);
        assert_eq!((i.created, i.state.as_str()), (5, "running"));
    }
}
