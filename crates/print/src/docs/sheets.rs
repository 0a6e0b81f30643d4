//! The shift handover record (交接班记录) and the daily close summary
//! (闭店汇总): lines with book, counted and variance, the notes, both
//! receptionists and the times, to be signed.

use frontdesk_core::gifts::handover::HandoverKind;
use frontdesk_core::printing::views::{DailyCloseView, HandoverView};

use super::compose::Compose;
use crate::layout::{Align, Cell, Part, Sheet};

pub fn handover(v: &HandoverView, sheet: &Sheet) -> Vec<Part> {
    let mut c = Compose::new(sheet);
    c.shop(&v.shop);
    let name = kind_title(v.handover.kind).to_string();
    c.title(name.clone());
    handover_body(&mut c, v);
    c.printed(&v.printed);
    vec![c.finish(name)]
}

fn kind_title(kind: HandoverKind) -> &'static str {
    match kind {
        HandoverKind::Shift => "赠品与礼券交接班记录",
        HandoverKind::Close => "闭店盘点记录",
    }
}

fn variance(n: i64) -> String {
    match n {
        0 => "相符".to_string(),
        n if n > 0 => format!("多 {n}"),
        n => format!("少 {}", -n),
    }
}

fn handover_body(c: &mut Compose, v: &HandoverView) {
    let h = &v.handover;
    c.field("记录号", h.no.clone().unwrap_or_default());
    c.field("营业日", h.business_date.clone());
    c.field(
        "交班人",
        format!(
            "{}号 {}  {}",
            h.outgoing.staff_no, h.outgoing.name, v.counted_at
        ),
    );
    if let Some(incoming) = &h.incoming {
        c.field(
            "接班人",
            format!(
                "{}号 {}  {}",
                incoming.staff_no,
                incoming.name,
                v.confirmed_at.clone().unwrap_or_default()
            ),
        );
    }
    c.rule();
    c.header_row(vec![
        Cell::new("品名 / 礼券", 2.4, Align::Left),
        Cell::new("账面", 0.8, Align::Right),
        Cell::new("实点", 0.8, Align::Right),
        Cell::new("差异", 0.9, Align::Right),
    ]);
    for line in &h.lines {
        let settled = if line.adjusted { "（已处理）" } else { "" };
        c.row(vec![
            Cell::new(format!("{}（{}）", line.label, line.unit), 2.4, Align::Left),
            Cell::new(line.book.to_string(), 0.8, Align::Right),
            Cell::new(line.counted.to_string(), 0.8, Align::Right),
            Cell::new(
                format!("{}{settled}", variance(line.variance)),
                0.9,
                Align::Right,
            ),
        ]);
    }
    c.dashed();
    let off = h.lines.iter().filter(|l| l.variance != 0).count();
    c.right("清点项数", format!("{} 项，差异 {} 项", h.lines.len(), off));
    if !h.notes.trim().is_empty() {
        c.heading("交接事项");
        c.text(h.notes.clone());
    }
    if !h.matters.is_empty() {
        c.heading("待办事项");
        for m in &h.matters {
            let state = if m.resolved_at.is_some() {
                format!("（已处理：{}）", m.resolution)
            } else {
                String::new()
            };
            c.text(format!("· {}{state}", m.text));
        }
    }
    c.signatures(&["交班人签字", "接班人签字"]);
}

pub fn daily_close(v: &DailyCloseView, sheet: &Sheet) -> Vec<Part> {
    let mut c = Compose::new(sheet);
    c.shop(&v.shop);
    let name = format!("闭店汇总 {}", v.summary.date);
    c.title(name.clone());
    let s = &v.summary;
    c.heading("赠品发放");
    if s.lines.is_empty() {
        c.text("当日无赠品发放");
    } else {
        c.header_row(vec![
            Cell::new("活动 / 档位", 2.0, Align::Left),
            Cell::new("赠品", 1.6, Align::Left),
            Cell::new("发放", 0.7, Align::Right),
            Cell::new("退回", 0.7, Align::Right),
        ]);
        for l in &s.lines {
            let tier = match (&l.promotion, l.threshold) {
                (p, _) if p.is_empty() => "生日礼".to_string(),
                (p, Some(t)) => format!("{p} 满{t}"),
                (p, None) => p.clone(),
            };
            c.row(vec![
                Cell::new(tier, 2.0, Align::Left),
                Cell::new(l.reward.clone(), 1.6, Align::Left),
                Cell::new(l.quantity.to_string(), 0.7, Align::Right),
                Cell::new(l.recovered.to_string(), 0.7, Align::Right),
            ]);
        }
    }
    c.heading("礼券");
    c.right("发放", format!("{} 张", s.vouchers_issued));
    c.right("回收（抵用）", format!("{} 张", s.vouchers_redeemed));
    c.amount("抵用金额", s.redeemed_amount);
    if !s.staff.is_empty() {
        c.heading("按员工");
        c.header_row(vec![
            Cell::new("员工", 1.6, Align::Left),
            Cell::new("发放次数", 0.9, Align::Right),
            Cell::new("件数", 0.7, Align::Right),
            Cell::new("平均用时", 1.0, Align::Right),
            Cell::new("超时", 0.6, Align::Right),
        ]);
        for st in &s.staff {
            c.row(vec![
                Cell::new(st.staff.clone(), 1.6, Align::Left),
                Cell::new(st.issues.to_string(), 0.9, Align::Right),
                Cell::new(st.units.to_string(), 0.7, Align::Right),
                Cell::new(
                    st.average_seconds
                        .map(|x| format!("{x} 秒"))
                        .unwrap_or_else(|| "—".into()),
                    1.0,
                    Align::Right,
                ),
                Cell::new(st.over_standard.to_string(), 0.6, Align::Right),
            ]);
        }
    }
    c.rule();
    match &v.close {
        Some(close) => {
            c.title(kind_title(close.handover.kind));
            handover_body(&mut c, close);
        }
        None => {
            c.bold("当日尚未完成闭店盘点");
            c.signatures(&["前台签字", "店长签字"]);
        }
    }
    c.printed(&v.printed);
    vec![c.finish(name)]
}
