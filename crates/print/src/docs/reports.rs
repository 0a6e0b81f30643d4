//! The manager's papers: the gift/voucher reconciliation for head office,
//! the day's follow-up list, and the complaint record.

use frontdesk_core::complaints::{ActionKind, Channel, ComplaintKind, Level, Severity};
use frontdesk_core::followups::FollowUpReason;
use frontdesk_core::printing::views::{ComplaintView, FollowupListView, ReconciliationView};

use super::compose::{self, Compose};
use crate::layout::{Align, Cell, Part, Sheet};

pub fn reconciliation(v: &ReconciliationView, sheet: &Sheet) -> Vec<Part> {
    let r = &v.reconciliation;
    let mut c = Compose::new(sheet);
    c.shop(&v.shop);
    let name = "赠品与礼券对账表".to_string();
    c.title(name.clone());
    c.field("期间", format!("{} 至 {}", r.from, r.to));
    let rate = match r.match_permille {
        Some(p) => format!("{}.{}%", p / 10, p % 10),
        None => "—（期间内无交接清点）".to_string(),
    };
    c.field(
        "账实相符率",
        format!(
            "{rate}（清点 {} 项，相符 {} 项）",
            r.lines_counted, r.lines_matched
        ),
    );
    c.heading("赠品");
    let w = [1.9, 0.7, 0.7, 0.7, 0.7, 0.9, 0.7, 0.7, 2.1];
    c.header_row(
        [
            "品名",
            "期初",
            "入库",
            "发放",
            "退回",
            "报损/销毁",
            "调整",
            "期末",
            "末次清点",
        ]
        .iter()
        .zip(w)
        .enumerate()
        .map(|(i, (t, w))| Cell::new(*t, w, if i == 0 { Align::Left } else { Align::Right }))
        .collect(),
    );
    for it in &r.items {
        let last = match &it.last_count {
            Some(l) if l.variance == 0 => format!("{} 相符", l.handover.no),
            Some(l) => format!("{} 差{:+}", l.handover.no, l.variance),
            None => "—".to_string(),
        };
        let vals = [
            it.opening,
            it.received,
            it.issued,
            it.recovered + it.returned,
            it.damaged + it.destroyed,
            it.adjusted,
            it.closing,
        ];
        let mut cells = vec![Cell::new(
            format!("{}（{}）", it.name, it.unit),
            w[0],
            Align::Left,
        )];
        cells.extend(
            vals.iter()
                .zip(&w[1..8])
                .map(|(n, w)| Cell::new(n.to_string(), *w, Align::Right)),
        );
        cells.push(Cell::new(last, w[8], Align::Right));
        c.row(cells);
    }
    c.small("退回 = 作废后收回 + 退回仓库；报损/销毁含破损更换。");
    c.heading("礼券");
    let w = [2.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 0.9, 0.9];
    c.header_row(
        [
            "礼券",
            "面值",
            "期初库存",
            "入库",
            "发放",
            "回收",
            "过期/作废",
            "期末库存",
            "在外未用",
        ]
        .iter()
        .zip(w)
        .enumerate()
        .map(|(i, (t, w))| Cell::new(*t, w, if i == 0 { Align::Left } else { Align::Right }))
        .collect(),
    );
    for vt in &r.vouchers {
        c.row(vec![
            Cell::new(vt.name.clone(), w[0], Align::Left),
            Cell::new(vt.face_value.to_string(), w[1], Align::Right),
            Cell::new(vt.opening_in_stock.to_string(), w[2], Align::Right),
            Cell::new(vt.received.to_string(), w[3], Align::Right),
            Cell::new(vt.issued.to_string(), w[4], Align::Right),
            Cell::new(
                (vt.redeemed - vt.unredeemed).to_string(),
                w[5],
                Align::Right,
            ),
            Cell::new(
                (vt.expired + vt.cancelled + vt.destroyed).to_string(),
                w[6],
                Align::Right,
            ),
            Cell::new(vt.closing_in_stock.to_string(), w[7], Align::Right),
            Cell::new(vt.closing_issued.to_string(), w[8], Align::Right),
        ]);
        for gap in &vt.gaps {
            c.small(format!(
                "  未到货号段 {}–{}（{} 张）",
                gap.first, gap.last, gap.count
            ));
        }
    }
    c.heading("差异");
    if r.variances.is_empty() {
        c.text("期间内所有清点均与账面相符。");
    } else {
        c.header_row(vec![
            Cell::new("项目", 2.0, Align::Left),
            Cell::new("交接记录", 1.5, Align::Left),
            Cell::new("账面", 0.7, Align::Right),
            Cell::new("实点", 0.7, Align::Right),
            Cell::new("差异", 0.7, Align::Right),
            Cell::new("首次出现", 1.5, Align::Left),
            Cell::new("处理", 0.8, Align::Left),
        ]);
        for d in &r.variances {
            c.row(vec![
                Cell::new(d.label.clone(), 2.0, Align::Left),
                Cell::new(d.handover.no.clone(), 1.5, Align::Left),
                Cell::new(d.book.to_string(), 0.7, Align::Right),
                Cell::new(d.counted.to_string(), 0.7, Align::Right),
                Cell::new(format!("{:+}", d.variance), 0.7, Align::Right),
                Cell::new(d.first_seen.no.clone(), 1.5, Align::Left),
                Cell::new(
                    if d.adjusted { "已调整" } else { "未处理" },
                    0.8,
                    Align::Left,
                ),
            ]);
        }
    }
    c.signatures(&["制表", "店长审核"]);
    c.printed(&v.printed);
    vec![c.finish(name)]
}

