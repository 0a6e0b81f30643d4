//! Tauri commands: thin adapters from the UI's typed client to core functions.
//! Each is `async` so it runs off the UI thread (PIN hashing takes ~50 ms).
//! Errors cross as `ApiError` (`{code, message, field, ...}`).

use frontdesk_core::ApiError;
use frontdesk_core::appointments::{
    self, Appointment, AppointmentsRequest, CloseAppointmentRequest, SaveAppointmentRequest,
};
use frontdesk_core::catalog::{
    self, Catalog, Metric, Product, SaveMetric, SaveProduct, SaveService, Service,
};
use frontdesk_core::complaints::{
    self, CloseComplaintRequest, Complaint, ComplaintActionRequest, ComplaintListRequest,
    ComplaintStats, MonthRequest, OpenComplaintRequest,
};
use frontdesk_core::customers::import::{
    self, ImportPreview, ImportPreviewRequest, ImportProgress, ImportReport, ImportRequest,
};
use frontdesk_core::customers::timeline::{self, TimelinePage, TimelineRequest};
use frontdesk_core::customers::{
    self, AddNoteRequest, CreateCustomerRequest, CustomerCard, CustomerHit, CustomerId,
    EraseCustomerRequest, SearchRequest, SetVipRequest, StaffRef, UpdateCustomerRequest, VipEntry,
};
use frontdesk_core::flow::{self, FlowSettings};
use frontdesk_core::followups::{
    self, CreateFollowUpRequest, FollowUp, FollowUpQueueRequest, FollowUpStaffStats,
    FollowUpStatsRequest, RecordCallRequest,
};
use frontdesk_core::membership::{
    self, Membership, MembershipReport, MembershipSettings, OverrideTierRequest, RefundRequest,
    ReportFile, ReviewReport, SaveTier, SellPackageRequest, Tier, TopUpRequest,
};
use frontdesk_core::shop::{self, ShopProfile, UpdateShopRequest};
use frontdesk_core::spreadsheet::ExportResult;
use frontdesk_core::staff::{
    self, AddStaffRequest, AppStatus, Language, ResetPinRequest, Session, SetupRequest,
    SignInRequest, StaffMember, UnlockRequest, UpdateStaffRequest,
};
use frontdesk_core::visits::board::{self, Board, StylistDay, StylistDayRequest};
use frontdesk_core::visits::history::{self, MetricSeries, VisitSummary};
use frontdesk_core::visits::{
    self, AdvanceRequest, AttachCustomerRequest, Bill, CheckInRequest, CheckoutRequest,
    CloseVisitRequest, ConsultRequest, QuoteRequest, ReconsultRequest, ServiceNotesRequest, Visit,
};
use tauri::{AppHandle, Emitter, State};

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_status,
        setup_shop,
        sign_in,
        unlock,
        sign_out,
        lock,
        keep_alive,
        set_language,
        get_shop,
        update_shop,
        list_staff,
        add_staff,
        update_staff,
        reset_pin,
        create_customer,
        get_customer,
        search_customers,
        update_customer,
        add_customer_note,
        customer_timeline,
        set_vip,
        vip_register,
        erase_customer,
        list_stylists,
        preview_import,
        dry_run_import,
        run_import,
        export_customers,
        get_catalog,
        save_service,
        save_product,
        save_metric,
        get_flow_settings,
        update_flow_settings,
        get_today_board,
        get_stylist_day,
        check_in,
        attach_customer,
        advance_visit,
        save_consult,
        save_service_notes,
        save_reconsult,
        quote_visit,
        checkout_visit,
        cancel_visit,
        void_visit,
        get_visit,
        customer_visit_summary,
        customer_measurements,
        list_appointments,
        save_appointment,
        close_appointment,
        followup_queue,
        get_followup,
        record_followup_call,
        create_followup,
        followup_stats,
        open_complaint,
        complaint_action,
        close_complaint,
        get_complaint,
        list_complaints,
        complaint_stats,
        list_tiers,
        save_tier,
        override_tier,
        review_tiers,
        top_up,
        refund_stored_value,
        sell_package,
        customer_membership,
        membership_report,
        export_membership_report,
        get_membership_settings,
        update_membership_settings,
        review_tiers_if_due,
    ]
}

