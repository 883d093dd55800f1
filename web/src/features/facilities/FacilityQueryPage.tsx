import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, Popconfirm, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { hasPermission, useCurrentSession } from '../../app/session';
import { Page } from '../../components/Page';
import { errorMessage, showFieldErrors } from '../../lib/serverErrors';
import { useServerTable } from '../../lib/useServerTable';
import { useAreaOptions } from '../registry/api';
import { AreaSelect } from '../registry/AreaSelect';
import {
  createFacility,
  deleteFacility,
  FACILITIES_KEY,
  type Facility,
  fetchFacilities,
  moveFacilities,
  updateFacility,
  useFacilityTypes,
  useLocationTree,
} from './api';
import { bodyOf, FacilityTable, NEW_ROW, type RowValues, valuesOf } from './FacilityTable';
import { AREA_KEY, LocationSelect, LocationTree, locationName } from './LocationTree';
import { RepairRecordsModal } from './RepairRecordsModal';
import { SELECT_PAGE_LABEL } from '../../lib/selection';

/**
 * 综合查询 › 设施设备查询 (committee manual §1.4.1, F-30/F-31): choose the area, the installation
 * location and the type; the list shows the facilities there. The committee adds, edits, deletes
 * and moves (移动到) its own area's facilities; the office browses any area read-only.
 */
export function FacilityQueryPage() {
  const session = useCurrentSession();
  const canEdit = session.org.type === 'committee' && hasPermission(session, 'project.edit');
  const areas = useAreaOptions();
  const table = useServerTable<Facility, 'areaId' | 'location' | 'typeId' | 'within' | 'q'>({
    queryKey: [...FACILITIES_KEY, 'list'],
    filterKeys: ['areaId', 'location', 'typeId', 'within', 'q'],
    ready: (filters) => Number(filters.areaId) > 0,
    fetchPage: ({ page, pageSize, filters }) =>
      fetchFacilities(Number(filters.areaId), {
        page,
        pageSize,
        location: filters.location ?? AREA_KEY,
        typeId: filters.typeId ? Number(filters.typeId) : undefined,
        within: filters.within === '1' ? '1' : undefined,
        q: filters.q,
      }),
  });
  const areaId = Number(table.filters.areaId) || undefined;
  const onlyArea = session.org.type === 'committee' ? areas.data?.items[0] : undefined;
  const { setFilters } = table;
  useEffect(() => {
    if (onlyArea && !areaId) setFilters({ areaId: String(onlyArea.id) });
  }, [onlyArea, areaId, setFilters]);

  return (
    <Page title="设施设备查询">
      <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>物业区域：</Typography.Text>
        <AreaSelect
          aria-label="物业区域"
          value={areaId}
          onChange={(id) => table.setFilters({ areaId: String(id), location: undefined, q: undefined })}
          disabled={session.org.type === 'committee'}
          style={{ width: 320 }}
        />
        {!canEdit && <Typography.Text type="secondary">只读浏览</Typography.Text>}
      </Flex>
      {areaId ? <AreaFacilities areaId={areaId} canEdit={canEdit} table={table} /> : <Empty description="请选择物业区域" />}
    </Page>
  );
}

type Table = ReturnType<typeof useServerTable<Facility, 'areaId' | 'location' | 'typeId' | 'within' | 'q'>>;

