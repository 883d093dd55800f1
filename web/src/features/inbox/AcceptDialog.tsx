import { Checkbox, Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { LoadingOrError } from '../../components/LoadingOrError';
import { useFormMutation } from '../../lib/useFormMutation';
import { type RequiredDocType, useRequiredDocuments } from '../required-documents/api';
import { REQUIRED_DOC_TYPE_LABELS } from '../../../../server/src/domain/required-doc-types.ts';
import { checkReceived } from '../../../../server/src/domain/required-documents-check.ts';
import { SubmittedDocuments, type SubmittedUpload } from '../../components/SubmittedDocuments';

interface Values {
  received: string[];
  note: string;
}

export interface AcceptDialogProps<T> {
  /** Whose list of 要件 the window checks (F-62). */
  docType: RequiredDocType;
  /** The list kept with the request at its submission; null for one submitted before lists were kept. */
  kept: string[] | null;
  /** What is accepted, above the checklist. */
  intro: ReactNode;
  submit: (note: string, received: string[]) => Promise<T>;
  /** The committee's or developer's uploads, shown beside the checklist; undefined while read, null when the role may not read them. */
  uploads?: readonly SubmittedUpload[] | null;
  onClose: () => void;
  onDone: (result: T) => void;
}

/**
 * 受理 at the window (F-60, F-62), for registry applications and project requests alike: the
 * required documents as a checklist with 全部已收, and an optional note. Nothing missing may be
 * left unticked — the page says which, and the server refuses the same way.
 */
export function AcceptDialog<T>({ docType, kept, intro, submit, uploads, onClose, onDone }: AcceptDialogProps<T>) {
  const [form] = Form.useForm<Values>();
  // The list kept at submission, since a change to 要件设置 applies only to what is submitted after it
  // (F-62); the list in force only for a request submitted before lists were kept.
  const list = useRequiredDocuments(kept ? undefined : docType);
  const documents = kept ?? list.data?.documents;
  const label = REQUIRED_DOC_TYPE_LABELS[docType];
  const mutation = useFormMutation(form, (v: Values) => submit((v.note ?? '').trim(), v.received ?? []), { onSuccess: onDone });
  const missingRule = {
    validator: (_: unknown, value?: string[]) => {
      // The server's own check (F-62), so the page refuses with the same words.
      const { message } = checkReceived(docType, documents ?? [], value ?? []);
      return message === null ? Promise.resolve() : Promise.reject(new Error(message));
    },
  };
  return (
    <Modal
      open
      title="受理"
      okText="受理"
      cancelText="取消"
      onOk={() => form.submit()}
      okButtonProps={{ disabled: !documents }}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
      width={720}
    >
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <FormErrorAlert error={mutation.error} />
      {documents && uploads !== null && (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
            已上传的要件
          </Typography.Text>
          {uploads ? (
            <SubmittedDocuments required={documents} uploads={uploads} />
          ) : (
            <Typography.Text type="secondary">读取中…</Typography.Text>
          )}
        </div>
      )}
      {documents ? (
        <Form<Values> form={form} layout="vertical" initialValues={{ received: [], note: '' }} onFinish={mutation.onFinish}>
          {documents.length > 0 ? (
            <Form.Item label={`收到的要件（${label}）`} required>
              {/* Re-rendered with the store (not a watch, which lags a render): 全部已收 shows at once what the ticks add up to. */}
              <Form.Item noStyle shouldUpdate={(before, after) => before.received !== after.received}>
                {() => {
                  const received: string[] = form.getFieldValue('received') ?? [];
                  const all = documents.every((d) => received.includes(d));
                  const some = documents.some((d) => received.includes(d));
                  return (
                    <Checkbox
                      checked={all}
                      indeterminate={some && !all}
                      onChange={(e) => {
                        form.setFieldValue('received', e.target.checked ? documents : []);
                        // A refusal shown earlier goes (or stays) as the ticks now say.
                        if (form.getFieldError('received').length > 0) form.validateFields(['received']).catch(() => undefined);
                      }}
                      style={{ marginBottom: 6 }}
                    >
                      全部已收
                    </Checkbox>
                  );
                }}
              </Form.Item>
              <Form.Item name="received" noStyle rules={[missingRule]}>
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6, paddingInlineStart: 24 }} options={documents} />
              </Form.Item>
            </Form.Item>
          ) : (
            <Typography.Paragraph type="secondary">{label}无需核对要件。</Typography.Paragraph>
          )}
          <Form.Item name="note" label="受理备注" extra="如原件核验情况、补充材料（选填）">
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </Form>
      ) : (
        <LoadingOrError query={list} />
      )}
    </Modal>
  );
}
