//! End-to-end tests of `read_inputs` / `read_reader` on files written into temp
//! directories, plus the shared corpus when it is present.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rasd_ingest::{read_inputs, read_reader, IngestError, IngestOptions};
use rasd_model::Document;

/// `shared/` from `RASD_SHARED`, else next to the repository; `None` when absent.
fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("RASD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: shared data not found at {}", dir.display());
        None
    }
}

fn read(paths: &[PathBuf]) -> Vec<Result<Document, IngestError>> {
    read_inputs(paths, &IngestOptions::default()).collect()
}

/// `Ok(id)` or `Err(message)` per item, with `root` cut from messages.
fn outline(results: &[Result<Document, IngestError>], root: &Path) -> Vec<Result<String, String>> {
    let root = format!("{}/", root.display());
    results
        .iter()
        .map(|r| match r {
            Ok(doc) => Ok(doc.id.clone()),
            Err(e) => Err(e.to_string().replace(&root, "")),
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("write to memory");
    enc.finish().expect("finish gzip")
}

#[test]
fn seeds_read_with_stem_ids_and_first_line_titles() {
    let Some(shared) = shared() else { return };
    let seeds = shared.join("corpus/seeds");
    let results = read(std::slice::from_ref(&seeds));
    let mut files: Vec<PathBuf> = fs::read_dir(&seeds)
        .expect("seeds dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    assert_eq!(results.len(), files.len());
    for (result, file) in results.iter().zip(&files) {
        let doc = result.as_ref().expect("seed reads");
        let raw = fs::read_to_string(file).expect("seed is UTF-8");
        let first_line = raw.lines().find(|l| !l.trim().is_empty()).expect("a line");
        let stem = file.file_stem().expect("stem").to_string_lossy();
        assert_eq!(doc.id, stem);
        assert_eq!(doc.title, first_line.trim());
        assert_eq!(doc.origin, file.display().to_string());
        assert_eq!(doc.text, format!("{}\n\n{}", doc.title, doc.body));
        assert!(doc.body.len() > 500, "{}: body too short", doc.id);
        assert!(!doc.body.starts_with('\n') && !doc.body.ends_with('\n'));
        assert!(!doc.body.contains("Exit mobile version"), "{}", doc.id);
        assert_eq!(doc.pub_date, None);
    }
    let first = results[0].as_ref().expect("000 reads");
    assert_eq!(first.id, "000_e612bbc7fa9c1160");
    let raw = fs::read_to_string(&files[0]).expect("seed");
    assert!(
        raw.contains("Exit mobile version"),
        "the seed has the footer to remove"
    );
}

#[test]
fn saudinewsnet_gz_streams_in_order() {
    let Some(shared) = shared() else { return };
    let gz = shared.join("corpus/saudinewsnet/articles.jsonl.gz");
    let start = Instant::now();
    let docs: Vec<Document> = read_inputs(std::slice::from_ref(&gz), &IngestOptions::default())
        .take(200)
        .collect::<Result<_, _>>()
        .expect("the first 200 lines are valid");
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    for (i, doc) in docs.iter().enumerate() {
        assert_eq!(doc.id, format!("snn-{:06}", i + 1));
        assert_eq!(doc.origin, format!("{}:{}", gz.display(), i + 1));
        assert!(doc.source.is_some() && doc.url.is_some(), "{}", doc.id);
        assert!(doc.pub_date.is_some(), "{}", doc.id);
    }
    let first = &docs[0];
    // The first article is about Britain's counter-extremism strategy.
    assert!(first.title.starts_with("بريطانيا: "), "{}", first.title);
    assert_eq!(first.source.as_deref(), Some("aawsat"));
    assert_eq!(first.pub_date, NaiveDate::from_ymd_opt(2015, 7, 21));
    assert!(!first.body.is_empty());
}

#[test]
fn one_bad_document_never_stops_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let w = |name: &str, bytes: &[u8]| {
        let path = root.join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    };
    // "Two soldiers killed in Taiz" / "Two soldiers were killed in an attack."
    w(
        "a_good.txt",
        "مقتل جنديين في تعز\n\nقتل جنديان في هجوم.\n".as_bytes(),
    );
    w("b_empty.txt", b"");
    w("c_blank.txt", b" \n\t\n");
    w("d_binary.txt", b"\x7fELF\x02\x01\x01\0\0\0\0\0");
    let mut bad_utf8 = "عنوان\n".as_bytes().to_vec();
    bad_utf8.extend_from_slice(b"ab\xc3\x28");
    w("e_bad_utf8.txt", &bad_utf8);
    w(
        "f_page.HTML",
        "<html><head><title>هجوم في عدن | موقع</title></head><body><p>قتل شخص.</p></body></html>"
            .as_bytes(),
    );
    w(
        "g_nobody.html",
        b"<html><head><title>x</title></head><body><script>1</script></body></html>",
    );
    w(
        "h_lines.jsonl",
        concat!(
            "{\"id\":\"j1\",\"title\":\"خبر أول\",\"content\":\"نص أول\"}\n",
            "{\"id\":\"j2\",\"title\":\"خبر ثان\",\"content\":\n",
            "\n",
            "not json at all\n",
            "{\"id\":\"j3\",\"title\":\"خبر ثالث\",\"text\":\"نص ثالث\"}\r\n",
            "{\"id\":\"j4\"}\n",
            "{\"id\":\"j5\",\"title\":\"خبر خامس\"}",
        )
        .as_bytes(),
    );
    w(
        "i_more.jsonl.gz",
        &gzip("{\"id\":\"z1\",\"title\":\"خبر\",\"content\":\"نص\"}\n".as_bytes()),
    );
    w("j_broken.jsonl.gz", b"this is not gzip");
    w(
        "k_sub/deeper/nested.htm",
        "<body><article><h1>عنوان</h1><p>فقرة.</p></article></body>".as_bytes(),
    );
    w("k_sub/notes.md", b"skipped");
    w("k_sub/.hidden.txt", b"skipped");
    w("l_upper.TXT", "عنوان كبير\nنص".as_bytes());
    w("m_image.png", b"\x89PNG\r\n\x1a\n\0\0");

    let missing = root.join("missing.txt");
    let results = read(&[root.to_path_buf(), missing, root.join("a_good.txt")]);
    let got = outline(&results, root);
    let want: Vec<Result<String, String>> = vec![
        Ok("a_good".into()),
        Err("b_empty.txt: empty document".into()),
        Err("c_blank.txt: empty document".into()),
        Err("d_binary.txt: binary data, not a text document".into()),
        Err("e_bad_utf8.txt: invalid UTF-8 at byte 13".into()),
        Ok("f_page".into()),
        Err("g_nobody.html: no text found in the HTML body".into()),
        Ok("j1".into()),
        Err("h_lines.jsonl:2: bad JSON line: EOF while parsing a value at column 45".into()),
        Err("h_lines.jsonl:4: bad JSON line: expected ident at column 2".into()),
        Ok("j3".into()),
        Err("h_lines.jsonl:6: empty document".into()),
        Ok("j5".into()),
        Ok("z1".into()),
        Err("j_broken.jsonl.gz:1: cannot read: invalid gzip header".into()),
        Ok("nested".into()),
        Ok("l_upper".into()),
        Err("missing.txt: cannot read: No such file or directory (os error 2)".into()),
        Ok("a_good".into()),
    ];
    assert_eq!(got, want);

    let ok = |i: usize| results[i].as_ref().expect("ok item");
    assert_eq!(ok(0).body, "قتل جنديان في هجوم.");
    assert_eq!(
        (ok(5).title.as_str(), ok(5).body.as_str()),
        ("هجوم في عدن", "قتل شخص.")
    );
    assert_eq!(
        ok(10).origin,
        format!("{}:5", root.join("h_lines.jsonl").display())
    );
    assert_eq!(
        (ok(10).title.as_str(), ok(10).body.as_str()),
        ("خبر ثالث", "نص ثالث")
    );
    assert_eq!(
        (ok(12).title.as_str(), ok(12).body.as_str()),
        ("خبر خامس", "")
    );
    assert_eq!(
        (ok(15).title.as_str(), ok(15).body.as_str()),
        ("عنوان", "فقرة.")
    );
    match &results[8] {
        Err(IngestError::BadJsonLine { line, .. }) => assert_eq!(*line, 2),
        other => panic!("expected a bad line, got {other:?}"),
    }
    assert!(matches!(
        &results[4],
        Err(IngestError::InvalidUtf8 { byte: 13, .. })
    ));
}

#[test]
fn explicit_files_of_other_extensions_read_as_txt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = dir.path().join("note.md");
    fs::write(&md, "عنوان\nنص").expect("write");
    let png = dir.path().join("x.png");
    fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0").expect("write");
    let got = outline(&read(&[md, png]), dir.path());
    assert_eq!(
        got,
        [
            Ok("note".to_string()),
            Err("x.png: binary data, not a text document".to_string())
        ]
    );
}

#[test]
fn a_50_mb_single_line_reads_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    // "News " repeated: 50 MB of Arabic on one line, no line feed.
    let line = "خبر عاجل ".repeat(50 * 1024 * 1024 / "خبر عاجل ".len());
    let txt = dir.path().join("big.txt");
    fs::write(&txt, &line).expect("write");
    let jsonl = dir.path().join("big.jsonl");
    fs::write(
        &jsonl,
        format!("{{\"id\":\"big\",\"title\":\"عنوان\",\"content\":\"{line}\"}}"),
    )
    .expect("write");
    // Over the default limit of 5 MB: both refused, with their sizes.
    let refused = read(&[txt.clone(), jsonl.clone()]);
    let size = line.len() as u64;
    assert!(
        matches!(&refused[0], Err(IngestError::TooLarge { size: s, at_least: false, .. }) if *s == size),
        "{:?}",
        refused[0].as_ref().err()
    );
    assert!(matches!(&refused[1], Err(IngestError::TooLarge { .. })));
    let opts = IngestOptions {
        max_doc_bytes: 64 * 1024 * 1024,
        ..IngestOptions::default()
    };
    let start = Instant::now();
    let results: Vec<_> = read_inputs(&[txt, jsonl], &opts).collect();
    let elapsed = start.elapsed();
    assert_eq!(results.len(), 2);
    let doc = results[0].as_ref().expect("50 MB txt reads");
    assert_eq!(doc.title, line.trim());
    assert_eq!(doc.body, "");
    let doc = results[1].as_ref().expect("50 MB jsonl line reads");
    assert_eq!(doc.body, line.trim());
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
}

