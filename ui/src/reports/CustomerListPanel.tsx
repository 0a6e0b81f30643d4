// A list of customers to call back: 流失顾客 (not seen for N days) or 本月生日,
// paged by the core (a list may hold a hundred thousand customers), with
// one button that gives everyone on it a follow-up task.
import { App, Button, DatePicker, Form, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorText } from "../api/errors";
import type { CustomerListKind } from "../bindings/CustomerListKind";
import type { ListedCustomer } from "../bindings/ListedCustomer";
import type { Session } from "../bindings/Session";
import type { StaffMember } from "../bindings/StaffMember";
import { isoDate } from "../common/dates";
import { formatFen } from "../money";
import { PrintButton } from "../printing/PrintButton";
import { can } from "../session/can";
import { type Dayjs, day, shopToday } from "../time";
import { DrillLink, ExportButton, NoData, ReportBody, useReport } from "./parts";

/** The dormant spans offered; any other number of days is typed. */
export const DORMANT_DAYS = [30, 60, 90, 180] as const;

export function CustomerListPanel({
  list,
  session,
  onOpenCustomer,
  controls,
}: {
  list: CustomerListKind;
  session: Session;
  onOpenCustomer?: (id: number) => void;
  /** The list's own choice (the dormant days), left of the buttons. */
  controls?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, page_size: 20 });
  const [asking, setAsking] = useState(false);
  // Another list starts again from its first page.
  const listKey = JSON.stringify(list);
  const [shownList, setShownList] = useState(listKey);
  if (shownList !== listKey) {
    setShownList(listKey);
    setPage((p) => ({ ...p, page: 1 }));
  }
  const { data, error, loading, reload } = useReport("customer_list", { list, ...page });
  const total = data?.total ?? 0;
  const kind = list.kind;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <div className="fd-report-toolbar">
        <Space wrap size={8}>
          {controls}
          <Typography.Text type="secondary" data-testid={`list-total-${kind}`}>
            {t("reports.lists.total", { n: total })}
          </Typography.Text>
        </Space>
        <Space wrap size={8}>
          {can(session, "make_follow_ups") && (
            <Button type="primary" disabled={total === 0} onClick={() => setAsking(true)} data-testid={`list-followups-${kind}`}>
              {t("reports.lists.createFollowUps")}
            </Button>
          )}
          <ExportButton report={{ report: "customer_list", list }} label={t("reports.lists.export")} testId={`list-export-${kind}`} />
          <PrintButton document={{ kind: "report", report: { report: "customer_list", list } }} session={session} label={t("reports.lists.print")} testId={`list-print-${kind}`} />
        </Space>
      </div>
      <ReportBody loading={loading} error={error} hasData={data !== null} onRetry={reload}>
        <Table<ListedCustomer>
          size="small"
          rowKey="customer_id"
          dataSource={data?.rows ?? []}
          scroll={{ x: 980 }}
          locale={{ emptyText: <NoData compact /> }}
          data-testid={`list-table-${kind}`}
          pagination={{
            current: page.page,
            pageSize: page.page_size,
            total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t("reports.total", { n }),
            onChange: (p, size) => setPage({ page: size === page.page_size ? p : 1, page_size: size }),
          }}
          columns={[
            {
              title: t("reports.lists.name"),
              width: 110,
              fixed: "left",
              render: (_, c) => (onOpenCustomer ? <DrillLink onOpen={() => onOpenCustomer(c.customer_id)}>{c.name}</DrillLink> : c.name),
            },
            { title: t("reports.lists.phone"), dataIndex: "phone_masked", width: 120 },
            {
              title: t("reports.lists.tier"),
              width: 90,
              render: (_, c) => (
                <Tag color={c.tier_color} variant="filled">
                  {c.tier}
                </Tag>
              ),
            },
            { title: t("reports.lists.balance"), align: "right", width: 110, render: (_, c) => formatFen(c.balance) },
            { title: t("reports.lists.visits"), dataIndex: "visits", align: "right", width: 80 },
            ...(kind === "birthdays" ? [{ title: t("reports.lists.birthday"), width: 100, render: (_: unknown, c: ListedCustomer) => c.birthday ?? "—" }] : []),
            { title: t("reports.lists.lastVisit"), width: 100, render: (_, c) => c.last_visit ?? "—" },
            {
              title: t("reports.lists.daysSince"),
              align: "right",
              width: 90,
              render: (_, c) => (c.days_since === null ? "—" : t("reports.lists.days", { n: c.days_since })),
            },
            { title: t("reports.lists.lastStylist"), width: 120, render: (_, c) => c.last_stylist ?? "—" },
            {
              title: t("reports.lists.doNotContact"),
              width: 70,
              align: "center",
              render: (_, c) => (c.do_not_contact ? <Tag color="orange">{t("reports.lists.dnc")}</Tag> : null),
            },
          ]}
        />
      </ReportBody>
      {asking && (
        <FollowUpsModal
          list={list}
          count={total}
          session={session}
          onClose={(done) => {
            setAsking(false);
            if (done) reload();
          }}
        />
      )}
    </Space>
  );
}

