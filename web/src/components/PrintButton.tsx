import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';

/** Opens an A4 print view in a new tab, leaving the workspace where it is. */
export function PrintButton({ path, children }: { path: string; children: string }) {
  return (
    <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.open(path, '_blank', 'noopener')}>
      {children}
    </Button>
  );
}
