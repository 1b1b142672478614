//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The two seed articles and their publication dates.
pub const SEEDS: [(&str, &str); 2] = [
    ("000_e612bbc7fa9c1160", "2022-05-12"),
    ("003_40851454dd59a699", "2023-11-23"),
];

/// The shared data folder, or `None` (with a message) when it is absent.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("RASD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    if dir.join("corpus").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: shared folder not found at {} (set RASD_SHARED)",
            dir.display()
        );
        None
    }
}

/// Runs the `rasd` binary with no standard input.
pub fn rasd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("rasd runs")
}

/// Asserts success, showing stderr otherwise.
pub fn ok(out: &Output) -> &Output {
    assert!(
        out.status.success(),
        "rasd failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A path as `&str`.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
