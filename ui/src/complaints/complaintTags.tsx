import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { Complaint } from "../bindings/Complaint";
import type { Level } from "../bindings/Level";
import type { Severity } from "../bindings/Severity";
import { hoursMinutes } from "../common/dates";
import { answerClock } from "./complaints";

const LEVEL_COLOR: Record<Level, string> = { desk: "default", supervisor: "orange", manager: "red" };

export function LevelTag({ level }: { level: Level }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLOR[level]}>{t(`complaints.level.${level}`)}</Tag>;
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`complaints.severityHint.${severity}`)}>
      <Tag color={severity === "complex" ? "purple" : "blue"}>{t(`complaints.severity.${severity}`)}</Tag>
    </Tooltip>
  );
}

/** "1小时20分" / "35分钟" for a span of minutes. */
export function useSpan() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const { hours, minutes: m } = hoursMinutes(minutes);
    return hours > 0 ? t("common.hoursMinutes", { h: hours, m }) : t("common.minutes", { n: m });
  };
}

/** The answer deadline: time left, time over (red), or answered. */
export function AnswerClockTag({ complaint, now }: { complaint: Complaint; now: number }) {
  const { t } = useTranslation();
  const span = useSpan();
  const c = answerClock(complaint, now);
  if (c.state === "answered") {
    return (
      <Tag color={c.late ? "orange" : "green"} data-testid={`complaint-clock-${complaint.id}`} data-late={c.late ? "true" : undefined}>
        {c.late ? t("complaints.answeredLate") : t("complaints.answered")}
      </Tag>
    );
  }
  if (c.late) {
    return (
      <Tag color="red" variant="solid" data-testid={`complaint-clock-${complaint.id}`} data-late="true">
        {t("complaints.overdueBy", { time: span(-c.minutesLeft) })}
      </Tag>
    );
  }
  return (
    <Tag color={c.minutesLeft <= 30 ? "orange" : "blue"} data-testid={`complaint-clock-${complaint.id}`}>
      {t("complaints.timeLeft", { time: span(c.minutesLeft) })}
    </Tag>
  );
}
