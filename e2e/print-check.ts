import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { pdfPages } from './pdf-text.ts';

const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * Prints the open print view to PDF as the browser's print dialog would (A4, print styles) and
 * checks the paper itself: the sheets that come out are as many as the document says
 * ("第 x 页 / 共 N 页" on each, or one sheet when it says nothing), and the signature and seal
 * boxes stand together on the last sheet. Returns each sheet's text without white space.
 */
export async function printSheets(page: Page): Promise<string[]> {
  const signatures = (await page.locator('.print-signature-label').allTextContents()).map(squeeze);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const sheets = pdfPages(pdf).map(squeeze);
  const said = sheets.map((text) => /第(\d+)页\/共(\d+)页/.exec(text));
  const total = said.find((m) => m)?.[2];
  expect(sheets.length, `sheets printed for a document of ${total ?? 1} page(s); the last begins “${sheets.at(-1)?.slice(0, 120)}”`).toBe(
    Number(total ?? 1),
  );
  said.forEach((m, i) => {
    if (total) expect(m?.[1], `sheet ${i + 1} says which page it is`).toBe(String(i + 1));
  });
  const last = sheets.at(-1) ?? '';
  for (const label of signatures) expect(last, `the last sheet holds “${label}”`).toContain(label);
  return sheets;
}
