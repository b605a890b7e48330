//! The "QEMU" page of a VM's details (advanced): QMP or HMP commands sent straight to
//! the QEMU monitor, with completion of command and argument names from the
//! `query-qmp-schema` model, pretty-printed replies, and QEMU's events (`qmp-event`)
//! live. A warning stays on the page, and the taint badge appears once libvirt reports
//! the machine as tainted by a monitor command.

use adw::prelude::*;
use libvirt_gobject::{Domain, DomainState, MonitorReply, QmpSchema};
use relm4::prelude::*;
use serde_json::{Map, Value};

use super::page_util;
use crate::i18n::{gettext_f, tr};

/// How many events the page keeps.
const MAX_EVENTS: usize = 500;

/// The QEMU page of one domain.
pub struct QemuPage {
    /// The domain shown.
    pub domain: Domain,
    hmp: bool,
    schema: Option<QmpSchema>,
    schema_error: Option<String>,
    busy: bool,
    handlers: Vec<glib::SignalHandlerId>,
    transcript: gtk::TextBuffer,
    events: gtk::TextBuffer,
    event_count: usize,
    /// The user started typing: reading the schema (itself a monitor command, which
    /// taints the machine) is only done from then on.
    used: bool,
}

/// Messages to the QEMU page.
#[derive(Debug)]
pub enum QemuInput {
    /// Switch between QMP (`false`) and HMP (`true`).
    Mode(bool),
    /// Send the command line as typed.
    Send(String),
    /// A reply (or libvirt's / QEMU's error) to `command`.
    Reply(String, Result<MonitorReply, String>),
    /// Read the QMP schema (when the machine runs).
    LoadSchema,
    /// The schema was read.
    Schema(Result<QmpSchema, String>),
    /// The entry's text changed: refresh the completion candidates.
    Typed(String),
    /// A QMP event arrived: (name, seconds, microseconds, details JSON).
    Event(String, i64, u32, String),
    /// The state or the messages of the domain changed.
    DomainChanged,
}

/// The QEMU page's widgets.
pub struct QemuWidgets {
    entry: gtk::Entry,
    send: gtk::Button,
    completions: gtk::ListStore,
    taint: gtk::Revealer,
    taint_label: gtk::Label,
    status: gtk::Label,
    events_title: gtk::Label,
    transcript_view: gtk::TextView,
}

/// Turns the command line into QMP JSON: JSON as typed (`{"execute": …}`) is sent
/// unchanged; `command key=value …` becomes `{"execute":"command","arguments":{…}}`,
/// each value read as JSON when it parses (`true`, `5`, `"x"`, `{…}`) and as a string
/// otherwise.
///
/// # Errors
///
/// An empty line, or an argument without `=`.
pub fn qmp_json(line: &str) -> Result<String, String> {
    let line = line.trim();
    if line.starts_with('{') {
        return serde_json::from_str::<Value>(line)
            .map(|_| line.to_owned())
            .map_err(|e| format!("{}: {e}", tr("Not valid JSON")));
    }
    let mut words = line.split_whitespace();
    let cmd = words.next().ok_or_else(|| tr("Type a command"))?;
    let mut args = Map::new();
    for w in words {
        let (k, v) = w
            .split_once('=')
            .ok_or_else(|| gettext_f("Arguments are written name=value: {word}", &[("word", w)]))?;
        let val = serde_json::from_str::<Value>(v).unwrap_or_else(|_| Value::String(v.into()));
        args.insert(k.to_owned(), val);
    }
    let mut obj = Map::new();
    obj.insert("execute".into(), Value::String(cmd.into()));
    if !args.is_empty() {
        obj.insert("arguments".into(), Value::Object(args));
    }
    Ok(Value::Object(obj).to_string())
}

