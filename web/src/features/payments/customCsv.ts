import type { RegistryHouse } from '../../api/types';
import { parseCsv } from '../../lib/csv';
import { parseYuan, plainYuan, YUAN_RULE } from '../../lib/units';

export const CSV_HEADER = ['房屋编号', '楼幢', '单元', '房号', '金额(元)'] as const;

export interface ImportOutcome {
  amounts: Map<number, string>;
  errors: string[];
}

/** 导入 of a .csv: reads the exported file back; every bad row is reported and nothing is applied unless all are good. */
export function importAmounts(text: string, houses: readonly RegistryHouse[]): ImportOutcome {
  return importAmountRows(parseCsv(text), houses);
}

/** The rows of an imported file (.csv or .xlsx) as cell texts, header first. */
export function importAmountRows(rows: readonly (readonly string[])[], houses: readonly RegistryHouse[]): ImportOutcome {
  const errors: string[] = [];
  const amounts = new Map<number, string>();
  const header = rows[0]?.map((c) => c.trim());
  if (!header || CSV_HEADER.some((h, i) => header[i] !== h)) {
    return { amounts, errors: [`第 1 行：表头须为“${CSV_HEADER.join(',')}”，请使用“导出”的文件填写`] };
  }
  const picked = new Map(houses.map((h) => [h.id, h]));
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const idText = (r[0] ?? '').trim();
    const id = /^\d+$/.test(idText) ? Number(idText) : Number.NaN;
    if (!picked.has(id)) {
      errors.push(`第 ${line} 行：房屋编号“${idText}”不是已勾选的房屋`);
      return;
    }
    if (amounts.has(id)) {
      errors.push(`第 ${line} 行：房屋编号 ${id} 重复`);
      return;
    }
    const amountText = (r[4] ?? '').trim();
    const fen = parseYuan(amountText);
    if (!amountText) errors.push(`第 ${line} 行：请填写金额(元)`);
    else if (fen === null) errors.push(`第 ${line} 行：金额“${amountText}”${YUAN_RULE}`);
    else if (fen === 0) errors.push(`第 ${line} 行：金额须大于 0`);
    else amounts.set(id, plainYuan(fen));
  });
  if (rows.length < 2) errors.push('文件中没有房屋行');
  return { amounts, errors };
}
