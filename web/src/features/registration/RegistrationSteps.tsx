import { Steps } from 'antd';

/** Where the user is in the manual's registration steps. */
export function RegistrationSteps({ current }: { current: 0 | 1 | 2 }) {
  return (
    <Steps
      current={current}
      style={{ marginBottom: 24 }}
      items={[{ title: '选择注册类型' }, { title: '填写注册信息并上传要件' }, { title: '完成注册' }]}
    />
  );
}
