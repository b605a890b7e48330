//! `GVirConfigObject`, the base of every LibvirtGConfig class, and [`config_class!`],
//! which declares a subclass.

use std::cell::RefCell;
use std::ffi::c_char;

use glib::ffi::GError;
use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::subclass::prelude::*;
use glib::translate::*;
use libvirt_gconfig::dom::{Document, NodeId, NodeKind, SharedDocument};
use libvirt_gconfig::view::XmlView;

use crate::ffi::{guard, obj, opt_str, set_error};

/// Error domain of LibvirtGConfig (`gvir-config-object`, as the C library's
/// `GVIR_CONFIG_OBJECT_ERROR`).
pub fn error(message: impl std::fmt::Display) -> glib::Error {
    let quark = glib::Quark::from_str("gvir-config-object");
    // SAFETY: g_error_new_literal copies the message.
    unsafe {
        from_glib_full(glib::ffi::g_error_new_literal(
            quark.into_glib(),
            0,
            message.to_string().to_glib_none().0,
        ))
    }
}

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct ConfigObject {
        pub(super) node: RefCell<Option<(SharedDocument, NodeId)>>,
        pub(super) schema: RefCell<Option<String>>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for ConfigObject {
        const NAME: &'static str = "GVirConfigObject";
        type Type = super::ConfigObject;
    }

    impl ObjectImpl for ConfigObject {
        fn properties() -> &'static [glib::ParamSpec] {
            static P: std::sync::OnceLock<Vec<glib::ParamSpec>> = std::sync::OnceLock::new();
            P.get_or_init(|| {
                vec![glib::ParamSpecString::builder("schema")
                    .nick("File of RNG schema")
                    .blurb("File name of the RNG schema")
                    .construct_only()
                    .build()]
            })
        }

        fn set_property(&self, _id: usize, value: &glib::Value, pspec: &glib::ParamSpec) {
            if pspec.name() == "schema" {
                self.schema
                    .replace(value.get().expect("a string, checked by GObject"));
            }
        }

        fn property(&self, _id: usize, pspec: &glib::ParamSpec) -> glib::Value {
            match pspec.name() {
                "schema" => self.schema.borrow().to_value(),
                _ => glib::Value::from_type(pspec.value_type()),
            }
        }
    }
}

glib::wrapper! {
    /// `GVirConfigObject`: one element of a libvirt XML document.
    pub struct ConfigObject(ObjectSubclass<imp::ConfigObject>);
}

/// Implemented by every subclass of [`ConfigObject`].
pub trait ConfigObjectImpl: ObjectImpl {}

// SAFETY: ConfigObject's class needs no per-subclass initialisation.
unsafe impl<T: ConfigObjectImpl> IsSubclassable<T> for ConfigObject {}

impl ConfigObject {
    /// A new object of GType `ty` (a subclass) over `node` of `doc`.
    pub fn wrap(ty: glib::Type, doc: SharedDocument, node: NodeId) -> ConfigObject {
        let o: ConfigObject = glib::Object::with_type(ty)
            .downcast()
            .expect("ty is a GVirConfigObject subclass");
        o.imp().node.replace(Some((doc, node)));
        o
    }

    /// Parses `xml` into a new object of GType `ty` whose root element must be `root`.
    ///
    /// # Errors
    /// Parse errors and a wrong root element, in the `gvir-config-object` domain.
    pub fn from_xml(ty: glib::Type, root: &str, xml: &str) -> Result<ConfigObject, glib::Error> {
        let doc = Document::parse(xml)
            .map_err(|e| error(format!("Unable to parse configuration: {e}")))?;
        // As the C library: the document's first node must be the root element named
        // `root` (a comment or processing instruction before it does not do).
        let first = doc.children(doc.document_node()).find(|c| {
            !matches!(
                doc.kind(*c),
                Some(NodeKind::Text | NodeKind::Declaration | NodeKind::Raw)
            )
        });
        match first {
            Some(r) if doc.is_element(r) && doc.name(r) == root => {
                Ok(ConfigObject::wrap(ty, doc.into_shared(), r))
            }
            _ => Err(error(format!("XML data has no '{root}' node"))),
        }
    }

