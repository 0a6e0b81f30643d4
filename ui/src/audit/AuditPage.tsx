// 审计日志 (managers): who did what, when, with the values before and after,
// filtered by staff member, kind of record, customer and business dates;
// paged by the core, exported to CSV. Read-only: nothing here changes a row.
import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Select, Space, Table, Tag, Typography } from "antd";
import type { TablePaginationConfig } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorText } from "../api/errors";
import type { AuditFilter } from "../bindings/AuditFilter";
import type { AuditRow } from "../bindings/AuditRow";
import type { Session } from "../bindings/Session";
import type { StaffMember } from "../bindings/StaffMember";
import { CustomerPicker } from "../customers/CustomerPicker";
import { PeriodPicker, type ReportPeriod, periodOf } from "../reports/PeriodPicker";
import { NoData, ReportBody, useReport } from "../reports/parts";
import { can } from "../session/can";
import { ComingSoon } from "../shell/ComingSoon";
import { formatDateTime } from "../time";
import { KINDS, actionLabel, changeLines, changeText, kindLabel, kindOf } from "./format";

/** Actions in red: money or stock leaving, or a record undone. */
const ALERT = new Set(["visit.void", "stored_value.refund", "gift_item.destroy", "gift_item.damage", "voucher.destroy", "customer.erase"]);

export function AuditPage({ session, onOpenCustomer }: { session: Session; onOpenCustomer?: (id: number) => void }) {
  const { t } = useTranslation();
  if (!can(session, "view_audit")) return <ComingSoon name={t("audit.title")} />;
  return <Audit onOpenCustomer={onOpenCustomer} />;
}

function usePager() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, page_size: 20 });
  const props = (total: number): TablePaginationConfig => ({
    current: page.page,
    pageSize: page.page_size,
    total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (n) => t("audit.total", { n }),
    onChange: (p, size) => setPage({ page: size === page.page_size ? p : 1, page_size: size }),
  });
  return { page, props, reset: () => setPage((p) => ({ ...p, page: 1 })) };
}

function Audit({ onOpenCustomer }: { onOpenCustomer?: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<ReportPeriod>(() => periodOf("week"));
  const [staffId, setStaffId] = useState<number | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState<number | null>(null);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [exporting, setExporting] = useState(false);
  const pager = usePager();
  useEffect(() => {
    call("list_staff").then(setStaff, () => setStaff([]));
  }, []);
  const filter: AuditFilter = {
    staff_id: staffId,
    kind,
    action: null,
    customer_id: customerId,
    from: period.from,
    to: period.to,
  };
  const { data, error, loading, reload } = useReport("list_audit", { filter, ...pager.page });
  const narrow = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    pager.reset();
  };
  const exportCsv = async () => {
    setExporting(true);
    try {
      const r = await call("export_audit", filter);
      void message.success({ content: <span data-testid="audit-exported">{t("audit.exported", { path: r.path })}</span> }, 8);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card
      title={t("audit.title")}
      extra={<PeriodPicker value={period} onChange={narrow(setPeriod)} />}
      data-testid="audit-page"
      styles={{ body: { paddingTop: 12 } }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t("audit.hint")}
      </Typography.Paragraph>
      <div className="fd-report-toolbar" style={{ marginBottom: 12 }}>
        <Space wrap size={8}>
          <Select<number | null>
            value={staffId}
            onChange={narrow(setStaffId)}
            style={{ width: 170 }}
            showSearch={{ optionFilterProp: "label" }}
            aria-label={t("audit.filters.staff")}
            data-testid="audit-staff"
            options={[
              { value: null, label: t("audit.filters.allStaff") },
              ...staff.map((s) => ({ value: s.id, label: `${s.name} ${s.staff_no}` })),
            ]}
          />
          <Select<string | null>
            value={kind}
            onChange={narrow(setKind)}
            style={{ width: 150 }}
            showSearch={{ optionFilterProp: "label" }}
            aria-label={t("audit.filters.kind")}
            data-testid="audit-kind"
            options={[
              { value: null, label: t("audit.filters.allKinds") },
              ...KINDS.map((k) => ({ value: k, label: kindLabel(t, k) })),
            ]}
          />
          <div style={{ width: 240 }}>
            <CustomerPicker value={customerId} onChange={narrow(setCustomerId)} allowClear testId="audit-customer" />
          </div>
        </Space>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()} data-testid="audit-export">
          {t("audit.export")}
        </Button>
      </div>
      <ReportBody loading={loading} error={error} hasData={data !== null} onRetry={reload}>
        <Table<AuditRow>
          size="small"
          rowKey="id"
          dataSource={data?.rows ?? []}
          locale={{ emptyText: <NoData compact /> }}
          pagination={pager.props(Number(data?.total ?? 0))}
          data-testid="audit-table"
          onRow={(r) => ({ "data-testid": `audit-row-${r.action}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("audit.columns.at"),
              width: 150,
              render: (_, r) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(Number(r.at), i18n.language)}</span>,
            },
            {
              title: t("audit.columns.staff"),
              width: 120,
              render: (_, r) =>
                r.staff ? (
                  <span>
                    {r.staff.name} <Typography.Text type="secondary">{r.staff.staff_no}</Typography.Text>
                  </span>
                ) : (
                  <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>
                ),
            },
            {
              title: t("audit.columns.action"),
              width: 150,
              render: (_, r) => (
                <Tag color={ALERT.has(r.action) ? "error" : "default"} variant="filled">
                  {actionLabel(t, r.action)}
                </Tag>
              ),
            },
            {
              title: t("audit.columns.record"),
              width: 200,
              render: (_, r) => <RecordCell row={r} onOpenCustomer={onOpenCustomer} />,
            },
            {
              title: t("audit.columns.change"),
              render: (_, r) => {
                const lines = changeLines(t, r.before, r.after);
                if (lines.length === 0) return <Typography.Text type="secondary">{t("audit.noChange")}</Typography.Text>;
                return (
                  <div className="fd-audit-change" data-testid="audit-change">
                    {lines.map((l) => (
                      <div key={l.key}>{changeText(l)}</div>
                    ))}
                  </div>
                );
              },
            },
          ]}
        />
      </ReportBody>
    </Card>
  );
}

function RecordCell({ row, onOpenCustomer }: { row: AuditRow; onOpenCustomer?: (id: number) => void }) {
  const { t } = useTranslation();
  const kind = kindLabel(t, kindOf(row.action));
  const customer = row.customer;
  return (
    <div>
      {customer && (
        <div>
          {onOpenCustomer ? (
            <Typography.Link onClick={() => onOpenCustomer(Number(customer.id))}>{customer.name || t("audit.erased")}</Typography.Link>
          ) : (
            customer.name || t("audit.erased")
          )}
        </div>
      )}
      <Typography.Text type="secondary">
        {row.slip_no
          ? `${kind} · ${t("audit.slip", { no: row.slip_no })}`
          : row.entity_id !== null
            ? t("audit.record", { kind, id: row.entity_id })
            : kind}
      </Typography.Text>
    </div>
  );
}
