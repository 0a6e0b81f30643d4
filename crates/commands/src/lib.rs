//! Every command of the app, declared once.
//!
//! Each line names a command, its request and response types, who may call
//! it, and what runs it. [`commands!`] hands the whole table to a macro of
//! the caller's, which generates what that caller needs from it:
//!
//! - the core (`frontdesk_core::api`): the list of commands with their
//!   access, a dispatcher by name (used by tests and the fuzzer), and the
//!   TypeScript map `ui/src/bindings/Commands.ts` the UI's `call()` is typed by;
//! - the desktop shell: one Tauri command function per line, the handler
//!   list, and (from its build script) the capability's command list;
//! - the tests: one permission case per command and role.
//!
//! A line reads:
//!
//! ```text
//! name(Request) -> Response, access, core path::to::function;
//! name() -> Response, access, shell;
//! ```
//!
//! `access` is `public` (before anyone signs in), `signed_in` (any active
//! staff member), or the [`Permission`] variant the core checks. `core` runs
//! `function(db, session, request)` (or `function(db, session)` with no
//! request) in the core; `shell` commands act on the desk itself (sign-in,
//! lock, progress events) and are written out in the shell.
//!
//! To add a command: write the core function, add its line here, call it from
//! the UI with `call("name", request)`. That is all.
//!
//! [`Permission`]: ../frontdesk_core/access/enum.Permission.html

