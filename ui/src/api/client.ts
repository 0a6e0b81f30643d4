// The one module that talks to the desktop shell. Components call `api.*`;
// nothing else imports `invoke`. Every failure becomes an `ApiFailure` holding
// the backend's `{code, message, field, ...}` so forms can put the translated
// message next to the field.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AddNoteRequest } from "../bindings/AddNoteRequest";
import type { Catalog } from "../bindings/Catalog";
import type { FlowSettings } from "../bindings/FlowSettings";
import type { Metric } from "../bindings/Metric";
import type { Product } from "../bindings/Product";
import type { Service } from "../bindings/Service";
import type { AddStaffRequest } from "../bindings/AddStaffRequest";
import type { ApiError } from "../bindings/ApiError";
import type { AppStatus } from "../bindings/AppStatus";
import type { CreateCustomerRequest } from "../bindings/CreateCustomerRequest";
import type { CustomerCard } from "../bindings/CustomerCard";
import type { CustomerHit } from "../bindings/CustomerHit";
import type { EraseCustomerRequest } from "../bindings/EraseCustomerRequest";
import type { ExportResult } from "../bindings/ExportResult";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ImportReport } from "../bindings/ImportReport";
import type { ImportRequest } from "../bindings/ImportRequest";
import type { SetVipRequest } from "../bindings/SetVipRequest";
import type { StaffRef } from "../bindings/StaffRef";
import type { TimelinePage } from "../bindings/TimelinePage";
import type { TimelineRequest } from "../bindings/TimelineRequest";
import type { UpdateCustomerRequest } from "../bindings/UpdateCustomerRequest";
import type { VipEntry } from "../bindings/VipEntry";
import type { Language } from "../bindings/Language";
import type { ResetPinRequest } from "../bindings/ResetPinRequest";
import type { SearchRequest } from "../bindings/SearchRequest";
import type { Session } from "../bindings/Session";
import type { SetupRequest } from "../bindings/SetupRequest";
import type { ShopProfile } from "../bindings/ShopProfile";
import type { SignInRequest } from "../bindings/SignInRequest";
import type { StaffMember } from "../bindings/StaffMember";
import type { UpdateShopRequest } from "../bindings/UpdateShopRequest";
import type { UpdateStaffRequest } from "../bindings/UpdateStaffRequest";
import type { Tier } from "../bindings/Tier";
import type { SaveTier } from "../bindings/SaveTier";
import type { OverrideTierRequest } from "../bindings/OverrideTierRequest";
import type { ReviewReport } from "../bindings/ReviewReport";
import type { TopUpRequest } from "../bindings/TopUpRequest";
import type { RefundRequest } from "../bindings/RefundRequest";
import type { SellPackageRequest } from "../bindings/SellPackageRequest";
import type { Membership } from "../bindings/Membership";
import type { MembershipReport } from "../bindings/MembershipReport";
import type { ReportFile } from "../bindings/ReportFile";
import type { MembershipSettings } from "../bindings/MembershipSettings";
import type { Board } from "../bindings/Board";
import type { StylistDay } from "../bindings/StylistDay";
import type { StylistDayRequest } from "../bindings/StylistDayRequest";
import type { CheckInRequest } from "../bindings/CheckInRequest";
import type { Visit } from "../bindings/Visit";
import type { AttachCustomerRequest } from "../bindings/AttachCustomerRequest";
import type { AdvanceRequest } from "../bindings/AdvanceRequest";
import type { ConsultRequest } from "../bindings/ConsultRequest";
import type { ServiceNotesRequest } from "../bindings/ServiceNotesRequest";
import type { ReconsultRequest } from "../bindings/ReconsultRequest";
import type { QuoteRequest } from "../bindings/QuoteRequest";
import type { Bill } from "../bindings/Bill";
import type { CheckoutRequest } from "../bindings/CheckoutRequest";
import type { CloseVisitRequest } from "../bindings/CloseVisitRequest";
import type { VisitSummary } from "../bindings/VisitSummary";
import type { MetricSeries } from "../bindings/MetricSeries";
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentsRequest } from "../bindings/AppointmentsRequest";
import type { SaveAppointmentRequest } from "../bindings/SaveAppointmentRequest";
import type { CloseAppointmentRequest } from "../bindings/CloseAppointmentRequest";
import type { FollowUp } from "../bindings/FollowUp";
import type { FollowUpQueueRequest } from "../bindings/FollowUpQueueRequest";
import type { RecordCallRequest } from "../bindings/RecordCallRequest";
import type { CreateFollowUpRequest } from "../bindings/CreateFollowUpRequest";
import type { FollowUpStatsRequest } from "../bindings/FollowUpStatsRequest";
import type { FollowUpStaffStats } from "../bindings/FollowUpStaffStats";
import type { Complaint } from "../bindings/Complaint";
import type { OpenComplaintRequest } from "../bindings/OpenComplaintRequest";
import type { ComplaintActionRequest } from "../bindings/ComplaintActionRequest";
import type { CloseComplaintRequest } from "../bindings/CloseComplaintRequest";
import type { ComplaintListRequest } from "../bindings/ComplaintListRequest";
import type { MonthRequest } from "../bindings/MonthRequest";
import type { ComplaintStats } from "../bindings/ComplaintStats";

