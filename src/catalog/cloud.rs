//! The Microsoft clouds a scope string can be meant for. Each cloud is a
//! separate Entra ID instance with its own sign-in host and resource hosts.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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

    /// Lowercase key as used on the command line (`global`, `usgov`, `dod`, `china`).
    pub fn key(self) -> &'static str {
        match self {
            Cloud::Global => "global",
            Cloud::UsGov => "usgov",
            Cloud::Dod => "dod",
            Cloud::China => "china",
        }
    }

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

impl FromStr for Cloud {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Cloud::ALL
            .into_iter()
            .find(|c| c.key().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown cloud '{s}' (use global, usgov, dod or china)"))
    }
}
