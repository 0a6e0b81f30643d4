/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import type { ActionKind } from "../../bindings/ActionKind";
import type { AppointmentStatus } from "../../bindings/AppointmentStatus";
import type { Level } from "../../bindings/Level";
import type { Severity } from "../../bindings/Severity";
import deskEn from "../../i18n/desk-en";
import deskZhCN from "../../i18n/desk-zh-CN";
import { CHANNELS, KINDS } from "./NewComplaintModal";
import { OUTCOMES, REASONS, SATISFACTION } from "./followups";

function leaves(o: object, prefix = ""): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === "object" ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

function lookup(o: object, key: string): unknown {
  return key.split(".").reduce<unknown>((x, p) => (x && typeof x === "object" ? (x as Record<string, unknown>)[p] : undefined), o);
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// The desk screens' sources, to check every key they name exists.
const sources = import.meta.glob(["../AppointmentsPage.tsx", "../FollowUpsPage.tsx", "../ComplaintsPage.tsx", "./*.ts", "./*.tsx", "!./*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("desk translations", () => {
  it("English has exactly the keys Chinese has, none empty", () => {
    const zh = leaves(deskZhCN);
    const en = leaves(deskEn);
    expect(en.map(([k]) => k).sort()).toEqual(zh.map(([k]) => k).sort());
    for (const [k, v] of [...zh, ...en]) {
      expect(typeof v, k).toBe("string");
      expect((v as string).trim(), k).not.toBe("");
    }
  });

  it("both languages fill in the same values", () => {
    for (const [k, v] of leaves(deskZhCN)) {
      expect(placeholders(lookup(deskEn, k) as string), k).toEqual(placeholders(v as string));
    }
  });

  it("every key the screens use is translated", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/["'`]desk\.([\w.]+)["'`]/g)) used.add(m[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(100);
    for (const key of used) expect(typeof lookup(deskZhCN, key), key).toBe("string");
  });

  it("every value of the enums shown has a label", () => {
    const families: [string, readonly (string | number)[]][] = [
      ["appointments.status", ["booked", "arrived", "no_show", "cancelled"] satisfies AppointmentStatus[]],
      ["followups.outcome", OUTCOMES],
      ["followups.reason", REASONS],
      ["satisfaction", SATISFACTION],
      ["complaints.channel", CHANNELS],
      ["complaints.kind", KINDS],
      ["complaints.level", ["desk", "supervisor", "manager"] satisfies Level[]],
      ["complaints.severity", ["simple", "complex"] satisfies Severity[]],
      ["complaints.severityHint", ["simple", "complex"] satisfies Severity[]],
      ["complaints.actionKind", ["action", "answer", "escalate", "close"] satisfies ActionKind[]],
    ];
    for (const [family, values] of families) {
      for (const v of values) {
        expect(typeof lookup(deskZhCN, `${family}.${v}`), `${family}.${v}`).toBe("string");
        expect(typeof lookup(deskEn, `${family}.${v}`), `${family}.${v}`).toBe("string");
      }
    }
  });
});
