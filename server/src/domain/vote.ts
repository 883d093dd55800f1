import { formatArea } from './area.ts';

/**
 * R-42 owners' vote on a repair project (F-42). Areas are integer hundredths of a square metre;
 * every threshold is compared as a cross-multiplication of integers, in BigInt so that no sum of
 * areas can lose precision.
 */
export type VoteRule = 'civil-code-2021' | 'double-two-thirds';
export const DEFAULT_VOTE_RULE: VoteRule = 'civil-code-2021';
export const VOTE_RULE_LABELS: Record<VoteRule, string> = {
  'civil-code-2021': '民法典第二百七十八条（双三分之二参与、双过半同意）',
  'double-two-thirds': '双三分之二同意',
};

export type Choice = 'agree' | 'oppose' | 'abstain';
export const CHOICE_LABELS: Record<Choice, string> = { agree: '同意', oppose: '反对', abstain: '弃权' };

export interface VoteHouse {
  houseId: string;
  areaHundredths: number;
  /**
   * Who owns the house: its owners' ID numbers as one key (see `ownerSetKey`), or 'developer' for
   * the developer's unsold houses.
   */
  ownerKey: string;
}

export interface VoteTotals {
  rangeArea: number;
  rangeOwners: number;
  participatingArea: number;
  participatingOwners: number;
  agreeArea: number;
  agreeOwners: number;
}

export const DEVELOPER_OWNER_KEY = 'developer';

/**
 * the key of a house's owners as a set — the same people recorded in any order, or twice, give
 * the same key, so a co-owned house counts as one owner wherever it appears. ID numbers compare
 * case-insensitively (the check character may be a lower-case x); blanks are left out.
 */
export function ownerSetKey(ids: Iterable<string>): string {
  const set = new Set<string>();
  for (const id of ids) {
    const n = id.trim().toUpperCase();
    if (n !== '') set.add(n);
  }
  return [...set].sort().join(',');
}

/**
 * R-42 owner count: the same owners (the same set of IDs) of several houses count once, and the
 * developer's unsold houses count once together. A house without a known owner cannot be merged
 * with any other, so it counts as an owner of its own.
 */
export function ownerCountKey(house: VoteHouse): string {
  const key = ownerSetKey(house.ownerKey.split(','));
  return key === '' ? `house:${house.houseId}` : `owner:${key}`;
}

/** the number of owners in the range. */
export function countOwners(houses: readonly VoteHouse[]): number {
  return new Set(houses.map(ownerCountKey)).size;
}

/**
 * R-42 totals from the signed sheet, entered house by house. A house missing from `ballots` did not
 * take part; ballots for houses outside the range are ignored (see `ballotsOutsideRange`).
 *
 * Area always counts per house: the participating area is the area of every house that has a
 * ballot (agree, oppose or abstain), the agreeing area that of every house that voted agree.
 *
 * Owners count once (see `ownerCountKey`). An owner took part when any of their houses did. An owner
 * whose houses voted differently counts as agreeing only when the houses that voted agree hold more
 * than half of the area of the houses that voted — the same "more than half of the area" test the
 * Civil Code applies to the whole vote, applied to the owner's own ballots, so that an owner's
 * larger holding decides and no choice of sheet order changes the result. An exact half is not a
 * majority and so not agreement. Should all of the owner's voting houses have zero area, the
 * majority of those houses decides instead.
 */
export function tallyBallots(houses: readonly VoteHouse[], ballots: ReadonlyMap<string, Choice>): VoteTotals {
  checkHouses(houses);
  const owners = new Map<string, { votedArea: bigint; agreeArea: bigint; voted: number; agreed: number }>();
  let rangeArea = 0;
  let participatingArea = 0;
  let agreeArea = 0;
  for (const h of houses) {
    const key = ownerCountKey(h);
    const o = owners.get(key) ?? { votedArea: 0n, agreeArea: 0n, voted: 0, agreed: 0 };
    owners.set(key, o);
    rangeArea += h.areaHundredths;
    const choice = ballots.get(h.houseId);
    if (choice === undefined) continue;
    participatingArea += h.areaHundredths;
    o.votedArea += BigInt(h.areaHundredths);
    o.voted += 1;
    if (choice === 'agree') {
      agreeArea += h.areaHundredths;
      o.agreeArea += BigInt(h.areaHundredths);
      o.agreed += 1;
    }
  }
  let participatingOwners = 0;
  let agreeOwners = 0;
  for (const o of owners.values()) {
    if (o.voted === 0) continue;
    participatingOwners += 1;
    const agrees = o.votedArea > 0n ? 2n * o.agreeArea > o.votedArea : 2 * o.agreed > o.voted;
    if (agrees) agreeOwners += 1;
  }
  return { rangeArea, rangeOwners: owners.size, participatingArea, participatingOwners, agreeArea, agreeOwners };
}

/** F-42: house ids on the entered sheet that are not in the project's range, to show the clerk. */
export function ballotsOutsideRange(houses: readonly VoteHouse[], ballots: ReadonlyMap<string, Choice>): string[] {
  const ids = new Set(houses.map((h) => h.houseId));
  return [...ballots.keys()].filter((id) => !ids.has(id));
}

