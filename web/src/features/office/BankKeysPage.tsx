import { KeyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { allows } from '../../lib/actions';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';

type KeyList = ApiResponse<'/api/office/bank-keys', 'get'>;
type BankKey = KeyList['items'][number];
type Issued = ApiResponse<'/api/office/bank-keys', 'post'>;

const KEYS = ['office', 'bank-keys'] as const;

/**
 * 系统管理 › 银行接口密钥 (F-71, §10): the office issues each custodian bank's system its key,
 * rotates it and revokes it. A secret is shown once, when issued or rotated, and never again.
 */
export function BankKeysPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: KEYS, queryFn: () => call(api.GET('/api/office/bank-keys')) });
  const [bankOrgId, setBankOrgId] = useState<number>();
  const [shown, setShown] = useState<(Issued & { rotated: boolean }) | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (what: string, action: () => Promise<unknown>) => {
    setBusy(what);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: KEYS });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const issue = (id: number) =>
    run('issue', async () => setShown({ ...(await call(api.POST('/api/office/bank-keys', { body: { bankOrgId: id } }))), rotated: false }));
  const rotate = (keyId: string) =>
    run(keyId, async () =>
      setShown({ ...(await call(api.POST('/api/office/bank-keys/{keyId}/rotate', { params: { path: { keyId } } }))), rotated: true }),
    );
  const revoke = (keyId: string) =>
    run(keyId, async () => {
      await call(api.POST('/api/office/bank-keys/{keyId}/revoke', { params: { path: { keyId } } }));
      message.success(`接口密钥 ${keyId} 已吊销`);
    });
  const setCustodian = (id: number) =>
    run('custodian', async () => {
      await call(api.PUT('/api/office/custodian-bank', { body: { bankOrgId: id } }));
      message.success('已设置专户开户银行');
    });

  if (!list.data) {
    return (
      <Page title="银行接口密钥">
        <LoadingOrError query={list} />
      </Page>
    );
  }
  const { banks, items, custodianBankId } = list.data;
  const bankOptions = banks.map((b) => ({ value: b.id, label: `${b.name}（${b.code}）${b.status === 'suspended' ? ' · 已暂停' : ''}` }));
  const custodian = banks.find((b) => b.id === custodianBankId);

  return (
    <Page title="银行接口密钥">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          专户银行的业务系统凭接口密钥（密钥编号 + 密钥）签名调用交款、退款、划转确认接口。密钥只在签发或轮换时显示一次，请当场复制，
          经安全渠道交给银行；轮换后原密钥在 24 小时内仍可使用，便于银行切换；吊销立即生效。建议每年轮换一次。
        </Typography.Paragraph>
        {banks.length === 0 ? (
          <Alert type="info" showIcon title="平台尚无专户银行机构，无法签发密钥。" />
        ) : (
          <>
            <Flex gap={12} align="center" wrap>
              <span>专户开户银行：</span>
              <Select
                aria-label="专户开户银行"
                style={{ minWidth: 320 }}
                placeholder="请选择保管维修资金专户的银行"
                value={custodianBankId ?? undefined}
                options={bankOptions}
                loading={busy === 'custodian'}
                onChange={(id: number) => setCustodian(id)}
              />
              <Typography.Text type="secondary">
                {custodian ? '只有该行能确认交款、退款与划转。' : '尚未指定：有多家银行时，确认前须先指定。'}
              </Typography.Text>
            </Flex>
            <Flex gap={12} align="center" wrap>
              <span>签发密钥：</span>
              <Select
                aria-label="签发密钥的银行"
                style={{ minWidth: 320 }}
                placeholder="请选择银行"
                value={bankOrgId}
                options={bankOptions}
                onChange={setBankOrgId}
              />
              <Button
                type="primary"
                icon={<KeyOutlined aria-hidden />}
                disabled={bankOrgId === undefined}
                loading={busy === 'issue'}
                onClick={() => bankOrgId !== undefined && issue(bankOrgId)}
              >
                签发
              </Button>
            </Flex>
          </>
        )}
        <Table<BankKey>
          rowKey="keyId"
          size="middle"
          pagination={false}
          dataSource={items}
          locale={{ emptyText: '尚未签发接口密钥' }}
          columns={[
            { title: '密钥编号', dataIndex: 'keyId', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
            { title: '银行', dataIndex: 'bankName' },
            { title: '签发时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
            { title: '最近轮换', dataIndex: 'rotatedAt', width: 170, render: (d: string | null) => (d ? formatDateTime(d) : '—') },
            { title: '最近使用', dataIndex: 'lastUsedAt', width: 170, render: (d: string | null) => (d ? formatDateTime(d) : '未使用') },
            {
              title: '状态',
              key: 'status',
              width: 200,
              render: (_: unknown, k: BankKey) =>
                k.status === 'revoked' ? (
                  <Tag>已吊销</Tag>
                ) : (
                  <Space size={4} wrap>
                    <Tag color="success">有效</Tag>
                    {k.previousUntil && <Typography.Text type="secondary">原密钥可用至 {formatDateTime(k.previousUntil)}</Typography.Text>}
                  </Space>
                ),
            },
            {
              title: '操作',
              key: 'actions',
              width: 150,
              render: (_: unknown, k: BankKey) =>
                k.actions.some((a) => a.allowed) && (
                  <Space>
                    {allows(k, 'rotate') && (
                      <Popconfirm
                        title="轮换密钥？"
                        description="将生成新密钥，原密钥 24 小时后停用。"
                        okText="轮换"
                        cancelText="取消"
                        onConfirm={() => rotate(k.keyId)}
                      >
                        <Button size="small" loading={busy === k.keyId}>
                          轮换
                        </Button>
                      </Popconfirm>
                    )}
                    {allows(k, 'revoke') && (
                      <Popconfirm
                        title="吊销密钥？"
                        description="吊销后该密钥立即不能再调用接口。"
                        okText="吊销"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={() => revoke(k.keyId)}
                      >
                        <Button size="small" danger>
                          吊销
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Flex>
      <Modal
        open={shown !== null}
        title={shown?.rotated ? '接口密钥已轮换' : '接口密钥已签发'}
        onCancel={() => setShown(null)}
        footer={
          <Button type="primary" onClick={() => setShown(null)}>
            我已妥善保存
          </Button>
        }
        maskClosable={false}
        destroyOnHidden
      >
        {shown && (
          <Flex vertical gap={12}>
            <Alert type="warning" showIcon title="密钥只显示这一次，关闭后无法再查看。请立即复制，并经安全渠道交给银行。" />
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label="银行">{shown.bankName}</Descriptions.Item>
              <Descriptions.Item label="密钥编号">
                <Typography.Text copyable>{shown.keyId}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="密钥">
                <Typography.Text code copyable={{ text: shown.secret }} data-testid="bank-key-secret">
                  {shown.secret}
                </Typography.Text>
              </Descriptions.Item>
              {shown.previousUntil && (
                <Descriptions.Item label="原密钥可用至">{formatDateTime(String(shown.previousUntil))}</Descriptions.Item>
              )}
            </Descriptions>
          </Flex>
        )}
      </Modal>
    </Page>
  );
}
