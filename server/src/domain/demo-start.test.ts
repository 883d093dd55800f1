import { describe, expect, it } from 'vitest';
import { loadsDemo } from './demo-start.ts';

describe('demo at start', () => {
  it('§10 demo data: the embedded database loads the demo unless started empty', () => {
    expect(loadsDemo({ postgres: false, demoAsked: false, emptyAsked: false })).toBe(true);
    expect(loadsDemo({ postgres: false, demoAsked: false, emptyAsked: true })).toBe(false);
  });
  it('§10 demo data: a PostgreSQL server loads the demo only when asked explicitly', () => {
    expect(loadsDemo({ postgres: true, demoAsked: false, emptyAsked: false })).toBe(false);
    expect(loadsDemo({ postgres: true, demoAsked: true, emptyAsked: false })).toBe(true);
    expect(loadsDemo({ postgres: true, demoAsked: true, emptyAsked: true })).toBe(false);
  });
});
