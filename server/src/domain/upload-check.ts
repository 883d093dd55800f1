import { hasControlCharacters, withoutControlCharacters } from './text-input.ts';

/** registration documents are JPG/JPEG/PNG, at most 1 MB, judged by their bytes. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export const DOCUMENT_RULE = '仅支持 JPG、JPEG、PNG 格式图片，且不能超过 1M';

export type ImageMime = 'image/jpeg' | 'image/png';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffImage(bytes: Uint8Array): ImageMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

const EXTENSIONS = ['jpg', 'jpeg', 'png'];

/** Longer names are refused rather than cut: they are stored and shown as given. */
export const MAX_FILE_NAME_LENGTH = 200;

/** Why an uploaded file's name cannot be kept, naming the file; null when it is fine. */
export function fileNameProblem(fileName: string): string | null {
  if (hasControlCharacters(fileName)) {
    return `文件“${withoutControlCharacters(fileName)}”的名称含有不可见的控制字符，请重命名文件后重新上传`;
  }
  const length = [...fileName].length;
  if (length > MAX_FILE_NAME_LENGTH) {
    return `文件“${[...fileName].slice(0, 30).join('')}…”的名称过长（${length} 个字符），不能超过 ${MAX_FILE_NAME_LENGTH} 个字符，请重命名文件后重新上传`;
  }
  return null;
}

/** Returns the reason a document is refused, naming the file, or null when it is acceptable. */
export function documentProblem(fileName: string, size: number, head: Uint8Array): string | null {
  // Uploads are read only up to just past the limit, so the real size is not known here.
  if (size > MAX_DOCUMENT_BYTES) return `文件“${fileName}”超过 1M，${DOCUMENT_RULE}`;
  if (size === 0) return `文件“${fileName}”是空文件，${DOCUMENT_RULE}`;
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  // A photo saved as .jpg that is really a PNG is still a photo; a renamed PDF is not.
  if (!sniffImage(head) || !EXTENSIONS.includes(ext)) return `文件“${fileName}”不是有效的图片，${DOCUMENT_RULE}`;
  return null;
}
