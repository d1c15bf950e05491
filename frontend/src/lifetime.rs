//! Keeping loaded data and async work within the life of the view that shows
//! them. A view's signals live in the reactive owner it was built under and
//! are gone once that owner is cleaned up; nothing may read them afterwards,
//! or the app panics (and, built with `panic = "abort"`, stops until reloaded).

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use std::future::Future;

/// The answer of `resource` for what is asked now (`current`: the case in
/// the address, the queue's filters), paired with what it answers: `None`
/// until the first such answer arrives, then the last one, kept on screen
/// while the next loads.
///
/// A resource that is asked again while a load is under way finishes that
/// load first, so moving quickly through cases brings in answers for cases
/// already left; those are passed over rather than flashed on screen under
/// the agent's pointer.
///
/// Pages draw the memo with a plain reactive closure instead of
/// `<Transition>` and `Suspend`. A `Transition` may clean up the owner of the
/// view on screen as soon as a new load starts, yet keeps that view's
/// elements and render effects until the next answer is in; any of them woken
/// in between (by an answer the old view had asked for, the language switch,
/// a click) reads signals that are gone. Drawn from this memo, the old view
/// and its owner end together, in the one step that puts the new view in
/// their place.
pub fn latest<K, T>(resource: LocalResource<(K, T)>, current: Memo<K>) -> Memo<Option<(K, T)>>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |shown: Option<&Option<(K, T)>>| match resource.get() {
        Some(answer) if current.with(|k| *k == answer.0) => Some(answer),
        _ => shown.cloned().flatten(),
    })
}

/// Starts async work on behalf of the view being built when it is created:
/// once that view is replaced (another case opened, another page visited) its
/// tasks stop at their next `.await`, so an answer that arrives afterwards
/// never reaches the signals that went with the view.
///
/// A request already sent is carried out by the server all the same; only
/// what the vanished view would have done with the answer is skipped.
#[derive(Clone)]
pub struct ViewTasks(Owner);

impl ViewTasks {
    /// Tasks tied to the view whose component is running now.
    pub fn new() -> Self {
        ViewTasks(Owner::current().unwrap_or_default())
    }

    /// Runs `task` until it ends or the view goes away, whichever is first.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        self.0.with(|| spawn_local_scoped_with_cancellation(task));
    }
}

/// Waits `ms` milliseconds.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
