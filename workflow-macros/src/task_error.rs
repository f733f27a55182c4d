//! `#[derive(TaskError)]`: each variant of an enum is one Step Functions error name, for a
//! `TaskFn`'s `Err` and for `Retry::on` / `Catch::on` (through `From<E> for String`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Expr, ExprLit, Lit, Meta};

pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`TaskError` is derived for enums: each variant is one error name",
        ));
    };
    let mut arms = Vec::new();
    for variant in &data.variants {
        let ident = &variant.ident;
        let name = name_of(variant)?;
        arms.push(quote! { Self::#ident { .. } => #name });
    }
    let ident = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics ::workflow::builder::TaskError for #ident #type_generics #where_clause {
            fn error(&self) -> ::std::string::String {
                ::std::string::String::from(match self { #(#arms,)* })
            }

            fn cause(&self) -> ::std::string::String {
                ::std::string::ToString::to_string(self)
            }
        }

        impl #impl_generics ::core::convert::From<#ident #type_generics> for ::std::string::String #where_clause {
            fn from(error: #ident #type_generics) -> ::std::string::String {
                ::workflow::builder::TaskError::error(&error)
            }
        }
    })
}

/// The variant's name, or `#[task_error(name = "…")]`; never a `States.` name, which belong to
/// Step Functions.
fn name_of(variant: &syn::Variant) -> syn::Result<String> {
    let mut name = variant.ident.to_string();
    let mut span = variant.ident.span();
    for attr in variant
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("task_error"))
    {
        let Meta::List(list) = &attr.meta else {
            return Err(syn::Error::new_spanned(
                attr,
                "expected `#[task_error(name = \"…\")]`",
            ));
        };
        let pair: syn::MetaNameValue = list.parse_args()?;
        match (&pair.value, pair.path.is_ident("name")) {
            (
                Expr::Lit(ExprLit {
                    lit: Lit::Str(text),
                    ..
                }),
                true,
            ) => {
                name = text.value();
                span = text.span();
            }
            _ => {
                return Err(syn::Error::new_spanned(
                    &pair,
                    "expected `name = \"…\"`: the error name Retry and Catch match",
                ));
            }
        }
    }
    if name.starts_with("States.") {
        return Err(syn::Error::new(
            span,
            format!(
                "`{name}`: names starting with `States.` are Step Functions' own; choose another (rule V505)"
            ),
        ));
    }
    if name.is_empty() {
        return Err(syn::Error::new(span, "an error name cannot be empty"));
    }
    Ok(name)
}
