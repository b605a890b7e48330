//! The "Storage" page of a connection: the storage pools (live list from the
//! connection's model; start/stop, autostart, refresh, a capacity bar) and the volumes of
//! the selected pool (create qcow2/raw with a size, resize, delete, upload a local file
//! with a progress bar, download to a local file).

use std::sync::Arc;

use adw::prelude::*;
use libvirt_gconfig::value::Size;
#[cfg(test)]
use libvirt_gconfig::value::SizeUnit;
use libvirt_gconfig::StorageVolume;
use libvirt_gobject::{
    Connection, StoragePool, StoragePoolInfo, StoragePoolState, StorageVol, StorageVolInfo,
    Transfer,
};
use relm4::prelude::*;

use super::page_util::{self, Choice};
use crate::i18n::{gettext_f, tr};
use crate::Prop;

/// Volume formats offered when creating one.
pub const FORMATS: [&str; 2] = ["qcow2", "raw"];

/// A volume as the page shows it.
#[derive(Debug, Clone)]
pub struct VolumeRow {
    vol: StorageVol,
    info: Option<StorageVolInfo>,
    format: String,
}

/// The Storage page for one connection.
pub struct StoragePage {
    /// The connection shown.
    pub connection: Connection,
    pool: Option<StoragePool>,
    pool_info: Option<StoragePoolInfo>,
    autostart: Option<bool>,
    volumes: Vec<VolumeRow>,
    generation: u64,
    shown_generation: std::cell::Cell<u64>,
    busy: bool,
    message: Option<(String, bool)>,
    upload: Option<(String, Arc<Transfer>)>,
    root: gtk::Paned,
}

/// Messages to the Storage page.
#[derive(Debug)]
pub enum StorageInput {
    /// Show this pool.
    Select(Option<StoragePool>),
    /// Re-read the pool and its volumes.
    Reload,
    /// The pool was read.
    Loaded(
        Option<StoragePoolInfo>,
        Option<bool>,
        Result<Vec<VolumeRow>, String>,
    ),
    /// Start the pool when it is inactive, else stop it.
    ToggleActive,
    /// Refresh the pool (re-scan its volumes).
    Refresh,
    /// Set the pool's autostart.
    SetAutostart(bool),
    /// Create a volume.
    Create {
        /// Name.
        name: String,
        /// `qcow2` or `raw`.
        format: String,
        /// Size in GiB.
        gib: f64,
    },
    /// Ask, then delete a volume.
    AskDelete(StorageVol),
    /// Resize a volume to this many bytes.
    Resize(StorageVol, u64),
    /// Choose a file, then upload it into a new raw volume.
    ChooseUpload,
    /// Upload this file into a new volume.
    Upload(std::path::PathBuf),
    /// Choose a file, then download the volume into it.
    ChooseDownload(StorageVol),
    /// Cancel the running upload.
    CancelUpload,
    /// Redraw the upload's progress.
    Tick,
    /// The upload finished.
    Uploaded(Result<String, String>),
    /// An operation finished: `Ok(message)` or libvirt's error.
    Done(Result<String, String>),
}

/// The Storage page's widgets.
pub struct StorageWidgets {
    pools: gtk::ListBox,
    header: gtk::Label,
    state: gtk::Label,
    level: gtk::LevelBar,
    usage: gtk::Label,
    toggle: gtk::Button,
    refresh: gtk::Button,
    autostart: gtk::Switch,
    volumes: gtk::ListBox,
    message: gtk::Label,
    progress: gtk::ProgressBar,
    progress_box: gtk::Box,
    create: gtk::Button,
    upload: gtk::Button,
    detail: gtk::Stack,
}

fn bytes(n: u64) -> String {
    glib::format_size(n).to_string()
}

fn usage_text(i: &StoragePoolInfo) -> String {
    gettext_f(
        "{used} used of {capacity} · {free} free",
        &[
            ("used", &bytes(i.allocation)),
            ("capacity", &bytes(i.capacity)),
            ("free", &bytes(free(i))),
        ],
    )
}

/// Free bytes: libvirt's `available`, but never more than capacity minus allocation
/// (the test driver and some backends report more).
fn free(i: &StoragePoolInfo) -> u64 {
    i.available.min(i.capacity.saturating_sub(i.allocation))
}

