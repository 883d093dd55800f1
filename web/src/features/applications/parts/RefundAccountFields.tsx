import { Col, Form, Input, Row } from 'antd';

/** 退款账户: 户名, 开户银行, 账号 — under `prefix` in the surrounding form. */
export function RefundAccountFields({ prefix }: { prefix: (string | number)[] }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name={[...prefix, 'accountName']} label="户名" rules={[{ required: true, whitespace: true, message: '请填写户名' }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={[...prefix, 'bank']} label="开户银行" rules={[{ required: true, whitespace: true, message: '请填写开户银行' }]}>
          <Input maxLength={60} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={[...prefix, 'accountNo']}
          label="账号"
          rules={[
            { required: true, whitespace: true, message: '请填写账号' },
            { pattern: /^\d{8,30}$/, message: '银行账号须为 8–30 位数字' },
          ]}
        >
          <Input maxLength={30} inputMode="numeric" />
        </Form.Item>
      </Col>
    </Row>
  );
}