#[test]
fn streams_are_sniffed() {
    let opts = IngestOptions {
        pub_date: NaiveDate::from_ymd_opt(2023, 11, 23),
        ..IngestOptions::default()
    };
    // JSONL after blank lines: line numbers still count them.
    let input = "\n\n{\"id\":\"s1\",\"title\":\"عنوان\"}\n{oops}\n";
    let results: Vec<_> = read_reader(input.as_bytes(), "<stdin>", &opts).collect();
    assert_eq!(results.len(), 2);
    let doc = results[0].as_ref().expect("line 3");
    assert_eq!((doc.id.as_str(), doc.origin.as_str()), ("s1", "<stdin>:3"));
    assert_eq!(doc.pub_date, opts.pub_date);
    assert_eq!(
        results[1]
            .as_ref()
            .map_err(ToString::to_string)
            .expect_err("line 4"),
        "<stdin>:4: bad JSON line: key must be a string at column 2"
    );

    // Plain text, with a BOM: one article with a content id.
    let text = "\u{feff}\n  مقتل جنديين في تعز\nقتل جنديان.\n";
    let docs: Vec<_> = read_reader(text.as_bytes(), "<stdin>", &opts).collect();
    let doc = docs[0].as_ref().expect("txt");
    assert_eq!(
        (doc.title.as_str(), doc.body.as_str()),
        ("مقتل جنديين في تعز", "قتل جنديان.")
    );
    assert!(
        doc.id.starts_with("doc-") && doc.id.len() == 20,
        "{}",
        doc.id
    );
    assert_eq!(
        (doc.origin.as_str(), doc.pub_date),
        ("<stdin>", opts.pub_date)
    );

    // HTML.
    let html = "  <!doctype html><html><body><main><p>نص الصفحة</p></main></body></html>";
    let docs: Vec<_> = read_reader(html.as_bytes(), "<stdin>", &opts).collect();
    assert_eq!(docs[0].as_ref().expect("html").body, "نص الصفحة");

    // Nothing at all.
    let docs: Vec<_> = read_reader(&b" \n "[..], "<stdin>", &opts).collect();
    assert_eq!(
        docs[0]
            .as_ref()
            .map_err(ToString::to_string)
            .expect_err("empty"),
        "<stdin>: empty document"
    );
}

