/**
 * R-1 checked in the browser before anything is sent: JPG/JPEG/PNG only, at most 1 MB, judged by
 * the file's first bytes as well as its name. The server checks the same again and has the last word.
 */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export const ACCEPTED_EXTENSIONS = ['jpg', 'jpeg', 'png'];
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(',');

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: number[]) {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

/** Why the file cannot be a registration document, naming it, or null when it can. */
export async function documentProblem(file: File, rule: string): Promise<string | null> {
  if (file.size > MAX_DOCUMENT_BYTES) return `文件“${file.name}”超过 1M（${(file.size / 1048576).toFixed(2)}M），${rule}`;
  if (file.size === 0) return `文件“${file.name}”是空文件，${rule}`;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const isImage = startsWith(head, PNG_SIGNATURE) || startsWith(head, JPEG_SIGNATURE);
  if (!isImage || !ACCEPTED_EXTENSIONS.includes(extension)) return `文件“${file.name}”不是有效的图片，${rule}`;
  return null;
}
