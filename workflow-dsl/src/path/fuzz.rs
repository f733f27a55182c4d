//! Pseudo-random inputs for the parser: it must never panic, and every path it accepts must
//! re-parse identically from its source text and from its canonical rendering.

use super::{Path, PathErrorKind, ReferencePath};

/// Marsaglia's xorshift64: deterministic, so a failure reproduces on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, bound: usize) -> usize {
        // The bound is tiny, so the modulo bias does not matter here.
        usize::try_from(self.next() % bound as u64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const CHARACTERS: &[&str] = &[
    "$",
    "$",
    ".",
    ".",
    "[",
    "]",
    "'",
    "\"",
    "*",
    "?",
    "@",
    ":",
    ",",
    "(",
    ")",
    "\\",
    " ",
    "a",
    "b",
    "0",
    "1",
    "-",
    "=",
    "<",
    ">",
    "!",
    "&",
    "|",
    "é",
    "\u{1F600}",
    "e",
];

const ROOTS: &[&str] = &["$", "$$", "$x", "$café", "@", "", "$ "];

const STEPS: &[&str] = &[
    ".a",
    ".b-c",
    ".*",
    "..",
    "..x",
    "..*",
    "[0]",
    "[-1]",
    "['a b']",
    "[\"q\\\"x\"]",
    "['it\\'s']",
    "[*]",
    "[1:2]",
    "[:-1]",
    "[::2]",
    "[0,1]",
    "['a','b']",
    "[?(@.a)]",
    "[?(@.a > 1 && !@.b)]",
    "[?(@['k'] == 'v' || $.x != null)]",
    "[?(@[0] <= -1.5e3)]",
    "[?((@.a))]",
    ".\\.",
    "[",
    "]",
    ".length()",
    "[(@.x)]",
    "[ 2 ]",
    ".é",
    "[?(@..a[*] >= $$.b)]",
    "[?(true == @.a)]",
];

fn check(text: &str) -> bool {
    let reference = ReferencePath::parse(text);
    match Path::parse(text) {
        Ok(path) => {
            assert_eq!(Path::parse(path.as_str()).as_ref(), Ok(&path), "{text:?}");
            assert_eq!(reference.is_ok(), path.is_reference(), "{text:?}");
            let canonical = path.canonical();
            match Path::parse(&canonical) {
                Ok(again) => {
                    assert_eq!(again.root(), path.root(), "{text:?} -> {canonical:?}");
                    assert_eq!(
                        again.segments(),
                        path.segments(),
                        "{text:?} -> {canonical:?}"
                    );
                    assert_eq!(again.is_definite(), path.is_definite(), "{text:?}");
                }
                Err(error) => panic!("{text:?} -> {canonical:?} failed: {error}"),
            }
            true
        }
        Err(error) => {
            assert!(text.get(error.offset()..).is_some(), "{text:?}: {error:?}");
            assert!(!error.message().is_empty() && !error.message().ends_with('.'));
            if let Err(reference_error) = reference {
                let same = reference_error == error;
                let not_dollar = reference_error.kind() == PathErrorKind::NotReference;
                assert!(same || not_dollar, "{text:?}: {reference_error:?}");
            }
            false
        }
    }
}

#[test]
fn random_characters_never_panic() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..4000 {
        let length = rng.below(24);
        let mut text = String::from(if rng.below(4) == 0 { "" } else { "$" });
        for _ in 0..length {
            text.push_str(rng.pick(CHARACTERS));
        }
        check(&text);
    }
}

#[test]
fn random_token_sequences_round_trip() {
    let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
    let mut accepted = 0;
    for _ in 0..4000 {
        let mut text = String::from(rng.pick(ROOTS));
        for _ in 0..rng.below(6) {
            text.push_str(rng.pick(STEPS));
        }
        if check(&text) {
            accepted += 1;
        }
    }
    // Guards the generator itself: most of the valid-looking inputs must really parse.
    assert!(accepted > 800, "only {accepted} generated paths parsed");
}
