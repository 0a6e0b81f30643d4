//! The manager's audit trail viewer (issue #14): the rows `audit` appends,
//! filtered by staff member, kind of record (or one action), customer and
//! business dates in the shop's time zone, newest first and paged; and the
//! same rows as a CSV. It only reads: the trail cannot be changed from here
//! or anywhere (the table's triggers refuse any change or removal).

use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::audit::Action;
use crate::clock::{self, Millis};
use crate::error::{Error, Invalid, Result};
use crate::ids::{CustomerId, StaffId};
use crate::money::Fen;
use crate::reports::figures::Period;
use crate::spreadsheet::{ExportResult, Sheet};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

/// Which rows: every filter is optional; given together they all apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditFilter {
    /// Who did it.
    pub staff_id: Option<StaffId>,
    /// The kind of record: the part of an action's code before the dot
    /// (`visit`, `stored_value`, `gift_item`, `voucher`, `customer`, ...).
    pub kind: Option<String>,
    /// One action exactly.
    pub action: Option<Action>,
    /// Every row about her: her card, money, visits, appointments,
    /// follow-ups and complaints.
    pub customer_id: Option<CustomerId>,
    /// Business dates (YYYY-MM-DD) in the shop's time zone, both ends
    /// included; both or neither.
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditQuery {
    pub filter: AuditFilter,
    /// 1-based; 1–500 rows a page.
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AuditPage {
    /// Rows matching the filter, on every page.
    pub total: i64,
    pub rows: Vec<AuditRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AuditRow {
    pub id: i64,
    /// The instant (UTC ms); the UI shows it in the shop's zone.
    pub at: Millis,
    /// None for rows written by the app itself.
    pub staff: Option<AuditStaff>,
    pub action: Action,
    /// The kind of record (`visit`), as stored.
    pub entity: String,
    pub entity_id: Option<i64>,
    /// The customer the row concerns, if any (her name is blank once erased).
    pub customer: Option<AuditCustomer>,
    /// The visit's slip number, for rows about a visit.
    pub slip_no: Option<String>,
    /// The values before and after, as recorded (JSON; money in fen). A
    /// customer card's rows hold the names of the fields changed, never
    /// their values.
    #[ts(type = "unknown")]
    pub before: Option<Value>,
    #[ts(type = "unknown")]
    pub after: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditStaff {
    pub id: StaffId,
    pub name: String,
    pub staff_no: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditCustomer {
    pub id: CustomerId,
    pub name: String,
}

/// Every kind of record an action is about, in the order of [`Action`].
pub fn kinds() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for a in Action::ALL {
        if !out.contains(&a.entity()) {
            out.push(a.entity());
        }
    }
    out
}

/// The filter as SQL over `audit_log a`, with its parameters.
fn where_clause(tx: &Tx<'_>, f: &AuditFilter) -> Result<(String, Vec<SqlValue>)> {
    let mut sql = vec!["1".to_string()];
    let mut params: Vec<SqlValue> = Vec::new();
    if let Some(s) = f.staff_id {
        params.push(s.0.into());
        sql.push(format!("a.staff_id = ?{}", params.len()));
    }
    if let Some(k) = f.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        if !kinds().contains(&k) {
            return Err(Error::invalid("kind", Invalid::NotAvailable));
        }
        params.push(k.to_string().into());
        sql.push(format!("a.entity = ?{}", params.len()));
    }
    if let Some(a) = f.action {
        params.push(a.as_str().to_string().into());
        sql.push(format!("a.action = ?{}", params.len()));
    }
    if let Some(c) = f.customer_id {
        params.push(c.0.into());
        sql.push(format!("a.customer_id = ?{}", params.len()));
    }
    match (&f.from, &f.to) {
        (None, None) => {}
        (Some(from), Some(to)) => {
            let p = Period::resolve(tx, from, to)?;
            params.push(p.start.into());
            sql.push(format!("a.at >= ?{}", params.len()));
            params.push(p.end.into());
            sql.push(format!("a.at < ?{}", params.len()));
        }
        (None, Some(_)) => return Err(Error::invalid("from", Invalid::Required)),
        (Some(_), None) => return Err(Error::invalid("to", Invalid::Required)),
    }
    Ok((sql.join(" AND "), params))
}

const COLUMNS: &str = "a.id, a.at, a.staff_id, st.name, st.staff_no, a.action, a.entity,
    a.entity_id, a.customer_id, c.name, v.slip_no, a.before, a.after";

const JOINS: &str = "LEFT JOIN staff st ON st.id = a.staff_id
    LEFT JOIN customers c ON c.id = a.customer_id
    LEFT JOIN visits v ON a.entity = 'visit' AND v.id = a.entity_id";

fn json(text: Option<String>) -> Option<Value> {
    // A row whose JSON cannot be read is shown as the text it holds.
    text.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t)))
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    let staff_id: Option<StaffId> = r.get(2)?;
    let customer_id: Option<CustomerId> = r.get(8)?;
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        staff: match staff_id {
            Some(id) => Some(AuditStaff {
                id,
                name: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                staff_no: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            }),
            None => None,
        },
        action: r.get(5)?,
        entity: r.get(6)?,
        entity_id: r.get(7)?,
        customer: match customer_id {
            Some(id) => Some(AuditCustomer {
                id,
                name: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            }),
            None => None,
        },
        slip_no: r.get(10)?,
        before: json(r.get(11)?),
        after: json(r.get(12)?),
    })
}

