import { DownloadOutlined, SelectOutlined } from '@ant-design/icons';
import { App, Button, Col, Flex, Form, Input, Row, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { ApplicationDetail, ApplicationItem, RegistryHouse } from '../../../api/types';
import { Section } from '../../../components/Section';
import { errorMessage } from '../../../lib/serverErrors';
import { useBuildings } from '../../registry/api';
import { PrintButton } from '../../../components/PrintButton';
import { formatYuan } from '../../../lib/units';
import { applicationActions, downloadExport, fetchApplicationFund } from '../api';
import { ApplicationRoute } from '../ApplicationRoute';
import { ApplicationShell } from '../ApplicationShell';
import { BeforeAfterTable, type BeforeAfterRow } from '../BeforeAfterTable';
import { HOUSE_FIELDS, houseFieldsOf, refundText } from '../fields';
import { type HouseChangeForm, type HouseChangeItem, type HouseFields, houseLabel, type RefundAccount } from '../forms';
import { ImportPanel } from '../ImportPanel';
import { AreaField } from '../parts/AreaField';
import { HouseAfterDrawer } from '../parts/HouseAfterDrawer';
import { HouseBatchBar } from '../parts/HouseBatchBar';
import { RefundAccountModal } from '../parts/RefundAccountModal';
import { useHousePicking } from '../parts/useHousePicking';
import { WithInitialRows } from '../parts/WithInitialRows';
import { loadPickedRows, type Picked, pickedRowsLoader } from '../picked';
import { useApplicationEditor } from '../useApplicationEditor';

const STEPS = ['选择物业区域并填写变更原因', '选择需要变更的房屋', '变更房屋信息'];

interface ChangeRow extends Picked {
  after: HouseFields;
  /** where this house's refund is paid, asked per house (co-owners of one application are different people). */
  refundAccount: RefundAccount | null;
}

interface Values {
  areaId?: number;
  reason: string;
}

const toRow = (item: ApplicationItem, house: RegistryHouse): ChangeRow => {
  const data = item.data as HouseChangeItem;
  return { house, after: data.after, refundAccount: data.refundAccount ?? null };
};
const load = pickedRowsLoader('house', toRow);
const fresh = (house: RegistryHouse): ChangeRow => ({ house, after: houseFieldsOf(house), refundAccount: null });
const itemsOf = (rows: ChangeRow[]): HouseChangeItem[] =>
  rows.map((r) => ({ houseId: r.house.id, after: r.after, refundAccount: r.refundAccount }));
const isChanged = (r: ChangeRow) => HOUSE_FIELDS.some((f) => f.value(houseFieldsOf(r.house)) !== f.value(r.after));

/** F-16 房屋信息变更 (manual §1.3.6). */
export function HouseChangePage() {
  return (
    <ApplicationRoute
      type="house_change"
      render={(app) => (
        <WithInitialRows type="house_change" app={app} what="house" load={load}>
          {(rows) => <HouseChangeEditor app={app} initialRows={rows} />}
        </WithInitialRows>
      )}
    />
  );
}

function HouseChangeEditor({ app, initialRows }: { app: ApplicationDetail | undefined; initialRows: ChangeRow[] }) {
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const picking = useHousePicking(initialRows, fresh);
  const { rows, setRows } = picking;
  const [editingId, setEditingId] = useState<number>();
  const [exporting, setExporting] = useState(false);
  const areaId: number | undefined = Form.useWatch('areaId', form) ?? app?.areaId ?? undefined;
  const reason: string | undefined = Form.useWatch('reason', form);
  const buildings = useBuildings(areaId);
  const initialForm = app?.form as HouseChangeForm | undefined;
  // the refund is confirmed in the submit dialog; a later save keeps the confirmation.
  const refundConfirmed = useRef(initialForm?.refundConfirmed ?? false);
  const [askAccount, setAskAccount] = useState<{ title: string; resolve: (a: RefundAccount | null) => void }>();
  const [accountRowId, setAccountRowId] = useState<number>();
  const askFor = (title: string) => new Promise<RefundAccount | null>((resolve) => setAskAccount({ title, resolve }));

  /**
   * R-12 (manual 第六步): a change that refunds money is confirmed (确定) and given, house by house, the
   * account its refund goes to before it is submitted; an account named after none of the house's
   * owners is pointed out once more.
   */
  const confirmRefund = async (saved: ApplicationDetail) => {
    const fund = await fetchApplicationFund(saved.id);
    if (fund.refundTotal === 0) return true;
    const houses = fund.effects.filter((e) => e.refund > 0);
    const ok = await modal.confirm({
      title: '变更涉及维修资金退款',
      content: `${houses
        .map((e) => e.house)
        .slice(0, 5)
        .join(
          '、',
        )}${houses.length > 5 ? ' 等' : ''} ${houses.length} 套房屋变更后应交金额低于已交金额，需退还维修资金 ${formatYuan(fund.refundTotal)} 元。单击“确定”确认需要退款，并逐套填写退款账户。`,
      okText: '确定',
      cancelText: '取消',
    });
    if (!ok) return false;
    const accounts = new Map(rows.map((r) => [r.house.id, r.refundAccount]));
    for (const e of houses) {
      if (accounts.get(e.houseId)) continue;
      const account = await askFor(`${e.house}（退款 ${formatYuan(e.refund)} 元）`);
      setAskAccount(undefined);
      if (!account) return false;
      accounts.set(e.houseId, account);
      picking.update(e.houseId, { refundAccount: account });
    }
    await applicationActions.replaceItems(
      saved.id,
      'house',
      itemsOf(rows.map((r) => ({ ...r, refundAccount: accounts.get(r.house.id) ?? null }))),
    );
    const warnings = (await fetchApplicationFund(saved.id)).effects.flatMap((e) =>
      e.accountWarning ? [`${e.house}：${e.accountWarning}`] : [],
    );
    if (
      warnings.length > 0 &&
      !(await modal.confirm({
        title: '退款账户户名与业主不一致',
        content: warnings.join('\n'),
        okText: '仍要提交',
        cancelText: '返回修改',
      }))
    )
      return false;
    refundConfirmed.current = true;
    await applicationActions.saveForm(saved.id, { reason: form.getFieldValue('reason'), refundConfirmed: true });
    return true;
  };

  const editor = useApplicationEditor({
    type: 'house_change',
    app,
    form,
    collect: async () => {
      const v = await form.validateFields();
      const body: HouseChangeForm = { reason: v.reason, refundConfirmed: refundConfirmed.current };
      return { areaId: v.areaId, form: body, items: [{ kind: 'house', rows: itemsOf(rows) }] };
    },
    beforeSubmit: confirmRefund,
  });
  const saved = editor.app;
  const initial: Values = {
    areaId: app?.areaId ?? undefined,
    reason: initialForm?.reason ?? '',
  };

  const table: BeforeAfterRow<HouseFields>[] = rows.map((r) => ({
    key: r.house.id,
    label: houseLabel(r.house),
    before: houseFieldsOf(r.house),
    after: r.after,
  }));
  const editingRow = rows.find((r) => r.house.id === editingId);
  const accountRow = rows.find((r) => r.house.id === accountRowId);
  const step = !areaId || !reason?.trim() ? 0 : rows.length === 0 ? 1 : rows.some(isChanged) ? 3 : 2;

  const exportRows = async () => {
    const current = await editor.save(true);
    if (!current) return;
    setExporting(true);
    try {
      await downloadExport(current.id, 'house');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <ApplicationShell
      editor={editor}
      steps={STEPS}
      editing={step}
      // R-12 (manual 第七步): the 退款申请表 prints beside the change form.
      prints={
        saved && rows.some((r) => r.refundAccount) ? <PrintButton path={`/print/refund/${saved.id}`}>打印退款申请表</PrintButton> : null
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial}>
        <Flex vertical gap={16}>
          <Section title="第一步：选择物业区域并填写变更原因">
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <AreaField locked={!!saved} hasPicks={rows.length > 0} onPicksCleared={() => setRows([])} />
              </Col>
              <Col span={24}>
                <Form.Item name="reason" label="变更原因" rules={[{ required: true, whitespace: true, message: '请填写变更原因' }]}>
                  <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：重新测绘，面积调整" />
                </Form.Item>
              </Col>
            </Row>
          </Section>
          <Section
            title={`第二步：选择需要变更的房屋（${rows.length} 套）`}
            extra={
              <Space wrap>
                <Button type="primary" icon={<SelectOutlined aria-hidden />} disabled={!areaId} onClick={picking.open}>
                  选择
                </Button>
                <Button icon={<DownloadOutlined aria-hidden />} disabled={rows.length === 0} loading={exporting} onClick={exportRows}>
                  批量导出
                </Button>
              </Space>
            }
          >
            <Flex vertical gap={16}>
              {!areaId && <Typography.Text type="secondary">请先选择物业区域，再单击“选择”在楼盘表中选择房屋。</Typography.Text>}
              <HouseBatchBar
                buildings={buildings.data?.items ?? []}
                count={rows.length}
                onApply={(patch) => setRows((prev) => prev.map((r) => ({ ...r, after: { ...r.after, ...patch } })))}
              />
              <BeforeAfterTable
                rows={table}
                fields={HOUSE_FIELDS}
                subject="房屋"
                onEdit={(r) => setEditingId(r.key)}
                actions={(r) => (
                  <>
                    <Button type="link" size="small" onClick={() => setEditingId(r.key)}>
                      修改
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      onClick={(e) => {
                        e.stopPropagation();
                        setAccountRowId(r.key);
                      }}
                    >
                      退款账户
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      danger
                      onClick={(e) => {
                        e.stopPropagation();
                        picking.remove(r.key);
                      }}
                    >
                      移除
                    </Button>
                  </>
                )}
              />
              <div>
                <Typography.Text strong>导入 Excel 方式变更：</Typography.Text>
                <Typography.Text type="secondary">
                  单击“批量导出”，在导出的文件中修改变更后的数据（勿改“房屋编号”列），再“批量导入”。
                </Typography.Text>
              </div>
              <ImportPanel
                target="changes"
                buttonText="批量导入"
                disabled={rows.length === 0}
                prepare={async () => (await editor.save(true))?.id}
                onImported={async (_result, id) => {
                  if (areaId) setRows(await loadPickedRows(id, areaId, 'house', toRow));
                }}
              />
            </Flex>
          </Section>
          {rows.some((r) => r.refundAccount) && (
            <Section title="退款账户">
              <Typography.Paragraph type="secondary">
                变更后应交金额低于已交金额的房屋，退款分别付至各自的退款账户；单击房屋行的“退款账户”修改。
              </Typography.Paragraph>
              <ul>
                {rows
                  .filter((r) => r.refundAccount)
                  .map((r) => (
                    <li key={r.house.id}>
                      {houseLabel(r.house)}：{refundText(r.refundAccount)}
                    </li>
                  ))}
              </ul>
            </Section>
          )}
        </Flex>
      </Form>
      {picking.picker(areaId, saved?.no)}
      {askAccount && (
        <RefundAccountModal
          title={askAccount.title}
          value={null}
          onOk={(account) => askAccount.resolve(account)}
          onClose={() => askAccount.resolve(null)}
        />
      )}
      {accountRow && (
        <RefundAccountModal
          title={houseLabel(accountRow.house)}
          value={accountRow.refundAccount}
          onOk={(refundAccount) => {
            picking.update(accountRow.house.id, { refundAccount });
            setAccountRowId(undefined);
          }}
          onClose={() => setAccountRowId(undefined)}
        />
      )}
      {editingRow && (
        <HouseAfterDrawer
          title={houseLabel(editingRow.house)}
          after={editingRow.after}
          buildings={buildings.data?.items ?? []}
          onClose={() => setEditingId(undefined)}
          onOk={(after) => {
            picking.update(editingRow.house.id, { after });
            setEditingId(undefined);
          }}
        />
      )}
    </ApplicationShell>
  );
}
