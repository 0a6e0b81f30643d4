//! The web view's settings for a front-desk PC (Linux, WebKitGTK).
//!
//! Frontdesk is one page of forms and lists, not a browser, and the desk PC
//! is often an old one with no usable GPU (or, under Xvfb, none at all). Two
//! WebKit defaults cost it dearly there (measured by `make bench-desk`,
//! docs/BENCHMARKS.md):
//! - GL compositing: without a GPU WebKit composites every frame in software
//!   GL (llvmpipe), which held ~150 MB more in the web process and made a
//!   frame 40 ms instead of 16. Painting straight into the window is what a
//!   page like ours wants.
//!   (The reports' charts are drawn as SVG, not on canvases: with compositing
//!   off, WebKitGTK hung on ECharts' canvases.)
//! - the "web browser" cache model keeps back/forward pages and large memory
//!   caches of resources that, here, are all embedded in the binary; the
//!   "document viewer" model keeps none.
//!
//! On Windows and macOS the system web view manages this itself.

/// Apply the desk's settings to the main window's web view.
pub fn tune(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager;
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let Some(window) = app.get_webview_window("main") else {
            tracing::warn!("no main window to tune");
            return;
        };
        let tuned = window.with_webview(|webview| {
            let view = webview.inner();
            if let Some(settings) = WebViewExt::settings(&view) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(e) = tuned {
            tracing::warn!(error = %e, "could not tune the web view");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
