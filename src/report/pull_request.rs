//! `azcost diff --format markdown`: the pull-request comment.
//!
//! Its first line is a hidden HTML marker (`<!-- azcost-diff -->`, or `<!-- azcost-diff:KEY
//! -->` with `--marker KEY`) so a bot can find and update its own comment instead of adding a
//! new one on every push. Then the headline, a before/after/change table per environment, each
//! changed environment's per-resource details collapsed in `<details>`, and the counts of
//! assumed and unpriced lines. GitHub refuses comments over 65,536 characters, so the comment
//! is kept under [`MAX_CHARACTERS`]: per-resource details are dropped first (last environment
//! first) and, should the rest still not fit, the text is cut; either way a note says so.

use super::diff::{
    amount, counts, headline, incomplete_note, prices_as_of, resource_counts, resource_grid,
    signed, summary_grid,
};
use crate::diff::{Diff, Kind};

/// GitHub's limit on a comment body, in characters.
pub const MAX_CHARACTERS: usize = 65_536;

/// `<!-- azcost-diff -->`, or `<!-- azcost-diff:KEY -->`.
pub fn marker(key: Option<&str>) -> String {
    match key {
        Some(key) => format!("<!-- azcost-diff:{key} -->"),
        None => "<!-- azcost-diff -->".to_string(),
    }
}

/// The comment, at most `limit` characters (use [`MAX_CHARACTERS`]).
pub fn render(diff: &Diff, marker_key: Option<&str>, limit: usize) -> String {
    let changed: Vec<usize> = (0..diff.environments.len())
        .filter(|&index| diff.environments[index].kind != Kind::Unchanged)
        .collect();
    let fits = |kept: usize| {
        let text = compose(diff, marker_key, &changed[..kept], changed.len() - kept);
        (text.chars().count() <= limit).then_some(text)
    };
    if let Some(text) = fits(changed.len()) {
        return text;
    }
    // Keep as many environments' details as fit, dropping from the last: the length grows
    // with each environment kept, so search for the most that fit.
    let (mut fitting, mut too_many) = (None, changed.len());
    let mut low = 0;
    while low < too_many {
        let middle = (low + too_many) / 2;
        match fits(middle) {
            Some(text) => {
                fitting = Some(text);
                low = middle + 1;
            }
            None => too_many = middle,
        }
    }
    if let Some(text) = fitting {
        return text;
    }
    let note = "\n\n**Cut here: the comment is longer than GitHub allows. Run `azcost diff` \
                locally for the rest.**\n";
    let text = compose(diff, marker_key, &[], changed.len());
    let keep = limit.saturating_sub(note.chars().count());
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(note);
    cut
}

