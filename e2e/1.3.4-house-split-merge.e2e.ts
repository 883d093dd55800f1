// 物业区域管理 › 房屋拆分合并 — developer manual (seeds/001) §1.3.4. SPEC §3 F-14, F-10, R-14.
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { goes, pngFile, screenshotFailures, shows, showsText, textFileNamedPng, toast, uniqueSuffix } from './helpers.ts';
import {
  acceptAtWindow,
  approveOnReview,
  chooseArea,
  closeDrawer,
  DEVELOPER,
  described,
  downloadBy,
  fillWorkbook,
  gridCell,
  importSuccess,
  importThrough,
  openAreaInHouseQuery,
  openHouseDetail,
  openRegistryMenu,
  openReview,
  printApplicationForm,
  readSheet,
  saveAndSubmit,
  selectOption,
  showBuilding,
  WHOLE_WAY,
} from './registry-helpers.ts';

const AREA = '侨城花园';
const GARAGE = '地下车库';
const SOURCE = 'B148';

let dev: Browser;
let office: Browser;
test.beforeAll(async ({ openBrowser }) => {
  dev = await openBrowser();
  office = await openBrowser();
});
test.afterAll(async () => {
  await office?.close();
  await dev?.close();
});
screenshotFailures(() => [dev?.page, office?.page]);

