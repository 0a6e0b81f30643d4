import { App, Layout } from "antd";
import { useCallback, useDeferredValue, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { AppStatus } from "../bindings/AppStatus";
import type { Session } from "../bindings/Session";
import { CustomerCardPage } from "../customers/CustomerCardPage";
import { cardReady, forgetCards } from "../customers/cardCache";
import { CustomersPage } from "../customers/CustomersPage";
import { SettingsPage } from "../settings/SettingsPage";
import { ReportsPage } from "../reports/ReportsPage";
import { AuditPage } from "../audit/AuditPage";
import { GiftsPage } from "../gifts/GiftsPage";
import { TodayPage } from "../visits/TodayPage";
import { AppointmentsPage } from "../appointments/AppointmentsPage";
import { ComplaintsPage } from "../complaints/ComplaintsPage";
import { FollowUpsPage } from "../followups/FollowUpsPage";
import { VisitPage } from "../visits/VisitPage";
import type { GlobalSearchHandle } from "./GlobalSearch";
import { DeskHeader } from "./DeskHeader";
import { DeskSider } from "./DeskSider";
import { type NavKey, type Page, navKeyOf } from "./pages";
import { useIdleLock } from "./useIdleLock";
import { can } from "../session/can";
import { ManagerOverride } from "../session/ManagerOverride";
import { useFailureToast } from "../api/errors";

/**
 * How long a switch to a customer's card waits for her card's answer. It
 * usually takes a few milliseconds (and the search has often asked for it
 * already, on hover): the page then changes once, straight to her name,
 * instead of a skeleton frame followed by the card. A slow answer never holds
 * the desk longer than this; the page then shows its skeleton until it comes.
 */
export const CARD_WAIT_MS = 150;

export function Shell({
  status,
  session,
  onSessionChange,
}: {
  status: AppStatus;
  session: Session;
  onSessionChange: () => void;
}) {
  const { message } = App.useApp();
  const fail = useFailureToast();
  const { t } = useTranslation();
  const [page, setPageNow] = useState<Page>({ kind: "today" });
  // Every page switch bumps this, so a card still being waited for
  // (openCustomer) never replaces a page chosen after it.
  const switches = useRef(0);
  const setPage = useCallback((p: Page) => {
    switches.current += 1;
    setPageNow(p);
  }, []);
  const search = useRef<GlobalSearchHandle>(null);
  const focusSearch = useCallback(() => search.current?.focus(), []);

  useIdleLock(status.idle_lock_minutes, onSessionChange);
  // Cards the search asked for ahead were shown to this staff member's role
  // (a phone in full for a manager): none outlives her session.
  useEffect(() => forgetCards, [session.staff_id]);

  // Tier downgrades are reviewed at the end of each period (Settings → 会员等级):
  // the first manager to sign in after it runs the review.
  useEffect(() => {
    if (!can(session, "override_tiers")) return;
    call("review_tiers_if_due").then(
      (r) =>
        r &&
        void message.info(
          t("member.tiers.reviewDone", { reviewed: r.reviewed, downgraded: r.downgraded, skipped: r.skipped_open_visits }),
          8,
        ),
      fail,
    );
  }, [session, t, message, fail]);

  // Ctrl+K or F3 jumps to the search box from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey && e.key.toLowerCase() === "k") || e.key === "F3") {
        e.preventDefault();
        focusSearch();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [focusSearch]);

  // Stable, so the pages' memoised lists (today's board) keep their rows.
  // Resolves once the page has switched (the search closes its list then).
  const openCustomer = useCallback(
    (id: number): Promise<void> => {
      const mine = ++switches.current;
      return cardReady(id, CARD_WAIT_MS).then(() => {
        if (mine !== switches.current) return;
        // The desk bench times the wait and the page's render from this
        // mark (one kept at a time).
        performance.clearMarks("fd:card-switch");
        performance.mark("fd:card-switch");
        setPage({ kind: "customer", id });
      });
    },
    [setPage],
  );
  const openVisit = useCallback((id: number) => setPage({ kind: "visit", id }), [setPage]);
  const onNavigate = useCallback((kind: NavKey) => setPage({ kind } as Page), [setPage]);
  // The menu's highlight follows the page in a later, interruptible render:
  // the new page paints first (a card's name, not the menu, is what the desk
  // waits for).
  const selected = useDeferredValue(navKeyOf(page));
  const onToday = page.kind === "today";

  return (
    <Layout style={{ height: "100%" }}>
      <ManagerOverride session={session} />
      <DeskSider
        shopName={status.setup?.shop_name ?? ""}
        session={session}
        selected={selected}
        onNavigate={onNavigate}
      />
      <Layout>
        <DeskHeader
          session={session}
          search={search}
          onOpenCustomer={openCustomer}
          onSessionChange={onSessionChange}
        />
        <Layout.Content className="fd-content">
          {onToday && (
            <TodayPage
              session={session}
              focusSearch={focusSearch}
              onOpenCustomer={openCustomer}
              onOpenVisit={openVisit}
              onNavigate={onNavigate}
            />
          )}
          {page.kind === "customers" && <CustomersPage session={session} onOpen={openCustomer} />}
          {page.kind === "customer" && (
            <CustomerCardPage
              key={page.id}
              id={page.id}
              session={session}
              onBack={() => setPage({ kind: "customers" })}
              onOpenVisit={openVisit}
            />
          )}
          {page.kind === "settings" && <SettingsPage status={status} session={session} />}
          {page.kind === "visit" && (
            <VisitPage
              key={page.id}
              id={page.id}
              session={session}
              onBack={() => setPage({ kind: "today" })}
              onOpenCustomer={openCustomer}
            />
          )}
          {page.kind === "appointments" && (
            <AppointmentsPage session={session} onOpenCustomer={openCustomer} onOpenVisit={openVisit} />
          )}
          {page.kind === "followups" && <FollowUpsPage session={session} onOpenCustomer={openCustomer} />}
          {page.kind === "complaints" && (
            <ComplaintsPage session={session} onOpenCustomer={openCustomer} onOpenVisit={openVisit} />
          )}
          {page.kind === "reports" && <ReportsPage session={session} onOpenCustomer={openCustomer} />}
          {page.kind === "audit" && <AuditPage session={session} onOpenCustomer={openCustomer} />}
          {page.kind === "gifts" && <GiftsPage session={session} />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
