//! Prints what the read stage makes of a file (PDF, web page or text): the text the later
//! stages see, one paragraph a line for PDF and web pages. A debugging aid.
fn main() -> anyhow::Result<()> {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path)?;
        let input = lianghui::read::load(&bytes, &lianghui::ReadOptions::default())
            .map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
        println!("## {path} ({:?}, {})", input.format, input.encoding);
        for (k, line) in input.text.lines().enumerate() {
            match input.origins.get(k) {
                Some(o) => println!("[p{} {:.0},{:.0}] {line}", o.page, o.x, o.y),
                None => println!("{line}"),
            }
        }
    }
    Ok(())
}
