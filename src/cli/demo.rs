//! `bearing demo`: a populated database to explore, in its own file unless --db says otherwise.

use super::args::DemoArgs;
use super::{CliError, Context, open_tui};
use crate::ops::demo::load_demo;
use crate::store::Store;

pub fn run(ctx: &Context, args: &DemoArgs, explicit_db: bool) -> Result<(), CliError> {
    if !explicit_db {
        // The default demo file is Bearing's own scratch copy: start it afresh every time.
        for suffix in ["", "-wal", "-shm"] {
            let mut path = ctx.db.clone().into_os_string();
            path.push(suffix);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(CliError::failure(format!(
                        "cannot reset the demo database {}: {e}",
                        ctx.db.display()
                    )));
                }
            }
        }
    }
    let mut store: Store = ctx.open()?;
    let summary = load_demo(&mut store, ctx.config.week_start, ctx.now())?;
    if args.no_tui {
        println!(
            "Demo data written to {}: {} people, {} rituals, {} risks.",
            ctx.db.display(),
            summary.people,
            summary.rituals,
            summary.risks
        );
        return Ok(());
    }
    // Sample data is not worth daily backups.
    let ctx = Context {
        db: ctx.db.clone(),
        config: crate::config::Config {
            backups_kept: 0,
            ..ctx.config.clone()
        },
        clock: ctx.clock,
    };
    open_tui(&ctx, store)
}
