//! [`Stream`] (`GVirStream`): a libvirt stream as a [`gio::IOStream`].
//!
//! Reads and writes are blocking `virStreamRecv` / `virStreamSend` calls; GIO runs the
//! `_async` variants (`read_future`, `write_all_future`, ...) in its worker threads, so
//! the main context never blocks.

use std::sync::{Arc, Mutex, OnceLock};

use gio::prelude::*;
use gio::subclass::prelude::*;

use crate::trace::{self, func, CallError, Target};

/// An open libvirt stream and the object its traced calls name.
#[derive(Clone)]
struct Open {
    stream: virt::stream::Stream,
    owner: Owner,
}

/// What a stream's calls are traced on: the domain it belongs to, the connection it was
/// created on ([`crate::Connection::new_stream`]), or nothing known (a stream adopted
/// through the `handle` property: libvirt has no accessor for a stream's connection).
#[derive(Clone)]
pub(crate) enum Owner {
    /// A domain's console or serial channel.
    Domain(virt::domain::Domain),
    /// A stream created on a connection.
    Connection(virt::connect::Connect),
    /// An adopted stream.
    Unknown,
}

impl Target for Owner {
    fn uri(&self) -> Option<String> {
        match self {
            Owner::Domain(d) => Target::uri(d),
            Owner::Connection(c) => Target::uri(c),
            Owner::Unknown => None,
        }
    }
    fn name(&self) -> Option<String> {
        match self {
            Owner::Domain(d) => Target::name(d),
            _ => None,
        }
    }
    fn uuid(&self) -> Option<String> {
        match self {
            Owner::Domain(d) => Target::uuid(d),
            _ => None,
        }
    }
}

type Shared = Arc<Mutex<Option<Open>>>;

/// A new stream on the connection of `owner` (`virStreamNew`, traced on `owner`).
pub(crate) fn new_stream<O: Target + StreamOwner>(
    owner: &O,
) -> Result<virt::stream::Stream, virt::error::Error> {
    let conn = owner.connection()?;
    trace::call(
        func!("virStreamNew", "creating a stream"),
        owner,
        Some(0),
        || virt::stream::Stream::new(&conn, 0),
    )
}

/// A handle whose connection a stream is opened on.
pub(crate) trait StreamOwner {
    /// A new reference to the handle's connection (a local call).
    fn connection(&self) -> Result<virt::connect::Connect, virt::error::Error>;
}

impl StreamOwner for virt::domain::Domain {
    fn connection(&self) -> Result<virt::connect::Connect, virt::error::Error> {
        self.connect()
    }
}

impl StreamOwner for virt::storage_vol::StorageVol {
    fn connection(&self) -> Result<virt::connect::Connect, virt::error::Error> {
        self.connect()
    }
}

/// One `virStreamRecv` on `st` (traced on `owner`): bytes read, 0 at the end, -2 when
/// a non-blocking stream has nothing yet.
fn recv<O: Target>(
    st: &virt::stream::Stream,
    owner: &O,
    buf: &mut [u8],
) -> Result<isize, virt::error::Error> {
    trace::call(
        func!("virStreamRecv", "reading from the stream"),
        owner,
        None,
        || st.recv(buf),
    )
}

/// One `virStreamSend` on `st` (traced on `owner`): bytes written.
fn send<O: Target>(
    st: &virt::stream::Stream,
    owner: &O,
    buf: &[u8],
) -> Result<isize, virt::error::Error> {
    trace::call(
        func!("virStreamSend", "writing to the stream"),
        owner,
        None,
        || st.send(buf),
    )
}

/// `virStreamFinish` (traced on `owner`).
pub(crate) fn finish<O: Target>(
    st: &virt::stream::Stream,
    owner: &O,
) -> Result<(), virt::error::Error> {
    trace::call(
        func!("virStreamFinish", "finishing the stream"),
        owner,
        None,
        || st.clone().finish(),
    )
}

/// `virStreamAbort` on an open stream; a failure (dead connection) is ignored.
fn abort(open: &Open) {
    abort_stream(&open.stream, &open.owner);
}

/// `virStreamAbort` (traced on `owner`); a failure (dead connection) is ignored.
pub(crate) fn abort_stream<O: Target>(st: &virt::stream::Stream, owner: &O) {
    let _ = trace::call(
        func!("virStreamAbort", "aborting the stream"),
        owner,
        None,
        || st.clone().abort(),
    );
}

/// Reads `st` to its end in blocks of `block` bytes, then finishes it.
pub(crate) fn recv_all<O: Target>(
    st: &virt::stream::Stream,
    owner: &O,
    block: usize,
) -> Result<Vec<u8>, virt::error::Error> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; block];
    loop {
        let n = recv(st, owner, &mut buf)?;
        if n <= 0 {
            break;
        }
        out.extend_from_slice(&buf[..n as usize]);
    }
    finish(st, owner)?;
    Ok(out)
}

