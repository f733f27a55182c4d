//! The macro's input: a header (`pub Name(input = Type)`) and an ASL definition written as JSON
//! tokens. The JSON is turned into text for the loader, remembering the span of every value by
//! its JSON pointer so that each finding lands on the token it is about.

use std::collections::BTreeMap;

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Ident, Lit, Token, Type, Visibility};
use workflow_dsl::Profile;

/// `#[attrs] pub Name(input = Type, type = Express) { "StartAt": …, "States": {…} }`.
pub struct Input {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
    pub input_type: Option<Type>,
    /// The rules to check: `aws` for a STANDARD machine (the default), `aws-express` with
    /// `type = Express`.
    pub profile: Profile,
    pub json: Json,
}

/// The definition as JSON text, with the span of each value by JSON pointer.
pub struct Json {
    pub text: String,
    pub spans: BTreeMap<String, Span>,
    /// The span of the whole definition, for findings about the top level.
    pub whole: Span,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let name: Ident = input.parse()?;
        let mut input_type = None;
        let mut profile = Profile::Aws;
        if input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            while !content.is_empty() {
                if content.peek(Token![type]) {
                    content.parse::<Token![type]>()?;
                    content.parse::<Token![=]>()?;
                    let kind: Ident = content.parse()?;
                    profile = match kind.to_string().as_str() {
                        "Standard" => Profile::Aws,
                        "Express" => Profile::AwsExpress,
                        _ => {
                            return Err(syn::Error::new(
                                kind.span(),
                                "expected `Standard` or `Express`: the state machine's type",
                            ));
                        }
                    };
                } else {
                    let key: Ident = content.parse()?;
                    if key != "input" {
                        return Err(syn::Error::new(
                            key.span(),
                            "expected `input = Type` (the execution input's type) or `type = Express`",
                        ));
                    }
                    content.parse::<Token![=]>()?;
                    input_type = Some(content.parse()?);
                }
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
        }
        let body: TokenTree = input.parse()?;
        let json = match &body {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                let mut json = Json {
                    text: String::new(),
                    spans: BTreeMap::new(),
                    whole: group.span(),
                };
                json.value(
                    &body,
                    &mut Vec::new(),
                    &mut Vec::new().into_iter().peekable(),
                )?;
                json
            }
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "expected the definition as a JSON object: `{ \"StartAt\": ..., \"States\": {...} }`",
                ));
            }
        };
        if !input.is_empty() {
            return Err(input.error("nothing may follow the definition's closing brace"));
        }
        Ok(Input {
            attrs,
            vis,
            name,
            input_type,
            profile,
            json,
        })
    }
}

type Tokens = std::iter::Peekable<std::vec::IntoIter<TokenTree>>;

impl Json {
    /// Appends the JSON value that `first` starts (a `-` takes the number after it from `rest`).
    fn value(
        &mut self,
        first: &TokenTree,
        path: &mut Vec<String>,
        rest: &mut Tokens,
    ) -> syn::Result<()> {
        self.spans.insert(pointer(path), first.span());
        match first {
            TokenTree::Group(group) => match group.delimiter() {
                Delimiter::Brace => self.object(group.stream(), path),
                Delimiter::Bracket => self.array(group.stream(), path),
                _ => Err(syn::Error::new(group.span(), "expected a JSON value")),
            },
            TokenTree::Ident(ident) => {
                let word = ident.to_string();
                match word.as_str() {
                    "true" | "false" | "null" => {
                        self.text.push_str(&word);
                        Ok(())
                    }
                    _ => Err(syn::Error::new(
                        ident.span(),
                        format!(
                            "expected a JSON value; write the text `{word}` as a string: \"{word}\""
                        ),
                    )),
                }
            }
            TokenTree::Punct(punct) if punct.as_char() == '-' => match rest.next() {
                Some(TokenTree::Literal(literal)) => {
                    self.text.push('-');
                    self.literal(&TokenTree::Literal(literal))
                }
                _ => Err(syn::Error::new(punct.span(), "expected a number after `-`")),
            },
            TokenTree::Literal(_) => self.literal(first),
            TokenTree::Punct(punct) => Err(syn::Error::new(punct.span(), "expected a JSON value")),
        }
    }

