//! The cluster recipes in docs/cluster, checked for what docs/monte-carlo.md relies on.
//!
//! The Slurm array runs for real in `.ci/slurm-test`. No Kubernetes cluster (nor kubeconform,
//! which fetches its schemas from the network) is available to CI, so the Indexed Job manifest
//! is parsed here and the fields the sharding depends on are checked: an Indexed completion
//! mode, as many completions (and pods in parallel) as shards, a command line that turns
//! `JOB_COMPLETION_INDEX` into `--shard I/N` and writes each partial to the shared volume.

use saphyr::{LoadableYamlNode, Yaml};

const MANIFEST: &str = "../docs/cluster/k8s-indexed-job.yaml";
const SLURM: &str = "../docs/cluster/slurm-array.sh";

/// The node at `path` below `node`, or a failure naming the path.
fn at<'a>(node: &'a Yaml<'a>, path: &[&str]) -> &'a Yaml<'a> {
    let mut here = node;
    for (depth, key) in path.iter().enumerate() {
        here = here
            .as_mapping_get(key)
            .unwrap_or_else(|| panic!("{MANIFEST}: no `{}`", path[..=depth].join(".")));
    }
    here
}

fn text<'a>(node: &'a Yaml<'a>, path: &[&str]) -> &'a str {
    at(node, path)
        .as_str()
        .unwrap_or_else(|| panic!("{MANIFEST}: `{}` is not a string", path.join(".")))
}

fn number(node: &Yaml<'_>, path: &[&str]) -> i64 {
    at(node, path)
        .as_integer()
        .unwrap_or_else(|| panic!("{MANIFEST}: `{}` is not a whole number", path.join(".")))
}

/// The `N` of `--shard "…/N"` in a command line.
fn shard_count(command: &str) -> i64 {
    let after = command
        .split("--shard")
        .nth(1)
        .unwrap_or_else(|| panic!("no --shard in {command}"));
    // The value is quoted: `--shard "$((JOB_COMPLETION_INDEX + 1))/20"`.
    let value = after.split('"').nth(1).unwrap_or_default();
    let n = value.rsplit('/').next().unwrap_or_default();
    n.parse()
        .unwrap_or_else(|_| panic!("no shard count in `--shard \"{value}\"`"))
}

#[test]
fn the_kubernetes_indexed_job_shards_as_documented() {
    let source = std::fs::read_to_string(MANIFEST).expect(MANIFEST);
    let docs = Yaml::load_from_str(&source).expect("the manifest is YAML");
    assert_eq!(docs.len(), 1, "one document");
    let job = &docs[0];
    assert_eq!(text(job, &["apiVersion"]), "batch/v1");
    assert_eq!(text(job, &["kind"]), "Job");
    assert_eq!(text(job, &["spec", "completionMode"]), "Indexed");

    let pod = at(job, &["spec", "template", "spec"]);
    assert_eq!(text(pod, &["restartPolicy"]), "Never");
    let containers = at(pod, &["containers"]).as_sequence().expect("containers");
    assert_eq!(containers.len(), 1, "one container");
    let container = &containers[0];
    assert!(!text(container, &["image"]).trim().is_empty(), "an image");
    let workdir = text(container, &["workingDir"]);

    let command: Vec<&str> = at(container, &["command"])
        .as_sequence()
        .expect("command is a list")
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    assert_eq!(command, ["/bin/sh", "-c"], "a shell expands the index");
    let args = at(container, &["args"]).as_sequence().expect("args");
    let line = args[0].as_str().expect("the shell line");
    assert!(line.contains("statecraft mc scenarios/"), "{line}");
    // Indexes count from 0, shards from 1.
    assert!(
        line.contains("--shard \"$((JOB_COMPLETION_INDEX + 1))/"),
        "{line}"
    );

    let shards = shard_count(line);
    assert_eq!(number(job, &["spec", "completions"]), shards);
    assert_eq!(number(job, &["spec", "parallelism"]), shards);
    let header = format!("Indexed Job of {shards} shards");
    assert!(source.contains(&header), "the comment says `{header}`");

    // Each partial goes to the shared volume, under a name merge's glob picks up.
    let mounts = at(container, &["volumeMounts"])
        .as_sequence()
        .expect("mounts");
    let mount = mounts
        .iter()
        .find(|m| line.contains(&format!("--out \"{}/part-", text(m, &["mountPath"]))))
        .unwrap_or_else(|| panic!("--out is on no mounted volume: {line}"));
    let volume_name = text(mount, &["name"]);
    let volumes = at(pod, &["volumes"]).as_sequence().expect("volumes");
    let volume = volumes
        .iter()
        .find(|v| text(v, &["name"]) == volume_name)
        .unwrap_or_else(|| panic!("no volume named {volume_name}"));
    assert!(
        !text(volume, &["persistentVolumeClaim", "claimName"]).is_empty(),
        "the results volume outlives the pods"
    );
    let mount_path = text(mount, &["mountPath"]);
    assert!(
        source.contains(&format!("statecraft merge {mount_path}/part-*.json")),
        "the documented merge reads the volume"
    );
    assert!(
        !workdir.is_empty(),
        "the scenario path is relative to workingDir"
    );
}

#[test]
fn the_slurm_recipe_creates_logs_before_submitting_and_agrees_on_the_shard_count() {
    let script = std::fs::read_to_string(SLURM).expect(SLURM);
    let position = |needle: &str| {
        script
            .find(needle)
            .unwrap_or_else(|| panic!("{SLURM} does not say `{needle}`"))
    };
    // Slurm opens --output before the script runs: logs/ must exist at submission.
    assert!(script.contains("#SBATCH --output=logs/"));
    assert!(position("#   mkdir -p logs") < position("#   sbatch docs/cluster/slurm-array.sh"));
    assert!(
        script.contains("--out results/baseline-mc.json"),
        "merge with --out"
    );
    let array = script
        .lines()
        .find_map(|l| l.strip_prefix("#SBATCH --array=1-"))
        .expect("#SBATCH --array=1-N");
    assert!(
        script.contains(&format!("SHARDS=\"${{SHARDS:-{array}}}\"")),
        "SHARDS defaults to the array size {array}"
    );
    assert!(script.contains(&format!("Slurm job array of {array} shards")));
}
