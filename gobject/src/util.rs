//! Shared helpers: running blocking libvirt calls on worker threads, the async trio macro.

use std::future::Future;

use crate::trace::{CallError, Func};

/// Runs `f`, the libvirt call `func` on `obj`, on a worker thread and returns its result.
///
/// The call is traced ([`crate::trace::call`]: span, probes, duration, error number) and
/// its error is converted to a [`glib::Error`] **inside the worker thread**, because
/// libvirt's last error is thread-local; `func.what` is the message's context.
pub(crate) async fn run<O, T, E, F>(
    func: Func,
    obj: O,
    flags: Option<u32>,
    f: F,
) -> Result<T, glib::Error>
where
    O: crate::trace::Target + Send + 'static,
    T: Send + 'static,
    E: CallError,
    F: FnOnce(&O) -> Result<T, E> + Send + 'static,
{
    run_glib(move || {
        crate::trace::call(func, &obj, flags, || f(&obj)).map_err(|e| e.into_glib(func.what))
    })
    .await
}

/// A class over one libvirt handle (`virDomainPtr`, `virNetworkPtr`, ...): its calls run
/// through [`Handled::call`], which fails with the "connection closed" error once the
/// handle is gone.
pub(crate) trait Handled {
    /// The libvirt handle type.
    type Handle: crate::trace::Target + Send + 'static;

    /// The handle (a new reference), `None` once the connection is closed.
    fn handle(&self) -> Option<Self::Handle>;

    /// Runs `f`, the libvirt call `func`, on the handle in a worker thread ([`run`]).
    fn call<T, F>(
        &self,
        func: Func,
        flags: Option<u32>,
        f: F,
    ) -> impl Future<Output = Result<T, glib::Error>> + use<Self, T, F>
    where
        T: Send + 'static,
        F: FnOnce(&Self::Handle) -> Result<T, virt::error::Error> + Send + 'static,
    {
        self.call_with(func, flags, f)
    }

    /// [`Handled::call`] for work that fails with another error type (a
    /// [`glib::Error`] for failures that are not libvirt's, such as reading a file).
    fn call_with<T, E, F>(
        &self,
        func: Func,
        flags: Option<u32>,
        f: F,
    ) -> impl Future<Output = Result<T, glib::Error>> + use<Self, T, E, F>
    where
        T: Send + 'static,
        E: CallError,
        F: FnOnce(&Self::Handle) -> Result<T, E> + Send + 'static,
    {
        let handle = self.handle().ok_or_else(not_connected);
        async move { run(func, handle?, flags, f).await }
    }
}

/// Like [`run`] for work that builds its own [`glib::Error`] (in the worker thread).
pub(crate) async fn run_glib<T, F>(f: F) -> Result<T, glib::Error>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, glib::Error> + Send + 'static,
{
    let (tx, rx) = futures_channel::oneshot::channel();
    // The caller's span (if any) stays the parent of the calls made for it.
    let parent = tracing::Span::current();
    pool::submit(Box::new(move || {
        let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parent.in_scope(f)));
        let _ = tx.send(res);
    }));
    match rx.await {
        Ok(Ok(res)) => res,
        _ => Err(glib::Error::new(
            gio::IOErrorEnum::Failed,
            "a libvirt worker thread panicked",
        )),
    }
}

/// Runs blocking clean-up work (closing, aborting, deregistering) on a worker thread,
/// without waiting for it.
pub(crate) fn spawn_detached(f: impl FnOnce() + Send + 'static) {
    pool::submit(Box::new(move || {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    }));
}

/// The worker threads that make blocking libvirt calls.
///
/// Threads are started on demand (up to [`pool::MAX_THREADS`], so slow remote calls do
/// not hold up others) and end after a while idle. They run at a lower CPU priority
/// (nice +10) than the application, so a burst of libvirt work never starves the thread
/// running the main context. Results are delivered through a oneshot channel whose waker
/// wakes the awaiting task on its own context.
mod pool {
    use std::collections::VecDeque;
    use std::sync::{Condvar, Mutex, OnceLock};
    use std::time::Duration;

    type Job = Box<dyn FnOnce() + Send>;

