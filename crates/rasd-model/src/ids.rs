use sha2::{Digest, Sha256};

/// Lower-case hex of the first `bytes` bytes of SHA-256 over `parts` joined by a
/// unit separator. Stable across runs, platforms and versions.
pub fn stable_hash_hex(parts: &[&str], bytes: usize) -> String {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update([0x1f]);
        }
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    digest
        .iter()
        .take(bytes.min(32))
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `prefix-` followed by 8 hex digits of [`stable_hash_hex`].
pub fn stable_id(prefix: &str, parts: &[&str]) -> String {
    format!("{prefix}-{}", stable_hash_hex(parts, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_separator_aware() {
        assert_eq!(stable_id("ev", &["a", "b"]), stable_id("ev", &["a", "b"]));
        assert_ne!(stable_id("ev", &["ab", ""]), stable_id("ev", &["a", "b"]));
        assert_eq!(stable_id("ev", &["x"]).len(), "ev-".len() + 8);
    }
}
