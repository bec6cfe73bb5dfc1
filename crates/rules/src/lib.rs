//! The dynamics of statecraft: Council procedures, member policies, reviews, triggers,
//! indicator drift, the step loop, and batches of runs.
