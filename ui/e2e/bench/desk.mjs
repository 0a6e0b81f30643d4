// The desk in the real window: start-up, typing, the card and memory of the
// release app, driven over WebDriver with every timing taken in the page.
//
//   make bench-desk            (builds the release app, runs this under Xvfb)
//   node ui/e2e/bench/desk.mjs [--runs 5] [--searches 600] [--cards 100] [--no-long-history]
//                              [--typing-only [--page customers]] [--launch-only]
//
// Each launch gets a fresh temp data dir holding a COPY of a template file
// (never the original under target/bench-data/), with no `.running` marker,
// so the app takes its clean-start path (header check now, full check in the
// background). The templates are made at the start of each run: the empty
// shop is set up through the first-run screen; the 1M-customer file is copied
// and opened once, so any schema upgrade happens before the timed launches.
//
// Timings:
//  - launch: the app process's start (from /proc/<pid>/stat, 10 ms ticks)
//    to the first frame in which the sign-in form's staff-number input is
//    present and enabled (a MutationObserver in the page, stamped in the next
//    requestAnimationFrame with performance.timeOrigin + performance.now()).
//  - keystroke: the `input` event's timeStamp to the frame that paints the
//    results list for the text now in the box (MutationObserver, then
//    requestAnimationFrame, then a posted message: after that frame's paint).
//  - card: the mousedown on a search hit to the frame that paints her card
//    (name; for the long-history customer also her first timeline entries).
//  - memory: the proportional set size (Pss in /proc/<pid>/smaps_rollup) of the
//    app process and all its descendants (WebKitWebProcess, WebKitNetworkProcess).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Builder, Key } from "selenium-webdriver";
import { ROOT, byTestId, click, find, retrying, signIn, type } from "../harness.mjs";

// ------------------------------------------------------------------ options

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const RUNS = opt("runs", 5);
const KEYS = opt("keys", 240);
const SEARCHES = opt("searches", 600);
const CARDS = opt("cards", 100);
const CHECKINS = opt("checkins", 20);
const LONG_HISTORY = !argv.includes("--no-long-history");
// --typing-only: just the keystrokes and the cards on the 1M file, searching
// from the page --page names (default Today, whose board ticks every second).
const TYPING_ONLY = argv.includes("--typing-only");
// --launch-only: just the timed launches (empty shop, then the 1M file).
const LAUNCH_ONLY = argv.includes("--launch-only");
const PAGE = argv.includes("--page") ? argv[argv.indexOf("--page") + 1] : "today";
const PORT = Number(process.env.BENCH_DRIVER_PORT ?? 4455);
const APP = process.env.FRONTDESK_APP ?? join(ROOT, "target/release/frontdesk");
const DATA = join(ROOT, "target/bench-data");
const BIG = join(DATA, "shop-1000000.db");
const LONG = join(DATA, "reports-1000000-5000000.db");
const WORK = join(ROOT, "target/bench-desk");
const MANAGER = ["1001", "1234"]; // the bench generator's manager (tests/src/bin/bench.rs)

// ------------------------------------------------------------------ helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 23)}]`, ...a);

function pct(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99), max: pct(xs, 100) });
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : "–");

// A seeded generator so every run types the same queries.
let seed = 20261201;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
const GIVEN = ["美", "丽", "娜", "芳", "敏", "静", "秀", "婷", "雪", "玲", "红", "霞", "燕", "萍", "华", "英", "慧", "颖"];
const PINYIN = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "lin", "gao"];
const INITIALS = "wlzcyhgxsmjtfbq";

/** A query a receptionist types: 4-digit phone tails, names, pinyin initials, pinyin. */
function query(i) {
  switch (i % 5) {
    case 0:
    case 1:
      return String(Math.floor(rnd() * 10000)).padStart(4, "0");
    case 2:
      return pick(SURNAMES) + (rnd() < 0.7 ? pick(GIVEN) : "") + (rnd() < 0.4 ? pick(GIVEN) : "");
    case 3:
      return pick(INITIALS) + pick("mlnjhxyf") + (rnd() < 0.6 ? pick("mlnjhxyf") : "");
    default:
      return pick(PINYIN).slice(0, 2 + Math.floor(rnd() * 3));
  }
}

