// Steps of the repair-project journeys that several specs take the same way: the office's review
// page of a project request (受理, 审核通过) and a print view rendered to PDF as the browser prints it.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { goes, openMenu, shows, showsText, toast } from './helpers.ts';
import { pdfText } from './pdf-text.ts';

/** A row of the page's table holding `text`. */
export const projectRow = (page: Page, text: string) => page.locator('.ant-table-tbody tr').filter({ hasText: text });

/** 维修项目申请 › the request's review page, from the office's menu. */
export async function openRequest(page: Page, no: string) {
  await openMenu(page, '业务受理', '维修项目申请');
  await shows(page.getByRole('heading', { name: '维修项目申请' }));
  await projectRow(page, no).getByRole('link', { name: no }).click();
  await shows(page.getByRole('heading', { name: '维修项目申请审核' }));
  await showsText(page.locator('.ant-descriptions').first(), no);
}

export async function acceptOnPage(page: Page, no: string) {
  await page.getByRole('button', { name: '受理', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '受理' });
  await settled(dialog);
  await dialog.getByRole('button', { name: '受理' }).click();
  await shows(toast(page, `${no} 已受理`));
  await goes(dialog);
}

/** Waits for a dialog to finish opening: a click during antd's zoom-in can land beside its button. */
export async function settled(dialog: Locator) {
  await shows(dialog);
  await expect
    .poll(() =>
      dialog.evaluate(
        (el) => (el.closest('.ant-modal-wrap') ?? el).getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length,
      ),
    )
    .toBe(0);
}

export async function approveOnPage(page: Page, no: string) {
  await page.getByRole('button', { name: '审核通过' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: `${no}？` });
  await settled(confirm);
  await confirm.getByRole('button', { name: '审核通过' }).click();
  await shows(toast(page, `${no} 已审核通过`));
  await goes(confirm);
}

/** The print view as the browser prints it (A4, no toolbar), as text. */
export async function printedText(page: Page): Promise<string> {
  await shows(page.locator('article.print-sheet'));
  await shows(page.getByTestId('print-barcode'));
  await page.emulateMedia({ media: 'print' });
  await goes(page.getByRole('button', { name: '打印' }));
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).not.toContain('返回');
  await page.emulateMedia({ media: 'screen' });
  return text.replace(/\s+/g, '');
}
