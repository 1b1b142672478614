//! HTML pages: main text, title, publication date and canonical url.
//!
//! The text root is the `<article>` with the most text, else `<main>` (or
//! `[role=main]`), else `<body>`. Inside it, `<script>`, `<style>`, `<nav>`, `<header>`,
//! `<footer>`, `<aside>`, `<form>` and the like are dropped, and so is every element whose
//! class or id contains share, social, related, comment, nav, menu, footer or sidebar.
//! Block elements (`<p>`, `<h1>`..`<h6>`, `<li>`, `<div>`, ...) each end a line and
//! `<br>` breaks one; lines are whitespace-collapsed and boilerplate lines removed. When
//! the class filter leaves no text (a theme may put "sidebar" on a wrapper of the whole
//! page), the text is taken again with the tag filter only, and then from `<body>`.
//!
//! The publication date comes from `<meta property="article:published_time">` (or
//! `itemprop="datePublished"`), else JSON-LD `datePublished` (also nested, e.g. in
//! `@graph`), else the first `<time datetime>`; only the `YYYY-MM-DD` part is read.
//! JSON-LD ranks above `<time>` because pages also put `<time>` on comments and
//! "updated" stamps.
//!
//! Markup nested deeper than [`MAX_DEPTH`] elements is flattened before parsing: the
//! start tags beyond that depth (and as many end tags) are dropped, their text kept.
//! The HTML parser checks scopes by walking its stack of open elements, so 200k nested
//! `<div>` would otherwise cost quadratic time; no real article nests that deep.

use std::borrow::Cow;

use rasd_model::Document;
use scraper::{ElementRef, Html, Node, Selector};

use crate::boilerplate::is_boilerplate;
use crate::decode::{collapse_ws, content_id, date_part, decode};
use crate::{IngestError, IngestOptions};

/// Tags whose whole subtree is never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "textarea", "object", "embed", "canvas", "head",
];

/// Class or id substrings that mark navigation and share/related/comment blocks.
const SKIP_MARKERS: &[&str] = &[
    "share", "social", "related", "comment", "nav", "menu", "footer", "sidebar",
];

/// Tags that start and end a line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "table",
    "caption",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "address",
    "hr",
    "details",
    "summary",
];

/// Reads one HTML page. `id` is the file stem; `None` (stdin) derives a content id.
pub(crate) fn parse_html(
    bytes: &[u8],
    origin: &str,
    id: Option<&str>,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    let source = decode(bytes, origin)?;
    let source = limit_nesting(source, MAX_DEPTH);
    let page = Html::parse_document(&source);
    let no_body = || IngestError::NoBody {
        origin: origin.to_string(),
    };
    let body = page.select(&sel("body")).next().ok_or_else(no_body)?;
    let (root, is_content_root) = match content_root(&page) {
        Some(root) => (root, true),
        None => (body, false),
    };
    let mut lines = text_lines(root, true);
    if lines.is_empty() {
        lines = text_lines(root, false);
    }
    let mut in_content_root = is_content_root;
    if lines.is_empty() && is_content_root {
        in_content_root = false;
        lines = text_lines(body, true);
        if lines.is_empty() {
            lines = text_lines(body, false);
        }
    }
    if lines.is_empty() {
        return Err(no_body());
    }

    let title = title(&page, in_content_root.then_some(root));
    if lines.first() == Some(&title) {
        lines.remove(0);
    }
    let body_text = lines.join("\n");
    let id = match id {
        Some(id) => id.to_string(),
        None => content_id(&title, &body_text),
    };
    let mut doc = Document::new(id, title, body_text);
    doc.origin = origin.to_string();
    doc.url = canonical_url(&page);
    doc.source = meta_content(&page, "meta[property=\"og:site_name\"]");
    doc.pub_date = opts.pub_date.or_else(|| published(&page, root));
    Ok(doc)
}

/// Deepest element nesting kept; deeper start tags are dropped (see the module docs).
pub(crate) const MAX_DEPTH: usize = 256;

