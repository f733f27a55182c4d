//! Typed paths into a workflow's input type. [`path!`](crate::path!) checks at compile time that
//! each field exists (rustc's own "no field" error, with its suggestion) and records the field's
//! Rust type, so a condition accepts only fields it can compare: a numeric comparison on a
//! `String` field does not compile.

use std::marker::PhantomData;

/// A JSONPath from the root of a `T` to one of its fields, whose Rust type is `F`. Made by
/// [`path!`](crate::path!).
#[derive(Debug)]
pub struct TypedPath<T, F> {
    text: String,
    marker: PhantomData<fn(&T) -> &F>,
}

impl<T, F> TypedPath<T, F> {
    /// The path `text` (e.g. `$.total`); `field` exists only to make the compiler check that
    /// `T` has that field and to learn its type.
    #[doc(hidden)]
    pub fn new(text: &str, field: fn(&T) -> &F) -> Self {
        let _ = field;
        TypedPath {
            text: text.to_owned(),
            marker: PhantomData,
        }
    }

    /// The JSONPath text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// `path!(Order.total)`: the typed JSONPath `$.total` into an `Order`, checked at compile time.
/// Nested fields chain: `path!(Order.customer.name)` is `$.customer.name`.
#[macro_export]
macro_rules! path {
    ($root:ident $(. $field:ident)+) => {
        $crate::builder::TypedPath::<$root, _>::new(
            concat!("$" $(, ".", stringify!($field))+),
            |value: &$root| &value $(.$field)+,
        )
    };
}

mod sealed {
    pub trait Sealed {}
}

/// What a comparison compares: numbers.
#[derive(Debug)]
pub enum Number {}
/// What a comparison compares: strings (text and timestamps).
#[derive(Debug)]
pub enum Text {}
/// What a comparison compares: booleans.
#[derive(Debug)]
pub enum Boolean {}

/// A Rust field type that holds what a `K` comparison needs.
#[diagnostic::on_unimplemented(
    message = "this condition compares `{K}` values, but the field is a `{Self}`",
    label = "a field of the wrong type for this comparison",
    note = "numeric comparisons take integer or float fields, string and timestamp comparisons `String` fields, `boolean_equals` `bool` fields (each also as `Option<_>`)"
)]
pub trait FieldOf<K>: sealed::Sealed {}

macro_rules! fields {
    ($kind:ident: $($ty:ty),*) => {$(
        impl sealed::Sealed for $ty {}
        #[diagnostic::do_not_recommend]
        impl FieldOf<$kind> for $ty {}
        impl sealed::Sealed for Option<$ty> {}
        #[diagnostic::do_not_recommend]
        impl FieldOf<$kind> for Option<$ty> {}
    )*};
}
fields!(Number: i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);
fields!(Text: String, &'static str);
fields!(Boolean: bool);

/// The `Variable` of a condition: a path written as text (checked when built), or a
/// [`TypedPath`] whose field holds `K` values (checked by the compiler).
pub trait Variable<K> {
    /// The path text.
    #[doc(hidden)]
    fn into_path(self) -> String;
}

impl<K> Variable<K> for &str {
    fn into_path(self) -> String {
        self.to_owned()
    }
}

impl<K> Variable<K> for String {
    fn into_path(self) -> String {
        self
    }
}

impl<K, T, F: FieldOf<K>> Variable<K> for TypedPath<T, F> {
    fn into_path(self) -> String {
        self.text
    }
}

/// The `Variable` of a type test (`IsPresent`, `IsNull`…): any path, typed or not.
pub trait AnyVariable {
    /// The path text.
    #[doc(hidden)]
    fn into_path(self) -> String;
}

impl AnyVariable for &str {
    fn into_path(self) -> String {
        self.to_owned()
    }
}

impl AnyVariable for String {
    fn into_path(self) -> String {
        self
    }
}

impl<T, F> AnyVariable for TypedPath<T, F> {
    fn into_path(self) -> String {
        self.text
    }
}
