import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Table, Typography } from 'antd';
import { requestFile } from '../../api/client';
import { LoadingOrError } from '../../components/LoadingOrError';
import { formatDateTime } from '../../lib/dates';
import { saveResponse } from '../../lib/download';
import { errorMessage } from '../../lib/serverErrors';
import { formatYuan } from '../../lib/units';
import { type StatementLine, useStatement } from './api';

/** 分户账明细 (SPEC §4): every movement of one house account with its running balance; 导出 Excel. */
export function StatementModal({ houseId, title, onClose }: { houseId: number; title: string; onClose: () => void }) {
  const statement = useStatement(houseId);
  const download = useMutation({
    mutationFn: async () => saveResponse(await requestFile(`/api/houses/${houseId}/statement.xlsx`), `分户账明细_${title}.xlsx`),
  });
  const items = statement.data?.items ?? [];
  const last = items[items.length - 1];
  return (
    <Modal open title={`分户账明细：${title}`} width={960} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>
          当前余额：<Typography.Text strong>{formatYuan(last?.balance ?? 0)}</Typography.Text> 元
        </Typography.Text>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={download.isPending}
          onClick={() => download.mutate()}
          disabled={!statement.data}
        >
          导出 Excel
        </Button>
      </Flex>
      {download.isError && <Alert type="error" showIcon title={errorMessage(download.error)} style={{ marginBottom: 12 }} />}
      {statement.data ? (
        <Table<StatementLine>
          rowKey={(l, i) => `${l.at}-${i}`}
          size="small"
          dataSource={items}
          pagination={items.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: '该房屋暂无资金记录' }}
          columns={[
            { title: '日期', dataIndex: 'at', width: 150, render: (t: string) => formatDateTime(t) },
            { title: '类型', dataIndex: 'kindLabel', width: 110 },
            { title: '对方/单号', dataIndex: 'reference' },
            { title: '摘要', dataIndex: 'memo', ellipsis: true },
            { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
            { title: '余额（元）', dataIndex: 'balance', align: 'right', render: (f: number) => formatYuan(f) },
          ]}
        />
      ) : (
        <LoadingOrError query={statement} />
      )}
    </Modal>
  );
}