/// Elements without an end tag.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];

/// `source` with start tags nested deeper than `max_depth` (and as many end tags)
/// removed, in one linear scan; borrowed when nothing is that deep. A lexical
/// approximation of HTML's tree building (end tags are matched by count, not name),
/// good enough for a degraded read of pathological markup.
pub(crate) fn limit_nesting(source: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `source` already handled in `out`
    let mut depth = 0usize;
    let mut excess = 0usize;
    let mut i = 0;
    let find = |from: usize, pat: &str| source[from..].find(pat).map(|j| from + j);
    while let Some(lt) = memchr_lt(bytes, i) {
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(lt + 4, "-->").map_or(bytes.len(), |j| j + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = source[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        let mut drop = false;
        if closing {
            if excess > 0 {
                excess -= 1;
                drop = true;
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if RAW_TAGS.contains(&name.as_str()) {
            // Raw text: jump to its end tag, whatever it contains.
            let close = find_end_tag(bytes, end, name.as_bytes());
            i = tag_end(bytes, (close + 2 + name.len()).min(bytes.len()));
            continue;
        } else if !VOID_TAGS.contains(&name.as_str()) && !bytes[..end].ends_with(b"/>") {
            if depth >= max_depth {
                excess += 1;
                drop = true;
            } else {
                depth += 1;
            }
        }
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(source.len()));
            o.push_str(&source[copied..lt]);
            copied = end;
        }
        i = end;
    }
    match out {
        None => Cow::Borrowed(source),
        Some(mut o) => {
            o.push_str(&source[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Where `</name` (any case) starts at or after `from`; the end of the input if nowhere.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(lt) = memchr_lt(bytes, i) {
        let tail = &bytes[lt + 1..];
        if tail.first() == Some(&b'/')
            && tail.len() > name.len()
            && tail[1..=name.len()].eq_ignore_ascii_case(name)
        {
            return lt;
        }
        i = lt + 1;
    }
    bytes.len()
}

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == b'<')
        .map(|j| from + j)
}

/// The index just past the `>` that ends a tag whose name ends at `from` (quoted
/// attribute values may hold `>`); the end of the input when it is unterminated.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (j, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return j + 1,
            None => {}
        }
    }
    bytes.len()
}

/// A selector from a literal in this file.
fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("selectors in html.rs are valid CSS")
}

/// The `<article>` with the most text, else `<main>` / `[role=main]`.
fn content_root(page: &Html) -> Option<ElementRef<'_>> {
    let text_len = |el: &ElementRef| el.text().map(str::len).sum::<usize>();
    let mut best: Option<(usize, ElementRef)> = None;
    for article in page.select(&sel("article")) {
        let len = text_len(&article);
        let better = match &best {
            Some((b, _)) => len > *b,
            None => len > 0,
        };
        if better {
            best = Some((len, article));
        }
    }
    best.map(|(_, el)| el).or_else(|| {
        page.select(&sel("main, [role=main]"))
            .find(|el| text_len(el) > 0)
    })
}