/// A capacity bar: accent while there is room, warning above 75 %, error above 90 %.
fn capacity_bar() -> gtk::LevelBar {
    let l = gtk::LevelBar::builder()
        .min_value(0.0)
        .max_value(1.0)
        .build();
    for o in [
        gtk::LEVEL_BAR_OFFSET_LOW,
        gtk::LEVEL_BAR_OFFSET_HIGH,
        gtk::LEVEL_BAR_OFFSET_FULL,
    ] {
        l.remove_offset_value(Some(o));
    }
    l.add_offset_value(gtk::LEVEL_BAR_OFFSET_HIGH, 0.75);
    l.add_offset_value(gtk::LEVEL_BAR_OFFSET_LOW, 0.9);
    l.add_offset_value("disk-full", 1.0);
    l
}

fn fraction(i: &StoragePoolInfo) -> f64 {
    if i.capacity == 0 {
        0.0
    } else {
        (i.allocation as f64 / i.capacity as f64).clamp(0.0, 1.0)
    }
}

/// The row of one pool in the left list: name, state and a small capacity bar.
fn pool_row(obj: &glib::Object) -> gtk::Widget {
    let Some(pool) = obj.downcast_ref::<StoragePool>() else {
        return gtk::Label::new(None).upcast();
    };
    let name = gtk::Label::builder()
        .label(pool.name())
        .xalign(0.0)
        .ellipsize(gtk::pango::EllipsizeMode::End)
        .build();
    name.add_css_class("heading");
    let sub = gtk::Label::builder().xalign(0.0).build();
    sub.add_css_class("dim-label");
    sub.add_css_class("caption");
    let level = capacity_bar();
    level.set_margin_top(4);
    let b = gtk::Box::new(gtk::Orientation::Vertical, 2);
    b.set_margin_top(8);
    b.set_margin_bottom(8);
    b.set_margin_start(10);
    b.set_margin_end(10);
    b.append(&name);
    b.append(&sub);
    b.append(&level);
    let row = gtk::ListBoxRow::builder().child(&b).build();
    row.set_widget_name(&format!("pool:{}", pool.name()));
    let fill = {
        let (sub, level) = (sub.downgrade(), level.downgrade());
        move |p: &StoragePool| {
            let (sub, level) = (sub.clone(), level.clone());
            let active = p.active();
            let fut = p.info_future();
            relm4::spawn_local(async move {
                let info = fut.await.ok();
                let (Some(sub), Some(level)) = (sub.upgrade(), level.upgrade()) else {
                    return;
                };
                let state = if active { tr("Active") } else { tr("Inactive") };
                match info.filter(|i| i.capacity > 0) {
                    Some(i) => {
                        sub.set_label(&format!(
                            "{state} · {}",
                            gettext_f(
                                "{free} free of {capacity}",
                                &[("free", &bytes(free(&i))), ("capacity", &bytes(i.capacity))]
                            )
                        ));
                        level.set_value(fraction(&i));
                        level.set_visible(true);
                    }
                    None => {
                        sub.set_label(&state);
                        level.set_visible(false);
                    }
                }
            });
        }
    };
    fill(pool);
    pool.connect_active_notify(fill);
    row.upcast()
}

