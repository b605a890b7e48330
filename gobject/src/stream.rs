//! [`Stream`] (`GVirStream`): a libvirt stream as a [`gio::IOStream`].
//!
//! Reads and writes are blocking `virStreamRecv` / `virStreamSend` calls; GIO runs the
//! `_async` variants (`read_future`, `write_all_future`, ...) in its worker threads, so
//! the main context never blocks.

use std::sync::{Arc, Mutex, OnceLock};

use gio::prelude::*;
use gio::subclass::prelude::*;

/// The shared libvirt stream (`None` once closed).
type Shared = Arc<Mutex<Option<virt::stream::Stream>>>;

fn clone_stream(s: &OnceLock<Shared>) -> Result<virt::stream::Stream, glib::Error> {
    let closed = || glib::Error::new(gio::IOErrorEnum::Closed, "the stream is closed");
    let shared = s.get().ok_or_else(closed)?;
    let guard = shared.lock().map_err(|_| closed())?;
    guard.as_ref().cloned().ok_or_else(closed)
}

fn io_error(e: virt::error::Error, what: &'static str) -> glib::Error {
    libvirt_glib::Error::from_virt(&e, what).to_glib()
}

mod input_imp {
    use super::*;

    #[derive(Default)]
    pub struct StreamInput {
        pub(super) stream: OnceLock<Shared>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for StreamInput {
        const NAME: &'static str = "GVirInputStream";
        type Type = super::StreamInput;
        type ParentType = gio::InputStream;
    }

    impl ObjectImpl for StreamInput {}

    impl InputStreamImpl for StreamInput {
        fn read(
            &self,
            buffer: &mut [u8],
            _c: Option<&gio::Cancellable>,
        ) -> Result<usize, glib::Error> {
            let st = clone_stream(&self.stream)?;
            match st.recv(buffer) {
                Ok(n) if n >= 0 => Ok(n as usize),
                Ok(_) => Err(glib::Error::new(
                    gio::IOErrorEnum::WouldBlock,
                    "no data available",
                )),
                Err(e) => Err(io_error(e, "reading from the stream")),
            }
        }

        fn close(&self, _c: Option<&gio::Cancellable>) -> Result<(), glib::Error> {
            Ok(())
        }
    }
}

glib::wrapper! {
    /// The reading half of a [`Stream`] (`GVirInputStream`).
    pub struct StreamInput(ObjectSubclass<input_imp::StreamInput>) @extends gio::InputStream;
}

// SAFETY: the object's only state is a mutex-protected, thread-safe libvirt stream, and
// GInputStream is designed to be used from GIO's worker threads.
unsafe impl Send for StreamInput {}
// SAFETY: as above.
unsafe impl Sync for StreamInput {}

mod output_imp {
    use super::*;

    #[derive(Default)]
    pub struct StreamOutput {
        pub(super) stream: OnceLock<Shared>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for StreamOutput {
        const NAME: &'static str = "GVirOutputStream";
        type Type = super::StreamOutput;
        type ParentType = gio::OutputStream;
    }

    impl ObjectImpl for StreamOutput {}

    impl OutputStreamImpl for StreamOutput {
        fn write(
            &self,
            buffer: &[u8],
            _c: Option<&gio::Cancellable>,
        ) -> Result<usize, glib::Error> {
            let st = clone_stream(&self.stream)?;
            match st.send(buffer) {
                Ok(n) if n >= 0 => Ok(n as usize),
                Ok(_) => Err(glib::Error::new(
                    gio::IOErrorEnum::WouldBlock,
                    "the stream is full",
                )),
                Err(e) => Err(io_error(e, "writing to the stream")),
            }
        }

