/**
 * Text people may type: everything but the C0 control characters (TAB, LF and CR excepted), DEL,
 * and UTF-16 halves without their partner. PostgreSQL refuses NUL outright; the others only hide
 * text from the reader or break the encoding.
 */
export const CONTROL_CHARACTER_RULE = '含有不可见的控制字符，请删除后重新输入';

export function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** Shows a name with its control characters dropped, so a message can quote it readably. */
export const withoutControlCharacters = (s: string) => [...s].filter((ch) => !hasControlCharacters(ch)).join('');

/**
 * The dotted paths (`rows.0.name`) of every string in a parsed value, object keys included, that
 * holds control characters. Walks without recursion, so deep nesting cannot exhaust the stack.
 */
export function controlCharacterPaths(value: unknown, prefix = ''): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, prefix]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [v, path] = item;
    if (typeof v === 'string') {
      if (hasControlCharacters(v)) found.push(path || '_');
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (hasControlCharacters(k)) found.push(withoutControlCharacters(at) || '_');
        else pending.push([child, at]);
      }
    }
  }
  return found.sort();
}
