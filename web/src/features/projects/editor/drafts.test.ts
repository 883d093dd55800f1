import { describe, expect, it } from 'vitest';
import { draftProblem, type ItemDraft, itemsBody, type PhaseDraft, planBody, sumFen, typedBody } from './drafts.ts';

const item = (budget: string, content = '屋面防水层翻新'): ItemDraft => ({
  key: 'k',
  facilityId: 7,
  facilityName: '屋面防水层',
  facilityType: '屋面',
  locationLabel: '侨城花园 1栋',
  buildingId: 1,
  content,
  contractor: '',
  remark: '',
  budget,
});
const phase = (amount: string): PhaseDraft => ({ key: amount, amount, condition: '' });

describe('F-40 the editor sends money typed in yuan as integer fen', () => {
  it('parses the typed text, never through floating point', () => {
    // 0.1 + 0.2 and 80000.5 × 100 are where floating point would slip.
    expect(itemsBody([item('80000.50'), item('0.10'), item('0.20'), item('1,234.56')]).items.map((i) => i.budget)).toEqual([
      8_000_050, 10, 20, 123_456,
    ]);
    expect(planBody([phase('60000.5'), phase('19.99')]).phases.map((p) => p.amount)).toEqual([6_000_050, 1_999]);
    expect(sumFen(['0.10', '0.20'])).toBe(30);
  });

  it('R-41 names the row and the field of the first unsendable amount', () => {
    expect(draftProblem([item('120000')], [phase('120000')])).toBeNull();
    expect(draftProblem([item('12.345')], null)).toBe('维修设施设备第 1 项（屋面防水层）：预算金额须为非负金额，最多 2 位小数');
    expect(draftProblem([item('1', ' ')], null)).toBe('维修设施设备第 1 项（屋面防水层）：请填写维修内容');
    expect(draftProblem([item('1')], [phase('1'), phase('0')])).toBe('拨付计划第 2 期：本期拨付金额须为大于 0 的金额，最多 2 位小数');
    // An empty budget is zero (the shares may set it later through 分摊合并).
    expect(draftProblem([item('')], null)).toBeNull();
  });
});

describe('F-40 分摊合并 sends the typed shares', () => {
  it("F-40 the shares typed into each item's list become fen per item; an item with nothing typed is left out", () => {
    const typed = new Map([
      [
        3,
        new Map([
          [10, '1,234.5'],
          [11, '0'],
        ]),
      ],
      [4, new Map()],
    ]);
    expect(typedBody(typed)).toEqual([
      {
        itemId: 3,
        rows: [
          { houseId: 10, share: 123_450 },
          { houseId: 11, share: 0 },
        ],
      },
    ]);
  });

  it('F-40 one share that is not an amount stops the merge before anything is sent', () => {
    expect(typedBody(new Map([[3, new Map([[10, '12.345']])]]))).toBeNull();
  });
});
