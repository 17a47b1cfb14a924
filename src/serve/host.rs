//! Which `Host` a preview on a loopback address answers. A web page the
//! editor visits could otherwise read the preview, drafts included,
//! through DNS rebinding: its own name made to point at 127.0.0.1, the
//! browser sends `Host: evil.example:1111`. So only the names of this
//! machine are answered: the bound address, `localhost`, `127.0.0.1` and
//! `[::1]`, with the server's port (or none, as some tools send); others
//! get 403. Bound to another address (`--bind`, visible to the network on
//! purpose), every name is answered.

use crate::messages::msg;
use std::net::SocketAddr;

/// The `Host` values a server answers.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    /// `None`: any host (the server is not on a loopback address).
    names: Option<Vec<String>>,
    port: u16,
}

impl AllowedHosts {
    pub fn for_address(address: SocketAddr) -> AllowedHosts {
        let names = address.ip().is_loopback().then(|| {
            let bound = match address {
                SocketAddr::V4(v4) => v4.ip().to_string(),
                SocketAddr::V6(v6) => format!("[{}]", v6.ip()),
            };
            vec![bound, "localhost".into(), "127.0.0.1".into(), "[::1]".into()]
        });
        AllowedHosts {
            names,
            port: address.port(),
        }
    }

    /// True when a request with this `Host` header (if any) is answered.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let Some(names) = &self.names else {
            return true;
        };
        let Some(host) = host.map(str::to_ascii_lowercase) else {
            return false;
        };
        let (name, port) = split_port(&host);
        let port_ok = port.is_none_or(|p| p == self.port.to_string());
        port_ok && names.iter().any(|n| *n == name)
    }

    /// The one-line answer to a refused request.
    pub fn refusal(&self, host: Option<&str>) -> String {
        let host = host.map_or_else(|| msg!("serve-host-none"), str::to_string);
        format!("{}\n", msg!("serve-host-refused", port = self.port, host = host))
    }
}

/// `name:port` → (`name`, `port`); `[::1]:80` keeps its brackets.
fn split_port(host: &str) -> (&str, Option<&str>) {
    let colon = if host.starts_with('[') {
        host.find("]:").map(|i| i + 1)
    } else {
        host.rfind(':')
    };
    match colon {
        Some(i) => (&host[..i], Some(&host[i + 1..])),
        None => (host, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loopback_server_answers_only_this_machines_names() {
        let hosts = AllowedHosts::for_address("127.0.0.1:1111".parse().unwrap());
        for allowed in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
            "localhost",
        ] {
            assert!(hosts.allows(Some(allowed)), "{allowed}");
        }
        for refused in [
            "evil.example:1111",
            "evil.example",
            "localhost:2222",
            "127.0.0.1.evil.example:1111",
            "localhost.:1111",
            "",
        ] {
            assert!(!hosts.allows(Some(refused)), "{refused}");
        }
        assert!(!hosts.allows(None));
        let v6 = AllowedHosts::for_address("[::1]:8080".parse().unwrap());
        assert!(v6.allows(Some("[::1]:8080")) && !v6.allows(Some("[::1]:1111")));
        let open = AllowedHosts::for_address("0.0.0.0:1111".parse().unwrap());
        assert!(open.allows(Some("kexie.lan:1111")));
    }
}
