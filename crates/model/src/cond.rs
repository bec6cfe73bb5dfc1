//! Conditions over the run state, as the engine evaluates them: the compiled program of
//! [`expr`](crate::expr), and beside it closures that read the state's fields directly.
//!
//! A Monte Carlo batch evaluates conditions millions of times, nearly all of one of three
//! forms: one comparison (`trust(partner) >= 50`), a flag or its negation, or a chain of them
//! joined by `&&` or by `||`. The stack machine evaluates those through a call that reads
//! the state by matching on what to read, then matching on the comparison. Here each leaf
//! becomes a closure made for its accessor and its comparison, so evaluating it is one
//! indirect call and a load, and a chain is a loop over such calls. Every other condition
//! runs on the stack machine as before.
//!
//! Both ways give the same value, bit for bit: the leaves read through [`State`]'s own
//! [`Env::read`], and a chain stops where the stack machine's jumps stop. The tests compare
//! the two on many states.

use std::fmt;
use std::ops::Deref;

#[cfg(test)]
use crate::expr::Env;
use crate::expr::{Cmp, Condition, Form, Leaf};
use crate::model::Accessor;
use crate::state::State;

/// A compiled condition over the run state.
pub struct Cond {
    program: Condition<Accessor>,
    fast: Fast,
}

/// A leaf's value in a state.
type LeafFn = Box<dyn Fn(&State) -> f64 + Send + Sync>;

/// How [`Cond::eval`] evaluates a condition.
enum Fast {
    Leaf(LeafFn),
    /// A chain of `&&` (`any` false) or of `||` (`any` true): at least two leaves.
    Chain {
        leaves: Box<[LeafFn]>,
        any: bool,
    },
    /// The stack machine.
    Program,
}

impl Cond {
    /// The condition `program` compiled to, with its closures made.
    pub fn new(program: Condition<Accessor>) -> Cond {
        let fast = match program.form() {
            Form::Leaf(leaf) => Fast::Leaf(leaf_fn(leaf)),
            Form::All(leaves) => chain(leaves, false),
            Form::Any(leaves) => chain(leaves, true),
            Form::Program => Fast::Program,
        };
        Cond { program, fast }
    }

    /// The value of the condition in `state`: 1 or 0 for true/false, a day number for a
    /// date, a state's index for a named value (as [`Condition::eval`] gives it).
    #[inline]
    pub fn eval(&self, state: &State) -> f64 {
        match &self.fast {
            Fast::Leaf(leaf) => leaf(state),
            Fast::Chain { leaves, any } => {
                let (last, init) = leaves.split_last().expect("a chain has two leaves");
                for leaf in init {
                    if (leaf(state) != 0.0) == *any {
                        return crate::expr::truth(*any);
                    }
                }
                last(state)
            }
            Fast::Program => self.eval_program(state),
        }
    }

    /// The stack machine, out of line: [`Self::eval`] stays small enough to inline.
    #[inline(never)]
    fn eval_program(&self, state: &State) -> f64 {
        self.program.eval(state)
    }

    /// Whether the condition holds in `state` (a value other than 0).
    #[inline]
    pub fn eval_bool(&self, state: &State) -> bool {
        self.eval(state) != 0.0
    }

    /// The compiled program, which evaluates in any [`Env`].
    pub fn program(&self) -> &Condition<Accessor> {
        &self.program
    }
}

/// A copy made again from the program (the closures are not shared).
impl Clone for Cond {
    fn clone(&self) -> Cond {
        Cond::new(self.program.clone())
    }
}

/// The program's text, type and reads.
impl Deref for Cond {
    type Target = Condition<Accessor>;
    fn deref(&self) -> &Condition<Accessor> {
        &self.program
    }
}

impl fmt::Debug for Cond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Cond").field(&self.program.text()).finish()
    }
}

fn chain(leaves: Vec<Leaf<Accessor>>, any: bool) -> Fast {
    if leaves.len() < 2 {
        return Fast::Program;
    }
    Fast::Chain {
        leaves: leaves.into_iter().map(leaf_fn).collect(),
        any,
    }
}

/// The closure of one leaf, made for its accessor's kind (and its comparison), so that
/// evaluating it does not match on either.
fn leaf_fn(leaf: Leaf<Accessor>) -> LeafFn {
    match leaf {
        Leaf::Const(c) => Box::new(move |_: &State| c),
        Leaf::Load(a) => with_reader(a, Load),
        Leaf::NotLoad(a) => with_reader(a, NotLoad),
        Leaf::Compare(a, cmp, c) => with_reader(a, Compare(cmp, c)),
        // Rare: two reads, each through its own closure.
        Leaf::CompareLoads(a, cmp, b) => {
            let (a, b) = (with_reader(a, Load), with_reader(b, Load));
            Box::new(move |s: &State| cmp.apply(a(s), b(s)))
        }
    }
}

/// Makes a leaf's closure from a reader of one accessor (a closure the compiler specialises
/// for that accessor's kind).
trait MakeLeaf {
    fn make<R: Fn(&State) -> f64 + Send + Sync + 'static>(self, read: R) -> LeafFn;
}

struct Load;
struct NotLoad;
struct Compare(Cmp, f64);

impl MakeLeaf for Load {
    fn make<R: Fn(&State) -> f64 + Send + Sync + 'static>(self, read: R) -> LeafFn {
        Box::new(read)
    }
}

impl MakeLeaf for NotLoad {
    fn make<R: Fn(&State) -> f64 + Send + Sync + 'static>(self, read: R) -> LeafFn {
        Box::new(move |s: &State| crate::expr::truth(read(s) == 0.0))
    }
}