/// Hand the command table to `$callback!`. Paths are written from outside the
/// core (`frontdesk_core::…`); the core names itself so too.
#[macro_export]
macro_rules! commands {
    ($callback:path) => {
        $callback! {
            // ------------------------------------------------ the desk itself
            app_status() -> frontdesk_core::shop::AppStatus, public, shell;
            setup_shop(frontdesk_core::shop::SetupRequest) -> frontdesk_core::staff::Session, public, shell;
            sign_in(frontdesk_core::staff::SignInRequest) -> frontdesk_core::staff::Session, public, shell;
            unlock(frontdesk_core::staff::UnlockRequest) -> frontdesk_core::staff::Session, public, shell;
            sign_out() -> (), public, shell;
            lock() -> (), public, shell;
            keep_alive() -> (), signed_in, shell;
            set_language(frontdesk_core::staff::Language) -> frontdesk_core::staff::Session, signed_in, shell;
            manager_override(frontdesk_core::staff::OverrideRequest) -> (), signed_in, shell;

            // ------------------------------------------------ data safety
            safety_status() -> frontdesk_core::backup::SafetyStatus, public, shell;
            damaged_backups() -> Vec<frontdesk_core::backup::BackupInfo>, public, shell;
            restore_damaged(frontdesk_core::backup::DamagedRestoreRequest) -> frontdesk_core::staff::Session, public, shell;
            list_backups() -> frontdesk_core::backup::BackupList, ManageBackups, core frontdesk_core::backup::list_backups;
            backup_now() -> frontdesk_core::backup::BackupInfo, ManageBackups, shell;
            restore_backup(frontdesk_core::backup::RestoreRequest) -> frontdesk_core::backup::RestoreReport, ManageBackups, shell;
            backup_settings() -> frontdesk_core::backup::BackupSettings, ManageBackups, core frontdesk_core::backup::backup_settings;
            set_backup_settings(frontdesk_core::backup::BackupSettings) -> frontdesk_core::backup::BackupSettings, ManageBackups, core frontdesk_core::backup::set_backup_settings;

            // ------------------------------------------------ shop and staff
            get_shop() -> frontdesk_core::shop::ShopProfile, signed_in, core frontdesk_core::shop::get_shop;
            update_shop(frontdesk_core::shop::UpdateShopRequest) -> frontdesk_core::shop::ShopProfile, ManageSettings, core frontdesk_core::shop::update_shop;
            list_staff() -> Vec<frontdesk_core::staff::StaffMember>, ManageStaff, core frontdesk_core::staff::list_staff;
            add_staff(frontdesk_core::staff::AddStaffRequest) -> frontdesk_core::staff::StaffMember, ManageStaff, core frontdesk_core::staff::add_staff;
            update_staff(frontdesk_core::staff::UpdateStaffRequest) -> frontdesk_core::staff::StaffMember, ManageStaff, core frontdesk_core::staff::update_staff;
            reset_pin(frontdesk_core::staff::ResetPinRequest) -> (), ManageStaff, core frontdesk_core::staff::reset_pin;

            // ------------------------------------------------ customers
            create_customer(frontdesk_core::customers::CreateCustomerRequest) -> frontdesk_core::customers::CustomerCard, EditCustomers, core frontdesk_core::customers::create_customer;
            get_customer(frontdesk_core::ids::CustomerId) -> frontdesk_core::customers::CustomerCard, ViewCustomers, core frontdesk_core::customers::get_customer;
            search_customers(frontdesk_core::customers::SearchRequest) -> Vec<frontdesk_core::customers::CustomerHit>, ViewCustomers, core frontdesk_core::customers::search_customers;
            update_customer(frontdesk_core::customers::UpdateCustomerRequest) -> frontdesk_core::customers::CustomerCard, EditCustomers, core frontdesk_core::customers::update_customer;
            add_customer_note(frontdesk_core::customers::AddNoteRequest) -> (), EditCustomers, core frontdesk_core::customers::add_note;
            customer_timeline(frontdesk_core::customers::timeline::TimelineRequest) -> frontdesk_core::customers::timeline::TimelinePage, ViewCustomers, core frontdesk_core::customers::timeline::customer_timeline;
            set_vip(frontdesk_core::customers::SetVipRequest) -> frontdesk_core::customers::CustomerCard, ManageVip, core frontdesk_core::customers::set_vip;
            vip_register() -> Vec<frontdesk_core::customers::VipEntry>, ViewCustomers, core frontdesk_core::customers::vip_register;
            erase_customer(frontdesk_core::customers::EraseCustomerRequest) -> frontdesk_core::customers::CustomerCard, EraseCustomers, core frontdesk_core::erasure::erase_customer;
            list_stylists() -> Vec<frontdesk_core::staff::StaffRef>, ViewCustomers, core frontdesk_core::customers::list_stylists;
            preview_import(frontdesk_core::customers::import::ImportPreviewRequest) -> frontdesk_core::customers::import::ImportPreview, ImportCustomers, core frontdesk_core::customers::import::preview_import;
            dry_run_import(frontdesk_core::customers::import::ImportRequest) -> frontdesk_core::customers::import::ImportReport, ImportCustomers, core frontdesk_core::customers::import::dry_run_import;
            run_import(frontdesk_core::customers::import::ImportRequest) -> frontdesk_core::customers::import::ImportReport, ImportCustomers, shell;
            export_customers() -> frontdesk_core::spreadsheet::ExportResult, ExportCustomers, core frontdesk_core::customers::export::export_customers;

            // ------------------------------------------------ settings
            get_catalog() -> frontdesk_core::catalog::Catalog, signed_in, core frontdesk_core::catalog::catalog;
            save_service(frontdesk_core::catalog::SaveService) -> frontdesk_core::catalog::Service, ManageSettings, core frontdesk_core::catalog::save_service;
            save_product(frontdesk_core::catalog::SaveProduct) -> frontdesk_core::catalog::Product, ManageSettings, core frontdesk_core::catalog::save_product;
            save_metric(frontdesk_core::catalog::SaveMetric) -> frontdesk_core::catalog::Metric, ManageSettings, core frontdesk_core::catalog::save_metric;
            get_flow_settings() -> frontdesk_core::flow::FlowSettings, signed_in, core frontdesk_core::flow::get_flow_settings;
            update_flow_settings(frontdesk_core::flow::FlowSettings) -> frontdesk_core::flow::FlowSettings, ManageSettings, core frontdesk_core::flow::update_flow_settings;

            // ------------------------------------------------ the visit flow
            get_today_board() -> frontdesk_core::visits::board::Board, ViewCustomers, core frontdesk_core::visits::board::today_board;
            get_stylist_day(frontdesk_core::visits::board::StylistDayRequest) -> frontdesk_core::visits::board::StylistDay, ViewCustomers, core frontdesk_core::visits::board::stylist_day;
            check_in(frontdesk_core::visits::CheckInRequest) -> frontdesk_core::visits::Visit, RunVisits, core frontdesk_core::visits::check_in;
            attach_customer(frontdesk_core::visits::AttachCustomerRequest) -> frontdesk_core::visits::Visit, RunVisits, core frontdesk_core::visits::attach_customer;
            advance_visit(frontdesk_core::visits::AdvanceRequest) -> frontdesk_core::visits::Visit, RunVisits, core frontdesk_core::visits::advance;
            save_consult(frontdesk_core::visits::ConsultRequest) -> frontdesk_core::visits::Visit, RunVisits, core frontdesk_core::visits::save_consult;
            save_service_notes(frontdesk_core::visits::ServiceNotesRequest) -> frontdesk_core::visits::Visit, WriteServiceNotes, core frontdesk_core::visits::save_service_notes;
            save_reconsult(frontdesk_core::visits::ReconsultRequest) -> frontdesk_core::visits::Visit, RunVisits, core frontdesk_core::visits::save_reconsult;
            quote_visit(frontdesk_core::visits::QuoteRequest) -> frontdesk_core::visits::Quote, RunVisits, core frontdesk_core::visits::quote;
            checkout_visit(frontdesk_core::visits::CheckoutRequest) -> frontdesk_core::visits::Visit, RunVisits, core frontdesk_core::visits::checkout;
            cancel_visit(frontdesk_core::visits::CloseVisitRequest) -> frontdesk_core::visits::Visit, RunVisits, core frontdesk_core::visits::cancel_visit;
            void_visit(frontdesk_core::visits::VoidVisitRequest) -> frontdesk_core::visits::Visit, VoidVisits, core frontdesk_core::visits::void_visit;
            get_visit(frontdesk_core::ids::VisitId) -> frontdesk_core::visits::Visit, ViewCustomers, core frontdesk_core::visits::get_visit;
            customer_visit_summary(frontdesk_core::ids::CustomerId) -> frontdesk_core::visits::history::VisitSummary, ViewCustomers, core frontdesk_core::visits::history::customer_visit_summary;
            customer_measurements(frontdesk_core::ids::CustomerId) -> Vec<frontdesk_core::visits::history::MetricSeries>, ViewCustomers, core frontdesk_core::visits::history::customer_measurements;

            // ------------------------------------------------ appointments, calls, complaints
            list_appointments(frontdesk_core::appointments::AppointmentsRequest) -> Vec<frontdesk_core::appointments::Appointment>, ViewCustomers, core frontdesk_core::appointments::list_appointments;
            save_appointment(frontdesk_core::appointments::SaveAppointmentRequest) -> frontdesk_core::appointments::Appointment, ManageAppointments, core frontdesk_core::appointments::save_appointment;
            close_appointment(frontdesk_core::appointments::CloseAppointmentRequest) -> frontdesk_core::appointments::Appointment, ManageAppointments, core frontdesk_core::appointments::close_appointment;
            followup_queue(frontdesk_core::followups::FollowUpQueueRequest) -> Vec<frontdesk_core::followups::FollowUp>, MakeFollowUps, core frontdesk_core::followups::followup_queue;
            get_followup(frontdesk_core::ids::FollowUpId) -> frontdesk_core::followups::FollowUp, MakeFollowUps, core frontdesk_core::followups::get_followup;
            record_followup_call(frontdesk_core::followups::RecordCallRequest) -> frontdesk_core::followups::FollowUp, MakeFollowUps, core frontdesk_core::followups::record_call;
            create_followup(frontdesk_core::followups::CreateFollowUpRequest) -> frontdesk_core::followups::FollowUp, MakeFollowUps, core frontdesk_core::followups::create_followup;
            followup_stats(frontdesk_core::followups::FollowUpStatsRequest) -> Vec<frontdesk_core::followups::FollowUpStaffStats>, MakeFollowUps, core frontdesk_core::followups::followup_stats;
            open_complaint(frontdesk_core::complaints::OpenComplaintRequest) -> frontdesk_core::complaints::Complaint, HandleComplaints, core frontdesk_core::complaints::open_complaint;
            complaint_action(frontdesk_core::complaints::ComplaintActionRequest) -> frontdesk_core::complaints::Complaint, HandleComplaints, core frontdesk_core::complaints::complaint_action;
            close_complaint(frontdesk_core::complaints::CloseComplaintRequest) -> frontdesk_core::complaints::Complaint, HandleComplaints, core frontdesk_core::complaints::close_complaint;
            get_complaint(frontdesk_core::ids::ComplaintId) -> frontdesk_core::complaints::Complaint, HandleComplaints, core frontdesk_core::complaints::get_complaint;
            list_complaints(frontdesk_core::complaints::ComplaintListRequest) -> Vec<frontdesk_core::complaints::Complaint>, HandleComplaints, core frontdesk_core::complaints::list_complaints;
            complaint_stats(frontdesk_core::complaints::MonthRequest) -> frontdesk_core::complaints::ComplaintStats, ViewReports, core frontdesk_core::complaints::complaint_stats;

            // ------------------------------------------------ membership
            list_tiers() -> Vec<frontdesk_core::membership::Tier>, signed_in, core frontdesk_core::membership::list_tiers;
            save_tier(frontdesk_core::membership::SaveTier) -> frontdesk_core::membership::Tier, ManageSettings, core frontdesk_core::membership::save_tier;
            override_tier(frontdesk_core::membership::OverrideTierRequest) -> (), OverrideTiers, core frontdesk_core::membership::override_tier;
            review_tiers() -> frontdesk_core::membership::ReviewReport, OverrideTiers, core frontdesk_core::membership::review_tiers;
            top_up(frontdesk_core::membership::TopUpRequest) -> frontdesk_core::membership::Membership, RunVisits, core frontdesk_core::membership::top_up;
            refund_stored_value(frontdesk_core::membership::RefundRequest) -> frontdesk_core::membership::Membership, RefundStoredValue, core frontdesk_core::membership::refund_stored_value;
            sell_package(frontdesk_core::membership::SellPackageRequest) -> frontdesk_core::membership::Membership, RunVisits, core frontdesk_core::membership::sell_package;
            customer_membership(frontdesk_core::ids::CustomerId) -> frontdesk_core::membership::Membership, ViewCustomers, core frontdesk_core::membership::customer_membership;
            membership_report() -> frontdesk_core::membership::MembershipReport, ViewReports, core frontdesk_core::membership::membership_report;
            export_membership_report() -> frontdesk_core::spreadsheet::ExportResult, ViewReports, core frontdesk_core::membership::export_membership_report;
            get_membership_settings() -> frontdesk_core::membership::MembershipSettings, signed_in, core frontdesk_core::membership::get_membership_settings;
            update_membership_settings(i64) -> frontdesk_core::membership::MembershipSettings, ManageSettings, core frontdesk_core::membership::update_membership_settings;
            review_tiers_if_due() -> Option<frontdesk_core::membership::ReviewReport>, OverrideTiers, core frontdesk_core::membership::review_tiers_if_due;

            // ------------------------------------------------ gifts and vouchers
            gift_catalog() -> frontdesk_core::gifts::setup::GiftCatalog, signed_in, core frontdesk_core::gifts::setup::gift_catalog;
            save_gift_item(frontdesk_core::gifts::setup::SaveGiftItem) -> frontdesk_core::gifts::setup::GiftItem, ManageGifts, core frontdesk_core::gifts::setup::save_gift_item;
            save_voucher_type(frontdesk_core::gifts::setup::SaveVoucherType) -> frontdesk_core::gifts::setup::VoucherType, ManageGifts, core frontdesk_core::gifts::setup::save_voucher_type;
            save_promotion(frontdesk_core::gifts::setup::SavePromotion) -> frontdesk_core::gifts::setup::Promotion, ManageGifts, core frontdesk_core::gifts::setup::save_promotion;
            save_birthday_gifts(frontdesk_core::gifts::setup::SaveBirthdayGifts) -> Vec<frontdesk_core::gifts::setup::BirthdayGift>, ManageGifts, core frontdesk_core::gifts::setup::save_birthday_gifts;
            receive_gifts(frontdesk_core::gifts::stock::ReceiveGiftsRequest) -> frontdesk_core::gifts::setup::GiftItem, HandleGifts, core frontdesk_core::gifts::stock::receive_gifts;
            record_damage(frontdesk_core::gifts::stock::DamageRequest) -> frontdesk_core::gifts::setup::GiftItem, HandleGifts, core frontdesk_core::gifts::stock::record_damage;
            destroy_gifts(frontdesk_core::gifts::stock::DestroyGiftsRequest) -> frontdesk_core::gifts::setup::GiftItem, ManageGifts, core frontdesk_core::gifts::stock::destroy_gifts;
            return_gifts(frontdesk_core::gifts::stock::ReturnGiftsRequest) -> frontdesk_core::gifts::setup::GiftItem, ManageGifts, core frontdesk_core::gifts::stock::return_gifts;
            adjust_count(frontdesk_core::gifts::stock::AdjustCountRequest) -> frontdesk_core::gifts::setup::GiftItem, ManageGifts, core frontdesk_core::gifts::stock::adjust_count;
            gift_moves(frontdesk_core::gifts::stock::GiftMovesRequest) -> Vec<frontdesk_core::gifts::stock::GiftMoveRow>, HandleGifts, core frontdesk_core::gifts::stock::gift_moves;
            receive_vouchers(frontdesk_core::gifts::vouchers::ReceiveVouchersRequest) -> frontdesk_core::gifts::vouchers::VoucherBatch, HandleGifts, core frontdesk_core::gifts::vouchers::receive_vouchers;
            voucher_batches() -> Vec<frontdesk_core::gifts::vouchers::VoucherBatch>, HandleGifts, core frontdesk_core::gifts::vouchers::voucher_batches;
            voucher(frontdesk_core::gifts::vouchers::VoucherRequest) -> frontdesk_core::gifts::vouchers::VoucherView, HandleGifts, core frontdesk_core::gifts::vouchers::voucher;
            destroy_vouchers(frontdesk_core::gifts::vouchers::DestroyVouchersRequest) -> Vec<frontdesk_core::gifts::vouchers::VoucherView>, ManageGifts, core frontdesk_core::gifts::vouchers::destroy_vouchers;
            issue_birthday_gift(frontdesk_core::gifts::rewards::BirthdayGiftRequest) -> frontdesk_core::gifts::rewards::CustomerGifts, HandleGifts, core frontdesk_core::gifts::rewards::issue_birthday_gift;
            customer_gifts(frontdesk_core::ids::CustomerId) -> frontdesk_core::gifts::rewards::CustomerGifts, ViewCustomers, core frontdesk_core::gifts::rewards::customer_gifts;
            handover_sheet() -> frontdesk_core::gifts::handover::HandoverSheet, HandleGifts, core frontdesk_core::gifts::handover::handover_sheet;
            count_handover(frontdesk_core::gifts::handover::CountHandoverRequest) -> frontdesk_core::gifts::handover::Handover, HandleGifts, core frontdesk_core::gifts::handover::count_handover;
            confirm_handover(frontdesk_core::gifts::handover::ConfirmHandoverRequest) -> frontdesk_core::gifts::handover::Handover, HandleGifts, core frontdesk_core::gifts::handover::confirm_handover;
            get_handover(frontdesk_core::ids::HandoverId) -> frontdesk_core::gifts::handover::Handover, HandleGifts, core frontdesk_core::gifts::handover::get_handover;
            list_handovers(frontdesk_core::gifts::handover::HandoversRequest) -> Vec<frontdesk_core::gifts::handover::HandoverBrief>, HandleGifts, core frontdesk_core::gifts::handover::list_handovers;
            last_handover() -> frontdesk_core::gifts::handover::LastHandover, signed_in, core frontdesk_core::gifts::handover::last_handover;
            resolve_matter(frontdesk_core::gifts::handover::ResolveMatterRequest) -> frontdesk_core::gifts::handover::Matter, HandleGifts, core frontdesk_core::gifts::handover::resolve_matter;
            gift_reconciliation(frontdesk_core::gifts::reconcile::PeriodRequest) -> frontdesk_core::gifts::reconcile::Reconciliation, ReconcileGifts, core frontdesk_core::gifts::reconcile::gift_reconciliation;
            export_gift_reconciliation(frontdesk_core::gifts::reconcile::PeriodRequest) -> frontdesk_core::spreadsheet::ExportResult, ReconcileGifts, core frontdesk_core::gifts::reconcile::export_gift_reconciliation;
            issuance_summary(frontdesk_core::gifts::issuance::DayRequest) -> frontdesk_core::gifts::issuance::IssuanceSummary, HandleGifts, core frontdesk_core::gifts::issuance::issuance_summary;
            export_issuance_summary(frontdesk_core::gifts::issuance::DayRequest) -> frontdesk_core::spreadsheet::ExportResult, HandleGifts, core frontdesk_core::gifts::issuance::export_issuance_summary;

            // ------------------------------------------------ reports
            daily_summary(frontdesk_core::reports::SummaryRequest) -> frontdesk_core::reports::DailySummary, ViewReports, core frontdesk_core::reports::daily_summary;
            staff_report(frontdesk_core::reports::SummaryRequest) -> frontdesk_core::reports::StaffReport, ViewReports, core frontdesk_core::reports::staff_report;
            customer_report(frontdesk_core::reports::SummaryRequest) -> frontdesk_core::reports::CustomerReport, ViewReports, core frontdesk_core::reports::customer_report;
            trend(frontdesk_core::reports::TrendRequest) -> frontdesk_core::reports::Trend, ViewReports, core frontdesk_core::reports::trend;
            customer_list(frontdesk_core::reports::CustomerListRequest) -> frontdesk_core::reports::CustomerList, ViewReports, core frontdesk_core::reports::customer_list;
            list_follow_ups(frontdesk_core::reports::ListFollowUpsRequest) -> frontdesk_core::reports::ListFollowUps, ViewReports, core frontdesk_core::reports::list_follow_ups;
            report_visits(frontdesk_core::reports::ReportVisitsRequest) -> frontdesk_core::reports::ReportVisits, ViewReports, core frontdesk_core::reports::report_visits;
            money_rows(frontdesk_core::reports::MoneyRowsRequest) -> frontdesk_core::reports::MoneyRows, ViewReports, core frontdesk_core::reports::money_rows;
            care_rows(frontdesk_core::reports::CareRowsRequest) -> frontdesk_core::reports::CareRows, ViewReports, core frontdesk_core::reports::care_rows;
            export_report(frontdesk_core::reports::ReportRequest) -> frontdesk_core::spreadsheet::ExportResult, ViewReports, core frontdesk_core::reports::export_report;
            // ----------------------------------------------------- the audit trail
            list_audit(frontdesk_core::audit_view::AuditQuery) -> frontdesk_core::audit_view::AuditPage, ViewAudit, core frontdesk_core::audit_view::list_audit;
            export_audit(frontdesk_core::audit_view::AuditFilter) -> frontdesk_core::spreadsheet::ExportResult, ViewAudit, core frontdesk_core::audit_view::export_audit;

            // ------------------------------------------------ printing (each document checks its own permission)
            get_print_settings() -> frontdesk_core::printing::PrintSettings, signed_in, core frontdesk_core::printing::settings::get_print_settings;
            update_print_settings(frontdesk_core::printing::PrintSettings) -> frontdesk_core::printing::PrintSettings, ManageSettings, core frontdesk_core::printing::settings::update_print_settings;
            print_document(frontdesk_core::printing::PrintRequest) -> frontdesk_core::printing::PrintJob, signed_in, core frontdesk_core::printing::jobs::print_document;
            print_jobs() -> Vec<frontdesk_core::printing::PrintJob>, signed_in, core frontdesk_core::printing::jobs::print_jobs;
            retry_print_job(frontdesk_core::ids::PrintJobId) -> frontdesk_core::printing::PrintJob, signed_in, core frontdesk_core::printing::jobs::retry_print_job;
            cancel_print_job(frontdesk_core::ids::PrintJobId) -> frontdesk_core::printing::PrintJob, signed_in, core frontdesk_core::printing::jobs::cancel_print_job;
            document_pdf(frontdesk_core::printing::PreviewRequest) -> frontdesk_core::printing::PdfFile, signed_in, shell;
            save_document(frontdesk_core::printing::SaveDocumentRequest) -> String, signed_in, shell;
            list_printers() -> Vec<frontdesk_core::printing::PrinterInfo>, signed_in, shell;
        }
    };
}
