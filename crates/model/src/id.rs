//! Typed ids of the compiled model's items: an `ActorId` cannot index the proposals, and a
//! function's signature says which kind of item it takes.
//!
//! Each id is a dense index into one of the [`crate::Model`]'s item lists (and into the
//! [`crate::state::State`] vector of the same kind), wrapped so that the compiler keeps the
//! kinds apart. Ids are `#[repr(transparent)]` over a `NonZeroU32` holding `index + 1`: the
//! wrapper costs nothing at run time (reading the index is one subtraction, which the
//! compiler folds into the address computation), and `Option<Id>` is as small as the id
//! itself, so a state vector of optional ids (the holder of each office, a proposal's
//! package) needs no `u32::MAX` sentinel and no extra word.
//!
//! An id made with [`from_index`](ActorId::from_index) for an index out of range is not
//! caught here; it panics where it is used. The ids a [`crate::Model`] hands out (and the
//! ones stored in it) are in range: `compile` makes them.

use std::fmt;
use std::num::NonZeroU32;

/// What every id type is: a dense index of one kind of item. Generic code (the name tables
/// of `compile`) works with any of them.
pub trait Id: Copy + Eq + Ord + fmt::Debug {
    fn from_index(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident,)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(transparent)]
        pub struct $name(NonZeroU32);

        impl $name {
            /// The id of the item at `index` in its list.
            ///
            /// # Panics
            /// If `index` is `u32::MAX` or more (the loader's limits keep every list far
            /// smaller).
            #[inline]
            pub fn from_index(index: usize) -> Self {
                let raw = u32::try_from(index)
                    .ok()
                    .and_then(|i| i.checked_add(1))
                    .and_then(NonZeroU32::new)
                    .expect("an id fits in u32");
                Self(raw)
            }

            /// The item's position in its list, for indexing vectors.
            #[inline]
            pub const fn index(self) -> usize {
                (self.0.get() - 1) as usize
            }

            /// The id `n` places after this one (the slots of one indicator or status are
            /// consecutive).
            #[inline]
            pub fn offset(self, n: usize) -> Self {
                Self::from_index(self.index() + n)
            }

            /// Every id of a list of `len` items, in order.
            #[inline]
            pub fn all(len: usize) -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator {
                (0..len).map(Self::from_index)
            }
        }

        impl Id for $name {
            #[inline]
            fn from_index(index: usize) -> Self {
                $name::from_index(index)
            }
            #[inline]
            fn index(self) -> usize {
                $name::index(self)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.index())
            }
        }
    )*};
}

ids! {
    /// An actor: a member state, a partner, an institution.
    ActorId,
    /// A person who can hold an office.
    PersonId,
    /// An office, held by one person at a time.
    OfficeId,
    /// A style key (`confrontation`): an index into each person's style values.
    StyleKeyId,
    /// An indicator (`trust`), per actor or global.
    IndicatorId,
    /// One value of an indicator: the indicator for one actor, or a global indicator.
    SlotId,
    /// A status (`visa_free`), per actor.
    StatusId,
    /// One status of one actor (`partner.visa_free`).
    StatusSlotId,
    /// A flag.
    FlagId,
    /// A `[[calendar]]` of meeting dates (e.g. a Council configuration's meetings).
    CalendarId,
    /// An instrument: a kind of Council act with its procedure.
    InstrumentId,
    /// A proposal put to the Council.
    ProposalId,
    /// A package of proposals voted as one: one the file declares, or one a run forms when an
    /// effect tables a proposal with another (see [`crate::state::ProposalState::package`]).
    PackageId,
    /// A member state's voting policy.
    PolicyId,
    /// A political group of the European Parliament.
    GroupId,
    /// An event, scheduled or random.
    EventId,
    /// A trigger.
    TriggerId,
    /// A status review.
    ReviewId,
    /// An expectation (`[[expect]]`).
    ExpectId,
    /// An observed outcome (`[[observed]]`).
    ObservedId,
    /// A cited fact of the fact base.
    FactId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_as_small_as_their_options() {
        assert_eq!(size_of::<ActorId>(), 4);
        assert_eq!(size_of::<Option<ActorId>>(), 4);
    }

    #[test]
    fn an_id_is_its_index() {
        for i in [0, 1, 7, 1_000_000] {
            assert_eq!(ProposalId::from_index(i).index(), i);
        }
        assert!(ActorId::from_index(1) > ActorId::from_index(0));
        assert_eq!(
            FlagId::all(3).map(FlagId::index).collect::<Vec<_>>(),
            [0, 1, 2]
        );
    }
}