function portOpen(port) {
  return new Promise((ok) => {
    const s = connect(port, "127.0.0.1");
    s.on("connect", () => {
      s.end();
      ok(true);
    });
    s.on("error", () => ok(false));
  });
}

// ------------------------------------------------------------------ the driver
// Its own port (4455, the native WebKitWebDriver on 4456: an E2E run takes
// 4444 and its WebKitWebDriver 4445), so a bench and an
// E2E run (on 4444, ui/e2e/harness.mjs) can share the machine.

let driverProcess = null;

async function startDriver() {
  if (await portOpen(PORT)) throw new Error(`port ${PORT} is busy (set BENCH_DRIVER_PORT)`);
  const bin = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? "/root", ".cargo/bin/tauri-driver");
  const out = openSync(join(WORK, "driver.log"), "a");
  driverProcess = spawn(bin, ["--port", String(PORT), "--native-port", String(PORT + 1)], {
    stdio: ["ignore", out, out],
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    if (await portOpen(PORT)) return;
    await sleep(100);
  }
  throw new Error(`tauri-driver did not start on :${PORT}`);
}

function stopDriver() {
  if (driverProcess?.pid) {
    try {
      process.kill(-driverProcess.pid, "SIGTERM");
    } catch {
      driverProcess.kill();
    }
  }
  driverProcess = null;
}

// ------------------------------------------------------------------ /proc

function procStat(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, "utf8");
  const rest = s.slice(s.lastIndexOf(")") + 2).split(" ");
  return { ppid: Number(rest[1]), start: Number(rest[19]), cpu: Number(rest[11]) + Number(rest[12]) };
}

/** CPU used by the app's process tree over `ms` of idling, in % of one core. */
async function idleCpu(root, ms) {
  const ticks = () => tree(root).reduce((a, p) => a + (() => { try { return procStat(p).cpu; } catch { return 0; } })(), 0);
  const before = ticks();
  await sleep(ms);
  return ((ticks() - before) / CLK_TCK / (ms / 1000)) * 100;
}

const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString().trim() || 100);

/** The wall-clock instant (epoch ms) a process started, to one clock tick. */
function startedAt(pid) {
  const up = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
  const boot = Date.now() - up * 1000;
  return boot + (procStat(pid).start / CLK_TCK) * 1000;
}

function pids() {
  return readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
}

/** The app process started with this data dir. */
function appPid(dir) {
  for (const pid of pids()) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (args[0].endsWith(basename(APP)) && args.includes(dir)) return pid;
    } catch {
      /* gone */
    }
  }
  return null;
}

function tree(root) {
  const children = new Map();
  for (const pid of pids()) {
    try {
      const { ppid } = procStat(pid);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(pid);
    } catch {
      /* gone */
    }
  }
  const out = [];
  const walk = (p) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

function rollup(pid) {
  const kb = {};
  for (const line of readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").split("\n")) {
    const m = /^(\w+):\s+(\d+) kB/.exec(line);
    if (m) kb[m[1]] = Number(m[2]);
  }
  return kb;
}

/** Pss of the mappings of the data file (SQLite's mmap) in one process, kB. */
function dbMapPss(pid) {
  let inDb = false;
  let sum = 0;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inDb = line.trimEnd().endsWith("/frontdesk.db");
    else if (inDb && line.startsWith("Pss:")) sum += Number(line.split(/\s+/)[1]);
  }
  return sum;
}

