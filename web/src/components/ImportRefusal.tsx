import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Table } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import type { ImportCellError } from '../api/types';
import { errorMessage } from '../lib/serverErrors';

/** a refused import file: the first errors the server listed, and how many there are in all. */
export interface Refusal {
  message: string;
  errors: ImportCellError[];
  total: number;
}

/** The refusal in an import's error answer, or undefined when the error is of another kind. */
export function refusalOf(err: unknown): Refusal | undefined {
  if (!(err instanceof ApiError) || !err.body.errors) return undefined;
  return { message: err.body.message, errors: err.body.errors, total: err.body.total ?? err.body.errors.length };
}

interface ImportRefusalProps {
  refusal: Refusal;
  /** Downloads the same file back with every error marked. */
  onDownload?: () => Promise<void>;
  onClose?: () => void;
}

/**
 * R-14 refusal of an import file, the same on every import: what was wrong as 行 / 列 / 原因, and
 * the annotated file to download when only the first errors could be listed (or to fix them in place).
 */
export function ImportRefusal({ refusal, onDownload, onClose }: ImportRefusalProps) {
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    if (!onDownload) return;
    setDownloading(true);
    try {
      await onDownload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Flex vertical gap={8}>
      <Alert
        type="error"
        showIcon
        role="alert"
        closable={onClose ? { onClose } : undefined}
        title={
          refusal.total > refusal.errors.length
            ? `共 ${refusal.total} 处错误，下面列出前 ${refusal.errors.length} 处，下载标注文件查看全部；未导入任何数据`
            : `导入文件有 ${refusal.total} 处错误，未导入任何数据`
        }
        description={refusal.message}
        action={
          onDownload && (
            <Button size="small" icon={<DownloadOutlined aria-hidden />} loading={downloading} onClick={download}>
              下载标注文件
            </Button>
          )
        }
      />
      <section aria-label="导入错误">
        <Table<ImportCellError & { key: number }>
          size="small"
          bordered
          rowKey="key"
          dataSource={refusal.errors.map((e, key) => ({ ...e, key }))}
          pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 处错误`, hideOnSinglePage: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 80 },
            { title: '列', dataIndex: 'column', width: 180 },
            { title: '原因', dataIndex: 'message' },
          ]}
        />
      </section>
    </Flex>
  );
}
