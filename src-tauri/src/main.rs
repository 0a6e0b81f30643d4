//! Frontdesk's desktop shell. No business rules live here: each command is a
//! thin adapter that finds the signed-in session and calls one core function.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod backups;
mod commands;
mod desk;
mod printing;
mod safety;
mod state;
mod webview;

use std::path::PathBuf;
use std::sync::Arc;

use clap::Parser;
use frontdesk_core::clock::{Clock, OffsetClock, SystemClock, parse_rfc3339};
use tauri::Manager;

/// Frontdesk 前台 — front desk and membership for salons.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Where the data file lives (default: the OS user data directory).
    /// Also settable with FRONTDESK_DATA_DIR; the flag wins.
    #[arg(long, env = "FRONTDESK_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Seed a small demo shop into an empty data file.
    #[arg(long)]
    demo: bool,
    /// With --demo: also ten weeks of past visits, so the reports and the
    /// cards' histories have figures to show.
    #[arg(long, requires = "demo")]
    demo_history: bool,
    /// Start the app's clock at this instant (RFC 3339, e.g.
    /// 2026-11-26T09:00:00+08:00) for tests and demos of date-driven screens;
    /// time runs on from it. Also settable with FRONTDESK_CLOCK.
    #[arg(long, env = "FRONTDESK_CLOCK")]
    clock: Option<String>,
}

fn clock(start: Option<&str>) -> Arc<dyn Clock> {
    match start.and_then(parse_rfc3339) {
        Some(ms) => Arc::new(OffsetClock::starting_at(ms)),
        None => Arc::new(SystemClock),
    }
}

fn main() {
    let args = Args::parse();
    let app = tauri::Builder::default()
        // The native save dialog (the print preview's 另存为 PDF); the
        // capability allows its save dialog only.
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = match &args.data_dir {
                Some(d) => d.clone(),
                None => app.path().app_data_dir()?,
            };
            let _ = std::fs::create_dir_all(&data_dir);
            if let Some(guard) = safety::start_log(&data_dir) {
                app.manage(LogGuard(std::sync::Mutex::new(Some(guard))));
            }
            tracing::info!(
                version = env!("CARGO_PKG_VERSION"),
                dir = %data_dir.display(),
                "starting"
            );
            webview::tune(app);
            let clock = clock(args.clock.as_deref());
            let check = safety::start_check(&data_dir);
            let state = state::AppState::open(
                data_dir.clone(),
                clock.clone(),
                state::Demo::of(args.demo, args.demo_history),
                check,
            );
            let opened = state.open_error().is_none();
            if opened {
                state.start_printing();
            }
            app.manage(state);
            if opened {
                safety::mark_running(&data_dir);
                if check == frontdesk_core::storage::Check::Header {
                    safety::check_in_background(app.handle());
                }
            }
            safety::spawn_backups(app.handle());
            safety::spawn_map_release(app.handle());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            eprintln!("Frontdesk could not start: {e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            safety::on_exit(&handle.state::<state::AppState>());
            // Flush the log before the process ends.
            if let Some(guard) = handle.try_state::<LogGuard>() {
                drop(guard.0.lock().ok().and_then(|mut g| g.take()));
            }
        }
    });
}

/// Keeps the log writer alive until exit.
struct LogGuard(std::sync::Mutex<Option<tracing_appender::non_blocking::WorkerGuard>>);
