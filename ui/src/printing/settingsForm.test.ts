import { describe, expect, it } from "vitest";
import type { PrintSettings } from "../bindings/PrintSettings";
import { type PrinterRow, checkField, fromForm, rowForField, rowTarget, toForm } from "./settingsForm";

const settings: PrintSettings = {
  slip_paper: "a5",
  three_part: true,
  auto_print_slip: false,
  printers: [
    { group: "slip", target: { kind: "esc_pos_tcp", host: "192.168.1.50", port: 9100 }, copies: 2 },
    { group: "care_plan", target: { kind: "system", queue: null }, copies: 1 },
    { group: "sheet", target: { kind: "esc_pos_file", path: "/dev/usb/lp0" }, copies: 1 },
    { group: "report", target: { kind: "system", queue: "Frontdesk-Test-PDF" }, copies: 3 },
  ],
};

const row = (over: Partial<PrinterRow>): PrinterRow => ({
  group: "slip",
  kind: "system",
  queue: "",
  host: "",
  port: 9100,
  path: "",
  copies: 1,
  ...over,
});

describe("the print settings form", () => {
  it("maps every kind of printer to a row and back unchanged", () => {
    const form = toForm(settings);
    expect(form.printers.map((r) => [r.group, r.kind])).toEqual([
      ["slip", "esc_pos_tcp"],
      ["care_plan", "system"],
      ["sheet", "esc_pos_file"],
      ["report", "system"],
    ]);
    expect(form.printers[1]?.queue).toBe("");
    expect(form.printers[0]?.port).toBe(9100);
    expect(fromForm(form)).toEqual(settings);
  });

  it("gives a group the core has not listed the default printer, once", () => {
    const form = toForm({ ...settings, printers: [] });
    expect(form.printers.map((r) => [r.group, r.kind, r.queue, r.copies])).toEqual([
      ["slip", "system", "", 1],
      ["care_plan", "system", "", 1],
      ["sheet", "system", "", 1],
      ["report", "system", "", 1],
    ]);
  });

  it("keeps what was typed for another kind, and sends only the chosen kind's fields, trimmed", () => {
    const r = row({ kind: "esc_pos_tcp", host: " 10.0.0.9 ", port: 9100, path: "/dev/usb/lp0", queue: "Kitchen" });
    expect(rowTarget(r)).toEqual({ kind: "esc_pos_tcp", host: "10.0.0.9", port: 9100 });
    expect(rowTarget({ ...r, kind: "esc_pos_file" })).toEqual({ kind: "esc_pos_file", path: "/dev/usb/lp0" });
    expect(rowTarget({ ...r, kind: "system" })).toEqual({ kind: "system", queue: "Kitchen" });
    // A cleared field (antd's undefined) or blanks: the system's default printer.
    expect(rowTarget({ ...r, kind: "system", queue: undefined as unknown as string })).toEqual({ kind: "system", queue: null });
    expect(rowTarget({ ...r, kind: "system", queue: "  " })).toEqual({ kind: "system", queue: null });
  });

  it("checks the fields as the core does", () => {
    expect(checkField(row({ queue: "Frontdesk/PDF" }), "queue")).toBe("format");
    expect(checkField(row({ queue: "a#b" }), "queue")).toBe("format");
    expect(checkField(row({ queue: "" }), "queue")).toBeNull();
    expect(checkField(row({ queue: "x".repeat(128) }), "queue")).toBe("too_long");
    expect(checkField(row({ host: "" }), "host")).toBe("required");
    expect(checkField(row({ host: "printer 1" }), "host")).toBe("format");
    expect(checkField(row({ host: "[fe80::1]" }), "host")).toBeNull();
    expect(checkField(row({ port: null }), "port")).toBe("out_of_range");
    expect(checkField(row({ port: 0 }), "port")).toBe("out_of_range");
    expect(checkField(row({ port: 9100 }), "port")).toBeNull();
    expect(checkField(row({ path: " " }), "path")).toBe("required");
    expect(checkField(row({ copies: 0 }), "copies")).toBe("out_of_range");
    expect(checkField(row({ copies: 10 }), "copies")).toBe("out_of_range");
    expect(checkField(row({ copies: 9 }), "copies")).toBeNull();
  });

  it("puts the core's refusal on the row it is about", () => {
    const rows = [
      row({ group: "slip", kind: "esc_pos_tcp", host: "10.0.0.9" }),
      row({ group: "care_plan", kind: "esc_pos_tcp", host: "bad host" }),
      row({ group: "sheet" }),
      row({ group: "report", kind: "esc_pos_file", path: "/dev/usb/lp0" }),
    ];
    // The first row showing the field that is wrong here too...
    expect(rowForField(rows, "host")).toBe(1);
    // ...else the first showing it at all.
    expect(rowForField(rows, "path")).toBe(3);
    expect(rowForField(rows, "queue")).toBe(2);
    expect(rowForField(rows, "copies")).toBe(0);
    // A field no row shows: an alert above the form.
    expect(rowForField(rows.slice(0, 2), "path")).toBeNull();
    expect(rowForField(rows, "printers")).toBeNull();
  });
});
