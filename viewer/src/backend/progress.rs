//! [`Activity`]: a long action in progress (a bulk action on many VMs, a managed save)
//! as the window shows it: a line of text, how much is done, and a way to stop it.

use std::cell::{Cell, RefCell};

use glib::prelude::*;
use glib::subclass::prelude::*;

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::Activity)]
    pub struct Activity {
        /// What is happening ("Starting 120 of 1,000 machines"), translated.
        #[property(get, set)]
        pub(super) text: RefCell<String>,
        /// How much is done, 0.0 to 1.0; negative while unknown (the bar pulses).
        #[property(get, set, minimum = -1.0, maximum = 1.0, default = -1.0)]
        pub(super) fraction: Cell<f64>,
        /// The stop button's label ("Cancel", "Abort"), empty when it cannot be stopped.
        #[property(get, set)]
        pub(super) stop_label: RefCell<String>,
        /// Whether a stop was asked for (the button is then insensitive).
        #[property(get)]
        pub(super) stopping: Cell<bool>,
        /// Whether it ended (the text then says how it went).
        #[property(get)]
        pub(super) finished: Cell<bool>,
        /// Whether some of it failed (the failures were reported).
        #[property(get, set)]
        pub(super) failed: Cell<bool>,
        pub(super) on_stop: RefCell<Option<Box<dyn FnOnce()>>>,
        pub(super) details: RefCell<Vec<String>>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Activity {
        const NAME: &'static str = "VireoActivity";
        type Type = super::Activity;
    }

    #[glib::derived_properties]
    impl ObjectImpl for Activity {}
}

glib::wrapper! {
    /// A long action in progress, shown in the window while it runs and briefly after.
    pub struct Activity(ObjectSubclass<imp::Activity>);
}

impl Activity {
    /// An activity saying `text`, its progress unknown so far.
    pub fn new(text: &str) -> Self {
        glib::Object::builder()
            .property("text", text)
            .property("fraction", -1.0f64)
            .build()
    }

    /// Offers a stop button labelled `label`; pressing it runs `f` once.
    pub fn set_stop(&self, label: &str, f: impl FnOnce() + 'static) {
        self.imp().on_stop.replace(Some(Box::new(f)));
        self.set_stop_label(label);
    }

    /// Asks the action to stop (the stop button): runs the stop handler once.
    pub fn stop(&self) {
        if self.finished() || self.stopping() {
            return;
        }
        let f = self.imp().on_stop.take();
        if let Some(f) = f {
            self.imp().stopping.set(true);
            self.notify_stopping();
            f();
        }
    }

    /// What went wrong, one line per failure ("name: libvirt's message"); set before
    /// [`Activity::finish`].
    pub fn details(&self) -> Vec<String> {
        self.imp().details.borrow().clone()
    }

    /// Sets the failures' lines (see [`Activity::details`]).
    pub fn set_details(&self, lines: Vec<String>) {
        self.imp().details.replace(lines);
    }

    /// Ends the activity with the final `text`.
    pub fn finish(&self, text: &str) {
        self.imp().on_stop.take();
        self.set_text(text);
        if self.fraction() < 0.0 {
            self.set_fraction(1.0);
        }
        self.imp().finished.set(true);
        self.notify_finished();
    }
}