/** Hundredths of m² from the template's text, and back. */
const hundredths = (text: string) => Math.round(Number(text) * 100);
const m2 = (h: number) => (h / 100).toFixed(2);

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.4 房屋拆分合并', () => {
  test('F-14, F-10: pick the house in the list mode, 导出, edit into the new houses, 导入, 上传附件, 保存并提交, print; after 受理 and 审核 the source is 注销 and the new houses are registered', async () => {
    test.setTimeout(WHOLE_WAY);
    const { page } = dev;
    const suffix = uniqueSuffix();
    const parts = [`${SOURCE}-1`, `${SOURCE}-2`];

    // 第一步 登录系统; 第二步 物业区域管理 › 房屋拆分合并; 第三步 选择物业区域.
    await loginAs(page, DEVELOPER.code, DEVELOPER.clerk);
    await openRegistryMenu(page, '房屋拆分合并');
    await chooseArea(page, AREA);
    await page.getByLabel('拆分合并原因').fill(`将车位 ${SOURCE} 拆分为两个车位（${suffix}）`);

    // 第四步 单击“选择”; 切换成列表 and 查询 the house; tick it; 确定.
    await page.getByRole('button', { name: '选择', exact: true }).click();
    const picker = page.getByRole('dialog', { name: '楼盘表选择' });
    await picker.getByRole('button', { name: '切换列表' }).click();
    await picker.getByRole('combobox', { name: '楼幢' }).click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '全部楼幢' })
      .click();
    await picker.getByLabel('查询房屋').fill(SOURCE);
    await picker.getByLabel('查询房屋').press('Enter');
    await showsText(picker, '共 1 套');
    await picker.getByRole('checkbox', { name: `选择 ${GARAGE}${SOURCE}` }).check();
    await showsText(picker.locator('.ant-modal-footer'), '已选择 1 套房屋');
    await picker.getByRole('button', { name: '确定', exact: true }).click();
    await picker.waitFor({ state: 'hidden' });
    const sources = page.getByRole('region', { name: '拆分合并前的房屋' });
    await showsText(sources, `${GARAGE}${SOURCE}`);

    // 第五步（1）导出, and edit the row into the two new houses as in Excel.
    const exported = await downloadBy(page, '导出');
    expect(exported.name).toMatch(/\.xlsx$/);
    const { rows } = await readSheet(exported.bytes);
    expect(rows).toHaveLength(1);
    const source = rows[0] ?? {};
    expect(source.房号).toBe(SOURCE);
    const total = hundredths(String(source['建筑面积(㎡)']));
    const first = Math.floor(total / 2);
    const split = parts.map((room, i) => ({
      ...source,
      房号: room,
      坐落: String(source.坐落).replace(SOURCE, room),
      '建筑面积(㎡)': m2(i === 0 ? first : total - first),
    }));

    // 第五步（2）导入 the edited file. A first file whose areas add up to more than the source is
    // imported as is, but the page says so, naming both totals.
    const larger = split.map((row, i) => ({ ...row, '建筑面积(㎡)': m2(i === 0 ? first : total) }));
    await importThrough(page, '导入', await fillWorkbook(exported.bytes, larger, `拆分后的房屋-面积有误-${suffix}.xlsx`));
    await showsText(importSuccess(page), '共导入 2 套房屋');
    const areaAlert = page.getByRole('alert').filter({ hasText: '拆分合并前建筑面积合计' });
    await showsText(areaAlert, `拆分合并后合计 ${m2(first + total)} 平方米`);
    await importThrough(page, '导入', await fillWorkbook(exported.bytes, split, `拆分后的房屋-${suffix}.xlsx`));
    await showsText(importSuccess(page), '共导入 2 套房屋');
    await goes(areaAlert);
    const results = page.getByRole('region', { name: '拆分合并后的房屋' });
    for (const room of parts) await showsText(results, room);
    // before approval, the balance each new house will get.
    const moves = page.locator('.ant-table').filter({ hasText: '转入余额' });
    for (const room of parts) await showsText(moves, `${GARAGE}${room}`);

    // 第六步 上传附件: a file that is not an image is refused, the survey report is uploaded.
    const chooser = async (name: string, file: ReturnType<typeof pngFile>) => {
      const chosen = page.waitForEvent('filechooser');
      await page.getByRole('button', { name }).click();
      await (await chosen).setFiles(file);
    };
    await chooser('上传附件', textFileNamedPng('测绘报告.png'));
    await showsText(page.getByRole('alert').filter({ hasText: '附件未上传' }), '测绘报告.png');
    // Filed under the 要件 it is (F-62), from the office's list.
    await selectOption(page, page.getByRole('combobox', { name: '附件类型' }), '房屋测绘报告');
    await chooser('上传附件', pngFile(`测绘报告-${suffix}.png`));
    await shows(toast(page, `附件“测绘报告-${suffix}.png”已上传`));
    await showsText(page.getByRole('region', { name: '附件' }), '测绘报告');

    // 第七步 保存并提交 and the printed 申请表.
    const no = await saveAndSubmit(page);
    const printed = await printApplicationForm(dev, page, '房屋拆分合并申请表', no);
    for (const text of [AREA, `${GARAGE}${SOURCE}`, ...parts]) expect(printed).toContain(text);

    // 第八、九步 受理; the reviewer sees what is split into what, and the attachment; 审核通过.
    await acceptAtWindow(office, no, '房屋拆分合并');
    const review = await openReview(office, no);
    await showsText(review.getByRole('region', { name: '拆分合并前的房屋' }), SOURCE);
    for (const room of parts) await showsText(review.getByRole('region', { name: '拆分合并后的房屋' }), room);
    await shows(review.getByRole('region', { name: '附件' }).getByRole('link', { name: `测绘报告-${suffix}.png` }));
    // Beside the required list: the survey report is marked 已上传 with its thumbnail, the rest 未上传 (F-60).
    const survey = review.getByTestId('submitted-房屋测绘报告');
    await showsText(survey, '已上传');
    await shows(survey.getByRole('img', { name: `测绘报告-${suffix}.png` }));
    await showsText(review.getByTestId('submitted-规划部门批准文件'), '未上传');
    await approveOnReview(review, no);

    // The registry: the source is 已注销 in the 楼盘表, the new houses stand with their areas.
    await openAreaInHouseQuery(page, AREA);
    await showBuilding(page, GARAGE);
    await shows(page.getByRole('button', { name: `${GARAGE}${SOURCE} 已注销` }));
    for (const [i, room] of parts.entries()) {
      await shows(gridCell(page, `${GARAGE}${room}`));
      const drawer = await openHouseDetail(page, GARAGE, `${GARAGE}${room}`);
      const details = drawer.locator('.ant-descriptions');
      expect(await described(details, '建筑面积')).toBe(`${m2(i === 0 ? first : total - first)} ㎡`);
      expect(await described(details, '状态')).toBe('正常');
      expect(await described(details, '房屋类型')).toBe('车位');
      await showsText(drawer, `业务单号：${no}`);
      await closeDrawer(page, drawer);
    }
    const old = await openHouseDetail(page, GARAGE, `${GARAGE}${SOURCE}`);
    expect(await described(old.locator('.ant-descriptions'), '状态')).toBe('已注销');
    await showsText(old, `业务单号：${no}`);
  });
});
