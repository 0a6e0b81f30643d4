// The restore screen of a damaged data file against a fake backend: the
// newest backup is chosen, the manager's PIN goes with it, and refusals
// show under their fields.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "antd";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { BackupInfo } from "../bindings/BackupInfo";
import i18n from "../i18n";
import { ApiFailure, NO_DETAILS } from "../api/client";
import { setShopZone } from "../time";

const calls: { command: string; req: unknown }[] = [];
let answers: Record<string, (req: unknown) => unknown> = {};

vi.mock("../api/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("../api/client")>();
  return {
    ...real,
    call: async (command: string, req?: unknown) => {
      calls.push({ command, req });
      const answer = answers[command];
      if (!answer) throw new real.ApiFailure({ ...real.toApiError("no fake"), code: "storage" });
      return answer(req);
    },
  };
});

import { DamagedScreen } from "./DamagedScreen";

const at = (iso: string) => Date.parse(iso);
const info = (file: string, when: string, trigger: BackupInfo["trigger"], customers: number): BackupInfo => ({
  file,
  at: at(when),
  business_date: when.slice(0, 10),
  trigger,
  size: 3 * 1024 * 1024,
  sha256: "00",
  schema_version: 9,
  customers,
  visits: 120,
  last_checkout_at: at(when) - 3_600_000,
  app_version: "0.1.0",
});
const newest = info("frontdesk-20261201-1830.db", "2026-12-01T10:30:00Z", "close", 42);
const older = info("frontdesk-20261201-1000.db", "2026-12-01T02:00:00Z", "auto", 41);
const manager = { staff_id: 1, staff_no: "1001", name: "王店长", role: "manager", language: "zh-CN", permissions: [] };

const failure = (code: string, field: string | null = null) =>
  new ApiFailure({ ...NO_DETAILS, code: code as never, message: code, field, retry_after_ms: code === "too_many_attempts" ? 300_000 : null });

function renderScreen(onRestored = vi.fn()) {
  render(
    <App>
      <DamagedScreen dataDir="/data/frontdesk" onRestored={onRestored} />
    </App>,
  );
  return onRestored;
}

async function confirm(staffNo: string, pin: string) {
  await userEvent.type(screen.getByTestId("damaged-staff-no"), staffNo);
  await userEvent.type(screen.getByTestId("damaged-pin"), pin);
  await userEvent.click(screen.getByTestId("damaged-restore"));
}

describe("the damaged-file screen", { timeout: 60_000 }, () => {
  beforeAll(() => setShopZone("Asia/Shanghai"));
  beforeEach(async () => {
    calls.length = 0;
    answers = { damaged_backups: () => [newest, older] };
    await i18n.changeLanguage("zh-CN");
  });

  it("says plainly what happened, with the newest backup chosen and recommended", async () => {
    renderScreen();
    expect(screen.getByText("数据文件已损坏")).toBeInTheDocument();
    expect(screen.getByText(/为保护数据，前台不会写入损坏的文件/)).toBeInTheDocument();
    expect(screen.getByTestId("damaged-data-dir")).toHaveTextContent("/data/frontdesk");
    const table = await screen.findByTestId("damaged-backups");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    // Shop time (Shanghai), not the computer's zone.
    expect(rows[0]).toHaveTextContent("2026/12/01 18:30");
    expect(rows[0]).toHaveTextContent("推荐");
    expect(rows[0]).toHaveTextContent("闭店备份");
    expect(rows[0]).toHaveTextContent("3.0 MB");
    expect(rows[1]).toHaveTextContent("自动备份");
    expect(rows[1]).not.toHaveTextContent("推荐");
    expect(within(rows[0]!).getByRole("radio")).toBeChecked();
  });

  it("restores the chosen backup with the manager's PIN and hands over the session", async () => {
    answers.restore_damaged = () => manager;
    const onRestored = renderScreen();
    const table = await screen.findByTestId("damaged-backups");
    await userEvent.click(within(within(table).getAllByRole("row")[2]!).getByRole("radio"));
    await confirm(" 1001 ", "1234");
    await waitFor(() => expect(onRestored).toHaveBeenCalledWith(manager));
    expect(calls.find((c) => c.command === "restore_damaged")?.req).toEqual({ file: older.file, staff_no: "1001", pin: "1234" });
  });

  it("shows a wrong PIN, too many attempts and a non-manager under their fields", async () => {
    const onRestored = renderScreen();
    await screen.findByTestId("damaged-backups");
    answers.restore_damaged = () => {
      throw failure("wrong_credentials", "pin");
    };
    await confirm("1001", "9999");
    expect(await screen.findByText("工号或 PIN 不正确")).toBeInTheDocument();

    answers.restore_damaged = () => {
      throw failure("too_many_attempts");
    };
    await userEvent.type(screen.getByTestId("damaged-pin"), "9999");
    await userEvent.click(screen.getByTestId("damaged-restore"));
    expect(await screen.findByText("PIN 连续输错次数过多，请 5 分钟后再试")).toBeInTheDocument();

    answers.restore_damaged = () => {
      throw failure("forbidden");
    };
    await userEvent.clear(screen.getByTestId("damaged-staff-no"));
    await confirm("2001", "2001");
    expect(await screen.findByText("只有店长可以恢复备份：请输入店长的工号和 PIN")).toBeInTheDocument();
    expect(onRestored).not.toHaveBeenCalled();
  });

  it("says what to do when there is no backup", async () => {
    answers.damaged_backups = () => [];
    renderScreen();
    expect(await screen.findByText("没有找到可以恢复的备份")).toBeInTheDocument();
    expect(screen.getByText(/请联系技术支持/)).toBeInTheDocument();
    expect(screen.queryByTestId("damaged-restore")).not.toBeInTheDocument();
  });
});