/** The process tree's Pss in MB, with each process's share. */
function memory(root) {
  const parts = [];
  for (const pid of tree(root)) {
    try {
      const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      const r = rollup(pid);
      parts.push({
        pid,
        name,
        pss: r.Pss / 1024,
        anon: (r.Pss_Anon ?? 0) / 1024,
        file: (r.Pss_File ?? 0) / 1024,
        shmem: (r.Pss_Shmem ?? 0) / 1024,
        db: pid === root ? dbMapPss(pid) / 1024 : 0,
      });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return { total: parts.reduce((a, p) => a + p.pss, 0), parts };
}

const memLine = (m) =>
  `${f0(m.total)} MB = ` +
  m.parts.map((p) => `${p.name} ${f0(p.pss)} (anon ${f0(p.anon)}, file ${f0(p.file)}${p.db ? `, of it the data file's mmap ${f0(p.db)}` : ""})`).join(" + ");

// ------------------------------------------------------------------ data

function copyShop(template) {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-bench-"));
  copyFileSync(join(template, "frontdesk.db"), join(dir, "frontdesk.db"));
  if (existsSync(join(template, "frontdesk.db-wal"))) copyFileSync(join(template, "frontdesk.db-wal"), join(dir, "frontdesk.db-wal"));
  // No frontdesk.db.running: the last run "closed cleanly".
  return dir;
}

/** Fold the WAL into the file so a copy is one file; without sqlite3, the WAL is copied along. */
function settle(dir) {
  rmSync(join(dir, "frontdesk.db.running"), { force: true });
  const r = spawnSync("sqlite3", [join(dir, "frontdesk.db"), "PRAGMA wal_checkpoint(TRUNCATE);"]);
  if (r.status !== 0) log("sqlite3 not available: the templates keep their WAL");
}

function ensureBigFile() {
  if (existsSync(BIG)) return;
  log(`${BIG} is missing: generating it (about 5 minutes)`);
  execFileSync(
    "cargo",
    ["run", "--release", "-p", "frontdesk-tests", "--bin", "bench", "--", "--customers", "1000000", "--queries", "10"],
    { cwd: ROOT, stdio: "inherit" },
  );
}

// ------------------------------------------------------------------ the app

async function launch(dir) {
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${PORT}/`)
    .withCapabilities({ browserName: "wry", "tauri:options": { application: APP, args: ["--data-dir", dir] } })
    .build();
  let pid = null;
  for (let i = 0; i < 250 && !pid; i++) {
    pid = appPid(dir);
    if (!pid) await sleep(20);
  }
  if (!pid) throw new Error(`no app process for ${dir}`);
  return { driver, pid, dir, spawned: startedAt(pid) };
}

async function quit(app) {
  await app.driver.quit().catch(() => {});
  for (let i = 0; i < 100; i++) {
    if (!existsSync(`/proc/${app.pid}`)) return;
    await sleep(50);
  }
  try {
    process.kill(app.pid, "SIGKILL");
  } catch {
    /* gone */
  }
}

// Installed in the page as soon as it is the app's: stamps the first frame
// in which the sign-in form's staff number can be typed into.
const READY_SCRIPT = `
  const sel = '[data-testid="signin-staff-no"]';
  const ready = () => { const el = document.querySelector(sel); return !!el && !el.disabled; };
  if (location.protocol === "about:") return { page: false };
  if (!window.__fdReady && !window.__fdWatching) {
    window.__fdWatching = true;
    const stamp = (already) => requestAnimationFrame(() => {
      window.__fdReady = { at: performance.timeOrigin + performance.now(), already };
    });
    if (ready()) stamp(true);
    else {
      const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); stamp(false); } });
      mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
    }
  }
  const nav = performance.getEntriesByType("navigation")[0];
  const js = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".js"));
  return {
    page: true,
    ready: window.__fdReady ?? null,
    origin: performance.timeOrigin,
    dcl: nav ? nav.domContentLoadedEventEnd : null,
    jsEnd: js ? js.responseEnd : null,
  };
