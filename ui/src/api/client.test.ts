import { beforeEach, describe, expect, it, vi } from "vitest";

// A plain fake of the shell's `invoke`: records calls, answers with `answer`.
const calls: unknown[][] = [];
let answer: () => Promise<unknown> = async () => null;
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (...a: unknown[]) => {
    calls.push(a);
    return answer();
  },
}));
const invoke = {
  mockResolvedValue: (v: unknown) => (answer = async () => v),
  fail: (e: unknown) =>
    (answer = async () => {
      throw e;
    }),
};
const lastCall = () => calls[calls.length - 1];

import { ApiFailure, SESSION_LOST_EVENT, call, setOverrideAsker, toApiError } from "./client";

describe("the typed client", () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it("sends every request as `req`, and none for a command without one", async () => {
    invoke.mockResolvedValue({ staff_id: 1 });
    await call("sign_in", { staff_no: "1001", pin: "1234" });
    expect(lastCall()).toEqual(["sign_in", { req: { staff_no: "1001", pin: "1234" } }]);
    await call("get_customer", 7);
    expect(lastCall()).toEqual(["get_customer", { req: 7 }]);
    await call("set_language", "en");
    expect(lastCall()).toEqual(["set_language", { req: "en" }]);
    await call("get_catalog");
    expect(lastCall()).toEqual(["get_catalog", {}]);
    await call("unlock", { pin: "2580" });
    expect(lastCall()).toEqual(["unlock", { req: { pin: "2580" } }]);
  });

  it("turns a backend error into an ApiFailure with its code and field", async () => {
    invoke.fail({ code: "invalid", message: "phone is invalid", field: "phone", reason: "format" });
    let failure: unknown = null;
    try {
      await call("get_customer", 1);
    } catch (thrown) {
      failure = thrown;
    }
    expect(failure).toBeInstanceOf(ApiFailure);
    const e = (failure as ApiFailure).error;
    expect(e.code).toBe("invalid");
    expect(e.field).toBe("phone");
    expect(e.reason).toBe("format");
    expect(e.permission).toBeNull();
  });

  it("treats a bare string thrown by the shell as a storage error", () => {
    expect(toApiError("window closed")).toMatchObject({ code: "storage", message: "window closed", field: null });
  });

  it("announces a locked or signed-out desk so the app can show the lock screen", async () => {
    const seen = vi.fn();
    window.addEventListener(SESSION_LOST_EVENT, seen);
    invoke.fail({ code: "session_locked", message: "locked" });
    await call("search_customers", { query: "5678", limit: 10 }).catch(() => {});
    expect(seen).toHaveBeenCalledTimes(1);
    invoke.fail({ code: "invalid", message: "x", field: "query" });
    await call("search_customers", { query: "5678", limit: 10 }).catch(() => {});
    expect(seen).toHaveBeenCalledTimes(1);
    window.removeEventListener(SESSION_LOST_EVENT, seen);
  });

  it("asks a manager to authorise a refused action at a receptionist's desk, then runs it again once", async () => {
    const forbidden = { code: "forbidden", message: "no", permission: "void_visits" };
    let attempts = 0;
    answer = async () => {
      attempts += 1;
      if (attempts === 1) throw forbidden;
      return { id: 9 };
    };
    const asked: string[] = [];
    setOverrideAsker(async (p) => {
      asked.push(p);
      return true;
    });
    await expect(call("void_visit", { visit_id: 9, reason: "退单", gifts_recovered: true })).resolves.toEqual({ id: 9 });
    expect(asked).toEqual(["void_visits"]);
    expect(calls.filter((c) => c[0] === "void_visit")).toHaveLength(2);

    // Cancelled: the refusal stands, and nothing runs again.
    calls.length = 0;
    invoke.fail(forbidden);
    setOverrideAsker(async () => false);
    const failure = await call("void_visit", { visit_id: 9, reason: "退单", gifts_recovered: true }).catch((e: unknown) => e);
    expect((failure as ApiFailure).error.code).toBe("forbidden");
    expect(calls).toHaveLength(1);

    // Without an asker (a manager's or a stylist's desk) nothing is asked.
    setOverrideAsker(null);
    await call("void_visit", { visit_id: 9, reason: "退单", gifts_recovered: true }).catch(() => {});
    expect(calls).toHaveLength(2);
  });
});
