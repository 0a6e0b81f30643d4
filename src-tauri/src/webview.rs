//! The web view's settings for a front-desk PC (Linux, WebKitGTK).
//!
//! Frontdesk is one page of forms and lists, not a browser: the "web
//! browser" cache model keeps back/forward pages and large memory caches of
//! resources that, here, are all embedded in the binary; the "document
//! viewer" model keeps none.
//!
//! GL compositing stays on: turning it off (`HardwareAccelerationPolicy::Never`)
//! made frames cheaper under Xvfb (docs/BENCHMARKS.md) but hung the web
//! process on the reports' ECharts canvases (the reports E2E timed out).
//!
//! On Windows and macOS the system web view manages this itself.

/// Apply the desk's settings to the main window's web view.
pub fn tune(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager;
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        let Some(window) = app.get_webview_window("main") else {
            tracing::warn!("no main window to tune");
            return;
        };
        let tuned = window.with_webview(|webview| {
            let view = webview.inner();
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
