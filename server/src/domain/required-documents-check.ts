import { REQUIRED_DOC_TYPE_LABELS, type RequiredDocType } from './required-doc-types.ts';

// The checks of F-62 without zod, so the web's 受理 dialog and upload area say exactly what the server says.

/** The required documents not in `received`, in the order of the list. */
export function missingDocuments(required: readonly string[], received: readonly string[]): string[] {
  const got = new Set(received.map((r) => r.trim()));
  return required.filter((name) => !got.has(name));
}

/**
 * F-62 at 受理: the window accepts a request only with every required document of its type in
 * hand. `missing` names what is not ticked (empty = acceptable); `recorded` is the list to keep
 * with the acceptance: the required ones in list order, then any others ticked.
 */
export function checkReceived(
  type: RequiredDocType,
  required: readonly string[],
  received: readonly string[],
): { missing: string[]; message: string | null; recorded: string[] } {
  const missing = missingDocuments(required, received);
  const message = missing.length > 0 ? `${REQUIRED_DOC_TYPE_LABELS[type]}须收齐全部要件才能受理，尚缺：${missing.join('、')}` : null;
  const ticked = [...new Set(received.map((r) => r.trim()).filter((r) => r.length > 0))];
  return { missing, message, recorded: [...required, ...ticked.filter((r) => !required.includes(r))] };
}

/**
 * F-62 on submit: a committee's request goes to the window only with at least one upload for each
 * required document of its type. `uploaded` names the 要件 the uploads are tagged with; `message`
 * names the missing ones in list order (null = complete).
 */
export function checkUploaded(type: RequiredDocType, required: readonly string[], uploaded: readonly string[]) {
  const missing = missingDocuments(required, uploaded);
  const message =
    missing.length > 0 ? `${REQUIRED_DOC_TYPE_LABELS[type]}尚缺要件：${missing.join('、')}。请在“上传要件”中逐项上传后再提交` : null;
  return { missing, message };
}
