import { Alert, DatePicker, Progress, Space, Table, Typography } from "antd";
import { type Dayjs, wallNow } from "../time";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { FollowUpStaffStats } from "../bindings/FollowUpStaffStats";
import { isoDate } from "../common/dates";
import { permilleText, totalPermille } from "../common/numbers";
import { errorText } from "../api/errors";

type Row = FollowUpStaffStats & { key: string };

/** Completion rate (完成率) per staff member over the calls due in a period. */
export function FollowUpStats() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [wallNow().startOf("month"), wallNow().startOf("day")]);
  const [rows, setRows] = useState<{ key: string; rows: Row[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const from = isoDate(range[0]);
  const to = isoDate(range[1]);
  const key = `${from}/${to}`;

  useEffect(() => {
    const mine = ++seq.current;
    call("followup_stats", { from_date: from, to_date: to }).then(
      (list) => {
        if (mine !== seq.current) return;
        setRows({ key: `${from}/${to}`, rows: list.map((r, i) => ({ ...r, key: r.staff ? String(r.staff.id) : `none-${i}` })) });
        setError(null);
      },
      (e) => {
        if (mine === seq.current) setError(errorText(t, e));
      },
    );
  }, [from, to, t]);

  const data = rows?.rows ?? [];
  const total = totalPermille(data);
  const sum = (f: (r: Row) => number) => data.reduce((s, r) => s + f(r), 0);
  const rate = (permille: number) => (
    <Space>
      <Progress
        percent={permille / 10}
        showInfo={false}
        size="small"
        style={{ width: 100, margin: 0 }}
        strokeColor={permille >= 900 ? "#52c41a" : permille >= 700 ? "#faad14" : "#ff4d4f"}
      />
      <Typography.Text strong>{permilleText(permille)}</Typography.Text>
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="followup-stats">
      <Space wrap>
        <Typography.Text>{t("followups.statsPeriod")}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => {
            if (v && v[0] && v[1]) setRange([v[0], v[1]]);
          }}
          data-testid="followup-stats-range"
        />
        <Typography.Text type="secondary">{t("followups.statsHelp")}</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Row>
        rowKey="key"
        size="middle"
        loading={rows?.key !== key && !error}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: t("followups.statsEmpty") }}
        columns={[
          {
            title: t("followups.staff"),
            render: (_, r) => (r.staff ? `${r.staff.staff_no} ${r.staff.name}` : t("followups.unassigned")),
          },
          { title: t("followups.statsDue"), dataIndex: "due", align: "right" },
          { title: t("followups.statsDone"), dataIndex: "done", align: "right" },
          { title: t("followups.statsUnreachable"), dataIndex: "unreachable", align: "right" },
          { title: t("followups.statsWrongNumber"), dataIndex: "wrong_number", align: "right" },
          { title: t("followups.statsOpen"), dataIndex: "open", align: "right" },
          {
            title: t("followups.completion"),
            dataIndex: "completion_permille",
            render: (p: number) => rate(p),
          },
        ]}
        summary={() =>
          data.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t("followups.total")}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {sum((r) => r.due)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {sum((r) => r.done)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {sum((r) => r.unreachable)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {sum((r) => r.wrong_number)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {sum((r) => r.open)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6}>{rate(total)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Space>
  );
}
