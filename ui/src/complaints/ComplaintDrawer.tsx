import { ArrowUpOutlined, CheckOutlined, MessageOutlined, ToolOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Input, Skeleton, Space, Tag, Timeline, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { ActionKind } from "../bindings/ActionKind";
import type { Complaint } from "../bindings/Complaint";
import { formatDateTime } from "../time";
import { AnswerClockTag, LevelTag, SeverityTag } from "./complaintTags";
import { nextLevel } from "./complaints";
import { errorText, showError } from "../api/errors";
import { PrintButton } from "../printing/PrintButton";

const ACTION_COLOR: Record<ActionKind, string> = { action: "blue", answer: "green", escalate: "orange", close: "gray" };

/**
 * One complaint: what she said, what was done (处理措施), the answer, the
 * escalations (前台 → 主管 → 店长), and closing it with the result (处理结果)
 * and her reaction (顾客反应).
 */
export function ComplaintDrawer({
  id,
  now,
  onClose,
  onChanged,
  onOpenCustomer,
  onOpenVisit,
}: {
  id: number;
  now: number;
  onClose: () => void;
  onChanged: (c: Complaint) => void;
  onOpenCustomer: (id: number) => void;
  onOpenVisit: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [complaint, setComplaint] = useState<Complaint | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call("get_complaint", id).then(setComplaint, (e) => setError(errorText(t, e)));
  }, [id, t]);

  const changed = (c: Complaint) => {
    setComplaint(c);
    onChanged(c);
  };

  return (
    <Drawer
      open
      size={680}
      onClose={onClose}
      title={
        complaint
          ? t("complaints.drawerTitle", {
              id: complaint.id,
              name: complaint.customer_id === null ? t("complaints.noCustomer") : complaint.customer_name,
            })
          : t("complaints.title")
      }
      extra={
        complaint && (
          <Space>
            <LevelTag level={complaint.level} />
            <PrintButton document={{ kind: "complaint", complaint_id: complaint.id }} testId="complaint-print" />
          </Space>
        )
      }
      data-testid="complaint-drawer"
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!complaint && !error && <Skeleton active />}
      {complaint && (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Facts complaint={complaint} now={now} onOpenCustomer={onOpenCustomer} onOpenVisit={onOpenVisit} />
          <Card size="small" title={t("complaints.description")}>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0, fontSize: 15 }}>
              {complaint.description}
            </Typography.Paragraph>
          </Card>
          <History complaint={complaint} />
          {complaint.open ? (
            <>
              <ActionForm complaint={complaint} onChanged={changed} />
              <CloseForm complaint={complaint} onChanged={changed} />
            </>
          ) : (
            <Card size="small" title={t("complaints.closedTitle")} data-testid="complaint-closed">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: "result", label: t("complaints.result"), children: complaint.result },
                  { key: "reaction", label: t("complaints.reaction"), children: complaint.reaction || "–" },
                  {
                    key: "closed",
                    label: t("complaints.closedAt"),
                    children: complaint.closed_at === null ? "–" : <DateTime ms={complaint.closed_at} />,
                  },
                ]}
              />
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  );
}

function DateTime({ ms }: { ms: number }) {
  const { i18n } = useTranslation();
  return <>{formatDateTime(ms, i18n.language)}</>;
}

function Facts({
  complaint: c,
  now,
  onOpenCustomer,
  onOpenVisit,
}: {
  complaint: Complaint;
  now: number;
  onOpenCustomer: (id: number) => void;
  onOpenVisit: (id: number) => void;
}) {
  const { t } = useTranslation();
  const staff = (s: Complaint["about"]) => (s ? `${s.staff_no} ${s.name}` : "–");
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      items={[
        {
          key: "customer",
          label: t("complaints.customer"),
          children:
            c.customer_id === null ? (
              t("complaints.noCustomer")
            ) : (
              <Typography.Link onClick={() => onOpenCustomer(c.customer_id as number)}>{c.customer_name}</Typography.Link>
            ),
        },
        {
          key: "visit",
          label: t("complaints.visit"),
          children:
            c.visit_id === null ? (
              "–"
            ) : (
              <Typography.Link onClick={() => onOpenVisit(c.visit_id as number)} data-testid="complaint-visit">
                {t("complaints.openVisit")}
              </Typography.Link>
            ),
        },
        { key: "channel", label: t("complaints.channelLabel"), children: t(`complaints.channel.${c.channel}`) },
        {
          key: "kind",
          label: t("complaints.kindLabel"),
          children: (
            <Space size={4} wrap>
              {t(`complaints.kind.${c.kind}`)}
              {c.from_rating && <Tag>{t("complaints.fromRating")}</Tag>}
            </Space>
          ),
        },
        { key: "severity", label: t("complaints.severityLabel"), children: <SeverityTag severity={c.severity} /> },
        { key: "level", label: t("complaints.levelLabel"), children: <LevelTag level={c.level} /> },
        { key: "about", label: t("complaints.about"), children: staff(c.about) },
        { key: "taken", label: t("complaints.takenBy"), children: staff(c.taken_by) },
        { key: "opened", label: t("complaints.openedAt"), children: <DateTime ms={c.opened_at} /> },
        {
          key: "due",
          label: t("complaints.deadline"),
          children: (
            <Space size={4} wrap>
              <DateTime ms={c.answer_due_at} />
              <AnswerClockTag complaint={c} now={now} />
            </Space>
          ),
        },
        {
          key: "answered",
          label: t("complaints.answeredAt"),
          span: 2,
          children: c.answered_at === null ? t("complaints.notAnswered") : <DateTime ms={c.answered_at} />,
        },
      ]}
    />
  );
}

