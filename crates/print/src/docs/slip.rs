//! The service slip (服务单): one copy, or the three-part slip (三联单) with
//! the customer's, the front desk's and the stylist's copies. The stylist's
//! copy carries her notes and the customer's allergies, never the payments;
//! the other copies never carry the allergies.

use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::printing::views::SlipView;
use frontdesk_core::visits::LineKind;

use super::compose::{self, Compose};
use crate::layout::{Align, Cell, Part, Sheet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copy {
    /// 顾客联 (also the only copy of a one-part slip).
    Customer,
    /// 前台联.
    FrontDesk,
    /// 美容师联.
    Stylist,
}

impl Copy {
    pub fn label(self) -> &'static str {
        match self {
            Copy::Customer => "顾客联",
            Copy::FrontDesk => "前台联",
            Copy::Stylist => "美容师联",
        }
    }
}

pub fn parts(v: &SlipView, sheet: &Sheet) -> Vec<Part> {
    if v.three_part {
        [Copy::Customer, Copy::FrontDesk, Copy::Stylist]
            .into_iter()
            .map(|c| part(v, sheet, c, true))
            .collect()
    } else {
        vec![part(v, sheet, Copy::Customer, false)]
    }
}

pub fn method_label(m: PayMethod) -> &'static str {
    match m {
        PayMethod::Cash => "现金",
        PayMethod::Card => "银行卡",
        PayMethod::Mobile => "移动支付",
    }
}

fn part(v: &SlipView, sheet: &Sheet, copy: Copy, labelled: bool) -> Part {
    let mut c = Compose::new(sheet);
    c.shop(&v.shop);
    let name = if labelled {
        format!("服务单（{}）", copy.label())
    } else {
        "服务单".to_string()
    };
    c.title(name.clone());
    if let Some(void) = &v.void {
        c.bold(format!("【作废】此单已于 {} 作废", void.at));
        c.field("作废人", void.by.clone());
        c.field("原因", void.reason.clone());
    }
    c.field("单号", v.slip_no.clone());
    c.field("时间", v.at.clone());
    match &v.customer {
        Some(cust) => {
            let tier = cust
                .tier
                .as_deref()
                .map(|t| format!("（{t}）"))
                .unwrap_or_default();
            c.field("顾客", format!("{}{tier}", cust.name));
            c.field("电话", cust.phone.clone());
        }
        None => c.field("顾客", v.walk_in.clone()),
    }
    if let Some(s) = &v.stylist {
        c.field("美容师", compose::staff(s, "美容师"));
    }
    if let Some(s) = &v.consultant {
        c.field("顾问", compose::staff(s, ""));
    }
    if copy == Copy::Stylist {
        stylist_body(&mut c, v);
    } else {
        bill(&mut c, v);
        payments(&mut c, v);
        membership(&mut c, v);
        rewards(&mut c, v);
    }
    if let Some(next) = &v.next_appointment {
        c.dashed();
        c.field("下次预约", next.clone());
    }
    if !v.home_care.trim().is_empty() || !v.recommendations.trim().is_empty() {
        c.dashed();
        c.bold("居家护理建议");
        if !v.home_care.trim().is_empty() {
            c.text(v.home_care.clone());
        }
        if !v.recommendations.trim().is_empty() {
            c.text(v.recommendations.clone());
        }
    }
    if copy == Copy::FrontDesk {
        c.signatures(&["顾客签字"]);
    }
    c.dashed();
    c.centered("欢迎您再次光临");
    c.printed(&v.printed);
    c.finish(name)
}