/// Writes all of `data` to `st`, then finishes it.
pub(crate) fn send_all<O: Target>(
    st: &virt::stream::Stream,
    owner: &O,
    data: &[u8],
) -> Result<(), virt::error::Error> {
    send_chunk(st, owner, data)?;
    finish(st, owner)
}

/// Sends all of `data` on `st` (one `virStreamSend` per accepted part), leaving the stream
/// open for more.
pub(crate) fn send_chunk<O: Target>(
    st: &virt::stream::Stream,
    owner: &O,
    data: &[u8],
) -> Result<(), virt::error::Error> {
    let mut off = 0;
    while off < data.len() {
        let n = send(st, owner, &data[off..])?;
        off += n.max(0) as usize;
    }
    Ok(())
}

fn clone_stream(s: &OnceLock<Shared>) -> Result<Open, glib::Error> {
    let closed = || glib::Error::new(gio::IOErrorEnum::Closed, "the stream is closed");
    let shared = s.get().ok_or_else(closed)?;
    let guard = shared.lock().map_err(|_| closed())?;
    guard.as_ref().cloned().ok_or_else(closed)
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
            let o = clone_stream(&self.stream)?;
            match recv(&o.stream, &o.owner, buffer) {
                Ok(n) if n >= 0 => Ok(n as usize),
                Ok(_) => Err(glib::Error::new(
                    gio::IOErrorEnum::WouldBlock,
                    "no data available",
                )),
                Err(e) => Err(e.into_glib("reading from the stream")),
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
            let o = clone_stream(&self.stream)?;
            match send(&o.stream, &o.owner, buffer) {
                Ok(n) if n >= 0 => Ok(n as usize),
                Ok(_) => Err(glib::Error::new(
                    gio::IOErrorEnum::WouldBlock,
                    "the stream is full",
                )),
                Err(e) => Err(e.into_glib("writing to the stream")),
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
        fn properties() -> &'static [glib::ParamSpec] {
            static PROPS: std::sync::OnceLock<Vec<glib::ParamSpec>> = std::sync::OnceLock::new();
            PROPS.get_or_init(|| {
                vec![
                    glib::ParamSpecBoxed::builder::<crate::handles::StreamHandle>("handle")
                        .blurb("The libvirt stream (the C library's GVirStreamHandle)")
                        .construct_only()
                        .build(),
                ]
            })
        }

        fn property(&self, _id: usize, _pspec: &glib::ParamSpec) -> glib::Value {
            let handle = self
                .stream
                .get()
                .and_then(|s| {
                    s.lock()
                        .ok()
                        .and_then(|g| g.as_ref().map(|o| o.stream.clone()))
                })
                .map(crate::handles::StreamHandle);
            handle.to_value()
        }

        fn set_property(&self, _id: usize, value: &glib::Value, _pspec: &glib::ParamSpec) {
            // Construct-only: adopt a libvirt stream, as Stream::new does.
            if let Ok(Some(h)) = value.get::<Option<crate::handles::StreamHandle>>() {
                self.adopt(h.0, Owner::Unknown);
            }
        }

        fn dispose(&self) {
            // libvirt wants an unfinished stream aborted before it is freed; aborting is
            // a round trip, so it happens on a worker thread.
            let st = self
                .stream
                .get()
                .and_then(|s| s.lock().ok().and_then(|mut g| g.take()));
            if let Some(st) = st {
                crate::util::spawn_detached(move || abort(&st));
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
                abort(&st);
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

impl imp::Stream {
    /// Makes `stream` this object's libvirt stream, shared with its input and output.
    fn adopt(&self, stream: virt::stream::Stream, owner: Owner) {
        let shared: Shared = Arc::new(Mutex::new(Some(Open { stream, owner })));
        let input: StreamInput = glib::Object::new();
        let _ = input.imp().stream.set(shared.clone());
        let output: StreamOutput = glib::Object::new();
        let _ = output.imp().stream.set(shared.clone());
        let _ = self.stream.set(shared);
        let _ = self.input.set(input);
        let _ = self.output.set(output);
    }
}

impl Stream {
    pub(crate) fn new(stream: virt::stream::Stream, owner: Owner) -> Self {
        let obj: Self = glib::Object::new();
        obj.imp().adopt(stream, owner);
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
        let conn = self.live_handle()?;
        let what = "creating a stream";
        trace::call(func!("virStreamNew", what), &conn, Some(flags), || {
            virt::stream::Stream::new(&conn, flags)
        })
        .map(|st| Stream::new(st, Owner::Connection(conn)))
        .map_err(|e| e.into_glib(what))
    }
}

impl Stream {
    /// The libvirt stream (a new reference), `None` once it was finished or aborted.
    pub fn virt_handle(&self) -> Option<virt::stream::Stream> {
        clone_stream(&self.imp().stream).ok().map(|o| o.stream)
    }
}