`;

/** Launch and time process start → usable sign-in form. */
async function timedLaunch(dir) {
  const app = await launch(dir);
  let seen = null;
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    seen = await app.driver.executeScript(READY_SCRIPT).catch(() => null);
    if (seen?.ready) break;
    await sleep(5);
  }
  if (!seen?.ready) throw new Error("the sign-in form did not become usable");
  // The app's first log line ("starting", in the setup hook) against the spawn.
  const first = /^(\S+Z)\s+INFO starting/.exec(appLog(dir));
  return {
    app,
    ms: seen.ready.at - app.spawned,
    pageMs: seen.origin - app.spawned,
    setupMs: first ? Date.parse(first[1]) - app.spawned : NaN,
    dclMs: seen.dcl ? seen.origin + seen.dcl - app.spawned : NaN,
    already: seen.ready.already,
  };
}

/** The app's own log lines of this start (what it did before the window). */
function appLog(dir) {
  try {
    const logs = join(dir, "logs");
    return readdirSync(logs)
      .map((f) => readFileSync(join(logs, f), "utf8"))
      .join("")
      .trim()
      .split("\n")
      .slice(0, 8)
      .join("\n");
  } catch {
    return "";
  }
}

// ------------------------------------------------------------------ in-page probes

// Keystrokes in the global search and mousedowns on its hits, timed to the
// painted frame. window.__fdKeys[i] is the i-th input event; __fdCards[j] the
// j-th mousedown on a hit.
const PROBE_SCRIPT = `
  if (window.__fdProbe) return true;
  window.__fdProbe = true;
  const keys = (window.__fdKeys = []);
  const cards = (window.__fdCards = []);
  const rel = (e) => (e.timeStamp > 1e12 ? e.timeStamp - performance.timeOrigin : e.timeStamp);
  const afterPaint = (done) =>
    requestAnimationFrame(() => {
      const raf = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => done(raf, performance.now());
      ch.port2.postMessage(0);
    });
  let pendingKey = null;
  let pendingCard = null;
  const list = () => document.querySelector('[data-testid="search-results"]');
  const check = () => {
    const k = pendingKey;
    if (k) {
      const l = list();
      if (!l) k.sawGone = true;
      else {
        const q = l.getAttribute("data-query");
        if (q !== null ? q === k.q : k.sawGone) {
          pendingKey = null;
          k.hits = l.querySelectorAll('[data-testid="search-hit"]').length;
          k.first = l.querySelector('.fd-search-hit-name')?.textContent ?? null;
          afterPaint((raf, painted) => { k.raf = raf - k.t0; k.ms = painted - k.t0; k.done = true; });
        }
      }
    }
    const c = pendingCard;
    if (c && c.firstMutation === undefined) c.firstMutation = performance.now() - c.t0;
    if (c) {
      const name = document.querySelector('[data-testid="customer-card-name"]')?.textContent ?? "";
      if (!c.nameSeen && c.name && name.includes(c.name)) {
        c.nameSeen = true;
        c.nameSeenMs = performance.now() - c.t0;
        const sw = performance.getEntriesByName("fd:card-switch").at(-1);
        if (sw && sw.startTime >= c.t0) c.switchMs = sw.startTime - c.t0;
        afterPaint((raf, painted) => { c.nameMs = painted - c.t0; if (!c.wantTimeline) { c.done = true; pendingCard = null; } });
      }
      if (c.nameSeen && c.wantTimeline && !c.timelineSeen && document.querySelectorAll('[data-testid="timeline-event"]').length > 0) {
        c.timelineSeen = true;
        pendingCard = null;
        afterPaint((raf, painted) => { c.timelineMs = painted - c.t0; c.done = true; });
      }
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener("input", (e) => {
    if (!(e.target instanceof HTMLInputElement) || e.target.getAttribute("data-testid") !== "global-search") return;
    const k = { q: e.target.value.trim(), t0: rel(e), dispatch: performance.now() - rel(e), sawGone: !list(), done: false };
    keys.push(k);
    if (!k.q) { k.done = true; k.skip = true; pendingKey = null; } else pendingKey = k;
  }, true);
  document.addEventListener("mousedown", (e) => {
    const hit = e.target instanceof Element ? e.target.closest('[data-testid="search-hit"]') : null;
    if (!hit) return;
    const c = { t0: rel(e), name: hit.querySelector(".fd-search-hit-name")?.textContent ?? "", wantTimeline: !!window.__fdWantTimeline, done: false };
    cards.push(c);
    pendingCard = c;
  }, true);
  return true;
`;

const WAIT_SCRIPT = `
  const [which, i, cb] = arguments;
  const end = Date.now() + 10000;
  const tick = () => {
    const r = window[which][i];
    if (r && r.done) cb(r);
    else if (Date.now() > end) cb(r ?? null);
    else setTimeout(tick, 1);
  };
  tick();
`;

async function count(driver, which) {
  return driver.executeScript(`return window.${which}.length`);
}

/** Clear the box, then type `text` one key at a time; each keystroke's timing. */
async function typeQuery(driver, box, text) {
  const out = [];
  await box.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
  for (const ch of text) {
    const i = await count(driver, "__fdKeys");
    await box.sendKeys(ch);
    const r = await driver.executeAsyncScript(WAIT_SCRIPT, "__fdKeys", i);
    if (!r || !r.done) throw new Error(`no results painted for ${text} (key ${i})`);
    if (!r.skip) out.push(r);
  }
  return out;
}

/** Click the first hit (searching `text` first) and time it to the painted card. */
async function openCard(driver, box, text) {
  await typeQuery(driver, box, text);
  const hits = await driver.findElements(byTestId("search-hit"));
  if (!hits.length) return null;
  const j = await count(driver, "__fdCards");
  await hits[0].click();
  const r = await driver.executeAsyncScript(WAIT_SCRIPT, "__fdCards", j);
  if (!r || !r.done) throw new Error(`the card of the hit for ${text} was not painted`);
  await find(driver, "customer-card");
  return r;
}

async function searchBox(driver) {
  return retrying("the search box", async () => {
    const box = await find(driver, "global-search");
    await box.click();
    return box;
  });
}

// ------------------------------------------------------------------ scenarios

async function makeEmptyTemplate() {
  const dir = join(WORK, "empty");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const app = await launch(dir);
  const d = app.driver;
  await find(d, "setup-screen", 30_000);
  await type(d, "setup-shop-name", "基准测试店");
  await type(d, "setup-staff-no", MANAGER[0]);
  await type(d, "setup-name", "王店长");
  await type(d, "setup-pin", MANAGER[1]);
  await type(d, "setup-pin-confirm", MANAGER[1]);
  await click(d, "setup-submit");
  await find(d, "today-page");
  await quit(app);
  settle(dir);
  return dir;
}

/** Copy a big file into a template dir and open it once (any upgrade happens here). */
async function makeTemplate(src, name) {
  const dir = join(WORK, name);
  const made = join(dir, "frontdesk.db");
  // Kept between runs while newer than both the source file and the app.
  if (existsSync(made) && statSync(made).mtimeMs > Math.max(statSync(src).mtimeMs, statSync(APP).mtimeMs)) {
    log(`reusing ${made}`);
    return { dir, firstMs: NaN };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t = Date.now();
  copyFileSync(src, join(dir, "frontdesk.db"));
  log(`copied ${src} (${f0(statSync(src).size / 1e6)} MB) in ${f0((Date.now() - t) / 1000)} s`);
  const first = await timedLaunch(dir);
  log(`first launch on the copy (includes any schema upgrade): ${f0(first.ms)} ms`);
  await quit(first.app);
  rmSync(join(dir, "backups"), { recursive: true, force: true });
  settle(dir);
  return { dir, firstMs: first.ms };
}

async function launches(template, label) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = copyShop(template);
    const r = await timedLaunch(dir);
    runs.push({ ms: r.ms, pageMs: r.pageMs, setupMs: r.setupMs, dclMs: r.dclMs, already: r.already });
    log(
      `${label} launch ${i + 1}: ${f0(r.ms)} ms (setup hook's first log line at +${f0(r.setupMs)} ms, ` +
        `page's time origin at +${f0(r.pageMs)}, DOMContentLoaded at +${f0(r.dclMs)}` +
        `${r.already ? "; form already there at the first look" : ""}; load ${loadavg()[0].toFixed(2)})`,
    );
    if (i === 0) log(appLog(dir));
    await quit(r.app);
    rmSync(dir, { recursive: true, force: true });
  }
  return runs;
}