fn compose(diff: &Diff, marker_key: Option<&str>, detailed: &[usize], dropped: usize) -> String {
    let title = if diff.head.present {
        &diff.head.label
    } else {
        &diff.base.label
    };
    let mut out = format!(
        "{}\n### azcost: cost change in `{title}`\n\n",
        marker(marker_key)
    );
    let mut sentence = format!("**{}**", headline(diff));
    sentence.push_str(&format!(
        ": {} → {} a month.",
        amount(&diff.currency, diff.total.before),
        amount(&diff.currency, diff.total.after)
    ));
    out.push_str(&sentence);
    out.push('\n');
    if let Some(note) = incomplete_note(diff) {
        out.push_str(&format!("\n> [!WARNING]\n> {note}.\n"));
    }
    out.push_str(&format!("\n{} per month:\n\n", diff.currency));
    out.push_str(&summary_grid(diff, true).markdown());
    for &index in detailed {
        let environment = &diff.environments[index];
        out.push_str(&format!(
            "\n<details><summary><b>{}</b>: {} ({})</summary>\n\n",
            environment.name,
            signed(environment.total.change),
            resource_counts(environment)
        ));
        out.push_str(&resource_grid(environment, true).markdown());
        out.push_str("\n</details>\n");
    }
    if dropped > 0 {
        out.push_str(&format!(
            "\n_Per-resource details of {dropped} environment{} left out to stay under GitHub's \
             {MAX_CHARACTERS}-character comment limit; run `azcost diff` locally for them._\n",
            if dropped == 1 { " is" } else { "s are" }
        ));
    }
    out.push_str(&format!(
        "\nLines: {}. {}, {}. Base `{}`, head `{}`.\n",
        counts(diff),
        diff.currency,
        prices_as_of(diff),
        diff.base.label,
        diff.head.label
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::tests::synthetic;
    use crate::diff::{diff, Input};

    fn big_diff(environments: usize, resources: usize) -> Diff {
        let names: Vec<(String, String)> = (0..environments)
            .flat_map(|e| (0..resources).map(move |r| (format!("env{e}"), format!("resource{r}"))))
            .collect();
        let lines = |amount: i64| -> Vec<(&str, &str, &str, Option<i64>)> {
            names
                .iter()
                .map(|(e, r)| (e.as_str(), r.as_str(), "hours", Some(amount)))
                .collect()
        };
        let base = synthetic("USD", &lines(1));
        let head = synthetic("USD", &lines(2));
        let input = |label: &str, estimate| Input {
            label: label.to_string(),
            estimate: Some(estimate),
        };
        diff(input("main:big.yaml", &base), input("big.yaml", &head)).unwrap()
    }

    #[test]
    fn a_small_diff_is_whole_with_its_marker_first() {
        let diff = big_diff(2, 3);
        let text = render(&diff, Some("scenarios/big.yaml"), MAX_CHARACTERS);
        assert!(text.starts_with("<!-- azcost-diff:scenarios/big.yaml -->\n"));
        assert_eq!(text.matches("<details>").count(), 2);
        assert!(!text.contains("left out"));
        assert!(text.contains("Monthly cost will increase by $6.00 (+100.0%)"));
    }

    #[test]
    fn a_big_diff_drops_details_first_and_says_so() {
        let diff = big_diff(40, 60);
        let whole = compose(&diff, None, &(0..40).collect::<Vec<_>>(), 0);
        assert!(
            whole.chars().count() > MAX_CHARACTERS,
            "the test needs a big diff"
        );
        let text = render(&diff, None, MAX_CHARACTERS);
        assert!(text.chars().count() <= MAX_CHARACTERS);
        assert!(text.starts_with("<!-- azcost-diff -->\n"));
        let kept = text.matches("<details>").count();
        assert!(kept > 0 && kept < 40, "{kept} environments kept");
        assert!(text.contains(&format!(
            "Per-resource details of {} environments",
            40 - kept
        )));
        assert!(text.contains("| **total** |"), "the summary survives");
    }

    #[test]
    fn unpriced_lines_on_either_side_warn_that_totals_are_incomplete() {
        let base = synthetic("USD", &[("prod", "api", "hours", Some(3))]);
        let head = synthetic(
            "USD",
            &[
                ("prod", "api", "hours", Some(3)),
                ("prod", "ai", "tokens", None),
            ],
        );
        let input = |label: &str, estimate| Input {
            label: label.to_string(),
            estimate: Some(estimate),
        };
        let diff = diff(input("a.yaml", &base), input("b.yaml", &head)).unwrap();
        let text = render(&diff, None, MAX_CHARACTERS);
        assert!(
            text.contains(
                "> [!WARNING]\n> The totals are incomplete: 0 lines of the base and 1 of the head"
            ),
            "{text}"
        );
        assert!(
            text.contains("head 2 lines (0 assumed, 1 unpriced)"),
            "{text}"
        );
        assert!(text.contains("| — | 0.00 + 1 UNPRICED |"), "{text}");
        assert!(text.contains("| 3.00 + 1 UNPRICED |"), "{text}");
    }

    #[test]
    fn a_summary_too_long_for_the_limit_is_cut_with_a_note() {
        let diff = big_diff(30, 1);
        let text = render(&diff, None, 1_000);
        assert!(text.chars().count() <= 1_000);
        assert!(text.starts_with("<!-- azcost-diff -->\n"));
        assert!(text.ends_with("locally for the rest.**\n"));
    }
}
