//! Printing HTML to PDF with a headless Chromium, Chrome or Edge found on the machine. The browser gets a
//! throw-away profile and home folder (nothing is written into the user's home), no network, no header or footer,
//! and is killed if it does not finish in time.

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::tx;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable that names a browser to print with.
pub const BROWSER_ENV: &str = "REXIESHANG_BROWSER";
/// How long a print may take before the browser is killed (seconds; `REXIESHANG_PRINT_TIMEOUT` overrides).
pub const TIMEOUT_SECS: u64 = 90;

fn timeout() -> Duration {
    let secs = std::env::var("REXIESHANG_PRINT_TIMEOUT")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(TIMEOUT_SECS);
    Duration::from_secs(secs.max(1))
}

const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
    "C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe",
];

fn on_path(name: &str) -> Option<PathBuf> {
    let p = Path::new(name);
    if p.is_absolute() {
        return p.is_file().then(|| p.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join(name), dir.join(format!("{name}.exe"))])
        .find(|c| c.is_file())
}

/// The browser to print with: `--browser`, else the environment variable, else the first one found.
pub fn find_browser(explicit: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    let named = explicit.map(Path::to_path_buf).or_else(|| {
        std::env::var_os(BROWSER_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    if let Some(b) = named {
        let found = if b.components().count() > 1 {
            b.is_file().then_some(b.clone())
        } else {
            on_path(&b.to_string_lossy())
        };
        return found.ok_or_else(|| {
            let p = b.to_string_lossy().into_owned();
            Diagnostic::error(Code::E901, tx!("找不到浏览器 `{p}`", "no browser at `{p}`")).help(
                tx!(
                    "检查 --browser 或 {BROWSER_ENV} 给出的路径。",
                    "Check the path given with --browser or {BROWSER_ENV}."
                ),
            )
        });
    }
    CANDIDATES.iter().find_map(|c| on_path(c)).ok_or_else(|| {
        Diagnostic::error(Code::E901, tx!("没有找到可以打印 PDF 的浏览器", "no browser found to print the PDF with"))
            .help(tx!(
                "安装 Chromium、Google Chrome 或 Microsoft Edge（Debian/Ubuntu：sudo apt-get install chromium fonts-noto-cjk），或用 --browser 路径 / 环境变量 {BROWSER_ENV} 指定。也可以先用 --format html 生成网页，再在浏览器里打印。",
                "Install Chromium, Google Chrome or Microsoft Edge (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk), or point at one with --browser PATH or {BROWSER_ENV}. Or write --format html and print it from a browser."
            ))
    })
}

fn running_as_root() -> bool {
    // Chromium refuses to start as root without --no-sandbox; read the real uid without extra dependencies.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// A folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Prints `html` to PDF bytes with `browser`.
pub fn from_html(browser: &Path, html: &str) -> Result<Vec<u8>, Diagnostic> {
    let fail = |why: String| {
        Diagnostic::error(Code::E902, tx!("浏览器没有生成 PDF：{why}", "the browser did not produce a PDF: {why}"))
            .help(tx!("可以先用 --format html 生成网页，再在浏览器里打印；或换一个浏览器（--browser）。", "Write --format html and print it from a browser, or try another browser with --browser."))
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let scratch = Scratch(
        std::env::temp_dir().join(format!("rexieshang-print-{}-{nanos}", std::process::id())),
    );
    let home = scratch.0.join("home");
    std::fs::create_dir_all(&home).map_err(|e| fail(e.to_string()))?;
    let page = scratch.0.join("brief.html");
    let pdf = scratch.0.join("brief.pdf");
    std::fs::write(&page, html).map_err(|e| fail(e.to_string()))?;
    let url = format!(
        "file://{}",
        page.to_string_lossy()
            .replace('\\', "/")
            .replace(' ', "%20")
    );
    let log_path = scratch.0.join("browser.log");
    let log = std::fs::File::create(&log_path).map_err(|e| fail(e.to_string()))?;
    let mut child = command(browser, &scratch.0, &url, &pdf, log)
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    let status = wait(&mut child).map_err(fail)?;
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        let err = std::fs::read_to_string(&log_path).unwrap_or_default();
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .chars()
            .take(300)
            .collect::<String>();
        return Err(fail(format!("{status}; {last}")));
    }
    Ok(bytes)
}

/// The headless browser's command line: a throw-away profile and home in `scratch`, no header or footer; its
/// chatter goes to `log`, never to a pipe that could fill up and stall it.
fn command(browser: &Path, scratch: &Path, url: &str, pdf: &Path, log: std::fs::File) -> Command {
    let home = scratch.join("home");
    let mut cmd = Command::new(browser);
    cmd.arg("--headless")
        .arg("--disable-gpu")
        .arg("--no-first-run")
        .arg("--no-default-browser-check")
        .arg("--disable-background-networking")
        .arg("--disable-component-update")
        .arg("--disable-sync")
        .arg("--disable-extensions")
        .arg("--disable-quic")
        .arg("--mute-audio")
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").to_string_lossy()
        ))
        .arg("--no-pdf-header-footer")
        .arg("--print-to-pdf-no-header")
        .arg(format!("--print-to-pdf={}", pdf.to_string_lossy()))
        .arg(url)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    if running_as_root() {
        cmd.arg("--no-sandbox");
    }
    cmd
}

/// Waits for the browser, killing it after the time limit; the reason when it cannot be waited for.
fn wait(child: &mut std::process::Child) -> Result<std::process::ExitStatus, String> {
    let start = Instant::now();
    let limit = timeout();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                let secs = limit.as_secs();
                return Err(format!("{secs} s timeout / 超时 {secs} 秒"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(e.to_string()),
        }
    }
}
