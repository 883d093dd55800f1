import { describe, expect, it } from 'vitest';
import { MOBILE_PATTERN, PHONE_PATTERN } from './contact.ts';

describe('F-1 F-2 phone and mobile formats', () => {
  it('F-1 a mobile number is 11 digits starting 13–19', () => {
    for (const ok of ['13812345678', '19912345678']) expect(MOBILE_PATTERN.test(ok), ok).toBe(true);
    for (const bad of ['12812345678', '1381234567', '138123456789', 'a13812345678', '13812345678a', '1381234567x'])
      expect(MOBILE_PATTERN.test(bad), bad).toBe(false);
  });

  it('F-1 a contact phone is a landline with or without its dash and extension, or a mobile', () => {
    for (const ok of ['0750-3123456', '07503123456', '020-31234567', '0750-3123456-123456', '13812345678'])
      expect(PHONE_PATTERN.test(ok), ok).toBe(true);
    for (const bad of [
      '750-3123456',
      '0750-312345',
      '0750-312345678',
      '07503-3123456',
      '0750-3123456-1234567',
      '0750-3123456-',
      'x0750-3123456',
      '0750-3123456x',
      '12812345678',
      'x13812345678',
      '13812345678x',
      '0a50-3123456',
      '0750-a123456',
    ])
      expect(PHONE_PATTERN.test(bad), bad).toBe(false);
  });
});
