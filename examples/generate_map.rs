//! Writes a generated functional map of about N nodes (key areas → functions → units).
//! Run: `cargo run --release --example generate_map -- 20000 out.nosmap.ron`

fn main() {
    let mut args = std::env::args().skip(1);
    let nodes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let out = args.next().unwrap_or_else(|| "generated.nosmap.ron".into());
    let map = nosmap::generate::generated_map(nodes);
    match nosmap::io::save(&map, std::path::Path::new(&out)) {
        Ok(()) => println!("wrote {out}: {} nodes", map.len()),
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(2);
        }
    }
}
