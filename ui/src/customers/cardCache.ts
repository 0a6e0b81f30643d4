// A customer's card, asked for ahead of the click. The global search asks
// for the card of the hit under the pointer or the keyboard's highlight, and
// again the moment a hit is chosen (before the page switch starts its work),
// so the card page usually paints her name in its first frame instead of a
// skeleton, then a round trip later.
//
// Entries are short-lived: one asked for within `FRESH_MS` is used as it is;
// an older one is shown at once and asked for again (the page replaces it
// with the answer). Every command that returns a changed card passes it to
// `rememberCard`, so this desk never shows a card older than its own edits.
import { call } from "../api/client";
import type { CustomerCard } from "../bindings/CustomerCard";

type Entry = { at: number; promise: Promise<CustomerCard>; value?: CustomerCard };

/** An answer this young is the card as it is now; an older one is re-asked. */
export const FRESH_MS = 2_000;
/** An answer older than this is dropped rather than shown. */
const KEEP_MS = 60_000;
/** The few cards a search session hovers over. */
const MAX = 8;

const entries = new Map<number, Entry>();

function trim() {
  const now = Date.now();
  for (const [id, e] of entries) if (now - e.at > KEEP_MS) entries.delete(id);
  while (entries.size > MAX) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
}

/** Ask for her card now unless a fresh answer or request is already here. */
export function prefetchCard(id: number): Promise<CustomerCard> {
  const e = entries.get(id);
  if (e && Date.now() - e.at <= FRESH_MS) return e.promise;
  const entry: Entry = { at: Date.now(), promise: call("get_customer", id) };
  entry.promise.then(
    (card) => {
      if (entries.get(id) === entry) entry.value = card;
    },
    () => {
      if (entries.get(id) === entry) entries.delete(id);
    },
  );
  entries.delete(id);
  entries.set(id, entry);
  trim();
  return entry.promise;
}

/**
 * Settles when her card has been answered (or refused), or after `maxWaitMs`,
 * whichever comes first: a page switch waits on it so that her card paints in
 * the page's first frame, but never holds the desk for a slow answer.
 */
export function cardReady(id: number, maxWaitMs: number): Promise<void> {
  return new Promise<void>((settled) => {
    const timer = setTimeout(settled, maxWaitMs);
    const done = () => {
      clearTimeout(timer);
      settled();
    };
    prefetchCard(id).then(done, done);
  });
}

/** Her card as last answered, if it is still worth showing. */
export function cachedCard(id: number): { card: CustomerCard; fresh: boolean } | null {
  const e = entries.get(id);
  if (!e?.value) return null;
  const age = Date.now() - e.at;
  if (age > KEEP_MS) return null;
  return { card: e.value, fresh: age <= FRESH_MS };
}

/** A card a command just returned (saved, VIP set, erased): the newest there is. */
export function rememberCard(card: CustomerCard) {
  entries.delete(card.id);
  entries.set(card.id, { at: Date.now(), promise: Promise.resolve(card), value: card });
  trim();
}

/** Forget every card (another file was opened, the desk was signed out). */
export function forgetCards() {
  entries.clear();
}
