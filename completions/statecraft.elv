
use builtin;
use str;

set edit:completion:arg-completer[statecraft] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'statecraft'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'statecraft'= {
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Validate scenario files and report every problem with its location'
            cand run 'Run a scenario once and print its timeline and final state'
            cand test 'Check every scenario''s expectations'
            cand mc 'Monte Carlo: outcome probabilities and indicator quantiles over many runs'
            cand sweep 'A grid of parameter values × runs, one row per point'
            cand score 'Score forecasts against observed outcomes: Brier, log score, calibration'
            cand calibrate 'Fit the settings declared uncertain to the observed outcomes before the cut-off'
            cand sensitivity 'Which uncertain settings move an outcome''s probability most'
            cand merge 'Combine the partial results of sharded `mc` or `score` runs'
            cand diff 'Baseline against variant: where the timelines part, how outcomes differ'
            cand explain 'Why an outcome happened: votes, policies, conditions, events, sources'
            cand report 'A self-contained HTML report of a scenario, or of a baseline against a variant'
            cand vote 'Count a Council vote under a procedure'
            cand power 'Voting power (Banzhaf, Shapley–Shubik) of every member under a procedure'
            cand schema 'Print the JSON Schema of the scenario format'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand man 'Print the man page (roff) of statecraft or of one of its commands'
            cand lsp 'Language server for editors (LSP over stdio): diagnostics, definitions, completion'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'statecraft;check'= {
            cand --set 'Override a value before checking: PATH=VALUE, e.g. policy.hu-balance-2025.ratio=0.5 (repeatable)'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;run'= {
            cand --seed 'Seed of the run''s random numbers (same file + same seed = same output)'
            cand --until 'Stop at the end of the step containing this date (YYYY-MM-DD)'
            cand --format 'Output format'
            cand --set 'Override a value: PATH=VALUE, e.g. proposal.epf-armenia-2025.amount_eur=5000000 (repeatable)'
            cand --as-of 'The information cut-off, YYYY-MM-DD (wins over the scenario''s `as_of`)'
            cand --out 'Write the output to this file (atomically) instead of standard output'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'statecraft;test'= {
            cand --seed 'Master seed: run i draws its random numbers from a stream derived from (seed, i)'
            cand --runs 'Runs for expectations with probability bounds (at least 1)'
            cand --set 'Override a value in every scenario: PATH=VALUE (repeatable)'
            cand --as-of 'The information cut-off, YYYY-MM-DD (wins over the scenario''s `as_of`)'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;mc'= {
            cand --runs 'Number of runs (at least 1)'
            cand --seed 'Master seed: run i draws its random numbers from a stream derived from (seed, i)'
            cand --threads 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is'
            cand --format 'Output format'
            cand --set 'Override a value: PATH=VALUE (repeatable)'
            cand --at 'Summarise at the end of the step that contains DATE (YYYY-MM-DD): proposals adopted by then, statuses, flags and indicators then'
            cand --as-of 'The information cut-off, YYYY-MM-DD (wins over the scenario''s `as_of`)'
            cand --shard 'Run only shard I of N (I from 1) and write a partial result for `statecraft merge`'
            cand --out 'Write to this file (atomically) instead of standard output'
            cand --quantile-memory 'Memory allowed for the quantile histograms, in MiB over all threads (docs/limits.md)'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand --no-quantiles 'Skip the per-step indicator histograms (no quantiles in the output); about a third faster on the baseline'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'statecraft;sweep'= {
            cand --vary 'A parameter and its values: PATH=FROM..TO:STEP or PATH=V1,V2,... (repeatable)'
            cand --runs 'Runs per point (at least 1)'
            cand --seed 'Master seed: run i draws its random numbers from a stream derived from (seed, i)'
            cand --threads 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is'
            cand --set 'Fixed overrides applied at every point: PATH=VALUE (repeatable)'
            cand --format 'Output format: one row per point'
            cand --out 'Write to this file (atomically) instead of standard output'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;score'= {
            cand --runs 'Runs per scenario (at least 1)'
            cand --seed 'Master seed: run i draws its random numbers from a stream derived from (seed, i)'
            cand --threads 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is'
            cand --set 'Override a value in every scenario: PATH=VALUE (repeatable)'
            cand --as-of 'The information cut-off, YYYY-MM-DD (wins over the scenario''s `as_of`)'
            cand --shard 'Run only shard I of N (I from 1) and write a partial result for `statecraft merge`, which prints what `score` prints unsharded'
            cand --format 'Output format'
            cand --out 'Write to this file (atomically) instead of standard output'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'statecraft;calibrate'= {
            cand --runs 'Runs per draw (at least 1)'
            cand --draws 'Draws from the prior (1 to 10000)'
            cand --seed 'Master seed: run i draws its random numbers from a stream derived from (seed, i)'
            cand --threads 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is'
            cand --format 'Output format'
            cand --out 'Write the fitted values as a variant that extends FILE (the settings the outcomes read at their posterior means, the others at the scenario''s values); with --shard, the partial result goes there instead'
            cand --shard 'Run only shard I of N (I from 1) of the runs at every draw and write a partial result for `statecraft merge`, which fits and prints what `calibrate` prints unsharded'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'statecraft;sensitivity'= {
            cand --outcome 'The outcome: a proposal, flag, observed outcome or expectation id'
            cand --at 'Read the outcome at this date, YYYY-MM-DD'
            cand --runs 'Runs per point (at least 1)'
            cand --morris 'Morris trajectories (0 to 1000; 0: one at a time only)'
            cand --seed 'Master seed: run i draws its random numbers from a stream derived from (seed, i)'
            cand --threads 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is'
            cand --format 'Output format'
            cand --out 'Write to this file (atomically) instead of standard output'
            cand --shard 'Run only shard I of N (I from 1) of the runs at every point and write a partial result for `statecraft merge`, which prints what `sensitivity` prints unsharded'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'statecraft;merge'= {
            cand --scenario 'The scenario, if it has moved since the shards ran (default: the path they recorded)'
            cand --format 'Output format'
            cand --out 'Write to this file (atomically) instead of standard output, so an interrupted merge leaves no half-written result'
            cand --variant 'Shards of `calibrate`: also write the fitted values as a variant, as `calibrate --out` does unsharded'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'statecraft;diff'= {
            cand --runs 'Compare probabilities over this many paired runs (common random numbers) instead of one run each (at least 1)'
            cand --at 'With --runs: compare at the end of the step that contains DATE (YYYY-MM-DD) in each'
            cand --seed 'Master seed: run i draws its random numbers from a stream derived from (seed, i)'
            cand --threads 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is'
            cand --format 'Output format'
            cand --set 'Override a value in B only: PATH=VALUE (repeatable). `diff A A --set ...` asks what one change does, without writing a variant'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;explain'= {
            cand --seed 'Master seed: run i draws its random numbers from a stream derived from (seed, i)'
            cand --runs 'Tally causes over this many runs instead of explaining one (at least 1)'
            cand --set 'Override a value: PATH=VALUE (repeatable)'
            cand --format 'Output format: text, or json (the explanation as data)'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;report'= {
            cand --runs 'Add Monte Carlo probabilities and quantile bands over this many runs (at least 1)'
            cand --at 'With --runs: the probabilities at the end of the step that contains DATE (YYYY-MM-DD)'
            cand --seed 'Master seed: run i draws its random numbers from a stream derived from (seed, i)'
            cand --threads 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is'
            cand --set 'Override a value: PATH=VALUE (repeatable); with VARIANT, in the variant only'
            cand --out 'Write the page here (atomically) instead of standard output'
            cand --quantile-memory 'Memory allowed for the quantile bands'' histograms with --runs, in MiB over all threads (docs/limits.md)'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;vote'= {
            cand --procedure 'The voting rule'
            cand --members 'Members and their populations: a CSV file with `id` and `population` columns, or a scenario file (.toml) whose member states have a `population`. Default: the Council''s 2025 figures for the 27 member states'
            cand --against 'Members voting against, by id, comma-separated (e.g. hu,sk)'
            cand --abstain 'Members abstaining, by id, comma-separated'
            cand --constructive 'Members abstaining constructively (Art. 31(1) TEU), by id, comma-separated'
            cand --not-participating 'Members not taking part in the vote; thresholds are then computed over the others (Art. 238(3) TFEU)'
            cand --format 'Output format'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'statecraft;power'= {
            cand --procedure 'The voting rule'
            cand --members 'Members and their populations: a CSV file with `id` and `population` columns, or a scenario file (.toml) whose member states have a `population`. Default: the Council''s 2025 figures for the 27 member states'
            cand --not-participating 'Members not taking part, by id, comma-separated: the power of the others is computed under the rules for participants (Art. 238(3) TFEU)'
            cand --format 'Output format'
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'statecraft;schema'= {
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;completions'= {
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;man'= {
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand --list 'List the commands that have a page, one a line, instead of printing one'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;lsp'= {
            cand --color 'When to colour output (auto: on a terminal, unless NO_COLOR is set)'
            cand --allow-path 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'statecraft;help'= {
            cand check 'Validate scenario files and report every problem with its location'
            cand run 'Run a scenario once and print its timeline and final state'
            cand test 'Check every scenario''s expectations'
            cand mc 'Monte Carlo: outcome probabilities and indicator quantiles over many runs'
            cand sweep 'A grid of parameter values × runs, one row per point'
            cand score 'Score forecasts against observed outcomes: Brier, log score, calibration'
            cand calibrate 'Fit the settings declared uncertain to the observed outcomes before the cut-off'
            cand sensitivity 'Which uncertain settings move an outcome''s probability most'
            cand merge 'Combine the partial results of sharded `mc` or `score` runs'
            cand diff 'Baseline against variant: where the timelines part, how outcomes differ'
            cand explain 'Why an outcome happened: votes, policies, conditions, events, sources'
            cand report 'A self-contained HTML report of a scenario, or of a baseline against a variant'
            cand vote 'Count a Council vote under a procedure'
            cand power 'Voting power (Banzhaf, Shapley–Shubik) of every member under a procedure'
            cand schema 'Print the JSON Schema of the scenario format'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand man 'Print the man page (roff) of statecraft or of one of its commands'
            cand lsp 'Language server for editors (LSP over stdio): diagnostics, definitions, completion'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'statecraft;help;check'= {
        }
        &'statecraft;help;run'= {
        }
        &'statecraft;help;test'= {
        }
        &'statecraft;help;mc'= {
        }
        &'statecraft;help;sweep'= {
        }
        &'statecraft;help;score'= {
        }
        &'statecraft;help;calibrate'= {
        }
        &'statecraft;help;sensitivity'= {
        }
        &'statecraft;help;merge'= {
        }
        &'statecraft;help;diff'= {
        }
        &'statecraft;help;explain'= {
        }
        &'statecraft;help;report'= {
        }
        &'statecraft;help;vote'= {
        }
        &'statecraft;help;power'= {
        }
        &'statecraft;help;schema'= {
        }
        &'statecraft;help;completions'= {
        }
        &'statecraft;help;man'= {
        }
        &'statecraft;help;lsp'= {
        }
        &'statecraft;help;help'= {
        }
    ]
    $completions[$command]
}