#[test]
fn multi_member_gzip_and_determinism() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = gzip("{\"title\":\"أ\",\"content\":\"نص أ\"}\n".as_bytes());
    bytes.extend(gzip("{\"title\":\"ب\",\"content\":\"نص ب\"}\n".as_bytes()));
    let gz = dir.path().join("two.JSONL.GZ");
    fs::write(&gz, bytes).expect("write");
    let first: Vec<Document> = read(std::slice::from_ref(&gz))
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("both members read");
    assert_eq!(first.len(), 2);
    assert_eq!(first[1].origin, format!("{}:2", gz.display()));
    assert!(first.iter().all(|d| d.id.starts_with("doc-")));
    assert_ne!(first[0].id, first[1].id);
    let again: Vec<Document> = read(&[dir.path().to_path_buf()])
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("again");
    assert_eq!(first, again);
}

fn small_limit(limit: u64) -> IngestOptions {
    IngestOptions {
        max_doc_bytes: limit,
        ..IngestOptions::default()
    }
}

#[test]
fn gzip_bomb_line_is_one_error_and_the_run_goes_on() {
    // One 64 MB line of spaces inside a JSON string (a few hundred KB compressed),
    // between two good lines; the cap is 2 MB.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut plain = Vec::new();
    plain.extend_from_slice("{\"id\":\"a\",\"title\":\"خبر أول\"}\n".as_bytes());
    plain.extend_from_slice(b"{\"id\":\"bomb\",\"content\":\"");
    plain.resize(plain.len() + 64 * 1024 * 1024, b' ');
    plain.extend_from_slice(b"\"}\n");
    plain.extend_from_slice("{\"id\":\"c\",\"title\":\"خبر ثالث\"}\n".as_bytes());
    let gz = dir.path().join("bomb.jsonl.gz");
    fs::write(&gz, gzip(&plain)).expect("write");
    assert!(fs::metadata(&gz).expect("meta").len() < 1024 * 1024);
    let results: Vec<_> = read_inputs(std::slice::from_ref(&gz), &small_limit(2 << 20)).collect();
    let outline = outline(&results, dir.path());
    let bomb_len = 64 * 1024 * 1024 + "{\"id\":\"bomb\",\"content\":\"\"}".len();
    assert_eq!(
        outline,
        vec![
            Ok("a".to_string()),
            Err(format!(
                "bomb.jsonl.gz:2: document too large: {bomb_len} bytes, over the limit of 2097152 bytes (raise --max-doc-bytes)"
            )),
            Ok("c".to_string()),
        ]
    );
}

