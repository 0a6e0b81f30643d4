// The service menu in the real app: a manager adds a service; a price with
// three decimals is refused next to the field; the menu shows exact yuan.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  byTestId,
  click,
  fieldError,
  find,
  launch,
  noModal,
  screenshot,
  signIn,
  startDriver,
  stopDriver,
  type,
  waitText,
} from "./harness.mjs";

describe("the service menu in the desktop app", () => {
  let driver;

  before(async () => {
    await startDriver();
    ({ driver } = await launch({ args: ["--demo"] }));
    await signIn(driver, "1001", "1234");
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "catalog-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("lets a manager add a service, refusing an inexact price", async () => {
    await click(driver, "nav-settings");
    await click(driver, "settings-services-tab");
    await waitText(driver, byTestId("catalog-services"), "补水保湿护理");
    await waitText(driver, byTestId("catalog-services"), "¥298.00");
    await click(driver, "catalog-add-services");
    await type(driver, "catalog-name", "玻尿酸深层补水");
    await type(driver, "catalog-price", "398.555");
    await click(driver, "catalog-ok");
    assert.equal(await fieldError(driver, "catalog-price"), "请输入金额，最多两位小数（如 298 或 298.50）");
    await type(driver, "catalog-price", "398.5");
    await click(driver, "catalog-ok");
    await noModal(driver);
    await waitText(driver, byTestId("catalog-services"), "玻尿酸深层补水");
    await waitText(driver, byTestId("catalog-services"), "¥398.50");
    await screenshot(driver, "20-services");
    const text = await (await find(driver, "catalog-services")).getText();
    assert.ok(!text.includes("398.55"), "nothing was rounded");
  });
});
