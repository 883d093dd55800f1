import { Button, Form, Input } from 'antd';

/** The end of an application's form: its 说明 and 保存并提交 (立项申请, 资金拨付申请). */
export function NoteAndSubmit({ pending }: { pending: boolean }) {
  return (
    <>
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending}>
        保存并提交
      </Button>
    </>
  );
}
