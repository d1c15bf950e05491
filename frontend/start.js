// Starts the app. A file of its own rather than an inline script, so the
// page's Content-Security-Policy can refuse every inline script.
// frontend/build.sh fills in the content-hashed names.
import init from "/__JS__";
init({ module_or_path: "/__WASM__" });
