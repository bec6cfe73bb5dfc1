//! Expectations (`[[expect]]`): a condition that must hold at a date, in every run or with a
//! probability between bounds; `statecraft test` checks them.

use super::Ctx;
use crate::expr::Type;
use crate::model;
use crate::raw::ScenarioFile;

impl Ctx<'_> {
    pub(super) fn expects_of(&mut self, file: &ScenarioFile) -> Vec<model::Expect> {
        let mut out = Vec::new();
        for (i, x) in file.expect.iter().enumerate() {
            let at = self.step_of(&x.at);
            let that = self.condition(&x.that, Type::Bool);
            let (mut at_least, mut at_most) = (None, None);
            if let Some(p) = &x.probability {
                at_least = p
                    .at_least
                    .as_ref()
                    .and_then(|v| self.unit_interval(v, "at_least"));
                at_most = p
                    .at_most
                    .as_ref()
                    .and_then(|v| self.unit_interval(v, "at_most"));
                if let (Some(lo), Some(hi)) = (at_least, at_most)
                    && lo > hi
                {
                    self.error(
                        format!("`at_least` ({lo}) is above `at_most` ({hi})"),
                        x.that.span(),
                    );
                }
            }
            self.cite(&x.source);
            let (Some((step, day)), Some(that)) = (at, that) else {
                continue;
            };
            let label =
                x.id.as_ref()
                    .map_or_else(|| format!("expect #{}", i + 1), |id| id.get_ref().clone());
            out.push(model::Expect {
                label,
                step,
                day,
                that,
                at_least,
                at_most,
                position: self.sources.position(&x.that.span()),
            });
        }
        out
    }
}
