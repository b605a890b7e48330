//! Domain lifecycle, info and configuration (all async).

use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;

use super::Domain;
use crate::info::{DomainDiskStats, DomainInfo, DomainInterfaceStats};
use crate::trace::func;
use crate::util::{self, async_trio, run, Handled as _};

impl util::Handled for Domain {
    type Handle = virt::domain::Domain;

    fn handle(&self) -> Option<Self::Handle> {
        self.imp().handle.borrow().clone()
    }
}

impl Domain {
    /// Starts (boots) the domain (`virDomainCreateWithFlags`). The `started` signal
    /// follows when libvirt reports the event.
    pub fn start_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainCreateWithFlags", "starting the domain"),
            Some(flags),
            move |d| d.create_with_flags(flags).map(drop),
        )
    }

    /// Asks the guest to shut down (`virDomainShutdownFlags`: ACPI, agent, ...).
    pub fn shutdown_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainShutdownFlags", "shutting the domain down"),
            Some(flags),
            move |d| d.shutdown_flags(flags).map(drop),
        )
    }

    /// Reboots the guest (`virDomainReboot`).
    pub fn reboot_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainReboot", "rebooting the domain"),
            Some(flags),
            move |d| d.reboot(flags).map(drop),
        )
    }

    /// Pauses the domain's CPUs (`virDomainSuspend`).
    pub fn suspend_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainSuspend", "suspending the domain"),
            None,
            |d| d.suspend().map(drop),
        )
    }

    /// Resumes a paused domain (`virDomainResume`).
    pub fn resume_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(func!("virDomainResume", "resuming the domain"), None, |d| {
            d.resume().map(drop)
        })
    }

    /// Wakes a guest from power-management suspend (`virDomainPMWakeup`).
    pub fn wakeup_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainPMWakeup", "waking the domain up"),
            Some(flags),
            move |d| d.pm_wakeup(flags).map(drop),
        )
    }

    /// Stops the domain at once (`virDomainDestroyFlags`).
    pub fn destroy_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainDestroyFlags", "destroying the domain"),
            Some(flags),
            move |d| d.destroy_flags(flags).map(drop),
        )
    }

    /// Deletes (undefines) the domain (`virDomainUndefineFlags`); the connection emits
    /// `domain-removed` when libvirt reports it.
    pub fn delete_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainUndefineFlags", "deleting the domain"),
            Some(flags),
            move |d| d.undefine_flags(flags).map(drop),
        )
    }

    /// Saves the domain's memory to libvirt's managed save image and stops it
    /// (`virDomainManagedSave`); the next start restores it.
    pub fn save_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainManagedSave", "saving the domain"),
            Some(flags),
            move |d| d.managed_save(flags).map(drop),
        )
    }

    /// Saves the domain's memory to `path` and stops it (`virDomainSaveFlags`).
    pub fn save_to_file_future(
        &self,
        path: &str,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.save_to_file_with_xml_future(path, None, flags)
    }

    /// As [`Self::save_to_file_future`], storing `xml` (a domain XML changed only in
    /// host-specific parts) as the configuration to restore with, when given.
    pub fn save_to_file_with_xml_future(
        &self,
        path: &str,
        xml: Option<&str>,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let path = path.to_owned();
        let xml = xml.map(str::to_owned);
        let handle = self.live_handle();
        async move {
            let dom = handle?;
            let what = "saving the domain to a file";
            run(
                func!("virDomainSaveFlags", what),
                dom,
                Some(flags),
                move |dom| {
                    let nul =
                        |_| glib::Error::new(gio::IOErrorEnum::InvalidArgument, "contains NUL");
                    let cpath = std::ffi::CString::new(path).map_err(nul)?;
                    let cxml = xml.map(std::ffi::CString::new).transpose().map_err(nul)?;
                    // SAFETY: valid domain pointer and C strings; NULL dxml is allowed.
                    let r = unsafe {
                        virt_sys::virDomainSaveFlags(
                            dom.as_ptr(),
                            cpath.as_ptr(),
                            cxml.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
                            flags,
                        )
                    };
                    util::check(r, what)
                },
            )
            .await
            .map(drop)
        }
    }

    /// Reads the domain's state, memory and CPU time (`virDomainGetInfo`); also updates
    /// the `state` property.
    pub fn info_future(&self) -> impl Future<Output = Result<DomainInfo, glib::Error>> + 'static {
        let fut = self.call(
            func!("virDomainGetInfo", "reading domain info"),
            None,
            |d| d.info(),
        );
        let weak = glib::SendWeakRef::from(self.downgrade());
        async move {
            let i = fut.await?;
            let info = DomainInfo {
                state: crate::DomainState::from_raw(i.state.to_raw() as i32),
                max_mem: i.max_mem,
                memory: i.memory,
                nr_virt_cpu: i.nr_virt_cpu,
                cpu_time: i.cpu_time,
            };
            if let Some(d) = weak.upgrade() {
                d.set_state(info.state);
            }
            Ok(info)
        }
    }

    /// The domain's XML (`virDomainGetXMLDesc`) as text.
    pub fn xml_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.call(
            func!("virDomainGetXMLDesc", "reading the domain XML"),
            Some(flags),
            move |d| d.xml_desc(flags),
        )
    }

    /// The domain's configuration as a typed [`libvirt_gconfig::Domain`].
    pub fn config_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<libvirt_gconfig::Domain, glib::Error>> + 'static {
        let fut = self.xml_future(flags);
        async move {
            let xml = fut.await?;
            libvirt_gconfig::Domain::from_xml(&xml).map_err(|e| {
                util::own_error(
                    libvirt_glib::ErrorCode::XmlError,
                    format!("parsing the domain XML: {e}"),
                )
            })
        }
    }

    /// Replaces the persistent configuration (`virDomainDefineXML` with the new XML).
    pub fn set_config_future(
        &self,
        config: &libvirt_gconfig::Domain,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.define(&config.to_xml(), 0)
    }

    /// Replaces the persistent configuration with XML text as typed
    /// (`virDomainDefineXMLFlags`); with `validate` libvirt first checks it against its
    /// RNG schema (`VIR_DOMAIN_DEFINE_VALIDATE`). libvirt's error (schema, unknown
    /// element, UUID or name clash) comes back in the message.
    pub fn define_xml_future(
        &self,
        xml: &str,
        validate: bool,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let flags = if validate {
            virt_sys::VIR_DOMAIN_DEFINE_VALIDATE
        } else {
            0
        };
        self.define(xml, flags)
    }

    /// Redefines the domain on its connection from `xml`.
    fn define(
        &self,
        xml: &str,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let conn = self
            .connection()
            .ok_or_else(util::not_connected)
            .and_then(|c| c.live_handle());
        let define = crate::connection::define_domain(conn, xml, flags);
        async move { define.await.map(drop) }
    }

    /// Block device statistics of disk `path` (target name like `vda`).
    pub fn disk_stats_future(
        &self,
        path: &str,
    ) -> impl Future<Output = Result<DomainDiskStats, glib::Error>> + 'static {
        let path = path.to_owned();
        self.call(
            func!("virDomainBlockStats", "reading disk statistics"),
            None,
            move |d| {
                d.block_stats(&path).map(|s| DomainDiskStats {
                    rd_req: s.rd_req,
                    rd_bytes: s.rd_bytes,
                    wr_req: s.wr_req,
                    wr_bytes: s.wr_bytes,
                    errs: s.errs,
                })
            },
        )
    }

    /// Network interface statistics of `path` (host-side device name like `vnet0`).
    pub fn interface_stats_future(
        &self,
        path: &str,
    ) -> impl Future<Output = Result<DomainInterfaceStats, glib::Error>> + 'static {
        let path = path.to_owned();
        self.call(
            func!("virDomainInterfaceStats", "reading interface statistics"),
            None,
            move |d| {
                d.interface_stats(&path).map(|s| DomainInterfaceStats {
                    rx_bytes: s.rx_bytes,
                    rx_packets: s.rx_packets,
                    rx_errs: s.rx_errs,
                    rx_drop: s.rx_drop,
                    tx_bytes: s.tx_bytes,
                    tx_packets: s.tx_packets,
                    tx_errs: s.tx_errs,
                    tx_drop: s.tx_drop,
                })
            },
        )
    }

    /// Reads the current state from libvirt (`virDomainGetState`), updating `state`.
    pub fn refresh_state_future(
        &self,
    ) -> impl Future<Output = Result<crate::DomainState, glib::Error>> + 'static {
        let handle = self.live_handle();
        let weak = glib::SendWeakRef::from(self.downgrade());
        async move {
            let dom = handle?;
            let st = run(
                func!("virDomainGetState", "reading the domain state"),
                dom,
                Some(0),
                raw_state_of,
            )
            .await?;
            if let Some(d) = weak.upgrade() {
                d.set_state(st);
            }
            Ok(st)
        }
    }

    /// The domain's id while it runs (`virDomainGetID`, read from the handle: no round
    /// trip), `None` when it is shut off or the connection is closed.
    pub fn id(&self) -> Option<u32> {
        let h = self.imp().handle.borrow();
        // SAFETY: valid handle; the id is cached in it.
        let id = h
            .as_ref()
            .map(|d| unsafe { virt_sys::virDomainGetID(d.as_ptr()) })?;
        (id != u32::MAX).then_some(id)
    }

    /// Whether the domain has a managed save image (`virDomainHasManagedSaveImage`).
    pub fn saved_future(&self) -> impl Future<Output = Result<bool, glib::Error>> + 'static {
        self.call(
            func!(
                "virDomainHasManagedSaveImage",
                "reading the managed save state"
            ),
            Some(0),
            |d| d.has_managed_save(0),
        )
    }

    /// Whether the domain starts with the host (`virDomainGetAutostart`).
    pub fn autostart_future(&self) -> impl Future<Output = Result<bool, glib::Error>> + 'static {
        self.call(
            func!("virDomainGetAutostart", "reading autostart"),
            None,
            |d| d.autostart(),
        )
    }

    /// Sets whether the domain starts with the host (`virDomainSetAutostart`).
    pub fn set_autostart_future(
        &self,
        autostart: bool,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainSetAutostart", "setting autostart"),
            None,
            move |d| d.set_autostart(autostart),
        )
    }

    /// Sets the guest's clock (`virDomainSetTime`; flag 1 = sync from the host clock).
    pub fn set_time_future(
        &self,
        seconds: i64,
        nseconds: i32,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainSetTime", "setting the guest time"),
            Some(flags),
            move |d| d.set_time(seconds, nseconds, flags),
        )
    }

    /// Hot-plugs a device from its XML (`virDomainAttachDeviceFlags`); `device-added`
    /// follows when libvirt reports it.
    pub fn attach_device_future(
        &self,
        xml: &str,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let xml = xml.to_owned();
        self.call(
            func!("virDomainAttachDeviceFlags", "attaching a device"),
            Some(flags),
            move |d| d.attach_device_flags(&xml, flags),
        )
    }

    /// Unplugs a device (`virDomainDetachDeviceFlags`); `device-removed` follows.
    pub fn detach_device_future(
        &self,
        xml: &str,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let xml = xml.to_owned();
        self.call(
            func!("virDomainDetachDeviceFlags", "detaching a device"),
            Some(flags),
            move |d| d.detach_device_flags(&xml, flags),
        )
    }

    /// Changes a device (e.g. the media of a CD-ROM) from its XML
    /// (`virDomainUpdateDeviceFlags`).
    pub fn update_device_future(
        &self,
        xml: &str,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let xml = xml.to_owned();
        self.call(
            func!("virDomainUpdateDeviceFlags", "updating a device"),
            Some(flags),
            move |d| d.update_device_flags(&xml, flags),
        )
    }

    /// Resizes the disk `target` (`vda`, ...) to `size` KiB (`virDomainBlockResize`).
    pub fn block_resize_future(
        &self,
        target: &str,
        size: u64,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let target = target.to_owned();
        self.call(
            func!("virDomainBlockResize", "resizing a disk"),
            Some(flags),
            move |d| d.block_resize(&target, size, flags),
        )
    }

    /// [`Self::info_future`] under the C library's name (`gvir_domain_get_info`).
    pub fn get_info_future(
        &self,
    ) -> impl Future<Output = Result<DomainInfo, glib::Error>> + 'static {
        self.info_future()
    }

    /// Starts a backup job (`virDomainBackupBegin`) from a `<domainbackup>` XML (push
    /// mode: libvirt writes each listed disk to its target; pull mode: an NBD export),
    /// with an optional `<domaincheckpoint>` XML for incremental backups. Returns once the
    /// job has started; a push-mode backup ends with the `job-completed` signal carrying
    /// the job's statistics.
    pub fn backup_begin_future(
        &self,
        backup_xml: &str,
        checkpoint_xml: Option<&str>,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let backup_xml = backup_xml.to_owned();
        let checkpoint_xml = checkpoint_xml.map(str::to_owned);
        let handle = self.live_handle();
        async move {
            let dom = handle?;
            let what = "starting a backup";
            run(
                func!("virDomainBackupBegin", what),
                dom,
                Some(flags),
                move |dom| {
                    let nul =
                        |_| glib::Error::new(gio::IOErrorEnum::InvalidArgument, "XML contains NUL");
                    let bxml = std::ffi::CString::new(backup_xml).map_err(nul)?;
                    let cxml = checkpoint_xml
                        .map(std::ffi::CString::new)
                        .transpose()
                        .map_err(nul)?;
                    // SAFETY: valid domain pointer and C strings; NULL checkpoint XML is
                    // allowed.
                    let r = unsafe {
                        virt_sys::virDomainBackupBegin(
                            dom.as_ptr(),
                            bxml.as_ptr(),
                            cxml.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
                            flags,
                        )
                    };
                    util::check(r, what)
                },
            )
            .await
            .map(drop)
        }
    }

    async_trio! {
        /// Starts a backup job.
        fn backup_begin, backup_begin_async => backup_begin_future(backup_xml: &str, checkpoint_xml: Option<&str>, flags: u32) -> ();
        /// Reads whether a managed save image exists.
        fn saved, saved_async => saved_future() -> bool;
        /// Reads autostart.
        fn autostart, autostart_async => autostart_future() -> bool;
        /// Sets autostart.
        fn set_autostart, set_autostart_async => set_autostart_future(autostart: bool) -> ();
        /// Sets the guest time.
        fn set_time, set_time_async => set_time_future(seconds: i64, nseconds: i32, flags: u32) -> ();
        /// Attaches a device.
        fn attach_device, attach_device_async => attach_device_future(xml: &str, flags: u32) -> ();
        /// Detaches a device.
        fn detach_device, detach_device_async => detach_device_future(xml: &str, flags: u32) -> ();
        /// Updates a device.
        fn update_device, update_device_async => update_device_future(xml: &str, flags: u32) -> ();
        /// Resizes a disk.
        fn block_resize, block_resize_async => block_resize_future(target: &str, size: u64, flags: u32) -> ();
    }

    async_trio! {
        /// Starts the domain.
        fn start, start_async => start_future(flags: u32) -> ();
        /// Shuts the domain down gracefully.
        fn shutdown, shutdown_async => shutdown_future(flags: u32) -> ();
        /// Reboots the domain.
        fn reboot, reboot_async => reboot_future(flags: u32) -> ();
        /// Suspends (pauses) the domain.
        fn suspend, suspend_async => suspend_future() -> ();
        /// Resumes the domain.
        fn resume, resume_async => resume_future() -> ();
        /// Wakes the domain from PM suspend.
        fn wakeup, wakeup_async => wakeup_future(flags: u32) -> ();
        /// Destroys (hard-stops) the domain.
        fn destroy, destroy_async => destroy_future(flags: u32) -> ();
        /// Deletes (undefines) the domain.
        fn delete, delete_async => delete_future(flags: u32) -> ();
        /// Managed-saves the domain.
        fn save, save_async => save_future(flags: u32) -> ();
        /// Saves the domain to a file.
        fn save_to_file, save_to_file_async => save_to_file_future(path: &str, flags: u32) -> ();
        /// Reads domain info.
        fn info, info_async => info_future() -> DomainInfo;
        /// Reads domain info (the C library's name for [`Self::info`]).
        fn get_info, get_info_async => get_info_future() -> DomainInfo;
        /// Reads the domain XML.
        fn xml, xml_async => xml_future(flags: u32) -> String;
        /// Reads the typed configuration.
        fn config, config_async => config_future(flags: u32) -> libvirt_gconfig::Domain;
        /// Writes the configuration.
        fn set_config, set_config_async => set_config_future(config: &libvirt_gconfig::Domain) -> ();
        /// Defines the domain from XML text, optionally validated.
        fn define_xml, define_xml_async => define_xml_future(xml: &str, validate: bool) -> ();
        /// Reads disk statistics.
        fn disk_stats, disk_stats_async => disk_stats_future(path: &str) -> DomainDiskStats;
        /// Reads interface statistics.
        fn interface_stats, interface_stats_async => interface_stats_future(path: &str) -> DomainInterfaceStats;
        /// Re-reads the state.
        fn refresh_state, refresh_state_async => refresh_state_future() -> crate::DomainState;
    }

    /// Forgets the libvirt handle (the connection closed); calls then fail cleanly.
    pub(crate) fn detach(&self) {
        self.imp().handle.replace(None);
    }
}

/// `virDomainGetState` with its error checked (in the calling worker thread; the caller
/// traces it).
pub(crate) fn raw_state_of(dom: &virt::domain::Domain) -> Result<crate::DomainState, glib::Error> {
    let mut state: std::os::raw::c_int = 0;
    let mut reason: std::os::raw::c_int = 0;
    // SAFETY: valid domain pointer and out-parameters.
    let r = unsafe { virt_sys::virDomainGetState(dom.as_ptr(), &mut state, &mut reason, 0) };
    util::check(r, "reading the domain state").map(|_| crate::DomainState::from_raw(state))
}
