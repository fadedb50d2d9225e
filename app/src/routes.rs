//! The end user's pages beyond the login, help and not-found pages, each a lazy route: in the
//! end user's bundle every one is a split point, so its code (and what only it uses) is a
//! separate wasm chunk, fetched on the first visit or in the background once someone has logged
//! in ([`PreloadPages`]); the login page loads the runtime, the frame and itself only
//! (`cargo xtask build` splits the module; BENCHMARKS.md has the sizes). A chunk that cannot be
//! fetched (offline before the service worker kept it) shows [`Unavailable`] instead of
//! stopping the app. The help page is never split: it must open offline for a person in
//! crisis. Staff mode's bundle is loaded only on /staff and is not split: there the same routes
//! render directly.

use crate::pages::{self, unavailable::Unavailable};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::{LazyRoute, hooks::use_location};

/// A unit struct per page, routed as `Lazy::<Page>::new()`; `$split` names its chunk.
macro_rules! lazy_pages {
    ($($route:ident, $split:ident, $preload:ident => $page:path;)*) => {
        $(
            pub struct $route;

            #[cfg(not(feature = "staff"))]
            #[leptos::wasm_split::wasm_split(
                $split,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload($preload)
            )]
            fn $split() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
                Ok($page().into_any())
            }

            #[cfg(feature = "staff")]
            async fn $split() -> Result<AnyView, ()> {
                Ok($page().into_any())
            }

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $split().await.unwrap_or_else(|_| Unavailable().into_any())
                }

                async fn preload() {
                    #[cfg(not(feature = "staff"))]
                    let _ = $preload().await;
                }
            }
        )*

        /// Fetches every page's chunk, side by side; a failure (offline) is tried again on the
        /// visit. Not at all while the browser says it is offline.
        fn preload_all() {
            if web_sys::window().is_some_and(|w| !w.navigator().on_line()) {
                return;
            }
            $(leptos::task::spawn_local(<$route as LazyRoute>::preload());)*
        }
    };
}

lazy_pages! {
    Home, home, preload_home => pages::home::Home;
    Consent, consent, preload_consent => pages::consent::Consent;
    Questionnaire, questionnaire, preload_questionnaire => pages::questionnaire::Questionnaire;
    Tools, tools, preload_tools => pages::tools::Tools;
    Tool, tool, preload_tool => pages::tool::ToolPage;
    Part, part, preload_part => pages::part::PartPage;
    History, history, preload_history => pages::history::History;
    Settings, settings, preload_settings => pages::settings::Settings;
    Privacy, privacy, preload_privacy => pages::privacy::Privacy;
    Voucher, voucher, preload_voucher => pages::private::Voucher;
    Purchase, purchase, preload_purchase => pages::private::Purchase;
}

/// Once someone has logged in and left the login page (the key is derived, the first page is
/// open), the other pages are fetched in the background: a connection lost right after the
/// login does not leave them without the questionnaires, and nothing competes with the login.
#[component]
pub fn PreloadPages() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let go = session.me.with(|m| m.is_some()) && location.pathname.with(|p| p != "/");
        if go {
            preload_all();
        }
        go
    });
}
