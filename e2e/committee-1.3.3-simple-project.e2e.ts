// 新建简单拨付维修项目 — owners' committee manual (seeds/000) §1.3.3 with its 注 1–4: 第一步 新建 (a simple project
// has no 拨付计划), 第二步 立项公示 printed with its 预算清册, 第三步 业主表决 (签字表, the result entered house by
// house), 第四步 项目验收, 第五步 验收公示, 第六步 项目立项 with the payees' accounts — then the office's one review
// and the bank's transfer. SPEC §7.1 F-40; §7.2 F-41, F-42, R-42, F-43, R-43, F-45, R-47, R-48; §6 F-31;
// §8 F-60; §9 F-70. The demo project 1栋1号客梯钢丝绳更换 (server/src/demo/projects.ts) had its initiation
// notice published three weeks ago, so its notice period is over and the vote is the next step.
import ExcelJS from 'exceljs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { actionButton, goes, logout, openMenu, screenshotFailures, shows, showsText, textOf, toast, uniqueSuffix } from './helpers.ts';
import {
  acceptOnPage,
  approveOnPage,
  openRepairRecords,
  openRequest,
  openTransfer,
  operate,
  printFrom,
  projectRow,
  settled,
  confirmStep,
  uploadIntoSlots,
} from './project-helpers.ts';

const PROJECT = '1栋1号客梯钢丝绳更换';
const BUDGET = '28,800.00';
const BUDGET_WORDS = '人民币贰万捌仟捌佰元整';
const suffix = uniqueSuffix();
const LIFT_CO = '日立电梯（中国）有限公司江门分公司';
const ROPE_CO = `江门市恒力钢丝绳有限公司${suffix}`;

// biome-ignore lint/suspicious/noExplicitAny: the answers are read by the assertions that check them
type Json = any;

let b: Browser;
let staff: Browser;
let projectId: number;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
  staff = await openBrowser();
  for (const x of [b, staff]) x.page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
});
test.afterAll(async () => {
  await staff?.close();
  await b?.close();
});
screenshotFailures(() => [b?.page, staff?.page]);

/** What the server holds, read with the committee's own session (GET needs no CSRF token). */
async function read(path: string): Promise<Json> {
  const res = await b.page.request.get(path);
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return res.json();
}
const summary = () => read(`/api/projects/${projectId}/summary`);

/** 维修项目列表, searched for the project (the shared list of the full run may page it away). */
async function findProject(page: Page, name: string) {
  await openMenu(page, '维修项目管理', '维修项目列表');
  await shows(page.getByRole('heading', { name: '维修项目列表' }));
  await page.getByLabel('搜索维修项目').fill(name);
  await page.getByLabel('搜索维修项目').press('Enter');
  await shows(projectRow(page, name));
  return projectRow(page, name);
}

/** One of the project's 操作 entries, on the project found in 维修项目列表; waits for the step's page. */
async function operateOn(page: Page, name: string, entry: string, submenu?: string) {
  await findProject(page, name);
  await operate(page, name, entry, submenu);
  await shows(page.getByRole('heading', { name: entry }));
}

