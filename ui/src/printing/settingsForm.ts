// The print settings as the settings form edits them: one row per group of
// documents with its connection kind and every kind's fields kept (switching
// the kind back and forth loses nothing typed), and back to PrintSettings.
// The checks repeat the core's simple ones so errors show at the field
// before saving; the core still checks and names the field it refuses.
import type { DocGroup } from "../bindings/DocGroup";
import type { PrintSettings } from "../bindings/PrintSettings";
import type { PrinterTarget } from "../bindings/PrinterTarget";
import type { SlipPaper } from "../bindings/SlipPaper";

export const GROUPS: DocGroup[] = ["slip", "care_plan", "sheet", "report"];
export const KINDS: PrinterTarget["kind"][] = ["system", "esc_pos_tcp", "esc_pos_file"];
export const RAW_PORT = 9100;

export type PrinterRow = {
  group: DocGroup;
  kind: PrinterTarget["kind"];
  /** A system printer's queue; "" for the system's default printer. */
  queue: string;
  host: string;
  port: number | null;
  path: string;
  copies: number | null;
};

export type SettingsForm = {
  slip_paper: SlipPaper;
  three_part: boolean;
  auto_print_slip: boolean;
  printers: PrinterRow[];
};

/** A text field's value trimmed; a cleared field (undefined) is empty. */
const text = (s: string | null | undefined) => (s ?? "").trim();

export function toRow(group: DocGroup, target: PrinterTarget, copies: number): PrinterRow {
  const row: PrinterRow = { group, kind: target.kind, queue: "", host: "", port: RAW_PORT, path: "", copies };
  switch (target.kind) {
    case "system":
      return { ...row, queue: target.queue ?? "" };
    case "esc_pos_tcp":
      return { ...row, host: target.host, port: target.port };
    case "esc_pos_file":
      return { ...row, path: target.path };
  }
}

export function toForm(s: PrintSettings): SettingsForm {
  return {
    slip_paper: s.slip_paper,
    three_part: s.three_part,
    auto_print_slip: s.auto_print_slip,
    printers: GROUPS.map((g) => {
      const p = s.printers.find((x) => x.group === g);
      return toRow(g, p?.target ?? { kind: "system", queue: null }, p?.copies ?? 1);
    }),
  };
}

/** The row's printer as the core takes it (text trimmed, the default printer as null). */
export function rowTarget(row: PrinterRow): PrinterTarget {
  switch (row.kind) {
    case "system": {
      const queue = text(row.queue);
      return { kind: "system", queue: queue === "" ? null : queue };
    }
    case "esc_pos_tcp":
      return { kind: "esc_pos_tcp", host: text(row.host), port: row.port ?? 0 };
    case "esc_pos_file":
      return { kind: "esc_pos_file", path: text(row.path) };
  }
}

export function fromForm(f: SettingsForm): PrintSettings {
  return {
    slip_paper: f.slip_paper,
    three_part: f.three_part,
    auto_print_slip: f.auto_print_slip,
    printers: f.printers.map((r) => ({ group: r.group, target: rowTarget(r), copies: r.copies ?? 0 })),
  };
}

export type RowField = "queue" | "host" | "port" | "path" | "copies";
/** The fields a row shows for its kind. */
export const FIELDS_OF: Record<PrinterRow["kind"], RowField[]> = {
  system: ["queue", "copies"],
  esc_pos_tcp: ["host", "port", "copies"],
  esc_pos_file: ["path", "copies"],
};

/** What is wrong with a row's field, as the core would say it (its Invalid reason), or null. */
export function checkField(row: PrinterRow, field: RowField): "required" | "format" | "out_of_range" | "too_long" | null {
  switch (field) {
    case "queue": {
      const q = text(row.queue);
      if (q.length > 127) return "too_long";
      // eslint-disable-next-line no-control-regex
      return /[\u0000-\u001f\u007f/#]/.test(q) ? "format" : null;
    }
    case "host": {
      const h = text(row.host);
      if (h === "") return "required";
      if (h.length > 253) return "too_long";
      return /^[A-Za-z0-9.:[\]-]+$/.test(h) ? null : "format";
    }
    case "port":
      return row.port === null || !Number.isInteger(row.port) || row.port < 1 || row.port > 65535 ? "out_of_range" : null;
    case "path": {
      const p = text(row.path);
      if (p === "") return "required";
      return p.length > 1024 ? "too_long" : null;
    }
    case "copies":
      return row.copies === null || !Number.isInteger(row.copies) || row.copies < 1 || row.copies > 9 ? "out_of_range" : null;
  }
}

/**
 * The row a refusal of the core is about. The core checks the rows in order
 * and names only the field: the first row showing that field that is wrong
 * here too, else the first row showing it at all.
 */
export function rowForField(rows: PrinterRow[], field: string): number | null {
  const f = field as RowField;
  const showing = rows.map((r, i) => [r, i] as const).filter(([r]) => FIELDS_OF[r.kind].includes(f));
  const wrong = showing.find(([r]) => checkField(r, f) !== null);
  return (wrong ?? showing[0])?.[1] ?? null;
}
