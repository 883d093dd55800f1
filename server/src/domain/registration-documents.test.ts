import { describe, expect, it } from 'vitest';
import { documentsFor } from './registration-documents.ts';

describe('F-1 registration documents', () => {
  it('F-1 a committee uploads its filing and its director’s ID, its code certificate if it has one; a developer three required documents', () => {
    expect(documentsFor('committee').map((d) => [d.kind, d.required])).toEqual([
      ['filing', true],
      ['orgCodeCert', false],
      ['directorId', true],
    ]);
    expect(documentsFor('developer').map((d) => [d.kind, d.required])).toEqual([
      ['businessLicence', true],
      ['qualification', true],
      ['legalRepId', true],
    ]);
    expect(documentsFor('committee').map((d) => d.label)).toEqual(['业主委员会备案证明', '组织机构代码证（如有）', '业主委员会主任身份证']);
    expect(documentsFor('developer').map((d) => d.label)).toEqual(['营业执照', '房地产开发资质证书', '法定代表人身份证']);
  });

  it('F-1 the office and banks do not register themselves and upload nothing', () => {
    expect(documentsFor('office')).toEqual([]);
    expect(documentsFor('bank')).toEqual([]);
  });
});
