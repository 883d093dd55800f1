import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ImportRefusal, type Refusal, refusalOf } from '../../../components/ImportRefusal';
import { saveResponse } from '../../../lib/download';
import { usePagedQuery } from '../../../lib/paging';
import { errorMessage } from '../../../lib/serverErrors';
import { formatArea, formatYuan, parseYuan, plainYuan } from '../../../lib/units';
import { HousePickerModal } from '../../registry/picker/HousePickerModal';
import {
  editRange,
  exportShares,
  fetchItemHouseIds,
  fetchItemHouses,
  importShares,
  annotateShares,
  PROJECTS_KEY,
  type RangeHouse,
  setShares,
  useRefreshProject,
} from '../api';
import { HouseNumberSearch } from '../HouseNumberSearch';
import { YuanInput } from '../MoneyField';
import { SELECT_PAGE_LABEL } from '../../../lib/selection';

/** Shares typed into the list and not yet saved, per house: the text as typed. */
export type TypedShares = ReadonlyMap<number, string>;

interface RangePanelProps {
  projectId: number;
  areaId: number;
  itemId: number;
  facilityName: string;
  /** The item's building: the 楼盘表 opens on it. */
  buildingId: number | null;
  editable: boolean;
  /** Kept by the editor page, so 分摊合并 can send what is on screen, whichever item is open. */
  typed: TypedShares;
  onTyped: (next: TypedShares) => void;
}

/**
 * 房屋分摊列表 of one item (manual §1.3.1 第一步 三、3 and 4): the houses that pay for it. 添加 picks
 * houses in the building grid, 删除 removes the ticked ones; shares are typed house by house
 * (方式二 (2)) or exported, filled in and imported (方式二 (1)).
 */