async function signedIn(template) {
  const dir = copyShop(template);
  const r = await timedLaunch(dir);
  await signIn(r.app.driver, ...MANAGER);
  await r.app.driver.executeScript(PROBE_SCRIPT);
  return r.app;
}

const NAV = ["nav-today", "nav-customers", "nav-appointments", "nav-followups", "nav-reports", "nav-gifts"];

/** A compressed hour at the desk; returns what it did and its timings. */
async function deskHour(app) {
  const d = app.driver;
  const started = Date.now();
  const keys = [];
  const cards = [];
  let pages = 0;
  let checkins = 0;
  const cardEvery = Math.max(1, Math.floor(SEARCHES / CARDS));
  const checkinEvery = Math.max(1, Math.floor(CARDS / Math.max(CHECKINS, 1)));
  for (let i = 0; i < SEARCHES; i++) {
    const box = await searchBox(d);
    const text = query(i);
    if (i % cardEvery === 0 && cards.length < CARDS) {
      const c = await openCard(d, box, text);
      if (c) {
        cards.push(c);
        if (CHECKINS && cards.length % checkinEvery === 0 && checkins < CHECKINS) {
          const btn = await d.findElements(byTestId("card-check-in"));
          if (btn.length) {
            await retrying("check in", () => btn[0].click());
            await find(d, "visit-page").catch(() => null);
            checkins++;
          }
        }
      }
    } else {
      keys.push(...(await typeQuery(d, box, text)));
      await box.sendKeys(Key.ESCAPE);
    }
    if (i % 20 === 19) {
      await click(d, NAV[pages % NAV.length]).catch(() => {});
      pages++;
      await sleep(150);
    }
    if (i % 100 === 99) log(`  hour: ${i + 1}/${SEARCHES} searches, ${cards.length} cards, ${pages} page switches, ${checkins} check-ins, PSS ${f0(memory(app.pid).total)} MB`);
  }
  return { keys, cards, pages, checkins, minutes: (Date.now() - started) / 60000 };
}

