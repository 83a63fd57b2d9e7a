//! The picker's paste, read once by [`crate::paste::classify`]: a scope
//! string is checked as `scopepick check` checks it, said on the status line
//! and offered for the basket corrected; a list of calls offers its minimal
//! basket in the current mode; anything else goes into the search.

use super::App;
use crate::audit::audit_scopes;
use crate::calls::basket::ResolvedCall;
use crate::catalog::graph::NEEDS_USER;
use crate::catalog::{AuthMode, Permission, not_in_catalog};
use crate::choice::Choice;
use crate::paste::{CallsOffer, Pasted, classify};
use crate::saved::resolve;
use crate::scope::{CheckedPaste, PastedScopes, Problem, ScopeForm};
use crate::text::{counted, listed};
use crate::tui::action::Status;
use crate::tui::modal::{Modal, Pending};

/// How many of check's findings a question names before it counts the
/// rest (the status line and the messages popup keep them all).
const FINDINGS_ASKED: usize = 4;

/// How many names or calls a question lists before it counts the rest.
const LISTED: usize = 6;

impl App {
    /// Reads a bracketed paste: a scope string, a list of calls, or search words.
    pub(super) fn on_paste(&mut self, text: &str) {
        match classify(text, &self.catalog) {
            Pasted::Scopes(checked) => self.offer_scopes(text, &checked),
            Pasted::Calls(calls) => self.offer_calls(calls),
            Pasted::Filter => self.paste(text),
        }
    }

    /// Says what check finds in a pasted scope string and asks before
    /// loading its corrected form; with an open selection or a preset, the
    /// string is audited against it first.
    fn offer_scopes(&mut self, text: &str, checked: &CheckedPaste) {
        let keep_mode = (!self.basket.is_empty()).then_some(self.mode);
        let pasted = checked.rows(&self.catalog, keep_mode);
        let findings = checked.findings();
        // Each unknown name as given, with check's "did you mean".
        let not_loaded: Vec<String> = checked
            .report
            .problems
            .iter()
            .filter_map(|p| match p {
                Problem::Unknown { given, suggestion } => Some(match suggestion {
                    Some(s) => format!("{given}{s}"),
                    None => given.clone(),
                }),
                _ => None,
            })
            .collect();
        let audit = self.audit_pasted(text, checked.guess.mode);
        let found = match findings.is_empty() {
            true => format!("check: a clean {} scope string", checked.report.mode),
            false => format!("check finds: {}", findings.join("; ")),
        };
        if pasted.rows.is_empty() && !pasted.had_default {
            let mut why = findings.clone();
            if !pasted.unknown.is_empty() {
                why.push(not_in_catalog(&pasted.unknown));
            }
            self.set_status(Status::error(format!("Nothing to load: {}", why.join("; "))));
            return;
        }
        let status = match (&audit, findings.is_empty()) {
            (Some(audit), true) => audit.clone(),
            (Some(audit), false) => format!("{audit} · {found}"),
            (None, _) => found,
        };
        // A string that fails at sign-in is said as an error.
        self.set_status(Status { text: status, is_error: !checked.report.is_clean() });
        let mut question = String::new();
        if let Some(audit) = audit {
            question += &format!("{audit}. ");
        }
        question += &load_question(&pasted, checked.is_corrected);
        if !findings.is_empty() {
            question += &format!(" Check finds: {}.", listed(&findings, FINDINGS_ASKED, "; "));
        }
        let corrected = checked.is_corrected;
        let on_yes = Pending::LoadPasted { pasted, corrected, not_loaded };
        self.modal = Some(Modal::confirm(question, on_yes));
    }

    /// The pasted `text` audited against the open selection, else the preset
    /// added last, as `scopepick audit` does: against the set's rows of the
    /// field's own mode, whatever mode the picker is in. `None` without such a
    /// set, or when the string cannot be audited by name (`.default`).
    pub(crate) fn audit_pasted(&self, text: &str, field_mode: AuthMode) -> Option<String> {
        let (label, rows): (String, Vec<usize>) = match (&self.open_selection, self.active_preset) {
            (Some(selection), _) => (
                format!("Against selection '{}'", selection.name),
                resolve(&self.catalog, &selection.permissions).rows,
            ),
            (None, Some(preset)) => {
                (format!("Against preset {}", preset.key()), preset.rows(&self.catalog, field_mode))
            }
            (None, None) => return None,
        };
        let set: Vec<&Permission> = rows.iter().map(|&i| &self.catalog.permissions[i]).collect();
        let audited = audit_scopes(&set, text, field_mode, &self.catalog).ok()?;
        let of_the_mode = set.iter().filter(|p| p.kind == field_mode).count();
        let label = match of_the_mode < set.len() {
            true => format!("{label} ({})", counted(of_the_mode, &format!("{field_mode} row"))),
            false => label,
        };
        Some(format!("{label}: {}", audited.summary()))
    }

