import { describe, expect, it } from 'vitest';
import {
  ballotHash,
  type ChainBallot,
  canonicalBallot,
  checkChain,
  evotePhase,
  genesisHash,
  latestPerHouse,
  normaliseReceipt,
  periodProblems,
  receiptCode,
  type StoredBallot,
} from './evote.ts';

const at = (iso: string) => new Date(iso);

function chain(evoteId: number, ballots: Omit<ChainBallot, 'evoteId' | 'seq'>[]): StoredBallot[] {
  let prev = genesisHash(evoteId);
  return ballots.map((b, i) => {
    const full = { ...b, evoteId, seq: i + 1 };
    const hash = ballotHash(prev, full);
    const row = { ...full, id: 100 + i, prevHash: prev, hash, receiptCode: receiptCode(hash) };
    prev = hash;
    return row;
  });
}

const three = () =>
  chain(7, [
    { houseId: 1, ownerId: 1, choice: 'agree', castAt: at('2026-12-01T01:00:00Z') },
    { houseId: 2, ownerId: 2, choice: 'oppose', castAt: at('2026-12-01T02:00:00Z') },
    { houseId: 1, ownerId: 1, choice: 'abstain', castAt: at('2026-12-01T03:00:00Z') },
  ]);

describe('R-82 ballot chain', () => {
  it('R-82 an untouched chain checks out and ends on its last hash', () => {
    const c = three();
    expect(checkChain(7, c)).toEqual({ valid: true, checked: 3, finalHash: c[2]?.hash, broken: [] });
    expect(checkChain(7, [])).toMatchObject({ valid: true, finalHash: genesisHash(7) });
  });

  it('R-82 a changed choice, a removed ballot or a chain moved to another vote is reported by ballot', () => {
    const changed = three();
    (changed[1] as StoredBallot).choice = 'agree';
    expect(checkChain(7, changed).broken.map((b) => b.seq)).toEqual([2]);
    const removed = three().filter((b) => b.seq !== 2);
    expect(checkChain(7, removed).broken.map((b) => b.seq)).toEqual([3]);
    expect(checkChain(8, three()).valid).toBe(false);
  });

  it('R-82 a receipt is 12 hex digits in groups of four, typed in any case and with or without dashes', () => {
    const r = receiptCode('abcdef0123456789');
    expect(r).toBe('ABCD-EF01-2345');
    expect(normaliseReceipt(' abcd ef01-2345 ')).toBe(r);
    expect(normaliseReceipt('ABCD-EF01-234')).toBeNull();
    expect(normaliseReceipt('XBCD-EF01-2345')).toBeNull();
  });

  it('R-82 the hash form is fixed: chains already stored keep checking out', () => {
    const b = { evoteId: 7, seq: 1, houseId: 2, ownerId: 3, choice: 'agree' as const, castAt: at('2026-12-01T01:00:00Z') };
    expect(genesisHash(7)).toBe('5e7415a5ef2d44a2deb8dc18e957192db12b6b30d6a5aad090dae76a2a19a28e');
    expect(genesisHash(8)).not.toBe(genesisHash(7));
    expect(canonicalBallot(b)).toBe('7|1|2|3|agree|2026-12-01T01:00:00.000Z');
    expect(ballotHash(genesisHash(7), b)).toBe('eca78d0f29a068c05d51c70e155c0627e9230a3d09533499a18c03e780e36f08');
  });

  it('R-82 each broken ballot says what is wrong with it', () => {
    const changed = three();
    (changed[1] as StoredBallot).choice = 'agree';
    expect(checkChain(7, changed).broken).toEqual([{ ballotId: 101, seq: 2, houseId: 2, problem: '选票内容与其哈希不符（记录被改动）' }]);

    const removed = three().filter((b) => b.seq !== 2);
    expect(checkChain(7, removed).broken).toEqual([
      { ballotId: 102, seq: 3, houseId: 1, problem: '序号应为 2，实为 3（有记录缺失或顺序被改动）；与上一张选票的哈希不相连' },
    ]);

    const receipt = three();
    (receipt[2] as StoredBallot).receiptCode = 'AAAA-BBBB-CCCC';
    expect(checkChain(7, receipt).broken).toEqual([{ ballotId: 102, seq: 3, houseId: 1, problem: '回执码与哈希不符' }]);

    expect(checkChain(8, three()).broken).toEqual([
      { ballotId: 100, seq: 1, houseId: 1, problem: '不属于本次电子投票；与上一张选票的哈希不相连' },
      { ballotId: 101, seq: 2, houseId: 2, problem: '不属于本次电子投票' },
      { ballotId: 102, seq: 3, houseId: 1, problem: '不属于本次电子投票' },
    ]);
  });

  it('R-82 a receipt has exactly twelve hex digits: one more is not a receipt', () => {
    expect(normaliseReceipt('1ABCD-EF01-2345')).toBeNull();
    expect(normaliseReceipt('ABCD-EF01-23456')).toBeNull();
  });

  it('R-81 the latest ballot of a house counts', () => {
    expect(latestPerHouse(three()).get(1)?.choice).toBe('abstain');
  });
});

describe('F-82 voting period', () => {
  const now = at('2026-12-01T00:00:00Z');
  it('F-82 the end must follow the start and now, within sixty days', () => {
    expect(periodProblems(now, at('2026-12-10T00:00:00Z'), now)).toEqual({});
    expect(periodProblems(now, now, now).closesAt).toBe('投票结束时间须晚于开始时间');
    expect(periodProblems(at('2026-11-01T00:00:00Z'), at('2026-11-20T00:00:00Z'), now).closesAt).toBe('投票结束时间须晚于当前时间');
    expect(periodProblems(now, at('2027-02-01T00:00:00Z'), now).closesAt).toContain('60 天');
  });
  it('F-82 the boundaries: an end at now is refused, exactly sixty days is allowed, a start up to a day ago is allowed', () => {
    expect(periodProblems(at('2026-11-30T12:00:00Z'), now, now).closesAt).toBe('投票结束时间须晚于当前时间');
    expect(periodProblems(now, at('2027-01-30T00:00:00Z'), now)).toEqual({});
    expect(periodProblems(at('2026-11-30T00:00:00Z'), at('2026-12-10T00:00:00Z'), now)).toEqual({});
    expect(periodProblems(at('2026-11-29T23:59:59Z'), at('2026-12-10T00:00:00Z'), now)).toEqual({
      opensAt: '投票开始时间不能早于当前时间',
    });
  });
  it('F-82 ballots are taken from the start until, not at, the end, whether or not the job closed it', () => {
    const e = { opensAt: at('2026-12-01T00:00:00Z'), closesAt: at('2026-12-02T00:00:00Z'), status: 'open' as const };
    expect(evotePhase(e, at('2026-11-30T23:59:59Z'))).toBe('pending');
    expect(evotePhase(e, at('2026-12-01T00:00:00Z'))).toBe('open');
    expect(evotePhase(e, at('2026-12-02T00:00:00Z'))).toBe('closed');
    expect(evotePhase({ ...e, status: 'closed' }, at('2026-12-01T12:00:00Z'))).toBe('closed');
  });

  it('R-81 the latest ballot of a house counts whatever order the ballots come in', () => {
    expect(latestPerHouse([...three()].reverse()).get(1)?.choice).toBe('abstain');
    expect(latestPerHouse([...three()].reverse()).get(2)?.choice).toBe('oppose');
  });
});
