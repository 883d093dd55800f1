import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Result, Table, Tag, Typography } from 'antd';
import { api, call } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';

type Breach = ApiResponse<'/api/office/ledger-check', 'post'>['breaches'][number];

const RULES: Record<Breach['rule'], string> = {
  'R-20': '借贷平衡：每笔记账分录合计须为零',
  'R-21': '余额：分户账余额不得为负，且与分录合计一致',
};

/** 分户账核查 (F-65): runs the ledger invariants over every account and lists any breach. */
export function LedgerCheckPage() {
  const check = useMutation({ mutationFn: () => call(api.POST('/api/office/ledger-check')) });
  const r = check.data;
  return (
    <Page title="分户账核查">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          核查全部分户账：每笔资金记账的借贷分录合计为零；每户余额不为负，且与其全部分录之和一致。
        </Typography.Paragraph>
        <div>
          <Button type="primary" icon={<SafetyCertificateOutlined aria-hidden />} loading={check.isPending} onClick={() => check.mutate()}>
            开始核查
          </Button>
        </div>
        {check.isError && <Alert type="error" showIcon role="alert" title={errorMessage(check.error)} />}
        {r &&
          (r.breaches.length === 0 ? (
            <Result
              status="success"
              title="未发现问题"
              subTitle={`核查时间 ${formatDateTime(r.checkedAt)}，用时 ${r.millis} 毫秒；全部分户账借贷平衡、余额一致。`}
            />
          ) : (
            <>
              <Alert
                type="error"
                showIcon
                title={`发现 ${r.breaches.length} 处问题`}
                description={`核查时间 ${formatDateTime(r.checkedAt)}，用时 ${r.millis} 毫秒。请联系系统管理员核实并以冲正方式更正。`}
              />
              <Table<Breach>
                rowKey={(b, i) => `${b.rule}-${b.what}-${b.id}-${i}`}
                size="middle"
                dataSource={r.breaches}
                pagination={{ pageSize: 50 }}
                columns={[
                  {
                    title: '规则',
                    dataIndex: 'rule',
                    width: 340,
                    render: (rule: Breach['rule']) => (
                      <>
                        <Tag color="red">{rule}</Tag>
                        {RULES[rule]}
                      </>
                    ),
                  },
                  { title: '对象', dataIndex: 'what', width: 120 },
                  { title: '编号', dataIndex: 'id', width: 100 },
                  { title: '说明', dataIndex: 'detail' },
                ]}
              />
            </>
          ))}
      </Flex>
    </Page>
  );
}
