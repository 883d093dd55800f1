import { Alert, Button, Card, Descriptions, Result } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { RegistrationResult } from '../../api/types';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { RegistrationSteps } from './RegistrationSteps';
import { PAPER_DOCUMENTS_REMINDER } from './reminders';

function isRegistrationResult(value: unknown): value is RegistrationResult {
  return typeof value === 'object' && value !== null && 'registrationNo' in value && 'code' in value;
}

/** The login page, prefilled with the new account, optionally continuing to another page. */
function loginUrl(result: RegistrationResult, next?: string) {
  const params = new URLSearchParams({ orgCode: result.code, username: result.adminUsername });
  if (next) params.set('next', next);
  return `/login?${params}`;
}

/** Manual §1.1 第五步: 提示注册成功通知，可直接点击登录，申办业务 — and 第六步's reminder. */
export function RegistrationSuccessPage() {
  useDocumentTitle('注册成功');
  const { state } = useLocation();
  const navigate = useNavigate();
  if (!isRegistrationResult(state)) return <Navigate to="/register" replace />;
  if (state.status === 'pending') return <HandoverRequested result={state} />;
  return (
    <Card>
      <RegistrationSteps current={2} />
      <Result
        status="success"
        title="注册成功"
        subTitle={`${state.name}已完成注册，现在即可登录平台申办业务。`}
        extra={[
          <Button key="login" type="primary" size="large" onClick={() => navigate(loginUrl(state))}>
            登录
          </Button>,
          <Button key="print" size="large" onClick={() => navigate(loginUrl(state, '/print/registration'))}>
            打印注册登记表
          </Button>,
        ]}
      >
        <RegistrationFacts result={state} note={`${PAPER_DOCUMENTS_REMINDER}打印注册登记表需先登录。`} />
      </Result>
    </Card>
  );
}

/** An area that already has a committee: the registration is a 换届申请 the office decides first. */
function HandoverRequested({ result }: { result: RegistrationResult }) {
  return (
    <Card>
      <RegistrationSteps current={2} />
      <Result
        status="info"
        title="换届申请已提交"
        subTitle={`该物业区域已有业主委员会，${result.name}的注册作为换届申请提交维修资金管理部门审核，审核通过后方可登录。`}
      >
        <RegistrationFacts result={result} note="请携带业主大会换届决议、备案证明等纸质材料到维修资金管理部门办理换届审核。" />
      </Result>
    </Card>
  );
}

/** What the new organisation needs to keep: its login, its administrator and its registration number. */
function RegistrationFacts({
  result,
  note,
}: {
  result: Pick<RegistrationResult, 'code' | 'adminUsername' | 'registrationNo'>;
  note: string;
}) {
  return (
    <>
      <Descriptions column={1} bordered size="small" style={{ maxWidth: 560, margin: '0 auto 16px' }}>
        <Descriptions.Item label="机构代码（登录账号）">{result.code}</Descriptions.Item>
        <Descriptions.Item label="管理员用户名">{result.adminUsername}</Descriptions.Item>
        <Descriptions.Item label="注册编号">{result.registrationNo}</Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon style={{ maxWidth: 560, margin: '0 auto' }} title="请注意" description={note} />
    </>
  );
}
