import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "antd";
import { beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { ApiFailure, NO_DETAILS } from "../api/client";

const signIn = vi.fn();
const setLanguage = vi.fn();
vi.mock("../api/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("../api/client")>();
  return {
    ...real,
    call: (name: string, ...a: unknown[]) =>
      name === "sign_in" ? signIn(...a) : name === "set_language" ? setLanguage(...a) : real.call(name as never),
  };
});

import { SignInScreen } from "./SignInScreen";

function renderScreen(onDone = vi.fn()) {
  render(
    <App>
      <SignInScreen shopName="丽人坊" onDone={onDone} />
    </App>,
  );
  return onDone;
}

describe("the sign-in form", () => {
  beforeEach(async () => {
    signIn.mockReset();
    setLanguage.mockReset();
    await i18n.changeLanguage("zh-CN");
  });

  it("asks for the staff number and PIN before calling the backend", async () => {
    renderScreen();
    await userEvent.click(screen.getByTestId("signin-submit"));
    expect(await screen.findByText("请填写工号")).toBeInTheDocument();
    expect(await screen.findByText("请填写PIN 密码")).toBeInTheDocument();
    expect(signIn).not.toHaveBeenCalled();
  });

  it("signs in with the trimmed staff number", async () => {
    signIn.mockResolvedValue({ staff_id: 1, staff_no: "1001", name: "王店长", role: "manager", language: "zh-CN" });
    const onDone = renderScreen();
    await userEvent.type(screen.getByTestId("signin-staff-no"), " 1001 ");
    await userEvent.type(screen.getByTestId("signin-pin"), "1234");
    await userEvent.click(screen.getByTestId("signin-submit"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(signIn).toHaveBeenCalledWith({ staff_no: "1001", pin: "1234" });
  });

  it("keeps a language picked on this screen as the staff member's own", async () => {
    const session = { staff_id: 1, staff_no: "1001", name: "王店长", role: "manager", language: "zh-CN" };
    signIn.mockResolvedValue(session);
    setLanguage.mockResolvedValue({ ...session, language: "en" });
    const onDone = renderScreen();
    await userEvent.click(screen.getByText("EN"));
    await userEvent.type(screen.getByTestId("signin-staff-no"), "1001");
    await userEvent.type(screen.getByTestId("signin-pin"), "1234");
    await userEvent.click(screen.getByTestId("signin-submit"));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ ...session, language: "en" }));
    expect(setLanguage).toHaveBeenCalledWith("en");
    await i18n.changeLanguage("zh-CN");
  });

  it("shows a wrong PIN next to the PIN field and clears it", async () => {
    signIn.mockRejectedValue(
      new ApiFailure({
        code: "wrong_credentials",
        message: "staff number or PIN is wrong",
        ...NO_DETAILS,
        field: "pin",
      }),
    );
    const onDone = renderScreen();
    await userEvent.type(screen.getByTestId("signin-staff-no"), "1001");
    await userEvent.type(screen.getByTestId("signin-pin"), "9999");
    await userEvent.click(screen.getByTestId("signin-submit"));
    expect(await screen.findByText("工号或 PIN 不正确")).toBeInTheDocument();
    expect(screen.getByTestId("signin-pin")).toHaveValue("");
    expect(onDone).not.toHaveBeenCalled();
  });
});
