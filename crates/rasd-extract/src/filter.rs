//! The learned keep/drop filter over candidate events.
//!
//! The rules propose candidates generously; many are not reported events (a statement's
//! content, background, a side taken from the wrong clause). Which signals tell the two
//! apart is measured on the gold, not guessed: each merged candidate is described by a
//! fixed vector of [`FEATURES`] (its type, where its sides, date and place came from,
//! where in the article it stands, how busy its sentence is), a logistic model scores it,
//! and candidates under the model's threshold are dropped. The score becomes the event's
//! `confidence`.
//!
//! The weights are data (`data/model/filter.tsv`), written by `rasd train-filter` from
//! the development part of the gold files with [`train`]; extraction stays
//! deterministic.

use crate::ExtractError;

/// Names of the features, in the order of a feature vector. `bias` is always 1.
pub const FEATURES: &[&str] = &[
    "bias",
    "type:AGREE",
    "type:CONSULT",
    "type:SUPPORT",
    "type:CONCEDE",
    "type:COOPERATE",
    "type:AID",
    "type:RETREAT",
    "type:REQUEST",
    "type:ACCUSE",
    "type:REJECT",
    "type:THREATEN",
    "type:PROTEST",
    "type:SANCTION",
    "type:MOBILIZE",
    "type:COERCE",
    "type:ASSAULT",
    "trigger:weak",
    "trigger:passive",
    "trigger:noun",
    "trigger:definite",
    "actor1",
    "actor1:in_clause",
    "actor1:inherited",
    "actor1:guessed",
    "actor1:generic",
    "actor2",
    "actor2:guessed",
    "sides:same",
    "sides:associates",
    "sides:one_for_verbal",
    "sides:no_doer_for_force",
    "sides:defaulted",
    "date",
    "date:in_clause",
    "date:in_sentence",
    "date:older_than_two_weeks",
    "place",
    "place:precise",
    "counts",
    "hedged",
    "claimed",
    "attribution",
    "position:title",
    "position:lead",
    "position:early",
    "mentions:several",
    "sentence:triggers_log",
    "sentence:long",
    "sides:both",
    "sides:both_in_title",
];

/// Where a candidate's parts came from, recorded while its frame is filled (what the
/// finished record no longer shows).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Signals {
    /// The doer is named in the trigger's own clause.
    pub actor1_in_clause: bool,
    /// The doer is a generic mention ("مسلحون").
    pub actor1_generic: bool,
    /// The doer was carried over from an earlier event (a zero subject).
    pub actor1_inherited: bool,
    /// A side came from the rule's default, not from the text.
    pub defaulted: bool,
    /// Trigger words in the trigger's sentence.
    pub sentence_triggers: u16,
    /// Tokens in the trigger's sentence.
    pub sentence_tokens: u16,
}

impl Signals {
    /// Signals of two mentions of one event: what either mention shows.
    pub fn merge(&mut self, other: &Signals) {
        self.actor1_in_clause |= other.actor1_in_clause;
        self.actor1_generic &= other.actor1_generic;
        self.actor1_inherited &= other.actor1_inherited;
        self.defaulted &= other.defaulted;
        self.sentence_triggers = self.sentence_triggers.min(other.sentence_triggers);
        self.sentence_tokens = self.sentence_tokens.min(other.sentence_tokens);
    }
}

/// A feature vector under construction: sets features by name, so the order lives in
/// [`FEATURES`] alone.
pub(crate) struct FeatureVec(pub Vec<f64>);

impl FeatureVec {
    pub fn new() -> Self {
        let mut v = vec![0.0; FEATURES.len()];
        v[0] = 1.0;
        FeatureVec(v)
    }

    pub fn set(&mut self, name: &str, value: f64) {
        let i = FEATURES
            .iter()
            .position(|f| *f == name)
            .unwrap_or_else(|| panic!("unknown filter feature `{name}`"));
        self.0[i] = value;
    }

    pub fn flag(&mut self, name: &str, on: bool) {
        if on {
            self.set(name, 1.0);
        }
    }
}

/// A logistic keep/drop model: one weight per feature and a threshold on the score.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterModel {
    /// Weights in the order of [`FEATURES`].
    pub weights: Vec<f64>,
    /// Candidates scoring below this are dropped.
    pub threshold: f64,
}

