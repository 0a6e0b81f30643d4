// 明细: the visits behind a figure of a report, or its money rows (top-ups,
// refunds, packages sold), or its follow-ups and complaints, a page at a time (the core counts and pages them
// by the figure's own rules).
import { Drawer, Table, Tag, Typography } from "antd";
import type { TablePaginationConfig } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportVisit } from "../bindings/ReportVisit";
import type { CareRow } from "../bindings/CareRow";
import type { CareRowKind } from "../bindings/CareRowKind";
import type { MoneyRow } from "../bindings/MoneyRow";
import type { MoneyRowKind } from "../bindings/MoneyRowKind";
import type { VisitFilter } from "../bindings/VisitFilter";
import type { VisitStatus } from "../bindings/VisitStatus";
import { formatFen } from "../money";
import type { DatePeriod } from "../time";
import { type Drill, DrillLink, NoData, ReportBody, useReport } from "./parts";

const STATUS_COLOR: Record<VisitStatus, string> = {
  open: "processing",
  checked_out: "success",
  cancelled: "default",
  voided: "error",
};

/** The drawer of the visits behind `drill` while it is not null. */
export function DrillDrawer({
  period,
  drill,
  onClose,
  onOpenCustomer,
}: {
  period: DatePeriod;
  drill: Drill | null;
  onClose: () => void;
  onOpenCustomer?: (id: number) => void;
}) {
  return (
    <Drawer open={drill !== null} size={920} title={drill?.title} onClose={onClose} destroyOnHidden>
      {drill &&
        ("care" in drill ? (
          <CareTable key={JSON.stringify([period, drill.care])} period={period} kind={drill.care} onOpenCustomer={onOpenCustomer} />
        ) : "money" in drill ? (
          <MoneyTable key={JSON.stringify([period, drill.money])} period={period} kind={drill.money} onOpenCustomer={onOpenCustomer} />
        ) : (
          <DrillTable key={JSON.stringify([period, drill.filter])} period={period} filter={drill.filter} onOpenCustomer={onOpenCustomer} />
        ))}
    </Drawer>
  );
}

function DrillTable({ period, filter, onOpenCustomer }: { period: DatePeriod; filter: VisitFilter; onOpenCustomer?: (id: number) => void }) {
  const { t } = useTranslation();
  const pager = usePager();
  const { data, error, loading, reload } = useReport("report_visits", { ...period, filter, ...pager.page });
  const rating = (n: number | null) => (n === null ? "—" : n === 0 ? t("reports.drill.unknownRating") : String(n));
  return (
    <div data-testid="drill-drawer">
      <Typography.Paragraph type="secondary">
        {t("reports.drill.period", { from: period.from, to: period.to, n: data?.total ?? 0 })}
      </Typography.Paragraph>
      <ReportBody loading={loading} error={error} hasData={data !== null} onRetry={reload}>
        <Table<ReportVisit>
          size="small"
          rowKey="visit_id"
          dataSource={data?.rows ?? []}
          locale={{ emptyText: <NoData compact /> }}
          data-testid="drill-table"
          pagination={pager.props(data?.total ?? 0)}
          columns={[
            { title: t("reports.drill.slip"), render: (_, v) => v.slip_no ?? "—", width: 125 },
            { title: t("reports.drill.at"), dataIndex: "at", width: 135 },
            {
              title: t("reports.drill.customer"),
              render: (_, v) =>
                v.customer_id !== null && onOpenCustomer ? (
                  <DrillLink onOpen={() => onOpenCustomer(v.customer_id as number)}>{v.customer}</DrillLink>
                ) : (
                  v.customer
                ),
            },
            { title: t("reports.drill.stylist"), render: (_, v) => v.stylist ?? "—" },
            {
              title: t("reports.drill.status"),
              width: 80,
              render: (_, v) => (
                <Tag color={STATUS_COLOR[v.status]} variant="filled">
                  {t(`visit.status.${v.status}`)}
                </Tag>
              ),
            },
            { title: t("reports.drill.total"), align: "right", width: 100, render: (_, v) => formatFen(v.total) },
            {
              title: t("reports.drill.rating"),
              width: 210,
              render: (_, v) =>
                v.service_rating === null && v.stylist_rating === null
                  ? "—"
                  : t("reports.drill.ratings", { service: rating(v.service_rating), stylist: rating(v.stylist_rating) }),
            },
          ]}
        />
      </ReportBody>
    </div>
  );
}

