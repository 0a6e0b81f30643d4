//! The daily summary (营业日报) of a business day or a range of days, on A4:
//! visits, customers, revenue and how it was paid, stored value and
//! packages sold, services done, satisfaction, follow-ups and complaints,
//! gifts and vouchers, and the service times against the manual's standards.

use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::printing::views::DailySummaryView;
use frontdesk_core::reports::{MethodAmount, Rating, WaitTimes};

use super::compose::Compose;
use crate::layout::{Align, Cell, Part, Sheet};

fn method_name(m: PayMethod) -> &'static str {
    match m {
        PayMethod::Cash => "现金",
        PayMethod::Card => "银行卡",
        PayMethod::Mobile => "移动支付",
    }
}

/// One line per method; `all`: the zero ones too (the till), else only
/// the methods that took something.
fn methods(c: &mut Compose, indent: &str, list: &[MethodAmount], all: bool) {
    for m in list.iter().filter(|m| all || m.amount.0 != 0) {
        c.amount(format!("{indent}{}", method_name(m.method)), m.amount);
    }
}

fn rating(r: &Rating) -> String {
    match r.average_tenths {
        Some(t) => format!(
            "{}.{} 分（{} 人评价，不知道 {} 人）",
            t / 10,
            t % 10,
            r.rated,
            r.unknown
        ),
        None => format!("—（无人评价，不知道 {} 人）", r.unknown),
    }
}

fn duration(seconds: Option<i64>) -> String {
    match seconds {
        Some(s) => format!("{} 分 {:02} 秒", s / 60, s % 60),
        None => "—".to_string(),
    }
}

/// A table of counts: a header row and one row of figures.
fn counts(c: &mut Compose, cells: &[(&str, i64)]) {
    c.header_row(
        cells
            .iter()
            .map(|(t, _)| Cell::new(*t, 1.0, Align::Right))
            .collect(),
    );
    c.row(
        cells
            .iter()
            .map(|(_, n)| Cell::new(n.to_string(), 1.0, Align::Right))
            .collect(),
    );
}

fn wait(c: &mut Compose, label: &str, w: &WaitTimes) {
    c.field(
        label,
        format!(
            "{} 次：{} 分钟内 {}，超过 {} 分钟 {}，平均 {}",
            w.measured,
            w.amber_minutes,
            w.within,
            w.red_minutes,
            w.over_red,
            duration(w.average_seconds)
        ),
    );
}

