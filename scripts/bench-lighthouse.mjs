// The Lighthouse part of `npm run bench`: mobile form factor with simulated throttling (Lighthouse's
// defaults, what PageSpeed reports), Performance and Accessibility, for /login, /register and the
// signed-in /chats page. Each audit gets a fresh Chromium profile (no warm HTTP cache), started here
// with a DevTools port that Lighthouse then drives; the signed-in page gets its session written into
// localStorage first, on a same-origin page that loads no part of the app (robots.txt).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import lighthouse from 'lighthouse';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SESSION_STORAGE_KEY = 'wit.session';
export const TARGETS = { performance: 90, accessibility: 100 };

/** Starts Chromium on a free DevTools port; resolves once it listens. */
async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'world-it-lighthouse-'));
  const child = spawn(CHROMIUM, [...FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group: /usr/bin/chromium is a wrapper script, and the browser's helpers must go too.
    detached: true,
  });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      output += chunk;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}):\n${output}`));
    });
  });
  return {
    port,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        await exited;
      }
      try {
        // A helper process may still be writing into the profile as the group exits: retry, then let it be.
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch (err) {
        console.log(`  (could not remove the Chromium profile ${profile}: ${err.code ?? err.message})`);
      }
    },
  };
}

/** Writes the session into the origin's localStorage without loading the app (its bundles stay uncached). */
async function storeSession(port, base, session) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const page = await browser.contexts()[0].newPage();
    await page.goto(`${base}/robots.txt`);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SESSION_STORAGE_KEY, session]);
    await page.close();
  } finally {
    // Disconnects only: the browser was not launched by playwright, so it keeps running for Lighthouse.
    await browser.close();
  }
}

async function auditOnce(base, path, session) {
  const chrome = await launchChromium();
  try {
    if (session) await storeSession(chrome.port, base, session);
    const result = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      // Lighthouse clears the origin's storage (and cache) before loading; the signed-in page keeps the
      // session written above. Its profile is new, so the HTTP cache is empty either way.
      disableStorageReset: Boolean(session),
    });
    const { categories, audits, finalDisplayedUrl, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`Lighthouse ${path}: ${runtimeError.code} ${runtimeError.message}`);
    const ms = (id) => Math.round(audits[id].numericValue);
    return {
      report: result.report,
      url: finalDisplayedUrl,
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      fcpMs: ms('first-contentful-paint'),
      lcpMs: ms('largest-contentful-paint'),
      tbtMs: ms('total-blocking-time'),
      cls: +audits['cumulative-layout-shift'].numericValue.toFixed(3),
      speedIndexMs: ms('speed-index'),
      transferKb: Math.round(audits['total-byte-weight'].numericValue / 1024),
      failedAccessibility: categories.accessibility.auditRefs
        .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
        .map((ref) => `${ref.id}: ${audits[ref.id].title}`),
    };
  } finally {
    await chrome.close();
  }
}

/**
 * Lighthouse sometimes fails to record the trace of a load on a busy machine (NO_NAVSTART,
 * NO_FCP…): such a run says nothing about the page, so it is run again (at most twice more).
 */
async function auditRetrying(base, path, session) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await auditOnce(base, path, session);
    } catch (err) {
      if (attempt >= 3 || !/Lighthouse .*: [A-Z_]+ /.test(String(err?.message))) throw err;
      console.log(`  (${err.message.split(' Something')[0]}; auditing ${path} again)`);
    }
  }
}

/**
 * Audits each page `runs` times (sequentially: audits share the machine's CPU) and keeps the run with
 * the median Performance score, as Lighthouse's own variability guide advises.
 * `session`: the JSON the client keeps under `wit.session`, for pages that need a signed-in user.
 */
export async function lighthouseScores(base, pages, runs, reportDir) {
  const results = {};
  mkdirSync(reportDir, { recursive: true });
  for (const { path, session } of pages) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await auditRetrying(base, path, session));
    samples.sort((a, b) => a.performance - b.performance);
    const { report, ...median } = samples[Math.floor(samples.length / 2)];
    if (session && !new URL(median.url).pathname.startsWith(path)) {
      throw new Error(`${path} was audited signed out: Lighthouse ended on ${median.url}`);
    }
    // The whole report of the kept run: open it in the Lighthouse viewer for the details behind a score.
    const file = join(reportDir, `${path.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'root'}.json`);
    writeFileSync(file, report);
    results[path] = { ...median, performanceRuns: samples.map((s) => s.performance), report: file };
  }
  return results;
}

/** One PASS/FAIL line per page and category, the score beside its target. */
export function lighthouseTargets(results) {
  return Object.entries(results).flatMap(([path, r]) => [
    [`Lighthouse ${path} Performance ${r.performance} ≥ ${TARGETS.performance}`, r.performance >= TARGETS.performance],
    [
      `Lighthouse ${path} Accessibility ${r.accessibility} ≥ ${TARGETS.accessibility}` +
        (r.failedAccessibility.length ? ` (failing: ${r.failedAccessibility.join('; ')})` : ''),
      r.accessibility >= TARGETS.accessibility,
    ],
  ]);
}
