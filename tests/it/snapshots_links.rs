//! Issue 22: a detail view with its links (the risk's, one of them selected), at 80×24 and
//! 160×48.

use crate::snapshots::{model, now, press, screen};
use bearing::domain::link::{LinkKind, ObjectRef};
use bearing::ops::links::link;

#[test]
fn risk_detail_with_links() {
    let mut m = model(true);
    press(&mut m, "5");
    let risk = m.risks.current().map(|r| r.id).unwrap();
    let risk = ObjectRef::new(LinkKind::Risk, risk);
    for other in [
        ObjectRef::new(LinkKind::Goal, 1),
        ObjectRef::new(LinkKind::Person, 1),
    ] {
        link(&mut m.runner.store, risk, other, now()).unwrap();
    }
    // Away and back: the cursor's risk loads its links.
    press(&mut m, "jk]");
    insta::assert_snapshot!("risk_links_80x24", screen(&m.model, 80, 24));
    insta::assert_snapshot!("risk_links_160x48", screen(&m.model, 160, 48));
}
