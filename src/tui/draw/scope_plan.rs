//! What the scope pane shows when the string and its notes do not fit.
//! Errors are never cut: a string that fails at sign-in must say why. Notes
//! give way first, then warnings, then the string's last rows, and the last
//! row says what is hidden (never "more lines" when only notes are).

use crate::scope::Severity;

/// Rows for the string and for each note, and what is hidden.
#[derive(Debug, PartialEq, Eq)]
pub struct ScopePlan {
    /// Rows given to the string (its first rows).
    pub string_rows: usize,
    /// Whether the string has more rows than it was given.
    pub string_cut: bool,
    /// Rows given to each note, in order; 0 = hidden.
    pub note_rows: Vec<usize>,
    /// How many notes are hidden.
    pub hidden_notes: usize,
}

impl ScopePlan {
    /// The plan for a string of `string_rows` wrapped rows and `notes`
    /// (severity, wrapped rows) in a pane of `room` rows.
    pub fn new(
        string_rows: usize,
        notes: impl IntoIterator<Item = (Severity, usize)>,
        room: usize,
    ) -> ScopePlan {
        let notes: Vec<(Severity, usize)> = notes.into_iter().collect();
        let mut note_rows: Vec<usize> = notes.iter().map(|&(_, rows)| rows).collect();
        let total = string_rows + note_rows.iter().sum::<usize>();
        if total <= room {
            return ScopePlan { string_rows, string_cut: false, note_rows, hidden_notes: 0 };
        }
        // One row says what is hidden.
        let budget = room.saturating_sub(1);
        let mut hidden_notes = 0;
        for give_way in [Severity::Info, Severity::Warning] {
            for (i, &(severity, _)) in notes.iter().enumerate().rev() {
                let shown: usize = note_rows.iter().sum();
                if string_rows + shown <= budget {
                    break;
                }
                if severity == give_way && note_rows[i] > 0 {
                    note_rows[i] = 0;
                    hidden_notes += 1;
                }
            }
        }
        let shown: usize = note_rows.iter().sum();
        let given = string_rows.min(budget.saturating_sub(shown));
        ScopePlan { string_rows: given, string_cut: given < string_rows, note_rows, hidden_notes }
    }

    /// The last row's text when something is hidden: where the whole string
    /// is (`copy`) and where the hidden notes are (`messages`).
    pub fn overflow_note(&self, copy: &str, messages: &str) -> Option<String> {
        let mut parts = Vec::new();
        if self.string_cut {
            parts.push(format!("the string goes on: {copy} copies it whole"));
        }
        match self.hidden_notes {
            0 => {}
            1 => parts.push(format!("1 more note: {messages}")),
            n => parts.push(format!("{n} more notes: {messages}")),
        }
        (!parts.is_empty()).then(|| format!("… {}", parts.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::{ScopePlan, Severity};
    use Severity::{Error, Info, Warning};

    #[test]
    fn everything_shows_when_it_fits() {
        let plan = ScopePlan::new(2, [(Info, 1), (Error, 2)], 5);
        assert_eq!(plan.string_rows, 2);
        assert_eq!(plan.note_rows, [1, 2]);
        assert_eq!(plan.overflow_note("^Y", "Alt-M"), None);
    }

    #[test]
    fn notes_give_way_first_then_warnings_then_the_string_never_an_error() {
        // 3 string rows, a note, a warning and a two-row error in 5 rows.
        let plan = ScopePlan::new(3, [(Info, 1), (Warning, 1), (Error, 2)], 5);
        assert_eq!(plan.note_rows, [0, 0, 2], "the error whole");
        assert_eq!(plan.string_rows, 2, "the string gives its last row");
        assert!(plan.string_cut);
        assert_eq!(plan.hidden_notes, 2);
        let note = plan.overflow_note("^Y", "Alt-M").unwrap();
        assert_eq!(note, "… the string goes on: ^Y copies it whole; 2 more notes: Alt-M");
        // Only notes hidden: the string is whole, and the last row never says it goes on.
        let plan = ScopePlan::new(1, [(Info, 1), (Info, 1), (Error, 1)], 3);
        assert_eq!((plan.string_rows, plan.string_cut), (1, false));
        assert_eq!(plan.overflow_note("^Y", "Alt-M").unwrap(), "… 2 more notes: Alt-M");
    }

    proptest::proptest! {
        #[test]
        fn errors_always_fit_when_the_pane_can_hold_them(
            string in 1usize..40,
            notes in proptest::collection::vec((0u8..3, 1usize..4), 0..8),
            room in 1usize..30,
        ) {
            let notes: Vec<(Severity, usize)> = notes
                .into_iter()
                .map(|(s, rows)| ([Info, Warning, Error][usize::from(s)], rows))
                .collect();
            let errors: usize = notes.iter().filter(|n| n.0 == Error).map(|n| n.1).sum();
            let plan = ScopePlan::new(string, notes.clone(), room);
            let used = plan.string_rows + plan.note_rows.iter().sum::<usize>();
            let overflow = usize::from(plan.overflow_note("k", "m").is_some());
            if errors < room {
                proptest::prop_assert!(used + overflow <= room, "fits: {plan:?}");
                for (&(severity, rows), &given) in notes.iter().zip(&plan.note_rows) {
                    if severity == Error {
                        proptest::prop_assert_eq!(given, rows, "an error whole: {:?}", plan);
                    }
                }
            }
            proptest::prop_assert_eq!(plan.string_cut, plan.string_rows < string);
        }
    }
}
