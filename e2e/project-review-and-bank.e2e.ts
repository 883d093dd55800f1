// Repair projects after the committee's part — owners' committee manual (seeds/000) §1.3.2 第三步–第八步,
// §1.3.4 项目清退, §1.3.5 撤销项目 as the office, the bank and the public see them: SPEC §8 F-60 (受理, 审核,
// 退回 with the project's money), §9 F-70 (划转确认, 清退确认), F-72 (公示公告, 维修项目, printable notices with
// no owners' names), §10 Printing (every project document on A4). The committee's own steps are taken
// through the API here (its pages have their own spec): an emergency project needs no vote and no wait
// for the notice period, so the whole way runs on today's date.
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { goes, logout, openMenu, screenshotFailures, shows, showsText, toast, uniqueSuffix } from './helpers.ts';
import {
  acceptOnPage,
  type Caller,
  callerAs,
  approveOnPage,
  beijingDay,
  openRequest,
  openTransfer,
  printedText,
  projectRow,
  settled,
  uploadRequiredDocuments,
} from './project-helpers.ts';

const BUDGET = 1_000_000;
const suffix = uniqueSuffix();
const PROJECT = `3栋外墙应急抢修${suffix}`;
const CANCELLED = `中心花园改造${suffix}`;
const CANCEL_REASON = `施工方案未获业主大会通过，项目撤销（${suffix}）`;

const payee = (amount: number, unitName = '江门市建安工程有限公司') => ({
  unitName,
  accountName: unitName,
  bankName: '中国工商银行江门分行',
  accountNo: '6222020012345678',
  amount,
});

let committee: Caller;
let office: Browser;
let bank: Browser;
let visitor: Browser;
let projectId: number;
let cancelledId: number;
let areaId: number;
let approval: { id: number; no: string };

test.beforeAll(async ({ openBrowser }) => {
  committee = await callerAs('QCHYYWH', 'weiyuan');
  const areas = await committee.get('/api/public/areas');
  areaId = areas.items.find((a: { name: string }) => a.name === '侨城花园')?.id as number;
  const walls = await committee.get(`/api/areas/${areaId}/facilities?q=${encodeURIComponent('外墙饰面')}&pageSize=50`);
  const facility = walls.items.find((f: { building: string | null; unitId: number | null }) => f.building === '3栋' && f.unitId === null);
  expect(facility, '3栋外墙饰面 in the demo facilities').toBeTruthy();

  // §1.3.2 第一步: the emergency project, its item, 预算分摊 and a two-phase plan.
  const created = await committee.send('POST', '/api/projects', {
    type: 'emergency',
    name: PROJECT,
    description: '台风后外墙饰面脱落，危及行人安全',
    periodFrom: beijingDay(),
    periodTo: beijingDay(30),
  });
  projectId = created.id;
  await committee.send('PUT', `/api/projects/${projectId}/items`, {
    items: [
      { facilityId: facility.id, content: '清除松动饰面并重做真石漆', contractor: '江门市建安工程有限公司', remark: '', budget: BUDGET },
    ],
  });
  // The range leaves out 3栋1单元: the registry specs cancel and re-price houses there, which a live
  // project over them would refuse.
  const [item] = (await committee.get(`/api/projects/${projectId}`)).items as { id: number }[];
  const firstUnit: number[] = [];
  for (let page = 1, seen = 0, total = 1; seen < total; page++) {
    const range = await committee.get(`/api/projects/${projectId}/items/${item?.id}/houses?page=${page}&pageSize=200`);
    const houses = range.items as { houseId: number; unit: string }[];
    firstUnit.push(...houses.filter((h) => h.unit === '1单元').map((h) => h.houseId));
    seen += houses.length;
    total = houses.length === 0 ? seen : range.total;
  }
  expect(firstUnit.length, '3栋1单元 in the item range').toBeGreaterThan(0);
  await committee.send('POST', `/api/projects/${projectId}/items/${item?.id}/houses`, { remove: firstUnit });
  await committee.send('POST', `/api/projects/${projectId}/apportion`);
  await committee.send('PUT', `/api/projects/${projectId}/plan`, {
    phases: [
      { amount: 600_000, condition: '材料进场' },
      { amount: 400_000, condition: '验收合格' },
    ],
  });
  // 第二步 立项公示, 第三步 立项申请 (an emergency project waits for neither vote nor the period's end).
  await committee.send('POST', `/api/projects/${projectId}/notices`, {
    kind: 'initiation',
    deadline: beijingDay(10),
    content: '紧急维修，请业主监督',
  });
  await uploadRequiredDocuments(committee, projectId, '立项申请要件', 'project.approval.emergency');
  const submitted = await committee.send('POST', `/api/projects/${projectId}/approval`, { note: '附现场照片' });
  approval = submitted.requests.find((r: { kind: string }) => r.kind === 'approval');

  // §1.3.5: another project that is withdrawn with a published cancellation notice.
  cancelledId = (await committee.send('POST', '/api/projects', { type: 'general', name: CANCELLED, description: '' })).id;
  await committee.send('POST', `/api/projects/${cancelledId}/notices`, {
    kind: 'cancellation',
    deadline: beijingDay(10),
    content: CANCEL_REASON,
  });

  office = await openBrowser();
  bank = await openBrowser();
  visitor = await openBrowser();
  for (const b of [office, bank, visitor]) {
    b.page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    b.page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
  }
});
test.afterAll(async () => {
  await committee?.ctx.dispose();
  await visitor?.close();
  await bank?.close();
  await office?.close();
});
screenshotFailures(() => [office?.page, bank?.page, visitor?.page]);

