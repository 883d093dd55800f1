import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import type { ApplicationDetail, ApplicationItem, RegistryHouse } from '../../../api/types';
import { PrintButton } from '../../../components/PrintButton';
import { Section } from '../../../components/Section';
import { formatYuan } from '../../../lib/units';
import { ApplicationRoute } from '../ApplicationRoute';
import { ApplicationShell } from '../ApplicationShell';
import { refundText } from '../fields';
import { type CancellationItem, houseLabel, type ReasonForm, type RefundAccount } from '../forms';
import { AreaField } from '../parts/AreaField';
import { PickedHousesTable } from '../parts/PickedHousesTable';
import { RefundAccountModal } from '../parts/RefundAccountModal';
import { useHousePicking } from '../parts/useHousePicking';
import { WithInitialRows } from '../parts/WithInitialRows';
import { type Picked, pickedRowsLoader } from '../picked';
import { useHouseDeposits } from '../../payments/useHouseDeposits';
import { useApplicationEditor } from '../useApplicationEditor';

const STEPS = ['选择物业区域并填写注销原因', '添加需要注销的房屋'];

interface CancelRow extends Picked {
  refundAccount: RefundAccount | null;
}

const toRow = (item: ApplicationItem, house: RegistryHouse): CancelRow => ({
  house,
  refundAccount: (item.data as CancellationItem).refundAccount,
});
const load = pickedRowsLoader('house', toRow);
const fresh = (house: RegistryHouse): CancelRow => ({ house, refundAccount: null });

/** F-18 房屋注销 (manual §1.3.8). */
export function HouseCancellationPage() {
  return (
    <ApplicationRoute
      type="house_cancellation"
      render={(app) => (
        <WithInitialRows type="house_cancellation" app={app} what="house" load={load}>
          {(rows) => <CancellationEditor app={app} initialRows={rows} />}
        </WithInitialRows>
      )}
    />
  );
}

function CancellationEditor({ app, initialRows }: { app: ApplicationDetail | undefined; initialRows: CancelRow[] }) {
  const [form] = Form.useForm<{ areaId?: number; reason: string }>();
  const picking = useHousePicking(initialRows, fresh);
  const { rows, setRows } = picking;
  const [accountFor, setAccountFor] = useState<number>();
  const areaId: number | undefined = Form.useWatch('areaId', form) ?? app?.areaId ?? undefined;
  const reason: string | undefined = Form.useWatch('reason', form);
  const deposits = useHouseDeposits(
    areaId,
    rows.map((r) => r.house),
  );
  const editor = useApplicationEditor({
    type: 'house_cancellation',
    app,
    form,
    collect: async () => {
      const v = await form.validateFields();
      const items: CancellationItem[] = rows.map((r) => ({ houseId: r.house.id, refundAccount: r.refundAccount }));
      const body: ReasonForm = { reason: v.reason };
      return { areaId: v.areaId, form: body, items: [{ kind: 'house', rows: items }] };
    },
  });
  const saved = editor.app;
  const accountRow = rows.find((r) => r.house.id === accountFor);
  const step = !areaId || !reason?.trim() ? 0 : rows.length === 0 ? 1 : 2;

  return (
    <ApplicationShell
      editor={editor}
      steps={STEPS}
      editing={step}
      // each house's remaining balance is refunded to the account entered here.
      prints={saved ? <PrintButton path={`/print/refund/${saved.id}`}>打印退款申请表</PrintButton> : null}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ areaId: app?.areaId ?? undefined, reason: (app?.form as ReasonForm | undefined)?.reason ?? '' }}
      >
        <Flex vertical gap={16}>
          <Section title="第一步：选择物业区域并填写注销原因">
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <AreaField locked={!!saved} hasPicks={rows.length > 0} onPicksCleared={() => setRows([])} />
              </Col>
              <Col span={24}>
                <Form.Item name="reason" label="注销原因" rules={[{ required: true, whitespace: true, message: '请填写注销原因' }]}>
                  <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：房屋拆迁" />
                </Form.Item>
              </Col>
            </Row>
          </Section>
          <Section
            title={`第二步：添加需要注销的房屋（${rows.length} 套）`}
            extra={
              <Button type="primary" icon={<PlusOutlined aria-hidden />} disabled={!areaId} onClick={picking.open}>
                添加
              </Button>
            }
          >
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">
                审核通过后房屋注销，其分户账余额退还业主并销户；请为有余额的房屋填写退款账户。
              </Typography.Text>
              <PickedHousesTable
                rows={rows}
                label="注销的房屋"
                emptyText={areaId ? '请单击“添加”，在楼盘表中选择需要注销的房屋' : '请先选择物业区域'}
                extraColumns={[
                  { title: '业主', key: 'owners', width: 140, ellipsis: true, render: (_, r) => r.house.ownerNames || '无' },
                  // what the owner gets back is the account's balance, not the amount due.
                  {
                    title: '退还余额(元)',
                    key: 'balance',
                    width: 120,
                    align: 'right',
                    render: (_, r) => {
                      const d = deposits.get(r.house.id);
                      return d ? formatYuan(d.balance) : '—';
                    },
                  },
                  { title: '退款账户', key: 'refund', width: 240, ellipsis: true, render: (_, r) => refundText(r.refundAccount) },
                ]}
                actions={(r) => (
                  <Button type="link" size="small" onClick={() => setAccountFor(r.house.id)}>
                    退款账户
                  </Button>
                )}
                onRemove={(r) => picking.remove(r.house.id)}
              />
            </Flex>
          </Section>
        </Flex>
      </Form>
      {picking.picker(areaId, saved?.no)}
      {accountRow && (
        <RefundAccountModal
          title={houseLabel(accountRow.house)}
          value={accountRow.refundAccount}
          onClose={() => setAccountFor(undefined)}
          onOk={(refundAccount) => {
            picking.update(accountRow.house.id, { refundAccount });
            setAccountFor(undefined);
          }}
        />
      )}
    </ApplicationShell>
  );
}
