//! The care-plan prescription (二联单): the plan from the consultation,
//! the services and how often, the home-care products and the instructions
//! (叮嘱), in a customer's copy and a shop's copy.

use frontdesk_core::printing::views::CarePlanView;

use super::compose::{self, Compose};
use crate::layout::{Part, Sheet};

pub fn parts(v: &CarePlanView, sheet: &Sheet) -> Vec<Part> {
    ["顾客联", "店铺联"]
        .into_iter()
        .map(|copy| part(v, sheet, copy))
        .collect()
}

fn part(v: &CarePlanView, sheet: &Sheet, copy: &str) -> Part {
    let mut c = Compose::new(sheet);
    c.shop(&v.shop);
    let name = format!("护理方案（{copy}）");
    c.title(name.clone());
    c.field("单号", v.slip_no.clone());
    c.field("日期", v.date.clone());
    c.field("顾客", v.customer_name.clone());
    c.field("电话", v.customer_phone.clone());
    if let Some(s) = &v.consultant {
        c.field("顾问", compose::staff(s, ""));
    }
    if let Some(s) = &v.stylist {
        c.field("美容师", compose::staff(s, "美容师"));
    }
    if !v.needs.trim().is_empty() {
        c.heading("顾客需求");
        c.text(v.needs.clone());
    }
    c.rule();
    c.heading("护理方案");
    if !v.care_plan.trim().is_empty() {
        c.text(v.care_plan.clone());
    }
    if !v.services.is_empty() {
        c.field("护理项目", v.services.join("、"));
    }
    if let Some(days) = v.interval_days {
        c.field("护理频率", format!("每 {days} 天一次"));
    }
    if !v.products.is_empty() || !v.home_care.trim().is_empty() {
        c.heading("居家护理");
        if !v.products.is_empty() {
            c.field("居家产品", v.products.join("、"));
        }
        if !v.home_care.trim().is_empty() {
            c.field("叮嘱", v.home_care.clone());
        }
    }
    if !v.recommendations.trim().is_empty() {
        c.field("建议", v.recommendations.clone());
    }
    if let Some(next) = &v.next_appointment {
        c.field("下次预约", next.clone());
    }
    c.signatures(&["顾客签字", "顾问签字"]);
    c.printed(&v.printed);
    c.finish(name)
}