    /// A new object of GType `ty` over a new document whose root element is `root`.
    pub fn new_empty(ty: glib::Type, root: &str) -> ConfigObject {
        let doc = Document::with_root(root);
        let r = doc.root().unwrap_or_else(|| doc.document_node());
        ConfigObject::wrap(ty, doc.into_shared(), r)
    }

    /// The document and element this object is a view of (set at construction).
    pub fn node(&self) -> Option<(SharedDocument, NodeId)> {
        self.imp().node.borrow().clone()
    }

    /// This object as the typed libvirt-gconfig view `V`.
    pub fn view<V: XmlView>(&self) -> Option<V> {
        self.node().map(|(d, n)| V::from_node(d, n))
    }

    /// Points this object at another element (after the C ABI moved its element into
    /// another document).
    pub fn set_node(&self, doc: SharedDocument, node: NodeId) {
        self.imp().node.replace(Some((doc, node)));
    }

    /// The serialization of the element (and its subtree) as the C library writes it
    /// (libxml2's `xmlNodeDump`).
    pub fn to_xml(&self) -> String {
        let mut out = String::new();
        if let Some((doc, node)) = self.node() {
            doc.borrow().write_node_libxml2(node, &mut out);
        }
        out
    }

    /// The RNG schema file the document validates against, if set.
    pub fn schema(&self) -> Option<String> {
        self.imp().schema.borrow().clone()
    }

    /// Sets the RNG schema file (`gvir_config_object_new` and `_new_from_xml`).
    pub fn set_schema(&self, schema: Option<String>) {
        self.imp().schema.replace(schema);
    }
}