pub fn daily_summary(v: &DailySummaryView, sheet: &Sheet) -> Vec<Part> {
    let s = &v.summary;
    let mut c = Compose::new(sheet);
    c.shop(&v.shop);
    let name = "营业日报".to_string();
    c.title(name.clone());
    if s.from == s.to {
        c.field("营业日", s.from.clone());
    } else {
        c.field("期间", format!("{} 至 {}（{} 天）", s.from, s.to, s.days));
    }

    c.heading("一、到店");
    let vf = &s.visits;
    counts(
        &mut c,
        &[
            ("到店合计", vf.total),
            ("已送客", vf.checked_out),
            ("已取消", vf.cancelled),
            ("已作废", vf.voided),
            ("进行中", vf.open),
            ("散客", vf.walk_ins),
            ("预约", vf.appointments),
        ],
    );
    let cf = &s.customers;
    counts(
        &mut c,
        &[
            ("新顾客", cf.new_customers),
            ("老顾客", cf.returning),
            ("未建档散客", cf.anonymous),
            ("新建档案", cf.cards_created),
        ],
    );
    c.small("顾客按已送客的到店计；作废的到店不计入收入、顾客、评价、服务与赠品。");

    c.heading("二、营业收入（已送客）");
    let r = &s.revenue;
    c.amount_bold(format!("账单合计（{} 单）", r.visits), r.billed);
    c.amount("  其中服务", r.services);
    c.amount("  其中产品", r.products);
    c.dashed();
    methods(&mut c, "实收 · ", &r.by_method, false);
    c.amount_bold("实收合计", r.money_taken);
    c.amount("储值卡消费（不计实收）", r.stored_value);
    c.amount("礼券抵扣", r.vouchers);
    c.right(
        "疗程卡消费（已于售卡时收款）",
        format!("{} 次，价值 {}", r.package_sessions, r.package_value),
    );

    c.heading("三、储值与疗程卡");
    let t = &s.top_ups;
    c.right("充值笔数", format!("{} 笔", t.count));
    methods(&mut c, "充值收款 · ", &t.by_method, false);
    c.amount("赠送金额", t.bonus);
    c.amount_bold("新增储值余额（负债）", t.liability_created);
    if t.refunds > 0 {
        c.amount(format!("退款（{} 笔）", t.refunds), t.refunded.negated());
    }
    c.dashed();
    let p = &s.packages;
    c.right(
        "疗程卡售出",
        format!("{} 张，共 {} 次", p.count, p.sessions),
    );
    methods(&mut c, "售卡收款 · ", &p.by_method, false);
    c.amount("储值卡支付", p.from_stored_value);
    c.amount_bold("新增疗程卡负债", p.liability_created);

    c.heading("四、当期收款（钱箱）");
    methods(&mut c, "", &s.money_in, true);
    c.amount_bold("合计", Fen(s.money_in.iter().map(|m| m.amount.0).sum()));
    c.small("= 到店实收 + 充值收款 + 售卡收款 - 退款。");

    c.heading("五、服务项目");
    if s.services.is_empty() {
        c.text("无。");
    } else {
        c.header_row(vec![
            Cell::new("项目", 3.0, Align::Left),
            Cell::new("次数", 1.0, Align::Right),
            Cell::new("其中疗程卡", 1.0, Align::Right),
        ]);
        for sc in &s.services {
            c.row(vec![
                Cell::new(sc.name.clone(), 3.0, Align::Left),
                Cell::new(sc.count.to_string(), 1.0, Align::Right),
                Cell::new(sc.by_package.to_string(), 1.0, Align::Right),
            ]);
        }
    }

    c.heading("六、满意度");
    c.field("服务满意度", rating(&s.service_rating));
    c.field("美容师满意度", rating(&s.stylist_rating));

    c.heading("七、回访与投诉");
    let f = &s.followups;
    counts(
        &mut c,
        &[
            ("回访完成", f.done),
            ("未联系上", f.not_reached),
            ("逾期未回访", f.overdue),
        ],
    );
    let k = &s.complaints;
    counts(
        &mut c,
        &[
            ("投诉受理", k.opened),
            ("按时答复", k.answered_in_time),
            ("逾期答复", k.answered_late),
            ("未答复已逾期", k.unanswered_overdue),
            ("未到答复时限", k.unanswered_pending),
        ],
    );

    c.heading("八、赠品与礼券");
    if s.gifts.is_empty() && s.vouchers.is_empty() {
        c.text("无发放与回收。");
    } else {
        c.header_row(vec![
            Cell::new("赠品 / 礼券", 3.0, Align::Left),
            Cell::new("发放", 1.0, Align::Right),
            Cell::new("收券", 1.0, Align::Right),
            Cell::new("抵扣金额", 1.4, Align::Right),
        ]);
        for g in &s.gifts {
            c.row(vec![
                Cell::new(format!("{}（{}）", g.name, g.unit), 3.0, Align::Left),
                Cell::new(g.issued.to_string(), 1.0, Align::Right),
                Cell::new("—", 1.0, Align::Right),
                Cell::new("—", 1.4, Align::Right),
            ]);
        }
        for vt in &s.vouchers {
            c.row(vec![
                Cell::new(
                    format!("{}（面值 {}）", vt.name, vt.face_value),
                    3.0,
                    Align::Left,
                ),
                Cell::new(vt.issued.to_string(), 1.0, Align::Right),
                Cell::new(vt.redeemed.to_string(), 1.0, Align::Right),
                Cell::new(vt.redeemed_amount.to_string(), 1.4, Align::Right),
            ]);
        }
    }

    c.heading("九、服务时间");
    let ct = &s.consultations;
    c.field(
        "前台咨询",
        format!(
            "{} 次：符合标准 {}，过短 {}，过长 {}，平均 {}",
            ct.measured,
            ct.within,
            ct.too_short,
            ct.too_long,
            duration(ct.average_seconds)
        ),
    );
    c.small(format!(
        "标准：{} 至 {} 分钟，新顾客不超过 {} 分钟。",
        ct.min_minutes, ct.max_minutes, ct.new_max_minutes
    ));
    wait(&mut c, "等候咨询", &s.waiting_for_consult);
    wait(&mut c, "再咨询至送客", &s.waiting_to_leave);

    c.printed(&v.printed);
    vec![c.finish(name)]
}
