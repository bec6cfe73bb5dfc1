//! A synthetic scenario generator for scaling benchmarks: `scale` multiplies partners,
//! proposals, policies, events, indicators and years together, so cost per run should grow
//! about linearly in steps × items.

/// The TOML text of a synthetic scenario at `scale` (1 = a baseline-sized scenario).
pub fn scenario(scale: usize, members_csv: &str) -> String {
    let years = scale.clamp(1, 20);
    let items = scale;
    let mut s = format!(
        "[scenario]\nid = \"synthetic-{scale}\"\nstart = 2024-01-01\nend = {}-12-31\nmembers = \"{members_csv}\"\n\n",
        2023 + years
    );
    let partners = 3 * items;
    for p in 0..partners {
        s.push_str(&format!("[[actor]]\nid = \"p{p}\"\nkind = \"partner\"\n\n"));
    }
    let list: Vec<String> = (0..partners).map(|p| format!("\"p{p}\"")).collect();
    s.push_str(&format!(
        "[[indicator]]\nid = \"trust\"\nactors = [{}]\ninitial = 50\ndrift = 0.05\nnoise = 1.0\n\n",
        list.join(", ")
    ));
    s.push_str(&format!("[[status]]\nid = \"visa\"\nactors = [{}]\nstates = [\"active\", \"suspended\"]\ninitial = \"active\"\n\n", list.join(", ")));
    s.push_str("[[instrument]]\nid = \"aid\"\nprocedure = \"unanimity\"\n\n[[instrument]]\nid = \"susp\"\nprocedure = \"qmv\"\n\n");
    let months = 12 * years;
    for i in 0..4 * items {
        let p = i % partners;
        let month = 1 + (i * 7) % months.min(12 * years - 1).max(1);
        let (y, m) = (2024 + (month - 1) / 12, 1 + (month - 1) % 12);
        s.push_str(&format!(
            "[[proposal]]\nid = \"aid-{i}\"\ninstrument = \"aid\"\nbeneficiary = \"p{p}\"\namount_eur = {}\ntabled = {y}-{m:02}-01\nretable = {{ every_months = 1, max_attempts = 6 }}\non_adopt = [{{ indicator = \"trust\", actor = \"p{p}\", by = 3 }}]\n\n",
            1_000_000 * (1 + i % 5)
        ));
    }
    let members = ["hu", "sk", "at", "cy", "gr"];
    for i in 0..2 * items {
        let m = members[i % members.len()];
        let p = i % partners;
        let q = (i + 1) % partners;
        s.push_str(&format!(
            "[[policy]]\nid = \"bal-{i}\"\nmember = \"{m}\"\nrule = \"balanced_aid\"\non = {{ beneficiaries = [\"p{p}\"] }}\ncounterpart = \"p{q}\"\nprobability = 0.7\n\n"
        ));
        s.push_str(&format!(
            "[[policy]]\nid = \"cond-{i}\"\nmember = \"{m}\"\nrule = \"conditional\"\ncondition = \"trust(p{p}) < 40\"\nthen = \"against\"\n\n"
        ));
    }
    for i in 0..3 * items {
        let p = i % partners;
        s.push_str(&format!(
            "[[event]]\nid = \"shock-{i}\"\nchance = 0.05\nonce = false\neffects = [{{ indicator = \"trust\", actor = \"p{p}\", by = -4 }}]\n\n"
        ));
    }
    for i in 0..items {
        let p = i % partners;
        s.push_str(&format!(
            "[[review]]\nid = \"rev-{i}\"\nsubject = \"p{p}\"\nrequires = \"trust(p{p}) >= 35\"\nfirst = 2024-06-01\nevery_months = 6\n\n[[review.action]]\nkind = \"suspend\"\nstatus = \"visa\"\nto = \"suspended\"\nrestore_to = \"active\"\ninstrument = \"susp\"\n\n"
        ));
        s.push_str(&format!(
            "[[trigger]]\nid = \"trig-{i}\"\nwhen = \"trust(p{p}) >= 70 && status(p{p}.visa) == \\\"active\\\"\"\nonce = false\ncooldown_months = 6\neffects = [{{ indicator = \"trust\", actor = \"p{p}\", by = -2 }}]\n\n"
        ));
    }
    s
}
