// How much the browser downloads before a person can log in: the pages load their code by route, so
// the login page fetches only the shell's code. Sizes are the gzip-compressed bytes the server sends
// (what a browser without brotli receives; with brotli it is less).
import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { menuItem, screenshotFailures, shows } from './helpers.ts';

const LOGIN_PAGE_JS_BUDGET = 300 * 1024;

let b: Browser;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
});
test.afterAll(async () => {
  await b?.close();
});
screenshotFailures(() => [b?.page]);

/** A file's bytes exactly as sent, with the response headers (fetch would unpack them). */
function raw(url: string, encoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The gzip size the server sends for a file, checked to unpack to the file itself. */
async function gzipBytes(url: string): Promise<number> {
  const [zipped, plain] = await Promise.all([raw(url, 'gzip'), raw(url, 'identity')]);
  expect(zipped.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
  // The build leaves files under 1 KB as they are: compressing them gains nothing.
  if (plain.body.length < 1024 && zipped.headers['content-encoding'] === undefined) return plain.body.length;
  expect(zipped.headers['content-encoding'], url).toBe('gzip');
  expect(gunzipSync(zipped.body).equals(plain.body), url).toBe(true);
  return zipped.body.length;
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('web client size', () => {
  test('the login page downloads at most 300 KB of gzip-compressed JavaScript; the workspace loads its pages afterwards', async () => {
    const { page } = b;
    const scripts = new Set<string>();
    page.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.add(req.url());
    });
    await page.goto('/login');
    await shows(page.getByLabel('机构代码'));
    await page.waitForLoadState('networkidle');
    const loginScripts = [...scripts];
    let total = 0;
    for (const url of loginScripts) total += await gzipBytes(url);
    expect(total).toBeLessThanOrEqual(LOGIN_PAGE_JS_BUDGET);
    // Logging in fetches the workspace's code, which the login page did not.
    await loginAs(page, 'JMWXZJ', 'admin');
    await shows(menuItem(page, '工作台'));
    expect([...scripts].length).toBeGreaterThan(loginScripts.length);
    console.log(
      `login page: ${loginScripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzip (budget ${LOGIN_PAGE_JS_BUDGET / 1024} KB)`,
    );
  });
});
