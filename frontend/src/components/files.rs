//! Files an admin hands to a page or takes from it: the text of the file
//! chosen in an input, and a download made of text.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The name and text of the file chosen in `el`, if one is and it reads.
pub async fn chosen_file(el: &web_sys::HtmlInputElement) -> Option<(String, String)> {
    let file = el.files()?.get(0)?;
    let text = JsFuture::from(file.text()).await.ok()?.as_string()?;
    Some((file.name(), text))
}

/// Offers `text` to the browser as a download named `name`, of `mime`.
pub fn download(name: &str, text: &str, mime: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let kind = web_sys::BlobPropertyBag::new();
    kind.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &kind).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}
