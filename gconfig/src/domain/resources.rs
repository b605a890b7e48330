//! `<pm>`, `<perf>`, `<resource>`, `<idmap>`.

use crate::value::YesNo;
use crate::xml_element;

xml_element! {
    /// `<pm>`: guest power management.
    pub struct DomainPm = "pm", order = ["suspend-to-mem", "suspend-to-disk"] {
        /// Whether suspend to RAM (S3) is allowed.
        child_attr suspend_to_mem, set_suspend_to_mem: YesNo = "suspend-to-mem" / "enabled";
        /// Whether suspend to disk (S4) is allowed.
        child_attr suspend_to_disk, set_suspend_to_disk: YesNo = "suspend-to-disk" / "enabled";
    }
}

xml_element! {
    /// `<perf>`: host perf events counted for the domain.
    pub struct DomainPerf = "perf", order = ["event"] {
        /// The events.
        children events, add_event, remove_event: DomainPerfEvent = "event";
    }
}

xml_element! {
    /// `<perf><event>`.
    pub struct DomainPerfEvent = "event" {
        /// Event name (`cmt`, `cpu_cycles`...).
        attr name, set_name: String = "name";
        /// Whether it is counted.
        attr enabled, set_enabled: YesNo = "enabled";
    }
}

xml_element! {
    /// `<resource>`: resource partitioning.
    pub struct DomainResource = "resource", order = ["partition", "fibrechannel"] {
        /// Resource partition path, e.g. `/machine`.
        child_text partition, set_partition: String = "partition";
        /// Fibre Channel application id.
        child_attr fibrechannel_appid, set_fibrechannel_appid: String = "fibrechannel" / "appid";
    }
}

xml_element! {
    /// `<idmap>`: user namespace id maps (containers).
    pub struct DomainIdmap = "idmap", order = ["uid", "gid"] {
        /// User id ranges.
        children uids, add_uid, remove_uid: DomainIdmapRange = "uid";
        /// Group id ranges.
        children gids, add_gid, remove_gid: DomainIdmapRange = "gid";
    }
}

xml_element! {
    /// `<idmap><uid>` / `<gid>`: one id range.
    pub struct DomainIdmapRange = "uid" {
        /// First id in the container.
        attr start, set_start: u32 = "start";
        /// First id on the host.
        attr target, set_target: u32 = "target";
        /// Number of ids.
        attr count, set_count: u32 = "count";
    }
}
