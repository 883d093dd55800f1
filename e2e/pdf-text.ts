import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF printed by Chromium (Skia/PDF), in drawing order, without spaces between runs.
 * Enough for a test to check that a printed document says what it should, with no PDF tool
 * installed: Skia writes plain (non-stream) objects, Flate-compressed content, and a ToUnicode
 * CMap for every font (Type0 fonts with 2-byte codes, synthetic-bold Type3 fonts with 1-byte codes).
 */
export function pdfText(pdf: Uint8Array): string {
  return pdfPages(pdf)
    .map((page) => `${page}\n`)
    .join('');
}

/**
 * Each printed sheet's text, in page order: what a test needs to count the sheets that come out and
 * to check what stands on the last one.
 */
export function pdfPages(pdf: Uint8Array): string[] {
  const source = Buffer.from(pdf).toString('latin1');
  const objects = new Map<number, { dict: string; data: string }>();
  for (const m of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2] ?? '';
    const streamAt = body.search(/stream\r?\n/);
    const dict = streamAt >= 0 ? body.slice(0, streamAt) : body;
    let data = '';
    if (streamAt >= 0) {
      const raw = Buffer.from(body.slice(body.indexOf('\n', streamAt) + 1, body.lastIndexOf('endstream')), 'latin1');
      data = /\/FlateDecode/.test(dict) ? inflateOrEmpty(raw) : raw.toString('latin1');
    }
    objects.set(Number(m[1]), { dict, data });
  }

  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : undefined;
  };
  const fontOf = (num: number): Font | undefined => {
    const font = objects.get(num);
    if (!font) return undefined;
    const toUnicode = ref(font.dict, 'ToUnicode');
    const cmap = toUnicode === undefined ? '' : (objects.get(toUnicode)?.data ?? '');
    return { bytes: /\/Subtype\s*\/Type0/.test(font.dict) ? 2 : 1, map: parseCmap(cmap) };
  };

  const pages: string[] = [];
  for (const page of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(page.dict)) continue;
    let text = '';
    const fonts = new Map<string, Font | undefined>();
    for (const f of (/\/Font\s*<<([\s\S]*?)>>/.exec(page.dict)?.[1] ?? '').matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) {
      fonts.set(f[1] ?? '', fontOf(Number(f[2])));
    }
    const contents = ref(page.dict, 'Contents');
    const content = contents === undefined ? '' : (objects.get(contents)?.data ?? '');
    let font: Font | undefined;
    for (const op of content.matchAll(/\/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\[([^\]]*)\]\s*TJ/g)) {
      if (op[1] !== undefined) font = fonts.get(op[1]);
      else if (op[2] !== undefined) text += decode(font, op[2]);
      else for (const h of (op[3] ?? '').matchAll(/<([0-9A-Fa-f]*)>/g)) text += decode(font, h[1] ?? '');
    }
    pages.push(text);
  }
  return pages;
}

interface Font {
  bytes: number;
  map: Map<number, string>;
}

function inflateOrEmpty(raw: Buffer): string {
  try {
    return inflateSync(raw).toString('latin1');
  } catch {
    return '';
  }
}

function utf16(hex: string): string {
  return String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((x) => Number.parseInt(x, 16)));
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const p of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(Number.parseInt(p[1] ?? '', 16), utf16(p[2] ?? ''));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const p of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const [lo, hi, first] = [p[1], p[2], p[3]].map((h) => Number.parseInt(h ?? '', 16)) as [number, number, number];
      for (let code = lo; code <= hi; code++) map.set(code, String.fromCodePoint(first + code - lo));
    }
  }
  return map;
}

function decode(font: Font | undefined, hex: string): string {
  if (!font) return '';
  const step = font.bytes * 2;
  let text = '';
  for (let i = 0; i + step <= hex.length; i += step) text += font.map.get(Number.parseInt(hex.slice(i, i + step), 16)) ?? '';
  return text;
}