function AreaFacilities({ areaId, canEdit, table }: { areaId: number; canEdit: boolean; table: Table }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RowValues>();
  const [editing, setEditing] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [records, setRecords] = useState<Facility>();
  const [busy, setBusy] = useState(false);
  const types = useFacilityTypes();
  const location = table.filters.location ?? AREA_KEY;
  const typeId = table.filters.typeId ? Number(table.filters.typeId) : undefined;
  const tree = useLocationTree(areaId);

  const refresh = () => queryClient.invalidateQueries({ queryKey: FACILITIES_KEY });
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      message.success(done);
      await refresh();
      return true;
    } catch (err) {
      if (showFieldErrors(form, err) === 0) message.error(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const startAdd = () => {
    form.resetFields();
    form.setFieldsValue({ typeId, name: '', brandModel: '', installDate: null, quantity: 1, remark: '' });
    setEditing(NEW_ROW);
  };
  const startEdit = (f: Facility) => {
    form.resetFields();
    form.setFieldsValue(valuesOf(f));
    setEditing(f.id);
  };
  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const ok =
      editing === NEW_ROW
        ? await run(() => createFacility(areaId, { ...bodyOf(values), location }), '设施设备添加完成')
        : await run(() => updateFacility(editing ?? 0, bodyOf(values)), '设施设备修改完成');
    if (ok) setEditing(null);
  };
  const move = (target: string) =>
    modal.confirm({
      title: `将选中的 ${selected.length} 项设施设备移动到“${locationName(tree.data, target)}”？`,
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        if (await run(() => moveFacilities(areaId, selected, target), `已移动 ${selected.length} 项设施设备`)) setSelected([]);
      },
    });

  const rows = table.tableProps.dataSource ?? [];
  const newRow = { id: NEW_ROW, locationLabel: locationName(tree.data, location) } as Facility;
  const actions = (f: Facility) =>
    f.id === editing ? (
      <Space>
        <Button type="primary" size="small" loading={busy} onClick={save}>
          保存
        </Button>
        <Button size="small" onClick={() => setEditing(null)}>
          取消
        </Button>
      </Space>
    ) : (
      <Space size={4} wrap>
        <Button type="link" size="small" onClick={() => setRecords(f)}>
          维修记录（{f.repairCount}）
        </Button>
        {canEdit && (
          <>
            <Button type="link" size="small" disabled={editing !== null} onClick={() => startEdit(f)}>
              修改
            </Button>
            <Popconfirm
              title={`删除设施设备“${f.name}”？`}
              description="已在维修项目中使用或有维修记录的设施设备不能删除。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => run(() => deleteFacility(f.id), '设施设备已删除')}
            >
              <Button type="link" size="small" danger disabled={editing !== null}>
                删除
              </Button>
            </Popconfirm>
          </>
        )}
      </Space>
    );

  return (
    <Flex gap={16} align="start">
      <Card
        size="small"
        title="安装位置"
        style={{ width: 260, flex: 'none' }}
        styles={{ body: { padding: 8, maxHeight: 620, overflow: 'auto' } }}
      >
        <LocationTree
          areaId={areaId}
          typeId={typeId}
          value={location}
          onChange={(key) => {
            setEditing(null);
            setSelected([]);
            table.setFilters({ location: key === AREA_KEY ? undefined : key });
          }}
        />
      </Card>
      <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }}>
        <Flex gap={12} wrap align="center">
          <Select
            aria-label="设施设备类型"
            placeholder="全部类型"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={typeId}
            onChange={(v?: number) => table.setFilters({ typeId: v ? String(v) : undefined })}
            options={(types.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
            style={{ width: 160 }}
          />
          <Checkbox
            checked={table.filters.within === '1'}
            onChange={(e) => table.setFilters({ within: e.target.checked ? '1' : undefined })}
          >
            包含下级位置
          </Checkbox>
          <Input.Search
            aria-label="搜索设施设备"
            placeholder="名称或品牌型号"
            allowClear
            defaultValue={table.filters.q}
            onSearch={(q) => table.setFilters({ q: q.trim() || undefined })}
            style={{ width: 220 }}
          />
          {canEdit && (
            <Space style={{ marginInlineStart: 'auto' }}>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} disabled={editing !== null} onClick={startAdd}>
                添加
              </Button>
              <LocationSelect
                areaId={areaId}
                aria-label="移动到"
                placeholder="移动到"
                value={null as unknown as string}
                disabled={selected.length === 0 || editing !== null}
                onChange={(key) => key && move(key)}
                style={{ width: 200 }}
              />
            </Space>
          )}
        </Flex>
        <Typography.Text type="secondary">
          当前位置：{locationName(tree.data, location)}
          {selected.length > 0 && `，已勾选 ${selected.length} 项`}
        </Typography.Text>
        <FacilityTable
          form={form}
          editing={editing}
          types={types.data?.items ?? []}
          actions={actions}
          tableProps={{
            ...table.tableProps,
            dataSource: editing === NEW_ROW ? [newRow, ...rows] : rows,
            rowSelection: canEdit
              ? {
                  ...SELECT_PAGE_LABEL,
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(Number)),
                  getCheckboxProps: (f) => ({ disabled: f.id === NEW_ROW, 'aria-label': `选择 ${f.name ?? ''}` }),
                }
              : undefined,
          }}
        />
      </Flex>
      {records && <RepairRecordsModal facility={records} onClose={() => setRecords(undefined)} />}
    </Flex>
  );
}
