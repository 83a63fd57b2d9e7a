//! Whose words a permission's description is. The built-in rows mix three
//! kinds of text: the Intrexx page's few words on its 36 rows, scopepick's
//! own text written from the facts on the others, and Microsoft's after a
//! tenant's export is imported. An admin weighs them differently, so each
//! row records its source and every place that shows a description says it.

use super::graph::DescriptionOrigin;
use super::{Catalog, Permission, Resource, resource_rows};
use serde::{Deserialize, Serialize};

/// Where a row's description comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DescriptionSource {
    /// The Intrexx connector's documentation page (`assets/intrexx-catalog.json`).
    IntrexxPage,
    /// Written by scopepick: from Graph's facts, or its own resource table.
    Scopepick,
    /// Microsoft's, from a Graph or resource export the user imported.
    Microsoft,
    /// A catalog file that does not say, with text scopepick does not know:
    /// whoever wrote the file. Rows written without a source read as this,
    /// then [`Catalog::settle_description_sources`] names the known ones.
    #[default]
    CatalogFile,
}

impl DescriptionSource {
    /// The short label shown beside a description: `Intrexx page`,
    /// `scopepick`, `Microsoft`, `catalog file`.
    pub fn label(self) -> &'static str {
        match self {
            DescriptionSource::IntrexxPage => "Intrexx page",
            DescriptionSource::Scopepick => "scopepick",
            DescriptionSource::Microsoft => "Microsoft",
            DescriptionSource::CatalogFile => "catalog file",
        }
    }

    /// The key in `list`'s JSON and TSV: `intrexx-page`, `scopepick`,
    /// `microsoft`, `catalog-file` (as serde writes it).
    pub fn key(self) -> &'static str {
        match self {
            DescriptionSource::IntrexxPage => "intrexx-page",
            DescriptionSource::Scopepick => "scopepick",
            DescriptionSource::Microsoft => "microsoft",
            DescriptionSource::CatalogFile => "catalog-file",
        }
    }

    /// The source of the built-in text `p` carries, if it carries one: the
    /// Intrexx page's or scopepick's on a Graph row, the resource table's
    /// on another resource's row.
    fn built_in(p: &Permission) -> Option<DescriptionSource> {
        if p.resource != Resource::Graph {
            let table = resource_rows(&p.name)
                .find(|t| t.resource == p.resource && t.kind == p.kind)
                .filter(|t| t.description == p.description);
            return table.map(|_| DescriptionSource::Scopepick);
        }
        match DescriptionOrigin::of(p) {
            DescriptionOrigin::IntrexxSeed => Some(DescriptionSource::IntrexxPage),
            DescriptionOrigin::Facts => Some(DescriptionSource::Scopepick),
            DescriptionOrigin::Tenant | DescriptionOrigin::TenantOnly => None,
        }
    }
}

impl Catalog {
    /// Names the source of every row that does not record one (files of
    /// older versions, hand-written catalogs): built-in text is the Intrexx
    /// page's or scopepick's; any other text is `unknown`'s (`Microsoft` in
    /// the stored import, which holds only built-in rows and exports).
    pub fn settle_description_sources(&mut self, unknown: DescriptionSource) {
        for p in &mut self.permissions {
            if p.description_source == DescriptionSource::CatalogFile {
                p.description_source = DescriptionSource::built_in(p).unwrap_or(unknown);
            }
        }
    }
}