/// The completions of the command line `text` from the schema: command names for the
/// first word, then `name=` for the command's arguments not given yet. Each candidate is
/// the whole line, so the entry's prefix matching works on it.
pub fn completions(schema: &QmpSchema, text: &str) -> Vec<String> {
    if text.trim_start().starts_with('{') {
        return Vec::new();
    }
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let ends_with_space = text.ends_with(char::is_whitespace);
    if words.len() <= 1 && !ends_with_space {
        let prefix = words.first().copied().unwrap_or("");
        return schema
            .commands()
            .into_iter()
            .filter(|c| c.starts_with(prefix))
            .collect();
    }
    let cmd = words[0].to_owned();
    let current = if ends_with_space {
        ""
    } else {
        words.pop().unwrap_or("")
    };
    if current.contains('=') {
        return Vec::new();
    }
    let given: Vec<&str> = words[1..]
        .iter()
        .filter_map(|w| w.split_once('=').map(|(k, _)| k))
        .collect();
    let head = words.join(" ");
    schema
        .arguments(&cmd)
        .into_iter()
        .filter(|a| a.starts_with(current) && !given.contains(&a.as_str()))
        .map(|a| format!("{head} {a}="))
        .collect()
}

/// A reply as shown: QMP JSON pretty-printed, HMP text as it is.
pub fn pretty(reply: &MonitorReply) -> String {
    match reply {
        MonitorReply::Json(v) => serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string()),
        MonitorReply::Text(t) => t.trim_end().to_owned(),
    }
}

fn append(buf: &gtk::TextBuffer, text: &str, tag: Option<&str>) {
    let mut end = buf.end_iter();
    match tag {
        Some(t) => buf.insert_with_tags_by_name(&mut end, text, &[t]),
        None => buf.insert(&mut end, text),
    }
}

fn text_view(buf: &gtk::TextBuffer, name: &str, label: &str) -> gtk::TextView {
    let v = gtk::TextView::with_buffer(buf);
    v.set_editable(false);
    v.set_monospace(true);
    v.set_wrap_mode(gtk::WrapMode::WordChar);
    v.set_left_margin(8);
    v.set_right_margin(8);
    v.set_top_margin(6);
    v.set_bottom_margin(6);
    v.set_widget_name(name);
    v.update_property(&[gtk::accessible::Property::Label(label)]);
    v
}

fn is_running(d: &Domain) -> bool {
    matches!(
        d.state(),
        DomainState::Running | DomainState::Paused | DomainState::Blocked
    )
}

impl SimpleComponent for QemuPage {
    type Init = Domain;
    type Input = QemuInput;
    type Output = ();
    type Root = gtk::Box;
    type Widgets = QemuWidgets;

    fn init_root() -> gtk::Box {
        gtk::Box::new(gtk::Orientation::Vertical, 8)
    }

