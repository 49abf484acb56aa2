import { Alert, type FormInstance, Modal, type ModalProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../app/i18n';
import { showApiError } from './api-form';

/**
 * The submit cycle every form in a modal shares: validate (invalid fields show their own messages),
 * mark busy, send, and on an API error put it on the field it names and above the form.
 */
export function useFormSubmit<Values>(form: FormInstance<Values>) {
  const { pick } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (send: (values: Values) => Promise<void>) => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send(values);
    } catch (e) {
      setError(showApiError(form, e, pick));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** A modal holding a form: OK submits, the error of the last attempt stands above the form. */
export function FormModal({
  busy,
  error,
  onSubmit,
  onClose,
  children,
  ...modal
}: {
  busy: boolean;
  error: string | null;
  onSubmit: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
} & Pick<ModalProps, 'open' | 'title' | 'width' | 'okText'>) {
  return (
    <Modal {...modal} onCancel={onClose} onOk={() => void onSubmit()} confirmLoading={busy} destroyOnHidden>
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="form-error" />
      )}
      {children}
    </Modal>
  );
}
