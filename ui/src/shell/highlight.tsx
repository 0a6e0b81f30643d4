import type { ReactNode } from "react";

/** Mark the first occurrence of `needle` in `text` (exact, case-insensitive). */
export function highlight(text: string, needle: string): ReactNode {
  const q = needle.trim();
  if (!q) return text;
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark className="fd-hl">{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}