    fn init(domain: Domain, root: gtk::Box, sender: ComponentSender<Self>) -> ComponentParts<Self> {
        root.set_widget_name("qemu-page");
        root.set_margin_top(12);
        root.set_margin_bottom(12);
        root.set_margin_start(12);
        root.set_margin_end(12);

        // The persistent warning.
        let warn = gtk::Box::new(gtk::Orientation::Horizontal, 8);
        warn.add_css_class("card");
        warn.add_css_class("taint-badge");
        let wicon = gtk::Image::from_icon_name("dialog-warning-symbolic");
        wicon.set_margin_start(12);
        let wlabel = gtk::Label::builder()
            .label(tr("Advanced: these commands go straight to QEMU, behind libvirt's back. They can change the machine in ways libvirt does not know about, and libvirt marks the machine as tainted once one is sent."))
            .wrap(true)
            .xalign(0.0)
            .margin_top(8)
            .margin_bottom(8)
            .margin_end(12)
            .build();
        wlabel.set_widget_name("qemu-warning");
        wlabel.set_hexpand(true);
        warn.append(&wicon);
        warn.append(&wlabel);
        root.append(&warn);

        // The taint badge (once libvirt reports it).
        let taint_label = gtk::Label::builder()
            .xalign(0.0)
            .wrap(true)
            .margin_top(6)
            .margin_bottom(6)
            .margin_end(12)
            .build();
        taint_label.set_widget_name("qemu-taint-label");
        taint_label.set_hexpand(true);
        let tb = gtk::Box::new(gtk::Orientation::Horizontal, 8);
        tb.add_css_class("card");
        tb.add_css_class("taint-badge");
        let ticon = gtk::Image::from_icon_name("security-low-symbolic");
        ticon.set_margin_start(12);
        let tchip = gtk::Label::new(Some(&tr("Tainted")));
        tchip.add_css_class("tag-chip");
        tchip.set_valign(gtk::Align::Center);
        tb.append(&ticon);
        tb.append(&tchip);
        tb.append(&taint_label);
        let taint = gtk::Revealer::builder().child(&tb).build();
        taint.set_widget_name("qemu-taint-badge");
        root.append(&taint);

        // The command line.
        let mode = gtk::DropDown::from_strings(&["QMP", "HMP"]);
        mode.set_widget_name("qemu-mode");
        mode.update_property(&[gtk::accessible::Property::Label(&tr("Monitor protocol"))]);
        let entry = gtk::Entry::builder()
            .hexpand(true)
            .placeholder_text(tr("query-status, or {\"execute\": …}"))
            .build();
        entry.set_widget_name("qemu-command");
        entry.update_property(&[gtk::accessible::Property::Label(&tr("Monitor command"))]);
        let completions = gtk::ListStore::new(&[String::static_type()]);
        #[allow(deprecated)]
        {
            let completion = gtk::EntryCompletion::new();
            completion.set_model(Some(&completions));
            completion.set_text_column(0);
            completion.set_minimum_key_length(0);
            completion.set_popup_single_match(true);
            completion.set_inline_completion(false);
            entry.set_completion(Some(&completion));
        }
        let send = gtk::Button::with_label(&tr("Send"));
        send.set_widget_name("qemu-send");
        send.add_css_class("suggested-action");
        let line = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        line.append(&mode);
        line.append(&entry);
        line.append(&send);
        root.append(&line);
        let status = gtk::Label::builder().xalign(0.0).wrap(true).build();
        status.add_css_class("dim-label");
        status.add_css_class("caption");
        status.set_widget_name("qemu-status");
        root.append(&status);

        // Replies and events.
        let transcript = gtk::TextBuffer::new(None);
        transcript.create_tag(Some("cmd"), &[("weight", &700i32)]);
        transcript.create_tag(Some("err"), &[("foreground", &"#c01c28")]);
        let transcript_view = text_view(&transcript, "qemu-transcript", &tr("Replies"));
        let events = gtk::TextBuffer::new(None);
        events.create_tag(Some("cmd"), &[("weight", &700i32)]);
        let events_view = text_view(&events, "qemu-events", &tr("QEMU events"));
        let pane = gtk::Paned::new(gtk::Orientation::Vertical);
        pane.set_vexpand(true);
        let frame = |title: &gtk::Label, v: &gtk::TextView| {
            let b = gtk::Box::new(gtk::Orientation::Vertical, 4);
            title.set_xalign(0.0);
            title.add_css_class("heading");
            b.append(title);
            let sw = gtk::ScrolledWindow::builder()
                .child(v)
                .vexpand(true)
                .min_content_height(80)
                .build();
            sw.add_css_class("card");
            b.append(&sw);
            b
        };
        let replies_title = gtk::Label::new(Some(&tr("Replies")));
        let events_title = gtk::Label::new(Some(&tr("Events")));
        pane.set_start_child(Some(&frame(&replies_title, &transcript_view)));
        pane.set_end_child(Some(&frame(&events_title, &events_view)));
        pane.set_resize_start_child(true);
        pane.set_position(260);
        root.append(&pane);

        let s = sender.clone();
        mode.connect_selected_notify(move |m| {
            page_util::send(&s, QemuInput::Mode(m.selected() == 1))
        });
        let s = sender.clone();
        entry.connect_activate(move |e| page_util::send(&s, QemuInput::Send(e.text().to_string())));
        let (s, e) = (sender.clone(), entry.clone());
        send.connect_clicked(move |_| page_util::send(&s, QemuInput::Send(e.text().to_string())));
        let s = sender.clone();
        entry.connect_changed(move |e| page_util::send(&s, QemuInput::Typed(e.text().to_string())));

        let s = sender.clone();
        let h1 = domain.connect_qmp_event(move |_, ev, secs, us, details| {
            page_util::send(
                &s,
                QemuInput::Event(ev.to_owned(), secs, us, details.to_owned()),
            );
        });
        let s = sender.clone();
        let h2 = domain.connect_notify_local(Some("state"), move |_, _| {
            page_util::send(&s, QemuInput::DomainChanged);
        });
        let s = sender.clone();
        let h3 = domain.connect_notify_local(Some("messages"), move |_, _| {
            page_util::send(&s, QemuInput::DomainChanged);
        });
        // The badge shows what libvirt already reports (an earlier session's commands).
        let fut = domain.refresh_messages_future();
        relm4::spawn_local(async move {
            let _ = fut.await;
        });

        let model = QemuPage {
            domain,
            hmp: false,
            schema: None,
            schema_error: None,
            busy: false,
            handlers: vec![h1, h2, h3],
            transcript,
            events,
            event_count: 0,
            used: false,
        };
        let widgets = QemuWidgets {
            entry,
            send,
            completions,
            taint,
            taint_label,
            status,
            events_title,
            transcript_view,
        };
        ComponentParts { model, widgets }
    }

