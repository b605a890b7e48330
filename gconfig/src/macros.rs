//! The declarative macros: [`xml_enum!`](crate::xml_enum) for string enums and
//! [`xml_element!`](crate::xml_element) for typed views.

/// Declares a string enum whose XML spelling is given per variant, plus an
/// `Other(String)` variant that keeps any unknown value (so it round-trips).
///
/// Generates `as_str()`, `Display` and [`XmlValue`](crate::value::XmlValue)
/// (parsing never fails), and a `VALUES` constant with the known spellings.
///
/// ```
/// libvirt_gconfig::xml_enum! {
///     /// How the guest clock starts.
///     pub enum Offset {
///         /// `utc`
///         Utc = "utc",
///         /// `localtime`
///         Localtime = "localtime",
///     }
/// }
/// use libvirt_gconfig::value::XmlValue;
/// assert_eq!(Offset::from_xml("utc")?, Offset::Utc);
/// assert_eq!(Offset::from_xml("martian")?, Offset::Other("martian".into()));
/// # Ok::<(), libvirt_gconfig::Error>(())
/// ```
#[macro_export]
macro_rules! xml_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $Name:ident {
            $( $(#[$vmeta:meta])* $Variant:ident = $xml:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $Name {
            $( $(#[$vmeta])* $Variant, )*
            /// A value this version does not know, kept as written.
            Other(::std::string::String),
        }

        impl $Name {
            /// The XML spellings of the known values.
            pub const VALUES: &'static [&'static str] = &[$($xml),*];

            /// The XML spelling of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $Name::$Variant => $xml, )*
                    $Name::Other(s) => s,
                }
            }
        }

        impl ::std::fmt::Display for $Name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::value::XmlValue for $Name {
            fn from_xml(s: &str) -> $crate::Result<Self> {
                Ok(match s {
                    $( $xml => $Name::$Variant, )*
                    other => $Name::Other(other.to_owned()),
                })
            }
            fn to_xml(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
    };
}

/// Declares a typed view of an XML element: one line per property.
///
/// ```text
/// xml_element! {
///     /// Docs of the view type.
///     pub struct TypeName = "element", order = ["child1", "child2", ...] {
///         /// Optional docs of a property (a generated line is added).
///         KIND getter, other_names...: Type = "xml" [/ "xml2"];
///         ...
///     }
/// }
/// ```
///
/// `order` (optional) lists the element's children in schema order; new child
/// elements are inserted accordingly. Property lines, by KIND:
///
/// | line | generates |
/// |---|---|
/// | `attr name, set_name: T = "attr";` | `name() -> Result<Option<T>>`, `set_name(Option<T>)` |
/// | `text value, set_value: T;` | the element's own text |
/// | `child_text name, set_name: T = "child";` | text of `<child>`; `None` removes `<child>` |
/// | `child_attr name, set_name: T = "child" / "attr";` | attribute of `<child>` (created on set) |
/// | `flag name, set_name: bool = "child";` | `name() -> bool`: presence of `<child/>` |
/// | `unit_text name, set_name: Size = "unit";` | own text + `unit` attribute ([`UnitValue`](crate::value::UnitValue)) |
/// | `child_unit name, set_name: Size = "child" / "unit";` | text + unit attribute of `<child>` |
/// | `child name, name_or_create, remove_name: View = "child";` | `Option<View>`, `View`, `bool` |
/// | `children names, add_name, remove_name: View = "child";` | `Vec<View>`, `add_name() -> View`, `remove_name(&View) -> bool` |
///
/// `T` implements [`XmlValue`](crate::value::XmlValue) + `PartialEq`; getters
/// follow the conventions in [`view`](crate::view). Every property is also
/// recorded in the type's [`ViewInfo`](crate::view::ViewInfo) (the property
/// table) and read-and-written-back by [`XmlView::touch`](crate::view::XmlView::touch).
///
/// ```
/// use libvirt_gconfig::{xml_element, view::XmlView, value::YesNo, Document};
/// xml_element! {
///     /// `<timer>`
///     pub struct Timer = "timer" {
///         attr name, set_name: String = "name";
///         attr present, set_present: YesNo = "present";
///     }
/// }
/// xml_element! {
///     /// `<clock>`
///     pub struct Clock = "clock", order = ["timer"] {
///         attr offset, set_offset: String = "offset";
///         children timers, add_timer, remove_timer: Timer = "timer";
///     }
/// }
/// let doc = Document::parse("<clock offset='utc'/>")?.into_shared();
/// let root = doc.borrow().root().expect("root");
/// let clock = Clock::from_node(doc.clone(), root);
/// assert_eq!(clock.offset()?.as_deref(), Some("utc"));
/// clock.add_timer().set_name(Some("rtc".into()));
/// assert_eq!(doc.borrow().to_xml(), "<clock offset='utc'>\n  <timer name='rtc'/>\n</clock>");
/// # Ok::<(), libvirt_gconfig::Error>(())
/// ```
#[macro_export]
macro_rules! xml_element {
    (
        $(#[$meta:meta])*
        $vis:vis struct $Name:ident = $elem:literal $(, order = [$($ord:literal),* $(,)?])? {
            $(
                $(#[$pmeta:meta])*
                $kind:ident $prop:ident $(, $extra:ident)* : $ty:ty $(= $a:literal $(/ $b:literal)?)? ;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone)]
        $vis struct $Name {
            doc: $crate::dom::SharedDocument,
            node: $crate::dom::NodeId,
        }

        impl ::std::fmt::Debug for $Name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($Name)).field("node", &self.node).finish_non_exhaustive()
            }
        }

        impl ::std::cmp::PartialEq for $Name {
            fn eq(&self, other: &Self) -> bool {
                ::std::rc::Rc::ptr_eq(&self.doc, &other.doc) && self.node == other.node
            }
        }

        impl $crate::view::XmlView for $Name {
            const ELEMENT: &'static str = $elem;
            const ORDER: &'static [&'static str] = &[$($($ord),*)?];

            fn from_node(doc: $crate::dom::SharedDocument, node: $crate::dom::NodeId) -> Self {
                $Name { doc, node }
            }
            fn document(&self) -> &$crate::dom::SharedDocument {
                &self.doc
            }
            fn node(&self) -> $crate::dom::NodeId {
                self.node
            }
            fn info() -> &'static $crate::view::ViewInfo {
                static INFO: $crate::view::ViewInfo = $crate::view::ViewInfo {
                    type_name: stringify!($Name),
                    element: $elem,
                    order: &[$($($ord),*)?],
                    properties: &[
                        $( $crate::__xml_prop!(@info $kind $prop : $ty $(= $a $(/ $b)?)?), )*
                    ],
                };
                &INFO
            }
            #[allow(unused_variables)]
            fn touch(&self, errors: &mut ::std::vec::Vec<$crate::Error>) {
                $crate::view::exercise::suspended(|| {
                    $( $crate::__xml_prop!(@touch self errors; $kind $prop $(, $extra)* : $ty); )*
                })
            }
        }

        impl $Name {
            $(
                $crate::__xml_prop!(@method $elem; [$(#[$pmeta])*] $kind $prop $(, $extra)* : $ty $(= $a $(/ $b)?)?);
            )*
        }
    };
}

/// Implementation detail of [`xml_element!`](crate::xml_element): one property line.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_prop {
    // ----- property table entries -----
    (@info attr $prop:ident : $ty:ty = $a:literal) => {
        $crate::view::PropertyInfo { name: stringify!($prop), kind: $crate::view::PropertyKind::Attr, child: None, attr: Some($a), view: None }
    };
    (@info text $prop:ident : $ty:ty) => {
        $crate::view::PropertyInfo { name: stringify!($prop), kind: $crate::view::PropertyKind::Text, child: None, attr: None, view: None }
    };
    (@info child_text $prop:ident : $ty:ty = $c:literal) => {
        $crate::view::PropertyInfo { name: stringify!($prop), kind: $crate::view::PropertyKind::ChildText, child: Some($c), attr: None, view: None }
    };
    (@info child_attr $prop:ident : $ty:ty = $c:literal / $a:literal) => {
        $crate::view::PropertyInfo { name: stringify!($prop), kind: $crate::view::PropertyKind::ChildAttr, child: Some($c), attr: Some($a), view: None }
    };
    (@info flag $prop:ident : $ty:ty = $c:literal) => {
        $crate::view::PropertyInfo { name: stringify!($prop), kind: $crate::view::PropertyKind::Flag, child: Some($c), attr: None, view: None }
    };
    (@info unit_text $prop:ident : $ty:ty = $u:literal) => {
        $crate::view::PropertyInfo { name: stringify!($prop), kind: $crate::view::PropertyKind::UnitText, child: None, attr: Some($u), view: None }
    };
    (@info child_unit $prop:ident : $ty:ty = $c:literal / $u:literal) => {
        $crate::view::PropertyInfo { name: stringify!($prop), kind: $crate::view::PropertyKind::ChildUnit, child: Some($c), attr: Some($u), view: None }
    };
    (@info child $prop:ident : $ty:ty = $c:literal) => {
        $crate::view::PropertyInfo { name: stringify!($prop), kind: $crate::view::PropertyKind::Child, child: Some($c), attr: None,
            view: Some(<$ty as $crate::view::XmlView>::info) }
    };
    (@info children $prop:ident : $ty:ty = $c:literal) => {
        $crate::view::PropertyInfo { name: stringify!($prop), kind: $crate::view::PropertyKind::Children, child: Some($c), attr: None,
            view: Some(<$ty as $crate::view::XmlView>::info) }
    };

    // ----- touch (read and write back) -----
    (@touch $s:ident $errors:ident; flag $get:ident, $set:ident : $ty:ty) => {
        { let v = $s.$get(); $s.$set(v); }
    };
    (@touch $s:ident $errors:ident; child $get:ident, $create:ident, $remove:ident : $ty:ty) => {
        if let Some(c) = $s.$get() { $crate::view::XmlView::touch(&c, $errors); }
    };
    (@touch $s:ident $errors:ident; children $get:ident, $add:ident, $remove:ident : $ty:ty) => {
        for c in $s.$get() { $crate::view::XmlView::touch(&c, $errors); }
    };
    (@touch $s:ident $errors:ident; $kind:ident $get:ident, $set:ident : $ty:ty) => {
        $crate::view::touch_value(|| $s.$get(), |v| $s.$set(v), $errors)
    };

    // ----- methods -----
    (@method $elem:literal; [$(#[$pm:meta])*] attr $get:ident, $set:ident : $ty:ty = $a:literal) => {
        $(#[$pm])*
        #[doc = concat!("The `", $a, "` attribute of `<", $elem, ">`.")]
        ///
        /// # Errors
        /// [`Error::InvalidProperty`](crate::Error::InvalidProperty) when the value does not parse.
        pub fn $get(&self) -> $crate::Result<Option<$ty>> {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Read);
            $crate::view::get_attr(&self.doc, self.node, $a, $elem, stringify!($get))
        }
        #[doc = concat!("Sets (`None`: removes) the `", $a, "` attribute of `<", $elem, ">`.")]
        pub fn $set(&self, value: Option<$ty>) {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::set_attr(&self.doc, self.node, $a, |n| <Self as $crate::view::XmlView>::info().attr_rank(n), value.as_ref())
        }
    };
    (@method $elem:literal; [$(#[$pm:meta])*] text $get:ident, $set:ident : $ty:ty) => {
        $(#[$pm])*
        #[doc = concat!("The text of `<", $elem, ">`.")]
        ///
        /// # Errors
        /// [`Error::InvalidProperty`](crate::Error::InvalidProperty) when the text does not parse.
        pub fn $get(&self) -> $crate::Result<Option<$ty>> {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Read);
            $crate::view::get_text(&self.doc, self.node, $elem, stringify!($get))
        }
        #[doc = concat!("Sets (`None`: clears) the text of `<", $elem, ">`.")]
        pub fn $set(&self, value: Option<$ty>) {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::set_text(&self.doc, self.node, value.as_ref())
        }
    };
    (@method $elem:literal; [$(#[$pm:meta])*] child_text $get:ident, $set:ident : $ty:ty = $c:literal) => {
        $(#[$pm])*
        #[doc = concat!("The text of `<", $elem, "><", $c, ">`.")]
        ///
        /// # Errors
        /// [`Error::InvalidProperty`](crate::Error::InvalidProperty) when the text does not parse.
        pub fn $get(&self) -> $crate::Result<Option<$ty>> {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Read);
            $crate::view::get_child_text(&self.doc, self.node, $c, $elem, stringify!($get))
        }
        #[doc = concat!("Sets the text of `<", $elem, "><", $c, ">` (`None`: removes the element).")]
        pub fn $set(&self, value: Option<$ty>) {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::set_child_text(&self.doc, self.node, $c, <Self as $crate::view::XmlView>::ORDER, value.as_ref())
        }
    };
    (@method $elem:literal; [$(#[$pm:meta])*] child_attr $get:ident, $set:ident : $ty:ty = $c:literal / $a:literal) => {
        $(#[$pm])*
        #[doc = concat!("The `", $a, "` attribute of `<", $elem, "><", $c, ">`.")]
        ///
        /// # Errors
        /// [`Error::InvalidProperty`](crate::Error::InvalidProperty) when the value does not parse.
        pub fn $get(&self) -> $crate::Result<Option<$ty>> {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Read);
            $crate::view::get_child_attr(&self.doc, self.node, $c, $a, $elem, stringify!($get))
        }
        #[doc = concat!("Sets (`None`: removes) the `", $a, "` attribute of `<", $elem, "><", $c, ">`.")]
        pub fn $set(&self, value: Option<$ty>) {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::set_child_attr(&self.doc, self.node, $c, $a, <Self as $crate::view::XmlView>::ORDER, |n| <Self as $crate::view::XmlView>::info().child_attr_rank($c, n), value.as_ref())
        }
    };
    (@method $elem:literal; [$(#[$pm:meta])*] flag $get:ident, $set:ident : $ty:ty = $c:literal) => {
        $(#[$pm])*
        #[doc = concat!("Whether `<", $elem, ">` has a `<", $c, "/>` child.")]
        pub fn $get(&self) -> $ty {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Read);
            $crate::view::get_flag(&self.doc, self.node, $c)
        }
        #[doc = concat!("Adds or removes the `<", $c, "/>` child of `<", $elem, ">`.")]
        pub fn $set(&self, on: $ty) {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::set_flag(&self.doc, self.node, $c, <Self as $crate::view::XmlView>::ORDER, on)
        }
    };
    (@method $elem:literal; [$(#[$pm:meta])*] unit_text $get:ident, $set:ident : $ty:ty = $u:literal) => {
        $(#[$pm])*
        #[doc = concat!("The value of `<", $elem, ">` with its `", $u, "` attribute.")]
        ///
        /// # Errors
        /// [`Error::InvalidProperty`](crate::Error::InvalidProperty) for a bad number or unit.
        pub fn $get(&self) -> $crate::Result<Option<$ty>> {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Read);
            $crate::view::get_unit(&self.doc, self.node, None, $u, $elem, stringify!($get))
        }
        #[doc = concat!("Sets the value and `", $u, "` attribute of `<", $elem, ">`.")]
        pub fn $set(&self, value: Option<$ty>) {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::set_unit(&self.doc, self.node, None, $u, &[], value.as_ref())
        }
    };
    (@method $elem:literal; [$(#[$pm:meta])*] child_unit $get:ident, $set:ident : $ty:ty = $c:literal / $u:literal) => {
        $(#[$pm])*
        #[doc = concat!("The value of `<", $elem, "><", $c, ">` with its `", $u, "` attribute.")]
        ///
        /// # Errors
        /// [`Error::InvalidProperty`](crate::Error::InvalidProperty) for a bad number or unit.
        pub fn $get(&self) -> $crate::Result<Option<$ty>> {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Read);
            $crate::view::get_unit(&self.doc, self.node, Some($c), $u, $elem, stringify!($get))
        }
        #[doc = concat!("Sets the value and `", $u, "` attribute of `<", $elem, "><", $c, ">` (`None`: removes the element).")]
        pub fn $set(&self, value: Option<$ty>) {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::set_unit(&self.doc, self.node, Some($c), $u, <Self as $crate::view::XmlView>::ORDER, value.as_ref())
        }
    };
    (@method $elem:literal; [$(#[$pm:meta])*] child $get:ident, $create:ident, $remove:ident : $ty:ty = $c:literal) => {
        $(#[$pm])*
        #[doc = concat!("The `<", $c, ">` child of `<", $elem, ">`.")]
        pub fn $get(&self) -> Option<$ty> {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Read);
            $crate::view::child_view(&self.doc, self.node, $c)
        }
        #[doc = concat!("The `<", $c, ">` child of `<", $elem, ">`, created (in schema order) if missing.")]
        pub fn $create(&self) -> $ty {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::child_view_or_create(&self.doc, self.node, $c, <Self as $crate::view::XmlView>::ORDER)
        }
        #[doc = concat!("Removes the `<", $c, ">` child of `<", $elem, ">`; returns whether there was one.")]
        pub fn $remove(&self) -> bool {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::remove_children_named(&self.doc, self.node, $c)
        }
    };
    (@method $elem:literal; [$(#[$pm:meta])*] children $get:ident, $add:ident, $remove:ident : $ty:ty = $c:literal) => {
        $(#[$pm])*
        #[doc = concat!("The `<", $c, ">` children of `<", $elem, ">`, in document order.")]
        pub fn $get(&self) -> Vec<$ty> {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Read);
            $crate::view::children_views(&self.doc, self.node, $c)
        }
        #[doc = concat!("Adds a new empty `<", $c, ">` to `<", $elem, ">` after the existing ones (in schema order).")]
        pub fn $add(&self) -> $ty {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::add_child_view(&self.doc, self.node, $c, <Self as $crate::view::XmlView>::ORDER)
        }
        #[doc = concat!("Removes a `<", $c, ">` child of `<", $elem, ">`; returns whether it was one.")]
        pub fn $remove(&self, item: &$ty) -> bool {
            $crate::view::exercise::hit(<Self as $crate::view::XmlView>::info, stringify!($get), $crate::view::exercise::Op::Write);
            $crate::view::remove_child_view(&self.doc, self.node, item)
        }
    };
}
