import { UploadOutlined } from '@ant-design/icons';
import { App, Button, ConfigProvider, Empty, Flex, Image, Popconfirm, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../lib/serverErrors';
import { type ProjectDocument, removeDocument, uploadDocument, useProjectDocuments, useRefreshProject } from './api';

/** 资金拨付's uploads belong to the application they were submitted with: the panel shows those still waiting for one. */
export const DISBURSEMENT_KIND = '资金拨付要件';

/** The uploads of a step that its next submission goes with (F-62). */
export function stepUploads(items: readonly ProjectDocument[], kind: string) {
  return items.filter((d) => d.kind === kind && (kind !== DISBURSEMENT_KIND || d.requestId === null));
}

interface DocumentsPanelProps {
  projectId: number;
  /** The kind the uploads are filed under (e.g. 立项申请要件, 资金拨付要件); only these are listed. */
  kind: string;
  /** The 要件 the office asks for with the step (F-62): one slot each; without it, one slot for the kind. */
  required?: readonly string[];
  canUpload: boolean;
  /** Removal is possible only while the project is edited (before the approval application). */
  canRemove?: boolean;
}

function Thumbs({ docs, onRemove }: { docs: ProjectDocument[]; onRemove?: (id: number) => void }) {
  return (
    <Flex wrap gap={12}>
      {docs.map((d) => (
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
          {onRemove && (
            <Popconfirm title={`删除附件“${d.fileName}”？`} okText="删除" cancelText="取消" onConfirm={() => onRemove(d.id)}>
              <Button type="link" size="small" danger style={{ padding: 0, alignSelf: 'start' }}>
                删除
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * 上传要件 of one step: one slot per required document (F-62), each with its uploads and its own
 * upload button, then 其他材料; scanned images (JPG/PNG up to 1 MB, checked by content on the server).
 */
export function DocumentsPanel({ projectId, kind, required, canUpload, canRemove = false }: DocumentsPanelProps) {
  const { message } = App.useApp();
  const docs = useProjectDocuments(projectId);
  const refresh = useRefreshProject();
  const [busy, setBusy] = useState<string | null>(null);
  const mine = stepUploads(docs.data?.items ?? [], kind);
  // A pending 资金拨付 upload can go until its application is submitted.
  const removable = canRemove || (kind === DISBURSEMENT_KIND && canUpload);

  const upload = async (file: File, name?: string) => {
    setBusy(name ?? '');
    try {
      await uploadDocument(projectId, kind, file, name);
      message.success(`已上传 ${file.name}`);
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
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
  const uploadButton = (label: string, name?: string) =>
    canUpload && (
      <Upload
        accept=".jpg,.jpeg,.png"
        multiple
        showUploadList={false}
        beforeUpload={(f) => {
          void upload(f, name);
          return false;
        }}
      >
        <Button size="small" icon={<UploadOutlined aria-hidden />} loading={busy === (name ?? '')}>
          上传{label}
        </Button>
      </Upload>
    );

  const slots = required && required.length > 0 ? required : null;
  const others = slots ? mine.filter((d) => !d.docName || !slots.includes(d.docName)) : mine;
  return (
    // Preparing documents is a 经办人's work too, even where the step itself is for 主任 or 委员.
    <ConfigProvider componentDisabled={false}>
      <Flex vertical gap={12} data-testid={`documents-${kind}`}>
        <Image.PreviewGroup>
          {slots?.map((name) => {
            const got = mine.filter((d) => d.docName === name);
            return (
              <Flex
                key={name}
                vertical
                gap={6}
                data-testid={`slot-${name}`}
                style={{ paddingBottom: 8, borderBottom: '1px dashed #e5e8ee' }}
              >
                <Flex gap={8} align="center">
                  <Typography.Text strong>{name}</Typography.Text>
                  {got.length > 0 ? <Tag color="success">已上传 {got.length} 份</Tag> : <Tag color="warning">未上传</Tag>}
                  {uploadButton(name, name)}
                </Flex>
                {got.length > 0 && <Thumbs docs={got} onRemove={removable ? remove : undefined} />}
              </Flex>
            );
          })}
          {slots ? (
            (others.length > 0 || canUpload) && (
              <Flex vertical gap={6} data-testid="slot-其他材料">
                <Flex gap={8} align="center">
                  <Typography.Text strong>其他材料</Typography.Text>
                  {uploadButton('其他材料')}
                </Flex>
                {others.length > 0 && <Thumbs docs={others} onRemove={removable ? remove : undefined} />}
              </Flex>
            )
          ) : (
            <>
              {mine.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`未上传${kind}`} />
              ) : (
                <Thumbs docs={mine} onRemove={removable ? remove : undefined} />
              )}
              <div>{uploadButton(kind)}</div>
            </>
          )}
        </Image.PreviewGroup>
        {canUpload && <Typography.Text type="secondary">JPG / PNG 图片，每个不超过 1M；每项要件至少上传一份。</Typography.Text>}
      </Flex>
    </ConfigProvider>
  );
}