export function RangePanel({ projectId, areaId, itemId, facilityName, buildingId, editable, typed, onTyped }: RangePanelProps) {
  const { message } = App.useApp();
  const refresh = useRefreshProject();
  const [q, setQ] = useState('');
  const [ticked, setTicked] = useState<number[]>([]);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ refusal: Refusal; file: File }>();
  const {
    query: houses,
    pagination,
    firstPage,
  } = usePagedQuery({
    queryKey: [...PROJECTS_KEY, projectId, 'range', itemId, { q }],
    fetchPage: ({ page, pageSize }) => fetchItemHouses(projectId, itemId, page, pageSize, q || undefined),
    pageSize: 10,
  });
  // Asked when the 楼盘表 opens, so the houses already in the range are marked there.
  const inRange = useQuery({
    queryKey: [...PROJECTS_KEY, projectId, 'range', itemId, 'ids'],
    queryFn: () => fetchItemHouseIds(projectId, itemId),
    enabled: picking,
  });

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      message.success(await action());
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const badShare = [...typed.entries()].find(([, v]) => parseYuan(v) === null);
  const saveTyped = () =>
    run(async () => {
      const rows = [...typed.entries()].map(([houseId, v]) => ({ houseId, share: parseYuan(v) ?? 0 }));
      const r = await setShares(projectId, itemId, rows);
      onTyped(new Map());
      return `已保存 ${r.updated} 户的分摊金额`;
    });

  const doImport = async (file: File) => {
    setRefused(undefined);
    setBusy(true);
    try {
      const r = await importShares(projectId, itemId, file);
      message.success(`已导入 ${r.updated} 户的分摊金额`);
      await refresh();
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal) setRefused({ refusal, file });
      else message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="range-panel">
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>房屋分摊列表：{facilityName}</Typography.Text>
        <Typography.Text type="secondary" data-testid="range-total">
          {houses.data
            ? q
              ? `找到 ${houses.data.total} 户`
              : `共 ${houses.data.total} 户，分摊合计 ${formatYuan(houses.data.totalShare)} 元`
            : ''}
        </Typography.Text>
        <HouseNumberSearch
          onSearch={(text) => {
            setQ(text);
            firstPage();
          }}
        />
        {editable && (
          <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setPicking(true)}>
              添加
            </Button>
            <Popconfirm
              title={`从分摊范围中删除勾选的 ${ticked.length} 户？`}
              okText="删除"
              cancelText="取消"
              disabled={ticked.length === 0}
              onConfirm={() =>
                run(async () => {
                  const r = await editRange(projectId, itemId, { add: [], addBuildings: [], remove: ticked });
                  setTicked([]);
                  return `已删除 ${r.removed} 户`;
                })
              }
            >
              <Button danger disabled={ticked.length === 0}>
                删除
              </Button>
            </Popconfirm>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() =>
                run(async () => {
                  await saveResponse(await exportShares(projectId, itemId), '分摊清单.xlsx');
                  return '分摊清单已导出';
                })
              }
            >
              导出分摊
            </Button>
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              beforeUpload={(f) => {
                void doImport(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />} loading={busy}>
                导入分摊
              </Button>
            </Upload>
            <Button type="primary" disabled={typed.size === 0 || badShare !== undefined} onClick={saveTyped}>
              保存分摊金额{typed.size > 0 ? `（${typed.size} 户）` : ''}
            </Button>
          </Flex>
        )}
      </Flex>
      {refused && (
        <ImportRefusal
          refusal={refused.refusal}
          onClose={() => setRefused(undefined)}
          onDownload={async () => saveResponse(await annotateShares(projectId, itemId, refused.file), '分摊导入错误标注.xlsx')}
        />
      )}
      <Table<RangeHouse>
        rowKey="houseId"
        size="small"
        loading={houses.isFetching}
        dataSource={houses.data?.items ?? []}
        rowSelection={
          editable
            ? {
                ...SELECT_PAGE_LABEL,
                selectedRowKeys: ticked,
                onChange: (keys) => setTicked(keys.map(Number)),
                getCheckboxProps: (h) => ({ 'aria-label': `选择 ${h.building}${h.unit}${h.room}` }),
              }
            : undefined
        }
        pagination={{
          ...pagination,
          showSizeChanger: true,
          showTotal: (total) => (q ? `找到 ${total} 户` : `共 ${total} 户`),
        }}
        columns={[
          { title: '房屋坐落', dataIndex: 'address' },
          { title: '楼幢', dataIndex: 'building', width: 90 },
          { title: '单元', dataIndex: 'unit', width: 80 },
          { title: '房号', dataIndex: 'room', width: 80 },
          { title: '建筑面积（㎡）', dataIndex: 'buildingArea', width: 130, align: 'right', render: (a: number) => formatArea(a) },
          {
            title: '分摊金额（元）',
            dataIndex: 'share',
            width: 170,
            align: 'right',
            render: (share: number, h) =>
              editable ? (
                <YuanInput
                  aria-label={`分摊金额（${h.address}）`}
                  value={typed.get(h.houseId) ?? plainYuan(share)}
                  status={typed.has(h.houseId) && parseYuan(typed.get(h.houseId) ?? '') === null ? 'error' : undefined}
                  onChange={(e) => onTyped(new Map(typed).set(h.houseId, e.target.value))}
                />
              ) : (
                formatYuan(share)
              ),
          },
        ]}
      />
      {badShare && <Typography.Text type="danger">分摊金额须为非负金额，最多 2 位小数</Typography.Text>}
      {picking && (
        <HousePickerModal
          areaId={areaId}
          initial={[]}
          startBuildingId={buildingId ?? undefined}
          already={inRange.data ? { ids: new Set(inRange.data.ids), reason: '已在分摊范围内' } : undefined}
          onCancel={() => setPicking(false)}
          onOk={(picked) => {
            setPicking(false);
            void run(async () => {
              const r = await editRange(projectId, itemId, { add: picked.map((h) => h.id), addBuildings: [], remove: [] });
              // Allowed, but more often a wrong pick: said at once, beside the count.
              if (r.warning) message.warning(r.warning);
              return `已添加 ${r.added} 户`;
            });
          }}
        />
      )}
    </Flex>
  );
}