fn volume_row(v: &VolumeRow, sender: &ComponentSender<StoragePage>) -> gtk::Widget {
    let name = v.vol.name();
    let mut sub = Vec::new();
    if !v.format.is_empty() {
        sub.push(v.format.clone());
    }
    if let Some(i) = &v.info {
        sub.push(gettext_f(
            "{capacity} · {allocation} on disk",
            &[
                ("capacity", &bytes(i.capacity)),
                ("allocation", &bytes(i.allocation)),
            ],
        ));
    }
    let row = adw::ActionRow::builder()
        .title(&name)
        .subtitle(sub.join(" · "))
        .build();
    row.set_widget_name(&format!("volume:{name}"));
    row.add_prefix(&gtk::Image::from_icon_name("drive-harddisk-symbolic"));

    // Resize: a popover with the new size.
    let spin = gtk::SpinButton::with_range(0.001, 65536.0, 1.0);
    spin.set_digits(3);
    let gib = v.info.as_ref().map_or(1.0, |i| i.capacity as f64 / GIB);
    spin.set_value(gib.max(0.001));
    spin.update_property(&[gtk::accessible::Property::Label(&tr("New size in GiB"))]);
    let ok = gtk::Button::with_label(&tr("Resize"));
    ok.add_css_class("suggested-action");
    let pb = gtk::Box::new(gtk::Orientation::Horizontal, 6);
    pb.append(&gtk::Label::new(Some(&tr("GiB"))));
    pb.prepend(&spin);
    pb.append(&ok);
    let pop = gtk::Popover::builder().child(&pb).build();
    let resize = gtk::MenuButton::builder()
        .icon_name("zoom-fit-best-symbolic")
        .popover(&pop)
        .valign(gtk::Align::Center)
        .tooltip_text(tr("Resize"))
        .build();
    resize.add_css_class("flat");
    resize.update_property(&[gtk::accessible::Property::Label(&tr("Resize"))]);
    resize.set_widget_name(&format!("vol-resize:{name}"));
    {
        let (s, vol, spin, pop) = (sender.clone(), v.vol.clone(), spin.clone(), pop.clone());
        ok.connect_clicked(move |_| {
            pop.popdown();
            page_util::send(
                &s,
                StorageInput::Resize(vol.clone(), (spin.value() * GIB) as u64),
            );
        });
    }
    row.add_suffix(&resize);

    let download = page_util::icon_button(
        "document-save-symbolic",
        &tr("Download to a File…"),
        &format!("vol-download:{name}"),
    );
    download.set_valign(gtk::Align::Center);
    let (s, vol) = (sender.clone(), v.vol.clone());
    download
        .connect_clicked(move |_| page_util::send(&s, StorageInput::ChooseDownload(vol.clone())));
    row.add_suffix(&download);

    let delete = page_util::icon_button(
        "user-trash-symbolic",
        &tr("Delete Volume…"),
        &format!("vol-delete:{name}"),
    );
    delete.set_valign(gtk::Align::Center);
    let (s, vol) = (sender.clone(), v.vol.clone());
    delete.connect_clicked(move |_| page_util::send(&s, StorageInput::AskDelete(vol.clone())));
    row.add_suffix(&delete);
    row.upcast()
}

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// The `<volume>` XML of a new volume (typed gconfig edit).
pub fn new_volume_xml(name: &str, format: &str, bytes: u64) -> String {
    let v = StorageVolume::new();
    v.set_name(Some(name.to_owned()));
    v.set_capacity(Some(Size::from_bytes(bytes)));
    if format == "qcow2" {
        // qcow2 grows on demand: nothing allocated up front.
        v.set_allocation(Some(Size::from_bytes(0)));
    }
    v.target_or_create().set_format(Some(format.to_owned()));
    v.to_xml()
}

impl StoragePage {
    fn run(
        &mut self,
        sender: &ComponentSender<Self>,
        fut: impl std::future::Future<Output = Result<String, glib::Error>> + 'static,
    ) {
        self.busy = true;
        let s = sender.clone();
        relm4::spawn_local(async move {
            page_util::send(
                &s,
                StorageInput::Done(fut.await.map_err(|e| e.message().to_owned())),
            );
        });
    }

    fn file_dialog(
        &self,
        title: &str,
        action: gtk::FileChooserAction,
        name: Option<&str>,
        done: impl Fn(std::path::PathBuf) + 'static,
    ) {
        let parent = self.root.root().and_downcast::<gtk::Window>();
        let accept = if action == gtk::FileChooserAction::Save {
            tr("Save")
        } else {
            tr("Upload")
        };
        let d = gtk::FileChooserNative::new(
            Some(title),
            parent.as_ref(),
            action,
            Some(&accept),
            Some(&tr("Cancel")),
        );
        if let Some(n) = name {
            d.set_current_name(n);
        }
        d.connect_response(move |d, r| {
            if r == gtk::ResponseType::Accept {
                if let Some(p) = d.file().and_then(|f| f.path()) {
                    done(p);
                }
            }
            d.destroy();
        });
        d.show();
    }
}

impl SimpleComponent for StoragePage {
    type Init = Connection;
    type Input = StorageInput;
    type Output = ();
    type Root = gtk::Paned;
    type Widgets = StorageWidgets;

    fn init_root() -> gtk::Paned {
        gtk::Paned::new(gtk::Orientation::Horizontal)
    }

