//! Reading files (issues 8 and 9): one CSV reader and writer, the README's recipe, reads
//! confined to the project tree, only regular files of bounded size, seeds read once, and a
//! folder walk that ends.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use statecraft_tests::{Output, statecraft};

use crate::output::run_binary;

/// A small valid scenario over `members` (a path as written in the file).
fn scenario_with_members(members: &str) -> String {
    format!(
        "[scenario]\nid = \"m\"\nstart = 2025-01-01\nend = 2025-03-31\nmembers = \"{members}\"\n\n[[actor]]\nid = \"partner\"\nkind = \"partner\"\n"
    )
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs `f` on a thread and fails if it takes longer than 30 s (what used to block forever).
fn within_30s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("did not finish within 30 s")
}

const QUOTED_CSV: &str = "id,name,population\nde,\"Germany, Federal Republic\",83395240\nfr,\"France \"\"la\"\"\",68421081\nmt,Malta,541235\n";

#[test]
fn a_quoted_members_csv_reads_the_same_in_a_scenario_and_in_vote() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("members.csv"), QUOTED_CSV);
    let scenario = dir.path().join("s.toml");
    write(&scenario, &scenario_with_members("members.csv"));
    let out = statecraft(&["check", s(&scenario)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("4 actors"), "{}", out.stdout);
    for members in [dir.path().join("members.csv"), scenario.clone()] {
        let out = statecraft(&[
            "vote",
            "--procedure",
            "qmv",
            "--against",
            "germny",
            "--members",
            s(&members),
        ]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("did you mean `de`"), "{}", out.stderr);
        let out = statecraft(&[
            "vote",
            "--procedure",
            "unanimity",
            "--against",
            "mt",
            "--members",
            s(&members),
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    // A row with more cells than the header (an unquoted comma) is located in both.
    write(
        &dir.path().join("members.csv"),
        "id,name,population\nde,Germany, Federal Republic,83395240\n",
    );
    let out = statecraft(&["check", s(&scenario)]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("expected 3 columns, found 4")
            && out.stderr.contains("members.csv:2:1"),
        "{}",
        out.stderr
    );
    let out = statecraft(&[
        "vote",
        "--procedure",
        "qmv",
        "--members",
        s(&dir.path().join("members.csv")),
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("members.csv:2: expected 3 columns, found 4"),
        "{}",
        out.stderr
    );
}

/// Parses CSV text back with the csv crate: the header and the rows, all of the same width.
fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[test]
fn mc_csv_holds_what_json_holds_including_expectations() {
    let scenario = "../scenarios/mechanisms/review-suspend-restore.toml";
    let out = statecraft(&["mc", scenario, "--runs", "50", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (header, rows) = parse_csv(&out.stdout);
    assert_eq!(
        header,
        ["section", "id", "key", "date", "value", "lo", "hi"]
    );
    let json: serde_json::Value = serde_json::from_str(
        &statecraft(&["mc", scenario, "--runs", "50", "--format", "json"]).stdout,
    )
    .unwrap();
    let expectations = json["expectations"].as_array().unwrap();
    assert!(!expectations.is_empty());
    for e in expectations {
        let id = e["id"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|r| r[0] == "expectation" && r[1] == id)
            .unwrap_or_else(|| panic!("no CSV row for expectation {id}:\n{}", out.stdout));
        assert_eq!(row[2], "held");
        assert_eq!(row[4], e["held"]["p"].to_string());
    }
}

#[test]
fn sweep_csv_quotes_values_with_quotes() {
    let out = statecraft(&[
        "sweep",
        "../scenarios/mechanisms/qmv-route.toml",
        "--vary",
        r#"scenario.title="plain","say \"hi\"""#,
        "--runs",
        "5",
        "-q",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (header, rows) = parse_csv(&out.stdout);
    assert_eq!(header[0], "scenario.title");
    let titles: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(titles, [r#""plain""#, r#""say \"hi\"""#]);
    assert!(rows.iter().all(|r| r.len() == header.len()));
}

/// The shell lines of the README's "To ask your own question" recipe.

#[test]
fn a_missing_base_says_where_it_looked_and_why() {
    let dir = tempfile::tempdir().unwrap();
    // What the old recipe did: the variant copied away from its base.
    std::fs::copy(
        "../scenarios/south-caucasus/hu-drops-balance.toml",
        dir.path().join("my-question.toml"),
    )
    .unwrap();
    let out = statecraft(&["check", s(&dir.path().join("my-question.toml"))]);
    assert_eq!(out.code, 1);
    let looked = dir.path().join("baseline.toml");
    assert!(
        out.stderr.contains(&format!(
            "cannot read the base scenario {}: no such file",
            looked.display()
        )) && out
            .stderr
            .contains("`extends` is read relative to the file that names it"),
        "{}",
        out.stderr
    );
}

/// A project folder (marked by `statecraft.toml`) inside a temporary folder that also holds
/// a file outside it.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    write(&project.join("statecraft.toml"), "");
    write(&dir.path().join("secret.csv"), QUOTED_CSV);
    write(
        &dir.path().join("outside.toml"),
        "[scenario]\nid = \"outside\"\nstart = 2025-01-01\nend = 2025-03-31\n",
    );
    (dir, project)
}

fn assert_refused(out: &Output, what: &str) {
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains(&format!("`{what}` leads outside the project"))
            && out.stderr.contains("--allow-path"),
        "{}",
        out.stderr
    );
}

#[test]
fn paths_in_a_scenario_stay_in_its_project() {
    let (dir, project) = project();
    let secret = dir.path().join("secret.csv");
    let cases = [
        ("members", scenario_with_members("../../secret.csv")),
        ("members", scenario_with_members("./../../secret.csv")),
        // Whether the file exists outside or not, the answer is the same.
        ("members", scenario_with_members("../../no/such/file.csv")),
        ("members", scenario_with_members(s(&secret))),
        ("extends", "[scenario]\nid = \"v\"\nextends = \"../../outside.toml\"\n".to_owned()),
        ("seeds", "[scenario]\nid = \"s\"\nstart = 2025-01-01\nend = 2025-03-31\nseeds = [\"/proc/self/status\"]\n".to_owned()),
    ];
    write(&project.join("members.csv"), QUOTED_CSV);
    for (what, text) in cases {
        let scenario = project.join("scenarios/s.toml");
        write(&scenario, &text);
        assert_refused(&statecraft(&["check", s(&scenario)]), what);
    }
    // A missing file inside the project is just missing.
    let scenario = project.join("scenarios/s.toml");
    write(&scenario, &scenario_with_members("typo/../../members.csvx"));
    let out = statecraft(&["check", s(&scenario)]);
    assert!(out.stderr.contains("no such file"), "{}", out.stderr);
    // --set scenario.members= is confined the same way.
    let scenario = project.join("s.toml");
    write(&scenario, &scenario_with_members("members.csv"));
    assert_eq!(statecraft(&["check", s(&scenario)]).code, 0);
    let set = format!("scenario.members=\"{}\"", secret.display());
    assert_refused(
        &statecraft(&["check", s(&scenario), "--set", &set]),
        "members",
    );
    let out = statecraft(&["check", s(&scenario), "--allow-path", "no/such/folder"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("is not a folder"), "{}", out.stderr);
    // ... unless allowed.
    let out = statecraft(&[
        "check",
        s(&scenario),
        "--set",
        &set,
        "--allow-path",
        s(dir.path()),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_file_that_is_not_toml_is_quoted_one_line_at_most() {
    let dir = tempfile::tempdir().unwrap();
    let junk: String = (0..5000)
        .map(|i| format!("secret line {i} : with = = junk\n"))
        .collect();
    write(&dir.path().join("junk.txt"), &junk);
    write(
        &dir.path().join("v.toml"),
        "[scenario]\nid = \"v\"\nextends = \"junk.txt\"\n",
    );
    let out = statecraft(&["check", s(&dir.path().join("v.toml"))]);
    assert_eq!(out.code, 1);
    let quoted = out.stderr.matches("secret line").count();
    assert!(
        quoted <= 1,
        "{quoted} lines of the file quoted:\n{}",
        out.stderr
    );
    assert!(out.stderr.len() < 2000, "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("base.toml");
    statecraft_tests::make_fifo(&fifo);
    write(
        &dir.path().join("v.toml"),
        "[scenario]\nid = \"v\"\nextends = \"base.toml\"\n",
    );
    write(
        &dir.path().join("m.toml"),
        &scenario_with_members("base.toml"),
    );
    write(
        &dir.path().join("s.toml"),
        "[scenario]\nid = \"s\"\nstart = 2025-01-01\nend = 2025-03-31\nseeds = [\"base.toml\"]\n",
    );
    let root = dir.path().to_path_buf();
    let outputs = within_30s(move || {
        ["v.toml", "m.toml", "s.toml"]
            .map(|f| statecraft(&["check", s(&root.join(f))]))
            .into_iter()
            .chain([
                // The FIFO sits in a folder given to check, and is given to vote.
                statecraft(&["check", s(&root)]),
                statecraft(&[
                    "vote",
                    "--procedure",
                    "qmv",
                    "--members",
                    s(&root.join("base.toml")),
                ]),
            ])
            .collect::<Vec<_>>()
    });
    for out in outputs {
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("is not a regular file"),
            "{}",
            out.stderr
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn dev_zero_as_members_is_refused_not_read_forever() {
    let out = within_30s(|| statecraft(&["vote", "--procedure", "qmv", "--members", "/dev/zero"]));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("is not a regular file"),
        "{}",
        out.stderr
    );
    // Through the real binary too, with its memory unbounded before the fix.
    let (code, stderr) = run_binary(
        &["vote", "--procedure", "qmv", "--members", "/dev/zero"],
        Stdio::null(),
    );
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn an_oversized_members_csv_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    let mut text = String::from("id,population\n");
    while text.len() <= 4 * 1024 * 1024 {
        text.push_str("xx,1000000000000\n");
    }
    write(&big, &text);
    let out = statecraft(&["vote", "--procedure", "qmv", "--members", s(&big)]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("larger than the limit of 4 MiB"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_seed_file_listed_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("facts.toml"),
        "[[fact]]\nid = \"f\"\nsource = \"s\"\n",
    );
    let scenario = dir.path().join("s.toml");
    write(
        &scenario,
        "[scenario]\nid = \"s\"\nstart = 2025-01-01\nend = 2025-03-31\nseeds = [\"facts.toml\", \"./facts.toml\"]\n",
    );
    let out = statecraft(&["check", s(&scenario)]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("is listed twice") && out.stderr.contains("s.toml:5:"),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn the_folder_walk_ends_on_symlink_loops_and_names_what_is_too_deep() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("top");
    write(&top.join("a/s.toml"), &scenario_with_members("m.csv"));
    write(
        &top.join("statecraft.toml"),
        "# the project's root marker, not a scenario\n",
    );
    write(&top.join("a/m.csv"), QUOTED_CSV);
    std::os::unix::fs::symlink(&top, top.join("a/loop")).unwrap();
    let root = top.clone();
    let out = within_30s(move || statecraft(&["check", s(&root)]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.matches("ok: ").count(), 1, "{}", out.stdout);

    let deep = dir.path().join("deep");
    let mut path = deep.clone();
    for i in 0..17 {
        path = path.join(format!("d{i}"));
    }
    write(&path.join("s.toml"), &scenario_with_members("m.csv"));
    let out = statecraft(&["check", s(&deep)]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("nested more than 16 folders deep"),
        "{}",
        out.stderr
    );
    // One level less is found.
    let out = statecraft(&["check", s(&deep.join("d0"))]);
    assert!(
        out.stderr.contains("m.csv") || out.stdout.contains("ok:"),
        "{}{}",
        out.stdout,
        out.stderr
    );
}

#[test]
fn extends_chains_stop_at_exactly_16_files() {
    let dir = tempfile::tempdir().unwrap();
    let chain = |n: usize| {
        // f1 extends f2 ... extends f{n}, which is complete.
        for i in 1..n {
            write(
                &dir.path().join(format!("f{i}.toml")),
                &format!("[scenario]\nid = \"f{i}\"\nextends = \"f{}.toml\"\n", i + 1),
            );
        }
        write(
            &dir.path().join(format!("f{n}.toml")),
            &scenario_with_members("m.csv"),
        );
        write(&dir.path().join("m.csv"), QUOTED_CSV);
        statecraft(&["check", s(&dir.path().join("f1.toml"))])
    };
    let out = chain(16);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = chain(17);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("longer than 16 files"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_file_that_is_not_a_members_csv_is_quoted_one_line_at_most() {
    let dir = tempfile::tempdir().unwrap();
    let junk: String = std::iter::once("id,population\n".to_owned())
        .chain((0..5000).map(|i| format!("secret{i},x,{i}\n")))
        .collect();
    write(&dir.path().join("junk.csv"), &junk);
    let scenario = dir.path().join("s.toml");
    write(&scenario, &scenario_with_members("junk.csv"));
    for out in [
        statecraft(&["check", s(&scenario)]),
        statecraft(&[
            "vote",
            "--procedure",
            "qmv",
            "--members",
            s(&dir.path().join("junk.csv")),
        ]),
    ] {
        assert_eq!(out.code, 1);
        let quoted = out.stderr.matches("secret").count();
        assert!(quoted <= 1, "{quoted} rows quoted:\n{}", out.stderr);
    }
}

#[cfg(unix)]
#[test]
fn merge_refuses_a_fifo_instead_of_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("part-1.json");
    statecraft_tests::make_fifo(&fifo);
    let out = within_30s(move || statecraft(&["merge", s(&fifo)]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("is not a regular file"),
        "{}",
        out.stderr
    );
}
