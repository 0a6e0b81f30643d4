//! The staff report, the customer report, a trend and a customer list as
//! tables.

use super::{Table, int, money, percent, rating, text};
use crate::customers::fields::{CustomerClass, Source};
use crate::reports::customers::CustomerReport;
use crate::reports::lists::ListedCustomer;
use crate::reports::staff::StaffReport;
use crate::reports::trends::{Bucket, Trend};

pub(super) fn bucket_name(b: Bucket) -> &'static str {
    match b {
        Bucket::Day => "日",
        Bucket::Week => "周",
        Bucket::Month => "月",
    }
}

fn source_name(s: Source) -> &'static str {
    match s {
        Source::WalkIn => "自然进店",
        Source::Referral => "老顾客介绍",
        Source::Online => "网络",
        Source::Flyer => "传单",
        Source::Other => "其他",
    }
}

pub(super) fn staff(r: &StaffReport) -> Vec<Table> {
    let mut t = Table::new(
        "顾客评价业绩排名",
        &[
            "名次",
            "工号",
            "姓名",
            "服务人次",
            "服务项目数",
            "营业额（元）",
            "服务金额（元）",
            "服务满意度",
            "美容师满意度",
            "评价人数",
            "再预约",
            "再预约率",
            "投诉",
            "应回访",
            "已回访",
            "回访完成率",
        ],
    )
    .keyed_by(3);
    for s in &r.rows {
        t.row(vec![
            s.rank.map(int).unwrap_or_else(|| text("—")),
            text(&s.staff_no),
            text(&s.name),
            int(s.visits),
            int(s.services),
            money(s.revenue),
            money(s.service_revenue),
            rating(&s.service_rating),
            rating(&s.stylist_rating),
            int(s.stylist_rating.rated),
            int(s.rebooked),
            percent(s.rebooking_permille),
            int(s.complaints),
            int(s.followups_due),
            int(s.followups_handled),
            percent(s.followups_permille),
        ]);
    }
    vec![t]
}

pub(super) fn customers(r: &CustomerReport) -> Vec<Table> {
    let mut sources = Table::new("新建档案（按来源）", &["来源", "人数"]);
    for s in &r.new_cards {
        sources.pair(source_name(s.source), int(s.customers));
    }
    sources.pair("首次消费顾客", int(r.first_visits));
    let mut classes = Table::new("顾客分类", &["类别", "人数"]);
    for c in &r.classes {
        let name = match c.class {
            Some(CustomerClass::A) => "A 类",
            Some(CustomerClass::B) => "B 类",
            Some(CustomerClass::C) => "C 类",
            None => "未分类",
        };
        classes.pair(name, int(c.customers));
    }
    let mut dormant = Table::new("流失顾客", &["未到店天数", "人数"]);
    for d in &r.dormant {
        dormant.pair(&format!("{} 天以上", d.days), int(d.customers));
    }
    dormant.pair(&format!("{} 月生日", r.birthday_month), int(r.birthdays));
    let m = &r.membership;
    let mut tiers = Table::new("会员等级与储值", &["项目", "数值"]);
    for t in &m.tiers {
        tiers.pair(&t.tier, int(t.members));
    }
    tiers
        .pair("储值余额合计（元）", money(m.liability))
        .pair("有余额会员", int(m.customers_with_balance))
        .pair("套餐剩余次数", int(m.package_sessions))
        .pair("套餐剩余价值（元）", money(m.package_value));
    vec![sources, classes, dormant, tiers]
}

pub(super) fn trend(t: &Trend) -> Vec<Table> {
    let mut table = Table::new(
        "趋势",
        &[
            "起",
            "止",
            "结账人次",
            "营业额（元）",
            "新顾客",
            "服务满意度",
            "投诉",
            "投诉率",
            "储值余额（元）",
        ],
    );
    for p in &t.points {
        table.row(vec![
            text(&p.from),
            text(&p.to),
            int(p.visits),
            money(p.revenue),
            int(p.new_customers),
            rating(&p.service_rating),
            int(p.complaints),
            percent(p.complaint_permille),
            money(p.liability),
        ]);
    }
    vec![table]
}

pub(super) fn customer_list(rows: &[ListedCustomer]) -> Table {
    let mut t = Table::new(
        "顾客名单",
        &[
            "姓名",
            "电话",
            "等级",
            "储值余额（元）",
            "消费次数",
            "最近到店",
            "未到店天数",
            "最近美容师",
            "生日",
            "勿扰",
        ],
    );
    for c in rows {
        t.row(vec![
            text(&c.name),
            text(&c.phone_masked),
            text(&c.tier),
            money(c.balance),
            int(c.visits),
            text(c.last_visit.clone().unwrap_or_default()),
            c.days_since.map(int).unwrap_or_else(|| text("")),
            text(c.last_stylist.clone().unwrap_or_default()),
            text(c.birthday.clone().unwrap_or_default()),
            text(if c.do_not_contact { "是" } else { "" }),
        ]);
    }
    t
}
