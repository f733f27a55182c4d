//! The code a checked definition expands to: an enum with one variant per state (the handles
//! tests use), the canonical JSON the model is loaded from, and, with `input = Type`,
//! compile-time checks that each Choice `Variable` names a field of the right type.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;
use workflow_dsl::asl::{Comparison, Condition, OperandKind, States};
use workflow_dsl::{Diagnostic, StateKind, StateMachine};

use crate::check::message;
use crate::input::{Input, Json};

pub fn expand(input: &Input, machine: &StateMachine, warnings: &[Diagnostic]) -> TokenStream {
    let Input {
        attrs,
        vis,
        name,
        input_type,
        json,
        ..
    } = input;
    let warnings = warnings.iter().map(|finding| warning(finding, json));
    let mut names = Vec::new();
    collect_names(&machine.states, &mut names);
    let variants = variant_idents(&names);
    let canonical = machine.to_json_pretty();
    let checks = input_type
        .as_ref()
        .map(|ty| field_checks(ty, machine, json))
        .unwrap_or_default();
    let state_names = names.iter();
    let from_names = names.iter();
    quote! {
        #(#attrs)*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        // The variants are the definition's state names, which follow ASL's naming, not Rust's.
        #[allow(clippy::enum_variant_names)]
        #vis enum #name {
            #(
                #[doc = concat!("The state `", #state_names, "`.")]
                #variants,
            )*
        }

        impl #name {
            /// The definition as canonical ASL JSON, checked by the validator when the macro
            /// expanded.
            pub const JSON: &'static str = #canonical;

            /// Every state, top level first, then each branch and processor.
            pub const ALL: &'static [#name] = &[#(#name::#variants),*];

            /// The state machine.
            pub fn definition() -> ::workflow::StateMachine {
                match ::workflow::StateMachine::from_json(Self::JSON) {
                    ::core::result::Result::Ok(machine) => machine,
                    // Unreachable: the same text loaded without error during expansion.
                    ::core::result::Result::Err(report) => ::core::panic!("{report}"),
                }
            }

            /// The state's name in the definition.
            pub const fn state_name(self) -> &'static str {
                match self {
                    #(#name::#variants => #from_names,)*
                }
            }

            /// The handle of the state named `name`.
            pub fn from_state_name(name: &str) -> ::core::option::Option<Self> {
                Self::ALL.iter().copied().find(|state| state.state_name() == name)
            }
        }

        impl ::core::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.state_name()
            }
        }

        impl ::core::cmp::PartialEq<#name> for &str {
            fn eq(&self, other: &#name) -> bool {
                *self == other.state_name()
            }
        }

        #checks
        #(#warnings)*
    }
}

/// A validator warning as a rustc warning on stable, on the token it is about: the use of a
/// deprecated constant named after the rule, whose note is the finding. `#[allow(deprecated)]`
/// silences it.
fn warning(finding: &Diagnostic, json: &Json) -> TokenStream {
    let span = json.span_of(&finding.pointer);
    let rule = format_ident!("{}", finding.rule.id(), span = span);
    let note = format!(
        "{} (`workflow explain {}` says why)",
        message(finding),
        finding.rule.id()
    );
    let usage = quote_spanned!(span=> #rule);
    quote! {
        const _: () = {
            #[deprecated(note = #note)]
            const #rule: () = ();
            #usage
        };
    }
}

/// Every state name, each container's own states first, then nested containers.
fn collect_names(states: &States, names: &mut Vec<String>) {
    names.extend(states.keys().cloned());
    for state in states.values() {
        match &state.kind {
            StateKind::Parallel(parallel) => {
                for branch in &parallel.branches {
                    collect_names(&branch.states, names);
                }
            }
            StateKind::Map(map) => collect_names(&map.item_processor.states, names),
            _ => {}
        }
    }
}

/// A variant per state: the name itself when it is an identifier, otherwise its words in
/// UpperCamelCase (`"process payment"` → `ProcessPayment`), made unique with a number.
fn variant_idents(names: &[String]) -> Vec<Ident> {
    let is_ident = |name: &String| syn::parse_str::<Ident>(name).is_ok();
    // Names that are identifiers keep them; the others take what is left.
    let mut taken: Vec<String> = names
        .iter()
        .filter(|name| is_ident(name))
        .cloned()
        .collect();
    names
        .iter()
        .map(|name| {
            if is_ident(name) {
                return format_ident!("{}", name);
            }
            let mut base = camel_case(name);
            if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
                base.insert(0, 'S');
            }
            let mut candidate = base.clone();
            let mut n = 2;
            while taken.contains(&candidate) {
                candidate = format!("{base}{n}");
                n += 1;
            }
            taken.push(candidate.clone());
            format_ident!("{}", candidate)
        })
        .collect()
}

