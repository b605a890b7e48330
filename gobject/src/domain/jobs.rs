//! Background jobs of a domain (save, restore, dump, migration, backup): their progress
//! (`virDomainGetJobStats`) and aborting them (`virDomainAbortJob`).

use std::collections::BTreeMap;
use std::future::Future;

use super::Domain;
use crate::stats::StatValue;
use crate::trace::func;
use crate::util::{self, async_trio, Handled as _};

/// The kind of a domain job (`virDomainJobType`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DomainJobType {
    /// No job is running (`VIR_DOMAIN_JOB_NONE`).
    #[default]
    None,
    /// A job with a known amount of work, such as a save (`VIR_DOMAIN_JOB_BOUNDED`).
    Bounded,
    /// A job whose total is not known in advance (`VIR_DOMAIN_JOB_UNBOUNDED`).
    Unbounded,
    /// The job finished (`VIR_DOMAIN_JOB_COMPLETED`; statistics of a completed job).
    Completed,
    /// The job failed (`VIR_DOMAIN_JOB_FAILED`).
    Failed,
    /// The job was aborted (`VIR_DOMAIN_JOB_CANCELLED`).
    Cancelled,
}

impl DomainJobType {
    /// The type from libvirt's number (unknown numbers are [`DomainJobType::None`]).
    pub fn from_raw(v: i32) -> Self {
        match v as u32 {
            virt_sys::VIR_DOMAIN_JOB_BOUNDED => Self::Bounded,
            virt_sys::VIR_DOMAIN_JOB_UNBOUNDED => Self::Unbounded,
            virt_sys::VIR_DOMAIN_JOB_COMPLETED => Self::Completed,
            virt_sys::VIR_DOMAIN_JOB_FAILED => Self::Failed,
            virt_sys::VIR_DOMAIN_JOB_CANCELLED => Self::Cancelled,
            _ => Self::None,
        }
    }

    /// Whether a job is running (bounded or unbounded).
    pub fn is_active(self) -> bool {
        matches!(self, Self::Bounded | Self::Unbounded)
    }
}

/// The progress of a domain's job: libvirt's typed parameters (`virDomainGetJobStats`,
/// keys `time_elapsed`, `data_total`, `data_processed`, `memory_total`, `operation`, ...)
/// with accessors for the usual ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DomainJobInfo {
    /// The job's type ([`DomainJobType::None`] when no job runs).
    pub kind: DomainJobType,
    /// Every field libvirt reported, by key (`VIR_DOMAIN_JOB_*` names).
    pub fields: BTreeMap<String, StatValue>,
}

impl DomainJobInfo {
    /// A field as `u64`.
    pub fn get_u64(&self, key: &str) -> Option<u64> {
        self.fields.get(key).and_then(StatValue::as_u64)
    }

    /// Time since the job started, in milliseconds (`time_elapsed`).
    pub fn time_elapsed_ms(&self) -> Option<u64> {
        self.get_u64("time_elapsed")
    }

    /// Bytes to transfer in all (`data_total`: memory and disks).
    pub fn data_total(&self) -> Option<u64> {
        self.get_u64("data_total")
    }

    /// Bytes transferred so far (`data_processed`).
    pub fn data_processed(&self) -> Option<u64> {
        self.get_u64("data_processed")
    }

    /// Bytes left (`data_remaining`).
    pub fn data_remaining(&self) -> Option<u64> {
        self.get_u64("data_remaining")
    }

    /// The operation (`virDomainJobOperation`: 1 start, 2 save, 3 restore, ... ), if
    /// libvirt says.
    pub fn operation(&self) -> Option<i64> {
        self.fields.get("operation").and_then(StatValue::as_i64)
    }

    /// The job's error message, for a failed job (`errmsg`).
    pub fn error_message(&self) -> Option<&str> {
        match self.fields.get("errmsg") {
            Some(StatValue::String(s)) => Some(s),
            _ => None,
        }
    }

    /// How much is done, from 0.0 to 1.0, when libvirt reports a total: `1 -
    /// data_remaining / data_total` (pages QEMU skips, such as zero pages, count as done),
    /// else `data_processed / data_total`.
    pub fn fraction(&self) -> Option<f64> {
        let total = self.data_total().filter(|&t| t > 0)?;
        let done = self
            .data_remaining()
            .map(|r| total.saturating_sub(r))
            .or_else(|| self.data_processed())?;
        Some((done as f64 / total as f64).clamp(0.0, 1.0))
    }
}

