//! Explanations depend on the log's typed records, not on its words.

use std::path::Path;

use statecraft_model::log::ItemValue;
use statecraft_model::model::Model;

use super::*;
use crate::run::run_once;

fn model(file: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(file);
    let loaded = statecraft_model::load(&path, &[]).expect("scenario loads");
    statecraft_model::compile(&loaded).expect("scenario compiles")
}

/// What an explanation found, without any words of the log: each cause's kind and date,
/// and the changes it made (items and values).
fn found(x: &Explanation) -> Vec<String> {
    x.causes
        .iter()
        .map(|c| match c {
            Cause::Vote(v) => format!("vote {} {}", v.line.date, v.adopted),
            Cause::Review(r) => format!("review {}", r.id),
            Cause::Policy(p) => format!("policy {} {:?}", p.id, p.reads),
            Cause::Timeline(l) => format!(
                "{} {} {:?}",
                l.line.entry.name(),
                l.line.date,
                (l.changes.iter())
                    .map(|r| (r.item, r.before.clone(), r.after.clone()))
                    .collect::<Vec<_>>()
            ),
        })
        .collect()
}

#[test]
fn rewording_the_log_changes_no_explanation() {
    for (file, id) in [
        ("south-caucasus/baseline.toml", "epf-armenia-2025"),
        ("south-caucasus/baseline.toml", "armenia.visa_regime"),
        (
            "mechanisms/review-suspend-restore.toml",
            "partner.visa_free",
        ),
        ("mechanisms/balanced-aid-package.toml", "aid-east"),
    ] {
        let model = model(file);
        let report = run_once(&model, 0, None);
        let before = explain(&model, &report, id).expect("explainable");
        let mut reworded = run_once(&model, 0, None);
        for e in &mut reworded.timeline {
            e.text = "reworded".to_owned();
            e.id = "reworded".to_owned();
            for r in &mut e.effects {
                r.text = r.text.as_ref().map(|_| String::new());
                r.target = "reworded".to_owned();
            }
            for b in e.vote.iter_mut().flat_map(|v| v.ballots.iter_mut()) {
                b.member = "reworded".to_owned();
                b.policy = b.policy.as_ref().map(|_| "reworded".to_owned());
            }
        }
        let after = explain(&model, &reworded, id).expect("explainable");
        let timeline = |x: &Explanation| {
            (x.causes.iter())
                .filter(|c| matches!(c, Cause::Timeline(_)))
                .count()
        };
        assert!(timeline(&before) > 0, "{file} {id}: no timeline cause");
        assert_eq!(timeline(&before), timeline(&after), "{file} {id}");
        assert_eq!(found(&before), found(&after), "{file} {id}");
        assert_eq!(before.sources.len(), after.sources.len(), "{file} {id}");
    }
}

#[test]
fn a_proposal_is_explained_by_its_votes_policies_and_what_moved_them() {
    let model = model("south-caucasus/baseline.toml");
    let report = run_once(&model, 0, None);
    let x = explain(&model, &report, "epf-armenia-2025").expect("explainable");
    assert_eq!(x.outcome, ItemValue::Name("adopted".into()));
    assert_eq!(x.attempts, Some(8));
    let policy = (x.causes.iter())
        .find_map(|c| match c {
            Cause::Policy(p) => Some(p),
            _ => None,
        })
        .expect("a policy behind the objections");
    assert!(matches!(policy.rule, PolicyRule::BalancedAid { .. }));
    assert!(
        policy.reads.iter().any(|r| r.kind == ItemKind::Flag),
        "{:?}",
        policy.reads
    );
}

#[test]
fn an_unknown_id_is_an_error_with_a_suggestion() {
    let model = model("south-caucasus/baseline.toml");
    let report = run_once(&model, 0, None);
    let err = explain(&model, &report, "epf-armenia-202").unwrap_err();
    assert_eq!(err.suggestion.as_deref(), Some("epf-armenia-2024"));
    assert!(
        err.to_string().contains("did you mean `epf-armenia-2024`?"),
        "{err}"
    );
}

#[test]
fn causes_over_runs_count_objections_by_outcome() {
    let model = model("mechanisms/chance-and-noise.toml");
    let tally = runs::causes_over_runs(&model, "measure", 0, 64, &|_| {}).expect("explainable");
    let total: u64 = tally.outcomes.iter().map(|o| o.runs).sum();
    assert_eq!(total, 64);
    assert!(
        (tally.causes.iter()).any(|c| matches!(
            c.cause,
            runs::RunCause::Ballot { .. } | runs::RunCause::Event { .. }
        )),
        "{tally:?}"
    );
    for c in &tally.causes {
        assert_eq!(c.runs.len(), tally.outcomes.len());
    }
}
