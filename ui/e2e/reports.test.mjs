// The manager's reports in the real app, on the demo shop with ten weeks of
// history (--demo --demo-history) on Friday 27 November 2026: the month's
// 营业日报 with figures that open their visits, 员工业绩 ranked with a
// stylist's visits, 顾客分析 with the lapsed customers' list and its
// follow-ups, 经营趋势 drawn as SVG, CSV files written with their
// headers, the print preview, and no reports for a receptionist.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import {
  By,
  byTestId,
  click,
  eventually,
  find,
  launch,
  noModal,
  retrying,
  screenshot,
  signIn,
  startDriver,
  stopDriver,
  tableRows,
  waitText,
} from "./harness.mjs";

/** The number a figure shows (its drill link or its plain text). */
async function figure(driver, id) {
  const els = [...(await driver.findElements(byTestId(`drill-${id}`))), ...(await driver.findElements(byTestId(`figure-${id}`)))];
  assert.ok(els.length > 0, `figure ${id} is shown`);
  return (await els[0].getText()).trim();
}

/** Wait until the period picker shows these dates. */
async function periodShows(driver, from, to) {
  await eventually(`the period shows ${from} – ${to}`, async () => {
    const inputs = await driver.findElements(By.css('[data-testid="report-period"] .ant-picker input'));
    assert.equal(inputs.length, 2);
    assert.equal(await inputs[0].getAttribute("value"), from);
    assert.equal(await inputs[1].getAttribute("value"), to);
  });
}

/** Close the drill drawer and wait until it is gone. */
async function closeDrawer(driver) {
  await retrying("close the drawer", async () => {
    const close = await driver.findElement(By.css(".ant-drawer-open .ant-drawer-close"));
    await close.click();
  });
  await driver.wait(
    async () => (await driver.findElements(By.css(".ant-drawer-open"))).length === 0,
    10_000,
    "waiting for the drawer to close",
  );
}

/** The path of the newest "已导出到 …" message, once shown. */
async function exportedPath(driver, before) {
  let path = "";
  await eventually("the export's message", async () => {
    const messages = await driver.findElements(byTestId("report-exported"));
    assert.ok(messages.length > before, "a new export message");
    const text = await messages[messages.length - 1].getText();
    assert.match(text, /^已导出到 /);
    path = text.replace(/^已导出到 /, "").trim();
  }, 20_000);
  return path;
}

async function exportCsv(driver) {
  const before = (await driver.findElements(byTestId("report-exported"))).length;
  await click(driver, "report-export");
  const path = await exportedPath(driver, before);
  assert.ok(existsSync(path), `the CSV file ${path} exists`);
  assert.match(path, /\.csv$/);
  return readFileSync(path, "utf8");
}

/**
 * Each chart drawn inside `id` (ECharts draws SVG): its size on screen and
 * how many filled or stroked shapes of it have an area on screen.
 */
async function charts(driver, id) {
  return driver.executeScript(
    `return [...document.querySelectorAll('[data-testid="${id}"] svg')].map((svg) => {
       const r = svg.getBoundingClientRect();
       let ink = 0;
       for (const p of svg.querySelectorAll("path, rect, polyline, circle")) {
         const b = p.getBoundingClientRect();
         const painted = (p.getAttribute("fill") ?? "none") !== "none" || (p.getAttribute("stroke") ?? "none") !== "none";
         if (painted && (b.width > 0 || b.height > 0)) ink++;
       }
       return { width: r.width, height: r.height, ink };
     });`,
  );
}

