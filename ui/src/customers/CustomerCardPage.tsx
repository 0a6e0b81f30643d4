import {
  ArrowLeftOutlined,
  CrownOutlined,
  DeleteOutlined,
  EditOutlined,
  IdcardOutlined,
  SoundOutlined,
  WarningFilled,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from "antd";
import { startTransition, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { CustomerCard } from "../bindings/CustomerCard";
import type { CustomerFields } from "../bindings/CustomerFields";
import type { Session } from "../bindings/Session";
import type { StaffMember } from "../bindings/StaffMember";
import { CustomerForm } from "./CustomerForm";
import { CustomerTimeline } from "./CustomerTimeline";
import { afterPaint } from "../afterPaint";
import { cachedCard, prefetchCard, rememberCard } from "./cardCache";
import { MembershipPanel } from "../membership/MembershipPanel";
import { CustomerGiftsCard } from "../gifts/CustomerGiftsCard";
import { MeasurementTrend } from "../visits/MeasurementTrend";
import { CARD_FIELDS, type CardFormValues, ageOn, toFields, toFormValues } from "./cardForm";
import { formatDateTime } from "../time";
import { errorText, showError } from "../api/errors";
import { can, canAtDesk } from "../session/can";

export function CustomerCardPage({
  id,
  session,
  onBack,
  onOpenVisit,
}: {
  id: number;
  session: Session;
  onBack: () => void;
  onOpenVisit: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  // Usually asked for by the search before this page mounted (cardCache):
  // then her name paints in the first frame.
  const [cached] = useState(() => cachedCard(id));
  const [card, setCard] = useState<CustomerCard | null>(cached?.card ?? null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [formAlert, setFormAlert] = useState<string | null>(null);
  const [timelineKey, setTimelineKey] = useState(0);
  const [form] = Form.useForm<CardFormValues>();
  const canEdit = can(session, "edit_customers");
  const canCheckIn = can(session, "run_visits");
  const [openVisit, setOpenVisit] = useState<number | null>(null);

  useEffect(() => {
    call("customer_visit_summary", id).then((s) => setOpenVisit(s.open_visit_id), () => setOpenVisit(null));
  }, [id]);

  // 到店签到: F2 checks her in (or opens her visit in progress) from her card.
  const checkIn = useCallback(async () => {
    if (openVisit !== null) {
      onOpenVisit(openVisit);
      return;
    }
    try {
      const v = await call("check_in", { customer_id: id, walk_in_label: "", appointment_id: null });
      onOpenVisit(v.id);
    } catch (e) {
      void message.error(errorText(t, e));
    }
  }, [id, openVisit, onOpenVisit, message, t]);
  useEffect(() => {
    if (!canCheckIn) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "F2") {
        e.preventDefault();
        void checkIn();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canCheckIn, checkIn]);

  useEffect(() => {
    if (cached?.fresh) return;
    let live = true;
    prefetchCard(id)
      .then((c) => live && setCard(c))
      .catch((e) => live && setError(errorText(t, e)));
    return () => {
      live = false;
    };
  }, [id, t, cached]);

  const changed = useCallback((c: CustomerCard) => {
    rememberCard(c);
    setCard(c);
    setTimelineKey((k) => k + 1);
  }, []);

  const save = async (values: CardFormValues) => {
    setSaving(true);
    setFormAlert(null);
    try {
      changed(await call("update_customer", { id, card: toFields(values) }));
      message.success(t("card.saved"));
      setEditing(false);
    } catch (e) {
      setFormAlert(showError(t, form, e, CARD_FIELDS));
    } finally {
      setSaving(false);
    }
  };

  // The card paints in two steps: first what the desk needs the moment she
  // is at the counter (name, alert, greeting, phone), then, after that frame,
  // the panels below (membership, gifts, details, trend, history).
  const [full, setFull] = useState(false);
  const loaded = card !== null;
  useEffect(() => {
    if (!loaded || full) return;
    return afterPaint(() => startTransition(() => setFull(true)));
  }, [loaded, full]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!card) return <Skeleton active />;
  const f = card.card;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="customer-card">
      <Card
        styles={{ body: { paddingBottom: 12 } }}
        title={
          <span>
            <IdcardOutlined /> {t("customers.card")}
          </span>
        }
        extra={
          <Space>
            {canEdit && !card.erased && !editing && (
              <Button type="primary" onClick={() => void checkIn()} data-testid="card-check-in">
                {openVisit !== null ? t("visit.visit.inProgress") : t("visit.visit.checkIn")}{" "}
                <span style={{ opacity: 0.7 }}>F2</span>
              </Button>
            )}
            {canEdit && !card.erased && !editing && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="card-edit">
                {t("card.edit")}
              </Button>
            )}
            {can(session, "manage_vip") && !card.erased && <VipButton card={card} onChanged={changed} />}
            {canAtDesk(session, "erase_customers") && !card.erased && <EraseButton card={card} onErased={changed} />}
            <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
              {t("customers.back")}
            </Button>
          </Space>
        }
      >
        <CardHeader card={card} />
      </Card>

      {editing ? (
        <Card
          title={t("card.edit")}
          extra={
            <Space>
              <Button onClick={() => setEditing(false)}>{t("card.cancel")}</Button>
              <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="card-save">
                {t("card.save")}
              </Button>
            </Space>
          }
        >
          {formAlert && <Alert type="error" showIcon title={formAlert} style={{ marginBottom: 12 }} />}
          <CustomerForm
            form={form}
            initial={toFormValues(f)}
            onFinish={(v) => void save(v)}
            phoneLocked={card.phone_masked}
          />
        </Card>
      ) : !full ? null : (
        <Row gutter={16}>
          <Col span={15}>
            {!card.erased && (
              <div style={{ marginBottom: 16 }}>
                <MembershipPanel customerId={id} session={session} />
              </div>
            )}
            <div style={{ marginBottom: 16 }}>
              <CustomerGiftsCard customerId={id} />
            </div>
            <CardDetails card={card} />
            <Card title={t("visit.trend.title")} size="small" style={{ marginTop: 16 }}>
              <MeasurementTrend customerId={id} />
            </Card>
          </Col>
          <Col span={9}>
            <Card title={t("card.timeline")} size="small">
              <CustomerTimeline
                key={timelineKey}
                customerId={id}
                canAddNote={canEdit && !card.erased}
                onNoteAdded={() => setTimelineKey((k) => k + 1)}
                language={i18n.language}
                session={session}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}

/** Name, greeting hint, tier badges, and the red allergy alert on top. */
function CardHeader({ card }: { card: CustomerCard }) {
  const { t } = useTranslation();
  const f = card.card;
  if (card.erased) {
    return (
      <Typography.Title level={3} type="secondary" style={{ margin: 0 }} data-testid="customer-card-name">
        {t("card.erased")} #{card.id}
        <Typography.Paragraph type="secondary" style={{ fontSize: 14, fontWeight: 400 }}>
          {t("card.erasedNote")}
        </Typography.Paragraph>
      </Typography.Title>
    );
  }
  const alert = [f.allergies, f.contraindications].filter((x) => x.trim()).join("；");
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }}>
      {alert && (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled />}
          title={<strong>{t("card.allergyAlert")}</strong>}
          description={<span style={{ fontSize: 15 }}>{alert}</span>}
          data-testid="card-allergy-alert"
        />
      )}
      <Space size="middle" align="baseline" wrap>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="customer-card-name">
          {f.name}
        </Typography.Title>
        {f.gender !== "unknown" && <Typography.Text>{t(`options.gender.${f.gender}`)}</Typography.Text>}
        {f.birthday && <Typography.Text>{t("card.age", { age: ageOn(f.birthday) })}</Typography.Text>}
        {card.vip && (
          <Tag color="gold" icon={<CrownOutlined />} data-testid="card-vip">
            {t("card.vip")}
          </Tag>
        )}
        {f.class && <Tag color="purple">{t(`options.classShort.${f.class}`)}</Tag>}
        {f.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Space>
      <Typography.Text style={{ fontSize: 15, color: "#a3345f" }} data-testid="card-greeting">
        <SoundOutlined /> {t("card.greeting", { name: card.address_as })}
      </Typography.Text>
      <Space size="large" wrap>
        <span>
          {t("cardFields.phone")}：
          <strong data-testid="customer-card-phone" style={{ fontVariantNumeric: "tabular-nums" }}>
            {f.phone}
          </strong>
          {card.phone_masked && (
            <Tag style={{ marginLeft: 6 }} variant="filled">
              {t("customers.masked")}
            </Tag>
          )}
        </span>
        {f.card_no && (
          <span>
            {t("cardFields.card_no")}：<strong>{f.card_no}</strong>
          </span>
        )}
        {card.account_manager && (
          <span>
            {t("card.accountManager")}：{card.account_manager.staff_no} {card.account_manager.name}
          </span>
        )}
      </Space>
    </Space>
  );
}

function CardDetails({ card }: { card: CustomerCard }) {
  const { t, i18n } = useTranslation();
  const f = card.card;
  const none = t("card.noValue");
  const text = (v: string | null | undefined) => (v && v.trim() ? v : none);
  const opt = (group: string, v: string | null) => (v ? t(`options.${group}.${v}`) : none);
  const item = (field: keyof CustomerFields, value: React.ReactNode, span = 1) => (
    <Descriptions.Item key={field} label={t(`cardFields.${field}`)} span={span}>
      {value}
    </Descriptions.Item>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card size="small" title={t("card.care")}>
        <Descriptions column={2} size="small">
          {item("skin_type", text(f.skin_type))}
          {item("blood_type", opt("blood_type", f.blood_type))}
          {item("treatments_elsewhere", text(f.treatments_elsewhere), 2)}
          {item("products_in_use", text(f.products_in_use), 2)}
          {item("care_times", text(f.care_times))}
          {item("eating_habits", text(f.eating_habits))}
        </Descriptions>
      </Card>
      <Card size="small" title={t("card.preferences")}>
        <Descriptions column={2} size="small">
          {item(
            "preferred_stylist_id",
            card.preferred_stylist ? `${card.preferred_stylist.staff_no} ${card.preferred_stylist.name}` : none,
          )}
          {item("drink", opt("drink", f.drink))}
          {item("contact_channel", opt("contact_channel", f.contact_channel))}
          {item("do_not_contact", f.do_not_contact ? <Tag color="red">{t("cardFields.do_not_contact")}</Tag> : none)}
          {item("notes", text(f.notes), 2)}
        </Descriptions>
      </Card>
      <Card size="small" title={t("card.identity")}>
        <Descriptions column={2} size="small">
          {item("birthday", text(f.birthday))}
          {item("first_visit", text(f.first_visit))}
          {item("source", opt("source", f.source))}
          {item("referrer", text(f.referrer))}
          {item("class", opt("class", f.class))}
          {item("salutation", text(f.salutation))}
          {item("workplace", text(f.workplace))}
          {item("home_phone", text(f.home_phone))}
          {item("address", text(f.address), 2)}
          {item("hobbies", text(f.hobbies), 2)}
        </Descriptions>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="card-stamps">
          {t("customers.createdBy")} {card.created_by} · {formatDateTime(card.created_at, i18n.language)}
          {" | "}
          {t("card.lastUpdated")} {card.updated_by} · {formatDateTime(card.updated_at, i18n.language)}
        </Typography.Text>
      </Card>
    </Space>
  );
}

function VipButton({ card, onChanged }: { card: CustomerCard; onChanged: (c: CustomerCard) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [manager, setManager] = useState<number | null>(card.account_manager?.id ?? null);

  const save = async (vip: boolean) => {
    try {
      onChanged(await call("set_vip", { id: card.id, vip, account_manager_id: vip ? manager : null }));
      message.success(t("card.vipSaved"));
      setOpen(false);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  if (card.vip && !open) {
    return (
      <Button icon={<CrownOutlined />} onClick={() => void save(false)}>
        {t("card.unsetVip")}
      </Button>
    );
  }
  return (
    <>
      <Button
        icon={<CrownOutlined />}
        onClick={() => {
          call("list_staff").then((s) => setStaff(s.filter((m) => m.active)), () => setStaff([]));
          setOpen(true);
        }}
        data-testid="card-set-vip"
      >
        {t("card.setVip")}
      </Button>
      <Modal open={open} title={t("card.setVip")} onOk={() => void save(true)} onCancel={() => setOpen(false)}>
        <Typography.Paragraph>{t("card.accountManager")}</Typography.Paragraph>
        <Select
          style={{ width: "100%" }}
          allowClear
          value={manager}
          onChange={(v) => setManager(v ?? null)}
          options={staff.map((s) => ({ value: s.id, label: `${s.staff_no} ${s.name}` }))}
        />
      </Modal>
    </>
  );
}

function EraseButton({ card, onErased }: { card: CustomerCard; onErased: (c: CustomerCard) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const erase = async () => {
    try {
      onErased(await call("erase_customer", { id: card.id, confirm_name: typed }));
      setOpen(false);
      message.success(t("card.erased"));
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <>
      <Button danger icon={<DeleteOutlined />} onClick={() => setOpen(true)}>
        {t("card.erase")}
      </Button>
      <Modal
        open={open}
        title={t("card.eraseTitle", { name: card.card.name })}
        okButtonProps={{ danger: true, disabled: typed.trim() !== card.card.name }}
        okText={t("card.erase")}
        onOk={() => void erase()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph>{t("card.eraseBody")}</Typography.Paragraph>
        <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={card.card.name} />
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Modal>
    </>
  );
}
