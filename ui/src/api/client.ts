// The one module that talks to the desktop shell. Components call
// `call("command_name", request)`, typed by the command table (bindings/
// Commands.ts, generated from crates/commands); nothing else imports `invoke`.
// Every failure becomes an `ApiFailure` holding the backend's
// `{code, message, field, ...}` so forms can put the translated message next
// to the field.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { ApiError } from "../bindings/ApiError";
import type { Commands } from "../bindings/Commands";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { Permission } from "../bindings/Permission";

export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.name = "ApiFailure";
    this.error = error;
  }
}

/** An error with nothing but its code and message. */
export const NO_DETAILS: Omit<ApiError, "code" | "message"> = {
  field: null,
  reason: null,
  limit: null,
  permission: null,
  entity: null,
  retry_after_ms: null,
  existing: [],
  available: null,
  prior: null,
};

/** Whatever the shell threw, as an ApiError (a bare string becomes `storage`). */
export function toApiError(thrown: unknown): ApiError {
  if (thrown && typeof thrown === "object" && "code" in thrown && "message" in thrown) {
    return { ...NO_DETAILS, ...(thrown as ApiError) };
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { ...NO_DETAILS, code: "storage", message };
}

/** Dispatched on `window` when a command finds the desk locked or signed out. */
export const SESSION_LOST_EVENT = "frontdesk:session-lost";

export type CommandName = keyof Commands;
export type RequestOf<K extends CommandName> = Commands[K]["req"];
export type ResponseOf<K extends CommandName> = Commands[K]["res"];
type Args<K extends CommandName> = RequestOf<K> extends null ? [] : [req: RequestOf<K>];

/**
 * Asks a manager at the desk to authorise a refused action (a manager's
 * override): resolves true once `manager_override` accepted her PIN for
 * `permission`, false when she cancelled. Set by the signed-in shell for a
 * receptionist's desk (session/ManagerOverride.tsx); null otherwise.
 */
export type OverrideAsker = (permission: Permission) => Promise<boolean>;
let askOverride: OverrideAsker | null = null;

export function setOverrideAsker(asker: OverrideAsker | null): void {
  askOverride = asker;
}

/** Run a command of the table: its request (none for commands without one) in, its response out. */
export async function call<K extends CommandName>(name: K, ...args: Args<K>): Promise<ResponseOf<K>> {
  const run = () => invoke<ResponseOf<K>>(name, args.length > 0 ? { req: args[0] } : {});
  try {
    return await run();
  } catch (thrown) {
    let error = toApiError(thrown);
    // A receptionist's desk: a manager may authorise this one action.
    if (error.code === "forbidden" && error.permission && askOverride && name !== "manager_override") {
      if (await askOverride(error.permission)) {
        try {
          return await run();
        } catch (again) {
          error = toApiError(again);
        }
      }
    }
    if (error.code === "session_locked" || error.code === "not_signed_in") {
      globalThis.dispatchEvent?.(new CustomEvent(SESSION_LOST_EVENT));
    }
    throw new ApiFailure(error);
  }
}

/** Follow an import's progress; returns a function that stops listening. */
export async function onImportProgress(cb: (p: ImportProgress) => void): Promise<() => void> {
  return listen<ImportProgress>("import-progress", (e) => cb(e.payload));
}

/** A File's bytes as base64, for the import commands. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

