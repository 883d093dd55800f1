import { idCardCheckChar } from '../domain/id-card.ts';

/** Deterministic stand-ins for owners: the same demo city on every machine. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '陈李黄张梁林吴刘何王郑谭邓冯周罗余许蔡区甄麦伍关司徒'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲嘉俊志文慧颖浩宇晓婷建国家乐美玲少华锦荣'.split('');

export function personName(rand: () => number): string {
  const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)] as string;
  return pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
}

/** A 居民身份证 number with a valid check character, born 1950–2000 in a Jiangmen district. */
export function idNumber(rand: () => number): string {
  const regions = ['440703', '440704', '440705', '440781', '440783', '440784', '440785'];
  const region = regions[Math.floor(rand() * regions.length)] as string;
  const y = 1950 + Math.floor(rand() * 50);
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  const seq = String(Math.floor(rand() * 1000)).padStart(3, '0');
  const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
  return first17 + idCardCheckChar(first17);
}

export function mobile(rand: () => number): string {
  const prefixes = ['135', '137', '138', '139', '150', '186', '188', '189'];
  return (prefixes[Math.floor(rand() * prefixes.length)] as string) + String(Math.floor(rand() * 1e8)).padStart(8, '0');
}
