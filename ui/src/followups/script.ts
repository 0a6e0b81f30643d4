// The follow-up call script (回访话术), in the manuals' words: greet her the
// way the shop greets her, say who is calling, recall the visit (its date,
// services and who served her), ask how she feels and how she rates the
// service, thank her. Returns translation keys with their values, so the
// script is tested without a language and shown in either.
import type { FollowUp } from "../bindings/FollowUp";
import { shortDate } from "../common/dates";

export type ScriptLine = { key: string; values: Record<string, string> };

export type ScriptContext = { shop: string; me: string; language: string; separator: string };

export function scriptLines(f: FollowUp, ctx: ScriptContext): ScriptLine[] {
  const lines: ScriptLine[] = [
    {
      key: "callScript.opening",
      values: { address_as: f.address_as || f.customer_name, shop: ctx.shop, me: ctx.me },
    },
  ];
  const visit = visitLine(f, ctx);
  switch (f.reason) {
    case "aftercare":
      if (visit) lines.push(visit);
      else lines.push({ key: "callScript.aftercareNoVisit", values: {} });
      lines.push({ key: "callScript.askRating", values: {} });
      break;
    case "course":
      if (visit) lines.push(visit);
      lines.push({ key: "callScript.course", values: {} });
      break;
    case "complaint":
      lines.push({ key: "callScript.complaint", values: {} });
      break;
    case "birthday":
      lines.push({ key: "callScript.birthday", values: {} });
      break;
    case "dormant":
      lines.push({ key: "callScript.dormant", values: {} });
      break;
  }
  lines.push({ key: "callScript.closing", values: {} });
  return lines;
}

/** "您11月20日在我们店做了深层清洁，由3003号 陈静为您服务，这几天感觉怎么样？" */
function visitLine(f: FollowUp, ctx: ScriptContext): ScriptLine | null {
  if (!f.last_visit_date) return null;
  const values = {
    date: shortDate(f.last_visit_date, ctx.language),
    services: f.last_services.join(ctx.separator),
    stylist: f.last_stylist ?? "",
  };
  if (f.last_services.length === 0) return { key: "callScript.visitNoServices", values };
  return { key: f.last_stylist ? "callScript.visit" : "callScript.visitNoStylist", values };
}
