//! `<clock>`: the guest clock and its timers.

use crate::value::YesNo;
use crate::{xml_element, xml_enum};

xml_enum! {
    /// How the guest clock is initialized (`<clock offset='...'>`).
    pub enum ClockOffset {
        /// UTC.
        Utc = "utc",
        /// The host's local time.
        Localtime = "localtime",
        /// A fixed timezone.
        Timezone = "timezone",
        /// An arbitrary offset that the guest may change.
        Variable = "variable",
        /// An absolute start time.
        Absolute = "absolute",
    }
}

xml_enum! {
    /// A timer (`<timer name='...'>`).
    pub enum TimerName {
        /// Real-time clock.
        Rtc = "rtc",
        /// Programmable interval timer.
        Pit = "pit",
        /// High precision event timer.
        Hpet = "hpet",
        /// Time stamp counter.
        Tsc = "tsc",
        /// KVM paravirtual clock.
        Kvmclock = "kvmclock",
        /// Hyper-V reference time.
        Hypervclock = "hypervclock",
        /// ARM virtual timer.
        ArmVtimer = "armvtimer",
        /// Platform timer.
        Platform = "platform",
    }
}

xml_element! {
    /// `<clock>`: guest clock.
    pub struct DomainClock = "clock", order = ["timer"] {
        /// How the clock starts.
        attr offset, set_offset: ClockOffset = "offset";
        /// Adjustment in seconds, or `reset`.
        attr adjustment, set_adjustment: String = "adjustment";
        /// Timezone for `offset='timezone'`.
        attr timezone, set_timezone: String = "timezone";
        /// Basis for `offset='variable'`.
        attr basis, set_basis: String = "basis";
        /// Start time for `offset='absolute'`.
        attr start, set_start: u64 = "start";
        /// Timers.
        children timers, add_timer, remove_timer: DomainTimer = "timer";
    }
}

xml_element! {
    /// `<clock><timer>`: one timer.
    pub struct DomainTimer = "timer", order = ["catchup"] {
        /// Which timer.
        attr name, set_name: TimerName = "name";
        /// Whether the timer is present.
        attr present, set_present: YesNo = "present";
        /// Policy for missed ticks.
        attr tickpolicy, set_tickpolicy: String = "tickpolicy";
        /// What the timer tracks.
        attr track, set_track: String = "track";
        /// TSC mode.
        attr mode, set_mode: String = "mode";
        /// Frequency in Hz.
        attr frequency, set_frequency: u64 = "frequency";
        /// Catch-up threshold.
        child_attr catchup_threshold, set_catchup_threshold: u32 = "catchup" / "threshold";
        /// Catch-up slew.
        child_attr catchup_slew, set_catchup_slew: u32 = "catchup" / "slew";
        /// Catch-up limit.
        child_attr catchup_limit, set_catchup_limit: u32 = "catchup" / "limit";
    }
}