impl MakeLeaf for Compare {
    fn make<R: Fn(&State) -> f64 + Send + Sync + 'static>(self, read: R) -> LeafFn {
        let Compare(cmp, c) = self;
        // One closure per comparison, so the comparison is not matched at each call.
        match cmp {
            Cmp::Eq => Box::new(move |s: &State| Cmp::Eq.apply(read(s), c)),
            Cmp::Ne => Box::new(move |s: &State| Cmp::Ne.apply(read(s), c)),
            Cmp::Lt => Box::new(move |s: &State| Cmp::Lt.apply(read(s), c)),
            Cmp::Le => Box::new(move |s: &State| Cmp::Le.apply(read(s), c)),
            Cmp::Gt => Box::new(move |s: &State| Cmp::Gt.apply(read(s), c)),
            Cmp::Ge => Box::new(move |s: &State| Cmp::Ge.apply(read(s), c)),
        }
    }
}

/// `make`'s leaf for accessor `a`: the reader reads through [`State`]'s [`Env::read`] with
/// the accessor's kind fixed, so the compiler keeps only that kind's arm of the read.
fn with_reader(a: Accessor, make: impl MakeLeaf) -> LeafFn {
    macro_rules! kinds {
        ($($kind:ident),* ; $($unit:ident),*) => {
            match a {
                $(Accessor::$kind(x) => make.make(move |s: &State| s.read_now(Accessor::$kind(x))),)*
                $(Accessor::$unit => make.make(move |s: &State| s.read_now(Accessor::$unit)),)*
            }
        };
    }
    kinds!(
        Indicator, Status, Flag, Outcome, Attempts, Holder, PolicyActive, Objectors, WouldPass,
        Decided;
        Date
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    const SCENARIO: &str = r#"
[scenario]
id = "fast"
start = 2024-01-01
end = 2024-12-31

[[actor]]
id = "member"
kind = "member_state"
population = 9_600_000

[[actor]]
id = "partner"
kind = "partner"

[[indicator]]
id = "trust"
actors = ["partner"]
initial = 50

[[indicator]]
id = "mood"
initial = 0
range = [-100, 100]

[[flag]]
id = "peace"

[[status]]
id = "visa"
actors = ["partner"]
states = ["required", "free"]
initial = "required"

[[instrument]]
id = "aid"
procedure = "unanimity"

[[proposal]]
id = "aid"
instrument = "aid"
beneficiary = "partner"
tabled = 2024-03-01
"#;

    /// Conditions of every form the closures take, and some they do not.
    const TEXTS: &[&str] = &[
        "trust(partner) >= 50",
        "trust(partner) < mood()",
        "flag(peace)",
        "!flag(peace)",
        "mood() > 0",
        "-mood() <= 0",
        "status(partner.visa) == \"free\"",
        "status(partner.visa) != \"free\"",
        "outcome(aid) == \"adopted\" || attempts(aid) > 1",
        "flag(peace) && trust(partner) > 40 && mood() <= 10",
        "!flag(peace) || trust(partner) == mood() || mood() != 0",
        "flag(peace) && (trust(partner) > 1 || mood() < 0)",
        "date() >= 2024-06-01 && decided(aid) > 2024-06-01",
        "trust(partner) + mood() > 60",
        "2 > 1",
    ];

    /// The scenario with one expectation per condition of [`TEXTS`].
    fn model() -> Model {
        let mut text = SCENARIO.to_owned();
        for (i, that) in TEXTS.iter().enumerate() {
            let that = that.replace('"', "\\\"");
            text += &format!("\n[[expect]]\nid = \"e{i}\"\nat = 2024-12-31\nthat = \"{that}\"\n");
        }
        let loaded = crate::load_str("fast.toml", &text, &[]).expect("loads");
        crate::compile(&loaded).expect("compiles")
    }

    /// The closures give the stack machine's value, bit for bit (NaN, -0 and infinities
    /// included), on states that vary every value a condition here reads.
    #[test]
    fn closures_evaluate_as_the_stack_machine_does() {
        let model = model();
        let values = [
            0.0,
            -0.0,
            1.0,
            40.0,
            50.0,
            60.0,
            -100.0,
            f64::NAN,
            f64::INFINITY,
        ];
        let conds: Vec<&Cond> = model.expects().iter().map(|e| &e.that).collect();
        assert_eq!(conds.len(), TEXTS.len());
        let mut state = State::new(&model);
        let mut checked = 0;
        for &trust in &values {
            for &mood in &values {
                for peace in [false, true] {
                    for visa in [0u16, 1] {
                        for day in [19_800, 19_900, 19_901] {
                            state.values[0] = trust;
                            state.values[1] = mood;
                            state.flags[0] = peace;
                            state.states[0] = visa;
                            state.day = day;
                            state.proposals[0].attempts = (day % 3) as u32;
                            for (text, cond) in TEXTS.iter().zip(&conds) {
                                let fast = cond.eval(&state);
                                let machine = cond.program().eval(&state as &dyn Env<_>);
                                assert_eq!(
                                    fast.to_bits(),
                                    machine.to_bits(),
                                    "{text}: trust {trust} mood {mood} peace {peace}"
                                );
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000);
        // The forms the closures cover did get closures; the others run on the machine.
        let machine: Vec<&str> = (conds.iter())
            .filter(|c| matches!(c.fast, Fast::Program))
            .map(|c| c.text())
            .collect();
        assert_eq!(
            machine,
            [
                "-mood() <= 0",
                "flag(peace) && (trust(partner) > 1 || mood() < 0)",
                "trust(partner) + mood() > 60"
            ],
            "run on the stack machine"
        );
    }
}
