import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApplicationDetail, ApplicationItem, RegistryHouse } from '../../../api/types';
import { Section } from '../../../components/Section';
import { fetchHouse } from '../../registry/api';
import type { IdType } from '../../registry/enums';
import { ApplicationRoute } from '../ApplicationRoute';
import { ApplicationShell } from '../ApplicationShell';
import { houseLabel, type OwnerInput, type OwnershipItem } from '../forms';
import { AreaField } from '../parts/AreaField';
import { OwnerEditorModal } from '../parts/OwnerEditorModal';
import { PickedHousesTable } from '../parts/PickedHousesTable';
import { useHousePicking } from '../parts/useHousePicking';
import { WithInitialRows } from '../parts/WithInitialRows';
import { type Picked, pickedRowsLoader } from '../picked';
import { NotReady, useApplicationEditor } from '../useApplicationEditor';

const STEPS = ['选择物业区域', '添加房屋', '修改权属信息'];

interface OwnerRow extends Picked {
  /** The owners after the change; null while “修改权属信息” has not been used (the registered owners stay). */
  owners: OwnerInput[] | null;
}

const toRow = (item: ApplicationItem, house: RegistryHouse): OwnerRow => ({ house, owners: (item.data as OwnershipItem).owners });
const load = pickedRowsLoader('owners', toRow);
const fresh = (house: RegistryHouse): OwnerRow => ({ house, owners: null });

/** Unedited rows keep the registered owners (fetched 8 houses at a time); a house with none must be edited first. */
async function ownersToSave(rows: OwnerRow[]): Promise<{ items: OwnershipItem[]; missing: string[] }> {
  const registered = new Map<number, OwnerInput[]>();
  const pending = rows.filter((r) => !r.owners);
  for (let i = 0; i < pending.length; i += 8) {
    const part = await Promise.all(pending.slice(i, i + 8).map((r) => fetchHouse(r.house.id)));
    for (const h of part) {
      registered.set(
        h.id,
        h.owners.map(({ name, idType, idNumber, phone }) => ({ name, idType: idType as IdType, idNumber, phone })),
      );
    }
  }
  const items = rows.map((r) => ({ houseId: r.house.id, owners: r.owners ?? registered.get(r.house.id) ?? [] }));
  const missing = rows.filter((_r, i) => items[i]?.owners.length === 0).map((r) => houseLabel(r.house));
  return { items, missing };
}

/** F-17 房屋权属批量变更 (manual §1.3.7). */
export function OwnershipChangePage() {
  return (
    <ApplicationRoute
      type="ownership_change"
      render={(app) => (
        <WithInitialRows type="ownership_change" app={app} what="owners" load={load}>
          {(rows) => <OwnershipEditor app={app} initialRows={rows} />}
        </WithInitialRows>
      )}
    />
  );
}

function OwnershipEditor({ app, initialRows }: { app: ApplicationDetail | undefined; initialRows: OwnerRow[] }) {
  const [form] = Form.useForm<{ areaId?: number }>();
  const picking = useHousePicking(initialRows, fresh);
  const { rows, setRows } = picking;
  const [editingId, setEditingId] = useState<number>();
  const [problem, setProblem] = useState<string>();
  const areaId: number | undefined = Form.useWatch('areaId', form) ?? app?.areaId ?? undefined;
  const editor = useApplicationEditor({
    type: 'ownership_change',
    app,
    form,
    collect: async () => {
      const { areaId: area } = await form.validateFields();
      const { items, missing } = await ownersToSave(rows);
      if (missing.length > 0) {
        setProblem(`以下房屋尚无业主，请单击“修改权属信息”添加业主：${missing.join('、')}`);
        throw new NotReady();
      }
      setProblem(undefined);
      return { areaId: area, form: {}, items: [{ kind: 'owners', rows: items }] };
    },
  });
  const saved = editor.app;
  const editingRow = rows.find((r) => r.house.id === editingId);
  const step = !areaId ? 0 : rows.length === 0 ? 1 : rows.every((r) => r.owners) ? 3 : 2;

  return (
    <ApplicationShell editor={editor} steps={STEPS} editing={step}>
      <Form form={form} layout="vertical" initialValues={{ areaId: app?.areaId ?? undefined }}>
        <Flex vertical gap={16}>
          <Section title="第一步：选择物业区域">
            <Row>
              <Col xs={24} md={12}>
                <AreaField locked={!!saved} hasPicks={rows.length > 0} onPicksCleared={() => setRows([])} />
              </Col>
            </Row>
          </Section>
          <Section
            title={`第二步：添加需要变更权属的房屋（${rows.length} 套）`}
            extra={
              <Button type="primary" icon={<PlusOutlined aria-hidden />} disabled={!areaId} onClick={picking.open}>
                添加
              </Button>
            }
          >
            <Flex vertical gap={12}>
              {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
              <PickedHousesTable
                rows={rows}
                label="变更权属的房屋"
                emptyText={areaId ? '请单击“添加”，在楼盘表中选择房屋' : '请先选择物业区域'}
                extraColumns={[
                  { title: '现业主', key: 'current', width: 160, ellipsis: true, render: (_, r) => r.house.ownerNames || '无' },
                  {
                    title: '变更后业主',
                    key: 'after',
                    width: 200,
                    render: (_, r) => (r.owners ? r.owners.map((o) => o.name).join('、') : <Tag>未修改</Tag>),
                  },
                ]}
                actions={(r) => (
                  <Button type="link" size="small" onClick={() => setEditingId(r.house.id)}>
                    修改权属信息
                  </Button>
                )}
                onRemove={(r) => picking.remove(r.house.id)}
              />
            </Flex>
          </Section>
        </Flex>
      </Form>
      {picking.picker(areaId, saved?.no)}
      {editingRow && (
        <OwnerEditorModal
          house={editingRow.house}
          owners={editingRow.owners}
          onClose={() => setEditingId(undefined)}
          onSave={(owners) => {
            picking.update(editingRow.house.id, { owners });
            setEditingId(undefined);
          }}
        />
      )}
    </ApplicationShell>
  );
}