    fn literal(&mut self, token: &TokenTree) -> syn::Result<()> {
        let lit: Lit = syn::parse2(token.clone().into())?;
        match &lit {
            Lit::Str(text) => {
                self.text.push_str(&quote_json(&text.value()));
                Ok(())
            }
            Lit::Int(int) if int.suffix().is_empty() => {
                self.text.push_str(int.base10_digits());
                Ok(())
            }
            Lit::Float(float) if float.suffix().is_empty() => {
                self.text.push_str(float.base10_digits());
                Ok(())
            }
            _ => Err(syn::Error::new(
                token.span(),
                "expected a JSON value: a string in double quotes, a number without suffix, true, false or null",
            )),
        }
    }

    fn object(&mut self, stream: TokenStream, path: &mut Vec<String>) -> syn::Result<()> {
        let mut tokens: Tokens = stream
            .into_iter()
            .collect::<Vec<_>>()
            .into_iter()
            .peekable();
        self.text.push('{');
        let mut first = true;
        while let Some(key) = tokens.next() {
            let key_text = match &key {
                TokenTree::Literal(_) => match syn::parse2::<Lit>(key.clone().into()) {
                    Ok(Lit::Str(text)) => text.value(),
                    _ => {
                        return Err(syn::Error::new(
                            key.span(),
                            "expected a member name in double quotes",
                        ));
                    }
                },
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        "expected a member name in double quotes",
                    ));
                }
            };
            match tokens.next() {
                Some(TokenTree::Punct(colon)) if colon.as_char() == ':' => {}
                other => {
                    let span = other.map_or(key.span(), |t| t.span());
                    return Err(syn::Error::new(
                        span,
                        format!("expected `:` after \"{key_text}\""),
                    ));
                }
            }
            let Some(value) = tokens.next() else {
                return Err(syn::Error::new(
                    key.span(),
                    format!("\"{key_text}\" has no value"),
                ));
            };
            if !first {
                self.text.push(',');
            }
            first = false;
            self.text.push_str(&quote_json(&key_text));
            self.text.push(':');
            path.push(key_text);
            self.value(&value, path, &mut tokens)?;
            path.pop();
            separator(&mut tokens)?;
        }
        self.text.push('}');
        Ok(())
    }

    fn array(&mut self, stream: TokenStream, path: &mut Vec<String>) -> syn::Result<()> {
        let mut tokens: Tokens = stream
            .into_iter()
            .collect::<Vec<_>>()
            .into_iter()
            .peekable();
        self.text.push('[');
        let mut index = 0;
        while let Some(value) = tokens.next() {
            if index > 0 {
                self.text.push(',');
            }
            path.push(index.to_string());
            self.value(&value, path, &mut tokens)?;
            path.pop();
            index += 1;
            separator(&mut tokens)?;
        }
        self.text.push(']');
        Ok(())
    }

    /// The span of the value at `pointer`, or of its nearest ancestor that has one.
    pub fn span_of(&self, pointer: &str) -> Span {
        let mut pointer = pointer;
        loop {
            if let Some(span) = self.spans.get(pointer) {
                return *span;
            }
            match pointer.rfind('/') {
                Some(at) => pointer = &pointer[..at],
                None => return self.whole,
            }
        }
    }
}

/// A `,` between members or elements (one after the last is allowed, as in Rust).
fn separator(tokens: &mut Tokens) -> syn::Result<()> {
    match tokens.next() {
        None => Ok(()),
        Some(TokenTree::Punct(comma)) if comma.as_char() == ',' => Ok(()),
        Some(other) => Err(syn::Error::new(
            other.span(),
            "expected `,` between JSON members",
        )),
    }
}

/// RFC 6901 pointer of a member path.
fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|key| format!("/{}", key.replace('~', "~0").replace('/', "~1")))
        .collect()
}

fn quote_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