export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.name = "ApiFailure";
    this.error = error;
  }
}

const EMPTY: Omit<ApiError, "code" | "message"> = {
  field: null,
  reason: null,
  limit: null,
  permission: null,
  entity: null,
  retry_after_ms: null,
  existing: [],
};

/** Whatever the shell threw, as an ApiError (a bare string becomes `storage`). */
export function toApiError(thrown: unknown): ApiError {
  if (thrown && typeof thrown === "object" && "code" in thrown && "message" in thrown) {
    return { ...EMPTY, ...(thrown as ApiError) };
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { ...EMPTY, code: "storage", message };
}

/** Dispatched on `window` when a command finds the desk locked or signed out. */
export const SESSION_LOST_EVENT = "frontdesk:session-lost";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    const error = toApiError(thrown);
    if (error.code === "session_locked" || error.code === "not_signed_in") {
      globalThis.dispatchEvent?.(new CustomEvent(SESSION_LOST_EVENT));
    }
    throw new ApiFailure(error);
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  setupShop: (req: SetupRequest) => call<Session>("setup_shop", { req }),
  signIn: (req: SignInRequest) => call<Session>("sign_in", { req }),
  unlock: (pin: string) => call<Session>("unlock", { req: { pin } }),
  signOut: () => call<null>("sign_out"),
  lock: () => call<null>("lock"),
  keepAlive: () => call<null>("keep_alive"),
  setLanguage: (language: Language) => call<Session>("set_language", { language }),
  getShop: () => call<ShopProfile>("get_shop"),
  updateShop: (req: UpdateShopRequest) => call<ShopProfile>("update_shop", { req }),
  listStaff: () => call<StaffMember[]>("list_staff"),
  addStaff: (req: AddStaffRequest) => call<StaffMember>("add_staff", { req }),
  updateStaff: (req: UpdateStaffRequest) => call<StaffMember>("update_staff", { req }),
  resetPin: (req: ResetPinRequest) => call<null>("reset_pin", { req }),
  createCustomer: (req: CreateCustomerRequest) => call<CustomerCard>("create_customer", { req }),
  getCustomer: (id: number) => call<CustomerCard>("get_customer", { id }),
  searchCustomers: (req: SearchRequest) => call<CustomerHit[]>("search_customers", { req }),
  updateCustomer: (req: UpdateCustomerRequest) => call<CustomerCard>("update_customer", { req }),
  addCustomerNote: (req: AddNoteRequest) => call<null>("add_customer_note", { req }),
  customerTimeline: (req: TimelineRequest) => call<TimelinePage>("customer_timeline", { req }),
  setVip: (req: SetVipRequest) => call<CustomerCard>("set_vip", { req }),
  vipRegister: () => call<VipEntry[]>("vip_register"),
  eraseCustomer: (req: EraseCustomerRequest) => call<CustomerCard>("erase_customer", { req }),
  listStylists: () => call<StaffRef[]>("list_stylists"),
  /** `file` is the file's bytes as base64. */
  previewImport: (file: string) => call<ImportPreview>("preview_import", { req: { file } }),
  dryRunImport: (req: ImportRequest) => call<ImportReport>("dry_run_import", { req }),
  runImport: (req: ImportRequest) => call<ImportReport>("run_import", { req }),
  exportCustomers: () => call<ExportResult>("export_customers"),
  getCatalog: () => call<Catalog>("get_catalog"),
  getFlowSettings: () => call<FlowSettings>("get_flow_settings"),
  updateFlowSettings: (req: FlowSettings) => call<FlowSettings>("update_flow_settings", { req }),
  saveService: (service: Service) => call<Service>("save_service", { req: { service } }),
  saveProduct: (product: Product) => call<Product>("save_product", { req: { product } }),
  saveMetric: (metric: Metric) => call<Metric>("save_metric", { req: { metric } }),
  // The visit flow (迎客 → 咨询 → 服务 → 再咨询 → 送客 → 回访)
  todayBoard: () => call<Board>("get_today_board"),
  stylistDay: (req: StylistDayRequest) => call<StylistDay>("get_stylist_day", { req }),
  checkIn: (req: CheckInRequest) => call<Visit>("check_in", { req }),
  attachCustomer: (req: AttachCustomerRequest) => call<Visit>("attach_customer", { req }),
  advanceVisit: (req: AdvanceRequest) => call<Visit>("advance_visit", { req }),
  saveConsult: (req: ConsultRequest) => call<Visit>("save_consult", { req }),
  saveServiceNotes: (req: ServiceNotesRequest) => call<Visit>("save_service_notes", { req }),
  saveReconsult: (req: ReconsultRequest) => call<Visit>("save_reconsult", { req }),
  quoteVisit: (req: QuoteRequest) => call<Bill>("quote_visit", { req }),
  checkoutVisit: (req: CheckoutRequest) => call<Visit>("checkout_visit", { req }),
  cancelVisit: (req: CloseVisitRequest) => call<Visit>("cancel_visit", { req }),
  voidVisit: (req: CloseVisitRequest) => call<Visit>("void_visit", { req }),
  getVisit: (id: number) => call<Visit>("get_visit", { req: id }),
  customerVisitSummary: (id: number) => call<VisitSummary>("customer_visit_summary", { req: id }),
  customerMeasurements: (id: number) =>
    call<MetricSeries[]>("customer_measurements", { req: id }),
  listAppointments: (req: AppointmentsRequest) =>
    call<Appointment[]>("list_appointments", { req }),
  saveAppointment: (req: SaveAppointmentRequest) => call<Appointment>("save_appointment", { req }),
  closeAppointment: (req: CloseAppointmentRequest) =>
    call<Appointment>("close_appointment", { req }),
  followupQueue: (req: FollowUpQueueRequest) => call<FollowUp[]>("followup_queue", { req }),
  getFollowup: (id: number) => call<FollowUp>("get_followup", { req: id }),
  recordFollowupCall: (req: RecordCallRequest) => call<FollowUp>("record_followup_call", { req }),
  createFollowup: (req: CreateFollowUpRequest) => call<FollowUp>("create_followup", { req }),
  followupStats: (req: FollowUpStatsRequest) =>
    call<FollowUpStaffStats[]>("followup_stats", { req }),
  openComplaint: (req: OpenComplaintRequest) => call<Complaint>("open_complaint", { req }),
  complaintAction: (req: ComplaintActionRequest) => call<Complaint>("complaint_action", { req }),
  closeComplaint: (req: CloseComplaintRequest) => call<Complaint>("close_complaint", { req }),
  getComplaint: (id: number) => call<Complaint>("get_complaint", { req: id }),
  listComplaints: (req: ComplaintListRequest) => call<Complaint[]>("list_complaints", { req }),
  complaintStats: (req: MonthRequest) => call<ComplaintStats>("complaint_stats", { req }),
  // Membership (会员等级, 储值卡, 次卡)
  listTiers: () => call<Tier[]>("list_tiers"),
  saveTier: (req: SaveTier) => call<Tier>("save_tier", { req }),
  overrideTier: (req: OverrideTierRequest) => call<null>("override_tier", { req }),
  reviewTiers: () => call<ReviewReport>("review_tiers"),
  topUp: (req: TopUpRequest) => call<Membership>("top_up", { req }),
  refundStoredValue: (req: RefundRequest) => call<Membership>("refund_stored_value", { req }),
  sellPackage: (req: SellPackageRequest) => call<Membership>("sell_package", { req }),
  customerMembership: (id: number) => call<Membership>("customer_membership", { req: id }),
  membershipReport: () => call<MembershipReport>("membership_report"),
  exportMembershipReport: () => call<ReportFile>("export_membership_report"),
  getMembershipSettings: () => call<MembershipSettings>("get_membership_settings"),
  updateMembershipSettings: (months: number) =>
    call<MembershipSettings>("update_membership_settings", { req: months }),
  reviewTiersIfDue: () => call<ReviewReport | null>("review_tiers_if_due"),
  /** Follow an import's progress; returns a function that stops listening. */
  onImportProgress: async (cb: (p: ImportProgress) => void): Promise<() => void> => {
    return listen<ImportProgress>("import-progress", (e) => cb(e.payload));
  },
};

/** A File's bytes as base64, for the import commands. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export type Api = typeof api;
