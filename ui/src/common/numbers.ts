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
