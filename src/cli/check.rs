//! `nosmap check MAP... [--level draft|publish] [--format text|json] [--deny warnings]`.

use std::path::Path;

use serde_json::{Value, json};

use super::args::{CheckArgs, CheckFormat, DenyLevel, LevelChoice};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, print_error};
use crate::analysis::checks::{
    CheckContext, CheckLevel, CheckReport, Finding, RULES, Severity, check,
};
use crate::model::FunctionalMap;

pub fn run(args: &CheckArgs) -> u8 {
    if args.list_rules {
        for rule in RULES {
            out!("{}[{}]: {}", rule.severity.label(), rule.id, rule.summary);
            out!("    {}", rule.explanation);
            out!("    level: {}", rule.level.label());
            out!("    source: {}", rule.source);
        }
        return EXIT_OK;
    }
    let threshold = match args.deny {
        DenyLevel::Errors => Severity::Error,
        DenyLevel::Warnings => Severity::Warning,
        DenyLevel::Info => Severity::Info,
    };
    let context = CheckContext {
        today: args.today.or_else(crate::io::today),
        level: match args.level {
            LevelChoice::Draft => CheckLevel::Draft,
            LevelChoice::Publish => CheckLevel::Publish,
        },
    };
    let mut code = EXIT_OK;
    let mut json_files = Vec::new();
    for path in &args.files {
        let map = match super::load_map(path) {
            Ok(map) => map,
            Err(error) => {
                if args.format == CheckFormat::Json {
                    json_files.push(
                        json!({ "path": path.display().to_string(), "error": error.to_string() }),
                    );
                }
                print_error(error);
                code = EXIT_ERROR;
                continue;
            }
        };
        let report = check(&map, &context);
        if report.has_at_least(threshold) && code == EXIT_OK {
            code = EXIT_FINDINGS;
        }
        match args.format {
            CheckFormat::Text => print_text(path, &map, &report, args.show_dismissed),
            CheckFormat::Json => json_files.push(file_json(path, &map, &report)),
        }
    }
    if args.format == CheckFormat::Json {
        let document = json!({ "level": context.level.label(), "files": json_files });
        out!(
            "{}",
            serde_json::to_string_pretty(&document).unwrap_or_default()
        );
    }
    code
}

fn title(map: &FunctionalMap, finding: &Finding) -> String {
    map.node(finding.node())
        .map(|n| n.title().to_string())
        .unwrap_or_default()
}

fn print_text(path: &Path, map: &FunctionalMap, report: &CheckReport, show_dismissed: bool) {
    let path = path.display();
    for finding in &report.findings {
        out!(
            "{path}: node {:?}: {}[{}]: {}",
            title(map, finding),
            finding.severity.label(),
            finding.rule,
            finding.message
        );
        if let Some(fix) = &finding.fix {
            out!("    fix: {}", fix.label);
        }
    }
    if show_dismissed {
        for (finding, dismissal) in &report.dismissed {
            out!(
                "{path}: node {:?}: dismissed[{}]: {} (reason: {})",
                title(map, finding),
                finding.rule,
                finding.message,
                dismissal.reason
            );
        }
    }
    // Say what the draft level left out, so nobody takes a quiet draft for a finished map.
    let held_back = match report.held_back {
        0 => String::new(),
        n => format!(" ({n} more with --level publish)"),
    };
    out!(
        "{path}: {} errors, {} warnings, {} info, {} dismissed{held_back}",
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
        report.dismissed.len()
    );
}

fn finding_json(map: &FunctionalMap, finding: &Finding) -> Value {
    json!({
        "node": finding.node().raw(),
        "statement": finding.location.statement_id().map(|s| s.raw()),
        "where": map.describe_location(&finding.location),
        "title": title(map, finding),
        "rule": finding.rule,
        "severity": finding.severity.label(),
        "message": finding.message,
        "fix": finding.fix.as_ref().map(|f| f.label.clone()),
    })
}

fn file_json(path: &Path, map: &FunctionalMap, report: &CheckReport) -> Value {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| finding_json(map, f))
        .collect();
    let dismissed: Vec<Value> = report
        .dismissed
        .iter()
        .map(|(finding, dismissal)| {
            let mut value = finding_json(map, finding);
            value["reason"] = Value::String(dismissal.reason.clone());
            value
        })
        .collect();
    json!({
        "path": path.display().to_string(),
        "counts": {
            "error": report.count(Severity::Error),
            "warning": report.count(Severity::Warning),
            "info": report.count(Severity::Info),
            "dismissed": report.dismissed.len(),
            "held_back": report.held_back,
        },
        "findings": findings,
        "dismissed": dismissed,
    })
}
