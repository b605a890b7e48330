//! The Hardware page: every device of the configuration (read through gconfig), with
//! typed edits: add and remove a disk or a NIC, change a CD-ROM's media. A shut-off
//! VM gets the edited configuration (`set_config`); a running one the device
//! hot(un)plugged for now and in its configuration.

use adw::prelude::*;
use libvirt_gconfig::{
    view::XmlView, DiskDevice, DiskType, Domain as DomainConfig, DomainDevice, InterfaceType,
};
use libvirt_gobject::Domain;
use relm4::prelude::*;

use crate::backend::Inventory;
use crate::i18n::{gettext_f, tr};
use crate::Prop;

/// libvirt's `VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG`.
const AFFECT_LIVE_AND_CONFIG: u32 = 1 | 2;
/// libvirt's `VIR_DOMAIN_AFFECT_CONFIG`.
const AFFECT_CONFIG: u32 = 2;

/// The Hardware page of one VM.
pub struct HardwarePage {
    dom: Domain,
    inv: Inventory,
    config: Option<DomainConfig>,
    /// Edits asked for before the configuration was read (the page loads when first
    /// shown); applied once it is.
    pending: Vec<Edit>,
}

/// A device edit.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Add a disk backed by a file (created elsewhere) or an empty CD-ROM.
    AddDisk {
        /// Host path of the image, `None` for an empty CD-ROM.
        path: Option<String>,
        /// Disk or CD-ROM.
        cdrom: bool,
    },
    /// Add a NIC on a libvirt network.
    AddNic {
        /// The network's name.
        network: String,
    },
    /// Remove the device at this index of [`DomainDevices::all`](libvirt_gconfig::DomainDevices::all).
    Remove(usize),
    /// Change (or with `None` eject) the media of the CD-ROM with this target.
    ChangeMedia {
        /// Target device (`hdc`, `sdb`).
        target: String,
        /// New image path.
        path: Option<String>,
    },
}

/// Messages to the Hardware page.
#[derive(Debug)]
pub enum HardwareInput {
    /// Re-read the configuration.
    Reload,
    /// The configuration was read.
    Config(Option<DomainConfig>),
    /// Apply an edit.
    Edit(Edit),
    /// An edit ended.
    Done(Result<(), String>),
}

/// The widgets of the Hardware page.
pub struct HardwareWidgets {
    list: gtk::ListBox,
}

/// A one-line description of a device: (icon, title, subtitle).
pub fn describe(dev: &DomainDevice) -> (&'static str, String, String) {
    let kind = dev.kind();
    if let Some(disk) = dev.as_disk() {
        let cd = disk.device().val() == Some(DiskDevice::Cdrom);
        let target = disk.target_dev().val().unwrap_or_default();
        let src = disk
            .source()
            .and_then(|s| s.file().val().or_else(|| s.dev().val()))
            .unwrap_or_else(|| tr("(empty)"));
        let title = if cd {
            gettext_f("CD-ROM {target}", &[("target", &target)])
        } else {
            gettext_f("Disk {target}", &[("target", &target)])
        };
        return (
            if cd {
                "media-optical-symbolic"
            } else {
                "drive-harddisk-symbolic"
            },
            title,
            src,
        );
    }
    if let Some(nic) = dev.as_interface() {
        let src = nic
            .source()
            .and_then(|s| s.network().val().or_else(|| s.bridge().val()))
            .unwrap_or_default();
        let mac = nic.mac_address().val().unwrap_or_default();
        let model = nic.model_type().val().unwrap_or_default();
        return (
            "network-wired-symbolic",
            tr("Network interface"),
            [src, mac, model]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        );
    }
    let doc = dev.document().borrow();
    let ty = doc
        .attribute(dev.node(), "type")
        .or_else(|| doc.attribute(dev.node(), "model"))
        .map(|v| v.into_owned())
        .unwrap_or_default();
    let (icon, title) = match kind.as_str() {
        "graphics" => ("video-display-symbolic", tr("Display")),
        "video" => ("video-display-symbolic", tr("Video")),
        "serial" => ("utilities-terminal-symbolic", tr("Serial port")),
        "console" => ("utilities-terminal-symbolic", tr("Console")),
        "channel" => ("utilities-terminal-symbolic", tr("Channel")),
        "controller" => ("drive-multidisk-symbolic", tr("Controller")),
        "input" => ("input-mouse-symbolic", tr("Input")),
        "sound" => ("audio-card-symbolic", tr("Sound")),
        "tpm" => ("security-high-symbolic", tr("TPM")),
        "rng" => ("dialog-password-symbolic", tr("Random number generator")),
        "memballoon" => ("drive-harddisk-solidstate-symbolic", tr("Memory balloon")),
        "watchdog" => ("alarm-symbolic", tr("Watchdog")),
        "hostdev" => ("drive-removable-media-symbolic", tr("Host device")),
        "redirdev" => ("drive-removable-media-symbolic", tr("USB redirection")),
        "emulator" => ("system-run-symbolic", tr("Emulator")),
        "filesystem" => ("folder-remote-symbolic", tr("Shared folder")),
        "panic" => ("dialog-error-symbolic", tr("Panic notifier")),
        _ => ("application-x-firmware-symbolic", kind.clone()),
    };
    (icon, title, ty)
}