/// The rows matching `filter`, newest first: `limit` of them from `offset`.
fn rows_in(tx: &Tx<'_>, filter: &AuditFilter, page: Option<(i64, i64)>) -> Result<AuditPage> {
    let (cond, mut params) = where_clause(tx, filter)?;
    let total: i64 = tx.query_row(
        &format!("SELECT count(*) FROM audit_log a WHERE {cond}"),
        rusqlite::params_from_iter(params.iter()),
        |r| r.get(0),
    )?;
    let limit = match page {
        Some((limit, offset)) => {
            params.push(limit.into());
            params.push(offset.into());
            format!("LIMIT ?{} OFFSET ?{}", params.len() - 1, params.len())
        }
        None => String::new(),
    };
    let mut stmt = tx.prepare(&format!(
        "SELECT {COLUMNS} FROM audit_log a {JOINS} WHERE {cond}
         ORDER BY a.at DESC, a.id DESC {limit}"
    ))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), read_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(AuditPage { total, rows })
}

/// A page of the audit trail (managers: `ViewAudit`).
pub fn list_audit(db: &mut Db, session: &Session, req: AuditQuery) -> Result<AuditPage> {
    if !(1..=500).contains(&req.page_size) {
        return Err(Error::invalid("page_size", Invalid::OutOfRange));
    }
    if !(1..=1_000_000).contains(&req.page) {
        return Err(Error::invalid("page", Invalid::OutOfRange));
    }
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewAudit)?;
        rows_in(
            tx,
            &req.filter,
            Some((req.page_size, (req.page - 1) * req.page_size)),
        )
    })
}

/// Every row matching the filter as `exports/审计日志-<stamp>.csv`
/// (managers: `ViewAudit`).
pub fn export_audit(db: &mut Db, session: &Session, req: AuditFilter) -> Result<ExportResult> {
    let (bytes, rows) = db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewAudit)?;
        let tz = crate::shop::time_zone(tx)?;
        let page = rows_in(tx, &req, None)?;
        Ok(csv(&page.rows, tz))
    })?;
    crate::spreadsheet::write_export(db, "审计日志", &bytes, rows)
}

/// The CSV: Chinese headers and labels like every export; amounts in yuan.
pub fn csv(rows: &[AuditRow], tz: chrono_tz::Tz) -> (Vec<u8>, usize) {
    let mut sheet = Sheet::new();
    sheet.header(&[
        "时间", "工号", "员工", "操作", "代码", "记录", "编号", "单号", "顾客", "之前", "之后",
    ]);
    for r in rows {
        sheet.text(&clock::local_second(r.at, tz));
        match &r.staff {
            Some(s) => sheet.digits(&s.staff_no).text(&s.name),
            None => sheet.text("").text(""),
        };
        sheet
            .text(action_label(r.action))
            .text(r.action.as_str())
            .text(kind_label(&r.entity));
        match r.entity_id {
            Some(id) => sheet.number(id),
            None => sheet.text(""),
        };
        sheet.text(r.slip_no.as_deref().unwrap_or(""));
        sheet.text(r.customer.as_ref().map_or("", |c| c.name.as_str()));
        sheet
            .text(&describe(r.before.as_ref()))
            .text(&describe(r.after.as_ref()));
        sheet.end_row();
    }
    let n = sheet.rows();
    (sheet.into_bytes(), n)
}

/// Keys whose values are money in fen.
const MONEY_KEYS: &[&str] = &[
    "amount",
    "balance",
    "bonus",
    "change",
    "price",
    "refunded",
    "stored_value",
    "total",
];

fn key_label(key: &str) -> &str {
    match key {
        "amount" => "金额",
        "balance" => "储值余额",
        "bonus" => "赠送",
        "change" => "找零",
        "price" => "价格",
        "refunded" => "退回",
        "stored_value" => "储值支付",
        "total" => "应收",
        "payments" => "支付",
        "book" => "账面数",
        "counted" => "实点数",
        "variance" => "差异",
        "qty" | "quantity" => "数量",
        "sessions" => "次数",
        "status" => "状态",
        "state" => "状态",
        "reason" => "原因",
        "fields" => "修改字段",
        "method" => "方式",
        "count" => "张数",
        other => other,
    }
}

