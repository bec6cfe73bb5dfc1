//! Observed outcomes (`[[observed]]`): a condition and whether it held at a date in reality.
//! Compiled like expectations (a step and a condition) and never read by the step loop, so
//! adding or removing one changes no run; `statecraft score` compares them with forecasts.

use super::Ctx;
use super::names::Names;
use crate::expr::Type;
use crate::id::ObservedId;
use crate::model;
use crate::raw::ScenarioFile;

impl Ctx<'_> {
    pub(super) fn observed_of(&mut self, file: &ScenarioFile) -> Vec<model::Observed> {
        let mut ids: Names<ObservedId> = Names::new("observed outcome");
        let mut out = Vec::new();
        for x in &file.observed {
            let id = ids.add(&x.id, &mut self.diags);
            let at = self.step_of(&x.at);
            let that = self.condition(&x.that, Type::Bool);
            let source = self.cite(&x.source);
            let (Some(_), Some((step, day)), Some(that)) = (id, at, that) else {
                continue;
            };
            out.push(model::Observed {
                id: x.id.get_ref().clone(),
                step,
                day,
                that,
                text: x.that.get_ref().clone(),
                outcome: *x.outcome.get_ref(),
                source,
                note: x.note.clone(),
                position: self.sources.position(&x.id.span()),
            });
        }
        out
    }
}
