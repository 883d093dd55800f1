// 物业区域管理 › 房屋补充 — developer manual (seeds/001) §1.3.5. SPEC §3 F-15, R-14.
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { screenshotFailures, shows, showsText, uniqueSuffix } from './helpers.ts';
import {
  acceptAndApprove,
  chooseArea,
  closeDrawer,
  csvFile,
  DEVELOPER,
  described,
  downloadTemplate,
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
  selectOption,
  WHOLE_WAY,
} from './registry-helpers.ts';

const AREA = '侨城花园';
const STREET = '江门市蓬江区建设路 88 号';

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

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.5 房屋补充', () => {
  test('F-15, R-14: houses added to an existing area from a UTF-8 CSV made on the template, one into an existing building and two into a new one; 受理 and 审核 open their accounts', async () => {
    test.setTimeout(WHOLE_WAY);
    const { page } = dev;
    const suffix = uniqueSuffix();
    const building = `7栋${suffix}`;
    const row = (b: string, floor: number, room: string, owner?: string): HouseRow => ({
      楼幢名称: b,
      单元: '1单元',
      楼层: floor,
      房号: room,
      坐落: `${STREET}${AREA}${b}1单元${room}房`,
      '建筑面积(㎡)': '120.35',
      '套内面积(㎡)': '98.10',
      房屋类型: '住宅',
      电梯: '有',
      销售状态: owner ? '已售' : '未售',
      业主姓名: owner ?? '',
      证件类型: owner ? '居民身份证' : '',
      证件号码: owner ? idCard(21) : '',
      手机号: '',
    });
    const houses = [row('1栋', 19, '1901', '周文华'), row(building, 1, '101'), row(building, 2, '201')];

    // 第一步 登录系统; 第二步 物业区域管理 › 房屋补充.
    await loginAs(page, DEVELOPER.code, DEVELOPER.clerk);
    await openRegistryMenu(page, '房屋补充');

    // 第三步 选择物业区域和交存时点.
    await chooseArea(page, AREA);
    await selectOption(page, page.getByRole('combobox', { name: '交存时点' }), '房屋交付前');

    // 第四步（1）按照模板准备房屋数据 — here as a UTF-8 CSV with the template's columns.
    const { headers } = await readSheet(await downloadTemplate(page));
    const file = csvFile(headers, houses, `补充房屋-${suffix}.csv`);

    // 第四步（2）导入: the houses are listed, the new building is to be described.
    await importThrough(page, '导入', file);
    await showsText(importSuccess(page), '共导入 3 套房屋');
    await showsText(importSuccess(page), `新增楼幢 ${building}`);
    await showsText(page.locator('.ant-card-head').filter({ hasText: '第二步' }), '已导入 3 套');
    const buildings = page.getByRole('region', { name: '楼幢列表' });
    await shows(buildings.getByRole('spinbutton', { name: `${building}建成年代` }));
    expect(await buildings.getByRole('spinbutton', { name: '1栋建成年代' }).count()).toBe(0);
    await buildings.getByRole('spinbutton', { name: `${building}建成年代` }).fill('2025');
    expect(await buildings.getByRole('spinbutton', { name: `${building}地上层数` }).inputValue()).toBe('2');

    // 第六步 保存并提交 and the printed 申请表.
    const no = await saveAndSubmit(page);
    const printed = await printApplicationForm(dev, page, '房屋补充申请表', no);
    for (const text of [AREA, '房屋交付前', '房屋3套', '1栋1单元191901', `${building}1单元1101`, '周文华']) expect(printed).toContain(text);

    // 第七、八步 受理 and 审核.
    const review = await acceptAndApprove(office, no, '房屋补充');
    const outcome = review.locator('.ant-card').filter({ has: review.getByText('办理结果', { exact: true }) });
    expect(await described(outcome, '房屋')).toBe('3');
    expect(await described(outcome, '楼幢')).toBe('1');

    // The registry: the new houses in their buildings, each with an account and its amount due.
    await openAreaInHouseQuery(page, AREA);
    await showsText(page.getByRole('navigation', { name: '楼幢列表' }), building);
    let drawer = await openHouseDetail(page, '1栋', '1栋1单元1901');
    expect(await described(drawer.locator('.ant-descriptions'), '状态')).toBe('正常');
    expect(await described(drawer.locator('.ant-descriptions'), '应交金额')).toMatch(/^[\d,]+\.\d{2} 元$/);
    await showsText(drawer, '周文华');
    await showsText(drawer, `业务单号：${no}`);
    await closeDrawer(page, drawer);
    drawer = await openHouseDetail(page, building, `${building}1单元201`);
    expect(await described(drawer.locator('.ant-descriptions'), '建筑面积')).toBe('120.35 ㎡');
    expect(await described(drawer.locator('.ant-descriptions'), '销售状态')).toBe('未售');
    expect(await described(drawer.locator('.ant-descriptions'), '应交金额')).toMatch(/^[\d,]+\.\d{2} 元$/);
  });
});
