// Rates and averages as the desk reads them. Integer arithmetic
// where the core sends integers (per mille, hundredths), so nothing is lost
// to floating point on the way to the screen.

/** 833 ‰ → "83.3%". */
export function permilleText(permille: number): string {
  const p = Math.max(0, Math.round(permille));
  return `${Math.trunc(p / 10)}.${p % 10}%`;
}

/** Complaints per 100 visits in hundredths: 250 → "2.50". */
export function centiText(centi: number): string {
  const c = Math.max(0, Math.round(centi));
  return `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, "0")}`;
}

/** An average of ratings to one decimal (4.35 → "4.4"); "–" when there are none. */
export function averageText(sum: number, count: number): string {
  if (count <= 0) return "–";
  const tenths = Math.round((sum * 10) / count);
  return `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}

/** Completion of a set of per-staff rows, as the core computes it per row. */
export function totalPermille(rows: { due: number; done: number; unreachable: number; wrong_number: number }[]): number {
  const due = rows.reduce((s, r) => s + r.due, 0);
  const closed = rows.reduce((s, r) => s + r.done + r.unreachable + r.wrong_number, 0);
  return due === 0 ? 0 : Math.trunc((closed * 1000) / due);
}

/** An average kept in tenths (47 → "4.7"); "—" when nobody rated. */
export function tenthsText(tenths: number | null | undefined): string {
  if (tenths === null || tenths === undefined) return "—";
  const t = Math.max(0, Math.round(tenths));
  return `${Math.trunc(t / 10)}.${t % 10}`;
}

/** A rate in per mille as a percentage ("83.3%"); "—" when there is nothing to divide by. */
export function rateText(permille: number | null | undefined): string {
  return permille === null || permille === undefined ? "—" : permilleText(permille);
}

/** Per mille as a number of percent for a chart's axis (833 → 83.3); null stays a gap. */
export function permillePercent(permille: number | null | undefined): number | null {
  return permille === null || permille === undefined ? null : Math.round(permille) / 10;
}

/** Tenths as a number for a chart's axis (47 → 4.7); null stays a gap. */
export function tenthsValue(tenths: number | null | undefined): number | null {
  return tenths === null || tenths === undefined ? null : Math.round(tenths) / 10;
}
