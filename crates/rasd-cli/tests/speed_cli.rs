//! `rasd bench` (with and without the pyarabic peer) and `rasd extract --jobs`: the
//! figures printed are real rates, and the output does not depend on the number of
//! threads. Tests that need the shared folder pass with a message when it is absent.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{ok, rasd, s, shared};
use serde_json::Value;

/// True when `python3` can import pyarabic.
fn has_pyarabic() -> bool {
    Command::new("python3")
        .args(["-c", "import pyarabic.araby"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn positive(v: &Value, what: &str) -> f64 {
    let x = v
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {v}"));
    assert!(x.is_finite() && x > 0.0, "{what} = {x}");
    x
}

#[test]
fn bench_prints_positive_rates_for_rasd_and_pyarabic() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/saudinewsnet/articles.jsonl.gz");
    let peer = has_pyarabic();
    if !peer {
        eprintln!("skipped: the pyarabic side (python3 cannot import pyarabic: pip install pyarabic); rasd's figures are still checked");
    }
    let out = rasd(&[
        "bench",
        s(&corpus),
        "--limit",
        "50",
        "--compare-pyarabic",
        "--shared",
        s(&shared),
        "--json",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if peer {
        ok(&out);
    } else {
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("pip install pyarabic"), "{stderr}");
    }
    let report: Value = serde_json::from_slice(&out.stdout).expect("bench --json prints JSON");
    eprintln!("bench: {report}");
    assert_eq!(report["rasd"]["articles"], 50, "{report}");
    let rasd_rate = positive(&report["rasd"]["articles_per_s"], "rasd articles/s");
    let seconds = positive(&report["rasd"]["seconds"], "rasd seconds");
    assert!((rasd_rate * seconds - 50.0).abs() < 1e-6 * rasd_rate.max(1.0));
    positive(&report["rasd"]["mb_per_s"], "rasd MB/s");
    if peer {
        assert_eq!(report["pyarabic"]["articles"], 50, "{report}");
        let py_rate = positive(&report["pyarabic"]["articles_per_s"], "pyarabic articles/s");
        let ratio = positive(&report["ratio"], "ratio");
        assert!(
            (ratio - rasd_rate / py_rate).abs() < 1e-9 * ratio,
            "{report}"
        );
    } else {
        assert!(report["pyarabic"]["skipped"].is_string(), "{report}");
        assert!(report["ratio"].is_null(), "{report}");
    }

    // The table shows the same figures, one row per side.
    let out = rasd(&[
        "bench",
        s(&corpus),
        "--limit",
        "50",
        "--compare-pyarabic",
        "--shared",
        s(&shared),
    ]);
    let table = String::from_utf8_lossy(&out.stdout);
    let row = |name: &str| -> Vec<String> {
        table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no {name} row in:\n{table}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    let r = row("rasd");
    assert_eq!(r[1], "50", "{table}");
    assert!(r[3].parse::<f64>().unwrap() > 0.0, "{table}");
    if peer {
        let p = row("pyarabic");
        assert_eq!(p[1], "50", "{table}");
        assert!(p[3].parse::<f64>().unwrap() > 0.0, "{table}");
        assert!(row("ratio")[1].parse::<f64>().unwrap() > 0.0, "{table}");
    } else {
        assert_eq!(row("pyarabic")[1], "skipped:", "{table}");
    }
}

#[test]
fn bench_without_pyarabic_says_how_to_install_it_and_still_measures_rasd() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/saudinewsnet/articles.jsonl.gz");
    // `false` stands for a Python that cannot import pyarabic.
    let out = rasd(&[
        "bench",
        s(&corpus),
        "--limit",
        "20",
        "--compare-pyarabic",
        "--shared",
        s(&shared),
        "--python",
        "false",
        "--json",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("pip install pyarabic"), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["rasd"]["articles"], 20);
    positive(&report["rasd"]["articles_per_s"], "rasd articles/s");
    assert!(report["pyarabic"]["skipped"]
        .as_str()
        .unwrap()
        .contains("pip install pyarabic"));
}

#[test]
fn bench_alone_counts_the_documents_read() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/saudinewsnet/articles.jsonl.gz");
    let out = rasd(&["bench", s(&corpus), "--limit", "30", "--json"]);
    let report: Value = serde_json::from_slice(&ok(&out).stdout).unwrap();
    assert_eq!(report["rasd"]["articles"], 30);
    positive(&report["rasd"]["articles_per_s"], "rasd articles/s");
    assert!(report["pyarabic"].is_null());
}

/// Runs `rasd args…` with `input` on stdin.
fn rasd_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rasd runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// The first `n` lines of a .jsonl.gz, in memory.
fn first_lines(path: &Path, n: usize) -> Vec<u8> {
    let file = std::fs::File::open(path).unwrap();
    let reader = BufReader::new(flate2::read::MultiGzDecoder::new(file));
    let mut out = Vec::new();
    for line in reader.lines().take(n) {
        out.extend_from_slice(line.unwrap().as_bytes());
        out.push(b'\n');
    }
    out
}

#[test]
fn extract_jobs_give_the_same_bytes_over_300_corpus_articles() {
    let Some(shared) = shared() else { return };
    let input = first_lines(&shared.join("corpus/saudinewsnet/articles.jsonl.gz"), 300);
    for format in ["jsonl", "csv"] {
        let one = rasd_stdin(&["extract", "-", "--format", format, "--jobs", "1"], &input);
        let two = rasd_stdin(&["extract", "-", "--format", format, "--jobs", "2"], &input);
        let three = rasd_stdin(&["extract", "-", "--format", format, "-j", "3"], &input);
        ok(&one);
        ok(&two);
        ok(&three);
        let text = String::from_utf8_lossy(&one.stdout);
        let lines = text.lines().count();
        eprintln!("{format}: {lines} lines");
        // More than one batch of 256 documents, and many events.
        assert!(lines > 100, "{format}: only {lines} lines");
        if format == "jsonl" {
            for l in text.lines() {
                let e: Value = serde_json::from_str(l).expect("one JSON event per line");
                assert!(e["event_id"].is_string(), "{l}");
            }
        } else {
            assert!(text.starts_with("event_id_cnty,"), "{}", &text[..80]);
        }
        assert!(
            one.stdout == two.stdout,
            "{format}: --jobs 2 differs from --jobs 1"
        );
        assert!(
            one.stdout == three.stdout,
            "{format}: --jobs 3 differs from --jobs 1"
        );
    }
}

#[test]
fn extract_jobs_give_the_same_bytes_over_a_directory_of_txt_files() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "قتل ثلاثة مدنيين وأصيب خمسة آخرون في غارة جوية على مدينة صعدة أمس.",
        "أعلنت جماعة الحوثي أنها استهدفت مواقع في مأرب بطائرات مسيرة.",
        "اعتقلت قوات الأمن في عدن عشرة أشخاص يوم الثلاثاء.",
        "لا خبر هنا عن أي حدث.",
    ];
    // 600 files: more than two batches; a few unreadable ones keep their place too.
    for i in 0..600 {
        let body = format!("{}\nتقرير رقم {i}.", texts[i % texts.len()]);
        std::fs::write(dir.path().join(format!("{i:04}.txt")), body).unwrap();
    }
    std::fs::write(dir.path().join("0100b.txt"), [0u8, 159, 146, 150, 0, 0]).unwrap();
    std::fs::write(dir.path().join("0400b.txt"), [0u8, 1, 2, 0, 0, 0]).unwrap();
    let d = s(dir.path());
    for format in ["jsonl", "csv", "table"] {
        let run = |jobs: &str| {
            rasd(&[
                "extract",
                d,
                "--format",
                format,
                "--pub-date",
                "2023-11-23",
                "--jobs",
                jobs,
            ])
        };
        let one = run("1");
        let two = run("2");
        assert_eq!(one.status.code(), Some(1), "binary files fail");
        assert_eq!(two.status.code(), Some(1), "binary files fail");
        let text = String::from_utf8_lossy(&one.stdout);
        match format {
            "jsonl" => assert!(text.lines().count() >= 300, "{format}: {text:.300}"),
            "table" => assert_eq!(text.matches("== ").count(), 600, "{format}"),
            _ => assert!(text.lines().count() >= 300, "{format}: {text:.300}"),
        }
        assert!(one.stdout == two.stdout, "{format}: --jobs 2 differs");
        assert_eq!(
            String::from_utf8_lossy(&one.stderr),
            String::from_utf8_lossy(&two.stderr),
            "{format}: messages differ"
        );
    }
}
