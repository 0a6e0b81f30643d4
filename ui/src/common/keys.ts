// Keyboard submission for the desk's dialogs: Ctrl+Enter (⌘+Enter) anywhere;
// plain Enter in a plain text or number box. Enter inside a dropdown, a date
// picker or a multi-line box keeps its own meaning, and Enter that confirms a
// Chinese input method's candidate never submits.
export type KeyLike = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  target: unknown;
  nativeEvent?: { isComposing?: boolean };
};

type ElementLike = {
  tagName?: string;
  getAttribute?: (name: string) => string | null;
  closest?: (selector: string) => unknown;
};

export function isSubmitKey(e: KeyLike): boolean {
  if (e.key !== "Enter" || e.nativeEvent?.isComposing) return false;
  if (e.ctrlKey || e.metaKey) return true;
  const el = e.target as ElementLike | null;
  if (!el || el.tagName !== "INPUT") return false;
  if (el.getAttribute?.("role") === "combobox") return false;
  return !el.closest?.(".ant-picker, .ant-select");
}
