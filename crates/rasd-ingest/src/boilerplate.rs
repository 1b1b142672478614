//! Whole-line boilerplate: share buttons, print links, "related articles" headings and the
//! "Exit mobile version" footer that scraped news pages leave behind.
//!
//! A line is boilerplate only when it is short and *every* word of it belongs to one of
//! the phrases below (punctuation such as `|`, `:` or `•` between them is ignored), so
//! "شارك | طباعة" or "Share this: Facebook Twitter" go, while a sentence that merely
//! contains شارك ("شارك الآلاف في المظاهرة", thousands took part in the protest) stays.
//!
//! Matching folds the spellings that vary in practice: Latin case, hamza on alif
//! (أ إ آ ٱ → ا), final ى → ي and ة → ه, and it drops harakat, tanwin (the ً of أيضاً)
//! and tatweel.

use std::sync::OnceLock;

/// Lines longer than this (in chars) are never boilerplate.
const MAX_CHARS: usize = 80;

/// Phrases that may make up a boilerplate line, in any spelling the folding accepts.
const PHRASES: &[&str] = &[
    // English footers and buttons.
    "exit mobile version",
    "share",
    "share this",
    "share this article",
    "share this post",
    "share this story",
    "share on",
    "print",
    "print this",
    "print this article",
    "related",
    "related articles",
    "related posts",
    "related news",
    "related stories",
    "read also",
    "also read",
    "read more",
    "email",
    "copy link",
    "tweet",
    // Social networks, as they appear in rows of share buttons.
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "pinterest",
    "reddit",
    "messenger",
    "فيسبوك",
    "فيس بوك",
    "تويتر",
    "واتساب",
    "واتس اب",
    "تلغرام",
    "تليغرام",
    "تلجرام",
    "تيليجرام",
    "لينكدإن",
    // Arabic: share / print / read also / related news.
    "شارك",
    "شارك الخبر",
    "شارك المقال",
    "شارك هذا",
    "شارك هذا الخبر",
    "شارك هذا المقال",
    "شارك على",
    "مشاركة",
    "مشاركة الخبر",
    "شاركها",
    "طباعة",
    "طباعة الخبر",
    "اطبع",
    "اقرأ أيضا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "أخبار ذات صلة",
    "مواضيع ذات صلة",
    "مقالات ذات صلة",
    "ذات صلة",
    "نسخ الرابط",
    "البريد الإلكتروني",
];

/// True when `line` is a short line made only of boilerplate phrases.
pub(crate) fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    // Cheap bound first: a 50 MB line must not be scanned char by char.
    if line.is_empty() || line.len() > MAX_CHARS * 4 || line.chars().count() > MAX_CHARS {
        return false;
    }
    let words = words(line);
    if words.is_empty() {
        return false;
    }
    let phrases = phrases();
    let mut i = 0;
    while i < words.len() {
        let rest = &words[i..];
        let longest = phrases
            .iter()
            .filter(|p| rest.starts_with(p))
            .map(|p| p.len())
            .max();
        match longest {
            Some(n) => i += n,
            None => return false,
        }
    }
    true
}

/// Drops boilerplate lines and normalizes line ends to `\n`. When a dropped line sat
/// between blank lines, one of the blanks goes with it so no gap of two blank lines is
/// left behind.
pub(crate) fn clean_lines(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut just_dropped = false;
    for line in text.lines() {
        if is_boilerplate(line) {
            just_dropped = true;
            continue;
        }
        let blank = line.trim().is_empty();
        if blank && just_dropped && out.last().is_some_and(|l| l.trim().is_empty()) {
            continue;
        }
        just_dropped = false;
        out.push(line);
    }
    out
}

fn phrases() -> &'static [Vec<String>] {
    static PHRASE_WORDS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    PHRASE_WORDS.get_or_init(|| PHRASES.iter().map(|p| words(p)).collect())
}

/// Folded words of `s`; everything that is not a letter or digit separates words.
fn words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        match fold(c) {
            Some(Fold::Keep(c)) => word.push(c),
            Some(Fold::Drop) => {}
            None => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

enum Fold {
    Keep(char),
    Drop,
}

/// `None` for a word separator.
fn fold(c: char) -> Option<Fold> {
    match c {
        // Harakat, tanwin, shadda, sukun, dagger alif, tatweel, bidi and zero-width marks.
        '\u{064b}'..='\u{0652}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{200b}'..='\u{200f}'
        | '\u{061c}' => Some(Fold::Drop),
        'أ' | 'إ' | 'آ' | 'ٱ' => Some(Fold::Keep('ا')),
        'ى' => Some(Fold::Keep('ي')),
        'ة' => Some(Fold::Keep('ه')),
        c if c.is_alphanumeric() => Some(Fold::Keep(c.to_lowercase().next().unwrap_or(c))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_boilerplate_lines_are_recognized() {
        for line in [
            "Exit mobile version",
            "  exit mobile version  ",
            "شارك",
            "مشاركة",
            "اقرأ أيضا",
            "اقرأ أيضاً:",
            "إقرأ ايضا",
            "أخبار ذات صلة",
            "اخبار ذات صلة",
            "طباعة",
            "Share this:",
            "Related",
            "شارك | طباعة",
            "Share this: Facebook Twitter WhatsApp",
            "\u{200f}مشاركة\u{200f}",
        ] {
            assert!(is_boilerplate(line), "{line:?} should be boilerplate");
        }
    }

    #[test]
    fn words_inside_sentences_are_kept() {
        for line in [
            // "Thousands took part in the protest in Taiz."
            "شارك الآلاف في المظاهرة بمدينة تعز",
            // "The minister shared the news of the agreement."
            "شارك الوزير خبر الاتفاق",
            // "Read also the statement of the ministry": starts like boilerplate.
            "اقرأ أيضا بيان وزارة الداخلية",
            "Related parties met in Muscat",
            "",
            "***",
        ] {
            assert!(!is_boilerplate(line), "{line:?} should be kept");
        }
    }

    #[test]
    fn clean_lines_drops_boilerplate_and_its_gap() {
        let text = "عنوان\r\n\r\nفقرة أولى\n\nشارك\n\nفقرة ثانية\nExit mobile version\n";
        assert_eq!(
            clean_lines(text),
            ["عنوان", "", "فقرة أولى", "", "فقرة ثانية"]
        );
    }
}
