//! Following a domain's state: the part both consoles share.

use std::cell::RefCell;

use glib::prelude::*;
use libvirt_gobject::{Domain, DomainState};

/// Whether a domain in `state` has consoles to connect to.
pub(crate) fn is_live(state: DomainState) -> bool {
    matches!(
        state,
        DomainState::Running | DomainState::Paused | DomainState::Blocked | DomainState::Shutdown
    )
}

/// The domain a console shows, with its `notify::state` handler.
#[derive(Default)]
pub(crate) struct DomainWatch {
    domain: RefCell<Option<Domain>>,
    handler: RefCell<Option<glib::SignalHandlerId>>,
}

impl DomainWatch {
    /// The domain, if any.
    pub(crate) fn get(&self) -> Option<Domain> {
        self.domain.borrow().clone()
    }

    /// Whether the domain (if any) is live; `default` without a domain.
    pub(crate) fn is_live_or(&self, default: bool) -> bool {
        self.domain
            .borrow()
            .as_ref()
            .map(|d| is_live(d.state()))
            .unwrap_or(default)
    }

    /// Follows `domain` (or nothing), calling `on_state` on each state change.
    pub(crate) fn set(&self, domain: Option<&Domain>, on_state: impl Fn(DomainState) + 'static) {
        self.clear();
        if let Some(d) = domain {
            let h = d.connect_notify_local(Some("state"), move |d, _| on_state(d.state()));
            self.domain.replace(Some(d.clone()));
            self.handler.replace(Some(h));
        }
    }

    /// Stops following the domain.
    pub(crate) fn clear(&self) {
        if let (Some(d), Some(h)) = (self.domain.take(), self.handler.take()) {
            d.disconnect(h);
        }
    }
}
