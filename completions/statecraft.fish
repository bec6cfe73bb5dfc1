# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_statecraft_global_optspecs
    string join \n color= allow-path= h/help V/version
end

function __fish_statecraft_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_statecraft_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_statecraft_using_subcommand
    set -l cmd (__fish_statecraft_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c statecraft -n "__fish_statecraft_needs_command" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_needs_command" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_needs_command" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_needs_command" -s V -l version -d 'Print version'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "check" -d 'Validate scenario files and report every problem with its location'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "run" -d 'Run a scenario once and print its timeline and final state'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "test" -d 'Check every scenario\'s expectations'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "mc" -d 'Monte Carlo: outcome probabilities and indicator quantiles over many runs'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "sweep" -d 'A grid of parameter values × runs, one row per point'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "score" -d 'Score forecasts against observed outcomes: Brier, log score, calibration'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "calibrate" -d 'Fit the settings declared uncertain to the observed outcomes before the cut-off'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "sensitivity" -d 'Which uncertain settings move an outcome\'s probability most'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "merge" -d 'Combine the partial results of sharded `mc` or `score` runs'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "diff" -d 'Baseline against variant: where the timelines part, how outcomes differ'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "explain" -d 'Why an outcome happened: votes, policies, conditions, events, sources'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "report" -d 'A self-contained HTML report of a scenario, or of a baseline against a variant'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "vote" -d 'Count a Council vote under a procedure'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "power" -d 'Voting power (Banzhaf, Shapley–Shubik) of every member under a procedure'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "schema" -d 'Print the JSON Schema of the scenario format'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "man" -d 'Print the man page (roff) of statecraft or of one of its commands'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "lsp" -d 'Language server for editors (LSP over stdio): diagnostics, definitions, completion'
complete -c statecraft -n "__fish_statecraft_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c statecraft -n "__fish_statecraft_using_subcommand check" -l set -d 'Override a value before checking: PATH=VALUE, e.g. policy.hu-balance-2025.ratio=0.5 (repeatable)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand check" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand check" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand check" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand run" -l seed -d 'Seed of the run\'s random numbers (same file + same seed = same output)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand run" -l until -d 'Stop at the end of the step containing this date (YYYY-MM-DD)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand run" -l format -d 'Output format' -r -f -a "text\t'A readable timeline and summary'
json\t'One JSON document (the contract in the README)'
jsonl\t'One JSON object per timeline line, then the summary'
markdown\t'A timeline to paste into a memo'"
complete -c statecraft -n "__fish_statecraft_using_subcommand run" -l set -d 'Override a value: PATH=VALUE, e.g. proposal.epf-armenia-2025.amount_eur=5000000 (repeatable)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand run" -l as-of -d 'The information cut-off, YYYY-MM-DD (wins over the scenario\'s `as_of`)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand run" -l out -d 'Write the output to this file (atomically) instead of standard output' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand run" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand run" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c statecraft -n "__fish_statecraft_using_subcommand test" -l seed -d 'Master seed: run i draws its random numbers from a stream derived from (seed, i)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand test" -l runs -d 'Runs for expectations with probability bounds (at least 1)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand test" -l set -d 'Override a value in every scenario: PATH=VALUE (repeatable)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand test" -l as-of -d 'The information cut-off, YYYY-MM-DD (wins over the scenario\'s `as_of`)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand test" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand test" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand test" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l runs -d 'Number of runs (at least 1)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l seed -d 'Master seed: run i draws its random numbers from a stream derived from (seed, i)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l threads -d 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l format -d 'Output format' -r -f -a "text\t'Tables of probabilities and quantiles'
json\t'The documented JSON (README)'
csv\t'One row per number: section,id,key,date,value,lo,hi (a share of runs with its interval, or an indicator quantile)'"
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l set -d 'Override a value: PATH=VALUE (repeatable)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l at -d 'Summarise at the end of the step that contains DATE (YYYY-MM-DD): proposals adopted by then, statuses, flags and indicators then' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l as-of -d 'The information cut-off, YYYY-MM-DD (wins over the scenario\'s `as_of`)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l shard -d 'Run only shard I of N (I from 1) and write a partial result for `statecraft merge`' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l out -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l quantile-memory -d 'Memory allowed for the quantile histograms, in MiB over all threads (docs/limits.md)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -s q -l quiet -d 'No progress bar'
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -l no-quantiles -d 'Skip the per-step indicator histograms (no quantiles in the output); about a third faster on the baseline'
complete -c statecraft -n "__fish_statecraft_using_subcommand mc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -l vary -d 'A parameter and its values: PATH=FROM..TO:STEP or PATH=V1,V2,... (repeatable)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -l runs -d 'Runs per point (at least 1)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -l seed -d 'Master seed: run i draws its random numbers from a stream derived from (seed, i)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -l threads -d 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -l set -d 'Fixed overrides applied at every point: PATH=VALUE (repeatable)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -l format -d 'Output format: one row per point' -r -f -a "csv\t''
json\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -l out -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -s q -l quiet -d 'No progress bar'
complete -c statecraft -n "__fish_statecraft_using_subcommand sweep" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l runs -d 'Runs per scenario (at least 1)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l seed -d 'Master seed: run i draws its random numbers from a stream derived from (seed, i)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l threads -d 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l set -d 'Override a value in every scenario: PATH=VALUE (repeatable)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l as-of -d 'The information cut-off, YYYY-MM-DD (wins over the scenario\'s `as_of`)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l shard -d 'Run only shard I of N (I from 1) and write a partial result for `statecraft merge`, which prints what `score` prints unsharded' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l format -d 'Output format' -r -f -a "text\t'for people'
json\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l out -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -s q -l quiet -d 'No progress bar'
complete -c statecraft -n "__fish_statecraft_using_subcommand score" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -l runs -d 'Runs per draw (at least 1)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -l draws -d 'Draws from the prior (1 to 10000)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -l seed -d 'Master seed: run i draws its random numbers from a stream derived from (seed, i)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -l threads -d 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -l format -d 'Output format' -r -f -a "text\t'for people'
json\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -l out -d 'Write the fitted values as a variant that extends FILE (the settings the outcomes read at their posterior means, the others at the scenario\'s values); with --shard, the partial result goes there instead' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -l shard -d 'Run only shard I of N (I from 1) of the runs at every draw and write a partial result for `statecraft merge`, which fits and prints what `calibrate` prints unsharded' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -s q -l quiet -d 'No progress bar'
complete -c statecraft -n "__fish_statecraft_using_subcommand calibrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l outcome -d 'The outcome: a proposal, flag, observed outcome or expectation id' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l at -d 'Read the outcome at this date, YYYY-MM-DD' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l runs -d 'Runs per point (at least 1)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l morris -d 'Morris trajectories (0 to 1000; 0: one at a time only)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l seed -d 'Master seed: run i draws its random numbers from a stream derived from (seed, i)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l threads -d 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l format -d 'Output format' -r -f -a "text\t'for people'
json\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l out -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l shard -d 'Run only shard I of N (I from 1) of the runs at every point and write a partial result for `statecraft merge`, which prints what `sensitivity` prints unsharded' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -s q -l quiet -d 'No progress bar'
complete -c statecraft -n "__fish_statecraft_using_subcommand sensitivity" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c statecraft -n "__fish_statecraft_using_subcommand merge" -l scenario -d 'The scenario, if it has moved since the shards ran (default: the path they recorded)' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand merge" -l format -d 'Output format' -r -f -a "text\t'Tables of probabilities and quantiles'
json\t'The documented JSON (README)'
csv\t'One row per number: section,id,key,date,value,lo,hi (a share of runs with its interval, or an indicator quantile)'"
complete -c statecraft -n "__fish_statecraft_using_subcommand merge" -l out -d 'Write to this file (atomically) instead of standard output, so an interrupted merge leaves no half-written result' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand merge" -l variant -d 'Shards of `calibrate`: also write the fitted values as a variant, as `calibrate --out` does unsharded' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand merge" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand merge" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c statecraft -n "__fish_statecraft_using_subcommand diff" -l runs -d 'Compare probabilities over this many paired runs (common random numbers) instead of one run each (at least 1)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand diff" -l at -d 'With --runs: compare at the end of the step that contains DATE (YYYY-MM-DD) in each' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand diff" -l seed -d 'Master seed: run i draws its random numbers from a stream derived from (seed, i)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand diff" -l threads -d 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand diff" -l format -d 'Output format' -r -f -a "text\t''
json\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand diff" -l set -d 'Override a value in B only: PATH=VALUE (repeatable). `diff A A --set ...` asks what one change does, without writing a variant' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand diff" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand diff" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand diff" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand explain" -l seed -d 'Master seed: run i draws its random numbers from a stream derived from (seed, i)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand explain" -l runs -d 'Tally causes over this many runs instead of explaining one (at least 1)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand explain" -l set -d 'Override a value: PATH=VALUE (repeatable)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand explain" -l format -d 'Output format: text, or json (the explanation as data)' -r -f -a "text\t''
json\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand explain" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand explain" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand explain" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -l runs -d 'Add Monte Carlo probabilities and quantile bands over this many runs (at least 1)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -l at -d 'With --runs: the probabilities at the end of the step that contains DATE (YYYY-MM-DD)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -l seed -d 'Master seed: run i draws its random numbers from a stream derived from (seed, i)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -l threads -d 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -l set -d 'Override a value: PATH=VALUE (repeatable); with VARIANT, in the variant only' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -l out -d 'Write the page here (atomically) instead of standard output' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -l quantile-memory -d 'Memory allowed for the quantile bands\' histograms with --runs, in MiB over all threads (docs/limits.md)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -s q -l quiet -d 'No progress bar'
complete -c statecraft -n "__fish_statecraft_using_subcommand report" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -l procedure -d 'The voting rule' -r -f -a "unanimity\t'no member against; abstentions do not block'
qmv\t'55% of members with 65% of the population; 4 members to block'
rqmv\t'reinforced: 72% of members with 65% of the population'
simple\t'more than half of the members'"
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -l members -d 'Members and their populations: a CSV file with `id` and `population` columns, or a scenario file (.toml) whose member states have a `population`. Default: the Council\'s 2025 figures for the 27 member states' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -l against -d 'Members voting against, by id, comma-separated (e.g. hu,sk)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -l abstain -d 'Members abstaining, by id, comma-separated' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -l constructive -d 'Members abstaining constructively (Art. 31(1) TEU), by id, comma-separated' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -l not-participating -d 'Members not taking part in the vote; thresholds are then computed over the others (Art. 238(3) TFEU)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -l format -d 'Output format' -r -f -a "text\t'A summary for people'
json\t'One JSON document, for scripts'"
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand vote" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c statecraft -n "__fish_statecraft_using_subcommand power" -l procedure -d 'The voting rule' -r -f -a "unanimity\t'no member against; abstentions do not block'
qmv\t'55% of members with 65% of the population; 4 members to block'
rqmv\t'reinforced: 72% of members with 65% of the population'
simple\t'more than half of the members'"
complete -c statecraft -n "__fish_statecraft_using_subcommand power" -l members -d 'Members and their populations: a CSV file with `id` and `population` columns, or a scenario file (.toml) whose member states have a `population`. Default: the Council\'s 2025 figures for the 27 member states' -r -F
complete -c statecraft -n "__fish_statecraft_using_subcommand power" -l not-participating -d 'Members not taking part, by id, comma-separated: the power of the others is computed under the rules for participants (Art. 238(3) TFEU)' -r
complete -c statecraft -n "__fish_statecraft_using_subcommand power" -l format -d 'Output format' -r -f -a "text\t'A summary for people'
json\t'One JSON document, for scripts'"
complete -c statecraft -n "__fish_statecraft_using_subcommand power" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand power" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand power" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c statecraft -n "__fish_statecraft_using_subcommand schema" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand schema" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand schema" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand completions" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand completions" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand completions" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand man" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand man" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand man" -l list -d 'List the commands that have a page, one a line, instead of printing one'
complete -c statecraft -n "__fish_statecraft_using_subcommand man" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand lsp" -l color -d 'When to colour output (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c statecraft -n "__fish_statecraft_using_subcommand lsp" -l allow-path -d 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario\'s project folder is read (repeatable)' -r -f -a "(__fish_complete_directories)"
complete -c statecraft -n "__fish_statecraft_using_subcommand lsp" -s h -l help -d 'Print help'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "check" -d 'Validate scenario files and report every problem with its location'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "run" -d 'Run a scenario once and print its timeline and final state'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "test" -d 'Check every scenario\'s expectations'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "mc" -d 'Monte Carlo: outcome probabilities and indicator quantiles over many runs'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "sweep" -d 'A grid of parameter values × runs, one row per point'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "score" -d 'Score forecasts against observed outcomes: Brier, log score, calibration'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "calibrate" -d 'Fit the settings declared uncertain to the observed outcomes before the cut-off'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "sensitivity" -d 'Which uncertain settings move an outcome\'s probability most'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "merge" -d 'Combine the partial results of sharded `mc` or `score` runs'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "diff" -d 'Baseline against variant: where the timelines part, how outcomes differ'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "explain" -d 'Why an outcome happened: votes, policies, conditions, events, sources'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "report" -d 'A self-contained HTML report of a scenario, or of a baseline against a variant'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "vote" -d 'Count a Council vote under a procedure'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "power" -d 'Voting power (Banzhaf, Shapley–Shubik) of every member under a procedure'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "schema" -d 'Print the JSON Schema of the scenario format'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "man" -d 'Print the man page (roff) of statecraft or of one of its commands'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "lsp" -d 'Language server for editors (LSP over stdio): diagnostics, definitions, completion'
complete -c statecraft -n "__fish_statecraft_using_subcommand help; and not __fish_seen_subcommand_from check run test mc sweep score calibrate sensitivity merge diff explain report vote power schema completions man lsp help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