    fn init(
        connection: Connection,
        root: gtk::Paned,
        sender: ComponentSender<Self>,
    ) -> ComponentParts<Self> {
        root.set_widget_name("storage-page");
        root.set_vexpand(true);

        // Pools, on the left.
        let pools = gtk::ListBox::new();
        pools.add_css_class("navigation-sidebar");
        pools.set_widget_name("pool-list");
        pools.update_property(&[gtk::accessible::Property::Label(&tr("Storage pools"))]);
        pools.set_placeholder(Some(&gtk::Label::new(Some(&tr("No storage pools")))));
        pools.bind_model(Some(&connection.storage_pools_model()), pool_row);
        let model = connection.storage_pools_model();
        let s = sender.clone();
        pools.connect_row_selected(move |_, row| {
            let p = row
                .and_then(|r| model.item(r.index() as u32))
                .and_downcast::<StoragePool>();
            page_util::send(&s, StorageInput::Select(p));
        });
        let pools_title = gtk::Label::builder()
            .label(tr("Storage Pools"))
            .xalign(0.0)
            .margin_start(12)
            .margin_top(12)
            .margin_bottom(6)
            .build();
        pools_title.add_css_class("heading");
        let left = gtk::Box::new(gtk::Orientation::Vertical, 0);
        left.append(&pools_title);
        left.append(
            &gtk::ScrolledWindow::builder()
                .child(&pools)
                .vexpand(true)
                .hscrollbar_policy(gtk::PolicyType::Never)
                .build(),
        );
        left.set_width_request(240);
        root.set_start_child(Some(&left));
        root.set_resize_start_child(false);
        root.set_shrink_start_child(false);

        // The selected pool, on the right.
        let page = gtk::Box::new(gtk::Orientation::Vertical, 12);
        page.set_margin_top(18);
        page.set_margin_bottom(18);
        page.set_margin_start(18);
        page.set_margin_end(18);

        let header = gtk::Label::builder().xalign(0.0).build();
        header.add_css_class("title-2");
        header.set_widget_name("pool-name");
        let state = gtk::Label::builder().xalign(0.0).build();
        state.add_css_class("dim-label");
        let toggle = gtk::Button::builder()
            .child(&adw::ButtonContent::new())
            .build();
        toggle.set_widget_name("pool-toggle");
        toggle.set_valign(gtk::Align::Center);
        let refresh =
            page_util::icon_button("view-refresh-symbolic", &tr("Refresh"), "pool-refresh");
        refresh.set_valign(gtk::Align::Center);
        let autostart = gtk::Switch::builder().valign(gtk::Align::Center).build();
        autostart.set_widget_name("pool-autostart");
        autostart.update_property(&[gtk::accessible::Property::Label(&tr(
            "Start when the host boots",
        ))]);
        let auto_label = gtk::Label::new(Some(&tr("Autostart")));
        let head_text = gtk::Box::new(gtk::Orientation::Vertical, 2);
        head_text.set_hexpand(true);
        head_text.append(&header);
        head_text.append(&state);
        let head = gtk::Box::new(gtk::Orientation::Horizontal, 8);
        head.append(&head_text);
        head.append(&auto_label);
        head.append(&autostart);
        head.append(&refresh);
        head.append(&toggle);
        page.append(&head);

        let level = capacity_bar();
        level.set_height_request(10);
        level.set_widget_name("pool-capacity");
        level.update_property(&[gtk::accessible::Property::Label(&tr("Pool capacity used"))]);
        let usage = gtk::Label::builder().xalign(0.0).build();
        usage.add_css_class("caption");
        page.append(&level);
        page.append(&usage);

        // New volume.
        let form = adw::PreferencesGroup::builder()
            .title(tr("New Volume"))
            .build();
        let vname = gtk::Entry::builder()
            .placeholder_text(tr("Name"))
            .hexpand(true)
            .valign(gtk::Align::Center)
            .build();
        vname.set_widget_name("volume-name");
        vname.update_property(&[gtk::accessible::Property::Label(&tr("Volume name"))]);
        let format = gtk::DropDown::from_strings(&FORMATS);
        format.set_widget_name("volume-format");
        format.set_valign(gtk::Align::Center);
        format.update_property(&[gtk::accessible::Property::Label(&tr("Format"))]);
        let size = gtk::SpinButton::with_range(0.001, 65536.0, 1.0);
        size.set_digits(1);
        size.set_value(10.0);
        size.set_widget_name("volume-size");
        size.set_valign(gtk::Align::Center);
        size.update_property(&[gtk::accessible::Property::Label(&tr("Size in GiB"))]);
        let create = gtk::Button::with_label(&tr("Create"));
        create.set_widget_name("volume-create");
        create.add_css_class("suggested-action");
        create.set_valign(gtk::Align::Center);
        let upload = page_util::labelled_button(
            "document-send-symbolic",
            &tr("Upload File…"),
            "volume-upload",
        );
        upload.set_valign(gtk::Align::Center);
        upload.set_tooltip_text(Some(&tr(
            "Copy a local file (an ISO image, a disk image) into a new volume of this pool",
        )));
        let fb = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        fb.set_margin_top(6);
        fb.set_margin_bottom(6);
        fb.set_margin_start(12);
        fb.set_margin_end(12);
        fb.append(&vname);
        fb.append(&format);
        fb.append(&size);
        fb.append(&gtk::Label::new(Some(&tr("GiB"))));
        fb.append(&create);
        fb.append(&gtk::Separator::new(gtk::Orientation::Vertical));
        fb.append(&upload);
        form.add(
            &gtk::ListBoxRow::builder()
                .child(&fb)
                .activatable(false)
                .build(),
        );
        page.append(&form);

        let progress = gtk::ProgressBar::builder()
            .show_text(true)
            .hexpand(true)
            .build();
        progress.set_widget_name("upload-progress");
        let cancel = page_util::icon_button(
            "process-stop-symbolic",
            &tr("Cancel Upload"),
            "upload-cancel",
        );
        let progress_box = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        progress_box.append(&progress);
        progress_box.append(&cancel);
        progress_box.set_visible(false);
        page.append(&progress_box);

        let message = page_util::message_label("storage-message");
        page.append(&message);

        let vtitle = gtk::Label::builder()
            .label(tr("Volumes"))
            .xalign(0.0)
            .build();
        vtitle.add_css_class("heading");
        page.append(&vtitle);
        let volumes = gtk::ListBox::new();
        volumes.add_css_class("boxed-list");
        volumes.set_selection_mode(gtk::SelectionMode::None);
        volumes.set_widget_name("volume-list");
        volumes.set_valign(gtk::Align::Start);
        volumes.set_placeholder(Some(
            &adw::ActionRow::builder().title(tr("No volumes")).build(),
        ));
        page.append(&volumes);

        let right_scroll = gtk::ScrolledWindow::builder()
            .child(&adw::Clamp::builder().maximum_size(900).child(&page).build())
            .hscrollbar_policy(gtk::PolicyType::Never)
            .vexpand(true)
            .hexpand(true)
            .build();
        let none = adw::StatusPage::builder()
            .icon_name("drive-multidisk-symbolic")
            .title(tr("No Pool Selected"))
            .description(tr("Select a storage pool to see its volumes."))
            .build();
        let detail = gtk::Stack::new();
        detail.add_named(&none, Some("none"));
        detail.add_named(&right_scroll, Some("pool"));
        root.set_end_child(Some(&detail));

        let s = sender.clone();
        toggle.connect_clicked(move |_| page_util::send(&s, StorageInput::ToggleActive));
        let s = sender.clone();
        refresh.connect_clicked(move |_| page_util::send(&s, StorageInput::Refresh));
        let s = sender.clone();
        autostart.connect_state_set(move |sw, on| {
            if sw.is_sensitive() {
                page_util::send(&s, StorageInput::SetAutostart(on));
            }
            glib::Propagation::Proceed
        });
        {
            let (s, vname, format, size) =
                (sender.clone(), vname.clone(), format.clone(), size.clone());
            create.connect_clicked(move |_| {
                page_util::send(
                    &s,
                    StorageInput::Create {
                        name: vname.text().trim().to_owned(),
                        format: FORMATS
                            .get(format.selected() as usize)
                            .copied()
                            .unwrap_or("qcow2")
                            .to_owned(),
                        gib: size.value(),
                    },
                );
            });
        }
        let s = sender.clone();
        upload.connect_clicked(move |_| page_util::send(&s, StorageInput::ChooseUpload));
        let s = sender.clone();
        cancel.connect_clicked(move |_| page_util::send(&s, StorageInput::CancelUpload));

        // Select the first pool once the list has one.
        let p = pools.clone();
        glib::idle_add_local_once(move || {
            if let Some(r) = p.row_at_index(0) {
                p.select_row(Some(&r));
            }
        });

        let model = StoragePage {
            connection,
            pool: None,
            pool_info: None,
            autostart: None,
            volumes: Vec::new(),
            generation: 0,
            shown_generation: std::cell::Cell::new(u64::MAX),
            busy: false,
            message: None,
            upload: None,
            root: root.clone(),
        };
        let widgets = StorageWidgets {
            pools,
            header,
            state,
            level,
            usage,
            toggle,
            refresh,
            autostart,
            volumes,
            message,
            progress,
            progress_box,
            create,
            upload,
            detail,
        };
        ComponentParts { model, widgets }
    }