#[test]
fn oversized_streams_stop_at_the_limit() {
    // An endless reader: reading it whole would never end.
    struct Endless;
    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(b'a');
            Ok(buf.len())
        }
    }
    let results: Vec<_> = read_reader(Endless, "<stdin>", &small_limit(100_000)).collect();
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0].as_ref().map(|d| d.id.clone()).map_err(ToString::to_string),
        Err("<stdin>: document too large: more than 100000 bytes, over the limit of 100000 bytes (raise --max-doc-bytes)".to_string())
    );
    // Zeros on stdin are refused as binary after the sniffed prefix, not read whole.
    let zeros = std::io::repeat(0).take(u64::MAX);
    let results: Vec<_> = read_reader(zeros, "<stdin>", &IngestOptions::default()).collect();
    assert!(matches!(
        results.as_slice(),
        [Err(IngestError::Binary { .. })]
    ));
    // Exactly at the limit is fine.
    let text = "عنوان\nنص";
    let results: Vec<_> =
        read_reader(text.as_bytes(), "<stdin>", &small_limit(text.len() as u64)).collect();
    assert!(results[0].is_ok());
    let results: Vec<_> = read_reader(
        text.as_bytes(),
        "<stdin>",
        &small_limit(text.len() as u64 - 1),
    )
    .collect();
    assert!(matches!(results[0], Err(IngestError::TooLarge { .. })));
}

