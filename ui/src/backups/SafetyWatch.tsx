import { App } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";

/** Outages of the second folder already told, by when each began (for this run of the app). */
const told = new Set<number>();

/** Look again after this long; every second while the background check of the file runs. */
const EVERY_MS = 60_000;
const WHILE_CHECKING_MS = 1_000;

/**
 * Watches the data file's safety while the desk is open: when the check
 * that runs after a quick start (or a backup) finds the file damaged, the
 * shell is refreshed to show the restore screen; when the second backup
 * folder cannot be written, a signed-in desk is told once per outage.
 */
export function SafetyWatch({ signedIn, onDamaged }: { signedIn: boolean; onDamaged: () => void }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const latest = useRef({ signedIn, onDamaged, t, notification });
  useEffect(() => {
    latest.current = { signedIn, onDamaged, t, notification };
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const look = async () => {
      let next = EVERY_MS;
      try {
        const s = await call("safety_status");
        if (stopped) return;
        const { signedIn, onDamaged, t, notification } = latest.current;
        if (s.damaged) {
          onDamaged();
          return;
        }
        if (s.checking) next = WHILE_CHECKING_MS;
        const problem = s.mirror_problem;
        if (problem && signedIn && !told.has(problem.since)) {
          told.add(problem.since);
          notification.warning({
            key: "mirror-problem",
            title: t("backups.notice.title"),
            description: t("backups.notice.body", { dir: problem.dir }),
            duration: 0,
            props: { "data-testid": "mirror-notice" } as React.HTMLAttributes<HTMLDivElement>,
          });
        }
      } catch {
        // The status is looked at again at the next round.
      }
      if (!stopped) timer = setTimeout(() => void look(), next);
    };
    void look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [signedIn]);
  return null;
}
