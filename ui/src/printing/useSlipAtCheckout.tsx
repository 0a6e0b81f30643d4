// At checkout the slip is handed to her: its preview opens (Enter prints),
// or, when the shop prints at checkout (Settings → 打印), it goes straight
// to the printer and a toast says how it went.
import { useCallback, useState } from "react";
import { call } from "../api/client";
import type { DocumentRequest } from "../bindings/DocumentRequest";
import { PrintPreview } from "./PrintPreview";
import { usePrint } from "./usePrint";

export function useSlipAtCheckout(): [(visitId: number) => void, React.ReactNode] {
  const { print } = usePrint();
  const [slip, setSlip] = useState<DocumentRequest | null>(null);
  const checkedOut = useCallback(
    (visitId: number) => {
      const document: DocumentRequest = { kind: "slip", visit_id: visitId };
      call("get_print_settings").then(
        (s) => (s.auto_print_slip ? void print(document) : setSlip(document)),
        () => setSlip(document),
      );
    },
    [print],
  );
  return [checkedOut, <PrintPreview key="slip-at-checkout" document={slip} onClose={() => setSlip(null)} />];
}