        fn close(&self, _c: Option<&gio::Cancellable>) -> Result<(), glib::Error> {
            Ok(())
        }
    }
}

glib::wrapper! {
    /// The writing half of a [`Stream`] (`GVirOutputStream`).
    pub struct StreamOutput(ObjectSubclass<output_imp::StreamOutput>) @extends gio::OutputStream;
}

// SAFETY: see StreamInput.
unsafe impl Send for StreamOutput {}
// SAFETY: see StreamInput.
unsafe impl Sync for StreamOutput {}

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct Stream {
        pub(super) stream: OnceLock<Shared>,
        pub(super) input: OnceLock<StreamInput>,
        pub(super) output: OnceLock<StreamOutput>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Stream {
        const NAME: &'static str = "GVirStream";
        type Type = super::Stream;
        type ParentType = gio::IOStream;
    }

    impl ObjectImpl for Stream {
        fn dispose(&self) {
            // libvirt wants an unfinished stream aborted before it is freed; aborting is
            // a round trip, so it happens on a worker thread.
            let st = self
                .stream
                .get()
                .and_then(|s| s.lock().ok().and_then(|mut g| g.take()));
            if let Some(st) = st {
                crate::util::spawn_detached(move || {
                    let _ = st.abort();
                });
            }
        }
    }

    impl IOStreamImpl for Stream {
        fn input_stream(&self) -> gio::InputStream {
            self.input
                .get_or_init(glib::Object::new::<StreamInput>)
                .clone()
                .upcast()
        }

        fn output_stream(&self) -> gio::OutputStream {
            self.output
                .get_or_init(glib::Object::new::<StreamOutput>)
                .clone()
                .upcast()
        }

        fn close(&self, _c: Option<&gio::Cancellable>) -> Result<(), glib::Error> {
            let st = self
                .stream
                .get()
                .and_then(|s| s.lock().ok().and_then(|mut g| g.take()));
            if let Some(st) = st {
                // Abort (not finish): the other end (a console) keeps no state we would
                // need to flush; a dead connection makes both fail, which is fine.
                let _ = st.abort();
            }
            // The halves report "closed" from now on (a pending read, woken up by the
            // abort, makes its own close fail with PENDING, which is fine).
            if let Some(i) = self.input.get() {
                let _ = i.close(gio::Cancellable::NONE);
            }
            if let Some(o) = self.output.get() {
                let _ = o.close(gio::Cancellable::NONE);
            }
            Ok(())
        }
    }
}

glib::wrapper! {
    /// A libvirt data stream (`GVirStream`) as a [`gio::IOStream`]: a serial console, a
    /// volume upload/download. Use GIO's async stream API on it (e.g.
    /// `stream.output_stream().write_all_future(..)`, `stream.input_stream().read_future(..)`);
    /// the blocking reads and writes run in GIO's worker threads.
    pub struct Stream(ObjectSubclass<imp::Stream>) @extends gio::IOStream;
}

// SAFETY: see StreamInput: all state is thread-safe.
unsafe impl Send for Stream {}
// SAFETY: see StreamInput.
unsafe impl Sync for Stream {}

impl Stream {
    pub(crate) fn new(stream: virt::stream::Stream) -> Self {
        let shared: Shared = Arc::new(Mutex::new(Some(stream)));
        let obj: Self = glib::Object::new();
        let input: StreamInput = glib::Object::new();
        let _ = input.imp().stream.set(shared.clone());
        let output: StreamOutput = glib::Object::new();
        let _ = output.imp().stream.set(shared.clone());
        let _ = obj.imp().stream.set(shared);
        let _ = obj.imp().input.set(input);
        let _ = obj.imp().output.set(output);
        obj
    }
}

impl crate::Connection {
    /// A new libvirt stream on this connection (`virStreamNew`), for
    /// [`crate::Domain::open_console_future`]-style calls and volume transfers.
    ///
    /// # Errors
    /// When the connection is closed or libvirt refuses the stream.
    pub fn new_stream(&self, flags: u32) -> Result<Stream, glib::Error> {
        let conn = self.handle()?;
        virt::stream::Stream::new(&conn, flags)
            .map(Stream::new)
            .map_err(|e| libvirt_glib::to_glib(&e, "creating a stream"))
    }
}

impl Stream {
    /// The libvirt stream (a new reference), `None` once it was finished or aborted.
    pub fn virt_handle(&self) -> Option<virt::stream::Stream> {
        clone_stream(&self.imp().stream).ok()
    }
}
