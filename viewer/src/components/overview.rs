//! The Overview page: what the VM is (OS from its libosinfo metadata, vCPUs, memory,
//! uptime, autostart), libvirt's taint messages as a badge, and the everyday edits
//! (memory, vCPUs, boot order, autostart) applied as typed gconfig edits.

use adw::prelude::*;
use libvirt_gconfig::value::{Size, SizeUnit};
use libvirt_gconfig::{BootDevice, Domain as DomainConfig};
use relm4::prelude::*;

use crate::backend::{Inventory, VmItem};
use crate::factories::vm_columns::state_label;
use crate::i18n::{gettext_f, tr};
use crate::Prop;

/// The Overview page. One page serves every VM: selecting another VM rebinds it
/// ([`OverviewInput::Show`]) instead of building new widgets.
pub struct OverviewPage {
    item: Option<VmItem>,
    /// Signal handlers on the VM shown (disconnected when another is shown).
    handlers: Vec<(glib::Object, glib::SignalHandlerId)>,
    /// Bumped for each VM shown: replies of reads for an earlier one are dropped.
    generation: u64,
    inv: Inventory,
    config: Option<DomainConfig>,
    autostart: Option<bool>,
    messages: Vec<String>,
    busy: bool,
    fill_pending: std::cell::Cell<bool>,
    /// Holds the shown VM's screen thumbnail.
    thumb_slot: gtk::Box,
}

/// Messages to the Overview page.
#[derive(Debug)]
pub enum OverviewInput {
    /// Show this VM (or nothing).
    Show(Option<VmItem>),
    /// Re-read configuration, autostart and messages.
    Reload,
    /// The configuration was read (for the VM of that generation).
    Config(u64, Option<DomainConfig>),
    /// Autostart was read.
    Autostart(u64, Option<bool>),
    /// Messages (taint) were read.
    Messages(u64, Vec<String>),
    /// The state or statistics changed.
    Tick,
    /// Apply the edits of memory, vCPUs and boot order.
    Apply {
        /// New memory, MiB.
        memory_mib: u64,
        /// New vCPU count.
        vcpus: u32,
        /// New boot order.
        boot: Vec<BootDevice>,
    },
    /// An edit finished (`Err` keeps the fields as typed).
    Applied(u64, Result<(), String>),
    /// The autostart switch was toggled.
    SetAutostart(bool),
}

/// The widgets of the Overview page.
pub struct OverviewWidgets {
    title: gtk::Label,
    state: gtk::Label,
    os: adw::ActionRow,
    uuid: adw::ActionRow,
    description: adw::ActionRow,
    uptime: adw::ActionRow,
    memory: gtk::SpinButton,
    vcpus: gtk::SpinButton,
    boot: gtk::DropDown,
    autostart: gtk::Switch,
    taint: gtk::Revealer,
    taint_label: gtk::Label,
    apply: gtk::Button,
}

/// Boot orders offered in the drop-down.
const BOOT_ORDERS: [&[BootDevice]; 4] = [
    &[BootDevice::Hd, BootDevice::Cdrom],
    &[BootDevice::Cdrom, BootDevice::Hd],
    &[BootDevice::Network, BootDevice::Hd],
    &[BootDevice::Hd],
];

