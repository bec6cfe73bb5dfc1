
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'statecraft' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'statecraft'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'statecraft' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate scenario files and report every problem with its location')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a scenario once and print its timeline and final state')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check every scenario''s expectations')
            [CompletionResult]::new('mc', 'mc', [CompletionResultType]::ParameterValue, 'Monte Carlo: outcome probabilities and indicator quantiles over many runs')
            [CompletionResult]::new('sweep', 'sweep', [CompletionResultType]::ParameterValue, 'A grid of parameter values × runs, one row per point')
            [CompletionResult]::new('score', 'score', [CompletionResultType]::ParameterValue, 'Score forecasts against observed outcomes: Brier, log score, calibration')
            [CompletionResult]::new('calibrate', 'calibrate', [CompletionResultType]::ParameterValue, 'Fit the settings declared uncertain to the observed outcomes before the cut-off')
            [CompletionResult]::new('sensitivity', 'sensitivity', [CompletionResultType]::ParameterValue, 'Which uncertain settings move an outcome''s probability most')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Combine the partial results of sharded `mc` or `score` runs')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Baseline against variant: where the timelines part, how outcomes differ')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Why an outcome happened: votes, policies, conditions, events, sources')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'A self-contained HTML report of a scenario, or of a baseline against a variant')
            [CompletionResult]::new('vote', 'vote', [CompletionResultType]::ParameterValue, 'Count a Council vote under a procedure')
            [CompletionResult]::new('power', 'power', [CompletionResultType]::ParameterValue, 'Voting power (Banzhaf, Shapley–Shubik) of every member under a procedure')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the scenario format')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) of statecraft or of one of its commands')
            [CompletionResult]::new('lsp', 'lsp', [CompletionResultType]::ParameterValue, 'Language server for editors (LSP over stdio): diagnostics, definitions, completion')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'statecraft;check' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value before checking: PATH=VALUE, e.g. policy.hu-balance-2025.ratio=0.5 (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;run' {
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the run''s random numbers (same file + same seed = same output)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Stop at the end of the step containing this date (YYYY-MM-DD)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value: PATH=VALUE, e.g. proposal.epf-armenia-2025.amount_eur=5000000 (repeatable)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The information cut-off, YYYY-MM-DD (wins over the scenario''s `as_of`)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the output to this file (atomically) instead of standard output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'statecraft;test' {
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Master seed: run i draws its random numbers from a stream derived from (seed, i)')
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Runs for expectations with probability bounds (at least 1)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value in every scenario: PATH=VALUE (repeatable)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The information cut-off, YYYY-MM-DD (wins over the scenario''s `as_of`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;mc' {
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Number of runs (at least 1)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Master seed: run i draws its random numbers from a stream derived from (seed, i)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value: PATH=VALUE (repeatable)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Summarise at the end of the step that contains DATE (YYYY-MM-DD): proposals adopted by then, statuses, flags and indicators then')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The information cut-off, YYYY-MM-DD (wins over the scenario''s `as_of`)')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Run only shard I of N (I from 1) and write a partial result for `statecraft merge`')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--quantile-memory', '--quantile-memory', [CompletionResultType]::ParameterName, 'Memory allowed for the quantile histograms, in MiB over all threads (docs/limits.md)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--no-quantiles', '--no-quantiles', [CompletionResultType]::ParameterName, 'Skip the per-step indicator histograms (no quantiles in the output); about a third faster on the baseline')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'statecraft;sweep' {
            [CompletionResult]::new('--vary', '--vary', [CompletionResultType]::ParameterName, 'A parameter and its values: PATH=FROM..TO:STEP or PATH=V1,V2,... (repeatable)')
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Runs per point (at least 1)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Master seed: run i draws its random numbers from a stream derived from (seed, i)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Fixed overrides applied at every point: PATH=VALUE (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: one row per point')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;score' {
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Runs per scenario (at least 1)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Master seed: run i draws its random numbers from a stream derived from (seed, i)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value in every scenario: PATH=VALUE (repeatable)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The information cut-off, YYYY-MM-DD (wins over the scenario''s `as_of`)')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Run only shard I of N (I from 1) and write a partial result for `statecraft merge`, which prints what `score` prints unsharded')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'statecraft;calibrate' {
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Runs per draw (at least 1)')
            [CompletionResult]::new('--draws', '--draws', [CompletionResultType]::ParameterName, 'Draws from the prior (1 to 10000)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Master seed: run i draws its random numbers from a stream derived from (seed, i)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the fitted values as a variant that extends FILE (the settings the outcomes read at their posterior means, the others at the scenario''s values); with --shard, the partial result goes there instead')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Run only shard I of N (I from 1) of the runs at every draw and write a partial result for `statecraft merge`, which fits and prints what `calibrate` prints unsharded')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'statecraft;sensitivity' {
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'The outcome: a proposal, flag, observed outcome or expectation id')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Read the outcome at this date, YYYY-MM-DD')
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Runs per point (at least 1)')
            [CompletionResult]::new('--morris', '--morris', [CompletionResultType]::ParameterName, 'Morris trajectories (0 to 1000; 0: one at a time only)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Master seed: run i draws its random numbers from a stream derived from (seed, i)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Run only shard I of N (I from 1) of the runs at every point and write a partial result for `statecraft merge`, which prints what `sensitivity` prints unsharded')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'statecraft;merge' {
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'The scenario, if it has moved since the shards ran (default: the path they recorded)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output, so an interrupted merge leaves no half-written result')
            [CompletionResult]::new('--variant', '--variant', [CompletionResultType]::ParameterName, 'Shards of `calibrate`: also write the fitted values as a variant, as `calibrate --out` does unsharded')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'statecraft;diff' {
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Compare probabilities over this many paired runs (common random numbers) instead of one run each (at least 1)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'With --runs: compare at the end of the step that contains DATE (YYYY-MM-DD) in each')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Master seed: run i draws its random numbers from a stream derived from (seed, i)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value in B only: PATH=VALUE (repeatable). `diff A A --set ...` asks what one change does, without writing a variant')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;explain' {
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Master seed: run i draws its random numbers from a stream derived from (seed, i)')
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Tally causes over this many runs instead of explaining one (at least 1)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value: PATH=VALUE (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text, or json (the explanation as data)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;report' {
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Add Monte Carlo probabilities and quantile bands over this many runs (at least 1)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'With --runs: the probabilities at the end of the step that contains DATE (YYYY-MM-DD)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Master seed: run i draws its random numbers from a stream derived from (seed, i)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads, 1 to 1024 (default: one per core); never more than the work needs. The result is the same whatever this is')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value: PATH=VALUE (repeatable); with VARIANT, in the variant only')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the page here (atomically) instead of standard output')
            [CompletionResult]::new('--quantile-memory', '--quantile-memory', [CompletionResultType]::ParameterName, 'Memory allowed for the quantile bands'' histograms with --runs, in MiB over all threads (docs/limits.md)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;vote' {
            [CompletionResult]::new('--procedure', '--procedure', [CompletionResultType]::ParameterName, 'The voting rule')
            [CompletionResult]::new('--members', '--members', [CompletionResultType]::ParameterName, 'Members and their populations: a CSV file with `id` and `population` columns, or a scenario file (.toml) whose member states have a `population`. Default: the Council''s 2025 figures for the 27 member states')
            [CompletionResult]::new('--against', '--against', [CompletionResultType]::ParameterName, 'Members voting against, by id, comma-separated (e.g. hu,sk)')
            [CompletionResult]::new('--abstain', '--abstain', [CompletionResultType]::ParameterName, 'Members abstaining, by id, comma-separated')
            [CompletionResult]::new('--constructive', '--constructive', [CompletionResultType]::ParameterName, 'Members abstaining constructively (Art. 31(1) TEU), by id, comma-separated')
            [CompletionResult]::new('--not-participating', '--not-participating', [CompletionResultType]::ParameterName, 'Members not taking part in the vote; thresholds are then computed over the others (Art. 238(3) TFEU)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'statecraft;power' {
            [CompletionResult]::new('--procedure', '--procedure', [CompletionResultType]::ParameterName, 'The voting rule')
            [CompletionResult]::new('--members', '--members', [CompletionResultType]::ParameterName, 'Members and their populations: a CSV file with `id` and `population` columns, or a scenario file (.toml) whose member states have a `population`. Default: the Council''s 2025 figures for the 27 member states')
            [CompletionResult]::new('--not-participating', '--not-participating', [CompletionResultType]::ParameterName, 'Members not taking part, by id, comma-separated: the power of the others is computed under the rules for participants (Art. 238(3) TFEU)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'statecraft;schema' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the commands that have a page, one a line, instead of printing one')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;lsp' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--allow-path', '--allow-path', [CompletionResultType]::ParameterName, 'Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`); by default only the scenario''s project folder is read (repeatable)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'statecraft;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate scenario files and report every problem with its location')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a scenario once and print its timeline and final state')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check every scenario''s expectations')
            [CompletionResult]::new('mc', 'mc', [CompletionResultType]::ParameterValue, 'Monte Carlo: outcome probabilities and indicator quantiles over many runs')
            [CompletionResult]::new('sweep', 'sweep', [CompletionResultType]::ParameterValue, 'A grid of parameter values × runs, one row per point')
            [CompletionResult]::new('score', 'score', [CompletionResultType]::ParameterValue, 'Score forecasts against observed outcomes: Brier, log score, calibration')
            [CompletionResult]::new('calibrate', 'calibrate', [CompletionResultType]::ParameterValue, 'Fit the settings declared uncertain to the observed outcomes before the cut-off')
            [CompletionResult]::new('sensitivity', 'sensitivity', [CompletionResultType]::ParameterValue, 'Which uncertain settings move an outcome''s probability most')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Combine the partial results of sharded `mc` or `score` runs')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Baseline against variant: where the timelines part, how outcomes differ')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Why an outcome happened: votes, policies, conditions, events, sources')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'A self-contained HTML report of a scenario, or of a baseline against a variant')
            [CompletionResult]::new('vote', 'vote', [CompletionResultType]::ParameterValue, 'Count a Council vote under a procedure')
            [CompletionResult]::new('power', 'power', [CompletionResultType]::ParameterValue, 'Voting power (Banzhaf, Shapley–Shubik) of every member under a procedure')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the scenario format')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) of statecraft or of one of its commands')
            [CompletionResult]::new('lsp', 'lsp', [CompletionResultType]::ParameterValue, 'Language server for editors (LSP over stdio): diagnostics, definitions, completion')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'statecraft;help;check' {
            break
        }
        'statecraft;help;run' {
            break
        }
        'statecraft;help;test' {
            break
        }
        'statecraft;help;mc' {
            break
        }
        'statecraft;help;sweep' {
            break
        }
        'statecraft;help;score' {
            break
        }
        'statecraft;help;calibrate' {
            break
        }
        'statecraft;help;sensitivity' {
            break
        }
        'statecraft;help;merge' {
            break
        }
        'statecraft;help;diff' {
            break
        }
        'statecraft;help;explain' {
            break
        }
        'statecraft;help;report' {
            break
        }
        'statecraft;help;vote' {
            break
        }
        'statecraft;help;power' {
            break
        }
        'statecraft;help;schema' {
            break
        }
        'statecraft;help;completions' {
            break
        }
        'statecraft;help;man' {
            break
        }
        'statecraft;help;lsp' {
            break
        }
        'statecraft;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
