import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** The sentence to show a user for any failure: the server's Chinese message when there is one. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.body.message;
  if (err instanceof TypeError) return '无法连接服务器，请检查网络后重试';
  return '操作失败，请稍后再试';
}

/** The registered field whose name is `key` or the longest prefix of it (`roles.0` → `roles`). */
function matchingField(registered: string[][], key: string): string[] | undefined {
  const path = key.split('.');
  for (let n = path.length; n > 0; n--) {
    const prefix = path.slice(0, n).join('.');
    const hit = registered.find((name) => name.join('.') === prefix);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Puts the server's `fieldErrors` under the matching fields of an antd Form and scrolls to the
 * first one. Returns how many fields received a message.
 */
export function showFieldErrors(form: FormInstance, err: unknown): number {
  if (!(err instanceof ApiError) || !err.body.fieldErrors) return 0;
  const registered = form.getFieldsError().map((f) => f.name.map(String));
  const fields: { name: string[]; errors: string[] }[] = [];
  for (const [key, message] of Object.entries(err.body.fieldErrors)) {
    const name = matchingField(registered, key);
    if (name) fields.push({ name, errors: [message] });
  }
  form.setFields(fields);
  const first = fields[0];
  if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
  return fields.length;
}