const summary = () => committee.get(`/api/projects/${projectId}/summary`);
// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('F-60 维修项目申请（维修资金管理部门）', () => {
  test('the acceptor receives the approval application at the window; the reviewer sees the project’s money and approves it', async () => {
    const { page } = office;
    await loginAs(page, 'JMWXZJ', 'shouli');
    // 工作台 › 待办事项: what waits for the window, counted; the card opens the list filtered to it.
    const acceptor = await callerAs('JMWXZJ', 'shouli');
    const waiting = (await acceptor.get('/api/office/project-requests?kind=approval&status=submitted&pageSize=1')).total;
    await acceptor.ctx.dispose();
    expect(waiting).toBeGreaterThan(0);
    const workload = page.locator('.ant-card').filter({ has: page.getByText('待办事项', { exact: true }) });
    await shows(workload.getByRole('link', { name: '待受理业务单：' }).first());
    // The reviewer's part is not the acceptor's.
    await goes(workload.getByText('待审核立项申请'));
    await workload.getByRole('link', { name: `待受理立项申请：${waiting} 件`, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/office/project-requests' && url.search === '?kind=approval&status=submitted');
    await showsText(projectRow(page, approval.no), '已提交');
    await openRequest(page, approval.no);
    for (const text of ['立项申请', '已提交', '10,000.00 元（人民币壹万元整）', '附现场照片'])
      await showsText(page.locator('.ant-descriptions').first(), text);
    const money = page.getByTestId('project-money');
    await showsText(money, '预算总额');
    await showsText(money, '10,000.00');
    for (const text of [PROJECT, '紧急维修项目，无需表决', '立项公示', '外墙饰面', '清除松动饰面并重做真石漆'])
      await showsText(page.locator('main'), text);
    await shows(page.getByText('提交立项申请', { exact: true }));
    // The acceptor may not approve.
    await goes(page.getByRole('button', { name: '审核通过' }));
    // F-62: 受理 lists the emergency approval's required documents and is refused until every one is ticked.
    await page.getByRole('button', { name: '受理', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '受理' });
    await settled(dialog);
    for (const doc of ['立项申请单', '紧急情况证明', '现场照片', '施工合同', '工程预算书'])
      await shows(dialog.getByRole('checkbox', { name: doc, exact: true }));
    // F-60: beside the checklist, the committee's upload for each 要件, marked 已上传, opening at full size.
    for (const doc of ['立项申请单', '紧急情况证明', '现场照片', '施工合同', '工程预算书']) {
      const slot = dialog.getByTestId(`submitted-${doc}`);
      await showsText(slot, '已上传');
      await shows(slot.getByRole('img', { name: `${doc}.png` }));
    }
    await dialog.getByRole('checkbox', { name: '施工合同', exact: true }).check();
    await dialog.getByRole('checkbox', { name: '工程预算书', exact: true }).check();
    await dialog.getByRole('button', { name: '受理' }).click();
    await shows(dialog.getByText('紧急维修项目立项申请须收齐全部要件才能受理，尚缺：立项申请单、紧急情况证明、现场照片', { exact: true }));
    await showsText(dialog, '受理备注');
    await dialog.getByRole('checkbox', { name: '全部已收' }).check();
    await dialog.getByLabel('受理备注').fill('紧急情况证明原件已核验');
    await dialog.getByRole('button', { name: '受理' }).click();
    await shows(toast(page, `${approval.no} 已受理`));
    await goes(dialog);
    await showsText(page.locator('.ant-descriptions').first(), '已受理');

    await logout(page);
    await loginAs(page, 'JMWXZJ', 'shenhe');
    await openRequest(page, approval.no);
    await shows(page.getByText('受理备注：已收要件：立项申请单、紧急情况证明、现场照片、施工合同、工程预算书；紧急情况证明原件已核验'));
    await approveOnPage(page, approval.no);
    await showsText(page.locator('.ant-descriptions').first(), '审核通过');
    expect((await summary()).status).toBe('approved');
    await logout(page);
  });

  test('F-44 a disbursement returned with a reason frees its phase; another is accepted and approved as the bank’s instruction', async () => {
    await uploadRequiredDocuments(committee, projectId, '资金拨付要件', 'project.disbursement');
    const first = await committee.send('POST', `/api/projects/${projectId}/disbursements`, {
      phaseId: (await committee.get(`/api/projects/${projectId}`)).phases[0].id,
      payees: [payee(400_000)],
    });
    const { page } = office;
    await loginAs(page, 'JMWXZJ', 'admin');
    await openRequest(page, first.no);
    await showsText(page.locator('.ant-descriptions').first(), '第 1 期');
    await showsText(projectRow(page, '江门市建安工程有限公司'), '4,000.00');
    await showsText(page.getByTestId('project-money'), '4,000.00');
    await page.getByRole('button', { name: '退回' }).click();
    const dialog = page.getByRole('dialog', { name: '退回' });
    await dialog.getByRole('button', { name: '退回' }).click();
    await shows(dialog.getByText('请填写退回原因'));
    await dialog.getByLabel('退回原因').fill('收款账户与施工合同不一致');
    await dialog.getByRole('button', { name: '退回' }).click();
    await shows(toast(page, `${first.no} 已退回`));
    await shows(page.getByText('已退回：收款账户与施工合同不一致'));
    expect((await summary()).money.applied).toBe(0);

    const phaseId = (await committee.get(`/api/projects/${projectId}`)).phases[0].id;
    await uploadRequiredDocuments(committee, projectId, '资金拨付要件', 'project.disbursement');
    const second = await committee.send('POST', `/api/projects/${projectId}/disbursements`, {
      phaseId,
      payees: [payee(150_000), payee(50_000, '江门市监理有限公司')],
    });
    await openRequest(page, second.no);
    await acceptOnPage(page, second.no);
    await approveOnPage(page, second.no);
    await showsText(page.getByTestId('project-money'), '2,000.00');
    await page.getByRole('button', { name: '返回维修项目申请' }).click();
    await showsText(projectRow(page, second.no), '审核通过');
    await showsText(projectRow(page, first.no), '已退回');
  });
});

