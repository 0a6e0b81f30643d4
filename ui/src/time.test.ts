// Every time on screen is the shop's, whatever zone the computer is in. The
// test run's zone is America/Los_Angeles (vite.config.ts); the shop is in
// Shanghai, 16 hours ahead in November.
import { clock, dayAndTime, formatDateTime, instant, setShopZone, shopDateOf, wall, day, syncDeskClock, shopToday } from "./time";

// 2026-11-23 02:05 UTC: 10:05 in Shanghai, 18:05 the day before in Los Angeles.
const T = Date.UTC(2026, 10, 23, 2, 5);

describe("time at the desk", () => {
  beforeEach(() => setShopZone("Asia/Shanghai"));

  it("runs in a computer zone that differs from the shop's", () => {
    expect(new Date(T).getTimezoneOffset()).toBe(480);
  });

  it("shows instants on the shop's clock and date", () => {
    expect(clock(T)).toBe("10:05");
    expect(shopDateOf(T)).toBe("2026-11-23");
    expect(formatDateTime(T, "zh-CN")).toBe("2026/11/23 10:05");
    expect(formatDateTime(T, "en")).toBe("23/11/2026, 10:05");
    expect(wall(T).format("YYYY-MM-DD HH:mm")).toBe("2026-11-23 10:05");
  });

  it("reads a time typed at the desk on the shop's clock", () => {
    expect(instant(day("2026-11-23T10:05"))).toBe(T);
    expect(instant(wall(T))).toBe(T);
  });

  it("follows the shop's zone when it is another", () => {
    setShopZone("Asia/Urumqi");
    expect(clock(T)).toBe("08:05");
    setShopZone("Europe/London");
    expect(clock(T)).toBe("02:05");
    expect(instant(day("2026-11-23T02:05"))).toBe(T);
  });

  it("gives the date with the time when it is not today", () => {
    syncDeskClock(T);
    expect(shopToday()).toBe("2026-11-23");
    expect(dayAndTime(T, "zh-CN")).toBe("10:05");
    expect(dayAndTime(T - 86_400_000, "zh-CN")).toBe("11月22日 10:05");
  });
});
