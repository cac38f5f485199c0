// The browser harness shared by the scripts here: Debian's Chromium driven by playwright-core
// (never a downloaded browser), a page of the server under test, and the one JSON line a script
// prints for the Java side (it.Browser) to read.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.BROWSER_CHROMIUM ?? '/usr/bin/chromium';

// headless without a GPU or sandbox (CI containers run as root), and nothing of its own on the
// network: no component updates, sync, first-run pages or QUIC, so every request seen is the page's
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Chromium with a fresh profile (playwright makes a new user data dir per launch). */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: install Debian's package with ` +
        '`apt-get update && apt-get install -y chromium` (as root; .ci/run does this)',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 60_000 });
}

/**
 * A new page at `url`, recording what the browser did: its console, page errors and every request
 * whose path matches `watch` (a RegExp), each with when it was sent, its answer and any failure
 * (times in ms since the epoch, comparable with the page's Date.now()).
 */
export async function open(browser, url, watch = /./) {
  const page = await browser.newPage();
  const log = { console: [], pageErrors: [], requests: [] };
  const byRequest = new Map();
  page.on('console', (m) => log.console.push({ t: Date.now(), type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (!watch.test(path)) return;
    const entry = {
      t: Date.now(),
      method: r.method(),
      url: r.url(),
      type: r.resourceType(),
      lastEventId: r.headers()['last-event-id'] ?? null,
      status: null,
      contentType: null,
      failure: null,
    };
    byRequest.set(r, entry);
    log.requests.push(entry);
  });
  page.on('response', (r) => {
    const entry = byRequest.get(r.request());
    if (entry) {
      entry.status = r.status();
      entry.contentType = r.headers()['content-type'] ?? null;
    }
  });
  page.on('requestfailed', (r) => {
    const entry = byRequest.get(r);
    if (entry) entry.failure = r.failure()?.errorText ?? 'failed';
  });
  const answer = await page.goto(url);
  if (!answer || !answer.ok()) {
    throw new Error(`the page ${url} answered ${answer ? answer.status() : 'nothing'}`);
  }
  return { page, log };
}

/** Runs `main(args)` with the first command-line argument parsed as JSON; prints its result. */
export async function run(main) {
  let result;
  try {
    result = { ok: true, ...(await main(JSON.parse(process.argv[2] ?? '{}'))) };
  } catch (e) {
    result = { ok: false, error: String(e?.stack ?? e) };
  }
  // exit only once the line is out: a pipe is written asynchronously
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(result.ok ? 0 : 1));
}