/// The next free target name with `prefix` (`vd` -> `vda`, `vdb`, ...).
pub fn next_target(cfg: &DomainConfig, prefix: &str) -> String {
    let used: Vec<String> = cfg
        .devices()
        .map(|d| {
            d.disks()
                .into_iter()
                .filter_map(|x| x.target_dev().val())
                .collect()
        })
        .unwrap_or_default();
    ('a'..='z')
        .map(|c| format!("{prefix}{c}"))
        .find(|t| !used.contains(t))
        .unwrap_or_else(|| format!("{prefix}z"))
}

/// Applies `edit` to `cfg`; returns the device XML (for hotplug) and whether it is an
/// addition (`Some(true)`), removal (`Some(false)`) or update (`None`).
///
/// # Errors
///
/// When the edit names a device that is not there.
pub fn apply_edit(cfg: &DomainConfig, edit: &Edit) -> Result<(String, Option<bool>), String> {
    let devices = cfg.devices_or_create();
    match edit {
        Edit::AddDisk { path, cdrom } => {
            let disk = devices.add_disk();
            disk.set_disk_type(Some(DiskType::File));
            if *cdrom {
                disk.set_device(Some(DiskDevice::Cdrom));
                disk.set_target_dev(Some(next_target(cfg, "sd")));
                disk.set_target_bus(Some(libvirt_gconfig::DiskBus::Sata));
                disk.set_readonly(true);
            } else {
                disk.set_device(Some(DiskDevice::Disk));
                let drv = disk.driver_or_create();
                drv.set_name(Some("qemu".into()));
                let fmt = path
                    .as_deref()
                    .filter(|p| p.ends_with(".qcow2"))
                    .map_or("raw", |_| "qcow2");
                drv.set_format(Some(fmt.into()));
                disk.set_target_dev(Some(next_target(cfg, "vd")));
                disk.set_target_bus(Some(libvirt_gconfig::DiskBus::Virtio));
            }
            if let Some(p) = path {
                disk.source_or_create().set_file(Some(p.clone()));
            }
            Ok((disk.to_xml(), Some(true)))
        }
        Edit::AddNic { network } => {
            let nic = devices.add_interface();
            nic.set_iface_type(Some(InterfaceType::Network));
            nic.source_or_create().set_network(Some(network.clone()));
            nic.set_model_type(Some("virtio".into()));
            Ok((nic.to_xml(), Some(true)))
        }
        Edit::Remove(i) => {
            let all = devices.all();
            let dev = all.get(*i).ok_or_else(|| tr("The device is gone."))?;
            let xml = dev.to_xml();
            devices.remove_device(dev);
            Ok((xml, Some(false)))
        }
        Edit::ChangeMedia { target, path } => {
            let disk = devices
                .disks()
                .into_iter()
                .find(|d| d.target_dev().val().as_deref() == Some(target.as_str()))
                .ok_or_else(|| gettext_f("No drive {target}.", &[("target", target)]))?;
            match path {
                Some(p) => disk.source_or_create().set_file(Some(p.clone())),
                None => {
                    disk.remove_source();
                }
            }
            Ok((disk.to_xml(), None))
        }
    }
}

