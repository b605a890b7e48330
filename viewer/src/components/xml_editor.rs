//! The "XML" page of a VM's details: the persistent definition in a GtkSourceView 5
//! editor (XML highlighting, line numbers, style scheme following dark/light). The text
//! is checked for well-formedness as you type (gconfig's parser: the error's line is
//! marked and its message shown); Apply defines it with libvirt's schema validation and
//! shows libvirt's error in place, keeping the edited text; Revert reloads it.

use adw::prelude::*;
use libvirt_gobject::Domain;
use relm4::prelude::*;
use sourceview5::prelude::*;

use super::page_util;
use crate::i18n::{gettext_f, tr};

/// The gutter mark category of the line with the well-formedness error.
const ERROR_CATEGORY: &str = "vireo-xml-error";

/// The XML page of one domain.
pub struct XmlEditorPage {
    /// The domain shown.
    pub domain: Domain,
    buffer: sourceview5::Buffer,
    /// The text as last read from libvirt (what Revert restores).
    loaded: String,
    /// The buffer differs from `loaded`.
    dirty: bool,
    /// The well-formedness error of the buffer: (line, message).
    syntax: Option<(Option<i32>, String)>,
    /// libvirt's error from the last Apply.
    apply_error: Option<String>,
    /// A read or define is running.
    busy: bool,
    /// Set while the page itself replaces the buffer (not a user edit).
    loading: std::rc::Rc<std::cell::Cell<bool>>,
    style_handler: Option<glib::SignalHandlerId>,
    updated_handler: Option<glib::SignalHandlerId>,
    status: String,
    /// Counts the user's edits (in the buffer's handler, so it is exact even while
    /// the `Edited` messages are still queued).
    edits: std::rc::Rc<std::cell::Cell<u64>>,
}

/// Messages to the XML page.
#[derive(Debug)]
pub enum XmlEditorInput {
    /// Read the definition from libvirt (keeps the edits unless `force`).
    Load {
        /// Replace the buffer even when it has edits (Revert).
        force: bool,
    },
    /// The definition was read: the text, whether to replace edits, and the edit count
    /// when it was asked for (edits made meanwhile are never overwritten).
    Loaded(Result<String, String>, bool, u64),
    /// The user edited the text.
    Edited,
    /// Define the edited text (validated by libvirt).
    Apply,
    /// The define finished.
    Applied(Result<(), String>),
}

/// The XML page's widgets.
pub struct XmlEditorWidgets {
    view: sourceview5::View,
    status: gtk::Label,
    error_revealer: gtk::Revealer,
    error_label: gtk::Label,
    apply: gtk::Button,
    revert: gtk::Button,
}

