/// <reference types="vite/client" />
// The one completeness test of the translations: every feature's English has
// exactly its Chinese keys with the same placeholders, no feature claims
// another's keys, every key a screen names exists, and every value of the
// backend's enums that a screen shows has a label.
import { describe, expect, it } from "vitest";
import type { ActionKind } from "../bindings/ActionKind";
import type { AppointmentStatus } from "../bindings/AppointmentStatus";
import type { Level } from "../bindings/Level";
import type { Severity } from "../bindings/Severity";
import { CHANNELS, KINDS } from "../complaints/NewComplaintModal";
import { OUTCOMES, REASONS, SATISFACTION } from "../followups/followups";
import { Entities, ErrorCodes, Invalids, Permissions, Roles } from "./codes";
import { FEATURES, en, zhCN } from "./resources";

function leaves(o: object, prefix = ""): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === "object" ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

function lookup(o: object, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((x, p) => (x && typeof x === "object" ? (x as Record<string, unknown>)[p] : undefined), o);
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// Every screen's source, to check the keys it names.
const sources = import.meta.glob(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}", "!../bindings/**", "!../**/i18n.ts", "!./**"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("translations", () => {
  it.each(Object.entries(FEATURES))("%s: English has exactly the Chinese keys, none empty, same placeholders", (_, f) => {
    const zh = leaves(f.zhCN);
    const english = leaves(f.en);
    expect(english.map(([k]) => k).sort()).toEqual(zh.map(([k]) => k).sort());
    for (const [k, v] of [...zh, ...english]) {
      expect(typeof v, k).toBe("string");
      expect((v as string).trim(), k).not.toBe("");
    }
    for (const [k, v] of zh) expect(placeholders(lookup(f.en, k) as string), k).toEqual(placeholders(v as string));
  });

  it("no two features claim the same top-level key", () => {
    const owner = new Map<string, string>();
    for (const [name, f] of Object.entries(FEATURES)) {
      for (const key of Object.keys(f.zhCN)) {
        expect(owner.get(key), `${key} in ${name}`).toBeUndefined();
        owner.set(key, name);
      }
    }
    expect(Object.keys(zhCN).length).toBe(owner.size);
  });

  it("every key a screen names exists, and every key prefix a screen completes", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    let literal = 0;
    let prefixes = 0;
    for (const [file, text] of Object.entries(sources)) {
      // t("a.b.c"), t(["a.b", "c.d"]) items, i18nKey="a.b", and `a.b.${x}`.
      for (const m of text.matchAll(/\bt\(\s*["']([\w.]+)["']/g)) {
        literal++;
        expect(typeof lookup(zhCN, m[1] ?? ""), `${file}: ${m[1]}`).toBe("string");
      }
      for (const m of text.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)) {
        prefixes++;
        const node = lookup(zhCN, m[1] ?? "");
        expect(node && typeof node, `${file}: ${m[1]}.…`).toBe("object");
      }
    }
    expect(literal).toBeGreaterThan(500);
    expect(prefixes).toBeGreaterThan(30);
  });

  it("cover every error code, invalid reason, permission, role and record kind the backend can send", () => {
    for (const code of ErrorCodes) {
      if (code === "invalid") continue; // translated by reason
      expect(zhCN.errors, code).toHaveProperty(code);
    }
    for (const reason of Invalids) expect(zhCN.invalid, reason).toHaveProperty(reason);
    for (const p of Permissions) expect(zhCN.permissions, p).toHaveProperty(p);
    for (const r of Roles) expect(zhCN.roles, r).toHaveProperty(r);
    for (const e of Entities) expect(zhCN.entities, e).toHaveProperty(e);
  });

  it("label every value of the enums the desk shows", () => {
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
        expect(typeof lookup(zhCN, `${family}.${v}`), `${family}.${v}`).toBe("string");
        expect(typeof lookup(en, `${family}.${v}`), `${family}.${v}`).toBe("string");
      }
    }
  });
});
