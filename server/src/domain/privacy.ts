import { maskIdNumber } from './id-card.ts';
import type { OrgType } from './roles.ts';

/**
 * SPEC §10 privacy by default: how much of an owner's ID number and phone a reader gets.
 * `full` — the developer who registers owners and the office that reviews them;
 * `masked` — a committee whose paper documents the office has verified (one owner at a time it may
 *   ask for the full values, which is audit-logged);
 * `hidden` — an unverified committee and everyone else: names only.
 */
export type PersonalDataView = 'full' | 'masked' | 'hidden';

export function personalDataView(orgType: OrgType, committeeVerified: boolean): PersonalDataView {
  if (orgType === 'office' || orgType === 'developer') return 'full';
  if (orgType === 'committee') return committeeVerified ? 'masked' : 'hidden';
  return 'hidden';
}

/** 138****5678: the carrier prefix and the last four digits, enough to recognise one's own number. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length === 0) return '';
  if (p.length <= 7) return `${p.slice(0, 1)}${'*'.repeat(p.length - 1)}`;
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}

/** ID numbers and phones shown in the view's form; an empty value stays empty. */
export function presentIdNumber(id: string, view: PersonalDataView): string {
  if (view === 'full' || id === '') return id;
  return view === 'masked' ? maskIdNumber(id) : '';
}

export function presentPhone(phone: string, view: PersonalDataView): string {
  if (view === 'full' || phone === '') return phone;
  return view === 'masked' ? maskPhone(phone) : '';
}

const ID_KEYS = new Set(['idNumber', 'payerIdNumber', 'ownerIdNumber']);
const PHONE_KEYS = new Set(['phone', 'payerPhone', 'ownerPhone']);

/**
 * Recorded before/after snapshots (house history) carry owners' ID numbers and phones anywhere in
 * their structure; every such field is presented in the view's form, the rest is kept as it is.
 */
export function presentPersonalFields(value: unknown, view: PersonalDataView): unknown {
  if (view === 'full') return value;
  if (Array.isArray(value)) return value.map((v) => presentPersonalFields(v, view));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (typeof v === 'string' && ID_KEYS.has(k)) return [k, presentIdNumber(v, view)];
      if (typeof v === 'string' && PHONE_KEYS.has(k)) return [k, presentPhone(v, view)];
      return [k, presentPersonalFields(v, view)];
    }),
  );
}