function History({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("complaints.history")}>
      {complaint.actions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("complaints.noActions")} />
      ) : (
        <Timeline
          items={complaint.actions.map((a, i) => ({
            key: i,
            color: ACTION_COLOR[a.kind],
            content: (
              <Space orientation="vertical" size={0} data-testid={`complaint-action-${i}`}>
                <Space size={8} wrap>
                  <Tag color={ACTION_COLOR[a.kind]}>{t(`complaints.actionKind.${a.kind}`)}</Tag>
                  <Typography.Text type="secondary">
                    <DateTime ms={a.at} /> · {a.staff}
                  </Typography.Text>
                </Space>
                <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{a.text}</Typography.Text>
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** Record an action taken, the answer given to her, or pass it up a level. */
function ActionForm({ complaint, onChanged }: { complaint: Complaint; onChanged: (c: Complaint) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState<ActionKind | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const next = nextLevel(complaint.level);

  const run = async (kind: ActionKind) => {
    let text: string;
    try {
      ({ text } = await form.validateFields());
    } catch {
      return;
    }
    setBusy(kind);
    setAlert(null);
    try {
      const c = await call("complaint_action", { id: complaint.id, kind, text: text.trim() });
      form.resetFields();
      message.success(
        kind === "escalate"
          ? t("complaints.escalated", { level: t(`complaints.level.${c.level}`) })
          : kind === "answer"
            ? t("complaints.answerSaved")
            : t("complaints.actionSaved"),
      );
      onChanged(c);
    } catch (e) {
      setAlert(showError(t, form, e, { text: "text" }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t("complaints.handle")}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false} name={`complaint-action-${complaint.id}`}>
        <Form.Item
          name="text"
          label={t("complaints.actionText")}
          extra={t("complaints.actionHelp")}
          rules={[{ required: true, whitespace: true, message: t("complaints.actionRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="complaint-action-text" />
        </Form.Item>
      </Form>
      <Space wrap>
        <Button icon={<ToolOutlined />} loading={busy === "action"} onClick={() => void run("action")} data-testid="complaint-add-action">
          {t("complaints.addAction")}
        </Button>
        <Button
          icon={<MessageOutlined />}
          loading={busy === "answer"}
          onClick={() => void run("answer")}
          data-testid="complaint-answer"
        >
          {t("complaints.recordAnswer")}
        </Button>
        <Button
          icon={<ArrowUpOutlined />}
          danger
          disabled={next === null}
          loading={busy === "escalate"}
          onClick={() => void run("escalate")}
          data-testid="complaint-escalate"
        >
          {next === null
            ? t("complaints.topLevel")
            : t("complaints.escalateTo", { level: t(`complaints.level.${next}`) })}
        </Button>
        <Typography.Text type="secondary">
          {t("complaints.currentLevel", { level: t(`complaints.level.${complaint.level}`) })}
        </Typography.Text>
      </Space>
    </Card>
  );
}

/** Close with the result (required: none is closed without one) and her reaction. */
function CloseForm({ complaint, onChanged }: { complaint: Complaint; onChanged: (c: Complaint) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ result: string; reaction?: string }>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  const close = async (v: { result: string; reaction?: string }) => {
    setBusy(true);
    setAlert(null);
    try {
      const c = await call("close_complaint", { id: complaint.id, result: v.result.trim(), reaction: (v.reaction ?? "").trim() });
      message.success(c.customer_id === null ? t("complaints.closed") : t("complaints.closedWithFollowup"));
      onChanged(c);
    } catch (e) {
      setAlert(showError(t, form, e, { result: "result", reaction: "reaction" }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t("complaints.closeTitle")}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void close(v)} name={`complaint-close-${complaint.id}`}>
        <Form.Item
          name="result"
          label={t("complaints.result")}
          rules={[{ required: true, whitespace: true, message: t("complaints.resultRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="complaint-result" />
        </Form.Item>
        <Form.Item name="reaction" label={t("complaints.reaction")}>
          <Input maxLength={500} placeholder={t("complaints.reactionPlaceholder")} data-testid="complaint-reaction" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" icon={<CheckOutlined />} loading={busy} data-testid="complaint-close">
            {t("complaints.close")}
          </Button>
          <Typography.Text type="secondary">{t("complaints.closeHelp")}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