#[tauri::command]
async fn app_status(state: State<'_, AppState>) -> Reply<AppStatus> {
    let mut status = AppStatus {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.data_dir.display().to_string(),
        open_error: state.open_error().cloned(),
        setup: None,
        signed_in: None,
        locked: None,
        idle_lock_minutes: shop::DEFAULT_IDLE_LOCK_MINUTES,
        now: 0,
        time_zone: frontdesk_core::clock::DEFAULT_TIME_ZONE.name().to_string(),
    };
    if let Ok(mut db) = state.db() {
        status.setup = Some(staff::setup_status(&mut db)?);
        status.idle_lock_minutes = shop::idle_limit_ms(&mut db)? / 60_000;
        status.time_zone = shop::time_zone_of(&mut db)?.name().to_string();
        let idle = status.idle_lock_minutes * 60_000;
        let now = db.now_ms();
        status.now = now;
        let mut desk = state.desk();
        // Asking for the session applies the idle rule, so a desk left alone
        // shows the lock screen on the next status check.
        status.signed_in = desk.session(now, idle).ok();
        status.locked = desk.locked_session().cloned();
    }
    Ok(status)
}

#[tauri::command]
async fn setup_shop(state: State<'_, AppState>, req: SetupRequest) -> Reply<Session> {
    let mut db = state.db()?;
    let session = staff::setup_shop(&mut db, req)?;
    let now = db.now_ms();
    state.desk().start(session.clone(), now);
    Ok(session)
}

#[tauri::command]
async fn sign_in(state: State<'_, AppState>, req: SignInRequest) -> Reply<Session> {
    let mut db = state.db()?;
    Ok(state.desk().sign_in(&mut db, req)?)
}

/// Unlock an idle-locked desk with the same staff member's PIN.
#[tauri::command]
async fn unlock(state: State<'_, AppState>, req: UnlockRequest) -> Reply<Session> {
    let mut db = state.db()?;
    Ok(state.desk().unlock(&mut db, req.pin)?)
}

#[tauri::command]
async fn sign_out(state: State<'_, AppState>) -> Reply<()> {
    state.desk().sign_out();
    Ok(())
}

#[tauri::command]
async fn lock(state: State<'_, AppState>) -> Reply<()> {
    state.desk().lock();
    Ok(())
}

/// The UI reports keyboard/mouse activity so typing a long form does not count as idle.
#[tauri::command]
async fn keep_alive(state: State<'_, AppState>) -> Reply<()> {
    let mut db = state.db()?;
    state.session(&mut db).map(|_| ())
}

#[tauri::command]
async fn set_language(state: State<'_, AppState>, language: Language) -> Reply<Session> {
    let session = state.as_staff(|db, s| staff::set_language(db, s, language))?;
    state.desk().update(|s| s.language = session.language);
    Ok(session)
}

#[tauri::command]
async fn get_shop(state: State<'_, AppState>) -> Reply<ShopProfile> {
    state.as_staff(shop::get_shop)
}

#[tauri::command]
async fn update_shop(state: State<'_, AppState>, req: UpdateShopRequest) -> Reply<ShopProfile> {
    state.as_staff(|db, s| shop::update_shop(db, s, req))
}

#[tauri::command]
async fn list_staff(state: State<'_, AppState>) -> Reply<Vec<StaffMember>> {
    state.as_staff(staff::list_staff)
}

#[tauri::command]
async fn add_staff(state: State<'_, AppState>, req: AddStaffRequest) -> Reply<StaffMember> {
    state.as_staff(|db, s| staff::add_staff(db, s, req))
}

#[tauri::command]
async fn update_staff(state: State<'_, AppState>, req: UpdateStaffRequest) -> Reply<StaffMember> {
    state.as_staff(|db, s| staff::update_staff(db, s, req))
}

#[tauri::command]
async fn reset_pin(state: State<'_, AppState>, req: ResetPinRequest) -> Reply<()> {
    state.as_staff(|db, s| staff::reset_pin(db, s, req))
}

#[tauri::command]
async fn create_customer(
    state: State<'_, AppState>,
    req: CreateCustomerRequest,
) -> Reply<CustomerCard> {
    state.as_staff(|db, s| customers::create_customer(db, s, req))
}

#[tauri::command]
async fn get_customer(state: State<'_, AppState>, id: CustomerId) -> Reply<CustomerCard> {
    state.as_staff(|db, s| customers::get_customer(db, s, id))
}

#[tauri::command]
async fn search_customers(
    state: State<'_, AppState>,
    req: SearchRequest,
) -> Reply<Vec<CustomerHit>> {
    state.as_staff(|db, s| customers::search_customers(db, s, req))
}

