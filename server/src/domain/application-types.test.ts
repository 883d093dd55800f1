import { describe, expect, it } from 'vitest';
import { applicationPagePath } from './application-types.ts';

describe('F-60 links to a business application', () => {
  it('F-60 a message links to the type’s page, and to the application itself when it has one', () => {
    expect(applicationPagePath('house_change')).toBe('/registry/house-change');
    expect(applicationPagePath('house_split_merge', 42)).toBe('/registry/split-merge/42');
  });
});
