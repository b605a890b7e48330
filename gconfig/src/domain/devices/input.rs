//! `<input>`: a keyboard, mouse, tablet or passed-through input device.

use super::address::{DeviceAcpi, DeviceAddress, DeviceAlias};
use crate::value::OnOff;
use crate::{xml_element, xml_enum};

use super::virtio::{DomainVirtioDriver, VirtioModel};

xml_enum! {
    /// The kind of input device (`<input type='...'>`).
    pub enum InputType {
        /// A mouse (relative motion).
        Mouse = "mouse",
        /// A tablet (absolute position).
        Tablet = "tablet",
        /// A keyboard.
        Keyboard = "keyboard",
        /// A host evdev device passed to the guest (virtio).
        Passthrough = "passthrough",
        /// A host evdev device grabbed by the hypervisor.
        Evdev = "evdev",
    }
}

xml_enum! {
    /// The guest bus of an input device (`<input bus='...'>`).
    pub enum InputBus {
        /// PS/2.
        Ps2 = "ps2",
        /// USB.
        Usb = "usb",
        /// Xen PV.
        Xen = "xen",
        /// virtio.
        Virtio = "virtio",
    }
}

xml_enum! {
    /// The key combination that toggles an evdev grab (`grabToggle`).
    pub enum InputGrabToggle {
        /// Both Ctrl keys.
        CtrlCtrl = "ctrl-ctrl",
        /// Both Alt keys.
        AltAlt = "alt-alt",
        /// Both Shift keys.
        ShiftShift = "shift-shift",
        /// Both Meta keys.
        MetaMeta = "meta-meta",
        /// Scroll Lock.
        Scrolllock = "scrolllock",
        /// Ctrl + Scroll Lock.
        CtrlScrolllock = "ctrl-scrolllock",
    }
}

xml_element! {
    /// `<devices><input>`: an input device.
    pub struct DomainInput = "input", order = ["driver", "source", "alias", "acpi", "address"] {
        /// The kind of device.
        attr input_type, set_input_type: InputType = "type";
        /// The guest bus.
        attr bus, set_bus: InputBus = "bus";
        /// virtio model (`bus='virtio'`).
        attr model, set_model: VirtioModel = "model";
        /// virtio transport options.
        child driver, driver_or_create, remove_driver: DomainVirtioDriver = "driver";
        /// Host event device (`passthrough`).
        child_attr source_evdev, set_source_evdev: String = "source" / "evdev";
        /// Host event device (`evdev`).
        child_attr source_dev, set_source_dev: String = "source" / "dev";
        /// Grab every device when grabbed, `all` (`evdev`).
        child_attr source_grab, set_source_grab: String = "source" / "grab";
        /// Key combination that toggles the grab (`evdev`).
        child_attr source_grab_toggle, set_source_grab_toggle: InputGrabToggle = "source" / "grabToggle";
        /// Key repeat (`evdev`).
        child_attr source_repeat, set_source_repeat: OnOff = "source" / "repeat";
        /// ACPI settings.
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}
