// Starting the real binary for browser tests, and the shared Chromium. scripts/test runs the
// tests once per database engine (SC_DATABASE_URL set for PostgreSQL).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

export const BIN = process.env.SC_BIN ?? '../../target/debug/superconnector';
export const SHOTS = process.env.SC_SHOTS ?? 'test-results';
export const ENGINE = process.env.SC_DATABASE_URL ? 'postgres' : 'sqlite';

/** Starts `superconnector serve --demo` on a free port; resolves to { child, base }. */
export function startServer() {
  // The data directory holds the SQLite file and, with either engine, the search index.
  const args = ['serve', '--demo', '--listen', '127.0.0.1:0', '--data', mkdtempSync(join(tmpdir(), 'sc-browser-'))];
  if (process.env.SC_DATABASE_URL) args.push('--database', process.env.SC_DATABASE_URL);
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SC_LOG: 'warn' } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 120 s')), 120_000);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, base: line.replace('listening on ', '').trim() });
    });
  });
}

/** Debian's headless Chromium. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A phone: the buyer at a noisy booth. */
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-HK' };