    /// Loads the rows of a pasted scope string after yes (the corrected
    /// string's when `corrected`); names what was not loaded.
    pub(super) fn load_pasted(
        &mut self,
        pasted: PastedScopes,
        corrected: bool,
        not_loaded: &[String],
    ) {
        if pasted.rows.is_empty() && pasted.had_default {
            if self.basket.is_empty() {
                self.cloud = pasted.cloud;
            }
            if self.mode != AuthMode::Application {
                self.switch_mode();
            }
            self.style = ScopeForm::Default;
            self.rebuild();
            let text = "Application mode, style .default: the string asks for what the app \
                        registration holds (Application permissions)";
            self.set_status(Status::info(text));
            return;
        }
        if self.basket.is_empty() && pasted.mode != self.mode {
            // Like switching the mode: each mode keeps its own style.
            self.mode = pasted.mode;
            std::mem::swap(&mut self.style, &mut self.other_style);
        }
        if self.basket.is_empty() {
            self.cloud = pasted.cloud;
        }
        let before = self.basket.len();
        self.add_rows(pasted.rows);
        let from = if corrected { "the corrected string" } else { "the pasted string" };
        let added = counted(self.basket.len() - before, "permission");
        let mut text = format!("Loaded {added} from {from}");
        if !not_loaded.is_empty() {
            text += &format!("; not loaded: {}", not_loaded.join("; "));
        }
        if !pasted.unknown.is_empty() {
            text += &format!("; {}", not_in_catalog(&pasted.unknown));
        }
        if let Some(guess) = pasted.guess {
            text += &format!("; {guess}");
        }
        self.set_status(Status::info(text));
    }

    /// Offers the minimal basket of pasted calls in the current mode, naming
    /// the calls nothing allows and the `/me` calls Application leaves out.
    fn offer_calls(&mut self, calls: Vec<ResolvedCall>) {
        let offer = CallsOffer::new(calls, self.mode, &self.catalog);
        let new = offer.rows.iter().filter(|r| !self.basket.contains(r)).count();
        let calls = &offer.calls;
        let these = match calls.len() {
            1 => "this call needs".to_string(),
            n => format!("these {n} calls need"),
        };
        let remarks = calls_remarks(&offer);
        let mode = self.mode;
        if new == 0 {
            let text = match offer.rows.len() {
                0 => format!("Nothing to add in {mode} mode: {}", remarks.join("; ")),
                n => format!(
                    "The basket holds the {} {these} already ({mode} mode)",
                    counted(n, "permission")
                ),
            };
            self.set_status(Status { text, is_error: offer.rows.is_empty() });
            return;
        }
        let fresh: Vec<&str> = offer
            .rows
            .iter()
            .filter(|r| !self.basket.contains(r))
            .map(|&i| self.catalog.permissions[i].name.as_str())
            .collect();
        let mut question = format!(
            "Add the {} {these} ({mode} mode): {}?",
            counted(new, "permission"),
            listed(&fresh, LISTED, ", ")
        );
        if new < offer.rows.len() {
            question += &format!(" ({} in the basket already.)", offer.rows.len() - new);
        }
        for remark in remarks {
            let mut chars = remark.chars();
            let first = chars.next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
            question += &format!(" {first}{}.", chars.as_str());
        }
        self.modal = Some(Modal::confirm(question, Pending::AddForCalls(Box::new(offer))));
    }

    /// Adds the rows of a calls basket after yes.
    pub(super) fn add_for_calls(&mut self, offer: CallsOffer) {
        let before = self.basket.len();
        self.add_rows(offer.rows);
        let text = format!(
            "Added {} for {} ({} mode)",
            counted(self.basket.len() - before, "permission"),
            counted(offer.calls.len(), "call"),
            self.mode
        );
        self.set_status(Status::info(text));
    }
}

/// "Load 3 permissions into the basket?", saying when the corrected string
/// is loaded and what the catalog in use lacks; a string of `.default`
/// alone switches the mode and style instead.
fn load_question(pasted: &PastedScopes, corrected: bool) -> String {
    if pasted.rows.is_empty() && pasted.had_default {
        return "The string asks for .default (whatever the app registration holds): switch to \
                Application mode with the .default style? The basket stays as it is."
            .to_string();
    }
    let from = if corrected { " from the corrected string" } else { "" };
    let mut question =
        format!("Load {} into the basket{from}?", counted(pasted.rows.len(), "permission"));
    if !pasted.unknown.is_empty() {
        question += &format!(" ({})", not_in_catalog(&pasted.unknown));
    }
    question
}

/// What a calls basket leaves out or adds besides the least permissions:
/// calls nothing allows, `/me` calls in Application mode, permissions
/// another requires, names the catalog lacks, methods assumed.
fn calls_remarks(offer: &CallsOffer) -> Vec<String> {
    let calls = &offer.calls;
    let named = |indices: &[usize]| {
        let shown: Vec<String> = indices.iter().map(|&i| calls[i].to_string()).collect();
        listed(&shown, LISTED, ", ")
    };
    let basket = &offer.basket;
    let mut remarks = Vec::new();
    if !basket.allowed_by_nothing.is_empty() {
        remarks.push(format!("allowed by nothing: {}", named(&basket.allowed_by_nothing)));
    }
    if !basket.needs_user.is_empty() {
        remarks.push(format!(
            "left out, /me {NEEDS_USER}, which an app-only token has not (call /users/{{id}}/… \
             instead): {}",
            named(&basket.needs_user)
        ));
    }
    for also in &basket.also_required {
        remarks.push(format!("{} is added: {} also requires it", also.permission, also.by));
    }
    if !offer.missing.is_empty() {
        remarks.push(not_in_catalog(&offer.missing));
    }
    let assumed = calls.iter().filter(|c| c.assumed_get).count();
    if assumed > 0 {
        remarks.push(format!("assumed GET for {} that named no method", counted(assumed, "call")));
    }
    remarks
}