    pub(super) const MAX_THREADS: usize = 64;
    const IDLE_EXIT: Duration = Duration::from_secs(30);

    #[derive(Default)]
    struct State {
        jobs: VecDeque<Job>,
        idle: usize,
        threads: usize,
    }

    #[derive(Default)]
    struct Pool {
        state: Mutex<State>,
        cv: Condvar,
    }

    fn pool() -> &'static Pool {
        static POOL: OnceLock<Pool> = OnceLock::new();
        POOL.get_or_init(Pool::default)
    }

    pub(super) fn submit(job: Job) {
        let p = pool();
        let mut st = match p.state.lock() {
            Ok(s) => s,
            Err(e) => e.into_inner(),
        };
        st.jobs.push_back(job);
        if st.jobs.len() > st.idle && st.threads < MAX_THREADS {
            st.threads += 1;
            let spawned = std::thread::Builder::new()
                .name("gvir-worker".into())
                .spawn(worker);
            if spawned.is_err() {
                st.threads -= 1;
            }
        }
        drop(st);
        p.cv.notify_one();
    }

    fn worker() {
        // SAFETY: lowers only this thread's priority (Linux: nice applies per thread id).
        unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, tid, 10);
        }
        let p = pool();
        loop {
            let job = {
                let mut st = match p.state.lock() {
                    Ok(s) => s,
                    Err(e) => e.into_inner(),
                };
                loop {
                    if let Some(job) = st.jobs.pop_front() {
                        break job;
                    }
                    st.idle += 1;
                    let (s, timeout) = match p.cv.wait_timeout(st, IDLE_EXIT) {
                        Ok(r) => r,
                        Err(e) => e.into_inner(),
                    };
                    st = s;
                    st.idle -= 1;
                    if timeout.timed_out() && st.jobs.is_empty() {
                        st.threads -= 1;
                        return;
                    }
                }
            };
            job();
        }
    }
}

/// A UUID in its 16 raw bytes (as a big-endian `u128`): the compact key of the domain
/// index. Parses libvirt's text form (hex digits, dashes anywhere); `None` when malformed.
pub(crate) fn parse_uuid(s: &str) -> Option<u128> {
    let mut v: u128 = 0;
    let mut digits = 0;
    for c in s.chars() {
        if c == '-' {
            continue;
        }
        v = (v << 4) | u128::from(c.to_digit(16)?);
        digits += 1;
    }
    (digits == 32).then_some(v)
}

/// libvirt's text form of a UUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lower case).
pub(crate) fn format_uuid(u: u128) -> String {
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        (u >> 96) as u32,
        (u >> 80) as u16,
        (u >> 64) as u16,
        (u >> 48) as u16,
        u & 0xffff_ffff_ffff
    )
}

/// Builds the calling thread's last libvirt error as a [`glib::Error`] (call it in the
/// thread that made the failing call).
pub(crate) fn last_error(what: &'static str) -> glib::Error {
    libvirt_glib::Error::last(what).to_glib()
}

/// The result of a raw libvirt call returning an `int` (`< 0` = failed): the value, or
/// the calling thread's last libvirt error with `what` as context.
pub(crate) fn check(r: std::os::raw::c_int, what: &'static str) -> Result<u32, glib::Error> {
    if r < 0 {
        Err(last_error(what))
    } else {
        Ok(r as u32)
    }
}

/// An error of this library (not of libvirt) in libvirt-glib's error domain.
pub(crate) fn own_error(code: libvirt_glib::ErrorCode, message: impl Into<String>) -> glib::Error {
    libvirt_glib::Error::new(code, message).to_glib()
}

/// The error returned when an object's connection is closed or gone.
pub(crate) fn not_connected() -> glib::Error {
    own_error(
        libvirt_glib::ErrorCode::NoConnect,
        "the connection to libvirt is closed",
    )
}

