import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';

/** Opens an A4 print view in a new tab, leaving the workspace where it is. */
export function PrintButton({ path, children }: { path: string; children: string }) {
  return (
    // Printing changes nothing, so it stays available inside a form disabled for the reader's role.
    <Button icon={<PrinterOutlined aria-hidden />} disabled={false} onClick={() => window.open(path, '_blank', 'noopener')}>
      {children}
    </Button>
  );
}
