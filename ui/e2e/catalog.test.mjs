// The service menu in the real app: a manager adds a service; a price with
// three decimals is refused next to the field; the menu shows exact yuan.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  By,
  byTestId,
  click,
  eventually,
  fieldError,
  find,
  launch,
  noModal,
  retrying,
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
    // The dialog opens once the tab has finished switching; if it is not
    // there (a click during the switch), open it again and fill it in.
    await eventually(
      "fill in the new service",
      async () => {
        if ((await driver.findElements(byTestId("catalog-name"))).length === 0) {
          await click(driver, "catalog-add-services");
        }
        await find(driver, "catalog-name", 3_000);
        await type(driver, "catalog-name", "玻尿酸深层补水");
        await type(driver, "catalog-price", "398.555");
        await click(driver, "catalog-ok");
        assert.equal(
          await fieldError(driver, "catalog-price", 3_000),
          "请输入金额，最多两位小数（如 298 或 298.50）",
        );
      },
      30_000,
    );
    await type(driver, "catalog-price", "398.5");
    await click(driver, "catalog-ok");
    await noModal(driver);
    await waitText(driver, byTestId("catalog-services"), "玻尿酸深层补水");
    await waitText(driver, byTestId("catalog-services"), "¥398.50");
    await screenshot(driver, "20-services");
    const text = await (await find(driver, "catalog-services")).getText();
    assert.ok(!text.includes("398.55"), "nothing was rounded");
  });

  it("keeps the flow rules, refusing a consultation standard that contradicts itself", async () => {
    const flowTab = async () =>
      retrying("open the flow tab", async () => {
        for (const tab of await driver.findElements(By.css(".ant-tabs-tab"))) {
          if ((await tab.getText()).includes("接待流程")) await tab.click();
        }
        await find(driver, "flow-followup_days", 2_000);
      });
    await flowTab();
    await type(driver, "flow-consult_max_minutes", "2");
    await click(driver, "flow-save");
    assert.match(await fieldError(driver, "flow-consult_max_minutes"), /咨询最长时间超出允许范围/);
    await type(driver, "flow-consult_max_minutes", "18");
    await type(driver, "flow-followup_days", "5");
    await click(driver, "flow-save");
    await waitText(driver, By.css(".ant-message"), "接待流程设置已保存");
    await click(driver, "nav-customers");
    await click(driver, "nav-settings");
    await flowTab();
    await driver.wait(
      async () => (await (await find(driver, "flow-followup_days")).getAttribute("value")) === "5",
      5_000,
      "the saved delay is shown again",
    );
    assert.equal(await (await find(driver, "flow-consult_max_minutes")).getAttribute("value"), "18");
    await screenshot(driver, "22-flow-saved");
  });
});