impl SimpleComponent for HardwarePage {
    type Init = (Domain, Inventory);
    type Input = HardwareInput;
    type Output = ();
    type Root = gtk::ScrolledWindow;
    type Widgets = HardwareWidgets;

    fn init_root() -> gtk::ScrolledWindow {
        gtk::ScrolledWindow::builder()
            .hscrollbar_policy(gtk::PolicyType::Never)
            .build()
    }

    fn init(
        (dom, inv): (Domain, Inventory),
        root: gtk::ScrolledWindow,
        sender: ComponentSender<Self>,
    ) -> ComponentParts<Self> {
        let page = super::page_box(&root, "hardware", 12);

        // Short labels under one "add" icon, the whole action in the tooltip: the
        // row fits the narrow details pane instead of widening it (and squeezing
        // the VM list beside it).
        let buttons = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        buttons.set_halign(gtk::Align::Start);
        for (label, tooltip, name) in [
            (tr("Disk…"), tr("Add Disk…"), "add-disk"),
            (tr("CD-ROM"), tr("Add CD-ROM"), "add-cdrom"),
            (tr("Network…"), tr("Add Network Interface…"), "add-nic"),
        ] {
            let content = adw::ButtonContent::new();
            content.set_icon_name("list-add-symbolic");
            content.set_label(&label);
            let b = gtk::Button::builder()
                .child(&content)
                .tooltip_text(tooltip.as_str())
                .build();
            b.update_property(&[gtk::accessible::Property::Label(&tooltip)]);
            b.set_widget_name(name);
            let s = sender.clone();
            let name = name.to_owned();
            b.connect_clicked(move |b| {
                let s = s.clone();
                match name.as_str() {
                    "add-cdrom" => s.input(HardwareInput::Edit(Edit::AddDisk {
                        path: None,
                        cdrom: true,
                    })),
                    "add-disk" => crate::modals::ask_text(
                        b,
                        &tr("Add Disk"),
                        &tr("Path of the disk image on the host"),
                        "/var/lib/libvirt/images/disk.qcow2",
                        move |p| {
                            s.input(HardwareInput::Edit(Edit::AddDisk {
                                path: Some(p),
                                cdrom: false,
                            }))
                        },
                    ),
                    _ => crate::modals::ask_text(
                        b,
                        &tr("Add Network Interface"),
                        &tr("Name of the libvirt network"),
                        "default",
                        move |n| s.input(HardwareInput::Edit(Edit::AddNic { network: n })),
                    ),
                }
            });
            buttons.append(&b);
        }
        page.append(&buttons);
        let list = gtk::ListBox::new();
        list.add_css_class("boxed-list");
        list.set_selection_mode(gtk::SelectionMode::None);
        list.set_widget_name("hardware-list");
        page.append(&list);

        let s = sender.clone();
        dom.connect_local("updated", false, move |_| {
            s.input(HardwareInput::Reload);
            None
        });
        sender.input(HardwareInput::Reload);
        let model = HardwarePage {
            dom,
            inv,
            config: None,
            pending: Vec::new(),
        };
        ComponentParts {
            model,
            widgets: HardwareWidgets { list },
        }
    }

