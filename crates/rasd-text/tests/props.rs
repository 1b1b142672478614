//! No input makes the text layer panic: arbitrary strings (and bytes decoded
//! lossily) through normalization, tokens, sentences and clauses, with every span
//! inside the text. A small case count keeps CI fast.

use proptest::prelude::*;

fn check(s: &str) -> Result<(), TestCaseError> {
    let a = rasd_text::analyze(s);
    let n = rasd_text::normalize(s);
    let text = n.as_str();
    for (b, c) in text.char_indices() {
        let span = n.to_src(rasd_text::NormSpan::new(b, b + c.len_utf8()));
        prop_assert!(span.end <= n.src_len());
    }
    let _ = rasd_text::normalize_key(s);
    let sentences = rasd_text::sentences(text);
    let _ = rasd_text::clauses(text, &sentences);
    for t in rasd_text::tokenize(text) {
        prop_assert!(
            text.get(t.span.start..t.span.end).is_some(),
            "token span off a char boundary"
        );
    }
    prop_assert_eq!(a.norm.as_str(), text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_string(s in any::<String>()) {
        check(&s)?;
    }

    #[test]
    fn any_bytes_decoded_lossily(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn arabic_marks_digits_and_punctuation(
        s in "[\\u0600-\\u06FF\\u0660-\\u0669\\u064B-\\u065F\\u0640\\u200c-\\u200f\\u202a-\\u202e\\uFE70-\\uFEFF .،؛؟!\\n\\r\\t0-9]{0,300}"
    ) {
        check(&s)?;
    }
}
