import { App as AntApp, ConfigProvider, Result, Spin, Typography } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { SESSION_LOST_EVENT, call } from "./api/client";
import { setShopZone, syncDeskClock } from "./time";
import type { AppStatus } from "./bindings/AppStatus";
import type { Session } from "./bindings/Session";
import i18n, { applyLanguage, selectDesk } from "./i18n";
import { LockScreen } from "./session/LockScreen";
import { SetupScreen } from "./session/SetupScreen";
import { SignInScreen } from "./session/SignInScreen";
import { theme } from "./theme";
import { errorOf, errorMessage } from "./api/errors";
import { invalidateShared } from "./api/shared";
import { SafetyWatch } from "./backups/SafetyWatch";

// The desk behind the sign-in screen is its own chunk: the first screen
// parses only what it shows (docs/BENCHMARKS.md, "Start-up"), and the rest
// is fetched as soon as that screen has painted, before anyone signs in.
const loadShell = () => import("./shell/Shell");
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));
// The restore screen of a damaged file: rare, and it brings the backups table.
const DamagedScreen = lazy(() => import("./backups/DamagedScreen").then((m) => ({ default: m.DamagedScreen })));

// Under WebDriver (the E2E suite) dialogs and tabs switch without animation,
// so a test never clicks a dialog that is still fading in or out.
const automated = typeof navigator !== "undefined" && navigator.webdriver === true;
const appTheme = automated ? { ...theme, token: { ...theme.token, motion: false } } : theme;

export default function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === "en" ? enUS : zhCN} theme={appTheme} button={{ autoInsertSpace: false }}>
      <AntApp style={{ height: "100%" }}>
        <Root />
      </AntApp>
    </ConfigProvider>
  );
}

function Root() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = useCallback(
    () =>
      call("app_status").then(
        (s) => {
          const deskLanguage = selectDesk(s.data_dir);
          applyLanguage((s.signed_in ?? s.locked)?.language ?? deskLanguage);
          syncDeskClock(s.now);
          setShopZone(s.time_zone);
          setStatus(s);
        },
        (e) => setFailure(errorMessage(i18n.t, errorOf(e))),
      ),
    [],
  );

  // Shared data (the menu, the stylists) is fetched again for whoever signs in next.
  const actingStaff = status?.signed_in?.staff_id ?? null;
  useEffect(() => invalidateShared(), [actingStaff]);

  useEffect(() => {
    refresh();
    const onLost = () => void refresh();
    window.addEventListener(SESSION_LOST_EVENT, onLost);
    return () => window.removeEventListener(SESSION_LOST_EVENT, onLost);
  }, [refresh]);

  const signedIn = useCallback(
    (s: Session) => {
      applyLanguage(s.language);
      void refresh();
    },
    [refresh],
  );

  const ready = status !== null;
  useEffect(() => {
    if (!ready) return;
    const timer = window.setTimeout(() => void loadShell(), 0);
    return () => window.clearTimeout(timer);
  }, [ready]);

  if (failure) {
    return <Result status="error" title={t("openError.title")} subTitle={failure} />;
  }
  const loading = (
    <div className="fd-center">
      <Spin size="large" tip={t("app.loading")}>
        <div style={{ width: 200, height: 80 }} />
      </Spin>
    </div>
  );
  if (!status) return loading;
  if (status.open_error?.code === "corrupt") {
    return (
      <Suspense fallback={loading}>
        <DamagedScreen dataDir={status.data_dir} onRestored={signedIn} />
      </Suspense>
    );
  }
  if (status.open_error) {
    return (
      <div className="fd-center">
        <Result
          status="error"
          title={t("openError.title")}
          subTitle={errorMessage(t, status.open_error)}
          extra={
            <Typography.Text type="secondary" data-testid="open-error-dir">
              {t("openError.dataDir")}: {status.data_dir}
            </Typography.Text>
          }
        />
      </div>
    );
  }
  // The file opened: watch its background check and the second backup folder.
  const watch = <SafetyWatch signedIn={status.signed_in !== null} onDamaged={refresh} />;
  if (!status.setup?.set_up) {
    return (
      <>
        {watch}
        <SetupScreen onDone={signedIn} />
      </>
    );
  }
  if (status.locked) {
    return (
      <>
        {watch}
        <LockScreen session={status.locked} onDone={signedIn} onSwitch={refresh} />
      </>
    );
  }
  if (!status.signed_in) {
    return (
      <>
        {watch}
        <SignInScreen shopName={status.setup.shop_name ?? ""} onDone={signedIn} />
      </>
    );
  }
  return (
    <>
      {watch}
      <Suspense fallback={loading}>
        <Shell status={status} session={status.signed_in} onSessionChange={refresh} />
      </Suspense>
    </>
  );
}
