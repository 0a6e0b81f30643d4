// The print queue as the desk sees it: who may print what, how a printer is
// named on screen, why a job failed, and following a job from the queue to
// the printer (the desk never waits on it: a toast says how it went).
import type { TFunction } from "i18next";
import type { DocGroup } from "../bindings/DocGroup";
import type { DocumentRequest } from "../bindings/DocumentRequest";
import type { JobState } from "../bindings/JobState";
import type { Permission } from "../bindings/Permission";
import type { PrintJob } from "../bindings/PrintJob";
import type { PrinterTarget } from "../bindings/PrinterTarget";

/** Who may print (or preview) a document: as the core decides (printing::permission). */
export function documentPermission(doc: DocumentRequest): Permission {
  switch (doc.kind) {
    case "slip":
    case "test_page":
      return "run_visits";
    case "care_plan":
      return "view_customers";
    case "handover":
    case "daily_close":
      return "handle_gifts";
    case "reconciliation":
      return "reconcile_gifts";
    case "daily_summary":
    case "report":
      return "view_reports";
    case "followups":
      return "make_follow_ups";
    case "complaint":
      return "handle_complaints";
  }
}

/** The group whose printer and copies a document takes (DocumentRequest::group). */
export function documentGroup(doc: DocumentRequest): DocGroup {
  switch (doc.kind) {
    case "slip":
    case "test_page":
      return "slip";
    case "care_plan":
      return "care_plan";
    case "handover":
    case "daily_close":
      return "sheet";
    case "reconciliation":
    case "daily_summary":
    case "report":
    case "followups":
    case "complaint":
      return "report";
  }
}

/** A printer as the desk names it: the queue's name, the receipt printer's address or device. */
export function printerName(t: TFunction, target: PrinterTarget): string {
  switch (target.kind) {
    case "system":
      return target.queue ?? t("print.target.systemDefault");
    case "esc_pos_tcp":
      return t("print.target.tcp", { host: target.host, port: target.port });
    case "esc_pos_file":
      return t("print.target.file", { path: target.path });
  }
}

const REASONS = ["not_found", "offline", "out_of_paper", "failed", "interrupted", "document"] as const;

/** Why a job failed, translated, naming its printer (the system's own words for anything else). */
export function failureReason(t: TFunction, job: Pick<PrintJob, "error_code" | "error" | "target">): string {
  const printer = `“${printerName(t, job.target)}”`;
  const code = (REASONS as readonly string[]).includes(job.error_code) ? job.error_code : "failed";
  return t(`print.reasons.${code}`, { printer });
}

export const STATE_COLOR: Record<JobState, string> = {
  queued: "default",
  printing: "processing",
  sent: "success",
  failed: "error",
  cancelled: "default",
};

/** Whether a job is still on its way to the printer. */
export const isActive = (s: JobState) => s === "queued" || s === "printing";

/** A failed or cancelled job goes back in the queue; a sent one prints again as a new job. */
export const canRetry = (s: JobState) => s === "failed" || s === "cancelled" || s === "sent";
export const canCancel = (s: JobState) => s === "queued" || s === "failed";

export type FollowOutcome =
  | { outcome: "sent" | "failed" | "cancelled"; job: PrintJob }
  | { outcome: "timeout"; job: PrintJob | null };

export type FollowDeps = {
  /** The newest jobs (print_jobs). */
  jobs: () => Promise<PrintJob[]>;
  sleep: (ms: number) => Promise<void>;
  /** A monotonic clock in ms. */
  now: () => number;
  /** Every answer of `jobs`, for the queue on screen. */
  seen?: (jobs: PrintJob[]) => void;
};

export const FOLLOW_EVERY_MS = 500;
export const FOLLOW_FOR_MS = 30_000;

/**
 * Follow job `id` until the printer took it (sent), it failed or was
 * cancelled, or `limit` ms went by (timeout: it may still print; the queue
 * shows it). A failed look at the queue is tried again on the next tick.
 */
export async function followJob(
  id: number,
  deps: FollowDeps,
  every = FOLLOW_EVERY_MS,
  limit = FOLLOW_FOR_MS,
): Promise<FollowOutcome> {
  const start = deps.now();
  let last: PrintJob | null = null;
  for (;;) {
    await deps.sleep(every);
    try {
      const jobs = await deps.jobs();
      deps.seen?.(jobs);
      const job = jobs.find((j) => j.id === id);
      if (job) {
        last = job;
        if (job.state === "sent" || job.state === "failed" || job.state === "cancelled") {
          return { outcome: job.state, job };
        }
      }
    } catch {
      // The next tick asks again; the deadline still holds.
    }
    if (deps.now() - start >= limit) return { outcome: "timeout", job: last };
  }
}

/** A tiny store of the queue as last seen, shared by the header's list and the toasts. */
type Listener = () => void;
let latest: PrintJob[] | null = null;
const listeners = new Set<Listener>();

export const jobsStore = {
  get: (): PrintJob[] | null => latest,
  set(jobs: PrintJob[]) {
    latest = jobs;
    for (const l of listeners) l();
  },
  /** Put one job in (a new or changed one) ahead of the next full look. */
  upsert(job: PrintJob) {
    const rest = (latest ?? []).filter((j) => j.id !== job.id);
    jobsStore.set([job, ...rest].sort((a, b) => b.id - a.id));
  },
  subscribe(l: Listener) {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
};