    fn update(&mut self, msg: QemuInput, sender: ComponentSender<Self>) {
        match msg {
            QemuInput::Mode(hmp) => self.hmp = hmp,
            QemuInput::LoadSchema => {
                if !self.used || self.schema.is_some() || !is_running(&self.domain) {
                    return;
                }
                let fut = self.domain.qmp_schema_future();
                relm4::spawn_local(async move {
                    page_util::send(
                        &sender,
                        QemuInput::Schema(fut.await.map_err(|e| e.message().to_owned())),
                    );
                });
            }
            QemuInput::Schema(r) => match r {
                Ok(s) => {
                    self.schema = Some(s);
                    self.schema_error = None;
                }
                Err(e) => self.schema_error = Some(e),
            },
            QemuInput::Typed(text) => {
                if !self.used && !text.is_empty() {
                    self.used = true;
                    page_util::send(&sender, QemuInput::LoadSchema);
                }
            }
            QemuInput::Send(line) => {
                if self.busy || line.trim().is_empty() {
                    return;
                }
                let cmd = if self.hmp {
                    Ok(line.trim().to_owned())
                } else {
                    qmp_json(&line)
                };
                let shown = format!(
                    "{} {}\n",
                    if self.hmp { "(hmp)" } else { "(qmp)" },
                    line.trim()
                );
                append(&self.transcript, &shown, Some("cmd"));
                match cmd {
                    Ok(cmd) => {
                        self.busy = true;
                        let fut = self.domain.qemu_monitor_command_future(&cmd, self.hmp);
                        relm4::spawn_local(async move {
                            let r = fut.await.map_err(|e| e.message().to_owned());
                            page_util::send(&sender, QemuInput::Reply(line, r));
                        });
                    }
                    Err(e) => append(&self.transcript, &format!("{e}\n\n"), Some("err")),
                }
            }
            QemuInput::Reply(_line, r) => {
                self.busy = false;
                match r {
                    Ok(reply) => append(&self.transcript, &format!("{}\n\n", pretty(&reply)), None),
                    Err(e) => append(&self.transcript, &format!("{e}\n\n"), Some("err")),
                }
            }
            QemuInput::Event(ev, secs, us, details) => {
                let when = glib::DateTime::from_unix_local(secs)
                    .and_then(|d| d.format("%H:%M:%S"))
                    .map(|s| format!("{s}.{:03}", us / 1000))
                    .unwrap_or_default();
                let body = serde_json::from_str::<Value>(&details)
                    .ok()
                    .filter(|v| !v.is_null())
                    .map(|v| v.to_string())
                    .unwrap_or_default();
                append(&self.events, &format!("{when} {ev}"), Some("cmd"));
                append(&self.events, &format!(" {body}\n"), None);
                self.event_count += 1;
                if self.event_count > MAX_EVENTS {
                    let mut a = self.events.start_iter();
                    let mut b = a;
                    b.forward_line();
                    self.events.delete(&mut a, &mut b);
                    self.event_count -= 1;
                }
            }
            QemuInput::DomainChanged => {
                if is_running(&self.domain) && self.schema.is_none() {
                    page_util::send(&sender, QemuInput::LoadSchema);
                }
            }
        }
    }