/// Visible text lines under `root`; `by_class` also drops share/related/nav... blocks.
fn text_lines(root: ElementRef<'_>, by_class: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let line = collapse_ws(current);
        current.clear();
        if !line.is_empty() && !is_boilerplate(&line) {
            lines.push(line);
        }
    };
    // Explicit stack, not recursion: deeply nested markup must not overflow the stack.
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        if closing {
            flush(&mut current);
            continue;
        }
        match node.value() {
            Node::Text(text) => current.push_str(text),
            Node::Element(el) => {
                let name = el.name();
                if node.id() != root.id() && skipped(el, by_class) {
                    continue;
                }
                if name == "br" {
                    flush(&mut current);
                    continue;
                }
                if BLOCK_TAGS.contains(&name) {
                    flush(&mut current);
                    stack.push((node, true));
                }
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    flush(&mut current);
    lines
}

fn skipped(el: &scraper::node::Element, by_class: bool) -> bool {
    if SKIP_TAGS.contains(&el.name()) || el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("aria-hidden") == Some("true") || el.attr("role") == Some("navigation") {
        return true;
    }
    if !by_class {
        return false;
    }
    [el.attr("class"), el.id()].into_iter().flatten().any(|v| {
        let v = v.to_ascii_lowercase();
        SKIP_MARKERS.iter().any(|m| v.contains(m))
    })
}

/// `<h1>` in the article, else `<title>` without its " | site" suffix, else `og:title`,
/// else any `<h1>`; empty when the page has none.
fn title(page: &Html, content_root: Option<ElementRef<'_>>) -> String {
    let h1 = sel("h1");
    let first_h1 = |root: ElementRef| {
        root.select(&h1)
            .map(|el| collapse_ws(&el.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    if let Some(t) = content_root.and_then(first_h1) {
        return t;
    }
    let og_title = meta_content(page, "meta[property=\"og:title\"]");
    let site = meta_content(page, "meta[property=\"og:site_name\"]");
    let head_title = page
        .select(&sel("title"))
        .map(|el| collapse_ws(&el.text().collect::<String>()))
        .find(|t| !t.is_empty());
    if let Some(t) = head_title {
        if let Some(og) = og_title.as_ref().filter(|og| t.starts_with(og.as_str())) {
            return og.clone();
        }
        return strip_site_suffix(&t, site.as_deref());
    }
    if let Some(og) = og_title {
        return og;
    }
    page.select(&sel("body"))
        .next()
        .and_then(first_h1)
        .unwrap_or_default()
}

/// Drops a trailing " | site" (always) or " - site" / " – site" / " — site" when the tail
/// is the site name or shorter than the headline before it, so "هجوم في تعز - وكالة
/// خبر" loses the agency while "انفراد - تحالف الحوثيين والقاعدة" keeps its words.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " » "] {
        let Some(i) = title.rfind(sep) else { continue };
        let head = title[..i].trim();
        let tail = title[i + sep.len()..].trim();
        if head.is_empty() {
            continue;
        }
        let is_site = site.is_some_and(|s| s.trim() == tail);
        let shorter = tail.chars().count() <= 40 && tail.chars().count() < head.chars().count();
        if sep == " | " || is_site || shorter {
            return head.to_string();
        }
    }
    title.to_string()
}

fn meta_content(page: &Html, css: &str) -> Option<String> {
    page.select(&sel(css))
        .filter_map(|el| el.attr("content"))
        .map(collapse_ws)
        .find(|c| !c.is_empty())
}

fn canonical_url(page: &Html) -> Option<String> {
    page.select(&sel("link[rel~=\"canonical\"]"))
        .filter_map(|el| el.attr("href"))
        .map(str::trim)
        .find(|h| !h.is_empty())
        .map(str::to_string)
        .or_else(|| meta_content(page, "meta[property=\"og:url\"]"))
}

fn published(page: &Html, root: ElementRef<'_>) -> Option<chrono::NaiveDate> {
    let meta = sel(
        "meta[property=\"article:published_time\"], meta[name=\"article:published_time\"], \
         meta[itemprop=\"datePublished\"]",
    );
    if let Some(d) = page
        .select(&meta)
        .filter_map(|el| el.attr("content"))
        .find_map(date_part)
    {
        return Some(d);
    }
    let ld = sel("script[type=\"application/ld+json\"]");
    for script in page.select(&ld) {
        let json: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(json.trim()) {
            if let Some(d) = ld_date_published(&value, 0) {
                return Some(d);
            }
        }
    }
    let time = sel("time[datetime]");
    root.select(&time)
        .chain(page.select(&time))
        .filter_map(|el| el.attr("datetime"))
        .find_map(date_part)
}

/// `datePublished` of a JSON-LD value: at the top, then in nested objects and arrays
/// (`@graph`, `mainEntity`, ...).
fn ld_date_published(value: &serde_json::Value, depth: usize) -> Option<chrono::NaiveDate> {
    use serde_json::Value;
    if depth > 16 {
        return None;
    }
    match value {
        Value::Object(map) => map
            .get("datePublished")
            .and_then(Value::as_str)
            .and_then(date_part)
            .or_else(|| map.values().find_map(|v| ld_date_published(v, depth + 1))),
        Value::Array(items) => items.iter().find_map(|v| ld_date_published(v, depth + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn parse(html: &str) -> Result<Document, IngestError> {
        parse_html(
            html.as_bytes(),
            "p.html",
            Some("p"),
            &IngestOptions::default(),
        )
    }

    const PAGE: &str = r#"<!doctype html>
<html lang="ar"><head>
<title>مقتل جنديين في هجوم بتعز | وكالة خبر</title>
<meta property="og:site_name" content="وكالة خبر">
<meta property="og:url" content="https://example.org/og">
<link rel="canonical" href="https://example.org/news/1">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"x"},
  {"@type":"NewsArticle","datePublished":"2023-11-23T10:00:00+03:00"}]}</script>
<style>p { color: red }</style>
</head><body class="single has-sidebar">
<header><nav><ul><li>الرئيسية</li><li>أخبار</li></ul></nav></header>
<div class="menu">قائمة</div>
<article class="post">
  <header><h1>مقتل جنديين في هجوم بتعز</h1><time datetime="2023-11-20">20 نوفمبر</time></header>
  <p>قتل جنديان   وأصيب ثالث<br>في هجوم مسلح.</p>
  <div class="share-buttons"><a>فيسبوك</a> <a>تويتر</a></div>
  <p>وقال مصدر أمني إن المهاجمين <b>فروا</b>.</p>
  <ul><li>النقطة الأولى</li><li>النقطة الثانية</li></ul>
  <p>شارك</p>
  <section class="related-posts"><h3>أخبار ذات صلة</h3><p>خبر آخر</p></section>
  <script>var x = "لا";</script>
</article>
<aside>جانبي</aside>
<footer>حقوق النشر</footer>
</body></html>"#;

    #[test]
    fn article_text_title_date_and_url() {
        let doc = parse(PAGE).expect("valid page");
        assert_eq!(doc.title, "مقتل جنديين في هجوم بتعز");
        assert_eq!(
            doc.body,
            "قتل جنديان وأصيب ثالث\nفي هجوم مسلح.\nوقال مصدر أمني إن المهاجمين فروا.\n\
             النقطة الأولى\nالنقطة الثانية"
        );
        assert_eq!(doc.url.as_deref(), Some("https://example.org/news/1"));
        assert_eq!(doc.source.as_deref(), Some("وكالة خبر"));
        // JSON-LD in @graph wins over the <time> element.
        assert_eq!(doc.pub_date, NaiveDate::from_ymd_opt(2023, 11, 23));
        assert_eq!((doc.id.as_str(), doc.origin.as_str()), ("p", "p.html"));
    }

    #[test]
    fn meta_published_time_wins_and_pub_date_option_overrides() {
        let page = PAGE.replace(
            "<style>",
            r#"<meta property="article:published_time" content="2023-11-22T08:00:00Z"><style>"#,
        );
        let doc = parse(&page).expect("valid page");
        assert_eq!(doc.pub_date, NaiveDate::from_ymd_opt(2023, 11, 22));
        let opts = IngestOptions {
            pub_date: NaiveDate::from_ymd_opt(2024, 1, 2),
            ..IngestOptions::default()
        };
        let doc = parse_html(page.as_bytes(), "p.html", Some("p"), &opts).expect("valid page");
        assert_eq!(doc.pub_date, NaiveDate::from_ymd_opt(2024, 1, 2));
    }

    #[test]
    fn body_without_article_uses_title_tag_and_time() {
        let page = r#"<html><head><title>اشتباكات في مأرب - المصدر أونلاين</title></head>
<body><div id="sidebar">روابط</div><div><p>اندلعت اشتباكات عنيفة.</p></div>
<p><time datetime="2022-05-11T12:00">الأربعاء</time> Exit mobile version</p>
<p>Exit mobile version</p></body></html>"#;
        let doc = parse(page).expect("valid page");
        assert_eq!(doc.title, "اشتباكات في مأرب");
        assert_eq!(
            doc.body,
            "اندلعت اشتباكات عنيفة.\nالأربعاء Exit mobile version"
        );
        assert_eq!(doc.pub_date, NaiveDate::from_ymd_opt(2022, 5, 11));
        assert_eq!(doc.url, None);
    }

    #[test]
    fn og_title_when_no_title_tag() {
        let page = r#"<html><head><meta property="og:title" content="عنوان الخبر">
<meta property="og:url" content="https://example.org/og"></head><body><p>نص.</p></body></html>"#;
        let doc = parse(page).expect("valid page");
        assert_eq!(doc.title, "عنوان الخبر");
        assert_eq!(doc.body, "نص.");
        assert_eq!(doc.url.as_deref(), Some("https://example.org/og"));
    }

    #[test]
    fn wrapper_with_a_skip_marker_does_not_hide_everything() {
        let page =
            r#"<html><body><div class="page-with-sidebar"><p>خبر مهم.</p></div></body></html>"#;
        let doc = parse(page).expect("falls back to the tag filter");
        assert_eq!(doc.text, "\n\nخبر مهم.");
    }

    #[test]
    fn pages_without_text_are_no_body() {
        for page in [
            "",
            "<html><head><title>عنوان</title></head></html>",
            "<html><body><nav>قائمة</nav><script>x()</script><p>  </p></body></html>",
            "<frameset><frame src=a.html></frameset>",
        ] {
            let err = parse(page).expect_err("no text");
            assert!(matches!(err, IngestError::NoBody { .. }), "{page:?}: {err}");
            assert_eq!(err.to_string(), "p.html: no text found in the HTML body");
        }
    }

    #[test]
    fn very_deep_nesting_is_flattened_in_linear_time() {
        // 200k nested <div> took over 300 s in the HTML parser's scope checks.
        let page = format!(
            "<html><body>{}<p>اشتباكات في الحديدة</p>{}</body></html>",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        );
        let start = std::time::Instant::now();
        let doc = parse(&page).expect("deep page reads, flattened");
        assert_eq!(doc.body, "اشتباكات في الحديدة");
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn nesting_limit_keeps_text_comments_and_raw_text() {
        let deep = format!("{}x{}", "<b>".repeat(5), "</b>".repeat(5));
        assert_eq!(limit_nesting(&deep, 2), "<b><b>x</b></b>");
        assert!(matches!(limit_nesting(&deep, 5), Cow::Borrowed(_)));
        let mixed = "<div><br><img src='a>b'><!-- <div> --><script>if (a<b) {}</SCRIPT><span>t</span></div>";
        assert_eq!(
            limit_nesting(mixed, 1),
            "<div><br><img src='a>b'><!-- <div> --><script>if (a<b) {}</SCRIPT>t</div>"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!("{}<p>نص</p>", "<div>".repeat(5_000));
        let doc = parse(&page).expect("deep page");
        assert_eq!(doc.body, "نص");
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(
            strip_site_suffix("هجوم في تعز - وكالة خبر", None),
            "هجوم في تعز"
        );
        assert_eq!(
            strip_site_suffix("انفراد - تحالف الحوثيين والقاعدة", None),
            "انفراد - تحالف الحوثيين والقاعدة"
        );
        assert_eq!(strip_site_suffix("خبر | موقع", None), "خبر");
        assert_eq!(
            strip_site_suffix("خبر طويل جدا - موقع", Some("موقع")),
            "خبر طويل جدا"
        );
    }
}
