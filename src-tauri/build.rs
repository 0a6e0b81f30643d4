// The app's commands, each with a generated `allow-<name>` permission; the one
// capability file grants exactly these. Keep in step with `commands::all!`.
const COMMANDS: &[&str] = &[
    "app_status",
    "setup_shop",
    "sign_in",
    "unlock",
    "sign_out",
    "lock",
    "keep_alive",
    "set_language",
    "get_shop",
    "update_shop",
    "list_staff",
    "add_staff",
    "update_staff",
    "reset_pin",
    "create_customer",
    "get_customer",
    "search_customers",
    "update_customer",
    "add_customer_note",
    "customer_timeline",
    "set_vip",
    "vip_register",
    "erase_customer",
    "list_stylists",
    "preview_import",
    "dry_run_import",
    "run_import",
    "export_customers",
    "get_catalog",
    "save_service",
    "save_product",
    "save_metric",
    "get_flow_settings",
    "update_flow_settings",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error={e:#}");
    }
}
