// Every feature's translations, merged into the one resource i18next reads.
// Each feature owns its top-level keys (`appointments.*` in
// appointments/i18n.ts); `common` holds what all share (field names, error
// kinds, permissions, buttons). A test checks that no two features claim a key.
import * as appointments from "../appointments/i18n";
import * as backups from "../backups/i18n";
import * as audit from "../audit/i18n";
import * as complaints from "../complaints/i18n";
import * as customers from "../customers/i18n";
import * as followups from "../followups/i18n";
import * as gifts from "../gifts/i18n";
import * as membership from "../membership/i18n";
import * as printing from "../printing/i18n";
import * as reports from "../reports/i18n";
import * as session from "../session/i18n";
import * as settings from "../settings/i18n";
import * as visits from "../visits/i18n";
import * as common from "./common";

export const FEATURES = { common, session, customers, visits, appointments, followups, complaints, membership, gifts, printing, reports, audit, settings, backups };

export const zhCN = {
  ...common.zhCN,
  ...session.zhCN,
  ...customers.zhCN,
  ...visits.zhCN,
  ...appointments.zhCN,
  ...followups.zhCN,
  ...complaints.zhCN,
  ...membership.zhCN,
  ...gifts.zhCN,
  ...printing.zhCN,
  ...reports.zhCN,
  ...audit.zhCN,
  ...settings.zhCN,
  ...backups.zhCN,
};

export const en: typeof zhCN = {
  ...common.en,
  ...session.en,
  ...customers.en,
  ...visits.en,
  ...appointments.en,
  ...followups.en,
  ...complaints.en,
  ...membership.en,
  ...gifts.en,
  ...printing.en,
  ...reports.en,
  ...audit.en,
  ...settings.en,
  ...backups.en,
};
