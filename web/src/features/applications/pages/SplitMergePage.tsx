import { DownloadOutlined, SelectOutlined } from '@ant-design/icons';
import { App, Button, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import type { ApplicationDetail, ApplicationItem, RegistryHouse } from '../../../api/types';
import { Section } from '../../../components/Section';
import { errorMessage } from '../../../lib/serverErrors';
import { downloadExport, fetchApplicationFund } from '../api';
import { ApplicationRoute } from '../ApplicationRoute';
import { ApplicationShell } from '../ApplicationShell';
import type { ReasonForm } from '../forms';
import { ImportPanel } from '../ImportPanel';
import { AreaField } from '../parts/AreaField';
import { AttachmentsPanel } from '../parts/AttachmentsPanel';
import { PickedHousesTable } from '../parts/PickedHousesTable';
import { useHousePicking } from '../parts/useHousePicking';
import { WithInitialRows } from '../parts/WithInitialRows';
import { type Picked, pickedRowsLoader } from '../picked';
import { useApplicationEditor } from '../useApplicationEditor';
import { FundSection } from '../view/FundSection';
import { ItemHousesTable } from '../view/ItemHousesTable';
import { useImportRefresh } from './useImportRefresh';
import { useRequiredDocuments } from '../../required-documents/api';

const STEPS = ['选择物业区域', '选择拆分的房屋', '导入拆分后的房屋信息', '上传附件'];

/** The documents a split or merge is usually proven by. */

const toRow = (_item: ApplicationItem, house: RegistryHouse): Picked => ({ house });
const load = pickedRowsLoader('source', toRow);
const fresh = (house: RegistryHouse): Picked => ({ house });

/**
 * F-14 房屋拆分合并 (manual §1.3.4): pick the houses, 导出 them, edit the rows into the resulting
 * houses, 导入. R-11: on approval the balances move from the old houses to the new ones.
 */
export function SplitMergePage() {
  return (
    <ApplicationRoute
      type="house_split_merge"
      render={(app) => (
        <WithInitialRows type="house_split_merge" app={app} what="source" load={load}>
          {(rows) => <SplitMergeEditor app={app} initialRows={rows} />}
        </WithInitialRows>
      )}
    />
  );
}

function SplitMergeEditor({ app, initialRows }: { app: ApplicationDetail | undefined; initialRows: Picked[] }) {
  const [form] = Form.useForm<{ areaId?: number; reason: string }>();
  const { message, modal } = App.useApp();
  const refresh = useImportRefresh();
  const picking = useHousePicking(initialRows, fresh);
  const { rows, setRows } = picking;
  const [exporting, setExporting] = useState(false);
  const required = useRequiredDocuments('house_split_merge');
  const areaId: number | undefined = Form.useWatch('areaId', form) ?? app?.areaId ?? undefined;
  const editor = useApplicationEditor({
    type: 'house_split_merge',
    app,
    form,
    collect: async () => {
      const v = await form.validateFields();
      const body: ReasonForm = { reason: v.reason };
      return { areaId: v.areaId, form: body, items: [{ kind: 'source', rows: rows.map((r) => ({ houseId: r.house.id })) }] };
    },
    // A total area that changes is not refused (a re-survey may correct it), but asked about once more.
    beforeSubmit: async (current) => {
      const { areaWarning } = await fetchApplicationFund(current.id);
      if (!areaWarning) return true;
      return modal.confirm({ title: '拆分合并前后建筑面积不一致', content: areaWarning, okText: '仍要提交', cancelText: '返回修改' });
    },
  });
  const saved = editor.app;
  const results = saved?.itemCounts.result ?? 0;
  const step = !areaId ? 0 : rows.length === 0 ? 1 : results === 0 ? 2 : 3;

  const exportSources = async () => {
    const current = await editor.save(true);
    if (!current) return;
    setExporting(true);
    try {
      await downloadExport(current.id, 'source');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <ApplicationShell editor={editor} steps={STEPS} editing={step}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ areaId: app?.areaId ?? undefined, reason: (app?.form as ReasonForm | undefined)?.reason ?? '' }}
      >
        <Flex vertical gap={16}>
          <Section title="第一步：选择物业区域">
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <AreaField locked={!!saved} hasPicks={rows.length > 0} onPicksCleared={() => setRows([])} />
              </Col>
              <Col span={24}>
                <Form.Item name="reason" label="拆分合并原因" rules={[{ required: true, whitespace: true, message: '请填写拆分合并原因' }]}>
                  <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：将一个整个车库拆分成多个车库" />
                </Form.Item>
              </Col>
            </Row>
          </Section>
          <Section
            title={`第二步：选择拆分的房屋（${rows.length} 套）`}
            extra={
              <Button type="primary" icon={<SelectOutlined aria-hidden />} disabled={!areaId} onClick={picking.open}>
                选择
              </Button>
            }
          >
            <PickedHousesTable
              rows={rows}
              label="拆分合并前的房屋"
              emptyText={areaId ? '请单击“选择”，在楼盘表中选择拆分或合并的房屋' : '请先选择物业区域'}
              extraColumns={[{ title: '业主', key: 'owners', width: 160, ellipsis: true, render: (_, r) => r.house.ownerNames || '无' }]}
              onRemove={(r) => picking.remove(r.house.id)}
            />
          </Section>
          <Section title={`第三步：导入拆分后的房屋信息${saved ? `（已导入 ${results} 套）` : ''}`}>
            <Flex vertical gap={12}>
              <Typography.Text type="secondary">
                单击“导出”得到所选房屋的 Excel，在其中修改成拆分合并后的房屋（一行一套），保存后单击“导入”。
              </Typography.Text>
              <div>
                <Button icon={<DownloadOutlined aria-hidden />} disabled={rows.length === 0} loading={exporting} onClick={exportSources}>
                  导出
                </Button>
              </div>
              <ImportPanel
                target="houses"
                disabled={rows.length === 0}
                prepare={async () => (await editor.save(true))?.id}
                onImported={(_result, id) => refresh(id)}
              />
              {saved && <ItemHousesTable appId={saved.id} kind="result" label="拆分合并后的房屋" />}
            </Flex>
          </Section>
          {saved && results > 0 && <FundSection app={saved} />}
          <Section title="第四步：上传附件">
            {/* Each attachment is filed under a 要件 of the office's list (F-62), as the reviewer checks them. */}
            {required.data && (
              <AttachmentsPanel
                appId={saved?.id}
                kinds={[...required.data.documents, '其他材料']}
                editable
                prepare={async () => (await editor.save(true))?.id}
              />
            )}
          </Section>
        </Flex>
      </Form>
      {picking.picker(areaId, saved?.no)}
    </ApplicationShell>
  );
}
