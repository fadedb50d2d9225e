//! Functions whose code loads on first use. In the end user's bundle each is a split point
//! (`cargo xtask build` splits the module, as for the lazy routes in `routes`): the login page
//! does not download what only a logged-in person needs (the typed JSON door to the edge, the
//! state decoder, the encrypted store, the outbox). A chunk that cannot be fetched (offline
//! before the service worker kept it) is an error the caller handles, never a stop of the app.
//! Staff mode's bundle is not split: there the same functions run directly.

use std::future::Future;
use std::pin::Pin;

/// What a lazy function gives once its chunk is there: the work to await.
pub type Loaded<T> = Pin<Box<dyn Future<Output = T>>>;

/// Its chunk could not be fetched.
#[cfg(not(feature = "staff"))]
pub type NotLoaded = leptos::wasm_split::SplitLoaderError;
#[cfg(feature = "staff")]
pub type NotLoaded = std::convert::Infallible;

/// Loads the chunk if need be and runs the work; `None` when the chunk could not be fetched.
pub async fn run<T>(loading: impl Future<Output = Result<Loaded<T>, NotLoaded>>) -> Option<T> {
    match loading.await {
        Ok(work) => Some(work.await),
        Err(_) => None,
    }
}

/// `lazy_fns! { chunk, preload_name; pub async fn name(arg: Type, …) -> Output { … } … }`:
/// each function becomes `async fn name(…) -> Result<Loaded<Output>, NotLoaded>` (await it with
/// [`run`]), all in the chunk `chunk`; `preload_name()` fetches the chunk without running
/// anything. Arguments and outputs are owned (the work outlives the call).
macro_rules! lazy_fns {
    ($chunk:ident, $preload:ident; $first_vis:vis async fn $first:ident $first_args:tt -> $first_out:ty $first_body:block
     $($vis:vis async fn $name:ident $args:tt -> $out:ty $body:block)*) => {
        $crate::lazy::lazy_fns!(@one $chunk, preload($preload); $first_vis $first $first_args $first_out $first_body);
        $($crate::lazy::lazy_fns!(@one $chunk, ; $vis $name $args $out $body);)*

        #[cfg(feature = "staff")]
        pub async fn $preload() -> Result<(), $crate::lazy::NotLoaded> {
            Ok(())
        }
    };
    (@one $chunk:ident, $(preload($preload:ident))?; $vis:vis $name:ident ($($arg:ident: $ty:ty),* $(,)?) $out:ty $body:block) => {
        #[cfg(not(feature = "staff"))]
        #[leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible
            $(, preload($preload))?
        )]
        $vis fn $name($($arg: $ty),*) -> Result<$crate::lazy::Loaded<$out>, $crate::lazy::NotLoaded> {
            Ok(Box::pin(async move $body))
        }

        #[cfg(feature = "staff")]
        $vis async fn $name($($arg: $ty),*) -> Result<$crate::lazy::Loaded<$out>, $crate::lazy::NotLoaded> {
            Ok(Box::pin(async move $body))
        }
    };
}
pub(crate) use lazy_fns;
