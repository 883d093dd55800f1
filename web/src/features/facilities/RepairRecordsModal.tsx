import { Empty, Modal, Table, Typography } from 'antd';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Section } from '../../components/Section';
import { formatYuan } from '../../lib/units';
import { type Facility, type RepairRecords, useRepairRecords } from './api';

type Record = RepairRecords['items'][number];
type Ongoing = RepairRecords['ongoing'][number];

/** 维修记录 (F-31): the completed repairs of one facility, and the projects under way that include it. */
export function RepairRecordsModal({ facility, onClose }: { facility: Facility; onClose: () => void }) {
  const records = useRepairRecords(facility.id);
  return (
    <Modal open title={`维修记录：${facility.name}`} width={820} footer={null} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {facility.locationLabel} · {facility.type}
        {facility.brandModel ? ` · ${facility.brandModel}` : ''}
      </Typography.Paragraph>
      {records.data ? (
        <>
          <Table<Record>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={records.data.items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无维修记录" /> }}
            columns={[
              { title: '维修日期', dataIndex: 'repairDate', width: 110 },
              { title: '项目编号', dataIndex: 'projectNo', width: 150, render: (no: string) => no || '—' },
              { title: '维修项目', dataIndex: 'projectName' },
              { title: '维修内容', dataIndex: 'content' },
              { title: '金额（元）', dataIndex: 'amount', align: 'right', width: 130, render: (fen: number) => formatYuan(fen) },
            ]}
            summary={(rows) =>
              rows.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={4}>
                    合计
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {formatYuan(rows.reduce((a, r) => a + r.amount, 0))}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
          {records.data.ongoing.length > 0 && (
            <div style={{ marginTop: 16 }}>
              <Section title="进行中的维修项目">
                <Table<Ongoing>
                  rowKey="projectId"
                  size="small"
                  pagination={false}
                  dataSource={records.data.ongoing}
                  columns={[
                    { title: '项目编号', dataIndex: 'projectNo', width: 150 },
                    { title: '维修项目', dataIndex: 'projectName' },
                    { title: '维修内容', dataIndex: 'content' },
                    { title: '状态', dataIndex: 'statusLabel', width: 100 },
                    { title: '预算（元）', dataIndex: 'budget', align: 'right', width: 130, render: (fen: number) => formatYuan(fen) },
                  ]}
                />
              </Section>
            </div>
          )}
        </>
      ) : (
        <LoadingOrError query={records} />
      )}
    </Modal>
  );
}