/// Drives `fut` to completion on a private main context (the blocking variants), so the
/// caller's own context is never iterated re-entrantly. Safe to call from a signal
/// handler or a callback that runs inside another future (the C ABI's blocking calls).
pub fn block_on<F: Future>(fut: F) -> F::Output {
    // Not glib's `MainContext::block_on`: it polls through a glib-rs task source, and
    // those cannot nest (a blocking call made from a signal handler or a C callback that
    // runs inside another future's poll panics with `EnterError`). Poll here directly and
    // iterate a private main context, thread default for the call, between polls.
    struct Wake {
        woken: std::sync::atomic::AtomicBool,
        ctx: glib::MainContext,
    }
    impl std::task::Wake for Wake {
        fn wake(self: std::sync::Arc<Self>) {
            self.wake_by_ref();
        }
        fn wake_by_ref(self: &std::sync::Arc<Self>) {
            self.woken.store(true, std::sync::atomic::Ordering::SeqCst);
            self.ctx.wakeup();
        }
    }
    let ctx = glib::MainContext::new();
    let wake = std::sync::Arc::new(Wake {
        woken: std::sync::atomic::AtomicBool::new(true),
        ctx: ctx.clone(),
    });
    let waker = std::task::Waker::from(wake.clone());
    let mut cx = std::task::Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    ctx.with_thread_default(|| loop {
        if wake.woken.swap(false, std::sync::atomic::Ordering::SeqCst) {
            if let std::task::Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                return v;
            }
        } else {
            ctx.iteration(true);
        }
    })
    .expect("a new main context can be made the thread default")
}

/// Spawns `fut` on the thread-default main context, racing it against `cancellable`,
/// and hands the result to `callback` (the `_async` variants).
pub(crate) fn spawn_with_callback<T, F, P>(
    fut: F,
    cancellable: Option<&gio::Cancellable>,
    callback: P,
) where
    T: 'static,
    F: Future<Output = Result<T, glib::Error>> + 'static,
    P: FnOnce(Result<T, glib::Error>) + 'static,
{
    let cancellable = cancellable.cloned().unwrap_or_default();
    let ctx = glib::MainContext::ref_thread_default();
    ctx.spawn_local(async move {
        let res = match gio::CancellableFuture::new(fut, cancellable).await {
            Ok(res) => res,
            Err(_) => Err(glib::Error::new(
                gio::IOErrorEnum::Cancelled,
                "the operation was cancelled",
            )),
        };
        callback(res);
    });
}

/// Generates the blocking `x()` and callback `x_async()` wrappers of `x_future()`.
macro_rules! async_trio {
    ($(
        $(#[$doc:meta])*
        fn $name:ident, $name_async:ident => $name_future:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty;
    )*) => {$(
        $(#[$doc])*
        #[doc = ""]
        #[doc = concat!("Blocking variant of [`Self::", stringify!($name_future), "`]; for tests and command-line tools, never call it on a main context that must stay responsive.")]
        #[doc = ""]
        #[doc = "# Errors"]
        #[doc = ""]
        #[doc = "The libvirt error of the call, in the `gvir-error-quark` domain."]
        pub fn $name(&self $(, $arg: $ty)*) -> Result<$ret, glib::Error> {
            $crate::util::block_on(self.$name_future($($arg),*))
        }

        $(#[$doc])*
        #[doc = ""]
        #[doc = concat!("Callback variant of [`Self::", stringify!($name_future), "`]: runs on the thread-default main context and calls `callback` there; cancelling `cancellable` completes it at once with `G_IO_ERROR_CANCELLED`.")]
        #[allow(clippy::too_many_arguments)]
        pub fn $name_async<P: FnOnce(Result<$ret, glib::Error>) + 'static>(
            &self
            $(, $arg: $ty)*,
            cancellable: Option<&gio::Cancellable>,
            callback: P,
        ) {
            $crate::util::spawn_with_callback(self.$name_future($($arg),*), cancellable, callback)
        }
    )*};
}
pub(crate) use async_trio;

/// Reads a C string owned by libvirt (not freed here).
///
/// # Safety
///
/// `p` must be NULL or a valid NUL-terminated string.
pub(crate) unsafe fn cstr(p: *const std::os::raw::c_char) -> String {
    if p.is_null() {
        String::new()
    } else {
        // SAFETY: the caller guarantees a valid NUL-terminated string.
        unsafe { std::ffi::CStr::from_ptr(p) }
            .to_string_lossy()
            .into_owned()
    }
}