test.describe('F-70 划转确认 and 清退确认（专户银行）', () => {
  test('the teller transfers the approved disbursement: a wrong amount is refused, the right one booked once', async () => {
    const s = await summary();
    const instruction = s.requests.find((r: { kind: string; status: string }) => r.kind === 'disbursement' && r.status === 'approved');
    const { page } = bank;
    await loginAs(page, 'ICBCJM', 'teller01');
    const dialog = await openTransfer(page, instruction.no);
    await showsText(dialog, '2,000.00 元（人民币贰仟元整）');
    await showsText(dialog, '江门市监理有限公司');
    await dialog.getByLabel('划转金额（元）').fill('1999.99');
    await dialog.getByLabel('银行流水号').fill(`ZZ${suffix}`);
    await dialog.getByRole('button', { name: '确认划转' }).click();
    await showsText(dialog.getByRole('alert'), '须与拨付指令金额');
    await dialog.getByLabel('划转金额（元）').fill('2000.00');
    await dialog.getByRole('button', { name: '确认划转' }).click();
    await shows(page.getByText('划转确认成功'));
    await goes(dialog);
    await page.getByRole('tab', { name: '已划转' }).click();
    await shows(projectRow(page, instruction.no));
    expect((await summary()).money.transferred).toBe(200_000);
  });

  test('F-46 the refund notice is paid in at the counter and credited back', async () => {
    const s = await summary();
    const transferred = s.requests.find((r: { kind: string; status: string }) => r.kind === 'disbursement' && r.status === 'confirmed');
    const after = await committee.send('POST', `/api/projects/${projectId}/refunds`, {
      sourceIds: [transferred.id],
      amount: 50_000,
      reason: '监理费多付',
    });
    const refund = after.requests.find((r: { kind: string }) => r.kind === 'refund');
    const { page } = bank;
    await openMenu(page, '银行业务', '清退确认');
    await shows(page.getByRole('heading', { name: '清退确认' }));
    // A scanner types the number and presses Enter.
    await page.getByLabel('清退通知单号').fill(refund.no);
    await page.getByLabel('清退通知单号').press('Enter');
    const dialog = page.getByRole('dialog', { name: `清退确认：${refund.no}` });
    await showsText(dialog, '500.00 元（人民币伍佰元整）');
    await dialog.getByLabel('清退金额（元）').fill('500');
    await dialog.getByLabel('银行流水号').fill(`QT${suffix}`);
    await dialog.getByRole('button', { name: '确认清退' }).click();
    await shows(page.getByText('清退确认成功'));
    expect((await summary()).money.refunded).toBe(50_000);

    // The office follows the refund, which has no review of its own (its list is read afresh).
    const o = office.page;
    await o.reload();
    await openRequest(o, refund.no);
    await showsText(o.locator('.ant-descriptions').first(), '银行已确认');
    await shows(o.getByText('清退通知单由申请人到专户银行缴款', { exact: false }));
    await goes(o.getByRole('button', { name: '受理', exact: true }));
  });
});

