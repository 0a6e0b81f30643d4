// The first day in the real app: first-run setup, the manager adds a
// receptionist, wrong PIN, the receptionist starts a customer's card (with an
// invalid and a duplicate phone refused), finds her by four digits from the
// global search box, and the language choice is remembered per staff member.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  By,
  Key,
  byTestId,
  click,
  fieldError,
  find,
  focused,
  launch,
  noModal,
  retrying,
  screenshot,
  startDriver,
  stopDriver,
  tableRows,
  type,
  waitText,
} from "./harness.mjs";

describe("a shop's first day in the desktop app", () => {
  let driver;

  before(async () => {
    await startDriver();
    ({ driver } = await launch());
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "first-day-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("asks for the shop and its first manager on first run, field by field", async () => {
    await find(driver, "setup-screen", 30_000);
    // Chinese is the default language.
    await waitText(driver, By.css("h3"), "欢迎使用前台");
    await type(driver, "setup-shop-name", "   ");
    await click(driver, "setup-submit");
    assert.equal(await fieldError(driver, "setup-shop-name"), "请填写门店名称");
    await type(driver, "setup-shop-name", "丽人坊美容美发");
    await type(driver, "setup-staff-no", "1001");
    await type(driver, "setup-name", "王店长");
    await type(driver, "setup-pin", "12");
    await type(driver, "setup-pin-confirm", "12");
    await click(driver, "setup-submit");
    assert.equal(await fieldError(driver, "setup-pin"), "PIN 密码须为 4–8 位数字");
    await type(driver, "setup-pin", "1234");
    await type(driver, "setup-pin-confirm", "1234");
    await screenshot(driver, "01-setup");
    await click(driver, "setup-submit");
    await find(driver, "today-page");
    await waitText(driver, byTestId("current-staff"), "王店长");
  });

  it("lets the manager add a receptionist", async () => {
    await click(driver, "nav-settings");
    await click(driver, "settings-staff-tab");
    await click(driver, "staff-add");
    await type(driver, "staff-no", "2001");
    await type(driver, "staff-name", "张敏");
    await type(driver, "staff-pin", "2001");
    await click(driver, "staff-ok");
    await waitText(driver, byTestId("staff-table"), "张敏");
    const cells = await tableRows(driver, "staff-table", 4);
    assert.deepEqual(
      cells.find((c) => c[0] === "2001"),
      ["2001", "张敏", "前台", "在职"],
    );
    await screenshot(driver, "02-staff");
  });

  it("refuses a wrong PIN next to the PIN field, then signs the receptionist in", async () => {
    await click(driver, "signout-button");
    await find(driver, "signin-screen");
    await waitText(driver, byTestId("signin-shop-name"), "丽人坊美容美发");
    await type(driver, "signin-staff-no", "2001");
    await type(driver, "signin-pin", "9999");
    await click(driver, "signin-submit");
    assert.equal(await fieldError(driver, "signin-pin"), "工号或 PIN 不正确");
    await type(driver, "signin-pin", "2001");
    await click(driver, "signin-submit");
    await find(driver, "today-page");
    await waitText(driver, byTestId("current-staff"), "张敏");
  });

  it("has the global search focused on Today", async () => {
    const active = await focused(driver, "global-search");
    assert.equal(await active.getAttribute("data-testid"), "global-search");
  });

  it("starts a customer's card, refusing an invalid and a duplicate phone", async () => {
    await click(driver, "today-new-customer");
    await type(driver, "card-name", "李美华");
    // Enter in the phone field submits: the desk works from the keyboard.
    await type(driver, "card-phone", "1381234567" + Key.ENTER);
    assert.equal(await fieldError(driver, "card-phone"), "请输入 11 位手机号码（如 138 1234 5678）");
    await screenshot(driver, "03-invalid-phone");
    await type(driver, "card-phone", "138 1234 5678");
    await click(driver, "create-customer-ok");
    await noModal(driver);
    await waitText(driver, byTestId("customer-card-name"), "李美华");
    await waitText(driver, byTestId("customer-card-phone"), "13812345678");

    await click(driver, "nav-customers");
    await click(driver, "customers-create");
    await type(driver, "card-name", "王芳");
    await type(driver, "card-phone", "13812345678" + Key.ENTER);
    assert.equal(await fieldError(driver, "card-phone"), "该手机号已被使用");
    await retrying("close the modal", async () => (await driver.findElement(By.css(".ant-modal-close"))).click());
    await noModal(driver);
  });

  it("finds her by the last four digits of her phone and opens her card with Enter", async () => {
    await click(driver, "nav-today");
    await find(driver, "today-page");
    const search = await focused(driver, "global-search");
    await search.sendKeys("5678");
    await waitText(driver, byTestId("search-hit"), "李美华");
    const hits = await driver.findElements(byTestId("search-hit"));
    assert.equal(hits.length, 1, "only one customer has 5678 in her phone");
    await screenshot(driver, "04-search");
    await search.sendKeys(Key.ENTER);
    await waitText(driver, byTestId("customer-card-name"), "李美华");
    await waitText(driver, byTestId("customer-card-phone"), "13812345678");
    // The refused attempts wrote nothing: 王芳 does not exist.
    const box = await find(driver, "global-search");
    await box.sendKeys("王芳");
    await waitText(driver, byTestId("search-results"), "没有找到匹配的顾客");
    await box.sendKeys(Key.ESCAPE);
    await screenshot(driver, "05-card");
  });

  it("switches to English and remembers it for this staff member", async () => {
    await retrying("switch to English", async () =>
      (await driver.findElement(By.css('[data-testid="language-switch"] .ant-segmented-item:nth-child(2)'))).click(),
    );
    await waitText(driver, byTestId("nav-customers"), "Customers");
    await click(driver, "signout-button");
    await find(driver, "signin-screen");
    // The manager's own language is still Chinese.
    await type(driver, "signin-staff-no", "1001");
    await type(driver, "signin-pin", "1234");
    await click(driver, "signin-submit");
    await waitText(driver, byTestId("nav-customers"), "顾客");
    await click(driver, "signout-button");
    await type(driver, "signin-staff-no", "2001");
    await type(driver, "signin-pin", "2001");
    await click(driver, "signin-submit");
    await waitText(driver, byTestId("nav-customers"), "Customers");
    await waitText(driver, By.css("h3"), "Hello, 张敏");
  });
});
