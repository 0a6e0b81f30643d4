import { LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, DatePicker, Segmented, Select, Space, Spin, Tag, Typography } from "antd";
import { type Dayjs, day, shopDateOf, wall, wallNow } from "../time";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentOutcome } from "../bindings/AppointmentOutcome";
import type { Service } from "../bindings/Service";
import type { Session } from "../bindings/Session";
import type { AppointmentActions } from "./AppointmentCard";
import { AppointmentModal, type AppointmentPreset } from "./AppointmentModal";
import { lanesOf, summaryOf } from "./appointments";
import { CloseAppointmentModal } from "./CloseAppointmentModal";
import { datesFrom, isoDate, longDate, mondayOf, shortDate } from "../common/dates";
import { DayView } from "./DayView";
import { useNow } from "../common/useNow";
import { WeekView } from "./WeekView";
import { errorText } from "../api/errors";
import { can } from "../session/can";
import { useCatalog, useStylists } from "../api/shared";
import { useFailureToast } from "../api/errors";

const NO_SERVICES: Service[] = [];

type Mode = "day" | "week";

/** The appointment book (预约): a day or a week, per stylist. */
export function AppointmentsPage({
  session,
  onOpenCustomer,
  onOpenVisit,
}: {
  session: Session;
  onOpenCustomer: (id: number) => void;
  onOpenVisit: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const now = useNow();
  const canManage = can(session, "manage_appointments");
  const [mode, setMode] = useState<Mode>("day");
  const [date, setDate] = useState<Dayjs>(() => wallNow().startOf("day"));
  const [stylistId, setStylistId] = useState<number | null>(null);
  // What is shown, and for which request: a new date or filter shows the
  // old book under a spinner until the new one arrives.
  const [data, setData] = useState<{ key: string; items: Appointment[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = useFailureToast();
  const stylists = useStylists(fail);
  const services = useCatalog(fail)?.services ?? NO_SERVICES;
  const [editing, setEditing] = useState<{ appointment: Appointment | null; preset: AppointmentPreset } | null>(null);
  const [closing, setClosing] = useState<{ appointment: Appointment; outcome: AppointmentOutcome } | null>(null);
  const seq = useRef(0);

  const from = mode === "day" ? isoDate(date) : isoDate(mondayOf(date));
  const days = mode === "day" ? 1 : 7;
  const dates = useMemo(() => datesFrom(from, days), [from, days]);

  const key = `${from}/${days}/${stylistId ?? "all"}`;
  const items = data?.items ?? null;
  const stale = data?.key !== key;

  const load = useCallback(() => {
    const mine = ++seq.current;
    call("list_appointments", { from_date: from, days, stylist_id: stylistId }).then(
      (list) => {
        if (mine !== seq.current) return;
        setData({ key: `${from}/${days}/${stylistId ?? "all"}`, items: list });
        setError(null);
      },
      (e) => {
        if (mine === seq.current) setError(errorText(t, e));
      },
    );
  }, [from, days, stylistId, t]);

  useEffect(() => {
    load();
    const id = window.setInterval(load, 60_000);
    return () => window.clearInterval(id);
  }, [load]);

  useEffect(() => {
  }, []);

  const lanes = useMemo(() => lanesOf(items ?? [], stylists, stylistId), [items, stylists, stylistId]);
  const summary = summaryOf(items ?? []);

  const step = (direction: -1 | 1) => setDate((d) => d.add(direction * days, "day"));

  const checkIn = async (a: Appointment) => {
    try {
      const visit = await call("check_in", { customer_id: null, walk_in_label: "", appointment_id: a.id });
      message.success(t("appointments.checkedIn", { name: a.customer_name }));
      onOpenVisit(visit.id);
    } catch (e) {
      message.error(errorText(t, e));
      load();
    }
  };

  const actions: AppointmentActions = {
    onCheckIn: (a) => void checkIn(a),
    onMove: (a) => setEditing({ appointment: a, preset: { date, stylistId: a.stylist?.id ?? null } }),
    onCancel: (a) => setClosing({ appointment: a, outcome: "cancelled" }),
    onNoShow: (a) => setClosing({ appointment: a, outcome: "no_show" }),
    onOpenCustomer,
    onOpenVisit,
  };

  const lang = i18n.language;
  const heading =
    mode === "day"
      ? longDate(from, lang)
      : `${shortDate(dates[0] ?? from, lang)} – ${shortDate(dates[dates.length - 1] ?? from, lang)}`;
  const isToday = mode === "day" ? from === shopDateOf(now) : dates.includes(shopDateOf(now));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="appointments-page">
      <Space style={{ justifyContent: "space-between", width: "100%" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("appointments.title")}
        </Typography.Title>
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ appointment: null, preset: { date, stylistId } })}
            data-testid="appt-new"
          >
            {t("appointments.new")}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Space wrap size="middle" style={{ width: "100%", justifyContent: "space-between" }}>
          <Space wrap>
            <Segmented<Mode>
              value={mode}
              onChange={setMode}
              options={[
                { value: "day", label: t("appointments.day") },
                { value: "week", label: t("appointments.week") },
              ]}
              data-testid="appt-mode"
            />
            <Space.Compact>
              <Button
                icon={<LeftOutlined />}
                onClick={() => step(-1)}
                aria-label={mode === "day" ? t("appointments.prevDay") : t("appointments.prevWeek")}
                data-testid="appt-prev"
              />
              <Button onClick={() => setDate(wallNow().startOf("day"))} disabled={isToday} data-testid="appt-today">
                {mode === "day" ? t("appointments.today") : t("appointments.thisWeek")}
              </Button>
              <Button
                icon={<RightOutlined />}
                onClick={() => step(1)}
                aria-label={mode === "day" ? t("appointments.nextDay") : t("appointments.nextWeek")}
                data-testid="appt-next"
              />
            </Space.Compact>
            <DatePicker
              value={date}
              onChange={(d) => d && setDate(d.startOf("day"))}
              allowClear={false}
              picker={mode === "week" ? "week" : "date"}
              format={
                mode === "week"
                  ? (d: Dayjs) => `${shortDate(isoDate(mondayOf(d)), lang)} – ${shortDate(isoDate(mondayOf(d).add(6, "day")), lang)}`
                  : "YYYY-MM-DD"
              }
              style={{ width: 180 }}
              data-testid="appt-date-picker"
            />
            <Select<number | "all">
              style={{ minWidth: 180 }}
              value={stylistId ?? "all"}
              onChange={(v) => setStylistId(v === "all" ? null : v)}
              options={[
                { value: "all", label: t("appointments.allStylists") },
                ...stylists.map((s) => ({ value: s.id, label: `${s.staff_no} ${s.name}` })),
              ]}
              data-testid="appt-stylist-filter"
            />
          </Space>
          <Space wrap>
            <Typography.Text strong style={{ fontSize: 15 }} data-testid="appt-heading">
              {heading}
            </Typography.Text>
            <Tag variant="filled">{t("appointments.summaryTotal", { n: summary.total })}</Tag>
            <Tag variant="filled" color="blue">
              {t("appointments.summaryBooked", { n: summary.booked })}
            </Tag>
            <Tag variant="filled" color="green">
              {t("appointments.summaryArrived", { n: summary.arrived })}
            </Tag>
            {summary.conflicts > 0 && (
              <Tag variant="filled" color="red">
                {t("appointments.summaryConflicts", { n: summary.conflicts })}
              </Tag>
            )}
            <Button
              type="text"
              icon={<ReloadOutlined />}
              onClick={load}
              aria-label={t("common.refresh")}
            />
          </Space>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <Spin spinning={stale && !error}>
        {mode === "day" ? (
          <DayView lanes={lanes} now={now} canManage={canManage} actions={actions} />
        ) : (
          <WeekView
            lanes={lanes}
            dates={dates}
            now={now}
            canManage={canManage}
            actions={actions}
            onOpenDay={(d) => {
              setDate(day(d));
              setMode("day");
            }}
          />
        )}
      </Spin>
      {editing && (
        <AppointmentModal
          appointment={editing.appointment}
          preset={editing.preset}
          stylists={stylists}
          services={services}
          known={items ?? []}
          now={now}
          onClose={() => setEditing(null)}
          onSaved={(a) => {
            setEditing(null);
            // Show the day it was booked on.
            const booked = wall(a.start_at).startOf("day");
            if (mode === "day" && !booked.isSame(date, "day")) setDate(booked);
            else if (mode === "week" && !dates.includes(isoDate(booked))) setDate(booked);
            else load();
          }}
        />
      )}
      {closing && (
        <CloseAppointmentModal
          appointment={closing.appointment}
          outcome={closing.outcome}
          onClose={() => setClosing(null)}
          onDone={() => {
            setClosing(null);
            load();
          }}
        />
      )}
    </Space>
  );
}
