import { SelectOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApplicationDetail, BuildingRow } from '../../../api/types';
import { Section } from '../../../components/Section';
import { useAreaOptions } from '../../registry/api';
import { BuildingPickerModal } from '../../registry/BuildingPickerModal';
import type { BuildingStructure } from '../../registry/enums';
import { fetchAllItems } from '../api';
import { ApplicationRoute } from '../ApplicationRoute';
import { ApplicationShell } from '../ApplicationShell';
import { BeforeAfterTable } from '../BeforeAfterTable';
import { buildingFields } from '../fields';
import type { BuildingAfter, BuildingChangeItem, BuildingSnapshot, ReasonForm } from '../forms';
import { AreaField } from '../parts/AreaField';
import { BuildingAfterDrawer } from '../parts/BuildingAfterDrawer';
import { BuildingBatchBar } from '../parts/BuildingBatchBar';
import { WithInitialRows } from '../parts/WithInitialRows';
import { useApplicationEditor } from '../useApplicationEditor';

const STEPS = ['选择物业区域并填写变更原因', '选择变更的楼幢', '变更楼幢信息'];

interface BuildingRowState {
  buildingId: number;
  before: BuildingAfter;
  after: BuildingAfter;
}

const valuesOf = (b: BuildingAfter): BuildingAfter => ({
  name: b.name,
  areaId: b.areaId,
  builtYear: b.builtYear,
  structure: b.structure,
  floorsAbove: b.floorsAbove,
  floorsBelow: b.floorsBelow,
  elevator: b.elevator,
});

const fromRegistry = (b: BuildingRow): BuildingRowState => {
  const values = valuesOf({ ...b, structure: b.structure as BuildingStructure });
  return { buildingId: b.id, before: values, after: values };
};

async function load(app: ApplicationDetail): Promise<BuildingRowState[]> {
  return (await fetchAllItems(app.id, 'building')).map((i) => {
    const item = i.data as BuildingChangeItem;
    const before = i.before as BuildingSnapshot | null;
    return { buildingId: item.buildingId, before: before ? valuesOf(before) : item.after, after: item.after };
  });
}

/** F-13 楼幢变更 (manual §1.3.3). */
export function BuildingChangePage() {
  return (
    <ApplicationRoute
      type="building_change"
      render={(app) => (
        <WithInitialRows type="building_change" app={app} what="building" load={load}>
          {(rows) => <BuildingChangeEditor app={app} initialRows={rows} />}
        </WithInitialRows>
      )}
    />
  );
}

function BuildingChangeEditor({ app, initialRows }: { app: ApplicationDetail | undefined; initialRows: BuildingRowState[] }) {
  const [form] = Form.useForm<{ areaId?: number; reason: string }>();
  const [rows, setRows] = useState(initialRows);
  const [picking, setPicking] = useState(false);
  const [editingId, setEditingId] = useState<number>();
  const areaId: number | undefined = Form.useWatch('areaId', form) ?? app?.areaId ?? undefined;
  const reason: string | undefined = Form.useWatch('reason', form);
  const areas = useAreaOptions();
  const fields = useMemo(() => {
    const names = new Map((areas.data?.items ?? []).map((a) => [a.id, a.name]));
    return buildingFields((id) => names.get(id) ?? `物业区域 #${id}`);
  }, [areas.data]);
  const editor = useApplicationEditor({
    type: 'building_change',
    app,
    form,
    collect: async () => {
      const v = await form.validateFields();
      const items: BuildingChangeItem[] = rows.map((r) => ({ buildingId: r.buildingId, after: r.after }));
      const body: ReasonForm = { reason: v.reason };
      return { areaId: v.areaId, form: body, items: [{ kind: 'building', rows: items }] };
    },
  });
  const saved = editor.app;
  const editingRow = rows.find((r) => r.buildingId === editingId);
  const changed = rows.some((r) => fields.some((f) => f.value(r.before) !== f.value(r.after)));
  const step = !areaId || !reason?.trim() ? 0 : rows.length === 0 ? 1 : changed ? 3 : 2;

  return (
    <ApplicationShell editor={editor} steps={STEPS} editing={step}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ areaId: app?.areaId ?? undefined, reason: (app?.form as ReasonForm | undefined)?.reason ?? '' }}
      >
        <Flex vertical gap={16}>
          <Section title="第一步：选择物业区域并填写变更原因">
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <AreaField locked={!!saved} hasPicks={rows.length > 0} onPicksCleared={() => setRows([])} />
              </Col>
              <Col span={24}>
                <Form.Item name="reason" label="变更原因" rules={[{ required: true, whitespace: true, message: '请填写变更原因' }]}>
                  <Input.TextArea rows={2} maxLength={500} showCount />
                </Form.Item>
              </Col>
            </Row>
          </Section>
          <Section
            title={`第二步：选择变更的楼幢（${rows.length} 幢）`}
            extra={
              <Button type="primary" icon={<SelectOutlined aria-hidden />} disabled={!areaId} onClick={() => setPicking(true)}>
                选择需要变更的楼幢
              </Button>
            }
          >
            <Flex vertical gap={16}>
              {!areaId && <Typography.Text type="secondary">请先选择物业区域。</Typography.Text>}
              <BuildingBatchBar
                count={rows.length}
                onApply={(patch) => setRows((prev) => prev.map((r) => ({ ...r, after: { ...r.after, ...patch } })))}
              />
              <BeforeAfterTable
                rows={rows.map((r) => ({ key: r.buildingId, label: r.before.name, before: r.before, after: r.after }))}
                fields={fields}
                subject="楼幢"
                onEdit={(r) => setEditingId(r.key)}
                actions={(r) => (
                  <>
                    <Button type="link" size="small" onClick={() => setEditingId(r.key)}>
                      修改
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      danger
                      onClick={(e) => {
                        e.stopPropagation();
                        setRows((prev) => prev.filter((x) => x.buildingId !== r.key));
                      }}
                    >
                      移除
                    </Button>
                  </>
                )}
              />
            </Flex>
          </Section>
        </Flex>
      </Form>
      {picking && areaId && (
        <BuildingPickerModal
          areaId={areaId}
          initial={rows.map((r) => r.buildingId)}
          onCancel={() => setPicking(false)}
          onOk={(buildings) => {
            setRows((prev) => {
              const kept = prev.filter((r) => buildings.some((b) => b.id === r.buildingId));
              const added = buildings.filter((b) => !kept.some((r) => r.buildingId === b.id)).map(fromRegistry);
              return [...kept, ...added];
            });
            setPicking(false);
          }}
        />
      )}
      {editingRow && (
        <BuildingAfterDrawer
          title={editingRow.before.name}
          after={editingRow.after}
          onClose={() => setEditingId(undefined)}
          onOk={(after) => {
            setRows((prev) => prev.map((r) => (r.buildingId === editingRow.buildingId ? { ...r, after: valuesOf(after) } : r)));
            setEditingId(undefined);
          }}
        />
      )}
    </ApplicationShell>
  );
}
