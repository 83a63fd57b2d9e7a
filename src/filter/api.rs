//! API-call queries (`/me/events`, `GET /users`): the rows that allow the
//! call, ranked the same way for the picker and `list`.

use super::{Criteria, Hit};
use crate::catalog::Catalog;
use crate::catalog::graph::{api_query, rows_for_call};

/// `Some(hits)` when `criteria.query` asks for an API call: the rows that
/// pass the exact filters and allow the call, rows of `criteria.mode` first,
/// each type least privileged first; `None` for a word query.
pub fn api_hits(catalog: &Catalog, criteria: &Criteria) -> Option<Vec<Hit>> {
    let (method, path) = api_query(&criteria.query)?;
    let mut rows = rows_for_call(catalog, method, path, |p| criteria.admits(p));
    rows.sort_by_key(|&i| catalog.permissions[i].kind != criteria.mode);
    Some(rows.into_iter().map(|row| Hit::new(row, 0)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType;

    fn names(catalog: &Catalog, criteria: &Criteria) -> Vec<String> {
        let hits = api_hits(catalog, criteria).expect("an API query");
        hits.iter()
            .map(|h| {
                let p = &catalog.permissions[h.index()];
                format!("{} {}", p.name, p.kind.label())
            })
            .collect()
    }

    #[test]
    fn the_modes_rows_come_first_least_privileged_first() {
        let catalog = Catalog::builtin();
        let delegated = Criteria { query: "GET /me/events".into(), ..Criteria::default() };
        let found = names(&catalog, &delegated);
        assert_eq!(
            found[..3],
            [
                "Calendars.ReadBasic Delegated",
                "Calendars.Read Delegated",
                "Calendars.ReadWrite Delegated"
            ]
        );
        assert!(found[3..].iter().all(|n| n.ends_with("Application")), "{found:?}");
        let users =
            Criteria { query: "GET /users".into(), mode: PermissionType::Application, ..delegated };
        let found = names(&catalog, &users);
        let first_delegated =
            found.iter().position(|n| n.ends_with("Delegated")).expect("{found:?}");
        assert!(first_delegated > 0, "{found:?}");
        assert!(found[first_delegated..].iter().all(|n| n.ends_with("Delegated")), "{found:?}");
    }

    #[test]
    fn word_queries_are_not_api_queries() {
        let catalog = Catalog::builtin();
        assert!(
            api_hits(&catalog, &Criteria { query: "mail send".into(), ..Criteria::default() })
                .is_none()
        );
    }
}
