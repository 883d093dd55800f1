/**
 * Worker entry: parses import files off the main thread so a huge or hostile upload cannot stop the
 * server answering others. Requests carry an id; each gets one answer, a table or a refusal.
 */
import { parentPort } from 'node:worker_threads';
import { type ReadSpec, ReadRefused, readTableNow } from './spreadsheet-read.ts';

parentPort?.on('message', async (msg: { id: number; bytes: Uint8Array; fileName: string; spec: ReadSpec }) => {
  try {
    const table = await readTableNow(msg.bytes, msg.fileName, msg.spec);
    parentPort?.postMessage({ id: msg.id, table });
  } catch (e) {
    const failure =
      e instanceof ReadRefused ? e.failure : { kind: 'file', message: `无法读取文件“${msg.fileName}”：文件已损坏或不是 Excel 文件` };
    parentPort?.postMessage({ id: msg.id, failure });
  }
});