/// A recorded value as one readable line: `储值余额 1000.00；金额 500.00`;
/// card fields by their Chinese names; anything else as compact JSON.
pub fn describe(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return String::new();
    };
    let Value::Object(map) = value else {
        return scalar(value);
    };
    let mut parts = Vec::new();
    for (k, v) in map {
        if v.is_null() {
            continue;
        }
        let text = if MONEY_KEYS.contains(&k.as_str()) {
            v.as_i64()
                .map_or_else(|| scalar(v), |f| Fen(f).plain_yuan())
        } else if k == "fields" {
            v.as_array().map_or_else(
                || scalar(v),
                |names| {
                    names
                        .iter()
                        .filter_map(Value::as_str)
                        .map(crate::customers::export::field_title)
                        .collect::<Vec<_>>()
                        .join("、")
                },
            )
        } else {
            scalar(v)
        };
        parts.push(format!("{} {}", key_label(k), text));
    }
    parts.join("；")
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The kind of record in Chinese, for the CSV.
pub fn kind_label(kind: &str) -> &str {
    match kind {
        "shop" => "门店",
        "staff" => "员工",
        "customer" => "顾客",
        "catalog" => "项目与产品",
        "flow" => "流程设置",
        "visit" => "到访",
        "appointment" => "预约",
        "followup" => "回访",
        "complaint" => "投诉",
        "tier" => "会员等级",
        "stored_value" => "储值",
        "package" => "套餐",
        "gift_item" => "礼品",
        "voucher_type" => "券种",
        "voucher" => "礼券",
        "promotion" => "活动",
        "handover" => "交接班",
        "print" => "打印",
        "backup" => "备份",
        other => other,
    }
}

/// Each action in Chinese, for the CSV (the screen has its own, in both
/// languages).
pub fn action_label(a: Action) -> &'static str {
    match a {
        Action::ShopSetup => "开店设置",
        Action::ShopUpdate => "修改门店设置",
        Action::StaffAdd => "添加员工",
        Action::StaffUpdate => "修改员工",
        Action::StaffResetPin => "重置密码",
        Action::StaffSignIn => "员工登录",
        Action::CustomerCreate => "新建顾客",
        Action::CustomerUpdate => "修改顾客资料",
        Action::CustomerNote => "添加顾客备注",
        Action::CustomerVip => "设置VIP",
        Action::CustomerImport => "导入顾客",
        Action::CustomerExport => "导出顾客",
        Action::CustomerErase => "删除顾客资料",
        Action::CatalogService => "保存服务项目",
        Action::CatalogProduct => "保存产品",
        Action::CatalogMetric => "保存测量指标",
        Action::FlowUpdate => "修改流程设置",
        Action::VisitCheckIn => "到店登记",
        Action::VisitAttachCustomer => "关联顾客",
        Action::VisitCheckout => "结账",
        Action::VisitCancel => "取消到访",
        Action::VisitVoid => "作废结账",
        Action::AppointmentBook => "新建预约",
        Action::AppointmentMove => "修改预约",
        Action::AppointmentClose => "关闭预约",
        Action::FollowUpCreate => "新建回访",
        Action::FollowUpCampaign => "批量回访",
        Action::FollowUpCall => "回访记录",
        Action::ComplaintOpen => "登记投诉",
        Action::ComplaintAction => "投诉处理",
        Action::ComplaintClose => "投诉结案",
        Action::TierSave => "保存会员等级",
        Action::TierOverride => "调整会员等级",
        Action::TierReview => "会员等级复核",
        Action::TierSettings => "会员设置",
        Action::StoredValueTopUp => "储值充值",
        Action::StoredValueRefund => "储值退款",
        Action::PackageSell => "售出套餐",
        Action::GiftItemSave => "保存礼品",
        Action::GiftReceive => "礼品入库",
        Action::GiftDamage => "礼品损坏",
        Action::GiftDestroy => "礼品销毁",
        Action::GiftReturn => "礼品退回仓库",
        Action::GiftAdjust => "礼品盘点调整",
        Action::GiftBirthday => "发放生日礼",
        Action::VoucherTypeSave => "保存券种",
        Action::VoucherReceive => "礼券入库",
        Action::VoucherDestroy => "礼券销毁",
        Action::PromotionSave => "保存活动",
        Action::BirthdayGiftSave => "保存生日礼设置",
        Action::HandoverCount => "交接清点",
        Action::HandoverConfirm => "交接确认",
        Action::MatterResolve => "处理交接事项",
        Action::PrintSettingsUpdate => "修改打印设置",
        Action::StaffOverride => "店长授权",
        Action::BackupRestore => "恢复备份",
        Action::BackupSettings => "修改备份设置",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_chinese_label() {
        for k in kinds() {
            assert_ne!(kind_label(k), k, "{k}");
        }
    }

    #[test]
    fn amounts_read_in_yuan_and_card_fields_by_name() {
        let v = serde_json::json!({ "balance": 123_450, "method": "cash" });
        assert_eq!(describe(Some(&v)), "储值余额 1234.50；方式 cash");
        let v = serde_json::json!({ "fields": ["phone", "allergies"] });
        assert_eq!(describe(Some(&v)), "修改字段 手机号、过敏史");
        assert_eq!(describe(None), "");
    }
}
