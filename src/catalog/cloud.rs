//! The Microsoft clouds a scope string can be meant for. Each cloud is a
//! separate Entra ID instance with its own sign-in host and resource hosts.

use crate::choice::Choice;
use serde::{Deserialize, Serialize};
use strum::{Display, IntoStaticStr, VariantArray};

/// A Microsoft cloud: the global service or a national cloud.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Display,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
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

impl Choice for Cloud {}
