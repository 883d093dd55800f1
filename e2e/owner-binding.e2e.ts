// SPEC §11 F-80: an owner binds from a printed letter on a phone-sized screen, logs in with the ID
// number and sees the house with its money. The letter is issued by the office window through the
// API (its print page comes later); everything the owner does goes through the pages.
import { expect, test } from './fixtures.ts';
import { baseUrl, type Browser } from './browser.ts';
import { screenshotFailures, shows, showsText } from './helpers.ts';
import { selectOption } from './registry-helpers.ts';

let owner: Browser;
test.beforeAll(async ({ openBrowser }) => {
  owner = await openBrowser();
  await owner.page.setViewportSize({ width: 375, height: 740 });
});
test.afterAll(async () => {
  await owner?.close();
});
screenshotFailures(() => [owner?.page]);

/** The office window's session, as the API sees a browser: the cookie and the CSRF token. */
async function officeWindow() {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orgCode: 'JMWXZJ', username: 'shouli', password: 'Wygl@2026' }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (path: string, body?: unknown) =>
    fetch(`${baseUrl()}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

/** A room of 侨城花园 2栋 1单元 on `floor`, as the public house picker lists it. */
async function building2Room(floor: number) {
  const get = async <T>(path: string) => (await (await fetch(`${baseUrl()}${path}`)).json()) as T;
  const areas = await get<{ items: { id: number; name: string }[] }>('/api/public/areas');
  const area = areas.items.find((a) => a.name === '侨城花园');
  const blds = await get<{ items: { id: number; name: string }[] }>(`/api/public/areas/${area?.id}/buildings`);
  const building = blds.items.find((b) => b.name === '2栋');
  const rooms = await get<{ items: { id: number; unit: string; floor: number; room: string }[] }>(
    `/api/public/buildings/${building?.id}/rooms`,
  );
  const room = rooms.items.find((r) => r.unit === '1单元' && r.floor === floor);
  if (!room) throw new Error('demo room missing');
  return room;
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('业主服务 › 身份绑定（手机）', () => {
  test('F-80 an owner binds 侨城花园 2栋 with the letter’s code, logs in with the ID number and sees the house’s balance', async () => {
    const room = await building2Room(3);
    const office = await officeWindow();
    const house = (await (await office(`/api/houses/${room.id}`)).json()) as { owners: { idNumber: string }[] };
    const idNumber = house.owners[0]?.idNumber ?? '';
    const letter = (await (await office('/api/owner-letters', { houseId: room.id })).json()) as { items: { code: string }[] };
    const code = letter.items[0]?.code ?? '';
    expect(code).toMatch(/^\w{4}-\w{4}$/);

    const { page } = owner;
    await page.goto('/owner/bind');
    await selectOption(page, page.getByRole('combobox', { name: '物业区域' }), '侨城花园');
    await selectOption(page, page.getByRole('combobox', { name: '楼幢' }), '2栋');
    await selectOption(page, page.getByRole('combobox', { name: '房号' }), `1单元 3层 ${room.room}`);
    await page.getByLabel('证件号码').fill(idNumber);
    await page.getByLabel('绑定码').fill('XXXX-XXXX');
    await page.getByLabel('登录密码').fill('Owner#2026a');
    await page.getByLabel('确认密码').fill('Owner#2026a');
    await page.getByRole('button', { name: /绑\s*定/ }).click();
    await showsText(page.getByRole('alert'), '绑定码已使用、已过期');
    await page.getByLabel('绑定码').fill(code);
    await page.getByRole('button', { name: /绑\s*定/ }).click();
    await page.waitForURL((url) => url.pathname === '/owner/login');
    const login = page.getByTestId('owner-login');
    await shows(login);

    await login.getByLabel('证件号码').fill(idNumber);
    await login.getByLabel('密码', { exact: true }).fill('Owner#2026a');
    await login.getByRole('button', { name: /登\s*录/ }).click();
    const card = page.getByTestId('owner-house');
    await shows(card);
    await showsText(card, `侨城花园 2栋1单元${room.room}`);
    await showsText(card, '余额（元）');
    // The house's card fits the phone's width.
    const box = await card.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
  });

  test('F-80 the letter’s QR code opens the binding page with the house already chosen: the owner types only the ID number, the code and a password', async () => {
    const room = await building2Room(4);
    const office = await officeWindow();
    const house = (await (await office(`/api/houses/${room.id}`)).json()) as { owners: { idNumber: string }[] };
    const letter = (await (await office('/api/owner-letters', { houseId: room.id })).json()) as {
      items: { code: string; bindPath: string }[];
    };
    const [item] = letter.items;
    if (!item) throw new Error('no letter');

    // What the phone opens from the QR code.
    const { page } = owner;
    await page.goto(item.bindPath);
    const field = (label: string) => page.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) });
    await showsText(field('物业区域'), '侨城花园');
    await showsText(field('楼幢'), '2栋');
    await showsText(field('房号'), `1单元 4层 ${room.room}`);
    await page.getByLabel('证件号码').fill(house.owners[0]?.idNumber ?? '');
    await page.getByLabel('绑定码').fill(item.code);
    await page.getByLabel('登录密码').fill('Owner#2026a');
    await page.getByLabel('确认密码').fill('Owner#2026a');
    await page.getByRole('button', { name: /绑\s*定/ }).click();
    await page.waitForURL((url) => url.pathname === '/owner/login');
  });
});
