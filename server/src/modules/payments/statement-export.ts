import { newWorkbook } from '../../lib/xlsx-export.ts';
import { formatYuan } from '../../domain/money.ts';
import type { houseStatement } from './statement.ts';

const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' });

/** The statement as .xlsx; amounts are written as text in yuan so no spreadsheet rounding touches them. */
export async function statementWorkbook(rows: Awaited<ReturnType<typeof houseStatement>>): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('分户账明细');
  ws.columns = [
    { header: '日期', width: 20 },
    { header: '类型', width: 14 },
    { header: '业务号', width: 24 },
    { header: '说明', width: 30 },
    { header: '发生额（元）', width: 16 },
    { header: '余额（元）', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow([CHINA_TIME.format(r.at), r.kindLabel, r.reference, r.memo, formatYuan(r.amount), formatYuan(r.balance)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
