//! The daily summary as tables.

use super::{Table, int, money, percent, rating, text};
use crate::money::PayMethod;
use crate::reports::daily::{DailySummary, MethodAmount, WaitTimes};
use crate::reports::figures::permille;

pub(super) fn method_name(m: PayMethod) -> &'static str {
    match m {
        PayMethod::Cash => "现金",
        PayMethod::Card => "银行卡",
        PayMethod::Mobile => "移动支付",
    }
}

fn methods(t: &mut Table, prefix: &str, list: &[MethodAmount]) {
    for m in list {
        t.pair(
            &format!("{prefix}{}", method_name(m.method)),
            money(m.amount),
        );
    }
}

fn waits(t: &mut Table, label: &str, w: &WaitTimes) {
    t.pair(&format!("{label}：测得"), int(w.measured));
    t.pair(
        &format!("{label}：{} 分钟内", w.amber_minutes),
        int(w.within),
    );
    t.pair(
        &format!("{label}：超过 {} 分钟", w.red_minutes),
        int(w.over_red),
    );
}

pub(super) fn tables(s: &DailySummary) -> Vec<Table> {
    let mut visits = Table::new("到店与顾客", &["项目", "数值"]);
    let v = &s.visits;
    visits
        .pair("到店人次", int(v.total))
        .pair("已结账", int(v.checked_out))
        .pair("取消", int(v.cancelled))
        .pair("作废", int(v.voided))
        .pair("未完成", int(v.open))
        .pair("散客（未预约）", int(v.walk_ins))
        .pair("预约", int(v.appointments))
        .pair("新顾客", int(s.customers.new_customers))
        .pair("老顾客", int(s.customers.returning))
        .pair("未建档散客", int(s.customers.anonymous))
        .pair("新建档案", int(s.customers.cards_created));

    let mut revenue = Table::new("营业收入", &["项目", "金额（元）"]);
    let r = &s.revenue;
    revenue
        .pair("结账单数", int(r.visits))
        .pair("营业额", money(r.billed));
    revenue
        .pair("其中服务", money(r.services))
        .pair("其中产品", money(r.products));
    methods(&mut revenue, "收款：", &r.by_method);
    revenue
        .pair("收款合计", money(r.money_taken))
        .pair("储值消费", money(r.stored_value))
        .pair("代金券抵用", money(r.vouchers))
        .pair("套餐次数", int(r.package_sessions))
        .pair("套餐次数价值", money(r.package_value));

    let mut stored = Table::new("储值与套餐", &["项目", "金额（元）"]);
    let u = &s.top_ups;
    stored.pair("充值笔数", int(u.count));
    methods(&mut stored, "充值收款：", &u.by_method);
    stored
        .pair("充值实收", money(u.received))
        .pair("赠送金额", money(u.bonus))
        .pair("新增储值负债", money(u.liability_created))
        .pair("退款笔数", int(u.refunds))
        .pair("退款金额", money(u.refunded));
    let p = &s.packages;
    stored
        .pair("售出套餐", int(p.count))
        .pair("售出次数", int(p.sessions))
        .pair("套餐实收", money(p.received))
        .pair("储值购买套餐", money(p.from_stored_value))
        .pair("新增套餐负债", money(p.liability_created));
    methods(&mut stored, "钱箱净收入：", &s.money_in);

    let mut services = Table::new("服务项目", &["项目", "次数", "其中套餐"]);
    for sc in &s.services {
        services.row(vec![text(&sc.name), int(sc.count), int(sc.by_package)]);
    }

    let mut care = Table::new("满意度、回访与投诉", &["项目", "数值"]);
    care.pair("服务满意度", rating(&s.service_rating))
        .pair("服务满意度评价人数", int(s.service_rating.rated))
        .pair("美容师满意度", rating(&s.stylist_rating))
        .pair("美容师满意度评价人数", int(s.stylist_rating.rated))
        .pair("回访完成", int(s.followups.done))
        .pair("回访未联系上", int(s.followups.not_reached))
        .pair("回访逾期", int(s.followups.overdue))
        .pair("投诉受理", int(s.complaints.opened))
        .pair("按时答复", int(s.complaints.answered_in_time))
        .pair("逾期答复", int(s.complaints.answered_late))
        .pair("逾期未答复", int(s.complaints.unanswered_overdue))
        .pair(
            "按时答复率",
            percent(permille(s.complaints.answered_in_time, s.complaints.opened)),
        );

    let mut gifts = Table::new("礼品与代金券", &["名称", "发放", "使用", "抵用金额（元）"]);
    for g in &s.gifts {
        gifts.row(vec![
            text(format!("{}（{}）", g.name, g.unit)),
            int(g.issued),
            text(""),
            text(""),
        ]);
    }
    for vf in &s.vouchers {
        gifts.row(vec![
            text(&vf.name),
            int(vf.issued),
            int(vf.redeemed),
            money(vf.redeemed_amount),
        ]);
    }

    let mut times = Table::new("服务时间", &["项目", "数值"]);
    let c = &s.consultations;
    times
        .pair("咨询：测得", int(c.measured))
        .pair(
            &format!("咨询：{}–{} 分钟内", c.min_minutes, c.max_minutes),
            int(c.within),
        )
        .pair("咨询：过短", int(c.too_short))
        .pair("咨询：过长", int(c.too_long));
    waits(&mut times, "等候咨询", &s.waiting_for_consult);
    waits(&mut times, "等候离店", &s.waiting_to_leave);

    vec![visits, revenue, stored, services, care, gifts, times]
}
