//! The macro's compile errors (`ui/fail/*.rs`, each with a reviewed `.stderr`: regenerate with
//! `TRYBUILD=overwrite` after reading the diff; the toolchain is pinned) and definitions that
//! must compile (`ui/pass/*.rs`).

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/fail/*.rs");
    cases.pass("tests/ui/pass/*.rs");
}