fn reason(r: FollowUpReason) -> &'static str {
    match r {
        FollowUpReason::Aftercare => "护理回访",
        FollowUpReason::Course => "疗程提醒",
        FollowUpReason::Birthday => "生日问候",
        FollowUpReason::Complaint => "投诉回访",
        FollowUpReason::Dormant => "久未到店",
    }
}

pub fn followups(v: &FollowupListView, sheet: &Sheet) -> Vec<Part> {
    let mut c = Compose::new(sheet);
    c.shop(&v.shop);
    let name = format!("回访清单 {}", v.date);
    c.title(name.clone());
    c.field("截至", format!("{}（含逾期未回访）", v.date));
    c.field("共计", format!("{} 位顾客", v.tasks.len()));
    c.header_row(vec![
        Cell::new("顾客", 1.3, Align::Left),
        Cell::new("电话", 1.2, Align::Left),
        Cell::new("回访原因", 1.0, Align::Left),
        Cell::new("应回访日", 1.3, Align::Left),
        Cell::new("上次服务", 2.0, Align::Left),
        Cell::new("结果", 1.6, Align::Left),
    ]);
    for t in &v.tasks {
        let overdue = if t.overdue { " 逾期" } else { "" };
        let who = if t.address_as.is_empty() || t.address_as == t.customer_name {
            t.customer_name.clone()
        } else {
            format!("{}（{}）", t.customer_name, t.address_as)
        };
        let last = [
            t.last_visit_date.clone().unwrap_or_default(),
            t.last_services.join("、"),
            t.last_stylist.clone().unwrap_or_default(),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
        c.row(vec![
            Cell::new(who, 1.3, Align::Left),
            Cell::new(t.phone.clone(), 1.2, Align::Left),
            Cell::new(reason(t.reason), 1.0, Align::Left),
            Cell::new(format!("{}{overdue}", t.due_date), 1.3, Align::Left),
            Cell::new(last, 2.0, Align::Left),
            Cell::new("□接通 □未接 □改约", 1.6, Align::Left),
        ]);
        c.dashed();
    }
    c.printed(&v.printed);
    vec![c.finish(name)]
}

fn channel(ch: Channel) -> &'static str {
    match ch {
        Channel::InPerson => "当面投诉",
        Channel::PhoneLetter => "电话/信函",
        Channel::ThirdParty => "第三方",
        Channel::Online => "网络",
    }
}

fn kind(k: ComplaintKind) -> &'static str {
    match k {
        ComplaintKind::Attitude => "服务态度",
        ComplaintKind::Quality => "服务质量",
        ComplaintKind::Billing => "收费",
        ComplaintKind::Other => "其他",
    }
}

fn action(k: ActionKind) -> &'static str {
    match k {
        ActionKind::Action => "处理",
        ActionKind::Answer => "答复顾客",
        ActionKind::Escalate => "上报",
        ActionKind::Close => "结案",
    }
}

pub fn complaint(v: &ComplaintView, sheet: &Sheet) -> Vec<Part> {
    let x = &v.complaint;
    let mut c = Compose::new(sheet);
    c.shop(&v.shop);
    let name = "顾客投诉处理记录".to_string();
    c.title(name.clone());
    c.field("编号", x.id.0.to_string());
    c.field("顾客姓名", x.customer_name.clone());
    c.field("联系方式", v.customer_phone.clone());
    c.field("受理时间", v.opened_at.clone());
    c.field("投诉方式", channel(x.channel));
    c.field("投诉类别", kind(x.kind));
    c.field(
        "难易程度",
        match x.severity {
            Severity::Simple => "一般",
            Severity::Complex => "复杂",
        },
    );
    if let Some(s) = &x.about {
        c.field("被投诉人", compose::staff(s, ""));
    }
    if let Some(s) = &x.taken_by {
        c.field("受理人", compose::staff(s, ""));
    }
    c.field(
        "处理级别",
        match x.level {
            Level::Desk => "前台",
            Level::Supervisor => "主管",
            Level::Manager => "店长",
        },
    );
    c.field("答复期限", v.answer_due_at.clone());
    c.rule();
    c.heading("投诉内容");
    c.text(if x.description.trim().is_empty() {
        "—".to_string()
    } else {
        x.description.clone()
    });
    c.heading("处理经过");
    if x.actions.is_empty() {
        c.text("—");
    }
    for (a, at) in x.actions.iter().zip(&v.action_times) {
        c.text(format!("{at} {} {}：{}", a.staff, action(a.kind), a.text));
    }
    c.heading("处理结果");
    c.text(if x.result.trim().is_empty() {
        "（未结案）".to_string()
    } else {
        x.result.clone()
    });
    c.heading("顾客对处理意见的态度");
    c.text(if x.reaction.trim().is_empty() {
        "—".to_string()
    } else {
        x.reaction.clone()
    });
    if let Some(at) = &v.answered_at {
        c.field("答复时间", at.clone());
    }
    if let Some(at) = &v.closed_at {
        c.field("结案时间", at.clone());
    }
    c.signatures(&["受理人", "店长"]);
    c.printed(&v.printed);
    vec![c.finish(name)]
}
