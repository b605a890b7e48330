//! The app driven through its UI code on the bundled demo host (libvirt's test
//! driver, in-process): list, live state, actions, search and filter, bulk start,
//! tags in `<metadata>`, and screenshots in light and dark.

mod common;

use adw::prelude::*;
use common::*;
use libvirt_gobject::DomainState;
use relm4::ComponentController;

fn uri_of(p: &std::path::Path) -> String {
    format!("test://{}", p.display())
}

#[gtk::test]
fn list_shows_every_domain_with_its_state() {
    let node = demo_node("list");
    let expected = node_states(&node);
    assert_eq!(expected.len(), 12);
    let app = launch(&uri_of(&node));
    wait_loaded(&app, expected.len());
    let rows = shown(&app);
    for (name, state) in &expected {
        let r = rows
            .iter()
            .find(|r| r.dom().name() == *name)
            .unwrap_or_else(|| panic!("{name} is not listed"));
        assert_eq!(r.state(), *state, "{name}");
    }
    // Sorted by name.
    let names: Vec<String> = rows.iter().map(|r| r.dom().name()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    // OS names come from the libosinfo metadata through osinfo-db.
    wait_until(10, "OS names", || {
        row(&app, "web-frontend").os_name() == "Debian 11"
    });
    dark(false);
    screenshot(app.widget(), "main-window-light");
    dark(true);
    screenshot(app.widget(), "main-window-dark");
    dark(false);
    app.widget().close();
}

#[gtk::test]
fn start_pause_resume_stop_change_the_row() {
    let node = demo_node("lifecycle");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let r = row(&app, "ci-runner-2");
    assert_eq!(r.state(), DomainState::Shutoff);
    select(&app, &["ci-runner-2"]);
    activate(&app, "start", None);
    wait_until(10, "running", || r.state() == DomainState::Running);
    settle(50);
    activate(&app, "pause", None);
    wait_until(10, "paused", || r.state() == DomainState::Paused);
    settle(50);
    activate(&app, "resume", None);
    wait_until(10, "resumed", || r.state() == DomainState::Running);
    settle(50);
    activate(&app, "force-off", None);
    wait_until(10, "shut off", || r.state() == DomainState::Shutoff);
    // The details pane shows the selected VM.
    let title = app.model().details().model().item().map(|i| i.dom().name());
    assert_eq!(title.as_deref(), Some("ci-runner-2"));
    app.widget().close();
}
