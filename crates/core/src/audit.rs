//! The audit trail: one append-only row per permission-sensitive change, with who,
//! when, what, and the values before and after. The UI can read it, never edit
//! it (the table's triggers refuse UPDATE and DELETE).

use serde::Serialize;

use crate::error::Result;
use crate::ids::{CustomerId, StaffId};
use crate::storage::Tx;

crate::text_enum! {
    /// What a row of the audit trail records. The code is stored; the part
    /// before the dot names the kind of record it is about.
    pub enum Action {
        ShopSetup = "shop.setup",
        ShopUpdate = "shop.update",
        StaffAdd = "staff.add",
        StaffUpdate = "staff.update",
        StaffResetPin = "staff.reset_pin",
        StaffSignIn = "staff.sign_in",
        /// A manager authorised one action at another's desk.
        StaffOverride = "staff.override",
        CustomerCreate = "customer.create",
        CustomerUpdate = "customer.update",
        CustomerNote = "customer.note",
        CustomerVip = "customer.vip",
        CustomerImport = "customer.import",
        CustomerExport = "customer.export",
        CustomerErase = "customer.erase",
        CatalogService = "catalog.service",
        CatalogProduct = "catalog.product",
        CatalogMetric = "catalog.metric",
        FlowUpdate = "flow.update",
        VisitCheckIn = "visit.check_in",
        VisitAttachCustomer = "visit.attach_customer",
        VisitCheckout = "visit.checkout",
        VisitCancel = "visit.cancel",
        VisitVoid = "visit.void",
        AppointmentBook = "appointment.book",
        AppointmentMove = "appointment.move",
        AppointmentClose = "appointment.close",
        FollowUpCreate = "followup.create",
        /// Follow-ups made at once for a list of customers (a campaign).
        FollowUpCampaign = "followup.campaign",
        FollowUpCall = "followup.call",
        ComplaintOpen = "complaint.open",
        ComplaintAction = "complaint.action",
        ComplaintClose = "complaint.close",
        TierSave = "tier.save",
        TierOverride = "tier.override",
        TierReview = "tier.review",
        TierSettings = "tier.settings",
        StoredValueTopUp = "stored_value.top_up",
        StoredValueRefund = "stored_value.refund",
        PackageSell = "package.sell",
        GiftItemSave = "gift_item.save",
        GiftReceive = "gift_item.receive",
        GiftDamage = "gift_item.damage",
        GiftDestroy = "gift_item.destroy",
        GiftReturn = "gift_item.return",
        GiftAdjust = "gift_item.adjust",
        GiftBirthday = "gift_item.birthday",
        VoucherTypeSave = "voucher_type.save",
        VoucherReceive = "voucher.receive",
        VoucherDestroy = "voucher.destroy",
        PromotionSave = "promotion.save",
        BirthdayGiftSave = "promotion.birthday_gift",
        HandoverCount = "handover.count",
        HandoverConfirm = "handover.confirm",
        MatterResolve = "handover.resolve_matter",
        PrintSettingsUpdate = "print.settings",
        /// The data replaced by a backup (before: the copy saved aside).
        BackupRestore = "backup.restore",
        /// The second backup folder set or cleared.
        BackupSettings = "backup.settings",
    }
}

impl Action {
    /// The kind of record the action is about: `customer` for
    /// `customer.update`.
    pub fn entity(self) -> &'static str {
        let code = self.as_str();
        code.split_once('.').map_or(code, |(entity, _)| entity)
    }
}

/// Append one audit row inside the command's transaction, about no
/// customer in particular (a setting, a staff member, the gift stock).
pub fn record<B: Serialize, A: Serialize>(
    tx: &Tx<'_>,
    actor: Option<StaffId>,
    action: Action,
    entity_id: Option<i64>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    record_about(tx, actor, action, entity_id, None, before, after)
}

/// Append one audit row about a customer: her card, her money, her visit,
/// appointment, follow-up or complaint. `customer` is what the audit viewer
/// filters by, whatever kind of record `entity_id` names.
pub fn record_about<B: Serialize, A: Serialize>(
    tx: &Tx<'_>,
    actor: Option<StaffId>,
    action: Action,
    entity_id: Option<i64>,
    customer: Option<CustomerId>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    let after = after.map(serde_json::to_string).transpose()?;
    tx.execute(
        "INSERT INTO audit_log (at, staff_id, action, entity, entity_id, customer_id, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            tx.now,
            actor,
            action,
            action.entity(),
            entity_id,
            customer,
            before,
            after
        ],
    )?;
    Ok(())
}

/// No value, for `before` of a creation or `after` of a removal.
pub const NONE: Option<&()> = None;