fn camel_case(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<String>()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// For each top-level Choice rule that tests `$.a.b`, code that compiles only when the input
/// type has that field with a type the operator can compare, spanned on the `Variable`.
fn field_checks(ty: &syn::Type, machine: &StateMachine, json: &Json) -> TokenStream {
    let mut checks = Vec::new();
    for (state_name, state) in &machine.states {
        let StateKind::Choice(choice) = &state.kind else {
            continue;
        };
        for (index, rule) in choice.choices.iter().enumerate() {
            let pointer = format!("/States/{}/Choices/{index}", escape(state_name));
            condition_checks(&rule.condition, &pointer, ty, json, &mut checks);
        }
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        const _: () = {
            #[allow(dead_code)]
            fn __workflow_input_fields() {
                #(#checks)*
            }
        };
    }
}

fn condition_checks(
    condition: &Condition,
    pointer: &str,
    ty: &syn::Type,
    json: &Json,
    checks: &mut Vec<TokenStream>,
) {
    match condition {
        Condition::Test {
            variable,
            comparison,
        } => {
            let span = json.span_of(&format!("{pointer}/Variable"));
            if let Some(check) = field_check(variable.as_str(), comparison, ty, span) {
                checks.push(check);
            }
        }
        Condition::And(rules) | Condition::Or(rules) => {
            let kind = if matches!(condition, Condition::And(_)) {
                "And"
            } else {
                "Or"
            };
            for (index, rule) in rules.iter().enumerate() {
                condition_checks(
                    &rule.condition,
                    &format!("{pointer}/{kind}/{index}"),
                    ty,
                    json,
                    checks,
                );
            }
        }
        Condition::Not(rule) => {
            condition_checks(&rule.condition, &format!("{pointer}/Not"), ty, json, checks)
        }
        Condition::Jsonata(_) => {}
    }
}

/// `$.a.b` as field identifiers, or `None` for any other shape of path.
fn fields(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix("$.")?;
    let fields: Vec<String> = rest.split('.').map(str::to_owned).collect();
    fields
        .iter()
        .all(|field| syn::parse_str::<Ident>(field).is_ok())
        .then_some(fields)
}

fn field_check(
    path: &str,
    comparison: &Comparison,
    ty: &syn::Type,
    span: Span,
) -> Option<TokenStream> {
    let fields: Vec<Ident> = fields(path)?
        .iter()
        .map(|field| Ident::new(field, span))
        .collect();
    let operator = comparison.operator;
    let kind = match (operator.name().starts_with("Is"), operator.operand_kind()) {
        (true, _) => None,
        (false, OperandKind::Number) => Some(quote!(::workflow::builder::Number)),
        (false, OperandKind::Boolean) => Some(quote!(::workflow::builder::Boolean)),
        (false, OperandKind::String) => Some(quote!(::workflow::builder::Text)),
    };
    Some(match kind {
        Some(kind) => quote_spanned! {span=>
            ::workflow::__private::field_of::<#kind, #ty, _>(|value: &#ty| &value #(.#fields)*);
        },
        None => quote_spanned! {span=>
            ::workflow::__private::field::<#ty, _>(|value: &#ty| &value #(.#fields)*);
        },
    })
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
