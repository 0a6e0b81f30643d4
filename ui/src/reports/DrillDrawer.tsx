// 明细: the visits behind a figure of a report, a page at a time (the core
// counts and pages them by the figure's own rules).
import { Drawer, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportVisit } from "../bindings/ReportVisit";
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
      {drill && <DrillTable key={JSON.stringify([period, drill.filter])} period={period} drill={drill} onOpenCustomer={onOpenCustomer} />}
    </Drawer>
  );
}

function DrillTable({ period, drill, onOpenCustomer }: { period: DatePeriod; drill: Drill; onOpenCustomer?: (id: number) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, page_size: 20 });
  const { data, error, loading, reload } = useReport("report_visits", { ...period, filter: drill.filter, ...page });
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
          pagination={{
            current: page.page,
            pageSize: page.page_size,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => t("reports.total", { n }),
            onChange: (p, size) => setPage({ page: size === page.page_size ? p : 1, page_size: size }),
          }}
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