// ------------------------------------------------------------------ main

async function main() {
  if (!existsSync(APP)) throw new Error(`${APP} is missing: run make bench-desk (it builds the release app)`);
  mkdirSync(WORK, { recursive: true });
  ensureBigFile();
  await startDriver();
  const results = { when: new Date().toISOString(), app: APP, load: loadavg() };
  try {
    // Templates.
    log("making the empty shop");
    const empty = await makeEmptyTemplate();
    log("copying the 1M-customer shop");
    const big = await makeTemplate(BIG, "shop-1000000");
    results.bigFirstLaunchMs = big.firstMs;

    // (a) launch → usable sign-in.
    results.launchEmpty = TYPING_ONLY ? [] : await launches(empty, "empty shop");
    results.launchBig = TYPING_ONLY ? [] : await launches(big.dir, "1M customers");
    if (LAUNCH_ONLY) {
      for (const [what, xs] of [["empty shop", results.launchEmpty], ["1M customers", results.launchBig]]) {
        const st = stats(xs.map((x) => x.ms));
        console.log(`launch → usable sign-in, ${what}: n ${st.n}, p50 ${st.p50} ms, max ${st.max} ms`);
      }
      return;
    }

    // (d0) idle memory, empty shop: signed in, 20 s on Today.
    if (!TYPING_ONLY) {
      const app = await signedIn(empty);
      results.cpuEmpty = await idleCpu(app.pid, 20_000);
      results.memEmpty = memory(app.pid);
      log(`empty shop, signed in, idle 20 s: ${memLine(results.memEmpty)}`);
      await quit(app);
      rmSync(app.dir, { recursive: true, force: true });
    }

    // (b)(c)(d) on the 1M file: keystrokes, cards, then the hour.
    big1m: {
      const app = await signedIn(big.dir);
      const d = app.driver;
      results.cpuBig = await idleCpu(app.pid, 10_000);
      results.memBigSignedIn = memory(app.pid);
      log(`1M, signed in, idle on Today: the process tree used ${f0(results.cpuBig)}% of a core`);
      log(`1M, signed in: ${memLine(results.memBigSignedIn)}`);
      await click(d, `nav-${PAGE}`);
      results.page = PAGE;
      results.cpuBigPage = await idleCpu(app.pid, 10_000);
      log(`1M, idle on ${PAGE}: the process tree used ${f0(results.cpuBigPage)}% of a core`);
      const keys = [];
      for (let i = 0; keys.length < KEYS; i++) {
        const box = await searchBox(d);
        keys.push(...(await typeQuery(d, box, query(i))));
        if (i % 10 === 9) log(`  typed ${keys.length} keys`);
      }
      results.keys = keys;
      results.dataQuery = await d.executeScript(
        `return document.querySelector('[data-testid="search-results"]')?.hasAttribute("data-query") ?? null`,
      );
      const cards = [];
      for (let i = 0; cards.length < 30 && i < 200; i++) {
        await click(d, `nav-${PAGE}`);
        // A page may focus its own field as it mounts (Customers does): let it, then click the box.
        await sleep(300);
        const c = await openCard(d, await searchBox(d), query(i * 5));
        if (c) cards.push(c);
        if (i % 10 === 9) log(`  opened ${cards.length} cards`);
      }
      results.cards = cards;
      if (TYPING_ONLY) {
        await quit(app);
        rmSync(app.dir, { recursive: true, force: true });
        break big1m;
      }
      results.hour = await deskHour(app);
      results.memBigHour = memory(app.pid);
      log(`1M, after the hour: ${memLine(results.memBigHour)}`);
      await click(d, "nav-today");
      results.cpuBigHour = await idleCpu(app.pid, 30_000);
      results.memBigHourIdle = memory(app.pid);
      log(`1M, after the hour + 30 s idle: ${memLine(results.memBigHourIdle)}`);
      await quit(app);
      rmSync(app.dir, { recursive: true, force: true });
    }

    // (c') the card of a customer with a long history (the reports bench's file).
    if (LONG_HISTORY && !TYPING_ONLY && existsSync(LONG)) {
      const idFile = LONG.replace(/\.db$/, ".long-history");
      const id = existsSync(idFile) ? readFileSync(idFile, "utf8").trim() : null;
      const who = id
        ? spawnSync("sqlite3", [`file:${LONG}?immutable=1`, `SELECT phone, name, (SELECT count(*) FROM visits WHERE customer_id = ${Number(id)}) FROM customers WHERE id = ${Number(id)}`])
        : null;
      const [phone, name, visits] = who?.status === 0 ? who.stdout.toString().trim().split("|") : [];
      if (phone) {
        log(`the long-history customer: ${visits} visits`);
        const long = await makeTemplate(LONG, "reports");
        const app = await signedIn(long.dir);
        const d = app.driver;
        await d.executeScript("window.__fdWantTimeline = true");
        const cards = [];
        for (let i = 0; i < 20; i++) {
          await click(d, `nav-${PAGE}`);
          await sleep(200);
          const c = await openCard(d, await searchBox(d), phone);
          if (c && c.name.includes(name)) cards.push(c);
        }
        results.longCards = { visits: Number(visits), cards };
        results.memLong = memory(app.pid);
        await quit(app);
        rmSync(app.dir, { recursive: true, force: true });
        rmSync(long.dir, { recursive: true, force: true });
      } else log("no long-history customer found (needs sqlite3 and the reports bench's file): skipped");
    }
  } finally {
    stopDriver();
  }
  report(results);
}

