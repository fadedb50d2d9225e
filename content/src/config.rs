//! The deployment this build is configured for (`crate::deployment`), checked by `build.rs`
//! and compiled in as the Rust expression that builds it (`rust_literal`): no JSON decoder for
//! it in the binaries, the end user's first page included.

use crate::deployment::Deployment;
use std::sync::OnceLock;

static BUILT: OnceLock<Deployment> = OnceLock::new();

pub fn get() -> &'static Deployment {
    BUILT.get_or_init(build)
}

fn build() -> Deployment {
    use crate::deployment::*;
    use crate::i18n::Text;
    include!(concat!(env!("OUT_DIR"), "/deployment.rs"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_deployment_is_the_checked_one() {
        let checked: Deployment =
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/deployment.json")))
                .unwrap();
        assert_eq!(*get(), checked);
        assert!(crate::deployment::check(get()).is_empty());
    }
}
