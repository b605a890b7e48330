//! `vireo`: the Vireo VM manager.

use tracing_subscriber::EnvFilter;

fn main() -> glib::ExitCode {
    // Before any thread starts: it sets environment variables.
    viewer::render::choose_renderer();
    let debug = std::env::var("G_MESSAGES_DEBUG")
        .map(|v| v.split(' ').any(|d| d == "all" || d == "vireo"))
        .unwrap_or(false);
    let default = if debug {
        "viewer=debug,libvirt_gobject=debug,warn"
    } else {
        "viewer=info,warn"
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();

    let args: Vec<String> = std::env::args().skip(1).collect();
    match viewer::parse_args(&args) {
        Ok(init) => viewer::run(init),
        Err(e) => {
            if !e.is_empty() {
                eprintln!("vireo: {e}");
            }
            eprintln!("{}", viewer::USAGE);
            if e.is_empty() {
                glib::ExitCode::SUCCESS
            } else {
                glib::ExitCode::from(2)
            }
        }
    }
}
