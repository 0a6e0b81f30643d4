// The shared catalogue and stylists: one fetch for every screen showing them,
// fetched again when invalidated, failures reported to each screen.
import { act, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

const fetched: string[] = [];
let stylists: () => unknown = () => [];

vi.mock("./client", async (importOriginal) => {
  const real = await importOriginal<typeof import("./client")>();
  return {
    ...real,
    call: async (command: string) => {
      fetched.push(command);
      if (command === "list_stylists") return stylists();
      return { services: [{ id: 1, name: "深层清洁" }], products: [], metrics: [] };
    },
  };
});

import { invalidateShared, useCatalog, useStylists } from "./shared";

function Names({ id, onError }: { id: string; onError?: (e: unknown) => void }) {
  const list = useStylists(onError);
  return <p data-testid={id}>{list.map((s) => s.name).join(",")}</p>;
}

function Menu() {
  const catalog = useCatalog();
  return <p data-testid="menu">{catalog?.services.map((s) => s.name).join(",") ?? "…"}</p>;
}

beforeEach(() => {
  invalidateShared();
  fetched.length = 0;
  stylists = () => [{ id: 3, staff_no: "3003", name: "陈静" }];
});

describe("shared data", () => {
  it("is fetched once for every screen that shows it", async () => {
    render(
      <>
        <Names id="a" />
        <Names id="b" />
        <Menu />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId("b")).toHaveTextContent("陈静"));
    expect(screen.getByTestId("a")).toHaveTextContent("陈静");
    await waitFor(() => expect(screen.getByTestId("menu")).toHaveTextContent("深层清洁"));
    expect(fetched.sort()).toEqual(["get_catalog", "list_stylists"]);
  });

  it("is fetched again when a save invalidates it, and every screen shows the new list", async () => {
    render(
      <>
        <Names id="a" />
        <Names id="b" />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId("a")).toHaveTextContent("陈静"));
    stylists = () => [
      { id: 3, staff_no: "3003", name: "陈静" },
      { id: 5, staff_no: "3005", name: "赵雪" },
    ];
    act(() => invalidateShared("list_stylists"));
    await waitFor(() => expect(screen.getByTestId("b")).toHaveTextContent("陈静,赵雪"));
    expect(screen.getByTestId("a")).toHaveTextContent("陈静,赵雪");
    expect(fetched.filter((c) => c === "list_stylists")).toHaveLength(2);
  });

  it("reports a failure to each screen that asked, instead of showing an empty list silently", async () => {
    stylists = () => {
      throw new Error("disk busy");
    };
    const onError = vi.fn();
    render(<Names id="a" onError={onError} />);
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(String(onError.mock.calls[0]?.[0])).toContain("disk busy");
    expect(screen.getByTestId("a")).toHaveTextContent("");
  });
});
