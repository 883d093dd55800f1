import { useMutation } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { showFieldErrors } from './serverErrors';

/**
 * A form's submit as a mutation: while it runs `isPending` is true; when the server refuses,
 * its field errors appear under the fields and `error` holds the whole answer for a
 * `<FormErrorAlert>`.
 */
export function useFormMutation<Values, Result>(
  form: FormInstance<Values>,
  mutationFn: (values: Values) => Promise<Result>,
  options: { onSuccess?: (result: Result, values: Values) => void } = {},
) {
  const mutation = useMutation({
    mutationFn,
    onSuccess: options.onSuccess,
    onError: (err) => showFieldErrors(form, err),
  });
  return { ...mutation, onFinish: (values: Values) => mutation.mutate(values) };
}
