//! Locating `../shared` and comparing JSON values the way the corpus README prescribes.

use std::path::PathBuf;

use serde_json::Value;

/// The `shared` folder next to the checkout (override with `WORKFLOW_SHARED`). Tests fail, never
/// skip, when it is missing: a green run must mean the corpus was checked.
pub fn shared_dir() -> PathBuf {
    let dir = std::env::var_os("WORKFLOW_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    assert!(
        dir.join("conformance").is_dir(),
        "the shared conformance data is missing at {}; set WORKFLOW_SHARED",
        dir.display()
    );
    dir
}

/// JSON equality with numbers compared by value (`1` equals `1.0`) and member order ignored.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// Reads a JSON file.
pub fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
