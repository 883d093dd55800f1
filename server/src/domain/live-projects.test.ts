import { describe, expect, it } from 'vitest';
import { liveProjectRefusals } from './live-projects.ts';

describe('R-52 live project refusals', () => {
  it('R-52 names each project once with its houses, the first few and the count of the rest', () => {
    const hit = (projectId: number, house: string) => ({ projectId, no: `WX${projectId}`, name: `项目${projectId}`, house });
    const out = liveProjectRefusals('注销', [hit(1, '1栋101'), hit(2, '1栋101'), hit(1, '1栋102'), hit(1, '1栋102')]);
    expect(out).toEqual([
      '房屋 1栋101、1栋102 在维修项目“项目1”（WX1）的分摊范围内，该项目完成或撤销前不能注销',
      '房屋 1栋101 在维修项目“项目2”（WX2）的分摊范围内，该项目完成或撤销前不能注销',
    ]);
    const many = liveProjectRefusals(
      '拆分合并',
      ['a', 'b', 'c', 'd'].map((h) => hit(3, h)),
      2,
    );
    expect(many).toEqual(['房屋 a、b 等 4 套 在维修项目“项目3”（WX3）的分摊范围内，该项目完成或撤销前不能拆分合并']);
    expect(liveProjectRefusals('注销', [])).toEqual([]);
  });

  it('R-52 exactly as many houses as are shown need no count of the rest', () => {
    const hit = (house: string) => ({ projectId: 1, no: 'WX1', name: '项目1', house });
    expect(liveProjectRefusals('注销', [hit('a'), hit('b')], 2)).toEqual([
      '房屋 a、b 在维修项目“项目1”（WX1）的分摊范围内，该项目完成或撤销前不能注销',
    ]);
  });
});
