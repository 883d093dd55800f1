import { Button, Flex, Input, Segmented, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AreaRow } from '../../api/types';
import { useCurrentSession } from '../../app/session';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { useServerTable } from '../../lib/useServerTable';
import { AREAS_KEY, fetchAreas, useAreaOptions } from './api';
import { HouseDetailDrawer } from './HouseDetailDrawer';
import { RegistryBrowser } from './picker/RegistryBrowser';

const columns: TableColumnsType<AreaRow> = [
  { title: '物业区域', dataIndex: 'name' },
  { title: '区县', dataIndex: 'district', width: 100 },
  { title: '地址', dataIndex: 'address', ellipsis: true },
  { title: '开发建设单位', dataIndex: 'developerName', render: (n: string | null) => n ?? '—' },
  { title: '交存时点', dataIndex: 'depositTiming', width: 150 },
  { title: '房屋数', dataIndex: 'houseCount', width: 90, align: 'right' },
];

/**
 * 综合查询 › 房屋查询: the fund office browses every area (area → buildings → grid or list → a house);
 * an owners' committee sees its own area. Read only.
 */
export function HouseQueryPage() {
  const session = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const areaId = Number(params.get('areaId')) || undefined;
  const areaName = params.get('area') ?? undefined;
  if (session.org.type === 'committee') return <CommitteeArea />;
  return (
    <Page title="房屋查询" extra={areaId && <Button onClick={() => setParams({})}>返回物业区域列表</Button>}>
      {areaId ? (
        <AreaHouses areaId={areaId} name={areaName} />
      ) : (
        <AreaTable onOpen={(a) => setParams({ areaId: String(a.id), area: a.name })} />
      )}
    </Page>
  );
}

function AreaTable({ onOpen }: { onOpen: (area: AreaRow) => void }) {
  const table = useServerTable({
    queryKey: [...AREAS_KEY, 'list'],
    filterKeys: ['q'],
    fetchPage: ({ page, pageSize, filters }) => fetchAreas({ page, pageSize, q: filters.q }),
  });
  return (
    <>
      <Flex gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索物业区域"
          placeholder="物业区域名称或地址"
          allowClear
          defaultValue={table.filters.q}
          onSearch={(q) => table.setFilters({ q: q.trim() })}
          style={{ width: 320 }}
        />
      </Flex>
      <Table<AreaRow>
        {...table.tableProps}
        columns={columns}
        size="middle"
        onRow={(a) => ({ onClick: () => onOpen(a), style: { cursor: 'pointer' } })}
      />
    </>
  );
}

function AreaHouses({ areaId, name }: { areaId: number; name?: string }) {
  const [houseId, setHouseId] = useState<number>();
  const [colouring, setColouring] = useState<'sales' | 'deposits'>('sales');
  return (
    <>
      {name && (
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {name}
        </Typography.Title>
      )}
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text id="grid-colouring">楼盘表着色</Typography.Text>
        <Segmented<'sales' | 'deposits'>
          aria-labelledby="grid-colouring"
          value={colouring}
          onChange={setColouring}
          options={[
            { value: 'sales', label: '销售状态' },
            { value: 'deposits', label: '交款状态' },
          ]}
        />
      </Flex>
      <RegistryBrowser areaId={areaId} onOpen={(h) => setHouseId(h.id)} gridHeight={560} showDeposits={colouring === 'deposits'} />
      {houseId !== undefined && <HouseDetailDrawer houseId={houseId} onClose={() => setHouseId(undefined)} />}
    </>
  );
}

/** A committee is bound to one area: it opens straight onto it. */
function CommitteeArea() {
  const areas = useAreaOptions();
  const area = areas.data?.items[0];
  return (
    <Page title="房屋查询">
      {areas.data ? (
        area ? (
          <AreaHouses areaId={area.id} name={area.name} />
        ) : (
          <Typography.Text type="secondary">本机构未绑定物业区域</Typography.Text>
        )
      ) : (
        <LoadingOrError query={areas} />
      )}
    </Page>
  );
}
