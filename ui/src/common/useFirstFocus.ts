import { useCallback, useId } from "react";

const FIELD = "input:not([disabled]):not([type=radio]):not([type=hidden]), textarea:not([disabled])";

/**
 * Put the cursor in a dialog's first field once it has opened (the dialog
 * takes focus itself as it opens, so `autoFocus` alone is not enough).
 * Give a box around the fields the returned `id`, and pass `afterOpenChange`
 * to the Modal.
 */
export function useFirstFocus(): { id: string; afterOpenChange: (open: boolean) => void } {
  const id = useId();
  const afterOpenChange = useCallback(
    (open: boolean) => {
      if (open) document.getElementById(id)?.querySelector<HTMLElement>(FIELD)?.focus();
    },
    [id],
  );
  return { id, afterOpenChange };
}