/// Declares a `GVirConfigXxx` subclass: `config_class!(Domain, DomainImp =
/// "GVirConfigDomain", ConfigObject; [ConfigObject]);` — the wrapper type, its
/// implementation struct and GType name, the parent, then every ancestor for `@extends`.
/// `@abstract` before the name makes the class abstract; `; props = P` after the
/// ancestors gives the class the GObject properties of `P` (a [`ConfigProps`]).
#[macro_export]
macro_rules! config_class {
    ($(#[$doc:meta])* @abstract $Name:ident, $Imp:ident = $gtype:literal, $Parent:ty; [$($Anc:ty),*]) => {
        $crate::config_class!(@impl true; $(#[$doc])* $Name, $Imp = $gtype, $Parent; [$($Anc),*]);
        impl glib::subclass::object::ObjectImpl for $Imp {}
    };
    ($(#[$doc:meta])* $Name:ident, $Imp:ident = $gtype:literal, $Parent:ty; [$($Anc:ty),*]) => {
        $crate::config_class!(@impl false; $(#[$doc])* $Name, $Imp = $gtype, $Parent; [$($Anc),*]);
        impl glib::subclass::object::ObjectImpl for $Imp {}
    };
    ($(#[$doc:meta])* $Name:ident, $Imp:ident = $gtype:literal, $Parent:ty; [$($Anc:ty),*]; props = $P:ty) => {
        $crate::config_class!(@impl false; $(#[$doc])* $Name, $Imp = $gtype, $Parent; [$($Anc),*]);
        impl glib::subclass::object::ObjectImpl for $Imp {
            fn properties() -> &'static [glib::ParamSpec] {
                <$P as $crate::config::object::ConfigProps>::properties()
            }
            fn set_property(&self, _id: usize, value: &glib::Value, pspec: &glib::ParamSpec) {
                use glib::subclass::prelude::ObjectSubclassExt;
                <$P as $crate::config::object::ConfigProps>::set(
                    glib::prelude::Cast::upcast_ref(&*self.obj()), pspec, value,
                )
            }
            fn property(&self, _id: usize, pspec: &glib::ParamSpec) -> glib::Value {
                use glib::subclass::prelude::ObjectSubclassExt;
                <$P as $crate::config::object::ConfigProps>::get(
                    glib::prelude::Cast::upcast_ref(&*self.obj()), pspec,
                )
            }
        }
    };
    (@impl $abstract:literal; $(#[$doc:meta])* $Name:ident, $Imp:ident = $gtype:literal, $Parent:ty; [$($Anc:ty),*]) => {
        #[doc = concat!("Implementation of [`", stringify!($Name), "`].")]
        #[derive(Default)]
        pub struct $Imp;
        #[glib::object_subclass]
        impl glib::subclass::types::ObjectSubclass for $Imp {
            const NAME: &'static str = $gtype;
            const ABSTRACT: bool = $abstract;
            type Type = $Name;
            type ParentType = $Parent;
        }
        impl $crate::config::object::ConfigObjectImpl for $Imp {}
        glib::wrapper! {
            $(#[$doc])*
            pub struct $Name(ObjectSubclass<$Imp>) @extends $($Anc),*;
        }
        // SAFETY: no per-subclass class initialisation is needed.
        unsafe impl<T: $crate::config::object::ConfigObjectImpl>
            glib::subclass::types::IsSubclassable<T> for $Name {}
    };
}

/// The GObject properties of a `GVirConfigXxx` class (`config_class!(...; props = P)`).
pub trait ConfigProps {
    /// The class's properties.
    fn properties() -> &'static [glib::ParamSpec];
    /// Sets property `pspec` of `obj` (an instance of the class).
    fn set(obj: &ConfigObject, pspec: &glib::ParamSpec, value: &glib::Value);
    /// Reads property `pspec` of `obj`.
    fn get(obj: &ConfigObject, pspec: &glib::ParamSpec) -> glib::Value;
}

/// `gvir_config_object_to_xml`: the element's XML (transfer full).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_object_to_xml(config: *mut GObject) -> *mut c_char {
    guard("gvir_config_object_to_xml", std::ptr::null_mut(), || {
        // SAFETY: config is checked to be a GVirConfigObject.
        let Some(o) = (unsafe { obj::<ConfigObject>("gvir_config_object_to_xml", config) }) else {
            return std::ptr::null_mut();
        };
        o.to_xml().to_glib_full()
    })
}

/// `gvir_config_object_get_schema`: the schema path (transfer none).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_object_get_schema(config: *mut GObject) -> *const c_char {
    guard("gvir_config_object_get_schema", std::ptr::null(), || {
        // SAFETY: config is checked to be a GVirConfigObject.
        let Some(o) = (unsafe { obj::<ConfigObject>("gvir_config_object_get_schema", config) })
        else {
            return std::ptr::null();
        };
        crate::ffi::cached_str(&*o, "gvir_config_object_get_schema", o.schema().as_deref())
    })
}

/// The RNG schema the C library gives the documents its `_new` and `_new_from_xml`
/// functions make, by class (elements inside a document have none).
pub fn document_schema(ty: glib::Type) -> Option<String> {
    const SCHEMAS: &[(&str, &str)] = &[
        ("GVirConfigCapabilities", "capability"),
        ("GVirConfigDomain", "domain"),
        ("GVirConfigDomainCapabilities", "domaincaps"),
        ("GVirConfigDomainSnapshot", "domainsnapshot"),
        ("GVirConfigInterface", "interface"),
        ("GVirConfigNetwork", "network"),
        ("GVirConfigNetworkFilter", "nwfilter"),
        ("GVirConfigNodeDevice", "nodedev"),
        ("GVirConfigSecret", "secret"),
        ("GVirConfigStoragePool", "storagepool"),
        ("GVirConfigStorageVol", "storage_vol"),
    ];
    SCHEMAS
        .iter()
        .find(|(name, _)| ty.name() == *name)
        .map(|(_, rng)| format!("/usr/share/libvirt/schemas/{rng}.rng"))
}

/// Shared body of the `gvir_config_xxx_new_from_xml` functions (transfer full).
///
/// # Safety
/// `xml` NULL or a C string, `err` NULL or a NULL `GError*`.
pub unsafe fn new_from_xml(
    func: &str,
    ty: glib::Type,
    root: &str,
    xml: *const c_char,
    err: *mut *mut GError,
) -> *mut GObject {
    guard(func, std::ptr::null_mut(), || {
        crate::check!(func, !xml.is_null(), std::ptr::null_mut());
        // SAFETY: checked non-NULL; a C string per the contract.
        let text = unsafe { opt_str(xml) }.unwrap_or_default();
        match ConfigObject::from_xml(ty, root, &text) {
            Ok(o) => {
                o.set_schema(document_schema(ty));
                o.upcast::<glib::Object>().into_glib_ptr()
            }
            // SAFETY: per the contract.
            Err(e) => unsafe { set_error(err, e, std::ptr::null_mut()) },
        }
    })
}