function report(r) {
  const row = (what, s, target) =>
    `| ${what} | ${s.n} | ${f1(s.p50)} | ${f1(s.p99)} | ${f1(s.max)} | ${target} |`;
  const lines = [];
  lines.push(`Desk benchmark of ${r.when}, ${r.app}; 1-minute load average at the start ${r.load?.[0]?.toFixed(2)}, at the end ${loadavg()[0].toFixed(2)}`);
  lines.push("");
  lines.push("| what | n | p50 ms | p99 ms | max ms | target |");
  lines.push("| --- | ---: | ---: | ---: | ---: | --- |");
  const has = (x) => x && x.length;
  if (has(r.launchEmpty)) {
  lines.push(row("launch → usable sign-in, empty shop", stats(r.launchEmpty.map((x) => x.ms)), "—"));
  lines.push(row("launch → usable sign-in, 1M customers", stats(r.launchBig.map((x) => x.ms)), "≤ 1000"));
  lines.push(row("… of it, launch → the setup hook's first log line, 1M", stats(r.launchBig.map((x) => x.setupMs)), "—"));
  lines.push(row("… of it, launch → the page's time origin, 1M", stats(r.launchBig.map((x) => x.pageMs)), "—"));
  lines.push(row("… of it, launch → DOMContentLoaded, 1M", stats(r.launchBig.map((x) => x.dclMs)), "—"));
  }
  lines.push(row(`keystroke → painted results, 1M (typing on ${r.page})`, stats(r.keys.map((k) => k.ms)), "≤ 50 p99"));
  if (r.hour) lines.push(row("keystroke → painted results, 1M (during the hour)", stats(r.hour.keys.map((k) => k.ms)), "≤ 50 p99"));
  lines.push(row("… of it, the event's dispatch (timeStamp → listener)", stats(r.keys.map((k) => k.dispatch)), "—"));
  lines.push(row(`click a hit → card painted, 1M (from ${r.page})`, stats(r.cards.map((c) => c.nameMs)), "≤ 50"));
  const known = (xs) => xs.filter((x) => typeof x === "number");
  lines.push(row("… of it, mousedown → her name in the page", stats(known(r.cards.map((c) => c.nameSeenMs))), "—"));
  lines.push(row("… of it, mousedown → the page's first change", stats(known(r.cards.map((c) => c.firstMutation))), "—"));
  lines.push(row("… of it, mousedown → the switch (her card answered)", stats(known(r.cards.map((c) => c.switchMs))), "—"));
  if (r.hour) lines.push(row("click a hit → card painted, 1M (during the hour)", stats(r.hour.cards.map((c) => c.nameMs)), "≤ 50"));
  if (r.longCards) {
    lines.push(row(`click a hit → card painted, ${r.longCards.visits}-visit customer (name)`, stats(r.longCards.cards.map((c) => c.nameMs)), "≤ 50"));
    lines.push(row(`click a hit → card painted, ${r.longCards.visits}-visit customer (with her timeline)`, stats(r.longCards.cards.map((c) => c.timelineMs)), "≤ 50"));
  }
  lines.push("");
  lines.push(`CPU of the process tree idle on ${r.page} before typing (% of one core): ${f0(r.cpuBigPage)}`);
  if (!r.hour) {
    const text = lines.join("\n");
    console.log(text);
    writeFileSync(join(WORK, "last.md"), text + "\n");
    return;
  }
  lines.push(`First launch on the copied 1M file (includes any schema upgrade): ${f0(r.bigFirstLaunchMs)} ms`);
  lines.push(`CPU of the process tree idle on Today (% of one core): empty shop ${f0(r.cpuEmpty)}, 1M ${f0(r.cpuBig)}, 1M after the hour ${f0(r.cpuBigHour)}`);
  lines.push(`Results list names its query (data-query): ${r.dataQuery}`);
  lines.push(`Hour: ${SEARCHES} searches typed key by key (${r.hour.keys.length + r.hour.cards.length} timed keystrokes and card opens), ${r.hour.cards.length} cards opened from a hit, ${r.hour.pages} page switches, ${r.hour.checkins} check-ins, in ${f1(r.hour.minutes)} min`);
  lines.push("");
  lines.push("| memory (process tree PSS) | MB | parts |");
  lines.push("| --- | ---: | --- |");
  const mem = (what, m) => lines.push(`| ${what} | ${f0(m.total)} | ${memLine(m).replace(/^[^=]*= /, "")} |`);
  mem("empty shop, signed in, idle 20 s", r.memEmpty);
  mem("1M, signed in", r.memBigSignedIn);
  mem("1M, after the hour (target ≤ 250)", r.memBigHour);
  mem("1M, after the hour + 30 s idle", r.memBigHourIdle);
  if (r.memLong) mem("reports file, after 20 long-history cards", r.memLong);
  const text = lines.join("\n");
  console.log(text);
  writeFileSync(join(WORK, "last.md"), text + "\n");
  writeFileSync(join(WORK, "last.json"), JSON.stringify(r, null, 1));
}

main().catch((e) => {
  console.error(e);
  stopDriver();
  process.exit(1);
});
