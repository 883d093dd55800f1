import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Select, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, call, uploadFile } from '../../../api/client';
import { errorMessage } from '../../../lib/serverErrors';
import { ACCEPT_ATTRIBUTE, documentProblem } from '../../registration/documentCheck';
import { APPLICATIONS_KEY } from '../api';

interface AttachmentRow {
  id: number;
  kind: string;
  fileId: number;
  fileName: string;
  size: number;
}

const RULE = '附件须为 JPG、JPEG 或 PNG 格式的图片，不能超过 1M。';
export const attachmentsKey = (id: number | undefined) => [...APPLICATIONS_KEY, 'documents', id] as const;

function useAttachments(appId: number | undefined) {
  return useQuery({
    queryKey: attachmentsKey(appId),
    queryFn: () => call(api.GET('/api/applications/{id}/documents', { params: { path: { id: appId ?? 0 } } })),
    enabled: appId !== undefined,
  });
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1048576).toFixed(2)} M` : `${Math.max(1, Math.round(bytes / 1024))} K`;

interface AttachmentsPanelProps {
  appId: number | undefined;
  /** The kinds of document the workflow asks for (the first is preselected). */
  kinds: readonly string[];
  /** Upload and delete (draft or returned application); otherwise the list is read only. */
  editable: boolean;
  /** Saves the page first (creating the draft if need be); the application's id, or undefined to stop. */
  prepare?: () => Promise<number | undefined>;
}

/**
 * 上传附件 (manual §1.3.4 第六步): the application's documents as images, checked like registration
 * documents here and again by the server; frozen once submitted, and shown to the reviewer.
 */
export function AttachmentsPanel({ appId, kinds, editable, prepare }: AttachmentsPanelProps) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const documents = useAttachments(appId);
  const [kind, setKind] = useState(kinds[0] ?? '其他材料');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const upload = async (file: File) => {
    setProblem(undefined);
    const bad = await documentProblem(file, RULE);
    if (bad) {
      setProblem(bad);
      return;
    }
    setBusy(true);
    try {
      const id = appId ?? (await prepare?.());
      if (id === undefined) return;
      await uploadFile(`/api/applications/${id}/documents?kind=${encodeURIComponent(kind)}`, file);
      await queryClient.invalidateQueries({ queryKey: attachmentsKey(id) });
      message.success(`附件“${file.name}”已上传`);
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (row: AttachmentRow) => {
    if (appId === undefined) return;
    const ok = await modal.confirm({
      title: `删除附件“${row.fileName}”？`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
    });
    if (!ok) return;
    try {
      await call(api.DELETE('/api/applications/{id}/documents/{documentId}', { params: { path: { id: appId, documentId: row.id } } }));
      await queryClient.invalidateQueries({ queryKey: attachmentsKey(appId) });
      message.success(`附件“${row.fileName}”已删除`);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Flex vertical gap={12}>
      {editable && (
        <Flex align="center" gap={12} wrap>
          <Select
            aria-label="附件类型"
            value={kind}
            onChange={setKind}
            style={{ width: 200 }}
            options={kinds.map((k) => ({ value: k, label: k }))}
          />
          <Upload
            accept={ACCEPT_ATTRIBUTE}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={busy}>
              上传附件
            </Button>
          </Upload>
          <Typography.Text type="secondary">{RULE}</Typography.Text>
        </Flex>
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="附件未上传"
          description={problem}
          closable={{ onClose: () => setProblem(undefined) }}
        />
      )}
      <section aria-label="附件">
        <Table<AttachmentRow>
          rowKey="id"
          size="small"
          pagination={false}
          loading={documents.isFetching}
          dataSource={documents.data?.items ?? []}
          locale={{ emptyText: editable ? '尚未上传附件' : '未上传附件' }}
          columns={[
            { title: '附件类型', dataIndex: 'kind', width: 180 },
            {
              title: '文件',
              dataIndex: 'fileName',
              render: (name: string, d) => (
                <a href={`/api/files/${d.fileId}`} target="_blank" rel="noopener noreferrer">
                  {name}
                </a>
              ),
            },
            { title: '大小', dataIndex: 'size', width: 100, render: sizeText },
            ...(editable
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, d: AttachmentRow) => (
                      <Button type="link" danger size="small" onClick={() => remove(d)} aria-label={`删除附件 ${d.fileName}`}>
                        删除
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>
    </Flex>
  );
}
