import { Alert, Button, Form, Input } from 'antd';

/**
 * The end of an application's form: its 说明 and 保存并提交 (立项申请, 资金拨付申请). `missing` is what
 * the server would refuse for (the 要件 not yet uploaded, F-62): said here, and the button waits.
 */
export function NoteAndSubmit({ pending, missing = null }: { pending: boolean; missing?: string | null }) {
  return (
    <>
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      {missing && <Alert type="warning" showIcon title={missing} data-testid="missing-documents" style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={pending} disabled={missing !== null}>
        保存并提交
      </Button>
    </>
  );
}
