//! `bearing demo`: a populated database to explore, in its own file unless --db says otherwise.

use super::args::{DemoArgs, DemoSize};
use super::{CliError, Context, Next};
use crate::ops::demo::load_demo;
use crate::ops::demo_large::{Size, load_large};
use crate::store::Store;

pub fn run(ctx: &Context, args: &DemoArgs, explicit_db: bool) -> Result<Next, CliError> {
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
    let mut store: Store = ctx.open_unjournaled()?;
    let generated = match args.size {
        DemoSize::Small => None,
        DemoSize::Large => Some(("Large", Size::LARGE)),
        DemoSize::Huge => Some(("Huge", Size::HUGE)),
    };
    if let Some((label, size)) = generated {
        let s = load_large(
            &mut store,
            size,
            args.seed,
            ctx.config.week_start,
            ctx.now(),
        )?;
        if args.no_tui {
            say!(
                "{label} demo (seed {}) written to {}: {} people, {} rituals with {} past meetings, \
                 {} notes, {} talking points, {} actions, {} goals with {} check-ins, {} risks \
                 with {} reviews.",
                args.seed,
                ctx.db.display(),
                s.people,
                s.rituals,
                s.occurrences,
                s.notes,
                s.topics,
                s.actions,
                s.goals,
                s.checkins,
                s.risks,
                s.reviews
            )?;
            return Ok(Next::Done);
        }
        return Ok(demo_context(ctx).cockpit(store));
    }
    let summary = load_demo(&mut store, ctx.config.week_start, ctx.now())?;
    if args.no_tui {
        say!(
            "Demo data written to {}: {} people, {} rituals, {} risks.",
            ctx.db.display(),
            summary.people,
            summary.rituals,
            summary.risks
        )?;
        return Ok(Next::Done);
    }
    Ok(demo_context(ctx).cockpit(store))
}

/// Sample data is not worth daily backups.
fn demo_context(ctx: &Context) -> Context {
    Context {
        db: ctx.db.clone(),
        config: crate::config::Config {
            backups_kept: 0,
            ..ctx.config.clone()
        },
        clock: ctx.clock,
    }
}