#[tauri::command]
async fn update_customer(
    state: State<'_, AppState>,
    req: UpdateCustomerRequest,
) -> Reply<CustomerCard> {
    state.as_staff(|db, s| customers::update_customer(db, s, req))
}

#[tauri::command]
async fn add_customer_note(state: State<'_, AppState>, req: AddNoteRequest) -> Reply<()> {
    state.as_staff(|db, s| customers::add_note(db, s, req))
}

#[tauri::command]
async fn customer_timeline(
    state: State<'_, AppState>,
    req: TimelineRequest,
) -> Reply<TimelinePage> {
    state.as_staff(|db, s| timeline::customer_timeline(db, s, req))
}

#[tauri::command]
async fn set_vip(state: State<'_, AppState>, req: SetVipRequest) -> Reply<CustomerCard> {
    state.as_staff(|db, s| customers::set_vip(db, s, req))
}

#[tauri::command]
async fn vip_register(state: State<'_, AppState>) -> Reply<Vec<VipEntry>> {
    state.as_staff(customers::vip_register)
}

#[tauri::command]
async fn erase_customer(
    state: State<'_, AppState>,
    req: EraseCustomerRequest,
) -> Reply<CustomerCard> {
    state.as_staff(|db, s| customers::erase_customer(db, s, req))
}

#[tauri::command]
async fn list_stylists(state: State<'_, AppState>) -> Reply<Vec<StaffRef>> {
    state.as_staff(customers::list_stylists)
}

#[tauri::command]
async fn preview_import(
    state: State<'_, AppState>,
    req: ImportPreviewRequest,
) -> Reply<ImportPreview> {
    state.as_staff(|db, s| import::preview_import(db, s, &req.file.0))
}

#[tauri::command]
async fn dry_run_import(state: State<'_, AppState>, req: ImportRequest) -> Reply<ImportReport> {
    state.as_staff(|db, s| import::dry_run_import(db, s, &req))
}

/// Import in one transaction; progress goes to the window as
/// `import-progress` events (`{done, total}`).
#[tauri::command]
async fn run_import(
    app: AppHandle,
    state: State<'_, AppState>,
    req: ImportRequest,
) -> Reply<ImportReport> {
    state.as_staff(|db, s| {
        import::run_import(db, s, &req, &mut |done, total| {
            // A lost progress event only delays the bar; the import goes on.
            let _ = app.emit("import-progress", ImportProgress { done, total });
        })
    })
}

/// Write every card to `exports/顾客-<date>-<time>.csv` in the data folder.
#[tauri::command]
async fn export_customers(state: State<'_, AppState>) -> Reply<ExportResult> {
    let dir = state.data_dir.join("exports");
    state.as_staff(|db, s| {
        let (bytes, rows) = frontdesk_core::customers::export::export_csv(db, s)?;
        let stamp = frontdesk_core::clock::local_stamp(db.now_ms(), shop::time_zone_of(db)?);
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("顾客-{stamp}.csv"));
        std::fs::write(&path, bytes)?;
        Ok(ExportResult {
            path: path.display().to_string(),
            rows,
        })
    })
}

#[tauri::command]
async fn get_catalog(state: State<'_, AppState>) -> Reply<Catalog> {
    state.as_staff(catalog::catalog)
}

#[tauri::command]
async fn save_service(state: State<'_, AppState>, req: SaveService) -> Reply<Service> {
    state.as_staff(|db, s| catalog::save_service(db, s, req))
}

#[tauri::command]
async fn save_product(state: State<'_, AppState>, req: SaveProduct) -> Reply<Product> {
    state.as_staff(|db, s| catalog::save_product(db, s, req))
}

#[tauri::command]
async fn save_metric(state: State<'_, AppState>, req: SaveMetric) -> Reply<Metric> {
    state.as_staff(|db, s| catalog::save_metric(db, s, req))
}

#[tauri::command]
async fn get_flow_settings(state: State<'_, AppState>) -> Reply<FlowSettings> {
    state.as_staff(flow::get_flow_settings)
}

#[tauri::command]
async fn update_flow_settings(
    state: State<'_, AppState>,
    req: FlowSettings,
) -> Reply<FlowSettings> {
    state.as_staff(|db, s| flow::update_flow_settings(db, s, req))
}

#[tauri::command]
async fn get_today_board(state: State<'_, AppState>) -> Reply<Board> {
    state.as_staff(board::today_board)
}

#[tauri::command]
async fn get_stylist_day(state: State<'_, AppState>, req: StylistDayRequest) -> Reply<StylistDay> {
    state.as_staff(|db, s| board::stylist_day(db, s, req))
}

