//! Inflection tables: the surface forms of a trigger's verbs and verbal nouns.
//!
//! Trigger rules name a verb by its perfect third-person masculine singular ("قتل",
//! "استهدف", "أطلق") and a verbal noun by its singular ("غارة", "هجوم"); the matcher then
//! needs every form news text writes. Arabic news is unvocalized, so the active and the
//! passive of a verb share their letters (قَتل / قُتل) and only the affixes below vary:
//!
//! * perfect: ـت، ـوا، ـا، ـتا، ـن، ـنا، ـتم and object pronouns (ـه، ـها، ـهم، ـهما);
//! * imperfect (present, subjunctive, jussive, passive): ي/ت/ن + stem, ـون، ـوا، ـان,
//!   object pronouns; the stem drops the hamza of form IV (أطلق → يطلق) and the alef
//!   of forms VII, VIII and X (انسحب → ينسحب، اعتقل → يعتقل، استهدف → يستهدف);
//! * nouns: accusative ـا، plurals ـات، duals ـان/ـين، possessives ـه/ـها/ـهم (with ة
//!   written ت before a suffix: غارة → غارته، غارات).
//!
//! Proclitics (و، ف، ب، ل، ال) are not generated: the matcher already tries every
//! proclitic split of a token. Verbs whose last radical is weak (دعا، رمى) change their
//! stem and are listed as plain forms instead.

/// Object pronoun suffixes a verb may carry.
const OBJECT: [&str; 4] = ["ه", "ها", "هم", "هما"];

/// The imperfect stem of a perfect stem (unvocalized).
fn imperfect_stem(perfect: &str) -> &str {
    let chars: Vec<char> = perfect.chars().collect();
    match chars.first() {
        // Form IV أفعل → يفعل.
        Some('أ') if chars.len() == 4 => &perfect['أ'.len_utf8()..],
        // Forms VII, VIII, X (انفعل، افتعل، استفعل) → ينفعل، يفتعل، يستفعل; form VIII with
        // its ت doubled (اتّهم، اتّفق) → يتّهم، يتّفق.
        Some('ا') if chars.len() >= 4 => &perfect['ا'.len_utf8()..],
        _ => perfect,
    }
}

/// Every form of a verb given as its perfect third-person masculine singular.
pub(crate) fn verb_forms(perfect: &str) -> Vec<String> {
    let p = perfect.trim();
    let mut out = Vec::with_capacity(48);
    for suffix in ["", "ت", "وا", "ا", "تا", "ن", "نا", "تم"] {
        out.push(format!("{p}{suffix}"));
    }
    for obj in OBJECT {
        out.push(format!("{p}{obj}"));
        out.push(format!("{p}ت{obj}"));
        out.push(format!("{p}و{obj}"));
    }
    let i = imperfect_stem(p);
    for prefix in ["ي", "ت", "ن"] {
        for suffix in ["", "ون", "وا", "ان"] {
            out.push(format!("{prefix}{i}{suffix}"));
        }
        for obj in OBJECT {
            out.push(format!("{prefix}{i}{obj}"));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Every form of a verbal noun given in the singular.
pub(crate) fn noun_forms(singular: &str) -> Vec<String> {
    let n = singular.trim();
    let mut out = Vec::with_capacity(16);
    out.push(n.to_string());
    // Multi-word nouns ("قصف جوي") inflect only as written.
    if n.contains(' ') {
        return out;
    }
    if let Some(base) = n.strip_suffix('ة') {
        for suffix in [
            "ات", "تان", "تين", "ته", "تها", "تهم", "اته", "اتها", "اتهم",
        ] {
            out.push(format!("{base}{suffix}"));
        }
    } else {
        for suffix in [
            "ا", "ات", "ان", "ين", "ه", "ها", "هم", "اته", "اتها", "اتهم",
        ] {
            out.push(format!("{n}{suffix}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(forms: &[String], f: &str) -> bool {
        forms.iter().any(|x| x == f)
    }

    #[test]
    fn verbs_of_every_form_class() {
        let qatala = verb_forms("قتل");
        for f in [
            "قتل",
            "قتلت",
            "قتلوا",
            "يقتل",
            "تقتل",
            "يقتلون",
            "قتلهم",
            "قتلوه",
        ] {
            assert!(has(&qatala, f), "{f}");
        }
        // Form IV drops its hamza in the imperfect; forms VIII and X their alef.
        assert!(has(&verb_forms("أطلق"), "يطلقون"));
        assert!(has(&verb_forms("اعتقل"), "يعتقلون"));
        assert!(has(&verb_forms("استهدف"), "تستهدف"));
        assert!(has(&verb_forms("استهدف"), "استهدفتها"));
        assert!(has(&verb_forms("انسحب"), "ينسحبون"));
        // Form VIII with its ت doubled: اتّهم → يتّهم.
        assert!(has(&verb_forms("اتهم"), "تتهم"));
        assert!(has(&verb_forms("اتهم"), "يتهمون"));
        // Form II and III keep their letters.
        assert!(has(&verb_forms("دمر"), "يدمرون"));
        assert!(has(&verb_forms("هاجم"), "تهاجم"));
        // No form of a three-letter verb loses a radical.
        assert!(!has(&qatala, "يتل"));
    }

    #[test]
    fn nouns_with_and_without_ta_marbuta() {
        let ghara = noun_forms("غارة");
        for f in ["غارة", "غارات", "غارتين", "غارته"] {
            assert!(has(&ghara, f), "{f}");
        }
        let hujum = noun_forms("هجوم");
        for f in ["هجوم", "هجوما", "هجومه", "هجومهم"] {
            assert!(has(&hujum, f), "{f}");
        }
        assert!(has(&noun_forms("لقاء"), "لقاءاته"));
        assert_eq!(noun_forms("قصف جوي"), ["قصف جوي"]);
    }
}
