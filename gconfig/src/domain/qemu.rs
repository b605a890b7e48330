//! The QEMU namespace of domain documents
//! (`xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`).
//!
//! These elements are children of `<domain>`. Views name them with the `qemu:`
//! prefix, but match them whatever prefix the document binds to the namespace;
//! adding one to a domain that does not declare the namespace yet declares
//! `xmlns:qemu` on `<domain>`, as libvirt writes it (see
//! [`KNOWN_NAMESPACES`](crate::view::KNOWN_NAMESPACES)).

use crate::xml_element;

pub use crate::view::QEMU_NS;

xml_element! {
    /// `<qemu:commandline>`: extra QEMU arguments and environment.
    pub struct QemuCommandline = "qemu:commandline", order = ["qemu:arg", "qemu:env"] {
        /// Extra arguments, in order.
        children args, add_arg, remove_arg: QemuArg = "qemu:arg";
        /// Extra environment variables.
        children envs, add_env, remove_env: QemuEnv = "qemu:env";
    }
}

impl QemuCommandline {
    /// The values of every `<qemu:arg>`, in order (an argument without a value
    /// gives an empty string).
    pub fn arg_values(&self) -> Vec<String> {
        self.args()
            .iter()
            .map(|a| a.value().ok().flatten().unwrap_or_default())
            .collect()
    }

    /// Appends `<qemu:arg value='...'/>`.
    pub fn push_arg(&self, value: &str) -> QemuArg {
        let arg = self.add_arg();
        arg.set_value(Some(value.to_owned()));
        arg
    }

    /// Appends `<qemu:env name='...' value='...'/>` (no `value`: an empty variable).
    pub fn push_env(&self, name: &str, value: Option<&str>) -> QemuEnv {
        let env = self.add_env();
        env.set_name(Some(name.to_owned()));
        env.set_value(value.map(str::to_owned));
        env
    }
}

xml_element! {
    /// `<qemu:arg>`: one extra QEMU argument.
    pub struct QemuArg = "qemu:arg" {
        /// The argument.
        attr value, set_value: String = "value";
    }
}

xml_element! {
    /// `<qemu:env>`: one extra environment variable.
    pub struct QemuEnv = "qemu:env" {
        /// Variable name.
        attr name, set_name: String = "name";
        /// Variable value.
        attr value, set_value: String = "value";
    }
}

xml_element! {
    /// `<qemu:capabilities>`: QEMU capabilities forced on or off.
    pub struct QemuCapabilities = "qemu:capabilities", order = ["qemu:add", "qemu:del"] {
        /// Capabilities assumed present.
        children adds, add_add, remove_add: QemuCapability = "qemu:add";
        /// Capabilities assumed absent.
        children dels, add_del, remove_del: QemuCapability = "qemu:del";
    }
}

xml_element! {
    /// `<qemu:add>` / `<qemu:del>`: one capability.
    pub struct QemuCapability = "qemu:add" {
        /// Capability name (as in libvirt's QEMU capability list).
        attr capability, set_capability: String = "capability";
    }
}

xml_element! {
    /// `<qemu:override>`: overrides of device properties.
    pub struct QemuOverride = "qemu:override", order = ["qemu:device"] {
        /// Devices, by alias.
        children devices, add_device, remove_device: QemuOverrideDevice = "qemu:device";
    }
}

xml_element! {
    /// `<qemu:override><qemu:device>`: overrides of one device.
    pub struct QemuOverrideDevice = "qemu:device", order = ["qemu:frontend"] {
        /// Device alias (`ua-...` user alias).
        attr alias, set_alias: String = "alias";
        /// Frontend (device) properties.
        child frontend, frontend_or_create, remove_frontend: QemuOverrideFrontend = "qemu:frontend";
    }
}

xml_element! {
    /// `<qemu:device><qemu:frontend>`.
    pub struct QemuOverrideFrontend = "qemu:frontend", order = ["qemu:property"] {
        /// The properties.
        children properties, add_property, remove_property: QemuOverrideProperty = "qemu:property";
    }
}

xml_element! {
    /// `<qemu:frontend><qemu:property>`: one property override.
    pub struct QemuOverrideProperty = "qemu:property" {
        /// Property name.
        attr name, set_name: String = "name";
        /// `string`, `signed`, `unsigned`, `bool` or `remove`.
        attr property_type, set_property_type: String = "type";
        /// The value.
        attr value, set_value: String = "value";
    }
}

xml_element! {
    /// `<bhyve:commandline>` / `<xen:commandline>`: extra hypervisor arguments
    /// (namespaces `http://libvirt.org/schemas/domain/bhyve/1.0` and `.../xen/1.0`).
    pub struct HypervisorCommandline = "bhyve:commandline", order = ["bhyve:arg", "xen:arg"] {
        /// Extra bhyve arguments, in order.
        children bhyve_args, add_bhyve_arg, remove_bhyve_arg: QemuArg = "bhyve:arg";
        /// Extra Xen device model arguments, in order.
        children xen_args, add_xen_arg, remove_xen_arg: QemuArg = "xen:arg";
    }
}

xml_element! {
    /// `<lxc:namespace>`: namespaces an LXC container shares
    /// (namespace `http://libvirt.org/schemas/domain/lxc/1.0`).
    pub struct LxcNamespace = "lxc:namespace", order = ["lxc:sharenet", "lxc:shareipc", "lxc:shareuts"] {
        /// `netns`, `name` or `pid` source of the network namespace.
        child_attr sharenet_type, set_sharenet_type: String = "lxc:sharenet" / "type";
        /// Network namespace source value.
        child_attr sharenet_value, set_sharenet_value: String = "lxc:sharenet" / "value";
        /// Source type of the IPC namespace.
        child_attr shareipc_type, set_shareipc_type: String = "lxc:shareipc" / "type";
        /// IPC namespace source value.
        child_attr shareipc_value, set_shareipc_value: String = "lxc:shareipc" / "value";
        /// Source type of the UTS namespace.
        child_attr shareuts_type, set_shareuts_type: String = "lxc:shareuts" / "type";
        /// UTS namespace source value.
        child_attr shareuts_value, set_shareuts_value: String = "lxc:shareuts" / "value";
    }
}