describe("reports: the manager's morning and month-end view", () => {
  let driver;

  before(async () => {
    await startDriver();
    ({ driver } = await launch({ args: ["--demo", "--demo-history", "--clock", "2026-11-27T10:00:00+08:00"] }));
    await signIn(driver, "1001", "1234");
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "reports-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("opens 营业日报 for today, then for 本月 with the month's visits and money", async () => {
    await click(driver, "nav-reports");
    await find(driver, "reports-page");
    await click(driver, "reports-tab-daily");
    await periodShows(driver, "2026-11-27", "2026-11-27");
    // Today has only just opened: figures or the empty state, never a spinner left behind.
    await eventually("today's summary", async () => {
      const shown = [...(await driver.findElements(byTestId("daily-summary"))), ...(await driver.findElements(byTestId("report-empty")))];
      assert.ok(shown.length > 0);
    }, 15_000);
    await screenshot(driver, "60-reports-daily-today");

    await click(driver, "report-period-month");
    await periodShows(driver, "2026-11-01", "2026-11-27");
    await find(driver, "daily-summary");
    await eventually("the month's figures", async () => {
      const total = Number(await figure(driver, "visits-total"));
      const done = Number(await figure(driver, "visits-checked_out"));
      assert.ok(total > 20, `visits this month: ${total}`);
      assert.ok(done > 0 && done <= total, `checked out ${done} of ${total}`);
    });
    const billed = await figure(driver, "revenue-billed");
    assert.match(billed, /^¥[1-9][\d,]*\.\d\d$/, `revenue billed: ${billed}`);
    const rating = await figure(driver, "stylist-rating");
    assert.match(rating, /^[1-5]\.\d$/, `an average stylist rating with one decimal: ${rating}`);
    await screenshot(driver, "61-reports-daily-month");
    await driver.executeScript('document.querySelector("[data-testid=daily-services]").scrollIntoView({ block: "end" })');
    await screenshot(driver, "61-reports-daily-month-lower");
    await driver.executeScript('document.querySelector("[data-testid=reports-page]").scrollIntoView()');
  });

  it("opens the visits behind a figure in a drawer, paged by the core", async () => {
    const done = Number(await figure(driver, "visits-checked_out"));
    await click(driver, "drill-visits-checked_out");
    await find(driver, "drill-drawer");
    await waitText(driver, byTestId("drill-drawer"), `共 ${done} 单`);
    const first = await eventually("the first page", async () => {
      const rows = await tableRows(driver, "drill-table", 7);
      assert.equal(rows.length, Math.min(20, done));
      for (const r of rows) assert.equal(r[4], "已结账");
      for (const r of rows) assert.match(r[5], /^¥/);
      return rows;
    });
    await screenshot(driver, "62-reports-drill");
    if (done > 20) {
      await retrying("next page", async () => (await driver.findElement(By.css(".ant-drawer-open li.ant-pagination-next"))).click());
      await eventually("the second page", async () => {
        const rows = await tableRows(driver, "drill-table", 7);
        assert.equal(rows.length, Math.min(20, done - 20));
        assert.notEqual(rows[0][0], first[0][0], "another visit heads page 2");
      });
    }
    await closeDrawer(driver);
  });

  it("ranks the staff in 员工业绩 and opens a stylist's visits", async () => {
    await click(driver, "reports-tab-staff");
    await find(driver, "staff-table");
    const rows = await eventually("the staff rows", async () => {
      const r = await tableRows(driver, "staff-table", 10);
      assert.ok(r.some((row) => row[1].includes("陈静")), JSON.stringify(r));
      return r;
    });
    // The first row is the best-rated stylist: rank 1, a rating and visits.
    assert.equal(rows[0][0], "1");
    assert.ok(Number(rows[0][2]) > 0, `the best stylist's visits: ${rows[0][2]}`);
    assert.match(rows[0][6], /^[1-5]\.\d/);
    const chen = rows.find((row) => row[1].includes("陈静"));
    await eventually("the stylist chart is drawn", async () => {
      const c = await charts(driver, "staff-chart");
      assert.ok(c.length > 0 && c[0].width > 0 && c[0].height > 0 && c[0].ink > 0, JSON.stringify(c));
    });
    await screenshot(driver, "63-reports-staff");

    await click(driver, "drill-staff-3003");
    await find(driver, "drill-drawer");
    await waitText(driver, byTestId("drill-drawer"), `共 ${chen[2]} 单`);
    await eventually("陈静's visits", async () => {
      const visits = await tableRows(driver, "drill-table", 7);
      assert.ok(visits.length > 0);
      for (const v of visits) assert.equal(v[3], "3003号 陈静");
    });
    await closeDrawer(driver);
  });

  it("shows 顾客分析 and gives the lapsed customers follow-up calls", async () => {
    await click(driver, "reports-tab-customers");
    await find(driver, "customers-sources");
    await find(driver, "customers-membership");
    await click(driver, "dormant-days-30");
    const total = await eventually("the lapsed customers", async () => {
      const n = Number((await (await find(driver, "list-total-dormant")).getText()).replace(/\D/g, ""));
      assert.ok(n > 0, `lapsed for 30 days: ${n}`);
      const rows = await tableRows(driver, "list-table-dormant", 7);
      assert.equal(rows.length, Math.min(n, 20));
      // 未到店天数 of each is 30 or more.
      for (const r of rows) assert.ok(Number(r[6].replace(/\D/g, "")) >= 30, JSON.stringify(r));
      return n;
    });
    await screenshot(driver, "64-reports-customers");
    await driver.executeScript('document.querySelector("[data-testid=customer-lists]").scrollIntoView()');
    await screenshot(driver, "65-reports-customers-lists");

    await click(driver, "list-followups-dormant");
    await waitText(driver, byTestId("list-followups-count"), `${total} 位`);
    await screenshot(driver, "66-reports-followups-confirm");
    await click(driver, "list-followups-ok");
    await noModal(driver);
    await waitText(driver, byTestId("list-followups-done"), "已创建");
    const done = await (await find(driver, "list-followups-done")).getText();
    const [created, dnc, open] = (done.match(/\d+/g) ?? []).map(Number);
    assert.equal(created + dnc + open, total, done);
    assert.ok(created > 0, done);
  });

  it("draws 经营趋势 as charts, by day and by week, with the table of the same points", async () => {
    await click(driver, "reports-tab-trends");
    await find(driver, "trend-chart");
    await eventually("four charts drawn", async () => {
      const c = await charts(driver, "trend-chart");
      assert.equal(c.length, 4, JSON.stringify(c));
      for (const one of c) assert.ok(one.width > 200 && one.height > 100 && one.ink > 0, JSON.stringify(c));
    });
    // By day: 1–27 November, fifteen days a page.
    await eventually("the days of the month", async () => {
      const rows = await tableRows(driver, "trend-table", 2);
      assert.equal(rows.length, 15);
      assert.equal(rows[0][0], "2026-11-01 周日");
      assert.equal(rows[14][0], "2026-11-15 周日");
    });
    await screenshot(driver, "67-reports-trends-day");
    await click(driver, "trend-bucket-week");
    await eventually("five weeks (1 Nov is a Sunday)", async () => {
      const rows = await tableRows(driver, "trend-table", 2);
      assert.deepEqual(
        rows.map((r) => r[0]),
        ["2026-11-01 周日", "2026-11-02 ~ 2026-11-08", "2026-11-09 ~ 2026-11-15", "2026-11-16 ~ 2026-11-22", "2026-11-23 ~ 2026-11-27"],
      );
      assert.ok(rows.slice(1).every((r) => Number(r[1]) > 0), JSON.stringify(rows));
    });
    await driver.sleep(500);
    await screenshot(driver, "68-reports-trends-week");
  });

  it("previews the 营业日报 for printing", async () => {
    await click(driver, "reports-tab-daily");
    await find(driver, "daily-summary");
    await click(driver, "report-print");
    await find(driver, "print-preview");
    await eventually("every page drawn", async () => {
      const count = await (await find(driver, "print-preview-count")).getText();
      assert.match(count, /共 [1-9]\d* 页/);
      const drawn = Number(await (await find(driver, "print-preview-pages")).getAttribute("data-drawn"));
      assert.equal(drawn, Number(count.replace(/\D/g, "")));
    }, 20_000);
    await driver.sleep(500);
    await screenshot(driver, "69-reports-print-preview");
    await click(driver, "print-preview-close");
    await noModal(driver);
  });

  it("exports each report to a CSV file with its title and header", async () => {
    await click(driver, "reports-tab-trends");
    await find(driver, "trend-chart");
    const trend = await exportCsv(driver);
    assert.ok(trend.includes("经营趋势") && trend.includes("结账人次") && trend.includes("储值余额（元）"), trend.slice(0, 300));
    await click(driver, "reports-tab-staff");
    await find(driver, "staff-table");
    const staff = await exportCsv(driver);
    assert.ok(staff.includes("员工业绩") && staff.includes("服务人次") && staff.includes("陈静"), staff.slice(0, 300));
    await click(driver, "reports-tab-daily");
    await find(driver, "daily-summary");
    const daily = await exportCsv(driver);
    assert.ok(daily.includes("营业日报") && daily.includes("2026-11-01"), daily.slice(0, 300));
    // Let the messages go before the next screenshots.
    await driver.wait(async () => (await driver.findElements(By.css(".ant-message-notice"))).length === 0, 15_000, "the messages close");
  });

  it("reads in English too", async () => {
    await retrying("switch to English", async () => (await driver.findElement(By.xpath('//*[@data-testid="language-switch"]//*[text()="EN"]'))).click());
    await waitText(driver, byTestId("reports-tab-daily"), "Daily summary");
    await find(driver, "daily-summary");
    await screenshot(driver, "70-reports-daily-en");
    await click(driver, "reports-tab-staff");
    await find(driver, "staff-table");
    await screenshot(driver, "71-reports-staff-en");
    await click(driver, "reports-tab-customers");
    await find(driver, "customers-sources");
    await screenshot(driver, "72-reports-customers-en");
    await click(driver, "reports-tab-trends");
    await find(driver, "trend-chart");
    await driver.sleep(600);
    await screenshot(driver, "73-reports-trends-en");
    await retrying("back to Chinese", async () => (await driver.findElement(By.xpath('//*[@data-testid="language-switch"]//*[text()="中文"]'))).click());
    await waitText(driver, byTestId("reports-tab-daily"), "营业日报");
  });

  it("keeps the reports from a receptionist", async () => {
    await click(driver, "signout-button");
    await signIn(driver, "2001", "2001");
    await click(driver, "nav-reports");
    await find(driver, "coming-soon");
    assert.equal((await driver.findElements(byTestId("reports-page"))).length, 0);
  });
});
