import { Alert } from 'antd';
import { ApiError } from '../api/client';
import { errorMessage } from '../lib/serverErrors';

/**
 * The server's message above a form it refused; the field messages sit under their fields. The rule
 * that refused, when the server names one, is kept in `data-rule` for tests and support, not shown.
 */
export function FormErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-rule={error instanceof ApiError ? error.body.rule : undefined}
      title={title ?? errorMessage(error)}
      description={title ? errorMessage(error) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
