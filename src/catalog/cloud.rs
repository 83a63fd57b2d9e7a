//! The Microsoft clouds a scope string can be meant for. Each cloud is a
//! separate Entra ID instance with its own sign-in host and resource hosts.

use crate::choice::Choice;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A Microsoft cloud: the global service or a national cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cloud {
    /// The global service (`login.microsoftonline.com`).
    #[default]
    Global,
    /// US Government L4 (GCC High).
    UsGov,
    /// US Government L5 (DoD).
    Dod,
    /// China, operated by 21Vianet.
    China,
}

impl Cloud {
    /// Every cloud, global first.
    pub const ALL: [Cloud; 4] = [Cloud::Global, Cloud::UsGov, Cloud::Dod, Cloud::China];

    /// The name Microsoft's national-cloud pages use.
    pub fn label(self) -> &'static str {
        match self {
            Cloud::Global => "global service",
            Cloud::UsGov => "US Government L4",
            Cloud::Dod => "US Government L5 (DoD)",
            Cloud::China => "China (21Vianet)",
        }
    }

    /// The Entra ID sign-in host, for token and consent URLs.
    pub fn login_host(self) -> &'static str {
        match self {
            Cloud::Global => "login.microsoftonline.com",
            Cloud::UsGov | Cloud::Dod => "login.microsoftonline.us",
            Cloud::China => "login.chinacloudapi.cn",
        }
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Choice for Cloud {
    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn key(self) -> &'static str {
        match self {
            Cloud::Global => "global",
            Cloud::UsGov => "usgov",
            Cloud::Dod => "dod",
            Cloud::China => "china",
        }
    }
}
