import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ImportResult } from '../../api/types';
import { ImportRefusal, type Refusal, refusalOf } from '../../components/ImportRefusal';
import { errorMessage } from '../../lib/serverErrors';
import { downloadAnnotated, type ImportTarget, importFile, TEMPLATE_URL } from './api';

type Phase =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'checking' }
  | { kind: 'imported'; text: string }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'failed'; message: string };

interface ImportPanelProps {
  target: ImportTarget;
  /** Saves the page first (creating the draft if need be); the application's id, or undefined to stop. */
  prepare: () => Promise<number | undefined>;
  onImported: (result: ImportResult | { count: number }, appId: number) => void;
  /** The import button's words: 导入 (new houses) or 批量导入 (edited changes). */
  buttonText?: string;
  /** Offer the house template (F-11, F-15). */
  template?: boolean;
  disabled?: boolean;
}

const ACCEPT = ['.xlsx', '.csv'];

function importedText(result: ImportResult | { count: number }) {
  if ('count' in result) return `导入成功：已按文件更新 ${result.count} 套房屋的变更后信息。`;
  const added = result.addedBuildings.length ? `；新增楼幢 ${result.addedBuildings.join('、')}，请在楼幢列表中核对并补充楼幢信息` : '';
  return `导入成功：共导入 ${result.imported} 套房屋${added}。`;
}

/**
 * R-14 import of a house file into an application: template link, upload with progress, and on
 * refusal every error as 行 / 列 / 原因 with the annotated file to download. Nothing is imported
 * unless the whole file is clean.
 */
export function ImportPanel({ target, prepare, onImported, buttonText = '导入', template = false, disabled }: ImportPanelProps) {
  const { message } = App.useApp();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [last, setLast] = useState<{ appId: number; file: File }>();
  const busy = phase.kind === 'saving' || phase.kind === 'uploading' || phase.kind === 'checking';

  const start = async (file: File) => {
    if (!ACCEPT.some((ext) => file.name.toLowerCase().endsWith(ext))) {
      message.error(`文件“${file.name}”不是 .xlsx 或 .csv 文件`);
      return;
    }
    setPhase({ kind: 'saving' });
    const appId = await prepare();
    if (appId === undefined) {
      setPhase({ kind: 'idle' });
      return;
    }
    setLast({ appId, file });
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const result = await importFile(appId, target, file, (percent) =>
        setPhase(percent >= 100 ? { kind: 'checking' } : { kind: 'uploading', percent }),
      );
      setPhase({ kind: 'imported', text: importedText(result) });
      onImported(result, appId);
    } catch (err) {
      const refusal = refusalOf(err);
      setPhase(refusal ? { kind: 'refused', refusal } : { kind: 'failed', message: errorMessage(err) });
    }
  };

  const annotate = async () => {
    if (last) await downloadAnnotated(last.appId, last.file);
  };

  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={12} wrap>
        {template && (
          <Button href={TEMPLATE_URL} icon={<DownloadOutlined aria-hidden />} download>
            下载模板
          </Button>
        )}
        <Upload
          accept={ACCEPT.join(',')}
          showUploadList={false}
          disabled={disabled || busy}
          beforeUpload={(file) => {
            start(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={busy} disabled={disabled}>
            {buttonText}
          </Button>
        </Upload>
        <Typography.Text type="secondary">
          支持 .xlsx（Excel、WPS、LibreOffice 均可编辑）和 .csv（UTF-8 或 GBK）；文件全部无误才会导入。
        </Typography.Text>
      </Flex>
      {phase.kind === 'saving' && <Typography.Text type="secondary">正在保存业务单…</Typography.Text>}
      {(phase.kind === 'uploading' || phase.kind === 'checking') && (
        <div role="status" aria-label="导入进度">
          <Progress percent={phase.kind === 'uploading' ? phase.percent : 100} status="active" style={{ maxWidth: 480 }} />
          <Typography.Text type="secondary">{phase.kind === 'uploading' ? '正在上传文件…' : '正在逐行校验，请稍候…'}</Typography.Text>
        </div>
      )}
      {phase.kind === 'imported' && <Alert type="success" showIcon title={phase.text} />}
      {phase.kind === 'failed' && <Alert type="error" showIcon role="alert" title="导入失败" description={phase.message} />}
      {phase.kind === 'refused' && <ImportRefusal refusal={phase.refusal} onDownload={target === 'houses' ? annotate : undefined} />}
    </Flex>
  );
}
