// 物业区域管理 › 物业区域采集 — developer manual (seeds/001) §1.3.1. SPEC §3 F-11, R-14, F-10.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { screenshotFailures, shows, showsText, textOf, uniqueSuffix } from './helpers.ts';
import { printSheets } from './print-check.ts';
import {
  acceptAndApprove,
  DEVELOPER,
  described,
  downloadTemplate,
  fillWorkbook,
  type HouseRow,
  idCard,
  importSuccess,
  importThrough,
  openAreaInHouseQuery,
  openHouseDetail,
  openRegistryMenu,
  printApplicationForm,
  readSheet,
  saveAndSubmit,
  saveDraft,
  selectOption,
  WHOLE_WAY,
} from './registry-helpers.ts';

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

/** 第三步: the area's basic information and its 交存时点, as the manual fills them in. */
async function fillAreaInfo(page: Page, area: string, street: string) {
  await page.getByLabel('物业区域名称').fill(area);
  await page.getByRole('combobox', { name: '区县' }).fill('蓬江区');
  await page.getByLabel('街道').fill('白沙街道');
  await page.getByLabel('物业区域地址').fill(street);
  await selectOption(page, page.getByRole('combobox', { name: '交存时点' }), '商品房现售前');
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.1 物业区域采集', () => {
  test('F-11, R-14, F-10: area info + 交存时点, template import refused with every row/column error, then imported; 保存并提交, printed 申请表, 受理 and 审核 open the houses in 房屋查询', async () => {
    test.setTimeout(WHOLE_WAY);
    const { page } = dev;
    const suffix = uniqueSuffix();
    const area = `江门测试花园${suffix}`;
    const street = `江门市蓬江区胜利路 ${suffix} 号`;
    const place = (building: string, unit: string, room: string) => `${street}${area}${building}${unit}${room}房`;
    const house = (floor: number, room: string, area2: string, owner?: { name: string; id: string }): HouseRow => ({
      楼幢名称: '1栋',
      单元: '1单元',
      楼层: floor,
      房号: room,
      坐落: place('1栋', '1单元', room),
      '建筑面积(㎡)': area2,
      '套内面积(㎡)': '',
      房屋类型: '住宅',
      电梯: '有',
      销售状态: owner ? '已售' : '未售',
      业主姓名: owner?.name ?? '',
      证件类型: owner ? '居民身份证' : '',
      证件号码: owner?.id ?? '',
      手机号: owner ? '13800138000' : '',
    });
    const good: HouseRow[] = [
      house(1, '101', '98.50', { name: '陈志强', id: idCard(11) }),
      house(1, '102', '89.20', { name: '李秀英', id: idCard(12) }),
      house(2, '201', '98.50'),
      house(2, '202', '89.20', { name: '黄家明', id: idCard(13) }),
      {
        楼幢名称: '地下车库',
        单元: '',
        楼层: -1,
        房号: 'B001',
        坐落: `${street}${area}地下车库B001车位`,
        '建筑面积(㎡)': '12.50',
        '套内面积(㎡)': '',
        房屋类型: '车位',
        电梯: '无',
        销售状态: '未售',
        业主姓名: '',
        证件类型: '',
        证件号码: '',
        手机号: '',
      },
    ];

    // 第一步 登录系统; 第二步 物业区域管理 › 物业区域采集.
    await loginAs(page, DEVELOPER.code, DEVELOPER.clerk);
    await openRegistryMenu(page, '物业区域采集');
    await shows(page.getByText('新业务单：填写后单击“保存”，系统生成业务单号。'));

    // 第三步 物业区域基本信息 and 交存时点.
    await fillAreaInfo(page, area, street);
    await page.getByLabel('备注').fill('新建商品房项目，首次开户');

    // 第四步（1）按照模板准备房屋数据: the template comes with its header row and 填写说明.
    const template = await downloadTemplate(page);
    const { headers } = await readSheet(template);
    expect(headers.slice(0, 6)).toEqual(['楼幢名称', '单元', '楼层', '房号', '坐落', '建筑面积(㎡)']);

    // 第四步（2）导入 a file with mistakes: every one is listed by row and column, nothing is imported.
    const bad = [
      good[0] as HouseRow,
      { ...(good[1] as HouseRow), '建筑面积(㎡)': '89.205' },
      { ...(good[3] as HouseRow), 证件号码: '440703198001011235' },
      { ...(good[0] as HouseRow) },
    ];
    await importThrough(page, '导入', await fillWorkbook(template, bad, `房屋信息-${suffix}-有误.xlsx`));
    const refused = page.getByRole('alert').filter({ hasText: /^导入文件有 \d+ 处错误，未导入任何数据/ });
    await shows(refused);
    const errors = page.getByRole('region', { name: '导入错误' });
    const errorRow = (row: number, column: string) =>
      errors
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: String(row), exact: true }) })
        .filter({ has: page.getByRole('cell', { name: column, exact: true }) });
    await showsText(errorRow(3, '建筑面积(㎡)'), '2 位');
    await showsText(errorRow(4, '证件号码'), '居民身份证号须为 18 位');
    await shows(errorRow(5, '房号'));
    expect(await textOf(errorRow(5, '房号'))).toMatch(/重复/);
    await shows(page.getByRole('button', { name: '下载标注文件' }));
    await showsText(page.locator('.ant-card').filter({ hasText: '第二步：导入房屋信息' }).first(), '已导入 0 套');

    // The corrected file is imported: the houses are listed and their buildings derived.
    await importThrough(page, '导入', await fillWorkbook(template, good, `房屋信息-${suffix}.xlsx`));
    await showsText(importSuccess(page), '共导入 5 套房屋');
    await showsText(importSuccess(page), '新增楼幢 1栋、地下车库');
    await showsText(page.locator('.ant-card').filter({ hasText: '第二步：导入房屋信息' }).first(), '已导入 5 套');
    const buildings = page.getByRole('region', { name: '楼幢列表' });
    await page.getByRole('spinbutton', { name: '1栋建成年代' }).fill('2025');
    expect(await page.getByRole('spinbutton', { name: '1栋地上层数' }).inputValue()).toBe('2');
    await shows(buildings.getByRole('spinbutton', { name: '地下车库地下层数' }));

    // 第五步 保存并提交, and the printed 申请表.
    const no = await saveAndSubmit(page);
    const printed = await printApplicationForm(dev, page, '物业区域采集申请表', no);
    for (const text of [area, '江门市侨城置业有限公司', '商品房现售前']) expect(printed).toContain(text);

    // 第六、七步 the fund office accepts it at the window and approves it.
    const review = await acceptAndApprove(office, no, '物业区域采集');
    await showsText(review.locator('.ant-descriptions').first(), area);

    // 房屋已开户: the area and its houses are in the registry, each house with its amount due.
    await page.reload();
    await showsText(page.locator('.ant-descriptions').first(), '已审核通过');
    await openAreaInHouseQuery(page, area);
    await showsText(page.getByRole('navigation', { name: '楼幢列表' }), '1栋');
    await showsText(page.getByRole('navigation', { name: '楼幢列表' }), '地下车库');
    const drawer = await openHouseDetail(page, '1栋', '1栋1单元101');
    const details = drawer.locator('.ant-descriptions');
    expect(await described(details, '坐落')).toBe(place('1栋', '1单元', '101'));
    expect(await described(details, '建筑面积')).toBe('98.50 ㎡');
    expect(await described(details, '状态')).toBe('正常');
    expect(await described(details, '应交金额')).toMatch(/^[\d,]+\.\d{2} 元$/);
    await showsText(drawer, '陈志强');
    await showsText(drawer, `业务单号：${no}`);
  });

  test('§10 the 物业区域采集申请表 of 300 houses prints every house over numbered sheets, with the 楼幢汇总 and totals, the signatures on the last sheet', async () => {
    test.setTimeout(WHOLE_WAY);
    const { page } = dev;
    const suffix = uniqueSuffix();
    const area = `江门大盘${suffix}`;
    const street = `江门市蓬江区建设路 ${suffix} 号`;
    // Three buildings of 100 houses: 10 floors of 10.
    const rows: HouseRow[] = Array.from({ length: 300 }, (_, i) => {
      const building = `${Math.floor(i / 100) + 1}栋`;
      const floor = Math.floor((i % 100) / 10) + 1;
      const room = `${floor}${String((i % 10) + 1).padStart(2, '0')}`;
      return {
        楼幢名称: building,
        单元: '1单元',
        楼层: floor,
        房号: room,
        坐落: `${street}${area}${building}1单元${room}房`,
        '建筑面积(㎡)': '90.00',
        '套内面积(㎡)': '',
        房屋类型: '住宅',
        电梯: '有',
        销售状态: '未售',
        业主姓名: '',
        证件类型: '',
        证件号码: '',
        手机号: '',
      };
    });
    await page.goto(`${new URL(page.url()).origin}/registry/area-collection`);
    await shows(page.getByText('新业务单：填写后单击“保存”，系统生成业务单号。'));
    await fillAreaInfo(page, area, street);
    const template = await downloadTemplate(page);
    await importThrough(page, '导入', await fillWorkbook(template, rows, `房屋信息-${suffix}-300.xlsx`));
    await showsText(importSuccess(page), '共导入 300 套房屋');
    await saveDraft(page);
    const id = /\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1];
    expect(id).toBeTruthy();

    const print = await dev.context.newPage();
    try {
      await print.goto(`${new URL(page.url()).origin}/print/application/${id}`);
      await shows(print.getByRole('heading', { name: '物业区域采集申请表' }));
      await shows(print.getByTestId('print-list-page').first());
      const sheets = await printSheets(print);
      expect(sheets.length).toBeGreaterThan(3);
      const text = sheets.join('');
      expect(text).toContain('楼幢汇总');
      const summary = text.slice(text.indexOf('楼幢汇总'), text.indexOf('楼幢汇总') + 120);
      expect(summary).toContain('合计（3幢）30027000.00');
      for (const b of ['1栋', '2栋', '3栋']) expect(summary).toContain(`${b}1009000.00`);
      // Every house is on paper: the last of each building and the very last row.
      for (const b of ['1栋', '2栋', '3栋']) expect(text).toContain(`${b}1单元101010`);
      expect(text).not.toContain('以上列出前');
    } finally {
      await print.close();
    }
  });
});
