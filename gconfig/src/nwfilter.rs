//! The `<filterbinding>` document and the filter references it shares with
//! network filters.

use crate::documents::document_type;
use crate::networkport::NetworkPortOwner;
use crate::xml_element;

xml_element! {
    /// A network filter binding, the `<filterbinding>` document: which filter
    /// applies to which port.
    pub struct NwFilterBinding = "filterbinding", order = ["owner", "portdev", "linkdev", "mac", "filterref"] {
        /// The owning domain.
        child owner, owner_or_create, remove_owner: NetworkPortOwner = "owner";
        /// The host-side port device.
        child_attr portdev, set_portdev: String = "portdev" / "name";
        /// The link device (macvtap parent).
        child_attr linkdev, set_linkdev: String = "linkdev" / "name";
        /// MAC address of the guest interface.
        child_attr mac_address, set_mac_address: String = "mac" / "address";
        /// The filter applied.
        child filterref, filterref_or_create, remove_filterref: NwFilterRef = "filterref";
    }
}

document_type!(NwFilterBinding, "a network filter binding");

xml_element! {
    /// `<filterref>`: a reference to a filter, with parameters.
    pub struct NwFilterRef = "filterref", order = ["parameter"] {
        /// Name of the referenced filter.
        attr filter, set_filter: String = "filter";
        /// Parameters passed to the filter.
        children parameters, add_parameter, remove_parameter: NwFilterParameter = "parameter";
    }
}

xml_element! {
    /// `<filterref><parameter>`.
    pub struct NwFilterParameter = "parameter" {
        /// Parameter name (`MAC`, `IP`, ...).
        attr name, set_name: String = "name";
        /// Value.
        attr value, set_value: String = "value";
    }
}
