// The period every report tab shows: 今天, 昨天, 本周, 本月, 上月 or any
// dates (自定义), always business dates of the shop (src/time.ts).
import { DatePicker, Segmented, Space } from "antd";
import { useTranslation } from "react-i18next";
import { isoDate } from "../common/dates";
import { type DatePeriod, type Dayjs, PERIOD_PRESETS, type PeriodPreset, day, presetOf, presetPeriod, shopToday } from "../time";

export type ReportPeriod = DatePeriod & { preset: PeriodPreset | "custom" };

/** The period a preset means today. */
export function periodOf(preset: PeriodPreset): ReportPeriod {
  return { preset, ...presetPeriod(preset, shopToday()) };
}

export function PeriodPicker({ value, onChange }: { value: ReportPeriod; onChange: (p: ReportPeriod) => void }) {
  const { t } = useTranslation();
  const today = shopToday();
  const range: [Dayjs, Dayjs] = [day(value.from), day(value.to)];
  return (
    <Space size={8} wrap data-testid="report-period">
      <Segmented<PeriodPreset | "custom">
        value={value.preset}
        onChange={(p) => (p === "custom" ? onChange({ ...value, preset: "custom" }) : onChange(periodOf(p)))}
        options={[...PERIOD_PRESETS, "custom" as const].map((p) => ({
          value: p,
          label: <span data-testid={`report-period-${p}`}>{t(`reports.period.${p}`)}</span>,
        }))}
      />
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        style={{ width: 240 }}
        disabledDate={(d) => isoDate(d) > today}
        onChange={(v) => {
          if (!v || !v[0] || !v[1]) return;
          const picked = { from: isoDate(v[0]), to: isoDate(v[1]) };
          onChange({ preset: presetOf(picked, today) ?? "custom", ...picked });
        }}
        data-testid="report-range"
      />
    </Space>
  );
}