#[tauri::command]
async fn check_in(state: State<'_, AppState>, req: CheckInRequest) -> Reply<Visit> {
    state.as_staff(|db, s| visits::check_in(db, s, req))
}

#[tauri::command]
async fn attach_customer(state: State<'_, AppState>, req: AttachCustomerRequest) -> Reply<Visit> {
    state.as_staff(|db, s| visits::attach_customer(db, s, req))
}

#[tauri::command]
async fn advance_visit(state: State<'_, AppState>, req: AdvanceRequest) -> Reply<Visit> {
    state.as_staff(|db, s| visits::advance(db, s, req))
}

#[tauri::command]
async fn save_consult(state: State<'_, AppState>, req: ConsultRequest) -> Reply<Visit> {
    state.as_staff(|db, s| visits::save_consult(db, s, req))
}

#[tauri::command]
async fn save_service_notes(state: State<'_, AppState>, req: ServiceNotesRequest) -> Reply<Visit> {
    state.as_staff(|db, s| visits::save_service_notes(db, s, req))
}

#[tauri::command]
async fn save_reconsult(state: State<'_, AppState>, req: ReconsultRequest) -> Reply<Visit> {
    state.as_staff(|db, s| visits::save_reconsult(db, s, req))
}

#[tauri::command]
async fn quote_visit(state: State<'_, AppState>, req: QuoteRequest) -> Reply<Bill> {
    state.as_staff(|db, s| visits::quote(db, s, req))
}

#[tauri::command]
async fn checkout_visit(state: State<'_, AppState>, req: CheckoutRequest) -> Reply<Visit> {
    state.as_staff(|db, s| visits::checkout(db, s, req))
}

#[tauri::command]
async fn cancel_visit(state: State<'_, AppState>, req: CloseVisitRequest) -> Reply<Visit> {
    state.as_staff(|db, s| visits::cancel_visit(db, s, req))
}

#[tauri::command]
async fn void_visit(state: State<'_, AppState>, req: CloseVisitRequest) -> Reply<Visit> {
    state.as_staff(|db, s| visits::void_visit(db, s, req))
}

#[tauri::command]
async fn get_visit(state: State<'_, AppState>, req: i64) -> Reply<Visit> {
    state.as_staff(|db, s| visits::get_visit(db, s, req))
}

#[tauri::command]
async fn customer_visit_summary(
    state: State<'_, AppState>,
    req: CustomerId,
) -> Reply<VisitSummary> {
    state.as_staff(|db, s| history::customer_visit_summary(db, s, req))
}

#[tauri::command]
async fn customer_measurements(
    state: State<'_, AppState>,
    req: CustomerId,
) -> Reply<Vec<MetricSeries>> {
    state.as_staff(|db, s| history::customer_measurements(db, s, req))
}

#[tauri::command]
async fn list_appointments(
    state: State<'_, AppState>,
    req: AppointmentsRequest,
) -> Reply<Vec<Appointment>> {
    state.as_staff(|db, s| appointments::list_appointments(db, s, req))
}

#[tauri::command]
async fn save_appointment(
    state: State<'_, AppState>,
    req: SaveAppointmentRequest,
) -> Reply<Appointment> {
    state.as_staff(|db, s| appointments::save_appointment(db, s, req))
}

#[tauri::command]
async fn close_appointment(
    state: State<'_, AppState>,
    req: CloseAppointmentRequest,
) -> Reply<Appointment> {
    state.as_staff(|db, s| appointments::close_appointment(db, s, req))
}

#[tauri::command]
async fn followup_queue(
    state: State<'_, AppState>,
    req: FollowUpQueueRequest,
) -> Reply<Vec<FollowUp>> {
    state.as_staff(|db, s| followups::followup_queue(db, s, req))
}

#[tauri::command]
async fn get_followup(state: State<'_, AppState>, req: i64) -> Reply<FollowUp> {
    state.as_staff(|db, s| followups::get_followup(db, s, req))
}

#[tauri::command]
async fn record_followup_call(
    state: State<'_, AppState>,
    req: RecordCallRequest,
) -> Reply<FollowUp> {
    state.as_staff(|db, s| followups::record_call(db, s, req))
}

#[tauri::command]
async fn create_followup(
    state: State<'_, AppState>,
    req: CreateFollowUpRequest,
) -> Reply<FollowUp> {
    state.as_staff(|db, s| followups::create_followup(db, s, req))
}

