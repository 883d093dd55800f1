import { describe, expect, it } from 'vitest';
import { documentProblem, fileNameProblem, MAX_DOCUMENT_BYTES, sniffImage } from './upload-check.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const PDF = new TextEncoder().encode('%PDF-1.7');

describe('R-1 upload check', () => {
  it('R-1 recognises PNG and JPEG by their magic bytes only', () => {
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(JPEG)).toBe('image/jpeg');
    expect(sniffImage(PDF)).toBeNull();
    expect(sniffImage(PNG.subarray(0, 4))).toBeNull();
  });

  it('R-1 accepts .jpg, .jpeg and .png files of up to exactly 1 MB', () => {
    expect(documentProblem('a.PNG', MAX_DOCUMENT_BYTES, PNG)).toBeNull();
    expect(documentProblem('b.jpeg', 100, JPEG)).toBeNull();
    expect(documentProblem('c.jpg', 100, PNG)).toBeNull();
  });

  it('R-1 refuses one byte over 1 MB, naming the file and the limit', () => {
    const msg = documentProblem('扫描件.png', MAX_DOCUMENT_BYTES + 1, PNG);
    expect(msg).toContain('扫描件.png');
    expect(msg).toContain('1M');
  });

  it('R-1 refuses other content behind an image name, other extensions, and empty files', () => {
    expect(documentProblem('x.png', 100, PDF)).toContain('不是有效的图片');
    expect(documentProblem('x.gif', 100, PNG)).toContain('x.gif');
    expect(documentProblem('x.png', 0, new Uint8Array())).toContain('空文件');
  });

  it('R-1 the magic bytes are checked byte by byte, and exactly the signature is enough', () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff]))).toBe('image/jpeg');
    expect(sniffImage(new Uint8Array([0x00, 0xd8, 0xff]))).toBeNull();
    expect(sniffImage(new Uint8Array([0xff, 0x00, 0xff]))).toBeNull();
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0x00]))).toBeNull();
    expect(sniffImage(PNG.subarray(0, 8))).toBe('image/png');
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]))).toBeNull();
  });

  it('R-1 a file name with control characters, or of more than 200 characters, is refused by name', () => {
    expect(fileNameProblem('备案\u0000证明.png')).toBe('文件“备案证明.png”的名称含有不可见的控制字符，请重命名文件后重新上传');
    const name200 = `${'图'.repeat(196)}.png`;
    expect(fileNameProblem(name200)).toBeNull();
    expect(fileNameProblem(`图${name200}`)).toBe(
      `文件“${'图'.repeat(30)}…”的名称过长（201 个字符），不能超过 200 个字符，请重命名文件后重新上传`,
    );
    expect(fileNameProblem('扫描件.png')).toBeNull();
  });
});
