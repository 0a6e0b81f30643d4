// What the report tabs share: loading a report for the period, the tab's
// toolbar (导出 CSV, 打印), a figure that may open the visits behind it, and
// the loading, empty and failed states.
import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Empty, Space, Spin, Statistic, Typography } from "antd";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type CommandName, type RequestOf, type ResponseOf, call } from "../api/client";
import { errorText } from "../api/errors";
import type { ReportRequest } from "../bindings/ReportRequest";
import type { Session } from "../bindings/Session";
import type { CareRowKind } from "../bindings/CareRowKind";
import type { MoneyRowKind } from "../bindings/MoneyRowKind";
import type { VisitFilter } from "../bindings/VisitFilter";
import { PrintButton } from "../printing/PrintButton";

type Loaded<T> = { key: string; data: T | null; error: unknown };

/**
 * A command's answer for a request, fetched again whenever the request
 * changes (compared by value) or `reload` is called. The last answer stays
 * shown while the next one loads; an answer to an older request is dropped.
 */
export function useReport<K extends CommandName>(name: K, req: RequestOf<K>) {
  const key = JSON.stringify(req);
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<Loaded<ResponseOf<K>>>({ key: "", data: null, error: null });
  const asked = `${key}#${nonce}`;
  useEffect(() => {
    let live = true;
    const run = call as (n: K, r: unknown) => Promise<ResponseOf<K>>;
    run(name, JSON.parse(key)).then(
      (data) => live && setState({ key: asked, data, error: null }),
      (error: unknown) => live && setState((s) => ({ key: asked, data: s.data, error })),
    );
    return () => {
      live = false;
    };
  }, [name, key, asked]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.key === asked ? state.error : null, loading: state.key !== asked, reload };
}

/** A report's answer: the spinner over the last one while loading, the reason when it failed. */
export function ReportBody({
  loading,
  error,
  hasData,
  empty,
  onRetry,
  children,
}: {
  loading: boolean;
  error: unknown;
  hasData: boolean;
  /** Nothing happened in the period: "本期间没有数据" instead of a page of zeros. */
  empty?: boolean;
  onRetry: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(t, error)}
        action={
          <Button size="small" onClick={onRetry}>
            {t("reports.retry")}
          </Button>
        }
        data-testid="report-error"
      />
    );
  }
  if (!hasData) {
    return (
      <div className="fd-report-loading">
        <Spin description={t("reports.loading")} />
      </div>
    );
  }
  return (
    <Spin spinning={loading} delay={200}>
      {empty && <NoData />}
      {children}
    </Spin>
  );
}

/** 本期间没有数据. */
export function NoData({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={t("reports.empty")}
      style={compact ? { margin: "8px 0" } : undefined}
      data-testid="report-empty"
    />
  );
}

/** A tab's toolbar: its own controls on the left, 导出 CSV and 打印 on the right. */
export function ReportToolbar({
  children,
  report,
  session,
  print,
}: {
  children?: ReactNode;
  /** What 导出 CSV writes (and 打印 prints, unless `print` says otherwise). */
  report: ReportRequest;
  session: Session;
  print?: Parameters<typeof PrintButton>[0]["document"];
}) {
  const { t } = useTranslation();
  return (
    <div className="fd-report-toolbar">
      <Space wrap size={8}>
        {children}
      </Space>
      <Space size={8}>
        <ExportButton report={report} />
        <PrintButton document={print ?? { kind: "report", report }} session={session} label={t("reports.print")} testId="report-print" />
      </Space>
    </div>
  );
}

/** 导出 CSV: the report written to the exports folder, its path told. */
export function ExportButton({ report, label, testId }: { report: ReportRequest; label?: string; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      const r = await call("export_report", report);
      void message.success({ content: <span data-testid="report-exported">{t("reports.exported", { path: r.path })}</span> }, 8);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void go()} data-testid={testId ?? "report-export"}>
      {label ?? t("reports.export")}
    </Button>
  );
}

/** A figure's drill-down: the visits behind it, under this title. */
/** What a figure opens: the visits it counts, its money rows, or its follow-ups and complaints. */
export type Drill =
  | { title: string; filter: VisitFilter }
  | { title: string; money: MoneyRowKind }
  | { title: string; care: CareRowKind };

/** A figure that opens something: a link reached with Tab and opened with Enter or Space too. */
export function DrillLink({
  onOpen,
  testId,
  strong,
  className,
  children,
}: {
  onOpen: () => void;
  testId?: string;
  strong?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Typography.Link
      role="button"
      tabIndex={0}
      strong={strong}
      className={className}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onOpen();
        }
      }}
      data-testid={testId}
    >
      {children}
    </Typography.Link>
  );
}

/** A headline figure; a count of visits opens them when clicked. */
export function Figure({
  title,
  value,
  drill,
  onDrill,
  testId,
  suffix,
}: {
  title: ReactNode;
  value: number | string;
  drill?: Drill;
  onDrill?: (d: Drill) => void;
  testId?: string;
  suffix?: ReactNode;
}) {
  const clickable = drill && onDrill;
  return (
    <Statistic
      title={title}
      value={value}
      suffix={suffix}
      styles={{ content: { fontSize: 22 } }}
      formatter={(v) =>
        clickable ? (
          <DrillLink onOpen={() => onDrill(drill)} className="fd-report-figure-link" testId={testId ? `drill-${testId}` : undefined}>
            {v}
          </DrillLink>
        ) : (
          <span data-testid={testId ? `figure-${testId}` : undefined}>{v}</span>
        )
      }
      data-testid={testId ? `stat-${testId}` : undefined}
    />
  );
}

/** A secondary figure on one line: its label on the left, its value on the right. */
export function Line({
  label,
  value,
  drill,
  onDrill,
  testId,
  strong,
  indent,
}: {
  label: ReactNode;
  value: ReactNode;
  drill?: Drill;
  onDrill?: (d: Drill) => void;
  testId?: string;
  strong?: boolean;
  indent?: boolean;
}) {
  const clickable = drill && onDrill;
  return (
    <div className={`fd-report-line${indent ? " fd-report-line-indent" : ""}`}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {clickable ? (
        <DrillLink onOpen={() => onDrill(drill)} strong={strong} testId={testId ? `drill-${testId}` : undefined}>
          {value}
        </DrillLink>
      ) : (
        <Typography.Text strong={strong} data-testid={testId ? `figure-${testId}` : undefined}>
          {value}
        </Typography.Text>
      )}
    </div>
  );
}