test.describe('F-72 公示公告 and 维修项目（公众，无需登录）', () => {
  let acceptanceNo: string;

  test('the acceptance notice is on the home page at once; the list filters by area and type; its 决算清册 names no owner', async () => {
    await committee.send('POST', `/api/projects/${projectId}/acceptance`, {
      date: beijingDay(),
      result: '外墙修复完成，验收合格',
      settlement: 950_000,
    });
    const s = await committee.send('POST', `/api/projects/${projectId}/notices`, {
      kind: 'acceptance',
      deadline: beijingDay(10),
      content: '请业主监督',
    });
    acceptanceNo = s.notices.at(-1).no;
    const sheet = await committee.get(`/api/projects/${projectId}/vote-sheet?pageSize=200`);
    const owner = sheet.items.map((h: { owners: string }) => h.owners.split('、')[0]).find(Boolean) as string;

    const { page } = visitor;
    await page.goto('/');
    await showsText(page.getByTestId('latest-notices'), `${PROJECT}验收公示`);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '公示公告' }).click();
    await page.getByLabel('公示类型').click();
    await page.locator('.ant-select-dropdown:visible').getByText('验收公示', { exact: true }).click();
    await shows(projectRow(page, `${PROJECT}验收公示`));
    // An acceptance notice is about the settlement, not the budget.
    await showsText(projectRow(page, `${PROJECT}验收公示`), '结算 9,500.00');
    await goes(projectRow(page, `${PROJECT}立项公示`));
    await projectRow(page, `${PROJECT}验收公示`).getByRole('link').click();
    await shows(page.getByText(`决算清册（共 ${sheet.total} 户`, { exact: false }));
    for (const text of [acceptanceNo, '9,500.00 元（人民币玖仟伍佰元整）', '10,000.00 元（人民币壹万元整）'])
      await showsText(page.locator('.ant-descriptions'), text);
    await showsText(page.locator('.ant-card-head-title'), '合计 9,500.00 元');
    expect(await page.locator('main').textContent()).not.toContain(owner);

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '维修项目' }).click();
    await page.getByLabel('物业区域').click();
    await page.locator('.ant-select-dropdown:visible').getByText('侨城花园', { exact: true }).click();
    const project = projectRow(page, PROJECT);
    // The stage is the one the committee's own list shows: the acceptance notice is running.
    for (const text of ['紧急维修项目', '验收公示中', '10,000.00', '2,000.00', '500.00', '9,500.00']) await showsText(project, text);
    // A project shows once it has published a notice, even one that withdraws it.
    await showsText(projectRow(page, CANCELLED), '撤销公示中');
  });

  test('§10 a visitor prints the notice with its list, without logging in', async () => {
    const { page } = visitor;
    await page.goto(`/notices/${acceptanceNo}/print`);
    await shows(page.getByRole('heading', { name: '维修项目验收公告' }));
    const printed = await printedText(page);
    for (const text of ['维修项目验收公告', `编号：${acceptanceNo}`, '决算清册', '人民币玖仟伍佰元整', '合计', '业主委员会（盖章）']) {
      expect(printed).toContain(text);
    }
  });
});

