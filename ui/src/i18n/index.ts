import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../bindings/Language";
import { en, zhCN } from "./resources";

export const LANGUAGES: Language[] = ["zh-CN", "en"];
// The language before anyone signs in is the last one used with this data
// file on this computer (the webview's storage is shared by all data files).
let storageKey = "frontdesk.language";

function stored(): Language {
  return globalThis.localStorage?.getItem(storageKey) === "en" ? "en" : "zh-CN";
}

/** Remember languages for the data file in `dataDir`; returns its last one. */
export function selectDesk(dataDir: string): Language {
  storageKey = `frontdesk.language:${dataDir}`;
  return stored();
}

export function applyLanguage(lang: Language): void {
  globalThis.localStorage?.setItem(storageKey, lang);
  // Changing to the same language would still emit languageChanged and give
  // every component a new `t`: only change when it differs.
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
  lng: "zh-CN",
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

export default i18n;
