import { Alert } from 'antd';
import { errorMessage } from '../lib/serverErrors';

/** The server's message above a form it refused; the field messages sit under their fields. */
export function FormErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? errorMessage(error)}
      description={title ? errorMessage(error) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
