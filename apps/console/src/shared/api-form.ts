import type { FormInstance } from 'antd';
import { ApiError } from '../app/api';

/**
 * Puts an API error on the form field it names (`/parties/0/usci` → `usci`), so the message shows
 * under the input, and returns the message for an alert above the form.
 */
export function showApiError(
  form: FormInstance,
  error: unknown,
  pick: (m: ApiError['messages']) => string,
): string {
  if (!(error instanceof ApiError)) return String(error);
  const message = pick(error.messages);
  const field = error.field?.split('/').filter(Boolean).pop();
  if (field && form.getFieldInstance(field)) form.setFields([{ name: field, errors: [message] }]);
  return message;
}
