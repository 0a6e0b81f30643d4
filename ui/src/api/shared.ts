// Data many screens show and that changes rarely: the catalogue (services,
// products, metrics), who performs services, and the gift counter. Fetched once and shared by
// every screen that asks; a screen that mounts after a minute refetches in
// the background (another desk may have changed the menu), and a save that
// changes them invalidates at once. Failures are kept and shown, never
// swallowed.
import { useEffect, useSyncExternalStore } from "react";
import type { Catalog } from "../bindings/Catalog";
import type { GiftCatalog } from "../bindings/GiftCatalog";
import type { StaffRef } from "../bindings/StaffRef";
import { type CommandName, type ResponseOf, call } from "./client";

type SharedName = "get_catalog" | "list_stylists" | "gift_catalog";
type State<K extends SharedName> = { value: ResponseOf<K> | null; error: unknown; at: number; loading: boolean };

const FRESH_MS = 60_000;
const states = new Map<SharedName, State<SharedName>>();
const listeners = new Set<() => void>();

function stateOf<K extends SharedName>(name: K): State<K> {
  return (states.get(name) as State<K> | undefined) ?? { value: null, error: null, at: 0, loading: false };
}

function set<K extends SharedName>(name: K, next: State<K>) {
  states.set(name, next as State<SharedName>);
  for (const l of listeners) l();
}

function fetchShared<K extends SharedName>(name: K) {
  const s = stateOf(name);
  if (s.loading) return;
  set(name, { ...s, loading: true });
  // Monotonic enough for freshness: the clock of this page, not of the shop.
  const at = performance.now();
  (call as (n: CommandName) => Promise<ResponseOf<K>>)(name).then(
    (value) => set(name, { value, error: null, at, loading: false }),
    (error: unknown) => set(name, { ...stateOf(name), error, at, loading: false }),
  );
}

/** Forget shared data so every screen showing it fetches it again (after a save, or a change of who is signed in). */
export function invalidateShared(...names: SharedName[]) {
  for (const name of names.length ? names : ([...states.keys()] as SharedName[])) {
    states.delete(name);
    if (listeners.size) fetchShared(name);
  }
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

type OnError = (e: unknown) => void;

function useShared<K extends SharedName>(name: K, onError?: OnError): ResponseOf<K> | null {
  const state = useSyncExternalStore(subscribe, () => stateOf(name));
  useEffect(() => {
    const s = stateOf(name);
    if (!s.loading && (s.value === null || performance.now() - s.at > FRESH_MS)) fetchShared(name);
  }, [name]);
  // Each failure is reported once to each screen showing the data.
  useEffect(() => {
    if (state.error !== null && onError) onError(state.error);
  }, [state.error, onError]);
  return state.value;
}

/** The shop's catalogue; `onError` hears of a failure to load it. */
export function useCatalog(onError?: OnError): Catalog | null {
  return useShared("get_catalog", onError);
}

/** The gift counter: items with their book, voucher types, promotions, birthday gifts. */
export function useGiftCatalog(onError?: OnError): GiftCatalog | null {
  return useShared("gift_catalog", onError);
}

/** Active staff who may perform some service (the stylist pickers). */
export function useStylists(onError?: OnError): StaffRef[] {
  return useShared("list_stylists", onError) ?? EMPTY;
}

const EMPTY: StaffRef[] = [];