/// The 0-based line of byte `pos` in `text` (clamped to the text).
pub fn line_of_byte(text: &str, pos: usize) -> i32 {
    let end = pos.min(text.len());
    let n = text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Checks that `text` is a well-formed domain document: `None` when it is, else the
/// 0-based line of the error (when the parser gives a position) and the message.
pub fn check_domain_xml(text: &str) -> Option<(Option<i32>, String)> {
    match libvirt_gconfig::Domain::from_xml(text) {
        Ok(_) => None,
        Err(e) => Some((e.position().map(|p| line_of_byte(text, p)), e.to_string())),
    }
}

fn apply_scheme(buffer: &sourceview5::Buffer, dark: bool) {
    let id = if dark { "Adwaita-dark" } else { "Adwaita" };
    let mgr = sourceview5::StyleSchemeManager::default();
    if let Some(s) = mgr.scheme(id).or_else(|| mgr.scheme("classic")) {
        buffer.set_style_scheme(Some(&s));
    }
}

impl XmlEditorPage {
    fn text(&self) -> String {
        let (a, b) = self.buffer.bounds();
        self.buffer.text(&a, &b, true).to_string()
    }

    fn set_text(&self, text: &str) {
        self.loading.set(true);
        self.buffer.begin_irreversible_action();
        self.buffer.set_text(text);
        self.buffer.end_irreversible_action();
        self.buffer.place_cursor(&self.buffer.start_iter());
        self.loading.set(false);
    }

    fn mark_error_line(&self) {
        let (a, b) = self.buffer.bounds();
        self.buffer
            .remove_source_marks(&a, &b, Some(ERROR_CATEGORY));
        self.buffer.remove_tag_by_name("error-line", &a, &b);
        if let Some((Some(line), _)) = &self.syntax {
            if let Some(start) = self.buffer.iter_at_line(*line) {
                let mut end = start;
                end.forward_to_line_end();
                self.buffer.apply_tag_by_name("error-line", &start, &end);
                self.buffer.create_source_mark(None, ERROR_CATEGORY, &start);
            }
        }
    }
}

impl SimpleComponent for XmlEditorPage {
    type Init = Domain;
    type Input = XmlEditorInput;
    type Output = ();
    type Root = gtk::Box;
    type Widgets = XmlEditorWidgets;

    fn init_root() -> gtk::Box {
        gtk::Box::new(gtk::Orientation::Vertical, 0)
    }

    fn init(domain: Domain, root: gtk::Box, sender: ComponentSender<Self>) -> ComponentParts<Self> {
        sourceview5::init();
        root.set_widget_name("xml-page");

        // Tool bar: status on the left, Revert and Apply on the right.
        let bar = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        bar.set_margin_top(6);
        bar.set_margin_bottom(6);
        bar.set_margin_start(12);
        bar.set_margin_end(12);
        // Wrapped, not ellipsized: the narrow details pane cut "Definition as
        // stored by libvirt" after three words.
        let status = gtk::Label::builder()
            .xalign(0.0)
            .hexpand(true)
            .wrap(true)
            .wrap_mode(gtk::pango::WrapMode::WordChar)
            .build();
        status.set_widget_name("xml-status");
        status.add_css_class("dim-label");
        let revert = gtk::Button::with_label(&tr("Revert"));
        revert.set_widget_name("xml-revert");
        revert.set_tooltip_text(Some(&tr("Discard the edits and reload the definition")));
        let apply = gtk::Button::with_label(&tr("Apply"));
        apply.set_widget_name("xml-apply");
        apply.add_css_class("suggested-action");
        apply.set_tooltip_text(Some(&tr(
            "Define the machine from this XML (libvirt validates it first)",
        )));
        bar.append(&status);
        bar.append(&revert);
        bar.append(&apply);
        root.append(&bar);

        // The error, in place, above the text.
        let error_label = gtk::Label::builder()
            .xalign(0.0)
            .wrap(true)
            .wrap_mode(gtk::pango::WrapMode::WordChar)
            .selectable(true)
            .hexpand(true)
            .build();
        error_label.set_widget_name("xml-error");
        let error_box = gtk::Box::new(gtk::Orientation::Horizontal, 8);
        error_box.add_css_class("page-error");
        error_box.set_margin_start(12);
        error_box.set_margin_end(12);
        error_box.set_margin_bottom(6);
        let icon = gtk::Image::from_icon_name("dialog-error-symbolic");
        icon.add_css_class("error");
        icon.set_valign(gtk::Align::Start);
        error_box.append(&icon);
        error_box.append(&error_label);
        let error_revealer = gtk::Revealer::builder().child(&error_box).build();
        root.append(&error_revealer);
        root.append(&gtk::Separator::new(gtk::Orientation::Horizontal));

        // The editor.
        let buffer = sourceview5::Buffer::new(None);
        if let Some(lang) = sourceview5::LanguageManager::default().language("xml") {
            buffer.set_language(Some(&lang));
        }
        buffer.set_highlight_syntax(true);
        buffer.set_highlight_matching_brackets(true);
        let tag = gtk::TextTag::builder()
            .name("error-line")
            .underline(gtk::pango::Underline::Error)
            .build();
        buffer.tag_table().add(&tag);
        let style = adw::StyleManager::default();
        apply_scheme(&buffer, style.is_dark());
        let weak = buffer.downgrade();
        let style_handler = style.connect_dark_notify(move |sm| {
            if let Some(b) = weak.upgrade() {
                apply_scheme(&b, sm.is_dark());
            }
        });
        let view = sourceview5::View::with_buffer(&buffer);
        view.set_widget_name("xml-view");
        view.set_show_line_numbers(true);
        view.set_show_line_marks(true);
        view.set_highlight_current_line(true);
        view.set_monospace(true);
        view.set_tab_width(2);
        view.set_indent_width(2);
        view.set_insert_spaces_instead_of_tabs(true);
        view.set_auto_indent(true);
        view.set_left_margin(6);
        view.set_top_margin(6);
        view.set_bottom_margin(6);
        view.upcast_ref::<gtk::Widget>()
            .update_property(&[gtk::accessible::Property::Label(&tr("Domain XML"))]);
        let attrs = sourceview5::MarkAttributes::new();
        attrs.set_icon_name("dialog-error-symbolic");
        view.set_mark_attributes(ERROR_CATEGORY, &attrs, 10);
        let scroll = gtk::ScrolledWindow::builder()
            .child(&view)
            .vexpand(true)
            .hexpand(true)
            .build();
        root.append(&scroll);

        let loading = std::rc::Rc::new(std::cell::Cell::new(false));
        let edits = std::rc::Rc::new(std::cell::Cell::new(0u64));
        let (s, l, e) = (sender.clone(), loading.clone(), edits.clone());
        buffer.connect_changed(move |_| {
            if !l.get() {
                e.set(e.get() + 1);
                page_util::send(&s, XmlEditorInput::Edited);
            }
        });
        let s = sender.clone();
        apply.connect_clicked(move |_| page_util::send(&s, XmlEditorInput::Apply));
        let s = sender.clone();
        revert.connect_clicked(move |_| page_util::send(&s, XmlEditorInput::Load { force: true }));
        // Another client (or another page) changed the definition: reload unless edited.
        let s = sender.clone();
        let updated_handler = domain.connect_local("updated", false, move |_| {
            page_util::send(&s, XmlEditorInput::Load { force: false });
            None
        });
        page_util::send(&sender, XmlEditorInput::Load { force: true });

        let model = XmlEditorPage {
            domain,
            buffer,
            loaded: String::new(),
            dirty: false,
            syntax: None,
            apply_error: None,
            busy: true,
            loading,
            style_handler: Some(style_handler),
            updated_handler: Some(updated_handler),
            status: tr("Loading…"),
            edits,
        };
        let widgets = XmlEditorWidgets {
            view,
            status,
            error_revealer,
            error_label,
            apply,
            revert,
        };
        ComponentParts { model, widgets }
    }

    fn update(&mut self, msg: XmlEditorInput, sender: ComponentSender<Self>) {
        match msg {
            XmlEditorInput::Load { force } => {
                if self.dirty && !force {
                    return;
                }
                self.busy = true;
                let fut = self
                    .domain
                    .xml_future(libvirt_gobject::flags::DomainXMLFlags::Inactive as u32);
                let edits = self.edits.get();
                relm4::spawn_local(async move {
                    let r = fut.await.map_err(|e| e.message().to_owned());
                    page_util::send(&sender, XmlEditorInput::Loaded(r, force, edits));
                });
            }
            XmlEditorInput::Loaded(r, force, edits) => {
                self.busy = false;
                match r {
                    Ok(xml) => {
                        // Never overwrite edits made since the read was asked for (their
                        // `Edited` messages may still be queued: look at the text).
                        let unedited = self.text() == self.loaded;
                        if (force && edits == self.edits.get()) || unedited {
                            self.set_text(&xml);
                            self.dirty = false;
                            self.syntax = check_domain_xml(&xml);
                            self.apply_error = None;
                            self.status = tr("Definition as stored by libvirt");
                            self.mark_error_line();
                        }
                        self.loaded = xml;
                    }
                    Err(e) => {
                        self.apply_error = Some(format!("{}: {e}", tr("Could not read the XML")));
                    }
                }
            }
            XmlEditorInput::Edited => {
                let text = self.text();
                self.dirty = text != self.loaded;
                self.syntax = check_domain_xml(&text);
                self.status = if self.dirty {
                    tr("Edited, not applied")
                } else {
                    tr("Definition as stored by libvirt")
                };
                self.mark_error_line();
            }
            XmlEditorInput::Apply => {
                if self.busy || self.syntax.is_some() {
                    return;
                }
                self.busy = true;
                self.status = tr("Applying…");
                let fut = self.domain.define_xml_future(&self.text(), true);
                relm4::spawn_local(async move {
                    let r = fut.await.map_err(|e| e.message().to_owned());
                    page_util::send(&sender, XmlEditorInput::Applied(r));
                });
            }
            XmlEditorInput::Applied(r) => {
                self.busy = false;
                match r {
                    Ok(()) => {
                        self.apply_error = None;
                        self.dirty = false;
                        page_util::send(&sender, XmlEditorInput::Load { force: true });
                        self.status = tr("Applied");
                    }
                    Err(e) => {
                        // The edited text stays as typed.
                        self.status = tr("Not applied: libvirt refused the definition");
                        self.apply_error = Some(e);
                    }
                }
            }
        }
    }

    fn update_view(&self, w: &mut XmlEditorWidgets, _sender: ComponentSender<Self>) {
        let message = match (&self.syntax, &self.apply_error) {
            (Some((Some(line), m)), _) => Some(gettext_f(
                "Not well-formed (line {line}): {message}",
                &[("line", &(line + 1).to_string()), ("message", m)],
            )),
            (Some((None, m)), _) => Some(gettext_f(
                "Not a domain definition: {message}",
                &[("message", m)],
            )),
            (None, Some(e)) => Some(gettext_f(
                "libvirt refused the definition: {message}",
                &[("message", e)],
            )),
            (None, None) => None,
        };
        w.error_revealer.set_reveal_child(message.is_some());
        w.error_label.set_label(message.as_deref().unwrap_or(""));
        w.status.set_label(&self.status);
        w.apply
            .set_sensitive(!self.busy && self.dirty && self.syntax.is_none());
        w.revert
            .set_sensitive(!self.busy && (self.dirty || self.apply_error.is_some()));
        w.view.set_editable(true);
    }

    fn shutdown(&mut self, _widgets: &mut XmlEditorWidgets, _output: relm4::Sender<()>) {
        if let Some(h) = self.style_handler.take() {
            adw::StyleManager::default().disconnect(h);
        }
        if let Some(h) = self.updated_handler.take() {
            self.domain.disconnect(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_line_comes_from_the_parser_position() {
        assert_eq!(line_of_byte("a\nb\nc", 0), 0);
        assert_eq!(line_of_byte("a\nb\nc", 2), 1);
        assert_eq!(line_of_byte("a\nb\nc", 99), 2);
        let bad = "<domain type='test'>\n  <name>x</name>\n  <memory>1</mem>\n</domain>";
        let (line, msg) = check_domain_xml(bad).expect("malformed");
        assert_eq!(line, Some(2), "{msg}");
        assert!(check_domain_xml("<domain type='test'><name>x</name></domain>").is_none());
        assert!(check_domain_xml("<network/>").is_some());
    }
}