impl FilterModel {
    /// Parses the TSV form: `feature<TAB>weight` lines, `threshold<TAB>value`, `#`
    /// comments. Every feature must be given exactly once.
    pub fn parse(text: &str, file: &str) -> Result<FilterModel, ExtractError> {
        let err = |line: usize, message: String| ExtractError::Data {
            file: file.to_string(),
            line,
            message,
        };
        let mut weights = vec![None; FEATURES.len()];
        let mut threshold = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| err(n + 1, "expected `name<TAB>value`".into()))?;
            let value: f64 = value
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| err(n + 1, format!("`{}` is not a finite number", value.trim())))?;
            if name == "threshold" {
                threshold = Some(value);
                continue;
            }
            let i = FEATURES
                .iter()
                .position(|f| *f == name)
                .ok_or_else(|| err(n + 1, format!("unknown feature `{name}`")))?;
            if weights[i].replace(value).is_some() {
                return Err(err(n + 1, format!("feature `{name}` given twice")));
            }
        }
        let missing: Vec<&str> = FEATURES
            .iter()
            .zip(&weights)
            .filter(|(_, w)| w.is_none())
            .map(|(f, _)| *f)
            .collect();
        if !missing.is_empty() {
            return Err(err(0, format!("missing features: {}", missing.join(", "))));
        }
        Ok(FilterModel {
            weights: weights.into_iter().map(|w| w.unwrap_or(0.0)).collect(),
            threshold: threshold.ok_or_else(|| err(0, "no `threshold` line".into()))?,
        })
    }

    /// The TSV form that [`FilterModel::parse`] reads, with a header comment.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&format!("threshold\t{:.4}\n", self.threshold));
        for (f, w) in FEATURES.iter().zip(&self.weights) {
            out.push_str(&format!("{f}\t{w:.4}\n"));
        }
        out
    }

    /// The probability that a candidate is a reported event.
    pub fn score(&self, features: &[f64]) -> f64 {
        sigmoid(dot(&self.weights, features))
    }

    /// Whether a candidate is kept.
    pub fn keeps(&self, features: &[f64]) -> bool {
        self.score(features) >= self.threshold
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// One labelled candidate for [`train`].
#[derive(Debug, Clone)]
pub struct Sample {
    /// The candidate's features ([`FEATURES`] order).
    pub features: Vec<f64>,
    /// Whether it is a reported event.
    pub positive: bool,
}

/// Fits logistic-regression weights by Newton's method with an L2 penalty `l2` on every
/// weight but the bias. Deterministic: the same samples give the same weights.
pub fn train(samples: &[Sample], l2: f64) -> Vec<f64> {
    let n = FEATURES.len();
    let mut w = vec![0.0; n];
    for _ in 0..50 {
        // Gradient and Hessian of the penalized negative log-likelihood.
        let mut grad = vec![0.0; n];
        let mut hess = vec![vec![0.0; n]; n];
        for s in samples {
            let p = sigmoid(dot(&w, &s.features));
            let y = if s.positive { 1.0 } else { 0.0 };
            let r = p * (1.0 - p);
            for (i, &xi) in s.features.iter().enumerate() {
                if xi == 0.0 {
                    continue;
                }
                grad[i] += (p - y) * xi;
                for (h, &xj) in hess[i].iter_mut().zip(&s.features) {
                    *h += r * xi * xj;
                }
            }
        }
        for i in 1..n {
            grad[i] += l2 * w[i];
            hess[i][i] += l2;
        }
        // A tiny ridge keeps the system solvable when a feature never fires.
        hess[0][0] += 1e-6;
        let Some(step) = solve(hess, grad) else { break };
        let mut change: f64 = 0.0;
        for i in 0..n {
            w[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-8 {
            break;
        }
    }
    w
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (offset, row) in lower.iter_mut().enumerate() {
            let factor = row[col] / pivot_row[col];
            if factor == 0.0 {
                continue;
            }
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= factor * p;
            }
            b[col + 1 + offset] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let rest: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - rest) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(flag: usize, positive: bool) -> Sample {
        let mut features = vec![0.0; FEATURES.len()];
        features[0] = 1.0;
        features[flag] = 1.0;
        Sample { features, positive }
    }

    #[test]
    fn training_learns_which_feature_marks_positives() {
        // Candidates with `actor1` (index 21) are mostly events; with `hedged` mostly not.
        let a1 = FEATURES.iter().position(|f| *f == "actor1").unwrap();
        let hedged = FEATURES.iter().position(|f| *f == "hedged").unwrap();
        let mut samples = Vec::new();
        for k in 0..10 {
            samples.push(sample(a1, k < 8));
            samples.push(sample(hedged, k < 2));
        }
        let w = train(&samples, 0.1);
        assert!(w[a1] > 0.5, "{w:?}");
        assert!(w[hedged] < -0.5, "{w:?}");
        let model = FilterModel {
            weights: w,
            threshold: 0.5,
        };
        assert!(model.keeps(&sample(a1, true).features));
        assert!(!model.keeps(&sample(hedged, true).features));
        // Deterministic.
        assert_eq!(train(&samples, 0.1), model.weights);
    }

    #[test]
    fn the_tsv_form_round_trips_and_errors_name_the_line() {
        let model = FilterModel {
            weights: (0..FEATURES.len()).map(|i| i as f64 / 8.0).collect(),
            threshold: 0.375,
        };
        let text = model.to_tsv("test model\nsecond line");
        assert!(text.starts_with("# test model\n# second line\n"));
        assert_eq!(FilterModel::parse(&text, "m.tsv").unwrap(), model);

        let bad = text.replace("hedged\t", "hedgd\t");
        let e = FilterModel::parse(&bad, "m.tsv").unwrap_err().to_string();
        assert!(
            e.contains("m.tsv:") && e.contains("unknown feature `hedgd`"),
            "{e}"
        );
        let e = FilterModel::parse("threshold\tNaN\n", "m.tsv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("m.tsv:1") && e.contains("finite"), "{e}");
        let e = FilterModel::parse("threshold\t0.5\n", "m.tsv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing features: bias"), "{e}");
    }
}
