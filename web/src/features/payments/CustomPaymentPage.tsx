import { DownloadOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Radio, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { RegistryHouse } from '../../api/types';
import { ImportRefusal, type Refusal, refusalOf } from '../../components/ImportRefusal';
import { Page } from '../../components/Page';
import { saveResponse } from '../../lib/download';
import { saveBlob } from '../../lib/csv';
import { errorMessage } from '../../lib/serverErrors';
import { formatArea, formatYuan, parseYuan, plainYuan, YUAN_RULE } from '../../lib/units';
import { houseLabel } from '../applications/forms';
import { AreaSelect } from '../registry/AreaSelect';
import { useAreaParam } from './AreaPicker';
import {
  annotateCustomAmounts,
  type CustomPurpose,
  DEPOSIT_STATUS_KEY,
  type IssueResult,
  importCustomAmounts,
  issueCustomNotices,
  NOTICES_KEY,
} from './api';
import { exportAmountsXlsx } from './customXlsx';
import { IssuedNotices } from './IssuedNotices';
import { CUSTOM_PURPOSES } from './labels';
import { usePickedHouses } from './usePickedHouses';

/** Why an amount typed for a house cannot be used, or null. */
function amountProblem(text: string | undefined): string | null {
  if (!text?.trim()) return '请填写金额';
  const fen = parseYuan(text);
  if (fen === null) return `金额${YUAN_RULE}`;
  if (fen === 0) return '金额须大于 0';
  return null;
}

/**
 * 自定义交款 (manual §1.4.3, F-22): choose 交款类型 and the area, pick houses and set each one's amount —
 * for 续筹交款 by “导出” the picked houses, filling the amounts and “导入” — then “打印交款通知单”.
 */
export function CustomPaymentPage() {
  const { message } = App.useApp();
  const [areaId, setAreaId] = useAreaParam();
  const [purpose, setPurpose] = useState<CustomPurpose>('replenish');
  const [note, setNote] = useState('');
  const picked = usePickedHouses(areaId);
  const [amounts, setAmounts] = useState<ReadonlyMap<number, string>>(new Map());
  const [bulk, setBulk] = useState('');
  const [refused, setRefused] = useState<{ refusal: Refusal; file: File; houseIds: number[] }>();
  const [importing, setImporting] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const [result, setResult] = useState<IssueResult>();
  const [exporting, setExporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const purposeLabel = CUSTOM_PURPOSES.find((p) => p.value === purpose)?.label ?? '';

  const bad = picked.houses.filter((h) => amountProblem(amounts.get(h.id)) !== null);
  const total = picked.houses.reduce((sum, h) => sum + (parseYuan(amounts.get(h.id) ?? '') ?? 0), 0);
  const noteMissing = purpose === 'other' && !note.trim();

  const issue = useMutation({
    mutationFn: () =>
      issueCustomNotices({
        areaId: areaId ?? 0,
        purpose,
        note: note.trim(),
        rows: picked.houses.map((h) => ({ houseId: h.id, amount: parseYuan(amounts.get(h.id) ?? '') ?? 0 })),
      }),
    onSuccess: (r) => {
      setResult(r);
      picked.clear();
      setAmounts(new Map());
      setShowErrors(false);
      queryClient.invalidateQueries({ queryKey: DEPOSIT_STATUS_KEY });
      queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
    },
  });

  const print = () => {
    setShowErrors(true);
    if (bad.length === 0 && !noteMissing) issue.mutate();
  };

  const applyBulk = () => {
    const fen = parseYuan(bulk);
    if (fen === null || fen === 0) return;
    setAmounts(new Map(picked.houses.map((h) => [h.id, plainYuan(fen)])));
  };

  const onImport = async (file: File) => {
    if (!areaId) return;
    const houseIds = picked.houses.map((h) => h.id);
    setRefused(undefined);
    setImporting(true);
    try {
      const { rows } = await importCustomAmounts(areaId, houseIds, file);
      setAmounts((prev) => new Map([...prev, ...rows.map((r) => [r.houseId, plainYuan(r.amount)] as const)]));
      message.success(`已导入 ${rows.length} 套房屋的金额`);
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal) setRefused({ refusal, file, houseIds });
      else message.error(errorMessage(err));
    } finally {
      setImporting(false);
    }
  };

  const bulkFen = parseYuan(bulk);

  return (
    <Page title="自定义交款">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          当交款标准发生改变时，可通过本功能手动设置交款金额。“交款类型”为“续筹交款”时，请先“导出”勾选的房屋信息，填写金额后“导入”，最后打印通知单；其他交款类型，请勾选好房屋、填写金额后直接单击“打印交款通知单”。
        </Typography.Paragraph>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label="交款类型" required>
            <Radio.Group
              aria-label="交款类型"
              optionType="button"
              buttonStyle="solid"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
              options={CUSTOM_PURPOSES}
            />
          </Form.Item>
          <Form.Item label="物业区域" required>
            <AreaSelect
              aria-label="物业区域"
              value={areaId}
              onChange={(id) => {
                setAreaId(id);
                picked.clear();
                setAmounts(new Map());
                setRefused(undefined);
              }}
              style={{ width: 320 }}
            />
          </Form.Item>
          <Form.Item
            label="说明"
            required={purpose === 'other'}
            validateStatus={showErrors && noteMissing ? 'error' : undefined}
            help={showErrors && noteMissing ? '交款类型为“其他”时请填写说明' : undefined}
          >
            <Input
              aria-label="说明"
              value={note}
              maxLength={100}
              onChange={(e) => setNote(e.target.value)}
              placeholder={purpose === 'other' ? '请填写交款事由' : '选填，打印在通知单上'}
              style={{ width: 320 }}
            />
          </Form.Item>
        </Form>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space wrap>
            {picked.button}
            <Input
              aria-label="批量填写金额（元）"
              placeholder="金额（元）"
              value={bulk}
              onChange={(e) => setBulk(e.target.value)}
              status={bulk && (bulkFen === null || bulkFen === 0) ? 'error' : undefined}
              style={{ width: 140 }}
              onPressEnter={applyBulk}
            />
            <Button disabled={picked.houses.length === 0 || bulkFen === null || bulkFen === 0} onClick={applyBulk}>
              批量填写
            </Button>
            {purpose === 'replenish' && (
              <>
                <Button
                  icon={<DownloadOutlined aria-hidden />}
                  disabled={picked.houses.length === 0}
                  loading={exporting}
                  onClick={async () => {
                    setExporting(true);
                    try {
                      saveBlob(await exportAmountsXlsx(picked.houses, amounts), `续筹交款房屋_${picked.houses.length}套.xlsx`);
                    } finally {
                      setExporting(false);
                    }
                  }}
                >
                  导出
                </Button>
                <Button
                  icon={<UploadOutlined aria-hidden />}
                  disabled={picked.houses.length === 0}
                  loading={importing}
                  onClick={() => fileInput.current?.click()}
                >
                  导入
                </Button>
                <input
                  ref={fileInput}
                  type="file"
                  accept=".xlsx,.csv"
                  hidden
                  aria-label="导入文件"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void onImport(file);
                  }}
                />
              </>
            )}
          </Space>
          <Space>
            <Typography.Text>
              共 {picked.houses.length} 套，合计 <Typography.Text strong>{formatYuan(total)}</Typography.Text> 元
            </Typography.Text>
            <Button
              type="primary"
              icon={<PrinterOutlined aria-hidden />}
              disabled={picked.houses.length === 0}
              loading={issue.isPending}
              onClick={print}
            >
              打印交款通知单
            </Button>
          </Space>
        </Flex>
        {refused && areaId !== undefined && (
          <ImportRefusal
            refusal={refused.refusal}
            onClose={() => setRefused(undefined)}
            onDownload={async () =>
              saveResponse(await annotateCustomAmounts(areaId, refused.houseIds, refused.file), '续筹交款导入错误标注.xlsx')
            }
          />
        )}
        {showErrors && bad.length > 0 && (
          <Alert type="error" showIcon role="alert" title={`有 ${bad.length} 套房屋的金额未填写或不正确，请修改后再打印`} />
        )}
        {issue.isError && <Alert type="error" showIcon role="alert" title={errorMessage(issue.error)} />}
        <Table<RegistryHouse>
          rowKey="id"
          size="small"
          dataSource={picked.houses}
          pagination={picked.houses.length > 50 ? { pageSize: 50, showTotal: (t) => `共 ${t} 套` } : false}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={areaId ? '请单击“选择房屋”在楼盘表中勾选房屋' : '请先选择物业区域'}
              />
            ),
          }}
          columns={[
            { title: '房屋编号', dataIndex: 'id', width: 100 },
            { title: '房屋', key: 'house', render: (_, h) => houseLabel(h) },
            { title: '建筑面积（㎡）', dataIndex: 'buildingArea', align: 'right', render: (a: number) => formatArea(a) },
            { title: '业主', dataIndex: 'ownerNames', ellipsis: true, render: (n: string) => n || '—' },
            {
              title: `${purposeLabel}金额（元）`,
              key: 'amount',
              width: 220,
              render: (_, h) => {
                const text = amounts.get(h.id) ?? '';
                const problem = showErrors || text ? amountProblem(text) : null;
                return (
                  <div>
                    <Input
                      aria-label={`${houseLabel(h)} 金额（元）`}
                      value={text}
                      status={problem ? 'error' : undefined}
                      inputMode="decimal"
                      onChange={(e) => setAmounts((prev) => new Map(prev).set(h.id, e.target.value))}
                    />
                    {problem && (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {problem}
                      </Typography.Text>
                    )}
                  </div>
                );
              },
            },
            {
              title: '操作',
              key: 'actions',
              width: 80,
              render: (_, h) => (
                <Button type="link" danger size="small" onClick={() => picked.remove(h.id)} aria-label={`移除 ${houseLabel(h)}`}>
                  移除
                </Button>
              ),
            },
          ]}
        />
      </Flex>
      {picked.modal}
      <Modal open={!!result} title="交款通知单" width={640} footer={null} onCancel={() => setResult(undefined)}>
        {result && <IssuedNotices result={result} onClose={() => setResult(undefined)} />}
      </Modal>
    </Page>
  );
}