/// `virDomainGetJobStats` in the calling worker thread.
fn read_job_stats(
    dom: &virt::domain::Domain,
    flags: u32,
    what: &'static str,
) -> Result<DomainJobInfo, glib::Error> {
    let mut kind: std::os::raw::c_int = 0;
    let mut params: virt_sys::virTypedParameterPtr = std::ptr::null_mut();
    let mut n: std::os::raw::c_int = 0;
    // SAFETY: valid domain pointer and out-parameters; libvirt allocates `params`.
    let r = unsafe {
        virt_sys::virDomainGetJobStats(dom.as_ptr(), &mut kind, &mut params, &mut n, flags)
    };
    util::check(r, what)?;
    // SAFETY: libvirt returned `n` parameters in `params`, freed once here.
    let fields = unsafe {
        let f = crate::stats::params(params, n);
        virt_sys::virTypedParamsFree(params, n);
        f
    };
    Ok(DomainJobInfo {
        kind: DomainJobType::from_raw(kind),
        fields: fields.into_iter().collect(),
    })
}

impl Domain {
    /// The progress of the domain's running job (`virDomainGetJobStats`): its type (none
    /// when idle) and the amounts done. With `VIR_DOMAIN_JOB_STATS_COMPLETED` (1) in
    /// `flags`, the statistics of the last completed job instead. Callers poll it while
    /// a long call (save, restore, dump) runs on another worker.
    pub fn job_info_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<DomainJobInfo, glib::Error>> + 'static {
        let what = "reading the job progress";
        self.call_with(func!("virDomainGetJobStats", what), Some(flags), move |d| {
            read_job_stats(d, flags, what)
        })
    }

    /// Aborts the domain's running job (`virDomainAbortJob`): the save, dump or
    /// migration call waiting on it fails, and the domain stays as it was. Fails when no
    /// job runs.
    pub fn abort_job_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let what = "aborting the job";
        self.call_with(func!("virDomainAbortJob", what), None, move |d| {
            // SAFETY: valid domain pointer.
            util::check(unsafe { virt_sys::virDomainAbortJob(d.as_ptr()) }, what).map(drop)
        })
    }

    async_trio! {
        /// Reads the progress of the running (or last completed) job.
        fn job_info, job_info_async => job_info_future(flags: u32) -> DomainJobInfo;
        /// Aborts the running job.
        fn abort_job, abort_job_async => abort_job_future() -> ();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(pairs: &[(&str, u64)]) -> DomainJobInfo {
        DomainJobInfo {
            kind: DomainJobType::Bounded,
            fields: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), StatValue::UInt(*v)))
                .collect(),
        }
    }

    #[test]
    fn fraction_from_processed_or_remaining() {
        assert_eq!(
            info(&[("data_total", 200), ("data_processed", 50)]).fraction(),
            Some(0.25)
        );
        assert_eq!(
            info(&[("data_total", 200), ("data_remaining", 50)]).fraction(),
            Some(0.75)
        );
        // Skipped (zero) pages: little processed, nothing remaining.
        assert_eq!(
            info(&[
                ("data_total", 200),
                ("data_processed", 80),
                ("data_remaining", 0)
            ])
            .fraction(),
            Some(1.0)
        );
        assert_eq!(
            info(&[("data_total", 0), ("data_processed", 5)]).fraction(),
            None
        );
        assert_eq!(info(&[("data_processed", 5)]).fraction(), None);
        assert_eq!(
            info(&[("data_total", 10), ("data_processed", 50)]).fraction(),
            Some(1.0)
        );
    }

    #[test]
    fn job_types_from_libvirt_numbers() {
        assert_eq!(DomainJobType::from_raw(0), DomainJobType::None);
        assert_eq!(DomainJobType::from_raw(1), DomainJobType::Bounded);
        assert_eq!(DomainJobType::from_raw(5), DomainJobType::Cancelled);
        assert_eq!(DomainJobType::from_raw(99), DomainJobType::None);
        assert!(DomainJobType::Unbounded.is_active() && !DomainJobType::Completed.is_active());
    }
}
