/**
 * Headless Chromium from Debian's `chromium` package, driven by playwright-core (no browser
 * download). The flags keep it from reaching out to the network, which this machine does not have.
 */
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.NUMACCEL_CHROMIUM || '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens `url` and waits for the page to publish `window.__probe` (the probe's result, or its failure). */
export async function probePage(browser: Browser, url: string): Promise<{ result: unknown; console: string[]; failedRequests: string[] }> {
  const page = await browser.newPage();
  const console: string[] = [];
  const failedRequests: string[] = [];
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => (globalThis as { __probe?: unknown }).__probe !== undefined, undefined, { timeout: 60_000 });
    const result = await page.evaluate(() => (globalThis as { __probe?: unknown }).__probe);
    return { result, console, failedRequests };
  } finally {
    await page.close();
  }
}