/** An area as the page shows it ('7123.45') in hundredths. */
const hundredths = (area: string) => Number(area.replace('.', ''));

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.3 新建简单拨付维修项目（业主委员会）', () => {
  test('F-40 R-43: 第一步 新建简单拨付维修项目 opens the editor without 拨付计划; a saved one waits for its notice before 项目立项', async () => {
    const { page } = b;
    await loginAs(page, 'QCHYYWH', 'zhuren');
    await openMenu(page, '维修项目管理', '维修项目列表');
    await page.getByRole('button', { name: '新建简单拨付维修项目' }).click();
    await shows(page.getByRole('heading', { name: '新建简单拨付维修项目' }));
    await showsText(page.locator('.ant-descriptions'), '简单拨付维修项目');
    // Paid once after acceptance: the editor asks for no disbursement plan.
    await shows(page.getByText('保存项目基本信息后，再选择维修设施设备、确认分摊范围与金额。', { exact: true }));
    const name = `2栋1号客梯门机维修${suffix}`;
    await page.getByLabel('项目名称').fill(name);
    await actionButton(page, '保存').click();
    await shows(toast(page, /项目已保存，项目编号 WX\d{12}/));
    await page.waitForURL(/\/repair\/projects\/\d+\/edit\?tab=items/);
    await shows(page.getByRole('heading', { name: /^编辑简单拨付维修项目：WX\d{12}$/ }));
    await page.getByRole('tab', { name: '项目基本信息' }).click();
    await shows(page.getByText('施工期限', { exact: true }));
    expect(await page.getByText('拨付计划', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '添加拨付计划' }).count()).toBe(0);

    // 项目概况: 项目立项 blocked until the initiation notice; no separate 资金拨付 for a simple project.
    await page.getByRole('link', { name: '项目概况' }).click();
    const blocked = page.getByTestId('blocked-actions');
    await showsText(blocked, '项目立项：须先发布立项公示，才能提交立项申请');
    expect(await blocked.getByText(/^资金拨付/).count()).toBe(0);
  });

  test('F-41: 第二步 the 立项公示 of 1栋1号客梯钢丝绳更换 is out; 打印公告 prints the 立项公告 with its 预算清册', async () => {
    const { page } = b;
    const row = await findProject(page, PROJECT);
    projectId = Number(/\/repair\/projects\/(\d+)$/.exec((await row.getByRole('link').first().getAttribute('href')) ?? '')?.[1]);
    expect(projectId).toBeGreaterThan(0);
    await showsText(row, '简单拨付维修项目');
    await showsText(row, BUDGET);
    const s = await summary();
    const notice = s.notices.find((n: { kind: string }) => n.kind === 'initiation');
    const houses = (await read(`/api/projects/${projectId}/vote-sheet?pageSize=1`)).total as number;

    // Published three weeks ago: 公示管理 › 立项公示 is closed, and the project's page lists the notice to print.
    await row.getByRole('button', { name: '操作' }).click();
    await page.getByRole('menuitem', { name: '公示管理' }).hover();
    await shows(page.locator('.ant-dropdown-menu-item-disabled').filter({ hasText: '立项公示' }));
    await page.getByRole('menuitem', { name: '查看', exact: true }).click();
    await shows(page.getByRole('heading', { name: `维修项目：${PROJECT}` }));
    const published = projectRow(page, notice.no);
    await showsText(published, '立项公示');
    await showsText(published, notice.deadline);
    const printed = await printFrom(b.page, published.getByRole('button', { name: '打印公告' }));
    for (const text of [
      '维修项目立项公告',
      `编号：${notice.no}`,
      PROJECT,
      '预算清册',
      BUDGET_WORDS,
      `共${houses}户`,
      '业主委员会（盖章）',
    ]) {
      expect(printed).toContain(text);
    }
  });

  test('F-42 R-42: 第三步 业主表决 — the signature sheet prints; entered house by house, the totals are counted and the vote passes', async () => {
    const { page } = b;
    await operateOn(page, PROJECT, '投票表决管理');
    const sheet = await read(`/api/projects/${projectId}/vote-sheet?pageSize=1`);
    const printed = await printFrom(b.page, page.getByRole('button', { name: '打印投票表决签字表' }));
    for (const text of ['投票表决签字表', PROJECT, '同意', '反对', '弃权', '业主签字', `共${sheet.total}户`, '计票人', '监票人']) {
      expect(printed).toContain(text);
    }

    // 表决结束后: the signed sheet is entered house by house, a page at a time.
    const entry = page.locator('.ant-card').filter({ hasText: '录入投票表决结果' });
    await showsText(entry, `（${sheet.total} 户）`);
    const [, rangeArea, rangeOwners] = /表决范围：(\d+\.\d{2}) ㎡，(\d+) 人/.exec(await textOf(entry.getByText(/^表决范围：/))) ?? [];
    expect(Number(rangeOwners)).toBe(sheet.rangeOwners);
    await entry.getByText('按签字表逐户录入').click();
    const rows = entry.locator('.ant-table-tbody tr.ant-table-row');
    const areaOf = async (r: Locator) => hundredths(await textOf(r.locator('td').nth(2)));
    const pages = Math.ceil(sheet.total / 20);
    await shows(rows.first());
    let opposed = 0;
    let absent = 0;
    for (let p = 1; p <= pages; p++) {
      if (p > 1) {
        const before = await textOf(rows.first().locator('td').first());
        await entry.locator(`.ant-pagination-item-${p}`).click();
        await expect.poll(() => textOf(rows.first().locator('td').first())).not.toBe(before);
      }
      await entry.getByRole('button', { name: '本页全部同意' }).click();
      if (p === 1) {
        // One owner signed 反对.
        await rows.first().locator('label').filter({ hasText: '反对' }).click();
        opposed += await areaOf(rows.first());
      }
      if (p === pages) {
        // Two houses did not take part.
        for (const r of [rows.nth(-1), rows.nth(-2)]) {
          await r.locator('label').filter({ hasText: '未参与' }).click();
          absent += await areaOf(r);
        }
      }
    }
    await actionButton(entry, '保存并统计').click();
    await confirmStep(page, '保存表决结果？', '保存后按签字表统计并判定', '确认保存');
    await shows(toast(page, '表决结果已保存：表决通过'));

    // The system counts the totals from the houses (R-42, 民法典 art. 278 by default).
    const result = page.getByTestId('vote-result');
    await showsText(result, '表决通过（');
    const participating = hundredths(rangeArea ?? '') - absent;
    const totals = /参与表决 (\d+\.\d{2}) ㎡ \/ (\d+) 人；同意 (\d+\.\d{2}) ㎡ \/ (\d+) 人/.exec(await textOf(result)) ?? [];
    expect(hundredths(totals[1] ?? '')).toBe(participating);
    expect(hundredths(totals[3] ?? '')).toBe(participating - opposed);
    expect(Number(totals[2])).toBeLessThanOrEqual(sheet.rangeOwners);

    // 导出表决结果: one row per house with its choice, the opposing house among them.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出表决结果' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('表决结果.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path()) as string);
    const ws = wb.worksheets[0];
    const choices: unknown[] = [];
    ws?.eachRow((row, n) => {
      if (n > 1 && n < (ws?.rowCount ?? 0)) choices.push(row.getCell(6).value);
    });
    expect(choices.length).toBe(sheet.total);
    expect(choices.filter((c) => c === '反对').length).toBe(1);
    expect(choices.filter((c) => c === '未表决').length).toBe(2);
    const s = await summary();
    expect(s.vote).toMatchObject({
      passed: true,
      totals: {
        participatingArea: participating,
        participatingOwners: Number(totals[2]),
        agreeArea: participating - opposed,
        agreeOwners: Number(totals[4]),
      },
    });

    // 注 2: 项目立项 now waits for the acceptance and its notice; 项目验收 is next.
    await page.getByRole('link', { name: '项目概况' }).click();
    await showsText(page.getByTestId('timeline'), '录入表决结果（通过）');
    await showsText(page.getByTestId('blocked-actions'), '项目立项：简单拨付项目须先完成项目验收并发布验收公示，才能提交立项申请');
    await shows(page.getByTestId('allowed-actions').getByRole('button', { name: '项目验收' }));
  });

  test('F-45 R-47: 第四步 项目验收 — a 结算金额 other than the budget is refused; the budget is accepted', async () => {
    const { page } = b;
    await operateOn(page, PROJECT, '项目验收');
    await shows(page.getByText('简单拨付项目的结算金额须等于预算总额', { exact: false }));
    await page.getByLabel('验收结果').fill('钢丝绳及绳头组合更换完成，经特种设备检验机构检验合格');
    await page.getByLabel('结算金额', { exact: true }).fill('28000');
    await actionButton(page, '提交').click();
    await confirmStep(page, '提交项目验收？', '结算金额 28,000.00 元将作为决算依据', '确认提交');
    await shows(page.getByText('简单拨付项目的结算金额 28,000.00 元须等于预算总额 28,800.00 元').first());
    expect((await summary()).acceptance).toBeNull();

    // 注 1: the settlement equals the budget.
    await page.getByLabel('结算金额', { exact: true }).fill('28800');
    await actionButton(page, '提交').click();
    await confirmStep(page, '提交项目验收？', '结算金额 28,800.00 元将作为决算依据', '确认提交');
    await shows(toast(page, '验收已提交；请在公示管理中发布验收公示'));
    await showsText(page.locator('.ant-descriptions').filter({ hasText: '验收信息' }), `${BUDGET} 元`);
    expect((await summary()).money.settlement).toBe(2_880_000);
  });

  test('F-41: 第五步 验收公示 — 发布预览, 发布; the 验收公告 prints with its 决算清册', async () => {
    const { page } = b;
    await operateOn(page, PROJECT, '公示管理', '验收公示');
    const card = page.getByTestId('notice-acceptance');
    await card.getByLabel('验收内容').fill('电梯曳引钢丝绳更换已验收合格，请业主监督');
    await card.getByRole('button', { name: '发布预览' }).click();
    const preview = page.getByRole('dialog', { name: '验收公示预览' });
    await settled(preview);
    await showsText(preview, `结算金额${BUDGET} 元`);
    await showsText(preview, '并附决算清册');
    await preview.getByRole('button', { name: '发布' }).click();
    await shows(toast(page, '验收公示已发布'));
    await goes(preview);
    const notice = (await summary()).notices.find((n: { kind: string }) => n.kind === 'acceptance');
    await shows(projectRow(page, notice.no));
    await showsText(card, '验收公示已发布');

    const printed = await printFrom(b.page, card.getByRole('button', { name: '打印公告' }));
    for (const text of ['维修项目验收公告', `编号：${notice.no}`, PROJECT, '决算清册', BUDGET_WORDS, '合计', '业主委员会（盖章）']) {
      expect(printed).toContain(text);
    }
  });

  test('F-43 R-47: 第六步 项目立项 — 核对立项信息; two payees must sum to the budget; 保存并提交; the 立项及拨付申请单 prints', async () => {
    const { page } = b;
    await operateOn(page, PROJECT, '项目立项');
    // 2. 核对立项信息.
    const facts = page.locator('.ant-descriptions').nth(1);
    for (const text of ['1 项', `${BUDGET} 元`, '一次拨付', '截止', '通过']) await showsText(facts, text);
    await showsText(facts.locator('td').last(), `${BUDGET} 元`);

    // 3. 收款账户信息: 添加收款账户 for the second construction unit.
    const payee = async (n: number, unit: string, bank: string, account: string, amount: string) => {
      await page.getByLabel(`收款单位（第 ${n} 个收款账户）`).fill(unit);
      await page.getByLabel(`账户名称（第 ${n} 个收款账户）`).fill(unit);
      await page.getByLabel(`开户银行（第 ${n} 个收款账户）`).fill(bank);
      await page.getByLabel(`银行账号（第 ${n} 个收款账户）`).fill(account);
      await page.getByLabel(`拨付金额（第 ${n} 个收款账户）`).fill(amount);
    };
    // F-62: one upload into each required document's slot before 保存并提交.
    await uploadIntoSlots(page, [
      '立项申请单',
      '业主大会（业主表决）决议',
      '施工合同',
      '工程结算书',
      '验收报告',
      '验收公示张贴照片',
      '发票',
      '收款账户证明',
    ]);
    await payee(1, LIFT_CO, '中国工商银行江门分行营业部', '2012002019200777001', '20000');
    await page.getByRole('button', { name: '添加收款账户' }).click();
    await payee(2, ROPE_CO, '中国建设银行江门分行', '44050166700800001234', '8000');
    await showsText(page.getByTestId('payees-total'), '拨付金额合计：28,000.00 元');
    // 注 4: the amounts must add up to the budget.
    await actionButton(page, '保存并提交').click();
    await confirmStep(page, '提交立项申请？', '收款账户与金额随立项申请一并审核', '确认提交');
    await showsText(page.getByRole('alert').filter({ hasText: '须等于预算总额' }), '收款金额合计 28,000.00 元须等于预算总额 28,800.00 元');
    expect((await summary()).requests.filter((r: { kind: string }) => r.kind === 'approval')).toHaveLength(0);

    await page.getByLabel('拨付金额（第 2 个收款账户）').fill('8800');
    await showsText(page.getByTestId('payees-total'), `拨付金额合计：${BUDGET} 元`);
    await page.getByLabel('说明', { exact: true }).fill('附验收报告及施工合同');
    await actionButton(page, '保存并提交').click();
    await confirmStep(page, '提交立项申请？', '收款账户与金额随立项申请一并审核', '确认提交');
    await shows(toast(page, '立项申请已提交'));
    await showsText(page.getByRole('alert').filter({ hasText: '暂不能办理项目立项' }), '立项申请已提交，等待维修资金管理部门审核');
    const approval = (await summary()).requests.find((r: { kind: string }) => r.kind === 'approval');
    expect(approval).toMatchObject({ status: 'submitted', amount: 2_880_000 });
    expect(approval.payees.map((p: { unitName: string; amount: number }) => [p.unitName, p.amount])).toEqual([
      [LIFT_CO, 2_000_000],
      [ROPE_CO, 880_000],
    ]);

    // 4. 打印相关申请表: one form for approval and disbursement together (注 3).
    const printed = await printFrom(b.page, page.getByRole('button', { name: '打印立项申请单' }));
    for (const text of [
      '维修资金立项及拨付申请单',
      `编号：${approval.no}`,
      BUDGET_WORDS,
      '更换曳引钢丝绳6根及绳头组合',
      '项目验收',
      '五、收款账户',
      LIFT_CO,
      ROPE_CO,
      '20,000.00',
      '8,800.00',
      '受理人',
    ]) {
      expect(printed).toContain(text);
    }
    expect(printed).not.toContain('方可申请资金拨付');
  });

  test('F-60 R-47: 5–6 the office accepts the application and approves it once — the approval is the bank’s instruction for both payees', async () => {
    const approval = (await summary()).requests.find((r: { kind: string }) => r.kind === 'approval');
    const { page } = staff;
    await loginAs(page, 'JMWXZJ', 'shouli');
    await openRequest(page, approval.no);
    for (const text of ['立项申请', '已提交', `${BUDGET} 元（${BUDGET_WORDS}）`, '附验收报告及施工合同']) {
      await showsText(page.locator('.ant-descriptions').first(), text);
    }
    await showsText(projectRow(page, LIFT_CO), '20,000.00');
    await showsText(projectRow(page, ROPE_CO), '8,800.00');
    await acceptOnPage(page, approval.no);
    await logout(page);

    await loginAs(page, 'JMWXZJ', 'shenhe');
    await openRequest(page, approval.no);
    await page.getByRole('button', { name: '审核通过' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: `${approval.no}？` });
    await settled(confirm);
    await showsText(confirm, '立项与拨付一次审核');
    await confirm.getByRole('button', { name: '取消' }).click();
    await goes(confirm);
    await approveOnPage(page, approval.no);
    await showsText(page.locator('.ant-descriptions').first(), '审核通过');

    // One review: the disbursement comes approved with it, nothing else waits at the window.
    const s = await summary();
    expect(s.status).toBe('approved');
    const disbursements = s.requests.filter((r: { kind: string }) => r.kind === 'disbursement');
    expect(disbursements).toHaveLength(1);
    expect(disbursements[0]).toMatchObject({ status: 'approved', amount: 2_880_000 });
    expect(disbursements[0].note).toContain(approval.no);
    await page.getByRole('button', { name: '返回维修项目申请' }).click();
    await showsText(projectRow(page, disbursements[0].no), '审核通过');
    await logout(page);
  });

  test('F-70: the bank transfers the instruction of the one review to both payees', async () => {
    const before = await summary();
    const instruction = before.requests.find((r: { kind: string }) => r.kind === 'disbursement');
    const { page } = staff;
    await loginAs(page, 'ICBCJM', 'teller01');
    const dialog = await openTransfer(page, instruction.no);
    await showsText(dialog, `${BUDGET} 元（${BUDGET_WORDS}）`);
    await showsText(projectRow(page, LIFT_CO), '20,000.00');
    await showsText(projectRow(page, ROPE_CO), '8,800.00');
    await dialog.getByLabel('划转金额（元）').fill('28800.00');
    await dialog.getByLabel('银行流水号').fill(`ZZ${suffix}`);
    await dialog.getByRole('button', { name: '确认划转' }).click();
    await shows(page.getByText('划转确认成功'));
    await goes(dialog);
    await page.getByRole('tab', { name: '已划转' }).click();
    await shows(projectRow(page, instruction.no));
    await logout(page);
  });

  test('R-48 F-31: the project completes — the houses paid the settlement exactly, the lift has its repair record', async () => {
    const instruction = (await summary()).requests.find((r: { kind: string }) => r.kind === 'disbursement');
    // 6. The project is done: budget = settlement = transferred.
    const committee = b.page;
    const row = await findProject(committee, PROJECT);
    await showsText(row, '已完成');
    await expect.poll(async () => (await textOf(row)).split(BUDGET).length - 1).toBe(3);
    const s = await summary();
    expect(s.status).toBe('completed');
    expect(s.money).toMatchObject({ budget: 2_880_000, settlement: 2_880_000, transferred: 2_880_000, refunded: 0 });
    await row.getByRole('link').first().click();
    await showsText(committee.getByTestId('timeline'), '项目完成');
    await showsText(committee.getByTestId('timeline'), '银行划转');

    // The printed disbursement instruction of the one review names both payees.
    const printed = await printFrom(b.page, projectRow(committee, instruction.no).getByRole('button', { name: '打印' }));
    for (const text of ['维修资金拨付申请单', `编号：${instruction.no}`, BUDGET_WORDS, LIFT_CO, ROPE_CO]) expect(printed).toContain(text);

    // every house paid its part of the final list (决算清册), and the debits sum to the settlement.
    const acceptance = s.notices.find((n: { kind: string }) => n.kind === 'acceptance');
    const list = (await read(`/api/public/project-notices/${acceptance.no}?pageSize=200`)).list;
    expect(list.totalShare).toBe(2_880_000);
    expect(list.items).toHaveLength(list.total);
    let debited = 0;
    for (const h of list.items as { houseId: number; share: number }[]) {
      const { items } = await read(`/api/houses/${h.houseId}/statement`);
      const paid = (items as { reference: string; amount: number }[])
        .filter((e) => e.reference === instruction.no || e.reference === s.no)
        .reduce((a, e) => a - e.amount, 0);
      expect(paid, `house ${h.houseId}`).toBe(h.share);
      debited += paid;
    }
    expect(debited).toBe(2_880_000);

    // F-31: 综合查询 › 设施设备查询 — the lift's 维修记录 has the project.
    const detail = await read(`/api/projects/${projectId}`);
    const found = await read(`/api/areas/${detail.areaId}/facilities?q=${encodeURIComponent('1号客梯')}&within=1&pageSize=50`);
    const facility = found.items.find((f: { id: number }) => f.id === detail.items[0].facilityId);
    await openMenu(committee, '综合查询', '设施设备查询');
    await shows(committee.getByRole('heading', { name: '设施设备查询' }));
    await committee.getByLabel('搜索设施设备').fill('1号客梯');
    await committee.getByLabel('搜索设施设备').press('Enter');
    await committee.getByText('包含下级位置', { exact: true }).click();
    await expect.poll(() => committee.getByRole('checkbox', { name: '包含下级位置' }).isChecked()).toBe(true);
    expect(facility, 'the project’s lift among the area’s facilities').toBeTruthy();
    const lift = projectRow(committee, facility.locationLabel).filter({ hasText: '1号客梯' });
    const records = await openRepairRecords(committee, lift, '1号客梯');
    const record = records.locator('.ant-table-tbody tr').filter({ hasText: s.no });
    await showsText(record, PROJECT);
    await showsText(record, '更换曳引钢丝绳 6 根及绳头组合');
    await showsText(record, BUDGET);
  });
});
