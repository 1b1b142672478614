//! Hardening (issue 10) through the built binary: document size limits, special
//! files, exit codes with a closed stdout, read-only database opens, whole-or-absent
//! `-o` outputs, `serve` binding before it touches the database, empty inputs.
//! The Arabic examples are written for these tests.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// "Coalition aircraft launched air strikes on Houthi positions in Sanaa on Thursday,
/// killing five people."
const SENTENCE: &str =
    "شنت طائرات التحالف غارات جوية على مواقع للحوثيين في صنعاء يوم الخميس، ما أدى إلى مقتل خمسة أشخاص.";

fn article(title: &str) -> String {
    format!("{title}\n\n{SENTENCE}\n")
}

/// A database with two small articles, closed.
fn database(dir: &Path) -> std::path::PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), article("غارات على صنعاء")).unwrap();
    std::fs::write(docs.join("b.txt"), article("قصف في صنعاء")).unwrap();
    let db = dir.join("r.db");
    ok(&rasd(&[
        "ingest",
        s(&docs),
        "--db",
        s(&db),
        "--pub-date",
        "2023-11-23",
    ]));
    db
}

#[test]
fn an_oversized_document_fails_alone_naming_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = article("خبر طويل").repeat(40);
    std::fs::write(dir.path().join("a_big.txt"), &big).unwrap();
    std::fs::write(dir.path().join("b_small.txt"), article("غارات على صنعاء")).unwrap();
    let out = rasd(&[
        "extract",
        s(dir.path()),
        "--max-doc-bytes",
        "2K",
        "--format",
        "jsonl",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "a_big.txt: document too large: {} bytes, over the limit of 2048 bytes",
            big.len()
        )),
        "{err}"
    );
    let events = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        events.lines().count(),
        1,
        "the small document is extracted: {events}"
    );
    assert!(events.contains("\"doc_id\":\"b_small\""), "{events}");
    // Raised, the big one reads too.
    let out = rasd(&["extract", s(dir.path()), "--max-doc-bytes", "1M"]);
    ok(&out);
    // A bad size is a usage error.
    let out = rasd(&["extract", s(dir.path()), "--max-doc-bytes", "lots"]);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_fifo_inside_a_directory_is_skipped_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), article("غارات على صنعاء")).unwrap();
    let fifo = dir.path().join("b.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(["extract", s(dir.path())])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("rasd extract hangs on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("b.txt: not a regular file (FIFO), skipped"),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn a_closed_stdout_keeps_the_exit_code_of_failed_documents() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("000_empty.txt"), "").unwrap();
    for i in 1..300 {
        std::fs::write(
            dir.path().join(format!("{i:03}.txt")),
            article(&format!("خبر {i}")),
        )
        .unwrap();
    }
    for format in ["jsonl", "csv"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
            .args([
                "extract",
                s(dir.path()),
                "--format",
                format,
                "--pub-date",
                "2023-11-23",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: one document failed: {err}"
        );
        assert!(!err.contains("Broken pipe"), "{format}: {err}");
        assert!(err.contains("000_empty.txt: empty document"), "{err}");
    }
}

#[test]
fn reading_commands_leave_the_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    // Rollback-journal mode, as another tool or a copy may have it.
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let out_file = dir.path().join("g.graphml");
    for args in [
        vec!["stats", "--db", s(&db)],
        vec!["stats", "--json", "--db", s(&db)],
        vec!["export", "--format", "jsonl", "--db", s(&db)],
        vec!["export", "--format", "csv", "--db", s(&db)],
        vec!["graph", "--db", s(&db), "-o", s(&out_file)],
        vec!["relation", "saudi_coalition", "houthis", "--db", s(&db)],
    ] {
        let out = rasd(&args);
        ok(&out);
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{args:?} changed the database"
        );
        for ext in ["-wal", "-shm", "-journal"] {
            let side = dir.path().join(format!("r.db{ext}"));
            assert!(!side.exists(), "{args:?} created {}", side.display());
        }
    }
    let stats = rasd(&["stats", "--json", "--db", s(&db)]);
    let v: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(v["events"].as_u64().map(|n| n > 0), Some(true), "{v}");
}

#[test]
fn failed_outputs_leave_no_partial_file_and_keep_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let graph = dir.path().join("g.graphml");
    let csv = dir.path().join("e.csv");
    ok(&rasd(&["graph", "--db", s(&db), "-o", s(&graph)]));
    ok(&rasd(&["export", "--db", s(&db), "-o", s(&csv)]));
    let (graph_ok, csv_ok) = (std::fs::read(&graph).unwrap(), std::fs::read(&csv).unwrap());
    assert!(String::from_utf8_lossy(&graph_ok).contains("</graphml>"));
    // A corrupt row makes both fail part-way.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE events SET json = '{' WHERE rowid = (SELECT max(rowid) FROM events)",
            [],
        )
        .unwrap();
    let fresh = dir.path().join("new.graphml");
    for (args, target) in [
        (vec!["graph", "--db", s(&db), "-o", s(&graph)], &graph),
        (vec!["export", "--db", s(&db), "-o", s(&csv)], &csv),
        (vec!["graph", "--db", s(&db), "-o", s(&fresh)], &fresh),
    ] {
        let out = rasd(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("corrupt row"),
            "{:?}",
            out
        );
        let _ = target;
    }
    assert_eq!(
        std::fs::read(&graph).unwrap(),
        graph_ok,
        "old graph kept whole"
    );
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        csv_ok,
        "old export kept whole"
    );
    assert!(!fresh.exists(), "no truncated new file");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn serve_binds_before_it_creates_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let db = dir.path().join("new.db");
    let out = rasd(&["serve", "--db", s(&db), "--addr", &addr, "--allow-writes"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&addr) && err.to_lowercase().contains("in use"),
        "{err}"
    );
    assert!(!db.exists(), "database created although the port was taken");
    // Read-only (the default) never creates one.
    drop(taken);
    let out = rasd(&["serve", "--db", s(&db), "--addr", "127.0.0.1:0"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("no such database"), "{err}");
    assert!(!db.exists());
}

#[test]
fn empty_jsonl_and_empty_txt_fail_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["e.jsonl", "e.txt"] {
        let path = dir.path().join(name);
        std::fs::write(&path, "").unwrap();
        let out = rasd(&["extract", s(&path)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(&format!("{name}: empty document")), "{err}");
    }
}

#[test]
fn a_negative_user_version_is_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("neg.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE documents (id TEXT); PRAGMA user_version = -1;")
        .unwrap();
    for cmd in ["stats", "export"] {
        let out = rasd(&[cmd, "--db", s(&db)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("unknown schema version -1"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}