    fn update(&mut self, msg: HardwareInput, sender: ComponentSender<Self>) {
        match msg {
            HardwareInput::Reload => {
                let d = self.dom.clone();
                let s = sender.clone();
                relm4::spawn_local(async move {
                    s.input(HardwareInput::Config(d.config_future(2).await.ok()));
                });
            }
            HardwareInput::Config(c) => {
                self.config = c;
                if self.config.is_some() {
                    for edit in self.pending.drain(..) {
                        sender.input(HardwareInput::Edit(edit));
                    }
                }
            }
            HardwareInput::Edit(edit) if self.config.is_none() => self.pending.push(edit),
            HardwareInput::Edit(edit) => {
                let Some(cfg) = self
                    .config
                    .as_ref()
                    .and_then(|c| DomainConfig::from_xml(&c.to_xml()).ok())
                else {
                    return;
                };
                let (xml, kind) = match apply_edit(&cfg, &edit) {
                    Ok(x) => x,
                    Err(e) => {
                        self.inv.report(e);
                        return;
                    }
                };
                let d = self.dom.clone();
                let s = sender.clone();
                let live = d.state().is_active();
                relm4::spawn_local(async move {
                    let r = if live {
                        match kind {
                            Some(true) => {
                                d.attach_device_future(&xml, AFFECT_LIVE_AND_CONFIG).await
                            }
                            Some(false) => {
                                d.detach_device_future(&xml, AFFECT_LIVE_AND_CONFIG).await
                            }
                            None => d.update_device_future(&xml, AFFECT_LIVE_AND_CONFIG).await,
                        }
                    } else if kind.is_none() {
                        match d.update_device_future(&xml, AFFECT_CONFIG).await {
                            Ok(()) => Ok(()),
                            Err(_) => d.set_config_future(&cfg).await,
                        }
                    } else {
                        d.set_config_future(&cfg).await
                    };
                    s.input(HardwareInput::Done(r.map_err(|e| e.message().to_owned())));
                });
            }
            HardwareInput::Done(r) => {
                if let Err(e) = r {
                    self.inv.report(format!(
                        "{}: {e}",
                        gettext_f(
                            "Could not change the hardware of {name}",
                            &[("name", &self.dom.name())]
                        )
                    ));
                }
                sender.input(HardwareInput::Reload);
            }
        }
    }

    fn update_view(&self, w: &mut HardwareWidgets, sender: ComponentSender<Self>) {
        while let Some(c) = w.list.first_child() {
            w.list.remove(&c);
        }
        let Some(cfg) = &self.config else {
            return;
        };
        let general = adw::ActionRow::builder()
            .title(tr("Processor and memory"))
            .subtitle(format!(
                "{} vCPU · {}",
                cfg.vcpu().val().unwrap_or(1),
                cfg.memory()
                    .val()
                    .and_then(|m| m.bytes())
                    .map(
                        |b| glib::format_size_full(b, glib::FormatSizeFlags::IEC_UNITS).to_string()
                    )
                    .unwrap_or_default()
            ))
            .build();
        general.add_prefix(&gtk::Image::from_icon_name("computer-symbolic"));
        w.list.append(&general);
        let Some(devices) = cfg.devices() else {
            return;
        };
        for (i, dev) in devices.all().iter().enumerate() {
            let (icon, title, subtitle) = describe(dev);
            let row = adw::ActionRow::builder()
                .title(glib::markup_escape_text(&title).as_str())
                .subtitle(glib::markup_escape_text(&subtitle).as_str())
                .build();
            row.set_widget_name(&format!("device:{}", dev.kind()));
            row.add_prefix(&gtk::Image::from_icon_name(icon));
            let disk = dev.as_disk();
            let cdrom = disk
                .as_ref()
                .filter(|d| d.device().val() == Some(DiskDevice::Cdrom));
            if let Some(cd) = cdrom {
                let target = cd.target_dev().val().unwrap_or_default();
                let change = gtk::Button::from_icon_name("media-optical-symbolic");
                change.set_tooltip_text(Some(&tr("Change media")));
                change.update_property(&[gtk::accessible::Property::Label(&tr("Change media"))]);
                change.add_css_class("flat");
                change.set_valign(gtk::Align::Center);
                let s = sender.clone();
                let t = target.clone();
                change.connect_clicked(move |b| {
                    let s = s.clone();
                    let t = t.clone();
                    crate::modals::ask_text(
                        b,
                        &tr("Change Media"),
                        &tr("Path of the ISO image on the host (empty to eject)"),
                        "",
                        move |p| {
                            s.input(HardwareInput::Edit(Edit::ChangeMedia {
                                target: t.clone(),
                                path: Some(p).filter(|p| !p.is_empty()),
                            }))
                        },
                    )
                });
                row.add_suffix(&change);
            }
            if disk.is_some() || dev.as_interface().is_some() {
                let remove = gtk::Button::from_icon_name("user-trash-symbolic");
                remove.set_tooltip_text(Some(&tr("Remove device")));
                remove.update_property(&[gtk::accessible::Property::Label(&tr("Remove device"))]);
                remove.add_css_class("flat");
                remove.set_valign(gtk::Align::Center);
                let s = sender.clone();
                remove.connect_clicked(move |_| s.input(HardwareInput::Edit(Edit::Remove(i))));
                row.add_suffix(&remove);
            }
            w.list.append(&row);
        }
    }
}
