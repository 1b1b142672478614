//! Prints the mentions of the files given as arguments (development aid).
use rasd_lexicon::{Lexicon, MentionKind};

fn main() {
    let t = std::time::Instant::now();
    let lex = Lexicon::builtin().unwrap_or_else(|e| panic!("{e}"));
    eprintln!("loaded in {:?}", t.elapsed());
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable file");
        let a = rasd_text::analyze(&text);
        let t = std::time::Instant::now();
        let ms = lex.find(&a);
        eprintln!("{path}: {} mentions in {:?}", ms.len(), t.elapsed());
        for m in ms {
            let what = match &m.kind {
                MentionKind::Actor { id } => format!("actor {id}"),
                MentionKind::Place { id, intro } => {
                    let p = lex.place(*id);
                    format!(
                        "place {} {:?} {} {:?} {:?}",
                        p.name_en,
                        p.level,
                        p.pcode
                            .as_deref()
                            .or(p.admin2_pcode.as_deref())
                            .unwrap_or(&p.admin1_pcode),
                        intro,
                        m.split.prep
                    )
                }
                MentionKind::Person {
                    name,
                    role,
                    affiliation,
                } => format!(
                    "person [{}] role [{}] aff {:?}",
                    a.text(*name),
                    role.map(|r| a.text(r)).unwrap_or(""),
                    affiliation
                ),
            };
            println!("{}\t{}", a.text(m.span), what);
        }
    }
}