#[test]
fn oversized_files_and_lines_name_themselves() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("a.txt"),
        "عنوان\n".to_string() + &"نص ".repeat(100),
    )
    .expect("w");
    fs::write(
        dir.path().join("b.html"),
        format!("<p>{}</p>", "نص ".repeat(100)),
    )
    .expect("w");
    fs::write(dir.path().join("c.txt"), "عنوان قصير\nنص").expect("w");
    let line = format!("{{\"id\":\"x\",\"title\":\"{}\"}}", "ن".repeat(200));
    fs::write(
        dir.path().join("d.jsonl"),
        format!("{line}\n{{\"id\":\"y\",\"title\":\"قصير\"}}\n{line}"),
    )
    .expect("w");
    let results: Vec<_> = read_inputs(&[dir.path().to_path_buf()], &small_limit(300)).collect();
    let len = |name: &str| fs::metadata(dir.path().join(name)).expect("meta").len();
    let got = outline(&results, dir.path());
    let limit = "over the limit of 300 bytes (raise --max-doc-bytes)";
    assert_eq!(
        got,
        vec![
            Err(format!(
                "a.txt: document too large: {} bytes, {limit}",
                len("a.txt")
            )),
            Err(format!(
                "b.html: document too large: {} bytes, {limit}",
                len("b.html")
            )),
            Ok("c".to_string()),
            Err(format!(
                "d.jsonl:1: document too large: {} bytes, {limit}",
                line.len()
            )),
            Ok("y".to_string()),
            Err(format!(
                "d.jsonl:3: document too large: {} bytes, {limit}",
                line.len()
            )),
        ]
    );
}

#[cfg(unix)]
#[test]
fn fifos_in_walked_directories_are_skipped_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("a.txt"), "عنوان\nنص").expect("w");
    let fifo = dir.path().join("b.txt");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    fs::write(dir.path().join("c.txt"), "عنوان آخر\nنص").expect("w");
    let (tx, rx) = std::sync::mpsc::channel();
    let root = dir.path().to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(read(&[root]));
    });
    let results = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the walk does not block on the FIFO");
    assert_eq!(
        outline(&results, dir.path()),
        vec![
            Ok("a".to_string()),
            Err("b.txt: not a regular file (FIFO), skipped".to_string()),
            Ok("c".to_string()),
        ]
    );
}

#[test]
fn empty_jsonl_and_empty_txt_are_both_empty_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("a.jsonl"), "").expect("w");
    fs::write(dir.path().join("b.jsonl"), "\n  \n\r\n").expect("w");
    fs::write(dir.path().join("c.jsonl.gz"), gzip(b"")).expect("w");
    fs::write(dir.path().join("d.txt"), "").expect("w");
    let results = read(&[dir.path().to_path_buf()]);
    assert_eq!(
        outline(&results, dir.path()),
        ["a.jsonl", "b.jsonl", "c.jsonl.gz", "d.txt"]
            .map(|f| Err(format!("{f}: empty document")))
            .to_vec()
    );
}
