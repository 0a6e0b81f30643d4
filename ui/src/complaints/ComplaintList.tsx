import { Table, Tag, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { Complaint } from "../bindings/Complaint";
import { formatDateTime } from "../time";
import { AnswerClockTag, LevelTag, SeverityTag } from "./complaintTags";
import { answerClock } from "./complaints";

/** Complaints, open ones first with the nearest deadline on top. */
export function ComplaintList({
  complaints,
  loading,
  now,
  onOpen,
}: {
  complaints: Complaint[];
  loading: boolean;
  now: number;
  onOpen: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table<Complaint>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={complaints}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t("complaints.empty") }}
      data-testid="complaint-list"
      onRow={(c) => {
        const clock = answerClock(c, now);
        return {
          onClick: () => onOpen(c.id),
          onKeyDown: (e) => {
            if (e.key === "Enter") onOpen(c.id);
          },
          tabIndex: 0,
          style: { cursor: "pointer", background: c.open && clock.late ? "#fff1f0" : undefined },
          "data-testid": `complaint-row-${c.id}`,
        } as HTMLAttributes<HTMLElement>;
      }}
      columns={[
        {
          title: t("complaints.openedAt"),
          dataIndex: "opened_at",
          width: 150,
          render: (ms: number) => formatDateTime(ms, i18n.language),
        },
        {
          title: t("complaints.customer"),
          dataIndex: "customer_name",
          render: (name: string, c) => (
            <Typography.Text strong>
              {c.customer_id === null ? t("complaints.noCustomer") : name}
            </Typography.Text>
          ),
        },
        {
          title: t("complaints.kindLabel"),
          dataIndex: "kind",
          render: (k: Complaint["kind"]) => t(`complaints.kind.${k}`),
        },
        { title: t("complaints.severityLabel"), dataIndex: "severity", render: (s: Complaint["severity"]) => <SeverityTag severity={s} /> },
        {
          title: t("complaints.deadline"),
          key: "deadline",
          render: (_, c) => <AnswerClockTag complaint={c} now={now} />,
        },
        { title: t("complaints.levelLabel"), dataIndex: "level", render: (l: Complaint["level"]) => <LevelTag level={l} /> },
        {
          title: t("complaints.about"),
          dataIndex: "about",
          render: (s: Complaint["about"]) => (s ? `${s.staff_no} ${s.name}` : <Typography.Text type="secondary">–</Typography.Text>),
        },
        {
          title: t("complaints.statusLabel"),
          dataIndex: "open",
          render: (open: boolean) =>
            open ? <Tag color="processing">{t("complaints.status.open")}</Tag> : <Tag>{t("complaints.status.closed")}</Tag>,
        },
      ]}
    />
  );
}
