// The print queue in the header: a printer button with a red count of the
// jobs that failed (a failed slip is never lost), and a list of the recent
// jobs with their state, the reason of a failure, 重新打印 and 取消.
import { PrinterOutlined } from "@ant-design/icons";
import { Badge, Button, Empty, Popover, Space, Tag, Tooltip, Typography } from "antd";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { PrintJob } from "../bindings/PrintJob";
import { formatDateTime } from "../time";
import { STATE_COLOR, canCancel, canRetry, failureReason, isActive, jobsStore, printerName } from "./jobs";
import { refreshJobs, usePrint } from "./usePrint";

/** How often the open list looks again while a job is on its way. */
const WATCH_MS = 1_000;

function JobRow({ job }: { job: PrintJob }) {
  const { t, i18n } = useTranslation();
  const { retry, cancel } = usePrint();
  return (
    <div className="fd-print-job" data-testid={`print-job-${job.id}`} data-state={job.state}>
      <div className="fd-print-job-main">
        <Space size={6} style={{ minWidth: 0 }}>
          <Tag color={STATE_COLOR[job.state]} variant="filled" data-testid="print-job-state">
            {t(`print.states.${job.state}`)}
          </Tag>
          <Typography.Text strong ellipsis={{ tooltip: job.title }} style={{ maxWidth: 250 }}>
            {job.title}
          </Typography.Text>
        </Space>
        <Space size={4}>
          {canRetry(job.state) && (
            <Button size="small" type={job.state === "failed" ? "primary" : "default"} onClick={() => void retry(job)} data-testid="print-job-retry">
              {t("print.queue.retry")}
            </Button>
          )}
          {canCancel(job.state) && (
            <Button size="small" onClick={() => void cancel(job)} data-testid="print-job-cancel">
              {t("print.queue.cancel")}
            </Button>
          )}
        </Space>
      </div>
      <Typography.Text type="secondary" className="fd-print-job-meta">
        {printerName(t, job.target)} · {t("print.queue.copies", { n: job.copies })} · {formatDateTime(job.updated_at, i18n.language)} · {job.requested_by}
      </Typography.Text>
      {job.state === "failed" && (
        <Typography.Text type="danger" className="fd-print-job-meta" data-testid="print-job-error">
          {failureReason(t, job)}
        </Typography.Text>
      )}
    </div>
  );
}

export function PrintQueue() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const jobs = useSyncExternalStore(jobsStore.subscribe, jobsStore.get);
  const failed = (jobs ?? []).filter((j) => j.state === "failed").length;
  const active = (jobs ?? []).some((j) => isActive(j.state));

  useEffect(() => {
    void refreshJobs();
  }, []);
  // While the list is open and something is printing, keep it current.
  useEffect(() => {
    if (!open) return;
    void refreshJobs();
    if (!active) return;
    const timer = setInterval(() => void refreshJobs(), WATCH_MS);
    return () => clearInterval(timer);
  }, [open, active]);

  const list = (
    <div className="fd-print-queue" data-testid="print-queue">
      {failed > 0 && (
        <Typography.Text type="danger" strong style={{ display: "block", marginBottom: 8 }}>
          {t("print.queue.failedCount", { n: failed })}
        </Typography.Text>
      )}
      {!jobs || jobs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("print.queue.empty")} />
      ) : (
        jobs.map((j) => <JobRow key={j.id} job={j} />)
      )}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t("print.queue.title")}
      content={list}
      destroyOnHidden
    >
      <Tooltip title={open ? null : t("print.queue.button")}>
        <Badge count={failed} size="small" dot={failed === 0 && active} color={failed === 0 ? "#1677ff" : undefined} offset={[-4, 4]}>
          <Button icon={<PrinterOutlined />} data-testid="print-queue-button" data-failed={failed} />
        </Badge>
      </Tooltip>
    </Popover>
  );
}