    fn update(&mut self, msg: StorageInput, sender: ComponentSender<Self>) {
        match msg {
            StorageInput::Select(p) => {
                self.pool = p;
                self.pool_info = None;
                self.autostart = None;
                self.volumes.clear();
                self.generation += 1;
                self.message = None;
                if let Some(p) = &self.pool {
                    let s = sender.clone();
                    p.connect_active_notify(move |_| page_util::send(&s, StorageInput::Reload));
                }
                page_util::send(&sender, StorageInput::Reload);
            }
            StorageInput::Reload => {
                let Some(p) = self.pool.clone() else { return };
                relm4::spawn_local(async move {
                    let info = p.info_future().await.ok();
                    let auto = p.autostart_future().await.ok();
                    let vols = async {
                        if !p.active() {
                            return Ok(Vec::new());
                        }
                        let vols = p.volumes_future().await?;
                        let mut out = Vec::new();
                        for v in vols {
                            let info = v.info_future().await.ok();
                            let format = v
                                .xml_future()
                                .await
                                .ok()
                                .and_then(|x| StorageVolume::from_xml(&x).ok())
                                .and_then(|c| c.target())
                                .and_then(|t| t.format().val())
                                .unwrap_or_default();
                            out.push(VolumeRow {
                                vol: v,
                                info,
                                format,
                            });
                        }
                        out.sort_by_key(|v| v.vol.name().to_lowercase());
                        Ok::<_, glib::Error>(out)
                    }
                    .await
                    .map_err(|e| e.message().to_owned());
                    page_util::send(&sender, StorageInput::Loaded(info, auto, vols));
                });
            }
            StorageInput::Loaded(info, auto, vols) => {
                self.pool_info = info;
                self.autostart = auto;
                match vols {
                    Ok(v) => self.volumes = v,
                    Err(e) => {
                        self.volumes.clear();
                        self.message =
                            Some((format!("{}: {e}", tr("Could not list the volumes")), true));
                    }
                }
                self.generation += 1;
            }
            StorageInput::ToggleActive => {
                let Some(p) = self.pool.clone() else { return };
                let on = !p.active();
                let name = p.name();
                let fut = async move {
                    if on {
                        p.start_future(0).await?;
                        Ok(gettext_f("Pool {name} started", &[("name", &name)]))
                    } else {
                        p.stop_future().await?;
                        Ok(gettext_f("Pool {name} stopped", &[("name", &name)]))
                    }
                };
                self.run(&sender, fut);
            }
            StorageInput::Refresh => {
                let Some(p) = self.pool.clone() else { return };
                self.run(&sender, async move {
                    p.refresh_future().await?;
                    Ok(tr("Pool refreshed"))
                });
            }
            StorageInput::SetAutostart(on) => {
                if self.autostart == Some(on) {
                    return;
                }
                let Some(p) = self.pool.clone() else { return };
                self.run(&sender, async move {
                    p.set_autostart_future(on).await?;
                    Ok(if on {
                        tr("The pool starts with the host")
                    } else {
                        tr("The pool no longer starts with the host")
                    })
                });
            }
            StorageInput::Create { name, format, gib } => {
                let Some(p) = self.pool.clone() else { return };
                if name.is_empty() {
                    self.message = Some((tr("Give the new volume a name."), true));
                    return;
                }
                let name = if format == "qcow2" && !name.contains('.') {
                    format!("{name}.qcow2")
                } else {
                    name
                };
                let xml = new_volume_xml(&name, &format, (gib * GIB) as u64);
                self.run(&sender, async move {
                    let v = p.create_volume_future(&xml).await?;
                    Ok(gettext_f("Volume {name} created", &[("name", &v.name())]))
                });
            }
            StorageInput::AskDelete(vol) => {
                let name = vol.name();
                let s = sender.clone();
                page_util::confirm(
                    &self.root,
                    &gettext_f("Delete Volume {name}?", &[("name", &name)]),
                    &gettext_f(
                        "The file {path} and everything in it are deleted. A machine that uses this volume, or an image that uses it as its backing file, can no longer start.",
                        &[("path", &vol.path())],
                    ),
                    vec![Choice {
                        id: "delete",
                        label: tr("Delete"),
                        destructive: true,
                    }],
                    "cancel",
                    move |_| {
                        let (fut, name) = (vol.delete_future(0), vol.name());
                        let s = s.clone();
                        relm4::spawn_local(async move {
                            let r = fut
                                .await
                                .map(|_| gettext_f("Volume {name} deleted", &[("name", &name)]))
                                .map_err(|e| e.message().to_owned());
                            page_util::send(&s, StorageInput::Done(r));
                        });
                    },
                );
            }
            StorageInput::Resize(vol, bytes_) => {
                let name = vol.name();
                self.run(&sender, async move {
                    vol.resize_future(bytes_, 0).await?;
                    Ok(gettext_f(
                        "Volume {name} resized to {size}",
                        &[("name", &name), ("size", &bytes(bytes_))],
                    ))
                });
            }
            StorageInput::ChooseUpload => {
                let s = sender.clone();
                self.file_dialog(
                    &tr("Upload a File into a New Volume"),
                    gtk::FileChooserAction::Open,
                    None,
                    move |p| page_util::send(&s, StorageInput::Upload(p)),
                );
            }
            StorageInput::Upload(path) => {
                let Some(p) = self.pool.clone() else { return };
                let len = match std::fs::metadata(&path) {
                    Ok(m) => m.len(),
                    Err(e) => {
                        self.message = Some((format!("{}: {e}", path.display()), true));
                        return;
                    }
                };
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "upload.img".into());
                let xml = new_volume_xml(&name, "raw", len);
                let t = Arc::new(Transfer::default());
                self.upload = Some((name.clone(), t.clone()));
                // The progress bar follows the transfer while it runs.
                let s = sender.clone();
                let tick = t.clone();
                glib::timeout_add_local(std::time::Duration::from_millis(100), move || {
                    page_util::send(&s, StorageInput::Tick);
                    if Arc::strong_count(&tick) > 1 {
                        glib::ControlFlow::Continue
                    } else {
                        glib::ControlFlow::Break
                    }
                });
                self.busy = true;
                let s = sender.clone();
                relm4::spawn_local(async move {
                    let r = async move {
                        let v = p.create_volume_future(&xml).await?;
                        match v.upload_file_future(&path, t).await {
                            Ok(n) => Ok(gettext_f(
                                "Uploaded {size} into {name}",
                                &[("size", &bytes(n)), ("name", &name)],
                            )),
                            Err(e) => {
                                // Leave no half-written volume behind.
                                let _ = v.delete_future(0).await;
                                Err(e)
                            }
                        }
                    }
                    .await;
                    page_util::send(
                        &s,
                        StorageInput::Uploaded(r.map_err(|e| e.message().to_owned())),
                    );
                });
            }
            StorageInput::CancelUpload => {
                if let Some((_, t)) = &self.upload {
                    t.cancel();
                }
            }
            StorageInput::ChooseDownload(vol) => {
                let s = sender.clone();
                let v = vol.clone();
                self.file_dialog(
                    &tr("Download the Volume to a File"),
                    gtk::FileChooserAction::Save,
                    Some(&vol.name()),
                    move |path| {
                        let (fut, s, name) = (v.download_future(0, 0), s.clone(), v.name());
                        page_util::send(
                            &s,
                            StorageInput::Done(Ok(gettext_f(
                                "Downloading {name}…",
                                &[("name", &name)],
                            ))),
                        );
                        relm4::spawn_local(async move {
                            let r = match fut.await {
                                Ok(b) => gio::File::for_path(&path)
                                    .replace_contents_future(
                                        b,
                                        None,
                                        false,
                                        gio::FileCreateFlags::REPLACE_DESTINATION,
                                    )
                                    .await
                                    .map(|_| {
                                        gettext_f(
                                            "Saved {path}",
                                            &[("path", &path.display().to_string())],
                                        )
                                    })
                                    .map_err(|(_, e)| e.message().to_owned()),
                                Err(e) => Err(e.message().to_owned()),
                            };
                            page_util::send(&s, StorageInput::Done(r));
                        });
                    },
                );
            }
            StorageInput::Tick => {}
            StorageInput::Uploaded(r) => {
                self.upload = None;
                page_util::send(&sender, StorageInput::Done(r));
            }
            StorageInput::Done(r) => {
                self.busy = false;
                self.message = Some(match r {
                    Ok(m) => (m, false),
                    Err(e) => (e, true),
                });
                page_util::send(&sender, StorageInput::Reload);
            }
        }
    }

    fn update_view(&self, w: &mut StorageWidgets, sender: ComponentSender<Self>) {
        w.detail
            .set_visible_child_name(if self.pool.is_some() { "pool" } else { "none" });
        let _ = &w.pools;
        let Some(pool) = &self.pool else { return };
        let active = pool.active();
        w.header.set_label(&pool.name());
        let state = self
            .pool_info
            .as_ref()
            .map(|i| i.state)
            .unwrap_or(if active {
                StoragePoolState::Running
            } else {
                StoragePoolState::Inactive
            });
        w.state.set_label(&match state {
            StoragePoolState::Running => tr("Active"),
            StoragePoolState::Building => tr("Building"),
            StoragePoolState::Degraded => tr("Degraded"),
            StoragePoolState::Inaccessible => tr("Inaccessible"),
            _ => tr("Inactive"),
        });
        let (icon, label) = if active {
            ("media-playback-stop-symbolic", tr("Stop"))
        } else {
            ("media-playback-start-symbolic", tr("Start"))
        };
        if let Some(c) = w.toggle.child().and_downcast::<adw::ButtonContent>() {
            c.set_icon_name(icon);
            c.set_label(&label);
        }
        w.toggle.set_tooltip_text(Some(&if active {
            tr("Stop the pool")
        } else {
            tr("Start the pool")
        }));
        w.toggle.set_sensitive(!self.busy);
        w.refresh.set_sensitive(!self.busy && active);
        w.create.set_sensitive(!self.busy && active);
        w.upload
            .set_sensitive(!self.busy && active && self.upload.is_none());
        w.autostart.set_sensitive(false);
        w.autostart.set_active(self.autostart.unwrap_or(false));
        w.autostart.set_state(self.autostart.unwrap_or(false));
        w.autostart
            .set_sensitive(self.autostart.is_some() && !self.busy);
        match self.pool_info.as_ref().filter(|i| i.capacity > 0) {
            Some(i) => {
                w.level.set_visible(true);
                w.level.set_value(fraction(i));
                w.usage.set_label(&usage_text(i));
            }
            None => {
                w.level.set_visible(false);
                w.usage.set_label(&if active {
                    String::new()
                } else {
                    tr("Start the pool to see its capacity and volumes.")
                });
            }
        }
        match &self.upload {
            Some((name, t)) => {
                w.progress_box.set_visible(true);
                w.progress.set_fraction(t.fraction());
                w.progress.set_text(Some(&gettext_f(
                    "Uploading {name}: {done} of {total}",
                    &[
                        ("name", name),
                        (
                            "done",
                            &bytes(t.done.load(std::sync::atomic::Ordering::Relaxed)),
                        ),
                        (
                            "total",
                            &bytes(t.total.load(std::sync::atomic::Ordering::Relaxed)),
                        ),
                    ],
                )));
            }
            None => w.progress_box.set_visible(false),
        }
        match &self.message {
            Some((m, e)) => page_util::show_message(&w.message, Some(m), *e),
            None => page_util::show_message(&w.message, None, false),
        }
        if self.shown_generation.replace(self.generation) != self.generation {
            while let Some(c) = w.volumes.first_child() {
                w.volumes.remove(&c);
            }
            for v in &self.volumes {
                w.volumes.append(&volume_row(v, &sender));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_volume_xml_has_format_and_size() {
        let x = new_volume_xml("a.qcow2", "qcow2", 1 << 30);
        let v = StorageVolume::from_xml(&x).expect("valid");
        assert_eq!(v.name().val().as_deref(), Some("a.qcow2"));
        assert_eq!(
            v.target().and_then(|t| t.format().val()).as_deref(),
            Some("qcow2")
        );
        assert_eq!(
            v.capacity().val().and_then(|s| s.bytes_or(SizeUnit::Bytes)),
            Some(1 << 30)
        );
    }
}
