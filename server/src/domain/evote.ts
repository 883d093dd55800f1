import { createHash } from 'node:crypto';
import type { Choice } from './vote.ts';

/**
 * F-82 electronic vote and R-82 ballot integrity, as pure functions: the voting period, the hash
 * chain over the ballots and the receipt code an owner keeps.
 */

/** The longest voting period the committee may set. */
export const MAX_EVOTE_DAYS = 60;
const DAY_MS = 86_400_000;

/** F-82: the period's problems, each naming its field; empty when the period may be opened. */
export function periodProblems(opensAt: Date, closesAt: Date, now: Date): Record<string, string> {
  const problems: Record<string, string> = {};
  if (closesAt.getTime() <= opensAt.getTime()) problems.closesAt = '投票结束时间须晚于开始时间';
  else if (closesAt.getTime() <= now.getTime()) problems.closesAt = '投票结束时间须晚于当前时间';
  else if (closesAt.getTime() - opensAt.getTime() > MAX_EVOTE_DAYS * DAY_MS) {
    problems.closesAt = `投票期最长 ${MAX_EVOTE_DAYS} 天，请缩短投票期`;
  }
  // A start a little in the past (the page's "now") is fine; a start days ago is a typing slip.
  if (opensAt.getTime() < now.getTime() - DAY_MS) problems.opensAt = '投票开始时间不能早于当前时间';
  return problems;
}

/** Whether ballots are taken at `now`: from the start (inclusive) until the end (exclusive), never after. */
export function evotePhase(e: { opensAt: Date; closesAt: Date; status: 'open' | 'closed' }, now: Date): 'pending' | 'open' | 'closed' {
  if (e.status === 'closed' || now.getTime() >= e.closesAt.getTime()) return 'closed';
  if (now.getTime() < e.opensAt.getTime()) return 'pending';
  return 'open';
}

export interface ChainBallot {
  seq: number;
  evoteId: number;
  houseId: number;
  ownerId: number;
  choice: Choice;
  castAt: Date;
}

/** the chain of an e-vote starts from a hash of its id, so no chain can be spliced into another. */
export const genesisHash = (evoteId: number) => sha256(`wygl-evote:${evoteId}`);

/** the fields a ballot's hash covers, in one fixed text form. */
export const canonicalBallot = (b: ChainBallot) => [b.evoteId, b.seq, b.houseId, b.ownerId, b.choice, b.castAt.toISOString()].join('|');

/** hash = sha256(previous hash ‖ canonical ballot). */
export const ballotHash = (prevHash: string, b: ChainBallot) => sha256(`${prevHash}|${canonicalBallot(b)}`);

/** the owner's receipt — the first 12 hex digits of the ballot's hash, upper case, in groups of four. */
export const receiptCode = (hash: string) => {
  const h = hash.slice(0, 12).toUpperCase();
  return `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}`;
};

/** A receipt as typed: spaces, dashes and case do not matter. Null when it cannot be a receipt. */
export function normaliseReceipt(input: string): string | null {
  const h = input.replace(/[\s\-－—_]/g, '').toUpperCase();
  if (!/^[0-9A-F]{12}$/.test(h)) return null;
  return `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}`;
}

export interface StoredBallot extends ChainBallot {
  id: number;
  prevHash: string;
  hash: string;
  receiptCode: string;
}

export interface ChainCheck {
  valid: boolean;
  checked: number;
  /** The last hash of the chain as stored (the genesis hash without ballots). */
  finalHash: string;
  broken: { ballotId: number; seq: number; houseId: number; problem: string }[];
}

/**
 * walks an e-vote's ballots in chain order and reports every ballot that does not follow:
 * a row whose fields were changed no longer matches its hash, a removed or reordered row breaks
 * the next row's link, a gap in the sequence shows a removed row.
 */
export function checkChain(evoteId: number, ballots: readonly StoredBallot[]): ChainCheck {
  const broken: ChainCheck['broken'] = [];
  let prev = genesisHash(evoteId);
  let expectedSeq = 1;
  for (const b of ballots) {
    const problems: string[] = [];
    if (b.evoteId !== evoteId) problems.push('不属于本次电子投票');
    if (b.seq !== expectedSeq) problems.push(`序号应为 ${expectedSeq}，实为 ${b.seq}（有记录缺失或顺序被改动）`);
    if (b.prevHash !== prev) problems.push('与上一张选票的哈希不相连');
    if (ballotHash(b.prevHash, b) !== b.hash) problems.push('选票内容与其哈希不符（记录被改动）');
    if (receiptCode(b.hash) !== b.receiptCode) problems.push('回执码与哈希不符');
    if (problems.length > 0) broken.push({ ballotId: b.id, seq: b.seq, houseId: b.houseId, problem: problems.join('；') });
    prev = b.hash;
    expectedSeq = b.seq + 1;
  }
  return { valid: broken.length === 0, checked: ballots.length, finalHash: prev, broken };
}

/** the ballot that counts for each house — the latest one (highest sequence number). */
export function latestPerHouse<T extends { houseId: number; seq: number }>(ballots: readonly T[]): Map<number, T> {
  const latest = new Map<number, T>();
  for (const b of ballots) {
    const seen = latest.get(b.houseId);
    if (!seen || seen.seq < b.seq) latest.set(b.houseId, b);
  }
  return latest;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
