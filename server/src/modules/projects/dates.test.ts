import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { demoArea, draftProject } from '../../../test/project-fixtures.ts';

/** Dates typed into a project's forms are calendar days: 2026-13-45 or 2026-02-30 is refused, naming the field. */
let t: TestApp;
let member: Agent;
let area: Awaited<ReturnType<typeof demoArea>>;

beforeAll(async () => {
  t = await testApp();
  member = await t.login(DEMO.committee.code, DEMO.committee.member);
  area = await demoArea(t);
});
afterAll(async () => {
  await t.close();
});

describe('F-40 F-45 dates', () => {
  it('F-40 the construction period refuses a day that does not exist', async () => {
    const { id } = await draftProject(t, member, area, 'general', '2栋', 10_000, [10_000]);
    const res = await member.put(`/api/projects/${id}`, {
      name: '2栋维修',
      description: '',
      periodFrom: '2026-02-30',
      periodTo: '2026-13-45',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().fieldErrors.periodFrom).toBe('施工开始日期不是有效日期，请按 YYYY-MM-DD 填写实际存在的日期');
    expect(res.json().fieldErrors.periodTo).toContain('施工结束日期不是有效日期');
    const kept = (await member.get(`/api/projects/${id}`)).json();
    expect(kept.periodFrom).toBeNull();
  });

  it('F-45 the acceptance date refuses 2026-13-45 as not a date, rather than as a day in the future', async () => {
    const { id } = await draftProject(t, member, area, 'general', '3栋', 10_000, [10_000]);
    const res = await member.post(`/api/projects/${id}/acceptance`, { date: '2026-13-45', result: '合格', settlement: 10_000 });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().fieldErrors.date).toContain('验收日期不是有效日期');
  });
});
