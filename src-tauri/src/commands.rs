//! The Tauri commands, generated from the command table (crates/commands):
//! one async function per line (off the UI thread: PIN hashing takes ~50 ms),
//! each taking its request as `req` and answering `Result<T, ApiError>`.
//! A `core` line runs its core function as the signed-in staff member (or,
//! once, as a manager who authorised it at a receptionist's desk: see
//! `Desk::session_for`); a `shell` line calls the function of the same name
//! in [`crate::desk`].

use frontdesk_core::ApiError;
use tauri::{AppHandle, State};

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

/// The permission a table line names, for the desk's override: `public`
/// and `signed_in` lines need none.
macro_rules! needs {
    (public) => {
        None
    };
    (signed_in) => {
        None
    };
    ($p:ident) => {
        Some(frontdesk_core::access::Permission::$p)
    };
}

/// One Tauri command for one table line.
macro_rules! tauri_command {
    ($name:ident (), $res:ty, $access:ident, core $f:path) => {
        #[tauri::command]
        async fn $name(state: State<'_, AppState>) -> Reply<$res> {
            state.as_staff_for(needs!($access), |db, s| $f(db, s))
        }
    };
    ($name:ident ($req:ty), $res:ty, $access:ident, core $f:path) => {
        #[tauri::command]
        async fn $name(state: State<'_, AppState>, req: $req) -> Reply<$res> {
            state.as_staff_for(needs!($access), |db, s| $f(db, s, req))
        }
    };
    ($name:ident (), $res:ty, $access:ident, shell) => {
        #[tauri::command]
        async fn $name(app: AppHandle, state: State<'_, AppState>) -> Reply<$res> {
            crate::desk::$name(&app, &state)
        }
    };
    ($name:ident ($req:ty), $res:ty, $access:ident, shell) => {
        #[tauri::command]
        async fn $name(app: AppHandle, state: State<'_, AppState>, req: $req) -> Reply<$res> {
            crate::desk::$name(&app, &state, req)
        }
    };
}

macro_rules! shell_side {
    ($($name:ident ( $($req:ty)? ) -> $res:ty, $access:ident, $kind:ident $($f:path)? ;)*) => {
        $(tauri_command!($name ($($req)?), $res, $access, $kind $($f)?);)*

        /// The handler for every command of the table.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

frontdesk_commands::commands!(shell_side);
