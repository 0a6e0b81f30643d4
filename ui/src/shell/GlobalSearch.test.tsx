// The header's search box against a fake backend: it searches on every
// keystroke with no debounce, the latest request wins (a late answer to an
// older text is dropped), Enter opens the top hit, and the card of the
// highlighted hit is asked for ahead of the click, and the list closes when the
// page has switched to her card.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CustomerHit } from "../bindings/CustomerHit";
import i18n from "../i18n";

type Pending = { query: string; resolve: (hits: CustomerHit[]) => void };
let pending: Pending[] = [];
/** The customers whose card was asked for, in order. */
let cardsAsked: number[] = [];

vi.mock("../api/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("../api/client")>();
  return {
    ...real,
    call: (command: string, req: { query: string } | number) => {
      if (command === "get_customer" && typeof req === "number") {
        cardsAsked.push(req);
        return new Promise(() => {});
      }
      if (command !== "search_customers" || typeof req === "number") throw new Error(`unexpected ${command}`);
      return new Promise<CustomerHit[]>((resolve) => pending.push({ query: req.query, resolve }));
    },
  };
});

import { forgetCards } from "../customers/cardCache";
import { GlobalSearch } from "./GlobalSearch";

const hit = (id: number, name: string, phone: string): CustomerHit =>
  ({ id, name, phone, card_no: null, vip: false, alert: null, matched: "name", address_as: "" });

/** Answer the oldest unanswered search for `query`. */
async function answer(query: string, hits: CustomerHit[]) {
  const i = pending.findIndex((p) => p.query === query);
  expect(i, `a search for ${query} was sent`).toBeGreaterThanOrEqual(0);
  const [p] = pending.splice(i, 1);
  await act(async () => p?.resolve(hits));
}

const names = () => screen.queryAllByTestId("search-hit").map((h) => h.textContent ?? "");

describe("GlobalSearch", () => {
  beforeAll(async () => {
    await i18n.changeLanguage("zh-CN");
  });
  beforeEach(() => {
    pending = [];
    cardsAsked = [];
    forgetCards();
  });

  it("searches on the keystroke itself, without waiting for a debounce", async () => {
    vi.useFakeTimers();
    try {
      render(<GlobalSearch onOpen={() => {}} />);
      const box = screen.getByTestId("global-search");
      fireEvent.change(box, { target: { value: "5678" } });
      // No timer has run: the request is already out.
      expect(pending.map((p) => p.query)).toEqual(["5678"]);
      await answer("5678", [hit(1, "李美华", "13812345678")]);
      expect(names()).toHaveLength(1);
      expect(screen.getByTestId("search-results")).toHaveAttribute("data-query", "5678");
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends one search per keystroke and drops an answer to an older text", async () => {
    render(<GlobalSearch onOpen={() => {}} />);
    const box = screen.getByTestId("global-search");
    fireEvent.change(box, { target: { value: "l" } });
    fireEvent.change(box, { target: { value: "lm" } });
    fireEvent.change(box, { target: { value: "lmh" } });
    expect(pending.map((p) => p.query)).toEqual(["l", "lm", "lmh"]);
    // The newest answers first; the older ones arrive late and are dropped.
    await answer("lmh", [hit(1, "李美华", "13812345678")]);
    await answer("l", [hit(2, "刘洋", "13900001111"), hit(3, "李娜", "13700002222")]);
    await answer("lm", [hit(4, "刘明", "13600003333")]);
    expect(names()).toHaveLength(1);
    expect(names()[0]).toContain("李美华");
    expect(screen.getByTestId("search-results")).toHaveAttribute("data-query", "lmh");
  });

  it("shows no list while the results of the text in the box are on their way", async () => {
    render(<GlobalSearch onOpen={() => {}} />);
    const box = screen.getByTestId("global-search");
    fireEvent.change(box, { target: { value: "li" } });
    await answer("li", [hit(2, "李娜", "13700002222")]);
    expect(names()).toHaveLength(1);
    fireEvent.change(box, { target: { value: "liu" } });
    // The hits of "li" are not shown as if they were the hits of "liu".
    expect(screen.queryByTestId("search-results")).toBeNull();
    await answer("liu", [hit(3, "刘洋", "13900001111"), hit(5, "刘明", "13600003333")]);
    expect(names()).toHaveLength(2);
  });

  it("opens the top hit with Enter, searching the exact text when its results are not in yet", async () => {
    const onOpen = vi.fn();
    render(<GlobalSearch onOpen={onOpen} />);
    const box = screen.getByTestId("global-search");
    fireEvent.change(box, { target: { value: "A1001" } });
    // A scanner's Enter comes before the keystroke's answer.
    fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(pending.filter((p) => p.query === "A1001")).toHaveLength(2));
    await answer("A1001", [hit(9, "张三", "13500009999")]);
    await answer("A1001", [hit(9, "张三", "13500009999")]);
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(9));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(box).toHaveValue("");
  });

  it("opens the highlighted hit after ↓", async () => {
    const onOpen = vi.fn();
    render(<GlobalSearch onOpen={onOpen} />);
    const box = screen.getByTestId("global-search");
    fireEvent.change(box, { target: { value: "li" } });
    await answer("li", [hit(2, "李娜", "13700002222"), hit(3, "李美华", "13812345678")]);
    fireEvent.keyDown(box, { key: "ArrowDown" });
    fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(3));
  });

  it("asks for the top hit's card once typing pauses, and for the highlighted one after ↓", async () => {
    vi.useFakeTimers();
    try {
      render(<GlobalSearch onOpen={() => {}} />);
      const box = screen.getByTestId("global-search");
      fireEvent.focus(box);
      fireEvent.change(box, { target: { value: "li" } });
      await answer("li", [hit(2, "李娜", "13700002222"), hit(3, "李美华", "13812345678")]);
      // Still typing: nothing asked yet.
      await act(async () => vi.advanceTimersByTime(50));
      expect(cardsAsked).toEqual([]);
      await act(async () => vi.advanceTimersByTime(200));
      expect(cardsAsked).toEqual([2]);
      fireEvent.keyDown(box, { key: "ArrowDown" });
      await act(async () => vi.advanceTimersByTime(200));
      expect(cardsAsked).toEqual([2, 3]);
      // Asked once: moving back within the fresh window asks nothing more.
      fireEvent.keyDown(box, { key: "ArrowUp" });
      await act(async () => vi.advanceTimersByTime(200));
      expect(cardsAsked).toEqual([2, 3]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("asks for the card of the hit under the pointer, and keeps the list until the page has switched", async () => {
    let switched = () => {};
    const onOpen = vi.fn(() => new Promise<void>((r) => (switched = r)));
    render(<GlobalSearch onOpen={onOpen} />);
    const box = screen.getByTestId("global-search");
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: "li" } });
    await answer("li", [hit(2, "李娜", "13700002222"), hit(3, "李美华", "13812345678")]);
    const hits = screen.getAllByTestId("search-hit");
    fireEvent.mouseEnter(hits[1]!);
    expect(cardsAsked).toEqual([3]);
    fireEvent.mouseDown(hits[1]!);
    expect(onOpen).toHaveBeenCalledWith(3);
    // The shell may wait a moment for her card: the list stays until it switches.
    await act(async () => {});
    expect(screen.getByTestId("search-results")).toBeInTheDocument();
    await act(async () => switched());
    await waitFor(() => expect(screen.queryByTestId("search-results")).toBeNull());
    expect(box).toHaveValue("");
  });
});