#[tauri::command]
async fn followup_stats(
    state: State<'_, AppState>,
    req: FollowUpStatsRequest,
) -> Reply<Vec<FollowUpStaffStats>> {
    state.as_staff(|db, s| followups::followup_stats(db, s, req))
}

#[tauri::command]
async fn open_complaint(state: State<'_, AppState>, req: OpenComplaintRequest) -> Reply<Complaint> {
    state.as_staff(|db, s| complaints::open_complaint(db, s, req))
}

#[tauri::command]
async fn complaint_action(
    state: State<'_, AppState>,
    req: ComplaintActionRequest,
) -> Reply<Complaint> {
    state.as_staff(|db, s| complaints::complaint_action(db, s, req))
}

#[tauri::command]
async fn close_complaint(
    state: State<'_, AppState>,
    req: CloseComplaintRequest,
) -> Reply<Complaint> {
    state.as_staff(|db, s| complaints::close_complaint(db, s, req))
}

#[tauri::command]
async fn get_complaint(state: State<'_, AppState>, req: i64) -> Reply<Complaint> {
    state.as_staff(|db, s| complaints::get_complaint(db, s, req))
}

#[tauri::command]
async fn list_complaints(
    state: State<'_, AppState>,
    req: ComplaintListRequest,
) -> Reply<Vec<Complaint>> {
    state.as_staff(|db, s| complaints::list_complaints(db, s, req))
}

#[tauri::command]
async fn complaint_stats(state: State<'_, AppState>, req: MonthRequest) -> Reply<ComplaintStats> {
    state.as_staff(|db, s| complaints::complaint_stats(db, s, req))
}

#[tauri::command]
async fn list_tiers(state: State<'_, AppState>) -> Reply<Vec<Tier>> {
    state.as_staff(membership::list_tiers)
}

#[tauri::command]
async fn save_tier(state: State<'_, AppState>, req: SaveTier) -> Reply<Tier> {
    state.as_staff(|db, s| membership::save_tier(db, s, req))
}

#[tauri::command]
async fn override_tier(state: State<'_, AppState>, req: OverrideTierRequest) -> Reply<()> {
    state.as_staff(|db, s| membership::override_tier(db, s, req))
}

#[tauri::command]
async fn review_tiers(state: State<'_, AppState>) -> Reply<ReviewReport> {
    state.as_staff(membership::review_tiers)
}

#[tauri::command]
async fn top_up(state: State<'_, AppState>, req: TopUpRequest) -> Reply<Membership> {
    state.as_staff(|db, s| membership::top_up(db, s, req))
}

#[tauri::command]
async fn refund_stored_value(state: State<'_, AppState>, req: RefundRequest) -> Reply<Membership> {
    state.as_staff(|db, s| membership::refund_stored_value(db, s, req))
}

#[tauri::command]
async fn sell_package(state: State<'_, AppState>, req: SellPackageRequest) -> Reply<Membership> {
    state.as_staff(|db, s| membership::sell_package(db, s, req))
}

#[tauri::command]
async fn customer_membership(state: State<'_, AppState>, req: CustomerId) -> Reply<Membership> {
    state.as_staff(|db, s| membership::customer_membership(db, s, req))
}

#[tauri::command]
async fn membership_report(state: State<'_, AppState>) -> Reply<MembershipReport> {
    state.as_staff(membership::membership_report)
}

#[tauri::command]
async fn export_membership_report(state: State<'_, AppState>) -> Reply<ReportFile> {
    let dir = state.data_dir.join("exports");
    state.as_staff(|db, s| {
        let bytes = membership::membership_report_csv(db, s)?;
        let stamp = frontdesk_core::clock::local_stamp(db.now_ms(), shop::time_zone_of(db)?);
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("会员报表-{stamp}.csv"));
        std::fs::write(&path, bytes)?;
        Ok(ReportFile {
            path: path.display().to_string(),
        })
    })
}

#[tauri::command]
async fn get_membership_settings(state: State<'_, AppState>) -> Reply<MembershipSettings> {
    state.as_staff(membership::get_membership_settings)
}

#[tauri::command]
async fn update_membership_settings(
    state: State<'_, AppState>,
    req: i64,
) -> Reply<MembershipSettings> {
    state.as_staff(|db, s| membership::update_membership_settings(db, s, req))
}

#[tauri::command]
async fn review_tiers_if_due(state: State<'_, AppState>) -> Reply<Option<ReviewReport>> {
    state.as_staff(membership::review_tiers_if_due)
}