/** The money rows behind a top-up, refund or package figure. */
function MoneyTable({ period, kind, onOpenCustomer }: { period: DatePeriod; kind: MoneyRowKind; onOpenCustomer?: (id: number) => void }) {
  const { t } = useTranslation();
  const pager = usePager();
  const { data, error, loading, reload } = useReport("money_rows", { ...period, kind, ...pager.page });
  const method = (m: string) => (m === "" ? "—" : m === "stored_value" ? t("reports.money.storedValue") : t(`visit.visit.methods.${m}`));
  return (
    <div data-testid="money-drawer">
      <Typography.Paragraph type="secondary">
        {t("reports.money.period", { from: period.from, to: period.to, n: data?.total ?? 0, amount: formatFen(data?.amount ?? 0) })}
      </Typography.Paragraph>
      <ReportBody loading={loading} error={error} hasData={data !== null} onRetry={reload}>
        <Table<MoneyRow>
          size="small"
          rowKey={(r) => `${r.at}-${r.customer_id}-${r.amount}-${r.what}`}
          dataSource={data?.rows ?? []}
          locale={{ emptyText: <NoData compact /> }}
          data-testid="money-table"
          pagination={pager.props(data?.total ?? 0)}
          columns={[
            { title: t("reports.money.at"), dataIndex: "at", width: 140 },
            {
              title: t("reports.money.customer"),
              render: (_, r) => (onOpenCustomer ? <DrillLink onOpen={() => onOpenCustomer(r.customer_id)}>{r.customer}</DrillLink> : r.customer),
            },
            ...(kind === "package_sales" ? [{ title: t("reports.money.what"), dataIndex: "what" }] : []),
            { title: t("reports.money.method"), width: 110, render: (_, r) => method(r.method) },
            { title: t("reports.money.amount"), align: "right" as const, width: 120, render: (_, r) => formatFen(r.amount) },
            { title: t("reports.money.staff"), width: 130, dataIndex: "staff" },
          ]}
        />
      </ReportBody>
    </div>
  );
}

/** The follow-ups or complaints behind an after-care figure. */
function CareTable({ period, kind, onOpenCustomer }: { period: DatePeriod; kind: CareRowKind; onOpenCustomer?: (id: number) => void }) {
  const { t } = useTranslation();
  const pager = usePager();
  const { data, error, loading, reload } = useReport("care_rows", { ...period, kind, ...pager.page });
  const complaint = kind.startsWith("complaints");
  const what = (r: CareRow) => (complaint ? t(`complaints.kind.${r.what}`) : t(`followups.reason.${r.what}`));
  const status = (r: CareRow) => (complaint ? t(`complaints.status.${r.status}`) : t(`reports.care.status.${r.status}`));
  return (
    <div data-testid="care-drawer">
      <Typography.Paragraph type="secondary">{t("reports.care.period", { from: period.from, to: period.to, n: data?.total ?? 0 })}</Typography.Paragraph>
      <ReportBody loading={loading} error={error} hasData={data !== null} onRetry={reload}>
        <Table<CareRow>
          size="small"
          rowKey={(r) => `${r.at}-${r.customer_id ?? 0}-${r.what}-${r.due}-${r.staff}`}
          dataSource={data?.rows ?? []}
          locale={{ emptyText: <NoData compact /> }}
          data-testid="care-table"
          pagination={pager.props(data?.total ?? 0)}
          columns={[
            { title: t("reports.care.at"), dataIndex: "at", width: 140 },
            {
              title: t("reports.care.customer"),
              render: (_, r) =>
                r.customer_id !== null && onOpenCustomer ? (
                  <DrillLink onOpen={() => onOpenCustomer(r.customer_id as number)}>{r.customer}</DrillLink>
                ) : (
                  r.customer || "—"
                ),
            },
            { title: t("reports.care.what"), render: (_, r) => what(r) },
            { title: t("reports.care.status.title"), width: 100, render: (_, r) => status(r) },
            { title: complaint ? t("reports.care.answerDue") : t("reports.care.due"), dataIndex: "due", width: 140 },
            { title: complaint ? t("reports.care.takenBy") : t("reports.care.assigned"), dataIndex: "staff", width: 120 },
          ]}
        />
      </ReportBody>
    </div>
  );
}

/** A drawer table's page (20 rows to start), asked of the core, and the
 * pagination that moves it: a new page size goes back to the first page. */
function usePager() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, page_size: 20 });
  const props = (total: number): TablePaginationConfig => ({
    current: page.page,
    pageSize: page.page_size,
    total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (n) => t("reports.total", { n }),
    onChange: (p, size) => setPage({ page: size === page.page_size ? p : 1, page_size: size }),
  });
  return { page, props };
}
