import { describe, expect, it } from 'vitest';
import { controlCharacterPaths, hasControlCharacters, withoutControlCharacters } from './text-input.ts';

describe('§10 text input', () => {
  it('§10 input: finds C0 controls, DEL and lone surrogates; tab, line breaks and real pairs are text', () => {
    for (const bad of ['\u0000', 'a\u0001', '\u001b[0m', '\u007f', 'x\ud800', '\udc00y', '\ud83d'])
      expect(hasControlCharacters(bad), JSON.stringify(bad)).toBe(true);
    for (const good of ['', '江门\t市\r\n', '😀 表情', '\u00a0全角　空格', '€'])
      expect(hasControlCharacters(good), JSON.stringify(good)).toBe(false);
    expect(withoutControlCharacters('备案\u0000证明.png')).toBe('备案证明.png');
  });

  it('§10 input: names the dotted path of every bad string, keys included, without recursion limits', () => {
    const value = { name: 'ok', rows: [{ a: 'x' }, { a: 'y\u0000' }], 'k\u0001': 1, deep: { list: ['\u007f'] } };
    expect(controlCharacterPaths(value)).toEqual(['deep.list.0', 'k', 'rows.1.a']);
    expect(controlCharacterPaths('\u0000')).toEqual(['_']);
    let nested: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) nested = [nested];
    expect(controlCharacterPaths(nested)).toHaveLength(1);
  });

  it('§10 input: the surrogate ranges are checked at their edges, and characters above them are text', () => {
    for (const bad of ['\ud800a', '\ud800\ue000', '\udbff', '\udfff', 'a\udbffb'])
      expect(hasControlCharacters(bad), JSON.stringify(bad)).toBe(true);
    for (const good of ['\ud800\udc00', '\udbff\udfff', '\ud7ff', '\ue000', '，', '\uffff'])
      expect(hasControlCharacters(good), JSON.stringify(good)).toBe(false);
  });

  it('§10 input: null and numbers in a parsed value are passed over', () => {
    expect(controlCharacterPaths({ a: null, b: 5, c: [null, 'ok'], d: true })).toEqual([]);
    // A key of nothing but control characters still gets a name to point at.
    expect(controlCharacterPaths({ '\u0001': 'x' })).toEqual(['_']);
  });
});
