// The cards asked for ahead of a click: one request per card while it is
// fresh, an older answer shown but re-asked, a failed request forgotten, a
// command's own answer kept, and nothing kept past the session.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CustomerCard } from "../bindings/CustomerCard";

type Asked = { id: number; resolve: (c: CustomerCard) => void; reject: (e: unknown) => void };
let asked: Asked[] = [];

vi.mock("../api/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("../api/client")>();
  return {
    ...real,
    call: (command: string, id: number) => {
      if (command !== "get_customer") throw new Error(`unexpected ${command}`);
      return new Promise<CustomerCard>((resolve, reject) => asked.push({ id, resolve, reject }));
    },
  };
});

import { FRESH_MS, cachedCard, cardReady, forgetCards, prefetchCard, rememberCard } from "./cardCache";

const card = (id: number, name: string): CustomerCard => ({ id, card: { name } }) as unknown as CustomerCard;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("cardCache", () => {
  beforeEach(() => {
    asked = [];
    forgetCards();
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => vi.useRealTimers());

  it("asks once while fresh, and hands out the answer", async () => {
    const a = prefetchCard(7);
    const b = prefetchCard(7);
    expect(asked.map((x) => x.id)).toEqual([7]);
    expect(cachedCard(7)).toBeNull();
    asked[0]!.resolve(card(7, "李美华"));
    expect(await a).toEqual(await b);
    await settle();
    expect(cachedCard(7)).toEqual({ card: card(7, "李美华"), fresh: true });
  });

  it("shows an older answer as not fresh and asks again for it", async () => {
    void prefetchCard(7);
    asked[0]!.resolve(card(7, "李美华"));
    await settle();
    vi.setSystemTime(Date.now() + FRESH_MS + 1);
    expect(cachedCard(7)?.fresh).toBe(false);
    void prefetchCard(7);
    expect(asked.map((x) => x.id)).toEqual([7, 7]);
  });

  it("forgets a request that failed", async () => {
    const p = prefetchCard(8);
    asked[0]!.reject(new Error("gone"));
    await expect(p).rejects.toThrow("gone");
    await settle();
    expect(cachedCard(8)).toBeNull();
    void prefetchCard(8);
    expect(asked).toHaveLength(2);
  });

  it("keeps a card a command returned as the newest, over an answer still on its way", async () => {
    void prefetchCard(9);
    rememberCard(card(9, "改名后"));
    asked[0]!.resolve(card(9, "改名前"));
    await settle();
    expect(cachedCard(9)?.card.card.name).toBe("改名后");
  });

  it("keeps only the last few cards, and none after forgetCards", async () => {
    for (let id = 1; id <= 12; id++) rememberCard(card(id, `#${id}`));
    expect(cachedCard(1)).toBeNull();
    expect(cachedCard(12)?.card.card.name).toBe("#12");
    forgetCards();
    expect(cachedCard(12)).toBeNull();
  });

  it("is ready when her card is answered, or refused, or the wait is over: whichever is first", async () => {
    vi.useFakeTimers();
    const states: string[] = [];
    void cardReady(1, 150).then(() => states.push("answered"));
    void cardReady(2, 150).then(() => states.push("refused"));
    void cardReady(3, 150).then(() => states.push("waited"));
    expect(asked.map((x) => x.id)).toEqual([1, 2, 3]);
    await vi.advanceTimersByTimeAsync(10);
    expect(states).toEqual([]);
    asked[0]!.resolve(card(1, "李美华"));
    asked[1]!.reject(new Error("no such customer"));
    await vi.advanceTimersByTimeAsync(1);
    expect(states).toEqual(["answered", "refused"]);
    expect(cachedCard(1)?.card.card.name).toBe("李美华");
    await vi.advanceTimersByTimeAsync(138);
    expect(states).toEqual(["answered", "refused"]);
    await vi.advanceTimersByTimeAsync(2);
    expect(states).toEqual(["answered", "refused", "waited"]);
    // Her card, once here, makes the next wait none at all.
    void cardReady(1, 150).then(() => states.push("again"));
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe("again");
    expect(asked).toHaveLength(3);
  });
});
