//! Compile-fail tests of the builder's typestate: each mistake in `tests/ui/*.rs` must fail to
//! compile with the message reviewed in its `.stderr` (regenerate with `TRYBUILD=overwrite`
//! after reading the diff; the toolchain is pinned in `rust-toolchain.toml`).

#[test]
fn builder_mistakes_do_not_compile() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
