// node dashboard.mjs '<json>': the dashboard at / in Chromium, signed in with a token, through one
// scenario; prints what the page showed. Every wait is bounded (timeoutMs).
//
//   page         the dashboard's URL (the server's /, or a proxy's)
//   token        the bearer token to sign in with
//   scenario     example | continue | resume | reader
//   task         app/model/id of a task to open (resume, reader)
//   screenshots  a folder for laptop.png and phone.png (example)
//   timeoutMs    the longest any wait may take (default 30000)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, run } from './lib.mjs';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

run(async (args) => {
  const { page: url, token, scenario, task = null, screenshots = null, timeoutMs = 30_000 } = args;
  const browser = await launch();
  try {
    const target = task ? `${url}#task=${task}` : url;
    const { page, log } = await open(browser, target, /^\/(stream|tasks|hub|caller)/);
    await page.setViewportSize(LAPTOP);
    page.setDefaultTimeout(timeoutMs);
    await signIn(page, token);
    const scenarios = { example, continueTask, resume, reader };
    const name = scenario === 'continue' ? 'continueTask' : scenario;
    if (!scenarios[name]) throw new Error(`unknown scenario ${scenario}`);
    const result = await scenarios[name](page, { screenshots, timeoutMs });
    return {
      ...result,
      console: log.console.filter((m) => m.type === 'error' || m.type === 'warning'),
      pageErrors: log.pageErrors,
      requests: log.requests,
    };
  } finally {
    await browser.close();
  }
});

/** Types the token and presses Enter, as a keyboard user would. */
async function signIn(page, token) {
  await page.focus('#token');
  await page.keyboard.type(token, { delay: 0 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('#signed-in:not([hidden])');
  await page.waitForFunction(() => document.querySelector('#hub-open-streams').textContent !== '–');
}

/** Starts an ExampleTask from the form; the bar reaches its end and the status COMPLETED. */
async function example(page, { screenshots }) {
  await page.selectOption('#task-type', 'tests/ExampleTask');
  await page.fill('#field-message', 'from the dashboard');
  await page.fill('#field-delayMs', '400');
  await page.focus('#field-message');
  await page.keyboard.press('Enter'); // submits the form
  // the bar as it moves: each value seen once it changes
  await page.evaluate(() => {
    window.barSeen = [];
    const bar = document.querySelector('#task-progress');
    const note = () => {
      const seen = `${bar.value}/${bar.max}`;
      if (!document.querySelector('#progress-box').hidden && window.barSeen.at(-1) !== seen) {
        window.barSeen.push(seen);
      }
    };
    new MutationObserver(note).observe(document.querySelector('#task'), {
      subtree: true, attributes: true, childList: true, characterData: true,
    });
  });
  await page.waitForFunction(() => document.querySelector('#task-status').textContent === 'COMPLETED');
  await page.waitForFunction(() => !document.querySelector('#task-outcome').hidden);
  const shown = await taskView(page);
  const barSeen = await page.evaluate(() => window.barSeen);
  const axeLaptop = await axe(page);
  const shots = {};
  if (screenshots) {
    shots.laptop = join(screenshots, 'laptop.png');
    await page.screenshot({ path: shots.laptop, fullPage: true });
  }
  await page.setViewportSize(PHONE);
  await page.waitForFunction((w) => window.innerWidth === w, PHONE.width);
  const phoneWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  const axePhone = await axe(page);
  if (screenshots) {
    shots.phone = join(screenshots, 'phone.png');
    await page.screenshot({ path: shots.phone, fullPage: true });
  }
  return { ...shown, barSeen, axeLaptop, axePhone, phoneWidth, shots };
}

/** Starts a ContinueTask, sees its stream counted in the hub, continues it, sees the count fall. */
async function continueTask(page) {
  await page.selectOption('#task-type', 'tests/ContinueTask');
  await page.fill('#field-timeoutSeconds', '120');
  await page.click('#start-form button[type="submit"]');
  await page.waitForSelector('#events li[data-type="started"]');
  await page.waitForFunction(() => Number(document.querySelector('#hub-open-streams').textContent) > 0);
  const openWhileStreaming = await page.textContent('#hub-open-streams');
  await page.waitForSelector('#task-continue:not([hidden])');
  const buttons = await visibleButtons(page);
  await page.click('#task-continue');
  await page.waitForSelector('#events li[data-type="final"]');
  await page.waitForFunction(() => document.querySelector('#task-status').textContent === 'COMPLETED');
  await page.waitForFunction(() => document.querySelector('#hub-open-streams').textContent === '0');
  const openAfter = await page.textContent('#hub-open-streams');
  return { ...(await taskView(page)), openWhileStreaming, openAfter, buttons };
}

/** Watches a task opened by its address until it ends (the test cuts the connection meanwhile). */
async function resume(page) {
  await page.waitForFunction(() => document.querySelector('#task-status').textContent === 'COMPLETED');
  await page.waitForSelector('#events li[data-type="complete"]');
  return taskView(page);
}

/** A reader: the page shows tasks and the hub, and no control the role may not use. */
async function reader(page) {
  await page.waitForFunction(() => document.querySelector('#task-status').textContent === 'RUNNING');
  await page.waitForSelector('#events li[data-type="started"]');
  await page.waitForFunction(() => document.querySelectorAll('#task-rows tr').length > 0);
  return {
    ...(await taskView(page)),
    caller: await page.textContent('#signed-in'),
    startFormVisible: await page.isVisible('#start-form'),
    startSectionHidden: await page.evaluate(() => document.querySelector('#start').hidden),
    buttons: await visibleButtons(page),
  };
}

/** What the task panel shows: status, bar, outcome and every event listed (id, type, data). */
function taskView(page) {
  return page.evaluate(() => {
    const bar = document.querySelector('#task-progress');
    const events = [...document.querySelectorAll('#events li')].map((li) => ({
      id: li.dataset.id ?? null,
      type: li.dataset.type,
      data: li.querySelector('code').textContent,
    }));
    return {
      status: document.querySelector('#task-status').textContent,
      connection: document.querySelector('#task-connection').textContent,
      bar: { value: bar.value, max: bar.max, shown: !document.querySelector('#progress-box').hidden },
      barText: document.querySelector('#task-progress-text').textContent,
      outcomeTitle: document.querySelector('#task-outcome-title').textContent,
      outcome: document.querySelector('#task-outcome-value').textContent,
      events,
    };
  });
}

function visibleButtons(page) {
  return page.evaluate(() => [...document.querySelectorAll('button')]
    .filter((b) => b.offsetParent !== null)
    .map((b) => b.textContent.trim()));
}

/** axe-core's WCAG 2 A/AA rules on the page as it is; the violations, briefly. */
async function axe(page) {
  await page.evaluate(AXE); // run by the DevTools protocol: the page's own CSP does not apply
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return {
    passes: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    })),
  };
}
