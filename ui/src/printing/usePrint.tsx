// Printing from any screen: print(document) puts it in the print queue and
// returns at once; the job is followed in the background (the desk never
// waits on a printer) and a toast says how it went: 已发送到打印机, or the
// reason with the printer's name and a 重新打印 button. A failed job also
// stays in the header's print queue until it is printed or cancelled.
import { App, Button } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { useFailureToast } from "../api/errors";
import type { DocumentRequest } from "../bindings/DocumentRequest";
import type { PrintJob } from "../bindings/PrintJob";
import type { PrinterTarget } from "../bindings/PrinterTarget";
import { failureReason, followJob, jobsStore } from "./jobs";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type PrintOptions = { target?: PrinterTarget | null; copies?: number | null };

export type Printer = {
  /** Queue a document; the job as queued, or null when the core refused (a toast says why). */
  print: (document: DocumentRequest, options?: PrintOptions) => Promise<PrintJob | null>;
  /** Print a failed, cancelled or sent job again. */
  retry: (job: PrintJob) => Promise<PrintJob | null>;
  cancel: (job: PrintJob) => Promise<PrintJob | null>;
};

/** Refresh the queue the header shows. */
export function refreshJobs(): Promise<void> {
  return call("print_jobs").then(jobsStore.set, () => {});
}

export function usePrint(): Printer {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const fail = useFailureToast();

  return useMemo(() => {
    const follow = async (queued: PrintJob) => {
      jobsStore.upsert(queued);
      const r = await followJob(queued.id, {
        jobs: () => call("print_jobs"),
        sleep,
        now: () => performance.now(),
        seen: jobsStore.set,
      });
      const job = r.job ?? queued;
      switch (r.outcome) {
        case "sent":
          void message.success({ content: t("print.sent", { title: job.title }), key: `print-${job.id}` });
          break;
        case "failed": {
          const key = `print-failed-${job.id}`;
          notification.error({
            key,
            placement: "bottomRight",
            // Stays until it is printed again or closed.
            duration: 0,
            title: <span data-testid="print-failed-toast">{t("print.failed", { reason: failureReason(t, job) })}</span>,
            description: job.title,
            actions: (
              <Button
                type="primary"
                size="small"
                onClick={() => {
                  notification.destroy(key);
                  void retry(job);
                }}
                data-testid="print-failed-retry"
              >
                {t("print.reprint")}
              </Button>
            ),
          });
          break;
        }
        case "timeout":
          void message.info(t("print.slow", { title: job.title }), 6);
          break;
        case "cancelled":
          break;
      }
    };
    const print = async (document: DocumentRequest, options?: PrintOptions) => {
      try {
        const job = await call("print_document", { document, target: options?.target ?? null, copies: options?.copies ?? null });
        void follow(job);
        return job;
      } catch (e) {
        fail(e);
        return null;
      }
    };
    const retry = async (job: PrintJob) => {
      try {
        const again = await call("retry_print_job", job.id);
        void follow(again);
        return again;
      } catch (e) {
        fail(e);
        void refreshJobs();
        return null;
      }
    };
    const cancel = async (job: PrintJob) => {
      try {
        const done = await call("cancel_print_job", job.id);
        notification.destroy(`print-failed-${job.id}`);
        jobsStore.upsert(done);
        return done;
      } catch (e) {
        fail(e);
        void refreshJobs();
        return null;
      }
    };
    return { print, retry, cancel };
  }, [t, message, notification, fail]);
}
