import { UploadOutlined } from '@ant-design/icons';
import { App, Button, ConfigProvider, Empty, Flex, Image, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../lib/serverErrors';
import { removeDocument, uploadDocument, useProjectDocuments, useRefreshProject } from './api';

interface DocumentsPanelProps {
  projectId: number;
  /** The kind the uploads are filed under (e.g. 紧急情况证明, 立项申请要件); only these are listed. */
  kind: string;
  canUpload: boolean;
  /** Removal is possible only while the project is edited (before the approval application). */
  canRemove?: boolean;
}

/** 附件 / 上传要件 of one step: scanned images (JPG/PNG up to 1 MB, checked by content on the server). */
export function DocumentsPanel({ projectId, kind, canUpload, canRemove = false }: DocumentsPanelProps) {
  const { message } = App.useApp();
  const docs = useProjectDocuments(projectId);
  const refresh = useRefreshProject();
  const [busy, setBusy] = useState(false);
  const mine = (docs.data?.items ?? []).filter((d) => d.kind === kind);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await uploadDocument(projectId, kind, file);
      message.success(`已上传 ${file.name}`);
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (documentId: number) => {
    try {
      await removeDocument(projectId, documentId);
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    // Preparing documents is a 经办人's work too, even where the step itself is for 主任 or 委员.
    <ConfigProvider componentDisabled={false}>
      <Flex vertical gap={8} data-testid={`documents-${kind}`}>
        {mine.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`未上传${kind}`} />
        ) : (
          <Image.PreviewGroup>
            <Flex wrap gap={12}>
              {mine.map((d) => (
                <Flex key={d.id} vertical gap={4} style={{ width: 140 }}>
                  <Image
                    src={`/api/files/${d.fileId}`}
                    alt={d.fileName}
                    width={140}
                    height={100}
                    style={{ objectFit: 'cover', border: '1px solid #e5e8ee' }}
                  />
                  <Typography.Text ellipsis={{ tooltip: d.fileName }} style={{ fontSize: 12 }}>
                    {d.fileName}
                  </Typography.Text>
                  {canRemove && (
                    <Popconfirm title={`删除附件“${d.fileName}”？`} okText="删除" cancelText="取消" onConfirm={() => remove(d.id)}>
                      <Button type="link" size="small" danger style={{ padding: 0, alignSelf: 'start' }}>
                        删除
                      </Button>
                    </Popconfirm>
                  )}
                </Flex>
              ))}
            </Flex>
          </Image.PreviewGroup>
        )}
        {canUpload && (
          <Upload
            accept=".jpg,.jpeg,.png"
            multiple
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={busy}>
              上传{kind}
            </Button>
          </Upload>
        )}
        {canUpload && <Typography.Text type="secondary">JPG / PNG 图片，每个不超过 1M。</Typography.Text>}
      </Flex>
    </ConfigProvider>
  );
}
