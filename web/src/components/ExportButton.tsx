import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { requestFile } from '../api/client';
import { saveResponse } from '../lib/download';
import { errorMessage } from '../lib/serverErrors';

/** Downloads an Excel export of what the page shows (the server builds it; money comes as numbers). */
export function ExportButton({ url, fileName, children = '导出 Excel' }: { url: string; fileName: string; children?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await saveResponse(await requestFile(url), fileName);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} disabled={false} onClick={() => void run()}>
      {children}
    </Button>
  );
}