    fn update_view(&self, w: &mut QemuWidgets, _sender: ComponentSender<Self>) {
        let running = is_running(&self.domain);
        w.send.set_sensitive(running && !self.busy);
        w.entry.set_sensitive(running);
        w.status.set_label(&if !running {
            tr("The machine is not running: QEMU's monitor is only there while it runs.")
        } else if self.hmp {
            tr("HMP: human monitor commands such as \"info status\"; no completion.")
        } else if let Some(s) = &self.schema {
            gettext_f(
                "QMP: {n} commands in this QEMU's schema; completion offers commands, then name= for their arguments.",
                &[("n", &s.commands().len().to_string())],
            )
        } else if !self.used {
            tr("QMP: completion reads this QEMU's command schema once you start typing.")
        } else if let Some(e) = &self.schema_error {
            gettext_f("No completion: the QMP schema could not be read ({error})", &[("error", e)])
        } else {
            tr("Reading QEMU's QMP schema…")
        });
        // Completion candidates for what is typed now.
        w.completions.clear();
        if let (false, Some(s)) = (self.hmp, &self.schema) {
            for c in completions(s, &w.entry.text()).into_iter().take(200) {
                w.completions.set(&w.completions.append(), &[(0, &c)]);
            }
        }
        let messages = self.domain.messages();
        w.taint.set_reveal_child(self.domain.tainted());
        w.taint_label.set_label(&messages.join("\n"));
        w.events_title.set_label(&if self.event_count == 0 {
            tr("Events (live)")
        } else {
            gettext_f(
                "Events (live, {n})",
                &[("n", &self.event_count.to_string())],
            )
        });
        let end = self.transcript.end_iter();
        let mark = self.transcript.create_mark(None, &end, false);
        w.transcript_view.scroll_mark_onscreen(&mark);
        self.transcript.delete_mark(&mark);
    }

    fn shutdown(&mut self, _widgets: &mut QemuWidgets, _output: relm4::Sender<()>) {
        for h in self.handlers.drain(..) {
            self.domain.disconnect(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_become_qmp_json() {
        assert_eq!(
            qmp_json("query-status").as_deref(),
            Ok(r#"{"execute":"query-status"}"#)
        );
        let v: Value =
            serde_json::from_str(&qmp_json("block_resize device=drive0 size=1024").expect("valid"))
                .expect("json");
        assert_eq!(v["arguments"]["device"], "drive0");
        assert_eq!(v["arguments"]["size"], 1024);
        assert!(qmp_json("cmd novalue").is_err());
        assert!(qmp_json("{\"execute\":").is_err());
        assert_eq!(
            qmp_json(" {\"execute\":\"x\"} ").as_deref(),
            Ok("{\"execute\":\"x\"}")
        );
    }

    #[test]
    fn completion_offers_commands_then_arguments() {
        let schema = QmpSchema::from_json(&serde_json::json!([
            {"name": "query-status", "meta-type": "command", "arg-type": "0", "ret-type": "1"},
            {"name": "query-cpus-fast", "meta-type": "command", "arg-type": "0", "ret-type": "1"},
            {"name": "block_resize", "meta-type": "command", "arg-type": "2", "ret-type": "0"},
            {"name": "0", "meta-type": "object", "members": []},
            {"name": "1", "meta-type": "object", "members": []},
            {"name": "2", "meta-type": "object", "members": [
                {"name": "device", "type": "str"}, {"name": "size", "type": "int"}]},
        ]))
        .expect("schema");
        assert_eq!(completions(&schema, "query-s"), ["query-status"]);
        assert_eq!(
            completions(&schema, "block_resize "),
            ["block_resize device=", "block_resize size="]
        );
        assert_eq!(
            completions(&schema, "block_resize device=x s"),
            ["block_resize device=x size="]
        );
        assert!(completions(&schema, "{\"execute\"").is_empty());
    }
}