fn boot_label(order: &[BootDevice]) -> String {
    order
        .iter()
        .map(|b| match b {
            BootDevice::Hd => tr("Disk"),
            BootDevice::Cdrom => tr("CD-ROM"),
            BootDevice::Network => tr("Network"),
            BootDevice::Fd => tr("Floppy"),
            BootDevice::Other(o) => o.clone(),
            other => format!("{other:?}"),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The boot devices of a configuration, in order.
pub fn boot_order(cfg: &DomainConfig) -> Vec<BootDevice> {
    cfg.os()
        .map(|os| {
            os.boots()
                .into_iter()
                .filter_map(|b| b.dev().val())
                .collect()
        })
        .unwrap_or_default()
}

/// Applies memory (MiB), vCPUs and boot order to `cfg` (typed gconfig edits).
pub fn edit_config(cfg: &DomainConfig, memory_mib: u64, vcpus: u32, boot: &[BootDevice]) {
    let size = Size::new(memory_mib, SizeUnit::MiB);
    cfg.set_memory(Some(size));
    if cfg.current_memory().val().is_some() {
        cfg.set_current_memory(Some(size));
    }
    cfg.set_vcpu(Some(vcpus));
    if cfg.vcpu_current().val().is_some() {
        cfg.set_vcpu_current(None);
    }
    if !boot.is_empty() {
        let os = cfg.os_or_create();
        let old = os.boots();
        for b in &old {
            os.remove_boot(b);
        }
        for dev in boot {
            os.add_boot().set_dev(Some(dev.clone()));
        }
    }
}

impl SimpleComponent for OverviewPage {
    type Init = Inventory;
    type Input = OverviewInput;
    type Output = ();
    type Root = gtk::ScrolledWindow;
    type Widgets = OverviewWidgets;

    fn init_root() -> gtk::ScrolledWindow {
        gtk::ScrolledWindow::builder()
            .hscrollbar_policy(gtk::PolicyType::Never)
            .build()
    }

    fn init(
        inv: Inventory,
        root: gtk::ScrolledWindow,
        sender: ComponentSender<Self>,
    ) -> ComponentParts<Self> {
        let page = super::page_box(&root, "overview", 18);

        let head = gtk::Box::new(gtk::Orientation::Vertical, 4);
        let title = gtk::Label::builder()
            .xalign(0.0)
            .ellipsize(gtk::pango::EllipsizeMode::End)
            .build();
        title.add_css_class("title-1");
        title.set_widget_name("overview-title");
        let state = gtk::Label::builder().xalign(0.0).build();
        state.add_css_class("dim-label");
        head.append(&title);
        head.append(&state);
        // The screen of a running VM (an icon otherwise), refreshed while shown: a
        // frame per VM shown, in this slot (see [`OverviewPage::bind`]).
        let thumb_slot = gtk::Box::new(gtk::Orientation::Vertical, 0);
        thumb_slot.set_halign(gtk::Align::Start);
        thumb_slot.set_margin_top(8);
        head.append(&thumb_slot);
        page.append(&head);

        // Taint badge.
        let taint_box = gtk::Box::new(gtk::Orientation::Horizontal, 8);
        taint_box.add_css_class("card");
        taint_box.add_css_class("taint-badge");
        let icon = gtk::Image::from_icon_name("dialog-warning-symbolic");
        icon.set_margin_start(12);
        let taint_label = gtk::Label::builder()
            .xalign(0.0)
            .wrap(true)
            .margin_top(8)
            .margin_bottom(8)
            .margin_end(12)
            .build();
        taint_label.set_widget_name("taint-label");
        taint_box.append(&icon);
        taint_box.append(&taint_label);
        let taint = gtk::Revealer::builder().child(&taint_box).build();
        taint.set_widget_name("taint-badge");
        page.append(&taint);

        let about = adw::PreferencesGroup::builder().title(tr("About")).build();
        let row = |t: &str| {
            let r = adw::ActionRow::builder().title(t).build();
            r.add_css_class("property");
            about.add(&r);
            r
        };
        let os = row(&tr("Operating system"));
        let uptime = row(&tr("Uptime"));
        uptime.set_widget_name("overview-uptime");
        let uuid = row(&tr("UUID"));
        let description = row(&tr("Description"));
        page.append(&about);

        let res = adw::PreferencesGroup::builder()
            .title(tr("Resources"))
            .description(tr("Changes apply to the configuration: a running machine picks them up at its next start."))
            .build();
        let memory = gtk::SpinButton::with_range(16.0, 1_048_576.0, 64.0);
        memory.set_valign(gtk::Align::Center);
        memory.set_widget_name("memory-mib");
        memory.update_property(&[gtk::accessible::Property::Label(&tr("Memory in MiB"))]);
        let mrow = adw::ActionRow::builder().title(tr("Memory (MiB)")).build();
        mrow.add_suffix(&memory);
        let vcpus = gtk::SpinButton::with_range(1.0, 512.0, 1.0);
        vcpus.set_valign(gtk::Align::Center);
        vcpus.set_widget_name("vcpus");
        vcpus.update_property(&[gtk::accessible::Property::Label(&tr("Virtual CPUs"))]);
        let vrow = adw::ActionRow::builder().title(tr("Virtual CPUs")).build();
        vrow.add_suffix(&vcpus);
        let labels: Vec<String> = BOOT_ORDERS.iter().map(|o| boot_label(o)).collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let boot = gtk::DropDown::from_strings(&refs);
        boot.set_valign(gtk::Align::Center);
        boot.set_widget_name("boot-order");
        let brow = adw::ActionRow::builder().title(tr("Boot order")).build();
        brow.add_suffix(&boot);
        let autostart = gtk::Switch::new();
        autostart.set_valign(gtk::Align::Center);
        autostart.set_widget_name("autostart");
        let arow = adw::ActionRow::builder()
            .title(tr("Start when the host boots"))
            .activatable_widget(&autostart)
            .build();
        arow.add_suffix(&autostart);
        res.add(&mrow);
        res.add(&vrow);
        res.add(&brow);
        res.add(&arow);
        page.append(&res);
        let apply = gtk::Button::with_label(&tr("Apply"));
        apply.set_widget_name("apply-resources");
        apply.add_css_class("suggested-action");
        apply.set_halign(gtk::Align::End);
        page.append(&apply);

        {
            let (s, memory, vcpus, boot) =
                (sender.clone(), memory.clone(), vcpus.clone(), boot.clone());
            apply.connect_clicked(move |_| {
                let order = BOOT_ORDERS
                    .get(boot.selected() as usize)
                    .map(|o| o.to_vec())
                    .unwrap_or_default();
                s.input(OverviewInput::Apply {
                    memory_mib: memory.value() as u64,
                    vcpus: vcpus.value() as u32,
                    boot: order,
                });
            });
        }
        let s = sender.clone();
        autostart.connect_state_set(move |sw, on| {
            if sw.is_sensitive() {
                s.input(OverviewInput::SetAutostart(on));
            }
            glib::Propagation::Proceed
        });

        let model = OverviewPage {
            item: None,
            handlers: Vec::new(),
            generation: 0,
            inv,
            config: None,
            autostart: None,
            messages: Vec::new(),
            busy: false,
            fill_pending: std::cell::Cell::new(false),
            thumb_slot,
        };
        let widgets = OverviewWidgets {
            title,
            state,
            os,
            uuid,
            description,
            uptime,
            memory,
            vcpus,
            boot,
            autostart,
            taint,
            taint_label,
            apply,
        };
        ComponentParts { model, widgets }
    }

    fn update(&mut self, msg: OverviewInput, sender: ComponentSender<Self>) {
        if let OverviewInput::Show(item) = msg {
            self.bind(item, &sender);
            return;
        }
        let Some(dom) = self.item.as_ref().map(VmItem::dom) else {
            return;
        };
        let gen = self.generation;
        match msg {
            OverviewInput::Show(_) => {}
            OverviewInput::Reload => {
                let s = sender.clone();
                let d = dom.clone();
                relm4::spawn_local(async move {
                    s.input(OverviewInput::Config(gen, d.config_future(2).await.ok()));
                    s.input(OverviewInput::Autostart(
                        gen,
                        d.autostart_future().await.ok(),
                    ));
                    s.input(OverviewInput::Messages(
                        gen,
                        d.refresh_messages_future().await.unwrap_or_default(),
                    ));
                });
            }
            OverviewInput::Config(g, _)
            | OverviewInput::Autostart(g, _)
            | OverviewInput::Messages(g, _)
            | OverviewInput::Applied(g, _)
                if g != gen => {}
            OverviewInput::Config(_, c) => {
                self.fill_pending.set(c.is_some());
                self.config = c;
            }
            OverviewInput::Autostart(_, a) => self.autostart = a,
            OverviewInput::Messages(_, m) => self.messages = m,
            OverviewInput::Tick => {}
            OverviewInput::Apply {
                memory_mib,
                vcpus,
                boot,
            } => {
                let Some(cfg) = self.config.as_ref() else {
                    return;
                };
                // Edit a copy: a failed apply leaves the fields as typed and the
                // shown configuration as it is in libvirt.
                let Ok(copy) = DomainConfig::from_xml(&cfg.to_xml()) else {
                    return;
                };
                edit_config(&copy, memory_mib, vcpus, &boot);
                self.busy = true;
                let s = sender.clone();
                relm4::spawn_local(async move {
                    let r = dom.set_config_future(&copy).await;
                    s.input(OverviewInput::Applied(
                        gen,
                        r.map_err(|e| e.message().to_owned()),
                    ));
                });
            }
            OverviewInput::Applied(_, r) => {
                self.busy = false;
                match r {
                    Ok(()) => sender.input(OverviewInput::Reload),
                    Err(e) => self.inv.report(format!(
                        "{}: {e}",
                        gettext_f("Could not change {name}", &[("name", &dom.name())])
                    )),
                }
            }
            OverviewInput::SetAutostart(on) => {
                if self.autostart == Some(on) {
                    return;
                }
                self.autostart = Some(on);
                let (s, inv) = (sender.clone(), self.inv.clone());
                relm4::spawn_local(async move {
                    crate::backend::actions::apply_autostart(&inv, &dom, on).await;
                    s.input(OverviewInput::Autostart(
                        gen,
                        dom.autostart_future().await.ok(),
                    ));
                });
            }
        }
    }

    fn update_view(&self, w: &mut OverviewWidgets, _sender: ComponentSender<Self>) {
        let Some(item) = &self.item else {
            return;
        };
        let dom = item.dom();
        w.title.set_label(&dom.name());
        w.state.set_label(&state_label(item.state()));
        let os = item.os_name();
        w.os.set_subtitle(&if os.is_empty() { tr("Unknown") } else { os });
        w.uuid.set_subtitle(&dom.uuid());
        let d = item.description();
        w.description
            .set_subtitle(&if d.is_empty() { tr("None") } else { d });
        w.description.set_visible(true);
        let up = if !item.current_state().is_active() {
            tr("Not running")
        } else if item.uptime_known() {
            item.uptime_text()
        } else {
            tr("Unknown: it was already up when the connection opened")
        };
        w.uptime.set_subtitle(&up);
        w.apply.set_sensitive(!self.busy && self.config.is_some());
        if self.fill_pending.replace(false) {
            self.fill(w);
        }
        w.autostart.set_sensitive(false);
        if let Some(a) = self.autostart {
            w.autostart.set_active(a);
            w.autostart.set_state(a);
            w.autostart.set_sensitive(true);
        }
        let tainted: Vec<&String> = self
            .messages
            .iter()
            .filter(|m| m.starts_with("tainted"))
            .collect();
        w.taint.set_reveal_child(!self.messages.is_empty());
        if !self.messages.is_empty() {
            let head = if tainted.is_empty() {
                tr("libvirt reports:")
            } else {
                tr("Tainted: this machine uses features libvirt does not support.")
            };
            w.taint_label
                .set_label(&format!("{head}\n{}", self.messages.join("\n")));
        }
    }
}

impl OverviewPage {
    /// Shows `item`: follows its signals (and drops those of the VM shown before) and
    /// reads its configuration.
    fn bind(&mut self, item: Option<VmItem>, sender: &ComponentSender<Self>) {
        if item == self.item {
            return;
        }
        for (obj, h) in self.handlers.drain(..) {
            obj.disconnect(h);
        }
        self.generation += 1;
        self.config = None;
        self.autostart = None;
        self.messages.clear();
        self.busy = false;
        self.item = item;
        if let Some(old) = self.thumb_slot.first_child() {
            self.inv.thumbnails().unwatch(&old);
            self.thumb_slot.remove(&old);
        }
        let Some(item) = &self.item else {
            return;
        };
        let item_expr = gtk::ConstantExpression::new(item).upcast();
        let thumb = crate::factories::vm_columns::thumbnail_frame(&item_expr, 240, 150);
        thumb.set_widget_name("overview-thumbnail");
        self.thumb_slot.append(&thumb);
        self.inv.thumbnails().watch(item, &thumb);
        let s = sender.clone();
        let h = item.connect_stats_serial_notify(move |_| s.input(OverviewInput::Tick));
        self.handlers.push((item.clone().upcast(), h));
        // A start or stop changes libvirt's messages (taint) and the live values.
        let s = sender.clone();
        let h = item.connect_state_notify(move |_| s.input(OverviewInput::Reload));
        self.handlers.push((item.clone().upcast(), h));
        let s = sender.clone();
        let dom = item.dom();
        let h = dom.connect_local("updated", false, move |_| {
            s.input(OverviewInput::Reload);
            None
        });
        self.handlers.push((dom.upcast(), h));
        sender.input(OverviewInput::Reload);
    }

    /// Puts the configuration's values into the edit fields (on first load only, so
    /// that nothing typed is lost).
    fn fill(&self, w: &OverviewWidgets) {
        if let Some(cfg) = &self.config {
            if let Some(m) = cfg
                .current_memory()
                .val()
                .or(cfg.memory().val())
                .and_then(|m| m.to_kib())
            {
                w.memory.set_value((m / 1024) as f64);
            }
            if let Some(v) = cfg.vcpu().val() {
                w.vcpus.set_value(f64::from(v));
            }
            let order = boot_order(cfg);
            if let Some(i) = BOOT_ORDERS.iter().position(|o| *o == order.as_slice()) {
                w.boot.set_selected(i as u32);
            }
        }
    }
}
