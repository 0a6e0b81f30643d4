import { CrownFilled, SearchOutlined, WarningFilled } from "@ant-design/icons";
import { Input, type InputRef, Tag } from "antd";
import { forwardRef, startTransition, useCallback, useEffect, useImperativeHandle, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { CustomerHit } from "../bindings/CustomerHit";
import { prefetchCard } from "../customers/cardCache";
import { highlight } from "./highlight";

/** How long typing pauses before the top hit's card is asked for. */
const PREFETCH_PAUSE_MS = 100;


export type GlobalSearchHandle = { focus: () => void };

/**
 * The search box in the header: results as you type, ↑/↓ to move, Enter
 * opens the highlighted card (the top one by default). Every keystroke
 * searches at once, with no debounce (a search takes well under a
 * millisecond even at a million customers, so waiting only added latency);
 * the latest request wins: each carries a sequence number and an answer to
 * an older one is dropped, so a slow early answer never replaces the results
 * of what is in the box now. A scanner that types a number and Enter opens
 * the card at once: Enter searches the exact text now unless its results
 * are already shown.
 */
/** `onOpen` may return a promise that settles when the page has switched. */
export const GlobalSearch = forwardRef<GlobalSearchHandle, { onOpen: (id: number) => Promise<void> | void }>(
  function GlobalSearch({ onOpen }, ref) {
    const { t } = useTranslation();
    const input = useRef<InputRef>(null);
    const [text, setText] = useState("");
    const [hits, setHits] = useState<CustomerHit[]>([]);
    const [searched, setSearched] = useState("");
    const [active, setActive] = useState(0);
    const [open, setOpen] = useState(false);
    const seq = useRef(0);

    useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

    const run = useCallback(async (query: string): Promise<CustomerHit[]> => {
      const mine = ++seq.current;
      const q = query.trim();
      const found = q ? await call("search_customers", { query: q, limit: 10 }) : [];
      if (mine === seq.current) {
        setHits(found);
        setSearched(q);
        setActive(0);
      }
      return found;
    }, []);

    useEffect(() => {
      void run(text).catch(() => {});
    }, [text, run]);

    // Her card is asked for as soon as a hit is highlighted (the pointer, the
    // arrow keys, or the top hit once typing pauses: not on every keystroke,
    // whose next results would wait behind it) and again when one is chosen,
    // before the page switch: the card page then paints from memory.
    useEffect(() => {
      const hit = hits[active];
      if (!open || !hit) return;
      const timer = window.setTimeout(() => void prefetchCard(hit.id).catch(() => {}), PREFETCH_PAUSE_MS);
      return () => window.clearTimeout(timer);
    }, [hits, active, open]);

    // The list closes with the page switch (one frame, straight to her card),
    // not before it: the shell may first wait a moment for her card's answer.
    const openHit = (hit: CustomerHit | undefined) => {
      if (!hit) return;
      void Promise.resolve(onOpen(hit.id)).then(() => {
        setOpen(false);
        // Emptying the focused box costs the web view a relayout: after her
        // card has painted, not before.
        startTransition(() => {
          setText("");
          setHits([]);
        });
      });
    };

    const onKeyDown = async (e: React.KeyboardEvent<HTMLInputElement>) => {
      if (e.key === "ArrowDown") {
        e.preventDefault();
        setOpen(true);
        setActive((a) => Math.min(a + 1, Math.max(hits.length - 1, 0)));
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        setActive((a) => Math.max(a - 1, 0));
      } else if (e.key === "Escape") {
        setOpen(false);
      } else if (e.key === "Enter") {
        e.preventDefault();
        const current = text.trim() === searched ? hits : await run(text).catch(() => []);
        openHit(current[text.trim() === searched ? active : 0]);
      }
    };

    const showList = open && text.trim().length > 0 && searched === text.trim();
    return (
      <div className="fd-search">
        <Input
          ref={input}
          size="large"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("header.searchPlaceholder")}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => window.setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => void onKeyDown(e)}
          data-testid="global-search"
        />
        {showList && (
          <div className="fd-search-results" role="listbox" data-testid="search-results" data-query={searched}>
            {hits.length === 0 && <div className="fd-search-empty">{t("customers.noResult")}</div>}
            {hits.map((h, i) => (
              <div
                key={h.id}
                role="option"
                aria-selected={i === active}
                className={`fd-search-hit${i === active ? " active" : ""}`}
                onMouseEnter={() => {
                  setActive(i);
                  void prefetchCard(h.id).catch(() => {});
                }}
                onMouseDown={(e) => {
                  e.preventDefault();
                  openHit(h);
                }}
                data-testid="search-hit"
              >
                <span className="fd-search-hit-name">
                  {highlight(h.name, searched)}
                  {h.vip && <CrownFilled style={{ color: "#d4a017", marginLeft: 6 }} />}
                </span>
                <span className="fd-search-hit-phone">{highlight(h.phone ?? "", searched)}</span>
                {h.card_no && <span className="fd-search-hit-card">{highlight(h.card_no, searched.toUpperCase())}</span>}
                {h.alert && (
                  <span className="fd-search-hit-alert" title={h.alert} data-testid="search-hit-alert">
                    <WarningFilled /> {h.alert}
                  </span>
                )}
                <Tag style={{ marginLeft: "auto" }} variant="filled">
                  {t(`match.${h.matched}`)}
                </Tag>
              </div>
            ))}
          </div>
        )}
      </div>
    );
  },
);