function checkHouses(houses: readonly VoteHouse[]): void {
  const seen = new Set<string>();
  for (const h of houses) {
    if (seen.has(h.houseId)) throw new RangeError(`tallyBallots: house ${h.houseId} appears twice`);
    seen.add(h.houseId);
    if (!Number.isSafeInteger(h.areaHundredths) || h.areaHundredths < 0) {
      throw new RangeError(`tallyBallots: house ${h.houseId} has an invalid area`);
    }
  }
}

const FIELD_LABELS: Record<keyof VoteTotals, string> = {
  rangeArea: '表决范围总面积',
  rangeOwners: '表决范围总人数',
  participatingArea: '参与表决面积',
  participatingOwners: '参与表决人数',
  agreeArea: '同意面积',
  agreeOwners: '同意人数',
};

/**
 * the problems of totals entered by hand, each naming its field; empty when they are possible.
 * The range must hold someone, and agree ⊆ participating ⊆ range for both area and owners.
 */
export function validateTotals(t: VoteTotals): string[] {
  const problems: string[] = [];
  let wellFormed = true;
  for (const field of Object.keys(FIELD_LABELS) as (keyof VoteTotals)[]) {
    const v = t[field];
    if (!Number.isSafeInteger(v)) {
      problems.push(`${FIELD_LABELS[field]}须为整数${field.endsWith('Area') ? '（面积最多 2 位小数）' : ''}`);
      wellFormed = false;
    } else if (v < 0) {
      problems.push(`${FIELD_LABELS[field]}不能为负数`);
      wellFormed = false;
    }
  }
  if (!wellFormed) return problems;
  if (t.rangeArea === 0) problems.push(`${FIELD_LABELS.rangeArea}须大于零`);
  if (t.rangeOwners === 0) problems.push(`${FIELD_LABELS.rangeOwners}须大于零`);
  if (t.participatingArea > t.rangeArea) {
    problems.push(`参与表决面积 ${m2(t.participatingArea)}超过表决范围总面积 ${m2(t.rangeArea)}`);
  }
  if (t.participatingOwners > t.rangeOwners) {
    problems.push(`参与表决人数 ${t.participatingOwners} 人超过表决范围总人数 ${t.rangeOwners} 人`);
  }
  if (t.agreeArea > t.participatingArea) {
    problems.push(`同意面积 ${m2(t.agreeArea)}超过参与表决面积 ${m2(t.participatingArea)}`);
  }
  if (t.agreeOwners > t.participatingOwners) {
    problems.push(`同意人数 ${t.agreeOwners} 人超过参与表决人数 ${t.participatingOwners} 人`);
  }
  return problems;
}

const m2 = (hundredths: number) => `${formatArea(hundredths)} 平方米`;

/** x ≥ ⅔ y, exactly. */
const atLeastTwoThirds = (x: number, y: number) => 3n * BigInt(x) >= 2n * BigInt(y);
/** x > ½ y, exactly. */
const moreThanHalf = (x: number, y: number) => 2n * BigInt(x) > BigInt(y);

/**
 * whether the totals meet the rule, with one Chinese reason per unmet condition. Impossible
 * totals (see `validateTotals`) never pass; their problems are the reasons.
 *
 * civil-code-2021 (民法典 art. 278: 参与表决 ⅔ 以上 of area and of owners, 同意 过半数 of the
 * participating area and owners): "以上" includes the bound, "过半数" does not.
 * double-two-thirds (物权法 art. 76, the manual's 双2/3): agreeing area and owners ⅔ 以上 of the range.
 */
export function decideVote(rule: VoteRule, t: VoteTotals): { passed: boolean; reasons: string[] } {
  const problems = validateTotals(t);
  if (problems.length > 0) return { passed: false, reasons: problems };
  const reasons: string[] = [];
  if (rule === 'civil-code-2021') {
    if (!atLeastTwoThirds(t.participatingArea, t.rangeArea)) {
      reasons.push(`参与表决的专有部分面积 ${m2(t.participatingArea)}未达到总面积 ${m2(t.rangeArea)}的三分之二`);
    }
    if (!atLeastTwoThirds(t.participatingOwners, t.rangeOwners)) {
      reasons.push(`参与表决的业主 ${t.participatingOwners} 人未达到总人数 ${t.rangeOwners} 人的三分之二`);
    }
    if (!moreThanHalf(t.agreeArea, t.participatingArea)) {
      reasons.push(`同意的专有部分面积 ${m2(t.agreeArea)}未超过参与表决面积 ${m2(t.participatingArea)}的半数`);
    }
    if (!moreThanHalf(t.agreeOwners, t.participatingOwners)) {
      reasons.push(`同意的业主 ${t.agreeOwners} 人未超过参与表决人数 ${t.participatingOwners} 人的半数`);
    }
  } else if (rule === 'double-two-thirds') {
    if (!atLeastTwoThirds(t.agreeArea, t.rangeArea)) {
      reasons.push(`同意的专有部分面积 ${m2(t.agreeArea)}未达到总面积 ${m2(t.rangeArea)}的三分之二`);
    }
    if (!atLeastTwoThirds(t.agreeOwners, t.rangeOwners)) {
      reasons.push(`同意的业主 ${t.agreeOwners} 人未达到总人数 ${t.rangeOwners} 人的三分之二`);
    }
  } else {
    // A rule name from configuration that is neither: refuse rather than guess.
    throw new RangeError(`decideVote: unknown rule ${String(rule)}`);
  }
  return { passed: reasons.length === 0, reasons };
}