test.describe('§10 项目打印（A4）', () => {
  test('every project document prints with its number, amounts in capitals and, for long lists, page subtotals', async () => {
    const s = await summary();
    const page = await office.context.newPage();
    const notice = (kind: string) => s.notices.filter((n: { kind: string }) => n.kind === kind).at(-1).no;
    const disbursement = s.requests.find((r: { kind: string; status: string }) => r.kind === 'disbursement' && r.status === 'confirmed');
    const refund = s.requests.find((r: { kind: string }) => r.kind === 'refund');
    const houses = (await committee.get(`/api/projects/${projectId}/vote-sheet?pageSize=1`)).total as number;
    const cancelled = (await committee.get(`/api/projects/${cancelledId}/summary`)).notices[0].no;
    const documents: [string, string[]][] = [
      ['initiation-notice', ['维修项目立项公告', `编号：${notice('initiation')}`, '预算清册', '人民币壹万元整', `共${houses}户`]],
      ['vote-sheet', ['投票表决签字表', '同意', '反对', '弃权', '业主签字', `共${houses}户`]],
      ['approval-form', ['维修资金使用立项申请单', `编号：${approval.no}`, '材料进场', '紧急维修项目，无需业主表决', '受理人']],
      [
        `disbursement-form/${disbursement.id}`,
        ['维修资金拨付申请单', `编号：${disbursement.no}`, '人民币贰仟元整', '江门市监理有限公司', '第1期'],
      ],
      ['acceptance-notice', ['维修项目验收公告', '决算清册', '人民币玖仟伍佰元整']],
      [`refund-notice/${refund.id}`, ['维修资金清退通知单', `编号：${refund.no}`, '人民币伍佰元整', '监理费多付', disbursement.no]],
    ];
    for (const [path, texts] of documents) {
      await page.goto(`/print/project/${projectId}/${path}`);
      const printed = await printedText(page);
      for (const text of texts) expect(printed, path).toContain(text);
      if (houses > 14 && !path.startsWith('approval') && !path.startsWith('disb') && !path.startsWith('refund')) {
        expect(printed, path).toContain('本页小计');
        expect(printed, path).toContain('第2页');
      }
    }
    await page.goto(`/print/project/${cancelledId}/cancellation-notice`);
    const printed = await printedText(page);
    for (const text of ['维修项目撤销公示', `编号：${cancelled}`, CANCEL_REASON.replace(/\s+/g, ''), CANCELLED])
      expect(printed).toContain(text);
    await page.close();
  });
});