fn bill(c: &mut Compose, v: &SlipView) {
    c.rule();
    c.header_row(vec![
        Cell::new("项目", 2.6, Align::Left),
        Cell::new("数量", 0.6, Align::Right),
        Cell::new("金额", 1.2, Align::Right),
    ]);
    for line in &v.lines {
        let kind = match line.kind {
            LineKind::Service => "",
            LineKind::Product => "［产品］",
        };
        c.row(vec![
            Cell::new(format!("{kind}{}", line.name), 2.6, Align::Left),
            Cell::new(line.qty.to_string(), 0.6, Align::Right),
            Cell::new(
                Fen(line.amount.0.saturating_add(line.discount.0)).to_string(),
                1.2,
                Align::Right,
            ),
        ]);
        if line.discount != Fen::ZERO {
            let why = if line.package_id.is_some() {
                "  疗程卡抵扣"
            } else {
                "  会员折扣"
            };
            c.amount(why, line.discount.negated());
        }
    }
    c.dashed();
    c.amount("小计", v.subtotal);
    if v.discount != Fen::ZERO {
        c.amount("优惠", v.discount.negated());
    }
    c.amount_bold("合计", v.total);
}

fn payments(c: &mut Compose, v: &SlipView) {
    c.dashed();
    for voucher in &v.vouchers_redeemed {
        c.amount(
            format!("礼券 {} {}", voucher.type_name, voucher.serial),
            voucher.amount.negated(),
        );
    }
    if v.stored_value != Fen::ZERO {
        c.amount("储值卡支付", v.stored_value);
    }
    for p in &v.payments {
        c.amount(method_label(p.method), p.amount);
    }
    if v.tendered != Fen::ZERO {
        c.amount("实收现金", v.tendered);
        c.amount("找零", v.change);
    }
}

fn membership(c: &mut Compose, v: &SlipView) {
    if v.balance_after.is_none() && v.packages.is_empty() {
        return;
    }
    c.dashed();
    if let Some(balance) = v.balance_after {
        c.amount("储值余额", balance);
    }
    for p in &v.packages {
        let mark = if p.used_here {
            "（本次使用）"
        } else {
            ""
        };
        c.right(
            format!("{}{mark}", p.name),
            format!("剩余 {} 次", p.sessions_left),
        );
    }
}

fn rewards(c: &mut Compose, v: &SlipView) {
    if v.gifts.is_empty() && v.vouchers_issued.is_empty() {
        return;
    }
    c.dashed();
    for g in &v.gifts {
        let back = if g.recovered { "（已退回）" } else { "" };
        c.right(
            format!("赠品 {}{back}", g.item),
            format!("× {}", g.quantity),
        );
    }
    for voucher in &v.vouchers_issued {
        c.right(
            format!("赠送礼券 {} {}", voucher.type_name, voucher.serial),
            voucher.face_value.to_string(),
        );
    }
}

fn stylist_body(c: &mut Compose, v: &SlipView) {
    if let Some(alert) = v.customer.as_ref().and_then(|x| x.alert.clone()) {
        c.rule();
        c.bold(format!("【过敏/禁忌】{alert}"));
    }
    c.rule();
    c.bold("服务项目");
    for line in v.lines.iter().filter(|l| l.kind == LineKind::Service) {
        c.right(line.name.clone(), format!("× {}", line.qty));
    }
    if !v.products_used.is_empty() {
        c.bold("使用产品");
        for p in &v.products_used {
            c.right(p.name.clone(), p.amount.clone());
        }
    }
    let measured: Vec<_> = v
        .measurements
        .iter()
        .filter(|m| m.pre.is_some() || m.post.is_some())
        .collect();
    if !measured.is_empty() {
        c.bold("测量（前 → 后）");
        for m in measured {
            let show = |x: Option<i64>| match x {
                Some(n) => scaled(n, m.decimals),
                None => "—".to_string(),
            };
            c.right(
                m.name.clone(),
                format!("{} → {} {}", show(m.pre), show(m.post), m.unit),
            );
        }
    }
    if !v.service_notes.trim().is_empty() {
        c.bold("服务记录");
        c.text(v.service_notes.clone());
    }
}

/// A measurement stored as an integer with `decimals` places.
fn scaled(n: i64, decimals: i64) -> String {
    if decimals <= 0 {
        return n.to_string();
    }
    let p = 10i64.pow(decimals.min(6) as u32);
    let sign = if n < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:0width$}",
        n.unsigned_abs() / p as u64,
        n.unsigned_abs() % p as u64,
        width = decimals.min(6) as usize
    )
}