/** 为名单创建回访任务: how many, when they are due and who calls; then what was made. */
function FollowUpsModal({
  list,
  count,
  session,
  onClose,
}: {
  list: CustomerListKind;
  count: number;
  session: Session;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const today = shopToday();
  const [due, setDue] = useState<Dayjs>(() => day(today));
  const [assignee, setAssignee] = useState<number>(session.staff_id);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Whoever makes calls at the desk: receptionists and managers still working here.
    call("list_staff").then(
      (all) => setStaff(all.filter((s) => s.active && s.role !== "stylist")),
      () => setStaff([]),
    );
  }, []);
  const ok = async () => {
    setBusy(true);
    try {
      const r = await call("list_follow_ups", { list, due_date: isoDate(due), assigned_to: assignee === session.staff_id ? null : assignee });
      void message.success(
        {
          content: (
            <span data-testid="list-followups-done">
              {t("reports.lists.created", { created: r.created, dnc: r.skipped_do_not_contact, open: r.skipped_already_open })}
            </span>
          ),
        },
        8,
      );
      onClose(true);
    } catch (e) {
      setError(errorText(t, e));
      setBusy(false);
    }
  };
  const options = staff.some((s) => s.id === session.staff_id)
    ? staff
    : [{ id: session.staff_id, staff_no: session.staff_no, name: session.name } as StaffMember, ...staff];
  return (
    <Modal
      open
      title={t("reports.lists.createFollowUps")}
      okText={t("reports.lists.createOk", { n: count })}
      onOk={() => void ok()}
      onCancel={() => onClose(false)}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "list-followups-ok" }}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="list-followups-count">
        {t(list.kind === "dormant" ? "reports.lists.confirmDormant" : "reports.lists.confirmBirthdays", { n: count })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t("reports.lists.skipNote")}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t("reports.lists.dueDate")}>
          <DatePicker value={due} onChange={(d) => d && setDue(d)} allowClear={false} disabledDate={(d) => isoDate(d) < today} />
        </Form.Item>
        <Form.Item label={t("reports.lists.assignee")}>
          <Select<number>
            value={assignee}
            onChange={setAssignee}
            style={{ width: 240 }}
            options={options.map((s) => ({ value: s.id, label: `${s.staff_no} ${s.name}` }))}
          />
        </Form.Item>
      </Form>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}

/** The dormant list's span: 30/60/90/180 days (with how many each holds) or a typed number. */
export function DormantDays({
  days,
  counts,
  onChange,
}: {
  days: number;
  counts: Map<number, number>;
  onChange: (days: number) => void;
}) {
  const { t } = useTranslation();
  const preset = (DORMANT_DAYS as readonly number[]).includes(days);
  const [custom, setCustom] = useState<boolean>(!preset);
  const [typed, setTyped] = useState<number | null>(preset ? null : days);
  return (
    <Space size={8} wrap>
      <Segmented<number | "custom">
        value={custom ? "custom" : days}
        onChange={(v) => {
          if (v === "custom") {
            setCustom(true);
          } else {
            setCustom(false);
            onChange(v);
          }
        }}
        options={[
          ...DORMANT_DAYS.map((n) => ({
            value: n,
            label: (
              <span data-testid={`dormant-days-${n}`}>
                {counts.has(n) ? t("reports.lists.daysCount", { n, count: counts.get(n) }) : t("reports.lists.days", { n })}
              </span>
            ),
          })),
          { value: "custom" as const, label: <span data-testid="dormant-days-custom">{t("reports.period.custom")}</span> },
        ]}
      />
      {custom && (
        <InputNumber<number>
          min={1}
          max={3650}
          precision={0}
          value={typed}
          onChange={setTyped}
          onPressEnter={() => typed && onChange(typed)}
          onBlur={() => typed && onChange(typed)}
          suffix={t("reports.lists.daysSuffix")}
          style={{ width: 120 }}
          data-testid="dormant-days-input"
        />
      )}
    </Space>
  );
}
