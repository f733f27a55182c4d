//! The cases recorded against AWS (`tests/data/aws-recorded/<category>/<case>.json`), listed for
//! the tests of every crate in the workspace, which include this file with `#[path]`.

use std::path::{Path, PathBuf};

/// Every case file under `root` (the `aws-recorded` folder), in path order.
pub fn case_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .flat_map(|dir| {
            std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| entry.path())
        })
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}
