use rasd_extract::Extractor;
use rasd_model::Document;

const CASES: &[(&str, &str, &str, &str)] = &[
    ("aid2", "2023-11-23", "", "وزعت اللجنة الدولية للصليب الأحمر مساعدات غذائية على النازحين في مديرية حرض بمحافظة حجة، اليوم الخميس."),
    ("aid3", "2023-11-23", "", "قدمت الأمم المتحدة مساعدات إنسانية للنازحين في محافظة مأرب."),
    ("purpose2", "2023-11-23", "", "وصل وفد من الأمم المتحدة إلى مدينة عدن لتقديم مساعدات للنازحين، اليوم الخميس."),
];

#[test]
fn probe() {
    let ex = Extractor::builtin().unwrap();
    for (id, date, title, body) in CASES {
        let mut doc = Document::new(*id, *title, *body);
        doc.pub_date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        let out = ex.extract(&doc);
        println!("=== {id}: {body}");
        for e in &out.events {
            println!("{}", serde_json::to_string_pretty(e).unwrap());
        }
        if id.starts_with("ex") { println!("{}", ex.trace(&doc)); }
        if !out.diagnostics.is_empty() { println!("diag: {:?}", out.diagnostics); }
    }
    println!("EXAMPLES: {:?}", rasd_extract::check_examples(&ex));
}
